//! Verdicts: what the platform's model allows, compared with what was observed there. One
//! [`assess`] serves `orderlab run` and `orderlab asm --run`.
//!
//! A verdict is about a (test, platform, model) triple: the platform a run happened on picks
//! the model that judges it ([`Model::for_platform`]). "Not observed" is never "forbidden":
//! an outcome ARMv8 allows but QEMU-on-x86 cannot produce reads "allowed on ARMv8, not
//! observable here".

use crate::litmus::Test;
use crate::machine::Platform;
use crate::model::{Model, ModelError};
use crate::run::Histogram;
use crate::suite::Entry;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The judgement of one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Every observed final state is allowed on this platform.
    #[serde(rename = "ok")]
    Ok,
    /// A final state the platform's model forbids was observed.
    #[serde(rename = "FORBIDDEN OBSERVED")]
    ForbiddenObserved,
    /// The watchdog stopped the test.
    #[serde(rename = "HUNG")]
    Hung,
    /// No model verdict was available; nothing was checked.
    #[serde(rename = "unchecked")]
    Unchecked,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::ForbiddenObserved => "FORBIDDEN OBSERVED",
            Status::Hung => "HUNG",
            Status::Unchecked => "unchecked",
        }
    }
}

/// A run judged against its platform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub status: Status,
    /// The model that judged the run.
    pub model: Model,
    /// Is the target outcome allowed on this platform? None when unknown.
    pub allowed: Option<bool>,
    /// The "allowed here?" column: `yes`, `no`, `allowed on ARMv8, not observable here`, or
    /// `unknown`.
    pub allowed_here: String,
    /// Why the verdict is partial or unknown, when it is.
    pub model_error: Option<String>,
    /// Observed states the platform forbids.
    pub forbidden_states: Vec<Vec<i64>>,
    /// Observed states that satisfy the target (the `observed` count).
    pub observed: u64,
    /// A data race the language models find (RC11, else C11): the test's behaviour is
    /// undefined in Rust and C11, so its histogram is what this machine did with plain accesses
    /// compiled as Relaxed atomics, never a language verdict.
    pub data_race: Option<String>,
}

/// The data race RC11 (else C11) finds in `test`, in words, if there is one.
pub fn data_race(test: &Test) -> Option<String> {
    let mut a = crate::model::Analysis::new(test).ok()?;
    [Model::Rc11, Model::C11]
        .into_iter()
        .filter_map(|m| {
            a.verdict(m)
                .ok()?
                .race
                .map(|r| format!("{r} (under {})", m.key()))
        })
        .next()
}

/// What is known of a model's verdict on a test.
enum Judgement {
    /// The model checker's allowed final states.
    Checked {
        allowed_states: BTreeSet<Vec<i64>>,
        target_allowed: bool,
    },
    /// The checker failed (the message); the catalog's expected table judges the target
    /// outcome only.
    Table { target_allowed: bool, why: String },
    /// No verdict (the message says why).
    Unknown(String),
}

impl Judgement {
    fn of(
        test: &Test,
        file: Option<&str>,
        model: Model,
        expected: &dyn Fn(Model) -> Option<bool>,
    ) -> Judgement {
        match crate::model::check(test, model) {
            Ok(v) => Judgement::Checked {
                allowed_states: v.allowed_states,
                target_allowed: v.target_allowed,
            },
            Err(e) => match expected(model) {
                Some(target_allowed) => Judgement::Table {
                    target_allowed,
                    why: located(&e, file),
                },
                None => Judgement::Unknown(located(&e, file)),
            },
        }
    }

    fn target_allowed(&self) -> Option<bool> {
        match self {
            Judgement::Checked { target_allowed, .. } | Judgement::Table { target_allowed, .. } => {
                Some(*target_allowed)
            }
            Judgement::Unknown(_) => None,
        }
    }

    /// Is an observed state forbidden?
    fn forbids(&self, test: &Test, obs: &[crate::litmus::Var], state: &[i64]) -> bool {
        match self {
            Judgement::Checked { allowed_states, .. } => !allowed_states.contains(state),
            Judgement::Table { target_allowed, .. } => {
                !target_allowed && test.is_target(obs, state)
            }
            Judgement::Unknown(_) => false,
        }
    }
}

/// A model error with the file it is about: `FILE:LINE:COL: TEST: message` where the error
/// has a position, `FILE: TEST: message` where it is about the whole test, the error alone
/// where the test has no file.
pub fn located(e: &ModelError, file: Option<&str>) -> String {
    let Some(file) = file else {
        return e.to_string();
    };
    let (test, what, span) = match e {
        ModelError::Unsupported {
            test,
            construct,
            span,
        } => (test, format!("unsupported: {construct}"), span),
        ModelError::TooLarge { test, bound, span } => (
            test,
            format!("too large for the model checker: {bound}"),
            span,
        ),
    };
    match span {
        Some(s) => format!("{file}:{}:{}: {test}: {what}", s.line, s.col),
        None => format!("{file}: {test}: {what}"),
    }
}

/// How many iterations ended in the condition's target outcome.
pub fn observed(test: &Test, hist: &Histogram) -> u64 {
    let obs = test.observables();
    hist.states
        .iter()
        .filter(|(s, _)| test.is_target(&obs, s))
        .map(|(_, c)| c)
        .sum()
}

/// Judge a histogram of `entry` (partial if `hung`) against the platform's model. Where the
/// model checker cannot judge a catalog test, the catalog's expected table judges its target
/// outcome.
pub fn assess(entry: &Entry, platform: Platform, hist: &Histogram, hung: bool) -> Assessment {
    judge(
        entry.test(),
        entry.path(),
        &|m| entry.expected(m),
        platform,
        hist,
        hung,
    )
}

/// [`assess`] for a test of no suite entry (no expected table).
pub fn assess_test(test: &Test, platform: Platform, hist: &Histogram, hung: bool) -> Assessment {
    judge(test, None, &|_| None, platform, hist, hung)
}

fn judge(
    test: &Test,
    file: Option<&str>,
    expected: &dyn Fn(Model) -> Option<bool>,
    platform: Platform,
    hist: &Histogram,
    hung: bool,
) -> Assessment {
    let model = Model::for_platform(platform);
    let observed = observed(test, hist);
    let j = Judgement::of(test, file, model, expected);
    let obs = test.observables();
    let forbidden_states: Vec<Vec<i64>> = hist
        .states
        .iter()
        .filter(|(s, c)| *c > 0 && j.forbids(test, &obs, s))
        .map(|(s, _)| s.clone())
        .collect();
    let allowed = j.target_allowed();
    let allowed_here = match allowed {
        Some(true) => "yes",
        Some(false)
            if platform == Platform::QemuX86
                && observed == 0
                && Judgement::of(test, file, Model::Armv8, expected).target_allowed()
                    == Some(true) =>
        {
            "allowed on ARMv8, not observable here"
        }
        Some(false) => "no",
        None => "unknown",
    };
    let status = if !forbidden_states.is_empty() {
        Status::ForbiddenObserved
    } else if hung {
        Status::Hung
    } else if allowed.is_none() {
        Status::Unchecked
    } else {
        Status::Ok
    };
    let model_error = match j {
        Judgement::Checked { .. } => None,
        Judgement::Table { why, .. } => Some(format!(
            "{why}; verdicts of the target outcome only, from litmus/expected"
        )),
        Judgement::Unknown(why) => Some(why),
    };
    Assessment {
        status,
        model,
        allowed,
        allowed_here: allowed_here.to_string(),
        model_error,
        forbidden_states,
        observed,
        data_race: data_race(test),
    }
}
