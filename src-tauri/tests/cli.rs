//! The command-line face, run as a user or a script would: the real binary, a temporary data
//! folder, exit codes and what it prints.

mod common;
use common::{fails, json, ok, run};

use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[test]
fn example_data_roster_and_search() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let loaded = ok(dir, &["example-data", "load"]);
    assert!(loaded.contains("Quyết định số 1321/QĐ-BCĐCĐS ngày 15/05/2024"), "{loaded}");
    assert!(loaded.contains("13 cơ quan, 1 người, 2 tổ chức, 17 vị trí"), "{loaded}");

    let roster = json(dir, &["roster", "list", "--as-of", "2024-09-05"]);
    assert_eq!(roster["total"], 17);
    assert_eq!(roster["vacant"], 16);
    assert_eq!(roster["groups"][0]["entries"][0]["person_name"], "Ông Võ Trọng Phú");
    assert_eq!(roster["groups"][2]["entries"][3]["agency_name"], "Sở Y tế");

    let text = ok(dir, &["roster", "list", "--as-of", "05/09/2024"]);
    assert!(
        text.starts_with("Tổ Công tác giúp việc Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An — danh sách ngày 05/09/2024"),
        "{text}"
    );
    assert!(text.contains("1. Ông Võ Trọng Phú — Phó Giám đốc Sở Thông tin và Truyền thông"), "{text}");
    assert!(text.contains("(chưa cử người) — Lãnh đạo Sở Y tế"), "{text}");

    let hits = json(dir, &["search", "vo trong phu"]);
    assert_eq!(hits[0]["title"], "Võ Trọng Phú");
    assert_eq!(hits[0]["kind"], "person");
    let hits = json(dir, &["search", "so y te"]);
    assert_eq!(hits[0]["title"], "Sở Y tế");
    let none = ok(dir, &["search", "khong ai"]);
    assert!(none.contains("Không tìm thấy"));

    // Loading twice is refused and changes nothing.
    let err = fails(dir, &["example-data", "load"]);
    assert!(err.contains("đã có dữ liệu"), "{err}");
    assert_eq!(json(dir, &["db", "info"])["memberships"], 17);
}

#[test]
fn people_and_memberships_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["example-data", "load"]);
    let added = json(
        dir,
        &[
            "person",
            "add",
            "--name",
            "  Nguyễn   Thị Thu ",
            "--honorific",
            "ba",
            "--post",
            "Phó Giám đốc",
            "--agency",
            "SYT",
        ],
    );
    assert_eq!(added["full_name"], "Nguyễn Thị Thu");
    assert_eq!(added["agency_name"], "Sở Y tế");

    let m = json(
        dir,
        &[
            "membership",
            "add",
            "--role",
            "deputy_leader",
            "--person",
            "nguyen thi thu",
            "--from",
            "01/06/2024",
            "--decision",
            "30/QĐ-BCĐCĐS",
        ],
    );
    let id = m["id"].as_str().unwrap().to_string();
    let roster = json(dir, &["roster", "list", "--as-of", "2024-06-01"]);
    // A new seat goes last in its role group, after the four deputy seats of decision 1321.
    assert_eq!(roster["groups"][1]["entries"][4]["person_name"], "Bà Nguyễn Thị Thu");

    let err = fails(dir, &["membership", "end", &id, "--on", "01/01/2024"]);
    assert!(err.contains("Ngày thôi tham gia (01/01/2024) phải sau ngày bắt đầu (01/06/2024)."), "{err}");
    ok(dir, &["membership", "end", &id, "--on", "01/10/2024", "--reason", "Nghỉ hưu"]);
    let later = json(dir, &["roster", "list", "--as-of", "2024-10-01"]);
    assert_eq!(later["groups"][1]["entries"].as_array().unwrap().len(), 4);
    let history = ok(dir, &["person", "history", "Nguyễn Thị Thu"]);
    assert!(history.contains("Tổ phó (Phó Giám đốc Sở Y tế) từ 01/06/2024 đến 01/10/2024"), "{history}");

    let err =
        fails(dir, &["membership", "add", "--role", "member", "--person", "Võ Trọng Phú", "--from", "01/07/2024"]);
    assert!(err.contains("Một người không thể giữ hai vị trí cùng lúc"), "{err}");
}

