//! Signatures in the store (migration 0011): signing an issued document's stored PDF, the
//! signatures' verification states, the images a signature shows (a person's signature, a
//! body's seal — kept in the database, so a backup carries them), the trust anchors, and the
//! token driver's path.
//!
//! A signing reads what it needs, asks the token to sign outside any transaction (a token
//! may wait for its PIN pad or be slow), then stores the signed PDF in one transaction that
//! goes ahead only if the stored PDF is still the one signed. The first signature keeps the PDF
//! as issued in `pdf_unsigned_file`; `pdf_file` and `pdf_sha256` then follow the signed file (both
//! name files of the file store, see filestore::refs).

use super::{
    copy_lines, organisation_lines, place, sign_pdf, verify_pdf, SignRequest, SignatureKind, Signer, VerifyState,
};
use crate::documents::authority::content_authority;
use crate::documents::model::Issuer;
use crate::documents::pdf::{render, Margins, RenderOptions};
use crate::documents::store::{get_document, DocumentStatus};
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::settings::document_settings;
use crate::store::decode::{decode, decode_opt};
use crate::store::{new_id, now, Store};
use crate::store::{Db, Tx};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;

/// A signature of a stored document, as last verified.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct DocumentSignature {
    pub seq: u32,
    pub kind: Option<SignatureKind>,
    pub kind_label: String,
    pub signer_name: String,
    /// ISO 8601, Vietnam time.
    pub signed_at: Option<String>,
    pub cert_subject: String,
    pub cert_serial: String,
    pub state: VerifyState,
    pub state_label: String,
    pub message: String,
    pub checked_at: String,
}

fn state_label(s: VerifyState) -> &'static str {
    match s {
        VerifyState::Valid => "Hợp lệ",
        VerifyState::Untrusted => "Chưa xác minh được người ký",
        VerifyState::Modified => "Văn bản bị sửa sau khi ký",
        VerifyState::Invalid => "Không hợp lệ",
    }
}

/// The signing settings (the `signing` key of the settings table).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct SigningSettings {
    /// The token's PKCS#11 driver library (.dll / .so); empty: not set.
    #[serde(default)]
    pub driver_path: String,
}

const KEY: &str = "signing";

pub fn signing_settings(conn: &Db) -> Result<SigningSettings> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [KEY], |r| r.get(0)).optional().sql()?;
    match value {
        None => Ok(SigningSettings::default()),
        Some(json) => serde_json::from_str(&json)
            .map_err(|_| AppError::from(crate::store::CorruptValue::new("setting", KEY, "value", &json))),
    }
}

pub fn save_signing_settings(store: &mut Store, settings: &SigningSettings) -> Result<SigningSettings> {
    let s = SigningSettings { driver_path: settings.driver_path.trim().to_string() };
    let json = serde_json::to_string(&s).map_err(|e| AppError::storage(e.to_string()))?;
    store.write(|tx| {
        tx.execute(
            "INSERT INTO setting (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![KEY, json, now()],
        )
        .sql()?;
        Ok(())
    })?;
    store.read(signing_settings)
}

const MAX_IMAGE: usize = 4 * 1024 * 1024;

fn check_png(png: &[u8]) -> Result<()> {
    if png.len() > MAX_IMAGE {
        return Err(AppError::validation("Ảnh lớn quá 4 MB: hãy dùng ảnh PNG nhỏ hơn."));
    }
    let img = super::image::decode(png)?;
    if img.alpha.is_none() {
        return Err(AppError::validation(
            "Ảnh chưa có nền trong suốt: hãy dùng ảnh PNG nền trong suốt (như Nghị định 30 yêu cầu).",
        ));
    }
    Ok(())
}

