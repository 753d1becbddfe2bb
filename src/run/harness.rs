//! The harness: one pinned thread per test thread, created once per test and reused for every
//! round; each round runs `n` independent instances, every thread starting instance `i` at the
//! same timebase instant `t0 + i·Δ + offset(thread, i)`.
//!
//! Between rounds the leader (thread 0) collects the final states into the histogram, resets
//! the instances and adapts the schedule:
//! * **Δ** shrinks while every thread keeps pace and grows when one falls behind, so the
//!   schedule runs as fast as the instances allow;
//! * **skew**: each thread records the tick at which it actually started every instance; the
//!   per-thread base offset is corrected so that actual starts coincide;
//! * **sweep**: with two threads, instance `i` gives thread 1 a deliberate extra offset from a
//!   small symmetric set around zero (outcomes that need a skew appear too), and the centre of
//!   the sweep drifts towards the offset whose instances overlap most (final states that no
//!   serial order of whole threads produces). This is test-agnostic: it never looks at the
//!   test's condition;
//! * **stuffing** (optional, [`Config::stuff`]): a few stores to private scratch lines right
//!   before each instance delay the instance's own stores in the store buffer.
//!
//! Without a timebase ([`Sync::Handshake`]) every instance starts with a per-instance counter
//! handshake instead.
//!
//! The calling thread is the watchdog: if no round completes within the watchdog period the
//! run is aborted (every wait checks the abort flag) and reported as hung; threads stuck inside
//! a test's own code are abandoned.

use super::clock::{self, Sync};
use super::layout::Line;
use super::{Instances, Litmus};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Size of each thread's scratch area for [`Config::stuff`]: larger than an L1 data cache.
const SCRATCH_BYTES: usize = 256 << 10;
/// Words between two scratch stores: one per 64-byte line.
const SCRATCH_STRIDE: usize = 8;

/// A round was stopped by the watchdog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Aborted;

/// What one thread needs to run its part of a round (see [`drive`]).
pub struct RoundCtx<'a> {
    n: usize,
    sync: RoundSync<'a>,
    abort: &'a AtomicBool,
    yield_spin: bool,
}

enum RoundSync<'a> {
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
    /// A run is stopped and reported hung when no round completes for this long.
    pub watchdog: Duration,
    /// Start synchronisation.
    pub sync: Sync,
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
            sync: Sync::detect(),
            pin: true,
        }
    }
}

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
    pub sync: Sync,
    /// Final spacing between instance starts, in ns.
    pub delta_ns: f64,
    /// Final offset of thread 1 relative to thread 0 (skew correction plus sweep centre), ns.
    pub offset_ns: f64,
    pub rounds: u64,
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

struct Shared {
    inst: Box<dyn Instances>,
    threads: usize,
    sync: Sync,
    yield_spin: bool,
    split_reset: bool,
    /// Round number, published by the leader (Release) after writing the round's parameters.
    go: AtomicU64,
    stop: AtomicBool,
    /// Threads (leader included) that finished running the current round.
    done: AtomicUsize,
    /// Followers that finished tallying their share of the current round.
    posted: AtomicUsize,
    /// Final states no serial order of whole threads gives are "overlapping" (they steer the
    /// sweep and the Δ search); empty when nothing is steered. Set by the leader (it runs the
    /// test's code, so under the watchdog) before it publishes the first round.
    serial: OnceLock<Vec<Vec<i64>>>,
    /// Number of observables of the test.
    nobs: usize,
    /// Each thread's tally (index = thread), locked once per round by its thread and then by
    /// the leader.
    parts: Vec<Mutex<Part>>,
    /// Followers that reset their part of the instances for the current round.
    ready: AtomicUsize,
    /// Round number whose start instant `t0` is published (after every reset).
    start: AtomicU64,
    abort: AtomicBool,
    n: AtomicUsize,
    t0: AtomicU64,
    delta: AtomicU64,
    /// Per-thread base offset in ticks.
    offset: Vec<AtomicI64>,
    /// Per-thread sweep pattern in ticks (immutable).
    sweep: Vec<Vec<i64>>,
    /// Per-thread actual start ticks.
    starts: Vec<Box<[AtomicU64]>>,
    stuff: usize,
    /// Per-thread scratch lines for [`Config::stuff`] (empty when it is 0).
    scratch: Vec<Box<[AtomicU64]>>,
    arrive: Box<[Line<AtomicU32>]>,
}

