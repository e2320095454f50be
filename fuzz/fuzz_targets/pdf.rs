//! Fuzzes the PDF path: any bytes must give text or an error, without panicking or hanging
//! (run it with `-timeout=5`), and the text must agree with its page starts and masks.
//!
//! Seed it with real and hostile files:
//! `mkdir -p corpus/pdf && cp ../../shared/corpora/pdf/{hostile,real}/*.pdf corpus/pdf/`
//! then `cargo fuzz run pdf corpus/pdf -- -timeout=5 -rss_limit_mb=2048 -max_len=262144`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use luxlint::extract::Limits;
use luxlint::extract::pdf::extract_here;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_millis: 3_000, max_stream_bytes: 16 << 20, ..Limits::default() };
    // On the calling thread, so that a hang is seen by the fuzzer rather than left behind.
    let Ok(doc) = extract_here(data, &limits) else {
        return;
    };
    let starts = doc.page_starts.as_deref().expect("PDF documents have page starts");
    assert!(!starts.is_empty());
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "page starts increase");
    assert!(starts.iter().all(|&s| s <= doc.text.len() && doc.text.is_char_boundary(s)));
    let mut last_end = 0;
    for m in &doc.masks {
        assert!(m.start >= last_end && m.start < m.end && m.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(m.start) && doc.text.is_char_boundary(m.end));
        last_end = m.end;
    }
    assert!(doc.page_errors.iter().all(|(p, _)| *p >= 1 && *p <= starts.len()));
});
