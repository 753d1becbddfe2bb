//! Rules of the language-model claims (C15-C28): handoffs, Relaxed, Release/Acquire, flag
//! bits, check-then-set, reclamation, locks.

use super::{on_x86, part, platform_of, untestable, Got, PartVerdict as P, R};
use crate::model::Model;

pub(super) fn rule(id: &str) -> Option<fn(&mut R) -> Vec<P>> {
    Some(match id {
        "C15" => c15,
        "C16" => c16,
        "C17" => c17,
        "C18" => c18,
        "C19" => c19,
        "C20" => c20,
        "C21" => c21,
        "C22" => c22,
        "C23" => c23,
        "C24" => c24,
        "C25" => c25,
        "C26" => c26,
        "C27" => c27,
        "C28" => c28,
        _ => return None,
    })
}

fn first_line(r: &mut R, key: &str) -> Got<String> {
    Ok(r.fact(key)?.lines.first().cloned().unwrap_or_default())
}

fn c15(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let (mp, bp) = (r.models("MP+ra")?, r.models("BucketPub+ra")?);
        let missing = r.num("prog:channel-handoff", "missing")?;
        let line = first_line(r, "prog:channel-handoff")?;
        r.figure(mp.figure(), "the model checker");
        Ok(P::judged(
            mp.allows(Model::Rc11) || missing > 0.0,
            "the read after the receive is unsynchronised",
            format!(
                "{}; {}; {line}: a channel send is a Release and the receive an Acquire (Go's \
                 memory model: a send happens before the corresponding receive completes), so \
                 the write before the send happens before the read after the receive: no race",
                mp.figure(),
                bp.figure()
            ),
        ))
    });
    let go = "what go test -race reports is Go tooling; a race detector reports only real \
              races, and part 1 shows there is none here";
    r.change("Reading x before the receive, or writing it after the send, would be a race; the seed's own table says any of mutex/atomic/chan suppresses the report.");
    vec![p1, untestable(go), untestable(go)]
}

fn c16(r: &mut R) -> Vec<P> {
    let judge = |r: &mut R| -> Got<P> {
        let (m, corr) = (r.models("CoWR+rlx")?, r.models("CoRR+rlx")?);
        let run = r.run("CoWR+rlx")?;
        let q = r.qemu(None, "CoWR+rlx").ok().map(|q| q.figure());
        r.figure(m.figure(), "the model checker");
        Ok(P::judged(
            !m.forbidden_by_all() || run.seen(),
            "a thread can miss its own write",
            format!(
                "{}; {}; {}{}: a thread always observes its own operations in program order \
                 (compilers and runtimes preserve single-thread semantics); a single goroutine \
                 cannot race with itself",
                m.figure(),
                corr.figure(),
                run.figure(),
                q.map_or(String::new(), |q| format!("; {q} under QEMU"))
            ),
        ))
    };
    let p1 = part(r, judge);
    let p2 = part(r, judge);
    r.change("A second goroutine touching the map (as in the article's own example) is what makes it concurrent.");
    vec![p1, p2]
}

fn c17(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let m = r.models("MP+rlx")?;
        let na = match r.models("MP+plain+rlx") {
            Ok(x) => x.figure(),
            Err(super::Gap(why)) => format!("the non-atomic data version is pending ({why})"),
        };
        r.figure(m.figure(), "the model checker");
        Ok(P::judged(
            m.allows(Model::Rc11),
            format!(
                "{}: the language model lets the data store be seen after the flag; {na}",
                m.figure()
            ),
            m.figure(),
        ))
    });
    let p2 = part(r, |r| {
        let m = r.models("MP+rlx")?;
        let run = r.run("MP+rlx")?;
        let q = r.qemu(None, "MP+rlx").ok().map(|q| q.figure());
        let x86 = if on_x86(run) {
            format!("; on x86 it never shows ({})", run.figure())
        } else {
            String::new()
        };
        Ok(P::judged(
            m.allows(Model::Armv8),
            format!(
                "{}: ARM CPUs may reorder it{x86}{}",
                m.figure(),
                q.map_or(String::new(), |q| format!(", nor under QEMU on x86 ({q})"))
            ),
            m.figure(),
        ))
    });
    let p3 = part(r, |r| {
        let m = r.models("MP+rlx")?;
        Ok(P::judged(
            m.allows(Model::Rc11) && m.allows(Model::Armv8),
            "ready == true with data == 0 is a permitted outcome of the language and of ARMv8",
            m.figure(),
        ))
    });
    r.change("On x86 hardware only the compiler could produce it; Release on the flag store and Acquire on its load forbid it everywhere (MP+ra).");
    vec![p1, p2, p3]
}

