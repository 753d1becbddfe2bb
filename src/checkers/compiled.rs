//! The catalog's generated thread functions on loom's and on shuttle's atomics: `build.rs`'s
//! `catalog.rs`, the same file `crate::suite::catalog` includes on std atomics, included once
//! more per backend. The checkers run exactly the code the hardware runs; nothing is written
//! per test.

/// Run thread `thread` (position in `Test::threads`) on the locations (in
/// `Test::locations_all()` order), handing its registers (in `Thread::registers()` order) on.
pub(crate) type Run<I> = fn(usize, &[&I], &mut dyn FnMut(&[i32]));

/// The glue of the generated modules in each backend module below (the macro's `atomic` is
/// the calling module's): a table of every test's name and threads.
macro_rules! compiled_tests {
    ($($m:ident),* $(,)?) => {
        /// Every compiled catalog test: its name and its threads.
        pub(crate) static RUN: &[(&str, super::Run<atomic::AtomicI32>)] =
            &[$(($m::NAME, |t, l, r| $m::run_thread(t, l, |x| r(x)))),*];
    };
}

/// The generated code on loom's atomics.
pub(crate) mod on_loom {
    use crate::sync::named::loom::atomic;
    include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
}

/// The generated code on shuttle's atomics.
pub(crate) mod on_shuttle {
    use crate::sync::named::shuttle::atomic;
    include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
}

/// The compiled threads of catalog test `name` in `table`.
pub(crate) fn find<I>(table: &[(&str, Run<I>)], name: &str) -> Option<Run<I>> {
    table.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}
