//! Producing and reading emitted asm.
