use crate::state::AppState;
use chrono::NaiveDate;
use secretariat_core::documents::DocumentRecord;
use secretariat_core::followup::{self, *};
use secretariat_core::AppError;
use tauri::{AppHandle, State};

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn followup_today() -> R<NaiveDate> { Ok(crate::today::today()) }

#[tauri::command]
#[specta::specta]
pub async fn home_summary(state: State<'_, AppState>, as_of: Option<NaiveDate>) -> R<HomeSummary> { state.read(|c| followup::home_summary(c, as_of.unwrap_or_else(crate::today::today))) }

#[tauri::command]
#[specta::specta]
pub async fn task_list(state: State<'_, AppState>, filter: TaskFilter) -> R<TaskPage> { state.read(|c| followup::list_tasks(c, &filter)) }

#[tauri::command]
#[specta::specta]
pub async fn task_get(state: State<'_, AppState>, id: String, as_of: NaiveDate) -> R<TaskDetail> { state.read(|c| followup::get_task(c, &id, as_of)) }

#[tauri::command]
#[specta::specta]
pub async fn task_add(state: State<'_, AppState>, input: TaskInput) -> R<String> { state.write(|s| followup::add_task(s, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn task_update(state: State<'_, AppState>, id: String, input: TaskInput) -> R<()> { state.write(|s| followup::update_task(s, &id, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn task_delete(state: State<'_, AppState>, id: String) -> R<()> { state.write(|s| followup::delete_task(s, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn task_progress_add(state: State<'_, AppState>, task_id: String, input: ProgressInput) -> R<String> { state.write(|s| followup::add_progress(s, &task_id, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn task_progress_attach(app: AppHandle, state: State<'_, AppState>, task_id: String, input: ProgressInput) -> R<Option<String>> { crate::files::progress_with_chosen_file(&app, &state, &task_id, &input) }

#[tauri::command]
#[specta::specta]
pub async fn task_progress_remove(state: State<'_, AppState>, id: String) -> R<()> { state.write(|s| followup::remove_progress(s, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn task_extend(state: State<'_, AppState>, task_id: String, input: ExtensionInput) -> R<String> { state.write(|s| followup::extend_task(s, &task_id, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn task_agency_summaries(state: State<'_, AppState>, as_of: NaiveDate) -> R<Vec<AgencySummary>> { state.read(|c| followup::agency_summaries(c, as_of)) }

#[tauri::command]
#[specta::specta]
pub async fn task_source_summary(state: State<'_, AppState>, meeting_id: Option<String>, document_id: Option<String>, as_of: NaiveDate) -> R<Option<SourceSummary>> { state.read(|c| followup::source_summary(c, meeting_id.as_deref(), document_id.as_deref(), as_of)) }

#[tauri::command]
#[specta::specta]
pub async fn task_report_figures(state: State<'_, AppState>, from: NaiveDate, to: NaiveDate) -> R<ReportFigures> { state.read(|c| followup::report_figures(c, from, to)) }

#[tauri::command]
#[specta::specta]
pub async fn task_letter_generate(state: State<'_, AppState>, agency_id: String, as_of: NaiveDate) -> R<DocumentRecord> { state.write(|s| followup::generate_letter(s, &agency_id, as_of)) }

#[tauri::command]
#[specta::specta]
pub async fn task_letters_for_late(state: State<'_, AppState>, as_of: NaiveDate) -> R<Vec<DocumentRecord>> { state.write(|s| followup::generate_letters_for_late(s, as_of)) }

#[tauri::command]
#[specta::specta]
pub async fn task_report_generate(state: State<'_, AppState>, from: NaiveDate, to: NaiveDate) -> R<DocumentRecord> { state.write(|s| followup::generate_report(s, from, to)) }

#[tauri::command]
#[specta::specta]
pub async fn plan_import(state: State<'_, AppState>, json: String) -> R<DocumentRecord> { state.write(|s| followup::import_plan(s, &followup::parse_plan_json(&json)?)) }

#[tauri::command]
#[specta::specta]
pub async fn plan_import_pick(app: AppHandle, state: State<'_, AppState>) -> R<Option<DocumentRecord>> { crate::files::plan_from_chosen_file(&app, &state) }

#[tauri::command]
#[specta::specta]
pub async fn plan_items(state: State<'_, AppState>, document_id: String) -> R<Vec<PlanItem>> { state.read(|c| followup::plan_items(c, &document_id)) }

#[tauri::command]
#[specta::specta]
pub async fn settings_followup(state: State<'_, AppState>) -> R<FollowupSettings> { state.read(followup::followup_settings) }

#[tauri::command]
#[specta::specta]
pub async fn settings_followup_save(state: State<'_, AppState>, settings: FollowupSettings) -> R<FollowupSettings> { state.write(|s| followup::save_followup_settings(s, &settings)) }
