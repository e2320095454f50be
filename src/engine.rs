//! The terminology pipeline for one document: normalise → match → judge.

use std::sync::OnceLock;

use crate::config::Config;
use crate::extract::Document;
use crate::judge::suppress::Suppressions;
use crate::judge::{Exempt, Finding, Judge};
use crate::lang;
use crate::matcher::Matcher;
use crate::rules::{RuleError, RuleSet, Severity};
use crate::text::{LineIndex, Normalized, normalize, normalize_marked};

/// Bytes of normalised text on each side of a match used to tell its language.
const CONTEXT_BYTES: usize = 400;

/// Compiled rules, ready to scan many documents from many threads.
#[derive(Debug, Clone)]
pub struct Engine {
    pub rules: RuleSet,
    matcher: Matcher,
    judge: Judge,
    /// Severity per rule (index as in `rules.rules`), after configuration.
    severities: Vec<Severity>,
}

impl Engine {
    /// Marks findings switched off by `luxlint-disable…` directives in the document.
    fn apply_inline_suppressions(&self, doc: &Document, findings: &mut Vec<Finding>) {
        if findings.is_empty() || !doc.text.contains("luxlint-") {
            return;
        }
        let index = LineIndex::new(&doc.text);
        let sup = Suppressions::parse(&doc.text, &index);
        if sup.is_empty() {
            return;
        }
        // Rule names in a directive ("en.child-prostitution") are not uses.
        findings.retain(|f| !sup.in_directive(&f.range));
        for f in findings.iter_mut().filter(|f| f.exempt.is_none()) {
            let rule = &self.rules.rules[f.rule];
            if sup.covers(index.line_of(f.range.start), &rule.id, &rule.concept, &rule.language) {
                f.exempt = Some(Exempt::Suppressed);
            }
        }
    }
}

/// What scanning one document produced.
#[derive(Debug, Clone)]
pub struct Scan {
    pub normalized: Normalized,
    /// Language of the document as a whole, when it was needed (and could be told).
    pub language: Option<&'static str>,
    /// Sorted by document offset.
    pub findings: Vec<Finding>,
    /// Where official names of instruments and bodies occur (normalised text ranges).
    pub titles: Vec<std::ops::Range<usize>>,
}

impl Engine {
    pub fn new(rules: RuleSet) -> Self {
        let matcher = Matcher::new(&rules);
        let judge = Judge::new(&rules);
        let severities = rules.rules.iter().map(|r| r.level.default_severity()).collect();
        Self { rules, matcher, judge, severities }
    }

    /// The built-in rules as a project configuration shapes them: packs added, languages and
    /// rules switched off, the allowlist, and severities.
    pub fn with_config(config: &Config) -> Result<Self, RuleError> {
        let rules = config.apply(RuleSet::builtin()?)?;
        let mut engine = Self::new(rules);
        for (i, r) in engine.rules.rules.iter().enumerate() {
            engine.severities[i] = config.severity_of(&r.id, &r.concept, r.level);
        }
        Ok(engine)
    }

    /// The engine over the built-in rules, compiled once per process.
    pub fn builtin() -> Result<&'static Engine, RuleError> {
        static ENGINE: OnceLock<Result<Engine, RuleError>> = OnceLock::new();
        ENGINE.get_or_init(|| RuleSet::builtin().map(Engine::new)).as_ref().map_err(Clone::clone)
    }

    /// The phrase and pattern matcher (for benchmarks and tools that only need raw hits).
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    pub fn severity(&self, rule: usize) -> Severity {
        self.severities[rule]
    }

    pub fn set_severity(&mut self, rule: usize, severity: Severity) {
        self.severities[rule] = severity;
    }

    /// Scans one document.
    pub fn scan(&self, doc: &Document) -> Scan {
        let normalized = if doc.substitutions.is_empty() {
            normalize(&doc.text, &doc.masks)
        } else {
            normalize_marked(&doc.text, &doc.marks())
        };
        let mut language: Option<Option<&'static str>> = None;
        let mut doc_language = || *language.get_or_insert_with(|| lang::detect(&doc.text));
        let mut found = self.matcher.find(&normalized.text, &mut doc_language);
        found.hits.retain(|h| {
            let rule = &self.rules.rules[h.rule];
            if !rule.needs_language_context {
                return true;
            }
            let around = normalized.source_range(
                h.range.start.saturating_sub(CONTEXT_BYTES)..(h.range.end + CONTEXT_BYTES).min(normalized.text.len()),
            );
            // Drop the hit only on evidence that the text around it is in another language.
            let local = lang::detect(&doc.text[around]).or_else(&mut doc_language);
            local.is_none_or(|l| l == rule.language)
        });
        let titles = found.titles.clone();
        let mut findings = self.judge.judge(doc, &normalized, found);
        self.apply_inline_suppressions(doc, &mut findings);
        findings.sort_by(|a, b| {
            a.range.start.cmp(&b.range.start).then(a.range.end.cmp(&b.range.end)).then(a.rule.cmp(&b.rule))
        });
        let language = language.flatten();
        Scan { normalized, language, findings, titles }
    }
}
