//! Evidence: what one experiment produced, named by its key (`run:SB+rlx`,
//! `models:CoWR+rlx`, `map:bucket`, ...), with the platform it came from and how busy the
//! machine was. Each kind is gathered once per catalogue run (`super::gather`) and read by
//! any number of rules.

use crate::machine::{Platform, Target};
use crate::model::Model;
use crate::report::{RunReport, TestResult};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// The name of one experiment, as written in `claims/claims.toml`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// `run:TEST`: a litmus test on this machine's hardware.
    Run(String),
    /// `qemu:TEST` or `qemu[CPU]:TEST`: the aarch64 build under qemu-user, with `-cpu CPU`.
    Qemu { cpu: Option<String>, test: String },
    /// `models:TEST`: every model's verdict.
    Models(String),
    /// `asm:TEST@TARGET`: the emitted asm of a test's threads.
    Asm { test: String, target: Target },
    /// `map:FACT`: computed from the production map's code.
    Map(String),
    /// `bench:NAME`: a benchmark measured in-process.
    Bench(String),
    /// `prog:NAME`: a Rust program run in-process.
    Prog(String),
    /// `cmd:COMMAND LINE`: what an emulator says to options.
    Cmd(String),
    /// `doc:NAME`: a documented fact of Go's sources (never measured).
    Doc(String),
}

impl Key {
    pub fn parse(s: &str) -> Result<Key, String> {
        let (kind, rest) = s
            .split_once(':')
            .ok_or_else(|| "expected KIND:NAME".to_string())?;
        if rest.trim().is_empty() || rest != rest.trim() {
            return Err("empty or padded name".into());
        }
        let name = rest.to_string();
        Ok(match kind {
            "run" => Key::Run(name),
            "qemu" => Key::Qemu {
                cpu: None,
                test: name,
            },
            k if k.starts_with("qemu[") && k.ends_with(']') => {
                let cpu = &k[5..k.len() - 1];
                if cpu.is_empty() {
                    return Err("empty -cpu option".into());
                }
                Key::Qemu {
                    cpu: Some(cpu.to_string()),
                    test: name,
                }
            }
            "models" => Key::Models(name),
            "asm" => {
                let (test, target) = rest
                    .rsplit_once('@')
                    .ok_or_else(|| "expected asm:TEST@TARGET".to_string())?;
                let target =
                    Target::from_key(target).ok_or_else(|| format!("unknown target `{target}`"))?;
                Key::Asm {
                    test: test.to_string(),
                    target,
                }
            }
            "map" => Key::Map(name),
            "bench" => Key::Bench(name),
            "prog" => Key::Prog(name),
            "cmd" => Key::Cmd(name),
            "doc" => Key::Doc(name),
            other => return Err(format!("unknown evidence kind `{other}`")),
        })
    }

    /// The kind, as a word a student reads.
    pub fn kind(&self) -> &'static str {
        match self {
            Key::Run(_) => "litmus run",
            Key::Qemu { .. } => "litmus run under QEMU",
            Key::Models(_) => "model verdicts",
            Key::Asm { .. } => "emitted asm",
            Key::Map(_) => "map fact",
            Key::Bench(_) => "benchmark",
            Key::Prog(_) => "program run",
            Key::Cmd(_) => "command",
            Key::Doc(_) => "Go source (documented)",
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Run(t) => write!(f, "run:{t}"),
            Key::Qemu { cpu: None, test } => write!(f, "qemu:{test}"),
            Key::Qemu { cpu: Some(c), test } => write!(f, "qemu[{c}]:{test}"),
            Key::Models(t) => write!(f, "models:{t}"),
            Key::Asm { test, target } => write!(f, "asm:{test}@{}", target.key()),
            Key::Map(n) => write!(f, "map:{n}"),
            Key::Bench(n) => write!(f, "bench:{n}"),
            Key::Prog(n) => write!(f, "prog:{n}"),
            Key::Cmd(n) => write!(f, "cmd:{n}"),
            Key::Doc(n) => write!(f, "doc:{n}"),
        }
    }
}

/// Iterations observed before a miss is practically impossible: a run of the same budget
/// misses an outcome seen `k` times with probability about e^-k, below one in a million
/// from 14 on.
pub const STRONG_OBSERVED: u64 = 14;

