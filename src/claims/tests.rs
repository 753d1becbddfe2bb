//! Unit tests of the catalogue: its data, its keys, and its rules run on real evidence
//! gathered with tiny budgets (no QEMU: that evidence is pending here, as on a machine without
//! the aarch64 build).

use super::data::{parse, CLAIMS_TOML};
use super::decision::{State, Verdict};
use super::evidence::{Body, Key};
use super::*;

#[test]
fn catalogue_parses_with_77_claims_and_ids_in_order() {
    let c = data::checked().expect("claims/claims.toml parses");
    assert_eq!(c.len(), 77);
    for (i, claim) in c.iter().enumerate() {
        assert_eq!(claim.id, format!("C{:02}", i + 1));
        assert_eq!(claim.is_go_only(), i + 1 >= 63, "{}", claim.id);
    }
}

#[test]
fn bad_catalogues_are_rejected_with_the_claim_named() {
    let first = CLAIMS_TOML.replacen("id = \"C01\"", "id = \"C02\"", 1);
    let e = parse(&first, "x.toml").unwrap_err();
    assert!(e.contains("claim C02: expected id C01"), "{e}");
    let key = CLAIMS_TOML.replacen("\"run:SB+rlx\"", "\"runs:SB+rlx\"", 1);
    let e = parse(&key, "x.toml").unwrap_err();
    assert!(
        e.contains("C01") && e.contains("unknown evidence kind `runs`"),
        "{e}"
    );
    let e = parse("[[claim]]\nid = 3\n", "x.toml").unwrap_err();
    assert!(e.starts_with("x.toml:2:"), "{e}");
}

#[test]
fn keys_round_trip() {
    for c in data::catalogue() {
        for k in &c.evidence {
            assert_eq!(Key::parse(k).unwrap().to_string(), *k);
        }
    }
    assert!(Key::parse("qemu[]:MP+rlx").is_err());
    assert!(Key::parse("asm:MP+rlx@sparc").is_err());
    assert!(Key::parse("nokind").is_err());
}

#[test]
fn select_accepts_forms_and_rejects_unknown_ids() {
    let s = select(&["c5".into(), "C05".into(), "77".into()]).unwrap();
    assert_eq!(
        s.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["C05", "C77"]
    );
    assert!(select(&["C78".into()]).unwrap_err().contains("C78"));
    assert!(select(&["C00".into()]).is_err());
    assert!(select(&["x".into()]).is_err());
}

/// Gather every claim's evidence with tiny budgets and decide all 77: no rule may read an
/// undeclared key or miss a value, every rule judges all its parts, and where all of a
/// claim's evidence is present the rule read every key it declares.
#[test]
fn every_rule_reads_exactly_its_declared_evidence() {
    let all: Vec<&Claim> = data::catalogue().iter().collect();
    let o = Options {
        quick: true,
        aarch64: Some(std::path::PathBuf::from("/nonexistent/orderlab-aarch64")),
        scale: 0.05,
    };
    let c = run(&all, &o, &mut |_| {});
    assert_eq!(c.claims.len(), 77);
    let mut wrong = Vec::new();
    for d in &c.claims {
        let (claim, dec) = (&d.claim, &d.decision);
        if let Some(e) = &dec.error {
            wrong.push(format!("{}: {e}", claim.id));
        }
        assert_eq!(dec.parts.len(), claim.parts.len(), "{}", claim.id);
        let all_present = claim.evidence.iter().all(|k| {
            !matches!(
                c.evidence.get(k).map(|i| &i.body),
                Some(Body::Missing { .. }) | None
            )
        });
        if all_present {
            let declared: std::collections::BTreeSet<&String> = claim.evidence.iter().collect();
            let unread: Vec<&&String> = declared.iter().filter(|k| !dec.used.contains(k)).collect();
            if !unread.is_empty() {
                wrong.push(format!("{}: declared but unread: {unread:?}", claim.id));
            }
            if dec.parts.iter().any(|p| p.state == State::Pending) && claim.id != "C39" {
                wrong.push(format!("{}: pending with all evidence present", claim.id));
            }
        }
        if claim.is_go_only() {
            assert_eq!(dec.verdict, Verdict::NotTestable);
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // QEMU evidence names what is missing.
    let q = c.evidence.get("qemu:MP+rlx").unwrap();
    assert!(matches!(&q.body, Body::Missing { why } if why.contains("aarch64")));
}
