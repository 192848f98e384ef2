//! Files (hồ sơ) from the command line: a file list, an issued document and an incoming letter
//! filed, the file closed, its Mục lục printed (read back with pdftotext), the handover package
//! exported and imported into an empty install, and a damaged package refused.

mod common;

use common::{fails, json, ok};
use std::path::Path;
use std::process::Command;

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").output().expect("pdftotext");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn file_close_print_and_hand_over_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["example-data", "load", "--year", "2025"]);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples/thong-bao.json");
    let doc = ok(&data, &["document", "import", example.to_str().unwrap()]).trim().to_string();
    let issued = json(&data, &["document", "issue", &doc, "--date", "10/03/2025", "--yes"]);
    let number = issued["number_symbol"].as_str().unwrap().to_string();
    // The letter's original is a real PDF (the issued one, saved out).
    let original = dir.path().join("Công văn 15.pdf");
    ok(&data, &["document", "render", &doc, "--out", original.to_str().unwrap()]);
    let letter = json(
        &data,
        &[
            "incoming",
            "add",
            "--sender-name",
            "UBND huyện Nghi Lộc",
            "--number",
            "15/UBND-VP",
            "--date",
            "19/02/2025",
            "--received",
            "20/02/2025",
            "--type",
            "Công văn",
            "--subject",
            "Về báo cáo chuyển đổi số",
            "--file",
            original.to_str().unwrap(),
        ],
    );
    let letter = letter["id"].as_str().unwrap().to_string();

    let added = json(
        &data,
        &[
            "archive",
            "file-list",
            "add",
            "--year",
            "2025",
            "--code",
            "01.TCT",
            "--title",
            "Hồ sơ chỉ đạo chuyển đổi số năm 2025",
            "--retention",
            "10",
            "--keeper",
            "Nguyễn Thị Thư",
        ],
    );
    assert_eq!(added["retention_label"], "10 năm");
    assert_eq!(added["keeper_name"], "Nguyễn Thị Thư");
    let dup = fails(
        &data,
        &["archive", "file-list", "add", "--year", "2025", "--code", "01.TCT", "--title", "X", "--retention", "5"],
    );
    assert!(dup.contains("đã có hồ sơ số 01.TCT"), "{dup}");
    let said = ok(&data, &["archive", "file", "--into", "01.TCT", "--document", &doc]);
    assert!(said.contains("Đã đưa vào hồ sơ 01.TCT, số thứ tự 1"), "{said}");
    let said = ok(&data, &["archive", "file", "--into", "01.TCT", "--incoming", &letter]);
    assert!(said.contains("số thứ tự 1"), "the letter is older, so it comes first: {said}");

    let items = json(&data, &["archive", "items", "01.TCT", "--year", "2025"]);
    let order: Vec<(u64, String)> = items["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["ordinal"].as_u64().unwrap(), i["number_symbol"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(order, vec![(1, "15/UBND-VP".to_string()), (2, number.clone())]);

    let closed = ok(&data, &["archive", "close", "01.TCT", "--year", "2025", "--date", "31/12/2025"]);
    assert!(closed.contains("Hạn nộp lưu: 31/12/2026"), "{closed}");
    let refused = fails(&data, &["archive", "unfile", items["items"][0]["id"].as_str().unwrap()]);
    assert!(refused.contains("đã đóng ngày 31/12/2025"), "{refused}");
    let list = ok(&data, &["archive", "file-list", "list", "--year", "2025"]);
    assert!(list.contains("01.TCT") && list.contains("2 văn bản") && list.contains("đã đóng 31/12/2025"), "{list}");

    let contents = dir.path().join("muc-luc.pdf");
    ok(&data, &["archive", "contents", "01.TCT", "--year", "2025", "--out", contents.to_str().unwrap()]);
    let text = pdftotext(&contents);
    assert!(text.contains("MỤC LỤC VĂN BẢN") && text.contains("15/UBND-VP") && text.contains(&number), "{text}");

    let zip = dir.path().join("nop-luu-2025.zip");
    let exported = json(
        &data,
        &[
            "archive",
            "export",
            "--year",
            "2025",
            "--out",
            zip.to_str().unwrap(),
            "--giver",
            "Nguyễn Thị Thư",
            "--archive",
            "Lưu trữ Sở Khoa học và Công nghệ",
            "--receiver",
            "Trần Văn Lưu",
            "--date",
            "15/01/2026",
        ],
    );
    assert_eq!((exported["files"].as_u64(), exported["items"].as_u64()), (Some(1), Some(2)));
    let folder = dir.path().join("nop-luu-2025");
    let record = pdftotext(&folder.join("bien-ban-giao-nhan.pdf"));
    assert!(record.contains("Trần Văn Lưu") && record.contains("Hồ sơ số 01.TCT"), "{record}");

    // Into an empty install: the same file, items and records.
    let fresh = dir.path().join("fresh");
    let imported = ok(&fresh, &["archive", "import", zip.to_str().unwrap()]);
    assert!(imported.contains("1 hồ sơ, 2 văn bản"), "{imported}");
    let again = json(&fresh, &["archive", "items", "01.TCT", "--year", "2025"]);
    assert_eq!(again["items"], items["items"]);
    assert_eq!(json(&fresh, &["document", "show", &doc])["number_symbol"], number.as_str());
    assert_eq!(
        json(&fresh, &["incoming", "show", &letter])["file"],
        json(&data, &["incoming", "show", &letter])["file"]
    );

    // A damaged package is refused, in Vietnamese, and nothing is imported.
    let victim = folder.join("ho-so/01.TCT/002.pdf");
    let mut bytes = std::fs::read(&victim).unwrap();
    let n = bytes.len() / 3;
    bytes[n] ^= 1;
    std::fs::write(&victim, bytes).unwrap();
    let other = dir.path().join("other");
    let err = fails(&other, &["archive", "import", folder.to_str().unwrap()]);
    assert!(err.contains("Gói hồ sơ bị hỏng") && err.contains("002.pdf"), "{err}");
    assert!(ok(&other, &["archive", "file-list", "list", "--year", "2025"]).contains("chưa có hồ sơ nào"));
}
