//! The lab's RC11 and C11 verdicts and data-race findings against herd7's, on every file herd7
//! accepts of four sets: the catalog (`litmus/`), the diy7-generated tests of
//! `tests/data/diy/`, and two folders of herdtools7 — `catalogue/c11popl15/tests/illustrative/`
//! and `herd/tests/instructions/C/` — whose files are not in this repository: set
//! `ORDERLAB_HERDTOOLS` to a herdtools7 checkout to compare them (`bash ci/herd-agreement.sh
//! PATH`); without it that test says it skipped them.
//!
//! herd7's verdicts are fixtures (`tests/data/herd7/*.tsv`, how they were obtained is in their
//! header). A verdict agrees when the lab's "is the condition's target allowed" matches
//! herd7's condition (`exists`: allowed ⇔ Ok; `forall`, `~exists`: allowed ⇔ No); a race
//! finding agrees when the lab finds a data race exactly where herd7 prints `Undef`. A file
//! the lab refuses must be one of [`REFUSED`] (each a construct the lab leaves out, named in
//! the error), a verdict that differs one of [`DIFFER`] (each with its reason): anything else
//! fails.

use orderlab::litmus::{parse_bytes, Quantifier};
use orderlab::model::{Analysis, Model};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Files the lab refuses though herd7 accepts them: (file, the construct the error names).
const REFUSED: &[(&str, &str)] = &[
    (
        "herd/tests/instructions/C/C04.litmus",
        "128-bit integer type",
    ),
    ("herd/tests/instructions/C/C05.litmus", "`Variant=S128`"),
    ("herd/tests/instructions/C/C06.litmus", "`Variant=S128`"),
    ("herd/tests/instructions/C/C17.litmus", "`atomic_t`"),
    (
        "diy/MP+porlxrel+addrconrlx.litmus",
        "`memory_order_consume`",
    ),
    ("diy/MP+porlxrlx+addrrlxrlx.litmus", "address arithmetic"),
    (
        "diy/WRC+datarlxrlx+addrrlxrlx+Rlx.litmus",
        "address arithmetic",
    ),
];

/// Verdicts that differ from herd7's: (file, model, why).
const DIFFER: &[(&str, &str, &str)] = &[(
    "herd/tests/instructions/C/C13.litmus",
    "c11",
    "herd7's c11 validates `exists 0:r1 != 0` through an out-of-thin-air value (its states \
     print the symbolic S13); the lab does not generate out-of-thin-air values",
)];

#[derive(Clone, Debug)]
struct Row {
    file: String,
    model: String,
    quant: String,
    /// `Ok`, `No`, or `rejected`.
    cond: String,
    race: bool,
}

fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

fn fixture(name: &str) -> Vec<Row> {
    let text = std::fs::read_to_string(data(&format!("herd7/{name}.tsv"))).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "{name}: {l}");
            Row {
                file: f[0].into(),
                model: f[2].into(),
                quant: f[3].into(),
                cond: f[4].into(),
                race: f[5] == "yes",
            }
        })
        .collect()
}

/// Agreement on one set, per model.
#[derive(Default, Debug)]
struct Tally {
    /// Files herd7 accepts.
    files: usize,
    /// Of those, files the lab parses and checks.
    parsed: usize,
    verdicts: usize,
    races: usize,
}

