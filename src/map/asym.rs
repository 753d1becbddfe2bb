//! Asymmetric fences for the dirty-flag handshake (the [`SeqCst`](super::SeqCst) policy only).
//!
//! The handshake is store buffering: a reader stores its dirty mark then loads the table
//! pointer; a writer stores the unlinking pointer then loads the dirty marks. Both sides need a
//! full barrier between their store and their load, and readers are many and hot while writers
//! seal a bag of retired objects rarely. So, as liburcu's `memb` flavour, folly's
//! `asymmetricLightBarrier`/`asymmetricHeavyBarrier` and C++ P1202's
//! `asymmetric_thread_fence_light`/`_heavy` do, the reader's barrier is moved to the writer:
//!
//! * `light_in` (reader): a compiler fence only. It keeps the compiler from moving the reader's
//!   store after its load; the CPU may still reorder them (x86 store buffer, ARM).
//! * `heavy` (writer): `fence(SeqCst)`, then Linux `membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED)`,
//!   which returns only after every thread of this process that is running on some CPU has executed
//!   a full memory barrier (an IPI), and a thread that is not running passes one on its next
//!   context switch. Relative to the writer's `membarrier` call, each reader's compiler-fenced
//!   "store; load" pair is then split by a full barrier at some point: if that barrier falls before
//!   the reader's load, the load sees the writer's earlier unlinking store (made visible by the
//!   writer's fence before the IPIs); if it falls after the reader's store, the store is visible to
//!   the writer's later scan. Either way at least one side sees the other, which is all SB+fence
//!   gave. (The C++ and Rust memory models know nothing of `membarrier`; this argument is at the
//!   hardware level, as for P1202's proposed fences.)
//!
//! `membarrier` must be registered once per process (`MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED`;
//! a forked child inherits the registration). `init` does it, and the scheme is on
//! ([`asymmetric`]) only if the kernel supports the command, registration succeeded and one
//! trial barrier worked. Otherwise, and at compile time on non-Linux targets, under Miri, loom
//! (`--cfg orderlab_loom`) and shuttle (`--features shuttle`), which cannot model `membarrier`,
//! both sides use `fence(SeqCst)` exactly as before: the checkers see the same operations as
//! without this module.
//!
//! Readers and writers must agree on the mode (a compiler-fenced reader against a writer that
//! does not `membarrier` is broken), so the mode is decided once, before any map exists: see
//! `init`, called by every map's constructor.

use std::sync::atomic::{compiler_fence, AtomicBool};
use std::sync::Once;

use crate::sync::atomic::{fence, Ordering};

/// The `membarrier(2)` system call (constants from `uapi/linux/membarrier.h`, spelled out here
/// because older `libc` 0.2 releases lack them).
#[cfg(all(
    target_os = "linux",
    not(any(miri, orderlab_loom, feature = "shuttle"))
))]
mod sys {
    use libc::{c_int, c_long};

    /// This build can use `membarrier` (Linux, natively, not under a checker).
    pub(super) const AVAILABLE: bool = true;

    const CMD_QUERY: c_int = 0;
    const CMD_PRIVATE_EXPEDITED: c_int = 1 << 3;
    const CMD_REGISTER_PRIVATE_EXPEDITED: c_int = 1 << 4;

    fn membarrier(cmd: c_int) -> c_long {
        // Safety: membarrier takes (int cmd, unsigned int flags, int cpu_id), reads and writes no
        // memory of ours, and reports any failure through its return value.
        unsafe { libc::syscall(libc::SYS_membarrier, cmd, 0 as libc::c_uint, 0 as c_int) }
    }

    /// Register this process for private expedited barriers; true if they work.
    pub(super) fn register() -> bool {
        // QUERY: a bit mask of the supported commands, or -1 (ENOSYS on old kernels, seccomp
        // filters, emulators).
        let supported = membarrier(CMD_QUERY);
        if supported < 0 || supported & c_long::from(CMD_PRIVATE_EXPEDITED) == 0 {
            return false;
        }
        // One trial barrier: an emulator might accept the registration and fail the command.
        membarrier(CMD_REGISTER_PRIVATE_EXPEDITED) == 0 && barrier()
    }

