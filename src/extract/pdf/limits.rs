//! The work budget of one PDF: a deadline checked inside every loop that a hostile file could
//! make long, and the sizes past which a stream, a page or a document is refused.

use std::time::{Duration, Instant};

use crate::extract::Limits;

/// Most text one page may produce, in bytes (a page of dense prose is ~10 KB).
pub const MAX_PAGE_TEXT: usize = 16 * 1024 * 1024;
/// Most text one document may produce, in bytes.
pub const MAX_DOC_TEXT: usize = 256 * 1024 * 1024;
/// Most glyphs one page may show, counting every Form XObject invocation.
pub const MAX_PAGE_GLYPHS: usize = 4 * 1024 * 1024;
/// Deepest nesting of Form XObjects (real files use 2 or 3).
pub const MAX_FORM_DEPTH: usize = 12;
/// Deepest `q` nesting kept; deeper saves are counted but not stored.
pub const MAX_GSTATE_DEPTH: usize = 256;

/// Why work stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// The per-file time limit was reached.
    Time,
    /// A size limit was reached; the message says which.
    TooLarge(String),
}

/// Deadline and size limits for one document.
#[derive(Debug, Clone)]
pub struct Budget {
    deadline: Instant,
    millis: u64,
    /// Largest decompressed stream, in bytes.
    pub max_stream: usize,
    /// Deepest nesting of objects and forms followed.
    pub max_depth: usize,
    /// Most objects a document may hold.
    pub max_objects: usize,
    ticks: u32,
}

impl Budget {
    /// A budget that ends `fraction` of the way through the per-file time limit, so that our
    /// own loops stop (and return what they have) before the caller gives up on the thread.
    pub fn new(limits: &Limits, start: Instant, fraction: f64) -> Self {
        let millis = limits.max_millis;
        let inner = Duration::from_millis(((millis as f64) * fraction) as u64);
        Self {
            deadline: start.checked_add(inner).unwrap_or(start + Duration::from_secs(86_400)),
            millis,
            max_stream: usize::try_from(limits.max_stream_bytes).unwrap_or(usize::MAX),
            max_depth: limits.max_depth.max(1),
            max_objects: limits.max_objects,
            ticks: 0,
        }
    }

    /// The configured per-file time limit, for messages.
    pub fn millis(&self) -> u64 {
        self.millis
    }

    /// Counts one unit of work; every 1024 units, checks the clock.
    #[inline]
    pub fn tick(&mut self) -> Result<(), Stop> {
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks & 1023 == 0 && Instant::now() >= self.deadline {
            return Err(Stop::Time);
        }
        Ok(())
    }

    /// Checks the clock now.
    pub fn check(&self) -> Result<(), Stop> {
        if Instant::now() >= self.deadline { Err(Stop::Time) } else { Ok(()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_expired_budget_stops() {
        let limits = Limits { max_millis: 0, ..Limits::default() };
        let mut b = Budget::new(&limits, Instant::now(), 1.0);
        assert_eq!(b.check(), Err(Stop::Time));
        let stopped = (0..2048).any(|_| b.tick().is_err());
        assert!(stopped);
    }

    #[test]
    fn a_fresh_budget_runs() {
        let mut b = Budget::new(&Limits::default(), Instant::now(), 0.9);
        assert!((0..10_000).all(|_| b.tick().is_ok()));
        assert_eq!(b.max_stream, 64 * 1024 * 1024);
    }
}
