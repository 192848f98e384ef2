//! The audit trail (nhật ký): who changed what, when, with the values before and after.
//!
//! Why triggers: Decree 30 (Appendix VI) asks an electronic records system to keep the history
//! of who changed what. Writing that history by hand in every write function would miss the
//! next one somebody adds; SQLite triggers on every audited table cannot be missed. They are
//! generated from the tables' columns ([`install_triggers`]) after every migration, so a new
//! column is audited as soon as it exists (a test checks that every column is covered).
//!
//! Not recorded as values (so that typing does not flood the log): `created_at`/`updated_at`,
//! a draft's body (`document.content`, whose history is `document_revision`), stored PDFs, the
//! content a meeting document was generated from, and notes typed during a meeting (saved
//! every few seconds). A change to those alone leaves no row; any other change does.
//!
//! Acts that change no row — exporting, printing, backing up, restoring — are recorded by the
//! app with [`record`]. Nothing in the app edits or deletes the log, and triggers refuse it.

use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::store::now;
use crate::store::{Db, Tx};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use specta::Type;

/// Tables never audited: the log itself, search indexes (derived data), draft revisions
/// (themselves a history).
const NOT_AUDITED: &[&str] = &["audit_log", "audit_session", "document_revision", "search_index"];

/// Columns whose values are not recorded and whose change alone is not logged.
fn excluded(table: &str, column: &str) -> bool {
    matches!(column, "created_at" | "updated_at")
        || matches!(
            (table, column),
            ("document", "content" | "pdf" | "pdf_unsigned" | "pdf_file" | "pdf_unsigned_file")
                | ("meeting_document", "generated")
                | ("meeting" | "agenda_item", "notes")
                | ("person_signature_image" | "seal_image", "png")
                | ("trust_anchor", "der")
        )
}

/// The column whose value names the record in the log's summary, in order of preference.
const SUMMARY_COLUMNS: &[&str] =
    &["number_symbol", "full_name", "name", "title", "subject", "file_name", "text", "key", "content"];

/// What was done.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Type,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AuditAction {
    Create,
    Update,
    Delete,
    Issue,
    Recall,
    Export,
    Print,
    Backup,
    Restore,
}

impl AuditAction {
    pub const ALL: [AuditAction; 9] = [
        Self::Create,
        Self::Update,
        Self::Delete,
        Self::Issue,
        Self::Recall,
        Self::Export,
        Self::Print,
        Self::Backup,
        Self::Restore,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::Create => "Tạo mới",
            Self::Update => "Sửa",
            Self::Delete => "Xóa",
            Self::Issue => "Ban hành",
            Self::Recall => "Thu hồi",
            Self::Export => "Xuất tệp",
            Self::Print => "In",
            Self::Backup => "Sao lưu",
            Self::Restore => "Khôi phục",
        }
    }
}

crate::store::stored_names!(AuditAction);

/// The Vietnamese name of what a log row is about.
pub fn entity_label(entity: &str) -> &'static str {
    match entity {
        "agency" => "Cơ quan",
        "agency_name" => "Tên cơ quan",
        "person" => "Cá nhân",
        "body" => "Tổ chức",
        "membership" => "Thành viên tổ chức",
        "document" => "Văn bản",
        "setting" => "Cài đặt",
        "meeting" => "Cuộc họp",
        "meeting_invitee" => "Thành phần mời họp",
        "agenda_item" => "Nội dung họp",
        "agenda_file" => "Tệp đính kèm",
        "conclusion" => "Kết luận",
        "meeting_document" => "Văn bản của cuộc họp",
        "task" => "Nhiệm vụ",
        "task_progress" => "Báo cáo tiến độ nhiệm vụ",
        "task_extension" => "Gia hạn nhiệm vụ",
        "task_letter" => "Công văn đôn đốc",
        "plan_item" => "Nhiệm vụ trong kế hoạch",
        "data" => "Toàn bộ dữ liệu",
        "register" => "Sổ đăng ký văn bản đi",
        "archive_file" => "Hồ sơ",
        "archive_item" => "Văn bản trong hồ sơ",
        _ => "Bản ghi khác",
    }
}

/// A value and its Vietnamese label, for the log's filters.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AuditChoice {
    pub value: String,
    pub label: String,
}

/// What the log can be filtered by.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AuditOptions {
    pub actions: Vec<AuditChoice>,
    pub entities: Vec<AuditChoice>,
}

