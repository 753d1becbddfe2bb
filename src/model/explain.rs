//! Explanations a student can follow: for each model, either one execution that reaches the
//! outcome the test asks about (and which orders it lacks), or, when the model forbids it,
//! the cycle of relations every candidate reaching it contains, edge by edge in words.

use super::exec::{Candidate, Kind};
use super::graph::Graph;
use super::rel::{members, Edge, Rel};
use super::{Analysis, Model, ModelError, Witness};
use crate::litmus::{format_state, print, Quantifier, Test};
use std::fmt::Write;

/// How a model judges the test's target outcome.
pub enum Finding {
    /// A consistent candidate reaches the target: its index.
    Allowed(usize),
    /// Every candidate reaching the target breaks an axiom: (candidate, witness) for each.
    Forbidden(Vec<(usize, Witness)>),
}

/// Judge the candidates that reach the target outcome under `model`, with witnesses.
pub fn finding(a: &mut Analysis, model: Model) -> Result<Finding, ModelError> {
    let test = a.test;
    let obs = a.enumeration.observables.clone();
    let targets: Vec<usize> = a
        .enumeration
        .candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| test.is_target(&obs, &c.state))
        .map(|(i, _)| i)
        .collect();
    let gs = a.graphs(model.level())?.to_vec();
    let mut ws = Vec::new();
    for i in targets {
        let c = &a.enumeration.candidates[i];
        let g = &gs[c.structure];
        let d = g.relations(c);
        match model.violation(g, &d, true) {
            None => return Ok(Finding::Allowed(i)),
            Some(w) => ws.push((i, w)),
        }
    }
    Ok(Finding::Forbidden(ws))
}

fn is_instruction(name: &str) -> bool {
    !matches!(
        name.split(' ').next_back(),
        Some("load" | "store" | "fence" | "read-modify-write" | "write")
    )
}

fn short_ord(name: &str) -> &'static str {
    match name.split(' ').next() {
        Some("Acquire") => "(acq)",
        Some("Release") => "(rel)",
        Some("AcqRel") => "(acqrel)",
        Some("SeqCst") => "(sc)",
        _ => "",
    }
}

/// A short name for an event of a candidate: `P0:Wx=1`, `P1:Ry=0(acq)`, `P1:ldar Ry=1`,
/// `init:x=0`.
pub fn short(a: &Analysis, g: &Graph, c: &Candidate, e: usize) -> String {
    match g.events[e].thread {
        None => local(a, g, c, e),
        Some(t) => format!("P{t}:{}", local(a, g, c, e)),
    }
}

/// [`short`] without the thread.
fn local(a: &Analysis, g: &Graph, c: &Candidate, e: usize) -> String {
    let ev = &g.events[e];
    let loc = ev.loc.map(|l| a.enumeration.locs[l].as_str()).unwrap_or("");
    if ev.thread.is_none() {
        return format!("init:{loc}={}", c.wval[ev.cev]);
    }
    let acc = match ev.kind {
        Kind::Read => format!("R{loc}={}", c.rval[ev.cev]),
        Kind::Write => format!("W{loc}={}", c.wval[ev.cev]),
        Kind::Rmw => format!("RMW{loc}={}→{}", c.rval[ev.cev], c.wval[ev.cev]),
        Kind::Fence => String::new(),
    };
    if is_instruction(ev.name) {
        if acc.is_empty() {
            ev.name.to_string()
        } else {
            format!("{} {acc}", ev.name.trim_start_matches("bl "))
        }
    } else if ev.kind == Kind::Fence {
        format!("F{}", short_ord(ev.name))
    } else {
        format!("{acc}{}", short_ord(ev.name))
    }
}

