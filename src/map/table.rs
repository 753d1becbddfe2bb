//! The table: Go's pre-1.24 runtime map layout (`src/runtime/map.go`), made readable by
//! concurrent readers.
//!
//! * 2^B buckets of [`BUCKET_CNT`] = 8 slots, each slot with a tophash byte (the top 8 bits of
//!   the hash; values below [`MIN_TOP_HASH`] are reserved for slot states, as in Go);
//! * overflow buckets chained from a full bucket;
//! * load factor 6.5 ([`over_load_factor`]); growth doubles, or keeps the size ("same-size
//!   growth") when overflow buckets or dead slots pile up;
//! * a growing table keeps a pointer to the old one; writers evacuate old buckets incrementally.
//!
//! Differences from Go, all forced by readers running concurrently with the writer:
//! * slots are **write-once**: a slot's key and value cells are written while the slot is
//!   free, then published (its `ready` bit with Release, then its tophash byte), and never
//!   written again while the table lives. Readers read the cells in place (no pointer hop, no
//!   data race). Replacing a value therefore fills a *new* slot with the key and value and
//!   then marks the old slot dead; `remove` marks the slot dead. A dead slot's tophash byte
//!   becomes Go's `emptyOne` (a tombstone) under the production policy, but the slot is never
//!   reused, as Go would, under a reader's feet. Dead slots are dropped by the next growth
//!   (same-size growth when they pile up), and a dead slot's key and value are moved out and
//!   dropped once no reader can still be reading them (the dirty-flag handshake).
//! * the 8 tophash bytes of a bucket are one atomic word (byte i = slot i), so a reader loads
//!   them once and matches them with a few word operations (SWAR), as Swiss tables do.
//! * old buckets are never modified during evacuation (readers may be scanning them): their
//!   live keys and values are copied bit for bit into the new table, which owns them from then
//!   on; instead of Go's per-slot `evacuatedX/Y/Empty` tophash marks, a bucket has one
//!   `evacuated` word, stored after its slots were copied (the growth protocol). The other
//!   reserved tophash values are kept for fidelity and never stored.
//!
//! Because a key and value may exist in two tables at once during growth (the old table's
//! bytes and the new table's copy), the map hands out clones only, never `&V`: a reference
//! taken through the old copy would not see interior-mutability updates made through the new
//! one.

use std::alloc::{self, Layout};
use std::cell::UnsafeCell;
use std::mem::MaybeUninit;
use std::ptr;

use super::handshake::Header;
use super::policy::Policy;
use crate::sync::atomic::{AtomicPtr, AtomicU32, AtomicU64, AtomicU8, Ordering};

/// Slots per bucket (Go's `bucketCnt`).
pub const BUCKET_CNT: usize = 8;
/// Tophash of an empty slot after which the bucket and its overflow chain are empty
/// (Go's `emptyRest`). Slots fill in order and are never emptied, so every free slot is one.
pub const EMPTY_REST: u8 = 0;
/// Go's `emptyOne` (an emptied slot): a dead slot's tombstone under [`Policy::TOMBSTONES`]
/// (the slot itself is never reused while its table lives).
pub const EMPTY_ONE: u8 = 1;
/// Go's `evacuatedX`: reserved, never stored (see the module docs).
pub const EVACUATED_X: u8 = 2;
/// Go's `evacuatedY`: reserved, never stored.
pub const EVACUATED_Y: u8 = 3;
/// Go's `evacuatedEmpty`: reserved, never stored.
pub const EVACUATED_EMPTY: u8 = 4;
/// Smallest tophash of an occupied slot (Go's `minTopHash`).
pub const MIN_TOP_HASH: u8 = 5;
/// Load factor 6.5 = 13 / 2 (Go's `loadFactorNum` / `loadFactorDen`).
pub const LOAD_FACTOR_NUM: usize = 13;
pub const LOAD_FACTOR_DEN: usize = 2;

