//! `orderlab asm`: each thread's emitted assembly with the ordering-relevant instructions
//! marked and glossed, one target or two side by side; the signature check of the whole
//! catalog against the compile mapping; snapshots; the hand-written asm kernels.

use crate::asm::check::{self, ThreadCheck};
use crate::asm::extract::{self, Function};
use crate::asm::kernels::{self, Kernel};
use crate::asm::{emit, expect, sig, Arch, AsmTarget};
use crate::litmus::Test;
use crate::run::Litmus;
use crate::{exit, CliError};
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

fn parse_target(s: &str) -> Result<AsmTarget, CliError> {
    AsmTarget::from_key(s).ok_or_else(|| {
        CliError::bad_input(format!(
            "unknown target `{s}` (expected one of: {})",
            AsmTarget::ALL.map(|t| t.key()).join(", ")
        ))
    })
}

fn native_target() -> AsmTarget {
    if cfg!(target_arch = "aarch64") {
        AsmTarget::Aarch64
    } else {
        AsmTarget::X86_64
    }
}

pub fn main(args: Args) -> Result<u8, CliError> {
    let root = args.root.clone().unwrap_or_else(emit::source_root);
    let targets: Vec<AsmTarget> = if args.targets.is_empty() {
        vec![AsmTarget::X86_64, AsmTarget::Aarch64]
    } else {
        args.targets
            .iter()
            .map(|t| parse_target(t))
            .collect::<Result<_, _>>()?
    };
    if args.kernels {
        return list_kernels();
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
    let sides: Vec<AsmTarget> = if !args.compare.is_empty() {
        args.compare
            .iter()
            .map(|t| parse_target(t))
            .collect::<Result<_, _>>()?
    } else {
        vec![match &args.target {
            Some(t) => parse_target(t)?,
            None => native_target(),
        }]
    };
    if name.starts_with("asm.") {
        return show_kernel(&root, name, &sides);
    }
    if name.starts_with("map.") {
        return show_map_test(&root, name, &sides, args.snapshot);
    }
    let tests = check::catalog(&root).map_err(CliError::bad_input)?;
    let Some(test) = tests.iter().find(|t| t.name == name) else {
        return Err(CliError::bad_input(format!(
            "unknown test `{name}` (see `orderlab list`)"
        )));
    };
    let mut loaded = Vec::new();
    for &t in &sides {
        let (fns, origin) = load(&root, t, test, args.snapshot)?;
        loaded.push((t, fns, origin));
    }
    print_test(test, &loaded);
    Ok(exit::OK)
}

/// The functions of `test` for `target`: freshly emitted, or from the snapshot when the
/// toolchain is missing (or `snapshot` is asked for). The string says where they came from.
fn load(
    root: &Path,
    target: AsmTarget,
    test: &Test,
    snapshot: bool,
) -> Result<(Vec<Function>, String), CliError> {
    let from_snapshot = |why: String| -> Result<(Vec<Function>, String), CliError> {
        let path = emit::snapshot_path(root, target, &test.name);
        match emit::read_snapshot(root, target, &test.name) {
            Some(f) => Ok((f, format!("from the snapshot {} ({why})", path.display()))),
            None => Err(CliError {
                message: format!(
                    "{}: {why}, and there is no snapshot {}",
                    target.key(),
                    path.display()
                ),
                code: 1,
            }),
        }
    };
    if snapshot {
        return from_snapshot("--snapshot".into());
    }
    match emit::emit_functions(root, target) {
        Ok(all) => {
            let fns = check::test_functions(test, &all);
            if fns.len() < test.threads.len() {
                return from_snapshot(format!(
                    "the fresh {} build lacks {} of its {} thread functions",
                    target.key(),
                    test.threads.len() - fns.len(),
                    test.threads.len()
                ));
            }
            Ok((
                fns,
                "freshly built: cargo rustc --release --emit asm".into(),
            ))
        }
        Err(emit::EmitError::Unavailable(why)) => from_snapshot(why),
        Err(e) => Err(CliError {
            message: format!("{}: {e}", target.key()),
            code: 1,
        }),
    }
}

/// A function's lines, each marked `>` when ordering-relevant, with its signature item.
fn marked(f: &Function, arch: Arch, nparams: usize) -> Vec<(String, Option<sig::SigItem>)> {
    let ann = sig::annotate(f, arch, Some(nparams));
    f.body
        .iter()
        .zip(ann)
        .map(|(l, a)| {
            let text = if l.ends_with(':') {
                l.clone()
            } else {
                let (m, ops) = l.split_once('\t').unwrap_or((l, ""));
                format!("  {:<7} {}", m, ops).trim_end().to_string()
            };
            let mark = if a.is_some() { "> " } else { "  " };
            (format!("{mark}{text}"), a)
        })
        .collect()
}

fn print_test(test: &Test, sides: &[(AsmTarget, Vec<Function>, String)]) {
    println!("{}", test.name);
    for (t, _, origin) in sides {
        println!("  {}: {origin}", t.key());
    }
    for th in &test.threads {
        let path = expect::thread_path(test, th.index);
        println!("\nP{}  {path}", th.index);
        let mut cols: Vec<Vec<(String, Option<sig::SigItem>)>> = Vec::new();
        let mut sigs: Vec<Option<Vec<String>>> = Vec::new();
        for (t, fns, _) in sides {
            match emit::find(fns, &path) {
                Some(f) => {
                    cols.push(marked(f, t.arch(), th.params.len()));
                    sigs.push(Some(sig::tokens(f, t.arch(), Some(th.params.len()))));
                }
                None => {
                    cols.push(vec![("  (function not found)".into(), None)]);
                    sigs.push(None);
                }
            }
        }
        if sides.len() == 1 {
            let w = cols[0].iter().map(|(l, _)| l.len()).max().unwrap_or(0);
            for (l, a) in &cols[0] {
                match a {
                    Some(item) => println!("  {l:<w$}  ; {}", sig::gloss(&item.token)),
                    None => println!("  {l}"),
                }
            }
        } else {
            let w = cols
                .iter()
                .flat_map(|c| c.iter().map(|(l, _)| l.len()))
                .max()
                .unwrap_or(0)
                .max(sides[0].0.key().len() + 2);
            println!("  {:<w$} | {}", sides[0].0.key(), sides[1].0.key());
            let n = cols[0].len().max(cols[1].len());
            for i in 0..n {
                let a = cols[0].get(i).map(|x| x.0.as_str()).unwrap_or("");
                let b = cols[1].get(i).map(|x| x.0.as_str()).unwrap_or("");
                println!("  {a:<w$} | {b}");
            }
        }
        // Statement by statement: what the mapping says each becomes, glossed.
        println!("  ordering, statement by statement:");
        for st in &th.body {
            if matches!(st.op, crate::litmus::Op::Local { .. }) {
                continue;
            }
            println!("    {}", crate::litmus::print::print_op(&st.op).trim());
            for (t, _, _) in sides {
                let toks = expect::lower(&st.op, *t);
                if toks.is_empty() {
                    println!(
                        "      {:<13} (no instruction) ; {}",
                        t.key(),
                        no_insn_gloss(*t)
                    );
                }
                for tok in toks {
                    println!("      {:<13} {tok} ; {}", t.key(), sig::gloss(&tok));
                }
            }
        }
        for ((t, _, _), s) in sides.iter().zip(&sigs) {
            let expected = expect::thread_signature(th, *t);
            match s {
                Some(s) if expect::same(s, &expected) => {
                    println!(
                        "  {:<13} signature {} (matches the mapping)",
                        t.key(),
                        sig::render(s)
                    )
                }
                Some(s) => println!(
                    "  {:<13} signature {} DIFFERS from the mapping's {}",
                    t.key(),
                    sig::render(s),
                    sig::render(&expected)
                ),
                None => {}
            }
        }
    }
}

/// A map-driven test's thread functions (the map's real code), fresh or from the snapshot.
fn show_map_test(
    root: &Path,
    name: &str,
    sides: &[AsmTarget],
    snapshot: bool,
) -> Result<u8, CliError> {
    println!("{name} (the map's real code; not checked against the mapping)");
    for &t in sides {
        let fresh = if snapshot {
            None
        } else {
            emit::emit_functions(root, t).ok().and_then(|all| {
                check::map_tests(&all)
                    .into_iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, f)| f)
            })
        };
        let (fns, origin) = match fresh {
            Some(f) => (f, "freshly built".to_string()),
            None => match emit::read_snapshot(root, t, name) {
                Some(f) => (
                    f,
                    format!(
                        "from the snapshot {}",
                        emit::snapshot_path(root, t, name).display()
                    ),
                ),
                None => {
                    return Err(CliError::bad_input(format!(
                        "unknown map test `{name}` for {} (no function, no snapshot)",
                        t.key()
                    )))
                }
            },
        };
        println!("\n== {} ({origin})", t.key());
        for f in &fns {
            println!("\n{}", f.path);
            let lines = marked(f, t.arch(), usize::MAX);
            let w = lines.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
            for (l, a) in &lines {
                match a {
                    Some(item) if item.kind != sig::Kind::Plain => {
                        println!("  {l:<w$}  ; {}", sig::gloss(&item.token))
                    }
                    _ => println!("  {l}"),
                }
            }
        }
    }
    Ok(exit::OK)
}

