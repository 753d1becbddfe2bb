//! The one schema of a run's results: written by `orderlab run --json`, read back by
//! `orderlab report` (and by anything else that reads run files). Every field a reader may
//! lack has a default, so files of earlier versions and hand-written ones still load.

use crate::litmus::{MemOrder, Op, RmwOp, Test};
use crate::machine::{load_average, Platform};
use crate::model::Model;
use crate::run::RunOutcome;
use crate::suite::{Entry, Source};
use crate::verdict::{Assessment, Status};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The largest run file `orderlab report` reads (a whole-catalog run is about 200 KiB).
pub const MAX_RUN_BYTES: u64 = 64 << 20;

/// A whole run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RunReport {
    /// The platform the run happened on (`x86-tso`, `armv8`, `armv8-rcpc`, `qemu-x86`).
    pub platform: Platform,
    pub platform_description: String,
    /// The model the verdicts come from.
    #[serde(default)]
    pub model: Option<Model>,
    #[serde(default)]
    pub host: Host,
    /// UTC start time, RFC 3339.
    #[serde(default)]
    pub started: String,
    /// The run was interrupted (SIGINT, SIGTERM, SIGHUP): `tests` holds the tests that finished.
    #[serde(default)]
    pub interrupted: bool,
    pub tests: Vec<TestResult>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
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

/// The result of one test. Floats are optional on reading: serde_json writes a NaN as `null`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TestResult {
    pub name: String,
    /// `catalog`, `map`, `asm`, or `interpreted`.
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub path: Option<String>,
    /// Compact orderings per thread: `W.rlx W.rel | R.acq R.rlx`.
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
    /// Is the target allowed on this platform? `null` when no model verdict is available.
    #[serde(default)]
    pub allowed: Option<bool>,
    #[serde(default = "unknown")]
    pub allowed_here: String,
    pub status: Status,
    /// litmus7's `Observation NAME Never|Sometimes|Always p n`.
    #[serde(default)]
    pub observation: String,
    /// 1, 5, 15 minute load averages when the test finished.
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_error: Option<String>,
    /// Every model's verdict on the target outcome, in `Model::ALL` order, computed once per
    /// test when it ran: the platform's model is one column of it, and a reader sees what
    /// the language models and the other platforms say (empty in files of earlier versions,
    /// or where the model checker cannot judge the test).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub models: Vec<ModelVerdict>,
    /// The test has a data race (RC11/C11): undefined behaviour, so the histogram is no
    /// language verdict. The race, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_race: Option<String>,
}

/// One model's verdict on a test's target outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelVerdict {
    pub model: Model,
    pub allowed: bool,
}

/// Every model's verdict on `test`'s target outcome (empty when the checker cannot judge it;
/// the catalog's expected table fills in for its own tests).
pub fn model_verdicts(entry: &Entry) -> Vec<ModelVerdict> {
    match crate::model::check_all(entry.test()) {
        Ok(vs) => vs
            .into_iter()
            .map(|v| ModelVerdict {
                model: v.model,
                allowed: v.target_allowed,
            })
            .collect(),
        Err(_) => Model::ALL
            .iter()
            .map_while(|&m| {
                entry
                    .expected(m)
                    .map(|allowed| ModelVerdict { model: m, allowed })
            })
            .collect(),
    }
}

/// `A`/`F` per model in `Model::ALL` order (`AAFFAAF` for MP+rlx), `-` for a missing one;
/// empty when no verdict is known.
pub fn model_letters(models: &[ModelVerdict]) -> String {
    if models.is_empty() {
        return String::new();
    }
    Model::ALL
        .iter()
        .map(|m| match models.iter().find(|v| v.model == *m) {
            Some(v) if v.allowed => 'A',
            Some(_) => 'F',
            None => '-',
        })
        .collect()
}

/// The legend of [`model_letters`].
pub const MODEL_LETTERS_LEGEND: &str = "models: A/F = target allowed/forbidden by rc11 c11 sc \
x86-tso armv8 armv8-rcpc qemu-x86, in that order";

fn unknown() -> String {
    "unknown".to_string()
}

/// One line of a histogram.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HistEntry {
    /// The final state: `"0:r0" → 1`, `"x" → 2`.
    pub state: BTreeMap<String, i64>,
    pub count: u64,
    /// Does this state satisfy the condition's target?
    #[serde(default)]
    pub target: bool,
    /// Does the platform's model forbid it? (absent when unknown)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forbidden: Option<bool>,
}

