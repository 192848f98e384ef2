//! Memberships: who holds which seat of a body, from when to when, by which decision.
//!
//! Rules: a seat ends after it starts; a person holds at most one seat of a body at a time;
//! the role must belong to the body; an agency merged into another gets no new seats.
//! Replacing a member (kiện toàn), or naming a person to a seat that named only an agency or
//! nobody (cử người), ends the old membership and opens the new one on the same day, in one
//! transaction, linked by `replaces_id` and keeping the seat's order, so a seat never has two
//! holders at once nor a gap. The new holder's membership carries the decision that named them.
//!
//! Protocol order (thứ tự nghi thức): inside a role group seats follow `seat_order` (the
//! founding decision's order); a seat's whole line (it and its replacements) shares one order.

use super::agency::get_agency;
use super::body::get_body;
use super::person::{create_person_in, display_name, get_person};
use super::types::*;
use super::view::roster_as_of;
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::store::decode;
use crate::store::{new_id, now, Store};
use crate::store::{Db, Tx};
use crate::text::{check_date, check_date_opt, clean, format_date_vi};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

const COLUMNS: &str = "id, body_id, role, person_id, agency_id, post, start_date, end_date,
    decision_number, decision_date, end_decision_number, end_decision_date, end_reason,
    replaces_id, notes, seat_order";

fn from_row(r: &Row) -> rusqlite::Result<Membership> {
    let id: String = r.get(0)?;
    const T: &str = "membership";
    Ok(Membership {
        body_id: r.get(1)?,
        role: decode::stored(r, 2, T, &id, "role")?,
        person_id: r.get(3)?,
        agency_id: r.get(4)?,
        post: r.get(5)?,
        start_date: decode::date(r, 6, T, &id, "start_date")?,
        end_date: decode::date_opt(r, 7, T, &id, "end_date")?,
        decision_number: r.get(8)?,
        decision_date: decode::date_opt(r, 9, T, &id, "decision_date")?,
        end_decision_number: r.get(10)?,
        end_decision_date: decode::date_opt(r, 11, T, &id, "end_decision_date")?,
        end_reason: r.get(12)?,
        replaces_id: r.get(13)?,
        notes: r.get(14)?,
        seat_order: r.get(15)?,
        id,
    })
}

pub fn get_membership(conn: &Db, id: &str) -> Result<Membership> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM membership WHERE id = ?1"), [id], from_row)
        .optional()
        .sql()?
        .ok_or_else(|| AppError::not_found("Không tìm thấy vị trí thành viên này."))
}

fn check_dates(start: NaiveDate, end: Option<NaiveDate>) -> Result<()> {
    match end {
        Some(end) if end <= start => Err(AppError::validation(format!(
            "Ngày thôi tham gia ({}) phải sau ngày bắt đầu ({}).",
            format_date_vi(end),
            format_date_vi(start)
        ))),
        _ => Ok(()),
    }
}

fn check_agency(conn: &Db, agency_id: &str) -> Result<()> {
    let found: Option<i64> =
        conn.query_row("SELECT 1 FROM agency WHERE id = ?1", [agency_id], |r| r.get(0)).optional().sql()?;
    found.map(|_| ()).ok_or_else(|| AppError::validation("Cơ quan đã chọn không còn tồn tại; hãy chọn lại."))
}

/// An agency merged into another gets no seat starting on or after the merge.
fn check_agency_open(conn: &Db, agency_id: &str, start: NaiveDate) -> Result<()> {
    check_agency(conn, agency_id)?;
    let agency = get_agency(conn, agency_id)?;
    if let (Some(into), Some(on)) = (&agency.merged_into_name, agency.merged_on) {
        if start >= on {
            return Err(AppError::validation(format!(
                "{} đã sáp nhập vào {} từ ngày {}; không thể thêm vị trí mới cho cơ quan này từ ngày {}. \
                 Hãy chọn {}.",
                agency.full_name,
                into,
                format_date_vi(on),
                format_date_vi(start),
                into
            )));
        }
    }
    Ok(())
}

