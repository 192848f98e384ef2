//! What issuing a document does to follow-up, in the issuing transaction: a meeting's
//! Thông báo kết luận turns its conclusions into tasks citing its number and date; an annual
//! work plan turns its items into tasks. Each conclusion and each item gives one task however
//! often a document for it is issued (a new announcement after a recall updates the task's
//! source, content and deadline and keeps its reports).

use super::store::{insert_task, refresh_due_date, refresh_search_text, NewTask};
use super::types::TaskSourceKind;
use crate::deadline::Deadline;
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::store::now;
use crate::store::Tx;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

struct Item {
    conclusion_id: Option<String>,
    plan_item_id: Option<String>,
    position: i64,
    content: String,
    lead: Option<String>,
    coordinating: Vec<String>,
    deadline: Option<Deadline>,
}

#[allow(clippy::too_many_arguments)]
fn upsert(
    tx: &Tx,
    kind: TaskSourceKind,
    doc_id: &str,
    meeting_id: Option<&str>,
    number: &str,
    date: NaiveDate,
    title: &str,
    directed_by: &str,
    item: &Item,
) -> Result<()> {
    let existing: Option<String> = match (&item.conclusion_id, &item.plan_item_id) {
        (Some(c), _) => {
            tx.query_row("SELECT id FROM task WHERE conclusion_id = ?1", [c], |r| r.get(0)).optional().sql()?
        }
        (None, Some(p)) => {
            tx.query_row("SELECT id FROM task WHERE plan_item_id = ?1", [p], |r| r.get(0)).optional().sql()?
        }
        (None, None) => None,
    };
    let coordinating = serde_json::to_string(&item.coordinating).map_err(|e| AppError::storage(e.to_string()))?;
    let spec = match &item.deadline {
        Some(d) => Some(serde_json::to_string(d).map_err(|e| AppError::storage(e.to_string()))?),
        None => None,
    };
    match existing {
        Some(id) => {
            tx.execute(
                "UPDATE task SET source_document_id = ?2, source_number = ?3, source_date = ?4, source_title = ?5,
                    source_directed_by = ?6, content = ?7, lead_agency_id = ?8, coordinating_agency_ids = ?9,
                    deadline_spec = ?10, due_date = ?11, position = ?12, updated_at = ?13
                 WHERE id = ?1",
                params![
                    id,
                    doc_id,
                    number,
                    date,
                    title,
                    directed_by,
                    item.content,
                    item.lead,
                    coordinating,
                    spec,
                    item.deadline.and_then(|d| d.due_date()),
                    item.position,
                    now()
                ],
            )
            .sql()?;
            refresh_due_date(tx, &id)?;
            refresh_search_text(tx, &id)?;
        }
        None => {
            insert_task(
                tx,
                &NewTask {
                    source_kind: kind,
                    source_document_id: Some(doc_id),
                    meeting_id,
                    conclusion_id: item.conclusion_id.as_deref(),
                    plan_item_id: item.plan_item_id.as_deref(),
                    source_number: number,
                    source_date: Some(date),
                    directed_by,
                    source_title: title,
                    position: item.position,
                    content: &item.content,
                    lead: item.lead.as_deref(),
                    coordinating: &item.coordinating,
                    deadline: item.deadline,
                    priority: Default::default(),
                    assigned_on: date,
                },
            )?;
        }
    }
    Ok(())
}

/// Called by issuing, inside its transaction, once the document is stored as issued.
pub(crate) fn on_document_issued(tx: &Tx, doc_id: &str, date: NaiveDate, number: &str) -> Result<()> {
    let meeting: Option<String> = tx
        .query_row(
            "SELECT meeting_id FROM meeting_document WHERE document_id = ?1 AND role = 'conclusions'",
            [doc_id],
            |r| r.get(0),
        )
        .optional()
        .sql()?;
    if let Some(meeting_id) = meeting {
        let m = crate::meetings::get_meeting(tx, &meeting_id)?;
        let directed_by =
            [m.chair_title.clone(), m.chair_name.clone()].into_iter().find(|s| !s.is_empty()).unwrap_or_default();
        for c in crate::meetings::list_conclusions(tx, &meeting_id)? {
            let item = Item {
                conclusion_id: Some(c.id.clone()),
                plan_item_id: None,
                position: i64::from(c.position),
                content: c.text.clone(),
                lead: c.lead_agency_id.clone(),
                coordinating: c.coordinating_agency_ids.clone(),
                deadline: c.deadline,
            };
            upsert(
                tx,
                TaskSourceKind::Conclusion,
                doc_id,
                Some(&meeting_id),
                number,
                date,
                "Thông báo kết luận",
                &directed_by,
                &item,
            )?;
        }
    }
    let items = super::plan::plan_items(tx, doc_id)?;
    for p in items {
        let item = Item {
            conclusion_id: None,
            plan_item_id: Some(p.id.clone()),
            position: i64::from(p.position),
            content: p.content.clone(),
            lead: p.lead_agency_id.clone(),
            coordinating: p.coordinating_agency_ids.clone(),
            deadline: p.deadline,
        };
        upsert(tx, TaskSourceKind::Document, doc_id, None, number, date, "Kế hoạch", "", &item)?;
    }
    Ok(())
}
