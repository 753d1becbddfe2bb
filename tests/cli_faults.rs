//! The `orderlab` binary against hostile input and faults: no panic, no hang, no wrong
//! verdict, no clobbered file. One test per reproducer of the hardening issue, and every exit
//! code through the binary (0 and 1 are in tests/cli.rs).
//!
//! Commands that run hardware tests are serialized with [`hw`]; every command runs under a
//! time limit, so a hang fails the test instead of stalling the suite.

use std::io::{BufRead as _, BufReader, Read as _};
use std::os::unix::fs::{FileTypeExt as _, OpenOptionsExt as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

mod common;

static HW: Mutex<()> = Mutex::new(());

fn hw() -> std::sync::MutexGuard<'static, ()> {
    HW.lock().unwrap_or_else(|e| e.into_inner())
}

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The binary, run from `dir`.
fn orderlab_in(dir: &Path, args: &[&str]) -> Command {
    let mut c = common::command();
    c.args(args)
        .current_dir(dir)
        .env_remove("ORDERLAB_PLATFORM")
        .env_remove("ORDERLAB_SYNC")
        .env_remove("ORDERLAB_TEST_HANG");
    c
}

fn orderlab(args: &[&str]) -> Command {
    orderlab_in(Path::new(ROOT), args)
}

/// Send `sig` to the process `pid`.
fn signal(pid: u32, sig: i32) {
    // Safety: kill(2) with a pid this test spawned and still owns (not yet reaped).
    let r = unsafe { libc::kill(pid as libc::pid_t, sig) };
    assert_eq!(r, 0, "kill({pid}, {sig})");
}

/// Run `cmd` to completion within `secs` seconds (killed and failed otherwise).
fn within(mut cmd: Command, secs: u64) -> Output {
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn orderlab");
    finish(child, secs)
}

fn finish(child: Child, secs: u64) -> Output {
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(out) => out.expect("wait"),
        Err(_) => {
            signal(pid, libc::SIGKILL);
            panic!("orderlab did not finish within {secs} s");
        }
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Exit code, stdout and stderr, for assertion messages.
fn show(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    )
}

fn assert_no_panic(out: &Output) {
    let all = text(&out.stdout) + &text(&out.stderr);
    assert!(!all.contains("panicked"), "{}", show(out));
    assert_ne!(out.status.code(), Some(101), "{}", show(out));
}

/// A fresh temporary directory for one test.
fn tmpdir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("orderlab-faults-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn names(d: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(d)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn catalog_text(name: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/litmus/classic/{name}.litmus")).expect("catalog file")
}

