//! Map-driven litmus tests (filled below).
pub(crate) fn all() -> Vec<Box<dyn crate::run::Litmus>> {
    Vec::new()
}
