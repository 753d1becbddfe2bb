//! The two documented ways loom's semantics differ from RC11, as transformations of a test, so
//! that the models can say which outcomes they explain (loom 0.7's README, "Unsupported
//! features", and its `compare_exchange_weak`; docs/checkers.md):
//!
//! * SeqCst *accesses* are treated as AcqRel (SeqCst fences are supported);
//! * `compare_exchange_weak` never fails spuriously (it is `compare_exchange`).
//!
//! (loom's third limitation, no load buffering, needs no transformation: RC11 forbids load
//! buffering too; only C11 allows it.)

use crate::litmus::{Expr, MemOrder, Op, Stmt, Test};

/// `test` as loom runs it: SeqCst accesses weakened to AcqRel, weak compare-exchanges strong.
pub(crate) fn as_loom_runs_it(test: &Test) -> Test {
    let mut t = test.clone();
    for th in &mut t.threads {
        block(&mut th.body);
    }
    t
}

/// Whether `as_loom_runs_it` changes anything.
pub(crate) fn loom_differs(test: &Test) -> bool {
    as_loom_runs_it(test) != *test
}

fn block(body: &mut [Stmt]) {
    for st in body {
        op(&mut st.op);
    }
}

/// A SeqCst access's ordering under loom: `acq_rel` for a read-modify-write, `acquire` for a
/// load, `release` for a store.
fn weaken(o: MemOrder, to: MemOrder) -> MemOrder {
    if o == MemOrder::SeqCst {
        to
    } else {
        o
    }
}

fn op(o: &mut Op) {
    match o {
        Op::Assign { val, .. } => expr(val),
        Op::Store { val, ord, .. } => {
            expr(val);
            *ord = ord.map(|x| weaken(x, MemOrder::Release));
        }
        // loom supports SeqCst fences.
        Op::Fence { .. } => {}
        Op::Rmw { val, ord, .. } => {
            expr(val);
            *ord = weaken(*ord, MemOrder::AcqRel);
        }
        Op::CompareExchange {
            desired,
            success,
            failure,
            weak,
            ..
        } => {
            expr(desired);
            *success = weaken(*success, MemOrder::AcqRel);
            *failure = weaken(*failure, MemOrder::Acquire);
            *weak = false;
        }
        Op::If { cond, then, els } => {
            expr(cond);
            block(then);
            block(els);
        }
    }
}

fn expr(e: &mut Expr) {
    match e {
        Expr::Load { ord, .. } => *ord = ord.map(|x| weaken(x, MemOrder::Acquire)),
        Expr::Unary(_, a) => expr(a),
        Expr::Binary(_, a, b) => {
            expr(a);
            expr(b);
        }
        Expr::Const(_) | Expr::Reg(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seqcst_accesses_weaken_and_fences_stay() {
        let src = "C T\n{}\nP0(atomic_int* x, atomic_int* y) {\n  atomic_store_explicit(x, 1, memory_order_seq_cst);\n  atomic_thread_fence(memory_order_seq_cst);\n  int r0 = atomic_load_explicit(y, memory_order_seq_cst);\n  int r1 = atomic_fetch_add_explicit(y, 1, memory_order_seq_cst);\n  int r2 = atomic_compare_exchange_weak_explicit(x, &r0, 2, memory_order_seq_cst, memory_order_seq_cst);\n}\nexists (0:r0=0)\n";
        let t = crate::litmus::parse(src, "T.litmus").unwrap();
        let w = as_loom_runs_it(&t);
        assert!(loom_differs(&t));
        let printed = crate::litmus::print(&w);
        assert!(
            printed.contains("atomic_store_explicit(x, 1, memory_order_release)"),
            "{printed}"
        );
        assert!(
            printed.contains("atomic_thread_fence(memory_order_seq_cst)"),
            "{printed}"
        );
        assert!(
            printed.contains("atomic_load_explicit(y, memory_order_acquire)"),
            "{printed}"
        );
        assert!(
            printed.contains("atomic_fetch_add_explicit(y, 1, memory_order_acq_rel)"),
            "{printed}"
        );
        assert!(printed.contains("atomic_compare_exchange_strong_explicit(x, &r0, 2, memory_order_acq_rel, memory_order_acquire)"), "{printed}");
        assert_eq!(printed.matches("seq_cst").count(), 1, "{printed}");
        let relaxed = src
            .replace("  atomic_thread_fence(memory_order_seq_cst);\n", "")
            .replace("seq_cst", "relaxed")
            .replace("_weak_", "_strong_");
        let relaxed = crate::litmus::parse(&relaxed, "T.litmus").unwrap();
        assert!(!loom_differs(&relaxed));
    }
}
