//! One integration-test binary (faster to build than one per file).

mod rules_data;
mod pdf;
