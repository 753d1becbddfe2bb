//! Ordering signatures: which instructions of a function matter for memory ordering, in
//! order, and what each one means.

use super::extract::Function;
use crate::machine::Arch;
use std::collections::BTreeSet;
use std::fmt;

/// What an ordering-relevant instruction does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// A plain load or store of a shared location.
    Plain,
    /// A load with acquire semantics (`ldar`, `ldapr`).
    Acquire,
    /// A store with release semantics (`stlr`).
    Release,
    /// An atomic read-modify-write (locked instruction, LSE atomic, outline-atomics call,
    /// exclusive pair).
    Rmw,
    /// A hardware barrier (`mfence`, `dmb`, the stack-directed `lock or`).
    Barrier,
    /// A conditional branch (`jcc`, `cbz`, `b.ne`, ...): on ARMv8 a later store waits for the
    /// loads its condition depends on.
    Branch,
    /// A compiler-only barrier (no instruction); shown, not part of a signature.
    Compiler,
}

/// One element of an ordering signature.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SigItem {
    /// Canonical spelling, e.g. `mov (load)`, `xchg`, `lock or`, `ldar`, `dmb ish`,
    /// `bl __aarch64_swp4_acq_rel`. Two signatures are equal when their tokens are.
    pub token: String,
    pub effect: Effect,
    /// Index into [`Function::body`].
    pub line: usize,
}

impl fmt::Display for SigItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.token)
    }
}

/// A signature rendered as one line: `xchg ; mov (load)`.
pub fn render(tokens: &[String]) -> String {
    if tokens.is_empty() {
        "(nothing)".to_string()
    } else {
        tokens.join(" ; ")
    }
}

