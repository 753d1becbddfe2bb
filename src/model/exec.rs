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

use super::rel::{members, Rel, Set, MAX_EVENTS};
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
enum Operand {
    Const(i64),
    Reg(usize),
}

#[derive(Clone, Debug)]
enum RmwOp {
    Xchg(Operand),
    Add(Operand),
    Cas {
        exp: usize,
        desired: Operand,
        flag: Option<usize>,
    },
}

#[derive(Clone, Debug)]
enum Step {
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
    resolved: Vec<Vec<RStep>>,
    final_regs: Vec<Vec<Input>>,
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

fn too_large(test: &Test, bound: String) -> ModelError {
    ModelError::TooLarge {
        test: test.name.clone(),
        bound,
    }
}

struct RegMap {
    names: Vec<String>,
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

    // Validate: Rust-expressible operations only; count compare-exchanges.
    let mut ncas = 0;
    for t in &test.threads {
        for s in &t.body {
            if let Some(why) = s.op.rust_rejects() {
                return Err(unsupported(test, why, Some(s.span)));
            }
            if matches!(s.op, Op::CompareExchange { .. }) {
                ncas += 1;
            }
        }
    }
    if ncas > MAX_CAS {
        return Err(too_large(
            test,
            format!("{ncas} compare-exchanges (at most {MAX_CAS})"),
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

/// (read, write it reads from)
type RfPair = (usize, usize);

/// One location's choice: co order and rf for the reads of that location.
struct LocChoice {
    co: Vec<usize>,
    rf: Vec<(usize, usize)>,
}

fn permutations(items: &[usize]) -> Vec<Vec<usize>> {
    if items.is_empty() {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let x = rest.remove(i);
        for mut p in permutations(&rest) {
            p.insert(0, x);
            out.push(p);
        }
    }
    out
}

fn enumerate_structure(
    test: &Test,
    locs: &[String],
    regmaps: &[RegMap],
    observables: &[Var],
    si: usize,
    st: &Structure,
    out: &mut Vec<Candidate>,
) -> Result<(), ModelError> {
    let n = st.events.len();
    let init: Vec<i64> = locs.iter().map(|l| test.init_value(l)).collect();
    // Program order position per event.
    let mut po_pos = vec![(usize::MAX, 0usize); n];
    for (t, evs) in st.threads.iter().enumerate() {
        for (i, &e) in evs.iter().enumerate() {
            po_pos[e] = (t, i);
        }
    }
    let po_before = |a: usize, b: usize| po_pos[a].0 == po_pos[b].0 && po_pos[a].1 < po_pos[b].1;

    let mut per_loc: Vec<Vec<LocChoice>> = Vec::new();
    for (l, lname) in locs.iter().enumerate() {
        let writes: Vec<usize> = (locs.len()..n)
            .filter(|&e| st.events[e].loc == Some(l) && st.events[e].kind.is_write())
            .collect();
        let reads: Vec<usize> = (locs.len()..n)
            .filter(|&e| st.events[e].loc == Some(l) && st.events[e].kind.is_read())
            .collect();
        if writes.len() > MAX_WRITES_PER_LOC {
            return Err(too_large(
                test,
                format!(
                    "{} writes to `{lname}` (at most {MAX_WRITES_PER_LOC})",
                    writes.len()
                ),
            ));
        }
        let mut choices = Vec::new();
        let mut visited = 0usize;
        for perm in permutations(&writes) {
            // CoWW: a thread's own writes keep their program order in co.
            let ok = perm
                .iter()
                .enumerate()
                .all(|(i, &a)| perm[i + 1..].iter().all(|&b| !po_before(b, a)));
            if !ok {
                continue;
            }
            let mut co = vec![l];
            co.extend(perm);
            let mut pos = vec![usize::MAX; n];
            for (i, &w) in co.iter().enumerate() {
                pos[w] = i;
            }
            // Allowed sources per read, from its own thread's accesses (CoWR, CoRW).
            let mut rf: Vec<(usize, usize)> = Vec::new();
            let complete = assign_reads(&reads, 0, &co, &pos, st, &po_before, &mut rf, &mut |rf| {
                visited += 1;
                if loc_coherent(st, l, &co, rf, &po_before) {
                    choices.push(LocChoice {
                        co: co.clone(),
                        rf: rf.to_vec(),
                    });
                }
                visited <= MAX_CANDIDATES
            });
            if !complete {
                return Err(too_large(
                    test,
                    format!(
                        "more than {MAX_CANDIDATES} reads-from and coherence choices for `{lname}`"
                    ),
                ));
            }
        }
        per_loc.push(choices);
    }

    let total: usize = per_loc
        .iter()
        .try_fold(1usize, |acc, c| acc.checked_mul(c.len()))
        .unwrap_or(usize::MAX);
    if total > MAX_CANDIDATES {
        return Err(too_large(
            test,
            format!("more than {MAX_CANDIDATES} candidate executions"),
        ));
    }
    if total == 0 {
        return Ok(());
    }
    let mut idx = vec![0usize; locs.len()];
    loop {
        let mut rf = vec![usize::MAX; n];
        let mut co = Vec::with_capacity(locs.len());
        for (l, &i) in idx.iter().enumerate() {
            let c = &per_loc[l][i];
            for &(r, w) in &c.rf {
                rf[r] = w;
            }
            co.push(c.co.clone());
        }
        if let Some(c) = run_values(&init, locs, st, regmaps, observables, si, rf, co) {
            out.push(c);
        }
        // Next combination.
        let mut l = 0;
        loop {
            if l == idx.len() {
                return Ok(());
            }
            idx[l] += 1;
            if idx[l] < per_loc[l].len() {
                break;
            }
            idx[l] = 0;
            l += 1;
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn assign_reads(
    reads: &[usize],
    k: usize,
    co: &[usize],
    pos: &[usize],
    st: &Structure,
    po_before: &dyn Fn(usize, usize) -> bool,
    rf: &mut Vec<RfPair>,
    emit: &mut dyn FnMut(&[RfPair]) -> bool,
) -> bool {
    if k == reads.len() {
        return emit(rf);
    }
    let r = reads[k];
    let cands: Vec<usize> = if st.events[r].kind == Kind::Rmw {
        // Atomicity: a read-modify-write reads its immediate co predecessor.
        vec![co[pos[r] - 1]]
    } else {
        // lo: own earlier writes (CoWR) and own earlier reads' sources (CoRR);
        // hi: own later writes (CoRW).
        let mut lo = 0;
        let mut hi = co.len();
        for &w in &co[1..] {
            if po_before(w, r) {
                lo = lo.max(pos[w]);
            } else if po_before(r, w) {
                hi = hi.min(pos[w]);
            }
        }
        for &(r2, w2) in rf.iter() {
            if po_before(r2, r) {
                lo = lo.max(pos[w2]);
            }
            if st.events[r2].kind == Kind::Rmw && po_before(r2, r) {
                lo = lo.max(pos[r2]);
            }
        }
        if lo >= hi {
            vec![]
        } else {
            co[lo..hi].to_vec()
        }
    };
    for w in cands {
        rf.push((r, w));
        let go_on = assign_reads(reads, k + 1, co, pos, st, po_before, rf, emit);
        rf.pop();
        if !go_on {
            return false;
        }
    }
    true
}

/// SC per location for one location: acyclic(po-loc ∪ rf ∪ co ∪ fr).
fn loc_coherent(
    st: &Structure,
    l: usize,
    co: &[usize],
    rf: &[(usize, usize)],
    po_before: &dyn Fn(usize, usize) -> bool,
) -> bool {
    let n = st.events.len();
    let mut r = Rel::empty(n);
    let evs: Vec<usize> = (0..n).filter(|&e| st.events[e].loc == Some(l)).collect();
    for &a in &evs {
        for &b in &evs {
            if po_before(a, b) {
                r.add(a, b);
            }
        }
    }
    for (i, &a) in co.iter().enumerate() {
        for &b in &co[i + 1..] {
            r.add(a, b);
        }
    }
    for &(rd, w) in rf {
        r.add(w, rd);
        let p = co.iter().position(|&x| x == w).unwrap_or(0);
        for &b in &co[p + 1..] {
            if b != rd {
                r.add(rd, b);
            }
        }
    }
    r.is_acyclic()
}

/// A register input of a step: a constant or output `slot` of an earlier step.
#[derive(Clone, Copy, Debug)]
enum Input {
    Const(i64),
    Def(usize, usize),
}

/// A step with its register inputs resolved to the steps defining them (reaching
/// definitions), so values can flow in data-flow order rather than program order.
#[derive(Clone, Debug)]
enum RStep {
    Local(Input),
    Read(usize),
    Write(usize, Input),
    Xchg(usize, Input),
    Add(usize, Input),
    Cas {
        ev: usize,
        exp: Input,
        desired: Input,
    },
    CasFail(usize, Input),
    Fence,
}

/// Resolve one thread's steps; also gives each register's final definition.
fn resolve(steps: &[Step], nregs: usize) -> (Vec<RStep>, Vec<Input>) {
    let mut last: Vec<Input> = vec![Input::Const(0); nregs];
    let mut out = Vec::with_capacity(steps.len());
    for (i, st) in steps.iter().enumerate() {
        let inp = |last: &Vec<Input>, o: &Operand| match o {
            Operand::Const(c) => Input::Const(*c),
            Operand::Reg(r) => last[*r],
        };
        match st {
            Step::Local { dst, src } => {
                out.push(RStep::Local(inp(&last, src)));
                last[*dst] = Input::Def(i, 0);
            }
            Step::Read { ev, dst } => {
                out.push(RStep::Read(*ev));
                last[*dst] = Input::Def(i, 0);
            }
            Step::Write { ev, src } => out.push(RStep::Write(*ev, inp(&last, src))),
            Step::Rmw { ev, op, dst } => {
                match op {
                    RmwOp::Xchg(o) => out.push(RStep::Xchg(*ev, inp(&last, o))),
                    RmwOp::Add(o) => out.push(RStep::Add(*ev, inp(&last, o))),
                    RmwOp::Cas { exp, desired, flag } => {
                        out.push(RStep::Cas {
                            ev: *ev,
                            exp: last[*exp],
                            desired: inp(&last, desired),
                        });
                        if let Some(f) = flag {
                            last[*f] = Input::Def(i, 1);
                        }
                    }
                }
                if let Some(d) = dst {
                    last[*d] = Input::Def(i, 0);
                }
            }
            Step::CasFail { ev, exp, flag } => {
                out.push(RStep::CasFail(*ev, last[*exp]));
                last[*exp] = Input::Def(i, 0);
                if let Some(f) = flag {
                    last[*f] = Input::Def(i, 1);
                }
            }
            Step::Fence => out.push(RStep::Fence),
        }
    }
    (out, last)
}

#[allow(clippy::too_many_arguments)]
fn run_values(
    init: &[i64],
    locs: &[String],
    st: &Structure,
    regmaps: &[RegMap],
    observables: &[Var],
    si: usize,
    rf: Vec<usize>,
    co: Vec<Vec<usize>>,
) -> Option<Candidate> {
    let n = st.events.len();
    let nlocs = co.len();
    let mut wval: Vec<Option<i64>> = vec![None; n];
    let mut rval = vec![0i64; n];
    for (slot, &v) in wval.iter_mut().zip(init).take(nlocs) {
        *slot = Some(v);
    }
    // outs[t][step] = the step's two outputs once computed.
    let mut outs: Vec<Vec<Option<[i64; 2]>>> =
        st.resolved.iter().map(|r| vec![None; r.len()]).collect();
    let get = |outs: &Vec<Option<[i64; 2]>>, i: &Input| match *i {
        Input::Const(c) => Some(c),
        Input::Def(s, k) => outs[s].map(|o| o[k]),
    };
    let mut left: usize = st.resolved.iter().map(|r| r.len()).sum();
    while left > 0 {
        let mut progress = false;
        for (t, steps) in st.resolved.iter().enumerate() {
            for (i, step) in steps.iter().enumerate() {
                if outs[t][i].is_some() {
                    continue;
                }
                let o = &outs[t];
                let result: Option<[i64; 2]> = match step {
                    RStep::Fence => Some([0, 0]),
                    RStep::Local(x) => get(o, x).map(|v| [v, 0]),
                    RStep::Write(ev, x) => get(o, x).map(|v| {
                        wval[*ev] = Some(v);
                        [0, 0]
                    }),
                    RStep::Read(ev) => wval[rf[*ev]].map(|v| {
                        rval[*ev] = v;
                        [v, 0]
                    }),
                    RStep::Xchg(ev, x) | RStep::Add(ev, x) => match (wval[rf[*ev]], get(o, x)) {
                        (Some(old), Some(v)) => {
                            rval[*ev] = old;
                            wval[*ev] = Some(if matches!(step, RStep::Add(..)) {
                                old.wrapping_add(v)
                            } else {
                                v
                            });
                            Some([old, 0])
                        }
                        _ => None,
                    },
                    RStep::Cas { ev, exp, desired } => {
                        match (wval[rf[*ev]], get(o, exp), get(o, desired)) {
                            (Some(old), Some(e), Some(d)) => {
                                if old != e {
                                    return None;
                                }
                                rval[*ev] = old;
                                wval[*ev] = Some(d);
                                Some([old, 1])
                            }
                            _ => None,
                        }
                    }
                    RStep::CasFail(ev, exp) => match (wval[rf[*ev]], get(o, exp)) {
                        (Some(cur), Some(e)) => {
                            if cur == e {
                                return None;
                            }
                            rval[*ev] = cur;
                            Some([cur, 0])
                        }
                        _ => None,
                    },
                };
                if result.is_some() {
                    outs[t][i] = result;
                    left -= 1;
                    progress = true;
                }
            }
        }
        if !progress {
            // Values depend on themselves through rf and data flow (out of thin air).
            return None;
        }
    }
    let wval: Vec<i64> = wval.into_iter().map(|v| v.unwrap_or(0)).collect();
    let state = observables
        .iter()
        .map(|v| match v {
            Var::Reg { thread, reg } => regmaps
                .get(*thread)
                .and_then(|m| m.names.iter().position(|x| x == reg))
                .and_then(|i| get(&outs[*thread], &st.final_regs[*thread][i]))
                .unwrap_or(0),
            Var::Loc(l) => locs
                .iter()
                .position(|x| x == l)
                .and_then(|li| co.get(li))
                .and_then(|c| c.last())
                .map(|&w| wval[w])
                .unwrap_or(0),
        })
        .collect();
    Some(Candidate {
        structure: si,
        rf,
        co,
        rval,
        wval,
        state,
    })
}
