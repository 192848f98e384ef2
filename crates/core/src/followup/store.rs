//! Tasks in the store: adding, reporting progress, extending, and reading them as of a date.
//!
//! Lists read the candidate rows with SQL (every filter but the status is a comparison on an
//! indexed column), then work out each task's standing as of the date in Rust — the status
//! depends on the date asked, so it cannot be stored — and filter, count, sort and page.

use super::status::{deadline_in_force, standing, ExtensionFact, ReportFact, Standing};
use super::types::*;
use crate::deadline::Deadline;
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::roster::agency_name_at;
use crate::store::{new_id, now, CorruptValue, Store};
use crate::store::{Db, Tx};
use crate::text::{check_date, clean, compare_vi, fold, format_date_vi};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Row};
use std::collections::HashMap;

const SETTINGS_KEY: &str = "followup";

/// The settings of follow-up (default: "sắp đến hạn" within 7 days).
pub fn followup_settings(conn: &Db) -> Result<FollowupSettings> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [SETTINGS_KEY], |r| r.get(0)).optional().sql()?;
    match value {
        None => Ok(FollowupSettings::default()),
        Some(json) => serde_json::from_str(&json)
            .map_err(|_| AppError::from(CorruptValue::new("setting", SETTINGS_KEY, "value", &json))),
    }
}

pub fn save_followup_settings(store: &mut Store, settings: &FollowupSettings) -> Result<FollowupSettings> {
    if !(1..=90).contains(&settings.due_soon_days) {
        return Err(AppError::validation("Số ngày “sắp đến hạn” phải từ 1 đến 90."));
    }
    let json = serde_json::to_string(settings).map_err(|e| AppError::storage(e.to_string()))?;
    store.write(|tx| {
        tx.execute(
            "INSERT INTO setting (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![SETTINGS_KEY, json, now()],
        )
        .sql()?;
        Ok(())
    })?;
    Ok(*settings)
}

// ---------------------------------------------------------------------------------------------
// Rows

pub(crate) const COLUMNS: &str = "t.id, t.source_kind, t.source_document_id, t.meeting_id, t.conclusion_id, \
    t.source_number, t.source_date, t.source_directed_by, t.source_title, t.position, t.content, t.lead_agency_id, \
    t.coordinating_agency_ids, t.deadline_spec, t.priority, t.assigned_on";

#[derive(Debug, Clone)]
pub(crate) struct TaskRow {
    pub id: String,
    pub source_kind: TaskSourceKind,
    pub source_document_id: Option<String>,
    pub meeting_id: Option<String>,
    pub conclusion_id: Option<String>,
    pub source_number: String,
    pub source_date: Option<NaiveDate>,
    pub directed_by: String,
    pub source_title: String,
    pub content: String,
    pub lead: Option<String>,
    pub coordinating: Vec<String>,
    pub deadline: Option<Deadline>,
    pub priority: Priority,
    pub assigned_on: NaiveDate,
}

fn corrupt(id: &str, column: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        Box::new(AppError::from(CorruptValue::new("task", id, column, value))),
    )
}

fn row_of(r: &Row) -> rusqlite::Result<TaskRow> {
    let id: String = r.get(0)?;
    let coordinating: String = r.get(12)?;
    let spec: Option<String> = r.get(13)?;
    Ok(TaskRow {
        source_kind: crate::store::decode::stored(r, 1, "task", &id, "source_kind")?,
        source_document_id: r.get(2)?,
        meeting_id: r.get(3)?,
        conclusion_id: r.get(4)?,
        source_number: r.get(5)?,
        source_date: r.get(6)?,
        directed_by: r.get(7)?,
        source_title: r.get(8)?,
        content: r.get(10)?,
        lead: r.get(11)?,
        coordinating: serde_json::from_str(&coordinating)
            .map_err(|_| corrupt(&id, "coordinating_agency_ids", &coordinating))?,
        deadline: match &spec {
            Some(s) => Some(
                serde_json::from_str::<Deadline>(s)
                    .ok()
                    .filter(|d| d.check().is_ok())
                    .ok_or_else(|| corrupt(&id, "deadline_spec", s))?,
            ),
            None => None,
        },
        priority: crate::store::decode::stored(r, 14, "task", &id, "priority")?,
        assigned_on: r.get(15)?,
        id,
    })
}

pub(crate) fn task_row(conn: &Db, id: &str) -> Result<TaskRow> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM task t WHERE t.id = ?1"), [id], row_of)
        .optional()
        .sql()?
        .ok_or_else(|| AppError::not_found("Không tìm thấy nhiệm vụ (có thể đã bị xóa)."))
}

// ---------------------------------------------------------------------------------------------
// Agencies as of a date: names, and the handover of open tasks to a merged agency's successor.

/// Agencies' names and mergers, read once per view.
pub(crate) struct Agencies {
    merged: HashMap<String, (String, NaiveDate)>,
    names: std::cell::RefCell<HashMap<(String, NaiveDate), String>>,
}

