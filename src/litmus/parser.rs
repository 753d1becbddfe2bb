//! A parser for the subset of herd7's C litmus syntax that the lab can run and model.
//!
//! ```text
//! C MP+rel+acq
//! "optional doc string"
//! { [x] = 0; y = 0; }
//! P0(atomic_int* x, atomic_int* y) {
//!   atomic_store_explicit(x, 1, memory_order_relaxed);
//!   atomic_store_explicit(y, 1, memory_order_release);
//! }
//! P1(atomic_int* x, atomic_int* y) {
//!   int r0 = atomic_load_explicit(y, memory_order_acquire);
//!   int r1 = atomic_load_explicit(x, memory_order_relaxed);
//! }
//! locations [x;]            (optional)
//! exists (1:r0=1 /\ 1:r1=0)
//! ```
//!
//! Every error carries the file name, line and column (`FILE:LINE:COL: message`). The parser
//! never panics, whatever the input. This file is std-only: `build.rs` includes it.

use super::ast::*;
use super::check::{self, VALUE_RANGE};
use super::lexer::{lex, Tok, Token};
use std::fmt;

/// A parse error with its location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

impl std::error::Error for ParseError {}

/// A parse error at `span`.
pub(crate) fn err<T>(file: &str, span: Span, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        file: file.to_string(),
        line: span.line,
        col: span.col,
        message: message.into(),
    })
}

/// Upper bounds that keep every later stage (codegen, model checker) well inside its limits.
pub const MAX_THREADS: usize = 16;
pub const MAX_STMTS_PER_THREAD: usize = 64;

/// Parse a litmus file given as raw bytes (reports invalid UTF-8 with its position).
pub fn parse_bytes(bytes: &[u8], file: &str) -> Result<Test, ParseError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => parse(s, file),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // `valid_up_to` ends on a char boundary, so this prefix is valid UTF-8.
            let prefix = std::str::from_utf8(good).unwrap_or("");
            let (line, col) = super::lexer::line_col(prefix);
            Err(ParseError {
                file: file.to_string(),
                line,
                col,
                message: "invalid UTF-8 in litmus file".to_string(),
            })
        }
    }
}

/// Parse a litmus test. `file` names the source in error messages.
pub fn parse(src: &str, file: &str) -> Result<Test, ParseError> {
    let toks = lex(src, file)?;
    let mut p = Parser {
        file,
        toks,
        pos: 0,
        regs: Vec::new(),
        locs: Vec::new(),
        atoms: 0,
    };
    let t = p.test()?;
    // Everything the parser accepted obeys the semantic rules; this is their one definition.
    check::test(&t).map_err(|e| ParseError {
        file: file.to_string(),
        line: e.span.line.max(1),
        col: e.span.col.max(1),
        message: e.message,
    })?;
    Ok(t)
}

pub(crate) struct Parser<'a> {
    pub(crate) file: &'a str,
    pub(crate) toks: Vec<Token>,
    pub(crate) pos: usize,
    /// After the threads: each thread's registers, and every known location.
    pub(crate) regs: Vec<Vec<String>>,
    pub(crate) locs: Vec<String>,
    /// Atoms read so far in the `locations` clause and the condition.
    pub(crate) atoms: usize,
}

/// At most this many atoms in a final condition (and `locations` clause).
pub const MAX_CONDITION_ATOMS: usize = 256;

/// Per-thread declared registers while parsing a body.
pub(crate) struct Scope {
    pub(crate) regs: Vec<String>,
}

impl<'a> Parser<'a> {
    pub(crate) fn peek(&self) -> &Token {
        // The token list always ends with Eof and `pos` never passes it.
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    pub(crate) fn peek_at(&self, k: usize) -> &Tok {
        &self.toks[(self.pos + k).min(self.toks.len() - 1)].tok
    }

    pub(crate) fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    pub(crate) fn fail<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        err(self.file, self.peek().span, message)
    }

    pub(crate) fn is_punct(&self, p: &str) -> bool {
        matches!(&self.peek().tok, Tok::Punct(q) if *q == p)
    }

    pub(crate) fn is_ident(&self, s: &str) -> bool {
        matches!(&self.peek().tok, Tok::Ident(q) if q == s)
    }

