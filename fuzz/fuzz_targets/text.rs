//! Fuzzes plain-text decoding and the checklist's text parsers over the decoded text:
//! provisions must cover the text in order on character boundaries, ages must lie inside it,
//! citations must start with their provision's label, countries must be country codes.
//!
//! Seed it with the sample corpus:
//! `mkdir -p corpus/text && cp ../corpora/*/*.txt ../corpora/*/*/*.txt ../corpora/*/*.md corpus/text/`
//! then `cargo fuzz run text corpus/text -- -timeout=5 -max_len=65536`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use luxlint::checklist::DocKind;
use luxlint::checklist::ages::under_ages;
use luxlint::checklist::country::{from_un_symbol, from_un_title, is_country_code};
use luxlint::checklist::kind::detect;
use luxlint::checklist::segment::{cite, segment};
use luxlint::extract::text::decode;
use luxlint::text::normalize_str;

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn check_ages(text: &str) {
    let ages = under_ages(text);
    assert!(ages.windows(2).all(|w| w[0].0.start <= w[1].0.start), "ages sorted by start");
    for (r, v) in &ages {
        assert!(r.start < r.end && r.end <= text.len(), "age range {r:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "age range {r:?} splits a character");
        assert!((1..=25).contains(v), "age {v}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = decode(data) else { return };
    for kind in [DocKind::Law, DocKind::Policy, DocKind::UnReport] {
        let provisions = segment(&text, kind);
        // One provision at least, covering the text from 0 to its end without gaps or overlaps.
        assert!(!provisions.is_empty());
        let mut at = 0;
        for p in &provisions {
            assert_eq!(p.range.start, at, "{kind:?}: provisions are contiguous");
            assert!(p.range.start < p.range.end || text.is_empty(), "{kind:?}: empty provision {:?}", p.range);
            assert!(text.is_char_boundary(p.range.end), "{kind:?}: {:?} splits a character", p.range);
            assert!(!p.label.is_empty(), "{kind:?}: provision without a label");
            at = p.range.end;
            let r = &p.range;
            for offset in [r.start, floor_boundary(&text, r.start + (r.end - r.start) / 2), r.end] {
                assert!(cite(&text, p, offset).starts_with(&p.label), "a citation starts with its label");
            }
        }
        assert_eq!(at, text.len(), "{kind:?}: provisions reach the end");
        let _ = detect(&text, &provisions);
    }
    // Ages are read from normalised text, but raw text must not panic either.
    check_ages(&text);
    check_ages(&normalize_str(&text));
    for code in [from_un_symbol(&text), from_un_title(&text)].into_iter().flatten() {
        assert!(is_country_code(&code), "{code:?} is a country code");
    }
});
