//! The standard 14 fonts: which one a `/BaseFont` names (with the common aliases such as
//! Arial and TimesNewRoman), and their glyph widths, needed when a font dictionary has no
//! `/Widths` (allowed for these fonts, and how many old producers write them).

use super::encoding::BaseEncoding;
use super::std14_table as t;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Std14 {
    Helvetica { bold: bool },
    Times { bold: bool, italic: bool },
    Courier,
    Symbol,
    ZapfDingbats,
}

impl Std14 {
    /// The standard font a base font name stands for, if any.
    pub fn from_base_font(name: &[u8]) -> Option<Self> {
        let name = strip_subset_prefix(name);
        let lower = String::from_utf8_lossy(name).to_ascii_lowercase();
        let bold = ["bold", "black", "heavy", "semibold", "demi"].iter().any(|w| lower.contains(w));
        let italic = lower.contains("italic") || lower.contains("oblique");
        Some(if lower.contains("courier") {
            Std14::Courier
        } else if lower.starts_with("times") {
            Std14::Times { bold, italic }
        } else if lower.starts_with("helvetica") || lower.starts_with("arial") {
            Std14::Helvetica { bold }
        } else if lower == "symbol" || lower.starts_with("symbolmt") {
            Std14::Symbol
        } else if lower.contains("dingbats") {
            Std14::ZapfDingbats
        } else {
            return None;
        })
    }

    /// The encoding the font uses when the dictionary names none.
    pub fn builtin_encoding(self) -> BaseEncoding {
        match self {
            Std14::Symbol => BaseEncoding::Symbol,
            Std14::ZapfDingbats => BaseEncoding::None,
            _ => BaseEncoding::Standard,
        }
    }

    /// Width of the glyph for `c`, in thousandths of an em.
    pub fn width(self, c: char) -> Option<f32> {
        let table: &[(u16, u16)] = match self {
            Std14::Courier => return Some(600.0),
            Std14::Helvetica { bold: false } => &t::HELVETICA,
            Std14::Helvetica { bold: true } => &t::HELVETICA_BOLD,
            Std14::Times { bold: false, italic: false } => &t::TIMES_ROMAN,
            Std14::Times { bold: true, italic: false } => &t::TIMES_BOLD,
            Std14::Times { bold: false, italic: true } => &t::TIMES_ITALIC,
            Std14::Times { bold: true, italic: true } => &t::TIMES_BOLDITALIC,
            Std14::Symbol => &t::SYMBOL,
            Std14::ZapfDingbats => return None,
        };
        let key = u16::try_from(u32::from(c)).ok()?;
        table.binary_search_by_key(&key, |&(k, _)| k).ok().map(|i| f32::from(table[i].1))
    }
}

/// `ABCDEF+Name` → `Name` (the tag of a subset font).
pub fn strip_subset_prefix(name: &[u8]) -> &[u8] {
    if name.len() > 7 && name[6] == b'+' && name[..6].iter().all(u8::is_ascii_uppercase) { &name[7..] } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases() {
        assert_eq!(Std14::from_base_font(b"Helvetica-Bold"), Some(Std14::Helvetica { bold: true }));
        assert_eq!(Std14::from_base_font(b"ABCDEF+ArialMT"), Some(Std14::Helvetica { bold: false }));
        assert_eq!(
            Std14::from_base_font(b"TimesNewRomanPS-BoldItalicMT"),
            Some(Std14::Times { bold: true, italic: true })
        );
        assert_eq!(Std14::from_base_font(b"CourierNewPSMT"), Some(Std14::Courier));
        assert_eq!(Std14::from_base_font(b"Symbol"), Some(Std14::Symbol));
        assert_eq!(Std14::from_base_font(b"Calibri"), None);
    }

    #[test]
    fn widths() {
        let h = Std14::Helvetica { bold: false };
        assert_eq!(h.width(' '), Some(278.0));
        assert_eq!(h.width('W'), Some(944.0));
        assert_eq!(h.width('é'), Some(556.0));
        assert_eq!(Std14::Courier.width('x'), Some(600.0));
        let t = Std14::Times { bold: false, italic: false };
        assert_eq!(t.width(' '), Some(250.0));
        assert_eq!(t.width('\u{4E00}'), None);
    }

    #[test]
    fn tables_are_sorted() {
        for table in [
            &t::HELVETICA[..],
            &t::HELVETICA_BOLD[..],
            &t::TIMES_ROMAN[..],
            &t::TIMES_BOLD[..],
            &t::TIMES_ITALIC[..],
            &t::TIMES_BOLDITALIC[..],
            &t::SYMBOL[..],
        ] {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
        }
    }
}
