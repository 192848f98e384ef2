//! The USB token (VGCA or a licensed CA) through its PKCS#11 driver library.
//!
//! The driver's path comes from the settings; certificates are public objects, listed without a
//! PIN; the PIN is given for one signing, passed to the token and dropped (never stored, never
//! logged, never part of an error message). Every token error becomes a Vietnamese message.

use super::certs::{certificate_info, CertificateInfo};
use super::signers::{chain_from, ecdsa_raw_to_der, is_rsa, Signer};
use crate::error::{AppError, Result};
use cryptoki::context::{CInitializeArgs, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use cryptoki::types::AuthPin;
use serde::Serialize;
use specta::Type;
use std::path::Path;

/// Where token drivers usually install, offered in the settings (those that exist are shown).
pub const COMMON_DRIVER_PATHS: &[&str] = &[
    // Windows: VGCA (Ban Cơ yếu), Viettel-CA, VNPT-CA, FPT-CA, BKAV-CA, SafeNet, Bit4id.
    "C:\\Windows\\System32\\vgca_csp11.dll",
    "C:\\Windows\\System32\\viettel-ca_v6.dll",
    "C:\\Windows\\System32\\vnpt-ca_csp11.dll",
    "C:\\Windows\\System32\\ShuttleCsp11_3003.dll",
    "C:\\Windows\\System32\\eps2003csp11.dll",
    "C:\\Windows\\System32\\eTPKCS11.dll",
    "C:\\Windows\\System32\\bit4ipki.dll",
    // Linux: OpenSC, SafeNet, the token makers' own, SoftHSM (testing).
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/libeTPkcs11.so",
    "/usr/lib/libshuttle_p11v220.so",
    "/usr/lib/libcastle_v2.so.1.0.0",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/softhsm/libsofthsm2.so",
];

/// The common driver paths that exist on this computer.
pub fn installed_driver_paths() -> Vec<String> {
    COMMON_DRIVER_PATHS.iter().filter(|p| Path::new(p).is_file()).map(|p| p.to_string()).collect()
}

/// A certificate found on a token.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct TokenCertificate {
    /// The slot the token sits in (as text: slot numbers can exceed what JavaScript holds).
    #[serde(serialize_with = "as_text")]
    #[specta(type = String)]
    pub slot: u64,
    pub token_label: String,
    /// CKA_ID in hexadecimal: ties the certificate to its private key.
    pub key_id: String,
    pub info: CertificateInfo,
}

fn as_text<S: serde::Serializer>(v: &u64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}

fn token_error(e: CkError) -> AppError {
    match e {
        CkError::LibraryLoading(_) => AppError::validation(
            "Không nạp được trình điều khiển (thư viện PKCS#11) của USB ký số: hãy kiểm tra đường dẫn trong Cài đặt › Ký số.",
        ),
        CkError::Pkcs11(rv, func) => match rv {
            RvError::PinIncorrect => {
                AppError::validation("Mã PIN không đúng. Lưu ý: nhập sai nhiều lần liên tiếp, USB ký số sẽ bị khóa.")
            }
            RvError::PinLocked => AppError::validation(
                "Mã PIN của USB ký số đã bị khóa do nhập sai nhiều lần: hãy liên hệ nhà cung cấp chứng thư số để mở khóa.",
            ),
            RvError::PinExpired => AppError::validation("Mã PIN của USB ký số đã hết hạn: hãy đổi mã PIN rồi ký lại."),
            RvError::PinLenRange | RvError::PinInvalid => {
                AppError::validation("Mã PIN không hợp lệ (sai độ dài hoặc có ký tự không được phép).")
            }
            RvError::DeviceRemoved | RvError::TokenNotPresent | RvError::SlotIdInvalid | RvError::SessionHandleInvalid => {
                AppError::validation("Không thấy USB ký số (đã rút ra hoặc chưa cắm): hãy cắm thiết bị rồi thử lại.")
            }
            RvError::TokenNotRecognized | RvError::DeviceError | RvError::DeviceMemory => AppError::validation(format!(
                "USB ký số không trả lời đúng: hãy rút ra, cắm lại rồi thử lại. (Chi tiết kỹ thuật: {rv}, {func})"
            )),
            other => AppError::validation(format!("USB ký số báo lỗi ({other}): chưa ký được.")),
        },
        other => AppError::validation(format!("Lỗi khi làm việc với USB ký số: {other}")),
    }
}

fn open(library: &Path) -> Result<Pkcs11> {
    if !library.is_file() {
        return Err(AppError::validation(format!(
            "Không tìm thấy trình điều khiển USB ký số tại “{}”: hãy chọn lại đường dẫn trong Cài đặt › Ký số.",
            library.display()
        )));
    }
    let ctx = Pkcs11::new(library).map_err(token_error)?;
    match ctx.initialize(CInitializeArgs::OsThreads) {
        Ok(()) | Err(CkError::AlreadyInitialized) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {
            Ok(ctx)
        }
        Err(e) => Err(token_error(e)),
    }
}

