//! # orderlab — a memory-ordering lab for Rust atomics on x86-TSO and ARMv8
//!
//! One [`litmus::Test`] type flows through the whole lab:
//!
//! ```text
//! litmus/*.litmus ─parse─▶ Test ─┬─▶ build.rs codegen ─▶ thread fns ─▶ run ─▶ histogram ─┐
//!                                ├─▶ model::check(test, model) ─▶ allowed states + why ───┼─▶ verdict
//!                                └─▶ lowering (model::lower) ─▶ expected instructions ◀▶ emitted asm
//! map (production code) ─▶ map-driven tests (same Runnable trait) ─▶ run / loom / shuttle
//! ```
//!
//! The public API is what a user of the lab needs to parse, check and run a test, and the map:
//!
//! * [`litmus`]: herd7's C litmus syntax (parser with `FILE:LINE:COL` errors, printer);
//! * [`model`]: candidate executions and the models SC, x86-TSO, ARMv8 (with and without
//!   RCpc), RC11, C11 and QEMU-on-x86, the lowering of Rust orderings to each target's
//!   instructions, and explanations of forbidden outcomes;
//! * [`machine`]: the one vocabulary for "which machine" (architecture, target, platform);
//! * [`run`]: the engine (pinned threads reused across rounds, arrays of padded instances, a
//!   time-stamp-counter start so threads hit an instance together) and its histograms;
//! * [`suite`]: every test the lab knows (the compiled catalog, the map's own code, asm
//!   kernels, files) and the selection of tests by name, glob, file or directory;
//! * [`verdict`]: a run judged against the model of the platform it ran on;
//! * [`map`]: a Go-style bucket hash map with lock-free reads whose bucket publication (message
//!   passing) and dirty-flag handshake (store buffering) are the lab's two patterns;
//! * [`cli`]: the `orderlab` binary.
//!
//! ARCHITECTURE.md maps the code (layers, what may import what, where to add things).
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
//!   sequentially consistent. `orderlab checkers` runs every test's thread functions under
//!   both, beside the models and the hardware, and names each difference from RC11.

// The emitted-asm build (`--cfg orderlab_asm`, `asm::emit`) leaves out the checkers, so the
// helpers only they use are unused there.
#![cfg_attr(orderlab_asm, allow(unused))]

mod asm;
#[cfg(not(orderlab_asm))]
mod checkers;
mod claims;
pub mod cli;
mod fsutil;
#[doc(hidden)]
pub mod fuzzing;
pub mod litmus;
pub mod machine;
pub mod map;
pub mod model;
mod pad;
mod report;
pub mod run;
pub mod suite;
mod sync;
mod term;
pub mod verdict;
