//! The JSON contract (schema v1), checked from the consumer's side: the output of the binary is
//! decoded into types written here independently of the crate's own, with unknown fields
//! rejected, and every promise of the contract is checked on real output.

// The mirror types exist to check the shape of the output; not every field is read.
#![allow(dead_code, clippy::large_enum_variant)]

use std::path::PathBuf;
use std::process::Command;

use serde::Deserialize;

use crate::common::line_col;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Output {
    schema_version: u32,
    tool: Tool,
    files: Vec<File>,
    summary: Summary,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tool {
    name: String,
    version: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    path: String,
    format: Option<String>,
    pages: Option<u64>,
    encoding: Option<String>,
    error: Option<FileError>,
    findings: Vec<Finding>,
    /// Present only when some pages of a paged document could not be read.
    #[serde(default)]
    page_errors: Vec<PageError>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageError {
    page: u64,
    message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileError {
    kind: String,
    message: String,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Finding {
    rule: String,
    category: String,
    level: String,
    severity: String,
    language: String,
    matched: String,
    message: String,
    suggestions: Vec<String>,
    reference: String,
    indicators: Vec<String>,
    exempt: Option<String>,
    span: Span,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Span {
    byte_start: usize,
    byte_end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    page: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    files: usize,
    files_with_errors: usize,
    findings: Counts,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct Counts {
    avoid: usize,
    caution: usize,
    exempt: usize,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
enum Line {
    Finding {
        path: String,
        rule: String,
        category: String,
        level: String,
        severity: String,
        language: String,
        matched: String,
        message: String,
        suggestions: Vec<String>,
        reference: String,
        indicators: Vec<String>,
        exempt: Option<String>,
        span: Span,
    },
    Error {
        path: String,
        format: Option<String>,
        error: FileError,
    },
    Summary {
        files: usize,
        files_with_errors: usize,
        findings: Counts,
    },
}

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_luxlint"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_json(args: &[&str]) -> (Output, Vec<u8>) {
    let out = bin().current_dir(root()).args(args).output().expect("run luxlint");
    assert!(out.status.code().is_some_and(|c| c <= 1), "luxlint failed: {}", String::from_utf8_lossy(&out.stderr));
    let parsed: Output = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("output is not schema v1: {e}\n{}", String::from_utf8_lossy(&out.stdout)));
    (parsed, out.stdout)
}

/// The text `luxlint extract` prints for a file.
fn extracted(path: &str) -> String {
    let out = bin().current_dir(root()).args(["extract", path]).output().expect("run luxlint extract");
    assert!(out.status.success(), "extract {path} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("extract prints UTF-8")
}

fn check_contract(o: &Output) {
    assert_eq!(o.schema_version, 1);
    assert_eq!(o.tool.name, "luxlint");
    assert!(!o.tool.version.is_empty());
    let paths: Vec<&str> = o.files.iter().map(|f| f.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "files must be sorted by path");
    let mut counts = Counts { avoid: 0, caution: 0, exempt: 0 };
    let mut with_errors = 0;
    for f in &o.files {
        if let Some(e) = &f.error {
            with_errors += 1;
            assert!(
                ["unreadable", "encrypted", "no_text_layer", "malformed", "too_large", "unsupported_format"]
                    .contains(&e.kind.as_str()),
                "{}: unknown error kind {}",
                f.path,
                e.kind
            );
            assert!(!e.message.is_empty());
            assert!(f.findings.is_empty());
        }
        if let Some(fmt) = &f.format {
            assert!(["text", "pdf", "markdown", "html", "docx", "odt"].contains(&fmt.as_str()), "format {fmt}");
        }
        assert!(f.encoding.as_deref().is_none_or(|e| !e.is_empty()));
        assert_eq!(
            f.pages.is_some(),
            f.format.as_deref() == Some("pdf") && f.error.is_none(),
            "{}: pages only for paged formats",
            f.path
        );
        let starts: Vec<usize> = f.findings.iter().map(|x| x.span.byte_start).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{}: findings must be sorted by byte_start", f.path);
        for x in &f.findings {
            assert_eq!(x.category, "terminology");
            assert!(["avoid", "caution"].contains(&x.level.as_str()));
            assert!(["error", "warning", "info"].contains(&x.severity.as_str()));
            assert!(x.rule.starts_with(&format!("{}.", x.language)), "rule id carries its language: {}", x.rule);
            assert!(!x.message.is_empty() && !x.reference.is_empty() && !x.suggestions.is_empty());
            assert!(x.indicators.iter().all(|i| ["O1.a", "O1.b", "O1.c"].contains(&i.as_str())));
            assert!(x.span.byte_start < x.span.byte_end);
            assert!((x.span.line, x.span.column) <= (x.span.end_line, x.span.end_column));
            match x.exempt.as_deref() {
                None if x.level == "avoid" => counts.avoid += 1,
                None => counts.caution += 1,
                Some(reason) => {
                    assert!(["title", "quotation", "suppressed"].contains(&reason), "exempt reason {reason}");
                    counts.exempt += 1;
                }
            }
        }
    }
    assert_eq!(o.summary.files, o.files.len());
    assert_eq!(o.summary.files_with_errors, with_errors);
    assert_eq!(o.summary.findings, counts, "summary counts must add up");
}

#[test]
fn scan_json_keeps_the_contract_on_the_sample_corpus() {
    let (o, _) = run_json(&["scan", "--format", "json", "corpora", "tests/cmd"]);
    check_contract(&o);
    assert!(o.files.len() >= 10, "the sample corpus and fixtures hold many files");
    assert!(o.summary.findings.avoid > 0 && o.summary.findings.exempt > 0);
}

#[test]
fn matched_is_the_extracted_slice_and_line_column_agree() {
    let (o, _) = run_json(&["scan", "--format", "json", "corpora", "tests/cmd"]);
    let mut checked = 0;
    for f in o.files.iter().filter(|f| f.error.is_none() && !f.findings.is_empty()) {
        let text = extracted(&f.path);
        for x in &f.findings {
            assert_eq!(
                &text[x.span.byte_start..x.span.byte_end],
                x.matched,
                "{}: matched must be the slice at its offsets",
                f.path
            );
            assert_eq!(
                line_col(&text, x.span.byte_start),
                (x.span.line, x.span.column),
                "{}: start line/column",
                f.path
            );
            assert_eq!(
                line_col(&text, x.span.byte_end),
                (x.span.end_line, x.span.end_column),
                "{}: end line/column",
                f.path
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} findings checked");
}

#[test]
fn jsonl_carries_the_same_findings_as_json() {
    let (o, _) = run_json(&["scan", "--format", "json", "corpora"]);
    let out = bin().current_dir(root()).args(["scan", "--format", "jsonl", "corpora"]).output().unwrap();
    let lines: Vec<Line> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect();
    let mut findings = 0;
    let mut summaries = 0;
    for l in &lines {
        match l {
            Line::Finding { path, rule, span, matched, .. } => {
                let file =
                    o.files.iter().find(|f| &f.path == path).expect("path of a finding is a file of the JSON output");
                assert!(
                    file.findings
                        .iter()
                        .any(|x| &x.rule == rule && x.span.byte_start == span.byte_start && &x.matched == matched)
                );
                findings += 1;
            }
            Line::Error { path, .. } => {
                assert!(o.files.iter().any(|f| &f.path == path && f.error.is_some()))
            }
            Line::Summary { files, findings: counts, files_with_errors } => {
                summaries += 1;
                assert_eq!(*files, o.summary.files);
                assert_eq!(*files_with_errors, o.summary.files_with_errors);
                assert_eq!(counts, &o.summary.findings);
            }
        }
    }
    assert_eq!(summaries, 1);
    assert!(matches!(lines.last(), Some(Line::Summary { .. })), "the summary comes last");
    assert_eq!(findings, o.files.iter().map(|f| f.findings.len()).sum::<usize>());
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let mut dirs = vec!["corpora".to_string(), "tests/cmd".to_string()];
    let shared = root().join("../shared/corpora/laws");
    if shared.is_dir() {
        dirs.push(shared.to_string_lossy().into_owned());
    } else {
        eprintln!("note: ../shared/corpora/laws is absent; determinism checked on the project's own corpus only");
    }
    for format in ["json", "jsonl"] {
        let run = |threads: &str| {
            let mut args = vec!["scan", "--format", format, "--threads", threads];
            args.extend(dirs.iter().map(String::as_str));
            bin().current_dir(root()).args(&args).output().unwrap().stdout
        };
        let one = run("1");
        assert!(!one.is_empty());
        for threads in ["2", "8"] {
            assert!(one == run(threads), "{format} output with {threads} threads differs from 1 thread");
        }
    }
}

#[test]
fn empty_batch_is_valid_json() {
    let dir = tempfile::tempdir().unwrap();
    let (o, _) = run_json(&["scan", "--format", "json", dir.path().to_str().unwrap()]);
    check_contract(&o);
    assert!(o.files.is_empty());
}

#[test]
fn path_of_a_file_is_as_given() {
    let (o, _) = run_json(&["scan", "--format", "json", "./corpora/news/en-court-report-draft.txt"]);
    assert_eq!(o.files[0].path, "corpora/news/en-court-report-draft.txt");
}
