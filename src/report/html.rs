//! The self-contained HTML page of `orderlab report`: a summary table and, per test, the
//! histograms of every run side by side (inline SVG, no scripts, no external assets).

use super::schema::{model_letters, RunReport, TestResult, MODEL_LETTERS_LEGEND};
use super::svg::{svg_chart, BAR, FORBIDDEN, TARGET};
use super::view::*;
use crate::model::Model;
use std::fmt::Write as _;

const CSS: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1400px}\
h1{margin:0 0 8px}h2{margin:28px 0 6px;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}\
th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}\
code,.mono{font-family:ui-monospace,monospace;font-size:13px}\
.ok{background:#d8f0d8}.bad{background:#f6c6c6;font-weight:bold}.hung{background:#ffe0a8}\
.unchecked{background:#eee}.warn{color:#8a4b00}.legend{background:#f7f7fb;padding:8px 12px;border:1px solid #dde}\
.cmp{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}figure{margin:0;padding:8px;border:1px solid #ddd;border-radius:4px;flex:0 1 560px;box-sizing:border-box}\
figcaption{font-weight:600;margin-bottom:4px}.verdict{margin:6px 0;padding:2px 4px}\
ul.facts{margin:0;padding-left:18px;font-size:13px;color:#444}\
.diff{font-weight:600;color:#0b4f8a}table.models td,table.models th{text-align:center}\
th.here{background:#cfe0f5}td.allowed{background:#fde9c9}td.forbidden{background:#e2f0e2}.note{font-size:13px;color:#555}.sw{display:inline-block;width:12px;height:12px;vertical-align:middle;margin-right:4px}";

/// Every model's verdict on a test's target outcome, the models of the runs' platforms
/// marked: "not allowed here" on x86 next to "allowed by RC11 and ARMv8".
fn models_table(t: &TestResult, runs: &[RunReport]) -> String {
    if t.models.is_empty() {
        return String::new();
    }
    let here: Vec<&str> = runs.iter().map(|r| r.model_key()).collect();
    let mut s = String::from("<table class=\"models\"><tr><th>model</th>");
    for m in Model::ALL {
        let mark = if here.contains(&m.key()) {
            " class=\"here\""
        } else {
            ""
        };
        let _ = write!(
            s,
            "<th{mark} title=\"{}\">{}</th>",
            esc(m.title()),
            esc(m.key())
        );
    }
    s.push_str("</tr><tr><td>target outcome</td>");
    for m in Model::ALL {
        let cell = match t.models.iter().find(|v| v.model == m) {
            Some(v) if v.allowed => "<td class=\"allowed\">allowed</td>",
            Some(_) => "<td class=\"forbidden\">forbidden</td>",
            None => "<td>unknown</td>",
        };
        s.push_str(cell);
    }
    s.push_str(
        "</tr></table><p class=\"note\">Every model's verdict; the highlighted columns are \
         the models of the platforms these runs came from. An outcome forbidden here may be \
         allowed by the language (RC11, C11) or by another platform (ARMv8).</p>\n",
    );
    s
}

/// The whole report as one self-contained HTML page.
pub fn html(runs: &[RunReport], o: Options) -> String {
    html_with(runs, o, &super::Checkers::new())
}

/// The page, with the checkers' table of each test `checkers` has.
pub fn html_with(runs: &[RunReport], o: Options, checkers: &super::Checkers) -> String {
    let gs = groups(runs);
    let mut s = String::new();
    let platforms: Vec<String> = runs
        .iter()
        .map(|r| r.platform_description.clone())
        .collect();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:\">\
         <title>orderlab report: {}</title><style>{CSS}</style></head><body>\n\
         <h1>orderlab report</h1><p>Litmus tests run on: <b>{}</b></p>\n<table><tr>",
        esc(&platforms.join(" vs ")),
        platforms
            .iter()
            .map(|p| esc(p))
            .collect::<Vec<_>>()
            .join("</b> vs <b>")
    );
    for h in RUN_HEAD {
        let _ = write!(s, "<th>{}</th>", esc(h));
    }
    s.push_str("</tr>\n");
    for (row, r) in run_table_rows(runs).iter().zip(runs) {
        s.push_str("<tr>");
        for c in row {
            let _ = write!(s, "<td>{}</td>", esc(c));
        }
        s.push_str("</tr>\n");
        if let Some(n) = r.load_note() {
            let _ = writeln!(
                s,
                "<tr><td></td><td colspan=\"5\" class=\"warn\">{}</td></tr>",
                esc(&n)
            );
        }
    }
    let _ = write!(
        s,
        "</table>\n<p class=\"legend\"><span class=\"sw\" style=\"background:{TARGET};outline:1px solid #000\"></span>\
         <b>★ target outcome</b> &nbsp; <span class=\"sw\" style=\"background:{FORBIDDEN}\"></span>\
         <b>forbidden by the platform's model</b> &nbsp; <span class=\"sw\" style=\"background:{BAR}\"></span>\
         other final states. Bars: {}. {}</p>\n",
        if o.log {
            "logarithmic, so rare states stay visible; the labels give counts and shares"
        } else {
            "share of the run's iterations, with counts and percentages labelled"
        },
        esc(LEGEND_WORDS)
    );
    // Summary table.
    s.push_str("<h2>Summary</h2>\n<table><tr><th>test</th><th>orderings</th>");
    if runs.len() > 1 {
        s.push_str("<th>run</th>");
    }
    let _ = writeln!(
        s,
        "<th>observed/total</th><th>allowed here?</th><th>status</th>\
         <th title=\"{}\">models</th></tr>",
        esc(MODEL_LETTERS_LEGEND)
    );
    for (gi, g) in gs.iter().enumerate() {
        let present = g.present();
        for (k, (ri, t)) in present.iter().enumerate() {
            s.push_str("<tr>");
            if k == 0 {
                let span = present.len();
                let _ = write!(
                    s,
                    "<td rowspan=\"{span}\"><a href=\"#t{gi}\">{}</a></td><td rowspan=\"{span}\" class=\"mono\">{}</td>",
                    esc(&t.name),
                    esc(&t.orderings)
                );
            }
            if runs.len() > 1 {
                let _ = write!(s, "<td>{}</td>", esc(&runs[*ri].platform_description));
            }
            let _ = writeln!(
                s,
                "<td class=\"num\">{}/{} ({})</td><td>{}</td><td class=\"{}\">{}</td>\
                 <td class=\"mono\">{}</td></tr>",
                t.observed,
                t.total(),
                pct(t.observed, t.total()),
                esc(t.allowed_here()),
                status_class(t.status),
                esc(t.status.as_str()),
                esc(&model_letters(&t.models))
            );
        }
    }
    let _ = writeln!(
        s,
        "</table>\n<p class=\"legend\">{}</p>",
        esc(MODEL_LETTERS_LEGEND)
    );
    // One section per test, runs side by side.
    for (gi, g) in gs.iter().enumerate() {
        let t0 = g.first;
        let _ = write!(
            s,
            "<h2 id=\"t{gi}\">{}</h2>\n<p>orderings <code>{}</code>",
            esc(&t0.name),
            esc(&t0.orderings)
        );
        if let Some(src) = t0.source {
            let _ = write!(s, " · source {}", esc(src.key()));
        }
        if let Some(p) = &t0.path {
            let _ = write!(s, " · <code>{}</code>", esc(p));
        }
        s.push_str("</p>\n");
        s.push_str(&models_table(t0, runs));
        if let Some(d) = g.difference(runs) {
            let _ = writeln!(s, "<p class=\"diff\">{}</p>", esc(&d));
        }
        if let Some(c) = checkers.get(&t0.name) {
            s.push_str(&super::checkers::html(c));
        }
        s.push_str("<div class=\"cmp\">\n");
        for (ri, t) in g.present() {
            let r = &runs[ri];
            let _ = write!(
                s,
                "<figure><figcaption>{}</figcaption>{}\n<p class=\"verdict {}\">{}</p><ul class=\"facts\">",
                esc(&run_label(ri, r)),
                svg_chart(g, t, r, o),
                status_class(t.status),
                esc(&t.verdict_sentence(r))
            );
            for f in t.facts() {
                let _ = write!(s, "<li>{}</li>", esc(&f));
            }
            s.push_str("</ul></figure>\n");
        }
        s.push_str("</div>\n");
    }
    if gs.is_empty() {
        s.push_str("<p>No tests in these runs.</p>\n");
    }
    s.push_str("</body></html>\n");
    s
}
