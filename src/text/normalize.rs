//! Normalisation of document text for matching, with an offset map back to the document.
//!
//! What it does, and why:
//! - Unicode case folding (full, not ASCII-only), plus `ß`→`ss`, `ς`→`σ`, `ё`→`е`, so that
//!   capitals in any script match.
//! - Compatibility decomposition (NFKD) so ligatures (`ﬁ`) and full-width forms match; then
//!   diacritics on Latin letters are dropped (`pédopornographie` = `pedopornographie`,
//!   composed and decomposed accents alike) while marks on other scripts (Cyrillic `й`, Thai
//!   vowels) are kept and recomposed (NFC).
//! - Any run of whitespace (spaces, tabs, NBSP, line breaks) and masked regions becomes one space.
//! - Soft hyphens and zero-width characters vanish.
//! - A hyphen between two letters becomes a space ("child-pornography" = "child pornography");
//!   a hyphen at the end of a line followed by a lowercase letter joins the word ("pornogra-\nphy").
//! - Curly apostrophes become `'`.
//!
//! Every output byte is covered by [`OffsetMap`]; matches are mapped back, never searched again.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::offset_map::OffsetMap;

/// Text prepared for matching, and the map back to the document text.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
}

impl Normalized {
    /// Document byte range of a normalised byte range.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        self.map.map_range(range)
    }
}

const ZERO_WIDTH: [char; 6] = ['\u{00AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];

#[inline]
fn is_space_char(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{0085}'
    ) || (c.is_ascii() && (c as u8).is_ascii_whitespace())
        || c == '\u{000B}'
}

#[inline]
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}' | '\u{000C}')
}

/// Punctuation and symbols frequent in legal text that are not spaces, hyphens, apostrophes or
/// letters, have no decomposition and fold to themselves.
#[inline]
fn is_plain_mark(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '§'
            | '¶'
            | '•'
            | '©'
            | '®'
            | '°'
            | '±'
            | '×'
            | '÷'
            | '£'
            | '€'
            | '¢'
            | '¥'
            | '–'
            | '—'
    )
}

#[inline]
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}')
}

/// Appends the case-folded form of `c`.
#[inline]
fn push_folded(c: char, out: &mut String) {
    match c {
        'ß' | 'ẞ' => out.push_str("ss"),
        'ς' => out.push('σ'),
        'ſ' => out.push('s'),
        'ё' | 'Ё' => out.push('е'),
        _ if c.is_lowercase() || !c.is_alphabetic() => out.push(c),
        _ => out.extend(c.to_lowercase()),
    }
}

/// Folds one cluster (a base character and the combining marks after it).
fn fold_cluster(cluster: &str, out: &mut String) {
    let mut decomposed: Vec<char> = Vec::with_capacity(4);
    for ch in cluster.chars() {
        decompose_compatible(ch, |d| decomposed.push(d));
    }
    let base = decomposed.first().copied().unwrap_or(' ');
    if base.is_ascii_alphabetic() {
        decomposed.retain(|&d| !is_combining_mark(d));
    } else if ('\u{0400}'..='\u{04FF}').contains(&base) {
        // Stress marks (дéтская) are a reading aid; the breve of й and diaeresis of ё are letters.
        decomposed.retain(|&d| !matches!(d, '\u{0300}' | '\u{0301}'));
    }
    for ch in decomposed.into_iter().nfc() {
        push_folded(ch, out);
    }
}

/// Fold used for rule phrases and other short strings: the same transformation as documents.
pub fn normalize_str(s: &str) -> String {
    normalize(s, &[]).text.trim().to_string()
}