    /// A full barrier on every running thread of this process; false if the call failed.
    pub(super) fn barrier() -> bool {
        membarrier(CMD_PRIVATE_EXPEDITED) == 0
    }
}

/// No `membarrier` in this build (non-Linux, Miri, loom, shuttle): always symmetric fences.
#[cfg(not(all(
    target_os = "linux",
    not(any(miri, orderlab_loom, feature = "shuttle"))
)))]
mod sys {
    pub(super) const AVAILABLE: bool = false;

    pub(super) fn register() -> bool {
        false
    }

    pub(super) fn barrier() -> bool {
        true
    }
}

/// Set once by [`init`]: whether the light/heavy scheme is on for this process. A std atomic
/// even under loom and shuttle (it is configuration, not part of the protocol; there it stays
/// false).
static ENABLED: AtomicBool = AtomicBool::new(false);
/// Guards the one registration (std's `Once`, also under loom and shuttle, for the same reason).
static INIT: Once = Once::new();

/// Decide the mode for this process (idempotent; cheap after the first call).
///
/// Every map calls this in its constructor ([`Readers::new`](super::handshake)), before any
/// reader or writer can reach the map. `call_once` makes the one store to [`ENABLED`] happen
/// before every return from `init`, and so before the map's construction returns; any way of
/// letting another thread use the map (spawning it, a lock, an `Arc` sent through a channel,
/// a Release/Acquire publication) makes the construction happen before that thread's use. By
/// write-read coherence a load that the store happens before cannot return the initial
/// `false` (it precedes the store in modification order, and no other store exists), so every
/// reader and writer of every map reads the final value, even with a Relaxed load.
pub(crate) fn init() {
    INIT.call_once(|| {
        // Relaxed: `call_once` orders this store before every return from `init` (see above).
        ENABLED.store(sys::register(), Ordering::Relaxed);
    });
}

/// Whether the light/heavy scheme is on (valid once [`init`] ran, i.e. inside any map).
#[inline(always)]
pub(crate) fn enabled() -> bool {
    // Relaxed: written once, before any map exists; see `init`. (`AVAILABLE` is a constant:
    // builds without membarrier, loom's and shuttle's included, never load the flag.)
    sys::AVAILABLE && ENABLED.load(Ordering::Relaxed)
}

/// Whether this process uses the asymmetric handshake: the [`SeqCst`](super::SeqCst) reader
/// pays a compiler fence only and the writer a `membarrier` system call per sealed batch. False
/// where `membarrier` is unavailable (non-Linux, old kernels, seccomp, emulators that refuse
/// it, Miri, loom, shuttle): then both sides use `fence(SeqCst)`.
pub fn asymmetric() -> bool {
    init();
    enabled()
}

/// The reader's half: between its dirty-mark store and its table load. `enabled`:
/// [`enabled()`]'s value, which a map copies when it is built (sparing every read the global's
/// load).
#[inline(always)]
pub(crate) fn light_in(enabled: bool) {
    if enabled {
        // Compiler fence: the store stays before the load in the emitted code; the hardware
        // barrier is the writer's membarrier.
        compiler_fence(Ordering::SeqCst);
    } else {
        // SeqCst fence: the reader half of SB+fence (store; fence; load).
        fence(Ordering::SeqCst);
    }
}

/// The writer's half: between its unlinking stores and its scan of the dirty marks. Returns
/// false if `membarrier` failed although registration had succeeded (never expected): then
/// readers may not have been fenced, the scan proves nothing, and the caller must not free what
/// it unlinked (see [`Retirer::seal`](super::handshake)).
#[inline]
pub(crate) fn heavy() -> bool {
    // SeqCst fence: the writer half of SB+fence, and what makes the unlinking stores visible
    // before the readers' barriers.
    fence(Ordering::SeqCst);
    let mut ok = true;
    if enabled() {
        ok = sys::barrier();
        // Compiler fence: the scan's loads stay after the system call (which, being opaque,
        // already pins them; this says so).
        compiler_fence(Ordering::SeqCst);
    }
    #[cfg(test)]
    if test_hook::take_failure() {
        return false;
    }
    ok
}

