// Declares the app's own commands so that Tauri generates one `allow-<command>` permission for
// each; `capabilities/default.json` grants exactly these to the main window. Keep this list
// equal to `commands::builder()` (a test checks it).
const COMMANDS: &[&str] = &[
    "app_info",
    "example_data_load",
    "agency_list",
    "agency_create",
    "agency_update",
    "agency_rename",
    "agency_merge",
    "agency_delete",
    "person_list",
    "person_get",
    "person_create",
    "person_update",
    "person_delete",
    "person_history",
    "body_list",
    "bodies_init",
    "work_group_create",
    "roster_as_of",
    "body_history",
    "membership_get",
    "membership_add",
    "membership_update",
    "membership_end",
    "membership_replace",
    "search",
    "document_list",
    "document_get",
    "document_create",
    "document_save",
    "document_delete",
    "document_revisions",
    "document_issue",
    "document_recall",
    "document_pdf",
    "document_export",
    "document_print",
    "register_entries",
    "register_pdf",
    "register_export",
    "settings_documents",
    "settings_documents_save",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
