//! The spreadsheets a secretary hands over: the roster on a date, a meeting's attendance, the
//! outgoing register. Each builds a [`Sheet`] and writes it.

use super::sheet::{write_xlsx, Cell, CellKind, Column, Sheet};
use crate::documents::{register_entries, REGISTER_COLUMNS};
use crate::error::Result;
use crate::meetings::{get_meeting, list_invitees, Meeting};
use crate::roster::roster_as_of;
use crate::store::Db;
use crate::text::format_date_vi;
use chrono::{NaiveDate, Timelike};

fn serial(i: usize) -> Cell {
    Cell::Number((i + 1) as f64)
}

/// The roster sheet of a body on a date, in protocol order.
pub fn roster_sheet(conn: &Db, body_id: &str, as_of: NaiveDate) -> Result<Sheet> {
    let view = roster_as_of(conn, body_id, as_of)?;
    let columns = vec![
        Column::new("STT", 6.0, CellKind::Number),
        Column::new("Họ và tên", 26.0, CellKind::Text),
        Column::new("Vai trò", 16.0, CellKind::Text),
        Column::new("Chức vụ", 22.0, CellKind::Text),
        Column::new("Cơ quan, đơn vị", 40.0, CellKind::Text),
        Column::new("Từ ngày", 13.0, CellKind::Date),
        Column::new("Đến ngày", 13.0, CellKind::Date),
        Column::new("Quyết định", 18.0, CellKind::Text),
        Column::new("Ngày quyết định", 14.0, CellKind::Date),
    ];
    let mut rows = Vec::new();
    for group in &view.groups {
        for e in &group.entries {
            rows.push(vec![
                serial(rows.len()),
                Cell::from(e.person_name.clone()),
                Cell::from(group.label.clone()),
                Cell::from(e.post.clone()),
                Cell::from(e.agency_name.clone()),
                Cell::Date(e.start_date),
                Cell::from(e.end_date),
                Cell::from(e.decision_number.clone()),
                Cell::from(e.decision_date),
            ]);
        }
    }
    Ok(Sheet {
        name: "Danh sách thành viên".into(),
        titles: vec![
            format!("DANH SÁCH THÀNH VIÊN {}", view.body.name.to_uppercase()),
            format!("(tại ngày {}: {} vị trí, {} chưa cử người)", format_date_vi(as_of), view.total, view.vacant),
        ],
        columns,
        rows,
    })
}

pub fn roster_xlsx(conn: &Db, body_id: &str, as_of: NaiveDate) -> Result<Vec<u8>> {
    write_xlsx(&[roster_sheet(conn, body_id, as_of)?])
}

/// "08 giờ 00, ngày 05/01/2025 tại Phòng họp tầng 3" — when and where a meeting is.
pub fn meeting_when_where(m: &Meeting) -> String {
    let t = m.planned_start;
    let when = format!("{:02} giờ {:02}, ngày {}", t.hour(), t.minute(), format_date_vi(t.date()));
    if m.place.trim().is_empty() {
        when
    } else {
        format!("{when}, tại {}", m.place.trim())
    }
}

/// A meeting's invitees in protocol order with who came.
pub fn attendance_sheet_rows(conn: &Db, meeting_id: &str) -> Result<(Meeting, Sheet)> {
    let meeting = get_meeting(conn, meeting_id)?;
    let invitees = list_invitees(conn, meeting_id)?;
    let columns = vec![
        Column::new("STT", 6.0, CellKind::Number),
        Column::new("Họ và tên", 26.0, CellKind::Text),
        Column::new("Chức vụ", 24.0, CellKind::Text),
        Column::new("Cơ quan, đơn vị", 36.0, CellKind::Text),
        Column::new("Tham dự", 16.0, CellKind::Text),
        Column::new("Lý do vắng", 24.0, CellKind::Text),
        Column::new("Người dự thay", 30.0, CellKind::Text),
    ];
    let rows = invitees
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let substitute = [v.substitute_name.trim(), v.substitute_post.trim()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            vec![
                serial(i),
                Cell::from(v.name.clone()),
                Cell::from(v.post.clone()),
                Cell::from(v.agency_name.clone()),
                Cell::from(v.attendance_label.clone()),
                Cell::from(v.absence_reason.clone()),
                Cell::from(substitute),
            ]
        })
        .collect();
    let sheet = Sheet {
        name: "Thành phần dự họp".into(),
        titles: vec![
            format!("THÀNH PHẦN DỰ {}", meeting.title.to_uppercase()),
            format!("Thời gian, địa điểm: {}", meeting_when_where(&meeting)),
        ],
        columns,
        rows,
    };
    Ok((meeting, sheet))
}

