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
