//! DOCX (Office Open XML word-processing documents), read with `zip` and `quick-xml`.
//!
//! The document text holds one paragraph per line, so a finding's line is the paragraph's
//! number (every `w:p` counts, empty ones and those in table cells and text boxes included):
//! first the body (the main document part), then the footnotes, the endnotes, the headers and
//! the footers, each note or part introduced by a bracketed label line such as
//! `[footnote 3]` or `[header 1]` that is masked and never matched.
//!
//! Inside a paragraph: the text of runs, hyperlinks, fields' results, content controls and
//! tracked insertions (`w:ins`, `w:moveTo`); not tracked deletions (`w:del`, `w:delText`,
//! `w:moveFrom`), field instructions, nor the fallback copy of a text box
//! (`mc:Fallback`). `w:tab` is a tab; `w:br` and `w:cr` are U+2028 LINE SEPARATOR (a line break
//! for matching, not a new line of the report); a non-breaking hyphen is U+2011, an optional
//! hyphen U+00AD. A text box's paragraphs are lines of their own, just before the paragraph
//! that anchors them. Paragraphs in a quotation style (`Quote`, `Intense Quote`, or a style
//! based on one) are quotations.

use std::collections::{HashMap, HashSet};

use quick_xml::events::Event;

use super::xml::{Deadline, LINE_BREAK, Lines, Ns, Package, Para, Xml, attr, malformed, resolve_target};
use super::{Document, ExtractError, Limits};

const DEFAULT_MAIN: &str = "word/document.xml";

/// Reads a DOCX file.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    let deadline = Deadline::new(limits);
    let mut pkg = Package::open(bytes, limits, "DOCX")?;
    let main = main_part(&mut pkg, limits, deadline)?;
    let Some(body) = pkg.read(&main)? else {
        return Err(malformed(format!("not a Word document: the package has no {main}")));
    };
    let rels = relationships(&mut pkg, &main, limits, deadline)?;
    let targets = |kind: &str| -> Vec<String> {
        let mut t: Vec<String> = rels.iter().filter(|(k, _)| k == kind).map(|(_, t)| t.clone()).collect();
        t.sort_by_key(|name| natural_key(name));
        t.dedup();
        t
    };
    let quote_styles = match targets("styles").first() {
        Some(styles) => match pkg.read(styles)? {
            Some(xml) => quote_styles(&xml, styles, limits, deadline)?,
            None => default_quote_styles(),
        },
        None => default_quote_styles(),
    };
    let reader = Reader { quote_styles: &quote_styles, limits, deadline };
    let mut lines = Lines::default();
    reader.part(&body, &main, &mut lines, None)?;
    for (kind, label) in [("footnotes", "footnote"), ("endnotes", "endnote")] {
        for part in targets(kind) {
            if let Some(xml) = pkg.read(&part)? {
                reader.part(&xml, &part, &mut lines, Some(label))?;
            }
        }
    }
    for kind in ["header", "footer"] {
        for (n, part) in targets(kind).iter().enumerate() {
            if let Some(xml) = pkg.read(part)? {
                lines.label(&format!("[{kind} {}]", n + 1));
                reader.part(&xml, part, &mut lines, None)?;
            }
        }
    }
    deadline.check()?;
    Ok(lines.into_document())
}

/// `header10.xml` after `header9.xml`.
fn natural_key(name: &str) -> (String, u64) {
    let stem = name.trim_end_matches(".xml");
    let digits = stem.len() - stem.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (head, num) = stem.split_at(stem.len() - digits);
    (head.to_string(), num.parse().unwrap_or(0))
}

/// The main document part named by the package relationships (`word/document.xml` as a rule).
fn main_part(pkg: &mut Package<'_>, limits: &Limits, deadline: Deadline) -> Result<String, ExtractError> {
    let rels = read_rels(pkg, "_rels/.rels", "", limits, deadline)?;
    Ok(rels
        .into_iter()
        .find(|(kind, target)| kind == "officeDocument" && pkg.has(target))
        .map_or_else(|| DEFAULT_MAIN.to_string(), |(_, t)| t))
}