fn c18(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let m = r.models("MP+rlx")?;
        Ok(P::judged(
            m.allows(Model::Rc11),
            format!("{}: Relaxed orders no other location", m.figure()),
            m.figure(),
        ))
    });
    let p2 = part(r, |r| {
        let (corr, cowr) = (r.models("CoRR+rlx")?, r.models("CoWR+rlx")?);
        let (a, b) = (r.run("CoRR+rlx")?, r.run("CoWR+rlx")?);
        r.figure(
            format!("{}; {}", corr.figure(), cowr.figure()),
            "the model checker",
        );
        Ok(P::judged(
            corr.allows(Model::Rc11) || cowr.allows(Model::Rc11) || a.seen() || b.seen(),
            "Relaxed does not even keep per-location order",
            format!(
                "{}; {}; {}; {}: Relaxed accesses to one location keep its coherence order",
                corr.figure(),
                cowr.figure(),
                a.figure(),
                b.figure()
            ),
        ))
    });
    let p3 = part(r, |r| {
        let m = r.models("Counter+rlx")?;
        let (total, want) = (
            r.num("prog:relaxed-counter", "total")?,
            r.num("prog:relaxed-counter", "expected")?,
        );
        let line = first_line(r, "prog:relaxed-counter")?;
        Ok(P::judged(
            m.forbidden_by_all() && total == want,
            format!(
                "{}; {line}: Relaxed read-modify-writes are atomic",
                m.figure()
            ),
            format!("{}; {line}", m.figure()),
        ))
    });
    r.change("The article's own sentence is about ordering ('顺序约束'); read that way (part 1) it is right, and its table's use of relaxed for counters (part 3) is right too.");
    vec![p1, p2, p3]
}

fn c19(r: &mut R) -> Vec<P> {
    let judge = |r: &mut R| -> Got<P> {
        let (mp, bp) = (r.models("MP+ra")?, r.models("BucketPub+ra")?);
        let (a, b) = (r.run("MP+ra")?, r.run("BucketPub+ra")?);
        let q = r.qemu(None, "MP+ra").ok().map(|q| q.figure());
        r.figure(mp.figure(), "the model checker");
        Ok(P::judged(
            mp.forbidden_by_all() && bp.forbidden_by_all() && !a.seen() && !b.seen(),
            format!(
                "{}; {}; {}; {}{}",
                mp.figure(),
                bp.figure(),
                a.figure(),
                b.figure(),
                q.map_or(String::new(), |q| format!("; {q} under QEMU"))
            ),
            format!("{}; {}", mp.figure(), bp.figure()),
        ))
    };
    let ps = (0..3).map(|_| part(r, judge)).collect();
    r.change("The acquire load must read the release store's value (or a later one in its release sequence); an Acquire load that reads an older value synchronises with nothing.");
    ps
}

fn c20(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let (ra, rlxacq) = (r.models("MP+ra")?, r.models("MP+rlx+acq")?);
        r.figure(
            format!("{}; {}", ra.figure(), rlxacq.figure()),
            "the model checker",
        );
        Ok(P::judged(
            !ra.allows(Model::Rc11) && rlxacq.allows(Model::Rc11),
            format!(
                "{}; {}: without the Release store the data store may be seen after the flag",
                ra.figure(),
                rlxacq.figure()
            ),
            format!("{}; {}", ra.figure(), rlxacq.figure()),
        ))
    });
    let p2 = part(r, |r| {
        let (ra, relrlx) = (r.models("MP+ra")?, r.models("MP+rel+rlx")?);
        Ok(P::judged(
            !ra.allows(Model::Rc11) && relrlx.allows(Model::Rc11),
            format!(
                "{}: without the Acquire load the later load may be satisfied early",
                relrlx.figure()
            ),
            format!("{}; {}", ra.figure(), relrlx.figure()),
        ))
    });
    let p3 = part(r, |r| {
        let (lb, s, sb) = (r.models("LB+ra")?, r.models("S+ra")?, r.models("SB+ra")?);
        Ok(P::judged(
            !r.models("MP+ra")?.allows(Model::Rc11),
            format!(
                "the verdicts above are RC11's, the language model, which binds the compiler as \
                 well as the CPU. The table is incomplete, not wrong: {}; {} (Acquire also keeps \
                 later stores after it, Release keeps earlier loads before it); {} (neither \
                 orders a store before a later load)",
                lb.figure(),
                s.figure(),
                sb.figure()
            ),
            "RC11 does not forbid MP+ra",
        ))
    });
    vec![p1, p2, p3]
}

