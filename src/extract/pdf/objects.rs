//! Small, total accessors over lopdf's object model: references are followed a bounded number
//! of hops (a reference cycle ends as "missing"), and a wrong type is "missing" too, never an
//! error or a panic.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// Most references followed in a chain (`1 0 R` → `2 0 R` → …) before giving up.
const MAX_HOPS: usize = 16;

/// The object `obj` stands for, following references.
pub fn resolve<'a>(doc: &'a Document, mut obj: &'a Object) -> Option<&'a Object> {
    for _ in 0..MAX_HOPS {
        match obj {
            Object::Reference(id) => obj = doc.objects.get(id)?,
            other => return Some(other),
        }
    }
    None
}

/// The object with `id`, following references.
pub fn by_id(doc: &Document, id: ObjectId) -> Option<&Object> {
    resolve(doc, doc.objects.get(&id)?)
}

/// A dictionary, or a stream's dictionary.
pub fn as_dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    match resolve(doc, obj)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// `dict[key]`, following references.
pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, dict.get(key).ok()?)
}

pub fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    as_dict(doc, dict.get(key).ok()?)
}

pub fn get_stream<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Stream> {
    match get(doc, dict, key)? {
        Object::Stream(s) => Some(s),
        _ => None,
    }
}

pub fn get_array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    match get(doc, dict, key)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

pub fn get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, dict, key)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

pub fn get_number(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    number(doc, dict.get(key).ok()?)
}

/// An integer or real number, as `f32` (non-finite values are refused).
pub fn number(doc: &Document, obj: &Object) -> Option<f32> {
    let v = match resolve(doc, obj)? {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => return None,
    };
    v.is_finite().then_some(v)
}

/// A rectangle `[x0 y0 x1 y1]`, normalised so that x0 ≤ x1 and y0 ≤ y1.
pub fn rect(doc: &Document, obj: &Object) -> Option<[f32; 4]> {
    let Object::Array(a) = resolve(doc, obj)? else {
        return None;
    };
    if a.len() != 4 {
        return None;
    }
    let v: Vec<f32> = a.iter().filter_map(|o| number(doc, o)).collect();
    if v.len() != 4 {
        return None;
    }
    Some([v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])])
}

/// Why a stream's data could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamError {
    /// It decompresses past the size limit.
    TooLarge,
    /// A filter failed or is not supported; what lopdf said.
    Undecodable(String),
}

/// The decoded bytes of a stream, refused past `max` bytes. A stream whose filter fails keeps
/// what could be decoded (lopdf returns the partial output of a damaged Flate stream).
pub fn stream_bytes(stream: &Stream, max: usize) -> Result<Vec<u8>, StreamError> {
    match stream.decompressed_content_with_limit(max) {
        Ok(bytes) => Ok(bytes),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => Err(StreamError::TooLarge),
        Err(e) => Err(StreamError::Undecodable(e.to_string())),
    }
}

/// Most bytes searched, over a whole file, for the ends of streams that lack a usable length.
const MAX_RECOVERY_SCAN: usize = 256 * 1024 * 1024;

/// Fills in the data of streams whose `/Length` was missing or not a number: lopdf keeps
/// where their data starts, and the data runs to the `endstream` keyword.
pub fn recover_stream_data(doc: &mut Document, file: &[u8], max: usize) {
    // lopdf's positions count from the `%PDF-` header.
    let base = file.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
    let mut scanned = 0usize;
    for obj in doc.objects.values_mut() {
        let Object::Stream(s) = obj else { continue };
        let Some(pos) = s.start_position else { continue };
        if !s.content.is_empty() || scanned > MAX_RECOVERY_SCAN {
            continue;
        }
        let Some(data) = base.checked_add(pos).and_then(|start| file.get(start..)) else {
            continue;
        };
        let window = &data[..data.len().min(max.saturating_add(16))];
        let end = window.windows(9).position(|w| w == b"endstream").unwrap_or(window.len());
        scanned += end;
        let mut d = &window[..end];
        if let Some(stripped) =
            d.strip_suffix(b"\r\n").or_else(|| d.strip_suffix(b"\n")).or_else(|| d.strip_suffix(b"\r"))
        {
            d = stripped;
        }
        s.content = d.to_vec();
    }
}

/// Decodes `#xx` escapes in a name as written in a content stream.
pub fn decode_name(raw: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !raw.contains(&b'#') {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#'
            && i + 2 < raw.len()
            && let (Some(h), Some(l)) = (hex_val(raw[i + 1]), hex_val(raw[i + 2]))
        {
            out.push(h << 4 | l);
            i += 3;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

pub fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_cycles_resolve_to_nothing() {
        let mut doc = Document::new();
        doc.objects.insert((1, 0), Object::Reference((2, 0)));
        doc.objects.insert((2, 0), Object::Reference((1, 0)));
        assert!(by_id(&doc, (1, 0)).is_none());
        doc.objects.insert((3, 0), Object::Integer(7));
        doc.objects.insert((4, 0), Object::Reference((3, 0)));
        assert_eq!(number(&doc, &Object::Reference((4, 0))), Some(7.0));
    }

    #[test]
    fn streams_without_a_length_are_recovered() {
        let file = b"junk%PDF-1.4\n7 0 obj << >>\nstream\nBT (Hi) Tj ET\nendstream\nendobj\n";
        let mut doc = Document::new();
        let start = file.windows(6).position(|w| w == b"stream").unwrap() + 7 - 4;
        doc.objects.insert((7, 0), Object::Stream(Stream::with_position(lopdf::Dictionary::new(), start)));
        recover_stream_data(&mut doc, file, 1024);
        let Object::Stream(s) = &doc.objects[&(7, 0)] else { panic!() };
        assert_eq!(s.content, b"BT (Hi) Tj ET");
    }

    #[test]
    fn names_lose_their_escapes() {
        assert_eq!(&*decode_name(b"F#201"), b"F 1");
        assert_eq!(&*decode_name(b"Plain"), b"Plain");
        assert_eq!(&*decode_name(b"Bad#2"), b"Bad#2");
        assert_eq!(&*decode_name(b"Bad#zz"), b"Bad#zz");
    }

    #[test]
    fn rects_are_normalised() {
        let doc = Document::new();
        let r = Object::Array(vec![612.into(), 792.into(), 0.into(), 0.into()]);
        assert_eq!(rect(&doc, &r), Some([0.0, 0.0, 612.0, 792.0]));
        assert_eq!(rect(&doc, &Object::Null), None);
    }
}
