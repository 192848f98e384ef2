//! `meeting` subcommands: what the Cuộc họp screens do, for scripts and for tests that set up
//! a meeting without the window. Same domain calls, same rules and messages.

use super::output;
use super::roster::{resolve_agency, resolve_body, resolve_person};
use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime};
use clap::Subcommand;
use secretariat_core::deadline::Deadline;
use secretariat_core::meetings::{
    self, AgendaInput, Attendance, ConclusionInput, GuestInput, MeetingDocumentRole, MeetingFilter, MeetingForm,
    MeetingInput, MeetingKind,
};
use secretariat_core::Db;
use secretariat_core::text::{format_date_vi, parse_date};
use secretariat_core::{AppError, Store};
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum MeetingAction {
    /// List meetings, newest first.
    List,
    /// The invitees and who came, as an Excel file (.xlsx).
    AttendanceXlsx {
        id: String,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Danh sách đại biểu dự họp: the sheet to sign at the door, as a PDF.
    AttendanceSheet {
        id: String,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Create a meeting; prints its id.
    Create {
        /// committee | task-force | a work group's name | an id
        #[arg(long, default_value = "task-force")]
        body: String,
        /// session (phiên họp) | meeting (cuộc họp) | conference (hội nghị) | working_session (buổi làm việc)
        #[arg(long, default_value = "meeting")]
        form: String,
        /// What the meeting is, e.g. "Tổ Công tác quý III năm 2024" (a form word in front is taken as the form).
        #[arg(long)]
        subject: String,
        /// regular | ad_hoc | interim_review | final_review
        #[arg(long, default_value = "regular")]
        kind: String,
        /// dd/mm/yyyy
        #[arg(long)]
        date: String,
        /// HH:MM
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: Option<String>,
        #[arg(long, default_value = "")]
        place: String,
        /// The chair (a person's name or id).
        #[arg(long)]
        chair: Option<String>,
        #[arg(long, default_value = "")]
        chair_title: String,
        /// The secretary (a person's name or id).
        #[arg(long)]
        secretary: Option<String>,
    },
    /// The meeting record with invitees, agenda, conclusions and documents.
    Show { id: String },
    /// Save the meeting's running notes (replaces them).
    Notes {
        id: String,
        #[arg(long)]
        text: String,
    },
    /// Invite every seat of the meeting's body as it stands on the meeting day.
    InviteBody { id: String },
    /// Record one invitee's attendance.
    Attend {
        invitee_id: String,
        /// present | absent | absent_excused | substitute | unknown
        #[arg(long = "as")]
        attendance: String,
        #[arg(long, default_value = "")]
        reason: String,
        /// Who came instead (substitute), or who the agency sent.
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long, default_value = "")]
        post: String,
    },
    /// Add an agenda item.
    Agenda {
        id: String,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        presenter: String,
    },
    /// Add a conclusion with its lead agency and deadline as written ("quý IV năm 2024", "31/12/2024", "hằng tháng", "thường xuyên").
    Conclusion {
        id: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        lead: Option<String>,
        /// Coordinating agencies (names or ids; repeatable).
        #[arg(long = "with")]
        coordinating: Vec<String>,
        #[arg(long)]
        deadline: Option<String>,
    },
    /// Change a meeting: only the options given change, the rest stays as it is.
    Update {
        id: String,
        /// committee | task-force | a work group's name | an id
        #[arg(long)]
        body: Option<String>,
        #[arg(long)]
        form: Option<String>,
        #[arg(long)]
        subject: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        /// dd/mm/yyyy
        #[arg(long)]
        date: Option<String>,
        /// HH:MM
        #[arg(long)]
        start: Option<String>,
        /// HH:MM, or "" for none.
        #[arg(long)]
        end: Option<String>,
        #[arg(long)]
        place: Option<String>,
        /// A person's name or id, or "" for none.
        #[arg(long)]
        chair: Option<String>,
        #[arg(long)]
        chair_title: Option<String>,
        /// A person's name or id, or "" for none.
        #[arg(long)]
        secretary: Option<String>,
    },
    /// Record when the meeting actually started and ended ("dd/mm/yyyy HH:MM"; omit to clear).
    Times {
        id: String,
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        end: Option<String>,
    },
    /// Invite seats of the meeting's body (membership ids, as `membership list --json` gives them).
    Invite {
        id: String,
        #[arg(long = "membership", required = true)]
        memberships: Vec<String>,
    },
    /// Invite a guest from outside the body (khách mời).
    Guest {
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        post: String,
        #[arg(long, default_value = "")]
        agency: String,
    },
    /// Take an invitee off the list.
    Uninvite { invitee_id: String },
    /// Save the notes taken on one agenda item (replaces them).
    AgendaNotes {
        item_id: String,
        #[arg(long)]
        text: String,
    },
    /// Move an agenda item to a position (1 = first).
    AgendaMove {
        item_id: String,
        #[arg(long)]
        position: u32,
    },
    /// Remove an agenda item.
    AgendaRemove { item_id: String },
    /// Attach a file (slides, report) to an agenda item.
    AgendaAttach { item_id: String, file: std::path::PathBuf },
    /// Change a conclusion: its text, lead agency and deadline (options not given stay as they are).
    ConclusionUpdate {
        /// The meeting the conclusion belongs to.
        id: String,
        conclusion_id: String,
        #[arg(long)]
        text: Option<String>,
        /// An agency's name or id, or "" for none.
        #[arg(long)]
        lead: Option<String>,
        /// As written, or "" for none.
        #[arg(long)]
        deadline: Option<String>,
    },
    /// Remove a conclusion.
    ConclusionRemove { conclusion_id: String },
    /// Generate (or refresh) one of the meeting's documents as a draft; prints its id.
    Generate {
        id: String,
        /// invitation | minutes | conclusions
        #[arg(long)]
        document: String,
        /// Replace hand edits made since the last generation.
        #[arg(long)]
        replace: bool,
    },
}

