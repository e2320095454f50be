//! Parsing and validating checklist item files. Every error names the file and line.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::model::{Cue, CueSet, DocKind, Expr, Facet, Item, ItemExample, Status};
use crate::rules::load::{is_language_code, line_at, toml_error};
use crate::rules::model::Origin;
use crate::rules::{RuleError, expand::expand_braces};
use crate::text::normalize_str;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    title: String,
    description: String,
    indicator: String,
    kinds: Vec<String>,
    source: String,
    met: Spanned<String>,
    #[serde(default)]
    partial: Option<Spanned<String>>,
    facet: Vec<Spanned<RawFacet>>,
    #[serde(default)]
    example: Vec<Spanned<RawExample>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacet {
    name: String,
    en: Option<RawCueSet>,
    fr: Option<RawCueSet>,
    es: Option<RawCueSet>,
    pt: Option<RawCueSet>,
    de: Option<RawCueSet>,
    nl: Option<RawCueSet>,
    ru: Option<RawCueSet>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCueSet {
    all: Vec<Vec<String>>,
    #[serde(default)]
    none: Vec<String>,
    #[serde(default)]
    in_titles: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    language: String,
    expect: String,
    text: String,
}

const INDICATORS: [&str; 3] = ["O1.a", "O1.b", "O1.c"];

/// Parses one item file.
pub fn parse_item_file(file: &str, text: &str) -> Result<Item, RuleError> {
    let raw: RawItem = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
    let err = |span: std::ops::Range<usize>, message: String| RuleError {
        file: file.to_string(),
        line: line_at(text, span.start),
        message,
    };
    let id = raw.id.get_ref().clone();
    let valid_id = id.len() == 5 && id.starts_with("CL-") && id[3..].chars().all(|c| c.is_ascii_digit());
    if !valid_id {
        return Err(err(raw.id.span(), format!("item id must look like CL-07, not {id:?}")));
    }
    let here = |m: String| err(raw.id.span(), format!("{id}: {m}"));
    if !INDICATORS.contains(&raw.indicator.as_str()) {
        return Err(here(format!("unknown indicator {:?}", raw.indicator)));
    }
    let mut kinds = Vec::new();
    for k in &raw.kinds {
        kinds.push(DocKind::parse(k).ok_or_else(|| here(format!("unknown document kind {k:?}")))?);
    }
    if kinds.is_empty() {
        return Err(here("`kinds` must name at least one document kind".into()));
    }
    for (name, value) in [("title", &raw.title), ("description", &raw.description), ("source", &raw.source)] {
        if value.trim().is_empty() {
            return Err(here(format!("`{name}` must not be empty")));
        }
    }
    let mut facets = Vec::new();
    let mut names = HashSet::new();
    for spanned in &raw.facet {
        let f = spanned.get_ref();
        let at = |m: String| err(spanned.span(), format!("{id}: facet `{}`: {m}", f.name));
        if !names.insert(f.name.clone()) {
            return Err(at("duplicate facet name".into()));
        }
        if f.name.is_empty() || !f.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            return Err(at("facet names are lowercase words joined by `_`".into()));
        }
        let mut languages = BTreeMap::new();
        for (lang, set) in
            [("en", &f.en), ("fr", &f.fr), ("es", &f.es), ("pt", &f.pt), ("de", &f.de), ("nl", &f.nl), ("ru", &f.ru)]
        {
            let Some(set) = set else { continue };
            debug_assert!(is_language_code(lang));
            if set.all.is_empty() || set.all.iter().any(Vec::is_empty) {
                return Err(at(format!("[{lang}] `all` needs at least one group, and no group may be empty")));
            }
            let mut all = Vec::new();
            for group in &set.all {
                all.push(parse_cues(group).map_err(|m| at(format!("[{lang}] {m}")))?);
            }
            let none = parse_cues(&set.none).map_err(|m| at(format!("[{lang}] {m}")))?;
            languages.insert(lang.to_string(), CueSet { all, none, in_titles: set.in_titles });
        }
        if languages.is_empty() {
            return Err(at("needs cues in at least one language".into()));
        }
        facets.push(Facet { name: f.name.clone(), languages });
    }
    let names: Vec<String> = facets.iter().map(|f| f.name.clone()).collect();
    let met = parse_expr(raw.met.get_ref(), &names).map_err(|m| err(raw.met.span(), format!("{id}: `met`: {m}")))?;
    let partial = match &raw.partial {
        Some(p) => Some(parse_expr(p.get_ref(), &names).map_err(|m| err(p.span(), format!("{id}: `partial`: {m}")))?),
        None => None,
    };
    let mut examples = Vec::new();
    for ex in raw.example {
        let line = line_at(text, ex.span().start);
        let ex = ex.into_inner();
        let expect = match ex.expect.as_str() {
            "met" => Status::Met,
            "partial" => Status::Partial,
            "absent" => Status::Absent,
            other => {
                return Err(RuleError {
                    file: file.into(),
                    line,
                    message: format!("{id}: example `expect` must be met, partial or absent, not {other:?}"),
                });
            }
        };
        if !is_language_code(&ex.language) {
            return Err(RuleError {
                file: file.into(),
                line,
                message: format!("{id}: bad example language {:?}", ex.language),
            });
        }
        examples.push(ItemExample {
            language: ex.language,
            text: ex.text,
            expect,
            origin: Origin { file: file.into(), line },
        });
    }
    Ok(Item {
        id: id.clone(),
        title: raw.title,
        description: raw.description.trim().to_string(),
        indicator: raw.indicator,
        kinds,
        facets,
        met,
        partial,
        source: raw.source,
        examples,
        origin: Origin { file: file.into(), line: 1 },
    })
}

