//! Runs every checklist item's own examples and lints the checklist data.

use std::collections::BTreeSet;

use luxlint::checklist::{self, Status};
use luxlint::engine::Engine;
use luxlint::extract::Document;

#[test]
fn every_item_gets_the_status_its_examples_expect() {
    let engine = Engine::builtin().unwrap();
    let checklist = checklist::builtin().unwrap_or_else(|e| panic!("checklist must load: {e}"));
    let mut failures = Vec::new();
    for (i, item) in checklist.items.iter().enumerate() {
        for ex in &item.examples {
            let doc = Document::from_text(ex.text.clone());
            let scan = engine.scan(&doc);
            let result = checklist.evaluate(&doc, &scan, Some(item.kinds[0]));
            let got = &result.items[i];
            if got.status != ex.expect {
                let sections: Vec<&str> = got.evidence.iter().map(|e| e.section.as_str()).collect();
                failures.push(format!(
                    "{} ({}, {}): expected {}, got {} {sections:?}",
                    item.id, ex.origin, ex.language, ex.expect, got.status
                ));
            }
            if got.status > Status::Absent {
                for e in &got.evidence {
                    assert!(
                        !e.section.is_empty() && !e.excerpt.is_empty(),
                        "{}: evidence needs a section and an excerpt",
                        item.id
                    );
                    assert!(doc.text.is_char_boundary(e.range.start) && e.range.end <= doc.text.len());
                }
                if got.evidence.is_empty() {
                    failures.push(format!("{} ({}): {} without evidence", item.id, ex.origin, got.status));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} checklist example failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_item_has_examples_of_each_status_it_can_take() {
    for item in &checklist::builtin().unwrap().items {
        let expects: BTreeSet<Status> = item.examples.iter().map(|e| e.expect).collect();
        assert!(expects.contains(&Status::Met), "{}: needs an example that meets it", item.id);
        assert!(expects.contains(&Status::Absent), "{}: needs an example that does not meet it", item.id);
        if item.partial.is_some() {
            assert!(expects.contains(&Status::Partial), "{}: has a partial rule but no partial example", item.id);
        }
        let langs: BTreeSet<&str> = item.facets.iter().flat_map(|f| f.languages.keys().map(String::as_str)).collect();
        for lang in ["en", "fr", "es", "pt", "de"] {
            assert!(langs.contains(lang), "{}: no cues in {lang}", item.id);
        }
    }
}

#[test]
fn every_item_file_is_embedded_and_the_ids_are_the_checklist() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/checklists");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| n.trim_end_matches(".toml").to_string())
        .collect();
    let embedded: BTreeSet<String> = checklist::builtin().unwrap().items.iter().map(|i| i.id.clone()).collect();
    assert_eq!(on_disk, embedded, "rules/checklists/*.toml and checklist::builtin::ITEM_FILES must agree");
    let expected: BTreeSet<String> = (1..=24).chain(30..=33).chain([40]).map(|n| format!("CL-{n:02}")).collect();
    assert_eq!(embedded, expected, "the checklist is CL-01…CL-24, CL-30…CL-33 and CL-40");
}