impl Agencies {
    pub fn load(conn: &Db) -> Result<Self> {
        let mut stmt =
            conn.prepare("SELECT id, merged_into_id, merged_on FROM agency WHERE merged_into_id IS NOT NULL").sql()?;
        let merged = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get::<_, String>(1)?, r.get::<_, NaiveDate>(2)?))))
            .sql()?
            .collect::<rusqlite::Result<HashMap<_, _>>>()
            .sql()?;
        Ok(Self { merged, names: Default::default() })
    }

    pub fn name(&self, conn: &Db, id: &str, on: NaiveDate) -> Result<String> {
        let key = (id.to_string(), on);
        if let Some(n) = self.names.borrow().get(&key) {
            return Ok(n.clone());
        }
        let name = agency_name_at(conn, id, on)?.full_name;
        self.names.borrow_mut().insert(key, name.clone());
        Ok(name)
    }

    /// The agency holding a task given to `lead` on `as_of`, with the handovers on the way: a
    /// task still open on the day its lead agency merged into another passes to that one.
    pub fn holder(
        &self,
        conn: &Db,
        lead: &str,
        done_on: Option<NaiveDate>,
        as_of: NaiveDate,
    ) -> Result<(String, Vec<Handover>)> {
        let mut current = lead.to_string();
        let mut handovers = Vec::new();
        while let Some((next, on)) = self.merged.get(&current) {
            if *on > as_of || done_on.is_some_and(|d| d < *on) || handovers.len() > 50 {
                break;
            }
            handovers.push(Handover {
                on: *on,
                from_agency_name: self.name(conn, &current, *on)?,
                to_agency_name: self.name(conn, next, *on)?,
            });
            current = next.clone();
        }
        Ok((current, handovers))
    }

    /// `id` and every agency merged into it, directly or not.
    pub fn with_predecessors(&self, id: &str) -> Vec<String> {
        let mut out = vec![id.to_string()];
        let mut i = 0;
        while i < out.len() {
            let target = out[i].clone();
            for (from, (to, _)) in &self.merged {
                if *to == target && !out.contains(from) {
                    out.push(from.clone());
                }
            }
            i += 1;
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Reading a task as of a date

pub(crate) fn source_of(row: &TaskRow) -> TaskSource {
    let title = if row.source_title.is_empty() {
        match row.source_kind {
            TaskSourceKind::Conclusion => "Thông báo kết luận".to_string(),
            _ => "Văn bản".to_string(),
        }
    } else {
        row.source_title.clone()
    };
    let mut label = title.clone();
    if !row.source_number.is_empty() {
        label.push_str(&format!(" số {}", row.source_number));
    }
    if let Some(d) = row.source_date {
        label.push_str(&format!(" ngày {}", format_date_vi(d)));
    }
    if !row.directed_by.is_empty() {
        label.push_str(&format!(" ({})", row.directed_by));
    }
    TaskSource {
        kind: row.source_kind,
        document_id: row.source_document_id.clone(),
        meeting_id: row.meeting_id.clone(),
        conclusion_id: row.conclusion_id.clone(),
        number: row.source_number.clone(),
        date: row.source_date,
        directed_by: row.directed_by.clone(),
        title,
        label,
    }
}

fn reports_of(conn: &Db, task_id: &str) -> Result<Vec<Progress>> {
    let mut stmt = conn
        .prepare(
            "SELECT id, reported_on, text, report_number, completes, occurrence_due, file_name, stored_path
         FROM task_progress WHERE task_id = ?1 ORDER BY reported_on, created_at",
        )
        .sql()?;
    let rows = stmt
        .query_map([task_id], |r| {
            Ok(Progress {
                id: r.get(0)?,
                date: r.get(1)?,
                text: r.get(2)?,
                report_number: r.get(3)?,
                completes: r.get(4)?,
                occurrence_due: r.get(5)?,
                file_name: r.get(6)?,
                stored_path: r.get(7)?,
            })
        })
        .sql()?
        .collect::<rusqlite::Result<Vec<_>>>()
        .sql()?;
    Ok(rows)
}

fn extensions_of(conn: &Db, task_id: &str) -> Result<Vec<Extension>> {
    let mut stmt = conn
        .prepare(
            "SELECT id, deadline_spec, due_date, decided_on, decision, reason FROM task_extension
         WHERE task_id = ?1 ORDER BY decided_on, created_at",
        )
        .sql()?;
    let rows = stmt
        .query_map([task_id], |r| {
            let id: String = r.get(0)?;
            let spec: String = r.get(1)?;
            let deadline: Deadline = serde_json::from_str(&spec).map_err(|_| corrupt(&id, "deadline_spec", &spec))?;
            Ok(Extension {
                id,
                deadline_label: deadline.label(),
                deadline,
                due_date: r.get(2)?,
                decided_on: r.get(3)?,
                decision: r.get(4)?,
                reason: r.get(5)?,
            })
        })
        .sql()?
        .collect::<rusqlite::Result<Vec<_>>>()
        .sql()?;
    Ok(rows)
}

/// A task's row with what its standing needs.
pub(crate) struct Loaded {
    pub row: TaskRow,
    pub progress: Vec<Progress>,
    pub extensions: Vec<Extension>,
}

pub(crate) fn load(conn: &Db, row: TaskRow) -> Result<Loaded> {
    let progress = reports_of(conn, &row.id)?;
    let extensions = extensions_of(conn, &row.id)?;
    Ok(Loaded { row, progress, extensions })
}

pub(crate) fn facts(l: &Loaded) -> (Vec<ReportFact>, Vec<ExtensionFact>) {
    (
        l.progress
            .iter()
            .map(|p| ReportFact { date: p.date, completes: p.completes, occurrence_due: p.occurrence_due })
            .collect(),
        l.extensions.iter().map(|e| ExtensionFact { decided_on: e.decided_on, deadline: e.deadline }).collect(),
    )
}

pub(crate) fn standing_of(l: &Loaded, as_of: NaiveDate, soon: u32) -> (Standing, Option<Deadline>, bool) {
    let (reports, extensions) = facts(l);
    let (deadline, extended) = deadline_in_force(l.row.deadline, &extensions, as_of);
    (standing(deadline, l.row.assigned_on, &reports, as_of, soon), deadline, extended)
}

pub(crate) fn summarize(
    conn: &Db,
    agencies: &Agencies,
    l: &Loaded,
    as_of: NaiveDate,
    soon: u32,
) -> Result<(TaskSummary, Standing, Vec<Handover>)> {
    let (st, deadline, extended) = standing_of(l, as_of, soon);
    let row = &l.row;
    let (lead_id, lead_name, original, handovers) = match &row.lead {
        Some(lead) => {
            let (holder, handovers) = agencies.holder(conn, lead, st.done_on, as_of)?;
            let original = if handovers.is_empty() { None } else { Some(agencies.name(conn, lead, as_of)?) };
            (Some(holder.clone()), agencies.name(conn, &holder, as_of)?, original, handovers)
        }
        None => (None, String::new(), None, vec![]),
    };
    let last_report = l.progress.iter().rev().find(|p| p.date <= as_of).map(|p| ReportBrief {
        date: p.date,
        text: p.text.clone(),
        report_number: p.report_number.clone(),
    });
    let summary = TaskSummary {
        id: row.id.clone(),
        content: row.content.clone(),
        source: source_of(row),
        lead_agency_id: lead_id,
        lead_agency_name: lead_name,
        original_lead_agency_name: original,
        coordinating_agency_names: row
            .coordinating
            .iter()
            .map(|a| agencies.name(conn, a, as_of))
            .collect::<Result<Vec<_>>>()?,
        deadline_label: deadline.map(|d| d.label()).unwrap_or_default(),
        deadline,
        due_date: st.due_date,
        extended,
        priority: row.priority,
        status: st.status,
        status_label: st.status.label().to_string(),
        days_overdue: st.days_overdue,
        done_on: st.done_on,
        last_report,
        assigned_on: row.assigned_on,
    };
    Ok((summary, st, handovers))
}

fn letters_of(conn: &Db, task_id: &str) -> Result<Vec<Letter>> {
    let mut stmt = conn.prepare(
        "SELECT d.id, d.number_symbol, d.issued_on, d.status FROM task_letter l JOIN document d ON d.id = l.document_id
         WHERE l.task_id = ?1 ORDER BY coalesce(d.issued_on, d.created_at)",
    ).sql()?;
    let rows = stmt
        .query_map([task_id], |r| {
            let status: String = r.get(3)?;
            Ok(Letter {
                document_id: r.get(0)?,
                number_symbol: r.get(1)?,
                issued_on: r.get(2)?,
                status_label: match status.as_str() {
                    "draft" => "Dự thảo",
                    "issued" => "Đã ban hành",
                    _ => "Đã thu hồi",
                }
                .to_string(),
            })
        })
        .sql()?
        .collect::<rusqlite::Result<Vec<_>>>()
        .sql()?;
    Ok(rows)
}

/// A task's page as of `as_of`.
pub fn get_task(conn: &Db, id: &str, as_of: NaiveDate) -> Result<TaskDetail> {
    let soon = followup_settings(conn)?.due_soon_days;
    let agencies = Agencies::load(conn)?;
    let l = load(conn, task_row(conn, id)?)?;
    let (task, st, handovers) = summarize(conn, &agencies, &l, as_of, soon)?;
    Ok(TaskDetail {
        original_deadline: l.row.deadline,
        original_deadline_label: l.row.deadline.map(|d| d.label()).unwrap_or_default(),
        coordinating_agency_ids: l.row.coordinating.clone(),
        occurrences: st.occurrences,
        progress: l.progress.iter().filter(|p| p.date <= as_of).cloned().collect(),
        extensions: l.extensions.iter().filter(|e| e.decided_on <= as_of).cloned().collect(),
        letters: letters_of(conn, id)?,
        handovers,
        task,
    })
}

// ---------------------------------------------------------------------------------------------
// Lists

/// The candidate rows of a filter: every condition but the status, each on an indexed column.
pub(crate) fn candidates_query(filter: &TaskFilter, agencies: &Agencies) -> (String, Vec<Value>) {
    candidates_of(filter, agencies, COLUMNS)
}

/// The columns a list places a task by, before reading the page's rows in full.
pub(crate) const PLACE_COLUMNS: &str = "t.id, t.lead_agency_id, t.deadline_spec, t.assigned_on, t.source_date";

/// The candidate rows of a filter, with the columns given.
pub(crate) fn candidates_of(filter: &TaskFilter, agencies: &Agencies, columns: &str) -> (String, Vec<Value>) {
    // With a due range, the index on the due date serves (the unary "+" keeps SQLite from
    // choosing the index on the day given instead: both are ranges, equal to its eyes).
    let assigned = if filter.due_from.is_some() { "+t.assigned_on <= ?" } else { "t.assigned_on <= ?" };
    let mut terms = vec![assigned.to_string()];
    let mut args = vec![Value::Text(filter.as_of.to_string())];
    if let Some(a) = &filter.agency_id {
        let ids = agencies.with_predecessors(a);
        terms.push(format!("t.lead_agency_id IN ({})", vec!["?"; ids.len()].join(", ")));
        args.extend(ids.into_iter().map(Value::Text));
    }
    if let Some(k) = filter.source_kind {
        terms.push("t.source_kind = ?".into());
        args.push(Value::Text(k.as_str().into()));
    }
    if let Some(m) = &filter.meeting_id {
        terms.push("t.meeting_id = ?".into());
        args.push(Value::Text(m.clone()));
    }
    if let Some(d) = &filter.document_id {
        terms.push("t.source_document_id = ?".into());
        args.push(Value::Text(d.clone()));
    }
    for word in fold(&filter.text).split_whitespace() {
        terms.push("t.search_text LIKE ? ESCAPE '\\'".into());
        let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        args.push(Value::Text(format!("%{escaped}%")));
    }
    let select = format!("SELECT {columns} FROM task t WHERE {}", terms.join(" AND "));
    match filter.due_from {
        // The due date in force is never before the original one (extensions move it later),
        // so tasks whose date is before the range are left out by the index on `due_date`;
        // tasks without a single date (recurring reports, ongoing duties) are read too and
        // checked on their next due date afterwards. Two branches, each on its own index.
        Some(from) => {
            let mut all = args.clone();
            all.push(Value::Text(from.to_string()));
            all.extend(args);
            (format!("{select} AND t.due_date >= ? UNION ALL {select} AND t.due_date IS NULL"), all)
        }
        None => (select, args),
    }
}

/// Every task matching the filter but its statuses, as of its date, in no order.
pub(crate) fn matching(conn: &Db, filter: &TaskFilter) -> Result<Vec<(TaskSummary, Standing)>> {
    let soon = followup_settings(conn)?.due_soon_days;
    let agencies = Agencies::load(conn)?;
    let (sql, args) = candidates_query(filter, &agencies);
    let rows = conn
        .prepare(&sql)
        .sql()?
        .query_map(rusqlite::params_from_iter(args), row_of)
        .sql()?
        .collect::<rusqlite::Result<Vec<_>>>()
        .sql()?;
    let mut out = Vec::new();
    for row in rows {
        let l = load(conn, row)?;
        let (s, st, _) = summarize(conn, &agencies, &l, filter.as_of, soon)?;
        if let Some(a) = &filter.agency_id {
            if s.lead_agency_id.as_deref() != Some(a.as_str()) {
                continue; // done by a merged agency before the merger: stays with it
            }
        }
        if filter.due_from.is_some_and(|f| s.due_date.is_none_or(|d| d < f))
            || filter.due_to.is_some_and(|t| s.due_date.is_none_or(|d| d > t))
        {
            continue;
        }
        out.push((s, st));
    }
    Ok(out)
}

/// What a list is sorted on.
struct SortKey<'a> {
    id: &'a str,
    due: Option<NaiveDate>,
    status: TaskStatus,
    agency: &'a str,
    source_date: Option<NaiveDate>,
    source_label: &'a str,
    assigned_on: NaiveDate,
}

fn compare(a: &SortKey, b: &SortKey, by: TaskSort, descending: bool) -> std::cmp::Ordering {
    let due = |a: &SortKey, b: &SortKey| match (a.due, b.due) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    };
    let o = match by {
        TaskSort::Due => due(a, b),
        TaskSort::Status => a.status.cmp(&b.status).then_with(|| due(a, b)),
        TaskSort::Agency => compare_vi(a.agency, b.agency).then_with(|| due(a, b)),
        TaskSort::Source => a.source_date.cmp(&b.source_date).then_with(|| compare_vi(a.source_label, b.source_label)),
        TaskSort::Assigned => a.assigned_on.cmp(&b.assigned_on),
    };
    let o = o.then_with(|| a.id.cmp(b.id));
    if descending {
        o.reverse()
    } else {
        o
    }
}

