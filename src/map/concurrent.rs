//! [`ConcurrentMap`]: lock-free reads, serialized writes.

use std::borrow::Borrow;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hash};
use std::marker::PhantomData;
use std::ptr;

use super::handshake::{Header, Mark, Readers, Retired, Retirer};
use super::policy::{Policy, SeqCst};
use super::table::{
    dead_bit, filled, free_moved, free_table_deep, free_table_shell, free_table_unevacuated,
    match_top, over_load_factor, poison_moved, probe, ready_bit, tag, too_many_overflow, top_at,
    tophash, untag, Bucket, Moved, Probe, Slots, Table, Tagged, BUCKET_CNT, LOAD_FACTOR_DEN,
    LOAD_FACTOR_NUM,
};
use crate::pad::Line;
use crate::sync::atomic::{AtomicPtr, AtomicU64, AtomicUsize, Ordering};
use crate::sync::{Mutex, MutexGuard};

mod grow;
mod inspect;
mod iter;
mod write;

pub use iter::{Iter, ReadGuard};

/// A hash map whose reads never lock: Go's bucket layout, bucket publication and the
/// dirty-flag handshake.
///
/// * [`get`](Self::get), [`contains_key`](Self::contains_key), [`len`](Self::len) and
///   [`iter`](Self::iter) take no lock and run concurrently with a writer (wait-free apart from
///   the first read of a thread, which may allocate its reader slot).
/// * [`insert`](Self::insert), [`remove`](Self::remove) and [`clear`](Self::clear) are
///   serialized by one mutex. Why a mutex: the two protocols the map demonstrates assume one
///   writer at a time (a slot is filled by one writer, evacuation is one writer's incremental
///   job); a lock keeps the writer side simple and obviously right, and a write spends most of
///   its time hashing anyway. Read-mostly workloads, the map's target, never touch it.
/// * Keys and values live **inline** in the buckets, as in Go (no allocation per entry, no
///   pointer hop per lookup). Slots are write-once: replacing a value fills a new slot.
/// * `get` returns a **clone** of the value (`V: Clone`), and the map never hands out `&V`:
///   during growth a value's bytes exist in the old and the new table at once, so a reference
///   would not see interior-mutability updates made through the other copy. Wrap large or
///   shared-mutable values in an `Arc`. `insert` and `remove` return a clone of the previous
///   value, like `std`'s return it.
/// * `P` is the ordering [`Policy`]: [`SeqCst`] (the default) is the production one; the lab's
///   [`AcqRel`](super::AcqRel) and [`Relaxed`](super::Relaxed) never free memory (they
///   quarantine it until the map drops) and count the would-be violations in
///   [`violations`](Self::violations).
///
/// Laid out in order (`repr(C)`, 128-byte aligned by `writes`): what every read loads first,
/// on one line (the table pointer, the hasher, the map's number and fence mode at the head of
/// `readers`; one line for hashers up to 40 bytes, such as std's `RandomState`), and what
/// writes store on lines of their own, so that a write does not take that line away from the
/// readers (measured: read-heavy at 2 threads about 12% faster than with the writer lock and
/// the length next to the table pointer).
#[repr(C)]
pub struct ConcurrentMap<K, V, S = RandomState, P: Policy = SeqCst> {
    /// The current table (while growing, it points to the old one), [`tag`]ged with its B.
    table: AtomicPtr<Table<K, V>>,
    hasher: S,
    readers: Readers<P>,
    /// What writes store (the writer lock and bookkeeping, the length, the violation counters).
    writes: Line<Writes>,
    _owns: PhantomData<(Box<K>, Box<V>)>,
}

// Safety: the map owns its keys and values (like a `HashMap`); readers on other threads get
// `&K` and clones of `V`, writers move `K` and `V` in and drop them on any thread, so both
// must be `Send + Sync`. All shared words are atomics.
unsafe impl<K: Send + Sync, V: Send + Sync, S: Send, P: Policy> Send for ConcurrentMap<K, V, S, P> {}
// Safety: as above; `&ConcurrentMap` only reads `S` (hashing) from many threads.
unsafe impl<K: Send + Sync, V: Send + Sync, S: Sync, P: Policy> Sync for ConcurrentMap<K, V, S, P> {}