/// Test-only: make this thread's next `heavy()` calls report failure.
#[cfg(test)]
pub(crate) mod test_hook {
    use std::cell::Cell;

    std::thread_local! {
        static FAIL: Cell<usize> = const { Cell::new(0) };
    }

    /// The next `n` calls of `heavy()` on this thread return false.
    pub(crate) fn fail_next(n: usize) {
        FAIL.with(|f| f.set(n));
    }

    pub(super) fn take_failure() -> bool {
        FAIL.try_with(|f| {
            let n = f.get();
            f.set(n.saturating_sub(1));
            n > 0
        })
        .unwrap_or(false)
    }
}

#[cfg(all(test, not(any(miri, orderlab_loom, feature = "shuttle"))))]
mod tests {
    //! Store-buffering stress tests of [`light_in`]/[`heavy`] on real threads (`light()`: the
    //! reader's half in this process's mode).
    //!
    //! Thread A: `x = g; light(); r1 = (y == g)`; thread B: `y = g; heavy(); r2 = (x == g)`,
    //! for generations g = 1, 2, ... (no location is reset: a thread sees the other's store of
    //! this round or the previous one's), both threads released together by a spin barrier
    //! every round. `r1 == 0 && r2 == 0` is the weak outcome the handshake must forbid.
    use super::*;
    use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::*};
    use std::time::{Duration, Instant};

    /// Rounds per pair of threads (results are checked between chunks).
    const CHUNK: u64 = 20_000;

    /// Run SB rounds in chunks until `stop(weak, rounds)` says so; returns (weak, rounds).
    fn sb(
        a_fence: fn() -> bool,
        b_fence: fn() -> bool,
        stop: impl Fn(u64, u64) -> bool,
    ) -> (u64, u64) {
        let cores = core_affinity::get_core_ids().unwrap_or_default();
        let (mut weak, mut rounds) = (0, 0);
        let x = AtomicU64::new(0);
        let y = AtomicU64::new(0);
        let arrived = AtomicUsize::new(0);
        while !stop(weak, rounds) {
            let base = rounds;
            // Rounds base+1 ..= base+CHUNK on one side: pinned to its own core, released with
            // the other side by a spin barrier each round (the counter only grows within a
            // chunk), then `me = g; fence; other == g?`. Returns (saw the other, barrier ok).
            let side = |me: &AtomicU64, other: &AtomicU64, core: usize, f: fn() -> bool| {
                if let Some(&c) = cores.get(core) {
                    core_affinity::set_for_current(c);
                }
                let mut seen = Vec::with_capacity(CHUNK as usize);
                for i in 1..=CHUNK {
                    // AcqRel: the other side's previous round happens before our next one.
                    arrived.fetch_add(1, AcqRel);
                    // Acquire: as above.
                    while arrived.load(Acquire) < 2 * i as usize {
                        std::hint::spin_loop();
                    }
                    let g = base + i;
                    // Relaxed: the test is about what the fences alone order.
                    me.store(g, Relaxed);
                    let ok = f();
                    // Relaxed: as above.
                    seen.push((other.load(Relaxed) == g, ok));
                }
                seen
            };
            let (ra, rb) = std::thread::scope(|s| {
                let a = s.spawn(|| side(&x, &y, 0, a_fence));
                let b = s.spawn(|| side(&y, &x, 1, b_fence));
                (a.join().unwrap(), b.join().unwrap())
            });
            // Relaxed: both sides have been joined.
            arrived.store(0, Relaxed);
            for ((r1, _), (r2, ok)) in ra.into_iter().zip(rb) {
                assert!(ok, "membarrier failed after a successful registration");
                weak += u64::from(!r1 && !r2);
            }
            rounds += CHUNK;
        }
        (weak, rounds)
    }

    fn two_cores() -> bool {
        std::thread::available_parallelism().map_or(0, |n| n.get()) >= 2
    }

    /// The handshake's barriers forbid SB's weak outcome: light() in A, heavy() in B.
    ///
    /// Its power (measured on a 2-vCPU x86-64 VM, 200k rounds each): with B's membarrier
    /// removed (fence(SeqCst) only) the weak outcome shows in 3-5% of rounds, and with it
    /// replaced by a fast system call (getppid) ~1 in 50,000; but no store buffer holds a store
    /// for microseconds, so a B whose store and load are kept that far apart by anything (a
    /// 10 µs spin) shows nothing either: the test cannot tell a slow no-op from membarrier.
    #[test]
    fn sb_light_heavy_forbids_the_weak_outcome() {
        if !asymmetric() {
            eprintln!("skipped: membarrier is not available here (asymmetric() is false)");
            return;
        }
        if !two_cores() {
            eprintln!("skipped: SB needs two threads running at once");
            return;
        }
        // 200k rounds (20k unoptimised), at most 10 s: ~12 µs a round natively (2.5 s), the
        // membarrier's IPI to the other thread's CPU dominating.
        let max = if cfg!(debug_assertions) {
            20_000
        } else {
            200_000
        };
        let t0 = Instant::now();
        let (weak, rounds) = sb(
            || {
                light_in(enabled());
                true
            },
            heavy,
            |_, n| n >= max || t0.elapsed() > Duration::from_secs(10),
        );
        eprintln!("light/heavy: {weak} weak outcomes in {rounds} rounds");
        assert_eq!(weak, 0, "light()/heavy() let both threads miss each other");
    }

    /// Run SB until the weak outcome shows (or 60 s pass); returns the rounds it took.
    fn rounds_to_weak(name: &str, a: fn() -> bool, b: fn() -> bool) -> u64 {
        let t0 = Instant::now();
        let (weak, rounds) = sb(a, b, |w, _| w > 0 || t0.elapsed() > Duration::from_secs(60));
        eprintln!("control {name}: {weak} weak outcomes in {rounds} rounds");
        assert!(
            weak > 0,
            "{name}: the harness never observed SB's weak outcome in {rounds} rounds"
        );
        rounds
    }

    /// Controls: the harness does observe the weak outcome when the barriers are missing,
    /// (a) with compiler fences only on both sides (plain SB: ~18% of rounds natively on a
    /// 2-vCPU x86-64 VM, ~8% under qemu-aarch64 there), and (b) with the reader's compiler
    /// fence against a writer's `fence(SeqCst)` without membarrier, i.e. a light reader with
    /// the symmetric writer, why both sides must agree on the mode (3-15% natively, ~0.1%
    /// under qemu). Each runs until it sees one, for up to 60 s:
    /// millions of rounds even on a loaded machine, so only a rate below one in a million
    /// (against the thousands of times higher rates measured) could fail it. Only where SB is
    /// known to show (x86-64, aarch64).
    ///
    /// Not with unoptimised code under qemu-user (`cross test` without `--release`): emulated
    /// debug code is too slow for the two sides' store-load windows to overlap, and 11 to 32
    /// million rounds (3 runs) showed no weak outcome; it skips, saying so, and the release
    /// build (`cross test --release`) runs the check.
    #[test]
    #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
    fn sb_controls_without_membarrier_show_the_weak_outcome() {
        if !two_cores() {
            eprintln!("skipped: SB needs two threads running at once");
            return;
        }
        if cfg!(debug_assertions)
            && crate::machine::Platform::detect_hw() == crate::machine::Platform::QemuX86
        {
            eprintln!(
                "skipped: a debug build under qemu-user cannot meet this test's budget (its \
                 threads do not overlap); the release build runs it"
            );
            return;
        }
        let compiler_only = || {
            // Compiler fence: the hardware may still reorder (the missing barrier).
            compiler_fence(Ordering::SeqCst);
            true
        };
        let writer_fence_only = || {
            // SeqCst fence: heavy() without its membarrier.
            fence(Ordering::SeqCst);
            true
        };
        rounds_to_weak("compiler fences only", compiler_only, compiler_only);
        rounds_to_weak(
            "light reader, writer without membarrier",
            compiler_only,
            writer_fence_only,
        );
    }

    #[test]
    fn asymmetric_is_stable_and_heavy_works() {
        let first = asymmetric();
        assert_eq!(asymmetric(), first);
        assert!(heavy());
        eprintln!("asymmetric: {first}");
    }
}
