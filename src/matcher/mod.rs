//! Finding rule phrases in normalised text.
//!
//! All phrases of all rules (and the `allow` phrases that mask them) go into one Aho-Corasick
//! automaton, built once. The search is *overlapping*, so every candidate is seen; boundary
//! checks then reject candidates, and only after that is the leftmost-longest candidate chosen.
//! That order matters: a longer candidate that fails its boundary check never hides a shorter
//! one that passes, nor one that starts inside it.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::rules::RuleSet;
use crate::text::script::{has_unspaced_script, is_word_char};

/// What an automaton pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Rule(u32),
    /// An `allow` phrase of a rule: masks matches of any rule it contains.
    Allow,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    target: Target,
    check_start: bool,
    check_end: bool,
}

/// A rule match in normalised text, before judgement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawHit {
    /// Byte range in the normalised text.
    pub range: Range<usize>,
    /// Index of the rule in the [`RuleSet`].
    pub rule: usize,
}

/// The compiled matcher for a rule set.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    entries: Vec<Entry>,
    patterns: Vec<(usize, regex::Regex)>,
    /// Language of each rule, to break ties between rules of different languages.
    languages: Vec<String>,
}

/// Phrases a matcher was built from, for export (benchmarks compare against `rg -F -f`).
pub fn phrase_list(rules: &RuleSet) -> Vec<String> {
    let mut out: Vec<String> = rules
        .rules
        .iter()
        .flat_map(|r| r.expanded.iter().cloned())
        .collect();
    out.sort();
    out.dedup();
    out
}

impl Matcher {
    pub fn new(rules: &RuleSet) -> Self {
        let mut phrases: Vec<String> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        let mut add = |phrase: &str, target: Target, inside_words: bool| {
            let unspaced = has_unspaced_script(phrase);
            let bounded = !inside_words && !unspaced;
            let first = phrase.chars().next().is_some_and(is_word_char);
            let last = phrase.chars().next_back().is_some_and(is_word_char);
            phrases.push(phrase.to_string());
            entries.push(Entry {
                target,
                check_start: bounded && first,
                check_end: bounded && last,
            });
        };
        for (i, rule) in rules.rules.iter().enumerate() {
            let target = Target::Rule(i as u32);
            for p in &rule.expanded {
                add(p, target, rule.inside_words);
                // "child-\nporn" is joined to "childporn" by de-hyphenation, and hashtags
                // write phrases solid: match the solid form of multi-word phrases too.
                if p.contains(' ') && !has_unspaced_script(p) {
                    let solid: String = p.split(' ').collect();
                    if !rule.expanded.contains(&solid) {
                        add(&solid, target, rule.inside_words);
                    }
                }
            }
            for a in &rule.allow {
                add(a, Target::Allow, rule.inside_words);
            }
        }
        let automaton = if phrases.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&phrases)
                    .or_else(|_| {
                        AhoCorasick::builder()
                            .match_kind(MatchKind::Standard)
                            .build(&phrases)
                    })
                    .expect("rule phrases always build an automaton"),
            )
        };
        let patterns = rules
            .rules
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.patterns.iter().map(move |p| (i, p.regex.clone())))
            .collect();
        let languages = rules.rules.iter().map(|r| r.language.clone()).collect();
        Self {
            automaton,
            entries,
            patterns,
            languages,
        }
    }

    /// Finds rule matches in `text` (normalised). `preferred_language` (asked only when two
    /// rules of different languages match the same span, e.g. es and pt share phrases) breaks
    /// the tie.
    pub fn find(
        &self,
        text: &str,
        preferred_language: &mut dyn FnMut() -> Option<&'static str>,
    ) -> Vec<RawHit> {
        let mut cands: Vec<(usize, usize, Target)> = Vec::new();
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                let entry = self.entries[m.pattern().as_usize()];
                let (s, e) = (m.start(), m.end());
                if entry.check_start && text[..s].chars().next_back().is_some_and(is_word_char) {
                    continue;
                }
                if entry.check_end && text[e..].chars().next().is_some_and(is_word_char) {
                    continue;
                }
                cands.push((s, e, entry.target));
            }
        }
        for (rule, re) in &self.patterns {
            for m in re.find_iter(text) {
                if !m.is_empty() {
                    cands.push((m.start(), m.end(), Target::Rule(*rule as u32)));
                }
            }
        }
        if cands.is_empty() {
            return Vec::new();
        }
        select(cands, &self.languages, preferred_language)
    }
}

