//! Lowering: which instructions rustc 1.95 emits for each operation, ordering and target
//! (`--release`, std atomics), and which dependencies and branches its code keeps: the compile
//! mapping measured and recorded in `docs/platforms.md`.
//!
//! The models use it to give the verdict of the code rustc actually emits, and the asm
//! checker uses it to know which ordering-relevant instructions to expect:
//!
//! ```
//! use orderlab::machine::Target;
//! use orderlab::model::exec::Access;
//! use orderlab::model::lower::{lower_access, Insn};
//! use orderlab::litmus::MemOrder;
//! let store = Access::Store(Some(MemOrder::SeqCst));
//! assert_eq!(lower_access(store, Target::X86_64), vec![Insn::Xchg]);
//! assert_eq!(lower_access(store, Target::Aarch64)[0].mnemonic(), "stlr");
//! // A plain access is the Relaxed one's instruction.
//! assert_eq!(lower_access(Access::Load(None), Target::Aarch64), vec![Insn::Ldr]);
//! ```
//!
//! An instruction class stands for the ordering-relevant instruction of an operation; the
//! register moves and address computations around it are not listed. A SeqCst fence on x86
//! is a locked `or` of zero into the stack ([`Insn::LockOrStack`]); weaker fences emit nothing
//! on x86. Read-modify-writes on default aarch64 are calls to the outline-atomics helpers
//! (`__aarch64_swp4_acq_rel`, ...: the `4` is the size of the litmus language's `atomic_int`,
//! an `AtomicI32`), which use LSE instructions or an exclusive-access loop. A plain access
//! (`*x`) runs as a Relaxed atomic one (README: plain accesses), so it is the same `mov`,
//! `ldr` or `str`.
//!
//! Dependencies: rustc keeps a data dependency unless the value folds to a constant
//! ([`folds`]: `r ^ r`, `r - r`, `r & 0`, ...), and keeps a conditional branch for an `if`
//! whose condition depends on a loaded value and whose branches access memory
//! ([`branch_kept`]), except an `if`/`else` that stores to one location in both branches,
//! which becomes one store of a selected value ([`if_is_select`]). The emitted-asm check
//! verifies these for every catalog thread (`asm::deps`).

use super::exec::Access;
use crate::litmus::{BinOp, Expr, MemOrder, Op, RmwOp, Stmt};
use crate::machine::Target;
use std::fmt;

/// The ordering semantics of an aarch64 read-modify-write (the helper's suffix or the LSE
/// instruction's `a`/`l` letters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RmwSem {
    Relax,
    Acq,
    Rel,
    AcqRel,
}

impl RmwSem {
    /// For a swap or fetch-add with ordering `ord`.
    pub fn of(ord: MemOrder) -> RmwSem {
        match ord {
            MemOrder::Relaxed => RmwSem::Relax,
            MemOrder::Acquire => RmwSem::Acq,
            MemOrder::Release => RmwSem::Rel,
            MemOrder::AcqRel | MemOrder::SeqCst => RmwSem::AcqRel,
        }
    }

    /// For a compare-exchange: the read acquires if either ordering does, the write releases
    /// if the success ordering does (LLVM merges the two orderings this way).
    pub fn of_cas(success: MemOrder, failure: MemOrder) -> RmwSem {
        match (
            success.is_acquire() || failure.is_acquire(),
            success.is_release(),
        ) {
            (false, false) => RmwSem::Relax,
            (true, false) => RmwSem::Acq,
            (false, true) => RmwSem::Rel,
            (true, true) => RmwSem::AcqRel,
        }
    }

    /// The read half is an acquire (`ldaxr`, or the `a` of `casa`).
    pub fn acquires(self) -> bool {
        matches!(self, RmwSem::Acq | RmwSem::AcqRel)
    }

    /// The write half is a release (`stlxr`, or the `l` of `casl`).
    pub fn releases(self) -> bool {
        matches!(self, RmwSem::Rel | RmwSem::AcqRel)
    }
}

/// The aarch64 read-modify-write families (LSE instructions and outline-atomics helpers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lse {
    Cas,
    Swp,
    Ldadd,
    /// fetch_or
    Ldset,
    /// fetch_and (of the complemented operand)
    Ldclr,
    /// fetch_xor
    Ldeor,
}

impl Lse {
    pub const ALL: [Lse; 6] = [
        Lse::Cas,
        Lse::Swp,
        Lse::Ldadd,
        Lse::Ldset,
        Lse::Ldclr,
        Lse::Ldeor,
    ];

