//! # orderlab — a memory-ordering lab for Rust atomics on x86-TSO and ARMv8
//!
//! (crate documentation: see README.md; filled in as the lab grows)

pub mod asm;
pub mod cli;
pub mod litmus;
pub mod run;
pub mod sync;

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
