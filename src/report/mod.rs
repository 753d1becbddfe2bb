//! Reports of hardware runs, on one schema ([`RunReport`], written and read back):
//!
//! * [`text`]: what `orderlab run` prints (litmus7-style blocks, the summary table);
//! * `schema`: the run-result JSON;
//! * `html`, `svg`, `markdown`: the teaching report of `orderlab report` (one or more run
//!   files side by side), built on the shared view of `view`; `checkers`: the table of what
//!   loom and shuttle do with a test, which those pages show when asked.

mod checkers;
mod html;
mod markdown;
mod schema;
mod svg;
pub(crate) mod text;
mod view;

#[cfg(test)]
mod tests;

pub(crate) use checkers::{html as checkers_html, markdown as checkers_markdown};
pub use checkers::{CheckerState, CheckerTable, Checkers};
pub use html::{html, html_with};
pub use markdown::{markdown, markdown_with};
pub use schema::{orderings, rfc3339_now, RunReport, TestResult};
pub(crate) use svg::svg_chart;
pub use view::Options;
pub(crate) use view::{esc, groups, md_esc, pct, state_str};
