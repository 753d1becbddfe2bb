//! Data races, as RC11 (`rc11.cat`) and C11 (`c11_base.cat`) define them:
//!
//! ```text
//! cnf = ((W × _) ∪ (_ × W)) ∩ loc            conflicting: same location, one writes
//! dr  = (cnf ∩ ext) \ (hb ∪ hb⁻¹ ∪ (A × A))    different threads, not both atomic, unordered
//! ```
//!
//! (RC11 leaves the initial writes out of `cnf`; C11's initial writes happen before every
//! access, which leaves them out of `dr` too.) A consistent execution with a race makes the
//! whole program's behaviour undefined under that model: herd7 prints `Undef` and the flag
//! `*undef*`, with the condition's verdict over the consistent executions beside it.
//!
//! C11 also has unsequenced races (`ur`: conflicting accesses of one thread unordered by
//! sequenced-before). The lab's language cannot make one: the loads of one statement are the
//! only unsequenced accesses, and two loads do not conflict.

use super::exec::Candidate;
use super::explain::long;
use super::graph::{flag, Graph};
use super::rel::{members, Rel};
use super::Analysis;
use std::fmt;

/// Two accesses that race, in one consistent execution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Race {
    /// The location they access.
    pub loc: String,
    /// The two accesses in words: `P0's plain store y=1`.
    pub first: String,
    pub second: String,
    /// The final state of the racy execution (aligned with `Test::observables`).
    pub state: Vec<i64>,
}

impl fmt::Display for Race {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "data race on {}: {} and {} conflict and neither happens before the other",
            self.loc, self.first, self.second
        )
    }
}

/// The first racing pair of graph events of one consistent execution, given its
/// happens-before.
pub fn find(g: &Graph, hb: &Rel) -> Option<(usize, usize)> {
    let mem = g.mem() & !g.init;
    let plain = g.with(flag::NA);
    for a in members(mem) {
        for b in members(mem & !((1u64 << (a + 1)) - 1)) {
            let (ea, eb) = (&g.events[a], &g.events[b]);
            let conflict = ea.loc == eb.loc && (g.writes >> a & 1 == 1 || g.writes >> b & 1 == 1);
            let one_plain = (plain >> a | plain >> b) & 1 == 1;
            if conflict && one_plain && ea.thread != eb.thread && !hb.has(a, b) && !hb.has(b, a) {
                return Some((a, b));
            }
        }
    }
    None
}

impl Race {
    /// The race of graph events `a` and `b` of candidate `c`, in words.
    pub fn describe(an: &Analysis, g: &Graph, c: &Candidate, a: usize, b: usize) -> Race {
        let loc = g.events[a]
            .loc
            .map(|l| an.enumeration.locs[l].clone())
            .unwrap_or_default();
        Race {
            loc,
            first: long(an, g, c, a),
            second: long(an, g, c, b),
            state: c.state.clone(),
        }
    }
}
