//! Limits on files taken into the data folder (attachments), kept as one JSON row of `setting`.

use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::store::Db;
use crate::store::{now, CorruptValue, Store};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use specta::Type;

const KEY: &str = "files";

/// The largest attachment the window accepts by default (a scanned decision runs to a few MB;
/// a meeting's slides to a few tens).
pub const DEFAULT_MAX_ATTACHMENT_MB: u32 = 50;
/// Bounds of the setting: at least 1 MB, at most 2 GB.
pub const MAX_ATTACHMENT_MB_RANGE: std::ops::RangeInclusive<u32> = 1..=2048;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FileSettings {
    /// Attachments larger than this many megabytes are refused before they are read.
    pub max_attachment_mb: u32,
}

impl Default for FileSettings {
    fn default() -> Self {
        Self { max_attachment_mb: DEFAULT_MAX_ATTACHMENT_MB }
    }
}

impl FileSettings {
    pub fn max_attachment_bytes(&self) -> u64 {
        u64::from(self.max_attachment_mb) * 1024 * 1024
    }
}

pub fn file_settings(conn: &Db) -> Result<FileSettings> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [KEY], |r| r.get(0)).optional().sql()?;
    match value {
        None => Ok(FileSettings::default()),
        Some(json) => {
            serde_json::from_str(&json).map_err(|_| AppError::from(CorruptValue::new("setting", KEY, "value", &json)))
        }
    }
}

pub fn save_file_settings(store: &mut Store, settings: &FileSettings) -> Result<FileSettings> {
    if !MAX_ATTACHMENT_MB_RANGE.contains(&settings.max_attachment_mb) {
        return Err(AppError::validation(format!(
            "Dung lượng tối đa của tệp đính kèm phải từ {} đến {} MB.",
            MAX_ATTACHMENT_MB_RANGE.start(),
            MAX_ATTACHMENT_MB_RANGE.end()
        )));
    }
    let json = serde_json::to_string(settings).map_err(|e| AppError::storage(e.to_string()))?;
    store.write(|tx| {
        tx.execute(
            "INSERT INTO setting (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![KEY, json, now()],
        )
        .sql()?;
        Ok(())
    })?;
    Ok(*settings)
}
