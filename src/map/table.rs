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
//! * keys and values live in their own immutable cells ([`KeyCell`], [`ValCell`]) behind atomic
//!   pointers, never inline: a reader may be reading a slot while the writer writes it, so a
//!   slot's words are atomics and a published cell is never written again. Replacing a value
//!   publishes a new cell and retires the old one.
//! * a slot, once it holds a key, holds that key for the table's life: `remove` stores a
//!   tombstone value instead of clearing the slot (Go's `emptyOne`), so a reader can never see
//!   a slot change keys under it. Dead slots are dropped by the next growth (same-size growth
//!   when they are many).
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

/// A key and its hash, immutable once published.
#[repr(C)]
pub(crate) struct KeyCell<K> {
    pub(crate) hdr: Header,
    pub(crate) hash: u64,
    pub(crate) key: K,
}

/// A value, immutable once published.
#[repr(C)]
pub(crate) struct ValCell<V> {
    pub(crate) hdr: Header,
    pub(crate) val: V,
}

static TOMB_SENTINEL: u8 = 0;

/// The value pointer of a removed entry (never dereferenced).
#[inline]
pub(crate) fn tomb<V>() -> *mut ValCell<V> {
    ptr::addr_of!(TOMB_SENTINEL) as *mut ValCell<V>
}

pub(crate) fn alloc_key<K>(hash: u64, key: K) -> *mut KeyCell<K> {
    Box::into_raw(Box::new(KeyCell {
        hdr: Header::new(),
        hash,
        key,
    }))
}

pub(crate) fn alloc_val<V>(val: V) -> *mut ValCell<V> {
    Box::into_raw(Box::new(ValCell {
        hdr: Header::new(),
        val,
    }))
}

/// # Safety
/// `h` came from [`alloc_key`] and is freed once.
pub(crate) unsafe fn free_key<K>(h: *mut Header) {
    // Safety: caller's contract; `Header` is the first field of the repr(C) cell.
    drop(unsafe { Box::from_raw(h as *mut KeyCell<K>) });
}

/// # Safety
/// `h` came from [`alloc_val`] and is freed once.
pub(crate) unsafe fn free_val<V>(h: *mut Header) {
    // Safety: caller's contract; `Header` is the first field of the repr(C) cell.
    drop(unsafe { Box::from_raw(h as *mut ValCell<V>) });
}

/// A bucket: 8 slots and the overflow link.
pub(crate) struct Bucket<K, V> {
    pub(crate) tophash: [AtomicU8; BUCKET_CNT],
    pub(crate) keys: [AtomicPtr<KeyCell<K>>; BUCKET_CNT],
    pub(crate) vals: [AtomicPtr<ValCell<V>>; BUCKET_CNT],
    pub(crate) overflow: AtomicPtr<Bucket<K, V>>,
    /// In an old table's head buckets: nonzero once the chain's entries were copied to the
    /// new table.
    pub(crate) evacuated: AtomicU8,
}

impl<K, V> Bucket<K, V> {
    pub(crate) fn new() -> Self {
        Bucket {
            tophash: std::array::from_fn(|_| AtomicU8::new(EMPTY_REST)),
            keys: std::array::from_fn(|_| AtomicPtr::new(ptr::null_mut())),
            vals: std::array::from_fn(|_| AtomicPtr::new(ptr::null_mut())),
            overflow: AtomicPtr::new(ptr::null_mut()),
            evacuated: AtomicU8::new(0),
        }
    }

    /// Writer: fill slot `i` (free until now): key and value cells first, then the tophash
    /// byte, which publishes the slot (the bucket-publication protocol).
    #[inline]
    pub(crate) fn fill<P: Policy>(
        &self,
        i: usize,
        top: u8,
        k: *mut KeyCell<K>,
        v: *mut ValCell<V>,
    ) {
        // Release: the key cell was fully written before it becomes reachable.
        self.keys[i].store(k, Ordering::Release);
        // Release: the value cell was fully written before it becomes reachable.
        self.vals[i].store(v, Ordering::Release);
        self.tophash[i].store(top, P::PUB_STORE);
    }
}

/// What a reader found for a key in one bucket chain.
#[derive(Debug)]
pub(crate) enum Probe<K, V> {
    /// A live entry.
    Live(*mut KeyCell<K>, *mut ValCell<V>),
    /// The key's slot holds a tombstone.
    Dead,
    /// A matching tophash whose value pointer was not yet visible: a publication violation
    /// (only the lab's Relaxed policy allows it).
    StaleVal,
    /// Not in this chain. `stale_key`: some slot's tophash was visible before its key pointer
    /// (a publication violation; that slot might have been the key).
    Absent { stale_key: bool },
}

impl<K, V> Probe<K, V> {
    pub(crate) fn is_absent(&self) -> bool {
        matches!(self, Probe::Absent { .. })
    }
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
    let mut stale_key = false;
    let mut b = head;
    while !b.is_null() {
        // Safety: the caller keeps the chain alive; `b` was published with Release and read
        // with Acquire (or is the head, inside a published table).
        let bucket = unsafe { &*b };
        for i in 0..BUCKET_CNT {
            let th = bucket.tophash[i].load(P::PUB_LOAD);
            if th == EMPTY_REST {
                return Probe::Absent { stale_key };
            }
            if th != top {
                continue;
            }
            // Acquire: pairs with the Release store of the key cell pointer.
            let k = bucket.keys[i].load(Ordering::Acquire);
            if k.is_null() {
                stale_key = true;
                continue;
            }
            // Safety: a published key cell is immutable and alive while we are pinned.
            let kc = unsafe { &*k };
            if kc.hash != hash || kc.key.borrow() != key {
                continue;
            }
            // Acquire: pairs with the Release store of the value cell pointer.
            let v = bucket.vals[i].load(Ordering::Acquire);
            return if v.is_null() {
                Probe::StaleVal
            } else if v == tomb() {
                Probe::Dead
            } else {
                Probe::Live(k, v)
            };
        }
        // Acquire: an overflow bucket is fully written before its Release publication.
        b = bucket.overflow.load(Ordering::Acquire);
    }
    Probe::Absent { stale_key }
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
                    let k = bucket.keys[i].load(Ordering::Relaxed);
                    let v = bucket.vals[i].load(Ordering::Relaxed);
                    if !k.is_null() {
                        // Safety: the slot owns its key cell.
                        unsafe { free_key::<K>(k as *mut Header) }
                    }
                    if !v.is_null() && v != tomb() {
                        // Safety: the slot owns its live value cell.
                        unsafe { free_val::<V>(v as *mut Header) }
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