/// The tophash byte of a hash (Go's `tophash`).
#[inline]
pub fn tophash(hash: u64) -> u8 {
    tophash_word(hash) as u8
}

/// [`tophash`] in every byte of a word: the top 8 bits of the hash, moved above the reserved
/// values as Go does (computed in 64-bit arithmetic: a reader does this on every lookup).
#[inline(always)]
fn tophash_word(hash: u64) -> u64 {
    let top = hash >> 56;
    let top = if top < MIN_TOP_HASH as u64 {
        top + MIN_TOP_HASH as u64
    } else {
        top
    };
    top * LSB
}

/// Whether `count` entries overload 2^B buckets (Go's `overLoadFactor`).
#[inline]
pub fn over_load_factor(count: usize, b: u8) -> bool {
    count > BUCKET_CNT && count > LOAD_FACTOR_NUM * ((1usize << b) / LOAD_FACTOR_DEN)
}

/// Whether there are too many overflow buckets for 2^B buckets (Go's
/// `tooManyOverflowBuckets`).
#[inline]
pub fn too_many_overflow(noverflow: usize, b: u8) -> bool {
    noverflow >= 1usize << b.min(15)
}

/// `0x0101..01`: one in every byte.
const LSB: u64 = u64::from_ne_bytes([0x01; 8]);
/// `0x7f7f..7f`.
const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
/// `0x8080..80`: the mask bit of every byte.
const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// The bytes of `x` that are zero, as a mask with 0x80 in each such byte (exact: no false
/// positives, unlike the shorter `(x - LSB) & !x & HIGH` trick).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

/// The slots (bytes) of a tophash word equal to `top`, as a mask with 0x80 in each.
#[inline(always)]
pub(crate) fn match_top(word: u64, top: u8) -> u64 {
    zero_bytes(word ^ (LSB * top as u64))
}

/// The reader's shorter [`match_top`], against `tops` (the tophash in every byte, from
/// [`tophash_word`]): exact about whether any slot matches, but a byte just above a matching
/// one may be flagged too (a borrow): only a slot whose tophash is `top ^ 1`, never a free one
/// or a tombstone (0 and [`EMPTY_ONE`]: tophash values start at [`MIN_TOP_HASH`], so `top ^ 1`
/// is at least 4). The key comparison rejects such a slot.
#[inline(always)]
fn candidates(word: u64, tops: u64) -> u64 {
    let x = word ^ tops;
    x.wrapping_sub(LSB) & !x & HIGH
}

/// Whether a tophash word has a free slot (exact, whatever byte the borrow reaches).
#[inline(always)]
fn has_free(word: u64) -> bool {
    word.wrapping_sub(LSB) & !word & HIGH != 0
}

/// The slots (byte indexes) of a byte mask such as [`match_top`]'s, lowest first.
#[derive(Clone, Copy)]
pub(crate) struct Slots(pub(crate) u64);

impl Iterator for Slots {
    type Item = usize;

    #[inline(always)]
    fn next(&mut self) -> Option<usize> {
        pop_bit(&mut self.0).map(|bit| (bit / 8) as usize)
    }
}

/// The lowest set bit of a byte mask (a slot's 0x80), cleared from the mask: what [`Slots`]
/// yields as a slot index, and what [`probe`] addresses a key from ([`Bucket::key_at_bit`]).
#[inline(always)]
fn pop_bit(mask: &mut u64) -> Option<u32> {
    if *mask == 0 {
        return None;
    }
    let bit = mask.trailing_zeros();
    *mask &= *mask - 1;
    Some(bit)
}

/// The number of filled slots in a tophash word: slots fill in order and are never emptied,
/// so they are the bytes below the first zero byte.
#[inline(always)]
pub(crate) fn filled(word: u64) -> usize {
    (zero_bytes(word).trailing_zeros() / 8) as usize
}

/// Tophash byte of slot `i` in a tophash word.
#[inline(always)]
pub(crate) fn top_at(word: u64, i: usize) -> u8 {
    (word >> (8 * i)) as u8
}

