//! `bench generate` on a tiny scale builds what it promises, read back through the ordinary
//! list commands (and the search finds the plan the issue speaks of without diacritics).

use serde_json::Value;
use std::process::Command;

fn cli(dir: &std::path::Path, args: &[&str]) -> String {
    let out =
        Command::new(env!("CARGO_BIN_EXE_secretariat-cli")).arg("--data-dir").arg(dir).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(dir: &std::path::Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&cli(dir, &all)).unwrap()
}

fn len(v: &Value) -> usize {
    v.as_array().map(Vec::len).unwrap_or_else(|| panic!("not a list: {v}"))
}

#[test]
fn a_small_archive_has_the_promised_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let summary = json(dir, &["bench", "generate", "--years", "2", "--last-year", "2025", "--scale", "small"]);
    // Small scale: 60 people (plus the example's one named leader), 50 documents, 4
    // meetings, 30 tasks and 10 incoming documents per year.
    let info = json(dir, &["db", "info"]);
    assert_eq!(info["agencies"], 15);
    assert_eq!(info["people"], 61);
    assert_eq!(info["bodies"], 5);
    let all = json(dir, &["document", "list"]);
    assert_eq!(len(&all), 100);
    let issued = len(&json(dir, &["document", "list", "--status", "issued"]));
    let drafts = len(&json(dir, &["document", "list", "--status", "draft"]));
    assert_eq!(issued + drafts, 100);
    assert!(drafts > 0 && issued > 80, "{issued} issued, {drafts} drafts");
    assert_eq!(summary["issued"], issued as u64);
    // Issued with numbers in both years, each year's series starting again at 1.
    for year in ["2024", "2025"] {
        let list = json(dir, &["document", "list", "--year", year, "--status", "issued"]);
        let numbers: Vec<&str> =
            list.as_array().unwrap().iter().map(|d| d["number_symbol"].as_str().unwrap()).collect();
        assert!(numbers.iter().any(|n| n.starts_with("01/")), "{year}: {numbers:?}");
    }
    assert_eq!(len(&json(dir, &["meeting", "list"])), 8);
    assert_eq!(len(&json(dir, &["task", "list", "--as-of", "2030-01-01"])), 60);
    let incoming = json(dir, &["incoming", "list", "--limit", "500"]);
    assert_eq!(incoming["total"], 20);
    assert!(incoming["items"].as_array().unwrap().iter().all(|d| !d["file"].is_null()), "{incoming}");
    assert_eq!(json(dir, &["incoming", "list", "--year", "2024"])["total"], 10);
    // Every generated file is in the file store, intact.
    cli(dir, &["files", "verify"]);
    let found = cli(dir, &["search", "ke hoach chuyen doi so 2025"]);
    assert!(found.contains("Kế hoạch chuyển đổi số năm 2025"), "{found}");
    // A second run refuses to add to an archive.
    let again = Command::new(env!("CARGO_BIN_EXE_secretariat-cli"))
        .arg("--data-dir")
        .arg(dir)
        .args(["bench", "generate", "--scale", "small"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
}
