//! Deciding whether a match counts: the official name of an instrument or body ("title"),
//! words quoted or discussed as words ("quotation"), or a use. A statutory definition
//! (`"child pornography" means …`) is a use, not a mention.

pub mod quotes;
pub mod sidecar;
pub mod suppress;

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;

use crate::extract::Document;
use crate::matcher::Found;
use crate::rules::RuleSet;
use crate::text::Normalized;
use crate::text::normalize_str;
use crate::text::script::is_word_char;

/// Why an occurrence is reported but not counted. The names are the JSON contract's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Exempt {
    Title,
    Quotation,
    Suppressed,
}

impl Exempt {
    pub fn as_str(self) -> &'static str {
        match self {
            Exempt::Title => "title",
            Exempt::Quotation => "quotation",
            Exempt::Suppressed => "suppressed",
        }
    }
}

/// A judged match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index of the rule in the rule set.
    pub rule: usize,
    /// Byte range in the document text.
    pub range: Range<usize>,
    /// Byte range in the normalised text.
    pub norm_range: Range<usize>,
    pub exempt: Option<Exempt>,
}

/// How far around a match the judge looks for markers, in bytes.
const MARKER_WINDOW: usize = 64;
/// Most words walked from a match to find a title's head word.
const TITLE_WORDS: usize = 12;

/// Exemption logic compiled from the exemption data.
#[derive(Debug, Clone)]
pub struct Judge {
    /// Per rule: whether its language capitalises only names, so Title Case marks a name.
    title_case_names: Vec<bool>,
    heads: HashSet<String>,
    connectors: HashSet<String>,
    definitions_after: Vec<String>,
    definitions_before: Vec<String>,
    mention_markers: Vec<String>,
}

impl Judge {
    pub fn new(rules: &RuleSet) -> Self {
        let ex = &rules.exemptions;
        Self {
            // German capitalises every noun, so capitals there say nothing about names.
            title_case_names: rules.rules.iter().map(|r| r.language != "de").collect(),
            heads: ex.title_heads.iter().cloned().collect(),
            connectors: ex.title_connectors.iter().cloned().collect(),
            definitions_after: ex.definitions.after.clone(),
            definitions_before: ex.definitions.before.clone(),
            mention_markers: ex.mention_markers.clone(),
        }
    }

    /// Judges raw hits of one document.
    pub fn judge(&self, doc: &Document, norm: &Normalized, found: Found) -> Vec<Finding> {
        let Found { hits, titles: title_ranges, allowed } = found;
        if hits.is_empty() {
            return Vec::new();
        }
        let source_ranges: Vec<Range<usize>> = hits.iter().map(|h| norm.source_range(h.range.clone())).collect();
        let quote_spans = quotes::find_around(&doc.text, &source_ranges);
        let around = Around {
            titles: Containing::new(&title_ranges),
            quotations: Containing::new(&doc.quotations),
            quotes: quotes::QuoteIndex::new(&quote_spans),
        };
        let allowed = Containing::new(&allowed);
        hits.into_iter()
            .map(|h| {
                let range = norm.source_range(h.range.clone());
                let exempt = if allowed.holds(&h.range) && !around.titles.holds(&h.range) {
                    Some(Exempt::Suppressed)
                } else {
                    self.exemption(h.rule, doc, norm, &h.range, &range, &around)
                };
                Finding { rule: h.rule, range, norm_range: norm.map.widen_to_units(h.range), exempt }
            })
            .collect()
    }

    fn exemption(
        &self,
        rule: usize,
        doc: &Document,
        norm: &Normalized,
        norm_range: &Range<usize>,
        range: &Range<usize>,
        around: &Around<'_>,
    ) -> Option<Exempt> {
        if around.titles.holds(norm_range) || (self.title_case_names[rule] && self.has_title_shape(&doc.text, range)) {
            return Some(Exempt::Title);
        }
        if followed_by_sic(&doc.text, range.end) {
            return Some(Exempt::Quotation);
        }
        if around.quotations.holds(range) {
            return Some(Exempt::Quotation);
        }
        let after_norm = window_after(&norm.text, norm_range.end);
        if let Some(q) = around.quotes.innermost(range) {
            if q.tightly_wraps(&doc.text, range) {
                let after_quote = normalize_str(window_after(&doc.text, q.close_end));
                let before_quote = normalize_str(window_before(&doc.text, q.open));
                if self.is_definition(&after_quote, &before_quote) {
                    return None;
                }
            }
            return Some(Exempt::Quotation);
        }
        let before_norm = window_before(&norm.text, norm_range.start);
        if ends_with_marker(before_norm, &self.mention_markers) && !self.is_definition(after_norm, "") {
            return Some(Exempt::Quotation);
        }
        None
    }