/// Bit of slot `i` in [`Bucket::live`]: its cells are written.
#[inline(always)]
pub(crate) fn ready_bit(i: usize) -> u32 {
    1 << i
}

/// Bit of slot `i` in [`Bucket::live`]: its key was removed or replaced.
#[inline(always)]
pub(crate) fn dead_bit(i: usize) -> u32 {
    1 << (8 + i)
}

/// A bucket: 8 write-once slots (tophash byte, key-and-value cell) and the overflow link.
///
/// Laid out as Go's `bmap`, tophash word first and overflow link last; buckets start on a
/// cache line. In between, the slots are key-value pairs (Go keeps all keys, then all values,
/// which saves padding; pairs put a key and its value on one line), then the slot bits, which
/// only writers, growth and the lab's Relaxed probe read. With 8-byte keys and values, the
/// keys of slots 0-3 share the tophash word's line (slot 3's value starts the next one), so
/// most hits compare keys on the line the probe already loaded. Against a 16-byte header of
/// tophash word and slot bits first (keys 0-2 on the first line), `get` measured 0.5-1.5%
/// faster (two interleaved series of 6 and 10 processes), inside this machine's noise;
/// keys-then-values was no faster than pairs.
#[repr(C, align(64))]
pub(crate) struct Bucket<K, V> {
    /// The slots' tophash bytes, byte i = slot i ([`EMPTY_REST`] while free). The publication
    /// word: stored with the policy's publication ordering.
    pub(crate) tophash: AtomicU64,
    slots: [UnsafeCell<MaybeUninit<(K, V)>>; BUCKET_CNT],
    /// Per slot: [`ready_bit`] (stored with Release once the cells are written) and
    /// [`dead_bit`] (stored with Release when the key is removed or replaced). Only the writer
    /// stores it, always with Release, so every value a reader loads carries the cells'
    /// initialisation.
    pub(crate) live: AtomicU32,
    /// In an old table's head buckets: nonzero once the chain's slots were copied to the new
    /// table.
    pub(crate) evacuated: AtomicU8,
    /// The lab's weak policies: per slot, set when the writer would have dropped the slot's
    /// key and value while readers may still read them (a counter's hint, never a free).
    pub(crate) poisoned: AtomicU8,
    pub(crate) overflow: AtomicPtr<Bucket<K, V>>,
}

impl<K, V> Bucket<K, V> {
    pub(crate) fn new() -> Self {
        Bucket {
            tophash: AtomicU64::new(0),
            live: AtomicU32::new(0),
            evacuated: AtomicU8::new(0),
            poisoned: AtomicU8::new(0),
            slots: [const { UnsafeCell::new(MaybeUninit::uninit()) }; BUCKET_CNT],
            overflow: AtomicPtr::new(ptr::null_mut()),
        }
    }

    /// The key of slot `i`.
    ///
    /// # Safety
    /// The slot's ready bit was seen (with Acquire, or by the writer itself), and the slot's
    /// cells are still owned by this table or by a retired object not yet dropped (the caller
    /// is pinned, or is the writer).
    #[inline(always)]
    pub(crate) unsafe fn key(&self, i: usize) -> &K {
        // Safety: the caller's contract; ready cells are never written again.
        unsafe { &(*self.slots[i].get()).assume_init_ref().0 }
    }

