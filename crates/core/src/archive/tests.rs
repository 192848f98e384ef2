use super::*;
use crate::documents::tests::{load, tool};
use crate::documents::{create_draft, document_pdf, get_document, issue_document, DocumentRecord};
use crate::error::ErrorCode;
use crate::error::Sql;
use crate::incoming::{add_incoming, get_incoming, IncomingDocument, IncomingInput};
use crate::store::Store;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::path::Path;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: fn() -> NaiveDate = || d(2025, 12, 20);

fn world() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_dir(dir.path()).unwrap();
    (dir, store)
}

fn issued(store: &mut Store, example: &str, on: NaiveDate) -> DocumentRecord {
    let draft = create_draft(store, &load(example)).unwrap();
    issue_document(store, &draft.id, on, None, true).unwrap_or_else(|e| panic!("{}", e.message))
}

fn letter(store: &mut Store, data: &Path, on: NaiveDate, number: &str, file: Option<&Path>) -> IncomingDocument {
    let input = IncomingInput {
        received_on: on,
        sender_name: "Ủy ban nhân dân huyện Nghi Lộc".into(),
        number_symbol: number.into(),
        document_date: Some(on.pred_opt().unwrap()),
        type_name: "Công văn".into(),
        subject: format!("Về việc báo cáo chuyển đổi số ({number})"),
        ..Default::default()
    };
    add_incoming(store, data, &input, file, true).unwrap_or_else(|e| panic!("{}", e.message))
}

fn new_file(store: &mut Store, year: i32, code: &str, title: &str) -> ArchiveFile {
    let input = ArchiveFileInput {
        year,
        code: code.into(),
        title: title.into(),
        retention: Retention::Years10,
        keeper_person_id: None,
        keeper_name: "Nguyễn Thị Thư".into(),
        notes: String::new(),
    };
    create_archive_file(store, &input, TODAY()).unwrap_or_else(|e| panic!("{}", e.message))
}

#[test]
fn retention_labels_and_parsing() {
    for r in Retention::ALL {
        assert_eq!(Retention::parse(r.as_str()), Some(r));
        assert_eq!(Retention::from_user(r.label()), Some(r), "{}", r.label());
    }
    assert_eq!(Retention::from_user("vinh vien"), Some(Retention::Permanent));
    assert_eq!(Retention::from_user("20"), Some(Retention::Years20));
    assert_eq!(Retention::from_user("7 năm"), None);
    assert_eq!(Retention::Years5.label(), "5 năm");
}

#[test]
fn handover_deadline_is_one_year_after_closing_or_after_the_year() {
    assert_eq!(handover_due(2025, None), d(2026, 12, 31));
    assert_eq!(handover_due(2025, Some(d(2025, 6, 30))), d(2026, 6, 30));
    let (dir, mut store) = world();
    let _ = dir;
    let f = new_file(&mut store, 2025, "01.TCT", "Hồ sơ thông báo");
    let at = |today| store.read(|c| get_archive_file(c, &f.id, today)).unwrap();
    assert_eq!(at(d(2026, 1, 5)).handover_state, HandoverState::InTime);
    let soon = at(d(2026, 11, 1));
    assert_eq!(soon.handover_state, HandoverState::DueSoon);
    assert!(
        soon.handover_warning.contains("Chưa đóng hồ sơ; sắp đến hạn nộp lưu: 31/12/2026"),
        "{}",
        soon.handover_warning
    );
    let late = at(d(2027, 1, 10));
    assert_eq!(late.handover_state, HandoverState::Overdue);
    assert!(late.handover_warning.contains("quá hạn nộp lưu"), "{}", late.handover_warning);
    let warned = store.read(|c| handover_warnings(c, d(2027, 1, 10))).unwrap();
    assert_eq!(warned.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), vec!["01.TCT"]);
    assert!(store.read(|c| handover_warnings(c, d(2026, 1, 10))).unwrap().is_empty());
}