/// The relationships of the main part: (type's last segment, resolved target). Without a
/// relationship part, the parts are found by their usual names.
fn relationships(
    pkg: &mut Package<'_>,
    main: &str,
    limits: &Limits,
    deadline: Deadline,
) -> Result<Vec<(String, String)>, ExtractError> {
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main));
    let rels_name = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
    if pkg.has(&rels_name) {
        return read_rels(pkg, &rels_name, main, limits, deadline);
    }
    let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
    let mut found = Vec::new();
    for name in pkg.names() {
        let Some(rest) = name.strip_prefix(&prefix) else { continue };
        let kind = match rest {
            "styles.xml" => "styles",
            "footnotes.xml" => "footnotes",
            "endnotes.xml" => "endnotes",
            r if r.starts_with("header") && r.ends_with(".xml") && !r.contains('/') => "header",
            r if r.starts_with("footer") && r.ends_with(".xml") && !r.contains('/') => "footer",
            _ => continue,
        };
        found.push((kind.to_string(), name.to_string()));
    }
    Ok(found)
}

/// Reads a relationships part: (type's last segment, target resolved against `base`).
fn read_rels(
    pkg: &mut Package<'_>,
    name: &str,
    base: &str,
    limits: &Limits,
    deadline: Deadline,
) -> Result<Vec<(String, String)>, ExtractError> {
    let Some(bytes) = pkg.read(name)? else { return Ok(Vec::new()) };
    let mut xml = Xml::new(&bytes, name, limits, deadline);
    let mut out = Vec::new();
    while let Some((_, event)) = xml.next()? {
        if let Event::Start(e) | Event::Empty(e) = &event
            && e.local_name().as_ref() == b"Relationship"
        {
            if attr(e, b"TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("external")) {
                continue;
            }
            if let (Some(kind), Some(target)) = (attr(e, b"Type"), attr(e, b"Target")) {
                let kind = kind.rsplit('/').next().unwrap_or("").to_string();
                out.push((kind, resolve_target(base, &target)));
            }
        }
    }
    Ok(out)
}

fn default_quote_styles() -> HashSet<String> {
    ["Quote", "IntenseQuote"].into_iter().map(String::from).collect()
}

fn is_quote_name(name: &str) -> bool {
    let n: String = name.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    matches!(n.as_str(), "quote" | "intensequote")
}

/// The ids of the paragraph styles that are quotations: named "Quote" or "Intense Quote" (the
/// built-in names, which Word keeps in English whatever the language of the interface), or based
/// on such a style.
fn quote_styles(
    bytes: &[u8],
    part: &str,
    limits: &Limits,
    deadline: Deadline,
) -> Result<HashSet<String>, ExtractError> {
    let mut xml = Xml::new(bytes, part, limits, deadline);
    // style id → (name, based on)
    let mut styles: HashMap<String, (Option<String>, Option<String>)> = HashMap::new();
    let mut current: Option<String> = None;
    while let Some((ns, event)) = xml.next()? {
        match &event {
            Event::Start(e) | Event::Empty(e) if ns == Ns::W => match e.local_name().as_ref() {
                b"style" => {
                    current = attr(e, b"styleId");
                    if let Some(id) = &current {
                        styles.entry(id.clone()).or_default();
                    }
                    if matches!(event, Event::Empty(_)) {
                        current = None;
                    }
                }
                b"name" | b"basedOn" => {
                    if let (Some(id), Some(val)) = (&current, attr(e, b"val")) {
                        let entry = styles.entry(id.clone()).or_default();
                        if e.local_name().as_ref() == b"name" {
                            entry.0 = Some(val);
                        } else {
                            entry.1 = Some(val);
                        }
                    }
                }
                _ => {}
            },
            Event::End(e) if ns == Ns::W && e.local_name().as_ref() == b"style" => current = None,
            _ => {}
        }
    }
    let mut quotes = default_quote_styles();
    for id in styles.keys() {
        let mut at = Some(id.clone());
        // Follow "based on" a bounded number of steps (a cycle must not hang).
        for _ in 0..16 {
            let Some(cur) = at else { break };
            let Some((name, based)) = styles.get(&cur) else { break };
            if is_quote_name(&cur) || name.as_deref().is_some_and(is_quote_name) {
                quotes.insert(id.clone());
                break;
            }
            at = based.clone();
        }
    }
    Ok(quotes)
}

/// Reads the paragraphs of one part.
struct Reader<'a> {
    quote_styles: &'a HashSet<String>,
    limits: &'a Limits,
    deadline: Deadline,
}