fn date(input: &str) -> Result<NaiveDate, AppError> {
    parse_date(input)
        .ok_or_else(|| AppError::validation(format!("Ngày \"{input}\" không hợp lệ; hãy viết theo dạng dd/mm/yyyy.")))
}

fn time(input: &str) -> Result<NaiveTime, AppError> {
    NaiveTime::parse_from_str(input.trim(), "%H:%M").map_err(|_| {
        AppError::validation(format!("Giờ \"{input}\" không hợp lệ; hãy viết theo dạng HH:MM (ví dụ 14:00)."))
    })
}

fn choice<T: Copy>(input: &str, what: &str, all: &[T], name: impl Fn(T) -> &'static str) -> Result<T, AppError> {
    all.iter().copied().find(|v| name(*v) == input).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
        AppError::validation(format!("{what} \"{input}\" không hợp lệ. Dùng một trong: {}.", names.join(", ")))
    })
}

fn kind(input: &str) -> Result<MeetingKind, AppError> {
    choice(
        input,
        "Loại cuộc họp",
        &[MeetingKind::Regular, MeetingKind::AdHoc, MeetingKind::InterimReview, MeetingKind::FinalReview],
        MeetingKind::as_str,
    )
}

fn form(input: &str) -> Result<MeetingForm, AppError> {
    choice(input, "Hình thức", &MeetingForm::ALL, MeetingForm::as_str)
}

/// "dd/mm/yyyy HH:MM"
fn date_time(input: &str) -> Result<NaiveDateTime, AppError> {
    let bad = || {
        AppError::validation(format!(
            "Thời điểm \"{input}\" không hợp lệ; hãy viết theo dạng dd/mm/yyyy HH:MM (ví dụ 15/10/2024 14:00)."
        ))
    };
    let (d, t) = input.trim().split_once(' ').ok_or_else(bad)?;
    Ok(parse_date(d).ok_or_else(bad)?.and_time(time(t).map_err(|_| bad())?))
}

/// An option that may be given as "" to clear it: None (not given), Some(None) (cleared),
/// Some(Some(value)).
fn clearable(value: Option<String>) -> Option<Option<String>> {
    value.map(|v| if v.trim().is_empty() { None } else { Some(v) })
}

/// A conclusion's lead agency, coordinating agencies and deadline.
type ConclusionParts = (Option<String>, Vec<String>, Option<Deadline>);

