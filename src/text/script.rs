//! Which scripts separate words with spaces. Phrases in scripts that do not (Thai, Lao, Khmer,
//! Myanmar, Chinese, Japanese) are matched as substrings, without word-boundary checks.

/// True for characters of scripts written without spaces between words.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0E7F}'   // Thai
        | '\u{0E80}'..='\u{0EFF}' // Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
    )
}

/// True if any character of `s` belongs to a script without spaces.
pub fn has_unspaced_script(s: &str) -> bool {
    s.chars().any(is_unspaced_script)
}

/// A character that continues a word (for boundary checks on normalised text).
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The script group a phrase belongs to; the matcher keeps one automaton per group and runs
/// only those whose script occurs in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Script {
    /// Latin letters, digits and punctuation (after normalisation, mostly ASCII).
    Latin,
    /// Cyrillic (Russian, Ukrainian, …).
    Cyrillic,
    /// Scripts written without spaces between words (Thai, CJK, …).
    Unspaced,
    /// Anything else (Greek, Arabic, Hebrew, Devanagari, …).
    Other,
}

impl Script {
    pub const ALL: [Script; 4] = [Script::Latin, Script::Cyrillic, Script::Unspaced, Script::Other];
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052F}').contains(&c)
}

/// The group of a phrase: its first character outside Latin and common punctuation decides.
pub fn script_of(phrase: &str) -> Script {
    for c in phrase.chars() {
        if is_cyrillic(c) {
            return Script::Cyrillic;
        }
        if is_unspaced_script(c) {
            return Script::Unspaced;
        }
        if c.is_alphabetic() && (c as u32) >= 0x0250 {
            return Script::Other;
        }
    }
    Script::Latin
}

/// Which script groups may occur in `text`, from its UTF-8 lead bytes (one fast pass; it may
/// say yes for a group that turns out absent, never no for one present).
pub fn scripts_in(text: &str) -> [bool; 4] {
    let (mut cyrillic, mut three_byte, mut other) = (false, false, false);
    let bytes = text.as_bytes();
    // Most text is mostly Latin: skip chunks whose bytes are all below the lead bytes looked at
    // (ASCII, Latin-1 and Latin Extended, continuation bytes) with a vectorised maximum.
    for (n, chunk) in bytes.chunks(64).enumerate() {
        if chunk.iter().fold(0u8, |m, &b| m.max(b)) < 0xCD {
            continue;
        }
        for (i, &b) in chunk.iter().enumerate() {
            match b {
                0xD0..=0xD4 => cyrillic = true,
                0xCD..=0xCF | 0xD5..=0xDF | 0xF0..=0xF4 => other = true,
                // U+2000–U+203F (E2 80 xx): spaces, dashes, quotation marks, bullets — common in
                // any text, and in no script.
                0xE2 if bytes.get(n * 64 + i + 1) == Some(&0x80) => {}
                0xE0..=0xEF => three_byte = true,
                _ => {}
            }
        }
        if cyrillic && three_byte && other {
            break;
        }
    }
    [true, cyrillic, three_byte, other || three_byte]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_found_by_lead_bytes() {
        assert_eq!(scripts_in("plain ascii"), [true, false, false, false]);
        assert_eq!(scripts_in(&format!("{}детская", "x".repeat(100))), [true, true, false, false]);
        assert_eq!(scripts_in("สื่อลามก"), [true, false, true, true]);
        assert_eq!(script_of("детская порнография"), Script::Cyrillic);
        assert_eq!(script_of("pornografía"), Script::Latin);
        assert_eq!(script_of("สื่อ"), Script::Unspaced);
    }

    /// Broke: curly quotes and dashes (three-byte UTF-8) in an English law made every Thai and
    /// "other" automaton run over it.
    #[test]
    fn punctuation_is_no_script() {
        let text = format!("“child” — ‘x’ … {}", "y".repeat(70));
        assert_eq!(scripts_in(&text), [true, false, false, false]);
        // The check looks past the 64-byte chunk a lead byte ends.
        let split = format!("{}“", "z".repeat(63));
        assert_eq!(scripts_in(&split), [true, false, false, false]);
        assert_eq!(scripts_in(&format!("“{}”", "สื่อ")), [true, false, true, true]);
    }
}