/// A long description: `P0's Relaxed store x=1`, `P1's ldar of y (reads 1)`.
pub fn long(a: &Analysis, g: &Graph, c: &Candidate, e: usize) -> String {
    let ev = &g.events[e];
    let loc = ev.loc.map(|l| a.enumeration.locs[l].as_str()).unwrap_or("");
    match ev.thread {
        None => format!("the initial value {loc}={}", c.wval[ev.cev]),
        Some(t) => match ev.kind {
            Kind::Read => format!("P{t}'s {} of {loc} (reading {})", ev.name, c.rval[ev.cev]),
            Kind::Write => format!("P{t}'s {} {loc}={}", ev.name, c.wval[ev.cev]),
            Kind::Rmw => format!(
                "P{t}'s {} of {loc} (reading {}, writing {})",
                ev.name, c.rval[ev.cev], c.wval[ev.cev]
            ),
            Kind::Fence => format!("P{t}'s {}", ev.name),
        },
    }
}

/// One edge of a cycle in words.
pub fn sentence(a: &Analysis, g: &Graph, c: &Candidate, e: &Edge) -> String {
    let x = long(a, g, c, e.from);
    let y = long(a, g, c, e.to);
    let thread = g.events[e.from]
        .thread
        .map(|t| format!("P{t}"))
        .unwrap_or_default();
    let loc = g.events[e.to]
        .loc
        .or(g.events[e.from].loc)
        .map(|l| a.enumeration.locs[l].clone())
        .unwrap_or_default();
    let l = e.label;
    match l {
        "po" | "sb" => format!("{x} comes before {y} in {thread}'s program order ({l})"),
        "po-loc" => format!("{x} comes before {y} in {thread}'s program order, on the same location ({l})"),
        "rf" | "rfe" if g.init >> e.from & 1 == 1 => format!("{y} reads {x} ({l}: reads-from)"),
        "rf" | "rfe" => format!("{y} reads the value written by {x} ({l}: reads-from)"),
        "rf⁻¹" if g.init >> e.to & 1 == 1 => format!("{x} reads {y} (rf⁻¹)"),
        "co" | "mo" | "coe" => format!(
            "{x} comes before {y} in the coherence order of {loc}, the one order of the writes to {loc} that every thread agrees on ({l})"
        ),
        "fr" | "rb" | "fre" => format!(
            "{x} does not see {y}: it reads from a write that comes before {y} in the coherence order of {loc} ({l}: reads-before)"
        ),
        "sw" => format!(
            "{x} synchronises with {y} (sw): the Acquire side reads the value of the Release side (directly or through a release sequence), so everything before the Release happens before everything after the Acquire"
        ),
        "ppo" => format!("{x} comes before {y} in program order, and x86 keeps that order: it only lets a load pass an earlier store (ppo)"),
        "mfence" => format!("{x} comes before {y} in program order with a full barrier between them (mfence)"),
        "implied" => format!("{x} comes before {y} in program order and one of them is a locked instruction, which keeps them in order (implied barrier)"),
        "dob" => format!("{y} uses the value read by {x}, so it cannot happen before that read (dob: data dependency)"),
        "aob" => format!("{x} and {y} are the read and the write of one atomic read-modify-write (aob)"),
        "bob: dmb ish" => format!("a dmb ish between {x} and {y} keeps them in order (bob)"),
        "bob: stlr;ldar" => format!("{y} comes after {x} in program order, and an ldar may not be satisfied before an earlier stlr is visible (bob: RCsc acquire)"),
        "bob: dmb ishld" => format!("{x} is a load before a dmb ishld, which keeps it before the later {y} (bob)"),
        "bob: acquire" => format!("{x} is an acquire load, so the later {y} waits for it (bob)"),
        "bob: dmb ishst" => format!("a dmb ishst between the stores {x} and {y} keeps them in order (bob)"),
        "bob: release" => format!("{y} is a release store, so the earlier {x} is visible before it (bob)"),
        "bob: release;coi" => format!("{x} is ordered before a release store of the same thread that is coherence-before {y} (bob)"),
        "rf⁻¹" => format!("{x} reads the value written by {y} (rf⁻¹)"),
        "asw" => format!("{x} happens before {y}: initial values happen before every thread's accesses (asw)"),
        "rmw⁻¹" => format!("{x} is the write of the read-modify-write whose read is {y}"),
        // RC11's psc and C11's scp: the order of SeqCst events.
        "sb;hb;sb" => format!("in the total order of SeqCst events, {x} comes before {y}: something after {x} in program order happens before something before {y} (psc)"),
        "hb|loc" => format!("in the total order of SeqCst events, {x} comes before {y}: it happens before it, on the same location (psc)"),
        "hb (SC fences)" => format!("in the total order of SeqCst events, {x} comes before {y}: it happens before it, possibly through a coherence step (psc_F)"),
        "hb" => format!("{x} happens before {y}, so it also comes first in the order of SeqCst events (scp)"),
        "rf⁻¹;[SC];mo" => format!("{x} reads from a SeqCst write that is coherence-before {y} (scp)"),
        "rf⁻¹;hb|loc" => format!("{x} reads from a write that happens before {y}, which writes the same location (scp)"),
        other => format!("{x} is ordered before {y} ({other})"),
    }
}

