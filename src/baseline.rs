//! Baselines: adopt luxlint on a back catalogue by recording today's findings and reporting only
//! new ones. A finding is recognised by a fingerprint of its rule, its normalised matched text,
//! the normalised words around it and its path — not its line, so edits elsewhere in the
//! document do not break it.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::report::FileReport;
use crate::report::sarif::fnv1a_128;
use crate::rules::RuleError;

/// Words of context on each side of a match that go into its fingerprint.
pub const CONTEXT_WORDS: usize = 3;

const KEY: &str = "luxlint-baseline/v1";

/// The fingerprint of a finding (32 hex digits).
pub fn fingerprint(path: &str, rule: &str, normalized_matched: &str, context: &str) -> String {
    format!("{:032x}", fnv1a_128(&[KEY, &path.replace('\\', "/"), rule, normalized_matched, context]))
}

/// Up to [`CONTEXT_WORDS`] words before and after `range` in normalised text, within the same
/// sentence (so adding a sentence next to a finding does not change its fingerprint).
pub fn context_words(normalized: &str, range: &Range<usize>) -> String {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | ';' | ':');
    let before = &normalized[..range.start];
    let before = before.rfind(is_end).map_or(before, |i| &before[i + 1..]);
    let after = &normalized[range.end..];
    let after = after.find(is_end).map_or(after, |i| &after[..i]);
    let words_before: Vec<&str> = before.split_whitespace().rev().take(CONTEXT_WORDS).collect();
    let words_after: Vec<&str> = after.split_whitespace().take(CONTEXT_WORDS).collect();
    let words_before: Vec<&str> = words_before.into_iter().rev().collect();
    format!("{}|{}", words_before.join(" "), words_after.join(" "))
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub matched: String,
    pub fingerprint: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    schema_version: u32,
    tool: String,
    findings: Vec<Entry>,
}

/// Fingerprints recorded in a baseline, with how many times each occurred.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    counts: HashMap<String, usize>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Self, RuleError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| RuleError {
            file: file.clone(),
            line: 1,
            message: format!("cannot read baseline: {e}"),
        })?;
        Self::parse(&file, &text)
    }

    /// Parses baseline text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, RuleError> {
        let err = |line: usize, message: String| RuleError { file: file.to_string(), line, message };
        let parsed: File =
            serde_json::from_str(text).map_err(|e| err(e.line(), format!("not a luxlint baseline: {e}")))?;
        if parsed.schema_version != 1 {
            return Err(err(1, format!("baseline schema version {} is not supported (1 is)", parsed.schema_version)));
        }
        let mut counts = HashMap::new();
        for e in parsed.findings {
            *counts.entry(e.fingerprint).or_insert(0) += 1;
        }
        Ok(Self { counts })
    }

    /// Removes the counted findings of `report` that the baseline holds (as many of each
    /// fingerprint as it recorded); returns how many were removed.
    pub fn filter(&self, report: &mut FileReport) -> usize {
        let mut used: HashMap<String, usize> = HashMap::new();
        let before = report.findings.len();
        report.findings.retain(|f| {
            if !f.counts() {
                return true;
            }
            let recorded = self.counts.get(&f.fingerprint).copied().unwrap_or(0);
            let seen = used.entry(f.fingerprint.clone()).or_insert(0);
            if *seen < recorded {
                *seen += 1;
                false
            } else {
                true
            }
        });
        before - report.findings.len()
    }
}

/// The entries of a report's counted findings.
pub fn entries(report: &FileReport) -> Vec<Entry> {
    report
        .findings
        .iter()
        .filter(|f| f.counts())
        .map(|f| Entry {
            path: report.path.clone(),
            rule: f.rule.clone(),
            matched: f.matched.clone(),
            fingerprint: f.fingerprint.clone(),
        })
        .collect()
}

/// Writes a baseline file, entries sorted (so it diffs well under version control).
pub fn write(path: &Path, mut entries: Vec<Entry>) -> std::io::Result<()> {
    entries.sort();
    let file = File { schema_version: 1, tool: format!("luxlint {}", env!("CARGO_PKG_VERSION")), findings: entries };
    let mut text = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
    text.push('\n');
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_words_around_the_match() {
        let t = "one two three four child porn five six seven eight";
        let at = t.find("child porn").unwrap();
        assert_eq!(context_words(t, &(at..at + 10)), "two three four|five six seven");
        assert_eq!(context_words("child porn", &(0..10)), "|");
        let t = "a b. police found child porn. new text";
        let at = t.find("child porn").unwrap();
        assert_eq!(context_words(t, &(at..at + 10)), "police found|");
    }

    #[test]
    fn fingerprints_ignore_path_separators_but_not_rules() {
        let a = fingerprint("a\\b.txt", "en.minor", "minor", "x|y");
        assert_eq!(a, fingerprint("a/b.txt", "en.minor", "minor", "x|y"));
        assert_ne!(a, fingerprint("a/b.txt", "en.child-pornography", "minor", "x|y"));
    }
}
