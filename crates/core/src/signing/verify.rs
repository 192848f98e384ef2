//! Verifying the signatures of a PDF: the hash over /ByteRange, the CMS signature against its
//! certificate, the chain to the trust anchors the user imported, and that whatever was
//! appended after a signature only adds later signatures (a small difference analysis:
//! every object that existed when it was signed is unchanged, except the page's annotation
//! list, the form's field list and flags, and the catalog's form and version entries, which
//! may only grow).

use super::{certs, cms, pdf, vietnam, SignatureKind};
use crate::error::{AppError, Result};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use lopdf::{Dictionary, Object, ObjectId};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;
use std::collections::HashSet;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Type,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum VerifyState {
    /// The signature verifies, its certificate chains to a trust anchor, nothing but later
    /// signatures was added after it.
    Valid,
    /// The signature verifies, but its certificate does not chain to an imported trust anchor
    /// (or was not valid at the signing time).
    Untrusted,
    /// The document was changed after this signature (beyond later signatures).
    Modified,
    /// The signature does not verify: the signed bytes or the signature itself were altered.
    Invalid,
}

impl VerifyState {}

crate::store::stored_names!(VerifyState);

/// One signature of a PDF as checked.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SignatureCheck {
    /// The signature field's name.
    pub field: String,
    pub kind: Option<SignatureKind>,
    /// The holder's name on the certificate.
    pub signer: String,
    /// ISO 8601, Vietnam time, from the signature dictionary's /M.
    pub signing_time: Option<String>,
    pub cert_subject: String,
    pub cert_serial: String,
    /// Whether this signature covers the whole file as it is.
    pub covers_whole_document: bool,
    pub state: VerifyState,
    /// In Vietnamese: why the state is what it is.
    pub message: String,
}

/// Parses a PDF date (`D:YYYYMMDDHHmmSS+07'00'`, later parts optional).
pub(crate) fn parse_pdf_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() < 4 {
        return None;
    }
    let mut full = digits.clone();
    let pad = "0101000000";
    if full.len() < 14 {
        full.push_str(&pad[full.len() - 4..]);
    }
    let naive = NaiveDateTime::parse_from_str(&full[..14], "%Y%m%d%H%M%S").ok()?;
    let rest = &s[digits.len()..];
    let offset_secs = match rest.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let nums: String = rest[1..].chars().filter(|c| c.is_ascii_digit()).collect();
            let h: i32 = nums.get(..2)?.parse().ok()?;
            let m: i32 = nums.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
            let v = h * 3600 + m * 60;
            if sign == '-' {
                -v
            } else {
                v
            }
        }
        _ => 0,
    };
    let tz = chrono::FixedOffset::east_opt(offset_secs)?;
    tz.from_local_datetime(&naive).single().map(|d| d.with_timezone(&Utc))
}

/// The signature dictionaries of the document: (field name, dictionary).
fn signatures(doc: &lopdf::Document) -> Vec<(String, Dictionary)> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let Ok(catalog) = doc.catalog() else { return out };
    let fields = catalog
        .get(b"AcroForm")
        .and_then(|o| doc.dereference(o))
        .and_then(|(_, f)| f.as_dict())
        .and_then(|f| f.get(b"Fields"))
        .and_then(|o| doc.dereference(o))
        .and_then(|(_, a)| a.as_array())
        .cloned()
        .unwrap_or_default();
    for f in &fields {
        let Ok((_, Object::Dictionary(d))) = doc.dereference(f) else { continue };
        let Ok(v) = d.get(b"V") else { continue };
        let Ok((id, Object::Dictionary(sig))) = doc.dereference(v) else { continue };
        if !sig.has(b"ByteRange") || !sig.has(b"Contents") {
            continue;
        }
        if let Some(id) = id {
            seen.insert(id);
        }
        let name = d.get(b"T").and_then(|o| o.as_str()).map(pdf::decode_text).unwrap_or_default();
        out.push((name, sig.clone()));
    }
    // A signature dictionary no field points to (a broken form) is still checked.
    for (id, o) in &doc.objects {
        if let Object::Dictionary(d) = o {
            if d.has(b"ByteRange") && d.has(b"Contents") && !seen.contains(id) {
                out.push((String::new(), d.clone()));
            }
        }
    }
    out
}

fn byte_range(sig: &Dictionary) -> Option<[usize; 4]> {
    let arr = sig.get(b"ByteRange").ok()?.as_array().ok()?;
    let v: Vec<usize> = arr.iter().filter_map(|o| o.as_i64().ok()).filter_map(|i| usize::try_from(i).ok()).collect();
    (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]])
}

