//! `luxlint rules [ID]`: list the rules, or explain one.

use std::io::{self, Write};

use anyhow::{Result, bail};
use serde::Serialize;

use super::args::{RulesArgs, RulesFormat};
use super::exit;
use super::scan_cmd::{engine_for, load_config};
use crate::rules::Rule;

#[derive(Serialize)]
struct WireRule<'a> {
    id: &'a str,
    language: &'a str,
    concept: &'a str,
    level: &'static str,
    phrases: &'a [String],
    patterns: Vec<&'a str>,
    suggestions: &'a [String],
    message: &'a str,
    explanation: &'a str,
    reference: &'a str,
    indicators: &'a [String],
    defined_at: String,
}

impl<'a> WireRule<'a> {
    fn new(r: &'a Rule) -> Self {
        Self {
            id: &r.id,
            language: &r.language,
            concept: &r.concept,
            level: r.level.as_str(),
            phrases: &r.phrases,
            patterns: r.patterns.iter().map(|p| p.source.as_str()).collect(),
            suggestions: &r.suggestions,
            message: &r.message,
            explanation: &r.explanation,
            reference: &r.reference,
            indicators: &r.indicators,
            defined_at: r.origin.to_string(),
        }
    }
}

pub fn run(a: RulesArgs) -> Result<u8> {
    let engine = engine_for(&a.lang, &load_config(&a.config)?)?;
    let rules = &engine.rules;
    let mut out = io::stdout().lock();
    if a.phrases {
        for p in crate::matcher::phrase_list(rules) {
            writeln!(out, "{p}")?;
        }
        return Ok(exit::CLEAN);
    }
    if let Some(id) = &a.id {
        let Some(rule) = rules.get(id) else {
            let near: Vec<&str> = rules
                .rules
                .iter()
                .map(|r| r.id.as_str())
                .filter(|r| r.ends_with(id.rsplit('.').next().unwrap_or(id)))
                .collect();
            if near.is_empty() {
                bail!("no rule with id {id:?}; `luxlint rules` lists them");
            }
            bail!("no rule with id {id:?}; did you mean {}?", near.join(", "));
        };
        match a.format {
            RulesFormat::Json => {
                serde_json::to_writer_pretty(&mut out, &WireRule::new(rule))?;
                writeln!(out)?;
            }
            RulesFormat::Human => explain(&mut out, rule)?,
        }
        return Ok(exit::CLEAN);
    }
    match a.format {
        RulesFormat::Json => {
            let all: Vec<WireRule> = rules.rules.iter().map(WireRule::new).collect();
            serde_json::to_writer_pretty(&mut out, &all)?;
            writeln!(out)?;
        }
        RulesFormat::Human => {
            let width = rules.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in &rules.rules {
                let first = r
                    .phrases
                    .first()
                    .map(String::as_str)
                    .or(r.patterns.first().map(|p| p.source.as_str()))
                    .unwrap_or("");
                writeln!(out, "{:<width$}  {:<7}  {}", r.id, r.level.as_str(), first)?;
            }
            writeln!(
                out,
                "\n{} rules in {} languages. `luxlint rules ID` explains one.",
                rules.rules.len(),
                rules.languages().len()
            )?;
        }
    }
    Ok(exit::CLEAN)
}

fn explain(out: &mut dyn Write, r: &Rule) -> io::Result<()> {
    writeln!(out, "{} ({}, level: {})\n", r.id, r.language, r.level)?;
    writeln!(out, "{}\n", r.message)?;
    writeln!(out, "Why: {}\n", r.explanation)?;
    writeln!(out, "Prefer:")?;
    for s in &r.suggestions {
        writeln!(out, "  - {s}")?;
    }
    writeln!(out, "\nFlags ({} forms in all):", r.expanded.len())?;
    for p in &r.phrases {
        writeln!(out, "  - {p}")?;
    }
    for p in &r.patterns {
        writeln!(out, "  - pattern: {}", p.source)?;
    }
    if !r.allow.is_empty() {
        writeln!(out, "\nNot flagged inside: {}", r.allow.join(", "))?;
    }
    writeln!(out, "\nExamples flagged:")?;
    for e in &r.examples.flag {
        writeln!(out, "  + {}", e.replace("[[", "").replace("]]", ""))?;
    }
    writeln!(out, "Examples not flagged:")?;
    for e in &r.examples.pass {
        writeln!(out, "  - {e}")?;
    }
    writeln!(out, "\nSource: {}", r.reference)?;
    writeln!(out, "Indicators: {}", r.indicators.join(", "))?;
    writeln!(out, "Defined at: {}", r.origin)
}
