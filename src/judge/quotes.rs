//! Quoted spans of a text, in the quotation styles of the languages luxlint reads:
//! "…", “…”, ‘…’, '…', «…», »…«, „…“, „…”, ‚…‘, ‹…›, 「…」, 『…』.
//! Apostrophes inside words are not quotes. A quote left open at a paragraph break is dropped.

use std::ops::Range;

/// One quoted span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Bytes between the marks.
    pub inner: Range<usize>,
    /// Byte offset just past the closing mark.
    pub close_end: usize,
}

impl QuoteSpan {
    /// The quote holds exactly `range` (give or take spaces and final punctuation).
    pub fn tightly_wraps(&self, text: &str, range: &Range<usize>) -> bool {
        let inner = &text[self.inner.clone()];
        let trimmed = inner.trim().trim_end_matches(['.', ',', ';', ':', '!', '?']).trim();
        trimmed == &text[range.clone()]
    }
}

/// A quote longer than this is taken to be a mismatched mark, not a quotation.
const MAX_QUOTE_BYTES: usize = 4000;

/// Quoted spans ordered by where their text starts, so that the innermost one holding a range
/// is found among the few that start within [`MAX_QUOTE_BYTES`] before it (a long law has
/// thousands of quotes and as many findings).
pub struct QuoteIndex<'a> {
    spans: &'a [QuoteSpan],
    by_start: Vec<u32>,
}

impl<'a> QuoteIndex<'a> {
    pub fn new(spans: &'a [QuoteSpan]) -> Self {
        let mut by_start: Vec<u32> = (0..spans.len() as u32).collect();
        by_start.sort_by_key(|&i| spans[i as usize].inner.start);
        Self { spans, by_start }
    }

    /// The smallest quoted span holding `range` (the first such span on ties).
    pub fn innermost(&self, range: &Range<usize>) -> Option<&'a QuoteSpan> {
        let spans = self.spans;
        let k = self.by_start.partition_point(|&i| spans[i as usize].inner.start <= range.start);
        let mut best: Option<(usize, u32)> = None;
        for &i in self.by_start[..k].iter().rev() {
            let q = &spans[i as usize];
            // No quote is longer than MAX_QUOTE_BYTES: one starting further back cannot hold `range`.
            if q.inner.start + MAX_QUOTE_BYTES < range.start {
                break;
            }
            let key = (q.inner.len(), i);
            if range.end <= q.inner.end && best.is_none_or(|b| key < b) {
                best = Some(key);
            }
        }
        best.map(|(_, i)| &spans[i as usize])
    }
}

#[derive(Clone, Copy)]
struct Open {
    mark: char,
    at: usize,
    inner_start: usize,
}

/// Bytes looked at on each side of a match for the paragraph it sits in.
const PARAGRAPH_WINDOW: usize = 8 * 1024;

/// Quoted spans in the paragraphs holding `ranges` (sorted by start): quotes never cross a
/// paragraph break, so only those paragraphs need reading.
pub fn find_around(text: &str, ranges: &[Range<usize>]) -> Vec<QuoteSpan> {
    let mut windows: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        if windows.last().is_some_and(|last| r.end <= last.end) {
            continue;
        }
        let floor = windows.last().map_or(0, |last| last.end);
        let w = paragraph_around(text, r, floor);
        match windows.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => windows.push(w),
        }
    }
    let mut spans = Vec::new();
    for w in windows {
        spans.extend(find(&text[w.clone()]).into_iter().map(|q| QuoteSpan {
            open: q.open + w.start,
            inner: q.inner.start + w.start..q.inner.end + w.start,
            close_end: q.close_end + w.start,
        }));
    }
    spans
}