/// Compare the lab with herd7 on every file of `rows` (paths relative to `root`); returns
/// the tally per model and the disagreements that are not expected.
fn compare(root: &Path, rows: &[Row]) -> (BTreeMap<String, Tally>, Vec<String>) {
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut bad = Vec::new();
    let mut files: Vec<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    files.dedup();
    for file in files {
        let mine: Vec<&Row> = rows.iter().filter(|r| r.file == file).collect();
        if mine.iter().all(|r| r.cond == "rejected") {
            continue;
        }
        let bytes = std::fs::read(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let parsed = parse_bytes(&bytes, file);
        for r in &mine {
            tally.entry(r.model.clone()).or_default().files += 1;
        }
        let t = match parsed {
            Err(e) => {
                let refused = REFUSED.iter().find(|(f, _)| *f == file);
                match refused {
                    Some((_, named)) if e.message.contains(named) => {}
                    _ => bad.push(format!("{file}: refused: {e}")),
                }
                continue;
            }
            Ok(t) => t,
        };
        if REFUSED.iter().any(|(f, _)| *f == file) {
            bad.push(format!("{file}: listed as refused, but it parses"));
        }
        let mut a = match Analysis::new(&t) {
            Ok(a) => a,
            Err(e) => {
                bad.push(format!("{file}: {e}"));
                continue;
            }
        };
        for r in &mine {
            let m = Model::from_key(&r.model).unwrap();
            let v = a.verdict(m).unwrap();
            let cell = tally.get_mut(&r.model).unwrap();
            cell.parsed += 1;
            let quant = match t.cond.quant {
                Quantifier::Exists => "exists",
                Quantifier::NotExists => "~exists",
                Quantifier::Forall => "forall",
            };
            assert_eq!(quant, r.quant, "{file}: quantifier");
            let want = if r.quant == "exists" {
                r.cond == "Ok"
            } else {
                r.cond != "Ok"
            };
            let differ = DIFFER
                .iter()
                .any(|(f, model, _)| *f == file && *model == r.model);
            if v.target_allowed == want {
                cell.verdicts += 1;
                if differ {
                    bad.push(format!(
                        "{file} {}: listed as differing, but agrees",
                        r.model
                    ));
                }
            } else if !differ {
                bad.push(format!(
                    "{file} {}: the lab says {}, herd7's condition is {} ({})",
                    r.model,
                    v.word(),
                    r.cond,
                    r.quant
                ));
            }
            if v.race.is_some() == r.race {
                cell.races += 1;
            } else {
                bad.push(format!(
                    "{file} {}: the lab {} a data race, herd7 {}",
                    r.model,
                    if v.race.is_some() {
                        "finds"
                    } else {
                        "finds no"
                    },
                    if r.race { "prints Undef" } else { "does not" }
                ));
            }
        }
    }
    (tally, bad)
}

fn report(set: &str, tally: &BTreeMap<String, Tally>) {
    for (m, t) in tally {
        println!(
            "{set:<16} {m:<5} files {:>3}  parsed {:>3}  verdicts agree {:>3}/{:<3}  races agree {:>3}/{}",
            t.files, t.parsed, t.verdicts, t.parsed, t.races, t.parsed
        );
    }
}

fn check_set(set: &str, root: &Path, fixture_name: &str) -> BTreeMap<String, Tally> {
    let rows = fixture(fixture_name);
    assert!(!rows.is_empty());
    let (tally, bad) = compare(root, &rows);
    report(set, &tally);
    assert!(
        bad.is_empty(),
        "{set}: disagreements with herd7:\n{}",
        bad.join("\n")
    );
    tally
}

#[test]
fn the_catalog_agrees_with_herd7() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let t = check_set("catalog", &root, "catalog");
    // Every catalog file is in the fixture, and herd7 accepts them all.
    let files = orderlab::suite::catalog::ENTRIES.len();
    assert_eq!(t["rc11"].files, files);
    assert_eq!(t["rc11"].parsed, files);
}

#[test]
fn the_diy_tests_agree_with_herd7() {
    let t = check_set("diy", &data(""), "diy");
    assert_eq!(
        t["rc11"].files, 72,
        "herd7 accepts 72 of the 73 generated tests"
    );
    assert_eq!(t["c11"].parsed, 69);
    // The one herd7 rejects (the non-explicit atomic_exchange) the lab reads too.
    let src = std::fs::read(data("diy/MP+porlxrlx+rmwscsc-poscsc.litmus")).unwrap();
    assert!(parse_bytes(&src, "diy").is_ok());
}

#[test]
fn the_herdtools7_folders_agree_with_herd7() {
    let Some(root) = std::env::var_os("ORDERLAB_HERDTOOLS") else {
        println!(
            "SKIPPED: set ORDERLAB_HERDTOOLS to a herdtools7 checkout to compare its folders \
             catalogue/c11popl15/tests/illustrative and herd/tests/instructions/C with herd7's \
             verdicts (bash ci/herd-agreement.sh PATH)"
        );
        return;
    };
    let root = PathBuf::from(root);
    let ill = check_set("illustrative", &root, "illustrative");
    assert_eq!(ill["rc11"].files, 45, "herd7 accepts 45 of the 47 files");
    assert_eq!(ill["rc11"].parsed, 45);
    let ins = check_set("instructions/C", &root, "instructions-C");
    assert_eq!(ins["rc11"].files, 12, "herd7 accepts 12 of the 15 files");
    assert_eq!(ins["rc11"].parsed, 8);
}

/// Every listed refusal and difference is one of these sets' files.
#[test]
fn the_lists_name_files_of_the_fixtures() {
    let all: Vec<Row> = ["catalog", "diy", "illustrative", "instructions-C"]
        .iter()
        .flat_map(|f| fixture(f))
        .collect();
    for (f, _) in REFUSED {
        assert!(all.iter().any(|r| r.file == *f), "{f}");
    }
    for (f, m, _) in DIFFER {
        assert!(all.iter().any(|r| r.file == *f && r.model == *m), "{f}");
    }
}
