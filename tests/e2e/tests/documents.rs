//! Drafting a Thông báo in the window: typing in the editor (bold, a numbered list), the
//! live preview, issuing it, and the issued PDF's text read back with pdftotext.

use secretariat_e2e::{app_binary, App, Driver, Res};
use std::process::Command;

const ENTER: &str = "\u{E007}";

#[tokio::test(flavor = "multi_thread")]
async fn draft_issue_and_read_back_an_announcement() -> Res<()> {
    let data = tempfile::tempdir()?;
    // WebDriver cannot drive the save dialog: the app answers it with this folder and the
    // name it proposes (the variable reaches the app through tauri-driver).
    let exports = tempfile::tempdir()?;
    std::env::set_var("SECRETARIAT_DIALOG_DIR", exports.path());
    let driver = Driver::start()?;
    let app = App::launch(&driver, data.path()).await?;

    app.click("[data-testid=nav-documents]").await?;
    app.click("[data-testid=new-document]").await?;
    app.find("[data-testid=new-document-dialog]").await?;
    app.click("[data-testid=new-document-dialog] [data-testid=dialog-submit]").await?;

    let subject = "Kết luận của Tổ trưởng tại cuộc họp Tổ Công tác tháng 01 năm 2025";
    app.type_into("[data-testid=document-subject]", subject).await?;
    // A Thông báo is issued by the task force by default; with no roster in this empty
    // database its signer is typed in, and the block is composed in the task force's name.
    app.find("[data-testid=document-authority]").await?;
    app.type_into("[data-testid=signer-name]", "Võ Trọng Phú").await?;
    app.type_into("[data-testid=document-recipients]", "Thành viên Tổ Công tác").await?;
    let body = app.find("[data-testid=body-editor]").await?;
    body.click().await?;
    // "1. " at the start of a line starts a numbered list; "Đậm" toggles bold.
    body.send_keys(&format!("Tổ trưởng Tổ Công tác kết luận như sau:{ENTER}1. Giao ")).await?;
    app.click("[data-testid=fmt-bold]").await?;
    body.send_keys("Sở Y tế").await?;
    app.click("[data-testid=fmt-bold]").await?;
    body.send_keys(&format!(" chủ trì triển khai hồ sơ sức khỏe điện tử.{ENTER}")).await?;
    body.send_keys("Các sở, ngành báo cáo trước ngày 25 hằng tháng.").await?;
    // Leave the list (Enter on an empty item) and add a table through its dialog.
    body.send_keys(&format!("{ENTER}{ENTER}")).await?;
    app.click("[data-testid=fmt-table]").await?;
    app.find("[data-testid=table-dialog]").await?;
    app.click("[data-testid=table-add-row]").await?;
    let cells = app.find_all("[data-testid=table-dialog] table input").await?;
    assert_eq!(cells.len(), 6, "2 columns: a header and two rows");
    for (cell, text) in cells.iter().zip([
        "Thời hạn",
        "Nội dung báo cáo",
        "Ngày 25 hằng tháng",
        "Báo cáo tháng",
        "Ngày 15/6/2025",
        "Sơ kết 6 tháng",
    ]) {
        cell.send_keys(text).await?;
    }
    app.click("[data-testid=table-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=table-dialog]").await?;

    // Saved on its own, and the preview shows the PDF.
    app.wait_text("[data-testid=draft-save-state]", "save the draft", |t| t == "Đã lưu").await?;
    // The preview follows: it draws the PDF of the version just saved.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let saved = app.find("[data-testid=draft-save-state]").await?.attr("data-saved").await?.unwrap_or_default();
        let preview = app.find("[data-testid=pdf-preview]").await?;
        let drawn = preview.attr("data-drawn").await?.unwrap_or_default();
        let pages = preview.attr("data-pages").await?.unwrap_or_default();
        let canvases = app.find_all("[data-testid=pdf-preview] canvas").await?.len();
        if !saved.is_empty() && drawn == saved && pages == "1" && canvases == 1 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the preview did not follow (saved {saved}, drawn {drawn}, pages {pages})"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.screenshot("10-document-draft").await?;

    // Issue, after the confirmation.
    app.click("[data-testid=issue-document]").await?;
    app.find("[data-testid=issue-dialog]").await?;
    app.type_into("[data-testid=issue-date]", "15/01/2025").await?;
    app.click("[data-testid=issue-dialog] [data-testid=dialog-submit]").await?;
    let number = app.wait_text("[data-testid=document-number]", "show the number", |t| !t.is_empty()).await?;
    assert_eq!(number, "số 01/TB-TCT");
    assert_eq!(app.text("[data-testid=document-status]").await?, "Đã ban hành");
    app.screenshot("11-document-issued").await?;
    // "Xuất PDF": the app's save dialog proposes "01-TB-TCT.pdf".
    app.click("[data-testid=export-pdf]").await?;
    let exported = exports.path().join("01-TB-TCT.pdf");
    let notice =
        app.wait_text("[data-testid=document-notice]", "confirm the export", |t| t.starts_with("Đã xuất tệp")).await?;
    assert_eq!(notice, format!("Đã xuất tệp {}.", exported.display()));
    app.click("[data-testid=back-to-list]").await?;
    // The list opens on every year; the year picker offers each year that has documents.
    app.find("[data-testid=doc-filter-year]").await?.select_by_label("2025").await?;
    let row = app.wait_text("[data-testid=document-row]", "list the document", |t| t.contains("01/TB-TCT")).await?;
    assert!(row.contains("15/01/2025") && row.contains("Đã ban hành"), "{row}");

    // ---- Found again by words of its body, typed without diacritics (issue 11's search).
    app.click("[data-testid=nav-search]").await?;
    app.type_into("[data-testid=search-input]", "ho so suc khoe dien tu").await?;
    let hit =
        app.wait_text("[data-testid=search-hit]", "find the document by its body", |t| t.contains("Kết luận")).await?;
    assert!(hit.contains("Thông báo · số 01/TB-TCT · 15/01/2025"), "{hit}");
    let marked = app.texts("[data-testid=search-hit-snippet] mark").await?;
    assert_eq!(marked, ["hồ", "sơ", "sức", "khỏe", "điện", "tử"], "the words found are marked as written");
    app.screenshot("12-search-document").await?;
    app.click("[data-testid=search-hit-title]").await?;
    let opened = app.wait_text("[data-testid=document-number]", "open the found document", |t| !t.is_empty()).await?;
    assert_eq!(opened, "số 01/TB-TCT");
    app.close().await?;

    // The issued PDF, as stored, read back by an independent tool.
    let cli = |args: &[&str]| {
        Command::new(app_binary()).arg("--data-dir").arg(data.path()).args(args).output().expect("the app binary runs")
    };
    let list: serde_json::Value = serde_json::from_slice(&cli(&["document", "list", "--json"]).stdout)?;
    let id = list[0]["id"].as_str().ok_or("no id")?;
    // The list carries summaries; the whole document comes from `document show`.
    let doc: serde_json::Value = serde_json::from_slice(&cli(&["document", "show", id, "--json"]).stdout)?;
    // The stored body: a paragraph, then two clauses, the first with its bold run.
    let body = &doc["content"]["body"];
    let kinds: Vec<&str> = body.as_array().ok_or("no body")?.iter().filter_map(|b| b["kind"].as_str()).collect();
    assert_eq!(kinds, ["paragraph", "clause", "clause", "table"], "{body}");
    assert_eq!(body[3]["rows"][1], serde_json::json!(["Ngày 15/6/2025", "Sơ kết 6 tháng"]), "{body}");
    assert_eq!(body[1]["runs"][1], serde_json::json!({ "text": "Sở Y tế", "bold": true }), "{body}");
    let pdf = data.path().join("issued.pdf");
    assert!(cli(&["document", "render", id, "--out", pdf.to_str().ok_or("path")?]).status.success());
    assert_eq!(std::fs::read(&exported)?, std::fs::read(&pdf)?, "the exported PDF is the stored one");
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&pdf).arg("-").output()?;
    let text = String::from_utf8(out.stdout)?.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Số: 01/TB-TCT",
        "TỔ CÔNG TÁC GIÚP VIỆC",
        "Nghệ An, ngày 15 tháng 01 năm 2025",
        "THÔNG BÁO",
        subject,
        "Tổ trưởng Tổ Công tác kết luận như sau:",
        "1. Giao Sở Y tế chủ trì triển khai hồ sơ sức khỏe điện tử.",
        "2. Các sở, ngành báo cáo trước ngày 25 hằng tháng./.",
        "Thời hạn Nội dung báo cáo",
        "Sơ kết 6 tháng",
        "TM. TỔ CÔNG TÁC TỔ TRƯỞNG Võ Trọng Phú",
        "- Thành viên Tổ Công tác;",
    ] {
        assert!(text.contains(expected), "the PDF lacks {expected:?}:\n{text}");
    }
    Ok(())
}

