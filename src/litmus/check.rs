//! The semantic rules of a litmus test, defined once: what std atomics and the lab's stages can
//! express. The parser enforces them as it reads (with the exact position of each offence);
//! [`test()`] checks a whole [`Test`] however it was made (parsed, built in code), so code
//! generation, the interpreter and the model checker rely on one definition instead of their
//! own copies.
//!
//! This file is std-only: `build.rs` includes it.

use super::ast::{Expected, Expr, Op, Span, Stmt, Test, Thread, Var};

/// The values an `atomic_int` (a Rust `AtomicI32`) holds.
pub const VALUE_RANGE: std::ops::RangeInclusive<i64> = (i32::MIN as i64)..=(i32::MAX as i64);

/// Statements of one thread, branches included.
pub const MAX_STMTS_PER_THREAD: usize = 64;
/// Nesting of `if`s and of expressions (the stages recurse on both).
pub const MAX_DEPTH: usize = 32;

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

/// The registers visible at a point of a thread body: one frame per enclosing block.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    frames: Vec<Vec<String>>,
}

impl Scope {
    pub fn new() -> Scope {
        Scope {
            frames: vec![Vec::new()],
        }
    }
    pub fn visible(&self, r: &str) -> bool {
        self.frames.iter().any(|f| f.iter().any(|x| x == r))
    }
    pub fn enter(&mut self) {
        self.frames.push(Vec::new());
    }
    pub fn leave(&mut self) {
        self.frames.pop();
    }
    pub fn declare(&mut self, r: &str) {
        if let Some(f) = self.frames.last_mut() {
            f.push(r.to_string());
        }
    }
}

/// Why a declaration `int r` is not allowed here, if it is not.
pub fn declaration(scope: &Scope, th_params: &[&str], r: &str) -> Option<String> {
    if th_params.contains(&r) {
        Some(format!("register `{r}` has the name of a location"))
    } else if scope.visible(r) {
        Some(format!("register `{r}` declared twice"))
    } else {
        None
    }
}

/// Why an expression is not allowed, if it is not: undeclared registers, a location used as a
/// register, loads of unknown locations, a load on the right of `&&`/`||` (C would evaluate it
/// only sometimes), constants outside `i32`, nesting beyond [`MAX_DEPTH`].
pub fn expr(e: &Expr, scope: &Scope, params: &[&str], depth: usize) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!(
            "expression nested too deeply (at most {MAX_DEPTH})"
        ));
    }
    match e {
        Expr::Const(c) => value(*c).map(|_| ()),
        Expr::Reg(r) if params.contains(&r.as_str()) && !scope.visible(r) => Err(format!(
            "`{r}` is a location: read it with `*{r}` or `atomic_load_explicit({r}, ...)`"
        )),
        Expr::Reg(r) if !scope.visible(r) => Err(format!("undeclared register `{r}`")),
        Expr::Reg(_) => Ok(()),
        Expr::Load { loc, .. } if !params.contains(&loc.as_str()) => Err(format!(
            "unknown location `{loc}`: not a parameter of this thread"
        )),
        Expr::Load { .. } => Ok(()),
        Expr::Unary(_, a) => expr(a, scope, params, depth + 1),
        Expr::Binary(op, a, b) => {
            if op.short_circuits() && b.has_load() {
                return Err(format!(
                    "a load on the right of `{}` is not supported: C would make it only \
                     sometimes; load into a register first",
                    op.symbol()
                ));
            }
            expr(a, scope, params, depth + 1)?;
            expr(b, scope, params, depth + 1)
        }
    }
}

/// Every rule of one statement, given the registers in scope before it; declares what it
/// declares. An `if`'s branches are checked by the caller.
pub fn stmt(op: &Op, scope: &mut Scope, params: &[&str]) -> Result<(), String> {
    if let Some(m) = op.rust_rejects() {
        return Err(m);
    }
    if let Some(l) = op.loc() {
        if !params.contains(&l) {
            return Err(format!(
                "unknown location `{l}`: not a parameter of this thread"
            ));
        }
    }
    for e in op.exprs() {
        expr(e, scope, params, 0)?;
    }
    if let Op::CompareExchange { expected, dst, .. } = op {
        match expected {
            Expected::Reg(e) if !scope.visible(e) => {
                return Err(format!("undeclared register `{e}`"))
            }
            Expected::Loc(l) if !params.contains(&l.as_str()) => {
                return Err(format!(
                    "unknown location `{l}`: not a parameter of this thread"
                ))
            }
            _ => {}
        }
        if let (Some(d), Expected::Reg(e)) = (dst, expected) {
            if d.reg == *e {
                return Err(
                    "the result register of a compare-exchange must differ from \
                            its expected-value register"
                        .into(),
                );
            }
        }
    }
    for r in op.defs() {
        if op.declares() == Some(r) {
            if let Some(m) = declaration(scope, params, r) {
                return Err(m);
            }
        } else if !scope.visible(r) {
            return Err(if params.contains(&r) {
                format!(
                    "`{r}` is a location: store to it with `*{r} = ...` or `atomic_store_explicit`"
                )
            } else {
                format!("undeclared register `{r}`: declare it with `int {r} = ...;`")
            });
        }
    }
    if let Some(r) = op.declares() {
        scope.declare(r);
    }
    Ok(())
}

