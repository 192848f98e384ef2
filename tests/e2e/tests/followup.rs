//! Follow-up in the window, on the test clock's 01/11/2024: a task force session's Thông báo
//! kết luận with six conclusions (dates, a monthly report, "quý IV", "thường xuyên") is issued
//! and they become tasks; progress is recorded on two; the overview and the task list show
//! exactly the overdue ones and whose they are; the chasing letters and the period's report are
//! generated, issued, and their PDFs read back.

use secretariat_e2e::{app_binary, issued_pdf_text, App, Driver, Res};
use std::process::Command;
use std::time::{Duration, Instant};

const TAB: &str = "\u{E004}";

/// Issues the document open in the editor on `date`; returns its number.
async fn issue_open_document(app: &App, date: &str) -> Res<String> {
    app.click("[data-testid=issue-document]").await?;
    app.find("[data-testid=issue-dialog]").await?;
    app.type_into("[data-testid=issue-date]", &format!("{date}{TAB}")).await?;
    app.wait_gone("[data-testid=issue-refusals]").await?;
    app.click("[data-testid=issue-dialog] [data-testid=dialog-submit]").await?;
    // Warnings (if any) ask once more.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(n) = app.text("[data-testid=document-number]").await {
            if n.contains('/') {
                return Ok(n.trim_start_matches("số ").trim().to_string());
            }
        }
        if !app.find_all("[data-testid=issue-dialog] [data-testid=dialog-submit]").await?.is_empty() {
            let _ = app.click("[data-testid=issue-dialog] [data-testid=dialog-submit]").await;
        }
        if Instant::now() > deadline {
            return Err("the document was not issued".into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// A screenshot once the window has painted what the page now holds (WebKit under Xvfb may
/// hand back the previous frame right after a change).
async fn shot(app: &App, name: &str) -> Res<()> {
    tokio::time::sleep(Duration::from_millis(800)).await;
    app.screenshot(name).await?;
    Ok(())
}

/// Opens the task whose content starts with `content` from the list (all statuses).
async fn open_task(app: &App, content: &str) -> Res<()> {
    app.click("[data-testid=nav-tasks]").await?;
    app.find("[data-testid=task-table]").await?;
    app.type_into("[data-testid=task-filter-text]", content).await?;
    app.wait_text("[data-testid=task-row]", "show the one task", |t| t.lines().count() == 1 && t.contains(content))
        .await?;
    app.click("[data-testid=open-task]").await?;
    app.wait_text("[data-testid=task-view-content]", "open the task", |t| t.contains(content)).await?;
    Ok(())
}

async fn record_progress(app: &App, date: &str, number: &str, text: &str, done: bool, file: bool) -> Res<()> {
    app.click("[data-testid=task-progress]").await?;
    app.find("[data-testid=progress-dialog]").await?;
    app.type_into("[data-testid=progress-date]", date).await?;
    app.type_into("[data-testid=progress-number]", number).await?;
    app.type_into("[data-testid=progress-text]", text).await?;
    if done {
        app.click("[data-testid=progress-completes]").await?;
    }
    if file {
        // Chosen in the app's own open dialog (answered through SECRETARIAT_DIALOG_PICK).
        app.click("[data-testid=progress-attach]").await?;
    }
    app.click("[data-testid=progress-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=progress-dialog]").await?;
    app.wait_text("[data-testid=progress-row]", "list the report", |t| t.contains(number)).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn six_conclusions_chased_to_their_end() -> Res<()> {
    let data = tempfile::tempdir()?;
    let cli = |args: &[&str]| {
        let out = Command::new(app_binary()).arg("--data-dir").arg(data.path()).args(args).output().expect("runs");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap_or_default().trim().to_string()
    };
    // The roster and a session of the task force held on 10/09/2024 with five of its six
    // conclusions, set up from the command line (the meeting screens have their own test).
    cli(&["example-data", "load"]);
    let meeting = cli(&[
        "meeting",
        "create",
        "--body",
        "task-force",
        "--form",
        "session",
        "--subject",
        "Tổ Công tác quý III năm 2024",
        "--date",
        "10/09/2024",
        "--start",
        "14:00",
        "--place",
        "Hội trường tầng 2, Sở Thông tin và Truyền thông",
        "--chair",
        "Võ Trọng Phú",
        "--chair-title",
        "Tổ trưởng Tổ Công tác",
    ]);
    let meeting = meeting.lines().last().unwrap_or_default().to_string();
    for (text, lead, deadline) in [
        ("Hoàn thành kết nối dữ liệu khám chữa bệnh với Trung tâm dữ liệu tỉnh", "Sở Y tế", "31/10/2024"),
        ("Tham mưu kiện toàn Tổ Công tác", "Sở Nội vụ", "15/10/2024"),
        ("Báo cáo tiến độ số hóa hồ sơ thủ tục hành chính", "Sở Khoa học và Công nghệ", "hằng tháng, trước ngày 25"),
        ("Triển khai nền tảng định danh điện tử tại bộ phận một cửa", "Công an tỉnh", "05/11/2024"),
        ("Duy trì vận hành Cổng dịch vụ công của tỉnh", "Sở Thông tin và Truyền thông", "thường xuyên"),
    ] {
        cli(&["meeting", "conclusion", &meeting, "--text", text, "--lead", lead, "--deadline", deadline]);
    }

    // The window, on the test clock's day (inherited by the app through tauri-driver).
    std::env::set_var("SECRETARIAT_TODAY", "2024-11-01");
    let papers = tempfile::tempdir()?;
    std::fs::write(papers.path().join("Báo cáo nhu cầu kinh phí.pdf"), b"%PDF-1.7\n% test report\n")?;
    std::env::set_var("SECRETARIAT_DIALOG_DIR", papers.path());
    std::env::set_var("SECRETARIAT_DIALOG_PICK", "Báo cáo nhu cầu kinh phí.pdf");
    let driver = Driver::start()?;
    let app = App::launch(&driver, data.path()).await?;
    // The window opens on the overview: nothing to chase yet.
    app.find("[data-testid=home-overdue]").await?;
    app.wait_text("[data-testid=tile-overdue]", "count no overdue task", |t| t.starts_with('0')).await?;

    // The sixth conclusion in the meeting's editor, its deadline written as people write it.
    app.click("[data-testid=nav-meetings]").await?;
    app.click("[data-testid=open-meeting]").await?;
    app.click("[data-testid=tab-conclusions]").await?;
    app.click("[data-testid=conclusion-add]").await?;
    app.type_into("[data-testid=conclusion-text]", "Tổng hợp nhu cầu kinh phí chuyển đổi số năm 2025").await?;
    app.find("[data-testid=conclusion-lead]").await?.select_by_label("Sở Tài chính").await?;
    app.type_into("[data-testid=conclusion-deadline]", &format!("quý IV{TAB}")).await?;
    app.click("[data-testid=conclusion-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=conclusion-dialog]").await?;
    let rows =
        app.wait_text("[data-testid=conclusion-row]", "list six conclusions", |t| t.lines().count() >= 6).await?;
    assert!(rows.contains("quý IV năm 2024"), "{rows}");
    assert!(rows.contains("hằng tháng, trước ngày 25"), "{rows}");
    assert!(rows.contains("Chưa giao"), "not tasks before the announcement is issued: {rows}");

    // The Thông báo kết luận, generated and issued on 12/09/2024: the conclusions become tasks.
    app.click("[data-testid=tab-documents]").await?;
    app.click("[data-testid=generate-conclusions]").await?;
    app.click("[data-testid=open-conclusions]").await?;
    let tb = issue_open_document(&app, "12/09/2024").await?;
    assert_eq!(tb, "01/TB-TCT");
    app.click("[data-testid=back-to-list]").await?;
    app.click("[data-testid=tab-conclusions]").await?;
    let standing = app
        .wait_text("[data-testid=conclusion-status]", "show where each stands", |t| !t.contains("Chưa giao"))
        .await?;
    assert_eq!(standing.matches("Quá hạn").count(), 3, "{standing}");
    shot(&app, "44-conclusions").await?;

    // Progress on two: the Sở Nội vụ's done on 10/10/2024 (on time), the Sở Tài chính's under way.
    open_task(&app, "Tham mưu kiện toàn").await?;
    record_progress(&app, "10/10/2024", "112/BC-SNV", "Đã trình Quyết định kiện toàn Tổ Công tác.", true, false)
        .await?;
    app.wait_text("[data-testid=task-view-status]", "count it done on time", |t| t == "Hoàn thành đúng hạn").await?;
    open_task(&app, "Tổng hợp nhu cầu kinh phí").await?;
    record_progress(&app, "28/10/2024", "305/STC-NS", "Đã gửi văn bản đề nghị các sở báo cáo nhu cầu.", false, true)
        .await?;
    let row = app.text("[data-testid=progress-row]").await?;
    assert!(row.contains("Báo cáo nhu cầu kinh phí.pdf"), "{row}");
    app.wait_text("[data-testid=task-view-status]", "count it under way", |t| t == "Đang thực hiện").await?;

    // The overview: exactly the two overdue tasks, and whose they are; one due within 7 days.
    app.click("[data-testid=nav-home]").await?;
    let overdue =
        app.wait_text("[data-testid=home-overdue-row]", "list the overdue tasks", |t| t.lines().count() >= 2).await?;
    let overdue_rows = app.texts("[data-testid=home-overdue-row]").await?;
    assert_eq!(overdue_rows.len(), 2, "{overdue}");
    assert!(overdue.contains("Hoàn thành kết nối dữ liệu khám chữa bệnh") && overdue.contains("Sở Y tế"), "{overdue}");
    assert!(overdue.contains("Báo cáo tiến độ số hóa") && overdue.contains("Sở Khoa học và Công nghệ"), "{overdue}");
    assert!(overdue.contains("01/TB-TCT"), "each with its source: {overdue}");
    assert_eq!(app.text("[data-testid=tile-overdue] strong").await?, "2");
    let soon = app.texts("[data-testid=home-due-soon-row]").await?;
    assert_eq!(soon.len(), 1, "{soon:?}");
    assert!(soon[0].contains("Công an tỉnh") && soon[0].contains("05/11/2024"), "{soon:?}");
    let issued = app.text("[data-testid=home-issued]").await?;
    assert!(!issued.contains("01/TB-TCT"), "issued in September, not this month: {issued}");
    // `make screenshots` copies it for the README.
    shot(&app, "40-home").await?;

    // One click from the overview: the list of overdue tasks.
    app.click("[data-testid=tile-overdue]").await?;
    let listed = app.wait_text("[data-testid=task-row]", "list the overdue", |t| t.lines().count() >= 1).await?;
    let statuses = app.texts("[data-testid=task-status]").await?;
    assert_eq!(statuses.len(), 2, "{listed}");
    assert!(statuses.iter().all(|s| s.starts_with("Quá hạn")), "{statuses:?}");
    // The whole list, grouped by lead agency.
    app.find("[data-testid=task-filter-status]").await?.select_by_label("Tất cả").await?;
    app.find("[data-testid=task-group]").await?.select_by_label("Cơ quan chủ trì").await?;
    app.wait_text("[data-testid=task-counts]", "count all six", |t| t.starts_with("6 nhiệm vụ")).await?;
    let counts = app.text("[data-testid=task-counts]").await?;
    assert!(
        counts.contains("quá hạn 2") && counts.contains("sắp đến hạn 1") && counts.contains("hoàn thành 1"),
        "{counts}"
    );
    shot(&app, "41-tasks").await?;
    // "Xuất Excel": the six tasks in a spreadsheet, where the app's save dialog points.
    app.click("[data-testid=task-export-xlsx]").await?;
    let notice = app.wait_text("[data-testid=task-notice]", "export the list", |t| t.starts_with("Đã xuất")).await?;
    let xlsx = papers.path().join("danh-sach-nhiem-vu-2024-11-01.xlsx");
    assert_eq!(notice, format!("Đã xuất danh sách nhiệm vụ ra tệp {}.", xlsx.display()));
    let out = std::process::Command::new("unzip").arg("-p").arg(&xlsx).arg("xl/worksheets/sheet1.xml").output()?;
    assert_eq!(String::from_utf8(out.stdout)?.matches("<row ").count(), 3 + 6, "titles, header, six tasks");
    // Text without diacritics finds a task.
    app.type_into("[data-testid=task-filter-text]", "dinh danh").await?;
    app.wait_text("[data-testid=task-row]", "find by words without diacritics", |t| {
        t.lines().count() == 1 && t.contains("định danh điện tử")
    })
    .await?;

    // Per agency, with the chart.
    app.click("[data-testid=tasks-tab-agencies]").await?;
    let agencies = app.wait_text("[data-testid=agency-row]", "list the agencies", |t| t.lines().count() >= 6).await?;
    assert!(agencies.contains("Sở Nội vụ"), "{agencies}");
    app.find("[data-testid=completion-chart] canvas").await?;
    shot(&app, "42-agencies").await?;
    app.click("[data-testid=tasks-tab-list]").await?;

    // The chasing letters: one to each agency with overdue tasks, issued on 01/11/2024.
    app.click("[data-testid=task-letter]").await?;
    app.find("[data-testid=letter-dialog]").await?;
    app.click("[data-testid=letter-all]").await?;
    app.click("[data-testid=letter-dialog] [data-testid=dialog-submit]").await?;
    let made = app.wait_text("[data-testid=letter-made]", "list two drafts", |t| t.lines().count() == 2).await?;
    assert!(made.contains("Sở Y tế") || made.contains("Y tế"), "{made}");
    // The Sở Y tế's opened from the dialog, the other from the overview's drafts waiting.
    let letters = app.texts("[data-testid=letter-made]").await?;
    let health = letters.iter().position(|t| t.contains("Sở Y tế")).ok_or("no letter to the Sở Y tế")?;
    app.find_all("[data-testid=letter-made]").await?[health].click().await?;
    let health_letter = issue_open_document(&app, "01/11/2024").await?;
    app.click("[data-testid=back-to-list]").await?;
    app.click("[data-testid=nav-home]").await?;
    let drafts = app.wait_text("[data-testid=home-draft]", "list the other letter", |t| t.lines().count() == 1).await?;
    assert!(drafts.contains("Đôn đốc"), "{drafts}");
    app.click("[data-testid=home-draft]").await?;
    let science_letter = issue_open_document(&app, "01/11/2024").await?;
    app.click("[data-testid=back-to-list]").await?;
    app.click("[data-testid=nav-home]").await?;
    let issued = app
        .wait_text("[data-testid=home-issued]", "list this month's letters", |t| t.contains(&science_letter))
        .await?;
    assert!(issued.contains(&health_letter) && issued.contains(&science_letter), "{issued}");

    // The letter is on the task's history.
    open_task(&app, "Hoàn thành kết nối dữ liệu").await?;
    let sent =
        app.wait_text("[data-testid=letter-row]", "record the letter sent", |t| t.contains(&health_letter)).await?;
    assert_eq!(sent.lines().count(), 1, "{sent}");
    assert!(app.text("[data-testid=task-view-status]").await?.starts_with("Quá hạn"));
    shot(&app, "43-task").await?;
    // Its source: the meeting, on its conclusions and where each stands.
    app.click("[data-testid=task-open-meeting]").await?;
    // (Cells are read one by one: wait until none still shows the state before loading.)
    let standing = app
        .wait_text("[data-testid=conclusion-status]", "show the six", |t| {
            t.contains("Hoàn thành đúng hạn") && !t.contains("Chưa giao")
        })
        .await?;
    assert_eq!(standing.matches("Quá hạn").count(), 2, "{standing}");
    open_task(&app, "Hoàn thành kết nối dữ liệu").await?;

    // The report for the year to date.
    app.click("[data-testid=back-to-tasks]").await?;
    app.click("[data-testid=task-report]").await?;
    app.find("[data-testid=report-dialog]").await?;
    app.type_into("[data-testid=report-from]", "01/01/2024").await?;
    app.type_into("[data-testid=report-to]", "01/11/2024").await?;
    app.click("[data-testid=report-dialog] [data-testid=dialog-submit]").await?;
    let report = issue_open_document(&app, "01/11/2024").await?;
    app.click("[data-testid=back-to-list]").await?;

    // As of an earlier day: on 20/10/2024 only the monthly report was late.
    app.type_into("[data-testid=task-filter-text]", " ").await?;
    app.type_into("[data-testid=as-of]", "20/10/2024").await?;
    app.wait_text("[data-testid=task-counts]", "count as of 20/10/2024", |t| t.contains("quá hạn 1 ")).await?;
    let late = app.texts("[data-testid=task-row][data-status=overdue]").await?;
    assert_eq!(late.len(), 1, "{late:?}");
    assert!(late[0].contains("Báo cáo tiến độ số hóa"), "{late:?}");
    app.click("[data-testid=as-of-today]").await?;
    app.wait_text("[data-testid=task-counts]", "count as of today again", |t| t.contains("quá hạn 2 ")).await?;

    // An extension granted on 01/11/2024: the original deadline stays on record.
    open_task(&app, "Hoàn thành kết nối dữ liệu").await?;
    app.click("[data-testid=task-extend]").await?;
    app.find("[data-testid=extend-dialog]").await?;
    app.type_into("[data-testid=extend-dialog] [data-testid=conclusion-deadline]", &format!("30/11/2024{TAB}")).await?;
    app.type_into("[data-testid=extend-decision]", "150/UBND-KT").await?;
    app.click("[data-testid=extend-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=extend-dialog]").await?;
    app.wait_text("[data-testid=task-view-status]", "leave it within its new deadline", |t| t == "Chưa đến hạn")
        .await?;
    let deadline = app.text("[data-testid=task-view-deadline]").await?;
    assert!(
        deadline.contains("trước ngày 30/11/2024") && deadline.contains("Thời hạn ban đầu: trước ngày 31/10/2024"),
        "{deadline}"
    );
    assert!(app.text("[data-testid=extension-table]").await?.contains("150/UBND-KT"));

    // A task typed by hand, with its source as cited.
    app.click("[data-testid=back-to-tasks]").await?;
    app.click("[data-testid=task-add]").await?;
    app.find("[data-testid=task-dialog]").await?;
    app.type_into("[data-testid=task-content]", "Rà soát danh mục dữ liệu mở năm 2025").await?;
    app.find("[data-testid=task-lead]").await?.select_by_label("Sở Thông tin và Truyền thông").await?;
    app.type_into("[data-testid=task-source-number]", "125/UBND-KT").await?;
    app.type_into("[data-testid=task-source-date]", "25/10/2024").await?;
    app.type_into("[data-testid=task-dialog] [data-testid=conclusion-deadline]", &format!("tháng 12/2024{TAB}"))
        .await?;
    app.click("[data-testid=task-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=task-dialog]").await?;
    app.wait_text("[data-testid=task-view-content]", "open the new task", |t| t.contains("dữ liệu mở")).await?;
    assert_eq!(app.text("[data-testid=task-view-status]").await?, "Chưa đến hạn");
    let deadline = app.text("[data-testid=task-view-deadline]").await?;
    assert!(deadline.contains("tháng 12/2024") || deadline.contains("tháng 12 năm 2024"), "{deadline}");
    app.close().await?;

    // The PDFs, read back.
    let science = issued_pdf_text(data.path(), &science_letter)?;
    assert!(science.contains("Sở Khoa học và Công nghệ") && science.contains("hằng tháng, trước ngày 25"), "{science}");
    let letter = issued_pdf_text(data.path(), &health_letter)?;
    for expected in
        ["Sở Y tế", "Hoàn thành kết nối dữ liệu khám chữa bệnh với Trung tâm dữ liệu tỉnh", "01/TB-TCT", "31/10/2024"]
    {
        assert!(letter.contains(expected), "the letter lacks {expected:?}:\n{letter}");
    }
    assert!(!letter.contains("Tham mưu kiện toàn"), "another agency's task in the letter:\n{letter}");
    let bc = issued_pdf_text(data.path(), &report)?;
    // Figures as of the clock's day, the Sở Nội vụ's report, and the two overdue tasks listed
    // (table cells wrap, so their first words).
    for expected in [
        "Số: 01/BC-TCT",
        "theo dõi 6 nhiệm vụ",
        "Đã hoàn thành: 1 nhiệm vụ (đúng hạn: 1, quá hạn: 0)",
        "Chưa hoàn thành: 5 nhiệm vụ (trong hạn: 3, quá hạn: 2)",
        "112/BC-SNV",
        "III. NHIỆM VỤ QUÁ HẠN",
    ] {
        assert!(bc.contains(expected), "the report lacks {expected:?}:\n{bc}");
    }
    let overdue_part = &bc[bc.find("III. NHIỆM VỤ QUÁ HẠN").unwrap_or(0)..bc.find("IV. KIẾN NGHỊ").unwrap_or(bc.len())];
    for expected in ["Báo cáo tiến độ số hóa", "Hoàn thành kết nối dữ liệu khám", "Sở Y tế", "trước ngày 31/10/2024"]
    {
        assert!(overdue_part.contains(expected), "the overdue list lacks {expected:?}:\n{overdue_part}");
    }
    assert!(!overdue_part.contains("Tham mưu kiện toàn"), "{overdue_part}");
    Ok(())
}