/// Attempts to take the writer lock by spinning before blocking.
#[cfg(not(any(orderlab_loom, feature = "shuttle")))]
const WRITER_SPINS: usize = 200;

/// Violations counted by the lab's weak policies, by protocol (see
/// [`ConcurrentMap::violations`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Violations {
    /// A slot's tophash seen before its key or value pointer.
    pub publication: u64,
    /// A key present before growth missed in the new table.
    pub growth: u64,
    /// A table or cell used after the writer would have freed it.
    pub reclamation: u64,
}

/// The map's write side.
struct Writes {
    /// The writer lock, and the writer's bookkeeping.
    lock: Mutex<Writer>,
    /// Live entries, for [`ConcurrentMap::len`] (stored by the writer).
    len: AtomicUsize,
    /// Violations by kind: publication, growth, reclamation (the lab's weak policies).
    violations: [AtomicU64; 3],
}

/// The writer's bookkeeping (under the writer lock).
struct Writer {
    /// Live entries.
    count: usize,
    /// Slots filled in the current table (live or dead).
    used: usize,
    /// Overflow buckets of the current table.
    noverflow: usize,
    /// Old buckets below this index are all evacuated (Go's `nevacuate`).
    nevacuate: usize,
    /// Old buckets evacuated since the map was made (a statistic for the lab's tests).
    evacuated: usize,
    retirer: Retirer,
}

/// A pinned reader: marked dirty until dropped. Not `Send`: the mark is this thread's.
pub(crate) struct Pin<'a, P: Policy> {
    readers: &'a Readers<P>,
    mark: Mark<'a>,
    _not_send: PhantomData<*const ()>,
}

impl<P: Policy> Drop for Pin<'_, P> {
    fn drop(&mut self) {
        self.readers.exit(self.mark);
    }
}

/// What one lookup saw (the public calls use part of it; the map's litmus tests all of it).
pub(crate) struct Look<K, V> {
    pub(crate) probe: Probe<K, V>,
    /// The table the reader loaded.
    pub(crate) table: *mut Table<K, V>,
    /// The old table, where the lookup had to consult it.
    pub(crate) old: *mut Table<K, V>,
    /// Growth was in progress and the key's old bucket was seen evacuated.
    pub(crate) evac_seen: bool,
    /// The key was missing from the new table although its evacuated old bucket holds it:
    /// a growth violation (the probe was repaired from the old bucket).
    pub(crate) missed: bool,
}

impl<K, V> ConcurrentMap<K, V, RandomState, SeqCst> {
    /// An empty map (one bucket).
    pub fn new() -> Self {
        Self::with_hasher(RandomState::new())
    }

    /// An empty map with room for `capacity` entries before it grows.
    pub fn with_capacity(capacity: usize) -> Self {
        Self::with_capacity_and_hasher(capacity, RandomState::new())
    }
}

impl<K, V, S: Default, P: Policy> Default for ConcurrentMap<K, V, S, P> {
    fn default() -> Self {
        Self::with_hasher(S::default())
    }
}

impl<K, V, S, P: Policy> ConcurrentMap<K, V, S, P> {
    /// An empty map using `hasher`.
    pub fn with_hasher(hasher: S) -> Self {
        Self::with_capacity_and_hasher(0, hasher)
    }

    /// An empty map using `hasher` with room for `capacity` entries before it grows.
    pub fn with_capacity_and_hasher(capacity: usize, hasher: S) -> Self {
        let mut b = 0u8;
        while over_load_factor(capacity, b) {
            b += 1;
        }
        ConcurrentMap {
            table: AtomicPtr::new(tag(Table::alloc(b, ptr::null_mut()), b, false)),
            readers: Readers::new(),
            hasher,
            writes: Line(Writes {
                lock: Mutex::new(Writer {
                    count: 0,
                    used: 0,
                    noverflow: 0,
                    nevacuate: 0,
                    evacuated: 0,
                    retirer: Retirer::default(),
                }),
                len: AtomicUsize::new(0),
                violations: std::array::from_fn(|_| AtomicU64::new(0)),
            }),
            _owns: PhantomData,
        }
    }

    /// The map's hasher.
    pub fn hasher(&self) -> &S {
        &self.hasher
    }