#[cfg(test)]
fn key_of(s: &TaskSummary) -> SortKey<'_> {
    SortKey {
        id: &s.id,
        due: s.due_date,
        status: s.status,
        agency: &s.lead_agency_name,
        source_date: s.source.date,
        source_label: &s.source.label,
        assigned_on: s.assigned_on,
    }
}

#[cfg(test)]
fn sort(items: &mut [TaskSummary], by: TaskSort, descending: bool) {
    items.sort_by(|a, b| compare(&key_of(a), &key_of(b), by, descending));
}

/// The task list as of the filter's date, the old way: every task summarised, then filtered,
/// counted, sorted and paged. Kept to check the list against.
#[cfg(test)]
pub(crate) fn list_tasks_by_summaries(conn: &Db, filter: &TaskFilter) -> Result<TaskPage> {
    let all = matching(conn, filter)?;
    let mut counts = StatusCounts::default();
    for (s, _) in &all {
        counts.add(s.status);
    }
    let mut items: Vec<TaskSummary> = all
        .into_iter()
        .map(|(s, _)| s)
        .filter(|s| filter.statuses.is_empty() || filter.statuses.contains(&s.status))
        .collect();
    sort(&mut items, filter.sort, filter.descending);
    let total = items.len() as u32;
    let items = items
        .into_iter()
        .skip(filter.offset as usize)
        .take(filter.limit.map(|l| l as usize).unwrap_or(usize::MAX))
        .collect();
    Ok(TaskPage { items, total, offset: filter.offset, counts })
}

