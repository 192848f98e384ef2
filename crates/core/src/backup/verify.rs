//! Checking a backup again, as it is on its medium: the manifest, every file's size and
//! SHA-256, the database's `integrity_check`, application id and schema version.

use super::create::{attached_files, integrity_problems, open_backup_db};
use super::*;
use crate::error::Sql;
use crate::store::fsutil::hash_file;
use crate::store::{APPLICATION_ID, DB_FILE, SCHEMA_VERSION};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct VerifyReport {
    pub path: String,
    /// The backup as its manifest describes it (when the manifest could be read).
    pub entry: Option<BackupEntry>,
    /// Files whose size and SHA-256 were checked.
    pub files_checked: u32,
    /// Anything that makes the backup unusable. Empty: the backup is good.
    pub problems: Vec<String>,
    /// What was already reported when the backup was made (a file missing then), which
    /// does not stop a restore.
    pub warnings: Vec<String>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems as one Vietnamese sentence, for an error.
    pub fn summary(&self) -> String {
        format!("Bản sao lưu {} không dùng được: {}", self.path, self.problems.join("; "))
    }
}

/// Checks the backup in `dir`. Never changes a byte of it.
pub fn verify_backup(dir: &Path) -> VerifyReport {
    let mut report = VerifyReport {
        path: dir.display().to_string(),
        entry: None,
        files_checked: 0,
        problems: Vec::new(),
        warnings: Vec::new(),
    };
    let name = dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    if name.starts_with(TMP_PREFIX) {
        report.problems.push("đây là một bản sao lưu chưa hoàn tất (bị dừng giữa chừng)".into());
        return report;
    }
    let manifest = match read_manifest(dir) {
        Ok(m) => m,
        Err(e) => {
            report.problems.push(e.message);
            return report;
        }
    };
    report.entry = Some(BackupEntry::from_manifest(dir, &manifest));
    report.warnings.extend(manifest.problems.iter().cloned());
    if manifest.format != FORMAT {
        report.problems.push(format!("định dạng bản sao lưu {} không được hỗ trợ", manifest.format));
        return report;
    }
    let mut listed = BTreeSet::new();
    for f in &manifest.files {
        listed.insert(f.path.clone());
        let Some(relative) = safe_relative(&f.path) else {
            report.problems.push(format!("đường dẫn không hợp lệ trong {MANIFEST}: {}", f.path));
            continue;
        };
        match hash_file(&dir.join(relative)) {
            Ok((size, sha)) => {
                report.files_checked += 1;
                if size != f.size || !sha.eq_ignore_ascii_case(&f.sha256) {
                    report.problems.push(format!("tệp {} đã bị thay đổi (mã SHA-256 không khớp)", f.path));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                report.problems.push(format!("thiếu tệp {}", f.path));
            }
            Err(e) => report.problems.push(format!("không đọc được tệp {}: {e}", f.path)),
        }
    }
    if !listed.contains(DB_FILE) {
        report.problems.push(format!("{MANIFEST} không liệt kê cơ sở dữ liệu {DB_FILE}"));
        return report;
    }
    for extra in ["-wal", "-journal"] {
        if dir.join(format!("{DB_FILE}{extra}")).exists() {
            report.problems.push(format!(
                "có tệp {DB_FILE}{extra} bên cạnh cơ sở dữ liệu: bản sao lưu đã bị một chương trình khác mở để ghi"
            ));
        }
    }
    if !report.problems.is_empty() {
        return report;
    }
    if let Err(e) = check_database(dir, &manifest, &listed, &mut report) {
        report.problems.push(format!("không đọc được cơ sở dữ liệu trong bản sao lưu ({})", e.message));
    }
    report
}

fn check_database(dir: &Path, manifest: &Manifest, listed: &BTreeSet<String>, report: &mut VerifyReport) -> Result<()> {
    let conn = open_backup_db(&dir.join(DB_FILE))?;
    let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).sql()?;
    if id != APPLICATION_ID {
        report.problems.push("cơ sở dữ liệu không phải của Thư ký Tổ Công tác".into());
        return Ok(());
    }
    let problems = integrity_problems(&conn)?;
    if !problems.is_empty() {
        report.problems.push(format!("cơ sở dữ liệu có lỗi toàn vẹn: {}", problems.join("; ")));
        return Ok(());
    }
    let version = crate::store::migrations::user_version(&conn)?;
    if version != manifest.schema_version {
        report.problems.push(format!(
            "phiên bản lược đồ trong cơ sở dữ liệu ({version}) khác với {MANIFEST} ({})",
            manifest.schema_version
        ));
    }
    if version > SCHEMA_VERSION {
        report.problems.push(format!(
            "bản sao lưu được tạo bởi phiên bản mới hơn của ứng dụng (lược đồ {version}, phiên bản này chỉ hiểu đến {SCHEMA_VERSION}); hãy cài phiên bản mới nhất"
        ));
    }
    for (stored_path, _) in attached_files(&conn)? {
        if manifest.kind != BackupKind::PreMigration
            && !listed.contains(&stored_path)
            && !manifest.problems.iter().any(|p| p.contains(&stored_path))
        {
            report.problems.push(format!("tệp đính kèm {stored_path} có trong hồ sơ nhưng không có trong bản sao lưu"));
        }
    }
    Ok(())
}
