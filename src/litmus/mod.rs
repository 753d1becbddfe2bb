//! Litmus tests in herd7's C syntax: the AST, the parser, the printer.

pub mod ast;
pub mod build;
pub mod parse;
pub mod print;

pub use ast::*;

pub use parse::{parse, parse_bytes, ParseError};
pub use print::print;