#[test]
fn naming_to_a_seat_and_protocol_order_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["example-data", "load"]);
    let roster = json(dir, &["roster", "list", "--as-of", "2024-09-05"]);
    let syt = roster["groups"][2]["entries"][3]["membership_id"].as_str().unwrap().to_string();
    ok(
        dir,
        &["person", "add", "--name", "Trần Thị Ánh", "--honorific", "ba", "--post", "Phó Giám đốc", "--agency", "SYT"],
    );

    // Naming without the naming decision is refused; nothing changes.
    let err = fails(dir, &["membership", "replace", &syt, "--person", "Trần Thị Ánh", "--on", "15/05/2024"]);
    assert!(err.contains("Hãy nhập số và ngày của quyết định cử người vào vị trí này."), "{err}");
    assert_eq!(json(dir, &["db", "info"])["memberships"], 17);
    let named = json(
        dir,
        &[
            "membership",
            "replace",
            &syt,
            "--person",
            "Trần Thị Ánh",
            "--on",
            "03/06/2024",
            "--decision",
            "25/QĐ-BCĐCĐS",
            "--decision-date",
            "01/06/2024",
        ],
    );
    assert_eq!(named["decision_number"], "25/QĐ-BCĐCĐS");
    assert_eq!(named["replaces_id"], syt.as_str());
    let named_id = named["id"].as_str().unwrap().to_string();
    // Re-replacing the old seat is refused.
    let err = fails(
        dir,
        &[
            "membership",
            "replace",
            &syt,
            "--agency",
            "SYT",
            "--on",
            "02/06/2024",
            "--decision",
            "26/QĐ",
            "--decision-date",
            "01/06/2024",
        ],
    );
    assert!(err.contains("Vị trí này đã được thay bằng Bà Trần Thị Ánh từ ngày 03/06/2024"), "{err}");

    // Move her seat up one place: the group is printed in its new order.
    let text = ok(dir, &["membership", "move", &named_id, "--up", "--as-of", "05/09/2024"]);
    assert!(text.starts_with("Đã đổi thứ tự. Tổ viên — ngày 05/09/2024:"), "{text}");
    assert!(text.contains("\n  3. Bà Trần Thị Ánh — Phó Giám đốc Sở Y tế"), "{text}");
    assert!(text.contains("\n  4. (chưa cử người) — Lãnh đạo Sở Xây dựng"), "{text}");
    let view = json(dir, &["membership", "move", &named_id, "--down", "--as-of", "2024-09-05"]);
    assert_eq!(view["groups"][2]["entries"][3]["person_name"], "Bà Trần Thị Ánh");
    assert_eq!(view["groups"][2]["entries"][3]["seat_order"], 9);
    let first = view["groups"][2]["entries"][0]["membership_id"].as_str().unwrap().to_string();
    let err = fails(dir, &["membership", "move", &first, "--up", "--as-of", "05/09/2024"]);
    assert!(err.contains("Vị trí này đã ở đầu nhóm Tổ viên."), "{err}");
    // One direction, and only one.
    assert_eq!(run(dir, &["membership", "move", &first]).status.code(), Some(2));
    assert_eq!(run(dir, &["membership", "move", &first, "--up", "--down"]).status.code(), Some(2));

    // A secretary seat.
    ok(dir, &["person", "add", "--name", "Lê Thị Mai", "--honorific", "ba"]);
    ok(dir, &["membership", "add", "--role", "secretary", "--person", "Lê Thị Mai", "--from", "01/06/2024"]);
    let text = ok(dir, &["roster", "list", "--as-of", "05/09/2024"]);
    assert!(text.contains("Thư ký\n  18. Bà Lê Thị Mai"), "{text}");
}

#[test]
fn agency_names_stay_unique_and_renames_keep_the_short_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["example-data", "load"]);
    let err = fails(dir, &["agency", "add", "--name", "sở y tế"]);
    assert!(err.contains("Đã có cơ quan tên \"Sở Y tế\""), "{err}");
    let renamed = json(dir, &["agency", "rename", "SYT", "--name", "Sở Y tế Nghệ An", "--from", "01/01/2025"]);
    assert_eq!(renamed["short_name"], "SYT");
}

