//! Asm kernels built with `cc` (owned by the asm work).

pub fn main() {}
