//! Tauri commands: one line each over the domain, grouped by feature like the domain and the
//! UI. A command is declared once, by `#[tauri::command]` + `#[specta::specta]` on its function
//! in one of these files: `build.rs` finds it there, registers it below (the included list),
//! and generates its permission and the set `app-commands` the capability grants.

mod app;
mod archive;
mod audit;
mod backup;
mod documents;
mod followup;
mod incoming;
mod meetings;
mod office;
mod roster;
mod search;
mod signing;

use specta_typescript::Typescript;
use tauri_specta::Builder;

/// Every command (the list `build.rs` generates from `src/commands/*.rs`), registered with
/// tauri-specta so the TypeScript bindings are generated from the same list that Tauri
/// dispatches.
pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new().disable_serde_phases().commands(include!(concat!(env!("OUT_DIR"), "/commands.rs")))
}

/// Where the generated bindings live, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

/// Renders the TypeScript bindings for every command and type.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    builder()
        .export(
            Typescript::default()
                .header("// Generated from the Rust types by tauri-specta. Do not edit: run `make bindings`.\n"),
            path,
        )
        .map_err(|e| e.to_string())
}
