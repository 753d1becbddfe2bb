//! Running one test's threads under loom (exhaustive exploration of C11 executions, within
//! bounds) and under shuttle (random and PCT schedules of sequentially consistent
//! interleavings), collecting every final state each produces.

use crate::run::layout::Slot;
use crate::sync::named::{loom as lm, shuttle as sh, Int};
use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One thread of a test on a backend's atomics (`I`): its registers.
pub(crate) type Threads<I> = Arc<dyn Fn(usize, &[&I]) -> Vec<i32> + Send + Sync>;

/// What a test needs beyond its threads: initial values and where each observable lives.
#[derive(Clone, Debug)]
pub(crate) struct Shape {
    pub threads: usize,
    /// Per location (`Test::locations_all()` order).
    pub init: Vec<i32>,
    /// Per observable (`Test::observables()` order).
    pub slots: Vec<Slot>,
}

impl Shape {
    /// The final state, aligned with `Test::observables()`.
    fn state(&self, regs: &[Vec<i32>], locs: &[i32]) -> Vec<i64> {
        self.slots
            .iter()
            .map(|s| match *s {
                Slot::Reg { thread, index } => regs[thread][index] as i64,
                Slot::Loc(l) => locs[l] as i64,
            })
            .collect()
    }
}

/// The final states a checker produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Explored {
    pub states: BTreeSet<Vec<i64>>,
    /// Executions (loom) or schedules (shuttle) run.
    pub executions: usize,
    /// loom: the exploration ended by itself with no preemption bound (every execution);
    /// shuttle: always false (sampling is never complete).
    pub complete: bool,
    /// The checker stopped with an error (loom's panics: a branch or history limit).
    pub error: Option<String>,
    pub elapsed: Duration,
}

/// loom's bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LoomBounds {
    /// At most this many preemptions per execution (`None`: unbounded).
    pub preemptions: Option<usize>,
    /// Stop after about this many executions.
    pub executions: usize,
    /// Stop after about this long.
    pub time: Duration,
}

/// How often loom looks at its execution and time bounds (it checks every this many).
const LOOM_CHECK_EVERY: usize = 64;

/// The most threads loom 0.7 runs, its main thread included (`loom::rt::MAX_THREADS`; more
/// fail an assertion when spawned).
pub(crate) const LOOM_MAX_THREADS: usize = 5;

/// Explore every execution loom produces, with thread `main` on loom's main thread (the one
/// that spawns the others; thread 0 in the lab's harness).
pub(crate) fn loom(
    shape: &Shape,
    threads: Threads<lm::atomic::AtomicI32>,
    b: LoomBounds,
    main: usize,
) -> Explored {
    if shape.threads > LOOM_MAX_THREADS {
        return Explored {
            error: Some(format!(
                "loom runs at most {LOOM_MAX_THREADS} threads; this test has {}",
                shape.threads
            )),
            ..Explored::default()
        };
    }
    let states = Arc::new(Mutex::new(BTreeSet::new()));
    let runs = Arc::new(AtomicUsize::new(0));
    let mut builder = lm::Builder::new();
    builder.preemption_bound = b.preemptions;
    builder.max_permutations = Some(b.executions);
    builder.max_duration = Some(b.time);
    builder.checkpoint_interval = LOOM_CHECK_EVERY;
    builder.checkpoint_file = None;
    let (shape2, states2, runs2) = (shape.clone(), states.clone(), runs.clone());
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(move || {
        builder.check(move || {
            // Relaxed: a counter, read after loom returns (on this same OS thread).
            runs2.fetch_add(1, Ordering::Relaxed);
            let s = execution(&shape2, &threads, main, lm::thread::spawn, |h| h.join());
            states2.lock().unwrap_or_else(|e| e.into_inner()).insert(s);
        })
    }));
    let elapsed = start.elapsed();
    // Relaxed: loom ran every execution on this OS thread.
    let executions = runs.load(Ordering::Relaxed);
    let error = result.err().map(|p| panic_text(&*p));
    // A preemption bound limits what loom explores even when it ends by itself.
    let hit_bound = executions >= b.executions || elapsed >= b.time || b.preemptions.is_some();
    let states = std::mem::take(&mut *states.lock().unwrap_or_else(|e| e.into_inner()));
    Explored {
        states,
        executions,
        complete: error.is_none() && !hit_bound,
        error,
        elapsed,
    }
}

/// shuttle's scheduler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scheduler {
    /// Uniformly random choices at every step.
    Random,
    /// Probabilistic concurrency testing with this bug depth.
    Pct(usize),
}

/// Run `schedules` shuttle schedules (seeded: the same run gives the same states).
pub(crate) fn shuttle(
    shape: &Shape,
    threads: Threads<sh::atomic::AtomicI32>,
    scheduler: Scheduler,
    schedules: usize,
    seed: u64,
) -> Explored {
    let states = Arc::new(Mutex::new(BTreeSet::new()));
    let mut config = sh::Config::new();
    config.silence_warnings = true;
    let (shape2, states2) = (shape.clone(), states.clone());
    let body = move || {
        let s = execution(&shape2, &threads, 0, sh::thread::spawn, |h| h.join());
        states2.lock().unwrap_or_else(|e| e.into_inner()).insert(s);
    };
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(move || match scheduler {
        Scheduler::Random => {
            sh::Runner::new(sh::RandomScheduler::new_from_seed(seed, schedules), config).run(body)
        }
        Scheduler::Pct(depth) => sh::Runner::new(
            sh::PctScheduler::new_from_seed(seed, depth, schedules),
            config,
        )
        .run(body),
    }));
    let elapsed = start.elapsed();
    let (executions, error) = match result {
        Ok(n) => (n, None),
        Err(p) => (0, Some(panic_text(&*p))),
    };
    let states = std::mem::take(&mut *states.lock().unwrap_or_else(|e| e.into_inner()));
    Explored {
        states,
        executions,
        complete: false,
        error,
        elapsed,
    }
}

/// A litmus thread, boxed for a backend's `spawn`.
type Body = Box<dyn FnOnce() -> Vec<i32> + Send>;

/// One execution on a backend: spawn every thread but `main` with `spawn`, run `main` here,
/// join the others, read the final state.
fn execution<I: Int + 'static, H, E>(
    shape: &Shape,
    threads: &Threads<I>,
    main: usize,
    spawn: impl Fn(Body) -> H,
    join: impl Fn(H) -> Result<Vec<i32>, E>,
) -> Vec<i64> {
    let locs: Arc<Vec<I>> = Arc::new(shape.init.iter().map(|&v| I::make(v)).collect());
    let handles: Vec<(usize, H)> = (0..shape.threads)
        .filter(|&t| t != main)
        .map(|t| {
            let (locs, threads) = (locs.clone(), threads.clone());
            let body: Body = Box::new(move || {
                let refs: Vec<&I> = locs.iter().collect();
                threads(t, &refs)
            });
            (t, spawn(body))
        })
        .collect();
    let refs: Vec<&I> = locs.iter().collect();
    let mut regs = vec![Vec::new(); shape.threads];
    regs[main] = threads(main, &refs);
    for (t, h) in handles {
        regs[t] = join(h).unwrap_or_else(|_| panic!("litmus thread {t} panicked"));
    }
    // Acquire: every thread is joined, so each location has one last store to read.
    let finals: Vec<i32> = locs.iter().map(|a| a.load(Ordering::Acquire)).collect();
    shape.state(&regs, &finals)
}

/// The message of a panic payload.
fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "the checker panicked".into())
}
