//! Pinned rows (loom on LB+rlx and SB+sc, shuttle on SB+rlx, the map's publication), loom's
//! spawn-order bug, and the classification of differences (including one that no limitation
//! explains). No hardware: these assert what the checkers and the models do, deterministically
//! (loom is exhaustive; shuttle's schedules are seeded).

use super::*;
use crate::checkers::compare::{self, Models, Runs};
use std::collections::BTreeSet;

fn entry(name: &str) -> Entry {
    crate::suite::select(&[name.to_string()])
        .expect("selected")
        .into_iter()
        .next()
        .expect("one test")
}

/// Small bounds and no hardware: every row below is exact.
fn opts() -> Options {
    Options {
        schedules: 300,
        hardware: None,
        ..Options::default()
    }
}

fn row(name: &str) -> Row {
    check(&entry(name), &opts(), None).expect("checked")
}

fn state<'a>(r: &'a Row, s: &[i64]) -> &'a StateRow {
    r.states
        .iter()
        .find(|x| x.state == s)
        .unwrap_or_else(|| panic!("{}: no state {s:?}", r.test))
}

fn reasons(x: &StateRow, checker: &str) -> Vec<String> {
    x.differences
        .iter()
        .filter(|d| d.checker == checker)
        .map(|d| d.reason.clone())
        .collect()
}

fn run<'a>(r: &'a Row, checker: &str) -> &'a CheckerRun {
    r.runs
        .iter()
        .find(|x| x.checker.starts_with(checker))
        .expect("run")
}

#[test]
fn loom_never_produces_load_buffering() {
    let r = row("LB+rlx");
    assert_eq!(r.ran, "generated code");
    let lb = state(&r, &[1, 1]);
    assert!(lb.target && lb.c11 && !lb.rc11, "{lb:?}");
    assert!(!lb.loom);
    let why = reasons(lb, "loom");
    assert!(why.iter().any(|w| w.contains("load buffering")), "{why:?}");
    // Not a difference from RC11: RC11 forbids it too (its no-thin-air axiom).
    assert!(lb.differences.iter().all(|d| d.kind == "misses C11"));
    // IRIW with SeqCst fences: C11-only too, for another reason.
    let iriw = row("IRIW+fence");
    let x = iriw
        .states
        .iter()
        .find(|x| x.c11 && !x.rc11)
        .expect("C11-only");
    assert!(reasons(x, "loom")[0].contains("sc axiom"), "{x:?}");
    let loom = run(&r, "loom");
    assert!(loom.complete && !loom.target_produced, "{loom:?}");
    // Every other state: SC ones, which loom does produce.
    for x in r.states.iter().filter(|x| x.sc) {
        assert!(x.loom && x.shuttle, "{x:?}");
    }
}

#[test]
fn loom_over_reports_store_buffering_with_seqcst_accesses() {
    let r = row("SB+sc");
    assert!(!r.rc11_target);
    let sb = state(&r, &[0, 0]);
    assert!(sb.loom && !sb.rc11 && !sb.shuttle, "{sb:?}");
    assert_eq!(
        sb.differences
            .iter()
            .filter(|d| d.checker == "loom")
            .map(|d| (d.kind.as_str(), d.explained))
            .collect::<Vec<_>>(),
        [("over-reports", true)]
    );
    assert!(reasons(sb, "loom")[0].contains("SeqCst treated as AcqRel"));
    // With SeqCst fences instead, loom is right (it supports SeqCst fences).
    let f = row("SB+fence");
    assert!(!run(&f, "loom").target_produced);
    assert!(f.states.iter().all(|x| x.state != [0, 0]), "{:?}", f.states);
}

#[test]
fn shuttle_misses_store_buffering_because_it_is_sequentially_consistent() {
    let r = row("SB+rlx");
    assert!(r.rc11_target);
    let sb = state(&r, &[0, 0]);
    assert!(sb.rc11 && !sb.sc && sb.loom && !sb.shuttle, "{sb:?}");
    assert_eq!(
        reasons(sb, "shuttle"),
        ["shuttle explores only sequentially consistent executions"]
    );
    assert!(!run(&r, "shuttle (random)").target_produced);
    assert!(!run(&r, "shuttle (PCT").target_produced);
    // It does reach every interleaving.
    for x in r.states.iter().filter(|x| x.sc) {
        assert!(x.shuttle, "{x:?}");
    }
}

