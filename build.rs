//! Build script: turns every litmus file of `litmus/` into Rust thread functions
//! (`build/codegen.rs`) and assembles the hand-written asm kernels of `asm/<arch>/`
//! (`build/kernels.rs`).

#[path = "src/litmus/ast.rs"]
#[allow(dead_code)]
mod ast;
#[path = "src/litmus/check.rs"]
#[allow(dead_code)]
mod check;
#[path = "src/litmus/cond.rs"]
#[allow(dead_code)]
mod cond;
#[path = "src/litmus/expr.rs"]
#[allow(dead_code)]
mod expr;
#[path = "src/litmus/exprp.rs"]
#[allow(dead_code)]
mod exprp;
#[path = "src/litmus/lexer.rs"]
#[allow(dead_code)]
mod lexer;
#[path = "src/litmus/parser.rs"]
#[allow(dead_code)]
mod parser;
#[path = "src/litmus/stmt.rs"]
#[allow(dead_code)]
mod stmt;

#[path = "build/codegen.rs"]
mod codegen;
#[path = "build/kernels.rs"]
mod kernels;

fn main() {
    codegen::main();
    kernels::main();
}
