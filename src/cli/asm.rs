//! `orderlab asm`: each thread's emitted assembly with the ordering-relevant instructions
//! marked and glossed, one target or two side by side; the signature check of the whole
//! catalog against the compile mapping; snapshots; the hand-written asm kernels.

use super::{exit, out, outln, CliError};
use crate::asm::check::{self, ThreadCheck};
use crate::asm::{emit, show};
use crate::machine::{Platform, Target};
use crate::report::{text, TestResult};
use crate::run::{Budget, Config};
use crate::suite::kernels;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// The test: a catalog name (`SB+sc`) or an asm kernel (`asm.SB+mfence`).
    pub test: Option<String>,
    /// The target to show: x86_64, aarch64, aarch64+rcpc or aarch64+lse (default: this
    /// machine's).
    #[arg(long)]
    pub target: Option<String>,
    /// Show two targets side by side.
    #[arg(long, num_args = 2, value_names = ["TARGET", "TARGET"])]
    pub compare: Vec<String>,
    /// Read the checked-in snapshots (asm/emitted/) instead of building.
    #[arg(long)]
    pub snapshot: bool,
    /// Build every target of --targets and compare each catalog thread's ordering signature
    /// with the compile mapping; exit 1 on a mismatch.
    #[arg(long)]
    pub check: bool,
    /// Compare the checked-in snapshots' signatures with the compile mapping.
    #[arg(long)]
    pub check_snapshots: bool,
    /// Rewrite `asm/emitted/<target>/<test>.s` for every target of --targets.
    #[arg(long)]
    pub bless: bool,
    /// Targets for --check, --check-snapshots and --bless (comma-separated; default
    /// x86_64,aarch64).
    #[arg(long, value_delimiter = ',')]
    pub targets: Vec<String>,
    /// List the hand-written asm kernels of every architecture.
    #[arg(long)]
    pub kernels: bool,
    /// Run the asm kernels linked into this build (all, or TEST) with verdicts.
    #[arg(long)]
    pub run: bool,
    /// Iterations per kernel for --run.
    #[arg(long, default_value_t = 0)]
    pub iterations: u64,
    /// The crate's source root (default: where it was built from).
    #[arg(long)]
    pub root: Option<PathBuf>,
}

fn parse_target(s: &str) -> Result<Target, CliError> {
    Target::from_key(s).ok_or_else(|| {
        CliError::bad_input(format!(
            "unknown target `{s}` (expected one of: {})",
            Target::ALL.map(|t| t.key()).join(", ")
        ))
    })
}

pub fn main(args: Args) -> Result<u8, CliError> {
    let root = args.root.clone().unwrap_or_else(emit::source_root);
    let targets: Vec<Target> = if args.targets.is_empty() {
        vec![Target::X86_64, Target::Aarch64]
    } else {
        args.targets
            .iter()
            .map(|t| parse_target(t))
            .collect::<Result<_, _>>()?
    };
    if args.kernels {
        out!("{}", show::kernel_list());
        return Ok(exit::OK);
    }
    if args.run {
        return run_kernels(&args);
    }
    if args.bless {
        return bless(&root, &targets);
    }
    if args.check || args.check_snapshots {
        return check_all(&root, &targets, args.check_snapshots);
    }
    let Some(name) = args.test.as_deref() else {
        return Err(CliError::bad_input(
            "orderlab asm: give a TEST (or --check, --check-snapshots, --bless, --kernels, --run)",
        ));
    };
    let sides: Vec<Target> = if !args.compare.is_empty() {
        args.compare
            .iter()
            .map(|t| parse_target(t))
            .collect::<Result<_, _>>()?
    } else {
        vec![match &args.target {
            Some(t) => parse_target(t)?,
            None => Target::native(),
        }]
    };
    if name.starts_with("asm.") {
        out!(
            "{}",
            show::kernel(&root, name).map_err(CliError::bad_input)?
        );
        return Ok(exit::OK);
    }
    if name.starts_with("map.") {
        let text =
            show::map_test(&root, name, &sides, args.snapshot).map_err(CliError::bad_input)?;
        out!("{text}");
        return Ok(exit::OK);
    }
    let tests = crate::suite::catalog::tests();
    let Some(test) = tests.iter().find(|t| t.name == name) else {
        return Err(CliError::bad_input(format!(
            "unknown test `{name}` (see `orderlab list`)"
        )));
    };
    let mut loaded = Vec::new();
    for &t in &sides {
        // A missing snapshot or a failed build is an input/environment problem, not a verdict.
        let (fns, origin) =
            show::load(&root, t, test, args.snapshot).map_err(CliError::bad_input)?;
        loaded.push((t, fns, origin));
    }
    out!("{}", show::test(test, &loaded));
    Ok(exit::OK)
}

