//! Hostile documents through the whole path a secretary's draft takes: stored by
//! `create_draft`, then issued. Either the draft is issued (the next number, a stored PDF that
//! matches its SHA-256 and passes qpdf), or it is refused with a Vietnamese message and
//! nothing changes: the draft stays as it was and its number is not used up.

use crate::backup::dump_records;
use crate::documents::tests::properties::with_fault;
use crate::documents::{create_draft, issue_document, DocumentContent, DocumentType};
use crate::error::ErrorCode;
use crate::error::Sql;
use crate::Store;
use proptest::prelude::{any, prop_assert, prop_assert_eq, Strategy};
use proptest::test_runner::{Config, TestCaseError, TestRng, TestRunner};
use rusqlite::params;
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::HashMap;
use std::process::Command;

/// The example of a type: its issuing body and signing block agree (docs/examples).
fn example_of(doc_type: DocumentType) -> DocumentContent {
    let name = match doc_type {
        DocumentType::Announcement => "thong-bao",
        DocumentType::Minutes => "bien-ban",
        DocumentType::Invitation => "giay-moi",
        DocumentType::Report => "bao-cao",
        DocumentType::Plan => "ke-hoach",
        DocumentType::Programme => "chuong-trinh",
        DocumentType::Submission => "to-trinh",
        DocumentType::Decision => "quyet-dinh",
        DocumentType::OfficialLetter => "cong-van",
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../docs/examples/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Generated content (with its deliberate faults), half of it given the issuing body, signing
/// blocks and recipients of its type's example so that issuing is reached, not only the
/// "missing signer" refusal.
fn drafts() -> impl Strategy<Value = DocumentContent> {
    (with_fault(), any::<bool>()).prop_map(|(mut c, complete)| {
        if complete {
            let e = example_of(c.doc_type);
            c.authority_id = e.authority_id;
            c.signers = e.signers;
            c.recipients = e.recipients;
            if crate::text::clean(&c.subject).is_empty() {
                c.subject = e.subject;
            }
            if c.body.is_empty() {
                c.body = e.body;
            }
        }
        c
    })
}

#[derive(Default)]
struct Seen {
    refused_at_draft: usize,
    issued: usize,
    refused_at_issue: usize,
    qpdf_checked: usize,
    /// The last number given in each series: (issuer symbol, series) → number.
    last: HashMap<(String, String), u32>,
}

fn qpdf_available() -> bool {
    Command::new("qpdf").arg("--version").output().is_ok_and(|o| o.status.success())
}

fn vietnamese(message: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    message.nfc().collect::<String>() == message
        && message.chars().any(|c| "ăâđêôơưạảấầẩậắằẳặẹẻẽếềểệỉịọỏốồổộớờởợụủứừửữựỳỷỹýĐ".contains(c))
}

#[test]
fn a_stored_draft_is_issued_or_refused_without_a_trace() {
    let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
    let store = RefCell::new(Store::open_in_memory().unwrap());
    let seen = RefCell::new(Seen::default());
    let qpdf = qpdf_available();
    if !qpdf {
        eprintln!("qpdf is not installed: the issued PDFs are not checked by it (CI installs it)");
    }
    let config = Config { cases: 32, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config.clone(), TestRng::deterministic_rng(config.rng_algorithm));
    let result = runner.run(&drafts(), |content| {
        let mut store = store.borrow_mut();
        let mut seen = seen.borrow_mut();
        let draft = match create_draft(&mut store, &content) {
            Ok(d) => d,
            Err(e) => {
                // Out of scope here (the render properties cover it), but never a panic.
                prop_assert!(vietnamese(&e.message), "{}", e.message);
                seen.refused_at_draft += 1;
                return Ok(());
            }
        };
        let before = store.read(dump_records).map_err(|e| TestCaseError::fail(e.message))?;
        match issue_document(&mut store, &draft.id, date, None, true) {
            Ok(doc) => {
                let (symbol, series, number, pdf, sha): (String, String, u32, Vec<u8>, String) = store
                    .read(|c| {
                        let (symbol, series, number, file, sha): (String, String, u32, String, String) = c.query_row(
                            "SELECT issuer_symbol, series, number, pdf_file, pdf_sha256 FROM document WHERE id = ?1",
                            params![doc.id],
                            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                        ).sql()?;
                        // The PDF is in the file store, named by the record.
                        Ok((symbol, series, number, crate::filestore::read_bytes(c, &file)?, sha))
                    })
                    .map_err(|e| TestCaseError::fail(e.message))?;
                let last = seen.last.entry((symbol, series)).or_insert(0);
                prop_assert_eq!(number, *last + 1, "the number follows the last one given in its series");
                *last = number;
                prop_assert!(pdf.starts_with(b"%PDF-"));
                prop_assert_eq!(format!("{:x}", Sha256::digest(&pdf)), sha.clone());
                prop_assert_eq!(doc.pdf_sha256.as_deref(), Some(sha.as_str()));
                let printed = format!("{number:02}/");
                prop_assert!(
                    doc.number_symbol.as_deref().is_some_and(|n| n.starts_with(&printed)),
                    "{:?}",
                    doc.number_symbol
                );
                if qpdf && seen.qpdf_checked < 4 {
                    let dir = tempfile::tempdir().unwrap();
                    let path = dir.path().join("issued.pdf");
                    std::fs::write(&path, &pdf).unwrap();
                    let out = Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
                    let report = String::from_utf8_lossy(&out.stdout).to_string();
                    prop_assert!(
                        out.status.success() && report.contains("No syntax or stream encoding errors"),
                        "{report}"
                    );
                    seen.qpdf_checked += 1;
                }
                seen.issued += 1;
            }
            Err(e) => {
                prop_assert!(
                    matches!(e.code, ErrorCode::Validation | ErrorCode::Conflict),
                    "{:?}: {}",
                    e.code,
                    e.message
                );
                prop_assert!(vietnamese(&e.message), "not Vietnamese: {}", e.message);
                let after = store.read(dump_records).map_err(|e| TestCaseError::fail(e.message))?;
                prop_assert!(before == after, "a refused issue changed the records: {}", e.message);
                seen.refused_at_issue += 1;
            }
        }
        Ok(())
    });
    let seen = seen.into_inner();
    println!(
        "import + issue property: {} drafts refused, {} issued, {} refused at issue, {} PDFs checked by qpdf",
        seen.refused_at_draft, seen.issued, seen.refused_at_issue, seen.qpdf_checked
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(seen.issued > 0 && seen.refused_at_issue > 0, "the generator reaches both outcomes");
}
