//! PDF extraction tests (being written).