    /// The key of the slot whose mask bit (0x80 of its byte, as in [`candidates`]) is `bit`:
    /// [`key`](Self::key) addressed from the bit itself, so a lookup's key address is one
    /// multiply-add of the bit (`(bit - 7) * size / 8`, an addressing mode for 16-byte slots)
    /// instead of a shift to the slot index and another to its offset (measured: `get` about 2%
    /// faster, 1.20x std's time instead of 1.23x, in 8 interleaved processes each).
    ///
    /// # Safety
    /// As for [`key`](Self::key), for slot `bit / 8`; `bit % 8 == 7`.
    #[inline(always)]
    pub(crate) unsafe fn key_at_bit(&self, bit: u32) -> &K {
        debug_assert_eq!(bit % 8, 7);
        let size = std::mem::size_of::<(K, V)>();
        let offset = if size.is_multiple_of(8) {
            (bit as usize - 7) * (size / 8)
        } else {
            (bit as usize / 8) * size
        };
        let cell = self
            .slots
            .as_ptr()
            .cast::<u8>()
            .wrapping_add(offset)
            .cast::<UnsafeCell<MaybeUninit<(K, V)>>>();
        // Safety: `offset` is slot `bit / 8`'s (8 * (bit / 8) == bit - 7), inside `slots`;
        // the caller's contract for that slot.
        unsafe { &(*(*cell).get()).assume_init_ref().0 }
    }

    /// The value of slot `i`.
    ///
    /// # Safety
    /// As for [`key`](Self::key).
    #[inline(always)]
    pub(crate) unsafe fn val(&self, i: usize) -> &V {
        // Safety: the caller's contract.
        unsafe { &(*self.slots[i].get()).assume_init_ref().1 }
    }

    /// Bitwise copies of slot `i`'s key and value (the caller decides which copy owns them).
    ///
    /// # Safety
    /// As for [`key`](Self::key), and at most one of the copies is ever dropped.
    #[inline]
    pub(crate) unsafe fn read_cells(&self, i: usize) -> (K, V) {
        // Safety: the caller's contract; concurrent readers only read these cells.
        unsafe { ptr::read(self.slots[i].get()).assume_init() }
    }

    /// Writer: fill slot `i` (free until now): the cells, then the ready bit (Release), then
    /// the tophash byte, which publishes the slot (the bucket-publication protocol).
    ///
    /// # Safety
    /// Writer lock held; slot `i` is free (its tophash byte is [`EMPTY_REST`]) and every slot
    /// before it is filled.
    #[inline]
    pub(crate) unsafe fn fill<P: Policy>(&self, i: usize, top: u8, key: K, val: V) {
        // Safety: a free slot's cells are not read by anyone (readers stop at its zero
        // tophash byte, and its ready bit is clear).
        unsafe { (*self.slots[i].get()).write((key, val)) };
        // Relaxed: only the writer stores `live` and `tophash`; these are its own last stores.
        let live = self.live.load(Ordering::Relaxed);
        // Release: the cells are written before a reader that sees the bit reads them.
        self.live.store(live | ready_bit(i), Ordering::Release);
        // Relaxed: as above.
        let word = self.tophash.load(Ordering::Relaxed);
        self.tophash
            .store(word | (top as u64) << (8 * i), P::PUB_STORE);
    }

    /// Writer: mark slot `i` dead (its key was removed or replaced): its dead bit, then (for
    /// [`Policy::TOMBSTONES`]) its tophash byte becomes [`EMPTY_ONE`].
    #[inline]
    pub(crate) fn kill<P: Policy>(&self, i: usize) {
        // Relaxed: the writer's own last store.
        let live = self.live.load(Ordering::Relaxed);
        // Release: every `live` store is Release (see the field), and a reader that sees the
        // slot dead also sees the replacing slot published before it.
        self.live.store(live | dead_bit(i), Ordering::Release);
        if P::TOMBSTONES {
            // Relaxed: the writer's own last store.
            let word = self.tophash.load(Ordering::Relaxed);
            let word = word & !(0xff << (8 * i)) | (EMPTY_ONE as u64) << (8 * i);
            // Release: as for the dead bit (a reader loads the word with Acquire or SeqCst).
            self.tophash.store(word, Ordering::Release);
        }
    }
}

/// What a reader found for a key in one bucket chain.
#[derive(Debug)]
pub(crate) enum Probe<K, V> {
    /// A live slot: bucket and index.
    Live(*const Bucket<K, V>, usize),
    /// Not in this chain. `seen_top`: some slot had the key's tophash (another key; without
    /// tombstones also a dead slot, or `stale`); `stale`: some slot's tophash was visible
    /// before its ready bit — a publication violation (only the lab's Relaxed policy allows
    /// it).
    Absent { seen_top: bool, stale: bool },
}

