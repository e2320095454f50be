//! Build-time work on the embedded rule data, so that start-up does none of it:
//! - lists every checklist item file of `rules/checklists/` (adding an item is adding a file);
//! - expands and normalises every phrase of the built-in terminology rules, and derives the
//!   literal triggers of their regex patterns, with the very same code the library uses at run
//!   time (compiled in here with `#[path]`). The library checks each cached entry against the
//!   rule as parsed and falls back to computing it when they differ.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/text/offset_map.rs"]
mod offset_map;

#[allow(dead_code)]
#[path = "src/text/normalize.rs"]
mod normalize;

#[allow(dead_code)]
#[path = "src/rules/expand.rs"]
mod expand;

#[allow(dead_code)]
#[path = "src/matcher/trigger.rs"]
mod trigger;

fn main() {
    // A position-dependent executable needs no start-up relocations (a PIE of this size has
    // ~30,000, a measurable share of linting one short draft).
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=src/text/normalize.rs");
    println!("cargo::rerun-if-changed=src/text/offset_map.rs");
    println!("cargo::rerun-if-changed=src/rules/expand.rs");
    println!("cargo::rerun-if-changed=src/matcher/trigger.rs");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    write(&Path::new(&out_dir).join("checklist_files.rs"), &checklist_files());
    write(&Path::new(&out_dir).join("term_cache.rs"), &term_cache());
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

fn toml_files(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn checklist_files() -> String {
    let mut code = String::from("&[\n");
    for n in toml_files("rules/checklists") {
        let _ = writeln!(
            code,
            "    (\"rules/checklists/{n}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/checklists/{n}\"))),"
        );
    }
    code.push(']');
    code
}

fn strings(v: Option<&toml::Value>) -> Vec<String> {
    v.and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// All cached strings, concatenated: the generated tables hold offsets into it rather than
/// `&str`s, which would each cost a relocation when the binary starts.
#[derive(Default)]
struct Blob {
    text: String,
    seen: std::collections::HashMap<String, (usize, usize)>,
}

impl Blob {
    fn span(&mut self, s: &str) -> String {
        let (a, b) = *self.seen.entry(s.to_string()).or_insert_with(|| {
            let a = self.text.len();
            self.text.push_str(s);
            (a, self.text.len())
        });
        format!("({a},{b})")
    }

    fn list(&mut self, v: &[String]) -> String {
        format!("&[{}]", v.iter().map(|s| self.span(s)).collect::<Vec<_>>().join(","))
    }
}

/// Expands and normalises like `rules::load::parse_term_file`; `None` if a phrase is malformed
/// (the loader then reports it with its line).
fn expand_all(phrases: &[String], dedup: bool) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in phrases {
        for form in expand::expand_braces(p, 4096).ok()? {
            let n = normalize::normalize_str(&form);
            if dedup {
                if n.is_empty() {
                    return None;
                }
                if seen.insert(n.clone()) {
                    out.push(n);
                }
            } else if !n.is_empty() {
                out.push(n);
            }
        }
    }
    Some(out)
}

fn term_cache() -> String {
    let mut blob = Blob::default();
    let mut code = String::from("pub static TERM_CACHE: &[CachedRule] = &[\n");
    for name in toml_files("rules/terms") {
        let path = format!("rules/terms/{name}");
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let Ok(doc) = text.parse::<toml::Table>() else { continue };
        let Some(rules) = doc.get("rule").and_then(toml::Value::as_array) else { continue };
        for r in rules {
            let Some(id) = r.get("id").and_then(toml::Value::as_str) else { continue };
            let phrases = strings(r.get("phrases"));
            let allow = strings(r.get("allow"));
            let patterns = strings(r.get("patterns"));
            let (Some(expanded), Some(allow_expanded)) = (expand_all(&phrases, true), expand_all(&allow, false)) else {
                continue;
            };
            let mut compiled = Vec::new();
            let mut triggers = Vec::new();
            for p in &patterns {
                let c = expand::ascii_word_boundaries(p);
                let t = match trigger::derive(&c) {
                    Some(t) => format!(
                        "Some(CachedTrigger {{ suffix: {}, literals: {}, max_len: {:?} }})",
                        t.side == trigger::Side::Suffix,
                        blob.list(&t.literals),
                        t.max_len
                    ),
                    None => "None".to_string(),
                };
                triggers.push(t);
                compiled.push(c);
            }
            let line = format!(
                "    CachedRule {{ id: {}, phrases: {}, allow: {}, patterns: {}, expanded: {}, allow_expanded: {}, compiled: {}, triggers: &[{}] }},",
                blob.span(id),
                blob.list(&phrases),
                blob.list(&allow),
                blob.list(&patterns),
                blob.list(&expanded),
                blob.list(&allow_expanded),
                blob.list(&compiled),
                triggers.join(", ")
            );
            let _ = writeln!(code, "{line}");
        }
    }
    code.push_str("];\n");
    let _ = writeln!(code, "pub static BLOB: &str = {:?};", blob.text);
    code
}