/// SB+rlx under another name.
fn sb_named(name: &str) -> String {
    catalog_text("SB+rlx").replacen("C SB+rlx", &format!("C {name}"), 1)
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(path_str(p)).expect("path");
    // Safety: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

// ---- 1. long names ------------------------------------------------------------------------

/// A 70,000-character name (beyond `{:<width$}`'s 65,535) prints in `run` and `check`: cut
/// with `…` in the tables, whole in the JSON.
#[test]
fn a_long_test_name_prints_and_never_panics() {
    let _g = hw();
    let d = tmpdir("long");
    let name = "A".repeat(70_000);
    let f = d.join("long.litmus");
    std::fs::write(&f, sb_named(&name)).expect("write");
    let json = d.join("r.json");
    let out = within(
        orderlab(&["run", path_str(&f), "-n", "2000", "--json", path_str(&json)]),
        120,
    );
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(text(&out.stdout).contains("AAAA… (interpreted)"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("valid");
    assert_eq!(v["tests"][0]["name"].as_str(), Some(name.as_str()));
    let out = within(orderlab(&["check", path_str(&f)]), 60);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(text(&out.stdout).contains("AAAA…"));
}

// ---- 3. paths ---------------------------------------------------------------------------

/// `ln -s . a; ln -s . b`: the walk ends, each file once.
#[test]
fn directory_link_loops_end() {
    let d = tmpdir("loop");
    std::fs::write(d.join("Mine.litmus"), sb_named("Mine")).expect("write");
    std::os::unix::fs::symlink(".", d.join("a")).expect("link");
    std::os::unix::fs::symlink(".", d.join("b")).expect("link");
    let out = within(orderlab(&["check", path_str(&d)]), 60);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert_eq!(
        text(&out.stdout).matches("\nMine ").count(),
        1,
        "{}",
        show(&out)
    );
}

/// A mistyped name glob is matched against the registered tests only: from an empty
/// directory and from `/` it is an unknown test at once, with no directory walked.
#[test]
fn a_name_glob_walks_no_directory() {
    let d = tmpdir("glob");
    std::fs::create_dir(d.join("sub")).expect("sub");
    std::fs::write(d.join("sub/XB+mine.litmus"), sb_named("XB+mine")).expect("write");
    for dir in [d.as_path(), Path::new("/")] {
        let t = Instant::now();
        let out = within(orderlab_in(dir, &["check", "XB+*"]), 60);
        assert_eq!(out.status.code(), Some(2), "{}", show(&out));
        assert!(text(&out.stderr).contains("unknown test"), "{}", show(&out));
        assert!(t.elapsed() < Duration::from_secs(30));
    }
    // A path glob is expanded one directory per component, like a shell's.
    let out = within(orderlab_in(&d, &["check", "sub/XB*.litmus"]), 60);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(text(&out.stdout).contains("XB+mine"));
    let out = within(
        orderlab_in(&d, &["check", "*/*.litmus", "--models", "sc"]),
        60,
    );
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(text(&out.stdout).contains("XB+mine"));
}

// ---- 4. output files ----------------------------------------------------------------------

/// A symbolic link is written through (the file it names gets the JSON) and stays a link; no
/// temporary file is left.
#[test]
fn json_through_a_symlink_keeps_the_link() {
    let d = tmpdir("symlink");
    std::fs::write(d.join("real.json"), "old").expect("write");
    std::os::unix::fs::symlink("real.json", d.join("link.json")).expect("link");
    let out = within(
        orderlab(&["check", "SB+rlx", "--json", path_str(&d.join("link.json"))]),
        60,
    );
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let m = std::fs::symlink_metadata(d.join("link.json")).expect("meta");
    assert!(m.file_type().is_symlink(), "the link was replaced");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("real.json")).expect("read"))
            .expect("the JSON went to the link's target");
    assert_eq!(v[0]["name"], "SB+rlx");
    assert_eq!(names(&d), ["link.json", "real.json"]);
}

/// A FIFO is written like `tee` writes it (a reader gets the JSON) and stays a FIFO; a FIFO
/// with no reader is an error, not a wait.
#[test]
fn json_into_a_fifo_keeps_the_fifo() {
    let d = tmpdir("fifo");
    let fifo = d.join("f.json");
    mkfifo(&fifo);
    let out = within(
        orderlab(&["check", "SB+rlx", "--json", path_str(&fifo)]),
        60,
    );
    assert_eq!(out.status.code(), Some(2), "no reader: {}", show(&out));
    assert!(text(&out.stderr).contains("no reader"), "{}", show(&out));
    // A reader thread: opened before orderlab runs (non-blocking), read after it ends (the
    // JSON fits in the pipe's buffer).
    let mut reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .expect("open the FIFO for reading");
    let reading = std::thread::spawn(move || {
        let out = within(
            orderlab(&["check", "SB+rlx", "--json", path_str(&fifo)]),
            60,
        );
        assert_eq!(out.status.code(), Some(0), "{}", show(&out));
        let mut got = String::new();
        reader.read_to_string(&mut got).expect("read the FIFO");
        got
    });
    let got = reading.join().expect("reader");
    let v: serde_json::Value = serde_json::from_str(&got).expect("the reader got the JSON");
    assert_eq!(v[0]["name"], "SB+rlx");
    let m = std::fs::symlink_metadata(d.join("f.json")).expect("meta");
    assert!(m.file_type().is_fifo(), "the FIFO was replaced");
    assert_eq!(names(&d), ["f.json"]);
}

/// `--json /dev/stdout` into a pipe writes the JSON into the pipe.
#[test]
fn json_to_dev_stdout_goes_down_the_pipe() {
    let out = within(orderlab(&["check", "SB+rlx", "--json", "/dev/stdout"]), 60);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("\"name\": \"SB+rlx\""), "{stdout}");
}

