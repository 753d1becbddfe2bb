//! `orderlab check [TESTS|FILES|DIRS]`: which outcomes each memory model allows.
//!
//! Prints a table test × model with `A` (the condition's target outcome is allowed) or `F`
//! (forbidden), `+UB` where the model finds a data race (undefined behaviour), and the racing
//! accesses below the table; `--json FILE` writes per test its verdicts, races and allowed
//! final states. Rows of the catalog's `expected` table that disagree with the checker are
//! reported.

use super::{errln, exit, outln, CliError};
use crate::litmus::format_state;
use crate::model::{Analysis, Model, Verdict};
use crate::suite::Entry;
use crate::term::{cut, pad, width, MAX_NAME_COLUMN};
use crate::verdict::located;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Test names, litmus files or directories (default: the whole catalog).
    pub tests: Vec<String>,
    /// Write per test its name, each model's verdict and the allowed final states as JSON.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Only these models (comma-separated keys: rc11,c11,sc,x86-tso,armv8,armv8-rcpc,qemu-x86).
    #[arg(long, value_delimiter = ',', value_name = "KEYS")]
    pub models: Vec<String>,
}

/// The tests the arguments name (the suite's selection: test names, name globs, litmus files,
/// directories, path globs; none = every registered test).
pub(super) fn resolve_tests(args: &[String]) -> Result<Vec<Entry>, CliError> {
    crate::suite::select(args).map_err(CliError::bad_input)
}

/// Write an output file by the policy of `crate::fsutil` (never a partial or clobbered file);
/// an I/O error is bad input (exit 2).
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    crate::fsutil::write_atomic(path, bytes)
        .map_err(|e| CliError::bad_input(format!("{}: cannot write: {e}", path.display())))
}

pub fn main(args: Args) -> Result<u8, CliError> {
    let mut models = Vec::new();
    for k in &args.models {
        models.push(Model::from_key(k).ok_or_else(|| {
            CliError::bad_input(format!(
                "unknown model `{k}` (one of: {})",
                Model::ALL.map(|m| m.key()).join(", ")
            ))
        })?);
    }
    if models.is_empty() {
        models = Model::ALL.to_vec();
    }
    let tests = resolve_tests(&args.tests)?;
    if tests.is_empty() {
        return Err(CliError::bad_input("no tests selected"));
    }

    let width = tests
        .iter()
        .map(|e| width(&cut(&e.test().name, MAX_NAME_COLUMN)))
        .max()
        .unwrap_or(4)
        .max(4);
    let mut header = pad("test", width);
    for m in &models {
        header += &format!("  {:<w$}", m.key(), w = m.key().len().max(4));
    }
    outln!("{}", header.trim_end());
    let mut json = Vec::new();
    let mut code = exit::OK;
    let mut disagree = Vec::new();
    let mut races = Vec::new();
    for entry in &tests {
        let test = entry.test();
        let name = pad(&cut(&test.name, MAX_NAME_COLUMN), width);
        let file = entry.path().unwrap_or(&test.name).to_string();
        let verdicts: Result<Vec<Verdict>, _> =
            Analysis::new(test).and_then(|mut a| models.iter().map(|&m| a.verdict(m)).collect());
        let verdicts = match verdicts {
            Ok(v) => v,
            Err(e) => {
                outln!("{name}  no verdict (see below)");
                errln!("orderlab: {}", located(&e, entry.path()));
                code = exit::NO_VERDICT;
                continue;
            }
        };
        let mut row = name;
        for v in &verdicts {
            let mut cell = if v.target_allowed { "A" } else { "F" }.to_string();
            if let Some(r) = &v.race {
                cell.push_str("+UB");
                races.push(format!("{} under {}: {r}", test.name, v.model.key()));
            }
            if let Some(want) = entry.expected(v.model) {
                if want != v.target_allowed {
                    cell.push('!');
                    disagree.push(format!(
                        "{} {}: checker {}, expected table {}",
                        test.name,
                        v.model.key(),
                        v.word(),
                        if want { "allowed" } else { "forbidden" }
                    ));
                }
            }
            row += "  ";
            row += &pad(&cell, v.model.key().len().max(4));
        }
        outln!("{}", row.trim_end());
        let obs = test.observables();
        let mut o = serde_json::Map::new();
        o.insert("name".into(), test.name.clone().into());
        o.insert("file".into(), file.clone().into());
        o.insert(
            "observables".into(),
            obs.iter().map(|v| v.to_string()).collect::<Vec<_>>().into(),
        );
        let mut states = serde_json::Map::new();
        let mut ub = serde_json::Map::new();
        for v in &verdicts {
            o.insert(v.model.key().into(), v.word().into());
            if let Some(r) = &v.race {
                ub.insert(v.model.key().into(), r.to_string().into());
            }
            states.insert(
                v.model.key().into(),
                v.allowed_states
                    .iter()
                    .map(|s| format_state(&obs, s))
                    .collect::<Vec<_>>()
                    .into(),
            );
        }
        o.insert("allowed_states".into(), states.into());
        o.insert("data_races".into(), ub.into());
        json.push(serde_json::Value::Object(o));
    }
    outln!(
        "A = the outcome the test asks about is allowed by the model, F = forbidden{}.",
        if disagree.is_empty() {
            ""
        } else {
            ", ! = disagrees with litmus/expected"
        }
    );
    if !races.is_empty() {
        outln!(
            "+UB = a data race: the program's behaviour is undefined under that model, so every \
             outcome is possible; A/F is still the condition's verdict over its consistent \
             executions (herd7 prints `Undef`)."
        );
        for r in &races {
            outln!("UNDEFINED BEHAVIOUR: {r}");
        }
    }
    outln!(
        "Models: {}.",
        models
            .iter()
            .map(|m| format!("{} = {}", m.key(), m.title()))
            .collect::<Vec<_>>()
            .join("; ")
    );
    for d in &disagree {
        errln!("disagreement: {d}");
    }
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&serde_json::Value::Array(json))
            .map_err(|e| CliError::bad_input(e.to_string()))?;
        write_atomically(path, (text + "\n").as_bytes())?;
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_test_is_bad_input() {
        let e = resolve_tests(&["no-such-test-xyz".into()]).unwrap_err();
        assert_eq!(e.code, exit::BAD_INPUT);
        assert!(e.message.contains("no-such-test-xyz"));
    }
}
