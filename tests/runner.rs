//! The runner: codegen faithfulness, compiled vs interpreted semantics, hardware runs with
//! verdicts, the watchdog, the handshake fallback.
//!
//! Hardware runs inside this binary are serialized with [`HW`]: two runs at once would share
//! the cores and starve each other.

mod common;

use orderlab::litmus::Test;
use orderlab::machine::Platform;
use orderlab::run::{self as engine, Budget, Config, Instances, Runnable, Start};
use orderlab::suite::catalog::{CatalogFile, ENTRIES};
use orderlab::suite::{Entry, Source};
use orderlab::verdict::{self, Status};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

static HW: Mutex<()> = Mutex::new(());

fn hw() -> std::sync::MutexGuard<'static, ()> {
    HW.lock().unwrap_or_else(|e| e.into_inner())
}

fn catalog_file(name: &str) -> &'static CatalogFile {
    ENTRIES
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("{name} is not in the catalog"))
}

/// A catalog test as the suite gives it.
fn entry(name: &str) -> Entry {
    orderlab::suite::select(&[name.to_string()])
        .expect("selects")
        .remove(0)
}

fn config(budget: Budget) -> Config {
    Config {
        budget,
        ..Config::default()
    }
}

#[test]
fn catalog_is_compiled() {
    assert!(
        ENTRIES.len() >= 40,
        "catalog has {} tests, expected the classic and map files",
        ENTRIES.len()
    );
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/litmus/classic"))
        .expect("litmus/classic")
        .count();
    assert!(
        ENTRIES
            .iter()
            .filter(|e| e.path.starts_with("litmus/classic/"))
            .count()
            == files
    );
}

