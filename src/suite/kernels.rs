//! Hand-written litmus kernels (`asm/<arch>/*.S`), assembled by `build.rs` for the
//! architecture being built, and run through the same `Runnable` trait as catalog tests.
//!
//! Every thread of a kernel is an `extern "C" fn(*mut i32, *mut i32, *mut i32)`: two
//! location pointers and an out pointer for its registers.
//!
//! ## Verdicts
//! A kernel's [`Kernel::test`] is its abstract litmus test in C syntax, with the closest C
//! orderings, so that it can be listed, printed and checked by the model checker. For some
//! kernels C cannot say what the instructions do (`dmb ishst`, an address dependency, a
//! `lock add` used as a fence), and a C-level verdict could be wrong. Each kernel therefore
//! carries [`Kernel::expected`]: the instruction-level verdict for its platforms
//! (`x86-tso`; `armv8`, `armv8-rcpc`, `qemu-x86`), taken from the architecture manuals and
//! `docs/platforms.md`. These are DOCUMENTED expectations, not computed by
//! the model checker; [`Kernel::exact`] says whether the C test compiles (by rustc's mapping)
//! to exactly the kernel's ordering instructions. Where it does not, the C test is chosen so
//! that the model checker's verdict on it still equals the documented one (an address
//! dependency becomes an Acquire load, `dmb ishst` a Release fence, `lock add` a SeqCst
//! fence); `tests/asm.rs` checks that agreement for every kernel and listed model, so the
//! runner, which judges by the model checker, gives the instruction-level verdict.

use crate::litmus::build::{and, exists, fence, load, reg, store, thread};
use crate::litmus::{MemOrder, Prop, Stmt, Test, Var};
use crate::machine::{Arch, Platform};
use crate::run::{Instances, Runnable};
use std::sync::atomic::{AtomicI32, Ordering};

/// The C signature every kernel thread has: (first location, second location, out).
pub type KernelFn = unsafe extern "C" fn(*mut i32, *mut i32, *mut i32);

/// One thread of a kernel: its function and which locations it is handed.
#[derive(Clone, Copy, Debug)]
pub struct KernelThread {
    /// The assembly symbol (`orderlab_sb_mfence`).
    pub symbol: &'static str,
    /// The function; `None` when the kernels are not linked into this build.
    pub func: Option<KernelFn>,
    /// Indices into the test's sorted locations for the first and second argument.
    pub args: [usize; 2],
}

/// A hand-written litmus kernel.
pub struct Kernel {
    pub arch: Arch,
    /// The `.S` file (relative to the crate root) that holds its functions.
    pub file: &'static str,
    pub threads: Vec<KernelThread>,
    test: Test,
    /// Instruction-level verdicts of the target outcome per platform (true = allowed).
    pub expected: Vec<(Platform, bool)>,
    /// True when rustc compiles [`Kernel::test`] to exactly these ordering instructions.
    pub exact: bool,
    /// How the C test relates to the instructions.
    pub note: &'static str,
}

impl Kernel {
    /// The documented verdict for a platform: is the target outcome allowed there?
    pub fn expected(&self, platform: Platform) -> Option<bool> {
        self.expected
            .iter()
            .find(|(p, _)| *p == platform)
            .map(|(_, v)| *v)
    }

    /// The kernel's abstract litmus test.
    pub fn test(&self) -> &Test {
        &self.test
    }
}

fn make_test(name: &str, doc: &str, bodies: Vec<Vec<Stmt>>, prop: Prop) -> Test {
    Test {
        name: name.to_string(),
        doc: Some(doc.to_string()),
        meta: vec![],
        init: vec![],
        threads: bodies
            .into_iter()
            .enumerate()
            .map(|(index, body)| thread(index, &["x", "y"], body))
            .collect(),
        locations: vec![],
        regions: vec![],
        cond: exists(prop),
    }
}

