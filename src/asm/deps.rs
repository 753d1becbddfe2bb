//! Dependencies in emitted aarch64 code: which of a function's signature loads each store's
//! value, each read-modify-write's operands and each conditional branch's condition are
//! computed from, by following registers through the code (moves, arithmetic, compares and
//! the flags, conditional selects, calls), forward through branches and labels.
//!
//! The compile mapping (`asm::expect`) says which dependencies rustc's code keeps; the models
//! order accesses by them on ARMv8 (`model::lower`). A dependency the mapping expects that
//! the code does not have (rustc folded `r ^ r` to 0, turned a branch into a select, ...) is
//! reported by the emitted-asm check, never assumed. x86-TSO orders every load and store
//! without dependencies, so x86 code is not checked.

use super::extract::Function;
use super::sig::{self, caller_saved, canon_reg, split, Effect};
use crate::machine::Arch;
use std::collections::{BTreeMap, BTreeSet};

/// Registers (canonical names) to the signature loads their values derive from.
type State = BTreeMap<String, BTreeSet<usize>>;

const FLAGS: &str = "nzcv";

/// Per signature item: the signature loads its value, operands or condition derive from.
pub fn found(f: &Function, nparams: usize) -> BTreeMap<usize, BTreeSet<usize>> {
    let arch = Arch::Aarch64;
    let ann = sig::annotate(f, arch, Some(nparams));
    let mut out: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut state: Option<State> = Some(State::new());
    let mut pending: BTreeMap<String, State> = BTreeMap::new();
    let mut k = 0usize;
    let merge = |into: &mut State, from: &State| {
        for (r, d) in from {
            into.entry(r.clone()).or_default().extend(d.iter().copied());
        }
    };
    for (line, item) in f.body.iter().zip(&ann) {
        if let Some(label) = line.strip_suffix(':') {
            let mut s = state.take().unwrap_or_default();
            if let Some(p) = pending.remove(label) {
                merge(&mut s, &p);
            }
            state = Some(s);
            continue;
        }
        let index = match item {
            Some(i) if i.effect != Effect::Compiler => {
                k += 1;
                Some(k - 1)
            }
            _ => None,
        };
        let Some(s) = state.as_mut() else { continue };
        let (m, ops) = split(line);
        let reg = |o: &String| canon_reg(arch, o);
        let of = |s: &State, o: &String| -> BTreeSet<usize> {
            reg(o).and_then(|r| s.get(&r).cloned()).unwrap_or_default()
        };
        let is_branch = item.as_ref().is_some_and(|i| i.effect == Effect::Branch);
        if is_branch {
            let cond = if m.starts_with("b.") {
                s.get(FLAGS).cloned().unwrap_or_default()
            } else {
                ops.first().map(|o| of(s, o)).unwrap_or_default()
            };
            if let Some(i) = index {
                out.insert(i, cond);
            }
            if let Some(target) = ops.last() {
                let p = pending.entry(target.clone()).or_default();
                merge(p, s);
            }
            continue;
        }
        if m == "b" || m == "ret" || m == "br" {
            if m == "b" {
                if let Some(target) = ops.first() {
                    let p = pending.entry(target.clone()).or_default();
                    merge(p, s);
                }
            }
            state = None;
            continue;
        }
        match (index, item.as_ref().map(|i| (i.effect, i.token.as_str()))) {
            (Some(i), Some((Effect::Plain | Effect::Acquire, t))) if t.starts_with("ld") => {
                if let Some(d) = ops.first().and_then(reg) {
                    s.insert(d, BTreeSet::from([i]));
                }
            }
            (Some(i), Some((Effect::Plain | Effect::Release, t))) if t.starts_with("st") => {
                out.insert(i, ops.first().map(|o| of(s, o)).unwrap_or_default());
            }
            (Some(i), Some((Effect::Rmw, t))) if t.starts_with("bl ") => {
                // Outline atomics: operands in w0 (and w1 for a CAS's desired value).
                let n = if t.contains("cas") { 2 } else { 1 };
                let mut d = BTreeSet::new();
                for a in 0..n {
                    d.extend(s.get(&a.to_string()).cloned().unwrap_or_default());
                }
                out.insert(i, d);
                for r in caller_saved(arch) {
                    s.remove(&r);
                }
                s.remove(FLAGS);
                s.insert("0".into(), BTreeSet::from([i]));
            }
            (Some(i), Some((Effect::Rmw, t))) => {
                // LSE: `op ws, wt, [xn]`; a CAS compares ws and writes the old value there.
                let mut d = ops.first().map(|o| of(s, o)).unwrap_or_default();
                if t.starts_with("cas") {
                    d.extend(ops.get(1).map(|o| of(s, o)).unwrap_or_default());
                    if let Some(r) = ops.first().and_then(reg) {
                        s.insert(r, BTreeSet::from([i]));
                    }
                } else if let Some(r) = ops.get(1).and_then(reg) {
                    s.insert(r, BTreeSet::from([i]));
                }
                out.insert(i, d);
            }
            _ => step(s, m, &ops),
        }
    }
    out
}

