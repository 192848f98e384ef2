//! CMS SignedData for PAdES baseline B-B (ETSI EN 319 142-1): detached, SHA-256, with the
//! signed attributes content-type, message-digest and signing-certificate-v2 — and no
//! signing-time attribute (PAdES puts the time in the signature dictionary's /M).

use super::certs::{self, ECDSA_SHA256, EC_PUBLIC_KEY, SHA256_WITH_RSA};
use super::Signer;
use crate::error::{AppError, Result};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Decode, Encode};
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, ObjectIdentifier};
use x509_cert::attr::Attribute;
use x509_cert::Certificate;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

fn enc_err(e: der::Error) -> AppError {
    AppError::storage(format!("Không dựng được chữ ký số (CMS): {e}"))
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n.to_be_bytes().iter().copied().skip_while(|&b| b == 0).collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend_from_slice(&bytes);
    }
    out.extend_from_slice(content);
    out
}

/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with one ESSCertIDv2
/// { certHash (SHA-256, the default algorithm, so omitted), issuerSerial }.
fn signing_certificate_v2(cert_der: &[u8], cert: &Certificate) -> Result<Vec<u8>> {
    let hash = Sha256::digest(cert_der);
    let issuer = cert.tbs_certificate.issuer.to_der().map_err(enc_err)?;
    let serial = cert.tbs_certificate.serial_number.to_der().map_err(enc_err)?;
    let general_names = tlv(0x30, &tlv(0xA4, &issuer));
    let mut issuer_serial = general_names;
    issuer_serial.extend_from_slice(&serial);
    let mut ess = tlv(0x04, &hash);
    ess.extend_from_slice(&tlv(0x30, &issuer_serial));
    Ok(tlv(0x30, &tlv(0x30, &tlv(0x30, &ess))))
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute> {
    let values = SetOfVec::try_from(vec![value]).map_err(enc_err)?;
    Ok(Attribute { oid, values })
}

fn signature_algorithm(cert: &Certificate) -> Result<AlgorithmIdentifierOwned> {
    let key = cert.tbs_certificate.subject_public_key_info.algorithm.oid;
    if key == certs::RSA_ENCRYPTION {
        Ok(AlgorithmIdentifierOwned { oid: SHA256_WITH_RSA, parameters: Some(Any::null()) })
    } else if key == EC_PUBLIC_KEY {
        Ok(AlgorithmIdentifierOwned { oid: ECDSA_SHA256, parameters: None })
    } else {
        Err(AppError::validation(
            "Khóa của chứng thư số này không phải RSA hay ECDSA P-256: ứng dụng chưa ký được bằng nó.",
        ))
    }
}

/// The DER ContentInfo of a detached SignedData over a document whose SHA-256 is `digest`.
pub(crate) fn build(digest: &[u8; 32], signer: &dyn Signer) -> Result<Vec<u8>> {
    let chain = signer.chain();
    let leaf_der = chain.first().ok_or_else(|| AppError::validation("Không có chứng thư số để ký."))?;
    let leaf = certs::parse(leaf_der)?;
    let attrs = vec![
        attribute(ID_CONTENT_TYPE, Any::encode_from(&ID_DATA).map_err(enc_err)?)?,
        attribute(
            ID_MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest.to_vec()).map_err(enc_err)?).map_err(enc_err)?,
        )?,
        attribute(
            ID_SIGNING_CERTIFICATE_V2,
            Any::from_der(&signing_certificate_v2(leaf_der, &leaf)?).map_err(enc_err)?,
        )?,
    ];
    let signed_attrs: SetOfVec<Attribute> = SetOfVec::try_from(attrs).map_err(enc_err)?;
    let to_be_signed = signed_attrs.to_der().map_err(enc_err)?;
    let signature = signer.sign(&to_be_signed)?;
    let sha256 = AlgorithmIdentifierOwned { oid: ID_SHA256, parameters: None };
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: leaf.tbs_certificate.issuer.clone(),
            serial_number: leaf.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256.clone(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: signature_algorithm(&leaf)?,
        signature: OctetString::new(signature).map_err(enc_err)?,
        unsigned_attrs: None,
    };
    let mut cert_set = Vec::new();
    for der in &chain {
        cert_set.push(CertificateChoices::Certificate(certs::parse(der)?));
    }
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256]).map_err(enc_err)?,
        encap_content_info: EncapsulatedContentInfo { econtent_type: ID_DATA, econtent: None },
        certificates: Some(CertificateSet(SetOfVec::try_from(cert_set).map_err(enc_err)?)),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer_info]).map_err(enc_err)?),
    };
    let ci = ContentInfo { content_type: ID_SIGNED_DATA, content: Any::encode_from(&signed).map_err(enc_err)? };
    ci.to_der().map_err(enc_err)
}

