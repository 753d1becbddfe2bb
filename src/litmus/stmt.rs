//! Parsing a thread's statements: assignments, the atomic operations and their arguments.
//! Part of the parser (`parser.rs`), split off so each file has one job.
//!
//! This file is std-only: `build.rs` includes it.

use super::ast::*;
use super::lexer::Tok;
use super::parser::{err, ParseError, Parser, Scope};

impl Parser<'_> {
    pub(crate) fn location_arg(&mut self, params: &[String]) -> Result<String, ParseError> {
        // Accept `x` and `&x`-free forms only; `*x` is not an atomic location argument.
        let (loc, span) = self.ident("a location (a parameter of this thread)")?;
        if !params.contains(&loc) {
            return err(
                self.file,
                span,
                format!("unknown location `{loc}`: not a parameter of this thread"),
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

    pub(crate) fn value_arg(&mut self, scope: &Scope) -> Result<Value, ParseError> {
        if let Tok::Ident(r) = &self.peek().tok {
            let r = r.clone();
            let span = self.next().span;
            if !scope.regs.contains(&r) {
                return err(self.file, span, format!("undeclared register `{r}`"));
            }
            Ok(Value::Reg(r))
        } else {
            Ok(Value::Const(self.int("a value (integer or register)")?.0))
        }
    }

    /// `name(args)` for the atomic operations; returns the op with `reg` to be filled.
    pub(crate) fn call(
        &mut self,
        params: &[String],
        scope: &Scope,
    ) -> Result<(Op, Span), ParseError> {
        let (name, span) = self.ident("an atomic operation")?;
        self.expect_punct("(", &format!("after `{name}`"))?;
        // Where an ordering std atomics reject is reported: the offending ordering argument.
        let mut check_span = span;
        let op = match name.as_str() {
            "atomic_load_explicit" => {
                let loc = self.location_arg(params)?;
                self.expect_punct(",", "between arguments")?;
                let (ord, ospan) = self.order_arg()?;
                check_span = ospan;
                Op::Load {
                    reg: String::new(),
                    loc,
                    ord,
                }
            }
            "atomic_store_explicit" => {
                let loc = self.location_arg(params)?;
                self.expect_punct(",", "between arguments")?;
                let val = self.value_arg(scope)?;
                self.expect_punct(",", "between arguments")?;
                let (ord, ospan) = self.order_arg()?;
                check_span = ospan;
                Op::Store { loc, val, ord }
            }
            "atomic_thread_fence" => {
                let (ord, ospan) = self.order_arg()?;
                check_span = ospan;
                Op::Fence { ord }
            }
            "atomic_exchange_explicit" | "atomic_fetch_add_explicit" => {
                let loc = self.location_arg(params)?;
                self.expect_punct(",", "between arguments")?;
                let val = self.value_arg(scope)?;
                self.expect_punct(",", "between arguments")?;
                let (ord, _) = self.order_arg()?;
                if name == "atomic_exchange_explicit" {
                    Op::Exchange {
                        reg: None,
                        loc,
                        val,
                        ord,
                    }
                } else {
                    Op::FetchAdd {
                        reg: None,
                        loc,
                        val,
                        ord,
                    }
                }
            }
            "atomic_compare_exchange_strong_explicit" => {
                let loc = self.location_arg(params)?;
                self.expect_punct(",", "between arguments")?;
                self.expect_punct("&", "before the expected-value register (`&e`)")?;
                let (e, espan) = self.ident("the expected-value register")?;
                if !scope.regs.contains(&e) {
                    return err(self.file, espan, format!("undeclared register `{e}`"));
                }
                self.expect_punct(",", "between arguments")?;
                let desired = self.value_arg(scope)?;
                self.expect_punct(",", "between arguments")?;
                let (success, _) = self.order_arg()?;
                self.expect_punct(",", "between arguments")?;
                let (failure, fspan) = self.order_arg()?;
                check_span = fspan;
                Op::CompareExchange {
                    reg: None,
                    loc,
                    expected: e,
                    desired,
                    success,
                    failure,
                }
            }
            other => {
                return err(
                    self.file,
                    span,
                    format!(
                        "unsupported operation `{other}` (supported: atomic_load_explicit, \
                         atomic_store_explicit, atomic_thread_fence, atomic_exchange_explicit, \
                         atomic_fetch_add_explicit, atomic_compare_exchange_strong_explicit)"
                    ),
                )
            }
        };
        if let Some(m) = op.rust_rejects() {
            return err(self.file, check_span, m);
        }
        self.expect_punct(")", &format!("to close `{name}(`"))?;
        Ok((op, span))
    }

    pub(crate) fn stmt(
        &mut self,
        params: &[String],
        scope: &mut Scope,
    ) -> Result<Stmt, ParseError> {
        let span = self.peek().span;
        let declared = if self.is_ident("int") {
            self.next();
            true
        } else {
            false
        };
        // `[int] r = expr;`, `int r;` or a bare call.
        let is_assign = declared
            || (matches!(self.peek().tok, Tok::Ident(_))
                && matches!(self.peek_at(1), Tok::Punct("=")));
        let op = if is_assign {
            let (reg, rspan) = self.ident("a register name")?;
            if declared {
                if scope.regs.contains(&reg) {
                    return err(self.file, rspan, format!("register `{reg}` declared twice"));
                }
                if params.contains(&reg) {
                    return err(
                        self.file,
                        rspan,
                        format!("register `{reg}` has the name of a location"),
                    );
                }
            } else {
                return err(
                    self.file,
                    rspan,
                    format!("registers are assigned once, where they are declared: write `int {reg} = ...;`"),
                );
            }
            let op = if declared && self.is_punct(";") {
                Op::Local {
                    reg: reg.clone(),
                    val: Value::Const(0),
                }
            } else {
                self.expect_punct("=", "after the register")?;
                let is_call = matches!(&self.peek().tok, Tok::Ident(s) if s.starts_with("atomic_"));
                if is_call {
                    let (op, cspan) = self.call(params, scope)?;
                    let r = Some(reg.clone());
                    match op {
                        Op::Load { loc, ord, .. } => Op::Load {
                            reg: reg.clone(),
                            loc,
                            ord,
                        },
                        Op::Exchange { loc, val, ord, .. } => Op::Exchange {
                            reg: r,
                            loc,
                            val,
                            ord,
                        },
                        Op::FetchAdd { loc, val, ord, .. } => Op::FetchAdd {
                            reg: r,
                            loc,
                            val,
                            ord,
                        },
                        Op::CompareExchange {
                            loc,
                            expected,
                            desired,
                            success,
                            failure,
                            ..
                        } => {
                            if expected == reg {
                                return err(
                                    self.file,
                                    cspan,
                                    "the result register of a compare-exchange must differ from its expected-value register",
                                );
                            }
                            Op::CompareExchange {
                                reg: r,
                                loc,
                                expected,
                                desired,
                                success,
                                failure,
                            }
                        }
                        Op::Store { .. } | Op::Fence { .. } | Op::Local { .. } => {
                            return err(self.file, cspan, "this operation returns no value");
                        }
                    }
                } else {
                    let val = self.value_arg(scope)?;
                    Op::Local {
                        reg: reg.clone(),
                        val,
                    }
                }
            };
            if declared {
                scope.regs.push(reg);
            }
            op
        } else {
            let (op, cspan) = self.call(params, scope)?;
            if let Op::Load { .. } = op {
                return err(
                    self.file,
                    cspan,
                    "a load's value must be assigned to a register (`int r0 = atomic_load_explicit(...)`)",
                );
            }
            op
        };
        self.expect_punct(";", "after the statement")?;
        Ok(Stmt { op, span })
    }
}
