//! The values of a candidate execution: each thread's value steps, evaluated in data-flow
//! order (not program order, so that values flowing between threads through reads-from never
//! wait on each other needlessly) with the values its reads get from the candidate's
//! reads-from choice. All values are 32-bit and wrap as the hardware does
//! (`litmus::BinOp::apply`, `litmus::RmwOp::apply`).
//!
//! A candidate is discarded when its values contradict its structure: a branch assumed taken
//! whose condition is false, a compare-exchange assumed to succeed that finds another value,
//! or values that depend on themselves (out of thin air: not generated).

use super::exec::{Candidate, Structure};
use crate::litmus::{BinOp, RmwOp, UnOp, Var};

/// A value an expression reads: a constant or output `slot` of an earlier step of the same
/// thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Input {
    Const(i32),
    Def(usize, u8),
}

/// An expression over inputs (no loads: a load is a step of its own).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum VExpr {
    In(Input),
    Un(UnOp, Box<VExpr>),
    Bin(BinOp, Box<VExpr>, Box<VExpr>),
}

impl VExpr {
    /// The value, as soon as it is determined: `r ^ r` is 0 and `r & 0` is 0 before `r` is
    /// known (the identities `model::lower::folds` says rustc uses), so a value that does not
    /// depend on a read never waits for it.
    fn eval(&self, get: &dyn Fn(Input) -> Option<i32>) -> Option<i32> {
        match self {
            VExpr::In(i) => get(*i),
            VExpr::Un(op, a) => Some(op.apply(a.eval(get)?)),
            VExpr::Bin(op, a, b) => {
                if a == b {
                    match op {
                        BinOp::Xor | BinOp::Sub | BinOp::Ne | BinOp::Lt | BinOp::Gt => {
                            return Some(0)
                        }
                        BinOp::Eq | BinOp::Le | BinOp::Ge => return Some(1),
                        _ => {}
                    }
                }
                match (a.eval(get), b.eval(get)) {
                    (Some(x), Some(y)) => Some(op.apply(x, y)),
                    (Some(0), None) | (None, Some(0))
                        if matches!(op, BinOp::Mul | BinOp::BitAnd | BinOp::And) =>
                    {
                        Some(0)
                    }
                    _ => None,
                }
            }
        }
    }

    /// The value when it involves no step's output.
    pub(super) fn constant(&self) -> Option<i32> {
        self.eval(&|i| match i {
            Input::Const(c) => Some(c),
            Input::Def(..) => None,
        })
    }
}

/// One value step of a thread's path. Outputs: slot 0.
#[derive(Clone, Debug)]
pub(super) enum VStep {
    /// A register assignment: its value.
    Let(VExpr),
    /// A read: the value read.
    Read { ev: usize },
    /// A write of a value.
    Write { ev: usize, val: VExpr },
    /// A read-modify-write: the old value; it writes `op(old, val)`.
    Rmw { ev: usize, op: RmwOp, val: VExpr },
    /// A compare-exchange that succeeds: it must read `exp`; it writes `desired`.
    CasOk {
        ev: usize,
        exp: VExpr,
        desired: VExpr,
    },
    /// A compare-exchange that fails: the value found (which differs from `exp` when strong).
    CasFail { ev: usize, exp: VExpr, strong: bool },
    /// The path took the branch `taken` of a condition.
    Assume { cond: VExpr, taken: bool },
}

impl VStep {
    /// The step with its events renumbered by `base` (thread-local to structure numbers).
    pub(super) fn shifted(&self, base: usize) -> VStep {
        let mut s = self.clone();
        match &mut s {
            VStep::Read { ev }
            | VStep::Write { ev, .. }
            | VStep::Rmw { ev, .. }
            | VStep::CasOk { ev, .. }
            | VStep::CasFail { ev, .. } => *ev += base,
            VStep::Let(_) | VStep::Assume { .. } => {}
        }
        s
    }
}

/// The values of one rf/co choice, or `None` when they contradict the structure.
#[allow(clippy::too_many_arguments)]
pub(super) fn run(
    init: &[i32],
    st: &Structure,
    observables: &[Var],
    locs: &[String],
    names: &[Vec<String>],
    si: usize,
    rf: Vec<usize>,
    co: Vec<Vec<usize>>,
) -> Option<Candidate> {
    let n = st.events.len();
    let nlocs = co.len();
    let mut wval: Vec<Option<i32>> = vec![None; n];
    let mut rval = vec![0i32; n];
    for (slot, &v) in wval.iter_mut().zip(init).take(nlocs) {
        *slot = Some(v);
    }
    let mut outs: Vec<Vec<Option<i32>>> = st.steps.iter().map(|s| vec![None; s.len()]).collect();
    let mut left: usize = st.steps.iter().map(Vec::len).sum();
    while left > 0 {
        let mut progress = false;
        for (t, steps) in st.steps.iter().enumerate() {
            for (i, step) in steps.iter().enumerate() {
                if outs[t][i].is_some() {
                    continue;
                }
                let o = &outs[t];
                let get = |inp: Input| match inp {
                    Input::Const(c) => Some(c),
                    Input::Def(s, _) => o[s],
                };
                let result = match step {
                    VStep::Let(e) => e.eval(&get),
                    VStep::Read { ev } => wval[rf[*ev]].inspect(|&v| rval[*ev] = v),
                    VStep::Write { ev, val } => val.eval(&get).map(|v| {
                        wval[*ev] = Some(v);
                        0
                    }),
                    VStep::Rmw { ev, op, val } => match (wval[rf[*ev]], val.eval(&get)) {
                        (Some(old), Some(v)) => {
                            rval[*ev] = old;
                            wval[*ev] = Some(op.apply(old, v));
                            Some(old)
                        }
                        _ => None,
                    },
                    VStep::CasOk { ev, exp, desired } => {
                        match (wval[rf[*ev]], exp.eval(&get), desired.eval(&get)) {
                            (Some(old), Some(e), Some(d)) => {
                                if old != e {
                                    return None;
                                }
                                rval[*ev] = old;
                                wval[*ev] = Some(d);
                                Some(old)
                            }
                            _ => None,
                        }
                    }
                    VStep::CasFail { ev, exp, strong } => match (wval[rf[*ev]], exp.eval(&get)) {
                        (Some(cur), Some(e)) => {
                            if *strong && cur == e {
                                return None;
                            }
                            rval[*ev] = cur;
                            Some(cur)
                        }
                        _ => None,
                    },
                    VStep::Assume { cond, taken } => match cond.eval(&get) {
                        Some(c) if (c != 0) != *taken => return None,
                        Some(_) => Some(0),
                        None => None,
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
    let state = observables
        .iter()
        .map(|v| match v {
            Var::Reg { thread, reg } => names
                .get(*thread)
                .and_then(|m| m.iter().position(|x| x == reg))
                .and_then(|i| match st.regs[*thread][i] {
                    Input::Const(c) => Some(c),
                    Input::Def(s, _) => outs[*thread][s],
                })
                .unwrap_or(0) as i64,
            Var::Loc(l) => locs
                .iter()
                .position(|x| x == l)
                .and_then(|li| co.get(li))
                .and_then(|c| c.last())
                .and_then(|&w| wval[w])
                .unwrap_or(0) as i64,
        })
        .collect();
    Some(Candidate {
        structure: si,
        rf,
        co,
        rval: rval.into_iter().map(i64::from).collect(),
        wval: wval
            .into_iter()
            .map(|v| i64::from(v.unwrap_or(0)))
            .collect(),
        state,
    })
}