/// The paragraph (between blank lines) around `range`, at most [`PARAGRAPH_WINDOW`] bytes each
/// side, on character boundaries.
fn paragraph_around(text: &str, range: &Range<usize>, floor: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    // `i` is a '\n'; a blank line follows if only spaces come before the next '\n'.
    let is_blank_gap = |i: usize| bytes[i + 1..].iter().find(|&&b| !matches!(b, b' ' | b'\t' | b'\r')) == Some(&b'\n');
    let low = range.start.saturating_sub(PARAGRAPH_WINDOW).max(floor.min(range.start));
    let mut start = low;
    for i in (low..range.start).rev() {
        if bytes[i] == b'\n' && is_blank_gap(i) {
            start = i + 1;
            break;
        }
    }
    let high = (range.end + PARAGRAPH_WINDOW).min(bytes.len());
    let end = (range.end..high).find(|&i| bytes[i] == b'\n' && is_blank_gap(i)).unwrap_or(high);
    let mut end = end;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    start..end.max(start)
}

/// Finds quoted spans in `text`, sorted by opening offset.
// Each arm reads "close the matching quote, or else open one": guards would hide that.
#[allow(clippy::collapsible_match)]
pub fn find(text: &str) -> Vec<QuoteSpan> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut i = 0usize;
    while i < bytes.len() {
        // Jump to the next byte that can start a quote mark or a line break.
        match bytes[i..].iter().position(|&b| matches!(b, b'"' | b'\'' | b'\n' | 0xC2 | 0xE2 | 0xE3)) {
            Some(k) => i += k,
            None => break,
        }
        if bytes[i] == b'\n' {
            // A blank line (only spaces since the previous line break) ends a paragraph.
            let before = bytes[..i].iter().rev().find(|&&b| !matches!(b, b' ' | b'\t' | b'\r'));
            if before == Some(&b'\n') {
                stack.clear();
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let end = i + c.len_utf8();
        let prev = text[..i].chars().next_back();
        let next = text[end..].chars().next();
        let prev_word = prev.is_some_and(char::is_alphanumeric);
        let next_word = next.is_some_and(char::is_alphanumeric);
        let next_space = next.is_none_or(char::is_whitespace);
        let close = |stack: &mut Vec<Open>, openers: &[char], spans: &mut Vec<QuoteSpan>| -> bool {
            if let Some(pos) = stack.iter().rposition(|o| openers.contains(&o.mark)) {
                let o = stack[pos];
                stack.truncate(pos);
                if i - o.inner_start <= MAX_QUOTE_BYTES {
                    spans.push(QuoteSpan { open: o.at, inner: o.inner_start..i, close_end: end });
                }
                true
            } else {
                false
            }
        };
        let open = |stack: &mut Vec<Open>, mark: char| stack.push(Open { mark, at: i, inner_start: end });
        match c {
            '"' => {
                if !close(&mut stack, &['"'], &mut spans) && !next_space {
                    open(&mut stack, '"');
                }
            }
            '\u{201C}' => {
                // “ closes a German „ and opens an English quote.
                if !close(&mut stack, &['\u{201E}'], &mut spans) {
                    open(&mut stack, '\u{201C}');
                }
            }
            '\u{201D}' => {
                if !close(&mut stack, &['\u{201C}', '\u{201E}', '\u{201D}'], &mut spans) && !next_space {
                    open(&mut stack, '\u{201D}');
                }
            }
            '\u{201E}' => open(&mut stack, '\u{201E}'),
            '\u{201A}' => open(&mut stack, '\u{201A}'),
            '\u{2018}' => {
                if !close(&mut stack, &['\u{201A}'], &mut spans) && !prev_word {
                    open(&mut stack, '\u{2018}');
                }
            }
            '\u{2019}' => {
                if !(prev_word && next_word) {
                    close(&mut stack, &['\u{2018}', '\u{201A}'], &mut spans);
                }
            }
            '\'' => {
                if prev_word && next_word {
                    // An apostrophe inside a word.
                } else if !prev.is_none_or(char::is_whitespace) && close(&mut stack, &['\''], &mut spans) {
                    // Closed a quote.
                } else if !prev_word && next_word {
                    open(&mut stack, '\'');
                }
            }
            '«' => {
                if !close(&mut stack, &['»'], &mut spans) {
                    open(&mut stack, '«');
                }
            }
            '»' => {
                if !close(&mut stack, &['«'], &mut spans) && !next_space {
                    open(&mut stack, '»');
                }
            }
            '‹' => {
                if !close(&mut stack, &['›'], &mut spans) {
                    open(&mut stack, '‹');
                }
            }
            '›' => {
                if !close(&mut stack, &['‹'], &mut spans) && !next_space {
                    open(&mut stack, '›');
                }
            }
            '「' => open(&mut stack, '「'),
            '」' => {
                close(&mut stack, &['「'], &mut spans);
            }
            '『' => open(&mut stack, '『'),
            '』' => {
                close(&mut stack, &['『'], &mut spans);
            }
            _ => {}
        }
        // Unbounded nesting is hostile input, not prose.
        if stack.len() > 64 {
            stack.remove(0);
        }
        i = end;
    }
    spans.sort_by_key(|s| s.open);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index finds what reading every span finds, on texts full of nested and adjacent
    /// quotes.
    #[test]
    fn index_finds_the_innermost_quote_like_a_full_scan() {
        let text = "He said “the ‘child pornography’ label” and «x “y” z», then 'a' \"b \"c\" d\" e. ".repeat(40);
        let spans = find(&text);
        assert!(spans.len() > 100);
        let index = QuoteIndex::new(&spans);
        for start in (0..text.len()).step_by(3) {
            for len in [0, 1, 5, 17, 40] {
                let range = start..(start + len).min(text.len());
                let full = spans
                    .iter()
                    .filter(|q| q.inner.start <= range.start && range.end <= q.inner.end)
                    .min_by_key(|q| q.inner.len());
                assert_eq!(index.innermost(&range), full, "{range:?}");
            }
        }
    }

    fn quoted(text: &str) -> Vec<&str> {
        find(text).iter().map(|q| &text[q.inner.clone()]).collect()
    }

    #[test]
    fn finds_each_style() {
        assert_eq!(quoted("the term \"child prostitute\" is"), ["child prostitute"]);
        assert_eq!(quoted("the term “child prostitute” is"), ["child prostitute"]);
        assert_eq!(quoted("the term ‘child prostitute’ is"), ["child prostitute"]);
        assert_eq!(quoted("le terme « enfant prostitué » est"), [" enfant prostitué "]);
        assert_eq!(quoted("der Begriff „Kinderprostitution“ ist"), ["Kinderprostitution"]);
        assert_eq!(quoted("der Begriff »Kinderprostitution« ist"), ["Kinderprostitution"]);
        assert_eq!(quoted("the term 'child prostitute' is"), ["child prostitute"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quoted("the children’s home and the child's room").is_empty());
        assert_eq!(quoted("‘the children’s home’"), ["the children’s home"]);
    }

    #[test]
    fn open_quote_dies_at_paragraph_break() {
        assert!(quoted("he said \"child\n\nporn\"").len() <= 1);
        assert_eq!(quoted("he said \"a\n\nb \"c\" d"), ["c"]);
    }

    #[test]
    fn quotes_around_ranges_match_a_full_scan() {
        let text = "para one \"child porn\" x\n\npara «two» and “three”\n  \nlast 'one'";
        let all = find(text);
        let at = |needle: &str| {
            let s = text.find(needle).unwrap();
            s..s + needle.len()
        };
        let near = find_around(text, &[at("child"), at("three")]);
        assert_eq!(near, all.iter().filter(|q| q.open < text.find("last").unwrap()).cloned().collect::<Vec<_>>());
    }

    #[test]
    fn nested_quotes() {
        assert_eq!(quoted("“he called it ‘child porn’ then”").len(), 2);
    }
}
