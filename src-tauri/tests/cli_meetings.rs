//! A whole meeting made from the command line, without the window: create, invite,
//! attendance, agenda, notes, conclusions, the three documents generated, issued through the
//! văn thư's checks and read back with pdftotext.

mod common;
use common::fails;

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Runs `args`, which must succeed; what it printed, without the final line break.
fn ok(dir: &Path, args: &[&str]) -> String {
    common::ok(dir, args).trim().to_string()
}

fn pdf_text(dir: &Path, id: &str) -> String {
    let pdf = dir.join(format!("{id}.pdf"));
    ok(dir, &["document", "render", id, "--out", pdf.to_str().unwrap()]);
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&pdf).arg("-").output().expect("pdftotext");
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_task_force_session_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["example-data", "load"]);
    ok(
        dir,
        &[
            "person",
            "add",
            "--name",
            "Nguyễn Thị Hà",
            "--honorific",
            "ba",
            "--post",
            "Chuyên viên",
            "--agency",
            "STTTT",
        ],
    );
    ok(
        dir,
        &[
            "membership",
            "add",
            "--role",
            "secretary",
            "--person",
            "Nguyễn Thị Hà",
            "--from",
            "01/06/2024",
            "--decision",
            "30/QĐ-TCT",
            "--decision-date",
            "01/06/2024",
        ],
    );
    let id = ok(
        dir,
        &[
            "meeting",
            "create",
            "--subject",
            "Phiên họp Tổ Công tác quý III năm 2024",
            "--date",
            "05/09/2024",
            "--start",
            "14:00",
            "--end",
            "16:30",
            "--place",
            "Phòng họp tầng 3, Sở Thông tin và Truyền thông",
            "--chair",
            "Võ Trọng Phú",
            "--chair-title",
            "Tổ trưởng Tổ Công tác",
            "--secretary",
            "Nguyễn Thị Hà",
        ],
    );
    // Bad input is refused with the window's messages.
    assert!(fails(dir, &["meeting", "create", "--subject", "X", "--date", "31/02/2024", "--start", "14:00"])
        .contains("không hợp lệ"));
    assert!(fails(dir, &["meeting", "create", "--subject", "X", "--date", "05/09/2024", "--start", "25:00"])
        .contains("HH:MM"));

    ok(dir, &["meeting", "invite-body", &id]);
    let detail: Value = serde_json::from_str(&ok(dir, &["meeting", "show", &id, "--json"])).unwrap();
    let invitees = detail["invitees"].as_array().unwrap();
    assert_eq!(invitees.len(), 14, "leader, twelve agency seats and the secretary; empty deputy seats are not invited");
    assert_eq!(invitees[0]["name"], "Ông Võ Trọng Phú", "protocol order: the leader first");
    let invitee = |n: usize| invitees[n]["id"].as_str().unwrap().to_string();
    ok(dir, &["meeting", "attend", &invitee(0), "--as", "present"]);
    // An agency seat names nobody: "có mặt" needs the name of who came.
    let refused = fails(dir, &["meeting", "attend", &invitee(1), "--as", "present"]);
    assert!(refused.contains("tên"), "{refused}");
    ok(
        dir,
        &["meeting", "attend", &invitee(1), "--as", "substitute", "--name", "Nguyễn Văn Cử", "--post", "Phó Giám đốc"],
    );
    ok(dir, &["meeting", "attend", &invitee(2), "--as", "absent_excused", "--reason", "Đi công tác tại Hà Nội"]);
    for (n, seat) in invitees.iter().enumerate().skip(3) {
        if seat["name"].as_str().unwrap_or_default().is_empty() {
            ok(dir, &["meeting", "attend", &invitee(n), "--as", "substitute", "--name", &format!("Đại diện {n}")]);
        } else {
            ok(dir, &["meeting", "attend", &invitee(n), "--as", "present"]);
        }
    }
    ok(
        dir,
        &[
            "meeting",
            "agenda",
            &id,
            "--title",
            "Báo cáo kết quả chuyển đổi số 9 tháng",
            "--presenter",
            "Sở Thông tin và Truyền thông",
        ],
    );
    ok(dir, &["meeting", "notes", &id, "--text", "Ghi chép chung của thư ký."]);
    ok(
        dir,
        &[
            "meeting",
            "conclusion",
            &id,
            "--text",
            "Hoàn thành kết nối dữ liệu y tế",
            "--lead",
            "Sở Y tế",
            "--deadline",
            "quý IV năm 2024",
        ],
    );
    let listed = ok(
        dir,
        &[
            "meeting",
            "conclusion",
            &id,
            "--text",
            "Báo cáo tiến độ chuyển đổi số",
            "--lead",
            "SKHCN",
            "--deadline",
            "hằng tháng",
        ],
    );
    assert!(listed.contains("1. Hoàn thành kết nối dữ liệu y tế (Sở Y tế) — quý IV năm 2024"), "{listed}");

    let gm = ok(dir, &["meeting", "generate", &id, "--document", "invitation"]);
    let bb = ok(dir, &["meeting", "generate", &id, "--document", "minutes"]);
    let tb = ok(dir, &["meeting", "generate", &id, "--document", "conclusions"]);
    // The invitation must be dated before the meeting.
    let late = fails(dir, &["document", "issue", &gm, "--date", "06/09/2024"]);
    assert!(late.contains("Giấy mời phải ban hành trước ngày họp (05/09/2024)."), "{late}");
    assert_eq!(ok(dir, &["document", "issue", &gm, "--date", "30/08/2024"]), "01/GM-TCT");
    assert_eq!(ok(dir, &["document", "issue", &bb, "--date", "06/09/2024"]), "01/BB-TCT");
    assert_eq!(ok(dir, &["document", "issue", &tb, "--date", "06/09/2024"]), "01/TB-TCT");

    let gm = pdf_text(dir, &gm);
    assert!(gm.contains("GIẤY MỜI"), "{gm}");
    assert!(gm.contains("Tới dự: Phiên họp Tổ Công tác quý III năm 2024."), "{gm}");
    assert!(gm.contains("TM. TỔ CÔNG TÁC TỔ TRƯỞNG"), "{gm}");
    let bb = pdf_text(dir, &bb);
    for expected in [
        "Thành phần tham dự: - Ông Võ Trọng Phú, Phó Giám đốc Sở Thông tin và Truyền thông;",
        "(có lý do: Đi công tác tại Hà Nội)",
        "Thư ký (người ghi biên bản): Bà Nguyễn Thị Hà.",
        "I. BÁO CÁO KẾT QUẢ CHUYỂN ĐỔI SỐ 9 THÁNG",
    ] {
        assert!(bb.contains(expected), "Biên bản lacks {expected:?}:\n{bb}");
    }
    let tb = pdf_text(dir, &tb);
    for expected in [
        "Kết luận của Tổ trưởng Tổ Công tác tại Phiên họp Tổ Công tác quý III năm 2024",
        "1. Hoàn thành kết nối dữ liệu y tế. Sở Y tế chủ trì; thời hạn: quý IV năm 2024.",
        "2. Báo cáo tiến độ chuyển đổi số. Sở Khoa học và Công nghệ chủ trì; thời hạn: hằng tháng.",
    ] {
        assert!(tb.contains(expected), "Thông báo lacks {expected:?}:\n{tb}");
    }
    assert!(!tb.contains("cuộc họp Phiên họp") && !tb.contains("Ông Hồ"), "{tb}");
}
