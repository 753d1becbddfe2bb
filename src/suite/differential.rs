//! The differential test of the three stages that give a litmus test its meaning: the
//! generated Rust (`build/codegen.rs`), the interpreter (`suite::interp`) and the model
//! checker. `tests/data/differential/` holds random tests of [`crate::litmus::gen`] (every
//! construct of the language, values at the extremes of `i32`); `build.rs` compiles them like
//! the catalog. On every serial schedule (the threads one after another, in every order) the
//! compiled and the interpreted code must end in the same final state, and that state must be
//! one SC and RC11 allow.
//!
//! The corpus is the generator's output for the first [`CORPUS`] seeds the model checker can
//! check within its bounds; `corpus_is_the_generators_output` fails when they differ, and
//! rewrites the files when run with `ORDERLAB_BLESS=1`.

#[allow(unused_imports)] // used by the generated code's glue (`compiled_tests!`)
use super::catalog::{compiled_tests, make, CatalogFile, ThreadFns};
use crate::litmus::gen::{self, Options};
use crate::litmus::{print, Test};
use crate::model::{Analysis, Model, ModelError};
#[allow(unused_imports)]
use crate::pad::Line;
use crate::run::Instances;
use std::path::PathBuf;
#[allow(unused_imports)]
use std::sync::atomic::{self, AtomicI32};

include!(concat!(env!("OUT_DIR"), "/differential.rs"));

/// Tests in the corpus.
const CORPUS: usize = 40;

/// What the corpus's tests contain: no weak compare-exchange (it may fail spuriously on an
/// LL/SC machine, where two serial runs could then differ).
const OPTIONS: Options = Options {
    weak_cas: false,
    threads: 3,
    stmts: 4,
};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/differential")
}

fn name(seed: u64) -> String {
    format!("Diff+s{seed:03}")
}

/// The corpus as the generator writes it: (file name, text).
fn corpus() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut seed = 0u64;
    while out.len() < CORPUS {
        let t = gen::test(seed, &name(seed), OPTIONS);
        match Analysis::new(&t).and_then(|mut a| a.verdict(Model::Sc)) {
            Ok(_) => out.push((format!("{}.litmus", t.name), print(&t))),
            Err(ModelError::TooLarge { .. }) => {}
            Err(e) => panic!("{e}\n{}", print(&t)),
        }
        seed += 1;
    }
    out
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
fn corpus_is_the_generators_output() {
    let want = corpus();
    if std::env::var_os("ORDERLAB_BLESS").is_some() {
        std::fs::create_dir_all(dir()).unwrap();
        for e in std::fs::read_dir(dir()).unwrap() {
            std::fs::remove_file(e.unwrap().path()).unwrap();
        }
        for (f, text) in &want {
            std::fs::write(dir().join(f), text).unwrap();
        }
    }
    let mut have: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    have.sort();
    let mut names: Vec<String> = want.iter().map(|(f, _)| f.clone()).collect();
    names.sort();
    assert_eq!(
        have, names,
        "rerun with ORDERLAB_BLESS=1 to rewrite the corpus"
    );
    for (f, text) in &want {
        let on_disk = std::fs::read_to_string(dir().join(f)).unwrap();
        assert_eq!(
            &on_disk, text,
            "{f} is not the generator's output; rerun with ORDERLAB_BLESS=1"
        );
    }
    assert_eq!(ENTRIES.len(), CORPUS, "the build compiled the corpus");
}

#[test]
fn compiled_interpreted_and_model_agree_on_every_serial_schedule() {
    let mut schedules = 0;
    for e in ENTRIES {
        let compiled = (e.make)();
        let test: Test = compiled.test().clone();
        let interp = super::interpreted(test.clone(), Some(e.path)).expect("interpretable");
        let (a, b) = (compiled.instances(1), interp.runnable().instances(1));
        let mut analysis = Analysis::new(&test).expect("the corpus is checkable");
        let sc = analysis.verdict(Model::Sc).unwrap().allowed_states;
        let rc11 = analysis.verdict(Model::Rc11).unwrap().allowed_states;
        let nobs = test.observables().len();
        for p in permutations(test.threads.len()) {
            let x = serial(&*a, &p, nobs);
            let y = serial(&*b, &p, nobs);
            assert_eq!(x, y, "{}: compiled vs interpreted, order {p:?}", e.name);
            assert!(
                sc.contains(&x),
                "{}: order {p:?} ends in {x:?}, not an SC state",
                e.name
            );
            assert!(
                rc11.contains(&x),
                "{}: order {p:?}: not an RC11 state",
                e.name
            );
            schedules += 1;
        }
    }
    assert!(schedules >= CORPUS * 2, "{schedules} schedules");
}

/// The corpus uses every construct the generator knows.
#[test]
fn the_corpus_covers_the_language() {
    let all: String = ENTRIES.iter().map(|e| e.source).collect();
    for needle in [
        "if (",
        "} else {",
        "*x",
        "*z",
        "atomic_fetch_or_explicit",
        "atomic_fetch_and_explicit",
        "atomic_fetch_xor_explicit",
        "atomic_fetch_sub_explicit",
        "atomic_exchange_explicit",
        "atomic_compare_exchange_strong_explicit",
        ", &r",
        "-2147483648",
        "2147483647",
        " ^ ",
        " == ",
        " && ",
        "!",
    ] {
        assert!(all.contains(needle), "no `{needle}` in the corpus");
    }
}
