//! Files attached to progress reports, copied into the data folder the way agenda files are:
//! only a regular file within the settings' limit, streamed into a temporary name while its
//! SHA-256 is computed, then renamed; the stored name is `<id>-<safe name>`.

use super::store::StoredFile;
use crate::error::{AppError, Result};
use crate::store::fsutil::{copy_hashing_from, is_disk_full, open_regular_file, safe_file_name, sync_dir, too_large};
use crate::store::new_id;
use std::io::Read;
use std::path::Path;

fn copy_error(name: &str, e: &std::io::Error) -> AppError {
    if is_disk_full(e) {
        AppError::storage(format!(
            "Không chép được tệp \"{name}\" vào thư mục dữ liệu: ổ đĩa đã đầy. Hãy giải phóng chỗ trống rồi thử lại."
        ))
    } else {
        AppError::storage(format!("Không chép được tệp \"{name}\" vào thư mục dữ liệu: {e}"))
    }
}

/// Copies `source` into `data_dir/<folder>/`; returns where it went (relative to `data_dir`).
pub(crate) fn copy_in(data_dir: &Path, folder: &str, source: &Path, limit: u64) -> Result<StoredFile> {
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .ok_or_else(|| AppError::validation("Hãy chọn một tệp."))?;
    let (input, _) = open_regular_file(source, limit)?;
    let id = new_id();
    let relative = format!("{folder}/{id}-{}", safe_file_name(&name, "tep-dinh-kem"));
    let target = data_dir.join(&relative);
    let dir = target.parent().map(Path::to_path_buf).unwrap_or_else(|| data_dir.to_path_buf());
    std::fs::create_dir_all(&dir).map_err(|e| copy_error(&name, &e))?;
    let partial = dir.join(format!(".{id}.tmp"));
    let copied = copy_hashing_from(input.take(limit + 1), &partial)
        .map_err(|e| copy_error(&name, &e))
        .and_then(|(size, sha)| if size > limit { Err(too_large(source, limit)) } else { Ok((size, sha)) })
        .and_then(|done| {
            std::fs::rename(&partial, &target).map_err(|e| copy_error(&name, &e))?;
            let _ = sync_dir(&dir);
            Ok(done)
        });
    match copied {
        Ok((size, sha256)) => Ok(StoredFile { name, relative, size, sha256 }),
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}