/// A non-signature instruction's effect on the registers' dependencies.
fn step(s: &mut State, m: &str, ops: &[String]) {
    let arch = Arch::Aarch64;
    let reg = |o: &String| canon_reg(arch, o);
    let union = |s: &State, os: &[String]| -> BTreeSet<usize> {
        os.iter()
            .filter_map(|o| reg(o).and_then(|r| s.get(&r).cloned()))
            .flatten()
            .collect()
    };
    if m == "bl" || m == "blr" {
        for r in caller_saved(arch) {
            s.remove(&r);
        }
        s.remove(FLAGS);
        return;
    }
    if matches!(m, "cmp" | "cmn" | "tst" | "ccmp" | "ccmn") {
        let d = union(s, ops);
        s.insert(FLAGS.into(), d);
        return;
    }
    if m.starts_with("st") || m.starts_with("ld") || m.starts_with("prfm") {
        // Stack traffic and the returned registers: a loaded stack slot holds nothing tracked.
        if m.starts_with("ld") {
            let n = if m.starts_with("ldp") { 2 } else { 1 };
            for o in ops.iter().take(n) {
                if let Some(r) = reg(o) {
                    s.remove(&r);
                }
            }
        }
        return;
    }
    let Some(dst) = ops.first().and_then(reg) else {
        return;
    };
    let mut d = union(s, &ops[1..]);
    // Conditional selects and sets read the flags.
    if m.starts_with("cs") || matches!(m, "cset" | "csetm" | "cinc" | "cinv" | "cneg") {
        d.extend(s.get(FLAGS).cloned().unwrap_or_default());
    }
    if dst == "zr" {
        return;
    }
    s.insert(dst, d);
    if m.ends_with('s') && matches!(m, "adds" | "subs" | "ands" | "bics") {
        let f = s
            .get(ops.first().and_then(reg).as_deref().unwrap_or(""))
            .cloned();
        s.insert(FLAGS.into(), f.unwrap_or_default());
    }
}

/// The expected dependencies `deps` (from the mapping: load, dependent item, kind) that
/// the emitted function does not have, in words.
pub fn missing(
    f: &Function,
    nparams: usize,
    tokens: &[String],
    deps: &[(usize, usize, &'static str)],
) -> Vec<String> {
    let found = found(f, nparams);
    deps.iter()
        .filter(|(r, k, _)| !found.get(k).is_some_and(|d| d.contains(r)))
        .map(|(r, k, kind)| {
            let t = |i: &usize| tokens.get(*i).map_or("?", String::as_str);
            format!(
                "{kind} dependency removed by the compiler: {} (#{}) no longer depends on {} (#{})",
                t(k),
                k + 1,
                t(r),
                r + 1
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asm::extract::functions;

    fn f(body: &str) -> Function {
        let text = format!(
            "\t.type\t_ZN1t2p017h0000000000000000E,@function\n\
             _ZN1t2p017h0000000000000000E:\n{body}\n.Lfunc_end0:\n"
        );
        functions(&text, Arch::Aarch64).remove(0)
    }

    #[test]
    fn data_control_and_removed_dependencies() {
        // ldr; and; orr; str: a data dependency (LB+data with `1 + (r0 & 128)`).
        let g = f(
            "\tldr\tw0, [x0]\n\tand\tw8, w0, #0x80\n\torr\tw8, w8, #0x1\n\tstr\tw8, [x1]\n\tret",
        );
        assert_eq!(found(&g, 2)[&1], BTreeSet::from([0]));
        // `r ^ r` folded: a constant is stored.
        let g = f("\tldr\tw0, [x0]\n\tmov\tw8, #1\n\tstr\tw8, [x1]\n\tret");
        assert!(found(&g, 2)[&1].is_empty());
        let m = missing(&g, 2, &["ldr".into(), "str".into()], &[(0, 1, "data")]);
        assert_eq!(m.len(), 1);
        assert!(
            m[0].starts_with("data dependency removed by the compiler: str (#2)"),
            "{m:?}"
        );
        // A compare and a branch on the loaded value: the branch depends on it; so does a
        // select of the flags.
        let g = f("\tldr\tw0, [x0]\n\tcmp\tw0, #1\n\tb.ne\t.LBB0_2\n\tmov\tw8, #1\n\tstr\tw8, [x1]\n.LBB0_2:\n\tret");
        let d = found(&g, 2);
        assert_eq!(d[&1], BTreeSet::from([0]));
        assert!(d[&2].is_empty());
        let g = f("\tldr\tw0, [x0]\n\tmov\tw8, #1\n\tcmp\tw0, #1\n\tcinc\tw8, w8, ne\n\tstr\tw8, [x1]\n\tret");
        assert_eq!(found(&g, 2)[&1], BTreeSet::from([0]));
        // Through an outline-atomics call: its result in w0, the loaded value in a kept register.
        let g = f("\tldr\tw19, [x0]\n\tmov\tw0, w19\n\tmov\tx1, x0\n\tbl\t__aarch64_ldadd4_relax\n\tcbz\tw0, .LBB0_2\n\tstr\tw19, [x1]\n.LBB0_2:\n\tret");
        let d = found(&g, 2);
        assert_eq!(d[&1], BTreeSet::from([0]), "the call's operand");
        assert_eq!(d[&2], BTreeSet::from([1]), "the branch on its result");
    }
}