/// Stores a person's signature image (transparent PNG).
pub fn set_person_signature_image(store: &mut Store, person_id: &str, png: &[u8]) -> Result<()> {
    check_png(png)?;
    store.write(|tx| {
        let exists: Option<String> =
            tx.query_row("SELECT id FROM person WHERE id = ?1", [person_id], |r| r.get(0)).optional().sql()?;
        if exists.is_none() {
            return Err(AppError::not_found("Không tìm thấy người này trong danh bạ."));
        }
        tx.execute(
            "INSERT INTO person_signature_image (person_id, png, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(person_id) DO UPDATE SET png = excluded.png, updated_at = excluded.updated_at",
            params![person_id, png, now()],
        )
        .sql()?;
        Ok(())
    })
}

pub fn person_signature_image(conn: &Db, person_id: &str) -> Result<Option<Vec<u8>>> {
    conn.query_row("SELECT png FROM person_signature_image WHERE person_id = ?1", [person_id], |r| r.get(0))
        .optional()
        .sql()
}

pub fn remove_person_signature_image(store: &mut Store, person_id: &str) -> Result<()> {
    store.write(|tx| {
        tx.execute("DELETE FROM person_signature_image WHERE person_id = ?1", [person_id]).sql()?;
        Ok(())
    })
}

/// Stores an issuing body's seal image (red transparent PNG; its pHYs gives the real size).
pub fn set_seal_image(store: &mut Store, authority_id: &str, png: &[u8]) -> Result<()> {
    check_png(png)?;
    store.write(|tx| {
        document_settings(tx)?.authority(authority_id)?;
        tx.execute(
            "INSERT INTO seal_image (authority_id, png, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(authority_id) DO UPDATE SET png = excluded.png, updated_at = excluded.updated_at",
            params![authority_id, png, now()],
        )
        .sql()?;
        Ok(())
    })
}

pub fn seal_image(conn: &Db, authority_id: &str) -> Result<Option<Vec<u8>>> {
    conn.query_row("SELECT png FROM seal_image WHERE authority_id = ?1", [authority_id], |r| r.get(0)).optional().sql()
}

pub fn remove_seal_image(store: &mut Store, authority_id: &str) -> Result<()> {
    store.write(|tx| {
        tx.execute("DELETE FROM seal_image WHERE authority_id = ?1", [authority_id]).sql()?;
        Ok(())
    })
}

/// A CA certificate the office trusts.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct TrustAnchor {
    pub id: String,
    pub name: String,
    pub subject: String,
    pub not_after: String,
}

/// Imports the certificates of a .cer/.crt/.pem file as trust anchors (one already there is
/// left as it is). Returns every anchor.
pub fn import_trust_anchors(store: &mut Store, file: &[u8]) -> Result<Vec<TrustAnchor>> {
    let ders = super::read_certificates(file)?;
    store.write(|tx| {
        for der in &ders {
            let info = super::certificate_info(der)?;
            tx.execute(
                "INSERT INTO trust_anchor (id, subject, name, not_after, der, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(der) DO NOTHING",
                params![new_id(), info.subject, info.holder, info.not_after, der, now()],
            ).sql()?;
        }
        Ok(())
    })?;
    store.read(trust_anchors)
}

pub fn trust_anchors(conn: &Db) -> Result<Vec<TrustAnchor>> {
    let mut stmt = conn.prepare("SELECT id, name, subject, not_after FROM trust_anchor ORDER BY name, id").sql()?;
    let rows = stmt
        .query_map([], |r| Ok(TrustAnchor { id: r.get(0)?, name: r.get(1)?, subject: r.get(2)?, not_after: r.get(3)? }))
        .sql()?;
    rows.collect::<rusqlite::Result<_>>().sql()
}

pub fn remove_trust_anchor(store: &mut Store, id: &str) -> Result<Vec<TrustAnchor>> {
    store.write(|tx| {
        tx.execute("DELETE FROM trust_anchor WHERE id = ?1", [id]).sql()?;
        Ok(())
    })?;
    store.read(trust_anchors)
}

