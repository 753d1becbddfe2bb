//! Ordering policies: which orderings the map's two protocols use.
//!
//! A policy decides the orderings of
//! * **bucket publication**: the store of a slot's tophash byte (the word that says "this slot
//!   holds a key") and of a bucket's `evacuated` mark, and the loads of both by readers;
//! * **the dirty-flag handshake**: the reader's store of its dirty mark followed by its load of
//!   the table pointer, and the writer's loads of the dirty marks after it unlinked something.
//!
//! [`SeqCst`] is the production policy. Its handshake fences are asymmetric where Linux
//! `membarrier` is available ([`super::asym`]): the reader pays a compiler fence only and the
//! writer a `membarrier` system call per sealed batch; elsewhere (and under Miri, loom and
//! shuttle) both sides use `fence(SeqCst)`. [`AcqRel`] and [`Relaxed`] exist for the lab: the map
//! stays free of undefined behaviour under them because
//! * every pointer to memory written non-atomically (a key or value cell, a bucket, a table) is
//!   always published with Release and read with Acquire (or Relaxed + an Acquire fence), whatever
//!   the policy — the policy only weakens orderings between atomic words;
//! * memory the writer would free is quarantined instead (kept until the map is dropped), and
//!   readers count the would-be violations ([`crate::map::ConcurrentMap::violations`]).

use super::asym;
use crate::sync::atomic::{fence, AtomicPtr, AtomicU64, Ordering};

mod sealed {
    pub trait Sealed {}
}

/// An ordering policy for the map's protocols. Implemented by [`Relaxed`], [`AcqRel`] and
/// [`SeqCst`] only.
pub trait Policy: sealed::Sealed + Send + Sync + 'static {
    /// `relaxed`, `acqrel` or `seqcst` (used in litmus test names).
    const NAME: &'static str;
    /// Whether the writer really frees what the handshake says no reader holds. The weak
    /// policies quarantine instead (and so does every policy under loom).
    const FREES: bool;
    /// Whether a dead slot's tophash byte becomes [`EMPTY_ONE`](super::table::EMPTY_ONE) (a
    /// tombstone, as in Go), so that a reader judges a slot from the tophash word alone. Needs
    /// a Release/Acquire publication (the word then carries the slot's cells and every earlier
    /// state change); the lab's Relaxed policy keeps tophash bytes and checks the slot's ready
    /// and dead bits instead, which lets it count stale and missed reads.
    const TOMBSTONES: bool;
    /// Ordering of the publication store (tophash byte, `evacuated` mark).
    const PUB_STORE: Ordering;
    /// Ordering of the publication load (tophash byte, `evacuated` mark).
    const PUB_LOAD: Ordering;

    /// Reader side of the handshake, first half: mark the reader dirty (store `v` into its
    /// slot). `asym`: the process's fence mode (`asym::enabled`, copied by the map).
    fn mark(slot: &AtomicU64, v: u64, asym: bool);
    /// Reader side, second half: load the pointer it will use (the table).
    fn load_ptr<T>(p: &AtomicPtr<T>) -> *mut T;
    /// Writer side, between its unlinking stores and its scan of the dirty marks. Returns
    /// false if the fence could not be made (a failed `membarrier`): the scan that follows
    /// then proves nothing, and what was unlinked must not be freed.
    fn writer_fence() -> bool;
    /// Writer side: load one reader's dirty mark.
    fn scan_load(slot: &AtomicU64) -> u64;
}

/// The production policy: a full barrier in both halves of the handshake (SB+fence: forbidden
/// in every model, and judged correctly by loom, which treats SeqCst *accesses* as AcqRel),
/// SeqCst publication stores and loads.
///
/// The handshake's barriers are asymmetric where [`asymmetric()`](super::asymmetric) is true
/// (Linux with `membarrier`): the reader's is a compiler fence ([`asym::light_in`]), and the
/// writer, after `fence(SeqCst)`, makes every running thread of the process execute a full
/// barrier with `membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED)` ([`asym::heavy`]). Otherwise
/// (other systems, old kernels, emulators that refuse it, Miri, loom, shuttle) both halves are
/// `fence(SeqCst)`.
///
/// [`asym::light_in`]: super::asym
/// [`asym::heavy`]: super::asym
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SeqCst;

/// Release stores and Acquire loads everywhere (SB+ra for the handshake: the writer can miss
/// a reader that then loads the old table, on x86 and in the C11 model).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AcqRel;