struct Builder<'a> {
    src: &'a str,
    out: String,
    map: OffsetMap,
    /// Start of the current linear run, in output and source.
    run_out: usize,
    run_src: usize,
    /// The last output character is a space produced by collapsing.
    in_space: bool,
    /// The last output character is a letter or digit.
    last_alnum: bool,
    /// The last output character is an ASCII letter, so a combining mark after it is dropped.
    last_latin: bool,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str) -> Self {
        Self {
            src,
            out: String::with_capacity(src.len()),
            map: OffsetMap::with_capacity(src.len() / 64 + 4),
            run_out: 0,
            run_src: 0,
            in_space: false,
            last_alnum: false,
            last_latin: false,
        }
    }

    /// Ends the current linear run.
    #[inline]
    fn flush(&mut self) {
        let len = self.out.len() - self.run_out;
        self.map.push_linear(self.run_out, self.run_src, len);
        self.run_out = self.out.len();
    }

    /// Emits one ASCII byte copied (or case-folded) one for one from `src_pos`.
    #[inline]
    fn emit_ascii(&mut self, b: u8, src_pos: usize) {
        self.last_latin = b.is_ascii_alphabetic();
        if self.run_src + (self.out.len() - self.run_out) != src_pos {
            self.flush();
            self.run_src = src_pos;
        }
        self.out.push(b as char);
    }

    /// Emits a unit whose output was already appended by `f`, made from `src` bytes.
    #[inline]
    fn emit_unit(&mut self, src: Range<usize>, f: impl FnOnce(&mut String)) {
        self.flush();
        let start = self.out.len();
        f(&mut self.out);
        self.last_latin = self.out[start..].chars().next_back().is_some_and(|c| c.is_ascii_alphabetic());
        let out_len = self.out.len() - start;
        let one_char = |s: &str| s.chars().nth(1).is_none();
        let aligned = one_char(&self.out[start..]) && one_char(&self.src[src.clone()]);
        self.map.push_unit(start, out_len, src.start, src.len(), aligned);
        self.run_out = self.out.len();
        self.run_src = src.end;
    }

    /// Copies `src[from..to]` (printable ASCII without hyphens or double spaces), folding case.
    #[inline]
    fn push_ascii_run(&mut self, from: usize, to: usize) {
        if self.run_src + (self.out.len() - self.run_out) != from {
            self.flush();
            self.run_src = from;
        }
        let start = self.out.len();
        self.out.push_str(&self.src[from..to]);
        if let Some(copied) = self.out.get_mut(start..) {
            copied.make_ascii_lowercase();
        }
        let last = self.src.as_bytes()[to - 1];
        self.in_space = last == b' ';
        self.last_alnum = last.is_ascii_alphanumeric();
        self.last_latin = last.is_ascii_alphabetic();
    }

    #[inline]
    fn emit_space(&mut self, src: Range<usize>) {
        if self.in_space {
            return;
        }
        if src.len() == 1 {
            self.emit_ascii(b' ', src.start);
        } else {
            self.emit_unit(src, |o| o.push(' '));
        }
        self.in_space = true;
        self.last_alnum = false;
    }

    fn finish(mut self) -> Normalized {
        self.flush();
        Normalized { text: self.out, map: self.map }
    }
}

/// End of the run of bytes from `from` that normalise one for one with no decision to make:
/// printable ASCII other than `-`, and single spaces.
#[inline]
fn ascii_run(bytes: &[u8], from: usize, limit: usize, mut prev_space: bool) -> usize {
    let mut j = from;
    while j < limit {
        let c = bytes[j];
        if c == b' ' {
            if prev_space {
                break;
            }
            prev_space = true;
        } else if (0x21..0x7F).contains(&c) && c != b'-' {
            prev_space = false;
        } else {
            break;
        }
        j += 1;
    }
    j
}

/// Where the next non-space content starts after `pos`, and whether a line break (or a masked
/// region) was crossed on the way.
fn skip_spaces(src: &str, mut pos: usize, masks: &[Range<usize>]) -> (usize, bool) {
    let mut saw_break = false;
    let mut mask_i = masks.partition_point(|m| m.end <= pos);
    while pos < src.len() {
        if let Some(m) = masks.get(mask_i)
            && m.start <= pos
        {
            pos = m.end.max(pos);
            saw_break = true;
            mask_i += 1;
            continue;
        }
        let Some(c) = src[pos..].chars().next() else {
            break;
        };
        if is_space_char(c) {
            saw_break |= is_line_break(c);
        } else if !ZERO_WIDTH.contains(&c) {
            break;
        }
        pos += c.len_utf8();
    }
    (pos, saw_break)
}

