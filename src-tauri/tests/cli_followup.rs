//! Follow-up from the command line, as a script would run it: a meeting's six conclusions
//! become tasks when its Thông báo kết luận is issued; a task typed by hand; progress on two;
//! the list as of 01/11/2024 shows exactly the late ones; the chasing letter and the report
//! are drafted, issued, and read back with pdftotext.

mod common;
use common::fails;

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn ok(dir: &Path, args: &[&str]) -> String {
    common::ok(dir, args).trim().to_string()
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(path).arg("-").output().expect("pdftotext");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn contents(list: &Value) -> Vec<String> {
    let mut v: Vec<String> =
        list.as_array().unwrap().iter().map(|t| t["content"].as_str().unwrap().to_string()).collect();
    v.sort();
    v
}

#[test]
fn tasks_letters_and_report_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["example-data", "load", "--year", "2024"]);
    let m = ok(
        dir,
        &[
            "meeting",
            "create",
            "--subject",
            "Tổ Công tác quý III năm 2024",
            "--date",
            "05/09/2024",
            "--start",
            "14:00",
            "--chair",
            "Võ Trọng Phú",
            "--chair-title",
            "Tổ trưởng Tổ Công tác",
        ],
    );
    for (text, lead, deadline) in [
        ("Hoàn thành kết nối dữ liệu khám chữa bệnh", "Sở Y tế", "15/10/2024"),
        ("Tham mưu kiện toàn Tổ Công tác", "Sở Nội vụ", "30/09/2024"),
        ("Báo cáo tình hình chuyển đổi số", "Sở Thông tin và Truyền thông", "hằng tháng, trước ngày 25"),
        ("Tổng hợp nhu cầu kinh phí năm 2025", "Sở Tài chính", "quý IV"),
        ("Số hóa hồ sơ cấp phép xây dựng", "Sở Xây dựng", "31/10/2024"),
        ("Tuyên truyền về chuyển đổi số", "Sở Thông tin và Truyền thông", "thường xuyên"),
    ] {
        ok(dir, &["meeting", "conclusion", &m, "--text", text, "--lead", lead, "--deadline", deadline]);
    }
    let tb = ok(dir, &["meeting", "generate", &m, "--document", "conclusions"]);
    // Nothing to follow until the announcement is issued.
    assert_eq!(common::json(dir, &["task", "list", "--as-of", "01/11/2024"]).as_array().unwrap().len(), 0);
    let number = ok(dir, &["document", "issue", &tb, "--date", "10/09/2024", "--yes"]);
    let all = common::json(dir, &["task", "list", "--as-of", "01/11/2024"]);
    assert_eq!(all.as_array().unwrap().len(), 6);
    assert!(all.as_array().unwrap().iter().all(|t| t["source"]["number"] == number.as_str()));

    // A task typed by hand, with its source.
    let manual = ok(
        dir,
        &[
            "task",
            "add",
            "--content",
            "Triển khai nền tảng họp trực tuyến",
            "--lead",
            "Sở Xây dựng",
            "--deadline",
            "20/10/2024",
            "--source-number",
            "125/UBND-KT",
            "--source-date",
            "01/10/2024",
            "--directed-by",
            "Chủ tịch UBND tỉnh",
            "--source-title",
            "Công văn",
        ],
    );
    let id_of = |content: &str| -> String {
        all.as_array().unwrap().iter().find(|t| t["content"] == content).unwrap()["id"].as_str().unwrap().to_string()
    };
    // Progress on two: one completed on time, one reported but not done.
    ok(
        dir,
        &[
            "task",
            "progress",
            &id_of("Tham mưu kiện toàn Tổ Công tác"),
            "--date",
            "28/09/2024",
            "--text",
            "Đã trình Quyết định kiện toàn",
            "--report-number",
            "45/BC-SNV",
            "--done",
        ],
    );
    ok(
        dir,
        &[
            "task",
            "progress",
            &id_of("Hoàn thành kết nối dữ liệu khám chữa bệnh"),
            "--date",
            "10/10/2024",
            "--text",
            "Đã kết nối 60% cơ sở",
            "--report-number",
            "88/SYT",
        ],
    );
    // The monthly report: its first period (due 25/09) reported; October's is late.
    ok(
        dir,
        &[
            "task",
            "progress",
            &id_of("Báo cáo tình hình chuyển đổi số"),
            "--date",
            "24/09/2024",
            "--text",
            "Báo cáo tháng 9",
            "--done",
        ],
    );
    let overdue = common::json(dir, &["task", "list", "--as-of", "01/11/2024", "--status", "overdue"]);
    assert_eq!(
        contents(&overdue),
        [
            "Báo cáo tình hình chuyển đổi số",
            "Hoàn thành kết nối dữ liệu khám chữa bệnh",
            "Số hóa hồ sơ cấp phép xây dựng",
            "Triển khai nền tảng họp trực tuyến",
        ]
    );
    // The same list as of an earlier day: on 15/10/2024 nothing was late yet; the data
    // connection was due that very day (due soon, not overdue).
    let earlier = common::json(dir, &["task", "list", "--as-of", "15/10/2024", "--status", "overdue"]);
    assert_eq!(contents(&earlier), Vec::<String>::new());
    let soon = common::json(dir, &["task", "list", "--as-of", "15/10/2024", "--status", "due-soon"]);
    assert_eq!(contents(&soon), ["Hoàn thành kết nối dữ liệu khám chữa bệnh", "Triển khai nền tảng họp trực tuyến"]);
    let done = common::json(dir, &["task", "list", "--as-of", "01/11/2024", "--status", "done"]);
    assert_eq!(contents(&done), ["Tham mưu kiện toàn Tổ Công tác"]);
    let xd = common::json(dir, &["task", "list", "--as-of", "01/11/2024", "--agency", "Sở Xây dựng"]);
    assert_eq!(xd.as_array().unwrap().len(), 2);
    // Text without diacritics.
    let found = common::json(dir, &["task", "list", "--as-of", "01/11/2024", "--text", "ho so cap phep"]);
    assert_eq!(contents(&found), ["Số hóa hồ sơ cấp phép xây dựng"]);

    // An extension keeps the original deadline and removes the hand-typed task from the late.
    ok(
        dir,
        &["task", "extend", &manual, "--deadline", "30/11/2024", "--decision", "130/UBND-KT", "--date", "25/10/2024"],
    );
    let overdue = common::json(dir, &["task", "list", "--as-of", "01/11/2024", "--status", "overdue"]);
    assert_eq!(overdue.as_array().unwrap().len(), 3);
    let shown = ok(dir, &["task", "show", &manual, "--as-of", "01/11/2024"]);
    assert!(shown.contains("Thời hạn: trước ngày 30/11/2024"), "{shown}");
    assert!(shown.contains("Thời hạn ban đầu: trước ngày 20/10/2024"), "{shown}");
    // Same rules and messages as the window.
    let msg = fails(
        dir,
        &["task", "extend", &manual, "--deadline", "01/11/2024", "--decision", "1/UBND", "--date", "26/10/2024"],
    );
    assert!(msg.contains("phải sau thời hạn đang áp dụng"), "{msg}");
    let msg = fails(dir, &["task", "list", "--status", "late"]);
    assert!(msg.contains("overdue, due-soon, open, done"), "{msg}");

    // The chasing letter to Sở Xây dựng: drafted, written, issued; the task records it.
    let letter_pdf = dir.join("don-doc.pdf");
    let letter = ok(
        dir,
        &["task", "letter", "--agency", "Sở Xây dựng", "--as-of", "01/11/2024", "--out", letter_pdf.to_str().unwrap()],
    );
    let text = pdf_text(&letter_pdf);
    for expected in [
        "V/v Đôn đốc thực hiện nhiệm vụ được giao",
        "Kính gửi: Sở Xây dựng.",
        "Nhiệm vụ đã quá hạn:",
        &format!("Số hóa hồ sơ cấp phép xây dựng (theo Thông báo kết luận số {number} ngày 10/09/2024"),
        "quá hạn 1 ngày",
    ] {
        assert!(text.contains(expected), "letter lacks {expected:?}:\n{text}");
    }
    assert!(!text.contains("Tham mưu kiện toàn"), "another agency's task is not in the letter");
    let letter_number = ok(dir, &["document", "issue", &letter, "--date", "02/11/2024", "--yes"]);
    let shown = ok(dir, &["task", "show", &id_of("Số hóa hồ sơ cấp phép xây dựng"), "--as-of", "02/11/2024"]);
    assert!(shown.contains(&format!("Đôn đốc: {letter_number} 02/11/2024 (Đã ban hành)")), "{shown}");
    let issued = dir.join("don-doc-issued.pdf");
    ok(dir, &["document", "render", &letter, "--out", issued.to_str().unwrap()]);
    assert!(pdf_text(&issued).contains(&format!("Số: {letter_number}")));

    // The report on September–October, as of 01/11/2024.
    let report_pdf = dir.join("bao-cao.pdf");
    let report = ok(
        dir,
        &["task", "report", "--from", "01/09/2024", "--to", "01/11/2024", "--out", report_pdf.to_str().unwrap()],
    );
    let text = pdf_text(&report_pdf);
    for expected in [
        "Tình hình thực hiện kết luận, chỉ đạo từ ngày 01/09/2024 đến ngày 01/11/2024",
        "theo dõi 7 nhiệm vụ",
        "Đã hoàn thành: 1 nhiệm vụ (đúng hạn: 1, quá hạn: 0);",
        "Chưa hoàn thành: 6 nhiệm vụ (trong hạn: 3, quá hạn: 3).",
        "Tình hình thực hiện nhiệm vụ theo cơ quan chủ trì",
        "Hoàn thành đúng hạn",
        "NHIỆM VỤ QUÁ HẠN",
        "45/BC-SNV",
        "88/SYT (10/10/2024): Đã kết nối 60% cơ sở",
    ] {
        assert!(text.contains(expected), "report lacks {expected:?}:\n{text}");
    }
    let report_number = ok(dir, &["document", "issue", &report, "--date", "02/11/2024", "--yes"]);
    assert!(report_number.contains("/BC-"), "{report_number}");

    // The overdue list as a spreadsheet, its cells read back with unzip (not our code).
    let xlsx = dir.join("qua-han.xlsx");
    ok(dir, &["task", "export-xlsx", "--as-of", "01/11/2024", "--status", "overdue", "--out", xlsx.to_str().unwrap()]);
    let unzip = |part: &str| {
        let out = std::process::Command::new("unzip").args(["-p", xlsx.to_str().unwrap(), part]).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let strings = unzip("xl/sharedStrings.xml");
    for expected in ["DANH SÁCH NHIỆM VỤ", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Quá hạn"] {
        assert!(strings.contains(expected), "the sheet lacks {expected:?}");
    }
    for task in overdue.as_array().unwrap() {
        let content = task["content"].as_str().unwrap();
        assert!(strings.contains(content), "the sheet lacks the overdue task {content:?}");
    }
    let rows = unzip("xl/worksheets/sheet1.xml").matches("<row ").count();
    assert_eq!(rows, 3 + overdue.as_array().unwrap().len(), "two title rows, the header, one row per overdue task");
}