/// One litmus run of a test, as `orderlab run --json` writes it.
#[derive(Clone, Debug, Serialize)]
pub struct RunEv {
    pub result: TestResult,
    pub platform: Platform,
    /// How it ran: `native` or the qemu command line.
    pub runner: String,
    /// Index of its run in [`Bag::runs`].
    pub run: usize,
}

impl RunEv {
    pub fn observed(&self) -> u64 {
        self.result.observed
    }
    pub fn total(&self) -> u64 {
        self.result.iterations
    }
    pub fn seen(&self) -> bool {
        self.observed() > 0
    }
    /// The chance that a run of this budget would miss the outcome, at the rate measured.
    pub fn miss_odds(&self) -> f64 {
        (-(self.observed() as f64)).exp()
    }
    /// Observed often enough that a rerun of this budget practically cannot miss it.
    pub fn strongly_seen(&self) -> bool {
        self.observed() >= STRONG_OBSERVED
    }
    /// `observed k of n (p%)` or `not observed in n`.
    pub fn figure(&self) -> String {
        if self.seen() {
            format!(
                "{} observed {} of {} ({})",
                self.result.name,
                self.observed(),
                self.total(),
                crate::report::pct(self.observed(), self.total())
            )
        } else {
            format!(
                "{} not observed in {} iterations",
                self.result.name,
                self.total()
            )
        }
    }
    /// The odds sentence a page shows next to the figure.
    pub fn odds(&self) -> String {
        let n = self.total().max(1);
        if self.seen() {
            let odds = if self.observed() > 600 {
                "below 1e-260".to_string()
            } else {
                format!("{:.1e}", self.miss_odds())
            };
            format!(
                "observed {} times in {} iterations: a rerun of this budget misses it with \
                 probability about e^-{} ({odds}){}",
                self.observed(),
                self.total(),
                self.observed(),
                if self.strongly_seen() {
                    ""
                } else {
                    " (weak: a rerun could miss it)"
                }
            )
        } else {
            format!(
                "not observed in {} iterations: with 95% confidence its rate here is below \
                 {:.1e} per iteration; not observed is not forbidden",
                self.total(),
                3.0 / n as f64
            )
        }
    }
}

/// Every model's verdict on a test's target outcome, and the cycle of each forbidding model.
#[derive(Clone, Debug, Serialize)]
pub struct ModelsEv {
    pub test: String,
    /// The litmus text.
    pub source: String,
    /// `(model, allowed)` in [`Model::ALL`] order.
    pub verdicts: Vec<(Model, bool)>,
    /// `(model, axiom, cycle)` for each model that forbids the target; `cycle` is empty when no
    /// candidate execution reaches the target at all (there is no cycle to draw).
    pub cycles: Vec<(Model, String, String)>,
    /// What loom and shuttle produce beside RC11 (`crate::checkers`), when they can run it.
    pub checkers: Option<crate::report::CheckerTable>,
}

impl ModelsEv {
    pub fn allows(&self, m: Model) -> bool {
        self.verdicts.iter().any(|(x, a)| *x == m && *a)
    }
    pub fn forbidden_by_all(&self) -> bool {
        self.verdicts.iter().all(|(_, a)| !a)
    }
    /// `RC11 A, C11 A, SC F, ...`.
    pub fn row(&self) -> String {
        self.verdicts
            .iter()
            .map(|(m, a)| format!("{} {}", m.key(), if *a { "A" } else { "F" }))
            .collect::<Vec<_>>()
            .join(", ")
    }
    /// `MP+rlx: allowed by rc11, c11, armv8, armv8-rcpc; forbidden by sc, x86-tso, qemu-x86`.
    pub fn figure(&self) -> String {
        let by = |a: bool| {
            self.verdicts
                .iter()
                .filter(|(_, x)| *x == a)
                .map(|(m, _)| m.key())
                .collect::<Vec<_>>()
        };
        let (al, fo) = (by(true), by(false));
        match (al.is_empty(), fo.is_empty()) {
            (true, _) => format!("{}: forbidden by every model", self.test),
            (_, true) => format!("{}: allowed by every model", self.test),
            _ => format!(
                "{}: allowed by {}; forbidden by {}",
                self.test,
                al.join(", "),
                fo.join(", ")
            ),
        }
    }
    pub fn cycle(&self, m: Model) -> Option<&(Model, String, String)> {
        self.cycles.iter().find(|(x, _, _)| *x == m)
    }
}