fn no_insn_gloss(t: AsmTarget) -> &'static str {
    match t.arch() {
        Arch::X86_64 => "x86-TSO already gives this ordering; only the compiler is restrained",
        Arch::Aarch64 => "nothing to order",
    }
}

fn kernel_by_name(name: &str) -> Option<Kernel> {
    [Arch::X86_64, Arch::Aarch64]
        .into_iter()
        .flat_map(kernels::kernels_for)
        .find(|k| k.test().name == name)
}

fn show_kernel(root: &Path, name: &str, _sides: &[AsmTarget]) -> Result<u8, CliError> {
    let Some(k) = kernel_by_name(name) else {
        return Err(CliError::bad_input(format!(
            "unknown asm kernel `{name}` (see `orderlab asm --kernels`)"
        )));
    };
    let path = root.join(k.file);
    let src = std::fs::read_to_string(&path)
        .map_err(|e| CliError::bad_input(format!("{}: {e}", path.display())))?;
    let fns = extract::functions(&src, k.arch);
    println!("{}  ({}, hand-written)", k.test().name, k.file);
    if let Some(d) = &k.test().doc {
        println!("  {d}");
    }
    println!("  C approximation: {}", k.note);
    let verdicts: Vec<String> = k
        .expected
        .iter()
        .map(|(m, v)| format!("{m} {}", v.letter()))
        .collect();
    println!(
        "  documented instruction-level verdicts of the target outcome: {}",
        verdicts.join(", ")
    );
    for (i, th) in k.threads.iter().enumerate() {
        println!("\nP{i}  {}", th.symbol);
        let Some(f) = fns.iter().find(|f| f.path == th.symbol) else {
            println!("  (not found in {})", k.file);
            continue;
        };
        let lines = marked(f, k.arch, 2);
        let w = lines.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
        for (l, a) in &lines {
            match a {
                Some(item) => println!("  {l:<w$}  ; {}", sig::gloss(&item.token)),
                None => println!("  {l}"),
            }
        }
    }
    Ok(exit::OK)
}