fn anchor_ders(conn: &Db) -> Result<Vec<Vec<u8>>> {
    let mut stmt = conn.prepare("SELECT der FROM trust_anchor").sql()?;
    let rows = stmt.query_map([], |r| r.get(0)).sql()?;
    rows.collect::<rusqlite::Result<_>>().sql()
}

pub fn document_signatures(conn: &Db, document_id: &str) -> Result<Vec<DocumentSignature>> {
    let mut stmt = conn
        .prepare(
            "SELECT seq, kind, signer_name, signed_at, cert_subject, cert_serial, state, message, checked_at
         FROM document_signature WHERE document_id = ?1 ORDER BY seq",
        )
        .sql()?;
    let rows = stmt
        .query_map([document_id], |r| {
            let kind: Option<String> = r.get(1)?;
            let state: String = r.get(6)?;
            Ok((kind, state, r.get(0)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(7)?, r.get(8)?))
        })
        .sql()?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, state, seq, signer_name, signed_at, cert_subject, cert_serial, message, checked_at) = row.sql()?;
        let record = format!("{document_id}/{seq}");
        let kind = decode_opt("document_signature", &record, "kind", kind.as_deref(), SignatureKind::parse).sql()?;
        let state = decode("document_signature", &record, "state", &state, VerifyState::parse).sql()?;
        out.push(DocumentSignature {
            seq,
            kind,
            kind_label: kind.map(|k| k.label()).unwrap_or("Chữ ký số").to_string(),
            signer_name,
            signed_at,
            cert_subject,
            cert_serial,
            state,
            state_label: state_label(state).to_string(),
            message,
            checked_at,
        });
    }
    Ok(out)
}

/// Replaces the document's signature rows with what verifying `pdf` finds.
fn store_checks(tx: &Tx, document_id: &str, pdf: &[u8]) -> Result<()> {
    let checks = verify_pdf(pdf, &anchor_ders(tx)?)?;
    tx.execute("DELETE FROM document_signature WHERE document_id = ?1", [document_id]).sql()?;
    let checked_at = now();
    for (i, c) in checks.iter().enumerate() {
        tx.execute(
            "INSERT INTO document_signature (id, document_id, seq, kind, signer_name, signed_at, cert_subject,
                cert_serial, state, message, checked_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                new_id(),
                document_id,
                i as u32 + 1,
                c.kind.map(|k| k.as_str()),
                c.signer,
                c.signing_time,
                c.cert_subject,
                c.cert_serial,
                c.state.as_str(),
                c.message,
                checked_at
            ],
        )
        .sql()?;
    }
    Ok(())
}

/// Verifies the stored PDF again (after trust anchors changed, or to check the file) and
/// records the states.
pub fn verify_document(store: &mut Store, document_id: &str) -> Result<Vec<DocumentSignature>> {
    store.write(|tx| {
        let pdf = crate::filestore::refs::document_pdfs(tx, document_id)?.and_then(|(pdf, _)| pdf);
        let pdf =
            pdf.ok_or_else(|| AppError::validation("Văn bản chưa ban hành: chưa có tệp PDF để kiểm tra chữ ký."))?;
        store_checks(tx, document_id, &pdf)
    })?;
    store.read(|c| document_signatures(c, document_id))
}

/// What a signing needs besides the signer.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct SignOptions {
    /// Whose signing block (for minutes: 0 THƯ KÝ, 1 CHỦ TỌA); default the last signer.
    #[serde(default)]
    pub signer_index: Option<u32>,
    /// The roster person whose signature image is used; default the person named as signer.
    #[serde(default)]
    pub person_id: Option<String>,
    /// A copy's form ("SAO Y", "SAO LỤC", "TRÍCH SAO"); default "SAO Y".
    #[serde(default)]
    pub copy_form: Option<String>,
}

struct Prepared {
    pdf: Vec<u8>,
    sha: String,
    request: SignRequest,
}

