//! Property tests: offset maps stay consistent through normalisation, and every finding points
//! at exactly the text it reports.

use luxlint::engine::Engine;
use luxlint::extract::{Document, Format};
use luxlint::report::FileReport;
use luxlint::text::{normalize, normalize_str};
use proptest::prelude::*;

use crate::common::line_col;

/// Pieces that exercise every normalisation path: terms, spaces of every kind, hyphens at line
/// ends, soft hyphens, decomposed accents, capitals, Cyrillic, Thai, quotes, ligatures.
const PIECES: &[&str] = &[
    "child",
    " ",
    "  ",
    "\u{a0}",
    "\n",
    "\r\n",
    "\t",
    "-",
    "-\n",
    "- \n ",
    "\u{ad}",
    "\u{200b}",
    "porn",
    "ography",
    "pornogra",
    "phy",
    "PROSTITUTION",
    "prostitu",
    "tion",
    "e\u{301}",
    "É",
    "ß",
    "ẞ",
    "Д",
    "детской",
    "порнографии",
    "ДЕТСКАЯ",
    "สื่อลามกอนาจารเด็ก",
    "เด็ก",
    "“",
    "”",
    "\"",
    "«",
    "»",
    "’",
    "'",
    "ﬁ",
    "15",
    "year",
    "old",
    "prostitute",
    "kinder",
    "pornografie",
    "pédo",
    "Kinderpornografie",
    "x",
    ".",
    ",",
    "sex",
    "tourism",
    "the term",
    "means",
    "minor",
    "İ",
    "ς",
    "ё",
    "\u{3000}",
    "Act",
    "Child",
    "Pornography",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..48).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn offset_map_is_monotonic_and_lands_on_char_boundaries(text in text_strategy()) {
        let n = normalize(&text, &[]);
        let mut last_start = 0;
        for (p, _) in n.text.char_indices().chain(std::iter::once((n.text.len(), ' '))) {
            let r = n.source_range(p..n.text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert!(r.start <= r.end && r.end <= text.len());
            if p < n.text.len() {
                prop_assert!(r.start >= last_start, "map_start must not go backwards");
                last_start = r.start;
            }
        }
    }

    #[test]
    fn normalising_the_source_of_a_range_gives_the_range(text in text_strategy()) {
        let n = normalize(&text, &[]);
        let words: Vec<(usize, &str)> = n.text.split(' ').scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        }).filter(|(_, w)| !w.is_empty()).collect();
        for (at, w) in words {
            let src = n.source_range(at..at + w.len());
            prop_assert_eq!(normalize_str(&text[src.clone()]), w.to_string(), "source {:?}", &text[src]);
        }
    }

    #[test]
    fn findings_report_exactly_their_slice(text in text_strategy()) {
        let engine = Engine::builtin().unwrap();
        let doc = Document::from_text(text.clone());
        let scan = engine.scan(&doc);
        let report = FileReport::from_scan("p".into(), Format::Text, &doc, &scan, engine);
        let mut last_end = 0;
        for f in &report.findings {
            let s = &f.span;
            prop_assert!(s.byte_start >= last_end, "findings must not overlap");
            last_end = s.byte_end;
            prop_assert_eq!(&text[s.byte_start..s.byte_end], f.matched.as_str());
            prop_assert_eq!(line_col(&text, s.byte_start), (s.line, s.column));
            prop_assert_eq!(line_col(&text, s.byte_end), (s.end_line, s.end_column));
        }
        for f in &scan.findings {
            prop_assert_eq!(normalize_str(&text[f.range.clone()]), scan.normalized.text[f.norm_range.clone()].to_string());
        }
    }
}
