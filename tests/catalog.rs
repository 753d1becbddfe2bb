//! The litmus catalog (`litmus/`) and its expected-verdict table (`litmus/expected`):
//! every file parses, is named after its test, prints and re-parses to the same test, has
//! exactly one row in the table; the table agrees with herd7's reference verdicts
//! (`tests/data/herd7-verdicts.txt`) and the classic tests have the reference's shapes
//! (`tests/data/herd7-shapes.txt`).

use orderlab::litmus::parse;
use orderlab::litmus::print;
use orderlab::litmus::{Expr, MemOrder, Op, Prop, Quantifier, Test};
use orderlab::model::Model;
use orderlab::suite::expected::{table, ExpectedRow};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `*.litmus` file under `dir`, recursively, sorted.
fn litmus_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "litmus") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The catalog: (path, parsed test), every file of `litmus/` parsed or the test fails with
/// the parser's `FILE:LINE:COL` message.
fn catalog() -> Vec<(PathBuf, Test)> {
    let files = litmus_files(&root().join("litmus"));
    assert!(!files.is_empty(), "no litmus files found under litmus/");
    files
        .into_iter()
        .map(|p| {
            let src = std::fs::read_to_string(&p).unwrap();
            let t = parse(&src, &p.display().to_string()).unwrap_or_else(|e| panic!("{e}"));
            (p, t)
        })
        .collect()
}

fn expected() -> Vec<ExpectedRow> {
    let rows = table().to_vec();
    assert!(!rows.is_empty(), "litmus/expected does not parse");
    rows
}

fn row<'a>(rows: &'a [ExpectedRow], test: &str) -> &'a ExpectedRow {
    rows.iter()
        .find(|r| r.test == test)
        .unwrap_or_else(|| panic!("litmus/expected has no row for {test}"))
}

/// A test with every span zeroed, so that tests parsed from different texts compare equal.
fn without_spans(t: &Test) -> Test {
    t.without_spans()
}

/// One reference row of `tests/data/herd7-verdicts.txt`.
struct Reference {
    test: String,
    rc11: bool,
    c11: bool,
    sc: bool,
    x86_tso: bool,
    aarch64: bool,
}

fn reference() -> Vec<Reference> {
    let path = root().join("tests/data/herd7-verdicts.txt");
    let src = std::fs::read_to_string(&path).unwrap();
    let mut out = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let f: Vec<&str> = line
            .split('#')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        if f.is_empty() {
            continue;
        }
        assert_eq!(
            f.len(),
            6,
            "{}:{}: 6 columns expected",
            path.display(),
            i + 1
        );
        let v = |s: &str| match s {
            "A" => true,
            "F" => false,
            _ => panic!("{}:{}: `{s}` is not A or F", path.display(), i + 1),
        };
        out.push(Reference {
            test: f[0].to_string(),
            rc11: v(f[1]),
            c11: v(f[2]),
            sc: v(f[3]),
            x86_tso: v(f[4]),
            aarch64: v(f[5]),
        });
    }
    out
}

/// The reference's shapes: shape → (threads in the reference's notation, weak outcome).
fn reference_shapes() -> BTreeMap<String, (String, String)> {
    let src = std::fs::read_to_string(root().join("tests/data/herd7-shapes.txt")).unwrap();
    src.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('|').map(str::trim).collect();
            assert_eq!(f.len(), 3, "bad shape line {l}");
            (f[0].to_string(), (f[1].to_string(), f[2].to_string()))
        })
        .collect()
}

/// The reference's orderings: "rlx", "ra", "sc", "fence".
const ORDERINGS: [&str; 4] = ["rlx", "ra", "sc", "fence"];

/// Split `MP+ra` into (`MP`, `ra`), `2+2W+fence` into (`2+2W`, `fence`).
fn shape_and_ordering(name: &str) -> (&str, &str) {
    let i = name.rfind('+').expect("a diy name has a `+`");
    (&name[..i], &name[i + 1..])
}

