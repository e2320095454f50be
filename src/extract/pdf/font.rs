//! Fonts as text extraction needs them: how a shown string splits into character codes, the
//! text of each code, and its advance width.
//!
//! Simple fonts (Type 1, TrueType, Type 3) have one-byte codes; their text comes from the
//! ToUnicode CMap when there is one, else from the encoding (a base encoding, the font's
//! built-in one, `/Differences` glyph names). Composite fonts (Type 0) split strings by the
//! code space of their encoding CMap, take text from ToUnicode (or from the code itself for
//! the UCS-2/UTF-16 CMaps), and widths from `/W` and `/DW` by CID.

use std::rc::Rc;

use lopdf::{Dictionary, Document, Object};

use super::cff;
use super::cmap::{CMap, Codespace};
use super::encoding::BaseEncoding;
use super::glyphlist;
use super::lexer::{Lexer, Tok};
use super::limits::{Budget, Stop};
use super::objects::{self, get, get_array, get_dict, get_name, get_number, get_stream};
use super::std14::Std14;

/// Most `/W` entries kept.
const MAX_WIDTH_ENTRIES: usize = 200_000;

#[derive(Debug)]
pub struct Font {
    kind: Kind,
    /// Text-space units per width unit: 1/1000, or the FontMatrix scale of a Type 3 font.
    width_scale: f32,
    /// Height of an em relative to the font size (1 except for odd Type 3 font matrices).
    pub size_scale: f32,
    /// Vertical writing: glyphs advance downwards.
    pub vertical: bool,
}

#[derive(Debug)]
enum Kind {
    Simple {
        /// Text of each code (already cleaned by [`glyphlist::push_char`]).
        text: Vec<Box<str>>,
        widths: Box<[f32; 256]>,
    },
    Composite {
        codespace: Codespace,
        /// Code → CID, when the encoding CMap is embedded and maps CIDs.
        cids: Option<CMap>,
        to_unicode: Option<Rc<CMap>>,
        /// The codes are UTF-16 (UniXXX-UCS2 / -UTF16 CMaps).
        codes_are_unicode: bool,
        widths: Vec<(u32, u32, f32)>,
        default_width: f32,
    },
}

impl Font {
    /// A font for text shown without a usable font: Latin-1 text, average widths.
    pub fn fallback() -> Self {
        let text = (0..=255u8)
            .map(|c| {
                let mut s = String::new();
                if let Some(ch) = BaseEncoding::WinAnsi.char_at(c) {
                    glyphlist::push_char(&mut s, ch);
                }
                s.into_boxed_str()
            })
            .collect();
        Self {
            kind: Kind::Simple { text, widths: Box::new([500.0; 256]) },
            width_scale: 0.001,
            size_scale: 1.0,
            vertical: false,
        }
    }

