//! A small PDF writer for tests and fuzz seeds: objects, streams, fonts, pages, a correct
//! cross-reference table. Not part of the public API.

use lopdf::{Stream, dictionary};

/// Builds a PDF file object by object. Object 1 is the catalog and 2 the page tree root.
#[derive(Debug, Clone)]
pub struct PdfBuilder {
    /// Bodies of objects 1..; `None` while reserved.
    objects: Vec<Option<Vec<u8>>>,
    pages: Vec<usize>,
    /// Extra entries for the page tree root.
    pub root_extra: String,
    /// Extra references after the pages in the root's `/Kids` (e.g. `2 0 R`, a cycle).
    pub extra_kids: String,
}

impl Default for PdfBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl PdfBuilder {
    pub fn new() -> Self {
        Self { objects: vec![None, None], pages: Vec::new(), root_extra: String::new(), extra_kids: String::new() }
    }

    /// Reserves an object number, to be filled by [`PdfBuilder::set`].
    pub fn reserve(&mut self) -> usize {
        self.objects.push(None);
        self.objects.len()
    }

    pub fn set(&mut self, id: usize, body: impl Into<Vec<u8>>) {
        if let Some(slot) = self.objects.get_mut(id - 1) {
            *slot = Some(body.into());
        }
    }

    /// Adds an object (`body` is what goes between `obj` and `endobj`); returns its number.
    pub fn add(&mut self, body: impl Into<Vec<u8>>) -> usize {
        let id = self.reserve();
        self.set(id, body);
        id
    }

    /// Adds a stream with `dict_entries` (e.g. `/Subtype /Form`) and raw `data`.
    pub fn stream(&mut self, dict_entries: &str, data: &[u8]) -> usize {
        let mut body = format!("<< /Length {} {dict_entries} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.add(body)
    }

    /// Adds a Flate-compressed stream of `data`.
    pub fn flate_stream(&mut self, dict_entries: &str, data: &[u8]) -> usize {
        let compressed = flate(data);
        self.stream(&format!("/Filter /FlateDecode {dict_entries}"), &compressed)
    }

    /// Adds a page with `resources` (the inside of a dictionary) showing `content`.
    pub fn page(&mut self, resources: &str, content: &[u8]) -> usize {
        let contents = self.flate_stream("", content);
        self.page_with(&format!("/Resources << {resources} >> /Contents {contents} 0 R"))
    }

    /// Adds a page dictionary with the given entries (a media box is added).
    pub fn page_with(&mut self, entries: &str) -> usize {
        let id = self.add(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] {entries} >>"));
        self.pages.push(id);
        id
    }

    /// The file: header, objects, cross-reference table, trailer (`trailer_extra` adds
    /// entries such as `/Encrypt`).
    pub fn finish_with(mut self, trailer_extra: &str) -> Vec<u8> {
        let mut kids: Vec<String> = self.pages.iter().map(|p| format!("{p} 0 R")).collect();
        if !self.extra_kids.is_empty() {
            kids.push(self.extra_kids.clone());
        }
        self.objects[0] = Some(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        self.objects[1] = Some(
            format!("<< /Type /Pages /Kids [{}] /Count {} {} >>", kids.join(" "), self.pages.len(), self.root_extra)
                .into_bytes(),
        );
        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body.as_deref().unwrap_or(b"null"));
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
                self.objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    pub fn finish(self) -> Vec<u8> {
        self.finish_with("")
    }
}

/// zlib-compresses `data` (through lopdf, which the extractor already depends on).
pub fn flate(data: &[u8]) -> Vec<u8> {
    let mut s = Stream::new(dictionary! {}, data.to_vec());
    // lopdf leaves data that would not shrink uncompressed; that is written as stored blocks.
    if s.compress().is_ok() && s.dict.has(b"Filter") {
        return s.content;
    }
    stored_zlib(data)
}

/// A zlib stream of stored (uncompressed) blocks: valid Flate data for any input.
fn stored_zlib(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let mut chunks = data.chunks(65_535).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none();
        let len = chunk.len() as u16;
        out.push(u8::from(last));
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&(b << 16 | a).to_be_bytes());
    out
}

/// Resources with `/F1` as Helvetica in WinAnsiEncoding.
pub const HELVETICA: &str =
    "/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> >>";

/// Escapes text for a literal string.
pub fn pdf_string(s: &str) -> String {
    let mut out = String::from("(");
    for c in s.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.push(')');
    out
}

/// A content stream showing each `(x, y, text)` with `/F1` at `size` points.
pub fn text_content(size: f32, lines: &[(f32, f32, &str)]) -> Vec<u8> {
    let mut s = String::new();
    for (x, y, text) in lines {
        s.push_str(&format!("BT /F1 {size} Tf {x} {y} Td {} Tj ET\n", pdf_string(text)));
    }
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_file_lopdf_reads() {
        let mut b = PdfBuilder::new();
        b.page(HELVETICA, &text_content(12.0, &[(72.0, 700.0, "Hello (world)")]));
        let bytes = b.finish();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        assert!(doc.xref_recovery.is_none());
    }

    #[test]
    fn stored_zlib_decodes() {
        for data in [&b""[..], b"abc", &[7u8; 70_000][..]] {
            let s = Stream::new(dictionary! {"Filter" => "FlateDecode"}, stored_zlib(data));
            assert_eq!(s.decompressed_content().unwrap(), data);
        }
    }
}
