//! The map's lab hooks: the thread bodies the suite's map-driven tests run (`map.publish`,
//! `map.grow`, `map.handshake` under each policy), as `#[inline(never)] pub fn`s with concrete
//! types so that `orderlab asm map.publish+acqrel` can show their emitted code:
//! `orderlab::map::lab::{publish,grow,handshake}_{writer,reader}_{relaxed,acqrel,seqcst}`.
//! The tests themselves (their abstract litmus descriptions and instances) live in
//! `crate::suite::map`; this file knows nothing of the runner.

use std::hash::RandomState;

use super::concurrent::ConcurrentMap;
use super::policy::{AcqRel, Policy, Relaxed, SeqCst};
use super::table::{Probe, Table};

/// The map type the lab tests drive.
pub type LabMap<P> = ConcurrentMap<u64, u64, RandomState, P>;

/// An empty table, prepared outside the timed round, that the handshake's writer installs.
pub struct Fresh(pub(crate) *mut Table<u64, u64>);

/// The key every test uses.
pub(crate) const KEY: u64 = 1;
/// Reader numbers whose slots are allocated up front (the runner's threads).
pub(crate) const RESERVED_READERS: usize = 16;

// ---------------------------------------------------------------------------------------------
// Thread bodies (generic cores, then concrete `#[inline(never)] pub fn`s).

#[inline(always)]
fn publish_writer<P: Policy>(map: &LabMap<P>) {
    map.insert(KEY, 1);
}

#[inline(always)]
fn publish_reader<P: Policy>(map: &LabMap<P>, hash: u64) -> [i64; 2] {
    let pin = map.pin();
    let t = map.load_table(&pin);
    // Safety: `t` was loaded under `pin`, held until the end of this function.
    let look = unsafe { map.look(t, hash, &KEY) };
    match look.probe {
        Probe::Live(..) => [1, 1],
        Probe::Absent { stale: true, .. } => [1, 0],
        Probe::Absent { seen_top, .. } => [seen_top as i64, seen_top as i64],
    }
}

#[inline(always)]
fn grow_writer<P: Policy>(map: &LabMap<P>, hash: u64) {
    map.lab_grow_work(hash);
}

#[inline(always)]
fn grow_reader<P: Policy>(map: &LabMap<P>, hash: u64) -> [i64; 2] {
    let pin = map.pin();
    let t = map.load_table(&pin);
    // Safety: `t` was loaded under `pin`, held until the end of this function.
    let look = unsafe { map.look(t, hash, &KEY) };
    let moved = look.evac_seen || look.old.is_null();
    let found = !look.missed && matches!(look.probe, Probe::Live(..));
    [moved as i64, found as i64]
}

#[inline(always)]
fn handshake_writer<P: Policy>(map: &LabMap<P>, fresh: Fresh) -> i64 {
    map.install_fresh(fresh.0) as i64
}

#[inline(always)]
fn handshake_reader<P: Policy>(map: &LabMap<P>, initial: usize) -> i64 {
    let pin = map.pin();
    let t = map.load_table(&pin);
    let new = t as usize != initial;
    // The reader keeps holding the table it loaded (a long read): its dirty mark stays set for
    // the rest of the round, as in the abstract test where nothing clears it. The instance's
    // map is dropped at `reset`, marks and all.
    std::mem::forget(pin);
    new as i64
}

macro_rules! bodies {
    ($policy:ty, $pw:ident, $pr:ident, $gw:ident, $gr:ident, $hw:ident, $hr:ident) => {
        /// Writer of `map.publish`: insert the key.
        #[inline(never)]
        pub fn $pw(map: &LabMap<$policy>) {
            publish_writer(map)
        }
        /// Reader of `map.publish`: look the key up; returns `[r0, r1]`.
        #[inline(never)]
        pub fn $pr(map: &LabMap<$policy>, hash: u64) -> [i64; 2] {
            publish_reader(map, hash)
        }
        /// Writer of `map.grow`: the evacuation step of a write of `hash`.
        #[inline(never)]
        pub fn $gw(map: &LabMap<$policy>, hash: u64) {
            grow_writer(map, hash)
        }
        /// Reader of `map.grow`: look the key up during evacuation; returns `[r0, r1]`.
        #[inline(never)]
        pub fn $gr(map: &LabMap<$policy>, hash: u64) -> [i64; 2] {
            grow_reader(map, hash)
        }
        /// Writer of `map.handshake`: install `fresh`, scan; returns whether it saw the reader.
        ///
        #[inline(never)]
        pub fn $hw(map: &LabMap<$policy>, fresh: Fresh) -> i64 {
            handshake_writer(map, fresh)
        }
        /// Reader of `map.handshake`: pin, load the table; returns whether it is the new one.
        #[inline(never)]
        pub fn $hr(map: &LabMap<$policy>, initial: usize) -> i64 {
            handshake_reader(map, initial)
        }
    };
}

bodies!(
    Relaxed,
    publish_writer_relaxed,
    publish_reader_relaxed,
    grow_writer_relaxed,
    grow_reader_relaxed,
    handshake_writer_relaxed,
    handshake_reader_relaxed
);
bodies!(
    AcqRel,
    publish_writer_acqrel,
    publish_reader_acqrel,
    grow_writer_acqrel,
    grow_reader_acqrel,
    handshake_writer_acqrel,
    handshake_reader_acqrel
);
bodies!(
    SeqCst,
    publish_writer_seqcst,
    publish_reader_seqcst,
    grow_writer_seqcst,
    grow_reader_seqcst,
    handshake_writer_seqcst,
    handshake_reader_seqcst
);

/// The concrete thread bodies of one policy.
pub(crate) struct Bodies<P: Policy> {
    pub(crate) pw: fn(&LabMap<P>),
    pub(crate) pr: fn(&LabMap<P>, u64) -> [i64; 2],
    pub(crate) gw: fn(&LabMap<P>, u64),
    pub(crate) gr: fn(&LabMap<P>, u64) -> [i64; 2],
    pub(crate) hw: fn(&LabMap<P>, Fresh) -> i64,
    pub(crate) hr: fn(&LabMap<P>, usize) -> i64,
}

/// A policy whose thread bodies the lab can run.
pub(crate) trait LabPolicy: Policy + Sized {
    const BODIES: Bodies<Self>;
}

impl LabPolicy for Relaxed {
    const BODIES: Bodies<Self> = Bodies {
        pw: publish_writer_relaxed,
        pr: publish_reader_relaxed,
        gw: grow_writer_relaxed,
        gr: grow_reader_relaxed,
        hw: handshake_writer_relaxed,
        hr: handshake_reader_relaxed,
    };
}
impl LabPolicy for AcqRel {
    const BODIES: Bodies<Self> = Bodies {
        pw: publish_writer_acqrel,
        pr: publish_reader_acqrel,
        gw: grow_writer_acqrel,
        gr: grow_reader_acqrel,
        hw: handshake_writer_acqrel,
        hr: handshake_reader_acqrel,
    };
}
impl LabPolicy for SeqCst {
    const BODIES: Bodies<Self> = Bodies {
        pw: publish_writer_seqcst,
        pr: publish_reader_seqcst,
        gw: grow_writer_seqcst,
        gr: grow_reader_seqcst,
        hw: handshake_writer_seqcst,
        hr: handshake_reader_seqcst,
    };
}
