//! Turning input bytes into a [`Document`]: the text luxlint scans (the text `luxlint extract`
//! prints and byte offsets index), with what is known about where each byte came from.

pub mod docx;
pub mod html;
pub mod markdown;
mod markup;
pub mod odt;
pub mod pdf;
pub mod text;
mod xml;

use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::Serialize;

/// The kind of input a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Pdf,
    Markdown,
    Html,
    Docx,
    Odt,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Odt => "odt",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "text" | "txt" => Format::Text,
            "pdf" => Format::Pdf,
            "markdown" | "md" => Format::Markdown,
            "html" => Format::Html,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            _ => return None,
        })
    }

    /// Whether this build can read the format.
    pub fn supported(self) -> bool {
        matches!(self, Format::Text | Format::Markdown | Format::Html | Format::Pdf | Format::Docx | Format::Odt)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a path's extension classifies it when walking folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathClass {
    /// A format luxlint reads.
    Document(Format),
    /// A document format luxlint cannot read (reported as `unsupported_format`).
    UnsupportedDocument,
    /// Images, archives, executables…: skipped silently when walking folders.
    Ignored,
    /// No or unknown extension: read if the bytes look like text.
    Sniff,
}

pub fn classify_path(path: &Path) -> PathClass {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return PathClass::Sniff;
    };
    match ext.to_ascii_lowercase().as_str() {
        "txt" | "text" | "asc" | "rst" | "adoc" | "org" | "tex" => PathClass::Document(Format::Text),
        "md" | "markdown" | "mdown" | "mkd" => PathClass::Document(Format::Markdown),
        "html" | "htm" | "xhtml" => PathClass::Document(Format::Html),
        "pdf" => PathClass::Document(Format::Pdf),
        "docx" => PathClass::Document(Format::Docx),
        "odt" => PathClass::Document(Format::Odt),
        "doc" | "rtf" | "wpd" | "pages" | "epub" | "xls" | "xlsx" | "ppt" | "pptx" | "odp" | "ods" => {
            PathClass::UnsupportedDocument
        }
        "png" | "jpg" | "jpeg" | "gif" | "bmp" | "tif" | "tiff" | "webp" | "svg" | "ico" | "zip" | "gz" | "tgz"
        | "bz2" | "xz" | "zst" | "7z" | "rar" | "tar" | "exe" | "dll" | "so" | "dylib" | "o" | "a" | "class"
        | "jar" | "pyc" | "wasm" | "mp3" | "mp4" | "wav" | "ogg" | "avi" | "mov" | "mkv" | "ttf" | "otf" | "woff"
        | "woff2" | "bin" | "dat" | "db" | "sqlite" | "lock" => PathClass::Ignored,
        _ => PathClass::Sniff,
    }
}

/// Why a file could not be read as a document. The names are the JSON contract's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Unreadable,
    Encrypted,
    NoTextLayer,
    Malformed,
    TooLarge,
    UnsupportedFormat,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::NoTextLayer => "no_text_layer",
            ErrorKind::Malformed => "malformed",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::UnsupportedFormat => "unsupported_format",
        }
    }
}

/// A file-level error, reported on that file; the batch goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractError {
    pub kind: ErrorKind,
    pub message: String,
}

impl ExtractError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into() }
    }
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.message)
    }
}

impl std::error::Error for ExtractError {}

/// Limits that keep a hostile or huge input from exhausting memory or time.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input file, in bytes.
    pub max_file_bytes: u64,
    /// Largest decompressed stream (PDF, DOCX parts), in bytes.
    pub max_stream_bytes: u64,
    /// Largest number of objects in a PDF.
    pub max_objects: usize,
    /// Deepest nesting of arrays, dictionaries, forms, XML elements.
    pub max_depth: usize,
    /// Wall time per file, in milliseconds.
    pub max_millis: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 512 * 1024 * 1024,
            max_stream_bytes: 64 * 1024 * 1024,
            max_objects: 1_000_000,
            max_depth: 64,
            max_millis: 10_000,
        }
    }
}

