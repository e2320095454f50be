//! Rebuilding words, lines and reading order from glyph positions.
//!
//! 1. Glyphs are gathered, in stream order, into *chunks*: runs on one baseline with no gap
//!    wider than [`CHUNK_GAP`] em. Inside a chunk a space is written where the stream shows a
//!    space glyph or leaves a gap wider than [`SPACE_GAP`] em (TJ-positioned words).
//! 2. Columns: a vertical gutter that no narrow chunk crosses, with a real column of text on
//!    each side, splits a region; chunks that cross it (titles, full-width paragraphs) are
//!    separators, and the bands between them are read left column, then right column.
//!    Regions are split again for three or more columns.
//! 3. In each column, chunks whose vertical extents overlap form a line (superscripts stay
//!    on their line); lines are read top to bottom, chunks left to right.
//!
//! Text set in other directions (rotated margins) is laid out the same way in its own frame,
//! after the page's main direction.

use std::collections::HashMap;

use super::content::{Glyph, PageContent};
use super::limits::{Budget, Stop};

/// A gap wider than this (in em) between two glyphs is a space.
pub const SPACE_GAP: f32 = 0.15;
/// A rise larger than this (in em) to a smaller glyph, or back, is a space.
const RISE: f32 = 0.12;
/// A gap wider than this (in em) ends a chunk.
pub const CHUNK_GAP: f32 = 1.0;
/// Chunks wider than this share of a region's width span it and cannot sit in a column.
const WIDE: f32 = 0.55;
/// Chunks whose baselines differ by at most this (in em of the larger) share a line.
const BASELINE: f32 = 0.4;
/// Gutters tried per region, widest first.
const MAX_GUTTER_CANDIDATES: usize = 8;
/// Regions with more chunks than this are not searched for columns (no page of prose has
/// that many; it bounds the work a hostile page can cause).
const MAX_COLUMN_CHUNKS: usize = 50_000;
/// Deepest column recursion.
const MAX_COLUMN_DEPTH: usize = 4;

#[derive(Debug, Clone)]
struct Chunk {
    x0: f32,
    x1: f32,
    /// Baseline of the chunk's largest glyph.
    y: f32,
    size: f32,
    text: String,
    /// A space glyph came right before / after the chunk.
    lead_space: bool,
    trail_space: bool,
}

impl Chunk {
    fn top(&self) -> f32 {
        self.y + 0.75 * self.size
    }
    fn bottom(&self) -> f32 {
        self.y - 0.25 * self.size
    }
}

/// The lines of a page, in reading order.
pub fn page_lines(page: &PageContent, budget: &mut Budget) -> Result<Vec<String>, Stop> {
    let mut by_dir: [Vec<usize>; 4] = Default::default();
    for (i, g) in page.glyphs.iter().enumerate() {
        by_dir[usize::from(g.dir & 3)].push(i);
    }
    let mut dirs: Vec<usize> = (0..4).filter(|&d| !by_dir[d].is_empty()).collect();
    // The main direction first; ties keep the upright one first.
    dirs.sort_by_key(|&d| std::cmp::Reverse(by_dir[d].len()));
    let mut lines = Vec::new();
    for d in dirs {
        let chunks = chunks(page, &by_dir[d], budget)?;
        let all: Vec<usize> = (0..chunks.len()).collect();
        let mut order = Vec::new();
        match line_numbers(&chunks, &all) {
            // Margin line numbers are read as a block of their own, as pdftotext does, so
            // that a word hyphenated at a line end meets its other half on the next line.
            Some((numbers, body, left)) => {
                if left {
                    order.extend(make_lines(&chunks, numbers));
                    reading_order(&chunks, body, 0, &mut order, budget)?;
                } else {
                    reading_order(&chunks, body, 0, &mut order, budget)?;
                    order.extend(make_lines(&chunks, numbers));
                }
            }
            None => reading_order(&chunks, all, 0, &mut order, budget)?,
        }
        for line in order {
            let text = join_line(&chunks, &line);
            if !text.is_empty() {
                lines.push(text);
            }
        }
    }
    Ok(lines)
}

