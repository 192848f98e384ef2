//! Files (hồ sơ) through the real window: a file of 2025 set up on the Lưu trữ page, an issued
//! document filed from the Văn bản page and an incoming letter from the Văn bản đến page, the
//! file closed after confirmation, and its items (in date order) and closed state read on screen.

use secretariat_e2e::{app_binary, App, Driver, Res};
use std::path::Path;
use std::process::Command;

#[tokio::test(flavor = "multi_thread")]
async fn file_a_document_and_a_letter_then_close_the_file() -> Res<()> {
    let tmp = tempfile::tempdir()?;
    let data = tmp.path().join("data");
    let cli = |args: &[&str]| {
        let out = Command::new(app_binary()).arg("--data-dir").arg(&data).args(args).output().expect("runs");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap_or_default()
    };
    // The records, made from the command line: an issued Thông báo and a received letter.
    cli(&["example-data", "load", "--year", "2025"]);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/thong-bao.json");
    let doc = cli(&["document", "import", example.to_str().unwrap()]).trim().to_string();
    let issued = cli(&["--json", "document", "issue", &doc, "--date", "10/03/2025", "--yes"]);
    let number = serde_json::from_str::<serde_json::Value>(&issued)?["number_symbol"].as_str().unwrap().to_string();
    cli(&[
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
    ]);

    let driver = Driver::start()?;
    let app = App::launch(&driver, &data).await?;
    app.click("[data-testid=nav-archive]").await?;
    app.find("[data-testid=archive-table]").await?;
    app.wait_text("[data-testid=archive-year]", "offer 2025", |t| t.contains("2025")).await?;
    app.find("[data-testid=archive-year]").await?.select_by_label("2025").await?;
    app.click("[data-testid=archive-add]").await?;
    app.find("[data-testid=archive-dialog]").await?;
    app.type_into("[data-testid=archive-code]", "01.TCT").await?;
    app.type_into("[data-testid=archive-title]", "Hồ sơ chỉ đạo chuyển đổi số năm 2025").await?;
    app.find("[data-testid=archive-retention]").await?.select_by_label("Vĩnh viễn").await?;
    app.type_into("[data-testid=archive-keeper]", "Nguyễn Thị Thư").await?;
    app.click("[data-testid=archive-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=archive-dialog]").await?;
    let row = app.wait_text("[data-testid=archive-row]", "list the new file", |t| t.contains("01.TCT")).await?;
    assert!(row.contains("Vĩnh viễn") && row.contains("Đang mở"), "{row}");

    // The issued document, from the documents page.
    app.click("[data-testid=nav-documents]").await?;
    app.wait_text("[data-testid=document-table] tbody", "list the document", |t| t.contains(&number)).await?;
    app.click("[data-testid=document-file-into]").await?;
    app.find("[data-testid=file-into-dialog]").await?;
    app.click("[data-testid=file-into-choice][data-code='01.TCT']").await?;
    app.click("[data-testid=file-into-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=file-into-dialog]").await?;
    let said = app.wait_text("[data-testid=document-filed-notice]", "confirm the filing", |t| !t.is_empty()).await?;
    assert!(said.contains("01.TCT"), "{said}");

    // The incoming letter, from the incoming page.
    app.click("[data-testid=nav-incoming]").await?;
    // The year list fills once the page has read which years have letters.
    app.wait_text("[data-testid=incoming-year]", "offer 2025", |t| t.contains("2025")).await?;
    app.find("[data-testid=incoming-year]").await?.select_by_label("2025").await?;
    app.wait_text("[data-testid=incoming-table] tbody", "list the letter", |t| t.contains("15/UBND-VP")).await?;
    app.click("[data-testid=incoming-file-into]").await?;
    app.find("[data-testid=file-into-dialog]").await?;
    app.click("[data-testid=file-into-choice][data-code='01.TCT']").await?;
    app.click("[data-testid=file-into-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=file-into-dialog]").await?;
    let said = app.wait_text("[data-testid=incoming-notice]", "confirm the filing", |t| t.contains("hồ sơ")).await?;
    assert!(said.contains("01.TCT") && said.contains("số thứ tự 1"), "the letter is older: {said}");

    // The file: items in date order, then closed after confirmation.
    app.click("[data-testid=nav-archive]").await?;
    app.find("[data-testid=archive-year]").await?.select_by_label("2025").await?;
    app.wait_text("[data-testid=archive-row]", "list the file", |t| t.contains("01.TCT")).await?;
    app.click("[data-testid=archive-open]").await?;
    app.wait_text("[data-testid=archive-items] tbody", "show the items", |t| t.contains(&number)).await?;
    let items = app.texts("[data-testid=archive-item]").await?;
    assert_eq!(items.len(), 2, "{items:?}");
    // Each row reads ordinal, number and symbol, date, … (cells run together in the text).
    assert!(items[0].starts_with("115/UBND-VP19/02/2025"), "{items:?}");
    assert!(items[1].starts_with(&format!("2{number}10/03/2025")), "{items:?}");
    app.screenshot("archive-01-file").await?;
    app.click("[data-testid=archive-close]").await?;
    app.find("[data-testid=archive-close-dialog]").await?;
    app.type_into("[data-testid=archive-close-date]", "31/12/2025").await?;
    app.click("[data-testid=archive-close-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=archive-close-dialog]").await?;
    let status =
        app.wait_text("[data-testid=archive-status]", "show the file closed", |t| t.contains("Đã đóng")).await?;
    assert!(status.contains("31/12/2025"), "{status}");
    app.find("[data-testid=archive-reopen]").await?;
    assert!(app.find_all("[data-testid=archive-unfile]").await?.is_empty(), "a closed file gives nothing out");
    let open_rows: Vec<String> = items.iter().map(|t| t.trim_end_matches("Rút ra").to_string()).collect();
    assert_eq!(app.texts("[data-testid=archive-item]").await?, open_rows, "the same ordinals once closed");
    app.screenshot("archive-02-closed").await?;
    app.close().await?;
    Ok(())
}
