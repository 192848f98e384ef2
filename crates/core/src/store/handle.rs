//! The domain handles: what the public API of the core takes instead of a database type.
//!
//! [`Db`] reads; [`Tx`] is one unit of work inside one IMMEDIATE transaction, opened by
//! [`Store::write`](super::Store::write) and committed when its closure returns `Ok`. A `Tx`
//! derefs to a `Db`, so every read also works inside a write and sees its uncommitted changes.
//! Functions whose name ends in `_in` take a `&Tx`: they are the building blocks of a unit of
//! work, composed by a caller that opened it (they never commit on their own).
//!
//! Both are views of a SQLite connection; only `store/` and the feature modules' private SQL
//! see it (`conn()` and the forwarding methods below are crate-private). A server-backed store
//! would put its own connection behind the same two types (see docs/ARCHITECTURE.md).

use ref_cast::RefCast;
use rusqlite::{CachedStatement, Connection, Params, Row, Statement};
use std::ops::Deref;

/// A read handle on the record set.
#[derive(RefCast)]
#[repr(transparent)]
pub struct Db(Connection);

/// One unit of work: every write made through it is saved together or not at all.
#[derive(RefCast)]
#[repr(transparent)]
pub struct Tx(Connection);

impl Deref for Tx {
    type Target = Db;
    fn deref(&self) -> &Db {
        Db::ref_cast(&self.0)
    }
}

impl Db {
    /// The handle over a connection (the store, a read connection, a backup being made).
    pub(crate) fn of(conn: &Connection) -> &Db {
        Db::ref_cast(conn)
    }

    /// The connection, for the SQL of the crate's own modules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.0
    }

    pub(crate) fn prepare(&self, sql: &str) -> rusqlite::Result<Statement<'_>> {
        self.0.prepare(sql)
    }

    pub(crate) fn prepare_cached(&self, sql: &str) -> rusqlite::Result<CachedStatement<'_>> {
        self.0.prepare_cached(sql)
    }

    pub(crate) fn query_row<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.0.query_row(sql, params, f)
    }

    pub(crate) fn execute<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.0.execute(sql, params)
    }

    pub(crate) fn execute_batch(&self, sql: &str) -> rusqlite::Result<()> {
        self.0.execute_batch(sql)
    }

    pub(crate) fn last_insert_rowid(&self) -> i64 {
        self.0.last_insert_rowid()
    }

    pub(crate) fn pragma_query_value<T, F>(&self, schema: Option<&str>, name: &str, f: F) -> rusqlite::Result<T>
    where
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.0.pragma_query_value(schema, name, f)
    }
}

impl Tx {
    /// The handle over a transaction's connection (the caller opened the transaction).
    pub(crate) fn of(conn: &Connection) -> &Tx {
        Tx::ref_cast(conn)
    }
}
