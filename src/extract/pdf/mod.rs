//! PDF text extraction (being written).

use super::{Document, ErrorKind, ExtractError, Limits};

/// Extracts the text of a PDF, page by page.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Document, ExtractError> {
    Err(ExtractError::new(ErrorKind::UnsupportedFormat, "PDF input is not supported yet"))
}
