//! A parser for herd7's C litmus syntax, as far as the lab can run and model it.
//!
//! ```text
//! C MP+rel+acq
//! "optional doc string"
//! Generator=diyone7 (version 7.58+1)     (optional `Key=value` lines)
//! { [x] = 0; y = 0; int z = 1; }
//! P0(atomic_int* x, volatile int* y) {
//!   *y = 1;
//!   atomic_store_explicit(x, 1, memory_order_release);
//! }
//! P1(atomic_int* x, volatile int* y) {
//!   int r0 = atomic_load_explicit(x, memory_order_acquire);
//!   if (r0 == 1) { int r1 = *y; }
//! }
//! locations [x;]            (optional)
//! exists (1:r0=1 /\ 1:r1=0) (optional: `forall (true)` when absent)
//! ```
//!
//! Every error carries the file name, line and column (`FILE:LINE:COL: message`), and a
//! construct of herd7 the lab leaves out is named. The parser never panics, whatever the
//! input. This file (with `lexer.rs`, `stmt.rs`, `cond.rs`) is std-only: `build.rs` includes
//! it.

use super::ast::*;
use super::check::{self, Scope, VALUE_RANGE};
use super::lexer::{lex, Tok, Token};
use std::fmt;

#[allow(unused_imports)]
pub use super::check::MAX_STMTS_PER_THREAD;

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

/// At most this many atoms in a final condition (and `locations` clause).
pub const MAX_CONDITION_ATOMS: usize = 256;

