use super::*;
use crate::error::ErrorCode;

#[test]
fn fresh_store_has_current_schema_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_dir(dir.path()).unwrap();
    store
        .read(|c| {
            assert_eq!(schema_version(c)?, SCHEMA_VERSION);
            let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
            assert_eq!(mode, "wal");
            let fk: i64 = c.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
            assert_eq!(fk, 1);
            let fts: i64 =
                c.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'search_index'", [], |r| r.get(0))?;
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
                )?;
                Ok(())
            })
            .unwrap();
    }
    let store = Store::open_in_dir(dir.path()).unwrap();
    let name: String =
        store.read(|c| Ok(c.query_row("SELECT name FROM body WHERE id = 'b1'", [], |r| r.get(0))?)).unwrap();
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
}

#[test]
fn failed_write_rolls_back_everything() {
    let mut store = Store::open_in_memory().unwrap();
    let result: Result<()> = store.write(|tx| {
        tx.execute(
            "INSERT INTO body (id, kind, name, created_at, updated_at) VALUES ('b1', 'task_force', 'Tổ', ?1, ?1)",
            [now()],
        )?;
        Err(AppError::validation("dừng giữa chừng"))
    });
    assert!(result.is_err());
    let n: i64 = store.read(|c| Ok(c.query_row("SELECT count(*) FROM body", [], |r| r.get(0))?)).unwrap();
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
