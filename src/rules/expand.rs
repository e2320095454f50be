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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_products_and_empty_alternatives() {
        assert_eq!(expand_braces("a{,s} b{x,y}", 100).unwrap(), ["a bx", "a by", "as bx", "as by"]);
        assert_eq!(expand_braces("plain", 100).unwrap(), ["plain"]);
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
