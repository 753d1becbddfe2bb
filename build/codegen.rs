//! Catalog codegen: every `litmus/**/*.litmus` file becomes a module of
//! `$OUT_DIR/catalog.rs` with one `#[inline(never)] pub fn pN` per thread on the includer's
//! `atomic` module, carrying exactly the file's operations and orderings (plain accesses as
//! Relaxed ones, expressions with wrapping `i32` arithmetic, `if`s as `if`s). The file ends with
//! `compiled_tests! { <module>, ... }`: each includer defines that macro to make its own glue.
//! `src/suite/catalog.rs` includes it on std atomics (the runner's catalog, whose functions the
//! asm check reads); `src/checkers/compiled.rs` includes the same file on loom's and on
//! shuttle's atomics, so the checkers run exactly the code the hardware runs. The differential corpus `tests/data/differential/` is compiled the same way into
//! `$OUT_DIR/differential.rs` (for `suite::differential`'s unit tests).
//!
//! A file that does not parse, or that std atomics cannot express (an ordering std rejects, a
//! value outside `i32`), fails the build with `FILE:LINE:COL: message`.

use crate::ast::{BinOp, Dst, Expected, Expr, MemOrder, Op, Stmt, Test, UnOp};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    corpus(
        &root,
        &root.join("litmus"),
        &out.join("catalog.rs"),
        "Every compiled catalog test",
    );
    // The differential tests' corpus (random tests of `litmus::gen`), compiled the same way for
    // the unit tests of `suite::differential`.
    corpus(
        &root,
        &root.join("tests/data/differential"),
        &out.join("differential.rs"),
        "Every compiled test of the differential corpus",
    );
}

/// Compile every litmus file under `dir` into `dst`.
fn corpus(root: &Path, dir: &Path, dst: &Path, what: &str) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    let mut tests: Vec<(String, PathBuf, Test)> = Vec::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        let src = match std::fs::read_to_string(f) {
            Ok(s) => s,
            Err(e) => fail(&format!("{rel}: cannot read: {e}")),
        };
        let test = match crate::parser::parse(&src, &rel) {
            Ok(t) => t,
            Err(e) => fail(&e.to_string()),
        };
        // The parser applied `litmus::check` already; kept as a guard for the build.
        if let Err(e) = crate::check::test(&test) {
            fail(&e.located(&rel));
        }
        if let Some((other, _, _)) = tests.iter().find(|(_, _, t)| t.name == test.name) {
            fail(&format!(
                "{rel}:1:1: duplicate test name {} (also in {other})",
                test.name
            ));
        }
        if let Some((other, _, t)) = tests.iter().find(|(_, _, t)| t.ident() == test.ident()) {
            fail(&format!(
                "{rel}:1:1: test name {} maps to the Rust identifier {} like {} in {other}",
                test.name,
                test.ident(),
                t.name
            ));
        }
        tests.push((rel, f.clone(), test));
    }
    let code = generate(&tests, what);
    if std::fs::read_to_string(dst).ok().as_deref() != Some(code.as_str()) {
        if let Err(e) = std::fs::write(dst, code) {
            fail(&format!("{}: {e}", dst.display()));
        }
    }
}

/// Report a bad catalog file and fail the build.
fn fail(msg: &str) -> ! {
    println!("cargo:warning={msg}");
    eprintln!("error: {msg}");
    std::process::exit(1);
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "litmus") {
            out.push(p);
        }
    }
}

/// A Rust identifier for a litmus identifier (keywords become raw identifiers).
fn id(s: &str) -> String {
    const KW: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern",
        "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move",
        "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "type", "unsafe",
        "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override",
        "priv", "try", "typeof", "unsized", "virtual", "yield",
    ];
    match s {
        "self" | "Self" | "super" | "crate" | "_" => format!("{s}_"),
        _ if KW.contains(&s) => format!("r#{s}"),
        _ => s.to_string(),
    }
}

fn ord(o: MemOrder) -> String {
    format!("Ordering::{}", o.rust_name())
}

/// The ordering a plain access (`*x`) runs with: Relaxed, the same `mov`/`ldr`/`str` as a
/// plain access, without a data race in the harness (README: plain accesses).
fn plain(o: Option<MemOrder>) -> String {
    ord(o.unwrap_or(MemOrder::Relaxed))
}