fn list_kernels() -> Result<u8, CliError> {
    for arch in [Arch::X86_64, Arch::Aarch64] {
        for k in kernels::kernels_for(arch) {
            let verdicts: Vec<String> = k
                .expected
                .iter()
                .map(|(m, v)| format!("{m}={}", v.letter()))
                .collect();
            let linked = match k.why_not_linked() {
                None => "linked".to_string(),
                Some(why) => format!("not in this build: {why}"),
            };
            println!(
                "{:<22} {:<21} {:<40} {}",
                k.test().name,
                k.file,
                verdicts.join(" "),
                linked
            );
        }
    }
    Ok(exit::OK)
}

fn run_kernels(args: &Args) -> Result<u8, CliError> {
    let ks: Vec<Kernel> = kernels::kernels()
        .into_iter()
        .filter(|k| args.test.as_deref().is_none_or(|n| k.test().name == n))
        .collect();
    if ks.is_empty() {
        return Err(CliError::bad_input(match &args.test {
            Some(n) => match kernel_by_name(n).and_then(|k| k.why_not_linked()) {
                Some(why) => format!("asm kernel `{n}` is not in this build: {why}"),
                None => format!("no asm kernel `{n}` in this build (see `orderlab asm --kernels`)"),
            },
            None => "no asm kernels in this build".into(),
        }));
    }
    let platform = kernels::platform_model();
    let per_round = 1000usize;
    let iterations = if args.iterations == 0 {
        200_000
    } else {
        args.iterations
    };
    let rounds = (iterations as usize).div_ceil(per_round);
    println!(
        "platform model: {platform} ({}); driver: asm::kernels::quick_run, {} iterations each",
        std::env::consts::ARCH,
        rounds * per_round
    );
    let mut code = exit::OK;
    for k in &ks {
        let test = k.test();
        let obs = test.observables();
        let hist = kernels::quick_run(k, per_round, rounds);
        println!("\nTest {} ({})", test.name, k.file);
        let (mut pos, mut total) = (0u64, 0u64);
        for (state, n) in &hist {
            let target = test.is_target(&obs, state);
            if target {
                pos += n;
            }
            total += n;
            println!(
                "{n:>10}{} {}",
                if target { "*>" } else { ":>" },
                crate::litmus::ast::format_state(&obs, state)
            );
        }
        let obs_word = if pos == 0 {
            "Never"
        } else if pos == total {
            "Always"
        } else {
            "Sometimes"
        };
        println!("Observation {} {obs_word} {pos} {}", test.name, total - pos);
        let verdict = match k.expected(platform) {
            Some(kernels::Verdict::Forbidden) if pos > 0 => {
                code = exit::FORBIDDEN_OBSERVED;
                "FAIL: forbidden on this platform, observed"
            }
            Some(kernels::Verdict::Forbidden)
                if platform == "qemu-x86"
                    && k.expected("armv8") == Some(kernels::Verdict::Allowed) =>
            {
                "ok: allowed on armv8, not observable on this platform (qemu-x86)"
            }
            Some(kernels::Verdict::Forbidden) => "ok: forbidden, not observed",
            Some(kernels::Verdict::Allowed) if pos > 0 => "ok: allowed, observed",
            Some(kernels::Verdict::Allowed) => "ok: allowed, not observed in this run",
            None => "no documented verdict for this platform",
        };
        println!("Verdict ({platform}, documented): {verdict}");
    }
    Ok(code)
}

