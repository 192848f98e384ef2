//! The window on an office laptop: at 1366×768 and at 1024×700 every dialog's buttons are on
//! screen, Esc closes a dialog and Tab never leaves it for the page behind.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use secretariat_e2e::{App, Driver, Res};

/// Presses keys on the keyboard (whatever has the focus, even a box scrolled out of view).
async fn press(app: &App, keys: &str) -> Res<()> {
    let mut actions = KeyActions::new("keyboard".into());
    for c in keys.chars() {
        actions = actions.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
    }
    app.client.perform_actions(actions).await?;
    Ok(())
}

const TAB: &str = "\u{E004}";
const ESCAPE: &str = "\u{E00C}";

/// The page's viewport (innerWidth, innerHeight) in CSS pixels.
async fn viewport(app: &App) -> Res<(f64, f64)> {
    let v = app.client.execute("return [window.innerWidth, window.innerHeight];", vec![]).await?;
    let w = v[0].as_f64().ok_or("no innerWidth")?;
    let h = v[1].as_f64().ok_or("no innerHeight")?;
    Ok((w, h))
}

/// Asserts that the dialog's footer buttons lie wholly inside the viewport.
async fn footer_visible(app: &App, dialog: &str, size: &str) -> Res<()> {
    let (vw, vh) = viewport(app).await?;
    let buttons = app.find_all(&format!("[data-testid={dialog}] .dialog-actions button")).await?;
    assert!(!buttons.is_empty(), "{dialog} at {size}: no footer buttons");
    for b in buttons {
        let label = b.text().await?;
        let (x, y, w, h) = b.rectangle().await?;
        assert!(
            x >= 0.0 && y >= 0.0 && x + w <= vw + 0.5 && y + h <= vh + 0.5,
            "{dialog} at {size}: “{label}” at ({x}, {y}) {w}×{h} is outside the {vw}×{vh} viewport"
        );
    }
    Ok(())
}

/// Presses Tab `n` times, checking after each press that the focus is still inside the dialog.
async fn tab_stays_inside(app: &App, dialog: &str, n: usize) -> Res<()> {
    let check = format!("return document.querySelector('[data-testid={dialog}]').contains(document.activeElement);");
    for i in 0..n {
        press(app, TAB).await?;
        let inside = app.client.execute(&check, vec![]).await?;
        assert_eq!(inside, serde_json::Value::Bool(true), "{dialog}: Tab #{} left the dialog", i + 1);
    }
    Ok(())
}

async fn escape_closes(app: &App, dialog: &str) -> Res<()> {
    press(app, ESCAPE).await?;
    app.wait_gone(&format!("[data-testid={dialog}]")).await
}