/// Every permutation of `0..n`.
fn permutations(n: usize) -> Vec<Vec<usize>> {
    let mut perms = vec![vec![]];
    for t in 0..n {
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
    perms
}

fn serial(inst: &dyn Instances, order: &[usize], nobs: usize) -> Vec<i64> {
    inst.reset();
    for &t in order {
        inst.run(t, 0);
    }
    let mut out = vec![0; nobs];
    inst.outcome(0, &mut out);
    out
}

#[test]
fn compiled_threads_agree_with_the_interpreter() {
    for e in ENTRIES {
        let compiled = entry(e.name);
        let test = compiled.test().clone();
        assert_eq!(compiled.source(), Source::Catalog);
        let interp = orderlab::suite::interpreted(test.clone(), None).expect("interpretable");
        assert_eq!(interp.source(), Source::Interpreted);
        let (a, b) = (
            compiled.runnable().instances(1),
            interp.runnable().instances(1),
        );
        let nobs = test.observables().len();
        // Every serial schedule is an SC execution: the model must allow its final state.
        let sc = orderlab::model::check(&test, orderlab::model::Model::Sc)
            .expect("catalog tests are checkable")
            .allowed_states;
        for p in permutations(test.threads.len()) {
            let x = serial(&*a, &p, nobs);
            assert_eq!(x, serial(&*b, &p, nobs), "{}: thread order {p:?}", e.name);
            assert!(
                sc.contains(&x),
                "{}: thread order {p:?} ends in {x:?}, which SC does not allow",
                e.name
            );
        }
    }
}

/// Budget for "SB+rlx is observed" with the timebase: the worst rate measured on the
/// project's machines was 4.9% of iterations (aarch64 under qemu-user, load average 12;
/// native x86 under load 11: 9%). With 500,000 iterations, even a rate 100x below that worst
/// case (4.9e-4) leaves a chance of seeing nothing of (1 - 4.9e-4)^5e5 = e^-245: a false
/// failure is practically impossible unless the harness loses all concurrency, which is what
/// this test exists to catch.
const SB_BUDGET: u64 = 500_000;

/// Budget for the handshake fallback: its worst measured rate is 0.69% (native x86, load 10).
/// At 100x below that (6.9e-5), 300,000 iterations miss with probability e^-20.7 (1e-9).
const HANDSHAKE_BUDGET: u64 = 300_000;

/// Neither budget holds for unoptimised code under qemu-user (`cross test` without
/// `--release`): with Debian's qemu-user 7.2 on the project's 2-vCPU x86-64 VM, a debug build
/// showed SB+rlx's weak outcome 0 times in 500,000 iterations and 0 in 300,000 with the
/// handshake (3 of 3 runs: one beside a CI run, two on an idle machine, one of those at the
/// commit before the house refactor), where the release build shows it in about 26% of
/// iterations. `orderlab run SB+rlx` from that debug build: 0 weak, 50 of 219,136 iterations
/// with both stores before both loads: the emulated debug code rarely lets the threads overlap
/// and never while a store is still buffered. So there the runs are made and checked (totals,
/// no hang, nothing forbidden) and the "observed" half skips, saying so; the release build
/// runs it.
const SKIP_OBSERVED: &str = "skipped (observed half): a debug build under qemu-user cannot \
    meet this budget (emulated debug code never overlaps a buffered store with the other \
    thread's load); the release build runs it";

#[test]
fn sb_rlx_is_observed_here() {
    let _g = hw();
    let sb = entry("SB+rlx");
    let run = engine::run(sb.runnable(), &config(Budget::Iterations(SB_BUDGET))).expect("run");
    assert!(!run.hung);
    assert_eq!(run.iterations, SB_BUDGET);
    assert_eq!(run.histogram.total(), SB_BUDGET);
    let a = verdict::assess(&sb, Platform::detect_hw(), &run.histogram, run.hung);
    assert_ne!(a.status, Status::ForbiddenObserved);
    if common::debug_under_qemu() {
        eprintln!("{SKIP_OBSERVED}");
        return;
    }
    let observed = verdict::observed(sb.test(), &run.histogram);
    assert!(
        observed > 0,
        "SB+rlx never showed its weak outcome in {SB_BUDGET} iterations on {}",
        Platform::detect_hw().describe()
    );
}

#[test]
fn sb_rlx_is_observed_with_the_handshake_fallback() {
    let _g = hw();
    let sb = entry("SB+rlx");
    let cfg = Config {
        sync: Start::Handshake,
        ..config(Budget::Iterations(HANDSHAKE_BUDGET))
    };
    let run = engine::run(sb.runnable(), &cfg).expect("run");
    assert_eq!(run.histogram.total(), HANDSHAKE_BUDGET);
    if common::debug_under_qemu() {
        eprintln!("{SKIP_OBSERVED}");
        return;
    }
    assert!(verdict::observed(sb.test(), &run.histogram) > 0);
}

#[test]
fn no_catalog_test_shows_a_forbidden_outcome() {
    let _g = hw();
    let platform = Platform::detect_hw();
    for e in ENTRIES {
        let lit = entry(e.name);
        let run = engine::run(lit.runnable(), &config(Budget::Iterations(20_000))).expect("run");
        assert!(!run.hung, "{} hung", e.name);
        assert_eq!(run.histogram.total(), 20_000, "{}", e.name);
        let a = verdict::assess(&lit, platform, &run.histogram, run.hung);
        assert!(
            a.status != Status::ForbiddenObserved,
            "{} on {platform}: forbidden states observed: {:?}",
            e.name,
            a.forbidden_states
        );
    }
}

#[test]
fn mp_ra_is_never_observed() {
    let _g = hw();
    let mp = entry("MP+ra");
    let run = engine::run(mp.runnable(), &config(Budget::Iterations(200_000))).expect("run");
    assert_eq!(verdict::observed(mp.test(), &run.histogram), 0);
    let a = verdict::assess(&mp, Platform::detect_hw(), &run.histogram, false);
    assert_eq!(a.status, Status::Ok);
    assert_eq!(a.allowed, Some(false));
}

/// The reported bug: `fetch_add` past `i32::MAX` wraps on the hardware, and the model once
/// computed 2147483648 instead, so `orderlab run` printed FORBIDDEN OBSERVED and exited 1.
/// Negative wraps, register operands and several threads too.
#[test]
fn wrapping_values_are_not_reported_forbidden() {
    let _g = hw();
    let src = "C Wrap+run\n{ [x] = 2147483647; [y] = -2147483648; }\n\
        P0(atomic_int* x, atomic_int* y) {\n\
          int m = 2147483647;\n\
          int r0 = atomic_fetch_add_explicit(x, 1, memory_order_relaxed);\n\
          atomic_fetch_sub_explicit(y, m, memory_order_relaxed);\n\
        }\n\
        P1(atomic_int* x, atomic_int* y) {\n\
          atomic_fetch_add_explicit(x, 2147483647, memory_order_relaxed);\n\
        }\n\
        locations [y;]\n\
        exists (x=-1)\n";
    let test = orderlab::litmus::parse(src, "wrap.litmus").expect("parses");
    let e = orderlab::suite::interpreted(test, Some("wrap.litmus")).expect("interpretable");
    let run = engine::run(e.runnable(), &config(Budget::Iterations(10_000))).expect("run");
    let a = verdict::assess(&e, Platform::detect_hw(), &run.histogram, run.hung);
    assert_eq!(
        a.status,
        Status::Ok,
        "forbidden states: {:?}",
        a.forbidden_states
    );
    // x = MAX + 1 + MAX = 2^32 - 1 wraps to -1; y = MIN - MAX = 1 - 2^32 wraps to 1.
    let obs = e.test().observables();
    let at = |name: &str| obs.iter().position(|v| v.to_string() == name).unwrap();
    for (state, _) in &run.histogram.states {
        assert_eq!((state[at("x")], state[at("y")]), (-1, 1), "{state:?}");
    }
}

/// A test whose instances never finish thread `stuck` until `RELEASE` is set.
struct Hanging {
    test: Test,
    stuck: usize,
    release: &'static AtomicBool,
}

struct HangingInstances {
    stuck: usize,
    release: &'static AtomicBool,
}

impl Runnable for Hanging {
    fn test(&self) -> &Test {
        &self.test
    }
    fn instances(&self, n: usize) -> Box<dyn Instances> {
        let _ = n;
        Box::new(HangingInstances {
            stuck: self.stuck,
            release: self.release,
        })
    }
}

impl Instances for HangingInstances {
    fn len(&self) -> usize {
        1024
    }
    fn run(&self, thread: usize, _instance: usize) {
        if thread == self.stuck {
            while !self.release.load(Ordering::Acquire) {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }
    fn outcome(&self, _instance: usize, out: &mut [i64]) {
        out.fill(0);
    }
    fn reset(&self) {}
}

fn hangs(stuck: usize, release: &'static AtomicBool) {
    let sb = (catalog_file("SB+rlx").make)();
    let h = Hanging {
        test: sb.test().clone(),
        stuck,
        release,
    };
    let cfg = Config {
        watchdog: Duration::from_millis(300),
        ..config(Budget::Iterations(10_000))
    };
    let run = engine::run(&h, &cfg).expect("the harness returns, it does not panic");
    release.store(true, Ordering::Release);
    assert!(
        run.hung,
        "thread {stuck} hung but the run was not reported hung"
    );
    let a = verdict::assess_test(&h.test, Platform::detect_hw(), &run.histogram, run.hung);
    assert_eq!(a.status, Status::Hung);
}

#[test]
fn watchdog_reports_a_hung_leader() {
    static RELEASE: AtomicBool = AtomicBool::new(false);
    let _g = hw();
    hangs(0, &RELEASE);
}

#[test]
fn watchdog_reports_a_hung_follower() {
    static RELEASE: AtomicBool = AtomicBool::new(false);
    let _g = hw();
    hangs(1, &RELEASE);
}

/// The map's handshake under the weak policies: on x86 (store→load reordering) the writer
/// sometimes would free a table a reader holds; with SeqCst never. The weak rate of the map's
/// real code is low: 1.1e-4 of iterations measured natively at load 4 (75 in 682k). We run
/// chunks of 200k iterations until the outcome shows, up to 5M: at a rate 10x below the
/// measured one (1.1e-5) the chance of seeing nothing is e^-55, practically impossible.
#[test]
fn map_handshake_violations_show_on_x86_with_weak_policies_only() {
    if Platform::detect_hw() != Platform::X86Tso {
        eprintln!("skipped: not native x86-TSO (store→load reordering is what shows here)");
        return;
    }
    let _g = hw();
    let tests = orderlab::suite::select(&["map.handshake+*".to_string()]).expect("map tests");
    let find = |name: &str| {
        tests
            .iter()
            .find(|t| t.test().name == name)
            .unwrap_or_else(|| panic!("no map test {name}"))
    };
    for name in ["map.handshake+relaxed", "map.handshake+acqrel"] {
        let t = find(name);
        let mut seen = 0;
        let mut total = 0;
        while seen == 0 && total < 5_000_000 {
            let run = engine::run(t.runnable(), &config(Budget::Iterations(200_000))).expect("run");
            assert!(!run.hung, "{name} hung");
            let a = verdict::assess(t, Platform::X86Tso, &run.histogram, run.hung);
            assert_eq!(a.status, Status::Ok, "{name}: {:?}", a.status);
            seen += verdict::observed(t.test(), &run.histogram);
            total += run.iterations;
        }
        assert!(
            seen > 0,
            "{name}: no violation in {total} iterations on x86"
        );
    }
    let sc = find("map.handshake+seqcst");
    let run = engine::run(sc.runnable(), &config(Budget::Iterations(400_000))).expect("run");
    assert_eq!(verdict::observed(sc.test(), &run.histogram), 0);
    let a = verdict::assess(sc, Platform::X86Tso, &run.histogram, run.hung);
    assert_eq!(a.status, Status::Ok);
}
