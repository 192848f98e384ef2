//! The issuing authority of a document and its signing block, composed rather than pasted.
//!
//! A document names one issuing body (see `settings::IssuingAuthority`). Its signing block
//! is composed from a person of that body's roster on the document's date and a form from
//! Decree 30, Appendix I: signing as head ("TM. BAN CHỈ ĐẠO" / "TRƯỞNG BAN" for a collective),
//! KT. (a deputy for the head), Q. (acting), TL. (by order), TUQ. (by delegation). The post
//! in the host agency is printed only by a body that uses its host agency's seal.

use super::model::{Authority, DocumentContent, Issuer, Signer};
use crate::error::{AppError, Result};
use crate::roster::{get_body, list_bodies, roster_as_of, RosterEntry};
use crate::settings::{document_settings, DocumentSettings, IssuingAuthority};
use crate::store::Db;
use crate::text::{clean, fold, format_date_vi};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

/// How the signer signs (Decree 30, Appendix I).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SigningForm {
    /// The head signs (for a collective: "TM. <body>" above the head's title).
    Head,
    /// KT. — a deputy signs for the head.
    Deputy,
    /// Q. — the acting head.
    Acting,
    /// TL. — by order of the head, with the signer's own title.
    ByOrder,
    /// TUQ. — by delegation of the head, with the signer's own title.
    ByDelegation,
}

impl SigningForm {
    pub const ALL: [SigningForm; 5] = [Self::Head, Self::Deputy, Self::Acting, Self::ByOrder, Self::ByDelegation];

    /// "KT. Trưởng ban (cấp phó ký thay)", for the body's head title.
    pub fn label(self, authority: &IssuingAuthority) -> String {
        let head = &authority.head_title;
        match self {
            Self::Head if authority.collective => format!("TM. {} — {head} ký", authority.collective_name()),
            Self::Head => format!("{head} ký"),
            Self::Deputy => format!("KT. {head} — cấp phó ký thay"),
            Self::Acting => format!("Q. {head} — quyền"),
            Self::ByOrder => format!("TL. {head} — thừa lệnh"),
            Self::ByDelegation => format!("TUQ. {head} — thừa ủy quyền"),
        }
    }

    /// The signer writes their own title (TL., TUQ.).
    pub fn needs_title(self) -> bool {
        matches!(self, Self::ByOrder | Self::ByDelegation)
    }
}

/// What the secretary chose for the signing block: a person of the roster, or a name typed
/// in (bodies without a roster), and the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SignerChoice {
    pub form: SigningForm,
    /// A person of the body's roster; None: `name` (and `title`, `post`) typed in.
    #[serde(default)]
    pub person_id: Option<String>,
    #[serde(default)]
    pub name: String,
    /// The signer's own title for TL./TUQ. (or a deputy's title other than the usual one).
    #[serde(default)]
    pub title: String,
    /// The post in the host agency, printed by a body using the host agency's seal.
    #[serde(default)]
    pub post: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SigningFormInfo {
    pub form: SigningForm,
    pub label: String,
    pub needs_title: bool,
}

/// One person who may sign for the body on the date, with the forms open to them.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SignerOption {
    pub person_id: String,
    /// "Võ Trọng Phú" (no honorific, as printed under the signature).
    pub name: String,
    pub role_label: String,
    /// The body the seat is in (the body itself, or a body serving it for TL./TUQ.).
    pub body_name: String,
    /// "Phó Giám đốc Sở Thông tin và Truyền thông".
    pub position: String,
    pub forms: Vec<SigningForm>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SignerOptions {
    pub authority_id: String,
    /// False: the body has no roster here; the signer is typed in.
    pub has_roster: bool,
    pub roster_body_name: String,
    pub people: Vec<SignerOption>,
    /// Every form, labelled for this body.
    pub forms: Vec<SigningFormInfo>,
    pub host_seal: bool,
}

