//! People: name, honorific, post at their agency, contacts.

use super::types::*;
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::search;
use crate::store::decode;
use crate::store::{new_id, now, Store};
use crate::store::{Db, Tx};
use crate::text::{clean, compare_person_names};
use rusqlite::{params, OptionalExtension, Row};

struct Clean {
    full_name: String,
    post: String,
    phone: String,
    email: String,
    notes: String,
}

fn validate(conn: &Db, input: &PersonInput) -> Result<Clean> {
    let full_name = clean(&input.full_name);
    if full_name.is_empty() {
        return Err(AppError::validation("Họ và tên không được để trống."));
    }
    if full_name.chars().any(|c| c.is_ascii_digit()) {
        return Err(AppError::validation("Họ và tên không được chứa chữ số."));
    }
    let email = clean(&input.email);
    if !email.is_empty() && !is_plausible_email(&email) {
        return Err(AppError::validation(format!(
            "Địa chỉ thư điện tử \"{email}\" không hợp lệ (ví dụ đúng: ten@nghean.gov.vn)."
        )));
    }
    let phone = clean(&input.phone);
    if !phone.is_empty() && !phone.chars().all(|c| c.is_ascii_digit() || " +.-()".contains(c)) {
        return Err(AppError::validation(format!(
            "Số điện thoại \"{phone}\" chỉ được gồm chữ số và các dấu + . - ( )."
        )));
    }
    if let Some(agency_id) = &input.agency_id {
        let exists: Option<i64> =
            conn.query_row("SELECT 1 FROM agency WHERE id = ?1", [agency_id], |r| r.get(0)).optional().sql()?;
        if exists.is_none() {
            return Err(AppError::validation("Cơ quan đã chọn không còn tồn tại; hãy chọn lại."));
        }
    }
    Ok(Clean { full_name, post: clean(&input.post), phone, email, notes: input.notes.trim().to_string() })
}

fn is_plausible_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(' ')
                && !domain.contains('@')
        }
        None => false,
    }
}

pub fn create_person(store: &mut Store, input: &PersonInput) -> Result<Person> {
    store.write(|tx| create_person_in(tx, input))
}

pub(crate) fn create_person_in(tx: &Tx, input: &PersonInput) -> Result<Person> {
    let c = validate(tx, input)?;
    let id = new_id();
    let ts = now();
    tx.execute(
        "INSERT INTO person (id, full_name, honorific, post, agency_id, phone, email, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![id, c.full_name, input.honorific.as_str(), c.post, input.agency_id, c.phone, c.email, c.notes, ts],
    )
    .sql()?;
    search::index_person(tx, &id)?;
    get_person(tx, &id)
}

pub fn update_person(store: &mut Store, id: &str, input: &PersonInput) -> Result<Person> {
    store.write(|tx| {
        get_person(tx, id)?;
        let c = validate(tx, input)?;
        tx.execute(
            "UPDATE person SET full_name = ?2, honorific = ?3, post = ?4, agency_id = ?5, phone = ?6,
                    email = ?7, notes = ?8, updated_at = ?9 WHERE id = ?1",
            params![
                id,
                c.full_name,
                input.honorific.as_str(),
                c.post,
                input.agency_id,
                c.phone,
                c.email,
                c.notes,
                now()
            ],
        )
        .sql()?;
        search::index_person(tx, id)?;
        get_person(tx, id)
    })
}

/// Deletes a person who holds no membership, past or present; otherwise refuses.
pub fn delete_person(store: &mut Store, id: &str) -> Result<()> {
    store.write(|tx| {
        let person = get_person(tx, id)?;
        let n: i64 = tx.query_row("SELECT count(*) FROM membership WHERE person_id = ?1", [id], |r| r.get(0)).sql()?;
        if n > 0 {
            return Err(AppError::in_use(format!(
                "Không thể xóa {}: người này có {n} lần tham gia trong danh sách thành viên. \
                 Hãy kết thúc tư cách thành viên thay vì xóa để giữ lịch sử.",
                person.full_name
            )));
        }
        tx.execute("DELETE FROM person WHERE id = ?1", [id]).sql()?;
        search::remove(tx, "person", id)?;
        Ok(())
    })
}

fn from_row(r: &Row) -> rusqlite::Result<Person> {
    let id: String = r.get(0)?;
    Ok(Person {
        honorific: decode::stored(r, 2, "person", &id, "honorific")?,
        id,
        full_name: r.get(1)?,
        post: r.get(3)?,
        agency_id: r.get(4)?,
        phone: r.get(5)?,
        email: r.get(6)?,
        notes: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
        agency_name: r.get(10)?,
    })
}

const COLUMNS: &str = "p.id, p.full_name, p.honorific, p.post, p.agency_id, p.phone, p.email, p.notes,
    p.created_at, p.updated_at,
    (SELECT n.full_name FROM agency_name n WHERE n.agency_id = p.agency_id
     ORDER BY n.valid_from IS NULL, n.valid_from DESC LIMIT 1)";

pub fn get_person(conn: &Db, id: &str) -> Result<Person> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM person p WHERE p.id = ?1"), [id], from_row)
        .optional()
        .sql()?
        .ok_or_else(|| AppError::not_found("Không tìm thấy người này (có thể đã bị xóa)."))
}

/// Everyone, in Vietnamese name order (given name first).
pub fn list_people(conn: &Db) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM person p")).sql()?;
    let mut people = stmt.query_map([], from_row).sql()?.collect::<Result<Vec<_>, _>>().sql()?;
    people.sort_by(|a, b| compare_person_names(&a.full_name, &b.full_name));
    Ok(people)
}

/// "Ông Võ Trọng Phú".
pub fn display_name(honorific: Honorific, full_name: &str) -> String {
    match honorific {
        Honorific::None => full_name.to_string(),
        h => format!("{} {}", h.label(), full_name),
    }
}
