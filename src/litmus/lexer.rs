//! The lexer of herd7's C litmus syntax: tokens with their line and column.
//!
//! This file is std-only: `build.rs` includes it.

use super::ast::Span;
use super::parser::{err, ParseError};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    Ident(String),
    Int(i64),
    Str(String),
    /// The raw test name after `C` (diy names contain `+`, `.`, `-` ...).
    Name(String),
    /// A `Key=value` line before the initial state (diy7's `Generator=...`): key and value.
    Meta(String, String),
    /// Punctuation and operators: `{ } ( ) [ ] ; , = * & : ~ /\ \/ - + . ! != == && || | ^ <
    /// <= > >=`
    Punct(&'static str),
    Eof,
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Ident(s) => write!(f, "`{s}`"),
            Tok::Int(v) => write!(f, "`{v}`"),
            Tok::Str(_) => f.write_str("a string"),
            Tok::Name(s) => write!(f, "`{s}`"),
            Tok::Meta(k, _) => write!(f, "`{k}=`"),
            Tok::Punct(p) => write!(f, "`{p}`"),
            Tok::Eof => f.write_str("end of file"),
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub(crate) tok: Tok,
    pub(crate) span: Span,
}

/// Two-character operators, longest match first.
const TWO: [&str; 8] = ["/\\", "\\/", "!=", "==", "&&", "||", "<=", ">="];

/// The line and column just after `prefix`, lines ending at `\n`, `\r\n` or a lone `\r` (old
/// Mac files), as the lexer counts them.
pub fn line_col(prefix: &str) -> (u32, u32) {
    let lines = prefix.matches('\n').count() + prefix.matches('\r').count()
        - prefix.matches("\r\n").count();
    let last = prefix.rsplit(['\n', '\r']).next().unwrap_or("");
    (1 + lines as u32, 1 + last.chars().count() as u32)
}

