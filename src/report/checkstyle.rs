//! Checkstyle XML (`--format checkstyle`), read by Jenkins, GitLab converters, reviewdog and
//! most CI dashboards:
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <checkstyle version="4.3">
//!   <file name="draft.txt">
//!     <error line="1" column="61" severity="error" message="… Prefer: …" source="luxlint.en.child-pornography"/>
//!   </file>
//! </checkstyle>
//! ```
//!
//! Every scanned file gets a `<file>` element (as Checkstyle itself writes them), with one
//! `<error>` per counted finding; exempt findings are left out. `severity` is the finding's
//! (`error`, `warning`, `info`); `column` counts Unicode scalar values. A file that could not be
//! read holds one `<error severity="error" source="luxlint.io" message="cannot read: …"/>`,
//! without line or column.

use std::fmt::Write as _;

use super::ci::{cannot_read, message_with_suggestions, slash_path};
use super::{FileReport, Reporter, Summary};

#[derive(Debug, Default, Clone, Copy)]
pub struct CheckstyleReporter;

/// Escapes text for an XML 1.0 attribute value. Characters XML 1.0 cannot carry at all (most
/// C0 controls, U+FFFE, U+FFFF) become U+FFFD; tab and line breaks are written as character
/// references so that parsers keep them.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

impl Reporter for CheckstyleReporter {
    fn begin(&self) -> Vec<u8> {
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n".to_vec()
    }

    fn render(&self, file: &FileReport) -> Vec<u8> {
        let mut out = String::new();
        let _ = writeln!(out, "  <file name=\"{}\">", escape_attr(&slash_path(&file.path)));
        if let Some(e) = &file.error {
            let _ = writeln!(
                out,
                "    <error severity=\"error\" message=\"{}\" source=\"luxlint.io\"/>",
                escape_attr(&cannot_read(e))
            );
        }
        for f in file.findings.iter().filter(|f| f.counts()) {
            let _ = writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"luxlint.{}\"/>",
                f.span.line,
                f.span.column,
                f.severity.as_str(),
                escape_attr(&message_with_suggestions(f)),
                escape_attr(&f.rule)
            );
        }
        out.push_str("  </file>\n");
        out.into_bytes()
    }

    fn end(&self, _summary: &Summary, _any: bool) -> Vec<u8> {
        b"</checkstyle>\n".to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::Exempt;
    use crate::report::ci::testing::{failed, file, finding};

    #[test]
    fn escaping() {
        assert_eq!(escape_attr("a<b>&\"c'\n\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;&#10;\u{fffd}");
    }

    #[test]
    fn files_and_errors() {
        let report = file(
            "a&b.txt",
            vec![finding("child porn", 60, 1, 61, None), finding("child porn", 80, 2, 1, Some(Exempt::Title))],
        );
        let out = String::from_utf8(CheckstyleReporter.render(&report)).expect("utf-8");
        assert_eq!(out.matches("<error ").count(), 1);
        assert!(
            out.starts_with("  <file name=\"a&amp;b.txt\">\n    <error line=\"1\" column=\"61\" severity=\"error\"")
        );
        assert!(out.contains("source=\"luxlint.en.child-pornography\"/>"));
        let out = String::from_utf8(CheckstyleReporter.render(&failed("x.pdf"))).expect("utf-8");
        assert!(out.contains("source=\"luxlint.io\""));
        assert!(
            out.contains("message=\"cannot read: malformed: not a readable PDF: bad, &quot;xref&quot;&#10;at 0%\"")
        );
    }
}