    /// The family of an RMW operation (fetch_sub adds the negated operand).
    pub fn of(op: RmwOp) -> Lse {
        match op {
            RmwOp::Xchg => Lse::Swp,
            RmwOp::Add | RmwOp::Sub => Lse::Ldadd,
            RmwOp::Or => Lse::Ldset,
            RmwOp::And => Lse::Ldclr,
            RmwOp::Xor => Lse::Ldeor,
        }
    }

    fn index(self) -> usize {
        Lse::ALL.iter().position(|&l| l == self).unwrap_or(0)
    }

    /// What the operation does, in words.
    pub fn what(self) -> &'static str {
        match self {
            Lse::Cas => "compare-and-swap",
            Lse::Swp => "swap",
            Lse::Ldadd => "fetch-add",
            Lse::Ldset => "fetch-or",
            Lse::Ldclr => "fetch-and-not",
            Lse::Ldeor => "fetch-xor",
        }
    }
}

impl RmwSem {
    fn index(self) -> usize {
        match self {
            RmwSem::Relax => 0,
            RmwSem::Acq => 1,
            RmwSem::Rel => 2,
            RmwSem::AcqRel => 3,
        }
    }
}

/// `bl __aarch64_<op>4_<sem>`, by family and ordering.
const CALLS: [[&str; 4]; 6] = [
    [
        "bl __aarch64_cas4_relax",
        "bl __aarch64_cas4_acq",
        "bl __aarch64_cas4_rel",
        "bl __aarch64_cas4_acq_rel",
    ],
    [
        "bl __aarch64_swp4_relax",
        "bl __aarch64_swp4_acq",
        "bl __aarch64_swp4_rel",
        "bl __aarch64_swp4_acq_rel",
    ],
    [
        "bl __aarch64_ldadd4_relax",
        "bl __aarch64_ldadd4_acq",
        "bl __aarch64_ldadd4_rel",
        "bl __aarch64_ldadd4_acq_rel",
    ],
    [
        "bl __aarch64_ldset4_relax",
        "bl __aarch64_ldset4_acq",
        "bl __aarch64_ldset4_rel",
        "bl __aarch64_ldset4_acq_rel",
    ],
    [
        "bl __aarch64_ldclr4_relax",
        "bl __aarch64_ldclr4_acq",
        "bl __aarch64_ldclr4_rel",
        "bl __aarch64_ldclr4_acq_rel",
    ],
    [
        "bl __aarch64_ldeor4_relax",
        "bl __aarch64_ldeor4_acq",
        "bl __aarch64_ldeor4_rel",
        "bl __aarch64_ldeor4_acq_rel",
    ],
];

/// The LSE instructions, by family and ordering (`a`: acquire, `l`: release).
const LSE: [[&str; 4]; 6] = [
    ["cas", "casa", "casl", "casal"],
    ["swp", "swpa", "swpl", "swpal"],
    ["ldadd", "ldadda", "ldaddl", "ldaddal"],
    ["ldset", "ldseta", "ldsetl", "ldsetal"],
    ["ldclr", "ldclra", "ldclrl", "ldclral"],
    ["ldeor", "ldeora", "ldeorl", "ldeoral"],
];

/// An instruction class: what rustc emits for one operation (the ordering-relevant
/// instruction; see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Insn {
    // ---- x86_64 ----
    /// `mov` from memory: any load.
    MovLoad,
    /// `mov` to memory: a Relaxed or Release store.
    MovStore,
    /// `xchg`: a SeqCst store or a swap (implicitly locked).
    Xchg,
    /// `lock cmpxchg`: compare-exchange (and the loop of a fetch_or/and/xor whose result is
    /// used).
    LockCmpxchg,
    /// `lock xadd`: fetch-add, fetch-sub.
    LockXadd,
    /// `lock or` / `lock and` / `lock xor` to a location: fetch_or/and/xor, result unused.
    LockOr,
    LockAnd,
    LockXor,
    /// `lock or` of 0 to the stack: `fence(SeqCst)`.
    LockOrStack,
    /// `mfence`: not emitted by rustc for std atomics; QEMU's translation of ARM barriers
    /// and hand-written kernels use it.
    Mfence,
    /// A conditional jump (`je`, `jne`, ...).
    Jcc,
    // ---- aarch64 ----
    /// `ldr`: Relaxed or plain load.
    Ldr,
    /// `ldar`: Acquire or SeqCst load (SeqCst always; Acquire without rcpc).
    Ldar,
    /// `ldapr`: Acquire load with rcpc.
    Ldapr,
    /// `str`: Relaxed or plain store.
    Str,
    /// `stlr`: Release or SeqCst store.
    Stlr,
    /// `dmb ish`: fence Release, AcqRel or SeqCst.
    DmbIsh,
    /// `dmb ishld`: fence Acquire.
    DmbIshld,
    /// `dmb ishst`: not emitted by rustc for std fences; hand-written kernels use it.
    DmbIshst,
    /// `bl __aarch64_<op>4_<sem>`: a read-modify-write (default features: outline atomics).
    Call(Lse, RmwSem),
    /// `cas`, `swpal`, `ldsetl`, ...: a read-modify-write (+lse).
    Atomic(Lse, RmwSem),
    /// A conditional branch (`cbz`, `cbnz`, `tbz`, `tbnz`, `b.<cond>`).
    Bcond,
}

