//! Trainer mode: the sentence a finding is in, rewritten with the preferred wording.

use std::ops::Range;

/// Longest sentence shown, in characters.
const MAX_SENTENCE: usize = 400;

/// The sentence around `range` (whitespace collapsed) and the same sentence with the match
/// replaced by `suggestion` (its trailing abbreviation in parentheses dropped, and capitalised
/// when the match was).
pub fn rewrite(text: &str, range: &Range<usize>, suggestion: &str) -> (String, String) {
    let bounds = sentence_bounds(text, range);
    let before = &text[bounds.start..range.start];
    let after = &text[range.end..bounds.end];
    let matched = &text[range.clone()];
    let mut replacement = strip_abbreviation(suggestion).to_string();
    if matched.chars().next().is_some_and(char::is_uppercase)
        && let Some(first) = replacement.chars().next()
    {
        replacement = first.to_uppercase().chain(replacement.chars().skip(1)).collect();
    }
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = collapse(&format!("{before}{matched}{after}"));
    let rewritten = collapse(&format!("{before}{replacement}{after}"));
    (cut(&sentence), cut(&rewritten))
}

fn cut(s: &str) -> String {
    if s.chars().count() <= MAX_SENTENCE {
        return s.to_string();
    }
    let mut out: String = s.chars().take(MAX_SENTENCE).collect();
    out.push('…');
    out
}

/// "child sexual abuse material (CSAM)" → "child sexual abuse material".
fn strip_abbreviation(s: &str) -> &str {
    match s.rfind(" (") {
        Some(i) if s.ends_with(')') => &s[..i],
        _ => s,
    }
}

/// The sentence holding `range`: from after the previous sentence end (". ", "! ", "? ", a blank
/// line) to the next one, within a bounded window.
fn sentence_bounds(text: &str, range: &Range<usize>) -> Range<usize> {
    let window_start = floor_boundary(text, range.start.saturating_sub(600));
    let before = &text[window_start..range.start];
    let mut start = window_start;
    let bytes = before.as_bytes();
    for i in (0..bytes.len()).rev() {
        let b = bytes[i];
        let next_space = bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace());
        if (matches!(b, b'.' | b'!' | b'?') && next_space) || (b == b'\n' && before[..i].ends_with('\n')) {
            start = window_start + i + 1;
            break;
        }
    }
    let window_end = ceil_boundary(text, (range.end + 600).min(text.len()));
    let after = &text[range.end..window_end];
    let mut end = window_end;
    let abytes = after.as_bytes();
    for (i, &b) in abytes.iter().enumerate() {
        let next_space = abytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace());
        if matches!(b, b'.' | b'!' | b'?') && next_space {
            end = range.end + i + 1;
            break;
        }
        if b == b'\n' && after[i + 1..].starts_with('\n') {
            end = range.end + i;
            break;
        }
    }
    start..end
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_the_sentence_with_the_suggestion() {
        let t = "First one. Police found child pornography on the\nlaptop. Next.";
        let at = t.find("child pornography").unwrap();
        let (s, r) = rewrite(t, &(at..at + 17), "child sexual abuse material (CSAM)");
        assert_eq!(s, "Police found child pornography on the laptop.");
        assert_eq!(r, "Police found child sexual abuse material on the laptop.");
        let t = "Child prostitution is rising";
        let (_, r) = rewrite(t, &(0..18), "sexual exploitation of children in prostitution");
        assert_eq!(r, "Sexual exploitation of children in prostitution is rising");
    }
}
