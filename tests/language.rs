//! What the language's constructs mean to the models: plain accesses and data races, branches
//! and the dependencies rustc keeps, every read-modify-write, both compare-exchange forms,
//! unsequenced loads in one expression, and 32-bit wrapping everywhere.

use orderlab::litmus::{format_state, parse, Test};
use orderlab::model::{check, check_all, Model};
use std::collections::BTreeSet;

fn litmus(src: &str) -> Test {
    parse(src, "inline.litmus").unwrap_or_else(|e| panic!("{e}"))
}

fn states(t: &Test, m: Model) -> BTreeSet<String> {
    let obs = t.observables();
    check(t, m)
        .unwrap()
        .allowed_states
        .iter()
        .map(|s| format_state(&obs, s))
        .collect()
}

fn allowed(t: &Test, m: Model) -> bool {
    check(t, m).unwrap().target_allowed
}

fn racy(t: &Test, m: Model) -> bool {
    check(t, m).unwrap().race.is_some()
}

// ------------------------------------------------------------------------------------------
// 32-bit values wrap everywhere (the model once computed 2147483648, which the hardware never
// stores, and `orderlab run` reported FORBIDDEN OBSERVED).

#[test]
fn fetch_add_past_the_maximum_wraps() {
    let t = litmus(
        "C Wrap\n{ [x] = 2147483647; }\n\
         P0(atomic_int* x) { atomic_fetch_add_explicit(x, 1, memory_order_relaxed); }\n\
         exists (x=-2147483648)\n",
    );
    for m in Model::ALL {
        assert_eq!(
            states(&t, m),
            BTreeSet::from(["x=-2147483648;".to_string()]),
            "{}",
            m.key()
        );
        assert!(allowed(&t, m));
    }
}

#[test]
fn negative_wraps_register_operands_and_several_threads_wrap() {
    // fetch_sub below the minimum; a register operand; two threads adding i32::MAX each to 2
    // (2 + 2 * 2147483647 = 2^32 = 0 mod 2^32); arithmetic on registers.
    let t = litmus(
        "C Wrap2\n{ [x] = -2147483648; [y] = 2; }\n\
         P0(atomic_int* x, atomic_int* y) {\n\
           int m = 2147483647;\n\
           int r0 = atomic_fetch_sub_explicit(x, 1, memory_order_relaxed);\n\
           atomic_fetch_add_explicit(y, m, memory_order_relaxed);\n\
           int r1 = r0 - 1;\n\
           int r2 = m * 2;\n\
           int r3 = -r0;\n\
         }\n\
         P1(atomic_int* y) { atomic_fetch_add_explicit(y, 2147483647, memory_order_relaxed); }\n\
         locations [x;]\n\
         exists (y=0 /\\ x=2147483647 /\\ 0:r1=2147483647 /\\ 0:r2=-2 /\\ 0:r3=-2147483648)\n",
    );
    for m in Model::ALL {
        let s = states(&t, m);
        assert_eq!(s.len(), 1, "{}: {s:?}", m.key());
        assert!(allowed(&t, m), "{}: {s:?}", m.key());
    }
}

// ------------------------------------------------------------------------------------------
// Plain accesses and data races.

const MP_NA: &str = "C MP+na\n{ [data] = 0; [flag] = 0; }\n\
    P0(volatile int* data, atomic_int* flag) {\n  *data = 42;\n  atomic_store_explicit(flag, 1, ORD_W);\n}\n\
    P1(volatile int* data, atomic_int* flag) {\n  int r0 = atomic_load_explicit(flag, ORD_R);\n  int r1 = -1;\n  if (r0 == 1) { r1 = *data; }\n}\n\
    exists (1:r0=1 /\\ 1:r1=0)\n";

fn mp_na(w: &str, r: &str) -> Test {
    litmus(&MP_NA.replace("ORD_W", w).replace("ORD_R", r))
}

#[test]
fn plain_data_behind_a_relaxed_flag_races() {
    let t = mp_na("memory_order_relaxed", "memory_order_relaxed");
    for m in [Model::Rc11, Model::C11] {
        let v = check(&t, m).unwrap();
        let race = v.race.as_ref().expect("a race");
        assert_eq!(race.loc, "data");
        assert!(race.first.contains("plain store data=42"), "{race}");
        assert!(race.second.contains("plain load of data"), "{race}");
        assert!(v.target_allowed, "{}", m.key());
    }
    // The platform and SC models judge the code and report no race.
    for m in [Model::Sc, Model::X86Tso, Model::Armv8] {
        assert!(!racy(&t, m));
    }
    assert!(!allowed(&t, Model::X86Tso));
    assert!(allowed(&t, Model::Armv8));
}

#[test]
fn plain_data_behind_a_release_acquire_flag_does_not_race() {
    let t = mp_na("memory_order_release", "memory_order_acquire");
    for m in Model::ALL {
        assert!(!racy(&t, m), "{}", m.key());
        assert!(!allowed(&t, m), "{}", m.key());
    }
}

