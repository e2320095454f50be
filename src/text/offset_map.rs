//! Maps byte offsets of a transformed (normalised) text back to the text it came from.
//!
//! The map is a sorted list of segments. A *linear* segment copies bytes one for one (ASCII
//! case folding, a newline turned into a space, a multi-byte letter folded to another of the
//! same length); an *atomic* segment is one emitted unit whose length differs from its source
//! (`É` → `e`, `ﬁ` → `fi`, a non-breaking space → a space) and maps as a whole. Source bytes
//! that produced nothing (a collapsed run of spaces, a soft hyphen, a masked region) are simply
//! not covered by any segment, so a range that spans them maps to a source range that includes
//! them — which is what a reader expects to see quoted back.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// Start of the segment in the transformed text.
    out: u32,
    /// Start of the segment in the source text.
    src: u32,
    /// 0 for a linear segment; otherwise the source length of an atomic unit.
    atomic_src_len: u32,
}

/// Byte offsets of transformed text → byte offsets of the source text.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    segments: Vec<Segment>,
    out_len: u32,
}

impl OffsetMap {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(n: usize) -> Self {
        Self { segments: Vec::with_capacity(n), out_len: 0 }
    }

    /// Records that `out_len` output bytes at output offset `out` were copied one for one from
    /// source offset `src`. Calls must come in increasing output order.
    #[inline]
    pub fn push_linear(&mut self, out: usize, src: usize, out_len: usize) {
        if out_len == 0 {
            return;
        }
        let (out32, src32) = (out as u32, src as u32);
        if let Some(last) = self.segments.last()
            && last.atomic_src_len == 0
            && last.src + (out32 - last.out) == src32
        {
            // Contiguous with the previous linear segment: extend it implicitly.
        } else {
            self.segments.push(Segment { out: out32, src: src32, atomic_src_len: 0 });
        }
        self.out_len = out32 + out_len as u32;
    }

    /// Records one output unit of `out_len` bytes made from `src_len` source bytes. `aligned`
    /// says the unit is one character on both sides, so it may map linearly when the lengths
    /// agree; otherwise it maps as a whole (`ß` → `ss` has equal lengths but no byte of the
    /// output corresponds to the middle of the `ß`).
    #[inline]
    pub fn push_unit(&mut self, out: usize, out_len: usize, src: usize, src_len: usize, aligned: bool) {
        if out_len == src_len && aligned {
            self.push_linear(out, src, out_len);
        } else if out_len > 0 {
            self.segments.push(Segment { out: out as u32, src: src as u32, atomic_src_len: src_len as u32 });
            self.out_len = (out + out_len) as u32;
        }
    }

    /// Total length of the transformed text this map covers.
    pub fn out_len(&self) -> usize {
        self.out_len as usize
    }

    fn segment_containing(&self, out: u32) -> Option<&Segment> {
        let idx = self.segments.partition_point(|s| s.out <= out);
        idx.checked_sub(1).map(|i| &self.segments[i])
    }

    /// Source offset where the output byte at `out` starts.
    pub fn map_start(&self, out: usize) -> usize {
        let out = out as u32;
        match self.segment_containing(out) {
            Some(seg) if seg.atomic_src_len == 0 => (seg.src + (out - seg.out)) as usize,
            Some(seg) => seg.src as usize,
            None => 0,
        }
    }

    /// Source offset just past the output byte at `out - 1` (an exclusive end).
    pub fn map_end(&self, out: usize) -> usize {
        if out == 0 {
            return self.map_start(0);
        }
        let last = (out - 1) as u32;
        match self.segment_containing(last) {
            Some(seg) if seg.atomic_src_len == 0 => (seg.src + (last - seg.out) + 1) as usize,
            Some(seg) => (seg.src + seg.atomic_src_len) as usize,
            None => 0,
        }
    }