/// The filter choices, labelled in Vietnamese.
pub fn options() -> AuditOptions {
    const ENTITIES: [&str; 16] = [
        "document",
        "task",
        "task_progress",
        "task_extension",
        "meeting",
        "meeting_invitee",
        "agenda_item",
        "agenda_file",
        "conclusion",
        "meeting_document",
        "person",
        "agency",
        "agency_name",
        "body",
        "membership",
        "setting",
    ];
    AuditOptions {
        actions: AuditAction::ALL
            .iter()
            .map(|a| AuditChoice { value: a.as_str().into(), label: a.label().into() })
            .collect(),
        entities: ENTITIES.iter().map(|e| AuditChoice { value: (*e).into(), label: entity_label(e).into() }).collect(),
    }
}

/// One field of a record as the entry changed it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AuditChange {
    pub field: String,
    /// Vietnamese name of the field ("Chức vụ"), or the column's name when it has none.
    pub label: String,
    /// "—" when empty or absent.
    pub before: String,
    pub after: String,
}

/// The Vietnamese name of a recorded column.
pub fn field_label(column: &str) -> &str {
    match column {
        "id" => "Mã bản ghi",
        "full_name" => "Họ và tên / tên đầy đủ",
        "honorific" => "Danh xưng",
        "post" => "Chức vụ",
        "agency_id" => "Cơ quan (mã)",
        "agency_name" => "Cơ quan",
        "person_id" => "Cá nhân (mã)",
        "body_id" => "Tổ chức (mã)",
        "phone" => "Điện thoại",
        "email" => "Thư điện tử",
        "notes" => "Ghi chú",
        "kind" => "Loại",
        "name" => "Tên",
        "short_name" => "Tên viết tắt",
        "valid_from" => "Áp dụng từ ngày",
        "merged_into_id" => "Sáp nhập vào (mã)",
        "merged_on" => "Ngày sáp nhập",
        "role" => "Vai trò",
        "start_date" => "Từ ngày",
        "end_date" => "Thôi từ ngày",
        "decision_number" => "Số quyết định",
        "decision_date" => "Ngày quyết định",
        "end_reason" => "Lý do thôi",
        "seat_order" => "Thứ tự",
        "doc_type" => "Loại văn bản",
        "status" => "Trạng thái",
        "subject" => "Trích yếu / nội dung",
        "number" => "Số",
        "number_symbol" => "Số, ký hiệu",
        "issued_on" => "Ngày văn bản",
        "issued_at" => "Thời điểm ban hành",
        "pdf_sha256" => "Mã kiểm tra PDF",
        "recalled_at" => "Thời điểm thu hồi",
        "recall_reason" => "Lý do thu hồi",
        "external" => "Số do nơi khác cấp",
        "title" => "Tên",
        "form" => "Hình thức",
        "planned_start" => "Thời gian dự kiến",
        "actual_start" => "Bắt đầu thực tế",
        "actual_end" => "Kết thúc thực tế",
        "place" => "Địa điểm",
        "chair_title" => "Chức danh chủ trì",
        "attendance" => "Điểm danh",
        "absence_reason" => "Lý do vắng",
        "substitute_name" => "Người dự thay",
        "substitute_post" => "Chức vụ người dự thay",
        "text" => "Nội dung",
        "deadline" => "Thời hạn",
        "position" => "Thứ tự",
        "file_name" => "Tên tệp",
        "value" => "Giá trị",
        "key" => "Mục cài đặt",
        other => other,
    }
}

