//! Teaching reports of hardware runs: a self-contained HTML page (inline SVG bar charts, no
//! scripts, no external assets) or Markdown, from one or more `orderlab run --json` files.
//!
//! Several runs of the same test are shown side by side, with the rows of their histograms
//! aligned state by state, so a student sees where platforms differ. Wording stays honest:
//! an outcome that did not show is "not observed in N iterations", never "forbidden"; only the
//! platform's model forbids, and the page says which platform each result came from.

use crate::CliError;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// A whole run, as `orderlab run --json` writes it (unknown fields are ignored).
#[derive(Clone, Debug, Deserialize)]
pub struct Run {
    /// Model key of the platform (`x86-tso`, `armv8`, `armv8-rcpc`, `qemu-x86`).
    pub platform: String,
    pub platform_description: String,
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub host: Host,
    #[serde(default)]
    pub started: String,
    pub tests: Vec<TestResult>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Host {
    #[serde(default)]
    pub arch: String,
    #[serde(default)]
    pub cpus: usize,
    #[serde(default)]
    pub load_before: Option<[f64; 3]>,
    #[serde(default)]
    pub load_after: Option<[f64; 3]>,
}

/// The result of one test. Floats are optional: serde_json writes a NaN as `null`.
#[derive(Clone, Debug, Deserialize)]
pub struct TestResult {
    pub name: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub orderings: String,
    pub iterations: u64,
    #[serde(default)]
    pub elapsed_s: Option<f64>,
    #[serde(default)]
    pub iterations_per_s: Option<f64>,
    pub histogram: Vec<HistEntry>,
    /// Iterations whose final state is the condition's target.
    pub observed: u64,
    /// Is the target allowed on this platform? `None`: no model verdict.
    #[serde(default)]
    pub allowed: Option<bool>,
    #[serde(default)]
    pub allowed_here: Option<String>,
    pub status: String,
    #[serde(default)]
    pub observation: String,
    #[serde(default)]
    pub load_avg: Option<[f64; 3]>,
    #[serde(default)]
    pub sync: String,
    #[serde(default)]
    pub oversubscribed: bool,
    #[serde(default)]
    pub delta_ns: Option<f64>,
    #[serde(default)]
    pub offset_ns: Option<f64>,
    #[serde(default)]
    pub model_error: Option<String>,
}

/// One line of a histogram.
#[derive(Clone, Debug, Deserialize)]
pub struct HistEntry {
    pub state: BTreeMap<String, i64>,
    pub count: u64,
    /// Does this state satisfy the condition's target?
    #[serde(default)]
    pub target: bool,
    /// Does the platform's model forbid it? (absent when unknown)
    #[serde(default)]
    pub forbidden: Option<bool>,
}

/// How bars are scaled.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Logarithmic bar lengths (small counts stay visible); linear share of iterations otherwise.
    pub log: bool,
}

/// Parse one run; errors read `FILE:LINE:COL: message` (or `FILE: test NAME: message`).
pub fn parse_run(text: &str, file: &str) -> Result<Run, CliError> {
    let run: Run = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let msg = msg.strip_suffix(&suffix).unwrap_or(&msg);
        CliError::bad_input(format!("{file}:{}:{}: {msg}", e.line(), e.column()))
    })?;
    for t in &run.tests {
        let bad = |m: &str| CliError::bad_input(format!("{file}: test {}: {m}", t.name));
        let sum = t
            .histogram
            .iter()
            .try_fold(0u64, |a, h| a.checked_add(h.count));
        if t.observed > t.iterations {
            return Err(bad("more iterations observed than run"));
        }
        if sum.is_none_or(|s| s > t.iterations) {
            return Err(bad("histogram counts add up to more than the iterations"));
        }
    }
    Ok(run)
}

/// Read and parse one run file.
pub fn load(path: &Path) -> Result<Run, CliError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::bad_input(format!("{file}: cannot read: {e}")))?;
    parse_run(&text, &file)
}

/// A final state the litmus7 way: `0:r0=0; 1:r0=1;`.
pub fn state_str(s: &BTreeMap<String, i64>) -> String {
    let v: Vec<String> = s.iter().map(|(k, x)| format!("{k}={x};")).collect();
    v.join(" ")
}