pub(crate) fn lex(src: &str, file: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    let (mut line, mut col) = (1u32, 1u32);
    // Braces: the depth, and how many top-level blocks have closed (the initial state is the
    // first). Inside a thread body `(*x)` is C, not the start of a herd comment.
    let (mut depth, mut blocks) = (0usize, 0usize);
    // Advance over chars[i..j], updating line/col. A line ends at `\n`, `\r\n` or a lone `\r`
    // (see [`line_col`]).
    let advance = |i: &mut usize, n: usize, line: &mut u32, col: &mut u32| {
        for _ in 0..n {
            if *i < chars.len() {
                match chars[*i].1 {
                    '\n' if *i > 0 && chars[*i - 1].1 == '\r' => {}
                    '\n' | '\r' => {
                        *line += 1;
                        *col = 1;
                    }
                    _ => *col += 1,
                }
                *i += 1;
            }
        }
    };
    let peek = |i: usize| chars.get(i).map(|&(_, c)| c);
    while i < chars.len() {
        let c = chars[i].1;
        let span = Span { line, col };
        let after_c = out.len() == 1 && out[0].tok == Tok::Ident("C".to_string());
        if c.is_whitespace() {
            advance(&mut i, 1, &mut line, &mut col);
        } else if after_c && c != '"' && c != '{' {
            let mut s = String::new();
            while let Some(d) = peek(i).filter(|d| !d.is_whitespace() && *d != '"' && *d != '{') {
                s.push(d);
                advance(&mut i, 1, &mut line, &mut col);
            }
            out.push(Token {
                tok: Tok::Name(s),
                span,
            });
        } else if c == '(' && peek(i + 1) == Some('*') && !(depth > 0 && blocks > 0) {
            // herd comment, nestable like OCaml's.
            let mut depth = 0usize;
            loop {
                match (peek(i), peek(i + 1)) {
                    (Some('('), Some('*')) => {
                        depth += 1;
                        advance(&mut i, 2, &mut line, &mut col);
                    }
                    (Some('*'), Some(')')) => {
                        depth -= 1;
                        advance(&mut i, 2, &mut line, &mut col);
                        if depth == 0 {
                            break;
                        }
                    }
                    (Some(_), _) => advance(&mut i, 1, &mut line, &mut col),
                    (None, _) => return err(file, span, "unterminated comment `(*`"),
                }
            }
        } else if c == '/' && peek(i + 1) == Some('/') {
            while peek(i).is_some_and(|c| c != '\n' && c != '\r') {
                advance(&mut i, 1, &mut line, &mut col);
            }
        } else if c == '/' && peek(i + 1) == Some('*') {
            advance(&mut i, 2, &mut line, &mut col);
            loop {
                match (peek(i), peek(i + 1)) {
                    (Some('*'), Some('/')) => {
                        advance(&mut i, 2, &mut line, &mut col);
                        break;
                    }
                    (Some(_), _) => advance(&mut i, 1, &mut line, &mut col),
                    (None, _) => return err(file, span, "unterminated comment `/*`"),
                }
            }
        } else if c == '"' {
            advance(&mut i, 1, &mut line, &mut col);
            let mut s = String::new();
            loop {
                match peek(i) {
                    Some('"') => {
                        advance(&mut i, 1, &mut line, &mut col);
                        break;
                    }
                    Some(c) => {
                        s.push(c);
                        advance(&mut i, 1, &mut line, &mut col);
                    }
                    None => return err(file, span, "unterminated string"),
                }
            }
            out.push(Token {
                tok: Tok::Str(s),
                span,
            });
        } else if c.is_ascii_digit() {
            let mut s = String::new();
            while let Some(d) = peek(i).filter(|d| d.is_ascii_alphanumeric() || *d == '_') {
                s.push(d);
                advance(&mut i, 1, &mut line, &mut col);
            }
            let v = if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
                i64::from_str_radix(hex, 16).ok()
            } else {
                s.parse::<i64>().ok()
            };
            match v {
                Some(v) => out.push(Token {
                    tok: Tok::Int(v),
                    span,
                }),
                None => return err(file, span, format!("bad integer `{s}`")),
            }
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut s = String::new();
            while let Some(d) = peek(i).filter(|d| d.is_ascii_alphanumeric() || *d == '_') {
                s.push(d);
                advance(&mut i, 1, &mut line, &mut col);
            }
            // `Key=value` on a line of its own before the initial state: metadata.
            let first_on_line = out.last().is_none_or(|t| t.span.line < span.line);
            let before_init = blocks == 0 && depth == 0 && out.len() >= 2;
            if before_init && first_on_line && peek(i) == Some('=') && peek(i + 1) != Some('=') {
                advance(&mut i, 1, &mut line, &mut col);
                let mut v = String::new();
                while let Some(d) = peek(i).filter(|d| *d != '\n') {
                    v.push(d);
                    advance(&mut i, 1, &mut line, &mut col);
                }
                out.push(Token {
                    tok: Tok::Meta(s, v.trim().to_string()),
                    span,
                });
                continue;
            }
            out.push(Token {
                tok: Tok::Ident(s),
                span,
            });
        } else {
            let two: String = [Some(c), peek(i + 1)].iter().flatten().collect();
            let p: &'static str = match TWO.iter().find(|t| **t == two) {
                Some(t) => t,
                None => match c {
                    '{' => "{",
                    '}' => "}",
                    '(' => "(",
                    ')' => ")",
                    '[' => "[",
                    ']' => "]",
                    ';' => ";",
                    ',' => ",",
                    '=' => "=",
                    '*' => "*",
                    '&' => "&",
                    ':' => ":",
                    '~' => "~",
                    '-' => "-",
                    '+' => "+",
                    '.' => ".",
                    '!' => "!",
                    '|' => "|",
                    '^' => "^",
                    '<' => "<",
                    '>' => ">",
                    _ => return err(file, span, format!("unexpected character `{c}`")),
                },
            };
            advance(&mut i, p.chars().count(), &mut line, &mut col);
            match p {
                "{" => depth += 1,
                "}" if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        blocks += 1;
                    }
                }
                _ => {}
            }
            out.push(Token {
                tok: Tok::Punct(p),
                span,
            });
        }
    }
    out.push(Token {
        tok: Tok::Eof,
        span: Span { line, col },
    });
    Ok(out)
}