fn c21(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let (ra, rlx) = (r.asm("MP+ra", "x86_64")?, r.asm("MP+rlx", "x86_64")?);
        let arm = r.asm("MP+ra", "aarch64")?.figure();
        let fenced = ra
            .tokens()
            .any(|t| t.contains("fence") || t.contains("xchg") || t.starts_with("lock"));
        Ok(P::judged(
            !fenced,
            format!(
                "{}; {}: a Release store is a plain mov on x86_64, no mfence/xchg/lock (on \
                 aarch64 it is an STLR: {arm})",
                ra.figure(),
                rlx.figure()
            ),
            ra.figure(),
        ))
    });
    let judge = |r: &mut R| -> Got<P> {
        let m = r.models("MP+rlx")?;
        let (a, b) = (r.run("MP+rlx")?, r.run("MP+ra")?);
        let x86 = on_x86(a);
        r.figure(format!("{}; {}", m.figure(), a.figure()), platform_of(a));
        if !x86 {
            r.weak("no x86 hardware here: the x86-TSO model decides alone");
        }
        Ok(P::judged(
            m.allows(Model::X86Tso) || (x86 && (a.seen() || b.seen())),
            "plain x86 stores can become visible out of order",
            format!(
                "{}; {}; {}: x86-TSO keeps stores in program order, so plain MOVs need no fence \
                 for store→store order",
                m.figure(),
                a.figure(),
                b.figure()
            ),
        ))
    };
    let p2 = part(r, judge);
    let p3 = part(r, judge);
    r.change("On ARM the same Go code compiles to plain STRs, which may be reordered (MP+rlx is allowed by ARMv8): the claim is an ARM fact, not an x86 one.");
    vec![p1, p2, p3]
}

fn c22(r: &mut R) -> Vec<P> {
    let loads = |r: &mut R| -> Got<String> {
        let mut v = Vec::new();
        for t in ["CoRR+rlx", "MP+ra", "SB+sc"] {
            v.push(r.asm(t, "x86_64")?.figure());
        }
        Ok(v.join("; "))
    };
    let p1 = part(r, |r| {
        let s = loads(r)?;
        Ok(P::holds(format!(
            "a load of the pointer is one plain mov; so are Rust's atomic loads: {s}"
        )))
    });
    let p2 = part(r, |r| {
        let s = loads(r)?;
        let sc = r.asm("SB+sc", "x86_64")?;
        let arm = r.asm("SB+sc", "aarch64")?.figure();
        let locked_load = sc.signatures.iter().any(|sig| {
            sig.iter()
                .any(|t| t.contains("load") && (t.starts_with("lock") || t.contains("xchg")))
        });
        let m = r.models("CoRR+rlx")?;
        let run = r.run("CoRR+rlx")?;
        r.figure(sc.figure(), "rustc's x86_64 code");
        Ok(P::judged(
            locked_load,
            "an atomic load needs a lock prefix",
            format!(
                "{s}: Relaxed, Acquire and SeqCst loads are all a plain mov (an aligned 8-byte \
                 mov is single-copy atomic on x86_64); LOCK is for read-modify-writes. On aarch64 \
                 a SeqCst load is an LDAR, still a single load ({arm}). {}; {}",
                m.figure(),
                run.figure()
            ),
        ))
    });
    r.change(
        "An unaligned or wider-than-8-byte load would not be atomic; the pointer load is neither.",
    );
    vec![
        p1,
        p2,
        untestable(
            "the caller's contract inside Go's runtime (no growth or write in progress) is Go's",
        ),
    ]
}

