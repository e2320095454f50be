//! luxlint reads laws, policies, UN reports, news copy and NGO publications and reports wording
//! that the Luxembourg Terminology Guidelines ask writers to avoid, with the preferred wording.
//!
//! The pipeline, one module per stage:
//! [`extract`] (bytes → [`extract::Document`]) → [`text`] (normalisation with an offset map) →
//! [`matcher`] (one Aho-Corasick automaton over all rule phrases) → [`judge`] (titles,
//! quotations) → [`report`] (json, jsonl, human). [`engine`] ties the middle stages together,
//! [`batch`] runs many files in parallel with ordered output, and [`cli`] is the front end.

pub mod baseline;
pub mod batch;
pub mod checklist;
pub mod cli;
pub mod config;
pub mod engine;
pub mod extract;
pub mod judge;
pub mod lang;
pub mod matcher;
pub mod report;
pub mod rules;
pub mod text;
