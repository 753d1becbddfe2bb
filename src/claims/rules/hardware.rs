//! Rules of the hardware, QEMU and publication claims (C01-C14).

use super::{on_x86, part, platform_of, Got, PartVerdict as P, R};
use crate::model::Model;

pub(super) fn rule(id: &str) -> Option<fn(&mut R) -> Vec<P>> {
    Some(match id {
        "C01" => c01,
        "C02" => c02,
        "C03" => c03,
        "C04" => c04,
        "C05" => c05,
        "C06" => c06,
        "C07" => c07,
        "C08" => c08,
        "C09" => c09,
        "C10" => c10,
        "C11" => c11,
        "C12" => c12,
        "C13" => c13,
        "C14" => c14,
        _ => return None,
    })
}

/// "Observed on x86": `test` ran natively on x86 hardware and showed its target outcome.
/// Elsewhere the x86-TSO model decides alone (said as a weakness).
fn x86_seen(r: &mut R, test: &str) -> Got<bool> {
    let run = r.run(test)?;
    if !on_x86(run) {
        r.weak(format!(
            "{test} ran on {}, not on x86 hardware: the x86-TSO model decides alone",
            run.platform.key()
        ));
        return Ok(false);
    }
    if run.seen() {
        r.relies_on_seen(run);
    }
    Ok(run.seen())
}

fn c01(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let m = r.models("SB+rlx")?;
        let seen = x86_seen(r, "SB+rlx")?;
        let run = r.run("SB+rlx")?;
        if seen {
            r.figure(run.figure(), platform_of(run));
        } else {
            r.figure(m.figure(), "the x86-TSO model");
        }
        let ra = r.run("SB+ra")?;
        let fence = r.run("SB+fence")?;
        let sc = r.run("SB+sc")?;
        let asm = r.asm("SB+rlx", "x86_64")?.figure();
        let sc_asm = r.asm("SB+sc", "x86_64")?.figure();
        Ok(P::judged(
            !m.allows(Model::X86Tso) && !seen,
            "x86-TSO forbids SB+rlx and it was never observed",
            format!(
                "{}; {}; {} ({asm}): each thread's load is satisfied while its own store still \
                 waits in the store buffer, i.e. store→load reordering, with Release/Acquire \
                 too. Only a locked instruction or MFENCE between them orders them: {} ({sc_asm}), \
                 {}",
                run.figure(),
                ra.figure(),
                m.figure(),
                sc.figure(),
                fence.figure()
            ),
        ))
    });
    let p2 = part(r, |r| {
        let seen_rlx = x86_seen(r, "DirtyFlag+rlx")?;
        let seen_ra = x86_seen(r, "DirtyFlag+ra")?;
        let (a, b) = (r.run("DirtyFlag+rlx")?, r.run("DirtyFlag+ra")?);
        let m = r.models("SB+rlx")?;
        Ok(P::judged(
            !seen_rlx && !seen_ra && !m.allows(Model::X86Tso),
            "the store-then-load pattern never misread on x86",
            format!(
                "{}; {}: the flag store and the later load of the other location are reordered \
                 on x86 with plain (Relaxed) and with Release/Acquire accesses alike",
                a.figure(),
                b.figure()
            ),
        ))
    });
    r.change(
        "Nothing on x86: the store buffer is part of x86-TSO. The pattern becomes reliable with a \
         SeqCst store (xchg) or a SeqCst fence (mfence) between the store and the load, as SB+sc \
         and SB+fence show.",
    );
    vec![p1, p2]
}