/// Share of `total` as a percentage, with enough digits that a rare state is not shown as 0.
pub fn pct(count: u64, total: u64) -> String {
    if count == 0 || total == 0 {
        return "0%".into();
    }
    let p = count as f64 * 100.0 / total as f64;
    match p {
        p if p >= 1.0 => format!("{p:.1}%"),
        p if p >= 0.01 => format!("{p:.2}%"),
        _ => "<0.01%".into(),
    }
}

/// Bar length as a fraction of the full width.
fn frac(count: u64, total: u64, o: Options) -> f64 {
    if count == 0 || total == 0 {
        0.0
    } else if o.log {
        (count as f64 + 1.0).log10() / (total as f64 + 1.0).log10()
    } else {
        count as f64 / total as f64
    }
}

fn load_str(l: Option<[f64; 3]>) -> String {
    l.map_or("unknown".into(), |[a, b, c]| {
        format!("{a:.2} {b:.2} {c:.2}")
    })
}

/// `Run N: description (model key)`.
fn run_label(i: usize, r: &Run) -> String {
    format!(
        "run {}: {} (model {})",
        i + 1,
        r.platform_description,
        r.model_key()
    )
}

impl Run {
    fn model_key(&self) -> &str {
        if self.model.is_empty() {
            &self.platform
        } else {
            &self.model
        }
    }
    /// A note when the machine was busy: weak outcomes show less often under load.
    fn load_note(&self) -> Option<String> {
        let cpus = self.host.cpus.max(1) as f64;
        let worst = [self.host.load_before, self.host.load_after]
            .into_iter()
            .flatten()
            .map(|l| l[0])
            .fold(f64::NAN, f64::max);
        (worst >= cpus).then(|| {
            format!(
                "the machine was busy (1-minute load {worst:.2} on {} CPUs): weak outcomes \
                 show less often under load, so \"not observed\" is weaker evidence here",
                self.host.cpus
            )
        })
    }
}

impl TestResult {
    fn total(&self) -> u64 {
        let sum: u64 = self.histogram.iter().map(|h| h.count).sum();
        if self.iterations > 0 {
            self.iterations
        } else {
            sum
        }
    }
    fn allowed_here(&self) -> &str {
        self.allowed_here.as_deref().unwrap_or("unknown")
    }
    /// Is this state forbidden by this platform's model? The JSON marks forbidden states; a
    /// target state is also forbidden when the run's verdict says the target is not allowed.
    fn forbids(&self, h: &HistEntry) -> bool {
        h.forbidden == Some(true) || (h.target && self.allowed == Some(false))
    }
    /// One honest sentence about the target outcome.
    fn verdict_sentence(&self, r: &Run) -> String {
        let n = self.total();
        let seen = if self.observed == 0 {
            format!("Target outcome not observed in {n} iterations")
        } else {
            format!(
                "Target outcome observed in {} of {n} iterations ({})",
                self.observed,
                pct(self.observed, n)
            )
        };
        let model = r.model_key();
        let why = match (self.allowed, self.observed) {
            (Some(true), 0) => format!(
                "; the {model} model allows it: absence in a finite run is no proof it cannot happen"
            ),
            (Some(true), _) => format!("; the {model} model allows it"),
            (Some(false), 0) => format!("; the {model} model forbids it"),
            (Some(false), _) => {
                format!("; the {model} model FORBIDS it: the model, the emitted code or the hardware disagrees, worth a closer look")
            }
            (None, _) => format!("; no {model} model verdict"),
        };
        format!(
            "{seen}{why}. Allowed here: {}. Status: {}.",
            self.allowed_here(),
            self.status
        )
    }
    fn facts(&self) -> Vec<String> {
        let mut f = Vec::new();
        let mut timing = format!("{} iterations", self.total());
        if let Some(e) = self.elapsed_s {
            let _ = write!(timing, " in {e:.2} s");
        }
        match self.iterations_per_s {
            Some(r) if r >= 1e5 => {
                let _ = write!(timing, " ({:.2} M/s)", r / 1e6);
            }
            Some(r) => {
                let _ = write!(timing, " ({r:.0}/s)");
            }
            None => {}
        }
        f.push(timing);
        if !self.sync.is_empty() {
            let mut s = format!("sync {}", self.sync);
            if let (Some(d), Some(o)) = (self.delta_ns, self.offset_ns) {
                let _ = write!(s, " (delta {d:.0} ns, offset {o:.0} ns)");
            }
            f.push(s);
        }
        f.push(format!("load {}", load_str(self.load_avg)));
        if self.oversubscribed {
            f.push("oversubscribed: more test threads than cores, starts not simultaneous".into());
        }
        if !self.observation.is_empty() {
            f.push(self.observation.clone());
        }
        if let Some(m) = &self.model_error {
            f.push(format!("note: {m}"));
        }
        f
    }
}

