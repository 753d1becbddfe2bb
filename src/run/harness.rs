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
//! Without a timebase ([`Start::Handshake`]) every instance starts with a per-instance counter
//! handshake instead.
//!
//! The calling thread is the watchdog: if no round completes within the watchdog period the
//! run is aborted (every wait checks the abort flag) and reported as hung; threads stuck inside
//! a test's own code are abandoned. The period counts only time in which the process could run
//! (see [`Watch`]): a process stopped by SIGSTOP or a paused VM is not a stuck thread.

use super::clock::{self, Start};
use super::config::{Budget, Config, MAX_INSTANCES};
use super::outcome::{Histogram, RunError, RunOutcome};
use super::round::{Aborted, RoundCtx, RoundSync, SCRATCH_BYTES};
use super::schedule::{adapt, centre_shift, lateness, DeltaSearch};
use super::tally::{serial_outcomes, Part};
use super::{Instances, Runnable};
use crate::pad::Line;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

pub(super) struct Shared {
    pub(super) inst: Box<dyn Instances>,
    pub(super) threads: usize,
    pub(super) sync: Start,
    pub(super) yield_spin: bool,
    pub(super) split_reset: bool,
    /// Round number, published by the leader (Release) after writing the round's parameters.
    pub(super) go: AtomicU64,
    pub(super) stop: AtomicBool,
    /// Threads (leader included) that finished running the current round.
    pub(super) done: AtomicUsize,
    /// Followers that finished tallying their share of the current round.
    pub(super) posted: AtomicUsize,
    /// Final states no serial order of whole threads gives are "overlapping" (they steer the
    /// sweep and the Δ search); empty when nothing is steered. Set by the leader (it runs the
    /// test's code, so under the watchdog) before it publishes the first round.
    pub(super) serial: OnceLock<Vec<Vec<i64>>>,
    /// Number of observables of the test.
    pub(super) nobs: usize,
    /// Each thread's tally (index = thread), locked once per round by its thread and then by
    /// the leader.
    pub(super) parts: Vec<Mutex<Part>>,
    /// Followers that reset their part of the instances for the current round.
    pub(super) ready: AtomicUsize,
    /// Round number whose start instant `t0` is published (after every reset).
    pub(super) start: AtomicU64,
    pub(super) abort: AtomicBool,
    pub(super) n: AtomicUsize,
    pub(super) t0: AtomicU64,
    pub(super) delta: AtomicU64,
    /// Per-thread base offset in ticks.
    pub(super) offset: Vec<AtomicI64>,
    /// Per-thread sweep pattern in ticks (immutable).
    pub(super) sweep: Vec<Vec<i64>>,
    /// Per-thread actual start ticks.
    pub(super) starts: Vec<Box<[AtomicU64]>>,
    pub(super) stuff: usize,
    /// Per-thread scratch lines for [`Config::stuff`] (empty when it is 0).
    pub(super) scratch: Vec<Box<[AtomicU64]>>,
    pub(super) arrive: Box<[Line<AtomicU32>]>,
}

impl Shared {
    fn ctx(&self, t: usize) -> RoundCtx<'_> {
        // Relaxed: these parameters were published by the leader's Release store to `go`,
        // which this thread read with Acquire.
        let n = self.n.load(Ordering::Relaxed);
        let sync = match self.sync {
            Start::Timebase => RoundSync::Timebase {
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
            Start::Handshake => RoundSync::Handshake {
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

/// The watchdog's clock: how long the process could have made progress since the last round
/// completed. It wakes every `tick`; the wall-clock time between two wakes counts in full when
/// the process consumed CPU time in it, but a gap longer than a tick in which the process
/// consumed (almost) none is a process that was not running at all (stopped, or its VM
/// paused): of such a gap only one tick counts. A thread stuck in a test spins or sleeps while
/// the watchdog keeps waking on time, so its time counts in full.
struct Watch {
    tick: Duration,
    alive: Duration,
    last: Instant,
    cpu: Option<Duration>,
}

impl Watch {
    fn new(period: Duration) -> Watch {
        Watch {
            tick: (period / 4).clamp(Duration::from_millis(1), Duration::from_millis(100)),
            alive: Duration::ZERO,
            last: Instant::now(),
            cpu: clock::process_cpu_time(),
        }
    }

    /// Account the time since the last call; `progress` restarts the count.
    fn wake(&mut self, progress: bool) -> Duration {
        let now = Instant::now();
        let cpu = clock::process_cpu_time();
        let wall = now - self.last;
        let ran = match (self.cpu, cpu) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => Duration::ZERO,
        };
        self.alive = if progress {
            Duration::ZERO
        } else {
            self.alive + wall.min(ran + self.tick)
        };
        self.last = now;
        self.cpu = cpu;
        self.alive
    }
}

/// Run a test on this machine's hardware.
pub fn run(runnable: &dyn Runnable, cfg: &Config) -> Result<RunOutcome, RunError> {
    let test = runnable.test();
    let threads = test.threads.len();
    if threads == 0 {
        return Err(RunError(format!("{}: the test has no threads", test.name)));
    }
    let n = cfg.instances.max(1);
    if n > MAX_INSTANCES {
        return Err(RunError(format!(
            "{}: {n} instances per round (at most {MAX_INSTANCES})",
            test.name
        )));
    }
    let inst = runnable.instances(n);
    if inst.len() < n {
        return Err(RunError(format!(
            "{}: asked for {n} instances, got {}",
            test.name,
            inst.len()
        )));
    }
    let cores = core_affinity::get_core_ids().unwrap_or_default();
    let oversubscribed = threads > crate::machine::cpus();
    let sweep_len = if threads == 2 { cfg.sweep.max(1) } else { 1 };
    let step = if cfg.sync == Start::Timebase {
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
    let scratch_len = if cfg.stuff > 0 && cfg.sync == Start::Timebase {
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
    let mut watch = Watch::new(cfg.watchdog);
    loop {
        let msg = rx.recv_timeout(watch.tick);
        match msg {
            Ok(Msg::Progress) => {
                watch.wake(true);
            }
            Ok(Msg::Done(mut out)) => {
                for h in handles {
                    // A follower only panics if a test's own code panics; the leader's
                    // result is complete either way.
                    let _ = h.join();
                }
                out.oversubscribed = oversubscribed;
                return Ok(*out);
            }
            Err(mpsc::RecvTimeoutError::Timeout) if watch.wake(false) < cfg.watchdog => {}
            Err(_) => {
                // Watchdog: no progress (or the leader is gone). Ask every thread to stop,
                // give them a moment, then abandon any thread stuck inside the test's code.
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
                        interrupted: false,
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
pub(super) fn tally_share(sh: &Shared, t: usize) {
    let mut part = sh.parts[t].lock().unwrap_or_else(|e| e.into_inner());
    let part = &mut *part;
    part.tally.round(sh, t, &mut part.buckets);
}

fn leader(sh: &Shared, cfg: &Config, tx: &mpsc::Sender<Msg>) -> RunOutcome {
    let threads = sh.threads;
    let timebase = sh.sync == Start::Timebase;
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
    let mut interrupted = false;
    let started = Instant::now();
    let mut last_beat: Option<Instant> = None;
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
        // Relaxed: a flag a signal handler sets; nothing is published through it.
        if cfg.stop.as_ref().is_some_and(|s| s.load(Ordering::Relaxed)) {
            interrupted = true;
            break;
        }
        // The first round, then at most every 50 ms.
        if last_beat.is_none_or(|b| now - b > Duration::from_millis(50)) {
            last_beat = Some(now);
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
        interrupted,
    }
}