fn c23(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let add = r.models("FlagAdd+rlx")?;
        let lost = r.num("prog:flag-bits", "lost_or")?;
        let line = first_line(r, "prog:flag-bits")?;
        let or = match r.models("Bits+or") {
            Ok(m) => m.figure(),
            Err(super::Gap(why)) => format!("the fetch_or litmus test is pending: {why}"),
        };
        Ok(P::judged(
            add.forbidden_by_all() && lost == 0.0,
            format!(
                "{}: an atomic read-modify-write on disjoint bits never loses one (fetch_add of \
                 clear, disjoint bits computes what fetch_or does); {or}; {line}",
                add.figure()
            ),
            format!("{}; {line}", add.figure()),
        ))
    });
    let p2 = part(r, |r| {
        let m = r.models("FlagStore+rlx")?;
        let run = r.run("FlagStore+rlx")?;
        let ls = match r.models("Bits+ldst") {
            Ok(m) => m.figure(),
            Err(super::Gap(why)) => format!("the load-OR-store version is pending: {why}"),
        };
        let lost = r.num("prog:flag-bits", "lost_store")?;
        r.figure(m.figure(), "the model checker");
        if run.seen() {
            r.relies_on_seen(run);
        }
        Ok(P::judged(
            m.allows(Model::Sc),
            format!(
                "{}; {}; whole-word stores lost a bit in {lost} words in-process: a store \
                 replaces the other bit, under SC already; {ls}",
                m.figure(),
                run.figure()
            ),
            m.figure(),
        ))
    });
    let p3 = part(r, |r| {
        let m = r.models("FlagCarry+rlx")?;
        Ok(P::judged(
            m.allows(Model::Sc),
            format!(
                "{}: adding bit 0 twice clears it and sets bit 1 (sameSizeGrow)",
                m.figure()
            ),
            m.figure(),
        ))
    });
    vec![p1, p2, p3]
}

fn c24(r: &mut R) -> Vec<P> {
    let p3 = part(r, |r| {
        let m = r.models("CheckThenSet+sc")?;
        let run = r.run("CheckThenSet+sc")?;
        let tas = r.models("TestAndSet+sc")?;
        let branch = match r.models("CheckThenSet+if") {
            Ok(b) => b.figure(),
            Err(super::Gap(why)) => format!("the branching version is pending: {why}"),
        };
        if run.seen() {
            r.relies_on_seen(run);
            r.figure(run.figure(), platform_of(run));
        } else {
            r.figure(m.figure(), "the model checker");
        }
        Ok(P::judged(
            !m.allows(Model::Sc),
            "an atomic check then an atomic set catches every conflict",
            format!(
                "{}; {}: both threads can see the flag clear before either sets it, even under \
                 SC; atomic operations make each access indivisible, not the pair. One \
                 read-modify-write closes the window: {}; {branch}",
                m.figure(),
                run.figure(),
                tas.figure()
            ),
        ))
    });
    let doc = r.doc("go-flags-plain").unwrap_or_else(|super::Gap(w)| w);
    let go = format!("a statement about Go's runtime code (docs/go-map.md: {doc})");
    r.change("A detector built on one atomic read-modify-write (test-and-set) would catch every overlap it takes part in; Go's is best-effort by design.");
    vec![untestable(&go), untestable(&go), p3]
}

fn c25(r: &mut R) -> Vec<P> {
    let publ = |r: &mut R| -> Got<P> {
        let m = r.models("BucketPub+ra")?;
        let run = r.run("map.publish+seqcst")?;
        Ok(P::judged(
            m.forbidden_by_all() && !run.seen(),
            format!(
                "{}; the map's own publication test {}: a table published with Release is seen \
                 complete by an Acquire load",
                m.figure(),
                run.figure()
            ),
            format!("{}; {}", m.figure(), run.figure()),
        ))
    };
    let p1 = part(r, publ);
    let p2 = part(r, publ);
    let p4 = part(r, |r| {
        let (ra, sc, fence) = (
            r.models("DirtyFlag+ra")?,
            r.models("DirtyFlag+sc")?,
            r.models("DirtyFlag+fence")?,
        );
        let run_ra = r.run("DirtyFlag+ra")?;
        let (hs, hw) = (
            r.run("map.handshake+seqcst")?,
            r.run("map.handshake+acqrel")?,
        );
        if run_ra.seen() {
            r.relies_on_seen(run_ra);
        }
        r.figure(
            format!("{}; {}", fence.figure(), run_ra.figure()),
            platform_of(run_ra),
        );
        Ok(P::judged(
            fence.forbidden_by_all() && !hs.seen(),
            format!(
                "with full barriers on both sides the writer never frees a table a reader holds: \
                 {}; map.handshake+seqcst {}. Release/Acquire alone is not enough: {}; {}; \
                 map.handshake+acqrel {}; and SeqCst accesses are not either under QEMU's \
                 translation ({})",
                fence.figure(),
                hs.figure(),
                ra.figure(),
                run_ra.figure(),
                hw.figure(),
                sc.figure()
            ),
            format!("{}; {}", fence.figure(), hs.figure()),
        ))
    });
    r.change("Reclamation by Release/Acquire alone (DirtyFlag+ra) fails; in Go the garbage collector does the waiting.");
    vec![
        p1,
        p2,
        untestable("a property of immutable snapshots (nothing mutates a published table), not of ordering"),
        p4,
    ]
}

