//! The engine: runs anything that implements [`Runnable`] on this machine's hardware with
//! pinned threads reused across rounds, arrays of independent instances and a timebase start,
//! and returns a [`Histogram`] of final states. It knows no test source (the catalog, the map,
//! the asm kernels and files live in `crate::suite`) and gives no verdict (`crate::verdict`).
//!
//! ```no_run
//! use orderlab::run::{run, Budget, Config};
//! let sb = orderlab::suite::select(&["SB+rlx".to_string()]).unwrap().remove(0);
//! let cfg = Config { budget: Budget::Iterations(100_000), ..Config::default() };
//! let out = run(sb.runnable(), &cfg).unwrap();
//! println!("{} iterations, {} distinct final states", out.iterations, out.histogram.states.len());
//! ```

use crate::litmus::Test;

mod clock;
mod config;
mod harness;
pub(crate) mod layout;
mod outcome;
mod round;
mod schedule;
mod tally;

pub use clock::Start;
pub use config::{Budget, Config, MAX_INSTANCES};
pub use harness::run;
pub use outcome::{Histogram, RunError, RunOutcome};
pub use round::{drive, Aborted, RoundCtx};

/// A test the engine can execute: its litmus description and its instances.
pub trait Runnable: Send + Sync {
    /// The litmus description: name, threads, condition. For map-driven tests and asm kernels
    /// it is the abstract protocol (the model checker gives the verdict from it), and its
    /// thread count equals the number of threads actually run.
    fn test(&self) -> &Test;
    /// Allocate `n` independent instances, each in its initial state.
    fn instances(&self, n: usize) -> Box<dyn Instances>;
}

/// `n` independent copies of a test's shared state and result registers.
///
/// The harness calls `run(t, i)` from thread `t` (pinned) for every instance `i`, all threads
/// of instance `i` starting at the same timebase instant; then, after every thread finished
/// the round, `outcomes(range, ..)` from every thread for its share of the instances; before
/// the next round `reset_part(t, ..)` from every thread `t` in parallel (the default,
/// `Config::split_reset`) or `reset()` from thread 0.
pub trait Instances: Send + Sync {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Run thread `thread` of the test on instance `instance`, storing its registers.
    fn run(&self, thread: usize, instance: usize);
    /// Write the final state of `instance`, aligned with `Test::observables()`, into `out`.
    fn outcome(&self, instance: usize, out: &mut [i64]);
    /// The final states of instances `range`, one after another (`out.len() / range.len()`
    /// values each).
    fn outcomes(&self, range: std::ops::Range<usize>, out: &mut [i64]) {
        if range.is_empty() {
            return;
        }
        let k = out.len() / range.len();
        for (j, i) in range.enumerate() {
            self.outcome(i, &mut out[j * k..(j + 1) * k]);
        }
    }
    /// Return every instance to its initial state.
    fn reset(&self);
    /// Reset thread `thread`'s share of the instances (of `threads` threads); with
    /// `split_reset` (the default) the harness calls it from every thread in parallel before a
    /// round, so each thread can own the cache lines it reads first. This default
    /// implementation has thread 0 reset everything.
    fn reset_part(&self, thread: usize, threads: usize) {
        let _ = threads;
        if thread == 0 {
            self.reset();
        }
    }
    /// Run thread `thread` on instances `0..ctx.len()` of one round, each at its start instant.
    ///
    /// The default calls [`Instances::run`] through the trait object for every instance;
    /// generated impls override it with a loop over a concrete thread function, so nothing is
    /// dispatched dynamically inside the instance loop. Implementations must start every
    /// instance through [`drive`], which waits for the start instant and checks the watchdog.
    fn run_round(&self, thread: usize, ctx: &RoundCtx<'_>) -> Result<(), Aborted> {
        drive(ctx, |i| self.run(thread, i))
    }
}
