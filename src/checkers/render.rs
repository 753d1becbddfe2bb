//! The checkers' table as text (per test, then the summary) and the summary as Markdown (for
//! the README's loom/shuttle section).

use super::{Report, Row, StateRow, Tally};
use crate::term::{pad, width as text_width};
use std::fmt::Write as _;

fn mark(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "-"
    }
}

/// A state as `r0=1 r1=0 x=2`.
fn state(row: &Row, s: &StateRow) -> String {
    row.observables
        .iter()
        .zip(&s.state)
        .map(|(o, v)| format!("{o}={v}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One test: its runs, then a table of its states, then every difference in words.
pub(crate) fn row_text(r: &Row) -> String {
    let mut s = String::new();
    writeln!(
        s,
        "{} ({}; loom and shuttle ran the {})",
        r.test, r.source, r.ran
    )
    .unwrap();
    writeln!(
        s,
        "  condition: {}  RC11: target {}",
        r.condition,
        if r.rc11_target {
            "allowed"
        } else {
            "forbidden"
        }
    )
    .unwrap();
    if let Some(e) = &r.error {
        writeln!(s, "  no row: {e}").unwrap();
        return s;
    }
    if let Some(race) = &r.race {
        writeln!(
            s,
            "  RC11: {race}. Undefined behaviour: the language gives this test no outcome, so \
             nothing below is a difference (loom and shuttle ran its plain accesses as Relaxed \
             atomics, and loom's race detector sees only its own UnsafeCell)."
        )
        .unwrap();
    }
    for run in &r.runs {
        writeln!(
            s,
            "  {:<22} {:>9} {}{}  target {}{}",
            run.checker,
            run.executions,
            if run.checker == "hardware" {
                "iterations"
            } else if run.checker == "loom" {
                "executions"
            } else {
                "schedules"
            },
            if run.checker == "loom" && run.complete {
                " (complete)"
            } else {
                ""
            },
            if run.target_produced {
                "produced"
            } else {
                "not produced"
            },
            run.error
                .as_ref()
                .map(|e| format!("  (stopped: {e})"))
                .unwrap_or_default()
        )
        .unwrap();
    }
    let hw = r.states.iter().any(|x| x.hardware.is_some());
    let width = r
        .states
        .iter()
        .map(|x| text_width(&state(r, x)))
        .max()
        .unwrap_or(5)
        .max(5);
    write!(
        s,
        "  {}  target  SC   RC11  C11  loom  shuttle",
        pad("state", width)
    )
    .unwrap();
    if hw {
        write!(s, "  platform  hardware").unwrap();
    }
    s.push('\n');
    for x in &r.states {
        write!(
            s,
            "  {}  {:<6}  {:<3}  {:<4}  {:<3}  {:<4}  {:<7}",
            pad(&state(r, x), width),
            mark(x.target),
            mark(x.sc),
            mark(x.rc11),
            mark(x.c11),
            mark(x.loom),
            mark(x.shuttle)
        )
        .unwrap();
        if hw {
            write!(
                s,
                "  {:<8}  {}",
                mark(x.platform == Some(true)),
                x.hardware.map_or("-".into(), |n| n.to_string())
            )
            .unwrap();
        }
        s.push('\n');
    }
    for x in &r.states {
        for d in &x.differences {
            writeln!(
                s,
                "  {} {} {}: {}{}",
                d.checker,
                d.kind,
                state(r, x),
                d.reason,
                if d.explained { "" } else { "  [UNEXPLAINED]" }
            )
            .unwrap();
        }
    }
    s
}

/// The summary table as aligned text.
pub(crate) fn summary_text(t: &[Tally]) -> String {
    let mut s = String::new();
    writeln!(
        s,
        "{:<9} {:>5} {:>6} {:>7} {:>13} {:>15} {:>18} {:>11}",
        "checker",
        "tests",
        "finds",
        "misses",
        "over-reports",
        "C11-only found",
        "condition as RC11",
        "unexplained"
    )
    .unwrap();
    for x in t {
        writeln!(
            s,
            "{:<9} {:>5} {:>6} {:>7} {:>13} {:>15} {:>18} {:>11}",
            x.checker,
            x.tests,
            x.finds,
            x.misses,
            x.over_reports,
            format!("{}/{}", x.c11_only_found, x.c11_only),
            format!("{}/{}", x.agrees_on_condition, x.tests),
            x.unexplained
        )
        .unwrap();
    }
    s
}

/// The legend of the summary's columns.
pub(crate) const LEGEND: &str = "finds / misses: weak outcomes (RC11 allows, SC forbids) the \
checker produced / never produced; over-reports: outcomes it produced that RC11 forbids; \
C11-only: outcomes C11 allows and RC11 forbids (load buffering; herd7's weaker SeqCst fences) it \
produced, of all; condition as RC11: tests where it produced the condition's target exactly when RC11 allows it. Racy tests \
(undefined behaviour) count nothing.";

/// The summary with its settings, as text.
pub(crate) fn summary_only(r: &Report) -> String {
    let mut s = String::new();
    writeln!(s, "Summary over {} tests", r.rows.len()).unwrap();
    for x in &r.settings {
        writeln!(s, "  {x}").unwrap();
    }
    if let Some(p) = &r.platform {
        writeln!(s, "  hardware column: {p}").unwrap();
    }
    s.push_str(&summary_text(&r.summary));
    writeln!(s, "{LEGEND}").unwrap();
    s
}

/// The whole report as text.
pub(crate) fn text(r: &Report) -> String {
    let mut s = String::new();
    for row in &r.rows {
        s.push_str(&row_text(row));
        s.push('\n');
    }
    for l in &r.left_out {
        writeln!(s, "left out: {l}").unwrap();
    }
    s.push_str(&summary_only(r));
    s
}

/// The summary as a Markdown table, with its settings.
pub(crate) fn markdown_summary(r: &Report) -> String {
    let mut s = String::new();
    s.push_str("| checker | tests | weak outcomes found | missed | over-reported | C11-only found | condition decided as RC11 | unexplained |\n");
    s.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for x in &r.summary {
        writeln!(
            s,
            "| {} | {} | {} | {} | {} | {}/{} | {}/{} | {} |",
            x.checker,
            x.tests,
            x.finds,
            x.misses,
            x.over_reports,
            x.c11_only_found,
            x.c11_only,
            x.agrees_on_condition,
            x.tests,
            x.unexplained
        )
        .unwrap();
    }
    s.push('\n');
    for x in &r.settings {
        writeln!(s, "- {x}").unwrap();
    }
    if let Some(p) = &r.platform {
        writeln!(s, "- hardware column: {p}").unwrap();
    }
    writeln!(s, "\n{LEGEND}").unwrap();
    s.push_str("\n| test | condition | RC11 | loom | shuttle | hardware | differences |\n");
    s.push_str("|---|---|---|---|---|---|---|\n");
    for row in &r.rows {
        s.push_str(&markdown_row(row));
    }
    s
}

/// Whether a checker produced the condition's target, in words for a table cell.
fn produced(row: &Row, prefix: &str) -> String {
    let runs: Vec<_> = row
        .runs
        .iter()
        .filter(|x| x.checker.starts_with(prefix))
        .collect();
    if runs.is_empty() {
        return "-".into();
    }
    if runs.iter().any(|x| x.target_produced) {
        "produced".into()
    } else {
        "not produced".into()
    }
}

/// One test as a Markdown table row: the condition's target under RC11 and per checker, and
/// each checker's differences from RC11 counted (misses / over-reports).
pub(crate) fn markdown_row(row: &Row) -> String {
    let rc11 = if row.race.is_some() {
        "data race (UB)"
    } else if row.error.is_some() {
        "no verdict"
    } else if row.rc11_target {
        "allowed"
    } else {
        "forbidden"
    };
    let mut diffs = Vec::new();
    for c in ["loom", "shuttle", "hardware"] {
        let n = |kind: &str| {
            row.states
                .iter()
                .flat_map(|x| &x.differences)
                .filter(|d| d.checker == c && d.kind == kind)
                .count()
        };
        let (m, o) = (n("misses"), n("over-reports"));
        if m + o > 0 {
            diffs.push(format!("{c}: {m} missed, {o} over-reported"));
        }
    }
    format!(
        "| {} | `{}` | {} | {} | {} | {} | {} |\n",
        row.test,
        row.condition.replace('|', "\\|"),
        rc11,
        produced(row, "loom"),
        produced(row, "shuttle"),
        produced(row, "hardware"),
        if diffs.is_empty() {
            "none".into()
        } else {
            diffs.join("; ")
        }
    )
}