    /// The next code of `bytes` (not empty) and how many bytes it took.
    #[inline]
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        match &self.kind {
            Kind::Simple { .. } => (bytes.first().copied().map_or(0, u32::from), 1),
            Kind::Composite { codespace, .. } => codespace.next_code(bytes),
        }
    }

    /// Advance of `code` in text space units for a font size of 1.
    #[inline]
    pub fn width(&self, code: u32) -> f32 {
        let w = match &self.kind {
            Kind::Simple { widths, .. } => widths[(code & 0xFF) as usize],
            Kind::Composite { cids, widths, default_width, .. } => {
                let cid = cids.as_ref().and_then(|c| c.cid(code)).unwrap_or(code);
                let i = widths.partition_point(|e| e.0 <= cid);
                match i.checked_sub(1).map(|i| widths[i]) {
                    Some((_, hi, w)) if cid <= hi => w,
                    _ => *default_width,
                }
            }
        };
        w * self.width_scale
    }

    /// Appends the text of `code`.
    #[inline]
    pub fn text(&self, code: u32, out: &mut String) {
        match &self.kind {
            Kind::Simple { text, .. } => out.push_str(&text[(code & 0xFF) as usize]),
            Kind::Composite { to_unicode, codes_are_unicode, .. } => {
                if let Some(tu) = to_unicode
                    && tu.unicode(code, out)
                {
                    return;
                }
                if *codes_are_unicode && let Some(c) = char::from_u32(code) {
                    glyphlist::push_char(out, c);
                }
            }
        }
    }

    /// Loads the font described by `dict`. Damage gives a usable font with what could be
    /// read; only the deadline stops it.
    pub fn load(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> Result<Font, Stop> {
        let to_unicode = match get_stream(doc, dict, b"ToUnicode") {
            Some(s) => match objects::stream_bytes(s, budget.max_stream) {
                Ok(bytes) => Some(Rc::new(CMap::parse(&bytes, budget)?)),
                Err(_) => None,
            },
            None => None,
        }
        .filter(|c| c.has_unicode());
        if get_name(doc, dict, b"Subtype") == Some(b"Type0") {
            return load_composite(doc, dict, to_unicode, budget);
        }
        load_simple(doc, dict, to_unicode.as_deref(), budget)
    }
}