/// The text of one input and its origin information.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The text that byte offsets index.
    pub text: String,
    /// Set when the input was not UTF-8 and had to be decoded (e.g. `windows-1252`, `UTF-16LE`).
    pub encoding: Option<&'static str>,
    /// Sorted byte ranges that are not prose (markup, code, repeated page headers): normalised
    /// as a line break so they neither join nor carry matches.
    pub masks: Vec<Range<usize>>,
    /// Sorted byte ranges that stand for other text (HTML entities: `&eacute;` → `é`).
    pub substitutions: Vec<(Range<usize>, String)>,
    /// Sorted byte ranges that are quotations by their markup (`<blockquote>`, `> …`).
    pub quotations: Vec<Range<usize>>,
    /// For paged formats: byte offset where each page starts (page 1 at index 0).
    pub page_starts: Option<Vec<usize>>,
    /// Pages that failed to extract, with the reason; the others were still read.
    pub page_errors: Vec<(usize, String)>,
}

impl Document {
    pub fn from_text(text: String) -> Self {
        Self { text, ..Self::default() }
    }

    /// What is wrong with this document's origin information, if anything: masks,
    /// substitutions and quotations must be sorted, non-overlapping, non-empty ranges on
    /// character boundaries, no substitution may overlap a mask, page starts must increase
    /// from a character boundary inside the text, and failed pages must exist. Every extractor
    /// must return a consistent document; tests and fuzz targets check it here.
    pub fn consistency_error(&self) -> Option<String> {
        let text = self.text.as_str();
        let ranges = |what: &str, ranges: &mut dyn Iterator<Item = &Range<usize>>| -> Option<String> {
            let mut last_end = 0;
            for r in ranges {
                if !(r.start >= last_end && r.start < r.end && r.end <= text.len()) {
                    return Some(format!("{what}: {r:?} after {last_end} (text of {} bytes)", text.len()));
                }
                if !(text.is_char_boundary(r.start) && text.is_char_boundary(r.end)) {
                    return Some(format!("{what}: {r:?} splits a character"));
                }
                last_end = r.end;
            }
            None
        };
        let problem = ranges("masks", &mut self.masks.iter())
            .or_else(|| ranges("substitutions", &mut self.substitutions.iter().map(|(r, _)| r)))
            .or_else(|| ranges("quotations", &mut self.quotations.iter()));
        if problem.is_some() {
            return problem;
        }
        if let Some((r, _)) =
            self.substitutions.iter().find(|(r, _)| self.masks.iter().any(|m| m.start < r.end && r.start < m.end))
        {
            return Some(format!("substitution {r:?} overlaps a mask"));
        }
        let pages = match &self.page_starts {
            Some(starts) => {
                if starts.is_empty() {
                    return Some("a paged document with no page".into());
                }
                if !starts.windows(2).all(|w| w[0] < w[1]) {
                    return Some(format!("page starts do not increase: {starts:?}"));
                }
                if let Some(s) = starts.iter().find(|&&s| s > text.len() || !text.is_char_boundary(s)) {
                    return Some(format!("page start {s} is outside the text or inside a character"));
                }
                starts.len()
            }
            None => 0,
        };
        if let Some((p, _)) = self.page_errors.iter().find(|(p, _)| *p < 1 || *p > pages) {
            return Some(format!("page {p} failed, but the document has {pages} pages"));
        }
        None
    }

