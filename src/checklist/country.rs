//! Which country a document belongs to: `--country`, a manifest (CSV: path,country,kind,year),
//! the nearest enclosing folder named by an ISO 3166-1 alpha-2 code (`laws/BR/eca.txt` → BR),
//! or, for UN documents, the country code in the document symbol (`A/HRC/WG.6/20/SVN/1` → SI).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use isocountry::CountryCode;
use regex::Regex;

use super::model::DocKind;
use crate::rules::RuleError;

/// True for an ISO 3166-1 alpha-2 code, including the user-assigned ones (AA, QM–QZ, XA–XZ,
/// ZZ) that projects use for samples and regions.
pub fn is_country_code(s: &str) -> bool {
    if s.len() != 2 || !s.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let b = s.as_bytes();
    let user_assigned = s == "AA" || s == "ZZ" || (b[0] == b'X') || (b[0] == b'Q' && (b'M'..=b'Z').contains(&b[1]));
    user_assigned || CountryCode::for_alpha2(s).is_ok()
}

/// The nearest enclosing folder of `path` named by a country code.
pub fn from_path(path: &Path) -> Option<String> {
    let parent = path.parent()?;
    parent.components().rev().find_map(|c| match c {
        Component::Normal(name) => name.to_str().filter(|n| is_country_code(n)).map(str::to_string),
        _ => None,
    })
}

/// The country of a UN document from its symbol (`CRC/C/OPSC/SVN/CO/1`, `A/HRC/WG.6/20/SVN/1`).
pub fn from_un_symbol(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"\b(?:CRC/C/(?:OPSC/|OPAC/)?([A-Z]{3})/CO|A/HRC/WG\.6/\d{1,2}/([A-Z]{3})/\d|(?:CEDAW|CCPR)/C/([A-Z]{3})/CO)")
            .expect("symbol regex")
    });
    let mut end = text.len().min(4000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let caps = re.captures(&text[..end])?;
    let alpha3 = caps.get(1).or(caps.get(2)).or(caps.get(3))?.as_str();
    CountryCode::for_alpha3(alpha3).ok().map(|c| c.alpha2().to_string())
}

/// The country a UN review is about, from the country's English name in the title block
/// ("Report of the Working Group on the Universal Periodic Review — Slovenia").
pub fn from_un_title(text: &str) -> Option<String> {
    let mut end = text.len().min(1500);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    // The earliest country name in the title block names the country under review.
    CountryCode::iter()
        .filter_map(|c| {
            let name = c.name();
            let short = name.split(" (").next().unwrap_or(name);
            let at = head.find(short)?;
            let bounded = !head[..at].chars().next_back().is_some_and(char::is_alphanumeric)
                && !head[at + short.len()..].chars().next().is_some_and(char::is_alphanumeric);
            bounded.then(|| (at, std::cmp::Reverse(short.len()), c.alpha2().to_string()))
        })
        .min()
        .map(|(_, _, code)| code)
}

/// One row of a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestEntry {
    pub country: Option<String>,
    pub kind: Option<DocKind>,
    pub year: Option<u32>,
}

/// A manifest: what is known about each document, keyed by path.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    entries: HashMap<PathBuf, ManifestEntry>,
}

fn clean(p: &Path) -> PathBuf {
    p.components().filter(|c| !matches!(c, Component::CurDir)).collect()
}

impl Manifest {
    /// Reads a manifest CSV with the header `path,country,kind,year`; paths are relative to the
    /// manifest's folder (or absolute). Empty cells mean "detect".
    pub fn load(path: &Path) -> Result<Self, RuleError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| RuleError {
            file: file.clone(),
            line: 1,
            message: format!("cannot read manifest: {e}"),
        })?;
        Self::parse(&file, &text, path.parent().unwrap_or(Path::new("")))
    }

    /// Parses manifest text; `file` names it in errors, relative paths start from `base`.
    pub fn parse(file: &str, text: &str, base: &Path) -> Result<Self, RuleError> {
        let file = file.to_string();
        let mut entries = HashMap::new();
        let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
        let Some((_, header)) = lines.next() else { return Ok(Self::default()) };
        let columns: Vec<String> = header.split(',').map(|c| c.trim().to_ascii_lowercase()).collect();
        let col = |name: &str| columns.iter().position(|c| c == name);
        let Some(path_col) = col("path") else {
            return Err(RuleError {
                file,
                line: 1,
                message: "the manifest needs a `path` column (path,country,kind,year)".into(),
            });
        };
        if let Some(unknown) = columns.iter().find(|c| !["path", "country", "kind", "year"].contains(&c.as_str())) {
            return Err(RuleError {
                file,
                line: 1,
                message: format!("unknown manifest column {unknown:?} (known: path, country, kind, year)"),
            });
        }
        for (n, line) in lines {
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            let err = |message: String| RuleError { file: file.clone(), line: n + 1, message };
            let cell = |c: Option<usize>| c.and_then(|i| cells.get(i)).copied().filter(|v| !v.is_empty());
            let Some(p) = cell(Some(path_col)) else { return Err(err("empty path".into())) };
            let country = cell(col("country")).map(str::to_ascii_uppercase);
            if let Some(c) = &country
                && !is_country_code(c)
            {
                return Err(err(format!("{c:?} is not an ISO 3166-1 alpha-2 code")));
            }
            let kind = match cell(col("kind")) {
                Some(k) => Some(
                    DocKind::parse(k)
                        .ok_or_else(|| err(format!("unknown kind {k:?} (law, policy, un_report, other)")))?,
                ),
                None => None,
            };
            let year = match cell(col("year")) {
                Some(y) => Some(y.parse().map_err(|_| err(format!("bad year {y:?}")))?),
                None => None,
            };
            entries.insert(clean(&base.join(p)), ManifestEntry { country, kind, year });
        }
        Ok(Self { entries })
    }

    pub fn get(&self, path: &Path) -> Option<&ManifestEntry> {
        self.entries.get(&clean(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_paths_and_symbols() {
        assert!(is_country_code("BR") && is_country_code("XA") && !is_country_code("XXX") && !is_country_code("UK"));
        assert_eq!(from_path(Path::new("laws/BR/eca.txt")).as_deref(), Some("BR"));
        assert_eq!(from_path(Path::new("corpora/laws/FR/sub/code.md")).as_deref(), Some("FR"));
        assert_eq!(from_path(Path::new("un/slovenia/x.pdf")), None);
        assert_eq!(from_un_symbol("Distr.: General\nA/HRC/WG.6/20/SVN/1\n").as_deref(), Some("SI"));
        assert_eq!(from_un_symbol("CRC/C/OPSC/SVN/CO/1").as_deref(), Some("SI"));
        assert_eq!(
            from_un_title("A/HRC/14/15\nHuman Rights Council\nReport of the Working Group on the Universal Periodic Review*\nSlovenia\n").as_deref(),
            Some("SI")
        );
    }

    #[test]
    fn manifest_rows_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("manifest.csv");
        std::fs::write(&m, "path,country,kind,year\nlaws/a.txt,br,law,2008\nplan.txt,,policy,\n").unwrap();
        let manifest = Manifest::load(&m).unwrap();
        let e = manifest.get(&dir.path().join("laws/a.txt")).unwrap();
        assert_eq!((e.country.as_deref(), e.kind, e.year), (Some("BR"), Some(DocKind::Law), Some(2008)));
        std::fs::write(&m, "path,country\nx.txt,Brazil\n").unwrap();
        assert_eq!(Manifest::load(&m).unwrap_err().line, 2);
    }
}
