//! The rule model: terminology rules and the exemption lists, as loaded from `rules/`.

use std::fmt;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// The guideline's category for a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Needs special attention; acceptable in some contexts (e.g. "minor" in legal text).
    Caution,
    /// Should not be used.
    Avoid,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Avoid => "avoid",
            Level::Caution => "caution",
        }
    }

    /// Severity a level gets when the configuration says nothing else.
    pub fn default_severity(self) -> Severity {
        match self {
            Level::Avoid => Severity::Error,
            Level::Caution => Severity::Warning,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the configuration made of a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A normalised phrase: borrowed from the build-time cache for built-in rules, owned otherwise.
pub type Phrase = std::borrow::Cow<'static, str>;

/// Where a rule was defined, for error messages and `luxlint rules ID`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A regular-expression pattern of a rule, run on normalised text. It is checked when the rule
/// is loaded but compiled only when first needed (most documents never trigger most patterns,
/// and compiling them all would dominate start-up).
#[derive(Debug, Clone)]
pub struct Pattern {
    /// As written in the rule file.
    pub source: String,
    /// As compiled (word boundaries made ASCII where the pattern is ASCII).
    pub compiled_source: String,
    /// Literals every match starts or ends with (`None`: the pattern runs over whole texts).
    pub trigger: Option<crate::matcher::trigger::Trigger>,
    regex: std::sync::Arc<std::sync::OnceLock<Option<Regex>>>,
}

impl Pattern {
    pub fn with_trigger(
        source: String,
        compiled_source: String,
        trigger: Option<crate::matcher::trigger::Trigger>,
    ) -> Self {
        Self { source, compiled_source, trigger, regex: Default::default() }
    }

    /// The compiled regex (`None` only if it exceeds the compiled-size limit, which the rule
    /// data tests rule out for built-in rules).
    pub fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| regex::RegexBuilder::new(&self.compiled_source).size_limit(PATTERN_SIZE_LIMIT).build().ok())
            .as_ref()
    }
}

/// Largest compiled size of a rule pattern.
pub const PATTERN_SIZE_LIMIT: usize = 1 << 22;

/// Text a rule must flag (optionally with the expected match between `[[` and `]]`) and text it
/// must leave alone.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    pub flag: Vec<String>,
    pub pass: Vec<String>,
}

/// One terminology rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id, `<language>.<concept-slug>`, e.g. `en.child-prostitution`.
    pub id: String,
    /// ISO 639-1 code.
    pub language: String,
    /// Language-independent concept key shared by the same term in every language.
    pub concept: String,
    pub level: Level,
    /// Phrases as written in the rule file (before brace expansion).
    pub phrases: Vec<String>,
    /// Every expanded phrase, normalised exactly as documents are.
    pub expanded: Vec<Phrase>,
    pub patterns: Vec<Pattern>,
    /// Normalised phrases that contain a match but must not be flagged ("minor offence").
    pub allow: Vec<Phrase>,
    /// Match inside longer words (German compounds); otherwise whole words only.
    pub inside_words: bool,
    /// Only flag where the surrounding text is in the rule's language (short, ambiguous words).
    pub needs_language_context: bool,
    pub suggestions: Vec<String>,
    /// One-sentence message, in our own words.
    pub message: String,
    /// Longer plain-words reason, for `luxlint rules ID` and trainers.
    pub explanation: String,
    pub reference: String,
    pub indicators: Vec<String>,
    pub examples: Examples,
    pub origin: Origin,
}

/// A named instrument, body or organisation whose official name keeps an old term.
#[derive(Debug, Clone)]
pub struct TitleName {
    pub language: String,
    /// As written in the rules file.
    pub name: String,
    /// Normalised.
    pub normalized: String,
}

/// Words that introduce or follow a defined term in a statute, per language.
#[derive(Debug, Clone, Default)]
pub struct DefinitionMarkers {
    /// Normalised phrases that follow a quoted term ("means", "includes").
    pub after: Vec<String>,
    /// Normalised phrases that precede a quoted term ("on entend par").
    pub before: Vec<String>,
}

/// An example for the exemption data: the text and what luxlint must conclude.
#[derive(Debug, Clone)]
pub struct ExemptionExample {
    pub text: String,
    /// `title`, `quotation` or `counted`.
    pub expect: String,
    pub origin: Origin,
}

/// Data the judge uses to decide exemptions.
#[derive(Debug, Clone, Default)]
pub struct Exemptions {
    pub titles: Vec<TitleName>,
    /// Head words of a named instrument or body ("Act", "Protocol", "Loi"), normalised.
    pub title_heads: Vec<String>,
    /// Small words allowed inside a title ("of", "the", "de", "la"), normalised.
    pub title_connectors: Vec<String>,
    pub definitions: DefinitionMarkers,
    /// Words before an unquoted term that show it is discussed as a word ("the term").
    pub mention_markers: Vec<String>,
    pub examples: Vec<ExemptionExample>,
    /// Normalised phrases of the project allowlist (`allow` in luxlint.toml): a finding inside
    /// one is reported as suppressed.
    pub project_allow: Vec<String>,
}
