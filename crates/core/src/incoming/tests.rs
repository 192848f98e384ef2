use super::*;
use crate::error::ErrorCode;
use crate::error::Sql;
use crate::example_data;
use crate::followup::{add_progress, get_task, ProgressInput, TaskSourceKind};
use crate::search::{search_with, SearchKind, SearchQuery};
use crate::store::Store;
use chrono::NaiveDate;
use std::path::Path;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn agency(store: &Store, name: &str) -> String {
    store
        .read(crate::roster::list_agencies)
        .unwrap()
        .into_iter()
        .find(|a| a.full_name == name)
        .unwrap_or_else(|| panic!("no agency {name}"))
        .id
}

fn letter(received_on: NaiveDate, number: &str, subject: &str) -> IncomingInput {
    IncomingInput {
        received_on,
        sender_name: "Ủy ban nhân dân huyện Nghi Lộc".into(),
        number_symbol: number.into(),
        document_date: Some(received_on),
        type_name: "Công văn".into(),
        subject: subject.into(),
        ..Default::default()
    }
}

fn world() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    example_data::load(&mut store, 2025).unwrap();
    (dir, store)
}

fn add(store: &mut Store, data: &Path, input: &IncomingInput) -> IncomingDocument {
    add_incoming(store, data, input, None, false).unwrap_or_else(|e| panic!("{}", e.message))
}

#[test]
fn incoming_numbers_restart_every_year_and_are_never_given_twice() {
    let (dir, mut store) = world();
    let a = add(&mut store, dir.path(), &letter(d(2025, 12, 30), "10/UBND", "Về việc A"));
    let b = add(&mut store, dir.path(), &letter(d(2025, 12, 31), "11/UBND", "Về việc B"));
    let c = add(&mut store, dir.path(), &letter(d(2026, 1, 2), "12/UBND", "Về việc C"));
    // Registered late, but received in 2025: the next number of 2025.
    let late = add(&mut store, dir.path(), &letter(d(2025, 12, 31), "13/UBND", "Về việc D"));
    let got: Vec<(i32, u32)> = [&a, &b, &c, &late].iter().map(|x| (x.year, x.incoming_number)).collect();
    assert_eq!(got, vec![(2025, 1), (2025, 2), (2026, 1), (2025, 3)]);
    // A deleted number is not given again.
    delete_incoming(&mut store, &late.id).unwrap();
    let next = add(&mut store, dir.path(), &letter(d(2025, 12, 31), "14/UBND", "Về việc E"));
    assert_eq!(next.incoming_number, 4, "3 was given once; it is not given again");
    delete_incoming(&mut store, &b.id).unwrap();
    let after_gap = add(&mut store, dir.path(), &letter(d(2025, 12, 31), "15/UBND", "Về việc F"));
    assert_eq!(after_gap.incoming_number, 5);
    // 2026 has its own series.
    let c2 = add(&mut store, dir.path(), &letter(d(2026, 1, 3), "16/UBND", "Về việc G"));
    assert_eq!((c2.year, c2.incoming_number), (2026, 2));
    // The database itself refuses a duplicate number.
    let dup = store.write(|tx| {
        tx.execute("UPDATE incoming_document SET incoming_number = 1 WHERE id = ?1", [&after_gap.id]).sql()?;
        Ok(())
    });
    assert!(dup.is_err());
}

