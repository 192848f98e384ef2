//! Checks on a document generated from a meeting, applied before it is issued (see
//! `documents::checks`): attendance taken for everyone, no empty seat marked present, an
//! invitation dated before its meeting, minutes and conclusions not dated before it, and a
//! draft that still matches the meeting's record.

use super::generate::{build_content, MeetingDocumentRole};
use super::invitees::list_invitees;
use super::phrases;
use super::record::get_meeting;
use super::types::Attendance;
use crate::documents::checks::IssueCheck;
use crate::documents::{self, DocumentRecord};
use crate::error::Result;
use crate::error::Sql;
use crate::store::decode::{decode, decode_json};
use crate::store::Db;
use crate::text::format_date_vi;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;

/// Findings for `doc` if it was generated from a meeting; none otherwise.
pub fn for_document(conn: &Db, doc: &DocumentRecord, date: NaiveDate) -> Result<Vec<IssueCheck>> {
    let link: Option<(String, String, String)> = conn
        .query_row("SELECT meeting_id, role, generated FROM meeting_document WHERE document_id = ?1", [&doc.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()
        .sql()?;
    let Some((meeting_id, role, generated)) = link else {
        return Ok(Vec::new());
    };
    let role = decode("meeting_document", &doc.id, "role", &role, MeetingDocumentRole::parse).sql()?;
    let meeting = get_meeting(conn, &meeting_id)?;
    let day = meeting.planned_start.date();
    let mut out = Vec::new();
    match role {
        MeetingDocumentRole::Invitation => {
            if date >= day {
                out.push(IssueCheck::refuse(format!(
                    "Giấy mời phải ban hành trước ngày họp ({}).",
                    format_date_vi(day)
                )));
            }
        }
        MeetingDocumentRole::Minutes | MeetingDocumentRole::Conclusions => {
            let held = meeting.actual_start.map(|t| t.date()).unwrap_or(day);
            if date < held {
                let what =
                    if role == MeetingDocumentRole::Minutes { "Biên bản" } else { "Thông báo kết luận" };
                out.push(IssueCheck::refuse(format!(
                    "{what} không ban hành trước ngày họp ({}).",
                    format_date_vi(held)
                )));
            }
            let invitees = list_invitees(conn, &meeting_id)?;
            for i in invitees.iter().filter(|i| i.attendance == Attendance::Present && i.name.is_empty()) {
                let seat =
                    if i.post.is_empty() { "Một vị trí chưa có người".to_string() } else { i.post.clone() };
                out.push(IssueCheck::refuse(format!(
                    "{seat} được ghi “Có mặt” nhưng không có tên người dự: hãy ghi họ tên người được cử (Cử người dự)."
                )));
            }
            let untaken: Vec<String> = invitees
                .iter()
                .filter(|i| i.attendance == Attendance::Unknown)
                .map(|i| match (i.name.is_empty(), i.post.is_empty()) {
                    (false, _) => phrases::mid(&i.name),
                    (true, false) => i.post.clone(),
                    (true, true) => "một vị trí chưa có người".to_string(),
                })
                .collect();
            if !untaken.is_empty() {
                out.push(IssueCheck::warn(format!(
                    "Chưa điểm danh {} người: {}. Văn bản không ghi những người này là có mặt.",
                    untaken.len(),
                    untaken.join(", ")
                )));
            }
        }
    }
    // The draft was built from the record as it was then; say so if the record has changed.
    let now: serde_json::Value =
        serde_json::to_value(documents::normalize(&build_content(conn, &meeting_id, role)?)).unwrap_or_default();
    let then: serde_json::Value = decode_json("meeting_document", &doc.id, "generated", &generated).sql()?;
    if now != then {
        out.push(IssueCheck::warn(
            "Hồ sơ cuộc họp (thành phần, điểm danh, nội dung hoặc kết luận) đã thay đổi sau khi tạo dự thảo này; \
             hãy tạo lại văn bản từ hồ sơ nếu cần.",
        ));
    }
    Ok(out)
}
