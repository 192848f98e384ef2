//! Bodies: the Steering Committee, its Task Force and the work groups inside the task force.

use super::types::*;
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::search;
use crate::store::decode;
use crate::store::{new_id, now, Store};
use crate::store::{Db, Tx};
use crate::text::clean;
use rusqlite::{params, OptionalExtension, Row};

const COLUMNS: &str = "id, kind, name, short_name, parent_id, host_agency_id";

fn from_row(r: &Row) -> rusqlite::Result<Body> {
    let id: String = r.get(0)?;
    let kind = decode::stored(r, 1, "body", &id, "kind")?;
    Ok(Body {
        id,
        kind,
        name: r.get(2)?,
        short_name: r.get(3)?,
        parent_id: r.get(4)?,
        host_agency_id: r.get(5)?,
        roles: kind.roles().iter().map(|&r| RoleInfo::from(r)).collect(),
    })
}

pub fn get_body(conn: &Db, id: &str) -> Result<Body> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM body WHERE id = ?1"), [id], from_row)
        .optional()
        .sql()?
        .ok_or_else(|| AppError::not_found("Không tìm thấy tổ chức này."))
}

/// Committee first, then the task force, then work groups in the order they were made.
pub fn list_bodies(conn: &Db) -> Result<Vec<Body>> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {COLUMNS} FROM body ORDER BY
           CASE kind WHEN 'steering_committee' THEN 0 WHEN 'task_force' THEN 1 ELSE 2 END,
           sort_order, created_at"
        ))
        .sql()?;
    let bodies = stmt.query_map([], from_row).sql()?.collect::<Result<Vec<_>, _>>().sql()?;
    Ok(bodies)
}

pub(crate) fn insert_body(
    tx: &Tx,
    kind: BodyKind,
    name: &str,
    short_name: &str,
    parent_id: Option<&str>,
    host_agency_id: Option<&str>,
) -> Result<Body> {
    let name = clean(name);
    if name.is_empty() {
        return Err(AppError::validation("Tên tổ chức không được để trống."));
    }
    let id = new_id();
    let order: i64 = tx.query_row("SELECT coalesce(max(sort_order), 0) + 1 FROM body", [], |r| r.get(0)).sql()?;
    tx.execute(
        "INSERT INTO body (id, kind, name, short_name, parent_id, host_agency_id, sort_order, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![id, kind.as_str(), name, clean(short_name), parent_id, host_agency_id, order, now()],
    )
    .sql()?;
    search::index_body(tx, &id)?;
    get_body(tx, &id)
}

/// A work group (nhóm công tác) inside the task force.
pub fn create_work_group(store: &mut Store, input: &WorkGroupInput) -> Result<Body> {
    store.write(|tx| {
        let parent = get_body(tx, &input.parent_id)?;
        if parent.kind != BodyKind::TaskForce {
            return Err(AppError::validation("Nhóm công tác phải thuộc Tổ Công tác."));
        }
        insert_body(tx, BodyKind::WorkGroup, &input.name, &input.short_name, Some(&parent.id), None)
    })
}

pub fn rename_body(store: &mut Store, id: &str, name: &str, short_name: &str) -> Result<Body> {
    let name = clean(name);
    if name.is_empty() {
        return Err(AppError::validation("Tên tổ chức không được để trống."));
    }
    store.write(|tx| {
        get_body(tx, id)?;
        tx.execute(
            "UPDATE body SET name = ?2, short_name = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, name, clean(short_name), now()],
        )
        .sql()?;
        search::index_body(tx, id)?;
        get_body(tx, id)
    })
}

/// Creates the Steering Committee and its Task Force with their usual names, for a user who
/// starts from an empty database instead of the example data. Existing bodies are kept.
pub fn create_standard_bodies(store: &mut Store) -> Result<Vec<Body>> {
    store.write(|tx| {
        let existing = list_bodies(tx)?;
        let committee = match existing.iter().find(|b| b.kind == BodyKind::SteeringCommittee) {
            Some(b) => b.clone(),
            None => {
                insert_body(tx, BodyKind::SteeringCommittee, "Ban Chỉ đạo Chuyển đổi số tỉnh", "BCĐCĐS", None, None)?
            }
        };
        if !existing.iter().any(|b| b.kind == BodyKind::TaskForce) {
            insert_body(
                tx,
                BodyKind::TaskForce,
                "Tổ Công tác giúp việc Ban Chỉ đạo Chuyển đổi số tỉnh",
                "TCT",
                Some(&committee.id),
                None,
            )?;
        }
        list_bodies(tx)
    })
}
