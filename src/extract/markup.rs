//! Helpers shared by the markup formats (Markdown, HTML) whose document text is the source
//! itself: the prose ranges a parser found become the only unmasked text, bare URLs inside
//! them are masked too, and nested quotation ranges are merged.

use std::ops::Range;

/// Sorts ranges and merges those that overlap or touch; empty ranges are dropped.
pub(crate) fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| r.start < r.end);
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The parts of `0..len` outside `prose` (sorted, merged): what the normaliser must read as a
/// line break.
pub(crate) fn complement(prose: &[Range<usize>], len: usize) -> Vec<Range<usize>> {
    let mut masks = Vec::with_capacity(prose.len() + 1);
    let mut at = 0;
    for r in prose {
        if r.start > at {
            masks.push(at..r.start.min(len));
        }
        at = at.max(r.end);
    }
    if at < len {
        masks.push(at..len);
    }
    masks
}

/// Whether `r` is a non-empty range of `text` on character boundaries.
pub(crate) fn valid(text: &str, r: &Range<usize>) -> bool {
    r.start < r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
}

/// Removes the bare URLs (`https://…`, `www.…`, `mailto:…`) from each prose range, so that an
/// address that happens to contain a listed phrase is never reported.
pub(crate) fn without_urls(text: &str, prose: Vec<Range<usize>>) -> Vec<Range<usize>> {
    // One search over the whole text (prose comes in many small pieces), then each piece loses
    // the addresses that fall in it.
    let urls: Vec<Range<usize>> = if text.contains("://")
        || text.contains("www.")
        || text.contains("WWW.")
        || text.contains("mailto:")
        || text.contains("MAILTO:")
    {
        url_ranges(text)
    } else {
        Vec::new()
    };
    if urls.is_empty() {
        return prose;
    }
    let mut out = Vec::with_capacity(prose.len());
    let mut u = 0;
    for r in prose {
        while u < urls.len() && urls[u].end <= r.start {
            u += 1;
        }
        let mut at = r.start;
        let mut k = u;
        while k < urls.len() && urls[k].start < r.end {
            let (s, e) = (urls[k].start.max(r.start), urls[k].end.min(r.end));
            if s > at {
                out.push(at..s);
            }
            at = at.max(e);
            k += 1;
        }
        if at < r.end {
            out.push(at..r.end);
        }
    }
    out
}

/// Where a bare URL may start: every `://`, `www.` and `mailto:`, found from the `:` and `.` of
/// the text in one pass, then checked.
fn url_starts(s: &str) -> Vec<usize> {
    let bytes = s.as_bytes();
    let mut starts = Vec::new();
    let lower_at =
        |i: usize, p: &str| bytes.len() >= i + p.len() && bytes[i..i + p.len()].eq_ignore_ascii_case(p.as_bytes());
    // One pass for every marker: each one has a ':' or '.' at a fixed place.
    for at in memchr::memchr2_iter(b':', b'.', bytes) {
        if bytes[at] == b'.' {
            if at >= 3 && bytes[at - 3..at].eq_ignore_ascii_case(b"www") {
                starts.push(at - 3);
            }
            continue;
        }
        if at >= 6 && bytes[at - 6..at].eq_ignore_ascii_case(b"mailto") {
            starts.push(at - 6);
            continue;
        }
        if !bytes[at + 1..].starts_with(b"//") {
            continue;
        }
        // The scheme is the run of ASCII letters just before.
        let scheme_start = bytes[..at].iter().rposition(|b| !b.is_ascii_alphabetic()).map_or(0, |p| p + 1);
        if ["https://", "http://", "ftp://"]
            .iter()
            .any(|p| lower_at(scheme_start, p) && scheme_start + p.len() == at + 3)
        {
            starts.push(scheme_start);
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// Byte ranges of bare URLs in `s`.
pub(crate) fn url_ranges(s: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for i in url_starts(s) {
        if out.last().is_some_and(|r| i < r.end) {
            continue;
        }
        if s[..i].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let mut end = i;
        for (off, c) in s[i..].char_indices() {
            if c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '|') {
                break;
            }
            end = i + off + c.len_utf8();
        }
        // Trailing sentence punctuation is not part of the address; a closing parenthesis is
        // when the address opened one ("…/Foo_(bar)").
        while let Some(last) = s[i..end].chars().next_back() {
            let trim = match last {
                '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | ']' | '}' => true,
                ')' => s[i..end].matches('(').count() < s[i..end].matches(')').count(),
                _ => false,
            };
            if !trim {
                break;
            }
            end -= last.len_utf8();
        }
        out.push(i..end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sorts_and_joins() {
        assert_eq!(merge(vec![5..9, 0..2, 1..3, 9..9, 8..12]), vec![0..3, 5..12]);
    }

    #[test]
    fn complement_covers_the_rest() {
        assert_eq!(complement(&[2..4, 6..8], 10), vec![0..2, 4..6, 8..10]);
        assert_eq!(complement(&[0..4, 4..10], 10), Vec::<Range<usize>>::new());
        assert_eq!(complement(&[], 3), vec![0..3]);
    }

    #[test]
    fn finds_bare_urls() {
        let s = "see https://example.org/a_(b). and www.x.org, or mailto:a@b.c!";
        let got: Vec<&str> = url_ranges(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(got, ["https://example.org/a_(b)", "www.x.org", "mailto:a@b.c"]);
        assert!(url_ranges("somewhere http is fine; awww.").is_empty());
    }

    #[test]
    fn urls_are_cut_out_of_prose() {
        let s = "a http://x.org/child-porn b";
        let whole = std::iter::once(0..s.len()).collect();
        assert_eq!(without_urls(s, whole), vec![0..2, 25..27]);
    }
}
