//! The one `Test` type that flows through the lab: parser → codegen, model checker, compile
//! mapping, runner and reports.
//!
//! This file depends on `std` only, because `build.rs` includes it (with `parse.rs`) to turn
//! the catalog into Rust thread functions.

pub use super::expr::{BinOp, Expr, UnOp};
use std::collections::BTreeSet;
use std::fmt;

/// A position in a litmus source file, 1-based.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub line: u32,
    pub col: u32,
}

/// A C11 / Rust memory ordering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MemOrder {
    Relaxed,
    Acquire,
    Release,
    AcqRel,
    SeqCst,
}

impl MemOrder {
    pub const ALL: [MemOrder; 5] = [
        MemOrder::Relaxed,
        MemOrder::Acquire,
        MemOrder::Release,
        MemOrder::AcqRel,
        MemOrder::SeqCst,
    ];

    /// herd's C spelling: `memory_order_acquire`.
    pub fn c_name(self) -> &'static str {
        match self {
            MemOrder::Relaxed => "memory_order_relaxed",
            MemOrder::Acquire => "memory_order_acquire",
            MemOrder::Release => "memory_order_release",
            MemOrder::AcqRel => "memory_order_acq_rel",
            MemOrder::SeqCst => "memory_order_seq_cst",
        }
    }

    /// Rust's spelling: `Acquire` (a variant of `std::sync::atomic::Ordering`).
    pub fn rust_name(self) -> &'static str {
        match self {
            MemOrder::Relaxed => "Relaxed",
            MemOrder::Acquire => "Acquire",
            MemOrder::Release => "Release",
            MemOrder::AcqRel => "AcqRel",
            MemOrder::SeqCst => "SeqCst",
        }
    }

    /// Short diy-style tag: rlx, acq, rel, acqrel, sc.
    pub fn short(self) -> &'static str {
        match self {
            MemOrder::Relaxed => "rlx",
            MemOrder::Acquire => "acq",
            MemOrder::Release => "rel",
            MemOrder::AcqRel => "acqrel",
            MemOrder::SeqCst => "sc",
        }
    }

    pub fn from_c_name(s: &str) -> Option<MemOrder> {
        MemOrder::ALL.into_iter().find(|o| o.c_name() == s)
    }

    pub fn is_acquire(self) -> bool {
        matches!(
            self,
            MemOrder::Acquire | MemOrder::AcqRel | MemOrder::SeqCst
        )
    }

    pub fn is_release(self) -> bool {
        matches!(
            self,
            MemOrder::Release | MemOrder::AcqRel | MemOrder::SeqCst
        )
    }
}

impl fmt::Display for MemOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rust_name())
    }
}

/// A read-modify-write operation: `atomic_exchange_explicit` and `atomic_fetch_<op>_explicit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RmwOp {
    Xchg,
    Add,
    Sub,
    Or,
    And,
    Xor,
}

impl RmwOp {
    pub const ALL: [RmwOp; 6] = [
        RmwOp::Xchg,
        RmwOp::Add,
        RmwOp::Sub,
        RmwOp::Or,
        RmwOp::And,
        RmwOp::Xor,
    ];

    /// The C function without its `atomic_` prefix and `_explicit` suffix: `fetch_or`.
    pub fn c_stem(self) -> &'static str {
        match self {
            RmwOp::Xchg => "exchange",
            RmwOp::Add => "fetch_add",
            RmwOp::Sub => "fetch_sub",
            RmwOp::Or => "fetch_or",
            RmwOp::And => "fetch_and",
            RmwOp::Xor => "fetch_xor",
        }
    }

    /// The method of Rust's `AtomicI32`: `fetch_or`, `swap`.
    pub fn rust_method(self) -> &'static str {
        match self {
            RmwOp::Xchg => "swap",
            other => other.c_stem(),
        }
    }

    pub fn from_c_stem(s: &str) -> Option<RmwOp> {
        RmwOp::ALL.into_iter().find(|o| o.c_stem() == s)
    }

    /// The value written, from the value read and the operand (wrapping, as the hardware).
    pub fn apply(self, old: i32, v: i32) -> i32 {
        match self {
            RmwOp::Xchg => v,
            RmwOp::Add => old.wrapping_add(v),
            RmwOp::Sub => old.wrapping_sub(v),
            RmwOp::Or => old | v,
            RmwOp::And => old & v,
            RmwOp::Xor => old ^ v,
        }
    }
}

