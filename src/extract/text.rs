//! Decoding plain-text bytes: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or
//! recognised by its zero bytes), and legacy single-byte text decoded as Windows-1252 (the
//! WHATWG superset of Latin-1). Binary data is refused.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::{ErrorKind, ExtractError};

/// Decodes text; returns it with the name of the encoding when it was not plain UTF-8.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>), ExtractError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest).map(|(t, e)| (t, Some(e.unwrap_or("UTF-8 with BOM"))));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok((utf16(rest, UTF_16LE), Some("UTF-16LE")));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok((utf16(rest, UTF_16BE), Some("UTF-16BE")));
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return Ok((utf16(bytes, enc), Some(enc.name())));
    }
    if looks_binary(bytes) {
        return Err(ExtractError::new(ErrorKind::UnsupportedFormat, "binary data, not text"));
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<(String, Option<&'static str>), ExtractError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(_) => {
            // A few bad bytes in otherwise valid UTF-8 are damage, not another encoding.
            let lossy = String::from_utf8_lossy(bytes);
            let replaced = lossy.matches('\u{FFFD}').count();
            let multibyte = lossy.chars().filter(|c| !c.is_ascii() && *c != '\u{FFFD}').count();
            if multibyte > 0 && replaced * 100 <= multibyte {
                return Ok((lossy.into_owned(), Some("UTF-8 with invalid bytes replaced")));
            }
            let (text, _, _) = WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), Some("windows-1252")))
        }
    }
}

fn utf16(bytes: &[u8], enc: &'static Encoding) -> String {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// UTF-16 without a BOM: most ASCII characters have a zero high byte.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if zero_odd * 10 >= pairs * 7 && zero_even * 20 <= pairs {
        Some(UTF_16LE)
    } else if zero_even * 10 >= pairs * 7 && zero_odd * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Starts with a byte-order mark of UTF-8 or UTF-16, or looks like BOM-less UTF-16.
pub fn has_text_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || sniff_utf16(bytes).is_some()
}

/// Zero bytes, or many control characters, mean binary data.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)).count();
    controls * 20 > sample.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_encoding() {
        assert_eq!(decode("pédo".as_bytes()).unwrap(), ("pédo".to_string(), None));
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), ("abc".to_string(), Some("UTF-8 with BOM")));
        assert_eq!(decode(b"\xFF\xFEa\0b\0").unwrap(), ("ab".to_string(), Some("UTF-16LE")));
        assert_eq!(decode(b"\xFE\xFF\0a\0b").unwrap(), ("ab".to_string(), Some("UTF-16BE")));
        assert_eq!(decode(b"p\xe9dopornographie").unwrap(), ("pédopornographie".to_string(), Some("windows-1252")));
        assert_eq!(decode(b"\x93quoted\x94").unwrap().0, "\u{201c}quoted\u{201d}");
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let le: Vec<u8> = "child text".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&le).unwrap(), ("child text".to_string(), Some("UTF-16LE")));
    }

    #[test]
    fn binary_is_refused() {
        let e = decode(b"\x7fELF\x02\x01\x01\0\0\0\0").unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnsupportedFormat);
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut b = "é".repeat(200).into_bytes();
        b.push(0xff);
        let (t, e) = decode(&b).unwrap();
        assert!(t.starts_with("éé"));
        assert_eq!(e, Some("UTF-8 with invalid bytes replaced"));
    }
}
