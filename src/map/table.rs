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
//! * a key and its value live in an immutable [`Entry`] behind an atomic pointer, never inline:
//!   a reader may be reading a slot while the writer writes it, so a slot's words are atomics
//!   and a published entry is never written again. Replacing a value publishes a new entry in
//!   the same slot and retires the old one.
//! * `remove` stores a tombstone entry pointer instead of emptying the slot (Go's `emptyOne`)
//!   and the slot stays dead for the table's life, so a reader can never see a slot change keys
//!   under it. Dead slots are dropped by the next growth (same-size growth when they are many).
//! * old buckets are never modified during evacuation (readers may be scanning them); instead
//!   of Go's per-slot `evacuatedX/Y/Empty` tophash marks, a bucket has one `evacuated` word,
//!   stored after its entries were copied (the growth protocol). The reserved tophash values
//!   are kept for fidelity and never stored.

use std::ptr;

use super::handshake::Header;
use super::policy::Policy;
use crate::sync::atomic::{AtomicPtr, AtomicU8, Ordering};

/// Slots per bucket (Go's `bucketCnt`).
pub const BUCKET_CNT: usize = 8;
/// Tophash of an empty slot after which the bucket and its overflow chain are empty
/// (Go's `emptyRest`). Slots fill in order and are never emptied, so every free slot is one.
pub const EMPTY_REST: u8 = 0;
/// Go's `emptyOne` (an emptied slot): reserved, never stored (removal uses tombstone values).
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
    let top = (hash >> 56) as u8;
    if top < MIN_TOP_HASH {
        top + MIN_TOP_HASH
    } else {
        top
    }
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

/// An entry: a key, its hash and a value, immutable once published.
#[repr(C)]
pub(crate) struct Entry<K, V> {
    pub(crate) hdr: Header,
    pub(crate) hash: u64,
    pub(crate) key: K,
    pub(crate) val: V,
}

static TOMB_SENTINEL: u8 = 0;

/// The entry pointer of a removed entry's slot (never dereferenced).
#[inline]
pub(crate) fn tomb<K, V>() -> *mut Entry<K, V> {
    ptr::addr_of!(TOMB_SENTINEL) as *mut Entry<K, V>
}

pub(crate) fn alloc_entry<K, V>(hash: u64, key: K, val: V) -> *mut Entry<K, V> {
    Box::into_raw(Box::new(Entry {
        hdr: Header::new(),
        hash,
        key,
        val,
    }))
}

/// # Safety
/// `h` came from [`alloc_entry`] and is freed once.
pub(crate) unsafe fn free_entry<K, V>(h: *mut Header) {
    // Safety: caller's contract; `Header` is the first field of the repr(C) entry.
    drop(unsafe { Box::from_raw(h as *mut Entry<K, V>) });
}

/// A bucket: 8 slots and the overflow link.
pub(crate) struct Bucket<K, V> {
    pub(crate) tophash: [AtomicU8; BUCKET_CNT],
    pub(crate) entries: [AtomicPtr<Entry<K, V>>; BUCKET_CNT],
    pub(crate) overflow: AtomicPtr<Bucket<K, V>>,
    /// In an old table's head buckets: nonzero once the chain's entries were copied to the
    /// new table.
    pub(crate) evacuated: AtomicU8,
}

impl<K, V> Bucket<K, V> {
    pub(crate) fn new() -> Self {
        Bucket {
            tophash: std::array::from_fn(|_| AtomicU8::new(EMPTY_REST)),
            entries: std::array::from_fn(|_| AtomicPtr::new(ptr::null_mut())),
            overflow: AtomicPtr::new(ptr::null_mut()),
            evacuated: AtomicU8::new(0),
        }
    }

    /// Writer: fill slot `i` (free until now): the entry pointer first, then the tophash
    /// byte, which publishes the slot (the bucket-publication protocol).
    #[inline]
    pub(crate) fn fill<P: Policy>(&self, i: usize, top: u8, e: *mut Entry<K, V>) {
        // Release: the entry was fully written before it becomes reachable.
        self.entries[i].store(e, Ordering::Release);
        self.tophash[i].store(top, P::PUB_STORE);
    }
}

/// What a reader found for a key in one bucket chain.
#[derive(Debug)]
pub(crate) enum Probe<K, V> {
    /// A live entry.
    Live(*mut Entry<K, V>),
    /// Not in this chain. `seen_top`: some slot had the key's tophash (a removed entry, another
    /// key, or `stale`); `stale`: some slot's tophash was visible before its entry pointer — a
    /// publication violation (only the lab's Relaxed policy allows it).
    Absent { seen_top: bool, stale: bool },
}