#[test]
fn c11_reads_plain_data_only_from_visible_writes() {
    // Without the branch P1 reads `data` whatever the flag says: a race under both models;
    // C11's NaRf forbids reading 42 without happens-before, RC11 allows it.
    let t = litmus(
        "C MP+na+nobranch\n{}\n\
         P0(volatile int* data, atomic_int* flag) { *data = 42; atomic_store_explicit(flag, 1, memory_order_relaxed); }\n\
         P1(volatile int* data, atomic_int* flag) { int r0 = atomic_load_explicit(flag, memory_order_relaxed); int r1 = *data; }\n\
         exists (1:r1=42)\n",
    );
    assert!(racy(&t, Model::Rc11) && racy(&t, Model::C11));
    assert!(allowed(&t, Model::Rc11));
    assert!(!allowed(&t, Model::C11));
}

#[test]
fn loads_of_one_expression_are_unsequenced() {
    // herd7's and C's rule: the operands of `+` are unsequenced, so the acquire load does not
    // order the plain load beside it; the release store of y does not make the plain write of
    // d visible to it, and the plain read can only see the initial value under C11.
    let one = litmus(
        "C Unseq\n{}\n\
         P0(atomic_int* y, volatile int* d) { int t = atomic_load_explicit(y, memory_order_acquire) + *d; }\n\
         P1(atomic_int* y, volatile int* d) { *d = 1; atomic_store_explicit(y, 1, memory_order_release); }\n\
         exists (0:t=2)\n",
    );
    assert!(!allowed(&one, Model::C11));
    assert!(racy(&one, Model::C11));
    // Sequenced by two statements, the acquire load orders the plain one.
    let two = litmus(
        "C Seq\n{}\n\
         P0(atomic_int* y, volatile int* d) { int t = atomic_load_explicit(y, memory_order_acquire); t = t + *d; }\n\
         P1(atomic_int* y, volatile int* d) { *d = 1; atomic_store_explicit(y, 1, memory_order_release); }\n\
         exists (0:t=2)\n",
    );
    assert!(allowed(&two, Model::C11));
}

// ------------------------------------------------------------------------------------------
// Branches and dependencies.

const LB_CTRL: &str = "C LB+ctrl\n{}\n\
    P0(atomic_int* x, atomic_int* y) {\n  int r0 = atomic_load_explicit(x, memory_order_relaxed);\n  if (r0 == 1) { atomic_store_explicit(y, 1, memory_order_relaxed); }\n}\n\
    P1(atomic_int* x, atomic_int* y) {\n  int r0 = atomic_load_explicit(y, memory_order_relaxed);\n  if (r0 == 1) { atomic_store_explicit(x, 1, memory_order_relaxed); }\n}\n\
    exists (0:r0=1 /\\ 1:r0=1)\n";

#[test]
fn a_control_dependency_forbids_load_buffering_on_armv8_not_in_c11() {
    let t = litmus(LB_CTRL);
    assert!(
        !allowed(&t, Model::Rc11),
        "RC11's no-thin-air forbids every LB"
    );
    assert!(allowed(&t, Model::C11), "C11 has no such axiom");
    assert!(!allowed(&t, Model::Armv8), "the branch orders the store");
    assert!(!allowed(&t, Model::Armv8Rcpc));
    assert!(!allowed(&t, Model::X86Tso));
    // The same shape with an unconditional store: LB is allowed on ARMv8.
    let plain = litmus(
        &LB_CTRL
            .replace(
                "if (r0 == 1) { atomic_store_explicit(y, 1, memory_order_relaxed); }",
                "atomic_store_explicit(y, 1, memory_order_relaxed);",
            )
            .replace(
                "if (r0 == 1) { atomic_store_explicit(x, 1, memory_order_relaxed); }",
                "atomic_store_explicit(x, 1, memory_order_relaxed);",
            ),
    );
    assert!(allowed(&plain, Model::Armv8));
}

#[test]
fn a_dependency_rustc_folds_away_does_not_order() {
    // `r0 ^ r0` is 0 whatever r0 is: rustc stores a constant, so LB+data shows on ARMv8.
    let lb = |val: &str| {
        litmus(&format!(
            "C LB+data\n{{}}\n\
             P0(atomic_int* x, atomic_int* y) {{ int r0 = atomic_load_explicit(x, memory_order_relaxed); atomic_store_explicit(y, {val}, memory_order_relaxed); }}\n\
             P1(atomic_int* x, atomic_int* y) {{ int r0 = atomic_load_explicit(y, memory_order_relaxed); atomic_store_explicit(x, {val}, memory_order_relaxed); }}\n\
             exists (0:r0=1 /\\ 1:r0=1)\n"
        ))
    };
    assert!(!allowed(&lb("1 + (r0 & 128)"), Model::Armv8));
    assert!(allowed(&lb("(r0 ^ r0) + 1"), Model::Armv8));
}

