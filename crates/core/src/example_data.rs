//! Example data: the task force exactly as decision 1321/QĐ-BCĐCĐS sets it up.
//!
//! Source: `shared/domain/decision-1321-task-force.txt` (the province's published notice of
//! the decision). It names one person — Ông Võ Trọng Phú, Phó Giám đốc Sở Thông tin và
//! Truyền thông, as Tổ trưởng —, four deputy seats without names, and member seats for the
//! leaders of twelve departments and sectors, without names. Nobody else is invented: the
//! other seats show their agency (or nothing) and "chưa cử người". The notice names no
//! secretary (Thư ký), so the example has none.
//!
//! Seat orders follow the decision's order (leader, the four deputies, then the member
//! agencies as listed): the roster's protocol order (thứ tự nghi thức) comes from them.
//!
//! The notice gives the day (15/5) but not the year. We assume 2024, the year the issues'
//! examples use (a roster as of 05/09/2024); the caller may pass another year.

use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::roster::{self, AgencyKind, BodyKind, Honorific, MembershipInput, PersonInput, Role};
use crate::store::{new_id, Store};
use crate::store::{Db, Tx};
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use specta::Type;

pub const DEFAULT_YEAR: i32 = 2024;
pub const DECISION_NUMBER: &str = "1321/QĐ-BCĐCĐS";

/// The member agencies, in the order the decision lists them.
const MEMBER_AGENCIES: [(&str, &str, AgencyKind); 12] = [
    ("Sở Khoa học và Công nghệ", "SKHCN", AgencyKind::Department),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT", AgencyKind::Department),
    ("Sở Xây dựng", "SXD", AgencyKind::Department),
    ("Sở Y tế", "SYT", AgencyKind::Department),
    ("Công an tỉnh", "CAT", AgencyKind::Sector),
    ("Sở Giao thông vận tải", "SGTVT", AgencyKind::Department),
    ("Sở Nội vụ", "SNV", AgencyKind::Department),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", AgencyKind::Department),
    ("Sở Công Thương", "SCT", AgencyKind::Department),
    ("Sở Tài chính", "STC", AgencyKind::Department),
    ("Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT", AgencyKind::Department),
    ("Ngân hàng Nhà nước chi nhánh tỉnh Nghệ An", "NHNN", AgencyKind::Sector),
];

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ExampleSummary {
    pub agencies: u32,
    pub people: u32,
    pub bodies: u32,
    pub memberships: u32,
    pub steering_committee_id: String,
    pub task_force_id: String,
    pub decision_number: String,
    pub decision_date: NaiveDate,
}

/// True when nothing has been entered yet (no body, person or agency): the app then offers
/// the example data.
pub fn is_empty(conn: &Db) -> Result<bool> {
    let n: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM body) + (SELECT count(*) FROM person) + (SELECT count(*) FROM agency)",
            [],
            |r| r.get(0),
        )
        .sql()?;
    Ok(n == 0)
}

fn insert_agency(tx: &Tx, full_name: &str, short_name: &str, kind: AgencyKind, order: i64) -> Result<String> {
    let id = new_id();
    roster::insert_agency_in(tx, &id, full_name, short_name, kind, order, "")?;
    Ok(id)
}

/// Loads the example into an empty database; refuses (and changes nothing) otherwise.
pub fn load(store: &mut Store, year: i32) -> Result<ExampleSummary> {
    let decision_date = NaiveDate::from_ymd_opt(year, 5, 15)
        .ok_or_else(|| AppError::validation(format!("Năm {year} không hợp lệ.")))?;
    store.write(|tx| {
        if !is_empty(tx)? {
            return Err(AppError::conflict(
                "Cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ được nạp vào cơ sở dữ liệu trống \
                 để không lẫn với dữ liệu thật.",
            ));
        }
        let host = insert_agency(tx, "Sở Thông tin và Truyền thông", "STTTT", AgencyKind::Department, 1)?;
        let mut member_agencies = Vec::new();
        for (i, (name, short, kind)) in MEMBER_AGENCIES.iter().enumerate() {
            member_agencies.push(insert_agency(tx, name, short, *kind, i as i64 + 2)?);
        }
        let committee = roster::insert_body(
            tx,
            BodyKind::SteeringCommittee,
            "Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An",
            "BCĐCĐS",
            None,
            None,
        )?;
        let task_force = roster::insert_body(
            tx,
            BodyKind::TaskForce,
            "Tổ Công tác giúp việc Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An",
            "TCT",
            Some(&committee.id),
            Some(&host),
        )?;
        let leader = roster::create_person_in(
            tx,
            &PersonInput {
                full_name: "Võ Trọng Phú".into(),
                honorific: Honorific::Ong,
                post: "Phó Giám đốc".into(),
                agency_id: Some(host.clone()),
                phone: String::new(),
                email: String::new(),
                notes: format!("Tổ trưởng theo Quyết định số {DECISION_NUMBER}."),
            },
        )?;
        let seat =
            |role: Role, person_id: Option<String>, agency_id: Option<String>, post: Option<&str>, notes: &str| {
                MembershipInput {
                    body_id: task_force.id.clone(),
                    role,
                    person_id,
                    new_person: None,
                    agency_id,
                    post: post.map(str::to_string),
                    start_date: decision_date,
                    end_date: None,
                    decision_number: DECISION_NUMBER.into(),
                    decision_date: Some(decision_date),
                    notes: notes.into(),
                }
            };
        // Every seat in the order the decision lists it.
        let mut seats = vec![seat(Role::Leader, Some(leader.id.clone()), None, None, "")];
        for _ in 0..4 {
            seats.push(seat(Role::DeputyLeader, None, None, None, "Quyết định không nêu tên người và cơ quan."));
        }
        for agency_id in &member_agencies {
            seats.push(seat(
                Role::Member,
                None,
                Some(agency_id.clone()),
                Some("Lãnh đạo"),
                "Quyết định không nêu tên người.",
            ));
        }
        let mut count = 0;
        for (position, input) in seats.iter().enumerate() {
            let m = roster::add_membership_in(tx, input)?;
            tx.execute("UPDATE membership SET seat_order = ?2 WHERE id = ?1", params![m.id, position as i64 + 1])
                .sql()?;
            count += 1;
        }
        Ok(ExampleSummary {
            agencies: 1 + member_agencies.len() as u32,
            people: 1,
            bodies: 2,
            memberships: count,
            steering_committee_id: committee.id,
            task_force_id: task_force.id,
            decision_number: DECISION_NUMBER.into(),
            decision_date,
        })
    })
}
