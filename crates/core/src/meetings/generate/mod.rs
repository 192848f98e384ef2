//! Drafts generated from a meeting: Giấy mời (model 1.7, [`invitation`]), Biên bản (model
//! 1.9, [`minutes`]) and the Thông báo kết luận ([`conclusions`]). Each becomes an ordinary
//! draft document, edited and issued like any other. Regenerating after the meeting changed
//! never overwrites a draft the secretary has edited by hand unless asked to, and never touches
//! an issued document. This file holds what the three share: the record as read once
//! ([`Context`]), the phrases and lines they print alike, and the bookkeeping of which draft
//! was generated from which meeting.

mod conclusions;
mod invitation;
mod minutes;

use super::invitees::list_invitees;
use super::phrases;
use super::record::get_meeting;
use super::types::*;
use crate::documents::{self, Block, DocumentContent, DocumentRecord, DocumentStatus, DocumentType, Run};
use crate::error::Sql;
use crate::error::{AppError, ErrorCode, Result};
use crate::store::decode::{decode, decode_json};
use crate::store::Db;
use crate::store::Store;
use crate::text::fold;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Type,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum MeetingDocumentRole {
    /// Giấy mời
    Invitation,
    /// Biên bản
    Minutes,
    /// Thông báo kết luận
    Conclusions,
}

impl MeetingDocumentRole {}

crate::store::stored_names!(MeetingDocumentRole);

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct MeetingDocument {
    pub role: MeetingDocumentRole,
    pub document: DocumentRecord,
    /// The draft differs from what was last generated: the secretary edited it.
    pub edited: bool,
}

/// "ngày 05 tháng 9 năm 2024" (day with two digits; months 1–2 with a leading zero).
pub fn date_phrase(d: NaiveDate) -> String {
    let month = if d.month() <= 2 { format!("{:02}", d.month()) } else { d.month().to_string() };
    format!("ngày {:02} tháng {month} năm {}", d.day(), d.year())
}

