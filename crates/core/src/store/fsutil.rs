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
    copy_hashing_from(File::open(from)?, to)
}

/// [`copy_hashing`] from an already opened reader (e.g. a file opened by
/// [`open_regular_file`], wrapped in `Read::take` to enforce a size limit while copying).
pub fn copy_hashing_from(input: impl Read, to: &Path) -> std::io::Result<(u64, String)> {
    let mut output = std::fs::OpenOptions::new().write(true).create_new(true).open(to)?;
    let done = hash_through(input, &mut output)?;
    output.sync_all()?;
    Ok(done)
}

/// Streams `input` into `output` in chunks; size and SHA-256 (lower-case hex) of what passed.
fn hash_through(mut input: impl Read, mut output: impl Write) -> std::io::Result<(u64, String)> {
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
    Ok((size, format!("{:x}", hasher.finalize())))
}

/// Size and SHA-256 (lower-case hex) of a file, read in chunks.
pub fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    hash_through(File::open(path)?, std::io::sink())
}

/// True when the error means the disk (or the user's quota / file size limit) is full.
pub fn is_disk_full(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::FileTooLarge | std::io::ErrorKind::QuotaExceeded
    )
}

/// Opens a file the user chose for reading, refusing at once (before any byte is read)
/// anything that is not a regular file (a folder, a device such as `/dev/zero`, a FIFO, which
/// would block for ever) and any file larger than `limit` bytes. On Unix the file is opened
/// with `O_NONBLOCK`, so that a FIFO swapped in after the check cannot block either; the
/// opened handle is checked again. Returns the handle and the file's size. Callers still read
/// through `Read::take(limit + 1)`: a file may grow after the check.
pub fn open_regular_file(path: &Path, limit: u64) -> Result<(File, u64)> {
    let meta = std::fs::metadata(path).map_err(|e| read_error(path, &e))?;
    check_regular(path, &meta, limit)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| read_error(path, &e))?;
    let meta = file.metadata().map_err(|e| read_error(path, &e))?;
    check_regular(path, &meta, limit)?;
    Ok((file, meta.len()))
}

/// The refusal for a file that grew past `limit` while it was being read.
pub fn too_large(path: &Path, limit: u64) -> AppError {
    AppError::validation(format!(
        "Tệp {} lớn hơn giới hạn {}; không đọc tệp này. Hãy chọn tệp nhỏ hơn.",
        path.display(),
        format_size(limit)
    ))
}

fn check_regular(path: &Path, meta: &std::fs::Metadata, limit: u64) -> Result<()> {
    if meta.is_dir() {
        return Err(AppError::validation(format!(
            "{} là một thư mục, không phải một tệp. Hãy chọn một tệp.",
            path.display()
        )));
    }
    if !meta.is_file() {
        return Err(AppError::validation(format!(
            "{} không phải là một tệp thông thường (đó là thiết bị hoặc đường ống của hệ thống); không đọc tệp này. Hãy chọn một tệp.",
            path.display()
        )));
    }
    if meta.len() > limit {
        return Err(AppError::validation(format!(
            "Tệp {} có dung lượng {}, lớn hơn giới hạn {}; không đọc tệp này. Hãy chọn tệp nhỏ hơn.",
            path.display(),
            format_size(meta.len()),
            format_size(limit)
        )));
    }
    Ok(())
}

fn read_error(path: &Path, e: &std::io::Error) -> AppError {
    if e.kind() == std::io::ErrorKind::NotFound {
        return AppError::validation(format!("Không tìm thấy tệp {}.", path.display()));
    }
    AppError::validation(format!("Không đọc được tệp {}: {e}", path.display()))
}

/// A size as a secretary reads it: "50 MB", "23,8 GB", "512 KB" (decimal comma).
pub fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} byte");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let text = if value.fract() < 0.05 || value >= 100.0 { format!("{value:.0}") } else { format!("{value:.1}") };
    format!("{} {}", text.replace('.', ","), UNITS[unit])
}

/// At most this many characters in a name made by [`safe_file_name`] (a name people read).
pub const MAX_FILE_NAME_CHARS: usize = 120;
/// At most this many bytes (UTF-8) in a name made by [`safe_file_name`]: Linux file systems
/// take 255 bytes per name and a Vietnamese letter takes up to 3, and [`write_atomic`] needs
/// room for its temporary name (`.<name>.<suffix>.tmp`) next to the target.
pub const MAX_FILE_NAME_BYTES: usize = 180;