/// Run the asm kernels linked into this build (all, or `args.test`) on the engine, and judge
/// each against the model of the platform it ran on, like `orderlab run`.
fn run_kernels(args: &Args) -> Result<u8, CliError> {
    let platform = Platform::detect().map_err(CliError::bad_input)?;
    let entries: Vec<_> = crate::suite::all()
        .into_iter()
        .filter(|e| e.source() == crate::suite::Source::AsmKernel)
        .filter(|e| args.test.as_deref().is_none_or(|n| e.test().name == n))
        .collect();
    if entries.is_empty() {
        return Err(CliError::bad_input(match &args.test {
            Some(n) => match kernels::by_name(n).and_then(|k| k.why_not_linked()) {
                Some(why) => format!("asm kernel `{n}` is not in this build: {why}"),
                None => format!("no asm kernel `{n}` in this build (see `orderlab asm --kernels`)"),
            },
            None => "no asm kernels in this build".into(),
        }));
    }
    let iterations = if args.iterations == 0 {
        200_000
    } else {
        args.iterations
    };
    let cfg = Config {
        budget: Budget::Iterations(iterations),
        ..Config::default()
    };
    outln!(
        "platform {} ({}); {iterations} iterations per kernel on the runner of `orderlab run`",
        platform,
        platform.describe()
    );
    let mut code = exit::OK;
    for entry in &entries {
        let run = crate::run::run(entry.runnable(), &cfg).map_err(|e| CliError::bad_input(e.0))?;
        let a = crate::verdict::assess(entry, platform, &run.histogram, run.hung);
        let r = TestResult::new(entry, &run, &a);
        outln!("\n{}", text::block(entry.test(), &r));
        if let Some(k) = kernels::by_name(&entry.test().name) {
            if let Some(allowed) = k.expected(platform) {
                outln!(
                    "Documented instruction-level verdict on {platform}: {}",
                    if allowed { "allowed" } else { "forbidden" }
                );
            }
        }
        code = exit::worst(code, super::status_code(a.status));
    }
    Ok(code)
}

fn bless(root: &Path, targets: &[Target]) -> Result<u8, CliError> {
    for (t, dir, n) in emit::bless(root, targets).map_err(CliError::bad_input)? {
        outln!("{}: {n} snapshot files in {}", t.key(), dir.display());
    }
    Ok(exit::OK)
}

fn check_all(root: &Path, targets: &[Target], snapshots: bool) -> Result<u8, CliError> {
    let results = check::catalog(root, targets, snapshots).map_err(CliError::bad_input)?;
    let mut failed = 0usize;
    let mut total = 0usize;
    for (t, results) in &results {
        let bad: Vec<&ThreadCheck> = results.iter().filter(|c| !c.ok()).collect();
        for c in &bad {
            out!("MISMATCH {}", c.diff(*t));
        }
        let deps: usize = results.iter().map(|c| c.deps_checked).sum();
        outln!(
            "{}: {} of {} thread signatures match the compile mapping{} ({})",
            t.key(),
            results.len() - bad.len(),
            results.len(),
            if deps > 0 {
                format!(", {deps} dependencies it expects kept in the code")
            } else {
                String::new()
            },
            if snapshots {
                "checked-in snapshots"
            } else {
                "freshly emitted"
            }
        );
        failed += bad.len();
        total += results.len();
    }
    if total == 0 {
        return Err(CliError::bad_input("no catalog tests found"));
    }
    Ok(if failed == 0 {
        exit::OK
    } else {
        exit::FORBIDDEN_OBSERVED
    })
}
