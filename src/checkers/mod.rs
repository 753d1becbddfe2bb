//! Which checker finds which bug: every litmus test's thread functions run under loom
//! (exhaustive exploration of C11 executions, within bounds) and shuttle (random and PCT
//! schedules; sequentially consistent), beside what RC11, C11 and SC allow and what this
//! machine's hardware produced, with every difference from RC11 named and explained
//! (`orderlab checkers`).
//!
//! * catalog tests run their generated thread functions (`compiled`: the file `build.rs`
//!   writes, included on loom's and shuttle's atomics);
//! * the map's tests run their litmus description (the protocol the map's code implements)
//!   through the interpreter on loom and shuttle; their hardware column is the map's own
//!   code; the map's real code runs under loom and shuttle in `tests/map_loom.rs` and
//!   `tests/map_shuttle.rs` (`--cfg orderlab_loom`, `--features shuttle`);
//! * any other litmus file runs through the interpreter;
//! * hand-written asm kernels are not Rust: no checker can run them, and they are left out.
//!
//! Plain accesses run as Relaxed atomics everywhere (as on the hardware): loom's race detector
//! sees only its own `UnsafeCell`, so it reports no data race here; a racy test's row says so
//! and counts nothing.

mod compare;
mod compiled;
mod explore;
mod render;
mod weaken;

#[cfg(test)]
mod tests;

pub use compare::{StateRow, Tally};
pub(crate) use explore::{LoomBounds, Scheduler};
pub(crate) use render::{markdown_summary, summary_only, text};

use crate::litmus::Test;
use crate::machine::Platform;
use crate::model::{Analysis, Model};
use crate::run::{Budget, Config};
use crate::suite::{Entry, Source};
use crate::sync::named::{Loom, Shuttle};
use compare::{Hardware, Models, Runs};
use explore::{Explored, Shape, Threads};
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;

/// How hard each checker looks.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Options {
    pub loom: LoomBounds,
    /// Schedules per shuttle scheduler (random, then PCT).
    pub schedules: usize,
    /// PCT's bug depth.
    pub pct_depth: usize,
    /// shuttle's seed.
    pub seed: u64,
    /// Hardware budget per test (`None`: no hardware column).
    pub hardware: Option<Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            loom: LoomBounds {
                preemptions: None,
                executions: 1_000_000,
                time: Duration::from_secs(60),
            },
            schedules: 1000,
            pct_depth: 3,
            seed: 0,
            hardware: Some(Duration::from_millis(300)),
        }
    }
}

impl Options {
    /// CI's small bounds: loom with at most 2 preemptions and 20,000 executions per test,
    /// 200 schedules per shuttle scheduler, 100 ms of hardware per test.
    pub fn quick() -> Self {
        Options {
            loom: LoomBounds {
                preemptions: Some(2),
                executions: 20_000,
                time: Duration::from_secs(10),
            },
            schedules: 200,
            hardware: Some(Duration::from_millis(100)),
            ..Options::default()
        }
    }

    pub(crate) fn loom_words(&self) -> String {
        format!(
            "{}, at most {} executions and {} s",
            self.loom
                .preemptions
                .map_or("no preemption bound".to_string(), |p| format!(
                    "preemption bound {p}"
                )),
            self.loom.executions,
            self.loom.time.as_secs()
        )
    }
}

/// One checker's run on a test.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckerRun {
    /// `loom`, `shuttle (random)`, `shuttle (PCT depth 3)`, `hardware`.
    pub checker: String,
    /// Executions (loom), schedules (shuttle) or iterations (hardware).
    pub executions: u64,
    /// loom: every execution within its preemption bound was explored.
    pub complete: bool,
    pub error: Option<String>,
    pub elapsed_ms: u64,
    /// It produced the condition's target outcome.
    pub target_produced: bool,
}

/// One test's row of the table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub test: String,
    /// `catalog`, `map` or `interpreted`.
    pub source: String,
    /// How loom and shuttle ran it: `generated code` or `interpreter (litmus description)`.
    pub ran: String,
    pub observables: Vec<String>,
    pub condition: String,
    /// Whether RC11 allows the condition's target.
    pub rc11_target: bool,
    /// RC11's data race, when there is one (then the row counts nothing).
    pub race: Option<String>,
    /// Why the row has no checker results (a model bound), when it has none.
    pub error: Option<String>,
    pub runs: Vec<CheckerRun>,
    pub states: Vec<StateRow>,
}

