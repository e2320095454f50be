//! Output of `luxlint check` and `luxlint diff`: JSON (schema v1, see docs/json.md), CSV (one
//! row per country × item) and the human view.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::json::{TOOL, WireError, WireFinding, WireSpan, WireTool};
use super::{FileReport, Span};
use crate::checklist::{CountryResult, Item, Status};

/// One piece of evidence, resolved for output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEvidence {
    pub span: Span,
    pub section: String,
    pub excerpt: String,
    /// The document it comes from (set in diffs of folders).
    pub path: Option<String>,
}

/// One item's result on one document, resolved for output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportItem {
    pub id: String,
    pub status: Status,
    pub evidence: Vec<ReportEvidence>,
}

/// One checked document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedDocument {
    pub file: FileReport,
    pub kind: Option<&'static str>,
    pub country: Option<String>,
    pub language: Option<&'static str>,
    pub items: Vec<ReportItem>,
}

#[derive(Serialize)]
struct WireEvidence<'a> {
    span: WireSpan,
    section: &'a str,
    excerpt: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
}

impl<'a> WireEvidence<'a> {
    fn new(e: &'a ReportEvidence) -> Self {
        Self { span: WireSpan::from(&e.span), section: &e.section, excerpt: &e.excerpt, path: e.path.as_deref() }
    }
}

#[derive(Serialize)]
struct WireItem<'a> {
    id: &'a str,
    status: &'static str,
    evidence: Vec<WireEvidence<'a>>,
}

#[derive(Serialize)]
struct WireDocument<'a> {
    path: &'a str,
    format: Option<&'static str>,
    pages: Option<usize>,
    kind: Option<&'static str>,
    country: Option<&'a str>,
    language: Option<&'static str>,
    error: Option<WireError<'a>>,
    items: Vec<WireItem<'a>>,
    findings: Vec<WireFinding<'a>>,
}

fn wire_document(d: &CheckedDocument) -> WireDocument<'_> {
    WireDocument {
        path: &d.file.path,
        format: d.file.format.map(|f| f.as_str()),
        pages: d.file.pages,
        kind: d.kind,
        country: d.country.as_deref(),
        language: d.language,
        error: d.file.error.as_ref().map(|e| WireError { kind: e.kind.as_str(), message: &e.message }),
        items: d
            .items
            .iter()
            .map(|i| WireItem {
                id: &i.id,
                status: i.status.as_str(),
                evidence: i.evidence.iter().map(WireEvidence::new).collect(),
            })
            .collect(),
        findings: d.file.findings.iter().map(WireFinding::new).collect(),
    }
}

#[derive(Serialize)]
struct WireCountryItem<'a> {
    id: &'a str,
    status: &'static str,
    documents: &'a [String],
}

#[derive(Serialize)]
struct WireIndicator<'a> {
    items: &'a [String],
    met: usize,
    partial: usize,
    absent: usize,
    not_applicable: usize,
    summary: &'a str,
}

#[derive(Serialize)]
struct WireCountry<'a> {
    country: &'a str,
    documents: &'a [String],
    items: Vec<WireCountryItem<'a>>,
    indicators: BTreeMap<&'static str, WireIndicator<'a>>,
}

fn wire_country(c: &CountryResult) -> WireCountry<'_> {
    WireCountry {
        country: &c.country,
        documents: &c.documents,
        items: c
            .items
            .iter()
            .map(|i| WireCountryItem { id: &i.id, status: i.status.as_str(), documents: &i.documents })
            .collect(),
        indicators: c
            .indicators
            .iter()
            .map(|i| {
                (
                    i.id,
                    WireIndicator {
                        items: &i.items,
                        met: i.met,
                        partial: i.partial,
                        absent: i.absent,
                        not_applicable: i.not_applicable,
                        summary: &i.summary,
                    },
                )
            })
            .collect(),
    }
}

/// Bytes before the first document of `luxlint check --format json`.
pub fn json_begin() -> Vec<u8> {
    let tool = serde_json::to_string(&TOOL).unwrap_or_default();
    format!("{{\n  \"schema_version\": {},\n  \"tool\": {tool},\n  \"documents\": [", super::json::SCHEMA_VERSION)
        .into_bytes()
}

/// One document of `luxlint check --format json`.
pub fn json_document(d: &CheckedDocument) -> Vec<u8> {
    let mut out = b"\n    ".to_vec();
    let _ = super::json::write_indented(&mut out, &wire_document(d), 4);
    out
}

