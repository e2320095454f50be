//! Fuzzes the baseline (JSON) and manifest (CSV) parsers with the same text: any input gives a
//! value or an error, never a panic, and an error names the file and a line of the text (or the
//! one after its end).
//!
//! Seed it with one file of each:
//! `mkdir -p corpus/data_files && printf 'path,country,kind,year\nlaws/a.txt,br,law,2008\nplan.txt,,policy,\n' > corpus/data_files/manifest.csv`
//! `printf '{"schema_version":1,"tool":"luxlint","findings":[{"path":"a.txt","rule":"en.minor","matched":"minor","fingerprint":"00ff"}]}\n' > corpus/data_files/baseline.json`
//! then `cargo fuzz run data_files corpus/data_files -- -timeout=5`.

#![no_main]

#[path = "errors_common.rs"]
mod errors_common;

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use luxlint::baseline::Baseline;
use luxlint::checklist::country::Manifest;

const FILE: &str = "fuzz.data";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    errors_common::check(FILE, text, Baseline::parse(FILE, text));
    errors_common::check(FILE, text, Manifest::parse(FILE, text, Path::new("/base")));
});