/// `/dev/full` is written directly: ENOSPC is exit 2, and the device node stays a device (as
/// root a rename would have replaced it). As root the test writes to a node of the same device
/// made in a temporary directory, so a regression clobbers that node, not the machine's.
#[test]
fn json_to_dev_full_is_enospc_and_the_device_stays() {
    let d = tmpdir("full");
    // Safety: geteuid has no preconditions.
    let full = if unsafe { libc::geteuid() } == 0 {
        let p = d.join("full");
        let c = std::ffi::CString::new(path_str(&p)).expect("path");
        // Safety: a valid NUL-terminated path; major 1, minor 7 is Linux's /dev/full.
        let r = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 7)) };
        assert_eq!(r, 0, "mknod {}", p.display());
        p
    } else {
        PathBuf::from("/dev/full")
    };
    let out = within(
        orderlab(&["check", "SB+rlx", "--json", path_str(&full)]),
        60,
    );
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(
        text(&out.stderr).contains("No space left"),
        "{}",
        show(&out)
    );
    let m = std::fs::symlink_metadata(&full).expect("the device");
    assert!(
        m.file_type().is_char_device(),
        "{} is no longer a device",
        full.display()
    );
}

/// A directory is refused and left alone; a missing directory is exit 2 (I/O errors are bad
/// input, never "forbidden observed") in `check --json`, `explain --dot`, `report --out`.
#[test]
fn output_errors_are_exit_2() {
    let d = tmpdir("outerr");
    std::fs::create_dir(d.join("dir.json")).expect("dir");
    let out = within(
        orderlab(&["check", "SB+rlx", "--json", path_str(&d.join("dir.json"))]),
        60,
    );
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(text(&out.stderr).contains("a directory"), "{}", show(&out));
    assert!(d.join("dir.json").is_dir());
    let missing = d.join("no/such/x");
    let m = path_str(&missing);
    let run_json = format!("{ROOT}/tests/data/report/x86.json");
    for args in [
        vec!["check", "SB+rlx", "--json", m],
        vec!["explain", "SB+rlx", "--dot", m],
        vec!["report", &run_json, "--out", m],
        vec!["report", &run_json, "--markdown", m],
    ] {
        let out = within(orderlab(&args), 60);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", show(&out));
        assert!(text(&out.stderr).contains(m), "{args:?}: {}", show(&out));
    }
    assert_eq!(names(&d), ["dir.json"]);
}

/// A missing snapshot in `asm --check-snapshots` is an input problem (exit 2), not a mismatch
/// (exit 1); so are an unknown target and a missing snapshot for one test.
#[test]
fn asm_input_errors_are_exit_2() {
    let d = tmpdir("asm");
    let root = path_str(&d);
    for args in [
        vec!["asm", "--check-snapshots", "--root", root],
        vec!["asm", "SB+rlx", "--snapshot", "--root", root],
        vec!["asm", "SB+rlx", "--target", "pdp11"],
        vec!["asm", "NoSuch+rlx"],
    ] {
        let out = within(orderlab(&args), 60);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", show(&out));
    }
}

/// Two processes writing the same JSON file at once: the result is one of them, whole, and no
/// temporary file is left.
#[test]
fn concurrent_writers_leave_one_whole_file() {
    let d = tmpdir("concurrent");
    let f = d.join("same.json");
    for _ in 0..3 {
        let kids: Vec<Child> = ["SB+rlx", "MP+ra", "SB+rlx", "MP+ra"]
            .iter()
            .map(|t| {
                orderlab(&["check", t, "--json", path_str(&f)])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for k in kids {
            let out = finish(k, 60);
            assert_eq!(out.status.code(), Some(0), "{}", show(&out));
        }
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&f).expect("read")).expect("whole");
        assert!(v[0]["name"] == "SB+rlx" || v[0]["name"] == "MP+ra");
        assert_eq!(names(&d), ["same.json"]);
    }
}

// ---- 5. bounds ----------------------------------------------------------------------------

#[test]
fn absurd_instances_and_watchdog_are_refused() {
    for (args, what) in [
        (vec!["--instances", "1000000000"], "--instances"),
        (vec!["--instances", "0"], "--instances"),
        (vec!["--watchdog", "0.000001"], "--watchdog"),
        (vec!["--watchdog", "1e9"], "--watchdog"),
        (vec!["--watchdog", "NaN"], "--watchdog"),
    ] {
        let mut all = vec!["run", "SB+rlx", "-n", "1000"];
        all.extend(args);
        let out = within(orderlab(&all), 60);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {}", show(&out));
        assert!(text(&out.stderr).contains(what), "{all:?}: {}", show(&out));
    }
}

