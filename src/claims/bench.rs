//! Benchmarks measured in-process with a small budget (`--quick`) or a larger one: ratios
//! between the lab map, `RwLock<HashMap>` and dashmap, and between orderings. The criterion
//! benches in `benches/` are the full versions. Timings are this machine's, under its load:
//! a figure names both, and no test asserts a speed.

use super::evidence::FactEv;
use super::mapfacts::{Const, Rng};
use crate::map::ConcurrentMap;
use dashmap::DashMap;
use std::collections::HashMap;
use std::hint::black_box;
use std::sync::atomic::{fence, AtomicU64, Ordering};
use std::sync::RwLock;
use std::time::{Duration, Instant};

/// How long each measurement runs.
#[derive(Clone, Copy)]
pub(crate) struct Budget {
    pub per: Duration,
    pub quick: bool,
}

/// Threads for contended measurements: every CPU, at least 2, at most 8.
pub(crate) fn threads() -> usize {
    crate::machine::cpus().clamp(2, 8)
}

/// Run `op(thread, i)` on `t` threads for `dur`: nanoseconds per operation as one thread
/// sees it (wall time × threads / operations).
fn per_op(t: usize, dur: Duration, op: &(dyn Fn(usize, u64) + Sync)) -> f64 {
    let total = AtomicU64::new(0);
    let start = Instant::now();
    std::thread::scope(|s| {
        for th in 0..t {
            let total = &total;
            s.spawn(move || {
                let mut i = 0u64;
                while start.elapsed() < dur {
                    for _ in 0..64 {
                        op(th, i);
                        i += 1;
                    }
                }
                // Relaxed: a sum read after the scope joins.
                total.fetch_add(i, Ordering::Relaxed);
            });
        }
    });
    let el = start.elapsed().as_nanos() as f64;
    // Relaxed: read after the join.
    el * t as f64 / total.load(Ordering::Relaxed).max(1) as f64
}

/// The three designs a benchmark compares.
struct Maps {
    lab: ConcurrentMap<u64, u64>,
    rw: RwLock<HashMap<u64, u64>>,
    dash: DashMap<u64, u64>,
}

impl Maps {
    fn new(keys: u64) -> Maps {
        let m = Maps {
            lab: ConcurrentMap::with_capacity(keys as usize),
            rw: RwLock::new(HashMap::with_capacity(keys as usize)),
            dash: DashMap::with_capacity(keys as usize),
        };
        let mut w = m.rw.write().unwrap_or_else(|e| e.into_inner());
        for k in 0..keys {
            m.lab.insert(k, k);
            w.insert(k, k);
            m.dash.insert(k, k);
        }
        drop(w);
        m
    }

    /// ns/op of each design for a mix with `writes` percent writes over `keys` keys.
    fn mix(&self, keys: u64, writes: u64, t: usize, b: Budget) -> [f64; 3] {
        let key = |th: usize, i: u64| {
            let mut r = Rng(i.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (th as u64 + 1));
            let k = r.next();
            (k % keys, k % 100 < writes)
        };
        let lab = per_op(t, b.per, &|th, i| {
            let (k, w) = key(th, i);
            if w {
                self.lab.insert(k, i);
            } else {
                black_box(self.lab.get(&k));
            }
        });
        let rw = per_op(t, b.per, &|th, i| {
            let (k, w) = key(th, i);
            if w {
                self.rw
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(k, i);
            } else {
                black_box(
                    self.rw
                        .read()
                        .unwrap_or_else(|e| e.into_inner())
                        .get(&k)
                        .copied(),
                );
            }
        });
        let dash = per_op(t, b.per, &|th, i| {
            let (k, w) = key(th, i);
            if w {
                self.dash.insert(k, i);
            } else {
                black_box(self.dash.get(&k).map(|v| *v));
            }
        });
        [lab, rw, dash]
    }
}

