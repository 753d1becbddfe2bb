//! The paths of one thread: every way through its `if`s and compare-exchanges, each with its
//! events, the value steps that compute them, the C-level sequenced-before order, and the
//! dependencies rustc's code keeps.
//!
//! A path fixes every branch decision and compare-exchange outcome; its value steps include
//! the assumptions it makes (`Assume`: this condition was true), so a candidate execution
//! whose values disagree with the path is discarded (`values::run`).
//!
//! Sequenced-before follows C (and herd7): the statements of a path in order; within one
//! statement the loads of its expressions are unsequenced with each other and sequenced
//! before the access that uses their values (a compare-exchange reads its expected location,
//! then accesses its object, then writes the expected location on failure). The events
//! themselves are listed in the order rustc's code executes them (left to right), which is
//! the program order of the instruction-level models.

use super::exec::{Access, CEvent, Kind};
use super::lower;
use super::rel::{members, Set, MAX_EVENTS};
use super::values::{Input, VExpr, VStep};
use crate::litmus::{Expected, Expr, Op, Span, Stmt, Thread};

/// One path of a thread, with thread-local event numbers.
#[derive(Clone, Debug)]
pub(super) struct TPath {
    pub(super) events: Vec<CEvent>,
    /// Per event: the events sequenced before it.
    pub(super) sb: Vec<Set>,
    /// (read, write): the written value depends on the value read, in rustc's code.
    pub(super) data: Vec<(usize, usize)>,
    /// (read, event): a conditional branch on the value read precedes the event.
    pub(super) ctrl: Vec<(usize, usize)>,
    pub(super) steps: Vec<VStep>,
    /// The final value of each register.
    pub(super) regs: Vec<Input>,
}

/// The state of a path while it is built.
#[derive(Clone)]
struct Builder<'t> {
    thread: usize,
    locs: &'t [String],
    names: &'t [String],
    p: TPath,
    /// Events of completed statements: sequenced before every later event.
    done: Set,
    /// The reads the control flow so far depends on (branches rustc keeps).
    ctrl_src: Set,
    /// Per register: the reads its value depends on in rustc's code.
    deps: Vec<Set>,
    /// The condition of an `if` rustc turned into a select: the next store's value depends
    /// on it.
    select: Set,
    /// The conditions of enclosing `if`s rustc compiles without a branch: values assigned
    /// inside are selected by them (`csel`), so they depend on them.
    ambient: Set,
}

/// Why a path cannot be built (a bound).
/// A bound exceeded: what, and the statement where (when one is to blame).
pub(super) type Bound = (String, Option<Span>);

/// Most paths of one thread.
pub const MAX_PATHS_PER_THREAD: usize = 1 << 10;

impl<'t> Builder<'t> {
    fn reg(&self, r: &str) -> usize {
        self.names.iter().position(|n| n == r).unwrap_or(0)
    }

    fn loc(&self, l: &str) -> usize {
        self.locs.iter().position(|x| x == l).unwrap_or(0)
    }

    /// A new event sequenced after `before` (and every completed statement).
    fn event(
        &mut self,
        kind: Kind,
        loc: Option<&str>,
        access: Access,
        span: Span,
        before: Set,
    ) -> Result<usize, Bound> {
        let e = self.p.events.len();
        if e >= MAX_EVENTS {
            return Err((
                format!(
                    "more than {MAX_EVENTS} events in one path of P{}",
                    self.thread
                ),
                Some(span),
            ));
        }
        self.p.events.push(CEvent {
            thread: Some(self.thread),
            span,
            kind,
            loc: loc.map(|l| self.loc(l)),
            access,
        });
        self.p.sb.push(self.done | before);
        for r in members(self.ctrl_src) {
            self.p.ctrl.push((r, e));
        }
        Ok(e)
    }

    fn step(&mut self, s: VStep) -> usize {
        self.p.steps.push(s);
        self.p.steps.len() - 1
    }