async fn settle() {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn dialogs_fit_small_screens() -> Res<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start()?;
    let app = App::launch(&driver, data.path()).await?;
    app.click("[data-testid=load-example]").await?;
    app.wait_text("[data-testid=roster-summary]", "show the roster", |t| t.contains("17 vị trí")).await?;

    for (w, h) in [(1366u32, 768u32), (1024, 700)] {
        let size = format!("{w}×{h}");
        app.client.set_window_rect(0, 0, w, h).await?;
        settle().await;
        let (vw, vh) = viewport(&app).await?;
        assert!(vw <= w as f64 && vh <= h as f64, "viewport {vw}×{vh} at {size}");

        // The roster with the sidebar (narrow below 1200 px).
        app.click("[data-testid=nav-roster]").await?;
        app.find("[data-testid=roster-row]").await?;
        settle().await;
        app.screenshot(&format!("window-{w}-roster")).await?;

        // The membership edit dialog (the one whose buttons were cut off at 768 px).
        app.click("[data-testid=edit-member]").await?;
        app.find("[data-testid=membership-dialog]").await?;
        settle().await;
        footer_visible(&app, "membership-dialog", &size).await?;
        app.screenshot(&format!("window-{w}-membership")).await?;
        tab_stays_inside(&app, "membership-dialog", 30).await?;
        escape_closes(&app, "membership-dialog").await?;

        // A new person.
        app.click("[data-testid=nav-people]").await?;
        app.click("[data-testid=add-person]").await?;
        app.find("[data-testid=person-dialog]").await?;
        settle().await;
        footer_visible(&app, "person-dialog", &size).await?;
        tab_stays_inside(&app, "person-dialog", 20).await?;
        app.screenshot(&format!("window-{w}-person")).await?;
        escape_closes(&app, "person-dialog").await?;

        // Something typed: Esc asks first, inside the dialog; a second Esc keeps editing.
        app.click("[data-testid=add-person]").await?;
        app.type_into("[data-testid=person-dialog] [data-testid=person-name]", "Nguyễn Văn An").await?;
        press(&app, ESCAPE).await?;
        let asked = app.text("[data-testid=person-dialog] [data-testid=dialog-confirm]").await?;
        assert!(asked.contains("sẽ mất"), "{asked}");
        settle().await;
        app.screenshot(&format!("window-{w}-person-confirm")).await?;
        app.click("[data-testid=person-dialog] [data-testid=dialog-discard]").await?;
        app.wait_gone("[data-testid=person-dialog]").await?;

        // A new meeting (the widest form).
        app.click("[data-testid=nav-meetings]").await?;
        app.click("[data-testid=new-meeting]").await?;
        app.find("[data-testid=meeting-dialog]").await?;
        settle().await;
        footer_visible(&app, "meeting-dialog", &size).await?;
        tab_stays_inside(&app, "meeting-dialog", 40).await?;
        app.screenshot(&format!("window-{w}-meeting")).await?;
        escape_closes(&app, "meeting-dialog").await?;
    }

    app.close().await?;
    Ok(())
}

const ENTER: &str = "\u{E007}";
const LEADER: &str = "[data-testid=roster-row][data-role=leader]";

/// Runs the app's command line on the data folder (to seed it before the window opens).
fn cli(data: &std::path::Path, args: &[&str]) -> Res<String> {
    let out = std::process::Command::new(secretariat_e2e::app_binary())
        .args(["--data-dir", &data.display().to_string()])
        .args(args)
        .output()?;
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    Ok(String::from_utf8(out.stdout)?.trim().to_string())
}

/// Asserts that the element lies inside the viewport.
async fn on_screen(app: &App, css: &str, what: &str) -> Res<()> {
    let (vw, vh) = viewport(app).await?;
    let (x, y, w, h) = app.find(css).await?.rectangle().await?;
    assert!(
        x >= 0.0 && y >= 0.0 && x + w <= vw + 0.5 && y + h <= vh + 0.5,
        "{what}: ({x}, {y}) {w}×{h} is outside the {vw}×{vh} viewport"
    );
    Ok(())
}

/// The element actually under the centre of `css` is `css` itself (or inside it): nothing
/// sticky covers it.
async fn not_covered(app: &App, css: &str, what: &str) -> Res<()> {
    let script = format!(
        "const el = document.querySelector('{css}'); const r = el.getBoundingClientRect();
         const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
         return el === top || el.contains(top);"
    );
    let v = app.client.execute(&script, vec![]).await?;
    assert_eq!(v, serde_json::Value::Bool(true), "{what} is covered");
    Ok(())
}

async fn scroll_content_to_bottom(app: &App) -> Res<()> {
    app.client
        .execute(
            "const c = document.querySelector('section.content'); c.scrollTop = c.scrollHeight; return c.scrollTop;",
            vec![],
        )
        .await?;
    settle().await;
    Ok(())
}

async fn content_scroll(app: &App) -> Res<f64> {
    let v = app.client.execute("return document.querySelector('section.content').scrollTop;", vec![]).await?;
    Ok(v.as_f64().unwrap_or(0.0))
}