#[test]
fn bad_input_exits_non_zero_with_a_vietnamese_message() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["example-data", "load"]);
    let err = fails(dir, &["person", "add", "--name", "   "]);
    assert_eq!(err.trim(), "Lỗi: Họ và tên không được để trống.");
    let err = fails(dir, &["agency", "delete", "SYT"]);
    assert!(err.contains("Không thể xóa Sở Y tế"), "{err}");
    let err = fails(dir, &["roster", "list", "--as-of", "31/02/2024"]);
    assert!(err.contains("không hợp lệ"), "{err}");
    assert_eq!(json(dir, &["db", "info"])["people"], 1);
    assert_eq!(json(dir, &["db", "info"])["agencies"], 13);
    // A wrong subcommand is a usage error (exit code 2).
    assert_eq!(run(dir, &["no-such-command"]).status.code(), Some(2));
}

#[test]
fn agency_rename_keeps_old_name_for_old_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["example-data", "load"]);
    ok(dir, &["agency", "rename", "SKHĐT", "--name", "Sở Tài chính và Đầu tư", "--from", "01/03/2025"]);
    let old = ok(dir, &["roster", "list", "--as-of", "2024-09-05"]);
    let new = ok(dir, &["roster", "list", "--as-of", "2025-03-01"]);
    assert!(old.contains("Lãnh đạo Sở Kế hoạch và Đầu tư"));
    assert!(new.contains("Lãnh đạo Sở Tài chính và Đầu tư"));
}

#[test]
fn data_dir_from_the_environment_and_newer_databases() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(["db", "info", "--json"])
        .env("SECRETARIAT_DATA_DIR", tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let info: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["data_dir"], tmp.path().display().to_string());
    assert!(tmp.path().join("secretariat.db").exists());

    let newer = tempfile::tempdir().unwrap();
    {
        let c = rusqlite::Connection::open(newer.path().join("secretariat.db")).unwrap();
        c.execute_batch("PRAGMA user_version = 42;").unwrap();
    }
    let err = fails(newer.path(), &["db", "info"]);
    assert!(err.contains("phiên bản mới hơn"), "{err}");
}

fn examples() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_example_imports_renders_and_issues() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = examples();
    assert_eq!(files.len(), 9);
    for file in &files {
        let id = ok(dir, &["document", "import", file.to_str().unwrap()]).trim().to_string();
        assert_eq!(id.len(), 36, "an id: {id}");
        let draft_pdf = dir.join("draft.pdf");
        ok(dir, &["document", "render", &id, "--out", draft_pdf.to_str().unwrap()]);
        let text = pdftotext(&draft_pdf);
        assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "{}", file.display());
        let after_so = text.split("Số:").nth(1).unwrap_or_default().trim_start();
        assert!(!after_so.starts_with(|c: char| c.is_ascii_digit()), "a draft has no number yet: {}", file.display());
        let number = ok(dir, &["document", "issue", &id, "--date", "15/01/2025"]).trim().to_string();
        assert!(number.starts_with("01/"), "{number}");
        let issued_pdf = dir.join("issued.pdf");
        ok(dir, &["document", "render", &id, "--out", issued_pdf.to_str().unwrap()]);
        let text = pdftotext(&issued_pdf);
        assert!(text.contains(&format!("Số: {number}")), "{}: {number} not in PDF", file.display());
        assert!(text.contains("Nghệ An, ngày 15 tháng 01 năm 2025"));
    }
    let list = json(dir, &["document", "list", "--status", "issued"]);
    assert_eq!(list.as_array().unwrap().len(), 9);

    let first = list[0]["id"].as_str().unwrap().to_string();
    let err = fails(dir, &["document", "issue", &first]);
    assert!(err.contains("đã ban hành"), "{err}");
    ok(dir, &["document", "recall", &first, "--reason", "Ban hành nhầm"]);

    let register = dir.join("register.pdf");
    ok(dir, &["register", "print", "--year", "2025", "--out", register.to_str().unwrap()]);
    let text = pdftotext(&register);
    assert!(
        text.contains("SỔ ĐĂNG KÝ VĂN BẢN ĐI")
            && text.contains("01/QĐ-BCĐCĐS")
            && text.contains("Đã thu hồi: Ban hành nhầm"),
        "{text}"
    );
}

