//! Reports of hardware runs: litmus7-style blocks, the summary table, JSON.

use crate::litmus::{format_state, Op, Quantifier, Test};
use crate::run::harness::RunOutcome;
use crate::run::platform::Platform;
use crate::run::verdict::Assessment;
use crate::run::Source;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One line of a histogram.
#[derive(Clone, Debug, Serialize)]
pub struct HistEntry {
    /// The final state: `"0:r0" → 1`, `"x" → 2`.
    pub state: BTreeMap<String, i64>,
    pub count: u64,
    /// Does this state satisfy the condition's target?
    pub target: bool,
    /// Does the platform's model forbid it? (absent when unknown)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forbidden: Option<bool>,
}

/// The result of one test, as reported.
#[derive(Clone, Debug, Serialize)]
pub struct TestResult {
    pub name: String,
    /// `catalog`, `map`, `asm`, or `interpreted`.
    pub source: String,
    pub path: Option<String>,
    /// Compact orderings per thread: `W.rlx W.rel | R.acq R.rlx`.
    pub orderings: String,
    pub iterations: u64,
    pub elapsed_s: f64,
    pub iterations_per_s: f64,
    pub histogram: Vec<HistEntry>,
    /// Iterations whose final state is the condition's target.
    pub observed: u64,
    /// Is the target allowed on this platform? `null` when no model verdict is available.
    pub allowed: Option<bool>,
    pub allowed_here: String,
    /// `ok`, `FORBIDDEN OBSERVED`, `HUNG` or `unchecked`.
    pub status: String,
    /// litmus7's `Observation NAME Never|Sometimes|Always p n`.
    pub observation: String,
    /// 1, 5, 15 minute load averages when the test finished.
    pub load_avg: Option<[f64; 3]>,
    pub sync: String,
    pub oversubscribed: bool,
    pub delta_ns: f64,
    pub offset_ns: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_error: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Host {
    pub arch: String,
    pub cpus: usize,
    pub load_before: Option<[f64; 3]>,
    pub load_after: Option<[f64; 3]>,
}

/// A whole run.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Model key of the platform (`x86-tso`, `armv8`, `armv8-rcpc`, `qemu-x86`).
    pub platform: String,
    pub platform_description: String,
    /// The model the verdicts come from.
    pub model: String,
    pub host: Host,
    /// UTC start time, RFC 3339.
    pub started: String,
    pub tests: Vec<TestResult>,
}

pub fn source_name(s: Source) -> &'static str {
    match s {
        Source::Catalog => "catalog",
        Source::Map => "map",
        Source::AsmKernel => "asm",
        Source::Interpreted => "interpreted",
    }
}

