//! Programs: small Rust programs run in-process on this machine's hardware (std threads,
//! atomics, locks and channels), each counting what the claim says can or cannot happen.
//! None has a data race: each shows what the language guarantees or what a protocol misses,
//! and names the platform it ran on.

use super::evidence::FactEv;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{mpsc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// How much work a program does.
#[derive(Clone, Copy)]
pub(crate) struct Size {
    pub rounds: u64,
}

/// The named program, or why there is none.
pub(crate) fn program(name: &str, size: Size) -> Result<FactEv, String> {
    Ok(match name {
        "spin-visibility" => spin_visibility(size),
        "relaxed-counter" => relaxed_counter(size),
        "flag-bits" => flag_bits(size),
        "lost-update" => lost_update(size),
        "rwlock-iteration" => rwlock_iteration(size),
        "channel-handoff" => channel_handoff(size),
        "mutex-handoff" => mutex_handoff(size),
        other => return Err(format!("no program `{other}`")),
    })
}

/// A reader spins on a Relaxed flag that another thread sets once: does it always see it?
fn spin_visibility(size: Size) -> FactEv {
    let mut f = FactEv::default();
    let trials = (size.rounds / 100).clamp(20, 2000);
    let (mut seen, mut timeouts) = (0u64, 0u64);
    let mut lat: Vec<f64> = Vec::new();
    let limit = Duration::from_secs(1);
    for _ in 0..trials {
        let flag = AtomicBool::new(false);
        let stamp = AtomicU64::new(0);
        let t0 = Instant::now();
        let ok = std::thread::scope(|s| {
            let r = s.spawn(|| {
                // Relaxed: the question is whether a Relaxed store becomes visible at all.
                while !flag.load(Ordering::Relaxed) {
                    if t0.elapsed() > limit {
                        return None;
                    }
                    std::hint::spin_loop();
                }
                Some(t0.elapsed())
            });
            std::thread::sleep(Duration::from_micros(50));
            // Relaxed: a timestamp for the latency figure.
            stamp.store(t0.elapsed().as_nanos() as u64, Ordering::Relaxed);
            // Relaxed: the store under test.
            flag.store(true, Ordering::Relaxed);
            r.join().ok().flatten()
        });
        match ok {
            Some(at) => {
                seen += 1;
                // Relaxed: written before the flag by this thread, read after the join.
                let set = stamp.load(Ordering::Relaxed) as f64;
                lat.push((at.as_nanos() as f64 - set).max(0.0));
            }
            None => timeouts += 1,
        }
    }
    lat.sort_by(f64::total_cmp);
    let med = lat.get(lat.len() / 2).copied().unwrap_or(f64::NAN);
    let max = lat.last().copied().unwrap_or(f64::NAN);
    f.set("trials", trials as f64);
    f.set("seen", seen as f64);
    f.set("timeouts", timeouts as f64);
    f.set("median_ns", med);
    f.set("max_ns", max);
    f.line(format!(
        "{seen} of {trials} readers spinning on a Relaxed flag saw another thread's single \
         store ({timeouts} waited over 1 s); seen a median {:.1} µs after the store (max {:.1} \
         µs, thread wake-up and scheduling included): caches are coherent, nobody flushes them",
        med / 1e3,
        max / 1e3
    ));
    f
}

/// Two threads × N Relaxed fetch_add on one counter: the total is 2N.
fn relaxed_counter(size: Size) -> FactEv {
    let mut f = FactEv::default();
    let n = size.rounds.max(10_000);
    let c = AtomicU64::new(0);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                for _ in 0..n {
                    // Relaxed: the counter needs atomicity, not ordering.
                    c.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    // Relaxed: read after the scope joined both threads.
    let total = c.load(Ordering::Relaxed);
    f.set("expected", (2 * n) as f64);
    f.set("total", total as f64);
    f.line(format!(
        "2 threads x {n} Relaxed fetch_add(1): total {total} of {}",
        2 * n
    ));
    f
}

/// Set two bits of fresh flag words from two threads at once: by fetch_or, by whole-word
/// store.
fn flag_bits(size: Size) -> FactEv {
    let mut f = FactEv::default();
    let words = (size.rounds / 4).clamp(10_000, 1_000_000) as usize;
    let run = |or: bool| -> u64 {
        let v: Vec<AtomicU32> = (0..words).map(|_| AtomicU32::new(0)).collect();
        let go = AtomicBool::new(false);
        std::thread::scope(|s| {
            for bit in [1u32, 2] {
                let (v, go) = (&v, &go);
                s.spawn(move || {
                    // Relaxed: a start flag; both threads then race over the same words.
                    while !go.load(Ordering::Relaxed) {
                        std::hint::spin_loop();
                    }
                    for w in v {
                        if or {
                            // Relaxed: atomicity of the read-modify-write is the question.
                            w.fetch_or(bit, Ordering::Relaxed);
                        } else {
                            // Relaxed: a whole-word store, as atomic.StoreUint32.
                            w.store(bit, Ordering::Relaxed);
                        }
                    }
                });
            }
            // Relaxed: see above.
            go.store(true, Ordering::Relaxed);
        });
        // Relaxed: read after the scope joined the threads.
        v.iter().filter(|w| w.load(Ordering::Relaxed) != 3).count() as u64
    };
    let (lost_or, lost_store) = (run(true), run(false));
    f.set("words", words as f64);
    f.set("lost_or", lost_or as f64);
    f.set("lost_store", lost_store as f64);
    f.line(format!(
        "two threads set bit 0 and bit 1 of the same {words} words at once: with fetch_or \
         {lost_or} words lost a bit; with whole-word stores {lost_store} did"
    ));
    f
}

/// get-then-insert(v + 1) with a lock around each operation, against one lock around both.
fn lost_update(size: Size) -> FactEv {
    let mut f = FactEv::default();
    let n = (size.rounds / 10).clamp(20_000, 2_000_000);
    let count = |whole: bool| -> u64 {
        let m: Mutex<HashMap<u64, u64>> = Mutex::new(HashMap::from([(0, 0)]));
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    for _ in 0..n {
                        if whole {
                            let mut g = m.lock().unwrap_or_else(|e| e.into_inner());
                            let v = g[&0];
                            g.insert(0, v + 1);
                        } else {
                            let v = m.lock().unwrap_or_else(|e| e.into_inner())[&0];
                            m.lock().unwrap_or_else(|e| e.into_inner()).insert(0, v + 1);
                        }
                    }
                });
            }
        });
        let total = m.lock().unwrap_or_else(|e| e.into_inner())[&0];
        2 * n - total
    };
    let (per_op, whole) = (count(false), count(true));
    f.set("updates", (2 * n) as f64);
    f.set("lost_per_op", per_op as f64);
    f.set("lost_whole", whole as f64);
    f.line(format!(
        "2 threads x {n} get-then-insert(v + 1) on a Mutex<HashMap>: {per_op} updates lost with \
         a lock around each operation, {whole} with one lock around get and insert"
    ));
    f
}

