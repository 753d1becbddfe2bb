//! The expected ordering signature of a litmus thread: what the compile mapping
//! ([`crate::model::lower::lower_op`]) says each statement becomes on a target, as signature
//! tokens (see [`super::sig::SigItem::token`]).

use crate::litmus::{Op, Test, Thread};
use crate::machine::Target;
use crate::model::lower::{self, Insn};

/// The signature token of an instruction class: its mnemonic, except that x86's two `mov`
/// classes say which way they go.
pub fn token(insn: Insn) -> String {
    match insn {
        Insn::MovLoad => "mov (load)".into(),
        Insn::MovStore => "mov (store)".into(),
        other => other.mnemonic().to_string(),
    }
}

/// The instruction class a signature token stands for, if the mapping has one (used for
/// glosses). Tokens are compared after [`canon`].
pub fn insn_of(tok: &str) -> Option<Insn> {
    use lower::RmwSem::*;
    let all = [
        Insn::MovLoad,
        Insn::MovStore,
        Insn::Xchg,
        Insn::LockCmpxchg,
        Insn::LockXadd,
        Insn::LockOrStack,
        Insn::Mfence,
        Insn::Ldr,
        Insn::Ldar,
        Insn::Ldapr,
        Insn::Str,
        Insn::Stlr,
        Insn::DmbIsh,
        Insn::DmbIshld,
        Insn::DmbIshst,
    ];
    let rmw = [Relax, Acq, Rel, AcqRel].into_iter().flat_map(|s| {
        [
            Insn::CallCas(s),
            Insn::CallSwp(s),
            Insn::CallLdadd(s),
            Insn::Cas(s),
            Insn::Swp(s),
            Insn::Ldadd(s),
        ]
    });
    let c = canon(tok);
    all.into_iter().chain(rmw).find(|i| canon(&token(*i)) == c)
}

/// The form in which emitted and expected tokens are compared: the access size of an
/// outline-atomics helper is dropped (`__aarch64_cas4_acq_rel` for an `AtomicI32`,
/// `__aarch64_cas8_acq_rel` for 64 bits), and x86's `lock add` (a fetch_add whose result is
/// unused) counts as `lock xadd`.
pub fn canon(tok: &str) -> String {
    if let Some(rest) = tok.strip_prefix("bl __aarch64_") {
        let (op, ord) = rest.split_once('_').unwrap_or((rest, ""));
        let op = op.trim_end_matches(|c: char| c.is_ascii_digit());
        return format!("bl __aarch64_{op}_{ord}");
    }
    if tok == "lock add" {
        return "lock xadd".into();
    }
    tok.to_string()
}

/// The signature tokens one statement lowers to.
pub fn lower(op: &Op, target: Target) -> Vec<String> {
    lower::lower_op(op, target).into_iter().map(token).collect()
}

/// The expected signature of a thread: its statements lowered in order.
pub fn thread_signature(thread: &Thread, target: Target) -> Vec<String> {
    thread
        .body
        .iter()
        .flat_map(|s| lower(&s.op, target))
        .collect()
}

/// Do an emitted and an expected signature agree (after [`canon`])?
pub fn same(emitted: &[String], expected: &[String]) -> bool {
    emitted.len() == expected.len()
        && emitted
            .iter()
            .zip(expected)
            .all(|(a, b)| canon(a) == canon(b))
}

/// The catalog function of thread `index` of `test`: `orderlab::suite::catalog::<ident>::p<N>`.
pub fn thread_path(test: &Test, index: usize) -> String {
    format!("orderlab::suite::catalog::{}::p{index}", test.ident())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canon_drops_helper_size_and_result_use() {
        assert_eq!(
            canon("bl __aarch64_cas4_acq_rel"),
            canon("bl __aarch64_cas8_acq_rel")
        );
        assert_ne!(
            canon("bl __aarch64_cas4_acq"),
            canon("bl __aarch64_cas8_acq_rel")
        );
        assert_eq!(canon("lock add"), "lock xadd");
        assert_eq!(insn_of("stlr"), Some(Insn::Stlr));
        assert_eq!(insn_of("mov (load)"), Some(Insn::MovLoad));
    }
}
