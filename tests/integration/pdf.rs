//! PDF extraction: PDFs written here (so the expected text is known exactly) for each font and
//! encoding case, layout, page breaks and hostile structure; the whole pipeline down to
//! findings with pages; and the hostile corpus in `../shared/corpora/pdf/hostile/`.

use std::path::Path;
use std::time::{Duration, Instant};

use luxlint::engine::Engine;
use luxlint::extract::pdf::testing::{HELVETICA, PdfBuilder, flate, pdf_string, text_content};
use luxlint::extract::{Document, ErrorKind, ExtractError, Format, Limits, extract};
use luxlint::report::FileReport;

fn pdf(bytes: &[u8]) -> Result<Document, ExtractError> {
    extract(bytes, Format::Pdf, &Limits::default())
}

fn text_of(bytes: &[u8]) -> String {
    pdf(bytes).expect("the PDF extracts").text
}

/// A one-page PDF with `resources` showing `content`.
fn one_page(resources: &str, content: &[u8]) -> Vec<u8> {
    let mut b = PdfBuilder::new();
    b.page(resources, content);
    b.finish()
}

#[test]
fn standard_14_font_with_winansi() {
    // é, curly quotes and an en dash are WinAnsi codes.
    let bytes = one_page(HELVETICA, b"BT /F1 12 Tf 72 700 Td (Caf\xe9 \x93quoted\x94 \x96 na\xefve) Tj ET");
    assert_eq!(text_of(&bytes), "Café \u{201C}quoted\u{201D} \u{2013} naïve");
}

#[test]
fn differences_with_glyph_names() {
    let font = "/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Times-Roman \
        /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding \
        /Differences [1 /eacute /fi /uni00FC /afii10017 /G41 /quoteright] >> >> >>";
    let bytes = one_page(font, b"BT /F1 12 Tf 72 700 Td (p\x01dophile \x02nal M\x03ller \x04 \x05 it\x06s) Tj ET");
    assert_eq!(text_of(&bytes), "pédophile final Müller А A it\u{2019}s");
}

/// A Type 0 font over Identity-H, its text given by a ToUnicode CMap and its widths by `/W`.
fn type0_resources(b: &mut PdfBuilder) -> String {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0003> <0020> <0070> <FB01> <0071> <FB02> endbfchar
3 beginbfrange <0024> <003D> <0041> <0044> <005D> <0061>
<0080> <0082> [<0436> <0434> <00E9>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";
    let tu = b.flate_stream("", cmap);
    let desc = b.add(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Arial \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
         /DW 500 /W [3 [278] 36 61 667 68 93 556 112 [500 500]] >>",
    );
    let font = b.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Arial /Encoding /Identity-H \
         /DescendantFonts [{desc} 0 R] /ToUnicode {tu} 0 R >>"
    ));
    format!("/Font << /F1 {font} 0 R >>")
}

/// Hex string of two-byte codes for ASCII text in the CMap above (A–Z at 0x24, a–z at 0x44).
fn cid_hex(s: &str) -> String {
    let mut out = String::from("<");
    for c in s.chars() {
        let code = match c {
            'A'..='Z' => 0x24 + (c as u32 - 'A' as u32),
            'a'..='z' => 0x44 + (c as u32 - 'a' as u32),
            ' ' => 3,
            'ﬁ' => 0x70,
            'ﬂ' => 0x71,
            'ж' => 0x80,
            'д' => 0x81,
            'é' => 0x82,
            _ => panic!("no code for {c}"),
        };
        out.push_str(&format!("{code:04X}"));
    }
    out.push('>');
    out
}

#[test]
fn type0_font_with_to_unicode_cmap() {
    let mut b = PdfBuilder::new();
    let res = type0_resources(&mut b);
    let content = format!("BT /F1 12 Tf 72 700 Td {} Tj ET", cid_hex("Child protection жд é"));
    b.page(&res, content.as_bytes());
    assert_eq!(text_of(&b.finish()), "Child protection жд é");
}

