//! The semantic rules of a litmus test, defined once: what std atomics and the lab's stages can
//! express. The parser enforces them as it reads (with the exact position of each offence);
//! [`test()`] checks a whole [`Test`] however it was made (parsed, built in code), so code
//! generation, the interpreter and the model checker rely on one definition instead of their
//! own copies.
//!
//! This file is std-only: `build.rs` includes it.

use super::ast::{Op, Span, Test, Value, Var};

/// The values an `atomic_int` (a Rust `AtomicI32`) holds.
pub const VALUE_RANGE: std::ops::RangeInclusive<i64> = (i32::MIN as i64)..=(i32::MAX as i64);

/// A broken rule, at a position of the test's source (1:1 where there is none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckError {
    pub span: Span,
    pub message: String,
}

impl CheckError {
    /// `FILE:LINE:COL: message`.
    pub fn located(&self, file: &str) -> String {
        format!(
            "{file}:{}:{}: {}",
            self.span.line.max(1),
            self.span.col.max(1),
            self.message
        )
    }
}

/// A litmus constant as the `i32` the hardware stores, or why not.
pub fn value(v: i64) -> Result<i32, String> {
    i32::try_from(v).map_err(|_| format!("value {v} does not fit an atomic_int (32-bit)"))
}

/// Every rule on a whole test: values fit an `atomic_int`, orderings std atomics accept,
/// accesses name a parameter of their thread, registers are defined before they are read,
/// the condition names existing registers and locations.
pub fn test(t: &Test) -> Result<(), CheckError> {
    let at = |span: Span, message: String| CheckError { span, message };
    let start = Span { line: 1, col: 1 };
    for (l, v) in &t.init {
        value(*v).map_err(|m| at(start, format!("initial value of {l}: {m}")))?;
    }
    let locs = t.locations_all();
    for (i, th) in t.threads.iter().enumerate() {
        if th.index != i {
            return Err(at(
                th.span,
                format!("thread P{} out of order: expected P{i}", th.index),
            ));
        }
        let mut defined: Vec<&str> = Vec::new();
        for st in &th.body {
            let bad = |m: String| Err(at(st.span, m));
            if let Some(m) = st.op.rust_rejects() {
                return bad(m);
            }
            if let Some(l) = st.op.loc() {
                if !th.params.iter().any(|p| p == l) {
                    return bad(format!("location {l} is not a parameter of P{}", th.index));
                }
            }
            for v in st.op.values() {
                match v {
                    Value::Const(c) => {
                        if let Err(m) = value(*c) {
                            return bad(m);
                        }
                    }
                    Value::Reg(r) if !defined.contains(&r.as_str()) => {
                        return bad(format!("register {r} is read before it is defined"));
                    }
                    Value::Reg(_) => {}
                }
            }
            if let Op::CompareExchange { expected, .. } = &st.op {
                if !defined.contains(&expected.as_str()) {
                    return bad(format!("register {expected} is read before it is defined"));
                }
            }
            defined.extend(st.op.defs());
        }
    }
    let mut vars = Vec::new();
    t.cond.prop.vars(&mut vars);
    vars.extend(t.locations.iter().cloned());
    for v in &vars {
        match v {
            Var::Reg { thread, reg } => {
                let known = t
                    .threads
                    .get(*thread)
                    .is_some_and(|th| th.registers().iter().any(|r| r == reg));
                if !known {
                    return Err(at(
                        t.cond.span,
                        format!("register `{thread}:{reg}` is not defined by thread P{thread}"),
                    ));
                }
            }
            Var::Loc(l) => {
                if !locs.contains(l) {
                    return Err(at(t.cond.span, format!("unknown location `{l}`")));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::litmus::build::{exists, load, reg, store, thread};
    use crate::litmus::MemOrder;

    fn one(body: Vec<crate::litmus::Stmt>) -> Test {
        Test {
            name: "T".into(),
            doc: None,
            init: vec![],
            threads: vec![thread(0, &["x"], body)],
            locations: vec![],
            cond: exists(reg(0, "r0", 0)),
        }
    }

    #[test]
    fn accepts_a_well_formed_test_and_names_each_broken_rule() {
        let good = one(vec![load("r0", "x", MemOrder::Acquire)]);
        assert_eq!(test(&good), Ok(()));
        let mut t = good.clone();
        t.threads[0].body = vec![load("r0", "x", MemOrder::Release)];
        assert!(test(&t).unwrap_err().message.contains("a load cannot"));
        let mut t = good.clone();
        t.threads[0].body.push(store("y", MemOrder::Relaxed));
        assert!(test(&t).unwrap_err().message.contains("not a parameter"));
        let mut t = good.clone();
        t.init.push(("x".into(), 1 << 40));
        assert!(test(&t).unwrap_err().message.contains("does not fit"));
        let mut t = good.clone();
        t.cond = exists(reg(0, "r9", 0));
        assert!(test(&t).unwrap_err().message.contains("r9"));
        let mut t = good;
        t.threads[0].body.insert(
            0,
            crate::litmus::build::stmt(Op::Store {
                loc: "x".into(),
                val: Value::Reg("r0".into()),
                ord: MemOrder::Relaxed,
            }),
        );
        assert!(test(&t)
            .unwrap_err()
            .message
            .contains("before it is defined"));
    }
}
