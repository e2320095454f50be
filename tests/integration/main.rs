//! One integration-test binary (faster to build than one per file).

mod checklist_data;
mod checklist_expected;
mod cli;
mod common;
mod formats;
mod inputs;
mod json_contract;
mod pdf;
mod properties;
mod real_laws;
mod rules_data;
mod workflow;
