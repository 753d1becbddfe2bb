//! Unit tests of the map's structure, through its inspection hooks: the bucket index and its
//! split on doubling, the tophash byte and its reserved values, the bucket layout, overflow
//! buckets under a constant hasher, evacuation per write, and which maps may be shared.

use std::cell::Cell;
use std::hash::{BuildHasherDefault, Hasher};
use std::marker::PhantomData;
use std::rc::Rc;

use super::table::{tophash, Bucket, BUCKET_CNT, MIN_TOP_HASH};
use super::*;

#[derive(Default)]
struct IdentHasher(u64);
impl Hasher for IdentHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("u64 keys hash with write_u64")
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}
type Ident = BuildHasherDefault<IdentHasher>;

/// Every key hashes to bucket 0 with one tag.
#[derive(Default)]
struct ConstHasher;
impl Hasher for ConstHasher {
    fn finish(&self) -> u64 {
        0x77 << 56
    }
    fn write(&mut self, _: &[u8]) {}
}
type Const = BuildHasherDefault<ConstHasher>;

fn keys(n: usize, seed: u64) -> Vec<u64> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        })
        .collect()
}

#[test]
fn bucket_index_is_the_hash_s_low_bits_and_doubling_splits_on_bit_b() {
    let m: ConcurrentMap<u64, u64, Ident> = ConcurrentMap::default();
    let ks = keys(700, 0x5eed);
    let mut before: Vec<Option<(usize, u8)>> = vec![None; ks.len()];
    let mut splits = 0;
    for (n, k) in ks.iter().enumerate() {
        m.insert(*k, n as u64);
        if !(n + 1).is_power_of_two() {
            continue;
        }
        m.lab_finish_growth();
        let s = m.lab_shape();
        assert!(!s.growing);
        assert_eq!(s.buckets, 1 << s.b);
        for (j, key) in ks[..=n].iter().enumerate() {
            let p = m
                .lab_locate(key)
                .expect("every inserted key is in the table");
            assert_eq!(
                p.bucket as u64,
                key & ((1 << s.b) - 1),
                "key {key:#x} at B={}",
                s.b
            );
            assert_eq!(p.top, tophash(*key));
            if let Some((was, b)) = before[j] {
                if b + 1 == s.b {
                    let bit = ((key >> b) & 1) as usize;
                    assert_eq!(
                        p.bucket,
                        was + bit * (1 << b),
                        "key {key:#x} split on bit {b}"
                    );
                    splits += 1;
                }
            }
            before[j] = Some((p.bucket, s.b));
        }
    }
    assert!(splits > 100, "doublings checked: {splits}");
    assert_eq!(m.lab_locate(&1), None);
}

#[test]
fn tophash_is_the_top_byte_above_the_reserved_values() {
    for top in 0u64..=255 {
        for low in [0u64, 1, 0x00ff_ffff_ffff_ffff, 0x0012_3456_789a_bcde] {
            let want = if top < u64::from(MIN_TOP_HASH) {
                top + 5
            } else {
                top
            } as u8;
            assert_eq!(tophash((top << 56) | low), want, "top {top:#x}");
        }
    }
    // Never one of Go's reserved values (emptyRest, emptyOne, evacuatedX/Y/Empty).
    assert!(keys(10_000, 7)
        .into_iter()
        .all(|h| tophash(h) >= MIN_TOP_HASH));
}

#[test]
fn bucket_layout_is_tophash_first_slots_inline_overflow_last() {
    use std::mem::{offset_of, size_of};
    assert_eq!(offset_of!(Bucket<u64, u64>, tophash), 0);
    let ovf = offset_of!(Bucket<u64, u64>, overflow);
    assert!(ovf >= 8 + BUCKET_CNT * 16, "slots before the link");
    assert!(ovf + 8 <= size_of::<Bucket<u64, u64>>());
    // Keys are inline: 24 more bytes per key move the link by 8 x 24.
    assert_eq!(offset_of!(Bucket<[u64; 4], u64>, overflow) - ovf, 8 * 24);
    assert_eq!(std::mem::align_of::<Bucket<u64, u64>>(), 64);
}

#[test]
fn colliding_keys_fill_8_slots_then_chain_overflow_buckets() {
    let m: ConcurrentMap<u64, u64, Const> = ConcurrentMap::default();
    for k in 1..=40u64 {
        m.insert(k, k);
        m.lab_finish_growth();
        let s = m.lab_shape();
        assert_eq!(
            s.overflow,
            (k as usize).div_ceil(BUCKET_CNT) - 1,
            "after {k} keys"
        );
        assert_eq!(s.nonempty, 1, "one bucket holds every key");
    }
    // Re-inserting 8 distinct keys (the seed's i % 8): a replacement takes a fresh slot (slots
    // are write-once), so dead slots chain overflow buckets, but never more than 2^B before a
    // same-size growth compacts them.
    let m: ConcurrentMap<u64, u64, Const> = ConcurrentMap::default();
    for i in 0..10_000u64 {
        m.insert(i % 8, i);
        let s = m.lab_shape();
        assert!(s.overflow <= s.buckets, "insert {i}: {s:?}");
        assert!(s.count <= 8);
    }
    assert_eq!(m.len(), 8);
}

#[test]
fn a_write_evacuates_at_most_two_old_buckets_and_a_get_none() {
    let m: ConcurrentMap<u64, u64> = ConcurrentMap::new();
    let mut growths = 0;
    for k in 0..6000u64 {
        let a = m.lab_shape();
        m.insert(k, k);
        let b = m.lab_shape();
        assert!(b.evacuated - a.evacuated <= 2, "insert {k}");
        if a.growing || b.growing {
            let before = m.lab_shape().evacuated;
            for j in 0..32 {
                assert_eq!(m.get(&j), Some(j).filter(|j| *j <= k));
            }
            assert_eq!(m.lab_shape().evacuated, before, "gets evacuate nothing");
        }
        growths += usize::from(!a.growing && b.growing);
    }
    assert!(growths >= 8, "{growths} growths");
}

/// `Probe::<T>::SYNC`: true exactly when `T: Sync` (the inherent constant shadows the trait's).
struct Probe<T>(PhantomData<T>);
trait NotSync {
    const SYNC: bool = false;
}
impl<T> NotSync for Probe<T> {}
#[allow(dead_code)]
impl<T: Sync> Probe<T> {
    const SYNC: bool = true;
}

#[test]
fn a_map_is_sync_only_when_its_keys_and_values_are() {
    const { assert!(Probe::<ConcurrentMap<u64, u64>>::SYNC) };
    const { assert!(Probe::<ConcurrentMap<u64, std::sync::Arc<std::sync::Mutex<u64>>>>::SYNC) };
    const { assert!(!Probe::<ConcurrentMap<u64, Cell<u64>>>::SYNC) };
    const { assert!(!Probe::<ConcurrentMap<u64, Rc<u64>>>::SYNC) };
    const { assert!(!Probe::<ConcurrentMap<Rc<u64>, u64>>::SYNC) };
}