/// SB: P0 stores x then loads y; P1 stores y then loads x. `mid` goes between the two.
fn sb_test(name: &str, doc: &str, st: MemOrder, mid: Option<MemOrder>, ld: MemOrder) -> Test {
    let body = |a: &str, b: &str| {
        let mut v = vec![store(a, st)];
        v.extend(mid.map(fence));
        v.push(load("r0", b, ld));
        v
    };
    make_test(
        name,
        doc,
        vec![body("x", "y"), body("y", "x")],
        and(reg(0, "r0", 0), reg(1, "r0", 0)),
    )
}

/// MP: P0 stores x then y; P1 loads y (r0) then x (r1).
#[allow(clippy::too_many_arguments)]
fn mp_test(
    name: &str,
    doc: &str,
    st_x: MemOrder,
    w_fence: Option<MemOrder>,
    st_y: MemOrder,
    ld_y: MemOrder,
    r_fence: Option<MemOrder>,
    ld_x: MemOrder,
) -> Test {
    let mut p0 = vec![store("x", st_x)];
    p0.extend(w_fence.map(fence));
    p0.push(store("y", st_y));
    let mut p1 = vec![load("r0", "y", ld_y)];
    p1.extend(r_fence.map(fence));
    p1.push(load("r1", "x", ld_x));
    make_test(
        name,
        doc,
        vec![p0, p1],
        and(reg(1, "r0", 1), reg(1, "r1", 0)),
    )
}

// One `extern` block per `.S` file, declared only when build.rs linked that file in.
#[cfg(all(orderlab_kernels, target_arch = "x86_64"))]
mod sym {
    #[cfg(orderlab_kernel = "sb")]
    extern "C" {
        pub fn orderlab_sb_mov(a: *mut i32, b: *mut i32, out: *mut i32);
        pub fn orderlab_sb_mfence(a: *mut i32, b: *mut i32, out: *mut i32);
        pub fn orderlab_sb_xchg(a: *mut i32, b: *mut i32, out: *mut i32);
        pub fn orderlab_sb_lockadd(a: *mut i32, b: *mut i32, out: *mut i32);
    }
    #[cfg(orderlab_kernel = "mp")]
    extern "C" {
        pub fn orderlab_mp_mov_p0(a: *mut i32, b: *mut i32, out: *mut i32);
        pub fn orderlab_mp_mov_p1(a: *mut i32, b: *mut i32, out: *mut i32);
    }
}

#[cfg(all(orderlab_kernels, target_arch = "aarch64"))]
mod sym {
    #[cfg(orderlab_kernel = "mp")]
    extern "C" {
        pub fn orderlab_mp_str_p0(a: *mut i32, b: *mut i32, out: *mut i32);
        pub fn orderlab_mp_str_p1(a: *mut i32, b: *mut i32, out: *mut i32);
        pub fn orderlab_mp_dmb_p0(a: *mut i32, b: *mut i32, out: *mut i32);
        pub fn orderlab_mp_dmb_p1(a: *mut i32, b: *mut i32, out: *mut i32);
        pub fn orderlab_mp_stlr_p0(a: *mut i32, b: *mut i32, out: *mut i32);
        pub fn orderlab_mp_ldar_p1(a: *mut i32, b: *mut i32, out: *mut i32);
        pub fn orderlab_mp_addr_p1(a: *mut i32, b: *mut i32, out: *mut i32);
    }
    #[cfg(orderlab_kernel = "mp_rcpc")]
    extern "C" {
        pub fn orderlab_mp_rcpc_p0(a: *mut i32, b: *mut i32, out: *mut i32);
        pub fn orderlab_mp_ldapr_p1(a: *mut i32, b: *mut i32, out: *mut i32);
    }
    #[cfg(orderlab_kernel = "sb")]
    extern "C" {
        pub fn orderlab_sb_stlr_ldar(a: *mut i32, b: *mut i32, out: *mut i32);
        pub fn orderlab_sb_dmb(a: *mut i32, b: *mut i32, out: *mut i32);
    }
}

