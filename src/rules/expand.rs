//! Text helpers for rule data, also compiled into `build.rs` (no crate dependencies).
//!
//! Brace expansion for rule phrases: `child prostitute{,s}` → `child prostitute`,
//! `child prostitutes`; `детск{ая,ой} порнографи{я,и}` → four forms. Groups do not nest.

/// Expands every `{a,b,…}` group into the cartesian product of forms.
pub fn expand_braces(pattern: &str, limit: usize) -> Result<Vec<String>, String> {
    let mut forms = vec![String::new()];
    let mut rest = pattern;
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            return Err("`}` without `{`".into());
        }
        let literal = &rest[..open];
        let after = &rest[open + 1..];
        let close = after.find(['{', '}']).ok_or("`{` without `}`")?;
        if after.as_bytes()[close] == b'{' {
            return Err("braces do not nest".into());
        }
        let alternatives: Vec<&str> = after[..close].split(',').collect();
        if alternatives.len() < 2 {
            return Err("a `{…}` group needs at least two alternatives separated by `,`".into());
        }
        let mut next = Vec::with_capacity(forms.len() * alternatives.len());
        for f in &forms {
            for alt in &alternatives {
                next.push(format!("{f}{literal}{alt}"));
            }
        }
        if next.len() > limit {
            return Err(format!("expands to more than {limit} forms"));
        }
        forms = next;
        rest = &after[close + 1..];
    }
    for f in &mut forms {
        f.push_str(rest);
    }
    Ok(forms)
}

/// Rewrites `\b` as the ASCII word boundary `(?-u:\b)` in a pattern made only of ASCII.
/// Normalised Latin text has no accents left, so the two agree there, and the ASCII form keeps
/// the regex engine on its fast lazy DFA instead of falling back to a slower one whenever the
/// text holds a non-ASCII character. Patterns with non-Latin letters keep the Unicode form.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    if !pattern.is_ascii() {
        return pattern.to_string();
    }
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_products_and_empty_alternatives() {
        assert_eq!(expand_braces("a{,s} b{x,y}", 100).unwrap(), ["a bx", "a by", "as bx", "as by"]);
        assert_eq!(expand_braces("plain", 100).unwrap(), ["plain"]);
    }

    #[test]
    fn ascii_patterns_get_ascii_word_boundaries() {
        assert_eq!(ascii_word_boundaries(r"\bsex\b \\b"), r"(?-u:\b)sex(?-u:\b) \\b");
        assert_eq!(ascii_word_boundaries(r"\bдети\b"), r"\bдети\b");
    }

    #[test]
    fn rejects_malformed_groups() {
        assert!(expand_braces("a{b", 10).is_err());
        assert!(expand_braces("a}b", 10).is_err());
        assert!(expand_braces("a{b{c}}", 10).is_err());
        assert!(expand_braces("a{b}", 10).is_err());
        assert!(expand_braces("{a,b}{c,d}", 3).is_err());
    }
}
