//! The CI formats (`sarif`, `github`, `checkstyle`, `csv`) checked from the consumer's side, on
//! the sample corpus and the CLI fixtures: each is parsed back with an independent parser and
//! compared with the JSON output of the same run.
//!
//! SARIF is validated against the official SARIF 2.1.0 JSON schema, vendored as
//! `tests/fixtures/sarif-schema-2.1.0.json` (see `tests/fixtures/README.md`), with remote
//! reference resolution turned off.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_luxlint"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `luxlint scan` in `cwd` and returns standard output.
fn scan(cwd: &Path, args: &[&str]) -> Vec<u8> {
    let out = bin().current_dir(cwd).arg("scan").args(args).output().expect("run luxlint");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "luxlint scan {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The inputs every format is checked on: (folder to run in, paths to scan).
fn inputs() -> Vec<(PathBuf, Vec<&'static str>)> {
    let cmd = root().join("tests/cmd");
    vec![
        (root(), vec!["corpora"]),
        (cmd.join("draft.in"), vec!["."]),
        (cmd.join("errors.in"), vec!["program.bin", "scan.pdf", "notes.txt"]),
        (cmd.join("encodings.in"), vec!["."]),
    ]
}

/// One finding as the JSON output reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    path: String,
    rule: String,
    severity: String,
    level: String,
    matched: String,
    message: String,
    suggestions: Vec<String>,
    exempt: Option<String>,
    /// line, column, end_line, end_column, byte_start, byte_end
    span: [u64; 6],
    page: Option<u64>,
    text_offsets: bool,
}

/// What the JSON output says: the findings and the files that could not be read (path, kind,
/// message), and every file's path.
struct Truth {
    findings: Vec<Expected>,
    errors: Vec<(String, String, String)>,
    files: Vec<String>,
}

fn truth(cwd: &Path, paths: &[&str]) -> Truth {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(paths);
    let json: Value = serde_json::from_slice(&scan(cwd, &args)).expect("JSON output");
    let mut t = Truth { findings: Vec::new(), errors: Vec::new(), files: Vec::new() };
    for file in json["files"].as_array().expect("files") {
        let path = file["path"].as_str().expect("path").to_string();
        t.files.push(path.clone());
        if let Some(e) = file["error"].as_object() {
            t.errors.push((
                path.clone(),
                e["kind"].as_str().expect("kind").into(),
                e["message"].as_str().expect("message").into(),
            ));
        }
        let text_offsets =
            file["encoding"].is_null() && matches!(file["format"].as_str(), Some("text" | "markdown" | "html"));
        for f in file["findings"].as_array().expect("findings") {
            let s = &f["span"];
            let n = |k: &str| s[k].as_u64().expect("span number");
            t.findings.push(Expected {
                path: path.clone(),
                rule: f["rule"].as_str().expect("rule").into(),
                severity: f["severity"].as_str().expect("severity").into(),
                level: f["level"].as_str().expect("level").into(),
                matched: f["matched"].as_str().expect("matched").into(),
                message: f["message"].as_str().expect("message").into(),
                suggestions: f["suggestions"]
                    .as_array()
                    .expect("suggestions")
                    .iter()
                    .map(|x| x.as_str().expect("suggestion").to_string())
                    .collect(),
                exempt: f["exempt"].as_str().map(str::to_string),
                span: [n("line"), n("column"), n("end_line"), n("end_column"), n("byte_start"), n("byte_end")],
                page: s["page"].as_u64(),
                text_offsets,
            });
        }
    }
    t
}

fn with_suggestions(f: &Expected) -> String {
    if f.suggestions.is_empty() {
        f.message.clone()
    } else {
        format!("{} Prefer: {}", f.message, f.suggestions.join("; "))
    }
}

// ---------------------------------------------------------------- SARIF

/// Refuses every remote reference: the schema must validate from the vendored file alone.
struct NoRemote;

