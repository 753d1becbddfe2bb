//! Parsing a thread's statements: declarations and assignments, plain stores, the atomic
//! operations, `if`/`else`. Part of the parser (`parser.rs`), split off so each file has one
//! job; expressions are in `exprp.rs`.
//!
//! Registers are checked against their scope as they are read (`litmus::check` holds the
//! rules), so an error points at the offending token.
//!
//! This file is std-only: `build.rs` includes it.

use super::ast::*;
use super::check::{self, MAX_DEPTH, MAX_STMTS_PER_THREAD};
use super::lexer::Tok;
use super::parser::{err, ParseError, Parser};

/// Every operation the parser knows, for the message about an unknown one.
const SUPPORTED: &str = "atomic_load_explicit, atomic_store_explicit, atomic_thread_fence, \
    atomic_exchange_explicit, atomic_fetch_{add,sub,or,and,xor}_explicit, \
    atomic_compare_exchange_{strong,weak}_explicit, and their forms without `_explicit`";

/// Why a known construct of herd7's C is left out, if `name` is one.
pub(crate) fn refused(name: &str) -> Option<String> {
    Some(match name {
        "while" => "loops (`while`) are not supported: the model checker enumerates finite \
                    executions, herd7 unrolls loops to a bound"
            .into(),
        "atomic_signal_fence" => {
            "`atomic_signal_fence` is not supported (a compiler-only fence; herd7's C has none \
             either)"
                .into()
        }
        "lock" | "unlock" | "mtx_lock" | "mtx_unlock" | "spin_lock" | "spin_unlock"
        | "spin_trylock" => format!(
            "locks (`{name}`) are not supported: write the lock with a compare-exchange and a \
             Release store"
        ),
        "WCAS" | "SCAS" => {
            format!("herd7's `{name}` is not supported: use `atomic_compare_exchange_*`")
        }
        n if n.starts_with("__") => {
            format!("`{n}` is a Linux-kernel primitive of herd7's LKMM dialect: not supported")
        }
        _ => return None,
    })
}

