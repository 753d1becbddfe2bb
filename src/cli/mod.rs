//! The `orderlab` command line: one module per subcommand. Errors and exit codes live here
//! only; the layers below return their own errors, and this module says what they mean for
//! the process.

mod asm;
mod bench;
mod check;
#[cfg(not(orderlab_asm))]
mod checkers;
mod claims;
mod explain;
mod list;
mod report;
mod run;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit codes of the `orderlab` binary.
pub mod exit {
    /// Every verdict is `ok`.
    pub const OK: u8 = 0;
    /// An outcome forbidden on this platform was observed.
    pub const FORBIDDEN_OBSERVED: u8 = 1;
    /// Bad input: a malformed litmus file, an unknown test, bad arguments.
    pub const BAD_INPUT: u8 = 2;
    /// A test hung and the watchdog stopped it.
    pub const HUNG: u8 = 3;
    /// No verdict: a test exceeds the model checker's bounds (the error, with `FILE:LINE:COL`,
    /// is on standard error; `run` still reports the histogram, labelled `unchecked`).
    pub const NO_VERDICT: u8 = 4;
    /// Interrupted (SIGINT, SIGTERM or SIGHUP): `run` reports and writes the tests that
    /// finished.
    pub const INTERRUPTED: u8 = 130;

    /// The code of a process that saw both `a` and `b`: the more important one (forbidden
    /// observed, then hung, then no verdict, then ok). Bad input and interruption end a
    /// command where they happen and are not combined.
    pub fn worst(a: u8, b: u8) -> u8 {
        let rank = |c: u8| match c {
            FORBIDDEN_OBSERVED => 3,
            HUNG => 2,
            NO_VERDICT => 1,
            _ => 0,
        };
        if rank(b) > rank(a) {
            b
        } else {
            a
        }
    }
    /// `orderlab claims`: a rule of the catalogue is broken (it read evidence its claim does
    /// not declare, or a value the evidence lacks).
    pub const RULE_BROKEN: u8 = 5;
    /// `orderlab checkers`: a checker differs from RC11 in a way no documented limitation,
    /// bound or platform explains (upstream-worthy, or a bug of the lab).
    pub const UNEXPLAINED: u8 = 6;
}

/// An error the CLI reports: a message (with a `FILE:LINE:COL:` prefix where there is a
/// location) and the process exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CliError {
    pub message: String,
    pub code: u8,
}

impl CliError {
    pub fn bad_input(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: exit::BAD_INPUT,
        }
    }

    /// The model checker cannot judge the test of `entry` (exit 4), located in its file.
    pub fn no_verdict(entry: &crate::suite::Entry, e: &crate::model::ModelError) -> Self {
        CliError {
            message: crate::verdict::located(e, entry.path()),
            code: exit::NO_VERDICT,
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

/// `print!` through [`crate::term::print`]: control characters escaped, a closed standard
/// output tolerated.
macro_rules! out {
    ($($t:tt)*) => { $crate::term::print(&format!($($t)*)) };
}

/// `println!` through [`crate::term::print`].
macro_rules! outln {
    () => { $crate::term::print("\n") };
    ($($t:tt)*) => { $crate::term::print(&(format!($($t)*) + "\n")) };
}

/// `eprintln!` through [`crate::term::eprint`].
macro_rules! errln {
    ($($t:tt)*) => { $crate::term::eprint(&(format!($($t)*) + "\n")) };
}

pub(crate) use {errln, out, outln};

/// The exit code a run's status contributes.
pub(crate) fn status_code(s: crate::verdict::Status) -> u8 {
    use crate::verdict::Status;
    match s {
        Status::Ok => exit::OK,
        Status::Unchecked => exit::NO_VERDICT,
        Status::ForbiddenObserved => exit::FORBIDDEN_OBSERVED,
        Status::Hung => exit::HUNG,
    }
}

#[derive(Parser)]
#[command(
    name = "orderlab",
    version,
    about = "A memory-ordering lab for Rust atomics on x86-TSO and ARMv8",
    long_about = "Litmus tests in herd7's C syntax, run on this machine's hardware (or aarch64 \
                  under QEMU), checked against the language and platform memory models, with \
                  the emitted assembly.\n\nWith no subcommand, runs the whole catalog \
                  (`orderlab run`)."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// List the tests: catalog, map-driven and asm kernels, one per line, name first.
    List(list::Args),
    /// Run tests on this machine and compare what happened with what the platform allows.
    Run(run::Args),
    /// Which outcomes each memory model allows (RC11, C11, SC, x86-TSO, ARMv8, QEMU-on-x86).
    Check(check::Args),
    /// Explain one test: every model's verdict and the cycle that forbids an outcome.
    Explain(explain::Args),
    /// Show each thread's emitted assembly with the ordering-relevant instructions glossed.
    Asm(asm::Args),
    /// Measure the runner: iterations/s and weak outcomes/s.
    Bench(bench::Args),
    /// A teaching report of run JSON files: HTML with SVG bar charts, or Markdown.
    Report(report::Args),
    /// The seed articles' claims (C01-C77), each decided from evidence measured now.
    Claims(claims::Args),
    /// Which checker finds which bug: loom, shuttle and this machine beside RC11, per test.
    #[cfg(not(orderlab_asm))]
    Checkers(checkers::Args),
}

/// The `orderlab` binary: parse the command line, run the subcommand, report an error.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => run::main(run::Args::default()),
        Some(Command::List(a)) => list::main(a),
        Some(Command::Run(a)) => run::main(a),
        Some(Command::Check(a)) => check::main(a),
        Some(Command::Explain(a)) => explain::main(a),
        Some(Command::Asm(a)) => asm::main(a),
        Some(Command::Bench(a)) => bench::main(a),
        Some(Command::Report(a)) => report::main(a),
        Some(Command::Claims(a)) => claims::main(a),
        #[cfg(not(orderlab_asm))]
        Some(Command::Checkers(a)) => checkers::main(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            errln!("orderlab: {e}");
            ExitCode::from(e.code)
        }
    }
}