fn chunks(page: &PageContent, indices: &[usize], budget: &mut Budget) -> Result<Vec<Chunk>, Stop> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut cur: Option<Chunk> = None;
    // End of the last glyph (spaces included), and the last non-space glyph.
    let mut cursor = 0.0f32;
    let mut last: Option<&Glyph> = None;
    let mut pending_space = false;
    for &i in indices {
        budget.tick()?;
        let g = &page.glyphs[i];
        if g.space {
            pending_space = true;
            if cur.is_some() {
                cursor = cursor.max(g.x + g.adv);
            }
            continue;
        }
        let text = page.text_of(g);
        let size = g.size.max(0.1);
        if let (Some(c), Some(p)) = (cur.as_mut(), last) {
            let em = size.max(p.size);
            let gap = g.x - cursor;
            let same_line = (g.y - c.y).abs() <= 0.5 * em;
            if same_line && gap >= -0.5 * em && gap <= CHUNK_GAP * em {
                let duplicate = text == page.text_of(p) && (g.x - p.x).abs() < 0.1 * em && (g.y - p.y).abs() < 0.2 * em;
                if !duplicate {
                    // A footnote mark (a raised, smaller number or symbol) is a word of its
                    // own: "pornography⁵" must not hide "pornography" from the matcher.
                    let raised = |hi: &Glyph, lo: &Glyph| {
                        hi.y - lo.y > RISE * em
                            && hi.size < 0.9 * lo.size
                            && page.text_of(hi).starts_with(|c: char| c.is_ascii_digit() || "*†‡§¹²³".contains(c))
                    };
                    let shifted = raised(g, p) || raised(p, g);
                    if (pending_space || shifted || gap > SPACE_GAP * em) && !c.text.ends_with(' ') {
                        c.text.push(' ');
                    }
                    c.text.push_str(text);
                    c.x1 = c.x1.max(g.x + g.adv.max(0.0));
                    c.x0 = c.x0.min(g.x);
                    if size > c.size {
                        c.size = size;
                        c.y = g.y;
                    }
                }
                cursor = g.x + g.adv;
                last = Some(g);
                pending_space = false;
                continue;
            }
        }
        // The glyph starts a new chunk; the current one is done.
        if let Some(mut done) = cur.take() {
            done.trail_space = pending_space;
            if !done.text.is_empty() {
                out.push(done);
            }
        }
        cur = Some(Chunk {
            x0: g.x,
            x1: g.x + g.adv.max(0.0),
            y: g.y,
            size,
            text: text.to_string(),
            lead_space: pending_space,
            trail_space: false,
        });
        cursor = g.x + g.adv;
        last = Some(g);
        pending_space = false;
    }
    if let Some(mut c) = cur {
        c.trail_space = pending_space;
        if !c.text.is_empty() {
            out.push(c);
        }
    }
    Ok(out)
}

/// Appends the lines of `idx` (chunk indices) to `out`, each line a list of chunk indices.
fn reading_order(
    chunks: &[Chunk],
    idx: Vec<usize>,
    depth: usize,
    out: &mut Vec<Vec<usize>>,
    budget: &mut Budget,
) -> Result<(), Stop> {
    budget.check()?;
    let split = if depth < MAX_COLUMN_DEPTH && (6..=MAX_COLUMN_CHUNKS).contains(&idx.len()) {
        find_columns(chunks, &idx)
    } else {
        None
    };
    let Some(Split { left, right, spanning }) = split else {
        out.extend(make_lines(chunks, idx));
        return Ok(());
    };
    // Separator lines cut the columns into bands, read top to bottom.
    let separators = make_lines(chunks, spanning);
    let sep_y: Vec<f32> = separators.iter().map(|l| l.iter().map(|&i| chunks[i].y).fold(f32::MIN, f32::max)).collect();
    let band_of = |c: &Chunk| sep_y.iter().filter(|&&y| y > c.y).count();
    let mut left_bands: Vec<Vec<usize>> = vec![Vec::new(); separators.len() + 1];
    let mut right_bands = left_bands.clone();
    for i in left {
        left_bands[band_of(&chunks[i])].push(i);
    }
    for i in right {
        right_bands[band_of(&chunks[i])].push(i);
    }
    let mut separators = separators.into_iter();
    for (l, r) in left_bands.into_iter().zip(right_bands) {
        if !l.is_empty() {
            reading_order(chunks, l, depth + 1, out, budget)?;
        }
        if !r.is_empty() {
            reading_order(chunks, r, depth + 1, out, budget)?;
        }
        if let Some(sep) = separators.next() {
            out.push(sep);
        }
    }
    Ok(())
}

