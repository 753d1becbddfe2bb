//! loom tests of the map's two protocols (exhaustive C11 exploration of small maps).
//!
//! Run: `RUSTFLAGS="--cfg orderlab_loom" cargo test --release --test map_loom -- --test-threads=1`
//! (`ci/loom.sh`). Under loom the map never frees (every policy quarantines and poisons), and a
//! reader counts in `violations()` what it would have suffered, so each test asserts
//! `violations() == 0`: it passes with `SeqCst` and loom finds the interleaving that breaks it
//! with the weaker policies (those tests expect the panic).
//!
//! loom treats SeqCst *accesses* like AcqRel; the SeqCst policy's handshake uses SeqCst
//! *fences*, which loom models, so its verdict here is meaningful.
#![cfg(orderlab_loom)]

use loom::thread;
use orderlab::map::{AcqRel, ConcurrentMap, Policy, Relaxed, SeqCst};
use std::hash::{BuildHasherDefault, DefaultHasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

type Map<P> = ConcurrentMap<u64, u64, BuildHasherDefault<DefaultHasher>, P>;

fn model(f: impl Fn() + Sync + Send + 'static) {
    let mut b = loom::model::Builder::new();
    // Bounded preemptions keep the growth test tractable; 3 is enough for every bug below.
    // (`LOOM_MAX_PREEMPTIONS`, read by `Builder::new`, overrides it.)
    if b.preemption_bound.is_none() {
        b.preemption_bound = Some(3);
    }
    let runs = Arc::new(AtomicUsize::new(0));
    let counter = runs.clone();
    b.check(move || {
        counter.fetch_add(1, Ordering::Relaxed);
        f()
    });
    // Printed with `--nocapture`: how many executions loom explored.
    println!("loom explored {} executions", runs.load(Ordering::Relaxed));
}

/// Every violation counter is zero (the whole map is correct under this policy).
fn all_clear<P: Policy>(m: &Map<P>) {
    assert_eq!(m.violations(), 0, "{:?}", m.violation_counts());
}

/// Handshake: `clear` retires the table a concurrent `get` may be reading.
fn handshake<P: Policy>() {
    model(|| {
        let m = Arc::new(Map::<P>::default());
        m.insert(1, 10);
        let r = {
            let m = m.clone();
            thread::spawn(move || m.get(&1))
        };
        m.clear();
        let got = r.join().unwrap();
        assert!(got == Some(10) || got.is_none());
        let v = m.violation_counts();
        assert_eq!(
            v.reclamation, 0,
            "a reader used a table the writer would have freed"
        );
        assert_eq!(v.publication + v.growth, 0);
    });
}

/// Publication: `get` concurrent with the `insert` that publishes the slot.
fn publish<P: Policy>() {
    model(|| {
        let m = Arc::new(Map::<P>::default());
        let r = {
            let m = m.clone();
            thread::spawn(move || m.get(&1))
        };
        m.insert(1, 10);
        let got = r.join().unwrap();
        assert!(got == Some(10) || got.is_none());
        let v = m.violation_counts();
        assert_eq!(
            v.publication, 0,
            "a reader saw a published slot with stale words"
        );
    });
}

/// Replacement: a value cell retired by `insert` while a reader may hold it.
fn replace<P: Policy>() {
    model(|| {
        let m = Arc::new(Map::<P>::default());
        m.insert(1, 10);
        let r = {
            let m = m.clone();
            thread::spawn(move || m.get(&1))
        };
        m.insert(1, 11);
        let got = r.join().unwrap();
        assert!(got == Some(10) || got == Some(11), "{got:?}");
        let v = m.violation_counts();
        assert_eq!(
            v.reclamation, 0,
            "a reader used a value the writer would have freed"
        );
    });
}

/// Growth: the 9th insert grows the one-bucket table; a reader looks for an old key meanwhile.
fn grow<P: Policy>() {
    model(|| {
        let m = Arc::new(Map::<P>::default());
        for k in 0..8 {
            m.insert(k, k);
        }
        let r = {
            let m = m.clone();
            thread::spawn(move || m.get(&3))
        };
        m.insert(8, 8);
        // The repair path answers correctly even when the new copy was not visible ...
        assert_eq!(r.join().unwrap(), Some(3));
        // ... but the miss itself is a violation.
        let v = m.violation_counts();
        assert_eq!(v.growth, 0, "a key present before growth was missed");
    });
}

#[test]
fn handshake_seqcst_is_safe() {
    handshake::<SeqCst>();
}

/// With SeqCst, nothing at all is counted in any of the scenarios, growth included.
#[test]
fn seqcst_counts_nothing_during_growth_and_replacement() {
    model(|| {
        let m = Arc::new(Map::<SeqCst>::default());
        for k in 0..8 {
            m.insert(k, k);
        }
        let r = {
            let m = m.clone();
            thread::spawn(move || (m.get(&3), m.get(&1)))
        };
        m.insert(8, 8);
        m.insert(1, 100);
        let (a, b) = r.join().unwrap();
        assert_eq!(a, Some(3));
        assert!(b == Some(1) || b == Some(100));
        all_clear(&m);
    });
}

#[test]
#[should_panic(expected = "would have freed")]
fn handshake_acqrel_is_broken() {
    handshake::<AcqRel>();
}

#[test]
#[should_panic(expected = "would have freed")]
fn handshake_relaxed_is_broken() {
    handshake::<Relaxed>();
}

#[test]
fn replace_seqcst_is_safe() {
    replace::<SeqCst>();
}

#[test]
#[should_panic(expected = "would have freed")]
fn replace_acqrel_is_broken() {
    replace::<AcqRel>();
}

#[test]
fn publish_seqcst_is_safe() {
    publish::<SeqCst>();
}

#[test]
fn publish_acqrel_is_safe() {
    publish::<AcqRel>();
}

#[test]
#[should_panic(expected = "stale words")]
fn publish_relaxed_is_broken() {
    publish::<Relaxed>();
}

#[test]
fn grow_seqcst_is_safe() {
    grow::<SeqCst>();
}

#[test]
fn grow_acqrel_is_safe() {
    grow::<AcqRel>();
}

#[test]
#[should_panic(expected = "was missed")]
fn grow_relaxed_is_broken() {
    grow::<Relaxed>();
}