impl Shared {
    fn ctx(&self, t: usize) -> RoundCtx<'_> {
        // Relaxed: these parameters were published by the leader's Release store to `go`,
        // which this thread read with Acquire.
        let n = self.n.load(Ordering::Relaxed);
        let sync = match self.sync {
            Sync::Timebase => RoundSync::Timebase {
                start: self
                    .t0
                    .load(Ordering::Relaxed)
                    .wrapping_add_signed(self.offset[t].load(Ordering::Relaxed)),
                delta: self.delta.load(Ordering::Relaxed),
                sweep: &self.sweep[t],
                starts: &self.starts[t],
                stuff: self.stuff,
                scratch: &self.scratch[t],
            },
            Sync::Handshake => RoundSync::Handshake {
                arrive: &self.arrive,
                threads: self.threads as u32,
            },
        };
        RoundCtx {
            n,
            sync,
            abort: &self.abort,
            yield_spin: self.yield_spin,
        }
    }

    /// Spin until `cond` holds; Err when aborted.
    fn wait(&self, mut cond: impl FnMut() -> bool) -> Result<(), Aborted> {
        let mut spins = 0u32;
        while !cond() {
            std::hint::spin_loop();
            spins = spins.wrapping_add(1);
            if spins.is_multiple_of(256) {
                // Relaxed: a polled hint (see `check`).
                if self.abort.load(Ordering::Relaxed) {
                    return Err(Aborted);
                }
                if self.yield_spin || spins.is_multiple_of(65536) {
                    std::thread::yield_now();
                }
            }
        }
        Ok(())
    }
}

enum Msg {
    Progress,
    Done(Box<RunOutcome>),
}

/// Run a test on this machine's hardware.
pub fn run(litmus: &dyn Litmus, cfg: &Config) -> Result<RunOutcome, RunError> {
    let test = litmus.test();
    let threads = test.threads.len();
    if threads == 0 {
        return Err(RunError(format!("{}: the test has no threads", test.name)));
    }
    let n = cfg.instances.max(1);
    let inst = litmus.instances(n);
    if inst.len() < n {
        return Err(RunError(format!(
            "{}: asked for {n} instances, got {}",
            test.name,
            inst.len()
        )));
    }
    let cores = core_affinity::get_core_ids().unwrap_or_default();
    let oversubscribed = threads > super::platform::cpus();
    let sweep_len = if threads == 2 { cfg.sweep.max(1) } else { 1 };
    let step = if cfg.sync == Sync::Timebase {
        clock::ns_to_ticks(cfg.sweep_step_ns) as i64
    } else {
        0
    };
    let sweep = (0..threads)
        .map(|t| {
            (0..sweep_len)
                .map(|j| {
                    if t == 1 {
                        (j as i64 - (sweep_len as i64 / 2)) * step
                    } else {
                        0
                    }
                })
                .collect()
        })
        .collect();
    let scratch_len = if cfg.stuff > 0 && cfg.sync == Sync::Timebase {
        SCRATCH_BYTES / 8
    } else {
        0
    };
    let nobs = test.observables().len();
    let shared = Arc::new(Shared {
        inst,
        threads,
        sync: cfg.sync,
        yield_spin: oversubscribed,
        split_reset: cfg.split_reset,
        go: AtomicU64::new(0),
        stop: AtomicBool::new(false),
        done: AtomicUsize::new(0),
        posted: AtomicUsize::new(0),
        serial: OnceLock::new(),
        nobs,
        parts: (0..threads).map(|_| Mutex::new(Part::default())).collect(),
        ready: AtomicUsize::new(0),
        start: AtomicU64::new(0),
        abort: AtomicBool::new(false),
        n: AtomicUsize::new(0),
        t0: AtomicU64::new(0),
        delta: AtomicU64::new(clock::ns_to_ticks(cfg.delta_ns)),
        offset: (0..threads).map(|_| AtomicI64::new(0)).collect(),
        sweep,
        starts: (0..threads)
            .map(|_| (0..n).map(|_| AtomicU64::new(0)).collect())
            .collect(),
        arrive: (0..n).map(|_| Line(AtomicU32::new(0))).collect(),
        stuff: if scratch_len > 0 { cfg.stuff } else { 0 },
        scratch: (0..threads)
            .map(|_| (0..scratch_len).map(|_| AtomicU64::new(0)).collect())
            .collect(),
    });
    let (tx, rx) = mpsc::channel::<Msg>();
    let mut handles = Vec::with_capacity(threads);
    for t in 0..threads {
        let sh = Arc::clone(&shared);
        let core = if cfg.pin && !cores.is_empty() {
            Some(cores[t % cores.len()])
        } else {
            None
        };
        let tx = tx.clone();
        let cfg = cfg.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("orderlab-P{t}"))
            .spawn(move || {
                if let Some(c) = core {
                    core_affinity::set_for_current(c);
                }
                if t == 0 {
                    let out = leader(&sh, &cfg, &tx);
                    // The receiver may be gone if the watchdog gave up; nothing to do then.
                    let _ = tx.send(Msg::Done(Box::new(out)));
                } else {
                    follower(&sh, t);
                }
            });
        match spawned {
            Ok(h) => handles.push(h),
            Err(e) => {
                // Release the threads already started (they wait for a round that never comes).
                // Relaxed: a polled hint.
                shared.abort.store(true, Ordering::Relaxed);
                return Err(RunError(format!("cannot start harness thread P{t}: {e}")));
            }
        }
    }
    drop(tx);
    let started = Instant::now();
    loop {
        match rx.recv_timeout(cfg.watchdog) {
            Ok(Msg::Progress) => {}
            Ok(Msg::Done(mut out)) => {
                for h in handles {
                    // A follower only panics if a test's own code panics; the leader's
                    // result is complete either way.
                    let _ = h.join();
                }
                out.oversubscribed = oversubscribed;
                return Ok(*out);
            }
            Err(_) => {
                // Watchdog: no progress. Ask every thread to stop, give them a moment, then
                // abandon any thread stuck inside the test's code.
                // Relaxed: a polled hint; threads that see it only return.
                shared.abort.store(true, Ordering::Relaxed);
                let out = match rx.recv_timeout(Duration::from_millis(500)) {
                    Ok(Msg::Done(out)) => *out,
                    _ => RunOutcome {
                        histogram: Histogram::default(),
                        iterations: 0,
                        elapsed: started.elapsed(),
                        hung: true,
                        oversubscribed,
                        sync: cfg.sync,
                        delta_ns: cfg.delta_ns,
                        offset_ns: 0.0,
                        rounds: 0,
                    },
                };
                return Ok(RunOutcome {
                    hung: true,
                    oversubscribed,
                    ..out
                });
            }
        }
    }
}