// ---- 6. model limits: exit 4 everywhere, located, on stderr -------------------------------

/// A test of 11 compare-exchanges (the checker's bound is 10).
fn cas11() -> String {
    let mut s = String::from("C CAS11\n{ [x] = 0; }\nP0(atomic_int* x) {\n  int r0 = 0;\n");
    for i in 1..=11 {
        s += &format!(
            "  int r{i} = atomic_compare_exchange_strong_explicit(x, &r0, {i}, \
             memory_order_relaxed, memory_order_relaxed);\n"
        );
    }
    s + "}\nexists (x=1)\n"
}

/// Two locations with 7 writers each: 7!·7! coherence orders, beyond 2^18 candidates.
fn candidates() -> String {
    let mut s = String::from("C Many\n{ [x] = 0; [y] = 0; }\n");
    for t in 0..7 {
        s += &format!(
            "P{t}(atomic_int* x, atomic_int* y) {{\n  atomic_store_explicit(x, {}, \
             memory_order_relaxed);\n  atomic_store_explicit(y, {}, memory_order_relaxed);\n}}\n",
            t + 1,
            t + 1
        );
    }
    s + "exists (x=1 /\\ y=1)\n"
}

#[test]
fn model_limits_are_exit_4_with_the_file_location() {
    let _g = hw();
    let d = tmpdir("limits");
    let cas = d.join("cas11.litmus");
    std::fs::write(&cas, cas11()).expect("write");
    let many = d.join("many.litmus");
    std::fs::write(&many, candidates()).expect("write");
    let cas_at = format!("{}:15:3: CAS11: too large", cas.display());
    for args in [
        vec!["check", path_str(&cas)],
        vec!["explain", path_str(&cas)],
        vec!["run", path_str(&cas), "-n", "2000"],
    ] {
        let out = within(orderlab(&args), 120);
        assert_eq!(out.status.code(), Some(4), "{args:?}: {}", show(&out));
        assert!(
            text(&out.stderr).contains(&cas_at),
            "{args:?}: {}",
            show(&out)
        );
        assert!(
            !text(&out.stdout).contains("too large"),
            "{args:?}: the error is on stdout: {}",
            show(&out)
        );
    }
    let out = within(orderlab(&["check", path_str(&many)]), 120);
    assert_eq!(out.status.code(), Some(4), "{}", show(&out));
    let want = format!("{}: Many: too large for the model checker", many.display());
    assert!(text(&out.stderr).contains(&want), "{}", show(&out));
    // A checked test and an unchecked one: still 4, the checked one's verdict printed.
    let out = within(orderlab(&["check", "SB+rlx", path_str(&cas)]), 120);
    assert_eq!(out.status.code(), Some(4), "{}", show(&out));
    assert!(text(&out.stdout).contains("SB+rlx  A"), "{}", show(&out));
}

/// More than 64 events: located at the statement of the 65th.
#[test]
fn too_many_events_points_at_the_statement() {
    let d = tmpdir("events");
    let mut s = String::from("C Events\n{ [x] = 0; }\n");
    for t in 0..2 {
        s += &format!("P{t}(atomic_int* x) {{\n");
        for i in 0..40 {
            s += &format!("  atomic_store_explicit(x, {i}, memory_order_relaxed);\n");
        }
        s += "}\n";
    }
    s += "exists (x=1)\n";
    let f = d.join("events.litmus");
    std::fs::write(&f, s).expect("write");
    let out = within(orderlab(&["check", path_str(&f)]), 60);
    assert_eq!(out.status.code(), Some(4), "{}", show(&out));
    // Event 64 (0-based; the initial write of x is event 0) is P1's 24th store, on line
    // 4 + 40 + 2 + 23 = 69.
    let want = format!("{}:69:3: Events: too large", f.display());
    assert!(text(&out.stderr).contains(&want), "{}", show(&out));
}

// ---- 7. the watchdog ----------------------------------------------------------------------

/// A genuinely stuck thread (fault injection: thread 1 never returns from its first round) is
/// reported HUNG with exit 3, through the binary.
#[test]
fn a_stuck_thread_is_hung_exit_3() {
    let _g = hw();
    let mut c = orderlab(&["run", "SB+rlx", "-n", "100000", "--watchdog", "1"]);
    c.env("ORDERLAB_TEST_HANG", "1");
    let out = within(c, 60);
    assert_eq!(out.status.code(), Some(3), "{}", show(&out));
    assert!(text(&out.stdout).contains("HUNG"), "{}", show(&out));
}

