//! The human view: `path:line:col`, the line with the match underlined, the message and the
//! alternatives. Colour only when asked (on a terminal, unless `NO_COLOR` is set).

use std::io::{self, Write};

use super::{FileReport, ReportFinding, Reporter, Summary};
use crate::rules::Severity;

/// Characters of context shown on each side of a match on long lines.
const CONTEXT_CHARS: usize = 60;

#[derive(Debug, Clone, Copy)]
struct Style {
    on: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.on { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }
}

pub struct HumanReporter {
    style: Style,
    /// Show exempt findings (as one-line notes).
    pub show_exempt: bool,
}

impl HumanReporter {
    pub fn new(color: bool) -> Self {
        Self { style: Style { on: color }, show_exempt: true }
    }

    fn finding(&self, out: &mut dyn Write, path: &str, f: &ReportFinding) -> io::Result<()> {
        let s = self.style;
        let loc = match f.span.page {
            Some(p) => format!("{path}:{}:{} (page {p})", f.span.line, f.span.column),
            None => format!("{path}:{}:{}", f.span.line, f.span.column),
        };
        if let Some(reason) = f.exempt {
            return writeln!(
                out,
                "{}: {} {} {:?} not counted ({})",
                s.paint("1", &loc),
                s.paint("2", "note:"),
                s.paint("2", &format!("[{}]", f.rule)),
                f.matched,
                reason.as_str()
            );
        }
        let (sev, code) = match f.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
            Severity::Info => ("info", "1;34"),
        };
        writeln!(
            out,
            "{}: {}{} {} {}",
            s.paint("1", &loc),
            s.paint(code, sev),
            s.paint(code, &format!("[{}]", f.rule)),
            f.level,
            f.message
        )?;
        let (shown, caret_start, caret_len) =
            excerpt(&f.line_text, f.span.column, f.span.line, f.span.end_line, f.span.end_column);
        let gutter = f.span.line.to_string();
        let pad = " ".repeat(gutter.len());
        writeln!(out, "{pad} {}", s.paint("34", "|"))?;
        writeln!(out, "{} {} {}", s.paint("34", &gutter), s.paint("34", "|"), shown)?;
        let marks = "^".repeat(caret_len.max(1));
        writeln!(out, "{pad} {} {}{}", s.paint("34", "|"), caret_start, s.paint(code, &marks))?;
        if !f.suggestions.is_empty() {
            writeln!(out, "{pad} {} prefer: {}", s.paint("34", "="), s.paint("32", &f.suggestions.join("; ")))?;
        }
        writeln!(out, "{pad} {} source: {}", s.paint("34", "="), f.reference)?;
        if let Some(x) = &f.explain {
            writeln!(
                out,
                "{pad} {} why: {}",
                s.paint("34", "="),
                x.explanation.split_whitespace().collect::<Vec<_>>().join(" ")
            )?;
            writeln!(out, "{pad} {} was: {}", s.paint("34", "="), x.sentence)?;
            writeln!(out, "{pad} {} try: {}", s.paint("34", "="), s.paint("32", &x.rewrite))?;
        }
        writeln!(out)
    }
}

impl HumanReporter {
    /// Trainer mode: per document, the findings by concept and the sentences to revisit.
    fn explain_summary(&self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        let counted: Vec<&ReportFinding> = file.findings.iter().filter(|f| f.counts()).collect();
        let mut by_concept: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for f in &counted {
            if let Some(x) = &f.explain {
                *by_concept.entry(x.concept.as_str()).or_default() += 1;
            }
        }
        let concepts: Vec<String> =
            by_concept.iter().map(|(c, n)| format!("{} × {}", n, c.replace('-', " "))).collect();
        writeln!(out, "{}", self.style.paint("1", &format!("Summary for {}: {}", file.path, concepts.join(", "))))?;
        writeln!(out, "Sentences to revisit:")?;
        let mut seen = std::collections::BTreeSet::new();
        for f in &counted {
            if let Some(x) = &f.explain
                && seen.insert((f.span.line, x.sentence.clone()))
            {
                writeln!(out, "  line {}: {}", f.span.line, x.sentence)?;
            }
        }
        writeln!(out)
    }
}

/// The part of `line` to show, the whitespace that puts the carets under the match, and how
/// many carets. Columns count characters, as in the JSON.
fn excerpt(line: &str, column: usize, line_no: usize, end_line: usize, end_column: usize) -> (String, String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let start = (column - 1).min(chars.len());
    let end = if end_line == line_no { (end_column - 1).clamp(start, chars.len()) } else { chars.len() };
    let from = start.saturating_sub(CONTEXT_CHARS);
    let to = (end + CONTEXT_CHARS).min(chars.len());
    let mut shown = String::new();
    let mut lead = String::new();
    if from > 0 {
        shown.push('…');
        lead.push(' ');
    }
    for (i, &c) in chars[from..to].iter().enumerate() {
        // A line separator inside a paragraph (DOCX line break) would shift the carets.
        shown.push(if matches!(c, '\u{2028}' | '\u{2029}') { ' ' } else { c });
        if from + i < start {
            lead.push(if c == '\t' { '\t' } else { ' ' });
        }
    }
    if to < chars.len() {
        shown.push('…');
    }
    (shown, lead, end - start)
}

impl Reporter for HumanReporter {
    fn render(&self, file: &FileReport) -> Vec<u8> {
        let s = self.style;
        let mut out = Vec::new();
        if let Some(e) = &file.error {
            let _ = writeln!(
                out,
                "{}: {} {}: {}",
                s.paint("1", &file.path),
                s.paint("1;31", "cannot read:"),
                e.kind.as_str(),
                e.message
            );
        }
        for (page, message) in &file.page_errors {
            let _ =
                writeln!(out, "{}: page {page}: {} {message}", s.paint("1", &file.path), s.paint("1;33", "not read:"));
        }
        for f in &file.findings {
            if f.exempt.is_none() || self.show_exempt {
                // Writing to a Vec cannot fail.
                let _ = self.finding(&mut out, &file.path, f);
            }
        }
        if file.findings.iter().any(|f| f.explain.is_some() && f.counts()) {
            let _ = self.explain_summary(&mut out, file);
        }
        out
    }

    fn end(&self, summary: &Summary, _any: bool) -> Vec<u8> {
        let files = if summary.files == 1 { "file" } else { "files" };
        let mut line = format!(
            "{} {files} scanned: {} avoid, {} caution, {} not counted (titles, quotations, suppressed)",
            summary.files, summary.avoid, summary.caution, summary.exempt
        );
        if summary.files_with_errors > 0 {
            line.push_str(&format!("; {} could not be read", summary.files_with_errors));
        }
        format!("{}\n", self.style.paint("1", &line)).into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_underlines_the_match() {
        let (shown, lead, n) = excerpt("a\tchild porn here", 3, 1, 1, 13);
        assert_eq!(shown, "a\tchild porn here");
        assert_eq!(lead, " \t");
        assert_eq!(n, 10);
    }

    #[test]
    fn long_lines_are_cut_around_the_match() {
        let line = format!("{}child porn{}", "x".repeat(200), "y".repeat(200));
        let (shown, lead, n) = excerpt(&line, 201, 1, 1, 211);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(lead.chars().count(), 61);
        assert_eq!(n, 10);
    }
}
