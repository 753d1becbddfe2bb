//! Lowering: which instructions rustc 1.95 emits for each atomic operation, ordering and
//! target (`--release`, std atomics): the compile mapping measured and recorded in
//! `docs/platforms.md`.
//!
//! The models use it to give the verdict of the code rustc actually emits, and the asm
//! checker uses it to know which ordering-relevant instructions to expect:
//!
//! ```
//! use orderlab::machine::Target;
//! use orderlab::model::lower::{lower_op, Insn};
//! use orderlab::litmus::{MemOrder, Op, Value};
//! let store = Op::Store { loc: "x".into(), val: Value::Const(1), ord: MemOrder::SeqCst };
//! assert_eq!(lower_op(&store, Target::X86_64), vec![Insn::Xchg]);
//! assert_eq!(lower_op(&store, Target::Aarch64)[0].mnemonic(), "stlr");
//! ```
//!
//! An instruction class stands for the ordering-relevant instruction of an operation; the
//! register moves and address computations around it are not listed. A SeqCst fence on x86
//! is a locked `or` of zero into the stack ([`Insn::LockOrStack`]); weaker fences emit nothing
//! on x86. Read-modify-writes on default aarch64 are calls to the outline-atomics helpers
//! (`__aarch64_swp4_acq_rel`, ...: the `4` is the size of the litmus language's `atomic_int`,
//! an `AtomicI32`), which use LSE instructions or an exclusive-access loop.

use crate::litmus::{MemOrder, Op, Test};
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

/// An instruction class: what rustc emits for one atomic operation (the ordering-relevant
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
    /// `lock cmpxchg`: compare-exchange.
    LockCmpxchg,
    /// `lock xadd`: fetch-add.
    LockXadd,
    /// `lock or` of 0 to the stack: `fence(SeqCst)`.
    LockOrStack,
    /// `mfence`: not emitted by rustc for std atomics; QEMU's translation of ARM barriers
    /// and hand-written kernels use it.
    Mfence,
    // ---- aarch64 ----
    /// `ldr`: Relaxed load.
    Ldr,
    /// `ldar`: Acquire or SeqCst load (SeqCst always; Acquire without rcpc).
    Ldar,
    /// `ldapr`: Acquire load with rcpc.
    Ldapr,
    /// `str`: Relaxed store.
    Str,
    /// `stlr`: Release or SeqCst store.
    Stlr,
    /// `dmb ish`: fence Release, AcqRel or SeqCst.
    DmbIsh,
    /// `dmb ishld`: fence Acquire.
    DmbIshld,
    /// `dmb ishst`: not emitted by rustc for std fences; hand-written kernels use it.
    DmbIshst,
    /// `bl __aarch64_cas4_<sem>`: compare-exchange (default features).
    CallCas(RmwSem),
    /// `bl __aarch64_swp4_<sem>`: swap (default features).
    CallSwp(RmwSem),
    /// `bl __aarch64_ldadd4_<sem>`: fetch-add (default features).
    CallLdadd(RmwSem),
    /// `cas`, `casa`, `casl`, `casal` (+lse).
    Cas(RmwSem),
    /// `swp`, `swpa`, `swpl`, `swpal` (+lse).
    Swp(RmwSem),
    /// `ldadd`, `ldadda`, `ldaddl`, `ldaddal` (+lse).
    Ldadd(RmwSem),
}

