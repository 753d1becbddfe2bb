//! The expected-verdict table `litmus/expected`: for every catalog test, whether each model
//! allows the outcome its condition asks about (herdtools7's `kinds.txt` is the model).
//!
//! Format: `#` starts a comment (to the end of the line); blank lines are ignored; the first
//! other line is the header `test rc11 c11 sc x86-tso armv8 armv8-rcpc qemu-x86` (the keys of
//! [`Model::ALL`], in that order); every later line is `NAME V V V V V V V` with `V` = `A`
//! (allowed) or `F` (forbidden), columns separated by whitespace; in the rc11 and c11 columns
//! `A+UB`/`F+UB` says that the model also finds a data race (undefined behaviour). A test
//! name appears once.
//!
//! The table is parsed once ([`table`]); it applies to the catalog's own tests only, never to a
//! file that happens to share a catalog test's name.

use crate::model::Model;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The table shipped with the catalog (`litmus/expected`).
pub(crate) const EXPECTED: &str = include_str!("../../litmus/expected");

/// The shipped table, parsed once (empty if it does not parse: `shipped_table_parses` checks
/// that it does).
pub fn table() -> &'static [ExpectedRow] {
    static ROWS: OnceLock<Vec<ExpectedRow>> = OnceLock::new();
    ROWS.get_or_init(|| parse_expected(EXPECTED).unwrap_or_default())
}

/// The shipped table's verdict of a catalog test's target outcome under `model`.
pub fn expected(test: &str, model: Model) -> Option<bool> {
    table().iter().find(|r| r.test == test)?.allowed(model)
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedRow {
    /// The test name, as after `C` in its litmus file.
    pub test: String,
    /// The 1-based line of the row in the table.
    pub line: usize,
    /// `(model, allowed)` for every model, in [`Model::ALL`] order.
    pub verdicts: Vec<(Model, bool)>,
    /// The language models (rc11, c11) under which the test has a data race (`A+UB`).
    pub races: Vec<Model>,
}

impl ExpectedRow {
    /// The verdict for one model: `Some(true)` = allowed.
    pub fn allowed(&self, model: Model) -> Option<bool> {
        self.verdicts
            .iter()
            .find(|(m, _)| *m == model)
            .map(|(_, a)| *a)
    }
}

fn model_keys() -> Vec<&'static str> {
    Model::ALL.map(Model::key).to_vec()
}