/// What a CMS signature that checks out says about its signer.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    pub signer_cert: Vec<u8>,
    pub certificates: Vec<Vec<u8>>,
}

/// The DER of the first TLV in `bytes` (the /Contents hex string is padded with zeros).
fn first_tlv(bytes: &[u8]) -> Option<&[u8]> {
    if bytes.len() < 2 {
        return None;
    }
    let (len, head) = if bytes[1] < 0x80 {
        (bytes[1] as usize, 2)
    } else {
        let n = (bytes[1] & 0x7f) as usize;
        if n == 0 || n > 4 || bytes.len() < 2 + n {
            return None;
        }
        (bytes[2..2 + n].iter().fold(0usize, |a, &b| (a << 8) | b as usize), 2 + n)
    };
    bytes.get(..head + len)
}

/// Checks a detached CMS signature over content whose SHA-256 is `digest`: the message-digest
/// attribute, the signing-certificate-v2 reference when present, and the signature with the
/// signer certificate's key. Returns a Vietnamese reason when it does not check out.
pub(crate) fn verify(contents: &[u8], digest: &[u8; 32]) -> std::result::Result<Checked, String> {
    let der = first_tlv(contents).ok_or("chữ ký số (CMS) bị hỏng")?;
    let ci = ContentInfo::from_der(der).map_err(|e| format!("chữ ký số (CMS) không đọc được: {e}"))?;
    if ci.content_type != ID_SIGNED_DATA {
        return Err("chữ ký không phải dạng CMS SignedData".into());
    }
    let sd: SignedData = ci.content.decode_as().map_err(|e| format!("chữ ký số (CMS) không đọc được: {e}"))?;
    let mut certificates = Vec::new();
    let mut parsed = Vec::new();
    for c in sd.certificates.iter().flat_map(|s| s.0.iter()) {
        if let CertificateChoices::Certificate(c) = c {
            certificates.push(c.to_der().map_err(|e| e.to_string())?);
            parsed.push(c.clone());
        }
    }
    let si = sd.signer_infos.0.iter().next().ok_or("chữ ký không có thông tin người ký")?;
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &si.sid else {
        return Err("chữ ký không ghi rõ chứng thư của người ký".into());
    };
    let idx = parsed
        .iter()
        .position(|c| c.tbs_certificate.issuer == sid.issuer && c.tbs_certificate.serial_number == sid.serial_number)
        .ok_or("chữ ký không mang chứng thư số của người ký")?;
    if si.digest_alg.oid != ID_SHA256 {
        return Err("chữ ký không dùng SHA-256".into());
    }
    let attrs = si.signed_attrs.as_ref().ok_or("chữ ký thiếu các thuộc tính được ký")?;
    let mut digest_ok = false;
    for a in attrs.iter() {
        if a.oid == ID_MESSAGE_DIGEST {
            let v = a.values.iter().next().ok_or("thiếu giá trị băm")?;
            let os: OctetString = v.decode_as().map_err(|e| e.to_string())?;
            digest_ok = os.as_bytes() == digest;
        }
        if a.oid == ID_SIGNING_CERTIFICATE_V2 {
            let expected = signing_certificate_v2(&certificates[idx], &parsed[idx]).map_err(|e| e.message)?;
            let got = a.values.iter().next().and_then(|v| v.to_der().ok()).unwrap_or_default();
            // Compare the certificate hash only (issuerSerial is optional).
            let hash = Sha256::digest(&certificates[idx]);
            if got != expected && !got.windows(32).any(|w| w == hash.as_slice()) {
                return Err("thuộc tính signing-certificate-v2 không khớp chứng thư của người ký".into());
            }
        }
    }
    if !digest_ok {
        return Err("nội dung tệp đã bị thay đổi sau khi ký (giá trị băm không khớp)".into());
    }
    let tbs = attrs.to_der().map_err(|e| e.to_string())?;
    let spki = &parsed[idx].tbs_certificate.subject_public_key_info;
    if !certs::verify_signature(spki, &si.signature_algorithm.oid, &tbs, si.signature.as_bytes()) {
        return Err("chữ ký không khớp với khóa công khai của chứng thư số".into());
    }
    Ok(Checked { signer_cert: certificates[idx].clone(), certificates })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tlv_lengths_use_the_short_and_long_forms() {
        assert_eq!(tlv(0x04, &[1, 2]), vec![0x04, 2, 1, 2]);
        let long = tlv(0x04, &[0u8; 300]);
        assert_eq!(&long[..4], &[0x04, 0x82, 0x01, 0x2C]);
        assert_eq!(first_tlv(&[&long[..], &[0, 0, 0]].concat()).unwrap().len(), 304);
    }
}