/// What an axiom demands, in one sentence.
fn axiom_intro(m: Model, axiom: &str) -> &'static str {
    match (m, axiom) {
        (Model::Rc11, "coherence") => "No event may happen before (hb) an event that precedes it in the coherence of a location (eco: rf, mo, rb).",
        (Model::Rc11, "sc") => "All SeqCst events lie in one total order S, which must agree with program order, happens-before on a location, coherence and reads-before between them (psc); these edges would make S circular.",
        (Model::Rc11, "no-thin-air") => "RC11 forbids any cycle of program order and reads-from (no load buffering, no values out of thin air).",
        (Model::Rc11, "atomicity") => "A read-modify-write must read the write immediately before its own in the coherence order.",
        (Model::C11, "Hb") => "Happens-before must be acyclic.",
        (Model::C11, "Coh") => "Coherence: a write (or a read of it) that is coherence-earlier cannot come after, in happens-before, one that is coherence-later.",
        (Model::C11, "Rf") => "A read cannot read from a write it happens before.",
        (Model::C11, "NaRf") => "A plain (non-atomic) read must read a visible write: one that happens before it, with no other write to the location between them in happens-before. This read reads a write that is not visible to it.",
        (Model::C11, "Spartial") => "SeqCst events are partially ordered by scp (happens-before, coherence and reads-before through SeqCst events and fences), which must have no cycle.",
        (Model::Sc, _) => "Under SC the events run one at a time, in an interleaving that keeps each thread's program order, and every read sees the latest write.",
        (Model::X86Tso | Model::QemuX86, "tso") => "x86-TSO: a store waits in its thread's FIFO store buffer, so only a later load may overtake it; a barrier or a locked instruction drains the buffer. Global happens-before (ghb) must be acyclic.",
        (Model::Armv8 | Model::Armv8Rcpc, "external") => "ARMv8 is multicopy-atomic: a write visible to another thread is visible to all. The order of observations, dependencies, atomics and barriers (ob) must be acyclic.",
        (_, "uniproc" | "internal") => "Per location, program order must agree with coherence (SC per location).",
        _ => "",
    }
}

fn cycle_line(a: &Analysis, g: &Graph, c: &Candidate, edges: &[Edge]) -> String {
    let mut s = String::new();
    for (i, e) in edges.iter().enumerate() {
        if i == 0 {
            s += &short(a, g, c, e.from);
        }
        let _ = write!(s, " -{}-> {}", e.label, short(a, g, c, e.to));
    }
    s
}