impl jsonschema::Retrieve for NoRemote {
    fn retrieve(&self, uri: &jsonschema::Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        Err(format!("remote reference {uri} not allowed in tests").into())
    }
}

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("tests/fixtures/sarif-schema-2.1.0.json")).expect("schema file");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .with_retriever(NoRemote)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, log: &Value, what: &str) {
    let errors: Vec<String> = validator.iter_errors(log).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "{what}: SARIF is not valid against the 2.1.0 schema:\n{}", errors.join("\n"));
}

/// `%XX` sequences back to bytes.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
            out.push(u8::from_str_radix(hex, 16).expect("hex digits"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8 path")
}

fn check_sarif(cwd: &Path, paths: &[&str], validator: &jsonschema::Validator) {
    let t = truth(cwd, paths);
    let mut args = vec!["--format", "sarif", "--threads", "1"];
    args.extend_from_slice(paths);
    let bytes = scan(cwd, &args);
    args[3] = "2";
    assert_eq!(bytes, scan(cwd, &args), "{cwd:?}: SARIF differs between 1 and 2 threads");
    let log: Value = serde_json::from_slice(&bytes).expect("SARIF is one JSON document");
    assert_valid_sarif(validator, &log, &format!("{cwd:?} {paths:?}"));

    assert_eq!(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "luxlint");
    let rules = driver["rules"].as_array().expect("rules");
    for r in rules {
        let id = r["id"].as_str().expect("rule id");
        assert_eq!(r["helpUri"], format!("https://github.com/luxlint/luxlint/blob/main/docs/rules.md#{id}"));
        assert!(["error", "warning", "note"].contains(&r["defaultConfiguration"]["level"].as_str().expect("level")));
    }

    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), t.findings.len(), "{cwd:?}: one result per finding");
    let mut fingerprints = std::collections::HashSet::new();
    for (r, f) in results.iter().zip(&t.findings) {
        assert_eq!(r["ruleId"], f.rule.as_str());
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], f.rule.as_str(), "ruleIndex points at the rule");
        let level = match f.severity.as_str() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        assert_eq!(r["level"], level);
        assert_eq!(r["message"]["text"], with_suggestions(f).as_str());
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(percent_decode(loc["artifactLocation"]["uri"].as_str().expect("uri")), f.path);
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &loc["region"];
        let got = ["startLine", "startColumn", "endLine", "endColumn"].map(|k| region[k].as_u64().expect(k));
        assert_eq!(got, [f.span[0], f.span[1], f.span[2], f.span[3]], "{}: region", f.path);
        if f.text_offsets {
            assert_eq!(region["byteOffset"].as_u64(), Some(f.span[4]));
            assert_eq!(region["byteLength"].as_u64(), Some(f.span[5] - f.span[4]));
        } else {
            assert!(region.get("byteOffset").is_none(), "{}: byte offsets do not index this file", f.path);
        }
        assert_eq!(region["snippet"]["text"], f.matched.as_str());
        assert_eq!(r["properties"]["page"].as_u64(), f.page);
        let fp = r["partialFingerprints"]["luxlint/v1"].as_str().expect("fingerprint");
        assert!(fingerprints.insert(fp.to_string()), "{}: fingerprint {fp} is not unique", f.path);
        match &f.exempt {
            None => assert!(r.get("suppressions").is_none()),
            Some(reason) => {
                let s = &r["suppressions"][0];
                assert_eq!(s["kind"], "inSource");
                assert!(s["justification"].as_str().expect("justification").starts_with(reason.as_str()));
            }
        }
    }

    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let notes = invocation["toolExecutionNotifications"].as_array().map_or(&[][..], |v| v.as_slice());
    assert_eq!(notes.len(), t.errors.len(), "{cwd:?}: one notification per unreadable file");
    for (n, (path, kind, message)) in notes.iter().zip(&t.errors) {
        assert_eq!(n["level"], "error");
        assert_eq!(n["descriptor"]["id"], kind.as_str());
        assert_eq!(n["message"]["text"], format!("cannot read: {kind}: {message}"));
        let uri = n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().expect("uri");
        assert_eq!(&percent_decode(uri), path);
    }
}

