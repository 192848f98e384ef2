//! The periodic report (Báo cáo tình hình thực hiện kết luận, chỉ đạo) for a period: summary
//! figures in the four ways national reports split tasks, a table per agency (task, deadline,
//! status, latest report), the overdue tasks, and a bar chart of completion by agency drawn by
//! the PDF engine. A draft of the documents feature, edited and issued as usual.
//!
//! The period's tasks are those given by its last day and not already done before its first
//! day; each stands as of the last day (the report's data cut-off, Nghị định 09/2019).

use super::drafting::{blank, body_name};
use super::store::{matching, summaries_of};
use super::types::*;
use crate::documents::{self, Block, ChartBar, DocumentRecord, DocumentType, HeadingKind, Run};
use crate::error::{AppError, Result};
use crate::store::Db;
use crate::store::Store;
use crate::text::{check_date, format_date_vi};
use chrono::NaiveDate;

/// "87,5 %" (Vietnamese decimal comma), "—" when there is nothing to rate.
pub fn percent(v: Option<f64>) -> String {
    match v {
        Some(v) => {
            let s = format!("{:.1}", v);
            let s = s.strip_suffix(".0").map(str::to_string).unwrap_or(s);
            format!("{} %", s.replace('.', ","))
        }
        None => "—".to_string(),
    }
}

/// The figures of the period `[from, to]`.
pub fn report_figures(conn: &Db, from: NaiveDate, to: NaiveDate) -> Result<ReportFigures> {
    check_date(from, "Ngày bắt đầu kỳ báo cáo")?;
    check_date(to, "Ngày kết thúc kỳ báo cáo")?;
    if to < from {
        return Err(AppError::validation("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu."));
    }
    let mut tasks = matching(conn, &TaskFilter::as_of(to))?;
    tasks.retain(|(t, _)| t.done_on.is_none_or(|d| d >= from));
    tasks.sort_by(|(a, _), (b, _)| a.due_date.cmp(&b.due_date).then_with(|| a.id.cmp(&b.id)));
    let mut counts = StatusCounts::default();
    for (t, _) in &tasks {
        counts.add(t.status);
    }
    let agencies = summaries_of(&tasks)?;
    let overdue = tasks.iter().filter(|(t, _)| t.status == TaskStatus::Overdue).map(|(t, _)| t.clone()).collect();
    Ok(ReportFigures { from, to, counts, agencies, overdue })
}

fn p(text: impl Into<String>) -> Block {
    Block::Paragraph { runs: vec![Run::plain(text)] }
}

fn heading(title: &str) -> Block {
    Block::Heading { heading: HeadingKind::Roman, title: title.to_string() }
}

fn latest(t: &TaskSummary) -> String {
    match &t.last_report {
        Some(r) => {
            let number = if r.report_number.is_empty() { String::new() } else { format!("{} ", r.report_number) };
            format!("{number}({}): {}", format_date_vi(r.date), r.text)
        }
        None => "Chưa báo cáo".to_string(),
    }
}

/// The deadline of an overdue task; for a recurring report, with the period that is late
/// ("hằng tháng, trước ngày 25 (kỳ hạn 25/09/2024)").
fn late_deadline(t: &TaskSummary) -> String {
    match (t.deadline, t.due_date) {
        (Some(crate::deadline::Deadline::Recurring { .. }), Some(due)) => {
            format!("{} (kỳ hạn {})", t.deadline_label, format_date_vi(due))
        }
        _ => t.deadline_label.clone(),
    }
}

/// The bars of the completion chart: one per agency, in four segments.
pub fn completion_chart(figures: &ReportFigures) -> Block {
    Block::Chart {
        title: "Tình hình thực hiện nhiệm vụ theo cơ quan chủ trì".to_string(),
        series: vec![
            "Hoàn thành đúng hạn".into(),
            "Hoàn thành quá hạn".into(),
            "Đang thực hiện trong hạn".into(),
            "Quá hạn".into(),
        ],
        bars: figures
            .agencies
            .iter()
            .map(|a| ChartBar {
                label: a.agency_name.clone(),
                values: vec![
                    a.counts.done_on_time as f32,
                    a.counts.done_late as f32,
                    (a.counts.in_progress + a.counts.not_due + a.counts.due_soon) as f32,
                    a.counts.overdue as f32,
                ],
            })
            .collect(),
    }
}

