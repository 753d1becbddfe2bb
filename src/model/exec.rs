//! Candidate executions of a litmus test.
//!
//! A test's threads are straight-line code, so the events of a thread are fixed once the
//! outcome of each compare-exchange is fixed (success: a read-modify-write event; failure: a
//! read). Each combination of outcomes is a [`Structure`]. For a structure, a candidate
//! execution chooses a coherence order `co` per location (a permutation of its writes after
//! the initial write) and a reads-from source per read; a read-modify-write reads from its
//! immediate `co` predecessor (atomicity). Values then follow by running each thread with the
//! values its reads get, along program order and data flow.
//!
//! Pruning: every model of the lab implies SC per location (acyclic po-loc ∪ rf ∪ co ∪ fr),
//! so choices are made one location at a time and checked against it before any product is
//! formed: `co` must respect each thread's own write order, and a read's source is limited to
//! the writes its own thread's earlier and later accesses leave possible.
//!
//! Models do not look at C events directly: they look at a [`Graph`](super::graph::Graph), the events of one
//! *level* (C, x86 instructions, aarch64 instructions), built from a structure by a model's
//! lowering. Every level has the same memory accesses, so a candidate's `rf` and `co` carry
//! over to every level ([`Graph::relations`](super::graph::Graph::relations)).

use super::candidates::enumerate_structure;
use super::rel::{members, Set, MAX_EVENTS};
use super::values::{resolve, Input, RStep};
use super::ModelError;
use crate::litmus::{MemOrder, Op, Span, Test, Value, Var};

/// Bounds: beyond them a test is rejected with an error naming the bound.
pub const MAX_CAS: usize = 10;
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

/// An event of the C-level test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CEvent {
    /// `None` for the initial write of a location.
    pub thread: Option<usize>,
    /// Index of the statement in the thread body (for an initial write: the location index).
    pub stmt: usize,
    pub kind: Kind,
    pub loc: Option<usize>,
    /// The ordering (a failed compare-exchange: its failure ordering).
    pub ord: MemOrder,
    /// The read of a failed compare-exchange.
    pub failed_cas: bool,
}

#[derive(Clone, Copy, Debug)]
pub(super) enum Operand {
    Const(i64),
    Reg(usize),
}

#[derive(Clone, Debug)]
pub(super) enum RmwOp {
    Xchg(Operand),
    Add(Operand),
    Cas {
        exp: usize,
        desired: Operand,
        flag: Option<usize>,
    },
}

#[derive(Clone, Debug)]
pub(super) enum Step {
    Local {
        dst: usize,
        src: Operand,
    },
    Read {
        ev: usize,
        dst: usize,
    },
    Write {
        ev: usize,
        src: Operand,
    },
    Rmw {
        ev: usize,
        op: RmwOp,
        dst: Option<usize>,
    },
    CasFail {
        ev: usize,
        exp: usize,
        flag: Option<usize>,
    },
    Fence,
}

