//! Map facts about sharing and iteration: which types may be shared between threads (decided
//! by the compiler, reported at run time), iteration during writes and removal during
//! iteration, and whole-map atomicity of operations under concurrent writers.

use super::evidence::FactEv;
use crate::map::ConcurrentMap;
use std::cell::Cell;
use std::collections::{BTreeSet, HashMap};
use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// `Probe::<T>::SYNC` is `true` when `T: Sync`: the inherent constant exists only then, and
/// the trait's `false` is found otherwise (works for concrete types).
struct Probe<T: ?Sized>(PhantomData<T>);

trait NotSync {
    const SYNC: bool = false;
}
impl<T: ?Sized> NotSync for Probe<T> {}

#[allow(dead_code)] // Only the constant is used.
impl<T: ?Sized + Sync> Probe<T> {
    const SYNC: bool = true;
}

/// Which map types the compiler lets several threads share.
pub(crate) fn sync_facts() -> FactEv {
    let mut f = FactEv::default();
    let facts: [(&str, &str, bool); 6] = [
        (
            "sync_map_u64",
            "ConcurrentMap<u64, u64>",
            Probe::<ConcurrentMap<u64, u64>>::SYNC,
        ),
        (
            "sync_map_cell",
            "ConcurrentMap<u64, Cell<u64>>",
            Probe::<ConcurrentMap<u64, Cell<u64>>>::SYNC,
        ),
        (
            "sync_map_rc",
            "ConcurrentMap<u64, Rc<u64>>",
            Probe::<ConcurrentMap<u64, Rc<u64>>>::SYNC,
        ),
        (
            "sync_map_arc_mutex_map",
            "ConcurrentMap<u64, Arc<Mutex<HashMap<u64, u64>>>>",
            Probe::<ConcurrentMap<u64, Arc<Mutex<HashMap<u64, u64>>>>>::SYNC,
        ),
        (
            "sync_std_hashmap",
            "HashMap<u64, u64> (a frozen map)",
            Probe::<HashMap<u64, u64>>::SYNC,
        ),
        (
            "sync_cell_hashmap",
            "HashMap<u64, Cell<u64>>",
            Probe::<HashMap<u64, Cell<u64>>>::SYNC,
        ),
    ];
    let mut parts = Vec::new();
    for (k, ty, sync) in facts {
        f.set(k, f64::from(u8::from(sync)));
        parts.push(format!("{ty}: {}", if sync { "Sync" } else { "not Sync" }));
    }
    // A frozen std HashMap read by several threads at once, without a lock.
    let frozen: HashMap<u64, u64> = (0..10_000).map(|k| (k, k * 3)).collect();
    let wrong: usize = std::thread::scope(|s| {
        let hs: Vec<_> = (0..2)
            .map(|t| {
                let m = &frozen;
                s.spawn(move || {
                    (0..200_000u64)
                        .filter(|i| {
                            m.get(&((i * 7 + t) % 10_000)) != Some(&(((i * 7 + t) % 10_000) * 3))
                        })
                        .count()
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap_or(usize::MAX)).sum()
    });
    f.set("frozen_reads", 400_000.0);
    f.set("frozen_wrong", wrong as f64);
    f.line(format!(
        "decided by the compiler: {}; a frozen HashMap<u64, u64> read by 2 threads without a \
         lock: {wrong} wrong answers in 400000 lookups",
        parts.join("; ")
    ));
    f
}

/// Iteration while another thread inserts and removes: stable keys exactly once, no key twice.
pub(crate) fn iter_concurrent() -> FactEv {
    let mut f = FactEv::default();
    let m: ConcurrentMap<u64, u64> = ConcurrentMap::new();
    let stable = 500u64;
    for k in 0..stable {
        m.insert(k, k);
    }
    let stop = AtomicBool::new(false);
    let (mut iters, mut missing, mut twice, mut extra_seen) = (0u64, 0u64, 0u64, 0u64);
    std::thread::scope(|s| {
        s.spawn(|| {
            // Churn over a window of 1024 other keys: inserts, replacements and removals that
            // grow the table (and compact it) without growing the map without bound.
            let mut i = 0u64;
            // Relaxed: a stop flag; the scope's join orders everything else.
            while !stop.load(Ordering::Relaxed) {
                let k = 1_000_000 + i % 1024;
                m.insert(k, i);
                if i.is_multiple_of(3) {
                    m.remove(&(1_000_000 + (i + 512) % 1024));
                }
                i += 1;
            }
        });
        for _ in 0..200 {
            let mut seen = BTreeSet::new();
            for (k, _) in m.iter() {
                if !seen.insert(k) {
                    twice += 1;
                }
                extra_seen += u64::from(k >= stable);
            }
            missing += (0..stable).filter(|k| !seen.contains(k)).count() as u64;
            iters += 1;
        }
        // Relaxed: see above.
        stop.store(true, Ordering::Relaxed);
    });
    f.set("iterations", iters as f64);
    f.set("stable_missing", missing as f64);
    f.set("seen_twice", twice as f64);
    f.set("concurrent_seen", extra_seen as f64);
    f.line(format!(
        "{iters} iterations of a map whose 500 stable keys stay put while another thread \
         inserts, replaces and removes 1024 others (growing and compacting the table): stable \
         keys missed {missing} times, \
         a key yielded twice {twice} times, keys changed meanwhile seen {extra_seen} times (may \
         or may not be: not a snapshot)"
    ));
    f
}

/// Removing keys from inside the map's own iteration.
pub(crate) fn iter_remove() -> FactEv {
    let mut f = FactEv::default();
    let (mut rounds, mut twice, mut left, mut panics) = (0u64, 0u64, 0u64, 0u64);
    for n in [10u64, 100, 1000, 5000] {
        let m: ConcurrentMap<u64, u64> = ConcurrentMap::new();
        for k in 0..n {
            m.insert(k, k);
        }
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut seen = BTreeSet::new();
            let mut dup = 0u64;
            for (k, _) in m.iter() {
                if !seen.insert(k) {
                    dup += 1;
                }
                m.remove(&k);
            }
            dup
        }));
        rounds += 1;
        match r {
            Ok(d) => twice += d,
            Err(_) => panics += 1,
        }
        left += m.len() as u64;
    }
    f.set("rounds", rounds as f64);
    f.set("seen_twice", twice as f64);
    f.set("left", left as f64);
    f.set("panics", panics as f64);
    f.line(format!(
        "{rounds} maps (10 to 5000 keys) emptied by removing every key from inside their own \
         iteration: {panics} panics, {twice} keys yielded twice, {left} keys left"
    ));
    f
}

/// Operations are atomic over the whole map: no torn or foreign value while a writer works.
pub(crate) fn linearizable() -> FactEv {
    let mut f = FactEv::default();
    let m: ConcurrentMap<u64, (u64, u64)> = ConcurrentMap::new();
    let stop = AtomicBool::new(false);
    let (mut gets, mut torn) = (0u64, 0u64);
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut i = 0u64;
            // Relaxed: a stop flag.
            while !stop.load(Ordering::Relaxed) {
                let k = i % 4096;
                m.insert(k, (k, !k ^ i));
                if i.is_multiple_of(5) {
                    m.remove(&((i * 7) % 4096));
                }
                i += 1;
            }
        });
        for i in 0..400_000u64 {
            let k = (i * 13) % 4096;
            if let Some((a, _)) = m.get(&k) {
                torn += u64::from(a != k);
            }
            gets += 1;
        }
        // Relaxed: see above.
        stop.store(true, Ordering::Relaxed);
    });
    f.set("gets", gets as f64);
    f.set("torn", torn as f64);
    f.line(format!(
        "{gets} gets while another thread inserted, replaced and removed keys (growing the \
         table): {torn} returned another key's value"
    ));
    f
}
