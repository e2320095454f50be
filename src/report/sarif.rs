//! SARIF 2.1.0 output (`--format sarif`), for GitHub code scanning and other SARIF viewers.
//!
//! One log with one run. `tool.driver.rules` lists **every rule in force** (all built-in rules,
//! or those of the `--lang` languages), in rule-id order, so that `ruleIndex` can be written
//! while files are still being scanned and the output does not depend on which rules fired.
//!
//! The run is one JSON document but files are rendered on worker threads: [`Reporter::begin`]
//! writes the log up to `"results": [`, each file renders its results as a fragment of that
//! array, and [`Reporter::end`] closes it and writes `invocations`. Files that could not be read
//! become `toolExecutionNotifications`; `render` records them and `end` writes them sorted by
//! path, so the bytes are the same for any thread count.
//!
//! Mapping:
//! - `level`: severity error → `error`, warning → `warning`, info → `note`.
//! - `message.text`: the rule's message, then `Prefer: …` with the suggestions.
//! - `region`: lines and columns as in the JSON output (`columnKind` is `unicodeCodePoints`:
//!   columns count Unicode scalar values); `byteOffset`/`byteLength` only where the offsets
//!   index the file's own bytes (a UTF-8 text, Markdown or HTML file without BOM). For PDFs the
//!   lines and columns are those of the text `luxlint extract` prints, and `properties.page`
//!   gives the page.
//! - `artifactLocation`: a relative path becomes a percent-encoded relative URI with forward
//!   slashes and `uriBaseId` `%SRCROOT%` (left to the consumer to define: the folder luxlint
//!   ran in); an absolute path becomes a `file://` URI; standard input is `-`.
//! - `partialFingerprints["luxlint/v1"]`: `HASH:N`, where HASH is the FNV-1a 128-bit hash (32 hex
//!   digits) of `luxlint/v1`, the rule id, the matched text normalised as the matcher sees it
//!   (case, accents, spacing and line breaks folded) and the path with forward slashes, and N
//!   counts the occurrences of that rule and text in the file (1 for the first), so that two
//!   identical findings in one file stay two alerts. Line numbers are not part of it: edits
//!   elsewhere in the document keep it.
//! - exempt findings carry `suppressions`: `title` and `quotation` are `inSource` (the document
//!   text itself makes them exempt), as is `suppressed` (an inline directive).

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;

use super::ci::{cannot_read, message_with_suggestions, offsets_index_file, slash_path};
use super::json::write_indented;
use super::{FileReport, ReportFinding, Reporter, Summary};
use crate::engine::Engine;
use crate::judge::Exempt;
use crate::rules::{Rule, Severity};
use crate::text::normalize_str;

/// The `$schema` of the log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const INFORMATION_URI: &str = "https://github.com/luxlint/luxlint";
/// `helpUri` of a rule is this followed by the rule id.
pub const HELP_URI_BASE: &str = "https://github.com/luxlint/luxlint/blob/main/docs/rules.md#";
/// The key of luxlint's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "luxlint/v1";
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Message {
    text: String,
}

impl Message {
    fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }
}

#[derive(Serialize)]
struct MultiformatMessage {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    name: String,
    short_description: Message,
    full_description: Message,
    help: MultiformatMessage,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    level: &'static str,
    language: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    concept: String,
    indicators: Vec<String>,
    tags: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: [Location<'a>; 1],
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    #[serde(skip_serializing_if = "ResultProperties::is_empty")]
    properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: &'a ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<usize>,
    snippet: Snippet<'a>,
}

#[derive(Serialize)]
struct Snippet<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "luxlint/v1")]
    v1: String,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: &'static str,
}

#[derive(Serialize, Default)]
struct ResultProperties {
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exempt: Option<&'static str>,
}

