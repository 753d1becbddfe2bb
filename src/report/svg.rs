//! Inline SVG bar charts of one run's histogram for a test, rows aligned on the states of
//! every run shown beside it; the target outcome marked, forbidden states in red.

use super::schema::RunReport;
use super::schema::TestResult;
use super::view::{esc, frac, pct, state_str, Group, Options};
use std::fmt::Write as _;

pub(crate) const BAR: &str = "#9bb3d0";
pub(crate) const TARGET: &str = "#1f5fa8";
pub(crate) const FORBIDDEN: &str = "#d62728";

/// One run's horizontal bar chart for a test, rows aligned on the group's states.
pub(crate) fn svg_chart(g: &Group, t: &TestResult, r: &RunReport, o: Options) -> String {
    const CH: f64 = 6.7; // width of an 11px monospace character
    const ROW: f64 = 20.0;
    pub(crate) const BAR_W: f64 = 200.0;
    let total = t.total();
    struct Row {
        label: String,
        target: bool,
        count: u64,
        forbidden: bool,
        bw: f64,
        value: String,
    }
    let forbidden_by = |f: bool| match f {
        true => format!(" forbidden by {}", r.model_key()),
        false => String::new(),
    };
    let mut rows: Vec<Row> = g
        .states
        .iter()
        .map(|(state, target)| {
            let (count, forbidden) = Group::cell(t, state, *target);
            let value = match count {
                0 => "0 (not observed)".to_string(),
                _ => format!("{count} ({})", pct(count, total)),
            } + &forbidden_by(forbidden);
            let bw = if count > 0 {
                (frac(count, total, o) * BAR_W).max(1.5)
            } else {
                0.0
            };
            Row {
                label: state_str(state),
                target: *target,
                count,
                forbidden,
                bw,
                value,
            }
        })
        .collect();
    // The target outcome gets a row even when no run saw it: its absence is the lesson.
    if !g.has_target() {
        let forbidden = t.allowed == Some(false);
        rows.push(Row {
            label: "target outcome".into(),
            target: true,
            count: 0,
            forbidden,
            bw: 0.0,
            value: format!("0 (not observed){}", forbidden_by(forbidden)),
        });
    }
    let chars = |s: &str| s.chars().count() as f64 * CH;
    // At least room for the scale caption under the labels.
    let lw = (rows.iter().map(|r| chars(&r.label)).fold(0.0, f64::max) + 26.0).max(140.0);
    let width = rows
        .iter()
        .map(|r| r.bw + 8.0 + chars(&r.value))
        .fold(BAR_W + 16.0, f64::max)
        + lw;
    let bottom = ROW * rows.len() as f64 + 4.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{:.0}\" \
         font-family=\"ui-monospace,monospace\" font-size=\"11\" role=\"img\" \
         aria-label=\"histogram of {} on {}\">",
        bottom + 16.0,
        esc(&t.name),
        esc(&r.platform_description)
    );
    // Grid lines: quarters of the iterations (linear) or powers of ten (log).
    let ticks: Vec<(f64, String)> = if o.log {
        let step = if total > 1_000_000 { 100 } else { 10 };
        std::iter::successors(Some(1u64), |p| p.checked_mul(step))
            .take_while(|p| *p <= total)
            .map(|p| (frac(p, total, o), p.to_string()))
            .collect()
    } else {
        [0.0, 0.25, 0.5, 0.75, 1.0]
            .iter()
            .map(|f| (*f, format!("{:.0}%", f * 100.0)))
            .collect()
    };
    for (f, l) in &ticks {
        let x = lw + f * BAR_W;
        let _ = write!(
            s,
            "<line x1=\"{x:.1}\" y1=\"2\" x2=\"{x:.1}\" y2=\"{bottom:.0}\" stroke=\"#ddd\"/>\
             <text x=\"{x:.1}\" y=\"{:.0}\" text-anchor=\"middle\" fill=\"#777\" font-size=\"10\">{}</text>",
            bottom + 12.0,
            esc(l)
        );
    }
    let _ = write!(
        s,
        "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"end\" fill=\"#777\" font-size=\"10\">{}</text>",
        lw - 12.0,
        bottom + 12.0,
        if o.log { "log scale:" } else { "share of iterations:" }
    );
    for (i, row) in rows.iter().enumerate() {
        let y = 4.0 + ROW * i as f64;
        let mut class = String::from("row");
        let mut tip = format!("{}: {} of {total}", row.label, row.count);
        if row.target {
            class.push_str(" target");
            tip.push_str(", the target outcome");
        }
        if row.forbidden {
            class.push_str(" forbidden");
            let _ = write!(tip, ", forbidden by the {} model", r.model_key());
        }
        let fill = match (row.forbidden, row.target) {
            (true, _) => FORBIDDEN,
            (false, true) => TARGET,
            _ => BAR,
        };
        let text_fill = if row.forbidden { FORBIDDEN } else { "#222" };
        let _ = write!(
            s,
            "<g class=\"{class}\"><title>{}</title>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{text_fill}\" font-weight=\"{}\">{}{}</text>\
             <rect x=\"{lw:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.0}\" fill=\"{fill}\"{}/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text></g>",
            esc(&tip),
            lw - 6.0,
            y + 13.0,
            if row.target { "bold" } else { "normal" },
            if row.target { "★ " } else { "" },
            esc(&row.label),
            y + 2.0,
            row.bw,
            ROW - 5.0,
            if row.target { " stroke=\"#000\" stroke-width=\"1.2\"" } else { "" },
            lw + row.bw + 5.0,
            y + 13.0,
            if row.count == 0 { "#888" } else { text_fill },
            esc(&row.value),
        );
    }
    s.push_str("</svg>");
    s
}