/// A whole run: the rows, the summary and the settings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub rows: Vec<Row>,
    pub summary: Vec<Tally>,
    /// The settings in words.
    pub settings: Vec<String>,
    /// The hardware the hardware column came from.
    pub platform: Option<String>,
    /// Tests left out, and why.
    pub left_out: Vec<String>,
}

/// How loom and shuttle run a test.
enum Program {
    Compiled(compiled::Run<LoomInt>, compiled::Run<ShuttleInt>),
    Interpreted(Arc<Vec<Vec<crate::suite::IOp>>>),
}

type LoomInt = crate::sync::named::loom::atomic::AtomicI32;
type ShuttleInt = crate::sync::named::shuttle::atomic::AtomicI32;

impl Program {
    fn of(e: &Entry) -> Result<Program, String> {
        let name = &e.test().name;
        match e.source() {
            Source::Catalog => {
                let l = compiled::find(compiled::on_loom::RUN, name);
                let s = compiled::find(compiled::on_shuttle::RUN, name);
                match (l, s) {
                    (Some(l), Some(s)) => Ok(Program::Compiled(l, s)),
                    _ => Err(format!("{name}: not in the compiled catalog")),
                }
            }
            Source::Map | Source::Interpreted => {
                Ok(Program::Interpreted(Arc::new(crate::suite::programs(e)?)))
            }
            Source::AsmKernel => Err(format!(
                "{name}: a hand-written asm kernel is not Rust code; no checker can run it"
            )),
        }
    }

    fn ran(&self) -> &'static str {
        match self {
            Program::Compiled(..) => "generated code",
            Program::Interpreted(_) => "interpreter (litmus description)",
        }
    }

    fn nregs(test: &Test) -> Vec<usize> {
        test.threads.iter().map(|t| t.registers().len()).collect()
    }

    fn on_loom(&self, test: &Test) -> Threads<LoomInt> {
        match self {
            Program::Compiled(f, _) => compiled_threads(*f),
            Program::Interpreted(p) => interpreted_threads::<Loom>(p.clone(), Self::nregs(test)),
        }
    }

    fn on_shuttle(&self, test: &Test) -> Threads<ShuttleInt> {
        match self {
            Program::Compiled(_, f) => compiled_threads(*f),
            Program::Interpreted(p) => interpreted_threads::<Shuttle>(p.clone(), Self::nregs(test)),
        }
    }
}

fn compiled_threads<I: 'static>(f: compiled::Run<I>) -> Threads<I> {
    Arc::new(move |t, locs| {
        let mut out = Vec::new();
        f(t, locs, &mut |r| out = r.to_vec());
        out
    })
}

fn interpreted_threads<B: crate::sync::named::Backend + 'static>(
    progs: Arc<Vec<Vec<crate::suite::IOp>>>,
    nregs: Vec<usize>,
) -> Threads<B::Int>
where
    B::Int: 'static,
{
    Arc::new(move |t, locs: &[&B::Int]| {
        crate::suite::execute::<B, _>(&progs[t], locs)[..nregs[t]].to_vec()
    })
}

/// The states of `model` for `test`.
fn allowed(
    a: &mut Analysis<'_>,
    model: Model,
) -> Result<std::collections::BTreeSet<Vec<i64>>, String> {
    a.verdict(model)
        .map(|v| v.allowed_states)
        .map_err(|e| e.to_string())
}