impl ResultProperties {
    fn is_empty(&self) -> bool {
        self.page.is_none() && self.exempt.is_none()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    level: &'static str,
    message: Message,
    locations: [NotificationLocation; 1],
    descriptor: DescriptorReference,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: NotificationPhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationPhysicalLocation {
    artifact_location: ArtifactLocation,
}

#[derive(Serialize)]
struct DescriptorReference {
    id: &'static str,
}

/// A file that could not be read, kept until `end`.
struct Unreadable {
    path: String,
    kind: &'static str,
    message: String,
}

/// SARIF 2.1.0, one run. A reporter serves one run: `end` takes the notifications `render`
/// collected.
pub struct SarifReporter {
    /// `tool` as pretty JSON, indented for its place in the log.
    tool: String,
    rule_index: HashMap<String, usize>,
    unreadable: Mutex<Vec<Unreadable>>,
}

impl SarifReporter {
    /// A reporter describing every rule of `engine`, with its configured severity.
    pub fn new(engine: &Engine) -> Self {
        let rules: Vec<ReportingDescriptor> =
            engine.rules.rules.iter().enumerate().map(|(i, r)| descriptor(r, engine.severity(i))).collect();
        let rule_index = rules.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        let tool = Tool {
            driver: Driver {
                name: "luxlint",
                version: env!("CARGO_PKG_VERSION"),
                semantic_version: env!("CARGO_PKG_VERSION"),
                information_uri: INFORMATION_URI,
                rules,
            },
        };
        let mut out = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = write_indented(&mut out, &tool, 6);
        Self { tool: String::from_utf8(out).unwrap_or_default(), rule_index, unreadable: Mutex::new(Vec::new()) }
    }

    fn result<'a>(
        &self,
        f: &'a ReportFinding,
        location: &'a ArtifactLocation,
        bytes: bool,
        fingerprint: String,
    ) -> SarifResult<'a> {
        let region = Region {
            start_line: f.span.line,
            start_column: f.span.column,
            end_line: f.span.end_line,
            end_column: f.span.end_column,
            byte_offset: bytes.then_some(f.span.byte_start),
            byte_length: bytes.then_some(f.span.byte_end - f.span.byte_start),
            snippet: Snippet { text: &f.matched },
        };
        SarifResult {
            rule_id: &f.rule,
            rule_index: self.rule_index.get(&f.rule).copied(),
            level: level(f.severity),
            message: Message::new(message_with_suggestions(f)),
            locations: [Location {
                physical_location: PhysicalLocation { artifact_location: location, region: Some(region) },
            }],
            partial_fingerprints: Fingerprints { v1: fingerprint },
            suppressions: f.exempt.map(suppression).into_iter().collect(),
            properties: ResultProperties { page: f.span.page, exempt: f.exempt.map(Exempt::as_str) },
        }
    }
}

/// The SARIF level of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn suppression(reason: Exempt) -> Suppression {
    let justification = match reason {
        Exempt::Title => {
            "title: the official name of an instrument, body or organisation that keeps the old term (not counted)"
        }
        Exempt::Quotation => "quotation: the term is quoted or discussed as a word, not used (not counted)",
        Exempt::Suppressed => "suppressed: switched off by an inline directive or the configuration (not counted)",
    };
    Suppression { kind: "inSource", justification }
}

fn descriptor(r: &Rule, severity: Severity) -> ReportingDescriptor {
    let explanation = unwrap_lines(&r.explanation);
    let mut text = explanation.clone();
    let mut markdown = markdown_escape(&explanation);
    if !r.suggestions.is_empty() {
        text.push_str(&format!("\n\nPrefer: {}", r.suggestions.join("; ")));
        markdown.push_str("\n\n**Prefer:**\n");
        for s in &r.suggestions {
            markdown.push_str(&format!("\n- {}", markdown_escape(s)));
        }
    }
    text.push_str(&format!("\n\nSource: {}", r.reference));
    markdown.push_str(&format!("\n\n**Source:** {}", markdown_escape(&r.reference)));
    ReportingDescriptor {
        id: r.id.clone(),
        name: pascal_case(if r.concept.is_empty() { &r.id } else { &r.concept }),
        short_description: Message::new(r.message.trim()),
        full_description: Message::new(explanation),
        help: MultiformatMessage { text, markdown },
        help_uri: format!("{HELP_URI_BASE}{}", r.id),
        default_configuration: Configuration { level: level(severity) },
        properties: RuleProperties {
            level: r.level.as_str(),
            language: r.language.clone(),
            concept: r.concept.clone(),
            indicators: r.indicators.clone(),
            tags: vec!["terminology".into(), r.level.as_str().into(), r.language.clone()],
        },
    }
}

