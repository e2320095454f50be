//! CMaps (PDF 32000-1, 9.7.5 and 9.10.3): code space ranges that split a byte string into
//! character codes, `bfchar`/`bfrange` mappings to Unicode (ToUnicode CMaps), and
//! `cidchar`/`cidrange` mappings to CIDs (embedded encoding CMaps).
//!
//! Mappings are kept as sorted ranges, never expanded, so `<0000> <FFFF>` costs one entry.

use super::glyphlist;
use super::lexer::{Lexer, Tok};
use super::limits::{Budget, Stop};

/// Most mapping entries kept from one CMap.
const MAX_ENTRIES: usize = 500_000;
/// Most elements of a `bfrange` destination array.
const MAX_ARRAY: usize = 65_536;
/// Most UTF-16 units in one destination (a ligature or a short word, not a paragraph).
const MAX_DEST_UNITS: usize = 64;

/// A code space range: codes of `len` bytes whose bytes each lie between those of lo and hi.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRange {
    pub len: u8,
    lo: [u8; 4],
    hi: [u8; 4],
}

impl CodeRange {
    pub fn new(lo: &[u8], hi: &[u8]) -> Option<Self> {
        if lo.is_empty() || lo.len() != hi.len() || lo.len() > 4 {
            return None;
        }
        let mut r = Self { len: lo.len() as u8, lo: [0; 4], hi: [0; 4] };
        r.lo[..lo.len()].copy_from_slice(lo);
        r.hi[..hi.len()].copy_from_slice(hi);
        Some(r)
    }

    fn contains(&self, bytes: &[u8]) -> bool {
        bytes.len() == self.len as usize && bytes.iter().enumerate().all(|(i, &b)| self.lo[i] <= b && b <= self.hi[i])
    }
}

#[derive(Debug, Clone)]
enum Target {
    /// The text of one code.
    Text(Box<str>),
    /// UTF-16 units for the range's first code; later codes add to the last unit.
    Incr(Box<[u16]>),
    /// One text per code of the range.
    Array(Box<[Box<str>]>),
}

#[derive(Debug, Clone)]
struct UniEntry {
    lo: u32,
    hi: u32,
    target: Target,
}

#[derive(Debug, Clone, Default)]
pub struct CMap {
    pub codespace: Vec<CodeRange>,
    unicode: Vec<UniEntry>,
    /// `(lo, hi, first CID)`, sorted by lo.
    cids: Vec<(u32, u32, u32)>,
    /// The name of a predefined CMap this one builds on.
    pub usecmap: Option<Vec<u8>>,
    /// 1 for vertical writing.
    pub wmode: u8,
}

fn code_value(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some(bytes.iter().fold(0u32, |v, &b| v << 8 | u32::from(b)))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        // Not UTF-16, but written by some producers: a single byte.
        return vec![u16::from(bytes[0])];
    }
    bytes.chunks_exact(2).take(MAX_DEST_UNITS).map(|p| u16::from_be_bytes([p[0], p[1]])).collect()
}

fn units_to_text(units: &[u16]) -> String {
    let mut out = String::new();
    for c in char::decode_utf16(units.iter().copied()) {
        glyphlist::push_char(&mut out, c.unwrap_or('\u{FFFD}'));
    }
    out
}

