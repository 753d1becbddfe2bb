//! ARMv8 AArch64, the multicopy-atomic axiomatic model of the ARM ARM (B2.3) as in herd's
//! `aarch64.cat` (Deacon, 2016), judged on the aarch64 instructions rustc emits.
//!
//! - internal: `acyclic(po-loc ∪ ca ∪ rf)`, `ca = fr ∪ co` (SC per location);
//! - external: `acyclic(ob)`, `ob = (obs ∪ dob ∪ aob ∪ bob)+`, with
//!   - `obs = rfe ∪ coe ∪ fre` (observed-by),
//!   - `dob = addr ∪ data ∪ ctrl;[W] ∪ (ctrl ∪ addr;po);[ISB];po;[R] ∪ addr;po;[W]
//!           ∪ (ctrl ∪ data);coi ∪ (addr ∪ data);rfi` (dependency-ordered-before),
//!   - `aob = rmw ∪ [range(rmw)];rfi;[A ∪ Q]` (atomic-ordered-before),
//!   - `bob = po;[dmb.full];po ∪ [L];po;[A] ∪ [R];po;[dmb.ld];po ∪ [A ∪ Q];po
//!           ∪ [W];po;[dmb.st];po;[W] ∪ po;[L] ∪ po;[L];coi` (barrier-ordered-before);
//! - atomic: `rmw ∩ (fre; coe)` empty.
//!
//! `A` = LDAR (and the read of an acquiring RMW), `Q` = LDAPR, `L` = STLR (and the write of a
//! releasing RMW). LDAPR differs from LDAR only in `[L];po;[A]`: it may pass an earlier STLR.
//! A read-modify-write (an outline-atomics call or an LSE instruction) is a read event and a
//! write event related by `rmw`. All observers share one inner-shareable domain, so
//! DMB ISH = DMB SY. `data` and `ctrl` are the dependencies rustc's code keeps
//! (`model::lower`: a stored value computed from a loaded one; a conditional branch on a
//! loaded value before later events); the litmus language has no address arithmetic and no
//! ISB, so `addr` is empty.

use super::exec::{CEvent, Kind, Structure};
use super::graph::{flag, Dyn, GSpec, Graph, Part};
use super::lower::{lower_access, Insn};
use super::rel::{cycle, Rel};
use super::{witness, Witness};
use crate::machine::Target;

/// The graph events of aarch64 instructions executing C event `c`.
pub fn specs(insns: &[Insn], c: &CEvent) -> Vec<GSpec> {
    let mut out = Vec::new();
    for &i in insns {
        let name = i.mnemonic();
        let one = |kind, part, flags| GSpec {
            kind,
            part,
            flags,
            name,
        };
        match i {
            Insn::Ldr => out.push(one(Kind::Read, Some(Part::Read), 0)),
            Insn::Ldar => out.push(one(Kind::Read, Some(Part::Read), flag::A)),
            Insn::Ldapr => out.push(one(Kind::Read, Some(Part::Read), flag::Q)),
            Insn::Str => out.push(one(Kind::Write, Some(Part::Write), 0)),
            Insn::Stlr => out.push(one(Kind::Write, Some(Part::Write), flag::L)),
            Insn::DmbIsh => out.push(one(Kind::Fence, None, flag::DMB_FULL)),
            Insn::DmbIshld => out.push(one(Kind::Fence, None, flag::DMB_LD)),
            Insn::DmbIshst => out.push(one(Kind::Fence, None, flag::DMB_ST)),
            i if i.is_branch() => {}
            _ => {
                // A read-modify-write: read half, then (if it writes) write half.
                let sem = i.rmw_sem().unwrap_or(super::lower::RmwSem::AcqRel);
                let a = if sem.acquires() { flag::A } else { 0 };
                let l = if sem.releases() { flag::L } else { 0 };
                out.push(one(Kind::Read, Some(Part::Read), a));
                if c.kind.is_write() {
                    out.push(one(Kind::Write, Some(Part::Write), l));
                }
            }
        }
    }
    out
}