/// `child-sex-tourism` → `ChildSexTourism`.
fn pascal_case(key: &str) -> String {
    key.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|first| first.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

/// Joins hard-wrapped lines into paragraphs (blank lines stay paragraph breaks).
fn unwrap_lines(text: &str) -> String {
    text.trim()
        .split("\n\n")
        .map(|p| p.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Backslash-escapes the characters that Markdown would read as markup.
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Percent-encodes every byte of `s` but the URI unreserved characters, `/` and `keep`.
fn percent_encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where a path points, as a SARIF artifact location.
fn artifact_location(path: &str) -> ArtifactLocation {
    let p = slash_path(path);
    let bytes = p.as_bytes();
    let (uri, uri_base_id) = if p == "-" {
        ("-".to_string(), None)
    } else if p.starts_with("//") {
        (format!("file:{}", percent_encode(&p, &[])), None)
    } else if p.starts_with('/') {
        (format!("file://{}", percent_encode(&p, &[])), None)
    } else if bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/' {
        (format!("file:///{}", percent_encode(&p, b":")), None)
    } else {
        (percent_encode(&p, &[]), Some(SRCROOT))
    };
    let description = (p == "-").then(|| Message::new("standard input"));
    ArtifactLocation { uri, uri_base_id, description }
}

/// FNV-1a, 128 bits: small, dependency-free and fixed forever (unlike `std`'s hasher).
pub(crate) fn fnv1a_128(parts: &[&str]) -> u128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            // A separator that no UTF-8 text contains.
            h ^= 0xff;
            h = h.wrapping_mul(PRIME);
        }
        for &b in part.as_bytes() {
            h ^= u128::from(b);
            h = h.wrapping_mul(PRIME);
        }
    }
    h
}

/// The stable part of a finding's fingerprint: rule, normalised matched text, path.
pub fn fingerprint_hash(rule: &str, matched: &str, path: &str) -> String {
    format!("{:032x}", fnv1a_128(&[FINGERPRINT_KEY, rule, &normalize_str(matched), &slash_path(path)]))
}

impl Reporter for SarifReporter {
    fn begin(&self) -> Vec<u8> {
        format!(
            "{{\n  \"$schema\": \"{SCHEMA_URI}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
            self.tool
        )
        .into_bytes()
    }

