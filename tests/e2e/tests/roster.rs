//! A secretary's first session with the roster, through the real app window:
//! load the example data, name a deputy leader by the decision that names him, change the
//! protocol order of a seat, find him without diacritics, see the Vietnamese error for an
//! empty name, end a membership, restart, and find it all still there.

use fantoccini::Locator;
use secretariat_e2e::{App, Driver, Res};

/// Ctrl + a key, as WebDriver types it (the Control key stays down until the NULL key).
fn ctrl(key: char) -> String {
    format!("\u{E009}{key}\u{E000}")
}

const LEADER: &str = "[data-testid=roster-row][data-role=leader]";
const DEPUTIES: &str = "[data-testid=roster-row][data-role=deputy_leader]";
const MEMBERS: &str = "[data-testid=roster-row][data-role=member]";

#[tokio::test(flavor = "multi_thread")]
async fn roster_day_one() -> Res<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start()?;
    let today = chrono::Local::now().date_naive().format("%d/%m/%Y").to_string();

    // ---- First run: empty database, the example data is offered.
    let app = App::launch(&driver, data.path()).await?;
    let title = app.client.title().await?;
    assert_eq!(title, "Thư ký Tổ Công tác");
    let offer = app.text("[data-testid=empty-state]").await?;
    assert!(offer.contains("Quyết định số 1321/QĐ-BCĐCĐS"), "{offer}");
    app.screenshot("01-empty").await?;
    app.click("[data-testid=load-example]").await?;
    app.wait_text("[data-testid=roster-summary]", "show 17 seats", |t| t.contains("17 vị trí, 16 chưa cử người"))
        .await?;
    let leader = app.text(&format!("{LEADER} [data-testid=member-name]")).await?;
    assert_eq!(leader, "Ông Võ Trọng Phú");
    let rows = app.texts("[data-testid=roster-row]").await?;
    assert_eq!(rows.len(), 17);
    assert!(rows[16].contains("Lãnh đạo Ngân hàng Nhà nước chi nhánh tỉnh Nghệ An"), "{}", rows[16]);
    assert!(app.text("[data-testid=save-state]").await?.starts_with("Đã lưu lúc "));
    app.screenshot("02-roster").await?;

    // ---- Name a deputy leader, a new person typed in by name, by the decision naming him
    // (decision 1321 created the seat without naming anyone).
    app.click(&format!("{DEPUTIES} [data-testid=fill-seat]")).await?;
    app.find("[data-testid=replace-dialog]").await?;
    let explain = app.text("[data-testid=replace-explain]").await?;
    assert!(explain.contains("Quyết định 1321/QĐ-BCĐCĐS chưa nêu tên người"), "{explain}");
    app.type_into("[data-testid=replace-dialog] [data-testid=person-name]", "Trần Đình Đạt").await?;
    app.type_into("[data-testid=replace-dialog] [data-testid=person-post]", "Phó Giám đốc").await?;
    app.find("[data-testid=replace-dialog] [data-testid=person-agency]")
        .await?
        .select_by_label("Sở Khoa học và Công nghệ")
        .await?;
    // Without the naming decision the dialog asks for it and saves nothing.
    app.click("[data-testid=replace-dialog] [data-testid=dialog-submit]").await?;
    let asked = app.text("[data-testid=replace-decision-error]").await?;
    assert_eq!(asked, "Hãy nhập số quyết định cử người.");
    app.type_into("[data-testid=replace-decision]", "25/QĐ-BCĐCĐS").await?;
    app.type_into("[data-testid=replace-decision-date]", "03/06/2024").await?;
    // The seat passes on the decision's date unless another is typed.
    let from = app.find("[data-testid=replace-date]").await?.prop("value").await?;
    assert_eq!(from.as_deref(), Some("03/06/2024"));
    app.screenshot("03-fill-seat").await?;
    app.click("[data-testid=replace-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=replace-dialog]").await?;
    let deputies = app
        .wait_text(&format!("{DEPUTIES} [data-testid=member-name]"), "name the new deputy", |t| {
            t.contains("Trần Đình Đạt")
        })
        .await?;
    assert!(deputies.starts_with("Ông Trần Đình Đạt"), "{deputies}");
    let deputy_row = app.texts(DEPUTIES).await?.remove(0);
    assert!(deputy_row.contains("Phó Giám đốc Sở Khoa học và Công nghệ"), "{deputy_row}");
    assert!(deputy_row.contains("25/QĐ-BCĐCĐS"), "credited to the decision that named him: {deputy_row}");
    app.wait_text("[data-testid=roster-summary]", "count one fewer vacancy", |t| t.contains("15 chưa cử người"))
        .await?;

    // ---- Protocol order: move the Sở Y tế seat (fourth member) up one place.
    let members = app.find_all(MEMBERS).await?;
    assert!(app.texts(MEMBERS).await?[3].contains("Sở Y tế"));
    members[3].find(Locator::Css("[data-testid=move-up]")).await?.click().await?;
    app.wait_text(MEMBERS, "put Sở Y tế third", |t| {
        t.lines().filter(|l| l.contains("Lãnh đạo")).nth(2).is_some_and(|l| l.contains("Sở Y tế"))
    })
    .await?;
    let order = app.texts(MEMBERS).await?;
    assert!(order[3].contains("Sở Xây dựng"), "{}", order[3]);

    // ---- Find them by typing the name without diacritics (Ctrl+F opens the search).
    app.find("[data-testid=roster-filter]").await?.send_keys(&ctrl('f')).await?;
    app.wait_text("[data-testid=page-title]", "show the search page", |t| t == "Tìm kiếm").await?;
    app.type_into("[data-testid=search-input]", "tran dinh dat").await?;
    let hits = app.wait_text("[data-testid=search-hit-title]", "find the deputy", |t| !t.is_empty()).await?;
    assert_eq!(hits.lines().next(), Some("Trần Đình Đạt"));
    let hit_row = app.text("[data-testid=search-hit]").await?;
    assert!(hit_row.contains("Phó Giám đốc · Sở Khoa học và Công nghệ"), "{hit_row}");
    app.type_into("[data-testid=search-input]", "so y te").await?;
    app.wait_text("[data-testid=search-hit-title]", "find Sở Y tế", |t| t.lines().next() == Some("Sở Y tế")).await?;
    app.screenshot("04-search").await?;

    // ---- An empty name gets a Vietnamese message, and nothing is saved.
    app.click("[data-testid=nav-people]").await?;
    app.wait_text("[data-testid=person-row]", "list two people", |t| t.lines().count() == 2).await?;
    // Ctrl+N opens the form, Ctrl+S submits it.
    app.find("[data-testid=people-filter]").await?.send_keys(&ctrl('n')).await?;
    app.type_into("[data-testid=person-dialog] [data-testid=person-name]", "   ").await?;
    app.find("[data-testid=person-dialog] [data-testid=person-name]").await?.send_keys(&ctrl('s')).await?;
    let err = app.text("[data-testid=person-name-error]").await?;
    assert_eq!(err, "Họ và tên không được để trống.");
    app.screenshot("05-empty-name").await?;
    // Something was typed: "Hủy" asks before losing it.
    app.click("[data-testid=person-dialog] [data-testid=dialog-cancel]").await?;
    app.click("[data-testid=person-dialog] [data-testid=dialog-discard]").await?;
    app.wait_gone("[data-testid=person-dialog]").await?;
    assert_eq!(app.texts("[data-testid=person-row]").await?.len(), 2);

    // ---- The leader leaves: the seat stays, "chưa cử người"; Hoàn tác brings him back.
    app.click("[data-testid=nav-roster]").await?;
    app.click(&format!("{LEADER} [data-testid=end-member]")).await?;
    app.find("[data-testid=end-dialog]").await?;
    app.type_into("[data-testid=end-date]", &today).await?;
    app.click("[data-testid=end-dialog] [data-testid=dialog-submit]").await?;
    app.wait_text("[data-testid=roster-summary]", "leave the seat vacant", |t| {
        t.contains("17 vị trí, 16 chưa cử người")
    })
    .await?;
    app.click("[data-testid=undo]").await?;
    app.wait_text("[data-testid=roster-summary]", "undo the end", |t| t.contains("17 vị trí, 15 chưa cử người"))
        .await?;
    assert_eq!(app.text(&format!("{LEADER} [data-testid=member-name]")).await?, "Ông Võ Trọng Phú");

    // ---- Abolish the leader's seat from today (a different act: the seat leaves the roster).
    app.click(&format!("{LEADER} [data-testid=end-member]")).await?;
    app.find("[data-testid=end-dialog]").await?;
    app.click("[data-testid=end-act-abolish]").await?;
    app.type_into("[data-testid=end-date]", &today).await?;
    app.type_into("[data-testid=end-reason]", "Chuyển công tác").await?;
    app.type_into("[data-testid=end-decision]", "45/QĐ-BCĐCĐS").await?;
    app.click("[data-testid=end-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=end-dialog]").await?;
    app.click("[data-testid=undo-toast] [aria-label='Đóng thông báo']").await?;
    app.wait_text("[data-testid=roster-summary]", "drop the leader", |t| t.contains("16 vị trí, 15 chưa cử người"))
        .await?;
    assert!(app.find_all(LEADER).await?.is_empty());
    app.close().await?;

    // ---- Restart: everything is still there.
    let app = App::launch(&driver, data.path()).await?;
    app.click("[data-testid=nav-roster]").await?;
    app.wait_text("[data-testid=roster-summary]", "show the saved roster", |t| {
        t.contains("16 vị trí, 15 chưa cử người")
    })
    .await?;
    assert!(app.find_all(LEADER).await?.is_empty(), "the ended membership stays ended");
    let deputies = app.texts(&format!("{DEPUTIES} [data-testid=member-name]")).await?;
    assert_eq!(deputies[0], "Ông Trần Đình Đạt");
    assert!(app.texts(MEMBERS).await?[2].contains("Sở Y tế"), "the protocol order is saved");
    // The leader is still on the roster as it stood before his membership ended.
    app.type_into("[data-testid=as-of]", "05/09/2024").await?;
    let leader =
        app.wait_text(&format!("{LEADER} [data-testid=member-name]"), "show the old leader", |t| !t.is_empty()).await?;
    assert_eq!(leader, "Ông Võ Trọng Phú");
    // His history shows the end, with the reason.
    app.click(&format!("{LEADER} [data-testid=member-name]")).await?;
    let history = app.text("[data-testid=person-history-table]").await?;
    assert!(
        history.contains(&today) && history.contains("Chuyển công tác") && history.contains("45/QĐ-BCĐCĐS"),
        "{history}"
    );
    app.screenshot("06-history").await?;
    app.click("[data-testid=history-dialog] [data-testid=dialog-submit]").await?;
    app.click("[data-testid=nav-search]").await?;
    app.type_into("[data-testid=search-input]", "dat").await?;
    app.wait_text("[data-testid=search-hit-title]", "still find the deputy", |t| t.contains("Trần Đình Đạt")).await?;
    app.close().await?;
    Ok(())
}

/// A database written by a newer version opens a window that says so, instead of damaging it.
#[tokio::test(flavor = "multi_thread")]
async fn newer_database_is_explained_not_opened() -> Res<()> {
    let data = tempfile::tempdir()?;
    let db = data.path().join("secretariat.db");
    let status = std::process::Command::new(secretariat_e2e::app_binary())
        .args(["--data-dir", &data.path().display().to_string(), "db", "info"])
        .status()?;
    assert!(status.success());
    // Pretend a future version wrote this file.
    rusqlite::Connection::open(&db)?.execute_batch("PRAGMA user_version = 99;")?;
    let driver = Driver::start()?;
    let app = App::launch(&driver, data.path()).await?;
    let message = app.text("[data-testid=store-error]").await?;
    assert!(message.contains("phiên bản mới hơn"), "{message}");
    app.close().await?;
    Ok(())
}
