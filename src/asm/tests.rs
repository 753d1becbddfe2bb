//! The asm layer on real files: the hand-written kernels' signatures against the mapping, and
//! the checked-in snapshots of the catalog's emitted asm.

use super::check::check_test;
use super::emit::{self, source_root};
use super::extract::snapshot_functions;
use crate::machine::Target;
use crate::suite::kernels;

#[test]
fn every_kernel_has_a_documented_verdict_and_exact_c_tests_match_rustc() {
    use super::expect;
    use crate::machine::Arch;
    for arch in [Arch::X86_64, Arch::Aarch64] {
        for k in kernels::kernels_for(arch) {
            assert!(!k.expected.is_empty(), "{}", k.test().name);
            let src = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(k.file),
            )
            .unwrap();
            let fns = super::extract::functions(&src, arch);
            // An exact kernel's ordering instructions are what rustc's mapping gives its C test.
            let target = match (arch, k.test().name.contains("ldapr")) {
                (Arch::X86_64, _) => Target::X86_64,
                (Arch::Aarch64, true) => Target::Aarch64Rcpc,
                (Arch::Aarch64, false) => Target::Aarch64,
            };
            let mut differs = false;
            for (th, kt) in k.test().threads.iter().zip(&k.threads) {
                let f = fns
                    .iter()
                    .find(|f| f.path == kt.symbol)
                    .unwrap_or_else(|| panic!("{} not in {}", kt.symbol, k.file));
                let emitted = super::sig::tokens(f, arch, Some(2));
                // Arguments swapped for P1 of SB: the kernel's loc order differs, the
                // signature (an instruction list) does not.
                let expected = expect::thread_signature(th, target);
                let same = expect::same(&emitted, &expected);
                if k.exact {
                    assert!(
                        same,
                        "{} P{}: {emitted:?} vs {expected:?}",
                        k.test().name,
                        th.index
                    );
                }
                differs |= !same;
            }
            assert_eq!(differs, !k.exact, "{}: `exact` is wrong", k.test().name);
        }
    }
}

/// The checked-in snapshots of every catalog test, for x86_64 and aarch64 (and rcpc/lse
/// where present), have the ordering signatures the compile mapping gives.
#[test]
fn checked_in_snapshots_match_the_mapping() {
    let root = source_root();
    let tests = crate::suite::catalog::tests();
    assert!(!tests.is_empty());
    let mut report = String::new();
    let mut checked = 0;
    for t in Target::ALL {
        let required = matches!(t, Target::X86_64 | Target::Aarch64);
        if !required && !emit::snapshot_dir(&root, t).exists() {
            continue;
        }
        for test in &tests {
            let Some(fns) = emit::read_snapshot(&root, t, &test.name) else {
                report.push_str(&format!(
                    "{}: no snapshot {} (run ci/asm.sh --bless)\n",
                    test.name,
                    emit::snapshot_path(&root, t, &test.name).display()
                ));
                continue;
            };
            for c in check_test(test, &fns, t) {
                checked += 1;
                if !c.ok() {
                    report.push_str(&c.diff(t));
                }
            }
        }
    }
    assert!(report.is_empty(), "snapshot signatures differ:\n{report}");
    assert!(checked >= 2 * tests.len());
}

fn sb_sc() -> crate::litmus::Test {
    crate::suite::catalog::tests()
        .into_iter()
        .find(|t| t.name == "SB+sc")
        .expect("SB+sc in the catalog")
}

const SB_SC_AARCH64: &str = "orderlab::suite::catalog::sb_sc::p0:\n\tmov\tw8, #1\n\tstlr\tw8, [x0]\n\tldar\tw0, [x1]\n\tret\n\norderlab::suite::catalog::sb_sc::p1:\n\tmov\tw8, #1\n\tstlr\tw8, [x1]\n\tldar\tw0, [x0]\n\tret\n";

/// A new register allocation does not change a signature.
#[test]
fn register_allocation_does_not_matter() {
    let text = SB_SC_AARCH64
        .replace("w8", "w9")
        .replace("\tmov\tw9, #1\n", "\tmov\tw9, #1\n\tmov\tx3, x0\n")
        .replacen("[x0]", "[x3]", 1);
    let fns = snapshot_functions(&text);
    assert!(check_test(&sb_sc(), &fns, Target::Aarch64)
        .iter()
        .all(|c| c.ok()));
}

/// A changed mapping (here: ldapr instead of ldar for a SeqCst load) fails, with a diff
/// that names both instructions.
#[test]
fn a_changed_mapping_fails_with_a_readable_diff() {
    let fns = snapshot_functions(&SB_SC_AARCH64.replace("ldar", "ldapr"));
    let checks = check_test(&sb_sc(), &fns, Target::Aarch64);
    let bad: Vec<_> = checks.iter().filter(|c| !c.ok()).collect();
    assert_eq!(bad.len(), 2);
    let d = bad[0].diff(Target::Aarch64);
    assert!(d.contains("! ldar"), "{d}");
    assert!(d.contains("ldapr"), "{d}");
    assert!(d.contains("SB+sc P0"), "{d}");
}

/// A missing function is a failure, not a pass.
#[test]
fn a_missing_function_fails() {
    let fns = snapshot_functions(SB_SC_AARCH64.split("\n\n").next().unwrap());
    let checks = check_test(&sb_sc(), &fns, Target::Aarch64);
    assert!(checks[0].ok());
    assert!(!checks[1].ok());
    assert!(checks[1].diff(Target::Aarch64).contains("not found"));
}
