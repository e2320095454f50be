//! The sample corpus (`corpora/`): `luxlint check` must give each document the kind, country and
//! item statuses that `tests/checklist_expected.toml` records from a careful reading of it, and
//! `luxlint diff` of the two versions of Avalon's Act must show its gains.

use std::collections::BTreeMap;
use std::process::Command;

use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    document: Vec<ExpectedDocument>,
}

#[derive(Deserialize)]
struct ExpectedDocument {
    path: String,
    kind: String,
    country: String,
    items: BTreeMap<String, String>,
}

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check_json(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_luxlint")).current_dir(root()).args(args).output().expect("run luxlint");
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("check prints JSON")
}

#[test]
fn sample_corpus_gets_the_statuses_a_careful_reading_gives() {
    let text = std::fs::read_to_string(root().join("tests/checklist_expected.toml")).unwrap();
    let expected: Expected = toml::from_str(&text).unwrap();
    let paths: Vec<&str> = expected.document.iter().map(|d| d.path.as_str()).collect();
    let mut args = vec!["check", "--no-config", "--format", "json"];
    args.extend(&paths);
    let got = check_json(&args);
    let docs = got["documents"].as_array().unwrap();
    let mut mismatches = Vec::new();
    for exp in &expected.document {
        let doc =
            docs.iter().find(|d| d["path"] == exp.path.as_str()).unwrap_or_else(|| panic!("{} not checked", exp.path));
        assert!(doc["error"].is_null(), "{}: {}", exp.path, doc["error"]);
        if doc["kind"] != exp.kind.as_str() {
            mismatches.push(format!("{}: kind {} (expected {})", exp.path, doc["kind"], exp.kind));
        }
        if doc["country"] != exp.country.as_str() {
            mismatches.push(format!("{}: country {} (expected {})", exp.path, doc["country"], exp.country));
        }
        for item in doc["items"].as_array().unwrap() {
            let id = item["id"].as_str().unwrap();
            let status = item["status"].as_str().unwrap();
            match exp.items.get(id) {
                Some(want) if want != status => {
                    let sections: Vec<&str> =
                        item["evidence"].as_array().unwrap().iter().filter_map(|e| e["section"].as_str()).collect();
                    mismatches.push(format!("{} {id}: {status} {sections:?} (expected {want})", exp.path));
                }
                Some(_) => {}
                None => mismatches.push(format!("{} {id}: no expected status recorded", exp.path)),
            }
        }
    }
    assert!(mismatches.is_empty(), "{} mismatches:\n{}", mismatches.len(), mismatches.join("\n"));
}

#[test]
fn countries_roll_up_to_indicators() {
    let got = check_json(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "corpora/laws/XA",
        "corpora/policy/XA",
        "corpora/un/XA",
    ]);
    let countries = got["countries"].as_array().unwrap();
    assert_eq!(countries.len(), 1);
    let xa = &countries[0];
    assert_eq!(xa["country"], "XA");
    assert_eq!(xa["documents"].as_array().unwrap().len(), 4);
    for ind in ["O1.a", "O1.b", "O1.c"] {
        let i = &xa["indicators"][ind];
        assert!(i["summary"].as_str().is_some_and(|s| !s.is_empty()), "{ind}");
        assert!(!i["items"].as_array().unwrap().is_empty(), "{ind} lists its items");
    }
    assert_eq!(xa["indicators"]["O1.c"]["met"], 1, "the concluding observations discuss SEC");
    // A country's status is the best over its documents, with the documents it comes from.
    let cl07 = xa["items"].as_array().unwrap().iter().find(|i| i["id"] == "CL-07").unwrap();
    assert_eq!(cl07["status"], "met");
    assert_eq!(cl07["documents"][0], "corpora/laws/XA/children-protection-act-2022.txt");
}

#[test]
fn diff_shows_the_strengthened_act() {
    let out = Command::new(env!("CARGO_BIN_EXE_luxlint"))
        .current_dir(root())
        .args([
            "diff",
            "--no-config",
            "--format",
            "json",
            "corpora/laws/XA/children-protection-act-2015.txt",
            "corpora/laws/XA/children-protection-act-2022.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let diff: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(diff["schema_version"], 1);
    let changes = diff["changes"].as_array().unwrap();
    let gained: Vec<&str> =
        changes.iter().filter(|c| c["direction"] == "gained").filter_map(|c| c["id"].as_str()).collect();
    for id in ["CL-01", "CL-07", "CL-11"] {
        assert!(gained.contains(&id), "{id} should be gained; gained: {gained:?}");
    }
    for c in changes {
        assert!(["gained", "lost", "changed"].contains(&c["direction"].as_str().unwrap()));
        if c["direction"] == "gained" {
            assert!(!c["new_evidence"].as_array().unwrap().is_empty(), "{c}");
        }
    }
    assert!(!changes.iter().any(|c| c["direction"] == "lost"), "nothing was weakened");
}

/// Broke: evidence was cited at the start of the cue span, so "knowingly obtaining access … to
/// child sexual abuse material" in (f) was cited as (e), where the nearest mention of the
/// material sat. The citation now follows the conduct cue.
#[test]
fn evidence_is_cited_at_the_sub_paragraph_of_the_conduct() {
    let text = "Article 9\nEach State shall ensure that the following conduct is criminalised:\n\
                (e) keeping child sexual abuse material;\n\
                (f) knowingly obtaining access, by means of a computer network, to child sexual abuse material.\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_luxlint"))
        .args(["check", "--no-config", "--kind", "law", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run luxlint");
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check prints JSON");
    let item = got["documents"][0]["items"].as_array().unwrap().iter().find(|i| i["id"] == "CL-08").unwrap().clone();
    assert_eq!(item["status"], "met");
    assert_eq!(item["evidence"][0]["section"], "Art. 9(f)");
}
