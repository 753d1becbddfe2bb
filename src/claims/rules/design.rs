//! Rules of the map-design claims (C42-C62). The lab map is Go's pre-1.24 bucket map; a
//! design claim is decided on the lab map's own code where the lab follows Go (docs/go-map.md
//! says where), and is not testable here where the claim is about sync.Map or Go tooling.

use super::{part, platform_of, untestable, Got, PartVerdict as P, R};
use crate::model::Model;

pub(super) fn rule(id: &str) -> Option<fn(&mut R) -> Vec<P>> {
    Some(match id {
        "C42" => c42,
        "C43" => c43,
        "C44" => c44,
        "C45" => c45,
        "C46" => c46,
        "C47" => c47,
        "C48" => c48,
        "C49" => c49,
        "C50" => c50,
        "C51" => c51,
        "C52" => c52,
        "C53" => c53,
        "C54" => c54,
        "C55" => c55,
        "C56" => c56,
        "C57" => c57,
        "C58" => c58,
        "C59" => c59,
        "C60" => c60,
        "C61" => c61,
        "C62" => c62,
        _ => return None,
    })
}

const LAB: &str = "the production map's code, run in-process";

fn lead(r: &mut R, key: &str) -> Got<String> {
    let l = r.fact(key)?.lines.first().cloned().unwrap_or_default();
    r.figure(l.clone(), LAB);
    Ok(l)
}

fn c42(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let l = lead(r, "map:bucket")?;
        let (slots, ov8) = (
            r.num("map:bucket", "slots_per_bucket")?,
            r.num("map:bucket", "overflow_after_8")?,
        );
        let _ = r.doc("go-bucket");
        Ok(P::judged(slots == 8.0 && ov8 == 0.0, l.clone(), l))
    });
    let p2 = part(r, |r| {
        let ov9 = r.num("map:bucket", "overflow_after_9")?;
        let ov17 = r.num("map:bucket", "overflow_after_17")?;
        Ok(P::judged(
            ov9 == 1.0 && ov17 == 2.0,
            "the 9th colliding key opened an overflow bucket, the 17th a second",
            format!("overflow buckets after 9 keys: {ov9}, after 17: {ov17}"),
        ))
    });
    r.change("Go 1.24's Swiss-table map keeps groups of 8 slots but has no overflow buckets (it probes other groups): the claim is about Go up to 1.23.");
    vec![p1, p2]
}

fn c43(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let l = lead(r, "map:tophash")?;
        let (n, top, res) = (
            r.num("map:tophash", "hashes")?,
            r.num("map:tophash", "tag_is_top_byte")?,
            r.num("map:tophash", "tag_reserved")?,
        );
        Ok(P::judged(top == n && res == 0.0, l.clone(), l))
    });
    let p2 = part(r, |r| {
        let (n, low24) = (
            r.num("map:tophash", "hashes")?,
            r.num("map:tophash", "tag_is_hash_shr_24")?,
        );
        let doc = r.doc("go-tophash")?;
        Ok(P::judged(
            low24 == n,
            "the tag is hash >> 24",
            format!(
                "the tag equals the low byte of hash >> 24 for only {low24} of {n} 64-bit hashes \
                 (chance: 1 in 256): on 64-bit the top byte is hash >> 56. {doc} So >> 24 is \
                 right for a 32-bit hash only"
            ),
        ))
    });
    let p3 = part(r, |r| {
        let (miss, hit, n) = (
            r.num("map:tophash", "key_compares_miss")?,
            r.num("map:tophash", "key_compares_hit")?,
            r.num("map:tophash", "lookups")?,
        );
        Ok(P::judged(
            miss == 0.0 && hit <= n,
            format!("{n} lookups whose tag matched no slot compared {miss} keys; {n} hits compared {hit}"),
            format!("lookups compared {miss} keys although no tag matched"),
        ))
    });
    vec![p1, p2, p3]
}

fn c44(r: &mut R) -> Vec<P> {
    let judge = |r: &mut R| -> Got<P> {
        let l = lead(r, "map:index")?;
        let (n, low, high) = (
            r.num("map:index", "placements")?,
            r.num("map:index", "index_low_bits")?,
            r.num("map:index", "index_high_bits")?,
        );
        let doc = r.doc("go-bucket")?;
        Ok(P::judged(
            high == n && low < n,
            "high bits pick the bucket",
            format!("{l}. {doc} It is the other way round: low bits pick the bucket, the top byte is the in-bucket tag (001's own layout table says tophash holds high bits)"),
        ))
    };
    let p1 = part(r, judge);
    let p2 = part(r, judge);
    vec![p1, p2]
}

