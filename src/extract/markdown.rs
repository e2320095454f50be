//! Markdown (CommonMark with the GitHub extensions) via pulldown-cmark's offset iterator.
//!
//! The document text is the file's own text, so byte offsets, lines and columns are the
//! source's. Only prose is left unmasked: the text of paragraphs, headings, list items, table
//! cells, link text, image descriptions, footnotes, and the `title`, `subtitle`,
//! `description`, `summary` and `abstract` values of the front matter. Everything else is
//! masked (read by the normaliser as a line break, never matched): fenced code blocks and
//! inline code, HTML blocks and inline HTML, link destinations and titles, autolinks and bare
//! URLs, the rest of the front matter, and the markup characters themselves (`#`, `*`, `_`,
//! `>`, list markers, table pipes, backslash escapes).
//!
//! Indented code blocks are read as prose: in the documents luxlint reads, text indented by
//! four spaces is nearly always text pasted from a PDF or a word processor (whole UN reports
//! arrive that way), not code; code is fenced. Because masks read as a space, "**child** prostitution" still reads as "child
//! prostitution", while a word broken by markup ("chi**ld**") is not joined. Entity and
//! numeric references (`&eacute;`, `&#233;`) stand for their character. Block quotations are
//! recorded as quotations; GitHub alerts (`> [!NOTE]`) are notes, not quotations.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::markup::{complement, merge, valid, without_urls};
use super::{Document, ExtractError, Limits};

/// Reads Markdown bytes (any text encoding luxlint reads).
pub fn extract(bytes: &[u8], _limits: &Limits) -> Result<Document, ExtractError> {
    let (text, encoding) = super::text::decode(bytes)?;
    let mut doc = Document { text, encoding, ..Document::default() };
    mark(&mut doc);
    Ok(doc)
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// Fills the masks, substitutions and quotations of a document whose text is Markdown.
pub(crate) fn mark(doc: &mut Document) {
    let text = doc.text.as_str();
    let mut prose: Vec<Range<usize>> = Vec::new();
    let mut substitutions: Vec<(Range<usize>, String)> = Vec::new();
    let mut quotations: Vec<Range<usize>> = Vec::new();
    // Depths of the constructs whose text is not prose.
    let (mut code, mut metadata, mut autolink) = (0usize, 0usize, 0usize);
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            Event::Text(_) if metadata > 0 && valid(text, &range) => prose.extend(front_matter_prose(text, range)),
            Event::Start(Tag::MetadataBlock(_)) => metadata += 1,
            Event::End(TagEnd::MetadataBlock(_)) => metadata = metadata.saturating_sub(1),
            Event::Start(Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. }) => autolink += 1,
            Event::End(TagEnd::Link) if autolink > 0 => autolink -= 1,
            // A GitHub alert (`> [!NOTE]`) is a note of the author's, not a quotation.
            Event::Start(Tag::BlockQuote(None)) if valid(text, &range) => quotations.push(range),
            Event::Text(t) if code == 0 && metadata == 0 && autolink == 0 && valid(text, &range) => {
                let source = &text[range.clone()];
                if source != &*t && source.starts_with('&') && source.ends_with(';') {
                    // An entity or numeric reference: matched as the character it stands for.
                    substitutions.push((range.clone(), t.into_string()));
                }
                prose.push(range);
            }
            _ => {}
        }
    }
    let prose = merge(prose);
    // A reference is one text event of its own, so it never holds a URL to cut out.
    let prose = without_urls(text, prose);
    doc.masks = complement(&prose, text.len());
    substitutions.retain(|(r, _)| prose.iter().any(|p| p.start <= r.start && r.end <= p.end));
    doc.substitutions = substitutions;
    doc.quotations = merge(quotations);
}

/// Front-matter keys whose values are prose.
const PROSE_KEYS: [&str; 5] = ["title", "subtitle", "description", "summary", "abstract"];

/// The ranges of the prose values (`title: …`, `title = "…"`) in a front-matter block.
fn front_matter_prose(text: &str, block: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = block.start;
    for line in text[block].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let Some(sep) = line.find([':', '=']) else { continue };
        if !PROSE_KEYS.contains(&line[..sep].trim().trim_matches('"').to_ascii_lowercase().as_str()) {
            continue;
        }
        let value = &line[sep + 1..];
        let trimmed = value.trim();
        let unquoted = trimmed.trim_matches(|c| c == '"' || c == '\'');
        // Lists, maps and block scalars are left masked.
        if unquoted.is_empty() || trimmed.starts_with(['[', '{', '|', '>']) {
            continue;
        }
        let offset = start
            + sep
            + 1
            + (value.len() - value.trim_start().len())
            + (trimmed.len() - trimmed.trim_start_matches(['"', '\'']).len());
        out.push(offset..offset + unquoted.len());
    }
    out
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
        normalize_marked(&d.text, &d.marks()).text
    }

    #[test]
    fn markup_is_masked_and_prose_kept() {
        assert_eq!(normalized("# A **child** prostitution case\n"), " a child prostitution case ");
        assert_eq!(normalized("- one\n- two `code` three\n"), " one two three ");
        assert_eq!(normalized("| a | b |\n|---|---|\n| c | d |\n"), " a b c d ");
    }

    #[test]
    fn code_urls_and_html_are_masked() {
        let n = normalized("See `child_porn.zip` and\n\n```\nchild porn\n```\n\n<div>child porn</div>\n");
        assert!(!n.contains("porn"), "{n:?}");
        let n = normalized("[the report](https://example.org/child-porn \"child porn\") <https://x.org/child-porn>\n");
        assert_eq!(n.trim(), "the report");
        let n = normalized("read www.example.org/child-porn now\n");
        assert_eq!(n.trim(), "read now");
    }

    #[test]
    fn front_matter_is_masked_but_for_its_prose_values() {
        let s = "---\ntitle: \"A child porn case\"\ntags: [child porn]\nurl: https://x.org/child-porn\n---\n\nBody.\n";
        assert_eq!(normalized(s).trim(), "a child porn case body.");
        let s = "+++\nTitle = 'On child porn'\nslug = \"child-porn\"\n+++\n\nBody.\n";
        assert_eq!(normalized(s).trim(), "on child porn body.");
    }

    #[test]
    fn indented_blocks_are_prose_fenced_blocks_code() {
        assert_eq!(normalized("Intro.\n\n          Pasted child porn text\n").trim(), "intro. pasted child porn text");
        assert_eq!(normalized("Intro.\n\n~~~\nchild porn\n~~~\n").trim(), "intro.");
    }

    #[test]
    fn entities_are_substituted() {
        let d = doc("La p&eacute;dopornographie &#233;\n");
        assert_eq!(d.substitutions, vec![(4..12, "é".to_string()), (27..33, "é".to_string())]);
        assert!(normalized("La p&eacute;dopornographie\n").contains("pedopornographie"));
    }

    #[test]
    fn blockquotes_are_quotations_but_alerts_are_not() {
        let s = "Before.\n\n> quoted line\n> more\n\nAfter.\n\n> [!NOTE]\n> a note\n";
        let d = doc(s);
        assert_eq!(d.quotations.len(), 1);
        assert_eq!(&s[d.quotations[0].clone()], "> quoted line\n> more\n");
    }

    #[test]
    fn hyphenation_across_lines_still_joins() {
        assert!(normalized("child pornogra-\nphy\n").contains("child pornography"));
        assert!(normalized("> child pornogra-\n> phy\n").contains("child pornography"));
    }
}