/// Where a compare-exchange keeps its expected value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Expected {
    /// `&e`, a register (an orderlab extension: herd7's C has no `&`); on failure it
    /// receives the value found.
    Reg(String),
    /// `e`, a location (herd7's form): read with a plain load before the operation, written
    /// with a plain store on failure.
    Loc(String),
}

/// The register an operation's result goes to: `int r = ...` (`decl`) or `r = ...`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Dst {
    pub reg: String,
    pub decl: bool,
}

/// One statement of a thread body.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// `int r = e;`, `int r;` (e = 0), `r = e;` (not `decl`). Loads in `e` are reads of
    /// shared memory (`int r = atomic_load_explicit(x, o);`, `int r = *x;`).
    Assign { reg: String, decl: bool, val: Expr },
    /// `*x = e;` (`ord: None`, a plain store) or `atomic_store_explicit(x, e, ord);`
    Store {
        loc: String,
        val: Expr,
        ord: Option<MemOrder>,
    },
    /// `atomic_thread_fence(ord);`
    Fence { ord: MemOrder },
    /// `[int r =] atomic_exchange_explicit(x, e, ord);`, `atomic_fetch_add_explicit`, `_sub`,
    /// `_or`, `_and`, `_xor`: `r` receives the old value.
    Rmw {
        dst: Option<Dst>,
        op: RmwOp,
        loc: String,
        val: Expr,
        ord: MemOrder,
    },
    /// `[int r =] atomic_compare_exchange_{strong,weak}_explicit(x, &e | e, desired, succ,
    /// fail);` `r` receives 1 on success, 0 on failure; on failure the expected value's home
    /// receives the value found. A weak one may fail although the values are equal.
    CompareExchange {
        dst: Option<Dst>,
        loc: String,
        expected: Expected,
        desired: Expr,
        success: MemOrder,
        failure: MemOrder,
        weak: bool,
    },
    /// `if (cond) { then } else { els }` (`cond` is true when not 0).
    If {
        cond: Expr,
        then: Vec<Stmt>,
        els: Vec<Stmt>,
    },
}

impl Op {
    /// The location this statement's own operation accesses (not the loads of its
    /// expressions, not a compare-exchange's expected location).
    pub fn loc(&self) -> Option<&str> {
        match self {
            Op::Assign { .. } | Op::Fence { .. } | Op::If { .. } => None,
            Op::Store { loc, .. } | Op::Rmw { loc, .. } | Op::CompareExchange { loc, .. } => {
                Some(loc)
            }
        }
    }

    /// The expressions this statement evaluates, in evaluation order (an `if`: its condition).
    pub fn exprs(&self) -> Vec<&Expr> {
        match self {
            Op::Assign { val, .. } | Op::Store { val, .. } | Op::Rmw { val, .. } => vec![val],
            Op::CompareExchange { desired, .. } => vec![desired],
            Op::If { cond, .. } => vec![cond],
            Op::Fence { .. } => vec![],
        }
    }

    /// Registers this statement writes (not those of an `if`'s branches).
    pub fn defs(&self) -> Vec<&str> {
        match self {
            Op::Assign { reg, .. } => vec![reg],
            Op::Store { .. } | Op::Fence { .. } | Op::If { .. } => vec![],
            Op::Rmw { dst, .. } => dst.iter().map(|d| d.reg.as_str()).collect(),
            Op::CompareExchange { dst, expected, .. } => {
                let mut v: Vec<&str> = dst.iter().map(|d| d.reg.as_str()).collect();
                if let Expected::Reg(e) = expected {
                    v.push(e);
                }
                v
            }
        }
    }

    /// Registers this statement reads (its expressions', a register expected value).
    pub fn uses(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.exprs().into_iter().flat_map(Expr::regs).collect();
        if let Op::CompareExchange {
            expected: Expected::Reg(e),
            ..
        } = self
        {
            v.push(e);
        }
        v
    }

