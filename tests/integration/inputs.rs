//! Markdown, HTML, DOCX and ODT inputs: findings land on the right source line and column (or
//! paragraph), `matched` is the slice of `luxlint extract`'s text at the finding's offsets,
//! what is not prose is not flagged, quotations by markup are exempt, and hostile packages fail
//! with the right error kind. DOCX and ODT files are written here with the `zip` crate; the
//! Markdown and HTML fixtures are in `tests/cmd/inputs.in/` (shared with the CLI cases).

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use luxlint::engine::Engine;
use luxlint::extract::{Document, ErrorKind, ExtractError, Format, Limits, extract};
use luxlint::report::{FileReport, ReportFinding};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::common::line_col;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/inputs.in").join(name)
}

fn report(bytes: &[u8], format: Format) -> (Document, FileReport) {
    let engine = Engine::builtin().expect("built-in rules load");
    let doc = extract(bytes, format, &Limits::default()).expect("the input extracts");
    let scan = engine.scan(&doc);
    let report = FileReport::from_scan("input".into(), format, &doc, &scan, engine);
    (doc, report)
}

fn error(bytes: &[u8], format: Format, limits: &Limits) -> ExtractError {
    match extract(bytes, format, limits) {
        Ok(doc) => panic!("expected an error, got text {:?}", doc.text),
        Err(e) => e,
    }
}

/// `luxlint extract PATH` (with `args` before the path), as bytes of UTF-8 text.
fn cli_extract(path: &Path, args: &[&str]) -> String {
    let out =
        Command::new(env!("CARGO_BIN_EXE_luxlint")).arg("extract").args(args).arg(path).output().expect("luxlint runs");
    assert!(out.status.success(), "extract failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("extract prints UTF-8")
}

/// Every finding's `matched` is the slice of `text` at its offsets, with agreeing line and column.
fn check_spans(text: &str, findings: &[ReportFinding]) {
    for f in findings {
        let s = &f.span;
        assert_eq!(&text[s.byte_start..s.byte_end], f.matched, "{f:?}");
        assert_eq!(line_col(text, s.byte_start), (s.line, s.column), "{f:?}");
        assert_eq!(line_col(text, s.byte_end), (s.end_line, s.end_column), "{f:?}");
    }
}

/// (line, column, matched, exempt) of each finding.
fn summary(findings: &[ReportFinding]) -> Vec<(usize, usize, String, Option<&'static str>)> {
    findings.iter().map(|f| (f.span.line, f.span.column, f.matched.clone(), f.exempt.map(|e| e.as_str()))).collect()
}

fn assert_none_contains(findings: &[ReportFinding], lines: &[usize]) {
    for f in findings {
        assert!(!lines.contains(&f.span.line), "unexpected finding on line {}: {f:?}", f.span.line);
    }
}

// ---------------------------------------------------------------- Markdown

#[test]
fn markdown_findings_point_into_the_source() {
    let path = fixture("briefing.md");
    let bytes = std::fs::read(&path).unwrap();
    let (doc, r) = report(&bytes, Format::Markdown);
    // The document text is the file itself, as `luxlint extract` prints it.
    assert_eq!(doc.text.as_bytes(), &bytes[..]);
    assert_eq!(cli_extract(&path, &[]), doc.text);
    check_spans(&doc.text, &r.findings);
    let got = summary(&r.findings);
    let expected: Vec<(usize, usize, String, Option<&str>)> = vec![
        // The title in the front matter is prose; the rest of the front matter is not.
        (2, 20, "child pornography".into(), None),
        // Emphasis markers are masked: the phrase still matches, quoted back as it stands.
        (6, 17, "child** prostitution".into(), None),
        (8, 29, "child pornography".into(), None),
        // Indented text is prose (pasted text, not code).
        (17, 43, "child prostitution".into(), None),
        // A block quotation is exempt as a quotation.
        (21, 24, "child prostitution".into(), Some("quotation")),
        // A GitHub alert is a note, not a quotation.
        (24, 12, "child pornography".into(), None),
        (26, 19, "child sex tourism".into(), None),
        (31, 3, "child prostitution".into(), None),
        (33, 4, "p&eacute;dopornographie".into(), None),
    ];
    assert_eq!(got, expected);
}

#[test]
fn markdown_code_urls_html_and_front_matter_are_not_flagged() {
    let (_, r) = report(&std::fs::read(fixture("briefing.md")).unwrap(), Format::Markdown);
    // Front matter but for its title (1, 3, 4), inline code, link targets and titles,
    // autolinks and bare URLs (10-11), fenced code (13-15), an HTML block (19).
    assert_none_contains(&r.findings, &[1, 3, 4, 10, 11, 13, 14, 15, 19]);
}

#[test]
fn markdown_is_read_as_markdown_when_asked() {
    // A .txt file read as text flags the code; with --input-format markdown it does not.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "Run `grep child-pornography` now.\n").unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_luxlint"))
            .args(["scan", "--format", "jsonl", "--quiet"])
            .args(args)
            .arg(&path)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run(&[]).contains("\"type\":\"finding\""));
    assert!(!run(&["--input-format", "markdown"]).contains("\"type\":\"finding\""));
}

