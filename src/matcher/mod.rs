//! Finding rule phrases in normalised text.
//!
//! All phrases of all rules (and the `allow` phrases that mask them) go into Aho-Corasick
//! automata, one per script group (Latin, Cyrillic, unspaced scripts, other), each built once on
//! first use; a document is searched only by the groups whose script it contains. The search
//! is *overlapping*, so every candidate is seen; boundary
//! checks then reject candidates, and only after that is the leftmost-longest candidate chosen.
//! That order matters: a longer candidate that fails its boundary check never hides a shorter
//! one that passes, nor one that starts inside it.

use std::ops::Range;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;

pub mod trigger;

use crate::rules::RuleSet;
use crate::rules::model::Phrase;
use crate::text::script::{Script, has_unspaced_script, is_word_char, script_of, scripts_in};

/// What an automaton pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Rule(u32),
    /// An `allow` phrase of a rule: masks matches of any rule it contains.
    Allow,
    /// The official name of an instrument or body (exemption data), reported to the judge.
    Title,
    /// A literal that every match of pattern `.0` starts or ends with.
    Trigger(u32),
    /// A phrase of the project allowlist (luxlint.toml `allow`).
    ProjectAllow,
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

/// Texts shorter than this, until a process has searched [`DFA_AFTER_TOTAL`] bytes in all, are
/// searched through a word index (nothing to build but a hash map, so linting a short draft
/// starts at once); longer texts, and every text after that, with a DFA (fast, but slower to
/// build and larger).
const SMALL_TEXT: usize = 64 * 1024;
const DFA_AFTER_TOTAL: usize = 4 * 1024 * 1024;

/// The phrases of one script group, with their search structures built on first use.
#[derive(Debug)]
struct PhraseGroup {
    script: Script,
    phrases: Vec<Phrase>,
    entries: Vec<Entry>,
    small: OnceLock<WordIndex>,
    dfa: OnceLock<Option<AhoCorasick>>,
    /// Bytes this group has searched so far.
    searched: AtomicUsize,
}

impl Clone for PhraseGroup {
    fn clone(&self) -> Self {
        Self {
            script: self.script,
            phrases: self.phrases.clone(),
            entries: self.entries.clone(),
            small: OnceLock::new(),
            dfa: OnceLock::new(),
            searched: AtomicUsize::new(0),
        }
    }
}

/// Phrases that start a word, keyed by a hash of their first word; the others (inside words,
/// scripts without spaces, pattern triggers), which may start anywhere, keyed by their first
/// four bytes. Both are hash maps, quicker to build than an automaton for one short text.
#[derive(Debug, Default)]
struct WordIndex {
    by_first_word: HashMap<u64, Vec<u32>, BuildHasherDefault<PassThrough>>,
    by_prefix: HashMap<u64, Vec<u32>, BuildHasherDefault<PassThrough>>,
    /// Substring phrases shorter than a prefix key, searched one by one.
    short: Vec<u32>,
}

/// Length of the keys of [`WordIndex::by_prefix`].
const PREFIX: usize = 4;

