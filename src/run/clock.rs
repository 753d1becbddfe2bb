//! The timebase: a cheap, fine-grained, machine-wide tick counter that lets every harness
//! thread start an instance at the same instant (litmus7's "timebase" mode).
//!
//! * x86_64: the time-stamp counter (`rdtsc`); its frequency is calibrated once against
//!   [`std::time::Instant`].
//! * aarch64: the virtual counter `cntvct_el0`, frequency from `cntfrq_el0`.
//! * anything else: no timebase; the harness falls back to a per-instance handshake.
//!
//! `ORDERLAB_SYNC=handshake` forces the fallback (to exercise it on x86 / aarch64).

use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Does this target have a timebase the harness can use?
pub const HAS_TIMEBASE: bool = cfg!(any(target_arch = "x86_64", target_arch = "aarch64"));

/// Current tick of the timebase (0 where there is none).
#[inline(always)]
pub fn now() -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        // Safety: `rdtsc` exists on every x86_64 CPU and has no memory effects.
        unsafe { core::arch::x86_64::_rdtsc() }
    }
    #[cfg(target_arch = "aarch64")]
    {
        let t: u64;
        // Safety: cntvct_el0 is readable from EL0 on Linux (the kernel enables EL0 access to
        // the virtual counter); the instruction only reads a system register.
        unsafe {
            core::arch::asm!("mrs {t}, cntvct_el0", t = out(reg) t, options(nomem, nostack, preserves_flags))
        };
        t
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        0
    }
}

/// Ticks per second of [`now`] (calibrated once on x86_64).
pub fn frequency() -> f64 {
    static FREQ: OnceLock<f64> = OnceLock::new();
    *FREQ.get_or_init(measure_frequency)
}

#[cfg(target_arch = "aarch64")]
fn measure_frequency() -> f64 {
    let f: u64;
    // Safety: cntfrq_el0 is readable from EL0; reading it has no side effects.
    unsafe {
        core::arch::asm!("mrs {f}, cntfrq_el0", f = out(reg) f, options(nomem, nostack, preserves_flags))
    };
    if f == 0 {
        calibrate()
    } else {
        f as f64
    }
}

#[cfg(not(target_arch = "aarch64"))]
fn measure_frequency() -> f64 {
    if HAS_TIMEBASE {
        calibrate()
    } else {
        1e9
    }
}

/// Count ticks over a few milliseconds of wall time.
#[cfg_attr(target_arch = "aarch64", allow(dead_code))]
fn calibrate() -> f64 {
    let i0 = Instant::now();
    let t0 = now();
    while i0.elapsed() < Duration::from_millis(5) {
        std::hint::spin_loop();
    }
    let t1 = now();
    let dt = i0.elapsed().as_secs_f64();
    ((t1.wrapping_sub(t0)) as f64 / dt).max(1.0)
}

/// Convert nanoseconds into ticks (at least 1).
pub fn ns_to_ticks(ns: f64) -> u64 {
    ((ns * frequency() / 1e9).round() as u64).max(1)
}

/// How the threads of an instance are made to start together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// Every thread waits for the same timebase tick.
    Timebase,
    /// Every thread announces itself on a per-instance counter and waits for the others.
    Handshake,
}

impl Start {
    /// The mode for this target, honouring `ORDERLAB_SYNC=handshake|timebase`.
    pub fn detect() -> Start {
        match std::env::var("ORDERLAB_SYNC").as_deref() {
            Ok("handshake") => Start::Handshake,
            Ok("timebase") if HAS_TIMEBASE => Start::Timebase,
            _ if HAS_TIMEBASE => Start::Timebase,
            _ => Start::Handshake,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Start::Timebase => {
                if cfg!(target_arch = "aarch64") {
                    "timebase (cntvct_el0)"
                } else {
                    "timebase (rdtsc)"
                }
            }
            Start::Handshake => "handshake",
        }
    }
}

/// CPU time consumed so far by the whole process (every thread), where the OS tells it. The
/// watchdog uses it to tell a stuck thread from a process that was not running at all.
pub(super) fn process_cpu_time() -> Option<Duration> {
    #[cfg(target_os = "linux")]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // Safety: `ts` is a valid, writable timespec for the duration of the call.
        let r = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
        (r == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}