    /// Masks and substitutions as one sorted list of marks for the normaliser.
    pub fn marks(&self) -> Vec<crate::text::Mark<'_>> {
        use crate::text::{Mark, MarkKind};
        let mut marks: Vec<Mark<'_>> = self
            .masks
            .iter()
            .map(|r| Mark { range: r.clone(), kind: MarkKind::Break })
            .chain(self.substitutions.iter().map(|(r, t)| Mark { range: r.clone(), kind: MarkKind::Text(t) }))
            .collect();
        marks.sort_by_key(|m| (m.range.start, m.range.end));
        // Overlapping marks would be ambiguous: keep the first of any overlap.
        let mut end = 0;
        marks.retain(|m| {
            let keep = m.range.start >= end && m.range.start < m.range.end;
            if keep {
                end = m.range.end;
            }
            keep
        });
        marks
    }

    pub fn page_count(&self) -> Option<usize> {
        self.page_starts.as_ref().map(Vec::len)
    }

    /// 1-based page of a byte offset, for paged formats.
    pub fn page_of(&self, offset: usize) -> Option<usize> {
        let starts = self.page_starts.as_ref()?;
        Some(starts.partition_point(|&s| s <= offset).max(1))
    }
}

/// Reads `bytes` as `format`.
pub fn extract(bytes: &[u8], format: Format, limits: &Limits) -> Result<Document, ExtractError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ExtractError::new(
            ErrorKind::TooLarge,
            format!("{} bytes is over the limit of {} bytes (--max-file-size)", bytes.len(), limits.max_file_bytes),
        ));
    }
    match format {
        Format::Text => text::decode(bytes).map(|(text, encoding)| Document { text, encoding, ..Document::default() }),
        Format::Markdown => markdown::extract(bytes, limits),
        Format::Html => html::extract(bytes, limits),
        Format::Pdf => pdf::extract(bytes, limits),
        Format::Docx => docx::extract(bytes, limits),
        Format::Odt => odt::extract(bytes, limits),
    }
}

/// Picks a format from the path's extension, or from the bytes when the extension says nothing.
pub fn detect_format(path: Option<&Path>, bytes: &[u8]) -> Format {
    if let Some(PathClass::Document(f)) = path.map(classify_path) {
        return f;
    }
    if bytes.starts_with(b"%PDF-") {
        Format::Pdf
    } else if bytes.starts_with(b"PK\x03\x04") {
        // An OpenDocument package stores its media type uncompressed as the first entry.
        if bytes.get(30..).is_some_and(|rest| rest.starts_with(b"mimetypeapplication/vnd.oasis.opendocument")) {
            Format::Odt
        } else {
            Format::Docx
        }
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_text(text.to_string())
    }

    #[test]
    fn consistent_documents_pass() {
        let mut d = doc("héllo wörld");
        d.masks = vec![0..1, 6..7];
        d.substitutions = vec![(7..8, "x".into())];
        d.page_starts = Some(vec![0, 6]);
        d.page_errors = vec![(2, "bad page".into())];
        assert_eq!(d.consistency_error(), None);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)]
    fn each_kind_of_inconsistency_is_named() {
        let cases: Vec<(Document, &str)> = vec![
            (Document { masks: vec![3..5, 1..2], ..doc("abcdef") }, "masks"),
            (Document { masks: vec![1..1], ..doc("abcdef") }, "masks"),
            (Document { quotations: vec![0..99], ..doc("abcdef") }, "quotations"),
            (Document { substitutions: vec![(1..2, "é".into())], ..doc("é") }, "splits a character"),
            (Document { masks: vec![0..3], substitutions: vec![(2..4, "x".into())], ..doc("abcdef") }, "overlaps"),
            (Document { page_starts: Some(vec![]), ..doc("abc") }, "no page"),
            (Document { page_starts: Some(vec![0, 2, 2]), ..doc("abc") }, "increase"),
            (Document { page_starts: Some(vec![0, 9]), ..doc("abc") }, "outside"),
            (Document { page_starts: Some(vec![0]), page_errors: vec![(2, "x".into())], ..doc("abc") }, "page 2"),
            (Document { page_errors: vec![(1, "x".into())], ..doc("abc") }, "page 1"),
        ];
        for (d, want) in cases {
            let got = d.consistency_error().unwrap_or_default();
            assert!(got.contains(want), "{want:?} not in {got:?}");
        }
    }
}
