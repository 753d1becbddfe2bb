//! `orderlab report`: a teaching report (HTML with inline SVG, or Markdown) of run JSON files.

use super::{exit, out, CliError};
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
    let write =
        |path: &PathBuf, text: String| super::check::write_atomically(path, text.as_bytes());
    if let Some(p) = &args.markdown {
        write(p, report::markdown(&runs, o))?;
    }
    if let Some(p) = &args.out {
        write(p, report::html(&runs, o))?;
    }
    if args.out.is_none() && args.markdown.is_none() {
        out!("{}", report::html(&runs, o));
    }
    Ok(exit::OK)
}
