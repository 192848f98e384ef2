//! Biên bản (Decree 30, model 1.9): time and place, who attended and who was absent, the
//! chair and the secretary, what was said under each agenda item, the chair's conclusions, the
//! end; signed by the secretary and the chair.

use super::{attendees, conclusion_runs, dash, date_phrase, ends, invitee_line, labelled, p, time_phrase, Context};
use crate::documents::{self, Block, DocumentContent, DocumentType, Signer};
use crate::error::Result;
use crate::meetings::agenda::{list_agenda, list_conclusions};
use crate::meetings::phrases;
use crate::meetings::types::*;
use crate::store::Db;
use chrono::Timelike;

pub(super) fn content(conn: &Db, ctx: &Context) -> Result<DocumentContent> {
    let agenda = list_agenda(conn, &ctx.m.id)?;
    let conclusions = list_conclusions(conn, &ctx.m.id)?;
    let start = ctx.m.actual_start.unwrap_or(ctx.m.planned_start);
    let mut body = vec![
        labelled("Thời gian bắt đầu:", format!("{}.", time_phrase(start))),
        labelled("Địa điểm:", ends(if ctx.m.place.is_empty() { "…" } else { &ctx.m.place }, '.')),
        labelled("Thành phần tham dự:", ""),
    ];
    for line in attendees(&ctx.invitees) {
        body.push(dash(ends(&line, ';')));
    }
    let absent: Vec<&Invitee> = ctx
        .invitees
        .iter()
        .filter(|i| matches!(i.attendance, Attendance::Absent | Attendance::AbsentExcused))
        .collect();
    if !absent.is_empty() {
        body.push(labelled("Vắng mặt:", ""));
        for i in absent {
            let who = invitee_line(i).unwrap_or_default();
            let why = if i.attendance == Attendance::AbsentExcused {
                format!(" (có lý do: {})", i.absence_reason)
            } else {
                " (không có lý do)".to_string()
            };
            body.push(dash(format!("{who}{why};")));
        }
    }
    body.push(labelled("Chủ trì (chủ tọa):", ends(if ctx.chair.is_empty() { "…" } else { &ctx.chair }, '.')));
    body.push(labelled(
        "Thư ký (người ghi biên bản):",
        ends(if ctx.m.secretary_name.is_empty() { "…" } else { &ctx.m.secretary_name }, '.'),
    ));
    body.push(labelled("Nội dung:", ""));
    for item in &agenda {
        body.push(Block::Heading { heading: documents::HeadingKind::Roman, title: item.title.clone() });
        if !item.presenter.is_empty() {
            body.push(p(format!("{} trình bày.", phrases::start(&item.presenter))));
        }
        for para in item.notes.split('\n').map(str::trim).filter(|s| !s.is_empty()) {
            body.push(p(para.to_string()));
        }
    }
    if !conclusions.is_empty() {
        body.push(Block::Heading {
            heading: documents::HeadingKind::Roman, title: "Kết luận của chủ tọa".into()
        });
        for c in &conclusions {
            body.push(Block::Clause { runs: conclusion_runs(c) });
        }
    }
    let end = ctx.m.actual_end.or(ctx.m.planned_end);
    let form = ctx.m.form.label();
    body.push(p(match end {
        Some(e) => {
            format!("{form} kết thúc vào {} giờ {:02}, {}.", e.hour(), e.minute(), date_phrase(e.date()))
        }
        None => format!("{form} kết thúc vào … giờ …, ngày … tháng … năm …."),
    }));
    let signers = vec![
        Signer {
            authority: None,
            on_behalf_of: "Thư ký".into(),
            titles: vec![],
            name: phrases::without_honorific(&ctx.m.secretary_name),
        },
        Signer {
            authority: None,
            on_behalf_of: "Chủ tọa".into(),
            titles: if ctx.m.chair_title.is_empty() { vec![] } else { vec![ctx.m.chair_title.clone()] },
            name: phrases::without_honorific(&ctx.m.chair_name),
        },
    ];
    Ok(DocumentContent {
        doc_type: DocumentType::Minutes,
        body,
        signers,
        recipients: vec![format!("Thành viên {}", ctx.m.body_name)],
        archive: "VT, Hồ sơ".into(),
        ..ctx.blank.clone()
    })
}