#[derive(Debug)]
enum Val {
    Str(Vec<u8>),
    Num(f32),
    Name(Vec<u8>),
    Arr(Vec<Vec<u8>>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Codespace,
    BfChar,
    BfRange,
    CidChar,
    CidRange,
}

impl CMap {
    /// Parses a CMap stream. Malformed entries are skipped; only the deadline stops it.
    pub fn parse(bytes: &[u8], budget: &mut Budget) -> Result<CMap, Stop> {
        let mut cmap = CMap::default();
        let mut lx = Lexer::new(bytes);
        let mut section = Section::None;
        let mut pending: Vec<Val> = Vec::with_capacity(4);
        let mut entries = 0usize;
        while let Some(tok) = lx.next_tok() {
            budget.tick()?;
            let val = match tok {
                Tok::Str(s) => Val::Str(s),
                Tok::Num(n) => Val::Num(n),
                Tok::Name(n) => Val::Name(n.to_vec()),
                Tok::ArrOpen => {
                    let mut items = Vec::new();
                    while let Some(t) = lx.next_tok() {
                        budget.tick()?;
                        match t {
                            Tok::ArrClose => break,
                            Tok::Str(s) if items.len() < MAX_ARRAY => items.push(s),
                            Tok::Name(n) if items.len() < MAX_ARRAY => {
                                // A glyph name stands for its text; keep it as UTF-16.
                                let text = glyphlist::name_to_text(n).unwrap_or_default();
                                items.push(text.encode_utf16().flat_map(u16::to_be_bytes).collect());
                            }
                            _ => {}
                        }
                    }
                    Val::Arr(items)
                }
                Tok::Op(op) => {
                    section = match op {
                        b"begincodespacerange" => Section::Codespace,
                        b"beginbfchar" => Section::BfChar,
                        b"beginbfrange" => Section::BfRange,
                        b"begincidchar" => Section::CidChar,
                        b"begincidrange" => Section::CidRange,
                        b"usecmap" => {
                            if let Some(Val::Name(n)) = pending.last() {
                                cmap.usecmap = Some(n.clone());
                            }
                            Section::None
                        }
                        b"def" => {
                            if let [.., Val::Name(k), Val::Num(v)] = pending.as_slice()
                                && k == b"WMode"
                            {
                                cmap.wmode = u8::from(*v == 1.0);
                            }
                            Section::None
                        }
                        _ => Section::None,
                    };
                    pending.clear();
                    continue;
                }
                Tok::ArrClose | Tok::DictOpen | Tok::DictClose => continue,
            };
            if section == Section::None {
                // Keep the last two values, for `/WMode 1 def` and `/Name usecmap`.
                if pending.len() >= 2 {
                    pending.remove(0);
                }
                pending.push(val);
                continue;
            }
            pending.push(val);
            let arity = match section {
                Section::Codespace | Section::BfChar | Section::CidChar => 2,
                _ => 3,
            };
            if pending.len() < arity {
                continue;
            }
            if entries < MAX_ENTRIES {
                entries += 1;
                cmap.add(section, &mut pending);
            }
            pending.clear();
        }
        cmap.unicode.sort_by_key(|e| e.lo);
        cmap.cids.sort_by_key(|e| e.0);
        Ok(cmap)
    }

    fn add(&mut self, section: Section, vals: &mut [Val]) {
        match (section, vals) {
            (Section::Codespace, [Val::Str(lo), Val::Str(hi)]) => {
                if let Some(r) = CodeRange::new(lo, hi) {
                    self.codespace.push(r);
                }
            }
            (Section::BfChar, [Val::Str(src), dst]) => {
                let Some(code) = code_value(src) else { return };
                let text = match dst {
                    Val::Str(d) => units_to_text(&utf16_units(d)),
                    Val::Name(n) => match glyphlist::name_to_text(n) {
                        Some(t) => {
                            let mut out = String::new();
                            glyphlist::push_str(&mut out, &t);
                            out
                        }
                        None => return,
                    },
                    _ => return,
                };
                self.unicode.push(UniEntry { lo: code, hi: code, target: Target::Text(text.into()) });
            }
            (Section::BfRange, [Val::Str(lo), Val::Str(hi), dst]) => {
                let (Some(lo), Some(hi)) = (code_value(lo), code_value(hi)) else {
                    return;
                };
                if hi < lo {
                    return;
                }
                let target = match dst {
                    Val::Str(d) => Target::Incr(utf16_units(d).into()),
                    Val::Arr(items) => {
                        Target::Array(items.iter().map(|d| units_to_text(&utf16_units(d)).into()).collect())
                    }
                    _ => return,
                };
                self.unicode.push(UniEntry { lo, hi, target });
            }
            (Section::CidChar, [Val::Str(src), Val::Num(cid)]) => {
                if let Some(code) = code_value(src) {
                    self.cids.push((code, code, *cid as u32));
                }
            }
            (Section::CidRange, [Val::Str(lo), Val::Str(hi), Val::Num(cid)]) => {
                if let (Some(lo), Some(hi)) = (code_value(lo), code_value(hi))
                    && lo <= hi
                {
                    self.cids.push((lo, hi, *cid as u32));
                }
            }
            _ => {}
        }
    }