fn bless(root: &Path, targets: &[AsmTarget]) -> Result<u8, CliError> {
    let tests = check::catalog(root).map_err(CliError::bad_input)?;
    for &t in targets {
        let all = emit::emit_functions(root, t).map_err(|e| CliError {
            message: format!("{}: {e}", t.key()),
            code: 1,
        })?;
        let dir = emit::snapshot_dir(root, t);
        let mut written = std::collections::BTreeSet::new();
        for test in &tests {
            let fns = check::test_functions(test, &all);
            if fns.is_empty() {
                continue;
            }
            let path = emit::snapshot_path(root, t, &test.name);
            emit::write_atomic(&path, &emit::snapshot_text(t, &test.name, &fns))
                .map_err(|e| CliError::bad_input(format!("{}: {e}", path.display())))?;
            written.insert(path);
        }
        for (name, fns) in check::map_tests(&all) {
            let path = emit::snapshot_path(root, t, &name);
            emit::write_atomic(&path, &emit::snapshot_text(t, &name, &fns))
                .map_err(|e| CliError::bad_input(format!("{}: {e}", path.display())))?;
            written.insert(path);
        }
        // Drop snapshots of tests that are gone.
        if let Ok(rd) = std::fs::read_dir(&dir) {
            for e in rd.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "s") && !written.contains(&p) {
                    let _ = std::fs::remove_file(&p);
                }
            }
        }
        println!(
            "{}: {} snapshot files in {}",
            t.key(),
            written.len(),
            dir.display()
        );
    }
    Ok(exit::OK)
}

fn check_all(root: &Path, targets: &[AsmTarget], snapshots: bool) -> Result<u8, CliError> {
    let tests = check::catalog(root).map_err(CliError::bad_input)?;
    let mut failed = 0usize;
    let mut total = 0usize;
    for &t in targets {
        let listing = if snapshots {
            None
        } else {
            Some(emit::emit_functions(root, t).map_err(|e| CliError {
                message: format!("{}: {e}", t.key()),
                code: 1,
            })?)
        };
        let mut results: Vec<ThreadCheck> = Vec::new();
        for test in &tests {
            let snap;
            let fns: &[Function] = match &listing {
                Some(all) => all,
                None => {
                    snap = emit::read_snapshot(root, t, &test.name).unwrap_or_default();
                    &snap
                }
            };
            results.extend(check::check_test(test, fns, t));
        }
        let bad: Vec<&ThreadCheck> = results.iter().filter(|c| !c.ok()).collect();
        for c in &bad {
            print!("MISMATCH {}", c.diff(t));
        }
        println!(
            "{}: {} of {} thread signatures match the compile mapping ({})",
            t.key(),
            results.len() - bad.len(),
            results.len(),
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
    Ok(if failed == 0 { exit::OK } else { 1 })
}
