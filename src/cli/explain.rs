//! `orderlab explain TEST`: the test, every model's verdict, the allowed final states, and why
//! each model allows or forbids the outcome the test asks about.

use super::check::{resolve_tests, write_atomically};
use super::{errln, out, CliError};
use crate::model::{dot, explain, Analysis, Model};
use std::path::PathBuf;

#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// A catalog test name or a litmus file.
    pub test: String,
    /// Write the execution graph (Graphviz DOT) of the explained execution to FILE.
    #[arg(long, value_name = "FILE")]
    pub dot: Option<PathBuf>,
    /// The model whose execution `--dot` draws (default: the first that forbids the outcome,
    /// else rc11).
    #[arg(long, value_name = "KEY")]
    pub model: Option<String>,
}

pub fn main(args: Args) -> Result<u8, CliError> {
    if args.test.is_empty() {
        return Err(CliError::bad_input("explain: name a test or a litmus file"));
    }
    let tests = resolve_tests(std::slice::from_ref(&args.test))?;
    let model = match &args.model {
        None => None,
        Some(k) => Some(Model::from_key(k).ok_or_else(|| {
            CliError::bad_input(format!(
                "unknown model `{k}` (one of: {})",
                Model::ALL.map(|m| m.key()).join(", ")
            ))
        })?),
    };
    for entry in &tests {
        let test = entry.test();
        let text = explain::explain(test).map_err(|e| CliError::no_verdict(entry, &e))?;
        out!("{text}");
        if let Some(path) = &args.dot {
            let mut a = Analysis::new(test).map_err(|e| CliError::no_verdict(entry, &e))?;
            let m = match model {
                Some(m) => m,
                None => {
                    let mut chosen = Model::Rc11;
                    for m in Model::ALL {
                        let v = a.verdict(m).map_err(|e| CliError::no_verdict(entry, &e))?;
                        if !v.target_allowed {
                            chosen = m;
                            break;
                        }
                    }
                    chosen
                }
            };
            let f = explain::finding(&mut a, m).map_err(|e| CliError::no_verdict(entry, &e))?;
            let (ci, edges, what) = match f {
                explain::Finding::Allowed(i) => (Some(i), vec![], "allows"),
                explain::Finding::Forbidden(ws) => match ws.into_iter().next() {
                    Some((i, w)) => (Some(i), w.edges, "forbids"),
                    None => (None, vec![], "forbids"),
                },
            };
            let text = match ci {
                Some(i) => {
                    let gs = a
                        .graphs(m.level())
                        .map_err(|e| CliError::no_verdict(entry, &e))?
                        .to_vec();
                    let c = &a.enumeration.candidates[i];
                    let title = format!("{}: {} {what} the outcome", test.name, m.title());
                    dot::dot(&a, &gs[c.structure], c, &title, &edges)
                }
                None => format!(
                    "digraph \"{}\" {{ label=\"no candidate execution reaches the outcome\"; }}\n",
                    test.name
                ),
            };
            write_atomically(path, text.as_bytes())?;
            errln!("wrote {}", path.display());
        }
    }
    Ok(super::exit::OK)
}
