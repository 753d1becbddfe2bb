//! Explanations a student can follow: for each model, either one execution that reaches the
//! outcome the test asks about, or, when the model forbids it, the cycle of relations that
//! every candidate reaching it contains, edge by edge in words.

use super::exec::{Candidate, Kind};
use super::graph::Graph;
use super::rel::Edge;
use super::{Analysis, Level, Model, ModelError, Witness};
use crate::litmus::{format_state, print::print, Test};
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

/// A short name for an event of a candidate: `P0:Wx=1`, `P1:ldar y=1`, `init:x=0`.
pub fn short(a: &Analysis, g: &Graph, c: &Candidate, e: usize) -> String {
    let ev = &g.events[e];
    let loc = |l: Option<usize>| l.map(|l| a.enumeration.locs[l].as_str()).unwrap_or("");
    let instr = !matches!(ev.name.split(' ').last(), Some("load" | "store" | "fence" | "read-modify-write"));
    match ev.thread {
        None => format!("init:{}={}", loc(ev.loc), c.wval[ev.cev]),
        Some(t) => {
            let acc = match ev.kind {
                Kind::Read => format!("R{}={}", loc(ev.loc), c.rval[ev.cev]),
                Kind::Write => format!("W{}={}", loc(ev.loc), c.wval[ev.cev]),
                Kind::Rmw => format!(
                    "RMW{}={}→{}",
                    loc(ev.loc),
                    c.rval[ev.cev],
                    c.wval[ev.cev]
                ),
                Kind::Fence => String::new(),
            };
            if instr {
                if acc.is_empty() {
                    format!("P{t}:{}", ev.name)
                } else {
                    format!("P{t}:{} {acc}", ev.name.trim_start_matches("bl "))
                }
            } else if ev.kind == Kind::Fence {
                format!("P{t}:F{}", short_ord(ev.name))
            } else {
                format!("P{t}:{acc}{}", short_ord(ev.name))
            }
        }
    }
}

fn short_ord(name: &str) -> &'static str {
    match name.split(' ').next() {
        Some("Relaxed") => "",
        Some("Acquire") => "(acq)",
        Some("Release") => "(rel)",
        Some("AcqRel") => "(acqrel)",
        Some("SeqCst") => "(sc)",
        _ => "",
    }
}

/// A long description: `P0's Relaxed store of x=1`, `P1's ldar of y (reads 1)`.
pub fn long(a: &Analysis, g: &Graph, c: &Candidate, e: usize) -> String {
    let ev = &g.events[e];
    let loc = |l: Option<usize>| l.map(|l| a.enumeration.locs[l].as_str()).unwrap_or("");
    match ev.thread {
        None => format!("the initial value {}={}", loc(ev.loc), c.wval[ev.cev]),
        Some(t) => match ev.kind {
            Kind::Read => format!(
                "P{t}'s {} of {} (reads {})",
                ev.name,
                loc(ev.loc),
                c.rval[ev.cev]
            ),
            Kind::Write => format!("P{t}'s {} {}={}", ev.name, loc(ev.loc), c.wval[ev.cev]),
            Kind::Rmw => format!(
                "P{t}'s {} of {} (reads {}, writes {})",
                ev.name,
                loc(ev.loc),
                c.rval[ev.cev],
                c.wval[ev.cev]
            ),
            Kind::Fence => format!("P{t}'s {}", ev.name),
        },
    }
}