    pub(crate) fn expect_punct(&mut self, p: &str, what: &str) -> Result<Span, ParseError> {
        if self.is_punct(p) {
            Ok(self.next().span)
        } else {
            let found = self.peek().tok.to_string();
            self.fail(format!("expected `{p}` {what}, found {found}"))
        }
    }

    pub(crate) fn ident(&mut self, what: &str) -> Result<(String, Span), ParseError> {
        match &self.peek().tok {
            Tok::Ident(s) => {
                let s = s.clone();
                let span = self.next().span;
                Ok((s, span))
            }
            other => {
                let found = other.to_string();
                self.fail(format!("expected {what}, found {found}"))
            }
        }
    }

    /// An integer literal, possibly negative.
    pub(crate) fn int(&mut self, what: &str) -> Result<(i64, Span), ParseError> {
        let span = self.peek().span;
        let neg = if self.is_punct("-") {
            self.next();
            true
        } else {
            false
        };
        match self.peek().tok {
            Tok::Int(v) => {
                self.next();
                let v = if neg { -v } else { v };
                if !VALUE_RANGE.contains(&v) {
                    return err(
                        self.file,
                        span,
                        format!("value {v} does not fit an atomic_int (32-bit)"),
                    );
                }
                Ok((v, span))
            }
            ref other => {
                let found = other.to_string();
                self.fail(format!("expected {what}, found {found}"))
            }
        }
    }

    fn test(&mut self) -> Result<Test, ParseError> {
        if matches!(self.peek().tok, Tok::Eof) {
            return self.fail("empty litmus file: expected `C NAME`");
        }
        match &self.peek().tok {
            Tok::Ident(s) if s == "C" => {
                self.next();
            }
            Tok::Ident(s) => {
                let s = s.clone();
                return self.fail(format!(
                    "expected `C` (only C litmus tests are supported), found architecture `{s}`"
                ));
            }
            other => {
                let found = other.to_string();
                return self.fail(format!("expected `C NAME`, found {found}"));
            }
        }
        let name = self.test_name()?;
        let doc = if let Tok::Str(s) = &self.peek().tok {
            let s = s.clone();
            self.next();
            Some(s)
        } else {
            None
        };
        let init = self.init()?;
        let mut threads = Vec::new();
        while let Tok::Ident(s) = &self.peek().tok {
            if s == "locations" || s == "exists" || s == "forall" {
                break;
            }
            threads.push(self.thread(threads.len())?);
        }
        if threads.is_empty() {
            return self.fail("expected a thread `P0(...) { ... }`");
        }
        self.regs = threads.iter().map(Thread::registers).collect();
        self.locs = threads
            .iter()
            .flat_map(|t| t.params.iter().cloned())
            .chain(init.iter().map(|(l, _)| l.clone()))
            .collect();
        let locations = if self.is_ident("locations") {
            self.locations()?
        } else {
            Vec::new()
        };
        let cond = self.condition()?;
        if !matches!(self.peek().tok, Tok::Eof) {
            let found = self.peek().tok.to_string();
            return self.fail(format!("unexpected {found} after the final condition"));
        }
        Ok(Test {
            name,
            doc,
            init,
            threads,
            locations,
            cond,
        })
    }

    /// The test name: the raw text after `C` up to the next whitespace.
    fn test_name(&mut self) -> Result<String, ParseError> {
        match &self.peek().tok {
            Tok::Name(s) => {
                let s = s.clone();
                self.next();
                Ok(s)
            }
            _ => self.fail("expected a test name after `C`"),
        }
    }

    fn init(&mut self) -> Result<Vec<(String, i64)>, ParseError> {
        self.expect_punct("{", "to open the initial state")?;
        let mut init: Vec<(String, i64)> = Vec::new();
        while !self.is_punct("}") {
            let span = self.peek().span;
            // `[x] = v;`, `*x = v;`, `x = v;`, `int x = v;`, `atomic_int x = v;`
            let loc = if self.is_punct("[") {
                self.next();
                let (l, _) = self.ident("a location name")?;
                self.expect_punct("]", "after the location")?;
                l
            } else if self.is_punct("*") {
                self.next();
                self.ident("a location name")?.0
            } else {
                let (a, _) = self.ident("a location name or `}`")?;
                if (a == "int" || a == "atomic_int") && matches!(self.peek().tok, Tok::Ident(_)) {
                    self.ident("a location name")?.0
                } else {
                    a
                }
            };
            self.expect_punct("=", "in the initial state")?;
            let (v, _) = self.int("an integer initial value")?;
            if init.iter().any(|(l, _)| *l == loc) {
                return err(
                    self.file,
                    span,
                    format!("location `{loc}` initialised twice"),
                );
            }
            init.push((loc, v));
            if !self.is_punct("}") {
                self.expect_punct(";", "after an initial value")?;
            }
        }
        self.next();
        Ok(init)
    }