// ---------------------------------------------------------------- HTML

#[test]
fn html_findings_point_into_the_source() {
    let path = fixture("page.html");
    let bytes = std::fs::read(&path).unwrap();
    let (doc, r) = report(&bytes, Format::Html);
    assert_eq!(doc.text.as_bytes(), &bytes[..]);
    assert_eq!(cli_extract(&path, &[]), doc.text);
    check_spans(&doc.text, &r.findings);
    let got = summary(&r.findings);
    let expected: Vec<(usize, usize, String, Option<&str>)> = vec![
        // The <title> is prose.
        (5, 17, "child pornography".into(), None),
        // An inline tag between two words separates them as the space does.
        (11, 29, "child pornography".into(), None),
        // An entity is matched as the letter it stands for; `matched` is the source.
        (12, 17, "p&eacute;dopornographie".into(), None),
        (15, 28, "child prostitution".into(), Some("quotation")),
        (16, 58, "child prostitute".into(), Some("quotation")),
    ];
    assert_eq!(got, expected);
}

#[test]
fn html_script_style_attributes_comments_and_code_are_not_flagged() {
    let (_, r) = report(&std::fs::read(fixture("page.html")).unwrap(), Format::Html);
    assert_none_contains(&r.findings, &[6, 7, 13, 14, 17]);
}

#[test]
fn html_in_a_legacy_charset() {
    let mut bytes = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>La p\xe9dopornographie".to_vec();
    bytes.extend_from_slice(b" et la prostitution enfantine.</p></body></html>");
    let (doc, r) = report(&bytes, Format::Html);
    assert_eq!(doc.encoding, Some("windows-1252"));
    check_spans(&doc.text, &r.findings);
    let matched: Vec<&str> = r.findings.iter().map(|f| f.matched.as_str()).collect();
    assert_eq!(matched, ["pédopornographie", "prostitution enfantine"]);
}