fn c45(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let pow2 = r.num("map:index", "all_powers_of_two")?;
        Ok(P::judged(
            pow2 == 1.0,
            "every table had a power-of-two number of buckets",
            "a table had a bucket count that is not a power of two",
        ))
    });
    let p2 = part(r, |r| {
        let l = lead(r, "map:index")?;
        let (n, low) = (
            r.num("map:index", "placements")?,
            r.num("map:index", "index_low_bits")?,
        );
        let (mv, ok) = (
            r.num("map:index", "doubling_moves")?,
            r.num("map:index", "doubling_moves_by_bit_b")?,
        );
        Ok(P::judged(low == n && ok == mv, l.clone(), l))
    });
    vec![p1, p2]
}

fn c46(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let l = lead(r, "map:layout")?;
        let top = r.num("map:layout", "tophash_offset")?;
        Ok(P::judged(top == 0.0, l.clone(), l))
    });
    let p3 = part(r, |r| {
        let (ovf, end, size) = (
            r.num("map:layout", "overflow_offset")?,
            r.num("map:layout", "overflow_end")?,
            r.num("map:layout", "bucket_size_u64")?,
        );
        Ok(P::judged(
            end <= size && ovf > 8.0 * 16.0,
            format!("the overflow link is the bucket's last field (offset {ovf}, after the slots)"),
            format!("the overflow link is at offset {ovf} of {size}"),
        ))
    });
    let p4 = part(r, |r| {
        let (a, b) = (
            r.num("map:layout", "overflow_offset")?,
            r.num("map:layout", "overflow_offset_32byte_keys")?,
        );
        let doc = r.doc("go-bucket")?;
        Ok(P::judged(
            b == a,
            "slots hold pointers",
            format!(
                "32-byte keys move the overflow link {} bytes further (8 x 24): keys and values \
                 are inline, not pointers. {doc}",
                b - a
            ),
        ))
    });
    r.change("Keys or values over 128 bytes are stored behind pointers in Go; the article's struct is labelled 'simplified'.");
    vec![
        p1,
        untestable("the lab map stores key/value pairs (a documented deviation, measured faster here); Go groups 8 keys, then 8 values (docs/go-map.md)"),
        p3,
        p4,
    ]
}

fn c47(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let (n, ok) = (
            r.num("map:load-factor", "hints")?,
            r.num("map:load-factor", "hints_smallest_b")?,
        );
        Ok(P::judged(
            n == ok,
            format!("with_capacity(hint) picked the smallest B with hint <= 6.5 x 2^B for all {n} hints"),
            format!("only {ok} of {n} hints got the smallest B"),
        ))
    });
    let judge = |r: &mut R| -> Got<P> {
        let l = lead(r, "map:load-factor")?;
        let (d, ok) = (
            r.num("map:load-factor", "doublings")?,
            r.num("map:load-factor", "doublings_at_load_factor")?,
        );
        Ok(P::judged(d > 0.0 && d == ok, l.clone(), l))
    };
    let p2 = part(r, judge);
    let p3 = part(r, judge);
    vec![p1, p2, p3]
}

fn c48(r: &mut R) -> Vec<P> {
    let judge = |r: &mut R| -> Got<P> {
        let l = lead(r, "map:evacuation")?;
        let max = r.num("map:evacuation", "max_evacuated_per_write")?;
        Ok(P::judged(max <= 2.0 && max > 0.0, l.clone(), l))
    };
    let p1 = part(r, judge);
    let p2 = part(r, judge);
    vec![p1, p2]
}

fn c49(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let l = lead(r, "map:evacuation")?;
        let gets = r.num("map:evacuation", "gets_evacuated")?;
        let doc = r.doc("go-nevacuate")?;
        Ok(P::judged(
            gets > 0.0,
            "readers take part in evacuation, so its counter must be atomic",
            format!(
                "{l}: only the (one) writer evacuates, so its progress counter is the writer's \
                 private state. {doc}"
            ),
        ))
    });
    let p2 = part(r, |r| {
        let gets = r.num("map:evacuation", "gets_evacuated")?;
        Ok(P::judged(
            gets > 0.0,
            "evacuation runs outside any writer exclusion",
            "evacuation runs inside a write, under the writer's exclusion (the lab's writer \
             lock; Go's hashWriting flag, where a second writer is a fatal error)",
        ))
    });
    let p3 = part(r, |r| {
        let early = r.num("map:grow-reclaim", "early_retirements")?;
        let l = r
            .fact("map:grow-reclaim")?
            .lines
            .first()
            .cloned()
            .unwrap_or_default();
        let g = r.run("map.grow+seqcst")?;
        Ok(P::judged(
            early > 0.0 || g.seen(),
            "an old table was freed while evacuation still needed it",
            format!(
                "{l}; the growth litmus test with the production policy: {} (a key present \
                 before growth is never missed)",
                g.figure()
            ),
        ))
    });
    vec![p1, p2, p3]
}