/// One test's threads in one target's emitted asm.
#[derive(Clone, Debug, Serialize)]
pub struct AsmEv {
    pub test: String,
    #[serde(serialize_with = "target_key")]
    pub target: Target,
    /// Per thread, its ordering signature (`mov (store) ; mov (load)`).
    pub signatures: Vec<Vec<String>>,
    /// What `orderlab asm` prints for it (the functions glossed).
    pub listing: String,
}

impl AsmEv {
    /// Every signature token of every thread.
    pub fn tokens(&self) -> impl Iterator<Item = &str> {
        self.signatures.iter().flatten().map(String::as_str)
    }
    pub fn figure(&self) -> String {
        let sigs: Vec<String> = self
            .signatures
            .iter()
            .enumerate()
            .map(|(i, s)| format!("P{i}: {}", crate::asm::sig::render(s)))
            .collect();
        format!(
            "{} on {}: {}",
            self.test,
            self.target.key(),
            sigs.join(" | ")
        )
    }
}

fn target_key<S: serde::Serializer>(t: &Target, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.key())
}

/// A measured fact: named numbers, the lines a student reads, and an optional table.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FactEv {
    pub values: BTreeMap<String, f64>,
    pub lines: Vec<String>,
    pub table: Option<(Vec<String>, Vec<Vec<String>>)>,
}

impl FactEv {
    pub fn set(&mut self, name: &str, v: f64) {
        self.values.insert(name.to_string(), v);
    }
    pub fn line(&mut self, l: impl Into<String>) {
        self.lines.push(l.into());
    }
}

/// What a command did with the seed's options.
#[derive(Clone, Debug, Serialize)]
pub struct CmdEv {
    pub argv: Vec<String>,
    /// The exit status (None: killed by a signal, or could not start).
    pub exit: Option<i32>,
    pub stderr: String,
    /// The command could not be started at all (the message).
    pub unavailable: Option<String>,
}

impl CmdEv {
    pub fn accepted(&self) -> bool {
        self.unavailable.is_none() && self.exit == Some(0)
    }
}

/// The body of one piece of evidence.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Body {
    Run(Box<RunEv>),
    Models(ModelsEv),
    Asm(AsmEv),
    Fact(FactEv),
    Cmd(CmdEv),
    /// A documented fact and its source.
    Doc {
        text: String,
        source: String,
    },
    /// Could not be gathered here: why, and what would provide it.
    Missing {
        why: String,
    },
}

/// One piece of evidence, with where it came from.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub key: String,
    /// Where it came from: the platform, the checker, the snapshot, the document.
    pub source: String,
    /// 1/5/15-minute load averages when it was gathered (None where it was not measured).
    pub load: Option<[f64; 3]>,
    pub cpus: usize,
    pub body: Body,
}

impl Item {
    /// One line: the figure of a run, model row, fact, ...
    pub fn summary(&self) -> String {
        match &self.body {
            Body::Run(r) => r.figure(),
            Body::Models(m) => m.figure(),
            Body::Asm(a) => a.figure(),
            Body::Fact(f) => f.lines.first().cloned().unwrap_or_default(),
            Body::Cmd(c) => match (&c.unavailable, c.exit) {
                (Some(w), _) => format!("`{}`: {w}", c.argv.join(" ")),
                (None, Some(0)) => format!("`{}`: accepted (exit 0)", c.argv.join(" ")),
                (None, code) => format!(
                    "`{}`: exit {}: {}",
                    c.argv.join(" "),
                    code.map_or("by signal".into(), |c| c.to_string()),
                    c.stderr.trim()
                ),
            },
            Body::Doc { text, .. } => text.clone(),
            Body::Missing { why } => format!("pending: {why}"),
        }
    }

    /// A note when the machine was busy while this was measured.
    pub fn busy(&self) -> Option<String> {
        let l = self.load?;
        (l[0] >= self.cpus.max(1) as f64).then(|| {
            format!(
                "the machine was busy (1-minute load {:.2} on {} CPUs)",
                l[0], self.cpus
            )
        })
    }
}

/// Everything one catalogue run gathered.
#[derive(Debug, Default, Serialize)]
pub struct Bag {
    pub items: BTreeMap<String, Item>,
    /// The litmus runs, as run reports (the native run first, then one per QEMU setting),
    /// with a label each.
    #[serde(skip)]
    pub runs: Vec<(String, RunReport)>,
}

impl Bag {
    pub fn get(&self, key: &str) -> Option<&Item> {
        self.items.get(key)
    }
    pub fn insert(&mut self, item: Item) {
        self.items.insert(item.key.clone(), item);
    }
}