#[test]
fn a_branch_on_a_register_alone_makes_no_dependency() {
    // The branch only assigns a register: rustc selects (`csel`), nothing orders the store.
    let t = litmus(
        "C LB+sel\n{}\n\
         P0(atomic_int* x, atomic_int* y) { int r0 = atomic_load_explicit(x, memory_order_relaxed); int r1 = 0; if (r0 == 1) { r1 = 2; } atomic_store_explicit(y, 1, memory_order_relaxed); }\n\
         P1(atomic_int* x, atomic_int* y) { int r0 = atomic_load_explicit(y, memory_order_relaxed); atomic_store_explicit(x, 1, memory_order_relaxed); }\n\
         exists (0:r0=1 /\\ 1:r0=1)\n",
    );
    assert!(allowed(&t, Model::Armv8));
}

#[test]
fn branches_agree_with_the_values_read() {
    // The else branch runs exactly when the value read is not 1.
    let t = litmus(
        "C If+else\n{}\n\
         P0(atomic_int* x, atomic_int* y) { int r0 = atomic_load_explicit(x, memory_order_relaxed); if (r0 == 1) { atomic_store_explicit(y, 1, memory_order_relaxed); } else { atomic_store_explicit(y, 2, memory_order_relaxed); } }\n\
         P1(atomic_int* x) { atomic_store_explicit(x, 1, memory_order_relaxed); }\n\
         exists (0:r0=0 /\\ y=1)\n",
    );
    for m in Model::ALL {
        let s = states(&t, m);
        assert_eq!(
            s,
            BTreeSet::from(["0:r0=0; y=2;".to_string(), "0:r0=1; y=1;".to_string()]),
            "{}",
            m.key()
        );
    }
}

// ------------------------------------------------------------------------------------------
// Read-modify-writes and compare-exchanges.

#[test]
fn fetch_or_on_disjoint_bits_loses_nothing_a_load_then_store_can() {
    let rmw = litmus(
        "C Bits+or\n{}\n\
         P0(atomic_int* f) { atomic_fetch_or_explicit(f, 1, memory_order_relaxed); }\n\
         P1(atomic_int* f) { atomic_fetch_or_explicit(f, 2, memory_order_relaxed); }\n\
         exists (f=1 \\/ f=2)\n",
    );
    let racy_rmw = litmus(
        "C Bits+ldst\n{}\n\
         P0(atomic_int* f) { int r0 = atomic_load_explicit(f, memory_order_relaxed); atomic_store_explicit(f, r0 | 1, memory_order_relaxed); }\n\
         P1(atomic_int* f) { int r0 = atomic_load_explicit(f, memory_order_relaxed); atomic_store_explicit(f, r0 | 2, memory_order_relaxed); }\n\
         exists (f=1 \\/ f=2)\n",
    );
    for m in Model::ALL {
        assert!(!allowed(&rmw, m), "{}", m.key());
        // A lost update needs no reordering: even SC allows it.
        assert!(allowed(&racy_rmw, m), "{}", m.key());
    }
}

#[test]
fn compare_exchange_with_an_expected_location_writes_back_on_failure() {
    // herd7's C16: on failure the value found goes to *z.
    let t = litmus(
        "C C16\n{}\n\
         P0 (atomic_int* y) { atomic_store_explicit(y,1,memory_order_relaxed); }\n\
         P1 (atomic_int* y,int *z) { atomic_compare_exchange_strong(y,z,2); }\n\
         ~exists z=0 /\\ y=2\n",
    );
    assert_eq!(
        states(&t, Model::Rc11),
        BTreeSet::from(["y=1; z=0;".to_string(), "y=1; z=1;".to_string()])
    );
    // A weak one may fail although the values are equal.
    let weak = litmus(
        "C Weak\n{}\n\
         P0(atomic_int* x) { int e = 0; int r0 = atomic_compare_exchange_weak_explicit(x, &e, 1, memory_order_relaxed, memory_order_relaxed); }\n\
         exists (0:r0=0 /\\ 0:e=0)\n",
    );
    assert!(allowed(&weak, Model::Sc));
    let strong = litmus(
        "C Strong\n{}\n\
         P0(atomic_int* x) { int e = 0; int r0 = atomic_compare_exchange_strong_explicit(x, &e, 1, memory_order_relaxed, memory_order_relaxed); }\n\
         exists (0:r0=0 /\\ 0:e=0)\n",
    );
    assert!(!allowed(&strong, Model::Sc));
}

#[test]
fn every_model_allows_every_sc_state_of_the_new_constructs() {
    let t = litmus(LB_CTRL);
    let v = check_all(&t).unwrap();
    let sc = &v
        .iter()
        .find(|x| x.model == Model::Sc)
        .unwrap()
        .allowed_states;
    for x in &v {
        assert!(sc.is_subset(&x.allowed_states), "{}", x.model.key());
    }
}