/// Relaxed protocol words (only what memory safety needs stays Release/Acquire).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Relaxed;

impl sealed::Sealed for SeqCst {}
impl sealed::Sealed for AcqRel {}
impl sealed::Sealed for Relaxed {}

impl Policy for SeqCst {
    const NAME: &'static str = "seqcst";
    // Under loom nothing is freed: every policy quarantines and poisons, and readers count
    // what they would have suffered, so loom judges the handshake by `violations()`.
    const FREES: bool = !cfg!(orderlab_loom);
    const TOMBSTONES: bool = true;
    const PUB_STORE: Ordering = Ordering::SeqCst;
    const PUB_LOAD: Ordering = Ordering::SeqCst;

    #[inline(always)]
    fn mark(slot: &AtomicU64, v: u64, asym: bool) {
        // Release: the barrier right after orders this store before the table load; Release
        // makes the thread's previous read section happen before a writer's free that reads
        // this value (a later plain store would not continue the exit store's release).
        slot.store(v, Ordering::Release);
        // The reader half of SB+fence (store; fence; load): `fence(SeqCst)`, or a compiler
        // fence when the writer's half is a membarrier (asym.rs).
        asym::light_in(asym);
    }

    #[inline(always)]
    fn load_ptr<T>(p: &AtomicPtr<T>) -> *mut T {
        // Acquire: the table was fully written before its Release publication.
        p.load(Ordering::Acquire)
    }

    #[inline]
    fn writer_fence() -> bool {
        // The writer half of SB+fence (unlink; fence; scan): `fence(SeqCst)`, plus the
        // membarrier that stands in for the readers' fences when they are light (asym.rs).
        asym::heavy()
    }

    #[inline(always)]
    fn scan_load(slot: &AtomicU64) -> u64 {
        // Acquire: a reader's exit store is Release, so what it read happens before our free.
        slot.load(Ordering::Acquire)
    }
}

impl Policy for AcqRel {
    const NAME: &'static str = "acqrel";
    const FREES: bool = false;
    const TOMBSTONES: bool = true;
    // Release/Acquire: enough for publication (MP), not for the handshake (SB).
    const PUB_STORE: Ordering = Ordering::Release;
    const PUB_LOAD: Ordering = Ordering::Acquire;

    #[inline(always)]
    fn mark(slot: &AtomicU64, v: u64, _asym: bool) {
        // Release (the lab's AcqRel handshake): does not order the later load (SB+ra).
        slot.store(v, Ordering::Release);
    }

    #[inline(always)]
    fn load_ptr<T>(p: &AtomicPtr<T>) -> *mut T {
        // Acquire: the table was fully written before its Release publication.
        p.load(Ordering::Acquire)
    }

    #[inline(always)]
    fn writer_fence() -> bool {
        true
    }

    #[inline(always)]
    fn scan_load(slot: &AtomicU64) -> u64 {
        // Acquire (the lab's AcqRel handshake): pairs with the reader's Release exit store.
        slot.load(Ordering::Acquire)
    }
}

impl Policy for Relaxed {
    const NAME: &'static str = "relaxed";
    const FREES: bool = false;
    const TOMBSTONES: bool = false;
    // Relaxed: deliberately too weak for both protocols (the lab counts what goes wrong).
    const PUB_STORE: Ordering = Ordering::Relaxed;
    const PUB_LOAD: Ordering = Ordering::Relaxed;

    #[inline(always)]
    fn mark(slot: &AtomicU64, v: u64, _asym: bool) {
        // Relaxed (the lab's Relaxed handshake): nothing orders it before the table load.
        slot.store(v, Ordering::Relaxed);
    }

    #[inline(always)]
    fn load_ptr<T>(p: &AtomicPtr<T>) -> *mut T {
        // Relaxed (the lab's Relaxed handshake) ...
        let t = p.load(Ordering::Relaxed);
        // ... followed by an Acquire fence: memory safety needs the table's initialisation to
        // happen before we read it; the fence does not order the earlier dirty-mark store.
        fence(Ordering::Acquire);
        t
    }

    #[inline(always)]
    fn writer_fence() -> bool {
        true
    }

    #[inline(always)]
    fn scan_load(slot: &AtomicU64) -> u64 {
        // Relaxed (the lab's Relaxed handshake); nothing is freed under this policy.
        slot.load(Ordering::Relaxed)
    }
}
