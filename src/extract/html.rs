//! HTML via html5gum, a WHATWG-conforming tokenizer that reports the byte span of each token.
//!
//! The document text is the file's own text (decoded, honouring a `<meta charset>`), so byte
//! offsets, lines and columns are the source's. Only the text between tags is prose; the rest
//! is masked (read by the normaliser as a line break, never matched): tags with their
//! attribute values, comments, the doctype, the contents of `<script>`, `<style>`,
//! `<noscript>`, `<textarea>`, `<iframe>`, `<code>`, `<kbd>` and `<samp>`, and bare URLs in the
//! text. (What `<head>` holds besides the `<title>`, which is prose, is tags, scripts and
//! styles; text there is shown by a browser in the body, and read here too.) Character references (`&eacute;`,
//! `&#233;`, `&#xE9;`, `&nbsp;`, `&amp;`, legacy forms without `;`) are substitutions: matched
//! as the characters they stand for, decoded exactly as a browser does, while offsets stay in
//! the source. `<blockquote>` and `<q>` contents are quotations.
//!
//! Since a tag reads as a line break, a tag between two words separates them as the space
//! there already does ("child <b>porn</b>" matches "child porn"), but a tag inside a word
//! splits it ("chi<b>ld</b> porn" does not match): a known limit.

use std::convert::Infallible;
use std::ops::Range;

use encoding_rs::{Encoding, UTF_8};
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Token, Tokenizer};

use super::markup::{complement, merge, valid, without_urls};
use super::{Document, ExtractError, Limits};

/// Elements whose content is never prose.
const HIDDEN: [&[u8]; 11] = [
    b"script",
    b"style",
    b"noscript",
    b"textarea",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"code",
    b"kbd",
    b"samp",
];

/// Elements whose content is a quotation.
const QUOTES: [&[u8]; 2] = [b"blockquote", b"q"];

/// Reads HTML bytes.
pub fn extract(bytes: &[u8], _limits: &Limits) -> Result<Document, ExtractError> {
    let (text, encoding) = decode(bytes)?;
    let mut doc = Document { text, encoding, ..Document::default() };
    mark(&mut doc);
    Ok(doc)
}

/// Decodes HTML: a byte-order mark wins, then valid UTF-8, then the `<meta charset>` the page
/// declares, then luxlint's usual text decoding (Windows-1252 for legacy bytes).
fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>), ExtractError> {
    if !super::text::has_text_bom(bytes)
        && std::str::from_utf8(bytes).is_err()
        && let Some(enc) = meta_charset(bytes)
        && enc != UTF_8
    {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok((text.into_owned(), Some(enc.name())));
    }
    super::text::decode(bytes)
}

