//! Issuing (ban hành) and recalling (thu hồi).
//!
//! Issuing works out an [`IssuePlan`] on a read — the draft complete, the văn thư's checks
//! passed, the issuing body, the next free number of its series (or a number typed in from
//! another register) — renders the PDF outside any write transaction, then stores it in one
//! short transaction that re-plans and goes ahead only if nothing changed (else it renders
//! again). A correction is a new document; a recall freezes the document and marks it.

use super::authority::content_authority;
use super::checks::{enforce, issue_checks, IssueCheck};
use super::model::*;
use super::pdf::{render_counted, Margins, RenderOptions};
use super::store::{get_document, render_opts, to_json, DocumentRecord, DocumentStatus};
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::settings::{document_settings, IssuingAuthority, Numbering};
use crate::store::Db;
use crate::store::{now, Store};
use crate::text::{check_date, clean, fold};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};

/// What must be there before a document can be issued.
fn check_issuable(c: &DocumentContent) -> Result<()> {
    super::validate::validate_content(c)?;
    let mut missing = Vec::new();
    if c.subject.is_empty() {
        missing.push("trích yếu");
    }
    if c.body.is_empty() {
        missing.push("nội dung");
    }
    if c.signers.is_empty() || c.signers.iter().any(|s| s.name.is_empty()) {
        missing.push("người ký");
    }
    if c.doc_type == DocumentType::Minutes && c.signers.len() < 2 {
        missing.push("chữ ký của thư ký và chủ tọa");
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(AppError::validation(format!("Chưa ban hành được: văn bản còn thiếu {}.", missing.join(", "))))
    }
}

/// A number given by another register, as typed at issue ("125/STTTT-VP"): checked for its
/// form and for the body's symbol. Returns the number, the header to print it with, and the
/// number and symbol as printed.
pub fn parse_external_number(
    doc_type: DocumentType,
    input: &str,
    authority: &IssuingAuthority,
) -> Result<(u32, Issuer, String)> {
    let typed = clean(input);
    let typed = typed.strip_prefix("Số:").or_else(|| typed.strip_prefix("số:")).unwrap_or(&typed).trim().to_string();
    let example = number_and_symbol(doc_type, Some(125), &authority.issuer());
    let bad = |why: &str| AppError::validation(format!("Số “{typed}” không hợp lệ: {why} (ví dụ: {example})."));
    let Some((n, symbol)) = typed.split_once('/') else {
        return Err(bad("cần số, dấu “/” rồi ký hiệu"));
    };
    if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad("phần trước dấu “/” phải là số"));
    }
    let number: u32 = n.parse().map_err(|_| bad("số quá lớn"))?;
    if number == 0 {
        return Err(bad("số bắt đầu từ 01"));
    }
    if symbol.is_empty() || symbol.contains([' ', '/']) {
        return Err(bad("ký hiệu không có khoảng trắng hay dấu “/”"));
    }
    let groups: Vec<&str> = symbol.split('-').collect();
    if groups.iter().any(|g| g.is_empty()) {
        return Err(bad("các nhóm ký hiệu nối bằng một dấu “-”"));
    }
    let rest = if doc_type.code().is_empty() {
        symbol.to_string()
    } else {
        if fold(groups[0]) != fold(doc_type.code()) {
            return Err(bad(&format!("{} có ký hiệu bắt đầu bằng {}", doc_type.label(), doc_type.code())));
        }
        groups[1..].join("-")
    };
    if !rest.split('-').any(|g| fold(g) == fold(&authority.symbol)) {
        return Err(bad(&format!("ký hiệu phải có {} của {}", authority.symbol, authority.name)));
    }
    let issuer = Issuer { symbol: rest, unit_symbol: String::new(), ..authority.issuer() };
    let printed = number_and_symbol(doc_type, Some(number), &issuer);
    Ok((number, issuer, printed))
}

/// Every finding the văn thư would raise before issuing `id` on `date` (read only): what is
/// missing, then the refusals and warnings of [`issue_checks`].
pub fn document_issue_checks(conn: &Db, id: &str, date: NaiveDate) -> Result<Vec<IssueCheck>> {
    let doc = get_document(conn, id)?;
    let mut out = Vec::new();
    if let Err(e) = check_issuable(&doc.content) {
        out.push(IssueCheck::refuse(e.message));
    }
    out.extend(issue_checks(conn, &doc, date)?);
    Ok(out)
}

