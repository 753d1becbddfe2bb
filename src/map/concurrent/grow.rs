//! Growth of [`ConcurrentMap`] (Go's `hashGrow`, `growWork`, `evacuate`): a new table is
//! published pointing to the old one, and each write evacuates its own old bucket and one
//! more; the old table is retired once every bucket moved. Also the lab's growth hooks.

use std::hash::{BuildHasher, Hash};
use std::ptr;

use super::write::find_free;
use super::*;

impl<K, V, S, P> ConcurrentMap<K, V, S, P>
where
    K: Hash + Eq,
    S: BuildHasher,
    P: Policy,
{
    /// Start growing (Go's `hashGrow`): publish a new table pointing to the old one.
    ///
    /// # Safety
    /// Writer lock held; `t` is the current table and is not growing.
    pub(super) unsafe fn hash_grow(&self, w: &mut Writer, t: *mut Table<K, V>) -> *mut Table<K, V> {
        // Safety: the caller's contract.
        let b = unsafe { (*t).b };
        // Double when the live entries need it; otherwise (dead slots or overflow buckets
        // pile up) grow to the same size, which compacts.
        let cap = LOAD_FACTOR_NUM * (1usize << b) / LOAD_FACTOR_DEN;
        let double = (w.count + 1) * 4 > cap.max(BUCKET_CNT) * 3;
        let nt = Table::alloc(if double { b + 1 } else { b }, t);
        // The new table is fully written (and points to the old one) before readers can load it.
        self.publish_table(nt);
        w.used = 0;
        w.noverflow = 0;
        w.nevacuate = 0;
        nt
    }

    /// Evacuate the old bucket of `hash` and one more (Go's `growWork`).
    ///
    /// # Safety
    /// Writer lock held; `t` is the current table.
    pub(super) unsafe fn grow_work(&self, w: &mut Writer, t: *mut Table<K, V>, hash: u64) {
        // Safety: the caller's contract. Relaxed: only the writer stores `old`.
        let old = unsafe { (*t).old.load(Ordering::Relaxed) };
        if old.is_null() {
            return;
        }
        // Safety: an old table stays alive until the writer retires it (below).
        let oldn = unsafe { (*old).len() };
        // Safety: as above.
        unsafe {
            self.evacuate(w, t, old, hash as usize & (oldn - 1));
            if (*t).growing() {
                self.evacuate(w, t, old, w.nevacuate);
            }
        }
    }

    /// Copy old bucket `i`'s live entries into the new table, then mark it evacuated (the
    /// growth protocol); retire the old table once every bucket is done.
    ///
    /// # Safety
    /// Writer lock held; `t` is the current table and `old` its old table.
    pub(super) unsafe fn evacuate(
        &self,
        w: &mut Writer,
        t: *mut Table<K, V>,
        old: *mut Table<K, V>,
        i: usize,
    ) {
        // Safety: the caller's contract.
        let (table, oldt) = unsafe { (&*t, &*old) };
        let oldn = oldt.len();
        // Safety: the caller's contract; `i` is an old bucket index.
        let head = unsafe { Table::bucket_at(old, i) };
        // Relaxed: only the writer stores `evacuated`.
        if head.evacuated.load(Ordering::Relaxed) == 0 {
            let doubled = table.len() > oldn;
            let mut b: *const Bucket<K, V> = head;
            while !b.is_null() {
                // Safety: old chains stay alive until the old table is retired.
                let bucket = unsafe { &*b };
                // Relaxed: the writer's own earlier stores.
                let word = bucket.tophash.load(Ordering::Relaxed);
                // Relaxed: as above.
                let live = bucket.live.load(Ordering::Relaxed);
                for s in 0..filled(word) {
                    if live & dead_bit(s) != 0 {
                        // A dead slot is not copied (its cells were retired when it died).
                        continue;
                    }
                    // Safety: a live slot, owned by the old table until this copy, which
                    // hands ownership to the new table (the old table's shell never drops
                    // the cells of its evacuated chains).
                    let (key, val) = unsafe { bucket.read_cells(s) };
                    // Doubling splits the chain on one more hash bit, which Go recomputes too
                    // (the slot keeps only its top byte); same-size growth keeps the index.
                    let dest = if doubled {
                        let hash = self.hasher.hash_one(&key);
                        debug_assert_eq!(top_at(word, s), tophash(hash));
                        if hash as usize & oldn != 0 {
                            i + oldn
                        } else {
                            i
                        }
                    } else {
                        i
                    };
                    // Safety: writer lock; `dest` chain belongs to the current table.
                    unsafe {
                        let found = find_free(Table::bucket_at(t, dest));
                        self.place(w, &found, top_at(word, s), key, val);
                    }
                }
                // Relaxed: the writer's own earlier store.
                b = bucket.overflow.load(Ordering::Relaxed);
            }
            head.evacuated.store(1, P::PUB_STORE);
            w.evacuated += 1;
        }
        if i == w.nevacuate {
            // Relaxed: the writer's own stores.
            while w.nevacuate < oldn
                // Safety: `nevacuate < oldn`, an old bucket index.
                && unsafe { Table::bucket_at(old, w.nevacuate) }
                    .evacuated
                    .load(Ordering::Relaxed)
                    != 0
            {
                w.nevacuate += 1;
            }
            if w.nevacuate == oldn {
                // Growth is over: unlink the old table ...
                // Release: pairs with readers' Acquire load of `old` (publishing null).
                table.old.store(ptr::null_mut(), Ordering::Release);
                // Clear the table pointer's growing bit: readers skip `old` again.
                self.publish_table(t);
                // Safety: unreachable from the current table since the store above; its live
                // entries moved, its dead ones were retired by `remove`.
                w.retirer
                    .retire(unsafe { Retired::new(old as *mut Header, free_table_shell::<K, V>) });
                // ... then the writer half of the handshake.
                w.retirer.seal(&self.readers);
            }
        }
    }

    /// The lab's growth litmus test: start a growth now (if none is running).
    #[cfg_attr(any(orderlab_loom, feature = "shuttle"), allow(dead_code))]
    pub(crate) fn lab_start_growth(&self) {
        let mut guard = self.lock();
        let w = &mut *guard;
        let t = self.writer_table();
        // Safety: writer lock held; `t` is the current table.
        unsafe {
            if !(*t).growing() {
                self.hash_grow(w, t);
            }
        }
    }

    /// Whether growth is running (tests and the claims catalogue's benchmarks, on the only
    /// thread that writes).
    #[cfg_attr(any(orderlab_loom, feature = "shuttle"), allow(dead_code))]
    pub(crate) fn lab_growing(&self) -> bool {
        let t = self.writer_table();
        // Safety: the current table is alive while `&self` is (callers are the map's only
        // writer, so no other thread retires it).
        unsafe { (*t).growing() }
    }

    /// The lab's growth litmus test: the evacuation step a write of `hash` would do.
    #[cfg_attr(any(orderlab_loom, feature = "shuttle"), allow(dead_code))]
    pub(crate) fn lab_grow_work(&self, hash: u64) {
        let mut guard = self.lock();
        let w = &mut *guard;
        let t = self.writer_table();
        // Safety: writer lock held; `t` is the current table.
        unsafe { self.grow_work(w, t, hash) };
        self.unlock(guard);
    }
}
