//! Map facts: measured in-process on the production map's own code (`crate::map`), through
//! its public API and its inspection hooks (`ConcurrentMap::lab_shape`, `lab_locate`, ...).
//! The map is Go's pre-1.24 bucket map (docs/go-map.md says where it follows Go and where
//! it differs), so these facts decide design claims about that design.

use super::evidence::FactEv;
use crate::map::table::{tophash, BUCKET_CNT, LOAD_FACTOR_DEN, LOAD_FACTOR_NUM, MIN_TOP_HASH};
use crate::map::ConcurrentMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Every key hashes to the same value: all keys share one bucket (the article's "custom
/// hasher" that maps every key to bucket 0).
#[derive(Default, Clone, Copy)]
pub(crate) struct ConstHasher;

impl Hasher for ConstHasher {
    fn finish(&self) -> u64 {
        // Top byte 0xab: a valid tophash; low bits 0: bucket 0 at every size.
        0xab00_0000_0000_0000
    }
    fn write(&mut self, _: &[u8]) {}
}

/// The hash of a `u64` key is the key itself: a test can aim a key at a bucket and a tag.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdentHasher(u64);

impl Hasher for IdentHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

pub(crate) type Const = BuildHasherDefault<ConstHasher>;
pub(crate) type Ident = BuildHasherDefault<IdentHasher>;

/// A small xorshift generator: reproducible keys without a dependency.
pub(crate) struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

/// The named fact, or why there is no such fact.
pub(crate) fn fact(name: &str) -> Result<FactEv, String> {
    Ok(match name {
        "bucket" => bucket(),
        "tophash" => tophash_fact(),
        "index" => index(),
        "layout" => layout(),
        "load-factor" => load_factor(),
        "evacuation" => evacuation(),
        "grow-reclaim" => grow_reclaim(),
        "overflow-concurrent" => overflow_concurrent(),
        "no-lock-get" => no_lock_get(),
        "sync" => super::mapfacts_more::sync_facts(),
        "iter-concurrent" => super::mapfacts_more::iter_concurrent(),
        "iter-remove" => super::mapfacts_more::iter_remove(),
        "linearizable" => super::mapfacts_more::linearizable(),
        other => return Err(format!("no map fact `{other}`")),
    })
}

/// Colliding keys fill one bucket's 8 slots, then overflow buckets chained from it.
fn bucket() -> FactEv {
    let mut f = FactEv::default();
    f.set("slots_per_bucket", BUCKET_CNT as f64);
    let m: ConcurrentMap<u64, u64, Const> = ConcurrentMap::with_hasher(Const::default());
    let mut after = Vec::new();
    for k in 1..=17u64 {
        m.insert(k, k);
        let s = m.lab_shape();
        after.push((k, s.overflow, s.nonempty, s.buckets));
    }
    for (k, ov, ne, nb) in &after {
        f.set(&format!("overflow_after_{k}"), *ov as f64);
        if *k == 17 {
            f.set("nonempty_buckets_after_17", *ne as f64);
            f.set("buckets_after_17", *nb as f64);
        }
    }
    let ov = |k: usize| after[k - 1].1;
    f.line(format!(
        "a bucket has {BUCKET_CNT} slots: with a constant hasher, {} overflow buckets after 8 \
         keys, {} after the 9th, {} after 16, {} after 17; all 17 keys in {} of the table's {} \
         buckets",
        ov(8),
        ov(9),
        ov(16),
        ov(17),
        after[16].2,
        after[16].3
    ));
    // The article's experiment: 8 distinct keys (i % 8), inserted from several threads.
    let m: Arc<ConcurrentMap<String, u64, Const>> =
        Arc::new(ConcurrentMap::with_hasher(Const::default()));
    std::thread::scope(|s| {
        for t in 0..4u64 {
            let m = &m;
            s.spawn(move || {
                for i in 0..2000u64 {
                    m.insert(format!("collide-{}", i % 8), t);
                }
            });
        }
    });
    let shape = m.lab_shape();
    // The same loop on one thread, watching the chain after every insert: a replacement takes
    // a fresh write-once slot, so dead slots chain overflow buckets until a same-size growth
    // compacts them (Go replaces in place).
    let one: ConcurrentMap<String, u64, Const> = ConcurrentMap::with_hasher(Const::default());
    let mut max_ov = 0;
    for i in 0..8000u64 {
        one.insert(format!("collide-{}", i % 8), i);
        max_ov = max_ov.max(one.lab_shape().overflow);
    }
    f.set("collide_keys", shape.count as f64);
    f.set("collide_overflow", shape.overflow as f64);
    f.set("collide_max_overflow", max_ov as f64);
    f.line(format!(
        "the article's loop (keys collide-0..collide-7, i % 8), 8000 inserts from 4 threads: \
         {} keys, {} overflow buckets at the end; on one thread at most {max_ov} overflow \
         buckets at any time (replaced values leave dead write-once slots until a same-size \
         growth compacts them; live keys fit in one bucket)",
        shape.count, shape.overflow
    ));
    f
}

/// The tag is the hash's top byte, moved above Go's reserved values; a lookup compares keys
/// only where the tag matches.
fn tophash_fact() -> FactEv {
    let mut f = FactEv::default();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut top56, mut low24, mut reserved) = (0u64, 0u64, 0u64);
    let n = 100_000u64;
    for _ in 0..n {
        let h = rng.next();
        let t = tophash(h);
        let mut want = (h >> 56) as u8;
        if want < MIN_TOP_HASH {
            want += MIN_TOP_HASH;
        }
        top56 += u64::from(t == want);
        // `hash >> 24` keeps bits 24..63; its low byte is bits 24..31.
        low24 += u64::from(t == (h >> 24) as u8);
        reserved += u64::from(t < MIN_TOP_HASH);
    }
    for (k, v) in [
        ("hashes", n),
        ("tag_is_top_byte", top56),
        ("tag_is_hash_shr_24", low24),
        ("tag_reserved", reserved),
    ] {
        f.set(k, v as f64);
    }
    f.line(format!(
        "{top56} of {n} random 64-bit hashes: tag = hash >> 56 (top byte, moved up by \
         {MIN_TOP_HASH} when below {MIN_TOP_HASH}); tag = low byte of hash >> 24 for {low24}; \
         reserved tags (0-4) produced: {reserved}"
    ));
    // Key comparisons: 8 keys in one bucket with 8 different tags; look up absent keys.
    let eqs = Arc::new(AtomicU64::new(0));
    let m: ConcurrentMap<Counted, u64, Ident> = ConcurrentMap::with_hasher(Ident::default());
    for i in 0..8u64 {
        m.insert(Counted::new((0x10 + i) << 56, &eqs), i);
    }
    // Relaxed: a counter, read and reset on this thread only.
    eqs.store(0, Ordering::Relaxed);
    let lookups = 1000u64;
    for i in 0..lookups {
        // Same bucket (low bits 0), a tag none of the 8 has.
        let k = Counted::new((0x80 + (i % 64)) << 56, &eqs);
        let _ = m.get(&k);
    }
    // Relaxed: as above.
    let miss = eqs.load(Ordering::Relaxed);
    // Relaxed: as above.
    eqs.store(0, Ordering::Relaxed);
    for i in 0..lookups {
        let k = Counted::new((0x10 + (i % 8)) << 56, &eqs);
        let _ = m.get(&k);
    }
    // Relaxed: as above.
    let hit = eqs.load(Ordering::Relaxed);
    f.set("key_compares_miss", miss as f64);
    f.set("key_compares_hit", hit as f64);
    f.set("lookups", lookups as f64);
    f.line(format!(
        "{lookups} lookups of absent keys in a full bucket whose 8 tags all differ from theirs: \
         {miss} key comparisons; {lookups} lookups of present keys: {hit} comparisons"
    ));
    f
}

