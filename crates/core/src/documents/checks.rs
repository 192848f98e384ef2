//! The checks a văn thư (records clerk) applies before a document gets its number.
//!
//! Each finding is either a refusal (the document cannot be issued as it is: the secretary
//! must change something) or a warning (a person may still decide: the issue goes ahead only
//! when the secretary confirms, having read the list). Document-level checks live here;
//! checks that need a meeting's record (attendance, the meeting's date) live in
//! `meetings::checks` and are collected through [`issue_checks`].

use super::authority::{content_authority, seated_on, signer_lines};
use super::model::{Block, DocumentContent, DocumentType};
use super::store::DocumentRecord;
use crate::error::{AppError, ErrorCode, Result};
use crate::settings::{document_settings, IssuingAuthority};
use crate::store::Db;
use crate::text::{fold, format_date_vi};
use chrono::NaiveDate;
use serde::Serialize;
use specta::Type;

/// One finding of the pre-issue checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct IssueCheck {
    /// `true`: refused until fixed; `false`: a warning the secretary may confirm.
    pub blocking: bool,
    /// Vietnamese, names the field or the people concerned.
    pub message: String,
}

impl IssueCheck {
    pub fn refuse(message: impl Into<String>) -> Self {
        Self { blocking: true, message: message.into() }
    }
    pub fn warn(message: impl Into<String>) -> Self {
        Self { blocking: false, message: message.into() }
    }
}

/// Every finding for issuing `doc` on `date`: the document's own checks, then those of the
/// record it was generated from (a meeting).
pub fn issue_checks(conn: &Db, doc: &DocumentRecord, date: NaiveDate) -> Result<Vec<IssueCheck>> {
    let mut out = Vec::new();
    out.extend(document_checks(conn, doc, date)?);
    out.extend(crate::meetings::checks::for_document(conn, doc, date)?);
    Ok(out)
}

/// The document's own findings: Nơi nhận, placeholders left in, a signing block of another
/// body than the header's, a signer without a seat on the date.
pub fn document_checks(conn: &Db, doc: &DocumentRecord, date: NaiveDate) -> Result<Vec<IssueCheck>> {
    let c = &doc.content;
    let settings = document_settings(conn)?;
    let authority = content_authority(&settings, c)?;
    let mut out = Vec::new();
    if c.recipients.iter().all(|r| r.trim().is_empty()) {
        out.push(IssueCheck::refuse("Nơi nhận còn trống: hãy ghi ít nhất một nơi nhận."));
    }
    out.extend(placeholder_checks(c));
    out.extend(signer_body_checks(&authority, c));
    if let Some(pid) = c.signer_choice.as_ref().and_then(|s| s.person_id.as_deref()) {
        if !seated_on(conn, &authority, pid, date)? {
            let name = c.signers.last().map(|s| s.name.as_str()).unwrap_or_default();
            out.push(IssueCheck::warn(format!(
                "Người ký {name} không có trong danh sách {} tại ngày {}: hãy kiểm tra lại người ký.",
                authority.name,
                format_date_vi(date)
            )));
        }
    }
    Ok(out)
}

/// What is left of a template: "…", "...", "[...]", "XX", "(chưa …)". Returns the mark found.
pub fn placeholder_in(text: &str) -> Option<String> {
    if text.contains('…') {
        return Some("…".into());
    }
    if text.contains("...") {
        return Some("...".into());
    }
    if let Some(start) = text.find('[') {
        if let Some(len) = text[start..].find(']') {
            return Some(text[start..start + len + 1].to_string());
        }
    }
    let lower = text.to_lowercase();
    if let Some(start) = lower.find("(chưa") {
        let rest = &text[start..];
        let end = rest.find(')').map(|i| i + 1).unwrap_or(rest.len());
        return Some(rest[..end].to_string());
    }
    text.split(|ch: char| !ch.is_alphanumeric())
        .find(|w| w.len() >= 2 && w.chars().all(|ch| ch == 'X' || ch == 'x'))
        .map(str::to_string)
}