fn c02(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let m = r.models("MP+rlx")?;
        let seen = x86_seen(r, "MP+rlx")?;
        let run = r.run("MP+rlx")?;
        let asm = r.asm("MP+rlx", "x86_64")?.figure();
        Ok(P::judged(
            !m.allows(Model::X86Tso) && !seen,
            format!(
                "{}; {} ({asm}): x86 makes a thread's stores visible in program order",
                m.figure(),
                run.figure()
            ),
            format!("{}; {}", m.figure(), run.figure()),
        ))
    });
    let p2 = part(r, |r| {
        let m = r.models("IsEmpty+sc")?;
        let run = r.run("IsEmpty+sc")?;
        if run.seen() {
            r.relies_on_seen(run);
            r.figure(run.figure(), platform_of(run));
        } else {
            r.figure(m.figure(), "the model checker");
        }
        Ok(P::judged(
            !m.allows(Model::Sc),
            "the misjudgement cannot happen on x86",
            format!(
                "{}; {}: with the diagram's order (is_empty=0 first, entry second) a reader that \
                 runs between the two stores sees the bucket non-empty and its entry NULL under \
                 sequential consistency itself, so on x86 too: the misjudgement needs no \
                 reordering, only the wrong store order",
                m.figure(),
                run.figure()
            ),
        ))
    });
    r.change("Storing the entry before the flag (and publishing the flag with Release) removes the interleaving; no platform can then show it (BucketPub+ra).");
    vec![p1, p2]
}

fn c03(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let shapes = ["MP+rlx", "SB+rlx", "LB+rlx", "S+rlx", "R+rlx", "2+2W+rlx"];
        let mut allowed = Vec::new();
        let mut not = Vec::new();
        for t in shapes {
            if r.models(t)?.allows(Model::Armv8) {
                allowed.push(t);
            } else {
                not.push(t);
            }
        }
        r.figure(
            format!("ARMv8 allows {} with plain LDR/STR", allowed.join(", ")),
            "the ARMv8 model",
        );
        Ok(P::judged(
            not.is_empty(),
            format!(
                "the ARMv8 model allows {}: load→load, load→store, store→store and store→load \
                 reordering between plain accesses to different addresses",
                allowed.join(", ")
            ),
            format!("the ARMv8 model forbids {}", not.join(", ")),
        ))
    });
    let p2 = part(r, |r| {
        let mut others = Vec::new();
        for t in ["MP+fence", "SB+fence", "CoRR+rlx", "CoWR+rlx"] {
            if !r.models(t)?.allows(Model::Armv8) {
                others.push(t);
            }
        }
        let ra = r.models("MP+ra")?;
        Ok(P::judged(
            others.is_empty(),
            "only STLR/LDAR restrict ordering on ARMv8",
            format!(
                "ARMv8 also forbids {}: DMB barriers order accesses (MP+fence, SB+fence), and \
                 accesses to the same address keep coherence order (CoRR, CoWR) without any \
                 STLR/LDAR; STLR/LDAR do order too ({}). Read as 'plain accesses to different \
                 addresses may be reordered', the sentence is right; read literally it is not",
                others.join(", "),
                ra.figure()
            ),
        ))
    });
    r.change("ARM hardware would show the allowed outcomes (QEMU on x86 cannot); no run can turn an ARMv8 'forbidden' into 'allowed'.");
    vec![p1, p2]
}

fn c04(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let m = r.models("SB+rlx")?;
        Ok(P::judged(
            m.allows(Model::Armv8),
            format!("{}: STR then LDR may be reordered on ARMv8", m.figure()),
            m.figure(),
        ))
    });
    let p2 = part(r, |r| {
        let m = r.models("SB+fence")?;
        let asm = r.asm("SB+fence", "aarch64")?.figure();
        r.figure(m.figure(), "the ARMv8 model");
        Ok(P::judged(
            !m.allows(Model::Armv8),
            format!(
                "{}; {asm}: DMB ISH between the store and the load orders them",
                m.figure()
            ),
            m.figure(),
        ))
    });
    let p3 = part(r, |r| {
        let m = r.models("SB+sc")?;
        let asm = r.asm("SB+sc", "aarch64")?.figure();
        let x86 = r.asm("SB+sc", "x86_64")?.figure();
        let ra = r.models("SB+ra")?;
        let rcpc = r.asm("SB+ra", "aarch64+rcpc")?.figure();
        let q = r.qemu(None, "SB+sc").ok().map(|q| q.figure());
        Ok(P::judged(
            !m.allows(Model::Armv8),
            format!(
                "{}; {asm}: an STLR followed by an LDAR is ordered (RCsc), as x86's xchg \
                 orders it ({x86}). Limits: with LDAPR instead of LDAR the order is lost ({}, \
                 {rcpc}){}",
                m.figure(),
                ra.figure(),
                q.map_or(String::new(), |q| format!(
                    "; and qemu-user on x86 does not keep it: {q}"
                ))
            ),
            m.figure(),
        ))
    });
    r.change("A QEMU run cannot confirm ARMv8 verdicts (QEMU lets SB+sc through); ARM hardware could only fail to show what the model allows, never disprove a 'forbidden'.");
    vec![p1, p2, p3]
}