/// Line numbers in a margin (as in bills and some books): at least five number-only chunks,
/// aligned, counting up from top to bottom, beside the text. Returns them, the other chunks,
/// and whether they are in the left margin.
fn line_numbers(chunks: &[Chunk], idx: &[usize]) -> Option<(Vec<usize>, Vec<usize>, bool)> {
    let is_number = |c: &Chunk| c.text.len() <= 4 && c.text.bytes().all(|b| b.is_ascii_digit());
    let numeric: Vec<usize> = idx.iter().copied().filter(|&i| is_number(&chunks[i])).collect();
    if numeric.len() < 5 {
        return None;
    }
    // Numbers right-aligned (left margin) or left-aligned (right margin), within a unit.
    let mut best: Vec<usize> = Vec::new();
    for edge in [true, false] {
        let key = |i: usize| {
            let c = &chunks[i];
            (if edge { c.x1 } else { c.x0 }).round() as i64
        };
        let mut counts: HashMap<i64, usize> = HashMap::new();
        for &i in &numeric {
            *counts.entry(key(i)).or_default() += 1;
        }
        let around = |k: i64| (k - 1..=k + 1).map(|j| counts.get(&j).copied().unwrap_or(0)).sum::<usize>();
        if let Some(k) = counts.keys().copied().max_by_key(|&k| (around(k), std::cmp::Reverse(k)))
            && around(k) > best.len()
        {
            best = numeric.iter().copied().filter(|&i| (key(i) - k).abs() <= 1).collect();
        }
    }
    if best.len() < 5 {
        return None;
    }
    best.sort_by(|&a, &b| chunks[b].y.total_cmp(&chunks[a].y));
    let values: Vec<u32> = best.iter().map(|&i| chunks[i].text.parse().unwrap_or(0)).collect();
    let pairs = values.len() - 1;
    let rising = values.windows(2).filter(|w| w[1] > w[0]).count();
    let steps = values.windows(2).filter(|w| w[1] == w[0] + 1).count();
    if rising * 10 < pairs * 9 || steps * 2 < pairs {
        return None;
    }
    let body: Vec<usize> = idx.iter().copied().filter(|i| !best.contains(i)).collect();
    if body.is_empty() {
        return None;
    }
    let numbers_x1 = best.iter().map(|&i| chunks[i].x1).fold(f32::MIN, f32::max);
    let numbers_x0 = best.iter().map(|&i| chunks[i].x0).fold(f32::MAX, f32::min);
    let body_x0 = median(body.iter().map(|&i| chunks[i].x0).collect());
    let body_x1 = median(body.iter().map(|&i| chunks[i].x1).collect());
    if numbers_x1 <= body_x0 {
        Some((best, body, true))
    } else if numbers_x0 >= body_x1 {
        Some((best, body, false))
    } else {
        None
    }
}

struct Split {
    left: Vec<usize>,
    right: Vec<usize>,
    spanning: Vec<usize>,
}

fn median(mut v: Vec<f32>) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    let mid = v.len() / 2;
    v.select_nth_unstable_by(mid, f32::total_cmp);
    v[mid]
}