    pub fn has_unicode(&self) -> bool {
        !self.unicode.is_empty()
    }

    pub fn has_cids(&self) -> bool {
        !self.cids.is_empty()
    }

    /// Appends the text of `code`; false when the CMap does not map it.
    pub fn unicode(&self, code: u32, out: &mut String) -> bool {
        // Entries may overlap (a bfchar inside a bfrange): the last one starting at or below
        // the code that contains it wins, looking back a few entries.
        let end = self.unicode.partition_point(|e| e.lo <= code);
        for e in self.unicode[..end].iter().rev().take(8) {
            if code > e.hi {
                continue;
            }
            let off = code - e.lo;
            match &e.target {
                Target::Text(t) => out.push_str(t),
                Target::Incr(units) => {
                    let mut u = units.to_vec();
                    if let Some(last) = u.last_mut() {
                        *last = last.wrapping_add(off as u16);
                    }
                    out.push_str(&units_to_text(&u));
                }
                Target::Array(items) => match items.get(off as usize) {
                    Some(t) => out.push_str(t),
                    None => return false,
                },
            }
            return true;
        }
        false
    }

    /// The CID of `code`, from `cidchar`/`cidrange` mappings.
    pub fn cid(&self, code: u32) -> Option<u32> {
        let end = self.cids.partition_point(|e| e.0 <= code);
        self.cids[..end].iter().rev().take(8).find(|e| code <= e.1).map(|e| e.2.wrapping_add(code - e.0))
    }
}

/// Splits byte strings into codes by a list of code space ranges.
#[derive(Debug, Clone)]
pub struct Codespace {
    ranges: Vec<CodeRange>,
    /// Bytes taken when no range matches.
    fallback: usize,
}

impl Codespace {
    pub fn new(ranges: Vec<CodeRange>, default_len: usize) -> Self {
        let fallback = ranges.iter().map(|r| r.len as usize).min().unwrap_or(default_len).max(1);
        Self { ranges, fallback }
    }

    /// Fixed-width codes of `len` bytes.
    pub fn fixed(len: usize) -> Self {
        Self { ranges: Vec::new(), fallback: len.clamp(1, 4) }
    }

    /// Shift-JIS style: single bytes, and double bytes after a lead byte in the given ranges.
    pub fn lead_bytes(leads: &[(u8, u8)]) -> Self {
        let mut ranges: Vec<CodeRange> =
            leads.iter().filter_map(|&(lo, hi)| CodeRange::new(&[lo, 0x00], &[hi, 0xFF])).collect();
        // Single bytes are whatever is not a lead byte; listed last so pairs are tried first.
        ranges.extend(CodeRange::new(&[0x00], &[0xFF]));
        Self { ranges, fallback: 1 }
    }