fn prepare(
    conn: &Db,
    id: &str,
    kind: SignatureKind,
    holder: &str,
    time: DateTime<Utc>,
    opts: &SignOptions,
) -> Result<Prepared> {
    let doc = get_document(conn, id)?;
    match doc.status {
        DocumentStatus::Draft => {
            return Err(AppError::validation("Văn bản chưa ban hành: hãy ban hành trước khi ký số."))
        }
        DocumentStatus::Recalled => return Err(AppError::conflict("Văn bản đã bị thu hồi: không ký số được nữa.")),
        DocumentStatus::Issued => {}
    }
    let (sha, issuer_json): (Option<String>, Option<String>) = conn
        .query_row("SELECT pdf_sha256, issuer FROM document WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .sql()?;
    let (pdf, unsigned) = crate::filestore::refs::document_pdfs(conn, id)?.unwrap_or_default();
    let pdf = pdf.ok_or_else(|| AppError::storage("Văn bản đã ban hành nhưng thiếu tệp PDF."))?;
    let sha = sha.unwrap_or_default();
    if format!("{:x}", Sha256::digest(&pdf)) != sha {
        return Err(AppError::storage(
            "Tệp PDF đã lưu không khớp giá trị băm khi ban hành (có thể bị sửa ngoài ứng dụng): không ký số.",
        ));
    }
    let block = if kind == SignatureKind::Copy {
        None
    } else {
        let issuer: Issuer = issuer_json
            .as_deref()
            .and_then(|j| serde_json::from_str(j).ok())
            .ok_or_else(|| AppError::storage("Thiếu thông tin cơ quan ban hành của văn bản đã ban hành."))?;
        let index = match opts.signer_index {
            Some(i) => i as usize,
            None => doc.content.signers.len().saturating_sub(1),
        };
        Some(issued_block(conn, &doc.content, &issuer, doc.issued_on, unsigned.as_deref().unwrap_or(&pdf), index)?)
    };
    let (image, lines) = match kind {
        SignatureKind::Signer => {
            let index = opts.signer_index.map(|i| i as usize).unwrap_or(doc.content.signers.len().saturating_sub(1));
            let person = match &opts.person_id {
                Some(p) => Some(p.clone()),
                None => {
                    let name = doc.content.signers.get(index).map(|s| crate::text::clean(&s.name)).unwrap_or_default();
                    conn.query_row("SELECT id FROM person WHERE full_name = ?1 LIMIT 1", [&name], |r| r.get(0))
                        .optional()
                        .sql()?
                }
            };
            let image = match person {
                Some(p) => person_signature_image(conn, &p)?,
                None => None,
            };
            (image, Vec::new())
        }
        SignatureKind::Organisation => {
            let authority = content_authority(&document_settings(conn)?, &doc.content)?;
            (seal_image(conn, &authority.id)?, organisation_lines(holder, time))
        }
        SignatureKind::Copy => {
            let form = opts.copy_form.clone().filter(|f| !f.trim().is_empty()).unwrap_or_else(|| "SAO Y".into());
            (None, copy_lines(&crate::text::clean(&form).to_uppercase(), holder, time))
        }
    };
    Ok(Prepared { pdf, sha, request: SignRequest { kind, block, image, lines, time } })
}

/// The signing block as the document was rendered at issue: rendered again with the margins
/// in the settings (or the default ones) and checked byte for byte against the issued PDF, so
/// that a change of margins since the issue cannot move the signature off its place.
fn issued_block(
    conn: &Db,
    content: &crate::documents::model::DocumentContent,
    issuer: &Issuer,
    issued_on: Option<chrono::NaiveDate>,
    issued_pdf: &[u8],
    index: usize,
) -> Result<super::SigningBlock> {
    let created_unix = issued_on.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc().timestamp()).unwrap_or(0);
    let m = document_settings(conn)?.margins;
    let current = Margins { top: m.top, bottom: m.bottom, left: m.left, right: m.right };
    let mut chosen = current;
    for margins in [current, Margins::default()] {
        if render(content, issuer, RenderOptions { margins, created_unix }).is_ok_and(|b| b == issued_pdf) {
            chosen = margins;
            break;
        }
    }
    place::signing_block(content, issuer, chosen, index)?
        .ok_or_else(|| AppError::validation("Văn bản không có khối chữ ký của người ký này."))
}