fn prefix_key(bytes: &[u8]) -> u64 {
    let k = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    // A multiplicative hash spreads the key over the bits the hash map looks at.
    u64::from(k).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The keys of the word index are hashes already: use them as they are.
#[derive(Debug, Default)]
struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

fn word_hash(word: &str) -> u64 {
    // FNV-1a: fast for short keys; collisions only cost a failed comparison.
    word.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
}

/// The leading run of word characters of `s`.
fn first_word(s: &str) -> &str {
    let end = s.char_indices().find(|&(_, c)| !is_word_char(c)).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

impl PhraseGroup {
    fn word_index(&self) -> &WordIndex {
        self.small.get_or_init(|| {
            let mut index = WordIndex::default();
            for (i, (phrase, entry)) in self.phrases.iter().zip(&self.entries).enumerate() {
                let key = first_word(phrase);
                if entry.check_start && !key.is_empty() {
                    index.by_first_word.entry(word_hash(key)).or_default().push(i as u32);
                } else if phrase.len() >= PREFIX {
                    index.by_prefix.entry(prefix_key(phrase.as_bytes())).or_default().push(i as u32);
                } else if !phrase.is_empty() {
                    index.short.push(i as u32);
                }
            }
            index
        })
    }

    fn dfa(&self) -> Option<&AhoCorasick> {
        self.dfa
            .get_or_init(|| {
                if self.phrases.is_empty() {
                    return None;
                }
                let build = |kind: Option<AhoCorasickKind>| {
                    AhoCorasick::builder()
                        .match_kind(MatchKind::Standard)
                        .kind(kind)
                        .build(self.phrases.iter().map(|p| p.as_ref()))
                };
                // A DFA can exceed the automaton size limits; fall back to letting the crate choose.
                build(Some(AhoCorasickKind::DFA)).or_else(|_| build(None)).ok()
            })
            .as_ref()
    }

    /// Every phrase occurrence in `text` (overlapping), with its entry index, before boundary
    /// checks.
    fn occurrences(&self, text: &str, out: &mut Vec<(usize, usize, usize)>) {
        let total = self.searched.fetch_add(text.len(), Ordering::Relaxed) + text.len();
        if text.len() >= SMALL_TEXT || total >= DFA_AFTER_TOTAL {
            self.automaton_occurrences(text, out);
        } else {
            self.indexed_occurrences(text, out);
        }
    }

    fn automaton_occurrences(&self, text: &str, out: &mut Vec<(usize, usize, usize)>) {
        if let Some(ac) = self.dfa() {
            out.extend(ac.find_overlapping_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())));
        }
    }

    /// The same occurrences as [`Self::automaton_occurrences`] (a test checks it), found
    /// through the word and prefix indexes.
    fn indexed_occurrences(&self, text: &str, out: &mut Vec<(usize, usize, usize)>) {
        let index = self.word_index();
        let mut prev_word = false;
        for (i, c) in text.char_indices() {
            let word = is_word_char(c);
            if word && !prev_word {
                let key = first_word(&text[i..]);
                if let Some(ids) = index.by_first_word.get(&word_hash(key)) {
                    for &id in ids {
                        let phrase = &self.phrases[id as usize];
                        if text[i..].starts_with(phrase.as_ref() as &str) {
                            out.push((i, i + phrase.len(), id as usize));
                        }
                    }
                }
            }
            prev_word = word;
        }
        if !index.by_prefix.is_empty() {
            let bytes = text.as_bytes();
            for i in 0..bytes.len().saturating_sub(PREFIX - 1) {
                // Phrases start on a character boundary: skip UTF-8 continuation bytes.
                if bytes[i] & 0xC0 == 0x80 {
                    continue;
                }
                if let Some(ids) = index.by_prefix.get(&prefix_key(&bytes[i..])) {
                    for &id in ids {
                        let phrase: &str = self.phrases[id as usize].as_ref();
                        if bytes[i..].starts_with(phrase.as_bytes()) {
                            out.push((i, i + phrase.len(), id as usize));
                        }
                    }
                }
            }
        }
        for &id in &index.short {
            let phrase: &str = self.phrases[id as usize].as_ref();
            let mut from = 0;
            while let Some(j) = text[from..].find(phrase) {
                let start = from + j;
                out.push((start, start + phrase.len(), id as usize));
                from = start + text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
}

/// A regex pattern of a rule, and how it is triggered.
#[derive(Debug, Clone)]
struct PatternRule {
    rule: usize,
    script: Script,
    pattern: crate::rules::model::Pattern,
    /// `None`: no usable literal, so the pattern runs over the whole text.
    trigger: Option<trigger::Trigger>,
}

/// How far around a trigger a pattern is run when its longest match is unbounded.
const UNBOUNDED_WINDOW: usize = 400;
/// Context kept beyond a window so that look-around (`\b`) sees the real neighbours.
const WINDOW_SLACK: usize = 8;

/// What a search found: rule hits, and where official names occur.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<RawHit>,
    /// Byte ranges (normalised text) of official names from the exemption data.
    pub titles: Vec<Range<usize>>,
    /// Byte ranges (normalised text) of phrases of the project allowlist.
    pub allowed: Vec<Range<usize>>,
}

/// The compiled matcher for a rule set.
#[derive(Debug, Clone)]
pub struct Matcher {
    phrases: Vec<PhraseGroup>,
    patterns: Vec<PatternRule>,
    /// Language of each rule, to break ties between rules of different languages.
    languages: Vec<String>,
}

/// Phrases a matcher was built from, for export (benchmarks compare against `rg -F -f`).
pub fn phrase_list(rules: &RuleSet) -> Vec<String> {
    let mut out: Vec<String> = rules.rules.iter().flat_map(|r| r.expanded.iter().map(|p| p.to_string())).collect();
    out.sort();
    out.dedup();
    out
}

impl Matcher {
    pub fn new(rules: &RuleSet) -> Self {
        let mut groups: Vec<PhraseGroup> = Script::ALL
            .iter()
            .map(|&script| PhraseGroup {
                script,
                phrases: Vec::new(),
                entries: Vec::new(),
                small: OnceLock::new(),
                dfa: OnceLock::new(),
                searched: AtomicUsize::new(0),
            })
            .collect();
        let mut add = |phrase: Phrase, target: Target, inside_words: bool| {
            let script = if phrase.is_ascii() { Script::Latin } else { script_of(&phrase) };
            let unspaced = script != Script::Latin && has_unspaced_script(&phrase);
            let bounded = !inside_words && !unspaced;
            let first = phrase.chars().next().is_some_and(is_word_char);
            let last = phrase.chars().next_back().is_some_and(is_word_char);
            let group = &mut groups[script as usize];
            group.phrases.push(phrase);
            group.entries.push(Entry { target, check_start: bounded && first, check_end: bounded && last });
        };
        for (i, rule) in rules.rules.iter().enumerate() {
            let target = Target::Rule(i as u32);
            let mut solids: Vec<String> = Vec::new();
            for p in &rule.expanded {
                add(p.clone(), target, rule.inside_words);
                // "child-\nporn" is joined to "childporn" by de-hyphenation, and hashtags write
                // two-word phrases solid: match that form too; compounding languages (rules that
                // match inside words) write any phrase solid.
                let spaces = p.bytes().filter(|&b| b == b' ').count();
                if (spaces == 1 || (spaces > 1 && rule.inside_words)) && !has_unspaced_script(p) {
                    solids.push(p.split(' ').collect());
                }
            }
            if !solids.is_empty() {
                // A solid form that the rule already lists as a phrase is not added twice.
                let own: std::collections::HashSet<&str> = rule.expanded.iter().map(|p| p.as_ref()).collect();
                solids.retain(|s| !own.contains(s.as_str()));
                for solid in solids {
                    add(Phrase::Owned(solid), target, rule.inside_words);
                }
            }
            for a in &rule.allow {
                add(a.clone(), Target::Allow, rule.inside_words);
            }
        }
        for t in &rules.exemptions.titles {
            if !t.normalized.is_empty() {
                add(Phrase::Owned(t.normalized.clone()), Target::Title, false);
            }
        }
        for a in &rules.exemptions.project_allow {
            add(Phrase::Owned(a.clone()), Target::ProjectAllow, false);
        }
        let mut patterns = Vec::new();
        for (i, r) in rules.rules.iter().enumerate() {
            for p in &r.patterns {
                let trigger = p.trigger.clone();
                if let Some(t) = &trigger {
                    for lit in &t.literals {
                        let group = &mut groups[script_of(lit) as usize];
                        group.phrases.push(Phrase::Owned(lit.clone()));
                        group.entries.push(Entry {
                            target: Target::Trigger(patterns.len() as u32),
                            check_start: false,
                            check_end: false,
                        });
                    }
                }
                patterns.push(PatternRule { rule: i, script: script_of(&p.source), pattern: p.clone(), trigger });
            }
        }
        let languages = rules.rules.iter().map(|r| r.language.clone()).collect();
        Self { phrases: groups, patterns, languages }
    }

    /// Finds rule matches in `text` (normalised). `preferred_language` (asked only when two
    /// rules of different languages match the same span, e.g. es and pt share phrases) breaks
    /// the tie.
    pub fn find(&self, text: &str, preferred_language: &mut dyn FnMut() -> Option<&'static str>) -> Found {
        let present = scripts_in(text);
        let mut cands: Vec<(usize, usize, Target)> = Vec::new();
        let mut titles = Vec::new();
        let mut allowed = Vec::new();
        let mut triggers: Vec<(usize, Range<usize>)> = Vec::new();
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for group in self.phrases.iter().filter(|g| present[g.script as usize]) {
            found.clear();
            group.occurrences(text, &mut found);
            for &(s, e, id) in &found {
                let entry = group.entries[id];
                if entry.check_start && text[..s].chars().next_back().is_some_and(is_word_char) {
                    continue;
                }
                if entry.check_end && text[e..].chars().next().is_some_and(is_word_char) {
                    continue;
                }
                match entry.target {
                    Target::Title => titles.push(s..e),
                    Target::ProjectAllow => allowed.push(s..e),
                    Target::Trigger(p) => triggers.push((p as usize, s..e)),
                    _ => cands.push((s, e, entry.target)),
                }
            }
        }
        for (idx, p) in self.patterns.iter().enumerate() {
            if !present[p.script as usize] {
                continue;
            }
            match &p.trigger {
                None => {
                    let Some(regex) = p.pattern.regex() else { continue };
                    for m in regex.find_iter(text) {
                        if !m.is_empty() {
                            cands.push((m.start(), m.end(), Target::Rule(p.rule as u32)));
                        }
                    }
                }
                Some(t) => {
                    let fired = triggers.iter().filter(|(i, _)| *i == idx).map(|(_, r)| r.clone());
                    let mut fired = fired.peekable();
                    if fired.peek().is_none() {
                        continue;
                    }
                    let Some(regex) = p.pattern.regex() else { continue };
                    for m in run_in_windows(regex, text, t, fired) {
                        cands.push((m.start, m.end, Target::Rule(p.rule as u32)));
                    }
                }
            }
        }
        titles.sort_by_key(|t| (t.start, t.end));
        let hits = if cands.is_empty() { Vec::new() } else { select(cands, &self.languages, preferred_language) };
        Found { hits, titles, allowed }
    }
}

/// Runs `regex` in windows around where its trigger literals `fired`, and returns its matches
/// (each once). Windows are sized by the pattern's longest match, so no match is missed.
fn run_in_windows(
    regex: &Regex,
    text: &str,
    trigger: &trigger::Trigger,
    fired: impl Iterator<Item = Range<usize>>,
) -> Vec<Range<usize>> {
    let reach = trigger.max_len.unwrap_or(UNBOUNDED_WINDOW).min(UNBOUNDED_WINDOW * 4);
    let mut windows: Vec<Range<usize>> = Vec::new();
    for r in fired {
        let w = match trigger.side {
            trigger::Side::Prefix => r.start..(r.start + reach + WINDOW_SLACK).min(text.len()),
            trigger::Side::Suffix => r.end.saturating_sub(reach)..(r.end + WINDOW_SLACK).min(text.len()),
        };
        match windows.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => windows.push(w),
        }
    }
    let mut found: Vec<Range<usize>> = Vec::new();
    for mut w in windows {
        while !text.is_char_boundary(w.start) {
            w.start -= 1;
        }
        while !text.is_char_boundary(w.end) {
            w.end += 1;
        }
        // Searching `text[..w.end]` from `w.start` keeps the real left context for `\b`; a match
        // that touches the cut end is only trusted when the cut is the end of the text.
        let hay = &text[..w.end];
        let mut pos = w.start;
        while let Some(m) = regex.find_at(hay, pos) {
            let cut = m.end() == w.end && w.end < text.len();
            if !m.is_empty() && !cut && found.last().is_none_or(|f| f.start != m.start()) {
                found.push(m.range());
            }
            pos =
                if m.is_empty() { m.end() + hay[m.end()..].chars().next().map_or(1, char::len_utf8) } else { m.end() };
            if pos > hay.len() {
                break;
            }
        }
    }
    found
}

/// Drops candidates masked by an `allow` phrase, then keeps the leftmost-longest of the rest.
fn select(
    mut cands: Vec<(usize, usize, Target)>,
    languages: &[String],
    preferred: &mut dyn FnMut() -> Option<&'static str>,
) -> Vec<RawHit> {
    cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut allows: Vec<(usize, usize)> = cands.iter().filter(|c| c.2 == Target::Allow).map(|c| (c.0, c.1)).collect();
    allows.sort_unstable();
    let mut hits: Vec<RawHit> = Vec::new();
    let mut last_end = 0usize;
    let mut allow_i = 0usize;
    let mut allow_max_end = 0usize;
    let mut i = 0;
    while i < cands.len() {
        let (s, e, target) = cands[i];
        let Target::Rule(first_rule) = target else {
            // Allow phrases were gathered above; titles never reach here.
            i += 1;
            continue;
        };
        // Candidates with the same span (different rules): prefer the document's language.
        let mut chosen = first_rule as usize;
        let mut j = i + 1;
        while j < cands.len() && cands[j].0 == s && cands[j].1 == e {
            if let Target::Rule(r) = cands[j].2 {
                let r = r as usize;
                // Unknown language: English, the language of the Guidelines' first edition.
                if languages[r] != languages[chosen] && preferred().unwrap_or("en") == languages[r] {
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
            hits.push(RawHit { range: s..e, rule: chosen });
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
        RuleSet::new(parse_term_file("t.toml", &text).unwrap(), Exemptions::default()).unwrap()
    }

    fn rule(id: &str, phrases: &str, extra: &str) -> String {
        format!(
            "[[rule]]\nid = \"en.{id}\"\nconcept = \"{id}\"\nlevel = \"avoid\"\nphrases = {phrases}\n{extra}\n\
             suggestions = [\"x\"]\nmessage = \"m\"\nexplanation = \"e\"\nreference = \"r\"\nindicators = [\"O1.a\"]\n\
             flag = [\"x\"]\npass = [\"y\"]\n"
        )
    }

    fn spans<'t>(m: &Matcher, text: &'t str) -> Vec<&'t str> {
        m.find(text, &mut || None).hits.iter().map(|h| &text[h.range.clone()]).collect()
    }

    #[test]
    fn longest_match_wins() {
        let rs = ruleset(&(rule("a", "[\"child porn\"]", "") + &rule("b", "[\"child pornography\"]", "")));
        let m = Matcher::new(&rs);
        assert_eq!(spans(&m, "no child pornography here"), ["child pornography"]);
    }

    #[test]
    fn rejected_candidate_does_not_hide_an_overlapping_one() {
        // "teen prostitution" fails its start boundary inside "preteen"; a plain
        // leftmost-longest search would have consumed it and lost "prostitution of children".
        let rs =
            ruleset(&(rule("a", "[\"teen prostitution\"]", "") + &rule("b", "[\"prostitution of children\"]", "")));
        let m = Matcher::new(&rs);
        assert_eq!(spans(&m, "preteen prostitution of children"), ["prostitution of children"]);
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
        assert_eq!(spans(&m, "kinderpornografie vorwurfe, anti kinderpornoring"), ["kinderporno", "kinderporno"]);
    }

    #[test]
    fn allow_phrases_mask_matches() {
        let rs = ruleset(&rule("a", "[\"minor\"]", "allow = [\"minor offence\", \"minor {change,changes}\"]"));
        let m = Matcher::new(&rs);
        assert_eq!(spans(&m, "a minor offence by a minor, minor changes"), ["minor"]);
    }

    #[test]
    fn solid_forms_of_phrases_match() {
        let rs = ruleset(&rule("a", "[\"child porn\"]", ""));
        let m = Matcher::new(&rs);
        assert_eq!(spans(&m, "#childporn and child porn"), ["childporn", "child porn"]);
    }

    #[test]
    fn unspaced_scripts_match_as_substrings() {
        let text = "language = \"th\"\n".to_string() + &rule("a", "[\"สื่อลามกอนาจารเด็ก\"]", "").replace("en.a", "th.a");
        let rs = RuleSet::new(parse_term_file("t.toml", &text).unwrap(), Exemptions::default()).unwrap();
        let m = Matcher::new(&rs);
        assert_eq!(spans(&m, "การเผยแพร่สื่อลามกอนาจารเด็กทางออนไลน์").len(), 1);
    }

    /// Occurrences that pass the boundary checks, sorted.
    fn bounded(group: &PhraseGroup, text: &str, found: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
        let mut kept: Vec<_> = found
            .into_iter()
            .filter(|&(s, e, id)| {
                let entry = group.entries[id];
                let cut_start = entry.check_start && text[..s].chars().next_back().is_some_and(is_word_char);
                let cut_end = entry.check_end && text[e..].chars().next().is_some_and(is_word_char);
                !cut_start && !cut_end
            })
            .collect();
        kept.sort_unstable();
        kept.dedup();
        kept
    }

    #[test]
    fn indexes_for_short_texts_find_what_the_automaton_finds() {
        let rules = crate::rules::builtin::load().unwrap();
        let m = Matcher::new(&rules);
        let mut texts: Vec<String> = Vec::new();
        for r in &rules.rules {
            for ex in r.examples.flag.iter().chain(&r.examples.pass) {
                texts.push(crate::text::normalize_str(ex));
            }
            // Every phrase alone, inside a longer word, and run into its neighbours.
            for p in r.expanded.iter().take(40) {
                let p: &str = p.as_ref();
                texts.push(format!("{p} und xx{p}yy, «{p}»{p}s"));
            }
        }
        let mut compared = 0;
        for group in &m.phrases {
            for text in &texts {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                group.automaton_occurrences(text, &mut a);
                group.indexed_occurrences(text, &mut b);
                let (a, b) = (bounded(group, text, a), bounded(group, text, b));
                assert_eq!(a, b, "{:?} group on {text:?}", group.script);
                compared += a.len();
            }
        }
        assert!(compared > 1000, "only {compared} occurrences compared");
    }
}