fn body(
    th: &Thread,
    stmts: &[Stmt],
    scope: &mut Scope,
    count: &mut usize,
    depth: usize,
) -> Result<(), CheckError> {
    let params = th.param_names();
    for st in stmts {
        let at = |message: String| CheckError {
            span: st.span,
            message,
        };
        *count += 1;
        if *count > MAX_STMTS_PER_THREAD {
            return Err(at(format!(
                "thread P{} is too long: at most {MAX_STMTS_PER_THREAD} statements",
                th.index
            )));
        }
        if depth > MAX_DEPTH {
            return Err(at(format!("`if`s nested too deeply (at most {MAX_DEPTH})")));
        }
        stmt(&st.op, scope, &params).map_err(at)?;
        for b in st.op.branches() {
            scope.enter();
            body(th, b, scope, count, depth + 1)?;
            scope.leave();
        }
    }
    Ok(())
}

/// Every rule on a whole test: values fit an `atomic_int`, orderings std atomics accept,
/// accesses name a parameter of their thread, registers are declared (in scope) before they
/// are read or assigned, the condition names existing registers and locations.
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
        let mut seen: Vec<&str> = Vec::new();
        for p in &th.params {
            if seen.contains(&p.name.as_str()) {
                return Err(at(th.span, format!("parameter `{}` listed twice", p.name)));
            }
            seen.push(&p.name);
        }
        body(th, &th.body, &mut Scope::new(), &mut 0, 0)?;
    }
    let mut vars = Vec::new();
    t.cond.prop.vars(&mut vars);
    vars.extend(t.locations.iter().cloned());
    let mut bad_value = None;
    t.cond.prop.values(&mut |k| {
        if bad_value.is_none() {
            bad_value = value(k).err();
        }
    });
    if let Some(m) = bad_value {
        return Err(at(t.cond.span, m));
    }
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
    use crate::litmus::build::{assign, exists, load, reg, store, thread};
    use crate::litmus::{BinOp, Dst, MemOrder, RmwOp};

    fn one(body: Vec<crate::litmus::Stmt>) -> Test {
        Test {
            name: "T".into(),
            doc: None,
            meta: vec![],
            init: vec![],
            threads: vec![thread(0, &["x"], body)],
            locations: vec![],
            regions: vec![],
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
        let mut t = good.clone();
        t.threads[0].body.push(assign("r1", Expr::reg("r0"), false));
        assert!(test(&t)
            .unwrap_err()
            .message
            .contains("undeclared register `r1`"));
        let mut t = good.clone();
        t.threads[0].body.push(crate::litmus::build::stmt(Op::Rmw {
            dst: Some(Dst {
                reg: "r0".into(),
                decl: true,
            }),
            op: RmwOp::Or,
            loc: "x".into(),
            val: Expr::Const(1),
            ord: MemOrder::Relaxed,
        }));
        assert!(test(&t).unwrap_err().message.contains("declared twice"));
        let mut t = good;
        t.threads[0].body.push(assign(
            "r2",
            Expr::bin(
                BinOp::And,
                Expr::reg("r0"),
                Expr::Load {
                    loc: "x".into(),
                    ord: None,
                },
            ),
            true,
        ));
        assert!(test(&t)
            .unwrap_err()
            .message
            .contains("on the right of `&&`"));
    }

    #[test]
    fn branch_scopes_end_with_their_block() {
        use crate::litmus::build::if_;
        let mut t = one(vec![
            load("r0", "x", MemOrder::Relaxed),
            if_(
                Expr::reg("r0"),
                vec![assign("r1", Expr::Const(1), true)],
                vec![assign("r1", Expr::Const(2), true)],
            ),
        ]);
        assert_eq!(test(&t), Ok(()));
        t.threads[0].body.push(assign("r1", Expr::Const(3), false));
        assert!(test(&t)
            .unwrap_err()
            .message
            .contains("undeclared register `r1`"));
    }
}
