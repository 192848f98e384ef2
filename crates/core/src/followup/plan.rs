//! The committee's annual work plan (Kế hoạch công tác năm, the decision's "chương trình, kế
//! hoạch công tác"): imported from JSON as a draft Kế hoạch listing its items by month or
//! quarter with the unit responsible; when the plan is issued its items become tasks citing
//! it (see `hook`).
//!
//! The JSON:
//! ```json
//! { "year": 2025,
//!   "subject": "Kế hoạch công tác năm 2025 của Ban Chỉ đạo Chuyển đổi số tỉnh",
//!   "purpose": ["Cụ thể hóa …"],
//!   "items": [ { "content": "…", "lead": "Sở Thông tin và Truyền thông",
//!                "coordinating": ["Sở Y tế"], "deadline": "quý I" } ] }
//! ```
//! `lead` and `coordinating` name agencies of the roster (diacritics and case ignored, full or
//! short name); `deadline` is written as people write it ("quý I", "tháng 3", "31/3/2025",
//! "thường xuyên"), a period without its year falling in the plan's year.

use super::drafting::{blank, body_name};
use crate::deadline::Deadline;
use crate::documents::{self, Block, DocumentRecord, DocumentType, HeadingKind, Run};
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::store::decode::decode_json;
use crate::store::Db;
use crate::store::{new_id, now, Store};
use crate::text::{clean, fold};
use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Deserialize, Type)]
pub struct PlanImportItem {
    pub content: String,
    /// The lead agency's name.
    pub lead: String,
    #[serde(default)]
    pub coordinating: Vec<String>,
    /// As written: "quý I", "tháng 3/2025", "31/03/2025", "thường xuyên".
    #[serde(default)]
    pub deadline: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct PlanImport {
    pub year: i32,
    #[serde(default)]
    pub subject: String,
    /// Paragraphs of "Mục đích, yêu cầu".
    #[serde(default)]
    pub purpose: Vec<String>,
    pub items: Vec<PlanImportItem>,
}

/// An item of a plan as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PlanItem {
    pub id: String,
    pub position: u32,
    pub content: String,
    pub lead_agency_id: Option<String>,
    pub coordinating_agency_ids: Vec<String>,
    pub deadline: Option<Deadline>,
}

/// The items of the plan drafted as document `doc_id` (none for any other document).
pub fn plan_items(conn: &Db, doc_id: &str) -> Result<Vec<PlanItem>> {
    let mut stmt = conn
        .prepare(
            "SELECT id, position, content, lead_agency_id, coordinating_agency_ids, deadline_spec FROM plan_item
         WHERE document_id = ?1 ORDER BY position",
        )
        .sql()?;
    let rows = stmt
        .query_map([doc_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })
        .sql()?
        .collect::<rusqlite::Result<Vec<_>>>()
        .sql()?;
    rows.into_iter()
        .map(|(id, position, content, lead, coordinating, spec)| {
            let coordinating_agency_ids: Vec<String> =
                decode_json("plan_item", &id, "coordinating_agency_ids", &coordinating).sql()?;
            let deadline: Option<Deadline> = match spec {
                Some(s) => Some(decode_json("plan_item", &id, "deadline_spec", &s).sql()?),
                None => None,
            };
            Ok(PlanItem { id, position, content, lead_agency_id: lead, coordinating_agency_ids, deadline })
        })
        .collect()
}

/// Finds an agency of the roster by name (full or short, any of its names; diacritics and case
/// ignored), preferring one not merged away.
pub(crate) fn agency_by_name(conn: &Db, name: &str) -> Result<String> {
    let wanted = fold(name);
    if wanted.is_empty() {
        return Err(AppError::validation("Hãy ghi tên cơ quan chủ trì."));
    }
    let mut stmt = conn
        .prepare(
            "SELECT a.id, n.full_name, n.short_name FROM agency a JOIN agency_name n ON n.agency_id = a.id
         ORDER BY a.merged_into_id IS NOT NULL, n.valid_from DESC",
        )
        .sql()?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        .sql()?
        .collect::<rusqlite::Result<Vec<_>>>()
        .sql()?;
    rows.into_iter()
        .find(|(_, full, short)| fold(full) == wanted || (!short.is_empty() && fold(short) == wanted))
        .map(|(id, _, _)| id)
        .ok_or_else(|| {
            AppError::validation(format!("Không tìm thấy cơ quan “{}” trong danh mục cơ quan.", clean(name)))
        })
}

fn cell(text: impl Into<String>) -> String {
    text.into()
}

