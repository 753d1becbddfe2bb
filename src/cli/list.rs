//! `orderlab list`: every registered test, one per line, name first.

use super::{exit, CliError};
use std::io::Write as _;

#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Only tests whose name matches one of these names or globs (`'SB+*'`).
    pub filter: Vec<String>,
    /// Print only the names.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

pub fn main(args: Args) -> Result<u8, CliError> {
    let tests = crate::suite::all();
    let shown: Vec<_> = tests
        .iter()
        .filter(|t| {
            args.filter.is_empty()
                || args
                    .filter
                    .iter()
                    .any(|f| crate::suite::glob_match(f, &t.test().name))
        })
        .collect();
    if shown.is_empty() && !args.filter.is_empty() {
        return Err(CliError::bad_input(format!(
            "no test matches {}",
            args.filter.join(" ")
        )));
    }
    let mut out = std::io::stdout().lock();
    let w = shown.iter().map(|t| t.test().name.len()).max().unwrap_or(0);
    for t in shown {
        let test = t.test();
        let res = if args.quiet {
            writeln!(out, "{}", test.name)
        } else {
            writeln!(
                out,
                "{:<w$}  {:<8}  {:<40}  {}",
                test.name,
                t.source().key(),
                t.path().unwrap_or("-"),
                crate::report::orderings(test)
            )
        };
        if res.is_err() {
            // stdout closed (e.g. piped into `head`): stop quietly.
            break;
        }
    }
    Ok(exit::OK)
}
