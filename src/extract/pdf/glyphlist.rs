//! Glyph names to text (the Adobe Glyph List's rules), and the clean-up every extracted
//! character goes through (ligatures expanded, control characters dropped).

use super::glyphlist_table::GLYPHS;

/// The text a glyph name stands for: a name of the glyph list, `uniXXXX…`, `uXXXX[XX]`, or
/// components joined by `_` (`f_f_i`); a suffix after `.` (`a.sc`, `one.oldstyle`) is ignored.
pub fn name_to_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or("");
    if base.is_empty() {
        return None;
    }
    let mut out = String::new();
    for part in base.split('_') {
        if !component(part, &mut out) {
            return None;
        }
    }
    Some(out)
}

fn component(part: &str, out: &mut String) -> bool {
    if let Ok(i) = GLYPHS.binary_search_by(|(n, _)| (*n).cmp(part)) {
        if let Some(c) = char::from_u32(u32::from(GLYPHS[i].1)) {
            out.push(c);
            return true;
        }
        return false;
    }
    if let Some(hex) = part.strip_prefix("uni")
        && !hex.is_empty()
        && hex.len() % 4 == 0
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        let mut units = Vec::with_capacity(hex.len() / 4);
        for i in (0..hex.len()).step_by(4) {
            match u16::from_str_radix(&hex[i..i + 4], 16) {
                Ok(u) => units.push(u),
                Err(_) => return false,
            }
        }
        // Surrogates are not valid in `uni` names, but some producers write pairs; decode both.
        let s: String = char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect();
        out.push_str(&s);
        return true;
    }
    if let Some(hex) = part.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
    {
        out.push(c);
        return true;
    }
    false
}

/// A character code spelled in a glyph name by some producers: `Gxx` (two hex digits),
/// `g00xx`, `Cdd`/`cddd` (decimal). (`g12`-style names are glyph indices, not codes.) The code is read through the font's base encoding.
pub fn code_in_name(name: &[u8]) -> Option<u8> {
    let s = std::str::from_utf8(name).ok()?;
    let (first, rest) = s.split_at_checked(1)?;
    let code = match (first, rest.len()) {
        ("G", 2) => u32::from_str_radix(rest, 16).ok()?,
        ("g", 4) if rest.starts_with("00") => u32::from_str_radix(&rest[2..], 16).ok()?,
        ("C" | "c", 2 | 3) if rest.bytes().all(|b| b.is_ascii_digit()) => rest.parse().ok()?,
        _ => return None,
    };
    u8::try_from(code).ok()
}

/// Appends `c` as extracted text: ligatures become their letters (so that words match and
/// search), a soft hyphen that was drawn is a hyphen, white space is a space, and control
/// characters are dropped.
#[inline]
pub fn push_char(out: &mut String, c: char) {
    match c {
        '\u{FB00}' => out.push_str("ff"),
        '\u{FB01}' => out.push_str("fi"),
        '\u{FB02}' => out.push_str("fl"),
        '\u{FB03}' => out.push_str("ffi"),
        '\u{FB04}' => out.push_str("ffl"),
        '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
        '\u{00AD}' => out.push('-'),
        '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' => out.push(' '),
        c if c.is_control() => {}
        '\u{FEFF}' => {}
        c => out.push(c),
    }
}

/// [`push_char`] over a string.
pub fn push_str(out: &mut String, s: &str) {
    for c in s.chars() {
        push_char(out, c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str) -> Option<String> {
        name_to_text(name.as_bytes())
    }

    #[test]
    fn table_is_sorted() {
        assert!(GLYPHS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn names_of_the_list() {
        assert_eq!(t("A").as_deref(), Some("A"));
        assert_eq!(t("eacute").as_deref(), Some("é"));
        assert_eq!(t("quoteright").as_deref(), Some("\u{2019}"));
        assert_eq!(t("fi").as_deref(), Some("\u{FB01}"));
        assert_eq!(t("afii10017").as_deref(), Some("А"));
        assert_eq!(t("space").as_deref(), Some(" "));
    }

    #[test]
    fn uni_u_suffixes_and_components() {
        assert_eq!(t("uni00E9").as_deref(), Some("é"));
        assert_eq!(t("uni00660069").as_deref(), Some("fi"));
        assert_eq!(t("u1F600").as_deref(), Some("😀"));
        assert_eq!(t("a.sc").as_deref(), Some("a"));
        assert_eq!(t("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(t("f_i.liga").as_deref(), Some("fi"));
        assert_eq!(t(".notdef"), None);
        assert_eq!(t("g123x"), None);
        assert_eq!(t("uniZZZZ"), None);
    }

    #[test]
    fn codes_in_names() {
        assert_eq!(code_in_name(b"G41"), Some(0x41));
        assert_eq!(code_in_name(b"g0041"), Some(0x41));
        assert_eq!(code_in_name(b"C65"), Some(65));
        assert_eq!(code_in_name(b"c101"), Some(101));
        assert_eq!(code_in_name(b"Gxx"), None);
        assert_eq!(code_in_name(b"g41"), None);
        assert_eq!(code_in_name(b"c1000"), None);
    }

    #[test]
    fn ligatures_and_controls() {
        let mut s = String::new();
        for c in "\u{FB01}nd of\u{FB04}\u{00AD}\u{0001}\t!".chars() {
            push_char(&mut s, c);
        }
        assert_eq!(s, "find of\u{FB04}".replace('\u{FB04}', "ffl") + "- !");
    }
}
