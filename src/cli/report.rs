//! `orderlab report`: a teaching report (HTML with inline SVG, or Markdown) of run JSON files.

use super::{errln, exit, out, CliError};
use crate::report::{self, Options, RunReport};
use std::path::PathBuf;

#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Run files written by `orderlab run --json FILE`; several runs of the same test are
    /// shown side by side.
    #[arg(required = true, value_name = "RUN.json")]
    pub runs: Vec<PathBuf>,
    /// Write the HTML page here (default: HTML on standard output).
    #[arg(long, value_name = "FILE.html")]
    pub out: Option<PathBuf>,
    /// Write Markdown tables here.
    #[arg(long, value_name = "FILE.md")]
    pub markdown: Option<PathBuf>,
    /// Logarithmic bar lengths, so rare states stay visible.
    #[arg(long)]
    pub log: bool,
    /// Show, per test the suite knows, which final states loom and shuttle produce beside
    /// RC11's (`orderlab checkers` without the hardware: the runs are the hardware column).
    #[arg(long)]
    pub checkers: bool,
}

pub fn main(args: Args) -> Result<u8, CliError> {
    if args.runs.is_empty() {
        return Err(CliError::bad_input(
            "report: name at least one RUN.json file",
        ));
    }
    // Read every input before writing anything: bad input leaves no output behind.
    let runs = args
        .runs
        .iter()
        .map(|p| RunReport::load(p).map_err(CliError::bad_input))
        .collect::<Result<Vec<_>, _>>()?;
    let o = Options { log: args.log };
    let checkers = if args.checkers {
        checker_tables(&runs)?
    } else {
        report::Checkers::new()
    };
    let write =
        |path: &PathBuf, text: String| super::check::write_atomically(path, text.as_bytes());
    if let Some(p) = &args.markdown {
        write(p, report::markdown_with(&runs, o, &checkers))?;
    }
    if let Some(p) = &args.out {
        write(p, report::html_with(&runs, o, &checkers))?;
    }
    if args.out.is_none() && args.markdown.is_none() {
        out!("{}", report::html_with(&runs, o, &checkers));
    }
    Ok(exit::OK)
}

/// The emitted-asm build (`--cfg orderlab_asm`) has no checkers.
#[cfg(orderlab_asm)]
fn checker_tables(_: &[RunReport]) -> Result<report::Checkers, CliError> {
    Err(CliError::bad_input(
        "--checkers: this build has no loom or shuttle (--cfg orderlab_asm)",
    ))
}

/// The checkers' table of every test of `runs` the suite knows (others get none, said on
/// standard error).
#[cfg(not(orderlab_asm))]
fn checker_tables(runs: &[RunReport]) -> Result<report::Checkers, CliError> {
    let o = crate::checkers::Options {
        hardware: None,
        ..crate::checkers::Options::default()
    };
    let mut out = report::Checkers::new();
    for t in runs.iter().flat_map(|r| &r.tests) {
        if out.contains_key(&t.name) {
            continue;
        }
        let entry = crate::suite::select(std::slice::from_ref(&t.name))
            .ok()
            .and_then(|v| v.into_iter().next());
        let Some(entry) = entry.filter(|e| e.source() != crate::suite::Source::AsmKernel) else {
            errln!(
                "orderlab: no checkers' table for {}: not a Rust test of the suite",
                t.name
            );
            continue;
        };
        let row = crate::checkers::check(&entry, &o, None).map_err(CliError::bad_input)?;
        out.insert(t.name.clone(), crate::checkers::for_report(&row, &o));
    }
    Ok(out)
}
