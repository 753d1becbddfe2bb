//! Emitted assembly: extracting the functions the lab inspects from `rustc --emit asm`
//! output, reducing each to its *ordering signature*, and comparing that signature with what
//! the compile mapping expects.
//!
//! The ordering signature of a function is the ordered list of its ordering-relevant
//! instructions: barriers (`mfence`, `dmb ish`, ...), acquire/release accesses (`ldar`,
//! `ldapr`, `stlr`), locked or atomic read-modify-writes (`xchg`, `lock cmpxchg`, `casal`,
//! calls to the `__aarch64_*` outline-atomics helpers) and plain accesses to the thread's
//! shared locations (`mov`, `ldr`, `str`). Register allocation, constants, stack traffic and
//! the stores that return the thread's registers are not part of it, so a new register
//! allocation does not change a signature, but a changed mapping does.
//!
//! * [`extract`]: split an `.s` file into functions by (demangled) symbol and clean them.
//! * [`sig`]: classify instructions and compute signatures; one-line glosses.
//! * [`expect`]: the expected signature of a litmus thread, from the compile mapping.
//! * [`emit`]: run `cargo rustc --emit asm` for a target, read the checked-in snapshots.
//! * [`kernels`]: the hand-written litmus kernels of `asm/<arch>/*.S`.

pub mod check;
pub mod emit;
pub mod expect;
pub mod extract;
pub mod kernels;
pub mod sig;

use std::fmt;

/// The code-generation targets the lab compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AsmTarget {
    /// x86_64, rustc's defaults.
    X86_64,
    /// aarch64, rustc's defaults (LDAR for Acquire loads, outline-atomics calls for RMWs).
    Aarch64,
    /// aarch64 with `-C target-feature=+rcpc` (LDAPR for Acquire loads).
    Aarch64Rcpc,
    /// aarch64 with `-C target-feature=+lse` (inline CASAL/SWPAL/LDADDAL).
    Aarch64Lse,
}

/// The instruction set of a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arch {
    X86_64,
    Aarch64,
}

impl AsmTarget {
    pub const ALL: [AsmTarget; 4] = [
        AsmTarget::X86_64,
        AsmTarget::Aarch64,
        AsmTarget::Aarch64Rcpc,
        AsmTarget::Aarch64Lse,
    ];

    /// The key used on the command line and as the snapshot directory name.
    pub fn key(self) -> &'static str {
        match self {
            AsmTarget::X86_64 => "x86_64",
            AsmTarget::Aarch64 => "aarch64",
            AsmTarget::Aarch64Rcpc => "aarch64+rcpc",
            AsmTarget::Aarch64Lse => "aarch64+lse",
        }
    }

    pub fn from_key(s: &str) -> Option<AsmTarget> {
        AsmTarget::ALL.into_iter().find(|t| t.key() == s)
    }

    pub fn arch(self) -> Arch {
        match self {
            AsmTarget::X86_64 => Arch::X86_64,
            _ => Arch::Aarch64,
        }
    }

    /// The rustc target triple.
    pub fn triple(self) -> &'static str {
        match self.arch() {
            Arch::X86_64 => "x86_64-unknown-linux-gnu",
            Arch::Aarch64 => "aarch64-unknown-linux-gnu",
        }
    }

    /// Extra rustc flags for this target (beyond `--emit asm`).
    pub fn rustc_flags(self) -> &'static [&'static str] {
        match self {
            // Intel syntax: `xchg dword ptr [rdi], eax` reads closer to the manuals.
            AsmTarget::X86_64 => &["-C", "llvm-args=-x86-asm-syntax=intel"],
            AsmTarget::Aarch64 => &[],
            AsmTarget::Aarch64Rcpc => &["-C", "target-feature=+rcpc"],
            AsmTarget::Aarch64Lse => &["-C", "target-feature=+lse"],
        }
    }
}

impl fmt::Display for AsmTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

pub use kernels::kernel_tests;
