//! Fuzzes the DOCX and ODT paths. The first byte chooses what the rest is: a whole package
//! (DOCX or ODT), or the XML of the main part (`word/document.xml`, `content.xml`) put into a
//! package here, so that the fuzzer reaches the XML readers without having to find the ZIP
//! format by itself. Any input gives a document or an error, never a panic or a hang.
//! `cargo fuzz run docx -- -timeout=5 -max_len=262144`

#![no_main]

#[path = "inputs_common.rs"]
mod common;

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use luxlint::extract::{Format, Limits, extract};
use zip::write::SimpleFileOptions;

fn package(part: &str, xml: &[u8]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file(part, SimpleFileOptions::default()).expect("in-memory zip");
    z.write_all(xml).expect("in-memory zip");
    z.finish().expect("in-memory zip").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let (bytes, format) = match choice % 4 {
        0 => (rest.to_vec(), Format::Docx),
        1 => (rest.to_vec(), Format::Odt),
        2 => (package("word/document.xml", rest), Format::Docx),
        _ => (package("content.xml", rest), Format::Odt),
    };
    let limits = Limits { max_millis: 3_000, max_stream_bytes: 16 << 20, ..Limits::default() };
    if let Ok(doc) = extract(&bytes, format, &limits) {
        common::check(&doc);
    }
});