impl Insn {
    /// The instruction as it appears in assembly, operands left out; a helper call is
    /// `bl SYMBOL`. Both x86 `mov` classes give `mov`.
    pub fn mnemonic(self) -> &'static str {
        use RmwSem::*;
        match self {
            Insn::MovLoad | Insn::MovStore => "mov",
            Insn::Xchg => "xchg",
            Insn::LockCmpxchg => "lock cmpxchg",
            Insn::LockXadd => "lock xadd",
            Insn::LockOrStack => "lock or",
            Insn::Mfence => "mfence",
            Insn::Ldr => "ldr",
            Insn::Ldar => "ldar",
            Insn::Ldapr => "ldapr",
            Insn::Str => "str",
            Insn::Stlr => "stlr",
            Insn::DmbIsh => "dmb ish",
            Insn::DmbIshld => "dmb ishld",
            Insn::DmbIshst => "dmb ishst",
            Insn::CallCas(s) => match s {
                Relax => "bl __aarch64_cas4_relax",
                Acq => "bl __aarch64_cas4_acq",
                Rel => "bl __aarch64_cas4_rel",
                AcqRel => "bl __aarch64_cas4_acq_rel",
            },
            Insn::CallSwp(s) => match s {
                Relax => "bl __aarch64_swp4_relax",
                Acq => "bl __aarch64_swp4_acq",
                Rel => "bl __aarch64_swp4_rel",
                AcqRel => "bl __aarch64_swp4_acq_rel",
            },
            Insn::CallLdadd(s) => match s {
                Relax => "bl __aarch64_ldadd4_relax",
                Acq => "bl __aarch64_ldadd4_acq",
                Rel => "bl __aarch64_ldadd4_rel",
                AcqRel => "bl __aarch64_ldadd4_acq_rel",
            },
            Insn::Cas(s) => match s {
                Relax => "cas",
                Acq => "casa",
                Rel => "casl",
                AcqRel => "casal",
            },
            Insn::Swp(s) => match s {
                Relax => "swp",
                Acq => "swpa",
                Rel => "swpl",
                AcqRel => "swpal",
            },
            Insn::Ldadd(s) => match s {
                Relax => "ldadd",
                Acq => "ldadda",
                Rel => "ldaddl",
                AcqRel => "ldaddal",
            },
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
            Insn::LockOrStack => "lock or to the stack: SeqCst fence; a full barrier (cheaper than mfence)",
            Insn::Mfence => "mfence: full barrier; earlier stores are visible before later loads",
            Insn::Ldr => "ldr: plain load; may be reordered with accesses to other locations",
            Insn::Ldar => "ldar: Acquire load (RCsc): later accesses wait for it, and it waits for an earlier stlr",
            Insn::Ldapr => "ldapr: Acquire load (RCpc): later accesses wait for it, but it may pass an earlier stlr",
            Insn::Str => "str: plain store; may be reordered with accesses to other locations",
            Insn::Stlr => "stlr: Release store: earlier accesses are visible first",
            Insn::DmbIsh => "dmb ish: full barrier: every earlier access is ordered before every later one",
            Insn::DmbIshld => "dmb ishld: load barrier: earlier loads are ordered before every later access",
            Insn::DmbIshst => "dmb ishst: store barrier: earlier stores are ordered before later stores",
            Insn::CallCas(_) | Insn::Cas(_) => "compare-and-swap: atomic read-modify-write; the suffix gives Acquire read / Release write",
            Insn::CallSwp(_) | Insn::Swp(_) => "swap: atomic read-modify-write; the suffix gives Acquire read / Release write",
            Insn::CallLdadd(_) | Insn::Ldadd(_) => "fetch-add: atomic read-modify-write; the suffix gives Acquire read / Release write",
        }
    }

    /// A barrier that accesses no shared location (`lock or` to the stack counts).
    pub fn is_barrier(self) -> bool {
        matches!(
            self,
            Insn::LockOrStack | Insn::Mfence | Insn::DmbIsh | Insn::DmbIshld | Insn::DmbIshst
        )
    }

    /// The read-modify-write classes.
    pub fn is_rmw(self) -> bool {
        matches!(
            self,
            Insn::Xchg
                | Insn::LockCmpxchg
                | Insn::LockXadd
                | Insn::CallCas(_)
                | Insn::CallSwp(_)
                | Insn::CallLdadd(_)
                | Insn::Cas(_)
                | Insn::Swp(_)
                | Insn::Ldadd(_)
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
            Insn::CallCas(s)
            | Insn::CallSwp(s)
            | Insn::CallLdadd(s)
            | Insn::Cas(s)
            | Insn::Swp(s)
            | Insn::Ldadd(s) => Some(s),
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
                | Insn::LockOrStack
                | Insn::Mfence
        )
    }
}

impl fmt::Display for Insn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.mnemonic())
    }
}

