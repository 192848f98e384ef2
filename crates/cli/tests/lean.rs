//! `secretariat-cli` runs the same commands as `secretariat SUBCOMMAND` without loading the
//! window's libraries.

use std::process::Command;

fn cli(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_secretariat-cli")).arg("--data-dir").arg(dir).args(args).output().unwrap()
}

#[test]
fn runs_the_same_commands() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cli(tmp.path(), &["example-data", "load"]).status.success());
    let out = cli(tmp.path(), &["roster", "list", "--as-of", "05/09/2024"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1. Ông Võ Trọng Phú — Phó Giám đốc Sở Thông tin và Truyền thông"), "{text}");
    let err = cli(tmp.path(), &["person", "add", "--name", " "]);
    assert_eq!(err.status.code(), Some(1));
    assert_eq!(String::from_utf8(err.stderr).unwrap().trim(), "Lỗi: Họ và tên không được để trống.");
    // Without a command it explains that the window is opened by `secretariat`.
    let none = cli(tmp.path(), &[]);
    assert_eq!(none.status.code(), Some(2));
}

#[cfg(target_os = "linux")]
#[test]
fn does_not_link_the_gui_libraries() {
    let out = Command::new("ldd").arg(env!("CARGO_BIN_EXE_secretariat-cli")).output().unwrap();
    let libs = String::from_utf8_lossy(&out.stdout).to_lowercase();
    assert!(!libs.is_empty());
    assert!(!libs.contains("gtk") && !libs.contains("webkit"), "{libs}");
}
