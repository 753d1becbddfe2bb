//! Parsing expressions: C's operators by precedence (`litmus::BinOp::prec`), unary `-` and
//! `!`, parentheses, constants, registers in scope, and loads (`*x`,
//! `atomic_load_explicit(x, o)`, `atomic_load(x)`). Part of the parser (`parser.rs`).
//!
//! This file is std-only: `build.rs` includes it.

use super::ast::*;
use super::check::{MAX_DEPTH, VALUE_RANGE};
use super::lexer::Tok;
use super::parser::{err, ParseError, Parser};

/// The binary operator a punctuation token spells, if any.
fn binop(t: &Tok) -> Option<BinOp> {
    let Tok::Punct(p) = t else { return None };
    BinOp::ALL.into_iter().find(|o| o.symbol() == *p)
}

impl Parser<'_> {
    /// An expression (`depth` counts the nesting so far).
    pub(crate) fn expr(&mut self, depth: usize) -> Result<Expr, ParseError> {
        self.binary(0, depth)
    }

    fn deeper(&self, depth: usize) -> Result<usize, ParseError> {
        if depth >= MAX_DEPTH {
            self.fail(format!(
                "expression nested too deeply (at most {MAX_DEPTH})"
            ))
        } else {
            Ok(depth + 1)
        }
    }

    /// Precedence climbing: operators binding at least as tightly as `min`.
    fn binary(&mut self, min: u8, depth: usize) -> Result<Expr, ParseError> {
        let depth = self.deeper(depth)?;
        let mut lhs = self.unary(depth)?;
        while let Some(op) = binop(&self.peek().tok).filter(|o| o.prec() >= min) {
            let at = self.next().span;
            let rhs = self.binary(op.prec() + 1, depth)?;
            if op.short_circuits() && rhs.has_load() {
                return err(
                    self.file,
                    at,
                    format!(
                        "a load on the right of `{}` is not supported: C would make it only \
                         sometimes; load into a register first",
                        op.symbol()
                    ),
                );
            }
            lhs = Expr::bin(op, lhs, rhs);
        }
        Ok(lhs)
    }

    fn unary(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let depth = self.deeper(depth)?;
        if self.is_punct("-") {
            if let Tok::Int(_) = self.peek_at(1) {
                return Ok(Expr::Const(self.int("an integer")?.0));
            }
            self.next();
            return Ok(Expr::Unary(UnOp::Neg, Box::new(self.unary(depth)?)));
        }
        if self.is_punct("!") {
            self.next();
            return Ok(Expr::Unary(UnOp::Not, Box::new(self.unary(depth)?)));
        }
        if self.is_punct("~") {
            return self.fail("bitwise `~` is not supported (write `x ^ -1`)");
        }
        self.primary(depth)
    }

    fn primary(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let span = self.peek().span;
        match self.peek().tok.clone() {
            Tok::Int(v) => {
                self.next();
                if !VALUE_RANGE.contains(&v) {
                    return err(
                        self.file,
                        span,
                        format!("value {v} does not fit an atomic_int (32-bit)"),
                    );
                }
                Ok(Expr::Const(v))
            }
            Tok::Punct("(") => {
                self.next();
                let e = self.expr(depth)?;
                self.expect_punct(")", "to close `(`")?;
                Ok(e)
            }
            Tok::Punct("*") => {
                self.next();
                if let Tok::Ident(r) = &self.peek().tok {
                    if self.scope.visible(r) {
                        return self.fail(format!(
                            "`{r}` is a register: pointers in registers are not supported"
                        ));
                    }
                }
                let loc = self.location()?;
                Ok(Expr::Load { loc, ord: None })
            }
            Tok::Ident(name) if matches!(self.peek_at(1), Tok::Punct("(")) => {
                let base = name.trim_end_matches("_explicit");
                if base == "atomic_load" {
                    match self.call(Some(Dst {
                        reg: String::new(),
                        decl: false,
                    }))? {
                        Op::Assign { val, .. } => Ok(val),
                        _ => self.fail("expected a load"),
                    }
                } else if base.starts_with("atomic_") {
                    self.fail(format!(
                        "`{name}` inside an expression: a read-modify-write or store must be a \
                         statement of its own or the whole right-hand side (`int r = {name}(...);`)"
                    ))
                } else {
                    match super::stmt::refused(&name) {
                        Some(m) => self.fail(m),
                        None => self.fail(format!("unsupported function `{name}`")),
                    }
                }
            }
            Tok::Ident(r) => {
                if let Some(m) = super::stmt::refused(&r) {
                    self.fail(m)
                } else if self.scope.visible(&r) {
                    self.next();
                    Ok(Expr::Reg(r))
                } else if self.params.contains(&r) {
                    self.fail(format!(
                        "`{r}` is a location: read it with `*{r}` or `atomic_load_explicit({r}, ...)`"
                    ))
                } else {
                    self.fail(format!("undeclared register `{r}`"))
                }
            }
            other => {
                let found = other.to_string();
                self.fail(format!(
                    "expected a value (an integer, a register or a load), found {found}"
                ))
            }
        }
    }
}
