//! One round of one thread: every instance started at its instant (timebase) or after a
//! per-instance handshake, with the watchdog's abort flag polled while waiting.

use super::clock;
use crate::pad::Line;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

/// Size of each thread's scratch area for [`Config::stuff`]: larger than an L1 data cache.
pub(super) const SCRATCH_BYTES: usize = 256 << 10;
/// Words between two scratch stores: one per 64-byte line.
const SCRATCH_STRIDE: usize = 8;

/// A round was stopped by the watchdog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Aborted;

/// What one thread needs to run its part of a round (see [`drive`]).
pub struct RoundCtx<'a> {
    pub(super) n: usize,
    pub(super) sync: RoundSync<'a>,
    pub(super) abort: &'a AtomicBool,
    pub(super) yield_spin: bool,
}

pub(super) enum RoundSync<'a> {
    Timebase {
        /// `t0` plus this thread's base offset.
        start: u64,
        delta: u64,
        /// Extra offset of instance `i`: `sweep[i % sweep.len()]`.
        sweep: &'a [i64],
        /// Actual start tick of every instance.
        starts: &'a [AtomicU64],
        /// Stores into `scratch` before each instance (see [`Config::stuff`]).
        stuff: usize,
        /// This thread's private scratch words, one per 64-byte line.
        scratch: &'a [AtomicU64],
    },
    Handshake {
        arrive: &'a [Line<AtomicU32>],
        threads: u32,
    },
}

impl RoundCtx<'_> {
    /// Instances in this round: `0..len()`.
    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// Run `f(i)` for every instance `i` of the round, each at its start instant.
#[inline(always)]
pub fn drive(ctx: &RoundCtx<'_>, mut f: impl FnMut(usize)) -> Result<(), Aborted> {
    match ctx.sync {
        RoundSync::Timebase {
            start,
            delta,
            sweep,
            starts,
            stuff,
            scratch,
        } => {
            let mut k = 0;
            let mut sp = 0;
            for (i, slot) in starts.iter().enumerate().take(ctx.n) {
                let target = start
                    .wrapping_add(i as u64 * delta)
                    .wrapping_add_signed(sweep[k]);
                k += 1;
                if k == sweep.len() {
                    k = 0;
                }
                let mut now = clock::now();
                let mut spins = 0u32;
                while now < target {
                    spins = spins.wrapping_add(1);
                    if spins.is_multiple_of(4096) {
                        check(ctx)?;
                    }
                    now = clock::now();
                }
                // Relaxed: read by the leader after the round's Release/Acquire barrier.
                slot.store(now, Ordering::Relaxed);
                for _ in 0..stuff {
                    // Relaxed: harness-private words nobody reads; these stores only queue in
                    // the store buffer ahead of the instance's own (see `Config::stuff`).
                    scratch[sp].store(now, Ordering::Relaxed);
                    sp += SCRATCH_STRIDE;
                    if sp >= scratch.len() {
                        sp = 0;
                    }
                }
                f(i);
            }
        }
        RoundSync::Handshake { arrive, threads } => {
            for (i, a) in arrive.iter().enumerate().take(ctx.n) {
                // AcqRel/Acquire: a plain counter barrier; the instance's own accesses carry
                // the test's orderings, the barrier only aligns the start.
                a.0.fetch_add(1, Ordering::AcqRel);
                let mut spins = 0u32;
                while a.0.load(Ordering::Acquire) < threads {
                    std::hint::spin_loop();
                    spins = spins.wrapping_add(1);
                    if spins.is_multiple_of(1024) {
                        check(ctx)?;
                    }
                }
                f(i);
            }
        }
    }
    Ok(())
}

#[inline(never)]
fn check(ctx: &RoundCtx<'_>) -> Result<(), Aborted> {
    // Relaxed: the abort flag is a hint polled in a loop; nothing is published through it.
    if ctx.abort.load(Ordering::Relaxed) {
        return Err(Aborted);
    }
    if ctx.yield_spin {
        std::thread::yield_now();
    }
    Ok(())
}
