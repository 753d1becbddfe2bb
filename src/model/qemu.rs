//! rustc's default aarch64 code as qemu-user (7.2) translates it on an x86_64 host, judged by
//! x86-TSO.
//!
//! QEMU's TCG turns each guest instruction into host code (facts in `docs/platforms.md`):
//! plain `ldr`/`str` become `mov`s; `ldar`/`ldapr`
//! become a load followed by a full barrier; `stlr` a full barrier followed by a store, with
//! nothing between an `stlr` and a following `ldar` (so SB with SeqCst accesses is allowed);
//! `dmb` becomes a full barrier; read-modify-writes become locked host instructions.
//!
//! The full barriers are modelled as `mfence`. Every DMB counts as a full barrier, as the lab's
//! conventions say. (QEMU asks TCG for a `dmb ishld`/`dmb ishst` barrier without store→load
//! order, which an x86 host may implement with no instruction at all; treating them as full
//! can only forbid more, and only for a store, then an Acquire fence, then a load.)

use super::exec::Structure;
use super::graph::Graph;
use super::lower::{lower_access, Insn, Lse};
use super::tso;
use crate::machine::Target;

/// The x86 instructions QEMU executes for one aarch64 instruction class.
pub fn translate(i: Insn) -> Vec<Insn> {
    match i {
        Insn::Ldr => vec![Insn::MovLoad],
        Insn::Str => vec![Insn::MovStore],
        Insn::Ldar | Insn::Ldapr => vec![Insn::MovLoad, Insn::Mfence],
        Insn::Stlr => vec![Insn::Mfence, Insn::MovStore],
        Insn::DmbIsh | Insn::DmbIshld | Insn::DmbIshst => vec![Insn::Mfence],
        Insn::Call(l, _) | Insn::Atomic(l, _) => vec![match l {
            Lse::Swp => Insn::Xchg,
            Lse::Ldadd => Insn::LockXadd,
            // CAS, and fetch_or/and/xor whose result is returned: a cmpxchg loop.
            _ => Insn::LockCmpxchg,
        }],
        Insn::Bcond => vec![Insn::Jcc],
        // Already x86: unchanged.
        x86 => vec![x86],
    }
}

/// The x86 graph of a structure: rustc's default aarch64 lowering, translated.
pub fn graph(st: &Structure, nlocs: usize) -> Result<Graph, String> {
    Graph::build(st, nlocs, false, &mut |c| {
        let insns: Vec<Insn> = lower_access(c.access, Target::Aarch64)
            .into_iter()
            .flat_map(translate)
            .collect();
        tso::specs(&insns, c)
    })
}
