//! The rules: one function per claim that reads the evidence its claim declares (through
//! [`R`], which refuses anything undeclared) and says which parts hold. One file per group
//! of claims: `hardware` (C01-C14), `language` (C15-C28), `perf` (C29-C41), `design`
//! (C42-C62). The Go-runtime claims (C63-C77) have no rule: they are not testable here.

mod design;
mod hardware;
mod language;
mod perf;

use super::data::Claim;
use super::decision::{Decision, PartVerdict, Verdict};
use super::evidence::{AsmEv, Bag, Body, CmdEv, FactEv, Item, ModelsEv, RunEv};
use crate::machine::Platform;
use std::collections::BTreeSet;

/// Evidence a rule needed and did not get: why (a missing capability), which makes the part
/// that needed it pending.
#[derive(Debug)]
pub(crate) struct Gap(pub String);

pub(crate) type Got<T> = Result<T, Gap>;

/// A rule's view of the evidence: only what its claim declares, recording what it read,
/// the deciding figure, what would change the verdict and why the evidence is weak.
pub(crate) struct R<'a> {
    bag: &'a Bag,
    declared: BTreeSet<String>,
    used: BTreeSet<String>,
    figure: Option<(String, String)>,
    change: Vec<String>,
    weak: Vec<String>,
    error: Option<String>,
}

impl<'a> R<'a> {
    fn new(bag: &'a Bag, claim: &Claim) -> Self {
        R {
            bag,
            declared: claim.evidence.iter().cloned().collect(),
            used: BTreeSet::new(),
            figure: None,
            change: Vec::new(),
            weak: Vec::new(),
            error: None,
        }
    }

    fn item(&mut self, key: &str) -> Got<&'a Item> {
        if !self.declared.contains(key) {
            self.error.get_or_insert_with(|| {
                format!("the rule reads `{key}`, which its claim does not declare")
            });
            return Err(Gap(format!("undeclared evidence {key}")));
        }
        self.used.insert(key.to_string());
        match self.bag.get(key) {
            None => Err(Gap(format!("{key} was not gathered"))),
            Some(Item {
                body: Body::Missing { why },
                ..
            }) => Err(Gap(format!("{key}: {why}"))),
            Some(it) => Ok(it),
        }
    }

    /// A litmus run on this machine.
    pub fn run(&mut self, test: &str) -> Got<&'a RunEv> {
        match &self.item(&format!("run:{test}"))?.body {
            Body::Run(r) => Ok(r),
            _ => Err(self.broken(format!("run:{test} is not a run"))),
        }
    }

    /// A litmus run under qemu-user (`cpu`: its `-cpu` option).
    pub fn qemu(&mut self, cpu: Option<&str>, test: &str) -> Got<&'a RunEv> {
        let key = match cpu {
            Some(c) => format!("qemu[{c}]:{test}"),
            None => format!("qemu:{test}"),
        };
        match &self.item(&key)?.body {
            Body::Run(r) => Ok(r),
            _ => Err(self.broken(format!("{key} is not a run"))),
        }
    }

    pub fn models(&mut self, test: &str) -> Got<&'a ModelsEv> {
        match &self.item(&format!("models:{test}"))?.body {
            Body::Models(m) => Ok(m),
            _ => Err(self.broken(format!("models:{test} are not model verdicts"))),
        }
    }

    pub fn asm(&mut self, test: &str, target: &str) -> Got<&'a AsmEv> {
        match &self.item(&format!("asm:{test}@{target}"))?.body {
            Body::Asm(a) => Ok(a),
            _ => Err(self.broken(format!("asm:{test}@{target} is not asm"))),
        }
    }

    /// A map fact, benchmark or program (`map:bucket`, `bench:mix`, `prog:lost-update`).
    pub fn fact(&mut self, key: &str) -> Got<&'a FactEv> {
        match &self.item(key)?.body {
            Body::Fact(f) => Ok(f),
            _ => Err(self.broken(format!("{key} is not a fact"))),
        }
    }

    /// One named value of a fact.
    pub fn num(&mut self, key: &str, name: &str) -> Got<f64> {
        let f = self.fact(key)?;
        match f.values.get(name) {
            Some(v) => Ok(*v),
            None => Err(self.broken(format!("{key} has no value `{name}`"))),
        }
    }

    pub fn cmd(&mut self, line: &str) -> Got<&'a CmdEv> {
        match &self.item(&format!("cmd:{line}"))?.body {
            Body::Cmd(c) => Ok(c),
            _ => Err(self.broken(format!("cmd:{line} is not a command"))),
        }
    }

    /// A documented fact's text (context, never a measurement).
    pub fn doc(&mut self, name: &str) -> Got<String> {
        match &self.item(&format!("doc:{name}"))?.body {
            Body::Doc { text, .. } => Ok(text.clone()),
            _ => Err(self.broken(format!("doc:{name} is not a documented fact"))),
        }
    }

    fn broken(&mut self, why: String) -> Gap {
        self.error.get_or_insert_with(|| why.clone());
        Gap(why)
    }

    /// Set the deciding figure and where it came from (the first one set wins).
    pub fn figure(&mut self, figure: impl Into<String>, platform: impl Into<String>) {
        if self.figure.is_none() {
            self.figure = Some((figure.into(), platform.into()));
        }
    }

    /// What would change the verdict.
    pub fn change(&mut self, s: impl Into<String>) {
        self.change.push(s.into());
    }

    /// Note that `r` decides by being observed: weak unless seen often enough.
    pub fn relies_on_seen(&mut self, r: &RunEv) {
        if r.seen() && !r.strongly_seen() {
            self.weak.push(format!(
                "{} was observed only {} times ({} iterations on {}): a rerun of this budget \
                 could miss it",
                r.result.name,
                r.observed(),
                r.total(),
                r.platform.key()
            ));
        }
    }

    /// A weakness in words.
    pub fn weak(&mut self, s: impl Into<String>) {
        self.weak.push(s.into());
    }
}

