//! Text for the terminal: control characters escaped, columns padded and cut by characters,
//! never with a format width (`{:<width$}` panics above 65,535).

use std::borrow::Cow;
use std::fmt::Write as _;

/// The widest a table column of names gets; a longer cell is cut with `…` (the full text is in
/// the litmus-style block and in the JSON).
pub const MAX_NAME_COLUMN: usize = 48;

/// Characters a terminal may interpret: C0 and C1 controls (escape sequences, NUL, ...) and
/// the bidirectional formatting characters (which reorder what is shown).
fn hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every hostile character written as an escape (`\x1b`, `\u{202e}`); line breaks
/// and tabs are kept.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hostile) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !hostile(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

/// Width of `s` in characters.
pub fn width(s: &str) -> usize {
    s.chars().count()
}

/// `s` cut to at most `max` characters, the last one `…` when cut.
pub fn cut(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    Cow::Owned(out)
}

/// `s` followed by spaces up to `w` characters.
pub fn pad(s: &str, w: usize) -> String {
    let mut out = String::with_capacity(s.len() + w);
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// Spaces up to `w` characters, then `s`.
pub fn pad_left(s: &str, w: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', w.saturating_sub(width(s))).collect();
    out.push_str(s);
    out
}

/// Print to standard output with hostile characters escaped. A closed standard output (a pipe
/// into `head`) is not an error: what is printed is lost, the work goes on.
pub fn print(s: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(clean(s).as_bytes());
}

/// Print to standard error with hostile characters escaped.
pub fn eprint(s: &str) {
    use std::io::Write as _;
    let _ = std::io::stderr().lock().write_all(clean(s).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_interprets() {
        assert_eq!(clean("SB+rlx"), "SB+rlx");
        assert_eq!(clean("a\x1b[31mb\0c"), "a\\x1b[31mb\\x00c");
        assert_eq!(clean("x\u{9b}y\u{202e}z"), "x\\u{9b}y\\u{202e}z");
        assert_eq!(clean("two\nlines\tok"), "two\nlines\tok");
        assert_eq!(clean("\x7f"), "\\x7f");
    }

    #[test]
    fn pads_and_cuts_any_length() {
        let long = "A".repeat(70_000);
        assert_eq!(pad(&long, 4), long);
        assert_eq!(pad("ab", 70_000).len(), 70_000);
        assert_eq!(pad_left("ab", 5), "   ab");
        assert_eq!(width(&cut(&long, MAX_NAME_COLUMN)), MAX_NAME_COLUMN);
        assert!(cut(&long, MAX_NAME_COLUMN).ends_with('…'));
        assert_eq!(cut("ab", 2), "ab");
        assert_eq!(pad("é", 3), "é  ");
    }
}
