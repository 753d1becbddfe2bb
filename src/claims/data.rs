//! The catalogue's content: `claims/claims.toml`, embedded at build time and checked when it
//! is read (every id once and in order, C63..C77 Go-only, every evidence key well formed).

use super::evidence::Key;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The catalogue file, as shipped.
pub(crate) const CLAIMS_TOML: &str = include_str!("../../claims/claims.toml");

/// The seed articles' categories, in the catalogue's order.
pub(crate) const CATEGORIES: [&str; 6] = [
    "hardware",
    "memory model",
    "QEMU",
    "performance number",
    "map design",
    "Go runtime",
];

/// One claim of the catalogue.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    /// Seed file names, in file-name order.
    pub seeds: Vec<String>,
    pub sections: Vec<String>,
    pub quote: String,
    pub translation: String,
    #[serde(default)]
    pub quote2: Option<String>,
    #[serde(default)]
    pub translation2: Option<String>,
    #[serde(default)]
    pub quote3: Option<String>,
    #[serde(default)]
    pub translation3: Option<String>,
    /// The claim in the project's own words.
    pub claim: String,
    pub category: String,
    pub context: String,
    /// Separable sub-assertions.
    pub parts: Vec<String>,
    /// Why a Go-runtime claim cannot be tested here (C63..C77).
    #[serde(default)]
    pub go_only: Option<String>,
    #[serde(default)]
    pub rust_analogue: Option<String>,
    /// The experiments that decide it (keys, see [`Key`]).
    #[serde(default)]
    pub evidence: Vec<String>,
    /// The rule, in words.
    #[serde(default)]
    pub decide: Option<String>,
}

impl Claim {
    /// `(seed file, quote, translation)` for each seed the claim quotes.
    pub fn quotes(&self) -> Vec<(&str, &str, &str)> {
        let mut v = vec![(
            self.seeds[0].as_str(),
            self.quote.as_str(),
            self.translation.as_str(),
        )];
        for (i, (q, t)) in [
            (&self.quote2, &self.translation2),
            (&self.quote3, &self.translation3),
        ]
        .into_iter()
        .enumerate()
        {
            if let (Some(q), Some(t), Some(seed)) = (q, t, self.seeds.get(i + 1)) {
                v.push((seed.as_str(), q.as_str(), t.as_str()));
            }
        }
        v
    }

    /// The parsed evidence keys.
    pub fn keys(&self) -> Vec<Key> {
        self.evidence
            .iter()
            .filter_map(|k| Key::parse(k).ok())
            .collect()
    }

    /// A Go-runtime claim (C63..C77).
    pub fn is_go_only(&self) -> bool {
        self.go_only.is_some()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    claim: Vec<Claim>,
}

/// Parse and check a catalogue. Errors name the claim (and the TOML position for syntax).
pub(crate) fn parse(text: &str, file: &str) -> Result<Vec<Claim>, String> {
    let f: File = toml::from_str(text).map_err(|e| {
        let pos = e
            .span()
            .map(|s| {
                let before = &text[..s.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                format!("{line}:{col}: ")
            })
            .unwrap_or_default();
        format!("{file}:{pos}{}", e.message())
    })?;
    for (i, c) in f.claim.iter().enumerate() {
        let want = format!("C{:02}", i + 1);
        let bad = |m: String| Err(format!("{file}: claim {}: {m}", c.id));
        if c.id != want {
            return bad(format!("expected id {want} at this position"));
        }
        if c.seeds.is_empty() || c.parts.is_empty() || c.sections.is_empty() {
            return bad("seeds, sections and parts must not be empty".into());
        }
        if c.seeds.iter().any(|s| s.contains('/')) {
            return bad("a seed is a bare file name".into());
        }
        if !CATEGORIES.contains(&c.category.as_str()) {
            return bad(format!("unknown category `{}`", c.category));
        }
        let go = i + 1 >= 63;
        if go != c.go_only.is_some() {
            return bad("C63..C77 and only they carry go_only".into());
        }
        if go && (!c.evidence.is_empty() || c.decide.is_some()) {
            return bad("a Go-only claim has no evidence and no rule".into());
        }
        if !go && c.decide.is_none() {
            return bad("a testable claim needs its rule in words (`decide`)".into());
        }
        for k in &c.evidence {
            if let Err(e) = Key::parse(k) {
                return bad(format!("evidence `{k}`: {e}"));
            }
        }
    }
    if f.claim.len() != 77 {
        return Err(format!(
            "{file}: {} claims, the catalogue has 77 (C01..C77)",
            f.claim.len()
        ));
    }
    Ok(f.claim)
}

/// The shipped catalogue, parsed once (`catalogue_parses` checks that it does).
pub fn catalogue() -> &'static [Claim] {
    static CLAIMS: OnceLock<Vec<Claim>> = OnceLock::new();
    CLAIMS.get_or_init(|| parse(CLAIMS_TOML, "claims/claims.toml").unwrap_or_default())
}

/// The shipped catalogue or why it does not parse.
pub fn checked() -> Result<&'static [Claim], String> {
    let c = catalogue();
    if c.is_empty() {
        parse(CLAIMS_TOML, "claims/claims.toml")?;
    }
    Ok(c)
}
