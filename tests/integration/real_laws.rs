//! `luxlint check` over the real laws and treaties of `../shared/corpora` (skipped when absent)
//! against our own reading of them (`tests/real_laws_reading.toml`): every item must agree, or
//! the difference must be recorded there with a verdict; a recorded difference that no longer
//! occurs fails too, so the file stays true.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reading {
    document: Vec<DocumentReading>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentReading {
    path: String,
    met: Vec<String>,
    partial: Vec<String>,
    #[serde(default)]
    difference: Vec<Difference>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Difference {
    item: String,
    luxlint: String,
    verdict: String,
    why: String,
}

fn ours(doc: &DocumentReading, item: &str) -> &'static str {
    if doc.met.iter().any(|i| i == item) {
        "met"
    } else if doc.partial.iter().any(|i| i == item) {
        "partial"
    } else {
        "absent"
    }
}

#[test]
fn real_laws_agree_with_our_reading_except_the_recorded_differences() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpora = root.join("../shared/corpora");
    if !corpora.join("laws").is_dir() || !corpora.join("treaties").is_dir() {
        println!("skipped: {} is absent", corpora.display());
        return;
    }
    let text = std::fs::read_to_string(root.join("tests/real_laws_reading.toml")).unwrap();
    let reading: Reading = toml::from_str(&text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_luxlint"))
        .current_dir(&corpora)
        .args(["check", "--no-config", "--format", "json", "laws", "treaties"])
        .output()
        .expect("run luxlint");
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check prints JSON");
    let mut statuses: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for doc in got["documents"].as_array().unwrap() {
        let items = doc["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| (i["id"].as_str().unwrap().to_string(), i["status"].as_str().unwrap().to_string()));
        statuses.insert(doc["path"].as_str().unwrap().to_string(), items.collect());
    }
    let mut problems = Vec::new();
    let (mut agree, mut total) = (0, 0);
    for doc in &reading.document {
        let Some(got) = statuses.remove(&doc.path) else {
            problems.push(format!("{}: not checked (renamed or removed?)", doc.path));
            continue;
        };
        for d in &doc.difference {
            assert!(
                ["judgement", "luxlint_misses"].contains(&d.verdict.as_str()),
                "{}: verdict {}",
                doc.path,
                d.verdict
            );
            assert!(!d.why.trim().is_empty(), "{} {}: say why", doc.path, d.item);
        }
        for n in 1..=24 {
            let item = format!("CL-{n:02}");
            let (want, have) = (ours(doc, &item), got.get(&item).map_or("missing", String::as_str));
            total += 1;
            let recorded = doc.difference.iter().find(|d| d.item == item);
            match recorded {
                None if want == have => agree += 1,
                None => {
                    problems.push(format!("{} {item}: luxlint {have}, our reading {want} (not recorded)", doc.path))
                }
                Some(_) if want == have => {
                    problems.push(format!("{} {item}: now agrees ({have}); remove the recorded difference", doc.path))
                }
                Some(d) if d.luxlint != have => {
                    problems.push(format!("{} {item}: luxlint {have}, recorded as {}", doc.path, d.luxlint))
                }
                Some(_) => {}
            }
        }
    }
    for path in statuses.keys() {
        problems.push(format!("{path}: no reading recorded"));
    }
    println!("real laws: luxlint agrees with our reading on {agree} of {total} items");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