/// Reports known on `as_of` (what a standing needs of them), by task: one scan of the table.
pub(crate) const REPORT_FACTS: &str = "SELECT task_id, reported_on, completes, occurrence_due FROM task_progress
     WHERE reported_on <= ?1";

/// Extensions decided by `as_of`, by task, in the order a task's page reads them.
pub(crate) const EXTENSION_FACTS: &str = "SELECT task_id, decided_on, deadline_spec, id FROM task_extension
     WHERE decided_on <= ?1 ORDER BY task_id, decided_on, created_at";

type Facts = (HashMap<String, Vec<ReportFact>>, HashMap<String, Vec<ExtensionFact>>);

fn facts_as_of(conn: &Db, as_of: NaiveDate) -> Result<Facts> {
    let mut reports: HashMap<String, Vec<ReportFact>> = HashMap::new();
    let mut stmt = conn.prepare(REPORT_FACTS).sql()?;
    let mut rows = stmt.query([as_of]).sql()?;
    while let Some(r) = rows.next().sql()? {
        reports.entry(r.get(0).sql()?).or_default().push(ReportFact {
            date: r.get(1).sql()?,
            completes: r.get(2).sql()?,
            occurrence_due: r.get(3).sql()?,
        });
    }
    let mut extensions: HashMap<String, Vec<ExtensionFact>> = HashMap::new();
    let mut stmt = conn.prepare(EXTENSION_FACTS).sql()?;
    let mut rows = stmt.query([as_of]).sql()?;
    while let Some(r) = rows.next().sql()? {
        let spec: String = r.get(2).sql()?;
        let id: String = r.get(3).sql()?;
        let deadline: Deadline = serde_json::from_str(&spec).map_err(|_| corrupt(&id, "deadline_spec", &spec)).sql()?;
        extensions.entry(r.get(0).sql()?).or_default().push(ExtensionFact { decided_on: r.get(1).sql()?, deadline });
    }
    Ok((reports, extensions))
}

/// A candidate task's place in the list: what it is sorted on, before its summary.
struct Placed {
    id: String,
    due: Option<NaiveDate>,
    status: TaskStatus,
    agency: String,
    source_date: Option<NaiveDate>,
    source_label: String,
    assigned_on: NaiveDate,
}

/// What a task is placed by: its lead agency, deadline as given, day given and source.
struct Place {
    id: String,
    lead: Option<String>,
    deadline: Option<Deadline>,
    assigned_on: NaiveDate,
    source_date: Option<NaiveDate>,
    source_label: String,
}