#[test]
fn a_malformed_document_file_is_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, r#"{"doc_type": "memo", "subject": "x"}"#).unwrap();
    let err = fails(tmp.path(), &["document", "import", bad.to_str().unwrap()]);
    assert!(err.contains("không đúng mẫu văn bản"), "{err}");
    assert_eq!(json(tmp.path(), &["document", "list"]).as_array().unwrap().len(), 0);
}

#[test]
fn stored_terminal_escapes_are_never_printed_raw() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["example-data", "load"]);
    // A name written by another program straight into the file, with an ESC sequence that
    // would clear the screen and a right-to-left override.
    let db = rusqlite::Connection::open(dir.join("secretariat.db")).unwrap();
    db.execute("UPDATE person SET full_name = 'Võ Trọng\u{1b}[2J Phú\u{202e}'", []).unwrap();
    drop(db);
    let out = run(dir, &["person", "list"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'), "{text:?}");
    assert!(text.contains("Võ Trọng\\u{001B}[2J Phú\\u{202E}"), "{text}");
}

/// Issuing bodies on the command line: who may sign, the checks before issuing, a number
/// typed in from another register, warnings confirmed with --yes.
#[test]
fn document_issue_with_checks_external_numbers_and_confirmation() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["example-data", "load"]);
    let signers = ok(dir, &["document", "signers", "task_force", "--date", "05/09/2024"]);
    assert!(
        signers.contains(
            "Võ Trọng Phú\tTổ trưởng\tPhó Giám đốc Sở Thông tin và Truyền thông\tTM. Tổ Công tác — Tổ trưởng ký"
        ),
        "{signers}"
    );
    let options = json(dir, &["document", "signers", "task_force", "--date", "05/09/2024"]);
    let leader = options["people"][0]["person_id"].as_str().unwrap().to_string();

    let write = |name: &str, value: serde_json::Value| {
        let path = dir.join(name);
        std::fs::write(&path, value.to_string()).unwrap();
        path
    };
    // A letter of the host department, whose văn thư gives the numbers.
    let letter = write(
        "letter.json",
        serde_json::json!({
            "doc_type": "official_letter", "authority_id": "host_department",
            "subject": "đề nghị cung cấp số liệu chuyển đổi số",
            "body": [{"kind": "paragraph", "runs": [{"text": "Đề nghị các đơn vị cung cấp số liệu."}]}],
            "signers": [{"authority": "kt", "on_behalf_of": "Giám đốc", "titles": ["Phó Giám đốc"], "name": "Võ Trọng Phú"}],
            "recipients": ["Các sở, ban, ngành"]
        }),
    );
    let id = ok(dir, &["document", "import", letter.to_str().unwrap()]).trim().to_string();
    let err = fails(dir, &["document", "issue", &id, "--date", "03/03/2025"]);
    assert!(err.contains("do văn thư cơ quan đó cấp"), "{err}");
    let err = fails(dir, &["document", "issue", &id, "--date", "03/03/2025", "--number", "125/BCĐCĐS-VP"]);
    assert!(err.contains("phải có STTTT"), "{err}");
    let number = ok(dir, &["document", "issue", &id, "--date", "03/03/2025", "--number", "125/STTTT-VP"]);
    assert_eq!(number.trim(), "125/STTTT-VP");
    let list = json(dir, &["document", "list", "--status", "issued"]);
    assert_eq!(list[0]["external"], true);

    // A report signed by the leader, dated before his seat began: a warning to confirm.
    let report = write(
        "report.json",
        serde_json::json!({
            "doc_type": "report", "authority_id": "task_force", "subject": "Kết quả tháng 4",
            "body": [{"kind": "paragraph", "runs": [{"text": "Đã triển khai."}]}],
            "signers": [{"authority": "tm", "on_behalf_of": "Tổ Công tác", "titles": ["Tổ trưởng"], "name": "Võ Trọng Phú"}],
            "signer_choice": {"form": "head", "person_id": leader},
            "recipients": []
        }),
    );
    let id = ok(dir, &["document", "import", report.to_str().unwrap()]).trim().to_string();
    let checks = ok(dir, &["document", "check", &id, "--date", "30/04/2024"]);
    assert!(checks.contains("[Không ban hành được] Nơi nhận còn trống"), "{checks}");
    assert!(checks.contains("[Cần xác nhận] Người ký Võ Trọng Phú không có trong danh sách"), "{checks}");
    let err = fails(dir, &["document", "issue", &id, "--date", "30/04/2024", "--yes"]);
    assert!(err.contains("Nơi nhận còn trống"), "a refusal is not confirmed away: {err}");
    let mut content: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    content["recipients"] = serde_json::json!(["Trưởng Ban Chỉ đạo (để báo cáo)"]);
    let report = write("report2.json", content);
    let id = ok(dir, &["document", "import", report.to_str().unwrap()]).trim().to_string();
    let err = fails(dir, &["document", "issue", &id, "--date", "30/04/2024"]);
    assert!(err.contains("Hãy xem lại trước khi ban hành") && err.contains("--yes"), "{err}");
    let number = ok(dir, &["document", "issue", &id, "--date", "30/04/2024", "--yes"]);
    assert_eq!(number.trim(), "01/BC-TCT");
}

