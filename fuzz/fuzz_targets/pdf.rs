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
    assert!(doc.page_starts.is_some(), "PDF documents have page starts");
    if let Some(problem) = doc.consistency_error() {
        panic!("inconsistent document: {problem}");
    }
});
