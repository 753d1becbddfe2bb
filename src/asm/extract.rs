//! Splitting `rustc --emit asm` output (and the lab's snapshot files) into functions.

use crate::machine::Arch;

/// One function of an assembly listing, cleaned of assembler noise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    /// The demangled path without its hash, e.g. `orderlab::suite::catalog::sb_sc::p0`.
    pub path: String,
    /// Body lines: instructions as `mnemonic<TAB>operands`, local labels (`.LBB0_1:`) and
    /// compiler-barrier markers (`#MEMBARRIER`), in order.
    pub body: Vec<String>,
}

impl Function {
    /// The function as it is written into a snapshot: `path:` then one tab-indented line each.
    pub fn to_snapshot(&self) -> String {
        let mut s = format!("{}:\n", self.path);
        for l in &self.body {
            if l.ends_with(':') {
                s.push_str(l);
            } else {
                s.push('\t');
                s.push_str(l);
            }
            s.push('\n');
        }
        s
    }
}

/// Demangle a Rust symbol, legacy (`_ZN8orderlab5suite7catalog5sb_sc2p017h0123456789abcdefE`)
/// or v0 (`_RNvNtNtNtCs..._8orderlab5suite7catalog5sb_sc2p0`, rustc's default since 1.9x), to
/// `orderlab::suite::catalog::sb_sc::p0`, without hash or crate disambiguator. Returns `None`
/// for anything that is not a Rust symbol.
pub fn demangle(sym: &str) -> Option<String> {
    rustc_demangle::try_demangle(sym)
        .ok()
        .map(|d| format!("{d:#}"))
}

/// Normalise one instruction line: comments dropped (except the compiler-barrier marker),
/// prefix and mnemonic joined by one space, mnemonic and operands separated by one tab.
/// Returns `None` for lines that carry nothing (blank, directives, comments).
pub fn clean_line(line: &str, arch: Arch) -> Option<String> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    if t.starts_with("#MEMBARRIER") {
        return Some("#MEMBARRIER".to_string());
    }
    if t.ends_with(':') && !t.contains(char::is_whitespace) {
        // A label; keep local branch targets only.
        return t.starts_with(".LBB").then(|| t.to_string());
    }
    if t.starts_with('.') {
        return None;
    }
    // `//` comments appear in hand-written `.S` files of both architectures; `#` starts a
    // comment in x86 listings (on aarch64 it marks an immediate).
    let code = t.split("//").next().unwrap_or("");
    let code = match arch {
        Arch::X86_64 => code.split('#').next().unwrap_or(""),
        Arch::Aarch64 => code,
    }
    .trim();
    if code.is_empty() {
        return None;
    }
    let mut words = code.split_whitespace().peekable();
    let mut mnemonic = String::new();
    while let Some(w) = words.next() {
        if !mnemonic.is_empty() {
            mnemonic.push(' ');
        }
        mnemonic.push_str(w);
        let is_prefix = matches!(w, "lock" | "rep" | "repe" | "repne" | "repz" | "repnz");
        if !is_prefix {
            break;
        }
        if words.peek().is_none() {
            break;
        }
    }
    let operands = code
        .split_whitespace()
        .skip(mnemonic.split(' ').count())
        .collect::<Vec<_>>()
        .join(" ");
    Some(if operands.is_empty() {
        mnemonic
    } else {
        format!("{mnemonic}\t{operands}")
    })
}

/// Every global function of an `rustc --emit asm` listing, in listing order.
pub fn functions(asm: &str, arch: Arch) -> Vec<Function> {
    let mut out = Vec::new();
    let mut current: Option<Function> = None;
    // `alias = target`: LLVM's MergeFunctions (on by default in rustc) turns a function
    // identical to another into an alias of it.
    let mut aliases: Vec<(String, String)> = Vec::new();
    // Only labels declared `.type SYM,@function` (or `%function`) start a function; other
    // column-0 labels (exception tables, constants) do not.
    let mut function_syms = std::collections::HashSet::new();
    for line in asm.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix(".type") {
            let mut parts = rest.split(',').map(str::trim);
            if let (Some(sym), Some(kind)) = (parts.next(), parts.next()) {
                if kind == "@function" || kind == "%function" {
                    function_syms.insert(sym.to_string());
                }
            }
        }
    }
    for line in asm.lines() {
        let t = line.trim();
        if !line.starts_with(char::is_whitespace) {
            if let Some((a, b)) = t.split_once(" = ") {
                if !a.contains(char::is_whitespace) && !b.contains(char::is_whitespace) {
                    aliases.push((a.to_string(), b.to_string()));
                    continue;
                }
            }
        }
        let label = (!line.starts_with(char::is_whitespace))
            .then(|| t.strip_suffix(':'))
            .flatten()
            .filter(|sym| function_syms.contains(*sym));
        if let Some(sym) = label {
            if let Some(f) = current.take() {
                out.push(f);
            }
            let path = demangle(sym).unwrap_or_else(|| sym.to_string());
            current = Some(Function {
                path,
                body: Vec::new(),
            });
            continue;
        }
        if let Some(f) = current.as_mut() {
            if t.starts_with(".Lfunc_end") || t.starts_with(".size") || t == ".cfi_endproc" {
                out.push(current.take().expect("current is Some"));
                continue;
            }
            if let Some(l) = clean_line(line, arch) {
                f.body.push(l);
            }
        }
    }
    if let Some(f) = current {
        out.push(f);
    }
    // Aliases may point at aliases: resolve until nothing changes.
    let mut pending: Vec<(String, String)> = aliases
        .into_iter()
        .map(|(a, t)| (demangle(&a).unwrap_or(a), demangle(&t).unwrap_or(t)))
        .collect();
    loop {
        let before = pending.len();
        pending.retain(|(alias, target)| {
            let Some(body) = out
                .iter()
                .find(|f| f.path == *target)
                .map(|f| f.body.clone())
            else {
                return true;
            };
            out.push(Function {
                path: alias.clone(),
                body,
            });
            false
        });
        if pending.len() == before {
            break;
        }
    }
    out
}