/// `W.rlx W.rel | R.acq R.rlx`: each thread's accesses and fences with their orderings.
pub fn orderings(test: &Test) -> String {
    test.threads
        .iter()
        .map(|th| {
            th.body
                .iter()
                .filter_map(|st| match &st.op {
                    Op::Local { .. } => None,
                    Op::Load { ord, .. } => Some(format!("R.{}", ord.short())),
                    Op::Store { ord, .. } => Some(format!("W.{}", ord.short())),
                    Op::Fence { ord } => Some(format!("F.{}", ord.short())),
                    Op::Exchange { ord, .. } => Some(format!("X.{}", ord.short())),
                    Op::FetchAdd { ord, .. } => Some(format!("A.{}", ord.short())),
                    Op::CompareExchange {
                        success, failure, ..
                    } => Some(format!("C.{}/{}", success.short(), failure.short())),
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// litmus7's observation word.
pub fn observation(name: &str, positive: u64, negative: u64) -> String {
    let word = if positive == 0 {
        "Never"
    } else if negative == 0 {
        "Always"
    } else {
        "Sometimes"
    };
    format!("Observation {name} {word} {positive} {negative}")
}

/// Build the reported result of one test.
pub fn result(
    test: &Test,
    source: Source,
    path: Option<&str>,
    run: &RunOutcome,
    a: &Assessment,
) -> TestResult {
    let obs = test.observables();
    let total = run.histogram.total();
    let mut histogram: Vec<HistEntry> = run
        .histogram
        .states
        .iter()
        .map(|(s, c)| HistEntry {
            state: obs
                .iter()
                .zip(s)
                .map(|(v, x)| (v.to_string(), *x))
                .collect(),
            count: *c,
            target: test.is_target(&obs, s),
            forbidden: a.allowed.map(|_| a.forbidden_states.contains(s)),
        })
        .collect();
    histogram.sort_by(|x, y| x.state.values().cmp(y.state.values()));
    TestResult {
        name: test.name.clone(),
        source: source_name(source).to_string(),
        path: path.map(str::to_string),
        orderings: orderings(test),
        iterations: run.iterations,
        elapsed_s: run.elapsed.as_secs_f64(),
        iterations_per_s: run.iterations_per_s(),
        histogram,
        observed: a.observed,
        allowed: a.allowed,
        allowed_here: a.allowed_here.clone(),
        status: a.status.as_str().to_string(),
        observation: observation(&test.name, a.observed, total - a.observed),
        load_avg: crate::run::platform::load_average(),
        sync: run.sync.name().to_string(),
        oversubscribed: run.oversubscribed,
        delta_ns: run.delta_ns,
        offset_ns: run.offset_ns,
        model_error: a.model_error.clone(),
    }
}

/// A litmus7-style block for one test.
pub fn block(test: &Test, r: &TestResult) -> String {
    let obs = test.observables();
    let mut s = String::new();
    // litmus7's word for the condition's quantifier, said to be that, so nobody reads
    // "Allowed" as this platform's verdict.
    let (kind, quant) = match test.cond.quant {
        Quantifier::Exists => ("Allowed", "exists"),
        Quantifier::NotExists => ("Forbidden", "~exists"),
        Quantifier::Forall => ("Required", "forall"),
    };
    s.push_str(&format!(
        "Test {} {kind} (litmus7's word for an `{quant}` condition, not a verdict)\n",
        r.name
    ));
    s.push_str(&format!("Histogram ({} states)\n", r.histogram.len()));
    let width = r
        .histogram
        .iter()
        .map(|h| h.count.to_string().len())
        .max()
        .unwrap_or(1);
    for h in &r.histogram {
        let state: Vec<i64> = obs
            .iter()
            .map(|v| h.state.get(&v.to_string()).copied().unwrap_or(0))
            .collect();
        let mark = if h.target { '*' } else { ':' };
        let forb = if h.forbidden == Some(true) {
            "   <- forbidden here"
        } else {
            ""
        };
        s.push_str(&format!(
            "{:<width$} {mark}> {}{forb}\n",
            h.count,
            format_state(&obs, &state)
        ));
    }
    let negative = r.iterations - r.observed;
    s.push_str(&format!("Positive: {}, Negative: {negative}\n", r.observed));
    s.push_str(&format!("{}\n", r.observation));
    s.push_str(&format!(
        "Verdict: {} (target allowed here: {})\n",
        r.status, r.allowed_here
    ));
    s.push_str(&format!(
        "Time {} {:.2}s, {:.2} M iterations/s, sync {} (delta {:.0} ns, offset {:.0} ns){}, load {}\n",
        r.name,
        r.elapsed_s,
        r.iterations_per_s / 1e6,
        r.sync,
        r.delta_ns,
        r.offset_ns,
        if r.oversubscribed {
            " (oversubscribed: more test threads than cores)"
        } else {
            ""
        },
        load_str(r.load_avg)
    ));
    s
}

pub fn load_str(l: Option<[f64; 3]>) -> String {
    match l {
        Some([a, b, c]) => format!("{a:.2} {b:.2} {c:.2}"),
        None => "unknown".to_string(),
    }
}

/// The summary table: test | orderings | observed/total | allowed here? | status.
pub fn table(results: &[TestResult]) -> String {
    let head = [
        "test",
        "orderings",
        "observed/total",
        "allowed here?",
        "status",
    ];
    let rows: Vec<[String; 5]> = results
        .iter()
        .map(|r| {
            let mut name = r.name.clone();
            if r.source == "interpreted" {
                name.push_str(" (interpreted)");
            }
            [
                name,
                r.orderings.clone(),
                format!("{}/{}", r.observed, r.iterations),
                r.allowed_here.clone(),
                r.status.clone(),
            ]
        })
        .collect();
    let mut w = head.map(str::len);
    for row in &rows {
        for (k, c) in row.iter().enumerate() {
            w[k] = w[k].max(c.len());
        }
    }
    let line = |cells: [&str; 5]| {
        let mut s = String::new();
        for (k, c) in cells.iter().enumerate() {
            if k > 0 {
                s.push_str("  ");
            }
            if k == 4 {
                s.push_str(c);
            } else if k == 2 {
                s.push_str(&format!("{c:>width$}", width = w[k]));
            } else {
                s.push_str(&format!("{c:<width$}", width = w[k]));
            }
        }
        s.push('\n');
        s
    };
    let mut s = line(head);
    s.push_str(&line([
        &"-".repeat(w[0]),
        &"-".repeat(w[1]),
        &"-".repeat(w[2]),
        &"-".repeat(w[3]),
        &"-".repeat(w[4]),
    ]));
    for row in &rows {
        s.push_str(&line([&row[0], &row[1], &row[2], &row[3], &row[4]]));
    }
    s
}

impl Report {
    pub fn new(platform: Platform, load_before: Option<[f64; 3]>) -> Report {
        Report {
            platform: platform.model().to_string(),
            platform_description: platform.describe().to_string(),
            model: platform.model().to_string(),
            host: Host {
                arch: std::env::consts::ARCH.to_string(),
                cpus: crate::run::platform::cpus(),
                load_before,
                load_after: None,
            },
            started: rfc3339_now(),
            tests: Vec::new(),
        }
    }

    /// Write as JSON to a temporary file next to `path`, then rename it into place.
    pub fn write_json(&self, path: &Path) -> std::io::Result<()> {
        let mut bytes = serde_json::to_vec_pretty(self)?;
        bytes.push(b'\n');
        crate::fsutil::write_atomic(path, &bytes)
    }
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86400), secs.rem_euclid(86400));
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
