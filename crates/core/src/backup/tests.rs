use super::create::{create_inner, Stage as CreateStage};
use super::restore::{restore_inner, Stage as RestoreStage, VIEW_READ_ONLY};
use super::rotation::{to_keep, Keep};
use super::*;
use crate::documents;
use crate::error::ErrorCode;
use crate::example_data;
use crate::meetings::{self, AgendaInput, MeetingInput, MeetingKind};
use crate::roster::{self, AgencyRename};
use crate::store::{schema_version, Store, APPLICATION_ID, DB_FILE, SCHEMA_VERSION};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

/// A data folder with the example roster, an issued document (PDF in the file store), a
/// meeting with two attached files.
fn data_with_records(data: &Path) -> Store {
    let mut store = Store::open_in_dir(data).unwrap();
    let s = example_data::load(&mut store, 2024).unwrap();
    let json = include_str!("../../../../docs/examples/cong-van.json");
    let content: documents::DocumentContent = serde_json::from_str(json).unwrap();
    let doc = documents::create_draft(&mut store, &content).unwrap();
    documents::issue_document(&mut store, &doc.id, NaiveDate::from_ymd_opt(2025, 1, 8).unwrap(), None, false).unwrap();
    let meeting = meetings::create_meeting(
        &mut store,
        &MeetingInput {
            body_id: s.task_force_id.clone(),
            kind: MeetingKind::Regular,
            form: meetings::MeetingForm::Meeting,
            subject: "Tổ Công tác quý III năm 2024".into(),
            planned_start: at(2024, 9, 5, 14, 0),
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
    let src = data.parent().unwrap().join("nguon");
    std::fs::create_dir_all(&src).unwrap();
    for (name, bytes) in [("Báo cáo quý III.pdf", b"%PDF-1.7 bao cao".to_vec()), ("Phụ lục.xlsx", vec![7u8; 300_000])]
    {
        std::fs::write(src.join(name), bytes).unwrap();
        meetings::attach_file(&mut store, data, &items[0].id, &src.join(name)).unwrap();
    }
    store
}

fn dump_of(store: &Store) -> String {
    store.read(dump).unwrap()
}

/// Every file under `dir/files`, relative path → bytes.
fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(read) = std::fs::read_dir(dir) else { return };
        for e in read {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(p.strip_prefix(base).unwrap().to_string_lossy().to_string(), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, &dir.join("files"), &mut out);
    out
}

fn stored_hashes(store: &Store) -> Vec<(String, String)> {
    store.read(|db| create::attached_files(db.conn())).unwrap()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    v.sort();
    v
}

#[test]
fn backup_then_restore_gives_back_every_table_and_file() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let dest = tmp.path().join("usb");
    let mut store = data_with_records(&data);
    let before = dump_of(&store);
    let files_before = files_of(&data);
    assert_eq!(files_before.len(), 3, "two attached files and the issued PDF");
    assert!(files_before.values().any(|b| b.starts_with(b"%PDF-1.") && b.len() > 10_000), "the issued PDF is a file");

    // Made while the store is open (WAL), as the window does.
    let report = create_backup(&data, &dest, BackupKind::Manual, at(2025, 3, 1, 9, 30)).unwrap();
    assert_eq!(report.entry.name, "secretariat-20250301-093000-thu-cong");
    assert_eq!(report.entry.attachments, 3);
    // The audit trail of the live data says a backup was made, and where.
    let logged = store
        .read(|c| {
            crate::audit::list(
                c,
                &crate::audit::AuditFilter { action: Some(crate::audit::AuditAction::Backup), ..Default::default() },
            )
        })
        .unwrap();
    assert_eq!(logged.len(), 1);
    assert!(logged[0].summary.contains("secretariat-20250301-093000-thu-cong"), "{}", logged[0].summary);
    assert!(report.entry.problems.is_empty(), "{:?}", report.entry.problems);
    let backup = dest.join(&report.entry.name);
    let manifest = read_manifest(&backup).unwrap();
    assert_eq!(manifest.schema_version, SCHEMA_VERSION);
    assert_eq!(manifest.kind, BackupKind::Manual);
    for (path, sha) in stored_hashes(&store) {
        let listed = manifest.files.iter().find(|f| f.path == path).expect("every attached file is listed");
        assert_eq!(listed.sha256, sha);
        assert_eq!(std::fs::read(backup.join(&path)).unwrap(), files_before[&path]);
    }
    let check = verify_backup(&backup);
    assert!(check.ok(), "{:?}", check.problems);
    assert_eq!(check.files_checked, 4);

    // Later changes: an agency renamed, a file attached, one file damaged on disk.
    let agency = store.read(roster::list_agencies).unwrap().remove(0);
    roster::rename_agency(
        &mut store,
        &AgencyRename {
            agency_id: agency.id.clone(),
            full_name: "Sở Khoa học, Công nghệ và Chuyển đổi số".into(),
            short_name: String::new(),
            from: NaiveDate::from_ymd_opt(2025, 3, 2).unwrap(),
        },
    )
    .unwrap();
    let (first, _) = stored_hashes(&store).remove(0);
    std::fs::write(data.join(&first), b"changed").unwrap();
    let changed = dump_of(&store);
    assert_ne!(changed, before);
    drop(store);

    let (report, store) = restore_backup(&backup, &data, at(2025, 3, 5, 8, 0)).unwrap();
    assert_eq!(dump_of(&store), before, "every table and row as at backup time");
    assert_eq!(files_of(&data), files_before, "every attached file as at backup time");
    for (path, sha) in stored_hashes(&store) {
        let (_, actual) = crate::store::fsutil::hash_file(&data.join(&path)).unwrap();
        assert_eq!(actual, sha);
    }
    // The data that was in use was moved aside, not deleted.
    let aside = PathBuf::from(report.moved_aside.expect("current data moved aside"));
    assert_eq!(aside, data.join("truoc-khoi-phuc-20250305-080000"));
    let old = Store::open_read_only(&aside.join(DB_FILE)).unwrap();
    assert_eq!(dump_of(&old), changed);
    assert_eq!(std::fs::read(aside.join(&first)).unwrap(), b"changed");
    // The backup itself is unchanged and still verifies.
    assert!(verify_backup(&backup).ok());
}

#[test]
fn a_changed_file_is_reported_when_backing_up_not_hidden() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let store = data_with_records(&data);
    let (path, _) = stored_hashes(&store).remove(0);
    std::fs::write(data.join(&path), b"edited behind the app's back").unwrap();
    let report = create_backup(&data, &tmp.path().join("b"), BackupKind::Manual, at(2025, 1, 1, 0, 0)).unwrap();
    assert_eq!(report.entry.problems.len(), 1, "{:?}", report.entry.problems);
    assert!(report.entry.problems[0].contains(&path) && report.entry.problems[0].contains("đã khác"));
    // The backup still verifies (its own hashes are of what was copied) and says so.
    let check = verify_backup(Path::new(&report.entry.path));
    assert!(check.ok());
    assert_eq!(check.warnings, report.entry.problems);
}