/// The events of a test for one choice of compare-exchange outcomes.
#[derive(Clone, Debug)]
pub struct Structure {
    /// Events; the first `locs.len()` are the initial writes, in location order.
    pub events: Vec<CEvent>,
    /// Per thread, its events in program order.
    pub threads: Vec<Vec<usize>>,
    /// Per thread, per statement: its event, if it has one.
    pub stmt_event: Vec<Vec<Option<usize>>>,
    /// Data dependencies: (read event, write event) where the written value depends on the
    /// value read.
    pub data: Vec<(usize, usize)>,
    pub(super) resolved: Vec<Vec<RStep>>,
    pub(super) final_regs: Vec<Vec<Input>>,
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

fn unsupported(test: &Test, construct: String, span: Option<Span>) -> ModelError {
    ModelError::Unsupported {
        test: test.name.clone(),
        construct,
        span,
    }
}

pub(super) fn too_large(test: &Test, bound: String, span: Option<Span>) -> ModelError {
    ModelError::TooLarge {
        test: test.name.clone(),
        bound,
        span,
    }
}

/// The source position of event `e` of `events` (None for an initial write).
pub(super) fn event_span(test: &Test, events: &[CEvent], e: usize) -> Option<Span> {
    let ev = events.get(e)?;
    Some(test.threads.get(ev.thread?)?.body.get(ev.stmt)?.span)
}

pub(super) struct RegMap {
    pub(super) names: Vec<String>,
}

impl RegMap {
    fn get(&mut self, r: &str) -> usize {
        if let Some(i) = self.names.iter().position(|n| n == r) {
            i
        } else {
            self.names.push(r.to_string());
            self.names.len() - 1
        }
    }
    fn operand(&mut self, v: &Value) -> Operand {
        match v {
            Value::Const(c) => Operand::Const(*c),
            Value::Reg(r) => Operand::Reg(self.get(r)),
        }
    }
}

/// Enumerate the candidate executions of `test` (consistent with SC per location).
pub fn enumerate(test: &Test) -> Result<Enumeration, ModelError> {
    // Locations: declared ones plus any a statement names.
    let mut locs = test.locations_all();
    for t in &test.threads {
        for s in &t.body {
            if let Some(l) = s.op.loc() {
                if !locs.iter().any(|x| x == l) {
                    locs.push(l.to_string());
                }
            }
        }
    }
    let loc_index = |l: &str| locs.iter().position(|x| x == l).unwrap_or(0);

    // Validate: the rules every stage relies on (`litmus::check`); count compare-exchanges.
    crate::litmus::check::test(test).map_err(|e| unsupported(test, e.message, Some(e.span)))?;
    let ncas = test
        .threads
        .iter()
        .flat_map(|t| &t.body)
        .filter(|s| matches!(s.op, Op::CompareExchange { .. }))
        .count();
    if ncas > MAX_CAS {
        // At the first compare-exchange over the bound.
        let span = test
            .threads
            .iter()
            .flat_map(|t| &t.body)
            .filter(|s| matches!(s.op, Op::CompareExchange { .. }))
            .nth(MAX_CAS)
            .map(|s| s.span);
        return Err(too_large(
            test,
            format!("{ncas} compare-exchanges (at most {MAX_CAS})"),
            span,
        ));
    }

    // Register maps: defined registers first (their order is the observables' order).
    let mut regmaps: Vec<RegMap> = test
        .threads
        .iter()
        .map(|t| RegMap {
            names: t.registers(),
        })
        .collect();

    // One structure per combination of compare-exchange outcomes.
    let cas_per_thread: Vec<usize> = test
        .threads
        .iter()
        .map(|t| {
            t.body
                .iter()
                .filter(|s| matches!(s.op, Op::CompareExchange { .. }))
                .count()
        })
        .collect();
    let total_paths: usize = 1 << ncas;
    let mut structures = Vec::with_capacity(total_paths);
    for path in 0..total_paths {
        let mut events: Vec<CEvent> = (0..locs.len())
            .map(|l| CEvent {
                thread: None,
                stmt: l,
                kind: Kind::Write,
                loc: Some(l),
                ord: MemOrder::Relaxed,
                failed_cas: false,
            })
            .collect();
        let mut threads = Vec::new();
        let mut stmt_event = Vec::new();
        let mut steps_all = Vec::new();
        let mut bit = 0;
        for (ti, t) in test.threads.iter().enumerate() {
            let rm = &mut regmaps[ti];
            let mut evs = Vec::new();
            let mut se = Vec::new();
            let mut steps = Vec::new();
            for s in &t.body {
                let mut push = |kind: Kind, loc: Option<&str>, ord: MemOrder, failed: bool| {
                    events.push(CEvent {
                        thread: Some(ti),
                        stmt: se.len(),
                        kind,
                        loc: loc.map(loc_index),
                        ord,
                        failed_cas: failed,
                    });
                    evs.push(events.len() - 1);
                    events.len() - 1
                };
                let (ev, step) = match &s.op {
                    Op::Local { reg, val } => (
                        None,
                        Step::Local {
                            dst: rm.get(reg),
                            src: rm.operand(val),
                        },
                    ),
                    Op::Load { reg, loc, ord } => {
                        let ev = push(Kind::Read, Some(loc), *ord, false);
                        (
                            Some(ev),
                            Step::Read {
                                ev,
                                dst: rm.get(reg),
                            },
                        )
                    }
                    Op::Store { loc, val, ord } => {
                        let ev = push(Kind::Write, Some(loc), *ord, false);
                        (
                            Some(ev),
                            Step::Write {
                                ev,
                                src: rm.operand(val),
                            },
                        )
                    }
                    Op::Fence { ord } => {
                        let ev = push(Kind::Fence, None, *ord, false);
                        (Some(ev), Step::Fence)
                    }
                    Op::Exchange { reg, loc, val, ord } => {
                        let ev = push(Kind::Rmw, Some(loc), *ord, false);
                        let op = RmwOp::Xchg(rm.operand(val));
                        let dst = reg.as_deref().map(|r| rm.get(r));
                        (Some(ev), Step::Rmw { ev, op, dst })
                    }
                    Op::FetchAdd { reg, loc, val, ord } => {
                        let ev = push(Kind::Rmw, Some(loc), *ord, false);
                        let op = RmwOp::Add(rm.operand(val));
                        let dst = reg.as_deref().map(|r| rm.get(r));
                        (Some(ev), Step::Rmw { ev, op, dst })
                    }
                    Op::CompareExchange {
                        reg,
                        loc,
                        expected,
                        desired,
                        success,
                        failure,
                    } => {
                        let ok = path >> bit & 1 == 0;
                        bit += 1;
                        let exp = rm.get(expected);
                        let flag = reg.as_deref().map(|r| rm.get(r));
                        if ok {
                            let ev = push(Kind::Rmw, Some(loc), *success, false);
                            let op = RmwOp::Cas {
                                exp,
                                desired: rm.operand(desired),
                                flag,
                            };
                            (Some(ev), Step::Rmw { ev, op, dst: None })
                        } else {
                            let ev = push(Kind::Read, Some(loc), *failure, true);
                            (Some(ev), Step::CasFail { ev, exp, flag })
                        }
                    }
                };
                se.push(ev);
                steps.push(step);
            }
            threads.push(evs);
            stmt_event.push(se);
            steps_all.push(steps);
        }
        debug_assert_eq!(bit, cas_per_thread.iter().sum::<usize>());
        if events.len() > MAX_EVENTS {
            return Err(too_large(
                test,
                format!(
                    "{} events including initial writes (at most {MAX_EVENTS})",
                    events.len()
                ),
                event_span(test, &events, MAX_EVENTS),
            ));
        }
        // Data dependencies through registers.
        let mut data = Vec::new();
        for (ti, steps) in steps_all.iter().enumerate() {
            let mut deps: Vec<Set> = vec![0; regmaps[ti].names.len()];
            let dep = |deps: &Vec<Set>, o: &Operand| match o {
                Operand::Const(_) => 0,
                Operand::Reg(r) => deps[*r],
            };
            for st in steps {
                match st {
                    Step::Local { dst, src } => deps[*dst] = dep(&deps, src),
                    Step::Read { ev, dst } => deps[*dst] = 1 << ev,
                    Step::Write { ev, src } => {
                        for r in members(dep(&deps, src)) {
                            data.push((r, *ev));
                        }
                    }
                    Step::Rmw { ev, op, dst } => {
                        let d = match op {
                            RmwOp::Xchg(o) | RmwOp::Add(o) => dep(&deps, o),
                            RmwOp::Cas { exp, desired, .. } => deps[*exp] | dep(&deps, desired),
                        };
                        for r in members(d) {
                            data.push((r, *ev));
                        }
                        if let Some(d) = dst {
                            deps[*d] = 1 << ev;
                        }
                        if let RmwOp::Cas { flag: Some(f), .. } = op {
                            deps[*f] = 1 << ev;
                        }
                    }
                    Step::CasFail { ev, exp, flag } => {
                        deps[*exp] = 1 << ev;
                        if let Some(f) = flag {
                            deps[*f] = 1 << ev;
                        }
                    }
                    Step::Fence => {}
                }
            }
        }
        let (resolved, final_regs): (Vec<_>, Vec<_>) = steps_all
            .iter()
            .enumerate()
            .map(|(ti, steps)| resolve(steps, regmaps[ti].names.len()))
            .unzip();
        structures.push(Structure {
            events,
            threads,
            stmt_event,
            data,
            resolved,
            final_regs,
        });
    }

    let observables = test.observables();
    let mut candidates = Vec::new();
    for (si, st) in structures.iter().enumerate() {
        enumerate_structure(test, &locs, &regmaps, &observables, si, st, &mut candidates)?;
    }
    Ok(Enumeration {
        test_name: test.name.clone(),
        locs,
        observables,
        structures,
        candidates,
    })
}
