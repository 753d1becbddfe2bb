//! The expected ordering signature of a litmus thread: what the compile mapping
//! ([`crate::model::lower`]) says each statement becomes on a target, as signature tokens
//! (see [`super::sig::SigItem::token`]), with the conditional branches rustc keeps, and the
//! dependencies its code must keep (checked against the emitted code by `asm::deps`).

use crate::litmus::{Expected, Expr, Op, Stmt, Test, Thread};
use crate::machine::Target;
use crate::model::exec::Access;
use crate::model::lower::{self, Insn};
use std::collections::{BTreeMap, BTreeSet};

/// The signature token of an instruction class: its mnemonic, except that x86's two `mov`
/// classes say which way they go.
pub fn token(insn: Insn) -> String {
    match insn {
        Insn::MovLoad => "mov (load)".into(),
        Insn::MovStore => "mov (store)".into(),
        other => other.mnemonic().to_string(),
    }
}

/// The instruction class a signature token stands for, if the mapping has one (used for
/// glosses). Tokens are compared after [`canon`].
pub fn insn_of(tok: &str) -> Option<Insn> {
    let c = canon(tok);
    Insn::all().into_iter().find(|i| canon(&token(*i)) == c)
}

/// The form in which emitted and expected tokens are compared: the access size of an
/// outline-atomics helper is dropped (`__aarch64_cas4_acq_rel` for an `AtomicI32`,
/// `__aarch64_cas8_acq_rel` for 64 bits), and x86's `lock add` (a fetch_add whose result is
/// unused) counts as `lock xadd`.
pub fn canon(tok: &str) -> String {
    if let Some(rest) = tok.strip_prefix("bl __aarch64_") {
        let (op, ord) = rest.split_once('_').unwrap_or((rest, ""));
        let op = op.trim_end_matches(|c: char| c.is_ascii_digit());
        return format!("bl __aarch64_{op}_{ord}");
    }
    if tok == "lock add" {
        return "lock xadd".into();
    }
    tok.to_string()
}

/// The expected signature of a thread (its statements lowered in source order, the branches
/// rustc keeps included) and the dependencies its code must keep.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expectation {
    pub tokens: Vec<String>,
    /// (load token, dependent token, kind): a store's value or a read-modify-write's operand
    /// (`data`), or a conditional branch's condition (`ctrl`), computed from the load.
    pub deps: Vec<(usize, usize, &'static str)>,
}

/// Walks a thread in source order, tracking which loads each register may depend on.
struct Walk {
    target: Target,
    out: Expectation,
    regs: BTreeMap<String, BTreeSet<usize>>,
}

impl Walk {
    fn push(&mut self, insns: Vec<Insn>) -> Vec<usize> {
        insns
            .into_iter()
            .map(|i| {
                self.out.tokens.push(token(i));
                self.out.tokens.len() - 1
            })
            .collect()
    }

    /// The loads of `e` (pushed), and the loads its value depends on.
    fn expr(&mut self, e: &Expr) -> BTreeSet<usize> {
        match e {
            Expr::Const(_) => BTreeSet::new(),
            Expr::Reg(r) => self.regs.get(r).cloned().unwrap_or_default(),
            Expr::Load { ord, .. } => self
                .push(lower::signature(Access::Load(*ord), self.target))
                .into_iter()
                .collect(),
            Expr::Unary(_, a) => self.expr(a),
            Expr::Binary(op, a, b) => {
                let mut d = self.expr(a);
                let db = self.expr(b);
                if lower::folds(*op, a, b) {
                    BTreeSet::new()
                } else {
                    d.extend(db);
                    d
                }
            }
        }
    }

    fn data(&mut self, deps: &BTreeSet<usize>, at: &[usize]) {
        if let Some(&w) = at
            .iter()
            .find(|&&i| !self.out.tokens[i].starts_with("mov (load)"))
        {
            for &r in deps {
                self.out.deps.push((r, w, "data"));
            }
        }
    }

