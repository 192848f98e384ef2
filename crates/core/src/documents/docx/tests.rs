//! Word round trips: our DOCX read back by LibreOffice (its PDF's words against ours) and by
//! our own import (the body comes back as it was).

use super::{body_from_docx, render_docx, Margins};
use crate::documents::model::*;
use crate::documents::tests::{example_issuer, load, out_dir, render_to, tool};
use std::path::{Path, PathBuf};
use std::process::Command;

const CREATED: i64 = 1_736_035_200;

fn docx_of(doc: &DocumentContent) -> Vec<u8> {
    render_docx(doc, &example_issuer(doc), Margins::default(), CREATED).unwrap()
}

/// Converts a DOCX to PDF with LibreOffice headless (installed by `scripts/setup.sh --test`).
fn libreoffice_pdf(docx: &Path) -> PathBuf {
    let dir = docx.parent().unwrap().join(format!("lo-{}", docx.file_stem().unwrap().to_string_lossy()));
    std::fs::create_dir_all(&dir).unwrap();
    // A profile of its own, so parallel tests (and a desktop session) do not share one.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let out = Command::new("soffice")
        .args([
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir.to_str().unwrap(),
            docx.to_str().unwrap(),
        ])
        .output()
        .expect("LibreOffice (soffice) is needed: apt-get install libreoffice-writer-nogui");
    assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
    let pdf = dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(pdf.exists(), "no PDF from soffice: {}", String::from_utf8_lossy(&out.stdout));
    pdf
}