/// The ASCII-compatible encoding a `<meta charset="…">` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` in the first 1024 bytes declares.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at + 5;
        let end = lower[start..].iter().position(|&b| b == b'>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
                let label_end =
                    rest.iter().position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/') || b.is_ascii_whitespace());
                let label = &rest[..label_end.unwrap_or(rest.len())];
                // A page cannot declare UTF-16 in ASCII; such a declaration means UTF-8.
                return Encoding::for_label(label).map(|e| e.output_encoding());
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// What the tokenizer has told so far.
#[derive(Default)]
struct State {
    prose: Vec<Range<usize>>,
    quotations: Vec<Range<usize>>,
    /// Open `<blockquote>`/`<q>` elements: name and where their content starts.
    open_quotes: Vec<(&'static [u8], usize)>,
    /// Open elements whose content is hidden, innermost last.
    hidden: Vec<&'static [u8]>,
    /// The start tag being read.
    tag: Vec<u8>,
}

impl State {
    fn start_tag(&mut self, end_of_tag: usize) {
        let name = self.tag.as_slice();
        if let Some(h) = HIDDEN.iter().copied().find(|h| *h == name) {
            self.hidden.push(h);
        }
        if let Some(q) = QUOTES.iter().copied().find(|q| *q == name) {
            self.open_quotes.push((q, end_of_tag));
        }
    }

    fn end_tag(&mut self, name: &[u8], start_of_tag: usize) {
        if let Some(i) = self.hidden.iter().rposition(|h| *h == name) {
            self.hidden.truncate(i);
        }
        if let Some(i) = self.open_quotes.iter().rposition(|(q, _)| *q == name) {
            let start = self.open_quotes[i].1;
            self.quotations.push(start..start_of_tag.max(start));
            self.open_quotes.truncate(i);
        }
    }

    fn text(&mut self, span: Range<usize>) {
        if self.hidden.is_empty() {
            self.prose.push(span);
        }
    }
}

/// Fills the masks, substitutions and quotations of a document whose text is HTML.
pub(crate) fn mark(doc: &mut Document) {
    let text = doc.text.as_str();
    let mut state = State::default();
    {
        let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| -> Option<Infallible> {
            match event {
                CallbackEvent::OpenStartTag { name } => {
                    state.tag.clear();
                    state.tag.extend(name.iter().map(u8::to_ascii_lowercase));
                }
                CallbackEvent::CloseStartTag { .. } => state.start_tag(span.end),
                CallbackEvent::EndTag { name } => state.end_tag(&name.to_ascii_lowercase(), span.start),
                CallbackEvent::String { .. } => state.text(span.start..span.end),
                _ => {}
            }
            None
        });
        // Switch to raw text after <script>, <style>, <title>… as a browser's parser would.
        emitter.naively_switch_states(true);
        // Reading a &str cannot fail.
        let _ = Tokenizer::new_with_emitter(text, emitter).finish();
    }
    for (_, start) in state.open_quotes.drain(..) {
        state.quotations.push(start..text.len());
    }
    let mut prose = state.prose;
    prose.retain(|r| valid(text, r));
    let prose = without_urls(text, merge(prose));
    doc.masks = complement(&prose, text.len());
    doc.substitutions = references(text, &prose);
    let mut quotations = state.quotations;
    quotations.retain(|r| r.end <= text.len());
    doc.quotations = merge(quotations);
}

/// Longest run of letters and digits read after `&`: longer than any entity name or any
/// meaningful number.
const MAX_REFERENCE: usize = 40;

/// The character references inside the prose ranges, with the text each stands for.
fn references(text: &str, prose: &[Range<usize>]) -> Vec<(Range<usize>, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for r in prose {
        let mut i = r.start;
        while let Some(p) = bytes[i..r.end].iter().position(|&b| b == b'&') {
            let amp = i + p;
            let mut j = amp + 1;
            if bytes.get(j) == Some(&b'#') {
                j += 1;
                if matches!(bytes.get(j), Some(b'x' | b'X')) {
                    j += 1;
                }
            }
            let name_start = j;
            while j < r.end && bytes[j].is_ascii_alphanumeric() && j - name_start < MAX_REFERENCE {
                j += 1;
            }
            if j == name_start {
                i = amp + 1;
                continue;
            }
            if j < r.end && bytes[j] == b';' {
                j += 1;
            }
            let reference = &text[amp..j];
            let decoded = decode_reference(reference);
            if decoded != reference {
                out.push((amp..j, decoded));
            }
            i = j;
        }
    }
    out
}

/// Decodes one reference (with what follows it up to `;`) as a browser does in text, legacy
/// names without `;` included: `&copyx` is `©x`, `&#x80;` is `€`.
fn decode_reference(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    for token in Tokenizer::new(s).flatten() {
        if let Token::String(v) = token {
            out.extend_from_slice(&v);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize_marked;

    fn doc(s: &str) -> Document {
        extract(s.as_bytes(), &Limits::default()).unwrap()
    }

    fn normalized(s: &str) -> String {
        let d = doc(s);
        normalize_marked(&d.text, &d.marks()).text.trim().to_string()
    }

    #[test]
    fn tags_comments_and_attributes_are_masked() {
        let s = "<p class=\"child porn\" title='child porn'>one <b>two</b><!-- child porn --><br/>three</p>";
        assert_eq!(normalized(s), "one two three");
    }

    #[test]
    fn script_style_and_code_are_masked_title_kept() {
        let s = "<html><head><title>The Title</title><meta name=x content=y>\
                 <style>p { content: 'child porn' }</style>\
                 <script>if (a<b) s = '</p>child porn';</script></head>\
                 <body><p>Body <code>child_porn</code> text</p><noscript>child porn</noscript></body></html>";
        assert_eq!(normalized(s), "the title body text");
        // Without </head> or <body>, the body's text is still read.
        assert_eq!(normalized("<html><head><title>T</title><p>child porn</p>"), "t child porn");
    }

    #[test]
    fn references_decode_as_in_a_browser() {
        assert_eq!(normalized("<p>p&eacute;dopornographie &#233;&#xE9;&nbsp;&amp; &copy x &bogus; a&b</p>"), {
            "pedopornographie ee & © x &bogus; a&b"
        });
        let d = doc("<p>p&eacute;do</p>");
        assert_eq!(d.substitutions, vec![(4..12, "é".to_string())]);
        assert_eq!(decode_reference("&#x80;"), "€");
        assert_eq!(decode_reference("&notit;"), "¬it;");
        assert_eq!(normalized("<p>porno&shy;graphy</p>"), "pornography");
    }

    #[test]
    fn blockquote_and_q_are_quotations() {
        let s = "<p>a</p><blockquote><p>b <q>c</q></p></blockquote><q>d";
        let d = doc(s);
        let quoted: Vec<&str> = d.quotations.iter().map(|r| &s[r.clone()]).collect();
        assert_eq!(quoted, ["<p>b <q>c</q></p>", "d"]);
    }

    #[test]
    fn meta_charset_is_honoured_for_legacy_bytes() {
        let mut bytes = b"<html><head><meta charset=\"windows-1251\"></head><body>".to_vec();
        bytes.extend_from_slice(&[0xe4, 0xe5, 0xf2, 0xf1, 0xea, 0xee, 0xe9]); // детской
        let d = extract(&bytes, &Limits::default()).unwrap();
        assert!(d.text.ends_with("детской"));
        assert_eq!(d.encoding, Some("windows-1251"));
        let bytes = b"<meta http-equiv=Content-Type content='text/html; charset=iso-8859-1'><p>p\xe9do";
        let d = extract(bytes, &Limits::default()).unwrap();
        assert!(d.text.ends_with("pédo"));
        // Valid UTF-8 stays UTF-8 whatever the page says.
        let d = extract("<meta charset=windows-1252><p>pédo".as_bytes(), &Limits::default()).unwrap();
        assert!(d.text.ends_with("pédo"));
        assert_eq!(d.encoding, None);
    }

    #[test]
    fn inline_tags_separate_like_a_space() {
        assert_eq!(normalized("<p>child <b>porn</b></p>"), "child porn");
        assert_eq!(normalized("<p>chi<b>ld</b> porn</p>"), "chi ld porn");
    }
}
