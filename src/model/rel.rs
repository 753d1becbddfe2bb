//! Binary relations over the events of one execution graph, as bit matrices.
//!
//! An execution graph has at most [`MAX_EVENTS`] events, so a relation is 64 rows of one
//! `u64` each: row `a` holds the set of `b` with `a -> b`. Every operation of the cat
//! language the models need (union, intersection, sequence, inverse, closure, restriction to
//! a set of events) is a few word operations per row.

/// The most events one execution graph may hold (the bound reported for oversized tests).
pub const MAX_EVENTS: usize = 64;

/// A set of events (bit `i` = event `i`).
pub type Set = u64;

/// Iterate over the members of a set, smallest first.
pub fn members(mut s: Set) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if s == 0 {
            None
        } else {
            let i = s.trailing_zeros() as usize;
            s &= s - 1;
            Some(i)
        }
    })
}

/// A binary relation over events `0..n`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Rel {
    n: usize,
    rows: [Set; MAX_EVENTS],
}

impl std::fmt::Debug for Rel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.edges()).finish()
    }
}

impl Rel {
    /// The empty relation over `n` events (`n <= MAX_EVENTS`).
    pub fn empty(n: usize) -> Rel {
        debug_assert!(n <= MAX_EVENTS);
        Rel {
            n,
            rows: [0; MAX_EVENTS],
        }
    }

    /// `[s]`: the identity restricted to the set `s`.
    pub fn id_on(n: usize, s: Set) -> Rel {
        let mut r = Rel::empty(n);
        for i in members(s) {
            r.rows[i] |= 1 << i;
        }
        r
    }

    /// `a * b`: every pair from `a` to `b`.
    pub fn cross(n: usize, a: Set, b: Set) -> Rel {
        let mut r = Rel::empty(n);
        for i in members(a) {
            r.rows[i] = b;
        }
        r
    }

    pub fn n(&self) -> usize {
        self.n
    }

    pub fn add(&mut self, a: usize, b: usize) {
        self.rows[a] |= 1 << b;
    }

    pub fn has(&self, a: usize, b: usize) -> bool {
        self.rows[a] >> b & 1 == 1
    }

    /// The successors of `a`.
    pub fn row(&self, a: usize) -> Set {
        self.rows[a]
    }

    pub fn is_empty(&self) -> bool {
        self.rows[..self.n].iter().all(|&r| r == 0)
    }

    /// Every pair, in row order.
    pub fn edges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.n).flat_map(move |a| members(self.rows[a]).map(move |b| (a, b)))
    }

    pub fn union(&self, o: &Rel) -> Rel {
        let mut r = *self;
        r.union_with(o);
        r
    }

    pub fn union_with(&mut self, o: &Rel) {
        for i in 0..self.n {
            self.rows[i] |= o.rows[i];
        }
    }

    pub fn inter(&self, o: &Rel) -> Rel {
        let mut r = *self;
        for i in 0..self.n {
            r.rows[i] &= o.rows[i];
        }
        r
    }

    pub fn minus(&self, o: &Rel) -> Rel {
        let mut r = *self;
        for i in 0..self.n {
            r.rows[i] &= !o.rows[i];
        }
        r
    }

    /// `self ; o`
    pub fn seq(&self, o: &Rel) -> Rel {
        let mut r = Rel::empty(self.n);
        for i in 0..self.n {
            let mut acc = 0;
            for k in members(self.rows[i]) {
                acc |= o.rows[k];
            }
            r.rows[i] = acc;
        }
        r
    }

    /// `self^-1`
    pub fn inverse(&self) -> Rel {
        let mut r = Rel::empty(self.n);
        for (a, b) in self.edges() {
            r.rows[b] |= 1 << a;
        }
        r
    }

    /// `self+` (transitive closure, Warshall on bit rows).
    pub fn plus(&self) -> Rel {
        let mut r = *self;
        for k in 0..self.n {
            let rk = r.rows[k];
            for i in 0..self.n {
                if r.rows[i] >> k & 1 == 1 {
                    r.rows[i] |= rk;
                }
            }
        }
        r
    }

    /// `self?` (reflexive over every event `0..n`).
    pub fn opt(&self) -> Rel {
        let mut r = *self;
        for i in 0..self.n {
            r.rows[i] |= 1 << i;
        }
        r
    }

    /// `self*`
    pub fn star(&self) -> Rel {
        self.plus().opt()
    }

    /// `self \ id`
    pub fn minus_id(&self) -> Rel {
        let mut r = *self;
        for i in 0..self.n {
            r.rows[i] &= !(1 << i);
        }
        r
    }

    /// `[s]; self`
    pub fn from_set(&self, s: Set) -> Rel {
        let mut r = *self;
        for i in 0..self.n {
            if s >> i & 1 == 0 {
                r.rows[i] = 0;
            }
        }
        r
    }

    /// `self; [s]`
    pub fn to_set(&self, s: Set) -> Rel {
        let mut r = *self;
        for i in 0..self.n {
            r.rows[i] &= s;
        }
        r
    }

    /// The events some pair starts at.
    pub fn domain(&self) -> Set {
        let mut d = 0;
        for i in 0..self.n {
            if self.rows[i] != 0 {
                d |= 1 << i;
            }
        }
        d
    }

    /// The events some pair ends at.
    pub fn range(&self) -> Set {
        self.rows[..self.n].iter().fold(0, |a, r| a | r)
    }

    pub fn is_irreflexive(&self) -> bool {
        (0..self.n).all(|i| self.rows[i] >> i & 1 == 0)
    }

    /// No cycle (repeatedly removes events without predecessors among those left).
    pub fn is_acyclic(&self) -> bool {
        let mut left: Set = if self.n == 64 {
            !0
        } else {
            (1u64 << self.n) - 1
        };
        while left != 0 {
            let mut has_pred = 0;
            for i in members(left) {
                has_pred |= self.rows[i];
            }
            let sources = left & !has_pred;
            if sources == 0 {
                return false;
            }
            left &= !sources;
        }
        true
    }
}