// ---------------------------------------------------------------- DOCX

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A DOCX whose body holds `body` (WordprocessingML paragraphs), with extra parts
/// (`footnotes.xml`, `header1.xml`, …) related to the main part by their name.
fn docx(body: &str, extra: &[(&str, String)]) -> Vec<u8> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\" \
         xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" \
         xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" \
         xmlns:v=\"urn:schemas-microsoft-com:vml\" mc:Ignorable=\"wps\">\
         <w:body>{body}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/></w:sectPr></w:body></w:document>"
    );
    let root_rels = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{RELS}\">\
         <Relationship Id=\"rId1\" Type=\"{DOC_REL}/officeDocument\" Target=\"word/document.xml\"/></Relationships>"
    );
    let mut rels = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{RELS}\">");
    rels.push_str(&format!(
        "<Relationship Id=\"rId9\" Type=\"{DOC_REL}/hyperlink\" Target=\"https://example.org/child-pornography\" \
         TargetMode=\"External\"/>"
    ));
    for (i, (name, _)) in extra.iter().enumerate() {
        let kind = name.trim_end_matches(".xml").trim_end_matches(|c: char| c.is_ascii_digit());
        rels.push_str(&format!("<Relationship Id=\"rIdx{i}\" Type=\"{DOC_REL}/{kind}\" Target=\"{name}\"/>"));
    }
    rels.push_str("</Relationships>");
    let types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types \
        xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
        <Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), types.as_bytes().to_vec()),
        ("_rels/.rels".into(), root_rels.into_bytes()),
        ("word/document.xml".into(), document.into_bytes()),
        ("word/_rels/document.xml.rels".into(), rels.into_bytes()),
    ];
    for (name, xml) in extra {
        parts.push((format!("word/{name}"), xml.clone().into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
    zip_of(&refs)
}

fn styles() -> String {
    // A localised style id ("Zitat") whose built-in name is "Quote", and one based on it.
    format!(
        "<w:styles xmlns:w=\"{W}\">\
         <w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Zitat\"><w:name w:val=\"Quote\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"MyQuote\"><w:name w:val=\"Long quotation\"/>\
         <w:basedOn w:val=\"Zitat\"/></w:style></w:styles>"
    )
}

fn report_docx() -> Vec<u8> {
    let body = [
        p("Annual report of the online safety unit"),
        // 2: a tracked insertion is scanned.
        "<w:p><w:r><w:t xml:space=\"preserve\">The unit investigated </w:t></w:r>\
         <w:ins w:id=\"1\" w:author=\"Ed\"><w:r><w:t>child pornography</w:t></w:r></w:ins>\
         <w:r><w:t xml:space=\"preserve\"> cases.</w:t></w:r></w:p>"
            .to_string(),
        // 3: a tracked deletion is not.
        "<w:p><w:r><w:t xml:space=\"preserve\">Staff replaced </w:t></w:r>\
         <w:del w:id=\"2\" w:author=\"Ed\"><w:r><w:delText>child prostitution</w:delText></w:r></w:del>\
         <w:r><w:t xml:space=\"preserve\"> the old wording.</w:t></w:r></w:p>"
            .to_string(),
        // 4: a paragraph in a quotation style.
        "<w:p><w:pPr><w:pStyle w:val=\"MyQuote\"/></w:pPr><w:r><w:t>He spoke of child prostitution.</w:t></w:r></w:p>"
            .to_string(),
        // 5: a phrase split over runs, with a tab before it.
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
         <w:r><w:tab/><w:t xml:space=\"preserve\">Seized child </w:t></w:r>\
         <w:r><w:rPr><w:b/></w:rPr><w:t>pornography</w:t></w:r></w:p>"
            .to_string(),
        // 6: a hyperlink's text is prose; a field instruction is not.
        "<w:p><w:hyperlink r:id=\"rId9\"><w:r><w:t>child prostitution</w:t></w:r></w:hyperlink>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> HYPERLINK \"https://example.org/child-pornography\" </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t xml:space=\"preserve\"> the source</w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
            .to_string(),
        // 7 (the text box paragraph) and 8 (its anchor): the text box is read once, not from
        // its fallback copy too.
        "<w:p><w:r><w:t xml:space=\"preserve\">Anchor </w:t></w:r><w:r><mc:AlternateContent>\
         <mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>\
         <w:p><w:r><w:t>Box: child sex tourism</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>\
         <mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Box: child sex tourism</w:t></w:r></w:p>\
         </w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
            .to_string(),
        // 9: empty paragraphs count.
        "<w:p/>".to_string(),
        // 10: a word hyphenated at a manual line break still joins; the break is no new line.
        "<w:p><w:r><w:t xml:space=\"preserve\">Online child pornogra-</w:t><w:br/><w:t>phy &amp; more</w:t></w:r></w:p>"
            .to_string(),
        // 11: in a table cell.
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell on child prostitution</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            .to_string(),
    ]
    .concat();
    let footnotes = format!(
        "<w:footnotes xmlns:w=\"{W}\">\
         <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
         <w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> A note on child pornography.</w:t></w:r></w:p></w:footnote>\
         </w:footnotes>"
    );
    let endnotes = format!(
        "<w:endnotes xmlns:w=\"{W}\"><w:endnote w:id=\"1\">{}</w:endnote></w:endnotes>",
        p("Endnote: p\u{e9}dopornographie.")
    );
    let header = format!("<w:hdr xmlns:w=\"{W}\">{}</w:hdr>", p("Draft: child prostitution review"));
    let footer = format!("<w:ftr xmlns:w=\"{W}\">{}</w:ftr>", p("Page footer, child sex tourism"));
    docx(
        &body,
        &[
            ("styles.xml", styles()),
            ("footnotes.xml", footnotes),
            ("endnotes.xml", endnotes),
            ("header1.xml", header),
            ("footer1.xml", footer),
        ],
    )
}

#[test]
fn docx_paragraphs_are_lines() {
    let bytes = report_docx();
    let (doc, r) = report(&bytes, Format::Docx);
    let expected_text = "Annual report of the online safety unit\n\
        The unit investigated child pornography cases.\n\
        Staff replaced  the old wording.\n\
        He spoke of child prostitution.\n\
        \tSeized child pornography\n\
        child prostitution the source\n\
        Box: child sex tourism\n\
        Anchor \n\
        \n\
        Online child pornogra-\u{2028}phy & more\n\
        Cell on child prostitution\n\
        [footnote 1]\n \
        A note on child pornography.\n\
        [endnote 1]\n\
        Endnote: p\u{e9}dopornographie.\n\
        [header 1]\n\
        Draft: child prostitution review\n\
        [footer 1]\n\
        Page footer, child sex tourism\n";
    assert_eq!(doc.text, expected_text);
    check_spans(&doc.text, &r.findings);
    let got = summary(&r.findings);
    let expected: Vec<(usize, usize, String, Option<&str>)> = vec![
        (2, 23, "child pornography".into(), None),
        (4, 13, "child prostitution".into(), Some("quotation")),
        (5, 9, "child pornography".into(), None),
        (6, 1, "child prostitution".into(), None),
        (7, 6, "child sex tourism".into(), None),
        (10, 8, "child pornogra-\u{2028}phy".into(), None),
        (11, 9, "child prostitution".into(), None),
        (13, 12, "child pornography".into(), None),
        (15, 10, "pédopornographie".into(), None),
        (17, 8, "child prostitution".into(), None),
        (19, 14, "child sex tourism".into(), None),
    ];
    assert_eq!(got, expected);
}

#[test]
fn docx_extract_prints_the_scanned_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.docx");
    let bytes = report_docx();
    std::fs::write(&path, &bytes).unwrap();
    let (doc, _) = report(&bytes, Format::Docx);
    assert_eq!(cli_extract(&path, &[]), doc.text);
    // And through the whole CLI: a scan finds the same paragraphs.
    let out = Command::new(env!("CARGO_BIN_EXE_luxlint"))
        .args(["scan", "--format", "jsonl", "--quiet"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<u64> = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["type"] == "finding")
        .map(|v| v["span"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 4, 5, 6, 7, 10, 11, 13, 15, 17, 19]);
}

#[test]
fn docx_without_relationships_finds_parts_by_name() {
    let body = p("Text about child prostitution.");
    let document = format!("<w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>");
    let footnotes = format!(
        "<w:footnotes xmlns:w=\"{W}\"><w:footnote w:id=\"2\">{}</w:footnote></w:footnotes>",
        p("child pornography")
    );
    let bytes = zip_of(&[("word/document.xml", document.as_bytes()), ("word/footnotes.xml", footnotes.as_bytes())]);
    let (doc, r) = report(&bytes, Format::Docx);
    assert_eq!(doc.text, "Text about child prostitution.\n[footnote 1]\nchild pornography\n");
    assert_eq!(r.findings.len(), 2);
}

#[test]
fn docx_hostile_packages_fail_with_the_right_kind() {
    let limits = Limits::default();
    // Not a ZIP archive at all, and a truncated one.
    let e = error(b"PK\x03\x04 this is not a zip archive", Format::Docx, &limits);
    assert_eq!(e.kind, ErrorKind::Malformed, "{e}");
    let good = report_docx();
    let e = error(&good[..good.len() / 2], Format::Docx, &limits);
    assert_eq!(e.kind, ErrorKind::Malformed, "{e}");
    // A ZIP archive that is not a Word document.
    let e = error(&zip_of(&[("hello.txt", b"child pornography")]), Format::Docx, &limits);
    assert_eq!(e.kind, ErrorKind::Malformed, "{e}");
    assert!(e.message.contains("word/document.xml"), "{e}");
    // Broken XML, with the reason.
    let bad =
        zip_of(&[("word/document.xml", format!("<w:document xmlns:w=\"{W}\"><w:body><w:p></w:body>").as_bytes())]);
    let e = error(&bad, Format::Docx, &limits);
    assert_eq!(e.kind, ErrorKind::Malformed, "{e}");
    assert!(e.message.contains("word/document.xml: not well-formed XML"), "{e}");
    let truncated = zip_of(&[("word/document.xml", format!("<w:document xmlns:w=\"{W}\"><w:body><w:p>").as_bytes())]);
    assert_eq!(error(&truncated, Format::Docx, &limits).kind, ErrorKind::Malformed);
    // An encrypted DOCX: an OLE compound file holding an EncryptedPackage stream.
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(512, 0);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    ole.resize(2048, 0);
    let e = error(&ole, Format::Docx, &limits);
    assert_eq!(e.kind, ErrorKind::Encrypted, "{e}");
    // A legacy binary .doc renamed .docx.
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.resize(512, 0);
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(error(&doc, Format::Docx, &limits).kind, ErrorKind::UnsupportedFormat);
}

#[test]
fn docx_zip_bomb_is_too_large() {
    // 4 MiB of XML that deflates to a few kilobytes, against a 1 MiB stream limit.
    let mut xml = format!("<w:document xmlns:w=\"{W}\"><w:body>").into_bytes();
    xml.extend(std::iter::repeat_n(b' ', 4 << 20));
    xml.extend_from_slice(b"</w:body></w:document>");
    let bomb = zip_of(&[("word/document.xml", &xml)]);
    assert!(bomb.len() < 64 << 10);
    let limits = Limits { max_stream_bytes: 1 << 20, ..Limits::default() };
    let e = error(&bomb, Format::Docx, &limits);
    assert_eq!(e.kind, ErrorKind::TooLarge, "{e}");
    // The same, with the sizes in the headers lowered to lie about it: refused or read no
    // further than the limit, never trusted.
    let mut lying = bomb.clone();
    let real = (xml.len() as u32).to_le_bytes();
    let mut i = 0;
    while let Some(at) = lying[i..].windows(4).position(|w| w == real) {
        lying[i + at..i + at + 4].copy_from_slice(&100u32.to_le_bytes());
        i += at + 4;
    }
    let e = error(&lying, Format::Docx, &limits);
    assert!(matches!(e.kind, ErrorKind::TooLarge | ErrorKind::Malformed), "{e}");
}

#[test]
fn docx_deep_xml_and_many_entries_are_too_large() {
    let limits = Limits::default();
    let depth = limits.max_depth + 10;
    let xml = format!(
        "<w:document xmlns:w=\"{W}\"><w:body>{}{}</w:body></w:document>",
        "<w:sdt><w:sdtContent>".repeat(depth),
        "</w:sdtContent></w:sdt>".repeat(depth)
    );
    let e = error(&zip_of(&[("word/document.xml", xml.as_bytes())]), Format::Docx, &limits);
    assert_eq!(e.kind, ErrorKind::TooLarge, "{e}");
    assert!(e.message.contains("nested deeper"), "{e}");
    // An end-of-central-directory record declaring 60,000 entries.
    let mut many = vec![0u8; 64];
    many.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    many.extend_from_slice(&60_000u16.to_le_bytes());
    many.extend_from_slice(&60_000u16.to_le_bytes());
    many.extend_from_slice(&[0; 10]);
    let e = error(&many, Format::Docx, &limits);
    assert_eq!(e.kind, ErrorKind::TooLarge, "{e}");
}

#[test]
fn docx_password_protected_entries_are_encrypted() {
    use zip::unstable::write::FileOptionsExt;
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().with_deprecated_encryption(b"secret").unwrap();
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(format!("<w:document xmlns:w=\"{W}\"><w:body/></w:document>").as_bytes()).unwrap();
    let bytes = z.finish().unwrap().into_inner();
    assert_eq!(error(&bytes, Format::Docx, &Limits::default()).kind, ErrorKind::Encrypted);
}

// ---------------------------------------------------------------- ODT

const ODF_NS: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
    xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
    xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" \
    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";

fn odt(body: &str, encrypted: bool) -> Vec<u8> {
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content {ODF_NS} office:version=\"1.3\">\
         <office:automatic-styles><style:style style:name=\"P1\" style:family=\"paragraph\" \
         style:parent-style-name=\"Quotations\"/></office:automatic-styles>\
         <office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-styles {ODF_NS}>\
         <office:styles><style:style style:name=\"Quotations\" style:family=\"paragraph\"/></office:styles>\
         <office:master-styles><style:master-page style:name=\"Standard\">\
         <style:header><text:p>Header on child prostitution</text:p></style:header>\
         </style:master-page></office:master-styles></office:document-styles>"
    );
    let encryption = if encrypted { "<manifest:encryption-data/>" } else { "" };
    let manifest = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest \
         xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\
         <manifest:file-entry manifest:full-path=\"content.xml\">{encryption}</manifest:file-entry></manifest:manifest>"
    );
    zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
        ("styles.xml", styles.as_bytes()),
    ])
}

