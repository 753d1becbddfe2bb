//! C11 as herd7's default C model, `c11_partialSC.cat` (with `c11_base.cat`): Batty-style
//! C11 with the partial SC order. Judged on the C-level events, initial writes included.
//!
//! ```text
//! asw   = I × (M \ I);  pp_asw = asw \ (asw; sb)                      initial writes
//! crel  = REL ∪ (SC ∩ (W ∪ F)) ∪ ACQ_REL;  cacq = ACQ ∪ (SC ∩ (R ∪ F)) ∪ ACQ_REL
//! rs    = mo ∩ rs' \ ((mo \ rs'); mo),  rs' = int ∪ (_ × RMW)           release sequence
//! swra  = ext ∩ ([crel]; fsb?; [W]; rs?; rf; [R]; sbf?; [cacq])         fsb = sb ∩ (F × _)
//! sw    = pp_asw ∪ swra;  ithb = (sw ∪ sw;sb ∪ sb;(sw ∪ sw;sb))+;  hb = sb ∪ ithb
//! Hb    acyclic(hb)
//! Coh   irreflexive(rf⁻¹?; mo; rf?; hb)
//! Rf    irreflexive(rf; hb)
//! Rmw   irreflexive(rf ∪ mo;mo;rf⁻¹ ∪ mo;rf)
//! Spartial  acyclic(((SC × SC) ∩ scp) \ id), scp = hb ∪ fsb?;mo;sbf? ∪ rf⁻¹;[SC];mo
//!           ∪ rf⁻¹;hb|loc;[W] ∪ fsb;fr ∪ fr;sbf ∪ fsb;fr;sbf           fr = rf⁻¹; mo
//! NaRf  empty((rf; [R \ A]) \ vis),  vis = (hb|loc ∩ (W × R)) \ (hb|loc; [W]; hb|loc)
//! ```
//! There is no no-thin-air axiom (LB+rlx is allowed) and SC fences order only through `scp`
//! (IRIW with SeqCst fences between Relaxed reads is allowed). There is no consume ordering
//! in the lab, so `dob` is empty. A plain (non-atomic, `A`'s complement) read must read a
//! visible write (NaRf): one that happens before it with no other write between them; data
//! races are found by `model::race` (`dr`).

use super::graph::{flag, Dyn, Graph};
use super::rel::{cycle, members, path, Edge, Rel};
use super::{witness, Witness};

pub struct Hb {
    /// `pp_asw ∪ swra`
    pub sw: Rel,
    /// The initial writes' part of `sw`.
    pub asw: Rel,
    pub hb: Rel,
}

pub fn hb(g: &Graph, d: &Dyn) -> Hb {
    let n = g.n();
    let sb = g.po;
    let mem = g.mem();
    let asw = Rel::cross(n, g.init, mem & !g.init);
    let pp_asw = asw.minus(&asw.seq(&sb));
    let sc = g.with(flag::SC);
    let crel = g.with(flag::REL | flag::ACQ_REL) | (sc & (g.writes | g.fences));
    let cacq = g.with(flag::ACQ | flag::ACQ_REL) | (sc & (g.reads | g.fences));
    let mo = d.co;
    let rs_prime = g.int.union(&Rel::cross(n, g.all(), g.rmw_events));
    let rs = mo.inter(&rs_prime).minus(&mo.minus(&rs_prime).seq(&mo));
    let fsb = sb.from_set(g.fences);
    let sbf = sb.to_set(g.fences);
    let atomic = mem & !g.init & !g.with(flag::NA);
    let swra = g.ext.inter(
        &fsb.opt()
            .from_set(crel)
            .to_set(atomic & g.writes)
            .seq(&rs.opt())
            .seq(&d.rf)
            .to_set(g.reads & atomic)
            .seq(&sbf.opt())
            .to_set(cacq),
    );
    let sw = pp_asw.union(&swra);
    let ithbr = sw.union(&sw.seq(&sb));
    let ithb = ithbr.union(&sb.seq(&ithbr)).plus();
    let hb = sb.union(&ithb);
    Hb {
        sw,
        asw: pp_asw,
        hb,
    }
}

fn hb_path(g: &Graph, sw: &Rel, a: usize, b: usize) -> Option<Vec<Edge>> {
    // Initial writes synchronise with every thread's first access (asw).
    let asw = sw.from_set(g.init);
    let swra = sw.minus(&asw);
    path(&[("sb", g.po), ("asw", asw), ("sw", swra)], a, b)
}

