//! The model checker's speed: `check(test, model)` for every catalog test and model (the
//! target is a median under 1 ms; herd7 takes 10–30 ms per test per model), and the whole
//! catalog under all models (`check_all`, which enumerates each test once).
//!
//! `cargo bench --bench model` runs everything (a few minutes); pass a filter to run less,
//! e.g. `cargo bench --bench model -- catalog` or `-- 'check/IRIW'`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use orderlab::litmus::{parse, Test};
use orderlab::model::{check, check_all, Model};
use std::path::PathBuf;
use std::time::Duration;

fn catalog() -> Vec<Test> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("litmus");
    let mut files = Vec::new();
    for sub in ["classic", "map"] {
        if let Ok(rd) = std::fs::read_dir(root.join(sub)) {
            for e in rd.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "litmus") {
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    files
        .iter()
        .map(|p| {
            let src = std::fs::read_to_string(p).expect("read catalog file");
            parse(&src, &p.display().to_string()).expect("catalog file parses")
        })
        .collect()
}

/// Tests beyond the catalog's size: 4 threads and 12 or more events.
const BIG: &[&str] = &[
    // IRIW with two writes per writer and SeqCst fences in the readers: 4 threads, 12 events.
    "C IRIW+2w+fences\n{}\n\
     P0(atomic_int* x) { atomic_store_explicit(x, 1, memory_order_relaxed); atomic_store_explicit(x, 2, memory_order_release); }\n\
     P1(atomic_int* x, atomic_int* y) { int r0 = atomic_load_explicit(x, memory_order_acquire); atomic_thread_fence(memory_order_seq_cst); int r1 = atomic_load_explicit(y, memory_order_relaxed); }\n\
     P2(atomic_int* y) { atomic_store_explicit(y, 1, memory_order_relaxed); atomic_store_explicit(y, 2, memory_order_release); }\n\
     P3(atomic_int* x, atomic_int* y) { int r0 = atomic_load_explicit(y, memory_order_acquire); atomic_thread_fence(memory_order_seq_cst); int r1 = atomic_load_explicit(x, memory_order_relaxed); }\n\
     exists (1:r0=2 /\\ 1:r1=0 /\\ 3:r0=2 /\\ 3:r1=0)\n",
    // Four threads each storing to and loading from three shared locations: 4 threads, 12 accesses.
    "C 4x3\n{}\n\
     P0(atomic_int* x, atomic_int* y, atomic_int* z) { atomic_store_explicit(x, 1, memory_order_release); int r0 = atomic_load_explicit(y, memory_order_acquire); int r1 = atomic_load_explicit(z, memory_order_relaxed); }\n\
     P1(atomic_int* x, atomic_int* y, atomic_int* z) { atomic_store_explicit(y, 1, memory_order_seq_cst); int r0 = atomic_load_explicit(z, memory_order_seq_cst); int r1 = atomic_load_explicit(x, memory_order_relaxed); }\n\
     P2(atomic_int* x, atomic_int* y, atomic_int* z) { atomic_store_explicit(z, 1, memory_order_relaxed); int r0 = atomic_fetch_add_explicit(x, 1, memory_order_acq_rel); int r1 = atomic_load_explicit(y, memory_order_relaxed); }\n\
     P3(atomic_int* x, atomic_int* y, atomic_int* z) { atomic_store_explicit(x, 5, memory_order_relaxed); atomic_thread_fence(memory_order_seq_cst); int r0 = atomic_load_explicit(z, memory_order_acquire); }\n\
     exists (0:r0=0 /\\ 1:r0=0 /\\ 2:r1=0)\n",
];

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("scale");
    g.sample_size(10);
    for src in BIG {
        let t = parse(src, "bench.litmus").expect("bench test parses");
        for m in Model::ALL {
            g.bench_function(format!("{}/{}", t.name, m.key()), |b| {
                b.iter(|| black_box(check(black_box(&t), m).expect("checks")))
            });
        }
    }
    g.finish();
    let tests = catalog();
    let mut g = c.benchmark_group("catalog");
    g.bench_function("all tests x all models (check_all)", |b| {
        b.iter(|| {
            for t in &tests {
                black_box(check_all(t).expect("checks"));
            }
        })
    });
    g.bench_function("all tests x all models (check, one call per model)", |b| {
        b.iter(|| {
            for t in &tests {
                for m in Model::ALL {
                    black_box(check(t, m).expect("checks"));
                }
            }
        })
    });
    g.finish();
    let mut g = c.benchmark_group("check");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(50))
        .measurement_time(Duration::from_millis(150));
    for t in &tests {
        for m in Model::ALL {
            g.bench_function(format!("{}/{}", t.name, m.key()), |b| {
                b.iter(|| black_box(check(black_box(t), m).expect("checks")))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