/// An expression as Rust on `i32`s: operands left to right, arithmetic wrapping, comparisons
/// and logical operators as `0`/`1` (the meaning `litmus::BinOp::apply` defines).
fn expr(e: &Expr) -> String {
    match e {
        Expr::Const(c) => format!("({c}i32)"),
        Expr::Reg(r) => id(r),
        Expr::Load { loc, ord: o } => format!("{}.load({})", id(loc), plain(*o)),
        Expr::Unary(UnOp::Neg, a) => format!("{}.wrapping_neg()", expr(a)),
        Expr::Unary(UnOp::Not, a) => format!("(({} == 0) as i32)", expr(a)),
        Expr::Binary(op, a, b) => {
            let (a, b) = (expr(a), expr(b));
            match op {
                BinOp::Mul => format!("{a}.wrapping_mul({b})"),
                BinOp::Add => format!("{a}.wrapping_add({b})"),
                BinOp::Sub => format!("{a}.wrapping_sub({b})"),
                BinOp::BitAnd => format!("({a} & {b})"),
                BinOp::Xor => format!("({a} ^ {b})"),
                BinOp::BitOr => format!("({a} | {b})"),
                BinOp::And => format!("(({a} != 0 && {b} != 0) as i32)"),
                BinOp::Or => format!("(({a} != 0 || {b} != 0) as i32)"),
                cmp => format!("(({a} {} {b}) as i32)", cmp.symbol()),
            }
        }
    }
}

fn generate(tests: &[(String, PathBuf, Test)], what: &str) -> String {
    let mut s = String::new();
    s.push_str("// Generated by build/codegen.rs from litmus/**/*.litmus. Do not edit.\n\n");
    for (rel, abs, t) in tests {
        let ident = t.ident();
        let abs = abs.to_string_lossy();
        let locs = t.locations_all();
        writeln!(s, "/// `{}` ({rel})", t.name).unwrap();
        s.push_str("#[allow(warnings, clippy::all)]\n");
        writeln!(s, "pub mod {ident} {{").unwrap();
        s.push_str("    use super::atomic::{self, AtomicI32, Ordering};\n\n");
        writeln!(s, "    pub const NAME: &str = {:?};", t.name).unwrap();
        writeln!(s, "    pub const PATH: &str = {rel:?};").unwrap();
        writeln!(s, "    pub const ABS_PATH: &str = {abs:?};").unwrap();
        writeln!(s, "    pub const SOURCE: &str = include_str!({abs:?});").unwrap();
        for th in &t.threads {
            let regs = th.registers();
            let params: Vec<String> = th
                .params
                .iter()
                .map(|p| format!("{}: &AtomicI32", id(&p.name)))
                .collect();
            writeln!(s, "\n    /// P{} ({rel}:{})", th.index, th.span.line).unwrap();
            s.push_str("    #[inline(never)]\n");
            writeln!(
                s,
                "    pub fn p{}({}) -> [i32; {}] {{",
                th.index,
                params.join(", "),
                regs.len()
            )
            .unwrap();
            for r in &regs {
                writeln!(s, "        let mut {}: i32 = 0;", id(r)).unwrap();
            }
            block(&mut s, &th.body, rel, 2);
            let ret: Vec<String> = regs.iter().map(|r| id(r)).collect();
            writeln!(s, "        [{}]", ret.join(", ")).unwrap();
            s.push_str("    }\n");
        }
        s.push_str("\n    /// This test's thread functions, as a type (the includer implements its traits).\n    pub struct K;\n\n");
        s.push_str(
            "    /// Run thread `thread` (position in the test's threads) on `locs` (numbered in\n",
        );
        s.push_str("    /// `Test::locations_all()` order), handing its registers (in `Thread::registers()`\n");
        s.push_str("    /// order) to `regs`.\n");
        s.push_str("    #[inline(always)]\n");
        s.push_str("    pub fn run_thread<L: ::core::ops::Deref<Target = AtomicI32>>(thread: usize, locs: &[L], regs: impl FnOnce(&[i32])) {\n");
        s.push_str("        match thread {\n");
        for (k, th) in t.threads.iter().enumerate() {
            let args: Vec<String> = th
                .params
                .iter()
                .map(|p| {
                    let i = locs
                        .iter()
                        .position(|l| *l == p.name)
                        .expect("param is a location");
                    format!("&locs[{i}]")
                })
                .collect();
            writeln!(
                s,
                "            {k} => regs(&p{}({})),",
                th.index,
                args.join(", ")
            )
            .unwrap();
        }
        s.push_str("            _ => {}\n        }\n    }\n");
        s.push_str("}\n\n");
    }
    writeln!(
        s,
        "// {what}, sorted by path: the includer's `compiled_tests!` macro makes its glue."
    )
    .unwrap();
    s.push_str("compiled_tests! {\n");
    for (_, _, t) in tests {
        writeln!(s, "    {},", t.ident()).unwrap();
    }
    s.push_str("}\n");
    s
}

