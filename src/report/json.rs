//! JSON (schema version 1) and JSON Lines output.
//!
//! These serialise-only wire structs are the contract documented in `docs/json.md`: field names
//! and order are fixed; a new field may be added in a minor release, never renamed or removed.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, ReportFinding, Reporter, Summary};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct WireTool {
    pub name: &'static str,
    pub version: &'static str,
}

pub const TOOL: WireTool = WireTool { name: "luxlint", version: env!("CARGO_PKG_VERSION") };

#[derive(Serialize)]
pub struct WireError<'a> {
    pub kind: &'static str,
    pub message: &'a str,
}

#[derive(Serialize)]
pub struct WireSpan {
    pub byte_start: usize,
    pub byte_end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub page: Option<usize>,
}

#[derive(Serialize)]
pub struct WireFinding<'a> {
    pub rule: &'a str,
    pub category: &'static str,
    pub level: &'static str,
    pub severity: &'static str,
    pub language: &'a str,
    pub matched: &'a str,
    pub message: &'a str,
    pub suggestions: &'a [String],
    pub reference: &'a str,
    pub indicators: &'a [String],
    pub exempt: Option<&'static str>,
    pub span: WireSpan,
    /// Added with `--explain`: the reason in plain words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<&'a str>,
    /// Added with `--explain`: the sentence rewritten with the first suggestion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rewrite: Option<&'a str>,
}

impl<'a> WireFinding<'a> {
    pub fn new(f: &'a ReportFinding) -> Self {
        Self {
            rule: &f.rule,
            category: "terminology",
            level: f.level.as_str(),
            severity: f.severity.as_str(),
            language: &f.language,
            matched: &f.matched,
            message: &f.message,
            suggestions: &f.suggestions,
            reference: &f.reference,
            indicators: &f.indicators,
            exempt: f.exempt.map(|e| e.as_str()),
            span: WireSpan {
                byte_start: f.span.byte_start,
                byte_end: f.span.byte_end,
                line: f.span.line,
                column: f.span.column,
                end_line: f.span.end_line,
                end_column: f.span.end_column,
                page: f.span.page,
            },
            explanation: f.explain.as_ref().map(|x| x.explanation.as_str()),
            rewrite: f.explain.as_ref().map(|x| x.rewrite.as_str()),
        }
    }
}

#[derive(Serialize)]
pub struct WireFile<'a> {
    pub path: &'a str,
    pub format: Option<&'static str>,
    pub pages: Option<usize>,
    /// Additive field: the encoding the text was decoded from, when not UTF-8.
    pub encoding: Option<&'static str>,
    pub error: Option<WireError<'a>>,
    pub findings: Vec<WireFinding<'a>>,
    /// Additive field: pages that could not be read, when there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub page_errors: Vec<WirePageError<'a>>,
}

#[derive(Serialize)]
pub struct WirePageError<'a> {
    pub page: usize,
    pub message: &'a str,
}

impl<'a> WireFile<'a> {
    pub fn new(f: &'a FileReport) -> Self {
        Self {
            path: &f.path,
            format: f.format.map(|x| x.as_str()),
            pages: f.pages,
            encoding: f.encoding,
            error: f.error.as_ref().map(|e| WireError { kind: e.kind.as_str(), message: &e.message }),
            findings: f.findings.iter().map(WireFinding::new).collect(),
            page_errors: f.page_errors.iter().map(|(page, message)| WirePageError { page: *page, message }).collect(),
        }
    }
}

#[derive(Serialize)]
pub struct WireCounts {
    pub avoid: usize,
    pub caution: usize,
    pub exempt: usize,
}

#[derive(Serialize)]
pub struct WireSummary {
    pub files: usize,
    pub files_with_errors: usize,
    pub findings: WireCounts,
}

impl WireSummary {
    pub fn new(s: &Summary) -> Self {
        Self {
            files: s.files,
            files_with_errors: s.files_with_errors,
            findings: WireCounts { avoid: s.avoid, caution: s.caution, exempt: s.exempt },
        }
    }
}

/// Writes `value` pretty-printed, every line after the first indented by `indent` spaces.
pub fn write_indented(out: &mut dyn Write, value: &impl Serialize, indent: usize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    let pad = " ".repeat(indent);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(pad.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// One JSON document: `{"schema_version", "tool", "files": [...], "summary"}`, written as the
/// files arrive (in order), so memory does not grow with the batch.
#[derive(Default)]
pub struct JsonReporter;

impl Reporter for JsonReporter {
    fn begin(&self) -> Vec<u8> {
        let tool = serde_json::to_string(&TOOL).unwrap_or_default();
        format!("{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"tool\": {tool},\n  \"files\": [").into_bytes()
    }

    fn render(&self, file: &FileReport) -> Vec<u8> {
        let mut out = b"\n    ".to_vec();
        // Writing to a Vec cannot fail.
        let _ = write_indented(&mut out, &WireFile::new(file), 4);
        out
    }

    fn separator(&self) -> &'static [u8] {
        b","
    }

    fn end(&self, summary: &Summary, any: bool) -> Vec<u8> {
        let mut out = if any { b"\n  ],\n  \"summary\": ".to_vec() } else { b"],\n  \"summary\": ".to_vec() };
        let _ = write_indented(&mut out, &WireSummary::new(summary), 2);
        out.extend_from_slice(b"\n}\n");
        out
    }
}

/// JSON Lines: one object per line — `{"type":"finding", "path", …finding fields}` for each
/// finding, `{"type":"error", "path", "format", "error"}` for a file that could not be read,
/// and a last `{"type":"summary", …}`.
#[derive(Default)]
pub struct JsonLinesReporter;

#[derive(Serialize)]
struct LineFinding<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    path: &'a str,
    #[serde(flatten)]
    finding: WireFinding<'a>,
}

#[derive(Serialize)]
struct LineError<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    path: &'a str,
    format: Option<&'static str>,
    error: WireError<'a>,
}

#[derive(Serialize)]
struct LineSummary {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    summary: WireSummary,
}

fn line(out: &mut Vec<u8>, value: &impl Serialize) {
    // Serialising these types to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, value);
    out.push(b'\n');
}

impl Reporter for JsonLinesReporter {
    fn render(&self, file: &FileReport) -> Vec<u8> {
        let mut out = Vec::new();
        if let Some(e) = &file.error {
            let error = WireError { kind: e.kind.as_str(), message: &e.message };
            line(
                &mut out,
                &LineError { kind: "error", path: &file.path, format: file.format.map(|f| f.as_str()), error },
            );
        }
        for f in &file.findings {
            line(&mut out, &LineFinding { kind: "finding", path: &file.path, finding: WireFinding::new(f) });
        }
        out
    }

    fn end(&self, summary: &Summary, _any: bool) -> Vec<u8> {
        let mut out = Vec::new();
        line(&mut out, &LineSummary { kind: "summary", summary: WireSummary::new(summary) });
        out
    }
}
