//! Adapting the start schedule between rounds: lateness and skew per thread, the sweep's
//! centre, and the search for the spacing Δ with the most overlapping executions per second.

use super::harness::Shared;
use std::sync::atomic::Ordering;

/// Mean lateness (actual start − target) of thread `t` over a round (sampled), each instance
/// capped at one Δ so a preempted instance does not dominate.
pub(super) fn lateness(sh: &Shared, t: usize, n: usize, delta: u64) -> f64 {
    let cap = delta as i64;
    let (mut sum, mut count) = (0i64, 0usize);
    for i in sampled(n) {
        sum += late(sh, t, i, delta).clamp(0, cap);
        count += 1;
    }
    sum as f64 / count.max(1) as f64
}

/// The instances of a round that the timing statistics look at: about 128 of them (they run on
/// the leader's critical path, and the followers' start ticks are in their caches).
fn sampled(n: usize) -> std::iter::StepBy<std::ops::Range<usize>> {
    (0..n).step_by((n / 128).max(1))
}

/// Target start tick of thread `t`'s instance 0 in the round just run, before the sweep.
fn target0(sh: &Shared, t: usize) -> u64 {
    // Relaxed: the round's parameters are the leader's own stores.
    sh.t0
        .load(Ordering::Relaxed)
        .wrapping_add_signed(sh.offset[t].load(Ordering::Relaxed))
}

/// How late thread `t` started instance `i` of the round just run, in ticks (negative: early).
fn late(sh: &Shared, t: usize, i: usize, delta: u64) -> i64 {
    let sweep = &sh.sweep[t];
    let target = target0(sh, t)
        .wrapping_add(i as u64 * delta)
        .wrapping_add_signed(sweep[i % sweep.len()]);
    // Relaxed: the start ticks were published by the followers' Release increments of `done`,
    // which the leader read with Acquire.
    sh.starts[t][i].load(Ordering::Relaxed).wrapping_sub(target) as i64
}

/// Correct each thread's base offset so that actual starts coincide with thread 0's: the
/// median over the round of (thread t's lateness − thread 0's lateness) per instance. Only
/// while every thread keeps pace: a thread that falls behind is late by a growing amount no
/// offset can fix (Δ's adaptation handles that).
pub(super) fn adapt(sh: &Shared, n: usize, delta: u64, skew: &mut [i64]) {
    let mut diffs = Vec::with_capacity(129);
    for (t, s) in skew.iter_mut().enumerate().skip(1) {
        diffs.clear();
        diffs.extend(sampled(n).map(|i| late(sh, t, i, delta) - late(sh, 0, i, delta)));
        diffs.sort_unstable();
        let median = diffs[diffs.len() / 2];
        // Half steps: damped, so noise does not make the offset oscillate.
        *s -= median / 2;
        *s = (*s).clamp(-(delta as i64) * 2, delta as i64 * 2);
    }
}

/// How far to move the sweep's centre: half the offset of the bucket with the highest rate of
/// overlapping executions, when it beats the centre bucket clearly.
pub(super) fn centre_shift(overlap: &[(f64, f64)], sweep: &[i64]) -> i64 {
    let rate = |b: &(f64, f64)| if b.1 > 0.0 { b.0 / b.1 } else { 0.0 };
    let mid = overlap.len() / 2;
    let (best, r) = overlap.iter().enumerate().map(|(j, b)| (j, rate(b))).fold(
        (mid, rate(&overlap[mid])),
        |acc, x| if x.1 > acc.1 { x } else { acc },
    );
    if best != mid && r > rate(&overlap[mid]) * 1.05 + 0.001 {
        sweep[best] / 2
    } else {
        0
    }
}

/// Hill climb of Δ over a geometric grid: rounds probe the current Δ and its two neighbours in
/// turn, each scored by overlapping executions (final states no serial order of whole threads
/// gives) per second of round time; every 24 rounds the best becomes current. Outcome-agnostic:
/// it rewards concurrency, never the test's target.
pub(super) struct DeltaSearch {
    grid: Vec<u64>,
    cur: usize,
    probe: usize,
    score: [(f64, f64); 3],
    rounds: u32,
}

impl DeltaSearch {
    pub(super) fn new(min: u64, max: u64, start: u64) -> DeltaSearch {
        let mut grid = vec![min.max(1)];
        while *grid.last().unwrap_or(&max) < max.min(min.max(1) * 64) {
            let d = *grid.last().unwrap_or(&1);
            grid.push((d + d / 5).max(d + 1));
        }
        let cur = grid
            .iter()
            .position(|&d| d >= start)
            .unwrap_or(grid.len() - 1);
        DeltaSearch {
            grid,
            cur,
            probe: 0,
            score: [(0.0, 0.0); 3],
            rounds: 0,
        }
    }

    fn index(&self, probe: usize) -> usize {
        (self.cur + probe)
            .saturating_sub(1)
            .min(self.grid.len() - 1)
    }

    /// Δ for the next round.
    pub(super) fn delta(&self) -> u64 {
        self.grid[self.index(self.probe)]
    }

    /// Score the round just run with [`DeltaSearch::delta`].
    pub(super) fn record(&mut self, overlapping: u64, secs: f64) {
        let s = &mut self.score[self.probe];
        s.0 += overlapping as f64;
        s.1 += secs;
        self.probe = (self.probe + 1) % 3;
        self.rounds += 1;
        if self.rounds.is_multiple_of(24) {
            let rate = |s: &(f64, f64)| if s.1 > 0.0 { s.0 / s.1 } else { 0.0 };
            let best = (0..3).fold(1, |b, p| {
                if rate(&self.score[p]) > rate(&self.score[b]) {
                    p
                } else {
                    b
                }
            });
            // No overlap anywhere: run as fast as possible.
            let best = if self.score.iter().all(|s| s.0 == 0.0) {
                0
            } else {
                best
            };
            self.cur = self.index(best);
            self.score = [(0.0, 0.0); 3];
        }
    }
}
