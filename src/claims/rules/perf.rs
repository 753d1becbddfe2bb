//! Rules of the performance claims (C29-C41). Go's figures cannot be measured in a Rust lab;
//! where a claim has a direction a Rust analogue can test (faster, slower, linear), the
//! analogue decides that part and says it is an analogue.

use super::{part, untestable, Got, PartVerdict as P, R};

pub(super) fn rule(id: &str) -> Option<fn(&mut R) -> Vec<P>> {
    Some(match id {
        "C29" => c29,
        "C30" => c30,
        "C31" => c31,
        "C32" => c32,
        "C33" => c33,
        "C34" => c34,
        "C35" => c35,
        "C36" => c36,
        "C37" => c37,
        "C38" => c38,
        "C39" => c39,
        "C40" => c40,
        "C41" => c41,
        _ => return None,
    })
}

const GO_FIGURE: &str = "a figure measured on Go's runtime: not reproducible in a Rust lab";

/// The fact's first line, set as the deciding figure (measured on this machine).
fn lead(r: &mut R, key: &str) -> Got<String> {
    let l = r.fact(key)?.lines.first().cloned().unwrap_or_default();
    r.figure(l.clone(), "this machine (in-process benchmark)");
    r.weak_if_busy(key);
    Ok(l)
}

impl R<'_> {
    /// A comparison of two timings within 10% of each other is inside this machine's noise:
    /// the direction it decides is weak evidence.
    fn margin(&mut self, what: &str, a: f64, b: f64) {
        let (lo, hi) = (a.min(b), a.max(b));
        if hi < lo * 1.1 {
            self.weak(format!(
                "{what}: {a:.1} against {b:.1} ns, within 10% (this machine's run-to-run noise)"
            ));
        }
    }

    /// Timings taken while the machine was busy are weaker evidence.
    fn weak_if_busy(&mut self, key: &str) {
        if let Ok(Some(b)) = self.item(key).map(|i| i.busy()) {
            self.weak(format!("{key}: {b}; timings move under load"));
        }
    }
}

fn c29(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let l = lead(r, "bench:collide")?;
        let (one, many) = (
            r.num("bench:collide", "ns_1")?,
            r.num("bench:collide", "ns_n")?,
        );
        Ok(P::judged(
            many > one,
            format!(
                "Go's 8.2 / 217.6 ns are {GO_FIGURE}; the direction holds on the analogue: {l}"
            ),
            format!("Go's figures are {GO_FIGURE}; on the analogue contended inserts were not slower: {l}"),
        ))
    });
    let p2 = part(r, |r| {
        let ov = r.num("map:bucket", "collide_max_overflow")?;
        let l = r
            .fact("map:bucket")?
            .lines
            .get(1)
            .cloned()
            .unwrap_or_default();
        Ok(P::judged(
            ov >= 5.0,
            format!("{ov} overflow buckets"),
            format!(
                "{l}: 8 distinct keys (i % 8) fit in one bucket of 8 slots; 5 overflow buckets \
                 of live keys need more than 40 distinct keys in one chain"
            ),
        ))
    });
    r.change("With 48+ distinct colliding keys there would be 5+ overflow buckets; Go's latencies need Go.");
    vec![
        p1,
        p2,
        untestable("Go's runtime throw (concurrent map writes); the lab map serializes writers"),
    ]
}

fn c30(r: &mut R) -> Vec<P> {
    let note = part(r, |r| {
        let (rel, sc) = (r.run("map.grow+relaxed")?, r.run("map.grow+seqcst")?);
        let l = lead(r, "bench:growth")?;
        Ok(P::untestable(format!(
            "{GO_FIGURE}. The analogue: {}; {}; {l}",
            rel.figure(),
            sc.figure()
        )))
    });
    let go = P::untestable(GO_FIGURE);
    vec![note, go.clone(), go]
}

fn c31(r: &mut R) -> Vec<P> {
    let p3 = part(r, |r| {
        let l = lead(r, "bench:store-cost")?;
        let (rlx, sc) = (
            r.num("bench:store-cost", "relaxed")?,
            r.num("bench:store-cost", "seqcst")?,
        );
        Ok(P::judged(
            sc <= rlx,
            "stores without barriers were slower than with them",
            format!(
                "{l}: a missing barrier saves cycles ({:.1}x), it does not cost 38%; the perf \
                 counters cannot verify a missing barrier",
                sc / rlx
            ),
        ))
    });
    vec![untestable(GO_FIGURE), untestable(GO_FIGURE), p3]
}

