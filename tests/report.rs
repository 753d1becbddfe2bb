//! `orderlab report` through the binary: bad input, files written (the pages themselves are
//! checked by the report module's unit tests on the same fixtures).

use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/report")
        .join(name)
}

mod common;

fn orderlab(args: &[&str]) -> (i32, String, String) {
    let out = common::command().args(args).output().expect("run orderlab");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("orderlab-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn bad_input_exits_2_naming_the_file_and_writes_nothing() {
    let dir = tmpdir("bad");
    let out = dir.join("r.html");
    let md = dir.join("r.md");
    std::fs::write(&md, "previous report\n").unwrap();
    let good = data("x86.json");
    let cases = [
        ("bad.json", "bad.json:4:13: expected value"),
        (
            "schema.json",
            "schema.json:6:62: invalid type: string \"many\", expected u64",
        ),
        (
            "overcount.json",
            "overcount.json: test SB+rlx: histogram counts add up",
        ),
        ("missing.json", "missing.json: cannot read:"),
    ];
    for (file, msg) in cases {
        let bad = data(file);
        let (code, stdout, stderr) = orderlab(&[
            "report",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--markdown",
            md.to_str().unwrap(),
        ]);
        assert_eq!(code, 2, "{file}: {stderr}");
        assert!(stderr.contains(msg), "{file}: {stderr}");
        assert!(stdout.is_empty());
        assert!(!out.exists(), "{file}: partial HTML written");
        assert_eq!(std::fs::read_to_string(&md).unwrap(), "previous report\n");
        // No temporary file left behind either.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn writes_html_and_markdown_files() {
    let dir = tmpdir("ok");
    let out = dir.join("r.html");
    let md = dir.join("r.md");
    let (code, stdout, stderr) = orderlab(&[
        "report",
        data("x86.json").to_str().unwrap(),
        data("qemu.json").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--markdown",
        md.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    // Self-contained: no scripts, no external assets.
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("<link"));
    assert!(std::fs::read_to_string(&md)
        .unwrap()
        .starts_with("# orderlab report"));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
    // Without --out or --markdown the page goes to standard output.
    let (code, stdout, _) = orderlab(&["report", data("qemu.json").to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stdout.contains("aarch64 under qemu-user on an x86_64 host"));
    let _ = std::fs::remove_dir_all(&dir);
}
