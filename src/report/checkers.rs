//! The checkers' table of one test as the report pages show it: per final state, whether RC11
//! allows it and whether loom and shuttle produce it, with the reasons of each difference.
//! `orderlab report --checkers` fills it from `crate::checkers` (the hardware column is the
//! report's own histograms).

use super::view::{esc, md_esc};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One final state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CheckerState {
    /// `0:r0=0; 1:r0=1;` (as the report writes states).
    pub state: String,
    pub target: bool,
    pub rc11: bool,
    pub loom: bool,
    pub shuttle: bool,
    /// Each difference from RC11, in words.
    pub reasons: Vec<String>,
}

/// One test's table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CheckerTable {
    /// How hard each checker looked, in words.
    pub settings: String,
    /// A sentence that replaces the table's verdicts (a data race: undefined behaviour).
    pub note: Option<String>,
    pub states: Vec<CheckerState>,
}

/// Per test name.
pub type Checkers = BTreeMap<String, CheckerTable>;

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// The table as HTML.
pub(crate) fn html(t: &CheckerTable) -> String {
    let mut s = String::from(
        "<h3>Which checker finds it</h3>\n<table class=\"checkers\"><tr><th>final state</th>\
         <th>RC11 allows</th><th>loom produces</th><th>shuttle produces</th><th>why they \
         differ</th></tr>\n",
    );
    for x in &t.states {
        let _ = writeln!(
            s,
            "<tr><td class=\"mono\">{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if x.target { "★ " } else { "" },
            esc(&x.state),
            yes(x.rc11),
            yes(x.loom),
            yes(x.shuttle),
            x.reasons
                .iter()
                .map(|r| esc(r))
                .collect::<Vec<_>>()
                .join("<br>")
        );
    }
    s.push_str("</table>\n");
    if let Some(n) = &t.note {
        let _ = writeln!(s, "<p class=\"warn\">{}</p>", esc(n));
    }
    let _ = writeln!(s, "<p class=\"note\">{}</p>", esc(&t.settings));
    s
}

/// The table as Markdown.
pub(crate) fn markdown(t: &CheckerTable) -> String {
    let mut s = String::from(
        "\n**Which checker finds it**\n\n| final state | RC11 allows | loom produces | shuttle \
         produces | why they differ |\n|---|---|---|---|---|\n",
    );
    for x in &t.states {
        let _ = writeln!(
            s,
            "| {}{} | {} | {} | {} | {} |",
            if x.target { "★ " } else { "" },
            md_esc(&x.state),
            yes(x.rc11),
            yes(x.loom),
            yes(x.shuttle),
            x.reasons
                .iter()
                .map(|r| md_esc(r))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    if let Some(n) = &t.note {
        let _ = writeln!(s, "\n{}", md_esc(n));
    }
    let _ = writeln!(s, "\n*{}*", md_esc(&t.settings));
    s
}
