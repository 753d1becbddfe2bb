//! The criterion versions of `orderlab claims`' benchmarks (the performance claims C29-C41):
//! the lab map, std's HashMap behind an RwLock and dashmap at 100 / 100 k / 5 M keys with 0,
//! 2 and 30 % writes; an 80/20 read/write mix; a dashmap shard-count sweep; contended inserts
//! of colliding keys under a constant hasher; and the cost of the writes right after a
//! doubling starts, by table size.
//!
//! `cargo bench --bench claims` (several minutes: the 5 M-key maps take a few seconds each to
//! build). `orderlab claims` measures the same things in-process with small budgets; these
//! are the careful measurements. Thread counts: 1 and 2 (this project's machine has 2 cores);
//! `ORDERLAB_BENCH_THREADS` adds another.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::hint::black_box;
use std::sync::{Barrier, RwLock};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use dashmap::DashMap;
use orderlab::map::ConcurrentMap;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Every key hashes alike: one bucket holds them all.
#[derive(Default)]
struct ConstHasher;
impl Hasher for ConstHasher {
    fn finish(&self) -> u64 {
        0xab << 56
    }
    fn write(&mut self, _: &[u8]) {}
}

fn thread_counts() -> Vec<usize> {
    let mut v = vec![1, 2];
    if let Some(n) = std::env::var("ORDERLAB_BENCH_THREADS")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        v.push(n);
    }
    v
}

/// `ops` operations on each of `t` threads started together; the slowest thread's time.
fn on_threads(t: usize, ops: u64, op: &(dyn Fn(usize, u64) + Sync)) -> Duration {
    let barrier = Barrier::new(t);
    std::thread::scope(|s| {
        let hs: Vec<_> = (0..t)
            .map(|th| {
                let barrier = &barrier;
                s.spawn(move || {
                    barrier.wait();
                    let t0 = Instant::now();
                    for i in 0..ops {
                        op(th, i);
                    }
                    t0.elapsed()
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).max().unwrap()
    })
}

const OPS: u64 = 20_000;

/// A mix of gets and inserts (`writes` percent) over `keys` keys, on each design.
fn sizes_and_mixes(c: &mut Criterion) {
    for keys in [100u64, 100_000, 5_000_000] {
        let lab: ConcurrentMap<u64, u64> = ConcurrentMap::with_capacity(keys as usize);
        let rw = RwLock::new(HashMap::with_capacity(keys as usize));
        let dash: DashMap<u64, u64> = DashMap::with_capacity(keys as usize);
        for k in 0..keys {
            lab.insert(k, k);
            rw.write().unwrap().insert(k, k);
            dash.insert(k, k);
        }
        for writes in [0u64, 2, 20, 30] {
            for t in thread_counts() {
                let mut g = c.benchmark_group(format!("claims/{keys}keys/{writes}pct/t{t}"));
                g.throughput(Throughput::Elements(OPS * t as u64));
                let pick = move |th: usize, i: u64| {
                    let x = Rng(i.wrapping_mul(0x9e37_79b9_7f4a_7c15) | (th as u64 + 1)).next();
                    (x % keys, x % 100 < writes)
                };
                g.bench_function("orderlab", |b| {
                    b.iter_custom(|n| {
                        (0..n)
                            .map(|_| {
                                on_threads(t, OPS, &|th, i| match pick(th, i) {
                                    (k, true) => {
                                        lab.insert(k, i);
                                    }
                                    (k, false) => {
                                        black_box(lab.get(&k));
                                    }
                                })
                            })
                            .sum()
                    })
                });
                g.bench_function("std-rwlock", |b| {
                    b.iter_custom(|n| {
                        (0..n)
                            .map(|_| {
                                on_threads(t, OPS, &|th, i| match pick(th, i) {
                                    (k, true) => {
                                        rw.write().unwrap().insert(k, i);
                                    }
                                    (k, false) => {
                                        black_box(rw.read().unwrap().get(&k).copied());
                                    }
                                })
                            })
                            .sum()
                    })
                });
                g.bench_function("dashmap", |b| {
                    b.iter_custom(|n| {
                        (0..n)
                            .map(|_| {
                                on_threads(t, OPS, &|th, i| match pick(th, i) {
                                    (k, true) => {
                                        dash.insert(k, i);
                                    }
                                    (k, false) => {
                                        black_box(dash.get(&k).map(|v| *v));
                                    }
                                })
                            })
                            .sum()
                    })
                });
                g.finish();
            }
        }
    }
}

/// dashmap's throughput against its shard count (C37): inserts and removes.
fn shard_sweep(c: &mut Criterion) {
    let t = *thread_counts().last().unwrap_or(&2);
    let mut g = c.benchmark_group(format!("claims/dashmap-shards/t{t}"));
    g.throughput(Throughput::Elements(OPS * t as u64));
    for shards in [4usize, 16, 64, 256] {
        let d: DashMap<u64, u64> = DashMap::with_capacity_and_shard_amount(1 << 16, shards);
        g.bench_function(format!("{shards}"), |b| {
            b.iter_custom(|n| {
                (0..n)
                    .map(|_| {
                        on_threads(t, OPS, &|th, i| {
                            let k = Rng(i ^ ((th as u64) << 40) | 1).next() % 65_536;
                            if i % 2 == 0 {
                                d.insert(k, i);
                            } else {
                                d.remove(&k);
                            }
                        })
                    })
                    .sum()
            })
        });
    }
    g.finish();
}

/// Inserts of 8 colliding keys (i % 8) under a constant hasher, 1 and 2 threads (C29).
fn contended_collisions(c: &mut Criterion) {
    for t in thread_counts() {
        let mut g = c.benchmark_group(format!("claims/collide/t{t}"));
        g.throughput(Throughput::Elements(OPS * t as u64));
        let m: ConcurrentMap<u64, u64, BuildHasherDefault<ConstHasher>> = ConcurrentMap::default();
        g.bench_function("orderlab", |b| {
            b.iter_custom(|n| {
                (0..n)
                    .map(|_| {
                        on_threads(t, OPS, &|_, i| {
                            m.insert(i % 8, i);
                        })
                    })
                    .sum()
            })
        });
        g.finish();
    }
}

/// The 64 writes right after a doubling starts, by table size (C36's analogue): each write
/// evacuates at most two old buckets, whatever the size.
fn growth_steps(c: &mut Criterion) {
    let mut g = c.benchmark_group("claims/growth-64-writes");
    for bits in [10u32, 13, 16] {
        let cap = u64::from(13u32 << bits) / 2;
        g.bench_function(format!("2^{bits}"), |b| {
            b.iter_batched(
                || {
                    let m: ConcurrentMap<u64, u64> = ConcurrentMap::new();
                    for k in 0..=cap {
                        m.insert(k, k);
                    }
                    m
                },
                |m| {
                    for k in 0..64 {
                        m.insert(cap + 1 + k, k);
                    }
                    m
                },
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(1))
}

criterion_group! {
    name = benches;
    config = config();
    targets = contended_collisions, shard_sweep, growth_steps, sizes_and_mixes
}
criterion_main!(benches);