fn c32(r: &mut R) -> Vec<P> {
    let p3 = part(r, |r| {
        let l = lead(r, "bench:mix")?;
        let (lab, rw) = (r.num("bench:mix", "lab")?, r.num("bench:mix", "rwlock")?);
        r.margin("lab map against RwLock<HashMap> at 80/20", lab, rw);
        Ok(P::judged(
            lab < rw,
            format!(
                "on the Rust analogue (the lab map's lock-free reads for sync.Map's) the \
                 lock-free-read map took {:.0}% less time per operation: {l}",
                100.0 * (1.0 - lab / rw)
            ),
            format!("on the Rust analogue the RwLock map was faster: {l}"),
        ))
    });
    r.change("Go's numbers need Go; the analogue's ratio moves with thread count and load.");
    vec![untestable(GO_FIGURE), untestable(GO_FIGURE), p3]
}

fn c33(r: &mut R) -> Vec<P> {
    let p = part(r, |r| {
        let l = lead(r, "map:no-lock-get")?;
        Ok(P::untestable(format!(
            "sync.Map's share is {GO_FIGURE}. The analogue: {l}"
        )))
    });
    vec![p.clone(), p]
}

fn c34(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let l = lead(r, "bench:read-scaling")?;
        let (rw1, rwn) = (
            r.num("bench:read-scaling", "rw_1")?,
            r.num("bench:read-scaling", "rw_n")?,
        );
        let (lab1, labn) = (
            r.num("bench:read-scaling", "lab_1")?,
            r.num("bench:read-scaling", "lab_n")?,
        );
        let (g_rw, g_lab) = (rwn / rw1, labn / lab1);
        r.margin(
            "RwLock<HashMap> per-get cost, 1 against 2 threads",
            rw1,
            rwn,
        );
        r.margin(
            "per-read slowdown, RwLock against lock-free",
            g_rw * 100.0,
            g_lab * 100.0,
        );
        Ok(P::judged(
            g_rw > 1.1 && g_rw > g_lab,
            format!(
                "read locks cost more per read as readers are added ({g_rw:.2}x against the lock-free \
                 map's {g_lab:.2}x): readers contend on the lock word's cache line. {l}"
            ),
            format!("read locks did not slow down more than lock-free reads: {l}"),
        ))
    });
    r.change("More cores widen the gap; on this machine's few cores the effect is small.");
    vec![
        p1,
        untestable("the Go scheduler's share of the cost is Go's"),
    ]
}

fn c35(r: &mut R) -> Vec<P> {
    let p = part(r, |r| {
        let l = lead(r, "bench:growth")?;
        Ok(P::untestable(format!("{GO_FIGURE}. The analogue: {l}")))
    });
    vec![p.clone(), p.clone(), p]
}

fn c36(r: &mut R) -> Vec<P> {
    let p = part(r, |r| {
        let l = lead(r, "bench:growth")?;
        Ok(P::untestable(format!(
            "sync.Map's internals are Go's. The analogue (incremental evacuation, whose step cost \
             does not depend on the table's size): {l}"
        )))
    });
    vec![p.clone(), p.clone(), p]
}

fn c37(r: &mut R) -> Vec<P> {
    let p2 = part(r, |r| {
        let l = lead(r, "bench:shards")?;
        let (a, b) = (
            r.num("bench:shards", "ops_4")?,
            r.num("bench:shards", "ops_256")?,
        );
        let t = r.num("bench:shards", "threads")?;
        Ok(P::judged(
            b / a > 32.0,
            format!("throughput grew {:.1}x from 4 to 256 shards", b / a),
            format!(
                "{l}: with {t} threads at most {t} shards are busy at once, so more shards cannot \
                 scale throughput linearly; they only lower the chance that two writers collide"
            ),
        ))
    });
    r.change("More threads (and cores) than shards is the only regime where adding shards helps much, and then only up to the thread count.");
    vec![
        untestable("a design statement about per-shard locks (true by construction for dashmap), not measured"),
        p2,
    ]
}

fn c38(_: &mut R) -> Vec<P> {
    let p = untestable(
        "the article's graph traversal workload is not described well enough to re-create",
    );
    vec![p.clone(), p]
}

