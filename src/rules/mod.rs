//! Rules as data: terminology rules (`rules/terms/*.toml`) and exemptions
//! (`rules/exemptions.toml`), embedded in the binary and validated when loaded.

pub mod builtin;
pub mod expand;
pub mod load;
pub mod model;

use std::collections::HashMap;

pub use load::RuleError;
pub use model::{Exemptions, Level, Rule, Severity};

/// All rules in force, in a fixed order (by id), with the exemption data.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub exemptions: Exemptions,
    by_id: HashMap<String, usize>,
}

impl RuleSet {
    /// Builds a rule set; ids must be unique.
    pub fn new(mut rules: Vec<Rule>, exemptions: Exemptions) -> Result<Self, RuleError> {
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let mut by_id = HashMap::with_capacity(rules.len());
        for (i, r) in rules.iter().enumerate() {
            if let Some(&prev) = by_id.get(&r.id) {
                let p: &Rule = &rules[prev];
                return Err(RuleError {
                    file: r.origin.file.clone(),
                    line: r.origin.line,
                    message: format!("duplicate rule id `{}` (also at {})", r.id, p.origin),
                });
            }
            by_id.insert(r.id.clone(), i);
        }
        Ok(Self { rules, exemptions, by_id })
    }

    /// The built-in rules embedded in the binary.
    pub fn builtin() -> Result<Self, RuleError> {
        builtin::load()
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.by_id.get(id).map(|&i| &self.rules[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Keeps only the rules whose language is in `languages`.
    pub fn retain_languages(&mut self, languages: &[String]) {
        self.rules.retain(|r| languages.iter().any(|l| l == &r.language));
        self.reindex();
    }

    /// Keeps the rules for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Rule) -> bool) {
        self.rules.retain(keep);
        self.reindex();
    }

    fn reindex(&mut self) {
        self.by_id = self.rules.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
    }

    /// Languages that have at least one rule, sorted.
    pub fn languages(&self) -> Vec<String> {
        let mut l: Vec<String> = self.rules.iter().map(|r| r.language.clone()).collect();
        l.sort();
        l.dedup();
        l
    }
}
