//! The file store from the command line: an issued PDF kept as a file, `files verify`, and
//! `files extract` reading an attached Word file's text for search.

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
fn an_attached_word_file_is_read_by_files_extract_and_found_by_search() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    ok(&dir, &["example-data", "load"]);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/thong-bao.json");
    let id = ok(&dir, &["document", "import", example.to_str().unwrap()]).trim().to_string();
    // A Word file made from the example: its body words are in no record of the register.
    let docx = tmp.path().join("Thông báo kết luận.docx");
    ok(&dir, &["document", "export-docx", &id, "--out", docx.to_str().unwrap()]);
    let body: serde_json::Value = serde_json::from_str(&ok(&dir, &["--json", "document", "show", &id])).unwrap();
    let para = body["content"]["body"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|b| b["runs"].as_array().map(|r| r.iter().map(|x| x["text"].as_str().unwrap()).collect::<String>()))
        .unwrap();
    // Three words of its first paragraph, typed without diacritics.
    let words: Vec<&str> = para.split_whitespace().take(4).collect();
    let query = secretariat_core::text::fold(&words.join(" "));

    let before = ok(&dir, &["search", &query, "--kind", "incoming"]);
    assert!(before.starts_with("Không tìm thấy"), "{before}");
    ok(
        &dir,
        &[
            "incoming",
            "add",
            "--sender-name",
            "Sở Y tế",
            "--subject",
            "Về việc lấy ý kiến",
            "--file",
            docx.to_str().unwrap(),
        ],
    );
    let out = cli(&dir, &["files", "extract"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Đang đọc nội dung tệp: 0/1"));
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.starts_with("Đã đọc nội dung 1 tệp;"), "{said}");
    let found = ok(&dir, &["search", &query, "--kind", "incoming"]);
    assert!(found.contains("Về việc lấy ý kiến"), "{query}: {found}");
    assert!(ok(&dir, &["files", "verify"]).contains("tất cả nguyên vẹn"));
}