#[test]
fn the_maps_publication_bug_is_found_by_loom_only() {
    let r = row("map.publish+relaxed");
    assert_eq!(r.source, "map");
    assert!(r.ran.starts_with("interpreter"));
    assert!(run(&r, "loom").target_produced);
    assert!(!run(&r, "shuttle (random)").target_produced);
    let fixed = row("map.publish+acqrel");
    assert!(!run(&fixed, "loom").target_produced);
}

#[test]
fn loom_exploration_depends_on_which_thread_spawns_the_others() {
    // tokio-rs/loom#392: P1 starts with a load, and loom never runs it before P0's first
    // access when P0 spawns it. When loom fixes this, this test fails: then drop the
    // `loom_elsewhere` explanation.
    let e = entry("CheckThenSet+sc");
    let test = e.test().clone();
    let p = Program::of(&e).expect("compiled");
    let shape = Shape {
        threads: 2,
        init: vec![0],
        slots: crate::run::layout::slots(&test).expect("slots"),
    };
    let b = opts().loom;
    let p0 = explore::loom(&shape, p.on_loom(&test), b, 0);
    let p1 = explore::loom(&shape, p.on_loom(&test), b, 1);
    assert!(p0.complete && p1.complete);
    // 0:r0=1 1:r0=0: P1 runs entirely before P0.
    assert!(!p0.states.contains(&vec![1, 0]), "{:?}", p0.states);
    assert!(p1.states.contains(&vec![1, 0]), "{:?}", p1.states);
    let r = row("CheckThenSet+sc");
    let x = state(&r, &[1, 0]);
    assert!(!x.loom && x.sc);
    assert!(reasons(x, "loom")[0].contains("tokio-rs/loom#392"));
    assert!(x.differences.iter().all(|d| d.explained));
}

#[test]
fn a_racy_test_counts_nothing() {
    let r = row("MP+plain+rlx");
    assert!(r.race.is_some());
    assert!(r.states.iter().all(|x| x.differences.is_empty()));
    let rep = report(&[entry("MP+plain+rlx")], &opts(), |_| {}).expect("report");
    assert!(
        rep.summary.iter().all(|t| t.tests == 0),
        "{:?}",
        rep.summary
    );
}

#[test]
fn a_file_outside_the_catalog_runs_through_the_interpreter() {
    let src = "C Mine\n{}\nP0(atomic_int* x, atomic_int* y) {\n  atomic_store_explicit(x, 1, memory_order_relaxed);\n  atomic_store_explicit(y, 1, memory_order_release);\n}\nP1(atomic_int* x, atomic_int* y) {\n  int r0 = atomic_load_explicit(y, memory_order_acquire);\n  int r1 = atomic_load_explicit(x, memory_order_relaxed);\n}\nexists (1:r0=1 /\\ 1:r1=0)\n";
    let t = crate::litmus::parse(src, "Mine.litmus").expect("parses");
    let e = crate::suite::interpreted(t, Some("Mine.litmus")).expect("interpretable");
    let r = check(&e, &opts(), None).expect("checked");
    assert_eq!(r.source, "interpreted");
    assert!(!r.rc11_target);
    assert!(!run(&r, "loom").target_produced);
    assert_eq!(r.states.len(), 3);
    assert!(r.states.iter().all(|x| x.loom && x.shuttle && x.rc11));
}

#[test]
fn asm_kernels_are_left_out() {
    let kernels: Vec<Entry> = crate::suite::all()
        .into_iter()
        .filter(|e| e.source() == Source::AsmKernel)
        .collect();
    if let Some(k) = kernels.first() {
        let why = Program::of(k).err().expect("not runnable");
        assert!(why.contains("not Rust code"), "{why}");
    }
}