/// Reader: look for `key` in the chain starting at `head`.
///
/// With [`Policy::TOMBSTONES`] a slot is live exactly when its byte in a bucket's tophash word
/// (loaded with Acquire or SeqCst) is its tophash, so one load per bucket decides which keys to
/// compare; the lab's Relaxed policy takes [`probe_bits`].
///
/// # Safety
/// `head` and everything reachable from it must stay alive during the call (the caller is
/// pinned by the handshake).
#[inline(always)]
pub(crate) unsafe fn probe<K, V, Q, P: Policy>(
    head: *const Bucket<K, V>,
    hash: u64,
    key: &Q,
) -> Probe<K, V>
where
    K: std::borrow::Borrow<Q>,
    Q: Eq + ?Sized,
{
    if !P::TOMBSTONES {
        // Safety: the caller's contract.
        return unsafe { probe_bits::<K, V, Q, P>(head, tophash(hash), key) };
    }
    let tops = tophash_word(hash);
    let mut seen_top = false;
    let mut b = head;
    loop {
        // Safety: the caller keeps the chain alive; `b` was published with Release and read
        // with Acquire (or is the head, inside a published table).
        let bucket = unsafe { &*b };
        // (Acquire or SeqCst, `TOMBSTONES` policies): the word carries the cells of every slot
        // it shows and the death of every slot it no longer shows.
        let word = bucket.tophash.load(P::PUB_LOAD);
        // Free slots (0) and tombstones ([`EMPTY_ONE`]) are below every tophash and never a
        // borrow's false candidate (`top ^ 1 >= MIN_TOP_HASH - 1`): every candidate is live.
        let mut m = candidates(word, tops);
        if m != 0 {
            seen_top = true;
            while let Some(bit) = pop_bit(&mut m) {
                // Safety: live and ready in a word loaded with Acquire; alive while pinned.
                if unsafe { bucket.key_at_bit(bit) }.borrow() == key {
                    return Probe::Live(b, (bit / 8) as usize);
                }
            }
        }
        if has_free(word) {
            // A free slot: the chain ends here.
            return Probe::Absent {
                seen_top,
                stale: false,
            };
        }
        // Acquire: an overflow bucket is fully written before its Release publication.
        b = bucket.overflow.load(Ordering::Acquire);
        if b.is_null() {
            return Probe::Absent {
                seen_top,
                stale: false,
            };
        }
    }
}

/// [`probe`] without tombstones (the lab's Relaxed policy): a candidate's ready and dead bits
/// decide, and a bucket is rescanned when a replacement may have landed in it after its
/// tophash word was loaded.
///
/// # Safety
/// As for [`probe`].
unsafe fn probe_bits<K, V, Q, P: Policy>(head: *const Bucket<K, V>, top: u8, key: &Q) -> Probe<K, V>
where
    K: std::borrow::Borrow<Q>,
    Q: Eq + ?Sized,
{
    let (mut seen_top, mut stale) = (false, false);
    let mut b = head;
    while !b.is_null() {
        // Safety: as in `probe`.
        let bucket = unsafe { &*b };
        let mut word = bucket.tophash.load(P::PUB_LOAD);
        // Slots already examined (a bucket is rescanned when a replacement may have landed in
        // it after `word` was loaded).
        let mut done = 0u64;
        loop {
            let m = match_top(word, top) & !done;
            let mut saw_dead = false;
            if m != 0 {
                // Acquire: as in `probe`.
                let live = bucket.live.load(Ordering::Acquire);
                for i in Slots(m) {
                    seen_top = true;
                    if live & ready_bit(i) == 0 {
                        stale = true;
                        continue;
                    }
                    if live & dead_bit(i) != 0 {
                        saw_dead = true;
                        continue;
                    }
                    // Safety: ready (seen with Acquire), and alive while we are pinned.
                    if unsafe { bucket.key(i) }.borrow() == key {
                        return Probe::Live(b, i);
                    }
                }
            }
            if !has_free(word) {
                break; // full: the chain goes on
            }
            if !saw_dead {
                // A free slot: the chain ends here.
                return Probe::Absent { seen_top, stale };
            }
            // A replaced key's new slot is published before the old one dies: having seen it
            // dead (Acquire), a reload sees the new slot if it landed in this bucket after
            // `word` was loaded (an overflow bucket is loaded afterwards anyway).
            let again = bucket.tophash.load(P::PUB_LOAD);
            if again == word {
                return Probe::Absent { seen_top, stale };
            }
            done = !zero_bytes(word) & HIGH;
            word = again;
        }
        // Acquire: as in `probe`.
        b = bucket.overflow.load(Ordering::Acquire);
    }
    Probe::Absent { seen_top, stale }
}