/// The threads of a test in the reference's notation, ignoring orderings and fences:
/// `P0: x=1; y=1 · P1: r0=y; r1=x`.
fn skeleton(t: &Test) -> String {
    let threads: Vec<String> = t
        .threads
        .iter()
        .map(|th| {
            let ops: Vec<String> = th
                .body
                .iter()
                .filter_map(|s| match &s.op {
                    Op::Store { loc, val, .. } => Some(format!("{loc}={val}")),
                    Op::Assign {
                        reg,
                        val: Expr::Load { loc, .. },
                        ..
                    } => Some(format!("{reg}={loc}")),
                    Op::Fence { .. } => None,
                    other => Some(format!("unexpected {other:?}")),
                })
                .collect();
            format!("P{}: {}", th.index, ops.join("; "))
        })
        .collect();
    threads.join(" · ")
}

/// A conjunction of equalities in the reference's notation: `1:r0=1 /\ 1:r1=0`.
fn conjunction(p: &Prop) -> String {
    match p {
        Prop::Eq(v, k) => format!("{v}={k}"),
        Prop::And(a, b) => format!("{} /\\ {}", conjunction(a), conjunction(b)),
        other => format!("not a conjunction: {other:?}"),
    }
}

#[test]
fn every_file_parses_and_is_named_after_its_test() {
    for (path, t) in catalog() {
        let stem = path.file_stem().unwrap().to_str().unwrap();
        assert_eq!(
            t.name,
            stem,
            "{}: test name differs from the file name",
            path.display()
        );
        assert!(
            t.doc.as_deref().is_some_and(|d| !d.trim().is_empty()),
            "{}: no doc string",
            path.display()
        );
        assert_eq!(t.cond.quant, Quantifier::Exists, "{}", path.display());
    }
}

#[test]
fn names_and_rust_identifiers_are_unique() {
    let mut names = BTreeSet::new();
    let mut idents = BTreeMap::new();
    for (path, t) in catalog() {
        assert!(names.insert(t.name.clone()), "duplicate test {}", t.name);
        if let Some(other) = idents.insert(t.ident(), t.name.clone()) {
            panic!(
                "{}: identifier {} also used by {other}",
                path.display(),
                t.ident()
            );
        }
    }
}

#[test]
fn printed_tests_reparse_to_the_same_test() {
    for (path, t) in catalog() {
        let text = print(&t);
        let again = parse(&text, "printed").unwrap_or_else(|e| {
            panic!(
                "{}: printed text does not parse: {e}\n{text}",
                path.display()
            )
        });
        assert_eq!(
            without_spans(&again),
            without_spans(&t),
            "{}: print/parse round trip differs\n{text}",
            path.display()
        );
        // Printing is a fixed point after one round.
        assert_eq!(print(&again), text, "{}", path.display());
    }
}

#[test]
fn every_test_has_exactly_one_expected_row_and_vice_versa() {
    let rows = expected();
    let mut per_test: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &rows {
        *per_test.entry(r.test.as_str()).or_default() += 1;
    }
    let names: BTreeSet<String> = catalog().into_iter().map(|(_, t)| t.name).collect();
    for n in &names {
        assert_eq!(
            per_test.get(n.as_str()).copied().unwrap_or(0),
            1,
            "{n}: rows in litmus/expected"
        );
    }
    for r in &rows {
        assert!(
            names.contains(&r.test),
            "litmus/expected line {}: {} has no litmus file",
            r.line,
            r.test
        );
        assert_eq!(r.verdicts.len(), Model::ALL.len());
    }
}

#[test]
fn reference_fixture_is_complete() {
    let refs = reference();
    let shapes = reference_shapes();
    assert_eq!(shapes.len(), 9, "nine shapes");
    let mut want = BTreeSet::new();
    for shape in shapes.keys() {
        for o in ORDERINGS {
            // CoRR has no fence variant in the reference.
            if !(shape == "CoRR" && o == "fence") {
                want.insert(format!("{shape}+{o}"));
            }
        }
    }
    let got: BTreeSet<String> = refs.iter().map(|r| r.test.clone()).collect();
    assert_eq!(got.len(), refs.len(), "duplicate reference rows");
    assert_eq!(got, want);
}