#[test]
fn ligatures_are_expanded() {
    let mut b = PdfBuilder::new();
    let res = type0_resources(&mut b);
    // "ﬁnal ﬂow" through ToUnicode, and "eﬃcient" through a /Differences ligature name.
    let content = format!("BT /F1 12 Tf 72 700 Td {} Tj ET", cid_hex("ﬁnal ﬂow"));
    b.page(&res, content.as_bytes());
    let font2 = "/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica \
        /Encoding << /Differences [1 /ffi /f_f] >> >> >>";
    b.page(font2, b"BT /F1 12 Tf 72 700 Td (e\x01cient e\x02ect) Tj ET");
    assert_eq!(text_of(&b.finish()), "final flow\n\nefficient effect");
}

#[test]
fn tj_gaps_make_spaces_and_kerning_does_not() {
    // Words placed by TJ offsets, no space characters; small kerns inside words.
    let bytes =
        one_page(HELVETICA, b"BT /F1 12 Tf 72 700 Td [(Chi) 15 (ld) -280 (pro) -10 (tection) -300 (matters)] TJ ET");
    assert_eq!(text_of(&bytes), "Child protection matters");
}

#[test]
fn lines_are_read_top_to_bottom_whatever_the_stream_order() {
    let bytes = one_page(
        HELVETICA,
        &text_content(12.0, &[(72.0, 600.0, "third line"), (72.0, 700.0, "first line"), (72.0, 650.0, "second line")]),
    );
    assert_eq!(text_of(&bytes), "first line\nsecond line\nthird line");
}

#[test]
fn two_columns_do_not_interleave() {
    let left = [
        "Sexual exploitation of children",
        "takes many forms, and the terms",
        "used to describe it matter for",
        "the children concerned.",
    ];
    let right = [
        "The Guidelines recommend words",
        "that do not blame the child and",
        "that describe the abuse for what",
        "it is, in every language.",
    ];
    let mut content = Vec::new();
    for (k, (l, r)) in left.iter().zip(right).enumerate() {
        let y = 680.0 - 14.0 * k as f32;
        // Each baseline is written left then right, as some producers do.
        content.extend(text_content(10.0, &[(72.0, y, l), (320.0, y, r)]));
    }
    // The title, drawn last, is read first: it is at the top and spans both columns.
    content.extend(text_content(14.0, &[(150.0, 740.0, "Report on the protection of children")]));
    let text = text_of(&one_page(HELVETICA, &content));
    let mut want = vec!["Report on the protection of children"];
    want.extend(left);
    want.extend(right);
    assert_eq!(text, want.join("\n"));
}

/// Three pages with a running header and page numbers; a phrase is hyphenated across the
/// break between pages 1 and 2, and another one sits on page 3.
fn report_pdf() -> Vec<u8> {
    let pages: [&[&str]; 3] = [
        &["The material known as child pornogra-"],
        &["phy is called child sexual abuse material here."],
        &["Some still write child prostitution in reports."],
    ];
    let mut b = PdfBuilder::new();
    for (i, body) in pages.iter().enumerate() {
        let mut runs = vec![(200.0, 760.0, "Report of the Special Rapporteur")];
        for (k, line) in body.iter().enumerate() {
            runs.push((72.0, 700.0 - 14.0 * k as f32, *line));
        }
        let number = (i + 1).to_string();
        runs.push((300.0, 40.0, number.as_str()));
        b.page(HELVETICA, &text_content(11.0, &runs));
    }
    b.finish()
}

#[test]
fn running_headers_are_masked_and_pages_recorded() {
    let doc = pdf(&report_pdf()).unwrap();
    let pages = doc.page_starts.clone().unwrap();
    assert_eq!(pages.len(), 3);
    let masked: Vec<&str> = doc.masks.iter().map(|m| &doc.text[m.clone()]).collect();
    assert_eq!(
        masked,
        [
            "Report of the Special Rapporteur",
            "1",
            "Report of the Special Rapporteur",
            "2",
            "Report of the Special Rapporteur",
            "3"
        ]
    );
    // Masks stay in the text.
    assert!(doc.text.starts_with("Report of the Special Rapporteur\nThe material known as child pornogra-\n1\n\n"));
    assert_eq!(doc.page_of(pages[1]), Some(2));
}