/// A table of 2^B buckets; while growing, `old` points to the table being evacuated.
///
/// The buckets follow the header in the same allocation (one dependent load less per lookup
/// than a separate array), so a table is only ever handled through its raw pointer (whose
/// provenance covers the buckets): [`Table::bucket_at`], never through a `&Table` field.
#[repr(C)]
pub(crate) struct Table<K, V> {
    pub(crate) hdr: Header,
    pub(crate) b: u8,
    pub(crate) old: AtomicPtr<Table<K, V>>,
    /// Where the 2^b buckets start (cache-line aligned, like the table).
    buckets: [Bucket<K, V>; 0],
}

impl<K, V> Table<K, V> {
    /// The allocation of a table of 2^b buckets.
    fn layout(b: u8) -> Layout {
        let size = std::mem::size_of::<Bucket<K, V>>()
            .checked_mul(1usize << b)
            .and_then(|n| n.checked_add(std::mem::offset_of!(Self, buckets)))
            .expect("table size overflows usize");
        // Aligned beyond the buckets' cache line, to free the low bits [`tag`] uses.
        Layout::from_size_align(size, std::mem::align_of::<Self>().max(TAG + 1))
            .expect("table layout")
    }

    pub(crate) fn alloc(b: u8, old: *mut Table<K, V>) -> *mut Table<K, V> {
        let layout = Self::layout(b);
        // Safety: the layout has a nonzero size (the header).
        let t = unsafe { alloc::alloc(layout) }.cast::<Self>();
        if t.is_null() {
            alloc::handle_alloc_error(layout);
        }
        // Safety: `t` is a fresh allocation for the header and 2^b buckets, written once each.
        unsafe {
            t.write(Table {
                hdr: Header::new(),
                b,
                old: AtomicPtr::new(old),
                buckets: [],
            });
            for i in 0..1usize << b {
                Self::bucket_ptr(t, i).write(Bucket::new());
            }
        }
        t
    }

    /// Number of buckets.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        1usize << self.b
    }

    /// The writer's view: whether this table still has an old one to evacuate.
    #[inline]
    pub(crate) fn growing(&self) -> bool {
        // Relaxed: only the writer stores `old` (callers hold the writer lock, or own the table).
        !self.old.load(Ordering::Relaxed).is_null()
    }

    #[inline(always)]
    fn bucket_ptr(t: *const Self, i: usize) -> *mut Bucket<K, V> {
        t.cast::<u8>()
            .wrapping_add(std::mem::offset_of!(Self, buckets))
            .cast::<Bucket<K, V>>()
            .cast_mut()
            .wrapping_add(i)
    }

    /// Bucket `i` of table `t`.
    ///
    /// # Safety
    /// `t` comes from [`Table::alloc`] (not from a reference), is alive for `'a`, and
    /// `i < 2^b`.
    #[inline(always)]
    pub(crate) unsafe fn bucket_at<'a>(t: *const Self, i: usize) -> &'a Bucket<K, V> {
        // Safety: the caller's contract; buckets are initialised by `alloc`.
        unsafe { &*Self::bucket_ptr(t, i) }
    }

    /// The bucket of `hash` in table `t` of 2^`b` buckets.
    ///
    /// # Safety
    /// As for [`bucket_at`](Self::bucket_at), and `b` is the table's.
    #[inline(always)]
    pub(crate) unsafe fn bucket<'a>(t: *const Self, b: u8, hash: u64) -> &'a Bucket<K, V> {
        // Safety: the caller's contract; the index is masked below 2^b.
        unsafe { Self::bucket_at(t, hash as usize & ((1usize << b) - 1)) }
    }
}

