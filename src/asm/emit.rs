//! Producing emitted asm with `cargo rustc --emit asm`, and the checked-in snapshots of
//! `asm/emitted/<target>/<test>.s`.

use super::extract::{self, Function};
use crate::machine::Target;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why fresh asm could not be produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmitError {
    /// The toolchain for the target is not installed (the message says what is missing).
    Unavailable(String),
    /// The build ran and failed.
    BuildFailed(String),
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmitError::Unavailable(m) => write!(f, "toolchain unavailable: {m}"),
            EmitError::BuildFailed(m) => write!(f, "build failed: {m}"),
        }
    }
}

/// The crate's source root (where `Cargo.toml`, `litmus/` and `asm/` live).
pub fn source_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

/// Is the Rust standard library for `target` installed?
pub fn toolchain_available(target: Target) -> Result<(), EmitError> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let out = Command::new(&rustc)
        .args(["--print", "target-libdir", "--target", target.triple()])
        .output()
        .map_err(|e| EmitError::Unavailable(format!("cannot run `{rustc}`: {e}")))?;
    if !out.status.success() {
        return Err(EmitError::Unavailable(format!(
            "`{rustc} --print target-libdir --target {}` failed",
            target.triple()
        )));
    }
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let has_core = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("libcore-"))
        })
        .unwrap_or(false);
    if has_core {
        Ok(())
    } else {
        Err(EmitError::Unavailable(format!(
            "the standard library for {} is not installed (rustup target add {})",
            target.triple(),
            target.triple()
        )))
    }
}

/// Extra rustc flags for a target's emitted asm (beyond `--emit asm`).
pub fn rustc_flags(target: Target) -> &'static [&'static str] {
    match target {
        // Intel syntax: `xchg dword ptr [rdi], eax` reads closer to the manuals.
        Target::X86_64 => &["-C", "llvm-args=-x86-asm-syntax=intel"],
        Target::Aarch64 => &[],
        Target::Aarch64Rcpc => &["-C", "target-feature=+rcpc"],
        Target::Aarch64Lse => &["-C", "target-feature=+lse"],
    }
}

/// The caller's `RUSTFLAGS`, plus `--cfg orderlab_asm`.
fn asm_rustflags() -> String {
    let mut f = std::env::var("RUSTFLAGS").unwrap_or_default();
    if !f.is_empty() {
        f.push(' ');
    }
    f.push_str("--cfg orderlab_asm");
    f
}

/// Build the library of the crate at `root` for `target` with `--emit asm` (release,
/// one codegen unit, no debug info, `--cfg orderlab_asm`, in its own target directory
/// `target/asm-emit/<key>` so it does not disturb normal builds) and return the listing's text.
pub fn emit(root: &Path, target: Target) -> Result<String, EmitError> {
    toolchain_available(target)?;
    let target_dir = root.join("target").join("asm-emit").join(target.key());
    let mut cmd = Command::new(cargo());
    cmd.current_dir(root)
        .args(["rustc", "--quiet", "--release", "--lib", "--target"])
        .arg(target.triple())
        .arg("--target-dir")
        .arg(&target_dir)
        .args(["--", "--emit", "asm", "-C", "codegen-units=1"])
        .args(rustc_flags(target))
        // Line tables only add `.loc` noise to the listing.
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        // The asm kernels are not needed for a library-only build, and skipping them means
        // no cross C compiler is needed.
        .env("ORDERLAB_SKIP_KERNELS", "1")
        // Without the checkers (loom, shuttle and their dependencies): a smaller, faster build
        // whose listing holds only the code the lab inspects.
        .env("RUSTFLAGS", asm_rustflags());
    let out = cmd
        .output()
        .map_err(|e| EmitError::Unavailable(format!("cannot run cargo: {e}")))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = err.lines().rev().take(15).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(EmitError::BuildFailed(tail.join("\n")));
    }
    let deps = target_dir
        .join(target.triple())
        .join("release")
        .join("deps");
    let newest = std::fs::read_dir(&deps)
        .map_err(|e| EmitError::BuildFailed(format!("{}: {e}", deps.display())))?
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n.starts_with("orderlab-") && n.ends_with(".s")
        })
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .ok_or_else(|| EmitError::BuildFailed(format!("no orderlab-*.s in {}", deps.display())))?;
    std::fs::read_to_string(newest.path())
        .map_err(|e| EmitError::BuildFailed(format!("{}: {e}", newest.path().display())))
}

/// Emit and split into functions.
pub fn emit_functions(root: &Path, target: Target) -> Result<Vec<Function>, EmitError> {
    Ok(extract::functions(&emit(root, target)?, target.arch()))
}

/// `asm/emitted/<target>/`.
pub fn snapshot_dir(root: &Path, target: Target) -> PathBuf {
    root.join("asm").join("emitted").join(target.key())
}

/// The snapshot file of a test: `asm/emitted/<target>/<test name>.s`.
pub fn snapshot_path(root: &Path, target: Target, test: &str) -> PathBuf {
    snapshot_dir(root, target).join(format!("{test}.s"))
}

/// The functions of a test's checked-in snapshot, or `None` if there is none.
pub fn read_snapshot(root: &Path, target: Target, test: &str) -> Option<Vec<Function>> {
    let text = std::fs::read_to_string(snapshot_path(root, target, test)).ok()?;
    Some(extract::snapshot_functions(&text))
}

/// The text of a snapshot file.
pub fn snapshot_text(target: Target, test: &str, functions: &[Function]) -> String {
    let mut s = format!(
        "# orderlab: emitted asm of {test} for {} (rustc --release, codegen-units=1{})\n\
         # Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.\n",
        target.key(),
        rustc_flags(target)
            .iter()
            .filter(|f| *f != &"-C")
            .map(|f| format!(", -C {f}"))
            .collect::<String>()
    );
    for f in functions {
        s.push('\n');
        s.push_str(&f.to_snapshot());
    }
    s
}

/// Write a file atomically: a temp file next to it, then a rename.
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::fsutil::write_atomic(path, contents.as_bytes())
}

/// The first function whose path matches `want` (see [`extract::path_matches`]).
pub fn find<'a>(functions: &'a [Function], want: &str) -> Option<&'a Function> {
    functions.iter().find(|f| f.path == want).or_else(|| {
        functions
            .iter()
            .find(|f| extract::path_matches(&f.path, want))
    })
}

/// Rewrite `asm/emitted/<target>/*.s` for every catalog and map test from fresh asm, and drop
/// the snapshots of tests that are gone. Returns, per target, the snapshot directory and the
/// number of files written.
pub fn bless(root: &Path, targets: &[Target]) -> Result<Vec<(Target, PathBuf, usize)>, String> {
    let tests = crate::suite::catalog::tests();
    let mut done = Vec::new();
    for &t in targets {
        let all = emit_functions(root, t).map_err(|e| format!("{}: {e}", t.key()))?;
        let dir = snapshot_dir(root, t);
        let mut written = std::collections::BTreeSet::new();
        let catalog = tests
            .iter()
            .map(|test| (test.name.clone(), super::check::test_functions(test, &all)));
        for (name, fns) in catalog.chain(super::check::map_tests(&all)) {
            if fns.is_empty() {
                continue;
            }
            let path = snapshot_path(root, t, &name);
            write_atomic(&path, &snapshot_text(t, &name, &fns))
                .map_err(|e| format!("{}: {e}", path.display()))?;
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
        done.push((t, dir, written.len()));
    }
    Ok(done)
}
