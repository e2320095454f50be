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

/// Work done at build time on one built-in rule (see `build.rs`): its phrases expanded and
/// normalised, its patterns' compiled sources and literal triggers. Used only while the raw
/// fields equal the rule as parsed.
#[derive(Debug)]
pub struct CachedRule {
    pub id: &'static str,
    pub phrases: &'static [&'static str],
    pub allow: &'static [&'static str],
    pub patterns: &'static [&'static str],
    pub expanded: &'static [&'static str],
    pub allow_expanded: &'static [&'static str],
    pub compiled: &'static [&'static str],
    pub triggers: &'static [Option<CachedTrigger>],
}

/// A pattern's trigger, derived at build time.
#[derive(Debug)]
pub struct CachedTrigger {
    pub suffix: bool,
    pub literals: &'static [&'static str],
    pub max_len: Option<usize>,
}

impl CachedTrigger {
    pub fn to_trigger(&self) -> crate::matcher::trigger::Trigger {
        use crate::matcher::trigger::{Side, Trigger};
        Trigger {
            side: if self.suffix { Side::Suffix } else { Side::Prefix },
            literals: self.literals.iter().map(|s| s.to_string()).collect(),
            max_len: self.max_len,
        }
    }
}

/// The build-time cache, in rule-file order.
pub static TERM_CACHE: &[CachedRule] = include!(concat!(env!("OUT_DIR"), "/term_cache.rs"));

/// The cache entry of a built-in rule, if it still describes `phrases`, `allow` and `patterns`.
pub fn cached(id: &str, phrases: &[String], allow: &[String], patterns: &[String]) -> Option<&'static CachedRule> {
    let same = |a: &[&str], b: &[String]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| *x == y);
    TERM_CACHE
        .iter()
        .find(|c| c.id == id)
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