fn number_taken(tx: &Db, symbol: &str, year: i32, number_symbol: &str) -> Result<bool> {
    Ok(tx
        .query_row(
            "SELECT id FROM document
             WHERE issuer_symbol = ?1 AND year = ?2 AND number_symbol = ?3 AND number_symbol IS NOT NULL",
            params![symbol, year, number_symbol],
            |r| r.get::<_, String>(0),
        )
        .optional()
        .sql()?
        .is_some())
}

fn number_used(tx: &Db, symbol: &str, year: i32, number: u32) -> Result<bool> {
    Ok(tx
        .query_row(
            "SELECT id FROM document WHERE issuer_symbol = ?1 AND year = ?2 AND number = ?3 AND number IS NOT NULL LIMIT 1",
            params![symbol, year, number],
            |r| r.get::<_, String>(0),
        )
        .optional().sql()?
        .is_some())
}

/// Everything an issue depends on, worked out from the store as it is: the checks passed, the
/// number taken, the content as it will be printed. Computed once before rendering (outside
/// any write transaction) and again inside the transaction that stores the result, which
/// goes ahead only if both agree.
#[derive(Debug, Clone, PartialEq)]
struct IssuePlan {
    updated_at: String,
    content: DocumentContent,
    issuer: Issuer,
    authority_id: String,
    authority_symbol: String,
    number: u32,
    number_symbol: String,
    series: String,
    year: i32,
    external: bool,
    margins: Margins,
    created_unix: i64,
}

fn plan_issue(
    conn: &Db,
    id: &str,
    date: NaiveDate,
    external_number: Option<&str>,
    confirmed: bool,
) -> Result<IssuePlan> {
    let doc = get_document(conn, id)?;
    if doc.status != DocumentStatus::Draft {
        return Err(AppError::conflict(format!(
            "Văn bản này đã ban hành ({}), không ban hành lại được.",
            doc.number_symbol.unwrap_or_default()
        )));
    }
    check_issuable(&doc.content)?;
    enforce(&issue_checks(conn, &doc, date)?, confirmed)?;
    let settings = document_settings(conn)?;
    let authority = content_authority(&settings, &doc.content)?;
    let year = date.year();
    let external_number = external_number.map(str::trim).filter(|s| !s.is_empty());
    let (number, issuer, number_symbol, series) = match external_number {
        Some(typed) => {
            let (number, issuer, printed) = parse_external_number(doc.doc_type, typed, &authority)?;
            if number_taken(conn, &authority.symbol, year, &printed)? {
                return Err(AppError::conflict(format!(
                    "Số {printed} năm {year} của {} đã có trong sổ văn bản đi: không cấp trùng số.",
                    authority.name
                )));
            }
            let series = format!("external:{printed}");
            (number, issuer, printed, series)
        }
        None => {
            if authority.external_numbers {
                return Err(AppError::validation(format!(
                    "Số văn bản của {} do văn thư cơ quan đó cấp: hãy nhập số đã được cấp (ví dụ: {}).",
                    authority.name,
                    number_and_symbol(doc.doc_type, Some(125), &authority.issuer())
                )));
            }
            let issuer = authority.issuer();
            let series = match settings.numbering {
                Numbering::OneSeries => "all".to_string(),
                Numbering::PerType => doc.doc_type.as_str().to_string(),
            };
            // `number IS NOT NULL` repeats the predicate of the partial index `document_number`:
            // without it SQLite cannot use that index and reads every document of every year.
            let mut number: u32 = conn
                .query_row(
                    "SELECT coalesce(max(number), 0) + 1 FROM document
                 WHERE issuer_symbol = ?1 AND series = ?2 AND year = ?3 AND number IS NOT NULL",
                    params![issuer.symbol, series, year],
                    |r| r.get(0),
                )
                .sql()?;
            // A number and symbol already given (by the other numbering, or typed in from
            // another register) is skipped, never given twice; in one series for every
            // type, a number given to any type is skipped.
            let one_series = settings.numbering == Numbering::OneSeries;
            let mut printed = number_and_symbol(doc.doc_type, Some(number), &issuer);
            while number_taken(conn, &issuer.symbol, year, &printed)?
                || (one_series && number_used(conn, &issuer.symbol, year, number)?)
            {
                number += 1;
                printed = number_and_symbol(doc.doc_type, Some(number), &issuer);
            }
            (number, issuer, printed, series)
        }
    };
    let mut content = doc.content.clone();
    content.number = Some(number);
    content.date = Some(date);
    content.authority_id = authority.id.clone();
    if content.archive.is_empty() {
        content.archive = authority.archive();
    }
    let created_unix = date.and_hms_opt(0, 0, 0).map(|d| d.and_utc().timestamp()).unwrap_or(0);
    let margins = render_opts(conn, created_unix)?.margins;
    Ok(IssuePlan {
        updated_at: doc.updated_at,
        content,
        issuer,
        authority_id: authority.id.clone(),
        authority_symbol: authority.symbol.clone(),
        number,
        number_symbol,
        series,
        year,
        external: external_number.is_some(),
        margins,
        created_unix,
    })
}

