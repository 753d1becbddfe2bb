//! Every test the runner knows: the compiled catalog, map-driven tests, asm kernels.

use super::Litmus;

/// Every registered test, catalog first (sorted by path), then map-driven tests and kernels.
pub fn all() -> Vec<Box<dyn Litmus>> {
    #[allow(unused_mut)]
    let mut v: Vec<Box<dyn Litmus>> = crate::catalog::ENTRIES.iter().map(|e| (e.make)()).collect();
    // ---- merge point (coordinator): map-driven tests and asm kernels ----
    // v.extend(crate::map::litmus_tests());
    // v.extend(crate::asm::kernel_tests());
    // ---- end of merge point ----
    v
}

/// The catalog entry compiled from `path` (compared after canonicalisation), if any.
pub fn catalog_by_path(path: &std::path::Path) -> Option<&'static crate::catalog::Entry> {
    let want = std::fs::canonicalize(path).ok()?;
    crate::catalog::ENTRIES
        .iter()
        .find(|e| std::fs::canonicalize(e.abs_path).is_ok_and(|p| p == want))
}
