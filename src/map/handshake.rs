//! The dirty-flag handshake: per-reader slots, and the deferred reclamation built on them.
//!
//! A reader *marks itself dirty* in its own slot (it advances the slot's generation and makes
//! its read depth nonzero), and only then loads the table pointer it will read through; when
//! it is done it sets the depth back to 0 (a Release store). A writer that unlinked
//! something (a whole table, a dead slot's key and value) first *stores* the unlinking pointer,
//! then *loads* every slot's mark: the store-buffering (SB) shape. With the
//! [`SeqCst`](super::SeqCst) policy both halves have a full barrier between their store and
//! their load, so at least one side sees the other: either the writer sees the reader's mark
//! (and waits until that read is over: depth 0, or a later generation), or the reader sees the
//! new pointer (and never reaches the unlinked memory).
//!
//! The barriers are SeqCst fences on both sides, or, where Linux `membarrier` is available
//! ([`asymmetric()`](super::asymmetric)), asymmetric ([`super::asym`]): the reader's is a
//! compiler fence, and the writer's scan is preceded by `fence(SeqCst)` and a `membarrier` that
//! makes every running thread of the process execute a full barrier. If that system call ever
//! fails, the scan proves nothing: its batch is not released but waits for the next seal whose
//! barrier works (see `Retirer::seal`).
//!
//! Generations rather than 0/1 flags let a writer free memory without waiting for a moment when
//! no reader is inside: it records the marked slots it saw (a snapshot) and frees the batch
//! once each of those slots has left the read it was in (depth 0, or a later generation) —
//! however busy the readers are.
//! A slot is one word, `generation << 16 | depth`, so entering and leaving a read (nested ones
//! too: an iterator alive while its thread calls `get`) is one load and one store.
//!
//! Slots are indexed by a small per-thread number taken from a process-wide pool (recycled when
//! the thread exits). Each map allocates its slots lazily in segments of [`SEG_SLOTS`], up to
//! [`MAX_READERS`] threads; a thread beyond that shares one reader counter updated with
//! read-modify-writes (still lock-free; the writer then waits until it reads zero).

use std::collections::VecDeque;
use std::marker::PhantomData;

use super::policy::Policy;
use crate::sync::atomic::{fence, AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering};

/// Slots per lazily allocated segment.
#[cfg(not(orderlab_loom))]
pub const SEG_SLOTS: usize = 8;
#[cfg(orderlab_loom)]
pub const SEG_SLOTS: usize = 4;
/// Segments per map.
#[cfg(not(orderlab_loom))]
const SEGMENTS: usize = 32;
#[cfg(orderlab_loom)]
const SEGMENTS: usize = 4;
/// Threads that can read a map at the same time with a slot of their own.
pub const MAX_READERS: usize = SEG_SLOTS * SEGMENTS;

/// One reader's slot, alone on its cache lines (128 bytes: adjacent-line prefetch).
#[repr(align(128))]
pub(crate) struct Slot {
    /// `generation << 16 | depth`: the depth of the owner's (nested) reads, nonzero while it
    /// is inside one, and the number of outermost reads it started. Only the owner stores it,
    /// always with Release (the mark of the lab's Relaxed policy excepted), so a writer's
    /// Acquire load of any value synchronizes with everything the owner did before.
    epoch: AtomicU64,
}

/// The depth bits of a slot's word.
const DEPTH: u64 = 0xffff;
/// One generation.
const GEN: u64 = DEPTH + 1;

impl Slot {
    fn new() -> Slot {
        Slot {
            epoch: AtomicU64::new(0),
        }
    }
}

type Segment = [Slot; SEG_SLOTS];

// ---------------------------------------------------------------------------------------------
// Per-thread reader numbers.

struct IdPool {
    next: usize,
    free: Vec<usize>,
}

// Not part of the protocol (it only hands out numbers), so a plain std mutex even under loom.
static POOL: std::sync::Mutex<IdPool> = std::sync::Mutex::new(IdPool {
    next: 0,
    free: Vec::new(),
});

struct ReaderId(usize);

