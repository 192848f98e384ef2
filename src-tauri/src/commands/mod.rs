//! Tauri commands: one line each over the domain, grouped by feature like the domain and the
//! UI. The list below is the whole surface the webview can call; `build.rs` declares the same
//! names so that the capability file can allow exactly these and nothing else.

mod app;
#[rustfmt::skip]
mod archive;
#[rustfmt::skip]
mod audit;
mod backup;
#[rustfmt::skip]
mod documents;
#[rustfmt::skip]
mod followup;
#[rustfmt::skip]
mod incoming;
// One line per command reads best as a table; keep rustfmt from unfolding them.
#[rustfmt::skip]
mod meetings;
#[rustfmt::skip]
mod roster;
#[rustfmt::skip]
mod office;
#[rustfmt::skip]
mod search;
#[rustfmt::skip]
mod signing;

use specta_typescript::Typescript;
use tauri_specta::{collect_commands, Builder};

/// Every command, registered with tauri-specta so the TypeScript bindings are generated from
/// the same list that Tauri dispatches.
pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new().disable_serde_phases().commands(collect_commands![
        app::app_info,
        app::example_data_load,
        roster::agency_list,
        roster::agency_create,
        roster::agency_update,
        roster::agency_rename,
        roster::agency_merge,
        roster::agency_delete,
        roster::person_list,
        roster::person_get,
        roster::person_create,
        roster::person_update,
        roster::person_delete,
        roster::person_history,
        roster::body_list,
        roster::bodies_init,
        roster::work_group_create,
        roster::roster_as_of,
        roster::body_history,
        roster::membership_get,
        roster::membership_add,
        roster::membership_update,
        roster::membership_end,
        roster::membership_vacate,
        roster::membership_reopen,
        roster::membership_replace_many,
        roster::membership_replace,
        roster::membership_move,
        search::search,
        search::search_kinds,
        search::search_export,
        audit::audit_list,
        audit::audit_options,
        documents::document_list,
        documents::document_years,
        documents::document_get,
        documents::document_create,
        documents::document_new,
        documents::document_preview,
        documents::document_save,
        documents::document_delete,
        documents::document_revisions,
        documents::document_issue,
        documents::document_issue_checks,
        documents::signer_options,
        documents::signer_compose,
        documents::document_recall,
        documents::document_pdf,
        documents::document_export,
        documents::document_print,
        documents::register_entries,
        documents::register_pdf,
        documents::register_export,
        documents::settings_documents,
        documents::settings_documents_save,
        documents::settings_files,
        documents::settings_files_save,
        meetings::meeting_list,
        meetings::meeting_detail,
        meetings::meeting_create,
        meetings::meeting_update,
        meetings::meeting_set_times,
        meetings::meeting_save_notes,
        meetings::meeting_invite,
        meetings::meeting_invite_body,
        meetings::meeting_add_guest,
        meetings::meeting_remove_invitee,
        meetings::meeting_set_attendance,
        meetings::agenda_add,
        meetings::agenda_save_notes,
        meetings::agenda_move,
        meetings::agenda_remove,
        meetings::agenda_attach,
        meetings::conclusion_add,
        meetings::conclusion_update,
        meetings::conclusion_remove,
        meetings::meeting_generate,
        meetings::deadline_parse,
        backup::backup_overview,
        backup::backup_create,
        backup::backup_save_schedule,
        backup::backup_choose_destination,
        backup::backup_pick,
        backup::backup_verify,
        backup::backup_restore,
        backup::backup_view,
        backup::backup_view_end,
        backup::backup_recovery,
        followup::followup_today,
        followup::home_summary,
        followup::task_list,
        followup::task_get,
        followup::task_add,
        followup::task_update,
        followup::task_delete,
        followup::task_progress_add,
        followup::task_progress_attach,
        followup::task_progress_remove,
        followup::task_extend,
        followup::task_agency_summaries,
        followup::task_source_summary,
        followup::task_report_figures,
        followup::task_letter_generate,
        followup::task_letters_for_late,
        followup::task_report_generate,
        followup::plan_import,
        followup::plan_import_pick,
        followup::plan_items,
        followup::settings_followup,
        followup::settings_followup_save,
        office::document_export_docx,
        office::document_import_docx,
        office::roster_export_xlsx,
        office::register_export_xlsx,
        office::task_export_xlsx,
        office::meeting_attendance_xlsx,
        office::meeting_attendance_sheet,
        office::person_import_preview,
        office::person_import,
        signing::signing_driver,
        signing::signing_driver_pick,
        signing::signing_driver_choose,
        signing::token_certificates,
        signing::document_sign,
        signing::document_sign_p12,
        signing::document_signatures,
        signing::document_verify,
        signing::signature_image_pick,
        signing::signature_image_get,
        signing::signature_image_remove,
        signing::seal_image_pick,
        signing::seal_image_get,
        signing::trust_anchor_list,
        signing::trust_anchor_import,
        signing::trust_anchor_remove,
        incoming::incoming_list,
        incoming::incoming_get,
        incoming::incoming_type_names,
        incoming::incoming_pick_file,
        incoming::incoming_add,
        incoming::incoming_update,
        incoming::incoming_delete,
        incoming::incoming_open_file,
        incoming::incoming_register_export,
        incoming::incoming_register_print,
        incoming::files_verify,
        incoming::file_text_progress,
        archive::archive_year,
        archive::archive_file_get,
        archive::archive_file_create,
        archive::archive_file_update,
        archive::archive_file_delete,
        archive::archive_filing_options,
        archive::archive_file_record,
        archive::archive_unfile,
        archive::archive_close,
        archive::archive_reopen,
        archive::archive_contents_pdf,
        archive::archive_warnings,
        archive::archive_export,
        archive::archive_import,
        app::about_info,
        app::log_folder_open,
    ])
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
