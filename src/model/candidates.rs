//! The reads-from and coherence choices of one structure: per location, every coherence
//! order of its writes and every source of its reads that SC per location allows, then their
//! product, each turned into a candidate by computing its values.

use super::exec::{
    event_span, too_large, Candidate, Kind, Structure, MAX_CANDIDATES, MAX_WRITES_PER_LOC,
};
use super::rel::Rel;
use super::values::run;
use super::ModelError;
use crate::litmus::{Test, Var};

/// (read, write it reads from)
type RfPair = (usize, usize);

/// One location's choice: co order and rf for the reads of that location.
struct LocChoice {
    co: Vec<usize>,
    rf: Vec<(usize, usize)>,
}

fn permutations(items: &[usize]) -> Vec<Vec<usize>> {
    if items.is_empty() {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let x = rest.remove(i);
        for mut p in permutations(&rest) {
            p.insert(0, x);
            out.push(p);
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
pub(super) fn enumerate_structure(
    test: &Test,
    locs: &[String],
    init: &[i32],
    names: &[Vec<String>],
    observables: &[Var],
    si: usize,
    st: &Structure,
    out: &mut Vec<Candidate>,
) -> Result<(), ModelError> {
    let n = st.events.len();
    // C-level sequenced-before: the weakest program order of every level.
    let po_before = |a: usize, b: usize| st.sb_before(a, b);

    let mut per_loc: Vec<Vec<LocChoice>> = Vec::new();
    for (l, lname) in locs.iter().enumerate() {
        let writes: Vec<usize> = (locs.len()..n)
            .filter(|&e| st.events[e].loc == Some(l) && st.events[e].kind.is_write())
            .collect();
        let reads: Vec<usize> = (locs.len()..n)
            .filter(|&e| st.events[e].loc == Some(l) && st.events[e].kind.is_read())
            .collect();
        if writes.len() > MAX_WRITES_PER_LOC {
            return Err(too_large(
                test,
                format!(
                    "{} writes to `{lname}` (at most {MAX_WRITES_PER_LOC})",
                    writes.len()
                ),
                event_span(&st.events, writes[MAX_WRITES_PER_LOC]),
            ));
        }
        let mut choices = Vec::new();
        let mut visited = 0usize;
        for perm in permutations(&writes) {
            // CoWW: a thread's own writes keep their program order in co.
            let ok = perm
                .iter()
                .enumerate()
                .all(|(i, &a)| perm[i + 1..].iter().all(|&b| !po_before(b, a)));
            if !ok {
                continue;
            }
            let mut co = vec![l];
            co.extend(perm);
            let mut pos = vec![usize::MAX; n];
            for (i, &w) in co.iter().enumerate() {
                pos[w] = i;
            }
            // Allowed sources per read, from its own thread's accesses (CoWR, CoRW).
            let mut rf: Vec<(usize, usize)> = Vec::new();
            let complete = assign_reads(&reads, 0, &co, &pos, st, &po_before, &mut rf, &mut |rf| {
                visited += 1;
                if loc_coherent(st, l, &co, rf, &po_before) {
                    choices.push(LocChoice {
                        co: co.clone(),
                        rf: rf.to_vec(),
                    });
                }
                visited <= MAX_CANDIDATES
            });
            if !complete {
                return Err(too_large(
                    test,
                    format!(
                        "more than {MAX_CANDIDATES} reads-from and coherence choices for `{lname}`"
                    ),
                    reads.first().and_then(|&r| event_span(&st.events, r)),
                ));
            }
        }
        per_loc.push(choices);
    }

    let total: usize = per_loc
        .iter()
        .try_fold(1usize, |acc, c| acc.checked_mul(c.len()))
        .unwrap_or(usize::MAX);
    if total > MAX_CANDIDATES {
        return Err(too_large(
            test,
            format!("more than {MAX_CANDIDATES} candidate executions"),
            None,
        ));
    }
    if total == 0 {
        return Ok(());
    }
    let mut idx = vec![0usize; locs.len()];
    loop {
        let mut rf = vec![usize::MAX; n];
        let mut co = Vec::with_capacity(locs.len());
        for (l, &i) in idx.iter().enumerate() {
            let c = &per_loc[l][i];
            for &(r, w) in &c.rf {
                rf[r] = w;
            }
            co.push(c.co.clone());
        }
        if let Some(c) = run(init, st, observables, locs, names, si, rf, co) {
            out.push(c);
        }
        // Next combination.
        let mut l = 0;
        loop {
            if l == idx.len() {
                return Ok(());
            }
            idx[l] += 1;
            if idx[l] < per_loc[l].len() {
                break;
            }
            idx[l] = 0;
            l += 1;
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn assign_reads(
    reads: &[usize],
    k: usize,
    co: &[usize],
    pos: &[usize],
    st: &Structure,
    po_before: &dyn Fn(usize, usize) -> bool,
    rf: &mut Vec<RfPair>,
    emit: &mut dyn FnMut(&[RfPair]) -> bool,
) -> bool {
    if k == reads.len() {
        return emit(rf);
    }
    let r = reads[k];
    let cands: Vec<usize> = if st.events[r].kind == Kind::Rmw {
        // Atomicity: a read-modify-write reads its immediate co predecessor.
        vec![co[pos[r] - 1]]
    } else {
        // lo: own earlier writes (CoWR) and own earlier reads' sources (CoRR);
        // hi: own later writes (CoRW).
        let mut lo = 0;
        let mut hi = co.len();
        for &w in &co[1..] {
            if po_before(w, r) {
                lo = lo.max(pos[w]);
            } else if po_before(r, w) {
                hi = hi.min(pos[w]);
            }
        }
        for &(r2, w2) in rf.iter() {
            if po_before(r2, r) {
                lo = lo.max(pos[w2]);
            }
            if st.events[r2].kind == Kind::Rmw && po_before(r2, r) {
                lo = lo.max(pos[r2]);
            }
        }
        if lo >= hi {
            vec![]
        } else {
            co[lo..hi].to_vec()
        }
    };
    for w in cands {
        rf.push((r, w));
        let go_on = assign_reads(reads, k + 1, co, pos, st, po_before, rf, emit);
        rf.pop();
        if !go_on {
            return false;
        }
    }
    true
}

/// SC per location for one location: acyclic(po-loc ∪ rf ∪ co ∪ fr).
fn loc_coherent(
    st: &Structure,
    l: usize,
    co: &[usize],
    rf: &[(usize, usize)],
    po_before: &dyn Fn(usize, usize) -> bool,
) -> bool {
    let n = st.events.len();
    let mut r = Rel::empty(n);
    let evs: Vec<usize> = (0..n).filter(|&e| st.events[e].loc == Some(l)).collect();
    for &a in &evs {
        for &b in &evs {
            if po_before(a, b) {
                r.add(a, b);
            }
        }
    }
    for (i, &a) in co.iter().enumerate() {
        for &b in &co[i + 1..] {
            r.add(a, b);
        }
    }
    for &(rd, w) in rf {
        r.add(w, rd);
        let p = co.iter().position(|&x| x == w).unwrap_or(0);
        for &b in &co[p + 1..] {
            if b != rd {
                r.add(rd, b);
            }
        }
    }
    r.is_acyclic()
}