fn c05(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let m = r.models("SB+rlx")?;
        let run = r.run("SB+rlx")?;
        let q = r.qemu(None, "SB+rlx").ok().map(|q| q.figure());
        r.figure(m.figure(), "the ARMv8 model");
        Ok(P::judged(
            m.allows(Model::Armv8),
            format!(
                "{}; a Relaxed load may be performed before the same thread's earlier store to \
                 another address (also on x86: {}{})",
                m.figure(),
                run.figure(),
                q.map_or(String::new(), |q| format!("; under qemu-user: {q}"))
            ),
            m.figure(),
        ))
    });
    let p2 = part(r, |r| {
        let m = r.models("IsEmpty+sc")?;
        let mp = r.models("MP+rlx")?;
        Ok(P::judged(
            !m.allows(Model::Sc),
            "the stale NULL needs the store→load reordering",
            format!(
                "{}: a reader between the writer's two stores sees is_empty=0 and a NULL entry \
                 under sequential consistency, with no reordering at all. Had the writer stored \
                 the entry first, the stale entry would need load→load or store→store \
                 reordering instead ({}), not store→load",
                m.figure(),
                mp.figure()
            ),
        ))
    });
    r.change("Writing the entry before clearing is_empty, with a Release store of the flag and an Acquire load, makes the stale entry impossible on every platform (BucketPub+ra).");
    vec![p1, p2]
}

const PMU: &str = "cortex-a72,pmu=on";

fn c06(r: &mut R) -> Vec<P> {
    let tests = ["MP+rlx", "LB+rlx", "S+rlx"];
    let judge = |r: &mut R| -> Got<P> {
        let c = r.cmd("qemu-aarch64 -cpu cortex-a72,pmu=on")?;
        let accepted = c.accepted();
        let mut with = Vec::new();
        let mut without = Vec::new();
        let mut any = false;
        for t in tests {
            let a = r.qemu(Some(PMU), t)?;
            let b = r.qemu(None, t)?;
            any |= a.seen() || b.seen();
            with.push(a.figure());
            without.push(b.figure());
        }
        let arm = r.models("MP+rlx")?;
        let first = r.qemu(Some(PMU), "MP+rlx")?;
        r.figure(
            format!("with pmu=on: {}", with.join(", ")),
            platform_of(first),
        );
        Ok(P::judged(
            any,
            "pmu=on made ARM-only outcomes appear",
            format!(
                "qemu-aarch64 {} `-cpu {PMU}`; with it {}; without it {}. These outcomes are \
                 ARM's ({}) and QEMU on an x86 host cannot produce them either way: pmu=on turns \
                 on the emulated performance monitoring unit, not a memory model",
                if accepted { "accepts" } else { "rejects" },
                with.join(", "),
                without.join(", "),
                arm.figure()
            ),
        ))
    };
    let p1 = part(r, judge);
    let p2 = part(r, judge);
    r.change("Decided in user mode (qemu-aarch64); the article names qemu-system-aarch64, whose TCG translation on an x86 host is the same. ARM hardware (or QEMU on an ARM host) would show these outcomes, with or without pmu=on.");
    vec![p1, p2]
}

