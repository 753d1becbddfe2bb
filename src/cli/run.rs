//! `orderlab run [TEST|FILE|DIR|GLOB ...]`: run tests on this machine and judge what happened
//! against what the platform's model allows.

use super::{exit, status_code, CliError};
use crate::machine::{load_average, Platform};
use crate::report::{text, RunReport, TestResult};
use crate::run::{Budget, Config};
use crate::verdict::{self, Status};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

/// Total time the default run (the whole catalog) aims for.
pub const DEFAULT_TOTAL_S: f64 = 25.0;

#[derive(clap::Args, Debug, Default, Clone)]
pub struct Args {
    /// Tests: names (`SB+rlx`), name globs (`'SB+*'`), litmus files (a file outside the
    /// catalog runs on the interpreter), directories, path globs. Default: every test.
    pub tests: Vec<String>,
    /// Iterations per test.
    #[arg(long, short = 'n', conflicts_with = "time")]
    pub iterations: Option<u64>,
    /// Seconds per test (default: about 25 s in total for the whole selection, at most 1 s
    /// per test).
    #[arg(long, short = 't')]
    pub time: Option<f64>,
    /// Also write the results as JSON to this file (written to a temporary file, then renamed).
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Print litmus7-style histogram blocks for every test (default: when running at most 4).
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Instances per round.
    #[arg(long)]
    pub instances: Option<usize>,
    /// Stop a test and report it HUNG when no round completes for this many seconds
    /// [default: 10].
    #[arg(long)]
    pub watchdog: Option<f64>,
}

/// Parse a positive number of seconds.
fn seconds(v: f64, what: &str) -> Result<Duration, CliError> {
    if v.is_finite() && v > 0.0 && v < 1e7 {
        Ok(Duration::from_secs_f64(v))
    } else {
        Err(CliError::bad_input(format!(
            "{what} must be a positive number of seconds, not {v}"
        )))
    }
}

pub fn main(args: Args) -> Result<u8, CliError> {
    let platform = Platform::detect().map_err(CliError::bad_input)?;
    let tests = crate::suite::select(&args.tests).map_err(CliError::bad_input)?;
    if tests.is_empty() {
        return Err(CliError::bad_input("no tests selected"));
    }
    let budget = match (args.iterations, args.time) {
        (Some(0), _) => return Err(CliError::bad_input("--iterations must be at least 1")),
        (Some(n), _) => Budget::Iterations(n),
        (None, Some(t)) => Budget::Time(seconds(t, "--time")?),
        (None, None) => Budget::Time(Duration::from_secs_f64(
            (DEFAULT_TOTAL_S / tests.len() as f64).clamp(0.05, 1.0),
        )),
    };
    let mut cfg = Config {
        budget,
        ..Config::default()
    };
    if let Some(n) = args.instances {
        if n == 0 {
            return Err(CliError::bad_input("--instances must be at least 1"));
        }
        cfg.instances = n;
    }
    if let Some(w) = args.watchdog {
        cfg.watchdog = seconds(w, "--watchdog")?;
    }

    let mut rep = RunReport::new(platform, load_average());
    println!(
        "orderlab run: platform {} ({}), {} cpus, load {}, sync {}",
        rep.platform,
        rep.platform_description,
        rep.host.cpus,
        text::load_str(rep.host.load_before),
        cfg.sync.name()
    );
    let verbose = args.verbose || tests.len() <= 4;
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(tests.len() as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {msg}")
        {
            b.set_style(style);
        }
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut code = exit::OK;
    let mut model_note = None;
    for entry in &tests {
        let test = entry.test();
        bar.set_message(test.name.clone());
        let run = crate::run::run(entry.runnable(), &cfg).map_err(|e| CliError::bad_input(e.0))?;
        let a = verdict::assess(entry, platform, &run.histogram, run.hung);
        let r = TestResult::new(entry, &run, &a);
        if verbose {
            bar.suspend(|| println!("\n{}", text::block(test, &r)));
        }
        code = match (code, a.status) {
            (exit::FORBIDDEN_OBSERVED, _) | (_, Status::ForbiddenObserved) => {
                exit::FORBIDDEN_OBSERVED
            }
            (c, s) => c.max(status_code(s)),
        };
        if let Some(e) = &a.model_error {
            model_note.get_or_insert_with(|| e.clone());
        }
        rep.tests.push(r);
        bar.inc(1);
    }
    bar.finish_and_clear();
    rep.host.load_after = load_average();
    println!();
    print!("{}", text::table(&rep.tests));
    let forbidden = rep
        .tests
        .iter()
        .filter(|t| t.status == Status::ForbiddenObserved)
        .count();
    let hung = rep
        .tests
        .iter()
        .filter(|t| t.status == Status::Hung)
        .count();
    let total_iter: u64 = rep.tests.iter().map(|t| t.iterations).sum();
    let total_s: f64 = rep.tests.iter().filter_map(|t| t.elapsed_s).sum();
    println!(
        "\n{} tests, {} iterations in {:.1} s on {}; {} forbidden observed, {} hung; load {}",
        rep.tests.len(),
        total_iter,
        total_s,
        rep.platform,
        forbidden,
        hung,
        text::load_str(rep.host.load_after)
    );
    let over: Vec<&str> = rep
        .tests
        .iter()
        .filter(|t| t.oversubscribed)
        .map(|t| t.name.as_str())
        .collect();
    if !over.is_empty() {
        println!(
            "oversubscribed (more test threads than {} cores; starts not simultaneous): {}",
            rep.host.cpus,
            over.join(", ")
        );
    }
    match model_note {
        Some(e) => println!("verdicts: {e}"),
        None => println!(
            "verdicts: the model checker's {} model (allowed final states of each test)",
            rep.model_key()
        ),
    }
    let racy: Vec<&str> = rep
        .tests
        .iter()
        .filter(|t| t.data_race.is_some())
        .map(|t| t.name.as_str())
        .collect();
    if !racy.is_empty() {
        let (who, has, its) = if racy.len() == 1 {
            ("1 test", "has", "its histogram is")
        } else {
            ("these tests", "have", "their histograms are")
        };
        println!(
            "UNDEFINED BEHAVIOUR: {who} {has} a data race ({}): under Rust's and C11's rules \
             the program has no defined outcome, so {its} what this machine did with plain \
             accesses compiled as Relaxed atomics, judged only by the platform's model; not a \
             language verdict.",
            racy.join(", ")
        );
    }
    if platform == Platform::QemuX86 {
        println!(
            "note: under qemu-user on x86 the guest sees x86-TSO; outcomes ARMv8 allows but x86 \
             forbids cannot appear here and are reported as not observable, never as forbidden."
        );
    }
    if let Some(path) = &args.json {
        crate::fsutil::write_atomic(path, rep.to_json().as_bytes()).map_err(|e| {
            CliError::bad_input(format!("{}: cannot write JSON: {e}", path.display()))
        })?;
        println!("wrote {}", path.display());
    }
    Ok(code)
}