/// Finds a vertical gutter splitting `idx` into two columns.
fn find_columns(chunks: &[Chunk], idx: &[usize]) -> Option<Split> {
    let x_min = idx.iter().map(|&i| chunks[i].x0).fold(f32::MAX, f32::min);
    let x_max = idx.iter().map(|&i| chunks[i].x1).fold(f32::MIN, f32::max);
    let width = x_max - x_min;
    if !(width.is_finite() && width > 1.0) {
        return None;
    }
    let em = median(idx.iter().map(|&i| chunks[i].size).collect()).max(1.0);
    // Coverage of the region's width by narrow chunks, in bins of about one unit.
    let bins = (width.ceil() as usize).clamp(16, 4096);
    let scale = bins as f32 / width;
    let mut diff = vec![0i32; bins + 1];
    let mut narrow = 0usize;
    for &i in idx {
        let c = &chunks[i];
        if c.x1 - c.x0 > WIDE * width {
            continue;
        }
        narrow += 1;
        let a = (((c.x0 - x_min) * scale).floor().max(0.0) as usize).min(bins);
        let b = (((c.x1 - x_min) * scale).ceil().max(0.0) as usize).min(bins);
        diff[a] += 1;
        diff[b] -= 1;
    }
    if narrow < 6 {
        return None;
    }
    // A few narrow chunks may cross a gutter (centred title lines, a page number): they
    // become separators. Runs of bins crossed by at most that many are candidates, narrowed
    // to their least-crossed part so that ragged line ends stay in their column.
    let allowed = (narrow / 8).max(2) as i32;
    let mut cov = Vec::with_capacity(bins);
    let mut c = 0i32;
    for d in diff.iter().take(bins) {
        c += d;
        cov.push(c);
    }
    let mut runs = Vec::new();
    let mut b = 0;
    while b < bins {
        if cov[b] > allowed {
            b += 1;
            continue;
        }
        let start = b;
        while b < bins && cov[b] <= allowed {
            b += 1;
        }
        // The widest stretch crossed by at most one chunk more than the least crossed bin
        // (a page number set in the gutter does not cut it in two).
        let least = cov[start..b].iter().copied().min().unwrap_or(0);
        let (mut best_s, mut best_e, mut k) = (start, start, start);
        while k < b {
            if cov[k] > least + 1 {
                k += 1;
                continue;
            }
            let s = k;
            while k < b && cov[k] <= least + 1 {
                k += 1;
            }
            if k - s > best_e - best_s {
                (best_s, best_e) = (s, k);
            }
        }
        runs.push((best_s, best_e));
    }
    // The widest candidates only: each costs a pass over the chunks.
    runs.sort_by_key(|&(s, e)| std::cmp::Reverse(e - s));
    runs.truncate(MAX_GUTTER_CANDIDATES);
    let mut best: Option<(usize, Split)> = None;
    for (s, e) in runs {
        let g0 = x_min + s as f32 / scale;
        let g1 = x_min + e as f32 / scale;
        let centre = (g0 + g1) / 2.0;
        if g1 - g0 < 0.7 * em || centre < x_min + 0.15 * width || centre > x_max - 0.15 * width {
            continue;
        }
        if let Some(split) = classify(chunks, idx, g0, g1, em) {
            let score = split.left.len().min(split.right.len());
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, split));
            }
        }
    }
    best.map(|(_, s)| s)
}