impl Insn {
    /// The instruction as it appears in assembly, operands left out; a helper call is
    /// `bl SYMBOL`. Both x86 `mov` classes give `mov`; a conditional branch is `jcc` or
    /// `b.cond`.
    pub fn mnemonic(self) -> &'static str {
        match self {
            Insn::MovLoad | Insn::MovStore => "mov",
            Insn::Xchg => "xchg",
            Insn::LockCmpxchg => "lock cmpxchg",
            Insn::LockXadd => "lock xadd",
            Insn::LockOr | Insn::LockOrStack => "lock or",
            Insn::LockAnd => "lock and",
            Insn::LockXor => "lock xor",
            Insn::Mfence => "mfence",
            Insn::Jcc => "jcc",
            Insn::Ldr => "ldr",
            Insn::Ldar => "ldar",
            Insn::Ldapr => "ldapr",
            Insn::Str => "str",
            Insn::Stlr => "stlr",
            Insn::DmbIsh => "dmb ish",
            Insn::DmbIshld => "dmb ishld",
            Insn::DmbIshst => "dmb ishst",
            Insn::Call(l, s) => CALLS[l.index()][s.index()],
            Insn::Atomic(l, s) => LSE[l.index()][s.index()],
            Insn::Bcond => "b.cond",
        }
    }

    /// One line saying what the instruction guarantees, for a student.
    pub fn gloss(self) -> &'static str {
        match self {
            Insn::MovLoad => "mov (load): plain load; x86 keeps it in order with later loads and stores",
            Insn::MovStore => "mov (store): plain store; it waits in the store buffer, so a later load may pass it",
            Insn::Xchg => "xchg: locked swap; a full barrier (drains the store buffer)",
            Insn::LockCmpxchg => "lock cmpxchg: locked compare-and-swap; a full barrier",
            Insn::LockXadd => "lock xadd: locked fetch-add; a full barrier",
            Insn::LockOr | Insn::LockAnd | Insn::LockXor => "lock or/and/xor: locked read-modify-write whose result is unused; a full barrier",
            Insn::LockOrStack => "lock or to the stack: SeqCst fence; a full barrier (cheaper than mfence)",
            Insn::Mfence => "mfence: full barrier; earlier stores are visible before later loads",
            Insn::Jcc => "jcc: conditional jump; x86-TSO orders loads and stores without it",
            Insn::Ldr => "ldr: plain load; may be reordered with accesses to other locations",
            Insn::Ldar => "ldar: Acquire load (RCsc): later accesses wait for it, and it waits for an earlier stlr",
            Insn::Ldapr => "ldapr: Acquire load (RCpc): later accesses wait for it, but it may pass an earlier stlr",
            Insn::Str => "str: plain store; may be reordered with accesses to other locations",
            Insn::Stlr => "stlr: Release store: earlier accesses are visible first",
            Insn::DmbIsh => "dmb ish: full barrier: every earlier access is ordered before every later one",
            Insn::DmbIshld => "dmb ishld: load barrier: earlier loads are ordered before every later access",
            Insn::DmbIshst => "dmb ishst: store barrier: earlier stores are ordered before later stores",
            Insn::Call(..) | Insn::Atomic(..) => "atomic read-modify-write; the suffix gives Acquire read / Release write",
            Insn::Bcond => "b.cond: conditional branch: a later store waits for the loads the condition depends on (control dependency); a later load does not",
        }
    }

    /// A barrier that accesses no shared location (`lock or` to the stack counts).
    pub fn is_barrier(self) -> bool {
        matches!(
            self,
            Insn::LockOrStack | Insn::Mfence | Insn::DmbIsh | Insn::DmbIshld | Insn::DmbIshst
        )
    }

    /// A conditional branch.
    pub fn is_branch(self) -> bool {
        matches!(self, Insn::Jcc | Insn::Bcond)
    }

    /// The read-modify-write classes.
    pub fn is_rmw(self) -> bool {
        matches!(
            self,
            Insn::Xchg
                | Insn::LockCmpxchg
                | Insn::LockXadd
                | Insn::LockOr
                | Insn::LockAnd
                | Insn::LockXor
                | Insn::Call(..)
                | Insn::Atomic(..)
        )
    }

    /// A plain or acquiring load (not a read-modify-write).
    pub fn is_load(self) -> bool {
        matches!(self, Insn::MovLoad | Insn::Ldr | Insn::Ldar | Insn::Ldapr)
    }

    /// A plain or releasing store (not a read-modify-write).
    pub fn is_store(self) -> bool {
        matches!(self, Insn::MovStore | Insn::Str | Insn::Stlr)
    }

    /// The RMW ordering of an aarch64 read-modify-write class.
    pub fn rmw_sem(self) -> Option<RmwSem> {
        match self {
            Insn::Call(_, s) | Insn::Atomic(_, s) => Some(s),
            _ => None,
        }
    }

    /// An x86 class (else an aarch64 one).
    pub fn is_x86(self) -> bool {
        matches!(
            self,
            Insn::MovLoad
                | Insn::MovStore
                | Insn::Xchg
                | Insn::LockCmpxchg
                | Insn::LockXadd
                | Insn::LockOr
                | Insn::LockAnd
                | Insn::LockXor
                | Insn::LockOrStack
                | Insn::Mfence
                | Insn::Jcc
        )
    }

    /// Every class (for looking a token up).
    pub fn all() -> Vec<Insn> {
        let mut v = vec![
            Insn::MovLoad,
            Insn::MovStore,
            Insn::Xchg,
            Insn::LockCmpxchg,
            Insn::LockXadd,
            Insn::LockOr,
            Insn::LockAnd,
            Insn::LockXor,
            Insn::LockOrStack,
            Insn::Mfence,
            Insn::Jcc,
            Insn::Ldr,
            Insn::Ldar,
            Insn::Ldapr,
            Insn::Str,
            Insn::Stlr,
            Insn::DmbIsh,
            Insn::DmbIshld,
            Insn::DmbIshst,
            Insn::Bcond,
        ];
        for l in Lse::ALL {
            for s in [RmwSem::Relax, RmwSem::Acq, RmwSem::Rel, RmwSem::AcqRel] {
                v.push(Insn::Call(l, s));
                v.push(Insn::Atomic(l, s));
            }
        }
        v
    }
}