/// The candidates as placed: only the few columns needed, each deadline parsed once (many
/// tasks share one); by source, the whole row (its label is made from several columns).
fn places(conn: &Db, filter: &TaskFilter, agencies: &Agencies) -> Result<Vec<Place>> {
    if filter.sort == TaskSort::Source {
        let (sql, args) = candidates_query(filter, agencies);
        let mut stmt = conn.prepare(&sql).sql()?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), row_of).sql()?;
        return rows
            .map(|r| {
                let row = r.sql()?;
                Ok(Place {
                    source_label: source_of(&row).label,
                    id: row.id,
                    lead: row.lead,
                    deadline: row.deadline,
                    assigned_on: row.assigned_on,
                    source_date: row.source_date,
                })
            })
            .collect();
    }
    let (sql, args) = candidates_of(filter, agencies, PLACE_COLUMNS);
    let mut stmt = conn.prepare(&sql).sql()?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args)).sql()?;
    let mut parsed: HashMap<String, Deadline> = HashMap::new();
    let mut out = Vec::new();
    while let Some(r) = rows.next().sql()? {
        let id: String = r.get(0).sql()?;
        let spec: Option<String> = r.get(2).sql()?;
        let deadline = match spec {
            None => None,
            Some(s) => match parsed.get(&s) {
                Some(d) => Some(*d),
                None => {
                    let d = serde_json::from_str::<Deadline>(&s)
                        .ok()
                        .filter(|d| d.check().is_ok())
                        .ok_or_else(|| AppError::from(CorruptValue::new("task", &id, "deadline_spec", &s)))?;
                    parsed.insert(s, d);
                    Some(d)
                }
            },
        };
        out.push(Place {
            lead: r.get(1).sql()?,
            deadline,
            assigned_on: r.get(3).sql()?,
            source_date: r.get(4).sql()?,
            source_label: String::new(),
            id,
        });
    }
    Ok(out)
}

/// The task list as of the filter's date: filtered, counted, sorted and paged.
///
/// The candidates come from SQL (every filter but the status, on indexed columns), with only
/// the columns a task is placed by; the reports and extensions known on the date are read in
/// one scan each, so each task's standing is worked out without a query of its own (the
/// status depends on the date asked, so it cannot be stored). Only the page's rows are then
/// read in full and summarised.
pub fn list_tasks(conn: &Db, filter: &TaskFilter) -> Result<TaskPage> {
    let as_of = filter.as_of;
    let soon = followup_settings(conn)?.due_soon_days;
    let agencies = Agencies::load(conn)?;
    let rows = places(conn, filter, &agencies)?;
    let (reports, extensions) = facts_as_of(conn, as_of)?;
    let mut counts = StatusCounts::default();
    let mut placed = Vec::new();
    for row in rows {
        let r = reports.get(&row.id).map(Vec::as_slice).unwrap_or_default();
        let e = extensions.get(&row.id).map(Vec::as_slice).unwrap_or_default();
        let (deadline, _) = deadline_in_force(row.deadline, e, as_of);
        let st = standing(deadline, row.assigned_on, r, as_of, soon);
        let holder = match &row.lead {
            Some(lead) => Some(agencies.holder(conn, lead, st.done_on, as_of)?.0),
            None => None,
        };
        if let Some(a) = &filter.agency_id {
            if holder.as_deref() != Some(a.as_str()) {
                continue; // done by a merged agency before the merger: stays with it
            }
        }
        if filter.due_from.is_some_and(|f| st.due_date.is_none_or(|d| d < f))
            || filter.due_to.is_some_and(|t| st.due_date.is_none_or(|d| d > t))
        {
            continue;
        }
        counts.add(st.status);
        if !filter.statuses.is_empty() && !filter.statuses.contains(&st.status) {
            continue;
        }
        let agency = match (&holder, filter.sort) {
            (Some(h), TaskSort::Agency) => agencies.name(conn, h, as_of)?,
            _ => String::new(),
        };
        placed.push(Placed {
            id: row.id,
            due: st.due_date,
            status: st.status,
            agency,
            source_date: row.source_date,
            source_label: row.source_label,
            assigned_on: row.assigned_on,
        });
    }
    fn key(p: &Placed) -> SortKey<'_> {
        SortKey {
            id: &p.id,
            due: p.due,
            status: p.status,
            agency: &p.agency,
            source_date: p.source_date,
            source_label: &p.source_label,
            assigned_on: p.assigned_on,
        }
    }
    placed.sort_by(|a, b| compare(&key(a), &key(b), filter.sort, filter.descending));
    let total = placed.len() as u32;
    let items = placed
        .into_iter()
        .skip(filter.offset as usize)
        .take(filter.limit.map(|l| l as usize).unwrap_or(usize::MAX))
        .map(|p| Ok(summarize(conn, &agencies, &load(conn, task_row(conn, &p.id)?)?, as_of, soon)?.0))
        .collect::<Result<Vec<_>>>()?;
    Ok(TaskPage { items, total, offset: filter.offset, counts })
}

/// Per lead agency (as of the date): counts, on-time and completion rates, last report.
pub fn agency_summaries(conn: &Db, as_of: NaiveDate) -> Result<Vec<AgencySummary>> {
    summaries_of(&matching(conn, &TaskFilter::as_of(as_of))?)
}

pub(crate) fn summaries_of(tasks: &[(TaskSummary, Standing)]) -> Result<Vec<AgencySummary>> {
    let mut by: Vec<AgencySummary> = Vec::new();
    for (t, _) in tasks {
        let i = match by.iter().position(|a| a.agency_id == t.lead_agency_id) {
            Some(i) => i,
            None => {
                by.push(AgencySummary {
                    agency_id: t.lead_agency_id.clone(),
                    agency_name: if t.lead_agency_id.is_some() {
                        t.lead_agency_name.clone()
                    } else {
                        "Chưa giao cơ quan chủ trì".to_string()
                    },
                    counts: StatusCounts::default(),
                    on_time_rate: None,
                    completion_rate: None,
                    last_report: None,
                });
                by.len() - 1
            }
        };
        let a = &mut by[i];
        a.counts.add(t.status);
        if let Some(r) = &t.last_report {
            a.last_report = a.last_report.max(Some(r.date));
        }
    }
    for a in by.iter_mut() {
        a.on_time_rate = a.counts.on_time_rate();
        a.completion_rate = a.counts.completion_rate();
    }
    by.sort_by(|a, b| {
        a.agency_id.is_none().cmp(&b.agency_id.is_none()).then_with(|| compare_vi(&a.agency_name, &b.agency_name))
    });
    Ok(by)
}

