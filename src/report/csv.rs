//! CSV (`--format csv`), RFC 4180: a header row, then one row per finding (exempt ones too, with
//! the reason in `exempt`) and one row per file that could not be read (`rule` empty, `message`
//! `cannot read: KIND: MESSAGE`). Records end with CRLF; a field is quoted when it holds a comma,
//! a double quote or a line break (`matched` may hold a line break), with quotes doubled.
//! `suggestion` holds the suggestions, best first, joined by `; `. Numbers are empty where they
//! do not apply (`page` outside PDFs, every position on an unreadable file's row).

use super::ci::{cannot_read, slash_path};
use super::{FileReport, ReportFinding, Reporter, Summary};

pub const HEADER: [&str; 17] = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "byte_start",
    "byte_end",
    "page",
    "rule",
    "level",
    "severity",
    "language",
    "exempt",
    "matched",
    "suggestion",
    "message",
    "reference",
];

#[derive(Debug, Default, Clone, Copy)]
pub struct CsvReporter;

/// Appends one field, quoted if it needs to be.
fn field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

fn record(out: &mut String, fields: &[&str]) {
    for (i, value) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, value);
    }
    out.push_str("\r\n");
}

fn finding_row(out: &mut String, path: &str, f: &ReportFinding) {
    let s = &f.span;
    let numbers = [s.line, s.column, s.end_line, s.end_column, s.byte_start, s.byte_end].map(|n| n.to_string());
    let page = s.page.map(|p| p.to_string()).unwrap_or_default();
    let suggestion = f.suggestions.join("; ");
    record(
        out,
        &[
            path,
            &numbers[0],
            &numbers[1],
            &numbers[2],
            &numbers[3],
            &numbers[4],
            &numbers[5],
            &page,
            &f.rule,
            f.level.as_str(),
            f.severity.as_str(),
            &f.language,
            f.exempt.map_or("", |e| e.as_str()),
            &f.matched,
            &suggestion,
            &f.message,
            &f.reference,
        ],
    );
}

impl Reporter for CsvReporter {
    fn begin(&self) -> Vec<u8> {
        let mut out = String::new();
        record(&mut out, &HEADER);
        out.into_bytes()
    }

    fn render(&self, file: &FileReport) -> Vec<u8> {
        let path = slash_path(&file.path);
        let mut out = String::new();
        if let Some(e) = &file.error {
            let message = cannot_read(e);
            let mut fields = [""; 17];
            fields[0] = &path;
            fields[15] = &message;
            record(&mut out, &fields);
        }
        for f in &file.findings {
            finding_row(&mut out, &path, f);
        }
        out.into_bytes()
    }

    fn end(&self, _summary: &Summary, _any: bool) -> Vec<u8> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::Exempt;
    use crate::report::ci::testing::{failed, file, finding};

    #[test]
    fn quoting() {
        let mut out = String::new();
        record(&mut out, &["plain", "a,b", "say \"x\"", "two\nlines", ""]);
        assert_eq!(out, "plain,\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\r\n");
    }

    #[test]
    fn rows() {
        let report = file("a.txt", vec![finding("child\nporn", 3, 1, 4, Some(Exempt::Quotation))]);
        let out = String::from_utf8(CsvReporter.render(&report)).expect("utf-8");
        assert!(out.starts_with("a.txt,1,4,2,5,3,13,,en.child-pornography,avoid,error,en,quotation,\"child\nporn\","));
        assert!(out.ends_with("\r\n"));
        let out = String::from_utf8(CsvReporter.render(&failed("x.pdf"))).expect("utf-8");
        assert_eq!(
            out,
            "x.pdf,,,,,,,,,,,,,,,\"cannot read: malformed: not a readable PDF: bad, \"\"xref\"\"\nat 0%\",\r\n"
        );
        let header = String::from_utf8(CsvReporter.begin()).expect("utf-8");
        assert_eq!(header.split(',').count(), 17);
    }
}
