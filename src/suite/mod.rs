//! The suite: every test the lab knows, each with where it came from.
//!
//! * [`catalog`]: the files of `litmus/`, compiled by `build.rs` into Rust thread functions;
//! * `map`: the production map's own code driven as litmus tests (`map.publish+acqrel`, ...);
//! * [`kernels`]: the hand-written asm kernels of `asm/<arch>/*.S` linked into this build;
//! * `interp`: any other litmus file, run by an interpreter;
//! * [`expected`]: the catalog's expected-verdict table (`litmus/expected`).
//!
//! [`select`] resolves command-line selections (names, globs, files, directories) into
//! [`Entry`]s, which the engine (`crate::run`) runs and `crate::verdict` judges.

pub mod catalog;
#[cfg(test)]
mod differential;
pub mod expected;
mod interp;
pub mod kernels;
#[cfg(not(any(orderlab_loom, feature = "shuttle")))]
mod map;
mod select;
pub(crate) mod stall;

use crate::litmus::Test;
use crate::run::Runnable;
use serde::{Deserialize, Serialize};

pub(crate) use interp::{execute, IOp};
pub use select::{from_file, glob_match, select};

/// The interpreter's program of each thread of `e`'s litmus test (for a map test: its litmus
/// description), for the checkers (`crate::checkers`).
pub(crate) fn programs(e: &Entry) -> Result<Vec<Vec<IOp>>, String> {
    Ok(interp::Interpreted::new(e.test().clone(), e.path())?
        .programs()
        .to_vec())
}

/// Where a test comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Source {
    /// A file of `litmus/`, compiled to Rust thread functions by `build.rs`.
    #[serde(rename = "catalog")]
    Catalog,
    /// Driven by the production map's code (`crate::map`).
    #[serde(rename = "map")]
    Map,
    /// A hand-written assembly kernel (`asm/<arch>/*.S`).
    #[serde(rename = "asm")]
    AsmKernel,
    /// A litmus file outside the catalog, run by the interpreter.
    #[serde(rename = "interpreted")]
    Interpreted,
}

impl Source {
    /// `catalog`, `map`, `asm` or `interpreted`.
    pub fn key(self) -> &'static str {
        match self {
            Source::Catalog => "catalog",
            Source::Map => "map",
            Source::AsmKernel => "asm",
            Source::Interpreted => "interpreted",
        }
    }
}

/// One test of the suite: what the engine runs, and where it came from.
pub struct Entry {
    runnable: Box<dyn Runnable>,
    source: Source,
    path: Option<String>,
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("test", &self.test().name)
            .field("source", &self.source)
            .field("path", &self.path)
            .finish()
    }
}

impl Entry {
    pub(crate) fn new(runnable: Box<dyn Runnable>, source: Source, path: Option<String>) -> Self {
        Entry {
            runnable,
            source,
            path,
        }
    }

    /// The litmus description (for map tests and asm kernels: the abstract protocol).
    pub fn test(&self) -> &Test {
        self.runnable.test()
    }

    /// What the engine runs.
    pub fn runnable(&self) -> &dyn Runnable {
        &*self.runnable
    }

    pub fn source(&self) -> Source {
        self.source
    }

    /// The litmus file the test came from, if any (relative to the crate root for the
    /// catalog).
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// The catalog's expected verdict of the target outcome under `model`: only for the
    /// catalog's own tests.
    pub fn expected(&self, model: crate::model::Model) -> Option<bool> {
        match self.source {
            Source::Catalog => expected::expected(&self.test().name, model),
            _ => None,
        }
    }
}

/// Every registered test: the catalog (sorted by path), then the map-driven tests, then the
/// asm kernels linked into this build.
pub fn all() -> Vec<Entry> {
    let mut v: Vec<Entry> = catalog::ENTRIES
        .iter()
        .map(|e| Entry::new((e.make)(), Source::Catalog, Some(e.path.to_string())))
        .collect();
    #[cfg(not(any(orderlab_loom, feature = "shuttle")))]
    v.extend(
        map::all()
            .into_iter()
            .map(|r| Entry::new(r, Source::Map, None)),
    );
    v.extend(
        kernels::kernels()
            .into_iter()
            .map(|k| Entry::new(Box::new(k), Source::AsmKernel, None)),
    );
    v
}

/// A test parsed from litmus text, run by the interpreter (errors: `FILE:LINE:COL: message`).
pub fn interpreted(test: Test, path: Option<&str>) -> Result<Entry, String> {
    let r = interp::Interpreted::new(test, path)?;
    Ok(Entry::new(
        Box::new(r),
        Source::Interpreted,
        path.map(str::to_string),
    ))
}
