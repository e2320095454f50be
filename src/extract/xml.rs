//! Shared by the office formats (DOCX, ODT): reading the parts of a ZIP package within the
//! limits, an XML event reader with resolved namespaces, nesting and time limits, and the
//! builder that lays paragraphs out one per line.

use std::borrow::Cow;
use std::io::{Cursor, Read};
use std::ops::Range;
use std::time::{Duration, Instant};

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use zip::ZipArchive;
use zip::result::ZipError;

use super::{Document, ErrorKind, ExtractError, Limits};

/// Most entries a package may list (a Word document has a few dozen; a few thousand with
/// many images). Checked before the archive's directory is read.
pub(crate) const MAX_ENTRIES: u64 = 20_000;
/// All parts read from one package together may decompress to this many times the stream limit.
const TOTAL_STREAMS: u64 = 4;
/// Events between two looks at the clock.
const TICKS: u32 = 4096;

/// The magic number of an OLE compound file: how password-protected OOXML and ODF documents
/// (and legacy binary Office files) arrive.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

pub(crate) fn malformed(message: impl Into<String>) -> ExtractError {
    ExtractError::new(ErrorKind::Malformed, message)
}

/// The wall-time limit of one file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    start: Instant,
    limit: Duration,
    millis: u64,
}

impl Deadline {
    pub(crate) fn new(limits: &Limits) -> Self {
        Self { start: Instant::now(), limit: Duration::from_millis(limits.max_millis), millis: limits.max_millis }
    }

    pub(crate) fn check(&self) -> Result<(), ExtractError> {
        if self.start.elapsed() > self.limit {
            return Err(ExtractError::new(
                ErrorKind::TooLarge,
                format!("reading took longer than the time limit of {} ms per file", self.millis),
            ));
        }
        Ok(())
    }
}

/// A ZIP package (DOCX, ODT) opened within the limits.
pub(crate) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    max_stream: u64,
    /// Decompressed bytes read so far, against `TOTAL_STREAMS` × the stream limit.
    total: u64,
    kind: &'static str,
}

impl<'a> Package<'a> {
    /// Opens `bytes` as a ZIP package; `kind` names the format in messages ("DOCX").
    pub(crate) fn open(bytes: &'a [u8], limits: &Limits, kind: &'static str) -> Result<Self, ExtractError> {
        if bytes.starts_with(OLE_MAGIC) {
            return Err(ole_error(bytes, kind));
        }
        if let Some(n) = entry_count(bytes)
            && n > MAX_ENTRIES
        {
            return Err(ExtractError::new(
                ErrorKind::TooLarge,
                format!("the {kind} package lists {n} entries, over the limit of {MAX_ENTRIES}"),
            ));
        }
        let archive = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| malformed(format!("not a {kind} file: not a readable ZIP archive ({e})")))?;
        Ok(Self { archive, max_stream: limits.max_stream_bytes, total: 0, kind })
    }

    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.archive.file_names()
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// The decompressed bytes of the part `name`, or `None` when the package has no such part.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ExtractError> {
        let Some(index) = self.archive.index_for_name(name) else { return Ok(None) };
        let kind = self.kind;
        let max = self.max_stream;
        let file = match self.archive.by_index(index) {
            Ok(f) => f,
            Err(ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED)) => {
                return Err(ExtractError::new(
                    ErrorKind::Encrypted,
                    format!("the {kind} package is encrypted ({name} needs a password)"),
                ));
            }
            Err(e) => return Err(malformed(format!("{name} in the {kind} package cannot be read: {e}"))),
        };
        let too_large = || {
            ExtractError::new(
                ErrorKind::TooLarge,
                format!("{name} decompresses to more than {max} bytes (the stream size limit)"),
            )
        };
        if file.size() > max {
            return Err(too_large());
        }
        let mut buf = Vec::with_capacity(file.size().min(max).min(1 << 24) as usize);
        file.take(max + 1)
            .read_to_end(&mut buf)
            .map_err(|e| malformed(format!("{name} in the {kind} package cannot be decompressed: {e}")))?;
        if buf.len() as u64 > max {
            return Err(too_large());
        }
        self.total += buf.len() as u64;
        if self.total > max.saturating_mul(TOTAL_STREAMS) {
            return Err(ExtractError::new(
                ErrorKind::TooLarge,
                format!(
                    "the parts of the {kind} package decompress to more than {} bytes together",
                    max.saturating_mul(TOTAL_STREAMS)
                ),
            ));
        }
        Ok(Some(buf))
    }
}

/// An OLE compound file where a ZIP package was expected: an encrypted document, unless it is
/// a legacy binary one.
fn ole_error(bytes: &[u8], kind: &str) -> ExtractError {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    let encrypted = contains(&utf16("EncryptedPackage")) || contains(&utf16("EncryptionInfo"));
    if !encrypted && contains(&utf16("WordDocument")) {
        return ExtractError::new(
            ErrorKind::UnsupportedFormat,
            "a legacy Word 97-2003 binary document, not DOCX; save it as DOCX or PDF",
        );
    }
    ExtractError::new(
        ErrorKind::Encrypted,
        format!("the {kind} document is password-protected (an encrypted OLE container, not a ZIP package)"),
    )
}

