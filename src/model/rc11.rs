//! RC11: "Repairing Sequential Consistency in C/C++11", Lahav, Vafeiadis, Kang, Hur, Dreyer,
//! PLDI 2017 (herd's `rc11.cat`). Judged on the C-level events.
//!
//! ```text
//! rs  = [W]; (sb ∩ loc)?; [W ∩ atomic]; (rf; rmw)*            release sequence
//! sw  = [E ⊒ rel]; ([F]; sb)?; rs; rf; [R]; (sb; [F])?; [E ⊒ acq]
//! hb  = (sb ∪ sw)+
//! eco = (rf ∪ mo ∪ rb)+                                      rb = (rf⁻¹; mo) \ id
//! coherence     irreflexive(hb; eco?)
//! atomicity     rmw ∩ (rb; mo) = ∅
//! sc            acyclic(psc), psc = psc_base ∪ psc_F
//!   scb      = sb ∪ sb≠loc; hb; sb≠loc ∪ hb|loc ∪ mo ∪ rb
//!   psc_base = ([SC] ∪ [F_SC]; hb?); scb; ([SC] ∪ hb?; [F_SC])
//!   psc_F    = [F_SC]; (hb ∪ hb; eco; hb); [F_SC]
//! no-thin-air   acyclic(sb ∪ rf)
//! ```
//! A read-modify-write is one event that reads and writes (`rmw` is the identity on them).
//! Plain accesses are not atomic: they take no part in `rs` and `sw`; a data race between
//! them and conflicting accesses is found by `model::race` (`dr`).

use super::graph::{flag, Dyn, Graph};
use super::rel::{cycle, path, Edge, Rel};
use super::{witness, Witness};

/// Happens-before and its parts, shared with the explanations.
pub struct Hb {
    pub sw: Rel,
    pub hb: Rel,
    pub eco: Rel,
}

pub fn hb(g: &Graph, d: &Dyn) -> Hb {
    let n = g.n();
    let sb = g.po;
    let rmw = Rel::id_on(n, g.rmw_events);
    // Plain accesses are not atomic: they neither release nor acquire.
    let atomic = g.mem() & !g.init & !g.with(flag::NA);
    let rs = Rel::id_on(n, g.writes)
        .seq(&sb.inter(&g.loc).opt())
        .to_set(g.writes & atomic)
        .seq(&d.rf.seq(&rmw).star());
    let rel = g.with(flag::REL | flag::ACQ_REL | flag::SC);
    let acq = g.with(flag::ACQ | flag::ACQ_REL | flag::SC);
    let fsb = sb.from_set(g.fences).opt();
    let sbf = sb.to_set(g.fences).opt();
    let sw = fsb
        .from_set(rel)
        .seq(&rs)
        .seq(&d.rf)
        .from_set(rel)
        .to_set(g.reads & atomic)
        .seq(&sbf)
        .to_set(acq);
    let hb = sb.union(&sw).plus();
    let eco = d.rf.union(&d.co).union(&d.fr).plus();
    Hb { sw, hb, eco }
}

fn hb_path(g: &Graph, sw: &Rel, a: usize, b: usize) -> Option<Vec<Edge>> {
    path(&[("sb", g.po), ("sw", *sw)], a, b)
}

/// The base edges behind one psc edge (empty when it is a base edge or no exact chain is
/// found).
fn expand(g: &Graph, d: &Dyn, sw: &Rel, hb: &Rel, eco: &Rel, e: &Edge) -> Option<Vec<Edge>> {
    let (a, b) = (e.from, e.to);
    let eco_parts = [("rf", d.rf), ("mo", d.co), ("rb", d.fr)];
    let direct = |r: &Rel| r.has(a, b);
    match e.label {
        "sb" | "mo" | "rb" if direct(&g.po) || direct(&d.co) || direct(&d.fr) => None,
        "hb|loc" => hb_path(g, sw, a, b),
        "sb;hb;sb" => {
            let sbl = g.po.minus(&g.loc);
            for x in super::rel::members(sbl.row(a)) {
                for y in super::rel::members(hb.row(x)) {
                    if sbl.has(y, b) {
                        let mut p = vec![Edge {
                            from: a,
                            to: x,
                            label: "sb",
                        }];
                        p.extend(hb_path(g, sw, x, y)?);
                        p.push(Edge {
                            from: y,
                            to: b,
                            label: "sb",
                        });
                        return Some(p);
                    }
                }
            }
            None
        }
        "hb (SC fences)" => {
            if hb.has(a, b) {
                return hb_path(g, sw, a, b);
            }
            for x in super::rel::members(hb.row(a)) {
                for y in super::rel::members(eco.row(x)) {
                    if hb.has(y, b) {
                        let mut p = hb_path(g, sw, a, x)?;
                        p.extend(path(&eco_parts, x, y)?);
                        p.extend(hb_path(g, sw, y, b)?);
                        return Some(p);
                    }
                }
            }
            None
        }
        _ => None,
    }
}

