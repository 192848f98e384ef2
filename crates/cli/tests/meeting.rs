//! A whole meeting made without the window, through the real CLI binary on a fresh data
//! folder: roster, meeting, invitations, attendance, agenda, notes, conclusions, the three
//! generated documents issued with numbers, and their PDFs read back with pdftotext.

use std::path::Path;
use std::process::{Command, Output};

fn cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_secretariat-cli")).arg("--data-dir").arg(dir).args(args).output().unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = cli(dir, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut a = vec!["--json"];
    a.extend_from_slice(args);
    serde_json::from_str(&ok(dir, &a)).unwrap()
}

fn str_of<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("no {key} in {v}"))
}

/// The text of a PDF as pdftotext reads it, with line breaks and runs of spaces made single
/// spaces (a title may wrap).
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").output().expect("pdftotext");
    assert!(out.status.success(), "pdftotext {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_whole_meeting_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");

    // The roster: the task force of decision 1321 and a secretary added by hand.
    ok(&data, &["example-data", "load"]);
    let secretary = json(
        &data,
        &[
            "person",
            "add",
            "--name",
            "Nguyễn Thị Hoa",
            "--honorific",
            "ba",
            "--post",
            "Chuyên viên Sở Thông tin và Truyền thông",
        ],
    );
    let secretary_id = str_of(&secretary, "id").to_string();

    // The meeting.
    let meeting = json(
        &data,
        &[
            "meeting",
            "create",
            "--body",
            "task-force",
            "--form",
            "meeting",
            "--subject",
            "Tổ Công tác chuyển đổi số quý III năm 2024",
            "--date",
            "20/09/2024",
            "--start",
            "08:00",
            "--end",
            "11:00",
            "--place",
            "Phòng họp số 2, Sở Thông tin và Truyền thông",
            "--chair",
            "Võ Trọng Phú",
            "--chair-title",
            "Tổ trưởng Tổ Công tác",
            "--secretary",
            &secretary_id,
        ],
    );
    let id = str_of(&meeting, "id").to_string();
    let title = str_of(&meeting, "title").to_string();
    assert_eq!(title, "Cuộc họp Tổ Công tác chuyển đổi số quý III năm 2024");

    // Invalid input is refused with the window's Vietnamese message, and nothing changes.
    let bad = cli(&data, &["meeting", "times", &id, "--start", "hôm nay"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("không hợp lệ"), "{bad:?}");

    // A change of place, the rest as it was.
    ok(&data, &["meeting", "update", &id, "--place", "Phòng họp tầng 3, Sở Thông tin và Truyền thông"]);
    let shown = json(&data, &["meeting", "show", &id]);
    assert_eq!(str_of(&shown["meeting"], "place"), "Phòng họp tầng 3, Sở Thông tin và Truyền thông");
    assert_eq!(str_of(&shown["meeting"], "title"), title);
    assert_eq!(str_of(&shown["meeting"], "secretary_person_id"), secretary_id);

    // Invitations: the whole body, then a guest.
    let invited = json(&data, &["meeting", "invite-body", &id]);
    // Every seat held by a person or an agency (the four deputies' seats name nobody yet).
    let seats = invited.as_array().unwrap().len();
    assert_eq!(seats, 13, "{invited}");
    let with_guest = json(
        &data,
        &[
            "meeting",
            "guest",
            &id,
            "--name",
            "Ông Trần Văn Minh",
            "--post",
            "Giám đốc",
            "--agency",
            "Viễn thông Nghệ An",
        ],
    );
    let invitees = with_guest.as_array().unwrap();
    assert_eq!(invitees.len(), seats + 1);
    let find = |needle: &str| -> String {
        invitees
            .iter()
            .find(|i| i.to_string().contains(needle))
            .map(|i| str_of(i, "id").to_string())
            .unwrap_or_else(|| panic!("no invitee {needle}"))
    };
    let chair = find("Võ Trọng Phú");
    let guest = find("Trần Văn Minh");
    let health = find("Sở Y tế");
    let finance = find("Sở Tài chính");
    let police = find("Công an tỉnh");

    // Attendance.
    assert_eq!(ok(&data, &["meeting", "attend", &chair, "--as", "present"]).trim(), "Có mặt");
    ok(&data, &["meeting", "attend", &guest, "--as", "present"]);
    ok(
        &data,
        &[
            "meeting",
            "attend",
            &health,
            "--as",
            "substitute",
            "--name",
            "Bà Lê Thị Lan",
            "--post",
            "Phó Giám đốc Sở Y tế",
        ],
    );
    ok(&data, &["meeting", "attend", &finance, "--as", "absent_excused", "--reason", "đi công tác"]);
    // An invitee taken off the list is gone from the meeting.
    ok(&data, &["meeting", "uninvite", &police]);
    let shown = json(&data, &["meeting", "show", &id]);
    assert_eq!(shown["invitees"].as_array().unwrap().len(), seats);
    assert!(!shown["invitees"].to_string().contains("Công an tỉnh"));

    // The agenda: three items, one moved up, one removed, notes on one.
    ok(
        &data,
        &[
            "meeting",
            "agenda",
            &id,
            "--title",
            "Kết quả chuyển đổi số 9 tháng năm 2024",
            "--presenter",
            "Sở Thông tin và Truyền thông",
        ],
    );
    ok(&data, &["meeting", "agenda", &id, "--title", "Nội dung sẽ bỏ"]);
    let items = json(&data, &["meeting", "agenda", &id, "--title", "Triển khai Đề án 06 tại các sở, ngành"]);
    let items = items.as_array().unwrap();
    let dropped = items.iter().find(|i| str_of(i, "title") == "Nội dung sẽ bỏ").unwrap();
    let last = items.iter().find(|i| str_of(i, "title").starts_with("Triển khai")).unwrap();
    let moved = json(&data, &["meeting", "agenda-move", str_of(last, "id"), "--position", "1"]);
    assert!(str_of(&moved[0], "title").starts_with("Triển khai"), "{moved}");
    let left = json(&data, &["meeting", "agenda-remove", str_of(dropped, "id")]);
    assert_eq!(left.as_array().unwrap().len(), 2);
    ok(&data, &["meeting", "agenda-notes", str_of(last, "id"), "--text", "Các sở thống nhất lộ trình."]);
    ok(&data, &["meeting", "notes", &id, "--text", "Cuộc họp bắt đầu đúng giờ."]);
    ok(&data, &["meeting", "times", &id, "--start", "20/09/2024 08:05", "--end", "20/09/2024 10:45"]);

    // Conclusions: one with a lead agency and a deadline, one changed after, one removed.
    let conclusion = "Sở Y tế hoàn thành kết nối hồ sơ sức khỏe điện tử với Cơ sở dữ liệu quốc gia về dân cư";
    ok(&data, &["meeting", "conclusion", &id, "--text", conclusion, "--lead", "Sở Y tế", "--deadline", "31/12/2024"]);
    ok(&data, &["meeting", "conclusion", &id, "--text", "Kết luận nháp", "--deadline", "quý IV năm 2024"]);
    let list = json(
        &data,
        &[
            "meeting",
            "conclusion",
            &id,
            "--text",
            "Các sở báo cáo tiến độ",
            "--lead",
            "Sở Thông tin và Truyền thông",
            "--deadline",
            "hằng tháng",
        ],
    );
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(str_of(&list[0], "lead_agency_name"), "Sở Y tế");
    assert_eq!(str_of(&list[0], "deadline_label"), "trước ngày 31/12/2024");
    let draft = str_of(&list[1], "id").to_string();
    let monthly = str_of(&list[2], "id").to_string();
    let changed = json(
        &data,
        &["meeting", "conclusion-update", &id, &monthly, "--text", "Các sở, ngành báo cáo tiến độ hằng tháng"],
    );
    assert_eq!(str_of(&changed[2], "text"), "Các sở, ngành báo cáo tiến độ hằng tháng");
    assert_eq!(str_of(&changed[2], "lead_agency_name"), "Sở Thông tin và Truyền thông", "lead kept");
    ok(&data, &["meeting", "conclusion-remove", &draft]);

    // The three documents, generated, issued with numbers, exported and read back.
    let mut numbers = Vec::new();
    for (role, date) in [("invitation", "16/09/2024"), ("minutes", "20/09/2024"), ("conclusions", "23/09/2024")] {
        let doc = json(&data, &["meeting", "generate", &id, "--document", role]);
        let doc_id = str_of(&doc, "id").to_string();
        let number = ok(&data, &["document", "issue", &doc_id, "--date", date, "--yes"]).trim().to_string();
        assert!(number.contains('/'), "{role}: a number and symbol, got {number:?}");
        let pdf = tmp.path().join(format!("{role}.pdf"));
        ok(&data, &["document", "render", &doc_id, "--out", pdf.to_str().unwrap()]);
        let text = pdf_text(&pdf);
        assert!(text.contains(&number), "{role}: number {number} not in\n{text}");
        assert!(text.contains("Tổ Công tác chuyển đổi số quý III năm 2024"), "{role}: title not in\n{text}");
        match role {
            "invitation" => {
                assert!(text.contains("Phòng họp tầng 3"), "place: {text}");
                assert!(text.contains("Võ Trọng Phú"), "chair: {text}");
            }
            "minutes" => {
                for name in ["Võ Trọng Phú", "Lê Thị Lan", "Trần Văn Minh", "Nguyễn Thị Hoa"] {
                    assert!(text.contains(name), "attendee {name} not in minutes:\n{text}");
                }
                // The agenda in its order (headings in capitals), with the notes taken on it.
                let first = text.find("I. TRIỂN KHAI ĐỀ ÁN 06 TẠI CÁC SỞ, NGÀNH Các sở thống nhất lộ trình.");
                let second = text.find("II. KẾT QUẢ CHUYỂN ĐỔI SỐ 9 THÁNG NĂM 2024");
                assert!(first.is_some() && second > first, "agenda: {text}");
                assert!(text.contains("Lãnh đạo Sở Tài chính (có lý do: đi công tác)"), "absent: {text}");
                assert!(text.contains("8 giờ 05") && text.contains("10 giờ 45"), "actual times: {text}");
                assert!(text.contains(conclusion), "conclusion: {text}");
                assert!(!text.contains("Kết luận nháp"), "removed conclusion printed: {text}");
            }
            _ => {
                assert!(text.contains(conclusion), "conclusion: {text}");
                assert!(text.contains("31/12/2024"), "deadline: {text}");
                assert!(text.contains("Các sở, ngành báo cáo tiến độ hằng tháng"), "changed conclusion: {text}");
                assert!(!text.contains("Kết luận nháp"), "removed conclusion printed: {text}");
            }
        }
        numbers.push(number);
    }
    // Three numbers, all different, and the meeting lists its three issued documents.
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 3, "{numbers:?}");
    let shown = ok(&data, &["meeting", "show", &id]);
    for n in &numbers {
        assert!(shown.contains(n.as_str()), "{n} not in\n{shown}");
    }
}