/// Check one entry. `platform`: this machine's, for the hardware column.
pub(crate) fn check(e: &Entry, o: &Options, platform: Option<Platform>) -> Result<Row, String> {
    let test = e.test().clone();
    let program = Program::of(e)?;
    let observables: Vec<String> = test.observables().iter().map(|v| v.to_string()).collect();
    let condition = crate::litmus::print(&test)
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim()
        .to_string();
    let mut row = Row {
        test: test.name.clone(),
        source: e.source().key().into(),
        ran: program.ran().into(),
        observables,
        condition,
        rc11_target: false,
        race: None,
        error: None,
        runs: Vec::new(),
        states: Vec::new(),
    };
    // The models.
    let mut models = Models::default();
    let modelled = (|| -> Result<Option<String>, String> {
        let mut a = Analysis::new(&test).map_err(|e| e.to_string())?;
        let rc11 = a.verdict(Model::Rc11).map_err(|e| e.to_string())?;
        row.rc11_target = rc11.target_allowed;
        models.rc11 = rc11.allowed_states;
        models.c11 = allowed(&mut a, Model::C11)?;
        models.sc = allowed(&mut a, Model::Sc)?;
        for st in models.c11.difference(&models.rc11) {
            let axioms = a
                .axioms_forbidding(Model::Rc11, st)
                .map_err(|e| e.to_string())?;
            models
                .rc11_forbids
                .insert(st.clone(), axioms.iter().map(|x| x.to_string()).collect());
        }
        if let Some(p) = platform {
            let m = Model::for_platform(p);
            models.platform = Some((m.title().to_string(), allowed(&mut a, m)?));
        }
        models.rc11_as_loom = if weaken::loom_differs(&test) {
            let w = weaken::as_loom_runs_it(&test);
            let mut aw = Analysis::new(&w).map_err(|e| e.to_string())?;
            allowed(&mut aw, Model::Rc11)?
        } else {
            models.rc11.clone()
        };
        Ok(rc11.race.map(|r| r.to_string()))
    })();
    match modelled {
        Ok(race) => row.race = race,
        Err(err) => {
            row.error = Some(err);
            return Ok(row);
        }
    }
    // The checkers.
    let shape = Shape {
        threads: test.threads.len(),
        init: test
            .locations_all()
            .iter()
            .map(|l| crate::litmus::check::value(test.init_value(l)))
            .collect::<Result<_, _>>()
            .map_err(|m| format!("{}: {m}", test.name))?,
        slots: crate::run::layout::slots(&test)?,
    };
    let loom = explore::loom(&shape, program.on_loom(&test), o.loom, 0);
    // loom's exploration depends on which thread spawns the others (tokio-rs/loom#392): when
    // it missed an outcome RC11 allows, explore again with each other thread on loom's main
    // thread, to tell that bug from an unexplained miss.
    let mut elsewhere = std::collections::BTreeSet::new();
    let missed = models
        .rc11
        .iter()
        .any(|s| models.rc11_as_loom.contains(s) && !loom.states.contains(s));
    if missed && row.race.is_none() {
        for main in 1..shape.threads {
            let again = explore::loom(&shape, program.on_loom(&test), o.loom, main);
            elsewhere.extend(again.states);
        }
    }
    let random = explore::shuttle(
        &shape,
        program.on_shuttle(&test),
        Scheduler::Random,
        o.schedules,
        o.seed,
    );
    let pct = explore::shuttle(
        &shape,
        program.on_shuttle(&test),
        Scheduler::Pct(o.pct_depth),
        o.schedules,
        o.seed,
    );
    let hardware = match (o.hardware, platform) {
        (Some(t), Some(p)) => Some(hardware(e, t, p)?),
        _ => None,
    };
    let obs = test.observables();
    let is_target = |s: &[i64]| test.is_target(&obs, s);
    let runs = Runs {
        loom: &loom,
        loom_elsewhere: &elsewhere,
        shuttle: &[&random, &pct],
        hardware: hardware.as_ref(),
        loom_bounds: o.loom_words(),
        racy: row.race.is_some(),
    };
    row.states = compare::states(&is_target, &models, &runs);
    let target = |ex: &Explored| ex.states.iter().any(|s| is_target(s));
    let run = |name: String, ex: &Explored| CheckerRun {
        checker: name,
        executions: ex.executions as u64,
        complete: ex.complete,
        error: ex.error.clone(),
        elapsed_ms: ex.elapsed.as_millis() as u64,
        target_produced: target(ex),
    };
    row.runs.push(run("loom".into(), &loom));
    row.runs.push(run("shuttle (random)".into(), &random));
    row.runs
        .push(run(format!("shuttle (PCT depth {})", o.pct_depth), &pct));
    if let Some(h) = &hardware {
        row.runs.push(CheckerRun {
            checker: "hardware".into(),
            executions: h.iterations,
            complete: false,
            error: None,
            elapsed_ms: o.hardware.map_or(0, |d| d.as_millis() as u64),
            target_produced: h.states.iter().any(|(s, n)| *n > 0 && is_target(s)),
        });
    }
    Ok(row)
}

