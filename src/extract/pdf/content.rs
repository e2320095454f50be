//! The content stream interpreter: runs a page's operators (text, text state, graphics state
//! and Form XObjects) and records every glyph shown, with its text and its place.
//!
//! Positions are computed as a renderer would (text matrix × CTM, glyph advances from the
//! font's widths, `Tc`/`Tw`/`Tz`/`TJ` adjustments), so that words and lines can be rebuilt
//! from geometry rather than from the order of the stream. Each glyph is stored in the
//! reading frame of its direction (see [`Glyph`]).

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::Font;
use super::lexer::{Lexer, Tok};
use super::limits::{Budget, MAX_FORM_DEPTH, MAX_GSTATE_DEPTH, MAX_PAGE_GLYPHS, MAX_PAGE_TEXT, Stop};
use super::objects::{self, decode_name, get_dict};

/// A glyph as shown on the page.
///
/// `x`, `y` are the glyph origin in its reading frame: user space turned by `dir` quarter
/// turns clockwise so that the text runs along +x and lines follow each other towards -y.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub x: f32,
    pub y: f32,
    /// Advance along the text direction.
    pub adv: f32,
    /// Em height.
    pub size: f32,
    /// Quarter turns of the text direction, counter-clockwise from +x (0 = normal text).
    pub dir: u8,
    /// The glyph's text in [`PageContent::chars`].
    pub start: u32,
    pub len: u32,
    /// The glyph is a space (its text is white space, or it is code 32 without text).
    pub space: bool,
}

/// What a page shows.
#[derive(Debug, Default)]
pub struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub chars: String,
    /// Images drawn (XObjects and inline), for telling scanned pages.
    pub images: usize,
}

