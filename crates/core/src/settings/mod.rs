//! Settings (Cài đặt) that shape documents: the bodies that issue them, how they are numbered,
//! margins. Stored as JSON values in the `setting` table, one row per key.
//!
//! Each document names one issuing authority (cơ quan ban hành); its header, the symbol in
//! its number, the "Lưu" line and the forms of its signing block all come from that one
//! entry, so that a header of one body cannot be signed in the name of another.

use crate::documents::model::{DocumentType, Issuer};
use crate::store::Db;
mod files;
pub use files::*;

use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::roster::BodyKind;
use crate::store::{new_id, now, Store};
use crate::text::{clean, fold};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use specta::Type;

/// One number series for every type, or one per type (Decree 30 allows both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    OneSeries,
    PerType,
}

/// Page margins in millimetres, kept within the decree's ranges when used.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Type)]
pub struct MarginSettings {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

/// A body that issues documents (cơ quan ban hành): the Steering Committee, its Task Force,
/// the department whose seal the leader uses, …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct IssuingAuthority {
    /// Stable key stored in each document ("steering_committee", or a UUID for added ones).
    #[serde(default)]
    pub id: String,
    /// Cơ quan chủ quản, printed above the body, e.g. "UBND tỉnh Nghệ An".
    #[serde(default)]
    pub parent_body: String,
    /// The body as printed in the header, e.g. "Ban Chỉ đạo Chuyển đổi số".
    pub name: String,
    /// The collective's name in a "TM." line, e.g. "Ban Chỉ đạo"; empty: the printed name.
    #[serde(default)]
    pub short_name: String,
    /// The symbol in numbers, e.g. "BCĐCĐS".
    pub symbol: String,
    /// The drafting unit: "15/BCĐCĐS-TCT" for a công văn, "Lưu: VT, TCT".
    #[serde(default)]
    pub unit_symbol: String,
    /// Place name in the date line, e.g. "Nghệ An".
    pub place: String,
    /// The head's title, e.g. "Trưởng ban", "Tổ trưởng", "Giám đốc".
    pub head_title: String,
    /// The deputies' title, e.g. "Phó Trưởng ban", "Tổ phó", "Phó Giám đốc".
    #[serde(default)]
    pub deputy_title: String,
    /// A collective body signs "TM. <short name>" above the head's title.
    #[serde(default)]
    pub collective: bool,
    /// Uses its host agency's seal (Decree 30): the signer also shows the post held in the
    /// host agency, on a line under the title in the body.
    #[serde(default)]
    pub host_seal: bool,
    /// The roster body whose members sign (None: signers are typed in).
    #[serde(default)]
    pub roster_body_id: Option<String>,
    /// When `roster_body_id` is not set: the first body of this kind (the defaults use it,
    /// since bodies get their ids when they are created).
    #[serde(default)]
    pub roster_body_kind: Option<BodyKind>,
    /// Numbers are given by another register (the host department's văn thư) and typed in.
    #[serde(default)]
    pub external_numbers: bool,
    /// Document types for which this body is preselected in a new draft.
    #[serde(default)]
    pub default_for: Vec<DocumentType>,
}

impl IssuingAuthority {
    /// The header and number symbol as the renderer takes them.
    pub fn issuer(&self) -> Issuer {
        Issuer {
            parent_body: self.parent_body.clone(),
            issuing_body: self.name.clone(),
            symbol: self.symbol.clone(),
            unit_symbol: self.unit_symbol.clone(),
            place: self.place.clone(),
        }
    }

    /// "VT, TCT": the "Lưu" line of this body's documents.
    pub fn archive(&self) -> String {
        let unit = if self.unit_symbol.is_empty() { &self.symbol } else { &self.unit_symbol };
        format!("VT, {unit}")
    }