    fn block(&mut self, body: &[Stmt]) {
        let mut i = 0;
        while i < body.len() {
            if let (Some(next), true) = (
                body.get(i + 1),
                body.get(i + 1)
                    .is_some_and(|n| lower::shares_branch(&body[i].op, &n.op)),
            ) {
                self.cas_then_if(&body[i].op, &next.op);
                i += 2;
            } else {
                self.stmt(&body[i].op);
                i += 1;
            }
        }
    }

    /// A compare-exchange with an expected location and the `if` on its result that shares
    /// its branch (`lower::shares_branch`): the `if`'s statements come before the write-back.
    fn cas_then_if(&mut self, cas: &Op, next: &Op) {
        let t = self.target;
        let (
            Op::CompareExchange {
                dst: Some(dst),
                desired,
                success,
                failure,
                ..
            },
            Op::If { then, .. },
        ) = (cas, next)
        else {
            return;
        };
        let exp: BTreeSet<usize> = self
            .push(lower::signature(Access::Load(None), t))
            .into_iter()
            .collect();
        let mut d = self.expr(desired);
        d.extend(exp.iter().copied());
        let access = Access::CasOk {
            success: *success,
            failure: *failure,
        };
        let at = self.push(lower::signature(access, t));
        self.data(&d, &at);
        let me: BTreeSet<usize> = at.iter().copied().collect();
        let b = self.push(vec![branch(t)]);
        for &r in &me {
            self.out.deps.push((r, b[0], "ctrl"));
        }
        self.regs.insert(dst.reg.clone(), me.clone());
        self.block(then);
        let w = self.push(lower::signature(Access::Store(None), t));
        self.data(&me, &w);
    }

    fn stmt(&mut self, op: &Op) {
        let t = self.target;
        match op {
            Op::Assign { reg, val, .. } => {
                let d = self.expr(val);
                self.regs.insert(reg.clone(), d);
            }
            Op::Store { val, ord, .. } => {
                let d = self.expr(val);
                let at = self.push(lower::signature(Access::Store(*ord), t));
                self.data(&d, &at);
            }
            Op::Fence { ord } => {
                self.push(lower::signature(Access::Fence(*ord), t));
            }
            Op::Rmw {
                dst, op, val, ord, ..
            } => {
                let d = self.expr(val);
                let access = Access::Rmw {
                    op: *op,
                    ord: *ord,
                    used: dst.is_some(),
                };
                let at = self.push(lower::signature(access, t));
                self.data(&d, &at);
                if let Some(dst) = dst {
                    let me = at
                        .iter()
                        .copied()
                        .filter(|&i| self.out.tokens[i] != "jcc")
                        .collect();
                    self.regs.insert(dst.reg.clone(), me);
                }
            }
            Op::CompareExchange {
                dst,
                expected,
                desired,
                success,
                failure,
                ..
            } => {
                let exp = match expected {
                    Expected::Reg(r) => self.regs.get(r).cloned().unwrap_or_default(),
                    Expected::Loc(_) => self
                        .push(lower::signature(Access::Load(None), t))
                        .into_iter()
                        .collect(),
                };
                let mut d = self.expr(desired);
                d.extend(exp.iter().copied());
                let access = Access::CasOk {
                    success: *success,
                    failure: *failure,
                };
                let at = self.push(lower::signature(access, t));
                self.data(&d, &at);
                let me: BTreeSet<usize> = at.iter().copied().collect();
                if let Expected::Loc(_) = expected {
                    let b = self.push(vec![branch(t)]);
                    for &r in &me {
                        self.out.deps.push((r, b[0], "ctrl"));
                    }
                    let w = self.push(lower::signature(Access::Store(None), t));
                    self.data(&me, &w);
                }
                if let Expected::Reg(e) = expected {
                    let mut v = self.regs.get(e).cloned().unwrap_or_default();
                    v.extend(me.iter().copied());
                    self.regs.insert(e.clone(), v);
                }
                if let Some(dst) = dst {
                    self.regs.insert(dst.reg.clone(), me);
                }
            }
            Op::If { cond, then, els } => {
                let d = self.expr(cond);
                let before = self.regs.clone();
                if lower::if_is_select(then, els) {
                    // One store of a selected value.
                    if let Some(Stmt {
                        op: Op::Store { val, ord, .. },
                        ..
                    }) = then.first()
                    {
                        let mut dv = self.expr(val);
                        dv.extend(d.iter().copied());
                        let at = self.push(lower::signature(Access::Store(*ord), t));
                        self.data(&dv, &at);
                    }
                    return;
                }
                let kept = lower::branch_kept(!d.is_empty(), then, els);
                if kept {
                    let b = self.push(vec![branch(t)]);
                    for &r in &d {
                        self.out.deps.push((r, b[0], "ctrl"));
                    }
                }
                self.block(then);
                let after_then = std::mem::replace(&mut self.regs, before);
                self.block(els);
                // A register may hold either branch's value; without a branch, a selected one.
                for (r, v) in after_then {
                    self.regs.entry(r).or_default().extend(v);
                }
                if !kept {
                    for v in self.regs.values_mut() {
                        v.extend(d.iter().copied());
                    }
                }
            }
        }
    }
}

