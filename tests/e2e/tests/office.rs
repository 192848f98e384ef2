//! Word and Excel from the window: a draft exported as DOCX and the roster as XLSX, through
//! the app's own save dialogs (answered by `SECRETARIAT_DIALOG_DIR`), then the files opened
//! and read: the spreadsheet with calamine, the Word file's XML with unzip and its body with
//! the import the app uses for "Nhập lại từ Word".

use calamine::{open_workbook, Data, Reader, Xlsx};
use secretariat_e2e::{App, Driver, Res};
use std::process::Command;

#[tokio::test(flavor = "multi_thread")]
async fn export_a_draft_as_word_and_the_roster_as_excel() -> Res<()> {
    let data = tempfile::tempdir()?;
    let exports = tempfile::tempdir()?;
    std::env::set_var("SECRETARIAT_DIALOG_DIR", exports.path());
    // Open dialogs answer with this file of that folder, written below as a colleague's edit.
    std::env::set_var("SECRETARIAT_DIALOG_PICK", "gop-y.docx");
    let driver = Driver::start()?;
    let app = App::launch(&driver, data.path()).await?;

    // ---- The roster as Excel.
    app.click("[data-testid=load-example]").await?;
    app.wait_text("[data-testid=roster-summary]", "show the roster", |t| t.contains("17 vị trí")).await?;
    app.click("[data-testid=roster-export-xlsx]").await?;
    let notice = app
        .wait_text("[data-testid=roster-notice]", "confirm the export", |t| t.starts_with("Đã xuất tệp Excel"))
        .await?;
    let xlsx = std::fs::read_dir(exports.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .expect("an .xlsx in the export folder");
    assert!(notice.contains(&xlsx.display().to_string()), "{notice}");
    let mut book: Xlsx<_> = open_workbook(&xlsx)?;
    let sheet = book.worksheet_range_at(0).expect("a sheet")?;
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let header = rows.iter().position(|r| r.first() == Some(&Data::String("STT".into()))).expect("header row");
    assert_eq!(rows[header][1], Data::String("Họ và tên".into()));
    assert_eq!(rows[header + 1][1], Data::String("Ông Võ Trọng Phú".into()), "protocol order: the head first");
    assert!(matches!(rows[header + 1][5], Data::DateTime(_)), "start dates are dates: {:?}", rows[header + 1][5]);
    assert_eq!(rows.len() - header - 1, 17);
    app.screenshot("office-01-roster-exported").await?;

    // ---- A draft as Word.
    app.click("[data-testid=nav-documents]").await?;
    app.click("[data-testid=new-document]").await?;
    app.find("[data-testid=new-document-dialog]").await?;
    app.click("[data-testid=new-document-dialog] [data-testid=dialog-submit]").await?;
    let subject = "Kết luận cuộc họp Tổ Công tác tháng 10 năm 2024";
    app.type_into("[data-testid=document-subject]", subject).await?;
    app.type_into("[data-testid=document-recipients]", "Thành viên Tổ Công tác").await?;
    let body = app.find("[data-testid=body-editor]").await?;
    body.click().await?;
    body.send_keys("Các sở, ngành gửi báo cáo chuyển đổi số trước ngày 25 hằng tháng.").await?;
    app.wait_text("[data-testid=draft-save-state]", "save the draft", |t| t == "Đã lưu").await?;
    app.click("[data-testid=export-docx]").await?;
    let notice = app
        .wait_text("[data-testid=document-notice]", "confirm the Word export", |t| t.starts_with("Đã xuất tệp Word"))
        .await?;
    let docx = std::fs::read_dir(exports.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "docx"))
        .expect("a .docx in the export folder");
    assert!(notice.contains(&docx.display().to_string()), "{notice}");
    let xml = Command::new("unzip").arg("-p").arg(&docx).arg("word/document.xml").output()?;
    let xml = String::from_utf8(xml.stdout)?;
    for expected in
        [subject, "THÔNG BÁO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nơi nhận:", "- Thành viên Tổ Công tác;"]
    {
        assert!(xml.contains(expected), "{expected} is missing from the DOCX");
    }
    let blocks = secretariat_core::documents::docx::body_from_docx(&std::fs::read(&docx)?)?;
    let text = serde_json::to_string(&blocks)?;
    assert!(text.contains("trước ngày 25 hằng tháng."), "{text}");
    app.screenshot("office-02-draft-exported").await?;

    // ---- A colleague's edit comes back: "Nhập lại từ Word" replaces the draft's body.
    let mut edited = serde_json::from_value::<secretariat_core::documents::DocumentContent>(serde_json::json!({
        "doc_type": "announcement",
        "subject": subject,
        "body": [
            { "kind": "paragraph", "runs": [{ "text": "Tổ trưởng kết luận như sau:" }] },
            { "kind": "clause", "runs": [{ "text": "Sở Y tế", "bold": true }, { "text": " chủ trì hồ sơ sức khỏe điện tử." }] },
            { "kind": "clause", "runs": [{ "text": "Các sở báo cáo trước ngày 20 hằng tháng." }] }
        ]
    }))?;
    edited.archive = "VT".into();
    let issuer = secretariat_core::documents::Issuer {
        parent_body: String::new(),
        issuing_body: "Tổ Công tác".into(),
        symbol: "TCT".into(),
        unit_symbol: String::new(),
        place: "Nghệ An".into(),
    };
    let bytes = secretariat_core::documents::docx::render_docx(&edited, &issuer, Default::default(), 0)?;
    std::fs::write(exports.path().join("gop-y.docx"), bytes)?;
    app.click("[data-testid=import-docx]").await?;
    let notice = app
        .wait_text("[data-testid=document-notice]", "confirm the import", |t| t.starts_with("Đã nhập lại nội dung"))
        .await?;
    assert_eq!(notice, "Đã nhập lại nội dung từ tệp Word (3 đoạn).");
    let text = app.wait_text("[data-testid=body-editor]", "show the new body", |t| t.contains("20 hằng tháng")).await?;
    assert!(text.contains("Sở Y tế chủ trì hồ sơ sức khỏe điện tử.") && !text.contains("25 hằng tháng"), "{text}");
    app.screenshot("office-03-body-imported").await?;

    // ---- The people import reads the file it is given: a Word file is refused in Vietnamese.
    app.click("[data-testid=nav-people]").await?;
    app.click("[data-testid=import-people]").await?;
    let refused = app.wait_text("[data-testid=dialog-error]", "refuse the file", |t| !t.is_empty()).await?;
    assert!(refused.contains("không phải tệp Excel"), "{refused}");
    app.close().await?;
    Ok(())
}