/// A candidate, per thread, with where each read reads from.
fn execution_lines(a: &Analysis, g: &Graph, c: &Candidate) -> Vec<String> {
    let mut out = Vec::new();
    for t in 0..a.test.threads.len() {
        let evs: Vec<String> = (0..g.n())
            .filter(|&e| g.events[e].thread == Some(t))
            .map(|e| {
                let mut s = local(a, g, c, e);
                if g.events[e].kind.is_read() {
                    let w = c.rf[g.events[e].cev];
                    if w != usize::MAX {
                        let _ = write!(s, " (reads {})", short(a, g, c, g.wpart[w]));
                    }
                }
                s
            })
            .collect();
        out.push(format!("P{t}: {}", evs.join("; ")));
    }
    for (l, order) in c.co.iter().enumerate() {
        if order.len() > 2 {
            let ws: Vec<String> = order.iter().map(|&w| short(a, g, c, g.wpart[w])).collect();
            out.push(format!(
                "coherence order of {}: {}",
                a.enumeration.locs[l],
                ws.join(" < ")
            ));
        }
    }
    out
}

/// Why a consistent execution is allowed: the reads that miss a write, and the absence of
/// any order putting the write first.
fn allowed_lines(a: &Analysis, m: Model, g: &Graph, c: &Candidate) -> Vec<String> {
    let d = g.relations(c);
    let (order, name) = m.order(g, &d);
    if m == Model::Sc {
        return vec![format!(
            "It is the interleaving {}.",
            interleaving(a, g, c, &order)
        )];
    }
    let mut out = Vec::new();
    if matches!(m, Model::Rc11 | Model::C11) {
        let sw = match m {
            Model::Rc11 => super::rc11::hb(g, &d).sw,
            _ => super::c11::hb(g, &d).sw,
        };
        if sw.from_set(!g.init).inter(&g.ext).is_empty() {
            out.push(
                "No Release/Acquire pair synchronises here (no sw edge between threads), so nothing one thread does happens before anything another thread does.".to_string(),
            );
        }
    }
    if matches!(m, Model::X86Tso | Model::QemuX86) {
        let parts = super::tso::ghb_parts(g, &d);
        let kept = parts
            .iter()
            .filter(|(l, _)| matches!(*l, "ppo" | "mfence" | "implied"))
            .fold(Rel::empty(g.n()), |acc, (_, r)| acc.union(r));
        for r in members(g.reads & !g.writes) {
            for w in members(g.po.inverse().row(r) & g.writes & !g.reads) {
                if !kept.has(w, r) && d.fr.inter(&g.ext).row(r) != 0 {
                    out.push(format!(
                        "{} may still wait in P{}'s store buffer when {} runs: no barrier or locked instruction drains the buffer between them.",
                        long(a, g, c, w),
                        g.events[w].thread.unwrap_or(0),
                        long(a, g, c, r)
                    ));
                }
            }
        }
    }
    if !g.po.union(&d.rf).is_acyclic() {
        out.push(match m {
            Model::Armv8 | Model::Armv8Rcpc => "Program order and reads-from form a cycle (load buffering): ARMv8 lets a store become visible before an earlier load of another location is satisfied, unless a dependency, a barrier, an acquire load or a release store orders them.".to_string(),
            _ => format!("Program order and reads-from form a cycle (load buffering); {} has no axiom against it, unlike RC11's no-thin-air.", m.title()),
        });
    }
    let stale = d.fr.inter(&g.ext);
    for (r, w) in stale.edges() {
        if g.init >> w & 1 == 1 || order.has(w, r) {
            continue;
        }
        out.push(format!(
            "{} does not see {}, and nothing in {} puts the write first: no {name} edge leads from it to the read.",
            long(a, g, c, r),
            long(a, g, c, w),
            m.title()
        ));
    }
    for (w1, w2) in d.co.inter(&g.ext).edges() {
        if g.init >> w1 & 1 == 1 {
            continue;
        }
        // A write that lands coherence-after another although it comes first in an order
        // other events see: report only when nothing orders w2 before w1 either way.
        if !order.has(w1, w2) && members(g.po.row(w2)).any(|x| order.has(w2, x)) {
            out.push(format!(
                "{} comes after {} in the coherence order of {}, and nothing in {} forces the opposite.",
                long(a, g, c, w2),
                long(a, g, c, w1),
                a.enumeration.locs[g.events[w1].loc.unwrap_or(0)],
                m.title()
            ));
        }
    }
    out.push(format!(
        "Every axiom of {} holds: the relations it requires to be acyclic have no cycle here.",
        m.key()
    ));
    out
}