/// The membership that replaced this one (kiện toàn), if any.
fn successor(conn: &Db, id: &str) -> Result<Option<Membership>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM membership WHERE replaces_id = ?1 ORDER BY start_date LIMIT 1"),
        [id],
        from_row,
    )
    .optional()
    .sql()
}

/// "Ông Nguyễn Văn Đạt", or the agency, or "chưa cử người": who holds a membership.
fn holder(conn: &Db, m: &Membership) -> Result<String> {
    if let Some(pid) = &m.person_id {
        let p = get_person(conn, pid)?;
        return Ok(display_name(p.honorific, &p.full_name));
    }
    if let Some(a) = &m.agency_id {
        return Ok(format!("{} (chưa cử người)", get_agency(conn, a)?.full_name));
    }
    Ok("vị trí chưa cử người".into())
}

fn already_replaced(conn: &Db, next: &Membership) -> Result<AppError> {
    Ok(AppError::conflict(format!(
        "Vị trí này đã được thay bằng {} từ ngày {} (quyết định {}). Một vị trí chỉ có một người giữ \
         tại mỗi thời điểm: hãy thao tác trên dòng của người đang giữ vị trí.",
        holder(conn, next)?,
        format_date_vi(next.start_date),
        if next.decision_number.is_empty() { "không ghi số".to_string() } else { next.decision_number.clone() }
    )))
}

/// Every membership of a seat's line: the seat, the ones it replaced and the ones that
/// replaced it.
fn line_ids(conn: &Db, id: &str) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare(
            "WITH RECURSIVE
           back(id, replaces_id) AS (
             SELECT id, replaces_id FROM membership WHERE id = ?1
             UNION SELECT m.id, m.replaces_id FROM membership m JOIN back ON m.id = back.replaces_id),
           forth(id) AS (
             SELECT id FROM membership WHERE id = ?1
             UNION SELECT m.id FROM membership m JOIN forth ON m.replaces_id = forth.id)
         SELECT id FROM back UNION SELECT id FROM forth",
        )
        .sql()?;
    let ids = stmt.query_map([id], |r| r.get(0)).sql()?.collect::<Result<Vec<String>, _>>().sql()?;
    Ok(ids)
}

/// A person may hold only one seat of a body at any one time.
fn check_no_overlap(
    conn: &Db,
    body: &Body,
    person_id: &str,
    start: NaiveDate,
    end: Option<NaiveDate>,
    except_id: Option<&str>,
) -> Result<()> {
    let clash = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM membership
                 WHERE body_id = ?1 AND person_id = ?2 AND id <> coalesce(?3, '')
                   AND (end_date IS NULL OR end_date > ?4)
                   AND (?5 IS NULL OR start_date < ?5)
                 ORDER BY start_date LIMIT 1"
            ),
            params![body.id, person_id, except_id, start, end],
            from_row,
        )
        .optional()
        .sql()?;
    if let Some(m) = clash {
        let person = get_person(conn, person_id)?;
        let until = match m.end_date {
            Some(e) => format!(" đến {}", format_date_vi(e)),
            None => String::new(),
        };
        return Err(AppError::conflict(format!(
            "{} đã là {} của {} từ {}{}. Một người không thể giữ hai vị trí cùng lúc trong cùng một tổ chức.",
            display_name(person.honorific, &person.full_name),
            m.role.label(),
            body.name,
            format_date_vi(m.start_date),
            until
        )));
    }
    Ok(())
}

fn check_role(body: &Body, role: Role) -> Result<()> {
    if body.kind.roles().contains(&role) {
        Ok(())
    } else {
        Err(AppError::validation(format!("Vai trò \"{}\" không có trong {}.", role.label(), body.name)))
    }
}

/// Validated values for a membership row.
struct Seat {
    agency_id: Option<String>,
    post: String,
}

