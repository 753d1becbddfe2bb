//! Candidate executions of a litmus test.
//!
//! Each thread has finitely many paths (`path`): every way through its `if`s and
//! compare-exchanges, each fixing the thread's events. One path per thread makes a
//! [`Structure`]. For a structure, a candidate execution chooses a coherence order `co` per
//! location (a permutation of its writes after the initial write) and a reads-from source per
//! read; a read-modify-write reads from its immediate `co` predecessor (atomicity). Values
//! then follow from the reads-from choice (`values`); a candidate whose values contradict its
//! paths (a branch taken on a false condition) is discarded.
//!
//! Pruning: every model of the lab implies SC per location (acyclic sb-loc ∪ rf ∪ co ∪ fr, with
//! the C level's sequenced-before, the weakest program order of every level), so choices are
//! made one location at a time and checked against it before any product is formed.
//!
//! Models do not look at C events directly: they look at a [`Graph`](super::graph::Graph),
//! the events of one *level* (C, x86 instructions, aarch64 instructions), built from a
//! structure by a model's lowering. Every level has the same memory accesses, so a
//! candidate's `rf` and `co` carry over to every level
//! ([`Graph::relations`](super::graph::Graph::relations)).

use super::candidates::enumerate_structure;
use super::path::{paths, TPath};
use super::rel::{Set, MAX_EVENTS};
use super::values::{Input, VStep};
use super::ModelError;
use crate::litmus::{MemOrder, RmwOp, Span, Test, Var};

/// Combinations of paths (one per thread) of a test.
pub const MAX_STRUCTURES: usize = 1 << 12;
/// Writes to one location (their permutations are enumerated).
pub const MAX_WRITES_PER_LOC: usize = 8;
/// Candidate executions after per-location pruning.
pub const MAX_CANDIDATES: usize = 1 << 18;

/// What an event does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Read,
    Write,
    /// One event that reads and writes (a successful read-modify-write, C and x86 levels).
    Rmw,
    Fence,
}

impl Kind {
    pub fn is_read(self) -> bool {
        matches!(self, Kind::Read | Kind::Rmw)
    }
    pub fn is_write(self) -> bool {
        matches!(self, Kind::Write | Kind::Rmw)
    }
}

/// The operation of the source an event performs: what the lowerings translate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Access {
    /// The initial write of a location.
    Init,
    /// A load; `None`: a plain (non-atomic) one.
    Load(Option<MemOrder>),
    /// A store; `None`: a plain (non-atomic) one.
    Store(Option<MemOrder>),
    Fence(MemOrder),
    /// A read-modify-write; `used`: its old value goes to a register.
    Rmw {
        op: RmwOp,
        ord: MemOrder,
        used: bool,
    },
    /// A compare-exchange that succeeded.
    CasOk {
        success: MemOrder,
        failure: MemOrder,
    },
    /// The read of a compare-exchange that failed.
    CasFail {
        success: MemOrder,
        failure: MemOrder,
    },
}

impl Access {
    /// The C ordering of the event (a failed compare-exchange: its failure ordering); `None`
    /// for a plain access and an initial write.
    pub fn order(self) -> Option<MemOrder> {
        match self {
            Access::Init => None,
            Access::Load(o) | Access::Store(o) => o,
            Access::Fence(o) | Access::Rmw { ord: o, .. } => Some(o),
            Access::CasOk { success, .. } => Some(success),
            Access::CasFail { failure, .. } => Some(failure),
        }
    }

    /// A non-atomic access (`*x`, a compare-exchange's expected location).
    pub fn is_plain(self) -> bool {
        matches!(self, Access::Load(None) | Access::Store(None))
    }
}

/// An event of the C-level test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CEvent {
    /// `None` for the initial write of a location.
    pub thread: Option<usize>,
    /// The statement it comes from (default for an initial write).
    pub span: Span,
    pub kind: Kind,
    pub loc: Option<usize>,
    pub access: Access,
}

/// The events of a test for one path of each thread.
#[derive(Clone, Debug)]
pub struct Structure {
    /// Events; the first `locs.len()` are the initial writes, in location order.
    pub events: Vec<CEvent>,
    /// Per thread, its events in the order rustc's code executes them.
    pub threads: Vec<Vec<usize>>,
    /// C-level sequenced-before: per event, the events sequenced before it.
    pub sb: Vec<Set>,
    /// Data dependencies rustc's code keeps: (read, write) where the written value depends
    /// on the value read.
    pub data: Vec<(usize, usize)>,
    /// Control dependencies rustc's code keeps: (read, event) with a conditional branch on
    /// the value read between them.
    pub ctrl: Vec<(usize, usize)>,
    pub(super) steps: Vec<Vec<VStep>>,
    pub(super) regs: Vec<Vec<Input>>,
}

impl Structure {
    /// Is `a` sequenced before `b` (C level)?
    pub fn sb_before(&self, a: usize, b: usize) -> bool {
        self.sb[b] >> a & 1 == 1
    }
}

