//! The compiled catalog: `build.rs` turns every file of `litmus/` into a module here, with one
//! `#[inline(never)] pub fn pN` per thread on std atomics carrying exactly the file's orderings
//! (`orderlab::catalog::<ident>::p<N>`), and a [`crate::run::compiled::Kernel`] impl.

use crate::run::Litmus;

/// One compiled catalog test.
pub struct Entry {
    /// The test's name (`C NAME`).
    pub name: &'static str,
    /// The module name under `orderlab::catalog`.
    pub ident: &'static str,
    /// The file, relative to the crate root.
    pub path: &'static str,
    /// The file's absolute path at build time.
    pub abs_path: &'static str,
    /// The file's text.
    pub source: &'static str,
    /// Build the runnable test.
    pub make: fn() -> Box<dyn Litmus>,
}

/// The generated Rust source of this module (tests compare it with the catalog files).
pub const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.rs"));

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