#[test]
fn verify_finds_a_changed_byte_in_the_database_and_in_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let store = data_with_records(&data);
    let (attached, _) = stored_hashes(&store).remove(0);
    drop(store);
    for target in [DB_FILE.to_string(), attached] {
        let dest = tmp.path().join(format!("b-{}", target.len()));
        let entry = create_backup(&data, &dest, BackupKind::Manual, at(2025, 1, 1, 0, 0)).unwrap().entry;
        let backup = PathBuf::from(&entry.path);
        assert!(verify_backup(&backup).ok());
        let file = backup.join(&target);
        let mut bytes = std::fs::read(&file).unwrap();
        let i = bytes.len() / 2;
        bytes[i] ^= 0x01;
        std::fs::write(&file, &bytes).unwrap();
        let check = verify_backup(&backup);
        assert!(!check.ok());
        assert!(
            check.problems.iter().any(|p| p.contains(&target) && p.contains("đã bị thay đổi")),
            "{:?}",
            check.problems
        );
        // And a changed backup is never restored.
        let other = tmp.path().join("other");
        let err = restore_backup(&backup, &other, at(2025, 1, 2, 0, 0)).err().unwrap();
        assert!(
            err.message.contains("không dùng được") && err.message.contains("Chưa có gì bị thay đổi"),
            "{}",
            err.message
        );
        assert!(!other.join(DB_FILE).exists());
    }
}

