//! Base encodings of simple fonts: the four Latin encodings of Annex D and the built-in
//! encoding of the Symbol font.

use super::encoding_tables::{MAC_ROMAN, PDF_DOC, STANDARD, WIN_ANSI};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    PdfDoc,
    Symbol,
    /// No text (ZapfDingbats and other picture fonts).
    None,
    /// The code read as Latin-1, for symbolic fonts whose real encoding lives in the font
    /// program, where most producers put text codes at their Latin-1 positions.
    Latin1,
}

impl BaseEncoding {
    pub fn from_name(name: &[u8]) -> Option<Self> {
        Some(match name {
            b"StandardEncoding" => Self::Standard,
            b"WinAnsiEncoding" => Self::WinAnsi,
            b"MacRomanEncoding" | b"MacExpertEncoding" => Self::MacRoman,
            b"PDFDocEncoding" => Self::PdfDoc,
            _ => return None,
        })
    }

    /// The character at `code`, if the encoding has one there.
    pub fn char_at(self, code: u8) -> Option<char> {
        let u = match self {
            Self::Standard => STANDARD[code as usize],
            Self::WinAnsi => WIN_ANSI[code as usize],
            Self::MacRoman => MAC_ROMAN[code as usize],
            Self::PdfDoc => PDF_DOC[code as usize],
            Self::Symbol => return symbol(code),
            Self::None => return None,
            Self::Latin1 => {
                return (code >= 0x20 && !(0x7F..0xA0).contains(&code)).then(|| char::from(code));
            }
        };
        if u == 0 { None } else { char::from_u32(u32::from(u)) }
    }
}

/// The Symbol font's built-in encoding, for the characters documents use in prose (Greek
/// letters, bullets, arithmetic and comparison signs).
fn symbol(code: u8) -> Option<char> {
    const UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    const LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    let c = match code {
        b'A'..=b'Z' => return UPPER.chars().nth(usize::from(code - b'A')),
        b'a'..=b'z' => return LOWER.chars().nth(usize::from(code - b'a')),
        0x22 => '∀',
        0x24 => '∃',
        0x27 => '∋',
        0x2A => '∗',
        0x2D => '−',
        0x40 => '≅',
        0x5C => '∴',
        0x5E => '⊥',
        0x60 => '\u{F8E5}',
        0x7E => '∼',
        0x20..=0x7E => char::from(code),
        0xA1 => 'ϒ',
        0xA2 => '′',
        0xA3 => '≤',
        0xA4 => '⁄',
        0xA5 => '∞',
        0xA6 => 'ƒ',
        0xA7 => '♣',
        0xA8 => '♦',
        0xA9 => '♥',
        0xAA => '♠',
        0xAB => '↔',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB2 => '″',
        0xB3 => '≥',
        0xB4 => '×',
        0xB5 => '∝',
        0xB6 => '∂',
        0xB7 => '•',
        0xB8 => '÷',
        0xB9 => '≠',
        0xBA => '≡',
        0xBB => '≈',
        0xBC => '…',
        0xC5 => '⊕',
        0xC6 => '∅',
        0xC7 => '∩',
        0xC8 => '∪',
        0xCE => '∈',
        0xCF => '∉',
        0xD0 => '∠',
        0xD1 => '∇',
        0xD2 | 0xE2 => '®',
        0xD3 | 0xE3 => '©',
        0xD4 | 0xE4 => '™',
        0xD5 => '∏',
        0xD6 => '√',
        0xD7 => '⋅',
        0xD8 => '¬',
        0xD9 => '∧',
        0xDA => '∨',
        0xE0 => '◊',
        0xE1 => '〈',
        0xE5 => '∑',
        0xF1 => '〉',
        0xF2 => '∫',
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_encodings_differ_where_they_should() {
        assert_eq!(BaseEncoding::Standard.char_at(0x27), Some('\u{2019}'));
        assert_eq!(BaseEncoding::WinAnsi.char_at(0x27), Some('\''));
        assert_eq!(BaseEncoding::WinAnsi.char_at(0x93), Some('\u{201C}'));
        assert_eq!(BaseEncoding::WinAnsi.char_at(0xE9), Some('é'));
        assert_eq!(BaseEncoding::WinAnsi.char_at(0xAD), Some('-'));
        assert_eq!(BaseEncoding::MacRoman.char_at(0x8E), Some('é'));
        assert_eq!(BaseEncoding::PdfDoc.char_at(0x84), Some('\u{2014}'));
        assert_eq!(BaseEncoding::Standard.char_at(0xAE), Some('\u{FB01}'));
        assert_eq!(BaseEncoding::Standard.char_at(0x80), None);
        assert_eq!(BaseEncoding::from_name(b"WinAnsiEncoding"), Some(BaseEncoding::WinAnsi));
    }

    #[test]
    fn symbol_and_others() {
        assert_eq!(BaseEncoding::Symbol.char_at(b'a'), Some('α'));
        assert_eq!(BaseEncoding::Symbol.char_at(b'W'), Some('Ω'));
        assert_eq!(BaseEncoding::Symbol.char_at(0xB7), Some('•'));
        assert_eq!(BaseEncoding::Symbol.char_at(b'1'), Some('1'));
        assert_eq!(BaseEncoding::None.char_at(b'a'), None);
        assert_eq!(BaseEncoding::Latin1.char_at(0xE9), Some('é'));
        assert_eq!(BaseEncoding::Latin1.char_at(0x05), None);
    }
}
