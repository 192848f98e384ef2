//! Rendering tests: real PDFs read back by independent tools (pdftotext, pdffonts, qpdf).

use super::model::*;
use super::pdf::{render, Margins, RenderOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The header of an example: the issuing body it names, from the default settings.
pub(crate) fn example_issuer(doc: &DocumentContent) -> Issuer {
    super::authority::content_authority(&crate::settings::DocumentSettings::default(), doc).unwrap().issuer()
}

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples")
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/artifacts/pdf");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn load(name: &str) -> DocumentContent {
    let text = std::fs::read_to_string(examples_dir().join(name)).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn render_to(name: &str, doc: &DocumentContent) -> PathBuf {
    let bytes =
        render(doc, &example_issuer(doc), RenderOptions { margins: Margins::default(), created_unix: 1_736_035_200 })
            .unwrap();
    let path = out_dir().join(name.replace(".json", ".pdf"));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs an independent PDF tool (poppler-utils, qpdf: installed by `make test`).
fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is needed to check PDFs (apt-get install poppler-utils qpdf): {e}"));
    assert!(out.status.success(), "{cmd} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Text as pdftotext reads it, lines joined with single spaces.
fn flat_text(pdf: &Path) -> String {
    let raw = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every word's box as pdftotext -bbox reports it: (page, xMin, yMin, xMax, yMax, word).
fn word_boxes(pdf: &Path) -> Vec<(usize, f32, f32, f32, f32, String)> {
    let html = tool("pdftotext", &["-bbox", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    let mut page = 0;
    let mut out = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        }
        if let Some(rest) = line.strip_prefix("<word ") {
            let attr = |name: &str| -> f32 {
                let key = format!("{name}=\"");
                let start = rest.find(&key).unwrap() + key.len();
                rest[start..].split('"').next().unwrap().parse().unwrap()
            };
            let word = rest.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_string();
            out.push((page, attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax"), word));
        }
    }
    out
}

#[test]
fn announcement_reads_back_exactly() {
    let doc = load("thong-bao.json");
    let pdf = render_to("thong-bao.json", &doc);
    let text = flat_text(&pdf);
    // Issued by the task force: its header, its symbol, signed in its name (with the host
    // department's post, since it uses that department's seal).
    for expected in [
        "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH",
        "TỔ CÔNG TÁC GIÚP VIỆC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/TB-TCT",
        "Nghệ An, ngày 05 tháng 01 năm 2025",
        "THÔNG BÁO",
        "1. Năm 2024, các sở, ban, ngành, địa phương đã tích cực triển khai",
        "a) Sở Thông tin và Truyền thông chủ trì, phối hợp",
        "c) Các sở, ngành là thành viên Tổ Công tác báo cáo định kỳ",
        "biết, thực hiện./.",
        "TM. TỔ CÔNG TÁC TỔ TRƯỞNG PHÓ GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Võ Trọng Phú",
        "- Lưu: VT, TCT.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(text.contains("Nơi nhận:"));
    assert!(!text.contains("BCĐCĐS") && !text.contains("UBND"), "no other body's header or symbol:\n{text}");
}

#[test]
fn every_example_renders_within_the_decree_page() {
    let mut names: Vec<String> = std::fs::read_dir(examples_dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().to_string()))
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 9, "one example per document type: {names:?}");
    let mut types = std::collections::HashSet::new();
    for name in &names {
        let doc = load(name);
        let issuer = example_issuer(&doc);
        types.insert(doc.doc_type);
        let pdf = render_to(name, &doc);
        let text = flat_text(&pdf);
        let number = format!("Số: {}", number_and_symbol(doc.doc_type, doc.number, &issuer));
        assert!(text.contains(&number), "{name}: no {number:?}");
        assert!(text.contains(&place_and_date(&issuer.place, doc.date)), "{name}: no date line");
        if doc.doc_type == DocumentType::OfficialLetter {
            assert!(text.contains(&flat(&format!("V/v {}", doc.subject))), "{name}: no V/v subject");
        } else {
            assert!(text.contains(doc.doc_type.heading()), "{name}: no heading");
            assert!(text.contains(&flat(&doc.subject)), "{name}: subject not read back:\n{text}");
        }
        for signer in &doc.signers {
            assert!(text.contains(&flat(&signer.name)), "{name}: no signer {}", signer.name);
        }
        assert!(text.contains("./."), "{name}: the body must end with ./.");
        assert!(text.contains(&format!("- Lưu: {}.", doc.archive)), "{name}: no Lưu line");
        // Every paragraph's text comes back in order, exactly (NFC, single spaces).
        for block in &doc.body {
            if let Block::Paragraph { runs } = block {
                let para: String = runs.iter().map(|r| r.text.as_str()).collect();
                let head: String = flat(&para).split(' ').take(12).collect::<Vec<_>>().join(" ");
                assert!(text.contains(&head), "{name}: paragraph not read back: {head:?}");
            }
        }

        let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{name}: no fonts");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert!(cols[0].contains('+') && cols[0].contains("LiberationSerif"), "{name}: not a subset: {row}");
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{name}: font not embedded/subset/unicode: {row}");
        }
        let check = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
        assert!(check.contains("No syntax or stream encoding errors"), "{name}: {check}");

        // Inside the margins: left 30 mm, right 15 mm, bottom 20 mm; only page numbers sit in
        // the top margin, centred.
        let mm = 72.0 / 25.4;
        for (page, x0, y0, x1, y1, word) in word_boxes(&pdf) {
            assert!(
                x0 >= 30.0 * mm - 0.6 && x1 <= (210.0 - 15.0) * mm + 0.6,
                "{name} p{page}: {word:?} outside the side margins ({x0}..{x1})"
            );
            assert!(y1 <= (297.0 - 20.0) * mm + 0.6, "{name} p{page}: {word:?} in the bottom margin");
            if y0 < 20.0 * mm - 0.6 {
                assert!(page > 1 && word == page.to_string(), "{name} p{page}: {word:?} in the top margin");
                let centre = (x0 + x1) / 2.0;
                assert!((centre - (30.0 + 165.0 / 2.0) * mm).abs() < 2.0, "page number not centred");
            }
        }
        let size = std::fs::metadata(&pdf).unwrap().len();
        assert!(size < 100_000, "{name}: {size} bytes");
    }
    assert_eq!(types.len(), 9, "every document type has an example");
}

/// The decree's places, read back with pdftotext -bbox: Quốc hiệu and Tiêu ngữ top right,
/// issuing body and number top left, the date on the number's line at the right, the type
/// name centred, the signer at the right and Nơi nhận at the left, level with it.
#[test]
fn elements_stand_where_the_decree_puts_them() {
    let pdf = render_to("thong-bao.json", &load("thong-bao.json"));
    let words = word_boxes(&pdf);
    let mm = 72.0 / 25.4;
    let (left, right) = (30.0 * mm, (210.0 - 15.0) * mm);
    let split = left + (right - left) * 0.4; // the header's two columns
    let centre = (left + right) / 2.0;
    let find = |page: usize, w: &str| {
        words.iter().find(|b| b.0 == page && b.5 == w).unwrap_or_else(|| panic!("no {w:?} on page {page}")).clone()
    };
    let cong = find(1, "CỘNG");
    let doc_lap = find(1, "Độc");
    let so = find(1, "Số:");
    let ban = find(1, "BAN");
    let nghe = words.iter().find(|b| b.0 == 1 && b.5 == "Nghệ" && b.1 > split).unwrap().clone();
    assert!(cong.1 > split && cong.2 < 25.0 * mm, "Quốc hiệu top right: {cong:?}");
    assert!(doc_lap.1 > split && doc_lap.2 > cong.2, "Tiêu ngữ under it: {doc_lap:?}");
    assert!(ban.3 < split + 1.0 && ban.2 < 30.0 * mm, "issuing body top left: {ban:?}");
    assert!(so.3 < split && so.2 > ban.2, "number under the issuing body: {so:?}");
    assert!((nghe.2 - so.2).abs() < 3.0, "place and date on the number's line: {nghe:?} vs {so:?}");
    let title = find(1, "THÔNG");
    let title_end = find(1, "BÁO");
    let title_centre = (title.1 + title_end.3) / 2.0;
    assert!((title_centre - centre).abs() < 2.0, "type name centred: {title_centre} vs {centre}");
    assert!(title.2 > so.2, "type name below the number");
    let last = words.iter().map(|b| b.0).max().unwrap();
    let signer = find(last, "Phú");
    let noi = find(last, "Nơi");
    assert!(signer.1 > split, "signer at the right: {signer:?}");
    assert!(noi.3 < split && noi.1 < left + 1.0, "Nơi nhận at the left margin: {noi:?}");
    let tm = find(last, "TM.");
    assert!((tm.2 - noi.2).abs() < 4.0, "Nơi nhận level with the signing block: {tm:?} vs {noi:?}");
}

mod lifecycle {
    use super::super::*;
    use super::load;
    use crate::error::ErrorCode;
    use crate::settings::{document_settings, save_document_settings, Numbering};
    use crate::store::Store;
    use chrono::NaiveDate;
    use sha2::Digest;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn draft(store: &mut Store, file: &str) -> DocumentRecord {
        create_draft(store, &load(file)).unwrap()
    }

    #[test]
    fn drafts_save_normalised_text_and_keep_revisions() {
        let mut store = Store::open_in_memory().unwrap();
        let mut content = load("thong-bao.json");
        content.subject = "  Kê\u{0301}t luận   cuộc họp ".into();
        let doc = create_draft(&mut store, &content).unwrap();
        assert_eq!(doc.status, DocumentStatus::Draft);
        assert_eq!(doc.subject, "Kết luận cuộc họp");
        assert_eq!(doc.content.number, None, "a draft has no number even if the file had one");
        // Saves in quick succession update one revision.
        content.subject = "Kết luận cuộc họp tháng 1".into();
        save_draft(&mut store, &doc.id, &content).unwrap();
        content.subject = "Kết luận cuộc họp tháng 01".into();
        let saved = save_draft(&mut store, &doc.id, &content).unwrap();
        assert_eq!(saved.subject, "Kết luận cuộc họp tháng 01");
        let revs = store.read(|c| revisions(c, &doc.id)).unwrap();
        assert_eq!(revs.len(), 1);
        assert_eq!(revs[0].content.subject, "Kết luận cuộc họp tháng 01");
        // An older revision stays when a save comes later than the window.
        store
            .write(|tx| {
                tx.execute("UPDATE document_revision SET created_at = '2020-01-01T00:00:00.000Z'", [])?;
                Ok(())
            })
            .unwrap();
        content.subject = "Kết luận cuối cùng".into();
        save_draft(&mut store, &doc.id, &content).unwrap();
        let revs = store.read(|c| revisions(c, &doc.id)).unwrap();
        assert_eq!(revs.len(), 2);
        assert_eq!(revs[0].content.subject, "Kết luận cuối cùng");
        assert_eq!(revs[1].content.subject, "Kết luận cuộc họp tháng 01");
    }

    #[test]
    fn issuing_numbers_per_type_and_year_and_freezes() {
        let mut store = Store::open_in_memory().unwrap();
        let a = draft(&mut store, "thong-bao.json");
        let b = draft(&mut store, "thong-bao.json");
        let c = draft(&mut store, "bao-cao.json");
        let a = issue_document(&mut store, &a.id, d(2025, 1, 5), None, false).unwrap();
        let b = issue_document(&mut store, &b.id, d(2025, 1, 6), None, false).unwrap();
        let c = issue_document(&mut store, &c.id, d(2025, 1, 6), None, false).unwrap();
        assert_eq!(a.number_symbol.as_deref(), Some("01/TB-TCT"));
        assert_eq!(b.number_symbol.as_deref(), Some("02/TB-TCT"));
        assert_eq!(c.number_symbol.as_deref(), Some("01/BC-TCT"), "one series per type by default");
        assert_eq!(a.status, DocumentStatus::Issued);
        assert_eq!(a.content.number, Some(1));
        assert_eq!(a.issued_on, Some(d(2025, 1, 5)));
        assert!(a.page_count.unwrap() >= 1);

        // The stored PDF is the one hashed, and carries the number and date.
        let pdf = store.read(|conn| document_pdf(conn, &a.id)).unwrap();
        assert_eq!(format!("{:x}", sha2::Sha256::digest(&pdf)), a.pdf_sha256.clone().unwrap());

        // Frozen: no edit, no second issue, no delete.
        let err = save_draft(&mut store, &a.id, &load("thong-bao.json")).unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        assert_eq!(
            issue_document(&mut store, &a.id, d(2025, 1, 7), None, false).unwrap_err().code,
            ErrorCode::Conflict
        );
        assert_eq!(delete_draft(&mut store, &a.id).unwrap_err().code, ErrorCode::InUse);

        // Numbers restart on 1 January.
        let next_year = draft(&mut store, "thong-bao.json");
        let next_year = issue_document(&mut store, &next_year.id, d(2026, 1, 2), None, false).unwrap();
        assert_eq!(next_year.number_symbol.as_deref(), Some("01/TB-TCT"));

        // A duplicate number is impossible even when written behind the app's back.
        let dup = store.write(|tx| {
            tx.execute("UPDATE document SET number = 1, number_symbol = '01/TB-TCT' WHERE id = ?1", [&b.id])?;
            Ok(())
        });
        assert!(dup.is_err());
    }

    #[test]
    fn one_series_for_all_types_when_configured() {
        let mut store = Store::open_in_memory().unwrap();
        let mut settings = store.read(document_settings).unwrap();
        settings.numbering = Numbering::OneSeries;
        save_document_settings(&mut store, &settings).unwrap();
        let a = draft(&mut store, "giay-moi.json");
        let b = draft(&mut store, "cong-van.json");
        issue_document(&mut store, &a.id, d(2025, 3, 1), None, false).unwrap();
        let b = issue_document(&mut store, &b.id, d(2025, 3, 2), None, false).unwrap();
        assert_eq!(b.number_symbol.as_deref(), Some("02/BCĐCĐS-TCT"));
    }

    #[test]
    fn incomplete_documents_are_not_issued() {
        let mut store = Store::open_in_memory().unwrap();
        let mut content = load("bien-ban.json");
        content.signers.truncate(1);
        content.subject = "   ".into();
        let doc = create_draft(&mut store, &content).unwrap();
        let err = issue_document(&mut store, &doc.id, d(2025, 1, 5), None, false).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert_eq!(err.message, "Chưa ban hành được: văn bản còn thiếu trích yếu, chữ ký của thư ký và chủ tọa.");
        assert_eq!(store.read(|c| get_document(c, &doc.id)).unwrap().status, DocumentStatus::Draft);
    }

    #[test]
    fn recall_freezes_and_marks() {
        let mut store = Store::open_in_memory().unwrap();
        let doc = draft(&mut store, "cong-van.json");
        assert_eq!(recall_document(&mut store, &doc.id, "nhầm").unwrap_err().code, ErrorCode::Conflict);
        let doc = issue_document(&mut store, &doc.id, d(2025, 1, 8), None, false).unwrap();
        assert_eq!(recall_document(&mut store, &doc.id, "  ").unwrap_err().code, ErrorCode::Validation);
        let recalled = recall_document(&mut store, &doc.id, "Sai tên đơn vị nhận").unwrap();
        assert_eq!(recalled.status, DocumentStatus::Recalled);
        assert_eq!(recalled.status_label, "Đã thu hồi");
        assert_eq!(recalled.number_symbol, doc.number_symbol);
        assert!(save_draft(&mut store, &doc.id, &load("cong-van.json")).is_err());
        // Its number is not given again.
        let next = draft(&mut store, "cong-van.json");
        let next = issue_document(&mut store, &next.id, d(2025, 1, 9), None, false).unwrap();
        assert_eq!(next.number_symbol.as_deref(), Some("02/BCĐCĐS-TCT"));
    }

    #[test]
    fn list_filters_by_type_year_and_status() {
        let mut store = Store::open_in_memory().unwrap();
        let a = draft(&mut store, "thong-bao.json");
        draft(&mut store, "giay-moi.json");
        issue_document(&mut store, &a.id, d(2025, 1, 5), None, false).unwrap();
        let all = store.read(|c| list_documents(c, &DocumentFilter::default())).unwrap();
        assert_eq!(all.len(), 2);
        let issued = store
            .read(|c| list_documents(c, &DocumentFilter { status: Some(DocumentStatus::Issued), ..Default::default() }))
            .unwrap();
        assert_eq!(issued.len(), 1);
        assert_eq!(issued[0].id, a.id);
        let invitations = store
            .read(|c| {
                list_documents(c, &DocumentFilter { doc_type: Some(DocumentType::Invitation), ..Default::default() })
            })
            .unwrap();
        assert_eq!(invitations.len(), 1);
        let y2025 =
            store.read(|c| list_documents(c, &DocumentFilter { year: Some(2025), ..Default::default() })).unwrap();
        assert!(y2025.iter().any(|x| x.id == a.id));
    }

    #[test]
    fn settings_stay_within_the_decree() {
        let mut store = Store::open_in_memory().unwrap();
        let mut s = store.read(document_settings).unwrap();
        s.margins.left = 25.0;
        assert_eq!(save_document_settings(&mut store, &s).unwrap_err().code, ErrorCode::Validation);
        s.margins.left = 30.0;
        s.authorities[0].symbol = "BCĐ CĐS".into();
        assert!(save_document_settings(&mut store, &s).is_err());
        s.authorities[0].symbol = "BCĐCĐS".into();
        s.authorities[0].place = " Nghệ   An ".into();
        let saved = save_document_settings(&mut store, &s).unwrap();
        assert_eq!(saved.authorities[0].place, "Nghệ An");
        assert_eq!(store.read(document_settings).unwrap(), saved);
    }

    #[test]
    fn outgoing_register_lists_the_year_in_landscape() {
        let mut store = Store::open_in_memory().unwrap();
        let mut ids = Vec::new();
        for (file, day) in [("thong-bao.json", 5), ("cong-van.json", 8), ("giay-moi.json", 9), ("bao-cao.json", 20)] {
            let doc = draft(&mut store, file);
            ids.push(issue_document(&mut store, &doc.id, d(2025, 1, day), None, false).unwrap().id);
        }
        recall_document(&mut store, &ids[1], "Sai đơn vị nhận").unwrap();
        draft(&mut store, "ke-hoach.json"); // drafts are not registered
        let other_year = draft(&mut store, "thong-bao.json");
        issue_document(&mut store, &other_year.id, d(2024, 12, 30), None, false).unwrap();

        let entries = store.read(|c| register_entries(c, 2025, None, None)).unwrap();
        let numbers: Vec<&str> = entries.iter().map(|e| e.number_symbol.as_str()).collect();
        assert_eq!(numbers, ["01/TB-TCT", "01/BCĐCĐS-TCT", "01/GM-BCĐCĐS", "01/BC-TCT"]);
        assert_eq!(entries[1].notes, "Đã thu hồi: Sai đơn vị nhận");
        let ranged = store.read(|c| register_entries(c, 2025, Some(d(2025, 1, 8)), Some(d(2025, 1, 9)))).unwrap();
        assert_eq!(ranged.len(), 2);

        let pdf = store.read(|c| register_pdf(c, 2025, None, None, 1_736_035_200)).unwrap();
        let path = super::out_dir().join("so-dang-ky-van-ban-di.pdf");
        std::fs::write(&path, pdf).unwrap();
        let text = super::flat_text(&path);
        for expected in [
            "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
            "Năm 2025",
            "Số, ký hiệu văn bản",
            "01/GM-BCĐCĐS",
            "Đã thu hồi: Sai đơn vị nhận",
            "Ký nhận",
        ] {
            assert!(text.contains(expected), "register lacks {expected:?}:\n{text}");
        }
        assert!(!text.contains("30/12/2024"));
        let info = super::tool("pdfinfo", &[path.to_str().unwrap()]);
        assert!(info.contains("841.89 x 595.276 pts"), "not A4 landscape: {info}");
        assert!(
            super::tool("qpdf", &["--check", path.to_str().unwrap()]).contains("No syntax or stream encoding errors")
        );
    }
}