/// Elements whose whole content is left out.
fn skipped(ns: Ns, local: &[u8]) -> bool {
    match ns {
        Ns::W => matches!(local, b"del" | b"moveFrom" | b"delText" | b"instrText" | b"delInstrText" | b"sectPr"),
        Ns::Mc => local == b"Fallback",
        _ => false,
    }
}

/// The elements whose children matter, on the stack of open elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    P,
    PPr,
    R,
    T,
    Other,
}

impl Reader<'_> {
    /// Appends the paragraphs of a part to `lines`; in a notes part (`note` = "footnote" or
    /// "endnote"), each note is introduced by a label line.
    fn part(&self, bytes: &[u8], name: &str, lines: &mut Lines, note: Option<&str>) -> Result<(), ExtractError> {
        let mut xml = Xml::new(bytes, name, self.limits, self.deadline);
        let mut open: Vec<Open> = Vec::new();
        let mut paras: Vec<Para> = Vec::new();
        let mut notes = 0usize;
        while let Some((ns, event)) = xml.next()? {
            match &event {
                Event::Start(e) => {
                    let local = e.local_name();
                    let local = local.as_ref();
                    if skipped(ns, local) {
                        xml.skip_element()?;
                        continue;
                    }
                    if let (Some(label), Ns::W, b"footnote" | b"endnote") = (note, ns, local) {
                        let kind = attr(e, b"type").unwrap_or_default();
                        if matches!(kind.as_str(), "separator" | "continuationSeparator" | "continuationNotice") {
                            xml.skip_element()?;
                            continue;
                        }
                        notes += 1;
                        lines.label(&format!("[{label} {notes}]"));
                    }
                    let kind = match (ns, local) {
                        (Ns::W, b"p") => {
                            paras.push(Para::default());
                            Open::P
                        }
                        (Ns::W, b"pPr") => Open::PPr,
                        (Ns::W, b"r") => Open::R,
                        (Ns::W, b"t") => Open::T,
                        _ => Open::Other,
                    };
                    if kind != Open::P {
                        self.inline(ns, e, &open, &mut paras);
                    }
                    open.push(kind);
                }
                Event::Empty(e) => {
                    if ns == Ns::W && e.local_name().as_ref() == b"p" {
                        lines.paragraph(Para::default());
                    } else {
                        self.inline(ns, e, &open, &mut paras);
                    }
                }
                Event::End(_) => {
                    if open.pop() == Some(Open::P)
                        && let Some(p) = paras.pop()
                    {
                        lines.paragraph(p);
                    }
                }
                _ => {
                    if open.last() == Some(&Open::T)
                        && let Some(p) = paras.last_mut()
                        && let Some(text) = xml.text(&event)?
                    {
                        p.push_text(&text);
                    }
                }
            }
        }
        Ok(())
    }

    /// An element met inside a paragraph: a style, a tab, a break, a special hyphen.
    fn inline(&self, ns: Ns, e: &quick_xml::events::BytesStart<'_>, open: &[Open], paras: &mut [Para]) {
        let Some(p) = paras.last_mut() else { return };
        if ns != Ns::W {
            return;
        }
        let parent = open.last().copied();
        match (e.local_name().as_ref(), parent) {
            (b"pStyle", Some(Open::PPr)) if attr(e, b"val").is_some_and(|s| self.quote_styles.contains(&s)) => {
                p.quote = true;
            }
            (b"tab" | b"ptab", Some(Open::R)) => p.text.push('\t'),
            (b"br" | b"cr", Some(Open::R)) => p.text.push(LINE_BREAK),
            (b"noBreakHyphen", Some(Open::R)) => p.text.push('\u{2011}'),
            (b"softHyphen", Some(Open::R)) => p.text.push('\u{AD}'),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_of_parts() {
        let mut v = vec!["word/header10.xml", "word/header2.xml", "word/header1.xml"];
        v.sort_by_key(|n| natural_key(n));
        assert_eq!(v, ["word/header1.xml", "word/header2.xml", "word/header10.xml"]);
    }

    #[test]
    fn quote_style_names() {
        assert!(is_quote_name("Intense Quote"));
        assert!(is_quote_name("quote"));
        assert!(!is_quote_name("Quotations list"));
    }
}