fn c50(r: &mut R) -> Vec<P> {
    let judge = |r: &mut R| -> Got<P> {
        let l = lead(r, "map:evacuation")?;
        let gets = r.num("map:evacuation", "gets_evacuated")?;
        let doc = r.doc("go-mapaccess")?;
        Ok(P::judged(
            gets > 0.0,
            "gets evacuated buckets",
            format!("{l}. {doc}"),
        ))
    };
    let p1 = part(r, judge);
    let p2 = part(r, judge);
    r.change("A design where readers help (some concurrent maps do) would make it true; neither Go's map nor the lab's is one.");
    vec![p1, p2]
}

fn c51(r: &mut R) -> Vec<P> {
    let judge = |r: &mut R| -> Got<P> {
        let l = lead(r, "map:overflow-concurrent")?;
        let (n, exact, lost) = (
            r.num("map:overflow-concurrent", "rounds")?,
            r.num("map:overflow-concurrent", "minimal_chains")?,
            r.num("map:overflow-concurrent", "lost_keys")?,
        );
        let doc = r.doc("go-overflow")?;
        Ok(P::judged(
            exact < n || lost > 0.0,
            "racing writers had to retry or fall back",
            format!("{l}. {doc}"),
        ))
    };
    (0..3).map(|_| part(r, judge)).collect()
}

fn c52(r: &mut R) -> Vec<P> {
    let doc = r.doc("go-syncmap").unwrap_or_else(|super::Gap(w)| w);
    let why = format!("sync.Map is Go's (docs/go-map.md: {doc})");
    vec![untestable(&why), untestable(&why)]
}

fn c53(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let l = lead(r, "map:bucket")?;
        let (ne, nb) = (
            r.num("map:bucket", "nonempty_buckets_after_17")?,
            r.num("map:bucket", "buckets_after_17")?,
        );
        Ok(P::judged(
            ne > 1.0,
            "colliding keys spilled into other buckets (open addressing)",
            format!(
                "{l}: 17 colliding keys stay in 1 of {nb} buckets, chained through overflow \
                 buckets; open addressing would have put them in neighbouring buckets"
            ),
        ))
    });
    let p2 = part(r, |r| {
        let (ne, ov) = (
            r.num("map:bucket", "nonempty_buckets_after_17")?,
            r.num("map:bucket", "overflow_after_17")?,
        );
        Ok(P::judged(
            ne == 1.0 && ov > 0.0,
            "8 slots scanned within a bucket, chained overflow buckets beyond: a hybrid",
            "colliding keys did not chain",
        ))
    });
    vec![p1, p2]
}

fn c54(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let ne = r.num("map:bucket", "nonempty_buckets_after_17")?;
        Ok(P::judged(
            ne == 1.0,
            "a constant hasher put all 17 keys into one bucket (Go's map has no custom hasher; the lab's BuildHasher does)",
            "a constant hasher did not put every key into one bucket",
        ))
    });
    let p3 = part(r, |r| {
        let ov = r.num("map:bucket", "collide_max_overflow")?;
        let l = r
            .fact("map:bucket")?
            .lines
            .get(1)
            .cloned()
            .unwrap_or_default();
        r.figure(l.clone(), LAB);
        Ok(P::judged(
            ov >= 5.0,
            format!("{ov} overflow buckets"),
            format!("{l}: 8 distinct keys fit in one bucket"),
        ))
    });
    vec![
        p1,
        P::holds("the article's loop uses fmt.Sprintf(\"collide-%d\", i%8): 8 distinct keys (a fact of the quoted code)"),
        p3,
    ]
}

fn c55(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let (rlx, acq, sc) = (
            r.run("map.handshake+relaxed")?,
            r.run("map.handshake+acqrel")?,
            r.run("map.handshake+seqcst")?,
        );
        let m = r.models("DirtyFlag+rlx")?;
        let seen = if rlx.seen() { rlx } else { acq };
        if seen.seen() {
            r.relies_on_seen(seen);
            r.figure(seen.figure(), platform_of(seen));
        } else {
            r.figure(
                format!("{}; {}", m.figure(), seen.figure()),
                "the model checker",
            );
        }
        Ok(P::judged(
            rlx.seen() || acq.seen() || m.allows(Model::Rc11),
            format!(
                "without a full-barrier handshake a reader holds a table the writer would free: \
                 {}; {} ({}). With SeqCst fences on both sides: {}",
                rlx.figure(),
                acq.figure(),
                m.figure(),
                sc.figure()
            ),
            format!("{}; {}", rlx.figure(), acq.figure()),
        ))
    });
    vec![
        p1,
        untestable("the Linux kernel's hlist poisoning (LIST_POISON values under debug options) is the kernel's"),
    ]
}

