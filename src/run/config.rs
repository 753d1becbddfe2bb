//! What a run is asked to do: its budget and the harness's parameters.

use super::clock::Start;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

/// The most instances per round a run allocates (each instance holds the test's locations and
/// registers on cache lines of their own: about 0.25-2 KiB).
pub const MAX_INSTANCES: usize = 1 << 20;

/// How long to run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Budget {
    Iterations(u64),
    Time(Duration),
}

/// Harness parameters.
#[derive(Clone, Debug)]
pub struct Config {
    pub budget: Budget,
    /// Instances per round.
    pub instances: usize,
    /// Initial spacing between instance starts, in ns (adapted per round).
    pub delta_ns: f64,
    /// Smallest spacing the adaptation may reach, in ns (12: with the parallel tally the Δ
    /// search kept hitting the former 20 ns floor; at 12 it settles at 14-24 ns in the fast
    /// state of the 2-core VM).
    pub min_delta_ns: f64,
    /// Number of deliberate offsets for thread 1 of a two-thread test (1 = none).
    pub sweep: usize,
    /// Step between two neighbouring offsets of the sweep, in ns.
    pub sweep_step_ns: f64,
    /// Stores each thread makes to its own private scratch lines (spread over 256 KiB, so
    /// they miss the L1 cache) right before every instance. Stores leave a core's store buffer
    /// in program order, so these delay when the instance's own stores become visible to the
    /// other threads: the window for store-buffering outcomes widens. Test-agnostic (it never
    /// looks at the test or its condition) and sound: it only changes timing, never what the
    /// hardware allows. Off (0) by default: on the 2-core x86 VM, 4 stores raised SB+rlx's weak
    /// fraction from 19-25% to 25-47% in 8 interleaved runs each at load 2-3, but made no
    /// difference at load 4 (both 40-70%); not yet confirmed on a quiet machine.
    pub stuff: usize,
    /// Move the sweep's centre towards the offsets with the most overlapping executions.
    pub centre: bool,
    /// Initial offset of thread 1's sweep centre, in ns (positive: thread 1 starts later).
    pub offset_ns: f64,
    /// Every thread resets the locations it reads first (else thread 0 resets everything).
    /// On by default: once each thread also tallies its share of a round's outcomes, resetting
    /// in parallel gave more weak SB+rlx outcomes per second in 5 of 6 back-to-back
    /// comparisons on the 2-core x86 VM (e.g. 4.4 against 3.0 M/s, 10-25% more iterations/s).
    /// (Before that change, thread 0 resetting everything had won 5 of 7.)
    pub split_reset: bool,
    /// Search Δ for the most overlapping executions per second (else: the fastest Δ every
    /// thread keeps pace with).
    pub delta_search: bool,
    /// Lead time between publishing a round and its first start instant, in ns.
    pub lead_ns: f64,
    /// A run is stopped and reported hung when no round completes while the process runs for
    /// this long: time in which the process was stopped (SIGSTOP, a paused VM) does not count.
    pub watchdog: Duration,
    /// When this flag is set (a signal handler sets it), the run ends after the round in
    /// progress and is marked interrupted.
    pub stop: Option<Arc<AtomicBool>>,
    /// Start synchronisation.
    pub sync: Start,
    /// Pin threads with core_affinity.
    pub pin: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            budget: Budget::Time(Duration::from_millis(400)),
            instances: 1024,
            delta_ns: 60.0,
            min_delta_ns: 12.0,
            sweep: 5,
            sweep_step_ns: 8.0,
            stuff: 0,
            centre: true,
            offset_ns: 0.0,
            split_reset: true,
            delta_search: true,
            lead_ns: 3000.0,
            watchdog: Duration::from_secs(10),
            stop: None,
            sync: Start::detect(),
            pin: true,
        }
    }
}
