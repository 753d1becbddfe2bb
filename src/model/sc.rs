//! Sequential consistency (Lamport 1979): some interleaving of the threads, each in program
//! order, explains every read. Axiomatically: `acyclic(po ∪ rf ∪ co ∪ fr)`. Judged on the
//! C-level events; fences and orderings play no part.

use super::graph::{Dyn, Graph};
use super::rel::cycle;
use super::{witness, Witness};

pub fn check(g: &Graph, d: &Dyn, explain: bool) -> Option<Witness> {
    let all = g.po.union(&d.rf).union(&d.co).union(&d.fr);
    if all.is_acyclic() {
        return None;
    }
    witness("sc", "acyclic(po ∪ rf ∪ co ∪ fr)", explain, || {
        cycle(&[("po", g.po), ("rf", d.rf), ("co", d.co), ("fr", d.fr)])
    })
}
