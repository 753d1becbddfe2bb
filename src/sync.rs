//! The one switch between std, loom and shuttle primitives.
//!
//! Code that loom or shuttle must be able to drive (the production map's publication and
//! dirty-flag protocols) imports its atomics, locks and thread-locals from here, never
//! from `std` directly. The three variants are selected at compile time:
//!
//! * default: `std`;
//! * `RUSTFLAGS="--cfg orderlab_loom"`: loom's mock types (exhaustive C11 exploration; it treats
//!   SeqCst accesses like AcqRel and never produces load buffering);
//! * `--features shuttle`: shuttle's types (randomized/PCT schedules; sequentially consistent).
//!
//! The litmus runner's harness deliberately does NOT use this module: it needs real threads
//! pinned to real cores.

#[cfg(all(orderlab_loom, feature = "shuttle"))]
compile_error!("`--cfg orderlab_loom` and the `shuttle` feature are mutually exclusive");

#[cfg(orderlab_loom)]
mod imp {
    pub use loom::sync::atomic;
    pub use loom::sync::{Mutex, MutexGuard};
    pub use loom::thread_local;
}

#[cfg(all(feature = "shuttle", not(orderlab_loom)))]
mod imp {
    pub use shuttle::sync::atomic;
    pub use shuttle::sync::{Mutex, MutexGuard};
    pub use shuttle::thread_local;
}

#[cfg(not(any(orderlab_loom, feature = "shuttle")))]
mod imp {
    pub use std::sync::atomic;
    pub use std::sync::{Mutex, MutexGuard};
    pub use std::thread_local;
}

pub use imp::*;