impl fmt::Display for Insn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.mnemonic())
    }
}

/// The instructions rustc emits for one event's operation on `target`, in program order, as
/// they appear in the emitted code: a fetch_or/and/xor whose result is used is an x86
/// `lock cmpxchg` loop (a load, the `lock cmpxchg`, a jump back).
///
/// An initial write lowers to nothing, and so does a fence that is a no-op on x86. Orderings
/// Rust rejects (`Op::rust_rejects`) are lowered as the nearest valid ordering (a Release
/// load as Relaxed, an AcqRel load as Acquire, an Acquire store as Relaxed, an AcqRel store as
/// Release, a Relaxed fence as nothing); the models reject such tests before lowering.
pub fn signature(access: Access, target: Target) -> Vec<Insn> {
    use MemOrder::*;
    let x86 = target == Target::X86_64;
    let rmw = |l: Lse, s: RmwSem| match target {
        Target::Aarch64Lse => Insn::Atomic(l, s),
        _ => Insn::Call(l, s),
    };
    match access {
        Access::Init => vec![],
        Access::Load(ord) => vec![if x86 {
            Insn::MovLoad
        } else {
            match ord.unwrap_or(Relaxed) {
                Relaxed | Release => Insn::Ldr,
                Acquire | AcqRel if target == Target::Aarch64Rcpc => Insn::Ldapr,
                Acquire | AcqRel | SeqCst => Insn::Ldar,
            }
        }],
        Access::Store(ord) => vec![match (x86, ord.unwrap_or(Relaxed)) {
            (true, SeqCst) => Insn::Xchg,
            (true, _) => Insn::MovStore,
            (false, Relaxed | Acquire) => Insn::Str,
            (false, _) => Insn::Stlr,
        }],
        Access::Fence(ord) => match (x86, ord) {
            (_, Relaxed) => vec![],
            (true, SeqCst) => vec![Insn::LockOrStack],
            (true, _) => vec![],
            (false, Acquire) => vec![Insn::DmbIshld],
            (false, _) => vec![Insn::DmbIsh],
        },
        Access::Rmw { op, ord, used } => match (x86, op) {
            (true, RmwOp::Xchg) => vec![Insn::Xchg],
            (true, RmwOp::Add | RmwOp::Sub) => vec![Insn::LockXadd],
            (true, _) if used => vec![Insn::MovLoad, Insn::LockCmpxchg, Insn::Jcc],
            (true, RmwOp::Or) => vec![Insn::LockOr],
            (true, RmwOp::And) => vec![Insn::LockAnd],
            (true, _) => vec![Insn::LockXor],
            (false, op) => vec![rmw(Lse::of(op), RmwSem::of(ord))],
        },
        Access::CasOk { success, failure } | Access::CasFail { success, failure } => {
            vec![if x86 {
                Insn::LockCmpxchg
            } else {
                rmw(Lse::Cas, RmwSem::of_cas(success, failure))
            }]
        }
    }
}