/// The function of a kernel symbol of `asm/<arch>/<file>.S` in this build, if linked: build.rs
/// sets `cfg(orderlab_kernel = "<file>")` for each file it could assemble, and a symbol of a
/// file it left out is never referenced.
macro_rules! kfn {
    ($arch:literal, $file:literal, $name:ident) => {{
        #[cfg(all(orderlab_kernels, orderlab_kernel = $file, target_arch = $arch))]
        let f: Option<KernelFn> = Some(sym::$name as KernelFn);
        #[cfg(not(all(orderlab_kernels, orderlab_kernel = $file, target_arch = $arch)))]
        let f: Option<KernelFn> = None;
        KernelThreadProto {
            symbol: stringify!($name),
            func: f,
        }
    }};
}

struct KernelThreadProto {
    symbol: &'static str,
    func: Option<KernelFn>,
}

impl KernelThreadProto {
    fn args(self, args: [usize; 2]) -> KernelThread {
        KernelThread {
            symbol: self.symbol,
            func: self.func,
            args,
        }
    }
}

// Locations are sorted: x = 0, y = 1.
const XY: [usize; 2] = [0, 1];
const YX: [usize; 2] = [1, 0];

/// Every kernel of an architecture (whether or not linked into this build).
pub fn kernels_for(arch: Arch) -> Vec<Kernel> {
    use MemOrder::*;
    const A: bool = true;
    const F: bool = false;
    match arch {
        Arch::X86_64 => vec![
            Kernel {
                arch,
                file: "asm/x86_64/sb.S",
                threads: vec![
                    kfn!("x86_64", "sb", orderlab_sb_mov).args(XY),
                    kfn!("x86_64", "sb", orderlab_sb_mov).args(YX),
                ],
                test: sb_test("asm.SB+mov", "SB with plain mov store and mov load", Relaxed, None, Relaxed),
                expected: vec![(Platform::X86Tso, A)],
                exact: true,
                note: "the C test is SB+rlx, which rustc compiles to these movs",
            },
            Kernel {
                arch,
                file: "asm/x86_64/sb.S",
                threads: vec![
                    kfn!("x86_64", "sb", orderlab_sb_mfence).args(XY),
                    kfn!("x86_64", "sb", orderlab_sb_mfence).args(YX),
                ],
                test: sb_test("asm.SB+mfence", "SB with mfence between store and load", Relaxed, Some(SeqCst), Relaxed),
                expected: vec![(Platform::X86Tso, F)],
                exact: false,
                note: "the C test uses fence(SeqCst), which rustc emits as `lock or` to the stack, an equivalent full barrier",
            },
            Kernel {
                arch,
                file: "asm/x86_64/sb.S",
                threads: vec![
                    kfn!("x86_64", "sb", orderlab_sb_xchg).args(XY),
                    kfn!("x86_64", "sb", orderlab_sb_xchg).args(YX),
                ],
                test: sb_test("asm.SB+xchg", "SB with a (lock) xchg store and a mov load", SeqCst, None, SeqCst),
                expected: vec![(Platform::X86Tso, F)],
                exact: true,
                note: "the C test is SB+sc: rustc's SeqCst store is xchg, its SeqCst load a mov",
            },
            Kernel {
                arch,
                file: "asm/x86_64/sb.S",
                threads: vec![
                    kfn!("x86_64", "sb", orderlab_sb_lockadd).args(XY),
                    kfn!("x86_64", "sb", orderlab_sb_lockadd).args(YX),
                ],
                test: sb_test("asm.SB+lockadd", "SB with `lock add [rsp-8], 0` as the barrier", Relaxed, Some(SeqCst), Relaxed),
                expected: vec![(Platform::X86Tso, F)],
                exact: false,
                note: "a locked RMW of a private stack slot is a full barrier on x86-TSO; C has no such fence, the C test uses fence(SeqCst) (rustc: `lock or` to the stack)",
            },
            Kernel {
                arch,
                file: "asm/x86_64/mp.S",
                threads: vec![
                    kfn!("x86_64", "mp", orderlab_mp_mov_p0).args(XY),
                    kfn!("x86_64", "mp", orderlab_mp_mov_p1).args(XY),
                ],
                test: mp_test("asm.MP+mov", "MP with plain movs", Relaxed, None, Relaxed, Relaxed, None, Relaxed),
                expected: vec![(Platform::X86Tso, F)],
                exact: true,
                note: "the C test is MP+rlx, which rustc compiles to these movs",
            },
        ],
        Arch::Aarch64 => {
            let arm = |a: bool, q: bool| {
                vec![
                    (Platform::Armv8, a),
                    (Platform::Armv8Rcpc, a),
                    (Platform::QemuX86, q),
                ]
            };
            vec![
                Kernel {
                    arch,
                    file: "asm/aarch64/mp.S",
                    threads: vec![
                        kfn!("aarch64", "mp", orderlab_mp_str_p0).args(XY),
                        kfn!("aarch64", "mp", orderlab_mp_str_p1).args(XY),
                    ],
                    test: mp_test("asm.MP+str", "MP with plain str and ldr", Relaxed, None, Relaxed, Relaxed, None, Relaxed),
                    expected: arm(A, F),
                    exact: true,
                    note: "the C test is MP+rlx (str/str, ldr/ldr)",
                },
                Kernel {
                    arch,
                    file: "asm/aarch64/mp.S",
                    threads: vec![
                        kfn!("aarch64", "mp", orderlab_mp_dmb_p0).args(XY),
                        kfn!("aarch64", "mp", orderlab_mp_dmb_p1).args(XY),
                    ],
                    test: mp_test("asm.MP+dmb.st+dmb.ld", "MP with dmb ishst between the stores and dmb ishld between the loads", Relaxed, Some(Release), Relaxed, Relaxed, Some(Acquire), Relaxed),
                    expected: arm(F, F),
                    exact: false,
                    note: "C has no store-only fence: the C test uses fence(Release) (rustc: dmb ish, stronger than dmb ishst) and fence(Acquire) (dmb ishld); same verdict",
                },
                Kernel {
                    arch,
                    file: "asm/aarch64/mp.S",
                    threads: vec![
                        kfn!("aarch64", "mp", orderlab_mp_stlr_p0).args(XY),
                        kfn!("aarch64", "mp", orderlab_mp_ldar_p1).args(XY),
                    ],
                    test: mp_test("asm.MP+stlr+ldar", "MP with a Release store (stlr) and an RCsc Acquire load (ldar) of the flag", Relaxed, None, Release, Acquire, None, Relaxed),
                    expected: arm(F, F),
                    exact: true,
                    note: "the C test is MP+rel+acq, which rustc compiles to stlr/ldar",
                },
                Kernel {
                    arch,
                    file: "asm/aarch64/mp_rcpc.S",
                    threads: vec![
                        kfn!("aarch64", "mp_rcpc", orderlab_mp_rcpc_p0).args(XY),
                        kfn!("aarch64", "mp_rcpc", orderlab_mp_ldapr_p1).args(XY),
                    ],
                    test: mp_test("asm.MP+stlr+ldapr", "MP with a Release store (stlr) and an RCpc Acquire load (ldapr) of the flag", Relaxed, None, Release, Acquire, None, Relaxed),
                    expected: arm(F, F),
                    exact: true,
                    note: "the C test is MP+rel+acq, which rustc compiles to stlr/ldapr with +rcpc",
                },
                Kernel {
                    arch,
                    file: "asm/aarch64/mp.S",
                    threads: vec![
                        kfn!("aarch64", "mp", orderlab_mp_dmb_p0).args(XY),
                        kfn!("aarch64", "mp", orderlab_mp_addr_p1).args(XY),
                    ],
                    test: mp_test("asm.MP+dmb.st+addr", "MP with dmb ishst between the stores and an address dependency between the loads", Relaxed, Some(Release), Relaxed, Acquire, None, Relaxed),
                    expected: arm(F, F),
                    exact: false,
                    note: "C cannot express an address dependency (consume is promoted to acquire): the C test approximates it with an Acquire load of y; the ARMv8 verdict F is the architecture's dependency ordering",
                },
                Kernel {
                    arch,
                    file: "asm/aarch64/sb.S",
                    threads: vec![
                        kfn!("aarch64", "sb", orderlab_sb_stlr_ldar).args(XY),
                        kfn!("aarch64", "sb", orderlab_sb_stlr_ldar).args(YX),
                    ],
                    test: sb_test("asm.SB+stlr+ldar", "SB with stlr stores and ldar loads (rustc's SeqCst)", SeqCst, None, SeqCst),
                    expected: vec![(Platform::Armv8, F), (Platform::QemuX86, A)],
                    exact: true,
                    note: "the C test is SB+sc; ARMv8 forbids it, qemu-user on x86 lets ldar pass an earlier stlr",
                },
                Kernel {
                    arch,
                    file: "asm/aarch64/sb.S",
                    threads: vec![
                        kfn!("aarch64", "sb", orderlab_sb_dmb).args(XY),
                        kfn!("aarch64", "sb", orderlab_sb_dmb).args(YX),
                    ],
                    test: sb_test("asm.SB+dmb", "SB with dmb ish between store and load", Relaxed, Some(SeqCst), Relaxed),
                    expected: arm(F, F),
                    exact: true,
                    note: "the C test is SB+fence: rustc's fence(SeqCst) is dmb ish",
                },
            ]
        }
    }
}