/// Integer types of herd7 wider than the lab's 32-bit locations.
const WIDE_TYPES: [&str; 4] = ["__int128_t", "__uint128_t", "__int128", "int128_t"];

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
        params: Vec::new(),
        scope: Scope::new(),
        count: 0,
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
    /// While reading a thread: its parameters, the registers in scope, its statements so far.
    pub(crate) params: Vec<String>,
    pub(crate) scope: Scope,
    pub(crate) count: usize,
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

    /// Refuse a 128-bit type with a message naming herd7's extension.
    pub(crate) fn refuse_wide(&self, ty: &str, span: Span) -> Result<(), ParseError> {
        if WIDE_TYPES.contains(&ty) {
            return err(
                self.file,
                span,
                format!(
                    "128-bit integer type `{ty}` (herd7's `Variant=S128` extension) is not \
                     supported: the lab's locations are 32-bit `atomic_int`s"
                ),
            );
        }
        if ty == "atomic_t" {
            return err(
                self.file,
                span,
                "`atomic_t` (a Linux-kernel type, herd7's LKMM dialect) is not supported",
            );
        }
        Ok(())
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
        let mut meta = Vec::new();
        while let Tok::Meta(k, v) = &self.peek().tok {
            if k == "Variant" {
                return self.fail(format!(
                    "`Variant={v}` (herd7's model variants, e.g. S128 for 128-bit values) is \
                     not supported"
                ));
            }
            meta.push((k.clone(), v.clone()));
            self.next();
        }
        let init = self.init()?;
        let mut threads = Vec::new();
        while let Tok::Ident(s) = &self.peek().tok {
            if matches!(
                s.as_str(),
                "locations" | "exists" | "forall" | "regions" | "filter"
            ) {
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
            .flat_map(|t| t.params.iter().map(|p| p.name.clone()))
            .chain(init.iter().map(|(l, _)| l.clone()))
            .collect();
        let regions = if self.is_ident("regions") {
            self.regions()?
        } else {
            Vec::new()
        };
        let locations = if self.is_ident("locations") {
            self.locations()?
        } else {
            Vec::new()
        };
        if self.is_ident("filter") {
            return self.fail("herd7's `filter` clause is not supported");
        }
        let cond = if matches!(self.peek().tok, Tok::Eof) {
            // herd7 reads a missing condition as `forall (true)`.
            Condition {
                quant: Quantifier::Forall,
                prop: Prop::True,
                span: self.peek().span,
            }
        } else {
            self.condition()?
        };
        if !matches!(self.peek().tok, Tok::Eof) {
            let found = self.peek().tok.to_string();
            return self.fail(format!("unexpected {found} after the final condition"));
        }
        Ok(Test {
            name,
            doc,
            meta,
            init,
            threads,
            locations,
            regions,
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
            if let Tok::Int(_) = self.peek().tok {
                return self.fail("initial values of registers (`0:r0 = 1`) are not supported");
            }
            // `[x] = v;`, `*x = v;`, `x = v;`, `int x = v;`, `int x;`, `atomic_int x = v;`
            let mut typed = false;
            let loc = if self.is_punct("[") {
                self.next();
                let (l, _) = self.ident("a location name")?;
                self.expect_punct("]", "after the location")?;
                l
            } else if self.is_punct("*") {
                self.next();
                self.ident("a location name")?.0
            } else {
                let (mut a, mut aspan) = self.ident("a location name or `}`")?;
                while matches!(a.as_str(), "volatile" | "const" | "_Atomic")
                    && matches!(self.peek().tok, Tok::Ident(_))
                {
                    (a, aspan) = self.ident("a type")?;
                }
                self.refuse_wide(&a, aspan)?;
                if matches!(a.as_str(), "int" | "atomic_int") {
                    if self.is_punct("*") {
                        return self.fail("pointers in the initial state are not supported");
                    }
                    typed = true;
                    self.ident("a location name")?.0
                } else {
                    a
                }
            };
            let v = if typed && (self.is_punct(";") || self.is_punct("}")) {
                0
            } else {
                self.expect_punct("=", "in the initial state")?;
                self.int("an integer initial value")?.0
            };
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

    /// One parameter's type: `atomic_int*`, `int*`, `volatile int*`, `const int*` (the star
    /// may stand next to the name).
    fn param_type(&mut self) -> Result<ParamType, ParseError> {
        let (mut ty, mut span) = self.ident("a parameter type `atomic_int*`")?;
        let mut quals = Vec::new();
        while matches!(ty.as_str(), "volatile" | "const" | "_Atomic") {
            quals.push(ty);
            (ty, span) = self.ident("a parameter type")?;
        }
        self.refuse_wide(&ty, span)?;
        let q: Vec<&str> = quals.iter().map(String::as_str).collect();
        let t = match (q.as_slice(), ty.as_str()) {
            ([], "atomic_int") | (["volatile"], "atomic_int") | (["_Atomic"], "int") => {
                ParamType::AtomicInt
            }
            ([], "int") => ParamType::Int,
            (["volatile"], "int") => ParamType::VolatileInt,
            (["const"], "int") => ParamType::ConstInt,
            _ => {
                let full = q.iter().chain([&ty.as_str()]).copied().collect::<Vec<_>>();
                return err(
                    self.file,
                    span,
                    format!(
                        "unsupported parameter type `{}*`: locations are `atomic_int*`, \
                         `int*`, `volatile int*` or `const int*`",
                        full.join(" ")
                    ),
                );
            }
        };
        self.expect_punct("*", &format!("after `{ty}` (parameters are pointers)"))?;
        if self.is_punct("*") {
            return self.fail("pointers to pointers are not supported");
        }
        Ok(t)
    }

    fn thread(&mut self, expected_index: usize) -> Result<Thread, ParseError> {
        if self.is_ident("void") {
            self.next();
        }
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
        let mut params: Vec<Param> = Vec::new();
        while !self.is_punct(")") {
            let ty = self.param_type()?;
            let (p, pspan) = self.ident("a parameter name")?;
            if params.iter().any(|q| q.name == p) {
                return err(self.file, pspan, format!("parameter `{p}` listed twice"));
            }
            params.push(Param { name: p, ty });
            if !self.is_punct(")") {
                self.expect_punct(",", "between parameters")?;
            }
        }
        self.next();
        self.params = params.iter().map(|p| p.name.clone()).collect();
        self.scope = Scope::new();
        self.count = 0;
        let open = self.expect_punct("{", "to open the thread body")?;
        let body = self.block(index, open, 0)?;
        Ok(Thread {
            index,
            params,
            body,
            span,
        })
    }

    /// Statements up to the `}` that closes the block opened at `open` (consumed).
    pub(crate) fn block(
        &mut self,
        thread: usize,
        open: Span,
        depth: usize,
    ) -> Result<Vec<Stmt>, ParseError> {
        let mut body = Vec::new();
        while !self.is_punct("}") {
            if matches!(self.peek().tok, Tok::Eof) {
                let what = if depth == 0 {
                    format!("unterminated body of thread P{thread}: expected `}}`")
                } else {
                    format!(
                        "unterminated block opened at {}:{}: expected `}}`",
                        open.line, open.col
                    )
                };
                return self.fail(what);
            }
            if self.is_punct(";") {
                self.next();
                continue;
            }
            self.stmts(thread, depth, &mut body)?;
        }
        self.next();
        Ok(body)
    }
}

#[cfg(test)]
#[path = "parser_tests.rs"]
mod tests;
