//! What every command-line test does: run the real binary on a data folder, as a script would,
//! with none of the variables that could steer it (data folder, dialog answers) inherited.

#![allow(dead_code)] // each test file uses some of these

use std::path::Path;
use std::process::{Command, Output};

pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("SECRETARIAT_DATA_DIR")
        .env_remove("SECRETARIAT_BACKUP_DIR")
        .env_remove("SECRETARIAT_DIALOG_DIR")
        .env_remove("SECRETARIAT_DIALOG_PICK")
        .env_remove("SECRETARIAT_TODAY")
        .output()
        .expect("the binary runs")
}

/// Runs `args`, which must succeed; returns what it printed.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs `args`, which must fail with exit code 1 and print nothing on stdout; returns the
/// message it printed on stderr.
pub fn fails(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail with exit code 1");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).expect("UTF-8 output")
}

/// Runs `args` with `--json` and parses what it printed.
pub fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    serde_json::from_str(&ok(dir, &all)).expect("valid JSON")
}
