//! Comparing emitted ordering signatures with the compile mapping, per catalog thread.

use super::emit;
use super::expect;
use super::extract::Function;
use super::sig;
use crate::litmus::Test;
use crate::machine::Target;
use crate::term::{pad, width};
use std::path::Path;

/// The outcome of comparing one thread's emitted signature with the mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadCheck {
    pub test: String,
    pub thread: usize,
    pub path: String,
    pub expected: Vec<String>,
    /// `None`: the function is not in the emitted asm.
    pub emitted: Option<Vec<String>>,
    /// The dependencies the mapping expects that the emitted code lacks (aarch64 only, when
    /// the signatures agree), in words.
    pub missing_deps: Vec<String>,
    /// How many expected dependencies were looked for in the emitted code.
    pub deps_checked: usize,
}

impl ThreadCheck {
    pub fn ok(&self) -> bool {
        self.emitted
            .as_ref()
            .is_some_and(|e| expect::same(e, &self.expected))
            && self.missing_deps.is_empty()
    }

    /// A readable report of a mismatch: a line diff of expected vs emitted signature.
    pub fn diff(&self, target: Target) -> String {
        let head = format!(
            "{} P{} ({}) on {}:",
            self.test,
            self.thread,
            self.path,
            target.key()
        );
        let Some(emitted) = &self.emitted else {
            return format!("{head} function not found in the emitted asm\n");
        };
        if expect::same(emitted, &self.expected) {
            let mut s = format!("{head} signature {}\n", sig::render(emitted));
            for m in &self.missing_deps {
                s.push_str(&format!("  {m}\n"));
            }
            return s;
        }
        let mut s = format!(
            "{head}\n  expected (compile mapping): {}\n  emitted:                    {}\n",
            sig::render(&self.expected),
            sig::render(emitted)
        );
        for line in lcs_diff(&self.expected, emitted) {
            s.push_str("    ");
            s.push_str(&line);
            s.push('\n');
        }
        s
    }
}

/// Expected and emitted signatures aligned by longest common subsequence, one row per
/// position: `=` same, `!` changed, `-` expected but not emitted, `+` emitted but not
/// expected.
pub fn lcs_diff(a: &[String], b: &[String]) -> Vec<String> {
    let eq = |x: &String, y: &String| expect::canon(x) == expect::canon(y);
    let (n, m) = (a.len(), b.len());
    let mut t = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i][j] = if eq(&a[i], &b[j]) {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    // (expected, emitted) pairs; a run of unmatched ones is paired up as changes.
    let mut rows: Rows<'_> = Vec::new();
    let (mut dels, mut ins): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    type Rows<'s> = Vec<(Option<&'s str>, Option<&'s str>)>;
    fn flush<'s>(rows: &mut Rows<'s>, dels: &mut Vec<&'s str>, ins: &mut Vec<&'s str>) {
        let k = dels.len().max(ins.len());
        for x in 0..k {
            rows.push((dels.get(x).copied(), ins.get(x).copied()));
        }
        dels.clear();
        ins.clear();
    }
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && eq(&a[i], &b[j]) {
            flush(&mut rows, &mut dels, &mut ins);
            rows.push((Some(&a[i]), Some(&b[j])));
            i += 1;
            j += 1;
        } else if i < n && (j == m || t[i + 1][j] >= t[i][j + 1]) {
            dels.push(&a[i]);
            i += 1;
        } else {
            ins.push(&b[j]);
            j += 1;
        }
    }
    flush(&mut rows, &mut dels, &mut ins);
    let w = a.iter().map(|s| width(s)).max().unwrap_or(0).max(8);
    let mut out = vec![format!("  {}   emitted", pad("expected", w))];
    for (x, y) in rows {
        let mark = match (x, y) {
            (Some(p), Some(q)) if eq(&p.to_string(), &q.to_string()) => '=',
            (Some(_), Some(_)) => '!',
            (Some(_), None) => '-',
            _ => '+',
        };
        out.push(format!(
            "{mark} {}   {}",
            pad(x.unwrap_or("(none)"), w),
            y.unwrap_or("(none)")
        ));
    }
    out
}

