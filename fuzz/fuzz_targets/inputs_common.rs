//! Checks shared by the Markdown, HTML and office fuzz targets: a document any extractor
//! returns must be consistent, and normalising it with its marks must map back inside the
//! text. (The matcher is left out: its automata are built lazily, on the first text of each
//! script, which under the sanitizers takes longer than the fuzzer's time limit.)

use luxlint::extract::Document;
use luxlint::text::normalize_marked;

pub fn check(doc: &Document) {
    if let Some(problem) = doc.consistency_error() {
        panic!("inconsistent document: {problem}");
    }
    let text = doc.text.as_str();
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