const DESIGNS: [&str; 3] = ["orderlab map", "RwLock<HashMap>", "dashmap"];

fn row(label: String, ns: &[f64]) -> Vec<String> {
    let mut r = vec![label];
    r.extend(ns.iter().map(|x| format!("{x:.1}")));
    r
}

/// The named benchmark, or why there is none.
pub(crate) fn bench(name: &str, b: Budget) -> Result<FactEv, String> {
    let t = threads();
    let mut f = FactEv::default();
    match name {
        "collide" => {
            let m: ConcurrentMap<u64, u64, Const> = ConcurrentMap::with_hasher(Const::default());
            let one = per_op(1, b.per, &|_, i| {
                m.insert(i % 8, i);
            });
            let many = per_op(t, b.per, &|_, i| {
                m.insert(i % 8, i);
            });
            f.set("ns_1", one);
            f.set("ns_n", many);
            f.set("threads", t as f64);
            f.set("overflow", m.lab_shape().overflow as f64);
            f.line(format!(
                "inserting 8 colliding keys (constant hasher, i % 8): {one:.1} ns per insert on 1 \
                 thread, {many:.1} ns per insert per thread on {t} threads ({:.1}x); {} overflow \
                 buckets",
                many / one,
                m.lab_shape().overflow
            ));
        }
        "store-cost" => {
            let x = AtomicU64::new(0);
            let mut ns = Vec::new();
            type Op<'a> = &'a (dyn Fn(usize, u64) + Sync);
            let ops: [(&str, Op); 4] = [
                ("Relaxed store (mov)", &|_, i| {
                    // Relaxed: the ordering whose cost is measured.
                    x.store(i, Ordering::Relaxed)
                }),
                ("Release store (mov)", &|_, i| {
                    // Release: the ordering whose cost is measured.
                    x.store(i, Ordering::Release)
                }),
                ("SeqCst store (xchg on x86)", &|_, i| {
                    // SeqCst: the ordering whose cost is measured.
                    x.store(i, Ordering::SeqCst)
                }),
                ("Relaxed store + SeqCst fence", &|_, i| {
                    // Relaxed, then a SeqCst fence: the barrier whose cost is measured.
                    x.store(i, Ordering::Relaxed);
                    // SeqCst: the fence measured.
                    fence(Ordering::SeqCst);
                }),
            ];
            let mut rows = Vec::new();
            for (label, op) in ops {
                let v = per_op(1, b.per, op);
                ns.push(v);
                rows.push(row(label.to_string(), &[v]));
            }
            f.set("relaxed", ns[0]);
            f.set("release", ns[1]);
            f.set("seqcst", ns[2]);
            f.set("fence", ns[3]);
            f.table = Some((vec!["store".into(), "ns per store".into()], rows));
            f.line(format!(
                "one thread: Relaxed store {:.2} ns, Release {:.2} ns, SeqCst {:.2} ns ({:.1}x \
                 Relaxed), Relaxed + SeqCst fence {:.2} ns: barriers cost cycles, their absence \
                 does not",
                ns[0],
                ns[1],
                ns[2],
                ns[2] / ns[0],
                ns[3]
            ));
        }
        "mix" => {
            let keys = 10_000;
            let m = Maps::new(keys);
            let v = m.mix(keys, 20, t, b);
            for (k, x) in ["lab", "rwlock", "dash"].iter().zip(v) {
                f.set(k, x);
            }
            f.table = Some((
                ["workload"]
                    .iter()
                    .chain(&DESIGNS)
                    .map(|s| s.to_string())
                    .collect(),
                vec![row(
                    format!("80% get / 20% insert, {keys} keys, {t} threads (ns/op)"),
                    &v,
                )],
            ));
            f.line(format!(
                "80% reads / 20% writes, {keys} u64 keys, {t} threads: orderlab map {:.1} ns/op, \
                 RwLock<HashMap> {:.1}, dashmap {:.1}",
                v[0], v[1], v[2]
            ));
        }
        "read-scaling" => {
            let keys = 10_000;
            let m = Maps::new(keys);
            let r1 = m.mix(keys, 0, 1, b);
            let rn = m.mix(keys, 0, t, b);
            f.set("lab_1", r1[0]);
            f.set("rw_1", r1[1]);
            f.set("lab_n", rn[0]);
            f.set("rw_n", rn[1]);
            f.set("threads", t as f64);
            f.table = Some((
                ["readers"]
                    .iter()
                    .chain(&DESIGNS)
                    .map(|s| s.to_string())
                    .collect(),
                vec![
                    row("1 thread (ns/get)".into(), &r1),
                    row(format!("{t} threads (ns/get per thread)"), &rn),
                ],
            ));
            f.line(format!(
                "gets only, {keys} keys: RwLock<HashMap> {:.1} ns on 1 thread, {:.1} ns per get \
                 per thread on {t} ({:.2}x); orderlab map (no lock) {:.1} → {:.1} ns ({:.2}x)",
                r1[1],
                rn[1],
                rn[1] / r1[1],
                r1[0],
                rn[0],
                rn[0] / r1[0]
            ));
        }
        "growth" => growth(&mut f, b),
        "shards" => {
            let mut rows = Vec::new();
            let mut first = f64::NAN;
            for n in [4usize, 16, 64, 256] {
                let d: DashMap<u64, u64> = DashMap::with_capacity_and_shard_amount(1 << 16, n);
                let ns = per_op(t, b.per, &|th, i| {
                    let k = Rng(i ^ ((th as u64) << 40) | 1).next() % 65_536;
                    if i % 2 == 0 {
                        d.insert(k, i);
                    } else {
                        d.remove(&k);
                    }
                });
                let ops = t as f64 * 1e9 / ns;
                if first.is_nan() {
                    first = ops;
                }
                f.set(&format!("ops_{n}"), ops);
                rows.push(vec![
                    n.to_string(),
                    format!("{:.2}", ops / 1e6),
                    format!("{:.2}x", ops / first),
                ]);
            }
            f.set("threads", t as f64);
            f.line(format!(
                "dashmap, inserts and removes on {t} threads: throughput at 256 shards is {:.2}x \
                 that at 4 (linear would be 64x)",
                f.values["ops_256"] / f.values["ops_4"]
            ));
            f.table = Some((
                vec!["shards".into(), "M ops/s".into(), "vs 4 shards".into()],
                rows,
            ));
        }
        "sizes" => sizes(&mut f, t, b),
        "designs" => {
            let keys = 10_000;
            let m = Maps::new(keys);
            let reads = m.mix(keys, 0, t, b);
            let writes = m.mix(keys, 100, t, b);
            for (i, k) in ["lab", "rw", "dash"].iter().enumerate() {
                f.set(&format!("{k}_read"), reads[i]);
                f.set(&format!("{k}_write"), writes[i]);
            }
            f.table = Some((
                ["operation"]
                    .iter()
                    .chain(&DESIGNS)
                    .map(|s| s.to_string())
                    .collect(),
                vec![
                    row(format!("get, {t} threads (ns/op)"), &reads),
                    row(format!("insert, {t} threads (ns/op)"), &writes),
                ],
            ));
            f.line(format!(
                "{t} threads, {keys} keys: gets {:.1} / {:.1} / {:.1} ns, inserts {:.1} / {:.1} / \
                 {:.1} ns (orderlab map / RwLock<HashMap> / dashmap)",
                reads[0], reads[1], reads[2], writes[0], writes[1], writes[2]
            ));
        }
        other => return Err(format!("no benchmark `{other}`")),
    }
    Ok(f)
}