/// Reads the plan, checks every item, and drafts the Kế hoạch with its items attached.
pub fn import_plan(store: &mut Store, plan: &PlanImport) -> Result<DocumentRecord> {
    crate::text::check_date(
        NaiveDate::from_ymd_opt(plan.year, 1, 1)
            .ok_or_else(|| AppError::validation("Năm của kế hoạch không hợp lệ."))?,
        "Năm của kế hoạch",
    )?;
    if plan.items.is_empty() {
        return Err(AppError::validation("Kế hoạch chưa có nhiệm vụ nào (mục “items”)."));
    }
    let reference = NaiveDate::from_ymd_opt(plan.year, 1, 1).unwrap_or_default();
    store.write(|tx| {
        let mut items = Vec::new();
        for (i, it) in plan.items.iter().enumerate() {
            let n = i + 1;
            let content = clean(&it.content);
            if content.is_empty() {
                return Err(AppError::validation(format!("Nhiệm vụ thứ {n} của kế hoạch chưa có nội dung.")));
            }
            let lead = agency_by_name(tx, &it.lead).map_err(|e| AppError::validation(format!("Nhiệm vụ thứ {n}: {}", e.message)))?;
            let coordinating = it
                .coordinating
                .iter()
                .map(|c| agency_by_name(tx, c))
                .collect::<Result<Vec<_>>>()
                .map_err(|e| AppError::validation(format!("Nhiệm vụ thứ {n}: {}", e.message)))?;
            let deadline = if clean(&it.deadline).is_empty() {
                None
            } else {
                Some(
                    Deadline::parse(&it.deadline, reference)
                        .map_err(|e| AppError::validation(format!("Nhiệm vụ thứ {n}: {}", e.message)))?,
                )
            };
            items.push((content, lead, coordinating, deadline));
        }
        // In the order of their deadlines (by month, by quarter), ongoing duties last.
        items.sort_by_key(|(_, _, _, d)| match d {
            Some(d) => (d.due_date().is_none(), d.due_date()),
            None => (true, None),
        });
        let date = reference;
        let mut content = blank(tx, DocumentType::Plan, date)?;
        let body_name = body_name(tx, &content, date)?;
        content.subject = if clean(&plan.subject).is_empty() {
            format!("Công tác năm {} của {}", plan.year, body_name)
        } else {
            clean(&plan.subject)
        };
        let mut body = vec![Block::Heading { heading: HeadingKind::Roman, title: "MỤC ĐÍCH, YÊU CẦU".into() }];
        if plan.purpose.is_empty() {
            body.push(Block::Paragraph {
                runs: vec![Run::plain(format!(
                    "Cụ thể hóa nhiệm vụ của {body_name} năm {}; xác định rõ nội dung, cơ quan chủ trì, thời hạn hoàn thành để theo dõi, đôn đốc.",
                    plan.year
                ))],
            });
        }
        for p in &plan.purpose {
            body.push(Block::Paragraph { runs: vec![Run::plain(clean(p))] });
        }
        body.push(Block::Heading { heading: HeadingKind::Roman, title: "NHIỆM VỤ CỤ THỂ".into() });
        let mut rows = Vec::new();
        for (i, (text, lead, coordinating, deadline)) in items.iter().enumerate() {
            let name = |id: &String| crate::roster::agency_name_at(tx, id, date).map(|n| n.full_name);
            rows.push(vec![
                cell((i + 1).to_string()),
                cell(text.clone()),
                cell(name(lead)?),
                cell(coordinating.iter().map(name).collect::<Result<Vec<_>>>()?.join(", ")),
                cell(deadline.map(|d| d.label()).unwrap_or_default()),
            ]);
        }
        body.push(Block::Table {
            header: vec![
                "STT".into(),
                "Nội dung nhiệm vụ".into(),
                "Cơ quan chủ trì".into(),
                "Cơ quan phối hợp".into(),
                "Thời gian hoàn thành".into(),
            ],
            rows,
            widths: vec![0.8, 4.0, 1.8, 1.8, 1.4],
        });
        body.push(Block::Heading { heading: HeadingKind::Roman, title: "TỔ CHỨC THỰC HIỆN".into() });
        body.push(Block::Paragraph {
            runs: vec![Run::plain(
                "Các cơ quan được giao chủ trì chủ động triển khai các nhiệm vụ được giao, báo cáo kết quả thực hiện về Tổ Công tác giúp việc Ban Chỉ đạo trước thời hạn để tổng hợp, theo dõi, đôn đốc.",
            )],
        });
        content.body = body;
        content.recipients = vec!["Thành viên Ban Chỉ đạo".into(), "Các sở, ban, ngành, địa phương".into()];
        let doc = documents::create_draft_in(tx, &content)?;
        for (i, (text, lead, coordinating, deadline)) in items.iter().enumerate() {
            tx.execute(
                "INSERT INTO plan_item (id, document_id, position, content, lead_agency_id, coordinating_agency_ids,
                    deadline_spec, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    new_id(),
                    doc.id,
                    (i + 1) as i64,
                    text,
                    lead,
                    serde_json::to_string(coordinating).map_err(|e| AppError::storage(e.to_string()))?,
                    deadline.map(|d| serde_json::to_string(&d)).transpose().map_err(|e| AppError::storage(e.to_string()))?,
                    now()
                ],
            ).sql()?;
        }
        Ok(doc)
    })
}

/// Reads a plan's JSON (as the command line and the window get it) with a message a secretary
/// understands when it is not valid.
pub fn parse_plan_json(text: &str) -> Result<PlanImport> {
    serde_json::from_str(text).map_err(|e| {
        AppError::validation(format!(
            "Tệp kế hoạch không đúng định dạng (dòng {}, cột {}): cần \"year\" và danh sách \"items\" gồm \"content\", \"lead\", \"deadline\".",
            e.line(),
            e.column()
        ))
    })
}
