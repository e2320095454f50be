//! Splitting a document into provisions as it numbers them ("Section 1", "s. 160",
//! "Article 227-23", "Art. 189", "Artículo 183 ter", "Art. 241-A", "§ 184b", numbered paragraphs
//! of UN documents "78."), and citing a position inside a provision with its sub-paragraph
//! markers ("s. 1(1)(a)", "Art. 241-B", "§ 2252A(a)(2)").

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::model::DocKind;

/// A provision: a numbered unit of a law, a paragraph of a UN document, a headed section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provision {
    /// Byte range in the document text, from its heading to the next provision.
    pub range: Range<usize>,
    /// How the document numbers it ("Art. 227-23", "s. 1", "§ 2252A", "para. 78"), or its
    /// heading text for an unnumbered section.
    pub label: String,
    /// True for a numbered provision.
    pub numbered: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadingKind {
    Article,
    Section,
    Paragraph,
    Numbered,
    Other,
}

struct Patterns {
    article: Regex,
    section: Regex,
    paragraph_sign: Regex,
    bare_number: Regex,
    un_paragraph: Regex,
    /// Part, chapter, title… headings: they group provisions, they are not one.
    structural: Regex,
    /// Editorial notes, amendment history: not the text of the law.
    notes: Regex,
    sub: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        // The number must end the heading or be followed by punctuation, a Latin ordinal
        // suffix or a capital (the provision's text) — not by a lowercase word ("Artículo 128
        // sustituido por…" is a note, not a heading).
        article: Regex::new(
            r"^(?i:art(?:icle|[íi]culo|igo|ikel|\.|º)|art\s)\s*(?:n\.?\s*[º°o]\s*)?(\d+(?:[-–.]\d+)*(?:\s?[º°o]|er|re)?(?:(?:[-–\s])(?:(?i:bis|ter|quater|quinquies|sexies|septies|octies)|[A-Z])\b)?)(?:\s*$|\s*[.:—–\-)]|\s+\p{Lu}|\s+\()",
        )
        .expect("article regex"),
        section: Regex::new(r"^(?i:section|sec\.|s\.)\s*(\d+[A-Z]*(?:-\d+)?)\b(?:\s*$|\s*[.:—–\-)]|\s+\p{Lu}|\s+\()")
            .expect("section regex"),
        paragraph_sign: Regex::new(r"^§+\s*(\d+[a-zA-Z]*)(?:\s*[º°o])?\.?").expect("paragraph sign regex"),
        bare_number: Regex::new(r"^(\d{1,4}[A-Z]{0,2})\.?$").expect("bare number regex"),
        un_paragraph: Regex::new(r"^(\d{1,3}(?:\.\d{1,3})?)\.?\s+\S").expect("UN paragraph regex"),
        structural: Regex::new(
            r"^(?i:part|chapter|title|book|division|partie|livre|titre|chapitre|parte|libro|t[íi]tulo|cap[íi]tulo|secci[óo]n|se[çc][ãa]o|teil|buch|kapitel|abschnitt|titel|unterabschnitt)\s+(?:[IVXLCDM]+|\d+[A-Za-z]?|(?i:premier|première|primero|primera|primeiro|erster|erstes|one|two|three|first|second|third|preliminar|preliminary|unique|único|única))(?:\s*$|\s*[.:—–-]|\s+\p{Lu})",
        )
        .expect("structural heading regex"),
        notes: Regex::new(
            r"(?i)^(?:editorial notes?|statutory notes?|amendments?|codification|references in text|effective date|short title|notes?|historical and revision notes|derivation|annotations?|related subsidiaries|notas?|vigencia|modificaciones|historique|anmerkungen?)\b",
        )
        .expect("notes heading regex"),
        sub: Regex::new(r"^(?:\((\d{1,3}[A-Za-z]?)\)|\(([a-z]{1,3})\)|\(([A-Z]{1,2})\)|([a-z])\)\s|(\d{1,2})\.\s|§\s*(\d+)[º°o]?|([IVX]{1,6})\s*[-–—]\s)")
            .expect("sub-paragraph regex"),
    })
}

/// A line with its byte offset and its text stripped of Markdown markup.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str, &str, bool)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let is_md_heading = trimmed.starts_with('#');
        let stripped = trimmed.trim_start_matches(['#', '>', ' ', '\t']).trim_start_matches(['*', '_', ' ', '-', '+']);
        let stripped = stripped.trim_start_matches(['*', '_', ' ']);
        (start, line, stripped, is_md_heading)
    })
}

