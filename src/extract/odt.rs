//! ODT (OpenDocument text), read with `zip` and `quick-xml` from `content.xml`, and the
//! headers and footers of the master pages in `styles.xml`.
//!
//! Laid out like DOCX: one paragraph (`text:p`, `text:h`) per line, so a finding's line is the
//! paragraph's number; then the notes and the headers and footers, each introduced by a masked
//! label line (`[footnote 1]`, `[header 1]`). `text:span`, links and fields are read through;
//! `text:s` is its count of spaces, `text:tab` a tab, `text:line-break` U+2028 LINE SEPARATOR.
//! Tracked insertions are in the text and are read; tracked deletions live apart, in
//! `text:tracked-changes`, and are not. Comments (`office:annotation`), note citations and list
//! labels are left out. Paragraphs in the "Quotations" style (or one based on it) are quotations.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::xml::{Deadline, LINE_BREAK, Lines, Ns, Package, Para, Xml, attr, malformed};
use super::{Document, ErrorKind, ExtractError, Limits};

/// Most spaces one `text:s` stands for.
const MAX_SPACES: usize = 1024;

/// Reads an ODT file.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    let deadline = Deadline::new(limits);
    let mut pkg = Package::open(bytes, limits, "ODT")?;
    if let Some(manifest) = pkg.read("META-INF/manifest.xml")?
        && manifest.windows(15).any(|w| w == b"encryption-data")
    {
        return Err(ExtractError::new(ErrorKind::Encrypted, "the ODT document is password-protected"));
    }
    let Some(content) = pkg.read("content.xml")? else {
        return Err(malformed("not an OpenDocument file: the package has no content.xml"));
    };
    let mut reader = Reader { styles: HashMap::new(), limits, deadline };
    let mut pages = Lines::default();
    if let Some(styles) = pkg.read("styles.xml")? {
        reader.part(&styles, "styles.xml", true, &mut Lines::default(), &mut pages)?;
    }
    let mut lines = Lines::default();
    let mut notes = Lines::default();
    reader.part(&content, "content.xml", false, &mut lines, &mut notes)?;
    lines.append(notes);
    lines.append(pages);
    deadline.check()?;
    Ok(lines.into_document())
}

/// A paragraph style: its parent and its display name.
#[derive(Debug, Default, Clone)]
struct Style {
    parent: Option<String>,
    display: Option<String>,
}

struct Reader<'a> {
    styles: HashMap<String, Style>,
    limits: &'a Limits,
    deadline: Deadline,
}

fn skipped(ns: Ns, local: &[u8]) -> bool {
    match ns {
        Ns::Text => matches!(local, b"tracked-changes" | b"note-citation" | b"number" | b"sequence-decls"),
        Ns::Office => matches!(local, b"annotation" | b"forms" | b"scripts" | b"font-face-decls"),
        Ns::Svg => matches!(local, b"title" | b"desc"),
        _ => false,
    }
}

/// Elements of the text namespace that hold paragraphs rather than text.
fn structural(local: &[u8]) -> bool {
    matches!(
        local,
        b"note-body" | b"list" | b"list-item" | b"list-header" | b"section" | b"index-body" | b"index-title"
    ) || local.ends_with(b"-index")
        || local == b"table-of-content"
}

fn is_quote_name(name: &str) -> bool {
    matches!(name.to_lowercase().as_str(), "quotations" | "quotation" | "quote" | "intense quote" | "intense_20_quote")
}

/// What an open element is, for the readers' purposes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Open {
    Para,
    /// A footnote or an endnote.
    Note,
    /// A header or footer of a master page.
    Page,
    /// Another element of the text namespace (a span, a link, a field…).
    Inline,
    Other,
}

