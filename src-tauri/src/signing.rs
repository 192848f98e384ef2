//! Ký số from the window: the token's driver picked by the app's own dialog (or chosen among
//! the common locations that exist here), the images and trust anchors read from files the
//! dialog points to, the signing itself. The page never sends a path; the PIN it sends for one
//! signing goes to the token and is dropped (never stored, never logged).

use crate::dialogs;
use crate::state::AppState;
use secretariat_core::signing::store::{self as sig, DocumentSignature, SignOptions, SigningSettings, TrustAnchor};
use secretariat_core::signing::{pkcs11, KeySigner, SignatureKind};
use secretariat_core::{AppError, Result};
use std::path::Path;
use tauri::AppHandle;

/// What the settings section shows: the driver in use and the common ones found here.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct DriverChoice {
    pub settings: SigningSettings,
    /// Common driver locations that exist on this computer.
    pub found: Vec<String>,
}

pub fn driver_choice(state: &AppState) -> Result<DriverChoice> {
    Ok(DriverChoice { settings: state.read(sig::signing_settings)?, found: pkcs11::installed_driver_paths() })
}

/// Picks the driver library with the system's open dialog.
pub fn pick_driver(app: &AppHandle, state: &AppState) -> Result<Option<DriverChoice>> {
    match dialogs::pick_file(app, "Chọn trình điều khiển USB ký số (tệp .dll hoặc .so)")? {
        Some(path) => {
            let s = SigningSettings { driver_path: path.to_string_lossy().into_owned() };
            state.write(|st| sig::save_signing_settings(st, &s))?;
            driver_choice(state).map(Some)
        }
        None => Ok(None),
    }
}

/// Uses one of the common locations the app found (the page sends one of those it was given).
pub fn choose_driver(state: &AppState, path: &str) -> Result<DriverChoice> {
    if !pkcs11::installed_driver_paths().iter().any(|p| p == path) {
        return Err(AppError::validation("Đường dẫn này không có trong danh sách trình điều khiển tìm thấy."));
    }
    let s = SigningSettings { driver_path: path.to_string() };
    state.write(|st| sig::save_signing_settings(st, &s))?;
    driver_choice(state)
}

fn driver(state: &AppState) -> Result<std::path::PathBuf> {
    let s = state.read(sig::signing_settings)?;
    if s.driver_path.is_empty() {
        return Err(AppError::validation("Chưa chọn trình điều khiển USB ký số: hãy chọn trong Cài đặt › Ký số."));
    }
    Ok(s.driver_path.into())
}

pub fn token_certificates(state: &AppState) -> Result<Vec<pkcs11::TokenCertificate>> {
    pkcs11::list_certificates(&driver(state)?)
}

pub fn sign_with_token(
    state: &AppState,
    id: &str,
    kind: SignatureKind,
    slot: &str,
    key_id: &str,
    pin: &str,
    opts: &SignOptions,
) -> Result<Vec<DocumentSignature>> {
    let lib = driver(state)?;
    let slot: u64 =
        slot.parse().map_err(|_| AppError::validation("Khe cắm USB ký số không hợp lệ: hãy chọn lại chứng thư."))?;
    let signer = pkcs11::Pkcs11Signer::open(&lib, slot, key_id, pin)?;
    state.write(|s| sig::sign_document(s, id, kind, &signer, sig::signing_time_now(), opts))
}

/// Signs with a .p12/.pfx file picked with the open dialog. `None`: cancelled.
pub fn sign_with_p12(
    app: &AppHandle,
    state: &AppState,
    id: &str,
    kind: SignatureKind,
    password: &str,
    opts: &SignOptions,
) -> Result<Option<Vec<DocumentSignature>>> {
    let Some(path) = dialogs::pick_file(app, "Chọn tệp chứng thư số (.p12, .pfx)")? else { return Ok(None) };
    let signer = KeySigner::from_pkcs12(&read(&path)?, password)?;
    state.write(|s| sig::sign_document(s, id, kind, &signer, sig::signing_time_now(), opts)).map(Some)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| AppError::validation(format!("Không đọc được tệp {}: {e}", path.display())))
}

/// Picks a person's signature image (PNG). `false`: cancelled.
pub fn pick_signature_image(app: &AppHandle, state: &AppState, person_id: &str) -> Result<bool> {
    match dialogs::pick_file(app, "Chọn ảnh chữ ký (PNG nền trong suốt)")? {
        Some(p) => {
            let png = read(&p)?;
            state.write(|s| sig::set_person_signature_image(s, person_id, &png)).map(|_| true)
        }
        None => Ok(false),
    }
}

/// Picks an issuing body's seal image (PNG). `false`: cancelled.
pub fn pick_seal_image(app: &AppHandle, state: &AppState, authority_id: &str) -> Result<bool> {
    match dialogs::pick_file(app, "Chọn ảnh con dấu (PNG màu đỏ, nền trong suốt, đúng kích thước thật)")?
    {
        Some(p) => {
            let png = read(&p)?;
            state.write(|s| sig::set_seal_image(s, authority_id, &png)).map(|_| true)
        }
        None => Ok(false),
    }
}

/// Imports trust anchors from a certificate file picked with the open dialog.
pub fn pick_trust_anchors(app: &AppHandle, state: &AppState) -> Result<Option<Vec<TrustAnchor>>> {
    match dialogs::pick_file(app, "Chọn chứng thư số gốc tin cậy (.cer, .crt, .pem)")? {
        Some(p) => {
            let bytes = read(&p)?;
            state.write(|s| sig::import_trust_anchors(s, &bytes)).map(Some)
        }
        None => Ok(None),
    }
}