impl ReaderId {
    fn acquire() -> ReaderId {
        let mut pool = POOL.lock().unwrap_or_else(|e| e.into_inner());
        // Reuse the smallest free number so that slot arrays stay small.
        if let Some(pos) = (0..pool.free.len()).min_by_key(|&i| pool.free[i]) {
            return ReaderId(pool.free.swap_remove(pos));
        }
        pool.next += 1;
        ReaderId(pool.next - 1)
    }
}

impl Drop for ReaderId {
    fn drop(&mut self) {
        // Forget the cached copy first: from now on this thread reads without a slot of its
        // own (the shared counter), as the number may go to another thread.
        #[cfg(not(any(orderlab_loom, feature = "shuttle")))]
        {
            CACHED_ID.with(|c| c.set(NO_ID));
            LAST_SLOT.with(|c| c.set((0, std::ptr::null())));
        }
        let mut pool = POOL.lock().unwrap_or_else(|e| e.into_inner());
        pool.free.push(self.0);
    }
}

crate::sync::thread_local! {
    static READER_ID: ReaderId = ReaderId::acquire();
}

/// [`CACHED_ID`] before the thread has a number (beyond every slot, so a slot lookup with it
/// fails and takes the slow path).
#[cfg(not(any(orderlab_loom, feature = "shuttle")))]
const NO_ID: usize = usize::MAX;

// A copy of this thread's reader number ([`NO_ID`]: none yet): a constant-initialised
// thread-local without a destructor is a plain load, where `READER_ID` (which has one) needs a
// state check on every access. Every read pays this lookup.
//
// `LAST_SLOT`: the map this thread last read (its `Readers::id`, never reused; 0: none) and this
// thread's slot in it, so that repeated reads of one map skip the segment lookup.
#[cfg(not(any(orderlab_loom, feature = "shuttle")))]
std::thread_local! {
    static CACHED_ID: std::cell::Cell<usize> = const { std::cell::Cell::new(NO_ID) };
    static LAST_SLOT: std::cell::Cell<(u64, *const Slot)> =
        const { std::cell::Cell::new((0, std::ptr::null())) };
}

/// Numbers for [`Readers::id`] (a std atomic even under loom and shuttle: configuration, not
/// part of the protocol).
static MAP_IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// This thread's cached reader number: a number with no slot (beyond [`MAX_READERS`]) until
/// [`reader_id`] cached the real one.
#[inline(always)]
fn cached_reader_id() -> usize {
    #[cfg(not(any(orderlab_loom, feature = "shuttle")))]
    {
        CACHED_ID.with(|c| c.get())
    }
    #[cfg(any(orderlab_loom, feature = "shuttle"))]
    {
        usize::MAX
    }
}

/// This thread's reader number (cached from now on), or `None` while thread-locals are being
/// destroyed.
#[cold]
fn reader_id() -> Option<usize> {
    let id = READER_ID.try_with(|id| id.0).ok()?;
    #[cfg(not(any(orderlab_loom, feature = "shuttle")))]
    CACHED_ID.with(|c| c.set(id));
    Some(id)
}

// ---------------------------------------------------------------------------------------------
// The slots of one map.

/// The reader slots of one map. In order (`repr(C)`): the two fields every read loads first,
/// next to the map's table pointer (see `ConcurrentMap`).
#[repr(C)]
pub(crate) struct Readers<P> {
    /// This map's number, unique in the process (the key of a thread's cached slot; loom and
    /// shuttle builds cache nothing).
    #[cfg_attr(any(orderlab_loom, feature = "shuttle"), allow(dead_code))]
    id: u64,
    /// The process's fence mode ([`asym::enabled`](super::asym::enabled)), fixed before this
    /// map was built: a field is cheaper to read on every read than the global.
    asym: bool,
    segs: [AtomicPtr<Segment>; SEGMENTS],
    /// Readers without a slot of their own (more than [`MAX_READERS`] threads).
    shared: AtomicUsize,
    _policy: PhantomData<P>,
}

/// Which slot a pinned reader marked.
#[derive(Clone, Copy)]
pub(crate) enum Mark<'a> {
    Own(&'a Slot),
    Shared,
}

