//! A tokenizer for content streams and CMaps (the PostScript-like syntax of PDF 32000-1, 7.2).
//!
//! Written for hostile input: it never recurses, never fails (an unexpected byte is skipped),
//! and always moves forward, so a loop over [`Lexer::next`] ends after at most one token per
//! input byte.

use super::objects::hex_val;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok<'a> {
    Num(f32),
    /// A name, without its `/`, escapes not yet decoded.
    Name(&'a [u8]),
    /// A literal or hex string, decoded.
    Str(Vec<u8>),
    ArrOpen,
    ArrClose,
    DictOpen,
    DictClose,
    /// An operator or keyword (`Tj`, `BT`, `true`, `begincmap`, …).
    Op(&'a [u8]),
}

pub struct Lexer<'a> {
    buf: &'a [u8],
    pos: usize,
}

#[inline]
fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0C' | b'\0')
}

#[inline]
fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

#[inline]
fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

impl<'a> Lexer<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Self { buf, pos: 0 }
    }

    fn skip_white_and_comments(&mut self) {
        while let Some(&b) = self.buf.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.buf.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end of the input.
    pub fn next_tok(&mut self) -> Option<Tok<'a>> {
        loop {
            self.skip_white_and_comments();
            let &b = self.buf.get(self.pos)?;
            match b {
                b'[' => {
                    self.pos += 1;
                    return Some(Tok::ArrOpen);
                }
                b']' => {
                    self.pos += 1;
                    return Some(Tok::ArrClose);
                }
                b'(' => {
                    self.pos += 1;
                    return Some(Tok::Str(self.literal_string()));
                }
                b'<' => {
                    if self.buf.get(self.pos + 1) == Some(&b'<') {
                        self.pos += 2;
                        return Some(Tok::DictOpen);
                    }
                    self.pos += 1;
                    return Some(Tok::Str(self.hex_string()));
                }
                b'>' => {
                    self.pos += 1;
                    if self.buf.get(self.pos) == Some(&b'>') {
                        self.pos += 1;
                        return Some(Tok::DictClose);
                    }
                    // A stray `>`: skip it.
                }
                b'/' => {
                    self.pos += 1;
                    let start = self.pos;
                    while self.buf.get(self.pos).is_some_and(|&c| is_regular(c)) {
                        self.pos += 1;
                    }
                    return Some(Tok::Name(&self.buf[start..self.pos]));
                }
                b'0'..=b'9' | b'+' | b'-' | b'.' => {
                    if let Some(n) = self.number() {
                        return Some(Tok::Num(n));
                    }
                    // `-` or `.` alone: skip the run as garbage.
                    while self.buf.get(self.pos).is_some_and(|&c| is_regular(c)) {
                        self.pos += 1;
                    }
                }
                b')' | b'{' | b'}' => self.pos += 1,
                _ => {
                    let start = self.pos;
                    while self.buf.get(self.pos).is_some_and(|&c| is_regular(c)) {
                        self.pos += 1;
                    }
                    if self.pos == start {
                        self.pos += 1;
                        continue;
                    }
                    return Some(Tok::Op(&self.buf[start..self.pos]));
                }
            }
        }
    }

    /// A number such as `12`, `-3.5`, `.5`, `4.`; lenient about doubled signs.
    fn number(&mut self) -> Option<f32> {
        let start = self.pos;
        let mut neg = false;
        while let Some(&c) = self.buf.get(self.pos) {
            match c {
                b'-' => neg = !neg,
                b'+' => {}
                _ => break,
            }
            self.pos += 1;
        }
        let mut int: f64 = 0.0;
        let mut frac: f64 = 0.0;
        let mut scale: f64 = 1.0;
        let mut digits = 0usize;
        let mut seen_dot = false;
        while let Some(&c) = self.buf.get(self.pos) {
            match c {
                b'0'..=b'9' => {
                    digits += 1;
                    if seen_dot {
                        scale *= 0.1;
                        frac += f64::from(c - b'0') * scale;
                    } else {
                        int = int * 10.0 + f64::from(c - b'0');
                    }
                }
                b'.' if !seen_dot => seen_dot = true,
                _ => break,
            }
            self.pos += 1;
        }
        // Trailing junk glued to a number (`12.5.3`, `4-2`) is dropped.
        while self.buf.get(self.pos).is_some_and(|&c| c.is_ascii_digit() || c == b'.' || c == b'-' || c == b'+') {
            self.pos += 1;
        }
        if digits == 0 {
            self.pos = self.pos.max(start + 1);
            return None;
        }
        let v = (int + frac) as f32;
        let v = if neg { -v } else { v };
        Some(if v.is_finite() { v } else { 0.0 })
    }

    /// A literal string after its `(`: balanced parentheses, escapes, line continuations.
    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(&c) = self.buf.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = self.buf.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.buf.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        b'\r' => {
                            if self.buf.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// A hex string after its `<`; an odd final digit counts as followed by 0.
    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(&c) = self.buf.get(self.pos) {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hex_val(c) {
                match hi.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => hi = Some(v),
                }
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }

    /// Skips the data of an inline image, after its `ID` operator, through its `EI`.
    ///
    /// The data is binary and has no length, so `EI` is taken where it stands alone between
    /// white space and what follows looks like content-stream text again.
    pub fn skip_inline_image(&mut self) {
        // One white-space byte separates ID from the data.
        self.pos = (self.pos + 1).min(self.buf.len());
        let buf = self.buf;
        let mut i = self.pos;
        while i + 1 < buf.len() {
            if buf[i] == b'E'
                && buf[i + 1] == b'I'
                && (i == 0 || is_white(buf[i - 1]))
                && buf.get(i + 2).is_none_or(|&c| is_white(c))
            {
                let tail = &buf[i + 2..buf.len().min(i + 2 + 32)];
                if tail.iter().all(|&c| is_white(c) || (0x20..0x7F).contains(&c)) {
                    self.pos = i + 2;
                    return;
                }
            }
            i += 1;
        }
        self.pos = buf.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &[u8]) -> Vec<Tok<'_>> {
        let mut l = Lexer::new(s);
        std::iter::from_fn(|| l.next_tok()).collect()
    }

    #[test]
    fn reads_operators_and_operands() {
        let t = toks(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm (Hi \\(x\\)) Tj [(A) -250 (B)] TJ ET");
        assert_eq!(t[0], Tok::Op(b"BT"));
        assert_eq!(t[1], Tok::Name(b"F1"));
        assert_eq!(t[2], Tok::Num(12.0));
        assert_eq!(t[8], Tok::Num(72.5));
        assert_eq!(t[9], Tok::Num(-0.5));
        assert_eq!(t[11], Tok::Str(b"Hi (x)".to_vec()));
        assert_eq!(t[13], Tok::ArrOpen);
        assert_eq!(t[15], Tok::Num(-250.0));
        assert_eq!(t.last(), Some(&Tok::Op(b"ET")));
    }

    #[test]
    fn strings_escapes_and_hex() {
        assert_eq!(
            toks(b"(a\\101\\n(b)\\\nc) <48 65 6C6C 6f7>"),
            vec![Tok::Str(b"aA\n(b)c".to_vec()), Tok::Str(b"Hello\x70".to_vec())]
        );
    }

    #[test]
    fn dicts_comments_and_garbage() {
        let t = toks(b"<< /A 1 >> % comment\n } ) > -- . 3..4 foo");
        assert_eq!(
            t,
            vec![Tok::DictOpen, Tok::Name(b"A"), Tok::Num(1.0), Tok::DictClose, Tok::Num(3.0), Tok::Op(b"foo")]
        );
    }

    #[test]
    fn unterminated_input_ends() {
        assert_eq!(toks(b"(abc"), vec![Tok::Str(b"abc".to_vec())]);
        assert_eq!(toks(b"<41"), vec![Tok::Str(b"A".to_vec())]);
        assert_eq!(toks(b"/"), vec![Tok::Name(b"")]);
    }

    #[test]
    fn inline_images_are_skipped() {
        let src = b"BI /W 2 /H 2 ID \x00EI\xff\x01 EI Q (after) Tj";
        let mut l = Lexer::new(src);
        while let Some(t) = l.next_tok() {
            if t == Tok::Op(b"ID") {
                l.skip_inline_image();
                break;
            }
        }
        assert_eq!(l.next_tok(), Some(Tok::Op(b"Q")));
    }

    #[test]
    fn every_byte_string_terminates() {
        for seed in 0u32..300 {
            let bytes: Vec<u8> =
                (0..64u32).map(|i| (seed.wrapping_mul(2_654_435_761).wrapping_add(i * 40_503) >> 13) as u8).collect();
            let mut l = Lexer::new(&bytes);
            let mut n = 0;
            while l.next_tok().is_some() {
                n += 1;
                assert!(n <= bytes.len());
            }
        }
    }
}
