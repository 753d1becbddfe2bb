//! What a run produced: the histogram of final states and how the run went.

use super::clock::Start;
use std::time::Duration;

/// Final states and their counts, in order of first appearance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Histogram {
    pub states: Vec<(Vec<i64>, u64)>,
}

impl Histogram {
    /// Count a state once; returns its index.
    #[inline]
    pub fn add(&mut self, state: &[i64]) -> usize {
        self.add_count(state, 1)
    }

    /// Count a state `count` times; returns its index.
    #[inline]
    pub fn add_count(&mut self, state: &[i64], count: u64) -> usize {
        // An element-wise loop rather than slice `==` (which calls `bcmp`): this runs once per
        // instance on the leader's critical path, with short states.
        let same = |s: &[i64]| s.len() == state.len() && s.iter().zip(state).all(|(a, b)| a == b);
        if let Some(k) = self.states.iter().position(|(s, _)| same(s)) {
            self.states[k].1 += count;
            k
        } else {
            self.states.push((state.to_vec(), count));
            self.states.len() - 1
        }
    }

    pub fn total(&self) -> u64 {
        self.states.iter().map(|(_, c)| c).sum()
    }
}

/// What a run produced.
#[derive(Clone, Debug)]
pub struct RunOutcome {
    pub histogram: Histogram,
    pub iterations: u64,
    pub elapsed: Duration,
    /// The watchdog stopped the run (the histogram holds the completed rounds).
    pub hung: bool,
    /// More test threads than cores: spin-waits yield, starts are not simultaneous.
    pub oversubscribed: bool,
    pub sync: Start,
    /// Final spacing between instance starts, in ns.
    pub delta_ns: f64,
    /// Final offset of thread 1 relative to thread 0 (skew correction plus sweep centre), ns.
    pub offset_ns: f64,
    pub rounds: u64,
    /// The run ended early because [`Config::stop`](super::Config::stop) was set; the
    /// histogram holds the completed rounds.
    pub interrupted: bool,
}

impl RunOutcome {
    pub fn iterations_per_s(&self) -> f64 {
        self.iterations as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Why a run could not start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunError(pub String);

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