#[test]
fn two_windows_registering_at_once_get_consecutive_numbers() {
    let (dir, store) = world();
    drop(store);
    let threads: Vec<_> = (0..3)
        .map(|t| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut store = Store::open_in_dir(&path).unwrap();
                for i in 0..15 {
                    let input = letter(d(2025, 3, 1), &format!("{t}-{i}/UBND"), &format!("Văn bản {t} {i}"));
                    add_incoming(&mut store, &path, &input, None, false).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let store = Store::open_in_dir(dir.path()).unwrap();
    let mut numbers: Vec<u32> =
        store.read(|c| incoming_of_year(c, 2025)).unwrap().iter().map(|d| d.incoming_number).collect();
    numbers.sort();
    assert_eq!(numbers, (1..=45).collect::<Vec<u32>>(), "no gap, no duplicate");
}

#[test]
fn the_same_number_from_the_same_sender_is_warned_until_confirmed() {
    let (dir, mut store) = world();
    let so_y_te = agency(&store, "Sở Y tế");
    let mut input = letter(d(2025, 4, 1), "125/SYT-KHTC", "Về hồ sơ sức khỏe điện tử");
    input.sender_agency_id = Some(so_y_te.clone());
    input.sender_name = String::new();
    let first = add(&mut store, dir.path(), &input);
    assert_eq!(first.sender_name, "Sở Y tế", "the roster's name is kept");
    // Same number and symbol (spaces and case aside), same sender: warned, nothing written.
    let mut again = input.clone();
    again.number_symbol = "125/syt-khtc ".into();
    again.received_on = d(2025, 4, 3);
    let err = add_incoming(&mut store, dir.path(), &again, None, false).unwrap_err();
    assert_eq!(err.code, ErrorCode::NeedsConfirmation);
    assert!(err.message.contains("số đến 1/2025") && err.message.contains("01/04/2025"), "{}", err.message);
    assert_eq!(store.read(|c| incoming_of_year(c, 2025)).unwrap().len(), 1);
    // Confirmed: registered under the next number.
    let second = add_incoming(&mut store, dir.path(), &again, None, true).unwrap();
    assert_eq!(second.incoming_number, 2);
    // Another sender with the same number is not a duplicate.
    let mut other = input.clone();
    other.sender_agency_id = Some(agency(&store, "Sở Tài chính"));
    add(&mut store, dir.path(), &other);
    // Editing a document does not warn about itself.
    let mut edit = input.clone();
    edit.subject = "Về hồ sơ sức khỏe điện tử (bổ sung)".into();
    let err = update_incoming(&mut store, dir.path(), &first.id, &edit, None, false).unwrap_err();
    assert_eq!(err.code, ErrorCode::NeedsConfirmation, "the confirmed copy is still the same number");
    update_incoming(&mut store, dir.path(), &first.id, &edit, None, true).unwrap();
    assert_eq!(store.read(|c| get_incoming(c, &first.id)).unwrap().subject, edit.subject);
}

#[test]
fn a_due_date_creates_a_task_citing_both_numbers() {
    let (dir, mut store) = world();
    let handler = agency(&store, "Sở Thông tin và Truyền thông");
    let mut input = letter(d(2025, 5, 6), "88/UBND-VX", "Về việc báo cáo tình hình chuyển đổi số");
    input.handling_agency_id = Some(handler.clone());
    input.due_date = Some(d(2025, 5, 20));
    input.urgency = IncomingUrgency::Urgent;
    let doc = add(&mut store, dir.path(), &input);
    let task_id = doc.task_id.clone().expect("a task");
    let task = store.read(|c| get_task(c, &task_id, d(2025, 5, 7))).unwrap().task;
    assert_eq!(task.source.kind, TaskSourceKind::Document);
    assert_eq!(task.due_date, Some(d(2025, 5, 20)));
    assert_eq!(task.lead_agency_id.as_deref(), Some(handler.as_str()));
    assert!(task.source.label.contains("văn bản đến số 1/2025"), "{}", task.source.label);
    assert!(task.source.label.contains("88/UBND-VX"), "{}", task.source.label);
    assert!(task.content.contains("báo cáo tình hình chuyển đổi số"), "{}", task.content);

    // A new due date moves the task; removing it removes the task.
    input.due_date = Some(d(2025, 6, 1));
    update_incoming(&mut store, dir.path(), &doc.id, &input, None, false).unwrap();
    let task = store.read(|c| get_task(c, &task_id, d(2025, 5, 7))).unwrap().task;
    assert_eq!(task.due_date, Some(d(2025, 6, 1)));
    input.due_date = None;
    let edited = update_incoming(&mut store, dir.path(), &doc.id, &input, None, false).unwrap();
    assert_eq!(edited.task_id, None);
    assert!(store.read(|c| get_task(c, &task_id, d(2025, 5, 7))).is_err());

    // Once an agency reported progress, the document cannot be deleted.
    input.due_date = Some(d(2025, 6, 10));
    let edited = update_incoming(&mut store, dir.path(), &doc.id, &input, None, false).unwrap();
    let task_id = edited.task_id.unwrap();
    add_progress(
        &mut store,
        &task_id,
        &ProgressInput {
            date: d(2025, 5, 15),
            text: "Đang tổng hợp".into(),
            report_number: String::new(),
            completes: false,
            occurrence_due: None,
        },
    )
    .unwrap();
    let err = delete_incoming(&mut store, &doc.id).unwrap_err();
    assert_eq!(err.code, ErrorCode::InUse, "{}", err.message);
    // Without progress: the document and its task go.
    let other = add(
        &mut store,
        dir.path(),
        &IncomingInput { due_date: Some(d(2025, 7, 1)), ..letter(d(2025, 6, 2), "1/X", "Y") },
    );
    let other_task = other.task_id.clone().unwrap();
    delete_incoming(&mut store, &other.id).unwrap();
    assert!(store.read(|c| get_task(c, &other_task, d(2025, 7, 1))).is_err());
}

#[test]
fn bad_input_is_refused_with_the_field_named() {
    let (dir, mut store) = world();
    let mut input = letter(d(2025, 5, 6), "1/A", "   ");
    let err = add_incoming(&mut store, dir.path(), &input, None, false).unwrap_err();
    assert!(err.message.contains("Trích yếu"), "{}", err.message);
    input.subject = "Việc".into();
    input.sender_name = " ".into();
    let err = add_incoming(&mut store, dir.path(), &input, None, false).unwrap_err();
    assert!(err.message.contains("cơ quan gửi"), "{}", err.message);
    input.sender_name = "UBND".into();
    input.due_date = Some(d(2025, 5, 1));
    let err = add_incoming(&mut store, dir.path(), &input, None, false).unwrap_err();
    assert!(err.message.contains("Hạn xử lý 01/05/2025 trước ngày đến 06/05/2025"), "{}", err.message);
    input.due_date = None;
    // The window shows these messages as they are: it has no copy of the date rules.
    input.document_date = Some(d(2025, 5, 9));
    let err = add_incoming(&mut store, dir.path(), &input, None, false).unwrap_err();
    assert_eq!(err.message, "Ngày văn bản 09/05/2025 sau ngày đến 06/05/2025: hãy kiểm tra lại hai ngày này.");
    input.document_date = None;
    input.passed_on = Some(d(2025, 5, 5));
    let err = add_incoming(&mut store, dir.path(), &input, None, false).unwrap_err();
    assert!(err.message.contains("Ngày chuyển 05/05/2025 trước ngày đến 06/05/2025"), "{}", err.message);
    input.passed_on = None;
    let doc = add(&mut store, dir.path(), &input);
    input.received_on = d(2026, 1, 2);
    let err = update_incoming(&mut store, dir.path(), &doc.id, &input, None, false).unwrap_err();
    assert!(err.message.contains("ngày đến phải trong năm 2025"), "{}", err.message);
}

#[test]
fn the_list_filters_by_year_sender_and_words_without_diacritics_and_search_finds_it() {
    let (dir, mut store) = world();
    let so_y_te = agency(&store, "Sở Y tế");
    let outside = tempfile::tempdir().unwrap();
    let pdf = outside.path().join("125-SYT.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%%EOF\n").unwrap();
    let mut input = letter(d(2025, 4, 1), "125/SYT-KHTC", "Về triển khai hồ sơ sức khỏe điện tử");
    input.sender_agency_id = Some(so_y_te.clone());
    let with_file = add_incoming(&mut store, dir.path(), &input, Some(&pdf), false).unwrap();
    assert_eq!(with_file.file.as_ref().map(|f| f.name.as_str()), Some("125-SYT.pdf"));
    let (path, name) = store.read(|c| incoming_file_path(c, dir.path(), &with_file.id)).unwrap();
    assert_eq!((std::fs::read(path).unwrap(), name.as_str()), (b"%PDF-1.4\n%%EOF\n".to_vec(), "125-SYT.pdf"));
    add(&mut store, dir.path(), &letter(d(2025, 4, 2), "7/UBND", "Về lịch tiếp công dân"));
    add(&mut store, dir.path(), &letter(d(2024, 4, 2), "8/UBND", "Về sức khỏe cộng đồng"));

    let list = |f: IncomingFilter| store.read(|c| list_incoming(c, &f)).unwrap();
    let all = list(IncomingFilter::default());
    assert_eq!((all.total, all.years.clone()), (3, vec![2025, 2024]));
    assert_eq!(
        all.items.iter().map(|i| i.number_symbol.as_str()).collect::<Vec<_>>(),
        vec!["7/UBND", "125/SYT-KHTC", "8/UBND"]
    );
    let y2025 = list(IncomingFilter { year: Some(2025), ..Default::default() });
    assert_eq!(y2025.total, 2);
    let by_sender = list(IncomingFilter { sender_agency_id: Some(so_y_te.clone()), ..Default::default() });
    assert_eq!(by_sender.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), vec![with_file.id.as_str()]);
    let words = list(IncomingFilter { text: "suc khoe".into(), ..Default::default() });
    assert_eq!(words.total, 2);
    let words = list(IncomingFilter { text: "suc khoe".into(), year: Some(2025), ..Default::default() });
    assert_eq!(words.items[0].id, with_file.id);
    let paged = list(IncomingFilter { limit: Some(1), offset: 1, ..Default::default() });
    assert_eq!((paged.total, paged.items.len(), paged.items[0].number_symbol.as_str()), (3, 1, "125/SYT-KHTC"));

    // The search box finds it without diacritics, under its own kind.
    let q = SearchQuery { text: "ho so suc khoe dien tu".into(), limit: 20, ..Default::default() };
    let hits = store.read(|c| search_with(c, &q)).unwrap();
    assert!(hits.iter().any(|h| h.kind == SearchKind::Incoming && h.id == with_file.id), "{hits:#?}");
    let q = SearchQuery { text: "125/SYT".into(), kinds: vec![SearchKind::Incoming], limit: 20, ..Default::default() };
    let hits = store.read(|c| search_with(c, &q)).unwrap();
    assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), vec![with_file.id.as_str()]);
    assert!(hits[0].subtitle.contains("số đến 1/2025"), "{}", hits[0].subtitle);
    // Deleted: gone from the index.
    delete_incoming(&mut store, &with_file.id).unwrap();
    let hits = store.read(|c| search_with(c, &q)).unwrap();
    assert!(hits.is_empty(), "{hits:#?}");
}

