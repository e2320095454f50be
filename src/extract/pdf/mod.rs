//! PDF text extraction on top of lopdf's object model.
//!
//! lopdf parses the file (cross-reference repair, object streams, decryption with the empty
//! user password); everything after that is ours: the page tree ([`pages`]), the content
//! stream interpreter ([`content`]) with fonts ([`font`], [`cmap`], [`encoding`],
//! [`glyphlist`], [`std14`]), the rebuilding of words, lines and columns from glyph positions
//! ([`layout`]), and the marking of running headers and footers ([`headers`]).
//!
//! The text of a page is its lines joined by `\n`; pages are joined by `\n\n`, and
//! [`Document::page_starts`] records where each begins.
//!
//! Hostile files: extraction runs on a helper thread and the caller stops waiting after the
//! per-file time limit, so that even a hang inside lopdf cannot hold up a batch (the thread
//! is then left to finish on its own; it holds only this file's memory). Our own loops check
//! the deadline and stop earlier, returning the pages read so far. Streams are decompressed
//! under the size limit, and every structure we walk (page tree, forms, arrays, CMaps) is
//! bounded in depth and size.

mod cff;
mod cff_strings;
mod cmap;
mod content;
mod encoding;
mod encoding_tables;
mod font;
mod glyphlist;
mod glyphlist_table;
mod headers;
mod layout;
mod lexer;
mod limits;
mod objects;
mod pages;
mod std14;
mod std14_table;
#[doc(hidden)]
pub mod testing;

use std::ops::Range;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use lopdf::{LoadOptions, Object};

use super::{Document, ErrorKind, ExtractError, Limits};
use content::{Caches, Interpreter};
use limits::{Budget, MAX_DOC_TEXT, Stop};
use pages::PageRef;

/// Stack of the helper thread: lopdf's parser recurses (to a bounded depth).
const HELPER_STACK: usize = 16 * 1024 * 1024;
/// Share of the time limit after which our own loops stop and return what they have.
const INNER_DEADLINE: f64 = 0.9;
/// Share of the time limit after which the caller stops waiting for the helper thread, so
/// that the answer comes back within the limit even on a loaded machine.
const WATCHDOG: f64 = 0.975;

/// Extracts the text of a PDF, page by page, within `limits`.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    let start = Instant::now();
    let owned: std::sync::Arc<[u8]> = bytes.into();
    let thread_limits = limits.clone();
    let (tx, rx) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new().name("luxlint-pdf".into()).stack_size(HELPER_STACK).spawn(move || {
        let result = crate::batch::contain(|| extract_until(&owned, &thread_limits, start));
        let _ = tx.send(result);
    });
    if spawned.is_err() {
        // No thread to be had: work here, still bounded by our own deadline checks.
        return settle(crate::batch::contain(|| extract_until(bytes, limits, start)));
    }
    let limit = Duration::from_millis((limits.max_millis as f64 * WATCHDOG) as u64);
    let wait = limit.saturating_sub(start.elapsed());
    match rx.recv_timeout(wait) {
        Ok(result) => settle(result),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(time_limit(limits.max_millis)),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(ExtractError::new(ErrorKind::Malformed, "the PDF reader stopped without a result"))
        }
    }
}

/// [`extract`] on the calling thread, without the watchdog (for fuzzing and tests, where a
/// hang should be seen rather than hidden).
pub fn extract_here(bytes: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    extract_until(bytes, limits, Instant::now())
}

fn settle(r: Result<Result<Document, ExtractError>, String>) -> Result<Document, ExtractError> {
    r.unwrap_or_else(|panic| {
        Err(ExtractError::new(ErrorKind::Malformed, format!("the PDF reader failed on this file ({panic})")))
    })
}

fn time_limit(millis: u64) -> ExtractError {
    ExtractError::new(ErrorKind::TooLarge, format!("reading took longer than the time limit of {millis} ms per file"))
}

