//! loom tests of the handoffs and lock patterns the claims catalogue teaches (C12, C13, C15,
//! C26, C27, C59, C77): exhaustive exploration of std's Mutex, RwLock, channel and thread
//! spawn as loom models them, and of the map's iteration with a concurrent writer.
//!
//! Run: `RUSTFLAGS="--cfg orderlab_loom" cargo test --release --test std_loom` (`ci/loom.sh`).
//! The data is written and read with Relaxed atomics, so only the handoff itself can order
//! it: a test that passes shows the handoff publishes, one that is expected to panic shows
//! loom finding the interleaving that breaks a pattern.
#![cfg(orderlab_loom)]

use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::sync::{mpsc, Arc, Mutex, RwLock};
use loom::thread;
use orderlab::map::{ConcurrentMap, SeqCst};
use std::hash::{BuildHasherDefault, DefaultHasher};

fn model(f: impl Fn() + Sync + Send + 'static) {
    let mut b = loom::model::Builder::new();
    if b.preemption_bound.is_none() {
        b.preemption_bound = Some(3);
    }
    b.check(f);
}

/// C12: data written before unlock is seen by whoever locks after the unlock.
#[test]
fn mutex_handoff_publishes_data_written_before_unlock() {
    model(|| {
        let data = Arc::new(AtomicUsize::new(0));
        let m = Arc::new(Mutex::new(false));
        let w = {
            let (data, m) = (data.clone(), m.clone());
            thread::spawn(move || {
                let mut g = m.lock().unwrap();
                // Relaxed: only the mutex orders it.
                data.store(42, Ordering::Relaxed);
                *g = true;
            })
        };
        let ready = *m.lock().unwrap();
        if ready {
            // Relaxed: ordered by the lock taken after the writer's unlock.
            assert_eq!(data.load(Ordering::Relaxed), 42);
        }
        w.join().unwrap();
    });
}

/// C13, C15: what is written before a send is visible after the receive.
#[test]
fn channel_handoff_publishes_data_written_before_send() {
    model(|| {
        let data = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = mpsc::channel::<usize>();
        let w = {
            let data = data.clone();
            thread::spawn(move || {
                // Relaxed: only the channel orders it.
                data.store(7, Ordering::Relaxed);
                tx.send(1).unwrap();
            })
        };
        assert_eq!(rx.recv().unwrap(), 1);
        // Relaxed: ordered by the receive.
        assert_eq!(data.load(Ordering::Relaxed), 7);
        w.join().unwrap();
    });
}

/// C77: writes before spawning a thread are visible in it.
#[test]
fn spawn_publishes_initialisation() {
    model(|| {
        let data = Arc::new(AtomicUsize::new(0));
        // Relaxed: thread spawn orders it.
        data.store(3, Ordering::Relaxed);
        let d = data.clone();
        let t = thread::spawn(move || {
            // Relaxed: ordered by the spawn.
            d.load(Ordering::Relaxed)
        });
        assert_eq!(t.join().unwrap(), 3);
    });
}

/// C26: iterating under a read guard while every writer takes the write lock sees a
/// consistent state (the writer keeps the sum at 2).
#[test]
fn iteration_under_a_read_lock_is_consistent_when_writers_lock() {
    model(|| {
        let m = Arc::new(RwLock::new([1u64, 1]));
        let w = {
            let m = m.clone();
            thread::spawn(move || {
                let mut g = m.write().unwrap();
                g[0] -= 1;
                g[1] += 1;
            })
        };
        let sum: u64 = m.read().unwrap().iter().sum();
        assert_eq!(sum, 2);
        w.join().unwrap();
    });
}

fn get_then_insert(whole_unit: bool) {
    model(move || {
        let m = Arc::new(Mutex::new(0u64));
        let ts: Vec<_> = (0..2)
            .map(|_| {
                let m = m.clone();
                thread::spawn(move || {
                    if whole_unit {
                        let mut g = m.lock().unwrap();
                        *g += 1;
                    } else {
                        let v = *m.lock().unwrap();
                        *m.lock().unwrap() = v + 1;
                    }
                })
            })
            .collect();
        for t in ts {
            t.join().unwrap();
        }
        assert_eq!(*m.lock().unwrap(), 2, "an update was lost");
    });
}

/// C27: one lock around get and insert loses nothing.
#[test]
fn get_then_insert_under_one_lock_loses_nothing() {
    get_then_insert(true);
}

/// C27: a lock around each operation loses an update in some interleaving (loom finds it).
#[test]
#[should_panic(expected = "an update was lost")]
fn get_then_insert_with_a_lock_per_operation_loses_updates() {
    get_then_insert(false);
}

/// C59: removing keys inside the map's own iteration while another thread inserts: no key is
/// yielded twice, and the removed keys are gone.
#[test]
fn map_removal_during_iteration_with_a_concurrent_writer() {
    type Map = ConcurrentMap<u64, u64, BuildHasherDefault<DefaultHasher>, SeqCst>;
    model(|| {
        let m = Arc::new(Map::default());
        m.insert(1, 1);
        m.insert(2, 2);
        let w = {
            let m = m.clone();
            thread::spawn(move || {
                m.insert(3, 3);
            })
        };
        let mut seen = Vec::new();
        for (k, _) in m.iter() {
            assert!(!seen.contains(&k), "key {k} yielded twice");
            seen.push(k);
            m.remove(&k);
        }
        assert!(
            seen.contains(&1) && seen.contains(&2),
            "stable keys seen: {seen:?}"
        );
        w.join().unwrap();
        assert_eq!(m.get(&1), None);
        assert_eq!(m.get(&2), None);
        assert_eq!(m.violations(), 0);
    });
}