/// Sorts chunks to the left, right or across a gutter `[g0, g1]`; `None` unless both sides
/// hold a column of text, side by side.
fn classify(chunks: &[Chunk], idx: &[usize], g0: f32, g1: f32, em: f32) -> Option<Split> {
    const EPS: f32 = 0.5;
    let mut left = Vec::new();
    let mut right = Vec::new();
    let mut spanning = Vec::new();
    for &i in idx {
        // A line of the left column may end inside the gutter (ragged right), and one of the
        // right column start in it; what crosses it, or sits inside it, spans.
        let c = &chunks[i];
        if c.x0 < g0 && c.x1 <= g1 + EPS {
            left.push(i);
        } else if c.x1 > g1 && c.x0 >= g0 - EPS {
            right.push(i);
        } else {
            spanning.push(i);
        }
    }
    // A header or footer above or below both columns, set apart from its side, spans.
    detach_ends(chunks, &mut left, &right, &mut spanning, em);
    detach_ends(chunks, &mut right, &left, &mut spanning, em);
    // Chunks on a separator's line belong to that line.
    if !spanning.is_empty() {
        let mut bands: Vec<(f32, f32)> = spanning.iter().map(|&i| (chunks[i].bottom(), chunks[i].top())).collect();
        bands.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(f32, f32)> = Vec::with_capacity(bands.len());
        for (b, t) in bands {
            match merged.last_mut() {
                Some(last) if b <= last.1 => last.1 = last.1.max(t),
                _ => merged.push((b, t)),
            }
        }
        let on_separator = |i: &usize| {
            let (b, t) = (chunks[*i].bottom(), chunks[*i].top());
            let first = merged.partition_point(|s| s.1 <= b);
            let covered: f32 = merged[first..].iter().take_while(|s| s.0 < t).map(|s| overlap(b, t, s.0, s.1)).sum();
            covered >= 0.5 * (t - b)
        };
        let (moved_l, kept_l): (Vec<usize>, Vec<usize>) = left.into_iter().partition(on_separator);
        let (moved_r, kept_r): (Vec<usize>, Vec<usize>) = right.into_iter().partition(on_separator);
        left = kept_l;
        right = kept_r;
        spanning.extend(moved_l);
        spanning.extend(moved_r);
    }
    let is_column = |side: &[usize]| {
        side.len() >= 3 && median(side.iter().map(|&i| chunks[i].x1 - chunks[i].x0).collect()) >= 3.0 * em
    };
    if !is_column(&left) || !is_column(&right) {
        return None;
    }
    let span = |side: &[usize]| {
        side.iter().fold((f32::MAX, f32::MIN), |(lo, hi), &i| (lo.min(chunks[i].bottom()), hi.max(chunks[i].top())))
    };
    let (l0, l1) = span(&left);
    let (r0, r1) = span(&right);
    if overlap(l0, l1, r0, r1) < em {
        return None;
    }
    Some(Split { left, right, spanning })
}

fn overlap(a0: f32, a1: f32, b0: f32, b1: f32) -> f32 {
    (a1.min(b1) - a0.max(b0)).max(0.0)
}

/// Moves from `side` to `spanning` the chunks at its top and bottom that lie beyond the
/// other side's text and are set apart from the rest of their side by a wide gap.
fn detach_ends(chunks: &[Chunk], side: &mut Vec<usize>, other: &[usize], spanning: &mut Vec<usize>, em: f32) {
    if side.len() < 2 || other.is_empty() {
        return;
    }
    let other_top = other.iter().map(|&i| chunks[i].y).fold(f32::MIN, f32::max);
    let other_bottom = other.iter().map(|&i| chunks[i].y).fold(f32::MAX, f32::min);
    side.sort_by(|&a, &b| chunks[b].y.total_cmp(&chunks[a].y));
    let mut top = 0;
    while top + 1 < side.len() {
        let (c, next) = (&chunks[side[top]], &chunks[side[top + 1]]);
        if c.y > other_top + 0.5 * em && c.y - next.y > 2.0 * em {
            top += 1;
        } else {
            break;
        }
    }
    let mut bottom = side.len();
    while bottom > top + 1 {
        let (c, prev) = (&chunks[side[bottom - 1]], &chunks[side[bottom - 2]]);
        if c.y < other_bottom - 0.5 * em && prev.y - c.y > 2.0 * em {
            bottom -= 1;
        } else {
            break;
        }
    }
    spanning.extend(side.drain(bottom..));
    spanning.extend(side.drain(..top));
}

