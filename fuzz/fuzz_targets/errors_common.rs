//! Shared by the fuzz targets of data parsers: any input gives a value or an error, and an error
//! names the file it was given and a line of the text (or the one after its end).

use luxlint::rules::RuleError;

pub fn check<T>(file: &str, text: &str, result: Result<T, RuleError>) {
    if let Err(e) = result {
        assert_eq!(e.file, file);
        let lines = text.lines().count();
        assert!(e.line >= 1 && e.line <= lines + 1, "line {} of {lines}: {e}", e.line);
    }
}