impl Parser<'_> {
    /// A location: a parameter of this thread (`*x`, the first argument of a call).
    pub(crate) fn location(&mut self) -> Result<String, ParseError> {
        let (loc, span) = self.ident("a location (a parameter of this thread)")?;
        if !self.params.contains(&loc) {
            return err(
                self.file,
                span,
                format!("unknown location `{loc}`: not a parameter of this thread"),
            );
        }
        Ok(loc)
    }

    /// A call's location argument: a parameter of this thread, not an address computed
    /// from it.
    pub(crate) fn location_arg(&mut self) -> Result<String, ParseError> {
        let (loc, span) = self.ident("a location (a parameter of this thread)")?;
        if !self.params.contains(&loc) {
            return err(
                self.file,
                span,
                format!("unknown location `{loc}`: not a parameter of this thread"),
            );
        }
        if self.is_punct("+") || self.is_punct("-") {
            return self.fail(
                "address arithmetic (`x + e`, an address dependency) is not supported: a Rust \
                 reference cannot carry a computed address (rustc turns the offset test into a \
                 branch), so the dependency would not reach the hardware",
            );
        }
        Ok(loc)
    }

    pub(crate) fn order_arg(&mut self) -> Result<(MemOrder, Span), ParseError> {
        let (name, span) = self.ident("a memory order `memory_order_...`")?;
        match MemOrder::from_c_name(&name) {
            Some(o) => Ok((o, span)),
            None if name == "memory_order_consume" => err(
                self.file,
                span,
                "`memory_order_consume` is not supported (Rust has no Consume ordering)",
            ),
            None => err(self.file, span, format!("unknown memory order `{name}`")),
        }
    }

    /// The expected-value argument of a compare-exchange: `&r` or a location.
    fn expected_arg(&mut self) -> Result<Expected, ParseError> {
        if self.is_punct("&") {
            self.next();
            let (e, span) = self.ident("the expected-value register")?;
            if !self.scope.visible(&e) {
                return err(self.file, span, format!("undeclared register `{e}`"));
            }
            return Ok(Expected::Reg(e));
        }
        let (e, span) = self.ident("the expected value: a location, or `&r` for a register")?;
        if self.params.contains(&e) {
            Ok(Expected::Loc(e))
        } else if self.scope.visible(&e) {
            err(
                self.file,
                span,
                format!(
                    "the expected value is a location or the address of a register: write `&{e}`"
                ),
            )
        } else {
            err(
                self.file,
                span,
                format!("unknown location `{e}`: not a parameter of this thread"),
            )
        }
    }

    fn comma(&mut self) -> Result<(), ParseError> {
        self.expect_punct(",", "between arguments").map(|_| ())
    }

    /// A call statement or right-hand side: `name(args)`. A load is returned as an
    /// assignment to `dst` (which must be given), everything else as its operation.
    pub(crate) fn call(&mut self, dst: Option<Dst>) -> Result<Op, ParseError> {
        let (name, span) = self.ident("an atomic operation")?;
        if let Some(m) = refused(&name) {
            return err(self.file, span, m);
        }
        let explicit = name.ends_with("_explicit");
        let base = name.trim_end_matches("_explicit");
        if dst.is_some() && matches!(base, "atomic_store" | "atomic_thread_fence") {
            return err(self.file, span, "this operation returns no value");
        }
        self.expect_punct("(", &format!("after `{name}`"))?;
        // Where an ordering std atomics reject is reported: the offending ordering argument.
        let mut check_span = span;
        let mut order = |p: &mut Self| -> Result<MemOrder, ParseError> {
            if explicit {
                p.comma()?;
                let (o, s) = p.order_arg()?;
                check_span = s;
                Ok(o)
            } else {
                Ok(MemOrder::SeqCst)
            }
        };
        let op = match base {
            "atomic_load" => {
                let loc = self.location_arg()?;
                let ord = order(self)?;
                match dst {
                    Some(d) => Op::Assign {
                        reg: d.reg,
                        decl: d.decl,
                        val: Expr::Load {
                            loc,
                            ord: Some(ord),
                        },
                    },
                    None => {
                        return err(
                            self.file,
                            span,
                            "a load's value must be assigned to a register (`int r0 = atomic_load_explicit(...)`)",
                        )
                    }
                }
            }
            "atomic_store" => {
                let loc = self.location_arg()?;
                self.comma()?;
                let val = self.expr(0)?;
                let ord = order(self)?;
                Op::Store {
                    loc,
                    val,
                    ord: Some(ord),
                }
            }
            "atomic_thread_fence" if explicit => return self.fail("unknown operation"),
            "atomic_thread_fence" => {
                let (ord, ospan) = self.order_arg()?;
                check_span = ospan;
                Op::Fence { ord }
            }
            "atomic_compare_exchange_strong" | "atomic_compare_exchange_weak" => {
                let loc = self.location_arg()?;
                self.comma()?;
                let expected = self.expected_arg()?;
                self.comma()?;
                let desired = self.expr(0)?;
                let (success, failure) = if explicit {
                    self.comma()?;
                    let (s, _) = self.order_arg()?;
                    self.comma()?;
                    let (f, fspan) = self.order_arg()?;
                    check_span = fspan;
                    (s, f)
                } else {
                    (MemOrder::SeqCst, MemOrder::SeqCst)
                };
                Op::CompareExchange {
                    dst,
                    loc,
                    expected,
                    desired,
                    success,
                    failure,
                    weak: base.ends_with("weak"),
                }
            }
            b => match b.strip_prefix("atomic_").and_then(RmwOp::from_c_stem) {
                Some(op) => {
                    let loc = self.location_arg()?;
                    self.comma()?;
                    let val = self.expr(0)?;
                    let ord = order(self)?;
                    Op::Rmw {
                        dst,
                        op,
                        loc,
                        val,
                        ord,
                    }
                }
                None => {
                    return err(
                        self.file,
                        span,
                        format!("unsupported operation `{name}` (supported: {SUPPORTED})"),
                    )
                }
            },
        };
        if let Some(m) = op.rust_rejects() {
            return err(self.file, check_span, m);
        }
        self.expect_punct(")", &format!("to close `{name}(`"))?;
        Ok(op)
    }

    /// One statement (a bare `{ ... }` block gives its statements), appended to `out`.
    pub(crate) fn stmts(
        &mut self,
        thread: usize,
        depth: usize,
        out: &mut Vec<Stmt>,
    ) -> Result<(), ParseError> {
        let span = self.peek().span;
        if self.is_punct("{") {
            let open = self.next().span;
            self.scope.enter();
            let inner = self.block(thread, open, depth + 1)?;
            self.scope.leave();
            out.extend(inner);
            return Ok(());
        }
        self.count += 1;
        if self.count > MAX_STMTS_PER_THREAD {
            return self.fail(format!(
                "thread P{thread} is too long: at most {MAX_STMTS_PER_THREAD} statements"
            ));
        }
        if self.is_ident("if") {
            return self.if_stmt(thread, depth, span, out);
        }
        if self.is_ident("else") {
            return self.fail("`else` without `if`");
        }
        let op = if self.is_ident("int") {
            self.next();
            if self.is_punct("*") {
                return self.fail("pointer registers are not supported");
            }
            let (reg, rspan) = self.ident("a register name")?;
            if let Some(m) = check::declaration(&self.scope, &self.param_refs(), &reg) {
                return err(self.file, rspan, m);
            }
            let op = if self.is_punct(";") {
                Op::Assign {
                    reg: reg.clone(),
                    decl: true,
                    val: Expr::Const(0),
                }
            } else {
                self.expect_punct("=", "after the register")?;
                self.rhs(Dst {
                    reg: reg.clone(),
                    decl: true,
                })?
            };
            self.scope.declare(&reg);
            op
        } else if self.is_punct("*") {
            self.next();
            let loc = self.location()?;
            self.expect_punct("=", "in a plain store `*x = e;`")?;
            let val = self.expr(0)?;
            Op::Store {
                loc,
                val,
                ord: None,
            }
        } else if let (Tok::Ident(r), Tok::Punct("=")) = (&self.peek().tok, self.peek_at(1)) {
            let r = r.clone();
            if !self.scope.visible(&r) {
                return self.fail(if self.params.contains(&r) {
                    format!("`{r}` is a location: store to it with `*{r} = ...` or `atomic_store_explicit`")
                } else {
                    format!("undeclared register `{r}`: declare it with `int {r} = ...;`")
                });
            }
            self.next();
            self.next();
            self.rhs(Dst {
                reg: r,
                decl: false,
            })?
        } else {
            if let Tok::Ident(name) = &self.peek().tok {
                if let Some(m) = refused(name) {
                    return self.fail(m);
                }
            }
            self.call(None)?
        };
        self.expect_punct(";", "after the statement")?;
        out.push(Stmt { op, span });
        Ok(())
    }

    /// The right-hand side of an assignment to `dst`: a read-modify-write or compare-exchange
    /// (whole), or an expression (loads included).
    fn rhs(&mut self, dst: Dst) -> Result<Op, ParseError> {
        if let Tok::Ident(name) = &self.peek().tok {
            let base = name.trim_end_matches("_explicit");
            let rmw = base
                .strip_prefix("atomic_")
                .is_some_and(|s| RmwOp::from_c_stem(s).is_some())
                || base.starts_with("atomic_compare_exchange_")
                || base == "atomic_store"
                || base == "atomic_thread_fence";
            if rmw {
                return self.call(Some(dst));
            }
        }
        let val = self.expr(0)?;
        Ok(Op::Assign {
            reg: dst.reg,
            decl: dst.decl,
            val,
        })
    }

    fn if_stmt(
        &mut self,
        thread: usize,
        depth: usize,
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> Result<(), ParseError> {
        if depth >= MAX_DEPTH {
            return self.fail(format!("`if`s nested too deeply (at most {MAX_DEPTH})"));
        }
        self.next(); // `if`
        self.expect_punct("(", "after `if`")?;
        let cond = self.expr(0)?;
        self.expect_punct(")", "to close the condition of `if`")?;
        let then = self.branch(thread, depth)?;
        let els = if self.is_ident("else") {
            self.next();
            self.branch(thread, depth)?
        } else {
            Vec::new()
        };
        out.push(Stmt {
            op: Op::If { cond, then, els },
            span,
        });
        Ok(())
    }

    /// A branch of an `if`: a block or one statement, in a scope of its own.
    fn branch(&mut self, thread: usize, depth: usize) -> Result<Vec<Stmt>, ParseError> {
        let mut b = Vec::new();
        self.scope.enter();
        if self.is_punct("{") {
            let open = self.next().span;
            b = self.block(thread, open, depth + 1)?;
        } else {
            self.stmts(thread, depth + 1, &mut b)?;
        }
        self.scope.leave();
        Ok(b)
    }

    pub(crate) fn param_refs(&self) -> Vec<&str> {
        self.params.iter().map(String::as_str).collect()
    }
}
