//! The production map: a Go-style bucket hash map (pre-1.24 `runtime/map.go`) with lock-free
//! reads, whose two concurrency protocols are the lab's two patterns.
//!
//! * **Bucket publication** (message passing, MP): a slot's key and value cells, an overflow
//!   bucket, a new table are fully written before a store publishes them; readers load the
//!   publishing word first. See [`table`].
//! * **The dirty-flag handshake** (store buffering, SB): a reader marks itself dirty, then loads
//!   the table; a writer unlinks, then loads every dirty flag, and frees only what no reader can
//!   still hold. See [`handshake`].
//!
//! [`ConcurrentMap`] is the map; its ordering [`Policy`] ([`SeqCst`], [`AcqRel`], [`Relaxed`])
//! selects the orderings of both protocols. The map-driven litmus tests ([`litmus_tests`]) run
//! the map's real code under the lab's runner.
//!
//! ```
//! use orderlab::map::ConcurrentMap;
//! let m: ConcurrentMap<u64, String> = ConcurrentMap::new();
//! m.insert(1, "one".to_string());
//! assert_eq!(m.get(&1).as_deref(), Some("one"));
//! assert_eq!(m.remove(&1).as_deref(), Some("one"));
//! assert!(m.is_empty());
//! ```

mod concurrent;
pub mod handshake;
#[cfg(not(any(orderlab_loom, feature = "shuttle")))]
pub mod litmus;
pub mod policy;
pub mod table;

pub use concurrent::{ConcurrentMap, Iter, ReadGuard, Violations};
pub use policy::{AcqRel, Policy, Relaxed, SeqCst};

/// The map-driven litmus tests (`map.publish+relaxed`, `map.grow+acqrel`,
/// `map.handshake+seqcst`, ...), for the runner's registry. Empty in loom and shuttle builds,
/// where the map's atomics are the checkers' mock types.
pub fn litmus_tests() -> Vec<Box<dyn crate::run::Litmus>> {
    #[cfg(not(any(orderlab_loom, feature = "shuttle")))]
    {
        litmus::all()
    }
    #[cfg(any(orderlab_loom, feature = "shuttle"))]
    {
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