fn follower(sh: &Shared, t: usize) {
    let mut seen = 0;
    loop {
        // Acquire: pairs with the leader's Release publication of the round's parameters
        // and of the reset instances.
        if sh.wait(|| sh.go.load(Ordering::Acquire) != seen).is_err() {
            return;
        }
        seen = sh.go.load(Ordering::Acquire);
        // Relaxed: published by the `go` store read above.
        if sh.stop.load(Ordering::Relaxed) {
            return;
        }
        if sh.split_reset {
            sh.inst.reset_part(t, sh.threads);
        }
        // Release: publishes this thread's part of the reset to the leader, which publishes
        // everyone's with `start`.
        sh.ready.fetch_add(1, Ordering::Release);
        // Acquire: pairs with the leader's Release store of `start` (t0, every reset).
        if sh
            .wait(|| sh.start.load(Ordering::Acquire) == seen)
            .is_err()
        {
            return;
        }
        let ctx = sh.ctx(t);
        if sh.inst.run_round(t, &ctx).is_err() {
            return;
        }
        // Release: publishes this thread's registers and start ticks to the other threads.
        sh.done.fetch_add(1, Ordering::Release);
        // Acquire: every thread's registers, before tallying a share of the instances.
        if sh
            .wait(|| sh.done.load(Ordering::Acquire) == sh.threads)
            .is_err()
        {
            return;
        }
        tally_share(sh, t);
        // Release: publishes this thread's tally to the leader.
        sh.posted.fetch_add(1, Ordering::Release);
    }
}

/// Tally thread `t`'s share of the round just run into its [`Part`].
fn tally_share(sh: &Shared, t: usize) {
    let mut part = sh.parts[t].lock().unwrap_or_else(|e| e.into_inner());
    let part = &mut *part;
    part.tally.round(sh, t, &mut part.buckets);
}

/// One thread's share of the rounds' bookkeeping.
#[derive(Default)]
struct Part {
    tally: Tally,
    /// Per sweep bucket, for the last round: (overlapping, total) instances.
    buckets: Vec<(u32, u32)>,
}

/// Final states counted by one thread.
#[derive(Default)]
struct Tally {
    hist: Histogram,
    /// Per histogram state: does it differ from every serial outcome?
    overlaps: Vec<bool>,
    flat: Vec<i64>,
}

