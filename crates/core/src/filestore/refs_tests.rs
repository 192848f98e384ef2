//! PDFs and attachments move out of the database into the file store, verified, crash-safe.

use super::*;
use crate::backup::{create_backup, restore_backup, BackupKind};
use crate::documents;
use crate::error::Sql;
use crate::filestore::verify_files;
use crate::meetings::{self, AgendaInput, MeetingInput, MeetingKind};
use crate::store::{Store, DB_FILE, SCHEMA_VERSION};
use chrono::NaiveDate;

fn sha(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

fn pdf_bytes(tag: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {tag}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n").into_bytes()
}

fn has_column(conn: &Connection, table: &str, column: &str) -> bool {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')")).unwrap();
    let cols: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap();
    cols.iter().any(|c| c == column)
}

/// The schema version just before migration 0018 (found by the columns it adds, so that
/// migrations merged before it do not change the test).
fn version_before_0018() -> usize {
    let mut conn = Connection::open_in_memory().unwrap();
    for v in 1..=SCHEMA_VERSION as usize {
        crate::store::migrations::migrate_to(&mut conn, v).unwrap();
        if has_column(&conn, "document", "pdf_file") {
            return v - 1;
        }
    }
    panic!("no migration adds document.pdf_file");
}

#[test]
fn blobs_of_a_database_made_before_0018_move_into_the_store_verified() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let signed = pdf_bytes("signed");
    let issued = pdf_bytes("issued");
    let damaged = pdf_bytes("damaged");
    {
        let mut c = Connection::open(data.join(DB_FILE)).unwrap();
        crate::store::migrations::migrate_to(&mut c, version_before_0018()).unwrap();
        c.pragma_update(None, "application_id", crate::store::APPLICATION_ID).unwrap();
        let insert =
            "INSERT INTO document (id, doc_type, status, content, subject, issuer_symbol, series, year, number,
                number_symbol, pdf, pdf_sha256, pdf_unsigned, created_at, updated_at)
             VALUES (?1, 'announcement', 'issued', '{}', 'Thông báo', 'TCT', 'all', 2025, ?2, ?3, ?4, ?5, ?6,
                '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')";
        // Signed: the PDF as issued kept beside it. A second one whose BLOB no longer matches
        // its recorded hash (damaged in the database): it must be left where it is.
        c.execute(insert, params!["d1", 1, "01/TB-TCT", signed, sha(&signed), issued]).unwrap();
        c.execute(insert, params!["d2", 2, "02/TB-TCT", damaged, sha(b"something else"), None::<Vec<u8>>]).unwrap();
    }
    let store = Store::open_in_dir(&data).unwrap();
    for bytes in [&signed, &issued] {
        let on_disk = stored_path(&data, &sha(bytes)).unwrap();
        assert_eq!(&std::fs::read(&on_disk).unwrap(), bytes, "kept under its hash");
    }
    let (blob, blob_unsigned, file, file_unsigned): (Vec<u8>, Option<Vec<u8>>, String, String) = store
        .read(|c| {
            c.query_row(
                "SELECT pdf, pdf_unsigned, pdf_file, pdf_unsigned_file FROM document WHERE id = 'd1'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .sql()
        })
        .unwrap();
    assert!(blob.is_empty() && blob_unsigned.is_none(), "the BLOBs are emptied");
    assert_eq!((file, file_unsigned), (sha(&signed), sha(&issued)));
    // Read back byte for byte through the accessors.
    let (pdf, unsigned) = store.read(|c| document_pdfs(c, "d1")).unwrap().unwrap();
    assert_eq!((pdf.unwrap(), unsigned.unwrap()), (signed.clone(), issued.clone()));
    assert_eq!(store.read(|c| crate::signing::store::unsigned_pdf(c, "d1")).unwrap(), issued);
    // The damaged one stays in the database, still readable as it was.
    let (pdf2, _) = store.read(|c| document_pdfs(c, "d2")).unwrap().unwrap();
    assert_eq!(pdf2.unwrap(), damaged);
    // `files verify` covers the moved files.
    let report = store.read(|c| verify_files(c, &data)).unwrap();
    assert_eq!((report.checked, report.is_ok()), (2, true), "{report:?}");
    // The database shrank: the PDFs are no longer in it (VACUUM after the move).
    drop(store);
    let store = Store::open_in_dir(&data).unwrap();
    let inline: i64 = store
        .read(|c| c.query_row("SELECT count(*) FROM document WHERE length(pdf) > 0", [], |r| r.get(0)).sql())
        .unwrap();
    assert_eq!(inline, 1, "only the damaged one, on every later start too");
}

