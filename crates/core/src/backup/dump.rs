//! A text dump of a whole database in a stable order, to compare two databases (a backup
//! round trip must give the same dump).

use crate::error::Result;
use crate::error::Sql;
use crate::store::Db;
use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// Every table (by name) with every row (ordered by all its columns), plus the header fields
/// that matter (schema version, application id). BLOBs are written as size and SHA-256.
pub fn dump(conn: &Db) -> Result<String> {
    let mut out = String::new();
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).sql()?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).sql()?;
    let _ = writeln!(out, "user_version={version} application_id={app_id}");
    let tables: Vec<(String, String)> = {
        let mut stmt = conn.prepare(
            "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        ).sql()?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).sql()?.collect::<rusqlite::Result<_>>().sql()?;
        rows
    };
    for (table, sql) in tables {
        let _ = writeln!(out, "== {table}\n{sql}");
        if sql.to_ascii_uppercase().starts_with("CREATE VIRTUAL TABLE") {
            continue; // its rows live in its shadow tables, dumped on their own
        }
        let quoted = format!("\"{}\"", table.replace('"', "\"\""));
        let columns: usize = conn.prepare(&format!("SELECT * FROM {quoted} LIMIT 0")).sql()?.column_count();
        let order: Vec<String> = (1..=columns).map(|i| i.to_string()).collect();
        let mut stmt = conn.prepare(&format!("SELECT * FROM {quoted} ORDER BY {}", order.join(", "))).sql()?;
        let mut rows = stmt.query([]).sql()?;
        while let Some(row) = rows.next().sql()? {
            let mut cells = Vec::with_capacity(columns);
            for i in 0..columns {
                cells.push(match row.get_ref(i).sql()? {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(f) => format!("{f:?}"),
                    ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                    ValueRef::Blob(b) => format!("blob({} bytes, sha256 {:x})", b.len(), Sha256::digest(b)),
                });
            }
            let _ = writeln!(out, "{}", cells.join(" | "));
        }
    }
    Ok(out)
}

/// [`dump`] without the audit trail, which records backups and restores themselves: the
/// records a restore must give back exactly.
pub fn dump_records(conn: &Db) -> Result<String> {
    let all = dump(conn)?;
    let Some(start) = all.find("== audit_log\n") else { return Ok(all) };
    let end = all[start + 3..].find("\n== ").map(|i| start + 3 + i + 1).unwrap_or(all.len());
    Ok(format!("{}{}", &all[..start], &all[end..]))
}