fn shown(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => "—".into(),
        Some(serde_json::Value::String(s)) if s.is_empty() => "—".into(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The fields an entry changed (every recorded field for a creation or a deletion).
pub fn changes_of(before: Option<&str>, after: Option<&str>) -> Vec<AuditChange> {
    let parse = |s: Option<&str>| -> serde_json::Map<String, serde_json::Value> {
        s.and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default()
    };
    let (b, a) = (parse(before), parse(after));
    let mut fields: Vec<&String> = b.keys().collect();
    fields.extend(a.keys().filter(|k| !b.contains_key(*k)));
    let both = before.is_some() && after.is_some();
    fields
        .into_iter()
        .filter(|f| !both || b.get(*f) != a.get(*f))
        .map(|f| AuditChange {
            field: f.clone(),
            label: field_label(f).to_string(),
            before: shown(b.get(f)),
            after: shown(a.get(f)),
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AuditEntry {
    /// Increasing with time (4 billion entries are more than any office writes).
    pub id: u32,
    /// RFC 3339, UTC.
    pub at: String,
    pub user: String,
    pub action: AuditAction,
    pub action_label: String,
    pub entity: String,
    pub entity_label: String,
    pub entity_id: String,
    pub summary: String,
    /// JSON object of the values before (none for a creation).
    pub before: Option<String>,
    /// JSON object of the values after (none for a deletion).
    pub after: Option<String>,
    /// What changed, field by field, labelled.
    pub changes: Vec<AuditChange>,
}

#[derive(Debug, Clone, Default, Deserialize, Type)]
pub struct AuditFilter {
    #[serde(default)]
    pub entity: Option<String>,
    #[serde(default)]
    pub entity_id: Option<String>,
    #[serde(default)]
    pub action: Option<AuditAction>,
    #[serde(default)]
    pub user: Option<String>,
    /// First day included (local dates are compared on the UTC timestamp's date).
    #[serde(default)]
    pub from: Option<chrono::NaiveDate>,
    /// Last day included.
    #[serde(default)]
    pub to: Option<chrono::NaiveDate>,
    /// Only entries older than this id (the next page).
    #[serde(default)]
    pub before_id: Option<u32>,
    /// Page size; 100 when absent, at most 500.
    #[serde(default)]
    pub limit: Option<u32>,
}

/// The workstation's user name, as the operating system tells it.
pub fn current_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().map(|v| crate::text::clean(&v)).filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "không rõ".to_string())
}

/// Tells the triggers who writes (called at the start of each write transaction; writes
/// nothing when the same user wrote last).
pub(crate) fn set_user(tx: &Tx, user: &str) -> Result<()> {
    tx.execute("UPDATE audit_session SET user = ?1 WHERE id = 1 AND user IS NOT ?1", [user]).sql()?;
    Ok(())
}

/// Records an act that changes no row (export, print, backup, restore).
pub fn record(
    tx: &Tx,
    action: AuditAction,
    entity: &str,
    entity_id: &str,
    summary: &str,
    detail: Option<serde_json::Value>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (at, user, action, entity, entity_id, summary, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7)",
        params![now(), current_user(), action.as_str(), entity, entity_id, summary, detail.map(|d| d.to_string())],
    )
    .sql()?;
    Ok(())
}

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

fn audited_tables(conn: &Db) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .sql()?;
    let names: Vec<String> = stmt.query_map([], |r| r.get(0)).sql()?.collect::<Result<_, _>>().sql()?;
    Ok(names.into_iter().filter(|n| !NOT_AUDITED.iter().any(|x| n == x || n.starts_with(&format!("{x}_")))).collect())
}

/// (audited columns, primary key columns) of `table`.
fn columns(conn: &Db, table: &str) -> Result<(Vec<String>, Vec<String>)> {
    let mut stmt = conn.prepare(&format!("SELECT name, pk FROM pragma_table_info({})", sql_text(table))).sql()?;
    let rows: Vec<(String, i64)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).sql()?.collect::<Result<_, _>>().sql()?;
    let mut keys: Vec<(i64, String)> = rows.iter().filter(|(_, pk)| *pk > 0).map(|(n, pk)| (*pk, n.clone())).collect();
    keys.sort();
    let audited = rows.into_iter().map(|(n, _)| n).filter(|n| !excluded(table, n)).collect();
    Ok((audited, keys.into_iter().map(|(_, n)| n).collect()))
}

fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// True when an audited table lacks one of its three triggers.
pub fn triggers_missing(conn: &Db) -> Result<bool> {
    let tables = audited_tables(conn)?;
    let have: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit\\_%' ESCAPE '\\'
           AND name NOT LIKE 'audit\\_log\\_%' ESCAPE '\\'",
            [],
            |r| r.get(0),
        )
        .sql()?;
    Ok(have < 3 * tables.len() as i64)
}

