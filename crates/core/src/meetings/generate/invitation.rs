//! Giấy mời (Decree 30, model 1.7): who is invited, to what, chaired by whom, when and where.

use super::{dash, ends, invitee_line, labelled, p, time_phrase, Context};
use crate::documents::{DocumentContent, DocumentType};
use crate::meetings::phrases;

pub(super) fn content(ctx: &Context) -> DocumentContent {
    let mut body = vec![p(format!("{} trân trọng kính mời:", ctx.settings.body_name))];
    let lines: Vec<String> = ctx.invitees.iter().filter_map(invitee_line).collect();
    let n = lines.len();
    for (i, line) in lines.into_iter().enumerate() {
        body.push(dash(ends(&line, if i + 1 == n { '.' } else { ';' })));
    }
    body.push(labelled("Tới dự:", ends(&ctx.m.title, '.')));
    if !ctx.chair.is_empty() {
        body.push(labelled("Chủ trì:", ends(&ctx.chair, '.')));
    }
    body.push(labelled("Thời gian:", format!("{}.", time_phrase(ctx.m.planned_start))));
    if !ctx.m.place.is_empty() {
        body.push(labelled("Địa điểm:", ends(&ctx.m.place, '.')));
    }
    body.push(p("Rất mong các đồng chí thu xếp thời gian tham dự đúng giờ."));
    // Every invitee is covered by "Như thành phần mời"; nobody is listed twice.
    let recipients = vec!["Như thành phần mời".to_string()];
    DocumentContent {
        doc_type: DocumentType::Invitation,
        subject: phrases::invitation_subject(ctx.m.form, &ctx.m.subject),
        body,
        recipients,
        ..ctx.blank.clone()
    }
}
