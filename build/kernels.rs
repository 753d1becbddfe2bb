//! Assembles the hand-written litmus kernels of `asm/<arch>/*.S` with `cc`, for the
//! architecture being built only (x86_64 files for an x86_64 target, aarch64 files for an
//! aarch64 target), and sets `cfg(orderlab_kernels)` when they are linked in.
//!
//! `ORDERLAB_SKIP_KERNELS=1` skips them (used by `orderlab asm` when it builds the library
//! only to read its emitted asm, so that no cross C compiler is needed).

use std::path::Path;

pub fn main() {
    println!("cargo::rustc-check-cfg=cfg(orderlab_kernels)");
    println!("cargo:rerun-if-env-changed=ORDERLAB_SKIP_KERNELS");
    println!("cargo:rerun-if-changed=asm/x86_64");
    println!("cargo:rerun-if-changed=asm/aarch64");
    if std::env::var_os("ORDERLAB_SKIP_KERNELS").is_some_and(|v| v != "0") {
        return;
    }
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    if arch != "x86_64" && arch != "aarch64" {
        return;
    }
    let dir = Path::new("asm").join(&arch);
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(d) => d
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "S"))
            .collect(),
        Err(_) => return,
    };
    files.sort();
    if files.is_empty() {
        return;
    }
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    cc::Build::new().files(&files).compile("orderlab_kernels");
    println!("cargo:rustc-cfg=orderlab_kernels");
}
