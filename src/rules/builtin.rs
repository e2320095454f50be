//! The rule files embedded in the binary. A test checks that every file under `rules/` is
//! listed here, so a new rule file cannot be forgotten.

use super::load::{parse_exemptions, parse_term_file};
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

/// Parses the embedded rules.
pub fn load() -> Result<RuleSet, RuleError> {
    let mut rules = Vec::new();
    for (file, text) in TERM_FILES {
        rules.extend(parse_term_file(file, text)?);
    }
    let exemptions = parse_exemptions(EXEMPTIONS_FILE.0, EXEMPTIONS_FILE.1)?;
    RuleSet::new(rules, exemptions)
}
