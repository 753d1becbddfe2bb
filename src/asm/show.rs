//! What `orderlab asm` shows: a test's emitted functions with the ordering-relevant
//! instructions marked (`>`) and glossed, one target or two side by side; the map's own
//! thread functions; the hand-written kernels.

use super::check;
use super::emit;
use super::expect;
use super::extract::{self, Function};
use super::sig;
use crate::litmus::Test;
use crate::machine::{Arch, Target};
use crate::suite::kernels;
use crate::term::{pad, width};
use std::fmt::Write as _;
use std::path::Path;

/// `writeln!` into a `String` (which cannot fail).
macro_rules! line {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

fn letter(allowed: bool) -> char {
    if allowed {
        'A'
    } else {
        'F'
    }
}

/// The functions of `test` for `target`: freshly emitted, or from the snapshot when the
/// toolchain is missing (or `snapshot` is asked for). The string says where they came from.
pub fn load(
    root: &Path,
    target: Target,
    test: &Test,
    snapshot: bool,
) -> Result<(Vec<Function>, String), String> {
    let from_snapshot = |why: String| -> Result<(Vec<Function>, String), String> {
        let path = emit::snapshot_path(root, target, &test.name);
        match emit::read_snapshot(root, target, &test.name) {
            Some(f) => Ok((f, format!("from the snapshot {} ({why})", path.display()))),
            None => Err(format!(
                "{}: {why}, and there is no snapshot {}",
                target.key(),
                path.display()
            )),
        }
    };
    if snapshot {
        return from_snapshot("--snapshot".into());
    }
    match emit::emit_functions(root, target) {
        Ok(all) => {
            let fns = check::test_functions(test, &all);
            if fns.len() < test.threads.len() {
                return from_snapshot(format!(
                    "the fresh {} build lacks {} of its {} thread functions",
                    target.key(),
                    test.threads.len() - fns.len(),
                    test.threads.len()
                ));
            }
            Ok((
                fns,
                "freshly built: cargo rustc --release --emit asm".into(),
            ))
        }
        Err(emit::EmitError::Unavailable(why)) => from_snapshot(why),
        Err(e) => Err(format!("{}: {e}", target.key())),
    }
}

/// A function's lines, each marked `>` when ordering-relevant, with its signature item.
fn marked(f: &Function, arch: Arch, nparams: usize) -> Vec<(String, Option<sig::SigItem>)> {
    let ann = sig::annotate(f, arch, Some(nparams));
    f.body
        .iter()
        .zip(ann)
        .map(|(l, a)| {
            let text = if l.ends_with(':') {
                l.clone()
            } else {
                let (m, ops) = l.split_once('\t').unwrap_or((l, ""));
                format!("  {:<7} {}", m, ops).trim_end().to_string()
            };
            let mark = if a.is_some() { "> " } else { "  " };
            (format!("{mark}{text}"), a)
        })
        .collect()
}

/// A catalog test's threads on one or two targets: the asm with ordering-relevant lines
/// marked and glossed, what the mapping says each statement becomes, and the signatures.
pub fn test(test: &Test, sides: &[(Target, Vec<Function>, String)]) -> String {
    let mut out = String::new();
    line!(out, "{}", test.name);
    for (t, _, origin) in sides {
        line!(out, "  {}: {origin}", t.key());
    }
    for th in &test.threads {
        let path = expect::thread_path(test, th.index);
        line!(out, "\nP{}  {path}", th.index);
        let mut cols: Vec<Vec<(String, Option<sig::SigItem>)>> = Vec::new();
        let mut sigs: Vec<Option<Vec<String>>> = Vec::new();
        for (t, fns, _) in sides {
            match emit::find(fns, &path) {
                Some(f) => {
                    cols.push(marked(f, t.arch(), th.params.len()));
                    sigs.push(Some(sig::tokens(f, t.arch(), Some(th.params.len()))));
                }
                None => {
                    cols.push(vec![("  (function not found)".into(), None)]);
                    sigs.push(None);
                }
            }
        }
        if sides.len() == 1 {
            let w = cols[0].iter().map(|(l, _)| width(l)).max().unwrap_or(0);
            for (l, a) in &cols[0] {
                match a {
                    Some(item) => line!(out, "  {}  ; {}", pad(l, w), sig::gloss(&item.token)),
                    None => line!(out, "  {l}"),
                }
            }
        } else {
            let w = cols
                .iter()
                .flat_map(|c| c.iter().map(|(l, _)| width(l)))
                .max()
                .unwrap_or(0)
                .max(sides[0].0.key().len() + 2);
            line!(out, "  {} | {}", pad(sides[0].0.key(), w), sides[1].0.key());
            let n = cols[0].len().max(cols[1].len());
            for i in 0..n {
                let a = cols[0].get(i).map(|x| x.0.as_str()).unwrap_or("");
                let b = cols[1].get(i).map(|x| x.0.as_str()).unwrap_or("");
                line!(out, "  {} | {b}", pad(a, w));
            }
        }
        // Statement by statement: what the mapping says each becomes, glossed.
        line!(out, "  ordering, statement by statement:");
        let mut stmts = Vec::new();
        crate::litmus::walk(&th.body, &mut |st| stmts.push(st));
        for st in stmts {
            let text = match &st.op {
                crate::litmus::Op::If { cond, .. } => format!("if ({cond})"),
                op => crate::litmus::print_op(op).trim().to_string(),
            };
            let quiet = matches!(&st.op, crate::litmus::Op::Assign { val, .. } if !val.has_load());
            if quiet {
                continue;
            }
            line!(out, "    {text}");
            for (t, _, _) in sides {
                let toks = expect::lower(&st.op, *t);
                if toks.is_empty() {
                    line!(
                        out,
                        "      {:<13} (no instruction) ; {}",
                        t.key(),
                        no_insn_gloss(*t)
                    );
                }
                for tok in toks {
                    line!(out, "      {:<13} {tok} ; {}", t.key(), sig::gloss(&tok));
                }
            }
        }
        for ((t, _, _), s) in sides.iter().zip(&sigs) {
            let expected = expect::thread_signature(th, *t);
            match s {
                Some(s) if expect::same(s, &expected) => {
                    line!(
                        out,
                        "  {:<13} signature {} (matches the mapping)",
                        t.key(),
                        sig::render(s)
                    )
                }
                Some(s) => line!(
                    out,
                    "  {:<13} signature {} DIFFERS from the mapping's {}",
                    t.key(),
                    sig::render(s),
                    sig::render(&expected)
                ),
                None => {}
            }
        }
    }
    out
}

/// A map-driven test's thread functions (the map's real code), fresh or from the snapshot.
pub fn map_test(
    root: &Path,
    name: &str,
    sides: &[Target],
    snapshot: bool,
) -> Result<String, String> {
    let mut out = String::new();
    line!(
        out,
        "{name} (the map's real code; not checked against the mapping)"
    );
    for &t in sides {
        let fresh = if snapshot {
            None
        } else {
            emit::emit_functions(root, t).ok().and_then(|all| {
                check::map_tests(&all)
                    .into_iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, f)| f)
            })
        };
        let (fns, origin) = match fresh {
            Some(f) => (f, "freshly built".to_string()),
            None => match emit::read_snapshot(root, t, name) {
                Some(f) => (
                    f,
                    format!(
                        "from the snapshot {}",
                        emit::snapshot_path(root, t, name).display()
                    ),
                ),
                None => {
                    return Err(format!(
                        "unknown map test `{name}` for {} (no function, no snapshot)",
                        t.key()
                    ))
                }
            },
        };
        line!(out, "\n== {} ({origin})", t.key());
        for f in &fns {
            line!(out, "\n{}", f.path);
            let lines = marked(f, t.arch(), usize::MAX);
            let w = lines.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
            for (l, a) in &lines {
                match a {
                    Some(item) if item.effect != sig::Effect::Plain => {
                        line!(out, "  {}  ; {}", pad(l, w), sig::gloss(&item.token))
                    }
                    _ => line!(out, "  {l}"),
                }
            }
        }
    }
    Ok(out)
}