/// Insert latency during a doubling against outside it, and the cost of one evacuation step
/// by table size.
fn growth(f: &mut FactEv, b: Budget) {
    let m: ConcurrentMap<u64, u64> = ConcurrentMap::new();
    let n = if b.quick { 1 << 15 } else { 1 << 18 };
    let (mut g, mut q) = (Vec::new(), Vec::new());
    for k in 0..n {
        let t0 = Instant::now();
        m.insert(k, k);
        let d = t0.elapsed().as_nanos() as f64;
        if m.lab_growing() {
            g.push(d);
        } else {
            q.push(d);
        }
    }
    let stat = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let mean = v.iter().sum::<f64>() / v.len().max(1) as f64;
        (mean, v.last().copied().unwrap_or(f64::NAN))
    };
    let ((gm, gx), (qm, qx)) = (stat(&mut g), stat(&mut q));
    f.set("insert_growing_mean", gm);
    f.set("insert_growing_max", gx);
    f.set("insert_quiet_mean", qm);
    f.set("insert_quiet_max", qx);
    // One evacuation step (2 old buckets) at three table sizes.
    let mut rows = Vec::new();
    for bits in if b.quick {
        [8u32, 11, 14]
    } else {
        [10u32, 14, 17]
    } {
        // The insert that takes the count past 6.5 x 2^bits starts doubling to 2^(bits+1).
        let m: ConcurrentMap<u64, u64> = ConcurrentMap::new();
        let cap = u64::from(13u32 << bits) / 2;
        for k in 0..cap {
            m.insert(k, k);
        }
        let t0 = Instant::now();
        m.insert(cap, cap);
        let start = t0.elapsed().as_nanos() as f64;
        let steps = 64u64.min(1 << bits);
        let t0 = Instant::now();
        for s in 0..steps {
            m.lab_grow_work(s.wrapping_mul(0x9e37_79b9));
        }
        let ns = t0.elapsed().as_nanos() as f64 / steps as f64;
        f.set(&format!("start_ns_{bits}"), start);
        f.set(&format!("step_ns_{bits}"), ns);
        rows.push(vec![
            format!("2^{bits} old buckets"),
            format!("{:.1}", start / 1e3),
            format!("{ns:.0}"),
        ]);
    }
    f.line(format!(
        "{n} inserts: mean {gm:.0} ns (max {:.1} µs) while a doubling ran, {qm:.0} ns (max {:.1} \
         µs) otherwise; starting a doubling allocates the new table (time grows with its size), \
         each later evacuation step costs about the same at every size",
        gx / 1e3,
        qx / 1e3
    ));
    f.table = Some((
        vec![
            "table".into(),
            "µs for the insert that starts doubling".into(),
            "ns per evacuation step".into(),
        ],
        rows,
    ));
}

/// The three designs at 100, 100 k and 5 M keys with 0, 2 and 30 % writes.
fn sizes(f: &mut FactEv, t: usize, b: Budget) {
    let mut rows = Vec::new();
    let sizes: &[u64] = if b.quick {
        &[100, 100_000]
    } else {
        &[100, 100_000, 5_000_000]
    };
    for &keys in sizes {
        let m = Maps::new(keys);
        for w in [0u64, 2, 30] {
            let v = m.mix(keys, w, t, b);
            for (k, x) in ["lab", "rw", "dash"].iter().zip(v) {
                f.set(&format!("{k}_{keys}_{w}"), x);
            }
            rows.push(row(format!("{keys} keys, {w}% writes"), &v));
        }
    }
    f.set("threads", t as f64);
    f.line(format!(
        "ns per operation on {t} threads: orderlab map / RwLock<HashMap> / dashmap at {} keys, \
         0, 2 and 30% writes{}",
        sizes
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        if b.quick {
            " (5 M keys only without --quick)"
        } else {
            ""
        }
    ));
    f.table = Some((
        ["workload"]
            .iter()
            .chain(&DESIGNS)
            .map(|s| s.to_string())
            .collect(),
        rows,
    ));
}
