//! The Word and Excel commands, end to end through the command line.

use std::path::Path;
use std::process::Command;

fn cli(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_secretariat-cli")).arg("--data-dir").arg(dir).args(args).output().unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = cli(dir, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn word_and_excel_round_trips_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["example-data", "load"]);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/thong-bao.json");
    let id = ok(dir, &["document", "import", example.to_str().unwrap()]).trim().to_string();
    let before = ok(dir, &["--json", "document", "show", &id]);

    // Export as Word, bring it back: the body is unchanged.
    let docx = dir.join("thong-bao.docx");
    ok(dir, &["document", "export-docx", &id, "--out", docx.to_str().unwrap()]);
    assert_eq!(&std::fs::read(&docx).unwrap()[..2], b"PK");
    let said = ok(dir, &["document", "import-docx", &id, docx.to_str().unwrap()]);
    assert!(said.starts_with("Đã nhập "), "{said}");
    let after = ok(dir, &["--json", "document", "show", &id]);
    let body = |json: &str| serde_json::from_str::<serde_json::Value>(json).unwrap()["content"]["body"].clone();
    assert_eq!(body(&after), body(&before));

    // A file that is not Word is refused with a Vietnamese message, and nothing changes.
    let bad = cli(dir, &["document", "import-docx", &id, example.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("không phải tệp Word"));

    // The roster as a spreadsheet, then people imported from a spreadsheet (preview first).
    let xlsx = dir.join("roster.xlsx");
    ok(dir, &["roster", "export-xlsx", "--as-of", "05/09/2024", "--out", xlsx.to_str().unwrap()]);
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..2], b"PK");
    // Every roster row is somebody already recorded (or a vacant seat): nothing is valid to add.
    let preview = ok(dir, &["person", "import-xlsx", xlsx.to_str().unwrap(), "--preview"]);
    assert!(preview.contains("đã có trong danh sách"), "{preview}");
    let reg = dir.join("register.xlsx");
    ok(dir, &["register", "export-xlsx", "--year", "2024", "--out", reg.to_str().unwrap()]);
    assert!(reg.exists());
}
