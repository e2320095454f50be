//! Just enough of the Compact Font Format (Adobe Technical Note #5176) to read the built-in
//! encoding of an embedded Type 1C font (`/FontFile3`): which glyph name each code shows.
//! TeX math fonts (CMMI, CMSY) put Greek letters and symbols at codes no standard encoding
//! knows, and name them only there.
//!
//! Every read is bounds-checked; a damaged font gives `None`.

use super::cff_strings::STANDARD_STRINGS;

/// Glyph names by code from the font's own encoding, or `None` when it uses the standard
/// encoding, is CID-keyed, or cannot be read.
pub fn builtin_encoding(data: &[u8]) -> Option<Vec<Option<String>>> {
    let hdr_size = usize::from(*data.get(2)?);
    let (_names, after_names) = index(data, hdr_size)?;
    let (top_dicts, after_top) = index(data, after_names)?;
    let (strings, _) = index(data, after_top)?;
    let top = dict(top_dicts.first()?);
    let op = |code: u16| top.iter().find(|(o, _)| *o == code).map(|(_, v)| v.clone());
    if op(0x0C1E).is_some() {
        return None; // ROS: CID-keyed, no glyph names.
    }
    let enc_offset = op(16).and_then(|v| v.first().copied()).unwrap_or(0.0) as usize;
    if enc_offset <= 1 {
        return None; // Standard or Expert encoding.
    }
    let charstrings = op(17)?.first().copied()? as usize;
    let (glyphs, _) = index(data, charstrings)?;
    let n_glyphs = glyphs.len();
    let charset_offset = op(15).and_then(|v| v.first().copied()).unwrap_or(0.0) as usize;
    let sids = charset(data, charset_offset, n_glyphs)?;
    let name = |sid: u16| -> Option<String> {
        let sid = usize::from(sid);
        match STANDARD_STRINGS.get(sid) {
            Some(s) => Some((*s).to_string()),
            None => strings.get(sid - STANDARD_STRINGS.len()).map(|b| String::from_utf8_lossy(b).into_owned()),
        }
    };
    let mut names: Vec<Option<String>> = vec![None; 256];
    let format = *data.get(enc_offset)?;
    let mut p = enc_offset + 1;
    match format & 0x7F {
        0 => {
            let n = usize::from(*data.get(p)?);
            p += 1;
            for gid in 1..=n {
                let code = usize::from(*data.get(p)?);
                p += 1;
                if let Some(&sid) = sids.get(gid) {
                    names[code] = name(sid);
                }
            }
        }
        1 => {
            let n_ranges = usize::from(*data.get(p)?);
            p += 1;
            let mut gid = 1usize;
            for _ in 0..n_ranges {
                let first = usize::from(*data.get(p)?);
                let left = usize::from(*data.get(p + 1)?);
                p += 2;
                for slot in names.iter_mut().skip(first).take(left + 1) {
                    if let Some(&sid) = sids.get(gid) {
                        *slot = name(sid);
                    }
                    gid += 1;
                }
            }
        }
        _ => return None,
    }
    if format & 0x80 != 0 {
        let n = usize::from(*data.get(p)?);
        p += 1;
        for _ in 0..n {
            let code = usize::from(*data.get(p)?);
            let sid = u16::from_be_bytes([*data.get(p + 1)?, *data.get(p + 2)?]);
            p += 3;
            names[code] = name(sid);
        }
    }
    Some(names)
}

/// The SID of each glyph (glyph 0 is `.notdef`).
fn charset(data: &[u8], offset: usize, n_glyphs: usize) -> Option<Vec<u16>> {
    let mut sids = Vec::with_capacity(n_glyphs);
    sids.push(0u16);
    if offset == 0 {
        // ISOAdobe: glyph i has SID i.
        sids.extend((1..n_glyphs.min(229)).map(|i| i as u16));
        return Some(sids);
    }
    if offset <= 2 {
        return None; // Expert charsets: no names text needs.
    }
    let format = *data.get(offset)?;
    let mut p = offset + 1;
    while sids.len() < n_glyphs {
        match format {
            0 => {
                sids.push(u16::from_be_bytes([*data.get(p)?, *data.get(p + 1)?]));
                p += 2;
            }
            1 | 2 => {
                let first = u16::from_be_bytes([*data.get(p)?, *data.get(p + 1)?]);
                let left = if format == 1 {
                    p += 3;
                    u16::from(*data.get(p - 1)?)
                } else {
                    p += 4;
                    u16::from_be_bytes([*data.get(p - 2)?, *data.get(p - 1)?])
                };
                for k in 0..=left {
                    if sids.len() >= n_glyphs {
                        break;
                    }
                    sids.push(first.wrapping_add(k));
                }
            }
            _ => return None,
        }
    }
    Some(sids)
}

/// An INDEX at `offset`: its items and where it ends.
fn index(data: &[u8], offset: usize) -> Option<(Vec<&[u8]>, usize)> {
    let count = usize::from(u16::from_be_bytes([*data.get(offset)?, *data.get(offset + 1)?]));
    if count == 0 {
        return Some((Vec::new(), offset + 2));
    }
    let off_size = usize::from(*data.get(offset + 2)?);
    if !(1..=4).contains(&off_size) {
        return None;
    }
    let offsets_at = offset + 3;
    let read = |i: usize| -> Option<usize> {
        let at = offsets_at + i * off_size;
        let bytes = data.get(at..at + off_size)?;
        Some(bytes.iter().fold(0usize, |v, &b| v << 8 | usize::from(b)))
    };
    let data_start = offsets_at + (count + 1) * off_size - 1;
    let mut items = Vec::with_capacity(count.min(4096));
    let mut prev = read(0)?;
    for i in 1..=count {
        let next = read(i)?;
        items.push(data.get(data_start + prev..data_start + next)?);
        prev = next;
    }
    Some((items, data_start + prev))
}

