use crate::ipc::{read, write};
use chrono::NaiveDate;
use secretariat_core::roster::{self, *};
use secretariat_core::AppError;
use tauri::AppHandle;

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn agency_list(app: AppHandle) -> R<Vec<Agency>> {
    read(app, roster::list_agencies).await
}

#[tauri::command]
#[specta::specta]
pub async fn agency_create(app: AppHandle, input: AgencyInput) -> R<Agency> {
    write(app, move |s| roster::create_agency(s, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn agency_update(app: AppHandle, id: String, input: AgencyInput) -> R<Agency> {
    write(app, move |s| roster::update_agency(s, &id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn agency_rename(app: AppHandle, input: AgencyRename) -> R<Agency> {
    write(app, move |s| roster::rename_agency(s, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn agency_merge(app: AppHandle, input: AgencyMerge) -> R<Agency> {
    write(app, move |s| roster::merge_agency(s, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn agency_delete(app: AppHandle, id: String) -> R<()> {
    write(app, move |s| roster::delete_agency(s, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn person_list(app: AppHandle) -> R<Vec<Person>> {
    read(app, roster::list_people).await
}

#[tauri::command]
#[specta::specta]
pub async fn person_get(app: AppHandle, id: String) -> R<Person> {
    read(app, move |c| roster::get_person(c, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn person_create(app: AppHandle, input: PersonInput) -> R<Person> {
    write(app, move |s| roster::create_person(s, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn person_update(app: AppHandle, id: String, input: PersonInput) -> R<Person> {
    write(app, move |s| roster::update_person(s, &id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn person_delete(app: AppHandle, id: String) -> R<()> {
    write(app, move |s| roster::delete_person(s, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn person_history(app: AppHandle, id: String) -> R<PersonHistory> {
    read(app, move |c| roster::person_history(c, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn body_list(app: AppHandle) -> R<Vec<Body>> {
    read(app, roster::list_bodies).await
}

#[tauri::command]
#[specta::specta]
pub async fn bodies_init(app: AppHandle) -> R<Vec<Body>> {
    write(app, roster::create_standard_bodies).await
}

#[tauri::command]
#[specta::specta]
pub async fn work_group_create(app: AppHandle, input: WorkGroupInput) -> R<Body> {
    write(app, move |s| roster::create_work_group(s, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn roster_as_of(app: AppHandle, body_id: String, as_of: NaiveDate) -> R<RosterView> {
    read(app, move |c| roster::roster_as_of(c, &body_id, as_of)).await
}

#[tauri::command]
#[specta::specta]
pub async fn body_history(app: AppHandle, body_id: String) -> R<BodyHistory> {
    read(app, move |c| roster::body_history(c, &body_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn membership_get(app: AppHandle, id: String) -> R<Membership> {
    read(app, move |c| roster::get_membership(c, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn membership_add(app: AppHandle, input: MembershipInput) -> R<Membership> {
    write(app, move |s| roster::add_membership(s, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn membership_update(app: AppHandle, id: String, input: MembershipInput) -> R<Membership> {
    write(app, move |s| roster::update_membership(s, &id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn membership_end(app: AppHandle, input: EndMembership) -> R<Membership> {
    write(app, move |s| roster::end_membership(s, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn membership_vacate(app: AppHandle, input: EndMembership) -> R<Membership> {
    write(app, move |s| roster::vacate_membership(s, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn membership_reopen(app: AppHandle, id: String) -> R<Membership> {
    write(app, move |s| roster::reopen_membership(s, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn membership_replace_many(app: AppHandle, inputs: Vec<ReplaceMember>) -> R<Vec<Membership>> {
    write(app, move |s| roster::replace_members(s, &inputs)).await
}

#[tauri::command]
#[specta::specta]
pub async fn membership_replace(app: AppHandle, input: ReplaceMember) -> R<Membership> {
    write(app, move |s| roster::replace_member(s, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn membership_move(app: AppHandle, input: MoveSeat) -> R<RosterView> {
    write(app, move |s| roster::move_seat(s, &input)).await
}
