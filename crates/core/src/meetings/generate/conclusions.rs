//! Thông báo kết luận: when and where, who chaired and who attended, then the chair's
//! conclusions as numbered clauses, each with its lead agency and deadline; sent to every
//! agency a conclusion names. Issuing it turns each conclusion into a follow-up task.

use super::{attendees, capitalize, conclusion_runs, date_phrase, p, unique, Context};
use crate::documents::{Block, DocumentContent, DocumentType};
use crate::error::Result;
use crate::meetings::agenda::list_conclusions;
use crate::meetings::phrases;
use crate::store::Db;

pub(super) fn content(conn: &Db, ctx: &Context) -> Result<DocumentContent> {
    let named = &ctx.named;
    let conclusions = list_conclusions(conn, &ctx.m.id)?;
    let date = ctx.m.actual_start.unwrap_or(ctx.m.planned_start).date();
    let place = if ctx.m.place.is_empty() { String::new() } else { format!(", tại {}", ctx.m.place) };
    let mut body = vec![p(format!(
        "{}{}, {} chủ trì {}.",
        capitalize(&date_phrase(date)),
        place,
        if ctx.chair.is_empty() { "…".to_string() } else { phrases::mid(&ctx.chair) },
        ctx.named
    ))];
    let present: Vec<String> = attendees(&ctx.invitees).iter().map(|l| phrases::mid(l)).collect();
    if !present.is_empty() {
        body.push(p(format!("Tham dự {named} có: {}.", present.join("; "))));
    }
    let who = if ctx.m.chair_title.is_empty() { "người chủ trì".to_string() } else { ctx.m.chair_title.clone() };
    body.push(p(format!("Sau khi nghe báo cáo và ý kiến phát biểu của các đại biểu dự họp, {who} kết luận như sau:")));
    for c in &conclusions {
        body.push(Block::Clause { runs: conclusion_runs(c) });
    }
    body.push(p(format!("{} thông báo để các cơ quan, đơn vị liên quan biết, thực hiện.", ctx.settings.body_name)));
    let recipients = unique(
        conclusions
            .iter()
            .flat_map(|c| std::iter::once(c.lead_agency_name.clone()).chain(c.coordinating_agency_names.clone()))
            .chain(std::iter::once(format!("Thành viên {}", ctx.m.body_name))),
    );
    let subject = format!("Kết luận của {who} tại {named}");
    Ok(DocumentContent { doc_type: DocumentType::Announcement, subject, body, recipients, ..ctx.blank.clone() })
}
