//! Writing files so that a crash or a full disk never leaves a half-written file in place:
//! the bytes go to a temporary file in the same folder, are flushed to the disk (fsync), and
//! only then renamed over the target. Until the rename the old file is untouched; the rename
//! itself is atomic on one file system.

use crate::error::{AppError, Result};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: temporary file in the same folder, fsync, rename,
/// fsync of the folder. On failure the old file (if any) is unchanged and the temporary file
/// is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_of(path);
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "tep".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", unique_suffix()));
    let result = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        sync_dir(&dir)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(write_error(path, &e));
    }
    Ok(())
}

/// Flushes a folder's entries (new names, renames) to the disk. A no-op where folders cannot
/// be opened (Windows), where the rename is already durable once it returns.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Copies `from` to `to` (which must not exist), hashing the bytes as they pass, and flushes
/// the copy to the disk. Returns the size and the SHA-256 (lower-case hex) of what was written.
pub fn copy_hashing(from: &Path, to: &Path) -> std::io::Result<(u64, String)> {
    let mut input = File::open(from)?;
    let mut output = std::fs::OpenOptions::new().write(true).create_new(true).open(to)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        output.write_all(&buf[..n])?;
        size += n as u64;
    }
    output.sync_all()?;
    Ok((size, format!("{:x}", hasher.finalize())))
}

/// Size and SHA-256 (lower-case hex) of a file, read in chunks.
pub fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    let mut input = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok((size, format!("{:x}", hasher.finalize())))
}

/// True when the error means the disk (or the user's quota / file size limit) is full.
pub fn is_disk_full(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::FileTooLarge | std::io::ErrorKind::QuotaExceeded
    )
}

fn write_error(path: &Path, e: &std::io::Error) -> AppError {
    if is_disk_full(e) {
        AppError::storage(format!(
            "Không ghi được tệp {}: ổ đĩa đã đầy. Tệp cũ (nếu có) vẫn giữ nguyên. Hãy giải phóng chỗ trống rồi thử lại.",
            path.display()
        ))
    } else {
        AppError::storage(format!(
            "Không ghi được tệp {}. Tệp cũ (nếu có) vẫn giữ nguyên. Chi tiết kỹ thuật: {e}",
            path.display()
        ))
    }
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A suffix that differs between processes and between calls within one process.
pub(crate) fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{}-{nanos}-{n}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"old").unwrap();
        // The target is now a non-empty folder: the rename fails after the bytes were written.
        let blocked = dir.path().join("b");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("x"), b"x").unwrap();
        let err = write_atomic(&blocked, b"new").unwrap_err();
        assert!(err.message.starts_with("Không ghi được tệp"), "{}", err.message);
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary file is left behind: {names:?}");
    }

    #[test]
    fn copy_hashing_matches_an_independent_hash() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("in");
        let bytes: Vec<u8> = (0..700_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&from, &bytes).unwrap();
        let (size, sha) = copy_hashing(&from, &dir.path().join("out")).unwrap();
        assert_eq!(size, bytes.len() as u64);
        assert_eq!(sha, format!("{:x}", Sha256::digest(&bytes)));
        assert_eq!(hash_file(&dir.path().join("out")).unwrap(), (size, sha));
        assert!(copy_hashing(&from, &dir.path().join("out")).is_err(), "never overwrites");
    }
}