#[test]
fn sarif_is_valid_and_matches_the_json() {
    let validator = sarif_validator();
    for (cwd, paths) in inputs() {
        check_sarif(&cwd, &paths, &validator);
    }
}

#[test]
fn sarif_schema_check_is_not_vacuous() {
    let validator = sarif_validator();
    let cwd = root().join("tests/cmd/draft.in");
    let log: Value = serde_json::from_slice(&scan(&cwd, &["--format", "sarif", "draft.txt"])).expect("JSON");
    assert_valid_sarif(&validator, &log, "draft.txt");
    let mut bad = log.clone();
    bad["runs"][0]["columnKind"] = "characters".into();
    assert!(!validator.is_valid(&bad), "an unknown columnKind must be rejected");
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["region"] = Value::Null;
    assert!(!validator.is_valid(&bad), "an unknown result property must be rejected");
    let mut bad = log;
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert!(!validator.is_valid(&bad), "line 0 must be rejected");
}

#[test]
fn sarif_lists_every_rule_in_force() {
    let cwd = root().join("tests/cmd/draft.in");
    let all: Value = serde_json::from_slice(&scan(&cwd, &["--format", "sarif", "clean.txt"])).expect("JSON");
    let en: Value =
        serde_json::from_slice(&scan(&cwd, &["--format", "sarif", "--lang", "en", "clean.txt"])).expect("JSON");
    let ids = |log: &Value| -> Vec<String> {
        log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .map(|r| r["id"].as_str().expect("id").to_string())
            .collect()
    };
    let (all, en) = (ids(&all), ids(&en));
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted, "rules are listed by id");
    assert!(all.len() > en.len() && !en.is_empty());
    assert!(en.iter().all(|id| id.starts_with("en.")));
}

// ---------------------------------------------------------------- GitHub

/// One parsed workflow command: (command, properties, message), unescaped.
fn parse_command(line: &str) -> (String, BTreeMap<String, String>, String) {
    let rest = line.strip_prefix("::").expect("a workflow command");
    let (head, data) = rest.split_once("::").expect("command::data");
    let (command, props) = head.split_once(' ').unwrap_or((head, ""));
    let unescape_data = |s: &str| s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%");
    let unescape_prop = |s: &str| {
        s.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    };
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_string(), unescape_prop(v))
        })
        .collect();
    (command.to_string(), props, unescape_data(data))
}

fn check_github(cwd: &Path, paths: &[&str]) {
    let t = truth(cwd, paths);
    let mut args = vec!["--format", "github"];
    args.extend_from_slice(paths);
    let out = String::from_utf8(scan(cwd, &args)).expect("UTF-8");
    let lines: Vec<&str> = out.lines().collect();
    let (summary, commands) = lines.split_last().expect("a summary line");
    assert!(summary.starts_with("luxlint: ") && !summary.starts_with("::"), "plain summary: {summary}");
    let mut warnings = Vec::new();
    let mut annotations = Vec::new();
    for line in commands {
        let (command, props, message) = parse_command(line);
        if let Some(rest) = message.strip_prefix("cannot read: ") {
            assert_eq!(command, "warning");
            assert_eq!(props.len(), 1);
            warnings.push((props["file"].clone(), rest.to_string()));
        } else {
            annotations.push((command, props, message));
        }
    }
    let expected_warnings: Vec<(String, String)> =
        t.errors.iter().map(|(p, k, m)| (p.clone(), format!("{k}: {m}"))).collect();
    assert_eq!(warnings, expected_warnings);
    let counted: Vec<&Expected> = t.findings.iter().filter(|f| f.exempt.is_none()).collect();
    assert_eq!(annotations.len(), counted.len(), "{cwd:?}: one annotation per counted finding");
    for ((command, props, message), f) in annotations.iter().zip(counted) {
        let expected = match f.severity.as_str() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        assert_eq!(command, expected);
        assert_eq!(props["file"], f.path);
        assert_eq!(props["title"], f.rule);
        assert_eq!(props["line"], f.span[0].to_string());
        assert_eq!(props["endLine"], f.span[2].to_string());
        if f.span[0] == f.span[2] {
            assert_eq!(props["col"], f.span[1].to_string());
            assert_eq!(props["endColumn"], f.span[3].to_string());
        }
        assert_eq!(message, &with_suggestions(f));
    }
}