/// The words of a PDF, page by page, without the page numbers at the top of pages 2, 3, …
/// (the two layouts may break pages at different lines).
fn words(pdf: &Path) -> Vec<String> {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let pages: usize =
        info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).expect("page count");
    let mut all = Vec::new();
    for page in 1..=pages {
        let n = page.to_string();
        let text = tool("pdftotext", &["-raw", "-enc", "UTF-8", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"]);
        let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        if page > 1 {
            // Drawn first (LibreOffice's page header) or last (our writer).
            if words.first() == Some(&n) {
                words.remove(0);
            } else {
                assert_eq!(words.pop(), Some(n), "page {page} of {} has its number", pdf.display());
            }
        }
        all.extend(words);
    }
    // A long number-symbol may break after its "/" (ours) or "-" (LibreOffice): join it again.
    let mut joined: Vec<String> = Vec::new();
    for w in all {
        match joined.last_mut() {
            Some(last) if last.ends_with('/') || (last.len() > 1 && last.ends_with('-')) => last.push_str(&w),
            _ => joined.push(w),
        }
    }
    joined
}

fn body_example() -> Vec<Block> {
    let r = |t: &str| Run::plain(t);
    vec![
        Block::Heading { heading: HeadingKind::Chapter, title: "Những quy định chung".into() },
        Block::Heading { heading: HeadingKind::Article, title: "Phạm vi điều chỉnh".into() },
        Block::Paragraph {
            runs: vec![
                r("Quy chế này quy định việc "),
                Run { text: "phối hợp".into(), bold: true, ..Default::default() },
                r(" giữa Sở TT&TT và các sở, ngành <liên quan> trong "),
                Run { text: "chuyển đổi số".into(), italic: true, ..Default::default() },
                r("."),
            ],
        },
        Block::Clause { runs: vec![r("Các cơ quan chuyên môn thuộc UBND tỉnh:")] },
        Block::Point { runs: vec![r("Sở Nội vụ;")] },
        Block::Point { runs: vec![r("Sở Tài chính;")] },
        Block::Point { runs: vec![r("Sở Kế hoạch và Đầu tư;")] },
        Block::Point { runs: vec![r("Sở Y tế;")] },
        Block::Point { runs: vec![r("Sở Giáo dục và Đào tạo.")] },
        Block::Clause {
            runs: vec![Run {
                text: "Ủy ban nhân dân cấp huyện.".into(), underline: true, ..Default::default()
            }],
        },
        Block::Dash { runs: vec![r("Thời hạn: trước ngày 30/6/2025.")] },
        Block::Heading { heading: HeadingKind::Roman, title: "TỔ CHỨC THỰC HIỆN".into() },
        Block::Table {
            header: vec!["STT".into(), "Nhiệm vụ".into(), "Thời hạn".into()],
            rows: vec![
                vec!["1".into(), "Rà soát hạ tầng".into(), "30/6/2025".into()],
                vec!["2".into(), "Báo cáo kết quả".into(), "31/12/2025".into()],
            ],
            widths: vec![1.0, 4.0, 2.0],
        },
        Block::Paragraph {
            runs: vec![r("Trong quá trình thực hiện, nếu có vướng mắc, báo cáo Tổ Công tác.")]
        },
    ]
}

/// Export → import gives the same body back (the printed "./." is not part of it).
#[test]
fn the_body_round_trips_through_docx() {
    let mut doc = load("thong-bao.json");
    doc.body = body_example();
    let bytes = docx_of(&doc);
    let back = body_from_docx(&bytes).unwrap();
    // Centred headings print their title in capitals; the rest comes back exactly.
    let mut expected = body_example();
    if let Block::Heading { title, .. } = &mut expected[0] {
        *title = title.to_uppercase();
    }
    assert_eq!(back, expected);
}

/// Every example, as LibreOffice lays out our DOCX, says the same words in the same order as
/// our own PDF. Words are read in drawing order (`pdftotext -raw`: a justified line's wide gaps
/// do not split it into columns); line and page breaks may differ, so page numbers are set
/// aside.
#[test]
fn libreoffice_reads_the_same_words_as_our_pdf() {
    for name in ["thong-bao.json", "quyet-dinh.json", "cong-van.json", "bien-ban.json", "bao-cao.json", "du-thao.json"]
    {
        // A draft: no number, no date (blanks to fill in by hand).
        let doc = if name == "du-thao.json" {
            DocumentContent { number: None, date: None, ..load("giay-moi.json") }
        } else {
            load(name)
        };
        let ours = render_to(&format!("docx-{name}"), &doc);
        let docx = out_dir().join(name.replace(".json", ".docx"));
        std::fs::write(&docx, docx_of(&doc)).unwrap();
        let theirs = libreoffice_pdf(&docx);
        let (a, b) = (words(&ours), words(&theirs));
        let at = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
        assert!(
            a == b,
            "{name}: our PDF and LibreOffice's rendering of our DOCX differ at word {at}:\n ours:   {:?}\n theirs: {:?}",
            &a[at.saturating_sub(5)..(at + 10).min(a.len())],
            &b[at.saturating_sub(5)..(at + 10).min(b.len())]
        );
    }
}

#[test]
fn a_file_that_is_not_word_is_refused_in_vietnamese() {
    let err = body_from_docx(b"PK\x03\x04 not really a zip").unwrap_err();
    assert!(err.message.contains("không phải tệp Word"), "{}", err.message);
    let err = body_from_docx(b"").unwrap_err();
    assert_eq!(err.code, crate::error::ErrorCode::Validation);
}

/// The import replaces a draft's body only, keeps the rest, and never touches an issued
/// document.
#[test]
fn the_import_fills_a_draft_and_refuses_an_issued_document() {
    use crate::documents::{create_draft, get_document, issue_document};
    let mut store = crate::store::Store::open_in_memory().unwrap();
    let mut doc = load("thong-bao.json");
    let draft = create_draft(&mut store, &doc).unwrap();
    doc.body = body_example();
    let edited = docx_of(&doc);
    let updated = super::import_docx_body(&mut store, &draft.id, &edited).unwrap();
    assert_eq!(updated.content.body.len(), body_example().len());
    assert_eq!(updated.content.subject, draft.content.subject);
    assert_eq!(updated.content.recipients, draft.content.recipients);

    issue_document(&mut store, &draft.id, chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), None, true).unwrap();
    let before = store.read(|c| get_document(c, &draft.id)).unwrap();
    let err = super::import_docx_body(&mut store, &draft.id, &edited).unwrap_err();
    assert!(err.message.contains("chỉ nhập lại từ Word vào một bản dự thảo"), "{}", err.message);
    assert_eq!(store.read(|c| get_document(c, &draft.id)).unwrap().content, before.content);
}
