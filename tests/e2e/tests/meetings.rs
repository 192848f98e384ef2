//! A secretary's meeting day in the window, and a crash in the middle of typing notes: a
//! session of the Task Force chaired by its leader, the three documents generated from it and
//! issued through the văn thư's guards (an invitation dated after the meeting is refused).

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use secretariat_e2e::{app_binary, issued_pdf_text, App, Driver, Res};
use std::process::Command;
use std::time::{Duration, Instant};

const ENTER: &str = "\u{E007}";
const DOWN: &str = "\u{E015}";
const TAB: &str = "\u{E004}";

/// Presses keys on whatever has the focus, as a person at the keyboard does.
async fn press(app: &App, keys: &str) -> Res<()> {
    let mut actions = KeyActions::new("keyboard".into());
    for c in keys.chars() {
        actions = actions.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
    }
    app.client.perform_actions(actions).await?;
    Ok(())
}

fn kill_app(data: &std::path::Path) {
    // The app was started by WebKitWebDriver with our data folder on its command line.
    let _ = Command::new("pkill").args(["-9", "-f", "--", &format!("--data-dir {}", data.display())]).status();
    std::thread::sleep(Duration::from_millis(500));
}

async fn open_meeting(app: &App) -> Res<()> {
    app.click("[data-testid=nav-meetings]").await?;
    app.click("[data-testid=open-meeting]").await?;
    app.find("[data-testid=meeting-heading]").await?;
    Ok(())
}