/// The aarch64 graph of a structure, from rustc's lowering for `target`.
pub fn graph(st: &Structure, nlocs: usize, target: Target) -> Result<Graph, String> {
    Graph::build(st, nlocs, false, &mut |c| {
        specs(&lower_access(c.access, target), c)
    })
}

/// The labelled parts of `ob` (before closure), for verdicts and explanations.
pub fn ob_parts(g: &Graph, d: &Dyn) -> Vec<(&'static str, Rel)> {
    let n = g.n();
    let mem = g.mem();
    let po = g.po;
    let popo = |s| po.to_set(s).seq(&po).from_set(mem).to_set(mem);
    let rfe = d.rf.inter(&g.ext);
    let rfi = d.rf.inter(&g.int);
    let coe = d.co.inter(&g.ext);
    let coi = d.co.inter(&g.int);
    let fre = d.fr.inter(&g.ext);
    let isb: u64 = 0;
    let dob = g
        .addr
        .union(&g.data)
        .union(&g.ctrl.to_set(g.writes))
        .union(
            &g.ctrl
                .union(&g.addr.seq(&po))
                .to_set(isb)
                .seq(&po)
                .to_set(g.reads),
        )
        .union(&g.addr.seq(&po).to_set(g.writes))
        .union(&g.ctrl.union(&g.data).seq(&coi))
        .union(&g.addr.union(&g.data).seq(&rfi));
    let aq = g.with(flag::A | flag::Q);
    let aob = g.rmw.union(&rfi.from_set(g.rmw.range()).to_set(aq));
    let l = g.with(flag::L);
    let a = g.with(flag::A);
    let bob_full = popo(g.with(flag::DMB_FULL));
    let bob_la = po.from_set(l).to_set(a);
    let bob_ld = popo(g.with(flag::DMB_LD)).from_set(g.reads);
    let bob_acq = po.from_set(aq).to_set(mem);
    let bob_st = popo(g.with(flag::DMB_ST))
        .from_set(g.writes)
        .to_set(g.writes);
    let bob_rel = po.to_set(l).from_set(mem);
    let bob_relcoi = bob_rel.seq(&coi);
    let _ = n;
    vec![
        ("rfe", rfe),
        ("coe", coe),
        ("fre", fre),
        ("dob", dob),
        ("aob", aob),
        ("bob: dmb ish", bob_full),
        ("bob: stlr;ldar", bob_la),
        ("bob: dmb ishld", bob_ld),
        ("bob: acquire", bob_acq),
        ("bob: dmb ishst", bob_st),
        ("bob: release", bob_rel),
        ("bob: release;coi", bob_relcoi),
    ]
}

pub fn check(g: &Graph, d: &Dyn, explain: bool) -> Option<Witness> {
    let ca = d.fr.union(&d.co);
    if !g.po_loc.union(&ca).union(&d.rf).is_acyclic() {
        return witness(
            "internal",
            "acyclic(po-loc ∪ fr ∪ co ∪ rf)",
            explain,
            || {
                cycle(&[
                    ("po-loc", g.po_loc),
                    ("fr", d.fr),
                    ("co", d.co),
                    ("rf", d.rf),
                ])
            },
        );
    }
    let fre = d.fr.inter(&g.ext);
    let coe = d.co.inter(&g.ext);
    let bad = g.rmw.inter(&fre.seq(&coe));
    if !bad.is_empty() {
        return witness("atomic", "empty(rmw ∩ (fre; coe))", explain, || {
            let (r, w) = bad.edges().next()?;
            let mid = fre.row(r) & coe.inverse().row(w);
            let m = super::rel::members(mid).next()?;
            let mut rm = Rel::empty(g.n());
            rm.add(w, r);
            let mut f = Rel::empty(g.n());
            f.add(r, m);
            let mut c = Rel::empty(g.n());
            c.add(m, w);
            cycle(&[("fre", f), ("coe", c), ("rmw⁻¹", rm)])
        });
    }
    let parts = ob_parts(g, d);
    let mut ob = Rel::empty(g.n());
    for (_, r) in &parts {
        ob.union_with(r);
    }
    if ob.is_acyclic() {
        return None;
    }
    witness(
        "external",
        "acyclic(obs ∪ dob ∪ aob ∪ bob)",
        explain,
        || cycle(&parts),
    )
}
