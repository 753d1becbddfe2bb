//! The claims catalogue as one self-contained HTML page: no scripts, no external assets (a
//! strict Content-Security-Policy says so to the browser), histograms as inline SVG.

use super::super::decision::State;
use super::super::evidence::{Bag, Body, Item};
use super::super::{Catalogue, Decided};
use super::run_line;
use crate::model::Model;
use crate::report::{esc, groups, svg_chart, Options, RunReport};
use std::fmt::Write as _;

const CSS: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:24px;color:#222;max-width:1300px}\
h1{margin:0 0 6px}h2{margin:36px 0 6px;border-bottom:2px solid #ccc}h3{margin:18px 0 4px;font-size:16px}\
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}\
th{background:#f2f2f2}code,pre,.mono{font-family:ui-monospace,monospace;font-size:13px}\
pre{background:#f7f7f7;padding:8px;overflow-x:auto;border:1px solid #e4e4e4}\
blockquote{margin:6px 0;padding:6px 12px;border-left:4px solid #bbb;background:#fafafa;white-space:pre-wrap}\
.v{font-weight:700;padding:2px 6px;border-radius:3px;white-space:nowrap}.v-TRUE{background:#cfeccf}.v-FALSE{background:#f6c6c6}\
.v-PARTLY{background:#fde9b6}.v-NOT{background:#e4e4e4}.v-PENDING{background:#dbe6f7}\
.s-holds{color:#1b6e1b}.s-fails{color:#a31515}.s-pending{color:#1f4f99}.s-untestable{color:#666}\
.ev{border:1px solid #ddd;border-radius:4px;padding:8px 10px;margin:10px 0}.src{color:#555;font-size:13px}\
.busy{color:#8a4b00;font-size:13px}.weak{background:#fff4d6;padding:4px 8px;border:1px solid #f0d58a}\
td.A{background:#fde9c9}td.F{background:#e2f0e2}.figs{display:flex;flex-wrap:wrap;gap:12px}";

/// The class of a verdict label.
fn vclass(label: &str) -> &'static str {
    match label.split_whitespace().next() {
        Some("TRUE") => "v-TRUE",
        Some("FALSE") => "v-FALSE",
        Some("PARTLY") => "v-PARTLY",
        Some("NOT") => "v-NOT",
        _ => "v-PENDING",
    }
}

fn state_word(s: State) -> (&'static str, &'static str) {
    match s {
        State::Holds => ("holds", "s-holds"),
        State::Fails => ("fails", "s-fails"),
        State::Untestable => ("not testable here", "s-untestable"),
        State::Pending => ("pending", "s-pending"),
    }
}

/// The whole catalogue run as one HTML page.
pub fn html(c: &Catalogue) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:\">\
         <title>orderlab claims</title><style>{CSS}</style></head><body>\n\
         <h1>orderlab claims: the seed articles' claims, decided by measurement</h1>\n\
         <p>{}</p>\n<p class=\"src\">{}. Every verdict is computed from the evidence of this \
         run; an outcome not observed is \"not observed in N iterations\" on the platform \
         named, never \"forbidden\": only a model forbids.</p>\n",
        esc(&run_line(c)),
        esc(&super::tally(c))
    );
    s.push_str(
        "<table class=\"summary\"><tr><th>id</th><th>claim</th><th>verdict</th>\
         <th>deciding figure</th><th>platform</th></tr>\n",
    );
    for Decided { claim, decision } in &c.claims {
        let label = decision.label();
        let _ = writeln!(
            s,
            "<tr><td><a href=\"#{id}\">{id}</a></td><td>{}</td><td><span class=\"v {}\">{}</span></td>\
             <td>{}</td><td>{}</td></tr>",
            esc(&claim.claim),
            vclass(&label),
            esc(&label),
            esc(&decision.figure),
            esc(&decision.platform),
            id = esc(&claim.id)
        );
    }
    s.push_str("</table>\n");
    let reports: Vec<RunReport> = c.evidence.runs.iter().map(|(_, r)| r.clone()).collect();
    for d in &c.claims {
        claim_section(&mut s, d, &c.evidence, &reports);
    }
    s.push_str("</body></html>\n");
    s
}

fn claim_section(s: &mut String, d: &Decided, bag: &Bag, reports: &[RunReport]) {
    let (claim, dec) = (&d.claim, &d.decision);
    let label = dec.label();
    let _ = write!(
        s,
        "<h2 id=\"{id}\">{id} · <span class=\"v {}\">{}</span></h2>\n<p><b>{}</b></p>\n\
         <p class=\"src\">{} · {} · {}</p>\n",
        vclass(&label),
        esc(&label),
        esc(&claim.claim),
        esc(&claim.seeds.join(", ")),
        esc(&claim.sections.join(", ")),
        esc(&claim.category),
        id = esc(&claim.id)
    );
    s.push_str("<h3>What the article says</h3>\n");
    for (seed, quote, translation) in claim.quotes() {
        let _ = writeln!(
            s,
            "<blockquote lang=\"zh\">{}</blockquote><blockquote>{}</blockquote>\
             <p class=\"src\">{}</p>",
            esc(quote),
            esc(translation),
            esc(seed)
        );
    }
    let _ = writeln!(s, "<p class=\"src\">{}</p>", esc(&claim.context));
    s.push_str("<h3>Verdict, part by part</h3>\n<ol>");
    for (p, v) in claim.parts.iter().zip(&dec.parts) {
        let (w, cls) = state_word(v.state);
        let _ = write!(
            s,
            "<li>{} <b class=\"{cls}\">{w}</b>: {}</li>",
            esc(p),
            esc(&v.because)
        );
    }
    s.push_str("</ol>\n");
    if let Some(go) = &claim.go_only {
        let _ = writeln!(s, "<p><b>Why not here:</b> {}</p>", esc(go));
        if let Some(a) = claim.rust_analogue.as_ref().filter(|a| !a.is_empty()) {
            let _ = writeln!(s, "<p><b>The Rust analogue:</b> {}</p>", esc(a));
        }
    }
    if let Some(rule) = &claim.decide {
        let _ = writeln!(s, "<p><b>The rule:</b> {}</p>", esc(rule));
    }
    if !dec.weak.is_empty() {
        let _ = writeln!(
            s,
            "<p class=\"weak\"><b>Weak evidence:</b> {}</p>",
            esc(&dec.weak.join("; "))
        );
    }
    if let Some(e) = &dec.error {
        let _ = writeln!(s, "<p class=\"weak\"><b>Rule broken:</b> {}</p>", esc(e));
    }
    if !dec.change.is_empty() {
        let _ = writeln!(
            s,
            "<p><b>What would change the verdict:</b> {}</p>",
            esc(&dec.change)
        );
    }
    if !claim.evidence.is_empty() {
        s.push_str("<h3>The evidence</h3>\n");
    }
    for key in &claim.evidence {
        if let Some(it) = bag.get(key) {
            evidence(s, it, reports);
        }
    }
}

fn evidence(s: &mut String, it: &Item, reports: &[RunReport]) {
    let _ = write!(
        s,
        "<div class=\"ev\"><b><code>{}</code></b> {} <span class=\"src\">{}</span>",
        esc(&it.key),
        esc(super::super::Key::parse(&it.key).map_or("", |k| k.kind())),
        esc(&it.source)
    );
    if let Some(b) = it.busy() {
        let _ = write!(
            s,
            " <span class=\"busy\">{}: weak outcomes and timings shift under load</span>",
            esc(&b)
        );
    }
    s.push('\n');
    match &it.body {
        Body::Run(r) => {
            let gs = groups(reports);
            let chart = reports.get(r.run).and_then(|rep| {
                let g = gs.iter().find(|g| {
                    g.cells
                        .get(r.run)
                        .is_some_and(|c| c.is_some_and(|t| t.name == r.result.name))
                })?;
                Some(svg_chart(g, &r.result, rep, Options::default()))
            });
            let _ = write!(
                s,
                "<div class=\"figs\">{}</div><p>{}.</p><p class=\"src\">every model: {}; \
                 run {} ({}), load {}</p>",
                chart.unwrap_or_default(),
                esc(&r.odds()),
                esc(&r
                    .result
                    .models
                    .iter()
                    .map(|v| format!("{} {}", v.model.key(), if v.allowed { "A" } else { "F" }))
                    .collect::<Vec<_>>()
                    .join(", ")),
                esc(&r.runner),
                esc(r.platform.key()),
                esc(&crate::report::text::load_str(r.result.load_avg))
            );
        }
        Body::Models(m) => {
            s.push_str("<table><tr><th>model</th>");
            for (model, _) in &m.verdicts {
                let _ = write!(
                    s,
                    "<th title=\"{}\">{}</th>",
                    esc(model.title()),
                    esc(model.key())
                );
            }
            s.push_str("</tr><tr><td>target outcome</td>");
            for (_, a) in &m.verdicts {
                let _ = write!(
                    s,
                    "<td class=\"{}\">{}</td>",
                    if *a { "A" } else { "F" },
                    if *a { "allowed" } else { "forbidden" }
                );
            }
            s.push_str("</tr></table>\n");
            if let Some((model, axiom, cycle)) = m.cycle(Model::Rc11).or_else(|| m.cycles.first()) {
                let _ = write!(
                    s,
                    "<p>Why {} forbids it: {}</p>",
                    esc(model.title()),
                    esc(axiom)
                );
                // No cycle to draw when no candidate execution reaches the outcome at all.
                if !cycle.is_empty() {
                    let _ = write!(s, "<pre>{}</pre>", esc(cycle));
                }
            }
            if let Some(t) = &m.checkers {
                s.push_str(&crate::report::checkers_html(t));
            }
            let _ = write!(
                s,
                "<details><summary>the test</summary><pre>{}</pre></details>",
                esc(&m.source)
            );
        }
        Body::Asm(a) => {
            let _ = write!(
                s,
                "<p>{}</p><pre>{}</pre>",
                esc(&a.figure()),
                esc(&a.listing)
            );
        }
        Body::Fact(f) => {
            for l in &f.lines {
                let _ = write!(s, "<p>{}</p>", esc(l));
            }
            if let Some((head, rows)) = &f.table {
                s.push_str("<table><tr>");
                for h in head {
                    let _ = write!(s, "<th>{}</th>", esc(h));
                }
                s.push_str("</tr>");
                for r in rows {
                    s.push_str("<tr>");
                    for c in r {
                        let _ = write!(s, "<td>{}</td>", esc(c));
                    }
                    s.push_str("</tr>");
                }
                s.push_str("</table>");
            }
        }
        Body::Cmd(cmd) => {
            let _ = write!(
                s,
                "<pre>$ {}\nexit {}\n{}</pre>",
                esc(&cmd.argv.join(" ")),
                cmd.exit.map_or("(none)".into(), |c| c.to_string()),
                esc(cmd.unavailable.as_deref().unwrap_or(&cmd.stderr))
            );
        }
        Body::Doc { text, source } => {
            let _ = write!(
                s,
                "<p>{}</p><p class=\"src\">documented, not measured: {}</p>",
                esc(text),
                esc(source)
            );
        }
        Body::Missing { why } => {
            let _ = write!(s, "<p class=\"s-pending\">pending: {}</p>", esc(why));
        }
    }
    s.push_str("</div>\n");
}
