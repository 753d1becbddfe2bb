//! Resolving command-line selections: test names, name globs, litmus files, directories and
//! path globs.

use super::catalog::{CatalogFile, ENTRIES};
use super::{all, Entry, Source};
use std::path::{Path, PathBuf};

/// The catalog file compiled from `path` (compared after canonicalisation), if any.
fn catalog_by_path(path: &Path) -> Option<&'static CatalogFile> {
    let want = std::fs::canonicalize(path).ok()?;
    ENTRIES
        .iter()
        .find(|e| std::fs::canonicalize(e.abs_path).is_ok_and(|p| p == want))
}

/// Does `name` match the glob `pat` (`*` any run, `?` any one character)?
pub fn glob_match(pat: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pat.chars().collect(), name.chars().collect());
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some(i);
            mark = j;
            i += 1;
        } else if let Some(s) = star {
            i = s + 1;
            mark += 1;
            j = mark;
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?'])
}

/// Every `*.litmus` file below `dir`, sorted.
fn litmus_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "litmus") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The test of a litmus file: its compiled catalog test, or the interpreter.
/// Errors are `FILE:LINE:COL: message`.
pub fn from_file(path: &Path) -> Result<Entry, String> {
    if let Some(e) = catalog_by_path(path) {
        return Ok(Entry::new(
            (e.make)(),
            Source::Catalog,
            Some(e.path.to_string()),
        ));
    }
    let shown = path.to_string_lossy().into_owned();
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    let test = crate::litmus::parse_bytes(&bytes, &shown).map_err(|e| e.to_string())?;
    super::interpreted(test, Some(&shown))
}

/// Resolve command-line selections: test names, name globs (`'SB+*'`), litmus files,
/// directories (every `*.litmus` below), path globs. No selection = every registered test.
/// Duplicates (same name) are dropped, first wins.
pub fn select(args: &[String]) -> Result<Vec<Entry>, String> {
    if args.is_empty() {
        return Ok(all());
    }
    let mut out: Vec<Entry> = Vec::new();
    let mut registry: Option<Vec<Entry>> = None;
    for a in args {
        let p = Path::new(a);
        let mut found: Vec<Entry> = Vec::new();
        if p.is_dir() {
            for f in litmus_files(p) {
                found.push(from_file(&f)?);
            }
            if found.is_empty() {
                return Err(format!("{a}: no *.litmus files in this directory"));
            }
        } else if p.is_file() {
            found.push(from_file(p)?);
        } else {
            let reg = registry.get_or_insert_with(all);
            let mut names: Vec<usize> = (0..reg.len())
                .filter(|&k| {
                    let t = reg[k].test();
                    if is_glob(a) {
                        glob_match(a, &t.name)
                    } else {
                        t.name == *a || t.ident() == *a
                    }
                })
                .collect();
            if names.is_empty() && is_glob(a) {
                // A path glob: match files below the glob's literal directory prefix.
                let cut = a.find(['*', '?']).unwrap_or(0);
                let base = match a[..cut].rfind('/') {
                    Some(k) => &a[..k.max(1)],
                    None => ".",
                };
                for f in litmus_files(Path::new(base)) {
                    let s = f.to_string_lossy();
                    let s = s.strip_prefix("./").unwrap_or(&s);
                    if glob_match(a.strip_prefix("./").unwrap_or(a), s) {
                        found.push(from_file(&f)?);
                    }
                }
            }
            if names.is_empty() && found.is_empty() {
                return Err(unknown(a, reg));
            }
            // Move the matched tests out of the registry (they are built once).
            names.sort_unstable();
            for k in names.into_iter().rev() {
                found.insert(0, reg.remove(k));
            }
        }
        for t in found {
            if !out.iter().any(|o| o.test().name == t.test().name) {
                out.push(t);
            }
        }
    }
    Ok(out)
}

fn unknown(a: &str, reg: &[Entry]) -> String {
    let low = a.to_lowercase();
    let shape = low.split('+').next().unwrap_or("").to_string();
    let near: Vec<&str> = reg
        .iter()
        .map(|t| t.test().name.as_str())
        .filter(|n| {
            let l = n.to_lowercase();
            l.contains(&low)
                || low.contains(&l)
                || (!shape.is_empty() && l.split('+').next() == Some(&shape))
        })
        .take(8)
        .collect();
    let mut m = format!("unknown test {a:?} (not a test name, glob, file or directory)");
    if !near.is_empty() {
        m.push_str(&format!("; near: {}", near.join(", ")));
    }
    m.push_str("; `orderlab list` shows every test");
    m
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("SB+*", "SB+rlx"));
        assert!(glob_match("*+rlx", "SB+rlx"));
        assert!(glob_match("S?+rlx", "SB+rlx"));
        assert!(!glob_match("SB+*", "MP+rlx"));
        assert!(!glob_match("SB", "SB+rlx"));
        assert!(glob_match(
            "litmus/classic/*.litmus",
            "litmus/classic/SB+rlx.litmus"
        ));
    }
}
