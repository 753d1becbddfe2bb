//! `orderlab checkers [TESTS|FILES|DIRS]`: which checker finds which bug. Per test, the final
//! states RC11, C11 and SC allow, those loom and shuttle produce running the test's thread
//! functions, and those this machine's hardware produced, with every difference from RC11
//! named; then the summary over all tests (`crate::checkers`).

use super::check::{resolve_tests, write_atomically};
use super::{errln, exit, out, outln, CliError};
use crate::checkers::{self, LoomBounds, Options};
use crate::suite::Source;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Test names, litmus files or directories (default: the catalog and the map's tests).
    pub tests: Vec<String>,
    /// CI's small bounds: loom with preemption bound 2 and at most 20,000 executions per
    /// test, 200 schedules per shuttle scheduler, 100 ms of hardware per test.
    #[arg(long)]
    pub quick: bool,
    /// loom's preemption bound (default: none, or 2 with --quick).
    #[arg(long, value_name = "N")]
    pub preemptions: Option<usize>,
    /// Schedules per shuttle scheduler (random, PCT) [default: 1000, 200 with --quick].
    #[arg(long, value_name = "N")]
    pub schedules: Option<usize>,
    /// shuttle's seed [default: 0].
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Hardware run per test in ms [default: 300, 100 with --quick].
    #[arg(long, value_name = "MS", conflicts_with = "no_hardware")]
    pub hardware_ms: Option<u64>,
    /// No hardware column (the models and the checkers only).
    #[arg(long)]
    pub no_hardware: bool,
    /// Print only the summary, not each test's table.
    #[arg(long)]
    pub summary: bool,
    /// Write every row (states, runs, differences) and the summary as JSON.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write the summary table as Markdown.
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
}

impl Args {
    fn options(&self) -> Options {
        let mut o = if self.quick {
            Options::quick()
        } else {
            Options::default()
        };
        if let Some(p) = self.preemptions {
            o.loom = LoomBounds {
                preemptions: Some(p),
                ..o.loom
            };
        }
        if let Some(n) = self.schedules {
            o.schedules = n;
        }
        if let Some(s) = self.seed {
            o.seed = s;
        }
        if let Some(ms) = self.hardware_ms {
            o.hardware = Some(Duration::from_millis(ms));
        }
        if self.no_hardware {
            o.hardware = None;
        }
        o
    }
}

/// Exit codes: 0; 6 when a difference from RC11 is not explained by a documented checker
/// limitation, a bound or the platform (upstream-worthy); else 4 when a test exceeds the model
/// checker's bounds (its row says so); 2 for bad input.
pub fn main(args: Args) -> Result<u8, CliError> {
    let o = args.options();
    if o.schedules == 0 {
        return Err(CliError::bad_input("--schedules must be at least 1"));
    }
    let mut tests = resolve_tests(&args.tests)?;
    if args.tests.is_empty() {
        // The default selection: every test that is Rust code.
        tests.retain(|e| e.source() != Source::AsmKernel);
    }
    if tests.is_empty() {
        return Err(CliError::bad_input("no tests selected"));
    }
    let n = tests.len();
    let tty = std::io::stderr().is_terminal();
    let mut k = 0;
    let report = checkers::report(&tests, &o, |name| {
        k += 1;
        if tty {
            errln!("checking {name} ({k}/{n})");
        }
    })
    .map_err(CliError::bad_input)?;
    if args.summary {
        out!("{}", checkers::summary_only(&report));
    } else {
        out!("{}", checkers::text(&report));
    }
    if let Some(p) = &args.json {
        let j = serde_json::to_vec_pretty(&report)
            .map_err(|e| CliError::bad_input(format!("cannot serialize: {e}")))?;
        write_atomically(p, &j)?;
    }
    if let Some(p) = &args.markdown {
        write_atomically(p, checkers::markdown_summary(&report).as_bytes())?;
    }
    let unexplained: usize = report.summary.iter().map(|t| t.unexplained).sum();
    if unexplained > 0 {
        outln!("{unexplained} difference(s) no documented limitation explains: see [UNEXPLAINED] above");
        return Ok(exit::UNEXPLAINED);
    }
    let unchecked: Vec<&str> = report
        .rows
        .iter()
        .filter_map(|r| r.error.as_deref())
        .collect();
    for e in &unchecked {
        errln!("orderlab: no verdict: {e}");
    }
    Ok(if unchecked.is_empty() {
        exit::OK
    } else {
        exit::NO_VERDICT
    })
}
