//! Project configuration: `luxlint.toml`, found in the current folder or a parent (or named
//! with `--config`). Unknown keys are errors naming the file and line.
//!
//! ```toml
//! fail-on = "avoid"                # avoid | caution | never
//! languages = ["en", "fr"]          # rule languages in force (default: all)
//! packs = ["style/our-terms.toml"]  # extra rule files, same format as rules/terms/*.toml
//! allow = ["Child Pornography Act of Ruritania"]   # project allowlist (reported as suppressed)
//!
//! [rules]
//! disable = ["en.minor", "paedophile", "th.*"]     # rule ids, concepts, or `<lang>.*`
//! [rules.severity]
//! "en.paedophile" = "error"         # per rule id or concept…
//! caution = "info"                  # …or per level
//!
//! [paths]
//! include = ["docs/**"]             # globs, relative to the config's folder
//! exclude = ["docs/archive/**"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::rules::load::{line_at, parse_term_file, toml_error};
use crate::rules::{Level, RuleError, RuleSet, Severity};

/// The file names looked for, in order, in each folder from the current one up.
pub const FILE_NAMES: [&str; 2] = ["luxlint.toml", ".luxlint.toml"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    languages: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    packs: Vec<Spanned<String>>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    paths: RawPaths,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPaths {
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
}

/// The level at which findings fail a run (`--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FailLevel {
    Avoid,
    Caution,
    Never,
}

/// The effective configuration.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Config {
    /// Where it was read from (`None`: built-in defaults).
    #[serde(skip)]
    pub file: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<FailLevel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<String>>,
    /// Extra rule files, as absolute or config-relative paths.
    pub packs: Vec<PathBuf>,
    pub allow: Vec<String>,
    pub disable: Vec<String>,
    /// Rule id, concept or level → severity, in the order given.
    pub severity: BTreeMap<String, Severity>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

impl Config {
    /// Reads a configuration file.
    pub fn load(path: &Path) -> Result<Self, RuleError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| RuleError {
            file: file.clone(),
            line: 1,
            message: format!("cannot read: {e}"),
        })?;
        Self::parse(&file, &text, path.parent().unwrap_or(Path::new("")))
    }

    /// Parses configuration text; `base` is the folder relative paths start from.
    pub fn parse(file: &str, text: &str, base: &Path) -> Result<Self, RuleError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
        let err = |span: std::ops::Range<usize>, message: String| RuleError {
            file: file.to_string(),
            line: line_at(text, span.start),
            message,
        };
        let fail_on = match &raw.fail_on {
            Some(v) => Some(match v.get_ref().as_str() {
                "avoid" => FailLevel::Avoid,
                "caution" => FailLevel::Caution,
                "never" => FailLevel::Never,
                other => {
                    return Err(err(v.span(), format!("`fail-on` must be avoid, caution or never, not {other:?}")));
                }
            }),
            None => None,
        };
        let languages = match raw.languages {
            Some(langs) => {
                let mut out = Vec::new();
                for l in langs {
                    if !crate::rules::load::is_language_code(l.get_ref()) {
                        return Err(err(l.span(), format!("{:?} is not an ISO 639-1 language code", l.get_ref())));
                    }
                    out.push(l.into_inner());
                }
                Some(out)
            }
            None => None,
        };
        let mut severity = BTreeMap::new();
        for (key, value) in raw.rules.severity {
            let s = match value.get_ref().as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                "info" => Severity::Info,
                other => {
                    return Err(err(
                        value.span(),
                        format!("severity of {key:?} must be error, warning or info, not {other:?}"),
                    ));
                }
            };
            severity.insert(key, s);
        }
        for d in &raw.rules.disable {
            if d.get_ref().trim().is_empty() {
                return Err(err(d.span(), "empty entry in `rules.disable`".into()));
            }
        }
        for g in raw.paths.include.iter().chain(&raw.paths.exclude) {
            globset_check(g).map_err(|m| RuleError {
                file: file.into(),
                line: 1,
                message: format!("bad glob {g:?}: {m}"),
            })?;
        }
        Ok(Self {
            file: Some(PathBuf::from(file)),
            fail_on,
            languages,
            packs: raw.packs.into_iter().map(|p| base.join(p.into_inner())).collect(),
            allow: raw.allow,
            disable: raw.rules.disable.into_iter().map(Spanned::into_inner).collect(),
            severity,
            include: raw.paths.include,
            exclude: raw.paths.exclude,
        })
    }

    /// Finds `luxlint.toml` (or `.luxlint.toml`) in `start` or the nearest parent folder.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = start.canonicalize().ok()?;
        start.ancestors().find_map(|dir| FILE_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file()))
    }

    /// The folder relative paths and globs are taken from.
    pub fn base(&self) -> PathBuf {
        self.file.as_deref().and_then(Path::parent).map(Path::to_path_buf).unwrap_or_default()
    }

    /// Applies the configuration to the built-in rules: packs added, languages and disabled rules
    /// removed. Severity overrides are applied by [`Config::severity_of`].
    pub fn apply(&self, mut rules: RuleSet) -> Result<RuleSet, RuleError> {
        if !self.packs.is_empty() {
            let mut all = rules.rules.clone();
            for pack in &self.packs {
                let file = pack.display().to_string();
                let text = std::fs::read_to_string(pack).map_err(|e| RuleError {
                    file: file.clone(),
                    line: 1,
                    message: format!("cannot read rule pack: {e}"),
                })?;
                all.extend(parse_term_file(&file, &text)?);
            }
            rules = RuleSet::new(all, rules.exemptions.clone())?;
        }
        if let Some(langs) = &self.languages {
            rules.retain_languages(langs);
        }
        if !self.disable.is_empty() {
            rules.retain(|r| !self.disable.iter().any(|d| selects(d, &r.id, &r.concept, &r.language)));
        }
        rules.exemptions.project_allow =
            self.allow.iter().map(|a| crate::text::normalize_str(a)).filter(|a| !a.is_empty()).collect();
        Ok(rules)
    }

    /// The severity of a rule: an override for its id, else for its concept, else for its
    /// level, else the level's default.
    pub fn severity_of(&self, id: &str, concept: &str, level: Level) -> Severity {
        self.severity
            .get(id)
            .or_else(|| self.severity.get(concept))
            .or_else(|| self.severity.get(level.as_str()))
            .copied()
            .unwrap_or_else(|| level.default_severity())
    }

    /// The effective configuration as TOML, in the shape of the file (for `luxlint config --show`).
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        struct Rules<'a> {
            disable: &'a [String],
            severity: &'a BTreeMap<String, Severity>,
        }
        #[derive(Serialize)]
        struct Paths<'a> {
            include: &'a [String],
            exclude: &'a [String],
        }
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        struct View<'a> {
            fail_on: FailLevel,
            #[serde(skip_serializing_if = "Option::is_none")]
            languages: Option<&'a [String]>,
            packs: Vec<String>,
            allow: &'a [String],
            rules: Rules<'a>,
            paths: Paths<'a>,
        }
        let view = View {
            fail_on: self.fail_on.unwrap_or(FailLevel::Avoid),
            languages: self.languages.as_deref(),
            packs: self.packs.iter().map(|p| p.display().to_string()).collect(),
            allow: &self.allow,
            rules: Rules { disable: &self.disable, severity: &self.severity },
            paths: Paths { include: &self.include, exclude: &self.exclude },
        };
        let mut out = match &self.file {
            Some(f) => format!("# from {}\n", f.display()),
            None => "# no luxlint.toml found: built-in defaults\n".to_string(),
        };
        out.push_str(&toml::to_string(&view).unwrap_or_default());
        out
    }
}