/// Statements on the includer's atomics, indented.
fn block(s: &mut String, body: &[Stmt], rel: &str, indent: usize) {
    let pad = "    ".repeat(indent);
    for st in body {
        writeln!(s, "{pad}// {rel}:{}", st.span.line).unwrap();
        match &st.op {
            Op::If { cond, then, els } => {
                writeln!(s, "{pad}if {} != 0 {{", expr(cond)).unwrap();
                block(s, then, rel, indent + 1);
                if !els.is_empty() {
                    writeln!(s, "{pad}}} else {{").unwrap();
                    block(s, els, rel, indent + 1);
                }
                writeln!(s, "{pad}}}").unwrap();
            }
            op => writeln!(s, "{pad}{}", stmt(op)).unwrap(),
        }
    }
}

/// One statement (not an `if`) on the includer's atomics.
fn stmt(op: &Op) -> String {
    let to = |dst: &Option<Dst>, e: String| match dst {
        Some(d) => format!("{} = {e};", id(&d.reg)),
        None => format!("let _ = {e};"),
    };
    match op {
        Op::Assign { reg, val, .. } => format!("{} = {};", id(reg), expr(val)),
        Op::Store { loc, val, ord: o } => {
            format!("{}.store({}, {});", id(loc), expr(val), plain(*o))
        }
        Op::Fence { ord: o } => format!("atomic::fence({});", ord(*o)),
        Op::Rmw {
            dst,
            op,
            loc,
            val,
            ord: o,
        } => to(
            dst,
            format!(
                "{}.{}({}, {})",
                id(loc),
                op.rust_method(),
                expr(val),
                ord(*o)
            ),
        ),
        Op::CompareExchange {
            dst,
            loc,
            expected,
            desired,
            success,
            failure,
            weak,
        } => {
            let method = if *weak {
                "compare_exchange_weak"
            } else {
                "compare_exchange"
            };
            let flag = |v: u8| match dst {
                Some(d) => format!(" {} = {v};", id(&d.reg)),
                None => String::new(),
            };
            match expected {
                Expected::Reg(e) => {
                    let e = id(e);
                    format!(
                        "match {}.{method}({e}, {}, {}, {}) {{ Ok(_) => {{{}}} Err(cur) => {{ {e} = cur;{} }} }}",
                        id(loc),
                        expr(desired),
                        ord(*success),
                        ord(*failure),
                        flag(1),
                        flag(0)
                    )
                }
                // herd7's form: a plain read of the expected location, a plain write of the
                // value found on failure.
                Expected::Loc(e) => {
                    let e = id(e);
                    format!(
                        "{{ let expected = {e}.load(Ordering::Relaxed); match {}.{method}(expected, {}, {}, {}) {{ Ok(_) => {{{}}} Err(cur) => {{ {e}.store(cur, Ordering::Relaxed);{} }} }} }}",
                        id(loc),
                        expr(desired),
                        ord(*success),
                        ord(*failure),
                        flag(1),
                        flag(0)
                    )
                }
            }
        }
        Op::If { cond, then, els } => {
            let b = |v: &[Stmt]| v.iter().map(|s| stmt(&s.op)).collect::<Vec<_>>().join(" ");
            format!(
                "if {} != 0 {{ {} }} else {{ {} }}",
                expr(cond),
                b(then),
                b(els)
            )
        }
    }
}
