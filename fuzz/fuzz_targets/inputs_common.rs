//! Checks shared by the Markdown, HTML and office fuzz targets: a document any extractor
//! returns must be consistent, and normalising it with its marks must map back inside the
//! text. (The matcher is left out: its automata are built lazily, on the first text of each
//! script, which under the sanitizers takes longer than the fuzzer's time limit.)

use luxlint::extract::Document;
use luxlint::text::normalize_marked;

/// Sorted, non-overlapping, non-empty ranges on character boundaries of `text`.
fn check_ranges<'a>(text: &str, ranges: impl Iterator<Item = &'a std::ops::Range<usize>>, what: &str) {
    let mut last_end = 0;
    for r in ranges {
        assert!(r.start >= last_end && r.start < r.end && r.end <= text.len(), "{what}: {r:?} after {last_end}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{what}: {r:?} splits a character");
        last_end = r.end;
    }
}

pub fn check(doc: &Document) {
    let text = doc.text.as_str();
    check_ranges(text, doc.masks.iter(), "masks");
    check_ranges(text, doc.substitutions.iter().map(|(r, _)| r), "substitutions");
    check_ranges(text, doc.quotations.iter(), "quotations");
    for (r, _) in &doc.substitutions {
        assert!(!doc.masks.iter().any(|m| m.start < r.end && r.start < m.end), "a substitution overlaps a mask");
    }
    let norm = normalize_marked(text, &doc.marks());
    let n = norm.text.len();
    for (start, end) in [(0, n), (0, n / 2), (n / 3, n), (n / 4, n / 2)] {
        if !(norm.text.is_char_boundary(start) && norm.text.is_char_boundary(end)) {
            continue;
        }
        let r = norm.source_range(start..end);
        assert!(r.start <= r.end && r.end <= text.len(), "{start}..{end} maps to {r:?}");
    }
}