#[test]
fn a_database_damaged_inside_the_backup_fails_the_integrity_check() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    drop(data_with_records(&data));
    let entry = create_backup(&data, &tmp.path().join("b"), BackupKind::Manual, at(2025, 1, 1, 0, 0)).unwrap().entry;
    let backup = PathBuf::from(&entry.path);
    damage_a_table_page(&backup.join(DB_FILE));
    // Make the manifest agree with the damaged bytes: only the database check can find it.
    let mut m = read_manifest(&backup).unwrap();
    let (size, sha) = crate::store::fsutil::hash_file(&backup.join(DB_FILE)).unwrap();
    m.files[0] = ManifestFile { path: DB_FILE.into(), size, sha256: sha };
    std::fs::write(backup.join(MANIFEST), serde_json::to_vec(&m).unwrap()).unwrap();
    let check = verify_backup(&backup);
    assert!(!check.ok());
    assert!(
        check.problems[0].contains("toàn vẹn") || check.problems[0].contains("không đọc được"),
        "{:?}",
        check.problems
    );
}

/// Overwrites the middle of the `agency_name` table's root page with garbage.
fn damage_a_table_page(db: &Path) {
    let (page, size): (i64, i64) = {
        let c = rusqlite::Connection::open(db).unwrap();
        let p = c.query_row("SELECT rootpage FROM sqlite_master WHERE name = 'person'", [], |r| r.get(0)).unwrap();
        (p, c.pragma_query_value(None, "page_size", |r| r.get(0)).unwrap())
    };
    let mut bytes = std::fs::read(db).unwrap();
    let start = ((page - 1) * size) as usize;
    for b in &mut bytes[start..start + 64] {
        *b = 0xFF;
    }
    std::fs::write(db, &bytes).unwrap();
}

