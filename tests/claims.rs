//! `orderlab claims` through the binary: bad input, Go-only claims, and deterministic claims
//! (map facts computed from the map's own code) decided and written as JSON and Markdown.

mod common;

use std::path::PathBuf;

fn orderlab(args: &[&str]) -> (i32, String, String) {
    let out = common::command().args(args).output().expect("run orderlab");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("orderlab-claims-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn unknown_claims_and_conflicting_pages_are_bad_input() {
    let (code, _, err) = orderlab(&["claims", "C78"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown claim `C78`"), "{err}");
    let (code, _, _) = orderlab(&["claims", "C01", "--html", "a.html", "--markdown", "a.md"]);
    assert_eq!(code, 2);
}

#[test]
fn go_only_claims_are_not_testable_here_and_gather_nothing() {
    let dir = tmp("go");
    let json = dir.join("c.json");
    let (code, out, err) = orderlab(&["claims", "C63", "C77", "--json", json.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("C63  NOT TESTABLE HERE"), "{out}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let claims = v["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2);
    for c in claims {
        assert_eq!(c["decision"]["verdict"], "NOT TESTABLE HERE");
        assert!(c["claim"]["go_only"]
            .as_str()
            .is_some_and(|s| !s.is_empty()));
    }
    assert_eq!(v["evidence"]["items"].as_object().unwrap().len(), 0);
}

#[test]
fn map_design_claims_are_decided_from_the_map_s_own_code() {
    let dir = tmp("map");
    let md = dir.join("c.md");
    let json = dir.join("c.json");
    let (code, out, err) = orderlab(&[
        "claims",
        "C42",
        "C44",
        "C45",
        "--quick",
        "--markdown",
        md.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    // Go's map as the lab reproduces it: 8 slots per bucket, index = low bits of the hash.
    assert!(out.contains("C42  TRUE"), "{out}");
    assert!(out.contains("C44  FALSE"), "{out}");
    assert!(out.contains("C45  TRUE"), "{out}");
    let md = std::fs::read_to_string(&md).unwrap();
    assert!(md.contains("## C44") && md.contains("通过高位哈希值定位 bucket"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let item = &v["evidence"]["items"]["map:index"];
    assert_eq!(item["body"]["kind"], "fact");
    assert_eq!(
        item["body"]["values"]["placements"],
        item["body"]["values"]["index_low_bits"]
    );
}

/// A claim page shows why a model forbids an outcome, and draws a cycle only where there is
/// one: TestAndSet+sc (C24) is forbidden because no candidate execution reaches its outcome.
#[test]
fn a_forbidden_outcome_without_a_cycle_gets_no_empty_picture() {
    let dir = tmp("c24");
    let html = dir.join("c.html");
    let (code, out, err) =
        orderlab(&["claims", "C24", "--quick", "--html", html.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\n1 claim: "), "{out}");
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(
        html.contains("Why RC11 forbids it: no candidate execution reaches the outcome at all"),
        "the page does not say why TestAndSet+sc is forbidden"
    );
    assert!(!html.contains("<pre></pre>"), "an empty block is drawn");
}