/// Tests where rustc's default aarch64 code (LDAR) differs from the reference's AArch64 column
/// (LDAPR): an STLR followed by an LDAR in one thread is ordered, STLR then LDAPR is not.
/// Every ra row was worked through in the comment block of litmus/expected.
const LDAR_EXCEPTIONS: [&str; 2] = ["SB+ra", "R+ra"];

#[test]
fn expected_table_agrees_with_herd7_reference() {
    let rows = expected();
    for r in reference() {
        let e = row(&rows, &r.test);
        let cell = |m: &str| e.allowed(Model::from_key(m).unwrap()).unwrap();
        let t = &r.test;
        assert_eq!(cell("rc11"), r.rc11, "{t} rc11");
        assert_eq!(cell("c11"), r.c11, "{t} c11");
        assert_eq!(cell("sc"), r.sc, "{t} sc");
        assert_eq!(cell("x86-tso"), r.x86_tso, "{t} x86-tso");
        assert_eq!(
            cell("armv8-rcpc"),
            r.aarch64,
            "{t} armv8-rcpc = reference AArch64"
        );
        if LDAR_EXCEPTIONS.contains(&t.as_str()) {
            // Allowed with LDAPR (reference), forbidden with LDAR (rustc's default).
            assert!(r.aarch64, "{t}: reference AArch64 should allow it");
            assert!(!cell("armv8"), "{t}: armv8 (LDAR) must forbid it");
        } else {
            assert_eq!(cell("armv8"), r.aarch64, "{t} armv8 = reference AArch64");
        }
    }
}

#[test]
fn ldar_exceptions_are_the_stlr_then_ldar_tests() {
    // The exceptions are exactly the ra tests with a thread whose Release store is followed by
    // an Acquire load of another location (the SB/R store-then-load pair).
    let mut found = BTreeSet::new();
    for (_, t) in catalog() {
        let (shape, ord) = shape_and_ordering(&t.name);
        if ord != "ra" || !reference_shapes().contains_key(shape) {
            continue;
        }
        let stlr_ldar = t.threads.iter().any(|th| {
            th.body.windows(2).any(|w| {
                matches!(
                    (&w[0].op, &w[1].op),
                    (Op::Store { ord: Some(MemOrder::Release), loc: a, .. },
                     Op::Assign { val: Expr::Load { ord: Some(MemOrder::Acquire), loc: b }, .. }) if a != b
                )
            })
        });
        if stlr_ldar {
            found.insert(t.name.clone());
        }
    }
    let want: BTreeSet<String> = LDAR_EXCEPTIONS.iter().map(|s| s.to_string()).collect();
    assert_eq!(found, want);
}

