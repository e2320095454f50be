//! Runs every rule's own examples, the exemption examples, and lints the rule data itself.

use std::collections::{BTreeMap, BTreeSet};

use luxlint::engine::Engine;
use luxlint::extract::Document;
use luxlint::judge::Exempt;
use luxlint::rules::builtin::TERM_FILES;

fn engine() -> &'static Engine {
    Engine::builtin().unwrap_or_else(|e| panic!("built-in rules must load: {e}"))
}

/// Splits `a [[b]] c` into the text without markers and the marked range.
fn unmark(example: &str) -> (String, Option<std::ops::Range<usize>>) {
    match (example.find("[["), example.find("]]")) {
        (Some(s), Some(e)) if s < e => {
            let text = format!("{}{}{}", &example[..s], &example[s + 2..e], &example[e + 2..]);
            (text, Some(s..e - 2))
        }
        _ => (example.to_string(), None),
    }
}

#[test]
fn every_rule_flags_its_flag_examples_and_passes_its_pass_examples() {
    let engine = engine();
    let mut failures = Vec::new();
    for (i, rule) in engine.rules.rules.iter().enumerate() {
        for ex in &rule.examples.flag {
            let (text, marked) = unmark(ex);
            let scan = engine.scan(&Document::from_text(text.clone()));
            let hits: Vec<_> = scan.findings.iter().filter(|f| f.rule == i && f.exempt.is_none()).collect();
            if hits.is_empty() {
                let got: Vec<String> = scan
                    .findings
                    .iter()
                    .map(|f| {
                        format!(
                            "{}={:?}{}",
                            engine.rules.rules[f.rule].id,
                            &text[f.range.clone()],
                            f.exempt.map(|e| format!("({})", e.as_str())).unwrap_or_default()
                        )
                    })
                    .collect();
                failures.push(format!("{} ({}): did not flag {ex:?}; found {got:?}", rule.id, rule.origin));
            } else if let Some(m) = marked
                && !hits.iter().any(|f| f.range == m)
            {
                let got: Vec<&str> = hits.iter().map(|f| &text[f.range.clone()]).collect();
                failures
                    .push(format!("{} ({}): in {ex:?} expected {:?}, matched {got:?}", rule.id, rule.origin, &text[m]));
            }
        }
        for ex in &rule.examples.pass {
            let scan = engine.scan(&Document::from_text(ex.clone()));
            if let Some(f) = scan.findings.iter().find(|f| f.rule == i && f.exempt.is_none()) {
                failures.push(format!(
                    "{} ({}): flagged {:?} in pass example {ex:?}",
                    rule.id,
                    rule.origin,
                    &ex[f.range.clone()]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} rule example failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn exemption_examples_are_judged_as_stated() {
    let engine = engine();
    let mut failures = Vec::new();
    for ex in &engine.rules.exemptions.examples {
        let scan = engine.scan(&Document::from_text(ex.text.clone()));
        let got: Vec<(String, Option<Exempt>)> =
            scan.findings.iter().map(|f| (ex.text[f.range.clone()].to_string(), f.exempt)).collect();
        let ok = match ex.expect.as_str() {
            "title" => !got.is_empty() && got.iter().all(|(_, e)| *e == Some(Exempt::Title)),
            "quotation" => !got.is_empty() && got.iter().all(|(_, e)| *e == Some(Exempt::Quotation)),
            _ => got.iter().any(|(_, e)| e.is_none()),
        };
        if !ok {
            failures.push(format!("{}: expected {} in {:?}, got {got:?}", ex.origin, ex.expect, ex.text));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_phrase_belongs_to_two_rules_of_one_language() {
    let mut seen: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut dupes = Vec::new();
    for r in &engine().rules.rules {
        for p in &r.expanded {
            if let Some(other) = seen.insert((r.language.clone(), p.to_string()), r.id.clone())
                && other != r.id
            {
                dupes.push(format!("{p:?} in {other} and {}", r.id));
            }
        }
    }
    assert!(dupes.is_empty(), "{}", dupes.join("\n"));
}

#[test]
fn every_rule_file_is_embedded() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/terms");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| format!("rules/terms/{}", e.file_name().to_string_lossy()))
        .filter(|n| n.ends_with(".toml"))
        .collect();
    let embedded: BTreeSet<String> = TERM_FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, embedded, "rules/terms/*.toml and rules::builtin::TERM_FILES must list the same files");
}

#[test]
fn every_language_covers_the_core_concepts() {
    let mut by_lang: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in &engine().rules.rules {
        by_lang.entry(&r.language).or_default().insert(&r.concept);
    }
    for lang in ["en", "fr", "es", "pt", "de", "ru", "th"] {
        let concepts = by_lang.get(lang).unwrap_or_else(|| panic!("no rules for {lang}"));
        for core in ["child-pornography", "child-prostitution"] {
            assert!(concepts.contains(core), "{lang} has no rule for {core}");
        }
    }
}

#[test]
fn concepts_are_consistent_across_languages() {
    // A concept key means the same level in every language.
    let mut levels: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in &engine().rules.rules {
        levels.entry(&r.concept).or_default().insert(r.level.as_str());
    }
    let mixed: Vec<_> = levels.iter().filter(|(_, l)| l.len() > 1).collect();
    assert!(mixed.is_empty(), "concepts with different levels across languages: {mixed:?}");
}

#[test]
fn every_reference_cites_the_guidelines_or_a_named_source() {
    for r in &engine().rules.rules {
        assert!(r.reference.len() > 20, "{}: reference too short to cite: {:?}", r.id, r.reference);
        assert!(!r.message.contains("TODO") && !r.explanation.contains("TODO"), "{}: placeholder text", r.id);
    }
}

#[test]
fn docs_rules_md_is_current() {
    // The rules reference is generated; `LUXLINT_UPDATE_DOCS=1 cargo test docs_rules` rewrites it.
    let generated = luxlint::cli::rules_cmd::markdown(&engine().rules);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    if std::env::var_os("LUXLINT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/rules.md is stale: run `LUXLINT_UPDATE_DOCS=1 cargo test --test integration docs_rules`"
    );
}

#[test]
fn every_builtin_pattern_compiles() {
    // Patterns compile lazily at run time; this makes sure none would fail there.
    for r in &engine().rules.rules {
        for p in &r.patterns {
            assert!(p.regex().is_some(), "{}: pattern {:?} does not compile", r.id, p.source);
        }
    }
}

#[test]
fn build_time_cache_agrees_with_run_time_expansion() {
    // build.rs expands the built-in phrases and derives pattern triggers ahead of time; loading
    // without the cache must give exactly the same rules.
    for (file, text) in TERM_FILES {
        let cached = luxlint::rules::load::parse_term_file_with(file, text, true).unwrap();
        let fresh = luxlint::rules::load::parse_term_file(file, text).unwrap();
        assert!(
            luxlint::rules::builtin::TERM_CACHE
                .iter()
                .any(|c| cached.iter().any(|r| r.id == luxlint::rules::builtin::text(c.id))),
            "{file}: cache unused"
        );
        for (a, b) in cached.iter().zip(&fresh) {
            assert_eq!(a.expanded, b.expanded, "{}", a.id);
            assert_eq!(a.allow, b.allow, "{}", a.id);
            for (pa, pb) in a.patterns.iter().zip(&b.patterns) {
                assert_eq!(pa.compiled_source, pb.compiled_source, "{}", a.id);
                assert_eq!(pa.trigger, pb.trigger, "{}", a.id);
            }
        }
    }
}