#[test]
fn an_interrupted_backup_leaves_nothing_that_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    drop(data_with_records(&data));
    let dest = tmp.path().join("b");
    let good = create_backup(&data, &dest, BackupKind::Scheduled, at(2025, 1, 1, 0, 0)).unwrap().entry;
    for stage in [CreateStage::Copied, CreateStage::BeforeRename] {
        let err = create_inner(&data, &dest, BackupKind::Manual, at(2025, 1, 2, 0, 0), &mut |s| {
            if s == stage {
                Err(AppError::storage("mất điện giả lập"))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        assert!(err.message.contains("Phần đã chép dở đã được xóa"), "{}", err.message);
        assert_eq!(names_in(&dest), vec![good.name.clone()], "no temporary folder is left ({stage:?})");
    }
    // A process killed before the rename cannot clean up: its folder is still never accepted.
    let killed = dest.join(format!("{TMP_PREFIX}secretariat-20250102-000000-thu-cong-123"));
    copy_dir(Path::new(&good.path), &killed);
    assert!(!verify_backup(&killed).ok());
    assert_eq!(list_backups(&dest).len(), 1);
    assert_eq!(list_backups(&dest)[0].name, good.name);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn a_failed_restore_leaves_the_current_data_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut store = data_with_records(&data);
    let backup = create_backup(&data, &tmp.path().join("b"), BackupKind::Manual, at(2025, 1, 1, 0, 0)).unwrap().entry;
    let agency = store.read(roster::list_agencies).unwrap().remove(0);
    roster::rename_agency(
        &mut store,
        &AgencyRename {
            agency_id: agency.id,
            full_name: "Tên mới sau sao lưu".into(),
            short_name: String::new(),
            from: NaiveDate::from_ymd_opt(2025, 1, 2).unwrap(),
        },
    )
    .unwrap();
    let current = dump_of(&store);
    drop(store);
    let files = files_of(&data);
    let listing = names_in(&data);
    for stage in [RestoreStage::Staged, RestoreStage::MovedAside, RestoreStage::Placed] {
        let err = restore_inner(Path::new(&backup.path), &data, at(2025, 1, 3, 0, 0), &mut |s| {
            if s == stage {
                Err(AppError::storage("ổ đĩa bị rút ra giả lập."))
            } else {
                Ok(())
            }
        })
        .err()
        .unwrap();
        assert!(err.message.starts_with("Không khôi phục được"), "{}", err.message);
        assert_eq!(names_in(&data), listing, "{stage:?}: nothing added or left behind in the data folder");
        assert_eq!(files_of(&data), files, "{stage:?}");
        let store = Store::open_in_dir(&data).unwrap();
        assert_eq!(dump_of(&store), current, "{stage:?}");
    }
}

/// A database made by an earlier release: only the first `version` migrations, one agency.
fn old_data_dir(data: &Path, version: usize) {
    std::fs::create_dir_all(data).unwrap();
    let mut c = rusqlite::Connection::open(data.join(DB_FILE)).unwrap();
    crate::store::migrations::migrate_to(&mut c, version).unwrap();
    c.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
    c.execute_batch(
        "INSERT INTO agency (id, kind, created_at, updated_at) VALUES ('a1', 'department', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
         INSERT INTO agency_name (id, agency_id, full_name, created_at) VALUES ('n1', 'a1', 'Sở Nội vụ', '2024-01-01T00:00:00Z');",
    )
    .unwrap();
}

#[test]
fn a_backup_from_the_previous_schema_restores_and_is_upgraded() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old");
    let previous = SCHEMA_VERSION as usize - 1;
    old_data_dir(&old, previous);
    let entry = create_backup(&old, &tmp.path().join("b"), BackupKind::Manual, at(2024, 6, 1, 10, 0)).unwrap().entry;
    assert_eq!(entry.schema_version as usize, previous);
    assert!(verify_backup(Path::new(&entry.path)).ok());

    // Looked at read-only: upgraded in a scratch copy, the backup untouched, writes refused.
    let before = std::fs::read(Path::new(&entry.path).join(DB_FILE)).unwrap();
    let scratch = tmp.path().join("scratch");
    let (_, mut view) = open_view(Path::new(&entry.path), &scratch).unwrap();
    let agencies = view.read(roster::list_agencies).unwrap();
    assert_eq!(agencies[0].full_name, "Sở Nội vụ");
    let err = view.write(|_| Ok(())).unwrap_err();
    assert_eq!(err.message, VIEW_READ_ONLY);
    assert_eq!(std::fs::read(Path::new(&entry.path).join(DB_FILE)).unwrap(), before);

    // Restored into a data folder in use: migrated on open, with a pre-migration copy.
    let data = tmp.path().join("data");
    drop(data_with_records(&data));
    let (_, store) = restore_backup(Path::new(&entry.path), &data, at(2025, 1, 1, 0, 0)).unwrap();
    assert_eq!(store.read(schema_version).unwrap(), SCHEMA_VERSION);
    assert_eq!(store.read(roster::list_agencies).unwrap()[0].full_name, "Sở Nội vụ");
    let pre = list_backups(&pre_migration_dir(&data));
    assert_eq!(pre.len(), 1);
    assert_eq!(pre[0].schema_version as usize, previous);
    assert!(verify_backup(Path::new(&pre[0].path)).ok());
}

#[test]
fn every_migration_of_an_existing_database_keeps_a_copy_and_the_last_three() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let previous = SCHEMA_VERSION as usize - 1;
    for round in 0..4 {
        let _ = std::fs::remove_file(data.join(DB_FILE));
        old_data_dir(&data, previous);
        let store = Store::open_in_dir(&data).unwrap();
        assert_eq!(store.read(schema_version).unwrap(), SCHEMA_VERSION);
        drop(store);
        let pre = list_backups(&pre_migration_dir(&data));
        assert_eq!(pre.len(), (round + 1).min(PRE_MIGRATION_KEEP), "round {round}");
        // Each copy holds the database as it was, before the upgrade.
        let c = create::open_backup_db(&Path::new(&pre[0].path).join(DB_FILE)).unwrap();
        assert_eq!(crate::store::migrations::user_version(&c).unwrap() as usize, previous);
        std::thread::sleep(std::time::Duration::from_millis(1100)); // a new second, a new name
    }
    // A database already at this version is not copied again, nor is a new one.
    drop(Store::open_in_dir(&data).unwrap());
    drop(Store::open_in_dir(&tmp.path().join("fresh")).unwrap());
    assert_eq!(list_backups(&pre_migration_dir(&data)).len(), PRE_MIGRATION_KEEP);
    assert!(!pre_migration_dir(&tmp.path().join("fresh")).exists());
}

#[test]
fn a_damaged_database_is_refused_on_open_and_left_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    drop(data_with_records(&data));
    let db = data.join(DB_FILE);
    damage_a_table_page(&db);
    let before = std::fs::read(&db).unwrap();
    let err = Store::open_in_dir(&data).err().expect("a damaged database is refused");
    assert!(err.message.contains("bị hỏng"), "{}", err.message);
    assert!(err.message.contains("khôi phục từ bản sao lưu"), "{}", err.message);
    assert_eq!(std::fs::read(&db).unwrap(), before, "not a byte written");
    assert!(Store::open_read_only(&db).is_err());
    // And no backup is made of it (it would push good ones out of the rotation).
    let err = create_backup(&data, &tmp.path().join("b"), BackupKind::Scheduled, at(2025, 1, 1, 0, 0)).unwrap_err();
    assert!(err.message.starts_with("Không tạo được bản sao lưu"), "{}", err.message);
    assert!(list_backups(&tmp.path().join("b")).is_empty());
}

