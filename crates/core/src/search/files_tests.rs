//! Text inside attached files: read in the background, found as the record that owns it.

use super::*;
use crate::documents::pdf::{render, Margins, RenderOptions};
use crate::documents::{Block, DocumentContent, Run};
use crate::error::Sql;
use crate::incoming::{add_incoming, IncomingInput};
use crate::search::{search, SearchKind};
use chrono::NaiveDate;

/// An example document whose body carries `phrase`, which nothing else in the data has.
fn content_with(phrase: &str) -> DocumentContent {
    let mut content: DocumentContent =
        serde_json::from_str(include_str!("../../../../docs/examples/cong-van.json")).unwrap();
    content.body.push(Block::Paragraph {
        runs: vec![Run {
            text: format!("Đề nghị các đơn vị triển khai {phrase} trong tháng tới."),
            ..Default::default()
        }],
    });
    content
}

fn issuer(content: &DocumentContent) -> crate::documents::Issuer {
    crate::documents::authority::content_authority(&crate::settings::DocumentSettings::default(), content)
        .unwrap()
        .issuer()
}

fn register(store: &mut Store, data: &Path, subject: &str, file: &Path) -> String {
    let input = IncomingInput {
        received_on: NaiveDate::from_ymd_opt(2025, 3, 3).unwrap(),
        sender_name: "Sở Y tế".into(),
        number_symbol: format!("{}/SYT-KHTC", subject.len()),
        subject: subject.into(),
        ..Default::default()
    };
    add_incoming(store, data, &input, Some(file), true).unwrap().id
}

fn hits(store: &Store, q: &str) -> Vec<(SearchKind, String, String)> {
    store
        .read(|c| search(c, q, 20))
        .unwrap()
        .into_iter()
        .map(|h| (h.kind, h.id, h.snippet.iter().map(|m| m.text.as_str()).collect::<String>()))
        .collect()
}

#[test]
fn a_pdf_of_our_engine_and_a_docx_are_read_and_found_by_a_word_of_their_body() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut store = Store::open_in_dir(&data).unwrap();
    crate::example_data::load(&mut store, 2024).unwrap();

    let pdf_content = content_with("nền tảng Khuê Bích Thượng");
    let pdf =
        render(&pdf_content, &issuer(&pdf_content), RenderOptions { margins: Margins::default(), created_unix: 0 })
            .unwrap();
    let pdf_path = tmp.path().join("Công văn Sở Y tế.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    let docx_content = content_with("ứng dụng Đồng Lạc Xuyên");
    let docx =
        crate::documents::docx::render_docx(&docx_content, &issuer(&docx_content), Margins::default(), 0).unwrap();
    let docx_path = tmp.path().join("Báo cáo.docx");
    std::fs::write(&docx_path, &docx).unwrap();

    let with_pdf = register(&mut store, &data, "Về việc triển khai hồ sơ sức khỏe", &pdf_path);
    let with_docx = register(&mut store, &data, "Về việc báo cáo quý I", &docx_path);
    // Not read yet: only the records' own words are found.
    assert!(hits(&store, "khue bich thuong").is_empty());
    assert_eq!(store.read(progress).unwrap(), TextProgress { pending: 2, done: 0, failed: 0 });

    // The background work, a chunk at a time.
    assert_eq!(extract_pending(&mut store, 1).unwrap(), 1);
    assert_eq!(extract_pending(&mut store, 10).unwrap(), 1);
    assert_eq!(extract_pending(&mut store, 10).unwrap(), 0);
    assert_eq!(store.read(progress).unwrap(), TextProgress { pending: 0, done: 2, failed: 0 });

    // Found as the incoming document that owns the file, with diacritics or without, with a
    // snippet from the file's text.
    for q in ["khue bich thuong", "Khuê Bích Thượng", "\"bich thuong\""] {
        let found = hits(&store, q);
        assert_eq!(found.len(), 1, "{q}: {found:?}");
        assert_eq!((found[0].0, found[0].1.as_str()), (SearchKind::Incoming, with_pdf.as_str()));
        assert!(found[0].2.contains("Khuê Bích Thượng"), "{q}: snippet {:?}", found[0].2);
    }
    let found = hits(&store, "dong lac xuyen");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1.as_str()), (SearchKind::Incoming, with_docx.as_str()));
    assert!(found[0].2.contains("Đồng Lạc Xuyên"), "{:?}", found[0].2);
    // The PDF's text reads as written (ToUnicode of the embedded fonts), words apart.
    let text: String =
        store.read(|c| c.query_row("SELECT text FROM file_text WHERE kind = 'pdf'", [], |r| r.get(0)).sql()).unwrap();
    assert!(text.contains("nền tảng Khuê Bích Thượng"), "{text}");
}

#[test]
fn an_agenda_file_is_found_as_its_meeting() {
    let (mut store, _, meeting) = crate::meetings::tests::setup();
    let tmp = tempfile::tempdir().unwrap();
    let data = store.data_dir().unwrap();
    let content = content_with("kho dữ liệu Phương Mai Sơn");
    let pdf =
        render(&content, &issuer(&content), RenderOptions { margins: Margins::default(), created_unix: 0 }).unwrap();
    let path = tmp.path().join("Tài liệu họp.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let item = crate::meetings::add_agenda_item(
        &mut store,
        &meeting.id,
        &crate::meetings::AgendaInput {
            title: "Báo cáo kho dữ liệu".into(),
            presenter_person_id: None,
            presenter_agency_id: None,
            presenter_text: String::new(),
        },
    )
    .unwrap()
    .remove(0)
    .id;
    crate::meetings::attach_file(&mut store, &data, &item, &path).unwrap();
    while extract_pending(&mut store, 5).unwrap() > 0 {}
    let found = hits(&store, "phuong mai son");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1.as_str()), (SearchKind::Meeting, meeting.id.as_str()));
    assert!(found[0].2.contains("Phương Mai Sơn"), "{:?}", found[0].2);
}