impl Reader<'_> {
    fn is_quote(&self, style: &str) -> bool {
        let mut at = Some(style.to_string());
        for _ in 0..16 {
            let Some(name) = at else { return false };
            let s = self.styles.get(&name);
            if is_quote_name(&name) || s.and_then(|s| s.display.as_deref()).is_some_and(is_quote_name) {
                return true;
            }
            at = s.and_then(|s| s.parent.clone());
        }
        false
    }

    /// Reads one part. In `styles.xml` (`pages_only`), only the paragraphs of headers and footers
    /// are text, each header or footer labelled; in `content.xml`, the paragraphs of notes go to
    /// `notes`, each note labelled.
    fn part(
        &mut self,
        bytes: &[u8],
        name: &str,
        pages_only: bool,
        lines: &mut Lines,
        aside: &mut Lines,
    ) -> Result<(), ExtractError> {
        let mut xml = Xml::new(bytes, name, self.limits, self.deadline);
        let mut open: Vec<Open> = Vec::new();
        let mut paras: Vec<Para> = Vec::new();
        let (mut footnotes, mut endnotes, mut headers, mut footers) = (0, 0, 0, 0);
        while let Some((ns, event)) = xml.next()? {
            match &event {
                Event::Start(e) => {
                    let local = e.local_name();
                    let local = local.as_ref();
                    if skipped(ns, local) {
                        xml.skip_element()?;
                        continue;
                    }
                    let kind = match (ns, local) {
                        (Ns::Text, b"p" | b"h") => {
                            paras.push(self.paragraph(e));
                            Open::Para
                        }
                        (Ns::Text, b"note") => {
                            let label = if attr(e, b"note-class").as_deref() == Some("endnote") {
                                endnotes += 1;
                                format!("[endnote {endnotes}]")
                            } else {
                                footnotes += 1;
                                format!("[footnote {footnotes}]")
                            };
                            aside.label(&label);
                            Open::Note
                        }
                        (Ns::Style, b"header" | b"header-left" | b"header-first") if pages_only => {
                            headers += 1;
                            aside.label(&format!("[header {headers}]"));
                            Open::Page
                        }
                        (Ns::Style, b"footer" | b"footer-left" | b"footer-first") if pages_only => {
                            footers += 1;
                            aside.label(&format!("[footer {footers}]"));
                            Open::Page
                        }
                        (Ns::Style, b"style") => {
                            self.style(e);
                            Open::Other
                        }
                        _ => {
                            inline(ns, e, &mut paras);
                            if ns == Ns::Text && !structural(local) { Open::Inline } else { Open::Other }
                        }
                    };
                    open.push(kind);
                }
                Event::Empty(e) => match (ns, e.local_name().as_ref()) {
                    (Ns::Text, b"p" | b"h") => {
                        let p = self.paragraph(e);
                        self.finish(p, &open, pages_only, lines, aside);
                    }
                    (Ns::Style, b"style") => self.style(e),
                    _ => inline(ns, e, &mut paras),
                },
                Event::End(_) => {
                    if open.pop() == Some(Open::Para)
                        && let Some(p) = paras.pop()
                    {
                        self.finish(p, &open, pages_only, lines, aside);
                    }
                }
                // Character data of the paragraph itself or of a span, link or field in it; not
                // the white space between a note's parts, nor text in drawing elements.
                _ => {
                    if matches!(open.last(), Some(Open::Para | Open::Inline))
                        && let Some(p) = paras.last_mut()
                        && let Some(text) = xml.text(&event)?
                    {
                        // Line ends and tabs in the XML are white space, as ODF reads them.
                        p.push_text(&text.replace('\t', " "));
                    }
                }
            }
        }
        Ok(())
    }

    fn paragraph(&self, e: &BytesStart<'_>) -> Para {
        let quote = attr(e, b"style-name").is_some_and(|s| self.is_quote(&s));
        Para { text: String::new(), quote }
    }

    /// Files a finished paragraph: in a note or a header, aside; elsewhere, as a line (in
    /// `styles.xml`, only header and footer paragraphs are text).
    fn finish(&self, p: Para, open: &[Open], pages_only: bool, lines: &mut Lines, aside: &mut Lines) {
        if open.iter().any(|o| matches!(o, Open::Note | Open::Page)) {
            aside.paragraph(p);
        } else if !pages_only {
            lines.paragraph(p);
        }
    }

    fn style(&mut self, e: &BytesStart<'_>) {
        if let Some(name) = attr(e, b"name") {
            let style = Style { parent: attr(e, b"parent-style-name"), display: attr(e, b"display-name") };
            self.styles.insert(name, style);
        }
    }
}

/// An element met inside a paragraph: spaces, a tab, a line break.
fn inline(ns: Ns, e: &BytesStart<'_>, paras: &mut [Para]) {
    let Some(p) = paras.last_mut() else { return };
    if ns != Ns::Text {
        return;
    }
    match e.local_name().as_ref() {
        b"s" => {
            let n = attr(e, b"c").and_then(|c| c.trim().parse::<usize>().ok()).unwrap_or(1);
            p.text.extend(std::iter::repeat_n(' ', n.clamp(1, MAX_SPACES)));
        }
        b"tab" => p.text.push('\t'),
        b"line-break" => p.text.push(LINE_BREAK),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_names() {
        assert!(is_quote_name("Quotations"));
        assert!(!is_quote_name("Text_20_body"));
    }
}