/// Whether a `disable`/`severity` key selects a rule: its id, its concept, `<lang>.*` or `*`.
pub fn selects(key: &str, id: &str, concept: &str, language: &str) -> bool {
    key == "*" || key == id || key == concept || key.strip_suffix(".*").is_some_and(|l| l == language)
}

fn globset_check(glob: &str) -> Result<(), String> {
    ignore::overrides::OverrideBuilder::new(".").add(glob).map(|_| ()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let text = r#"
fail-on = "caution"
languages = ["en", "fr"]
packs = ["extra.toml"]
allow = ["Child Pornography Act of Ruritania"]
[rules]
disable = ["en.minor", "th.*"]
[rules.severity]
"en.paedophile" = "error"
caution = "info"
[paths]
include = ["docs/**"]
exclude = ["docs/archive/**"]
"#;
        let c = Config::parse("luxlint.toml", text, Path::new("/p")).unwrap();
        assert_eq!(c.fail_on, Some(FailLevel::Caution));
        assert_eq!(c.packs, vec![PathBuf::from("/p/extra.toml")]);
        assert_eq!(c.severity_of("en.paedophile", "paedophile", Level::Caution), Severity::Error);
        assert_eq!(c.severity_of("en.minor", "minor", Level::Caution), Severity::Info);
        assert_eq!(c.severity_of("en.child-pornography", "child-pornography", Level::Avoid), Severity::Error);
        assert!(selects("th.*", "th.child-pornography", "child-pornography", "th"));
        assert!(c.to_toml().contains("fail-on = \"caution\""));
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_line() {
        let e = Config::parse("c.toml", "fail-on = \"avoid\"\n\n[rules]\ndisabled = []\n", Path::new("")).unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        assert!(e.message.contains("disabled"), "{e}");
        let e = Config::parse("c.toml", "fail-on = \"sometimes\"\n", Path::new("")).unwrap_err();
        assert_eq!(e.line, 1);
        let e = Config::parse("c.toml", "[rules.severity]\nminor = \"loud\"\n", Path::new("")).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }
}
