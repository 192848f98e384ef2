//! Upgrading real databases: a database at an older version keeps every row and reference.

use super::*;

const TS: &str = "2024-05-15T00:00:00.000Z";

fn fk_on(conn: &Connection) -> i64 {
    conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap()
}

/// A database as version 3 left it: the task force with a replaced leader, an agency-only
/// seat, and a meeting that invited them.
fn version_3_with_data() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    apply_up_to(&mut conn, 3).unwrap();
    assert_eq!(user_version(&conn).unwrap(), 3);
    conn.execute_batch(&format!(
        "INSERT INTO agency (id, kind, created_at, updated_at) VALUES ('a1', 'department', '{TS}', '{TS}');
         INSERT INTO agency_name (id, agency_id, full_name, created_at) VALUES ('n1', 'a1', 'Sở Y tế', '{TS}');
         INSERT INTO body (id, kind, name, created_at, updated_at) VALUES ('b1', 'task_force', 'Tổ Công tác', '{TS}', '{TS}');
         INSERT INTO person (id, full_name, honorific, created_at, updated_at) VALUES
             ('p1', 'Võ Trọng Phú', 'ong', '{TS}', '{TS}'), ('p2', 'Nguyễn Văn Đạt', 'ong', '{TS}', '{TS}');
         INSERT INTO membership (id, body_id, role, person_id, start_date, end_date, decision_number, seat_order,
                                 end_reason, created_at, updated_at)
             VALUES ('m1', 'b1', 'leader', 'p1', '2024-05-15', '2025-01-10', '1321/QĐ-BCĐCĐS', 1, 'Kiện toàn', '{TS}', '{TS}');
         INSERT INTO membership (id, body_id, role, person_id, start_date, decision_number, replaces_id, seat_order,
                                 created_at, updated_at)
             VALUES ('m2', 'b1', 'leader', 'p2', '2025-01-10', '05/QĐ-BCĐCĐS', 'm1', 1, '{TS}', '{TS}');
         INSERT INTO membership (id, body_id, role, agency_id, post, start_date, decision_number, seat_order,
                                 created_at, updated_at)
             VALUES ('m3', 'b1', 'member', 'a1', 'Lãnh đạo', '2024-05-15', '1321/QĐ-BCĐCĐS', 2, '{TS}', '{TS}');
         INSERT INTO meeting (id, body_id, kind, title, planned_start, created_at, updated_at)
             VALUES ('g1', 'b1', 'regular', 'Họp tháng 9', '2024-09-05T14:00', '{TS}', '{TS}');
         INSERT INTO meeting_invitee (id, meeting_id, membership_id, person_id, name, created_at, updated_at) VALUES
             ('i1', 'g1', 'm1', 'p1', 'Ông Võ Trọng Phú', '{TS}', '{TS}'),
             ('i2', 'g1', 'm3', NULL, '', '{TS}', '{TS}');"
    ))
    .unwrap();
    conn
}

