//! The Markdown version of `orderlab report`: the same tables, with text bars.

use super::schema::{model_letters, RunReport, MODEL_LETTERS_LEGEND};
use super::view::*;
use crate::verdict::Status;
use std::fmt::Write as _;

/// A text bar of `frac` of 20 cells, in eighths: `█████▍`.
pub fn text_bar(f: f64) -> String {
    let eighths = (f.clamp(0.0, 1.0) * 160.0).round() as usize;
    let mut b = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        b.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8 - 1]);
    }
    b
}

fn md_row(s: &mut String, cells: &[String]) {
    let _ = writeln!(s, "| {} |", cells.join(" | "));
}

/// The same content as Markdown tables.
pub fn markdown(runs: &[RunReport], o: Options) -> String {
    markdown_with(runs, o, &super::Checkers::new())
}

/// The Markdown, with the checkers' table of each test `checkers` has.
pub fn markdown_with(runs: &[RunReport], o: Options, checkers: &super::Checkers) -> String {
    let gs = groups(runs);
    let mut s = String::from("# orderlab report\n\n");
    let platforms: Vec<String> = runs
        .iter()
        .map(|r| md_esc(&r.platform_description))
        .collect();
    let _ = writeln!(
        s,
        "Litmus tests run on: **{}**\n",
        platforms.join("** vs **")
    );
    md_row(&mut s, &RUN_HEAD.map(String::from));
    md_row(&mut s, &vec!["---".to_string(); 6]);
    for row in run_table_rows(runs) {
        md_row(&mut s, &row.map(|c| md_esc(&c)));
    }
    for (i, r) in runs.iter().enumerate() {
        if let Some(n) = r.load_note() {
            let _ = writeln!(s, "\nNote on run {}: {}.", i + 1, md_esc(&n));
        }
    }
    let _ = writeln!(
        s,
        "\n**Legend:** ★ = target outcome; ✗ forbidden by MODEL = the platform's model forbids the state. Bars: {}. {}\n",
        if o.log {
            "logarithmic"
        } else {
            "share of the run's iterations"
        },
        md_esc(LEGEND_WORDS)
    );
    s.push_str("## Summary\n\n");
    let multi = runs.len() > 1;
    let mut head = vec!["test", "orderings"];
    if multi {
        head.push("run");
    }
    head.extend(["observed/total", "allowed here?", "status", "models"]);
    md_row(
        &mut s,
        &head.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
    );
    md_row(
        &mut s,
        &head
            .iter()
            .map(|h| {
                if *h == "observed/total" {
                    "---:"
                } else {
                    "---"
                }
                .to_string()
            })
            .collect::<Vec<_>>(),
    );
    for g in &gs {
        for (ri, t) in g.present() {
            let mut row = vec![md_esc(&t.name), md_esc(&t.orderings)];
            if multi {
                row.push(md_esc(&runs[ri].platform_description));
            }
            let status = if matches!(t.status, Status::Ok | Status::Unchecked) {
                md_esc(t.status.as_str())
            } else {
                format!("**{}**", md_esc(t.status.as_str()))
            };
            row.extend([
                format!(
                    "{}/{} ({})",
                    t.observed,
                    t.total(),
                    pct(t.observed, t.total())
                ),
                md_esc(t.allowed_here()),
                status,
                match model_letters(&t.models) {
                    l if l.is_empty() => String::new(),
                    l => format!("`{l}`"),
                },
            ]);
            md_row(&mut s, &row);
        }
    }
    let _ = writeln!(s, "\n({})", md_esc(MODEL_LETTERS_LEGEND));
    for g in &gs {
        let t0 = g.first;
        let _ = writeln!(
            s,
            "\n## {}\n\norderings: {}{}\n",
            md_esc(&t0.name),
            md_esc(&t0.orderings),
            t0.path
                .as_ref()
                .map_or(String::new(), |p| format!(" · {}", md_esc(p)))
        );
        if !t0.models.is_empty() {
            let each: Vec<String> = t0
                .models
                .iter()
                .map(|v| {
                    let here = runs.iter().any(|r| r.model_key() == v.model.key());
                    let word = if v.allowed { "allowed" } else { "forbidden" };
                    if here {
                        format!("**{} {word}** (this run's platform)", v.model.key())
                    } else {
                        format!("{} {word}", v.model.key())
                    }
                })
                .collect();
            let _ = writeln!(s, "Every model: {}.\n", each.join(", "));
        }
        if let Some(d) = g.difference(runs) {
            let _ = writeln!(s, "**{}**\n", md_esc(&d));
        }
        if let Some(c) = checkers.get(&t0.name) {
            s.push_str(&super::checkers::markdown(c));
            s.push('\n');
        }
        let present = g.present();
        let mut head = vec!["final state".to_string()];
        head.extend(
            present
                .iter()
                .map(|(ri, _)| md_esc(&run_label(*ri, &runs[*ri]))),
        );
        md_row(&mut s, &head);
        md_row(&mut s, &vec!["---".to_string(); head.len()]);
        for (state, target) in &g.states {
            let mut row = vec![format!(
                "{}{}",
                if *target { "★ " } else { "" },
                md_esc(&state_str(state))
            )];
            for (ri, t) in &present {
                let (count, forbidden) = Group::cell(t, state, *target);
                let mut cell = if count == 0 {
                    "0 (not observed)".to_string()
                } else {
                    format!(
                        "{} {} ({count})",
                        // A state that showed keeps a visible sliver of bar.
                        text_bar(frac(count, t.total(), o).max(1.0 / 160.0)),
                        pct(count, t.total())
                    )
                };
                if forbidden {
                    let _ = write!(cell, " ✗ forbidden by {}", md_esc(runs[*ri].model_key()));
                }
                row.push(cell);
            }
            md_row(&mut s, &row);
        }
        if !g.has_target() {
            let mut row = vec!["★ target outcome".to_string()];
            for (ri, t) in &present {
                let mut cell = "0 (not observed)".to_string();
                if t.allowed == Some(false) {
                    let _ = write!(cell, " ✗ forbidden by {}", md_esc(runs[*ri].model_key()));
                }
                row.push(cell);
            }
            md_row(&mut s, &row);
        }
        for (ri, t) in &present {
            let _ = writeln!(
                s,
                "\n*{}:* {}\n",
                md_esc(&run_label(*ri, &runs[*ri])),
                md_esc(&t.verdict_sentence(&runs[*ri]))
            );
            for f in t.facts() {
                let _ = writeln!(s, "- {}", md_esc(&f));
            }
        }
    }
    if gs.is_empty() {
        s.push_str("\nNo tests in these runs.\n");
    }
    s
}
