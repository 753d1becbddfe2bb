//! The litmus parser on good files (exact ASTs) and bad files (`tests/data/bad/*.litmus`, each
//! with its expected `FILE:LINE:COL: message` prefix).

use orderlab::litmus::print;
use orderlab::litmus::{parse, parse_bytes};
use orderlab::litmus::{
    BinOp, Dst, Expected, Expr, MemOrder, Op, Param, ParamType, Prop, Quantifier, RmwOp, Span,
    Test, UnOp, Var,
};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

/// Parse a fixture; errors carry the path relative to `tests/data`.
fn parse_file(rel: &str) -> Result<Test, String> {
    let bytes = std::fs::read(data(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    parse_bytes(&bytes, rel).map_err(|e| e.to_string())
}

fn good(rel: &str) -> Test {
    parse_file(rel).unwrap_or_else(|e| panic!("{e}"))
}

fn reg(thread: usize, r: &str) -> Var {
    Var::Reg {
        thread,
        reg: r.to_string(),
    }
}

fn loc(l: &str) -> Var {
    Var::Loc(l.to_string())
}

fn eq(v: Var, k: i64) -> Prop {
    Prop::Eq(v, k)
}

fn and(a: Prop, b: Prop) -> Prop {
    Prop::And(Box::new(a), Box::new(b))
}

fn ops(t: &Test, thread: usize) -> Vec<Op> {
    t.threads[thread]
        .body
        .iter()
        .map(|s| s.op.clone())
        .collect()
}

fn s(x: &str) -> String {
    x.to_string()
}

fn names(p: &[Param]) -> Vec<String> {
    p.iter().map(|p| p.name.clone()).collect()
}

// ------------------------------------------------------------------------------------------
// Good files

#[test]
fn all_operations() {
    let t = good("good/all-ops.litmus");
    assert_eq!(t.name, "RMW+all-ops");
    assert_eq!(
        t.doc.as_deref(),
        Some("Every statement form the parser accepts.")
    );
    assert_eq!(t.init, vec![(s("x"), 0), (s("y"), 5)]);
    assert_eq!(t.threads.len(), 2);
    assert_eq!(names(&t.threads[0].params), vec![s("x"), s("y")]);
    assert_eq!(names(&t.threads[1].params), vec![s("y")]);
    use MemOrder::*;
    let decl = |r: &str| {
        Some(Dst {
            reg: s(r),
            decl: true,
        })
    };
    assert_eq!(
        ops(&t, 0),
        vec![
            Op::Assign {
                reg: s("r0"),
                decl: true,
                val: Expr::Const(0)
            },
            Op::Assign {
                reg: s("r1"),
                decl: true,
                val: Expr::Const(7)
            },
            Op::Rmw {
                dst: decl("r2"),
                op: RmwOp::Xchg,
                loc: s("x"),
                val: Expr::Const(1),
                ord: AcqRel
            },
            Op::Rmw {
                dst: None,
                op: RmwOp::Xchg,
                loc: s("y"),
                val: Expr::reg("r1"),
                ord: Relaxed
            },
            Op::Rmw {
                dst: decl("r3"),
                op: RmwOp::Add,
                loc: s("y"),
                val: Expr::Const(2),
                ord: SeqCst
            },
            Op::Rmw {
                dst: None,
                op: RmwOp::Add,
                loc: s("x"),
                val: Expr::Const(-1),
                ord: Release
            },
            Op::CompareExchange {
                dst: decl("r4"),
                loc: s("x"),
                expected: Expected::Reg(s("r0")),
                desired: Expr::Const(3),
                success: AcqRel,
                failure: Acquire,
                weak: false,
            },
            Op::CompareExchange {
                dst: None,
                loc: s("y"),
                expected: Expected::Reg(s("r1")),
                desired: Expr::reg("r2"),
                success: SeqCst,
                failure: Relaxed,
                weak: false,
            },
            Op::Store {
                loc: s("x"),
                val: Expr::reg("r3"),
                ord: Some(SeqCst)
            },
            Op::Fence { ord: Acquire },
            Op::Assign {
                reg: s("r5"),
                decl: true,
                val: Expr::Const(0)
            },
        ]
    );
    assert_eq!(
        ops(&t, 1),
        vec![Op::Assign {
            reg: s("r0"),
            decl: true,
            val: Expr::Load {
                loc: s("y"),
                ord: Some(SeqCst)
            }
        }]
    );
    // Spans: the thread at its `P0`, each statement at its first token.
    assert_eq!(t.threads[0].span, Span { line: 5, col: 1 });
    assert_eq!(t.threads[0].body[0].span, Span { line: 6, col: 3 });
    assert_eq!(t.threads[0].body[10].span, Span { line: 16, col: 3 });
    assert_eq!(t.threads[1].span, Span { line: 19, col: 1 });
    // `/\` binds tighter than `\/`; `~` applies to the parenthesised atom; hex values.
    assert_eq!(t.cond.quant, Quantifier::Exists);
    assert_eq!(
        t.cond.prop,
        Prop::Or(
            Box::new(and(eq(reg(0, "r4"), 1), eq(loc("x"), 3))),
            Box::new(and(
                Prop::Not(Box::new(eq(reg(1, "r0"), 5))),
                eq(loc("y"), 16)
            )),
        )
    );
    assert_eq!(t.cond.span, Span { line: 23, col: 1 });
    assert_eq!(
        t.threads[0].registers(),
        vec![s("r0"), s("r1"), s("r2"), s("r3"), s("r4"), s("r5")]
    );
    let obs = t.observables();
    assert_eq!(obs.len(), 9);
    assert_eq!(obs[6], reg(1, "r0"));
    assert_eq!(obs[7..], [loc("x"), loc("y")]);
}

#[test]
fn the_whole_language() {
    let t = good("good/language.litmus");
    assert_eq!(t.name, "Lang+everything");
    assert_eq!(
        t.meta,
        vec![
            (s("Generator"), s("hand (not diy7)")),
            (s("Orig"), s("PodWW Rfe"))
        ]
    );
    assert_eq!(
        t.init,
        vec![(s("data"), 0), (s("flag"), 0), (s("e"), 1), (s("c"), 0)]
    );
    let types: Vec<ParamType> = t.threads[0].params.iter().map(|p| p.ty).collect();
    use ParamType::*;
    assert_eq!(types, [VolatileInt, AtomicInt, Int, AtomicInt, ConstInt]);
    use MemOrder::*;
    let p0 = ops(&t, 0);
    assert_eq!(
        p0[0],
        Op::Store {
            loc: s("data"),
            val: Expr::Const(42),
            ord: None
        }
    );
    // The forms without `_explicit` are SeqCst.
    assert_eq!(
        p0[1],
        Op::Store {
            loc: s("flag"),
            val: Expr::Const(1),
            ord: Some(SeqCst)
        }
    );
    let rmw = |o: &Op| match o {
        Op::Rmw { op, ord, dst, .. } => (*op, *ord, dst.is_some()),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        p0[2..].iter().map(rmw).collect::<Vec<_>>(),
        [
            (RmwOp::Or, Relaxed, true),
            (RmwOp::Sub, SeqCst, false),
            (RmwOp::And, Release, false),
            (RmwOp::Xor, AcqRel, true),
            (RmwOp::Xchg, SeqCst, true)
        ]
    );
    let p1 = ops(&t, 1);
    assert_eq!(
        p1[1],
        Op::Assign {
            reg: s("r1"),
            decl: true,
            val: Expr::Const(0)
        }
    );
    let Op::If { cond, then, els } = &p1[2] else {
        panic!("{:?}", p1[2])
    };
    let r0 = || Expr::reg("r0");
    assert_eq!(
        *cond,
        Expr::bin(
            BinOp::And,
            Expr::bin(BinOp::Eq, r0(), Expr::Const(1)),
            Expr::Unary(
                UnOp::Not,
                Box::new(Expr::bin(BinOp::Ne, r0(), Expr::Const(1)))
            )
        )
    );
    // `*data * 2 - -1`: a plain load, precedence, a negative constant.
    assert_eq!(
        then[0].op,
        Op::Assign {
            reg: s("r1"),
            decl: false,
            val: Expr::bin(
                BinOp::Sub,
                Expr::bin(
                    BinOp::Mul,
                    Expr::Load {
                        loc: s("data"),
                        ord: None
                    },
                    Expr::Const(2)
                ),
                Expr::Const(-1)
            )
        }
    );
    assert!(matches!(&then[1].op, Op::If { els, .. } if els.len() == 1));
    // An `else` without braces; `|` binds looser than `^`, `^` looser than `&`.
    let Op::Assign { val, .. } = &els[0].op else {
        panic!()
    };
    assert_eq!(
        val.to_string(),
        "atomic_load_explicit(c, memory_order_seq_cst) | 4 & 5 ^ 6"
    );
    assert!(
        matches!(val, Expr::Binary(BinOp::BitOr, _, b) if matches!(**b, Expr::Binary(BinOp::Xor, ..)))
    );
    assert!(matches!(
        &p1[3],
        Op::CompareExchange { expected: Expected::Loc(e), weak: true, .. } if e == "e"
    ));
    assert!(matches!(
        &p1[5],
        Op::CompareExchange { expected: Expected::Reg(e), weak: false, success: SeqCst, dst: None, .. } if e == "r4"
    ));
    // A bare block's statements join the thread.
    assert!(matches!(&p1[7], Op::Assign { reg, decl: true, .. } if reg == "r5"));
    assert_eq!(
        t.threads[1].registers(),
        vec![s("r0"), s("r1"), s("r2"), s("r3"), s("r4"), s("r5")]
    );
    assert_eq!(
        t.regions,
        vec![(s("data"), s("PROP")), (s("flag"), s("PROP"))]
    );
    assert_eq!(t.locations, vec![loc("e"), reg(1, "r4")]);
    // `!=` in the condition is the negation of `=`.
    assert_eq!(
        t.cond.prop,
        and(
            eq(reg(1, "r0"), 1),
            Prop::Not(Box::new(eq(reg(1, "r1"), 85)))
        )
    );
}

#[test]
fn a_missing_condition_is_forall_true() {
    let t = good("good/no-condition.litmus");
    assert_eq!(t.cond.quant, Quantifier::Forall);
    assert_eq!(t.cond.prop, Prop::True);
    let obs = t.observables();
    assert!(!t.is_target(&obs, &vec![0; obs.len()]));
}

#[test]
fn init_forms_locations_and_not_exists() {
    let t = good("good/init-forms.litmus");
    assert_eq!(t.name, "Init+forms");
    assert_eq!(t.doc, None);
    assert_eq!(
        t.init,
        vec![
            (s("x"), 1),
            (s("y"), -2),
            (s("z"), 3),
            (s("w"), 31),
            (s("v"), 4)
        ]
    );
    assert_eq!(t.init_value("y"), -2);
    assert_eq!(t.init_value("nowhere"), 0);
    assert_eq!(t.locations, vec![loc("x"), reg(0, "r0"), loc("z")]);
    assert_eq!(t.cond.quant, Quantifier::NotExists);
    assert_eq!(t.cond.prop, eq(reg(0, "r0"), 2));
    assert_eq!(
        ops(&t, 0)[1],
        Op::Store {
            loc: s("y"),
            val: Expr::reg("r0"),
            ord: Some(MemOrder::Release)
        }
    );
    // The `locations` clause adds locations to the recorded final state.
    assert_eq!(t.observables(), vec![reg(0, "r0"), loc("x"), loc("z")]);
}

#[test]
fn empty_init_and_forall() {
    let t = good("good/empty-init.litmus");
    assert!(t.init.is_empty());
    assert_eq!(t.cond.quant, Quantifier::Forall);
    assert_eq!(t.cond.prop, eq(loc("x"), 1));
    // For `forall P` the target outcome is a state violating P.
    let obs = t.observables();
    assert_eq!(obs, vec![loc("x")]);
    assert!(t.is_target(&obs, &[0]));
    assert!(!t.is_target(&obs, &[1]));
}

#[test]
fn comments_of_every_kind_are_skipped() {
    let t = good("good/comments.litmus");
    assert_eq!(t.name, "Comments+everywhere");
    assert_eq!(t.doc.as_deref(), Some("doc on the name line"));
    assert_eq!(t.init, vec![(s("x"), 0)]);
    assert_eq!(t.threads.len(), 1);
    assert_eq!(names(&t.threads[0].params), vec![s("x")]);
    assert_eq!(t.threads[0].body.len(), 1);
    assert_eq!(t.threads[0].body[0].span, Span { line: 7, col: 3 });
    assert_eq!(t.cond.prop, eq(loc("x"), 1));
}

#[test]
fn good_files_round_trip_through_the_printer() {
    for f in [
        "all-ops",
        "init-forms",
        "empty-init",
        "comments",
        "language",
        "no-condition",
    ] {
        let t = good(&format!("good/{f}.litmus"));
        let text = print(&t);
        let again = parse(&text, "printed").unwrap_or_else(|e| panic!("{f}: {e}\n{text}"));
        assert_eq!(again.name, t.name, "{f}");
        assert_eq!(again.doc, t.doc, "{f}");
        assert_eq!(again.init, t.init, "{f}");
        assert_eq!(again.locations, t.locations, "{f}");
        assert_eq!(again.cond.quant, t.cond.quant, "{f}");
        assert_eq!(again.cond.prop, t.cond.prop, "{f}");
        assert_eq!(again.without_spans(), t.without_spans(), "{f}");
        assert_eq!(again.threads.len(), t.threads.len(), "{f}");
        assert_eq!(again.meta, t.meta, "{f}");
        assert_eq!(again.regions, t.regions, "{f}");
    }
}

#[test]
fn parse_and_parse_bytes_agree() {
    for f in ["good/all-ops.litmus", "bad/unknown-ordering.litmus"] {
        let bytes = std::fs::read(data(f)).unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        assert_eq!(parse(text, f), parse_bytes(&bytes, f));
    }
}

// ------------------------------------------------------------------------------------------
// Bad files: `tests/data/bad/NAME.litmus` → `bad/NAME.litmus:LINE:COL: message...`

const BAD: &[(&str, &str)] = &[
    (
        "unknown-ordering",
        "10:36: unknown memory order `memory_order_acquir`",
    ),
    (
        "consume-ordering",
        "10:36: `memory_order_consume` is not supported",
    ),
    (
        "load-release",
        "10:36: a load cannot have ordering `memory_order_release`",
    ),
    (
        "store-acquire",
        "6:31: a store cannot have ordering `memory_order_acquire`",
    ),
    (
        "fence-relaxed",
        "6:23: a fence cannot be `memory_order_relaxed`",
    ),
    ("undeclared-register", "6:28: undeclared register `r9`"),
    (
        "missing-semicolon",
        "6:3: expected `;` after the statement, found `atomic_store_explicit`",
    ),
    (
        "unknown-location",
        "11:33: unknown location `z`: not a parameter of this thread",
    ),
    (
        "duplicate-thread",
        "9:1: threads must be numbered in order: expected `P1`, found `P0`",
    ),
    (
        "thread-out-of-order",
        "9:1: threads must be numbered in order: expected `P1`, found `P2`",
    ),
    (
        "bad-thread-name",
        "9:1: expected a thread name `P1`, found `Q1`",
    ),
    // The condition checks point at the offending atom.
    ("locations-missing-thread", "14:12: thread 3 does not exist"),
    ("cond-missing-thread", "14:19: thread 2 does not exist"),
    (
        "cond-missing-register",
        "14:19: register `1:r7` is not defined by thread P1",
    ),
    ("cond-unknown-location", "14:19: unknown location `z`"),
    (
        "condition-missing-equals",
        "14:23: expected `=` in the condition",
    ),
    ("condition-too-deep", "14:83: condition nested too deeply"),
    ("tilde-without-exists", "14:2: expected `exists` after `~`"),
    (
        "unbalanced-paren",
        "15:1: expected `)` to close `(`, found end of file",
    ),
    (
        "trailing-garbage",
        "15:1: unexpected `P2` after the final condition",
    ),
    (
        "unterminated-herd-comment",
        "14:1: unterminated comment `(*`",
    ),
    ("unterminated-c-comment", "11:3: unterminated comment `/*`"),
    ("unterminated-string", "2:1: unterminated string"),
    (
        "unterminated-body",
        "7:1: unterminated body of thread P0: expected `}`",
    ),
    ("empty", "1:1: empty litmus file: expected `C NAME`"),
    ("only-comments", "3:1: empty litmus file: expected `C NAME`"),
    ("non-utf8", "11:9: invalid UTF-8 in litmus file"),
    (
        "not-c",
        "1:1: expected `C` (only C litmus tests are supported), found architecture `AArch64`",
    ),
    ("missing-name", "2:1: expected a test name after `C`"),
    ("no-threads", "3:1: expected a thread `P0(...) { ... }`"),
    (
        "register-declared-twice",
        "11:7: register `r0` declared twice",
    ),
    (
        "register-named-like-location",
        "11:7: register `x` has the name of a location",
    ),
    (
        "assign-undeclared",
        "11:3: undeclared register `r1`: declare it with `int r1 = ...;`",
    ),
    (
        "load-unassigned",
        "11:3: a load's value must be assigned to a register",
    ),
    (
        "store-has-no-value",
        "11:12: this operation returns no value",
    ),
    ("init-twice", "2:12: location `x` initialised twice"),
    (
        "init-out-of-range",
        "2:18: value 4294967296 does not fit an atomic_int (32-bit)",
    ),
    ("bad-integer", "5:28: bad integer `12abc`"),
    ("unexpected-character", "11:3: unexpected character `@`"),
    ("param-type", "9:4: unsupported parameter type `char*`"),
    ("duplicate-parameter", "9:31: parameter `x` listed twice"),
    (
        "unsupported-operation",
        "5:3: unsupported operation `atomic_fetch_nand_explicit`",
    ),
    (
        "cas-failure-release",
        "12:85: a compare-exchange failure ordering cannot be `memory_order_release`",
    ),
    ("cas-expected-undeclared", "11:56: undeclared register `e`"),
    (
        "too-many-threads",
        "51:1: too many threads: at most 16 are supported",
    ),
    // Constructs of herd7 the lab leaves out are named.
    (
        "wide-type",
        "4:5: 128-bit integer type `__int128_t` (herd7's `Variant=S128` extension) is not supported",
    ),
    ("variant", "2:1: `Variant=S128` (herd7's model variants"),
    (
        "address-arithmetic",
        "8:35: address arithmetic (`x + e`, an address dependency) is not supported",
    ),
    ("while-loop", "6:3: loops (`while`) are not supported"),
    (
        "linux-primitive",
        "6:8: `__atomic_add_unless` is a Linux-kernel primitive of herd7's LKMM dialect",
    ),
    ("lock", "5:3: locks (`lock`) are not supported"),
    (
        "register-init",
        "2:12: initial values of registers (`0:r0 = 1`) are not supported",
    ),
    // The language's own rules.
    (
        "load-after-and",
        "6:15: a load on the right of `&&` is not supported",
    ),
    (
        "rmw-in-expression",
        "5:16: `atomic_fetch_add_explicit` inside an expression",
    ),
    (
        "location-as-register",
        "5:12: `x` is a location: read it with `*x`",
    ),
    ("register-out-of-scope", "9:8: undeclared register `r1`"),
    (
        "cas-expected-register-without-ampersand",
        "6:55: the expected value is a location or the address of a register: write `&e`",
    ),
    ("else-without-if", "6:3: `else` without `if`"),
    (
        "thread-too-long",
        "68:3: thread P0 is too long: at most 64 statements",
    ),
];

#[test]
fn bad_files_report_file_line_col_and_message() {
    let mut failures = Vec::new();
    for (name, want) in BAD {
        let rel = format!("bad/{name}.litmus");
        match parse_file(&rel) {
            Ok(t) => failures.push(format!("{rel}: parsed as {}", t.name)),
            Err(e) => {
                let want = format!("{rel}:{want}");
                if !e.starts_with(&want) {
                    failures.push(format!("{rel}:\n  got  {e}\n  want {want}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_bad_file_has_an_expectation() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(data("bad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "litmus"))
        .map(|p| p.file_stem().unwrap().to_str().unwrap().to_string())
        .collect();
    let listed: BTreeSet<String> = BAD.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, listed);
    assert_eq!(listed.len(), BAD.len(), "a bad file listed twice");
}

#[test]
fn locations_clause_error_points_at_the_locations_clause() {
    let e = parse_file("bad/locations-missing-thread.litmus").unwrap_err();
    assert!(
        e.starts_with("bad/locations-missing-thread.litmus:14:12: thread 3 does not exist"),
        "{e}"
    );
}

#[test]
fn errors_never_panic_on_prefixes_of_bad_files() {
    // Every prefix of every bad file: an error (or a test), never a panic.
    for (name, _) in BAD {
        let bytes = std::fs::read(data(&format!("bad/{name}.litmus"))).unwrap();
        for end in 0..=bytes.len() {
            let _ = parse_bytes(&bytes[..end], name);
        }
    }
}

#[test]
fn a_huge_condition_is_an_error_not_a_stack_overflow() {
    let mut src = String::from(
        "C Deep\n{}\nP0(atomic_int* x) {\n  int r0 = atomic_load_explicit(x, memory_order_relaxed);\n}\nexists (0:r0=0",
    );
    for _ in 0..100_000 {
        src.push_str(" /\\ x=0");
    }
    src.push_str(")\n");
    // A bounded error, not a stack overflow.
    let e = parse(&src, "deep").unwrap_err();
    assert!(e.message.contains("too long"), "{e}");
}

#[test]
fn a_location_named_true_round_trips() {
    for l in ["true", "false"] {
        let src = format!(
            "C T\n{{ [{l}] = 0; }}\nP0(atomic_int* {l}) {{\n  \
             atomic_store_explicit({l}, 1, memory_order_relaxed);\n}}\nexists ([{l}]=1)\n"
        );
        let t = parse(&src, "f").unwrap();
        let text = print(&t);
        let again = parse(&text, "printed").unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(again.cond.prop, t.cond.prop);
    }
}