#[test]
fn classic_tests_have_the_reference_shapes_and_orderings() {
    let shapes = reference_shapes();
    let refs: BTreeSet<String> = reference().into_iter().map(|r| r.test).collect();
    let cat: BTreeMap<String, Test> = catalog()
        .into_iter()
        .map(|(_, t)| (t.name.clone(), t))
        .collect();
    for name in &refs {
        let t = cat
            .get(name)
            .unwrap_or_else(|| panic!("reference test {name} is missing from litmus/"));
        let (shape, ord) = shape_and_ordering(name);
        let (threads, outcome) = &shapes[shape];
        assert_eq!(&skeleton(t), threads, "{name}: threads");
        assert_eq!(&conjunction(&t.cond.prop), outcome, "{name}: weak outcome");
        assert!(t.locations.is_empty(), "{name}: no locations clause");
        for th in &t.threads {
            let accesses: Vec<&Op> = th
                .body
                .iter()
                .map(|s| &s.op)
                .filter(|op| !matches!(op, Op::Fence { .. }))
                .collect();
            let fences: Vec<(usize, MemOrder)> = th
                .body
                .iter()
                .enumerate()
                .filter_map(|(i, s)| match s.op {
                    Op::Fence { ord } => Some((i, ord)),
                    _ => None,
                })
                .collect();
            for op in &accesses {
                let (is_store, o) = match op {
                    Op::Store { ord: Some(o), .. } => (true, *o),
                    Op::Assign {
                        val: Expr::Load { ord: Some(o), .. },
                        ..
                    } => (false, *o),
                    other => panic!("{name}: unexpected {other:?}"),
                };
                let want = match (ord, is_store) {
                    ("rlx" | "fence", _) => MemOrder::Relaxed,
                    ("ra", true) => MemOrder::Release,
                    ("ra", false) => MemOrder::Acquire,
                    ("sc", _) => MemOrder::SeqCst,
                    _ => panic!("{name}: unknown ordering suffix"),
                };
                assert_eq!(o, want, "{name} P{}: access ordering", th.index);
            }
            if ord != "fence" || accesses.len() < 2 {
                assert!(fences.is_empty(), "{name} P{}: no fence expected", th.index);
                continue;
            }
            // One fence, between the two accesses, with the reference's ordering.
            assert_eq!(accesses.len(), 2, "{name} P{}", th.index);
            assert_eq!(fences.len(), 1, "{name} P{}: one fence", th.index);
            assert_eq!(
                fences[0].0, 1,
                "{name} P{}: fence between accesses",
                th.index
            );
            let want = match (shape, th.index) {
                ("MP" | "S", 0) | ("WRC", 1) => MemOrder::Release,
                ("MP" | "S", 1) | ("WRC", 2) => MemOrder::Acquire,
                ("LB", _) => MemOrder::AcqRel,
                ("SB" | "R" | "IRIW" | "2+2W", _) => MemOrder::SeqCst,
                _ => panic!("{name} P{}: no fence rule", th.index),
            };
            assert_eq!(fences[0].1, want, "{name} P{}: fence ordering", th.index);
        }
    }
}

#[test]
fn same_shape_same_verdict_pattern_for_map_tests() {
    // The map protocols are MP and SB in disguise (see the comments in litmus/map/*.litmus):
    // their rows must equal those of the classic tests with the same code.
    let rows = expected();
    let verdicts = |t: &str| row(&rows, t).verdicts.clone();
    for v in ORDERINGS {
        assert_eq!(
            verdicts(&format!("DirtyFlag+{v}")),
            verdicts(&format!("SB+{v}")),
            "{v}"
        );
    }
    assert_eq!(verdicts("BucketPub+rlx"), verdicts("MP+rlx"));
    assert_eq!(verdicts("BucketPub+ra"), verdicts("MP+ra"));
    assert_eq!(verdicts("BucketPub+sc"), verdicts("MP+sc"));
}

/// The catalog tests whose target outcome is a lost update that needs no reordering: SC
/// allows it (the point of the test is that only an atomic read-modify-write prevents it).
const LOST_UPDATES: [&str; 2] = ["Bits+ldst", "HashWriting+plain"];

#[test]
fn table_respects_model_strength() {
    // litmus/claims holds tests about atomicity and interleavings (the evidence of `orderlab
    // claims`), whose outcomes SC may allow; the other folders ask about weak ones.
    let claims: Vec<String> = catalog()
        .into_iter()
        .filter(|(p, _)| p.parent().is_some_and(|d| d.ends_with("claims")))
        .map(|(_, t)| t.name)
        .collect();
    assert!(!claims.is_empty());
    for r in expected() {
        let a = |m: &str| r.allowed(Model::from_key(m).unwrap()).unwrap();
        // SC is the strongest model: an outcome it allows, every model allows.
        if a("sc") {
            assert!(
                Model::ALL.iter().all(|m| r.allowed(*m) == Some(true)),
                "{}: allowed by sc but not by every model",
                r.test
            );
        }
        // Every target outcome of the classic, lang and map tests is a weak outcome (SC
        // forbids it) except the lost updates; litmus/claims may ask about interleavings.
        if !claims.contains(&r.test) {
            assert_eq!(
                a("sc"),
                LOST_UPDATES.contains(&r.test.as_str()),
                "{}: sc",
                r.test
            );
        }
        // LDAPR is weaker than LDAR, everything else being the same code.
        assert!(
            !a("armv8") || a("armv8-rcpc"),
            "{}: armv8 vs armv8-rcpc",
            r.test
        );
    }
}