fn weekday(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "thứ Hai",
        Weekday::Tue => "thứ Ba",
        Weekday::Wed => "thứ Tư",
        Weekday::Thu => "thứ Năm",
        Weekday::Fri => "thứ Sáu",
        Weekday::Sat => "thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// "14 giờ 00, thứ Năm, ngày 05 tháng 9 năm 2024"
pub fn time_phrase(t: NaiveDateTime) -> String {
    format!("{} giờ {:02}, {}, {}", t.hour(), t.minute(), weekday(t.date()), date_phrase(t.date()))
}

pub(super) fn p(text: impl Into<String>) -> Block {
    Block::Paragraph { runs: vec![Run::plain(text)] }
}

pub(super) fn labelled(label: &str, text: impl Into<String>) -> Block {
    Block::Paragraph {
        runs: vec![Run { text: format!("{label} "), bold: true, ..Default::default() }, Run::plain(text)],
    }
}

pub(super) fn dash(text: impl Into<String>) -> Block {
    Block::Dash { runs: vec![Run::plain(text)] }
}

pub(super) fn ends(text: &str, mark: char) -> String {
    let t = text.trim_end_matches(['.', ';', ',', ':']).to_string();
    format!("{t}{mark}")
}

/// "Ông Võ Trọng Phú, Phó Giám đốc Sở Thông tin và Truyền thông"; a seat with nobody named
/// reads as who is invited from it ("Lãnh đạo Sở Y tế"); a seat with neither is left out.
/// As at the start of a line; [`phrases::mid`] puts it inside a sentence.
pub(super) fn invitee_line(i: &Invitee) -> Option<String> {
    let post = if i.guest && !i.agency_name.is_empty() {
        format!("{} {}", i.post, i.agency_name).trim().to_string()
    } else {
        i.post.clone()
    };
    let name = phrases::start(&i.name);
    match (name.is_empty(), post.is_empty()) {
        (false, false) => Some(format!("{name}, {post}")),
        (false, true) => Some(name),
        (true, false) => Some(post),
        (true, true) => None,
    }
}

/// Who came in someone's place, with their post: "Bà Lê Thị Hoa, Phó Giám đốc Sở Y tế (dự
/// thay ông Hồ Sỹ Nam, Giám đốc Sở Y tế)". For a seat with nobody named, the person the agency
/// sent, with the agency ("Bà Lê Thị Hoa, Trưởng phòng Kế hoạch Sở Y tế").
pub(super) fn substitute_line(i: &Invitee) -> String {
    let who = phrases::start(&i.substitute_name);
    let agency = i.agency_name.as_str();
    let post = if i.name.is_empty() && !agency.is_empty() && !fold(&i.substitute_post).contains(&fold(agency)) {
        if i.substitute_post.is_empty() {
            format!("đại diện {agency}")
        } else {
            format!("{} {agency}", i.substitute_post)
        }
    } else {
        i.substitute_post.clone()
    };
    let with_post = if post.is_empty() { who } else { format!("{who}, {post}") };
    match invitee_line(i) {
        Some(seat) if !i.name.is_empty() => format!("{with_post} (dự thay {})", phrases::mid(&seat)),
        _ => with_post,
    }
}

/// Those who attended, in protocol order: marked present (with a name) or represented by a
/// substitute. Invitees whose attendance was never taken are not among them.
pub(super) fn attendees(invitees: &[Invitee]) -> Vec<String> {
    invitees
        .iter()
        .filter_map(|i| match i.attendance {
            Attendance::Present if !i.name.is_empty() => invitee_line(i),
            Attendance::Substitute => Some(substitute_line(i)),
            _ => None,
        })
        .collect()
}

pub(super) fn unique(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !i.is_empty() && !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

pub(super) fn conclusion_runs(c: &Conclusion) -> Vec<Run> {
    let mut runs = vec![Run::plain(ends(&c.text, '.'))];
    if !c.lead_agency_name.is_empty() {
        runs.push(Run::plain(" "));
        runs.push(Run { text: format!("{} chủ trì", c.lead_agency_name), bold: true, ..Default::default() });
        if !c.coordinating_agency_names.is_empty() {
            runs.push(Run::plain(format!(", phối hợp với {}", c.coordinating_agency_names.join(", "))));
        }
        runs.push(Run::plain(if c.deadline_label.is_empty() {
            ".".to_string()
        } else {
            format!("; thời hạn: {}.", c.deadline_label)
        }));
    } else if !c.deadline_label.is_empty() {
        runs.push(Run::plain(format!(" Thời hạn: {}.", c.deadline_label)));
    }
    runs
}

/// What a meeting's documents start from: the issuing body of the meeting's body (its header,
/// symbol and "Lưu"), its full name as the text names it, and the meeting's chair as signer in
/// the form the roster gives them that day (head: signs as head; deputy: KT.; someone of a body
/// serving it: TL.) — else the body's head.
pub(super) struct MeetingDefaults {
    pub defaults: documents::BodyDocumentDefaults,
    /// "Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An".
    pub body_name: String,
}

impl std::ops::Deref for MeetingDefaults {
    type Target = documents::BodyDocumentDefaults;
    fn deref(&self) -> &Self::Target {
        &self.defaults
    }
}

fn meeting_defaults(conn: &Db, m: &Meeting) -> Result<MeetingDefaults> {
    let date = m.planned_start.date();
    let mut defaults = documents::defaults_for_body(conn, &m.body_id, date)?;
    let options = documents::signer_options(conn, &defaults.authority_id, date)?;
    if let Some(chair) = &m.chair_person_id {
        if let Some(form) = options.people.iter().find(|o| &o.person_id == chair).and_then(|o| o.forms.first()) {
            defaults.default_signers =
                vec![documents::compose_signer(conn, &defaults.authority_id, chair, date, *form)?];
            defaults.signer_choice = Some(documents::SignerChoice {
                form: *form,
                person_id: Some(chair.clone()),
                name: String::new(),
                title: String::new(),
                post: String::new(),
            });
        }
    }
    let body_name = [options.roster_body_name, m.body_name.clone(), defaults.issuer.issuing_body.clone()]
        .into_iter()
        .find(|n| !n.is_empty())
        .unwrap_or_default();
    Ok(MeetingDefaults { defaults, body_name })
}

/// The meeting as read once for a document: the record, its invitees in protocol order, the
/// issuing body's defaults, and the phrases every document needs.
pub(super) struct Context {
    pub m: Meeting,
    pub invitees: Vec<Invitee>,
    pub settings: MeetingDefaults,
    /// "Ông Võ Trọng Phú, Tổ trưởng Tổ Công tác", as at the start of a line.
    pub chair: String,
    /// "Phiên họp Ban Chỉ đạo …" / "cuộc họp Tổ Công tác …" inside a sentence.
    pub named: String,
    /// What every document starts from: the header, signers and "Lưu" of the body.
    pub blank: DocumentContent,
}

impl Context {
    fn read(conn: &Db, meeting_id: &str) -> Result<Self> {
        let m = get_meeting(conn, meeting_id)?;
        let invitees = list_invitees(conn, meeting_id)?;
        let settings = meeting_defaults(conn, &m)?;
        let chair = match (m.chair_name.is_empty(), m.chair_title.is_empty()) {
            (false, false) => format!("{}, {}", m.chair_name, m.chair_title),
            (false, true) => m.chair_name.clone(),
            _ => m.chair_title.clone(),
        };
        let named = phrases::in_sentence(m.form, &m.subject);
        let blank = DocumentContent {
            doc_type: DocumentType::Invitation,
            number: None,
            date: None,
            subject: m.title.clone(),
            urgency: None,
            addressees: vec![],
            enacting_authority: String::new(),
            legal_bases: vec![],
            body: vec![],
            signers: settings.default_signers.clone(),
            recipients: vec![],
            archive: settings.authority.archive(),
            authority_id: settings.authority_id.clone(),
            signer_choice: settings.signer_choice.clone(),
        };
        Ok(Self { m, invitees, settings, chair, named, blank })
    }
}

/// Builds the content of one of the meeting's documents from the record as it is now.
pub fn build_content(conn: &Db, meeting_id: &str, role: MeetingDocumentRole) -> Result<DocumentContent> {
    let ctx = Context::read(conn, meeting_id)?;
    match role {
        MeetingDocumentRole::Invitation => Ok(invitation::content(&ctx)),
        MeetingDocumentRole::Minutes => minutes::content(conn, &ctx),
        MeetingDocumentRole::Conclusions => conclusions::content(conn, &ctx),
    }
}

pub(super) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn as_value(content: &DocumentContent) -> serde_json::Value {
    serde_json::to_value(documents::normalize(content)).unwrap_or_default()
}

/// The meeting's generated documents, and whether each was edited since it was generated.
pub fn meeting_documents(conn: &Db, meeting_id: &str) -> Result<Vec<MeetingDocument>> {
    let mut stmt =
        conn.prepare("SELECT role, document_id, generated FROM meeting_document WHERE meeting_id = ?1").sql()?;
    let rows = stmt
        .query_map([meeting_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        .sql()?
        .collect::<Result<Vec<_>, _>>()
        .sql()?;
    let mut out = Vec::new();
    for (role, document_id, generated) in rows {
        let role = decode("meeting_document", &document_id, "role", &role, MeetingDocumentRole::parse).sql()?;
        let generated: serde_json::Value =
            decode_json("meeting_document", &document_id, "generated", &generated).sql()?;
        let document = documents::get_document(conn, &document_id)?;
        let edited = as_value(&document.content) != generated;
        out.push(MeetingDocument { role, document, edited });
    }
    out.sort_by_key(|d| d.role as u8);
    Ok(out)
}

/// Creates the draft, or refreshes it from the meeting record. A draft edited by hand since
/// it was generated is only replaced when `replace_edits` is set (the UI asks first); an issued
/// document is never changed.
pub fn generate_document(
    store: &mut Store,
    meeting_id: &str,
    role: MeetingDocumentRole,
    replace_edits: bool,
) -> Result<DocumentRecord> {
    store.write(|tx| {
        let content = build_content(tx, meeting_id, role)?;
        let generated = serde_json::to_string(&as_value(&content)).map_err(|e| AppError::storage(e.to_string()))?;
        let existing: Option<String> = tx
            .query_row(
                "SELECT document_id FROM meeting_document WHERE meeting_id = ?1 AND role = ?2",
                params![meeting_id, role.as_str()],
                |r| r.get(0),
            )
            .optional().sql()?;
        let record = match existing {
            None => {
                let doc = documents::create_draft_in(tx, &content)?;
                tx.execute(
                    "INSERT INTO meeting_document (meeting_id, role, document_id, generated) VALUES (?1, ?2, ?3, ?4)",
                    params![meeting_id, role.as_str(), doc.id, generated],
                ).sql()?;
                doc
            }
            Some(document_id) => {
                let current = meeting_documents(tx, meeting_id)?
                    .into_iter()
                    .find(|d| d.role == role)
                    .ok_or_else(|| AppError::not_found("Không tìm thấy văn bản của cuộc họp."))?;
                if current.document.status != DocumentStatus::Draft {
                    return Err(AppError::conflict(format!(
                        "{} số {} đã ban hành nên không tạo lại được; nếu cần, hãy soạn văn bản mới.",
                        current.document.type_label,
                        current.document.number_symbol.unwrap_or_default()
                    )));
                }
                if current.edited && !replace_edits {
                    return Err(AppError::new(
                        ErrorCode::Conflict,
                        format!(
                            "Dự thảo {} đã được sửa tay sau lần tạo trước. Tạo lại sẽ thay các sửa đổi đó bằng nội dung từ hồ sơ cuộc họp.",
                            current.document.type_label.to_lowercase()
                        ),
                    ));
                }
                let doc = documents::save_draft_in(tx, &document_id, &content)?;
                tx.execute(
                    "UPDATE meeting_document SET generated = ?3 WHERE meeting_id = ?1 AND role = ?2",
                    params![meeting_id, role.as_str(), generated],
                ).sql()?;
                doc
            }
        };
        Ok(record)
    })
}
