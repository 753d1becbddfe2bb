//! What `orderlab run` prints: litmus7-style blocks per test and the summary table.

use super::schema::{model_letters, TestResult, MODEL_LETTERS_LEGEND};
use crate::litmus::{format_state, Quantifier, Test};
use crate::suite::Source;
use crate::term::{cut, pad, pad_left, width, MAX_NAME_COLUMN};

/// A litmus7-style block for one test.
pub fn block(test: &Test, r: &TestResult) -> String {
    let obs = test.observables();
    let mut s = String::new();
    // litmus7's word for the condition's quantifier, said to be that, so nobody reads
    // "Allowed" as this platform's verdict.
    let (kind, quant) = match test.cond.quant {
        Quantifier::Exists => ("Allowed", "exists"),
        Quantifier::NotExists => ("Forbidden", "~exists"),
        Quantifier::Forall => ("Required", "forall"),
    };
    s.push_str(&format!(
        "Test {} {kind} (litmus7's word for an `{quant}` condition, not a verdict)\n",
        r.name
    ));
    s.push_str(&format!("Histogram ({} states)\n", r.histogram.len()));
    let width = r
        .histogram
        .iter()
        .map(|h| h.count.to_string().len())
        .max()
        .unwrap_or(1);
    for h in &r.histogram {
        let state: Vec<i64> = obs
            .iter()
            .map(|v| h.state.get(&v.to_string()).copied().unwrap_or(0))
            .collect();
        let mark = if h.target { '*' } else { ':' };
        let forb = if h.forbidden == Some(true) {
            "   <- forbidden here"
        } else {
            ""
        };
        s.push_str(&format!(
            "{} {mark}> {}{forb}\n",
            pad(&h.count.to_string(), width),
            format_state(&obs, &state)
        ));
    }
    let negative = r.iterations - r.observed;
    s.push_str(&format!("Positive: {}, Negative: {negative}\n", r.observed));
    s.push_str(&format!("{}\n", r.observation));
    s.push_str(&format!(
        "Verdict: {} (target allowed here: {})\n",
        r.status.as_str(),
        r.allowed_here
    ));
    if !r.models.is_empty() {
        let each: Vec<String> = r
            .models
            .iter()
            .map(|v| format!("{} {}", v.model.key(), if v.allowed { "A" } else { "F" }))
            .collect();
        s.push_str(&format!(
            "Models: {} (A allowed, F forbidden)\n",
            each.join(", ")
        ));
    }
    if let Some(race) = &r.data_race {
        s.push_str(&format!(
            "UNDEFINED BEHAVIOUR: {race}. In Rust and C11 this program has no defined \
             outcome: the histogram shows what this machine did with the plain accesses compiled \
             as Relaxed atomics (the platform model judges that), not what the language allows.\n"
        ));
    }
    s.push_str(&format!(
        "Time {} {:.2}s, {:.2} M iterations/s, sync {} (delta {:.0} ns, offset {:.0} ns){}, load {}\n",
        r.name,
        r.elapsed_s.unwrap_or(f64::NAN),
        r.iterations_per_s.unwrap_or(f64::NAN) / 1e6,
        r.sync,
        r.delta_ns.unwrap_or(f64::NAN),
        r.offset_ns.unwrap_or(f64::NAN),
        if r.oversubscribed {
            " (oversubscribed: more test threads than cores)"
        } else {
            ""
        },
        load_str(r.load_avg)
    ));
    s
}

pub fn load_str(l: Option<[f64; 3]>) -> String {
    match l {
        Some([a, b, c]) => format!("{a:.2} {b:.2} {c:.2}"),
        None => "unknown".to_string(),
    }
}

/// The summary table: test | orderings | observed/total | allowed here? | status | models,
/// and the models column's legend. Names and orderings longer than [`MAX_NAME_COLUMN`]
/// characters are cut with `…` (the blocks and the JSON have them whole).
pub fn table(results: &[TestResult]) -> String {
    let head = [
        "test",
        "orderings",
        "observed/total",
        "allowed here?",
        "status",
        "models",
    ];
    let rows: Vec<[String; 6]> = results
        .iter()
        .map(|r| {
            let mut name = cut(&r.name, MAX_NAME_COLUMN).into_owned();
            if r.source == Some(Source::Interpreted) {
                name.push_str(" (interpreted)");
            }
            if r.data_race.is_some() {
                name.push_str(" [UB: data race]");
            }
            [
                name,
                cut(&r.orderings, MAX_NAME_COLUMN).into_owned(),
                format!("{}/{}", r.observed, r.iterations),
                r.allowed_here.clone(),
                r.status.as_str().to_string(),
                model_letters(&r.models),
            ]
        })
        .collect();
    let mut w = head.map(width);
    for row in &rows {
        for (k, c) in row.iter().enumerate() {
            w[k] = w[k].max(width(c));
        }
    }
    let line = |cells: [&str; 6]| {
        let mut s = String::new();
        for (k, c) in cells.iter().enumerate() {
            if k > 0 {
                s.push_str("  ");
            }
            if k == 5 {
                s.push_str(c);
            } else if k == 2 {
                s.push_str(&pad_left(c, w[k]));
            } else {
                s.push_str(&pad(c, w[k]));
            }
        }
        s.truncate(s.trim_end().len());
        s.push('\n');
        s
    };
    let mut s = line(head);
    s.push_str(&line([
        &"-".repeat(w[0]),
        &"-".repeat(w[1]),
        &"-".repeat(w[2]),
        &"-".repeat(w[3]),
        &"-".repeat(w[4]),
        &"-".repeat(w[5]),
    ]));
    for row in &rows {
        s.push_str(&line([
            &row[0], &row[1], &row[2], &row[3], &row[4], &row[5],
        ]));
    }
    if rows.iter().any(|r| !r[5].is_empty()) {
        s.push_str(&format!("({MODEL_LETTERS_LEGEND})\n"));
    }
    s
}
