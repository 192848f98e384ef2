//! Backup and restore through the real window: back up, rename an agency, look at the backup
//! read-only (old name, banner), go back, restore it from the confirmation dialog, and see
//! the old name again, with the newer data kept aside on disk.
//!
//! The folder dialog cannot be driven by WebDriver: `SECRETARIAT_BACKUP_DIR` presets the
//! destination (and answers "Chọn thư mục…").

use secretariat_e2e::{App, Driver, Res};

const MANUAL_ROW: &str = "[data-testid=backup-row][data-name$=thu-cong]";

async fn agency_names(app: &App) -> Res<String> {
    app.click("[data-testid=nav-agencies]").await?;
    app.wait_text("[data-testid=agency-row]", "list the agencies", |t| t.lines().count() >= 13).await
}

#[tokio::test(flavor = "multi_thread")]
async fn back_up_change_view_and_restore() -> Res<()> {
    let tmp = tempfile::tempdir()?;
    let data = tmp.path().join("data");
    let usb = tmp.path().join("usb");
    std::env::set_var("SECRETARIAT_BACKUP_DIR", &usb);
    let driver = Driver::start()?;
    let app = App::launch(&driver, &data).await?;

    app.click("[data-testid=load-example]").await?;
    app.wait_text("[data-testid=roster-summary]", "show the roster", |t| t.contains("17 vị trí")).await?;
    let before = agency_names(&app).await?;
    assert!(before.contains("Sở Y tế"), "{before}");

    // ---- Back up from the window.
    app.click("[data-testid=nav-backup]").await?;
    app.click("[data-testid=backup-choose]").await?;
    app.wait_text("[data-testid=backup-destination]", "show the chosen folder", |t| t == usb.display().to_string())
        .await?;
    app.click("[data-testid=backup-now]").await?;
    let done = app.wait_text("[data-testid=backup-message]", "confirm the backup", |t| !t.is_empty()).await?;
    assert!(done.starts_with("Đã tạo bản sao lưu lúc ") && done.contains("0 tệp đính kèm"), "{done}");
    app.find(MANUAL_ROW).await?;
    let status = app.text("[data-testid=backup-status]").await?;
    assert!(status.starts_with("Sao lưu gần nhất: ") && status.contains("hôm nay"), "{status}");
    app.click(&format!("{MANUAL_ROW} [data-testid=backup-verify]")).await?;
    let check = app.wait_text("[data-testid=backup-check]", "verify", |t| !t.is_empty()).await?;
    assert!(check.starts_with("Hợp lệ: đã kiểm tra 1 tệp"), "{check}");
    app.screenshot("backup-01-made").await?;

    // ---- Rename an agency (a correction through "Sửa").
    agency_names(&app).await?;
    app.click("[data-testid=agency-row] td.actions button").await?;
    app.type_into("[data-testid=agency-dialog] [data-testid=agency-name]", "Sở Tên Đã Sửa Sau Sao Lưu").await?;
    app.click("[data-testid=agency-dialog] [data-testid=dialog-submit]").await?;
    app.wait_gone("[data-testid=agency-dialog]").await?;
    let changed = app
        .wait_text("[data-testid=agency-row]", "show the new name", |t| t.contains("Sở Tên Đã Sửa Sau Sao Lưu"))
        .await?;
    assert_ne!(changed, before);

    // ---- Look at the backup read-only: the old name, a banner, writes refused.
    app.click("[data-testid=nav-backup]").await?;
    app.click(&format!("{MANUAL_ROW} [data-testid=backup-view]")).await?;
    let banner = app.wait_text("[data-testid=backup-view-banner]", "show the banner", |t| !t.is_empty()).await?;
    assert!(banner.contains("Đang xem bản sao lưu ngày ") && banner.contains("— chỉ đọc"), "{banner}");
    let seen = agency_names(&app).await?;
    assert_eq!(seen, before);
    app.click("[data-testid=agency-row] td.actions button").await?;
    app.type_into("[data-testid=agency-dialog] [data-testid=agency-name]", "Không được lưu").await?;
    app.click("[data-testid=agency-dialog] [data-testid=dialog-submit]").await?;
    let refused = app.wait_text("[data-testid=dialog-error]", "refuse the write", |t| !t.is_empty()).await?;
    assert!(refused.contains("chỉ đọc"), "{refused}");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await; // let WebKit paint it
    app.screenshot("backup-02-viewing").await?;
    app.click("[data-testid=agency-dialog] [data-testid=dialog-cancel]").await?;
    app.click("[data-testid=agency-dialog] [data-testid=dialog-discard]").await?;
    app.wait_gone("[data-testid=agency-dialog]").await?;
    app.click("[data-testid=backup-view-end]").await?;
    app.wait_gone("[data-testid=backup-view-banner]").await?;
    app.wait_text("[data-testid=backup-flash]", "say we are back", |t| t.contains("Đã quay lại dữ liệu hiện tại"))
        .await?;
    assert_eq!(agency_names(&app).await?, changed);

    // ---- Restore, after a confirmation that says what will happen.
    app.click("[data-testid=nav-backup]").await?;
    app.click(&format!("{MANUAL_ROW} [data-testid=backup-restore]")).await?;
    let steps = app.text("[data-testid=restore-dialog] [data-testid=restore-steps]").await?;
    assert!(steps.contains("truoc-khoi-phuc-") && steps.contains("Không xóa gì"), "{steps}");
    app.screenshot("backup-03-confirm").await?;
    app.click("[data-testid=restore-dialog] [data-testid=dialog-submit]").await?;
    let flash =
        app.wait_text("[data-testid=backup-flash]", "confirm the restore", |t| t.contains("Đã khôi phục")).await?;
    assert!(flash.contains("truoc-khoi-phuc-"), "{flash}");
    assert_eq!(agency_names(&app).await?, before, "the old state is on screen");
    app.screenshot("backup-04-restored").await?;
    app.close().await?;

    // The data that was replaced is kept aside, not deleted.
    let aside: Vec<_> = std::fs::read_dir(&data)?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("truoc-khoi-phuc-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(aside[0].path().join("secretariat.db").is_file());
    Ok(())
}