/// Markdown emphasis and backslash escapes do not change what a line says ("**ARTICULO 9°**—",
/// "2\\. El que…").
fn plain(line: &str) -> std::borrow::Cow<'_, str> {
    if line.contains(['*', '\\']) {
        std::borrow::Cow::Owned(line.replace("**", "").replace('\\', ""))
    } else {
        std::borrow::Cow::Borrowed(line)
    }
}

fn classify(stripped: &str, is_md_heading: bool, p: &Patterns) -> Option<(HeadingKind, String)> {
    let plain = plain(stripped);
    let stripped = plain.as_ref();
    if let Some(c) = p.article.captures(stripped) {
        let num = c[1].trim().replace(['º', '°'], "").replace(" o", "");
        return Some((HeadingKind::Article, format!("Art. {}", num.trim_end_matches('.'))));
    }
    if let Some(c) = p.section.captures(stripped) {
        return Some((HeadingKind::Section, format!("s. {}", &c[1])));
    }
    if let Some(c) = p.paragraph_sign.captures(stripped) {
        return Some((HeadingKind::Paragraph, format!("§ {}", &c[1])));
    }
    if is_md_heading {
        let clean = stripped.trim_end_matches(['*', '_', ' ']);
        if let Some(c) = p.bare_number.captures(clean) {
            return Some((HeadingKind::Section, format!("s. {}", &c[1])));
        }
        if !clean.is_empty() {
            return Some((HeadingKind::Other, clean.chars().take(80).collect()));
        }
    }
    if p.structural.is_match(stripped) && stripped.chars().count() < 120 {
        return Some((HeadingKind::Other, stripped.trim().chars().take(80).collect()));
    }
    if let Some(c) = p.un_paragraph.captures(stripped) {
        return Some((HeadingKind::Numbered, format!("para. {}", &c[1])));
    }
    None
}

/// Splits `text` into provisions. Laws are split at Article/Section/§ headings (and at other
/// headings, which start unnumbered units such as editorial notes); UN reports and policies at
/// numbered paragraphs and headings. Text before the first heading is a preamble unit.
pub fn segment(text: &str, kind: DocKind) -> Vec<Provision> {
    let p = patterns();
    let mut heads: Vec<(usize, HeadingKind, String)> = Vec::new();
    for (start, _line, stripped, md) in lines_with_offsets(text) {
        if let Some((k, label)) = classify(stripped, md, p) {
            heads.push((start, k, label));
        }
    }
    let count = |k: HeadingKind| heads.iter().filter(|h| h.1 == k).count();
    let articles = count(HeadingKind::Article);
    let sections = count(HeadingKind::Section);
    // In a document numbered by articles, "§ 1" is a paragraph of an article, not a provision.
    let paragraphs_are_provisions = articles == 0;
    // Numbered paragraphs are provisions in UN reports and policies, and in laws with no other
    // numbering; elsewhere "1." is a sub-paragraph.
    let numbered_are_provisions =
        matches!(kind, DocKind::UnReport | DocKind::Policy | DocKind::Other) || (articles == 0 && sections == 0);
    heads.retain(|(_, k, _)| match k {
        HeadingKind::Paragraph => paragraphs_are_provisions,
        HeadingKind::Numbered => numbered_are_provisions,
        _ => true,
    });
    // Unnumbered headings: a crossheading right before a numbered heading starts that
    // provision (UK Acts); a heading naming a part, chapter or editorial notes starts an
    // unnumbered unit; any other heading is a subtitle inside the current provision.
    let mut kept: Vec<(usize, HeadingKind, String)> = Vec::with_capacity(heads.len());
    let mut i = 0;
    while i < heads.len() {
        let (start, k, label) = heads[i].clone();
        if k == HeadingKind::Other {
            let first_line = text[start..].lines().next().unwrap_or("");
            let plain_line = plain(first_line.trim_start_matches(['#', ' ', '*', '_']));
            let groups = p.structural.is_match(&plain_line) || p.notes.is_match(&plain_line);
            let next_numbered = heads.get(i + 1).filter(|n| n.1 != HeadingKind::Other);
            let between = next_numbered.map(|n| text[start..n.0].lines().skip(1).all(|l| l.trim().is_empty()));
            if let (false, Some(n), Some(true)) = (groups, next_numbered, between) {
                kept.push((start, n.1, n.2.clone()));
                i += 2;
                continue;
            }
            let inside_numbered = kept.last().is_some_and(|h| h.1 != HeadingKind::Other);
            if !groups && inside_numbered {
                i += 1;
                continue;
            }
        }
        kept.push((start, k, label));
        i += 1;
    }
    let heads = kept;
    let mut out = Vec::with_capacity(heads.len() + 1);
    let first = heads.first().map_or(text.len(), |h| h.0);
    if first > 0 {
        out.push(Provision { range: 0..first, label: "preamble".into(), numbered: false });
    }
    for (i, (start, k, label)) in heads.iter().enumerate() {
        let end = heads.get(i + 1).map_or(text.len(), |h| h.0);
        out.push(Provision { range: *start..end, label: label.clone(), numbered: *k != HeadingKind::Other });
    }
    if out.is_empty() {
        out.push(Provision { range: 0..text.len(), label: "whole text".into(), numbered: false });
    }
    out
}

