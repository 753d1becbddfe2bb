//! Litmus tests in herd7's C syntax: the one [`Test`] type ([`ast`]), the lexer and parser
//! (`FILE:LINE:COL` errors, never a panic), the printer, and a builder for tests written in
//! code.

pub mod ast;
pub mod build;
pub mod check;
mod cond;
mod expr;
mod exprp;
pub mod gen;
mod lexer;
mod parser;
mod print;
mod stmt;

pub use ast::*;

pub use lexer::line_col;
pub use parser::{
    parse, parse_bytes, ParseError, MAX_CONDITION_ATOMS, MAX_STMTS_PER_THREAD, MAX_THREADS,
};
pub use print::{print, print_op};