/// The instructions of one event that the models see: [`signature`] without branches and
/// without the load that starts a `lock cmpxchg` loop (it only guesses the old value; the
/// `lock cmpxchg` that succeeds is the read-modify-write).
pub fn lower_access(access: Access, target: Target) -> Vec<Insn> {
    let sig = signature(access, target);
    let looped = sig.contains(&Insn::Jcc);
    sig.into_iter()
        .filter(|i| !(i.is_branch() || looped && *i == Insn::MovLoad))
        .collect()
}

/// Does rustc compute `a op b` as a constant whatever the operands (LLVM folds `x ^ x`,
/// `x - x`, `x & 0`, `x * 0`, `x == x`, ...)? Then the result depends on no load.
pub fn folds(op: BinOp, a: &Expr, b: &Expr) -> bool {
    let same = a == b && !a.has_load();
    let zero = |e: &Expr| e.constant() == Some(0);
    match op {
        BinOp::Xor | BinOp::Sub | BinOp::Ne | BinOp::Lt | BinOp::Gt => same,
        BinOp::Eq | BinOp::Le | BinOp::Ge => same,
        BinOp::BitAnd | BinOp::Mul | BinOp::And => zero(a) || zero(b),
        _ => false,
    }
}

/// Does a branch access memory (so that rustc cannot turn it into a select)?
fn accesses_memory(body: &[Stmt]) -> bool {
    let mut any = false;
    crate::litmus::walk(body, &mut |s| {
        any |= !matches!(s.op, Op::Assign { .. } | Op::If { .. })
            || s.op.exprs().iter().any(|e| e.has_load());
    });
    any
}

/// Is an `if`/`else` one store to the same location in each branch (same ordering, Relaxed or
/// plain, no load in the values)? rustc then stores once a value selected by the condition
/// (`csel`/`cinc`, `setcc`): the branch becomes a data dependency.
pub fn if_is_select(then: &[Stmt], els: &[Stmt]) -> bool {
    match (then, els) {
        (
            [Stmt {
                op:
                    Op::Store {
                        loc: a,
                        val: va,
                        ord: oa,
                    },
                ..
            }],
            [Stmt {
                op:
                    Op::Store {
                        loc: b,
                        val: vb,
                        ord: ob,
                    },
                ..
            }],
        ) => {
            a == b
                && oa == ob
                && matches!(oa, None | Some(MemOrder::Relaxed))
                && !va.has_load()
                && !vb.has_load()
        }
        _ => false,
    }
}

/// Does rustc branch once for a compare-exchange with a location as its expected value (it
/// branches on the outcome to write the value found back on failure) and the `if` that follows
/// it, on its result alone, with no `else`? LLVM threads the jump: the `if`'s branch is the
/// compare-exchange's, and the write-back is laid out after the `if`'s statements.
pub fn shares_branch(cas: &Op, next: &Op) -> bool {
    match (cas, next) {
        (
            Op::CompareExchange {
                dst: Some(d),
                expected: crate::litmus::Expected::Loc(_),
                ..
            },
            Op::If { cond, els, .. },
        ) => els.is_empty() && !cond.has_load() && cond.regs().iter().all(|r| *r == d.reg),
        _ => false,
    }
}