/// Low bits of a table pointer that carry its B.
const TAG_B: usize = 63;
/// The bit of a table pointer that says the table may be growing (has an old table).
const TAG_GROWING: usize = 64;
/// The low bits [`tag`] uses (tables are aligned to `TAG + 1`).
const TAG: usize = TAG_B | TAG_GROWING;

/// A table pointer with its B and its growing bit in the low bits, so that a reader finds its
/// bucket without first loading B from the table, and skips the table's `old` pointer unless
/// growth may be running (the one atomic load gives all three).
#[inline]
pub(crate) fn tag<K, V>(t: *mut Table<K, V>, b: u8, growing: bool) -> *mut Table<K, V> {
    debug_assert!(t.addr() & TAG == 0 && (b as usize) <= TAG_B);
    t.map_addr(|a| a | b as usize | if growing { TAG_GROWING } else { 0 })
}

/// A [`tag`]ged pointer taken apart.
#[derive(Clone, Copy)]
pub(crate) struct Tagged<K, V> {
    pub(crate) table: *mut Table<K, V>,
    pub(crate) b: u8,
    /// Growth may be running: the table's `old` pointer must be checked. Clear only once the
    /// writer finished an evacuation, and published the pointer without the bit afterwards.
    pub(crate) growing: bool,
}

/// The table, its B and its growing bit from a [`tag`]ged pointer.
#[inline(always)]
pub(crate) fn untag<K, V>(p: *mut Table<K, V>) -> Tagged<K, V> {
    Tagged {
        table: p.map_addr(|a| a & !TAG),
        b: (p.addr() & TAG_B) as u8,
        growing: p.addr() & TAG_GROWING != 0,
    }
}

/// The key and value moved out of a dead slot, dropped once no reader can still be reading
/// the slot's cells (their bytes stay in the slot, and may own heap memory this box now owns).
#[repr(C)]
pub(crate) struct Moved<K, V> {
    hdr: Header,
    _key: K,
    _val: V,
    /// Where the slot was (only for the lab's poisoning; never dereferenced when freeing).
    bucket: *const Bucket<K, V>,
    slot: usize,
}

impl<K, V> Moved<K, V> {
    /// Move the cells of the (now dead) slot `i` of `b` into a box.
    ///
    /// # Safety
    /// Writer lock held; the slot is ready and dead, and its cells are owned by the table
    /// (not moved before).
    pub(crate) unsafe fn take(b: &Bucket<K, V>, i: usize) -> *mut Header {
        // Safety: the caller's contract; the table stops owning the cells.
        let (key, val) = unsafe { b.read_cells(i) };
        Box::into_raw(Box::new(Moved {
            hdr: Header::new(),
            _key: key,
            _val: val,
            bucket: b,
            slot: i,
        })) as *mut Header
    }
}

/// # Safety
/// `h` came from [`Moved::take`] and is freed once.
pub(crate) unsafe fn free_moved<K, V>(h: *mut Header) {
    // Safety: caller's contract; `Header` is the first field of the repr(C) box.
    drop(unsafe { Box::from_raw(h as *mut Moved<K, V>) });
}

