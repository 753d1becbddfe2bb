//! Catalog codegen: every `litmus/**/*.litmus` file becomes a module of
//! `$OUT_DIR/catalog.rs` (included by `src/suite/catalog.rs`) with one `#[inline(never)] pub fn pN`
//! per thread on `std::sync::atomic`, carrying exactly the file's operations and orderings.
//!
//! A file that does not parse, or that std atomics cannot express (an ordering std rejects, a
//! value outside `i32`), fails the build with `FILE:LINE:COL: message`.

use crate::ast::{MemOrder, Op, Test, Value};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let dir = root.join("litmus");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files.sort();
    let mut tests: Vec<(String, PathBuf, Test)> = Vec::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        let src = match std::fs::read_to_string(f) {
            Ok(s) => s,
            Err(e) => fail(&format!("{rel}: cannot read: {e}")),
        };
        let test = match crate::parse::parse(&src, &rel) {
            Ok(t) => t,
            Err(e) => fail(&e.to_string()),
        };
        if let Err(e) = check(&test, &rel) {
            fail(&e);
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
    let code = generate(&tests);
    let dst = out.join("catalog.rs");
    if std::fs::read_to_string(&dst).ok().as_deref() != Some(code.as_str()) {
        std::fs::write(&dst, code).expect("write catalog.rs");
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

/// What std atomics cannot express, with FILE:LINE:COL.
fn check(test: &Test, file: &str) -> Result<(), String> {
    for (l, v) in &test.init {
        if i32::try_from(*v).is_err() {
            return Err(format!(
                "{file}:1:1: initial value {v} of {l} does not fit in an atomic_int (i32)"
            ));
        }
    }
    for th in &test.threads {
        let regs = th.registers();
        for st in &th.body {
            let at = |m: String| format!("{file}:{}:{}: {m}", st.span.line, st.span.col);
            let bad = st.op.rust_rejects();
            if let Some(m) = bad {
                return Err(at(m));
            }
            if let Some(l) = st.op.loc() {
                if !th.params.iter().any(|p| p == l) {
                    return Err(at(format!(
                        "location {l} is not a parameter of P{}",
                        th.index
                    )));
                }
            }
            let vals: Vec<&Value> = match &st.op {
                Op::Local { val, .. }
                | Op::Store { val, .. }
                | Op::Exchange { val, .. }
                | Op::FetchAdd { val, .. } => vec![val],
                Op::CompareExchange { desired, .. } => vec![desired],
                _ => vec![],
            };
            for v in vals {
                match v {
                    Value::Const(c) if i32::try_from(*c).is_err() => {
                        return Err(at(format!("value {c} does not fit in an atomic_int (i32)")))
                    }
                    Value::Reg(r) if !regs.contains(r) => {
                        return Err(at(format!("unknown register {r}")))
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(())
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

fn val(v: &Value) -> String {
    match v {
        Value::Const(c) => format!("{c}i32"),
        Value::Reg(r) => id(r),
    }
}

fn ord(o: MemOrder) -> String {
    format!("Ordering::{}", o.rust_name())
}

fn generate(tests: &[(String, PathBuf, Test)]) -> String {
    let mut s = String::new();
    s.push_str("// Generated by build/codegen.rs from litmus/**/*.litmus. Do not edit.\n\n");
    for (rel, abs, t) in tests {
        let ident = t.ident();
        let abs = abs.to_string_lossy();
        let locs = t.locations_all();
        writeln!(s, "/// `{}` ({rel})", t.name).unwrap();
        s.push_str("#[allow(unused_mut, unused_variables, unused_assignments, unused_imports, clippy::all)]\n");
        writeln!(s, "pub mod {ident} {{").unwrap();
        s.push_str("    use std::sync::atomic::{self, AtomicI32, Ordering};\n\n");
        writeln!(s, "    pub const NAME: &str = {:?};", t.name).unwrap();
        writeln!(s, "    pub const PATH: &str = {rel:?};").unwrap();
        writeln!(s, "    pub const SOURCE: &str = include_str!({abs:?});").unwrap();
        for th in &t.threads {
            let regs = th.registers();
            let params: Vec<String> = th
                .params
                .iter()
                .map(|p| format!("{}: &AtomicI32", id(p)))
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
            for st in &th.body {
                writeln!(s, "        // {rel}:{}", st.span.line).unwrap();
                s.push_str("        ");
                s.push_str(&stmt(&st.op));
                s.push('\n');
            }
            let ret: Vec<String> = regs.iter().map(|r| id(r)).collect();
            writeln!(s, "        [{}]", ret.join(", ")).unwrap();
            s.push_str("    }\n");
        }
        s.push_str("\n    /// The thread functions the runner drives.\n    pub struct K;\n\n");
        s.push_str("    impl super::ThreadFns for K {\n");
        s.push_str("        const NAME: &'static str = NAME;\n");
        s.push_str("        const PATH: &'static str = PATH;\n");
        s.push_str("        const SOURCE: &'static str = SOURCE;\n\n");
        s.push_str("        #[inline(always)]\n");
        s.push_str("        fn run_thread(thread: usize, locs: &[crate::pad::Line<AtomicI32>], regs: &[AtomicI32]) {\n");
        s.push_str("            match thread {\n");
        for (k, th) in t.threads.iter().enumerate() {
            let args: Vec<String> = th
                .params
                .iter()
                .map(|p| {
                    let i = locs
                        .iter()
                        .position(|l| l == p)
                        .expect("param is a location");
                    format!("&locs[{i}].0")
                })
                .collect();
            writeln!(
                s,
                "                {k} => crate::run::layout::store_regs(regs, &p{}({})),",
                th.index,
                args.join(", ")
            )
            .unwrap();
        }
        s.push_str("                _ => {}\n            }\n        }\n    }\n\n");
        s.push_str("    pub fn make() -> Box<dyn crate::run::Runnable> {\n");
        s.push_str("        Box::new(super::Compiled::<K>::new())\n    }\n");
        s.push_str("}\n\n");
    }
    s.push_str(
        "/// Every compiled catalog test, sorted by path.\npub static ENTRIES: &[CatalogFile] = &[\n",
    );
    for (rel, abs, t) in tests {
        let ident = t.ident();
        writeln!(
            s,
            "    CatalogFile {{ name: {ident}::NAME, ident: {ident:?}, path: {rel:?}, abs_path: {:?}, source: {ident}::SOURCE, make: {ident}::make }},",
            abs.to_string_lossy()
        )
        .unwrap();
    }
    s.push_str("];\n");
    s
}

/// One statement on std atomics.
fn stmt(op: &Op) -> String {
    let opt = |reg: &Option<String>, e: String| match reg {
        Some(r) => format!("{} = {e};", id(r)),
        None => format!("let _ = {e};"),
    };
    match op {
        Op::Local { reg, val: v } => format!("{} = {};", id(reg), val(v)),
        Op::Load { reg, loc, ord: o } => format!("{} = {}.load({});", id(reg), id(loc), ord(*o)),
        Op::Store {
            loc,
            val: v,
            ord: o,
        } => {
            format!("{}.store({}, {});", id(loc), val(v), ord(*o))
        }
        Op::Fence { ord: o } => format!("atomic::fence({});", ord(*o)),
        Op::Exchange {
            reg,
            loc,
            val: v,
            ord: o,
        } => opt(reg, format!("{}.swap({}, {})", id(loc), val(v), ord(*o))),
        Op::FetchAdd {
            reg,
            loc,
            val: v,
            ord: o,
        } => opt(
            reg,
            format!("{}.fetch_add({}, {})", id(loc), val(v), ord(*o)),
        ),
        Op::CompareExchange {
            reg,
            loc,
            expected,
            desired,
            success,
            failure,
        } => {
            let e = id(expected);
            let call = format!(
                "{}.compare_exchange({e}, {}, {}, {})",
                id(loc),
                val(desired),
                ord(*success),
                ord(*failure)
            );
            match reg {
                Some(r) => format!(
                    "match {call} {{ Ok(_) => {r} = 1, Err(cur) => {{ {e} = cur; {r} = 0 }} }}",
                    r = id(r)
                ),
                None => format!("if let Err(cur) = {call} {{ {e} = cur; }}"),
            }
        }
    }
}
