//! Benchmarks of the production map against std's HashMap behind an RwLock, dashmap and papaya,
//! on the conc-map-bench workloads (u64 keys, maps starting empty so growth really happens),
//! plus single-threaded get/insert against std's HashMap.
//!
//! `cargo bench --bench map` (all in one run; sized for a 2-core machine: ~1 minute).
//! Workloads (read / insert / remove / update %): read-heavy 98/1/1/0, exchange 10/40/40/10,
//! rapid-grow 5/80/5/10. Every map uses std's `RandomState`.

use std::collections::HashMap;
use std::hash::RandomState;
use std::hint::black_box;
use std::sync::{Barrier, RwLock};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use orderlab::map::ConcurrentMap;

/// The four operations of a workload, over any map.
trait BenchMap: Send + Sync + 'static {
    const NAME: &'static str;
    fn new() -> Self;
    fn get(&self, k: u64) -> bool;
    fn insert(&self, k: u64, v: u64);
    fn remove(&self, k: u64);
}

impl BenchMap for ConcurrentMap<u64, u64> {
    const NAME: &'static str = "orderlab";
    fn new() -> Self {
        ConcurrentMap::new()
    }
    fn get(&self, k: u64) -> bool {
        ConcurrentMap::get(self, &k).is_some()
    }
    fn insert(&self, k: u64, v: u64) {
        ConcurrentMap::insert(self, k, v);
    }
    fn remove(&self, k: u64) {
        ConcurrentMap::remove(self, &k);
    }
}

impl BenchMap for RwLock<HashMap<u64, u64>> {
    const NAME: &'static str = "std-rwlock";
    fn new() -> Self {
        RwLock::new(HashMap::new())
    }
    fn get(&self, k: u64) -> bool {
        self.read().unwrap().get(&k).is_some()
    }
    fn insert(&self, k: u64, v: u64) {
        self.write().unwrap().insert(k, v);
    }
    fn remove(&self, k: u64) {
        self.write().unwrap().remove(&k);
    }
}

impl BenchMap for dashmap::DashMap<u64, u64, RandomState> {
    const NAME: &'static str = "dashmap";
    fn new() -> Self {
        dashmap::DashMap::with_hasher(RandomState::new())
    }
    fn get(&self, k: u64) -> bool {
        dashmap::DashMap::get(self, &k).is_some()
    }
    fn insert(&self, k: u64, v: u64) {
        dashmap::DashMap::insert(self, k, v);
    }
    fn remove(&self, k: u64) {
        dashmap::DashMap::remove(self, &k);
    }
}

impl BenchMap for papaya::HashMap<u64, u64, RandomState> {
    const NAME: &'static str = "papaya";
    fn new() -> Self {
        papaya::HashMap::with_hasher(RandomState::new())
    }
    fn get(&self, k: u64) -> bool {
        self.pin().get(&k).is_some()
    }
    fn insert(&self, k: u64, v: u64) {
        self.pin().insert(k, v);
    }
    fn remove(&self, k: u64) {
        self.pin().remove(&k);
    }
}

/// A workload mix, in percent.
#[derive(Clone, Copy)]
struct Mix {
    name: &'static str,
    read: u64,
    insert: u64,
    remove: u64,
    // update = the rest
}

const MIXES: [Mix; 3] = [
    Mix {
        name: "read-heavy",
        read: 98,
        insert: 1,
        remove: 1,
    },
    Mix {
        name: "exchange",
        read: 10,
        insert: 40,
        remove: 40,
    },
    Mix {
        name: "rapid-grow",
        read: 5,
        insert: 80,
        remove: 5,
    },
];

/// Operations per thread per run.
const OPS: u64 = 50_000;
/// Keys inserted before the timed part (the map starts empty and grows through them).
const PREFILL: u64 = 2_000;