/// Drops candidates masked by an `allow` phrase, then keeps the leftmost-longest of the rest.
fn select(
    mut cands: Vec<(usize, usize, Target)>,
    languages: &[String],
    preferred: &mut dyn FnMut() -> Option<&'static str>,
) -> Vec<RawHit> {
    cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut allows: Vec<(usize, usize)> = cands
        .iter()
        .filter(|c| c.2 == Target::Allow)
        .map(|c| (c.0, c.1))
        .collect();
    allows.sort_unstable();
    let mut hits: Vec<RawHit> = Vec::new();
    let mut last_end = 0usize;
    let mut allow_i = 0usize;
    let mut allow_max_end = 0usize;
    let mut i = 0;
    while i < cands.len() {
        let (s, e, target) = cands[i];
        let Target::Rule(first_rule) = target else {
            i += 1;
            continue;
        };
        // Candidates with the same span (different rules): prefer the document's language.
        let mut chosen = first_rule as usize;
        let mut j = i + 1;
        while j < cands.len() && cands[j].0 == s && cands[j].1 == e {
            if let Target::Rule(r) = cands[j].2 {
                let r = r as usize;
                if languages[r] != languages[chosen]
                    && preferred().is_some_and(|p| languages[r] == p)
                {
                    chosen = r;
                }
            }
            j += 1;
        }
        i = j;
        while allow_i < allows.len() && allows[allow_i].0 <= s {
            allow_max_end = allow_max_end.max(allows[allow_i].1);
            allow_i += 1;
        }
        if allow_max_end >= e {
            continue;
        }
        if s >= last_end {
            hits.push(RawHit {
                range: s..e,
                rule: chosen,
            });
            last_end = e;
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load::parse_term_file;
    use crate::rules::model::Exemptions;

    fn ruleset(body: &str) -> RuleSet {
        let text = format!("language = \"en\"\n{body}");
        RuleSet::new(
            parse_term_file("t.toml", &text).unwrap(),
            Exemptions::default(),
        )
        .unwrap()
    }

    fn rule(id: &str, phrases: &str, extra: &str) -> String {
        format!(
            "[[rule]]\nid = \"en.{id}\"\nconcept = \"{id}\"\nlevel = \"avoid\"\nphrases = {phrases}\n{extra}\n\
             suggestions = [\"x\"]\nmessage = \"m\"\nexplanation = \"e\"\nreference = \"r\"\nindicators = [\"O1.a\"]\n\
             flag = [\"x\"]\npass = [\"y\"]\n"
        )
    }

    fn spans<'t>(m: &Matcher, text: &'t str) -> Vec<&'t str> {
        m.find(text, &mut || None)
            .iter()
            .map(|h| &text[h.range.clone()])
            .collect()
    }

    #[test]
    fn longest_match_wins() {
        let rs = ruleset(
            &(rule("a", "[\"child porn\"]", "") + &rule("b", "[\"child pornography\"]", "")),
        );
        let m = Matcher::new(&rs);
        assert_eq!(
            spans(&m, "no child pornography here"),
            ["child pornography"]
        );
    }

    #[test]
    fn rejected_candidate_does_not_hide_an_overlapping_one() {
        // "teen prostitution" fails its start boundary inside "preteen"; a plain
        // leftmost-longest search would have consumed it and lost "prostitution of children".
        let rs = ruleset(
            &(rule("a", "[\"teen prostitution\"]", "")
                + &rule("b", "[\"prostitution of children\"]", "")),
        );
        let m = Matcher::new(&rs);
        assert_eq!(
            spans(&m, "preteen prostitution of children"),
            ["prostitution of children"]
        );
    }

    #[test]
    fn rejected_longer_candidate_does_not_hide_shorter() {
        let rs = ruleset(&(rule("a", "[\"sex tour\"]", "") + &rule("b", "[\"sex tourism\"]", "")));
        let m = Matcher::new(&rs);
        assert_eq!(spans(&m, "a sex tour. sex tourisms"), ["sex tour"]);
        assert_eq!(spans(&m, "sex tourism"), ["sex tourism"]);
    }

    #[test]
    fn word_boundaries_apply_for_spaced_scripts() {
        let rs = ruleset(&rule("a", "[\"pedo\"]", ""));
        let m = Matcher::new(&rs);
        assert_eq!(spans(&m, "torpedo pedo pedophile pedo's"), ["pedo", "pedo"]);
    }

    #[test]
    fn inside_words_matches_compounds() {
        let rs = ruleset(&rule("a", "[\"kinderporno\"]", "inside_words = true"));
        let m = Matcher::new(&rs);
        assert_eq!(
            spans(&m, "kinderpornografie vorwurfe, anti kinderpornoring"),
            ["kinderporno", "kinderporno"]
        );
    }

    #[test]
    fn allow_phrases_mask_matches() {
        let rs = ruleset(&rule(
            "a",
            "[\"minor\"]",
            "allow = [\"minor offence\", \"minor {change,changes}\"]",
        ));
        let m = Matcher::new(&rs);
        assert_eq!(
            spans(&m, "a minor offence by a minor, minor changes"),
            ["minor"]
        );
    }

    #[test]
    fn solid_forms_of_phrases_match() {
        let rs = ruleset(&rule("a", "[\"child porn\"]", ""));
        let m = Matcher::new(&rs);
        assert_eq!(
            spans(&m, "#childporn and child porn"),
            ["childporn", "child porn"]
        );
    }

    #[test]
    fn unspaced_scripts_match_as_substrings() {
        let text = "language = \"th\"\n".to_string()
            + &rule("a", "[\"สื่อลามกอนาจารเด็ก\"]", "").replace("en.a", "th.a");
        let rs = RuleSet::new(
            parse_term_file("t.toml", &text).unwrap(),
            Exemptions::default(),
        )
        .unwrap();
        let m = Matcher::new(&rs);
        assert_eq!(spans(&m, "การเผยแพร่สื่อลามกอนาจารเด็กทางออนไลน์").len(), 1);
    }
}