/// Check every thread of `tests` against `functions` (a whole listing or a snapshot).
pub fn check_test(test: &Test, functions: &[Function], target: Target) -> Vec<ThreadCheck> {
    test.threads
        .iter()
        .map(|th| {
            let path = expect::thread_path(test, th.index);
            let f = emit::find(functions, &path);
            let emitted = f.map(|f| sig::tokens(f, target.arch(), Some(th.params.len())));
            let want = expect::expectation(th, target);
            let (missing_deps, deps_checked) = match (f, &emitted) {
                (Some(f), Some(e))
                    if target.arch() == crate::machine::Arch::Aarch64
                        && expect::same(e, &want.tokens) =>
                {
                    let m = super::deps::missing(f, th.params.len(), &want.tokens, &want.deps);
                    (m, want.deps.len())
                }
                _ => (Vec::new(), 0),
            };
            ThreadCheck {
                test: test.name.clone(),
                thread: th.index,
                path,
                expected: want.tokens,
                emitted,
                missing_deps,
                deps_checked,
            }
        })
        .collect()
}

/// Every catalog thread's signature checked against the mapping on each target: from freshly
/// emitted asm, or from the checked-in snapshots.
pub fn catalog(
    root: &Path,
    targets: &[Target],
    snapshots: bool,
) -> Result<Vec<(Target, Vec<ThreadCheck>)>, String> {
    let tests = crate::suite::catalog::tests();
    let mut out = Vec::new();
    for &t in targets {
        let listing = if snapshots {
            None
        } else {
            Some(emit::emit_functions(root, t).map_err(|e| format!("{}: {e}", t.key()))?)
        };
        let mut results = Vec::new();
        for test in &tests {
            let snap;
            let fns: &[Function] = match &listing {
                Some(all) => all,
                None => {
                    // A missing snapshot is an input problem (exit 2), not a mismatch.
                    snap = emit::read_snapshot(root, t, &test.name).ok_or_else(|| {
                        format!(
                            "{}: no snapshot {}",
                            t.key(),
                            emit::snapshot_path(root, t, &test.name).display()
                        )
                    })?;
                    &snap
                }
            };
            results.extend(check_test(test, fns, t));
        }
        out.push((t, results));
    }
    Ok(out)
}

/// The functions of a test (its threads, in order) out of a whole listing.
pub fn test_functions(test: &Test, functions: &[Function]) -> Vec<Function> {
    test.threads
        .iter()
        .filter_map(|th| emit::find(functions, &expect::thread_path(test, th.index)).cloned())
        .collect()
}

/// The map-driven tests' thread functions of a listing, grouped per test:
/// `orderlab::map::lab::{proto}_{writer|reader}_{policy}` → `map.{proto}+{policy}`, the
/// writer first. These are snapshotted (and shown) but not checked against the mapping: they
/// run the map's real code, whose signature holds far more than the protocol's accesses.
pub fn map_tests(functions: &[Function]) -> Vec<(String, Vec<Function>)> {
    let mut groups: std::collections::BTreeMap<String, Vec<(u8, Function)>> = Default::default();
    for f in functions {
        let Some(name) = f.path.strip_prefix("orderlab::map::lab::") else {
            continue;
        };
        let parts: Vec<&str> = name.split('_').collect();
        let [proto, role, policy] = parts[..] else {
            continue;
        };
        let rank = match role {
            "writer" => 0,
            "reader" => 1,
            _ => continue,
        };
        groups
            .entry(format!("map.{proto}+{policy}"))
            .or_default()
            .push((rank, f.clone()));
    }
    groups
        .into_iter()
        .map(|(k, mut v)| {
            v.sort_by_key(|(r, _)| *r);
            (k, v.into_iter().map(|(_, f)| f).collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_map_functions_per_test() {
        let f = |p: &str| Function {
            path: p.into(),
            body: vec!["ret".into()],
        };
        let fns = [
            f("orderlab::map::lab::publish_reader_acqrel"),
            f("orderlab::map::lab::publish_writer_acqrel"),
            f("orderlab::map::table::insert"),
        ];
        let g = map_tests(&fns);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].0, "map.publish+acqrel");
        assert!(g[0].1[0].path.ends_with("writer_acqrel"));
    }

    #[test]
    fn diff_marks_changes() {
        let a: Vec<String> = ["stlr", "ldar"].iter().map(|s| s.to_string()).collect();
        let b: Vec<String> = ["stlr", "ldapr"].iter().map(|s| s.to_string()).collect();
        let d = lcs_diff(&a, &b);
        assert!(d[1].starts_with("= stlr"), "{d:?}");
        assert!(
            d[2].starts_with("! ldar") && d[2].ends_with("ldapr"),
            "{d:?}"
        );
        let c: Vec<String> = ["dmb ish".to_string()].into();
        let d = lcs_diff(&a, &c);
        assert!(
            d[1].starts_with("! stlr") && d[2].starts_with("- ldar"),
            "{d:?}"
        );
    }
}