/// A region of the source that the normaliser treats specially.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind<'a> {
    /// Not prose (markup, code, a repeated page header): read as a line break.
    Break,
    /// Stands for this text (an HTML entity such as `&eacute;`): matched as if it were written.
    Text(&'a str),
}

/// A marked region of the source; marks are sorted and do not overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark<'a> {
    pub range: Range<usize>,
    pub kind: MarkKind<'a>,
}

/// Normalises `src`. `masks` are sorted, non-overlapping byte ranges treated as a line break
/// (markup, repeated page headers, code): they never join or split words by themselves.
pub fn normalize(src: &str, masks: &[Range<usize>]) -> Normalized {
    let marks: Vec<Mark<'_>> = masks.iter().map(|m| Mark { range: m.clone(), kind: MarkKind::Break }).collect();
    normalize_marked(src, &marks)
}

/// Normalises `src` with marked regions (see [`MarkKind`]).
pub fn normalize_marked(src: &str, marks: &[Mark<'_>]) -> Normalized {
    let masks: Vec<Range<usize>> =
        marks.iter().filter(|m| m.kind == MarkKind::Break).map(|m| m.range.clone()).collect();
    let masks = masks.as_slice();
    let bytes = src.as_bytes();
    let mut b = Builder::new(src);
    let mut i = 0usize;
    let mut mark_i = 0usize;
    let mut next_mask = marks.first().map_or(usize::MAX, |m| m.range.start);
    let n = bytes.len();
    while i < n {
        if i >= next_mask {
            while mark_i < marks.len() && marks[mark_i].range.end <= i {
                mark_i += 1;
            }
            match marks.get(mark_i) {
                Some(m) if m.range.start <= i => {
                    let end = m.range.end.min(n);
                    match m.kind {
                        // A mask acts like a line break: one space.
                        MarkKind::Break => b.emit_space(i..end),
                        MarkKind::Text(t) if t.trim().is_empty() => b.emit_space(i..end),
                        MarkKind::Text(t) => {
                            let folded = normalize_str(t);
                            b.emit_unit(i..end, |o| o.push_str(&folded));
                            b.in_space = false;
                            b.last_alnum = folded.chars().next_back().is_some_and(char::is_alphanumeric);
                        }
                    }
                    i = end;
                    // Snap to a char boundary in case a mark ended inside a character.
                    while i < n && !src.is_char_boundary(i) {
                        i += 1;
                    }
                    mark_i += 1;
                    next_mask = marks.get(mark_i).map_or(usize::MAX, |m| m.range.start);
                    continue;
                }
                Some(m) => next_mask = m.range.start,
                None => next_mask = usize::MAX,
            }
        }
        let run_end = ascii_run(bytes, i, next_mask.min(n), b.in_space);
        if run_end > i {
            b.push_ascii_run(i, run_end);
            i = run_end;
            continue;
        }
        let byte = bytes[i];
        if byte < 0x80 {
            match byte {
                b'a'..=b'z' | b'0'..=b'9' => {
                    b.emit_ascii(byte, i);
                    b.in_space = false;
                    b.last_alnum = true;
                }
                b'A'..=b'Z' => {
                    b.emit_ascii(byte + 32, i);
                    b.in_space = false;
                    b.last_alnum = true;
                }
                b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => b.emit_space(i..i + 1),
                b'-' => {
                    i = hyphen(&mut b, i, 1, masks);
                    continue;
                }
                _ => {
                    b.emit_ascii(byte, i);
                    b.in_space = false;
                    b.last_alnum = false;
                }
            }
            i += 1;
            continue;
        }
        let c = src[i..].chars().next().unwrap_or('\u{FFFD}');
        let clen = c.len_utf8();
        if is_plain_mark(c) && bytes.get(i + clen).is_none_or(|&next| next < 0x80) {
            // Common quotation marks, dashes and symbols, with no accent after them: what the
            // general path below does, without its Unicode table lookups.
            b.emit_unit(i..i + clen, |o| o.push(c));
            b.in_space = false;
            b.last_alnum = false;
            i += clen;
        } else if is_space_char(c) {
            b.emit_space(i..i + clen);
            i += clen;
        } else if ZERO_WIDTH.contains(&c) || (b.last_latin && is_combining_mark(c)) {
            // Invisible, or an accent on a Latin letter (decomposed form): folded away.
            i += clen;
        } else if is_hyphen(c) {
            i = hyphen(&mut b, i, clen, masks);
        } else if is_apostrophe(c) {
            b.emit_unit(i..i + clen, |o| o.push('\''));
            b.in_space = false;
            b.last_alnum = false;
            i += clen;
        } else {
            // Gather the cluster: this character and the combining marks after it.
            let mut end = i + clen;
            while end < n && end < next_mask {
                match src[end..].chars().next() {
                    Some(m) if is_combining_mark(m) => end += m.len_utf8(),
                    _ => break,
                }
            }
            let cluster = &src[i..end];
            let alnum = c.is_alphanumeric();
            if end == i + clen && !needs_decomposition(c) {
                b.emit_unit(i..end, |o| push_folded(c, o));
            } else {
                b.emit_unit(i..end, |o| fold_cluster(cluster, o));
            }
            b.in_space = false;
            b.last_alnum = alnum;
            i = end;
        }
    }
    b.finish()
}

/// Whether a lone character changes under NFKD (accented letters, ligatures, full-width forms).
#[inline]
fn needs_decomposition(c: char) -> bool {
    let mut same = true;
    let mut count = 0;
    decompose_compatible(c, |d| {
        count += 1;
        if d != c {
            same = false;
        }
    });
    !(same && count == 1)
}

fn starts_mask(masks: &[Range<usize>], pos: usize) -> bool {
    let k = masks.partition_point(|m| m.end <= pos);
    masks.get(k).is_some_and(|m| m.start <= pos)
}

/// Handles a hyphen at `i` (of `len` bytes); returns where to continue.
fn hyphen(b: &mut Builder<'_>, i: usize, len: usize, masks: &[Range<usize>]) -> usize {
    let src = b.src;
    let after = i + len;
    if b.last_alnum {
        let next = src[after..].chars().next();
        if next.is_some_and(char::is_alphanumeric) && !starts_mask(masks, after) {
            // "child-pornography": the hyphen separates words like a space.
            if len == 1 {
                b.emit_ascii(b' ', i);
            } else {
                b.emit_unit(i..after, |o| o.push(' '));
            }
            b.in_space = true;
            b.last_alnum = false;
            return after;
        }
        let (resume, saw_break) = skip_spaces(src, after, masks);
        let next = src[resume..].chars().next();
        if saw_break && next.is_some_and(char::is_lowercase) {
            // "pornogra-\nphy": the word continues after the line break; emit nothing.
            return resume;
        }
        if saw_break && next.is_some_and(char::is_alphanumeric) {
            // "Anti-\nKinderporno": a compound hyphen that fell at a line end.
            b.emit_space(i..after);
            b.last_alnum = false;
            return after;
        }
    }
    if len == 1 {
        b.emit_ascii(b'-', i);
    } else {
        b.emit_unit(i..after, |o| o.push('-'));
    }
    b.in_space = false;
    b.last_alnum = false;
    after
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path for plain marks is only right if the general path would do the same:
    /// no space, invisible, accent, hyphen, apostrophe or letter among them, and no folding.
    #[test]
    fn plain_marks_are_what_the_general_path_passes_through() {
        for c in [
            '“', '”', '„', '‟', '«', '»', '‹', '›', '§', '¶', '•', '©', '®', '°', '±', '×', '÷', '£', '€', '¢', '¥',
            '–', '—',
        ] {
            assert!(is_plain_mark(c), "{c}");
            assert!(!is_space_char(c) && !ZERO_WIDTH.contains(&c) && !is_combining_mark(c), "{c}");
            assert!(!is_hyphen(c) && !is_apostrophe(c) && !c.is_alphanumeric(), "{c}");
            assert!(!needs_decomposition(c), "{c}");
            let mut folded = String::new();
            push_folded(c, &mut folded);
            assert_eq!(folded, c.to_string());
        }
        // Followed by an accent, a mark takes the general path; the text is the same either way.
        let n = normalize("“Child—porn” § 5 «x»", &[]);
        assert_eq!(n.text, "“child—porn” § 5 «x»");
        assert_eq!(normalize("“\u{301}a", &[]).text, normalize_str("“\u{301}a"));
    }

    fn norm(s: &str) -> String {
        normalize(s, &[]).text
    }

    fn back(s: &str, needle: &str) -> String {
        let n = normalize(s, &[]);
        let at = n.text.find(needle).expect("needle in normalised text");
        let r = n.source_range(at..at + needle.len());
        s[r].to_string()
    }

    #[test]
    fn folds_case_in_any_script() {
        assert_eq!(norm("PÉDOPORNOGRAPHIE"), "pedopornographie");
        assert_eq!(norm("PORNOGRAFÍA INFANTIL"), "pornografia infantil");
        assert_eq!(norm("ДЕТСКОЙ ПОРНОГРАФИИ"), "детской порнографии");
        assert_eq!(norm("Straße"), "strasse");
    }

    #[test]
    fn composed_and_decomposed_accents_alike() {
        assert_eq!(norm("pe\u{301}dophile"), norm("pédophile"));
        assert_eq!(back("la pe\u{301}dophilie", "pedophilie"), "pe\u{301}dophilie");
    }

    #[test]
    fn cyrillic_marks_are_kept_but_stress_is_dropped() {
        assert_eq!(norm("И\u{306}"), "й");
        assert_eq!(norm("де\u{301}тской"), "детской");
    }

    #[test]
    fn whitespace_runs_collapse() {
        assert_eq!(norm("child \u{a0}\t\n prostitution"), "child prostitution");
        assert_eq!(back("child \u{a0}\t\n prostitution.", "child prostitution"), "child \u{a0}\t\n prostitution");
    }

    #[test]
    fn soft_hyphen_and_zero_width_vanish() {
        assert_eq!(norm("porno\u{ad}graphy"), "pornography");
        assert_eq!(norm("porno\u{200b}graphy"), "pornography");
    }

    #[test]
    fn line_end_hyphen_joins_lowercase_continuation() {
        assert_eq!(norm("child pornogra-\nphy"), "child pornography");
        assert_eq!(norm("child pornogra- \r\n  phy"), "child pornography");
        assert_eq!(back("a child pornogra-\nphy case", "child pornography"), "child pornogra-\nphy");
        // Capitalised continuation: a real compound hyphen.
        assert_eq!(norm("Anti-\nKinderporno"), "anti kinderporno");
    }

    #[test]
    fn inner_hyphen_is_a_space() {
        assert_eq!(norm("child-pornography"), "child pornography");
        assert_eq!(norm("15-year-old"), "15 year old");
        assert_eq!(norm("a - b"), "a - b");
    }

    #[test]
    fn curly_apostrophes_are_straight() {
        assert_eq!(norm("child prostitute’s"), "child prostitute's");
    }

    #[test]
    fn ligatures_expand() {
        assert_eq!(norm("ﬁle"), "file");
        assert_eq!(back("a ﬁle", "file"), "ﬁle");
    }

    #[test]
    fn text_marks_stand_for_their_text() {
        let s = "p&eacute;dopornographie &amp; x";
        let marks =
            [Mark { range: 1..9, kind: MarkKind::Text("é") }, Mark { range: 24..29, kind: MarkKind::Text("&") }];
        let n = normalize_marked(s, &marks);
        assert_eq!(n.text, "pedopornographie & x");
        assert_eq!(&s[n.source_range(0..16)], "p&eacute;dopornographie");
    }

    #[test]
    fn masks_act_as_line_breaks() {
        let s = "child [HEADER] pornography";
        let n = normalize(s, std::slice::from_ref(&(6..14)));
        assert_eq!(n.text, "child pornography");
        let s = "pornogra-[HDR]phy";
        let n = normalize(s, std::slice::from_ref(&(9..14)));
        assert_eq!(n.text, "pornography");
    }
}
