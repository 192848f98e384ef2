//! `document sign`, `document verify` and the signing set-up (`document token-driver`,
//! `token-certs`, `signature-image`, `seal-image`, `trust-import`). A PIN or a .p12 password
//! is read from an environment variable named on the command line, never from an argument
//! (which other users of the computer could see) and never printed.

use super::output;
use clap::ValueEnum;
use secretariat_core::signing::store::{self as sig, SignOptions};
use secretariat_core::signing::{pkcs11, KeySigner, SignatureKind, Signer};
use secretariat_core::{AppError, Store};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    Signer,
    Organisation,
    Copy,
}

impl From<Kind> for SignatureKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Signer => SignatureKind::Signer,
            Kind::Organisation => SignatureKind::Organisation,
            Kind::Copy => SignatureKind::Copy,
        }
    }
}

/// How `document sign` reaches the key.
pub struct KeySource {
    pub pkcs11: Option<PathBuf>,
    pub pin_env: Option<String>,
    pub slot: Option<u64>,
    pub key_id: Option<String>,
    pub p12: Option<PathBuf>,
    pub password_env: Option<String>,
}

fn secret(var: Option<&str>, what: &str) -> Result<String, AppError> {
    let var = var.ok_or_else(|| {
        AppError::validation(format!("Hãy cho biết biến môi trường chứa {what} (--pin-env / --password-env)."))
    })?;
    std::env::var(var).map_err(|_| AppError::validation(format!("Biến môi trường {var} (chứa {what}) chưa được đặt.")))
}

fn driver(store: &Store, given: Option<&Path>) -> Result<PathBuf, AppError> {
    if let Some(p) = given {
        return Ok(p.to_path_buf());
    }
    let s = store.read(sig::signing_settings)?;
    if s.driver_path.is_empty() {
        return Err(AppError::validation(
            "Chưa chọn trình điều khiển USB ký số: dùng --pkcs11 ĐƯỜNG_DẪN hoặc `document token-driver ĐƯỜNG_DẪN`.",
        ));
    }
    Ok(PathBuf::from(s.driver_path))
}

fn signer(store: &Store, src: &KeySource) -> Result<Box<dyn Signer>, AppError> {
    if let Some(p12) = &src.p12 {
        let bytes = std::fs::read(p12)
            .map_err(|e| AppError::validation(format!("Không đọc được tệp {}: {e}", p12.display())))?;
        let password = secret(src.password_env.as_deref(), "mật khẩu tệp .p12")?;
        return Ok(Box::new(KeySigner::from_pkcs12(&bytes, &password)?));
    }
    let lib = driver(store, src.pkcs11.as_deref())?;
    let pin = secret(src.pin_env.as_deref(), "mã PIN")?;
    let certs = pkcs11::list_certificates(&lib)?;
    let chosen: Vec<_> = certs
        .iter()
        .filter(|c| src.slot.is_none_or(|s| s == c.slot))
        .filter(|c| src.key_id.as_deref().is_none_or(|k| k.eq_ignore_ascii_case(&c.key_id)))
        .filter(|c| src.key_id.is_some() || c.info.signing_usage)
        .collect();
    let one = match chosen.as_slice() {
        [one] => *one,
        [] => return Err(AppError::validation("Không thấy chứng thư số phù hợp trên USB ký số.")),
        many => {
            let list: Vec<String> =
                many.iter().map(|c| format!("  --slot {} --key-id {}  {}", c.slot, c.key_id, c.info.holder)).collect();
            return Err(AppError::validation(format!(
                "USB ký số có nhiều chứng thư số: hãy chọn một bằng --slot và --key-id:\n{}",
                list.join("\n")
            )));
        }
    };
    Ok(Box::new(pkcs11::Pkcs11Signer::open(&lib, one.slot, &one.key_id, &pin)?))
}

pub fn sign(
    store: &mut Store,
    id: &str,
    kind: Kind,
    src: &KeySource,
    opts: &SignOptions,
    json: bool,
) -> Result<String, AppError> {
    let signer = signer(store, src)?;
    let list = sig::sign_document(store, id, kind.into(), signer.as_ref(), sig::signing_time_now(), opts)?;
    output(json, &list, |l| signatures_text(l))
}

pub fn signatures_text(list: &[sig::DocumentSignature]) -> String {
    if list.is_empty() {
        return "Văn bản chưa có chữ ký số.".to_string();
    }
    list.iter()
        .map(|s| {
            format!(
                "{}. {}\t{}\t{}\t{}\t{}",
                s.seq,
                s.kind_label,
                s.signer_name,
                s.signed_at.clone().unwrap_or_default(),
                s.state_label,
                s.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn verify(store: &mut Store, id: &str, json: bool) -> Result<String, AppError> {
    let list = sig::verify_document(store, id)?;
    output(json, &list, |l| signatures_text(l))
}

pub fn token_certs(store: &Store, lib: Option<&Path>, json: bool) -> Result<String, AppError> {
    let lib = driver(store, lib)?;
    let certs = pkcs11::list_certificates(&lib)?;
    output(json, &certs, |l| {
        l.iter()
            .map(|c| {
                format!(
                    "--slot {} --key-id {}\t{}\t{}\thết hạn {}{}",
                    c.slot,
                    c.key_id,
                    c.info.holder,
                    c.info.organisation,
                    c.info.not_after.get(..10).unwrap_or_default(),
                    if c.info.signing_usage { "" } else { "\t(không dùng để ký)" }
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

pub fn token_driver(store: &mut Store, path: &str, json: bool) -> Result<String, AppError> {
    let s = sig::save_signing_settings(store, &sig::SigningSettings { driver_path: path.to_string() })?;
    output(json, &s, |s| format!("Đã lưu trình điều khiển USB ký số: {}", s.driver_path))
}

fn read(file: &Path) -> Result<Vec<u8>, AppError> {
    std::fs::read(file).map_err(|e| AppError::validation(format!("Không đọc được tệp {}: {e}", file.display())))
}

pub fn signature_image(store: &mut Store, person: &str, file: &Path, json: bool) -> Result<String, AppError> {
    sig::set_person_signature_image(store, person, &read(file)?)?;
    output(json, &person, |_| "Đã lưu ảnh chữ ký.".to_string())
}

pub fn seal_image(store: &mut Store, authority: &str, file: &Path, json: bool) -> Result<String, AppError> {
    sig::set_seal_image(store, authority, &read(file)?)?;
    output(json, &authority, |_| "Đã lưu ảnh con dấu.".to_string())
}

pub fn trust_import(store: &mut Store, file: &Path, json: bool) -> Result<String, AppError> {
    let list = sig::import_trust_anchors(store, &read(file)?)?;
    output(json, &list, |l| {
        l.iter()
            .map(|a| format!("{}\t{}\t{}", a.name, a.not_after.get(..10).unwrap_or_default(), a.id))
            .collect::<Vec<_>>()
            .join("\n")
    })
}