/// Where a run came from, for a figure: `x86-tso, native` or `qemu-x86, qemu-aarch64`.
pub(crate) fn platform_of(r: &RunEv) -> String {
    format!("{} ({})", r.platform.key(), r.runner)
}

/// Did this native run happen on x86 hardware?
pub(crate) fn on_x86(r: &RunEv) -> bool {
    r.platform == Platform::X86Tso
}

/// Run a part's judgement; missing evidence makes the part pending on what is missing.
pub(crate) fn part(r: &mut R, f: impl FnOnce(&mut R) -> Got<PartVerdict>) -> PartVerdict {
    f(r).unwrap_or_else(|Gap(why)| PartVerdict::pending(why))
}

/// A part this lab cannot test, with the reason.
pub(crate) fn untestable(why: &str) -> PartVerdict {
    PartVerdict::untestable(why)
}

type Rule = fn(&mut R) -> Vec<PartVerdict>;

fn rule(id: &str) -> Option<Rule> {
    hardware::rule(id)
        .or_else(|| language::rule(id))
        .or_else(|| perf::rule(id))
        .or_else(|| design::rule(id))
}

/// Decide a claim from the bag.
pub fn decide(claim: &Claim, bag: &Bag) -> Decision {
    if claim.is_go_only() {
        let why = claim.go_only.as_deref().unwrap_or_default();
        let parts = claim
            .parts
            .iter()
            .map(|_| PartVerdict::untestable(why))
            .collect();
        return Decision {
            verdict: Verdict::NotTestable,
            parts,
            figure: "Go-only: not testable in a Rust lab".into(),
            platform: "-".into(),
            change: "a Go toolchain and runtime to run the experiment on".into(),
            weak: Vec::new(),
            used: Vec::new(),
            error: None,
        };
    }
    let mut r = R::new(bag, claim);
    let (mut parts, mut error) = match rule(&claim.id) {
        Some(f) => (f(&mut r), None),
        None => (Vec::new(), Some(format!("no rule for {}", claim.id))),
    };
    if parts.len() != claim.parts.len() && error.is_none() {
        error = Some(format!(
            "the rule judged {} parts, the claim has {}",
            parts.len(),
            claim.parts.len()
        ));
    }
    parts.resize_with(claim.parts.len(), || PartVerdict::pending("no judgement"));
    let verdict = Verdict::of(&parts);
    let (figure, platform) = r.figure.take().unwrap_or_else(|| {
        let first = parts
            .iter()
            .find(|p| p.state != super::decision::State::Untestable)
            .or(parts.first());
        (
            first.map(|p| p.because.clone()).unwrap_or_default(),
            "-".into(),
        )
    });
    let mut weak: Vec<String> = Vec::new();
    for w in r.weak {
        if !weak.contains(&w) {
            weak.push(w);
        }
    }
    Decision {
        verdict,
        parts,
        figure,
        platform,
        change: r.change.join(" "),
        weak,
        used: r.used.into_iter().collect(),
        error: error.or(r.error),
    }
}