#[test]
fn rotation_keeps_the_newest_of_each_day_week_and_month() {
    // Now: Wednesday 2025-06-18 12:00. Keep 7 days, 8 weeks, 12 months.
    let now = at(2025, 6, 18, 12, 0);
    let keep = Keep { daily: 7, weekly: 8, monthly: 12 };
    let mut backups = Vec::new();
    // Two a day for the last 20 days (08:00 and 20:00; today only 08:00).
    for d in 0..20 {
        let day = now.date() - chrono::Duration::days(d);
        for h in [8, 20] {
            let t = day.and_hms_opt(h, 0, 0).unwrap();
            if t <= now {
                backups.push(t);
            }
        }
    }
    // One on the 1st of each month back to January 2024.
    let mut m = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    while m < NaiveDate::from_ymd_opt(2025, 5, 29).unwrap() {
        backups.push(m.and_hms_opt(3, 0, 0).unwrap());
        m = m.checked_add_months(chrono::Months::new(1)).unwrap();
    }
    let named: Vec<(String, NaiveDateTime)> =
        backups.iter().map(|t| (folder_name(*t, BackupKind::Scheduled), *t)).collect();
    let kept = to_keep(&named, now, &keep);
    let expected: Vec<NaiveDateTime> = vec![
        // Daily: newest of 12..18 June.
        at(2025, 6, 18, 8, 0),
        at(2025, 6, 17, 20, 0),
        at(2025, 6, 16, 20, 0),
        at(2025, 6, 15, 20, 0),
        at(2025, 6, 14, 20, 0),
        at(2025, 6, 13, 20, 0),
        at(2025, 6, 12, 20, 0),
        // Weekly (Monday to Sunday), 8 weeks from the one starting 16/6: 16/6 and 9/6 are
        // covered above; the week of 2/6 keeps 8/6, the week of 26/5 keeps Sunday 1/6; the weeks
        // of 19/5, 12/5 and 5/5 have none; the week of 28/4 keeps the 1st of May.
        at(2025, 6, 8, 20, 0),
        at(2025, 6, 1, 20, 0),
        at(2025, 5, 1, 3, 0),
        // Monthly: June is covered (18/6); May keeps its newest, 31/5 20:00; then the 1st of
        // each month back to July 2024 (12 months with the current one).
        at(2025, 5, 31, 20, 0),
        at(2025, 4, 1, 3, 0),
        at(2025, 3, 1, 3, 0),
        at(2025, 2, 1, 3, 0),
        at(2025, 1, 1, 3, 0),
        at(2024, 12, 1, 3, 0),
        at(2024, 11, 1, 3, 0),
        at(2024, 10, 1, 3, 0),
        at(2024, 9, 1, 3, 0),
        at(2024, 8, 1, 3, 0),
        at(2024, 7, 1, 3, 0),
    ];
    let expected: std::collections::BTreeSet<String> =
        expected.iter().map(|t| folder_name(*t, BackupKind::Scheduled)).collect();
    assert_eq!(kept, expected);
}

#[test]
fn pruning_removes_only_scheduled_backups_the_rules_do_not_keep() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    drop(data_with_records(&data));
    let dest = tmp.path().join("b");
    let days = [1, 2, 3, 10, 40];
    for d in days {
        create_backup(&data, &dest, BackupKind::Scheduled, at(2025, 6, 18, 8, 0) - chrono::Duration::days(d)).unwrap();
    }
    let manual = create_backup(&data, &dest, BackupKind::Manual, at(2024, 1, 1, 8, 0)).unwrap().entry;
    std::fs::create_dir(dest.join("anh-chup")).unwrap(); // someone else's folder
    let keep = Keep { daily: 2, weekly: 0, monthly: 0 };
    let removed = rotation::prune_scheduled(&dest, &keep, at(2025, 6, 18, 9, 0)).unwrap();
    assert_eq!(removed.len(), 4, "{removed:?}");
    let left = names_in(&dest);
    assert_eq!(left, vec!["anh-chup".to_string(), manual.name, "secretariat-20250617-080000-tu-dong".into()]);
}