/// One test across all runs: the k-th occurrence of a name in each run.
struct Group<'a> {
    first: &'a TestResult,
    cells: Vec<Option<&'a TestResult>>,
    /// Union of the final states of every run, each with "is it a target state".
    states: BTreeMap<&'a BTreeMap<String, i64>, bool>,
}

impl<'a> Group<'a> {
    fn count<'t>(t: &'t TestResult, s: &BTreeMap<String, i64>) -> Option<&'t HistEntry> {
        t.histogram.iter().find(|h| &h.state == s)
    }
    /// The runs that have this test: (run index, result).
    fn present(&self) -> Vec<(usize, &'a TestResult)> {
        let cells = self.cells.iter().enumerate();
        cells.filter_map(|(i, c)| c.map(|t| (i, t))).collect()
    }
    /// Did any run see a target state?
    fn has_target(&self) -> bool {
        self.states.values().any(|t| *t)
    }
    /// A run's count of a state, and whether the run's platform model forbids that state.
    fn cell(t: &TestResult, s: &BTreeMap<String, i64>, target: bool) -> (u64, bool) {
        let h = Self::count(t, s);
        let forbidden = h.is_some_and(|h| t.forbids(h)) || (target && t.allowed == Some(false));
        (h.map_or(0, |h| h.count), forbidden)
    }
    /// Where the runs disagree about the target outcome, in one sentence.
    fn difference(&self, runs: &[Run]) -> Option<String> {
        let (mut seen, mut unseen) = (Vec::new(), Vec::new());
        for (i, c) in self.cells.iter().enumerate() {
            match c {
                Some(t) if t.observed > 0 => seen.push(format!("run {}", i + 1)),
                Some(t) => unseen.push(format!("run {} ({} iterations)", i + 1, t.total())),
                None => {}
            }
        }
        let platforms: Vec<&str> = runs
            .iter()
            .map(|r| r.platform_description.as_str())
            .collect();
        let what = if platforms.iter().all(|p| *p == platforms[0]) {
            "Runs on the same platform differ"
        } else {
            "Platforms differ"
        };
        (!seen.is_empty() && !unseen.is_empty()).then(|| {
            format!(
                "{what}: the target outcome was observed on {} but not observed on {}.",
                seen.join(", "),
                unseen.join(", ")
            )
        })
    }
}

fn groups(runs: &[Run]) -> Vec<Group<'_>> {
    let mut index: BTreeMap<(&str, usize), usize> = BTreeMap::new();
    let mut out: Vec<Group> = Vec::new();
    for (ri, r) in runs.iter().enumerate() {
        let mut nth: BTreeMap<&str, usize> = BTreeMap::new();
        for t in &r.tests {
            let k = nth.entry(&t.name).or_default();
            let key = (t.name.as_str(), *k);
            *k += 1;
            let gi = *index.entry(key).or_insert_with(|| {
                out.push(Group {
                    first: t,
                    cells: vec![None; runs.len()],
                    states: BTreeMap::new(),
                });
                out.len() - 1
            });
            let g = &mut out[gi];
            g.cells[ri] = Some(t);
            for h in &t.histogram {
                *g.states.entry(&h.state).or_default() |= h.target;
            }
        }
    }
    out
}

/// Escape text for HTML and SVG (element content and quoted attributes).
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// Escape text for Markdown (inline, also inside table cells).
pub fn md_esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!' => {
                o.push('\\');
                o.push(c);
            }
            '\n' | '\r' => o.push(' '),
            _ => o.push(c),
        }
    }
    o
}

