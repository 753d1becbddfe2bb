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
    s.push('{');
    for (l, v) in &test.init {
        let _ = write!(s, " [{l}] = {v};");
    }
    s.push_str(if test.init.is_empty() { "}\n" } else { " }\n" });
    for t in &test.threads {
        let params: Vec<String> = t
            .params
            .iter()
            .map(|p| format!("atomic_int* {p}"))
            .collect();
        let _ = writeln!(s, "\nP{}({}) {{", t.index, params.join(", "));
        for st in &t.body {
            let _ = writeln!(s, "  {}", print_op(&st.op));
        }
        s.push_str("}\n");
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

/// One statement in C syntax, e.g. `int r0 = atomic_load_explicit(y, memory_order_acquire);`
pub fn print_op(op: &Op) -> String {
    let assign = |reg: &Option<String>| {
        reg.as_ref()
            .map(|r| format!("int {r} = "))
            .unwrap_or_default()
    };
    match op {
        Op::Local { reg, val } => format!("int {reg} = {val};"),
        Op::Load { reg, loc, ord } => {
            format!("int {reg} = atomic_load_explicit({loc}, {});", ord.c_name())
        }
        Op::Store { loc, val, ord } => {
            format!("atomic_store_explicit({loc}, {val}, {});", ord.c_name())
        }
        Op::Fence { ord } => format!("atomic_thread_fence({});", ord.c_name()),
        Op::Exchange { reg, loc, val, ord } => format!(
            "{}atomic_exchange_explicit({loc}, {val}, {});",
            assign(reg),
            ord.c_name()
        ),
        Op::FetchAdd { reg, loc, val, ord } => format!(
            "{}atomic_fetch_add_explicit({loc}, {val}, {});",
            assign(reg),
            ord.c_name()
        ),
        Op::CompareExchange {
            reg,
            loc,
            expected,
            desired,
            success,
            failure,
        } => format!(
            "{}atomic_compare_exchange_strong_explicit({loc}, &{expected}, {desired}, {}, {});",
            assign(reg),
            success.c_name(),
            failure.c_name()
        ),
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
