//! The checklist model: items (CL-xx) made of facets, each facet a set of cue groups per
//! language that must co-occur inside one provision; item status from boolean expressions over
//! facets. Loaded from `rules/checklists/*.toml`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::rules::model::Origin;

/// Status of a checklist item in a document or a country. Order: worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotApplicable,
    Absent,
    Partial,
    Met,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotApplicable => "not_applicable",
            Status::Absent => "absent",
            Status::Partial => "partial",
            Status::Met => "met",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of document a text is; items apply by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Law,
    Policy,
    UnReport,
    Other,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Law => "law",
            DocKind::Policy => "policy",
            DocKind::UnReport => "un_report",
            DocKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "law" => DocKind::Law,
            "policy" => DocKind::Policy,
            "un_report" | "un-report" | "un" => DocKind::UnReport,
            "other" => DocKind::Other,
            _ => return None,
        })
    }
}

/// One cue: a normalised phrase, optionally a prefix (`possess*` matches "possesses"), or an
/// age condition read from the provision (`AGE_UNDER=18`, `AGE_UNDER<18`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cue {
    Phrase {
        text: String,
        prefix: bool,
    },
    /// An "under N" age (digits or words) with N equal to the value.
    AgeUnderEq(u32),
    /// An "under N" age with N below the value.
    AgeUnderLt(u32),
}

/// Cue groups of one language for a facet: every group in `all` must have a cue in the
/// provision, and no cue of `none` may be there.
#[derive(Debug, Clone, Default)]
pub struct CueSet {
    pub all: Vec<Vec<Cue>>,
    pub none: Vec<Cue>,
    /// Count only cues inside official names of instruments (CL-40's "title only" case);
    /// otherwise cues inside such names are ignored.
    pub in_titles: bool,
}

/// A facet: something a provision can say, in any of several languages.
#[derive(Debug, Clone)]
pub struct Facet {
    pub name: String,
    /// Per language code.
    pub languages: BTreeMap<String, CueSet>,
}

/// A boolean expression over facet names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Facet(usize),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

impl Expr {
    pub fn eval(&self, present: &dyn Fn(usize) -> bool) -> bool {
        match self {
            Expr::Facet(i) => present(*i),
            Expr::Not(e) => !e.eval(present),
            Expr::And(es) => es.iter().all(|e| e.eval(present)),
            Expr::Or(es) => es.iter().any(|e| e.eval(present)),
        }
    }

    /// Facets that appear without negation (their provisions are the evidence).
    pub fn positive_facets(&self, out: &mut Vec<usize>) {
        match self {
            Expr::Facet(i) => out.push(*i),
            Expr::Not(_) => {}
            Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| e.positive_facets(out)),
        }
    }
}

/// An example provision and the status the item must get from it.
#[derive(Debug, Clone)]
pub struct ItemExample {
    pub language: String,
    pub text: String,
    pub expect: Status,
    pub origin: Origin,
}

/// A checklist item.
#[derive(Debug, Clone)]
pub struct Item {
    /// Stable id, `CL-07`.
    pub id: String,
    pub title: String,
    /// What makes it met / partial, in our words.
    pub description: String,
    pub indicator: String,
    pub kinds: Vec<DocKind>,
    pub facets: Vec<Facet>,
    pub met: Expr,
    pub partial: Option<Expr>,
    /// Source of the item (instrument articles).
    pub source: String,
    pub examples: Vec<ItemExample>,
    pub origin: Origin,
}

impl Item {
    pub fn applies_to(&self, kind: DocKind) -> bool {
        self.kinds.contains(&kind)
    }
}
