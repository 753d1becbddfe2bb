//! The compiled catalog: `build.rs` turns every file of `litmus/` into a module here, with one
//! `#[inline(never)] pub fn pN` per thread on std atomics carrying exactly the file's orderings
//! (`orderlab::suite::catalog::<test>::p<N>`); the `compiled_tests!` macro below gives each a
//! [`ThreadFns`] impl that [`Compiled`] runs: its instance loop calls the thread functions
//! statically, with no dynamic dispatch per instance. (The checkers include the same generated
//! file on loom's and shuttle's atomics.)

use crate::litmus::Test;
use crate::pad::Line;
use crate::run::layout::Layout;
use crate::run::{drive, Aborted, Instances, RoundCtx, Runnable};
use std::marker::PhantomData;
use std::sync::atomic::{self, AtomicI32};

/// One compiled catalog file.
pub struct CatalogFile {
    /// The test's name (`C NAME`).
    pub name: &'static str,
    /// The module name under `orderlab::suite::catalog`.
    pub ident: &'static str,
    /// The file, relative to the crate root.
    pub path: &'static str,
    /// The file's absolute path at build time.
    pub abs_path: &'static str,
    /// The file's text.
    pub source: &'static str,
    /// Build the runnable test.
    pub make: fn() -> Box<dyn Runnable>,
}

/// The generated Rust source of this module (tests compare it with the catalog files).
#[cfg(test)]
pub(crate) const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// The glue of the generated modules: a [`ThreadFns`] impl each, and [`ENTRIES`].
macro_rules! compiled_tests {
    ($($m:ident),* $(,)?) => {
        $(
            impl ThreadFns for $m::K {
                const NAME: &'static str = $m::NAME;
                const PATH: &'static str = $m::PATH;
                const SOURCE: &'static str = $m::SOURCE;

                #[inline(always)]
                fn run_thread(thread: usize, locs: &[Line<AtomicI32>], regs: &[AtomicI32]) {
                    $m::run_thread(thread, locs, |r| crate::run::layout::store_regs(regs, r))
                }
            }
        )*

        /// Every compiled test, sorted by path.
        pub static ENTRIES: &[CatalogFile] = &[$(CatalogFile {
            name: $m::NAME,
            ident: stringify!($m),
            path: $m::PATH,
            abs_path: $m::ABS_PATH,
            source: $m::SOURCE,
            make: make::<$m::K>,
        }),*];
    };
}
#[cfg(test)] // the differential corpus's glue
pub(crate) use compiled_tests;

/// The runnable of a compiled test.
pub(crate) fn make<K: ThreadFns>() -> Box<dyn Runnable> {
    Box::new(Compiled::<K>::new())
}

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// Every catalog test, parsed, sorted by name.
pub fn tests() -> Vec<Test> {
    let mut v: Vec<Test> = ENTRIES.iter().map(|e| (e.make)().test().clone()).collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// The generated thread functions of one catalog test.
pub trait ThreadFns: Send + Sync + 'static {
    /// The test's name (`C NAME`).
    const NAME: &'static str;
    /// The file, relative to the crate root.
    const PATH: &'static str;
    /// The file's text.
    const SOURCE: &'static str;
    /// Run thread `thread` (index in `Test::threads`) on one instance's locations (numbered in
    /// `Test::locations_all()` order), storing its registers (in `Thread::registers()` order).
    fn run_thread(thread: usize, locs: &[Line<AtomicI32>], regs: &[AtomicI32]);
}

/// The [`Runnable`] of a generated catalog test.
pub struct Compiled<K: ThreadFns> {
    test: Test,
    _k: PhantomData<K>,
}

impl<K: ThreadFns> Compiled<K> {
    /// Parse the embedded source (it parsed at build time, so this cannot fail short of a bug).
    pub fn new() -> Self {
        let test = crate::litmus::parse(K::SOURCE, K::PATH)
            .unwrap_or_else(|e| panic!("catalog file parsed at build time but not now: {e}"));
        Compiled {
            test,
            _k: PhantomData,
        }
    }
}

impl<K: ThreadFns> Default for Compiled<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: ThreadFns> Runnable for Compiled<K> {
    fn test(&self) -> &Test {
        &self.test
    }
    fn instances(&self, n: usize) -> Box<dyn Instances> {
        Box::new(CompiledInstances::<K> {
            // The build script checked every value fits an i32.
            layout: Layout::new(&self.test, n).expect("catalog layout checked at build time"),
            _k: PhantomData,
        })
    }
}

struct CompiledInstances<K: ThreadFns> {
    layout: Layout,
    _k: PhantomData<K>,
}

