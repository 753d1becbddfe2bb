//! The claims catalogue: the 77 claims of the seed articles (`claims/claims.toml`), the
//! evidence each names, and the rules that turn the evidence into a verdict every time the
//! catalogue runs (`orderlab claims`).
//!
//! * `data`: the catalogue's content, embedded and checked;
//! * `evidence`: the kinds of evidence and their keys (`run:`, `qemu:`, `models:`, `asm:`,
//!   `map:`, `bench:`, `prog:`, `cmd:`, `doc:`), `gather` to collect a set of keys once:
//!   `litmus` (native and QEMU runs, model verdicts), `mapfacts` (+ `mapfacts_more`),
//!   `bench`, `prog`, `cmd` (commands and documented Go facts);
//! * `rules`: one rule per claim (C01-C62), reading only the evidence its claim declares;
//!   `decision`: part verdicts and the claim's verdict;
//! * `page`: the table, the JSON, the HTML and Markdown teaching pages.
//!
//! The layer sits above `suite`, `verdict`, `model`, `asm` and `report` (whose run-result
//! schema and charts it reuses) and below `cli`.

mod bench;
mod cmd;
pub mod data;
pub mod decision;
pub mod evidence;
mod gather;
mod litmus;
mod mapfacts;
mod mapfacts_more;
pub mod page;
mod prog;
mod rules;

#[cfg(test)]
mod tests;

pub use data::Claim;
pub use decision::{Decision, Verdict};
pub use evidence::{Bag, Key};
pub use gather::Options;

use serde::Serialize;
use std::collections::BTreeSet;

/// One claim and its decision.
#[derive(Debug, Serialize)]
pub struct Decided {
    pub claim: Claim,
    pub decision: Decision,
}

/// A whole catalogue run.
#[derive(Debug, Serialize)]
pub struct Catalogue {
    /// UTC start, RFC 3339.
    pub started: String,
    pub quick: bool,
    pub arch: String,
    pub cpus: usize,
    pub load_before: Option<[f64; 3]>,
    pub load_after: Option<[f64; 3]>,
    pub claims: Vec<Decided>,
    pub evidence: Bag,
}

/// Resolve claim ids (`C05`, `c5`, `5`); empty = every claim. Errors name the bad id.
pub fn select(ids: &[String]) -> Result<Vec<&'static Claim>, String> {
    let all = data::checked()?;
    if ids.is_empty() {
        return Ok(all.iter().collect());
    }
    let mut out = Vec::new();
    for raw in ids {
        let digits = raw.trim_start_matches(['C', 'c']);
        let n: usize = digits
            .parse()
            .map_err(|_| format!("unknown claim `{raw}` (expected C01..C77)"))?;
        let c = all
            .get(n.wrapping_sub(1))
            .ok_or_else(|| format!("unknown claim `{raw}` (expected C01..C77)"))?;
        if !out.iter().any(|x: &&Claim| x.id == c.id) {
            out.push(c);
        }
    }
    Ok(out)
}

/// Gather the evidence `claims` name and decide each claim; `log` hears progress.
pub fn run(claims: &[&Claim], o: &Options, log: &mut dyn FnMut(&str)) -> Catalogue {
    let load_before = crate::machine::load_average();
    let started = crate::report::rfc3339_now();
    let keys: BTreeSet<Key> = claims.iter().flat_map(|c| c.keys()).collect();
    let bag = gather::gather(&keys, o, log);
    let decided = claims
        .iter()
        .map(|c| Decided {
            claim: (*c).clone(),
            decision: rules::decide(c, &bag),
        })
        .collect();
    Catalogue {
        started,
        quick: o.quick,
        arch: std::env::consts::ARCH.to_string(),
        cpus: crate::machine::cpus(),
        load_before,
        load_after: crate::machine::load_average(),
        claims: decided,
        evidence: bag,
    }
}
