use crate::ipc::{blocking, read, write};
use chrono::NaiveDate;
use secretariat_core::documents::DocumentRecord;
use secretariat_core::followup::{self, *};
use secretariat_core::AppError;
use tauri::AppHandle;

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn followup_today() -> R<NaiveDate> {
    Ok(crate::today::today())
}

#[tauri::command]
#[specta::specta]
pub async fn home_summary(app: AppHandle, as_of: Option<NaiveDate>) -> R<HomeSummary> {
    read(app, move |c| followup::home_summary(c, as_of.unwrap_or_else(crate::today::today))).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_list(app: AppHandle, filter: TaskFilter) -> R<TaskPage> {
    read(app, move |c| followup::list_tasks(c, &filter)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_get(app: AppHandle, id: String, as_of: NaiveDate) -> R<TaskDetail> {
    read(app, move |c| followup::get_task(c, &id, as_of)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_add(app: AppHandle, input: TaskInput) -> R<String> {
    write(app, move |s| followup::add_task(s, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_update(app: AppHandle, id: String, input: TaskInput) -> R<()> {
    write(app, move |s| followup::update_task(s, &id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_delete(app: AppHandle, id: String) -> R<()> {
    write(app, move |s| followup::delete_task(s, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_progress_add(app: AppHandle, task_id: String, input: ProgressInput) -> R<String> {
    write(app, move |s| followup::add_progress(s, &task_id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_progress_attach(app: AppHandle, task_id: String, input: ProgressInput) -> R<Option<String>> {
    blocking(app, move |app, state| crate::files::progress_with_chosen_file(app, state, &task_id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_progress_remove(app: AppHandle, id: String) -> R<()> {
    write(app, move |s| followup::remove_progress(s, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_extend(app: AppHandle, task_id: String, input: ExtensionInput) -> R<String> {
    write(app, move |s| followup::extend_task(s, &task_id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_agency_summaries(app: AppHandle, as_of: NaiveDate) -> R<Vec<AgencySummary>> {
    read(app, move |c| followup::agency_summaries(c, as_of)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_source_summary(
    app: AppHandle,
    meeting_id: Option<String>,
    document_id: Option<String>,
    as_of: NaiveDate,
) -> R<Option<SourceSummary>> {
    read(app, move |c| followup::source_summary(c, meeting_id.as_deref(), document_id.as_deref(), as_of)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_report_figures(app: AppHandle, from: NaiveDate, to: NaiveDate) -> R<ReportFigures> {
    read(app, move |c| followup::report_figures(c, from, to)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_letter_generate(app: AppHandle, agency_id: String, as_of: NaiveDate) -> R<DocumentRecord> {
    write(app, move |s| followup::generate_letter(s, &agency_id, as_of)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_letters_for_late(app: AppHandle, as_of: NaiveDate) -> R<Vec<DocumentRecord>> {
    write(app, move |s| followup::generate_letters_for_late(s, as_of)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_report_generate(app: AppHandle, from: NaiveDate, to: NaiveDate) -> R<DocumentRecord> {
    write(app, move |s| followup::generate_report(s, from, to)).await
}

#[tauri::command]
#[specta::specta]
pub async fn plan_import(app: AppHandle, json: String) -> R<DocumentRecord> {
    write(app, move |s| followup::import_plan(s, &followup::parse_plan_json(&json)?)).await
}

#[tauri::command]
#[specta::specta]
pub async fn plan_import_pick(app: AppHandle) -> R<Option<DocumentRecord>> {
    blocking(app, crate::files::plan_from_chosen_file).await
}

#[tauri::command]
#[specta::specta]
pub async fn plan_items(app: AppHandle, document_id: String) -> R<Vec<PlanItem>> {
    read(app, move |c| followup::plan_items(c, &document_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn settings_followup(app: AppHandle) -> R<FollowupSettings> {
    read(app, followup::followup_settings).await
}

#[tauri::command]
#[specta::specta]
pub async fn settings_followup_save(app: AppHandle, settings: FollowupSettings) -> R<FollowupSettings> {
    write(app, move |s| followup::save_followup_settings(s, &settings)).await
}