    /// An expression's value, its loads (events, in order) and the reads its value keeps
    /// depending on in rustc's code.
    fn expr(&mut self, e: &Expr, span: Span, loads: &mut Set) -> Result<(VExpr, Set), Bound> {
        Ok(match e {
            Expr::Const(c) => (VExpr::In(Input::Const(*c as i32)), 0),
            Expr::Reg(r) => {
                let k = self.reg(r);
                (VExpr::In(self.p.regs[k]), self.deps[k])
            }
            Expr::Load { loc, ord } => {
                let ev = self.event(Kind::Read, Some(loc), Access::Load(*ord), span, 0)?;
                *loads |= 1 << ev;
                let s = self.step(VStep::Read { ev });
                (VExpr::In(Input::Def(s, 0)), 1 << ev)
            }
            Expr::Unary(op, a) => {
                let (v, d) = self.expr(a, span, loads)?;
                (VExpr::Un(*op, Box::new(v)), d)
            }
            Expr::Binary(op, a, b) => {
                let (x, dx) = self.expr(a, span, loads)?;
                let (y, dy) = self.expr(b, span, loads)?;
                let d = if lower::folds(*op, a, b) { 0 } else { dx | dy };
                (VExpr::Bin(*op, Box::new(x), Box::new(y)), d)
            }
        })
    }

    fn set_reg(&mut self, r: &str, v: Input, deps: Set) {
        let k = self.reg(r);
        self.p.regs[k] = v;
        self.deps[k] = deps | self.ambient;
    }

    fn data(&mut self, deps: Set, w: usize) {
        for r in members(deps) {
            self.p.data.push((r, w));
        }
    }

    /// A statement that does not branch.
    fn simple(&mut self, op: &Op, span: Span) -> Result<(), Bound> {
        let mut loads: Set = 0;
        match op {
            Op::Assign { reg, val, .. } => {
                let (v, d) = self.expr(val, span, &mut loads)?;
                let s = self.step(VStep::Let(v));
                self.set_reg(reg, Input::Def(s, 0), d);
            }
            Op::Store { loc, val, ord } => {
                let (v, d) = self.expr(val, span, &mut loads)?;
                let ev = self.event(Kind::Write, Some(loc), Access::Store(*ord), span, loads)?;
                let sel = std::mem::take(&mut self.select);
                self.data(d | sel, ev);
                self.step(VStep::Write { ev, val: v });
            }
            Op::Fence { ord } => {
                self.event(Kind::Fence, None, Access::Fence(*ord), span, 0)?;
            }
            Op::Rmw {
                dst,
                op,
                loc,
                val,
                ord,
            } => {
                let (v, d) = self.expr(val, span, &mut loads)?;
                let access = Access::Rmw {
                    op: *op,
                    ord: *ord,
                    used: dst.is_some(),
                };
                let ev = self.event(Kind::Rmw, Some(loc), access, span, loads)?;
                self.data(d, ev);
                let s = self.step(VStep::Rmw {
                    ev,
                    op: *op,
                    val: v,
                });
                if let Some(dst) = dst {
                    self.set_reg(&dst.reg, Input::Def(s, 0), 1 << ev);
                }
            }
            Op::If { .. } | Op::CompareExchange { .. } => {}
        }
        self.done = self.all();
        Ok(())
    }

    /// Every event of the path so far (statements are finished one at a time).
    fn all(&self) -> Set {
        let n = self.p.events.len();
        if n == 64 {
            !0
        } else {
            (1u64 << n) - 1
        }
    }