/// Run `e` on this machine for `t`.
fn hardware(e: &Entry, t: Duration, p: Platform) -> Result<Hardware, String> {
    let cfg = Config {
        budget: Budget::Time(t),
        ..Config::default()
    };
    let run = crate::run::run(e.runnable(), &cfg).map_err(|x| x.0)?;
    Ok(Hardware {
        platform: format!("{} [{}]", p.describe(), p.key()),
        states: run.histogram.states,
        iterations: run.iterations,
    })
}

/// A row as the report pages show it (`orderlab report --checkers`): the models and loom and
/// shuttle, without the hardware (the report has its own runs).
pub(crate) fn for_report(row: &Row, o: &Options) -> crate::report::CheckerTable {
    let states = row
        .states
        .iter()
        .map(|x| {
            let named: std::collections::BTreeMap<String, i64> = row
                .observables
                .iter()
                .cloned()
                .zip(x.state.iter().copied())
                .collect();
            crate::report::CheckerState {
                state: crate::report::state_str(&named),
                target: x.target,
                rc11: x.rc11,
                loom: x.loom,
                shuttle: x.shuttle,
                reasons: x
                    .differences
                    .iter()
                    .filter(|d| d.checker != "hardware")
                    .map(|d| d.reason.clone())
                    .collect(),
            }
        })
        .collect();
    let note = match (&row.race, &row.error) {
        (_, Some(e)) => Some(format!("No checkers' table: {e}")),
        (Some(r), _) => Some(format!(
            "RC11: {r}. Undefined behaviour: the language gives this test no outcome, so no \
             state is a difference (loom and shuttle ran its plain accesses as Relaxed atomics)."
        )),
        _ => None,
    };
    crate::report::CheckerTable {
        settings: format!(
            "loom and shuttle ran the {} ({}; shuttle: {} random and {} PCT schedules). \
             loom treats SeqCst accesses as AcqRel and never produces load buffering; shuttle \
             is sequentially consistent.",
            row.ran,
            o.loom_words(),
            o.schedules,
            o.schedules
        ),
        note,
        states,
    }
}

/// Check every entry; `progress` hears each test's name before it runs.
pub(crate) fn report(
    entries: &[Entry],
    o: &Options,
    mut progress: impl FnMut(&str),
) -> Result<Report, String> {
    let platform = match o.hardware {
        Some(_) => Some(Platform::detect()?),
        None => None,
    };
    let mut rows = Vec::new();
    let mut left_out = Vec::new();
    for e in entries {
        progress(&e.test().name);
        match Program::of(e) {
            Err(why) => left_out.push(why),
            Ok(_) => rows.push(check(e, o, platform)?),
        }
    }
    let mut summary: Vec<Tally> = compare::CHECKERS
        .iter()
        .filter(|c| **c != "hardware" || platform.is_some())
        .map(|c| Tally {
            checker: c.to_string(),
            ..Tally::default()
        })
        .collect();
    for r in rows
        .iter()
        .filter(|r| r.race.is_none() && r.error.is_none())
    {
        for t in &mut summary {
            compare::tally(t, &r.states);
        }
    }
    let mut settings = vec![
        format!("loom 0.7: {}", o.loom_words()),
        format!(
            "shuttle 0.8: {} random and {} PCT (depth {}) schedules, seed {}",
            o.schedules, o.schedules, o.pct_depth, o.seed
        ),
    ];
    if let Some(t) = o.hardware {
        settings.push(format!("hardware: {} ms per test", t.as_millis()));
    }
    Ok(Report {
        rows,
        summary,
        settings,
        platform: platform.map(|p| format!("{} [{}]", p.describe(), p.key())),
        left_out,
    })
}
