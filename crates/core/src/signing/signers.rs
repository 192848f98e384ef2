//! The signer trait and the signers that hold a key in memory: a PKCS#12 file (offices with a
//! soft certificate, and tests) and a PKCS#8 key (tests). The USB token is [`super::pkcs11`].

use super::certs;
use crate::error::{AppError, Result};
use der::Decode;

/// Whatever holds the private key: gives its certificate chain and signs.
pub trait Signer {
    /// DER certificates: the signer's first, then any issuers the token or file holds.
    fn chain(&self) -> Vec<Vec<u8>>;
    /// Signs `data` (the DER of the CMS signed attributes) with SHA-256: RSA PKCS#1 v1.5 gives
    /// the raw signature, ECDSA P-256 a DER `Ecdsa-Sig-Value`.
    fn sign(&self, data: &[u8]) -> Result<Vec<u8>>;
}

enum Key {
    Rsa(Box<rsa::RsaPrivateKey>),
    P256(p256::ecdsa::SigningKey),
}

/// A private key held in memory with its chain.
pub struct KeySigner {
    key: Key,
    chain: Vec<Vec<u8>>,
}

impl KeySigner {
    /// From a PKCS#8 private key (DER) and the chain (DER, signer first).
    pub fn from_pkcs8(key_der: &[u8], chain: Vec<Vec<u8>>) -> Result<Self> {
        use rsa::pkcs1::DecodeRsaPrivateKey;
        use rsa::pkcs8::DecodePrivateKey;
        let key = if let Ok(k) = rsa::RsaPrivateKey::from_pkcs8_der(key_der) {
            Key::Rsa(Box::new(k))
        } else if let Ok(k) = rsa::RsaPrivateKey::from_pkcs1_der(key_der) {
            Key::Rsa(Box::new(k))
        } else if let Ok(k) = p256::ecdsa::SigningKey::from_pkcs8_der(key_der) {
            Key::P256(k)
        } else {
            return Err(AppError::validation("Khóa bí mật không đọc được (chỉ hỗ trợ RSA và ECDSA P-256)."));
        };
        if chain.is_empty() {
            return Err(AppError::validation("Không có chứng thư số đi kèm khóa bí mật."));
        }
        Ok(Self { key, chain })
    }

    /// From a PKCS#12 (.p12/.pfx) file and its password. The signer's certificate is put first.
    pub fn from_pkcs12(bytes: &[u8], password: &str) -> Result<Self> {
        let store = p12_keystore::KeyStore::from_pkcs12(bytes, password).map_err(|e| {
            let text = e.to_string().to_lowercase();
            if text.contains("mac") || text.contains("password") || text.contains("decrypt") {
                AppError::validation("Mật khẩu của tệp chứng thư số (.p12) không đúng.")
            } else {
                AppError::validation(format!("Tệp chứng thư số (.p12) không đọc được: {e}"))
            }
        })?;
        let (_, chain) = store
            .private_key_chain()
            .ok_or_else(|| AppError::validation("Tệp .p12 không có khóa bí mật kèm chứng thư số."))?;
        let ders: Vec<Vec<u8>> = chain.chain().iter().map(|c| c.as_der().to_vec()).collect();
        let signer = Self::from_pkcs8(chain.key(), order_chain(ders)?)?;
        Ok(signer)
    }
}

/// Puts the end-entity certificate first: the one that issued no other in the list.
pub(crate) fn order_chain(mut ders: Vec<Vec<u8>>) -> Result<Vec<Vec<u8>>> {
    let parsed: Vec<x509_cert::Certificate> = ders.iter().map(|d| certs::parse(d)).collect::<Result<_>>()?;
    let leaf = (0..parsed.len()).find(|&i| {
        !parsed.iter().enumerate().any(|(j, other)| {
            j != i
                && other.tbs_certificate.issuer == parsed[i].tbs_certificate.subject
                && other.tbs_certificate.subject != parsed[i].tbs_certificate.subject
        })
    });
    if let Some(i) = leaf {
        let l = ders.remove(i);
        ders.insert(0, l);
    }
    Ok(ders)
}

impl Signer for KeySigner {
    fn chain(&self) -> Vec<Vec<u8>> {
        self.chain.clone()
    }
    fn sign(&self, data: &[u8]) -> Result<Vec<u8>> {
        use rsa::signature::{SignatureEncoding, Signer as _};
        match &self.key {
            Key::Rsa(k) => {
                let sk = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new((**k).clone());
                Ok(sk.try_sign(data).map_err(|e| AppError::storage(format!("Không ký được: {e}")))?.to_vec())
            }
            Key::P256(k) => {
                let sig: p256::ecdsa::Signature =
                    k.try_sign(data).map_err(|e| AppError::storage(format!("Không ký được: {e}")))?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
        }
    }
}

/// Converts a raw ECDSA signature (r ‖ s, as PKCS#11 returns it) into DER.
pub(crate) fn ecdsa_raw_to_der(raw: &[u8]) -> Result<Vec<u8>> {
    let sig = p256::ecdsa::Signature::from_slice(raw)
        .map_err(|e| AppError::storage(format!("Chữ ký ECDSA từ thiết bị không hợp lệ: {e}")))?;
    Ok(sig.to_der().as_bytes().to_vec())
}

/// The key algorithm of a certificate (to pick the token's mechanism).
pub(crate) fn is_rsa(cert_der: &[u8]) -> Result<bool> {
    let c = x509_cert::Certificate::from_der(cert_der)
        .map_err(|e| AppError::validation(format!("Chứng thư số không đọc được: {e}")))?;
    Ok(c.tbs_certificate.subject_public_key_info.algorithm.oid == certs::RSA_ENCRYPTION)
}

/// The signer's certificate followed by its issuers found in `pool` (by name), in order.
pub(crate) fn chain_from(leaf: Vec<u8>, pool: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let parsed: Vec<(Vec<u8>, x509_cert::Certificate)> =
        pool.into_iter().filter_map(|d| x509_cert::Certificate::from_der(&d).ok().map(|c| (d, c))).collect();
    let mut chain = vec![leaf];
    for _ in 0..8 {
        let Some(current) = chain.last().and_then(|d| x509_cert::Certificate::from_der(d).ok()) else { break };
        if current.tbs_certificate.issuer == current.tbs_certificate.subject {
            break;
        }
        match parsed
            .iter()
            .find(|(d, c)| c.tbs_certificate.subject == current.tbs_certificate.issuer && !chain.contains(d))
        {
            Some((d, _)) => chain.push(d.clone()),
            None => break,
        }
    }
    chain
}
