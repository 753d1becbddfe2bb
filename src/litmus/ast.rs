//! The one `Test` type that flows through the lab: parser → codegen, model checker, compile
//! mapping, runner and reports.
//!
//! This file depends on `std` only, because `build.rs` includes it (with `parse.rs`) to turn
//! the catalog into Rust thread functions.

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

/// An operand: a constant or a thread-local register (a data dependency).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    Const(i64),
    Reg(String),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Const(v) => write!(f, "{v}"),
            Value::Reg(r) => f.write_str(r),
        }
    }
}

/// One statement of a thread body. Thread bodies are straight-line code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// `int r = v;` or `int r;` (v = 0): a local register, no memory access.
    Local { reg: String, val: Value },
    /// `int r = atomic_load_explicit(x, ord);` (or `r = ...` for a declared register)
    Load {
        reg: String,
        loc: String,
        ord: MemOrder,
    },
    /// `atomic_store_explicit(x, v, ord);`
    Store {
        loc: String,
        val: Value,
        ord: MemOrder,
    },
    /// `atomic_thread_fence(ord);`
    Fence { ord: MemOrder },
    /// `[int r =] atomic_exchange_explicit(x, v, ord);`
    Exchange {
        reg: Option<String>,
        loc: String,
        val: Value,
        ord: MemOrder,
    },
    /// `[int r =] atomic_fetch_add_explicit(x, v, ord);` (r receives the old value)
    FetchAdd {
        reg: Option<String>,
        loc: String,
        val: Value,
        ord: MemOrder,
    },
    /// `[int r =] atomic_compare_exchange_strong_explicit(x, &e, v, succ, fail);`
    /// `e` is a register holding the expected value; on failure it receives the current
    /// value (C semantics). `r` receives 1 on success, 0 on failure.
    CompareExchange {
        reg: Option<String>,
        loc: String,
        expected: String,
        desired: Value,
        success: MemOrder,
        failure: MemOrder,
    },
}

impl Op {
    /// The location this statement accesses, if any.
    pub fn loc(&self) -> Option<&str> {
        match self {
            Op::Local { .. } | Op::Fence { .. } => None,
            Op::Load { loc, .. }
            | Op::Store { loc, .. }
            | Op::Exchange { loc, .. }
            | Op::FetchAdd { loc, .. }
            | Op::CompareExchange { loc, .. } => Some(loc),
        }
    }

    /// The value operands this statement reads (stored, exchanged, added, desired).
    pub fn values(&self) -> Vec<&Value> {
        match self {
            Op::Local { val, .. }
            | Op::Store { val, .. }
            | Op::Exchange { val, .. }
            | Op::FetchAdd { val, .. } => vec![val],
            Op::CompareExchange { desired, .. } => vec![desired],
            Op::Load { .. } | Op::Fence { .. } => vec![],
        }
    }

    /// Registers this statement writes.
    pub fn defs(&self) -> Vec<&str> {
        match self {
            Op::Local { reg, .. } | Op::Load { reg, .. } => vec![reg],
            Op::Store { .. } | Op::Fence { .. } => vec![],
            Op::Exchange { reg, .. } | Op::FetchAdd { reg, .. } => {
                reg.as_deref().into_iter().collect()
            }
            Op::CompareExchange { reg, expected, .. } => {
                let mut v: Vec<&str> = reg.as_deref().into_iter().collect();
                v.push(expected);
                v
            }
        }
    }

    /// Why Rust's std atomics would panic on this statement's ordering, if they would: a load
    /// with Release/AcqRel, a store with Acquire/AcqRel, a Relaxed fence, a compare-exchange
    /// whose failure ordering is Release/AcqRel. The one definition the parser, codegen, the
    /// interpreter and the model checker share.
    pub fn rust_rejects(&self) -> Option<String> {
        use MemOrder::*;
        match self {
            Op::Load { ord, .. } if matches!(ord, Release | AcqRel) => Some(format!(
                "a load cannot have ordering `{}`",
                ord.c_name()
            )),
            Op::Store { ord, .. } if matches!(ord, Acquire | AcqRel) => Some(format!(
                "a store cannot have ordering `{}`",
                ord.c_name()
            )),
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

    /// The memory orderings this statement carries (CAS: success then failure).
    pub fn orders(&self) -> Vec<MemOrder> {
        match self {
            Op::Local { .. } => vec![],
            Op::Load { ord, .. }
            | Op::Store { ord, .. }
            | Op::Fence { ord }
            | Op::Exchange { ord, .. }
            | Op::FetchAdd { ord, .. } => vec![*ord],
            Op::CompareExchange {
                success, failure, ..
            } => vec![*success, *failure],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stmt {
    pub op: Op,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Thread {
    /// `N` in `PN(...)`; threads are stored in index order 0, 1, 2, ...
    pub index: usize,
    /// Location names from the parameter list `atomic_int* x`.
    pub params: Vec<String>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

impl Thread {
    /// Registers of this thread in order of first definition.
    pub fn registers(&self) -> Vec<String> {
        let mut seen = Vec::<String>::new();
        for s in &self.body {
            for r in s.op.defs() {
                if !seen.iter().any(|x| x == r) {
                    seen.push(r.to_string());
                }
            }
        }
        seen
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
    /// Initial values; locations not listed start at 0.
    pub init: Vec<(String, i64)>,
    pub threads: Vec<Thread>,
    /// The optional `locations [x; 1:r0;]` clause: extra variables to record.
    pub locations: Vec<Var>,
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
                set.insert(p.clone());
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