    /// The register a statement declares (`int r ...`), if it does.
    pub fn declares(&self) -> Option<&str> {
        match self {
            Op::Assign {
                reg, decl: true, ..
            } => Some(reg),
            Op::Rmw {
                dst: Some(Dst { reg, decl: true }),
                ..
            }
            | Op::CompareExchange {
                dst: Some(Dst { reg, decl: true }),
                ..
            } => Some(reg),
            _ => None,
        }
    }

    /// Why Rust's std atomics would panic on one of this statement's orderings, if they
    /// would: a load with Release/AcqRel, a store with Acquire/AcqRel, a Relaxed fence, a
    /// compare-exchange whose failure ordering is Release/AcqRel. The one definition the
    /// parser, codegen, the interpreter and the model checker share.
    pub fn rust_rejects(&self) -> Option<String> {
        use MemOrder::*;
        for e in self.exprs() {
            for (_, ord) in e.loads() {
                if let Some(o @ (Release | AcqRel)) = ord {
                    return Some(format!("a load cannot have ordering `{}`", o.c_name()));
                }
            }
        }
        match self {
            Op::Store {
                ord: Some(o @ (Acquire | AcqRel)),
                ..
            } => Some(format!("a store cannot have ordering `{}`", o.c_name())),
            Op::Fence { ord: Relaxed } => Some(
                "a fence cannot be `memory_order_relaxed` (it would have no effect; Rust panics on it)"
                    .to_string(),
            ),
            Op::CompareExchange { failure, .. } if matches!(failure, Release | AcqRel) => {
                Some(format!(
                    "a compare-exchange failure ordering cannot be `{}`",
                    failure.c_name()
                ))
            }
            _ => None,
        }
    }

    /// The memory orderings of this statement's own operation (CAS: success then failure);
    /// `None` for a plain access.
    pub fn orders(&self) -> Vec<Option<MemOrder>> {
        match self {
            Op::Assign { .. } | Op::If { .. } => vec![],
            Op::Store { ord, .. } => vec![*ord],
            Op::Fence { ord } | Op::Rmw { ord, .. } => vec![Some(*ord)],
            Op::CompareExchange {
                success, failure, ..
            } => vec![Some(*success), Some(*failure)],
        }
    }

    /// The statements of an `if`'s branches (empty otherwise).
    pub fn branches(&self) -> [&[Stmt]; 2] {
        match self {
            Op::If { then, els, .. } => [then, els],
            _ => [&[], &[]],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stmt {
    pub op: Op,
    pub span: Span,
}

/// Visit statements in source order, an `if` before its branches.
pub fn walk<'a>(body: &'a [Stmt], f: &mut dyn FnMut(&'a Stmt)) {
    for s in body {
        f(s);
        for b in s.op.branches() {
            walk(b, f);
        }
    }
}

/// The declared type of a thread's location parameter. It documents intent: what an access
/// does is decided by the access (`*x` is plain, `atomic_*` is atomic), as in herd7, where
/// threads may even declare one location with different types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamType {
    /// `atomic_int*`
    AtomicInt,
    /// `int*`
    Int,
    /// `volatile int*`
    VolatileInt,
    /// `const int*`
    ConstInt,
}

impl ParamType {
    pub fn c_name(self) -> &'static str {
        match self {
            ParamType::AtomicInt => "atomic_int*",
            ParamType::Int => "int*",
            ParamType::VolatileInt => "volatile int*",
            ParamType::ConstInt => "const int*",
        }
    }
}

/// A location parameter of a thread: `atomic_int* x`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Param {
    pub name: String,
    pub ty: ParamType,
}