/// herd7's splitter and lexers (herdtools7 lib/splitter.mll, CLexer.mll, stateLexer.mll) put
/// constraints on a C litmus file beyond what our parser checks; keep the catalog inside them
/// so every file also runs under herd7:
/// - the first line is `C NAME` (nothing before it: the splitter matches the first line);
/// - between the name/doc and the initial state only `(* ... *)` comments, containing no `{`
///   (the splitter takes the first `{` as the start of the initial state) and no line of the
///   form `key = value` starting in column 1 (read as a test-info line);
/// - the thread code (between the initial state and the condition) contains no `"`, no `(*`
///   (herd's C lexer knows only `/* */` and `//`), and none of the words the splitter takes as
///   the start of the condition (`exists`, `forall`, `final`, `locations`, `filter`,
///   `observed`, `cases`), even in comments;
/// - the initial state and the condition contain no `//` or `/*` (herd's state lexer knows
///   only `(* *)`).
#[test]
fn catalog_files_stay_within_herd7_syntax() {
    const CONDITION_WORDS: [&str; 8] = [
        "exists",
        "forall",
        "final",
        "locations",
        "filter",
        "observed",
        "Observed",
        "cases",
    ];
    for path in litmus_files(&root().join("litmus")) {
        let src = std::fs::read_to_string(&path).unwrap();
        let p = path.display();
        let first = src.lines().next().unwrap_or("");
        assert!(first.starts_with("C "), "{p}: first line must be `C NAME`");
        // The doc string may only follow the name, on its line or the next one.
        let after_name = &src[first.len()..];
        let header_end = after_name.find('{').expect("an initial state") + first.len();
        let mut header = src[first.len()..header_end].to_string();
        if let Some(doc) = header.trim_start().strip_prefix('"') {
            let close = doc.find('"').expect("closed doc string");
            header = doc[close + 1..].to_string();
        }
        // What is left before `{`: blanks and herd comments only.
        let mut rest = header.trim();
        while let Some(r) = rest.strip_prefix("(*") {
            let end = r.find("*)").unwrap_or_else(|| {
                panic!("{p}: unclosed comment, or a `{{` inside a comment before the initial state")
            });
            rest = r[end + 2..].trim_start();
        }
        assert!(
            rest.is_empty(),
            "{p}: only `(* *)` comments may stand before the initial state, found `{rest}`"
        );
        for line in header.lines() {
            let key: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || c == &'_')
                .collect();
            let after = line[key.len()..].trim_start();
            assert!(
                key.is_empty() || !after.starts_with('='),
                "{p}: `{line}` would be read by herd7 as a key=value info line"
            );
        }
        let init_end = header_end + src[header_end..].find('}').unwrap();
        let init = &src[header_end..=init_end];
        let cond_start = init_end
            + src[init_end..]
                .find("\nexists")
                .or_else(|| src[init_end..].find("\n~exists"))
                .or_else(|| src[init_end..].find("\nforall"))
                .or_else(|| src[init_end..].find("\nlocations"))
                .unwrap_or_else(|| panic!("{p}: no condition at the start of a line"));
        let code = &src[init_end + 1..cond_start];
        let cond = &src[cond_start..];
        assert!(
            !code.contains('"') && !code.contains("(*"),
            "{p}: `\"` or `(*` in thread code"
        );
        for word in code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            assert!(
                !CONDITION_WORDS.contains(&word),
                "{p}: the word `{word}` in thread code ends herd7's program section"
            );
        }
        for part in [init, cond] {
            assert!(
                !part.contains("//") && !part.contains("/*"),
                "{p}: C comments in the initial state or condition"
            );
        }
    }
}