    /// Live entries (a snapshot: writers may change it at any moment).
    pub fn len(&self) -> usize {
        // Relaxed: a statistic; the writer stores it under its lock.
        self.writes.len.load(Ordering::Relaxed)
    }

    /// Whether [`len`](Self::len) is 0.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Violations the lab's weak policies detected: a reader that saw a slot's tophash before
    /// its key or value, a key missed in the new table during evacuation, or an object the
    /// writer would have freed while this reader still used it. Always 0 with [`SeqCst`]
    /// (reads do not even check).
    pub fn violations(&self) -> u64 {
        let v = self.violation_counts();
        v.publication + v.growth + v.reclamation
    }

    /// [`violations`](Self::violations) by kind.
    pub fn violation_counts(&self) -> Violations {
        // Relaxed: counters.
        let get = |i: usize| self.writes.violations[i].load(Ordering::Relaxed);
        Violations {
            publication: get(0),
            growth: get(1),
            reclamation: get(2),
        }
    }

    /// Objects retired and not yet freed (under the weak policies: quarantined too).
    pub fn retired(&self) -> usize {
        self.lock().retirer.held()
    }

    /// Pre-allocate reader slots for threads numbered below `n` (used by the litmus tests to
    /// keep allocation out of timed rounds).
    pub fn reserve_readers(&self, n: usize) {
        self.readers.reserve(n);
    }

