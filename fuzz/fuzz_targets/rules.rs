//! Fuzzes the rule-data parsers (term files, exemptions, checklist items and their
//! expressions, `luxlint.toml`) with the same text: any input gives a value or an error, never a
//! panic, and an error names the file and a line of the text (or the one after its end).
//!
//! Seed it with the built-in rule data and a test configuration:
//! `mkdir -p corpus/rules && cp ../rules/*.toml ../rules/*/*.toml corpus/rules/`
//! `cp ../tests/cmd/config.in/luxlint.toml corpus/rules/config.toml`
//! then `cargo fuzz run rules corpus/rules -- -timeout=5 -max_len=65536`.

#![no_main]

#[path = "errors_common.rs"]
mod errors_common;

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use luxlint::checklist::load::{parse_expr, parse_item_file};
use luxlint::config::Config;
use luxlint::rules::load::{parse_exemptions, parse_term_file};

const FILE: &str = "fuzz.toml";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    errors_common::check(FILE, text, parse_term_file(FILE, text));
    errors_common::check(FILE, text, parse_exemptions(FILE, text));
    errors_common::check(FILE, text, parse_item_file(FILE, text));
    errors_common::check(FILE, text, Config::parse(FILE, text, Path::new("/base")));
    // The facet names of the built-in items look like these.
    let facets = ["under_18", "virtual_material", "waiver", "a"].map(String::from);
    let _ = parse_expr(text, &facets);
});
