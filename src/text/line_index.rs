//! Line starts of a document text, for turning byte offsets into 1-based line and column
//! numbers at report time. Columns count Unicode scalar values.

/// 1-based line and column of a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Byte offsets where each line starts. A line ends at `\n`; a `\r` before it belongs to
/// the line, so CRLF text counts lines as a reader does.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 60 + 1);
        starts.push(0);
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        Self { starts }
    }

    /// Index (0-based) of the line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Byte range of the 0-based line `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end.max(start)
    }

    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        LineCol { line: line + 1, column }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes.iter().enumerate().filter_map(|(i, &b)| (b == b'\n').then_some(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_chars() {
        let t = "ab\nçé child\r\nx";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_col(t, 0), LineCol { line: 1, column: 1 });
        let at = t.find("child").unwrap();
        assert_eq!(idx.line_col(t, at), LineCol { line: 2, column: 4 });
        assert_eq!(idx.line_col(t, t.len()), LineCol { line: 3, column: 2 });
        assert_eq!(&t[idx.line_range(t, 1)], "çé child");
    }
}