/// Signs an issued document's stored PDF with `signer`: the PDF gains one signature (the
/// signer's, the organisation's or a copy's), the issued PDF is kept, the signatures are
/// verified and recorded. On any failure nothing is written.
pub fn sign_document(
    store: &mut Store,
    id: &str,
    kind: SignatureKind,
    signer: &dyn Signer,
    time: DateTime<Utc>,
    opts: &SignOptions,
) -> Result<Vec<DocumentSignature>> {
    let chain = signer.chain();
    let leaf = chain.first().ok_or_else(|| AppError::validation("Không có chứng thư số để ký."))?;
    let holder = super::certificate_info(leaf)?.holder;
    let prepared = store.read(|c| prepare(c, id, kind, &holder, time, opts))?;
    let signed = sign_pdf(&prepared.pdf, &prepared.request, signer)?;
    store.write(|tx| {
        let sha = crate::filestore::put_bytes(tx, &signed, crate::filestore::FileKind::Pdf)?;
        let current: Option<String> = tx
            .query_row("SELECT pdf_sha256 FROM document WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .sql()?
            .flatten();
        if current.as_deref() != Some(prepared.sha.as_str()) {
            return Err(AppError::conflict(
                "Văn bản vừa được ký ở một cửa sổ khác trong lúc ký: hãy mở lại văn bản rồi ký lại.",
            ));
        }
        // The PDF as issued is kept (by reference, or as its BLOB on a row not yet moved out;
        // an empty `pdf` BLOB means "in the store", see migration 0018).
        tx.execute(
            "UPDATE document SET
                pdf_unsigned_file = CASE WHEN pdf_unsigned IS NULL AND pdf_unsigned_file IS NULL
                    AND coalesce(length(pdf), 0) = 0 THEN pdf_file ELSE pdf_unsigned_file END,
                pdf_unsigned = CASE WHEN pdf_unsigned IS NULL AND pdf_unsigned_file IS NULL
                    AND length(pdf) > 0 THEN pdf ELSE pdf_unsigned END,
                pdf = X'', pdf_file = ?2, pdf_sha256 = ?2, updated_at = ?3
             WHERE id = ?1",
            params![id, sha, now()],
        )
        .sql()?;
        store_checks(tx, id, &signed)
    })?;
    store.read(|c| document_signatures(c, id))
}

/// The PDF as issued, before any signature (the stored one when it carries none).
pub fn unsigned_pdf(conn: &Db, id: &str) -> Result<Vec<u8>> {
    let (pdf, unsigned) = crate::filestore::refs::document_pdfs(conn, id)?
        .ok_or_else(|| AppError::not_found("Không tìm thấy văn bản (có thể đã bị xóa)."))?;
    unsigned.or(pdf).ok_or_else(|| AppError::validation("Văn bản chưa ban hành: chưa có tệp PDF."))
}

/// "Võ Trọng Phú (2025-01-06T09:30:00+07:00); …": who signed when, for the register's notes.
pub fn signed_summary(conn: &Db, id: &str) -> Result<String> {
    Ok(document_signatures(conn, id)?
        .iter()
        .map(|s| match &s.signed_at {
            Some(t) => format!("{} ({t})", s.signer_name),
            None => s.signer_name.clone(),
        })
        .collect::<Vec<_>>()
        .join("; "))
}

/// The time now, as a signing uses it.
pub fn signing_time_now() -> DateTime<Utc> {
    let t = Utc::now();
    // To the second: /M and the visible text have no fractions.
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}