pub fn check(g: &Graph, d: &Dyn, explain: bool) -> Option<Witness> {
    let n = g.n();
    let Hb { sw, hb, .. } = hb(g, d);
    if !hb.is_acyclic() {
        return witness("Hb", "acyclic(hb)", explain, || {
            cycle(&[("sb", g.po), ("sw", sw)])
        });
    }
    let mo = d.co;
    let rf = d.rf;
    let rfi = rf.inverse();
    // Coh: irreflexive(rf⁻¹?; mo; rf?; hb)
    let coh = rfi.opt().seq(&mo).seq(&rf.opt()).seq(&hb);
    if !coh.is_irreflexive() {
        return witness("Coh", "irreflexive(rf⁻¹?; mo; rf?; hb)", explain, || {
            let x = (0..n).find(|&x| coh.has(x, x))?;
            // x is (or reads from) w1; w1 mo w2; w2 is (or is read by) y; y hb x.
            let w1s = if g.writes >> x & 1 == 1 && (0..n).all(|w| !rf.has(w, x)) {
                vec![x]
            } else {
                let mut v: Vec<usize> = (0..n).filter(|&w| rf.has(w, x)).collect();
                if g.writes >> x & 1 == 1 {
                    v.push(x);
                }
                v
            };
            for w1 in w1s {
                for w2 in members(mo.row(w1)) {
                    let ys = std::iter::once(w2).chain(members(rf.row(w2)));
                    for y in ys {
                        if hb.has(y, x) {
                            let mut e = Vec::new();
                            e.push(Edge {
                                from: x,
                                to: w2,
                                label: if w1 == x { "mo" } else { "fr" },
                            });
                            if y != w2 {
                                e.push(Edge {
                                    from: w2,
                                    to: y,
                                    label: "rf",
                                });
                            }
                            e.extend(hb_path(g, &sw, y, x)?);
                            return Some(e);
                        }
                    }
                }
            }
            None
        });
    }
    // Rf: irreflexive(rf; hb)
    let rfhb = rf.seq(&hb);
    if !rfhb.is_irreflexive() {
        return witness("Rf", "irreflexive(rf; hb)", explain, || {
            let w = (0..n).find(|&w| rfhb.has(w, w))?;
            let r = members(rf.row(w)).find(|&r| hb.has(r, w))?;
            let mut e = vec![Edge {
                from: w,
                to: r,
                label: "rf",
            }];
            e.extend(hb_path(g, &sw, r, w)?);
            Some(e)
        });
    }
    // NaRf: a plain read reads a visible write.
    let hbl = hb.inter(&g.loc);
    let vis = hbl
        .from_set(g.writes)
        .to_set(g.reads)
        .minus(&hbl.to_set(g.writes).seq(&hbl));
    let narf = rf.to_set(g.reads & g.with(flag::NA)).minus(&vis);
    if !narf.is_empty() {
        return witness("NaRf", "empty((rf; [R \\ A]) \\ vis)", explain, || {
            let (w, r) = narf.edges().next()?;
            Some(vec![Edge {
                from: w,
                to: r,
                label: "rf",
            }])
        });
    }
    // Rmw: irreflexive(rf ∪ mo;mo;rf⁻¹ ∪ mo;rf)
    let rmw = rf.union(&mo.seq(&mo).seq(&rfi)).union(&mo.seq(&rf));
    if !rmw.is_irreflexive() {
        return witness(
            "Rmw",
            "irreflexive(rf ∪ mo;mo;rf⁻¹ ∪ mo;rf)",
            explain,
            || None,
        );
    }
    // Spartial
    let sc = g.with(flag::SC);
    let sb = g.po;
    let fsb = sb.from_set(g.fences);
    let sbf = sb.to_set(g.fences);
    let fr = rfi.seq(&mo);
    let scsc = Rel::cross(n, sc, sc);
    let keep = |r: Rel| r.inter(&scsc).minus_id();
    let parts = [
        ("hb", keep(hb)),
        ("mo", keep(fsb.opt().seq(&mo).seq(&sbf.opt()))),
        ("rf⁻¹;[SC];mo", keep(rfi.to_set(sc).seq(&mo))),
        ("rf⁻¹;hb|loc", keep(rfi.seq(&hbl).to_set(g.writes))),
        (
            "fr",
            keep(
                fsb.seq(&fr)
                    .union(&fr.seq(&sbf))
                    .union(&fsb.seq(&fr).seq(&sbf)),
            ),
        ),
    ];
    let mut scp = Rel::empty(n);
    for (_, r) in &parts {
        scp.union_with(r);
    }
    if !scp.is_acyclic() {
        let mut w = witness(
            "Spartial",
            "acyclic(((SC × SC) ∩ scp) \\ id)",
            explain,
            || cycle(&parts),
        );
        if let Some(w) = w.as_mut() {
            let rfi_ = rfi;
            w.via = w
                .edges
                .iter()
                .map(|e| {
                    let (a, b) = (e.from, e.to);
                    let chain = match e.label {
                        "hb" if !sb.has(a, b) => hb_path(g, &sw, a, b),
                        "rf⁻¹;[SC];mo" => {
                            members(rfi_.row(a)).find(|&x| mo.has(x, b)).map(|x| {
                                vec![
                                    Edge {
                                        from: a,
                                        to: x,
                                        label: "rf⁻¹",
                                    },
                                    Edge {
                                        from: x,
                                        to: b,
                                        label: "mo",
                                    },
                                ]
                            })
                        }
                        "rf⁻¹;hb|loc" => {
                            members(rfi_.row(a)).find(|&x| hbl.has(x, b)).and_then(|x| {
                                let mut p = vec![Edge {
                                    from: a,
                                    to: x,
                                    label: "rf⁻¹",
                                }];
                                p.extend(hb_path(g, &sw, x, b)?);
                                Some(p)
                            })
                        }
                        _ => None,
                    };
                    chain.unwrap_or_default()
                })
                .collect();
        }
        return w;
    }
    None
}
