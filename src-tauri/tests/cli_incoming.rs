//! The incoming register from the command line: register a letter with its PDF, list it, find
//! it, print the register (read back with pdftotext), and check the stored files.

mod common;

use common::{fails, json, ok};
use std::process::Command;

fn minimal_pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

#[test]
fn register_list_print_and_verify_incoming_documents() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["example-data", "load", "--year", "2025"]);
    let letter = dir.path().join("Công văn 125 SYT.pdf");
    std::fs::write(&letter, minimal_pdf()).unwrap();

    let added = json(
        &data,
        &[
            "incoming",
            "add",
            "--sender",
            "Sở Y tế",
            "--number",
            "125/SYT-KHTC",
            "--date",
            "01/04/2025",
            "--type",
            "Công văn",
            "--subject",
            "Về triển khai hồ sơ sức khỏe điện tử",
            "--received",
            "02/04/2025",
            "--handling-agency",
            "Sở Thông tin và Truyền thông",
            "--due",
            "30/04/2025",
            "--urgency",
            "urgent",
            "--file",
            letter.to_str().unwrap(),
        ],
    );
    assert_eq!(added["incoming_number"], 1);
    assert_eq!(added["sender_name"], "Sở Y tế");
    assert_eq!(added["file"]["name"], "Công văn 125 SYT.pdf");
    assert!(added["task_id"].is_string(), "the due date made a task: {added}");
    let sha = added["file"]["sha256"].as_str().unwrap().to_string();
    let stored = data.join("files/sha256").join(&sha[..2]).join(&sha);
    assert_eq!(std::fs::read(&stored).unwrap(), minimal_pdf(), "kept under its hash");

    // The same number from the same sender: warned, not registered, unless --yes.
    let err = fails(
        &data,
        &[
            "incoming",
            "add",
            "--sender",
            "Sở Y tế",
            "--number",
            "125/SYT-KHTC",
            "--subject",
            "Lần 2",
            "--received",
            "03/04/2025",
        ],
    );
    assert!(err.contains("đã được vào sổ") && err.contains("--yes"), "{err}");
    let second = json(
        &data,
        &[
            "incoming",
            "add",
            "--sender-name",
            "UBND huyện Nghi Lộc",
            "--number",
            "7/UBND",
            "--subject",
            "Về lịch họp",
            "--received",
            "05/04/2025",
        ],
    );
    assert_eq!(second["incoming_number"], 2);

    let list = json(&data, &["incoming", "list", "--year", "2025"]);
    assert_eq!(list["total"], 2);
    assert_eq!(list["items"][0]["number_symbol"], "7/UBND", "newest first");
    let listed = ok(&data, &["incoming", "list", "--text", "suc khoe"]);
    assert!(listed.contains("125/SYT-KHTC") && !listed.contains("7/UBND"), "{listed}");
    let found = ok(&data, &["search", "ho so suc khoe dien tu", "--kind", "incoming"]);
    assert!(found.contains("Văn bản đến") && found.contains("số đến 1/2025"), "{found}");
    let shown = ok(&data, &["incoming", "show", added["id"].as_str().unwrap()]);
    assert!(shown.contains("Hạn xử lý: 30/04/2025") && shown.contains("Độ khẩn: Khẩn"), "{shown}");

    // The register, read back by an independent tool.
    let pdf = dir.path().join("so-den-2025.pdf");
    ok(&data, &["incoming", "register", "--year", "2025", "--out", pdf.to_str().unwrap()]);
    let text = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&pdf).arg("-").output().unwrap();
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
        "Năm 2025",
        "02/04/2025",
        "125/SYT-KHTC",
        "7/UBND",
        "Sở Y tế",
        "Hạn xử lý 30/04/2025",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }

    // Verify: all well, then a damaged file is reported (exit 1).
    let verified = ok(&data, &["files", "verify"]);
    assert!(verified.contains("Đã kiểm tra 1 tệp: tất cả nguyên vẹn"), "{verified}");
    std::fs::write(&stored, b"%PDF-1.4 changed").unwrap();
    let err = fails(&data, &["files", "verify"]);
    assert!(err.contains("1 tệp bị hỏng") && err.contains("Công văn 125 SYT.pdf"), "{err}");

    // A file that is not what its name says is refused, and nothing is registered.
    let fake = dir.path().join("thu.pdf");
    std::fs::write(&fake, b"PK\x03\x04 not a pdf").unwrap();
    let err =
        fails(&data, &["incoming", "add", "--sender-name", "X", "--subject", "Y", "--file", fake.to_str().unwrap()]);
    assert!(err.contains("thu.pdf") && err.contains("tệp nén (ZIP"), "{err}");
    assert_eq!(json(&data, &["incoming", "list"])["total"], 2);
}