/// Canonical register name: `eax`/`rax`/`al` → `a`, `r8d` → `r8`; `w3`/`x3` → `3`.
pub(crate) fn canon_reg(arch: Arch, r: &str) -> Option<String> {
    let r = r.trim().to_ascii_lowercase();
    match arch {
        Arch::X86_64 => {
            const LEGACY: [(&str, [&str; 4]); 8] = [
                ("a", ["rax", "eax", "ax", "al"]),
                ("b", ["rbx", "ebx", "bx", "bl"]),
                ("c", ["rcx", "ecx", "cx", "cl"]),
                ("d", ["rdx", "edx", "dx", "dl"]),
                ("si", ["rsi", "esi", "si", "sil"]),
                ("di", ["rdi", "edi", "di", "dil"]),
                ("sp", ["rsp", "esp", "sp", "spl"]),
                ("bp", ["rbp", "ebp", "bp", "bpl"]),
            ];
            for (c, names) in LEGACY {
                if names.contains(&r.as_str()) {
                    return Some(c.to_string());
                }
            }
            let n = r.strip_prefix('r')?;
            let digits: String = n.chars().take_while(|c| c.is_ascii_digit()).collect();
            let suffix = &n[digits.len()..];
            (!digits.is_empty() && matches!(suffix, "" | "d" | "w" | "b"))
                .then(|| format!("r{digits}"))
        }
        Arch::Aarch64 => {
            if r == "sp" || r == "wsp" {
                return Some("sp".into());
            }
            if r == "xzr" || r == "wzr" {
                return Some("zr".into());
            }
            let n = r.strip_prefix('x').or_else(|| r.strip_prefix('w'))?;
            (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then(|| n.to_string())
        }
    }
}

/// Argument registers in order.
fn arg_regs(arch: Arch) -> Vec<String> {
    match arch {
        Arch::X86_64 => ["di", "si", "d", "c", "r8", "r9"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        Arch::Aarch64 => (0..8).map(|i| i.to_string()).collect(),
    }
}

/// Registers a call may clobber.
pub(crate) fn caller_saved(arch: Arch) -> Vec<String> {
    match arch {
        Arch::X86_64 => ["a", "c", "d", "si", "di", "r8", "r9", "r10", "r11"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        Arch::Aarch64 => (0..19).map(|i| i.to_string()).collect(),
    }
}

/// Split `mnemonic<TAB>operands` and the operands at top-level commas.
pub(crate) fn split(line: &str) -> (&str, Vec<String>) {
    let (m, ops) = line.split_once('\t').unwrap_or((line, ""));
    let mut out = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in ops.chars() {
        match c {
            '[' | '{' => {
                depth += 1;
                cur.push(c)
            }
            ']' | '}' => {
                depth -= 1;
                cur.push(c)
            }
            ',' if depth == 0 => out.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    (m, out)
}

/// The base register of a memory operand `[...]`, canonical.
pub(crate) fn mem_base(arch: Arch, operand: &str) -> Option<String> {
    let inner = operand.split_once('[')?.1;
    let inner = inner.split(']').next()?;
    let first = inner
        .split(|c: char| c == ',' || c == '+' || c == '-' || c == '*' || c.is_whitespace())
        .find(|s| !s.is_empty())?;
    canon_reg(arch, first)
}

/// Canonical token and effect of an aarch64 mnemonic that is ordering-relevant on its own
/// (regardless of the address register), or `None`.
fn aarch64_special(m: &str, ops: &[String]) -> Option<(String, Effect)> {
    if m == "dmb" || m == "dsb" {
        return Some((
            format!("{m} {}", ops.first().map_or("sy", |s| s)),
            Effect::Barrier,
        ));
    }
    if m == "isb" {
        return Some(("isb".into(), Effect::Barrier));
    }
    if m == "bl" {
        let target = ops.first()?;
        return target
            .starts_with("__aarch64_")
            .then(|| (format!("bl {target}"), Effect::Rmw));
    }
    let bare = strip_size(m);
    match bare.as_str() {
        "ldar" => return Some(("ldar".into(), Effect::Acquire)),
        "ldapr" | "ldapur" => return Some(("ldapr".into(), Effect::Acquire)),
        "stlr" | "stlur" => return Some(("stlr".into(), Effect::Release)),
        "ldxr" | "ldaxr" | "stxr" | "stlxr" | "ldxp" | "ldaxp" | "stxp" | "stlxp" => {
            return Some((bare, Effect::Rmw))
        }
        _ => {}
    }
    // LSE: swp, cas, ld<op>, st<op> (= ld<op> with the zero register), with a/l/al.
    for (stem, is_st) in [
        ("swp", false),
        ("cas", false),
        ("ldadd", false),
        ("ldclr", false),
        ("ldeor", false),
        ("ldset", false),
        ("ldsmax", false),
        ("ldsmin", false),
        ("ldumax", false),
        ("ldumin", false),
        ("stadd", true),
        ("stclr", true),
        ("steor", true),
        ("stset", true),
    ] {
        if let Some(ord) = bare.strip_prefix(stem) {
            if matches!(ord, "" | "a" | "l" | "al") {
                let stem = if is_st {
                    format!("ld{}", &stem[2..])
                } else {
                    stem.to_string()
                };
                return Some((format!("{stem}{ord}"), Effect::Rmw));
            }
        }
    }
    None
}

/// `ldarb` → `ldar`, `swpalh` → `swpal`, `casb` → `cas`; leaves other mnemonics alone.
fn strip_size(m: &str) -> String {
    const SIZED: [&str; 20] = [
        "ldar", "ldapr", "stlr", "ldxr", "ldaxr", "stxr", "stlxr", "swp", "swpa", "swpl", "swpal",
        "cas", "casa", "casl", "casal", "ldadd", "ldadda", "ldaddl", "ldaddal", "stadd",
    ];
    for suffix in ['b', 'h'] {
        if let Some(s) = m.strip_suffix(suffix) {
            if SIZED.contains(&s)
                || s.starts_with("swp")
                || s.starts_with("cas")
                || s.starts_with("ld") && s.len() > 4
            {
                return s.to_string();
            }
        }
    }
    m.to_string()
}

/// Does this aarch64 mnemonic write its first operand?
fn aarch64_writes_first(m: &str) -> bool {
    !(m.starts_with("st")
        || m.starts_with("b")
        || m.starts_with("cb")
        || m.starts_with("tb")
        || matches!(
            m,
            "cmp" | "cmn" | "tst" | "ret" | "dmb" | "dsb" | "isb" | "nop" | "prfm"
        ))
}

/// Does this x86 mnemonic write its first operand?
fn x86_writes_first(m: &str) -> bool {
    !matches!(
        m,
        "cmp" | "test" | "push" | "ret" | "jmp" | "call" | "nop" | "mfence" | "lfence" | "sfence"
    ) && !m.starts_with('j')
}

/// The ordering signature of a function, with each item's body line (compiler-only
/// barriers excluded). `nparams`: the number of location pointers the function takes (its
/// first arguments); `None` = any argument register may hold a location.
pub fn signature(f: &Function, arch: Arch, nparams: Option<usize>) -> Vec<SigItem> {
    annotate(f, arch, nparams)
        .into_iter()
        .flatten()
        .filter(|i| i.effect != Effect::Compiler)
        .collect()
}

/// The signature item of every body line (`None` for lines that do not matter), including
/// compiler-only barriers ([`Effect::Compiler`]), which [`signature`] drops.
pub fn annotate(f: &Function, arch: Arch, nparams: Option<usize>) -> Vec<Option<SigItem>> {
    classify(f, arch, nparams)
}

/// Signature tokens only.
pub fn tokens(f: &Function, arch: Arch, nparams: Option<usize>) -> Vec<String> {
    signature(f, arch, nparams)
        .into_iter()
        .map(|i| i.token)
        .collect()
}

fn classify(f: &Function, arch: Arch, nparams: Option<usize>) -> Vec<Option<SigItem>> {
    let args = arg_regs(arch);
    // x86 returns a large array through a hidden pointer in rdi, handed back in rax.
    let sret = arch == Arch::X86_64 && f.body.iter().any(|l| l == "mov\trax, rdi");
    let first = usize::from(sret);
    let n = nparams.unwrap_or(args.len()).min(args.len() - first);
    let mut loc: BTreeSet<String> = args[first..first + n].iter().cloned().collect();
    let mut out = Vec::with_capacity(f.body.len());
    for (i, line) in f.body.iter().enumerate() {
        if line == "#MEMBARRIER" {
            out.push(Some(SigItem {
                token: line.clone(),
                effect: Effect::Compiler,
                line: i,
            }));
            continue;
        }
        let (m, ops) = split(line);
        let item = |token: String, effect: Effect| {
            Some(SigItem {
                token,
                effect,
                line: i,
            })
        };
        let mem_op = ops.iter().position(|o| o.contains('['));
        let on_loc = mem_op
            .and_then(|k| mem_base(arch, &ops[k]))
            .is_some_and(|b| loc.contains(&b));
        let res = match arch {
            Arch::X86_64 if m.starts_with('j') && m != "jmp" => item("jcc".into(), Effect::Branch),
            Arch::Aarch64
                if matches!(m, "cbz" | "cbnz" | "tbz" | "tbnz") || m.starts_with("b.") =>
            {
                item("b.cond".into(), Effect::Branch)
            }
            Arch::X86_64 => {
                let (prefix, bare) = match m.split_once(' ') {
                    Some((p, b)) => (Some(p), b),
                    None => (None, m),
                };
                if prefix == Some("lock") {
                    let tok = match bare {
                        "add" | "inc" | "sub" | "dec" => "lock add".to_string(),
                        // xchg with memory is locked with or without the prefix.
                        "xchg" => "xchg".to_string(),
                        other => format!("lock {other}"),
                    };
                    let effect = if on_loc { Effect::Rmw } else { Effect::Barrier };
                    item(tok, effect)
                } else if matches!(m, "mfence" | "lfence" | "sfence") {
                    item(m.to_string(), Effect::Barrier)
                } else if m == "xchg" && mem_op.is_some() {
                    item("xchg".into(), Effect::Rmw)
                } else if on_loc && !m.starts_with("lea") {
                    let dir = if mem_op == Some(0) { "store" } else { "load" };
                    item(format!("{m} ({dir})"), Effect::Plain)
                } else {
                    None
                }
            }
            Arch::Aarch64 => {
                if let Some((tok, effect)) = aarch64_special(m, &ops) {
                    item(tok, effect)
                } else if on_loc && (m.starts_with("ld") || m.starts_with("st")) {
                    let tok = match m {
                        "ldur" | "ldr" => "ldr",
                        "stur" | "str" => "str",
                        other => other,
                    };
                    item(tok.to_string(), Effect::Plain)
                } else {
                    None
                }
            }
        };
        out.push(res);
        // Track which registers hold location addresses.
        let is_call = match arch {
            Arch::X86_64 => m == "call",
            Arch::Aarch64 => m == "bl" || m == "blr",
        };
        if is_call {
            for r in caller_saved(arch) {
                loc.remove(&r);
            }
            continue;
        }
        let writes_first = match arch {
            Arch::X86_64 => x86_writes_first(m.rsplit(' ').next().unwrap_or(m)),
            Arch::Aarch64 => aarch64_writes_first(m),
        };
        if let (true, Some(dst)) = (writes_first, ops.first()) {
            if dst.contains('[') {
                continue;
            }
            let Some(d) = canon_reg(arch, dst) else {
                continue;
            };
            let src_is_loc = m == "mov"
                && ops.len() == 2
                && canon_reg(arch, &ops[1]).is_some_and(|s| loc.contains(&s));
            if src_is_loc {
                loc.insert(d);
            } else {
                loc.remove(&d);
            }
        }
    }
    out
}

/// A one-line explanation of a signature token (or of `#MEMBARRIER`): the compile mapping's
/// gloss ([`crate::model::lower::Insn::gloss`]) for the instructions it knows, except for RMWs,
/// whose gloss here names the ordering; the lab's own for the rest.
pub fn gloss(token: &str) -> String {
    if let Some(insn) = super::expect::insn_of(token) {
        let exact = super::expect::token(insn) == token;
        if exact && (insn.is_x86() || !insn.is_rmw()) {
            let g = insn.gloss();
            return g.split_once(": ").map_or(g, |(_, rest)| rest).to_string();
        }
    }
    own_gloss(token)
}

fn own_gloss(token: &str) -> String {
    let fixed = match token {
        "mov (load)" => "plain load: on x86-TSO it is already an Acquire load",
        "mov (store)" => {
            "plain store: on x86-TSO already a Release store, but it waits in the store buffer"
        }
        "xchg" => "swap, implicitly locked: full barrier, drains the store buffer (SeqCst store)",
        "lock cmpxchg" => "locked compare-and-swap: full barrier",
        "lock xadd" => "locked fetch-add: full barrier",
        "lock add" => "locked add (result unused): full barrier",
        "lock or" => "locked OR: to the stack, rustc's fence(SeqCst) on x86; to a location, a fetch_or whose result is unused; a full barrier either way",
        "mfence" => "full barrier: later loads wait until earlier stores are visible",
        "lfence" => "load fence (serialises loads; not needed for memory ordering on x86-TSO)",
        "sfence" => "store fence (only matters for non-temporal stores on x86)",
        "#MEMBARRIER" => {
            "compiler-only barrier, no instruction: restrains the compiler, not the CPU (an Acquire/Release fence on x86-TSO, or a compiler_fence)"
        }
        "ldr" => "plain load: no ordering with other locations",
        "str" => "plain store: no ordering with other locations",
        "ldar" => {
            "Acquire load (RCsc): later accesses wait for it, and it waits for an earlier stlr"
        }
        "ldapr" => "Acquire load (RCpc): later accesses wait for it; it may pass an earlier stlr",
        "stlr" => "Release store: earlier accesses are visible first",
        "dmb ish" => "full barrier (inner shareable): earlier accesses before later accesses",
        "dmb ishld" => "load barrier: earlier loads before later loads and stores",
        "dmb ishst" => "store barrier: earlier stores before later stores",
        "dmb sy" => "full barrier, whole system",
        "isb" => "instruction barrier (context synchronisation; no memory ordering by itself)",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_string();
    }
    if let Some(helper) = token.strip_prefix("bl __aarch64_") {
        let (op, ord) = helper.split_once('_').unwrap_or((helper, ""));
        let op = op.trim_end_matches(|c: char| c.is_ascii_digit());
        return format!(
            "call to the outline-atomics helper: {} with {}; LSE {} or an exclusive loop, chosen at run time",
            rmw_name(op),
            ord_name(ord),
            op
        );
    }
    for stem in ["swp", "cas", "ldadd", "ldclr", "ldeor", "ldset"] {
        if let Some(ord) = token.strip_prefix(stem) {
            let ord = match ord {
                "" => "relax",
                "a" => "acq",
                "l" => "rel",
                _ => "acq_rel",
            };
            return format!("LSE atomic {} with {}", rmw_name(stem), ord_name(ord));
        }
    }
    match token {
        "ldxr" => "load-exclusive (start of an LL/SC loop), no ordering".into(),
        "ldaxr" => "load-acquire-exclusive (start of an LL/SC loop)".into(),
        "stxr" => "store-exclusive (end of an LL/SC loop), no ordering".into(),
        "stlxr" => "store-release-exclusive (end of an LL/SC loop)".into(),
        t if t.ends_with("(load)") => "plain load of a shared location".into(),
        t if t.ends_with("(store)") => "plain store to a shared location".into(),
        t if t.starts_with("lock ") => "locked read-modify-write: full barrier".into(),
        _ => "plain access of a shared location".into(),
    }
}

fn rmw_name(op: &str) -> &'static str {
    match op {
        "swp" => "swap",
        "cas" => "compare-and-swap",
        "ldadd" => "fetch-add",
        "ldclr" => "fetch-and-not",
        "ldeor" => "fetch-xor",
        "ldset" => "fetch-or",
        _ => "read-modify-write",
    }
}

fn ord_name(ord: &str) -> &'static str {
    match ord {
        "relax" => "no ordering",
        "acq" => "acquire",
        "rel" => "release",
        "acq_rel" => "acquire and release",
        _ => "unknown ordering",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asm::extract::functions;

    fn f(arch: Arch, body: &str) -> Function {
        let text = format!(
            "\t.type\t_ZN1t2p017h0000000000000000E,@function\n\
             _ZN1t2p017h0000000000000000E:\n{body}\n.Lfunc_end0:\n"
        );
        functions(&text, arch).remove(0)
    }

    #[test]
    fn x86_sb_sc() {
        let g = f(
            Arch::X86_64,
            "\tmov\teax, 1\n\txchg\tdword ptr [rdi], eax\n\tmov\teax, dword ptr [rsi]\n\tret",
        );
        assert_eq!(tokens(&g, Arch::X86_64, Some(2)), ["xchg", "mov (load)"]);
    }

    #[test]
    fn x86_sret_stores_are_not_accesses() {
        let g = f(
            Arch::X86_64,
            "\tmov\trax, rdi\n\tmov\tecx, dword ptr [rsi]\n\tlock\t\tor\tdword ptr [rsp - 64], 0\n\tmov\tedx, dword ptr [rdx]\n\tmov\tdword ptr [rdi], ecx\n\tmov\tdword ptr [rdi + 4], edx\n\tret",
        );
        assert_eq!(
            tokens(&g, Arch::X86_64, Some(2)),
            ["mov (load)", "lock or", "mov (load)"]
        );
    }

    #[test]
    fn aarch64_tracks_copies_and_calls() {
        let g = f(
            Arch::Aarch64,
            "\tmov\tx21, x8\n\tmov\tx20, x0\n\tstr\tw8, [x0]\n\tmov\tw0, #2\n\tdmb\tish\n\tbl\t__aarch64_swp4_acq\n\tstr\tw0, [x0]\n\tstlr\tw8, [x20]\n\tldapr\tw8, [x20]\n\tldr\tw10, [x20]\n\tstp\tw22, w9, [x21]\n\tret",
        );
        assert_eq!(
            tokens(&g, Arch::Aarch64, Some(2)),
            [
                "str",
                "dmb ish",
                "bl __aarch64_swp4_acq",
                "stlr",
                "ldapr",
                "ldr"
            ]
        );
    }

    #[test]
    fn aarch64_lse_normalises() {
        let g = f(
            Arch::Aarch64,
            "\tldaddal\tw8, w9, [x0]\n\tstaddl\tw8, [x0]\n\tcasal\tw9, w12, [x0]\n\tswpalb\tw1, w2, [x0]\n\tret",
        );
        assert_eq!(
            tokens(&g, Arch::Aarch64, Some(1)),
            ["ldaddal", "ldaddl", "casal", "swpal"]
        );
    }

    #[test]
    fn compiler_barriers_are_shown_not_counted() {
        let g = f(
            Arch::X86_64,
            "\tmov\tdword ptr [rdi], 1\n\t#MEMBARRIER\n\tmov\teax, dword ptr [rsi]\n\tret",
        );
        assert_eq!(
            tokens(&g, Arch::X86_64, Some(2)),
            ["mov (store)", "mov (load)"]
        );
        let ann = annotate(&g, Arch::X86_64, Some(2));
        assert_eq!(ann[1].as_ref().map(|i| i.effect), Some(Effect::Compiler));
    }

    #[test]
    fn glosses_name_the_ordering() {
        assert_eq!(
            gloss("stlr"),
            "Release store: earlier accesses are visible first"
        );
        assert!(gloss("bl __aarch64_cas4_acq_rel").contains("acquire and release"));
        assert!(gloss("swpal").contains("swap"));
    }
}
