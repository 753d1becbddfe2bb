//! The expected ordering signature of a litmus thread: what the compile mapping says each
//! statement becomes on a target.
//!
//! NOTE: this is a local copy of the mapping in /work/shared/reference/platforms.md ("What
//! rustc 1.95 emits"), kept until `crate::compile::lower_op` lands in main; then
//! [`lower`] delegates to it and this table goes.

use super::AsmTarget;
use crate::litmus::{MemOrder, Op, Test, Thread};

/// The outline-atomics ordering suffix (`relax`, `acq`, `rel`, `acq_rel`) of an RMW.
fn helper_ord(o: MemOrder) -> &'static str {
    match o {
        MemOrder::Relaxed => "relax",
        MemOrder::Acquire => "acq",
        MemOrder::Release => "rel",
        MemOrder::AcqRel | MemOrder::SeqCst => "acq_rel",
    }
}

/// The LSE ordering suffix (``, `a`, `l`, `al`).
fn lse_ord(o: MemOrder) -> &'static str {
    match o {
        MemOrder::Relaxed => "",
        MemOrder::Acquire => "a",
        MemOrder::Release => "l",
        MemOrder::AcqRel | MemOrder::SeqCst => "al",
    }
}

/// A CAS with success `s` and failure `f` orderings is emitted with their union.
fn cas_ord(s: MemOrder, f: MemOrder) -> MemOrder {
    let acq = s.is_acquire() || f.is_acquire();
    let rel = s.is_release();
    match (acq, rel) {
        (false, false) => MemOrder::Relaxed,
        (true, false) => MemOrder::Acquire,
        (false, true) => MemOrder::Release,
        (true, true) => MemOrder::AcqRel,
    }
}

/// The signature tokens (see [`super::sig::SigItem::token`]) one statement lowers to.
pub fn lower(op: &Op, target: AsmTarget) -> Vec<String> {
    use MemOrder::*;
    let v = |s: &str| vec![s.to_string()];
    match target {
        AsmTarget::X86_64 => match op {
            Op::Local { .. } => vec![],
            Op::Load { .. } => v("mov (load)"),
            Op::Store { ord: SeqCst, .. } => v("xchg"),
            Op::Store { .. } => v("mov (store)"),
            Op::Fence { ord: SeqCst } => v("lock or"),
            Op::Fence { .. } => vec![],
            Op::Exchange { .. } => v("xchg"),
            Op::FetchAdd { reg: Some(_), .. } => v("lock xadd"),
            Op::FetchAdd { reg: None, .. } => v("lock add"),
            Op::CompareExchange { .. } => v("lock cmpxchg"),
        },
        AsmTarget::Aarch64 | AsmTarget::Aarch64Rcpc | AsmTarget::Aarch64Lse => {
            let rmw = |stem: &str, helper: &str, ord: MemOrder| {
                if target == AsmTarget::Aarch64Lse {
                    vec![format!("{stem}{}", lse_ord(ord))]
                } else {
                    vec![format!("bl __aarch64_{helper}4_{}", helper_ord(ord))]
                }
            };
            match op {
                Op::Local { .. } => vec![],
                Op::Load { ord: Relaxed, .. } => v("ldr"),
                Op::Load { ord: Acquire, .. } if target == AsmTarget::Aarch64Rcpc => v("ldapr"),
                Op::Load { .. } => v("ldar"),
                Op::Store { ord: Relaxed, .. } => v("str"),
                Op::Store { .. } => v("stlr"),
                Op::Fence { ord: Relaxed } => vec![],
                Op::Fence { ord: Acquire } => v("dmb ishld"),
                Op::Fence { .. } => v("dmb ish"),
                Op::Exchange { ord, .. } => rmw("swp", "swp", *ord),
                Op::FetchAdd { ord, .. } => rmw("ldadd", "ldadd", *ord),
                Op::CompareExchange {
                    success, failure, ..
                } => rmw("cas", "cas", cas_ord(*success, *failure)),
            }
        }
    }
}

/// The expected signature of a thread: its statements lowered in order.
pub fn thread_signature(thread: &Thread, target: AsmTarget) -> Vec<String> {
    thread
        .body
        .iter()
        .flat_map(|s| lower(&s.op, target))
        .collect()
}

/// The catalog function of thread `index` of `test`: `orderlab::catalog::<ident>::p<N>`.
pub fn thread_path(test: &Test, index: usize) -> String {
    format!("orderlab::catalog::{}::p{index}", test.ident())
}