fn load_simple(
    doc: &Document,
    dict: &Dictionary,
    to_unicode: Option<&CMap>,
    budget: &mut Budget,
) -> Result<Font, Stop> {
    let subtype = get_name(doc, dict, b"Subtype").unwrap_or(b"Type1");
    let base_font = get_name(doc, dict, b"BaseFont").unwrap_or(b"");
    let descriptor = get_dict(doc, dict, b"FontDescriptor");
    let flags = descriptor.and_then(|d| get_number(doc, d, b"Flags")).map_or(0, |f| f as i64);
    let symbolic = flags & 4 != 0;
    let embedded = descriptor.is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
    let std14 = Std14::from_base_font(base_font);

    // The encoding named by the dictionary, and its /Differences.
    let mut differences: Vec<Option<&[u8]>> = vec![None; 256];
    let mut named_base = None;
    match get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => named_base = BaseEncoding::from_name(n),
        Some(Object::Dictionary(enc)) => {
            named_base = get_name(doc, enc, b"BaseEncoding").and_then(BaseEncoding::from_name);
            if let Some(diffs) = get_array(doc, enc, b"Differences") {
                let mut code = 0usize;
                for item in diffs {
                    match objects::resolve(doc, item) {
                        Some(Object::Integer(i)) => code = (*i).clamp(0, 256) as usize,
                        Some(Object::Name(n)) => {
                            if let Some(slot) = differences.get_mut(code) {
                                *slot = Some(n.as_slice());
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }

    // The font's own encoding: built into a standard font or an embedded Type 1 program.
    let mut builtin_names: Option<Vec<Option<String>>> = None;
    let base = match named_base {
        Some(b) => b,
        None => match std14 {
            Some(s) if !embedded || matches!(s, Std14::Symbol | Std14::ZapfDingbats) => s.builtin_encoding(),
            _ => {
                if let Some(desc) = descriptor
                    && (subtype == b"Type1" || subtype == b"MMType1")
                {
                    builtin_names =
                        type1_builtin_encoding(doc, desc, budget)?.or_else(|| cff_builtin_encoding(doc, desc, budget));
                }
                match subtype {
                    b"TrueType" if symbolic => BaseEncoding::Latin1,
                    b"TrueType" => BaseEncoding::WinAnsi,
                    _ => BaseEncoding::Standard,
                }
            }
        },
    };

    let mut text: Vec<Box<str>> = Vec::with_capacity(256);
    let mut chars: Vec<Option<char>> = Vec::with_capacity(256);
    for (code, difference) in differences.iter().enumerate() {
        let mut s = String::new();
        let mut first = None;
        let base_char = |c: usize| {
            builtin_names
                .as_ref()
                .and_then(|names| names.get(c)?.as_deref())
                .and_then(|n| glyphlist::name_to_text(n.as_bytes()))
                .or_else(|| base.char_at(c as u8).map(String::from))
        };
        if let Some(tu) = to_unicode
            && tu.unicode(code as u32, &mut s)
        {
            first = s.chars().next();
        } else {
            let raw = match *difference {
                Some(name) => glyphlist::name_to_text(name)
                    .or_else(|| glyphlist::code_in_name(name).and_then(|c| base_char(c.into())))
                    .or_else(|| base_char(code)),
                None => base_char(code),
            };
            if let Some(raw) = raw {
                first = raw.chars().next();
                glyphlist::push_str(&mut s, &raw);
            }
        }
        chars.push(first);
        text.push(s.into_boxed_str());
    }

    // Widths: /FirstChar + /Widths, else the standard font's metrics.
    let mut widths = Box::new([0.0f32; 256]);
    let missing = descriptor.and_then(|d| get_number(doc, d, b"MissingWidth")).unwrap_or(0.0);
    let listed =
        get_array(doc, dict, b"Widths").filter(|w| w.iter().any(|o| objects::number(doc, o).is_some_and(|v| v != 0.0)));
    match listed {
        Some(list) => {
            widths.fill(missing);
            let first = get_number(doc, dict, b"FirstChar").unwrap_or(0.0).clamp(0.0, 256.0) as usize;
            for (i, w) in list.iter().enumerate() {
                if let Some(slot) = widths.get_mut(first + i) {
                    *slot = objects::number(doc, w).unwrap_or(missing);
                }
            }
        }
        None => {
            // Widths proportional to Helvetica's stand in for an unknown font's.
            let metrics = std14.unwrap_or(Std14::Helvetica { bold: false });
            for (code, w) in widths.iter_mut().enumerate() {
                *w = chars[code].and_then(|c| metrics.width(c)).unwrap_or(if missing > 0.0 { missing } else { 500.0 });
            }
        }
    }

    let (width_scale, size_scale) = if subtype == b"Type3" {
        let scale = type3_width_scale(doc, dict);
        (scale, type3_size_scale(&widths[..], scale))
    } else {
        (0.001, 1.0)
    };
    Ok(Font { kind: Kind::Simple { text, widths }, width_scale, size_scale, vertical: false })
}

/// A Type 3 font's glyph space: widths scale by FontMatrix a.
fn type3_width_scale(doc: &Document, dict: &Dictionary) -> f32 {
    let m: Vec<f32> = get_array(doc, dict, b"FontMatrix")
        .map(|a| a.iter().filter_map(|o| objects::number(doc, o)).collect())
        .unwrap_or_default();
    match m.as_slice() {
        [a, _, _, _, _, _] if a.abs() > 1e-6 && a.abs() < 10.0 => a.abs(),
        _ => 0.001,
    }
}

/// The em of a Type 3 font relative to its size. Glyph grids are free, so it is estimated
/// from the widths: ordinary glyphs are about half an em wide.
fn type3_size_scale(widths: &[f32], scale: f32) -> f32 {
    let used: Vec<f32> = widths.iter().filter(|w| **w > 0.0).map(|w| w * scale).collect();
    if used.is_empty() {
        return 1.0;
    }
    let avg = used.iter().sum::<f32>() / used.len() as f32;
    if (0.25..=1.0).contains(&avg) { 1.0 } else { (avg / 0.5).clamp(0.01, 100.0) }
}

/// The built-in encoding of an embedded Type 1 font program (`dup 65 /A put` lines in its
/// clear-text part), or `None` when it uses StandardEncoding or cannot be read.
fn type1_builtin_encoding(
    doc: &Document,
    descriptor: &Dictionary,
    budget: &mut Budget,
) -> Result<Option<Vec<Option<String>>>, Stop> {
    let Some(stream) = get_stream(doc, descriptor, b"FontFile") else {
        return Ok(None);
    };
    let Ok(bytes) = objects::stream_bytes(stream, budget.max_stream) else {
        return Ok(None);
    };
    let clear_len =
        get_number(doc, &stream.dict, b"Length1").map_or(bytes.len(), |l| l.max(0.0) as usize).min(bytes.len());
    let clear = &bytes[..clear_len];
    let Some(at) = find(clear, b"/Encoding") else {
        return Ok(None);
    };
    let mut lx = Lexer::new(&clear[at + 9..]);
    let mut names: Vec<Option<String>> = vec![None; 256];
    let mut recent: Vec<Tok<'_>> = Vec::with_capacity(4);
    let mut any = false;
    while let Some(tok) = lx.next_tok() {
        budget.tick()?;
        match tok {
            Tok::Op(b"StandardEncoding") if !any => return Ok(None),
            Tok::Op(b"def" | b"readonly") if any => break,
            Tok::Op(b"eexec") => break,
            Tok::Op(b"put") => {
                if let [.., Tok::Num(code), Tok::Name(name)] = recent.as_slice()
                    && (0.0..256.0).contains(code)
                {
                    names[*code as usize] = Some(String::from_utf8_lossy(name).into_owned());
                    any = true;
                }
                recent.clear();
            }
            t => {
                if recent.len() == 3 {
                    recent.remove(0);
                }
                recent.push(t);
            }
        }
    }
    Ok(any.then_some(names))
}

/// The built-in encoding of an embedded CFF (Type 1C) font program.
fn cff_builtin_encoding(doc: &Document, descriptor: &Dictionary, budget: &Budget) -> Option<Vec<Option<String>>> {
    let stream = get_stream(doc, descriptor, b"FontFile3")?;
    if get_name(doc, &stream.dict, b"Subtype") != Some(b"Type1C") {
        return None;
    }
    let bytes = objects::stream_bytes(stream, budget.max_stream).ok()?;
    cff::builtin_encoding(&bytes)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn load_composite(
    doc: &Document,
    dict: &Dictionary,
    to_unicode: Option<Rc<CMap>>,
    budget: &mut Budget,
) -> Result<Font, Stop> {
    let mut vertical = false;
    let mut codes_are_unicode = false;
    let mut cids = None;
    let codespace = match get(doc, dict, b"Encoding") {
        Some(Object::Name(name)) => {
            vertical = name.ends_with(b"-V");
            let (cs, uni) = predefined_codespace(name);
            codes_are_unicode = uni;
            cs
        }
        Some(Object::Stream(s)) => {
            let cmap = match objects::stream_bytes(s, budget.max_stream) {
                Ok(bytes) => CMap::parse(&bytes, budget)?,
                Err(_) => CMap::default(),
            };
            vertical = cmap.wmode == 1;
            let cs = if cmap.codespace.is_empty() {
                let (cs, uni) = predefined_codespace(cmap.usecmap.as_deref().unwrap_or(b""));
                codes_are_unicode = uni;
                cs
            } else {
                Codespace::new(cmap.codespace.clone(), 2)
            };
            if cmap.has_cids() {
                cids = Some(cmap);
            }
            cs
        }
        _ => Codespace::fixed(2),
    };

    let descendant =
        get_array(doc, dict, b"DescendantFonts").and_then(|a| a.first()).and_then(|d| objects::as_dict(doc, d));
    let mut widths = Vec::new();
    let mut default_width = 1000.0;
    if let Some(desc) = descendant {
        default_width = get_number(doc, desc, b"DW").unwrap_or(1000.0);
        if let Some(w) = get_array(doc, desc, b"W") {
            widths = cid_widths(doc, w, budget)?;
        }
    }
    Ok(Font {
        kind: Kind::Composite { codespace, cids, to_unicode, codes_are_unicode, widths, default_width },
        width_scale: 0.001,
        size_scale: 1.0,
        vertical,
    })
}

/// The code space of a predefined CMap by its name, and whether its codes are Unicode.
fn predefined_codespace(name: &[u8]) -> (Codespace, bool) {
    let n = String::from_utf8_lossy(name);
    if n.starts_with("Identity") {
        (Codespace::fixed(2), false)
    } else if n.contains("UCS2") || n.contains("UTF16") {
        (Codespace::fixed(2), true)
    } else if n.contains("RKSJ") {
        (Codespace::lead_bytes(&[(0x81, 0x9F), (0xE0, 0xFC)]), false)
    } else if n.contains("EUC")
        || n.contains("GBK")
        || n.contains("GBpc")
        || n.contains("B5")
        || n.contains("UHC")
        || n.contains("HKscs")
    {
        (Codespace::lead_bytes(&[(0x81, 0xFE)]), false)
    } else {
        (Codespace::fixed(2), false)
    }
}

/// `/W` of a CID font: `c [w1 w2 …]` and `c_first c_last w`, as sorted `(lo, hi, w)`.
fn cid_widths(doc: &Document, w: &[Object], budget: &mut Budget) -> Result<Vec<(u32, u32, f32)>, Stop> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() && out.len() < MAX_WIDTH_ENTRIES {
        budget.tick()?;
        let Some(first) = objects::number(doc, &w[i]) else {
            i += 1;
            continue;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).and_then(|o| objects::resolve(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate().take(MAX_WIDTH_ENTRIES) {
                    if let Some(v) = objects::number(doc, v) {
                        let c = first.saturating_add(k as u32);
                        out.push((c, c, v));
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = objects::number(doc, o).map(|l| l.max(0.0) as u32);
                let width = w.get(i + 2).and_then(|o| objects::number(doc, o));
                if let (Some(last), Some(width)) = (last, width)
                    && last >= first
                {
                    out.push((first, last, width));
                }
                i += 3;
            }
            None => break,
        }
    }
    out.sort_by_key(|e| e.0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Limits;
    use lopdf::{Stream, dictionary};
    use std::time::Instant;

    fn budget() -> Budget {
        Budget::new(&Limits::default(), Instant::now(), 1.0)
    }

    fn decode(font: &Font, bytes: &[u8]) -> (String, f32) {
        let mut s = String::new();
        let mut w = 0.0;
        let mut rest = bytes;
        while !rest.is_empty() {
            let (code, n) = font.next_code(rest);
            font.text(code, &mut s);
            w += font.width(code);
            rest = &rest[n..];
        }
        (s, w)
    }

    #[test]
    fn standard_font_with_winansi() {
        let doc = Document::new();
        let d = dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding"};
        let f = Font::load(&doc, &d, &mut budget()).unwrap();
        let (s, w) = decode(&f, b"Caf\xe9 \x93x\x94");
        assert_eq!(s, "Café \u{201C}x\u{201D}");
        // C a f é space
        assert!((decode(&f, b"Caf\xe9 ").1 - (0.722 + 0.556 + 0.278 + 0.556 + 0.278)).abs() < 1e-4);
        assert!(w > 0.0);
    }

    #[test]
    fn differences_and_widths() {
        let doc = Document::new();
        let d = dictionary! {"Subtype" => "Type1", "BaseFont" => "ABCDEF+Custom",
        "FirstChar" => 1, "Widths" => vec![500.into(), 556.into(), 250.into()],
        "Encoding" => dictionary!{"Differences" => vec![1.into(), Object::Name(b"fi".to_vec()),
            Object::Name(b"eacute".to_vec()), Object::Name(b"uni0041".to_vec()),
            10.into(), Object::Name(b"G42".to_vec()), Object::Name(b"g999".to_vec())]}};
        let f = Font::load(&doc, &d, &mut budget()).unwrap();
        assert_eq!(decode(&f, b"\x01\x02\x03\x0a").0, "fiéAB");
        // Unmappable names fall back to the base encoding at that code.
        assert_eq!(decode(&f, b"\x0b").0, "");
        assert_eq!(decode(&f, b"a").0, "a");
        assert!((f.width(2) - 0.556).abs() < 1e-6);
        assert_eq!(f.width(200), 0.0);
    }

    #[test]
    fn type0_with_to_unicode_and_w() {
        let mut doc = Document::new();
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0001> <0048> <0002> <FB01> endbfchar
            1 beginbfrange <0010> <0012> <0061> endbfrange"
            .to_vec();
        let tu = doc.add_object(Stream::new(dictionary! {}, cmap));
        let desc = dictionary! {"Subtype" => "CIDFontType2", "DW" => 600,
        "W" => vec![1.into(), vec![700.into(), 800.into()].into(), 16.into(), 18.into(), 300.into()]};
        let d = dictionary! {"Subtype" => "Type0", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![desc.into()], "ToUnicode" => tu};
        let f = Font::load(&doc, &d, &mut budget()).unwrap();
        let (s, w) = decode(&f, b"\x00\x01\x00\x02\x00\x10\x00\x12\x00\x99");
        assert_eq!(s, "Hfiac");
        assert!((w - (0.7 + 0.8 + 0.3 + 0.3 + 0.6)).abs() < 1e-5);
    }

    #[test]
    fn ucs2_cmaps_carry_their_text() {
        let doc = Document::new();
        let d = dictionary! {"Subtype" => "Type0", "Encoding" => "UniGB-UCS2-H",
        "DescendantFonts" => vec![dictionary!{}.into()]};
        let f = Font::load(&doc, &d, &mut budget()).unwrap();
        assert_eq!(decode(&f, b"\x4e\x2d\x00A").0, "中A");
    }

    #[test]
    fn type1_builtin_encoding_is_read() {
        let mut doc = Document::new();
        let program = b"%!PS-AdobeFont-1.0: CMR10\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 12 /fi put\ndup 65 /A put\nreadonly def\ncurrentfile eexec\x80\x81".to_vec();
        let len = program.len() - 2;
        let ff = doc.add_object(Stream::new(dictionary! {"Length1" => len as i64}, program));
        let desc = dictionary! {"FontFile" => ff, "Flags" => 4};
        let d = dictionary! {"Subtype" => "Type1", "BaseFont" => "ABCDEF+CMR10",
        "FontDescriptor" => desc};
        let f = Font::load(&doc, &d, &mut budget()).unwrap();
        assert_eq!(decode(&f, b"\x0cA").0, "fiA");
    }

    #[test]
    fn cff_builtin_encoding_is_read() {
        let mut doc = Document::new();
        let program = crate::extract::pdf::cff::tests::sample_cff();
        let ff = doc.add_object(Stream::new(dictionary! {"Subtype" => "Type1C"}, program));
        let desc = dictionary! {"FontFile3" => ff, "Flags" => 4};
        let d = dictionary! {"Subtype" => "Type1", "BaseFont" => "ABCDEF+CMMI10",
        "FontDescriptor" => desc};
        let f = Font::load(&doc, &d, &mut budget()).unwrap();
        assert_eq!(decode(&f, b"\x0d\xc8").0, "AA");
    }

    #[test]
    fn type3_widths_scale_by_the_font_matrix() {
        let doc = Document::new();
        let d = dictionary! {"Subtype" => "Type3", "FirstChar" => 65,
        "Widths" => vec![50.into()],
        "FontMatrix" => vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()]};
        let f = Font::load(&doc, &d, &mut budget()).unwrap();
        assert!((f.width(65) - 0.5).abs() < 1e-6);
        assert!((f.size_scale - 1.0).abs() < 1e-4);
        assert_eq!(decode(&f, b"A").0, "A");
    }
}
