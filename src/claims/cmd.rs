//! Command facts: what an emulator says to the options a seed article names, and the
//! documented facts of Go's sources the catalogue shows for context (never as measurements).

use super::evidence::{Body, CmdEv};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Run `line` (a program and its options, as written in the catalogue) with a guest program
/// appended: the aarch64 build for qemu-aarch64, this binary for qemu-x86_64, each asked for
/// `--version`. A command that keeps running past 10 s is stopped and counts as accepted.
pub(crate) fn command(line: &str, aarch64: Option<&Path>) -> Body {
    let argv: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    let Some(prog) = argv.first() else {
        return Body::Missing {
            why: "empty command".into(),
        };
    };
    let guest = match prog.as_str() {
        "qemu-aarch64" => match aarch64 {
            Some(p) => p.to_path_buf(),
            None => {
                return Body::Missing {
                    why: "no aarch64 build / qemu-user (run ci/aarch64.sh)".into(),
                }
            }
        },
        "qemu-x86_64" => match std::env::current_exe() {
            Ok(p) if cfg!(target_arch = "x86_64") => p,
            _ => {
                return Body::Missing {
                    why: "needs an x86_64 build of orderlab".into(),
                }
            }
        },
        other => {
            return Body::Missing {
                why: format!("`{other}` is not a command the catalogue runs"),
            }
        }
    };
    let mut cmd = Command::new(prog);
    cmd.args(&argv[1..]);
    if prog == "qemu-aarch64" {
        let prefix =
            std::env::var("QEMU_LD_PREFIX").unwrap_or_else(|_| "/usr/aarch64-linux-gnu".into());
        cmd.arg("-L").arg(prefix);
    }
    cmd.arg(&guest)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut shown = argv.clone();
    shown.push(format!(
        "<{}> --version",
        if prog == "qemu-aarch64" {
            "orderlab aarch64"
        } else {
            "orderlab x86_64"
        }
    ));
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Body::Cmd(CmdEv {
                argv: shown,
                exit: None,
                stderr: String::new(),
                unavailable: Some(format!("cannot run {prog}: {e} (install qemu-user)")),
            })
        }
    };
    let start = Instant::now();
    let exit = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s.code(),
            Ok(None) if start.elapsed() > Duration::from_secs(10) => {
                let _ = child.kill();
                let _ = child.wait();
                break Some(0);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break None,
        }
    };
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        use std::io::Read;
        let _ = e.read_to_string(&mut stderr);
    }
    Body::Cmd(CmdEv {
        argv: shown,
        exit,
        stderr: stderr.trim().to_string(),
        unavailable: None,
    })
}

/// Facts of Go's sources, as recorded in docs/go-map.md (with the files and commits they
/// come from). Shown on pages for context; rules never count them as measurements.
pub(crate) const DOCS: [(&str, &str); 7] = [
    (
        "go-bucket",
        "Go's map (runtime/map.go before Go 1.24): 2^B buckets of 8 key/elem slots; the low-order \
         bits of the hash select the bucket, the top byte is the slot's tophash; a bucket is \
         tophash[8], then 8 keys, then 8 elems, then the overflow pointer; keys and elems up to \
         128 bytes are stored inline.",
    ),
    (
        "go-tophash",
        "Go computes tophash as uint8(hash >> (PtrSize*8 - 8)): >> 56 on 64-bit platforms, >> 24 \
         on 32-bit ones, moved up by minTopHash = 5 when below it.",
    ),
    (
        "go-flags-plain",
        "Go's mapassign checks `h.flags&hashWriting != 0` and then sets the bit with \
         `h.flags ^= hashWriting`: plain (non-atomic) accesses to h.flags, a check-then-set.",
    ),
    (
        "go-nevacuate",
        "Go's hmap.nevacuate is a plain uintptr field; only a writer (which holds hashWriting) \
         evacuates, through growWork in mapassign and mapdelete.",
    ),
    (
        "go-mapaccess",
        "Go's mapaccess1 and mapaccess2 read from the old bucket if it is not evacuated yet and \
         never call growWork: only writes evacuate.",
    ),
    (
        "go-overflow",
        "Go's newoverflow links an overflow bucket with a plain store (setoverflow) made by the \
         one goroutine that holds hashWriting; there is no CAS on the overflow pointer.",
    ),
    (
        "go-syncmap",
        "Go's sync.Map is a Mutex, an atomic pointer to a read-only map, a dirty map and a miss \
         counter (no flags word); its Range 'does not necessarily correspond to any consistent \
         snapshot' and may be called with f deleting keys.",
    ),
];

/// A documented fact.
pub(crate) fn doc(name: &str) -> Body {
    match DOCS.iter().find(|(n, _)| *n == name) {
        Some((n, text)) => Body::Doc {
            text: text.to_string(),
            source: format!("docs/go-map.md#{n}"),
        },
        None => Body::Missing {
            why: format!("no documented fact `{name}` in docs/go-map.md"),
        },
    }
}