/// One candidate execution: a structure, rf, co, and the values that follow.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub structure: usize,
    /// For each read event, the write it reads from (`usize::MAX` for non-reads).
    pub rf: Vec<usize>,
    /// Per location, its writes in coherence order, the initial write first.
    pub co: Vec<Vec<usize>>,
    /// Value read by each read event (0 for others).
    pub rval: Vec<i64>,
    /// Value written by each write event (0 for others).
    pub wval: Vec<i64>,
    /// The final state, aligned with `Test::observables()`.
    pub state: Vec<i64>,
}

/// Every candidate execution of a test.
#[derive(Clone, Debug)]
pub struct Enumeration {
    pub test_name: String,
    pub locs: Vec<String>,
    pub observables: Vec<Var>,
    pub structures: Vec<Structure>,
    pub candidates: Vec<Candidate>,
}

pub(super) fn too_large(test: &Test, bound: String, span: Option<Span>) -> ModelError {
    ModelError::TooLarge {
        test: test.name.clone(),
        bound,
        span,
    }
}

/// The source position of event `e` of `events` (None for an initial write).
pub(super) fn event_span(events: &[CEvent], e: usize) -> Option<Span> {
    events
        .get(e)
        .filter(|ev| ev.thread.is_some())
        .map(|ev| ev.span)
}

/// One structure from one path per thread (events renumbered after the initial writes).
fn combine(nlocs: usize, chosen: &[&TPath]) -> Structure {
    let mut events: Vec<CEvent> = (0..nlocs)
        .map(|l| CEvent {
            thread: None,
            span: Span::default(),
            kind: Kind::Write,
            loc: Some(l),
            access: Access::Init,
        })
        .collect();
    let mut sb: Vec<Set> = vec![0; nlocs];
    let (mut threads, mut data, mut ctrl, mut steps, mut regs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for p in chosen {
        let base = events.len();
        events.extend(p.events.iter().cloned());
        sb.extend(p.sb.iter().map(|s| s << base));
        threads.push((base..base + p.events.len()).collect());
        data.extend(p.data.iter().map(|&(r, w)| (r + base, w + base)));
        ctrl.extend(p.ctrl.iter().map(|&(r, e)| (r + base, e + base)));
        steps.push(p.steps.iter().map(|s| s.shifted(base)).collect());
        regs.push(p.regs.clone());
    }
    Structure {
        events,
        threads,
        sb,
        data,
        ctrl,
        steps,
        regs,
    }
}

/// Enumerate the candidate executions of `test` (consistent with SC per location).
pub fn enumerate(test: &Test) -> Result<Enumeration, ModelError> {
    crate::litmus::check::test(test).map_err(|e| ModelError::Unsupported {
        test: test.name.clone(),
        construct: e.message,
        span: Some(e.span),
    })?;
    let locs = test.locations_all();
    let names: Vec<Vec<String>> = test.threads.iter().map(|t| t.registers()).collect();
    let mut per_thread = Vec::new();
    for (ti, t) in test.threads.iter().enumerate() {
        per_thread
            .push(paths(ti, t, &locs, &names[ti]).map_err(|(b, span)| too_large(test, b, span))?);
    }
    let total = per_thread
        .iter()
        .try_fold(1usize, |acc, p| acc.checked_mul(p.len()))
        .unwrap_or(usize::MAX);
    if total > MAX_STRUCTURES {
        return Err(too_large(
            test,
            format!(
                "more than {MAX_STRUCTURES} combinations of the threads' paths through their \
                 branches and compare-exchanges"
            ),
            None,
        ));
    }
    let mut structures = Vec::with_capacity(total);
    let mut idx = vec![0usize; per_thread.len()];
    'outer: loop {
        let chosen: Vec<&TPath> = idx.iter().zip(&per_thread).map(|(&i, p)| &p[i]).collect();
        let n = locs.len() + chosen.iter().map(|p| p.events.len()).sum::<usize>();
        if n > MAX_EVENTS {
            // At the first event over the bound, counting the initial writes first.
            let over = chosen
                .iter()
                .flat_map(|p| &p.events)
                .nth(MAX_EVENTS - locs.len())
                .map(|e| e.span);
            return Err(too_large(
                test,
                format!("{n} events including initial writes (at most {MAX_EVENTS})"),
                over,
            ));
        }
        structures.push(combine(locs.len(), &chosen));
        let mut k = 0;
        loop {
            if k == idx.len() {
                break 'outer;
            }
            idx[k] += 1;
            if idx[k] < per_thread[k].len() {
                break;
            }
            idx[k] = 0;
            k += 1;
        }
    }
    let init: Vec<i32> = locs.iter().map(|l| test.init_value(l) as i32).collect();
    let observables = test.observables();
    let mut candidates = Vec::new();
    for (si, st) in structures.iter().enumerate() {
        enumerate_structure(
            test,
            &locs,
            &init,
            &names,
            &observables,
            si,
            st,
            &mut candidates,
        )?;
    }
    Ok(Enumeration {
        test_name: test.name.clone(),
        locs,
        observables,
        structures,
        candidates,
    })
}
