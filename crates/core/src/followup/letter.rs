//! The chasing letter (công văn đôn đốc): to one agency, its overdue and soon-due tasks as of a
//! date, each with its source; a draft of the documents feature, edited and issued as usual.
//! The tasks it names are recorded with it, so each task shows the letters that chased it
//! (their number and date once issued).

use super::drafting::{blank, body_name};
use super::store::matching;
use super::types::*;
use crate::documents::{self, Block, DocumentRecord, DocumentType, Run};
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::store::Store;
use crate::store::{Db, Tx};
use crate::text::format_date_vi;
use chrono::NaiveDate;
use rusqlite::params;

fn task_line(t: &TaskSummary, overdue: bool) -> Block {
    let mut tail = vec![format!("theo {}", t.source.label)];
    match (t.deadline, t.due_date) {
        (Some(crate::deadline::Deadline::Recurring { .. }), Some(due)) => {
            tail.push(format!("thời hạn: {}, kỳ hạn {}", t.deadline_label, format_date_vi(due)))
        }
        _ if !t.deadline_label.is_empty() => tail.push(format!("thời hạn: {}", t.deadline_label)),
        _ => {}
    }
    if overdue {
        if let Some(d) = t.days_overdue {
            tail.push(format!("quá hạn {d} ngày"));
        }
    }
    let text = t.content.trim_end_matches(['.', ';', ',']).to_string();
    Block::Dash { runs: vec![Run::plain(format!("{text} ({}).", tail.join("; ")))] }
}

fn build(conn: &Db, agency_id: &str, as_of: NaiveDate) -> Result<(documents::DocumentContent, Vec<String>)> {
    let mut filter = TaskFilter::as_of(as_of);
    filter.agency_id = Some(agency_id.to_string());
    let mut tasks: Vec<TaskSummary> = matching(conn, &filter)?.into_iter().map(|(t, _)| t).collect();
    tasks.sort_by(|a, b| a.due_date.cmp(&b.due_date).then_with(|| a.id.cmp(&b.id)));
    let overdue: Vec<&TaskSummary> = tasks.iter().filter(|t| t.status == TaskStatus::Overdue).collect();
    let soon: Vec<&TaskSummary> = tasks.iter().filter(|t| t.status == TaskStatus::DueSoon).collect();
    let agency = crate::roster::agency_name_at(conn, agency_id, as_of)?.full_name;
    if overdue.is_empty() && soon.is_empty() {
        return Err(AppError::validation(format!(
            "Đến ngày {}, {agency} không có nhiệm vụ quá hạn hoặc sắp đến hạn: không cần đôn đốc.",
            format_date_vi(as_of)
        )));
    }
    let mut content = blank(conn, DocumentType::OfficialLetter, as_of)?;
    let body = body_name(conn, &content, as_of)?;
    content.subject = "Đôn đốc thực hiện nhiệm vụ được giao".to_string();
    content.addressees = vec![agency.clone()];
    let mut counts = Vec::new();
    if !overdue.is_empty() {
        counts.push(format!("{} nhiệm vụ quá hạn", overdue.len()));
    }
    if !soon.is_empty() {
        counts.push(format!("{} nhiệm vụ sắp đến hạn", soon.len()));
    }
    let mut blocks = vec![Block::Paragraph {
        runs: vec![Run::plain(format!(
            "Thực hiện nhiệm vụ theo dõi, đôn đốc việc thực hiện các kết luận, chỉ đạo, {body} nhận thấy đến ngày {}, {agency} còn {} chưa báo cáo hoàn thành, cụ thể như sau:",
            format_date_vi(as_of),
            counts.join(" và ")
        ))],
    }];
    if !overdue.is_empty() {
        blocks.push(Block::Clause {
            runs: vec![Run { text: "Nhiệm vụ đã quá hạn:".into(), bold: true, ..Default::default() }],
        });
        blocks.extend(overdue.iter().map(|t| task_line(t, true)));
    }
    if !soon.is_empty() {
        blocks.push(Block::Clause {
            runs: vec![Run { text: "Nhiệm vụ sắp đến hạn:".into(), bold: true, ..Default::default() }],
        });
        blocks.extend(soon.iter().map(|t| task_line(t, false)));
    }
    let reply_by = as_of + chrono::Days::new(7);
    blocks.push(Block::Paragraph {
        runs: vec![Run::plain(format!(
            "Đề nghị {agency} khẩn trương chỉ đạo thực hiện các nhiệm vụ nêu trên, báo cáo kết quả về {body} (qua Tổ Công tác giúp việc) trước ngày {}; đối với nhiệm vụ quá hạn, báo cáo rõ nguyên nhân và đề xuất thời hạn hoàn thành.",
            format_date_vi(reply_by)
        ))],
    });
    content.body = blocks;
    content.recipients = vec!["Như trên".into(), "Trưởng Ban Chỉ đạo (để báo cáo)".into()];
    let ids = overdue.iter().chain(soon.iter()).map(|t| t.id.clone()).collect();
    Ok((content, ids))
}

fn create(tx: &Tx, agency_id: &str, as_of: NaiveDate) -> Result<DocumentRecord> {
    let (content, task_ids) = build(tx, agency_id, as_of)?;
    let doc = documents::create_draft_in(tx, &content)?;
    for t in task_ids {
        tx.execute("INSERT OR IGNORE INTO task_letter (task_id, document_id) VALUES (?1, ?2)", params![t, doc.id])
            .sql()?;
    }
    Ok(doc)
}

/// Drafts the chasing letter to one agency as of `as_of`.
pub fn generate_letter(store: &mut Store, agency_id: &str, as_of: NaiveDate) -> Result<DocumentRecord> {
    store.write(|tx| create(tx, agency_id, as_of))
}

/// Drafts one chasing letter to each agency with an overdue task as of `as_of`.
pub fn generate_letters_for_late(store: &mut Store, as_of: NaiveDate) -> Result<Vec<DocumentRecord>> {
    store.write(|tx| {
        let mut agencies: Vec<String> = Vec::new();
        for (t, _) in matching(tx, &TaskFilter::as_of(as_of))? {
            if t.status == TaskStatus::Overdue {
                if let Some(a) = t.lead_agency_id {
                    if !agencies.contains(&a) {
                        agencies.push(a);
                    }
                }
            }
        }
        if agencies.is_empty() {
            return Err(AppError::validation(format!(
                "Đến ngày {}, không cơ quan nào có nhiệm vụ quá hạn.",
                format_date_vi(as_of)
            )));
        }
        agencies.iter().map(|a| create(tx, a, as_of)).collect()
    })
}
