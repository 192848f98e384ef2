//! Settings (Cài đặt) that shape documents: who issues them, how they are numbered, margins.
//! Stored as JSON values in the `setting` table, one row per key.

use crate::documents::model::{Issuer, Signer};
use crate::error::{AppError, Result};
use crate::store::{now, Store};
use rusqlite::{params, Connection, OptionalExtension};
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct DocumentSettings {
    pub issuer: Issuer,
    pub numbering: Numbering,
    pub margins: MarginSettings,
    /// Signing blocks offered for new drafts.
    #[serde(default)]
    pub default_signers: Vec<Signer>,
}

impl Default for DocumentSettings {
    /// The Nghệ An steering committee, whose task force is the first user.
    fn default() -> Self {
        Self {
            issuer: Issuer {
                parent_body: "UBND tỉnh Nghệ An".into(),
                issuing_body: "Ban Chỉ đạo Chuyển đổi số".into(),
                symbol: "BCĐCĐS".into(),
                unit_symbol: "TCT".into(),
                place: "Nghệ An".into(),
            },
            numbering: Numbering::PerType,
            margins: MarginSettings { top: 20.0, bottom: 20.0, left: 30.0, right: 15.0 },
            default_signers: vec![Signer {
                authority: Some(crate::documents::model::Authority::Tm),
                on_behalf_of: "Tổ Công tác".into(),
                titles: vec!["Tổ trưởng".into(), "Phó Giám đốc Sở Thông tin và Truyền thông".into()],
                name: "Võ Trọng Phú".into(),
            }],
        }
    }
}

const KEY: &str = "documents";

pub fn document_settings(conn: &Connection) -> Result<DocumentSettings> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [KEY], |r| r.get(0)).optional()?;
    match value {
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| AppError::storage(format!("Cài đặt văn bản bị hỏng; hãy lưu lại cài đặt. Chi tiết: {e}"))),
        None => Ok(DocumentSettings::default()),
    }
}

pub fn save_document_settings(store: &mut Store, settings: &DocumentSettings) -> Result<DocumentSettings> {
    let mut s = settings.clone();
    let i = &mut s.issuer;
    for field in [&mut i.parent_body, &mut i.issuing_body, &mut i.symbol, &mut i.unit_symbol, &mut i.place] {
        *field = crate::text::clean(field);
    }
    if i.issuing_body.is_empty() {
        return Err(AppError::validation("Tên cơ quan ban hành không được để trống."));
    }
    if i.symbol.is_empty() || i.symbol.contains(['/', ' ']) {
        return Err(AppError::validation(
            "Ký hiệu cơ quan ban hành phải có và không chứa dấu \"/\" hay khoảng trắng (ví dụ: BCĐCĐS).",
        ));
    }
    if i.place.is_empty() {
        return Err(AppError::validation("Địa danh không được để trống (ví dụ: Nghệ An)."));
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
        tx.execute(
            "INSERT INTO setting (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![KEY, json, now()],
        )?;
        Ok(())
    })?;
    Ok(s)
}