/// What a writer saw when it scanned the slots: the readers that were inside.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    inside: Vec<(usize, u64)>,
    shared: bool,
    /// The writer's barrier failed (a `membarrier` error): a reader may have been inside
    /// unseen, so this snapshot never lets anything be freed.
    unreliable: bool,
}

impl Snapshot {
    /// Whether some reader was seen inside (the writer "saw the dirty flag"); an unreliable
    /// scan counts as dirty (it cannot show that no reader was inside).
    pub(crate) fn saw_dirty(&self) -> bool {
        self.unreliable || self.shared || !self.inside.is_empty()
    }
}

impl<P> Readers<P> {
    /// Where the fields every read loads (`id`, `asym`) end.
    #[cfg(all(test, not(any(orderlab_loom, feature = "shuttle"))))]
    pub(crate) const HOT_END: usize = {
        let id = std::mem::offset_of!(Self, id) + std::mem::size_of::<u64>();
        let asym = std::mem::offset_of!(Self, asym) + std::mem::size_of::<bool>();
        if id > asym {
            id
        } else {
            asym
        }
    };
}

impl<P: Policy> Readers<P> {
    pub(crate) fn new() -> Self {
        // Fix the handshake's fence mode (symmetric or membarrier) before this map exists: every
        // thread that later reads or writes the map got it through something that makes this
        // construction happen before its use, so it reads the final mode (see `asym::init`).
        super::asym::init();
        Readers {
            // Relaxed: only uniqueness matters (2^64 maps never wrap).
            id: MAP_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            segs: std::array::from_fn(|_| AtomicPtr::new(std::ptr::null_mut())),
            shared: AtomicUsize::new(0),
            asym: super::asym::enabled(),
            _policy: PhantomData,
        }
    }

    /// The slot of reader number `id`, allocating its segment if needed.
    #[inline]
    fn slot(&self, id: usize) -> Option<&Slot> {
        let (seg, i) = (id / SEG_SLOTS, id % SEG_SLOTS);
        let cell = self.segs.get(seg)?;
        // Acquire: the segment was fully initialised before its Release publication.
        let mut p = cell.load(Ordering::Acquire);
        if p.is_null() {
            p = Self::alloc_segment(cell);
        }
        // Safety: segments live until the map is dropped, and `&self` borrows the map.
        Some(unsafe { &(*p)[i] })
    }

    /// Allocate and publish a segment (or return the one a racing thread published).
    #[cold]
    fn alloc_segment(cell: &AtomicPtr<Segment>) -> *mut Segment {
        let fresh = Box::into_raw(Box::new(std::array::from_fn::<Slot, SEG_SLOTS, _>(|_| {
            Slot::new()
        })));
        // AcqRel: Release publishes our segment; Acquire reads a racing winner's.
        match cell.compare_exchange(
            std::ptr::null_mut(),
            fresh,
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => fresh,
            Err(winner) => {
                // Safety: `fresh` was never published; we still own it.
                drop(unsafe { Box::from_raw(fresh) });
                winner
            }
        }
    }

    /// Pre-allocate the segments holding reader numbers below `n` (keeps allocation out of a
    /// timed litmus round).
    pub(crate) fn reserve(&self, n: usize) {
        for id in (0..n.min(MAX_READERS)).step_by(SEG_SLOTS) {
            let _ = self.slot(id);
        }
    }