/// A topological order of the events under `order` (an SC interleaving).
fn interleaving(a: &Analysis, g: &Graph, c: &Candidate, order: &Rel) -> String {
    let mut left: u64 = g.all() & !g.init & g.mem();
    let mut seq = Vec::new();
    while left != 0 {
        let next = members(left).find(|&x| members(left).all(|y| y == x || !order.has(y, x)));
        match next {
            Some(x) => {
                seq.push(short(a, g, c, x));
                left &= !(1 << x);
            }
            None => break,
        }
    }
    seq.join(", ")
}

/// The full explanation of a test: the test, every model's verdict, the allowed final states,
/// and per model an execution reaching the target or the cycle forbidding it.
pub fn explain(test: &Test) -> Result<String, ModelError> {
    let mut a = Analysis::new(test)?;
    let mut s = String::new();
    let _ = writeln!(s, "{}", print(test).trim_end());
    let obs = a.enumeration.observables.clone();
    let target_desc = match test.cond.quant {
        Quantifier::Forall => "a final state violating the `forall` condition",
        _ => "a final state satisfying the condition",
    };
    let _ = writeln!(s, "\nThe outcome asked about: {target_desc}.");
    let mut verdicts = Vec::new();
    for m in Model::ALL {
        verdicts.push(a.verdict(m)?);
    }
    let _ = writeln!(s, "\nIs it allowed?");
    for v in &verdicts {
        let _ = writeln!(
            s,
            "  {:<10} {:<30} {}{}",
            v.model.key(),
            v.model.title(),
            v.word(),
            if v.race.is_some() {
                "  + UNDEFINED BEHAVIOUR (data race)"
            } else {
                ""
            }
        );
    }
    let racy: Vec<&super::Verdict> = verdicts.iter().filter(|v| v.race.is_some()).collect();
    if !racy.is_empty() {
        let _ = writeln!(s, "\nUndefined behaviour:");
        for v in racy {
            if let Some(r) = &v.race {
                let _ = writeln!(
                    s,
                    "  {}: {r}, in the execution ending in {}.\n  Under {} the whole \
                     program is then undefined: every outcome is possible, whatever the verdict \
                     above says about its consistent executions.",
                    v.model.title(),
                    format_state(&obs, &r.state),
                    v.model.key()
                );
            }
        }
    }
    let mut states: std::collections::BTreeSet<Vec<i64>> = Default::default();
    for v in &verdicts {
        states.extend(v.allowed_states.iter().cloned());
    }
    let _ = writeln!(
        s,
        "\nAllowed final states, with the models allowing each (* = the outcome asked about):"
    );
    for st in &states {
        let who: Vec<&str> = verdicts
            .iter()
            .filter(|v| v.allowed_states.contains(st))
            .map(|v| v.model.key())
            .collect();
        let mark = if test.is_target(&obs, st) { "*" } else { " " };
        let _ = writeln!(
            s,
            " {mark} {:<34} {}",
            format_state(&obs, st),
            if who.len() == Model::ALL.len() {
                "every model".to_string()
            } else {
                who.join(" ")
            }
        );
    }
    let _ = writeln!(s, "\nWhy:");
    let mut said: Vec<(String, Model)> = Vec::new();
    for m in Model::ALL {
        let f = finding(&mut a, m)?;
        let gs = a.graphs(m.level())?.to_vec();
        let mut body = String::new();
        let head;
        match f {
            Finding::Allowed(i) => {
                let c = &a.enumeration.candidates[i];
                let g = &gs[c.structure];
                head = format!("{} allows it. An execution that reaches it:", m.title());
                for l in execution_lines(&a, g, c) {
                    let _ = writeln!(body, "    {l}");
                }
                for l in allowed_lines(&a, m, g, c) {
                    let _ = writeln!(body, "  {l}");
                }
            }
            Finding::Forbidden(ws) if ws.is_empty() => {
                head = format!(
                    "{} forbids it: no candidate execution reaches it at all.",
                    m.title()
                );
            }
            Finding::Forbidden(ws) => {
                let (i, w) = &ws[0];
                let c = &a.enumeration.candidates[*i];
                let g = &gs[c.structure];
                head = if ws.len() == 1 {
                    format!(
                        "{} forbids it. The only candidate execution that reaches it breaks the axiom `{}`:",
                        m.title(),
                        w.axiom
                    )
                } else {
                    format!(
                        "{} forbids it. {} candidate executions reach it and each breaks an axiom; the first breaks `{}`:",
                        m.title(),
                        ws.len(),
                        w.axiom
                    )
                };
                for l in execution_lines(&a, g, c) {
                    let _ = writeln!(body, "    {l}");
                }
                let _ = writeln!(body, "  axiom `{}`: {}", w.axiom, w.formula);
                let intro = axiom_intro(m, w.axiom);
                if !intro.is_empty() {
                    let _ = writeln!(body, "  {intro}");
                }
                if !w.edges.is_empty() {
                    let closes = w.edges.last().map(|e| e.to) == Some(w.edges[0].from);
                    let what = if closes { "cycle" } else { "edge" };
                    let _ = writeln!(body, "  {what}: {}", cycle_line(&a, g, c, &w.edges));
                    for (k, e) in w.edges.iter().enumerate() {
                        let _ = writeln!(body, "    {}. {}.", k + 1, sentence(&a, g, c, e));
                        if let Some(via) = w.via.get(k).filter(|v| !v.is_empty()) {
                            let _ = writeln!(body, "       Because: {}", cycle_line(&a, g, c, via));
                            for sub in via {
                                let _ = writeln!(body, "       - {}.", sentence(&a, g, c, sub));
                            }
                        }
                    }
                    if closes {
                        let _ = writeln!(
                            body,
                            "  Following the edges leads from {} back to itself: it would have to come before itself, so this execution is impossible.",
                            short(&a, g, c, w.edges[0].from)
                        );
                    }
                }
            }
        }
        let anon = |t: &str| t.replace(m.title(), "@").replace(m.key(), "@");
        let key = format!("{}\n{}", anon(&head), anon(&body));
        match said.iter().find(|(k, _)| *k == key) {
            Some((_, prev)) => {
                let _ = writeln!(
                    s,
                    "\n{}: {} for the same reason as {}.",
                    m.title(),
                    if verdicts.iter().any(|v| v.model == m && v.target_allowed) {
                        "allowed"
                    } else {
                        "forbidden"
                    },
                    prev.title()
                );
            }
            None => {
                let _ = write!(s, "\n{head}\n{body}");
                said.push((key, m));
            }
        }
    }
    Ok(s)
}

/// Why `model` forbids the test's target outcome, in words: the violated axiom and the
/// cycle (edge by edge) of the first candidate that reaches the outcome, or that no candidate
/// reaches it. `None` when the model allows the outcome.
pub fn forbidding_cycle(a: &mut Analysis, model: Model) -> Result<Option<String>, ModelError> {
    let gs = a.graphs(model.level())?.to_vec();
    match finding(a, model)? {
        Finding::Allowed(_) => Ok(None),
        Finding::Forbidden(ws) if ws.is_empty() => Ok(Some(
            "no candidate execution reaches the outcome at all".to_string(),
        )),
        Finding::Forbidden(ws) => {
            let (i, w) = &ws[0];
            let c = &a.enumeration.candidates[*i];
            let g = &gs[c.structure];
            let mut s = format!("axiom `{}` ({})", w.axiom, w.formula);
            if !w.edges.is_empty() {
                let _ = write!(s, "; cycle: {}", cycle_line(a, g, c, &w.edges));
                for (k, e) in w.edges.iter().enumerate() {
                    let _ = write!(s, "\n{}. {}.", k + 1, sentence(a, g, c, e));
                }
            }
            Ok(Some(s))
        }
    }
}
