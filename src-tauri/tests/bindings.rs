//! The TypeScript bindings in `ui/src/lib/bindings.ts` are generated from the Rust commands
//! and types. This test fails when the committed file differs from what the code generates;
//! `UPDATE_BINDINGS=1 cargo test -p secretariat --test bindings` (or `make bindings`) rewrites it.

use secretariat_app::commands::{export_bindings, BINDINGS_PATH};
use std::path::PathBuf;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let committed_path = repo_root().join(BINDINGS_PATH);
    let tmp = tempfile::tempdir().unwrap();
    let fresh_path = tmp.path().join("bindings.ts");
    export_bindings(&fresh_path).unwrap();
    let fresh = std::fs::read_to_string(&fresh_path).unwrap();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed_path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is out of date with the Rust types: run `make bindings` and commit the result",
        BINDINGS_PATH
    );
    // The bindings carry the Vietnamese-facing error type and the roster types.
    assert!(fresh.contains("export type AppError"));
    assert!(fresh.contains("export type RosterView"));
}

#[path = "../build/commands.rs"]
#[allow(dead_code)]
mod commands;

/// A command is declared once, on its function. Every command the functions declare is
/// registered (so it is in the bindings), has a permission in the generated set, and that set
/// is all the capability grants: nothing more, nothing less.
#[test]
fn capability_allows_exactly_the_registered_commands() {
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        return; // the other test is rewriting the bindings file
    }
    let root = repo_root();
    let bindings = std::fs::read_to_string(root.join(BINDINGS_PATH)).unwrap();
    let mut invoked: Vec<String> =
        bindings.split("TAURI_INVOKE(\"").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect();
    invoked.sort();
    let mut declared: Vec<String> =
        commands::scan(&root.join("src-tauri/src/commands")).unwrap().into_iter().map(|c| c.name).collect();
    declared.sort();
    let set_file = root.join(format!("src-tauri/permissions/{}.toml", commands::PERMISSION_SET));
    let set = std::fs::read_to_string(&set_file).unwrap();
    let mut in_set: Vec<String> = set
        .lines()
        .filter_map(|l| l.trim().strip_prefix("\"allow-").and_then(|l| l.strip_suffix("\",")))
        .map(|p| p.replace('-', "_"))
        .collect();
    in_set.sort();
    let cap: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("src-tauri/capabilities/default.json")).unwrap())
            .unwrap();
    let permissions: Vec<&str> = cap["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    // Only the app's own commands: no plugin permission at all. The page opens no dialog (the
    // app does, in the commands that need a file) and has no file system, shell or HTTP access.
    assert_eq!(permissions, vec![commands::PERMISSION_SET], "the capability grants the generated set only");
    assert!(!invoked.is_empty());
    assert_eq!(invoked, declared, "the bindings must have exactly the commands declared in src/commands");
    assert_eq!(in_set, declared, "permissions/app-commands.toml must allow exactly the declared commands");
}

/// The scan that declares the commands finds a command however it is formatted, and refuses a
/// command the bindings would not type.
#[test]
fn the_command_scan_reads_the_attributes() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("things.rs"),
        "/// Lists.\n#[tauri::command]\n#[specta::specta]\npub async fn thing_list(\n    app: AppHandle,\n) -> R<()> {\n}\n\
         pub fn helper() {}\n#[tauri::command]\n#[specta::specta]\npub fn thing_get() {}\n",
    )
    .unwrap();
    std::fs::write(tmp.path().join("mod.rs"), "#[tauri::command]\n#[specta::specta]\npub fn not_here() {}\n").unwrap();
    let found = commands::scan(tmp.path()).unwrap();
    let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["thing_list", "thing_get"]);
    assert!(found.iter().all(|c| c.module == "things"));
    assert!(commands::collect_commands(&found).contains("things::thing_get,"));
    assert!(commands::permission_set(&found).contains("\"allow-thing-list\","));
    std::fs::write(tmp.path().join("bad.rs"), "#[tauri::command]\npub async fn untyped() {}\n").unwrap();
    assert!(commands::scan(tmp.path()).unwrap_err().contains("untyped"));
}