    /// Reader: mark this thread dirty. The caller loads the table pointer afterwards (with
    /// [`Policy::load_ptr`]) and calls [`Readers::exit`] when done.
    #[inline]
    pub(crate) fn enter(&self) -> Mark<'_> {
        if let Some(slot) = self.own_slot() {
            // Relaxed: only this thread stores its slot (a previous owner's last store is
            // ordered before ours by the pool's lock).
            let e = slot.epoch.load(Ordering::Relaxed);
            if e & DEPTH == 0 {
                // An outermost read: the next generation, at depth 1 (wrapping after 2^48
                // reads; a writer that then mistakes a new read for an old one only waits).
                P::mark(&slot.epoch, e.wrapping_add(GEN + 1), self.asym);
            } else {
                assert!(e & DEPTH < DEPTH, "reads nested more than 65535 deep");
                // Release: see the field (already marked, but a writer may read this value).
                slot.epoch.store(e + 1, Ordering::Release);
            }
            Mark::Own(slot)
        } else {
            // SeqCst RMW and fence: the rare shared path is always safe, whatever the policy.
            self.shared.fetch_add(1, Ordering::SeqCst);
            fence(Ordering::SeqCst);
            Mark::Shared
        }
    }

    /// Reader: leave (one level of depth less; the outermost exit makes it 0).
    #[inline]
    pub(crate) fn exit(&self, mark: Mark<'_>) {
        match mark {
            Mark::Own(slot) => {
                // Relaxed: our own last store.
                let e = slot.epoch.load(Ordering::Relaxed);
                // Release: everything we read happens before a writer's free that sees this
                // store (or a later one).
                slot.epoch.store(e - 1, Ordering::Release);
            }
            Mark::Shared => {
                // Release: as for an own slot's exit store.
                self.shared.fetch_sub(1, Ordering::Release);
            }
        }
    }

    /// This thread's slot in this map (`None`: beyond [`MAX_READERS`], or thread-locals are
    /// being destroyed).
    #[inline(always)]
    fn own_slot(&self) -> Option<&Slot> {
        #[cfg(not(any(orderlab_loom, feature = "shuttle")))]
        {
            let (map, slot) = LAST_SLOT.with(|c| c.get());
            if map == self.id {
                // Safety: this thread cached `slot` for this map (map numbers are never reused,
                // and the cache is cleared when the thread's reader number is given back), and
                // a map's segments live as long as the map, which `&self` borrows.
                return Some(unsafe { &*slot });
            }
        }
        self.own_slot_uncached()
    }

    /// [`own_slot`](Self::own_slot) through the reader number (and caching the result).
    #[cold]
    fn own_slot_uncached(&self) -> Option<&Slot> {
        let slot = match self.slot(cached_reader_id()) {
            Some(slot) => slot,
            None => self.slot(reader_id()?)?,
        };
        #[cfg(not(any(orderlab_loom, feature = "shuttle")))]
        LAST_SLOT.with(|c| c.set((self.id, slot)));
        Some(slot)
    }

    /// Writer: after its unlinking stores, load every dirty mark ([`Policy::writer_fence`]
    /// first; if it failed, the snapshot is marked unreliable).
    pub(crate) fn scan(&self) -> Snapshot {
        let fenced = P::writer_fence();
        let mut snap = Snapshot {
            unreliable: !fenced,
            ..Snapshot::default()
        };
        for (s, cell) in self.segs.iter().enumerate() {
            // Acquire: pairs with the segment's Release publication.
            let p = cell.load(Ordering::Acquire);
            if p.is_null() {
                continue;
            }
            // Safety: published segments live until the map is dropped.
            let seg = unsafe { &*p };
            for (i, slot) in seg.iter().enumerate() {
                let e = P::scan_load(&slot.epoch);
                if e & DEPTH != 0 {
                    snap.inside.push((s * SEG_SLOTS + i, e));
                }
            }
        }
        // Acquire: pairs with the shared readers' Release decrement.
        snap.shared = self.shared.load(Ordering::Acquire) != 0;
        snap
    }

    /// Writer: has every reader seen inside by `snap` left since? (Never for an unreliable
    /// snapshot, which `seal` does not keep anyway: readers it missed may hold the batch.)
    pub(crate) fn passed(&self, snap: &Snapshot) -> bool {
        if snap.unreliable {
            return false;
        }
        let own = snap.inside.iter().all(|&(id, e)| match self.slot(id) {
            Some(slot) => {
                // Acquire: pairs with the reader's Release store of this value (see the field).
                let now = slot.epoch.load(Ordering::Acquire);
                // Left the read seen inside: depth 0, or a later read's generation.
                now & DEPTH == 0 || now & !DEPTH != e & !DEPTH
            }
            None => true,
        });
        // Acquire: pairs with the shared readers' Release decrement.
        own && (!snap.shared || self.shared.load(Ordering::Acquire) == 0)
    }
}

