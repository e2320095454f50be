//! GitHub Actions workflow commands (`--format github`): one annotation per counted finding,
//!
//! ```text
//! ::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE Prefer: …
//! ```
//!
//! `error`, `warning` or `notice` from the severity (error, warning, info). `col` and
//! `endColumn` are given only when the match is on one line (GitHub ignores columns on
//! annotations that span lines). Exempt findings (titles, quotations, suppressed) are not
//! annotated: they do not count, and GitHub shows only a few annotations per step. A file that
//! could not be read gets `::warning file=PATH::cannot read: KIND: MESSAGE`. The last line is
//! a plain-text summary (not a command).
//!
//! Values are escaped as the runner expects: in the message `%`, `\r`, `\n` become `%25`,
//! `%0D`, `%0A`; in properties `:` and `,` also become `%3A` and `%2C`.

use std::fmt::Write as _;

use super::ci::{cannot_read, message_with_suggestions, slash_path};
use super::{FileReport, ReportFinding, Reporter, Summary};
use crate::rules::Severity;

#[derive(Debug, Default, Clone, Copy)]
pub struct GithubReporter;

/// Escapes the message (data) of a workflow command.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value of a workflow command: as data, and `:` and `,` too (they separate
/// properties).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

fn annotation(out: &mut String, path: &str, f: &ReportFinding) {
    let s = &f.span;
    let _ = write!(out, "::{} file={},line={}", command(f.severity), path, s.line);
    if s.line == s.end_line {
        let _ = write!(out, ",col={},endLine={},endColumn={}", s.column, s.end_line, s.end_column);
    } else {
        let _ = write!(out, ",endLine={}", s.end_line);
    }
    let _ = writeln!(out, ",title={}::{}", escape_property(&f.rule), escape_data(&message_with_suggestions(f)));
}

impl Reporter for GithubReporter {
    fn render(&self, file: &FileReport) -> Vec<u8> {
        let path = escape_property(&slash_path(&file.path));
        let mut out = String::new();
        if let Some(e) = &file.error {
            let _ = writeln!(out, "::warning file={path}::{}", escape_data(&cannot_read(e)));
        }
        for f in file.findings.iter().filter(|f| f.counts()) {
            annotation(&mut out, &path, f);
        }
        out.into_bytes()
    }

    fn end(&self, summary: &Summary, _any: bool) -> Vec<u8> {
        let files = if summary.files == 1 { "file" } else { "files" };
        let mut line = format!(
            "luxlint: {} {files} scanned: {} avoid, {} caution, {} not counted (titles, quotations, suppressed)",
            summary.files, summary.avoid, summary.caution, summary.exempt
        );
        if summary.files_with_errors > 0 {
            let _ = write!(line, "; {} could not be read", summary.files_with_errors);
        }
        line.push('\n');
        line.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::Exempt;
    use crate::report::ci::testing::{failed, file, finding};

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn one_line_per_counted_finding() {
        let report = file(
            "dir/a,b:c.txt",
            vec![
                finding("child porn", 60, 1, 61, None),
                finding("child porn", 80, 2, 1, Some(Exempt::Title)),
                finding("child\nporn", 90, 3, 70, None),
            ],
        );
        let out = String::from_utf8(GithubReporter.render(&report)).expect("utf-8");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0],
            "::error file=dir/a%2Cb%3Ac.txt,line=1,col=61,endLine=1,endColumn=71,title=en.child-pornography::\"Child \
             pornography\" makes abuse sound like a genre; call it CSAM. Prefer: child sexual abuse material (CSAM); CSEM"
        );
        assert!(lines[1].starts_with("::error file=dir/a%2Cb%3Ac.txt,line=3,endLine=4,title=en.child-pornography::"));
    }

    #[test]
    fn unreadable_files_are_warnings() {
        let out = String::from_utf8(GithubReporter.render(&failed("x.pdf"))).expect("utf-8");
        assert_eq!(out, "::warning file=x.pdf::cannot read: malformed: not a readable PDF: bad, \"xref\"%0Aat 0%25\n");
    }

    #[test]
    fn summary_is_plain_text() {
        let mut s = Summary::default();
        s.add(&failed("x.pdf"));
        let out = String::from_utf8(GithubReporter.end(&s, true)).expect("utf-8");
        assert!(!out.starts_with("::"));
        assert!(out.ends_with("; 1 could not be read\n"));
    }
}
