//! A small pool of WAL read connections, so that a long read (a search, a report) neither
//! waits for the writer nor makes it wait, and sees the data as it was when it began.

use super::{open_reader, Db};
use crate::error::Result;
use crate::error::Sql;
use rusqlite::Connection;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Read connections kept open for reuse, tagged with the generation of the store they read.
///
/// Whoever owns the store calls [`Readers::invalidate`] whenever it replaces the store (a
/// restore, a backup being looked at): connections of an older generation are dropped instead
/// of reused. Drop the pool before the store, so that the store's connection closes last and
/// checkpoints the WAL into the database file.
pub struct Readers {
    pool: Mutex<Vec<(u64, Connection)>>,
    generation: AtomicU64,
    keep: usize,
}

/// A panic during a read leaves nothing half-done (a read writes nothing), so a poisoned lock
/// is safe to reuse.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Readers {
    /// A pool keeping at most `keep` idle connections.
    pub fn new(keep: usize) -> Self {
        Self { pool: Mutex::new(Vec::new()), generation: AtomicU64::new(0), keep }
    }

    /// The current generation: read it while the store cannot be replaced (under its lock),
    /// then pass it to [`Readers::read`].
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The store was (or is about to be) replaced: no connection opened before is reused.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        lock(&self.pool).clear();
    }

    /// Runs `f` in one read transaction (every statement sees the same snapshot) on a pooled
    /// read connection to the database at `path` (see [`super::Store::reader_path`]), opened on
    /// first need.
    pub fn read<T>(&self, path: &Path, generation: u64, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        let pooled = {
            let mut pool = lock(&self.pool);
            pool.retain(|(g, _)| *g == generation);
            pool.pop().map(|(_, c)| c)
        };
        let conn = match pooled {
            Some(c) => c,
            None => open_reader(path)?,
        };
        let out = conn.unchecked_transaction().map_err(crate::error::sql_error).and_then(|tx| {
            let value = f(Db::of(&tx))?;
            tx.commit().sql()?;
            Ok(value)
        });
        if self.generation() == generation {
            let mut pool = lock(&self.pool);
            if pool.len() < self.keep {
                pool.push((generation, conn));
            }
        }
        out
    }
}