/// The slots holding an initialised token (SoftHSM and some readers show an empty one too).
fn slots(ctx: &Pkcs11) -> Result<Vec<Slot>> {
    let slots: Vec<Slot> = ctx
        .get_slots_with_token()
        .map_err(token_error)?
        .into_iter()
        .filter(|s| ctx.get_token_info(*s).is_ok_and(|t| t.token_initialized()))
        .collect();
    if slots.is_empty() {
        return Err(AppError::validation("Không thấy USB ký số nào: hãy cắm thiết bị rồi thử lại."));
    }
    Ok(slots)
}

fn certificates(session: &Session) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let handles = session.find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)]).map_err(token_error)?;
    let mut out = Vec::new();
    for h in handles {
        let attrs = session.get_attributes(h, &[AttributeType::Value, AttributeType::Id]).map_err(token_error)?;
        let mut value = None;
        let mut id = Vec::new();
        for a in attrs {
            match a {
                Attribute::Value(v) => value = Some(v),
                Attribute::Id(v) => id = v,
                _ => {}
            }
        }
        if let Some(v) = value {
            out.push((v, id));
        }
    }
    Ok(out)
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Lists the certificates on every token the driver sees, with their holders' names. Only
/// those with a private key id (CKA_ID) can sign; CA certificates on the token are skipped.
pub fn list_certificates(library: &Path) -> Result<Vec<TokenCertificate>> {
    let ctx = open(library)?;
    let mut out = Vec::new();
    for slot in slots(&ctx)? {
        let label = ctx.get_token_info(slot).map(|t| t.label().trim().to_string()).unwrap_or_default();
        let session = ctx.open_ro_session(slot).map_err(token_error)?;
        for (der, id) in certificates(&session)? {
            if id.is_empty() {
                continue;
            }
            if let Ok(info) = certificate_info(&der) {
                out.push(TokenCertificate { slot: slot.id(), token_label: label.clone(), key_id: hex(&id), info });
            }
        }
    }
    Ok(out)
}

/// A signing session on a token, logged in with the PIN given for this one signing.
pub struct Pkcs11Signer {
    // Kept alive for the session's lifetime; dropped (logged out, finalised) with it.
    _ctx: Pkcs11,
    session: Session,
    key: ObjectHandle,
    chain: Vec<Vec<u8>>,
    rsa: bool,
}

impl Pkcs11Signer {
    /// Opens the token in `slot`, logs in with `pin` and finds the key whose id is `key_id`
    /// (hexadecimal, as [`list_certificates`] gives it).
    pub fn open(library: &Path, slot: u64, key_id: &str, pin: &str) -> Result<Self> {
        let ctx = open(library)?;
        let slot = slots(&ctx)?.into_iter().find(|s| s.id() == slot).ok_or_else(|| {
            AppError::validation("Không thấy USB ký số đã chọn (đã rút ra hoặc cắm vào cổng khác): hãy cắm lại và chọn lại chứng thư số.")
        })?;
        let session = ctx.open_ro_session(slot).map_err(token_error)?;
        session.login(UserType::User, Some(&AuthPin::new(pin.to_string()))).map_err(token_error)?;
        let all = certificates(&session)?;
        let leaf = all.iter().find(|(_, id)| hex(id) == key_id).map(|(der, _)| der.clone()).ok_or_else(|| {
            AppError::validation("Không thấy chứng thư số đã chọn trên USB ký số: hãy chọn lại chứng thư.")
        })?;
        let id_bytes: Vec<u8> =
            (0..key_id.len() / 2).filter_map(|i| u8::from_str_radix(&key_id[2 * i..2 * i + 2], 16).ok()).collect();
        let keys = session
            .find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY), Attribute::Id(id_bytes)])
            .map_err(token_error)?;
        let key = *keys
            .first()
            .ok_or_else(|| AppError::validation("USB ký số không có khóa bí mật đi kèm chứng thư số đã chọn."))?;
        // The chain: the signer's certificate, then whatever issuers the token holds.
        let chain = chain_from(leaf.clone(), all.into_iter().map(|(d, _)| d).filter(|d| *d != leaf).collect());
        let rsa = is_rsa(&leaf)?;
        Ok(Self { _ctx: ctx, session, key, chain, rsa })
    }
}

impl Signer for Pkcs11Signer {
    fn chain(&self) -> Vec<Vec<u8>> {
        self.chain.clone()
    }
    fn sign(&self, data: &[u8]) -> Result<Vec<u8>> {
        if self.rsa {
            self.session.sign(&Mechanism::Sha256RsaPkcs, self.key, data).map_err(token_error)
        } else {
            use sha2::{Digest, Sha256};
            let digest = Sha256::digest(data);
            let raw = self.session.sign(&Mechanism::Ecdsa, self.key, &digest).map_err(token_error)?;
            ecdsa_raw_to_der(&raw)
        }
    }
}

impl Drop for Pkcs11Signer {
    fn drop(&mut self) {
        let _ = self.session.logout();
    }
}
