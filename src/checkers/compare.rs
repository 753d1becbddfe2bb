//! Every final state of a test, what each model and checker says of it, and each difference
//! from RC11 named with its reason (a documented checker limitation, a bound, or none: then
//! it is upstream-worthy).

use super::explore::Explored;
use serde::Serialize;
use std::collections::BTreeSet;

/// The checkers, in table order.
pub(crate) const CHECKERS: [&str; 3] = ["loom", "shuttle", "hardware"];

/// What the models say of a test's final states.
#[derive(Clone, Debug, Default)]
pub(crate) struct Models {
    pub rc11: BTreeSet<Vec<i64>>,
    pub c11: BTreeSet<Vec<i64>>,
    pub sc: BTreeSet<Vec<i64>>,
    /// RC11 on the test as loom runs it (`weaken::as_loom_runs_it`).
    pub rc11_as_loom: BTreeSet<Vec<i64>>,
    /// The model of this machine's platform, and its allowed states.
    pub platform: Option<(String, BTreeSet<Vec<i64>>)>,
    /// Per state C11 allows and RC11 forbids: the RC11 axioms that forbid it.
    pub rc11_forbids: std::collections::BTreeMap<Vec<i64>, Vec<String>>,
}

/// What the hardware produced.
#[derive(Clone, Debug, Default)]
pub(crate) struct Hardware {
    /// The platform, in words (`x86_64 (x86-TSO)`).
    pub platform: String,
    pub states: Vec<(Vec<i64>, u64)>,
    pub iterations: u64,
}

/// One difference from RC11 (or, for load buffering, from C11), and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// `loom`, `shuttle` or `hardware`.
    pub checker: String,
    /// `misses` (RC11 allows it, the checker never produced it), `over-reports` (the checker
    /// produced it, RC11 forbids it) or `misses C11` (only C11 allows it: not a difference
    /// from RC11).
    pub kind: String,
    pub reason: String,
    /// A documented limitation, a bound, or the platform explains it; false: upstream-worthy.
    pub explained: bool,
}

/// One final state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StateRow {
    pub state: Vec<i64>,
    /// The condition's target outcome.
    pub target: bool,
    pub sc: bool,
    pub rc11: bool,
    pub c11: bool,
    /// This machine's platform model allows it (absent without a hardware run).
    pub platform: Option<bool>,
    pub loom: bool,
    /// Either shuttle scheduler produced it.
    pub shuttle: bool,
    /// How often the hardware produced it (absent without a hardware run).
    pub hardware: Option<u64>,
    pub differences: Vec<Difference>,
}

impl StateRow {
    /// A weak outcome: the language (RC11) allows it, sequential consistency does not.
    pub fn weak(&self) -> bool {
        self.rc11 && !self.sc
    }
    /// Whether `checker` produced this state.
    pub fn produced_by(&self, checker: &str) -> Option<bool> {
        match checker {
            "loom" => Some(self.loom),
            "shuttle" => Some(self.shuttle),
            _ => self.hardware.map(|n| n > 0),
        }
    }
}

/// The checkers' runs, as the comparison needs them.
pub(crate) struct Runs<'a> {
    pub loom: &'a Explored,
    /// The states loom produced with another thread on its main thread (explored only when
    /// it missed an outcome RC11 allows).
    pub loom_elsewhere: &'a BTreeSet<Vec<i64>>,
    pub shuttle: &'a [&'a Explored],
    pub hardware: Option<&'a Hardware>,
    /// The loom bounds in words (`preemption bound 3, at most 100000 executions, 20 s`).
    pub loom_bounds: String,
    /// Whether the test has a data race (then nothing is a difference: the language gives
    /// it no meaning).
    pub racy: bool,
}