struct Rng(u64);
impl Rng {
    #[inline]
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// One run: a fresh map, prefilled, then `threads` threads doing `OPS` operations each.
/// Returns the time of the operations only.
fn run<M: BenchMap>(mix: Mix, threads: u64) -> Duration {
    let map = M::new();
    for k in 0..PREFILL {
        map.insert(k, k);
    }
    let barrier = Barrier::new(threads as usize + 1);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (map, barrier) = (&map, &barrier);
                s.spawn(move || {
                    let mut rng = Rng(0x9e37_79b9 + t);
                    // Reads, removes and updates draw from the keys that exist or existed;
                    // inserts add fresh keys (rapid-grow really grows).
                    let mut next = PREFILL + t * OPS;
                    let mut hits = 0u64;
                    barrier.wait();
                    let start = Instant::now();
                    for _ in 0..OPS {
                        let r = rng.next();
                        let p = r % 100;
                        let k = (r >> 8) % next.max(1);
                        if p < mix.read {
                            hits += map.get(k) as u64;
                        } else if p < mix.read + mix.insert {
                            map.insert(next, r);
                            next += 1;
                        } else if p < mix.read + mix.insert + mix.remove {
                            map.remove(k);
                        } else {
                            map.insert(k, r);
                        }
                    }
                    black_box(hits);
                    start.elapsed()
                })
            })
            .collect();
        barrier.wait();
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .max()
            .unwrap()
    })
}

fn workloads(c: &mut Criterion) {
    for mix in MIXES {
        for threads in [1u64, 2] {
            let mut g = c.benchmark_group(format!("{}/t{}", mix.name, threads));
            g.throughput(Throughput::Elements(OPS * threads));
            fn one<M: BenchMap>(
                g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
                mix: Mix,
                threads: u64,
            ) {
                g.bench_function(M::NAME, |b| {
                    b.iter_custom(|iters| (0..iters).map(|_| run::<M>(mix, threads)).sum())
                });
            }
            one::<ConcurrentMap<u64, u64>>(&mut g, mix, threads);
            one::<RwLock<HashMap<u64, u64>>>(&mut g, mix, threads);
            one::<dashmap::DashMap<u64, u64, RandomState>>(&mut g, mix, threads);
            one::<papaya::HashMap<u64, u64, RandomState>>(&mut g, mix, threads);
            g.finish();
        }
    }
}

const SINGLE: u64 = 10_000;

fn single_threaded(c: &mut Criterion) {
    let keys: Vec<u64> = {
        let mut rng = Rng(7);
        (0..SINGLE).map(|_| rng.next()).collect()
    };
    let mut g = c.benchmark_group("single/get");
    g.throughput(Throughput::Elements(SINGLE));
    let ours: ConcurrentMap<u64, u64> = ConcurrentMap::new();
    let mut std_map: HashMap<u64, u64> = HashMap::new();
    for &k in &keys {
        ours.insert(k, k);
        std_map.insert(k, k);
    }
    g.bench_function(BenchmarkId::from_parameter("orderlab"), |b| {
        b.iter(|| {
            let mut s = 0u64;
            for k in &keys {
                s = s.wrapping_add(ours.get(k).unwrap());
            }
            s
        })
    });
    g.bench_function(BenchmarkId::from_parameter("orderlab-pinned"), |b| {
        b.iter(|| {
            let guard = ours.pin_reads();
            let mut s = 0u64;
            for k in &keys {
                s = s.wrapping_add(guard.get(k).unwrap());
            }
            s
        })
    });
    g.bench_function(BenchmarkId::from_parameter("std"), |b| {
        b.iter(|| {
            let mut s = 0u64;
            for k in &keys {
                s = s.wrapping_add(*std_map.get(k).unwrap());
            }
            s
        })
    });
    g.finish();

    let mut g = c.benchmark_group("single/insert");
    g.throughput(Throughput::Elements(SINGLE));
    g.bench_function(BenchmarkId::from_parameter("orderlab"), |b| {
        b.iter(|| {
            let m: ConcurrentMap<u64, u64> = ConcurrentMap::new();
            for &k in &keys {
                m.insert(k, k);
            }
            m
        })
    });
    g.bench_function(BenchmarkId::from_parameter("std"), |b| {
        b.iter(|| {
            let mut m: HashMap<u64, u64> = HashMap::new();
            for &k in &keys {
                m.insert(k, k);
            }
            m
        })
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
}

criterion_group! {
    name = benches;
    config = config();
    targets = single_threaded, workloads
}
criterion_main!(benches);