pub fn check(g: &Graph, d: &Dyn, explain: bool) -> Option<Witness> {
    let n = g.n();
    let Hb { sw, hb, eco } = hb(g, d);
    let eco_parts = [("rf", d.rf), ("mo", d.co), ("rb", d.fr)];
    // coherence: irreflexive(hb; eco?)
    let coh = hb.seq(&eco.opt());
    if !coh.is_irreflexive() {
        return witness("coherence", "irreflexive(hb; eco?)", explain, || {
            let a = (0..n).find(|&a| coh.has(a, a))?;
            if hb.has(a, a) {
                return hb_path(g, &sw, a, a);
            }
            let b = super::rel::members(hb.row(a)).find(|&b| eco.has(b, a))?;
            let mut e = hb_path(g, &sw, a, b)?;
            e.extend(path(&eco_parts, b, a)?);
            Some(e)
        });
    }
    // atomicity: rmw ∩ (rb; mo) = ∅ (and irreflexive(rmw; eco))
    let rmw = Rel::id_on(n, g.rmw_events);
    let at = rmw.inter(&d.fr.seq(&d.co));
    if !at.is_empty() || !rmw.seq(&eco).is_irreflexive() {
        return witness("atomicity", "rmw ∩ (rb; mo) = ∅", explain, || {
            let e = (0..n).find(|&e| at.has(e, e) || rmw.seq(&eco).has(e, e))?;
            path(&eco_parts, e, e)
        });
    }
    // sc: acyclic(psc)
    let sc = g.with(flag::SC);
    let fsc = sc & g.fences;
    let sb = g.po;
    let sbl = sb.minus(&g.loc);
    let hbl = hb.inter(&g.loc);
    let pre = Rel::id_on(n, sc).union(&Rel::id_on(n, fsc).seq(&hb.opt()));
    let post = Rel::id_on(n, sc).union(&hb.opt().to_set(fsc));
    let comps = [
        ("sb", sb),
        ("sb;hb;sb", sbl.seq(&hb).seq(&sbl)),
        ("hb|loc", hbl),
        ("mo", d.co),
        ("rb", d.fr),
    ];
    let mut parts: Vec<(&'static str, Rel)> = comps
        .iter()
        .map(|(l, r)| (*l, pre.seq(r).seq(&post)))
        .collect();
    let pscf = Rel::id_on(n, fsc)
        .seq(&hb.union(&hb.seq(&eco).seq(&hb)))
        .to_set(fsc);
    parts.push(("hb (SC fences)", pscf));
    let mut psc = Rel::empty(n);
    for (_, r) in &parts {
        psc.union_with(r);
    }
    if !psc.is_acyclic() {
        let mut w = witness("sc", "acyclic(psc_base ∪ psc_F)", explain, || {
            cycle(&parts)
        });
        if let Some(w) = w.as_mut() {
            w.via = w
                .edges
                .iter()
                .map(|e| expand(g, d, &sw, &hb, &eco, e).unwrap_or_default())
                .collect();
        }
        return w;
    }
    // no-thin-air: acyclic(sb ∪ rf)
    if !sb.union(&d.rf).is_acyclic() {
        return witness("no-thin-air", "acyclic(sb ∪ rf)", explain, || {
            cycle(&[("sb", sb), ("rf", d.rf)])
        });
    }
    None
}
