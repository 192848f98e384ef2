//! X.509 certificates: what the window shows of them (holder, serial, validity, usage), public
//! key signature checks (RSA PKCS#1 v1.5 and ECDSA P-256), and the chain to a trust anchor.

use crate::error::{AppError, Result};
use chrono::{DateTime, Utc};
use der::{Decode, Encode};
use serde::Serialize;
use specta::Type;
use spki::ObjectIdentifier;
use x509_cert::Certificate;

pub(crate) const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub(crate) const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const SHA384_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const SHA512_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
pub(crate) const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub(crate) const ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const ORGANIZATION: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");

/// A certificate as the window lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct CertificateInfo {
    /// The holder's name (CN), as a secretary recognises it.
    pub holder: String,
    /// The organisation (O), when the certificate names one.
    pub organisation: String,
    /// The whole subject, RFC 4514.
    pub subject: String,
    pub issuer: String,
    /// Serial number in hexadecimal.
    pub serial: String,
    /// Validity, RFC 3339 UTC.
    pub not_before: String,
    pub not_after: String,
    /// Whether its key usage allows signing documents (digitalSignature or nonRepudiation).
    pub signing_usage: bool,
}

pub(crate) fn parse(der: &[u8]) -> Result<Certificate> {
    Certificate::from_der(der)
        .map_err(|e| AppError::validation(format!("Chứng thư số không đọc được (không đúng định dạng X.509): {e}")))
}

fn time(t: x509_cert::time::Time) -> DateTime<Utc> {
    DateTime::<Utc>::from(t.to_system_time())
}

pub(crate) fn validity(c: &Certificate) -> (DateTime<Utc>, DateTime<Utc>) {
    let v = &c.tbs_certificate.validity;
    (time(v.not_before), time(v.not_after))
}

fn attr(name: &x509_cert::name::Name, oid: ObjectIdentifier) -> Option<String> {
    for rdn in name.0.iter().rev() {
        for atv in rdn.0.iter() {
            if atv.oid == oid {
                if let Ok(s) = der::asn1::Utf8StringRef::try_from(&atv.value) {
                    return Some(s.as_str().to_string());
                }
                if let Ok(s) = der::asn1::PrintableStringRef::try_from(&atv.value) {
                    return Some(s.as_str().to_string());
                }
                if let Ok(s) = atv.value.decode_as::<der::asn1::BmpString>() {
                    return Some(s.to_string());
                }
                if let Ok(s) = der::asn1::Ia5StringRef::try_from(&atv.value) {
                    return Some(s.as_str().to_string());
                }
            }
        }
    }
    None
}

/// Whether the key usage lets the key sign documents; a certificate without the extension
/// allows any use (RFC 5280).
pub(crate) fn signing_usage(c: &Certificate) -> bool {
    let Some(exts) = &c.tbs_certificate.extensions else { return true };
    for ext in exts {
        if ext.extn_id == const_oid::db::rfc5280::ID_CE_KEY_USAGE {
            return match x509_cert::ext::pkix::KeyUsage::from_der(ext.extn_value.as_bytes()) {
                Ok(ku) => ku.digital_signature() || ku.non_repudiation(),
                Err(_) => false,
            };
        }
    }
    true
}

pub(crate) fn serial_hex(c: &Certificate) -> String {
    c.tbs_certificate.serial_number.as_bytes().iter().map(|b| format!("{b:02X}")).collect()
}

pub fn certificate_info(der: &[u8]) -> Result<CertificateInfo> {
    let c = parse(der)?;
    let (nb, na) = validity(&c);
    let subject = c.tbs_certificate.subject.to_string();
    Ok(CertificateInfo {
        holder: attr(&c.tbs_certificate.subject, COMMON_NAME).unwrap_or_else(|| subject.clone()),
        organisation: attr(&c.tbs_certificate.subject, ORGANIZATION).unwrap_or_default(),
        subject,
        issuer: c.tbs_certificate.issuer.to_string(),
        serial: serial_hex(&c),
        not_before: nb.to_rfc3339(),
        not_after: na.to_rfc3339(),
        signing_usage: signing_usage(&c),
    })
}

/// Checks a certificate may sign at `at`: within its validity and with a signing usage.
pub(crate) fn check_can_sign(der: &[u8], at: DateTime<Utc>) -> Result<()> {
    let c = parse(der)?;
    let info = certificate_info(der)?;
    let (nb, na) = validity(&c);
    if at > na {
        return Err(AppError::validation(format!(
            "Chứng thư số của {} đã hết hạn ngày {}: không ký được. Hãy gia hạn chứng thư số với nhà cung cấp.",
            info.holder,
            na.with_timezone(&super::vietnam()).format("%d/%m/%Y")
        )));
    }
    if at < nb {
        return Err(AppError::validation(format!(
            "Chứng thư số của {} chỉ có hiệu lực từ ngày {}: chưa ký được.",
            info.holder,
            nb.with_timezone(&super::vietnam()).format("%d/%m/%Y")
        )));
    }
    if !signing_usage(&c) {
        return Err(AppError::validation(format!(
            "Chứng thư số của {} không dùng để ký văn bản (thiếu mục đích sử dụng “chữ ký số”): hãy chọn chứng thư khác.",
            info.holder
        )));
    }
    Ok(())
}

