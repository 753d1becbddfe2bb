//! Map-driven tests: the runner drives the map's real code (the thread bodies of
//! `crate::map::lab`), and the model checker judges the abstract protocol each test describes.
//!
//! | test | P0 (writer) | P1 (reader) | target outcome |
//! |---|---|---|---|
//! | `map.publish+POLICY` | inserts key 1 into an empty map: key and value cells, the slot's ready bit (Release), then the tophash word | `get(1)`: the tophash word, then the ready bit (Acquire) | found but stale: `1:r0=1 /\ 1:r1=0` |
//! | `map.grow+POLICY` | evacuates the key's old bucket: copies the slot, then stores `evacuated` | `get(key)`: `evacuated`, then the new bucket's slot | key missed: `1:r0=1 /\ 1:r1=0` |
//! | `map.handshake+POLICY` | `clear()`: stores the new table, then scans the dirty marks | marks itself dirty, then loads the table | the writer would free a table the reader holds: `0:r0=0 /\ 1:r0=0` |
//!
//! Registers: publish `1:r0` = tophash seen, `1:r1` = ready bit seen (0 where the code did
//! not reach it); grow `1:r0` = evacuation seen (or
//! growth finished), `1:r1` = key found without the repair path; handshake `0:r0` = the writer
//! saw the reader dirty, `1:r0` = the reader loaded the new table. The handshake's reader stays
//! pinned until the round ends (a long read), as the abstract test's dirty flag stays set.
//!
//! `map.handshake+seqcst`'s abstract test has a SeqCst fence on both sides. Where
//! `crate::map::asymmetric()` is true (Linux `membarrier`), the code it runs does not:
//! the reader has a compiler fence only, and the writer `fence(SeqCst)` then a `membarrier`
//! that makes the reader's CPU execute a full barrier in its place (`crate::map::asym`); the
//! model's verdict assumes that stand-in (no memory model describes `membarrier`).
//!
//!
//! The thread bodies are `#[inline(never)] pub fn` with concrete types, for the asm view:
//! `orderlab::map::lab::{publish,grow,handshake}_{writer,reader}_{relaxed,acqrel,seqcst}`.

use crate::litmus::build::{and, exists, fence, load, reg, store, thread};
use crate::litmus::{MemOrder, Test};
use crate::map::lab::{Fresh, LabMap, LabPolicy, KEY, RESERVED_READERS};
use crate::map::table::Table;
use crate::map::{AcqRel, Policy, Relaxed, SeqCst};
use crate::run::{Instances, Runnable};
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicI64, AtomicPtr, Ordering};

// ---------------------------------------------------------------------------------------------
// The abstract protocols.

/// Which protocol a test exercises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Publish,
    Grow,
    Handshake,
}

impl Protocol {
    pub const ALL: [Protocol; 3] = [Protocol::Publish, Protocol::Grow, Protocol::Handshake];

    fn name(self) -> &'static str {
        match self {
            Protocol::Publish => "publish",
            Protocol::Grow => "grow",
            Protocol::Handshake => "handshake",
        }
    }
}

/// The publication orderings of a policy, as AST orderings.
fn pub_orders<P: Policy>() -> (MemOrder, MemOrder) {
    match P::NAME {
        "relaxed" => (MemOrder::Relaxed, MemOrder::Relaxed),
        "acqrel" => (MemOrder::Release, MemOrder::Acquire),
        _ => (MemOrder::SeqCst, MemOrder::SeqCst),
    }
}