/// A data folder with an issued document, a meeting with an attached file and a task report
/// with a file, all as written before 0018: PDFs inside the database, attachments in
/// per-record folders.
fn old_style_data(data: &Path) -> (String, Vec<u8>, String, Vec<u8>) {
    let mut store = Store::open_in_dir(data).unwrap();
    let s = crate::example_data::load(&mut store, 2024).unwrap();
    let content: documents::DocumentContent =
        serde_json::from_str(include_str!("../../../../docs/examples/cong-van.json")).unwrap();
    let doc = documents::create_draft(&mut store, &content).unwrap();
    documents::issue_document(&mut store, &doc.id, NaiveDate::from_ymd_opt(2025, 1, 8).unwrap(), None, false).unwrap();
    let pdf = store.read(|c| documents::document_pdf(c, &doc.id)).unwrap();
    let meeting = meetings::create_meeting(
        &mut store,
        &MeetingInput {
            body_id: s.task_force_id.clone(),
            kind: MeetingKind::Regular,
            form: meetings::MeetingForm::Meeting,
            subject: "Tổ Công tác quý III năm 2024".into(),
            planned_start: NaiveDate::from_ymd_opt(2024, 9, 5).unwrap().and_hms_opt(14, 0, 0).unwrap(),
            planned_end: None,
            place: "Phòng họp tầng 3".into(),
            chair_person_id: None,
            chair_title: String::new(),
            secretary_person_id: None,
        },
    )
    .unwrap();
    let items = meetings::add_agenda_item(
        &mut store,
        &meeting.id,
        &AgendaInput {
            title: "Báo cáo quý III".into(),
            presenter_person_id: None,
            presenter_agency_id: None,
            presenter_text: String::new(),
        },
    )
    .unwrap();
    let attachment = b"slides, any type".to_vec();
    let src = data.parent().unwrap().join("Trình chiếu.pptx");
    std::fs::write(&src, &attachment).unwrap();
    let items = meetings::attach_file(&mut store, data, &items[0].id, &src).unwrap();
    let file_id = items[0].files[0].id.clone();
    drop(store);
    // Back to the old layout: the PDF as a BLOB, the attachment in files/<meeting>/.
    let c = Connection::open(data.join(DB_FILE)).unwrap();
    let old = format!("files/{}/{file_id}-Trình chiếu.pptx", meeting.id);
    std::fs::create_dir_all(data.join(format!("files/{}", meeting.id))).unwrap();
    std::fs::write(data.join(&old), &attachment).unwrap();
    c.execute("UPDATE agenda_file SET stored_path = ?1", [&old]).unwrap();
    c.execute("UPDATE document SET pdf = ?2, pdf_file = NULL WHERE id = ?1", params![doc.id, pdf]).unwrap();
    c.execute("DELETE FROM stored_file", []).unwrap();
    std::fs::remove_dir_all(data.join(FILES_DIR)).unwrap();
    (doc.id, pdf, old, attachment)
}

