use super::*;
use crate::error::ErrorCode;
use crate::error::Sql;
use crate::store::Store;
use sha2::{Digest, Sha256};

fn pdf_bytes(tag: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {tag}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n").into_bytes()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Every file under the store's folder (temporaries included).
fn files_in_store(data: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(read) = std::fs::read_dir(dir) else { return };
        for e in read {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out)
            } else {
                out.push(p)
            }
        }
    }
    let mut out = Vec::new();
    walk(&data.join(FILES_DIR), &mut out);
    out.sort();
    out
}

#[test]
fn a_file_is_kept_once_under_its_hash_and_its_name_is_not_a_path() {
    let data = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let bytes = pdf_bytes("one");
    let a = write(outside.path(), "Công văn 12.pdf", &bytes);
    let b = write(outside.path(), "CON.pdf", &bytes);
    let first = put_file(data.path(), &a, 1 << 20).unwrap();
    let second = put_file(data.path(), &b, 1 << 20).unwrap();
    let expected = format!("{:x}", Sha256::digest(&bytes));
    assert_eq!(first.sha256, expected);
    assert_eq!((first.kind, first.size, first.reused), (FileKind::Pdf, bytes.len() as u64, false));
    assert_eq!((second.sha256.as_str(), second.reused), (expected.as_str(), true));
    assert_eq!(second.original_name, "CON.pdf");
    let stored = files_in_store(data.path());
    assert_eq!(
        stored,
        vec![data.path().join(FILES_DIR).join(&expected[..2]).join(&expected)],
        "one copy, no temporaries"
    );
    assert_eq!(std::fs::read(&stored[0]).unwrap(), bytes);

    // Recorded once, whatever the number of imports.
    let mut store = Store::open_in_dir(data.path()).unwrap();
    store
        .write(|tx| {
            record_file(tx, &first)?;
            record_file(tx, &second)
        })
        .unwrap();
    let n: i64 = store.read(|c| c.query_row("SELECT count(*) FROM stored_file", [], |r| r.get(0)).sql()).unwrap();
    assert_eq!(n, 1);
}

#[test]
fn files_that_are_not_what_their_name_says_empty_or_too_big_are_refused() {
    let data = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("thu-moi.pdf", png.clone(), "nội dung của nó là tệp ảnh PNG"),
        ("bao-cao.docx", pdf_bytes("x"), "nội dung của nó là tệp PDF"),
        ("bang.xls", b"PK\x03\x04rest".to_vec(), "có đuôi của tệp Excel (XLS)"),
        ("anh.jpg", b"GIF89a......".to_vec(), "không phải loại tệp này"),
        ("rong.pdf", Vec::new(), "trống (0 byte)"),
        ("chuong-trinh.exe", b"MZ\x90\0".to_vec(), "không thuộc loại được nhận"),
    ];
    for (name, bytes, expected) in cases {
        let p = write(outside.path(), name, &bytes);
        let err = put_file(data.path(), &p, 1 << 20).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation, "{name}");
        assert!(err.message.contains(expected), "{name}: {}", err.message);
        assert!(err.message.contains(name), "names the file: {}", err.message);
    }
    let big = write(outside.path(), "lon.pdf", &pdf_bytes(&"x".repeat(2000)));
    let err = put_file(data.path(), &big, 1000).unwrap_err();
    assert!(err.message.contains("lớn hơn giới hạn"), "{}", err.message);
    // Each accepted kind with its own signature goes in.
    for (name, bytes) in [
        ("a.png", png),
        ("b.jpeg", vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2]),
        ("c.tif", b"II*\0abcd".to_vec()),
        ("d.doc", vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
        ("e.XLSX", b"PK\x03\x04xl/".to_vec()),
    ] {
        let p = write(outside.path(), name, &bytes);
        put_file(data.path(), &p, 1 << 20).unwrap_or_else(|e| panic!("{name}: {}", e.message));
    }
    assert!(
        files_in_store(data.path()).iter().all(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.')),
        "refusals leave no temporary file"
    );
    assert_eq!(files_in_store(data.path()).len(), 5);
}

#[test]
fn verify_finds_a_modified_and_a_missing_file_and_a_reimport_repairs() {
    let data = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(data.path()).unwrap();
    let mut put = Vec::new();
    for tag in ["a", "b", "c"] {
        let p = write(outside.path(), &format!("{tag}.pdf"), &pdf_bytes(tag));
        put.push(put_file(data.path(), &p, 1 << 20).unwrap());
    }
    store.write(|tx| put.iter().try_for_each(|f| record_file(tx, f))).unwrap();
    let report = store.read(|c| verify_files(c, data.path())).unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(report.checked, 3);

    // One file edited in place (one byte), one deleted.
    let damaged = stored_path(data.path(), &put[0].sha256).unwrap();
    let mut bytes = std::fs::read(&damaged).unwrap();
    bytes[10] ^= 1;
    std::fs::write(&damaged, &bytes).unwrap();
    std::fs::remove_file(stored_path(data.path(), &put[1].sha256).unwrap()).unwrap();
    let report = store.read(|c| verify_files(c, data.path())).unwrap();
    assert_eq!(report.checked, 3);
    assert_eq!(report.damaged.iter().map(|p| p.sha256.as_str()).collect::<Vec<_>>(), vec![put[0].sha256.as_str()]);
    assert_eq!(report.missing.iter().map(|p| p.sha256.as_str()).collect::<Vec<_>>(), vec![put[1].sha256.as_str()]);
    assert!(report.summary().contains("1 tệp bị mất, 1 tệp bị hỏng"), "{}", report.summary());

    // Taking the original in again puts the right bytes back.
    let again = put_file(data.path(), &outside.path().join("a.pdf"), 1 << 20).unwrap();
    assert!(!again.reused, "a damaged copy is not reused");
    let report = store.read(|c| verify_files(c, data.path())).unwrap();
    assert!(report.damaged.is_empty(), "{report:?}");
    assert_eq!(report.missing.len(), 1);
}

#[test]
fn stored_paths_come_only_from_hashes() {
    let data = Path::new("/data");
    assert!(stored_path(data, "../../etc/passwd").is_none());
    assert!(stored_path(data, &"A".repeat(64)).is_none(), "upper case is not how hashes are stored");
    assert!(stored_path(data, &format!("{}/", "a".repeat(63))).is_none());
    let h = "0f".repeat(32);
    assert_eq!(stored_path(data, &h).unwrap(), data.join("files/sha256/0f").join(&h));
}
