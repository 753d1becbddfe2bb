//! Memory layout of `n` independent instances: every shared location of every instance on its
//! own 128-byte line, registers per thread in that thread's own array.

use crate::litmus::{Test, Var};
use crate::pad::Line;
use std::sync::atomic::{AtomicI32, Ordering};

/// Where an observable of the final state lives.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Slot {
    Reg { thread: usize, index: usize },
    Loc(usize),
}

/// The shared state and result registers of `n` instances of one test.
///
/// Location `l` of instance `i` is `locs[i * nlocs + l]`, with locations numbered in
/// [`Test::locations_all`] order; register `r` of thread `t` in instance `i` is
/// `regs[t][i * nregs[t] + r]`, registers numbered in [`crate::litmus::Thread::registers`]
/// order. Generated code follows the same numbering.
pub struct Layout {
    n: usize,
    nlocs: usize,
    init: Vec<i32>,
    locs: Box<[Line<AtomicI32>]>,
    nregs: Vec<usize>,
    regs: Vec<Box<[AtomicI32]>>,
    obs: Vec<Slot>,
    /// Per location: the thread (position) that resets it, the first that loads it.
    owner: Vec<usize>,
}

impl Layout {
    pub fn new(test: &Test, n: usize) -> Result<Layout, String> {
        let names = test.locations_all();
        let nlocs = names.len();
        let init = names
            .iter()
            .map(|l| {
                crate::litmus::check::value(test.init_value(l))
                    .map_err(|m| format!("{}: initial value of {l}: {m}", test.name))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let nregs: Vec<usize> = test.threads.iter().map(|t| t.registers().len()).collect();
        let obs = slots(test)?;
        let owner = names
            .iter()
            .map(|l| test.threads.iter().position(|t| t.loads(l)).unwrap_or(0))
            .collect();
        let locs = (0..n * nlocs)
            .map(|k| Line(AtomicI32::new(init[k % nlocs.max(1)])))
            .collect();
        let regs = nregs
            .iter()
            .map(|&r| (0..n * r).map(|_| AtomicI32::new(0)).collect())
            .collect();
        Ok(Layout {
            n,
            nlocs,
            init,
            locs,
            nregs,
            regs,
            obs,
            owner,
        })
    }

    pub fn len(&self) -> usize {
        self.n
    }

    /// The locations of instance `i`.
    #[inline(always)]
    pub fn locs(&self, i: usize) -> &[Line<AtomicI32>] {
        &self.locs[i * self.nlocs..(i + 1) * self.nlocs]
    }

    /// The registers of thread `t` (position in `Test::threads`) in instance `i`.
    #[inline(always)]
    pub fn regs(&self, t: usize, i: usize) -> &[AtomicI32] {
        let r = self.nregs[t];
        &self.regs[t][i * r..(i + 1) * r]
    }

    /// The final state of instance `i`, aligned with `Test::observables()`.
    pub fn outcome(&self, i: usize, out: &mut [i64]) {
        for (o, slot) in out.iter_mut().zip(&self.obs) {
            // Relaxed: the harness reads outcomes after the round's Acquire barrier.
            *o = match *slot {
                Slot::Reg { thread, index } => self.regs(thread, i)[index].load(Ordering::Relaxed),
                Slot::Loc(l) => self.locs(i)[l].0.load(Ordering::Relaxed),
            } as i64;
        }
    }

    /// The final states of instances `range`, one after another.
    pub fn outcomes(&self, range: std::ops::Range<usize>, out: &mut [i64]) {
        let k = self.obs.len();
        if k == 0 {
            return;
        }
        for (i, o) in range.zip(out.chunks_exact_mut(k)) {
            self.outcome(i, o);
        }
    }

    /// Every location back to its initial value.
    pub fn reset(&self) {
        for (k, line) in self.locs.iter().enumerate() {
            // Relaxed: the harness publishes the next round with a Release store.
            line.0.store(self.init[k % self.nlocs], Ordering::Relaxed);
        }
    }
}

impl Layout {
    /// Reset the locations owned by `thread` (the first thread that loads them), so that each
    /// line starts a round in the cache of its first reader.
    pub fn reset_part(&self, thread: usize) {
        for (l, _) in self.owner.iter().enumerate().filter(|(_, &o)| o == thread) {
            for i in 0..self.n {
                // Relaxed: the harness publishes every reset before the round starts.
                self.locs[i * self.nlocs + l]
                    .0
                    .store(self.init[l], Ordering::Relaxed);
            }
        }
    }
}

/// Where each of `test.observables()` lives: a register (thread position in `Test::threads`,
/// index in its `registers()`) or a location (index in `locations_all()`).
pub(crate) fn slots(test: &Test) -> Result<Vec<Slot>, String> {
    let names = test.locations_all();
    test.observables()
        .iter()
        .map(|v| match v {
            Var::Reg { thread, reg } => {
                let th = test
                    .threads
                    .iter()
                    .position(|t| t.index == *thread)
                    .ok_or_else(|| format!("{}: no thread P{thread} for {v}", test.name))?;
                let index = test.threads[th]
                    .registers()
                    .iter()
                    .position(|r| r == reg)
                    .ok_or_else(|| format!("{}: {v} is not a register of P{thread}", test.name))?;
                Ok(Slot::Reg { thread: th, index })
            }
            Var::Loc(l) => names
                .iter()
                .position(|x| x == l)
                .map(Slot::Loc)
                .ok_or_else(|| format!("{}: unknown location {l}", test.name)),
        })
        .collect()
}

/// Store a thread's returned registers into its register slots.
#[inline(always)]
pub fn store_regs(dst: &[AtomicI32], vals: &[i32]) {
    for (d, v) in dst.iter().zip(vals) {
        // Relaxed: read by the harness after the round's Acquire barrier.
        d.store(*v, Ordering::Relaxed);
    }
}
