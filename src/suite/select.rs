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

/// The largest litmus file read (the catalog's are under 2 KiB): a bigger input is refused
/// before it is read whole.
pub const MAX_LITMUS_BYTES: u64 = 1 << 20;

/// Every `*.litmus` file below `dir`, sorted. Symbolic links to directories are followed, but
/// a directory already walked (by its canonical path) is not walked again, so link loops
/// (`ln -s . a`) end.
fn litmus_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if !std::fs::canonicalize(&d).is_ok_and(|c| seen.insert(c)) {
            continue;
        }
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

/// A path glob (`dir/*.litmus`, `'litmus/*/SB*'`) expanded as a shell does: each component
/// with a wildcard matches the names of one directory (hidden names only when the component
/// starts with `.`); nothing is walked recursively.
fn expand_path_glob(pat: &str) -> Vec<PathBuf> {
    let mut cur = vec![PathBuf::from(if pat.starts_with('/') { "/" } else { "" })];
    for comp in pat.split('/').filter(|c| !c.is_empty() && *c != ".") {
        let mut next = Vec::new();
        for base in &cur {
            if !is_glob(comp) {
                next.push(base.join(comp));
                continue;
            }
            let dir = if base.as_os_str().is_empty() {
                Path::new(".")
            } else {
                base.as_path()
            };
            let Ok(rd) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut names: Vec<String> = rd
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| (comp.starts_with('.') || !n.starts_with('.')) && glob_match(comp, n))
                .collect();
            names.sort();
            next.extend(names.into_iter().map(|n| base.join(n)));
        }
        cur = next;
    }
    cur.retain(|p| p.exists());
    cur
}

/// A command-line word that names a path rather than a test: it exists in the file system (a
/// dangling link included), or it looks like a path (`/` in it, or a `.litmus` name).
fn names_a_path(a: &str) -> bool {
    std::fs::symlink_metadata(a).is_ok() || a.contains('/') || a.ends_with(".litmus")
}

/// The test of a litmus file: its compiled catalog test, or the interpreter.
/// Errors are `FILE:LINE:COL: message`, or `FILE: message` for a file that cannot be read (the
/// OS's reason; a FIFO, a device or a file over `MAX_LITMUS_BYTES` (1 MiB) is not read).
pub fn from_file(path: &Path) -> Result<Entry, String> {
    if let Some(e) = catalog_by_path(path) {
        return Ok(Entry::new(
            (e.make)(),
            Source::Catalog,
            Some(e.path.to_string()),
        ));
    }
    let shown = path.to_string_lossy().into_owned();
    let bytes = crate::fsutil::read_limited(path, MAX_LITMUS_BYTES).map_err(|e| {
        let dangling = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
            && std::fs::metadata(path).is_err();
        if dangling {
            format!("{shown}: cannot read: {e} (a dangling symbolic link)")
        } else {
            format!("{shown}: cannot read: {e}")
        }
    })?;
    let test = crate::litmus::parse_bytes(&bytes, &shown).map_err(|e| e.to_string())?;
    super::interpreted(test, Some(&shown))
}

/// What identifies a selected test beyond its name: the canonical file it came from.
fn origin(e: &Entry) -> Option<PathBuf> {
    let p = match e.source() {
        Source::Catalog => ENTRIES
            .iter()
            .find(|c| Some(c.path) == e.path())
            .map(|c| PathBuf::from(c.abs_path)),
        _ => e.path().map(PathBuf::from),
    }?;
    Some(std::fs::canonicalize(&p).unwrap_or(p))
}

/// Resolve command-line selections: test names, name globs (`'SB+*'`, matched against the
/// registered names only), litmus files, directories (every `*.litmus` below), path globs
/// (a glob with a `/`, expanded one directory per component like a shell, plus the catalog's
/// paths). No selection = every registered test. The same test selected twice counts once;
/// two different tests of one name are an error (their results would be one row).
pub fn select(args: &[String]) -> Result<Vec<Entry>, String> {
    if args.is_empty() {
        return Ok(all());
    }
    let mut out: Vec<Entry> = Vec::new();
    let mut registry: Option<Vec<Entry>> = None;
    for a in args {
        let p = Path::new(a);
        let mut found: Vec<Entry> = Vec::new();
        if is_glob(a) && a.contains('/') {
            for f in expand_path_glob(a) {
                if f.is_dir() {
                    for g in litmus_files(&f) {
                        found.push(from_file(&g)?);
                    }
                } else {
                    found.push(from_file(&f)?);
                }
            }
            let pat = a.strip_prefix("./").unwrap_or(a);
            for e in ENTRIES.iter().filter(|e| glob_match(pat, e.path)) {
                found.push(Entry::new(
                    (e.make)(),
                    Source::Catalog,
                    Some(e.path.to_string()),
                ));
            }
            if found.is_empty() {
                return Err(format!("{a}: no file or catalog path matches this glob"));
            }
        } else if !is_glob(a) && p.is_dir() {
            for f in litmus_files(p) {
                found.push(from_file(&f)?);
            }
            if found.is_empty() {
                return Err(format!("{a}: no *.litmus files in this directory"));
            }
        } else if !is_glob(a) && names_a_path(a) && !registered(&mut registry, a) {
            found.push(from_file(p)?);
        } else {
            let reg = registry.get_or_insert_with(all);
            let names: Vec<usize> = (0..reg.len())
                .filter(|&k| {
                    let t = reg[k].test();
                    if is_glob(a) {
                        glob_match(a, &t.name)
                    } else {
                        t.name == *a || t.ident() == *a
                    }
                })
                .collect();
            if names.is_empty() {
                return Err(unknown(a, reg));
            }
            // Move the matched tests out of the registry (they are built once).
            for k in names.into_iter().rev() {
                found.insert(0, reg.remove(k));
            }
        }
        for t in found {
            match out.iter().find(|o| o.test().name == t.test().name) {
                None => out.push(t),
                Some(o) if origin(o) == origin(&t) => {}
                Some(o) => {
                    return Err(format!(
                        "{}: test `{}` is also selected from {}; two tests of one name would \
                         be one result (rename one: the name after `C` on line 1)",
                        t.path().unwrap_or("(registered)"),
                        t.test().name,
                        o.path().unwrap_or("the registered tests"),
                    ))
                }
            }
        }
    }
    Ok(out)
}

/// Is `a` the name of a registered test (which wins over a file that does not exist)?
fn registered(registry: &mut Option<Vec<Entry>>, a: &str) -> bool {
    if std::fs::symlink_metadata(a).is_ok() {
        return false;
    }
    registry
        .get_or_insert_with(all)
        .iter()
        .any(|e| e.test().name == a || e.test().ident() == a)
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
