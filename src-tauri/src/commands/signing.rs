use crate::signing::{self as win, DriverChoice};
use crate::state::AppState;
use secretariat_core::signing::pkcs11::TokenCertificate;
use secretariat_core::signing::store::{self as sig, DocumentSignature, SignOptions, TrustAnchor};
use secretariat_core::signing::SignatureKind;
use secretariat_core::AppError;
use tauri::{AppHandle, State};

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn signing_driver(state: State<'_, AppState>) -> R<DriverChoice> { win::driver_choice(&state) }

#[tauri::command]
#[specta::specta]
pub async fn signing_driver_pick(app: AppHandle, state: State<'_, AppState>) -> R<Option<DriverChoice>> { win::pick_driver(&app, &state) }

#[tauri::command]
#[specta::specta]
pub async fn signing_driver_choose(state: State<'_, AppState>, path: String) -> R<DriverChoice> { win::choose_driver(&state, &path) }

#[tauri::command]
#[specta::specta]
pub async fn token_certificates(state: State<'_, AppState>) -> R<Vec<TokenCertificate>> { win::token_certificates(&state) }

#[tauri::command]
#[specta::specta]
pub async fn document_sign(state: State<'_, AppState>, id: String, kind: SignatureKind, slot: String, key_id: String, pin: String, options: SignOptions) -> R<Vec<DocumentSignature>> { win::sign_with_token(&state, &id, kind, &slot, &key_id, &pin, &options) }

#[tauri::command]
#[specta::specta]
pub async fn document_sign_p12(app: AppHandle, state: State<'_, AppState>, id: String, kind: SignatureKind, password: String, options: SignOptions) -> R<Option<Vec<DocumentSignature>>> { win::sign_with_p12(&app, &state, &id, kind, &password, &options) }

#[tauri::command]
#[specta::specta]
pub async fn document_signatures(state: State<'_, AppState>, id: String) -> R<Vec<DocumentSignature>> { state.read(|c| sig::document_signatures(c, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn document_verify(state: State<'_, AppState>, id: String) -> R<Vec<DocumentSignature>> { state.write(|s| sig::verify_document(s, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn signature_image_pick(app: AppHandle, state: State<'_, AppState>, person_id: String) -> R<bool> { win::pick_signature_image(&app, &state, &person_id) }

#[tauri::command]
#[specta::specta]
pub async fn signature_image_get(state: State<'_, AppState>, person_id: String) -> R<Option<Vec<u8>>> { state.read(|c| sig::person_signature_image(c, &person_id)) }

#[tauri::command]
#[specta::specta]
pub async fn signature_image_remove(state: State<'_, AppState>, person_id: String) -> R<()> { state.write(|s| sig::remove_person_signature_image(s, &person_id)) }

#[tauri::command]
#[specta::specta]
pub async fn seal_image_pick(app: AppHandle, state: State<'_, AppState>, authority_id: String) -> R<bool> { win::pick_seal_image(&app, &state, &authority_id) }

#[tauri::command]
#[specta::specta]
pub async fn seal_image_get(state: State<'_, AppState>, authority_id: String) -> R<Option<Vec<u8>>> { state.read(|c| sig::seal_image(c, &authority_id)) }

#[tauri::command]
#[specta::specta]
pub async fn trust_anchor_list(state: State<'_, AppState>) -> R<Vec<TrustAnchor>> { state.read(sig::trust_anchors) }

#[tauri::command]
#[specta::specta]
pub async fn trust_anchor_import(app: AppHandle, state: State<'_, AppState>) -> R<Option<Vec<TrustAnchor>>> { win::pick_trust_anchors(&app, &state) }

#[tauri::command]
#[specta::specta]
pub async fn trust_anchor_remove(state: State<'_, AppState>, id: String) -> R<Vec<TrustAnchor>> { state.write(|s| sig::remove_trust_anchor(s, &id)) }