#[test]
fn the_register_pdf_has_the_decree_columns_and_every_row() {
    let (dir, mut store) = world();
    let handler = agency(&store, "Sở Tài chính");
    let mut a = letter(d(2025, 2, 3), "15/UBND-KT", "Về kinh phí chuyển đổi số năm 2025");
    a.handling_agency_id = Some(handler);
    a.passed_on = Some(d(2025, 2, 4));
    a.urgency = IncomingUrgency::Flash;
    add(&mut store, dir.path(), &a);
    add(&mut store, dir.path(), &letter(d(2025, 2, 5), "16/UBND-KT", "Về lịch họp Tổ Công tác"));
    add(&mut store, dir.path(), &letter(d(2024, 2, 5), "99/UBND", "Năm trước, không in"));
    let bytes = store.read(|c| incoming_register_pdf(c, 2025, 1_736_035_200)).unwrap();
    let out = dir.path().join("so-den.pdf");
    std::fs::write(&out, &bytes).unwrap();
    if let Ok(keep) = std::env::var("SECRETARIAT_KEEP_PDF") {
        std::fs::write(keep, &bytes).unwrap();
    }
    let text =
        std::process::Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(&out).arg("-").output().unwrap();
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"), "{flat}");
    assert!(flat.contains("Năm 2025"), "{flat}");
    // Every column's heading (cells wrap, so word by word), before the first row.
    let header_part = &flat[..flat.find("03/02/2025").unwrap()];
    for col in INCOMING_REGISTER_COLUMNS {
        for word in col.split_whitespace() {
            assert!(header_part.contains(word), "{col}: {header_part}");
        }
    }
    for cell in ["03/02/2025", "15/UBND-KT", "16/UBND-KT", "Sở Tài chính", "04/02/2025", "Hỏa tốc"] {
        assert!(flat.contains(cell), "{cell}: {flat}");
    }
    assert!(!flat.contains("99/UBND"), "another year's row: {flat}");
    // In incoming-number order: row 1 before row 2.
    assert!(flat.find("15/UBND-KT").unwrap() < flat.find("16/UBND-KT").unwrap());
}