#[test]
fn filing_numbers_items_by_date_and_closed_files_refuse_changes() {
    let (dir, mut store) = world();
    let late = issued(&mut store, "thong-bao.json", d(2025, 3, 10));
    let early = issued(&mut store, "bao-cao.json", d(2025, 2, 1));
    let inc = letter(&mut store, dir.path(), d(2025, 2, 20), "15/UBND-VP", None);
    let a = new_file(&mut store, 2025, "01.TCT", "Hồ sơ chỉ đạo chuyển đổi số");
    let b = new_file(&mut store, 2025, "02.TCT", "Hồ sơ báo cáo");
    // The code is unique in its year.
    let dup = create_archive_file(
        &mut store,
        &ArchiveFileInput {
            year: 2025,
            code: " 01.TCT ".into(),
            title: "Khác".into(),
            retention: Retention::Permanent,
            keeper_person_id: None,
            keeper_name: String::new(),
            notes: String::new(),
        },
        TODAY(),
    )
    .unwrap_err();
    assert_eq!(dup.code, ErrorCode::Conflict);
    assert!(dup.message.contains("01.TCT"), "{}", dup.message);

    file_record(&mut store, ItemKind::Document, &late.id, std::slice::from_ref(&a.id), TODAY()).unwrap();
    file_record(&mut store, ItemKind::Incoming, &inc.id, std::slice::from_ref(&a.id), TODAY()).unwrap();
    // One record in two files, no copy; filing again changes nothing.
    file_record(&mut store, ItemKind::Document, &early.id, &[a.id.clone(), b.id.clone()], TODAY()).unwrap();
    file_record(&mut store, ItemKind::Document, &early.id, std::slice::from_ref(&a.id), TODAY()).unwrap();
    let items = store.read(|c| file_items(c, &a.id)).unwrap();
    let got: Vec<(u32, String)> = items.iter().map(|i| (i.ordinal, i.record_id.clone())).collect();
    assert_eq!(got, vec![(1, early.id.clone()), (2, inc.id.clone()), (3, late.id.clone())], "date order");
    assert_eq!(items[0].number_symbol, early.number_symbol.clone().unwrap());
    assert_eq!(items[1].author, "Ủy ban nhân dân huyện Nghi Lộc");
    assert_eq!(items[1].date, d(2025, 2, 19), "an incoming document is dated by its own date");
    let copies: i64 = store.read(|c| c.query_row("SELECT count(*) FROM document", [], |r| r.get(0)).sql()).unwrap();
    assert_eq!(copies, 2);
    let opts = store.read(|c| filing_options(c, ItemKind::Document, &early.id, TODAY())).unwrap();
    assert_eq!(opts.filed_in.len(), 2);
    assert_eq!(opts.open_files.len(), 2);

    // A draft and a record of another year are refused.
    let draft = create_draft(&mut store, &load("thong-bao.json")).unwrap();
    let e = file_record(&mut store, ItemKind::Document, &draft.id, std::slice::from_ref(&a.id), TODAY()).unwrap_err();
    assert!(e.message.contains("dự thảo"), "{}", e.message);
    let next_year = issued(&mut store, "thong-bao.json", d(2026, 1, 5));
    let e =
        file_record(&mut store, ItemKind::Document, &next_year.id, std::slice::from_ref(&a.id), TODAY()).unwrap_err();
    assert!(e.message.contains("năm 2026"), "{}", e.message);

    // Close: not before the last item; then nothing comes in or goes out.
    let e = close_archive_file(&mut store, &a.id, d(2025, 3, 1), TODAY()).unwrap_err();
    assert!(e.message.contains("không được trước"), "{}", e.message);
    let closed = close_archive_file(&mut store, &a.id, d(2025, 12, 31), TODAY()).unwrap();
    assert_eq!(closed.closed_on, Some(d(2025, 12, 31)));
    assert_eq!(closed.handover_due, d(2026, 12, 31));
    assert_eq!((closed.item_count, closed.start_date, closed.end_date), (3, Some(d(2025, 2, 1)), Some(d(2025, 3, 10))));
    let another = issued(&mut store, "bao-cao.json", d(2025, 4, 1));
    let e = file_record(&mut store, ItemKind::Document, &another.id, std::slice::from_ref(&a.id), TODAY()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(e.message.contains("đã đóng"), "{}", e.message);
    let e = unfile_item(&mut store, &items[0].id, TODAY()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    // The ordinals read the same after closing.
    assert_eq!(store.read(|c| file_items(c, &a.id)).unwrap(), items);

    // Reopen needs a reason, kept on the file and in the audit trail.
    let e = reopen_archive_file(&mut store, &a.id, "  ", TODAY()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    let reopened = reopen_archive_file(&mut store, &a.id, "Bổ sung văn bản còn thiếu", TODAY()).unwrap();
    assert_eq!((reopened.closed_on, reopened.reopen_reason.as_str()), (None, "Bổ sung văn bản còn thiếu"));
    let log: Vec<String> = store
        .read(|c| {
            let mut s = c
                .prepare("SELECT coalesce(after, '') FROM audit_log WHERE entity = 'archive_file' ORDER BY id")
                .sql()?;
            let rows = s.query_map([], |r| r.get(0)).sql()?.collect::<rusqlite::Result<Vec<String>>>().sql()?;
            Ok(rows)
        })
        .unwrap();
    assert!(log.iter().any(|a| a.contains("2025-12-31")), "closing audited: {log:?}");
    assert!(log.iter().any(|a| a.contains("Bổ sung văn bản còn thiếu")), "reopening audited: {log:?}");
    // Unfiling renumbers.
    unfile_item(&mut store, &items[0].id, TODAY()).unwrap();
    let after: Vec<(u32, String)> =
        store.read(|c| file_items(c, &a.id)).unwrap().iter().map(|i| (i.ordinal, i.record_id.clone())).collect();
    assert_eq!(after, vec![(1, inc.id.clone()), (2, late.id.clone())]);
    // The year's list.
    let year = store.read(|c| archive_year(c, 2025, TODAY())).unwrap();
    assert_eq!(
        year.files.iter().map(|f| (f.code.as_str(), f.item_count)).collect::<Vec<_>>(),
        vec![("01.TCT", 2), ("02.TCT", 1)]
    );
    assert!(year.years.contains(&2025));
    // A file with items is not deleted; an empty one is.
    assert_eq!(delete_archive_file(&mut store, &a.id).unwrap_err().code, ErrorCode::InUse);
    let c = new_file(&mut store, 2025, "03.TCT", "Trống");
    delete_archive_file(&mut store, &c.id).unwrap();
}

fn flat(pdf: &Path) -> String {
    tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sha(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Builds a year's records, files them, closes the files.
fn filed_year(store: &mut Store, data: &Path) -> (ArchiveFile, ArchiveFile, Vec<String>, Vec<String>) {
    let tb = issued(store, "thong-bao.json", d(2025, 3, 10));
    let bc = issued(store, "bao-cao.json", d(2025, 2, 1));
    // An incoming letter with its original (a PDF), and one registered without a file.
    let original = data.join("cong-van-den.pdf");
    std::fs::write(&original, store.read(|c| document_pdf(c, &bc.id)).unwrap()).unwrap();
    let with_file = letter(store, data, d(2025, 2, 20), "15/UBND-VP", Some(&original));
    let without = letter(store, data, d(2025, 4, 2), "16/UBND-VP", None);
    let a = new_file(store, 2025, "01.TCT", "Hồ sơ chỉ đạo chuyển đổi số năm 2025");
    let b = new_file(store, 2025, "02.TCT", "Hồ sơ văn bản đến");
    file_record(store, ItemKind::Document, &tb.id, std::slice::from_ref(&a.id), TODAY()).unwrap();
    file_record(store, ItemKind::Document, &bc.id, &[a.id.clone(), b.id.clone()], TODAY()).unwrap();
    file_record(store, ItemKind::Incoming, &with_file.id, &[a.id.clone(), b.id.clone()], TODAY()).unwrap();
    file_record(store, ItemKind::Incoming, &without.id, std::slice::from_ref(&b.id), TODAY()).unwrap();
    let a = close_archive_file(store, &a.id, d(2025, 12, 31), TODAY()).unwrap();
    let b = close_archive_file(store, &b.id, d(2025, 12, 31), TODAY()).unwrap();
    (a, b, vec![tb.id, bc.id], vec![with_file.id, without.id])
}

#[test]
fn file_contents_pdf_lists_the_items_in_order() {
    let (dir, mut store) = world();
    let (a, _, docs, _) = filed_year(&mut store, dir.path());
    let pdf = store.read(|c| file_contents_pdf(c, dir.path(), &a.id, TODAY(), 1_767_139_200)).unwrap();
    let path = crate::documents::tests::out_dir().join("muc-luc-van-ban.pdf");
    std::fs::write(&path, &pdf).unwrap();
    tool("qpdf", &["--check", path.to_str().unwrap()]);
    let text = flat(&path);
    assert!(text.contains("MỤC LỤC VĂN BẢN"), "{text}");
    assert!(text.contains("Hồ sơ số: 01.TCT"), "{text}");
    assert!(text.contains("Thời hạn bảo quản: 10 năm"), "{text}");
    for col in ["Số TT", "Trích yếu nội dung văn bản", "Tờ số", "Ghi chú"] {
        assert!(text.contains(col), "column {col}: {text}");
    }
    let bc = store.read(|c| get_document(c, &docs[1])).unwrap().number_symbol.unwrap();
    let tb = store.read(|c| get_document(c, &docs[0])).unwrap().number_symbol.unwrap();
    let (p1, p2, p3) = (text.find(&bc).unwrap(), text.find("15/UBND-VP").unwrap(), text.find(&tb).unwrap());
    assert!(p1 < p2 && p2 < p3, "date order in the table: {text}");
    // Sheets run on from one item to the next.
    let items = store.read(|c| file_items(c, &a.id)).unwrap();
    let pages = store.read(|c| Ok(item_page_counts(c, dir.path(), &items))).unwrap();
    assert!(pages.iter().all(|p| p.is_some()), "{pages:?}");
    let first = pages[0].unwrap();
    let second_start = format!("{}", first + 1);
    assert!(text.contains(&second_start), "{text}");
}

#[test]
fn handover_package_round_trips_into_an_empty_install_and_refuses_damage() {
    let (dir, mut store) = world();
    let (a, b, docs, incoming) = filed_year(&mut store, dir.path());
    let out = tempfile::tempdir().unwrap();
    let zip_path = out.path().join("nop-luu-2025.zip");
    let req = HandoverRequest {
        year: 2025,
        file_ids: vec![],
        parties: HandoverParties {
            giver: "Nguyễn Thị Thư".into(),
            receiving_archive: "Lưu trữ Sở Khoa học và Công nghệ".into(),
            receiver: "Trần Văn Lưu".into(),
        },
        on: d(2026, 1, 15),
    };
    let report = export_handover(&mut store, dir.path(), &req, &zip_path).unwrap_or_else(|e| panic!("{}", e.message));
    assert_eq!((report.files, report.items), (2, 6));
    let folder = out.path().join("nop-luu-2025");
    for name in
        ["manifest.json", "metadata.json", "metadata.xml", package::HANDOVER_LIST_PDF, package::HANDOVER_RECORD_PDF]
    {
        assert!(folder.join(name).is_file(), "{name}");
    }
    // A second export of the same files: nothing left to hand over, and the files are frozen.
    let again = export_handover(&mut store, dir.path(), &req, &out.path().join("lai.zip")).unwrap_err();
    assert!(again.message.contains("chưa có hồ sơ nào đã đóng"), "{}", again.message);
    let frozen = store.read(|c| get_archive_file(c, &a.id, TODAY())).unwrap();
    assert_eq!(frozen.handed_over_on, Some(d(2026, 1, 15)));
    assert_eq!(frozen.handover_state, HandoverState::HandedOver);
    assert!(reopen_archive_file(&mut store, &a.id, "Sửa", TODAY()).is_err());

    // The PDFs of the package, read back by independent tools.
    for pdf in [package::HANDOVER_LIST_PDF, package::HANDOVER_RECORD_PDF, "ho-so/01.TCT/muc-luc-van-ban.pdf"] {
        let p = folder.join(pdf);
        tool("qpdf", &["--check", p.to_str().unwrap()]);
        std::fs::copy(&p, crate::documents::tests::out_dir().join(pdf.replace('/', "-"))).unwrap();
    }
    let list = flat(&folder.join(package::HANDOVER_LIST_PDF));
    assert!(list.contains("MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU"), "{list}");
    assert!(list.contains("01.TCT") && list.contains("02.TCT") && list.contains("Gồm 2 hồ sơ, 6 văn bản"), "{list}");
    let record = flat(&folder.join(package::HANDOVER_RECORD_PDF));
    assert!(record.contains("BIÊN BẢN"), "{record}");
    assert!(record.contains("Giao nhận tài liệu năm 2025"), "{record}");
    assert!(record.contains("Lưu trữ Sở Khoa học và Công nghệ") && record.contains("Trần Văn Lưu"), "{record}");
    assert!(record.contains("ĐẠI DIỆN BÊN GIAO") && record.contains("ĐẠI DIỆN BÊN NHẬN"), "{record}");
    // The metadata in the decree's fields.
    let xml = std::fs::read_to_string(folder.join("metadata.xml")).unwrap();
    for field in [
        "<FileCode>01.TCT</FileCode>",
        "<DocOrdinal>1</DocOrdinal>",
        "<TypeName>Báo cáo</TypeName>",
        "<CodeNotation>",
        "<IssuedDate>2025-02-01</IssuedDate>",
        "<OrganName>",
        "<Language>Tiếng Việt</Language>",
        "<PageAmount>",
        "<Maintenance>10 năm</Maintenance>",
        "<ArrivalNumber>1</ArrivalNumber>",
        "<DocTotal>3</DocTotal>",
    ] {
        assert!(xml.contains(field), "{field} in {xml}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("metadata.json")).unwrap()).unwrap();
    assert_eq!(json["files"][0]["FileCode"], "01.TCT");
    assert_eq!(json["files"][0]["docs"][1]["CodeNotation"], "UBND-VP");

    // Import the zip and the folder, each into a fresh install: the same records.
    for source in [zip_path.clone(), folder.clone()] {
        let (dir2, mut fresh) = world();
        let got = import_handover(&mut fresh, dir2.path(), &source).unwrap_or_else(|e| panic!("{}", e.message));
        assert_eq!((got.files, got.items, got.documents, got.incoming), (2, 6, 2, 2));
        for f in [&a, &b] {
            let want = store.read(|c| archive_file_detail(c, &f.id, TODAY())).unwrap();
            let have = fresh.read(|c| archive_file_detail(c, &f.id, TODAY())).unwrap();
            assert_eq!(have, want, "file {}", f.code);
        }
        for id in &docs {
            let want = store.read(|c| get_document(c, id)).unwrap();
            let have = fresh.read(|c| get_document(c, id)).unwrap();
            assert_eq!(have, want);
            let (p1, p2) = (store.read(|c| document_pdf(c, id)).unwrap(), fresh.read(|c| document_pdf(c, id)).unwrap());
            assert_eq!(sha(&p1), sha(&p2));
        }
        for id in &incoming {
            let want = store.read(|c| get_incoming(c, id)).unwrap();
            let have = fresh.read(|c| get_incoming(c, id)).unwrap();
            assert_eq!(have, want);
            if let Some(f) = &have.file {
                let (path, _) = fresh.read(|c| crate::incoming::incoming_file_path(c, dir2.path(), id)).unwrap();
                assert_eq!(sha(&std::fs::read(path).unwrap()), f.sha256);
            }
        }
        // The next incoming number continues after the imported ones.
        let next = letter(&mut fresh, dir2.path(), d(2025, 5, 1), "99/X", None);
        assert_eq!(next.incoming_number, 3);
        // Importing the same package again is refused.
        let e = import_handover(&mut fresh, dir2.path(), &source).unwrap_err();
        assert_eq!(e.code, ErrorCode::Conflict, "{}", e.message);
    }

    // A damaged package: one byte of a PDF changed.
    let victim = folder.join("ho-so/01.TCT/001.pdf");
    let mut bytes = std::fs::read(&victim).unwrap();
    let n = bytes.len() / 2;
    bytes[n] ^= 0x20;
    std::fs::write(&victim, bytes).unwrap();
    let (dir3, mut fresh) = world();
    let e = import_handover(&mut fresh, dir3.path(), &folder).unwrap_err();
    assert!(e.message.contains("Gói hồ sơ bị hỏng") && e.message.contains("001.pdf"), "{}", e.message);
    assert!(fresh.read(|c| archive_year(c, 2025, TODAY())).unwrap().files.is_empty(), "nothing imported");
    // Not a package at all.
    let e = import_handover(&mut fresh, dir3.path(), &folder.join("metadata.xml")).unwrap_err();
    assert!(e.message.contains("không phải gói hồ sơ"), "{}", e.message);
}