fn serialised(o: &Object) -> Vec<u8> {
    let mut b = Vec::new();
    pdf::write_object(&mut b, o);
    b
}

/// Keys that a later signature may change, each only by adding to it.
const GROWING: &[&[u8]] = &[b"Annots", b"AcroForm", b"Version", b"Fields", b"SigFlags"];

fn is_signature_widget(doc: &lopdf::Document, id: ObjectId) -> bool {
    let Ok(d) = doc.get_dictionary(id) else { return false };
    let ft = |d: &Dictionary| d.get(b"FT").and_then(|o| o.as_name()).ok() == Some(b"Sig".as_slice());
    ft(d) || d.get(b"Parent").and_then(|p| p.as_reference()).and_then(|p| doc.get_dictionary(p)).is_ok_and(ft)
}

/// What was changed after the revision `before` in `after`, beyond adding signatures; None
/// when nothing was.
fn changes_beyond_signatures(before: &lopdf::Document, after: &lopdf::Document) -> Option<String> {
    if before.get_pages().len() != after.get_pages().len() {
        return Some("số trang của văn bản đã thay đổi".into());
    }
    for (id, old) in &before.objects {
        let Ok(new) = after.get_object(*id) else {
            return Some(format!("đối tượng {} {} đã bị xóa", id.0, id.1));
        };
        if serialised(old) == serialised(new) {
            continue;
        }
        let allowed = match (old, new) {
            (Object::Dictionary(o), Object::Dictionary(n)) => {
                let keys: HashSet<&Vec<u8>> = o.iter().map(|(k, _)| k).chain(n.iter().map(|(k, _)| k)).collect();
                keys.into_iter().all(|k| {
                    let same = match (o.get(k), n.get(k)) {
                        (Ok(a), Ok(b)) => serialised(a) == serialised(b),
                        (Err(_), Err(_)) => true,
                        _ => false,
                    };
                    same || (GROWING.contains(&k.as_slice()) && grows(after, o.get(k).ok(), n.get(k).ok()))
                })
            }
            (Object::Array(_), Object::Array(_)) => grows(after, Some(old), Some(new)),
            _ => false,
        };
        if !allowed {
            return Some(format!("nội dung (đối tượng {} {}) đã bị sửa sau khi ký", id.0, id.1));
        }
    }
    None
}

/// Whether `new` only adds signature widgets (or form entries) to `old`.
fn grows(after: &lopdf::Document, old: Option<&Object>, new: Option<&Object>) -> bool {
    match (old, new) {
        (Some(Object::Array(o)), Some(Object::Array(n))) => {
            n.len() >= o.len()
                && n[..o.len()].iter().zip(o).all(|(a, b)| serialised(a) == serialised(b))
                && n[o.len()..].iter().all(|x| matches!(x, Object::Reference(id) if is_signature_widget(after, *id)))
        }
        (None, Some(Object::Array(n))) => {
            n.iter().all(|x| matches!(x, Object::Reference(id) if is_signature_widget(after, *id)))
        }
        // A form dictionary or reference added to the catalog, the version raised, flags set.
        (None, Some(_)) => true,
        (Some(Object::Name(_)), Some(Object::Name(_))) => true,
        (Some(Object::Integer(_)), Some(Object::Integer(_))) => true,
        (Some(Object::Reference(a)), Some(Object::Reference(b))) => a == b,
        (Some(Object::Dictionary(_)), Some(Object::Dictionary(_))) => true,
        _ => false,
    }
}

/// Checks every signature of `pdf` against the trust anchors (DER certificates).
pub fn verify_pdf(pdf: &[u8], anchors: &[Vec<u8>]) -> Result<Vec<SignatureCheck>> {
    let doc = lopdf::Document::load_mem(pdf)
        .map_err(|e| AppError::validation(format!("Tệp PDF không đọc được để kiểm tra chữ ký: {e}")))?;
    let mut sigs: Vec<(String, Dictionary, [usize; 4])> = Vec::new();
    let mut out = Vec::new();
    for (name, sig) in signatures(&doc) {
        match byte_range(&sig) {
            Some(br) => sigs.push((name, sig, br)),
            None => out.push(SignatureCheck {
                field: name.clone(),
                kind: SignatureKind::from_field(&name),
                signer: String::new(),
                signing_time: None,
                cert_subject: String::new(),
                cert_serial: String::new(),
                covers_whole_document: false,
                state: VerifyState::Invalid,
                message: "Chữ ký hỏng: thiếu vùng dữ liệu được ký (ByteRange).".into(),
            }),
        }
    }
    sigs.sort_by_key(|(_, _, br)| br[2] + br[3]);
    for (name, sig, br) in sigs {
        out.push(check_one(pdf, &doc, anchors, &name, &sig, br));
    }
    Ok(out)
}

