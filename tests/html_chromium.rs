//! The HTML pages as a reader sees them: `orderlab claims --html` and `orderlab report`,
//! rendered by headless Chromium (Debian's `chromium` package). Checks that each page renders
//! with no network request at all (Chromium's net log, and the page's strict
//! Content-Security-Policy) and that its tables and SVG charts are in the rendered DOM.
//!
//! Skips, saying why, when Chromium is not installed (`apt-get install chromium`; `.ci/run`
//! installs it). `ORDERLAB_SCREENSHOT=FILE.png` also saves a screenshot of the claim page.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("ORDERLAB_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
    })
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("orderlab-chromium-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn orderlab(args: &[&str]) {
    let out = common::command().args(args).output().expect("run orderlab");
    assert_eq!(
        out.status.code(),
        Some(0),
        "orderlab {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Render `page` headless: the DOM after load, and the URLs the page itself asked for (the
/// net log's requests whose initiator is the page; Chromium's own background requests have
/// none: "not an origin").
fn render(chrome: &Path, page: &Path, dir: &Path, extra: &[String]) -> (String, Vec<String>) {
    let profile = dir.join("profile");
    let netlog = dir.join("net.json");
    let mut cmd = Command::new(chrome);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-default-apps",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(format!("--log-net-log={}", netlog.display()))
    .args(extra)
    .arg(format!("file://{}", page.display()));
    let out = cmd.output().expect("run chromium");
    assert!(
        out.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = std::fs::read_to_string(&netlog).expect("chromium wrote its net log");
    let log: serde_json::Value = serde_json::from_str(&log).expect("the net log is JSON");
    let urls = log["events"]
        .as_array()
        .expect("net log events")
        .iter()
        .filter_map(|e| {
            let p = &e["params"];
            let (url, init) = (p["url"].as_str()?, p["initiator"].as_str()?);
            (init != "not an origin" && !url.starts_with("file:") && !url.starts_with("data:"))
                .then(|| url.to_string())
        })
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), urls)
}

/// Links and sources in the page itself that point outside it (the SVG namespace is a name,
/// not a request).
fn external_refs(html: &str) -> Vec<String> {
    ["src=\"http", "href=\"http", "url(http", "@import"]
        .iter()
        .filter(|p| html.contains(*p))
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn claim_and_report_pages_render_offline_with_tables_and_charts() {
    if orderlab::machine::Platform::detect_hw() == orderlab::machine::Platform::QemuX86 {
        println!("skipped: under qemu-user (the pages are checked natively)");
        return;
    }
    let Some(chrome) = chromium() else {
        println!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let dir = tmpdir("pages");
    let claims = dir.join("claims.html");
    orderlab(&[
        "claims",
        "C01",
        "C42",
        "--quick",
        "--html",
        claims.to_str().unwrap(),
    ]);
    let run = dir.join("run.json");
    orderlab(&[
        "run",
        "SB+rlx",
        "MP+rlx",
        "--time",
        "0.05",
        "--json",
        run.to_str().unwrap(),
    ]);
    let report = dir.join("report.html");
    orderlab(&[
        "report",
        run.to_str().unwrap(),
        "--out",
        report.to_str().unwrap(),
    ]);

    for page in [&claims, &report] {
        let html = std::fs::read_to_string(page).unwrap();
        assert_eq!(
            external_refs(&html),
            Vec::<String>::new(),
            "{}",
            page.display()
        );
        assert!(
            html.contains("Content-Security-Policy"),
            "{}",
            page.display()
        );
        let (dom, urls) = render(&chrome, page, &dir, &["--dump-dom".to_string()]);
        assert_eq!(
            urls,
            Vec::<String>::new(),
            "{}: network requests",
            page.display()
        );
        assert!(
            dom.contains("<table"),
            "{}: no table rendered",
            page.display()
        );
        assert!(
            dom.contains("<svg"),
            "{}: no chart rendered",
            page.display()
        );
    }
    let dom = render(&chrome, &claims, &dir, &["--dump-dom".to_string()]).0;
    for needle in [
        "id=\"C01\"",
        "id=\"C42\"",
        "Verdict, part by part",
        "What the article says",
    ] {
        assert!(dom.contains(needle), "claims page lacks {needle}");
    }
    // Every model's verdict is on the report page.
    let dom = render(&chrome, &report, &dir, &["--dump-dom".to_string()]).0;
    assert!(dom.contains("armv8-rcpc") && dom.contains("class=\"models\""));

    if let Ok(shot) = std::env::var("ORDERLAB_SCREENSHOT") {
        let one = dir.join("C01.html");
        orderlab(&["claims", "C01", "--quick", "--html", one.to_str().unwrap()]);
        let args = [
            format!("--screenshot={shot}"),
            "--window-size=1280,2400".to_string(),
        ];
        render(&chrome, &one, &dir, &args);
        assert!(Path::new(&shot).is_file(), "no screenshot at {shot}");
        println!("screenshot: {shot}");
    }
}
