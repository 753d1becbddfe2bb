//! `orderlab claims [ID...]`: decide the seed articles' claims from evidence measured now.

use super::{exit, CliError};
use crate::claims::{self, page, Options};
use std::path::PathBuf;

#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Claims to decide (`C05`, `5`); default: all 77.
    pub ids: Vec<String>,
    /// Small budgets (CI): every claim in a few minutes on 2 cores; a probabilistic
    /// "observed" that is not practically certain at this budget is marked weak.
    #[arg(long)]
    pub quick: bool,
    /// Also write the run (verdicts and all evidence) as JSON.
    #[arg(long, value_name = "FILE.json")]
    pub json: Option<PathBuf>,
    /// Write the teaching page as self-contained HTML.
    #[arg(long, value_name = "FILE.html", conflicts_with = "markdown")]
    pub html: Option<PathBuf>,
    /// Write the teaching page as Markdown.
    #[arg(long, value_name = "FILE.md")]
    pub markdown: Option<PathBuf>,
    /// The aarch64 build to run under qemu-user [default: target/aarch64-unknown-linux-gnu/
    /// release/orderlab next to this binary's target directory].
    #[arg(long, value_name = "PATH")]
    pub aarch64: Option<PathBuf>,
}

/// Exit codes: 0 when every rule ran (whatever the verdicts, pending ones included), 1 when a
/// litmus run observed an outcome its platform's model forbids, 2 for bad input, 3 when a
/// run hung, 5 when a rule is broken.
pub fn main(args: Args) -> Result<u8, CliError> {
    let selected = claims::select(&args.ids).map_err(CliError::bad_input)?;
    let o = Options {
        quick: args.quick,
        aarch64: args.aarch64.clone(),
        ..Options::default()
    };
    let start = std::time::Instant::now();
    let cat = claims::run(&selected, &o, &mut |m| eprintln!("orderlab claims: {m}"));
    println!("orderlab claims: {}", page::run_line(&cat));
    print!("{}", page::table(&cat));
    println!(
        "\n{} in {:.0} s",
        page::tally(&cat),
        start.elapsed().as_secs_f64()
    );
    let write = |path: &PathBuf, text: String| {
        crate::fsutil::write_atomic(path, text.as_bytes())
            .map_err(|e| CliError::bad_input(format!("{}: cannot write: {e}", path.display())))
    };
    if let Some(p) = &args.json {
        write(p, page::json(&cat))?;
        println!("wrote {}", p.display());
    }
    if let Some(p) = &args.html {
        write(p, page::html(&cat))?;
        println!("wrote {}", p.display());
    }
    if let Some(p) = &args.markdown {
        write(p, page::markdown(&cat))?;
        println!("wrote {}", p.display());
    }
    let broken: Vec<String> = cat
        .claims
        .iter()
        .filter_map(|d| {
            d.decision
                .error
                .as_ref()
                .map(|e| format!("{}: {e}", d.claim.id))
        })
        .collect();
    let runs = cat.evidence.runs.iter().flat_map(|(_, r)| &r.tests);
    let mut code = exit::OK;
    for t in runs {
        code = code.max(super::status_code(t.status));
    }
    if !broken.is_empty() {
        eprintln!("orderlab claims: broken rules:\n  {}", broken.join("\n  "));
        code = exit::RULE_BROKEN;
    }
    Ok(code)
}
