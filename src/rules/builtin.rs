//! The rule files embedded in the binary. A test checks that every file under `rules/` is
//! listed here, so a new rule file cannot be forgotten.

use super::load::{parse_exemptions, parse_term_file_with};
use super::{RuleError, RuleSet};

/// `(path relative to the crate root, contents)` of every terminology rule file.
pub const TERM_FILES: &[(&str, &str)] = &[
    ("rules/terms/de.toml", include_str!("../../rules/terms/de.toml")),
    ("rules/terms/en.toml", include_str!("../../rules/terms/en.toml")),
    ("rules/terms/es.toml", include_str!("../../rules/terms/es.toml")),
    ("rules/terms/fr.toml", include_str!("../../rules/terms/fr.toml")),
    ("rules/terms/pt.toml", include_str!("../../rules/terms/pt.toml")),
    ("rules/terms/ru.toml", include_str!("../../rules/terms/ru.toml")),
    ("rules/terms/th.toml", include_str!("../../rules/terms/th.toml")),
];

pub const EXEMPTIONS_FILE: (&str, &str) = ("rules/exemptions.toml", include_str!("../../rules/exemptions.toml"));

/// A string of the build-time cache: a byte range of [`BLOB`] (offsets, unlike `&str`s, need
/// no relocation when the binary starts).
pub type Span = (u32, u32);

/// The text of a cached string.
pub fn text(span: Span) -> &'static str {
    BLOB.get(span.0 as usize..span.1 as usize).unwrap_or("")
}

/// Work done at build time on one built-in rule (see `build.rs`): its phrases expanded and
/// normalised, its patterns' compiled sources and literal triggers. Used only while the raw
/// fields equal the rule as parsed.
#[derive(Debug)]
pub struct CachedRule {
    pub id: Span,
    pub phrases: &'static [Span],
    pub allow: &'static [Span],
    pub patterns: &'static [Span],
    pub expanded: &'static [Span],
    pub allow_expanded: &'static [Span],
    pub compiled: &'static [Span],
    pub triggers: &'static [Option<CachedTrigger>],
}

/// A pattern's trigger, derived at build time.
#[derive(Debug)]
pub struct CachedTrigger {
    pub suffix: bool,
    pub literals: &'static [Span],
    pub max_len: Option<usize>,
}

impl CachedTrigger {
    pub fn to_trigger(&self) -> crate::matcher::trigger::Trigger {
        use crate::matcher::trigger::{Side, Trigger};
        Trigger {
            side: if self.suffix { Side::Suffix } else { Side::Prefix },
            literals: self.literals.iter().map(|&s| text(s).to_string()).collect(),
            max_len: self.max_len,
        }
    }
}

// The cache (`TERM_CACHE`, in rule-file order) and the text it points into (`BLOB`).
include!(concat!(env!("OUT_DIR"), "/term_cache.rs"));

/// The cache entry of a built-in rule, if it still describes `phrases`, `allow` and `patterns`.
pub fn cached(id: &str, phrases: &[String], allow: &[String], patterns: &[String]) -> Option<&'static CachedRule> {
    let same = |a: &[Span], b: &[String]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| text(*x) == y);
    TERM_CACHE
        .iter()
        .find(|c| text(c.id) == id)
        .filter(|c| same(c.phrases, phrases) && same(c.allow, allow) && same(c.patterns, patterns))
}

/// Parses the embedded rules.
pub fn load() -> Result<RuleSet, RuleError> {
    let mut rules = Vec::new();
    for (file, text) in TERM_FILES {
        rules.extend(parse_term_file_with(file, text, true)?);
    }
    let exemptions = parse_exemptions(EXEMPTIONS_FILE.0, EXEMPTIONS_FILE.1)?;
    RuleSet::new(rules, exemptions)
}
