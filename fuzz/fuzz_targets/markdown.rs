//! Fuzzes the Markdown path: any bytes give a document or an error, never a panic, and the
//! document's masks, substitutions and quotations are consistent.
//! `cargo fuzz run markdown -- -timeout=5 -max_len=65536`

#![no_main]

#[path = "inputs_common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use luxlint::extract::{Format, Limits, extract};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = extract(data, Format::Markdown, &Limits::default()) {
        common::check(&doc);
    }
});