fn resolve_seat(conn: &Db, body: &Body, input: &MembershipInput, except_id: Option<&str>) -> Result<Seat> {
    check_role(body, input.role)?;
    check_date(input.start_date, "Ngày bắt đầu")?;
    check_date_opt(input.end_date, "Ngày thôi tham gia")?;
    check_date_opt(input.decision_date, "Ngày quyết định")?;
    check_dates(input.start_date, input.end_date)?;
    if let Some(a) = &input.agency_id {
        check_agency(conn, a)?;
    }
    let (agency_id, post) = match &input.person_id {
        Some(pid) => {
            let person = get_person(conn, pid)?;
            check_no_overlap(conn, body, pid, input.start_date, input.end_date, except_id)?;
            (input.agency_id.clone().or(person.agency_id), input.post.as_deref().map(clean).unwrap_or(person.post))
        }
        None => (input.agency_id.clone(), input.post.as_deref().map(clean).unwrap_or_default()),
    };
    if let Some(a) = &agency_id {
        check_agency_open(conn, a, input.start_date)?;
    }
    Ok(Seat { agency_id, post })
}

pub fn add_membership(store: &mut Store, input: &MembershipInput) -> Result<Membership> {
    store.write(|tx| add_membership_in(tx, input))
}

pub(crate) fn add_membership_in(tx: &Tx, input: &MembershipInput) -> Result<Membership> {
    let body = get_body(tx, &input.body_id)?;
    let created;
    let input = match &input.new_person {
        Some(new) => {
            created =
                MembershipInput { person_id: Some(create_person_in(tx, new)?.id), new_person: None, ..input.clone() };
            &created
        }
        None => input,
    };
    let seat = resolve_seat(tx, &body, input, None)?;
    let id = new_id();
    // A new seat goes last: after every seat of the body, hence last in its role group.
    let order = next_seat_order(tx, &body.id)?;
    tx.execute(
        "INSERT INTO membership (id, body_id, role, person_id, agency_id, post, start_date, end_date,
            decision_number, decision_date, seat_order, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            id,
            body.id,
            input.role.as_str(),
            input.person_id,
            seat.agency_id,
            seat.post,
            input.start_date,
            input.end_date,
            clean(&input.decision_number),
            input.decision_date,
            order,
            input.notes.trim(),
            now()
        ],
    )
    .sql()?;
    get_membership(tx, &id)
}

fn next_seat_order(tx: &Tx, body_id: &str) -> Result<i64> {
    tx.query_row("SELECT coalesce(max(seat_order), 0) + 1 FROM membership WHERE body_id = ?1", [body_id], |r| r.get(0))
        .sql()
}

/// Changes a membership in place (a correction: role, dates, decision, holder). The dates
/// that link a seat to the membership it replaced, or to the one that replaced it, stay as
/// they are, so that a correction cannot open a gap or an overlap in the seat's line.
pub fn update_membership(store: &mut Store, id: &str, input: &MembershipInput) -> Result<Membership> {
    store.write(|tx| {
        let old = get_membership(tx, id)?;
        if old.body_id != input.body_id {
            return Err(AppError::validation(
                "Không thể chuyển một vị trí sang tổ chức khác; hãy kết thúc vị trí này và thêm vị trí mới.",
            ));
        }
        let body = get_body(tx, &old.body_id)?;
        let next = successor(tx, id)?;
        if old.replaces_id.is_some() && input.start_date != old.start_date {
            return Err(AppError::validation(format!(
                "Vị trí này nối tiếp người giữ trước đó từ ngày {}; không thể đổi ngày bắt đầu ở đây \
                 (sẽ tạo khoảng trống hoặc hai người cùng giữ một vị trí).",
                format_date_vi(old.start_date)
            )));
        }
        if let Some(next) = &next {
            if input.end_date != old.end_date {
                return Err(already_replaced(tx, next)?);
            }
        }
        if input.role != old.role && (old.replaces_id.is_some() || next.is_some()) {
            return Err(AppError::validation(
                "Vị trí này có lịch sử kiện toàn nên không thể đổi vai trò; hãy kết thúc vị trí và thêm vị trí mới.",
            ));
        }
        let seat = resolve_seat(tx, &body, input, Some(id))?;
        // A seat moved to another role group goes last in it.
        let order = if input.role != old.role { next_seat_order(tx, &body.id)? } else { i64::from(old.seat_order) };
        tx.execute(
            "UPDATE membership SET role = ?2, person_id = ?3, agency_id = ?4, post = ?5, start_date = ?6,
                end_date = ?7, decision_number = ?8, decision_date = ?9, notes = ?10, updated_at = ?11,
                seat_order = ?12
             WHERE id = ?1",
            params![
                id,
                input.role.as_str(),
                input.person_id,
                seat.agency_id,
                seat.post,
                input.start_date,
                input.end_date,
                clean(&input.decision_number),
                input.decision_date,
                input.notes.trim(),
                now(),
                order
            ],
        )
        .sql()?;
        get_membership(tx, id)
    })
}

