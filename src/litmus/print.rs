//! Print a [`Test`] back in herd7's C litmus syntax. `parse(print(t)) == t` up to spans.

use super::ast::*;
use std::fmt::Write;

/// The canonical text of a test.
pub fn print(test: &Test) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "C {}", test.name);
    if let Some(doc) = &test.doc {
        let _ = writeln!(s, "\"{doc}\"");
    }
    for (k, v) in &test.meta {
        let _ = writeln!(s, "{k}={v}");
    }
    s.push('{');
    for (l, v) in &test.init {
        let _ = write!(s, " [{l}] = {v};");
    }
    s.push_str(if test.init.is_empty() { "}\n" } else { " }\n" });
    for t in &test.threads {
        let params: Vec<String> = t
            .params
            .iter()
            .map(|p| format!("{} {}", p.ty.c_name(), p.name))
            .collect();
        let _ = writeln!(s, "\nP{}({}) {{", t.index, params.join(", "));
        block(&mut s, &t.body, 1);
        s.push_str("}\n");
    }
    if !test.regions.is_empty() {
        let rs: Vec<String> = test
            .regions
            .iter()
            .map(|(l, r)| format!("{l}:{r}"))
            .collect();
        let _ = writeln!(s, "\nregions: {}", rs.join(" "));
    }
    if !test.locations.is_empty() {
        let vars: Vec<String> = test.locations.iter().map(|v| format!("{v};")).collect();
        let _ = writeln!(s, "\nlocations [{}]", vars.join(" "));
    }
    let q = match test.cond.quant {
        Quantifier::Exists => "exists",
        Quantifier::NotExists => "~exists",
        Quantifier::Forall => "forall",
    };
    let _ = writeln!(s, "\n{q} ({})", print_prop(&test.cond.prop, 0));
    s
}

fn block(s: &mut String, body: &[Stmt], indent: usize) {
    let pad = "  ".repeat(indent);
    for st in body {
        match &st.op {
            Op::If { cond, then, els } => {
                let _ = writeln!(s, "{pad}if ({cond}) {{");
                block(s, then, indent + 1);
                if els.is_empty() {
                    let _ = writeln!(s, "{pad}}}");
                } else {
                    let _ = writeln!(s, "{pad}}} else {{");
                    block(s, els, indent + 1);
                    let _ = writeln!(s, "{pad}}}");
                }
            }
            op => {
                let _ = writeln!(s, "{pad}{}", print_op(op));
            }
        }
    }
}

/// One statement in C syntax, e.g. `int r0 = atomic_load_explicit(y, memory_order_acquire);`
/// (an `if` on one line).
pub fn print_op(op: &Op) -> String {
    let assign = |dst: &Option<Dst>| match dst {
        Some(Dst { reg, decl: true }) => format!("int {reg} = "),
        Some(Dst { reg, decl: false }) => format!("{reg} = "),
        None => String::new(),
    };
    match op {
        Op::Assign { reg, decl, val } => {
            format!("{}{reg} = {val};", if *decl { "int " } else { "" })
        }
        Op::Store {
            loc,
            val,
            ord: None,
        } => format!("*{loc} = {val};"),
        Op::Store {
            loc,
            val,
            ord: Some(o),
        } => format!("atomic_store_explicit({loc}, {val}, {});", o.c_name()),
        Op::Fence { ord } => format!("atomic_thread_fence({});", ord.c_name()),
        Op::Rmw {
            dst,
            op,
            loc,
            val,
            ord,
        } => format!(
            "{}atomic_{}_explicit({loc}, {val}, {});",
            assign(dst),
            op.c_stem(),
            ord.c_name()
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
            let e = match expected {
                Expected::Reg(r) => format!("&{r}"),
                Expected::Loc(l) => l.clone(),
            };
            format!(
                "{}atomic_compare_exchange_{}_explicit({loc}, {e}, {desired}, {}, {});",
                assign(dst),
                if *weak { "weak" } else { "strong" },
                success.c_name(),
                failure.c_name()
            )
        }
        Op::If { cond, then, els } => {
            let b = |v: &[Stmt]| {
                v.iter()
                    .map(|st| print_op(&st.op))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            if els.is_empty() {
                format!("if ({cond}) {{ {} }}", b(then))
            } else {
                format!("if ({cond}) {{ {} }} else {{ {} }}", b(then), b(els))
            }
        }
    }
}

/// Precedence: 0 = or, 1 = and, 2 = unary/atom.
fn print_prop(p: &Prop, ctx: u8) -> String {
    let (text, prec) = match p {
        Prop::True => ("true".to_string(), 2),
        Prop::False => ("false".to_string(), 2),
        Prop::Eq(v, k) => (format!("{v}={k}"), 2),
        Prop::Not(q) => (format!("~{}", print_prop(q, 2)), 2),
        Prop::And(a, b) => (format!("{} /\\ {}", print_prop(a, 1), print_prop(b, 2)), 1),
        Prop::Or(a, b) => (format!("{} \\/ {}", print_prop(a, 0), print_prop(b, 1)), 0),
    };
    if prec < ctx {
        format!("({text})")
    } else {
        text
    }
}
