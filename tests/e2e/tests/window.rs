//! The window on an office laptop: at 1366×768 and at 1024×700 every dialog's buttons are on
//! screen, Esc closes a dialog and Tab never leaves it for the page behind.

use secretariat_e2e::{App, Driver, Res};

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
        app.client.active_element().await?.send_keys(TAB).await?;
        let inside = app.client.execute(&check, vec![]).await?;
        assert_eq!(inside, serde_json::Value::Bool(true), "{dialog}: Tab #{} left the dialog", i + 1);
    }
    Ok(())
}

async fn escape_closes(app: &App, dialog: &str) -> Res<()> {
    app.client.active_element().await?.send_keys(ESCAPE).await?;
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
        app.client.active_element().await?.send_keys(ESCAPE).await?;
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
