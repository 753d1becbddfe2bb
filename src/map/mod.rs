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
//! selects the orderings of both protocols. The lab's map-driven tests (`orderlab run 'map.*'`)
//! run the map's real code under the lab's runner.
//!
//! ```
//! use orderlab::map::ConcurrentMap;
//! let m: ConcurrentMap<u64, String> = ConcurrentMap::new();
//! m.insert(1, "one".to_string());
//! assert_eq!(m.get(&1).as_deref(), Some("one"));
//! assert_eq!(m.remove(&1).as_deref(), Some("one"));
//! assert!(m.is_empty());
//! ```

//! ## How it is checked
//!
//! * unit tests (`cargo test --lib map`);
//! * the map-driven tests (`crate::suite`), run by `orderlab run` like every catalog test, with verdicts
//!   from the model checker;
//! * loom (`tests/map_loom.rs`, `ci/loom.sh`): passes with [`SeqCst`], finds the bugs of the
//!   weaker policies;
//! * shuttle (`tests/map_shuttle.rs`, `ci/shuttle.sh`): random and PCT schedules of larger maps;
//! * a stress test (`tests/map_stress.rs`, `ci/stress.sh`), natively and under qemu-user.
//!
//! ## Limitations
//!
//! * Keys and values are stored inline in write-once slots: a replaced or removed key's slot
//!   stays dead until the next growth (same-size growth compacts when dead slots pile up), and
//!   each replacement uses a slot (its tophash byte becomes a tombstone, Go's `emptyOne`, under
//!   [`SeqCst`] and [`AcqRel`], so a reader judges a bucket's slots from one word). A dead slot's
//!   key and value are moved into a small allocation that the handshake frees (none when
//!   neither needs a drop).
//! * The map hands out clones, never `&V` (during growth a value's bytes exist in two tables;
//!   a reference could miss interior-mutability updates made through the other copy).
//! * Each `get` pays the handshake's reader barrier: a SeqCst fence, or only a compiler fence
//!   where [`asymmetric()`] is true (Linux `membarrier`; then each writer's seal pays a system
//!   call instead, see [`asym`]); [`ConcurrentMap::pin_reads`] pays it once for a batch of reads.
//! * Writers are serialized by one mutex: write-heavy workloads from several threads contend.
//! * A long-lived iterator or [`ReadGuard`] delays reclamation for the whole map.
//! * More than [`handshake::MAX_READERS`] threads reading at once share one reader counter
//!   (read-modify-writes; still lock-free).
//! * The lab's [`AcqRel`] and [`Relaxed`] policies never free retired memory before the map
//!   drops: they are for demonstrations, not for long-running use.

pub mod asym;
mod concurrent;
pub mod handshake;
#[cfg(not(any(orderlab_loom, feature = "shuttle")))]
pub(crate) mod lab;
pub mod policy;
pub mod table;

pub use asym::asymmetric;
pub use concurrent::{ConcurrentMap, Iter, ReadGuard, Violations};
pub use policy::{AcqRel, Policy, Relaxed, SeqCst};

#[cfg(test)]
mod tests;
#[cfg(all(test, not(any(orderlab_loom, feature = "shuttle"))))]
mod tests_structure;
