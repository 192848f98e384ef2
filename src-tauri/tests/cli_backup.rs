//! `secretariat backup …` run as a secretary or a script would: the real binary, temporary
//! folders, exit codes and messages; and a full disk simulated with a file size limit.

mod common;
use common::{fails, ok};

use secretariat_core::backup::{dump_records as dump, list_backups, verify_backup};
use secretariat_core::meetings::{self, AgendaInput, MeetingInput, MeetingKind};
use secretariat_core::store::{Store, DB_FILE};
use secretariat_core::{documents, example_data};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Example roster, an issued document, a meeting with an attached file of `attachment_kb`.
fn data_with_records(data: &Path, attachment_kb: usize) {
    let mut store = Store::open_in_dir(data).unwrap();
    let s = example_data::load(&mut store, 2024).unwrap();
    let content: documents::DocumentContent =
        serde_json::from_str(include_str!("../../docs/examples/cong-van.json")).unwrap();
    let doc = documents::create_draft(&mut store, &content).unwrap();
    documents::issue_document(&mut store, &doc.id, chrono::NaiveDate::from_ymd_opt(2025, 1, 8).unwrap(), None, false)
        .unwrap();
    let m = meetings::create_meeting(
        &mut store,
        &MeetingInput {
            body_id: s.task_force_id,
            kind: MeetingKind::Regular,
            form: meetings::MeetingForm::Meeting,
            subject: "Tổ Công tác".into(),
            planned_start: chrono::NaiveDate::from_ymd_opt(2024, 9, 5).unwrap().and_hms_opt(14, 0, 0).unwrap(),
            planned_end: None,
            place: String::new(),
            chair_person_id: None,
            chair_title: String::new(),
            secretary_person_id: None,
        },
    )
    .unwrap();
    let items = meetings::add_agenda_item(
        &mut store,
        &m.id,
        &AgendaInput {
            title: "Báo cáo".into(),
            presenter_person_id: None,
            presenter_agency_id: None,
            presenter_text: String::new(),
        },
    )
    .unwrap();
    let src = data.parent().unwrap().join("Báo cáo quý III.pdf");
    let bytes: Vec<u8> = (0..attachment_kb * 1024).map(|i| (i % 253) as u8).collect();
    std::fs::write(&src, bytes).unwrap();
    meetings::attach_file(&mut store, data, &items[0].id, &src).unwrap();
}

fn dump_of(data: &Path) -> String {
    Store::open_read_only(&data.join(DB_FILE)).unwrap().read(dump).unwrap()
}

fn only_backup(dir: &Path) -> PathBuf {
    let list = list_backups(dir);
    assert_eq!(list.len(), 1, "{list:?}");
    PathBuf::from(&list[0].path)
}