fn c07(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let x = r.cmd("qemu-x86_64 -cpu qemu64,+tso")?;
        let a = r.cmd("qemu-aarch64 -cpu qemu64,+tso")?;
        r.figure(
            x.stderr.lines().last().unwrap_or("accepted").to_string(),
            "QEMU on this host",
        );
        Ok(P::judged(
            x.accepted(),
            "qemu-x86_64 accepts +tso on qemu64",
            format!(
                "qemu-x86_64 says `{}`; qemu-aarch64 says `{}` (qemu64 is an x86 CPU model)",
                x.stderr.trim(),
                a.stderr.trim()
            ),
        ))
    });
    let p2 = part(r, |r| {
        let c = r.cmd("qemu-aarch64 -cpu cortex-a57,weakly-ordered=on")?;
        Ok(P::judged(
            c.accepted(),
            "qemu-aarch64 accepts weakly-ordered=on",
            format!("qemu-aarch64 says `{}`", c.stderr.trim()),
        ))
    });
    let p3 = part(r, |r| {
        let a = r.cmd("qemu-x86_64 -cpu qemu64,+tso")?.accepted();
        let b = r
            .cmd("qemu-aarch64 -cpu cortex-a57,weakly-ordered=on")?
            .accepted();
        Ok(P::judged(
            a && b,
            "both settings exist",
            "neither setting exists, so there is nothing to compare: QEMU has no switch for the \
             emulated memory model",
        ))
    });
    r.change("Decided on this QEMU version in user mode; a QEMU release that added such properties would change it (none is documented).");
    vec![p1, p2, p3]
}

fn c08(r: &mut R) -> Vec<P> {
    let arm_only = [
        "MP+rlx",
        "LB+rlx",
        "S+rlx",
        "2+2W+rlx",
        "WRC+rlx",
        "BucketPub+rlx",
    ];
    let p1 = part(r, |r| {
        let mut seen = Vec::new();
        let mut figs = Vec::new();
        for t in arm_only {
            let q = r.qemu(None, t)?;
            if q.seen() {
                seen.push(t);
            }
            figs.push(q.figure());
        }
        let m = r.models("MP+rlx")?;
        let q0 = r.qemu(None, "MP+rlx")?;
        r.figure(figs.join("; "), platform_of(q0));
        Ok(P::judged(
            !seen.is_empty(),
            format!("QEMU showed ARM-only outcomes: {}", seen.join(", ")),
            format!(
                "under qemu-user on this x86 host: {}. ARMv8 allows them ({}), the QEMU-on-x86 \
                 model forbids them: QEMU runs guest loads and stores as host moves, so the guest \
                 sees x86-TSO",
                figs.join("; "),
                m.figure()
            ),
        ))
    });
    let p2 = part(r, |r| {
        let q = r.qemu(None, "MP+rlx")?;
        Ok(P::judged(
            q.seen(),
            "a QEMU run verifies the ARM rows",
            "a QEMU run on an x86 host cannot verify ARM weak ordering: it inherits x86-TSO (and \
             adds its own weakness: SB with SeqCst accesses shows under QEMU, which ARMv8 forbids)",
        ))
    });
    let p3 = part(r, |r| {
        let seen = x86_seen(r, "SB+rlx")?;
        let run = r.run("SB+rlx")?;
        let q = r.qemu(None, "SB+rlx").ok().map(|q| q.figure());
        Ok(P::judged(
            !seen,
            "x86 showed no misjudgement",
            format!(
                "{}{}: the table's x86 row (store→load reordering forbidden) is contradicted on x86 \
                 itself",
                run.figure(),
                q.map_or(String::new(), |q| format!("; under QEMU: {q}"))
            ),
        ))
    });
    r.change("ARM hardware, or QEMU on an ARM host, would show the ARM-only outcomes.");
    vec![p1, p2, p3]
}