#[test]
fn findings_carry_their_page_and_match_the_text() {
    let doc = pdf(&report_pdf()).unwrap();
    let engine = Engine::builtin().expect("built-in rules");
    let scan = engine.scan(&doc);
    let report = FileReport::from_scan("report.pdf".into(), Format::Pdf, &doc, &scan, engine);
    assert_eq!(report.pages, Some(3));
    let found: Vec<(&str, Option<usize>)> = report.findings.iter().map(|f| (f.rule.as_str(), f.span.page)).collect();
    assert!(found.contains(&("en.child-pornography", Some(1))), "{found:?}");
    assert!(found.contains(&("en.child-prostitution", Some(3))), "{found:?}");
    for f in &report.findings {
        assert_eq!(f.matched, doc.text[f.span.byte_start..f.span.byte_end]);
        assert!(f.span.page.is_some());
    }
    // The hyphenated phrase is reported as it stands, header and page number included.
    let cp = report.findings.iter().find(|f| f.rule == "en.child-pornography").unwrap();
    assert!(cp.matched.starts_with("child pornogra-\n1\n\nReport of the Special Rapporteur\nphy"), "{:?}", cp.matched);
}

#[test]
fn a_phrase_hyphenated_at_a_line_end_is_found() {
    let bytes = one_page(
        HELVETICA,
        &text_content(
            11.0,
            &[(72.0, 700.0, "The law still speaks of child porno-"), (72.0, 686.0, "graphy in article 4.")],
        ),
    );
    let doc = pdf(&bytes).unwrap();
    assert_eq!(doc.text, "The law still speaks of child porno-\ngraphy in article 4.");
    let engine = Engine::builtin().unwrap();
    let scan = engine.scan(&doc);
    let report = FileReport::from_scan("law.pdf".into(), Format::Pdf, &doc, &scan, engine);
    let f = report.findings.iter().find(|f| f.rule == "en.child-pornography").expect("a finding");
    assert_eq!(f.matched, "child porno-\ngraphy");
    assert_eq!((f.span.page, f.span.line, f.span.end_line), (Some(1), 1, 2));
}

#[test]
fn the_binary_prints_the_extracted_text_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, report_pdf()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_luxlint")).arg("extract").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), pdf(&report_pdf()).unwrap().text);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_luxlint"))
        .args(["scan", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let file = &json["files"][0];
    assert_eq!(file["pages"], 3);
    let pages: Vec<i64> =
        file["findings"].as_array().unwrap().iter().filter_map(|f| f["span"]["page"].as_i64()).collect();
    assert!(pages.contains(&1) && pages.contains(&3), "{pages:?}");
}

fn encrypted(user_password: &str) -> Vec<u8> {
    let plain = one_page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, "Secret text")]));
    let mut doc = lopdf::Document::load_mem(&plain).unwrap();
    let id = lopdf::Object::string_literal(b"0123456789abcdef".to_vec());
    doc.trailer.set("ID", vec![id.clone(), id]);
    let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn encrypted_with_a_user_password_is_reported() {
    let e = pdf(&encrypted("user")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Encrypted, "{e}");
    assert!(e.message.contains("password"));
}

#[test]
fn encrypted_with_the_empty_user_password_is_read() {
    assert_eq!(text_of(&encrypted("")), "Secret text");
}

#[test]
fn image_only_pages_need_ocr() {
    let mut b = PdfBuilder::new();
    let img = b.stream(
        "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
        b"\x00\xff\xff\x00",
    );
    let res = format!("/XObject << /Scan {img} 0 R >>");
    for _ in 0..3 {
        b.page(&res, b"q 612 0 0 792 0 0 cm /Scan Do Q");
    }
    let e = pdf(&b.finish()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NoTextLayer);
    assert!(e.message.contains("3 pages") && e.message.contains("OCR"), "{}", e.message);
}

