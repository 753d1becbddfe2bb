//! # orderlab — a memory-ordering lab for Rust atomics on x86-TSO and ARMv8
//!
//! One [`litmus::Test`] type flows through the whole lab:
//!
//! ```text
//! litmus/*.litmus ─parse─▶ Test ─┬─▶ build.rs codegen ─▶ thread fns ─▶ run ─▶ histogram ─┐
//!                                ├─▶ model::check(test, model) ─▶ allowed states + why ───┼─▶ verdict
//!                                └─▶ compile mapping ─▶ expected instructions ◀▶ emitted asm
//! map (production code) ─▶ map-driven litmus tests (same Litmus trait) ─▶ run / loom / shuttle
//! ```
//!
//! * [`litmus`]: herd7's C litmus syntax (parser with `FILE:LINE:COL` errors, printer, the
//!   `expected` verdict table);
//! * [`run`]: the hardware runner (pinned threads reused across rounds, arrays of padded
//!   instances, a time-stamp-counter start so threads hit an instance together), histograms and
//!   a verdict for the platform the run happened on;
//! * [`model`]: candidate executions and the models SC, x86-TSO, ARMv8 (with and without
//!   RCpc), RC11, C11 and QEMU-on-x86, with explanations of forbidden outcomes;
//! * [`compile`]: what rustc emits for each ordering on x86_64 and aarch64;
//! * [`asm`]: emitted-assembly extraction, ordering signatures, hand-written kernels;
//! * [`map`]: a Go-style bucket hash map with lock-free reads whose bucket publication (message
//!   passing) and dirty-flag handshake (store buffering) are the lab's two patterns;
//! * [`sync`]: the std / loom / shuttle switch.
//!
//! ## What each result means, and what it cannot show
//!
//! * A verdict is always about a (test, platform, model) triple. "Not observed" on a platform is
//!   never reported as "forbidden".
//! * On x86 only store→load reordering shows (SB, R); MP, LB, IRIW never show natively.
//! * qemu-user on an x86 host inherits x86-TSO: ARM-only outcomes cannot appear there, and its
//!   translation of `stlr; ldar` lets SeqCst SB appear although ARMv8 forbids it. The lab models
//!   that platform separately (`qemu-x86`).
//! * loom treats SeqCst accesses as AcqRel and never produces load buffering; shuttle is
//!   sequentially consistent. The map's loom and shuttle suites use each for what it can show.

pub mod asm;
pub mod catalog;
pub mod cli;
pub mod compile;
pub mod fsutil;
pub mod litmus;
pub mod map;
pub mod model;
pub mod report;
pub mod run;
pub mod sync;
pub mod teach;

/// An error the CLI reports: a message (with a `FILE:LINE:COL:` prefix where there is a
/// location) and the process exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    pub message: String,
    pub code: u8,
}

/// Exit codes used by the `orderlab` binary.
pub mod exit {
    /// Every verdict is `ok`.
    pub const OK: u8 = 0;
    /// An outcome forbidden on this platform was observed.
    pub const FORBIDDEN_OBSERVED: u8 = 1;
    /// Bad input: a malformed litmus file, an unknown test, bad arguments.
    pub const BAD_INPUT: u8 = 2;
    /// A test hung and the watchdog stopped it.
    pub const HUNG: u8 = 3;
}

impl CliError {
    pub fn bad_input(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: exit::BAD_INPUT,
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}
