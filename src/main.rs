//! The `orderlab` command line.

use clap::{Parser, Subcommand};
use orderlab::cli;
use std::process::ExitCode;

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
    List(cli::list::Args),
    /// Run tests on this machine and compare what happened with what the platform allows.
    Run(cli::run::Args),
    /// Which outcomes each memory model allows (RC11, C11, SC, x86-TSO, ARMv8, QEMU-on-x86).
    Check(cli::check::Args),
    /// Explain one test: every model's verdict and the cycle that forbids an outcome.
    Explain(cli::explain::Args),
    /// Show each thread's emitted assembly with the ordering-relevant instructions glossed.
    Asm(cli::asm::Args),
    /// Measure the runner: iterations/s and weak outcomes/s.
    Bench(cli::bench::Args),
    /// A teaching report of run JSON files: HTML with SVG bar charts, or Markdown.
    Report(cli::report::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => cli::run::main(cli::run::Args::default()),
        Some(Command::List(a)) => cli::list::main(a),
        Some(Command::Run(a)) => cli::run::main(a),
        Some(Command::Check(a)) => cli::check::main(a),
        Some(Command::Explain(a)) => cli::explain::main(a),
        Some(Command::Asm(a)) => cli::asm::main(a),
        Some(Command::Bench(a)) => cli::bench::main(a),
        Some(Command::Report(a)) => cli::report::main(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("orderlab: {e}");
            ExitCode::from(e.code)
        }
    }
}