/// Ends a membership: from `end_date` the holder no longer sits. An ended membership may have
/// its end date moved (a correction) as long as nobody has replaced it; a replaced one cannot
/// be ended again. Blank decision fields keep what was recorded.
pub fn end_membership(store: &mut Store, input: &EndMembership) -> Result<Membership> {
    end_membership_then(store, input, |_, ended| Ok(ended))
}

/// Ends the membership and, in the same transaction, runs `then` on the ended row.
fn end_membership_then(
    store: &mut Store,
    input: &EndMembership,
    then: impl FnOnce(&Tx, Membership) -> Result<Membership>,
) -> Result<Membership> {
    check_date(input.end_date, "Ngày thôi tham gia")?;
    check_date_opt(input.end_decision_date, "Ngày quyết định thôi tham gia")?;
    store.write(|tx| {
        let m = get_membership(tx, &input.membership_id)?;
        if let Some(next) = successor(tx, &m.id)? {
            return Err(already_replaced(tx, &next)?);
        }
        check_dates(m.start_date, Some(input.end_date))?;
        if let Some(pid) = &m.person_id {
            let body = get_body(tx, &m.body_id)?;
            check_no_overlap(tx, &body, pid, m.start_date, Some(input.end_date), Some(&m.id))?;
        }
        tx.execute(
            "UPDATE membership SET end_date = ?2,
                end_decision_number = CASE WHEN ?3 = '' THEN end_decision_number ELSE ?3 END,
                end_decision_date = coalesce(?4, end_decision_date),
                end_reason = CASE WHEN ?5 = '' THEN end_reason ELSE ?5 END,
                updated_at = ?6 WHERE id = ?1",
            params![
                m.id,
                input.end_date,
                clean(&input.end_decision_number),
                input.end_decision_date,
                clean(&input.end_reason),
                now()
            ],
        )
        .sql()?;
        let ended = get_membership(tx, &m.id)?;
        then(tx, ended)
    })
}