/// Groups chunks into lines, top to bottom: a chunk joins a line whose baseline is within
/// [`BASELINE`] em of its own (superscripts and subscripts stay on their line).
fn make_lines(chunks: &[Chunk], mut idx: Vec<usize>) -> Vec<Vec<usize>> {
    idx.sort_by(|&a, &b| chunks[b].y.total_cmp(&chunks[a].y).then(chunks[a].x0.total_cmp(&chunks[b].x0)));
    // Per line: members, and the baseline and size of its largest chunk.
    let mut lines: Vec<(Vec<usize>, f32, f32)> = Vec::new();
    for i in idx {
        let c = &chunks[i];
        // Two chunks side by side can share a line; one above the other cannot (rows of a
        // small-print table next to larger text).
        let beside = |m: &usize| {
            let o = &chunks[*m];
            overlap(o.x0, o.x1, c.x0, c.x1) <= 0.1 * c.size.min(o.size) || (o.y - c.y).abs() < 0.1 * c.size.min(o.size)
        };
        // (Checked against a line's last few members: they are its nearest in reading order.)
        let found = lines.iter_mut().rev().take(4).find(|(members, y, size)| {
            (c.y - *y).abs() <= BASELINE * c.size.max(*size) && members.iter().rev().take(8).all(beside)
        });
        match found {
            Some((members, y, size)) => {
                members.push(i);
                if c.size > *size {
                    (*y, *size) = (c.y, c.size);
                }
            }
            None => lines.push((vec![i], c.y, c.size)),
        }
    }
    lines.into_iter().map(|(m, ..)| m).collect()
}

