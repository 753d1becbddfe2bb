//! The interpreter against the model checker on fresh random tests of the whole language
//! (`litmus::gen`: plain and atomic accesses, every read-modify-write, both compare-exchange
//! forms, `if`/`else`, expressions, values at the extremes of `i32`): every serial schedule
//! of the interpreted test ends in a state SC and RC11 allow. (The compiled side of this
//! comparison runs on a committed corpus: `suite::differential`'s unit tests.)

use orderlab::litmus::gen::{self, Options};
use orderlab::litmus::{print, Test};
use orderlab::model::{Analysis, Model, ModelError};
use orderlab::run::Instances;
use proptest::prelude::*;

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

/// Check one test; `Ok(false)` when it exceeds a bound of the checker.
fn agree(t: &Test) -> Result<bool, TestCaseError> {
    let mut a = match Analysis::new(t) {
        Ok(a) => a,
        Err(ModelError::TooLarge { .. }) => return Ok(false),
        Err(e) => return Err(TestCaseError::fail(format!("{e}\n{}", print(t)))),
    };
    let sc = a.verdict(Model::Sc).unwrap().allowed_states;
    let rc11 = a.verdict(Model::Rc11).unwrap().allowed_states;
    let e = orderlab::suite::interpreted(t.clone(), None).expect("interpretable");
    let inst = e.runnable().instances(1);
    let nobs = t.observables().len();
    for p in permutations(t.threads.len()) {
        let s = serial(&*inst, &p, nobs);
        prop_assert!(
            sc.contains(&s),
            "order {p:?} ends in {s:?}, not an SC state\n{}",
            print(t)
        );
        prop_assert!(
            rc11.contains(&s),
            "order {p:?}: not an RC11 state\n{}",
            print(t)
        );
    }
    Ok(true)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
    #[test]
    fn serial_interpreted_runs_are_states_the_models_allow(seed in any::<u64>()) {
        let t = gen::test(seed, "random", Options { weak_cas: false, threads: 3, stmts: 4 });
        agree(&t)?;
    }
}

/// Most random tests are within the checker's bounds, so the property above checks them.
#[test]
fn the_property_checks_most_random_tests() {
    let checked = (0..100u64)
        .filter(|&s| {
            let t = gen::test(s, "random", Options::default());
            agree(&t).unwrap_or_else(|e| panic!("{e}"))
        })
        .count();
    assert!(checked >= 80, "only {checked} of 100 random tests checked");
}
