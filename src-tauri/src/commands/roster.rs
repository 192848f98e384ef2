use crate::state::AppState;
use chrono::NaiveDate;
use secretariat_core::roster::{self, *};
use secretariat_core::AppError;
use tauri::State;

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn agency_list(state: State<'_, AppState>) -> R<Vec<Agency>> { state.read(roster::list_agencies) }

#[tauri::command]
#[specta::specta]
pub async fn agency_create(state: State<'_, AppState>, input: AgencyInput) -> R<Agency> { state.write(|s| roster::create_agency(s, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn agency_update(state: State<'_, AppState>, id: String, input: AgencyInput) -> R<Agency> { state.write(|s| roster::update_agency(s, &id, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn agency_rename(state: State<'_, AppState>, input: AgencyRename) -> R<Agency> { state.write(|s| roster::rename_agency(s, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn agency_merge(state: State<'_, AppState>, input: AgencyMerge) -> R<Agency> { state.write(|s| roster::merge_agency(s, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn agency_delete(state: State<'_, AppState>, id: String) -> R<()> { state.write(|s| roster::delete_agency(s, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn person_list(state: State<'_, AppState>) -> R<Vec<Person>> { state.read(roster::list_people) }

#[tauri::command]
#[specta::specta]
pub async fn person_get(state: State<'_, AppState>, id: String) -> R<Person> { state.read(|c| roster::get_person(c, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn person_create(state: State<'_, AppState>, input: PersonInput) -> R<Person> { state.write(|s| roster::create_person(s, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn person_update(state: State<'_, AppState>, id: String, input: PersonInput) -> R<Person> { state.write(|s| roster::update_person(s, &id, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn person_delete(state: State<'_, AppState>, id: String) -> R<()> { state.write(|s| roster::delete_person(s, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn person_history(state: State<'_, AppState>, id: String) -> R<PersonHistory> { state.read(|c| roster::person_history(c, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn body_list(state: State<'_, AppState>) -> R<Vec<Body>> { state.read(roster::list_bodies) }

#[tauri::command]
#[specta::specta]
pub async fn bodies_init(state: State<'_, AppState>) -> R<Vec<Body>> { state.write(roster::create_standard_bodies) }

#[tauri::command]
#[specta::specta]
pub async fn work_group_create(state: State<'_, AppState>, input: WorkGroupInput) -> R<Body> { state.write(|s| roster::create_work_group(s, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn roster_as_of(state: State<'_, AppState>, body_id: String, as_of: NaiveDate) -> R<RosterView> { state.read(|c| roster::roster_as_of(c, &body_id, as_of)) }

#[tauri::command]
#[specta::specta]
pub async fn body_history(state: State<'_, AppState>, body_id: String) -> R<BodyHistory> { state.read(|c| roster::body_history(c, &body_id)) }

#[tauri::command]
#[specta::specta]
pub async fn membership_get(state: State<'_, AppState>, id: String) -> R<Membership> { state.read(|c| roster::get_membership(c, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn membership_add(state: State<'_, AppState>, input: MembershipInput) -> R<Membership> { state.write(|s| roster::add_membership(s, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn membership_update(state: State<'_, AppState>, id: String, input: MembershipInput) -> R<Membership> { state.write(|s| roster::update_membership(s, &id, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn membership_end(state: State<'_, AppState>, input: EndMembership) -> R<Membership> { state.write(|s| roster::end_membership(s, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn membership_vacate(state: State<'_, AppState>, input: EndMembership) -> R<Membership> { state.write(|s| roster::vacate_membership(s, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn membership_reopen(state: State<'_, AppState>, id: String) -> R<Membership> { state.write(|s| roster::reopen_membership(s, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn membership_replace_many(state: State<'_, AppState>, inputs: Vec<ReplaceMember>) -> R<Vec<Membership>> { state.write(|s| roster::replace_members(s, &inputs)) }

#[tauri::command]
#[specta::specta]
pub async fn membership_replace(state: State<'_, AppState>, input: ReplaceMember) -> R<Membership> { state.write(|s| roster::replace_member(s, &input)) }

#[tauri::command]
#[specta::specta]
pub async fn membership_move(state: State<'_, AppState>, input: MoveSeat) -> R<RosterView> { state.write(|s| roster::move_seat(s, &input)) }