impl<K: ThreadFns> Instances for CompiledInstances<K> {
    fn len(&self) -> usize {
        self.layout.len()
    }
    fn run(&self, thread: usize, instance: usize) {
        K::run_thread(
            thread,
            self.layout.locs(instance),
            self.layout.regs(thread, instance),
        );
    }
    fn outcome(&self, instance: usize, out: &mut [i64]) {
        self.layout.outcome(instance, out);
    }
    fn outcomes(&self, range: std::ops::Range<usize>, out: &mut [i64]) {
        self.layout.outcomes(range, out);
    }
    fn reset(&self) {
        self.layout.reset();
    }
    fn reset_part(&self, thread: usize, _threads: usize) {
        self.layout.reset_part(thread);
    }
    fn run_round(&self, thread: usize, ctx: &RoundCtx<'_>) -> Result<(), Aborted> {
        let l = &self.layout;
        drive(ctx, |i| K::run_thread(thread, l.locs(i), l.regs(thread, i)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::litmus::Op;

    /// The generated text of one thread function: from `pub fn pN(` to its closing brace.
    fn thread_fn(module: &str, index: usize) -> &str {
        let start = module
            .find(&format!("pub fn p{index}("))
            .unwrap_or_else(|| panic!("no p{index} in generated module"));
        let end = module[start..].find("\n    }\n").expect("end of thread fn");
        let before = &module[..start];
        assert!(
            before.trim_end().ends_with("#[inline(never)]"),
            "p{index} is not #[inline(never)]"
        );
        &module[start..start + end]
    }

    /// The operations a line of generated code calls: `(method, orderings passed to it)`,
    /// sorted (a line is one statement; nested calls are found by matching parentheses).
    fn line_ops(line: &str) -> Vec<(String, Vec<String>)> {
        const METHODS: [&str; 11] = [
            "load",
            "store",
            "swap",
            "fetch_add",
            "fetch_sub",
            "fetch_or",
            "fetch_and",
            "fetch_xor",
            "compare_exchange",
            "compare_exchange_weak",
            "fence",
        ];
        let mut out = Vec::new();
        for m in METHODS {
            let pat = if m == "fence" {
                "atomic::fence(".to_string()
            } else {
                format!(".{m}(")
            };
            let mut from = 0;
            while let Some(k) = line[from..].find(&pat) {
                let open = from + k + pat.len();
                let (mut depth, mut ords, mut i) = (1, Vec::new(), open);
                while depth > 0 && i < line.len() {
                    let rest = &line[i..];
                    if rest.starts_with('(') {
                        depth += 1;
                    } else if rest.starts_with(')') {
                        depth -= 1;
                    } else if depth == 1 && rest.starts_with("Ordering::") {
                        let name: String = rest["Ordering::".len()..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric())
                            .collect();
                        ords.push(name);
                    }
                    i += rest.chars().next().map_or(1, char::len_utf8);
                }
                out.push((m.to_string(), ords));
                from = open;
            }
        }
        out.sort();
        out
    }

    /// Per statement of a generated thread body (lines that are not comments or braces).
    fn generated_ops(body: &str) -> Vec<Vec<(String, Vec<String>)>> {
        body.lines()
            .skip(1)
            .map(str::trim)
            .filter(|l| {
                !l.starts_with("//")
                    && !l.starts_with("let mut ")
                    && !l.starts_with('[')
                    && !matches!(*l, "}" | "} else {")
            })
            .map(line_ops)
            .collect()
    }

    /// Per statement of a thread (source order, `if`s before their branches): the methods
    /// the generated code must call, with their orderings (plain accesses Relaxed).
    fn source_ops(test: &Test, thread: usize) -> Vec<Vec<(String, Vec<String>)>> {
        use crate::litmus::{Expected, MemOrder};
        let name = |o: Option<MemOrder>| o.unwrap_or(MemOrder::Relaxed).rust_name().to_string();
        let mut out = Vec::new();
        crate::litmus::walk(&test.threads[thread].body, &mut |st| {
            let mut v: Vec<(String, Vec<String>)> = Vec::new();
            for e in st.op.exprs() {
                for (_, o) in e.loads() {
                    v.push(("load".into(), vec![name(o)]));
                }
            }
            match &st.op {
                Op::Assign { .. } | Op::If { .. } => {}
                Op::Store { ord, .. } => v.push(("store".into(), vec![name(*ord)])),
                Op::Fence { ord } => v.push(("fence".into(), vec![name(Some(*ord))])),
                Op::Rmw { op, ord, .. } => {
                    v.push((op.rust_method().into(), vec![name(Some(*ord))]))
                }
                Op::CompareExchange {
                    expected,
                    success,
                    failure,
                    weak,
                    ..
                } => {
                    let m = if *weak {
                        "compare_exchange_weak"
                    } else {
                        "compare_exchange"
                    };
                    v.push((m.into(), vec![name(Some(*success)), name(Some(*failure))]));
                    if let Expected::Loc(_) = expected {
                        v.push(("load".into(), vec!["Relaxed".into()]));
                        v.push(("store".into(), vec!["Relaxed".into()]));
                    }
                }
            }
            v.sort();
            out.push(v);
        });
        out
    }

    #[test]
    fn generated_threads_carry_the_files_orderings() {
        for e in ENTRIES {
            let test = crate::litmus::parse(e.source, e.path).expect("catalog file parses");
            assert_eq!(test.name, e.name);
            let start = GENERATED
                .find(&format!("pub mod {} {{", e.ident))
                .unwrap_or_else(|| panic!("no module for {}", e.name));
            let end = GENERATED[start + 1..]
                .find("\npub mod ")
                .map_or(GENERATED.len(), |k| start + 1 + k);
            let module = &GENERATED[start..end];
            for (k, th) in test.threads.iter().enumerate() {
                let body = thread_fn(module, th.index);
                let sig = format!(
                    "pub fn p{}({})",
                    th.index,
                    th.params
                        .iter()
                        .map(|p| format!("{}: &AtomicI32", p.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                assert!(
                    body.starts_with(&sig),
                    "{}: P{} signature: {body}",
                    e.name,
                    th.index
                );
                assert_eq!(
                    generated_ops(body),
                    source_ops(&test, k),
                    "{}: P{} operations/orderings differ from the file",
                    e.name,
                    th.index
                );
            }
        }
    }
}
