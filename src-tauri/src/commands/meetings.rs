use crate::ipc::{blocking, read, write};
use chrono::{Local, NaiveDate, NaiveDateTime};
use secretariat_core::deadline::DeadlineView;
use secretariat_core::documents::DocumentRecord;
use secretariat_core::meetings::{self, *};
use secretariat_core::AppError;
use tauri::AppHandle;

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn meeting_list(app: AppHandle, filter: MeetingFilter) -> R<Vec<Meeting>> {
    read(app, move |c| meetings::list_meetings(c, &filter, Local::now().date_naive())).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_detail(app: AppHandle, id: String) -> R<MeetingDetail> {
    read(app, move |c| meetings::meeting_detail(c, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_create(app: AppHandle, input: MeetingInput) -> R<Meeting> {
    write(app, move |s| meetings::create_meeting(s, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_update(app: AppHandle, id: String, input: MeetingInput) -> R<Meeting> {
    write(app, move |s| meetings::update_meeting(s, &id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_set_times(
    app: AppHandle,
    id: String,
    start: Option<NaiveDateTime>,
    end: Option<NaiveDateTime>,
) -> R<Meeting> {
    write(app, move |s| meetings::set_actual_times(s, &id, start, end)).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_save_notes(app: AppHandle, id: String, notes: String) -> R<Meeting> {
    write(app, move |s| meetings::save_notes(s, &id, &notes)).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_invite(app: AppHandle, meeting_id: String, membership_ids: Vec<String>) -> R<Vec<Invitee>> {
    write(app, move |s| meetings::invite_members(s, &meeting_id, &membership_ids)).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_invite_body(app: AppHandle, meeting_id: String) -> R<Vec<Invitee>> {
    write(app, move |s| meetings::invite_whole_body(s, &meeting_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_add_guest(app: AppHandle, meeting_id: String, input: GuestInput) -> R<Vec<Invitee>> {
    write(app, move |s| meetings::add_guest(s, &meeting_id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_remove_invitee(app: AppHandle, id: String) -> R<()> {
    write(app, move |s| meetings::remove_invitee(s, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_set_attendance(app: AppHandle, input: AttendanceInput) -> R<Invitee> {
    write(app, move |s| meetings::set_attendance(s, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn agenda_add(app: AppHandle, meeting_id: String, input: AgendaInput) -> R<Vec<AgendaItem>> {
    write(app, move |s| meetings::add_agenda_item(s, &meeting_id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn agenda_save_notes(app: AppHandle, item_id: String, notes: String) -> R<()> {
    write(app, move |s| meetings::save_agenda_notes(s, &item_id, &notes)).await
}

#[tauri::command]
#[specta::specta]
pub async fn agenda_move(app: AppHandle, item_id: String, position: u32) -> R<Vec<AgendaItem>> {
    write(app, move |s| meetings::move_agenda_item(s, &item_id, position)).await
}

#[tauri::command]
#[specta::specta]
pub async fn agenda_remove(app: AppHandle, item_id: String) -> R<Vec<AgendaItem>> {
    write(app, move |s| meetings::remove_agenda_item(s, &item_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn agenda_attach(app: AppHandle, item_id: String) -> R<Option<Vec<AgendaItem>>> {
    blocking(app, move |app, state| crate::files::attach_chosen(app, state, &item_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn conclusion_add(app: AppHandle, meeting_id: String, input: ConclusionInput) -> R<Vec<Conclusion>> {
    write(app, move |s| meetings::add_conclusion(s, &meeting_id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn conclusion_update(app: AppHandle, id: String, input: ConclusionInput) -> R<Vec<Conclusion>> {
    write(app, move |s| meetings::update_conclusion(s, &id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn conclusion_remove(app: AppHandle, id: String) -> R<()> {
    write(app, move |s| meetings::remove_conclusion(s, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_generate(
    app: AppHandle,
    meeting_id: String,
    role: MeetingDocumentRole,
    replace_edits: bool,
) -> R<DocumentRecord> {
    write(app, move |s| meetings::generate_document(s, &meeting_id, role, replace_edits)).await
}

#[tauri::command]
#[specta::specta]
pub async fn deadline_parse(text: String, reference: NaiveDate) -> R<DeadlineView> {
    secretariat_core::deadline::parse_deadline(&text, reference)
}