/// Ending a seat, undoing it, naming a successor; keeping the place across screens; the year
/// filter reaching the oldest year; the new dialogs on a small screen.
#[tokio::test(flavor = "multi_thread")]
async fn places_acts_and_undo_on_small_screens() -> Res<()> {
    let data = tempfile::tempdir()?;
    cli(data.path(), &["example-data", "load"])?;
    cli(data.path(), &["bench", "issue", "--documents", "40", "--years", "10", "--last-year", "2025", "--runs", "1"])?;
    let meeting = cli(
        data.path(),
        &["meeting", "create", "--subject", "Tổ Công tác quý III năm 2024", "--date", "05/09/2024", "--start", "14:00"],
    )?;
    cli(data.path(), &["meeting", "invite-body", &meeting])?;
    let driver = Driver::start()?;
    let app = App::launch(&driver, data.path()).await?;
    // With data, the window opens on the overview.
    app.find("[data-testid=home-overdue]").await?;
    app.click("[data-testid=nav-roster]").await?;
    app.wait_text("[data-testid=roster-summary]", "show the roster", |t| t.contains("17 vị trí")).await?;
    let today = chrono::Local::now().date_naive().format("%d/%m/%Y").to_string();

    for (w, h) in [(1366u32, 768u32), (1024, 700)] {
        let size = format!("{w}×{h}");
        app.client.set_window_rect(0, 0, w, h).await?;
        settle().await;
        app.click("[data-testid=nav-roster]").await?;
        app.find(LEADER).await?;

        // ---- Kết thúc: no date filled in, so Enter alone ends nobody.
        app.click(&format!("{LEADER} [data-testid=end-member]")).await?;
        app.find("[data-testid=end-dialog]").await?;
        settle().await;
        footer_visible(&app, "end-dialog", &size).await?;
        let date = app.find("[data-testid=end-date]").await?.prop("value").await?.unwrap_or_default();
        assert_eq!(date, "", "the end date is not pre-filled");
        app.find("[data-testid=end-date]").await?.send_keys(ENTER).await?;
        app.wait_text("[data-testid=end-dialog]", "ask for the date", |t| t.contains("Hãy nhập ngày")).await?;
        tab_stays_inside(&app, "end-dialog", 20).await?;
        app.screenshot(&format!("window-{w}-end")).await?;
        // Thôi giữ vị trí (the default for a named holder): the seat stays, vacant.
        app.type_into("[data-testid=end-date]", &today).await?;
        app.click("[data-testid=end-dialog] [data-testid=dialog-submit]").await?;
        app.wait_gone("[data-testid=end-dialog]").await?;
        app.wait_text("[data-testid=roster-summary]", "keep the seat, vacant", |t| {
            t.contains("17 vị trí, 17 chưa cử người")
        })
        .await?;
        assert_eq!(app.text(&format!("{LEADER} [data-testid=member-name]")).await?, "chưa cử người");
        on_screen(&app, "[data-testid=undo]", &format!("Hoàn tác at {size}")).await?;
        on_screen(&app, "[data-testid=undo-next]", &format!("Cử người thay at {size}")).await?;
        app.screenshot(&format!("window-{w}-undo")).await?;
        // Hoàn tác: the leader is back.
        app.click("[data-testid=undo]").await?;
        app.wait_text("[data-testid=roster-summary]", "undo the end", |t| t.contains("17 vị trí, 16 chưa cử người"))
            .await?;
        app.wait_gone("[data-testid=undo-toast]").await?;
        assert_eq!(app.text(&format!("{LEADER} [data-testid=member-name]")).await?, "Ông Võ Trọng Phú");

        // A person's history opens over the roster (the page stays), Esc closes it.
        app.click(&format!("{LEADER} [data-testid=member-name]")).await?;
        app.find("[data-testid=history-dialog]").await?;
        settle().await;
        footer_visible(&app, "history-dialog", &size).await?;
        assert_eq!(app.text("[data-testid=page-title]").await?, "Danh sách thành viên");
        tab_stays_inside(&app, "history-dialog", 5).await?;
        escape_closes(&app, "history-dialog").await?;

        // Cử người for every empty seat in one table.
        app.click("[data-testid=fill-seats]").await?;
        app.find("[data-testid=fill-seats-dialog]").await?;
        settle().await;
        footer_visible(&app, "fill-seats-dialog", &size).await?;
        assert_eq!(app.find_all("[data-testid=fill-row]").await?.len(), 16);
        tab_stays_inside(&app, "fill-seats-dialog", 12).await?;
        app.screenshot(&format!("window-{w}-fill-seats")).await?;
        escape_closes(&app, "fill-seats-dialog").await?;

        // The meeting: invite dialog on the meeting's body with "chọn tất cả" per group.
        app.click("[data-testid=nav-meetings]").await?;
        app.click("[data-testid=open-meeting]").await?;
        app.find("[data-testid=attendance-table]").await?;
        app.click("[data-testid=invite-pick]").await?;
        app.find("[data-testid=invite-dialog]").await?;
        settle().await;
        footer_visible(&app, "invite-dialog", &size).await?;
        let groups = app.find_all("[data-testid=pick-group]").await?;
        assert!(groups.len() >= 2, "a chọn tất cả box per role group");
        tab_stays_inside(&app, "invite-dialog", 10).await?;
        escape_closes(&app, "invite-dialog").await?;
        // One line per person: every attendance row is a single line (≤ 40 px), so at 768 px
        // far more people fit than with three inputs per row.
        let heights = app
            .client
            .execute(
                "return Array.from(document.querySelectorAll('[data-testid=invitee-row]')).map(r => r.getBoundingClientRect().height);",
                vec![],
            )
            .await?;
        let heights: Vec<f64> = heights.as_array().ok_or("no rows")?.iter().filter_map(|v| v.as_f64()).collect();
        assert!(heights.len() >= 10 && heights.iter().all(|&h| h <= 40.0), "attendance rows at {size}: {heights:?}");
        // After scrolling the long attendance list, the tab strip is still on top and clickable.
        scroll_content_to_bottom(&app).await?;
        assert!(content_scroll(&app).await? > 0.0, "the attendance list scrolls at {size}");
        not_covered(&app, "[data-testid=tab-agenda]", &format!("the agenda tab at {size}")).await?;
        not_covered(&app, "[data-testid=invitee-row]:last-child select", &format!("the last attendance box at {size}"))
            .await?;
        app.screenshot(&format!("window-{w}-attendance")).await?;
        // "Cuộc họp" leaves the open meeting for the list.
        app.click("[data-testid=nav-meetings]").await?;
        app.find("[data-testid=meeting-table]").await?;
        assert!(app.find_all("[data-testid=attendance-table]").await?.is_empty());
    }

    // ---- At 1024×700 the sidebar folds to a strip and gives its width to the content; the
    // choice is kept across a restart of the page.
    let content_width = || async {
        let (_, _, w, _) = app.find("section.content").await?.rectangle().await?;
        Res::Ok(w)
    };
    let wide = content_width().await?;
    app.click("[data-testid=nav-collapse]").await?;
    settle().await;
    let folded = content_width().await?;
    assert!(folded > wide + 100.0, "content {wide} px, with the sidebar folded {folded} px");
    assert!(app.find_all("[data-testid=nav-roster]").await?.is_empty(), "the entries are folded away");
    app.screenshot("window-1024-sidebar-folded").await?;
    app.client.refresh().await?;
    app.find("[data-testid=nav-expand]").await?;
    app.click("[data-testid=nav-expand]").await?;
    app.find("[data-testid=nav-roster]").await?;
    assert!((content_width().await? - wide).abs() < 2.0, "unfolded again");

    // ---- At 1366×768: end again, then "Cử người thay" right there opens the seat's dialog.
    app.client.set_window_rect(0, 0, 1366, 768).await?;
    settle().await;
    app.click("[data-testid=nav-roster]").await?;
    app.click(&format!("{LEADER} [data-testid=end-member]")).await?;
    app.type_into("[data-testid=end-date]", &today).await?;
    app.click("[data-testid=end-dialog] [data-testid=dialog-submit]").await?;
    app.click("[data-testid=undo-next]").await?;
    let title = app.text("[data-testid=replace-dialog] h2").await?;
    assert!(title.starts_with("Cử người vào vị trí Tổ trưởng"), "{title}");
    escape_closes(&app, "replace-dialog").await?;

    // ---- The documents' year filter reaches the oldest year, and the list keeps it.
    app.click("[data-testid=nav-documents]").await?;
    app.find("[data-testid=document-row]").await?;
    let years = app.text("[data-testid=doc-filter-year]").await?;
    assert!(years.contains("2016") && years.contains("2025"), "{years}");
    app.find("[data-testid=doc-filter-year]").await?.select_by_label("2016").await?;
    app.wait_text("[data-testid=document-count]", "list 2016 only", |t| !t.is_empty()).await?;
    settle().await;
    let dates = app.texts("[data-testid=document-row] td:nth-child(2)").await?;
    assert!(!dates.is_empty() && dates.iter().all(|d| d.ends_with("/2016")), "{dates:?}");
    app.click("[data-testid=open-document]").await?;
    app.find("[data-testid=pdf-preview][data-pages='1']").await?;
    // The preview zooms: 150 % makes the page wider than at 100 %.
    app.click("[data-testid=zoom-100]").await?;
    settle().await;
    let (_, _, w100, _) = app.find("[data-testid=pdf-preview] canvas").await?.rectangle().await?;
    app.click("[data-testid=zoom-150]").await?;
    settle().await;
    let (_, _, w150, _) = app.find("[data-testid=pdf-preview] canvas").await?.rectangle().await?;
    assert!((w150 / w100 - 1.5).abs() < 0.02, "100 % {w100} px, 150 % {w150} px");
    app.screenshot("window-1366-preview-150").await?;
    app.click("[data-testid=zoom-fit]").await?;
    // The navigation entry leads back to the list, still on 2016.
    app.click("[data-testid=nav-documents]").await?;
    app.find("[data-testid=document-table]").await?;
    let year = app.find("[data-testid=doc-filter-year]").await?.prop("value").await?.unwrap_or_default();
    assert_eq!(year, "2016");

    // ---- A new draft that is left untouched is not kept.
    app.click("[data-testid=new-document]").await?;
    app.click("[data-testid=new-document-dialog] [data-testid=dialog-submit]").await?;
    app.find("[data-testid=document-subject]").await?;
    app.find("[data-testid=pdf-preview][data-pages='1']").await?;
    // Shown with its preview, but not stored: the draft is created by the first keystroke.
    let open_drafts = cli(data.path(), &["--json", "document", "list", "--status", "draft"])?;
    assert_eq!(open_drafts, "[]", "the click stored nothing");
    app.click("[data-testid=back-to-list]").await?;
    app.find("[data-testid=document-table]").await?;
    settle().await;
    let drafts = cli(data.path(), &["--json", "document", "list", "--status", "draft"])?;
    assert_eq!(drafts, "[]", "no empty draft is left behind");
    // One that was typed in stays.
    app.click("[data-testid=new-document]").await?;
    app.click("[data-testid=new-document-dialog] [data-testid=dialog-submit]").await?;
    app.type_into("[data-testid=document-subject]", "Về việc thử").await?;
    app.click("[data-testid=back-to-list]").await?;
    app.find("[data-testid=document-table]").await?;
    settle().await;
    let drafts = cli(data.path(), &["--json", "document", "list", "--status", "draft"])?;
    assert!(drafts.contains("Về việc thử"), "{drafts}");
    app.close().await?;
    Ok(())
}