#[test]
fn the_schedule_backs_up_when_the_last_backup_is_older_than_the_interval() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    drop(data_with_records(&data));
    let dest = tmp.path().join("b");
    let settings = BackupSettings { destination: Some(dest.display().to_string()), ..Default::default() };
    let first = run_scheduled(&data, &settings, at(2025, 6, 1, 9, 0)).unwrap().expect("no backup yet: one is made");
    assert_eq!(first.entry.kind, BackupKind::Scheduled);
    assert!(run_scheduled(&data, &settings, at(2025, 6, 1, 20, 0)).unwrap().is_none());
    assert!(run_scheduled(&data, &settings, at(2025, 6, 2, 9, 0)).unwrap().is_some());
    let off = BackupSettings { schedule_enabled: false, ..settings.clone() };
    assert!(run_scheduled(&data, &off, at(2025, 7, 1, 9, 0)).unwrap().is_none());
    let s = settings::status(&settings, &data, at(2025, 6, 12, 9, 0));
    assert_eq!(s.backups.len(), 2);
    assert_eq!(s.age_days, Some(10));
    assert!(s.stale, "older than the 7 days of the warning");
    assert!(!settings::status(&settings, &data, at(2025, 6, 3, 9, 0)).stale);
}

#[test]
fn backup_settings_are_checked_and_the_data_folder_is_no_destination() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut store = Store::open_in_dir(&data).unwrap();
    assert_eq!(store.read(backup_settings).unwrap(), BackupSettings::default());
    let mut input = BackupSchedule {
        schedule_enabled: true,
        interval_hours: 12,
        keep_daily: 10,
        keep_weekly: 4,
        keep_monthly: 6,
        warn_after_days: 3,
    };
    let saved = save_backup_schedule(&mut store, &input).unwrap();
    assert_eq!((saved.interval_hours, saved.keep_daily, saved.warn_after_days), (12, 10, 3));
    input.interval_hours = 0;
    let err = save_backup_schedule(&mut store, &input).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.message.contains("từ 1 đến 744 giờ"));
    assert!(set_backup_destination(&mut store, &data, &data.join("files-none")).is_err());
    std::fs::create_dir_all(data.join("files")).unwrap();
    let err = set_backup_destination(&mut store, &data, &data.join("files")).unwrap_err();
    assert!(err.message.contains("thư mục dữ liệu"), "{}", err.message);
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let s = set_backup_destination(&mut store, &data, &usb).unwrap();
    assert_eq!(s.destination_dir(&data), usb);
    assert_eq!(store.read(backup_settings).unwrap().interval_hours, 12, "the schedule is kept");
}

#[test]
fn a_backup_at_this_version_is_viewed_in_place_without_a_byte_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let store = data_with_records(&data);
    let expected = dump_of(&store);
    drop(store);
    let entry = create_backup(&data, &tmp.path().join("b"), BackupKind::Manual, at(2025, 1, 1, 0, 0)).unwrap().entry;
    let backup = PathBuf::from(&entry.path);
    let listing = names_in(&backup);
    let db_before = std::fs::read(backup.join(DB_FILE)).unwrap();
    let (seen, mut view) = open_view(&backup, &tmp.path().join("scratch")).unwrap();
    assert_eq!(seen.name, entry.name);
    assert!(view.is_read_only());
    assert_eq!(dump_of(&view), expected);
    assert_eq!(view.write(|_| Ok(())).unwrap_err().message, VIEW_READ_ONLY);
    drop(view);
    assert_eq!(names_in(&backup), listing, "no journal file created");
    assert_eq!(std::fs::read(backup.join(DB_FILE)).unwrap(), db_before);
    assert!(!tmp.path().join("scratch").exists(), "no copy needed at this version");
}

#[test]
fn folder_names_are_read_back_and_others_ignored() {
    let t = at(2025, 6, 18, 7, 5);
    assert_eq!(parse_folder_name(&folder_name(t, BackupKind::Scheduled)), Some((t, BackupKind::Scheduled)));
    assert_eq!(parse_folder_name("secretariat-20250618-070500-thu-cong-2"), Some((t, BackupKind::Manual)));
    assert_eq!(parse_folder_name("secretariat-20250618-070500-truoc-nang-cap"), Some((t, BackupKind::PreMigration)));
    for other in
        ["secretariat-2025-thu-cong", ".tmp-secretariat-20250618-070500-thu-cong", "secretariat-20250618-070500-khac"]
    {
        assert_eq!(parse_folder_name(other), None, "{other}");
    }
    assert!(safe_relative("../x").is_none());
    assert!(safe_relative("/etc/passwd").is_none());
    assert_eq!(safe_relative("files/m/a.pdf"), Some(PathBuf::from("files/m/a.pdf")));
}
