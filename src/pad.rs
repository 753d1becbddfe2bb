//! Cache-line padding: a value alone on a 128-byte block, so that no other value shares its
//! cache line (two 64-byte lines: adjacent-line prefetchers fetch them in pairs). Used by the
//! runner's instance layouts and by the production map's hot fields.

/// A value alone on a 128-byte block.
#[repr(align(128))]
#[derive(Debug, Default)]
pub struct Line<T>(pub T);

impl<T> std::ops::Deref for Line<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}