/// Cites `offset` inside `provision`: its label with the sub-paragraph markers in force there,
/// e.g. "s. 1(1)(a)".
pub fn cite(text: &str, provision: &Provision, offset: usize) -> String {
    if !provision.numbered {
        return provision.label.clone();
    }
    let p = patterns();
    // The markers in force, outermost first. Documents nest marker styles differently (US:
    // (a)(1)(A)(i); UK: (1)(a)(i)), so the nesting is learnt from the order they appear in: a
    // style already open closes everything inside it; a new style opens a deeper level.
    let mut stack: Vec<(Style, String)> = Vec::new();
    let body = &text[provision.range.clone()];
    for (i, (start, _line, stripped, _md)) in lines_with_offsets(body).enumerate() {
        if provision.range.start + start > offset {
            break;
        }
        if i == 0 {
            continue; // the heading line
        }
        let plain_line = plain(stripped);
        let Some(c) = p.sub.captures(&plain_line) else { continue };
        let (style, marker) = if let Some(m) = c.get(1) {
            (Style::Digit, m.as_str().to_string())
        } else if let Some(m) = c.get(2) {
            let m = m.as_str();
            (lower_or_roman(&stack, m), m.to_string())
        } else if let Some(m) = c.get(3) {
            (Style::Upper, m.as_str().to_string())
        } else if let Some(m) = c.get(4) {
            (Style::LowerParen, m.as_str().to_string())
        } else if let Some(m) = c.get(5) {
            (Style::DotNumber, m.as_str().to_string())
        } else if let Some(m) = c.get(6) {
            (Style::Paragraph, format!("§ {}", m.as_str()))
        } else if let Some(m) = c.get(7) {
            (Style::UpperRoman, m.as_str().to_string())
        } else {
            continue;
        };
        if let Some(pos) = stack.iter().position(|(s, _)| *s == style) {
            stack.truncate(pos);
        }
        stack.push((style, marker));
    }
    let mut cite = provision.label.clone();
    for (style, m) in &stack {
        if *style == Style::Paragraph {
            cite.push_str(", ");
            cite.push_str(m);
        } else {
            cite.push('(');
            cite.push_str(m);
            cite.push(')');
        }
    }
    cite
}

/// Styles of sub-paragraph markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Digit,
    Lower,
    Roman,
    Upper,
    LowerParen,
    DotNumber,
    Paragraph,
    UpperRoman,
}

