//! shuttle tests of the map: randomized and PCT schedules over larger maps, many iterations.
//!
//! Run: `cargo test --release --features shuttle --test map_shuttle` (`ci/shuttle.sh`;
//! `SHUTTLE_ITERS` overrides the iteration count). shuttle explores interleavings under
//! sequential consistency, so it checks the map's logic (growth, evacuation, tombstones,
//! reclamation bookkeeping) across schedules, not its orderings: that is loom's job.
#![cfg(feature = "shuttle")]

use orderlab::map::{ConcurrentMap, SeqCst};
use shuttle::sync::Arc;
use shuttle::thread;
use std::hash::{BuildHasherDefault, DefaultHasher};

type Map = ConcurrentMap<u64, u64, BuildHasherDefault<DefaultHasher>, SeqCst>;

fn iters(default: usize) -> usize {
    std::env::var("SHUTTLE_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Two writers grow the map from one bucket while a reader checks stable keys and iterates.
fn grow_while_reading() {
    let m = Arc::new(Map::default());
    const STABLE: u64 = 12;
    for k in 0..STABLE {
        m.insert(k, k * 10);
    }
    let writers: Vec<_> = (0..2u64)
        .map(|w| {
            let m = m.clone();
            thread::spawn(move || {
                for i in 0..40u64 {
                    let k = 1000 + w * 1000 + i;
                    assert_eq!(m.insert(k, k), None);
                    if i % 4 == 3 {
                        assert_eq!(m.remove(&(k - 1)), Some(k - 1));
                    }
                }
            })
        })
        .collect();
    let reader = {
        let m = m.clone();
        thread::spawn(move || {
            for round in 0..3 {
                for k in 0..STABLE {
                    assert_eq!(
                        m.get(&k),
                        Some(k * 10),
                        "stable key {k} lost in round {round}"
                    );
                }
                let seen: Vec<_> = m.iter().filter(|(k, _)| *k < STABLE).collect();
                assert_eq!(seen.len() as u64, STABLE, "iteration lost a stable key");
            }
        })
    };
    for w in writers {
        w.join().unwrap();
    }
    reader.join().unwrap();
    assert_eq!(m.len() as u64, STABLE + 2 * 30);
    for w in 0..2u64 {
        for i in 0..40u64 {
            let k = 1000 + w * 1000 + i;
            let want = if i % 4 == 2 { None } else { Some(k) };
            assert_eq!(m.get(&k), want);
        }
    }
    assert_eq!(m.violations(), 0);
}

/// Readers and a writer that replaces values: a reader sees only values that were stored,
/// in order (values of one key only increase).
fn replace_monotonic() {
    let m = Arc::new(Map::default());
    for k in 0..20 {
        m.insert(k, 0);
    }
    let writer = {
        let m = m.clone();
        thread::spawn(move || {
            for v in 1..=5u64 {
                for k in 0..20 {
                    assert_eq!(m.insert(k, v), Some(v - 1));
                }
            }
        })
    };
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let m = m.clone();
            thread::spawn(move || {
                let mut last = [0u64; 20];
                for _ in 0..3 {
                    for k in 0..20u64 {
                        let v = m.get(&k).expect("key never removed");
                        assert!(
                            v >= last[k as usize] && v <= 5,
                            "key {k}: {v} after {}",
                            last[k as usize]
                        );
                        last[k as usize] = v;
                    }
                }
            })
        })
        .collect();
    writer.join().unwrap();
    for r in readers {
        r.join().unwrap();
    }
    assert_eq!(m.violations(), 0);
}

/// `clear` racing with readers and a writer.
fn clear_races() {
    let m = Arc::new(Map::default());
    for k in 0..30 {
        m.insert(k, k);
    }
    let c = {
        let m = m.clone();
        thread::spawn(move || m.clear())
    };
    let w = {
        let m = m.clone();
        thread::spawn(move || {
            for k in 100..120 {
                m.insert(k, k);
            }
        })
    };
    let r = {
        let m = m.clone();
        thread::spawn(move || {
            for k in 0..30 {
                let v = m.get(&k);
                assert!(v.is_none() || v == Some(k));
            }
        })
    };
    c.join().unwrap();
    w.join().unwrap();
    r.join().unwrap();
    // Every key of the writer inserted after the clear is present, none before it is.
    for k in 0..30 {
        assert_eq!(m.get(&k), None);
    }
    let n = (100..120).filter(|k| m.get(k) == Some(*k)).count();
    assert_eq!(m.len(), n);
}

#[test]
fn grow_while_reading_random() {
    shuttle::check_random(grow_while_reading, iters(2000));
}

#[test]
fn grow_while_reading_pct() {
    shuttle::check_pct(grow_while_reading, iters(2000), 3);
}

#[test]
fn replace_monotonic_random() {
    shuttle::check_random(replace_monotonic, iters(2000));
}

#[test]
fn replace_monotonic_pct() {
    shuttle::check_pct(replace_monotonic, iters(2000), 3);
}

#[test]
fn clear_races_random() {
    shuttle::check_random(clear_races, iters(2000));
}

#[test]
fn clear_races_pct() {
    shuttle::check_pct(clear_races, iters(2000), 3);
}
