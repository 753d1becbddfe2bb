//! Catalog tests compiled by `build.rs`: each test is a [`Kernel`] (generated, with one
//! `#[inline(never)]` function per thread) and runs through [`Compiled`], whose instance loop
//! calls the kernel statically — no dynamic dispatch per instance.

use super::layout::{Layout, Line};
use super::{drive, Aborted, Instances, Litmus, RoundCtx, Source};
use crate::litmus::Test;
use std::marker::PhantomData;
use std::sync::atomic::AtomicI32;

/// A generated catalog test.
pub trait Kernel: Send + Sync + 'static {
    /// The test's name (`C NAME`).
    const NAME: &'static str;
    /// The file, relative to the crate root.
    const PATH: &'static str;
    /// The file's text.
    const SOURCE: &'static str;
    /// Run thread `thread` (index in `Test::threads`) on one instance's locations (numbered in
    /// `Test::locations_all()` order), storing its registers (in `Thread::registers()` order).
    fn run_thread(thread: usize, locs: &[Line<AtomicI32>], regs: &[AtomicI32]);
}

/// The [`Litmus`] impl of a generated catalog test.
pub struct Compiled<K: Kernel> {
    test: Test,
    _k: PhantomData<K>,
}

impl<K: Kernel> Compiled<K> {
    /// Parse the embedded source (it parsed at build time, so this cannot fail short of a bug).
    pub fn new() -> Self {
        let test = crate::litmus::parse::parse(K::SOURCE, K::PATH)
            .unwrap_or_else(|e| panic!("catalog file parsed at build time but not now: {e}"));
        Compiled {
            test,
            _k: PhantomData,
        }
    }
}

impl<K: Kernel> Default for Compiled<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Kernel> Litmus for Compiled<K> {
    fn test(&self) -> &Test {
        &self.test
    }
    fn source(&self) -> Source {
        Source::Catalog
    }
    fn path(&self) -> Option<&str> {
        Some(K::PATH)
    }
    fn instances(&self, n: usize) -> Box<dyn Instances> {
        Box::new(CompiledInstances::<K> {
            // The build script checked every value fits an i32.
            layout: Layout::new(&self.test, n).expect("catalog layout checked at build time"),
            _k: PhantomData,
        })
    }
}

struct CompiledInstances<K: Kernel> {
    layout: Layout,
    _k: PhantomData<K>,
}

impl<K: Kernel> Instances for CompiledInstances<K> {
    fn len(&self) -> usize {
        self.layout.len()
    }
    fn run(&self, thread: usize, instance: usize) {
        K::run_thread(
            thread,
            self.layout.locs(instance),
            self.layout.regs(thread, instance),
        );
    }
    fn outcome(&self, instance: usize, out: &mut [i64]) {
        self.layout.outcome(instance, out);
    }
    fn outcomes(&self, range: std::ops::Range<usize>, out: &mut [i64]) {
        self.layout.outcomes(range, out);
    }
    fn reset(&self) {
        self.layout.reset();
    }
    fn reset_part(&self, thread: usize, _threads: usize) {
        self.layout.reset_part(thread);
    }
    fn run_round(&self, thread: usize, ctx: &RoundCtx<'_>) -> Result<(), Aborted> {
        let l = &self.layout;
        drive(ctx, |i| K::run_thread(thread, l.locs(i), l.regs(thread, i)))
    }
}
