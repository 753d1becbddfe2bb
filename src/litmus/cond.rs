//! Parsing the clauses after the threads: `regions`, `locations` and the final condition.
//! Part of the parser (`parser.rs`), split off so each file has one job.
//!
//! This file is std-only: `build.rs` includes it.

use super::ast::*;
use super::lexer::Tok;
use super::parser::{err, ParseError, Parser, MAX_CONDITION_ATOMS};

impl Parser<'_> {
    /// A variable of the `locations` clause or the condition, checked against the threads.
    pub(crate) fn var(&mut self) -> Result<(Var, Span), ParseError> {
        let span = self.peek().span;
        self.atoms += 1;
        if self.atoms > MAX_CONDITION_ATOMS {
            return self.fail(format!(
                "the final condition is too long: at most {MAX_CONDITION_ATOMS} atoms"
            ));
        }
        let (v, span) = self.raw_var(span)?;
        match &v {
            Var::Reg { thread, reg } => {
                let Some(regs) = self.regs.get(*thread) else {
                    return err(self.file, span, format!("thread {thread} does not exist"));
                };
                if !regs.contains(reg) {
                    return err(
                        self.file,
                        span,
                        format!("register `{thread}:{reg}` is not defined by thread P{thread}"),
                    );
                }
            }
            Var::Loc(l) => {
                if !self.locs.contains(l) {
                    return err(self.file, span, format!("unknown location `{l}`"));
                }
            }
        }
        Ok((v, span))
    }

    fn raw_var(&mut self, span: Span) -> Result<(Var, Span), ParseError> {
        if let Tok::Int(t) = self.peek().tok {
            self.next();
            self.expect_punct(":", "between thread and register (`1:r0`)")?;
            let (reg, _) = self.ident("a register name")?;
            let thread = usize::try_from(t).unwrap_or(usize::MAX);
            Ok((Var::Reg { thread, reg }, span))
        } else if self.is_punct("[") {
            self.next();
            let (l, _) = self.ident("a location name")?;
            self.expect_punct("]", "after the location")?;
            Ok((Var::Loc(l), span))
        } else {
            let (l, _) = self.ident("a register `T:r` or a location")?;
            Ok((Var::Loc(l), span))
        }
    }

    /// herd7's `regions: x:NAME ...` (region names for its bell models; kept, not modelled).
    pub(crate) fn regions(&mut self) -> Result<Vec<(String, String)>, ParseError> {
        self.next(); // `regions`
        self.expect_punct(":", "after `regions`")?;
        let mut out = Vec::new();
        while let (Tok::Ident(_), Tok::Punct(":")) = (&self.peek().tok, self.peek_at(1)) {
            let (l, span) = self.ident("a location")?;
            if !self.locs.contains(&l) {
                return err(self.file, span, format!("unknown location `{l}`"));
            }
            self.next(); // `:`
            let (r, _) = self.ident("a region name")?;
            out.push((l, r));
        }
        Ok(out)
    }

    pub(crate) fn locations(&mut self) -> Result<Vec<Var>, ParseError> {
        self.next(); // `locations`
        self.expect_punct("[", "after `locations`")?;
        let mut out = Vec::new();
        while !self.is_punct("]") {
            let (v, _) = self.var()?;
            out.push(v);
            if !self.is_punct("]") {
                self.expect_punct(";", "after a location")?;
            }
        }
        self.next();
        Ok(out)
    }

    pub(crate) fn condition(&mut self) -> Result<Condition, ParseError> {
        let span = self.peek().span;
        let quant = if self.is_punct("~") {
            self.next();
            if !self.is_ident("exists") {
                return self.fail("expected `exists` after `~`");
            }
            self.next();
            Quantifier::NotExists
        } else if self.is_ident("exists") {
            self.next();
            Quantifier::Exists
        } else if self.is_ident("forall") {
            self.next();
            Quantifier::Forall
        } else {
            let found = self.peek().tok.to_string();
            return self.fail(format!(
                "expected the final condition (`exists`, `~exists` or `forall`), found {found}"
            ));
        };
        let prop = self.prop_disj(0)?;
        Ok(Condition { quant, prop, span })
    }

    fn prop_disj(&mut self, depth: usize) -> Result<Prop, ParseError> {
        let mut p = self.prop_conj(depth)?;
        while self.is_punct("\\/") {
            self.next();
            let q = self.prop_conj(depth)?;
            p = Prop::Or(Box::new(p), Box::new(q));
        }
        Ok(p)
    }

    fn prop_conj(&mut self, depth: usize) -> Result<Prop, ParseError> {
        let mut p = self.prop_unary(depth)?;
        while self.is_punct("/\\") {
            self.next();
            let q = self.prop_unary(depth)?;
            p = Prop::And(Box::new(p), Box::new(q));
        }
        Ok(p)
    }

    fn prop_unary(&mut self, depth: usize) -> Result<Prop, ParseError> {
        if depth > 64 {
            return self.fail("condition nested too deeply");
        }
        if self.is_punct("~") {
            self.next();
            return Ok(Prop::Not(Box::new(self.prop_unary(depth + 1)?)));
        }
        if self.is_punct("(") {
            self.next();
            let p = self.prop_disj(depth + 1)?;
            self.expect_punct(")", "to close `(`")?;
            return Ok(p);
        }
        // `true` / `false` are constants unless they name a location (`true=1`).
        let is_atom = matches!(self.peek_at(1), Tok::Punct("=" | "!="));
        if self.is_ident("true") && !is_atom {
            self.next();
            return Ok(Prop::True);
        }
        if self.is_ident("false") && !is_atom {
            self.next();
            return Ok(Prop::False);
        }
        let (v, _) = self.var()?;
        if self.is_punct("!=") {
            self.next();
            let (k, _) = self.int("an integer")?;
            return Ok(Prop::Not(Box::new(Prop::Eq(v, k))));
        }
        self.expect_punct("=", "in the condition (`1:r0=1`)")?;
        let (k, _) = self.int("an integer")?;
        Ok(Prop::Eq(v, k))
    }
}
