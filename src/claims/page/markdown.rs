//! The claims catalogue as Markdown: the verdict table, then per claim the quote, the
//! verdict part by part and the evidence in text (histograms as tables of counts).

use super::super::evidence::Body;
use super::super::{Catalogue, Decided};
use super::run_line;
use crate::report::{md_esc, pct, state_str};
use std::fmt::Write as _;

/// The whole catalogue run as Markdown.
pub fn markdown(c: &Catalogue) -> String {
    let mut s = String::from("# orderlab claims\n\n");
    let _ = writeln!(
        s,
        "{}\n\n{}\n",
        md_esc(&run_line(c)),
        md_esc(&super::tally(c))
    );
    s.push_str("| id | verdict | claim | deciding figure | platform |\n|---|---|---|---|---|\n");
    for Decided { claim, decision } in &c.claims {
        let _ = writeln!(
            s,
            "| [{id}](#{lid}) | **{}** | {} | {} | {} |",
            md_esc(&decision.label()),
            md_esc(&claim.claim),
            md_esc(&decision.figure),
            md_esc(&decision.platform),
            id = claim.id,
            lid = claim.id.to_lowercase()
        );
    }
    for Decided { claim, decision } in &c.claims {
        let _ = writeln!(
            s,
            "\n## {}\n\n**{}** — {}\n\n*{} · {} · {}*\n",
            claim.id,
            md_esc(&decision.label()),
            md_esc(&claim.claim),
            md_esc(&claim.seeds.join(", ")),
            md_esc(&claim.sections.join(", ")),
            md_esc(&claim.category)
        );
        for (seed, q, t) in claim.quotes() {
            let _ = writeln!(
                s,
                "> {}\n>\n> {} ({})\n",
                md_esc(q).replace('\n', "\n> "),
                md_esc(t).replace('\n', "\n> "),
                md_esc(seed)
            );
        }
        for (i, (p, v)) in claim.parts.iter().zip(&decision.parts).enumerate() {
            let _ = writeln!(
                s,
                "{}. {} — **{}**: {}",
                i + 1,
                md_esc(p),
                serde_json::to_value(v.state)
                    .ok()
                    .and_then(|x| x.as_str().map(str::to_string))
                    .unwrap_or_default(),
                md_esc(&v.because)
            );
        }
        if let Some(go) = &claim.go_only {
            let _ = writeln!(s, "\nWhy not here: {}", md_esc(go));
        }
        if let Some(rule) = &claim.decide {
            let _ = writeln!(s, "\nThe rule: {}", md_esc(rule));
        }
        if !decision.weak.is_empty() {
            let _ = writeln!(s, "\nWeak evidence: {}", md_esc(&decision.weak.join("; ")));
        }
        if !decision.change.is_empty() {
            let _ = writeln!(
                s,
                "\nWhat would change the verdict: {}",
                md_esc(&decision.change)
            );
        }
        if !claim.evidence.is_empty() {
            s.push_str("\nEvidence:\n\n");
        }
        for key in &claim.evidence {
            let Some(it) = c.evidence.get(key) else {
                continue;
            };
            let _ = writeln!(
                s,
                "- `{}` ({}{}): {}",
                it.key,
                md_esc(&it.source),
                it.busy().map_or(String::new(), |b| format!("; {b}")),
                md_esc(&it.summary())
            );
            if let Body::Run(r) = &it.body {
                for h in &r.result.histogram {
                    let _ = writeln!(
                        s,
                        "  - {}{}: {} ({})",
                        if h.target { "★ " } else { "" },
                        md_esc(&state_str(&h.state)),
                        h.count,
                        pct(h.count, r.total())
                    );
                }
                let _ = writeln!(s, "  - {}", md_esc(&r.odds()));
            }
            if let Body::Models(m) = &it.body {
                let _ = writeln!(s, "  - {}", md_esc(&m.row()));
                // One line per reason, naming every model that gives it.
                let mut reasons: Vec<(&str, Vec<&str>)> = Vec::new();
                for (model, axiom, _) in &m.cycles {
                    match reasons.iter_mut().find(|(a, _)| a == axiom) {
                        Some((_, ms)) => ms.push(model.key()),
                        None => reasons.push((axiom, vec![model.key()])),
                    }
                }
                for (axiom, models) in reasons {
                    let _ = writeln!(
                        s,
                        "  - forbidden by {}: {}",
                        models.join(", "),
                        md_esc(axiom)
                    );
                }
                if let Some(t) = &m.checkers {
                    s.push_str(&crate::report::checkers_markdown(t));
                }
            }
        }
    }
    s
}