fn build(conn: &Db, from: NaiveDate, to: NaiveDate) -> Result<documents::DocumentContent> {
    let f = report_figures(conn, from, to)?;
    let mut content = blank(conn, DocumentType::Report, to)?;
    let body = body_name(conn, &content, to)?;
    content.subject = format!(
        "Tình hình thực hiện kết luận, chỉ đạo từ ngày {} đến ngày {}",
        format_date_vi(from),
        format_date_vi(to)
    );
    let c = &f.counts;
    let open_in_time = c.in_progress + c.not_due + c.due_soon;
    let mut blocks = vec![
        heading("TÌNH HÌNH CHUNG"),
        p(format!(
            "Từ ngày {} đến ngày {}, {body} theo dõi {} nhiệm vụ theo các kết luận, chỉ đạo và kế hoạch, trong đó:",
            format_date_vi(from),
            format_date_vi(to),
            c.total
        )),
        Block::Dash {
            runs: vec![Run::plain(format!(
                "Đã hoàn thành: {} nhiệm vụ (đúng hạn: {}, quá hạn: {});",
                c.done(),
                c.done_on_time,
                c.done_late
            ))],
        },
        Block::Dash {
            runs: vec![Run::plain(format!(
                "Chưa hoàn thành: {} nhiệm vụ (trong hạn: {}, quá hạn: {}).",
                c.open(),
                open_in_time,
                c.overdue
            ))],
        },
        p(format!(
            "Tỷ lệ hoàn thành: {}; tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đã hoàn thành: {}. Số liệu tính đến ngày {}.",
            percent(c.completion_rate()),
            percent(c.on_time_rate()),
            format_date_vi(to)
        )),
    ];
    if !f.agencies.is_empty() {
        blocks.push(completion_chart(&f));
    }
    blocks.push(heading("KẾT QUẢ THỰC HIỆN CỦA CÁC CƠ QUAN"));
    blocks.push(Block::Table {
        header: vec![
            "STT".into(),
            "Cơ quan chủ trì".into(),
            "Tổng số".into(),
            "Đúng hạn".into(),
            "HT quá hạn".into(),
            "Trong hạn".into(),
            "Quá hạn".into(),
            "Tỷ lệ đúng hạn".into(),
        ],
        rows: f
            .agencies
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    (i + 1).to_string(),
                    a.agency_name.clone(),
                    a.counts.total.to_string(),
                    a.counts.done_on_time.to_string(),
                    a.counts.done_late.to_string(),
                    (a.counts.in_progress + a.counts.not_due + a.counts.due_soon).to_string(),
                    a.counts.overdue.to_string(),
                    percent(a.on_time_rate),
                ]
            })
            .collect(),
        widths: vec![0.8, 3.2, 1.0, 1.0, 1.0, 1.0, 1.0, 1.3],
    });
    let all = matching(conn, &TaskFilter::as_of(to))?;
    for a in &f.agencies {
        let mut tasks: Vec<&TaskSummary> = all
            .iter()
            .map(|(t, _)| t)
            .filter(|t| t.lead_agency_id == a.agency_id && t.done_on.is_none_or(|d| d >= from))
            .collect();
        tasks.sort_by(|x, y| x.due_date.cmp(&y.due_date).then_with(|| x.id.cmp(&y.id)));
        blocks.push(Block::Clause {
            runs: vec![Run { text: format!("{}:", a.agency_name), bold: true, ..Default::default() }],
        });
        blocks.push(Block::Table {
            header: vec![
                "STT".into(),
                "Nhiệm vụ".into(),
                "Thời hạn".into(),
                "Tình trạng".into(),
                "Báo cáo gần nhất".into(),
            ],
            rows: tasks
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    vec![
                        (i + 1).to_string(),
                        format!("{} (theo {})", t.content, t.source.label),
                        if t.deadline_label.is_empty() {
                            "Không có thời hạn".into()
                        } else {
                            t.deadline_label.clone()
                        },
                        t.status_label.clone(),
                        latest(t),
                    ]
                })
                .collect(),
            widths: vec![0.8, 3.6, 1.5, 1.4, 2.4],
        });
    }
    blocks.push(heading("NHIỆM VỤ QUÁ HẠN"));
    if f.overdue.is_empty() {
        blocks.push(p(format!("Đến ngày {}, không có nhiệm vụ quá hạn.", format_date_vi(to))));
    } else {
        blocks.push(Block::Table {
            header: vec![
                "STT".into(),
                "Nhiệm vụ".into(),
                "Cơ quan chủ trì".into(),
                "Thời hạn".into(),
                "Số ngày quá hạn".into(),
            ],
            rows: f
                .overdue
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    vec![
                        (i + 1).to_string(),
                        format!("{} (theo {})", t.content, t.source.label),
                        t.lead_agency_name.clone(),
                        late_deadline(t),
                        t.days_overdue.unwrap_or(0).to_string(),
                    ]
                })
                .collect(),
            widths: vec![0.8, 4.0, 2.0, 1.6, 1.2],
        });
    }
    blocks.push(heading("KIẾN NGHỊ, ĐỀ XUẤT"));
    blocks.push(p(
        "Đề nghị các cơ quan có nhiệm vụ quá hạn khẩn trương thực hiện, báo cáo kết quả và giải trình nguyên nhân chậm; các cơ quan chủ động báo cáo tiến độ trước thời hạn để tổng hợp, báo cáo Trưởng Ban Chỉ đạo.",
    ));
    content.body = blocks;
    content.addressees = vec!["Trưởng Ban Chỉ đạo Chuyển đổi số tỉnh".into()];
    content.recipients = vec!["Như trên".into(), "Thành viên Ban Chỉ đạo".into()];
    Ok(content)
}

/// Drafts the report on the period `[from, to]`.
pub fn generate_report(store: &mut Store, from: NaiveDate, to: NaiveDate) -> Result<DocumentRecord> {
    store.write(|tx| {
        let content = build(tx, from, to)?;
        documents::create_draft_in(tx, &content)
    })
}