/// A kernel of any architecture by its test name (`asm.SB+mfence`).
pub fn by_name(name: &str) -> Option<Kernel> {
    [Arch::X86_64, Arch::Aarch64]
        .into_iter()
        .flat_map(kernels_for)
        .find(|k| k.test().name == name)
}

/// Are kernels linked into this build (at least one file of `asm/<arch>/`)?
pub const LINKED: bool = cfg!(orderlab_kernels);

/// The `.S` files of this build's architecture that build.rs left out, each with why: the
/// toolchain could not assemble it (the assembler's error, and the fix), or
/// `ORDERLAB_SKIP_KERNELS` was set.
pub fn skipped_files() -> Vec<(&'static str, &'static str)> {
    include_str!(concat!(env!("OUT_DIR"), "/kernels_skipped.txt"))
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .collect()
}

impl Kernel {
    /// Are all of this kernel's threads linked into this build?
    pub fn linked(&self) -> bool {
        self.threads.iter().all(|t| t.func.is_some())
    }

    /// Why this kernel is not in this build (`None` when it is).
    pub fn why_not_linked(&self) -> Option<String> {
        if self.linked() {
            return None;
        }
        if Arch::native() != Some(self.arch) {
            return Some(format!("an {} kernel", self.arch.key()));
        }
        let file = skipped_files().into_iter().find(|(f, _)| *f == self.file);
        Some(match file {
            Some((f, why)) => format!("build.rs left {f} out: {why}"),
            None => format!("{} was not assembled into this build", self.file),
        })
    }
}

