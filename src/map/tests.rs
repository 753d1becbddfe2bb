//! Unit tests of the map (smaller sizes under `cfg(miri)`; Miri is not part of CI).

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

use super::table::{over_load_factor, tophash, MIN_TOP_HASH};
use super::*;

#[cfg(miri)]
const N: u64 = 60;
#[cfg(not(miri))]
const N: u64 = 5_000;

/// A hasher whose hash is the key itself (u64 keys): lets tests aim at buckets.
#[derive(Clone, Copy, Default)]
struct Ident;
struct IdentHasher(u64);
impl Hasher for IdentHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}
impl BuildHasher for Ident {
    type Hasher = IdentHasher;
    fn build_hasher(&self) -> IdentHasher {
        IdentHasher(0)
    }
}

fn each_policy(f: impl Fn(&dyn Fn() -> Box<dyn MapOps>)) {
    f(&|| {
        Box::new(ConcurrentMap::<u64, u64, std::hash::RandomState, SeqCst>::default())
            as Box<dyn MapOps>
    });
    f(&|| {
        Box::new(ConcurrentMap::<u64, u64, std::hash::RandomState, AcqRel>::default())
            as Box<dyn MapOps>
    });
    f(&|| {
        Box::new(ConcurrentMap::<u64, u64, std::hash::RandomState, Relaxed>::default())
            as Box<dyn MapOps>
    });
    f(&|| {
        Box::new(ConcurrentMap::<u64, u64, Ident, SeqCst>::with_hasher(Ident)) as Box<dyn MapOps>
    });
}

/// Object-safe view of a map, to run one test body on every policy and hasher.
trait MapOps {
    fn insert(&self, k: u64, v: u64) -> Option<u64>;
    fn get(&self, k: u64) -> Option<u64>;
    fn remove(&self, k: u64) -> Option<u64>;
    fn len(&self) -> usize;
    fn entries(&self) -> Vec<(u64, u64)>;
    fn clear(&self);
    fn violations(&self) -> u64;
    fn start_growth(&self);
    fn growing(&self) -> bool;
}

impl<S: BuildHasher, P: Policy> MapOps for ConcurrentMap<u64, u64, S, P> {
    fn insert(&self, k: u64, v: u64) -> Option<u64> {
        ConcurrentMap::insert(self, k, v)
    }
    fn get(&self, k: u64) -> Option<u64> {
        ConcurrentMap::get(self, &k)
    }
    fn remove(&self, k: u64) -> Option<u64> {
        ConcurrentMap::remove(self, &k)
    }
    fn len(&self) -> usize {
        ConcurrentMap::len(self)
    }
    fn entries(&self) -> Vec<(u64, u64)> {
        let mut v: Vec<_> = self.iter().collect();
        v.sort();
        v
    }
    fn clear(&self) {
        ConcurrentMap::clear(self)
    }
    fn violations(&self) -> u64 {
        ConcurrentMap::violations(self)
    }
    fn start_growth(&self) {
        self.lab_start_growth()
    }
    fn growing(&self) -> bool {
        self.lab_growing()
    }
}

#[test]
fn tophash_reserves_small_values() {
    for h in [0u64, 1 << 56, 4 << 56, 5 << 56, u64::MAX] {
        assert!(tophash(h) >= MIN_TOP_HASH);
    }
    assert_eq!(tophash(0xab << 56), 0xab);
}

#[test]
fn load_factor_is_go_s() {
    assert!(!over_load_factor(8, 0));
    assert!(over_load_factor(9, 0));
    assert!(!over_load_factor(13, 1));
    assert!(over_load_factor(14, 1));
    assert!(!over_load_factor(26, 2));
    assert!(over_load_factor(27, 2));
}

