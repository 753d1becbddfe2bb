//! The writer side of [`ConcurrentMap`]: insert, remove, clear, under the writer lock; a
//! slot is filled, then published (bucket publication), and what it replaces is retired
//! through the dirty-flag handshake.

use std::borrow::Borrow;
use std::hash::{BuildHasher, Hash};
use std::ptr;

use super::*;

impl<K, V, S, P> ConcurrentMap<K, V, S, P>
where
    K: Hash + Eq,
    S: BuildHasher,
    P: Policy,
{
    /// Insert `key` → `value`; returns a clone of the previous value.
    pub fn insert(&self, key: K, value: V) -> Option<V>
    where
        V: Clone,
    {
        let hash = self.hasher.hash_one(&key);
        let mut guard = self.lock();
        let w = &mut *guard;
        let mut t = self.writer_table();
        // Safety: the writer lock is held; every table the writer reaches is alive (only
        // the writer retires tables).
        let prev = unsafe {
            self.grow_work(w, t, hash);
            let mut found = find(t, hash, &key);
            // Every insert takes a fresh slot (a replacement too: slots are write-once).
            if !(*t).growing()
                && (over_load_factor(w.used + 1, (*t).b) || too_many_overflow(w.noverflow, (*t).b))
            {
                t = self.hash_grow(w, t);
                self.grow_work(w, t, hash);
                found = find(t, hash, &key);
            }
            let replaced = found.slot;
            // Publish the new slot first, so a reader that sees the old one dead finds it.
            self.place(w, &found, tophash(hash), key, value);
            match replaced {
                Some((b, i)) => Some(self.kill(w, &*b, i)),
                None => {
                    w.count += 1;
                    // Relaxed: a statistic.
                    self.writes.len.store(w.count, Ordering::Relaxed);
                    None
                }
            }
        };
        w.retirer.maybe_seal(&self.readers);
        self.unlock(guard);
        prev
    }

    /// Release the writer lock, then free what reclamation released (outside the lock).
    pub(super) fn unlock(&self, mut guard: MutexGuard<'_, Writer>) {
        let garbage = guard.retirer.take_garbage();
        drop(guard);
        // Safety: `take_garbage` only returns objects the handshake proved unreachable by any
        // reader, each once.
        unsafe { Retirer::free(garbage) }
    }

    /// Remove `key`; returns a clone of its value.
    pub fn remove<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
        V: Clone,
    {
        let hash = self.hasher.hash_one(key);
        let mut guard = self.lock();
        let w = &mut *guard;
        let t = self.writer_table();
        // Safety: the writer lock is held; see `insert`.
        let prev = unsafe {
            self.grow_work(w, t, hash);
            match find(t, hash, key).slot {
                Some((b, i)) => {
                    w.count -= 1;
                    // Relaxed: a statistic.
                    self.writes.len.store(w.count, Ordering::Relaxed);
                    Some(self.kill(w, &*b, i))
                }
                None => None,
            }
        };
        w.retirer.maybe_seal(&self.readers);
        self.unlock(guard);
        prev
    }

    /// Mark the live slot `i` of `b` dead (its key was removed, or replaced by a slot already
    /// published) and retire its key and value. Returns a clone of the value.
    ///
    /// # Safety
    /// Writer lock held; `b` is a bucket of the current table and slot `i` is live.
    pub(super) unsafe fn kill(&self, w: &mut Writer, b: &Bucket<K, V>, i: usize) -> V
    where
        V: Clone,
    {
        // Safety: a live slot of the current table; the writer's view is up to date.
        let prev = unsafe { b.val(i).clone() };
        b.kill::<P>(i);
        // Readers may still be reading the cells: their key and value are dropped once the
        // handshake says none can be. Nothing to wait for when they need no drop (and the
        // lab's weak policies always keep a record, to count the would-be violations).
        if !P::FREES || std::mem::needs_drop::<K>() || std::mem::needs_drop::<V>() {
            // Safety: the slot is dead and unreachable for new readers since the store above;
            // its cells were never moved out before (a slot dies once).
            w.retirer.retire(unsafe {
                Retired::with_poison(Moved::take(b, i), free_moved::<K, V>, poison_moved::<K, V>)
            });
        }
        prev
    }

    /// Put `key` → `val` in the free slot `found` located, or in a new overflow bucket.
    ///
    /// # Safety
    /// Writer lock held; `found` was computed on the current table since the last change.
    pub(super) unsafe fn place(
        &self,
        w: &mut Writer,
        found: &Found<K, V>,
        top: u8,
        key: K,
        val: V,
    ) {
        if let Some((b, i)) = found.free {
            // Safety: the caller's contract: a free slot after the chain's filled ones.
            unsafe { (*b).fill::<P>(i, top, key, val) };
        } else {
            let nb = Box::new(Bucket::new());
            // Safety: a fresh bucket, not yet reachable.
            unsafe { nb.fill::<P>(0, top, key, val) };
            // Release: the overflow bucket is fully written before it becomes reachable.
            // Safety: `found.last` is the chain's last bucket (caller's contract).
            unsafe {
                (*found.last)
                    .overflow
                    .store(Box::into_raw(nb), Ordering::Release)
            };
            w.noverflow += 1;
        }
        w.used += 1;
    }

    /// Remove every entry.
    pub fn clear(&self) {
        self.install_fresh(Table::alloc(0, ptr::null_mut()));
    }

    /// Replace the table by `fresh` (empty, not growing) and retire the old one: the writer
    /// half of the handshake, which this returns the result of (whether a reader was seen
    /// dirty). [`clear`](Self::clear) and the handshake litmus test use it.
    pub(crate) fn install_fresh(&self, fresh: *mut Table<K, V>) -> bool {
        let mut guard = self.lock();
        let w = &mut *guard;
        let t = self.writer_table();
        // The fresh table is fully written before readers can load it.
        self.publish_table(fresh);
        // Safety: `t` (and its old table) are unreachable since the store; their entries are
        // not shared with any other table (an evacuated chain's entries are owned by `t`).
        unsafe {
            let old = (*t).old.load(Ordering::Relaxed);
            if !old.is_null() {
                w.retirer.retire(Retired::new(
                    old as *mut Header,
                    free_table_unevacuated::<K, V>,
                ));
            }
            w.retirer
                .retire(Retired::new(t as *mut Header, free_table_deep::<K, V>));
        }
        w.count = 0;
        w.used = 0;
        w.noverflow = 0;
        w.nevacuate = 0;
        // Relaxed: a statistic.
        self.writes.len.store(0, Ordering::Relaxed);
        let dirty = w.retirer.seal(&self.readers);
        self.unlock(guard);
        dirty
    }
}

