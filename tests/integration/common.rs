//! Helpers shared by the integration tests.

/// 1-based line and column (in characters) of a byte offset, computed independently of the
/// crate's own line index.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}