#[test]
fn insert_get_remove_like_std() {
    each_policy(|make| {
        let m = make();
        let mut model = HashMap::new();
        // A deterministic mix that inserts, overwrites, removes and re-inserts.
        let mut x = 12345u64;
        for _ in 0..N * 3 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let k = x % N;
            match x % 5 {
                0..=2 => assert_eq!(m.insert(k, x), model.insert(k, x)),
                3 => assert_eq!(m.remove(k), model.remove(&k)),
                _ => assert_eq!(m.get(k), model.get(&k).copied()),
            }
            assert_eq!(m.len(), model.len());
        }
        for k in 0..N {
            assert_eq!(m.get(k), model.get(&k).copied(), "key {k}");
        }
        let mut want: Vec<_> = model.into_iter().collect();
        want.sort();
        assert_eq!(m.entries(), want);
        assert_eq!(m.violations(), 0, "single-threaded use never violates");
    });
}

#[test]
fn grows_and_iterates_during_growth() {
    each_policy(|make| {
        let m = make();
        for k in 0..N {
            assert_eq!(m.insert(k, k * 2), None);
            // Every key stays readable at every step of the incremental evacuation.
            if k % 7 == 0 {
                for j in (0..=k).step_by(13) {
                    assert_eq!(m.get(j), Some(j * 2));
                }
                assert_eq!(m.entries().len() as u64, k + 1);
            }
        }
        let e = m.entries();
        assert_eq!(e, (0..N).map(|k| (k, k * 2)).collect::<Vec<_>>());
    });
}

#[test]
fn collisions_use_overflow_buckets_and_same_size_growth() {
    // Identity hasher: keys k << 60 all land in bucket 0 and share a tophash region.
    let m = ConcurrentMap::<u64, u64, Ident, SeqCst>::with_hasher(Ident);
    let keys: Vec<u64> = (0..40u64).map(|k| (k << 58) | (k & 1)).collect();
    for &k in &keys {
        m.insert(k, k);
    }
    for &k in &keys {
        assert_eq!(m.get(&k), Some(k));
    }
    // Churn: remove and re-insert different keys so dead slots pile up, forcing same-size
    // growths that compact.
    for round in 0..20u64 {
        for &k in &keys {
            assert_eq!(m.remove(&k), Some(k));
            m.insert(k + (round + 1) * 2, k);
        }
        for &k in &keys {
            assert_eq!(m.get(&(k + (round + 1) * 2)), Some(k));
            assert_eq!(m.remove(&(k + (round + 1) * 2)), Some(k));
            m.insert(k, k);
        }
    }
    assert_eq!(m.len(), keys.len());
}

#[test]
fn keys_removed_during_growth_stay_removed() {
    // A write evacuates its key's old bucket before changing the new table, so removing a key
    // while growth runs leaves it alive in the (never modified) old bucket: a lookup must not
    // fall back to that copy.
    each_policy(|make| {
        let m = make();
        for k in 0..200 {
            m.insert(k, k);
        }
        m.start_growth();
        let mut removed_while_growing = 0;
        for k in 0..200 {
            if k % 2 == 0 {
                removed_while_growing += m.growing() as u32;
                assert_eq!(m.remove(k), Some(k));
            }
            assert_eq!(m.get(k), (k % 2 == 1).then_some(k), "key {k}");
        }
        assert!(removed_while_growing >= 8, "{removed_while_growing}");
        assert_eq!(m.entries().len(), 100);
        assert_eq!(m.violations(), 0);
    });
}

#[test]
fn clear_and_reuse() {
    each_policy(|make| {
        let m = make();
        for k in 0..100 {
            m.insert(k, k);
        }
        m.clear();
        assert_eq!(m.len(), 0);
        assert_eq!(m.get(5), None);
        assert!(m.entries().is_empty());
        m.insert(5, 6);
        assert_eq!(m.get(5), Some(6));
    });
}

