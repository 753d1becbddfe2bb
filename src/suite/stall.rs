//! Fault injection for testing the watchdog through the binary: an entry one of whose threads
//! enters its first round and never comes back, like a thread stuck inside a test's code. Used
//! only when the environment variable [`HANG_VAR`] is set (README, "Testing the watchdog").

use super::Entry;
use crate::litmus::Test;
use crate::run::{Aborted, Instances, RoundCtx, Runnable};
use std::time::Duration;

/// `ORDERLAB_TEST_HANG=N`: thread N of every test `orderlab run` runs hangs.
pub const HANG_VAR: &str = "ORDERLAB_TEST_HANG";

struct Stalled {
    inner: Entry,
    thread: usize,
}

struct StalledInstances {
    inner: Box<dyn Instances>,
    thread: usize,
}

impl Runnable for Stalled {
    fn test(&self) -> &Test {
        self.inner.test()
    }

    fn instances(&self, n: usize) -> Box<dyn Instances> {
        Box::new(StalledInstances {
            inner: self.inner.runnable().instances(n),
            thread: self.thread,
        })
    }
}

impl Instances for StalledInstances {
    fn len(&self) -> usize {
        self.inner.len()
    }
    fn run(&self, thread: usize, instance: usize) {
        self.inner.run(thread, instance);
    }
    fn outcome(&self, instance: usize, out: &mut [i64]) {
        self.inner.outcome(instance, out);
    }
    fn reset(&self) {
        self.inner.reset();
    }
    fn reset_part(&self, thread: usize, threads: usize) {
        self.inner.reset_part(thread, threads);
    }
    fn run_round(&self, thread: usize, ctx: &RoundCtx<'_>) -> Result<(), Aborted> {
        if thread == self.thread {
            // Stuck for good: it never looks at the watchdog's abort flag.
            loop {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        self.inner.run_round(thread, ctx)
    }
}

/// `entry` with thread `thread` stuck in its first round (the entry as it is when the test has
/// no such thread).
pub fn stalled(entry: Entry, thread: usize) -> Entry {
    if thread >= entry.test().threads.len() {
        return entry;
    }
    let source = entry.source();
    let path = entry.path().map(str::to_string);
    Entry::new(
        Box::new(Stalled {
            inner: entry,
            thread,
        }),
        source,
        path,
    )
}