fn u16_at(b: &[u8], i: usize) -> Option<u64> {
    b.get(i..i + 2).map(|s| u64::from(u16::from_le_bytes([s[0], s[1]])))
}

fn u64_at(b: &[u8], i: usize) -> Option<u64> {
    let s: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(s))
}

/// The number of entries the archive's end-of-central-directory record declares (ZIP64 too).
fn entry_count(bytes: &[u8]) -> Option<u64> {
    if bytes.len() < 22 {
        return None;
    }
    let last = bytes.len() - 22;
    let first = last.saturating_sub(65_535);
    let at = (first..=last).rev().find(|&i| bytes[i..i + 4] == *b"PK\x05\x06")?;
    let n = u16_at(bytes, at + 10)?;
    if n == 0xFFFF && at >= 20 && bytes[at - 20..at - 16] == *b"PK\x06\x07" {
        let record = usize::try_from(u64_at(bytes, at - 20 + 8)?).ok()?;
        if bytes.get(record..record + 4) == Some(b"PK\x06\x06") {
            return u64_at(bytes, record + 32);
        }
    }
    Some(n)
}

/// The namespaces whose elements the office readers look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML (transitional or strict).
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Package relationships.
    Rel,
    /// ODF text, office, style and SVG-compatible namespaces.
    Text,
    Office,
    Style,
    Svg,
    Other,
}

fn ns_of(uri: &[u8]) -> Ns {
    match uri {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        b"http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rel,
        b"urn:oasis:names:tc:opendocument:xmlns:text:1.0" => Ns::Text,
        b"urn:oasis:names:tc:opendocument:xmlns:office:1.0" => Ns::Office,
        b"urn:oasis:names:tc:opendocument:xmlns:style:1.0" => Ns::Style,
        b"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" => Ns::Svg,
        _ => Ns::Other,
    }
}

/// Reads the events of one XML part, with namespaces resolved, within the nesting and time
/// limits; malformed XML is an error naming the part and the byte where it went wrong.
pub(crate) struct Xml<'a> {
    reader: NsReader<&'a [u8]>,
    part: &'a str,
    depth: usize,
    max_depth: usize,
    deadline: Deadline,
    ticks: u32,
}

impl<'a> Xml<'a> {
    pub(crate) fn new(bytes: &'a [u8], part: &'a str, limits: &Limits, deadline: Deadline) -> Self {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = NsReader::from_reader(bytes);
        reader.config_mut().check_end_names = true;
        Self { reader, part, depth: 0, max_depth: limits.max_depth.max(1), deadline, ticks: 0 }
    }

    fn error(&self, what: impl std::fmt::Display) -> ExtractError {
        malformed(format!("{}: not well-formed XML at byte {}: {what}", self.part, self.reader.error_position()))
    }

    /// The next event and the namespace of its element (`Ns::Other` for text), or `None` at the end.
    pub(crate) fn next(&mut self) -> Result<Option<(Ns, Event<'a>)>, ExtractError> {
        self.ticks += 1;
        if self.ticks >= TICKS {
            self.ticks = 0;
            self.deadline.check()?;
        }
        let (ns, event) = match self.reader.read_resolved_event() {
            Ok((ResolveResult::Bound(ns), e)) => (ns_of(ns.as_ref()), e),
            Ok((_, e)) => (Ns::Other, e),
            Err(e) => return Err(self.error(e)),
        };
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > self.max_depth {
                    return Err(ExtractError::new(
                        ErrorKind::TooLarge,
                        format!("{}: XML elements nested deeper than the limit of {}", self.part, self.max_depth),
                    ));
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Eof if self.depth > 0 => return Err(self.error("the part ends inside an element (truncated?)")),
            Event::Eof => return Ok(None),
            _ => {}
        }
        Ok(Some((ns, event)))
    }

    /// Reads past the rest of the element whose start `next` just returned: its content is not
    /// wanted (deleted text, field codes, drawings).
    pub(crate) fn skip_element(&mut self) -> Result<(), ExtractError> {
        let depth = self.depth;
        while self.depth >= depth {
            if self.next()?.is_none() {
                break;
            }
        }
        Ok(())
    }

    /// The text an event carries: character data, CDATA, or a character or predefined entity
    /// reference. Line ends are normalised as XML requires.
    pub(crate) fn text(&self, event: &Event<'_>) -> Result<Option<Cow<'static, str>>, ExtractError> {
        let s: Cow<'_, str> = match event {
            Event::Text(t) => t.xml10_content().map_err(|e| self.error(e))?,
            Event::CData(t) => t.decode().map_err(|e| self.error(e))?,
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => Cow::Owned(c.to_string()),
                Ok(None) => {
                    let name = r.decode().map_err(|e| self.error(e))?;
                    match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => Cow::Borrowed(s),
                        None => return Err(self.error(format!("unknown entity &{name};"))),
                    }
                }
                Err(e) => return Err(self.error(e)),
            },
            _ => return Ok(None),
        };
        Ok(Some(Cow::Owned(s.into_owned())))
    }
}