/// A meeting's conclusions (or a document's items) and where each stands, in their order.
pub fn source_summary(
    conn: &Db,
    meeting_id: Option<&str>,
    document_id: Option<&str>,
    as_of: NaiveDate,
) -> Result<Option<SourceSummary>> {
    let mut filter = TaskFilter::as_of(as_of);
    filter.meeting_id = meeting_id.map(str::to_string);
    filter.document_id = document_id.map(str::to_string);
    if filter.meeting_id.is_none() && filter.document_id.is_none() {
        return Err(AppError::validation("Hãy chọn cuộc họp hoặc văn bản."));
    }
    let tasks = matching(conn, &filter)?;
    let mut positions = HashMap::new();
    if !tasks.is_empty() {
        let mut stmt = conn.prepare("SELECT position FROM task WHERE id = ?1").sql()?;
        for (t, _) in &tasks {
            positions.insert(t.id.clone(), stmt.query_row([&t.id], |r| r.get::<_, i64>(0)).sql()?);
        }
    }
    let mut tasks: Vec<TaskSummary> = tasks.into_iter().map(|(t, _)| t).collect();
    tasks.sort_by_key(|t| (t.source.date, positions.get(&t.id).copied().unwrap_or(0)));
    let Some(first) = tasks.first() else { return Ok(None) };
    let mut counts = StatusCounts::default();
    for t in &tasks {
        counts.add(t.status);
    }
    Ok(Some(SourceSummary { source: first.source.clone(), counts, tasks }))
}

/// The home screen as of `as_of`.
pub fn home_summary(conn: &Db, as_of: NaiveDate) -> Result<HomeSummary> {
    let soon = followup_settings(conn)?.due_soon_days;
    // Soonest deadline first, as the list shows them; the counts are over every task.
    let of = |status| list_tasks(conn, &TaskFilter { statuses: vec![status], ..TaskFilter::as_of(as_of) });
    let (overdue, due_soon) = (of(TaskStatus::Overdue)?, of(TaskStatus::DueSoon)?);
    let counts = overdue.counts;
    let (overdue, due_soon) = (overdue.items, due_soon.items);
    let meetings = crate::meetings::list_meetings(
        conn,
        &crate::meetings::MeetingFilter { upcoming: Some(true), ..Default::default() },
        as_of,
    )?;
    let upcoming_meetings = meetings.into_iter().take(10).collect();
    let drafts = crate::documents::list_documents(
        conn,
        &crate::documents::DocumentFilter {
            status: Some(crate::documents::DocumentStatus::Draft),
            limit: Some(10),
            ..Default::default()
        },
    )?;
    use chrono::Datelike;
    let year = crate::documents::list_documents(
        conn,
        &crate::documents::DocumentFilter {
            status: Some(crate::documents::DocumentStatus::Issued),
            year: Some(as_of.year()),
            ..Default::default()
        },
    )?;
    let issued_this_month = year
        .items
        .into_iter()
        .filter(|d| d.issued_on.is_some_and(|i| i.month() == as_of.month() && i <= as_of))
        .collect();
    Ok(HomeSummary {
        as_of,
        due_soon_days: soon,
        upcoming_meetings,
        overdue,
        due_soon,
        counts,
        drafts: drafts.items,
        drafts_total: drafts.total,
        issued_this_month,
    })
}

// ---------------------------------------------------------------------------------------------
// Writing

/// What the text filter looks in: content, source, agencies (folded).
pub(crate) fn refresh_search_text(tx: &Tx, id: &str) -> Result<()> {
    let row = task_row(tx, id)?;
    let mut words =
        vec![row.content.clone(), row.source_number.clone(), row.source_title.clone(), row.directed_by.clone()];
    let mut stmt = tx.prepare("SELECT full_name || ' ' || short_name FROM agency_name WHERE agency_id = ?1").sql()?;
    for a in row.lead.iter().chain(row.coordinating.iter()) {
        for n in stmt.query_map([a], |r| r.get::<_, String>(0)).sql()? {
            words.push(n.sql()?);
        }
    }
    tx.execute("UPDATE task SET search_text = ?2 WHERE id = ?1", params![id, fold(&words.join(" "))]).sql()?;
    Ok(())
}

/// The date the deadline in force stands for (latest extension, else the original).
pub(crate) fn refresh_due_date(tx: &Tx, id: &str) -> Result<()> {
    tx.execute(
        "UPDATE task SET due_date = coalesce(
            (SELECT e.due_date FROM task_extension e WHERE e.task_id = task.id ORDER BY e.decided_on DESC, e.created_at DESC LIMIT 1),
            CASE WHEN deadline_spec IS NULL THEN NULL ELSE due_date END)
         WHERE id = ?1",
        [id],
    ).sql()?;
    Ok(())
}

fn check_agencies(conn: &Db, lead: Option<&str>, coordinating: &[String]) -> Result<()> {
    for a in lead.into_iter().chain(coordinating.iter().map(String::as_str)) {
        let agency = crate::roster::get_agency(conn, a)?;
        let _ = agency;
    }
    if let Some(lead) = lead {
        if coordinating.iter().any(|c| c == lead) {
            return Err(AppError::validation("Cơ quan chủ trì không đồng thời là cơ quan phối hợp."));
        }
    }
    let mut seen = std::collections::HashSet::new();
    if coordinating.iter().any(|c| !seen.insert(c)) {
        return Err(AppError::validation("Một cơ quan phối hợp được ghi hai lần."));
    }
    Ok(())
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| AppError::storage(e.to_string()))
}