fn no_insn_gloss(t: Target) -> &'static str {
    match t.arch() {
        Arch::X86_64 => "x86-TSO already gives this ordering; only the compiler is restrained",
        Arch::Aarch64 => "nothing to order",
    }
}

/// A hand-written kernel's functions from its `.S` file, glossed.
pub fn kernel(root: &Path, name: &str) -> Result<String, String> {
    let mut out = String::new();
    let Some(k) = kernels::by_name(name) else {
        return Err(format!(
            "unknown asm kernel `{name}` (see `orderlab asm --kernels`)"
        ));
    };
    let path = root.join(k.file);
    let src = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let fns = extract::functions(&src, k.arch);
    line!(out, "{}  ({}, hand-written)", k.test().name, k.file);
    if let Some(d) = &k.test().doc {
        line!(out, "  {d}");
    }
    line!(out, "  C approximation: {}", k.note);
    let verdicts: Vec<String> = k
        .expected
        .iter()
        .map(|(p, v)| format!("{p} {}", letter(*v)))
        .collect();
    line!(
        out,
        "  documented instruction-level verdicts of the target outcome: {}",
        verdicts.join(", ")
    );
    for (i, th) in k.threads.iter().enumerate() {
        line!(out, "\nP{i}  {}", th.symbol);
        let Some(f) = fns.iter().find(|f| f.path == th.symbol) else {
            line!(out, "  (not found in {})", k.file);
            continue;
        };
        let lines = marked(f, k.arch, 2);
        let w = lines.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
        for (l, a) in &lines {
            match a {
                Some(item) => line!(out, "  {}  ; {}", pad(l, w), sig::gloss(&item.token)),
                None => line!(out, "  {l}"),
            }
        }
    }
    Ok(out)
}

/// Every hand-written kernel of every architecture, one per line.
pub fn kernel_list() -> String {
    let mut out = String::new();
    for arch in [Arch::X86_64, Arch::Aarch64] {
        for k in kernels::kernels_for(arch) {
            let verdicts: Vec<String> = k
                .expected
                .iter()
                .map(|(p, v)| format!("{p}={}", letter(*v)))
                .collect();
            let linked = match k.why_not_linked() {
                None => "linked".to_string(),
                Some(why) => format!("not in this build: {why}"),
            };
            line!(
                out,
                "{:<22} {:<21} {:<40} {}",
                k.test().name,
                k.file,
                verdicts.join(" "),
                linked
            );
        }
    }
    out
}
