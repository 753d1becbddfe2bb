//! Shared by the integration tests: running the `orderlab` binary, knowing where a budget
//! cannot be met.

use std::process::Command;

/// The binary, through qemu-user when this test itself runs under qemu-user (the kernel cannot
/// exec an aarch64 binary on an x86 host). `ORDERLAB_TEST_RUNNER` overrides the wrapper.
#[allow(dead_code)]
pub fn command() -> Command {
    let runner = std::env::var("ORDERLAB_TEST_RUNNER").ok().or_else(|| {
        (orderlab::machine::Platform::detect_hw() == orderlab::machine::Platform::QemuX86)
            .then(|| "qemu-aarch64 -L /usr/aarch64-linux-gnu".to_string())
    });
    let mut words = runner.as_deref().unwrap_or("").split_whitespace();
    match words.next() {
        Some(prog) => {
            let mut c = Command::new(prog);
            c.args(words).arg(env!("CARGO_BIN_EXE_orderlab"));
            c
        }
        None => Command::new(env!("CARGO_BIN_EXE_orderlab")),
    }
}

/// Is this a debug build (unoptimised test and `orderlab` binaries) running under qemu-user?
/// There, emulated debug code is too slow for the threads of a litmus test to overlap, so a
/// test that needs a weak outcome within a budget cannot meet it (`cross test` without
/// `--release`); such a test skips, saying so, and the release build runs it.
#[allow(dead_code)]
pub fn debug_under_qemu() -> bool {
    cfg!(debug_assertions)
        && orderlab::machine::Platform::detect_hw() == orderlab::machine::Platform::QemuX86
}
