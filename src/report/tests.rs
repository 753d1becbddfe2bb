//! The teaching report: HTML and Markdown from hand-written run fixtures in
//! tests/data/report/. The fixtures are small synthetic runs, not measurements.

use super::markdown::text_bar;
use super::view::pct;
use super::{markdown, Options, RunReport};
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/report")
        .join(name)
}

fn run(name: &str) -> RunReport {
    RunReport::load(&data(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn lin() -> Options {
    Options { log: false }
}

/// The SVG rows (`<g class="row ...">...</g>`) of the HTML whose label is `label`.
fn rows<'a>(html: &'a str, label: &str) -> Vec<&'a str> {
    html.split("<g class=\"row")
        .skip(1)
        .map(|s| &s[..s.find("</g>").expect("row closed")])
        .filter(|s| s.contains(&format!(">{label}<")) || s.contains(&format!("★ {label}<")))
        .collect()
}

/// The `<section>` of one test: from its heading to the next heading.
fn section<'a>(html: &'a str, name: &str) -> &'a str {
    let start = html
        .find(&format!("\">{name}</h2>"))
        .unwrap_or_else(|| panic!("no section for {name}"));
    let rest = &html[start..];
    &rest[..rest[1..].find("<h2").map_or(rest.len(), |i| i + 1)]
}

#[test]
fn html_escapes_everything_from_the_json() {
    let html = super::html(&[run("x86.json")], lin());
    assert!(!html.contains("<script>"), "raw <script> from a test name");
    assert!(!html.contains("<odd>"), "raw path from the JSON");
    assert!(!html.contains("<b>made-up</b>"), "raw model_error");
    assert!(html.contains("Demo&lt;script&gt;alert(1)&lt;/script&gt;+a|b&amp;c"));
    assert!(html.contains("user/&lt;odd&gt;.litmus"));
    assert!(html.contains("W.rlx | R.&quot;q&quot;"));
    // A location name from a user file, inside the SVG.
    assert!(html.contains("&lt;x&gt;=1;"));
    assert!(!html.contains("<x>"));
}

