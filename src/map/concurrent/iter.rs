//! Reads under one pin ([`ReadGuard`]) and iteration ([`Iter`]) over clones of the entries.

use std::borrow::Borrow;
use std::hash::{BuildHasher, Hash};

use super::*;

/// Reads under one pin (see [`ConcurrentMap::pin_reads`]).
pub struct ReadGuard<'a, K, V, S, P: Policy> {
    pub(super) map: &'a ConcurrentMap<K, V, S, P>,
    pub(super) pin: Pin<'a, P>,
}

impl<K, V, S: BuildHasher, P: Policy> ReadGuard<'_, K, V, S, P> {
    /// A clone of the value of `key` (see [`ConcurrentMap::get`]).
    #[inline]
    pub fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
        V: Clone,
    {
        self.map.read_pinned(&self.pin, key, |_, v| v.clone())
    }

    /// Whether `key` is present.
    #[inline]
    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.map.read_pinned(&self.pin, key, |_, _| ()).is_some()
    }
}

/// Iterator over clones of a [`ConcurrentMap`]'s entries (see [`ConcurrentMap::iter`]).
pub struct Iter<'a, K, V, S, P: Policy> {
    pub(super) _pin: Pin<'a, P>,
    pub(super) map: &'a ConcurrentMap<K, V, S, P>,
    pub(super) t: *mut Table<K, V>,
    pub(super) old: *mut Table<K, V>,
    /// The next bucket index to visit (of the old table while growing).
    pub(super) unit: usize,
    pub(super) buf: Vec<(K, V)>,
}

impl<K: Clone, V: Clone, S, P: Policy> Iter<'_, K, V, S, P> {
    /// Clone the live entries of one chain into the buffer.
    ///
    /// # Safety
    /// Pinned (the iterator holds its pin), `head` in a table loaded under it.
    unsafe fn collect(&mut self, head: *const Bucket<K, V>) {
        let mut b = head;
        while !b.is_null() {
            // Safety: the caller's contract.
            let bucket = unsafe { &*b };
            let word = bucket.tophash.load(P::PUB_LOAD);
            // Acquire: pairs with the writer's Release stores of ready and dead bits.
            let live = bucket.live.load(Ordering::Acquire);
            let n = filled(word);
            for i in 0..n {
                if live & ready_bit(i) == 0 {
                    // A publication violation (weak policies only): skip the slot.
                    self.map.violation(0);
                    continue;
                }
                if live & dead_bit(i) == 0 {
                    // Safety: a ready slot's cells stay alive while pinned.
                    unsafe {
                        self.buf
                            .push((bucket.key(i).clone(), bucket.val(i).clone()))
                    };
                }
            }
            if n < BUCKET_CNT {
                return;
            }
            // Acquire: an overflow bucket is fully written before its publication.
            b = bucket.overflow.load(Ordering::Acquire);
        }
    }
}

impl<K: Clone, V: Clone, S, P: Policy> Iterator for Iter<'_, K, V, S, P> {
    type Item = (K, V);

    fn next(&mut self) -> Option<(K, V)> {
        loop {
            if let Some(e) = self.buf.pop() {
                return Some(e);
            }
            // Safety: both tables were loaded under the iterator's pin; bucket indexes are
            // checked against the tables' sizes.
            unsafe {
                let n = (*self.t).len();
                if self.old.is_null() {
                    if self.unit >= n {
                        return None;
                    }
                    let head = Table::bucket_at(self.t, self.unit);
                    self.unit += 1;
                    self.collect(head);
                } else {
                    let oldn = (*self.old).len();
                    if self.unit >= oldn {
                        return None;
                    }
                    let ob = Table::bucket_at(self.old, self.unit);
                    let i = self.unit;
                    self.unit += 1;
                    if ob.evacuated.load(P::PUB_LOAD) == 0 {
                        // Not evacuated: the new buckets it maps to are still empty.
                        self.collect(ob);
                    } else {
                        self.collect(Table::bucket_at(self.t, i));
                        if n > oldn {
                            self.collect(Table::bucket_at(self.t, i + oldn));
                        }
                    }
                }
            }
        }
    }
}