/// The abstract litmus test of `protocol` under policy `P` (what the map's code does, one word per
/// protocol step).
pub fn abstract_test<P: Policy>(protocol: Protocol) -> Test {
    use MemOrder::*;
    let (ps, pl) = pub_orders::<P>();
    let name = format!("map.{}+{}", protocol.name(), P::NAME);
    let (doc, threads, prop) = match protocol {
        Protocol::Publish => (
            "ConcurrentMap bucket publication: insert (the slot's ready bit Release, then the tophash word) vs get (tophash, then the ready bit Acquire); target = found but stale",
            vec![
                thread(
                    0,
                    &["ready", "th"],
                    vec![store("ready", Release), store("th", ps)],
                ),
                thread(
                    1,
                    &["ready", "th"],
                    vec![load("r0", "th", pl), load("r1", "ready", Acquire)],
                ),
            ],
            and(reg(1, "r0", 1), reg(1, "r1", 0)),
        ),
        Protocol::Grow => (
            "ConcurrentMap incremental evacuation: the writer copies the slot into the new bucket then marks the old bucket evacuated; the reader checks the mark then the new slot; target = a key present before growth is missed",
            vec![
                thread(0, &["slot", "evac"], vec![store("slot", ps), store("evac", ps)]),
                thread(
                    1,
                    &["slot", "evac"],
                    vec![load("r0", "evac", pl), load("r1", "slot", pl)],
                ),
            ],
            and(reg(1, "r0", 1), reg(1, "r1", 0)),
        ),
        Protocol::Handshake => {
            let (writer, reader) = match P::NAME {
                "relaxed" => (
                    vec![store("table", Release), load("r0", "dirty", Relaxed)],
                    vec![
                        store("dirty", Relaxed),
                        load("r0", "table", Relaxed),
                        fence(Acquire),
                    ],
                ),
                "acqrel" => (
                    vec![store("table", Release), load("r0", "dirty", Acquire)],
                    vec![store("dirty", Release), load("r0", "table", Acquire)],
                ),
                _ => (
                    vec![
                        store("table", Release),
                        fence(SeqCst),
                        load("r0", "dirty", Acquire),
                    ],
                    vec![
                        store("dirty", Release),
                        fence(SeqCst),
                        load("r0", "table", Acquire),
                    ],
                ),
            };
            (
                "ConcurrentMap dirty-flag handshake: the writer stores the new table then loads the reader's dirty flag; the reader stores its dirty flag then loads the table; target = both miss (the writer would free a table the reader holds)",
                vec![
                    thread(0, &["table", "dirty"], writer),
                    thread(1, &["table", "dirty"], reader),
                ],
                and(reg(0, "r0", 0), reg(1, "r0", 0)),
            )
        }
    };
    Test {
        name,
        doc: Some(doc.into()),
        meta: vec![],
        init: vec![],
        threads,
        locations: vec![],
        regions: vec![],
        cond: exists(prop),
    }
}

// ---------------------------------------------------------------------------------------------
// Runnable tests.

struct MapTest<P: LabPolicy> {
    protocol: Protocol,
    test: Test,
    _p: std::marker::PhantomData<P>,
}

impl<P: LabPolicy> Runnable for MapTest<P> {
    fn test(&self) -> &Test {
        &self.test
    }
    fn instances(&self, n: usize) -> Box<dyn Instances> {
        Box::new(MapInstances::<P> {
            protocol: self.protocol,
            slots: (0..n)
                .map(|_| AtomicPtr::new(Box::into_raw(Box::new(Inst::new(self.protocol)))))
                .collect(),
        })
    }
}

/// One instance: a small map in the state the test starts from, and the registers.
struct Inst<P: Policy> {
    map: LabMap<P>,
    hash: u64,
    /// Handshake: the table to install (taken by the writer) and the initial table's address.
    fresh: AtomicPtr<Table<u64, u64>>,
    initial: usize,
    regs: [AtomicI64; 2],
}

impl<P: Policy> Inst<P> {
    fn new(protocol: Protocol) -> Self {
        let map = match protocol {
            // Four buckets, so that the writer's evacuation step (two buckets) never finishes
            // the growth.
            Protocol::Grow => LabMap::<P>::with_capacity_and_hasher(20, RandomState::new()),
            _ => LabMap::<P>::with_hasher(RandomState::new()),
        };
        map.reserve_readers(RESERVED_READERS);
        let hash = map.hasher().hash_one(KEY);
        let mut fresh = std::ptr::null_mut();
        let mut initial = 0;
        match protocol {
            Protocol::Publish => {}
            Protocol::Grow => {
                map.insert(KEY, 1);
                map.lab_start_growth();
            }
            Protocol::Handshake => {
                map.insert(KEY, 1);
                let pin = map.pin();
                initial = map.load_table(&pin) as usize;
                drop(pin);
                fresh = Table::alloc(0, std::ptr::null_mut());
            }
        }
        Inst {
            map,
            hash,
            fresh: AtomicPtr::new(fresh),
            initial,
            regs: Default::default(),
        }
    }
}

