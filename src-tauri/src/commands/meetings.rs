use crate::state::AppState;
use chrono::{Local, NaiveDate, NaiveDateTime};
use secretariat_core::deadline::DeadlineView;
use secretariat_core::documents::DocumentRecord;
use secretariat_core::meetings::{self, *};
use secretariat_core::AppError;
use tauri::{AppHandle, State};

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn meeting_list(state: State<'_, AppState>, filter: MeetingFilter) -> R<Vec<Meeting>> { state.read(|c| meetings::list_meetings(c, &filter, Local::now().date_naive())) }

#[tauri::command]
#[specta::specta]
pub async fn meeting_detail(state: State<'_, AppState>, id: String) -> R<MeetingDetail> { state.read(|c| meetings::meeting_detail(c, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn meeting_create(state: State<'_, AppState>, input: MeetingInput) -> R<Meeting> { state.write(|s| meetings::create_meeting(s, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn meeting_update(state: State<'_, AppState>, id: String, input: MeetingInput) -> R<Meeting> { state.write(|s| meetings::update_meeting(s, &id, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn meeting_set_times(state: State<'_, AppState>, id: String, start: Option<NaiveDateTime>, end: Option<NaiveDateTime>) -> R<Meeting> { state.write(|s| meetings::set_actual_times(s, &id, start, end)) }

#[tauri::command]
#[specta::specta]
pub async fn meeting_save_notes(state: State<'_, AppState>, id: String, notes: String) -> R<Meeting> { state.write(|s| meetings::save_notes(s, &id, &notes)) }

#[tauri::command]
#[specta::specta]
pub async fn meeting_invite(state: State<'_, AppState>, meeting_id: String, membership_ids: Vec<String>) -> R<Vec<Invitee>> { state.write(|s| meetings::invite_members(s, &meeting_id, &membership_ids)) }

#[tauri::command]
#[specta::specta]
pub async fn meeting_invite_body(state: State<'_, AppState>, meeting_id: String) -> R<Vec<Invitee>> { state.write(|s| meetings::invite_whole_body(s, &meeting_id)) }

#[tauri::command]
#[specta::specta]
pub async fn meeting_add_guest(state: State<'_, AppState>, meeting_id: String, input: GuestInput) -> R<Vec<Invitee>> { state.write(|s| meetings::add_guest(s, &meeting_id, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn meeting_remove_invitee(state: State<'_, AppState>, id: String) -> R<()> { state.write(|s| meetings::remove_invitee(s, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn meeting_set_attendance(state: State<'_, AppState>, input: AttendanceInput) -> R<Invitee> { state.write(|s| meetings::set_attendance(s, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn agenda_add(state: State<'_, AppState>, meeting_id: String, input: AgendaInput) -> R<Vec<AgendaItem>> { state.write(|s| meetings::add_agenda_item(s, &meeting_id, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn agenda_save_notes(state: State<'_, AppState>, item_id: String, notes: String) -> R<()> { state.write(|s| meetings::save_agenda_notes(s, &item_id, &notes)) }

#[tauri::command]
#[specta::specta]
pub async fn agenda_move(state: State<'_, AppState>, item_id: String, position: u32) -> R<Vec<AgendaItem>> { state.write(|s| meetings::move_agenda_item(s, &item_id, position)) }

#[tauri::command]
#[specta::specta]
pub async fn agenda_remove(state: State<'_, AppState>, item_id: String) -> R<Vec<AgendaItem>> { state.write(|s| meetings::remove_agenda_item(s, &item_id)) }

#[tauri::command]
#[specta::specta]
pub async fn agenda_attach(app: AppHandle, state: State<'_, AppState>, item_id: String) -> R<Option<Vec<AgendaItem>>> { crate::files::attach_chosen(&app, &state, &item_id) }

#[tauri::command]
#[specta::specta]
pub async fn conclusion_add(state: State<'_, AppState>, meeting_id: String, input: ConclusionInput) -> R<Vec<Conclusion>> { state.write(|s| meetings::add_conclusion(s, &meeting_id, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn conclusion_update(state: State<'_, AppState>, id: String, input: ConclusionInput) -> R<Vec<Conclusion>> { state.write(|s| meetings::update_conclusion(s, &id, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn conclusion_remove(state: State<'_, AppState>, id: String) -> R<()> { state.write(|s| meetings::remove_conclusion(s, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn meeting_generate(state: State<'_, AppState>, meeting_id: String, role: MeetingDocumentRole, replace_edits: bool) -> R<DocumentRecord> { state.write(|s| meetings::generate_document(s, &meeting_id, role, replace_edits)) }

#[tauri::command]
#[specta::specta]
pub async fn deadline_parse(text: String, reference: NaiveDate) -> R<DeadlineView> { secretariat_core::deadline::parse_deadline(&text, reference) }