/// Does rustc keep a conditional branch for an `if`? When its condition depends on a loaded
/// value and a branch accesses memory, and it is not a select ([`if_is_select`]).
pub fn branch_kept(cond_depends: bool, then: &[Stmt], els: &[Stmt]) -> bool {
    cond_depends && !if_is_select(then, els) && (accesses_memory(then) || accesses_memory(els))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_table() {
        use MemOrder::*;
        let l = |o, t| lower_access(Access::Load(Some(o)), t);
        assert_eq!(l(Acquire, Target::Aarch64), vec![Insn::Ldar]);
        assert_eq!(l(Acquire, Target::Aarch64Rcpc), vec![Insn::Ldapr]);
        assert_eq!(l(SeqCst, Target::Aarch64Rcpc), vec![Insn::Ldar]);
        assert_eq!(l(Relaxed, Target::Aarch64Lse), vec![Insn::Ldr]);
        assert_eq!(l(SeqCst, Target::X86_64), vec![Insn::MovLoad]);
        let f = |o, t| lower_access(Access::Fence(o), t);
        assert_eq!(f(Acquire, Target::Aarch64), vec![Insn::DmbIshld]);
        assert_eq!(f(Release, Target::Aarch64), vec![Insn::DmbIsh]);
        assert_eq!(f(SeqCst, Target::X86_64), vec![Insn::LockOrStack]);
        assert!(f(AcqRel, Target::X86_64).is_empty());
        let st = |o, t| lower_access(Access::Store(o), t);
        assert_eq!(st(Some(SeqCst), Target::X86_64), vec![Insn::Xchg]);
        assert_eq!(st(Some(Release), Target::X86_64), vec![Insn::MovStore]);
        assert_eq!(st(Some(Release), Target::Aarch64), vec![Insn::Stlr]);
        assert_eq!(st(Some(Relaxed), Target::Aarch64), vec![Insn::Str]);
        // Plain accesses: the Relaxed instructions.
        assert_eq!(st(None, Target::Aarch64), vec![Insn::Str]);
        assert_eq!(st(None, Target::X86_64), vec![Insn::MovStore]);
        let cas = Access::CasOk {
            success: SeqCst,
            failure: SeqCst,
        };
        assert_eq!(
            lower_access(cas, Target::Aarch64)[0].mnemonic(),
            "bl __aarch64_cas4_acq_rel"
        );
        assert_eq!(lower_access(cas, Target::Aarch64Lse)[0].mnemonic(), "casal");
        assert_eq!(lower_access(cas, Target::X86_64), vec![Insn::LockCmpxchg]);
        let or = |used| Access::Rmw {
            op: RmwOp::Or,
            ord: Relaxed,
            used,
        };
        assert_eq!(
            signature(or(true), Target::X86_64),
            vec![Insn::MovLoad, Insn::LockCmpxchg, Insn::Jcc]
        );
        assert_eq!(
            lower_access(or(true), Target::X86_64),
            vec![Insn::LockCmpxchg]
        );
        assert_eq!(lower_access(or(false), Target::X86_64), vec![Insn::LockOr]);
        assert_eq!(
            lower_access(or(true), Target::Aarch64)[0].mnemonic(),
            "bl __aarch64_ldset4_relax"
        );
        let and = Access::Rmw {
            op: RmwOp::And,
            ord: AcqRel,
            used: true,
        };
        assert_eq!(
            lower_access(and, Target::Aarch64Lse)[0].mnemonic(),
            "ldclral"
        );
    }

    #[test]
    fn folding_removes_dependencies_rustc_removes() {
        use crate::litmus::Expr;
        let r = Expr::reg("r");
        assert!(folds(BinOp::Xor, &r, &r));
        assert!(folds(BinOp::BitAnd, &r, &Expr::Const(0)));
        assert!(!folds(BinOp::BitAnd, &r, &Expr::Const(128)));
        assert!(!folds(BinOp::Add, &r, &r));
        let load = Expr::Load {
            loc: "x".into(),
            ord: None,
        };
        // Two loads are two values, even of one location.
        assert!(!folds(BinOp::Xor, &load, &load));
    }
}