/// Verifies `sig` over `data` with a public key, for the given signature algorithm
/// (sha256WithRSA/rsaEncryption with SHA-256, sha384/512WithRSA, ecdsa-with-SHA256).
pub(crate) fn verify_signature(
    spki: &spki::SubjectPublicKeyInfoOwned,
    alg: &ObjectIdentifier,
    data: &[u8],
    sig: &[u8],
) -> bool {
    use rsa::signature::Verifier;
    let Ok(spki_der) = spki.to_der() else { return false };
    if spki.algorithm.oid == RSA_ENCRYPTION {
        use rsa::pkcs8::DecodePublicKey;
        let Ok(key) = rsa::RsaPublicKey::from_public_key_der(&spki_der) else { return false };
        let Ok(sig) = rsa::pkcs1v15::Signature::try_from(sig) else { return false };
        if *alg == SHA256_WITH_RSA || *alg == RSA_ENCRYPTION {
            rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key).verify(data, &sig).is_ok()
        } else if *alg == SHA384_WITH_RSA {
            rsa::pkcs1v15::VerifyingKey::<sha2::Sha384>::new(key).verify(data, &sig).is_ok()
        } else if *alg == SHA512_WITH_RSA {
            rsa::pkcs1v15::VerifyingKey::<sha2::Sha512>::new(key).verify(data, &sig).is_ok()
        } else {
            false
        }
    } else if spki.algorithm.oid == EC_PUBLIC_KEY && *alg == ECDSA_SHA256 {
        use p256::pkcs8::DecodePublicKey;
        let Ok(key) = p256::ecdsa::VerifyingKey::from_public_key_der(&spki_der) else { return false };
        let Ok(sig) = p256::ecdsa::Signature::from_der(sig) else { return false };
        key.verify(data, &sig).is_ok()
    } else {
        false
    }
}

/// Whether `issuer` issued `cert` (names match and the signature verifies with its key).
fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate.issuer != issuer.tbs_certificate.subject {
        return false;
    }
    let Ok(tbs) = cert.tbs_certificate.to_der() else { return false };
    let Some(sig) = cert.signature.as_bytes() else { return false };
    verify_signature(&issuer.tbs_certificate.subject_public_key_info, &cert.signature_algorithm.oid, &tbs, sig)
}

/// The outcome of looking for a path from a certificate to a trust anchor.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Chain {
    Trusted,
    /// No path to any anchor the user imported.
    Untrusted,
    /// A certificate on the path was not valid at that time; says whose.
    OutOfValidity(String),
}

/// Follows issuers from `leaf` through `pool` (the certificates the signature carries) to one of
/// `anchors`, checking every signature on the way and each certificate's validity at `at`.
pub(crate) fn chain_to_anchor(leaf: &[u8], pool: &[Vec<u8>], anchors: &[Vec<u8>], at: DateTime<Utc>) -> Chain {
    let Ok(mut current) = Certificate::from_der(leaf) else { return Chain::Untrusted };
    let anchors: Vec<Certificate> = anchors.iter().filter_map(|a| Certificate::from_der(a).ok()).collect();
    let pool: Vec<Certificate> = pool.iter().filter_map(|a| Certificate::from_der(a).ok()).collect();
    for _ in 0..10 {
        let (nb, na) = validity(&current);
        if at < nb || at > na {
            return Chain::OutOfValidity(
                attr(&current.tbs_certificate.subject, COMMON_NAME)
                    .unwrap_or_else(|| current.tbs_certificate.subject.to_string()),
            );
        }
        if anchors.iter().any(|a| a == &current) {
            return Chain::Trusted;
        }
        if let Some(anchor) = anchors.iter().find(|a| issued_by(&current, a)) {
            let (nb, na) = validity(anchor);
            if at < nb || at > na {
                return Chain::OutOfValidity(
                    attr(&anchor.tbs_certificate.subject, COMMON_NAME)
                        .unwrap_or_else(|| anchor.tbs_certificate.subject.to_string()),
                );
            }
            return Chain::Trusted;
        }
        match pool.iter().find(|p| *p != &current && issued_by(&current, p)) {
            Some(next) => current = next.clone(),
            None => return Chain::Untrusted,
        }
    }
    Chain::Untrusted
}

/// Reads certificates from PEM or DER bytes (a .cer/.crt/.pem file as a CA hands it out).
pub fn read_certificates(bytes: &[u8]) -> Result<Vec<Vec<u8>>> {
    let text = String::from_utf8_lossy(bytes);
    if text.contains("-----BEGIN CERTIFICATE-----") {
        let mut out = Vec::new();
        for block in text.split("-----BEGIN CERTIFICATE-----").skip(1) {
            let body = block.split("-----END CERTIFICATE-----").next().unwrap_or("");
            let b64: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            let der = base64_decode(&b64)
                .ok_or_else(|| AppError::validation("Tệp chứng thư số (PEM) bị hỏng: không đọc được."))?;
            parse(&der)?;
            out.push(der);
        }
        Ok(out)
    } else {
        parse(bytes)?;
        Ok(vec![bytes.to_vec()])
    }
}

fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut acc = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            acc |= val(c)? << (18 - 6 * i);
        }
        let n = chunk.len();
        if n < 2 {
            return None;
        }
        out.push((acc >> 16) as u8);
        if n > 2 {
            out.push((acc >> 8) as u8);
        }
        if n > 3 {
            out.push(acc as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_known_values() {
        assert_eq!(base64_decode("TWFu").unwrap(), b"Man");
        assert_eq!(base64_decode("TWE=").unwrap(), b"Ma");
        assert_eq!(base64_decode("TQ==").unwrap(), b"M");
        assert!(base64_decode("T").is_none());
        assert!(base64_decode("T$==").is_none());
    }
}
