//! The incoming register through the real window: register a letter from Sở Y tế with its PDF
//! (the open dialog answered by SECRETARIAT_DIALOG_PICK), see it in the list, be warned when
//! the same number from the same sender is registered again, and find it from the search page
//! typing without diacritics.

use secretariat_e2e::{App, Driver, Res};

#[tokio::test(flavor = "multi_thread")]
async fn register_an_incoming_letter_with_its_file_and_find_it() -> Res<()> {
    let tmp = tempfile::tempdir()?;
    let data = tmp.path().join("data");
    let papers = tmp.path().join("papers");
    std::fs::create_dir_all(&papers)?;
    std::fs::write(papers.join("CV 125 Sở Y tế.pdf"), b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")?;
    std::env::set_var("SECRETARIAT_DIALOG_DIR", &papers);
    std::env::set_var("SECRETARIAT_DIALOG_PICK", "CV 125 Sở Y tế.pdf");
    let driver = Driver::start()?;
    let app = App::launch(&driver, &data).await?;
    app.click("[data-testid=load-example]").await?;
    app.wait_text("[data-testid=roster-summary]", "show the roster", |t| t.contains("vị trí")).await?;

    app.click("[data-testid=nav-incoming]").await?;
    app.find("[data-testid=incoming-table]").await?;
    let register = |number: &'static str| {
        let app = &app;
        async move {
            app.click("[data-testid=incoming-add]").await?;
            app.find("[data-testid=incoming-dialog]").await?;
            app.find("[data-testid=incoming-sender-agency]").await?.select_by_label("Sở Y tế").await?;
            app.type_into("[data-testid=incoming-number]", number).await?;
            app.type_into("[data-testid=incoming-date]", "01/04/2025").await?;
            app.type_into("[data-testid=incoming-subject]", "Về triển khai hồ sơ sức khỏe điện tử").await?;
            Res::Ok(())
        }
    };
    register("125/SYT-KHTC").await?;
    app.click("[data-testid=incoming-choose-file]").await?;
    let chosen = app.wait_text("[data-testid=incoming-file-name]", "show the chosen file", |t| !t.is_empty()).await?;
    assert!(chosen.starts_with("CV 125 Sở Y tế.pdf"), "{chosen}");
    app.type_into("[data-testid=incoming-due]", "30/12/2099").await?;
    app.screenshot("incoming-01-dialog").await?;
    app.click("[data-testid=incoming-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=incoming-dialog]").await?;
    let row = app.wait_text("[data-testid=incoming-row]", "list the letter", |t| t.contains("125/SYT-KHTC")).await?;
    assert!(row.contains("Sở Y tế") && row.contains("hồ sơ sức khỏe điện tử") && row.contains("30/12/2099"), "{row}");
    assert!(row.starts_with("1/"), "incoming number 1: {row}");
    app.find("[data-testid=incoming-open-file]").await?;

    // The same number from the same sender: a warning to confirm, then number 2.
    register("125/SYT-KHTC").await?;
    app.click("[data-testid=incoming-dialog] [data-testid=dialog-submit]").await?;
    let warning = app.wait_text("[data-testid=incoming-duplicate]", "warn of the duplicate", |t| !t.is_empty()).await?;
    assert!(warning.contains("đã được vào sổ") && warning.contains("số đến 1/"), "{warning}");
    app.click("[data-testid=incoming-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=incoming-dialog]").await?;
    app.wait_text("[data-testid=incoming-table] tbody", "list both", |t| t.contains("2/")).await?;
    let rows = app.texts("[data-testid=incoming-row]").await?;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].starts_with("2/") && rows[1].starts_with("1/"), "newest first: {rows:?}");
    app.screenshot("incoming-02-list").await?;

    // Found from the search page without diacritics.
    app.click("[data-testid=nav-search]").await?;
    app.type_into("[data-testid=search-input]", "ho so suc khoe dien tu").await?;
    let hit =
        app.wait_text("[data-testid=search-hit]", "find the incoming letter", |t| t.contains("số đến 1/")).await?;
    assert!(hit.contains("Sở Y tế") && hit.contains("125/SYT-KHTC"), "{hit}");
    app.close().await?;
    Ok(())
}