/// A `u64` key that counts its equality comparisons.
struct Counted {
    v: u64,
    eqs: Arc<AtomicU64>,
}

impl Counted {
    fn new(v: u64, eqs: &Arc<AtomicU64>) -> Counted {
        Counted {
            v,
            eqs: eqs.clone(),
        }
    }
}

impl PartialEq for Counted {
    fn eq(&self, o: &Counted) -> bool {
        // Relaxed: a counter.
        self.eqs.fetch_add(1, Ordering::Relaxed);
        self.v == o.v
    }
}
impl Eq for Counted {}
impl std::hash::Hash for Counted {
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write_u64(self.v);
    }
}

/// Bucket index = hash & (2^B - 1); a doubling moves a key from i to i or i + 2^B by bit B.
fn index() -> FactEv {
    let mut f = FactEv::default();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let m: ConcurrentMap<u64, u64, Ident> = ConcurrentMap::with_hasher(Ident::default());
    let keys: Vec<u64> = (0..600).map(|_| rng.next()).collect();
    let (mut checked, mut low_bits, mut high_bits, mut sizes) = (0u64, 0u64, 0u64, Vec::new());
    let (mut moved_ok, mut moved) = (0u64, 0u64);
    let mut prev: Vec<Option<(usize, u8)>> = vec![None; keys.len()];
    for (n, k) in keys.iter().enumerate() {
        m.insert(*k, n as u64);
        if (n + 1).is_power_of_two() || n + 1 == keys.len() {
            m.lab_finish_growth();
            let s = m.lab_shape();
            if s.b == 0 {
                continue;
            }
            sizes.push(s.buckets);
            let mask = (s.buckets - 1) as u64;
            for (j, key) in keys[..=n].iter().enumerate() {
                let Some(p) = m.lab_locate(key) else { continue };
                checked += 1;
                low_bits += u64::from(p.bucket as u64 == key & mask);
                let top = key >> (64 - u32::from(s.b));
                high_bits += u64::from(p.bucket as u64 == top);
                if let Some((was, b)) = prev[j] {
                    if b + 1 == s.b {
                        moved += 1;
                        let bit = (key >> b) & 1;
                        moved_ok += u64::from(p.bucket == was + (bit as usize) * (1 << b));
                    }
                }
                prev[j] = Some((p.bucket, s.b));
            }
        }
    }
    f.set("placements", checked as f64);
    f.set("index_low_bits", low_bits as f64);
    f.set("index_high_bits", high_bits as f64);
    f.set("doubling_moves", moved as f64);
    f.set("doubling_moves_by_bit_b", moved_ok as f64);
    f.set(
        "all_powers_of_two",
        f64::from(u8::from(sizes.iter().all(|s| s.is_power_of_two()))),
    );
    f.line(format!(
        "{low_bits} of {checked} placements (tables of {} buckets) sit in bucket hash & (2^B-1) \
         (the low B bits); {high_bits} would match the high B bits; after a doubling, {moved_ok} \
         of {moved} keys went from bucket i to i or i+2^B as bit B of their hash says",
        sizes
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    ));
    f
}