/// A synthetic test: one state everyone allows, one weak state.
fn synthetic(
    loom: &[Vec<i64>],
    rc11_as_loom: &[Vec<i64>],
    loom_complete: bool,
) -> (Vec<StateRow>, Tally) {
    let sc: BTreeSet<Vec<i64>> = [vec![0]].into();
    let rc11: BTreeSet<Vec<i64>> = [vec![0], vec![1]].into();
    let m = Models {
        rc11: rc11.clone(),
        c11: rc11,
        sc: sc.clone(),
        rc11_as_loom: rc11_as_loom.iter().cloned().collect(),
        platform: None,
        rc11_forbids: Default::default(),
    };
    let l = Explored {
        states: loom.iter().cloned().collect(),
        executions: 10,
        complete: loom_complete,
        ..Explored::default()
    };
    let s = Explored {
        states: sc,
        executions: 10,
        ..Explored::default()
    };
    let none = BTreeSet::new();
    let runs = Runs {
        loom: &l,
        loom_elsewhere: &none,
        shuttle: &[&s],
        hardware: None,
        loom_bounds: "bounds".into(),
        racy: false,
    };
    let rows = compare::states(&|s: &[i64]| s == [1], &m, &runs);
    let mut t = Tally {
        checker: "loom".into(),
        ..Tally::default()
    };
    compare::tally(&mut t, &rows);
    (rows, t)
}

#[test]
fn differences_no_limitation_explains_are_flagged() {
    // loom produces a state RC11 forbids even with SeqCst as AcqRel: upstream-worthy.
    let (rows, t) = synthetic(&[vec![0], vec![1], vec![2]], &[vec![0], vec![1]], true);
    let x = rows.iter().find(|r| r.state == [2]).expect("state 2");
    assert!(!x.rc11 && x.loom);
    assert!(!x.differences[0].explained, "{x:?}");
    assert_eq!((t.over_reports, t.unexplained, t.finds), (1, 1, 1));
    // loom completes yet misses an allowed weak state: upstream-worthy.
    let (_, t) = synthetic(&[vec![0]], &[vec![0], vec![1]], true);
    assert_eq!((t.misses, t.unexplained), (1, 1));
    // ... unless it stopped at a bound.
    let (_, t) = synthetic(&[vec![0]], &[vec![0], vec![1]], false);
    assert_eq!((t.misses, t.unexplained), (1, 0));
    // ... or loom's semantics forbid it (a weak compare-exchange that never fails).
    let (rows, t) = synthetic(&[vec![0]], &[vec![0]], true);
    assert_eq!((t.misses, t.unexplained), (1, 0));
    assert!(rows[1].differences[0]
        .reason
        .contains("compare_exchange_weak"));
}

#[test]
fn a_test_with_more_threads_than_loom_runs_is_reported_not_a_panic() {
    let mut src = String::from("C Six\n{ [x] = 0; }\n");
    for i in 0..6 {
        src += &format!(
            "P{i}(atomic_int* x) {{\n  int r0 = atomic_fetch_add_explicit(x, 1, memory_order_relaxed);\n}}\n"
        );
    }
    src += "exists (x=6)\n";
    let t = crate::litmus::parse(&src, "Six.litmus").expect("parses");
    let e = crate::suite::interpreted(t, Some("Six.litmus")).expect("interpretable");
    let o = Options {
        schedules: 20,
        ..opts()
    };
    let r = check(&e, &o, None).expect("checked");
    let loom = run(&r, "loom");
    assert_eq!(loom.executions, 0);
    assert!(!loom.complete);
    assert!(
        loom.error
            .as_deref()
            .is_some_and(|e| e.contains("at most 5 threads")),
        "{loom:?}"
    );
    // Every RC11 outcome it did not produce is put down to that bound, not left unexplained.
    assert!(r
        .states
        .iter()
        .flat_map(|x| &x.differences)
        .all(|d| d.explained));
    assert!(run(&r, "shuttle (random)").target_produced);
}

#[test]
fn a_preemption_bound_makes_loom_incomplete_and_explains_its_misses() {
    let o = Options {
        loom: LoomBounds {
            preemptions: Some(0),
            ..opts().loom
        },
        ..opts()
    };
    let r = check(&entry("SB+rlx"), &o, None).expect("checked");
    let loom = run(&r, "loom");
    assert!(!loom.complete, "{loom:?}");
    // With no preemption at all, loom runs the threads one after the other.
    let missed: Vec<&StateRow> = r.states.iter().filter(|x| x.rc11 && !x.loom).collect();
    assert!(!missed.is_empty());
    for x in missed {
        assert!(
            reasons(x, "loom")
                .iter()
                .any(|w| w.contains("preemption bound 0") || w.contains("tokio-rs/loom#392")),
            "{x:?}"
        );
        assert!(x.differences.iter().all(|d| d.explained), "{x:?}");
    }
}
