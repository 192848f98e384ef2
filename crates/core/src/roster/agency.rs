//! Agencies (Sở, ban, ngành, địa phương) and their history: renamed from a date, or merged
//! into another agency from a date. Records keep showing the name valid at their own date.

use super::types::*;
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::search;
use crate::store::decode::{self, decode};
use crate::store::{new_id, now, Store};
use crate::store::{Db, Tx};
use crate::text::{check_date, clean, compare_vi, format_date_vi};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

fn validate(input: &AgencyInput) -> Result<(String, String, String)> {
    let full_name = clean(&input.full_name);
    if full_name.is_empty() {
        return Err(AppError::validation("Tên cơ quan không được để trống."));
    }
    Ok((full_name, clean(&input.short_name), input.notes.trim().to_string()))
}

/// Two active agencies may not share a full name, nor a short name (compared after cleaning,
/// ignoring case). Agencies merged into another are left out: their names may be reused.
fn check_unique(conn: &Db, except_id: Option<&str>, full_name: &str, short_name: &str) -> Result<()> {
    let key = |s: &str| clean(s).to_lowercase();
    let (full, short) = (key(full_name), key(short_name));
    let mut stmt =
        conn.prepare("SELECT id FROM agency WHERE merged_into_id IS NULL AND id <> coalesce(?1, '')").sql()?;
    let ids: Vec<String> = stmt.query_map([except_id], |r| r.get(0)).sql()?.collect::<Result<_, _>>().sql()?;
    for id in ids {
        let other = get_agency(conn, &id)?;
        if key(&other.full_name) == full {
            return Err(AppError::conflict(format!(
                "Đã có cơ quan tên \"{}\"; không thể có hai cơ quan trùng tên.",
                other.full_name
            )));
        }
        if !short.is_empty() && key(&other.short_name) == short {
            return Err(AppError::conflict(format!(
                "Tên viết tắt \"{}\" đã dùng cho {}; hãy chọn tên viết tắt khác.",
                other.short_name, other.full_name
            )));
        }
    }
    Ok(())
}

pub fn create_agency(store: &mut Store, input: &AgencyInput) -> Result<Agency> {
    let (full_name, short_name, notes) = validate(input)?;
    let kind = input.kind.unwrap_or(AgencyKind::Department);
    let id = new_id();
    store.write(|tx| {
        check_unique(tx, None, &full_name, &short_name)?;
        let order: i64 = tx.query_row("SELECT coalesce(max(sort_order), 0) + 1 FROM agency", [], |r| r.get(0)).sql()?;
        insert_agency_in(tx, &id, &full_name, &short_name, kind, order, &notes)?;
        get_agency(tx, &id)
    })
}

/// Inserts an agency with its first name (valid from the start) inside the caller's unit of
/// work, and indexes it for search. Input is expected clean and checked (see [`create_agency`]).
pub(crate) fn insert_agency_in(
    tx: &Tx,
    id: &str,
    full_name: &str,
    short_name: &str,
    kind: AgencyKind,
    order: i64,
    notes: &str,
) -> Result<()> {
    let ts = now();
    tx.execute(
        "INSERT INTO agency (id, kind, sort_order, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id, kind.as_str(), order, notes, ts],
    )
    .sql()?;
    tx.execute(
        "INSERT INTO agency_name (id, agency_id, full_name, short_name, valid_from, created_at)
         VALUES (?1, ?2, ?3, ?4, NULL, ?5)",
        params![new_id(), id, full_name, short_name, ts],
    )
    .sql()?;
    search::index_agency(tx, id)
}

/// Corrects the current name (a typo), kind or notes. To record a real change of name from a
/// date, use [`rename_agency`].
pub fn update_agency(store: &mut Store, id: &str, input: &AgencyInput) -> Result<Agency> {
    let (full_name, short_name, notes) = validate(input)?;
    store.write(|tx| {
        let current = get_agency(tx, id)?;
        check_unique(tx, Some(id), &full_name, &short_name)?;
        let kind = input.kind.unwrap_or(current.kind);
        tx.execute(
            "UPDATE agency SET kind = ?2, notes = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, kind.as_str(), notes, now()],
        )
        .sql()?;
        tx.execute(
            "UPDATE agency_name SET full_name = ?2, short_name = ?3
             WHERE id = (SELECT id FROM agency_name WHERE agency_id = ?1
                         ORDER BY valid_from IS NULL, valid_from DESC LIMIT 1)",
            params![id, full_name, short_name],
        )
        .sql()?;
        search::index_agency(tx, id)?;
        reindex_people_of(tx, id)?;
        get_agency(tx, id)
    })
}