impl Tally {
    /// Count thread `t`'s share of the round just run (instances `t·n/T .. (t+1)·n/T`): every
    /// final state into the histogram, and per sweep bucket the overlapping executions into
    /// `buckets` (cleared first). Each thread tallies a share, in parallel: this work is
    /// per instance, and a round's bookkeeping is time the instances do not run.
    fn round(&mut self, sh: &Shared, t: usize, buckets: &mut Vec<(u32, u32)>) {
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
fn serial_outcomes(inst: &dyn Instances, threads: usize, nobs: usize) -> Vec<Vec<i64>> {
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

fn leader(sh: &Shared, cfg: &Config, tx: &mpsc::Sender<Msg>) -> RunOutcome {
    let threads = sh.threads;
    let timebase = sh.sync == Sync::Timebase;
    // Serial outcomes only steer the sweep; skip the permutations for big tests.
    let serial = if cfg.centre && timebase && (2..=4).contains(&threads) && !sh.yield_spin {
        serial_outcomes(&*sh.inst, threads, sh.nobs)
    } else {
        Vec::new()
    };
    // Published to the followers by the first Release store to `go`; set once.
    let serial = sh.serial.get_or_init(|| serial);
    let freq = clock::frequency();
    let lead = clock::ns_to_ticks(cfg.lead_ns);
    let min_delta = clock::ns_to_ticks(cfg.min_delta_ns);
    let max_delta = clock::ns_to_ticks(100_000.0);
    let cap = sh.inst.len();
    let sweep_len = sh.sweep[0].len();
    // Per sweep bucket: decayed (overlapping, total) counts.
    let mut overlap = vec![(0.0f64, 0.0f64); sweep_len];
    let mut skew = vec![0i64; threads];
    let mut bias = if timebase && threads == 2 {
        (cfg.offset_ns * freq / 1e9) as i64
    } else {
        0
    };
    let mut iterations = 0u64;
    let mut rounds = 0u64;
    let mut hung = false;
    let started = Instant::now();
    let mut last_beat = started;
    // Relaxed: set before the threads started; only the leader writes it.
    let mut search = DeltaSearch::new(min_delta, max_delta, sh.delta.load(Ordering::Relaxed));
    loop {
        let round_start = Instant::now();
        let n = match cfg.budget {
            Budget::Iterations(total) => cap.min((total - iterations) as usize),
            Budget::Time(_) => cap,
        };
        if n == 0 {
            break;
        }
        rounds += 1;
        // Relaxed: published by the Release store to `go` below.
        sh.n.store(n, Ordering::Relaxed);
        for (t, (o, s)) in sh.offset.iter().zip(&skew).enumerate() {
            // Relaxed: published by the Release store to `go` below.
            o.store(s + if t == 1 { bias } else { 0 }, Ordering::Relaxed);
        }
        // Relaxed: the followers are waiting for `go` and touch these only after its Release
        // store below.
        sh.done.store(0, Ordering::Relaxed);
        // Relaxed: as `done`.
        sh.posted.store(0, Ordering::Relaxed);
        // Relaxed: as `done`.
        sh.ready.store(0, Ordering::Relaxed);
        // Release: publishes the parameters above; every thread now resets its part of the
        // instances (the locations it reads first, so they sit in its cache).
        sh.go.store(rounds, Ordering::Release);
        if sh.split_reset {
            sh.inst.reset_part(0, threads);
        } else {
            sh.inst.reset();
        }
        // Acquire: pairs with the followers' Release increments after their resets.
        if sh
            .wait(|| sh.ready.load(Ordering::Acquire) == threads - 1)
            .is_err()
        {
            hung = true;
            break;
        }
        let t0 = clock::now().wrapping_add(lead);
        sh.t0.store(t0, Ordering::Relaxed);
        // Release: publishes t0 and (transitively) every thread's reset.
        sh.start.store(rounds, Ordering::Release);
        let ctx = sh.ctx(0);
        if sh.inst.run_round(0, &ctx).is_err() {
            hung = true;
            break;
        }
        // Release: publishes the leader's registers and start ticks to the followers.
        sh.done.fetch_add(1, Ordering::Release);
        // Acquire: pairs with the followers' Release increments (their registers, ticks).
        if sh
            .wait(|| sh.done.load(Ordering::Acquire) == threads)
            .is_err()
        {
            hung = true;
            break;
        }
        let counting = !serial.is_empty();
        tally_share(sh, 0);
        // Acquire: pairs with the followers' Release increments after their tallies.
        if sh
            .wait(|| sh.posted.load(Ordering::Acquire) == threads - 1)
            .is_err()
        {
            hung = true;
            break;
        }
        let mut overlapping = 0u64;
        for part in &sh.parts {
            let part = part.lock().unwrap_or_else(|e| e.into_inner());
            for (acc, &(o, all)) in overlap.iter_mut().zip(&part.buckets) {
                acc.0 += o as f64;
                acc.1 += all as f64;
                overlapping += o as u64;
            }
        }
        if !timebase {
            for a in sh.arrive.iter().take(n) {
                // Relaxed: published by the next round's Release store to `go`.
                a.0.store(0, Ordering::Relaxed);
            }
        }
        iterations += n as u64;
        if timebase {
            // Relaxed: only the leader writes Δ.
            let delta = sh.delta.load(Ordering::Relaxed);
            let behind = (0..threads).any(|t| lateness(sh, t, n, delta) > delta as f64 / 2.0);
            if !behind {
                adapt(sh, n, delta, &mut skew);
            }
            // Oversubscribed threads run in turns whatever the schedule: keep Δ minimal so
            // each runs through its instances as fast as it can.
            let new_delta = if sh.yield_spin {
                min_delta
            } else if counting && cfg.delta_search {
                search.record(overlapping, round_start.elapsed().as_secs_f64());
                search.delta()
            } else if behind {
                delta + delta / 4 + 1
            } else {
                delta - delta / 32
            };
            // Relaxed: published to the followers by the next Release store to `go`.
            sh.delta
                .store(new_delta.clamp(min_delta, max_delta), Ordering::Relaxed);
            if counting && sweep_len > 1 && rounds.is_multiple_of(8) {
                // Relaxed: the leader's own store just above.
                let limit = 4 * sh.delta.load(Ordering::Relaxed) as i64;
                bias = (bias + centre_shift(&overlap, &sh.sweep[1])).clamp(-limit, limit);
                for b in overlap.iter_mut() {
                    b.0 /= 2.0;
                    b.1 /= 2.0;
                }
            }
        }
        let now = Instant::now();
        if let Budget::Time(d) = cfg.budget {
            if now - started >= d {
                break;
            }
        }
        if now - last_beat > Duration::from_millis(50) {
            last_beat = now;
            // The watchdog may have given up already; nothing to do then.
            let _ = tx.send(Msg::Progress);
        }
    }
    let elapsed = started.elapsed();
    // Every follower posted its last tally (or the run is hung and partial anyway).
    let mut hist = Histogram::default();
    for part in &sh.parts {
        let part = part.lock().unwrap_or_else(|e| e.into_inner());
        for (state, count) in &part.tally.hist.states {
            hist.add_count(state, *count);
        }
    }
    // Relaxed + Release: the followers read `stop` after the Acquire load of `go`.
    sh.stop.store(true, Ordering::Relaxed);
    sh.go.store(rounds + 1, Ordering::Release);
    let offset = if threads > 1 { skew[1] + bias } else { 0 };
    RunOutcome {
        histogram: hist,
        iterations,
        elapsed,
        hung,
        oversubscribed: false,
        sync: sh.sync,
        // Relaxed: the leader's own store.
        delta_ns: sh.delta.load(Ordering::Relaxed) as f64 * 1e9 / freq,
        offset_ns: offset as f64 * 1e9 / freq,
        rounds,
    }
}

/// Mean lateness (actual start − target) of thread `t` over a round (sampled), each instance
/// capped at one Δ so a preempted instance does not dominate.
fn lateness(sh: &Shared, t: usize, n: usize, delta: u64) -> f64 {
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
fn adapt(sh: &Shared, n: usize, delta: u64, skew: &mut [i64]) {
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
fn centre_shift(overlap: &[(f64, f64)], sweep: &[i64]) -> i64 {
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
struct DeltaSearch {
    grid: Vec<u64>,
    cur: usize,
    probe: usize,
    score: [(f64, f64); 3],
    rounds: u32,
}

impl DeltaSearch {
    fn new(min: u64, max: u64, start: u64) -> DeltaSearch {
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
    fn delta(&self) -> u64 {
        self.grid[self.index(self.probe)]
    }

    /// Score the round just run with [`DeltaSearch::delta`].
    fn record(&mut self, overlapping: u64, secs: f64) {
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
