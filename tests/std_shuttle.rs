//! shuttle tests of the lock patterns the claims catalogue teaches (C26, C27, C58, C59):
//! random and PCT schedules, sequentially consistent, over more operations than loom can
//! explore exhaustively.
//!
//! Run: `cargo test --release --features shuttle --test std_shuttle` (`ci/shuttle.sh`).
#![cfg(feature = "shuttle")]

use orderlab::map::{ConcurrentMap, SeqCst};
use shuttle::sync::{Arc, Mutex, RwLock};
use shuttle::thread;
use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, DefaultHasher};

type Map = ConcurrentMap<u64, u64, BuildHasherDefault<DefaultHasher>, SeqCst>;

fn iters(default: usize) -> usize {
    std::env::var("SHUTTLE_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Two threads do get-then-insert(v + 1) 5 times each on a Mutex<HashMap>.
fn counter(whole_unit: bool) {
    let m = Arc::new(Mutex::new(HashMap::from([(0u64, 0u64)])));
    let ts: Vec<_> = (0..2)
        .map(|_| {
            let m = m.clone();
            thread::spawn(move || {
                for _ in 0..5 {
                    if whole_unit {
                        let mut g = m.lock().unwrap();
                        let v = g[&0];
                        g.insert(0, v + 1);
                    } else {
                        let v = m.lock().unwrap()[&0];
                        m.lock().unwrap().insert(0, v + 1);
                    }
                }
            })
        })
        .collect();
    for t in ts {
        t.join().unwrap();
    }
    assert_eq!(m.lock().unwrap()[&0], 10, "an update was lost");
}

/// C27: one lock around the whole unit never loses an update.
#[test]
fn get_then_insert_under_one_lock() {
    shuttle::check_random(|| counter(true), iters(2000));
}

/// C27: a lock per operation loses updates (the random scheduler finds one).
#[test]
#[should_panic(expected = "an update was lost")]
fn get_then_insert_with_a_lock_per_operation() {
    shuttle::check_random(|| counter(false), iters(2000));
}

/// C26: iterations under a read guard always see the writer's invariant (sum 40) while the
/// writer moves units between keys under the write lock.
#[test]
fn rwlock_iteration_sees_no_torn_state() {
    shuttle::check_pct(
        || {
            let m = Arc::new(RwLock::new(
                (0..4u64).map(|k| (k, 10u64)).collect::<HashMap<_, _>>(),
            ));
            let w = {
                let m = m.clone();
                thread::spawn(move || {
                    for i in 0..6u64 {
                        let mut g = m.write().unwrap();
                        *g.get_mut(&(i % 4)).unwrap() -= 1;
                        *g.get_mut(&((i + 1) % 4)).unwrap() += 1;
                    }
                })
            };
            for _ in 0..3 {
                let sum: u64 = m.read().unwrap().values().sum();
                assert_eq!(sum, 40);
            }
            w.join().unwrap();
        },
        iters(2000),
        3,
    );
}

/// C58, C59: iterating the lab map while another thread inserts and removes, and removing
/// from inside the iteration: stable keys exactly once, no key twice.
#[test]
fn map_iteration_with_writers_and_removal() {
    shuttle::check_random(
        || {
            let m = Arc::new(Map::default());
            for k in 0..20u64 {
                m.insert(k, k);
            }
            let w = {
                let m = m.clone();
                thread::spawn(move || {
                    for k in 100..130u64 {
                        m.insert(k, k);
                        if k % 3 == 0 {
                            m.remove(&(k - 1));
                        }
                    }
                })
            };
            let mut seen = BTreeSet::new();
            for (k, _) in m.iter() {
                assert!(seen.insert(k), "key {k} yielded twice");
                if k < 20 && k % 2 == 0 {
                    m.remove(&k);
                }
            }
            assert!(
                (0..20).all(|k| seen.contains(&k)),
                "a stable key was missed"
            );
            w.join().unwrap();
            assert!((0..20).step_by(2).all(|k| m.get(&k).is_none()));
        },
        iters(500),
    );
}