/// One labelled edge of a witness cycle or path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// The relation the edge belongs to, in the model's own vocabulary (`po`, `rf`, `sw`, ...).
    pub label: &'static str,
}

/// A shortest path of at least one edge from `from` to `to` in the union of labelled
/// relations (BFS); each edge carries the label of the first relation containing it.
pub fn path(parts: &[(&'static str, Rel)], from: usize, to: usize) -> Option<Vec<Edge>> {
    let n = parts.first()?.1.n;
    let mut union = Rel::empty(n);
    for (_, r) in parts {
        union.union_with(r);
    }
    // BFS from the successors of `from` so that a path from a node to itself has >= 1 edge.
    let mut prev = [usize::MAX; MAX_EVENTS];
    let mut seen: Set = 0;
    let mut queue = std::collections::VecDeque::new();
    for b in members(union.row(from)) {
        if seen >> b & 1 == 0 {
            seen |= 1 << b;
            prev[b] = from;
            queue.push_back(b);
        }
    }
    while let Some(x) = queue.pop_front() {
        if x == to {
            let mut nodes = vec![to];
            let mut cur = to;
            loop {
                let p = prev[cur];
                nodes.push(p);
                if p == from {
                    break;
                }
                cur = p;
            }
            nodes.reverse();
            let edges = nodes
                .windows(2)
                .map(|w| Edge {
                    from: w[0],
                    to: w[1],
                    label: parts
                        .iter()
                        .find(|(_, r)| r.has(w[0], w[1]))
                        .map(|(l, _)| *l)
                        .unwrap_or("?"),
                })
                .collect();
            return Some(edges);
        }
        for b in members(union.row(x)) {
            if seen >> b & 1 == 0 {
                seen |= 1 << b;
                prev[b] = x;
                queue.push_back(b);
            }
        }
    }
    None
}

/// A shortest cycle in the union of labelled relations, if there is one.
pub fn cycle(parts: &[(&'static str, Rel)]) -> Option<Vec<Edge>> {
    let n = parts.first()?.1.n;
    let mut best: Option<Vec<Edge>> = None;
    for s in 0..n {
        if let Some(p) = path(parts, s, s) {
            if best.as_ref().is_none_or(|b| p.len() < b.len()) {
                best = Some(p);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closure_and_cycles() {
        let mut r = Rel::empty(4);
        r.add(0, 1);
        r.add(1, 2);
        assert!(r.is_acyclic());
        assert!(r.plus().has(0, 2));
        assert!(!r.plus().has(2, 0));
        r.add(2, 0);
        assert!(!r.is_acyclic());
        let c = cycle(&[("x", r)]).unwrap();
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].from, c[2].to);
        let inv = r.inverse();
        assert!(inv.has(1, 0) && !inv.has(0, 1));
        assert!(r.seq(&r).has(0, 2));
        assert!(Rel::id_on(4, 0b101).has(2, 2));
        assert!(!Rel::id_on(4, 0b101).is_irreflexive());
    }
}