/// The number issuing `id` on `date` would take, with every check an issue runs (benchmark).
pub(crate) fn plan_issue_for_bench(conn: &Db, id: &str, date: NaiveDate) -> Result<u32> {
    Ok(plan_issue(conn, id, date, None, true)?.number)
}

/// Issues a draft on `date`: the next number of its series for that year (or a number typed
/// in from another register), the PDF rendered and stored with its SHA-256, the document
/// frozen. The PDF is rendered before the write transaction, so a long rendering never holds
/// the database's write lock (other windows and the command line keep writing); the
/// transaction then checks that nothing the rendering used has changed (the draft, the
/// number) and otherwise renders again.
pub fn issue_document(
    store: &mut Store,
    id: &str,
    date: NaiveDate,
    external_number: Option<&str>,
    confirmed: bool,
) -> Result<DocumentRecord> {
    check_date(date, "Ngày ban hành")?;
    for _ in 0..5 {
        let plan = store.read(|c| plan_issue(c, id, date, external_number, confirmed))?;
        let opts = RenderOptions { margins: plan.margins, created_unix: plan.created_unix };
        let (pdf, pages) = render_counted(&plan.content, &plan.issuer, opts)?;
        let stored = store.write(|tx| {
            if plan_issue(tx, id, date, external_number, confirmed)? != plan {
                return Ok(None); // changed while rendering: render again
            }
            let sha = crate::filestore::put_bytes(tx, &pdf, crate::filestore::FileKind::Pdf)?;
            let issuer_json = serde_json::to_string(&plan.issuer).map_err(|e| AppError::storage(e.to_string()))?;
            tx.execute(
                "UPDATE document SET status = 'issued', content = ?2, issuer = ?3, issuer_symbol = ?4, series = ?5, year = ?6,
                    number = ?7, number_symbol = ?8, issued_on = ?9, issued_at = ?10, pdf = X'', pdf_file = ?11, pdf_sha256 = ?11,
                    page_count = ?12, updated_at = ?10, authority_id = ?13, external = ?14, list_date = ?9
                 WHERE id = ?1",
                params![
                    id,
                    to_json(&plan.content)?,
                    issuer_json,
                    plan.authority_symbol,
                    plan.series,
                    plan.year,
                    plan.number,
                    plan.number_symbol,
                    date,
                    now(),
                    sha,
                    pages as u32,
                    plan.authority_id,
                    plan.external
                ],
            ).sql()?;
            // Follow-up: a Thông báo kết luận's conclusions, a plan's items become tasks.
            crate::followup::hook::on_document_issued(tx, id, date, &plan.number_symbol)?;
            get_document(tx, id).map(Some)
        })?;
        if let Some(doc) = stored {
            return Ok(doc);
        }
    }
    Err(AppError::conflict(
        "Văn bản hoặc sổ số văn bản thay đổi liên tục trong lúc ban hành (có thể một cửa sổ khác đang ban hành). Hãy thử lại.",
    ))
}

/// Recalls (thu hồi) an issued document: it stays, frozen, marked recalled.
pub fn recall_document(store: &mut Store, id: &str, reason: &str) -> Result<DocumentRecord> {
    let reason = clean(reason);
    if reason.is_empty() {
        return Err(AppError::validation("Hãy ghi lý do thu hồi văn bản."));
    }
    store.write(|tx| {
        let doc = get_document(tx, id)?;
        if doc.status != DocumentStatus::Issued {
            return Err(AppError::conflict("Chỉ thu hồi được văn bản đã ban hành."));
        }
        tx.execute(
            "UPDATE document SET status = 'recalled', recalled_at = ?2, recall_reason = ?3, updated_at = ?2 WHERE id = ?1",
            params![id, now(), reason],
        ).sql()?;
        get_document(tx, id)
    })
}
