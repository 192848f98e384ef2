use crate::ipc::{blocking, read, write, Bytes};
use crate::signing::{self as win, DriverChoice};
use secretariat_core::signing::pkcs11::TokenCertificate;
use secretariat_core::signing::store::{self as sig, DocumentSignature, SignOptions, TrustAnchor};
use secretariat_core::signing::SignatureKind;
use secretariat_core::AppError;
use tauri::AppHandle;

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn signing_driver(app: AppHandle) -> R<DriverChoice> {
    blocking(app, move |_, state| win::driver_choice(state)).await
}

#[tauri::command]
#[specta::specta]
pub async fn signing_driver_pick(app: AppHandle) -> R<Option<DriverChoice>> {
    blocking(app, win::pick_driver).await
}

#[tauri::command]
#[specta::specta]
pub async fn signing_driver_choose(app: AppHandle, path: String) -> R<DriverChoice> {
    blocking(app, move |_, state| win::choose_driver(state, &path)).await
}

#[tauri::command]
#[specta::specta]
pub async fn token_certificates(app: AppHandle) -> R<Vec<TokenCertificate>> {
    blocking(app, move |_, state| win::token_certificates(state)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_sign(
    app: AppHandle,
    id: String,
    kind: SignatureKind,
    slot: String,
    key_id: String,
    pin: String,
    options: SignOptions,
) -> R<Vec<DocumentSignature>> {
    blocking(app, move |_, state| win::sign_with_token(state, &id, kind, &slot, &key_id, &pin, &options)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_sign_p12(
    app: AppHandle,
    id: String,
    kind: SignatureKind,
    password: String,
    options: SignOptions,
) -> R<Option<Vec<DocumentSignature>>> {
    blocking(app, move |app, state| win::sign_with_p12(app, state, &id, kind, &password, &options)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_signatures(app: AppHandle, id: String) -> R<Vec<DocumentSignature>> {
    read(app, move |c| sig::document_signatures(c, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_verify(app: AppHandle, id: String) -> R<Vec<DocumentSignature>> {
    write(app, move |s| sig::verify_document(s, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn signature_image_pick(app: AppHandle, person_id: String) -> R<bool> {
    blocking(app, move |app, state| win::pick_signature_image(app, state, &person_id)).await
}

/// The person's signature image (PNG) as raw bytes; empty when none was chosen.
#[tauri::command]
#[specta::specta]
pub async fn signature_image_get(app: AppHandle, person_id: String) -> R<Bytes> {
    read(app, move |c| sig::person_signature_image(c, &person_id)).await.map(|png| Bytes::from(png.unwrap_or_default()))
}

#[tauri::command]
#[specta::specta]
pub async fn signature_image_remove(app: AppHandle, person_id: String) -> R<()> {
    write(app, move |s| sig::remove_person_signature_image(s, &person_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn seal_image_pick(app: AppHandle, authority_id: String) -> R<bool> {
    blocking(app, move |app, state| win::pick_seal_image(app, state, &authority_id)).await
}

/// The issuing body's seal image (PNG) as raw bytes; empty when none was chosen.
#[tauri::command]
#[specta::specta]
pub async fn seal_image_get(app: AppHandle, authority_id: String) -> R<Bytes> {
    read(app, move |c| sig::seal_image(c, &authority_id)).await.map(|png| Bytes::from(png.unwrap_or_default()))
}

#[tauri::command]
#[specta::specta]
pub async fn trust_anchor_list(app: AppHandle) -> R<Vec<TrustAnchor>> {
    read(app, sig::trust_anchors).await
}

#[tauri::command]
#[specta::specta]
pub async fn trust_anchor_import(app: AppHandle) -> R<Option<Vec<TrustAnchor>>> {
    blocking(app, win::pick_trust_anchors).await
}

#[tauri::command]
#[specta::specta]
pub async fn trust_anchor_remove(app: AppHandle, id: String) -> R<Vec<TrustAnchor>> {
    write(app, move |s| sig::remove_trust_anchor(s, &id)).await
}