/// Every state any model allows or any checker produced, with its differences.
pub(crate) fn states(
    is_target: &dyn Fn(&[i64]) -> bool,
    m: &Models,
    r: &Runs<'_>,
) -> Vec<StateRow> {
    let shuttle: BTreeSet<Vec<i64>> = r
        .shuttle
        .iter()
        .flat_map(|e| e.states.iter().cloned())
        .collect();
    let hw: Vec<(Vec<i64>, u64)> = r.hardware.map(|h| h.states.clone()).unwrap_or_default();
    let mut all: BTreeSet<Vec<i64>> = BTreeSet::new();
    all.extend(m.rc11.iter().cloned());
    all.extend(m.c11.iter().cloned());
    all.extend(r.loom.states.iter().cloned());
    all.extend(shuttle.iter().cloned());
    all.extend(hw.iter().map(|(s, _)| s.clone()));
    let schedules: usize = r.shuttle.iter().map(|e| e.executions).sum();
    all.into_iter()
        .map(|s| {
            let mut row = StateRow {
                target: is_target(&s),
                sc: m.sc.contains(&s),
                rc11: m.rc11.contains(&s),
                c11: m.c11.contains(&s),
                platform: r
                    .hardware
                    .and(m.platform.as_ref())
                    .map(|(_, p)| p.contains(&s)),
                loom: r.loom.states.contains(&s),
                shuttle: shuttle.contains(&s),
                hardware: r
                    .hardware
                    .map(|_| hw.iter().find(|(x, _)| *x == s).map_or(0, |(_, n)| *n)),
                differences: Vec::new(),
                state: s.clone(),
            };
            if !r.racy {
                row.differences = differences(&row, m, r, schedules);
            }
            row
        })
        .collect()
}

fn diff(checker: &str, kind: &str, reason: String, explained: bool) -> Difference {
    Difference {
        checker: checker.into(),
        kind: kind.into(),
        reason,
        explained,
    }
}

fn differences(row: &StateRow, m: &Models, r: &Runs<'_>, schedules: usize) -> Vec<Difference> {
    let mut v = Vec::new();
    let s = &row.state;
    // loom.
    let as_loom = m.rc11_as_loom.contains(s);
    match (row.rc11, row.loom) {
        (false, true) if as_loom => v.push(diff(
            "loom",
            "over-reports",
            "loom produces this outcome that RC11 forbids (SeqCst treated as AcqRel)".into(),
            true,
        )),
        (false, true) => v.push(diff(
            "loom",
            "over-reports",
            "loom produces this outcome that RC11 forbids, and treating SeqCst as AcqRel does \
             not explain it: upstream-worthy"
                .into(),
            false,
        )),
        (true, false) if !as_loom => v.push(diff(
            "loom",
            "misses",
            "loom cannot produce this RC11-allowed outcome (its compare_exchange_weak never \
             fails spuriously)"
                .into(),
            true,
        )),
        (true, false) if r.loom_elsewhere.contains(s) => v.push(diff(
            "loom",
            "misses",
            "loom never produced this RC11-allowed outcome with P0 spawning the other threads, \
             but did with another thread spawning them: loom's exploration depends on which \
             thread spawns the others (tokio-rs/loom#392: a freshly spawned thread that starts \
             with an atomic load is not explored)"
                .into(),
            true,
        )),
        (true, false) if !r.loom.complete => v.push(diff(
            "loom",
            "misses",
            format!(
                "loom did not reach this RC11-allowed outcome within its bounds ({}{})",
                r.loom_bounds,
                r.loom
                    .error
                    .as_ref()
                    .map(|e| format!("; it stopped: {e}"))
                    .unwrap_or_default()
            ),
            true,
        )),
        (true, false) => v.push(diff(
            "loom",
            "misses",
            "loom explored every execution and never produced this RC11-allowed outcome, which \
             no documented limitation explains: upstream-worthy"
                .into(),
            false,
        )),
        _ => {}
    }
    if row.c11 && !row.rc11 && !row.loom {
        let axioms = m.rc11_forbids.get(s).cloned().unwrap_or_default();
        let what = if axioms == ["no-thin-air"] {
            "loom cannot produce this C11-allowed outcome (load buffering); RC11 forbids it too \
             (its no-thin-air axiom)"
                .to_string()
        } else {
            format!(
                "loom does not produce this outcome, which C11 (herd7's c11_partialSC) allows \
                 and RC11 forbids (its {} axiom)",
                axioms.join(", ")
            )
        };
        v.push(diff("loom", "misses C11", what, true));
    }
    // shuttle.
    match (row.rc11, row.shuttle) {
        (true, false) if !row.sc => v.push(diff(
            "shuttle",
            "misses",
            "shuttle explores only sequentially consistent executions".into(),
            true,
        )),
        (true, false) => v.push(diff(
            "shuttle",
            "misses",
            format!("shuttle did not reach this interleaving in {schedules} schedules"),
            true,
        )),
        (false, true) => v.push(diff(
            "shuttle",
            "over-reports",
            "shuttle produced an outcome RC11 forbids: upstream-worthy".into(),
            false,
        )),
        _ => {}
    }
    // The hardware.
    if let (Some(h), Some(n)) = (r.hardware, row.hardware) {
        let platform = m.platform.as_ref().map_or("the platform model", |(p, _)| p);
        match (row.rc11, n > 0, row.platform) {
            (true, false, Some(false)) => v.push(diff(
                "hardware",
                "misses",
                format!(
                    "{platform} forbids it: this machine ({}) cannot show it",
                    h.platform
                ),
                true,
            )),
            (true, false, _) => v.push(diff(
                "hardware",
                "misses",
                format!(
                    "not observed in {} iterations on {} ({platform} allows it): not observed \
                     is not forbidden",
                    h.iterations, h.platform
                ),
                true,
            )),
            (false, true, _) => v.push(diff(
                "hardware",
                "over-reports",
                format!("{} produced an outcome RC11 forbids", h.platform),
                false,
            )),
            _ => {}
        }
    }
    v
}

