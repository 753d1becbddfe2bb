//! What each memory ordering costs on this machine, as rustc compiles it.
//!
//! * `single/*`: one thread, one uncontended cache line: loads and stores per ordering, the
//!   four fences, swap / fetch_add / compare_exchange per ordering.
//! * `pingpong/*`: two threads (pinned to two cores when possible) bounce a counter through
//!   one cache line; each iteration is one round trip (two cache-line transfers), with the
//!   stores and loads of the given ordering, or with RMWs.
//!
//! Run natively (`cargo bench --bench orderings`). Timings of aarch64 code under qemu-user
//! measure QEMU's translation on the x86 host, not an ARM core: see README.md.
//!
//! Measurement is kept short (the lab's machines have two shared cores); pass criterion
//! options (`-- --measurement-time 5`) for steadier numbers.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::sync::atomic::{fence, AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const ORDERS: [(&str, Ordering); 5] = [
    ("Relaxed", Ordering::Relaxed),
    ("Acquire", Ordering::Acquire),
    ("Release", Ordering::Release),
    ("AcqRel", Ordering::AcqRel),
    ("SeqCst", Ordering::SeqCst),
];

/// The failure ordering std accepts for a CAS with success ordering `o`.
fn failure_of(o: Ordering) -> Ordering {
    match o {
        Ordering::Release => Ordering::Relaxed,
        Ordering::AcqRel => Ordering::Acquire,
        other => other,
    }
}

/// A value on its own cache line.
#[repr(align(128))]
struct Line(AtomicU64);

fn single(c: &mut Criterion) {
    let mut g = c.benchmark_group("single");
    let x = Line(AtomicU64::new(0));
    for (name, o) in ORDERS {
        if matches!(o, Ordering::Relaxed | Ordering::Acquire | Ordering::SeqCst) {
            // The ordering is the benchmark's subject; black_box keeps the access.
            g.bench_function(format!("load/{name}"), |b| {
                b.iter(|| black_box(&x.0).load(o))
            });
        }
        if matches!(o, Ordering::Relaxed | Ordering::Release | Ordering::SeqCst) {
            g.bench_function(format!("store/{name}"), |b| {
                b.iter(|| black_box(&x.0).store(black_box(1), o))
            });
        }
        if o != Ordering::Relaxed {
            g.bench_function(format!("fence/{name}"), |b| b.iter(|| fence(o)));
        }
        g.bench_function(format!("swap/{name}"), |b| {
            b.iter(|| black_box(&x.0).swap(black_box(1), o))
        });
        g.bench_function(format!("fetch_add/{name}"), |b| {
            b.iter(|| black_box(&x.0).fetch_add(black_box(1), o))
        });
        g.bench_function(format!("compare_exchange/{name}"), |b| {
            b.iter(|| {
                let cur = black_box(&x.0).load(Ordering::Relaxed);
                black_box(&x.0).compare_exchange(cur, cur + 1, o, failure_of(o))
            })
        });
    }
    g.finish();
}

/// How one side of the ping-pong publishes and waits.
#[derive(Clone, Copy)]
enum Pp {
    /// store(n, store_order) to publish, load(load_order) to wait.
    LoadStore(Ordering, Ordering),
    /// fetch_add(1, order) to publish.
    Rmw(Ordering),
}

impl Pp {
    fn publish(self, a: &AtomicU64, n: u64) {
        match self {
            Pp::LoadStore(st, _) => a.store(n, st),
            Pp::Rmw(o) => {
                a.fetch_add(1, o);
            }
        }
    }
    fn wait_for(self, a: &AtomicU64, n: u64) {
        let ld = match self {
            Pp::LoadStore(_, ld) => ld,
            Pp::Rmw(o) => failure_of(o),
        };
        while a.load(ld) != n {
            std::hint::spin_loop();
        }
    }
}

/// Time `iters` round trips: the measuring thread publishes odd values, the partner even.
fn round_trips(pp: Pp, iters: u64) -> Duration {
    // The cores are listed once, before anything is pinned: `get_core_ids` reads the calling
    // thread's affinity mask, which pinning the measuring thread narrows to one core.
    static CORES: std::sync::OnceLock<Vec<core_affinity::CoreId>> = std::sync::OnceLock::new();
    let cores = CORES.get_or_init(|| core_affinity::get_core_ids().unwrap_or_default());
    let line = Line(AtomicU64::new(0));
    let ready = AtomicBool::new(false);
    std::thread::scope(|s| {
        let (line, ready) = (&line, &ready);
        let partner_core = cores.get(1).copied();
        s.spawn(move || {
            if let Some(c) = partner_core {
                core_affinity::set_for_current(c);
            }
            // Release: the measuring thread may start once the partner runs.
            ready.store(true, Ordering::Release);
            for i in 0..iters {
                pp.wait_for(&line.0, 2 * i + 1);
                pp.publish(&line.0, 2 * i + 2);
            }
        });
        if let Some(c) = cores.first() {
            core_affinity::set_for_current(*c);
        }
        // Acquire: pairs with the partner's Release above.
        while !ready.load(Ordering::Acquire) {
            std::hint::spin_loop();
        }
        let start = Instant::now();
        for i in 0..iters {
            pp.publish(&line.0, 2 * i + 1);
            pp.wait_for(&line.0, 2 * i + 2);
        }
        start.elapsed()
    })
}

fn pingpong(c: &mut Criterion) {
    let mut g = c.benchmark_group("pingpong");
    g.sample_size(10);
    let cases = [
        (
            "store-load/Relaxed",
            Pp::LoadStore(Ordering::Relaxed, Ordering::Relaxed),
        ),
        (
            "store-load/Release-Acquire",
            Pp::LoadStore(Ordering::Release, Ordering::Acquire),
        ),
        (
            "store-load/SeqCst",
            Pp::LoadStore(Ordering::SeqCst, Ordering::SeqCst),
        ),
        ("fetch_add/Relaxed", Pp::Rmw(Ordering::Relaxed)),
        ("fetch_add/AcqRel", Pp::Rmw(Ordering::AcqRel)),
        ("fetch_add/SeqCst", Pp::Rmw(Ordering::SeqCst)),
    ];
    for (name, pp) in cases {
        g.bench_function(name, |b| b.iter_custom(|iters| round_trips(pp, iters)));
    }
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = single, pingpong
}
criterion_main!(benches);