/// Where a writer found a key, or where a new one goes.
pub(super) struct Found<K, V> {
    slot: Option<(*const Bucket<K, V>, usize)>,
    free: Option<(*const Bucket<K, V>, usize)>,
    last: *const Bucket<K, V>,
}

/// Writer: find `key`'s live slot in the current table, and the first free slot of its chain.
///
/// # Safety
/// Writer lock held; `t` is the current table.
pub(super) unsafe fn find<K, V, Q>(t: *mut Table<K, V>, hash: u64, key: &Q) -> Found<K, V>
where
    K: Borrow<Q>,
    Q: Eq + ?Sized,
{
    let top = tophash(hash);
    // Safety: the caller's contract.
    let mut b: *const Bucket<K, V> = unsafe { Table::bucket(t, (*t).b, hash) };
    let mut found = Found {
        slot: None,
        free: None,
        last: b,
    };
    while !b.is_null() {
        // Safety: chains of the current table are alive.
        let bucket = unsafe { &*b };
        found.last = b;
        // Relaxed: only writers store slots, serialized by the lock.
        let word = bucket.tophash.load(Ordering::Relaxed);
        if found.slot.is_none() {
            // Relaxed: as above.
            let live = bucket.live.load(Ordering::Relaxed);
            for i in Slots(match_top(word, top)) {
                // Safety: a filled slot of the current table (the writer's own stores).
                if live & dead_bit(i) == 0 && unsafe { bucket.key(i) }.borrow() == key {
                    found.slot = Some((b, i));
                    break;
                }
            }
        }
        let n = filled(word);
        if n < BUCKET_CNT {
            found.free = Some((b, n));
            return found;
        }
        // Relaxed: as above.
        b = bucket.overflow.load(Ordering::Relaxed);
    }
    found
}

/// Writer: the first free slot of a chain (or its last bucket).
///
/// # Safety
/// Writer lock held; `head` is a head bucket of the current table.
pub(super) unsafe fn find_free<K, V>(head: &Bucket<K, V>) -> Found<K, V> {
    let mut b: *const Bucket<K, V> = head;
    let mut last = b;
    while !b.is_null() {
        // Safety: chains of the current table are alive.
        let bucket = unsafe { &*b };
        // Relaxed: only writers store slots, serialized by the lock.
        let n = filled(bucket.tophash.load(Ordering::Relaxed));
        if n < BUCKET_CNT {
            return Found {
                slot: None,
                free: Some((b, n)),
                last: b,
            };
        }
        last = b;
        // Relaxed: as above.
        b = bucket.overflow.load(Ordering::Relaxed);
    }
    Found {
        slot: None,
        free: None,
        last,
    }
}
