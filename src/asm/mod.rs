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
//! * [`expect`]: the expected signature of a litmus thread, from the compile mapping, with the
//!   dependencies its code must keep;
//! * [`deps`]: the dependencies emitted aarch64 code has, followed through its registers.
//! * [`emit`]: run `cargo rustc --emit asm` for a target; read and bless the checked-in
//!   snapshots.
//! * [`show`]: what `orderlab asm` prints: marked, glossed functions side by side.

pub mod check;
pub mod deps;
pub mod emit;
pub mod expect;
pub mod extract;
pub mod show;
pub mod sig;

#[cfg(test)]
mod tests;
