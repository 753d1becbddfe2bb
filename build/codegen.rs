//! Catalog codegen (owned by the runner work).

pub fn main() {}