/// The value of the attribute whose local name is `local` (whatever its prefix).
pub(crate) fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().with_checks(false).flatten().find(|a| a.key.local_name().as_ref() == local).map(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(Cow::into_owned)
            .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
    })
}

/// A paragraph being read.
#[derive(Debug, Default)]
pub(crate) struct Para {
    pub text: String,
    pub quote: bool,
}

impl Para {
    /// Appends character data; a line end inside a paragraph's text reads as a space (the
    /// paragraph is one line of the document text).
    pub(crate) fn push_text(&mut self, s: &str) {
        self.text.extend(s.chars().map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }));
    }
}

/// A line break inside a paragraph (`w:br`, `text:line-break`): U+2028 LINE SEPARATOR, which
/// the normaliser reads as a line break (a word hyphenated there still joins) but which does not
/// start a new line of the report, so that line numbers stay paragraph numbers.
pub(crate) const LINE_BREAK: char = '\u{2028}';

/// Document text laid out one paragraph per line.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    text: String,
    masks: Vec<Range<usize>>,
    quotations: Vec<Range<usize>>,
}

impl Lines {
    pub(crate) fn paragraph(&mut self, p: Para) {
        let start = self.text.len();
        self.text.push_str(&p.text);
        if p.quote && !p.text.is_empty() {
            self.quotations.push(start..self.text.len());
        }
        self.text.push('\n');
    }

    /// A line that tells where a part starts ("[footnote 3]"): masked, so never matched.
    pub(crate) fn label(&mut self, label: &str) {
        let start = self.text.len();
        self.text.push_str(label);
        self.masks.push(start..self.text.len());
        self.text.push('\n');
    }

    /// Appends the lines of `other` after these.
    pub(crate) fn append(&mut self, other: Lines) {
        let shift = self.text.len();
        self.text.push_str(&other.text);
        self.masks.extend(other.masks.into_iter().map(|r| r.start + shift..r.end + shift));
        self.quotations.extend(other.quotations.into_iter().map(|r| r.start + shift..r.end + shift));
    }

    pub(crate) fn into_document(self) -> Document {
        Document { text: self.text, masks: self.masks, quotations: self.quotations, ..Document::default() }
    }
}

/// Resolves a relationship target against the folder of the part that names it
/// (`word/document.xml` + `footnotes.xml` → `word/footnotes.xml`; `/word/x.xml` is absolute).
pub(crate) fn resolve_target(base_part: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let mut parts: Vec<&str> = if let Some(abs) = target.strip_prefix('/') {
        return normalize_path(abs.split('/').collect());
    } else {
        base_part.rsplit_once('/').map_or(Vec::new(), |(dir, _)| dir.split('/').collect())
    };
    parts.extend(target.split('/'));
    normalize_path(parts)
}

fn normalize_path(parts: Vec<&str>) -> String {
    let mut out: Vec<&str> = Vec::new();
    for p in parts {
        match p {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            p => out.push(p),
        }
    }
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_part() {
        assert_eq!(resolve_target("word/document.xml", "footnotes.xml"), "word/footnotes.xml");
        assert_eq!(resolve_target("word/document.xml", "/word/header1.xml"), "word/header1.xml");
        assert_eq!(resolve_target("word/document.xml", "../customXml/item.xml"), "customXml/item.xml");
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
    }

    #[test]
    fn lines_lay_out_paragraphs() {
        let mut l = Lines::default();
        l.paragraph(Para { text: "one".into(), quote: false });
        l.label("[footnote 1]");
        l.paragraph(Para { text: "two".into(), quote: true });
        let d = l.into_document();
        assert_eq!(d.text, "one\n[footnote 1]\ntwo\n");
        assert_eq!(d.masks, vec![4..16]);
        assert_eq!(d.quotations, vec![17..20]);
    }

    #[test]
    fn xml_depth_and_syntax_are_limited() {
        let limits = Limits { max_depth: 3, ..Limits::default() };
        let deadline = Deadline::new(&limits);
        let mut x = Xml::new(b"<a><b><c><d/></c></b></a>", "p.xml", &limits, deadline);
        while x.next().unwrap().is_some() {}
        let mut x = Xml::new(b"<a><b><c><d></d></c></b></a>", "p.xml", &limits, deadline);
        let e = loop {
            match x.next() {
                Ok(Some(_)) => {}
                Ok(None) => panic!("no error"),
                Err(e) => break e,
            }
        };
        assert_eq!(e.kind, ErrorKind::TooLarge);
        let mut x = Xml::new(b"<a><b></a>", "p.xml", &limits, deadline);
        let e = loop {
            match x.next() {
                Ok(Some(_)) => {}
                Ok(None) => panic!("no error"),
                Err(e) => break e,
            }
        };
        assert_eq!(e.kind, ErrorKind::Malformed);
        assert!(e.message.starts_with("p.xml: not well-formed XML"), "{}", e.message);
    }
}