#[test]
fn create_verify_restore_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let usb = tmp.path().join("usb");
    data_with_records(&data, 64);
    let before = dump_of(&data);

    // The attached file and the issued PDF (kept in the file store, not in the database).
    let made = ok(&data, &["backup", "create", "--to", usb.to_str().unwrap()]);
    assert!(made.starts_with("Đã tạo bản sao lưu ") && made.contains("(2 tệp đính kèm"), "{made}");
    let backup = only_backup(&usb);
    let verified = ok(&data, &["backup", "verify", backup.to_str().unwrap()]);
    assert!(verified.contains("Bản sao lưu hợp lệ") && verified.contains("đã kiểm tra 3 tệp"), "{verified}");
    let listed = ok(&data, &["backup", "list", "--from", usb.to_str().unwrap()]);
    assert!(listed.contains("thủ công") && listed.contains("2 tệp đính kèm"), "{listed}");

    // Without a backup folder in the settings, backups go to <data dir>/backups.
    ok(&data, &["backup", "create"]);
    assert_eq!(list_backups(&data.join("backups")).len(), 1);

    // Change something, then look it up in the backup without restoring.
    ok(&data, &["agency", "rename", &agency_id(&data), "--name", "Sở Tên Mới", "--from", "2025-01-01"]);
    let now_hits = ok(&data, &["search", "so ten moi"]);
    assert!(now_hits.contains("Sở Tên Mới"), "{now_hits}");
    let old_hits = ok(&data, &["backup", "show", backup.to_str().unwrap(), "--", "search", "so ten moi"]);
    assert!(old_hits.contains("Không tìm thấy"), "{old_hits}");
    let refused = fails(
        &data,
        &[
            "backup",
            "show",
            backup.to_str().unwrap(),
            "--",
            "agency",
            "rename",
            &agency_id(&data),
            "--name",
            "X",
            "--from",
            "2025-01-01",
        ],
    );
    assert!(refused.contains("chỉ đọc"), "{refused}");

    // A script must confirm; then the data is as it was at backup time, the newer data kept aside.
    let asked = fails(&data, &["backup", "restore", backup.to_str().unwrap()]);
    assert!(asked.contains("truoc-khoi-phuc") && asked.contains("--yes"), "{asked}");
    assert!(ok(&data, &["search", "so ten moi"]).contains("Sở Tên Mới"), "nothing changed without --yes");
    let restored = ok(&data, &["backup", "restore", backup.to_str().unwrap(), "--yes"]);
    assert!(restored.contains("Đã khôi phục") && restored.contains("truoc-khoi-phuc-"), "{restored}");
    assert_eq!(dump_of(&data), before);
    assert!(ok(&data, &["search", "so ten moi"]).contains("Không tìm thấy"));

    // A backup with one changed byte is refused by verify and by restore.
    let db = backup.join(DB_FILE);
    let mut bytes = std::fs::read(&db).unwrap();
    let n = bytes.len();
    bytes[n - 100] ^= 0x20;
    std::fs::write(&db, bytes).unwrap();
    let err = fails(&data, &["backup", "verify", backup.to_str().unwrap()]);
    assert!(err.contains("secretariat.db đã bị thay đổi"), "{err}");
    let err = fails(&data, &["backup", "restore", backup.to_str().unwrap(), "--yes"]);
    assert!(err.contains("Chưa có gì bị thay đổi"), "{err}");
    assert_eq!(dump_of(&data), before);
}

fn agency_id(data: &Path) -> String {
    let out = ok(data, &["agency", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v[0]["id"].as_str().unwrap().to_string()
}

/// A full disk, simulated with a file size limit (RLIMIT_FSIZE): writes past it fail with
/// EFBIG instead of the process being killed, because SIGXFSZ is ignored.
fn run_limited(dir: &Path, limit_kb: u64, args: &[&str]) -> Output {
    let bin = env!("CARGO_BIN_EXE_secretariat");
    let mut script = format!("trap '' XFSZ; ulimit -f {limit_kb}; exec '{bin}' --data-dir '{}'", dir.display());
    for a in args {
        script.push_str(&format!(" '{a}'"));
    }
    Command::new("bash")
        .args(["-c", &script])
        .env_remove("SECRETARIAT_DATA_DIR")
        .env_remove("SECRETARIAT_BACKUP_DIR")
        .output()
        .expect("bash runs")
}

#[test]
fn a_full_disk_leaves_old_backups_and_the_data_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let usb = tmp.path().join("usb");
    data_with_records(&data, 3 * 1024);
    ok(&data, &["backup", "create", "--to", usb.to_str().unwrap()]);
    let old = only_backup(&usb);
    let before = dump_of(&data);
    let db_size = std::fs::metadata(data.join(DB_FILE)).unwrap().len() / 1024;

    // 1. The database copy itself does not fit; 2. the database fits, the 3 MB file does not.
    for limit in [db_size / 2, db_size + 512] {
        let out = run_limited(&data, limit, &["backup", "create", "--to", usb.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "limit {limit} kB: {err}");
        assert!(err.starts_with("Lỗi: Không tạo được bản sao lưu trong"), "{err}");
        assert!(
            err.contains("Phần đã chép dở đã được xóa; dữ liệu hiện tại và các bản sao lưu cũ không bị ảnh hưởng"),
            "{err}"
        );
        assert!(err.contains("ổ đĩa"), "the message names the disk: {err}");
        // Only the old backup is there, and it still verifies; the data is unchanged.
        let names: Vec<_> = std::fs::read_dir(&usb).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!(only_backup(&usb), old);
        assert!(verify_backup(&old).ok());
        assert_eq!(dump_of(&data), before);
    }
}