/// Parse an expected-verdict table. Errors name the 1-based line: `line N: message`.
pub(crate) fn parse_expected(src: &str) -> Result<Vec<ExpectedRow>, String> {
    let mut rows: Vec<ExpectedRow> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut header_seen = false;
    for (i, raw) in src.lines().enumerate() {
        let line = i + 1;
        let content = raw.split('#').next().unwrap_or("");
        let fields: Vec<&str> = content.split_whitespace().collect();
        if fields.is_empty() {
            continue;
        }
        if !header_seen {
            if fields[0] != "test" || fields[1..] != model_keys() {
                return Err(format!(
                    "line {line}: expected the header `test {}`, found `{}`",
                    model_keys().join(" "),
                    fields.join(" ")
                ));
            }
            header_seen = true;
            continue;
        }
        let test = fields[0];
        if test == "test" {
            return Err(format!("line {line}: a second header line"));
        }
        if fields.len() != Model::ALL.len() + 1 {
            return Err(format!(
                "line {line}: `{test}` has {} verdicts, expected {} (one per model: {})",
                fields.len() - 1,
                Model::ALL.len(),
                model_keys().join(" ")
            ));
        }
        let mut verdicts = Vec::with_capacity(Model::ALL.len());
        let mut races = Vec::new();
        for (model, cell) in Model::ALL.iter().zip(&fields[1..]) {
            let language = matches!(model, Model::Rc11 | Model::C11);
            let (verdict, ub) = match cell.strip_suffix("+UB") {
                Some(v) if language => (v, true),
                _ => (*cell, false),
            };
            let allowed = match verdict {
                "A" => true,
                "F" => false,
                other => {
                    return Err(format!(
                        "line {line}: `{test}` column {}: `{other}` is not A or F{}",
                        model.key(),
                        if language {
                            " (with `+UB` for a data race)"
                        } else {
                            ""
                        }
                    ))
                }
            };
            verdicts.push((*model, allowed));
            if ub {
                races.push(*model);
            }
        }
        if let Some(first) = seen.insert(test.to_string(), line) {
            return Err(format!(
                "line {line}: `{test}` already has a row (line {first})"
            ));
        }
        rows.push(ExpectedRow {
            test: test.to_string(),
            line,
            verdicts,
            races,
        });
    }
    if !header_seen {
        return Err(format!(
            "line {}: no header line `test {}`",
            src.lines().count().max(1),
            model_keys().join(" ")
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "test rc11 c11 sc x86-tso armv8 armv8-rcpc qemu-x86\n";

    #[test]
    fn shipped_table_parses_and_every_row_is_complete() {
        let rows = parse_expected(EXPECTED).expect("litmus/expected parses");
        assert!(rows.len() >= 46, "only {} rows", rows.len());
        for r in &rows {
            let models: Vec<Model> = r.verdicts.iter().map(|(m, _)| *m).collect();
            assert_eq!(models, Model::ALL, "{}", r.test);
        }
    }

    #[test]
    fn parses_rows_comments_and_blank_lines() {
        let src = format!(
            "# a comment\n\n{HEADER}MP+rlx A A F F A A F # trailing\n\n  SB+sc\tF F F F F F A\n"
        );
        let rows = parse_expected(&src).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].test, "MP+rlx");
        assert_eq!(rows[0].line, 4);
        assert_eq!(rows[0].allowed(Model::Rc11), Some(true));
        assert_eq!(rows[0].allowed(Model::Sc), Some(false));
        assert_eq!(rows[0].allowed(Model::QemuX86), Some(false));
        assert_eq!(rows[1].test, "SB+sc");
        assert_eq!(rows[1].line, 6);
        assert_eq!(rows[1].allowed(Model::QemuX86), Some(true));
        assert_eq!(rows[1].allowed(Model::Armv8), Some(false));
    }

    #[test]
    fn shipped_table_sample_cells() {
        let rows = parse_expected(EXPECTED).unwrap();
        let get = |t: &str, m: Model| {
            rows.iter()
                .find(|r| r.test == t)
                .unwrap_or_else(|| panic!("no row {t}"))
                .allowed(m)
                .unwrap()
        };
        // The armv8 (LDAR) / armv8-rcpc (LDAPR) split and the qemu STLR;LDAR hole.
        assert!(!get("SB+ra", Model::Armv8));
        assert!(get("SB+ra", Model::Armv8Rcpc));
        assert!(get("SB+sc", Model::QemuX86));
        assert!(!get("SB+sc", Model::Armv8));
        assert!(!get("LB+rlx", Model::Rc11));
        assert!(get("LB+rlx", Model::C11));
    }

    fn err(src: &str) -> String {
        parse_expected(src).unwrap_err()
    }

    #[test]
    fn missing_header() {
        let e = err("# only\nMP+rlx A A F F A A F\n");
        assert!(e.starts_with("line 2: expected the header"), "{e}");
        let e = err("");
        assert!(e.starts_with("line 1: no header"), "{e}");
        let e = err("# c\n\n");
        assert!(e.starts_with("line 2: no header"), "{e}");
    }

    #[test]
    fn header_in_wrong_order() {
        let e = err("test c11 rc11 sc x86-tso armv8 armv8-rcpc qemu-x86\n");
        assert!(e.starts_with("line 1: expected the header"), "{e}");
    }

    #[test]
    fn wrong_column_count() {
        let e = err(&format!("{HEADER}MP+rlx A A F F A A\n"));
        assert!(
            e.starts_with("line 2: `MP+rlx` has 6 verdicts, expected 7"),
            "{e}"
        );
        let e = err(&format!("{HEADER}MP+rlx A A F F A A F A\n"));
        assert!(e.starts_with("line 2: `MP+rlx` has 8 verdicts"), "{e}");
        let e = err(&format!("{HEADER}\n\nMP+rlx\n"));
        assert!(e.starts_with("line 4: `MP+rlx` has 0 verdicts"), "{e}");
    }

    #[test]
    fn bad_cell() {
        let e = err(&format!("{HEADER}MP+rlx A A F F a A F\n"));
        assert_eq!(e, "line 2: `MP+rlx` column armv8: `a` is not A or F");
        // A data race is a language model's finding only.
        let e = err(&format!("{HEADER}MP+rlx A A F F A+UB A F\n"));
        assert_eq!(e, "line 2: `MP+rlx` column armv8: `A+UB` is not A or F");
        let rows = parse_expected(&format!("{HEADER}MP+na A+UB F+UB F F A A F\n")).unwrap();
        assert_eq!(rows[0].races, [Model::Rc11, Model::C11]);
        assert_eq!(rows[0].allowed(Model::C11), Some(false));
    }

    #[test]
    fn duplicate_row() {
        let e = err(&format!(
            "{HEADER}MP+rlx A A F F A A F\nSB+rlx A A F A A A A\nMP+rlx A A F F A A F\n"
        ));
        assert_eq!(e, "line 4: `MP+rlx` already has a row (line 2)");
    }

    #[test]
    fn second_header() {
        let e = err(&format!("{HEADER}{HEADER}"));
        assert_eq!(e, "line 2: a second header line");
    }
}