/// Read the functions of a snapshot file written by [`Function::to_snapshot`] (header lines
/// start with `#` at column 0; a function is `path:` then tab-indented lines).
pub fn snapshot_functions(text: &str) -> Vec<Function> {
    let mut out: Vec<Function> = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if line.starts_with(char::is_whitespace) || line.starts_with(".LBB") {
            if let Some(f) = out.last_mut() {
                f.body.push(line.trim().to_string());
            }
            continue;
        }
        if let Some(path) = line.trim().strip_suffix(':') {
            out.push(Function {
                path: path.to_string(),
                body: Vec::new(),
            });
        }
    }
    out
}

/// Does a demangled path name the function `want` (e.g. `orderlab::suite::catalog::sb_sc::p0`)?
/// Tolerates a missing crate prefix and generic arguments in the path.
pub fn path_matches(path: &str, want: &str) -> bool {
    if path == want {
        return true;
    }
    let strip = |s: &str| -> String {
        let mut depth = 0;
        let mut o = String::new();
        for c in s.chars() {
            match c {
                '<' => depth += 1,
                '>' => depth -= 1,
                _ if depth == 0 => o.push(c),
                _ => {}
            }
        }
        o
    };
    let (p, w) = (strip(path), strip(want));
    p == w || p.ends_with(&format!("::{w}")) || w.ends_with(&format!("::{p}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demangles_legacy_and_v0_symbols() {
        assert_eq!(
            demangle("_ZN8orderlab5suite7catalog5sb_sc2p017h685d29b1c2972194E").as_deref(),
            Some("orderlab::suite::catalog::sb_sc::p0")
        );
        assert_eq!(
            demangle("_RNvNtNtNtCs6wCyJi2jMWU_8orderlab5suite7catalog15sb_sc_st_rlx_ld2p0")
                .as_deref(),
            Some("orderlab::suite::catalog::sb_sc_st_rlx_ld::p0")
        );
        assert_eq!(demangle("main"), None);
        assert_eq!(demangle("_ZN3foo"), None);
    }

    #[test]
    fn resolves_merged_function_aliases() {
        let text = "\t.type\t_ZN1a1f17h0000000000000000E,@function\n_ZN1a1f17h0000000000000000E:\n\tmov\teax, 1\n\tret\n.Lfunc_end0:\n\
                    _ZN1a1h17h2222222222222222E = _ZN1a1g17h1111111111111111E\n\
                    _ZN1a1g17h1111111111111111E = _ZN1a1f17h0000000000000000E\n";
        let fns = functions(text, Arch::X86_64);
        assert_eq!(fns.len(), 3);
        assert!(fns
            .iter()
            .any(|f| f.path == "a::h" && f.body == fns[0].body));
        assert_eq!(fns[1].path, "a::g");
        assert_eq!(fns[1].body, fns[0].body);
    }

    #[test]
    fn cleans_lines() {
        assert_eq!(
            clean_line("\tlock\t\tor\tdword ptr [rsp - 64], 0", Arch::X86_64).as_deref(),
            Some("lock or\tdword ptr [rsp - 64], 0")
        );
        assert_eq!(clean_line("\t.cfi_startproc", Arch::X86_64), None);
        assert_eq!(
            clean_line("\tmov\tw8, #1 // one", Arch::Aarch64).as_deref(),
            Some("mov\tw8, #1")
        );
        assert_eq!(
            clean_line("\t#MEMBARRIER", Arch::X86_64).as_deref(),
            Some("#MEMBARRIER")
        );
        assert_eq!(clean_line("\tret", Arch::X86_64).as_deref(), Some("ret"));
    }
}
