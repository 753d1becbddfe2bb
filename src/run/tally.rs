//! Counting final states: each thread tallies its share of a round's instances, and the
//! serial outcomes (whole threads one after another) that tell an overlapping execution.

use super::harness::Shared;
use super::outcome::Histogram;
use super::Instances;
use std::sync::atomic::Ordering;

/// One thread's share of the rounds' bookkeeping.
#[derive(Default)]
pub(super) struct Part {
    pub(super) tally: Tally,
    /// Per sweep bucket, for the last round: (overlapping, total) instances.
    pub(super) buckets: Vec<(u32, u32)>,
}

/// Final states counted by one thread.
#[derive(Default)]
pub(super) struct Tally {
    pub(super) hist: Histogram,
    /// Per histogram state: does it differ from every serial outcome?
    overlaps: Vec<bool>,
    flat: Vec<i64>,
}

impl Tally {
    /// Count thread `t`'s share of the round just run (instances `t·n/T .. (t+1)·n/T`): every
    /// final state into the histogram, and per sweep bucket the overlapping executions into
    /// `buckets` (cleared first). Each thread tallies a share, in parallel: this work is
    /// per instance, and a round's bookkeeping is time the instances do not run.
    pub(super) fn round(&mut self, sh: &Shared, t: usize, buckets: &mut Vec<(u32, u32)>) {
        // Relaxed: published by the leader's Release store to `go`.
        let n = sh.n.load(Ordering::Relaxed);
        let (lo, hi) = (t * n / sh.threads, (t + 1) * n / sh.threads);
        let nobs = sh.nobs;
        let sweep_len = sh.sweep[0].len();
        buckets.clear();
        buckets.resize(sweep_len, (0, 0));
        self.flat.resize((hi - lo) * nobs, 0);
        sh.inst.outcomes(lo..hi, &mut self.flat);
        if nobs == 0 {
            // Nothing observed: every instance ends in the one empty state.
            self.hist.add_count(&[], (hi - lo) as u64);
            return;
        }
        let serial: &[Vec<i64>] = sh.serial.get().map_or(&[], |s| s);
        let counting = !serial.is_empty();
        let mut bucket = lo % sweep_len;
        for st in self.flat.chunks_exact(nobs) {
            let k = self.hist.add(st);
            if counting {
                if k == self.overlaps.len() {
                    self.overlaps.push(!serial.contains(&self.hist.states[k].0));
                }
                let b = &mut buckets[bucket];
                b.1 += 1;
                b.0 += self.overlaps[k] as u32;
                bucket += 1;
                if bucket == sweep_len {
                    bucket = 0;
                }
            }
        }
    }
}

/// Final states produced by running whole threads one after another, in every order.
pub(super) fn serial_outcomes(inst: &dyn Instances, threads: usize, nobs: usize) -> Vec<Vec<i64>> {
    let mut perms = vec![vec![]];
    for t in 0..threads {
        perms = perms
            .into_iter()
            .flat_map(|p: Vec<usize>| {
                (0..=p.len()).map(move |k| {
                    let mut q = p.clone();
                    q.insert(k, t);
                    q
                })
            })
            .collect();
    }
    let mut out: Vec<Vec<i64>> = Vec::new();
    let mut buf = vec![0; nobs];
    for p in perms {
        for t in p {
            inst.run(t, 0);
        }
        inst.outcome(0, &mut buf);
        if !out.contains(&buf) {
            out.push(buf.clone());
        }
        inst.reset();
    }
    out
}
