//! `settings`: what the window's Cài đặt page shows and changes, for IT staff and scripts.
//! Every change goes through the same core functions (and checks, and messages) as the window.

use crate::output;
use clap::Subcommand;
use secretariat_core::backup::{self, BackupSettings};
use secretariat_core::followup::{followup_settings, save_followup_settings, FollowupSettings};
use secretariat_core::settings::{self as core_settings, DocumentSettings, FileSettings};
use secretariat_core::signing::store::{self as signing_store, TrustAnchor};
use secretariat_core::store::fsutil;
use secretariat_core::{AppError, Store};
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum SettingsAction {
    /// Every setting (documents, files, follow-up, backups).
    Show,
    /// Replace the document settings (issuing bodies, numbering, margins) with a JSON file in
    /// the form `settings show --json` prints under "documents".
    Documents { file: PathBuf },
    /// Attachments larger than this many megabytes are refused.
    MaxAttachmentMb { megabytes: u32 },
    /// A task not done and due within this many days is "sắp đến hạn".
    DueSoonDays { days: u32 },
    /// The trust anchors signatures are verified against (`document trust-import` adds them).
    TrustAnchors,
    /// Remove a trust anchor (its id from `settings trust-anchors`).
    TrustRemove { id: String },
}

fn anchors_text(list: &[TrustAnchor]) -> String {
    if list.is_empty() {
        return "Chưa có chứng thư gốc tin cậy.".into();
    }
    list.iter().map(|a| format!("{}\thết hạn {}\t{}", a.name, a.not_after, a.id)).collect::<Vec<_>>().join("\n")
}

#[derive(Serialize)]
struct AllSettings {
    documents: DocumentSettings,
    files: FileSettings,
    followup: FollowupSettings,
    backups: BackupSettings,
}

const MAX_JSON_BYTES: u64 = 1024 * 1024;

fn read_json<T: serde::de::DeserializeOwned>(file: &Path) -> Result<T, AppError> {
    let (input, _) = fsutil::open_regular_file(file, MAX_JSON_BYTES)?;
    let mut text = String::new();
    input
        .take(MAX_JSON_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| AppError::validation(format!("Không đọc được tệp {}: {e}", file.display())))?;
    serde_json::from_str(&text)
        .map_err(|e| AppError::validation(format!("Tệp {} không đúng mẫu cài đặt (JSON): {e}", file.display())))
}

pub fn settings(store: &mut Store, action: SettingsAction, json: bool) -> Result<String, AppError> {
    match action {
        SettingsAction::Show => {
            let all = store.read(|c| {
                Ok(AllSettings {
                    documents: core_settings::document_settings(c)?,
                    files: core_settings::file_settings(c)?,
                    followup: followup_settings(c)?,
                    backups: backup::backup_settings(c)?,
                })
            })?;
            output(json, &all, |a| {
                let mut lines = vec!["Cơ quan ban hành:".to_string()];
                for auth in &a.documents.authorities {
                    lines.push(format!("  {} ({})", auth.name, auth.symbol));
                }
                lines.push(format!("Tệp đính kèm tối đa: {} MB", a.files.max_attachment_mb));
                lines.push(format!("Sắp đến hạn: trong {} ngày", a.followup.due_soon_days));
                lines.join("\n")
            })
        }
        SettingsAction::Documents { file } => {
            let saved = core_settings::save_document_settings(store, &read_json(&file)?)?;
            output(json, &saved, |_| "Đã lưu cài đặt văn bản.".into())
        }
        SettingsAction::MaxAttachmentMb { megabytes } => {
            let saved = core_settings::save_file_settings(store, &FileSettings { max_attachment_mb: megabytes })?;
            output(json, &saved, |s| format!("Tệp đính kèm tối đa: {} MB.", s.max_attachment_mb))
        }
        SettingsAction::DueSoonDays { days } => {
            let saved = save_followup_settings(store, &FollowupSettings { due_soon_days: days })?;
            output(json, &saved, |s| format!("Nhiệm vụ sắp đến hạn: trong {} ngày.", s.due_soon_days))
        }
        SettingsAction::TrustAnchors => {
            let list = store.read(signing_store::trust_anchors)?;
            output(json, &list, |l| anchors_text(l))
        }
        SettingsAction::TrustRemove { id } => {
            let list = signing_store::remove_trust_anchor(store, &id)?;
            output(json, &list, |l| anchors_text(l))
        }
    }
}
