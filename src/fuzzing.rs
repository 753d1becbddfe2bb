//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*.rs` call them under libFuzzer;
//! `tests/fuzz_replay.rs` replays the seeds and every crash ever found through them on stable).
//! Each takes arbitrary bytes and panics only when a property of the lab is violated:
//!
//! * [`parse`]: the parser returns; an error's `LINE:COL` lies inside the input; an accepted
//!   test prints to a text that parses back to the same test;
//! * [`model`]: for a small accepted test (every location's final value observed), every model
//!   either judges it or says why not; every final state sequential consistency allows is
//!   allowed by every model; running the threads one after another on the interpreter (every
//!   order) ends in a state SC allows; the explanation renders;
//! * [`report`]: a run file either loads or gives a located error; a loaded one renders as the
//!   summary table, HTML and Markdown, and its JSON reads back.
//!
//! Not part of the API: hidden, and may change with the targets.

use crate::litmus::{self, Test};
use crate::model::{self, Model};
use std::collections::BTreeSet;

/// Bounds of [`model`]'s tests, so each input is checked in milliseconds.
pub const MODEL_MAX_THREADS: usize = 3;
/// Statements in all threads together.
pub const MODEL_MAX_STMTS: usize = 8;
/// Compare-exchanges in all threads together.
pub const MODEL_MAX_CAS: usize = 2;

/// The parser's contract on one input.
pub fn parse(data: &[u8]) {
    match litmus::parse_bytes(data, "fuzz") {
        Ok(t) => {
            let text = litmus::print(&t);
            match litmus::parse(&text, "printed") {
                Ok(again) => assert_eq!(
                    again.without_spans(),
                    t.without_spans(),
                    "the printed test parses to another test:\n{text}"
                ),
                Err(e) => panic!("the printed test does not parse: {e}\n{text}"),
            }
        }
        Err(e) => {
            let text = String::from_utf8_lossy(data).replace("\r\n", "\n");
            let lines: Vec<&str> = text.split(['\n', '\r']).collect();
            let (line, col) = (e.line as usize, e.col as usize);
            assert!(
                (1..=lines.len()).contains(&line),
                "line {line} outside the input ({} lines): {e}",
                lines.len()
            );
            let width = lines[line - 1].chars().count();
            assert!(
                (1..=width + 1).contains(&col),
                "column {col} outside line {line} ({width} chars): {e}"
            );
            assert!(e.to_string().starts_with(&format!("fuzz:{line}:{col}: ")));
            assert!(!e.message.is_empty());
        }
    }
}

/// Is `t` within [`model`]'s bounds?
fn small(t: &Test) -> bool {
    let stmts = t.threads.iter().map(|th| th.body.len()).sum::<usize>();
    let cas = t
        .threads
        .iter()
        .flat_map(|th| &th.body)
        .filter(|s| matches!(s.op, litmus::Op::CompareExchange { .. }))
        .count();
    t.threads.len() <= MODEL_MAX_THREADS && stmts <= MODEL_MAX_STMTS && cas <= MODEL_MAX_CAS
}

/// Every order of `0..n`.
fn orders(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for p in orders(n - 1) {
        for k in 0..=p.len() {
            let mut q = p.clone();
            q.insert(k, n - 1);
            out.push(q);
        }
    }
    out
}

/// Parse, interpret and model-check one input.
pub fn model(data: &[u8]) {
    let Ok(mut test) = litmus::parse_bytes(data, "fuzz") else {
        return;
    };
    if !small(&test) {
        return;
    }
    // Observe every location's final value, not only the condition's: a wrong value anywhere
    // is then a state SC does not allow.
    for l in test.locations_all() {
        let v = litmus::Var::Loc(l);
        if !test.locations.contains(&v) {
            test.locations.push(v);
        }
    }
    let Ok(mut a) = model::Analysis::new(&test) else {
        return;
    };
    let mut verdicts = Vec::new();
    for m in Model::ALL {
        match a.verdict(m) {
            Ok(v) => verdicts.push(v),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    let sc: Option<BTreeSet<Vec<i64>>> = verdicts
        .iter()
        .find(|v| v.model == Model::Sc)
        .map(|v| v.allowed_states.clone());
    if let Some(sc) = &sc {
        for v in &verdicts {
            // C11's rule that a plain read sees a visible write (NaRf) may discard every
            // execution that shows a data race, so a racy test's C11 states need not include
            // SC's (the same exception as the model's inclusion tests).
            if v.model == Model::C11 && v.race.is_some() {
                continue;
            }
            let missing: Vec<_> = sc.difference(&v.allowed_states).collect();
            assert!(
                missing.is_empty(),
                "{} forbids final states SC allows: {missing:?}\n{}",
                v.model.key(),
                litmus::print(&test)
            );
        }
        serial_runs(&test, sc);
    }
    let _ = model::explain::explain(&test);
}

/// Run the threads of `test` one after another on the interpreter, in every order; each run
/// is a sequentially consistent execution, so its final state must be one SC allows.
fn serial_runs(test: &Test, sc: &BTreeSet<Vec<i64>>) {
    let Ok(entry) = crate::suite::interpreted(test.clone(), None) else {
        return;
    };
    let nobs = test.observables().len();
    for order in orders(test.threads.len()) {
        let inst = entry.runnable().instances(1);
        for &t in &order {
            inst.run(t, 0);
        }
        let mut state = vec![0; nobs];
        inst.outcome(0, &mut state);
        assert!(
            sc.contains(&state),
            "threads run in the order {order:?} on the interpreter end in {state:?}, which SC \
             does not allow (SC: {sc:?})\n{}",
            litmus::print(test)
        );
    }
}

/// Load, render and re-read one run file.
pub fn report(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match crate::report::RunReport::parse(text, "fuzz.json") {
        Ok(run) => {
            let o = crate::report::Options { log: false };
            let _ = crate::report::text::table(&run.tests);
            let _ = crate::report::html(std::slice::from_ref(&run), o);
            let _ = crate::report::markdown(&[run.clone(), run.clone()], o);
            let _ = crate::report::html(&[], crate::report::Options { log: true });
            let json = run.to_json();
            if let Err(e) = crate::report::RunReport::parse(&json, "again.json") {
                panic!("a loaded run file does not read back after writing: {e}\n{json}");
            }
        }
        Err(e) => assert!(e.starts_with("fuzz.json"), "unlocated error: {e}"),
    }
}