#[test]
fn github_annotations_parse_back_to_the_json() {
    for (cwd, paths) in inputs() {
        check_github(&cwd, &paths);
    }
}

// ---------------------------------------------------------------- Checkstyle

/// `<file name>` elements in order, each with its `<error>` elements' attributes.
type Checkstyle = Vec<(String, Vec<BTreeMap<String, String>>)>;

fn parse_checkstyle(xml: &str) -> Checkstyle {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut files: Checkstyle = Vec::new();
    let mut root_seen = false;
    let attrs = |e: &quick_xml::events::BytesStart| -> BTreeMap<String, String> {
        e.attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                let value = a.normalized_value(quick_xml::XmlVersion::Explicit1_0).expect("valid escapes").into_owned();
                (String::from_utf8(a.key.as_ref().to_vec()).expect("UTF-8 name"), value)
            })
            .collect()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Decl(d) => {
                assert_eq!(d.version().expect("version").as_ref(), b"1.0");
                assert_eq!(d.encoding().expect("encoding").expect("encoding").as_ref(), b"UTF-8");
            }
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"checkstyle" => {
                    assert_eq!(attrs(&e)["version"], "4.3");
                    root_seen = true;
                }
                b"file" => {
                    assert!(root_seen);
                    files.push((attrs(&e)["name"].clone(), Vec::new()));
                }
                b"error" => files.last_mut().expect("<error> inside <file>").1.push(attrs(&e)),
                other => panic!("unexpected element {}", String::from_utf8_lossy(other)),
            },
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(root_seen, "no <checkstyle> root");
    files
}

fn check_checkstyle(cwd: &Path, paths: &[&str]) {
    let t = truth(cwd, paths);
    let mut args = vec!["--format", "checkstyle"];
    args.extend_from_slice(paths);
    let out = String::from_utf8(scan(cwd, &args)).expect("UTF-8");
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">"));
    let files = parse_checkstyle(&out);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, t.files.iter().map(String::as_str).collect::<Vec<_>>(), "one <file> per scanned file");
    let mut io = Vec::new();
    let mut errors = Vec::new();
    for (name, list) in &files {
        for e in list {
            if e["source"] == "luxlint.io" {
                assert_eq!(e["severity"], "error");
                io.push((name.clone(), e["message"].clone()));
            } else {
                errors.push((name.clone(), e.clone()));
            }
        }
    }
    let expected_io: Vec<(String, String)> =
        t.errors.iter().map(|(p, k, m)| (p.clone(), format!("cannot read: {k}: {m}"))).collect();
    assert_eq!(io, expected_io);
    let counted: Vec<&Expected> = t.findings.iter().filter(|f| f.exempt.is_none()).collect();
    assert_eq!(errors.len(), counted.len(), "{cwd:?}: one <error> per counted finding");
    for ((name, e), f) in errors.iter().zip(counted) {
        assert_eq!(name, &f.path);
        assert_eq!(e["line"], f.span[0].to_string());
        assert_eq!(e["column"], f.span[1].to_string());
        assert_eq!(e["severity"], f.severity);
        assert_eq!(e["source"], format!("luxlint.{}", f.rule));
        assert_eq!(e["message"], with_suggestions(f));
    }
}

#[test]
fn checkstyle_is_xml_with_one_error_per_counted_finding() {
    for (cwd, paths) in inputs() {
        check_checkstyle(&cwd, &paths);
    }
}

// ---------------------------------------------------------------- CSV

const CSV_HEADER: [&str; 17] = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "byte_start",
    "byte_end",
    "page",
    "rule",
    "level",
    "severity",
    "language",
    "exempt",
    "matched",
    "suggestion",
    "message",
    "reference",
];

