//! The model checker against the herd7 reference verdicts and the catalog's `expected` table.

use orderlab::litmus::{parse::parse, Test};
use orderlab::model::{check, check_all, Model, ModelError};

/// A classic shape × ordering as a litmus text (the reference's definitions, herd7-verdicts.md).
/// Threads are lists of (kind, loc, value/reg); `F` marks the fence position.
fn classic(name: &str) -> String {
    let (shape, ord) = name
        .split_once('+')
        .map(|(s, o)| {
            // 2+2W+rlx: the shape itself contains a '+'.
            if s == "2" {
                let (w, o2) = o.split_once('+').unwrap();
                (format!("2+{w}"), o2.to_string())
            } else {
                (s.to_string(), o.to_string())
            }
        })
        .unwrap();
    let (st, ld) = match ord.as_str() {
        "rlx" | "fence" => ("memory_order_relaxed", "memory_order_relaxed"),
        "ra" => ("memory_order_release", "memory_order_acquire"),
        "sc" => ("memory_order_seq_cst", "memory_order_seq_cst"),
        _ => panic!("ordering {ord}"),
    };
    // fence kind per shape (reference table)
    let fence = |role: &str| -> String {
        if ord != "fence" {
            return String::new();
        }
        let o = match (shape.as_str(), role) {
            ("MP" | "S" | "WRC", "w") => "memory_order_release",
            ("MP" | "S" | "WRC", _) => "memory_order_acquire",
            ("LB", _) => "memory_order_acq_rel",
            _ => "memory_order_seq_cst",
        };
        format!("  atomic_thread_fence({o});\n")
    };
    let w = |l: &str, v: i64| format!("  atomic_store_explicit({l}, {v}, {st});\n");
    let r = |reg: &str, l: &str| format!("  int {reg} = atomic_load_explicit({l}, {ld});\n");
    let p = |i: usize, body: String| format!("P{i}(atomic_int* x, atomic_int* y) {{\n{body}}}\n");
    let (threads, cond) = match shape.as_str() {
        "MP" => (
            vec![
                w("x", 1) + &fence("w") + &w("y", 1),
                r("r0", "y") + &fence("r") + &r("r1", "x"),
            ],
            "1:r0=1 /\\ 1:r1=0",
        ),
        "SB" => (
            vec![
                w("x", 1) + &fence("w") + &r("r0", "y"),
                w("y", 1) + &fence("w") + &r("r0", "x"),
            ],
            "0:r0=0 /\\ 1:r0=0",
        ),
        "LB" => (
            vec![
                r("r0", "x") + &fence("r") + &w("y", 1),
                r("r0", "y") + &fence("r") + &w("x", 1),
            ],
            "0:r0=1 /\\ 1:r0=1",
        ),
        "IRIW" => (
            vec![
                w("x", 1),
                r("r0", "x") + &fence("r") + &r("r1", "y"),
                w("y", 1),
                r("r0", "y") + &fence("r") + &r("r1", "x"),
            ],
            "1:r0=1 /\\ 1:r1=0 /\\ 3:r0=1 /\\ 3:r1=0",
        ),
        "2+2W" => (
            vec![
                w("x", 1) + &fence("w") + &w("y", 2),
                w("y", 1) + &fence("w") + &w("x", 2),
            ],
            "x=1 /\\ y=1",
        ),
        "WRC" => (
            vec![
                w("x", 1),
                r("r0", "x") + &fence("w") + &w("y", 1),
                r("r0", "y") + &fence("r") + &r("r1", "x"),
            ],
            "1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0",
        ),
        "R" => (
            vec![
                w("x", 1) + &fence("w") + &w("y", 1),
                w("y", 2) + &fence("w") + &r("r0", "x"),
            ],
            "y=2 /\\ 1:r0=0",
        ),
        "S" => (
            vec![
                w("x", 2) + &fence("w") + &w("y", 1),
                r("r0", "y") + &fence("r") + &w("x", 1),
            ],
            "x=2 /\\ 1:r0=1",
        ),
        "CoRR" => (
            vec![w("x", 1), r("r0", "x") + &r("r1", "x")],
            "1:r0=1 /\\ 1:r1=0",
        ),
        _ => panic!("shape {shape}"),
    };
    let mut s = format!("C {name}\n{{}}\n");
    for (i, t) in threads.into_iter().enumerate() {
        s += &p(i, t);
    }
    s + &format!("exists ({cond})\n")
}

/// The herd7 reference (herd7-verdicts.md): test, RC11, C11, SC, x86-TSO, AArch64 (LDAPR).
const REFERENCE: &str = include_str!("data/herd7-reference.txt");

fn reference_rows() -> Vec<(String, Vec<bool>)> {
    REFERENCE
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            (
                cols[0].to_string(),
                cols[1..].iter().map(|c| *c == "A").collect(),
            )
        })
        .collect()
}

fn parsed(name: &str) -> Test {
    parse(&classic(name), name).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn herd7_reference_rows() {
    let rows = reference_rows();
    assert_eq!(rows.len(), 35);
    let models = [
        Model::Rc11,
        Model::C11,
        Model::Sc,
        Model::X86Tso,
        Model::Armv8Rcpc,
    ];
    let mut bad = Vec::new();
    for (name, want) in rows {
        let t = parsed(&name);
        for (m, w) in models.iter().zip(want) {
            let v = check(&t, *m).unwrap();
            if v.target_allowed != w {
                bad.push(format!(
                    "{name} {}: got {} want {}",
                    m.key(),
                    v.word(),
                    if w { "A" } else { "F" }
                ));
            }
        }
    }
    assert!(bad.is_empty(), "mismatches:\n{}", bad.join("\n"));
}

#[test]
fn print_all_verdicts() {
    for (name, _) in reference_rows() {
        let t = parsed(&name);
        let vs = check_all(&t).unwrap();
        let row: Vec<&str> = vs
            .iter()
            .map(|v| if v.target_allowed { "A" } else { "F" })
            .collect();
        println!("{name:12} {}", row.join(" "));
    }
}

#[test]
fn unsupported_ordering_is_an_error() {
    // The parser rejects orderings Rust cannot express; a programmatic AST can still hold one.
    let mut t = parsed("MP+rlx");
    if let orderlab::litmus::Op::Load { ord, .. } = &mut t.threads[1].body[0].op {
        *ord = orderlab::litmus::MemOrder::Release;
    }
    let e = check(&t, Model::Rc11).unwrap_err();
    assert!(matches!(e, ModelError::Unsupported { .. }), "{e}");
    assert!(e.to_string().contains("memory_order_release"), "{e}");
    assert!(e.to_string().starts_with("MP+rlx:"), "{e}");
}

#[test]
fn oversized_test_names_the_bound() {
    let mut body = String::new();
    for v in 1..=9 {
        body += &format!("  atomic_store_explicit(x, {v}, memory_order_relaxed);\n");
    }
    let src = format!("C many\n{{}}\nP0(atomic_int* x) {{\n{body}}}\nexists (x=1)\n");
    let t = parse(&src, "many.litmus").unwrap();
    let e = check(&t, Model::Sc).unwrap_err();
    assert!(matches!(e, ModelError::TooLarge { .. }), "{e}");
    assert!(e.to_string().contains("9 writes to `x` (at most 8)"), "{e}");
}