/// Makes a name usable as one file name on Windows, macOS and Linux: path separators and
/// `:*?"<>|` and control characters become `-`, invisible direction marks (which can make
/// "x\u{202E}fdp.exe" read as "xexe.pdf") are dropped, leading dots, dashes and spaces and trailing
/// dots and spaces are trimmed (no hidden file, no `..`, nothing Windows would strip),
/// Windows' reserved device names (CON, PRN, AUX, NUL, COM0–9, LPT0–9, with any extension
/// and with spaces before it) get a leading `_`, and the name is cut to
/// [`MAX_FILE_NAME_CHARS`] characters and [`MAX_FILE_NAME_BYTES`] bytes, keeping a short
/// extension. `fallback` (itself a safe name) when nothing is left.
pub fn safe_file_name(name: &str, fallback: &str) -> String {
    let replaced: String =
        name.chars()
            .filter(|c| !is_direction_mark(*c))
            .map(|c| {
                if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    '-'
                } else {
                    c
                }
            })
            .collect();
    let trimmed = trim_name(&replaced);
    let mut out = trim_name(&truncate_keeping_extension(trimmed, MAX_FILE_NAME_CHARS, MAX_FILE_NAME_BYTES)).to_string();
    if out.is_empty() {
        out = fallback.to_string();
    }
    if is_reserved_on_windows(&out) {
        out.insert(0, '_');
    }
    out
}

fn trim_name(name: &str) -> &str {
    name.trim_start_matches(['.', '-', ' ']).trim_end_matches(['.', ' '])
}

/// Bidirectional marks and overrides: invisible, and able to make a name read backwards.
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Windows' device names, which no file may be called, whatever its extension: the part
/// before the first dot, trailing spaces ignored, compared without case.
pub fn is_reserved_on_windows(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default().trim_end_matches(' ').to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.chars().count() == 4
            && stem.chars().nth(3).is_some_and(|c| c.is_ascii_digit() || matches!(c, '¹' | '²' | '³')))
}

