//! `meeting` subcommands: what the Cuộc họp screens do, for scripts and for tests that set up
//! a meeting without the window. Same domain calls, same rules and messages.

use super::output;
use super::roster::{resolve_agency, resolve_body, resolve_person};
use chrono::{Local, NaiveDate, NaiveTime};
use clap::Subcommand;
use secretariat_core::deadline::Deadline;
use secretariat_core::meetings::{
    self, AgendaInput, Attendance, ConclusionInput, MeetingDocumentRole, MeetingFilter, MeetingForm, MeetingInput,
    MeetingKind,
};
use secretariat_core::text::{format_date_vi, parse_date};
use secretariat_core::{AppError, Store};

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
        #[arg(long)]
        deadline: Option<String>,
    },
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

pub fn meeting(store: &mut Store, action: MeetingAction, json: bool) -> Result<String, AppError> {
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
            form,
            subject,
            kind,
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
                    kind: choice(
                        &kind,
                        "Loại cuộc họp",
                        &[
                            MeetingKind::Regular,
                            MeetingKind::AdHoc,
                            MeetingKind::InterimReview,
                            MeetingKind::FinalReview,
                        ],
                        MeetingKind::as_str,
                    )?,
                    form: choice(&form, "Hình thức", &MeetingForm::ALL, MeetingForm::as_str)?,
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
        MeetingAction::Conclusion { id, text, lead, deadline } => {
            let (lead_agency_id, deadline) = store.read(|c| {
                let m = meetings::get_meeting(c, &id)?;
                let lead = lead.as_deref().map(|a| resolve_agency(c, a)).transpose()?.map(|a| a.id);
                let deadline = deadline.as_deref().map(|d| Deadline::parse(d, m.planned_start.date())).transpose()?;
                Ok((lead, deadline))
            })?;
            let input = ConclusionInput { text, lead_agency_id, coordinating_agency_ids: Vec::new(), deadline };
            let list = meetings::add_conclusion(store, &id, &input)?;
            output(json, &list, |l| {
                l.iter()
                    .map(|c| format!("{}. {} — {}", c.position, c.text, c.deadline_label))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
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