/// Reader: look for `key` in the chain starting at `head`.
///
/// # Safety
/// `head` and everything reachable from it must stay alive during the call (the caller is
/// pinned by the handshake).
#[inline]
pub(crate) unsafe fn probe<K, V, Q, P: Policy>(
    head: *const Bucket<K, V>,
    hash: u64,
    key: &Q,
) -> Probe<K, V>
where
    K: std::borrow::Borrow<Q>,
    Q: Eq + ?Sized,
{
    let top = tophash(hash);
    let (mut seen_top, mut stale) = (false, false);
    let mut b = head;
    while !b.is_null() {
        // Safety: the caller keeps the chain alive; `b` was published with Release and read
        // with Acquire (or is the head, inside a published table).
        let bucket = unsafe { &*b };
        for i in 0..BUCKET_CNT {
            let th = bucket.tophash[i].load(P::PUB_LOAD);
            if th == EMPTY_REST {
                return Probe::Absent { seen_top, stale };
            }
            if th != top {
                continue;
            }
            seen_top = true;
            // Acquire: pairs with the Release store of the entry pointer.
            let e = bucket.entries[i].load(Ordering::Acquire);
            if e.is_null() {
                stale = true;
                continue;
            }
            if e == tomb() {
                continue;
            }
            // Safety: a published entry is immutable and alive while we are pinned.
            let entry = unsafe { &*e };
            if entry.hash == hash && entry.key.borrow() == key {
                return Probe::Live(e);
            }
        }
        // Acquire: an overflow bucket is fully written before its Release publication.
        b = bucket.overflow.load(Ordering::Acquire);
    }
    Probe::Absent { seen_top, stale }
}

/// A table of 2^B buckets; while growing, `old` points to the table being evacuated.
#[repr(C)]
pub(crate) struct Table<K, V> {
    pub(crate) hdr: Header,
    pub(crate) b: u8,
    pub(crate) buckets: Box<[Bucket<K, V>]>,
    pub(crate) old: AtomicPtr<Table<K, V>>,
}

impl<K, V> Table<K, V> {
    pub(crate) fn alloc(b: u8, old: *mut Table<K, V>) -> *mut Table<K, V> {
        Box::into_raw(Box::new(Table {
            hdr: Header::new(),
            b,
            buckets: (0..1usize << b).map(|_| Bucket::new()).collect(),
            old: AtomicPtr::new(old),
        }))
    }

    #[inline]
    pub(crate) fn mask(&self) -> usize {
        self.buckets.len() - 1
    }

    #[inline]
    pub(crate) fn bucket(&self, hash: u64) -> &Bucket<K, V> {
        &self.buckets[hash as usize & self.mask()]
    }
}

/// Which cells a table free also frees.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cells {
    /// None: the cells moved to the new table (an evacuated table).
    None,
    /// All of them (a cleared or dropped current table).
    All,
    /// Only those in chains not evacuated (a cleared or dropped table that was being evacuated).
    Unevacuated,
}

/// # Safety
/// `t` came from [`Table::alloc`], is unreachable, and is freed once.
unsafe fn free_table<K, V>(t: *mut Table<K, V>, cells: Cells) {
    // Safety: caller's contract.
    let table = unsafe { Box::from_raw(t) };
    for head in table.buckets.iter() {
        // Relaxed: no reader can reach the table any more (caller's contract).
        let evacuated = head.evacuated.load(Ordering::Relaxed) != 0;
        let free_cells = match cells {
            Cells::None => false,
            Cells::All => true,
            Cells::Unevacuated => !evacuated,
        };
        let mut b: *const Bucket<K, V> = head;
        while !b.is_null() {
            // Safety: the chain is owned by the table being freed.
            let bucket = unsafe { &*b };
            if free_cells {
                for i in 0..BUCKET_CNT {
                    // Relaxed: unreachable table, as above.
                    let e = bucket.entries[i].load(Ordering::Relaxed);
                    if !e.is_null() && e != tomb() {
                        // Safety: the slot owns its live entry.
                        unsafe { free_entry::<K, V>(e as *mut Header) }
                    }
                }
            }
            // Relaxed: unreachable table, as above.
            let next = bucket.overflow.load(Ordering::Relaxed);
            if !ptr::eq(b, head) {
                // Safety: overflow buckets come from Box::into_raw and are owned by the chain.
                drop(unsafe { Box::from_raw(b as *mut Bucket<K, V>) });
            }
            b = next;
        }
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
