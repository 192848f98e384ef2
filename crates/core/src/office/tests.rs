//! Spreadsheets written and read back by an independent reader (calamine), the people import,
//! and the attendance sheet read back by pdftotext.

use super::*;
use crate::documents::tests::{load, out_dir, tool};
use crate::documents::{create_draft, issue_document};
use crate::error::Sql;
use crate::meetings::invite_whole_body;
use crate::meetings::tests::setup;
use crate::roster::{create_agency, list_people, roster_as_of, AgencyInput, AgencyKind};
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::io::Cursor;
use std::process::Command;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn read_back(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

fn header_index(rows: &[Vec<Data>], first: &str) -> usize {
    rows.iter().position(|r| r.first().map(text).as_deref() == Some(first)).expect("header row")
}

/// The `<col>` widths in the sheet's XML, read with unzip (not our code).
fn column_widths(bytes: &[u8], name: &str) -> Vec<f64> {
    let path = out_dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("unzip").args(["-p", path.to_str().unwrap(), "xl/worksheets/sheet1.xml"]).output().unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    xml.split("<col ").skip(1).filter_map(|c| c.split("width=\"").nth(1)?.split('"').next()?.parse().ok()).collect()
}

#[test]
fn the_roster_sheet_has_vietnamese_headers_real_dates_and_widths() {
    let (store, s, _) = setup();
    let as_of = date(2024, 9, 5);
    let bytes = store.read(|c| roster_xlsx(c, &s.task_force_id, as_of)).unwrap();
    let rows = read_back(&bytes);
    let h = header_index(&rows, "STT");
    let header: Vec<String> = rows[h].iter().map(text).collect();
    assert_eq!(header[..6], ["STT", "Họ và tên", "Vai trò", "Chức vụ", "Cơ quan, đơn vị", "Từ ngày"]);
    assert!(text(&rows[0][0]).starts_with("DANH SÁCH THÀNH VIÊN"), "{:?}", rows[0]);
    let view = store.read(|c| roster_as_of(c, &s.task_force_id, as_of)).unwrap();
    let entries: Vec<_> = view.groups.iter().flat_map(|g| g.entries.iter()).collect();
    assert_eq!(rows.len() - h - 1, entries.len());
    for (row, e) in rows[h + 1..].iter().zip(&entries) {
        // Protocol order, serial numbers, and the start date as a date cell.
        assert_eq!(
            row[0],
            Data::Float((entries.iter().position(|x| x.membership_id == e.membership_id).unwrap() + 1) as f64)
        );
        if !e.vacant {
            assert_eq!(text(&row[1]), e.person_name);
        }
        match &row[5] {
            Data::DateTime(dt) => assert_eq!(dt.as_datetime().unwrap().date(), e.start_date),
            other => panic!("start date is not a date cell: {other:?}"),
        }
    }
    let widths = column_widths(&bytes, "roster.xlsx");
    // Excel adds its padding to each width; equal neighbours share one <col> element.
    assert!(widths[0] < 8.0 && (26.0..28.0).contains(&widths[1]) && (40.0..42.0).contains(&widths[4]), "{widths:?}");
}

#[test]
fn the_register_sheet_lists_issued_documents_with_date_cells() {
    let (mut store, _, _) = setup();
    let draft = create_draft(&mut store, &load("thong-bao.json")).unwrap();
    let issued = issue_document(&mut store, &draft.id, date(2024, 10, 7), None, true).unwrap();
    let bytes = store.read(|c| register_xlsx(c, 2024)).unwrap();
    let rows = read_back(&bytes);
    let h = header_index(&rows, "Số, ký hiệu văn bản");
    assert_eq!(rows.len(), h + 2, "one document issued");
    assert_eq!(text(&rows[h + 1][0]), issued.number_symbol.clone().unwrap());
    match &rows[h + 1][1] {
        Data::DateTime(dt) => assert_eq!(dt.as_datetime().unwrap().date(), date(2024, 10, 7)),
        other => panic!("not a date cell: {other:?}"),
    }
    assert!(text(&rows[h + 1][2]).starts_with("Thông báo "));
}

#[test]
fn the_attendance_sheet_and_spreadsheet_follow_protocol_order() {
    let (mut store, _, meeting) = setup();
    let invitees = invite_whole_body(&mut store, &meeting.id).unwrap();
    assert!(invitees.len() >= 3);
    let bytes = store.read(|c| attendance_xlsx(c, &meeting.id)).unwrap();
    let rows = read_back(&bytes);
    let h = header_index(&rows, "STT");
    let names: Vec<String> = rows[h + 1..].iter().map(|r| text(&r[1])).collect();
    let expected: Vec<String> = invitees.iter().map(|i| i.name.clone()).collect();
    assert_eq!(names, expected);

    let pdf = store.read(|c| attendance_sheet_pdf(c, &meeting.id, 1_725_500_000)).unwrap();
    let path = out_dir().join("danh-sach-ky.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = tool("pdftotext", &["-enc", "UTF-8", "-layout", path.to_str().unwrap(), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("DANH SÁCH ĐẠI BIỂU DỰ HỌP"), "{flat}");
    assert!(flat.contains("STT Họ và tên Chức vụ Cơ quan Ký tên"), "{flat}");
    assert!(flat.contains("14 giờ 00, ngày 05/09/2024"), "{flat}");
    // Names appear in protocol order.
    let mut from = 0;
    for name in expected.iter().filter(|n| !n.trim().is_empty()) {
        let first_word = name.split_whitespace().last().unwrap();
        let at = flat[from..].find(first_word).unwrap_or_else(|| panic!("{name} after {from}"));
        from += at;
    }
    tool("qpdf", &["--check", path.to_str().unwrap()]);
}

fn people_file(rows: &[[&str; 5]]) -> Vec<u8> {
    let columns = ["Họ và tên", "Danh xưng", "Chức vụ", "Cơ quan", "Email"]
        .iter()
        .map(|h| Column::new(h, 20.0, CellKind::Text))
        .collect();
    let rows = rows.iter().map(|r| r.iter().map(|c| Cell::from(*c)).collect()).collect();
    write_xlsx(&[Sheet { name: "Người".into(), titles: vec!["DANH SÁCH".into()], columns, rows }]).unwrap()
}

#[test]
fn the_people_import_previews_each_row_then_imports_the_valid_ones() {
    let (mut store, _, _) = setup();
    create_agency(
        &mut store,
        &AgencyInput {
            kind: Some(AgencyKind::Department),
            full_name: "Sở Văn hóa và Thể thao".into(),
            short_name: "SVHTT".into(),
            notes: String::new(),
        },
    )
    .unwrap();
    let existing = store.read(list_people).unwrap();
    let known = &existing[0];
    let known_agency = known.agency_name.clone().unwrap_or_default();
    let bytes = people_file(&[
        ["Nguyễn Thị Lan", "Bà", "Phó Giám đốc", "sở văn hóa và thể thao", "lan@example.vn"],
        ["", "Ông", "Chuyên viên", "Sở Văn hóa và Thể thao", ""],
        ["Trần Văn Bình", "Ông", "Trưởng phòng", "Sở Không Có Thật", ""],
        ["Lê Văn Cường", "Ngài", "", "", "cuong@"],
        ["Nguyễn Thị Lan", "Bà", "", "Sở Văn hóa và Thể thao", ""],
        [&known.full_name, "", "", &known_agency, ""],
        ["Phạm Minh Đức", "ông", "Chuyên viên", "SVHTT", ""],
    ]);
    let preview = store.read(|c| preview_people_xlsx(c, &bytes)).unwrap();
    let errors: Vec<(u32, Vec<String>)> = preview.rows.iter().map(|r| (r.row, r.errors.clone())).collect();
    assert_eq!(preview.rows.len(), 7, "{errors:?}");
    // Title row, blank row, header row: data starts on row 4.
    assert_eq!(preview.rows[0].row, 4);
    assert!(preview.rows[0].errors.is_empty(), "{errors:?}");
    assert_eq!(preview.rows[1].errors, ["Thiếu họ và tên."]);
    assert!(preview.rows[2].errors[0].contains("Không có cơ quan \"Sở Không Có Thật\""), "{errors:?}");
    assert_eq!(preview.rows[3].errors.len(), 2, "{errors:?}");
    assert!(preview.rows[3].errors[0].contains("Danh xưng \"Ngài\""));
    assert!(preview.rows[3].errors[1].contains("email"));
    assert_eq!(preview.rows[4].errors, ["Trùng với dòng 4 trong tệp."]);
    assert!(preview.rows[5].errors.iter().any(|e| e.contains("đã có trong danh sách")), "{errors:?}");
    assert!(preview.rows[6].errors.is_empty(), "{errors:?}");
    assert_eq!((preview.valid, preview.invalid), (2, 5));

    let result = import_people_xlsx(&mut store, &bytes).unwrap();
    assert_eq!(result.skipped, 5);
    let names: Vec<&str> = result.created.iter().map(|p| p.full_name.as_str()).collect();
    assert_eq!(names, ["Nguyễn Thị Lan", "Phạm Minh Đức"]);
    assert_eq!(result.created[0].agency_name.as_deref(), Some("Sở Văn hóa và Thể thao"));
    assert_eq!(store.read(list_people).unwrap().len(), existing.len() + 2);
    // Importing the same file again adds nobody: every row is now a duplicate or invalid.
    assert_eq!(import_people_xlsx(&mut store, &bytes).unwrap().created.len(), 0);
}

#[test]
fn a_file_that_is_not_excel_is_refused_in_vietnamese() {
    let store = crate::store::Store::open_in_memory().unwrap();
    let err = store.read(|c| preview_people_xlsx(c, b"not a spreadsheet")).unwrap_err();
    assert!(err.message.contains("không phải tệp Excel"), "{}", err.message);
}

#[test]
fn the_task_list_sheet_has_every_task_with_due_dates_and_status() {
    use crate::followup::{add_task, TaskFilter, TaskInput};
    let (mut store, _, _) = setup();
    let agency: String =
        store.read(|c| c.query_row("SELECT id FROM agency ORDER BY id LIMIT 1", [], |r| r.get(0)).sql()).unwrap();
    let input = |content: &str, due: NaiveDate| TaskInput {
        content: content.into(),
        lead_agency_id: agency.clone(),
        coordinating_agency_ids: vec![],
        deadline: Some(crate::deadline::Deadline::Date { date: due }),
        priority: Default::default(),
        source_number: "125/UBND-KT".into(),
        source_date: Some(date(2024, 9, 2)),
        source_directed_by: String::new(),
        source_title: String::new(),
        assigned_on: None,
    };
    add_task(&mut store, &input("Số hóa hồ sơ đất đai", date(2024, 10, 15))).unwrap();
    add_task(&mut store, &input("Triển khai bệnh án điện tử", date(2024, 12, 31))).unwrap();
    let filter = TaskFilter {
        as_of: date(2024, 11, 1),
        agency_id: None,
        statuses: vec![],
        source_kind: None,
        meeting_id: None,
        document_id: None,
        due_from: None,
        due_to: None,
        text: String::new(),
        sort: Default::default(),
        descending: false,
        offset: 0,
        limit: Some(1),
    };
    let bytes = store.read(|c| tasks_xlsx(c, &filter)).unwrap();
    let rows = read_back(&bytes);
    assert_eq!(text(&rows[0][0]), "DANH SÁCH NHIỆM VỤ");
    assert!(text(&rows[1][0]).contains("tính đến ngày 01/11/2024: 2 nhiệm vụ"), "{:?}", rows[1]);
    let h = header_index(&rows, "STT");
    let header: Vec<String> = rows[h].iter().map(text).collect();
    assert_eq!(header[..4], ["STT", "Nội dung nhiệm vụ", "Nguồn giao", "Cơ quan chủ trì"]);
    // Every task, whatever page the window shows.
    let body = &rows[h + 1..];
    assert_eq!(body.len(), 2);
    let late = body.iter().find(|r| text(&r[1]) == "Số hóa hồ sơ đất đai").expect("the late task");
    assert_eq!(text(&late[7]), "Quá hạn");
    assert_eq!(late[8], Data::Float(17.0), "days overdue on 01/11/2024");
    match &late[6] {
        Data::DateTime(dt) => assert_eq!(dt.as_datetime().unwrap().date(), date(2024, 10, 15)),
        other => panic!("the due date is not a date cell: {other:?}"),
    }
    assert!(text(&late[2]).contains("125/UBND-KT"), "{:?}", late[2]);
}