#[test]
fn string_keys_borrow_and_drop() {
    let m: ConcurrentMap<String, Vec<u8>> = ConcurrentMap::with_capacity(4);
    for i in 0..50 {
        m.insert(format!("k{i}"), vec![i as u8; i]);
    }
    assert_eq!(m.get("k7"), Some(vec![7; 7]));
    assert!(m.contains_key("k49"));
    assert!(!m.contains_key("k50"));
    assert_eq!(m.remove("k3"), Some(vec![3; 3]));
    assert_eq!(m.get("k3"), None);
    m.insert("k3".to_string(), vec![]);
    assert_eq!(m.get("k3"), Some(vec![]));
    // Drop frees everything (Miri checks for leaks).
}

#[test]
fn readers_on_other_threads_see_every_stable_key() {
    let m: ConcurrentMap<u64, u64> = ConcurrentMap::new();
    let stable = if cfg!(miri) { 10 } else { 200 };
    for k in 0..stable {
        m.insert(k, k);
    }
    std::thread::scope(|s| {
        s.spawn(|| {
            for k in stable..stable + N {
                m.insert(k, k);
                if k % 3 == 0 {
                    m.remove(&(k - 1));
                }
            }
        });
        for _ in 0..2 {
            s.spawn(|| {
                for _ in 0..(if cfg!(miri) { 3 } else { 50 }) {
                    for k in 0..stable {
                        assert_eq!(m.get(&k), Some(k));
                    }
                }
            });
        }
    });
    assert_eq!(m.violations(), 0);
}

#[test]
fn retired_memory_is_reclaimed_with_seqcst_and_quarantined_otherwise() {
    let sc: ConcurrentMap<u64, u64> = ConcurrentMap::new();
    let rlx = ConcurrentMap::<u64, u64, std::hash::RandomState, Relaxed>::default();
    for i in 0..500 {
        sc.insert(i % 3, i);
        rlx.insert(i % 3, i);
    }
    // No reader is pinned: every sealed bag is freed (SeqCst) or quarantined (weak).
    assert!(sc.retired() < handshake::bag(), "retired {}", sc.retired());
    assert!(rlx.retired() >= 497, "retired {}", rlx.retired());
}

#[test]
fn a_pinned_reader_delays_reclamation() {
    // Values that need a drop: their retirement waits for the handshake (plain `u64`s need
    // none, and are not even retired).
    let m: ConcurrentMap<u64, Box<u64>> = ConcurrentMap::new();
    m.insert(1, Box::new(1));
    std::thread::scope(|s| {
        let it = m.iter(); // pins this thread
        s.spawn(|| {
            for i in 0..200 {
                m.insert(1, Box::new(i));
            }
        })
        .join()
        .unwrap();
        // Every replaced value is still held: this thread was seen dirty.
        assert!(m.retired() >= 199, "retired {}", m.retired());
        drop(it);
    });
    m.insert(1, Box::new(0));
    for i in 0..2 * handshake::bag() as u64 {
        m.insert(2, Box::new(i)); // enough to seal again and reclaim
    }
    assert!(m.retired() < handshake::bag(), "retired {}", m.retired());
}

#[test]
fn pinned_reads_see_writes_and_hold_reclamation() {
    let m: ConcurrentMap<u64, String> = ConcurrentMap::new();
    m.insert(1, "a".into());
    {
        let g = m.pin_reads();
        assert_eq!(g.get(&1).as_deref(), Some("a"));
        // Replacing the value retires the old slot's cells, which the guard keeps alive.
        m.insert(1, "b".into());
        assert!(m.retired() >= 1);
        assert_eq!(g.get(&1).as_deref(), Some("b"));
        assert!(g.contains_key(&1) && !g.contains_key(&2));
        // A nested plain read works under the guard.
        assert_eq!(m.get(&1).as_deref(), Some("b"));
        for i in 0..200 {
            m.insert(2, i.to_string()); // seals bags: none may be freed while we are pinned
        }
        assert!(m.retired() >= 200, "retired {}", m.retired());
    }
    m.insert(3, String::new());
    for i in 0..200 {
        m.insert(2, i.to_string()); // the guard is gone: bags are released
    }
    assert!(m.retired() < 200, "retired {}", m.retired());
    assert_eq!(m.violations(), 0);
}