async fn wait_attr(app: &App, css: &str, what: &str, check: impl Fn(&str) -> bool) -> Res<()> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let v = app.text(css).await.unwrap_or_default();
        if check(&v) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("timed out waiting for {css} to {what}; last {v:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_meeting_day_from_invitation_to_conclusions() -> Res<()> {
    let data = tempfile::tempdir()?;
    // The roster as the secretary keeps it: the decision's task force, and its secretary
    // named by the leader's decision (set up through the command line; the roster screens have
    // their own test).
    let setup = |args: &[&str]| {
        let out = Command::new(app_binary()).arg("--data-dir").arg(data.path()).args(args).output().expect("runs");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    setup(&["example-data", "load"]);
    setup(&[
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
    ]);
    setup(&[
        "membership",
        "add",
        "--body",
        "task-force",
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
    ]);
    // The file to attach: WebDriver cannot drive the open dialog, the app answers it with
    // SECRETARIAT_DIALOG_PICK (inherited through tauri-driver).
    let papers = tempfile::tempdir()?;
    let report: Vec<u8> = b"%PDF-1.7\n".iter().copied().chain((0..300_000u32).map(|i| (i % 251) as u8)).collect();
    std::fs::write(papers.path().join("Báo cáo 9 tháng.pdf"), &report)?;
    std::env::set_var("SECRETARIAT_DIALOG_DIR", papers.path());
    std::env::set_var("SECRETARIAT_DIALOG_PICK", "Báo cáo 9 tháng.pdf");
    let driver = Driver::start()?;
    let app = App::launch(&driver, data.path()).await?;
    // With data, the window opens on the overview.
    app.find("[data-testid=home-overdue]").await?;
    app.click("[data-testid=nav-roster]").await?;
    app.wait_text("[data-testid=roster-summary]", "show the roster", |t| t.contains("18 vị trí")).await?;

    // A session of the task force.
    app.click("[data-testid=nav-meetings]").await?;
    app.click("[data-testid=new-meeting]").await?;
    app.find("[data-testid=meeting-dialog]").await?;
    app.find("[data-testid=meeting-body]")
        .await?
        .select_by_label("Tổ Công tác giúp việc Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An")
        .await?;
    // The form word typed in the subject becomes the form ("Phiên họp"), printed once.
    app.type_into("[data-testid=meeting-subject]", "Phiên họp Tổ Công tác quý III năm 2024").await?;
    assert_eq!(app.find("[data-testid=meeting-form]").await?.prop("value").await?.as_deref(), Some("session"));
    app.type_into("[data-testid=meeting-date]", "05/09/2024").await?;
    app.type_into("[data-testid=meeting-start]", "14:00").await?;
    app.type_into("[data-testid=meeting-place]", "Hội trường tầng 2, Sở Thông tin và Truyền thông").await?;
    app.find("[data-testid=meeting-chair]").await?.select_by_label("Võ Trọng Phú — Phó Giám đốc").await?;
    app.type_into("[data-testid=meeting-chair-title]", "Tổ trưởng Tổ Công tác").await?;
    app.find("#md-secretary").await?.select_by_label("Nguyễn Thị Hà").await?;
    app.click("[data-testid=meeting-dialog] [data-testid=dialog-submit]").await?;
    app.find("[data-testid=meeting-heading]").await?;

    // Ten invitees from the task force roster as of the meeting day.
    app.click("[data-testid=invite-pick]").await?;
    app.find("[data-testid=invite-dialog]").await?;
    // The dialog opens on the meeting's own body.
    let shown =
        app.client.execute("return document.querySelector('#inv-body').selectedOptions[0].textContent", vec![]).await?;
    assert_eq!(shown.as_str(), Some("Tổ Công tác giúp việc Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An"));
    let deadline = Instant::now() + Duration::from_secs(10);
    // 18 seats; the four deputy seats name neither a person nor an agency and cannot be picked.
    while app.find_all("[data-testid=pick-member]").await?.len() < 17 {
        assert!(Instant::now() < deadline, "the roster did not load in the invite dialog");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let boxes = app.find_all("[data-testid=pick-member]").await?;
    for i in std::iter::once(0).chain(5..14) {
        // The list scrolls inside the dialog: bring each box into view, as a person scrolls.
        let target = serde_json::to_value(&boxes[i])?;
        app.client.execute("arguments[0].scrollIntoView({block: 'center'})", vec![target]).await?;
        boxes[i].click().await?;
    }
    app.click("[data-testid=invite-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=invite-dialog]").await?;
    let rows = app.wait_count("[data-testid=invitee-row]", 10).await?;
    assert_eq!(rows.len(), 10);

    // Attendance with the keyboard alone, in protocol order: the leader, then the agencies'
    // seats in the decision's order. An agency seat names nobody, so C there asks for the
    // name of whoever the agency sent.
    // Focus the first person, then: C, ↓, C + name + Enter, ↓, …, L + reason + Enter, ↓, …
    rows[0].find(fantoccini::Locator::Css("td.num")).await?.click().await?;
    for n in 0..rows.len() {
        match n {
            0 => press(&app, "c").await?,
            3 => {
                press(&app, "l").await?;
                press(&app, &format!("Đi công tác tại Hà Nội{ENTER}")).await?;
            }
            5 => {
                press(&app, "t").await?;
                press(&app, &format!("Lê Thị Hoa{ENTER}")).await?;
            }
            _ => {
                press(&app, "c").await?;
                press(&app, &format!("Nguyễn Văn Cử{ENTER}")).await?;
            }
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
        press(&app, DOWN).await?;
    }
    app.wait_text("[data-testid=attendance-summary]", "count the attendance", |t| {
        t.contains("9 có mặt · 1 vắng · 0 dự thay") && !t.contains("chưa điểm danh")
    })
    .await?;
    app.screenshot("20-attendance").await?;

    // Three agenda items with notes.
    app.click("[data-testid=tab-agenda]").await?;
    for title in ["Báo cáo kết quả chuyển đổi số 9 tháng", "Kết nối dữ liệu y tế", "Kiện toàn Tổ Công tác"]
    {
        app.click("[data-testid=agenda-add]").await?;
        app.type_into("[data-testid=agenda-title]", title).await?;
        app.click("[data-testid=agenda-dialog] [data-testid=dialog-submit]").await?;
        app.wait_gone("[data-testid=agenda-dialog]").await?;
    }
    let notes = app.wait_count("[data-testid=agenda-notes]", 3).await?;
    assert_eq!(notes.len(), 3);
    for (n, text) in [
        "Sở Thông tin và Truyền thông báo cáo: 97% văn bản đi được ký số.",
        "Sở Y tế đề nghị bổ sung kinh phí số hóa.",
        "Sở Nội vụ đề xuất bổ sung các Tổ phó.",
    ]
    .iter()
    .enumerate()
    {
        notes[n].send_keys(text).await?;
    }
    // General notes: saved a moment after typing stops…
    let general = app.find("[data-testid=meeting-notes]").await?;
    general.send_keys("Ghi chép đã lưu trước sự cố.").await?;
    wait_attr(&app, "[data-testid=meeting-notes-state]", "save the notes", |t| t == "Đã lưu").await?;
    // …then more typing, and the app is killed before that can be saved.
    general.send_keys(" Phần gõ dở khi máy tắt.").await?;
    kill_app(data.path());
    let _ = app.close().await;
    drop(driver); // the old WebDriver session died with the app

    // After the crash: what was saved is there, nothing is half-written.
    let driver = Driver::start()?;
    let app = App::launch(&driver, data.path()).await?;
    open_meeting(&app).await?;
    assert_eq!(app.find_all("[data-testid=invitee-row]").await?.len(), 10);
    app.click("[data-testid=tab-agenda]").await?;
    let general = app.find("[data-testid=meeting-notes]").await?.prop("value").await?.unwrap_or_default();
    assert!(general.starts_with("Ghi chép đã lưu trước sự cố."), "{general:?}");
    let item_notes = app.find_all("[data-testid=agenda-notes]").await?;
    assert_eq!(
        item_notes[0].prop("value").await?.as_deref(),
        Some("Sở Thông tin và Truyền thông báo cáo: 97% văn bản đi được ký số.")
    );
    // A report attached to the first item, through the app's own open dialog.
    app.click("[data-testid=agenda-attach]").await?;
    app.wait_text("[data-testid=agenda-item]", "list the attached file", |t| {
        t.contains("Báo cáo 9 tháng.pdf (293 KB)")
    })
    .await?;
    // Kept once in the file store (files/sha256/ab/<hash>), the name only as a label.
    let stored: Vec<_> = std::fs::read_dir(data.path().join("files").join("sha256"))?
        .flat_map(|m| std::fs::read_dir(m.map(|m| m.path()).unwrap_or_default()).into_iter().flatten())
        .flatten()
        .map(|f| f.path())
        .collect();
    assert_eq!(stored.len(), 1, "{stored:?}");
    let sha = String::from_utf8(Command::new("sha256sum").arg(&stored[0]).output()?.stdout)?;
    let name = stored[0].file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    assert!(sha.starts_with(&name) && name.len() == 64, "{name} vs {sha}");
    assert_eq!(std::fs::read(&stored[0])?, report);

    // Four conclusions.
    app.click("[data-testid=tab-conclusions]").await?;
    for (text, lead, deadline) in [
        ("Hoàn thành kết nối dữ liệu khám chữa bệnh với Trung tâm dữ liệu tỉnh", "Sở Y tế", "31/12/2024"),
        ("Tham mưu kiện toàn Tổ Công tác", "Sở Nội vụ", "15/10/2024"),
        ("Báo cáo tiến độ số hóa hồ sơ thủ tục hành chính", "Sở Khoa học và Công nghệ", "30/11/2024"),
        ("Tổng hợp nhu cầu kinh phí chuyển đổi số năm 2025", "Sở Tài chính", "30/11/2024"),
    ] {
        app.click("[data-testid=conclusion-add]").await?;
        app.type_into("[data-testid=conclusion-text]", text).await?;
        app.find("[data-testid=conclusion-lead]").await?.select_by_label(lead).await?;
        app.type_into("[data-testid=conclusion-deadline]", deadline).await?;
        app.click("[data-testid=conclusion-dialog] [data-testid=dialog-submit]").await?;
        app.wait_gone("[data-testid=conclusion-dialog]").await?;
    }
    app.wait_text("[data-testid=conclusion-row]", "list four conclusions", |t| t.lines().count() == 4).await?;

    // Actual times, then the three documents: generated, opened, issued.
    app.type_into("[data-testid=actual-start]", "14:05").await?;
    app.type_into("[data-testid=actual-end]", "16:40").await?;
    // The times save themselves on leaving the field.
    app.find("[data-testid=actual-end]").await?.send_keys("\u{E004}").await?;
    app.wait_text("[data-testid=times-state]", "save the times", |t| t == "Đã lưu").await?;
    app.click("[data-testid=tab-documents]").await?;
    // The invitation must be dated before the meeting (05/09/2024): the văn thư's guard refuses
    // the day after and says why, before anything is numbered; the others are dated after it.
    for (role, date) in [("invitation", "30/08/2024"), ("minutes", "06/09/2024"), ("conclusions", "06/09/2024")] {
        app.click(&format!("[data-testid=generate-{role}]")).await?;
        app.click(&format!("[data-testid=open-{role}]")).await?;
        app.find("[data-testid=issue-document]").await?;
        if role == "minutes" {
            // Opening a generated document and going back never marks it edited by hand; back
            // says where it goes (the meeting).
            app.find("[data-testid=pdf-preview][data-pages]:not([data-pages='0'])").await?;
            tokio::time::sleep(Duration::from_millis(1500)).await;
            assert_eq!(app.text("[data-testid=back-to-list]").await?, "← Về cuộc họp");
            app.click("[data-testid=back-to-list]").await?;
            app.click("[data-testid=tab-documents]").await?;
            let docs = app.text("[data-testid=meeting-documents]").await?;
            assert!(!docs.contains("sửa tay"), "{docs}");
            app.click(&format!("[data-testid=open-{role}]")).await?;
            app.find("[data-testid=issue-document]").await?;
        }
        app.click("[data-testid=issue-document]").await?;
        if role == "invitation" {
            app.type_into("[data-testid=issue-date]", &format!("06/09/2024{TAB}")).await?;
            app.wait_text("[data-testid=issue-refusals]", "refuse a late invitation", |t| {
                t.contains("Giấy mời phải ban hành trước ngày họp (05/09/2024).")
            })
            .await?;
            app.click("[data-testid=issue-dialog] [data-testid=dialog-submit]").await?;
            app.wait_text("[data-testid=issue-dialog]", "say why nothing was issued", |t| {
                t.contains("Chưa ban hành được")
            })
            .await?;
            app.screenshot("22-invitation-refused").await?;
            assert!(app.find_all("[data-testid=document-number]").await?.is_empty(), "no number was used");
        }
        app.type_into("[data-testid=issue-date]", &format!("{date}{TAB}")).await?;
        app.wait_gone("[data-testid=issue-refusals]").await?;
        app.click("[data-testid=issue-dialog] [data-testid=dialog-submit]").await?;
        app.wait_text("[data-testid=document-number]", "number the document", |t| t.contains("/")).await?;
        app.click("[data-testid=back-to-list]").await?;
        app.click("[data-testid=tab-documents]").await?;
    }
    let docs = app.text("[data-testid=meeting-documents]").await?;
    for n in ["01/GM-TCT", "01/BB-TCT", "01/TB-TCT"] {
        assert!(docs.contains(n), "{docs}");
    }
    app.screenshot("21-meeting-documents").await?;
    app.close().await?;

    // The issued PDFs, read back.
    let text_of = |number: &str| issued_pdf_text(data.path(), number);
    let gm = text_of("01/GM-TCT")?;
    assert!(gm.contains("Thời gian: 14 giờ 00, thứ Năm, ngày 05 tháng 9 năm 2024."), "{gm}");
    assert!(gm.contains("- Ông Võ Trọng Phú, Phó Giám đốc Sở Thông tin và Truyền thông;"), "{gm}");
    assert!(gm.contains("Tới dự: Phiên họp Tổ Công tác quý III năm 2024."), "{gm}");
    assert!(gm.contains("- Như thành phần mời; - Lưu: VT, TCT."), "{gm}");
    // Header, symbol and signing block of one body: the task force, with its leader's post in
    // the host department (it uses that department's seal).
    assert!(gm.contains("TỔ CÔNG TÁC GIÚP VIỆC"), "{gm}");
    assert!(gm.contains("TM. TỔ CÔNG TÁC TỔ TRƯỞNG PHÓ GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG Võ Trọng Phú"), "{gm}");
    assert!(!gm.contains("BCĐCĐS") && !gm.contains("cuộc họp Phiên họp"), "{gm}");
    let bb = text_of("01/BB-TCT")?;
    for expected in [
        "Thời gian bắt đầu: 14 giờ 05, thứ Năm, ngày 05 tháng 9 năm 2024.",
        "(có lý do: Đi công tác tại Hà Nội)",
        "- Lê Thị Hoa, đại diện Công an tỉnh;",
        "- Nguyễn Văn Cử, đại diện Sở Khoa học và Công nghệ;",
        "97% văn bản đi được ký số.",
        "Phiên họp kết thúc vào 16 giờ 40, ngày 05 tháng 9 năm 2024./.",
        "Thư ký (người ghi biên bản): Bà Nguyễn Thị Hà.",
        "THƯ KÝ CHỦ TỌA",
        "4. Tổng hợp nhu cầu kinh phí chuyển đổi số năm 2025. Sở Tài chính chủ trì; thời hạn: trước ngày 30/11/2024.",
    ] {
        assert!(bb.contains(expected), "Biên bản lacks {expected:?}:\n{bb}");
    }
    let tb = text_of("01/TB-TCT")?;
    for expected in [
        "Kết luận của Tổ trưởng Tổ Công tác tại Phiên họp Tổ Công tác quý III năm 2024",
        "Tổ Công tác giúp việc Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An thông báo để các cơ quan",
        "1. Hoàn thành kết nối dữ liệu khám chữa bệnh với Trung tâm dữ liệu tỉnh. Sở Y tế chủ trì; thời hạn: trước ngày 31/12/2024.",
        "2. Tham mưu kiện toàn Tổ Công tác. Sở Nội vụ chủ trì; thời hạn: trước ngày 15/10/2024.",
        "3. Báo cáo tiến độ số hóa",
        "4. Tổng hợp nhu cầu kinh phí",
    ] {
        assert!(tb.contains(expected), "Thông báo lacks {expected:?}:\n{tb}");
    }
    Ok(())
}