/// One edge of a cycle in words.
pub fn sentence(a: &Analysis, g: &Graph, c: &Candidate, e: &Edge) -> String {
    let x = long(a, g, c, e.from);
    let y = long(a, g, c, e.to);
    let thread = g.events[e.from].thread.map(|t| format!("P{t}")).unwrap_or_default();
    let loc = g.events[e.from]
        .loc
        .or(g.events[e.to].loc)
        .map(|l| a.enumeration.locs[l].clone())
        .unwrap_or_default();
    match e.label {
        "po" | "sb" => format!("{x} comes before {y} in {thread}'s program order ({})", e.label),
        "po-loc" => format!("{x} comes before {y} in {thread}'s program order, on the same location (po-loc)"),
        "rf" | "rfe" => format!("{y} reads the value written by {x} ({})", e.label),
        "co" | "mo" | "coe" => format!(
            "{x} comes before {y} in the coherence order of {loc}, the one order of writes to {loc} every thread agrees on ({})",
            e.label
        ),
        "fr" | "rb" | "fre" => format!(
            "{x} reads a value older than {y}'s: it reads from a write coherence-before {y} ({})",
            e.label
        ),
        "sw" => format!(
            "{x} synchronises with {y} (sw): a Release write (or a Release fence before a write) is read, directly or through a release sequence, by an Acquire read (or a read followed by an Acquire fence)"
        ),
        "ppo" => format!("x86 keeps {x} before {y}: program order, and not a store followed by a load (ppo)"),
        "mfence" => format!("a full barrier between them keeps {x} before {y} (mfence)"),
        "implied" => format!("a locked instruction keeps {x} before {y} (implied barrier)"),
        "dob" => format!("{y} depends on the value read by {x} (dob: data dependency)"),
        "aob" => format!("{x} and {y} are the read and the write of one atomic read-modify-write (aob)"),
        "bob: dmb ish" => format!("a dmb ish between them keeps {x} before {y} (bob)"),
        "bob: stlr;ldar" => format!("{y} is an ldar after the stlr {x}: an RCsc acquire load waits for earlier release stores (bob)"),
        "bob: dmb ishld" => format!("{x} is a load before a dmb ishld, so it stays before {y} (bob)"),
        "bob: acquire" => format!("{x} is an acquire load: every later access, like {y}, waits for it (bob)"),
        "bob: dmb ishst" => format!("a dmb ishst between the stores keeps {x} before {y} (bob)"),
        "bob: release" => format!("{y} is a release store: every earlier access, like {x}, is visible first (bob)"),
        "bob: release;coi" => format!("{x} is ordered before a release store that is coherence-before {y} (bob)"),
        "rmw⁻¹" => format!("{x} is the write of the read-modify-write whose read is {y}"),
        // RC11 psc and C11 scp parts: edges of the order of SeqCst events.
        "sb;hb;sb" => format!("in the order S of SeqCst events, {x} comes before {y}: it is followed in program order by something that happens before an event preceding {y} (psc)"),
        "hb|loc" => format!("in the order S of SeqCst events, {x} comes before {y}: it happens before it on the same location (psc)"),
        "hb (SC fences)" => format!("in the order S of SeqCst events, the SeqCst fence {x} comes before {y}: it happens before it, possibly through a coherence step (psc_F)"),
        "hb" => format!("{x} happens before {y}, so it comes first among the SeqCst events (scp)"),
        "rf⁻¹;[SC];mo" => format!("{x} reads from a SeqCst write that is coherence-before {y} (scp)"),
        "rf⁻¹;hb|loc" => format!("{x} reads from a write that happens before {y}, a write to the same location (scp)"),
        other => format!("{x} → {y} ({other})"),
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

/// The reads-from choices of a candidate, per thread, in words.
fn execution_lines(a: &Analysis, g: &Graph, c: &Candidate) -> Vec<String> {
    let mut out = Vec::new();
    let nthreads = a.test.threads.len();
    for t in 0..nthreads {
        let evs: Vec<String> = (0..g.n())
            .filter(|&e| g.events[e].thread == Some(t))
            .map(|e| {
                let mut s = short(a, g, c, e);
                if g.events[e].kind.is_read() {
                    let ce = g.events[e].cev;
                    let w = c.rf[ce];
                    if w != usize::MAX {
                        let src = g.wpart[w];
                        let _ = write!(s, " (from {})", short(a, g, c, src));
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
            out.push(format!("coherence order of {}: {}", a.enumeration.locs[l], ws.join(" < ")));
        }
    }
    out
}

/// The full explanation of a test: the test, every model's verdict, the allowed final states,
/// and per model an execution reaching the target or the cycle forbidding it.
pub fn explain(test: &Test) -> Result<String, ModelError> {
    let mut a = Analysis::new(test)?;
    let mut s = String::new();
    let _ = writeln!(s, "{}", print(test).trim_end());
    let obs = a.enumeration.observables.clone();
    let target_desc = match test.cond.quant {
        crate::litmus::Quantifier::Forall => "a final state violating the `forall` condition",
        _ => "a final state satisfying the condition",
    };
    let _ = writeln!(s, "\nThe outcome asked about: {target_desc}.");
    let mut verdicts = Vec::new();
    for m in Model::ALL {
        verdicts.push(a.verdict(m)?);
    }
    let _ = writeln!(s, "\nVerdicts (is the outcome allowed?):");
    for v in &verdicts {
        let _ = writeln!(s, "  {:<10} {:<30} {}", v.model.key(), v.model.title(), v.word());
    }
    // Allowed final states: union, with the models allowing each.
    let mut states: std::collections::BTreeSet<Vec<i64>> = Default::default();
    for v in &verdicts {
        states.extend(v.allowed_states.iter().cloned());
    }
    let _ = writeln!(s, "\nFinal states and the models allowing them (* = the outcome asked about):");
    for st in &states {
        let who: Vec<&str> = verdicts
            .iter()
            .filter(|v| v.allowed_states.contains(st))
            .map(|v| v.model.key())
            .collect();
        let mark = if test.is_target(&obs, st) { "*" } else { " " };
        let _ = writeln!(s, " {mark} {:<34} {}", format_state(&obs, st), who.join(" "));
    }
    let _ = writeln!(s, "\nWhy:");
    let mut shown_allowed_c = false;
    for m in Model::ALL {
        let f = finding(&mut a, m)?;
        let gs = a.graphs(m.level())?.to_vec();
        match f {
            Finding::Allowed(i) => {
                let c = &a.enumeration.candidates[i];
                let g = &gs[c.structure];
                if m.level() == Level::C && shown_allowed_c {
                    let _ = writeln!(s, "\n{} allows it, with the same execution.", m.title());
                    continue;
                }
                if m.level() == Level::C {
                    shown_allowed_c = true;
                }
                let _ = writeln!(
                    s,
                    "\n{} allows it. An execution that reaches it, consistent with every axiom of {}:",
                    m.title(),
                    m.key()
                );
                for l in execution_lines(&a, g, c) {
                    let _ = writeln!(s, "    {l}");
                }
            }
            Finding::Forbidden(ws) if ws.is_empty() => {
                let _ = writeln!(
                    s,
                    "\n{} forbids it: no candidate execution (even ignoring the model) reaches it.",
                    m.title()
                );
            }
            Finding::Forbidden(ws) => {
                let (i, w) = &ws[0];
                let c = &a.enumeration.candidates[*i];
                let g = &gs[c.structure];
                let _ = writeln!(
                    s,
                    "\n{} forbids it. {} candidate execution{} reach{} it; {} breaks an axiom. {}:",
                    m.title(),
                    ws.len(),
                    if ws.len() == 1 { "" } else { "s" },
                    if ws.len() == 1 { "es" } else { "" },
                    if ws.len() == 1 { "it" } else { "each" },
                    if ws.len() == 1 { "It is" } else { "The first is" },
                );
                for l in execution_lines(&a, g, c) {
                    let _ = writeln!(s, "    {l}");
                }
                let _ = writeln!(s, "  axiom `{}`: {}", w.axiom, w.formula);
                if w.edges.is_empty() {
                    continue;
                }
                let _ = writeln!(s, "  cycle: {}", cycle_line(&a, g, c, &w.edges));
                for (k, e) in w.edges.iter().enumerate() {
                    let _ = writeln!(s, "    {}. {}.", k + 1, sentence(&a, g, c, e));
                }
                let _ = writeln!(
                    s,
                    "  Following the edges leads back to {}: it would have to come before itself, so {} rules this execution out.",
                    short(&a, g, c, w.edges[0].from),
                    m.key()
                );
            }
        }
    }
    Ok(s)
}