#[test]
fn odt_paragraphs_are_lines() {
    let body = "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion>\
        <office:change-info><dc:creator>Ed</dc:creator></office:change-info>\
        <text:p>child prostitution</text:p></text:deletion></text:changed-region></text:tracked-changes>\
        <text:h text:outline-level=\"1\">Report on <text:span>child</text:span><text:s/>pornography</text:h>\
        <text:p>Replaced <text:change text:change-id=\"c1\"/>the old words; \
        <text:change-start text:change-id=\"c2\"/>child sex tourism<text:change-end text:change-id=\"c2\"/> was added.</text:p>\
        <text:p text:style-name=\"P1\">He spoke of child prostitution.</text:p>\
        <text:p>A note<text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>\
        <text:note-body><text:p>Footnote on child pornography.</text:p></text:note-body></text:note> here.\
        <office:annotation><text:p>Comment: child pornography</text:p></office:annotation></text:p>\
        <text:p>Two<text:s text:c=\"3\"/>spaces<text:tab/>tab<text:line-break/>break</text:p><text:p/>";
    let bytes = odt(body, false);
    let (doc, r) = report(&bytes, Format::Odt);
    assert_eq!(
        doc.text,
        "Report on child pornography\n\
         Replaced the old words; child sex tourism was added.\n\
         He spoke of child prostitution.\n\
         A note here.\n\
         Two   spaces\ttab\u{2028}break\n\
         \n\
         [footnote 1]\n\
         Footnote on child pornography.\n\
         [header 1]\n\
         Header on child prostitution\n"
    );
    check_spans(&doc.text, &r.findings);
    let got = summary(&r.findings);
    let expected: Vec<(usize, usize, String, Option<&str>)> = vec![
        (1, 11, "child pornography".into(), None),
        (2, 25, "child sex tourism".into(), None),
        (3, 13, "child prostitution".into(), Some("quotation")),
        (8, 13, "child pornography".into(), None),
        (10, 11, "child prostitution".into(), None),
    ];
    assert_eq!(got, expected);
}