#[test]
fn a_scanned_page_among_text_pages_is_reported_on_its_own() {
    let mut b = PdfBuilder::new();
    b.page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, "Typed page")]));
    let img = b.stream("/Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", b"\x00");
    b.page(&format!("/XObject << /Im {img} 0 R >>"), b"q 600 0 0 780 0 0 cm /Im Do Q");
    let doc = pdf(&b.finish()).unwrap();
    assert_eq!(doc.text, "Typed page\n\n");
    assert_eq!(doc.page_errors.len(), 1);
    assert_eq!(doc.page_errors[0].0, 2);
    assert!(doc.page_errors[0].1.contains("OCR"));
}

/// A Flate stream that inflates to `n` zero bytes... of content-stream white space.
fn bomb(n: usize) -> Vec<u8> {
    flate(&vec![b' '; n])
}

#[test]
fn a_flate_bomb_is_refused() {
    let limits = Limits { max_stream_bytes: 1 << 20, ..Limits::default() };
    // Page 1 is fine; page 2's content inflates to 8 MiB.
    let mut b = PdfBuilder::new();
    b.page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, "Before the bomb")]));
    let data = bomb(8 << 20);
    assert!(data.len() < 64 * 1024);
    let contents = b.stream("/Filter /FlateDecode", &data);
    b.page_with(&format!("/Resources << {HELVETICA} >> /Contents {contents} 0 R"));
    let doc = extract(&b.clone().finish(), Format::Pdf, &limits).unwrap();
    assert_eq!(doc.text, "Before the bomb\n\n");
    assert_eq!(doc.page_errors.len(), 1);
    assert_eq!(doc.page_errors[0].0, 2);
    assert!(doc.page_errors[0].1.contains("limit"), "{:?}", doc.page_errors);

    // Alone, it makes the file too large.
    let mut b = PdfBuilder::new();
    let contents = b.stream("/Filter /FlateDecode", &data);
    b.page_with(&format!("/Contents {contents} 0 R"));
    let e = extract(&b.finish(), Format::Pdf, &limits).unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooLarge, "{e}");
}

#[test]
fn deeply_nested_arrays_do_not_overflow() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let mut content = text_content(12.0, &[(72.0, 700.0, "Still here")]);
    content.extend(format!("BT {deep} TJ ET").as_bytes());
    let mut b = PdfBuilder::new();
    let junk = b.add(deep.clone());
    let contents = b.flate_stream("", &content);
    b.page_with(&format!("/Resources << {HELVETICA} >> /Contents {contents} 0 R /Junk {junk} 0 R /Deep {deep}"));
    // lopdf refuses an object nested past its limit; the page holding one may then be lost,
    // but there is an answer and no stack overflow.
    match pdf(&b.finish()) {
        Ok(doc) => assert!(doc.text.contains("Still here")),
        Err(e) => assert!(matches!(e.kind, ErrorKind::Malformed | ErrorKind::NoTextLayer), "{e}"),
    }
    // In a content stream, the deep array is skipped and the text is read.
    assert_eq!(text_of(&one_page(HELVETICA, &content)), "Still here");
}

#[test]
fn a_page_tree_cycle_is_walked_once() {
    let mut b = PdfBuilder::new();
    let page = b.page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, "Only page")]));
    // The root lists itself among its kids, and the page again after that.
    b.extra_kids = format!("2 0 R {page} 0 R");
    let doc = pdf(&b.finish()).unwrap();
    assert_eq!(doc.text, "Only page");
    assert_eq!(doc.page_count(), Some(1));
}

#[test]
fn a_wrong_cross_reference_table_is_rebuilt() {
    let mut b = PdfBuilder::new();
    b.page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, "Shifted text")]));
    let bytes = b.finish();
    // Bytes inserted early shift every object away from where the table says it is.
    let at = bytes.windows(6).position(|w| w == b"3 0 ob").unwrap();
    let mut shifted = bytes[..at].to_vec();
    shifted.extend_from_slice(b"% a comment inserted by an editor\n");
    shifted.extend_from_slice(&bytes[at..]);
    assert_eq!(text_of(&shifted), "Shifted text");
}

