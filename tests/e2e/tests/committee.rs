//! The quarterly session of the Steering Committee, chaired by its head, entered in the window:
//! its Giấy mời, Biên bản and Thông báo kết luận come out headed, numbered and signed by the
//! committee (never the task force), people in protocol order, honorifics lower-case inside a
//! sentence, no doubled words; issuing the minutes with one member's attendance not taken asks
//! first and names him.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use secretariat_e2e::{app_binary, issued_pdf_text, App, Driver, Res};
use std::process::Command;
use std::time::Duration;

const DOWN: &str = "\u{E015}";
const TAB: &str = "\u{E004}";

async fn press(app: &App, keys: &str) -> Res<()> {
    let mut actions = KeyActions::new("keyboard".into());
    for c in keys.chars() {
        actions = actions.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
    }
    app.client.perform_actions(actions).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_steering_committee_quarterly_session() -> Res<()> {
    let data = tempfile::tempdir()?;
    let cli = |args: &[&str]| {
        let out = Command::new(app_binary()).arg("--data-dir").arg(data.path()).args(args).output().expect("runs");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap_or_default()
    };
    // The committee as the province names it (test people), set up from the command line.
    cli(&["example-data", "load"]);
    for (name, honorific, post, role) in [
        ("Lê Hồng Vinh", "ong", "Chủ tịch Ủy ban nhân dân tỉnh", "head"),
        ("Bùi Đình Long", "ong", "Phó Chủ tịch Ủy ban nhân dân tỉnh", "deputy_head"),
        ("Hoàng Nghĩa Hiếu", "ong", "Giám đốc Sở Thông tin và Truyền thông", "committee_member"),
        ("Phạm Thị An", "ba", "Giám đốc Sở Tài chính", "committee_member"),
    ] {
        cli(&["person", "add", "--name", name, "--honorific", honorific, "--post", post]);
        cli(&[
            "membership",
            "add",
            "--body",
            "committee",
            "--role",
            role,
            "--person",
            name,
            "--from",
            "01/01/2024",
            "--decision",
            "12/QĐ-UBND",
            "--decision-date",
            "01/01/2024",
        ]);
    }
    cli(&[
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

    let driver = Driver::start()?;
    let app = App::launch(&driver, data.path()).await?;
    app.click("[data-testid=nav-meetings]").await?;
    app.click("[data-testid=new-meeting]").await?;
    app.find("[data-testid=meeting-dialog]").await?;
    app.find("[data-testid=meeting-body]").await?.select_by_label("Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An").await?;
    app.type_into("[data-testid=meeting-subject]", "Phiên họp Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024").await?;
    app.type_into("[data-testid=meeting-date]", "05/09/2024").await?;
    app.type_into("[data-testid=meeting-start]", "14:00").await?;
    app.type_into("[data-testid=meeting-place]", "Hội trường tầng 2, Ủy ban nhân dân tỉnh").await?;
    app.find("[data-testid=meeting-chair]")
        .await?
        .select_by_label("Lê Hồng Vinh — Chủ tịch Ủy ban nhân dân tỉnh")
        .await?;
    app.type_into("[data-testid=meeting-chair-title]", "Trưởng Ban Chỉ đạo").await?;
    app.find("#md-secretary").await?.select_by_label("Nguyễn Thị Hà").await?;
    app.click("[data-testid=meeting-dialog] [data-testid=dialog-submit]").await?;
    app.find("[data-testid=meeting-heading]").await?;

    // The whole committee, in protocol order; the last member's attendance is not taken.
    app.click("[data-testid=invite-body]").await?;
    app.wait_text("[data-testid=invitee-row]", "list the committee", |t| t.lines().count() >= 4).await?;
    let rows = app.find_all("[data-testid=invitee-row]").await?;
    assert_eq!(rows.len(), 4);
    let order = app.texts("[data-testid=invitee-row]").await?;
    for (row, name) in order.iter().zip(["Lê Hồng Vinh", "Bùi Đình Long", "Hoàng Nghĩa Hiếu", "Phạm Thị An"])
    {
        assert!(row.contains(name), "protocol order: {order:?}");
    }
    rows[0].find(fantoccini::Locator::Css("td.num")).await?.click().await?;
    for _ in 0..3 {
        press(&app, "c").await?;
        tokio::time::sleep(Duration::from_millis(150)).await;
        press(&app, DOWN).await?;
    }
    app.wait_text("[data-testid=attendance-summary]", "count the attendance", |t| t.contains("3 có mặt")).await?;

    app.click("[data-testid=tab-conclusions]").await?;
    for (text, lead, deadline) in [
        ("Hoàn thành kết nối dữ liệu khám chữa bệnh với Trung tâm dữ liệu tỉnh", "Sở Y tế", "quý IV năm 2024"),
        ("Báo cáo tình hình chuyển đổi số", "Sở Khoa học và Công nghệ", "hằng tháng"),
    ] {
        app.click("[data-testid=conclusion-add]").await?;
        app.type_into("[data-testid=conclusion-text]", text).await?;
        app.find("[data-testid=conclusion-lead]").await?.select_by_label(lead).await?;
        app.type_into("[data-testid=conclusion-deadline]", deadline).await?;
        app.find("[data-testid=conclusion-deadline-meaning]").await?;
        app.click("[data-testid=conclusion-dialog] [data-testid=dialog-submit]").await?;
        app.wait_gone("[data-testid=conclusion-dialog]").await?;
    }

    // The minutes need the time the session ended (else "kết thúc vào … giờ …" is refused).
    app.type_into("[data-testid=actual-start]", "14:05").await?;
    app.type_into("[data-testid=actual-end]", "16:40").await?;
    // The times save themselves on leaving the field.
    app.find("[data-testid=actual-end]").await?.send_keys("\u{E004}").await?;
    app.wait_text("[data-testid=times-state]", "save the times", |t| t == "Đã lưu").await?;
    app.click("[data-testid=tab-documents]").await?;
    for (role, date) in [("invitation", "30/08/2024"), ("minutes", "06/09/2024"), ("conclusions", "09/09/2024")] {
        app.click(&format!("[data-testid=generate-{role}]")).await?;
        app.click(&format!("[data-testid=open-{role}]")).await?;
        app.click("[data-testid=issue-document]").await?;
        app.type_into("[data-testid=issue-date]", &format!("{date}{TAB}")).await?;
        if role != "invitation" {
            // Attendance was not taken for one member: the dialog names her and asks.
            app.wait_text("[data-testid=issue-warnings]", "warn about attendance", |t| {
                t.contains("Chưa điểm danh 1 người") && t.contains("Phạm Thị An")
            })
            .await?;
            app.screenshot("30-committee-warning").await?;
            app.click("[data-testid=issue-dialog] [data-testid=dialog-submit]").await?;
            app.wait_text("[data-testid=issue-dialog]", "ask to confirm", |t| t.contains("Vẫn ban hành?")).await?;
            if role == "minutes" {
                app.screenshot("30-committee-confirm").await?;
            }
        }
        app.click("[data-testid=issue-dialog] [data-testid=dialog-submit]").await?;
        app.wait_gone("[data-testid=issue-dialog]").await?;
        app.wait_text("[data-testid=document-number]", "number the document", |t| t.contains("/")).await?;
        app.click("[data-testid=back-to-list]").await?;
        app.click("[data-testid=tab-documents]").await?;
    }
    let docs = app.text("[data-testid=meeting-documents]").await?;
    for n in ["01/GM-BCĐCĐS", "01/BB-BCĐCĐS", "01/TB-BCĐCĐS"] {
        assert!(docs.contains(n), "{docs}");
    }
    app.screenshot("31-committee-documents").await?;
    app.close().await?;

    let text_of = |number: &str| issued_pdf_text(data.path(), number);
    for number in ["01/GM-BCĐCĐS", "01/BB-BCĐCĐS", "01/TB-BCĐCĐS"] {
        let text = text_of(number)?;
        // One body: the committee's header, symbol and signing block; no task force anywhere.
        assert!(text.contains("UBND TỈNH NGHỆ AN BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ"), "{number}: {text}");
        assert!(text.contains(&format!("Số: {number}")), "{number}: {text}");
        assert!(!text.contains("TỔ CÔNG TÁC") && !text.contains("TCT-") && !text.contains("-TCT "), "{number}: {text}");
        assert!(!text.contains("cuộc họp Phiên họp") && !text.contains("Phiên họp Phiên họp"), "{number}: {text}");
        assert!(
            !text.contains("Phạm Thị An, Giám đốc Sở Tài chính;") || number == "01/GM-BCĐCĐS",
            "{number}: not taken, not present"
        );
    }
    let gm = text_of("01/GM-BCĐCĐS")?;
    assert!(gm.contains("Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An trân trọng kính mời: - Ông Lê Hồng Vinh, Chủ tịch Ủy ban nhân dân tỉnh; - Ông Bùi Đình Long"), "{gm}");
    assert!(gm.contains("TM. BAN CHỈ ĐẠO TRƯỞNG BAN Lê Hồng Vinh"), "{gm}");
    let bb = text_of("01/BB-BCĐCĐS")?;
    assert!(bb.contains("Chủ trì (chủ tọa): Ông Lê Hồng Vinh, Trưởng Ban Chỉ đạo."), "{bb}");
    assert!(bb.contains("THƯ KÝ CHỦ TỌA"), "{bb}");
    let tb = text_of("01/TB-BCĐCĐS")?;
    for expected in [
        "Kết luận của Trưởng Ban Chỉ đạo tại Phiên họp Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024",
        "ông Lê Hồng Vinh, Trưởng Ban Chỉ đạo chủ trì",
        "1. Hoàn thành kết nối dữ liệu khám chữa bệnh với Trung tâm dữ liệu tỉnh. Sở Y tế chủ trì; thời hạn: quý IV năm 2024.",
        "Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An thông báo để các cơ quan",
        "TM. BAN CHỈ ĐẠO TRƯỞNG BAN",
    ] {
        assert!(tb.contains(expected), "Thông báo lacks {expected:?}:\n{tb}");
    }
    Ok(())
}