/// The lab's weak policies: mark the slot a [`Moved`] came from as poisoned.
///
/// # Safety
/// `h` came from [`Moved::take`] and its table was never freed (the weak policies quarantine
/// every table).
pub(crate) unsafe fn poison_moved<K, V>(h: *mut Header) {
    // Safety: the caller's contract.
    let m = unsafe { &*(h as *const Moved<K, V>) };
    // Safety: as above: the bucket's table is quarantined, never freed.
    let b = unsafe { &*m.bucket };
    // Relaxed: a best-effort counter's hint, only the writer stores it.
    let p = b.poisoned.load(Ordering::Relaxed);
    b.poisoned.store(p | 1 << m.slot, Ordering::Relaxed);
}

/// Which cells a table free also drops.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cells {
    /// None: the live cells were copied to the new table, which owns them (an evacuated table).
    None,
    /// All live ones (a cleared or dropped current table).
    All,
    /// Only those in chains not evacuated (a cleared or dropped table that was being evacuated).
    Unevacuated,
}

/// # Safety
/// `t` came from [`Table::alloc`], is unreachable, and is freed once.
unsafe fn free_table<K, V>(t: *mut Table<K, V>, cells: Cells) {
    // Safety: caller's contract.
    let b = unsafe { (*t).b };
    for h in 0..1usize << b {
        // Safety: caller's contract; `h < 2^b`.
        let head = unsafe { Table::bucket_at(t, h) };
        // Relaxed: no reader can reach the table any more (caller's contract).
        let evacuated = head.evacuated.load(Ordering::Relaxed) != 0;
        let drop_cells = match cells {
            Cells::None => false,
            Cells::All => true,
            Cells::Unevacuated => !evacuated,
        };
        let mut bp: *const Bucket<K, V> = head;
        while !bp.is_null() {
            // Safety: the chain is owned by the table being freed.
            let bucket = unsafe { &*bp };
            if drop_cells {
                // Relaxed: unreachable table, as above.
                let live = bucket.live.load(Ordering::Relaxed);
                for i in 0..BUCKET_CNT {
                    if live & ready_bit(i) != 0 && live & dead_bit(i) == 0 {
                        // Safety: a live slot owns its cells (a dead one's were moved out).
                        drop(unsafe { bucket.read_cells(i) });
                    }
                }
            }
            // Relaxed: unreachable table, as above.
            let next = bucket.overflow.load(Ordering::Relaxed);
            if !ptr::eq(bp, head) {
                // Safety: overflow buckets come from Box::into_raw and are owned by the chain.
                drop(unsafe { Box::from_raw(bp as *mut Bucket<K, V>) });
            }
            bp = next;
        }
    }
    // Safety: the header and head buckets were written by `alloc` and are dropped once (a no-op
    // natively; loom's atomics have drop glue), then the allocation is freed with its layout.
    unsafe {
        for h in 0..1usize << b {
            ptr::drop_in_place(Table::bucket_ptr(t, h));
        }
        ptr::drop_in_place(t);
        alloc::dealloc(t.cast(), Table::<K, V>::layout(b));
    }
}

/// # Safety
/// See [`free_table`]; for an old table whose every chain was evacuated.
pub(crate) unsafe fn free_table_shell<K, V>(h: *mut Header) {
    // Safety: caller's contract; `Header` is the first field of the repr(C) table.
    unsafe { free_table::<K, V>(h as *mut Table<K, V>, Cells::None) }
}

/// # Safety
/// See [`free_table`]; for a table that was not being evacuated.
pub(crate) unsafe fn free_table_deep<K, V>(h: *mut Header) {
    // Safety: caller's contract.
    unsafe { free_table::<K, V>(h as *mut Table<K, V>, Cells::All) }
}

/// # Safety
/// See [`free_table`]; for an old table abandoned in the middle of its evacuation.
pub(crate) unsafe fn free_table_unevacuated<K, V>(h: *mut Header) {
    // Safety: caller's contract.
    unsafe { free_table::<K, V>(h as *mut Table<K, V>, Cells::Unevacuated) }
}