#[test]
fn a_backup_carries_the_stored_files_and_a_restore_brings_them_back() {
    use crate::backup::{create_backup, restore_backup, BackupKind};
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut store = Store::open_in_dir(&data).unwrap();
    example_data::load(&mut store, 2025).unwrap();
    let pdf = tmp.path().join("thu.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\nbackup me\n%%EOF\n").unwrap();
    let doc =
        add_incoming(&mut store, &data, &letter(d(2025, 3, 3), "5/UBND", "Về sao lưu"), Some(&pdf), false).unwrap();
    let sha = doc.file.unwrap().sha256;
    let at = d(2025, 3, 4).and_hms_opt(9, 0, 0).unwrap();
    let report = create_backup(&data, &tmp.path().join("usb"), BackupKind::Manual, at).unwrap();
    assert!(report.entry.problems.is_empty(), "{:?}", report.entry.problems);
    let backup = tmp.path().join("usb").join(&report.entry.name);
    let relative = format!("files/sha256/{}/{sha}", &sha[..2]);
    assert_eq!(std::fs::read(backup.join(&relative)).unwrap(), b"%PDF-1.4\nbackup me\n%%EOF\n");
    // The file is lost from the data folder; restoring the backup brings it back.
    drop(store);
    std::fs::remove_file(data.join(&relative)).unwrap();
    let (_, store) = restore_backup(&backup, &data, at + chrono::Duration::hours(1)).unwrap();
    assert!(store.read(|c| crate::filestore::verify_files(c, &data)).unwrap().is_ok());
}