/// (Re)creates the audit triggers of every audited table from its current columns. Run after
/// migrations (a table rebuilt by a migration loses its triggers; a new column must be audited).
pub fn install_triggers(conn: &Tx) -> Result<()> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit\\_%\\_%' ESCAPE '\\' AND name NOT LIKE 'audit_log_%'").sql()?;
    let old: Vec<String> = stmt.query_map([], |r| r.get(0)).sql()?.collect::<Result<_, _>>().sql()?;
    for t in old {
        conn.execute_batch(&format!("DROP TRIGGER {};", quote(&t))).sql()?;
    }
    for table in audited_tables(conn)? {
        let (cols, keys) = columns(conn, &table)?;
        if keys.is_empty() || cols.is_empty() {
            return Err(AppError::storage(format!(
                "Không lập được nhật ký cho bảng {table}: bảng không có khóa chính."
            )));
        }
        let key =
            |row: &str| keys.iter().map(|k| format!("{row}.{}", quote(k))).collect::<Vec<_>>().join(" || '/' || ");
        let json = |row: &str| {
            let pairs: Vec<String> = cols.iter().map(|c| format!("{}, {row}.{}", sql_text(c), quote(c))).collect();
            format!("json_object({})", pairs.join(", "))
        };
        let summary = |row: &str| match table.as_str() {
            "document" => format!("coalesce({row}.number_symbol, {row}.subject)"),
            _ => SUMMARY_COLUMNS
                .iter()
                .find(|c| cols.iter().any(|x| x == *c))
                .map(|c| format!("coalesce({row}.{}, '')", quote(c)))
                .unwrap_or_else(|| "''".to_string()),
        };
        let changed: Vec<String> = cols.iter().map(|c| format!("OLD.{0} IS NOT NEW.{0}", quote(c))).collect();
        let update_action = if table == "document" {
            "CASE WHEN OLD.status = 'draft' AND NEW.status = 'issued' THEN 'issue' \
             WHEN OLD.status = 'issued' AND NEW.status = 'recalled' THEN 'recall' ELSE 'update' END"
                .to_string()
        } else {
            "'update'".to_string()
        };
        let insert = |action: &str, id: String, summary: String, before: &str, after: &str| {
            format!(
                "INSERT INTO audit_log (at, user, action, entity, entity_id, summary, before, after) VALUES \
                 (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT user FROM audit_session WHERE id = 1), {action}, {}, \
                 {id}, {summary}, {before}, {after});",
                sql_text(&table)
            )
        };
        let t = quote(&table);
        conn.execute_batch(&format!(
            "CREATE TRIGGER {ins} AFTER INSERT ON {t} BEGIN {body_ins} END;
             CREATE TRIGGER {upd} AFTER UPDATE ON {t} WHEN {when} BEGIN {body_upd} END;
             CREATE TRIGGER {del} AFTER DELETE ON {t} BEGIN {body_del} END;",
            ins = quote(&format!("audit_{table}_insert")),
            upd = quote(&format!("audit_{table}_update")),
            del = quote(&format!("audit_{table}_delete")),
            body_ins = insert("'create'", key("NEW"), summary("NEW"), "NULL", &json("NEW")),
            when = changed.join(" OR "),
            body_upd = insert(&update_action, key("NEW"), summary("NEW"), &json("OLD"), &json("NEW")),
            body_del = insert("'delete'", key("OLD"), summary("OLD"), &json("OLD"), "NULL"),
        ))
        .sql()?;
    }
    Ok(())
}

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<(AuditEntry, String)> {
    let entity: String = r.get(4)?;
    Ok((
        AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            user: r.get(2)?,
            action: AuditAction::Create,
            action_label: String::new(),
            entity_label: entity_label(&entity).to_string(),
            entity,
            entity_id: r.get(5)?,
            summary: r.get(6)?,
            before: r.get(7)?,
            after: r.get(8)?,
            changes: Vec::new(),
        },
        r.get(3)?,
    ))
}

/// The query for a filter: only the conditions given, so that SQLite picks the index that
/// fits (a `?1 IS NULL OR …` form would make it scan the whole log).
fn list_query(f: &AuditFilter) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut conds: Vec<&str> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let mut add = |cond: &'static str, v: Option<Value>| {
        if let Some(v) = v {
            conds.push(cond);
            args.push(v);
        }
    };
    add("entity = ?", f.entity.clone().map(Value::Text));
    add("entity_id = ?", f.entity_id.clone().map(Value::Text));
    add("action = ?", f.action.map(|a| Value::Text(a.as_str().into())));
    add("user = ?", f.user.clone().map(Value::Text));
    add("at >= ?", f.from.map(|d| Value::Text(d.format("%Y-%m-%d").to_string())));
    add("at < ?", f.to.and_then(|d| d.succ_opt()).map(|d| Value::Text(d.format("%Y-%m-%d").to_string())));
    add("id < ?", f.before_id.map(|id| Value::Integer(i64::from(id))));
    let filter = if conds.is_empty() { String::new() } else { format!("WHERE {}", conds.join(" AND ")) };
    args.push(Value::Integer(i64::from(f.limit.unwrap_or(100).clamp(1, 500))));
    (
        format!(
            "SELECT id, at, user, action, entity, entity_id, summary, before, after FROM audit_log {filter}
             ORDER BY id DESC LIMIT ?"
        ),
        args,
    )
}

/// Newest first, filtered, one page at a time (pass the last id seen as `before_id`).
pub fn list(conn: &Db, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let (sql, args) = list_query(f);
    let mut stmt = conn.prepare(&sql).sql()?;
    let rows: Vec<(AuditEntry, String)> =
        stmt.query_map(rusqlite::params_from_iter(args), from_row).sql()?.collect::<Result<_, _>>().sql()?;
    rows.into_iter()
        .map(|(mut e, action)| {
            let a = AuditAction::parse(&action).ok_or_else(|| {
                AppError::storage(format!(
                    "Nhật ký có dòng hỏng (bảng audit_log, dòng {}: hành động \"{action}\").",
                    e.id
                ))
            })?;
            e.action = a;
            e.action_label = a.label().to_string();
            e.changes = changes_of(e.before.as_deref(), e.after.as_deref());
            Ok(e)
        })
        .collect()
}

#[cfg(test)]
mod tests;