/// The instructions rustc emits for one statement on `target`, in program order.
///
/// A statement with no memory effect (`int r = 1;`, a fence that is a no-op on x86) lowers to
/// nothing. Orderings Rust rejects ([`Op::rust_rejects`]) are lowered as the nearest valid
/// ordering (a Release load as Relaxed, an AcqRel load as Acquire, an Acquire store as Relaxed,
/// an AcqRel store as Release, a Relaxed fence as nothing); the models reject such tests
/// before lowering.
pub fn lower_op(op: &Op, target: Target) -> Vec<Insn> {
    use MemOrder::*;
    let x86 = target == Target::X86_64;
    match op {
        Op::Local { .. } => vec![],
        Op::Load { ord, .. } => vec![if x86 {
            Insn::MovLoad
        } else {
            match ord {
                Relaxed | Release => Insn::Ldr,
                Acquire | AcqRel if target == Target::Aarch64Rcpc => Insn::Ldapr,
                Acquire | AcqRel | SeqCst => Insn::Ldar,
            }
        }],
        Op::Store { ord, .. } => vec![match (x86, ord) {
            (true, SeqCst) => Insn::Xchg,
            (true, _) => Insn::MovStore,
            (false, Relaxed | Acquire) => Insn::Str,
            (false, _) => Insn::Stlr,
        }],
        Op::Fence { ord } => match (x86, ord) {
            (_, Relaxed) => vec![],
            (true, SeqCst) => vec![Insn::LockOrStack],
            (true, _) => vec![],
            (false, Acquire) => vec![Insn::DmbIshld],
            (false, _) => vec![Insn::DmbIsh],
        },
        Op::Exchange { ord, .. } => vec![match target {
            Target::X86_64 => Insn::Xchg,
            Target::Aarch64Lse => Insn::Swp(RmwSem::of(*ord)),
            _ => Insn::CallSwp(RmwSem::of(*ord)),
        }],
        Op::FetchAdd { ord, .. } => vec![match target {
            Target::X86_64 => Insn::LockXadd,
            Target::Aarch64Lse => Insn::Ldadd(RmwSem::of(*ord)),
            _ => Insn::CallLdadd(RmwSem::of(*ord)),
        }],
        Op::CompareExchange {
            success, failure, ..
        } => vec![match target {
            Target::X86_64 => Insn::LockCmpxchg,
            Target::Aarch64Lse => Insn::Cas(RmwSem::of_cas(*success, *failure)),
            _ => Insn::CallCas(RmwSem::of_cas(*success, *failure)),
        }],
    }
}

/// One statement of a lowered thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoweredStmt {
    /// Index of the statement in the thread's body.
    pub stmt: usize,
    pub insns: Vec<Insn>,
}

/// A whole test lowered to one target: per thread, per statement, the instructions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lowered {
    pub target: Target,
    pub threads: Vec<Vec<LoweredStmt>>,
}

/// Lower every statement of every thread.
pub fn lower_test(test: &Test, target: Target) -> Lowered {
    Lowered {
        target,
        threads: test
            .threads
            .iter()
            .map(|t| {
                t.body
                    .iter()
                    .enumerate()
                    .map(|(i, s)| LoweredStmt {
                        stmt: i,
                        insns: lower_op(&s.op, target),
                    })
                    .collect()
            })
            .collect(),
    }
}

impl Lowered {
    /// The ordering signature of a thread: its instructions in program order.
    pub fn signature(&self, thread: usize) -> Vec<Insn> {
        self.threads
            .get(thread)
            .map(|t| t.iter().flat_map(|s| s.insns.iter().copied()).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::litmus::Value;

    fn load(ord: MemOrder) -> Op {
        Op::Load {
            reg: "r0".into(),
            loc: "x".into(),
            ord,
        }
    }

    #[test]
    fn platforms_table() {
        use MemOrder::*;
        let l = |o, t| lower_op(&load(o), t);
        assert_eq!(l(Acquire, Target::Aarch64), vec![Insn::Ldar]);
        assert_eq!(l(Acquire, Target::Aarch64Rcpc), vec![Insn::Ldapr]);
        assert_eq!(l(SeqCst, Target::Aarch64Rcpc), vec![Insn::Ldar]);
        assert_eq!(l(Relaxed, Target::Aarch64Lse), vec![Insn::Ldr]);
        assert_eq!(l(SeqCst, Target::X86_64), vec![Insn::MovLoad]);
        let f = |o, t| lower_op(&Op::Fence { ord: o }, t);
        assert_eq!(f(Acquire, Target::Aarch64), vec![Insn::DmbIshld]);
        assert_eq!(f(Release, Target::Aarch64), vec![Insn::DmbIsh]);
        assert_eq!(f(SeqCst, Target::X86_64), vec![Insn::LockOrStack]);
        assert!(f(AcqRel, Target::X86_64).is_empty());
        let st = |o, t| {
            lower_op(
                &Op::Store {
                    loc: "x".into(),
                    val: Value::Const(1),
                    ord: o,
                },
                t,
            )
        };
        assert_eq!(st(SeqCst, Target::X86_64), vec![Insn::Xchg]);
        assert_eq!(st(Release, Target::X86_64), vec![Insn::MovStore]);
        assert_eq!(st(Release, Target::Aarch64), vec![Insn::Stlr]);
        assert_eq!(st(Relaxed, Target::Aarch64), vec![Insn::Str]);
        let cas = Op::CompareExchange {
            reg: None,
            loc: "x".into(),
            expected: "e".into(),
            desired: Value::Const(1),
            success: SeqCst,
            failure: SeqCst,
        };
        assert_eq!(
            lower_op(&cas, Target::Aarch64)[0].mnemonic(),
            "bl __aarch64_cas4_acq_rel"
        );
        assert_eq!(lower_op(&cas, Target::Aarch64Lse)[0].mnemonic(), "casal");
        assert_eq!(lower_op(&cas, Target::X86_64), vec![Insn::LockCmpxchg]);
    }
}