/// The text of one line: its chunks left to right, spaced by their gaps.
fn join_line(chunks: &[Chunk], members: &[usize]) -> String {
    let mut order: Vec<usize> = members.to_vec();
    order.sort_by(|&a, &b| chunks[a].x0.total_cmp(&chunks[b].x0));
    let mut text = String::new();
    let mut prev: Option<&Chunk> = None;
    for &i in &order {
        let c = &chunks[i];
        if let Some(p) = prev {
            let em = c.size.max(p.size);
            // The same text drawn again over itself (fake bold, shadows) is read once.
            if c.text == p.text && (c.x0 - p.x0).abs() < 0.3 * em {
                continue;
            }
            let gap = c.x0 - p.x1;
            if (gap > SPACE_GAP * em || p.trail_space || c.lead_space) && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        text.push_str(&c.text);
        prev = Some(c);
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Limits;
    use std::time::Instant;

    /// A page from `(x, y, size, text)` runs: each character a glyph of width 0.5 em.
    fn page(runs: &[(f32, f32, f32, &str)]) -> PageContent {
        let mut p = PageContent::default();
        for &(x, y, size, text) in runs {
            let mut x = x;
            for ch in text.chars() {
                let start = p.chars.len() as u32;
                let space = ch == ' ';
                if !space {
                    p.chars.push(ch);
                }
                p.glyphs.push(Glyph {
                    x,
                    y,
                    adv: 0.5 * size,
                    size,
                    dir: 0,
                    start,
                    len: p.chars.len() as u32 - start,
                    space,
                });
                x += 0.5 * size;
            }
        }
        p
    }

    fn lines(p: &PageContent) -> Vec<String> {
        let mut b = Budget::new(&Limits::default(), Instant::now(), 1.0);
        page_lines(p, &mut b).unwrap()
    }

    #[test]
    fn gaps_make_spaces_and_lines_sort_top_down() {
        // "world" is drawn first but sits lower; "Hello" and "there" are separated by a gap.
        let p = page(&[
            (72.0, 680.0, 10.0, "world"),
            (72.0, 700.0, 10.0, "Hello"),
            (72.0 + 25.0 + 2.5, 700.0, 10.0, "there"),
        ]);
        assert_eq!(lines(&p), vec!["Hello there", "world"]);
    }

    #[test]
    fn kerning_does_not_split_words() {
        let p = page(&[(72.0, 700.0, 10.0, "ab"), (72.0 + 10.0 + 0.8, 700.0, 10.0, "cd")]);
        assert_eq!(lines(&p), vec!["abcd"]);
    }

    #[test]
    fn superscripts_stay_on_their_line() {
        let p = page(&[
            (72.0, 700.0, 10.0, "note"),
            (92.0, 703.5, 6.0, "1"),
            (95.0, 700.0, 10.0, " here"),
            (72.0, 686.0, 10.0, "next"),
        ]);
        assert_eq!(lines(&p), vec!["note 1 here", "next"]);
    }

    #[test]
    fn two_columns_do_not_interleave() {
        let mut runs = vec![(150.0, 760.0, 14.0, "A Title Across Both Columns Here")];
        let left = ["left one is here", "left two is here", "left three is ok", "left four is fine"];
        let right = ["right one is here", "right two is here", "right three is ok", "right four fine"];
        for (k, (l, r)) in left.iter().zip(right).enumerate() {
            let y = 700.0 - 14.0 * k as f32;
            // Stream order interleaves the columns line by line.
            runs.push((72.0, y, 10.0, l));
            runs.push((320.0, y, 10.0, r));
        }
        runs.push((300.0, 40.0, 10.0, "7"));
        let p = page(&runs);
        let got = lines(&p);
        let mut want = vec!["A Title Across Both Columns Here"];
        want.extend(left);
        want.extend(right);
        want.push("7");
        assert_eq!(got, want);
    }

    #[test]
    fn one_column_with_margin_numbers_stays_one_column() {
        let mut runs = Vec::new();
        for k in 0..6 {
            let y = 700.0 - 14.0 * k as f32;
            runs.push((60.0, y, 10.0, ["1.", "", "2.", "", "3.", ""][k]));
            runs.push((100.0, y, 10.0, "a long line of body text that runs on"));
        }
        let p = page(&runs);
        let got = lines(&p);
        assert_eq!(got[0], "1. a long line of body text that runs on");
        assert_eq!(got[1], "a long line of body text that runs on");
        assert_eq!(got.len(), 6);
    }

    #[test]
    fn margin_line_numbers_are_a_block() {
        let mut runs = Vec::new();
        let words =
            ["the first line ends with porno-", "graphy and the text", "goes on here", "and on", "to the end", "of it"];
        for (k, w) in words.iter().enumerate() {
            let y = 700.0 - 14.0 * k as f32;
            let n = (k + 1).to_string();
            runs.push((60.0 - 5.0 * n.len() as f32, y, 10.0, Box::leak(n.into_boxed_str()) as &str));
            runs.push((100.0, y, 10.0, *w));
        }
        let got = lines(&page(&runs));
        assert_eq!(&got[..6], &["1", "2", "3", "4", "5", "6"]);
        assert_eq!(got[6], "the first line ends with porno-");
        assert_eq!(got[7], "graphy and the text");
    }

    #[test]
    fn rows_of_small_print_do_not_merge() {
        let p = page(&[
            (20.0, 436.0, 5.0, "16:30"),
            (20.0, 430.7, 5.0, "16:35"),
            (20.0, 425.4, 5.0, "16:40"),
            (60.0, 428.5, 8.0, "Outcry"),
        ]);
        assert_eq!(lines(&p), vec!["16:30", "16:35 Outcry", "16:40"]);
    }

    #[test]
    fn fake_bold_is_read_once() {
        let p = page(&[(72.0, 700.0, 10.0, "Bold"), (72.3, 700.0, 10.0, "Bold"), (72.0, 680.0, 10.0, "x")]);
        assert_eq!(lines(&p), vec!["Bold", "x"]);
    }

    #[test]
    fn rotated_text_comes_after_the_main_direction() {
        let mut p = page(&[(72.0, 700.0, 10.0, "main"), (72.0, 686.0, 10.0, "text")]);
        let start = p.chars.len() as u32;
        p.chars.push('R');
        p.glyphs.push(Glyph { x: 10.0, y: -20.0, adv: 5.0, size: 10.0, dir: 1, start, len: 1, space: false });
        assert_eq!(lines(&p), vec!["main", "text", "R"]);
    }
}
