//! Building litmus tests in code (map-driven tests and asm kernels describe their abstract
//! protocol this way). Statements carry no source position.

use super::ast::*;

/// A statement without a source position.
pub fn stmt(op: Op) -> Stmt {
    Stmt {
        op,
        span: Span::default(),
    }
}

/// `atomic_store_explicit(loc, 1, ord);`
pub fn store(loc: &str, ord: MemOrder) -> Stmt {
    stmt(Op::Store {
        loc: loc.into(),
        val: Expr::Const(1),
        ord: Some(ord),
    })
}

/// `int reg = atomic_load_explicit(loc, ord);`
pub fn load(reg: &str, loc: &str, ord: MemOrder) -> Stmt {
    assign(
        reg,
        Expr::Load {
            loc: loc.into(),
            ord: Some(ord),
        },
        true,
    )
}

/// `int reg = val;` (`decl`) or `reg = val;`
pub fn assign(reg: &str, val: Expr, decl: bool) -> Stmt {
    stmt(Op::Assign {
        reg: reg.into(),
        decl,
        val,
    })
}

/// `if (cond) { then } else { els }`
pub fn if_(cond: Expr, then: Vec<Stmt>, els: Vec<Stmt>) -> Stmt {
    stmt(Op::If { cond, then, els })
}

/// `atomic_thread_fence(ord);`
pub fn fence(ord: MemOrder) -> Stmt {
    stmt(Op::Fence { ord })
}

/// `thread:reg=v`
pub fn reg(thread: usize, reg: &str, v: i64) -> Prop {
    Prop::Eq(
        Var::Reg {
            thread,
            reg: reg.into(),
        },
        v,
    )
}

/// `a /\ b`
pub fn and(a: Prop, b: Prop) -> Prop {
    Prop::And(Box::new(a), Box::new(b))
}

/// `P<index>(atomic_int* params...) { body }`
pub fn thread(index: usize, params: &[&str], body: Vec<Stmt>) -> Thread {
    Thread {
        index,
        params: params.iter().map(|s| Param::atomic(s)).collect(),
        body,
        span: Span::default(),
    }
}

/// `exists (prop)` without a source position.
pub fn exists(prop: Prop) -> Condition {
    Condition {
        quant: Quantifier::Exists,
        prop,
        span: Span::default(),
    }
}