/// Ends a person's membership while the seat stays (thôi giữ vị trí): from `end_date` the
/// holder no longer sits and the same seat, for the same agency and post, is listed "chưa cử
/// người" until somebody is named to it (with "Cử người"). Ending the seat itself (bãi bỏ vị
/// trí) is [`end_membership`]. Returns the vacant seat that continues the line.
pub fn vacate_membership(store: &mut Store, input: &EndMembership) -> Result<Membership> {
    let old = store.read(|c| get_membership(c, &input.membership_id))?;
    if old.person_id.is_none() {
        return Err(AppError::validation(
            "Vị trí này chưa cử người nên không có ai để thôi giữ vị trí; nếu vị trí không còn, hãy chọn \"Bãi bỏ vị trí\".",
        ));
    }
    if old.end_date.is_some() {
        return Err(AppError::validation(format!(
            "Vị trí này đã kết thúc từ {}; hãy hoàn tác hoặc sửa ngày kết thúc thay vì kết thúc lần nữa.",
            format_date_vi(old.end_date.unwrap_or(old.start_date))
        )));
    }
    end_membership_then(store, input, |tx, ended| {
        let seat = add_membership_in(
            tx,
            &MembershipInput {
                body_id: ended.body_id.clone(),
                role: ended.role,
                person_id: None,
                new_person: None,
                agency_id: ended.agency_id.clone(),
                post: Some(ended.post.clone()),
                start_date: input.end_date,
                end_date: None,
                decision_number: clean(&input.end_decision_number),
                decision_date: input.end_decision_date,
                notes: String::new(),
            },
        )?;
        tx.execute(
            "UPDATE membership SET replaces_id = ?2, seat_order = ?3 WHERE id = ?1",
            params![seat.id, ended.id, ended.seat_order],
        )
        .sql()?;
        get_membership(tx, &seat.id)
    })
}

/// Undoes an end (Hoàn tác): the membership is in office again with no end date nor end
/// decision, and the vacant seat that [`vacate_membership`] opened after it is removed. Refused
/// once a person has been named to the seat after it (that is a kiện toàn, undone by hand).
pub fn reopen_membership(store: &mut Store, membership_id: &str) -> Result<Membership> {
    store.write(|tx| {
        let m = get_membership(tx, membership_id)?;
        if m.end_date.is_none() {
            return Ok(m);
        }
        if let Some(next) = successor(tx, &m.id)? {
            let untouched = next.person_id.is_none() && Some(next.start_date) == m.end_date && next.end_date.is_none();
            if !untouched || successor(tx, &next.id)?.is_some() {
                return Err(already_replaced(tx, &next)?);
            }
            tx.execute("DELETE FROM membership WHERE id = ?1", [&next.id]).sql()?;
        }
        if let Some(pid) = &m.person_id {
            let body = get_body(tx, &m.body_id)?;
            check_no_overlap(tx, &body, pid, m.start_date, None, Some(&m.id))?;
        }
        tx.execute(
            "UPDATE membership SET end_date = NULL, end_decision_number = '', end_decision_date = NULL,
                end_reason = '', updated_at = ?2 WHERE id = ?1",
            params![m.id, now()],
        )
        .sql()?;
        get_membership(tx, &m.id)
    })
}

/// Kiện toàn (a named holder is replaced) or cử người (a person is named to a seat that named
/// only an agency or nobody): from `date` the seat passes to a new holder, by the decision that
/// names them. The old membership ends on `date` (end dates are exclusive: its last day is the
/// day before) and the new one starts that day, linked by `replaces_id`, in the same seat order.
/// The decision (number and date) is required: a person is never credited to a decision that
/// did not name them, such as the one that created a seat "chưa cử người".
pub fn replace_member(store: &mut Store, input: &ReplaceMember) -> Result<Membership> {
    store.write(|tx| replace_member_in(tx, input))
}

/// Names people to several seats at once (one table, one decision): all of them, or none when
/// one is refused; the message then says which seat.
pub fn replace_members(store: &mut Store, inputs: &[ReplaceMember]) -> Result<Vec<Membership>> {
    if inputs.is_empty() {
        return Err(AppError::validation("Hãy nhập người cho ít nhất một vị trí."));
    }
    store.write(|tx| {
        let mut out = Vec::with_capacity(inputs.len());
        for (n, input) in inputs.iter().enumerate() {
            let done = replace_member_in(tx, input)
                .map_err(|e| AppError::new(e.code, format!("Dòng {}: {}", n + 1, e.message)))?;
            out.push(done);
        }
        Ok(out)
    })
}