/// The conditional branch class of a target.
fn branch(t: Target) -> Insn {
    if t == Target::X86_64 {
        Insn::Jcc
    } else {
        Insn::Bcond
    }
}

/// The expected signature and dependencies of a thread.
pub fn expectation(thread: &Thread, target: Target) -> Expectation {
    let mut w = Walk {
        target,
        out: Expectation::default(),
        regs: BTreeMap::new(),
    };
    w.block(&thread.body);
    w.out
}

/// The expected signature of a thread: its statements lowered in order.
pub fn thread_signature(thread: &Thread, target: Target) -> Vec<String> {
    expectation(thread, target).tokens
}

/// The signature tokens one statement lowers to (an `if`: its condition's loads and its
/// branch, not its branches' statements).
pub fn lower(op: &Op, target: Target) -> Vec<String> {
    let mut w = Walk {
        target,
        out: Expectation::default(),
        regs: BTreeMap::new(),
    };
    match op {
        Op::If { cond, then, els } => {
            w.expr(cond);
            if !cond.regs().is_empty() || cond.has_load() {
                if lower::if_is_select(then, els) {
                    w.out.tokens.push("(one store of a selected value)".into());
                } else if lower::branch_kept(true, then, els) {
                    w.push(vec![branch(target)]);
                }
            }
        }
        op => w.stmt(op),
    }
    w.out.tokens
}

/// Do an emitted and an expected signature agree (after [`canon`])?
pub fn same(emitted: &[String], expected: &[String]) -> bool {
    emitted.len() == expected.len()
        && emitted
            .iter()
            .zip(expected)
            .all(|(a, b)| canon(a) == canon(b))
}

/// The catalog function of thread `index` of `test`: `orderlab::suite::catalog::<ident>::p<N>`.
pub fn thread_path(test: &Test, index: usize) -> String {
    format!("orderlab::suite::catalog::{}::p{index}", test.ident())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canon_drops_helper_size_and_result_use() {
        assert_eq!(
            canon("bl __aarch64_cas4_acq_rel"),
            canon("bl __aarch64_cas8_acq_rel")
        );
        assert_ne!(
            canon("bl __aarch64_cas4_acq"),
            canon("bl __aarch64_cas8_acq_rel")
        );
        assert_eq!(canon("lock add"), "lock xadd");
        assert_eq!(insn_of("stlr"), Some(Insn::Stlr));
        assert_eq!(insn_of("mov (load)"), Some(Insn::MovLoad));
    }
}
