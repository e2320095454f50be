//! Literal triggers for regex patterns. Running every pattern over every document would cost one
//! full pass per pattern; instead each pattern's required prefix or suffix literals join the
//! phrase automaton, and the pattern only runs in a small window around where they occur.

use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// Which end of a match the trigger literals sit at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Every match starts with one of the literals.
    Prefix,
    /// Every match ends with one of the literals.
    Suffix,
}

/// Literals that every match of a pattern starts (or ends) with, and the longest match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    pub side: Side,
    pub literals: Vec<String>,
    /// Longest possible match in bytes, when bounded.
    pub max_len: Option<usize>,
}

/// Shortest literal worth using: shorter ones fire too often to save anything.
const MIN_LITERAL: usize = 3;
/// Trigger literals are cut to this many bytes (enough to be rare, few enough to stay small).
const TRIM_TO: usize = 12;
/// Most literals one pattern may contribute.
const MAX_LITERALS: usize = 512;

/// The trigger of a pattern, or `None` when it has no usable literal (it then runs everywhere).
pub fn derive(pattern: &str) -> Option<Trigger> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    let max_len = hir.properties().maximum_len();
    let side_literals = |kind: ExtractKind| -> Option<Vec<String>> {
        let mut extractor = Extractor::new();
        let suffix = matches!(kind, ExtractKind::Suffix);
        extractor.kind(kind).limit_total(MAX_LITERALS * 4);
        let mut seq = extractor.extract(&hir);
        // Long literal sets (every number word spelled out) shrink to their shared ends.
        if suffix {
            seq.keep_last_bytes(TRIM_TO);
        } else {
            seq.keep_first_bytes(TRIM_TO);
        }
        seq.dedup();
        let lits = seq.literals()?;
        if lits.is_empty() || lits.len() > MAX_LITERALS {
            return None;
        }
        let strings: Option<Vec<String>> = lits.iter().map(|l| String::from_utf8(l.as_bytes().to_vec()).ok()).collect();
        let mut strings = strings?;
        strings.sort();
        strings.dedup();
        (strings.iter().all(|s| s.len() >= MIN_LITERAL)).then_some(strings)
    };
    let prefix = side_literals(ExtractKind::Prefix);
    let suffix = side_literals(ExtractKind::Suffix);
    // Prefer literals long enough to be rare (8 bytes is plenty), then the smaller set.
    let score = |v: &Option<Vec<String>>| {
        v.as_ref().map(|v| (v.iter().map(String::len).min().unwrap_or(0).min(8), usize::MAX - v.len()))
    };
    let (side, literals): (Side, Vec<String>) = match (score(&prefix), score(&suffix)) {
        (None, None) => return None,
        (p, s) if p >= s => (Side::Prefix, prefix?),
        _ => (Side::Suffix, suffix?),
    };
    Some(Trigger { side, literals, max_len })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_literals_for_patterns_with_short_prefixes() {
        let t = derive(r"\b(?:[1-9]|1[0-7]|one|two) year old prostitutes?\b").unwrap();
        assert_eq!(t.side, Side::Suffix, "{t:?}");
        assert!(
            t.literals
                .iter()
                .all(|l| "old prostitute".ends_with(l.as_str()) || "old prostitutes".ends_with(l.as_str())),
            "{t:?}"
        );
        assert!(t.max_len.is_some());
    }

    #[test]
    fn prefix_literals_when_they_are_long() {
        let t = derive(r"\bprostitutes?,? (?:aged|age) (?:[1-9]|1[0-7])\b").unwrap();
        assert_eq!(t.side, Side::Prefix);
        assert!(t.literals.iter().all(|l| l.starts_with("prostitute") && l.len() <= TRIM_TO), "{t:?}");
    }

    #[test]
    fn no_trigger_without_literals() {
        assert_eq!(derive(r"\w+ \d+"), None);
    }
}

#[cfg(test)]
mod builtin_tests {
    #[test]
    fn most_builtin_patterns_have_triggers() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let mut without = Vec::new();
        let mut total = 0;
        for r in &rules.rules {
            for p in &r.patterns {
                total += 1;
                if super::derive(&p.compiled_source).is_none() {
                    without.push(format!("{}: {}", r.id, p.source));
                }
            }
        }
        // Each pattern without a trigger costs a pass over every document: give it a literal.
        assert!(without.is_empty(), "{} of {total} patterns have no trigger:\n{}", without.len(), without.join("\n"));
    }
}
