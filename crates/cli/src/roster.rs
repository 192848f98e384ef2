//! `roster`, `agency`, `person` and `membership` subcommands.

use super::format;
use super::output;
use chrono::{Local, NaiveDate};
use clap::Subcommand;
use secretariat_core::roster::{self, *};
use secretariat_core::store::Db;
use secretariat_core::text::{fold, parse_date};
use secretariat_core::{AppError, Store};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum RosterAction {
    /// The roster of a body on a date, grouped by role.
    List {
        /// committee | task-force | a work group's name | an id
        #[arg(long, default_value = "task-force")]
        body: String,
        /// dd/mm/yyyy or yyyy-mm-dd (default: today)
        #[arg(long)]
        as_of: Option<String>,
    },
    /// The roster of a body on a date as an Excel file (.xlsx).
    ExportXlsx {
        /// committee | task-force | a work group's name | an id
        #[arg(long, default_value = "task-force")]
        body: String,
        /// dd/mm/yyyy or yyyy-mm-dd (default: today)
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Every membership the body has had.
    History {
        #[arg(long, default_value = "task-force")]
        body: String,
    },
    /// The bodies.
    Bodies,
}

#[derive(Debug, Subcommand)]
pub enum AgencyAction {
    List,
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        short: String,
        /// department | board | sector | locality | other
        #[arg(long, default_value = "department")]
        kind: String,
    },
    /// Record a new name from a date; older records keep the old name.
    Rename {
        agency: String,
        #[arg(long)]
        name: String,
        /// New short name (default: keep the current one).
        #[arg(long, default_value = "")]
        short: String,
        #[arg(long)]
        from: String,
    },
    /// Record that the agency was merged into another from a date.
    Merge {
        agency: String,
        #[arg(long)]
        into: String,
        #[arg(long)]
        on: String,
    },
    Delete {
        agency: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PersonAction {
    List,
    Add {
        #[arg(long)]
        name: String,
        /// ong | ba | none
        #[arg(long, default_value = "ong")]
        honorific: String,
        #[arg(long, default_value = "")]
        post: String,
        /// id, short name or full name of the agency
        #[arg(long)]
        agency: Option<String>,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        email: String,
    },
    /// Every membership the person has held.
    History {
        person: String,
    },
    /// Add people from an Excel file (.xlsx): columns Họ và tên, Danh xưng, Chức vụ, Cơ quan,
    /// Điện thoại, Email, Ghi chú. Rows with errors are left out; --preview only checks.
    ImportXlsx {
        file: PathBuf,
        #[arg(long)]
        preview: bool,
    },
    Delete {
        person: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum MembershipAction {
    Add {
        #[arg(long, default_value = "task-force")]
        body: String,
        /// head | deputy_head | committee_member | leader | deputy_leader | member | secretary | group_lead | group_member
        #[arg(long)]
        role: String,
        #[arg(long)]
        person: Option<String>,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        post: Option<String>,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: Option<String>,
        #[arg(long, default_value = "")]
        decision: String,
        #[arg(long)]
        decision_date: Option<String>,
    },
    /// Abolish a seat (bãi bỏ vị trí): from --on the seat leaves the roster.
    End {
        id: String,
        #[arg(long)]
        on: String,
        #[arg(long, default_value = "")]
        decision: String,
        #[arg(long)]
        decision_date: Option<String>,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// The holder leaves, the seat stays (thôi giữ vị trí): from --on it is "chưa cử người".
    Vacate {
        id: String,
        #[arg(long)]
        on: String,
        #[arg(long, default_value = "")]
        decision: String,
        #[arg(long)]
        decision_date: Option<String>,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Undo an end (hoàn tác): the membership runs on, the vacant seat after it goes.
    Reopen { id: String },
    /// Kiện toàn, or cử người to a seat naming only an agency or nobody: pass the seat to
    /// another person (or agency) from --on, by the decision that names them (required).
    Replace {
        id: String,
        #[arg(long)]
        person: Option<String>,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        on: String,
        #[arg(long, default_value = "")]
        decision: String,
        #[arg(long)]
        decision_date: Option<String>,
    },
    /// Move a seat one place up or down in its role group (protocol order), as the roster
    /// stands on --as-of; prints the group in its new order.
    Move {
        id: String,
        #[arg(long, conflicts_with = "down", required_unless_present = "down")]
        up: bool,
        #[arg(long)]
        down: bool,
        /// dd/mm/yyyy or yyyy-mm-dd (default: today)
        #[arg(long)]
        as_of: Option<String>,
    },
}

fn date(input: &str) -> Result<NaiveDate, AppError> {
    parse_date(input)
        .ok_or_else(|| AppError::validation(format!("Ngày \"{input}\" không hợp lệ; hãy viết theo dạng dd/mm/yyyy.")))
}

fn opt_date(input: Option<&str>) -> Result<Option<NaiveDate>, AppError> {
    input.map(date).transpose()
}

pub(super) fn resolve_body(conn: &Db, reference: &str) -> Result<Body, AppError> {
    let bodies = roster::list_bodies(conn)?;
    let wanted = fold(reference);
    let kind = match wanted.as_str() {
        "committee" | "steering-committee" | "bcd" | "ban chi dao" => Some(BodyKind::SteeringCommittee),
        "task-force" | "taskforce" | "tct" | "to cong tac" => Some(BodyKind::TaskForce),
        _ => None,
    };
    bodies
        .into_iter()
        .find(|b| Some(b.kind) == kind || b.id == reference || fold(&b.name) == wanted || fold(&b.short_name) == wanted)
        .ok_or_else(|| {
            AppError::not_found(format!(
                "Không tìm thấy tổ chức \"{reference}\". Dùng committee, task-force, tên nhóm công tác hoặc mã (xem `roster bodies`)."
            ))
        })
}

pub(super) fn resolve_agency(conn: &Db, reference: &str) -> Result<Agency, AppError> {
    let wanted = fold(reference);
    let mut matches: Vec<Agency> = roster::list_agencies(conn)?
        .into_iter()
        .filter(|a| a.id == reference || fold(&a.short_name) == wanted || fold(&a.full_name) == wanted)
        .collect();
    match (matches.pop(), matches.is_empty()) {
        (Some(one), true) => Ok(one),
        (None, _) => Err(AppError::not_found(format!(
            "Không tìm thấy cơ quan \"{reference}\" (dùng mã, tên viết tắt hoặc tên đầy đủ)."
        ))),
        (Some(_), false) => {
            Err(AppError::validation(format!("Có nhiều cơ quan khớp với \"{reference}\"; hãy dùng mã.")))
        }
    }
}

pub(super) fn resolve_person(conn: &Db, reference: &str) -> Result<Person, AppError> {
    let wanted = fold(reference);
    let mut matches: Vec<Person> =
        roster::list_people(conn)?.into_iter().filter(|p| p.id == reference || fold(&p.full_name) == wanted).collect();
    match (matches.pop(), matches.is_empty()) {
        (Some(one), true) => Ok(one),
        (None, _) => Err(AppError::not_found(format!("Không tìm thấy người \"{reference}\"."))),
        (Some(_), false) => {
            Err(AppError::validation(format!("Có nhiều người tên \"{reference}\"; hãy dùng mã (xem `person list`).")))
        }
    }
}

fn role(input: &str) -> Result<Role, AppError> {
    Role::parse(input).ok_or_else(|| {
        AppError::validation(format!(
            "Vai trò \"{input}\" không hợp lệ. Dùng một trong: {}.",
            Role::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
        ))
    })
}

pub fn roster(store: &mut Store, action: RosterAction, json: bool) -> Result<String, AppError> {
    match action {
        RosterAction::List { body, as_of } => {
            let as_of = match as_of {
                Some(s) => date(&s)?,
                None => Local::now().date_naive(),
            };
            let view = store.read(|c| roster::roster_as_of(c, &resolve_body(c, &body)?.id, as_of))?;
            output(json, &view, format::roster)
        }
        RosterAction::ExportXlsx { body, as_of, out } => {
            let as_of = match as_of {
                Some(s) => date(&s)?,
                None => Local::now().date_naive(),
            };
            let xlsx = store.read(|c| secretariat_core::office::roster_xlsx(c, &resolve_body(c, &body)?.id, as_of))?;
            super::documents::write_file(&out, &xlsx)?;
            output(json, &out, |o| format!("Đã ghi danh sách thành viên: {}.", o.display()))
        }
        RosterAction::History { body } => {
            let history = store.read(|c| roster::body_history(c, &resolve_body(c, &body)?.id))?;
            output(json, &history, format::body_history)
        }
        RosterAction::Bodies => {
            let bodies = store.read(roster::list_bodies)?;
            output(json, &bodies, |bs| {
                bs.iter().map(|b| format!("{}\t{}", b.name, b.id)).collect::<Vec<_>>().join("\n")
            })
        }
    }
}

pub fn agency(store: &mut Store, action: AgencyAction, json: bool) -> Result<String, AppError> {
    match action {
        AgencyAction::List => {
            let list = store.read(roster::list_agencies)?;
            output(json, &list, |l| l.iter().map(format::agency_line).collect::<Vec<_>>().join("\n"))
        }
        AgencyAction::Add { name, short, kind } => {
            let kind = AgencyKind::parse(&kind).ok_or_else(|| {
                AppError::validation(format!(
                    "Loại cơ quan \"{kind}\" không hợp lệ (department, board, sector, locality, other)."
                ))
            })?;
            let a = roster::create_agency(
                store,
                &AgencyInput { kind: Some(kind), full_name: name, short_name: short, notes: String::new() },
            )?;
            output(json, &a, |a| format!("Đã thêm cơ quan {} ({}).", a.full_name, a.id))
        }
        AgencyAction::Rename { agency, name, short, from } => {
            let id = store.read(|c| resolve_agency(c, &agency))?.id;
            let a = roster::rename_agency(
                store,
                &AgencyRename { agency_id: id, full_name: name, short_name: short, from: date(&from)? },
            )?;
            output(json, &a, |a| format!("Đã ghi nhận tên mới: {}.", a.full_name))
        }
        AgencyAction::Merge { agency, into, on } => {
            let (from, to) = store.read(|c| Ok((resolve_agency(c, &agency)?.id, resolve_agency(c, &into)?.id)))?;
            let a = roster::merge_agency(store, &AgencyMerge { agency_id: from, into_agency_id: to, on: date(&on)? })?;
            output(json, &a, |a| {
                format!("Đã ghi nhận {} sáp nhập vào {}.", a.full_name, a.merged_into_name.clone().unwrap_or_default())
            })
        }
        AgencyAction::Delete { agency } => {
            let a = store.read(|c| resolve_agency(c, &agency))?;
            roster::delete_agency(store, &a.id)?;
            output(json, &a.id, |_| format!("Đã xóa cơ quan {}.", a.full_name))
        }
    }
}

pub fn person(store: &mut Store, action: PersonAction, json: bool) -> Result<String, AppError> {
    match action {
        PersonAction::List => {
            let list = store.read(roster::list_people)?;
            output(json, &list, |l| l.iter().map(format::person_line).collect::<Vec<_>>().join("\n"))
        }
        PersonAction::Add { name, honorific, post, agency, phone, email } => {
            let honorific = Honorific::parse(&honorific).ok_or_else(|| {
                AppError::validation(format!("Danh xưng \"{honorific}\" không hợp lệ (ong, ba, none)."))
            })?;
            let agency_id = match agency {
                Some(a) => Some(store.read(|c| resolve_agency(c, &a))?.id),
                None => None,
            };
            let p = roster::create_person(
                store,
                &PersonInput { full_name: name, honorific, post, agency_id, phone, email, notes: String::new() },
            )?;
            output(json, &p, |p| format!("Đã thêm {} ({}).", roster::display_name(p.honorific, &p.full_name), p.id))
        }
        PersonAction::ImportXlsx { file, preview } => {
            let bytes = super::documents::read_office_file(&file)?;
            let checked = store.read(|c| secretariat_core::office::preview_people_xlsx(c, &bytes))?;
            if preview {
                return output(json, &checked, format::people_preview);
            }
            let result = secretariat_core::office::import_people_xlsx(store, &bytes)?;
            output(json, &result, |r| {
                let mut text = format::people_preview(&checked);
                text.push_str(&format!("\nĐã thêm {} người; bỏ qua {} dòng có lỗi.", r.created.len(), r.skipped));
                text
            })
        }
        PersonAction::History { person } => {
            let h = store.read(|c| roster::person_history(c, &resolve_person(c, &person)?.id))?;
            output(json, &h, format::person_history)
        }
        PersonAction::Delete { person } => {
            let p = store.read(|c| resolve_person(c, &person))?;
            roster::delete_person(store, &p.id)?;
            output(json, &p.id, |_| format!("Đã xóa {}.", p.full_name))
        }
    }
}

pub fn membership(store: &mut Store, action: MembershipAction, json: bool) -> Result<String, AppError> {
    match action {
        MembershipAction::Add { body, role: r, person, agency, post, from, to, decision, decision_date } => {
            let input = store.read(|c| {
                Ok(MembershipInput {
                    body_id: resolve_body(c, &body)?.id,
                    role: role(&r)?,
                    person_id: person.as_deref().map(|p| resolve_person(c, p)).transpose()?.map(|p| p.id),
                    new_person: None,
                    agency_id: agency.as_deref().map(|a| resolve_agency(c, a)).transpose()?.map(|a| a.id),
                    post,
                    start_date: date(&from)?,
                    end_date: opt_date(to.as_deref())?,
                    decision_number: decision,
                    decision_date: opt_date(decision_date.as_deref())?,
                    notes: String::new(),
                })
            })?;
            let m = roster::add_membership(store, &input)?;
            output(json, &m, |m| format!("Đã thêm vị trí {} ({}).", m.role.label(), m.id))
        }
        MembershipAction::End { id, on, decision, decision_date, reason } => {
            let m = roster::end_membership(
                store,
                &EndMembership {
                    membership_id: id,
                    end_date: date(&on)?,
                    end_decision_number: decision,
                    end_decision_date: opt_date(decision_date.as_deref())?,
                    end_reason: reason,
                },
            )?;
            output(json, &m, |m| format!("Đã kết thúc vị trí {} từ {}.", m.role.label(), on))
        }
        MembershipAction::Vacate { id, on, decision, decision_date, reason } => {
            let m = roster::vacate_membership(
                store,
                &EndMembership {
                    membership_id: id,
                    end_date: date(&on)?,
                    end_decision_number: decision,
                    end_decision_date: opt_date(decision_date.as_deref())?,
                    end_reason: reason,
                },
            )?;
            output(json, &m, |m| format!("Vị trí {} chờ cử người từ {} ({}).", m.role.label(), on, m.id))
        }
        MembershipAction::Reopen { id } => {
            let m = roster::reopen_membership(store, &id)?;
            output(json, &m, |m| format!("Đã hoàn tác: vị trí {} tiếp tục ({}).", m.role.label(), m.id))
        }
        MembershipAction::Replace { id, person, agency, on, decision, decision_date } => {
            let (person_id, agency_id) = store.read(|c| {
                Ok((
                    person.as_deref().map(|p| resolve_person(c, p)).transpose()?.map(|p| p.id),
                    agency.as_deref().map(|a| resolve_agency(c, a)).transpose()?.map(|a| a.id),
                ))
            })?;
            let m = roster::replace_member(
                store,
                &ReplaceMember {
                    membership_id: id,
                    person_id,
                    new_person: None,
                    agency_id,
                    date: date(&on)?,
                    decision_number: decision,
                    decision_date: opt_date(decision_date.as_deref())?,
                },
            )?;
            output(json, &m, |m| format!("Đã kiện toàn: vị trí {} từ {} ({}).", m.role.label(), on, m.id))
        }
        MembershipAction::Move { id, up, down: _, as_of } => {
            let as_of = match as_of {
                Some(s) => date(&s)?,
                None => Local::now().date_naive(),
            };
            let direction = if up { SeatMove::Up } else { SeatMove::Down };
            let view = roster::move_seat(store, &MoveSeat { membership_id: id.clone(), direction, as_of })?;
            output(json, &view, |v| format::moved_group(v, &id))
        }
    }
}