fn c09(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let m = r.models("BucketPub+rlx")?;
        let na = match r.models("MP+plain+rlx") {
            Ok(x) => format!("; with plain accesses: {}", x.figure()),
            Err(super::Gap(why)) => format!("; the plain-assignment version is pending ({why})"),
        };
        r.figure(m.figure(), "the model checker");
        Ok(P::judged(
            m.allows(Model::Rc11),
            format!(
                "{}: the language lets a reader see the publication before the contents{na}",
                m.figure()
            ),
            m.figure(),
        ))
    });
    let p2 = part(r, |r| {
        let m = r.models("BucketPub+rlx")?;
        let run = r.run("BucketPub+rlx")?;
        let q = r.qemu(None, "BucketPub+rlx").ok().map(|q| q.figure());
        Ok(P::judged(
            m.allows(Model::Rc11) && m.allows(Model::Armv8),
            format!(
                "{}; the hardware here never showed it ({}{}): the compiler may, and ARM \
                 hardware may; x86 keeps stores in order",
                m.figure(),
                run.figure(),
                q.map_or(String::new(), |q| format!("; {q} under QEMU"))
            ),
            m.figure(),
        ))
    });
    let p3 = part(r, |r| {
        let sc = r.models("BucketPub+sc")?;
        let ra = r.models("BucketPub+ra")?;
        Ok(P::judged(
            sc.forbidden_by_all() && ra.forbidden_by_all(),
            format!(
                "{}; {}: a SeqCst (Go's atomic.StorePointer) or Release publication with an \
                 Acquire (or SeqCst) load makes the contents visible",
                sc.figure(),
                ra.figure()
            ),
            format!("{}; {}", sc.figure(), ra.figure()),
        ))
    });
    r.change("The reader must load the pointer with Acquire (or SeqCst): with a Relaxed load the fix does not hold (MP+rel+rlx is allowed).");
    vec![p1, p2, p3]
}

fn c10(r: &mut R) -> Vec<P> {
    let judge = |r: &mut R| -> Got<P> {
        let seen = r.num("prog:spin-visibility", "seen")?;
        let trials = r.num("prog:spin-visibility", "trials")?;
        let line = r
            .fact("prog:spin-visibility")?
            .lines
            .first()
            .cloned()
            .unwrap_or_default();
        let (corr, cowr, ww) = (
            r.models("CoRR+rlx")?,
            r.models("CoWR+rlx")?,
            r.models("2+2W+rlx")?,
        );
        let (a, b) = (r.run("CoRR+rlx")?, r.run("CoWR+rlx")?);
        r.figure(line.clone(), "this machine");
        let coherent = seen == trials
            && corr.forbidden_by_all()
            && cowr.forbidden_by_all()
            && !a.seen()
            && !b.seen();
        Ok(P::judged(
            !coherent,
            "a store stayed invisible in some core's cache",
            format!(
                "{line}; {}; {}; {}, {}: per location, every core sees one order of writes. What \
                 the models do allow across locations (e.g. {}) is reordering, not unflushed caches",
                corr.figure(),
                cowr.figure(),
                a.figure(),
                b.figure(),
                ww.figure()
            ),
        ))
    };
    let p1 = part(r, judge);
    let p2 = part(r, judge);
    r.change("No platform the lab knows has non-coherent caches for normal memory; stale reads come from store buffers, out-of-order execution and the compiler, which Release/Acquire or SeqCst order.");
    vec![p1, p2]
}

fn c11(r: &mut R) -> Vec<P> {
    let judge = |r: &mut R| -> Got<P> {
        let (sc, ra, rlx, relrlx) = (
            r.models("BucketPub+sc")?,
            r.models("BucketPub+ra")?,
            r.models("BucketPub+rlx")?,
            r.models("MP+rel+rlx")?,
        );
        let run = r.run("BucketPub+sc")?;
        let q = r.qemu(None, "BucketPub+sc").ok().map(|q| q.figure());
        r.figure(sc.figure(), "the model checker");
        Ok(P::judged(
            sc.allows(Model::Rc11) || ra.allows(Model::Rc11),
            "an atomic pointer store leaves the contents unordered",
            format!(
                "{}; {}; {}{}: a SeqCst or Release pointer store orders every write made before \
                 it for a reader that loads the pointer with Acquire. The claim holds only of a \
                 Relaxed store ({}) or a Relaxed reader ({})",
                sc.figure(),
                ra.figure(),
                run.figure(),
                q.map_or(String::new(), |q| format!("; {q} under QEMU")),
                rlx.figure(),
                relrlx.figure()
            ),
        ))
    };
    let p1 = part(r, judge);
    let p2 = part(r, judge);
    r.change("Only a Relaxed store or load of the pointer (which Go's sync/atomic does not offer) would make it true.");
    vec![p1, p2]
}