/// Cài đặt văn bản: the decree's margins are enforced with a clear message; a valid change is
/// saved and used by the next PDF.
#[tokio::test(flavor = "multi_thread")]
async fn document_settings_are_checked_and_saved() -> Res<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start()?;
    let app = App::launch(&driver, data.path()).await?;
    app.click("[data-testid=nav-settings]").await?;
    app.find("[data-testid=document-settings]").await?;
    let margins = app.find_all("[data-testid=document-settings] .choice input[type=number]").await?;
    assert_eq!(margins.len(), 4);
    margins[2].clear().await?;
    margins[2].send_keys("25").await?;
    app.click("[data-testid=save-document-settings]").await?;
    let err = app.text("[data-testid=document-settings] .form-error").await?;
    assert_eq!(err, "Lề trang phải theo Nghị định 30: trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm.");
    margins[2].clear().await?;
    margins[2].send_keys("30").await?;
    app.type_into("[data-testid=authority-name-0]", "Tổ Công tác giúp việc Ban Chỉ đạo").await?;
    app.click("[data-testid=save-document-settings]").await?;
    app.wait_text("[data-testid=document-settings] [role=status]", "confirm the save", |t| {
        t == "Đã lưu cài đặt văn bản."
    })
    .await?;
    app.screenshot("12-document-settings").await?;
    app.close().await?;
    // The saved issuing body (the first: the committee, which the letter names) is what the
    // next document prints.
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/cong-van.json");
    let pdf = data.path().join("letter.pdf");
    let out = Command::new(app_binary())
        .arg("--data-dir")
        .arg(data.path())
        .args(["document", "render-file", example.to_str().ok_or("path")?, "--out", pdf.to_str().ok_or("path")?])
        .output()?;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&pdf).arg("-").output()?.stdout;
    let text = String::from_utf8(text)?.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("TỔ CÔNG TÁC GIÚP VIỆC BAN CHỈ ĐẠO"), "{text}");
    Ok(())
}
