//! Parsing and validating rule files. Every error names the file and line.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::expand::{ascii_word_boundaries, expand_braces};
use super::model::{
    DefinitionMarkers, Examples, ExemptionExample, Exemptions, Level, Origin, Pattern, Phrase, Rule, TitleName,
};
use crate::text::normalize_str;

/// A problem in a rule file, located at `file:line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for RuleError {}

/// 1-based line of a byte offset.
pub(crate) fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

pub(crate) fn toml_error(file: &str, text: &str, err: &toml::de::Error) -> RuleError {
    let line = err.span().map_or(1, |s| line_at(text, s.start));
    // toml's own message repeats the location in a multi-line block; keep its first line.
    let message = err.message().lines().next().unwrap_or("invalid TOML").to_string();
    RuleError { file: file.to_string(), line, message }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTermFile {
    language: Spanned<String>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    concept: String,
    level: Level,
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    allow: Vec<Spanned<String>>,
    #[serde(default)]
    inside_words: bool,
    #[serde(default)]
    needs_language_context: bool,
    suggestions: Vec<String>,
    message: String,
    explanation: String,
    reference: String,
    indicators: Vec<String>,
    #[serde(default)]
    flag: Vec<String>,
    #[serde(default)]
    pass: Vec<String>,
}

/// Largest number of phrases one brace pattern may expand to.
const MAX_EXPANSION: usize = 4096;

/// Known indicator ids a rule may feed.
pub const INDICATORS: [&str; 3] = ["O1.a", "O1.b", "O1.c"];

/// Parses one terminology rule file.
pub fn parse_term_file(file: &str, text: &str) -> Result<Vec<Rule>, RuleError> {
    parse_term_file_with(file, text, false)
}

/// Parses one terminology rule file; `builtin` lets rules use the work `build.rs` did on the
/// embedded rules (expansions, triggers) while it still matches them.
pub fn parse_term_file_with(file: &str, text: &str, builtin: bool) -> Result<Vec<Rule>, RuleError> {
    let raw: RawTermFile = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
    let err = |span: Range<usize>, message: String| RuleError {
        file: file.to_string(),
        line: line_at(text, span.start),
        message,
    };
    let language = raw.language.get_ref().clone();
    if !is_language_code(&language) {
        return Err(err(raw.language.span(), format!("`language` must be an ISO 639-1 code, not {language:?}")));
    }
    let mut rules = Vec::with_capacity(raw.rule.len());
    for spanned in raw.rule {
        let rule_span = spanned.span();
        let r = spanned.into_inner();
        let id = r.id.get_ref().clone();
        let here = |message: String| err(r.id.span(), format!("rule `{id}`: {message}"));
        let prefix = format!("{language}.");
        if !id.starts_with(&prefix) || !is_slug(&id[prefix.len()..]) {
            return Err(here(format!("id must be `{language}.` followed by lowercase words joined by `-`")));
        }
        if !is_slug(&r.concept) {
            return Err(here("`concept` must be lowercase words joined by `-`".into()));
        }
        if r.phrases.is_empty() && r.patterns.is_empty() {
            return Err(here("needs at least one of `phrases` or `patterns`".into()));
        }
        for (name, value) in [("message", &r.message), ("explanation", &r.explanation), ("reference", &r.reference)] {
            if value.trim().is_empty() {
                return Err(here(format!("`{name}` must not be empty")));
            }
        }
        if r.suggestions.is_empty() {
            return Err(here("needs at least one suggestion".into()));
        }
        if r.indicators.is_empty() {
            return Err(here("needs at least one indicator".into()));
        }
        if let Some(bad) = r.indicators.iter().find(|i| !INDICATORS.contains(&i.as_str())) {
            return Err(here(format!("unknown indicator {bad:?} (known: {})", INDICATORS.join(", "))));
        }
        if r.flag.is_empty() || r.pass.is_empty() {
            return Err(here("needs examples of both kinds: `flag` (must be flagged) and `pass` (must not be)".into()));
        }
        let raw_phrases: Vec<String> = r.phrases.iter().map(|p| p.get_ref().clone()).collect();
        let raw_allow: Vec<String> = r.allow.iter().map(|p| p.get_ref().clone()).collect();
        let raw_patterns: Vec<String> = r.patterns.iter().map(|p| p.get_ref().clone()).collect();
        let cache = if builtin { super::builtin::cached(&id, &raw_phrases, &raw_allow, &raw_patterns) } else { None };
        let (expanded, patterns, allow) = match cache {
            Some(c) => (
                c.expanded.iter().map(|&s| Phrase::Borrowed(super::builtin::text(s))).collect(),
                raw_patterns
                    .iter()
                    .zip(c.compiled)
                    .zip(c.triggers)
                    .map(|((src, compiled), t)| {
                        Pattern::with_trigger(
                            src.clone(),
                            super::builtin::text(*compiled).to_string(),
                            t.as_ref().map(super::builtin::CachedTrigger::to_trigger),
                        )
                    })
                    .collect(),
                c.allow_expanded.iter().map(|&s| Phrase::Borrowed(super::builtin::text(s))).collect(),
            ),
            None => {
                let mut expanded = Vec::new();
                let mut seen = HashSet::new();
                for phrase in &r.phrases {
                    let forms = expand_braces(phrase.get_ref(), MAX_EXPANSION)
                        .map_err(|m| err(phrase.span(), format!("rule `{id}`: phrase {:?}: {m}", phrase.get_ref())))?;
                    for form in forms {
                        let n = normalize_str(&form);
                        if n.is_empty() {
                            return Err(err(
                                phrase.span(),
                                format!("rule `{id}`: phrase {:?} is empty after normalisation", phrase.get_ref()),
                            ));
                        }
                        if seen.insert(n.clone()) {
                            expanded.push(Phrase::Owned(n));
                        }
                    }
                }
                let mut patterns = Vec::new();
                for p in &r.patterns {
                    let compiled = ascii_word_boundaries(p.get_ref());
                    // Checked here, compiled on first use (see `Pattern`).
                    regex_syntax::ParserBuilder::new().build().parse(&compiled).map_err(|e| {
                        let reason = e.to_string();
                        let reason =
                            reason.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("invalid").trim().to_string();
                        err(p.span(), format!("rule `{id}`: bad pattern: {reason}"))
                    })?;
                    let trigger = crate::matcher::trigger::derive(&compiled);
                    patterns.push(Pattern::with_trigger(p.get_ref().clone(), compiled, trigger));
                }
                let mut allow = Vec::new();
                for a in &r.allow {
                    let forms = expand_braces(a.get_ref(), MAX_EXPANSION)
                        .map_err(|m| err(a.span(), format!("rule `{id}`: allow {:?}: {m}", a.get_ref())))?;
                    allow.extend(forms.iter().map(|f| normalize_str(f)).filter(|f| !f.is_empty()).map(Phrase::Owned));
                }
                (expanded, patterns, allow)
            }
        };
        rules.push(Rule {
            id: id.clone(),
            language: language.clone(),
            concept: r.concept,
            level: r.level,
            phrases: r.phrases.into_iter().map(Spanned::into_inner).collect(),
            expanded,
            patterns,
            allow,
            inside_words: r.inside_words,
            needs_language_context: r.needs_language_context,
            suggestions: r.suggestions,
            message: r.message.trim().to_string(),
            explanation: r.explanation.trim().to_string(),
            reference: r.reference,
            indicators: r.indicators,
            examples: Examples { flag: r.flag, pass: r.pass },
            origin: Origin { file: file.to_string(), line: line_at(text, rule_span.start) },
        });
    }
    Ok(rules)
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub(crate) fn is_language_code(s: &str) -> bool {
    s.len() == 2 && s.chars().all(|c| c.is_ascii_lowercase())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExemptions {
    #[serde(default)]
    titles: Vec<RawTitles>,
    #[serde(default)]
    title_heads: Vec<String>,
    #[serde(default)]
    title_connectors: Vec<String>,
    #[serde(default)]
    definitions_after: Vec<String>,
    #[serde(default)]
    definitions_before: Vec<String>,
    #[serde(default)]
    mention_markers: Vec<String>,
    #[serde(default)]
    example: Vec<Spanned<RawExemptionExample>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTitles {
    language: String,
    names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExemptionExample {
    text: String,
    expect: String,
}

/// Parses the exemption data file.
pub fn parse_exemptions(file: &str, text: &str) -> Result<Exemptions, RuleError> {
    let raw: RawExemptions = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
    let norm_all = |v: Vec<String>| -> Vec<String> {
        let mut out: Vec<String> = v.iter().map(|s| normalize_str(s)).filter(|s| !s.is_empty()).collect();
        out.sort();
        out.dedup();
        out
    };
    let mut titles = Vec::new();
    for t in raw.titles {
        if !is_language_code(&t.language) {
            return Err(RuleError {
                file: file.into(),
                line: 1,
                message: format!("titles: bad language {:?}", t.language),
            });
        }
        for name in t.names {
            let normalized = normalize_str(&name);
            titles.push(TitleName { language: t.language.clone(), name, normalized });
        }
    }
    let mut examples = Vec::new();
    for ex in raw.example {
        let line = line_at(text, ex.span().start);
        let ex = ex.into_inner();
        if !matches!(ex.expect.as_str(), "title" | "quotation" | "counted") {
            return Err(RuleError {
                file: file.into(),
                line,
                message: format!(
                    "example: `expect` must be \"title\", \"quotation\" or \"counted\", not {:?}",
                    ex.expect
                ),
            });
        }
        examples.push(ExemptionExample {
            text: ex.text,
            expect: ex.expect,
            origin: Origin { file: file.into(), line },
        });
    }
    Ok(Exemptions {
        titles,
        title_heads: norm_all(raw.title_heads),
        title_connectors: norm_all(raw.title_connectors),
        definitions: DefinitionMarkers {
            after: norm_all(raw.definitions_after),
            before: norm_all(raw.definitions_before),
        },
        mention_markers: norm_all(raw.mention_markers),
        examples,
        project_allow: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
language = "en"

[[rule]]
id = "en.test-term"
concept = "test-term"
level = "avoid"
phrases = ["bad {word,words}"]
suggestions = ["good word"]
message = "m"
explanation = "e"
reference = "r"
indicators = ["O1.a"]
flag = ["a bad word"]
pass = ["a good word"]
"#;

    #[test]
    fn parses_and_expands() {
        let rules = parse_term_file("t.toml", GOOD).unwrap();
        assert_eq!(rules[0].expanded, vec!["bad word", "bad words"]);
        assert_eq!(rules[0].origin.line, 4);
    }

    #[test]
    fn unknown_key_is_an_error_with_line() {
        let text = GOOD.replace("message = \"m\"", "message = \"m\"\nmesage = \"x\"");
        let e = parse_term_file("t.toml", &text).unwrap_err();
        assert_eq!(e.line, 11, "{e}");
        assert!(e.message.contains("mesage"), "{e}");
    }

    #[test]
    fn bad_pattern_is_an_error_with_line() {
        let text = GOOD.replace("phrases = [\"bad {word,words}\"]", "patterns = [\"(unclosed\"]");
        let e = parse_term_file("t.toml", &text).unwrap_err();
        assert_eq!(e.line, 8, "{e}");
        assert!(e.message.contains("bad pattern"), "{e}");
    }

    #[test]
    fn missing_examples_are_an_error() {
        let text = GOOD.replace("pass = [\"a good word\"]", "");
        let e = parse_term_file("t.toml", &text).unwrap_err();
        assert!(e.message.contains("examples of both kinds"), "{e}");
    }
}