    fn is_definition(&self, after: &str, before: &str) -> bool {
        let after = after.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ')' || c == ':');
        self.definitions_after.iter().any(|m| starts_with_word(after, m))
            || ends_with_marker(before, &self.definitions_before)
    }

    /// A Title-Case term inside a run of Title-Case words that contains a head word such as
    /// "Act" or "Protocol": the name of a named instrument ("Child Pornography Prevention Act").
    fn has_title_shape(&self, text: &str, range: &Range<usize>) -> bool {
        let matched = &text[range.clone()];
        let words: Vec<&str> = matched.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        if words.is_empty() || !words.iter().all(|w| starts_upper(w)) {
            return false;
        }
        self.walk_title(&text[range.end..], false) || self.walk_title(&text[..range.start], true)
    }

    fn walk_title(&self, side: &str, backwards: bool) -> bool {
        let toks = if backwards {
            let mut from = side.len().saturating_sub(TITLE_WINDOW);
            while !side.is_char_boundary(from) {
                from += 1;
            }
            let mut t = title_tokens(&side[from..]);
            t.reverse();
            t
        } else {
            let mut to = side.len().min(TITLE_WINDOW);
            while !side.is_char_boundary(to) {
                to -= 1;
            }
            title_tokens(&side[..to])
        };
        for (count, tok) in toks.into_iter().enumerate() {
            let Token::Word(w) = tok else { return false };
            if count >= TITLE_WORDS {
                return false;
            }
            let n = normalize_str(w);
            if self.heads.contains(&n) && starts_upper(w) {
                return true;
            }
            if !(starts_upper(w) || w.chars().all(|c| c.is_ascii_digit()) || self.connectors.contains(&n)) {
                return false;
            }
        }
        false
    }
}

/// Bytes looked at on each side of a match for a title's head word.
const TITLE_WINDOW: usize = 300;

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// A token of a would-be title: a word, or a stop (sentence punctuation, a blank line).
#[derive(Debug, PartialEq, Eq)]
enum Token<'a> {
    Word(&'a str),
    Stop,
}

/// Words of `text`, skipping the punctuation a title may hold (parentheses, commas, hyphens,
/// quotes), with a [`Token::Stop`] for anything else.
fn title_tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut newlines = 0;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || (word_start.is_some() && matches!(c, '\'' | '’')) {
            word_start.get_or_insert(i);
            newlines = 0;
            continue;
        }
        if let Some(s) = word_start.take() {
            out.push(Token::Word(&text[s..i]));
        }
        match c {
            '\n' => {
                newlines += 1;
                if newlines == 2 {
                    out.push(Token::Stop);
                }
            }
            c if c.is_whitespace() => {}
            '(' | ')' | ',' | '-' | '–' | '&' | '\'' | '’' | '"' | '“' | '”' | '«' | '»' => {}
            _ => out.push(Token::Stop),
        }
    }
    if let Some(s) = word_start {
        out.push(Token::Word(&text[s..]));
    }
    out
}

/// "[sic]" (or "(sic)") right after a term marks a faithful quotation of someone else's words.
fn followed_by_sic(text: &str, at: usize) -> bool {
    let rest = window_after(text, at);
    let rest =
        rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»' | '“' | ','));
    let lower: String = rest.chars().take(5).flat_map(char::to_lowercase).collect();
    lower == "[sic]" || lower == "(sic)"
}

fn window_after(text: &str, at: usize) -> &str {
    let mut end = (at + MARKER_WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[at.min(end)..end]
}

fn window_before(text: &str, at: usize) -> &str {
    let mut start = at.saturating_sub(MARKER_WINDOW);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..at.max(start)]
}

fn starts_with_word(text: &str, marker: &str) -> bool {
    text.starts_with(marker) && !text[marker.len()..].chars().next().is_some_and(is_word_char)
}

fn ends_with_marker(text: &str, markers: &[String]) -> bool {
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '«' | '“' | '„' | '‘' | ':'));
    markers
        .iter()
        .any(|m| t.ends_with(m.as_str()) && !t[..t.len() - m.len()].chars().next_back().is_some_and(is_word_char))
}

/// What a document says around its findings: official names, quotation markup, quoted spans.
struct Around<'a> {
    titles: Containing,
    quotations: Containing,
    quotes: quotes::QuoteIndex<'a>,
}

/// Ranges sorted by start with the running maximum of their ends: whether one of them holds a
/// given range is a binary search, not a scan (long laws have thousands of findings and names).
struct Containing {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Containing {
    fn new(ranges: &[Range<usize>]) -> Self {
        let mut sorted: Vec<&Range<usize>> = ranges.iter().collect();
        sorted.sort_by_key(|r| r.start);
        let starts = sorted.iter().map(|r| r.start).collect();
        let max_end = sorted
            .iter()
            .scan(0, |m, r| {
                *m = (*m).max(r.end);
                Some(*m)
            })
            .collect();
        Self { starts, max_end }
    }

    /// Some range starts at or before `r.start` and ends at or after `r.end`.
    fn holds(&self, r: &Range<usize>) -> bool {
        let k = self.starts.partition_point(|&s| s <= r.start);
        k > 0 && self.max_end[k - 1] >= r.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The binary search agrees with reading every range, for nested, overlapping and empty
    /// ranges given in any order.
    #[test]
    fn containing_agrees_with_a_full_scan() {
        let ranges: Vec<Range<usize>> =
            vec![40..90, 0..10, 5..7, 50..60, 100..100, 95..200, 55..58, 120..130, 10..12, 300..301];
        let index = Containing::new(&ranges);
        for s in 0..320 {
            for len in 0..25 {
                let r = s..s + len;
                let full = ranges.iter().any(|t| t.start <= r.start && r.end <= t.end);
                assert_eq!(index.holds(&r), full, "{r:?}");
            }
        }
        assert!(!Containing::new(&[]).holds(&(0..0)));
    }
}