impl<P> Drop for Readers<P> {
    fn drop(&mut self) {
        for cell in &self.segs {
            // Relaxed: `&mut self`, no other thread can touch the slots.
            let p = cell.load(Ordering::Relaxed);
            if !p.is_null() {
                // Safety: allocated by `slot` with Box::into_raw, freed exactly once here.
                drop(unsafe { Box::from_raw(p) });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Retirement.

/// The first field of everything the map retires: readers of the lab's weak policies check it
/// after use to count the frees they would have suffered.
#[repr(C)]
pub(crate) struct Header {
    poisoned: AtomicBool,
}

impl Header {
    pub(crate) fn new() -> Header {
        Header {
            poisoned: AtomicBool::new(false),
        }
    }

    /// Whether a writer would have freed this object (weak policies only).
    #[inline]
    pub(crate) fn is_poisoned(&self) -> bool {
        // Relaxed: a best-effort count; the memory itself is quarantined, never freed.
        self.poisoned.load(Ordering::Relaxed)
    }
}

/// An unlinked object waiting for the readers that may hold it.
pub(crate) struct Retired {
    ptr: *mut Header,
    free: unsafe fn(*mut Header),
    /// Under the lab's weak policies, instead of `free`: mark what readers check.
    poison: unsafe fn(*mut Header),
}

/// Poison an object's own [`Header`].
///
/// # Safety
/// `h` points to a live header.
unsafe fn poison_header(h: *mut Header) {
    // Safety: the caller's contract.
    let hdr = unsafe { &*h };
    // Relaxed: only a counter's hint to readers; nothing is freed.
    hdr.poisoned.store(true, Ordering::Relaxed);
}

impl Retired {
    /// # Safety
    /// `ptr` points to a live object whose first field is a [`Header`], no longer reachable
    /// from the map, and `free(ptr)` frees it.
    pub(crate) unsafe fn new(ptr: *mut Header, free: unsafe fn(*mut Header)) -> Retired {
        Retired {
            ptr,
            free,
            poison: poison_header,
        }
    }

    /// Like [`new`](Self::new), with `poison(ptr)` marking what readers check under the lab's
    /// weak policies (it runs instead of `free` there, on an object never freed before the
    /// map drops).
    ///
    /// # Safety
    /// As for [`new`](Self::new), and `poison(ptr)` is safe while the map lives.
    pub(crate) unsafe fn with_poison(
        ptr: *mut Header,
        free: unsafe fn(*mut Header),
        poison: unsafe fn(*mut Header),
    ) -> Retired {
        Retired { ptr, free, poison }
    }
}

struct Bag {
    items: Vec<Retired>,
    snap: Snapshot,
}

/// The writer's reclamation state (lives under the writer lock).
#[derive(Default)]
pub(crate) struct Retirer {
    pending: Vec<Retired>,
    bags: VecDeque<Bag>,
    /// What the lab's weak policies would have freed (poisoned, kept until the map drops).
    quarantine: Vec<Retired>,
    /// Released by the handshake, to be freed once the writer lock is released.
    garbage: Vec<Retired>,
}

// Safety: the raw pointers are owned, unreachable objects; moving the list between threads
// (with the writer lock) is what the map does with them.
unsafe impl Send for Retirer {}

/// Retired objects per bag: more amortises the scan, fewer frees sooner.
///
/// 64 with symmetric fences, where a seal costs a fence and a scan of the slots (well under a
/// microsecond). 128 when the handshake is asymmetric: each seal then costs a `membarrier`
/// system call, which interrupts every CPU running one of our threads (an IPI each) and waits
/// for them: on a 2-vCPU VM, 0.4 µs with no other thread running but ~10 µs with a reader busy
/// in `get` on the other vCPU (~150 ns per retired object at 64), and each running reader
/// loses the interrupt's time too. Doubling the bag halves both costs per retired object, for
/// at most 64 more objects held per map. 1 under loom and Miri (small models; no membarrier
/// there anyway). Valid once a map exists (its construction fixes the mode).
pub(crate) fn bag() -> usize {
    if cfg!(any(orderlab_loom, miri)) {
        1
    } else if super::asym::enabled() {
        // Not `asymmetric()`: the map's construction ran `init` already, and this runs on
        // every write.
        128
    } else {
        64
    }
}

impl Retirer {
    pub(crate) fn retire(&mut self, r: Retired) {
        self.pending.push(r);
    }

    /// Seal the pending objects if there are enough of them.
    pub(crate) fn maybe_seal<P: Policy>(&mut self, readers: &Readers<P>) {
        if self.pending.len() >= bag() {
            self.seal(readers);
        }
        if !self.bags.is_empty() {
            self.reclaim(readers);
        }
    }

    /// The writer half of the handshake: scan the dirty marks (after the unlinking stores
    /// the caller already made) and attach what it saw to the pending objects. Returns
    /// whether some reader was seen dirty (or could have been missed: a failed barrier).
    pub(crate) fn seal<P: Policy>(&mut self, readers: &Readers<P>) -> bool {
        let snap = readers.scan();
        let dirty = snap.saw_dirty();
        let items = std::mem::take(&mut self.pending);
        if snap.unreliable {
            // The barrier failed: a reader the scan missed may hold any of these, so this scan
            // must not release them. Put them back: the next seal whose barrier works covers
            // them, because they were unlinked before it too (a reader still holding one then
            // marked itself dirty before it loaded the pointer that led there, so that barrier
            // makes its mark visible to that scan, which waits for it). If barriers kept
            // failing they would pile up here until the map drops: a leak, never an early free.
            self.pending = items;
        } else if !items.is_empty() {
            self.bags.push_back(Bag { items, snap });
        }
        self.reclaim(readers);
        dirty
    }

    /// Free (or, under the lab's weak policies, poison and quarantine) every bag whose
    /// readers have all moved on.
    pub(crate) fn reclaim<P: Policy>(&mut self, readers: &Readers<P>) {
        let mut i = 0;
        while i < self.bags.len() {
            if readers.passed(&self.bags[i].snap) {
                let bag = self.bags.remove(i).expect("index checked");
                for r in bag.items {
                    if P::FREES {
                        // Unreachable since before the scan, and every reader seen inside
                        // then has left since: no reader can still hold it.
                        self.garbage.push(r);
                    } else {
                        // Safety: quarantined objects (and the tables they point into) are
                        // never freed before the map drops.
                        unsafe { (r.poison)(r.ptr) };
                        self.quarantine.push(r);
                    }
                }
            } else {
                i += 1;
            }
        }
    }

    /// What the handshake released since the last call (the caller frees it with
    /// [`Retirer::free`], outside the writer lock).
    pub(crate) fn take_garbage(&mut self) -> Vec<Retired> {
        std::mem::take(&mut self.garbage)
    }

    /// Free released objects.
    ///
    /// # Safety
    /// Each object comes from [`Retirer::take_garbage`] (no reader can reach it).
    pub(crate) unsafe fn free(garbage: Vec<Retired>) {
        for r in garbage {
            // Safety: the caller's contract; each object once.
            unsafe { (r.free)(r.ptr) }
        }
    }

    /// Objects retired and not yet freed (pending, sealed, quarantined, released).
    pub(crate) fn held(&self) -> usize {
        self.garbage.len()
            + self.pending.len()
            + self.bags.iter().map(|b| b.items.len()).sum::<usize>()
            + self.quarantine.len()
    }

    /// Free everything: only when no reader can exist (the map is being dropped).
    ///
    /// # Safety
    /// No thread may be reading the map.
    pub(crate) unsafe fn free_all(&mut self) {
        let bags = std::mem::take(&mut self.bags);
        let all = std::mem::take(&mut self.pending)
            .into_iter()
            .chain(bags.into_iter().flat_map(|b| b.items))
            .chain(std::mem::take(&mut self.quarantine))
            .chain(std::mem::take(&mut self.garbage));
        for r in all {
            // Safety: the caller guarantees no reader; each object is freed once.
            unsafe { (r.free)(r.ptr) }
        }
    }
}
