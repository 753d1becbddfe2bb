//! What `orderlab claims` shows: the verdict table on the terminal, the JSON of a run, and
//! the teaching pages (`html`, `markdown`): per claim the quote and its translation, the
//! verdict and why, and the evidence as a student should see it.

mod html;
mod markdown;

pub use html::html;
pub use markdown::markdown;

use super::{Catalogue, Decided};
use crate::report::text::load_str;

/// Cut `s` to at most `n` characters, with an ellipsis.
fn cut(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// One line of the run's circumstances: host, budgets, load.
pub fn run_line(c: &Catalogue) -> String {
    format!(
        "{} on {} ({} CPUs), {} budgets; load {} → {}",
        c.started,
        c.arch,
        c.cpus,
        if c.quick { "--quick" } else { "full" },
        load_str(c.load_before),
        load_str(c.load_after)
    )
}

/// The terminal table: id, verdict, claim, deciding figure, platform.
pub fn table(c: &Catalogue) -> String {
    let mut s = String::new();
    let w = c
        .claims
        .iter()
        .map(|d| d.decision.label().chars().count())
        .max()
        .unwrap_or(7);
    s.push_str(&format!(
        "{:<4} {:<w$}  {:<48}  deciding figure [platform]\n",
        "id", "verdict", "claim"
    ));
    s.push_str(&format!(
        "{} {}  {}  {}\n",
        "-".repeat(4),
        "-".repeat(w),
        "-".repeat(48),
        "-".repeat(40)
    ));
    for Decided { claim, decision } in &c.claims {
        s.push_str(&format!(
            "{:<4} {:<w$}  {:<48}  {} [{}]\n",
            claim.id,
            decision.label(),
            cut(&claim.claim, 48),
            cut(&decision.figure, 140),
            cut(&decision.platform, 60)
        ));
    }
    s
}

/// Counts of each verdict: `TRUE 12, FALSE 20, ...`.
pub fn tally(c: &Catalogue) -> String {
    use super::Verdict::*;
    let n = |v| c.claims.iter().filter(|d| d.decision.verdict == v).count();
    format!(
        "{} claim{}: TRUE {}, PARTLY TRUE {}, FALSE {}, NOT TESTABLE HERE {}, PENDING {}",
        c.claims.len(),
        if c.claims.len() == 1 { "" } else { "s" },
        n(True),
        n(PartlyTrue),
        n(False),
        n(NotTestable),
        n(Pending)
    )
}

/// The run as JSON (pretty, one trailing newline).
pub fn json(c: &Catalogue) -> String {
    let mut s = serde_json::to_string_pretty(c).unwrap_or_default();
    s.push('\n');
    s
}