fn dump(conn: &Connection, sql: &str) -> Vec<Vec<rusqlite::types::Value>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get(i)).collect()).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn version_3_database_keeps_every_row_and_reference_and_accepts_a_secretary() {
    let mut conn = version_3_with_data();
    let memberships_before = dump(&conn, "SELECT * FROM membership ORDER BY id");
    let invitees_before = dump(&conn, "SELECT * FROM meeting_invitee ORDER BY id");
    // Version 3 refuses the new role: this is what the migration changes.
    assert!(conn
        .execute(
            "INSERT INTO membership (id, body_id, role, start_date, created_at, updated_at)
             VALUES ('s0', 'b1', 'secretary', '2024-06-01', ?1, ?1)",
            [TS],
        )
        .is_err());

    apply(&mut conn).unwrap();

    assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
    assert_eq!(fk_on(&conn), 1, "foreign keys are on again after the upgrade");
    assert_eq!(dump(&conn, "SELECT * FROM membership ORDER BY id"), memberships_before);
    assert_eq!(dump(&conn, "SELECT * FROM meeting_invitee ORDER BY id"), invitees_before);
    assert!(dump(&conn, "PRAGMA foreign_key_check").is_empty());
    // References still resolve, and still protect the seats they point at.
    let joined: i64 = conn
        .query_row("SELECT count(*) FROM meeting_invitee i JOIN membership m ON m.id = i.membership_id", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(joined, 2);
    let successor: String =
        conn.query_row("SELECT id FROM membership WHERE replaces_id = 'm1'", [], |r| r.get(0)).unwrap();
    assert_eq!(successor, "m2");
    assert!(conn.execute("DELETE FROM membership WHERE id = 'm1'", []).is_err(), "ON DELETE RESTRICT still holds");
    assert!(conn
        .execute(
            "INSERT INTO meeting_invitee (id, meeting_id, membership_id, created_at, updated_at)
             VALUES ('i9', 'g1', 'nowhere', ?1, ?1)",
            [TS],
        )
        .is_err());
    // Every index of the table is there again.
    let indexes: Vec<String> = dump(
        &conn,
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'membership' AND sql IS NOT NULL ORDER BY name",
    )
    .into_iter()
    .map(|row| match &row[0] {
        rusqlite::types::Value::Text(s) => s.clone(),
        other => panic!("{other:?}"),
    })
    .collect();
    assert_eq!(indexes, ["membership_agency", "membership_body", "membership_person", "membership_replaces"]);
    // The CHECK constraint now accepts a secretary, and still refuses nonsense.
    conn.execute(
        "INSERT INTO membership (id, body_id, role, person_id, start_date, seat_order, created_at, updated_at)
         VALUES ('s1', 'b1', 'secretary', 'p1', '2025-02-01', 3, ?1, ?1)",
        [TS],
    )
    .unwrap();
    assert!(conn
        .execute(
            "INSERT INTO membership (id, body_id, role, start_date, created_at, updated_at)
             VALUES ('s2', 'b1', 'janitor', '2025-02-01', ?1, ?1)",
            [TS],
        )
        .is_err());
    let sql: String =
        conn.query_row("SELECT sql FROM sqlite_master WHERE name = 'meeting_invitee'", [], |r| r.get(0)).unwrap();
    assert!(sql.contains("REFERENCES membership(id)"), "{sql}");
}

#[test]
fn a_broken_reference_stops_the_upgrade_and_leaves_the_database_as_it_was() {
    let mut conn = version_3_with_data();
    // A dangling reference left by some earlier tool, written with checks off.
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    conn.execute("UPDATE meeting_invitee SET membership_id = 'gone' WHERE id = 'i2'", []).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();

    let err = apply(&mut conn).unwrap_err();
    assert_eq!(err.code, ErrorCode::Storage);
    assert!(
        err.message
            .starts_with("Không nâng cấp được cơ sở dữ liệu: 1 dòng dữ liệu tham chiếu đến bản ghi không còn tồn tại."),
        "{}",
        err.message
    );
    assert!(err.message.contains("meeting_invitee"), "{}", err.message);
    assert_eq!(user_version(&conn).unwrap(), 3, "the upgrade rolled back");
    assert_eq!(fk_on(&conn), 1, "foreign keys are on again after a failed upgrade");
    let sql: String =
        conn.query_row("SELECT sql FROM sqlite_master WHERE name = 'membership'", [], |r| r.get(0)).unwrap();
    assert!(!sql.contains("secretary"), "the old table is still in place");
}

#[test]
fn an_up_to_date_database_is_not_migrated_again() {
    let mut conn = Connection::open_in_memory().unwrap();
    apply(&mut conn).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO body (id, kind, name, created_at, updated_at) VALUES ('b1', 'task_force', 'Tổ', '{TS}', '{TS}');"
    ))
    .unwrap();
    apply(&mut conn).unwrap();
    assert_eq!(fk_on(&conn), 1);
    let n: i64 = conn.query_row("SELECT count(*) FROM body", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1);
}