fn status_class(s: &str) -> &'static str {
    match s {
        "ok" => "ok",
        "FORBIDDEN OBSERVED" => "bad",
        "HUNG" => "hung",
        _ => "unchecked",
    }
}

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
.diff{font-weight:600;color:#0b4f8a}.sw{display:inline-block;width:12px;height:12px;vertical-align:middle;margin-right:4px}";

const BAR: &str = "#9bb3d0";
const TARGET: &str = "#1f5fa8";
const FORBIDDEN: &str = "#d62728";

/// One run's horizontal bar chart for a test, rows aligned on the group's states.
fn svg_chart(g: &Group, t: &TestResult, r: &Run, o: Options) -> String {
    const CH: f64 = 6.7; // width of an 11px monospace character
    const ROW: f64 = 20.0;
    const BAR_W: f64 = 200.0;
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

fn run_table_rows(runs: &[Run]) -> Vec<[String; 6]> {
    runs.iter()
        .enumerate()
        .map(|(i, r)| {
            [
                format!("{}", i + 1),
                r.platform_description.clone(),
                r.model_key().to_string(),
                format!("{}, {} CPUs", r.host.arch, r.host.cpus),
                r.started.clone(),
                format!(
                    "{} → {}",
                    load_str(r.host.load_before),
                    load_str(r.host.load_after)
                ),
            ]
        })
        .collect()
}

const RUN_HEAD: [&str; 6] = [
    "run",
    "platform",
    "model",
    "host",
    "started",
    "load before → after",
];

const LEGEND_WORDS: &str = "The target outcome is the final state the test's condition asks \
about. A state is marked forbidden only when the platform's memory model forbids it; a state \
that did not show up in a run is \"not observed in N iterations\", which is evidence, not proof.";

/// The whole report as one self-contained HTML page.
pub fn html(runs: &[Run], o: Options) -> String {
    let gs = groups(runs);
    let mut s = String::new();
    let platforms: Vec<String> = runs
        .iter()
        .map(|r| r.platform_description.clone())
        .collect();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
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
    s.push_str("<th>observed/total</th><th>allowed here?</th><th>status</th></tr>\n");
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
                "<td class=\"num\">{}/{} ({})</td><td>{}</td><td class=\"{}\">{}</td></tr>",
                t.observed,
                t.total(),
                pct(t.observed, t.total()),
                esc(t.allowed_here()),
                status_class(&t.status),
                esc(&t.status)
            );
        }
    }
    s.push_str("</table>\n");
    // One section per test, runs side by side.
    for (gi, g) in gs.iter().enumerate() {
        let t0 = g.first;
        let _ = write!(
            s,
            "<h2 id=\"t{gi}\">{}</h2>\n<p>orderings <code>{}</code>",
            esc(&t0.name),
            esc(&t0.orderings)
        );
        if !t0.source.is_empty() {
            let _ = write!(s, " · source {}", esc(&t0.source));
        }
        if let Some(p) = &t0.path {
            let _ = write!(s, " · <code>{}</code>", esc(p));
        }
        s.push_str("</p>\n");
        if let Some(d) = g.difference(runs) {
            let _ = writeln!(s, "<p class=\"diff\">{}</p>", esc(&d));
        }
        s.push_str("<div class=\"cmp\">\n");
        for (ri, t) in g.present() {
            let r = &runs[ri];
            let _ = write!(
                s,
                "<figure><figcaption>{}</figcaption>{}\n<p class=\"verdict {}\">{}</p><ul class=\"facts\">",
                esc(&run_label(ri, r)),
                svg_chart(g, t, r, o),
                status_class(&t.status),
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
pub fn markdown(runs: &[Run], o: Options) -> String {
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
    head.extend(["observed/total", "allowed here?", "status"]);
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
            let status = if matches!(t.status.as_str(), "ok" | "unchecked") {
                md_esc(&t.status)
            } else {
                format!("**{}**", md_esc(&t.status))
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
            ]);
            md_row(&mut s, &row);
        }
    }
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
        if let Some(d) = g.difference(runs) {
            let _ = writeln!(s, "**{}**\n", md_esc(&d));
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