    fn lock(&self) -> MutexGuard<'_, Writer> {
        // Critical sections are short: spin a little before sleeping, which spares the
        // futex hand-offs that dominate when two threads write in turn.
        #[cfg(not(any(orderlab_loom, feature = "shuttle")))]
        for _ in 0..WRITER_SPINS {
            match self.writes.lock.try_lock() {
                Ok(g) => return g,
                Err(std::sync::TryLockError::Poisoned(e)) => return e.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) => std::hint::spin_loop(),
            }
        }
        // A panic while writing leaves the table consistent (every step publishes a complete
        // object), so a poisoned lock is still usable.
        self.writes.lock.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Mark this thread dirty (the reader half of the handshake, first store).
    #[inline]
    pub(crate) fn pin(&self) -> Pin<'_, P> {
        Pin {
            readers: &self.readers,
            mark: self.readers.enter(),
            _not_send: PhantomData,
        }
    }

    /// The table a pinned reader uses (the reader half of the handshake, then the load).
    #[inline]
    pub(crate) fn load_table(&self, pin: &Pin<'_, P>) -> *mut Table<K, V> {
        self.load_tagged(pin).table
    }

    /// [`load_table`](Self::load_table), with the table's B and growing bit (from the same
    /// load).
    #[inline(always)]
    fn load_tagged(&self, _pin: &Pin<'_, P>) -> Tagged<K, V> {
        untag(P::load_ptr(&self.table))
    }

    /// The current table, for the writer (writer lock held).
    #[inline]
    fn writer_table(&self) -> *mut Table<K, V> {
        // Relaxed: writers are serialized by the lock, which orders this load after the last
        // writer's store.
        untag(self.table.load(Ordering::Relaxed)).table
    }

    /// Publish `t` as the current table (writer lock held, `t` fully written), with the
    /// growing bit set while `t` has an old table. Also called once an evacuation finished,
    /// to clear the bit.
    #[inline]
    fn publish_table(&self, t: *mut Table<K, V>) {
        // Safety: the writer owns `t` until this store (or is the only one to change it).
        let (b, growing) = unsafe { ((*t).b, (*t).growing()) };
        // Release: the table is fully written before readers can load it; when the bit is
        // cleared, so is every slot evacuation copied into it.
        self.table.store(tag(t, b, growing), Ordering::Release);
    }

    /// Count one violation of kind `kind` (0 publication, 1 growth, 2 reclamation).
    #[cold]
    fn violation(&self, kind: usize) {
        // Relaxed: a counter.
        self.writes.violations[kind].fetch_add(1, Ordering::Relaxed);
    }

    /// The core of every read.
    ///
    /// # Safety
    /// `t` was loaded by [`load_table`](Self::load_table) under a pin still held.
    #[inline]
    pub(crate) unsafe fn look<Q>(&self, t: *mut Table<K, V>, hash: u64, key: &Q) -> Look<K, V>
    where
        K: Borrow<Q>,
        Q: Eq + ?Sized,
    {
        // Safety: the pin keeps `t` and everything reachable from it alive.
        let table = unsafe { &*t };
        // Acquire: the old table was fully written before it was published (and stays alive
        // while we are pinned).
        let old = table.old.load(Ordering::Acquire);
        let mut look = Look {
            probe: Probe::Absent {
                seen_top: false,
                stale: false,
            },
            table: t,
            old: ptr::null_mut(),
            evac_seen: false,
            missed: false,
        };
        if old.is_null() {
            // Safety: pinned, see above.
            look.probe = unsafe { probe::<K, V, Q, P>(Table::bucket(t, table.b, hash), hash, key) };
            return look;
        }
        // Safety: pinned, see above.
        let ob = unsafe { Table::bucket(old, (*old).b, hash) };
        look.old = old;
        if ob.evacuated.load(P::PUB_LOAD) == 0 {
            // Safety: pinned; an old bucket is never modified once growth started.
            look.probe = unsafe { probe::<K, V, Q, P>(ob, hash, key) };
            return look;
        }
        look.evac_seen = true;
        // Safety: pinned, see above.
        look.probe = unsafe { probe::<K, V, Q, P>(Table::bucket(t, table.b, hash), hash, key) };
        if !P::TOMBSTONES
            && matches!(
                look.probe,
                Probe::Absent {
                    seen_top: false,
                    ..
                }
            )
        {
            // The lab's Relaxed policy: evacuation copied every live key of the old bucket
            // before marking it, and without tombstones a slot's tophash is never cleared: if
            // the new chain shows no slot with the key's tophash while the old bucket has the
            // key alive, the copy was not visible yet. (With a Release/Acquire publication the
            // mark carries the copies, and a removed key's tombstone would look like a miss.)
            // Safety: pinned, see above.
            let again = unsafe { probe::<K, V, Q, P>(ob, hash, key) };
            if matches!(again, Probe::Live(..)) {
                look.missed = true;
                look.probe = again;
            }
        }
        look
    }

    /// Pin, look `key` up, call `f` on a live entry, count violations.
    #[inline]
    fn read<Q, R>(&self, key: &Q, f: impl FnOnce(&K, &V) -> R) -> Option<R>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
        S: BuildHasher,
    {
        let pin = self.pin();
        let out = self.read_pinned(&pin, key, f);
        drop(pin);
        out
    }

    /// Look `key` up under a pin the caller holds, call `f` on a live entry, count violations.
    #[inline]
    fn read_pinned<Q, R>(&self, pin: &Pin<'_, P>, key: &Q, f: impl FnOnce(&K, &V) -> R) -> Option<R>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
        S: BuildHasher,
    {
        let hash = self.hasher.hash_one(key);
        let Tagged {
            table: t,
            b,
            growing,
        } = self.load_tagged(pin);
        if P::FREES && !growing {
            // The common case, inlined: no growth running (the growing bit is clear only in a
            // pointer published after the last evacuation), and no violations to count.
            // Safety: pinned (`t` was loaded under `pin`, held until the end of this
            // function); a live slot's cells stay alive while pinned.
            return unsafe {
                match probe::<K, V, Q, P>(Table::bucket(t, b, hash), hash, key) {
                    Probe::Live(bucket, i) => Some(f((*bucket).key(i), (*bucket).val(i))),
                    Probe::Absent { .. } => None,
                }
            };
        }
        // Safety: `t` was loaded under `pin`, held until the end of this function.
        let look = unsafe { self.look(t, hash, key) };
        let out = match look.probe {
            // Safety: a live slot's cells stay alive while we are pinned.
            Probe::Live(b, i) => Some(unsafe { f((*b).key(i), (*b).val(i)) }),
            _ => None,
        };
        if !P::FREES {
            // Safety: pinned; under the weak policies nothing is ever freed before the map
            // drops, so these headers are readable even when the handshake failed.
            unsafe { self.check_weak(&look) };
        }
        out
    }

    /// Weak policies only: count what this read saw that a correct protocol forbids.
    ///
    /// # Safety
    /// Pinned, and `look` comes from [`look`](Self::look) under that pin.
    #[cold]
    unsafe fn check_weak(&self, look: &Look<K, V>) {
        if let Probe::Absent { stale: true, .. } = look.probe {
            self.violation(0);
        }
        if look.missed {
            self.violation(1);
        }
        let mut bad = false;
        // Safety: the caller's contract; quarantined memory is never freed.
        unsafe {
            bad |= (*look.table).hdr.is_poisoned();
            if !look.old.is_null() {
                bad |= (*look.old).hdr.is_poisoned();
            }
            if let Probe::Live(b, i) = look.probe {
                // Relaxed: a best-effort hint; the cells are quarantined, never dropped.
                bad |= (*b).poisoned.load(Ordering::Relaxed) & (1 << i) != 0;
            }
        }
        if bad {
            self.violation(2);
        }
    }

    /// A clone of the value of `key`, if present. Never locks.
    pub fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
        S: BuildHasher,
        V: Clone,
    {
        self.read(key, |_, v| v.clone())
    }

    /// Pin this thread once for a batch of reads: [`ReadGuard::get`] then skips the per-call
    /// handshake (its reader barrier: a SeqCst fence, or only a compiler fence where
    /// [`asymmetric()`](super::asymmetric) is true), like papaya's `pin`. Memory retired
    /// meanwhile waits for the guard, so keep it short-lived. Not `Send`.
    pub fn pin_reads(&self) -> ReadGuard<'_, K, V, S, P> {
        ReadGuard {
            map: self,
            pin: self.pin(),
        }
    }

    /// Whether `key` is present. Never locks.
    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
        S: BuildHasher,
    {
        self.read(key, |_, _| ()).is_some()
    }

    /// An iterator over clones of the entries. It never locks and pins the calling thread
    /// while it lives (so keep it short-lived: retired memory waits for it). Every entry
    /// present and unchanged during the whole iteration is yielded exactly once; entries
    /// inserted, replaced or removed meanwhile may or may not be.
    pub fn iter(&self) -> Iter<'_, K, V, S, P>
    where
        K: Clone,
        V: Clone,
    {
        let pin = self.pin();
        let t = self.load_table(&pin);
        // Safety: pinned (the pin moves into the iterator); Acquire: the old table was fully
        // written before its publication.
        let old = unsafe { (*t).old.load(Ordering::Acquire) };
        Iter {
            _pin: pin,
            map: self,
            t,
            old,
            unit: 0,
            buf: Vec::new(),
        }
    }
}