/// Records a new name from a date. A blank short name keeps the current short name.
pub fn rename_agency(store: &mut Store, input: &AgencyRename) -> Result<Agency> {
    let full_name = clean(&input.full_name);
    if full_name.is_empty() {
        return Err(AppError::validation("Tên mới của cơ quan không được để trống."));
    }
    check_date(input.from, "Ngày đổi tên")?;
    store.write(|tx| {
        let agency = get_agency(tx, &input.agency_id)?;
        let short_name = match clean(&input.short_name) {
            s if s.is_empty() => agency.short_name.clone(),
            s => s,
        };
        check_unique(tx, Some(&agency.id), &full_name, &short_name)?;
        if let Some(last) = agency.names.iter().filter_map(|n| n.valid_from).max() {
            if input.from <= last {
                return Err(AppError::validation(format!(
                    "Ngày đổi tên phải sau lần đổi tên gần nhất ({}).",
                    format_date_vi(last)
                )));
            }
        }
        tx.execute(
            "INSERT INTO agency_name (id, agency_id, full_name, short_name, valid_from, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![new_id(), input.agency_id, full_name, short_name, input.from, now()],
        )
        .sql()?;
        tx.execute("UPDATE agency SET updated_at = ?2 WHERE id = ?1", params![input.agency_id, now()]).sql()?;
        search::index_agency(tx, &input.agency_id)?;
        reindex_people_of(tx, &input.agency_id)?;
        get_agency(tx, &input.agency_id)
    })
}

pub fn merge_agency(store: &mut Store, input: &AgencyMerge) -> Result<Agency> {
    if input.agency_id == input.into_agency_id {
        return Err(AppError::validation("Không thể sáp nhập một cơ quan vào chính nó."));
    }
    check_date(input.on, "Ngày sáp nhập")?;
    store.write(|tx| {
        let agency = get_agency(tx, &input.agency_id)?;
        let target = get_agency(tx, &input.into_agency_id)?;
        if agency.merged_into_id.is_some() {
            return Err(AppError::conflict(format!("{} đã được sáp nhập trước đó.", agency.full_name)));
        }
        if target.merged_into_id.is_some() {
            return Err(AppError::conflict(format!(
                "{} đã được sáp nhập vào cơ quan khác; hãy chọn cơ quan đang hoạt động.",
                target.full_name
            )));
        }
        tx.execute(
            "UPDATE agency SET merged_into_id = ?2, merged_on = ?3, updated_at = ?4 WHERE id = ?1",
            params![input.agency_id, input.into_agency_id, input.on, now()],
        )
        .sql()?;
        search::index_agency(tx, &input.agency_id)?;
        get_agency(tx, &input.agency_id)
    })
}

/// Deletes an agency that nothing refers to; otherwise says what refers to it.
pub fn delete_agency(store: &mut Store, id: &str) -> Result<()> {
    store.write(|tx| {
        let agency = get_agency(tx, id)?;
        let count = |sql: &str| -> Result<i64> { tx.query_row(sql, [id], |r| r.get(0)).sql() };
        let people = count("SELECT count(*) FROM person WHERE agency_id = ?1")?;
        let seats = count("SELECT count(*) FROM membership WHERE agency_id = ?1")?;
        let bodies = count("SELECT count(*) FROM body WHERE host_agency_id = ?1")?;
        let merged = count("SELECT count(*) FROM agency WHERE merged_into_id = ?1")?;
        let tasks = count(
            "SELECT (SELECT count(*) FROM task WHERE lead_agency_id = ?1)
                  + (SELECT count(*) FROM plan_item WHERE lead_agency_id = ?1)",
        )?;
        let mut uses = Vec::new();
        if people > 0 {
            uses.push(format!("{people} người"));
        }
        if seats > 0 {
            uses.push(format!("{seats} vị trí thành viên"));
        }
        if bodies > 0 {
            uses.push(format!("{bodies} tổ chức (cơ quan chủ trì)"));
        }
        if merged > 0 {
            uses.push(format!("{merged} cơ quan đã sáp nhập vào đây"));
        }
        if tasks > 0 {
            uses.push(format!("{tasks} nhiệm vụ do cơ quan chủ trì"));
        }
        if !uses.is_empty() {
            return Err(AppError::in_use(format!(
                "Không thể xóa {}: còn {} tham chiếu đến cơ quan này. \
                 Nếu cơ quan đã giải thể hoặc sáp nhập, hãy dùng \"Sáp nhập\" để giữ lịch sử.",
                agency.full_name,
                uses.join(", ")
            )));
        }
        tx.execute("DELETE FROM agency WHERE id = ?1", [id]).sql()?;
        search::remove(tx, "agency", id)?;
        Ok(())
    })
}