/// Parses cue strings: phrases (brace groups expand; a final `*` makes a prefix) and the age
/// conditions `AGE_UNDER=N` / `AGE_UNDER<N`.
fn parse_cues(raw: &[String]) -> Result<Vec<Cue>, String> {
    let mut out = Vec::new();
    for c in raw {
        if let Some(v) = c.strip_prefix("AGE_UNDER=") {
            out.push(Cue::AgeUnderEq(v.parse().map_err(|_| format!("bad age in {c:?}"))?));
            continue;
        }
        if let Some(v) = c.strip_prefix("AGE_UNDER<") {
            out.push(Cue::AgeUnderLt(v.parse().map_err(|_| format!("bad age in {c:?}"))?));
            continue;
        }
        if c.starts_with("AGE") {
            return Err(format!("unknown age condition {c:?} (use AGE_UNDER=N or AGE_UNDER<N)"));
        }
        for form in expand_braces(c, 1024).map_err(|m| format!("cue {c:?}: {m}"))? {
            let (body, prefix) = match form.strip_suffix('*') {
                Some(b) => (b, true),
                None => (form.as_str(), false),
            };
            if body.contains('*') {
                return Err(format!("cue {c:?}: `*` may only end a cue"));
            }
            let text = normalize_str(body);
            if text.chars().count() < 2 {
                return Err(format!("cue {c:?} is too short to match reliably"));
            }
            out.push(Cue::Phrase { text, prefix });
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Parses `a & (b | !c)`; `!` binds tighter than `&`, which binds tighter than `|`.
pub fn parse_expr(src: &str, facets: &[String]) -> Result<Expr, String> {
    let tokens = tokenize(src)?;
    let mut pos = 0;
    let e = parse_or(&tokens, &mut pos, facets)?;
    if pos != tokens.len() {
        return Err(format!("unexpected `{}`", tokens[pos]));
    }
    Ok(e)
}

fn tokenize(src: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = src.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if matches!(c, '&' | '|' | '!' | '(' | ')') {
            out.push(c.to_string());
            chars.next();
        } else if c.is_ascii_alphanumeric() || c == '_' {
            let mut word = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_ascii_alphanumeric() || d == '_' {
                    word.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(word);
        } else {
            return Err(format!("unexpected character {c:?}"));
        }
    }
    if out.is_empty() {
        return Err("empty expression".into());
    }
    Ok(out)
}

fn parse_or(t: &[String], pos: &mut usize, f: &[String]) -> Result<Expr, String> {
    let mut parts = vec![parse_and(t, pos, f)?];
    while t.get(*pos).is_some_and(|x| x == "|") {
        *pos += 1;
        parts.push(parse_and(t, pos, f)?);
    }
    Ok(if parts.len() == 1 { parts.remove(0) } else { Expr::Or(parts) })
}

fn parse_and(t: &[String], pos: &mut usize, f: &[String]) -> Result<Expr, String> {
    let mut parts = vec![parse_unary(t, pos, f)?];
    while t.get(*pos).is_some_and(|x| x == "&") {
        *pos += 1;
        parts.push(parse_unary(t, pos, f)?);
    }
    Ok(if parts.len() == 1 { parts.remove(0) } else { Expr::And(parts) })
}

fn parse_unary(t: &[String], pos: &mut usize, f: &[String]) -> Result<Expr, String> {
    match t.get(*pos).map(String::as_str) {
        Some("!") => {
            *pos += 1;
            Ok(Expr::Not(Box::new(parse_unary(t, pos, f)?)))
        }
        Some("(") => {
            *pos += 1;
            let e = parse_or(t, pos, f)?;
            if t.get(*pos).map(String::as_str) != Some(")") {
                return Err("missing `)`".into());
            }
            *pos += 1;
            Ok(e)
        }
        Some(name) if !matches!(name, "&" | "|" | ")") => {
            *pos += 1;
            f.iter()
                .position(|x| x == name)
                .map(Expr::Facet)
                .ok_or_else(|| format!("unknown facet `{name}` (facets: {})", f.join(", ")))
        }
        Some(other) => Err(format!("unexpected `{other}`")),
        None => Err("expression ends too early".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_parse_with_precedence() {
        let f = vec!["a".to_string(), "b".into(), "c".into()];
        let e = parse_expr("a & !b | c", &f).unwrap();
        assert_eq!(
            e,
            Expr::Or(vec![Expr::And(vec![Expr::Facet(0), Expr::Not(Box::new(Expr::Facet(1)))]), Expr::Facet(2)])
        );
        assert!(parse_expr("a & d", &f).unwrap_err().contains("unknown facet"));
        assert!(parse_expr("(a", &f).is_err());
    }

    #[test]
    fn cues_expand_and_take_prefixes_and_ages() {
        let c = parse_cues(&["possess{,es}*".into(), "AGE_UNDER=18".into()]).unwrap();
        assert!(c.contains(&Cue::Phrase { text: "possess".into(), prefix: true }));
        assert!(c.contains(&Cue::Phrase { text: "possesses".into(), prefix: true }));
        assert!(c.contains(&Cue::AgeUnderEq(18)));
        assert!(parse_cues(&["AGE_OVER=3".into()]).is_err());
        assert!(parse_cues(&["a*b".into()]).is_err());
    }

    #[test]
    fn unknown_keys_are_errors_with_lines() {
        let text = "id = \"CL-99\"\ntitle = \"t\"\ndescription = \"d\"\nindicator = \"O1.a\"\nkinds = [\"law\"]\n\
                    source = \"s\"\nmet = \"x\"\n\n[[facet]]\nname = \"x\"\n[facet.en]\nall = [[\"a b\"]]\nnone_of = []\n";
        let e = parse_item_file("c.toml", text).unwrap_err();
        assert_eq!(e.line, 13, "{e}");
    }
}