fn check_one(
    pdf: &[u8],
    doc: &lopdf::Document,
    anchors: &[Vec<u8>],
    name: &str,
    sig: &Dictionary,
    br: [usize; 4],
) -> SignatureCheck {
    let time = sig.get(b"M").and_then(|o| o.as_str()).ok().map(pdf::decode_text).and_then(|s| parse_pdf_date(&s));
    let mut check = SignatureCheck {
        field: name.to_string(),
        kind: SignatureKind::from_field(name),
        signer: sig.get(b"Name").and_then(|o| o.as_str()).map(pdf::decode_text).unwrap_or_default(),
        signing_time: time.map(|t| t.with_timezone(&vietnam()).format("%Y-%m-%dT%H:%M:%S%:z").to_string()),
        cert_subject: String::new(),
        cert_serial: String::new(),
        covers_whole_document: false,
        state: VerifyState::Invalid,
        message: String::new(),
    };
    let end = br[2].saturating_add(br[3]);
    let sane = br[0] == 0
        && br[1] < br[2]
        && end <= pdf.len()
        && pdf.get(br[1]) == Some(&b'<')
        && pdf.get(br[2].wrapping_sub(1)) == Some(&b'>');
    if !sane {
        check.message = "Chữ ký hỏng: vùng dữ liệu được ký (ByteRange) không khớp với tệp.".into();
        return check;
    }
    let mut h = Sha256::new();
    h.update(&pdf[..br[1]]);
    h.update(&pdf[br[2]..end]);
    let digest: [u8; 32] = h.finalize().into();
    let contents = sig.get(b"Contents").and_then(|o| o.as_str()).map(|s| s.to_vec()).unwrap_or_default();
    let checked = match cms::verify(&contents, &digest) {
        Ok(c) => c,
        Err(why) => {
            check.message = format!("Chữ ký không hợp lệ: {why}.");
            return check;
        }
    };
    if let Ok(info) = certs::certificate_info(&checked.signer_cert) {
        check.signer = info.holder;
        check.cert_subject = info.subject;
        check.cert_serial = info.serial;
    }
    check.covers_whole_document = end == pdf.len();
    if !check.covers_whole_document {
        let revision = lopdf::Document::load_mem(&pdf[..end]);
        let change = match revision {
            Ok(before) => changes_beyond_signatures(&before, doc),
            Err(_) => Some("không đọc được bản đã ký".into()),
        };
        if let Some(what) = change {
            check.state = VerifyState::Modified;
            check.message = format!("Văn bản đã bị thay đổi sau chữ ký này: {what}.");
            return check;
        }
    }
    let at = time.unwrap_or_else(Utc::now);
    match certs::chain_to_anchor(&checked.signer_cert, &checked.certificates, anchors, at) {
        certs::Chain::Trusted => {
            check.state = VerifyState::Valid;
            check.message = if check.covers_whole_document {
                "Chữ ký hợp lệ; văn bản không bị thay đổi sau khi ký.".into()
            } else {
                "Chữ ký hợp lệ; sau chữ ký này chỉ có thêm các chữ ký khác.".into()
            };
        }
        certs::Chain::Untrusted => {
            check.state = VerifyState::Untrusted;
            check.message = if anchors.is_empty() {
                "Chữ ký đúng, nhưng chưa nhập chứng thư gốc tin cậy (Cài đặt › Ký số) để xác minh người ký.".into()
            } else {
                "Chữ ký đúng, nhưng chứng thư số của người ký không do tổ chức chứng thực tin cậy nào đã nhập cấp."
                    .into()
            };
        }
        certs::Chain::OutOfValidity(who) => {
            check.state = VerifyState::Untrusted;
            check.message = format!("Chữ ký đúng, nhưng chứng thư số “{who}” không còn hiệu lực vào thời điểm ký.");
        }
    }
    check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_parse_with_their_offset() {
        let t = parse_pdf_date("D:20250105093000+07'00'").unwrap();
        assert_eq!(t.to_rfc3339(), "2025-01-05T02:30:00+00:00");
        assert_eq!(parse_pdf_date("D:2025").unwrap().to_rfc3339(), "2025-01-01T00:00:00+00:00");
        assert_eq!(parse_pdf_date("D:20250105093000Z").unwrap().to_rfc3339(), "2025-01-05T09:30:00+00:00");
        assert!(parse_pdf_date("yesterday").is_none());
    }
}