#[test]
fn truncated_files_give_text_or_an_error() {
    let mut b = PdfBuilder::new();
    for i in 0..3 {
        b.page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, &format!("Page number {i} of the report"))]));
    }
    let bytes = b.finish();
    let start = Instant::now();
    for cut in (0..bytes.len()).step_by(13) {
        match pdf(&bytes[..cut]) {
            Ok(doc) => assert!(doc.page_starts.is_some()),
            Err(e) => assert!(
                matches!(e.kind, ErrorKind::Malformed | ErrorKind::NoTextLayer | ErrorKind::Encrypted),
                "cut at {cut}: {e}"
            ),
        }
    }
    assert!(start.elapsed() < Duration::from_secs(60));
    // With its cross-reference table cut off, the file is rebuilt by scanning.
    let tail = bytes.windows(4).rposition(|w| w == b"xref").unwrap();
    assert!(text_of(&bytes[..tail]).contains("Page number 2"));
}

#[test]
fn runaway_forms_stop_at_the_time_limit() {
    // Each form draws the next one 100 times: 100^4 invocations if nothing stops it.
    let mut b = PdfBuilder::new();
    let mut inner = b.stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10]", b"q Q");
    for _ in 0..4 {
        let draws = "/X Do ".repeat(100);
        inner = b.stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X {inner} 0 R >> >>"),
            draws.as_bytes(),
        );
    }
    b.page(&format!("{HELVETICA} /XObject << /X {inner} 0 R >>"), b"BT /F1 12 Tf 72 700 Td (Visible) Tj ET /X Do");
    let limits = Limits { max_millis: 300, ..Limits::default() };
    let start = Instant::now();
    let result = extract(&b.finish(), Format::Pdf, &limits);
    assert!(start.elapsed() < Duration::from_secs(3), "took {:?}", start.elapsed());
    match result {
        Err(e) => assert_eq!(e.kind, ErrorKind::TooLarge, "{e}"),
        Ok(doc) => assert!(doc.page_errors.iter().any(|(_, why)| why.contains("time limit"))),
    }
}

#[test]
fn strings_with_parentheses_survive() {
    let content = format!("BT /F1 12 Tf 72 700 Td {} Tj ET", pdf_string("Article 3 (a) \\ b"));
    assert_eq!(text_of(&one_page(HELVETICA, content.as_bytes())), "Article 3 (a) \\ b");
}

/// Every file of the hostile corpus comes back within 10 s with text or a clear error.
#[test]
fn hostile_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/pdf/hostile");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} is absent", dir.display());
        return;
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut slow = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let start = Instant::now();
        let result = extract(&bytes, Format::Pdf, &Limits::default());
        let took = start.elapsed();
        if took > Duration::from_secs(10) {
            slow.push((path.clone(), took));
        }
        match result {
            Ok(doc) => assert!(doc.page_starts.is_some(), "{}", path.display()),
            Err(e) => assert!(!e.message.is_empty(), "{}", path.display()),
        }
    }
    assert!(slow.is_empty(), "slower than 10 s: {slow:?}");
}

/// Checks what every extracted PDF document must satisfy.
fn check_invariants(doc: &Document) {
    assert!(doc.page_starts.is_some(), "PDF documents have page starts");
    assert_eq!(doc.consistency_error(), None);
}

