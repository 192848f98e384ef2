//! The ten-year archive benchmark (`bench generate`, `bench search --data-dir`): a generator
//! that builds a realistic archive through the app's own functions, and the measurements
//! the targets speak of (search, a year's list, a filter keystroke, issuing, the
//! incoming and task lists, importing PDFs). Run on a release build.
//!
//! Everything here is deterministic (one seeded generator), so two runs build the same
//! records (the ids, being random, differ).

use crate::error::Sql;
pub mod generate;
pub mod measure;

pub use generate::{generate, GenerateOptions, GenerateSummary, Scale};
pub use measure::{measure, ArchiveMeasure, Figure};

/// A tiny deterministic generator (a 64-bit LCG), so that every run builds the same archive.
pub(crate) struct Lcg(u64);

impl Lcg {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// A number in `0..n`.
    pub(crate) fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next(items.len())]
    }
    /// True `percent` times in a hundred.
    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.next(100) < percent
    }
}

/// True when the record set holds more than documents (meetings or incoming documents), i.e.
/// one [`generate`] made: `bench search` then measures everything.
pub fn is_archive(db: &crate::store::Db) -> crate::Result<bool> {
    db.query_row("SELECT EXISTS (SELECT 1 FROM incoming_document) OR EXISTS (SELECT 1 FROM meeting)", [], |r| {
        r.get::<_, bool>(0)
    })
    .sql()
}