fn c12(r: &mut R) -> Vec<P> {
    let judge = |r: &mut R| -> Got<P> {
        let (ra, rlx) = (r.models("LockHandoff+ra")?, r.models("LockHandoff+rlx")?);
        let run = r.run("LockHandoff+ra")?;
        let q = r.qemu(None, "LockHandoff+ra").ok().map(|q| q.figure());
        let stale = r.num("prog:mutex-handoff", "stale")?;
        let line = r
            .fact("prog:mutex-handoff")?
            .lines
            .first()
            .cloned()
            .unwrap_or_default();
        r.figure(ra.figure(), "the model checker");
        Ok(P::judged(
            ra.allows(Model::Rc11) || stale > 0.0,
            "a lock handoff can show stale data",
            format!(
                "{}; {}{}; {line}: a mutex's unlock is a Release and its lock an Acquire, so \
                 everything written before the unlock is visible after the next lock. Without \
                 them ({}) it would not be",
                ra.figure(),
                run.figure(),
                q.map_or(String::new(), |q| format!("; {q} under QEMU")),
                rlx.figure()
            ),
        ))
    };
    let p1 = part(r, judge);
    let p2 = part(r, judge);
    let p3 = part(r, judge);
    r.change("Only a broken lock (Relaxed unlock or lock: LockHandoff+rlx) or a reader that takes no lock would show stale data. The seed's own table says correct Mutex use does not break happens-before.");
    vec![p1, p2, p3]
}

fn c13(r: &mut R) -> Vec<P> {
    let p1 = part(r, |r| {
        let n = r.num("prog:channel-handoff", "trials")?;
        Ok(P::holds(format!(
            "the receiver always gets the map ({n} handoffs)"
        )))
    });
    let p2 = part(r, |r| {
        let m = r.models("BucketPub+ra")?;
        let run = r.run("BucketPub+ra")?;
        let missing = r.num("prog:channel-handoff", "missing")?;
        let line = r
            .fact("prog:channel-handoff")?
            .lines
            .first()
            .cloned()
            .unwrap_or_default();
        r.figure(line.clone(), "this machine");
        Ok(P::judged(
            m.allows(Model::Rc11) || missing > 0.0,
            "writes before the send can be missing",
            format!(
                "{}; {}; {line}: a send/receive is a Release/Acquire handoff, so every write made \
                 before the send is visible after the receive",
                m.figure(),
                run.figure()
            ),
        ))
    });
    r.change("Writes made after the send are not covered (PubMutate+ra): mutating the map after handing it over is the real hazard.");
    vec![p1, p2]
}

fn c14(r: &mut R) -> Vec<P> {
    let judge = |r: &mut R| -> Got<P> {
        let (ra, sc, mutate) = (
            r.models("BucketPub+ra")?,
            r.models("BucketPub+sc")?,
            r.models("PubMutate+ra")?,
        );
        let run = r.run("PubMutate+ra")?;
        r.figure(sc.figure(), "the model checker");
        Ok(P::judged(
            sc.allows(Model::Rc11) || ra.allows(Model::Rc11),
            "a fully built map published atomically can be seen incomplete",
            format!(
                "{}; {}: a Release (or SeqCst, as atomic.Value's) publication orders every write \
                 made before it, whatever the structure; no knowledge of the map is needed. What \
                 breaks is mutating after publishing: {}; {}",
                ra.figure(),
                sc.figure(),
                mutate.figure(),
                run.figure()
            ),
        ))
    };
    let p1 = part(r, judge);
    let p2 = part(r, judge);
    r.change("Mutating the published map afterwards (PubMutate+ra, allowed even under SC) would make a reader see an inconsistent map; publishing a fresh copy per change does not.");
    vec![p1, p2]
}
