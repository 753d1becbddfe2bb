//! One module per subcommand of the `orderlab` binary; `main.rs` only dispatches.

pub mod asm;
pub mod bench;
pub mod check;
pub mod explain;
pub mod list;
pub mod report;
pub mod run;