fn c56(r: &mut R) -> Vec<P> {
    let judge = |r: &mut R| -> Got<P> {
        let h = r.run("map.handshake+acqrel")?;
        let (ra, sc) = (r.models("DirtyFlag+ra")?, r.models("DirtyFlag+sc")?);
        if h.seen() {
            r.relies_on_seen(h);
            r.figure(h.figure(), platform_of(h));
        } else {
            r.figure(
                format!("{}; {}", ra.figure(), h.figure()),
                "the model checker",
            );
        }
        Ok(P::judged(
            h.seen() || ra.allows(Model::Rc11),
            format!(
                "readers running during writes need a protocol: with Release/Acquire only, the \
                 map's readers are observed holding tables being retired ({}; {}); SeqCst on both \
                 sides: {}",
                h.figure(),
                ra.figure(),
                sc.figure()
            ),
            format!("{}; {}", h.figure(), ra.figure()),
        ))
    };
    let p1 = part(r, judge);
    let p2 = part(r, judge);
    let p3 = part(r, |r| {
        let h = r.run("map.handshake+acqrel")?;
        let model = r.models("DirtyFlag+ra")?.allows(Model::Rc11);
        let sync = r.num("map:sync", "sync_std_hashmap")?;
        let wrong = r.num("map:sync", "frozen_wrong")?;
        Ok(P::judged(
            h.seen() || model,
            format!(
                "while a writer works, every read touches shared state (the table pointer, the \
                 slots) and needs the protocol ({}). Without writers it does not: HashMap<u64, \
                 u64> is {}Sync and 400000 lock-free lookups of a frozen map from 2 threads gave \
                 {wrong} wrong answers, so the seed-claims list's stronger reading (a map nobody \
                 writes needs a lock) is false",
                h.figure(),
                if sync == 1.0 { "" } else { "not " }
            ),
            format!("{}; RC11 forbids DirtyFlag+ra", h.figure()),
        ))
    });
    vec![p1, p2, p3]
}

fn c57(r: &mut R) -> Vec<P> {
    let p = part(r, |r| {
        let l = lead(r, "map:linearizable")?;
        Ok(P::untestable(format!(
            "Go's map gives concurrent use no atomicity at all (a concurrent write is a fatal \
             error), which a Rust lab cannot run. The analogue: {l}"
        )))
    });
    vec![p.clone(), p]
}

fn c58(r: &mut R) -> Vec<P> {
    let p = part(r, |r| {
        let l = lead(r, "map:iter-concurrent")?;
        let doc = r.doc("go-syncmap")?;
        Ok(P::untestable(format!(
            "sync.Map is Go's ({doc}). The analogue: {l}"
        )))
    });
    vec![p.clone(), p.clone(), p]
}

fn c59(r: &mut R) -> Vec<P> {
    let p = part(r, |r| {
        let l = lead(r, "map:iter-remove")?;
        let doc = r.doc("go-syncmap")?;
        Ok(P::untestable(format!(
            "sync.Map is Go's ({doc}). The analogue: {l}"
        )))
    });
    vec![p.clone(), p.clone(), p]
}

fn c60(r: &mut R) -> Vec<P> {
    let doc = r.doc("go-syncmap").unwrap_or_else(|super::Gap(w)| w);
    let why = format!("sync.Map is Go's (docs/go-map.md: {doc})");
    vec![untestable(&why), untestable(&why), untestable(&why)]
}

fn c61(_: &mut R) -> Vec<P> {
    let why = "staticcheck's checks are Go tooling; Rust's borrow checker rejects modifying a \
               std HashMap while iterating it, and the lab map defines removal during its own \
               iteration (C59)";
    vec![untestable(why), untestable(why), untestable(why)]
}

fn c62(r: &mut R) -> Vec<P> {
    let judge = |r: &mut R| -> Got<P> {
        let l = lead(r, "map:sync")?;
        let (cell, rc, arc) = (
            r.num("map:sync", "sync_map_cell")?,
            r.num("map:sync", "sync_map_rc")?,
            r.num("map:sync", "sync_map_arc_mutex_map")?,
        );
        Ok(P::judged(
            cell == 0.0 && rc == 0.0 && arc == 1.0,
            format!(
                "on the Rust analogue the container's synchronisation does not extend to its \
                 values: {l}"
            ),
            l,
        ))
    };
    let p1 = part(r, judge);
    let p2 = part(r, judge);
    r.change("In Rust the compiler enforces it: a map of non-Sync values cannot be shared at all.");
    vec![p1, p2]
}
