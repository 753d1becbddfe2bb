//! Verdicts: what a platform's model allows, compared with what was observed.
//!
//! Every lookup of a model goes through [`model_verdict`].

use super::harness::Histogram;
use super::platform::Platform;
use crate::litmus::expected::{parse_expected, ExpectedRow, EXPECTED};
use crate::litmus::Test;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// What a model says about a test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelVerdict {
    /// Final states the model allows, aligned with `Test::observables()`.
    pub allowed_states: BTreeSet<Vec<i64>>,
    /// Whether the condition's target outcome is allowed.
    pub target_allowed: bool,
}

/// The one place the runner asks a model (`model` is a key: `x86-tso`, `armv8`, ...): the
/// model checker, `crate::model::check`.
pub fn model_verdict(test: &Test, model: &str) -> Result<ModelVerdict, String> {
    let m = crate::model::Model::from_key(model).ok_or_else(|| format!("unknown model {model}"))?;
    let v = crate::model::check(test, m).map_err(|e| e.to_string())?;
    Ok(ModelVerdict {
        allowed_states: v.allowed_states,
        target_allowed: v.target_allowed,
    })
}

/// The runner's status for one test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every observed final state is allowed on this platform.
    Ok,
    /// A final state the platform's model forbids was observed.
    ForbiddenObserved,
    /// The watchdog stopped the test.
    Hung,
    /// No model verdict was available; nothing was checked.
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

    /// Process exit code contribution.
    pub fn exit_code(self) -> u8 {
        match self {
            Status::Ok | Status::Unchecked => crate::exit::OK,
            Status::ForbiddenObserved => crate::exit::FORBIDDEN_OBSERVED,
            Status::Hung => crate::exit::HUNG,
        }
    }
}

/// A run judged against its platform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub status: Status,
    /// Is the target outcome allowed on this platform? None when unknown.
    pub allowed: Option<bool>,
    /// The "allowed here?" column: `yes`, `no`, `allowed on ARMv8, not observable here`, or
    /// `unknown`.
    pub allowed_here: String,
    /// Why the verdict is unknown, when it is.
    pub model_error: Option<String>,
    /// Observed states the platform forbids.
    pub forbidden_states: Vec<Vec<i64>>,
    /// Observed states that satisfy the target (the `observed` count).
    pub observed: u64,
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

/// Judge a histogram (possibly partial if `hung`) against the platform's model.
pub fn assess(test: &Test, platform: Platform, hist: &Histogram, hung: bool) -> Assessment {
    let observed = observed(test, hist);
    match model_verdict(test, platform.model()) {
        Ok(v) => {
            let forbidden_states: Vec<Vec<i64>> = hist
                .states
                .iter()
                .filter(|(s, c)| *c > 0 && !v.allowed_states.contains(s))
                .map(|(s, _)| s.clone())
                .collect();
            let allowed_here = if v.target_allowed {
                "yes".to_string()
            } else if platform == Platform::QemuX86
                && observed == 0
                && model_verdict(test, Platform::Armv8.model()).is_ok_and(|a| a.target_allowed)
            {
                "allowed on ARMv8, not observable here".to_string()
            } else {
                "no".to_string()
            };
            let status = if !forbidden_states.is_empty() {
                Status::ForbiddenObserved
            } else if hung {
                Status::Hung
            } else {
                Status::Ok
            };
            Assessment {
                status,
                allowed: Some(v.target_allowed),
                allowed_here,
                model_error: None,
                forbidden_states,
                observed,
            }
        }
        Err(e) => match expected_target(&test.name, platform.model()) {
            // Fallback: the catalog's expected table judges the target outcome only.
            Some(target_allowed) => {
                let forbidden_states: Vec<Vec<i64>> = if target_allowed {
                    Vec::new()
                } else {
                    let obs = test.observables();
                    hist.states
                        .iter()
                        .filter(|(s, c)| *c > 0 && test.is_target(&obs, s))
                        .map(|(s, _)| s.clone())
                        .collect()
                };
                let allowed_here = if target_allowed {
                    "yes"
                } else if platform == Platform::QemuX86
                    && observed == 0
                    && expected_target(&test.name, Platform::Armv8.model()) == Some(true)
                {
                    "allowed on ARMv8, not observable here"
                } else {
                    "no"
                };
                Assessment {
                    status: if !forbidden_states.is_empty() {
                        Status::ForbiddenObserved
                    } else if hung {
                        Status::Hung
                    } else {
                        Status::Ok
                    },
                    allowed: Some(target_allowed),
                    allowed_here: allowed_here.to_string(),
                    model_error: Some(format!(
                        "{e}; verdicts of the target outcome only, from litmus/expected"
                    )),
                    forbidden_states,
                    observed,
                }
            }
            None => Assessment {
                status: if hung {
                    Status::Hung
                } else {
                    Status::Unchecked
                },
                allowed: None,
                allowed_here: "unknown".to_string(),
                model_error: Some(e),
                forbidden_states: Vec::new(),
                observed,
            },
        },
    }
}

/// The catalog's expected verdict (litmus/expected) of a test's target outcome under a model.
pub fn expected_target(name: &str, model: &str) -> Option<bool> {
    static ROWS: OnceLock<Vec<ExpectedRow>> = OnceLock::new();
    ROWS.get_or_init(|| parse_expected(EXPECTED).unwrap_or_default())
        .iter()
        .find(|r| r.test == name)?
        .allowed(model)
}