/// Everything a new task row holds.
pub(crate) struct NewTask<'a> {
    pub source_kind: TaskSourceKind,
    pub source_document_id: Option<&'a str>,
    pub meeting_id: Option<&'a str>,
    pub conclusion_id: Option<&'a str>,
    pub plan_item_id: Option<&'a str>,
    pub source_number: &'a str,
    pub source_date: Option<NaiveDate>,
    pub directed_by: &'a str,
    pub source_title: &'a str,
    pub position: i64,
    pub content: &'a str,
    pub lead: Option<&'a str>,
    pub coordinating: &'a [String],
    pub deadline: Option<Deadline>,
    pub priority: Priority,
    pub assigned_on: NaiveDate,
}

pub(crate) fn insert_task(tx: &Tx, t: &NewTask) -> Result<String> {
    let content = clean(t.content);
    if content.is_empty() {
        return Err(AppError::validation("Nội dung nhiệm vụ không được để trống."));
    }
    if let Some(d) = &t.deadline {
        d.check()?;
    }
    check_agencies(tx, t.lead, t.coordinating)?;
    let id = new_id();
    let spec = t.deadline.as_ref().map(json).transpose()?;
    tx.execute(
        "INSERT INTO task (id, source_kind, source_document_id, meeting_id, conclusion_id, plan_item_id, source_number,
            source_date, source_directed_by, source_title, position, content, lead_agency_id, coordinating_agency_ids,
            deadline_spec, due_date, priority, assigned_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19)",
        params![
            id,
            t.source_kind.as_str(),
            t.source_document_id,
            t.meeting_id,
            t.conclusion_id,
            t.plan_item_id,
            clean(t.source_number),
            t.source_date,
            clean(t.directed_by),
            clean(t.source_title),
            t.position,
            content,
            t.lead,
            json(&t.coordinating)?,
            spec,
            t.deadline.and_then(|d| d.due_date()),
            t.priority.as_str(),
            t.assigned_on,
            now()
        ],
    )
    .sql()?;
    refresh_search_text(tx, &id)?;
    Ok(id)
}

/// Adds a task typed by hand, with its source.
pub fn add_task(store: &mut Store, input: &TaskInput) -> Result<String> {
    let lead = input.lead_agency_id.trim();
    if lead.is_empty() {
        return Err(AppError::validation("Hãy chọn cơ quan chủ trì (mỗi nhiệm vụ có đúng một cơ quan chủ trì)."));
    }
    let assigned_on = input
        .assigned_on
        .or(input.source_date)
        .ok_or_else(|| AppError::validation("Hãy ghi ngày của văn bản giao nhiệm vụ (hoặc ngày giao)."))?;
    check_date(assigned_on, "Ngày giao nhiệm vụ")?;
    if let Some(d) = input.source_date {
        check_date(d, "Ngày văn bản")?;
    }
    store.write(|tx| {
        insert_task(
            tx,
            &NewTask {
                source_kind: TaskSourceKind::Manual,
                source_document_id: None,
                meeting_id: None,
                conclusion_id: None,
                plan_item_id: None,
                source_number: &input.source_number,
                source_date: input.source_date,
                directed_by: &input.source_directed_by,
                source_title: &input.source_title,
                position: 0,
                content: &input.content,
                lead: Some(lead),
                coordinating: &input.coordinating_agency_ids,
                deadline: input.deadline,
                priority: input.priority,
                assigned_on,
            },
        )
    })
}

/// Changes a task's content, agencies, deadline (as first given) and priority; its source stays.
pub fn update_task(store: &mut Store, id: &str, input: &TaskInput) -> Result<()> {
    let content = clean(&input.content);
    if content.is_empty() {
        return Err(AppError::validation("Nội dung nhiệm vụ không được để trống."));
    }
    if input.lead_agency_id.trim().is_empty() {
        return Err(AppError::validation("Hãy chọn cơ quan chủ trì (mỗi nhiệm vụ có đúng một cơ quan chủ trì)."));
    }
    if let Some(d) = &input.deadline {
        d.check()?;
    }
    store.write(|tx| {
        let row = task_row(tx, id)?;
        check_agencies(tx, Some(&input.lead_agency_id), &input.coordinating_agency_ids)?;
        let manual = row.source_kind == TaskSourceKind::Manual;
        tx.execute(
            "UPDATE task SET content = ?2, lead_agency_id = ?3, coordinating_agency_ids = ?4, deadline_spec = ?5,
                due_date = ?6, priority = ?7, updated_at = ?8,
                source_number = CASE WHEN ?9 THEN ?10 ELSE source_number END,
                source_date = CASE WHEN ?9 THEN ?11 ELSE source_date END,
                source_directed_by = CASE WHEN ?9 THEN ?12 ELSE source_directed_by END,
                source_title = CASE WHEN ?9 THEN ?13 ELSE source_title END
             WHERE id = ?1",
            params![
                id,
                content,
                input.lead_agency_id,
                json(&input.coordinating_agency_ids)?,
                input.deadline.as_ref().map(json).transpose()?,
                input.deadline.and_then(|d| d.due_date()),
                input.priority.as_str(),
                now(),
                manual,
                clean(&input.source_number),
                input.source_date,
                clean(&input.source_directed_by),
                clean(&input.source_title)
            ],
        )
        .sql()?;
        refresh_due_date(tx, id)?;
        refresh_search_text(tx, id)
    })
}

/// Deletes a task typed by hand (with its reports); tasks from an issued document stay.
pub fn delete_task(store: &mut Store, id: &str) -> Result<()> {
    store.write(|tx| {
        let row = task_row(tx, id)?;
        if row.source_kind != TaskSourceKind::Manual {
            return Err(AppError::conflict(
                "Nhiệm vụ này được giao bằng văn bản đã ban hành nên không xóa được; nếu văn bản bị thu hồi, hãy ghi nhận ở tiến độ.",
            ));
        }
        tx.execute("DELETE FROM task WHERE id = ?1", [id]).sql()?;
        Ok(())
    })
}

