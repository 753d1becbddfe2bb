//! x86-TSO (Owens, Sarkar, Sewell, TPHOLs 2009; herd's `x86tso.cat`), judged on the x86_64
//! instructions rustc emits.
//!
//! - uniproc: `acyclic(po-loc ∪ rf ∪ co ∪ fr)`;
//! - atomicity: no write comes between the read and the write of a locked instruction
//!   (`rmw ∩ (fre; coe)` empty);
//! - tso: `acyclic(ghb)`, `ghb = ppo ∪ mfence ∪ implied ∪ rfe ∪ fr ∪ co`, where `ppo` is program
//!   order minus store→load pairs, `mfence` orders everything across an `mfence` (or the
//!   `lock or` rustc uses as a SeqCst fence), and `implied` orders everything before and after
//!   a locked instruction (`xchg`, `lock cmpxchg`, `lock xadd`).
//!
//! A locked read-modify-write is one event that reads and writes; an `xchg` used as a SeqCst
//! store is one locked write (the value it reads is discarded).

use super::exec::{CEvent, Kind, Structure};
use super::graph::{flag, Dyn, GSpec, Graph, Part};
use super::lower::{lower_access, Insn};
use super::rel::{cycle, Rel};
use super::{witness, Witness};
use crate::machine::Target;

/// The graph events of x86 instructions executing C event `c`.
pub fn specs(insns: &[Insn], c: &CEvent) -> Vec<GSpec> {
    insns
        .iter()
        .filter(|i| !i.is_branch())
        .map(|&i| {
            let name = i.mnemonic();
            match i {
                Insn::MovLoad => GSpec {
                    kind: Kind::Read,
                    part: Some(Part::Read),
                    flags: 0,
                    name,
                },
                Insn::MovStore => GSpec {
                    kind: Kind::Write,
                    part: Some(Part::Write),
                    flags: 0,
                    name,
                },
                Insn::LockOrStack => GSpec {
                    kind: Kind::Fence,
                    part: None,
                    flags: flag::LOCKED | flag::MFENCE,
                    name,
                },
                i if i.is_barrier() => GSpec {
                    kind: Kind::Fence,
                    part: None,
                    flags: flag::MFENCE,
                    name,
                },
                // Locked instructions: one event with the C event's own access kind.
                _ => GSpec {
                    kind: c.kind,
                    part: Some(Part::Both),
                    flags: flag::LOCKED,
                    name,
                },
            }
        })
        .collect()
}

/// The x86 graph of a structure, from rustc's x86_64 lowering.
pub fn graph(st: &Structure, nlocs: usize) -> Result<Graph, String> {
    Graph::build(st, nlocs, false, &mut |c| {
        specs(&lower_access(c.access, Target::X86_64), c)
    })
}

/// The labelled parts of `ghb` (global happens-before), before closure.
pub fn ghb_parts(g: &Graph, d: &Dyn) -> Vec<(&'static str, Rel)> {
    let n = g.n();
    let mem = g.mem();
    let po = g.po.from_set(mem).to_set(mem);
    // ppo: program order minus store→load.
    let ppo = po.minus(&Rel::cross(n, g.writes & !g.reads, g.reads & !g.writes));
    let fence =
        g.po.to_set(g.with(flag::MFENCE))
            .seq(&g.po)
            .from_set(mem)
            .to_set(mem);
    let locked = g.with(flag::LOCKED) & mem;
    let implied = po.inter(&Rel::cross(n, locked, mem).union(&Rel::cross(n, mem, locked)));
    let rfe = d.rf.inter(&g.ext);
    vec![
        ("ppo", ppo),
        ("mfence", fence),
        ("implied", implied),
        ("rfe", rfe),
        ("fr", d.fr),
        ("co", d.co),
    ]
}

pub fn check(g: &Graph, d: &Dyn, explain: bool) -> Option<Witness> {
    let uniproc = g.po_loc.union(&d.rf).union(&d.co).union(&d.fr);
    if !uniproc.is_acyclic() {
        return witness(
            "uniproc",
            "acyclic(po-loc ∪ rf ∪ co ∪ fr)",
            explain,
            || {
                cycle(&[
                    ("po-loc", g.po_loc),
                    ("rf", d.rf),
                    ("co", d.co),
                    ("fr", d.fr),
                ])
            },
        );
    }
    let fre = d.fr.inter(&g.ext);
    let coe = d.co.inter(&g.ext);
    let bad = fre.seq(&coe).from_set(g.rmw_events);
    if !bad.is_irreflexive() {
        return witness("atomicity", "empty(rmw ∩ (fre; coe))", explain, || {
            let e = (0..g.n()).find(|&e| bad.has(e, e))?;
            cycle(&[("fre", fre.from_set(1 << e)), ("coe", coe.to_set(1 << e))])
        });
    }
    let parts = ghb_parts(g, d);
    let mut ghb = Rel::empty(g.n());
    for (_, r) in &parts {
        ghb.union_with(r);
    }
    if ghb.is_acyclic() {
        return None;
    }
    witness(
        "tso",
        "acyclic(ppo ∪ mfence ∪ implied ∪ rfe ∪ fr ∪ co)",
        explain,
        || cycle(&parts),
    )
}
