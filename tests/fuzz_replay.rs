//! The fuzz targets' bodies (`orderlab::fuzzing`) on stable: every seed of the campaign (the
//! catalog, the test fixtures) and every input a campaign ever found crashing
//! (`fuzz/regressions/<target>/`, each a regression test) goes through the target it was
//! found by. A short libFuzzer run of each target is in `.ci/run` where nightly is present.

use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every file below `dir` whose name ends with one of `exts` (any file when `exts` is empty).
fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if exts.is_empty()
                || exts
                    .iter()
                    .any(|x| p.to_string_lossy().ends_with(&format!(".{x}")))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn replay(target: &str, f: fn(&[u8]), seeds: &[(&str, &[&str])]) {
    let mut inputs = Vec::new();
    for (dir, exts) in seeds {
        inputs.extend(files(&Path::new(ROOT).join(dir), exts));
    }
    let regressions = files(&Path::new(ROOT).join("fuzz/regressions").join(target), &[]);
    let n_reg = regressions.len();
    inputs.extend(regressions);
    assert!(inputs.len() > n_reg, "{target}: no seeds found");
    for p in &inputs {
        let bytes = std::fs::read(p).expect("read input");
        if let Err(e) = std::panic::catch_unwind(|| f(&bytes)) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{target} fails on {}: {msg}", p.display());
        }
    }
    eprintln!("{target}: {} inputs ({n_reg} regressions)", inputs.len());
}

const LITMUS: &[(&str, &[&str])] = &[("litmus", &["litmus"]), ("tests/data", &["litmus"])];

#[test]
fn parse_target_replays_seeds_and_regressions() {
    replay("parse", orderlab::fuzzing::parse, LITMUS);
}

#[test]
fn model_target_replays_seeds_and_regressions() {
    replay("model", orderlab::fuzzing::model, LITMUS);
}

#[test]
fn report_target_replays_seeds_and_regressions() {
    replay(
        "report",
        orderlab::fuzzing::report,
        &[("tests/data/report", &["json"])],
    );
}
