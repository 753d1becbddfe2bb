//! Read-only views of a map's structure, for the claims catalogue's map facts and the unit
//! tests: the current table's shape, where a key actually sits (found by scanning, not by
//! the map's own indexing), the writer's evacuation count, finishing a growth, and a hook
//! that runs code while another thread holds the writer lock.

use std::hash::{BuildHasher, Hash};

use super::*;

/// The current table as the writer sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Shape {
    /// log2 of the number of buckets.
    pub b: u8,
    pub buckets: usize,
    /// Overflow buckets in all chains.
    pub overflow: usize,
    /// Buckets whose chain holds at least one filled slot.
    pub nonempty: usize,
    /// Live entries.
    pub count: usize,
    /// An old table is still being evacuated.
    pub growing: bool,
    /// Old buckets evacuated since the map was made.
    pub evacuated: usize,
}

/// Where a key sits in the current table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    /// Head bucket index.
    pub bucket: usize,
    /// 0 for the head bucket, 1 for its first overflow bucket, ...
    pub chain: usize,
    pub slot: usize,
    /// The slot's tophash byte.
    pub top: u8,
}

impl<K, V, S, P> ConcurrentMap<K, V, S, P>
where
    K: Hash + Eq,
    S: BuildHasher,
    P: Policy,
{
    /// The current table's shape (taken under the writer lock).
    pub(crate) fn lab_shape(&self) -> Shape {
        let guard = self.lock();
        let t = self.writer_table();
        let mut shape = Shape {
            b: 0,
            buckets: 0,
            overflow: 0,
            nonempty: 0,
            count: guard.count,
            growing: false,
            evacuated: guard.evacuated,
        };
        // Safety: writer lock held; the current table and its chains are alive.
        unsafe {
            shape.b = (*t).b;
            shape.buckets = (*t).len();
            shape.growing = (*t).growing();
            for i in 0..shape.buckets {
                let mut b: *const Bucket<K, V> = Table::bucket_at(t, i);
                let mut filled_any = false;
                let mut depth = 0;
                while !b.is_null() {
                    // Relaxed: the writer's own stores (lock held).
                    filled_any |= filled((*b).tophash.load(Ordering::Relaxed)) > 0;
                    depth += 1;
                    // Relaxed: as above.
                    b = (*b).overflow.load(Ordering::Relaxed);
                }
                shape.overflow += depth - 1;
                shape.nonempty += usize::from(filled_any);
            }
        }
        self.unlock(guard);
        shape
    }

    /// Where `key`'s live slot is in the current table, found by scanning every chain (so a
    /// test can compare it with what the hash says); `None` if it is not there (absent, or
    /// not yet evacuated from an old table).
    pub(crate) fn lab_locate(&self, key: &K) -> Option<Place> {
        let guard = self.lock();
        let t = self.writer_table();
        let mut found = None;
        // Safety: writer lock held; the current table and its chains are alive, and a live
        // slot's key is written.
        unsafe {
            'scan: for i in 0..(*t).len() {
                let mut b: *const Bucket<K, V> = Table::bucket_at(t, i);
                let mut chain = 0;
                while !b.is_null() {
                    let bucket = &*b;
                    // Relaxed: the writer's own stores (lock held).
                    let word = bucket.tophash.load(Ordering::Relaxed);
                    // Relaxed: as above.
                    let live = bucket.live.load(Ordering::Relaxed);
                    for s in 0..filled(word) {
                        if live & dead_bit(s) == 0 && bucket.key(s) == key {
                            found = Some(Place {
                                bucket: i,
                                chain,
                                slot: s,
                                top: top_at(word, s),
                            });
                            break 'scan;
                        }
                    }
                    chain += 1;
                    // Relaxed: as above.
                    b = bucket.overflow.load(Ordering::Relaxed);
                }
            }
        }
        self.unlock(guard);
        found
    }

    /// Evacuate every remaining old bucket, so the growth in progress (if any) ends.
    pub(crate) fn lab_finish_growth(&self) {
        loop {
            let mut guard = self.lock();
            let w = &mut *guard;
            let t = self.writer_table();
            // Safety: writer lock held; `t` is the current table.
            let more = unsafe {
                if (*t).growing() {
                    let nev = w.nevacuate;
                    // The evacuation step of a write whose key maps to old bucket `nev`.
                    self.grow_work(w, t, nev as u64);
                    true
                } else {
                    false
                }
            };
            self.unlock(guard);
            if !more {
                return;
            }
        }
    }

    /// Run `f` while this thread holds the writer lock (a writer in the middle of a write,
    /// for as long as `f` takes).
    pub(crate) fn lab_with_writer_lock<R>(&self, f: impl FnOnce() -> R) -> R {
        let guard = self.lock();
        let r = f();
        self.unlock(guard);
        r
    }
}