    /// The name after "TM.".
    pub fn collective_name(&self) -> &str {
        if self.short_name.is_empty() {
            &self.name
        } else {
            &self.short_name
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct DocumentSettings {
    /// The bodies that issue documents; the first is the default for types no body claims.
    pub authorities: Vec<IssuingAuthority>,
    pub numbering: Numbering,
    pub margins: MarginSettings,
}

pub const STEERING_COMMITTEE: &str = "steering_committee";
pub const TASK_FORCE: &str = "task_force";
pub const HOST_DEPARTMENT: &str = "host_department";

/// The three issuing bodies of the Nghệ An secretariat.
pub fn default_authorities() -> Vec<IssuingAuthority> {
    use DocumentType::*;
    vec![
        IssuingAuthority {
            id: STEERING_COMMITTEE.into(),
            parent_body: "UBND tỉnh Nghệ An".into(),
            name: "Ban Chỉ đạo Chuyển đổi số".into(),
            short_name: "Ban Chỉ đạo".into(),
            symbol: "BCĐCĐS".into(),
            unit_symbol: "TCT".into(),
            place: "Nghệ An".into(),
            head_title: "Trưởng ban".into(),
            deputy_title: "Phó Trưởng ban".into(),
            collective: true,
            host_seal: false,
            roster_body_id: None,
            roster_body_kind: Some(BodyKind::SteeringCommittee),
            external_numbers: false,
            default_for: vec![Decision, Plan, Programme],
        },
        IssuingAuthority {
            id: TASK_FORCE.into(),
            parent_body: "Ban Chỉ đạo Chuyển đổi số tỉnh".into(),
            name: "Tổ Công tác giúp việc".into(),
            short_name: "Tổ Công tác".into(),
            symbol: "TCT".into(),
            unit_symbol: String::new(),
            place: "Nghệ An".into(),
            head_title: "Tổ trưởng".into(),
            deputy_title: "Tổ phó".into(),
            collective: true,
            host_seal: true,
            roster_body_id: None,
            roster_body_kind: Some(BodyKind::TaskForce),
            external_numbers: false,
            default_for: vec![Announcement, Minutes, Invitation, Report, Submission, OfficialLetter],
        },
        IssuingAuthority {
            id: HOST_DEPARTMENT.into(),
            parent_body: "UBND tỉnh Nghệ An".into(),
            name: "Sở Thông tin và Truyền thông".into(),
            short_name: String::new(),
            symbol: "STTTT".into(),
            unit_symbol: "VP".into(),
            place: "Nghệ An".into(),
            head_title: "Giám đốc".into(),
            deputy_title: "Phó Giám đốc".into(),
            collective: false,
            host_seal: false,
            roster_body_id: None,
            roster_body_kind: None,
            external_numbers: true,
            default_for: vec![],
        },
    ]
}

impl Default for DocumentSettings {
    fn default() -> Self {
        Self {
            authorities: default_authorities(),
            numbering: Numbering::PerType,
            margins: MarginSettings { top: 20.0, bottom: 20.0, left: 30.0, right: 15.0 },
        }
    }
}

/// The Steering Committee's header, for renderings that have no document (benchmarks, tests).
pub fn default_issuer() -> Issuer {
    default_authorities()[0].issuer()
}

impl DocumentSettings {
    pub fn authority(&self, id: &str) -> Result<&IssuingAuthority> {
        self.authorities.iter().find(|a| a.id == id).ok_or_else(|| {
            AppError::not_found(
                "Không tìm thấy cơ quan ban hành của văn bản trong Cài đặt văn bản; hãy chọn lại cơ quan ban hành.",
            )
        })
    }

    /// The body preselected for a new document of this type.
    pub fn default_authority(&self, doc_type: DocumentType) -> Result<&IssuingAuthority> {
        self.authorities
            .iter()
            .find(|a| a.default_for.contains(&doc_type))
            .or_else(|| self.authorities.first())
            .ok_or_else(|| AppError::validation("Chưa có cơ quan ban hành nào trong Cài đặt văn bản."))
    }

    /// The first authority, whose name heads the outgoing register.
    pub fn primary(&self) -> Result<&IssuingAuthority> {
        self.authorities
            .first()
            .ok_or_else(|| AppError::validation("Chưa có cơ quan ban hành nào trong Cài đặt văn bản."))
    }
}

/// Settings saved before issuing bodies existed: one `issuer` for every document, and signing
/// blocks pasted beside it. The old issuer becomes the matching entry (same symbol), which is
/// then the default for every type, as it was; the signing blocks are dropped (signers are now
/// composed from the roster).
fn from_legacy(mut value: serde_json::Value) -> std::result::Result<DocumentSettings, serde_json::Error> {
    let Some(obj) = value.as_object_mut().filter(|o| o.contains_key("issuer") && !o.contains_key("authorities")) else {
        return serde_json::from_value(value);
    };
    let old: Issuer = serde_json::from_value(obj.remove("issuer").unwrap_or_default())?;
    obj.remove("default_signers");
    let mut authorities = default_authorities();
    let key = fold(&old.symbol);
    let index = match authorities.iter().position(|a| fold(&a.symbol) == key) {
        Some(i) => i,
        None => {
            authorities.insert(
                0,
                IssuingAuthority {
                    id: new_id(),
                    short_name: String::new(),
                    head_title: "Trưởng ban".into(),
                    deputy_title: "Phó Trưởng ban".into(),
                    collective: true,
                    host_seal: false,
                    roster_body_id: None,
                    roster_body_kind: None,
                    external_numbers: false,
                    ..authorities[0].clone()
                },
            );
            0
        }
    };
    for a in authorities.iter_mut() {
        a.default_for.clear();
    }
    let a = &mut authorities[index];
    a.parent_body = old.parent_body;
    a.name = old.issuing_body;
    a.symbol = old.symbol;
    a.unit_symbol = old.unit_symbol;
    a.place = old.place;
    a.default_for = DocumentType::ALL.to_vec();
    obj.insert("authorities".into(), serde_json::to_value(&authorities)?);
    serde_json::from_value(value)
}

const KEY: &str = "documents";

/// The settings, with each authority's roster body resolved from its kind when no body was
/// chosen yet.
pub fn document_settings(conn: &Db) -> Result<DocumentSettings> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [KEY], |r| r.get(0)).optional().sql()?;
    let mut settings = match value {
        Some(json) => serde_json::from_str::<serde_json::Value>(&json)
            .and_then(from_legacy)
            .map_err(|_| AppError::from(crate::store::CorruptValue::new("setting", KEY, "value", &json)))?,
        None => DocumentSettings::default(),
    };
    for a in settings.authorities.iter_mut() {
        if a.roster_body_id.is_none() {
            if let Some(kind) = a.roster_body_kind {
                a.roster_body_id = conn
                    .query_row(
                        "SELECT id FROM body WHERE kind = ?1 ORDER BY sort_order, created_at LIMIT 1",
                        [kind.as_str()],
                        |r| r.get(0),
                    )
                    .optional()
                    .sql()?;
            }
        }
    }
    Ok(settings)
}

fn check_authority(a: &mut IssuingAuthority) -> Result<()> {
    for field in [
        &mut a.parent_body,
        &mut a.name,
        &mut a.short_name,
        &mut a.symbol,
        &mut a.unit_symbol,
        &mut a.place,
        &mut a.head_title,
        &mut a.deputy_title,
    ] {
        *field = clean(field);
    }
    if a.id.trim().is_empty() {
        a.id = new_id();
    }
    if a.name.is_empty() {
        return Err(AppError::validation("Tên cơ quan ban hành không được để trống."));
    }
    let named = |m: &str| format!("{} ({m})", a.name);
    if a.symbol.is_empty() || a.symbol.contains(['/', ' ']) {
        return Err(AppError::validation(named(
            "ký hiệu phải có và không chứa dấu \"/\" hay khoảng trắng, ví dụ: BCĐCĐS",
        )));
    }
    if a.unit_symbol.contains(['/', ' ']) {
        return Err(AppError::validation(named("ký hiệu đơn vị soạn thảo không chứa dấu \"/\" hay khoảng trắng")));
    }
    if a.place.is_empty() {
        return Err(AppError::validation(named("địa danh không được để trống, ví dụ: Nghệ An")));
    }
    if a.head_title.is_empty() {
        return Err(AppError::validation(named("hãy ghi chức danh người đứng đầu, ví dụ: Trưởng ban")));
    }
    if a.roster_body_id.as_deref().is_some_and(|s| s.trim().is_empty()) {
        a.roster_body_id = None;
    }
    a.default_for.dedup();
    Ok(())
}

pub fn save_document_settings(store: &mut Store, settings: &DocumentSettings) -> Result<DocumentSettings> {
    let mut s = settings.clone();
    if s.authorities.is_empty() {
        return Err(AppError::validation("Cần ít nhất một cơ quan ban hành."));
    }
    for a in s.authorities.iter_mut() {
        check_authority(a)?;
    }
    for (i, a) in s.authorities.iter().enumerate() {
        for b in &s.authorities[..i] {
            if a.id == b.id {
                return Err(AppError::validation("Hai cơ quan ban hành trùng mã; hãy tải lại cài đặt."));
            }
            if fold(&a.symbol) == fold(&b.symbol) {
                return Err(AppError::validation(format!(
                    "{} và {} trùng ký hiệu {}: mỗi cơ quan ban hành có dãy số riêng nên cần ký hiệu riêng.",
                    b.name, a.name, a.symbol
                )));
            }
        }
    }
    for t in DocumentType::ALL {
        let claims: Vec<&str> =
            s.authorities.iter().filter(|a| a.default_for.contains(&t)).map(|a| a.name.as_str()).collect();
        if claims.len() > 1 {
            return Err(AppError::validation(format!(
                "{} chỉ có một cơ quan ban hành mặc định (đang chọn: {}).",
                t.label(),
                claims.join(", ")
            )));
        }
    }
    let m = s.margins;
    if !(20.0..=25.0).contains(&m.top)
        || !(20.0..=25.0).contains(&m.bottom)
        || !(30.0..=35.0).contains(&m.left)
        || !(15.0..=20.0).contains(&m.right)
    {
        return Err(AppError::validation(
            "Lề trang phải theo Nghị định 30: trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm.",
        ));
    }
    let json = serde_json::to_string(&s).map_err(|e| AppError::storage(e.to_string()))?;
    store.write(|tx| {
        for a in &s.authorities {
            if let Some(body) = &a.roster_body_id {
                let found: Option<String> =
                    tx.query_row("SELECT id FROM body WHERE id = ?1", [body], |r| r.get(0)).optional().sql()?;
                if found.is_none() {
                    return Err(AppError::validation(format!(
                        "{}: tổ chức có danh sách người ký không còn tồn tại; hãy chọn lại.",
                        a.name
                    )));
                }
            }
        }
        tx.execute(
            "INSERT INTO setting (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![KEY, json, now()],
        )
        .sql()?;
        Ok(())
    })?;
    store.read(document_settings)
}

#[cfg(test)]
mod tests;
