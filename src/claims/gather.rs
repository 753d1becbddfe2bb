//! Gathering: every key the selected claims name, each gathered once (one native run of all
//! the litmus tests, one QEMU run per `-cpu` setting), into a [`Bag`].

use super::evidence::{AsmEv, Bag, Body, Item, Key};
use super::{bench, cmd, litmus, mapfacts, prog};
use crate::machine::{cpus, load_average, Target};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Duration;

/// How much to spend.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Small budgets (CI): the whole catalogue in a few minutes on 2 cores.
    pub quick: bool,
    /// The aarch64 build to run under qemu-user (default: next to this binary's target dir).
    pub aarch64: Option<PathBuf>,
    /// Scales every budget down (unit tests: a fraction of --quick); 0 means 1.
    pub(crate) scale: f64,
}

impl Options {
    fn scale(&self) -> f64 {
        if self.scale > 0.0 {
            self.scale
        } else {
            1.0
        }
    }
    fn native_per_test(&self) -> Duration {
        Duration::from_secs_f64(if self.quick { 0.1 } else { 1.0 } * self.scale())
    }
    fn qemu_per_test(&self) -> Duration {
        Duration::from_secs_f64(if self.quick { 0.05 } else { 0.5 } * self.scale())
    }
    fn bench(&self) -> bench::Budget {
        bench::Budget {
            per: Duration::from_secs_f64(if self.quick { 0.025 } else { 0.25 } * self.scale()),
            quick: self.quick,
        }
    }
    fn prog(&self) -> prog::Size {
        prog::Size {
            rounds: (if self.quick { 100_000.0 } else { 1_000_000.0 } * self.scale()) as u64,
        }
    }
}

/// The emitted asm of a catalog test's threads for `target`, from its checked-in snapshot.
fn asm(test: &str, target: Target) -> Result<AsmEv, String> {
    use crate::asm::{emit, expect, show, sig};
    let entry = crate::suite::select(&[test.to_string()])?
        .into_iter()
        .next()
        .ok_or_else(|| format!("no test {test}"))?;
    let t = entry.test();
    let root = emit::source_root();
    let fns = emit::read_snapshot(&root, target, test).ok_or_else(|| {
        format!(
            "no snapshot {} (ci/asm.sh --bless writes it)",
            emit::snapshot_path(&root, target, test).display()
        )
    })?;
    let mut signatures = Vec::new();
    for th in &t.threads {
        let f = emit::find(&fns, &expect::thread_path(t, th.index))
            .ok_or_else(|| format!("{test}: P{} is not in the snapshot", th.index))?;
        signatures.push(sig::tokens(f, target.arch(), Some(th.params.len())));
    }
    let origin = format!("snapshot asm/emitted/{}/{test}.s", target.key());
    Ok(AsmEv {
        test: test.to_string(),
        target,
        signatures,
        listing: show::test(t, &[(target, fns, origin)]),
    })
}

