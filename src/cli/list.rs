//! `orderlab list`: every registered test, one per line, name first.

use super::{exit, out, CliError};
use crate::term::{cut, pad, width, MAX_NAME_COLUMN};

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
    let w = shown
        .iter()
        .map(|t| width(&cut(&t.test().name, MAX_NAME_COLUMN)))
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for t in shown {
        let test = t.test();
        if args.quiet {
            text += &test.name;
        } else {
            text += &pad(&cut(&test.name, MAX_NAME_COLUMN), w);
            text += "  ";
            text += &pad(t.source().key(), 8);
            text += "  ";
            text += &pad(t.path().unwrap_or("-"), 40);
            text += "  ";
            text += &crate::report::orderings(test);
        }
        text.push('\n');
    }
    // A closed standard output (piped into `head`) is not an error.
    out!("{text}");
    Ok(exit::OK)
}
