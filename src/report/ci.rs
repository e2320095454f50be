//! Pieces shared by the CI formats (SARIF, GitHub annotations, Checkstyle, CSV): the one-line
//! message with the preferred wording, the text for a file that could not be read, and paths
//! as CI tools expect them.

use std::borrow::Cow;

use super::{FileReport, ReportFinding};
use crate::extract::{ExtractError, Format};

/// The finding's message followed by the preferred wording: `MESSAGE Prefer: a; b`.
pub fn message_with_suggestions(f: &ReportFinding) -> String {
    if f.suggestions.is_empty() {
        f.message.clone()
    } else {
        format!("{} Prefer: {}", f.message, f.suggestions.join("; "))
    }
}

/// `cannot read: KIND: MESSAGE`, as the human view says it.
pub fn cannot_read(e: &ExtractError) -> String {
    format!("cannot read: {e}")
}

/// The path with forward slashes. On Windows a backslash is a separator; elsewhere it is an
/// ordinary (if rare) character of a file name and is kept.
pub fn slash_path(path: &str) -> Cow<'_, str> {
    if cfg!(windows) && path.contains('\\') { Cow::Owned(path.replace('\\', "/")) } else { Cow::Borrowed(path) }
}

/// Whether the span's byte offsets index the file's own bytes: a text-like input read as
/// UTF-8 without BOM (for PDFs and decoded encodings they index the extracted text only).
pub fn offsets_index_file(file: &FileReport) -> bool {
    file.encoding.is_none() && matches!(file.format, Some(Format::Text | Format::Markdown | Format::Html))
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::extract::{ErrorKind, ExtractError, Format};
    use crate::judge::Exempt;
    use crate::report::{FileReport, ReportFinding, Span};
    use crate::rules::{Level, Severity};

    /// A finding with the given text and span; the rest like `en.child-pornography`.
    pub fn finding(matched: &str, start: usize, line: usize, column: usize, exempt: Option<Exempt>) -> ReportFinding {
        let lines: Vec<&str> = matched.split('\n').collect();
        let end_line = line + lines.len() - 1;
        let last = lines.last().map_or(0, |l| l.chars().count());
        let end_column = if lines.len() == 1 { column + last } else { last + 1 };
        ReportFinding {
            rule: "en.child-pornography".into(),
            level: Level::Avoid,
            severity: Severity::Error,
            language: "en".into(),
            matched: matched.into(),
            message: "\"Child pornography\" makes abuse sound like a genre; call it CSAM.".into(),
            suggestions: vec!["child sexual abuse material (CSAM)".into(), "CSEM".into()],
            reference: "Luxembourg Guidelines (2016), terms on CSAM: \"child pornography\"".into(),
            indicators: vec!["O1.a".into()],
            exempt,
            span: Span {
                byte_start: start,
                byte_end: start + matched.len(),
                line,
                column,
                end_line,
                end_column,
                page: None,
            },
            line_text: String::new(),
            fingerprint: format!("{start:032x}"),
            explain: None,
        }
    }

    pub fn file(path: &str, findings: Vec<ReportFinding>) -> FileReport {
        FileReport {
            path: path.into(),
            format: Some(Format::Text),
            pages: None,
            encoding: None,
            error: None,
            findings,
            page_errors: Vec::new(),
        }
    }

    pub fn failed(path: &str) -> FileReport {
        FileReport::failed(
            path.into(),
            Some(Format::Pdf),
            ExtractError::new(ErrorKind::Malformed, "not a readable PDF: bad, \"xref\"\nat 0%"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn message_lists_the_suggestions() {
        let f = finding("child porn", 0, 1, 1, None);
        assert_eq!(
            message_with_suggestions(&f),
            "\"Child pornography\" makes abuse sound like a genre; call it CSAM. Prefer: child sexual abuse \
             material (CSAM); CSEM"
        );
    }

    #[test]
    fn offsets_index_only_plain_utf8_text() {
        assert!(offsets_index_file(&file("a.txt", vec![])));
        let mut pdf = file("a.pdf", vec![]);
        pdf.format = Some(Format::Pdf);
        assert!(!offsets_index_file(&pdf));
        let mut latin1 = file("b.txt", vec![]);
        latin1.encoding = Some("windows-1252");
        assert!(!offsets_index_file(&latin1));
    }
}