fn check_progress(tx: &Db, task_id: &str, input: &ProgressInput) -> Result<(TaskRow, Option<NaiveDate>)> {
    check_date(input.date, "Ngày báo cáo")?;
    let row = task_row(tx, task_id)?;
    if input.date < row.assigned_on {
        return Err(AppError::validation(format!(
            "Ngày báo cáo {} trước ngày giao nhiệm vụ {}.",
            format_date_vi(input.date),
            format_date_vi(row.assigned_on)
        )));
    }
    if clean(&input.text).is_empty() && !input.completes {
        return Err(AppError::validation("Hãy ghi nội dung cơ quan báo cáo."));
    }
    // A recurring report answers one period: the one named, else the oldest not yet done.
    let occurrence = match row.deadline {
        Some(Deadline::Recurring { every, before_day, before_month }) => {
            let l = load(tx, row.clone())?;
            let (reports, _) = facts(&l);
            let dues = super::status::due_dates(
                every,
                before_day,
                before_month,
                row.assigned_on,
                input.date + chrono::Days::new(400),
            );
            match input.occurrence_due {
                Some(d) if dues.contains(&d) => Some(d),
                Some(d) => {
                    return Err(AppError::validation(format!(
                        "Ngày {} không phải hạn của kỳ báo cáo nào của nhiệm vụ này.",
                        format_date_vi(d)
                    )))
                }
                None => dues.into_iter().find(|d| !reports.iter().any(|r| r.completes && r.occurrence_due == Some(*d))),
            }
        }
        _ => None,
    };
    Ok((row, occurrence))
}

/// Records what the agency reported (and whether it completes the task); returns its id.
pub fn add_progress(store: &mut Store, task_id: &str, input: &ProgressInput) -> Result<String> {
    store.write(|tx| insert_progress(tx, task_id, input, None))
}

fn insert_progress(
    tx: &Tx,
    task_id: &str,
    input: &ProgressInput,
    file: Option<&crate::filestore::Attachment>,
) -> Result<String> {
    let (row, occurrence) = check_progress(tx, task_id, input)?;
    if input.completes && occurrence.is_none() {
        let l = load(tx, row.clone())?;
        if let Some(done) = l.progress.iter().filter(|p| p.completes).map(|p| p.date).min() {
            if done <= input.date {
                return Err(AppError::conflict(format!(
                    "Nhiệm vụ đã được ghi nhận hoàn thành ngày {}.",
                    format_date_vi(done)
                )));
            }
        }
    }
    let id = new_id();
    if let Some(f) = file {
        crate::filestore::record_attachment(tx, f)?;
    }
    tx.execute(
        "INSERT INTO task_progress (id, task_id, reported_on, text, report_number, completes, occurrence_due,
            file_name, stored_path, size, sha256, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            id,
            task_id,
            input.date,
            clean(&input.text),
            clean(&input.report_number),
            input.completes,
            occurrence,
            file.map(|f| f.name.clone()),
            file.map(|f| f.relative()),
            file.map(|f| f.size as i64),
            file.map(|f| f.sha256.clone()),
            now()
        ],
    )
    .sql()?;
    tx.execute("UPDATE task SET updated_at = ?2 WHERE id = ?1", params![task_id, now()]).sql()?;
    Ok(id)
}

/// Records a report with a file attached: the file is taken into the file store first (as
/// agenda files are, by filestore::put_attachment), then the report stored. A file whose
/// report then fails stays in the store unreferenced: harmless (see filestore).
pub fn add_progress_with_file(
    store: &mut Store,
    data_dir: &std::path::Path,
    task_id: &str,
    input: &ProgressInput,
    source: &std::path::Path,
) -> Result<String> {
    store.read(|c| check_progress(c, task_id, input))?;
    let limit = store.read(crate::settings::file_settings)?.max_attachment_bytes();
    let file = crate::filestore::put_attachment(data_dir, source, limit)?;
    store.write(|tx| insert_progress(tx, task_id, input, Some(&file)))
}

/// Removes a report recorded by mistake (its file stays in the data folder's history).
pub fn remove_progress(store: &mut Store, progress_id: &str) -> Result<()> {
    store.write(|tx| {
        let n = tx.execute("DELETE FROM task_progress WHERE id = ?1", [progress_id]).sql()?;
        if n == 0 {
            return Err(AppError::not_found("Không tìm thấy báo cáo tiến độ."));
        }
        Ok(())
    })
}

/// Extends a task's deadline (gia hạn) by a decision; the original deadline stays on record.
pub fn extend_task(store: &mut Store, task_id: &str, input: &ExtensionInput) -> Result<String> {
    input.deadline.check()?;
    check_date(input.decided_on, "Ngày văn bản gia hạn")?;
    let decision = clean(&input.decision);
    if decision.is_empty() {
        return Err(AppError::validation("Hãy ghi số, ký hiệu văn bản cho phép gia hạn."));
    }
    store.write(|tx| {
        let row = task_row(tx, task_id)?;
        let one_off = |d: Option<Deadline>| matches!(d, Some(Deadline::Date { .. } | Deadline::Period { .. }));
        if !one_off(row.deadline) || !one_off(Some(input.deadline)) {
            return Err(AppError::validation(
                "Chỉ gia hạn được nhiệm vụ có thời hạn là một ngày hoặc hết một kỳ (tháng, quý, năm).",
            ));
        }
        let l = load(tx, row.clone())?;
        let (current, _) = deadline_in_force(row.deadline, &facts(&l).1, input.decided_on);
        let (Some(new_due), Some(old_due)) = (input.deadline.due_date(), current.and_then(|d| d.due_date())) else {
            return Err(AppError::validation("Thời hạn gia hạn không hợp lệ."));
        };
        if new_due <= old_due {
            return Err(AppError::validation(format!(
                "Thời hạn mới ({}) phải sau thời hạn đang áp dụng ({}).",
                format_date_vi(new_due),
                format_date_vi(old_due)
            )));
        }
        let id = new_id();
        tx.execute(
            "INSERT INTO task_extension (id, task_id, deadline_spec, due_date, decided_on, decision, reason, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![id, task_id, json(&input.deadline)?, new_due, input.decided_on, decision, clean(&input.reason), now()],
        ).sql()?;
        refresh_due_date(tx, task_id)?;
        tx.execute("UPDATE task SET updated_at = ?2 WHERE id = ?1", params![task_id, now()]).sql()?;
        Ok(id)
    })
}