/// Counts its live instances (clones included), to check that every key and value is dropped
/// exactly once although growth copies their bytes between tables.
#[derive(Debug)]
struct Counted(u64, std::sync::Arc<std::sync::atomic::AtomicI64>);

impl Counted {
    fn new(v: u64, live: &std::sync::Arc<std::sync::atomic::AtomicI64>) -> Counted {
        live.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Counted(v, live.clone())
    }
}

impl Clone for Counted {
    fn clone(&self) -> Counted {
        Counted::new(self.0, &self.1)
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.1.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

impl PartialEq for Counted {
    fn eq(&self, o: &Counted) -> bool {
        self.0 == o.0
    }
}
impl Eq for Counted {}
impl std::hash::Hash for Counted {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.hash(h)
    }
}

#[test]
fn every_key_and_value_is_dropped_exactly_once() {
    let live = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(0));
    let now = || live.load(std::sync::atomic::Ordering::Relaxed);
    let n = if cfg!(miri) { 60 } else { 600 };
    {
        let m: ConcurrentMap<Counted, Counted> = ConcurrentMap::new();
        for k in 0..n {
            // Growth copies slots between tables while this goes on.
            m.insert(Counted::new(k, &live), Counted::new(k, &live));
        }
        assert_eq!(now(), 2 * n as i64);
        for k in (0..n).step_by(3) {
            let prev = m.insert(Counted::new(k, &live), Counted::new(k + 1, &live));
            assert_eq!(prev.map(|v| v.0), Some(k));
        }
        for k in (0..n).step_by(5) {
            assert!(m.remove(&Counted::new(k, &live)).is_some());
        }
        let kept = n - n.div_ceil(5);
        // Retired keys and values are dropped once the handshake allows it; at the latest
        // when the map drops.
        assert!(now() >= 2 * kept as i64, "{} < {}", now(), 2 * kept);
        m.clear();
        for k in 0..n / 2 {
            m.insert(Counted::new(k, &live), Counted::new(k, &live));
        }
    }
    assert_eq!(
        now(),
        0,
        "a key or value was leaked (>0) or dropped twice (<0)"
    );
}

#[test]
fn a_failed_writer_barrier_frees_nothing_until_a_barrier_works() {
    // Boxed values: replaced ones are retired (plain `u64`s need no drop and are not).
    let m: ConcurrentMap<u64, Box<u64>> = ConcurrentMap::new();
    // After the map: its construction fixed the handshake's mode, which sizes the bag.
    let bag = handshake::bag();
    // Every `asym::heavy()` of this thread (the writer) reports a failed membarrier.
    asym::test_hook::fail_next(usize::MAX);
    for i in 0..3 * bag as u64 {
        m.insert(1, Box::new(i));
    }
    let held = m.retired();
    asym::test_hook::fail_next(0);
    // Sealed (at least twice) but never released: the scans proved nothing.
    assert!(held >= 3 * bag - 1, "retired {held}");
    // The next working barrier covers the whole backlog.
    m.insert(1, Box::new(0));
    assert!(m.retired() < bag, "retired {}", m.retired());
    assert_eq!(m.violations(), 0);
}

#[test]
fn a_failed_writer_barrier_reports_a_dirty_scan() {
    let m: ConcurrentMap<u64, u64> = ConcurrentMap::new();
    m.insert(1, 1);
    asym::test_hook::fail_next(1);
    // `install_fresh` (clear) returns whether a reader may have been inside: no reader is, but
    // a failed barrier cannot show it.
    assert!(m.install_fresh(table::Table::alloc(0, std::ptr::null_mut())));
    assert!(m.retired() >= 1);
    assert!(!m.install_fresh(table::Table::alloc(0, std::ptr::null_mut())));
    // That working barrier released the failed seal's table too.
    assert_eq!(m.retired(), 0);
    assert!(m.is_empty());
}
