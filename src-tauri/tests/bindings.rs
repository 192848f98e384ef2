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

/// Every command the webview can call is declared in build.rs (so it gets a permission) and
/// allowed in the capability file, and nothing else is.
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
    let build_rs = std::fs::read_to_string(root.join("src-tauri/build.rs")).unwrap();
    let mut declared: Vec<String> = build_rs
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"').and_then(|l| l.strip_suffix("\",")).map(str::to_string))
        .collect();
    declared.sort();
    let cap: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("src-tauri/capabilities/default.json")).unwrap())
            .unwrap();
    let permissions: Vec<&str> = cap["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    // No plugin permission at all: the page opens no dialog (the app does, in the commands
    // that need a file) and has no file system, shell or HTTP access.
    let plugin: Vec<&str> = permissions.iter().copied().filter(|p| p.contains(':')).collect();
    assert_eq!(plugin, Vec::<&str>::new(), "no plugin permission is granted to the page");
    assert!(!permissions.iter().any(|p| p.contains("dialog")), "{permissions:?}");
    let mut allowed: Vec<String> = permissions
        .iter()
        .filter(|p| !p.contains(':'))
        .map(|p| p.strip_prefix("allow-").expect("only allow-<command> permissions").replace('-', "_"))
        .collect();
    allowed.sort();
    assert!(!invoked.is_empty());
    assert_eq!(invoked, declared, "build.rs COMMANDS must list exactly the registered commands");
    assert_eq!(invoked, allowed, "capabilities/default.json must allow exactly the registered commands");
}