fn replace_member_in(tx: &Tx, input: &ReplaceMember) -> Result<Membership> {
    if input.person_id.is_none() && input.new_person.is_none() && input.agency_id.is_none() {
        return Err(AppError::validation("Hãy chọn người (hoặc cơ quan) thay thế."));
    }
    check_date(input.date, "Ngày thay thế")?;
    check_date_opt(input.decision_date, "Ngày quyết định")?;
    let decision = clean(&input.decision_number);
    {
        let old = get_membership(tx, &input.membership_id)?;
        let vacant = old.person_id.is_none();
        if decision.is_empty() || input.decision_date.is_none() {
            return Err(AppError::validation(if vacant {
                "Hãy nhập số và ngày của quyết định cử người vào vị trí này. Người được cử được ghi theo \
                 quyết định đã nêu tên họ, không theo quyết định đã lập vị trí."
            } else {
                "Hãy nhập số và ngày của quyết định kiện toàn (quyết định cử người thay thế)."
            }));
        }
        if let Some(next) = successor(tx, &old.id)? {
            return Err(already_replaced(tx, &next)?);
        }
        // A seat left vacant by a "thôi giữ vị trí" that is filled from the day it fell vacant:
        // the successor takes the vacant row itself, so the line has neither a gap nor a
        // one-day-less vacancy.
        if vacant && old.replaces_id.is_some() && input.date == old.start_date {
            let person = match &input.new_person {
                Some(new) => Some(create_person_in(tx, new)?),
                None => input.person_id.as_deref().map(|pid| get_person(tx, pid)).transpose()?,
            };
            if let Some(a) = &input.agency_id {
                check_agency(tx, a)?;
            }
            let body = get_body(tx, &old.body_id)?;
            if let Some(p) = &person {
                check_no_overlap(tx, &body, &p.id, old.start_date, old.end_date, Some(&old.id))?;
            }
            let agency_id = input
                .agency_id
                .clone()
                .or_else(|| old.agency_id.clone())
                .or_else(|| person.as_ref().and_then(|p| p.agency_id.clone()));
            let post = person.as_ref().map(|p| p.post.clone()).unwrap_or_else(|| old.post.clone());
            tx.execute(
                "UPDATE membership SET person_id = ?2, agency_id = ?3, post = ?4, decision_number = ?5,
                    decision_date = ?6, updated_at = ?7 WHERE id = ?1",
                params![
                    old.id,
                    person.as_ref().map(|p| p.id.clone()),
                    agency_id,
                    post,
                    decision,
                    input.decision_date,
                    now()
                ],
            )
            .sql()?;
            return get_membership(tx, &old.id);
        }
        if input.date <= old.start_date {
            return Err(AppError::validation(if vacant {
                format!(
                    "Ngày giữ vị trí phải sau ngày lập vị trí ({}). Nếu chính quyết định {} đã nêu tên \
                     người này, hãy dùng \"Sửa\" để ghi tên vào vị trí.",
                    format_date_vi(old.start_date),
                    if old.decision_number.is_empty() { "ban đầu" } else { old.decision_number.as_str() }
                )
            } else {
                format!(
                    "Ngày thay thế phải sau ngày bắt đầu của thành viên hiện tại ({}). \
                     Nếu nhập nhầm người, hãy dùng \"Sửa\" để chỉnh thông tin vị trí.",
                    format_date_vi(old.start_date)
                )
            }));
        }
        if let Some(end) = old.end_date {
            if input.date >= end {
                return Err(AppError::validation(format!(
                    "Vị trí này đã kết thúc từ {}; không thể thay thế sau ngày đó.",
                    format_date_vi(end)
                )));
            }
        }
        let person = match &input.new_person {
            Some(new) => Some(create_person_in(tx, new)?),
            None => input.person_id.as_deref().map(|pid| get_person(tx, pid)).transpose()?,
        };
        if let Some(a) = &input.agency_id {
            check_agency(tx, a)?;
        }
        tx.execute(
            "UPDATE membership SET end_date = ?2, end_decision_number = ?3, end_decision_date = ?4,
                end_reason = ?5, updated_at = ?6 WHERE id = ?1",
            params![
                old.id,
                input.date,
                decision,
                input.decision_date,
                if vacant {
                    "Cử người (theo quyết định mới)"
                } else {
                    "Kiện toàn (thay thế thành viên)"
                },
                now()
            ],
        )
        .sql()?;
        let person_agency = person.as_ref().and_then(|p| p.agency_id.clone());
        // A seat held for an agency stays that agency's when a person is named to it; a named
        // holder's successor sits for their own agency.
        let agency_id = if vacant {
            input.agency_id.clone().or_else(|| old.agency_id.clone()).or(person_agency)
        } else {
            input.agency_id.clone().or(person_agency).or_else(|| old.agency_id.clone())
        };
        let new = add_membership_in(
            tx,
            &MembershipInput {
                body_id: old.body_id.clone(),
                role: old.role,
                person_id: person.as_ref().map(|p| p.id.clone()),
                new_person: None,
                agency_id,
                post: Some(person.as_ref().map(|p| p.post.clone()).unwrap_or_else(|| old.post.clone())),
                start_date: input.date,
                end_date: old.end_date,
                decision_number: decision.clone(),
                decision_date: input.decision_date,
                notes: String::new(),
            },
        )?;
        tx.execute(
            "UPDATE membership SET replaces_id = ?2, seat_order = ?3 WHERE id = ?1",
            params![new.id, old.id, old.seat_order],
        )
        .sql()?;
        get_membership(tx, &new.id)
    }
}

