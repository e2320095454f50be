//! Sidecar ignore files, for formats where no comment can be written (PDF, DOCX): next to
//! `report.pdf`, a `report.pdf.luxlint-ignore` file lists what not to count.
//!
//! ```toml
//! [[ignore]]
//! rule = "en.child-pornography"    # rule id, concept, `<lang>.*` or `*`
//! matched = "child pornography"    # optional: only this text (compared after normalisation)
//! reason = "quoted from the 1996 Act"
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::selects;
use crate::judge::Exempt;
use crate::report::FileReport;
use crate::rules::RuleError;
use crate::rules::load::{line_at, toml_error};
use crate::text::normalize_str;

/// The suffix of a sidecar file.
pub const SUFFIX: &str = ".luxlint-ignore";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    ignore: Vec<toml::Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    rule: String,
    #[serde(default)]
    matched: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    reason: Option<String>,
}

/// One entry: a rule selector and, optionally, the normalised matched text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub rule: String,
    pub matched: Option<String>,
}

/// The sidecar file of `path`.
pub fn path_for(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(SUFFIX);
    PathBuf::from(name)
}

/// Reads the sidecar of `path`, if there is one.
pub fn load(path: &Path) -> Result<Vec<Entry>, RuleError> {
    let side = path_for(path);
    if !side.is_file() {
        return Ok(Vec::new());
    }
    let file = side.display().to_string();
    let text = std::fs::read_to_string(&side).map_err(|e| RuleError {
        file: file.clone(),
        line: 1,
        message: format!("cannot read: {e}"),
    })?;
    let raw: RawFile = toml::from_str(&text).map_err(|e| toml_error(&file, &text, &e))?;
    let mut out = Vec::new();
    for e in raw.ignore {
        let line = line_at(&text, e.span().start);
        let e = e.into_inner();
        if e.rule.trim().is_empty() {
            return Err(RuleError { file: file.clone(), line, message: "`rule` must not be empty".into() });
        }
        out.push(Entry { rule: e.rule, matched: e.matched.map(|m| normalize_str(&m)) });
    }
    Ok(out)
}

/// Marks the counted findings of `report` that an entry covers as suppressed.
pub fn apply(entries: &[Entry], report: &mut FileReport, concept_of: impl Fn(&str) -> Option<String>) {
    if entries.is_empty() {
        return;
    }
    for f in report.findings.iter_mut().filter(|f| f.exempt.is_none()) {
        let concept = concept_of(&f.rule).unwrap_or_default();
        let matched = normalize_str(&f.matched);
        if entries.iter().any(|e| {
            selects(&e.rule, &f.rule, &concept, &f.language) && e.matched.as_ref().is_none_or(|m| *m == matched)
        }) {
            f.exempt = Some(Exempt::Suppressed);
        }
    }
}