/// Where a bucket's fields are: tophash word first, overflow link last, slots inline.
fn layout() -> FactEv {
    use crate::map::table::Bucket;
    use std::mem::{offset_of, size_of};
    let mut f = FactEv::default();
    let size = size_of::<Bucket<u64, u64>>();
    let top = offset_of!(Bucket<u64, u64>, tophash);
    let ovf = offset_of!(Bucket<u64, u64>, overflow);
    let ovf_big = offset_of!(Bucket<[u64; 4], u64>, overflow);
    let fields_end = ovf + size_of::<usize>();
    for (k, v) in [
        ("bucket_size_u64", size),
        ("tophash_offset", top),
        ("overflow_offset", ovf),
        ("overflow_end", fields_end),
        ("overflow_offset_32byte_keys", ovf_big),
        ("go_bmap_size_u64", 8 + 8 * 8 + 8 * 8 + 8),
    ] {
        f.set(k, v as f64);
    }
    f.line(format!(
        "Bucket<u64, u64>: tophash word at offset {top}, overflow link at {ovf} (its last \
         field, ending at {fields_end}; {size} bytes with cache-line alignment); with 32-byte \
         keys the link moves to {ovf_big}: 8 x 24 = {} bytes further, the keys are inline",
        ovf_big - ovf
    ));
    f
}

/// B grows exactly when the count passes 6.5 x 2^B (and 8); with_capacity picks B as makemap.
fn load_factor() -> FactEv {
    let mut f = FactEv::default();
    let m: ConcurrentMap<u64, u64> = ConcurrentMap::new();
    let mut b = m.lab_shape().b;
    let (mut steps, mut exact) = (0u64, 0u64);
    let mut at = Vec::new();
    for k in 0..2000u64 {
        m.insert(k, k);
        let s = m.lab_shape();
        if s.b != b {
            steps += 1;
            let count = k + 1;
            let cap = (LOAD_FACTOR_NUM * ((1usize << b) / LOAD_FACTOR_DEN)) as u64;
            exact += u64::from(count > cap.max(BUCKET_CNT as u64) && count - 1 <= cap.max(8));
            at.push(format!("B {b}→{} at insert {count}", s.b));
            b = s.b;
        }
    }
    let mut hint_ok = 0u64;
    let hints = [0usize, 8, 9, 13, 14, 26, 27, 100, 1000, 6656, 6657];
    for h in hints {
        let b = ConcurrentMap::<u64, u64>::with_capacity(h).lab_shape().b;
        let fits =
            |b: u8| h <= BUCKET_CNT || h <= LOAD_FACTOR_NUM * ((1usize << b) / LOAD_FACTOR_DEN);
        hint_ok += u64::from(fits(b) && (b == 0 || !fits(b - 1)));
    }
    f.set("doublings", steps as f64);
    f.set("doublings_at_load_factor", exact as f64);
    f.set("hints", hints.len() as f64);
    f.set("hints_smallest_b", hint_ok as f64);
    f.line(format!(
        "{exact} of {steps} doublings happened at the insert that took the count past 6.5 x 2^B \
         (and past 8): {}; with_capacity(hint) chose the smallest B with hint <= 6.5 x 2^B for \
         {hint_ok} of {} hints",
        at.join(", "),
        hints.len()
    ));
    f
}