    fn render(&self, file: &FileReport) -> Vec<u8> {
        if let Some(e) = &file.error {
            let mut unreadable = self.unreadable.lock().unwrap_or_else(|p| p.into_inner());
            unreadable.push(Unreadable { path: file.path.clone(), kind: e.kind.as_str(), message: cannot_read(e) });
        }
        let mut out = Vec::new();
        if file.findings.is_empty() {
            return out;
        }
        let location = artifact_location(&file.path);
        let bytes = offsets_index_file(file);
        let mut occurrences: HashMap<String, usize> = HashMap::new();
        for (i, f) in file.findings.iter().enumerate() {
            let hash = fingerprint_hash(&f.rule, &f.matched, &file.path);
            let n = occurrences.entry(hash.clone()).or_insert(0);
            *n += 1;
            let result = self.result(f, &location, bytes, format!("{hash}:{n}"));
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"\n        ");
            // Writing to a Vec cannot fail.
            let _ = write_indented(&mut out, &result, 8);
        }
        out
    }

    fn separator(&self) -> &'static [u8] {
        b","
    }

    fn end(&self, _summary: &Summary, any: bool) -> Vec<u8> {
        let mut unreadable = std::mem::take(&mut *self.unreadable.lock().unwrap_or_else(|p| p.into_inner()));
        unreadable.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        let notifications = unreadable
            .into_iter()
            .map(|u| Notification {
                level: "error",
                message: Message::new(u.message),
                locations: [NotificationLocation {
                    physical_location: NotificationPhysicalLocation { artifact_location: artifact_location(&u.path) },
                }],
                descriptor: DescriptorReference { id: u.kind },
            })
            .collect();
        let invocations = [Invocation { execution_successful: true, tool_execution_notifications: notifications }];
        let mut out = if any { b"\n      ],\n".to_vec() } else { b"],\n".to_vec() };
        out.extend_from_slice(b"      \"invocations\": ");
        let _ = write_indented(&mut out, &invocations, 6);
        out.extend_from_slice(b"\n    }\n  ]\n}\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ci::testing::{failed, file, finding};

    fn run(reporter: &SarifReporter, files: &[FileReport]) -> serde_json::Value {
        let mut out = reporter.begin();
        let mut any = false;
        let mut summary = Summary::default();
        for f in files {
            summary.add(f);
            let bytes = reporter.render(f);
            if !bytes.is_empty() {
                if any {
                    out.extend_from_slice(reporter.separator());
                }
                any = true;
                out.extend_from_slice(&bytes);
            }
        }
        out.extend_from_slice(&reporter.end(&summary, any));
        serde_json::from_slice(&out).expect("valid JSON")
    }

    fn reporter() -> SarifReporter {
        SarifReporter::new(Engine::builtin().expect("built-in rules"))
    }

    #[test]
    fn empty_run_is_valid_json() {
        let log = run(&reporter(), &[]);
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
        assert_eq!(log["runs"][0]["invocations"][0]["executionSuccessful"], true);
        assert!(log["runs"][0]["invocations"][0].get("toolExecutionNotifications").is_none());
    }

    #[test]
    fn results_point_at_rules_and_spans() {
        let files = [
            file("a b/ü.txt", vec![finding("child porn", 60, 1, 61, None), finding("Child Porn", 90, 2, 5, None)]),
            failed("z.pdf"),
            file("c.txt", vec![finding("child\nporn", 3, 1, 4, Some(Exempt::Quotation))]),
        ];
        let log = run(&reporter(), &files);
        let run = &log["runs"][0];
        let results = run["results"].as_array().expect("results");
        assert_eq!(results.len(), 3);
        let r = &results[0];
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "en.child-pornography");
        assert_eq!(r["level"], "error");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "a%20b/%C3%BC.txt");
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert_eq!(loc["region"]["startColumn"], 61);
        assert_eq!(loc["region"]["endColumn"], 71);
        assert_eq!(loc["region"]["byteOffset"], 60);
        assert_eq!(loc["region"]["byteLength"], 10);
        assert_eq!(loc["region"]["snippet"]["text"], "child porn");
        // Same rule and normalised text in one file: same hash, counted occurrences.
        let a = results[0]["partialFingerprints"]["luxlint/v1"].as_str().expect("fingerprint");
        let b = results[1]["partialFingerprints"]["luxlint/v1"].as_str().expect("fingerprint");
        assert!(a.ends_with(":1") && b.ends_with(":2"));
        assert_eq!(a[..32], b[..32]);
        assert!(results[0].get("suppressions").is_none());
        assert_eq!(results[2]["suppressions"][0]["kind"], "inSource");
        assert_eq!(results[2]["properties"]["exempt"], "quotation");
        assert_eq!(results[2]["locations"][0]["physicalLocation"]["region"]["endLine"], 2);
        let notes = run["invocations"][0]["toolExecutionNotifications"].as_array().expect("notifications");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0]["descriptor"]["id"], "malformed");
        assert_eq!(notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "z.pdf");
    }

    #[test]
    fn every_rule_is_described() {
        let engine = Engine::builtin().expect("built-in rules");
        let log = run(&reporter(), &[]);
        let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), engine.rules.rules.len());
        for r in rules {
            let id = r["id"].as_str().expect("id");
            assert_eq!(r["helpUri"], format!("{HELP_URI_BASE}{id}"));
            assert!(r["help"]["markdown"].as_str().expect("markdown").contains("**Source:**"));
            assert!(!r["fullDescription"]["text"].as_str().expect("text").contains('\n'));
        }
    }

    #[test]
    fn uris() {
        assert_eq!(artifact_location("docs/a#1 (b).txt").uri, "docs/a%231%20%28b%29.txt");
        assert_eq!(artifact_location("../x.txt").uri, "../x.txt");
        assert_eq!(artifact_location("a:b.txt").uri, "a%3Ab.txt");
        let abs = artifact_location("/tmp/r é.txt");
        assert_eq!(abs.uri, "file:///tmp/r%20%C3%A9.txt");
        assert!(abs.uri_base_id.is_none());
        assert_eq!(artifact_location("C:/x/y.txt").uri, "file:///C:/x/y.txt");
        assert_eq!(artifact_location("-").uri, "-");
    }

    #[test]
    fn fingerprints_are_fixed() {
        // The hash must never change between releases: baselines and code scanning key on it.
        assert_eq!(fnv1a_128(&[]), 0x6c62272e07bb014262b821756295c58d);
        assert_eq!(fnv1a_128(&["a"]), 0xd228cb696f1a8caf78912b704e4a8964);
        assert_eq!(
            fingerprint_hash("en.child-pornography", "Child\n porn", "a.txt"),
            fingerprint_hash("en.child-pornography", "child porn", "a.txt")
        );
        assert_ne!(
            fingerprint_hash("en.child-pornography", "child porn", "a.txt"),
            fingerprint_hash("en.child-pornography", "child porn", "b.txt")
        );
    }

    #[test]
    fn names_and_markdown() {
        assert_eq!(pascal_case("child-sex-tourism"), "ChildSexTourism");
        assert_eq!(markdown_escape("a *b* [c](d) <e> _f_"), "a \\*b\\* \\[c\\](d) \\<e\\> \\_f\\_");
        assert_eq!(unwrap_lines("\nOne\ntwo.\n\nThree\n"), "One two.\n\nThree");
    }
}
