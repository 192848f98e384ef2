//! The schedule of automatic backups set from the command line, as on the window's Sao lưu
//! page: the same stored settings, the same checks and messages.

use std::path::Path;
use std::process::{Command, Output};

fn cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_secretariat-cli"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("SECRETARIAT_DATA_DIR")
        .env_remove("SECRETARIAT_BACKUP_DIR")
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = cli(dir, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn settings(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(dir, &["--json", "backup", "schedule", "show"])).unwrap()
}

#[test]
fn the_backup_schedule_is_shown_and_changed_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");

    let shown = ok(&data, &["backup", "schedule", "show"]);
    assert!(shown.contains("Sao lưu tự động: bật"), "{shown}");
    assert!(shown.contains("Sao lưu khi bản gần nhất cũ hơn: 24 giờ"), "{shown}");
    assert!(shown.contains(&format!("Thư mục sao lưu: {}", data.join("backups").display())), "{shown}");

    // Only what is given changes.
    let set =
        ok(&data, &["backup", "schedule", "set", "--interval-hours", "12", "--keep-weekly", "4", "--enabled", "false"]);
    assert!(set.contains("Sao lưu tự động: tắt"), "{set}");
    let s = settings(&data);
    assert_eq!(s["schedule_enabled"], false);
    assert_eq!(s["interval_hours"], 12);
    assert_eq!(s["keep_weekly"], 4);
    assert_eq!(s["keep_daily"], 7, "not given, kept");
    assert_eq!(s["keep_monthly"], 12, "not given, kept");
    assert_eq!(s["warn_after_days"], 7, "not given, kept");

    // The automatic backup reads the same settings.
    assert!(ok(&data, &["backup", "auto"]).contains("Sao lưu tự động đang tắt trong cài đặt."));

    // The window's check, with its message; nothing is changed.
    let out = cli(&data, &["backup", "schedule", "set", "--interval-hours", "0", "--keep-daily", "3"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Khoảng cách giữa hai lần sao lưu tự động phải từ 1 đến 744 giờ."), "{err}");
    let after = settings(&data);
    assert_eq!((after["interval_hours"].clone(), after["keep_daily"].clone()), (12.into(), 7.into()));
}
