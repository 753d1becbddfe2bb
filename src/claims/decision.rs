//! Verdicts: each part of a claim holds, fails, is not testable here or waits on a missing
//! capability; the claim's verdict follows from its parts, never from a stored value.

use serde::Serialize;

/// What the evidence says about one part of a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum State {
    #[serde(rename = "holds")]
    Holds,
    #[serde(rename = "fails")]
    Fails,
    #[serde(rename = "not testable here")]
    Untestable,
    #[serde(rename = "pending")]
    Pending,
}

/// One part's verdict and the reason, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PartVerdict {
    pub state: State,
    pub because: String,
}

impl PartVerdict {
    pub fn holds(because: impl Into<String>) -> Self {
        PartVerdict {
            state: State::Holds,
            because: because.into(),
        }
    }
    pub fn fails(because: impl Into<String>) -> Self {
        PartVerdict {
            state: State::Fails,
            because: because.into(),
        }
    }
    /// Holds when `ok`, fails otherwise, with the reason for each case.
    pub fn judged(ok: bool, yes: impl Into<String>, no: impl Into<String>) -> Self {
        if ok {
            Self::holds(yes)
        } else {
            Self::fails(no)
        }
    }
    pub fn untestable(because: impl Into<String>) -> Self {
        PartVerdict {
            state: State::Untestable,
            because: because.into(),
        }
    }
    pub fn pending(because: impl Into<String>) -> Self {
        PartVerdict {
            state: State::Pending,
            because: because.into(),
        }
    }
}

/// A claim's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Verdict {
    #[serde(rename = "TRUE")]
    True,
    #[serde(rename = "FALSE")]
    False,
    #[serde(rename = "PARTLY TRUE")]
    PartlyTrue,
    #[serde(rename = "NOT TESTABLE HERE")]
    NotTestable,
    /// A part that would decide it waits on a capability the lab lacks (named in the part).
    #[serde(rename = "PENDING")]
    Pending,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::True => "TRUE",
            Verdict::False => "FALSE",
            Verdict::PartlyTrue => "PARTLY TRUE",
            Verdict::NotTestable => "NOT TESTABLE HERE",
            Verdict::Pending => "PENDING",
        }
    }

    /// The verdict of a claim from its parts' verdicts: parts not testable here do not
    /// count; a pending part leaves the claim pending; otherwise every decided part holding
    /// is TRUE, every one failing FALSE, a mix PARTLY TRUE.
    pub fn of(parts: &[PartVerdict]) -> Verdict {
        let count = |s: State| parts.iter().filter(|p| p.state == s).count();
        let (holds, fails, pending) = (
            count(State::Holds),
            count(State::Fails),
            count(State::Pending),
        );
        match (holds, fails, pending) {
            (_, _, p) if p > 0 => Verdict::Pending,
            (0, 0, _) => Verdict::NotTestable,
            (_, 0, _) => Verdict::True,
            (0, _, _) => Verdict::False,
            _ => Verdict::PartlyTrue,
        }
    }
}

/// What a rule decided about a claim, with the evidence it read.
#[derive(Clone, Debug, Serialize)]
pub struct Decision {
    pub verdict: Verdict,
    pub parts: Vec<PartVerdict>,
    /// The deciding figure, in one line.
    pub figure: String,
    /// Where the deciding figure came from.
    pub platform: String,
    /// What would change the verdict.
    pub change: String,
    /// Why the evidence is weak, when it is.
    pub weak: Vec<String>,
    /// The evidence keys the rule read.
    pub used: Vec<String>,
    /// The rule itself is broken (it read evidence its claim does not declare, or a value the
    /// evidence lacks): a bug to fix, reported with exit code 5.
    pub error: Option<String>,
}

impl Decision {
    /// `TRUE`, `PARTLY TRUE (parts 1, 3 hold)`, `FALSE (weak evidence)`, ...
    pub fn label(&self) -> String {
        let mut s = self.verdict.label().to_string();
        if self.verdict == Verdict::PartlyTrue {
            let held: Vec<String> = self
                .parts
                .iter()
                .enumerate()
                .filter(|(_, p)| p.state == State::Holds)
                .map(|(i, _)| (i + 1).to_string())
                .collect();
            s = format!(
                "{s} (part{} {} hold{})",
                if held.len() > 1 { "s" } else { "" },
                held.join(", "),
                if held.len() > 1 { "" } else { "s" }
            );
        }
        if !self.weak.is_empty() && self.verdict != Verdict::NotTestable {
            s.push_str(" (weak evidence)");
        }
        if self.error.is_some() {
            s.push_str(" [RULE BROKEN]");
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_follows_the_parts() {
        let h = PartVerdict::holds("");
        let f = PartVerdict::fails("");
        let u = PartVerdict::untestable("");
        let p = PartVerdict::pending("");
        assert_eq!(Verdict::of(&[h.clone(), h.clone()]), Verdict::True);
        assert_eq!(Verdict::of(&[f.clone(), u.clone()]), Verdict::False);
        assert_eq!(Verdict::of(&[h.clone(), f.clone()]), Verdict::PartlyTrue);
        assert_eq!(Verdict::of(&[u.clone(), u.clone()]), Verdict::NotTestable);
        assert_eq!(Verdict::of(&[h.clone(), p.clone()]), Verdict::Pending);
        assert_eq!(Verdict::of(&[u, p]), Verdict::Pending);
    }
}