pub fn attendance_xlsx(conn: &Db, meeting_id: &str) -> Result<Vec<u8>> {
    write_xlsx(&[attendance_sheet_rows(conn, meeting_id)?.1])
}

/// The outgoing register of a year, the decree's columns, dates as dates.
pub fn register_sheet(conn: &Db, year: i32) -> Result<Sheet> {
    let entries = register_entries(conn, year, None, None)?;
    let widths = [20.0, 13.0, 48.0, 20.0, 32.0, 16.0, 9.0, 12.0, 12.0, 20.0];
    let columns = REGISTER_COLUMNS
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (h, w))| {
            let kind = match i {
                1 | 7 => CellKind::Date,
                6 => CellKind::Number,
                _ => CellKind::Text,
            };
            Column::new(h, w, kind)
        })
        .collect();
    let rows = entries
        .iter()
        .map(|e| {
            vec![
                Cell::from(e.number_symbol.clone()),
                Cell::Date(e.issued_on),
                Cell::from(e.type_and_subject.clone()),
                Cell::from(e.signer.clone()),
                Cell::from(e.recipients.clone()),
                Cell::from(e.file_copy.clone()),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::from(e.notes.clone()),
            ]
        })
        .collect();
    Ok(Sheet {
        name: format!("Sổ văn bản đi {year}"),
        titles: vec!["SỔ ĐĂNG KÝ VĂN BẢN ĐI".into(), format!("Năm {year}")],
        columns,
        rows,
    })
}

pub fn register_xlsx(conn: &Db, year: i32) -> Result<Vec<u8>> {
    write_xlsx(&[register_sheet(conn, year)?])
}

/// The follow-up task list as of a date, with the list's filters (every page): what the Theo
/// dõi nhiệm vụ page shows, for a colleague who keeps it in Excel.
pub fn tasks_sheet(conn: &Db, filter: &crate::followup::TaskFilter) -> Result<Sheet> {
    let all = crate::followup::TaskFilter { offset: 0, limit: None, ..filter.clone() };
    let page = crate::followup::list_tasks(conn, &all)?;
    let columns = vec![
        Column::new("STT", 6.0, CellKind::Number),
        Column::new("Nội dung nhiệm vụ", 48.0, CellKind::Text),
        Column::new("Nguồn giao", 30.0, CellKind::Text),
        Column::new("Cơ quan chủ trì", 28.0, CellKind::Text),
        Column::new("Cơ quan phối hợp", 28.0, CellKind::Text),
        Column::new("Thời hạn", 22.0, CellKind::Text),
        Column::new("Hạn xử lý", 13.0, CellKind::Date),
        Column::new("Tình trạng", 20.0, CellKind::Text),
        Column::new("Số ngày quá hạn", 10.0, CellKind::Number),
        Column::new("Ngày hoàn thành", 13.0, CellKind::Date),
        Column::new("Báo cáo gần nhất", 40.0, CellKind::Text),
    ];
    let rows = page
        .items
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let last = t
                .last_report
                .as_ref()
                .map(|r| {
                    let number =
                        if r.report_number.is_empty() { String::new() } else { format!(" ({})", r.report_number) };
                    format!("{}{number}: {}", format_date_vi(r.date), r.text)
                })
                .unwrap_or_default();
            vec![
                serial(i),
                Cell::from(t.content.clone()),
                Cell::from(t.source.label.clone()),
                Cell::from(t.lead_agency_name.clone()),
                Cell::from(t.coordinating_agency_names.join("; ")),
                Cell::from(t.deadline_label.clone()),
                Cell::from(t.due_date),
                Cell::from(t.status_label.clone()),
                t.days_overdue.map(|d| Cell::Number(f64::from(d))).unwrap_or(Cell::Empty),
                Cell::from(t.done_on),
                Cell::from(last),
            ]
        })
        .collect();
    Ok(Sheet {
        name: "Theo dõi nhiệm vụ".into(),
        titles: vec![
            "DANH SÁCH NHIỆM VỤ".into(),
            format!("(tính đến ngày {}: {} nhiệm vụ)", format_date_vi(filter.as_of), page.total),
        ],
        columns,
        rows,
    })
}

pub fn tasks_xlsx(conn: &Db, filter: &crate::followup::TaskFilter) -> Result<Vec<u8>> {
    write_xlsx(&[tasks_sheet(conn, filter)?])
}
