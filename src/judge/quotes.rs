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
        let trimmed = inner
            .trim()
            .trim_end_matches(['.', ',', ';', ':', '!', '?'])
            .trim();
        trimmed == &text[range.clone()]
    }
}

/// A quote longer than this is taken to be a mismatched mark, not a quotation.
const MAX_QUOTE_BYTES: usize = 4000;

/// The smallest quoted span holding `range`.
pub fn innermost<'a>(spans: &'a [QuoteSpan], range: &Range<usize>) -> Option<&'a QuoteSpan> {
    spans
        .iter()
        .filter(|q| q.inner.start <= range.start && range.end <= q.inner.end)
        .min_by_key(|q| q.inner.len())
}

#[derive(Clone, Copy)]
struct Open {
    mark: char,
    at: usize,
    inner_start: usize,
}

/// Finds quoted spans in `text`, sorted by opening offset.
pub fn find(text: &str) -> Vec<QuoteSpan> {
    let mut spans = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut prev: Option<char> = None;
    let mut newline_run = 0usize;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let end = i + c.len_utf8();
        let prev_word = prev.is_some_and(char::is_alphanumeric);
        let next_word = next.is_some_and(char::is_alphanumeric);
        let next_space = next.is_none_or(char::is_whitespace);
        let close = |stack: &mut Vec<Open>, openers: &[char], spans: &mut Vec<QuoteSpan>| -> bool {
            if let Some(pos) = stack.iter().rposition(|o| openers.contains(&o.mark)) {
                let o = stack[pos];
                stack.truncate(pos);
                if i - o.inner_start <= MAX_QUOTE_BYTES {
                    spans.push(QuoteSpan {
                        open: o.at,
                        inner: o.inner_start..i,
                        close_end: end,
                    });
                }
                true
            } else {
                false
            }
        };
        let open = |stack: &mut Vec<Open>, mark: char| {
            stack.push(Open {
                mark,
                at: i,
                inner_start: end,
            })
        };
        match c {
            '\n' => {
                newline_run += 1;
                if newline_run >= 2 {
                    stack.clear();
                }
            }
            c if c.is_whitespace() => {}
            _ => newline_run = 0,
        }
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
                if !close(
                    &mut stack,
                    &['\u{201C}', '\u{201E}', '\u{201D}'],
                    &mut spans,
                ) && !next_space
                {
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
                } else if !prev.is_none_or(char::is_whitespace)
                    && close(&mut stack, &['\''], &mut spans)
                {
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
        prev = Some(c);
    }
    spans.sort_by_key(|s| s.open);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        find(text).iter().map(|q| &text[q.inner.clone()]).collect()
    }

    #[test]
    fn finds_each_style() {
        assert_eq!(
            quoted("the term \"child prostitute\" is"),
            ["child prostitute"]
        );
        assert_eq!(
            quoted("the term “child prostitute” is"),
            ["child prostitute"]
        );
        assert_eq!(
            quoted("the term ‘child prostitute’ is"),
            ["child prostitute"]
        );
        assert_eq!(
            quoted("le terme « enfant prostitué » est"),
            [" enfant prostitué "]
        );
        assert_eq!(
            quoted("der Begriff „Kinderprostitution“ ist"),
            ["Kinderprostitution"]
        );
        assert_eq!(
            quoted("der Begriff »Kinderprostitution« ist"),
            ["Kinderprostitution"]
        );
        assert_eq!(
            quoted("the term 'child prostitute' is"),
            ["child prostitute"]
        );
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
    fn nested_quotes() {
        assert_eq!(quoted("“he called it ‘child porn’ then”").len(), 2);
    }
}
