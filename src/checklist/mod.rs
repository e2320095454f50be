//! The legal checklist: which items (CL-xx) a law, policy or UN report contains, with evidence
//! (provision and excerpt), rolled up per country into the Objective 1 indicators.
//!
//! Items are data (`rules/checklists/CL-xx.toml`): facets made of cue groups per language that
//! must co-occur inside one provision, and expressions over facets that make an item `met` or
//! `partial`. See `rules/checklists/README.md`.

pub mod ages;
pub mod builtin;
pub mod country;
pub mod evaluate;
pub mod kind;
pub mod load;
pub mod model;
pub mod rollup;
pub mod segment;

use std::sync::OnceLock;

pub use evaluate::{DocumentResult, Evaluator, Evidence, ItemResult};
pub use model::{DocKind, Item, Status};
pub use rollup::{Checked, CountryItem, CountryResult, IndicatorResult};

use crate::rules::RuleError;

/// The built-in checklist, compiled once per process.
pub fn builtin() -> Result<&'static Evaluator, RuleError> {
    static CHECKLIST: OnceLock<Result<Evaluator, RuleError>> = OnceLock::new();
    CHECKLIST.get_or_init(|| builtin::load().map(Evaluator::new)).as_ref().map_err(Clone::clone)
}

/// The indicators of the results framework and the items behind each, in order.
pub fn indicators(items: &[Item]) -> Vec<(&'static str, Vec<&str>)> {
    ["O1.a", "O1.b", "O1.c"]
        .into_iter()
        .map(|ind| (ind, items.iter().filter(|i| i.indicator == ind).map(|i| i.id.as_str()).collect()))
        .collect()
}
