//! `task` and `plan` subcommands: what the Theo dõi nhiệm vụ screens do, for scripts and
//! tests. Same domain calls, same rules and messages. Dates are dd/mm/yyyy; "today" is the
//! machine's date unless `SECRETARIAT_TODAY=YYYY-MM-DD` is set (as in the window).

use super::output;
use super::roster::resolve_agency;
use chrono::{Local, NaiveDate};
use clap::Subcommand;
use secretariat_core::deadline::Deadline;
use secretariat_core::documents;
use secretariat_core::followup::{
    self, ExtensionInput, Priority, ProgressInput, StatusGroup, TaskFilter, TaskInput, TaskSummary,
};
use secretariat_core::store::fsutil;
use secretariat_core::text::{format_date_vi, parse_date};
use secretariat_core::{AppError, Store};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum TaskAction {
    /// Tasks as of a date, soonest deadline first.
    List {
        /// dd/mm/yyyy (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// overdue | due-soon | open | done
        #[arg(long)]
        status: Option<String>,
        /// The lead agency (id, short or full name).
        #[arg(long)]
        agency: Option<String>,
        /// Words of the content, source or agency (diacritics optional).
        #[arg(long, default_value = "")]
        text: String,
    },
    /// The task list as an Excel file (every task the filters select).
    ExportXlsx {
        #[arg(long)]
        as_of: Option<String>,
        /// overdue | due-soon | open | done
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// A task's page: source, deadline, reports, extensions, letters.
    Show {
        id: String,
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Add a task typed by hand, with its source; prints its id.
    Add {
        #[arg(long)]
        content: String,
        /// The lead agency (exactly one).
        #[arg(long)]
        lead: String,
        /// A coordinating agency (repeat for several).
        #[arg(long = "coordinating")]
        coordinating: Vec<String>,
        /// As written: "31/12/2024", "quý IV năm 2024", "hằng tháng, trước ngày 25", "thường xuyên".
        #[arg(long)]
        deadline: Option<String>,
        /// The directing document's number and symbol, e.g. "125/UBND-KT".
        #[arg(long, default_value = "")]
        source_number: String,
        /// The directing document's date (dd/mm/yyyy).
        #[arg(long)]
        source_date: String,
        /// Who directed it, e.g. "Chủ tịch UBND tỉnh".
        #[arg(long, default_value = "")]
        directed_by: String,
        /// What the source is, e.g. "Công văn".
        #[arg(long, default_value = "")]
        source_title: String,
        /// normal | high | urgent
        #[arg(long, default_value = "normal")]
        priority: String,
    },
    /// Record what the agency reported; --done when it completes the task.
    Progress {
        id: String,
        #[arg(long)]
        date: String,
        #[arg(long, default_value = "")]
        text: String,
        #[arg(long, default_value = "")]
        report_number: String,
        #[arg(long)]
        done: bool,
        /// For a recurring report: the due date (dd/mm/yyyy) of the period it answers.
        #[arg(long)]
        period: Option<String>,
        /// A file to attach (copied into the data folder).
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Extend the deadline (gia hạn) by a decision; the original deadline stays on record.
    Extend {
        id: String,
        /// The new deadline as written.
        #[arg(long)]
        deadline: String,
        /// The decision's number and symbol.
        #[arg(long)]
        decision: String,
        /// The decision's date (dd/mm/yyyy).
        #[arg(long)]
        date: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Draft the chasing letter (công văn đôn đốc) to an agency (or --all-late: each late agency)
    /// and write the draft's PDF; prints the draft's id.
    Letter {
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        all_late: bool,
        #[arg(long)]
        as_of: Option<String>,
        /// Where to write the PDF (with --all-late: a folder).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Draft the report on a period and write the draft's PDF; prints the draft's id.
    Report {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Per lead agency: counts, on-time rate, last report.
    Agencies {
        #[arg(long)]
        as_of: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanAction {
    /// Draft the annual work plan (Kế hoạch) from a JSON file; its items become tasks when it is
    /// issued. Prints the draft's id.
    Import { file: PathBuf },
}

fn date(input: &str) -> Result<NaiveDate, AppError> {
    parse_date(input)
        .ok_or_else(|| AppError::validation(format!("Ngày \"{input}\" không hợp lệ; hãy viết theo dạng dd/mm/yyyy.")))
}

/// Today as the app sees it: `SECRETARIAT_TODAY` (YYYY-MM-DD) or the machine's date.
pub fn today() -> NaiveDate {
    std::env::var("SECRETARIAT_TODAY")
        .ok()
        .and_then(|v| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| Local::now().date_naive())
}

fn as_of(input: Option<&str>) -> Result<NaiveDate, AppError> {
    input.map(date).transpose().map(|d| d.unwrap_or_else(today))
}

fn line(t: &TaskSummary) -> String {
    let due = t.due_date.map(format_date_vi).unwrap_or_else(|| "—".into());
    let late = t
        .days_overdue
        .filter(|_| t.status == followup::TaskStatus::Overdue)
        .map(|d| format!(" ({d} ngày)"))
        .unwrap_or_default();
    format!("{}{late}\t{due}\t{}\t{}\t{}\t{}", t.status_label, t.lead_agency_name, t.content, t.source.label, t.id)
}

fn write_pdf(store: &Store, id: &str, out: &Path) -> Result<(), AppError> {
    let pdf = store.read(|c| documents::document_pdf(c, id))?;
    secretariat_core::store::write_atomic(out, &pdf)
}

const MAX_JSON_BYTES: u64 = 10 * 1024 * 1024;

fn read_text(file: &Path) -> Result<String, AppError> {
    let (input, _) = fsutil::open_regular_file(file, MAX_JSON_BYTES)?;
    let mut text = String::new();
    input
        .take(MAX_JSON_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| AppError::validation(format!("Không đọc được tệp {}: {e}", file.display())))?;
    if text.len() as u64 > MAX_JSON_BYTES {
        return Err(fsutil::too_large(file, MAX_JSON_BYTES));
    }
    Ok(text)
}

pub fn task(store: &mut Store, data_dir: &Path, action: TaskAction, json: bool) -> Result<String, AppError> {
    match action {
        TaskAction::List { as_of: on, status, agency, text } => {
            let mut filter = TaskFilter::as_of(as_of(on.as_deref())?);
            if let Some(s) = status {
                let group = StatusGroup::parse(&s).ok_or_else(|| {
                    AppError::validation(format!("Tình trạng \"{s}\" không hợp lệ (overdue, due-soon, open, done)."))
                })?;
                filter.statuses = group.statuses();
            }
            if let Some(a) = agency {
                filter.agency_id = Some(store.read(|c| resolve_agency(c, &a))?.id);
            }
            filter.text = text;
            let page = store.read(|c| followup::list_tasks(c, &filter))?;
            output(json, &page.items, |items| {
                if items.is_empty() {
                    return format!("Không có nhiệm vụ nào (tính đến ngày {}).", format_date_vi(filter.as_of));
                }
                items.iter().map(line).collect::<Vec<_>>().join("\n")
            })
        }
        TaskAction::ExportXlsx { as_of: on, status, agency, out } => {
            let mut filter = TaskFilter::as_of(as_of(on.as_deref())?);
            if let Some(s) = status {
                let group = StatusGroup::parse(&s).ok_or_else(|| {
                    AppError::validation(format!("Tình trạng \"{s}\" không hợp lệ (overdue, due-soon, open, done)."))
                })?;
                filter.statuses = group.statuses();
            }
            if let Some(a) = agency {
                filter.agency_id = Some(store.read(|c| resolve_agency(c, &a))?.id);
            }
            let bytes = store.read(|c| secretariat_core::office::tasks_xlsx(c, &filter))?;
            secretariat_core::store::write_atomic(&out, &bytes)?;
            output(json, &out.display().to_string(), |p| format!("Đã ghi {p}"))
        }
        TaskAction::Show { id, as_of: on } => {
            let on = as_of(on.as_deref())?;
            let t = store.read(|c| followup::get_task(c, &id, on))?;
            output(json, &t, |t| {
                let mut out = vec![
                    t.task.content.clone(),
                    format!("Nguồn: {}", t.task.source.label),
                    format!("Cơ quan chủ trì: {}", t.task.lead_agency_name),
                    format!(
                        "Thời hạn: {}",
                        if t.task.deadline_label.is_empty() { "không có" } else { &t.task.deadline_label }
                    ),
                    format!("Tình trạng ngày {}: {}", format_date_vi(on), t.task.status_label),
                ];
                if t.task.extended {
                    out.push(format!("Thời hạn ban đầu: {}", t.original_deadline_label));
                }
                for h in &t.handovers {
                    out.push(format!(
                        "Chuyển từ {} sang {} ngày {}",
                        h.from_agency_name,
                        h.to_agency_name,
                        format_date_vi(h.on)
                    ));
                }
                for p in &t.progress {
                    out.push(format!(
                        "Báo cáo {} {}: {}{}",
                        format_date_vi(p.date),
                        p.report_number,
                        p.text,
                        if p.completes { " (hoàn thành)" } else { "" }
                    ));
                }
                for l in &t.letters {
                    out.push(format!(
                        "Đôn đốc: {} {} ({})",
                        l.number_symbol.clone().unwrap_or_default(),
                        l.issued_on.map(format_date_vi).unwrap_or_default(),
                        l.status_label
                    ));
                }
                out.join("\n")
            })
        }
        TaskAction::Add {
            content,
            lead,
            coordinating,
            deadline,
            source_number,
            source_date,
            directed_by,
            source_title,
            priority,
        } => {
            let source_date = date(&source_date)?;
            let lead = store.read(|c| resolve_agency(c, &lead))?.id;
            let coordinating = coordinating
                .iter()
                .map(|a| store.read(|c| resolve_agency(c, a)).map(|a| a.id))
                .collect::<Result<Vec<_>, _>>()?;
            let deadline = deadline.map(|d| Deadline::parse(&d, source_date)).transpose()?;
            let priority = Priority::parse(&priority).ok_or_else(|| {
                AppError::validation(format!("Mức ưu tiên \"{priority}\" không hợp lệ (normal, high, urgent)."))
            })?;
            let id = followup::add_task(
                store,
                &TaskInput {
                    content,
                    lead_agency_id: lead,
                    coordinating_agency_ids: coordinating,
                    deadline,
                    priority,
                    source_number,
                    source_date: Some(source_date),
                    source_directed_by: directed_by,
                    source_title,
                    assigned_on: None,
                },
            )?;
            output(json, &id, |id| id.clone())
        }
        TaskAction::Progress { id, date: on, text, report_number, done, period, file } => {
            let input = ProgressInput {
                date: date(&on)?,
                text,
                report_number,
                completes: done,
                occurrence_due: period.as_deref().map(date).transpose()?,
            };
            let pid = match file {
                Some(f) => followup::add_progress_with_file(store, data_dir, &id, &input, &f)?,
                None => followup::add_progress(store, &id, &input)?,
            };
            output(json, &pid, |_| format!("Đã ghi nhận báo cáo ngày {}.", format_date_vi(input.date)))
        }
        TaskAction::Extend { id, deadline, decision, date: on, reason } => {
            let decided_on = date(&on)?;
            let deadline = Deadline::parse(&deadline, decided_on)?;
            let eid = followup::extend_task(store, &id, &ExtensionInput { deadline, decided_on, decision, reason })?;
            output(json, &eid, |_| format!("Đã gia hạn đến {}.", deadline.label()))
        }
        TaskAction::Letter { agency, all_late, as_of: on, out } => {
            let on = as_of(on.as_deref())?;
            let docs = match (agency, all_late) {
                (Some(a), false) => {
                    let a = store.read(|c| resolve_agency(c, &a))?.id;
                    vec![followup::generate_letter(store, &a, on)?]
                }
                (None, true) => followup::generate_letters_for_late(store, on)?,
                _ => {
                    return Err(AppError::validation(
                        "Hãy chọn một cơ quan (--agency) hoặc mọi cơ quan có nhiệm vụ quá hạn (--all-late).",
                    ))
                }
            };
            if let Some(out) = &out {
                if docs.len() == 1 && !out.is_dir() {
                    write_pdf(store, &docs[0].id, out)?;
                } else {
                    std::fs::create_dir_all(out)
                        .map_err(|e| AppError::storage(format!("Không tạo được thư mục {}: {e}", out.display())))?;
                    for (i, d) in docs.iter().enumerate() {
                        write_pdf(store, &d.id, &out.join(format!("don-doc-{:02}.pdf", i + 1)))?;
                    }
                }
            }
            let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
            output(json, &ids, |ids| ids.join("\n"))
        }
        TaskAction::Report { from, to, out } => {
            let doc = followup::generate_report(store, date(&from)?, date(&to)?)?;
            if let Some(out) = &out {
                write_pdf(store, &doc.id, out)?;
            }
            output(json, &doc.id, |id| id.clone())
        }
        TaskAction::Agencies { as_of: on } => {
            let on = as_of(on.as_deref())?;
            let list = store.read(|c| followup::agency_summaries(c, on))?;
            output(json, &list, |l| {
                l.iter()
                    .map(|a| {
                        format!(
                            "{}\t{} nhiệm vụ\tquá hạn {}\tđúng hạn {}\t{}",
                            a.agency_name,
                            a.counts.total,
                            a.counts.overdue,
                            followup::percent(a.on_time_rate),
                            a.last_report
                                .map(|d| format!("báo cáo gần nhất {}", format_date_vi(d)))
                                .unwrap_or_else(|| "chưa báo cáo".into())
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

pub fn plan(store: &mut Store, action: PlanAction, json: bool) -> Result<String, AppError> {
    match action {
        PlanAction::Import { file } => {
            let plan = followup::parse_plan_json(&read_text(&file)?)?;
            let doc = followup::import_plan(store, &plan)?;
            output(json, &doc.id, |id| id.clone())
        }
    }
}
