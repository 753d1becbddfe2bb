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
//! The litmus runner's harness deliberately does NOT use the switch: it needs real threads
//! pinned to real cores.
//!
//! (`--cfg orderlab_asm`, the emitted-asm build of `asm::emit`, has neither loom nor shuttle.)
//!
//! [`named`] names each backend whatever the switch says: `orderlab checkers` (`crate::checkers`)
//! runs every litmus test's thread functions on loom and on shuttle in one ordinary build.

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

/// Each backend by name, in every build, with the one interface the interpreter needs.
pub(crate) mod named {
    use std::sync::atomic::Ordering;

    /// std's atomics.
    pub(crate) mod std_ {
        pub(crate) use std::sync::atomic;
    }

    /// loom's atomics and model checker.
    #[cfg(not(orderlab_asm))]
    pub(crate) mod loom {
        pub(crate) use loom::model::Builder;
        pub(crate) use loom::sync::atomic;
        pub(crate) use loom::thread;
    }

    /// shuttle's atomics and schedulers.
    #[cfg(not(orderlab_asm))]
    pub(crate) mod shuttle {
        pub(crate) use shuttle::scheduler::{PctScheduler, RandomScheduler};
        pub(crate) use shuttle::sync::atomic;
        pub(crate) use shuttle::{thread, Config, Runner};
    }

    /// A backend's 32-bit atomic integer: the operations a litmus thread performs.
    pub(crate) trait Int: Send + Sync {
        fn make(v: i32) -> Self;
        fn load(&self, o: Ordering) -> i32;
        fn store(&self, v: i32, o: Ordering);
        fn swap(&self, v: i32, o: Ordering) -> i32;
        fn fetch_add(&self, v: i32, o: Ordering) -> i32;
        fn fetch_sub(&self, v: i32, o: Ordering) -> i32;
        fn fetch_or(&self, v: i32, o: Ordering) -> i32;
        fn fetch_and(&self, v: i32, o: Ordering) -> i32;
        fn fetch_xor(&self, v: i32, o: Ordering) -> i32;
        fn compare_exchange(&self, c: i32, n: i32, s: Ordering, f: Ordering) -> Result<i32, i32>;
        fn compare_exchange_weak(
            &self,
            c: i32,
            n: i32,
            s: Ordering,
            f: Ordering,
        ) -> Result<i32, i32>;
    }

    /// A backend: its integer and its fence.
    pub(crate) trait Backend {
        type Int: Int;
        fn fence(o: Ordering);
    }

    /// Read-modify-writes that forward to the backend's method of the same name.
    macro_rules! rmw {
        ($($f:ident),*) => {
            $(
                fn $f(&self, v: i32, o: Ordering) -> i32 {
                    Self::$f(self, v, o)
                }
            )*
        };
    }

    /// Compare-exchanges that forward to the backend's method of the same name.
    macro_rules! cas {
        ($($f:ident),*) => {
            $(
                fn $f(&self, c: i32, n: i32, s: Ordering, f: Ordering) -> Result<i32, i32> {
                    Self::$f(self, c, n, s, f)
                }
            )*
        };
    }

    macro_rules! backend {
        ($b:ident, $($m:ident)::+) => {
            /// The backend of this module's atomics.
            pub(crate) struct $b;

            impl Backend for $b {
                type Int = $($m)::+::AtomicI32;
                fn fence(o: Ordering) {
                    $($m)::+::fence(o)
                }
            }

            impl Int for $($m)::+::AtomicI32 {
                fn make(v: i32) -> Self {
                    Self::new(v)
                }
                fn load(&self, o: Ordering) -> i32 {
                    Self::load(self, o)
                }
                fn store(&self, v: i32, o: Ordering) {
                    Self::store(self, v, o)
                }
                rmw!(swap, fetch_add, fetch_sub, fetch_or, fetch_and, fetch_xor);
                cas!(compare_exchange, compare_exchange_weak);
            }
        };
    }

    backend!(Std, std_::atomic);
    #[cfg(not(orderlab_asm))]
    backend!(Loom, loom::atomic);
    #[cfg(not(orderlab_asm))]
    backend!(Shuttle, shuttle::atomic);
}