/// The kernels of the architecture being built that are linked in, ready to run (empty when
/// none were assembled, e.g. with `ORDERLAB_SKIP_KERNELS`; without those of a file the
/// toolchain could not assemble, see [`skipped_files`]).
pub fn kernels() -> Vec<Kernel> {
    match Arch::native() {
        Some(a) if LINKED => kernels_for(a).into_iter().filter(Kernel::linked).collect(),
        _ => vec![],
    }
}

impl Runnable for Kernel {
    fn test(&self) -> &Test {
        &self.test
    }
    fn instances(&self, n: usize) -> Box<dyn Instances> {
        Box::new(KernelInstances::new(self, n))
    }
}

/// A location on its own 128-byte block (two cache lines, against adjacent-line prefetch).
#[repr(C, align(128))]
struct Loc(AtomicI32);

/// One thread's registers of one instance, on its own cache line.
#[repr(C, align(64))]
struct Out([AtomicI32; 2]);

struct KernelInstances {
    n: usize,
    threads: Vec<(KernelFn, [usize; 2])>,
    nlocs: usize,
    /// `locs[i * nlocs + l]`
    locs: Vec<Loc>,
    /// `outs[t * n + i]`
    outs: Vec<Out>,
    /// For each observable: (thread, register slot) or location index.
    obs: Vec<Obs>,
}