/// The authority a document is issued by: the one it names, else its type's default.
pub fn content_authority(settings: &DocumentSettings, content: &DocumentContent) -> Result<IssuingAuthority> {
    if content.authority_id.is_empty() {
        settings.default_authority(content.doc_type).cloned()
    } else {
        settings.authority(&content.authority_id).cloned()
    }
}

/// Header and symbol for rendering `content`.
pub fn issuer_for(conn: &Db, content: &DocumentContent) -> Result<Issuer> {
    Ok(content_authority(&document_settings(conn)?, content)?.issuer())
}

/// The issuing body whose roster is `body_id` (a work group: its parent's). Meeting documents
/// take their meeting's body.
pub fn authority_for_body(conn: &Db, body_id: &str) -> Result<IssuingAuthority> {
    let settings = document_settings(conn)?;
    let mut current = Some(get_body(conn, body_id)?);
    let first = current.as_ref().map(|b| b.name.clone()).unwrap_or_default();
    while let Some(body) = current {
        if let Some(a) = settings.authorities.iter().find(|a| a.roster_body_id.as_deref() == Some(body.id.as_str())) {
            return Ok(a.clone());
        }
        current = match body.parent_id {
            Some(p) if body.kind == crate::roster::BodyKind::WorkGroup => Some(get_body(conn, &p)?),
            _ => None,
        };
    }
    Err(AppError::not_found(format!(
        "Chưa có cơ quan ban hành nào gắn với danh sách {first}; hãy chọn trong Cài đặt văn bản."
    )))
}

fn deputy_title(a: &IssuingAuthority) -> String {
    if a.deputy_title.is_empty() {
        format!("Phó {}", a.head_title.to_lowercase())
    } else {
        a.deputy_title.clone()
    }
}

/// The signing block for `form` by `name`; `title` is the signer's own title (TL., TUQ.; for
/// KT. it replaces the usual deputy title), `post` the post in the host agency, printed only
/// when the body uses its host agency's seal.
pub fn compose_block(a: &IssuingAuthority, form: SigningForm, name: &str, title: &str, post: &str) -> Result<Signer> {
    let name = clean(name);
    let title = clean(title);
    let post = clean(post);
    if name.is_empty() {
        return Err(AppError::validation("Hãy ghi họ và tên người ký."));
    }
    if form.needs_title() && title.is_empty() {
        return Err(AppError::validation(format!(
            "Ký {} cần chức vụ của người ký (ví dụ: Chánh Văn phòng).",
            if form == SigningForm::ByOrder { "thừa lệnh (TL.)" } else { "thừa ủy quyền (TUQ.)" }
        )));
    }
    let head = a.head_title.clone();
    let (mut authority, mut on_behalf_of, mut titles) = (None, String::new(), Vec::new());
    match form {
        SigningForm::Head => titles.push(head.clone()),
        SigningForm::Deputy => {
            let deputy = if title.is_empty() { deputy_title(a) } else { title.clone() };
            if a.collective {
                titles.extend([format!("KT. {head}"), deputy]);
            } else {
                (authority, on_behalf_of) = (Some(Authority::Kt), head.clone());
                titles.push(deputy);
            }
        }
        SigningForm::Acting => {
            if a.collective {
                titles.push(format!("Q. {head}"));
            } else {
                (authority, on_behalf_of) = (Some(Authority::Q), head.clone());
            }
        }
        SigningForm::ByOrder | SigningForm::ByDelegation => {
            let prefix = if form == SigningForm::ByOrder { Authority::Tl } else { Authority::Tuq };
            (authority, on_behalf_of) = (Some(prefix), head.clone());
            titles.push(title.clone());
        }
    }
    if a.collective && matches!(form, SigningForm::Head | SigningForm::Deputy | SigningForm::Acting) {
        authority = Some(Authority::Tm);
        on_behalf_of = a.collective_name().to_string();
    } else if authority.is_none() && form == SigningForm::Head {
        // A single head: the title alone ("GIÁM ĐỐC").
        on_behalf_of = titles.remove(0);
    }
    if a.host_seal && !post.is_empty() && fold(&post) != fold(&title) {
        titles.push(post);
    }
    Ok(Signer { authority, on_behalf_of, titles, name })
}