    /// Maps an output range to the smallest source range that produced it.
    pub fn map_range(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let s = self.map_start(range.start);
            return s..s;
        }
        self.map_start(range.start)..self.map_end(range.end)
    }

    /// Widens an output range so that it does not start or end inside an atomic unit (a match
    /// inside a compound can end in the middle of `ﬁ` → `fi`; the source holds only whole units).
    pub fn widen_to_units(&self, range: Range<usize>) -> Range<usize> {
        let unit = |pos: usize| -> Option<(u32, u32)> {
            let idx = self.segments.partition_point(|s| (s.out as usize) <= pos).checked_sub(1)?;
            let seg = &self.segments[idx];
            if seg.atomic_src_len == 0 || seg.out as usize == pos {
                return None;
            }
            let end = self.segments.get(idx + 1).map_or(self.out_len, |n| n.out);
            Some((seg.out, end))
        };
        let start = unit(range.start).map_or(range.start, |(s, _)| s as usize);
        let end = if range.end == 0 { 0 } else { unit(range.end).map_or(range.end, |(_, e)| e as usize) };
        start..end.max(start)
    }

    /// The output offset where source offset `src` lands: the first output byte made from
    /// source at or after `src` (for turning document positions, such as the start of a
    /// provision, into normalised positions).
    pub fn out_offset_of(&self, src: usize) -> usize {
        let src = src as u32;
        let idx = self.segments.partition_point(|s| s.src <= src);
        let Some(i) = idx.checked_sub(1) else { return 0 };
        let seg = &self.segments[i];
        let out_end = self.segments.get(i + 1).map_or(self.out_len, |n| n.out);
        let covered = if seg.atomic_src_len == 0 { out_end - seg.out } else { seg.atomic_src_len };
        if src < seg.src + covered {
            if seg.atomic_src_len == 0 { (seg.out + (src - seg.src)) as usize } else { seg.out as usize }
        } else {
            out_end as usize
        }
    }

    /// Composes two maps: `self` maps C → B and `inner` maps B → A; the result maps C → A.
    /// Used when a transformation runs on text that is itself the output of another.
    pub fn map_range_through(&self, inner: &OffsetMap, range: Range<usize>) -> Range<usize> {
        inner.map_range(self.map_range(range))
    }

    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_segments_merge_and_map() {
        let mut m = OffsetMap::new();
        m.push_linear(0, 0, 3);
        m.push_linear(3, 3, 2);
        assert_eq!(m.segment_count(), 1);
        assert_eq!(m.map_range(1..4), 1..4);
    }

    #[test]
    fn gap_in_source_is_included_in_mapped_range() {
        // "ab  cd" → "ab cd": the second space (src 3) is dropped.
        let mut m = OffsetMap::new();
        m.push_linear(0, 0, 3);
        m.push_linear(3, 4, 2);
        assert_eq!(m.map_range(0..5), 0..6);
        assert_eq!(m.map_range(3..5), 4..6);
        assert_eq!(m.map_range(0..2), 0..2);
    }

    #[test]
    fn source_offsets_map_forward() {
        // "ab  cd" → "ab cd"
        let mut m = OffsetMap::new();
        m.push_linear(0, 0, 3);
        m.push_linear(3, 4, 2);
        assert_eq!(m.out_offset_of(0), 0);
        assert_eq!(m.out_offset_of(2), 2);
        assert_eq!(m.out_offset_of(3), 3);
        assert_eq!(m.out_offset_of(4), 3);
        assert_eq!(m.out_offset_of(5), 4);
        assert_eq!(m.out_offset_of(6), 5);
    }

    #[test]
    fn ranges_widen_to_whole_units() {
        // "xﬁy" → "xfiy": ﬁ (3 bytes) is one atomic unit of 2 output bytes.
        let mut m = OffsetMap::new();
        m.push_linear(0, 0, 1);
        m.push_unit(1, 2, 1, 3, false);
        m.push_linear(3, 4, 1);
        assert_eq!(m.widen_to_units(0..2), 0..3);
        assert_eq!(m.widen_to_units(2..4), 1..4);
        assert_eq!(m.widen_to_units(0..1), 0..1);
    }

    #[test]
    fn atomic_units_map_whole() {
        // "É1" → "e1": É is two bytes in the source, one in the output.
        let mut m = OffsetMap::new();
        m.push_unit(0, 1, 0, 2, true);
        m.push_unit(1, 1, 2, 1, true);
        assert_eq!(m.map_range(0..1), 0..2);
        assert_eq!(m.map_range(0..2), 0..3);
        assert_eq!(m.map_range(1..2), 2..3);
    }
}