#[test]
fn a_damaged_or_garbled_file_is_marked_failed_and_the_queue_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut store = Store::open_in_dir(&data).unwrap();
    // A "PDF" that is only a header, a "DOCX" that is a zip of nothing, and a good one.
    let broken_pdf = tmp.path().join("hong.pdf");
    std::fs::write(&broken_pdf, b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ngarbage").unwrap();
    let broken_docx = tmp.path().join("hong.docx");
    std::fs::write(&broken_docx, b"PK\x03\x04 this is no zip archive at all").unwrap();
    let content = content_with("mạng lưới Tân Kỳ Hòa");
    let good = tmp.path().join("tot.pdf");
    std::fs::write(
        &good,
        render(&content, &issuer(&content), RenderOptions { margins: Margins::default(), created_unix: 0 }).unwrap(),
    )
    .unwrap();
    for (i, f) in [&broken_pdf, &broken_docx, &good].into_iter().enumerate() {
        register(&mut store, &data, &format!("Văn bản đến thứ {}", i + 1), f);
    }
    while extract_pending(&mut store, 1).unwrap() > 0 {}
    let p = store.read(progress).unwrap();
    assert_eq!(p, TextProgress { pending: 0, done: 1, failed: 2 }, "both broken files failed, the good one read");
    let errors: Vec<String> = store
        .read(|c| {
            let mut s = c.prepare("SELECT error FROM file_text WHERE status = 'failed' ORDER BY kind").sql()?;
            let rows = s.query_map([], |r| r.get(0)).sql()?.collect::<rusqlite::Result<Vec<String>>>().sql()?;
            Ok(rows)
        })
        .unwrap();
    assert!(errors[0].contains("Word"), "{errors:?}");
    assert!(errors[1].contains("PDF"), "{errors:?}");
    assert_eq!(hits(&store, "tan ky hoa").len(), 1);
}

#[test]
fn a_progress_file_is_found_as_its_task() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut store = Store::open_in_dir(&data).unwrap();
    crate::example_data::load(&mut store, 2024).unwrap();
    // A received letter with a due date: its follow-up task.
    let input = IncomingInput {
        received_on: NaiveDate::from_ymd_opt(2025, 3, 3).unwrap(),
        sender_name: "Sở Y tế".into(),
        subject: "Về việc báo cáo tiến độ".into(),
        due_date: Some(NaiveDate::from_ymd_opt(2025, 4, 30).unwrap()),
        ..Default::default()
    };
    let task = add_incoming(&mut store, &data, &input, None, true).unwrap().task_id.expect("a follow-up task");
    let content = content_with("cổng thông tin Vĩnh Thành Lộc");
    let docx = crate::documents::docx::render_docx(&content, &issuer(&content), Margins::default(), 0).unwrap();
    let path = tmp.path().join("Báo cáo tiến độ.docx");
    std::fs::write(&path, &docx).unwrap();
    let report = crate::followup::ProgressInput {
        date: NaiveDate::from_ymd_opt(2025, 3, 20).unwrap(),
        text: "Đã triển khai".into(),
        report_number: "12/BC-SYT".into(),
        completes: false,
        occurrence_due: None,
    };
    crate::followup::add_progress_with_file(&mut store, &data, &task, &report, &path).unwrap();
    while extract_pending(&mut store, 5).unwrap() > 0 {}
    let found = hits(&store, "vinh thanh loc");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1.as_str()), (SearchKind::Task, task.as_str()));
    assert!(found[0].2.contains("Vĩnh Thành Lộc"), "{:?}", found[0].2);
}

/// The worker's check between chunks counts only what is left to read, on the partial index
/// of pending files (a GROUP BY over every file read so far would grow with the archive).
#[test]
fn the_pending_count_reads_only_the_pending_files() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut store = Store::open_in_dir(&data).unwrap();
    let content = content_with("bản đồ số Quỳ Châu");
    for i in 0..3 {
        let f = tmp.path().join(format!("vb{i}.pdf"));
        let created = RenderOptions { margins: Margins::default(), created_unix: i };
        std::fs::write(&f, render(&content, &issuer(&content), created).unwrap()).unwrap();
        register(&mut store, &data, &format!("Văn bản đến số {i}"), &f);
    }
    assert_eq!(store.read(pending_count).unwrap(), 3);
    extract_pending(&mut store, 2).unwrap();
    assert_eq!(store.read(pending_count).unwrap(), store.read(progress).unwrap().pending);
    assert_eq!(store.read(pending_count).unwrap(), 1);
    let plan: Vec<String> = store
        .read(|c| {
            let mut s = c.prepare(&format!("EXPLAIN QUERY PLAN {PENDING_COUNT_SQL}")).sql()?;
            let rows = s.query_map([], |r| r.get(3)).sql()?.collect::<rusqlite::Result<Vec<String>>>().sql()?;
            Ok(rows)
        })
        .unwrap();
    assert!(plan.iter().any(|p| p.contains("file_text_pending")), "{plan:?}");
}