fn c26(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let (n, refused) = (
            r.num("prog:rwlock-iteration", "iterations")?,
            r.num("prog:rwlock-iteration", "try_write_refused")?,
        );
        Ok(P::judged(
            refused == n,
            format!("try_write was refused in all {n} iterations while a read guard was held"),
            format!(
                "try_write succeeded in {} of {n} iterations under a read guard",
                n - refused
            ),
        ))
    });
    let p3 = part(r, |r| {
        let torn = r.num("prog:rwlock-iteration", "torn")?;
        let line = first_line(r, "prog:rwlock-iteration")?;
        r.figure(line.clone(), "this machine");
        Ok(P::judged(
            torn > 0.0,
            "iteration under the read lock saw a torn map",
            format!(
                "{line}: with every writer taking the write lock, iterating under the read lock \
                 is safe (the seed's §1 says so too); only a writer that skips the lock breaks \
                 it, and safe Rust does not compile one"
            ),
        ))
    });
    r.change("A writer that bypasses the lock (Go's delete without Lock) makes it racy; in Rust that needs unsafe code.");
    vec![
        p1,
        untestable("a write that bypasses the RwLock cannot be written in safe Rust (the borrow checker rejects it)"),
        p3,
    ]
}

fn c27(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let lost = r.num("prog:lost-update", "lost_per_op")?;
        let line = first_line(r, "prog:lost-update")?;
        let m = r.models("CheckThenSet+sc")?;
        let inc = match r.models("LostUpdate+sc") {
            Ok(x) => x.figure(),
            Err(super::Gap(why)) => format!("the increment test is pending: {why}"),
        };
        r.figure(line.clone(), "this machine");
        if lost > 0.0 && lost < super::super::evidence::STRONG_OBSERVED as f64 {
            r.weak(format!("only {lost} lost updates observed"));
        }
        Ok(P::judged(
            lost > 0.0 || m.allows(Model::Sc),
            format!(
                "{line}; the load-then-store shape is allowed under SC ({}); {inc}",
                m.figure()
            ),
            line.clone(),
        ))
    });
    let p2 = part(r, |r| {
        let lost = r.num("prog:lost-update", "lost_whole")?;
        Ok(P::judged(
            lost == 0.0,
            format!("{lost} updates lost with one lock around the whole unit"),
            format!("{lost} updates lost even with one lock around the whole unit"),
        ))
    });
    vec![p1, p2]
}

fn c28(r: &mut R) -> Vec<P> {
    let p2 = part(r, |r| {
        let a = r.run("SB+rlx")?;
        let b = r.run("DirtyFlag+rlx")?;
        if a.seen() {
            r.relies_on_seen(a);
        }
        r.figure(a.figure(), platform_of(a));
        Ok(P::judged(
            !a.seen() && !b.seen(),
            "binding threads made the reordering disappear",
            format!(
                "{}; {}: the runner pins every test thread to its own core (a stronger binding \
                 than LockOSThread's goroutine-to-thread), and the store→load reordering still \
                 shows: ordering comes from each core's store buffer, not from migration",
                a.figure(),
                b.figure()
            ),
        ))
    });
    r.change("Only synchronisation (a lock around the writes, or atomics with the right orderings) protects the map; LockOSThread binds a goroutine to an OS thread, not to a core, and does not order memory.");
    vec![
        untestable("the article's own policy (a mandate, not a fact)"),
        p2,
    ]
}