struct Seat {
    entry: RosterEntry,
    body_name: String,
    /// 0 head, 1 deputy, 2 member, 3 head or deputy of a body serving this one.
    rank: u8,
    own_title: String,
}

fn forms_for(rank: u8) -> Vec<SigningForm> {
    match rank {
        0 => vec![SigningForm::Head],
        1 => vec![SigningForm::Deputy, SigningForm::Acting],
        _ => vec![SigningForm::ByOrder, SigningForm::ByDelegation],
    }
}

/// The seats of the authority's roster on `date` that name a person, and the heads and
/// deputies of the bodies that serve it (they sign TL./TUQ. for its head).
fn seats(conn: &Db, settings: &DocumentSettings, a: &IssuingAuthority, date: NaiveDate) -> Result<Vec<Seat>> {
    let Some(body_id) = &a.roster_body_id else { return Ok(Vec::new()) };
    let view = roster_as_of(conn, body_id, date)?;
    let roles = view.body.kind.roles();
    let mut out = Vec::new();
    for e in view.groups.iter().flat_map(|g| g.entries.iter()) {
        if e.person_id.is_none() {
            continue;
        }
        let rank = roles.iter().position(|r| *r == e.role).unwrap_or(2).min(2) as u8;
        let own_title = if e.position.is_empty() { e.role_label.clone() } else { e.position.clone() };
        out.push(Seat { entry: e.clone(), body_name: view.body.name.clone(), rank, own_title });
    }
    for child in list_bodies(conn)?.into_iter().filter(|b| b.parent_id.as_deref() == Some(body_id.as_str())) {
        let child_view = roster_as_of(conn, &child.id, date)?;
        let child_roles = child_view.body.kind.roles();
        let short = settings
            .authorities
            .iter()
            .find(|x| x.roster_body_id.as_deref() == Some(child.id.as_str()))
            .map(|x| x.collective_name().to_string())
            .unwrap_or_else(|| child.name.clone());
        for e in child_view.groups.iter().flat_map(|g| g.entries.iter()) {
            let lead = child_roles.iter().position(|r| *r == e.role).is_some_and(|i| i < 2);
            if e.person_id.is_none() || !lead {
                continue;
            }
            let own_title = format!("{} {short}", e.role_label);
            out.push(Seat { entry: e.clone(), body_name: child.name.clone(), rank: 3, own_title });
        }
    }
    Ok(out)
}

/// The people who may sign for `authority_id` on `date`, with the forms each may use.
pub fn signer_options(conn: &Db, authority_id: &str, date: NaiveDate) -> Result<SignerOptions> {
    let settings = document_settings(conn)?;
    let a = settings.authority(authority_id)?.clone();
    let roster_body_name = match &a.roster_body_id {
        Some(id) => get_body(conn, id)?.name,
        None => String::new(),
    };
    let people = seats(conn, &settings, &a, date)?
        .into_iter()
        .map(|s| SignerOption {
            person_id: s.entry.person_id.clone().unwrap_or_default(),
            name: s.entry.full_name.clone(),
            role_label: s.entry.role_label.clone(),
            body_name: s.body_name,
            position: s.entry.position.clone(),
            forms: forms_for(s.rank),
        })
        .collect();
    Ok(SignerOptions {
        authority_id: a.id.clone(),
        has_roster: a.roster_body_id.is_some(),
        roster_body_name,
        people,
        forms: SigningForm::ALL
            .iter()
            .map(|f| SigningFormInfo { form: *f, label: f.label(&a), needs_title: f.needs_title() })
            .collect(),
        host_seal: a.host_seal,
    })
}