impl<P: Policy> Drop for Inst<P> {
    fn drop(&mut self) {
        let fresh = *self.fresh.get_mut();
        if !fresh.is_null() {
            // Safety: the writer did not take it; allocated by `Table::alloc`, freed once.
            unsafe { crate::map::table::free_table_deep::<u64, u64>(fresh as *mut _) }
        }
    }
}

struct MapInstances<P: Policy> {
    protocol: Protocol,
    slots: Box<[AtomicPtr<Inst<P>>]>,
}

impl<P: Policy> MapInstances<P> {
    fn inst(&self, i: usize) -> &Inst<P> {
        // Acquire: pairs with the Release swap in `reset` (the harness also orders rounds).
        let p = self.slots[i].load(Ordering::Acquire);
        // Safety: instances live until `reset` replaces them or `self` drops, and the
        // harness never runs threads concurrently with either.
        unsafe { &*p }
    }
}

impl<P: LabPolicy> Instances for MapInstances<P> {
    fn len(&self) -> usize {
        self.slots.len()
    }

    fn run(&self, thread: usize, instance: usize) {
        let inst = self.inst(instance);
        let b = &P::BODIES;
        // Relaxed (registers): the harness orders rounds before `outcome`.
        match (self.protocol, thread) {
            (Protocol::Publish, 0) => (b.pw)(&inst.map),
            (Protocol::Publish, _) => {
                let r = (b.pr)(&inst.map, inst.hash);
                // Relaxed: result registers are read after the round's barrier.
                for (reg, v) in inst.regs.iter().zip(r) {
                    reg.store(v, Ordering::Relaxed);
                }
            }
            (Protocol::Grow, 0) => (b.gw)(&inst.map, inst.hash),
            (Protocol::Grow, _) => {
                let r = (b.gr)(&inst.map, inst.hash);
                // Relaxed: result registers are read after the round's barrier.
                for (reg, v) in inst.regs.iter().zip(r) {
                    reg.store(v, Ordering::Relaxed);
                }
            }
            (Protocol::Handshake, 0) => {
                // Relaxed: only this thread takes the fresh table, once per round.
                let fresh = inst.fresh.swap(std::ptr::null_mut(), Ordering::Relaxed);
                if !fresh.is_null() {
                    let r = (b.hw)(&inst.map, Fresh(fresh));
                    // Relaxed: result registers are read after the round's barrier.
                    inst.regs[0].store(r, Ordering::Relaxed);
                }
            }
            (Protocol::Handshake, _) => {
                let r = (b.hr)(&inst.map, inst.initial);
                // Relaxed: result registers are read after the round's barrier.
                inst.regs[1].store(r, Ordering::Relaxed);
            }
        }
    }

    fn outcome(&self, instance: usize, out: &mut [i64]) {
        let inst = self.inst(instance);
        for (o, r) in out.iter_mut().zip(&inst.regs) {
            // Relaxed: the harness orders the round before this call.
            *o = r.load(Ordering::Relaxed);
        }
    }

    fn reset(&self) {
        for slot in self.slots.iter() {
            let fresh = Box::into_raw(Box::new(Inst::<P>::new(self.protocol)));
            // AcqRel: publish the new instance, take the old one to drop it.
            let old = slot.swap(fresh, Ordering::AcqRel);
            // Safety: allocated by Box::into_raw; no thread runs during `reset`.
            drop(unsafe { Box::from_raw(old) });
        }
    }
}

impl<P: Policy> Drop for MapInstances<P> {
    fn drop(&mut self) {
        for slot in self.slots.iter_mut() {
            // Safety: allocated by Box::into_raw, dropped once.
            drop(unsafe { Box::from_raw(*slot.get_mut()) });
        }
    }
}

