//! Stress test: threads insert, get, remove and grow the map concurrently; nothing is lost and
//! nothing is read torn. Runs natively and under qemu-user
//! (`cargo test --target aarch64-unknown-linux-gnu --test map_stress`).
//!
//! `STRESS_OPS` sets the operations per writer (default 20 000; `ci/stress.sh` sets it).
#![cfg(not(any(orderlab_loom, feature = "shuttle")))]

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use orderlab::map::{AcqRel, ConcurrentMap, Policy, Relaxed, SeqCst};

/// A value whose four words are tied together: a torn read (words from two writes) breaks the
/// link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Val([u64; 4]);

impl Val {
    fn new(key: u64, version: u64) -> Val {
        let mix = key.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ version;
        Val([key, version, mix, !mix])
    }
    fn check(&self, key: u64) -> u64 {
        let v = Val::new(key, self.0[1]);
        assert_eq!(*self, v, "torn or foreign value for key {key}");
        self.0[1]
    }
}

fn ops() -> u64 {
    std::env::var("STRESS_OPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000)
}

/// A small xorshift generator (deterministic per thread).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const STABLE: u64 = 500;
const WRITERS: u64 = 2;
const READERS: usize = 2;

fn stress<P: Policy>() {
    let m = ConcurrentMap::<u64, Val, std::hash::RandomState, P>::default();
    for k in 0..STABLE {
        m.insert(k, Val::new(k, 0));
    }
    let n = ops();
    let done = AtomicBool::new(false);
    std::thread::scope(|s| {
        let mut writers = Vec::new();
        for w in 0..WRITERS {
            let m = &m;
            writers.push(s.spawn(move || {
                // Each writer owns the keys ≡ w (mod WRITERS) above STABLE: its model is exact.
                let mut model: HashMap<u64, u64> = HashMap::new();
                let mut rng = Rng(0x1234_5678 + w);
                let range = n / 2 + 16;
                for i in 0..n {
                    let k = STABLE + (rng.next() % range) * WRITERS + w;
                    match rng.next() % 10 {
                        0..=4 => {
                            let prev = m.insert(k, Val::new(k, i)).map(|v| v.check(k));
                            assert_eq!(prev, model.insert(k, i), "insert {k}");
                        }
                        5..=6 => {
                            let prev = m.remove(&k).map(|v| v.check(k));
                            assert_eq!(prev, model.remove(&k), "remove {k}");
                        }
                        _ => {
                            let got = m.get(&k).map(|v| v.check(k));
                            assert_eq!(got, model.get(&k).copied(), "get {k}");
                        }
                    }
                }
                model
            }));
        }
        for r in 0..READERS {
            let (m, done) = (&m, &done);
            s.spawn(move || {
                let mut rng = Rng(0xdead_beef + r as u64);
                let mut rounds = 0u64;
                // Relaxed: a stop flag; the scope's join orders everything else.
                while !done.load(Ordering::Relaxed) || rounds < 3 {
                    rounds += 1;
                    for _ in 0..2_000 {
                        let k = rng.next() % STABLE;
                        let v = m.get(&k).unwrap_or_else(|| panic!("stable key {k} lost"));
                        assert_eq!(v.check(k), 0);
                        // Other keys: any value read must be whole.
                        let k2 = STABLE + rng.next() % (n + 16);
                        if let Some(v) = m.get(&k2) {
                            v.check(k2);
                        }
                    }
                    let mut stable = 0;
                    for (k, v) in m.iter() {
                        v.check(k);
                        stable += (k < STABLE) as u64;
                    }
                    assert_eq!(stable, STABLE, "iteration lost or duplicated a stable key");
                }
            });
        }
        let mut all = HashMap::new();
        for w in writers {
            all.extend(w.join().unwrap());
        }
        // Relaxed: see the readers' loop.
        done.store(true, Ordering::Relaxed);
        for (k, ver) in &all {
            assert_eq!(m.get(k).map(|v| v.check(*k)), Some(*ver), "key {k} lost");
        }
        assert_eq!(m.len() as u64, STABLE + all.len() as u64);
    });
    let v = m.violation_counts();
    if P::FREES {
        assert_eq!(m.violations(), 0, "{v:?}");
    } else {
        // The weak policies may count violations (their reads stay correct: nothing is freed,
        // and a missed key is repaired); print what this platform showed.
        println!("{}: violations {v:?}", P::NAME);
    }
}

#[test]
fn stress_seqcst() {
    stress::<SeqCst>();
}

#[test]
fn stress_acqrel() {
    stress::<AcqRel>();
}

#[test]
fn stress_relaxed() {
    stress::<Relaxed>();
}
