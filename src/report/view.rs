//! The teaching view of runs, shared by the HTML and Markdown pages: one test across several
//! runs ([`Group`]), with its states aligned, and the honest sentences said about it. An
//! outcome that did not show is "not observed in N iterations", never "forbidden": only the
//! platform's model forbids, and every sentence names the platform a result came from.

use super::schema::{HistEntry, RunReport, TestResult};
use super::text::load_str;
use crate::verdict::Status;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How bars are scaled.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Logarithmic bar lengths (small counts stay visible); linear share of iterations otherwise.
    pub log: bool,
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
pub(crate) fn frac(count: u64, total: u64, o: Options) -> f64 {
    if count == 0 || total == 0 {
        0.0
    } else if o.log {
        (count as f64 + 1.0).log10() / (total as f64 + 1.0).log10()
    } else {
        count as f64 / total as f64
    }
}

/// `RunReport N: description (model key)`.
pub(crate) fn run_label(i: usize, r: &RunReport) -> String {
    format!(
        "run {}: {} (model {})",
        i + 1,
        r.platform_description,
        r.model_key()
    )
}

impl RunReport {
    /// A note when the machine was busy: weak outcomes show less often under load.
    pub(crate) fn load_note(&self) -> Option<String> {
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
    pub(crate) fn total(&self) -> u64 {
        let sum: u64 = self.histogram.iter().map(|h| h.count).sum();
        if self.iterations > 0 {
            self.iterations
        } else {
            sum
        }
    }
    pub(crate) fn allowed_here(&self) -> &str {
        &self.allowed_here
    }
    /// Is this state forbidden by this platform's model? The JSON marks forbidden states; a
    /// target state is also forbidden when the run's verdict says the target is not allowed.
    pub(crate) fn forbids(&self, h: &HistEntry) -> bool {
        h.forbidden == Some(true) || (h.target && self.allowed == Some(false))
    }
    /// One honest sentence about the target outcome.
    pub(crate) fn verdict_sentence(&self, r: &RunReport) -> String {
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
        let ub = match &self.data_race {
            Some(race) => format!(
                " UNDEFINED BEHAVIOUR: {race}; in Rust and C11 the program has no defined \
                 outcome, so these counts are what the machine did with plain accesses run as \
                 Relaxed ones, not what the language allows."
            ),
            None => String::new(),
        };
        format!(
            "{seen}{why}. Allowed here: {}. Status: {}.{ub}",
            self.allowed_here(),
            self.status.as_str()
        )
    }
    pub(crate) fn facts(&self) -> Vec<String> {
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
pub(crate) struct Group<'a> {
    pub(crate) first: &'a TestResult,
    pub(crate) cells: Vec<Option<&'a TestResult>>,
    /// Union of the final states of every run, each with "is it a target state".
    pub(crate) states: BTreeMap<&'a BTreeMap<String, i64>, bool>,
}

impl<'a> Group<'a> {
    fn count<'t>(t: &'t TestResult, s: &BTreeMap<String, i64>) -> Option<&'t HistEntry> {
        t.histogram.iter().find(|h| &h.state == s)
    }
    /// The runs that have this test: (run index, result).
    pub(crate) fn present(&self) -> Vec<(usize, &'a TestResult)> {
        let cells = self.cells.iter().enumerate();
        cells.filter_map(|(i, c)| c.map(|t| (i, t))).collect()
    }
    /// Did any run see a target state?
    pub(crate) fn has_target(&self) -> bool {
        self.states.values().any(|t| *t)
    }
    /// A run's count of a state, and whether the run's platform model forbids that state.
    pub(crate) fn cell(t: &TestResult, s: &BTreeMap<String, i64>, target: bool) -> (u64, bool) {
        let h = Self::count(t, s);
        let forbidden = h.is_some_and(|h| t.forbids(h)) || (target && t.allowed == Some(false));
        (h.map_or(0, |h| h.count), forbidden)
    }
    /// Where the runs disagree about the target outcome, in one sentence.
    pub(crate) fn difference(&self, runs: &[RunReport]) -> Option<String> {
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

pub(crate) fn groups(runs: &[RunReport]) -> Vec<Group<'_>> {
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

pub(crate) fn status_class(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::ForbiddenObserved => "bad",
        Status::Hung => "hung",
        Status::Unchecked => "unchecked",
    }
}

pub(crate) fn run_table_rows(runs: &[RunReport]) -> Vec<[String; 6]> {
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

pub(crate) const RUN_HEAD: [&str; 6] = [
    "run",
    "platform",
    "model",
    "host",
    "started",
    "load before → after",
];

pub(crate) const LEGEND_WORDS: &str =
    "The target outcome is the final state the test's condition asks \
about. A state is marked forbidden only when the platform's memory model forbids it; a state \
that did not show up in a run is \"not observed in N iterations\", which is evidence, not proof.";