/// "(i)" is a letter after "(h)", otherwise a roman numeral when letters are already open.
fn lower_or_roman(stack: &[(Style, String)], m: &str) -> Style {
    let roman = matches!(m, "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x" | "xi" | "xii");
    if !roman {
        return Style::Lower;
    }
    if stack.iter().any(|(s, _)| *s == Style::Roman) {
        return Style::Roman;
    }
    match stack.iter().find(|(s, _)| *s == Style::Lower) {
        Some((_, prev)) if prev.len() == 1 && m.len() == 1 && prev.as_bytes()[0] + 1 == m.as_bytes()[0] => Style::Lower,
        Some(_) => Style::Roman,
        None => Style::Lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str, kind: DocKind) -> Vec<String> {
        segment(text, kind).into_iter().map(|p| p.label).collect()
    }

    #[test]
    fn splits_laws_at_their_numbering() {
        let t = "Code\n\nArticle 227-23\nLe fait de…\n\nArticle 227-24\nTexte.\n";
        assert_eq!(labels(t, DocKind::Law), ["preamble", "Art. 227-23", "Art. 227-24"]);
        let t = "###### Artículo 183 ter.\n1. El que…\n###### Artículo 189.\nTexto\n";
        assert_eq!(labels(t, DocKind::Law), ["Art. 183 ter", "Art. 189"]);
        let t = "Art. 241-A. Vender ou expor à venda…\nArt. 241-B. Adquirir, possuir…\n§ 1o A pena…\n";
        assert_eq!(labels(t, DocKind::Law), ["Art. 241-A", "Art. 241-B"]);
        let t = "##### § 2252A. Certain activities\n(a) Any person\n#### Amendments\n2008 text\n";
        assert_eq!(labels(t, DocKind::Law), ["§ 2252A", "Amendments"]);
        let t = "# Protection of Children Act 1978\n#### Indecent photographs\n##### 1\n- (1) It is an offence\n##### 2\nEvidence\n";
        assert_eq!(labels(t, DocKind::Law), ["Protection of Children Act 1978", "s. 1", "s. 2"]);
        let t = "§ 184b Verbreitung\n(1) Wer…\n§ 184c\nText\n";
        assert_eq!(labels(t, DocKind::Law), ["§ 184b", "§ 184c"]);
        let t = "Article 1er\nDéfinitions\nArticle 2\nTexte\n";
        assert_eq!(labels(t, DocKind::Law), ["Art. 1er", "Art. 2"]);
        let t = "**ARTICULO 9°**— Texto.\n**ARTICULO 10°**— Texto.\n";
        assert_eq!(labels(t, DocKind::Law), ["Art. 9", "Art. 10"]);
    }

    #[test]
    fn crossheadings_subtitles_and_chapters() {
        // A UK crossheading belongs to the section after it.
        let t = "##### 14\nText.\n#### Meeting a child following grooming\n##### 15\nBody.\n";
        let p = segment(t, DocKind::Law);
        assert_eq!(p.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(), ["s. 14", "s. 15"]);
        assert!(t[p[1].range.clone()].starts_with("#### Meeting"));
        // A subtitle after an article heading stays in the article.
        let t = "#### Article 20\n##### Offences concerning child pornography\n1. Each Party shall…\n#### Article 21\nText\n";
        assert_eq!(labels(t, DocKind::Law), ["Art. 20", "Art. 21"]);
        // Notes and chapters start units of their own.
        let t = "##### § 2252A. Activities\n(a) Text\n#### Amendments\n2008 text\n";
        assert_eq!(labels(t, DocKind::Law), ["§ 2252A", "Amendments"]);
        let t = "Article 10\nTexte.\nChapitre IV — De la corruption de mineur\nArticle 11\nTexte.\n";
        assert_eq!(labels(t, DocKind::Law), ["Art. 10", "Chapitre IV — De la corruption de mineur", "Art. 11"]);
        // A wrapped line that happens to start with "Part II," is text, not a heading.
        let t = "Section 25. Data\nThe police shall keep offences under\nPart II, disaggregated by age.\n";
        assert_eq!(labels(t, DocKind::Law), ["s. 25"]);
    }

    #[test]
    fn un_recommendations_split_at_their_numbers() {
        let t = "110.71 Ratify the protocol;\n110.72 Combat trafficking;\n";
        assert_eq!(labels(t, DocKind::UnReport), ["para. 110.71", "para. 110.72"]);
    }

    #[test]
    fn notes_that_mention_an_article_are_not_headings() {
        let t = "**ARTICULO 128 —**Será reprimido\n*- Artículo 128 sustituido por art. 2° de la Ley*\n";
        assert_eq!(labels(t, DocKind::Law), ["Art. 128"]);
    }

    #[test]
    fn un_reports_split_at_numbered_paragraphs() {
        let t = "Report of the Working Group\n\n78. The Committee recommends…\n\n79. It also urges…\n";
        assert_eq!(labels(t, DocKind::UnReport), ["preamble", "para. 78", "para. 79"]);
    }

    #[test]
    fn cites_sub_paragraphs() {
        let t = "##### 1\n- (1) It is an offence for a person—\n- (a) to take a photograph; or\n- (b) to have in his possession such photographs\n- (2) Other\n";
        let provs = segment(t, DocKind::Law);
        let at = t.find("possession").unwrap();
        assert_eq!(cite(t, &provs[0], at), "s. 1(1)(b)");
        let at = t.find("Other").unwrap();
        assert_eq!(cite(t, &provs[0], at), "s. 1(2)");
        let t = "§ 2252A. Certain\n(a) Any person who—\n(2) knowingly receives\n(A) any child pornography\n";
        let provs = segment(t, DocKind::Law);
        assert_eq!(cite(t, &provs[0], t.find("any child").unwrap()), "§ 2252A(a)(2)(A)");
    }
}