#[test]
fn odt_hostile_packages_fail_with_the_right_kind() {
    let limits = Limits::default();
    assert_eq!(error(&odt("<text:p>x</text:p>", true), Format::Odt, &limits).kind, ErrorKind::Encrypted);
    assert_eq!(error(b"PK\x03\x04 broken", Format::Odt, &limits).kind, ErrorKind::Malformed);
    let e = error(&zip_of(&[("mimetype", b"x")]), Format::Odt, &limits);
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert!(e.message.contains("content.xml"), "{e}");
}

#[test]
fn odt_extract_prints_the_scanned_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.odt");
    let bytes = odt("<text:p>Seized child pornography.</text:p>", false);
    std::fs::write(&path, &bytes).unwrap();
    let (doc, r) = report(&bytes, Format::Odt);
    assert_eq!(cli_extract(&path, &[]), doc.text);
    assert_eq!(r.findings.len(), 2);
}

// ---------------------------------------------------------------- all formats

#[test]
fn garbage_never_panics() {
    // Prefixes and bit-flipped copies of each kind of input: an error or a document, never a panic.
    let inputs: Vec<(Vec<u8>, Format)> = vec![
        (report_docx(), Format::Docx),
        (odt("<text:p>child <text:span>porn</text:span></text:p>", false), Format::Odt),
        (std::fs::read(fixture("page.html")).unwrap(), Format::Html),
        (std::fs::read(fixture("briefing.md")).unwrap(), Format::Markdown),
    ];
    let engine = Engine::builtin().unwrap();
    for (bytes, format) in inputs {
        let step = (bytes.len() / 97).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let mut variant = bytes.clone();
            variant[cut] ^= 0x5A;
            for b in [&bytes[..cut], &variant[..]] {
                if let Ok(doc) = extract(b, format, &Limits::default()) {
                    let scan = engine.scan(&doc);
                    let r = FileReport::from_scan("x".into(), format, &doc, &scan, engine);
                    check_spans(&doc.text, &r.findings);
                }
            }
        }
    }
}