fn check_csv(cwd: &Path, paths: &[&str]) {
    let t = truth(cwd, paths);
    let mut args = vec!["--format", "csv"];
    args.extend_from_slice(paths);
    let out = scan(cwd, &args);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(out.as_slice());
    let header: Vec<String> = reader.headers().expect("header row").iter().map(str::to_string).collect();
    assert_eq!(header, CSV_HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("an RFC 4180 record")).collect();
    let (errors, findings): (Vec<_>, Vec<_>) = rows.iter().partition(|r| r[8].is_empty());
    let expected_errors: Vec<(String, String)> =
        t.errors.iter().map(|(p, k, m)| (p.clone(), format!("cannot read: {k}: {m}"))).collect();
    let got_errors: Vec<(String, String)> = errors.iter().map(|r| (r[0].to_string(), r[15].to_string())).collect();
    assert_eq!(got_errors, expected_errors);
    assert_eq!(findings.len(), t.findings.len(), "{cwd:?}: one row per finding");
    for (r, f) in findings.iter().zip(&t.findings) {
        assert_eq!(r.len(), 17);
        assert_eq!(&r[0], f.path);
        let span: Vec<u64> = (1..=6).map(|i| r[i].parse().expect("a number")).collect();
        assert_eq!(span, f.span, "{}: span", f.path);
        assert_eq!(r[7].parse::<u64>().ok(), f.page);
        assert_eq!(&r[8], f.rule);
        assert_eq!(&r[9], f.level);
        assert_eq!(&r[10], f.severity);
        assert_eq!(&r[12], f.exempt.as_deref().unwrap_or(""));
        assert_eq!(&r[13], f.matched);
        assert_eq!(&r[14], f.suggestions.join("; "));
        assert_eq!(&r[15], f.message);
    }
}

#[test]
fn csv_parses_back_to_the_json() {
    for (cwd, paths) in inputs() {
        check_csv(&cwd, &paths);
    }
}

// ---------------------------------------------------------------- awkward paths and text

/// File names and matches that need escaping in every format: commas, colons, percent signs,
/// quotes, spaces, non-ASCII, a match broken over two lines.
#[test]
fn awkward_names_and_line_breaks_survive_every_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let name = "50% a, b: \"c\" #d é.txt";
    std::fs::write(dir.path().join(name), "It said child\nporn, twice: child porn.\n").expect("write");
    std::fs::write(dir.path().join("x&y<z>.txt"), "child porn\n").expect("write");
    let paths = ["."];
    let t = truth(dir.path(), &paths);
    assert!(t.findings.iter().any(|f| f.matched.contains('\n')), "a match spans two lines");
    assert!(t.files.iter().any(|p| p.ends_with(name)));
    check_sarif(dir.path(), &paths, &sarif_validator());
    check_github(dir.path(), &paths);
    check_checkstyle(dir.path(), &paths);
    check_csv(dir.path(), &paths);
}

/// A PDF: findings carry their page (`properties.page` in SARIF, `page` in CSV), and SARIF gives
/// no byte offsets, which index the extracted text, not the file.
#[test]
fn pdf_findings_carry_their_page() {
    use luxlint::extract::pdf::testing::{HELVETICA, PdfBuilder, text_content};
    let dir = tempfile::tempdir().expect("temp dir");
    let mut b = PdfBuilder::new();
    b.page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, "Nothing to report on this page.")]));
    b.page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, "The court heard that child pornography was found.")]));
    std::fs::write(dir.path().join("report.pdf"), b.finish()).expect("write");
    let paths = ["report.pdf"];
    let t = truth(dir.path(), &paths);
    assert_eq!(t.findings.len(), 1, "one finding in the PDF");
    assert_eq!(t.findings[0].page, Some(2));
    assert!(!t.findings[0].text_offsets);
    check_sarif(dir.path(), &paths, &sarif_validator());
    check_github(dir.path(), &paths);
    check_checkstyle(dir.path(), &paths);
    check_csv(dir.path(), &paths);
}