    fn thread(&mut self, expected_index: usize) -> Result<Thread, ParseError> {
        let (pname, span) = self.ident("a thread `P0(...)`")?;
        let index = pname
            .strip_prefix('P')
            .filter(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
            .and_then(|d| d.parse::<usize>().ok());
        let Some(index) = index else {
            return err(
                self.file,
                span,
                format!("expected a thread name `P{expected_index}`, found `{pname}`"),
            );
        };
        if index != expected_index {
            return err(
                self.file,
                span,
                format!("threads must be numbered in order: expected `P{expected_index}`, found `{pname}`"),
            );
        }
        if index >= MAX_THREADS {
            return err(
                self.file,
                span,
                format!("too many threads: at most {MAX_THREADS} are supported"),
            );
        }
        self.expect_punct("(", "to open the thread's parameters")?;
        let mut params: Vec<String> = Vec::new();
        while !self.is_punct(")") {
            let (ty, tspan) = self.ident("a parameter type `atomic_int*`")?;
            let ty = if ty == "volatile" || ty == "_Atomic" {
                self.ident("a parameter type")?.0
            } else {
                ty
            };
            if ty != "atomic_int" {
                return err(
                    self.file,
                    tspan,
                    format!("unsupported parameter type `{ty}`: only `atomic_int*` locations are supported"),
                );
            }
            self.expect_punct("*", "after `atomic_int` (parameters are pointers)")?;
            let (p, pspan) = self.ident("a parameter name")?;
            if params.contains(&p) {
                return err(self.file, pspan, format!("parameter `{p}` listed twice"));
            }
            params.push(p);
            if !self.is_punct(")") {
                self.expect_punct(",", "between parameters")?;
            }
        }
        self.next();
        self.expect_punct("{", "to open the thread body")?;
        let mut scope = Scope { regs: Vec::new() };
        let mut body = Vec::new();
        while !self.is_punct("}") {
            if matches!(self.peek().tok, Tok::Eof) {
                return self.fail(format!(
                    "unterminated body of thread P{index}: expected `}}`"
                ));
            }
            if body.len() >= MAX_STMTS_PER_THREAD {
                return self.fail(format!(
                    "thread P{index} is too long: at most {MAX_STMTS_PER_THREAD} statements"
                ));
            }
            body.push(self.stmt(&params, &mut scope)?);
        }
        self.next();
        Ok(Thread {
            index,
            params,
            body,
            span,
        })
    }

    /// A variable of the `locations` clause or the condition, checked against the threads.
    fn var(&mut self) -> Result<(Var, Span), ParseError> {
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

    fn locations(&mut self) -> Result<Vec<Var>, ParseError> {
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

    fn condition(&mut self) -> Result<Condition, ParseError> {
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
        let prop = self.disj(0)?;
        Ok(Condition { quant, prop, span })
    }

    fn disj(&mut self, depth: usize) -> Result<Prop, ParseError> {
        let mut p = self.conj(depth)?;
        while self.is_punct("\\/") {
            self.next();
            let q = self.conj(depth)?;
            p = Prop::Or(Box::new(p), Box::new(q));
        }
        Ok(p)
    }

    fn conj(&mut self, depth: usize) -> Result<Prop, ParseError> {
        let mut p = self.unary(depth)?;
        while self.is_punct("/\\") {
            self.next();
            let q = self.unary(depth)?;
            p = Prop::And(Box::new(p), Box::new(q));
        }
        Ok(p)
    }

    fn unary(&mut self, depth: usize) -> Result<Prop, ParseError> {
        if depth > 64 {
            return self.fail("condition nested too deeply");
        }
        if self.is_punct("~") {
            self.next();
            return Ok(Prop::Not(Box::new(self.unary(depth + 1)?)));
        }
        if self.is_punct("(") {
            self.next();
            let p = self.disj(depth + 1)?;
            self.expect_punct(")", "to close `(`")?;
            return Ok(p);
        }
        // `true` / `false` are constants unless they name a location (`true=1`).
        let is_atom = matches!(self.peek_at(1), Tok::Punct("="));
        if self.is_ident("true") && !is_atom {
            self.next();
            return Ok(Prop::True);
        }
        if self.is_ident("false") && !is_atom {
            self.next();
            return Ok(Prop::False);
        }
        let (v, _) = self.var()?;
        self.expect_punct("=", "in the condition (`1:r0=1`)")?;
        let (k, _) = self.int("an integer")?;
        Ok(Prop::Eq(v, k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MP: &str = "C MP+rel+acq\n\"doc\"\n{ [x] = 0; y = 0; }\n\
        P0(atomic_int* x, atomic_int* y) {\n\
          atomic_store_explicit(x, 1, memory_order_relaxed);\n\
          atomic_store_explicit(y, 1, memory_order_release);\n}\n\
        P1(atomic_int* x, atomic_int* y) {\n\
          int r0 = atomic_load_explicit(y, memory_order_acquire);\n\
          int r1 = atomic_load_explicit(x, memory_order_relaxed);\n}\n\
        exists (1:r0=1 /\\ 1:r1=0)\n";

    #[test]
    fn parses_message_passing() {
        let t = parse(MP, "mp.litmus").unwrap();
        assert_eq!(t.name, "MP+rel+acq");
        assert_eq!(t.doc.as_deref(), Some("doc"));
        assert_eq!(t.threads.len(), 2);
        assert_eq!(
            t.threads[1].body[0].op,
            Op::Load {
                reg: "r0".into(),
                loc: "y".into(),
                ord: MemOrder::Acquire
            }
        );
        assert_eq!(t.cond.quant, Quantifier::Exists);
        assert_eq!(t.observables().len(), 2);
    }

    #[test]
    fn print_round_trips() {
        let t = parse(MP, "mp.litmus").unwrap();
        let again = parse(&crate::litmus::print(&t), "printed").unwrap();
        assert_eq!(t.name, again.name);
        assert_eq!(t.init, again.init);
        assert_eq!(t.cond.prop, again.cond.prop);
        let ops = |t: &Test| -> Vec<Op> {
            t.threads
                .iter()
                .flat_map(|th| th.body.iter().map(|s| s.op.clone()))
                .collect()
        };
        assert_eq!(ops(&t), ops(&again));
    }

    #[test]
    fn names_with_digits_and_dots() {
        let src = MP.replace("MP+rel+acq", "2+2W+fence.sc+po");
        assert_eq!(parse(&src, "f").unwrap().name, "2+2W+fence.sc+po");
    }

    #[test]
    fn errors_carry_line_and_column() {
        let bad = MP.replace("memory_order_acquire", "memory_order_acquir");
        let e = parse(&bad, "mp.litmus").unwrap_err();
        assert_eq!((e.line, e.col), (9, 34), "{e}");
        assert!(e
            .to_string()
            .starts_with("mp.litmus:9:34: unknown memory order"));
        let e = parse(
            &MP.replace(
                "(x, 1, memory_order_relaxed);",
                "(x, 1, memory_order_relaxed)",
            ),
            "f",
        )
        .unwrap_err();
        assert_eq!(e.line, 6, "{e}");
        let e = parse("", "empty").unwrap_err();
        assert_eq!((e.line, e.col), (1, 1));
        let e = parse_bytes(b"C X\n{ \xff }", "bytes").unwrap_err();
        assert_eq!((e.line, e.col), (2, 3));
    }

    #[test]
    fn rejects_orderings_rust_would_panic_on() {
        let bad = MP.replace(
            "load_explicit(y, memory_order_acquire)",
            "load_explicit(y, memory_order_release)",
        );
        assert!(parse(&bad, "f")
            .unwrap_err()
            .message
            .contains("a load cannot"));
        let bad = MP.replace(
            "(y, 1, memory_order_release)",
            "(y, 1, memory_order_acquire)",
        );
        assert!(parse(&bad, "f")
            .unwrap_err()
            .message
            .contains("a store cannot"));
    }

    #[test]
    fn never_panics_on_truncations() {
        for end in 0..MP.len() {
            if MP.is_char_boundary(end) {
                let _ = parse(&MP[..end], "t");
            }
        }
    }
}
