//! Unit tests of the parser.

use super::*;

const MP: &str = "C MP+rel+acq\n\"doc\"\n{ [x] = 0; y = 0; }\n\
    P0(atomic_int* x, atomic_int* y) {\n\
      atomic_store_explicit(x, 1, memory_order_relaxed);\n\
      atomic_store_explicit(y, 1, memory_order_release);\n}\n\
    P1(atomic_int* x, atomic_int* y) {\n\
      int r0 = atomic_load_explicit(y, memory_order_acquire);\n\
      int r1 = atomic_load_explicit(x, memory_order_relaxed);\n}\n\
    exists (1:r0=1 /\\ 1:r1=0)\n";

#[test]
fn parses_message_passing() {
    let t = parse(MP, "mp.litmus").unwrap();
    assert_eq!(t.name, "MP+rel+acq");
    assert_eq!(t.doc.as_deref(), Some("doc"));
    assert_eq!(t.threads.len(), 2);
    assert_eq!(
        t.threads[1].body[0].op,
        Op::Assign {
            reg: "r0".into(),
            decl: true,
            val: Expr::Load {
                loc: "y".into(),
                ord: Some(MemOrder::Acquire)
            }
        }
    );
    assert_eq!(t.cond.quant, Quantifier::Exists);
    assert_eq!(t.observables().len(), 2);
}

#[test]
fn print_round_trips() {
    let t = parse(MP, "mp.litmus").unwrap();
    let again = parse(&crate::litmus::print(&t), "printed").unwrap();
    assert_eq!(t.name, again.name);
    assert_eq!(t.init, again.init);
    assert_eq!(t.cond.prop, again.cond.prop);
    let ops = |t: &Test| -> Vec<Op> {
        t.threads
            .iter()
            .flat_map(|th| th.body.iter().map(|s| s.op.clone()))
            .collect()
    };
    assert_eq!(ops(&t), ops(&again));
}

#[test]
fn names_with_digits_and_dots() {
    let src = MP.replace("MP+rel+acq", "2+2W+fence.sc+po");
    assert_eq!(parse(&src, "f").unwrap().name, "2+2W+fence.sc+po");
}

#[test]
fn errors_carry_line_and_column() {
    let bad = MP.replace("memory_order_acquire", "memory_order_acquir");
    let e = parse(&bad, "mp.litmus").unwrap_err();
    assert_eq!((e.line, e.col), (9, 34), "{e}");
    assert!(e
        .to_string()
        .starts_with("mp.litmus:9:34: unknown memory order"));
    let e = parse(
        &MP.replace(
            "(x, 1, memory_order_relaxed);",
            "(x, 1, memory_order_relaxed)",
        ),
        "f",
    )
    .unwrap_err();
    assert_eq!(e.line, 6, "{e}");
    let e = parse("", "empty").unwrap_err();
    assert_eq!((e.line, e.col), (1, 1));
    let e = parse_bytes(b"C X\n{ \xff }", "bytes").unwrap_err();
    assert_eq!((e.line, e.col), (2, 3));
}

#[test]
fn rejects_orderings_rust_would_panic_on() {
    let bad = MP.replace(
        "load_explicit(y, memory_order_acquire)",
        "load_explicit(y, memory_order_release)",
    );
    assert!(parse(&bad, "f")
        .unwrap_err()
        .message
        .contains("a load cannot"));
    let bad = MP.replace(
        "(y, 1, memory_order_release)",
        "(y, 1, memory_order_acquire)",
    );
    assert!(parse(&bad, "f")
        .unwrap_err()
        .message
        .contains("a store cannot"));
}

#[test]
fn never_panics_on_truncations() {
    for end in 0..MP.len() {
        if MP.is_char_boundary(end) {
            let _ = parse(&MP[..end], "t");
        }
    }
}