fn c39(r: &mut R) -> Vec<P> {
    let cmp = |r: &mut R, keys: u64, w: u64, rw_faster: bool| -> Got<P> {
        lead(r, "bench:sizes")?;
        let f = r.fact("bench:sizes")?;
        let get = |d: &str| f.values.get(&format!("{d}_{keys}_{w}")).copied();
        let (lab, rw) = match (get("lab"), get("rw")) {
            (Some(a), Some(b)) => (a, b),
            _ => {
                return Ok(P::pending(format!(
                    "{keys} keys are measured only without --quick"
                )))
            }
        };
        let ok = if rw_faster { rw < lab } else { lab < rw };
        r.margin(&format!("{keys} keys, {w}% writes"), rw, lab);
        Ok(P::judged(
            ok,
            format!(
                "analogue at {keys} keys, {w}% writes: RwLock<HashMap> {rw:.1} ns/op, lab map \
                 {lab:.1} ns/op"
            ),
            format!(
                "analogue at {keys} keys, {w}% writes: RwLock<HashMap> {rw:.1} ns/op, lab map \
                 {lab:.1} ns/op (the other way round)"
            ),
        ))
    };
    let p1 = part(r, |r| cmp(r, 100, 2, true));
    let p2 = part(r, |r| cmp(r, 100_000, 30, false));
    let p3 = part(r, |r| cmp(r, 5_000_000, 0, true));
    r.change("Go's sync.Map is not the lab map: each part is decided on the analogue's direction only, and the ratios move with threads, cores and load.");
    vec![p1, p2, p3]
}

fn c40(r: &mut R) -> Vec<P> {
    let p2 = part(r, |r| {
        let l = lead(r, "bench:read-scaling")?;
        let (lab, rw) = (
            r.num("bench:read-scaling", "lab_n")?,
            r.num("bench:read-scaling", "rw_n")?,
        );
        r.margin("RwLock<HashMap> against lock-free reads", rw, lab);
        Ok(P::judged(
            rw < lab,
            format!("on the analogue RwLock<HashMap> reads were faster: {l}"),
            format!(
                "on the analogue the lock-free map's reads were {:.2}x faster than \
                 RwLock<HashMap>'s: {l}",
                rw / lab
            ),
        ))
    });
    vec![
        untestable(GO_FIGURE),
        p2,
        untestable("a single allocation figure of Go's runtime"),
    ]
}

fn c41(r: &mut R) -> Vec<P> {
    let vals = |r: &mut R| -> Got<[f64; 6]> {
        let mut v = [0.0; 6];
        for (i, k) in [
            "lab_read",
            "rw_read",
            "dash_read",
            "lab_write",
            "rw_write",
            "dash_write",
        ]
        .iter()
        .enumerate()
        {
            v[i] = r.num("bench:designs", k)?;
        }
        Ok(v)
    };
    let p1 = part(r, |r| {
        let l = lead(r, "bench:designs")?;
        let [lr, rr, dr, lw, rw, dw] = vals(r)?;
        r.margin("gets, lab map against RwLock<HashMap>", lr, rr);
        r.margin("gets, dashmap against RwLock<HashMap>", dr, rr);
        r.margin("gets, lab map against dashmap", lr, dr);
        r.margin("inserts, dashmap against the lab map", dw, lw);
        Ok(P::judged(
            lr <= rr.min(dr) && lw >= rw.max(dw),
            format!("lock-free reads are the fastest and writes the dearest: {l}"),
            format!(
                "the lock-free-read map: gets {lr:.1} ns (fastest: {}), inserts {lw:.1} ns \
                 (dearest: {})",
                lr <= rr.min(dr),
                lw >= rw.max(dw)
            ),
        ))
    });
    let p2 = part(r, |r| {
        let [lr, rr, _, lw, rw, _] = vals(r)?;
        Ok(P::judged(
            rr > lr && rw < lw,
            format!("RwLock<HashMap>: gets {rr:.1} ns (slower than {lr:.1}), inserts {rw:.1} ns (cheaper than {lw:.1})"),
            format!("RwLock<HashMap>: gets {rr:.1} ns against {lr:.1}, inserts {rw:.1} ns against {lw:.1}"),
        ))
    });
    let p3 = part(r, |r| {
        let [_, rr, dr, lw, _, dw] = vals(r)?;
        Ok(P::judged(
            dr <= rr && dw < lw,
            format!("dashmap: gets {dr:.1} ns (RwLock {rr:.1}), inserts {dw:.1} ns (lab map {lw:.1})"),
            format!("dashmap: gets {dr:.1} ns against RwLock's {rr:.1}, inserts {dw:.1} ns against the lab map's {lw:.1}"),
        ))
    });
    r.change("Decided on Rust analogues at this machine's thread count; Go's sync.Map is not the lab map.");
    vec![p1, p2, p3]
}