/// The signing block of `person_id` signing for `authority_id` in `form` on `date`, from the
/// roster as it was that day: name, title in the body, and (host seal) the post in the agency.
pub fn compose_signer(
    conn: &Db,
    authority_id: &str,
    person_id: &str,
    date: NaiveDate,
    form: SigningForm,
) -> Result<Signer> {
    let settings = document_settings(conn)?;
    let a = settings.authority(authority_id)?;
    let seats = seats(conn, &settings, a, date)?;
    let mine: Vec<&Seat> = seats.iter().filter(|s| s.entry.person_id.as_deref() == Some(person_id)).collect();
    if mine.is_empty() {
        return Err(AppError::validation(format!(
            "Người này không có trong danh sách người ký của {} tại ngày {}.",
            a.name,
            format_date_vi(date)
        )));
    }
    let Some(seat) = mine.iter().find(|s| forms_for(s.rank).contains(&form)) else {
        return Err(AppError::validation(format!(
            "{} ({}) không ký theo hình thức “{}”.",
            mine[0].entry.full_name,
            mine[0].entry.role_label,
            form.label(a)
        )));
    };
    let title = if form.needs_title() { seat.own_title.clone() } else { String::new() };
    compose_block(a, form, &seat.entry.full_name, &title, &seat.entry.position)
}

/// The block for a choice: from the roster when it names a person, else from the typed name.
pub fn compose_choice(conn: &Db, authority_id: &str, date: NaiveDate, choice: &SignerChoice) -> Result<Signer> {
    match &choice.person_id {
        Some(pid) => compose_signer(conn, authority_id, pid, date, choice.form),
        None => {
            let settings = document_settings(conn)?;
            compose_block(settings.authority(authority_id)?, choice.form, &choice.name, &choice.title, &choice.post)
        }
    }
}

/// What a meeting's documents start from: the body's authority, its header, and its head on
/// the meeting's date as signer (none when the roster names no head).
#[derive(Debug, Clone, PartialEq)]
pub struct BodyDocumentDefaults {
    pub authority: IssuingAuthority,
    pub authority_id: String,
    pub issuer: Issuer,
    pub default_signers: Vec<Signer>,
    pub signer_choice: Option<SignerChoice>,
}

pub fn defaults_for_body(conn: &Db, body_id: &str, date: NaiveDate) -> Result<BodyDocumentDefaults> {
    let authority = authority_for_body(conn, body_id)?;
    let settings = document_settings(conn)?;
    let head = seats(conn, &settings, &authority, date)?.into_iter().find(|s| s.rank == 0);
    let (default_signers, signer_choice) = match head {
        Some(s) => {
            let pid = s.entry.person_id.clone().unwrap_or_default();
            let signer = compose_signer(conn, &authority.id, &pid, date, SigningForm::Head)?;
            let choice = SignerChoice {
                form: SigningForm::Head,
                person_id: Some(pid),
                name: String::new(),
                title: String::new(),
                post: String::new(),
            };
            (vec![signer], Some(choice))
        }
        None => (Vec::new(), None),
    };
    Ok(BodyDocumentDefaults {
        authority_id: authority.id.clone(),
        issuer: authority.issuer(),
        authority,
        default_signers,
        signer_choice,
    })
}

/// The capital lines above a signature, as printed.
pub fn signer_lines(s: &Signer) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    if let Some(a) = s.authority {
        lines.push(format!("{} {}", a.prefix(), s.on_behalf_of.to_uppercase()).trim().to_string());
    } else if !s.on_behalf_of.is_empty() {
        lines.push(s.on_behalf_of.to_uppercase());
    }
    lines.extend(s.titles.iter().map(|t| t.to_uppercase()));
    lines
}

/// Whether person `person_id` holds a seat (in the body or one serving it) on `date`.
pub fn seated_on(conn: &Db, authority: &IssuingAuthority, person_id: &str, date: NaiveDate) -> Result<bool> {
    let settings = document_settings(conn)?;
    Ok(seats(conn, &settings, authority, date)?.iter().any(|s| s.entry.person_id.as_deref() == Some(person_id)))
}

#[cfg(test)]
mod tests;