    /// One outcome of a compare-exchange.
    fn cas(&mut self, op: &Op, span: Span, ok: bool) -> Result<(), Bound> {
        let Op::CompareExchange {
            dst,
            loc,
            expected,
            desired,
            success,
            failure,
            weak,
        } = op
        else {
            return Ok(());
        };
        let mut loads: Set = 0;
        // The expected value: a register, or a plain read of a location.
        let (exp, exp_deps, exp_read) = match expected {
            Expected::Reg(e) => {
                let k = self.reg(e);
                (VExpr::In(self.p.regs[k]), self.deps[k], 0)
            }
            Expected::Loc(e) => {
                let ev = self.event(Kind::Read, Some(e), Access::Load(None), span, 0)?;
                let s = self.step(VStep::Read { ev });
                (VExpr::In(Input::Def(s, 0)), 1 << ev, 1 << ev)
            }
        };
        let (des, des_deps) = self.expr(desired, span, &mut loads)?;
        let (s, f) = (*success, *failure);
        let before = loads | exp_read;
        let (ev, step) = if ok {
            let ev = self.event(
                Kind::Rmw,
                Some(loc),
                Access::CasOk {
                    success: s,
                    failure: f,
                },
                span,
                before,
            )?;
            self.data(exp_deps | des_deps, ev);
            let st = self.step(VStep::CasOk {
                ev,
                exp,
                desired: des,
            });
            (ev, st)
        } else {
            let ev = self.event(
                Kind::Read,
                Some(loc),
                Access::CasFail {
                    success: s,
                    failure: f,
                },
                span,
                before,
            )?;
            let st = self.step(VStep::CasFail {
                ev,
                exp,
                strong: !*weak,
            });
            (ev, st)
        };
        match expected {
            // On failure the register receives the value found.
            Expected::Reg(e) if !ok => self.set_reg(e, Input::Def(step, 0), 1 << ev),
            Expected::Reg(_) => {}
            // rustc's code branches on the outcome (the write happens on failure only).
            Expected::Loc(e) => {
                self.ctrl_src |= 1 << ev;
                if !ok {
                    let w = self.event(
                        Kind::Write,
                        Some(e),
                        Access::Store(None),
                        span,
                        before | 1 << ev,
                    )?;
                    self.data(1 << ev, w);
                    self.step(VStep::Write {
                        ev: w,
                        val: VExpr::In(Input::Def(step, 0)),
                    });
                }
            }
        }
        if let Some(d) = dst {
            self.set_reg(&d.reg, Input::Const(ok as i32), 1 << ev);
        }
        self.done = self.all();
        Ok(())
    }
}

/// Every path of a thread (at most [`MAX_PATHS_PER_THREAD`]).
pub(super) fn paths(
    thread: usize,
    th: &Thread,
    locs: &[String],
    names: &[String],
) -> Result<Vec<TPath>, Bound> {
    let b = Builder {
        thread,
        locs,
        names,
        p: TPath {
            events: Vec::new(),
            sb: Vec::new(),
            data: Vec::new(),
            ctrl: Vec::new(),
            steps: Vec::new(),
            regs: vec![Input::Const(0); names.len()],
        },
        done: 0,
        ctrl_src: 0,
        deps: vec![0; names.len()],
        select: 0,
        ambient: 0,
    };
    let mut out = Vec::new();
    explore(vec![(&th.body[..], 0)], b, &mut out)?;
    Ok(out)
}

/// Run the statements left on the stack `rest` (innermost block last, each with the
/// `ambient` to restore when it ends), forking at each decision.
fn explore(
    mut rest: Vec<(&[Stmt], Set)>,
    mut b: Builder<'_>,
    out: &mut Vec<TPath>,
) -> Result<(), Bound> {
    loop {
        let Some((top, after)) = rest.last_mut() else {
            if out.len() >= MAX_PATHS_PER_THREAD {
                // At the path's last statement: the decision that made one path too many.
                return Err((
                    format!(
                        "more than {MAX_PATHS_PER_THREAD} paths through the branches and \
                         compare-exchanges of P{}",
                        b.thread
                    ),
                    b.p.events.last().map(|e| e.span),
                ));
            }
            out.push(b.p);
            return Ok(());
        };
        let Some((st, tail)) = top.split_first() else {
            b.ambient = *after;
            rest.pop();
            continue;
        };
        *top = tail;
        match &st.op {
            Op::If { cond, then, els } => {
                let mut loads = 0;
                let (v, d) = b.expr(cond, st.span, &mut loads)?;
                b.done = b.all();
                let known = v.constant();
                let select = lower::if_is_select(then, els);
                for (taken, branch) in [(true, then), (false, els)] {
                    if known.is_some_and(|k| (k != 0) != taken) {
                        continue;
                    }
                    let mut b2 = b.clone();
                    if known.is_none() {
                        b2.step(VStep::Assume {
                            cond: v.clone(),
                            taken,
                        });
                    }
                    if select {
                        // rustc selects the value and stores once: a data dependency.
                        b2.select = d;
                    } else if lower::branch_kept(d != 0, then, els) {
                        b2.ctrl_src |= d;
                    } else {
                        b2.ambient |= d;
                    }
                    let mut r2 = rest.clone();
                    r2.push((branch, b.ambient));
                    explore(r2, b2, out)?;
                }
                return Ok(());
            }
            op @ Op::CompareExchange { .. } => {
                for ok in [true, false] {
                    let mut b2 = b.clone();
                    b2.cas(op, st.span, ok)?;
                    explore(rest.clone(), b2, out)?;
                }
                return Ok(());
            }
            op => b.simple(op, st.span)?,
        }
    }
}