/// The conclusion's lead and coordinating agencies resolved by name or id, and its deadline
/// read against the meeting's day.
fn conclusion_parts(
    c: &Db,
    meeting_id: &str,
    lead: Option<&str>,
    coordinating: &[String],
    deadline: Option<&str>,
) -> Result<ConclusionParts, AppError> {
    let m = meetings::get_meeting(c, meeting_id)?;
    let lead = lead.map(|a| resolve_agency(c, a)).transpose()?.map(|a| a.id);
    let coordinating = coordinating.iter().map(|a| resolve_agency(c, a).map(|a| a.id)).collect::<Result<_, _>>()?;
    let deadline = deadline.map(|d| Deadline::parse(d, m.planned_start.date())).transpose()?;
    Ok((lead, coordinating, deadline))
}

fn conclusions_text(list: &[meetings::Conclusion]) -> String {
    list.iter()
        .map(|c| {
            let lead = if c.lead_agency_name.is_empty() { String::new() } else { format!(" ({})", c.lead_agency_name) };
            format!("{}. {}{lead} — {}\t{}", c.position, c.text, c.deadline_label, c.id)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn agenda_text(items: &[meetings::AgendaItem]) -> String {
    items.iter().map(|i| format!("{}. {}\t{}", i.position, i.title, i.id)).collect::<Vec<_>>().join("\n")
}

fn invitees_text(list: &[meetings::Invitee]) -> String {
    let mut lines = vec![format!("Thành phần mời có {} người:", list.len())];
    for i in list {
        let who = if i.name.is_empty() { format!("Lãnh đạo {}", i.agency_name) } else { i.name.clone() };
        lines.push(format!("  {who} — {}\t{}", i.attendance_label, i.id));
    }
    lines.join("\n")
}

pub fn meeting(store: &mut Store, data_dir: &Path, action: MeetingAction, json: bool) -> Result<String, AppError> {
    match action {
        MeetingAction::List => {
            let today = Local::now().date_naive();
            let list = store.read(|c| meetings::list_meetings(c, &MeetingFilter::default(), today))?;
            output(json, &list, |l| {
                l.iter()
                    .map(|m| {
                        format!("{}\t{}\t{}\t{}", format_date_vi(m.planned_start.date()), m.title, m.body_name, m.id)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        MeetingAction::Create {
            body,
            form: form_name,
            subject,
            kind: kind_name,
            date: on,
            start,
            end,
            place,
            chair,
            chair_title,
            secretary,
        } => {
            let on = date(&on)?;
            let input = store.read(|c| {
                Ok(MeetingInput {
                    body_id: resolve_body(c, &body)?.id,
                    kind: kind(&kind_name)?,
                    form: form(&form_name)?,
                    subject: subject.clone(),
                    planned_start: on.and_time(time(&start)?),
                    planned_end: end.as_deref().map(time).transpose()?.map(|t| on.and_time(t)),
                    place: place.clone(),
                    chair_person_id: chair.as_deref().map(|p| resolve_person(c, p)).transpose()?.map(|p| p.id),
                    chair_title: chair_title.clone(),
                    secretary_person_id: secretary.as_deref().map(|p| resolve_person(c, p)).transpose()?.map(|p| p.id),
                })
            })?;
            let m = meetings::create_meeting(store, &input)?;
            output(json, &m, |m| m.id.clone())
        }
        MeetingAction::AttendanceXlsx { id, out } => {
            let xlsx = store.read(|c| secretariat_core::office::attendance_xlsx(c, &id))?;
            super::documents::write_file(&out, &xlsx)?;
            output(json, &out, |o| format!("Đã ghi {}.", o.display()))
        }
        MeetingAction::AttendanceSheet { id, out } => {
            let now = chrono::Utc::now().timestamp();
            let pdf = store.read(|c| secretariat_core::office::attendance_sheet_pdf(c, &id, now))?;
            super::documents::write_file(&out, &pdf)?;
            output(json, &out, |o| format!("Đã ghi danh sách đại biểu dự họp: {}.", o.display()))
        }
        MeetingAction::Show { id } => {
            let d = store.read(|c| meetings::meeting_detail(c, &id))?;
            output(json, &d, |d| {
                let m = &d.meeting;
                let mut lines =
                    vec![format!("{} — {} ({})", m.title, format_date_vi(m.planned_start.date()), m.body_name)];
                lines.push(format!("Thành phần mời ({}):", d.invitees.len()));
                for i in &d.invitees {
                    let who =
                        if i.name.is_empty() { format!("Lãnh đạo {}", i.agency_name) } else { i.name.clone() };
                    lines.push(format!("  {who} — {}\t{}", i.attendance_label, i.id));
                }
                lines.push(format!("Nội dung ({}), kết luận ({})", d.agenda.len(), d.conclusions.len()));
                for doc in &d.documents {
                    let n = doc.document.number_symbol.clone().unwrap_or_else(|| "dự thảo".into());
                    lines.push(format!("  {} {}\t{}", doc.document.type_label, n, doc.document.id));
                }
                lines.join("\n")
            })
        }
        MeetingAction::Notes { id, text } => {
            let m = meetings::save_notes(store, &id, &text)?;
            output(json, &m, |_| "Đã lưu ghi chép.".into())
        }
        MeetingAction::InviteBody { id } => {
            let list = meetings::invite_whole_body(store, &id)?;
            output(json, &list, |l| format!("Đã mời; thành phần mời có {} người.", l.len()))
        }
        MeetingAction::Attend { invitee_id, attendance, reason, name, post } => {
            let attendance = choice(
                &attendance,
                "Điểm danh",
                &[
                    Attendance::Present,
                    Attendance::Absent,
                    Attendance::AbsentExcused,
                    Attendance::Substitute,
                    Attendance::Unknown,
                ],
                Attendance::as_str,
            )?;
            let input = meetings::AttendanceInput {
                invitee_id,
                attendance,
                absence_reason: reason,
                substitute_name: name,
                substitute_post: post,
            };
            let i = meetings::set_attendance(store, &input)?;
            output(json, &i, |i| i.attendance_label.clone())
        }
        MeetingAction::Agenda { id, title, presenter } => {
            let input =
                AgendaInput { title, presenter_person_id: None, presenter_agency_id: None, presenter_text: presenter };
            let items = meetings::add_agenda_item(store, &id, &input)?;
            output(json, &items, |l| format!("Chương trình họp có {} nội dung.", l.len()))
        }
        MeetingAction::Conclusion { id, text, lead, coordinating, deadline } => {
            let (lead_agency_id, coordinating_agency_ids, deadline) =
                store.read(|c| conclusion_parts(c, &id, lead.as_deref(), &coordinating, deadline.as_deref()))?;
            let input = ConclusionInput { text, lead_agency_id, coordinating_agency_ids, deadline };
            let list = meetings::add_conclusion(store, &id, &input)?;
            output(json, &list, |l| conclusions_text(l))
        }
        MeetingAction::ConclusionUpdate { id, conclusion_id, text, lead, deadline } => {
            let lead = clearable(lead);
            let deadline = clearable(deadline);
            let input = store.read(|c| {
                let current = meetings::list_conclusions(c, &id)?
                    .into_iter()
                    .find(|k| k.id == conclusion_id)
                    .ok_or_else(|| AppError::not_found("Không tìm thấy kết luận."))?;
                let (lead_id, _, parsed) = conclusion_parts(
                    c,
                    &id,
                    lead.clone().flatten().as_deref(),
                    &[],
                    deadline.clone().flatten().as_deref(),
                )?;
                Ok(ConclusionInput {
                    text: text.clone().unwrap_or_else(|| current.text.clone()),
                    lead_agency_id: if lead.is_some() { lead_id } else { current.lead_agency_id.clone() },
                    coordinating_agency_ids: current.coordinating_agency_ids.clone(),
                    deadline: if deadline.is_some() { parsed } else { current.deadline },
                })
            })?;
            let list = meetings::update_conclusion(store, &conclusion_id, &input)?;
            output(json, &list, |l| conclusions_text(l))
        }
        MeetingAction::ConclusionRemove { conclusion_id } => {
            meetings::remove_conclusion(store, &conclusion_id)?;
            output(json, &conclusion_id, |_| "Đã xóa kết luận.".into())
        }
        MeetingAction::Update {
            id,
            body,
            form: form_name,
            subject,
            kind: kind_name,
            date: on,
            start,
            end,
            place,
            chair,
            chair_title,
            secretary,
        } => {
            let input = store.read(|c| {
                let m = meetings::get_meeting(c, &id)?;
                let on = on.as_deref().map(date).transpose()?.unwrap_or(m.planned_start.date());
                let start = start.as_deref().map(time).transpose()?.unwrap_or(m.planned_start.time());
                let planned_end = match clearable(end.clone()) {
                    None => m.planned_end.map(|e| on.and_time(e.time())),
                    Some(None) => None,
                    Some(Some(e)) => Some(on.and_time(time(&e)?)),
                };
                let person = |given: &Option<String>, current: &Option<String>| -> Result<Option<String>, AppError> {
                    Ok(match clearable(given.clone()) {
                        None => current.clone(),
                        Some(None) => None,
                        Some(Some(p)) => Some(resolve_person(c, &p)?.id),
                    })
                };
                Ok(MeetingInput {
                    body_id: match &body {
                        Some(b) => resolve_body(c, b)?.id,
                        None => m.body_id.clone(),
                    },
                    kind: kind_name.as_deref().map(kind).transpose()?.unwrap_or(m.kind),
                    form: form_name.as_deref().map(form).transpose()?.unwrap_or(m.form),
                    subject: subject.clone().unwrap_or_else(|| m.subject.clone()),
                    planned_start: on.and_time(start),
                    planned_end,
                    place: place.clone().unwrap_or_else(|| m.place.clone()),
                    chair_person_id: person(&chair, &m.chair_person_id)?,
                    chair_title: chair_title.clone().unwrap_or_else(|| m.chair_title.clone()),
                    secretary_person_id: person(&secretary, &m.secretary_person_id)?,
                })
            })?;
            let m = meetings::update_meeting(store, &id, &input)?;
            output(json, &m, |m| format!("Đã lưu cuộc họp: {}.", m.title))
        }
        MeetingAction::Times { id, start, end } => {
            let start = start.as_deref().map(date_time).transpose()?;
            let end = end.as_deref().map(date_time).transpose()?;
            let m = meetings::set_actual_times(store, &id, start, end)?;
            output(json, &m, |_| "Đã ghi thời gian họp thực tế.".into())
        }
        MeetingAction::Invite { id, memberships } => {
            let list = meetings::invite_members(store, &id, &memberships)?;
            output(json, &list, |l| invitees_text(l))
        }
        MeetingAction::Guest { id, name, post, agency } => {
            let list = meetings::add_guest(store, &id, &GuestInput { name, post, agency_name: agency })?;
            output(json, &list, |l| invitees_text(l))
        }
        MeetingAction::Uninvite { invitee_id } => {
            meetings::remove_invitee(store, &invitee_id)?;
            output(json, &invitee_id, |_| "Đã bỏ khỏi thành phần mời.".into())
        }
        MeetingAction::AgendaNotes { item_id, text } => {
            meetings::save_agenda_notes(store, &item_id, &text)?;
            output(json, &item_id, |_| "Đã lưu ghi chép.".into())
        }
        MeetingAction::AgendaMove { item_id, position } => {
            let items = meetings::move_agenda_item(store, &item_id, position)?;
            output(json, &items, |l| agenda_text(l))
        }
        MeetingAction::AgendaRemove { item_id } => {
            let items = meetings::remove_agenda_item(store, &item_id)?;
            output(json, &items, |l| agenda_text(l))
        }
        MeetingAction::AgendaAttach { item_id, file } => {
            let items = meetings::attach_file(store, data_dir, &item_id, &file)?;
            output(json, &items, |l| agenda_text(l))
        }
        MeetingAction::Generate { id, document, replace } => {
            let role = match document.as_str() {
                "invitation" => MeetingDocumentRole::Invitation,
                "minutes" => MeetingDocumentRole::Minutes,
                "conclusions" => MeetingDocumentRole::Conclusions,
                other => {
                    return Err(AppError::validation(format!(
                        "Văn bản \"{other}\" không hợp lệ. Dùng một trong: invitation, minutes, conclusions."
                    )))
                }
            };
            let doc = meetings::generate_document(store, &id, role, replace)?;
            output(json, &doc, |d| d.id.clone())
        }
    }
}