fn lopdf_error(e: &lopdf::Error, max_stream: usize) -> ExtractError {
    use lopdf::Error as E;
    match e {
        E::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => ExtractError::new(
            ErrorKind::TooLarge,
            format!("a stream decompresses to more than {max_stream} bytes (the stream size limit)"),
        ),
        E::InvalidPassword | E::Decryption(_) | E::AlreadyEncrypted => ExtractError::new(
            ErrorKind::Encrypted,
            format!("the file is encrypted and could not be opened without a password ({e})"),
        ),
        _ => {
            let mut msg = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                msg.push_str(": ");
                msg.push_str(&s.to_string());
                source = s.source();
            }
            ExtractError::new(ErrorKind::Malformed, format!("not a readable PDF: {msg}"))
        }
    }
}

fn extract_until(bytes: &[u8], limits: &Limits, start: Instant) -> Result<Document, ExtractError> {
    let mut budget = Budget::new(limits, start, INNER_DEADLINE);
    match load_and_read(bytes, &mut budget, false) {
        // A cross-reference table that reads but points at the wrong bytes loses the objects
        // of pages silently; rebuilding it by scanning the file may find them. (When the page
        // tree itself does not load, lopdf has already tried that.)
        (Err(e), Retry::Rebuild) if budget.check().is_ok() => match load_and_read(bytes, &mut budget, true) {
            (Ok(doc), _) => Ok(doc),
            (Err(_), _) => Err(e),
        },
        (result, _) => result,
    }
}

/// Whether loading again with a rebuilt cross-reference table may help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retry {
    No,
    Rebuild,
}

/// Loads the file and reads its pages.
fn load_and_read(bytes: &[u8], budget: &mut Budget, rebuild: bool) -> (Result<Document, ExtractError>, Retry) {
    let options = LoadOptions {
        max_decompressed_size: Some(budget.max_stream),
        force_reconstruct: rebuild,
        ..LoadOptions::default()
    };
    let mut doc = match lopdf::Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(e) => return (Err(lopdf_error(&e, budget.max_stream)), Retry::No),
    };
    let rebuilt = rebuild || doc.xref_recovery == Some(lopdf::xref::XrefRecovery::Reconstructed);
    let mut pages_found = false;
    let result = read_document(&mut doc, bytes, budget, &mut pages_found);
    let retry = match &result {
        Err(e) if pages_found && !rebuilt && matches!(e.kind, ErrorKind::Malformed | ErrorKind::NoTextLayer) => {
            Retry::Rebuild
        }
        _ => Retry::No,
    };
    (result, retry)
}

fn read_document(
    doc: &mut lopdf::Document,
    bytes: &[u8],
    budget: &mut Budget,
    pages_found: &mut bool,
) -> Result<Document, ExtractError> {
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        return Err(ExtractError::new(
            ErrorKind::Encrypted,
            "the file is encrypted and needs a password (the empty user password did not open it)",
        ));
    }
    if doc.objects.len() > budget.max_objects {
        return Err(ExtractError::new(
            ErrorKind::TooLarge,
            format!("{} objects is over the limit of {}", doc.objects.len(), budget.max_objects),
        ));
    }
    objects::recover_stream_data(doc, bytes, budget.max_stream);
    budget.check().map_err(|_| time_limit(budget.millis()))?;
    let doc = &*doc;
    let pages = pages::pages(doc, budget).map_err(|_| time_limit(budget.millis()))?;
    if pages.is_empty() {
        return Err(ExtractError::new(
            ErrorKind::Malformed,
            "the file has no pages (its page tree is missing or empty)",
        ));
    }
    *pages_found = true;
    read_pages(doc, &pages, budget)
}

/// What one page gave.
struct PageText {
    lines: Vec<String>,
    images: usize,
    /// Why a content stream of the page could not be decoded (the rest was still read).
    damage: Option<String>,
    stop: Option<Stop>,
}

/// What the pages of a document gave, before it becomes a [`Document`].
#[derive(Default)]
struct Outcome {
    text: String,
    page_starts: Vec<usize>,
    page_lines: Vec<Vec<Range<usize>>>,
    page_errors: Vec<(usize, String)>,
    size_error: Option<String>,
    timed_out: bool,
    damage: Option<String>,
    image_pages: Vec<usize>,
}