/// Iterate under a read guard while writers move value between keys under the write lock.
fn rwlock_iteration(size: Size) -> FactEv {
    let mut f = FactEv::default();
    let keys = 256u64;
    let m: RwLock<HashMap<u64, i64>> = RwLock::new((0..keys).map(|k| (k, 100)).collect());
    let want = 100 * keys as i64;
    let iters = (size.rounds / 1000).clamp(200, 20_000);
    let stop = AtomicBool::new(false);
    let (mut torn, mut blocked) = (0u64, 0u64);
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut i = 0u64;
            // Relaxed: a stop flag.
            while !stop.load(Ordering::Relaxed) {
                let mut g = m.write().unwrap_or_else(|e| e.into_inner());
                // Move one unit from one key to another: the sum stays `want` between writes.
                *g.entry(i % keys).or_default() -= 1;
                *g.entry((i * 31 + 7) % keys).or_default() += 1;
                drop(g);
                i += 1;
            }
        });
        for _ in 0..iters {
            let g = m.read().unwrap_or_else(|e| e.into_inner());
            let sum: i64 = g.values().sum();
            torn += u64::from(sum != want);
            // While a read guard is held, a writer cannot take the write lock.
            blocked += u64::from(m.try_write().is_err());
            drop(g);
        }
        // Relaxed: see above.
        stop.store(true, Ordering::Relaxed);
    });
    f.set("iterations", iters as f64);
    f.set("torn", torn as f64);
    f.set("try_write_refused", blocked as f64);
    f.line(format!(
        "{iters} iterations of a RwLock<HashMap> under a read guard while a writer moved units \
         between keys under the write lock: {torn} saw an inconsistent sum; try_write was \
         refused {blocked} of {iters} times while the read guard was held (a delete that skips \
         the lock does not compile in safe Rust)"
    ));
    f
}

/// Fill a HashMap, send it over a channel, check it on the other side.
fn channel_handoff(size: Size) -> FactEv {
    let mut f = FactEv::default();
    let trials = (size.rounds / 1000).clamp(100, 10_000);
    let entries = 64u64;
    let mut missing = 0u64;
    for t in 0..trials {
        let (tx, rx) = mpsc::channel::<HashMap<u64, u64>>();
        missing += std::thread::scope(|s| {
            s.spawn(move || {
                let m: HashMap<u64, u64> = (0..entries).map(|k| (k, k ^ t)).collect();
                let _ = tx.send(m);
            });
            let got = rx.recv().unwrap_or_default();
            (0..entries)
                .filter(|k| got.get(k) != Some(&(k ^ t)))
                .count() as u64
        });
    }
    f.set("trials", trials as f64);
    f.set("missing", missing as f64);
    f.line(format!(
        "{trials} HashMaps of {entries} entries filled on one thread and sent over a std \
         channel: {missing} entries missing or stale on the receiving side"
    ));
    f
}

/// Write under a Mutex, unlock; another thread locks after the unlock and reads.
fn mutex_handoff(size: Size) -> FactEv {
    let mut f = FactEv::default();
    let trials = (size.rounds / 100).clamp(1000, 100_000);
    // (round written, round consumed, data).
    let m: Mutex<(u64, u64, [u64; 4])> = Mutex::new((0, 0, [0; 4]));
    let mut stale = 0u64;
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut t = 1u64;
            while t <= trials {
                let mut g = m.lock().unwrap_or_else(|e| e.into_inner());
                // Write round t once the reader consumed round t - 1.
                if g.1 == t - 1 {
                    g.2 = [t; 4];
                    g.0 = t;
                    t += 1;
                }
            }
        });
        let mut next = 1u64;
        while next <= trials {
            let mut g = m.lock().unwrap_or_else(|e| e.into_inner());
            if g.0 == next {
                stale += u64::from(g.2 != [next; 4]);
                g.1 = next;
                next += 1;
            }
        }
    });
    f.set("handoffs", trials as f64);
    f.set("stale", stale as f64);
    f.line(format!(
        "{trials} handoffs through a std Mutex (write 4 words and a round number, unlock; the \
         other thread locks, sees the new round): {stale} saw a stale word"
    ));
    f
}