/// The whole process stopped for 4 s (SIGSTOP, as by Ctrl-Z or a paused VM) under a 2 s
/// watchdog is not a hung test: the threads were fine.
#[test]
fn a_stopped_process_is_not_hung() {
    let _g = hw();
    let child = orderlab(&["run", "SB+rlx", "-t", "5", "--watchdog", "2"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id();
    std::thread::sleep(Duration::from_millis(1500));
    signal(pid, libc::SIGSTOP);
    std::thread::sleep(Duration::from_secs(4));
    signal(pid, libc::SIGCONT);
    let out = finish(child, 120);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(!text(&out.stdout).contains("HUNG"), "{}", show(&out));
}

// ---- 8. smaller defects ------------------------------------------------------------------

/// Two different files defining one test name are an error naming both; the same file twice
/// counts once.
#[test]
fn two_tests_of_one_name_are_refused() {
    let d = tmpdir("dup");
    for sub in ["a", "b"] {
        std::fs::create_dir(d.join(sub)).expect("dir");
        std::fs::write(d.join(sub).join("t.litmus"), sb_named("Dup")).expect("write");
    }
    let (a, b) = (d.join("a/t.litmus"), d.join("b/t.litmus"));
    let out = within(orderlab(&["check", path_str(&a), path_str(&b)]), 60);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let err = text(&out.stderr);
    assert!(
        err.contains(path_str(&a)) && err.contains(path_str(&b)),
        "{err}"
    );
    let out = within(orderlab(&["check", path_str(&a), path_str(&a)]), 60);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert_eq!(text(&out.stdout).matches("\nDup ").count(), 1);
}

/// A file outside the catalog named like a catalog test is judged by the model alone, never
/// by the catalog's expected row: `SB+rlx` with SeqCst accesses is forbidden under SC-like
/// models where the catalog's SB+rlx is allowed, and no disagreement is reported.
#[test]
fn a_user_file_named_like_a_catalog_test_is_not_the_catalog_row() {
    let d = tmpdir("lookalike");
    let f = d.join("SB+rlx.litmus");
    std::fs::write(&f, catalog_text("SB+sc").replacen("C SB+sc", "C SB+rlx", 1)).expect("write");
    let out = within(orderlab(&["check", path_str(&f), "--models", "rc11"]), 60);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let row = text(&out.stdout)
        .lines()
        .find(|l| l.starts_with("SB+rlx"))
        .map(str::to_string)
        .expect("row");
    assert!(row.ends_with('F'), "{row}");
    assert!(
        !text(&out.stderr).contains("disagreement"),
        "{}",
        show(&out)
    );
    // The catalog's own SB+rlx is allowed.
    let out = within(orderlab(&["check", "SB+rlx", "--models", "rc11"]), 60);
    assert!(text(&out.stdout)
        .lines()
        .any(|l| l.starts_with("SB+rlx") && l.ends_with('A')));
}

/// Escape sequences and NUL bytes in a test name and a path reach the terminal escaped; the
/// JSON keeps them exact.
#[test]
fn control_characters_are_escaped_on_the_terminal_only() {
    let d = tmpdir("escape");
    let name = "Esc\x1b[31mRed\x07\0Nul";
    let f = d.join("e\x1b[2Jx.litmus");
    std::fs::write(&f, sb_named(name)).expect("write");
    let json = d.join("e.json");
    let out = within(
        orderlab(&["check", path_str(&f), "--json", path_str(&json)]),
        60,
    );
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(
        !out.stdout.contains(&0x1b) && !out.stdout.contains(&0),
        "{}",
        show(&out)
    );
    assert!(
        text(&out.stdout).contains("Esc\\x1b[31mRed\\x07\\x00Nul"),
        "{}",
        show(&out)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("valid");
    assert_eq!(v[0]["name"].as_str(), Some(name));
    // An error message naming the path.
    let bad = d.join("b\x1b]0;pwned\x07.litmus");
    std::fs::write(&bad, "C Bad\n{ x = ; }\n").expect("write");
    let out = within(orderlab(&["check", path_str(&bad)]), 60);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(
        !out.stderr.contains(&0x1b) && !out.stderr.contains(&0x07),
        "{}",
        show(&out)
    );
    assert!(
        text(&out.stderr).contains("b\\x1b]0;pwned\\x07.litmus:2:"),
        "{}",
        show(&out)
    );
}

/// A dangling link, a FIFO (no writer: a read would wait for ever) and `/dev/null` are read
/// errors with the OS's reason, not "unknown test"; so is a missing `*.litmus` file.
#[test]
fn unreadable_paths_say_why() {
    let d = tmpdir("unreadable");
    std::os::unix::fs::symlink("gone.litmus", d.join("dangling.litmus")).expect("link");
    mkfifo(&d.join("fifo.litmus"));
    let dangling = d.join("dangling.litmus");
    let fifo = d.join("fifo.litmus");
    for (arg, why) in [
        (path_str(&dangling), "dangling symbolic link"),
        (path_str(&fifo), "a FIFO"),
        ("/dev/null", "a character device"),
        ("missing.litmus", "No such file"),
    ] {
        let out = within(orderlab(&["check", arg]), 60);
        assert_eq!(out.status.code(), Some(2), "{arg}: {}", show(&out));
        let err = text(&out.stderr);
        assert!(
            err.contains(why) && err.contains("cannot read"),
            "{arg}: {err}"
        );
        assert!(!err.contains("unknown test"), "{arg}: {err}");
    }
}

/// A file with old-Mac line endings (CR only): errors are on their own line, not line 1.
#[test]
fn cr_only_line_endings_count_lines() {
    let d = tmpdir("cr");
    let f = d.join("cr.litmus");
    let src = "C CR\r{ [x] = 0; }\rP0(atomic_int* x) {\r  atomic_store_explicit(x, 1, memory_order_bogus);\r}\rexists (x=1)\r";
    std::fs::write(&f, src).expect("write");
    let out = within(orderlab(&["check", path_str(&f)]), 60);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let want = format!("{}:4:", f.display());
    assert!(text(&out.stderr).contains(&want), "{}", show(&out));
}

/// A 10 MB input is refused before it is read whole, with its size.
#[test]
fn a_huge_input_is_refused_by_size() {
    let d = tmpdir("huge");
    let f = d.join("huge.litmus");
    let mut src = sb_named("Huge");
    src += &"(* padding *)\n".repeat(10 << 20 >> 4);
    std::fs::write(&f, &src).expect("write");
    let out = within(orderlab(&["check", path_str(&f)]), 60);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let err = text(&out.stderr);
    assert!(
        err.contains(path_str(&f)) && err.contains("more than the 1048576"),
        "{err}"
    );
    // `report` bounds its inputs too, and never reads a FIFO.
    mkfifo(&d.join("run.json"));
    let out = within(orderlab(&["report", path_str(&d.join("run.json"))]), 60);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(text(&out.stderr).contains("a FIFO"), "{}", show(&out));
}

/// Ctrl-C during a run: the tests that finished are reported and written (marked
/// interrupted), the one in progress is not, the exit code is 130, and no partial or
/// temporary file is left.
#[test]
fn an_interrupted_run_keeps_what_finished() {
    let _g = hw();
    let d = tmpdir("sigint");
    let json = d.join("r.json");
    let mut child = orderlab(&[
        "run",
        "SB+rlx",
        "MP+rlx",
        "LB+rlx",
        "-t",
        "3",
        "--json",
        path_str(&json),
    ])
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("spawn");
    let pid = child.id();
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut seen = String::new();
    // Wait for SB+rlx's block (the first test finished), then interrupt MP+rlx.
    loop {
        let mut line = String::new();
        if stdout.read_line(&mut line).expect("read") == 0 {
            panic!("orderlab ended before the first test finished:\n{seen}");
        }
        seen += &line;
        if line.starts_with("Time SB+rlx") {
            break;
        }
    }
    std::thread::sleep(Duration::from_millis(300));
    signal(pid, libc::SIGINT);
    let out = finish(child, 60);
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("read");
    let all = seen + &rest;
    assert_eq!(out.status.code(), Some(130), "{all}\n{}", show(&out));
    assert!(all.contains("interrupted: 1 of 3 tests finished"), "{all}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("valid");
    assert_eq!(v["interrupted"], true);
    let tests = v["tests"].as_array().expect("tests");
    assert_eq!(tests.len(), 1, "{v}");
    assert_eq!(tests[0]["name"], "SB+rlx");
    assert_eq!(names(&d), ["r.json"]);
}
