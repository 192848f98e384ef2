use super::*;
use crate::error::ErrorCode;
use crate::error::Sql;

#[test]
fn fresh_store_has_current_schema_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_dir(dir.path()).unwrap();
    store
        .read(|c| {
            assert_eq!(schema_version(c)?, SCHEMA_VERSION);
            let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0)).sql()?;
            assert_eq!(mode, "wal");
            let fk: i64 = c.pragma_query_value(None, "foreign_keys", |r| r.get(0)).sql()?;
            assert_eq!(fk, 1);
            let fts: i64 = c
                .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'search_index'", [], |r| r.get(0))
                .sql()?;
            assert_eq!(fts, 1);
            Ok(())
        })
        .unwrap();
    assert!(dir.path().join(DB_FILE).exists());
}

#[test]
fn reopening_keeps_data_and_does_not_migrate_again() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open_in_dir(dir.path()).unwrap();
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO body (id, kind, name, created_at, updated_at) VALUES ('b1', 'task_force', 'Tổ Công tác', ?1, ?1)",
                    [now()],
                ).sql()?;
                Ok(())
            })
            .unwrap();
    }
    let store = Store::open_in_dir(dir.path()).unwrap();
    let name: String =
        store.read(|c| c.query_row("SELECT name FROM body WHERE id = 'b1'", [], |r| r.get(0)).sql()).unwrap();
    assert_eq!(name, "Tổ Công tác");
}

#[test]
fn newer_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE future_thing (x TEXT); PRAGMA user_version = 999;").unwrap();
    }
    let err = Store::open(&path).err().expect("a newer schema must be refused");
    assert_eq!(err.code, ErrorCode::SchemaTooNew);
    assert!(err.message.contains("phiên bản mới hơn"), "{}", err.message);
    let c = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, 999);
    let tables: i64 =
        c.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'person'", [], |r| r.get(0)).unwrap();
    assert_eq!(tables, 0, "no migration may run on a newer database");
    let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete", "not even the journal mode may change");
}

#[test]
fn failed_write_rolls_back_everything() {
    let mut store = Store::open_in_memory().unwrap();
    let result: Result<()> = store.write(|tx| {
        tx.execute(
            "INSERT INTO body (id, kind, name, created_at, updated_at) VALUES ('b1', 'task_force', 'Tổ', ?1, ?1)",
            [now()],
        )
        .sql()?;
        Err(AppError::validation("dừng giữa chừng"))
    });
    assert!(result.is_err());
    let n: i64 = store.read(|c| c.query_row("SELECT count(*) FROM body", [], |r| r.get(0)).sql()).unwrap();
    assert_eq!(n, 0);
}

#[test]
fn ids_are_uuid_v7_and_ordered() {
    let a = new_id();
    let b = new_id();
    let ua = uuid::Uuid::parse_str(&a).unwrap();
    assert_eq!(ua.get_version_num(), 7);
    assert!(a < b || a[..13] == b[..13]);
}

#[test]
fn data_dir_option_wins_over_env_and_default() {
    let explicit = std::path::PathBuf::from("/tmp/explicit");
    assert_eq!(paths::resolve_data_dir(Some(explicit.clone())), explicit);
    // Debug builds never resolve to the release folder.
    let default = paths::default_data_dir();
    assert!(default.to_string_lossy().ends_with(".dev"), "{}", default.display());
}

fn file_bytes(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn another_applications_database_is_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('a'); PRAGMA user_version = 2;")
            .unwrap();
    }
    let before = file_bytes(&path);
    let err = Store::open(&path).err().expect("another app's file must be refused");
    assert!(err.message.contains("không phải cơ sở dữ liệu của Thư ký Tổ Công tác"), "{}", err.message);
    assert_eq!(file_bytes(&path), before, "the file must not be touched (not even switched to WAL)");
    assert!(!dir.path().join("other.db-wal").exists());

    // The same with another application id set.
    let path2 = dir.path().join("other2.db");
    {
        let c = rusqlite::Connection::open(&path2).unwrap();
        c.execute_batch("PRAGMA application_id = 1234; CREATE TABLE agency (x TEXT);").unwrap();
    }
    let before = file_bytes(&path2);
    assert!(Store::open(&path2).is_err());
    assert_eq!(file_bytes(&path2), before);
}

#[test]
fn garbage_file_is_refused_with_a_true_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    std::fs::write(&path, vec![0x42u8; 8192]).unwrap();
    let err = Store::open(&path).err().expect("garbage must be refused");
    assert!(err.message.contains("không đọc được như một cơ sở dữ liệu"), "{}", err.message);
    assert!(!err.message.contains("không bị ảnh hưởng"), "{}", err.message);
    assert_eq!(file_bytes(&path), vec![0x42u8; 8192]);
}

#[test]
fn our_files_carry_the_application_id_and_older_ones_are_adopted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    drop(Store::open(&path).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    let id: i32 = c.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
    assert_eq!(id, APPLICATION_ID);
    // A file made before the id existed (id 0, our tables) is still opened.
    c.pragma_update(None, "application_id", 0).unwrap();
    drop(c);
    let store = Store::open(&path).unwrap();
    let id: i32 = store.read(|c| c.pragma_query_value(None, "application_id", |r| r.get(0)).sql()).unwrap();
    assert_eq!(id, APPLICATION_ID);
}

#[test]
fn a_database_on_a_read_only_medium_can_be_read_but_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("dvd");
    {
        let mut store = Store::open_in_dir(&sub).unwrap();
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO body (id, kind, name, created_at, updated_at) VALUES ('b1', 'task_force', 'Tổ Công tác', ?1, ?1)",
                    [now()],
                ).sql()?;
                Ok(())
            })
            .unwrap();
    }
    // A checkpointed copy on a read-only folder, as a backup on a DVD would be.
    use std::os::unix::fs::PermissionsExt;
    for f in std::fs::read_dir(&sub).unwrap() {
        let f = f.unwrap().path();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).unwrap();
    }
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).unwrap();
    let running_as_root = std::fs::write(sub.join("probe"), b"x").is_ok();
    if running_as_root {
        // Root ignores permission bits; emulate the medium with SQLite's own read-only open.
        let _ = std::fs::remove_file(sub.join("probe"));
        let mut store = Store::open_read_only(&sub.join(DB_FILE)).unwrap();
        check_read_only(&mut store);
    } else {
        let mut store = Store::open_in_dir(&sub).unwrap();
        check_read_only(&mut store);
    }
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn check_read_only(store: &mut Store) {
    assert!(store.is_read_only());
    let name: String =
        store.read(|c| c.query_row("SELECT name FROM body WHERE id = 'b1'", [], |r| r.get(0)).sql()).unwrap();
    assert_eq!(name, "Tổ Công tác");
    let err = store.write(|_| Ok(())).expect_err("writes are refused");
    assert!(err.message.contains("chỉ đọc"), "{}", err.message);
}
