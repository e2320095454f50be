//! Text primitives: offset maps, normalisation, line index, script classes.

pub mod line_index;
pub mod normalize;
pub mod offset_map;
pub mod script;

pub use line_index::{LineCol, LineIndex};
pub use normalize::{Mark, MarkKind, Normalized, normalize, normalize_marked, normalize_str};
pub use offset_map::OffsetMap;