/// Moves a seat one place up or down inside its role group, as the roster stands on
/// `as_of`. The order belongs to the seat's whole line (earlier and later holders), so the
/// roster of every date shows the same protocol order. Returns the roster after the move.
pub fn move_seat(store: &mut Store, input: &MoveSeat) -> Result<RosterView> {
    store.write(|tx| {
        let m = get_membership(tx, &input.membership_id)?;
        let roster = roster_as_of(tx, &m.body_id, input.as_of)?;
        let not_listed = || {
            AppError::validation(format!(
                "Vị trí này không có trong danh sách ngày {}; hãy chọn ngày mà vị trí còn hiệu lực.",
                format_date_vi(input.as_of)
            ))
        };
        let group = roster.groups.iter().find(|g| g.role == m.role).ok_or_else(not_listed)?;
        let pos = group.entries.iter().position(|e| e.membership_id == m.id).ok_or_else(not_listed)?;
        let other = match input.direction {
            SeatMove::Up => pos.checked_sub(1),
            SeatMove::Down => Some(pos + 1).filter(|&i| i < group.entries.len()),
        }
        .ok_or_else(|| {
            AppError::validation(format!(
                "Vị trí này đã ở {} nhóm {}.",
                if input.direction == SeatMove::Up { "đầu" } else { "cuối" },
                group.label
            ))
        })?;
        // The group's order values, lowest first; made distinct if old data repeated one.
        let mut slots: Vec<i32> = group.entries.iter().map(|e| e.seat_order).collect();
        if slots.windows(2).any(|w| w[0] >= w[1]) {
            let first = slots[0];
            slots = (0..slots.len() as i32).map(|i| first + i).collect();
        }
        let mut order: Vec<&RosterEntry> = group.entries.iter().collect();
        order.swap(pos, other);
        let ts = now();
        for (entry, slot) in order.into_iter().zip(slots) {
            if entry.seat_order == slot {
                continue;
            }
            for id in line_ids(tx, &entry.membership_id)? {
                tx.execute(
                    "UPDATE membership SET seat_order = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id, slot, ts],
                )
                .sql()?;
            }
        }
        roster_as_of(tx, &m.body_id, input.as_of)
    })
}

pub(crate) fn memberships_where(conn: &Db, clause: &str, args: impl rusqlite::Params) -> Result<Vec<Membership>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM membership WHERE {clause}")).sql()?;
    let rows = stmt.query_map(args, from_row).sql()?.collect::<Result<Vec<_>, _>>().sql()?;
    Ok(rows)
}