/// `settings`: the Cài đặt page's values, shown and changed with the window's checks and words.
#[test]
fn settings_are_shown_and_changed_with_the_same_checks_as_the_window() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let all = json(dir, &["settings", "show"]);
    assert_eq!(all["files"]["max_attachment_mb"], 50);
    assert_eq!(all["followup"]["due_soon_days"], 7);
    assert_eq!(all["documents"]["authorities"][1]["symbol"], "TCT");

    assert!(ok(dir, &["settings", "due-soon-days", "5"]).contains("trong 5 ngày"));
    assert!(ok(dir, &["settings", "max-attachment-mb", "20"]).contains("20 MB"));
    let refused = fails(dir, &["settings", "max-attachment-mb", "0"]);
    assert!(refused.contains("phải từ 1 đến 2048 MB"), "{refused}");

    // The document settings round-trip through a file; a broken symbol is refused by name.
    let mut docs = all["documents"].clone();
    docs["authorities"][1]["symbol"] = "TCT-NA".into();
    let file = dir.join("documents.json");
    std::fs::write(&file, docs.to_string()).unwrap();
    ok(dir, &["settings", "documents", file.to_str().unwrap()]);
    docs["authorities"][0]["symbol"] = "".into();
    std::fs::write(&file, docs.to_string()).unwrap();
    let refused = fails(dir, &["settings", "documents", file.to_str().unwrap()]);
    assert!(refused.contains("ký hiệu phải có"), "{refused}");
    let after = json(dir, &["settings", "show"]);
    assert_eq!(after["documents"]["authorities"][1]["symbol"], "TCT-NA", "the refused file changed nothing");
    assert_eq!(after["documents"]["authorities"][0]["symbol"], "BCĐCĐS");
    assert_eq!(
        (after["files"]["max_attachment_mb"].as_u64(), after["followup"]["due_soon_days"].as_u64()),
        (Some(20), Some(5))
    );
}

#[test]
fn vacating_a_seat_and_undoing_it_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["example-data", "load"]);
    let roster = json(dir, &["roster", "list", "--as-of", "2024-09-05"]);
    let leader = roster["groups"][0]["entries"][0]["membership_id"].as_str().unwrap().to_string();
    let out = ok(dir, &["membership", "vacate", &leader, "--on", "10/01/2025", "--reason", "Nghỉ hưu"]);
    assert!(out.starts_with("Vị trí Tổ trưởng chờ cử người từ 10/01/2025"), "{out}");
    assert_eq!(json(dir, &["db", "info"])["memberships"], 18);
    let after = json(dir, &["roster", "list", "--as-of", "2025-01-10"]);
    assert_eq!(after["groups"][0]["entries"][0]["vacant"], Value::Bool(true));
    assert_eq!(after["total"], 17);
    let out = ok(dir, &["membership", "reopen", &leader]);
    assert!(out.starts_with("Đã hoàn tác"), "{out}");
    assert_eq!(json(dir, &["db", "info"])["memberships"], 17);
    let back = json(dir, &["roster", "list", "--as-of", "2025-01-10"]);
    assert_eq!(back["groups"][0]["entries"][0]["full_name"], "Võ Trọng Phú");
}