impl PageContent {
    pub fn text_of(&self, g: &Glyph) -> &str {
        let s = g.start as usize;
        self.chars.get(s..s + g.len as usize).unwrap_or("")
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Matrix {
    pub const IDENTITY: Matrix = Matrix { a: 1.0, b: 0.0, c: 0.0, d: 1.0, e: 0.0, f: 0.0 };

    fn from_operands(v: &[f32]) -> Option<Matrix> {
        match *v {
            [a, b, c, d, e, f] => Some(Matrix { a, b, c, d, e, f }),
            _ => None,
        }
    }

    /// `self × other`: apply `self`, then `other`.
    pub fn then(&self, o: &Matrix) -> Matrix {
        Matrix {
            a: self.a * o.a + self.b * o.c,
            b: self.a * o.b + self.b * o.d,
            c: self.c * o.a + self.d * o.c,
            d: self.c * o.b + self.d * o.d,
            e: self.e * o.a + self.f * o.c + o.e,
            f: self.e * o.b + self.f * o.d + o.f,
        }
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (x * self.a + y * self.c + self.e, x * self.b + y * self.d + self.f)
    }

    /// Moves the origin by `(tx, ty)` in this matrix's own space.
    fn translate(&mut self, tx: f32, ty: f32) {
        self.e += tx * self.a + ty * self.c;
        self.f += tx * self.b + ty * self.d;
    }

    fn is_finite(&self) -> bool {
        [self.a, self.b, self.c, self.d, self.e, self.f].iter().all(|v| v.is_finite())
    }
}

#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
}

impl Default for GState {
    fn default() -> Self {
        Self {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Object(ObjectId),
    /// A font dictionary written inline, by its address (stable while the document lives).
    Inline(usize),
}

/// Fonts and forms of one document, shared by its pages.
#[derive(Default)]
pub struct Caches {
    fonts: HashMap<FontKey, Rc<Font>>,
    forms: HashMap<ObjectId, Rc<[u8]>>,
    form_bytes: usize,
    fallback: Option<Rc<Font>>,
}

#[derive(Debug)]
enum Operand<'a> {
    Num(f32),
    Name(&'a [u8]),
    Str(Vec<u8>),
    Arr(Vec<Operand<'a>>),
    Other,
}

/// Most operands kept before an operator; more is garbage.
const MAX_OPERANDS: usize = 64;
/// Deepest array nesting kept in an operand.
const MAX_ARRAY_DEPTH: usize = 8;

pub struct Interpreter<'a, 'b> {
    doc: &'a Document,
    budget: &'b mut Budget,
    caches: &'b mut Caches,
    /// Glyphs outside this box (user space) are not on the page.
    page_box: Option<[f32; 4]>,
    out: PageContent,
    gs: GState,
    tm: Matrix,
    tlm: Matrix,
    active_forms: Vec<ObjectId>,
}

impl<'a, 'b> Interpreter<'a, 'b> {
    pub fn new(doc: &'a Document, budget: &'b mut Budget, caches: &'b mut Caches, page_box: Option<[f32; 4]>) -> Self {
        Self {
            doc,
            budget,
            caches,
            page_box,
            out: PageContent::default(),
            gs: GState::default(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            active_forms: Vec::new(),
        }
    }

    /// Runs a page's content. On a stop, what was shown so far is returned with it.
    pub fn run_page(mut self, content: &[u8], resources: Option<&'a Dictionary>) -> (PageContent, Option<Stop>) {
        let stop = self.run(content, resources, 0).err();
        (self.out, stop)
    }

    fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>, depth: usize) -> Result<(), Stop> {
        let mut lx = Lexer::new(content);
        let mut operands: Vec<Operand<'_>> = Vec::with_capacity(8);
        let mut stack: Vec<GState> = Vec::new();
        let mut overflow = 0usize;
        while let Some(tok) = lx.next_tok() {
            self.budget.tick()?;
            let operand = match tok {
                Tok::Num(n) => Operand::Num(n),
                Tok::Name(n) => Operand::Name(n),
                Tok::Str(s) => Operand::Str(s),
                Tok::ArrOpen => Operand::Arr(self.array(&mut lx, 0)?),
                Tok::DictOpen => {
                    self.skip_dict(&mut lx)?;
                    Operand::Other
                }
                Tok::ArrClose | Tok::DictClose => continue,
                Tok::Op(op) => {
                    match op {
                        b"q" => {
                            if stack.len() < MAX_GSTATE_DEPTH {
                                stack.push(self.gs.clone());
                            } else {
                                overflow += 1;
                            }
                        }
                        b"Q" => {
                            if overflow > 0 {
                                overflow -= 1;
                            } else if let Some(gs) = stack.pop() {
                                self.gs = gs;
                            }
                        }
                        b"BI" => {
                            // Inline image: its dictionary, `ID`, binary data, `EI`.
                            while let Some(t) = lx.next_tok() {
                                self.budget.tick()?;
                                if t == Tok::Op(b"ID") {
                                    lx.skip_inline_image();
                                    break;
                                }
                            }
                            self.out.images += 1;
                        }
                        b"Do" => {
                            if let Some(Operand::Name(n)) = operands.last() {
                                let name = decode_name(n).into_owned();
                                self.do_xobject(&name, resources, depth)?;
                            }
                        }
                        _ => self.operator(op, &operands, resources)?,
                    }
                    operands.clear();
                    continue;
                }
            };
            if operands.len() >= MAX_OPERANDS {
                operands.clear();
            }
            operands.push(operand);
        }
        Ok(())
    }

    fn array<'c>(&mut self, lx: &mut Lexer<'c>, depth: usize) -> Result<Vec<Operand<'c>>, Stop> {
        let mut items = Vec::new();
        while let Some(tok) = lx.next_tok() {
            self.budget.tick()?;
            match tok {
                Tok::ArrClose => break,
                Tok::Num(n) => items.push(Operand::Num(n)),
                Tok::Str(s) => items.push(Operand::Str(s)),
                Tok::Name(n) => items.push(Operand::Name(n)),
                Tok::ArrOpen if depth < MAX_ARRAY_DEPTH => {
                    items.push(Operand::Arr(self.array(lx, depth + 1)?));
                }
                Tok::ArrOpen => {
                    // Too deep: skip the nested array, counting brackets without recursing.
                    let mut open = 1usize;
                    while open > 0 {
                        self.budget.tick()?;
                        match lx.next_tok() {
                            Some(Tok::ArrOpen) => open += 1,
                            Some(Tok::ArrClose) => open -= 1,
                            Some(_) => {}
                            None => break,
                        }
                    }
                }
                Tok::DictOpen => {
                    self.skip_dict(lx)?;
                    items.push(Operand::Other);
                }
                // An operator inside an array means the array was never closed.
                Tok::Op(_) | Tok::DictClose => break,
            }
        }
        Ok(items)
    }

    fn skip_dict(&mut self, lx: &mut Lexer<'_>) -> Result<(), Stop> {
        let mut open = 1usize;
        while open > 0 {
            self.budget.tick()?;
            match lx.next_tok() {
                Some(Tok::DictOpen) => open += 1,
                Some(Tok::DictClose) => open -= 1,
                Some(_) => {}
                None => break,
            }
        }
        Ok(())
    }

    fn operator(&mut self, op: &[u8], operands: &[Operand<'_>], resources: Option<&'a Dictionary>) -> Result<(), Stop> {
        let nums = || -> Vec<f32> {
            operands
                .iter()
                .filter_map(|o| match o {
                    Operand::Num(n) => Some(*n),
                    _ => None,
                })
                .collect()
        };
        let last_num = || match operands.last() {
            Some(Operand::Num(n)) => Some(*n),
            _ => None,
        };
        match op {
            b"cm" => {
                if let Some(m) = Matrix::from_operands(&nums()) {
                    let ctm = m.then(&self.gs.ctm);
                    if ctm.is_finite() {
                        self.gs.ctm = ctm;
                    }
                }
            }
            b"BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            b"Tf" => {
                if let [.., Operand::Name(name), Operand::Num(size)] = operands {
                    self.gs.size = *size;
                    let name = decode_name(name).into_owned();
                    self.gs.font = self.font(&name, resources)?;
                } else if let Some(size) = last_num() {
                    self.gs.size = size;
                }
            }
            b"Tc" => self.gs.char_spacing = last_num().unwrap_or(0.0),
            b"Tw" => self.gs.word_spacing = last_num().unwrap_or(0.0),
            b"Tz" => self.gs.hscale = last_num().unwrap_or(100.0) / 100.0,
            b"TL" => self.gs.leading = last_num().unwrap_or(0.0),
            b"Ts" => self.gs.rise = last_num().unwrap_or(0.0),
            b"Td" | b"TD" => {
                if let [.., tx, ty] = nums()[..] {
                    if op == b"TD" {
                        self.gs.leading = -ty;
                    }
                    self.tlm.translate(tx, ty);
                    self.tm = self.tlm;
                }
            }
            b"Tm" => {
                if let Some(m) = Matrix::from_operands(&nums())
                    && m.is_finite()
                {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            b"T*" => self.next_line(),
            b"Tj" => {
                if let Some(Operand::Str(s)) = operands.last() {
                    self.show(s)?;
                }
            }
            b"'" => {
                self.next_line();
                if let Some(Operand::Str(s)) = operands.last() {
                    self.show(s)?;
                }
            }
            b"\"" => {
                if let [Operand::Num(aw), Operand::Num(ac), Operand::Str(s)] = operands {
                    self.gs.word_spacing = *aw;
                    self.gs.char_spacing = *ac;
                    self.next_line();
                    self.show(s)?;
                }
            }
            b"TJ" => {
                if let Some(Operand::Arr(items)) = operands.last() {
                    for item in items {
                        match item {
                            Operand::Str(s) => self.show(s)?,
                            Operand::Num(n) => self.kern(*n),
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn next_line(&mut self) {
        self.tlm.translate(0.0, -self.gs.leading);
        self.tm = self.tlm;
    }

    /// A number in a TJ array: moves the text position back by thousandths of an em.
    fn kern(&mut self, n: f32) {
        let shift = -n / 1000.0 * self.gs.size;
        match &self.gs.font {
            Some(f) if f.vertical => self.tm.translate(0.0, shift),
            _ => self.tm.translate(shift * self.gs.hscale, 0.0),
        }
    }

    fn font(&mut self, name: &[u8], resources: Option<&'a Dictionary>) -> Result<Option<Rc<Font>>, Stop> {
        let doc = self.doc;
        let Some(fonts) = resources.and_then(|r| get_dict(doc, r, b"Font")) else {
            return Ok(None);
        };
        let Ok(entry) = fonts.get(name) else {
            return Ok(None);
        };
        let key = match entry {
            Object::Reference(id) => FontKey::Object(*id),
            Object::Dictionary(d) => FontKey::Inline(d as *const Dictionary as usize),
            _ => return Ok(None),
        };
        if let Some(f) = self.caches.fonts.get(&key) {
            return Ok(Some(f.clone()));
        }
        let Some(dict) = objects::as_dict(doc, entry) else {
            return Ok(None);
        };
        let font = Rc::new(Font::load(doc, dict, self.budget)?);
        self.caches.fonts.insert(key, font.clone());
        Ok(Some(font))
    }

    fn fallback_font(&mut self) -> Rc<Font> {
        self.caches.fallback.get_or_insert_with(|| Rc::new(Font::fallback())).clone()
    }

    /// Shows a string: one glyph per character code.
    fn show(&mut self, bytes: &[u8]) -> Result<(), Stop> {
        let font = match &self.gs.font {
            Some(f) => f.clone(),
            None => self.fallback_font(),
        };
        let gs = &self.gs;
        let (fs, th) = (gs.size, gs.hscale);
        let mut rest = bytes;
        while !rest.is_empty() {
            self.budget.tick()?;
            let (code, n) = font.next_code(rest);
            rest = &rest[n.min(rest.len())..];
            let m = self.tm.then(&self.gs.ctm);
            let word_space = if n == 1 && code == 32 { self.gs.word_spacing } else { 0.0 };
            let w = font.width(code);
            let (origin_x, origin_y) = m.apply(0.0, self.gs.rise);
            // Device-space direction of the advance and of "up".
            let (adv, dir_x, dir_y) = if font.vertical {
                let adv = fs + self.gs.char_spacing + word_space;
                (adv, -m.c, -m.d)
            } else {
                let adv = (w * fs + self.gs.char_spacing + word_space) * th;
                (adv, m.a, m.b)
            };
            let up_len = (m.c * m.c + m.d * m.d).sqrt();
            let along_len = (dir_x * dir_x + dir_y * dir_y).sqrt();
            self.emit(
                &font,
                code,
                n,
                origin_x,
                origin_y,
                (dir_x, dir_y),
                adv * along_len,
                fs.abs() * up_len * font.size_scale,
            )?;
            if font.vertical {
                self.tm.translate(0.0, -adv);
            } else {
                self.tm.translate(adv, 0.0);
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        font: &Font,
        code: u32,
        code_len: usize,
        ox: f32,
        oy: f32,
        dir_vec: (f32, f32),
        adv: f32,
        size: f32,
    ) -> Result<(), Stop> {
        if !(ox.is_finite() && oy.is_finite() && adv.is_finite() && size.is_finite()) {
            return Ok(());
        }
        if let Some([x0, y0, x1, y1]) = self.page_box {
            const SLACK: f32 = 1.0;
            if ox < x0 - SLACK || ox > x1 + SLACK || oy < y0 - SLACK || oy > y1 + SLACK {
                return Ok(());
            }
        }
        if self.out.glyphs.len() >= MAX_PAGE_GLYPHS {
            return Err(Stop::TooLarge(format!("the page shows more than {MAX_PAGE_GLYPHS} glyphs")));
        }
        if self.out.chars.len() >= MAX_PAGE_TEXT {
            return Err(Stop::TooLarge(format!("the page has more than {MAX_PAGE_TEXT} bytes of text")));
        }
        let start = self.out.chars.len();
        font.text(code, &mut self.out.chars);
        let text = &self.out.chars[start..];
        let space = if text.is_empty() { code_len == 1 && code == 32 } else { text.chars().all(char::is_whitespace) };
        if space {
            self.out.chars.truncate(start);
        } else if text.is_empty() {
            // A glyph without text (an unmapped code, often a space glyph under another
            // name) is left out, so that its advance reads as a gap.
            return Ok(());
        }
        let angle = dir_vec.1.atan2(dir_vec.0);
        let dir = ((angle / std::f32::consts::FRAC_PI_2).round() as i32).rem_euclid(4) as u8;
        let (x, y) = match dir {
            0 => (ox, oy),
            1 => (oy, -ox),
            2 => (-ox, -oy),
            _ => (-oy, ox),
        };
        self.out.glyphs.push(Glyph {
            x,
            y,
            adv,
            size,
            dir,
            start: start as u32,
            len: (self.out.chars.len() - start) as u32,
            space,
        });
        Ok(())
    }

    fn do_xobject(&mut self, name: &[u8], resources: Option<&'a Dictionary>, depth: usize) -> Result<(), Stop> {
        let doc = self.doc;
        let Some(xobjects) = resources.and_then(|r| get_dict(doc, r, b"XObject")) else {
            return Ok(());
        };
        let Ok(entry) = xobjects.get(name) else {
            return Ok(());
        };
        let id = entry.as_reference().ok();
        let Some(Object::Stream(stream)) = objects::resolve(doc, entry) else {
            return Ok(());
        };
        match objects::get_name(doc, &stream.dict, b"Subtype") {
            Some(b"Image") => {
                self.out.images += 1;
                return Ok(());
            }
            Some(b"Form") => {}
            _ => return Ok(()),
        }
        let Some(id) = id else { return Ok(()) };
        if depth + 1 >= MAX_FORM_DEPTH.min(self.budget.max_depth) || self.active_forms.contains(&id) {
            return Ok(());
        }
        let content = match self.caches.forms.get(&id) {
            Some(c) => c.clone(),
            None => {
                let Ok(bytes) = objects::stream_bytes(stream, self.budget.max_stream) else {
                    return Ok(());
                };
                let bytes: Rc<[u8]> = bytes.into();
                // Forms are cached while the cache stays within one stream's size limit.
                if self.caches.form_bytes + bytes.len() <= self.budget.max_stream {
                    self.caches.form_bytes += bytes.len();
                    self.caches.forms.insert(id, bytes.clone());
                }
                bytes
            }
        };
        let matrix = objects::get_array(doc, &stream.dict, b"Matrix")
            .map(|a| a.iter().filter_map(|o| objects::number(doc, o)).collect::<Vec<_>>())
            .and_then(|v| Matrix::from_operands(&v))
            .filter(Matrix::is_finite)
            .unwrap_or(Matrix::IDENTITY);
        let form_resources = get_dict(doc, &stream.dict, b"Resources").or(resources);
        let saved = (self.gs.clone(), self.tm, self.tlm);
        self.gs.ctm = matrix.then(&self.gs.ctm);
        self.active_forms.push(id);
        let result = self.run(&content, form_resources, depth + 1);
        self.active_forms.pop();
        (self.gs, self.tm, self.tlm) = saved;
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Limits;
    use lopdf::{Stream, dictionary};
    use std::time::Instant;

    fn run(doc: &Document, content: &[u8], resources: Option<&Dictionary>) -> (PageContent, Option<Stop>) {
        let mut budget = Budget::new(&Limits::default(), Instant::now(), 1.0);
        let mut caches = Caches::default();
        let interp = Interpreter::new(doc, &mut budget, &mut caches, Some([0.0, 0.0, 612.0, 792.0]));
        interp.run_page(content, resources)
    }

    fn helv() -> Dictionary {
        dictionary! {"F1" => dictionary!{"Type" => "Font", "Subtype" => "Type1",
        "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding"}}
    }

    #[test]
    fn positions_follow_widths_and_kerning() {
        let doc = Document::new();
        let res = dictionary! {"Font" => helv()};
        let (page, stop) = run(&doc, b"BT /F1 10 Tf 100 700 Td (AB) Tj [(C) -500 (D)] TJ ET", Some(&res));
        assert!(stop.is_none());
        let g = &page.glyphs;
        assert_eq!(g.len(), 4);
        assert_eq!(page.chars, "ABCD");
        assert!((g[0].x - 100.0).abs() < 1e-3 && (g[0].y - 700.0).abs() < 1e-3);
        // A is 667 thousandths wide.
        assert!((g[1].x - 106.67).abs() < 1e-2);
        // C at 100 + 6.67 + 6.67; D after C (7.22) and a 5-unit kern.
        assert!((g[3].x - (113.34 + 7.22 + 5.0)).abs() < 1e-2);
        assert!((g[0].size - 10.0).abs() < 1e-3);
    }

    #[test]
    fn matrices_rotation_and_graphics_state() {
        let doc = Document::new();
        let res = dictionary! {"Font" => helv()};
        let (page, _) = run(
            &doc,
            b"q 2 0 0 2 0 0 cm BT /F1 5 Tf 10 10 Td (A) Tj ET Q BT /F1 10 Tf 0 1 -1 0 300 100 Tm (B) Tj ET",
            Some(&res),
        );
        let g = &page.glyphs;
        assert!((g[0].x - 20.0).abs() < 1e-3 && (g[0].size - 10.0).abs() < 1e-3);
        assert_eq!(g[1].dir, 1);
        // Rotated frame: x = user y, y = -user x.
        assert!((g[1].x - 100.0).abs() < 1e-3 && (g[1].y + 300.0).abs() < 1e-3);
    }

    #[test]
    fn spaces_leading_and_quote_operators() {
        let doc = Document::new();
        let res = dictionary! {"Font" => helv()};
        let (page, _) = run(&doc, b"BT /F1 10 Tf 14 TL 50 700 Td (a b) Tj (c) ' 3 1 (d) \" ET", Some(&res));
        let g = &page.glyphs;
        assert!(g[1].space && !g[0].space);
        assert_eq!(page.chars, "abcd");
        assert!((g[2].y - 700.0).abs() < 1e-3);
        assert!((g[3].y - 686.0).abs() < 1e-3);
        assert!((g[4].y - 672.0).abs() < 1e-3);
    }

    #[test]
    fn forms_recurse_with_limits_and_cycles() {
        let mut doc = Document::new();
        let form_id = doc.new_object_id();
        let res = dictionary! {"Font" => helv(), "XObject" => dictionary!{"X" => form_id}};
        let form = Stream::new(
            dictionary! {"Type" => "XObject", "Subtype" => "Form",
            "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 0.into(), 10.into()],
            "Resources" => res.clone()},
            b"BT /F1 10 Tf 100 100 Td (F) Tj ET /X Do".to_vec(),
        );
        doc.objects.insert(form_id, Object::Stream(form));
        let (page, stop) = run(&doc, b"/X Do /Missing Do", Some(&res));
        assert!(stop.is_none());
        assert_eq!(page.chars, "F");
        assert!((page.glyphs[0].y - 110.0).abs() < 1e-3);
    }

    #[test]
    fn off_page_text_is_dropped_and_garbage_survives() {
        let doc = Document::new();
        let res = dictionary! {"Font" => helv()};
        let (page, stop) = run(
            &doc,
            b"BT /F1 10 Tf -500 -500 Td (hidden) Tj ET ] >> } Tj TJ Tf cm 1 2 3 Do BT 50 50 Td (x) Tj BI /W 1 ID \x00\x01 EI Q Q Q",
            Some(&res),
        );
        assert!(stop.is_none());
        assert_eq!(page.chars, "x");
        assert_eq!(page.images, 1);
    }

    #[test]
    fn deep_arrays_do_not_recurse() {
        let doc = Document::new();
        let mut content = b"BT ".to_vec();
        content.extend(std::iter::repeat_n(b'[', 100_000));
        content.extend(std::iter::repeat_n(b']', 100_000));
        content.extend(b" TJ ET");
        let (_, stop) = run(&doc, &content, None);
        assert!(stop.is_none());
    }
}