impl<K, V, S, P: Policy> Drop for ConcurrentMap<K, V, S, P> {
    fn drop(&mut self) {
        // Relaxed: `&mut self`, no reader or writer exists.
        let t = untag(self.table.load(Ordering::Relaxed)).table;
        // Safety: no thread can read the map any more; every object is freed once: the
        // current table with its cells, the old one with the cells of its unevacuated chains,
        // and everything retired.
        unsafe {
            let old = (*t).old.load(Ordering::Relaxed);
            if !old.is_null() {
                free_table_unevacuated::<K, V>(old as *mut Header);
            }
            free_table_deep::<K, V>(t as *mut Header);
            self.lock().retirer.free_all();
        }
    }
}

impl<K, V, S, P> fmt::Debug for ConcurrentMap<K, V, S, P>
where
    K: fmt::Debug + Clone,
    V: fmt::Debug + Clone,
    P: Policy,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(all(test, not(any(orderlab_loom, feature = "shuttle"))))]
mod layout_tests {
    use super::*;
    use std::mem::{align_of, offset_of, size_of};

    /// What every read loads (the table pointer, the hasher, the map's number and fence mode)
    /// shares one 64-byte line, and nothing a write stores is on it.
    #[test]
    fn reads_load_one_line_that_writes_never_store() {
        type M = ConcurrentMap<u64, u64>;
        assert_eq!(align_of::<M>() % 128, 0);
        assert_eq!(offset_of!(M, table), 0);
        assert!(offset_of!(M, hasher) + size_of::<RandomState>() <= 64);
        assert!(offset_of!(M, readers) + Readers::<SeqCst>::HOT_END <= 64);
        assert!(offset_of!(M, writes) >= 128);
        assert_eq!(offset_of!(M, writes) % 128, 0);
    }
}