impl Param {
    pub fn atomic(name: &str) -> Param {
        Param {
            name: name.to_string(),
            ty: ParamType::AtomicInt,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Thread {
    /// `N` in `PN(...)`; threads are stored in index order 0, 1, 2, ...
    pub index: usize,
    /// The location parameters, in order.
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

impl Thread {
    /// The parameter names, in order.
    pub fn param_names(&self) -> Vec<&str> {
        self.params.iter().map(|p| p.name.as_str()).collect()
    }

    pub fn has_param(&self, loc: &str) -> bool {
        self.params.iter().any(|p| p.name == loc)
    }

    /// Registers of this thread in order of first definition (in the source, branches
    /// included; a register named in two branches is one register).
    pub fn registers(&self) -> Vec<String> {
        let mut seen = Vec::<String>::new();
        walk(&self.body, &mut |s| {
            for r in s.op.defs() {
                if !seen.iter().any(|x| x == r) {
                    seen.push(r.to_string());
                }
            }
        });
        seen
    }

    /// Does some statement (branches included) load `loc`?
    pub fn loads(&self, loc: &str) -> bool {
        let mut found = false;
        walk(&self.body, &mut |s| {
            found |= s
                .op
                .exprs()
                .iter()
                .any(|e| e.loads().iter().any(|(l, _)| *l == loc))
                || matches!(&s.op, Op::Rmw { loc: l, .. } | Op::CompareExchange { loc: l, .. } if l == loc);
        });
        found
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantifier {
    /// `exists P`: some execution may end in a state satisfying P.
    Exists,
    /// `~exists P`: no execution ends in a state satisfying P.
    NotExists,
    /// `forall P`: every execution ends in a state satisfying P.
    Forall,
}

/// A variable of a final state: a thread's register or a shared location.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Var {
    Reg { thread: usize, reg: String },
    Loc(String),
}

impl fmt::Display for Var {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Var::Reg { thread, reg } => write!(f, "{thread}:{reg}"),
            Var::Loc(l) => f.write_str(l),
        }
    }
}

/// A proposition over a final state.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Prop {
    True,
    False,
    /// `var = value`
    Eq(Var, i64),
    Not(Box<Prop>),
    And(Box<Prop>, Box<Prop>),
    Or(Box<Prop>, Box<Prop>),
}

impl Prop {
    /// Evaluate against a state given as a lookup function.
    pub fn eval(&self, lookup: &dyn Fn(&Var) -> i64) -> bool {
        match self {
            Prop::True => true,
            Prop::False => false,
            Prop::Eq(v, k) => lookup(v) == *k,
            Prop::Not(p) => !p.eval(lookup),
            Prop::And(a, b) => a.eval(lookup) && b.eval(lookup),
            Prop::Or(a, b) => a.eval(lookup) || b.eval(lookup),
        }
    }

    /// Every constant compared against.
    pub fn values(&self, f: &mut dyn FnMut(i64)) {
        match self {
            Prop::True | Prop::False => {}
            Prop::Eq(_, k) => f(*k),
            Prop::Not(p) => p.values(f),
            Prop::And(a, b) | Prop::Or(a, b) => {
                a.values(f);
                b.values(f);
            }
        }
    }

    /// Variables mentioned, in order of first mention.
    pub fn vars(&self, out: &mut Vec<Var>) {
        match self {
            Prop::True | Prop::False => {}
            Prop::Eq(v, _) => {
                if !out.contains(v) {
                    out.push(v.clone());
                }
            }
            Prop::Not(p) => p.vars(out),
            Prop::And(a, b) | Prop::Or(a, b) => {
                a.vars(out);
                b.vars(out);
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Condition {
    pub quant: Quantifier,
    pub prop: Prop,
    pub span: Span,
}

impl Condition {
    /// Does a final state count as "the outcome the test asks about"?
    /// For `exists P` and `~exists P` that is a state satisfying P; for `forall P` it is a
    /// state violating P. `observed` counts and `allowed` verdicts are about this predicate.
    pub fn is_target(&self, lookup: &dyn Fn(&Var) -> i64) -> bool {
        match self.quant {
            Quantifier::Exists | Quantifier::NotExists => self.prop.eval(lookup),
            Quantifier::Forall => !self.prop.eval(lookup),
        }
    }
}

/// A litmus test.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Test {
    /// The name after `C`, e.g. `MP+rel+acq`.
    pub name: String,
    /// The optional quoted doc string after the name.
    pub doc: Option<String>,
    /// The `Key=value` lines between the doc string and the initial state (diy7 writes
    /// `Generator=`, `Com=`, `Orig=`, ...), kept to be printed back; they mean nothing to the
    /// lab.
    pub meta: Vec<(String, String)>,
    /// Initial values; locations not listed start at 0.
    pub init: Vec<(String, i64)>,
    pub threads: Vec<Thread>,
    /// The optional `locations [x; 1:r0;]` clause: extra variables to record.
    pub locations: Vec<Var>,
    /// herd7's `regions: x:NAME ...` clause (memory-region names for its bell models), kept
    /// to be printed back; no model of the lab reads it.
    pub regions: Vec<(String, String)>,
    /// The final condition; a file without one has `forall (true)`, as in herd7.
    pub cond: Condition,
}

impl Test {
    /// Every shared location, sorted (from init, parameters and the condition).
    pub fn locations_all(&self) -> Vec<String> {
        let mut set = BTreeSet::new();
        for (l, _) in &self.init {
            set.insert(l.clone());
        }
        for t in &self.threads {
            for p in &t.params {
                set.insert(p.name.clone());
            }
        }
        let mut vars = Vec::new();
        self.cond.prop.vars(&mut vars);
        vars.extend(self.locations.iter().cloned());
        for v in vars {
            if let Var::Loc(l) = v {
                set.insert(l);
            }
        }
        set.into_iter().collect()
    }

    /// The initial value of a location.
    pub fn init_value(&self, loc: &str) -> i64 {
        self.init
            .iter()
            .find(|(l, _)| l == loc)
            .map(|(_, v)| *v)
            .unwrap_or(0)
    }

    /// The variables of a recorded final state, in a fixed order shared by the runner and the
    /// model checker: every register of every thread (thread order, then order of definition),
    /// then the shared locations named in the condition or the `locations` clause (sorted).
    pub fn observables(&self) -> Vec<Var> {
        let mut out = Vec::new();
        for t in &self.threads {
            for r in t.registers() {
                out.push(Var::Reg {
                    thread: t.index,
                    reg: r,
                });
            }
        }
        let mut vars = Vec::new();
        self.cond.prop.vars(&mut vars);
        vars.extend(self.locations.iter().cloned());
        let mut locs: Vec<String> = vars
            .into_iter()
            .filter_map(|v| match v {
                Var::Loc(l) => Some(l),
                Var::Reg { .. } => None,
            })
            .collect();
        locs.sort();
        locs.dedup();
        out.extend(locs.into_iter().map(Var::Loc));
        out
    }

    /// Is a final state (aligned with [`Test::observables`]) the outcome the test asks about?
    pub fn is_target(&self, observables: &[Var], state: &[i64]) -> bool {
        let lookup = |v: &Var| {
            observables
                .iter()
                .position(|o| o == v)
                .map(|i| state[i])
                .unwrap_or(0)
        };
        self.cond.is_target(&lookup)
    }

    /// The test with every source position cleared (statements nested in `if`s included):
    /// for comparing a test with its printed and reparsed copy.
    pub fn without_spans(&self) -> Test {
        fn clear(body: &mut [Stmt]) {
            for s in body {
                s.span = Span::default();
                if let Op::If { then, els, .. } = &mut s.op {
                    clear(then);
                    clear(els);
                }
            }
        }
        let mut t = self.clone();
        t.cond.span = Span::default();
        for th in &mut t.threads {
            th.span = Span::default();
            clear(&mut th.body);
        }
        t
    }

    /// A Rust identifier derived from the name: `MP+rel+acq` → `mp_rel_acq`,
    /// `2+2W+rlx` → `t_2_2w_rlx`.
    pub fn ident(&self) -> String {
        ident_of(&self.name)
    }
}

/// See [`Test::ident`].
pub fn ident_of(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if s.starts_with(|c: char| c.is_ascii_digit()) || s.is_empty() {
        s.insert_str(0, "t_");
    }
    s
}

/// Format a final state in litmus7's style: `0:r0=1; 1:r0=0; x=1;`
pub fn format_state(observables: &[Var], state: &[i64]) -> String {
    let mut s = String::new();
    for (v, x) in observables.iter().zip(state) {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&format!("{v}={x};"));
    }
    s
}