/// A fuzzing loop that needs no cargo-fuzz: random mutations (byte flips, insertions,
/// deletions, splices, number changes, truncation) of generated PDFs and of the corpora.
/// `LUXLINT_FUZZ_SECS=300 cargo test --release --test integration pdf::mutation_fuzz -- --ignored --nocapture`
#[test]
#[ignore = "long-running: run on demand"]
fn mutation_fuzz() {
    let secs: u64 = std::env::var("LUXLINT_FUZZ_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    let mut state: u64 =
        std::env::var("LUXLINT_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut rand = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut seeds = vec![report_pdf(), encrypted(""), one_page(HELVETICA, b"BT /F1 12 Tf 72 700 Td (x) Tj ET")];
    let mut b = PdfBuilder::new();
    let res = type0_resources(&mut b);
    b.page(&res, format!("BT /F1 12 Tf 72 700 Td {} Tj ET", cid_hex("Child protection")).as_bytes());
    seeds.push(b.finish());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/pdf");
    for sub in ["hostile", "real"] {
        if let Ok(entries) = std::fs::read_dir(root.join(sub)) {
            for e in entries.flatten() {
                if let Ok(bytes) = std::fs::read(e.path())
                    && bytes.len() <= 2 << 20
                {
                    seeds.push(bytes);
                }
            }
        }
    }
    let limits = Limits { max_millis: 3_000, max_stream_bytes: 16 << 20, ..Limits::default() };
    let deadline = Instant::now() + Duration::from_secs(secs);
    let (mut runs, mut ok, mut slowest) = (0u64, 0u64, Duration::ZERO);
    while Instant::now() < deadline {
        let mut data = seeds[(rand() % seeds.len() as u64) as usize].clone();
        for _ in 0..1 + rand() % 8 {
            let len = data.len().max(1) as u64;
            let at = (rand() % len) as usize;
            let last = data.len().saturating_sub(1);
            match rand() % 7 {
                0 if !data.is_empty() => data[at.min(last)] ^= 1 << (rand() % 8),
                1 if !data.is_empty() => data[at.min(last)] = rand() as u8,
                2 => {
                    let n = (rand() % 16) as usize;
                    let bytes: Vec<u8> =
                        (0..n).map(|_| b"[]()<>/% 0123456789RobjendstreamTjBT"[(rand() % 36) as usize]).collect();
                    data.splice(at.min(data.len())..at.min(data.len()), bytes);
                }
                3 => {
                    let end = (at + (rand() % 64) as usize).min(data.len());
                    data.drain(at.min(end)..end);
                }
                4 => {
                    let other = &seeds[(rand() % seeds.len() as u64) as usize];
                    let from = (rand() % other.len().max(1) as u64) as usize;
                    let piece = other[from.min(other.len())..(from + 512).min(other.len())].to_vec();
                    data.splice(at.min(data.len())..at.min(data.len()), piece);
                }
                5 => {
                    // A number made huge or negative.
                    if let Some(p) = data[at.min(data.len())..].iter().position(u8::is_ascii_digit) {
                        let p = at + p;
                        let big: &[u8] = [&b"99999999999"[..], b"-1", b"0", b"4294967296"][(rand() % 4) as usize];
                        data.splice(p..p + 1, big.iter().copied());
                    }
                }
                _ => data.truncate(at),
            }
        }
        let start = Instant::now();
        let outcome = std::panic::catch_unwind(|| {
            if let Ok(doc) = luxlint::extract::pdf::extract_here(&data, &limits) {
                check_invariants(&doc);
                true
            } else {
                false
            }
        });
        let took = start.elapsed();
        if took > Duration::from_secs(2) {
            let path = std::env::temp_dir().join(format!("luxlint-fuzz-slow-{runs}.pdf"));
            std::fs::write(&path, &data).unwrap();
            println!("slow input ({took:?}) saved to {}", path.display());
        }
        slowest = slowest.max(took);
        runs += 1;
        match outcome {
            Ok(true) => ok += 1,
            Ok(false) => {}
            Err(_) => {
                let path = std::env::temp_dir().join(format!("luxlint-fuzz-crash-{runs}.pdf"));
                std::fs::write(&path, &data).unwrap();
                panic!("extraction panicked or broke an invariant; input saved to {}", path.display());
            }
        }
        assert!(took < Duration::from_secs(10), "took {took:?}");
    }
    println!("mutation fuzz: {runs} inputs, {ok} extracted, slowest {slowest:?}");
}