fn truncate_keeping_extension(name: &str, max_chars: usize, max_bytes: usize) -> String {
    if name.chars().count() <= max_chars && name.len() <= max_bytes {
        return name.to_string();
    }
    let ext = match name.rfind('.') {
        Some(i) if name.len() - i <= 10 && i > 0 => &name[i..],
        _ => "",
    };
    let (keep_chars, keep_bytes) = (max_chars - ext.chars().count(), max_bytes - ext.len());
    let mut stem = String::new();
    for (count, c) in name.chars().enumerate() {
        if count >= keep_chars || stem.len() + c.len_utf8() > keep_bytes {
            break;
        }
        stem.push(c);
    }
    format!("{}{ext}", stem.trim_end_matches(['.', ' ']))
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

    #[test]
    fn safe_file_names_for_every_system() {
        let cases = [
            ("01/TB-TCT.pdf", "01-TB-TCT.pdf"),
            ("../../x.pdf", "x.pdf"),
            ("..\\..\\Windows\\x.pdf", "Windows-x.pdf"),
            ("CON.pdf", "_CON.pdf"),
            ("nul", "_nul"),
            ("com1.tar.gz", "_com1.tar.gz"),
            ("LPT9", "_LPT9"),
            ("COM10.pdf", "COM10.pdf"),
            ("console.pdf", "console.pdf"),
            ("  Báo cáo: quý III?  ", "Báo cáo- quý III-"),
            ("a<b>c|d*e\"f\u{7}g", "a-b-c-d-e-f-g"),
            ("tên. ", "tên"),
            (".bashrc", "bashrc"),
            ("..", "tep"),
            ("", "tep"),
            ("/", "tep"),
        ];
        for (name, expected) in cases {
            assert_eq!(safe_file_name(name, "tep"), expected, "{name:?}");
        }
        let long = format!("{}.pdf", "a".repeat(300));
        let cut = safe_file_name(&long, "tep");
        assert_eq!(cut.chars().count(), MAX_FILE_NAME_CHARS, "ASCII: cut at the character limit");
        assert!(cut.ends_with("a.pdf"), "{cut}");
        let long = format!("{}.pdf", "ă".repeat(300));
        let cut = safe_file_name(&long, "tep");
        assert_eq!(cut.len(), MAX_FILE_NAME_BYTES, "two bytes a letter: cut at the byte limit");
        assert!(cut.ends_with("ă.pdf"), "{cut}");
    }

    #[test]
    fn safe_file_names_on_windows() {
        let cases = [
            ("CON .pdf", "_CON .pdf"),
            ("aux.txt.pdf", "_aux.txt.pdf"),
            ("Prn", "_Prn"),
            ("COM0", "_COM0"),
            ("lpt¹.pdf", "_lpt¹.pdf"),
            ("CONOUT$", "_CONOUT$"),
            ("NUL:", "NUL-"),
            ("COM", "COM"),
            ("CONSOLE", "CONSOLE"),
            ("Thông báo số 12/TB-TCT ngày 08.01.2025.", "Thông báo số 12-TB-TCT ngày 08.01.2025"),
            ("tên \u{202E}fdp.exe", "tên fdp.exe"),
            ("C:\\Users\\a.pdf", "C--Users-a.pdf"),
            ("a\tb\nc\u{7f}d\u{85}e", "a-b-c-d-e"),
            ("...", "tep"),
            (" . ", "tep"),
        ];
        for (name, expected) in cases {
            assert_eq!(safe_file_name(name, "tep"), expected, "{name:?}");
        }
    }

    /// Whatever goes in, what comes out obeys Windows' rules and Linux's byte limit, and a
    /// file of that name can really be written here (through `write_atomic`, whose temporary
    /// name is longer still).
    #[test]
    fn safe_file_names_can_be_created_on_linux() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = [
            format!("{}.pdf", "ệ".repeat(300)),
            format!("Báo cáo {}", "Nghệ An ".repeat(60)),
            format!("{}.docx", "ẫ".repeat(59)),
            "x".repeat(400),
            "con.pdf".to_string(),
            "a/b\\c:d*e?f\"g<h>i|j".to_string(),
            "bình thường.pdf".to_string(),
            "\u{1}\u{1f}.".to_string(),
        ];
        for input in &inputs {
            let name = safe_file_name(input, "tep");
            assert!(!name.is_empty());
            assert!(name.chars().count() <= MAX_FILE_NAME_CHARS + 1, "{name}");
            assert!(name.len() <= MAX_FILE_NAME_BYTES + 1, "{} bytes: {name}", name.len());
            assert!(!name.chars().any(|c| c.is_control() || "/\\:*?\"<>|".contains(c)), "{name}");
            assert!(!name.ends_with(['.', ' ']) && !name.starts_with(['.', ' ']), "{name:?}");
            assert!(!is_reserved_on_windows(&name), "{name}");
            let path = dir.path().join(&name);
            write_atomic(&path, b"x").unwrap_or_else(|e| panic!("{name}: {}", e.message));
            assert_eq!(std::fs::read(&path).unwrap(), b"x", "{name}");
        }
        let long = safe_file_name(&inputs[0], "tep");
        assert!(long.ends_with("ệ.pdf"), "the extension is kept: {long}");
        assert!(long.len() > MAX_FILE_NAME_BYTES - 3, "cut at the byte limit, not far before it");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), inputs.len(), "every name is a distinct file");
    }

    #[test]
    fn sizes_read_like_a_secretary_writes_them() {
        assert_eq!(format_size(50 * 1024 * 1024), "50 MB");
        assert_eq!(format_size(10 * 1024 * 1024), "10 MB");
        assert_eq!(format_size(25_555_000_000), "23,8 GB");
        assert_eq!(format_size(1536), "1,5 KB");
        assert_eq!(format_size(12), "12 byte");
    }

    #[test]
    fn only_regular_files_within_the_limit_are_opened() {
        let dir = tempfile::tempdir().unwrap();
        let normal = dir.path().join("a.pdf");
        std::fs::write(&normal, b"%PDF-1.7").unwrap();
        let (mut f, size) = open_regular_file(&normal, 8).unwrap();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        assert_eq!((size, text.as_str()), (8, "%PDF-1.7"));

        let err = open_regular_file(&normal, 7).unwrap_err();
        assert!(err.message.contains("lớn hơn giới hạn 7 byte"), "{}", err.message);
        assert!(err.message.contains(&normal.display().to_string()), "names the file: {}", err.message);

        let err = open_regular_file(dir.path(), 1 << 20).unwrap_err();
        assert!(err.message.contains("là một thư mục"), "{}", err.message);

        let err = open_regular_file(&dir.path().join("khong-co.pdf"), 1 << 20).unwrap_err();
        assert!(err.message.starts_with("Không tìm thấy tệp"), "{}", err.message);
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("ong.pdf");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let link = dir.path().join("lien-ket.pdf");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        let started = std::time::Instant::now();
        for path in [fifo.as_path(), link.as_path(), Path::new("/dev/zero")] {
            let err = open_regular_file(path, u64::MAX).unwrap_err();
            assert!(err.message.contains("không phải là một tệp thông thường"), "{}", err.message);
            assert!(err.message.contains(&path.display().to_string()), "{}", err.message);
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}
