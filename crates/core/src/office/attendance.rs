//! Danh sách đại biểu dự họp: the sheet invitees sign at the door, from the meeting's
//! invitees in protocol order, as a PDF from our own engine.

use super::exports::meeting_when_where;
use crate::documents::pdf::compose::{compose_table_page, TablePage};
use crate::documents::pdf::fonts::{Fonts, Style};
use crate::documents::pdf::write;
use crate::error::Result;
use crate::meetings::{get_meeting, list_invitees};
use crate::store::Db;

pub const ATTENDANCE_COLUMNS: [&str; 5] = ["STT", "Họ và tên", "Chức vụ", "Cơ quan", "Ký tên"];

/// The signing sheet of a meeting: header with the body, the meeting's title, time and place,
/// then one row per invitee with room to sign.
pub fn attendance_sheet_pdf(conn: &Db, meeting_id: &str, created_unix: i64) -> Result<Vec<u8>> {
    let meeting = get_meeting(conn, meeting_id)?;
    let invitees = list_invitees(conn, meeting_id)?;
    let fonts = Fonts::get()?;
    let titles = vec![
        (meeting.body_name.to_uppercase(), Style::Bold, 13.0),
        ("DANH SÁCH ĐẠI BIỂU DỰ HỌP".to_string(), Style::Bold, 14.0),
        (meeting.title.clone(), Style::Bold, 13.0),
        (format!("Thời gian, địa điểm: {}", meeting_when_where(&meeting)), Style::Italic, 13.0),
    ];
    let header: Vec<String> = ATTENDANCE_COLUMNS.iter().map(|s| s.to_string()).collect();
    let mut rows: Vec<Vec<String>> = invitees
        .iter()
        .enumerate()
        .map(|(i, v)| vec![(i + 1).to_string(), v.name.clone(), v.post.clone(), v.agency_name.clone(), String::new()])
        .collect();
    if rows.is_empty() {
        rows.push(vec![String::new(), "Cuộc họp chưa có người được mời.".into()]);
    }
    let page = TablePage { label: "Danh sách đại biểu", landscape: false, size: 12.0, min_row: 26.0 };
    let widths = [0.6, 2.4, 2.2, 2.8, 1.6];
    let pages = compose_table_page(fonts, &page, &titles, &header, &rows, &widths, &[false; 5])?;
    write(fonts, &pages, "Danh sách đại biểu dự họp", created_unix)
}