/// Gather every key; `log` hears what is being measured.
pub fn gather(keys: &BTreeSet<Key>, o: &Options, log: &mut dyn FnMut(&str)) -> Bag {
    let mut bag = Bag::default();
    let n = cpus();
    let item = |key: &Key, source: String, body: Body| Item {
        key: key.to_string(),
        source,
        load: load_average(),
        cpus: n,
        body,
    };
    // Litmus runs on this machine: one run of every test named.
    let native: Vec<String> = keys
        .iter()
        .filter_map(|k| match k {
            Key::Run(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    if !native.is_empty() {
        log(&format!(
            "{} litmus tests on this machine, {:.2} s each",
            native.len(),
            o.native_per_test().as_secs_f64()
        ));
        match litmus::native(&native, o.native_per_test()) {
            Ok(rep) => {
                let src = format!(
                    "{}: {} (this machine, {} CPUs; each test thread pinned to a core)",
                    rep.platform.key(),
                    rep.platform_description,
                    rep.host.cpus
                );
                let run = bag.runs.len();
                for t in &native {
                    let key = Key::Run(t.clone());
                    let body = match litmus::run_ev(&rep, run, t, "native") {
                        Some(r) => Body::Run(Box::new(r)),
                        None => Body::Missing {
                            why: format!("{t} did not run"),
                        },
                    };
                    let mut it = item(&key, src.clone(), body);
                    if let Body::Run(r) = &it.body {
                        it.load = r.result.load_avg;
                    }
                    bag.insert(it);
                }
                bag.runs.push(("this machine".to_string(), rep));
            }
            Err(e) => {
                for t in &native {
                    let key = Key::Run(t.clone());
                    let why = format!("the native run failed: {e}");
                    bag.insert(item(&key, "this machine".into(), Body::Missing { why }));
                }
            }
        }
    }
    // Runs under qemu-user: one per -cpu setting.
    let mut qemu: BTreeMap<Option<String>, Vec<String>> = BTreeMap::new();
    for k in keys {
        if let Key::Qemu { cpu, test } = k {
            qemu.entry(cpu.clone()).or_default().push(test.clone());
        }
    }
    let bin = litmus::aarch64_binary(o.aarch64.as_deref());
    for (cpu, tests) in &qemu {
        let runner = litmus::qemu_runner(cpu.as_deref());
        log(&format!(
            "{} litmus tests under {runner}, {:.2} s each",
            tests.len(),
            o.qemu_per_test().as_secs_f64()
        ));
        let rep = bin
            .clone()
            .and_then(|b| litmus::qemu(&b, cpu.as_deref(), tests, o.qemu_per_test()));
        let run = bag.runs.len();
        for t in tests {
            let key = Key::Qemu {
                cpu: cpu.clone(),
                test: t.clone(),
            };
            let (src, body, load) = match &rep {
                Ok(r) => (
                    format!(
                        "{}: the aarch64 build under {runner} (user mode) on this x86_64 host",
                        r.platform.key()
                    ),
                    litmus::run_ev(r, run, t, &runner).map_or_else(
                        || Body::Missing {
                            why: format!(
                                "{t} is not in the aarch64 build (rebuild it: ci/aarch64.sh)"
                            ),
                        },
                        |r| Body::Run(Box::new(r)),
                    ),
                    r.tests
                        .iter()
                        .find(|x| &x.name == t)
                        .and_then(|x| x.load_avg),
                ),
                Err(e) => (runner.clone(), Body::Missing { why: e.clone() }, None),
            };
            let mut it = item(&key, src, body);
            it.load = load.or(it.load);
            bag.insert(it);
        }
        if let Ok(r) = rep {
            bag.runs.push((format!("{runner} (user mode)"), r));
        }
    }
    let aarch64 = bin.ok();
    for k in keys {
        let (src, body) = match k {
            Key::Run(_) | Key::Qemu { .. } => continue,
            Key::Models(t) => (
                "the model checker (every candidate execution, each model's axioms)".to_string(),
                litmus::models(t).map_or_else(|why| Body::Missing { why }, Body::Models),
            ),
            Key::Asm { test, target } => (
                format!("rustc's emitted asm for {}", target.key()),
                asm(test, *target).map_or_else(|why| Body::Missing { why }, Body::Asm),
            ),
            Key::Map(name) => {
                log(&format!("map fact {name}"));
                (
                    "the production map's code, run in-process on this machine".to_string(),
                    mapfacts::fact(name).map_or_else(|why| Body::Missing { why }, Body::Fact),
                )
            }
            Key::Bench(name) => {
                log(&format!("benchmark {name}"));
                (
                    format!(
                        "measured in-process on this machine ({}, {n} CPUs)",
                        std::env::consts::ARCH
                    ),
                    bench::bench(name, o.bench())
                        .map_or_else(|why| Body::Missing { why }, Body::Fact),
                )
            }
            Key::Prog(name) => {
                log(&format!("program {name}"));
                (
                    format!(
                        "a Rust program run in-process on this machine ({}, {n} CPUs)",
                        std::env::consts::ARCH
                    ),
                    prog::program(name, o.prog())
                        .map_or_else(|why| Body::Missing { why }, Body::Fact),
                )
            }
            Key::Cmd(line) => (
                format!("the command, run on this {} host", std::env::consts::ARCH),
                cmd::command(line, aarch64.as_deref()),
            ),
            Key::Doc(name) => ("docs/go-map.md (Go's sources)".to_string(), cmd::doc(name)),
        };
        let mut it = item(k, src, body);
        if matches!(k, Key::Models(_) | Key::Asm { .. } | Key::Doc(_)) {
            // Not measured on the hardware: the machine's load does not matter.
            it.load = None;
        }
        bag.insert(it);
    }
    bag
}