fn one<P: LabPolicy>(protocol: Protocol) -> Box<dyn Runnable> {
    Box::new(MapTest::<P> {
        protocol,
        test: abstract_test::<P>(protocol),
        _p: std::marker::PhantomData,
    })
}

/// Every map-driven test: each protocol under each policy.
pub(crate) fn all() -> Vec<Box<dyn Runnable>> {
    let mut v = Vec::new();
    for protocol in Protocol::ALL {
        v.push(one::<Relaxed>(protocol));
        v.push(one::<AcqRel>(protocol));
        v.push(one::<SeqCst>(protocol));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_threads_and_observables_match_the_instances() {
        let all = all();
        assert_eq!(all.len(), 9);
        for t in &all {
            let test = t.test();
            assert!(test.name.starts_with("map."), "{}", test.name);
            assert_eq!(test.threads.len(), 2);
            let inst = t.instances(3);
            assert_eq!(inst.len(), 3);
            let obs = test.observables();
            let mut out = vec![-1; obs.len()];
            // Sequential run: writer first, then reader; never the target outcome.
            for i in 0..3 {
                inst.run(0, i);
                inst.run(1, i);
                inst.outcome(i, &mut out);
                assert!(
                    out.iter().all(|&v| v == 0 || v == 1),
                    "{}: {out:?}",
                    test.name
                );
                assert!(!test.is_target(&obs, &out), "{}: {out:?}", test.name);
            }
            inst.reset();
            // Reader first: also not the target.
            for i in 0..3 {
                inst.run(1, i);
                inst.run(0, i);
                inst.outcome(i, &mut out);
                assert!(!test.is_target(&obs, &out), "{}: {out:?}", test.name);
            }
        }
    }

    #[test]
    fn sequential_outcomes_are_the_expected_ones() {
        let t = one::<SeqCst>(Protocol::Handshake);
        let inst = t.instances(1);
        let mut out = vec![0; 2];
        inst.run(1, 0); // reader first: old table, and the writer sees it dirty
        inst.run(0, 0);
        inst.outcome(0, &mut out);
        assert_eq!(out, vec![1, 0]);
        inst.reset();
        inst.run(0, 0);
        inst.run(1, 0);
        inst.outcome(0, &mut out);
        assert_eq!(out, vec![0, 1]);
    }
}

#[cfg(test)]
mod verdicts {
    use super::*;
    use crate::model::{check, Model};

    /// The target verdict of each map test per model (A = allowed, F = forbidden), in the
    /// order of `Model::ALL`: rc11 c11 sc x86-tso armv8 armv8-rcpc qemu-x86. Derived by hand
    /// from the shapes: publish and grow are MP, the handshake is SB.
    const EXPECTED: [(&str, &str); 9] = [
        ("map.publish+relaxed", "AAFFAAF"),
        ("map.publish+acqrel", "FFFFFFF"),
        ("map.publish+seqcst", "FFFFFFF"),
        ("map.grow+relaxed", "AAFFAAF"),
        ("map.grow+acqrel", "FFFFFFF"),
        ("map.grow+seqcst", "FFFFFFF"),
        ("map.handshake+relaxed", "AAFAAAA"),
        ("map.handshake+acqrel", "AAFAFAA"),
        ("map.handshake+seqcst", "FFFFFFF"),
    ];

    #[test]
    #[cfg_attr(miri, ignore = "model enumeration is slow under Miri and not map code")]
    fn the_model_checker_gives_the_expected_verdicts() {
        let all = all();
        for (name, want) in EXPECTED {
            let t = all.iter().find(|t| t.test().name == name).expect(name);
            let got: String = Model::ALL
                .iter()
                .map(|&m| {
                    let v = check(t.test(), m).unwrap_or_else(|e| panic!("{name}: {e:?}"));
                    if v.target_allowed {
                        'A'
                    } else {
                        'F'
                    }
                })
                .collect();
            assert_eq!(got, want, "{name}");
        }
    }
}
