//! `orderlab run [TEST|FILE|DIR|GLOB ...]`: run tests on this machine and judge what happened
//! against what the platform's model allows.

use super::{errln, exit, out, outln, status_code, CliError};
use crate::machine::{load_average, Platform};
use crate::report::{text, RunReport, TestResult};
use crate::run::{Budget, Config, MAX_INSTANCES};
use crate::suite::stall;
use crate::term::{self, cut, MAX_NAME_COLUMN};
use crate::verdict::{self, Status};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
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
    /// Also write the results as JSON to this file (a new file renamed into place, never a
    /// partial one; a symbolic link is followed; a FIFO or device is written directly).
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Print litmus7-style histogram blocks for every test (default: when running at most 4).
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Instances per round (1 to 1048576) [default: 1024].
    #[arg(long)]
    pub instances: Option<usize>,
    /// Stop a test and report it HUNG when no round completes for this many seconds of the
    /// process running (0.5 to 86400; time the process is stopped does not count) [default: 10].
    #[arg(long)]
    pub watchdog: Option<f64>,
}

/// The shortest and longest `--watchdog` accepted, in seconds: a first round includes
/// allocating the instances and computing the serial outcomes, and under qemu-user takes tens
/// of milliseconds; a watchdog shorter than half a second would call a healthy run hung.
pub const WATCHDOG_RANGE_S: (f64, f64) = (0.5, 86_400.0);

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

/// The flag SIGINT, SIGTERM and SIGHUP set: the test in progress stops after its round, the
/// finished ones are reported. A second signal ends the process at once (exit 130).
fn interrupt_flag() -> Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    Arc::clone(FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        let f = Arc::clone(&flag);
        // Without a handler (one is already set) a signal ends the process as by default.
        let _ = ctrlc::set_handler(move || {
            // Relaxed: a flag polled by the run loop; nothing is published through it.
            if f.swap(true, Ordering::Relaxed) {
                std::process::exit(exit::INTERRUPTED.into());
            }
        });
        flag
    }))
}

/// The harness parameters the arguments ask for.
fn config(args: &Args, tests: usize) -> Result<Config, CliError> {
    let budget = match (args.iterations, args.time) {
        (Some(0), _) => return Err(CliError::bad_input("--iterations must be at least 1")),
        (Some(n), _) => Budget::Iterations(n),
        (None, Some(t)) => Budget::Time(seconds(t, "--time")?),
        (None, None) => Budget::Time(Duration::from_secs_f64(
            (DEFAULT_TOTAL_S / tests as f64).clamp(0.05, 1.0),
        )),
    };
    let mut cfg = Config {
        budget,
        ..Config::default()
    };
    if let Some(n) = args.instances {
        if !(1..=MAX_INSTANCES).contains(&n) {
            return Err(CliError::bad_input(format!(
                "--instances must be between 1 and {MAX_INSTANCES}, not {n}"
            )));
        }
        cfg.instances = n;
    }
    if let Some(w) = args.watchdog {
        let (lo, hi) = WATCHDOG_RANGE_S;
        if !(lo..=hi).contains(&w) {
            return Err(CliError::bad_input(format!(
                "--watchdog must be between {lo} and {hi} seconds, not {w}"
            )));
        }
        cfg.watchdog = seconds(w, "--watchdog")?;
    }
    Ok(cfg)
}

/// The thread `ORDERLAB_TEST_HANG` asks to hang (README, "Testing the watchdog").
fn injected_hang() -> Result<Option<usize>, CliError> {
    match std::env::var(stall::HANG_VAR) {
        Err(_) => Ok(None),
        Ok(v) => v.parse().map(Some).map_err(|_| {
            CliError::bad_input(format!(
                "{}={v:?}: expected a thread number",
                stall::HANG_VAR
            ))
        }),
    }
}

pub fn main(args: Args) -> Result<u8, CliError> {
    let platform = Platform::detect().map_err(CliError::bad_input)?;
    let mut tests = crate::suite::select(&args.tests).map_err(CliError::bad_input)?;
    if tests.is_empty() {
        return Err(CliError::bad_input("no tests selected"));
    }
    let mut cfg = config(&args, tests.len())?;
    if let Some(t) = injected_hang()? {
        tests = tests.into_iter().map(|e| stall::stalled(e, t)).collect();
    }
    let stop = interrupt_flag();
    cfg.stop = Some(Arc::clone(&stop));

    let mut rep = RunReport::new(platform, load_average());
    outln!(
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
        // Relaxed: the signal handler's flag.
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let test = entry.test();
        bar.set_message(term::clean(&cut(&test.name, MAX_NAME_COLUMN)).into_owned());
        let run = crate::run::run(entry.runnable(), &cfg).map_err(|e| CliError::bad_input(e.0))?;
        if run.interrupted {
            // Unfinished: not a result. The finished tests are reported below.
            break;
        }
        let a = verdict::assess(entry, platform, &run.histogram, run.hung);
        let r = TestResult::new(entry, &run, &a);
        if verbose {
            bar.suspend(|| outln!("\n{}", text::block(test, &r)));
        }
        code = exit::worst(code, status_code(a.status));
        if let Some(e) = &a.model_error {
            // Errors (located) go to standard error; stdout's last line says there were some.
            bar.suspend(|| errln!("orderlab: {e}"));
            model_note = Some(());
        }
        rep.tests.push(r);
        bar.inc(1);
    }
    bar.finish_and_clear();
    // Relaxed: the signal handler's flag.
    rep.interrupted = stop.load(Ordering::Relaxed);
    rep.host.load_after = load_average();
    outln!();
    out!("{}", text::table(&rep.tests));
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
    outln!(
        "\n{} tests, {} iterations in {:.1} s on {}; {} forbidden observed, {} hung; load {}",
        rep.tests.len(),
        total_iter,
        total_s,
        rep.platform,
        forbidden,
        hung,
        text::load_str(rep.host.load_after)
    );
    if rep.interrupted {
        outln!(
            "interrupted: {} of {} tests finished (the test in progress is not reported)",
            rep.tests.len(),
            tests.len()
        );
    }
    let over: Vec<&str> = rep
        .tests
        .iter()
        .filter(|t| t.oversubscribed)
        .map(|t| t.name.as_str())
        .collect();
    if !over.is_empty() {
        outln!(
            "oversubscribed (more test threads than {} cores; starts not simultaneous): {}",
            rep.host.cpus,
            over.join(", ")
        );
    }
    outln!(
        "verdicts: the model checker's {} model (allowed final states of each test){}",
        rep.model_key(),
        if model_note.is_some() {
            "; where it could not judge a test (errors on standard error), the catalog's \
             expected table judged its target outcome or the test is `unchecked`"
        } else {
            ""
        }
    );
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
        outln!(
            "UNDEFINED BEHAVIOUR: {who} {has} a data race ({}): under Rust's and C11's rules \
             the program has no defined outcome, so {its} what this machine did with plain \
             accesses compiled as Relaxed atomics, judged only by the platform's model; not a \
             language verdict.",
            racy.join(", ")
        );
    }
    if platform == Platform::QemuX86 {
        outln!(
            "note: under qemu-user on x86 the guest sees x86-TSO; outcomes ARMv8 allows but x86 \
             forbids cannot appear here and are reported as not observable, never as forbidden."
        );
    }
    if let Some(path) = &args.json {
        super::check::write_atomically(path, rep.to_json().as_bytes())?;
        outln!("wrote {}", path.display());
    }
    Ok(if rep.interrupted {
        exit::INTERRUPTED
    } else {
        code
    })
}