fn placeholder_checks(c: &DocumentContent) -> Vec<IssueCheck> {
    let mut out = Vec::new();
    let mut check = |field: &str, text: &str| {
        if let Some(mark) = placeholder_in(text) {
            out.push(IssueCheck::refuse(format!("{field} còn chỗ chưa điền (“{mark}”): {}", excerpt(text))));
        }
    };
    check("Trích yếu", &c.subject);
    for (i, block) in c.body.iter().enumerate() {
        let text = match block {
            Block::Paragraph { runs } | Block::Clause { runs } | Block::Point { runs } | Block::Dash { runs } => {
                runs.iter().map(|r| r.text.as_str()).collect::<String>()
            }
            Block::Heading { title, .. } => title.clone(),
            Block::Table { header, rows, .. } => {
                header.iter().chain(rows.iter().flatten()).cloned().collect::<Vec<_>>().join(" | ")
            }
            Block::Chart { title, series, bars } => std::iter::once(title)
                .chain(series)
                .chain(bars.iter().map(|b| &b.label))
                .cloned()
                .collect::<Vec<_>>()
                .join(" | "),
        };
        check(&format!("Nội dung (đoạn {})", i + 1), &text);
    }
    for s in &c.signers {
        check("Họ và tên người ký", &s.name);
    }
    for r in &c.recipients {
        check("Nơi nhận", r);
    }
    out
}

fn excerpt(text: &str) -> String {
    let t: String = text.chars().take(60).collect();
    if t.len() < text.len() {
        format!("“{t}…”")
    } else {
        format!("“{t}”")
    }
}

const PREFIXES: [&str; 5] = ["TM.", "KT.", "Q.", "TL.", "TUQ."];

/// A signing block names the body issuing the document: its "TM." line is that body, its
/// "KT./Q./TL./TUQ." lines are that body's head, a block without a prefix starts with the
/// head's title. Minutes (THƯ KÝ, CHỦ TỌA) are signed by persons, not for a body.
pub fn signer_body_checks(a: &IssuingAuthority, c: &DocumentContent) -> Vec<IssueCheck> {
    if c.doc_type == DocumentType::Minutes {
        return Vec::new();
    }
    let head = fold(&a.head_title);
    let names = [fold(&a.name), fold(a.collective_name())];
    // "BAN CHỈ ĐẠO" for "Ban Chỉ đạo Chuyển đổi số", and longer forms of the name ("… TỈNH").
    let is_body = |x: &str| {
        !x.is_empty()
            && names.iter().any(|n| {
                !n.is_empty() && (n == x || n.starts_with(&format!("{x} ")) || x.starts_with(&format!("{n} ")))
            })
    };
    let mut out = Vec::new();
    for s in &c.signers {
        let lines = signer_lines(s);
        let mut wrong: Option<&str> = None;
        let mut after_tm = false;
        for (i, line) in lines.iter().enumerate() {
            let prefix = PREFIXES.iter().find(|p| line.starts_with(&format!("{p} ")));
            match prefix {
                Some(&"TM.") => {
                    let rest = fold(line["TM.".len()..].trim());
                    if !is_body(&rest) {
                        wrong = Some(line);
                        break;
                    }
                    after_tm = true;
                    continue;
                }
                Some(p) => {
                    let rest = fold(line[p.len()..].trim());
                    if rest != head && !is_body(&rest) {
                        wrong = Some(line);
                    }
                    break;
                }
                None => {
                    if (i == 0 || after_tm) && fold(line) != head {
                        wrong = Some(line);
                    }
                    break;
                }
            }
        }
        if let Some(line) = wrong {
            out.push(IssueCheck::refuse(format!(
                "Khối chữ ký “{line}” không thuộc cơ quan ban hành {} (phần đầu và ký hiệu {}): hãy chọn lại người ký \
                 hoặc cơ quan ban hành.",
                a.name, a.symbol
            )));
        }
    }
    out
}

/// Turns findings into the outcome of an issue attempt: refusals first (all of them, one per
/// line), then unconfirmed warnings (code `NeedsConfirmation`, so the window can ask).
pub fn enforce(checks: &[IssueCheck], confirmed: bool) -> Result<()> {
    let refusals: Vec<&str> = checks.iter().filter(|c| c.blocking).map(|c| c.message.as_str()).collect();
    if !refusals.is_empty() {
        return Err(AppError::validation(format!("Chưa ban hành được:\n- {}", refusals.join("\n- "))));
    }
    let warnings: Vec<&str> = checks.iter().filter(|c| !c.blocking).map(|c| c.message.as_str()).collect();
    if !warnings.is_empty() && !confirmed {
        return Err(AppError::new(
            ErrorCode::NeedsConfirmation,
            format!("Hãy xem lại trước khi ban hành:\n- {}", warnings.join("\n- ")),
        ));
    }
    Ok(())
}
