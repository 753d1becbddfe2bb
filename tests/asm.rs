//! Emitted-asm and asm-kernel tests.

use orderlab::asm::kernels::{self, quick_run, Verdict};
use orderlab::run::Litmus;

/// Run every kernel of this build and check that no outcome the platform forbids shows up.
#[test]
fn kernels_never_show_forbidden_outcomes() {
    let platform = orderlab::asm::kernels::platform_model();
    let ks = kernels::kernels();
    assert!(!ks.is_empty() || !kernels::LINKED);
    for k in &ks {
        let hist = quick_run(k, 1000, 200, false);
        let test = k.test();
        let obs = test.observables();
        let weak: u64 = hist
            .iter()
            .filter(|(s, _)| test.is_target(&obs, s))
            .map(|(_, n)| n)
            .sum();
        let total: u64 = hist.values().sum();
        assert_eq!(total, 200_000);
        if k.expected(platform) == Some(Verdict::Forbidden) {
            assert_eq!(weak, 0, "{} on {platform}: forbidden outcome observed", test.name);
        }
    }
}