#[test]
fn markdown_escapes_everything_from_the_json() {
    let md = markdown(&[run("x86.json")], lin());
    assert!(!md.contains("<script>"));
    assert!(md.contains(r"Demo\<script\>alert(1)\</script\>+a\|b\&c"));
    // Every table row keeps its column count: no unescaped `|` from the JSON splits a cell.
    let summary: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("## Summary"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(summary.len(), 2 + 3);
    for l in summary {
        let cells = l.replace(r"\|", "").matches('|').count();
        assert_eq!(cells, 7, "{l}");
    }
}

#[test]
fn target_states_are_marked() {
    let html = super::html(&[run("x86.json")], lin());
    let sb = section(&html, "SB+rlx");
    let t = rows(sb, "0:r0=0; 1:r0=0;");
    assert_eq!(t.len(), 1);
    assert!(t[0].starts_with(" target\""), "{}", t[0]);
    assert!(t[0].contains("★ 0:r0=0; 1:r0=0;"));
    assert!(t[0].contains("500 (50.0%)"));
    for other in ["0:r0=0; 1:r0=1;", "0:r0=1; 1:r0=0;", "0:r0=1; 1:r0=1;"] {
        let r = rows(sb, other);
        assert_eq!(r.len(), 1, "{other}");
        assert!(r[0].starts_with('"'), "{other} marked: {}", r[0]);
    }
    let md = markdown(&[run("x86.json")], lin());
    assert!(md.contains("| ★ 0:r0=0; 1:r0=0; | ██████████ 50.0% (500) |"));
    assert!(md.contains("| 0:r0=0; 1:r0=1; | █████ 25.0% (250) |"));
}

#[test]
fn an_unseen_target_still_gets_a_row() {
    // MP+rlx on x86: the target never showed, so it is in no histogram.
    let html = super::html(&[run("x86.json")], lin());
    let r = rows(section(&html, "MP+rlx"), "target outcome");
    assert_eq!(r.len(), 1);
    assert!(r[0].contains("0 (not observed) forbidden by x86-tso<"));
    // x86-TSO forbids MP's target: the model says so, not the absence.
    assert!(r[0].starts_with(" target forbidden\""), "{}", r[0]);
}

#[test]
fn forbidden_states_are_red_and_allowed_ones_are_not() {
    let html = super::html(&[run("x86.json")], lin());
    let demo = section(&html, "Demo&lt;script&gt;alert(1)&lt;/script&gt;+a|b&amp;c");
    let bad = rows(demo, "1:r0=1; &lt;x&gt;=1;");
    assert_eq!(bad.len(), 1);
    assert!(bad[0].starts_with(" forbidden\""), "{}", bad[0]);
    assert!(bad[0].contains("fill=\"#d62728\""));
    assert!(bad[0].contains("40 (40.0%) forbidden by x86-tso<"));
    let fine = rows(demo, "1:r0=0; &lt;x&gt;=1;");
    assert!(!fine[0].contains("forbidden") && !fine[0].contains("#d62728"));
    // SB+rlx is allowed on x86-TSO: nothing in its section is red.
    assert!(!section(&html, "SB+rlx").contains("#d62728"));
    assert!(html.contains("class=\"bad\">FORBIDDEN OBSERVED</td>"));
    let md = markdown(&[run("x86.json")], lin());
    assert!(md.contains("40.0% (40) ✗ forbidden by x86-tso |"));
    assert!(md.contains("| ★ target outcome | 0 (not observed) ✗ forbidden by x86-tso |"));
    assert!(md.contains("**FORBIDDEN OBSERVED**"));
}

#[test]
fn wording_is_honest() {
    let html = super::html(&[run("x86.json"), run("qemu.json")], lin());
    // Not observed and allowed: absence is not proof.
    assert!(html.contains(
        "Target outcome not observed in 400 iterations; the qemu-x86 model allows it: \
         absence in a finite run is no proof it cannot happen."
    ));
    // Not observed, no verdict: the JSON's words, verbatim.
    assert!(html.contains(
        "Target outcome not observed in 400 iterations; no qemu-x86 model verdict. \
         Allowed here: allowed on ARMv8, not observable here. Status: unchecked."
    ));
    // No row reads "forbidden" for a state the platform's model does not forbid.
    let mp = section(&html, "MP+rlx");
    let qemu_fig = &mp[mp.find("run 2:").unwrap()..];
    assert!(!qemu_fig.contains("forbidden"), "{qemu_fig}");
    // The platform of every run is named, and a busy machine is flagged.
    assert!(
        html.contains("<b>x86_64 (native)</b> vs <b>aarch64 under qemu-user on an x86_64 host</b>")
    );
    assert!(html.contains("1-minute load 5.00 on 4 CPUs"));
    assert!(!html.contains("1-minute load 0.60"));
}

#[test]
fn two_runs_side_by_side_with_aligned_states() {
    let runs = [run("x86.json"), run("qemu.json")];
    let html = super::html(&runs, lin());
    let mp = section(&html, "MP+rlx");
    assert_eq!(mp.matches("<figure>").count(), 2);
    let (x86, qemu) = mp.split_at(mp.find("run 2:").unwrap());
    assert!(x86.contains("run 1: x86_64 (native) (model x86-tso)"));
    assert!(qemu.contains("(model qemu-x86)"));
    // 1:r0=0; 1:r1=1; showed only under qemu: run 1 still has the row, at 0.
    let r = rows(x86, "1:r0=0; 1:r1=1;");
    assert_eq!(r.len(), 1);
    assert!(r[0].contains("0 (not observed)"));
    assert!(rows(qemu, "1:r0=0; 1:r1=1;")[0].contains("100 (25.0%)"));
    // The tests only in run 1 get one figure.
    assert_eq!(
        section(&html, "Demo&lt;script&gt;alert(1)&lt;/script&gt;+a|b&amp;c")
            .matches("<figure>")
            .count(),
        1
    );
    // SB+rlx: seen on x86, not under qemu: the page says where the platforms differ.
    assert!(section(&html, "SB+rlx").contains(
        "Platforms differ: the target outcome was observed on run 1 but not observed on run 2 \
         (400 iterations)."
    ));
    assert!(!mp.contains("Platforms differ"));
    // Two runs on one platform: the runs differ, not the platforms.
    let same = super::html(&[run("x86.json"), run("x86.json"), run("qemu.json")], lin());
    assert!(section(&same, "SB+rlx").contains(
        "Platforms differ: the target outcome was observed on run 1, run 2 but not observed on \
         run 3 (400 iterations)."
    ));
    let mut again = run("qemu.json");
    again.tests[1].observed = 1;
    let html2 = super::html(&[run("qemu.json"), again], lin());
    assert!(section(&html2, "SB+rlx").contains("Runs on the same platform differ: the target"));
    // The run table names the platform once, the summary once per test of that run.
    assert_eq!(
        html.matches("<td>aarch64 under qemu-user on an x86_64 host</td>")
            .count(),
        1 + 2
    );
    let md = markdown(&runs, lin());
    assert!(md.contains(
        "| final state | run 1: x86\\_64 (native) (model x86-tso) | run 2: aarch64 under \
         qemu-user on an x86\\_64 host (model qemu-x86) |"
    ));
    assert!(md.contains("| 1:r0=0; 1:r1=1; | 0 (not observed) | █████ 25.0% (100) |"));
}

#[test]
fn percentages_and_bars() {
    assert_eq!(pct(1, 3), "33.3%");
    assert_eq!(pct(5, 1000), "0.50%");
    assert_eq!(pct(1, 1_000_000), "<0.01%");
    assert_eq!(pct(0, 10), "0%");
    assert_eq!(text_bar(0.5), "█".repeat(10));
    assert_eq!(text_bar(1.0), "█".repeat(20));
    assert_eq!(text_bar(0.0), "");
    assert_eq!(text_bar(1.0 / 40.0), "▌");
}

#[test]
fn log_scale_keeps_rare_states_visible() {
    let width = |html: &str| -> f64 {
        let r = rows(section(html, "SB+rlx"), "0:r0=1; 1:r0=1;")[0];
        let w = &r[r.find("<rect").unwrap()..];
        let w = &w[w.find("width=\"").unwrap() + 7..];
        w[..w.find('"').unwrap()].parse().unwrap()
    };
    let lin = super::html(&[run("x86.json")], lin());
    let log = super::html(&[run("x86.json")], Options { log: true });
    // 10 of 1000: 1% of the bar linearly, a third of it on a log scale.
    assert!(width(&lin) < 3.0, "{}", width(&lin));
    assert!(width(&log) > 50.0, "{}", width(&log));
    assert!(log.contains("log scale"));
}

#[test]
fn every_model_s_verdict_is_shown_not_only_the_platform_s() {
    use super::schema::{model_letters, ModelVerdict};
    use crate::model::Model;
    let mut r = run("x86.json");
    // Files of earlier versions have no per-model verdicts: nothing is invented.
    assert!(r.tests.iter().all(|t| t.models.is_empty()));
    assert!(!super::html(&[r.clone()], lin()).contains("class=\"models\""));
    // MP+rlx: forbidden on x86-TSO (the platform), allowed by RC11 and ARMv8.
    let mp: Vec<ModelVerdict> = "AAFFAAF"
        .chars()
        .zip(Model::ALL)
        .map(|(c, model)| ModelVerdict {
            model,
            allowed: c == 'A',
        })
        .collect();
    assert_eq!(model_letters(&mp), "AAFFAAF");
    assert_eq!(r.tests[1].name, "MP+rlx");
    r.tests[1].models = mp;
    let html = super::html(&[r.clone()], lin());
    let sec = section(&html, "MP+rlx");
    assert!(sec.contains("class=\"models\""));
    assert_eq!(
        sec.matches("class=\"allowed\"").count(),
        4,
        "rc11, c11, armv8, armv8-rcpc"
    );
    assert_eq!(sec.matches("class=\"forbidden\"").count(), 3);
    assert!(sec.contains("<th class=\"here\" title=\"x86-TSO\">x86-tso</th>"));
    let md = markdown(&[r.clone()], lin());
    assert!(md.contains("`AAFFAAF`"));
    assert!(md.contains("**x86-tso forbidden** (this run's platform)"));
    assert!(md.contains("rc11 allowed"));
    let text = super::text::table(&r.tests);
    assert!(text.contains("AAFFAAF") && text.contains("rc11 c11 sc"));
}

#[test]
fn a_data_race_is_said_in_both_reports() {
    let mut r = run("x86.json");
    let k = r
        .tests
        .iter()
        .position(|t| {
            t.name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        })
        .expect("a test with a plain name");
    let name = r.tests[k].name.clone();
    r.tests[k].data_race = Some("data race on d: P0's plain store d=1 and P1's plain load".into());
    let md = markdown(std::slice::from_ref(&r), lin());
    assert!(md.contains("UNDEFINED BEHAVIOUR: data race on d"), "{md}");
    let html = super::html(&[r], lin());
    assert!(section(&html, &name).contains("UNDEFINED BEHAVIOUR"));
    // Without a race, no such sentence.
    let md = markdown(&[run("x86.json")], lin());
    assert!(!md.contains("UNDEFINED BEHAVIOUR"));
}

#[test]
fn a_checkers_table_shows_in_its_tests_section_only() {
    let r = run("x86.json");
    let name = r.tests[0].name.clone();
    let other = r
        .tests
        .iter()
        .find(|t| t.name != name)
        .map(|t| t.name.clone());
    let table = super::CheckerTable {
        settings: "bounds <b>".into(),
        note: None,
        states: vec![super::CheckerState {
            state: "0:r0=0; 1:r0=0;".into(),
            target: true,
            rc11: false,
            loom: true,
            shuttle: false,
            reasons: vec![
                "loom produces this outcome that RC11 forbids (SeqCst treated as AcqRel)".into(),
            ],
        }],
    };
    let checkers: super::Checkers = [(name.clone(), table)].into();
    let html = super::html_with(std::slice::from_ref(&r), lin(), &checkers);
    let sec = section(&html, &super::esc(&name));
    assert!(sec.contains("Which checker finds it"), "{sec}");
    assert!(
        sec.contains("<td class=\"mono\">★ 0:r0=0; 1:r0=0;</td><td>no</td><td>yes</td><td>no</td>"),
        "{sec}"
    );
    assert!(sec.contains("bounds &lt;b&gt;"), "settings escaped");
    if let Some(o) = other {
        assert!(!section(&html, &super::esc(&o)).contains("Which checker"));
    }
    assert!(!super::html(std::slice::from_ref(&r), lin()).contains("Which checker"));
    let md = super::markdown_with(std::slice::from_ref(&r), lin(), &checkers);
    assert!(
        md.contains("| ★ 0:r0=0; 1:r0=0; | no | yes | no | loom produces"),
        "{md}"
    );
}