/// The end of `luxlint check --format json`: the countries.
pub fn json_end(countries: &[CountryResult], any: bool) -> Vec<u8> {
    let mut out = if any { b"\n  ],\n  \"countries\": ".to_vec() } else { b"],\n  \"countries\": ".to_vec() };
    let wire: Vec<WireCountry<'_>> = countries.iter().map(wire_country).collect();
    let _ = super::json::write_indented(&mut out, &wire, 2);
    out.extend_from_slice(b"\n}\n");
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// `luxlint check --format csv`: one row per country × item.
pub fn csv(items: &[Item], countries: &[CountryResult]) -> Vec<u8> {
    let mut out = String::from("country,indicator,item,title,status,documents\n");
    for c in countries {
        for (ci, item) in c.items.iter().zip(items) {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{}",
                csv_field(&c.country),
                item.indicator,
                ci.id,
                csv_field(&item.title),
                ci.status,
                csv_field(&ci.documents.join(";"))
            );
        }
    }
    out.into_bytes()
}

/// The human view of one checked document.
pub fn human_document(d: &CheckedDocument, items: &[Item], bold: &dyn Fn(&str) -> String) -> Vec<u8> {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {}{}{}",
        bold(&d.file.path),
        d.kind.unwrap_or("unreadable"),
        d.country.as_deref().map(|c| format!(", {c}")).unwrap_or_default(),
        d.language.map(|l| format!(", {l}")).unwrap_or_default()
    );
    if let Some(e) = &d.file.error {
        let _ = writeln!(out, "  cannot read: {}: {}", e.kind.as_str(), e.message);
        return out.into_bytes();
    }
    for status in [Status::Met, Status::Partial] {
        for (ri, item) in d.items.iter().zip(items).filter(|(r, _)| r.status == status) {
            let sections: Vec<&str> = ri.evidence.iter().map(|e| e.section.as_str()).collect();
            let _ = writeln!(out, "  {:<8} {} {} [{}]", status.as_str(), ri.id, item.title, sections.join("; "));
            if let Some(e) = ri.evidence.first() {
                let _ = writeln!(out, "           “{}”", e.excerpt);
            }
        }
    }
    let absent: Vec<&str> = d.items.iter().filter(|i| i.status == Status::Absent).map(|i| i.id.as_str()).collect();
    if !absent.is_empty() {
        let _ = writeln!(out, "  absent   {}", absent.join(", "));
    }
    let counted = d.file.findings.iter().filter(|f| f.counts()).count();
    if !d.file.findings.is_empty() {
        let _ = writeln!(
            out,
            "  terminology: {counted} finding(s) to revise, {} not counted (`luxlint scan` shows them)",
            d.file.findings.len() - counted
        );
    }
    out.push('\n');
    out.into_bytes()
}

/// The human view of the per-country indicators.
pub fn human_countries(countries: &[CountryResult], bold: &dyn Fn(&str) -> String) -> Vec<u8> {
    let mut out = String::new();
    for c in countries {
        let _ = writeln!(
            out,
            "{} ({} document{})",
            bold(&c.country),
            c.documents.len(),
            if c.documents.len() == 1 { "" } else { "s" }
        );
        for i in &c.indicators {
            let _ = writeln!(out, "  {}: {}", i.id, i.summary);
        }
    }
    out.into_bytes()
}

/// Wire form of a span, shared with the terminology output.
impl From<&Span> for WireSpan {
    fn from(s: &Span) -> Self {
        WireSpan {
            byte_start: s.byte_start,
            byte_end: s.byte_end,
            line: s.line,
            column: s.column,
            end_line: s.end_line,
            end_column: s.end_column,
            page: s.page,
        }
    }
}

/// `luxlint diff` wire types.
#[derive(Serialize)]
pub struct WireDiff<'a> {
    pub schema_version: u32,
    pub tool: &'a WireTool,
    pub old: &'a str,
    pub new: &'a str,
    pub changes: Vec<WireChange<'a>>,
}

/// One change between two versions.
#[derive(Serialize)]
pub struct WireChange<'a> {
    pub id: &'a str,
    pub old_status: &'static str,
    pub new_status: &'static str,
    pub direction: &'static str,
    pub old_evidence: Vec<WireEvidenceOut<'a>>,
    pub new_evidence: Vec<WireEvidenceOut<'a>>,
}

/// Evidence in a diff (always with its document's path).
#[derive(Serialize)]
pub struct WireEvidenceOut<'a> {
    pub path: Option<&'a str>,
    pub span: WireSpan,
    pub section: &'a str,
    pub excerpt: &'a str,
}

impl<'a> WireEvidenceOut<'a> {
    pub fn new(e: &'a ReportEvidence) -> Self {
        Self { path: e.path.as_deref(), span: WireSpan::from(&e.span), section: &e.section, excerpt: &e.excerpt }
    }
}