/// `W.rlx W.rel | R.acq R.rlx`: each thread's accesses and fences with their orderings, in
/// source order (`na`: a plain access; `if`: a branch; RMWs by operation: `X` exchange, `A`
/// add, `S` sub, `O` or, `N` and, `E` xor, `C` compare-exchange).
pub fn orderings(test: &Test) -> String {
    let short = |o: Option<MemOrder>| o.map_or("na", MemOrder::short);
    test.threads
        .iter()
        .map(|th| {
            let mut items = Vec::new();
            crate::litmus::walk(&th.body, &mut |st| {
                for e in st.op.exprs() {
                    for (_, o) in e.loads() {
                        items.push(format!("R.{}", short(o)));
                    }
                }
                match &st.op {
                    Op::Assign { .. } => {}
                    Op::If { .. } => items.push("if".into()),
                    Op::Store { ord, .. } => items.push(format!("W.{}", short(*ord))),
                    Op::Fence { ord } => items.push(format!("F.{}", ord.short())),
                    Op::Rmw { op, ord, .. } => {
                        let k = match op {
                            RmwOp::Xchg => "X",
                            RmwOp::Add => "A",
                            RmwOp::Sub => "S",
                            RmwOp::Or => "O",
                            RmwOp::And => "N",
                            RmwOp::Xor => "E",
                        };
                        items.push(format!("{k}.{}", ord.short()))
                    }
                    Op::CompareExchange {
                        success, failure, ..
                    } => items.push(format!("C.{}/{}", success.short(), failure.short())),
                }
            });
            items.join(" ")
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

impl TestResult {
    /// The reported result of one test's run.
    pub fn new(entry: &Entry, run: &RunOutcome, a: &Assessment) -> TestResult {
        let test = entry.test();
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
            source: Some(entry.source()),
            path: entry.path().map(str::to_string),
            orderings: orderings(test),
            iterations: run.iterations,
            elapsed_s: Some(run.elapsed.as_secs_f64()),
            iterations_per_s: Some(run.iterations_per_s()),
            histogram,
            observed: a.observed,
            allowed: a.allowed,
            allowed_here: a.allowed_here.clone(),
            status: a.status,
            observation: observation(&test.name, a.observed, total - a.observed),
            load_avg: load_average(),
            sync: run.sync.name().to_string(),
            oversubscribed: run.oversubscribed,
            delta_ns: Some(run.delta_ns),
            offset_ns: Some(run.offset_ns),
            model_error: a.model_error.clone(),
            models: model_verdicts(entry),
            data_race: a.data_race.clone(),
        }
    }
}

impl RunReport {
    /// An empty report of a run starting now on `platform`.
    pub fn new(platform: Platform, load_before: Option<[f64; 3]>) -> RunReport {
        RunReport {
            platform,
            platform_description: platform.describe().to_string(),
            model: Some(Model::for_platform(platform)),
            host: Host {
                arch: std::env::consts::ARCH.to_string(),
                cpus: crate::machine::cpus(),
                load_before,
                load_after: None,
            },
            started: rfc3339_now(),
            interrupted: false,
            tests: Vec::new(),
        }
    }

    /// The key of the model the verdicts come from.
    pub fn model_key(&self) -> &'static str {
        self.model
            .unwrap_or_else(|| Model::for_platform(self.platform))
            .key()
    }

    /// The JSON text (pretty, one trailing newline).
    pub fn to_json(&self) -> String {
        // Serializing these types cannot fail: every map key is a string.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Parse one run file's text; errors read `FILE:LINE:COL: message` (or
    /// `FILE: test NAME: message`).
    pub fn parse(text: &str, file: &str) -> Result<RunReport, String> {
        let run: RunReport = serde_json::from_str(text).map_err(|e| {
            let msg = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let msg = msg.strip_suffix(&suffix).unwrap_or(&msg);
            format!("{file}:{}:{}: {msg}", e.line(), e.column())
        })?;
        for t in &run.tests {
            let bad = |m: &str| format!("{file}: test {}: {m}", t.name);
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

    /// Read and parse one run file (a regular file of at most [`MAX_RUN_BYTES`]).
    pub fn load(path: &Path) -> Result<RunReport, String> {
        let file = path.display().to_string();
        let bytes = crate::fsutil::read_limited(path, MAX_RUN_BYTES)
            .map_err(|e| format!("{file}: cannot read: {e}"))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, col) = crate::litmus::line_col(
                std::str::from_utf8(&e.as_bytes()[..e.utf8_error().valid_up_to()]).unwrap_or(""),
            );
            format!("{file}:{line}:{col}: invalid UTF-8")
        })?;
        RunReport::parse(&text, &file)
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
