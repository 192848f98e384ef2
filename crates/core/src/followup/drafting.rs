//! What follow-up's generated drafts start from: the issuing body the settings give for the
//! type, its header and "Lưu", and its head on the date as signer (when the body has a roster).

use crate::documents::{self, DocumentContent, DocumentType};
use crate::error::Result;
use crate::settings::document_settings;
use crate::store::Db;
use chrono::NaiveDate;

/// An empty draft of `doc_type` for the type's default body, signed by its head on `date`.
pub(crate) fn blank(conn: &Db, doc_type: DocumentType, date: NaiveDate) -> Result<DocumentContent> {
    let settings = document_settings(conn)?;
    let authority = settings.default_authority(doc_type)?.clone();
    let (signers, signer_choice) = match &authority.roster_body_id {
        Some(body) => {
            let d = documents::defaults_for_body(conn, body, date)?;
            if d.authority_id == authority.id {
                (d.default_signers, d.signer_choice)
            } else {
                (vec![], None)
            }
        }
        None => (vec![], None),
    };
    Ok(DocumentContent {
        doc_type,
        number: None,
        date: None,
        subject: String::new(),
        urgency: None,
        addressees: vec![],
        enacting_authority: String::new(),
        legal_bases: vec![],
        body: vec![],
        signers,
        recipients: vec![],
        archive: authority.archive(),
        authority_id: authority.id.clone(),
        signer_choice,
    })
}

/// The body's name as the text names it ("Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An").
pub(crate) fn body_name(conn: &Db, content: &DocumentContent, date: NaiveDate) -> Result<String> {
    let options = documents::signer_options(conn, &content.authority_id, date)?;
    if !options.roster_body_name.is_empty() {
        return Ok(options.roster_body_name);
    }
    let settings = document_settings(conn)?;
    Ok(settings.authority(&content.authority_id)?.name.clone())
}