/// One checker's counts over many tests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub checker: String,
    /// Tests it ran on (racy tests and tests it could not run are left out).
    pub tests: usize,
    /// Weak outcomes (RC11 allows, SC does not) it produced.
    pub finds: usize,
    /// Weak outcomes it never produced.
    pub misses: usize,
    /// Outcomes it produced that RC11 forbids.
    pub over_reports: usize,
    /// Outcomes only C11 allows (load buffering; herd7's weaker SeqCst fences) that it
    /// produced, of how many.
    pub c11_only_found: usize,
    pub c11_only: usize,
    /// Tests whose condition it decides as RC11 does (target produced iff RC11 allows it).
    pub agrees_on_condition: usize,
    /// Differences no documented limitation, bound or platform explains.
    pub unexplained: usize,
}

/// Add one test's rows to `t` (the test must not be racy).
pub(crate) fn tally(t: &mut Tally, rows: &[StateRow]) {
    let c = t.checker.clone();
    if rows.iter().any(|r| r.produced_by(&c).is_none()) {
        return;
    }
    t.tests += 1;
    let produced = |r: &StateRow| r.produced_by(&c) == Some(true);
    t.finds += rows.iter().filter(|r| r.weak() && produced(r)).count();
    t.misses += rows.iter().filter(|r| r.weak() && !produced(r)).count();
    t.over_reports += rows.iter().filter(|r| !r.rc11 && produced(r)).count();
    t.c11_only += rows.iter().filter(|r| r.c11 && !r.rc11).count();
    t.c11_only_found += rows
        .iter()
        .filter(|r| r.c11 && !r.rc11 && produced(r))
        .count();
    let target_rc11 = rows.iter().any(|r| r.target && r.rc11);
    let target_produced = rows.iter().any(|r| r.target && produced(r));
    t.agrees_on_condition += usize::from(target_rc11 == target_produced);
    t.unexplained += rows
        .iter()
        .flat_map(|r| &r.differences)
        .filter(|d| d.checker == c && !d.explained)
        .count();
}
