//! Litmus evidence: runs on this machine's hardware (the suite, the engine and
//! `verdict::assess`, as `orderlab run`), runs of the aarch64 build under qemu-user (read back
//! through the run-result schema), and every model's verdict with the forbidding cycle.

use super::evidence::{ModelsEv, RunEv};
use crate::machine::{load_average, Platform};
use crate::model::{explain, Analysis, Model};
use crate::report::{RunReport, TestResult};
use crate::run::{Budget, Config};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every model's verdict on a catalog test. The error says why there is none (a bound of
/// the checker).
pub(crate) fn models(name: &str) -> Result<ModelsEv, String> {
    let entry = crate::suite::select(&[name.to_string()])?
        .into_iter()
        .next()
        .ok_or_else(|| format!("no test {name}"))?;
    let test = entry.test().clone();
    let checkers = checkers_table(&entry);
    let mut a = Analysis::new(&test).map_err(|e| e.to_string())?;
    let mut verdicts = Vec::new();
    let mut cycles = Vec::new();
    for m in Model::ALL {
        let v = a.verdict(m).map_err(|e| e.to_string())?;
        if !v.target_allowed {
            if let Some(c) = explain::forbidding_cycle(&mut a, m).map_err(|e| e.to_string())? {
                let (axiom, rest) = c.split_once(';').unwrap_or((&c, ""));
                cycles.push((m, axiom.to_string(), rest.trim().to_string()));
            }
        }
        verdicts.push((m, v.target_allowed));
    }
    Ok(ModelsEv {
        test: test.name.clone(),
        source: crate::litmus::print(&test),
        verdicts,
        cycles,
        checkers,
    })
}

/// loom and shuttle beside the models (no hardware: the claim's runs are that evidence).
#[cfg(not(orderlab_asm))]
fn checkers_table(entry: &crate::suite::Entry) -> Option<crate::report::CheckerTable> {
    let o = crate::checkers::Options {
        hardware: None,
        ..crate::checkers::Options::default()
    };
    crate::checkers::check(entry, &o, None)
        .ok()
        .map(|row| crate::checkers::for_report(&row, &o))
}

/// The emitted-asm build (`--cfg orderlab_asm`) has no checkers.
#[cfg(orderlab_asm)]
fn checkers_table(_: &crate::suite::Entry) -> Option<crate::report::CheckerTable> {
    None
}

/// Run `tests` on this machine, `per_test` each: the run report and one result per test.
pub(crate) fn native(tests: &[String], per_test: Duration) -> Result<RunReport, String> {
    let platform = Platform::detect()?;
    let entries = crate::suite::select(tests)?;
    let cfg = Config {
        budget: Budget::Time(per_test),
        ..Config::default()
    };
    let mut rep = RunReport::new(platform, load_average());
    for e in &entries {
        let run = crate::run::run(e.runnable(), &cfg).map_err(|x| x.0)?;
        let a = crate::verdict::assess(e, platform, &run.histogram, run.hung);
        rep.tests.push(TestResult::new(e, &run, &a));
    }
    rep.host.load_after = load_average();
    Ok(rep)
}

/// The evidence of one test of a run report.
pub(crate) fn run_ev(rep: &RunReport, run: usize, name: &str, runner: &str) -> Option<RunEv> {
    let t = rep.tests.iter().find(|t| t.name == name)?;
    Some(RunEv {
        result: t.clone(),
        platform: rep.platform,
        runner: runner.to_string(),
        run,
    })
}

/// Where the aarch64 build is: `explicit`, else next to this executable's target directory
/// (`target/release/orderlab` → `target/aarch64-unknown-linux-gnu/release/orderlab`).
pub(crate) fn aarch64_binary(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = explicit {
        return if p.is_file() {
            Ok(p.to_path_buf())
        } else {
            Err(format!("{}: no such aarch64 build", p.display()))
        };
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot locate this binary: {e}"))?;
    // target/<profile>/orderlab (or target/<profile>/deps/<test binary>).
    let mut dir = exe.parent();
    while let Some(d) = dir {
        let cand = d.join("aarch64-unknown-linux-gnu/release/orderlab");
        if cand.is_file() {
            return Ok(cand);
        }
        if d.file_name().is_some_and(|n| n == "target") {
            break;
        }
        dir = d.parent();
    }
    Err("no aarch64 build / qemu-user (run ci/aarch64.sh)".into())
}

/// The command line of a run under qemu-user with `-cpu cpu` (as shown on pages).
pub(crate) fn qemu_runner(cpu: Option<&str>) -> String {
    match cpu {
        Some(c) => format!("qemu-aarch64 -cpu {c}"),
        None => "qemu-aarch64".to_string(),
    }
}

/// Run `tests` under qemu-user (`-cpu cpu` when given), `per_test` each, and read the run
/// file back. Errors say what is missing or what went wrong.
pub(crate) fn qemu(
    bin: &Path,
    cpu: Option<&str>,
    tests: &[String],
    per_test: Duration,
) -> Result<RunReport, String> {
    if !cfg!(target_arch = "x86_64") {
        return Err("qemu-user evidence is gathered on x86_64 hosts only".into());
    }
    let dir = std::env::temp_dir().join(format!("orderlab-claims-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let json = dir.join(format!(
        "qemu-{}.json",
        cpu.unwrap_or("default").replace([',', '='], "_")
    ));
    let mut cmd = Command::new("qemu-aarch64");
    if let Some(c) = cpu {
        cmd.args(["-cpu", c]);
    }
    let prefix =
        std::env::var("QEMU_LD_PREFIX").unwrap_or_else(|_| "/usr/aarch64-linux-gnu".into());
    cmd.arg("-L").arg(prefix).arg(bin).arg("run").args(tests);
    cmd.arg("--time")
        .arg(per_test.as_secs_f64().to_string())
        .arg("--json")
        .arg(&json)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| {
        format!("cannot start qemu-aarch64 ({e}): install qemu-user (ci/aarch64.sh)")
    })?;
    // Each test runs its budget plus QEMU's start-up and the harness's calibration.
    let limit = Duration::from_secs(60) + per_test.mul_f64(tests.len() as f64 * 4.0);
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "qemu-aarch64 did not finish in {} s",
                    limit.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("waiting for qemu-aarch64: {e}")),
        }
    };
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        use std::io::Read;
        let _ = e.read_to_string(&mut stderr);
    }
    let rep = RunReport::load(&json);
    let _ = std::fs::remove_file(&json);
    let _ = std::fs::remove_dir(&dir);
    match (rep, status.code()) {
        // Exit 1: a forbidden outcome was observed; the file holds the run all the same.
        (Ok(r), Some(0 | 1 | 3)) => Ok(r),
        (Ok(_), code) | (Err(_), code) => Err(format!(
            "the run under qemu-aarch64 failed (exit {}): {}",
            code.map_or("by signal".into(), |c| c.to_string()),
            stderr.trim().lines().last().unwrap_or("no message")
        )),
    }
}
