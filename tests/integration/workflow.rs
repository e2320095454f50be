//! Editorial and CI workflow: baselines survive edits elsewhere in a document.

use std::process::Command;

fn luxlint(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_luxlint")).current_dir(dir).args(args).output().expect("run luxlint");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn counted_findings(jsonl: &str) -> Vec<String> {
    jsonl
        .lines()
        .filter(|l| l.contains("\"type\":\"finding\"") && l.contains("\"exempt\":null"))
        .map(|l| l.to_string())
        .collect()
}

#[test]
fn baseline_round_trip_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("report.txt");
    let original = "Introduction.\n\nPolice found child porn on a laptop.\nThe teen prostitution case was closed.\n";
    std::fs::write(&doc, original).unwrap();
    let (code, out) = luxlint(
        dir.path(),
        &["scan", "--no-config", "--format", "jsonl", "--write-baseline", "base.json", "report.txt"],
    );
    assert_eq!(code, 1, "{out}");
    assert_eq!(counted_findings(&out).len(), 2);
    let base = std::fs::read_to_string(dir.path().join("base.json")).unwrap();
    assert!(base.contains("\"fingerprint\""), "{base}");

    // An unrelated edit: lines inserted above and text changed elsewhere.
    let edited = format!("A new first paragraph.\nAnother line.\n\n{original}Closing remarks added later.\n");
    std::fs::write(&doc, &edited).unwrap();
    let (code, out) =
        luxlint(dir.path(), &["scan", "--no-config", "--format", "jsonl", "--baseline", "base.json", "report.txt"]);
    assert!(counted_findings(&out).is_empty(), "edits elsewhere must not make baselined findings new:\n{out}");
    assert_eq!(code, 0);

    // A new occurrence is reported, and only it.
    std::fs::write(&doc, format!("{edited}A second case of child porn was found.\n")).unwrap();
    let (code, out) =
        luxlint(dir.path(), &["scan", "--no-config", "--format", "jsonl", "--baseline", "base.json", "report.txt"]);
    let new = counted_findings(&out);
    assert_eq!(new.len(), 1, "{out}");
    assert!(new[0].contains("\"line\":9"), "{}", new[0]);
    assert_eq!(code, 1);
}

#[test]
fn a_bad_baseline_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "child porn\n").unwrap();
    std::fs::write(dir.path().join("base.json"), "{\"not\": \"a baseline\"}").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_luxlint"))
        .current_dir(dir.path())
        .args(["scan", "--no-config", "--baseline", "base.json", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("base.json"));
}

#[test]
fn a_bad_sidecar_is_a_usage_error_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "child porn\n").unwrap();
    std::fs::write(dir.path().join("a.txt.luxlint-ignore"), "[[ignore]]\nrule = \"en.minor\"\nmatch = \"x\"\n")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_luxlint"))
        .current_dir(dir.path())
        .args(["scan", "--no-config", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a.txt.luxlint-ignore:3"), "{err}");
}