fn read_pages(doc: &lopdf::Document, pages: &[PageRef<'_>], budget: &mut Budget) -> Result<Document, ExtractError> {
    let mut caches = Caches::default();
    let mut out = Outcome::default();
    for (i, page) in pages.iter().enumerate() {
        let number = i + 1;
        if i > 0 {
            out.text.push_str("\n\n");
        }
        out.page_starts.push(out.text.len());
        let mut ranges = Vec::new();
        if out.timed_out || out.text.len() > MAX_DOC_TEXT {
            out.page_lines.push(ranges);
            continue;
        }
        let got = read_page(doc, page, budget, &mut caches);
        for (k, line) in got.lines.iter().enumerate() {
            if k > 0 {
                out.text.push('\n');
            }
            ranges.push(out.text.len()..out.text.len() + line.len());
            out.text.push_str(line);
        }
        out.page_lines.push(ranges);
        if got.lines.is_empty() && got.images > 0 && got.stop.is_none() {
            out.image_pages.push(number);
        }
        if let Some(why) = got.damage {
            out.page_errors.push((number, why.clone()));
            out.damage.get_or_insert(why);
        }
        match got.stop {
            None => {}
            Some(Stop::Time) => {
                out.timed_out = true;
                out.page_errors.push((
                    number,
                    format!(
                        "the time limit of {} ms per file was reached on this page; it and the pages after it were not read",
                        budget.millis()
                    ),
                ));
            }
            Some(Stop::TooLarge(msg)) => {
                out.size_error.get_or_insert_with(|| msg.clone());
                out.page_errors.push((number, msg));
            }
        }
    }
    finish(out, pages.len(), budget.millis())
}

fn finish(mut out: Outcome, pages: usize, millis: u64) -> Result<Document, ExtractError> {
    if out.text.len() > MAX_DOC_TEXT {
        let first_unread = out.page_lines.iter().rposition(|l| !l.is_empty()).unwrap_or(0) + 2;
        if first_unread <= pages {
            out.page_errors.push((
                first_unread,
                format!("the document has more than {MAX_DOC_TEXT} bytes of text; this page and the ones after it were not read"),
            ));
        }
    }
    if !out.text.chars().any(|c| !c.is_whitespace()) {
        let plural =
            |n: usize, one: &str, many: &str| if n == 1 { format!("{n} {one}") } else { format!("{n} {many}") };
        return Err(if let Some(msg) = out.size_error {
            ExtractError::new(ErrorKind::TooLarge, msg)
        } else if out.timed_out {
            time_limit(millis)
        } else if !out.image_pages.is_empty() {
            ExtractError::new(
                ErrorKind::NoTextLayer,
                format!(
                    "no text layer: none of the {} text, and {} only images (a scanned document?); OCR is needed",
                    plural(pages, "page has", "pages have"),
                    plural(out.image_pages.len(), "has", "have"),
                ),
            )
        } else if let Some(why) = out.damage {
            ExtractError::new(ErrorKind::Malformed, format!("no text could be read: {why}"))
        } else {
            ExtractError::new(
                ErrorKind::NoTextLayer,
                format!(
                    "no text layer: none of the {} text or images (blank pages?)",
                    plural(pages, "page has", "pages have")
                ),
            )
        });
    }
    for p in out.image_pages {
        out.page_errors.push((p, "no text on this page, only images (scanned?); OCR is needed to read it".into()));
    }
    out.page_errors.sort_by_key(|e| e.0);
    let masks = headers::repeated_lines(&out.text, &out.page_lines);
    Ok(Document {
        text: out.text,
        masks,
        page_starts: Some(out.page_starts),
        page_errors: out.page_errors,
        ..Document::default()
    })
}

/// The content streams of a page, decoded and joined (they form one stream when split), and
/// why a part could not be decoded.
fn page_content(doc: &lopdf::Document, page: &PageRef<'_>, max: usize) -> Result<(Vec<u8>, Option<String>), Stop> {
    let streams: Vec<&lopdf::Stream> = match page.dict.get(b"Contents").ok().and_then(|c| objects::resolve(doc, c)) {
        Some(Object::Stream(s)) => vec![s],
        Some(Object::Array(parts)) => parts
            .iter()
            .filter_map(|p| match objects::resolve(doc, p) {
                Some(Object::Stream(s)) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    let mut damage = None;
    for s in streams {
        let room = max.saturating_sub(out.len());
        match objects::stream_bytes(s, room) {
            Ok(bytes) => out.extend_from_slice(&bytes),
            Err(objects::StreamError::TooLarge) => {
                return Err(Stop::TooLarge(format!(
                    "the page's content decompresses to more than {max} bytes (the stream size limit)"
                )));
            }
            // An undecodable part is skipped; the rest of the page is still read.
            Err(objects::StreamError::Undecodable(why)) => {
                damage.get_or_insert(format!("a content stream of this page could not be decoded ({why})"));
            }
        }
        out.push(b'\n');
    }
    Ok((out, damage))
}

fn read_page(doc: &lopdf::Document, page: &PageRef<'_>, budget: &mut Budget, caches: &mut Caches) -> PageText {
    let (content, damage) = match page_content(doc, page, budget.max_stream) {
        Ok(c) => c,
        Err(stop) => return PageText { lines: Vec::new(), images: 0, damage: None, stop: Some(stop) },
    };
    let interp = Interpreter::new(doc, budget, caches, page.bbox);
    let (shown, mut stop) = interp.run_page(&content, page.resources);
    let lines = match layout::page_lines(&shown, budget) {
        Ok(lines) => lines,
        Err(s) => {
            stop.get_or_insert(s);
            Vec::new()
        }
    };
    PageText { lines, images: shown.images, damage, stop }
}

#[cfg(test)]
mod tests {
    use super::testing::{HELVETICA, PdfBuilder, text_content};
    use super::*;

    fn extract_ok(bytes: &[u8]) -> Document {
        extract(bytes, &Limits::default()).expect("extracts")
    }

    #[test]
    fn pages_are_joined_and_recorded() {
        let mut b = PdfBuilder::new();
        b.page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, "First page"), (72.0, 680.0, "second line")]));
        b.page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, "Second page")]));
        let doc = extract_ok(&b.finish());
        assert_eq!(doc.text, "First page\nsecond line\n\nSecond page");
        assert_eq!(doc.page_starts, Some(vec![0, 24]));
        assert_eq!(doc.page_of(25), Some(2));
        assert!(doc.page_errors.is_empty());
    }

    #[test]
    fn empty_pages_keep_their_place() {
        let mut b = PdfBuilder::new();
        b.page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, "one")]));
        b.page(HELVETICA, b"");
        b.page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, "three")]));
        let doc = extract_ok(&b.finish());
        assert_eq!(doc.text, "one\n\n\n\nthree");
        assert_eq!(doc.page_starts, Some(vec![0, 5, 7]));
    }

    #[test]
    fn garbage_is_malformed() {
        let e = extract(b"%PDF-1.4\ngarbage", &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Malformed, "{e}");
        let e = extract(b"", &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Malformed);
    }

    #[test]
    fn image_only_pages_need_ocr() {
        let mut b = PdfBuilder::new();
        let img = b.stream(
            "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
            b"\x00",
        );
        let res = format!("/XObject << /Im0 {img} 0 R >>");
        b.page(&res, b"q 612 0 0 792 0 0 cm /Im0 Do Q");
        b.page(&res, b"q 612 0 0 792 0 0 cm /Im0 Do Q");
        let e = extract(&b.finish(), &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::NoTextLayer);
        assert!(e.message.contains("2 pages") && e.message.contains("OCR"), "{}", e.message);
    }

    #[test]
    fn a_zero_time_limit_stops() {
        let mut b = PdfBuilder::new();
        b.page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, "text")]));
        let limits = Limits { max_millis: 0, ..Limits::default() };
        let e = extract(&b.finish(), &limits).unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooLarge, "{e}");
    }
}