    /// The next code of `bytes` (not empty) and its length in bytes.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        if bytes.is_empty() {
            return (0, 1);
        }
        if !self.ranges.is_empty() {
            for len in 1..=4.min(bytes.len()) {
                let head = &bytes[..len];
                if self.ranges.iter().any(|r| r.contains(head)) {
                    // A range of this length matched; but a longer range with the same lead
                    // byte (Shift-JIS style lists) takes precedence.
                    if len == 1 && bytes.len() >= 2 && self.ranges.iter().any(|r| r.len == 2 && r.contains(&bytes[..2]))
                    {
                        return (code_value(&bytes[..2]).unwrap_or(0), 2);
                    }
                    return (code_value(head).unwrap_or(0), len);
                }
            }
        }
        let len = self.fallback.min(bytes.len()).max(1);
        (code_value(&bytes[..len.min(4)]).unwrap_or(0), len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Limits;
    use std::time::Instant;

    fn parse(s: &str) -> CMap {
        let mut b = Budget::new(&Limits::default(), Instant::now(), 1.0);
        CMap::parse(s.as_bytes(), &mut b).unwrap()
    }

    fn text(c: &CMap, code: u32) -> Option<String> {
        let mut s = String::new();
        c.unicode(code, &mut s).then_some(s)
    }

    const TO_UNICODE: &str = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CMapName /Adobe-Identity-UCS def /CMapType 2 def
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        3 beginbfchar <0003> <0020> <0011> <FB01> <0012> <D835DC00> endbfchar
        2 beginbfrange <0024> <0026> <0041> <0030> <0032> [<0078> <0079> <007A007A>] endbfrange
        endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn bfchar_and_bfrange() {
        let c = parse(TO_UNICODE);
        assert_eq!(text(&c, 3).as_deref(), Some(" "));
        assert_eq!(text(&c, 0x11).as_deref(), Some("fi"));
        assert_eq!(text(&c, 0x12).as_deref(), Some("𝐀"));
        assert_eq!(text(&c, 0x24).as_deref(), Some("A"));
        assert_eq!(text(&c, 0x26).as_deref(), Some("C"));
        assert_eq!(text(&c, 0x27), None);
        assert_eq!(text(&c, 0x31).as_deref(), Some("y"));
        assert_eq!(text(&c, 0x32).as_deref(), Some("zz"));
        assert_eq!(c.codespace.len(), 1);
    }

    #[test]
    fn cid_ranges_and_wmode() {
        let c = parse(
            "/WMode 1 def /Adobe-Japan1-6 usecmap 2 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange
             1 begincidrange <8140> <817E> 633 endcidrange 1 begincidchar <20> 1 endcidchar",
        );
        assert_eq!(c.wmode, 1);
        assert_eq!(c.usecmap.as_deref(), Some(&b"Adobe-Japan1-6"[..]));
        assert_eq!(c.cid(0x8141), Some(634));
        assert_eq!(c.cid(0x20), Some(1));
        assert_eq!(c.cid(0x21), None);
        let cs = Codespace::new(c.codespace.clone(), 2);
        assert_eq!(cs.next_code(b"\x41\x81\x40"), (0x41, 1));
        assert_eq!(cs.next_code(b"\x81\x40"), (0x8140, 2));
    }

    #[test]
    fn fixed_and_fallback_codes() {
        let cs = Codespace::fixed(2);
        assert_eq!(cs.next_code(b"\x00\x41\x00"), (0x41, 2));
        assert_eq!(cs.next_code(b"\x07"), (7, 1));
        let sjis = Codespace::lead_bytes(&[(0x81, 0x9F), (0xE0, 0xFC)]);
        assert_eq!(sjis.next_code(b"A\x82\xA0"), (0x41, 1));
        assert_eq!(sjis.next_code(b"\x82\xA0"), (0x82A0, 2));
    }

    #[test]
    fn garbage_is_skipped() {
        let c = parse(
            "beginbfchar <01> endbfchar beginbfrange <05> <01> <41> <0A> <0B> /x endbfrange beginbfchar <02> /fi <03> /nonsense endbfchar",
        );
        assert_eq!(text(&c, 1), None);
        assert_eq!(text(&c, 5), None);
        assert_eq!(text(&c, 2).as_deref(), Some("fi"));
        assert_eq!(text(&c, 3), None);
    }
}
