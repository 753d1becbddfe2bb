//! Assembles the hand-written litmus kernels of `asm/<arch>/*.S` with `cc`, for the
//! architecture being built only (x86_64 files for an x86_64 target, aarch64 files for an
//! aarch64 target).
//!
//! Each file is first assembled on its own with the configured C compiler (a probe, with the
//! flags `cc` would use). A file the toolchain cannot assemble is left out, never failing the
//! build: `asm/aarch64/mp_rcpc.S` needs an assembler that knows ARMv8.3's `ldapr`
//! (binutils 2.30 and later accept it; 2.26.1, the cross assembler of Ubuntu 16.04 and so of
//! cross 0.2.5's aarch64 image, does not). A left-out file gets a `cargo:warning` naming the
//! file, the assembler's first error and the fix; the files that assemble are linked.
//!
//! What the crate sees:
//! * `cfg(orderlab_kernels)` when at least one file is linked in;
//! * `cfg(orderlab_kernel = "<file stem>")` for each linked file (`sb`, `mp`, `mp_rcpc`), so that
//!   a left-out file's symbols are never referenced;
//! * `$OUT_DIR/kernels_skipped.txt`: one `file<TAB>reason` line per left-out file of the
//!   architecture being built, which `orderlab asm --kernels` prints.
//!
//! `ORDERLAB_SKIP_KERNELS=1` leaves them all out, without a warning (used by `orderlab asm` when
//! it builds the library only to read its emitted asm, so that no cross C compiler is needed).

use std::path::{Path, PathBuf};

pub fn main() {
    println!("cargo::rustc-check-cfg=cfg(orderlab_kernels)");
    println!("cargo::rustc-check-cfg=cfg(orderlab_kernel, values(\"sb\", \"mp\", \"mp_rcpc\"))");
    println!("cargo:rerun-if-env-changed=ORDERLAB_SKIP_KERNELS");
    println!("cargo:rerun-if-changed=asm/x86_64");
    println!("cargo:rerun-if-changed=asm/aarch64");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let mut skipped: Vec<(String, String)> = Vec::new();
    build(&out_dir, &mut skipped);
    let text: String = skipped
        .iter()
        .map(|(file, why)| format!("{file}\t{}\n", one_line(why)))
        .collect();
    std::fs::write(out_dir.join("kernels_skipped.txt"), text).expect("write kernels_skipped.txt");
}

fn build(out_dir: &Path, skipped: &mut Vec<(String, String)>) {
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    if arch != "x86_64" && arch != "aarch64" {
        return;
    }
    let dir = Path::new("asm").join(&arch);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(d) => d
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "S"))
            .collect(),
        Err(_) => return,
    };
    files.sort();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    if files.is_empty() {
        return;
    }
    let name = |f: &Path| f.display().to_string();
    if std::env::var_os("ORDERLAB_SKIP_KERNELS").is_some_and(|v| v != "0") {
        for f in &files {
            skipped.push((name(f), "ORDERLAB_SKIP_KERNELS is set".into()));
        }
        return;
    }
    let compiler = match cc::Build::new().cargo_warnings(false).try_get_compiler() {
        Ok(c) => c,
        Err(e) => {
            for f in &files {
                let why = format!("no C compiler for the target: {e}");
                skip(skipped, &name(f), &why, &arch);
            }
            return;
        }
    };
    let probe_dir = out_dir.join("kernel-probe");
    let _ = std::fs::create_dir_all(&probe_dir);
    let mut ok = Vec::new();
    for f in &files {
        let stem = f
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        match probe(&compiler, f, &probe_dir.join(format!("{stem}.o"))) {
            Ok(()) => ok.push((f.clone(), stem)),
            Err(why) => skip(skipped, &name(f), &why, &arch),
        }
    }
    if ok.is_empty() {
        return;
    }
    let result = cc::Build::new()
        .files(ok.iter().map(|(f, _)| f))
        .try_compile("orderlab_kernels");
    match result {
        Ok(()) => {
            println!("cargo:rustc-cfg=orderlab_kernels");
            for (_, stem) in &ok {
                println!("cargo:rustc-cfg=orderlab_kernel=\"{stem}\"");
            }
        }
        Err(e) => {
            // Every file assembled on its own; should the library still fail, build without.
            for (f, _) in &ok {
                let why = format!("building the kernel library failed: {e}");
                skip(skipped, &name(f), &why, &arch);
            }
        }
    }
}

/// Assemble `file` alone with the compiler and flags `cc` uses; on failure, why (the
/// assembler's first error line).
fn probe(compiler: &cc::Tool, file: &Path, obj: &Path) -> Result<(), String> {
    let mut cmd = compiler.to_command();
    cmd.arg("-c").arg(file).arg("-o").arg(obj);
    let tool = compiler.path().display().to_string();
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run the C compiler `{tool}`: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines = || stderr.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines()
        .find(|l| l.contains("Error:") || l.contains("error:"))
        .or_else(|| lines().find(|l| !l.ends_with("Assembler messages:")))
        .map(str::to_string)
        .unwrap_or_else(|| format!("exit status {}", out.status));
    Err(format!("`{tool}` cannot assemble it: {first}"))
}

fn fix(arch: &str) -> String {
    match arch {
        "aarch64" => "binutils 2.30 or newer for aarch64-linux-gnu (Ubuntu 18.04+, Debian 10+); \
                      with cross 0.2.5, whose image is Ubuntu 16.04 (binutils 2.26.1), an image \
                      with a newer one (Cross.toml: [target.aarch64-unknown-linux-gnu] image); \
                      or CC_aarch64_unknown_linux_gnu set to a cross compiler with a newer \
                      assembler"
            .into(),
        _ => format!("use a newer assembler for {arch}, or set CC for the target"),
    }
}

/// Leave `file` out: a build warning, and the reason (with the fix) for the crate.
fn skip(skipped: &mut Vec<(String, String)>, file: &str, why: &str, arch: &str) {
    let why = one_line(why);
    let fix = fix(arch);
    println!(
        "cargo:warning=asm kernel file {file} left out of this build: {why}. Its kernels are \
         not built or run (`orderlab asm --kernels` lists them with this reason). Fix: {fix}"
    );
    skipped.push((file.to_string(), format!("{why} (fix: {fix})")));
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
