//! The values of a candidate execution: each thread's steps with their register inputs
//! resolved to the steps that define them, evaluated in data-flow order with the values its
//! reads get from the candidate's reads-from choice.

use super::exec::{Candidate, Operand, RegMap, RmwOp, Step, Structure};
use crate::litmus::Var;

/// A register input of a step: a constant or output `slot` of an earlier step.
#[derive(Clone, Copy, Debug)]
pub(super) enum Input {
    Const(i64),
    Def(usize, usize),
}

/// A step with its register inputs resolved to the steps defining them (reaching
/// definitions), so values can flow in data-flow order rather than program order.
#[derive(Clone, Debug)]
pub(super) enum RStep {
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
pub(super) fn resolve(steps: &[Step], nregs: usize) -> (Vec<RStep>, Vec<Input>) {
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
pub(super) fn run_values(
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