/// The operators of a DICT with their operands (operators 12 x as `0x0C00 | x`).
fn dict(data: &[u8]) -> Vec<(u16, Vec<f64>)> {
    let mut out = Vec::new();
    let mut operands = Vec::new();
    let mut p = 0;
    while let Some(&b) = data.get(p) {
        p += 1;
        match b {
            0..=21 => {
                let op = if b == 12 {
                    let x = data.get(p).copied().unwrap_or(0);
                    p += 1;
                    0x0C00 | u16::from(x)
                } else {
                    u16::from(b)
                };
                out.push((op, std::mem::take(&mut operands)));
            }
            28 => {
                let v = i16::from_be_bytes([*data.get(p).unwrap_or(&0), *data.get(p + 1).unwrap_or(&0)]);
                operands.push(f64::from(v));
                p += 2;
            }
            29 => {
                let bytes: [u8; 4] = std::array::from_fn(|k| data.get(p + k).copied().unwrap_or(0));
                operands.push(f64::from(i32::from_be_bytes(bytes)));
                p += 4;
            }
            30 => {
                // A real: nibbles until 0xF; only its presence matters here.
                while let Some(&n) = data.get(p) {
                    p += 1;
                    if n & 0x0F == 0x0F || n >> 4 == 0x0F {
                        break;
                    }
                }
                operands.push(0.0);
            }
            32..=246 => operands.push(f64::from(i32::from(b) - 139)),
            247..=250 => {
                let w = i32::from(data.get(p).copied().unwrap_or(0));
                operands.push(f64::from((i32::from(b) - 247) * 256 + w + 108));
                p += 1;
            }
            251..=254 => {
                let w = i32::from(data.get(p).copied().unwrap_or(0));
                operands.push(f64::from(-(i32::from(b) - 251) * 256 - w - 108));
                p += 1;
            }
            _ => {}
        }
        if operands.len() > 48 {
            operands.clear();
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn index_bytes(items: &[&[u8]]) -> Vec<u8> {
        let mut out = (items.len() as u16).to_be_bytes().to_vec();
        if items.is_empty() {
            return out;
        }
        out.push(4);
        let mut off = 1u32;
        out.extend(off.to_be_bytes());
        for it in items {
            off += it.len() as u32;
            out.extend(off.to_be_bytes());
        }
        for it in items {
            out.extend_from_slice(it);
        }
        out
    }

    fn int(v: i32) -> Vec<u8> {
        let mut out = vec![29];
        out.extend(v.to_be_bytes());
        out
    }

    /// A CFF font whose glyphs 1..=3 are `A`, the custom `myglyph` and `A`, encoded at
    /// codes 13, 65 and 200.
    pub(crate) fn sample_cff() -> Vec<u8> {
        let header = [1u8, 0, 4, 1];
        let names = index_bytes(&[b"F"]);
        let strings = index_bytes(&[b"myglyph"]);
        let gsubrs = index_bytes(&[]);
        let charstrings = index_bytes(&[b"\x0e", b"\x0e", b"\x0e", b"\x0e"]);
        // Top DICT with fixed-size operands, so its length is known before the offsets.
        let top_len = 3 * 6;
        let top_index_len = 2 + 1 + 8 + top_len;
        let base = header.len() + names.len() + top_index_len + strings.len() + gsubrs.len();
        let charset_at = base;
        // Format 0, SIDs of glyphs 1..=3: "A" (34), "myglyph" (391, the first custom
        // string), "A" again.
        let charset = [0u8, 0, 34, 1, 0x87, 0, 34];
        let encoding_at = charset_at + charset.len();
        let encoding = [0u8, 3, 13, 65, 200];
        let charstrings_at = encoding_at + encoding.len();
        let mut top = Vec::new();
        top.extend(int(charset_at as i32));
        top.push(15);
        top.extend(int(encoding_at as i32));
        top.push(16);
        top.extend(int(charstrings_at as i32));
        top.push(17);
        assert_eq!(top.len(), top_len);
        let mut out = header.to_vec();
        out.extend(names);
        out.extend(index_bytes(&[&top]));
        out.extend(strings);
        out.extend(gsubrs);
        out.extend(charset);
        out.extend(encoding);
        out.extend(charstrings);
        out
    }

    #[test]
    fn reads_a_custom_encoding() {
        let names = builtin_encoding(&sample_cff()).unwrap();
        assert_eq!(names[13].as_deref(), Some("A"));
        assert_eq!(names[65].as_deref(), Some("myglyph"));
        assert_eq!(names[200].as_deref(), Some("A"));
        assert_eq!(names[66], None);
    }

    #[test]
    fn damage_gives_none() {
        let cff = sample_cff();
        for cut in 0..cff.len() {
            let _ = builtin_encoding(&cff[..cut]);
        }
        let mut flipped = cff.clone();
        for i in 0..flipped.len() {
            flipped[i] ^= 0xA5;
            let _ = builtin_encoding(&flipped);
            flipped[i] ^= 0xA5;
        }
        assert_eq!(builtin_encoding(b""), None);
    }
}