/// Evacuation work per write during growth, and none per get.
fn evacuation() -> FactEv {
    let mut f = FactEv::default();
    let m: ConcurrentMap<u64, u64> = ConcurrentMap::new();
    let (mut writes, mut max_per_write, mut growths) = (0u64, 0usize, 0u64);
    let (mut gets_evacuated, mut longest, mut this_growth) = (0usize, 0u64, 0u64);
    let mut old_buckets = 0usize;
    for k in 0..6000u64 {
        let before = m.lab_shape();
        m.insert(k, k);
        let after = m.lab_shape();
        let did = after.evacuated - before.evacuated;
        if before.growing || after.growing || did > 0 {
            writes += 1;
            this_growth += 1;
            max_per_write = max_per_write.max(did);
        }
        if !before.growing && after.growing {
            growths += 1;
            old_buckets = old_buckets.max(before.buckets);
            // Gets while growing: do they evacuate?
            for j in 0..64 {
                let _ = m.get(&j);
            }
            gets_evacuated += m.lab_shape().evacuated - after.evacuated;
        }
        if before.growing && !after.growing {
            longest = longest.max(this_growth);
            this_growth = 0;
        }
    }
    f.set("writes_during_growth", writes as f64);
    f.set("max_evacuated_per_write", max_per_write as f64);
    f.set("growths", growths as f64);
    f.set("gets_evacuated", gets_evacuated as f64);
    f.line(format!(
        "{writes} writes during {growths} growths: at most {max_per_write} old buckets \
         evacuated by one write; 64 gets per growth evacuated {gets_evacuated} buckets in all; \
         the longest growth took {longest} writes (its old table: {old_buckets} buckets or fewer)"
    ));
    f
}

/// An old table is retired only once every bucket moved.
fn grow_reclaim() -> FactEv {
    let mut f = FactEv::default();
    let m: ConcurrentMap<u64, String> = ConcurrentMap::new();
    let (mut during, mut early) = (0u64, 0u64);
    for k in 0..5000u64 {
        let was = m.lab_shape().growing;
        let r0 = m.retired();
        m.insert(k, k.to_string());
        let now = m.lab_shape().growing;
        if was && now {
            during += 1;
            // Fresh keys kill no slot: anything retired while the same growth still runs
            // would be the old table, retired early.
            early += u64::from(m.retired() != r0);
        }
    }
    f.set("writes_during_growth", during as f64);
    f.set("early_retirements", early as f64);
    f.line(format!(
        "{during} writes while growth was still running retired no old table early ({early} \
         early retirements); the old table is retired by the write that evacuates its last \
         bucket, and freed after the dirty-flag handshake"
    ));
    f
}

/// Colliding inserts from several threads: minimal overflow chains, no key lost.
fn overflow_concurrent() -> FactEv {
    let mut f = FactEv::default();
    let (mut rounds, mut exact, mut lost) = (0u64, 0u64, 0u64);
    for n in [9u64, 16, 17, 33, 64] {
        for _ in 0..20 {
            let m: ConcurrentMap<u64, u64, Const> = ConcurrentMap::with_hasher(Const::default());
            std::thread::scope(|s| {
                for t in 0..2u64 {
                    let m = &m;
                    s.spawn(move || {
                        for k in (t..n).step_by(2) {
                            m.insert(k, k);
                        }
                    });
                }
            });
            m.lab_finish_growth();
            let s = m.lab_shape();
            rounds += 1;
            let minimal = (n as usize).div_ceil(BUCKET_CNT) - 1;
            exact += u64::from(s.overflow == minimal);
            lost += (0..n).filter(|k| m.get(k) != Some(*k)).count() as u64;
        }
    }
    f.set("rounds", rounds as f64);
    f.set("minimal_chains", exact as f64);
    f.set("lost_keys", lost as f64);
    f.line(format!(
        "{rounds} rounds of 2 threads inserting 9-64 colliding keys at once: {exact} ended with \
         the minimal overflow chain, {lost} keys lost (writers are serialized: one writer links \
         each overflow bucket with a Release store, no CAS, no retry)"
    ));
    f
}

/// Gets complete while another thread holds the writer lock.
fn no_lock_get() -> FactEv {
    let mut f = FactEv::default();
    let m: ConcurrentMap<u64, u64> = ConcurrentMap::new();
    for k in 0..1000 {
        m.insert(k, k);
    }
    let gets = 100_000u64;
    let done = m.lab_with_writer_lock(|| {
        std::thread::scope(|s| {
            s.spawn(|| (0..gets).filter(|k| m.get(&(k % 1000)).is_some()).count() as u64)
                .join()
                .unwrap_or(0)
        })
    });
    f.set("gets", gets as f64);
    f.set("gets_done_while_locked", done as f64);
    f.line(format!(
        "{done} of {gets} gets completed on another thread while this thread held the map's \
         writer lock: reads take no lock"
    ));
    f
}