fn reindex_people_of(conn: &Db, agency_id: &str) -> Result<()> {
    let mut stmt = conn.prepare("SELECT id FROM person WHERE agency_id = ?1").sql()?;
    let ids: Vec<String> = stmt.query_map([agency_id], |r| r.get(0)).sql()?.collect::<Result<_, _>>().sql()?;
    for id in ids {
        search::index_person(conn, &id)?;
    }
    Ok(())
}

fn names_of(conn: &Db, id: &str) -> Result<Vec<AgencyName>> {
    let mut stmt = conn
        .prepare(
            "SELECT full_name, short_name, valid_from, id FROM agency_name WHERE agency_id = ?1
         ORDER BY valid_from IS NOT NULL, valid_from",
        )
        .sql()?;
    let names = stmt
        .query_map([id], |r| {
            let name_id: String = r.get(3)?;
            Ok(AgencyName {
                full_name: r.get(0)?,
                short_name: r.get(1)?,
                valid_from: decode::date_opt(r, 2, "agency_name", &name_id, "valid_from")?,
            })
        })
        .sql()?
        .collect::<Result<Vec<_>, _>>()
        .sql()?;
    Ok(names)
}

/// The name an agency had on `date` (the name in force then; before its first recorded name,
/// the first one).
pub fn agency_name_at(conn: &Db, id: &str, date: NaiveDate) -> Result<AgencyName> {
    let names = names_of(conn, id)?;
    let chosen =
        names.iter().rev().find(|n| n.valid_from.is_none_or(|from| from <= date)).or_else(|| names.first()).cloned();
    chosen.ok_or_else(|| AppError::not_found("Không tìm thấy cơ quan."))
}

pub fn get_agency(conn: &Db, id: &str) -> Result<Agency> {
    let row = conn
        .query_row(
            "SELECT a.id, a.kind, a.merged_into_id, a.merged_on, a.notes, a.sort_order,
                    a.created_at, a.updated_at
             FROM agency a WHERE a.id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    decode::date_opt(r, 3, "agency", &r.get::<_, String>(0)?, "merged_on")?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i32>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                ))
            },
        )
        .optional()
        .sql()?
        .ok_or_else(|| AppError::not_found("Không tìm thấy cơ quan (có thể đã bị xóa)."))?;
    let (id, kind, merged_into_id, merged_on, notes, sort_order, created_at, updated_at) = row;
    let names = names_of(conn, &id)?;
    let current = names.last().cloned().ok_or_else(|| AppError::not_found("Cơ quan không có tên."))?;
    let merged_into_name = match &merged_into_id {
        Some(target) => Some(current_name(conn, target)?),
        None => None,
    };
    Ok(Agency {
        kind: decode("agency", &id, "kind", &kind, AgencyKind::parse).sql()?,
        id,
        full_name: current.full_name,
        short_name: current.short_name,
        names,
        merged_into_id,
        merged_into_name,
        merged_on,
        notes,
        sort_order,
        created_at,
        updated_at,
    })
}

pub(crate) fn current_name(conn: &Db, id: &str) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT full_name FROM agency_name WHERE agency_id = ?1
             ORDER BY valid_from IS NULL, valid_from DESC LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()
        .sql()?
        .unwrap_or_default())
}

/// Every agency, active ones first, each group in Vietnamese order of its current name.
pub fn list_agencies(conn: &Db) -> Result<Vec<Agency>> {
    let mut stmt = conn.prepare("SELECT id FROM agency").sql()?;
    let ids: Vec<String> = stmt.query_map([], |r| r.get(0)).sql()?.collect::<Result<_, _>>().sql()?;
    let mut agencies = ids.iter().map(|id| get_agency(conn, id)).collect::<Result<Vec<_>>>()?;
    agencies.sort_by(|a, b| {
        a.merged_into_id.is_some().cmp(&b.merged_into_id.is_some()).then_with(|| compare_vi(&a.full_name, &b.full_name))
    });
    Ok(agencies)
}