enum Obs {
    Reg(usize, usize),
    Loc(usize),
}

impl KernelInstances {
    fn new(k: &Kernel, n: usize) -> Self {
        let t = &k.test;
        let locs_all = t.locations_all();
        let obs = t
            .observables()
            .into_iter()
            .map(|v| match v {
                Var::Reg { thread, reg } => {
                    let slot = t.threads[thread]
                        .registers()
                        .iter()
                        .position(|r| *r == reg)
                        .unwrap_or(0);
                    Obs::Reg(thread, slot)
                }
                Var::Loc(l) => Obs::Loc(locs_all.iter().position(|x| *x == l).unwrap_or(0)),
            })
            .collect();
        let threads = k
            .threads
            .iter()
            .map(|th| {
                let f = th
                    .func
                    .expect("the suite only runs kernels linked into this build");
                (f, th.args)
            })
            .collect::<Vec<_>>();
        let nlocs = locs_all.len().max(2);
        let me = KernelInstances {
            n,
            nlocs,
            locs: (0..n * nlocs).map(|_| Loc(AtomicI32::new(0))).collect(),
            outs: (0..n * threads.len())
                .map(|_| Out([AtomicI32::new(0), AtomicI32::new(0)]))
                .collect(),
            threads,
            obs,
        };
        me.reset();
        me
    }
}

impl Instances for KernelInstances {
    fn len(&self) -> usize {
        self.n
    }

    fn run(&self, thread: usize, instance: usize) {
        let (f, [a, b]) = self.threads[thread];
        let base = instance * self.nlocs;
        let pa = self.locs[base + a].0.as_ptr();
        let pb = self.locs[base + b].0.as_ptr();
        let out = &self.outs[thread * self.n + instance].0;
        let pout = (out as *const [AtomicI32; 2]).cast::<i32>().cast_mut();
        // Safety: the kernel reads and writes only the two 4-byte-aligned i32 locations it
        // is given (through interior-mutable atomics, shared with the other threads of the
        // instance, which is the point of the test) and at most two i32 registers at `pout`,
        // which only this thread writes during a round.
        unsafe { f(pa, pb, pout) }
    }

    fn outcome(&self, instance: usize, out: &mut [i64]) {
        for (k, o) in self.obs.iter().enumerate() {
            // Relaxed: the harness orders rounds with its own synchronisation.
            out[k] = match *o {
                // Relaxed: outcomes are read after the round's barrier.
                Obs::Reg(t, slot) => {
                    self.outs[t * self.n + instance].0[slot].load(Ordering::Relaxed)
                }
                Obs::Loc(l) => self.locs[instance * self.nlocs + l]
                    .0
                    .load(Ordering::Relaxed),
            } as i64;
        }
    }

    fn reset(&self) {
        for l in &self.locs {
            // Relaxed: reset happens between rounds, ordered by the harness.
            l.0.store(0, Ordering::Relaxed);
        }
        for o in &self.outs {
            for r in &o.0 {
                // Relaxed: as above; -1 marks "not written".
                r.store(-1, Ordering::Relaxed);
            }
        }
    }
}
