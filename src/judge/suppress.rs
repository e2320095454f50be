//! Inline suppressions, written in whatever comment form a format has (`<!-- … -->`, `# …`,
//! `// …`) or as a plain line:
//!
//! - `luxlint-disable-next-line [RULE…]` — the next line;
//! - `luxlint-disable-line [RULE…]` — the line it is on;
//! - `luxlint-disable [RULE…]` … `luxlint-enable [RULE…]` — a region.
//!
//! RULE is a rule id (`en.minor`), a concept (`child-pornography`, any language) or `<lang>.*`;
//! with no RULE every rule is meant.

use std::ops::Range;

use crate::config::selects;
use crate::text::LineIndex;

/// Which rules a directive names (`None`: all).
type Selector = Option<Vec<String>>;

/// Suppressed regions of a document, in lines (0-based, end exclusive).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    regions: Vec<(Range<usize>, Selector)>,
    /// Byte ranges of the directives themselves: they name rules, they are not prose.
    directives: Vec<Range<usize>>,
}

const PREFIX: &str = "luxlint-";

impl Suppressions {
    /// Reads the directives of `text`.
    pub fn parse(text: &str, index: &LineIndex) -> Self {
        let mut regions = Vec::new();
        let mut directives = Vec::new();
        // Open `disable` regions: start line and selector.
        let mut open: Vec<(usize, Selector)> = Vec::new();
        let mut from = 0;
        while let Some(at) = text[from..].find(PREFIX) {
            let pos = from + at;
            from = pos + PREFIX.len();
            // A directive starts a word: "luxlint-" inside another word is not one.
            if text[..pos].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '-') {
                continue;
            }
            let line = index.line_of(pos);
            let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
            let rest = &text[pos + PREFIX.len()..line_end];
            let (word, args) = rest.split_at(rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len()));
            let word = word.trim_end_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-');
            let selector = selector(args);
            if matches!(word, "disable-next-line" | "disable-line" | "disable" | "enable") {
                let end = ["-->", "*/"]
                    .iter()
                    .filter_map(|t| text[pos..line_end].find(t))
                    .min()
                    .map_or(line_end, |i| pos + i);
                directives.push(pos..end);
            }
            match word {
                "disable-next-line" => regions.push((line + 1..line + 2, selector)),
                "disable-line" => regions.push((line..line + 1, selector)),
                "disable" => open.push((line, selector)),
                "enable" => {
                    // Close the latest region with the same selector, or all when none is named.
                    if selector.is_none() {
                        regions.extend(open.drain(..).map(|(start, sel)| (start..line + 1, sel)));
                    } else if let Some(i) = open.iter().rposition(|(_, s)| *s == selector) {
                        let (start, sel) = open.remove(i);
                        regions.push((start..line + 1, sel));
                    }
                }
                _ => {}
            }
        }
        regions.extend(open.into_iter().map(|(start, sel)| (start..usize::MAX, sel)));
        Self { regions, directives }
    }

    /// Whether a byte range lies inside a directive.
    pub fn in_directive(&self, range: &Range<usize>) -> bool {
        self.directives.iter().any(|d| d.start <= range.start && range.end <= d.end)
    }

    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// Whether a finding of rule `id` (`concept`, `language`) on 0-based `line` is suppressed.
    pub fn covers(&self, line: usize, id: &str, concept: &str, language: &str) -> bool {
        self.regions.iter().any(|(lines, sel)| {
            lines.contains(&line)
                && sel.as_ref().is_none_or(|keys| keys.iter().any(|k| selects(k, id, concept, language)))
        })
    }
}

/// Rule names after a directive, up to the end of a comment (`-->`, `*/`).
fn selector(args: &str) -> Selector {
    let args = args.split("-->").next().unwrap_or("").split("*/").next().unwrap_or("");
    let keys: Vec<String> = args
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .take_while(|t| t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '*' | '_')))
        .map(str::to_string)
        .collect();
    (!keys.is_empty()).then_some(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Suppressions {
        Suppressions::parse(text, &LineIndex::new(text))
    }

    #[test]
    fn next_line_line_and_regions() {
        let t = "<!-- luxlint-disable-next-line en.minor -->\na minor\nx luxlint-disable-line\n# luxlint-disable child-pornography\np\nq\n// luxlint-enable child-pornography\nr\n";
        let sup = s(t);
        assert!(sup.covers(1, "en.minor", "minor", "en"));
        assert!(!sup.covers(1, "en.child-pornography", "child-pornography", "en"));
        assert!(sup.covers(2, "fr.sexting", "sexting", "fr"));
        assert!(sup.covers(4, "de.child-pornography", "child-pornography", "de"));
        assert!(sup.covers(5, "en.child-pornography", "child-pornography", "en"));
        assert!(!sup.covers(7, "en.child-pornography", "child-pornography", "en"));
        assert!(!sup.covers(4, "en.minor", "minor", "en"));
    }

    #[test]
    fn unclosed_region_runs_to_the_end_and_words_are_not_directives() {
        let sup = s("luxlint-disable\na\nb\n");
        assert!(sup.covers(2, "en.minor", "minor", "en"));
        assert!(s("see myluxlint-disable here\nx").is_empty());
    }
}
