//! The checklist item files embedded in the binary. A test checks that every file under
//! `rules/checklists/` is listed here.

use super::load::parse_item_file;
use super::model::Item;
use crate::rules::RuleError;

macro_rules! items {
    ($($name:literal),* $(,)?) => {
        &[$((concat!("rules/checklists/", $name, ".toml"), include_str!(concat!("../../rules/checklists/", $name, ".toml")))),*]
    };
}

/// `(path, contents)` of every checklist item file, in id order.
pub const ITEM_FILES: &[(&str, &str)] = items!("CL-01", "CL-07",);

/// Parses the embedded items; ids must be unique and in order.
pub fn load() -> Result<Vec<Item>, RuleError> {
    let mut items: Vec<Item> = Vec::with_capacity(ITEM_FILES.len());
    for (file, text) in ITEM_FILES {
        let item = parse_item_file(file, text)?;
        let expected = file.trim_start_matches("rules/checklists/").trim_end_matches(".toml");
        if item.id != expected {
            return Err(RuleError {
                file: file.to_string(),
                line: 1,
                message: format!("id {} does not match the file name", item.id),
            });
        }
        if let Some(prev) = items.last()
            && prev.id >= item.id
        {
            return Err(RuleError {
                file: file.to_string(),
                line: 1,
                message: format!("{} is listed after {}", item.id, prev.id),
            });
        }
        items.push(item);
    }
    Ok(items)
}