#[test]
fn a_crash_midway_leaves_every_record_readable_and_the_next_start_finishes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (doc_id, pdf, old, attachment) = old_style_data(&data);
    // "Crash" after the file was written but before the reference was: the record still
    // reads its BLOB; the stray file in the store is harmless.
    put_bytes_in(&data, &pdf).unwrap();
    {
        let c = Connection::open(data.join(DB_FILE)).unwrap();
        let (got, _) = document_pdfs(crate::store::Db::of(&c), &doc_id).unwrap().unwrap();
        assert_eq!(got.unwrap(), pdf);
    }
    let store = Store::open_in_dir(&data).unwrap();
    assert_eq!(store.read(|c| documents::document_pdf(c, &doc_id)).unwrap(), pdf, "byte-identical");
    let (blob, file): (Vec<u8>, String) = store
        .read(|c| {
            c.query_row("SELECT pdf, pdf_file FROM document WHERE id = ?1", [&doc_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .sql()
        })
        .unwrap();
    assert!(blob.is_empty());
    assert_eq!(std::fs::read(stored_path(&data, &file).unwrap()).unwrap(), pdf);
    // The attachment moved from its old folder into the store, the old copy removed.
    let relative: String =
        store.read(|c| c.query_row("SELECT stored_path FROM agenda_file", [], |r| r.get(0)).sql()).unwrap();
    assert_eq!(relative, relative_path(&sha(&attachment)));
    assert_eq!(std::fs::read(data.join(&relative)).unwrap(), attachment);
    assert!(!data.join(&old).exists());
    // Run again: nothing left to do.
    drop(store);
    let mut c = Connection::open(data.join(DB_FILE)).unwrap();
    assert_eq!(move_out(&mut c, &data).unwrap(), MoveReport::default());
}

#[test]
fn verify_reports_a_damaged_pdf_and_a_backup_restore_round_trips_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (doc_id, pdf, _, attachment) = old_style_data(&data);
    let store = Store::open_in_dir(&data).unwrap();
    let report = store.read(|c| verify_files(c, &data)).unwrap();
    assert_eq!((report.checked, report.is_ok()), (2, true), "{report:?}");

    let backups = tmp.path().join("backups");
    let made = create_backup(&data, &backups, BackupKind::Manual, chrono::Utc::now().naive_utc()).unwrap();
    // Damage the stored PDF: verify names it by the document's number; reading it refuses.
    let on_disk = stored_path(&data, &sha(&pdf)).unwrap();
    let mut bytes = std::fs::read(&on_disk).unwrap();
    bytes[20] ^= 0x55;
    std::fs::write(&on_disk, &bytes).unwrap();
    let report = store.read(|c| verify_files(c, &data)).unwrap();
    assert_eq!(report.damaged.len(), 1, "{report:?}");
    assert!(report.damaged[0].names.iter().any(|n| n.starts_with("PDF văn bản 01/")), "{:?}", report.damaged[0].names);
    let err = store.read(|c| documents::document_pdf(c, &doc_id)).unwrap_err();
    assert!(err.message.contains("không khớp mã băm"), "{}", err.message);
    drop(store);

    // Restoring the backup brings the files back, byte for byte.
    let (_, store) = restore_backup(Path::new(&made.entry.path), &data, chrono::Utc::now().naive_utc()).unwrap();
    assert_eq!(store.read(|c| documents::document_pdf(c, &doc_id)).unwrap(), pdf);
    assert_eq!(std::fs::read(stored_path(&data, &sha(&attachment)).unwrap()).unwrap(), attachment);
    assert!(store.read(|c| verify_files(c, &data)).unwrap().is_ok());
}

#[test]
fn an_in_memory_store_keeps_its_files_in_a_scratch_folder_removed_with_it() {
    let mut store = Store::open_in_memory().unwrap();
    let dir = store.data_dir().unwrap();
    let bytes = pdf_bytes("memory");
    let sha256 = store.write(|tx| put_bytes(tx, &bytes, FileKind::Pdf)).unwrap();
    assert_eq!(store.read(|c| read_bytes(c, &sha256)).unwrap(), bytes);
    assert!(dir.join(relative_path(&sha256)).is_file());
    drop(store);
    assert!(!dir.exists(), "removed with the store");
}
