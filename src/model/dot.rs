//! Execution graphs for Graphviz: events as nodes grouped per thread, `po`, `rf`, `co` and
//! `fr` edges labelled and coloured, and the edges of a witness cycle drawn bold.

use super::exec::Candidate;
use super::explain::short;
use super::graph::Graph;
use super::rel::Edge;
use super::Analysis;
use std::fmt::Write;

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The DOT text of candidate `c` on graph `g`; `cycle` edges are drawn bold and red.
pub fn dot(a: &Analysis, g: &Graph, c: &Candidate, title: &str, cycle: &[Edge]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "digraph \"{}\" {{", esc(title));
    let _ = writeln!(
        s,
        "  label=\"{}\"; labelloc=t; rankdir=TB; node [shape=box, fontname=monospace];",
        esc(title)
    );
    // Initial writes.
    let _ = writeln!(
        s,
        "  subgraph cluster_init {{ label=\"init\"; style=dashed;"
    );
    for e in 0..g.n() {
        if g.events[e].thread.is_none() {
            let _ = writeln!(s, "    e{e} [label=\"{}\"];", esc(&short(a, g, c, e)));
        }
    }
    let _ = writeln!(s, "  }}");
    for t in 0..a.test.threads.len() {
        let _ = writeln!(s, "  subgraph cluster_p{t} {{ label=\"P{t}\";");
        let evs: Vec<usize> = (0..g.n())
            .filter(|&e| g.events[e].thread == Some(t))
            .collect();
        for &e in &evs {
            let _ = writeln!(s, "    e{e} [label=\"{}\"];", esc(&short(a, g, c, e)));
        }
        for w in evs.windows(2) {
            let _ = writeln!(s, "    e{} -> e{} [label=\"po\", color=black];", w[0], w[1]);
        }
        let _ = writeln!(s, "  }}");
    }
    let d = g.relations(c);
    let on_cycle = |a: usize, b: usize| cycle.iter().any(|e| e.from == a && e.to == b);
    let mut emit = |a: usize, b: usize, label: &str, color: &str, style: &str| {
        let bold = if on_cycle(a, b) { ", penwidth=3" } else { "" };
        let _ = writeln!(
            s,
            "  e{a} -> e{b} [label=\"{label}\", color={color}, fontcolor={color}, style={style}{bold}, constraint=false];"
        );
    };
    for (a_, b) in d.rf.edges() {
        emit(a_, b, "rf", "red", "solid");
    }
    // co: only immediate successors, to keep the picture readable.
    for (a_, b) in d.co.edges() {
        if (d.co.row(a_) & !(1u64 << b)) & d.co.inverse().row(b) == 0 {
            emit(a_, b, "co", "blue", "solid");
        }
    }
    for (a_, b) in d.fr.edges() {
        if (d.fr.row(a_) & d.co.inverse().row(b)) == 0 {
            emit(a_, b, "fr", "orange", "dashed");
        }
    }
    // Cycle edges of other relations.
    for e in cycle {
        if !matches!(
            e.label,
            "rf" | "rfe" | "co" | "coe" | "mo" | "fr" | "fre" | "rb" | "po"
        ) {
            let _ = writeln!(
                s,
                "  e{} -> e{} [label=\"{}\", color=purple, fontcolor=purple, penwidth=3, constraint=false];",
                e.from,
                e.to,
                esc(e.label)
            );
        }
    }
    s.push_str("}\n");
    s
}
