//! Results as reported, and the reporters for each output format.
//!
//! [`FileReport`] is the resolved, self-contained result for one input (rule text copied in,
//! line/column computed). Reporters turn a stream of them into bytes; the wire structs of each
//! machine format live in that format's module, apart from these types.

pub mod check;
pub mod checkstyle;
pub mod ci;
pub mod csv;
pub mod explain;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::engine::{Engine, Scan};
use crate::extract::{Document, ExtractError, Format};
use crate::judge::{Exempt, Finding};
use crate::rules::{Level, Severity};
use crate::text::LineIndex;

/// Where a finding is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub byte_start: usize,
    pub byte_end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub page: Option<usize>,
}

/// A finding with everything a reader needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFinding {
    pub rule: String,
    pub level: Level,
    pub severity: Severity,
    pub language: String,
    pub matched: String,
    pub message: String,
    pub suggestions: Vec<String>,
    pub reference: String,
    pub indicators: Vec<String>,
    pub exempt: Option<Exempt>,
    pub span: Span,
    /// The first line the finding is on, for the human view (not part of the JSON contract).
    pub line_text: String,
    /// Stable identity for baselines: rule, normalised text, surrounding words, path (empty
    /// unless [`ReportOptions::fingerprints`]).
    pub fingerprint: String,
    /// Trainer mode (`--explain`): why, and the sentence rewritten with the first suggestion.
    pub explain: Option<Explain>,
}

/// The plain-words reason for a finding and its sentence rewritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explain {
    pub explanation: String,
    /// The concept (same in every language), for the per-document summary.
    pub concept: String,
    /// The sentence the finding is in, as written (whitespace collapsed).
    pub sentence: String,
    /// The sentence with the match replaced by the first suggestion.
    pub rewrite: String,
}

/// What to add to the findings of a report.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions {
    pub explain: bool,
    /// Compute baseline fingerprints (only when a baseline is read or written).
    pub fingerprints: bool,
}

impl ReportFinding {
    /// Whether the finding counts towards the summary and the exit code.
    pub fn counts(&self) -> bool {
        self.exempt.is_none()
    }
}

/// The result for one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub path: String,
    pub format: Option<Format>,
    pub pages: Option<usize>,
    /// Set when the input had to be decoded from something other than UTF-8.
    pub encoding: Option<&'static str>,
    pub error: Option<ExtractError>,
    pub findings: Vec<ReportFinding>,
    /// Pages of a paged document that could not be read (1-based), with why; the others were.
    pub page_errors: Vec<(usize, String)>,
}

impl FileReport {
    pub fn failed(path: String, format: Option<Format>, error: ExtractError) -> Self {
        Self {
            path,
            format,
            pages: None,
            encoding: None,
            error: Some(error),
            findings: Vec::new(),
            page_errors: Vec::new(),
        }
    }

    /// Resolves the findings of a scanned document.
    pub fn from_scan(path: String, format: Format, doc: &Document, scan: &Scan, engine: &Engine) -> Self {
        Self::from_scan_with(path, format, doc, scan, engine, ReportOptions::default())
    }

    /// Resolves the findings of a scanned document, with options.
    pub fn from_scan_with(
        path: String,
        format: Format,
        doc: &Document,
        scan: &Scan,
        engine: &Engine,
        options: ReportOptions,
    ) -> Self {
        let findings = if scan.findings.is_empty() {
            Vec::new()
        } else {
            let index = LineIndex::new(&doc.text);
            scan.findings.iter().map(|f| resolve(&path, f, doc, scan, &index, engine, options)).collect()
        };
        Self {
            path,
            format: Some(format),
            pages: doc.page_count(),
            encoding: doc.encoding,
            error: None,
            findings,
            page_errors: doc.page_errors.clone(),
        }
    }
}

/// The span of a document byte range: line and column (characters) of both ends, and page.
pub fn span_of(doc: &Document, index: &LineIndex, range: &std::ops::Range<usize>) -> Span {
    let start = index.line_col(&doc.text, range.start);
    let end = index.line_col(&doc.text, range.end);
    Span {
        byte_start: range.start,
        byte_end: range.end,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        page: doc.page_of(range.start),
    }
}

fn resolve(
    path: &str,
    f: &Finding,
    doc: &Document,
    scan: &Scan,
    index: &LineIndex,
    engine: &Engine,
    options: ReportOptions,
) -> ReportFinding {
    let rule = &engine.rules.rules[f.rule];
    let span = span_of(doc, index, &f.range);
    let line_text = doc.text[index.line_range(&doc.text, span.line - 1)].to_string();
    let norm = &scan.normalized.text;
    let fingerprint = if options.fingerprints {
        crate::baseline::fingerprint(
            path,
            &rule.id,
            &norm[f.norm_range.clone()],
            &crate::baseline::context_words(norm, &f.norm_range),
        )
    } else {
        String::new()
    };
    let explain = options.explain.then(|| {
        let (sentence, rewrite) =
            explain::rewrite(&doc.text, &f.range, rule.suggestions.first().map_or("", String::as_str));
        Explain { explanation: rule.explanation.clone(), concept: rule.concept.clone(), sentence, rewrite }
    });
    ReportFinding {
        rule: rule.id.clone(),
        level: rule.level,
        severity: engine.severity(f.rule),
        language: rule.language.clone(),
        matched: doc.text[f.range.clone()].to_string(),
        message: rule.message.clone(),
        suggestions: rule.suggestions.clone(),
        reference: rule.reference.clone(),
        indicators: rule.indicators.clone(),
        exempt: f.exempt,
        span,
        line_text,
        fingerprint,
        explain,
    }
}

/// Totals over a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub files_with_errors: usize,
    pub avoid: usize,
    pub caution: usize,
    pub exempt: usize,
}

impl Summary {
    pub fn merge(&mut self, other: &Summary) {
        self.files += other.files;
        self.files_with_errors += other.files_with_errors;
        self.avoid += other.avoid;
        self.caution += other.caution;
        self.exempt += other.exempt;
    }

    pub fn add(&mut self, file: &FileReport) {
        self.files += 1;
        if file.error.is_some() {
            self.files_with_errors += 1;
        }
        for f in &file.findings {
            match (f.exempt, f.level) {
                (Some(_), _) => self.exempt += 1,
                (None, Level::Avoid) => self.avoid += 1,
                (None, Level::Caution) => self.caution += 1,
            }
        }
    }
}

/// Turns results into bytes. `render` runs on worker threads (so a batch's formatting is
/// parallel too); the framing (`begin`, `separator`, `end`) is written by the thread that keeps
/// the output in order.
pub trait Reporter: Send + Sync {
    /// Bytes before the first file.
    fn begin(&self) -> Vec<u8> {
        Vec::new()
    }
    /// The bytes for one file (may be empty).
    fn render(&self, file: &FileReport) -> Vec<u8>;
    /// Bytes between two non-empty rendered files.
    fn separator(&self) -> &'static [u8] {
        b""
    }
    /// Bytes after the last file; `any` says whether any file was rendered.
    fn end(&self, summary: &Summary, any: bool) -> Vec<u8>;
}
