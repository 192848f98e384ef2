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

pub(crate) fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/artifacts/pdf");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) fn load(name: &str) -> DocumentContent {
    let text = std::fs::read_to_string(examples_dir().join(name)).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub(crate) fn render_to(name: &str, doc: &DocumentContent) -> PathBuf {
    let bytes =
        render(doc, &example_issuer(doc), RenderOptions { margins: Margins::default(), created_unix: 1_736_035_200 })
            .unwrap();
    let path = out_dir().join(name.replace(".json", ".pdf"));
    write_atomically(&path, &bytes);
    path
}

/// Several tests render the same example: each replaces the file whole (write, then rename), so
/// a reader never sees one half-written.
fn write_atomically(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension(format!("tmp-{:?}", std::thread::current().id()).replace(['(', ')'], ""));
    std::fs::write(&tmp, bytes).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// Runs an independent PDF tool (poppler-utils, qpdf: installed by `make test`).
pub(crate) fn tool(cmd: &str, args: &[&str]) -> String {
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

/// pdfinfo reports a plain PDF (no PDF/X subtype, no custom keys), the subject as the title,
/// the app as creator and the document's date as creation date.
fn assert_plain_info(pdf: &Path, title: &str) {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(!info.contains("PDF/X") && !info.contains("PDF subtype"), "{}: {info}", pdf.display());
    assert!(info.contains("Custom Metadata: no"), "{info}");
    let field =
        |key: &str| info.lines().find_map(|l| l.strip_prefix(key)).map(str::trim).unwrap_or_default().to_string();
    assert_eq!(field("Title:"), flat(title));
    assert_eq!(field("Creator:"), "Thư ký Tổ Công tác");
    assert!(!field("CreationDate:").contains("1970") && !field("CreationDate:").is_empty(), "{info}");
}

/// A word in a printed line: xMin, xMax, height, text.
type LineWord = (f32, f32, f32, String);

/// Words grouped into printed lines: (page, bottom y, words left to right).
fn lines_of(words: &[(usize, f32, f32, f32, f32, String)]) -> Vec<(usize, f32, Vec<LineWord>)> {
    let mut lines: Vec<(usize, f32, Vec<LineWord>)> = Vec::new();
    for (page, x0, y0, x1, y1, w) in words {
        match lines.iter_mut().find(|(p, y, _)| p == page && (y - y1).abs() < 1.0) {
            Some(line) => line.2.push((*x0, *x1, y1 - y0, w.clone())),
            None => lines.push((*page, *y1, vec![(*x0, *x1, y1 - y0, w.clone())])),
        }
    }
    for line in &mut lines {
        line.2.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    lines
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
        assert_plain_info(&pdf, &doc.subject);

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

/// A stress paragraph of number-symbols, paths and URLs, measured in the PDF: inside every
/// body line, no gap between words is over twice a normal space (3.5 pt at 14 pt).
#[test]
fn measured_word_gaps_stay_under_twice_a_space() {
    let mut doc = load("thong-bao.json");
    let text = "Căn cứ Quyết định số 1999/QĐ-BCĐCĐS, Thông báo số 1999/TB-BCĐCĐS, Công văn số 12345/BCĐCĐS-TCT \
        và tài liệu tại https://dichvucong.nghean.gov.vn/thu-tuc-hanh-chinh/chuyen-doi-so/ket-qua-2025 cùng \
        thư mục /srv/luu-tru/van-ban-di/2025/thong-bao/ket-luan-hop-to-cong-tac, Kế hoạch số 88/KH-UBND, \
        Tờ trình số 101/TTr-BCĐCĐS ngày 05/01/2025, các sở, ngành khẩn trương triển khai.";
    let words: Vec<&str> = text.split_whitespace().collect();
    doc.body = (0..8)
        .map(|i| Block::Paragraph {
            runs: vec![Run::plain(words[i * 2..].join(" ") + " " + &words[..i * 2].join(" "))],
        })
        .collect();
    let pdf = render_to("stress-gaps.json", &doc);
    let mm = 72.0 / 25.4;
    let (left, indent) = (30.0 * mm, 42.7 * mm);
    let words = word_boxes(&pdf);
    let closing_y = words.iter().filter(|w| w.5 == "Nơi").map(|w| (w.0, w.2)).collect::<Vec<_>>();
    let mut measured = 0;
    for (page, y, line) in lines_of(&words) {
        let starts_body = (line[0].0 - left).abs() < 1.0 || (line[0].0 - indent).abs() < 1.0;
        let before_closing = closing_y.iter().all(|(p, cy)| *p != page || y < *cy);
        if !starts_body || !before_closing || line.len() < 2 {
            continue;
        }
        for pair in line.windows(2) {
            let gap = pair[1].0 - pair[0].1;
            measured += 1;
            assert!(gap <= 7.0 + 0.3, "p{page}: gap of {gap:.2} pt between {:?} and {:?}", pair[0].3, pair[1].3);
        }
    }
    assert!(measured > 100, "the test must measure the body's gaps ({measured})");
    let text = flat_text(&pdf);
    assert!(text.contains("05/01/2025"), "dates stay whole");
}

/// A draft prints "Số:" and "/TB-TCT" with 10–15 mm between them, and "ngày … tháng … năm
/// …" with the same room for each, measured in the PDF.
#[test]
fn a_draft_leaves_room_to_write_the_number_and_date() {
    let mut doc = load("thong-bao.json");
    doc.number = None;
    doc.date = None;
    let pdf = render_to("draft-thong-bao.json", &doc);
    let mm = 72.0 / 25.4;
    let words = word_boxes(&pdf);
    let find = |w: &str| words.iter().find(|b| b.0 == 1 && b.5 == w).unwrap_or_else(|| panic!("no {w:?}")).clone();
    let so = find("Số:");
    let symbol = find("/TB-TCT");
    let gap = symbol.1 - so.3;
    assert!((so.4 - symbol.4).abs() < 0.5, "on one line");
    assert!((10.0 * mm..=15.0 * mm).contains(&gap), "number blank {:.1} mm", gap / mm);
    let (ngay, thang, nam) = (find("ngày"), find("tháng"), find("năm"));
    for (a, b) in [(&ngay, &thang), (&thang, &nam)] {
        let gap = b.1 - a.3;
        assert!((10.0 * mm..=15.0 * mm).contains(&gap), "{} … {}: {:.1} mm", a.5, b.5, gap / mm);
        assert!((a.4 - b.4).abs() < 0.5, "on one line");
    }
    // The year's blank follows "năm": the visible words sit left of the column's centre by
    // half of it.
    let nghe = words.iter().find(|b| b.0 == 1 && b.5 == "Nghệ" && b.1 > 80.0 * mm).unwrap();
    let (left, right) = (30.0 * mm, (210.0 - 15.0) * mm);
    let column_centre = left + (right - left) * 0.4 + (right - left) * 0.6 / 2.0;
    let shift = column_centre - (nghe.1 + nam.3) / 2.0;
    assert!((shift - 7.5 * mm).abs() < 1.0 * mm, "year blank {:.1} mm", 2.0 * shift / mm);
    assert!(!flat_text(&pdf).contains("Số: 0"), "a draft has no number");
}

/// The outgoing register never breaks a number-symbol inside its cell, however long.
#[test]
fn the_register_keeps_number_symbols_whole() {
    let d = |day: u32| chrono::NaiveDate::from_ymd_opt(2025, 12, day).unwrap();
    let entry = |n: &str, day: u32| super::RegisterEntry {
        document_id: n.into(),
        number_symbol: n.into(),
        issued_on: d(day),
        type_and_subject: "Thông báo Kết luận của Tổ trưởng Tổ Công tác tại cuộc họp".into(),
        signer: "Võ Trọng Phú".into(),
        recipients: "Trường Ban Chỉ đạo (để báo cáo); Các thành viên".into(),
        file_copy: "VT, TCT".into(),
        external: false,
        notes: String::new(),
    };
    let symbols = ["1999/TB-BCĐCĐS", "1998/BCĐCĐS-TCT", "2000/CTr-BCĐCĐS", "12345/TTr-BCĐCĐS", "07/QĐ-BCĐCĐS"];
    let entries: Vec<super::RegisterEntry> = symbols.iter().enumerate().map(|(i, n)| entry(n, 20 + i as u32)).collect();
    let pdf =
        super::register::register_pdf_of("Ban Chỉ đạo Chuyển đổi số", "Năm 2025", &entries, 1_736_035_200).unwrap();
    let path = out_dir().join("so-dang-ky-so-dai.pdf");
    std::fs::write(&path, pdf).unwrap();
    let words = word_boxes(&path);
    for n in symbols {
        assert!(
            words.iter().any(|w| w.5 == n),
            "{n} is not one word in the register: {:?}",
            words.iter().filter(|w| w.5.contains('/')).map(|w| &w.5).collect::<Vec<_>>()
        );
    }
    // Still inside the page and to the left of the date column.
    let mm = 72.0 / 25.4;
    for w in words.iter().filter(|w| symbols.contains(&w.5.as_str())) {
        assert!(w.1 >= 30.0 * mm - 0.5 && w.3 <= (297.0 - 15.0) * mm, "{w:?}");
        let date = words
            .iter()
            .find(|x| {
                x.0 == w.0
                    && (x.4 - w.4).abs() < 3.0
                    && x.5.starts_with(|c: char| c.is_ascii_digit())
                    && x.5.contains("/2025")
            })
            .unwrap();
        assert!(w.3 < date.1, "{} runs into the date column", w.5);
    }
    assert!(tool("qpdf", &["--check", path.to_str().unwrap()]).contains("No syntax or stream encoding errors"));
}

mod lifecycle {
    use super::super::*;
    use super::load;
    use crate::error::{ErrorCode, Sql};
    use crate::settings::{document_settings, save_document_settings, Numbering};
    use crate::store::Store;
    use chrono::Datelike;
    use chrono::NaiveDate;
    use sha2::Digest;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn draft(store: &mut Store, file: &str) -> DocumentRecord {
        create_draft(store, &load(file)).unwrap()
    }

    /// "Soạn văn bản mới" shows a draft that is not stored until the first save: its body and
    /// "Lưu" line filled in as a stored one would be, its preview rendered from the content.
    #[test]
    fn a_new_draft_is_shown_and_previewed_before_it_is_stored() {
        let store = Store::open_in_memory().unwrap();
        let mut content = load("thong-bao.json");
        content.authority_id = String::new();
        content.archive = String::new();
        let shown = store.read(|c| new_draft(c, &content)).unwrap();
        assert_eq!(
            (shown.id.as_str(), shown.status, shown.type_label.as_str()),
            ("", DocumentStatus::Draft, "Thông báo")
        );
        assert!(!shown.content.authority_id.is_empty() && !shown.content.archive.is_empty(), "{:?}", shown.content);
        let pdf = store.read(|c| preview_pdf(c, &shown.content)).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let count = |s: &Store| {
            s.read(|c| c.query_row("SELECT count(*) FROM document", [], |r| r.get::<_, i64>(0)).sql()).unwrap()
        };
        assert_eq!(count(&store), 0, "nothing stored until the first save");
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
                tx.execute("UPDATE document_revision SET created_at = '2020-01-01T00:00:00.000Z'", []).sql()?;
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
    fn saving_what_is_stored_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let doc = draft(&mut store, "thong-bao.json");
        store
            .write(|tx| {
                tx.execute("UPDATE document_revision SET created_at = '2020-01-01T00:00:00.000Z'", []).sql()?;
                Ok(())
            })
            .unwrap();
        let before = store.read(|c| revisions(c, &doc.id)).unwrap().len();
        // The same content as stored (as the window sends it back on opening and leaving).
        let same = save_draft(&mut store, &doc.id, &doc.content).unwrap();
        assert_eq!(same.updated_at, doc.updated_at);
        assert_eq!(store.read(|c| revisions(c, &doc.id)).unwrap().len(), before);
        // A real change is saved.
        let mut changed = doc.content.clone();
        changed.subject = "Kết luận khác".into();
        let saved = save_draft(&mut store, &doc.id, &changed).unwrap();
        assert_eq!(saved.subject, "Kết luận khác");
        assert_eq!(store.read(|c| revisions(c, &doc.id)).unwrap().len(), before + 1);
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
            tx.execute("UPDATE document SET number = 1, number_symbol = '01/TB-TCT' WHERE id = ?1", [&b.id]).sql()?;
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

    /// Content the layout cannot place is refused when a draft is created or saved, with a
    /// message naming the block; the stored draft stays as it was.
    #[test]
    fn drafts_with_impossible_tables_are_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let mut content = load("bao-cao.json");
        let table = content.body.iter().position(|b| matches!(b, Block::Table { .. })).unwrap();
        if let Block::Table { widths, .. } = &mut content.body[table] {
            *widths = vec![0.6, 0.0, 1.4, 1.4, 1.2];
        }
        let err = create_draft(&mut store, &content).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert_eq!(err.message, "Bảng thứ 1: độ rộng cột phải là số dương.");
        assert!(store.read(|c| list_documents(c, &DocumentFilter::default())).unwrap().items.is_empty());

        let doc = draft(&mut store, "bao-cao.json");
        if let Block::Table { widths, .. } = &mut content.body[table] {
            *widths = vec![0.6, f32::NAN, 1.4, 1.4, 1.2];
        }
        let err = save_draft(&mut store, &doc.id, &content).unwrap_err();
        assert_eq!(err.message, "Bảng thứ 1: độ rộng cột phải là số dương.");
        if let Block::Table { widths, .. } = &mut content.body[table] {
            *widths = vec![1.0, 2.0];
        }
        let err = save_draft(&mut store, &doc.id, &content).unwrap_err();
        assert_eq!(err.message, "Bảng thứ 1: có 2 độ rộng cột cho 5 cột; hãy cho mỗi cột một độ rộng.");
        assert_eq!(store.read(|c| get_document(c, &doc.id)).unwrap().content, doc.content);
    }

    /// Issuing renders before the number is written, in the same transaction: a document whose
    /// rendering fails keeps its draft state and content, and the number stays free.
    #[test]
    fn a_failed_rendering_leaves_the_number_unused_and_the_draft_unchanged() {
        let mut store = Store::open_in_memory().unwrap();
        let mut content = load("thong-bao.json");
        // Valid content (no field over the limits) whose table row is taller than a page.
        content.body.push(Block::Table {
            header: vec!["TT".into(), "Nội dung".into()],
            rows: vec![vec!["1".into(), "Nội dung chi tiết của nhiệm vụ ".repeat(120)]],
            widths: vec![1.0, 1.0],
        });
        let doc = create_draft(&mut store, &content).unwrap();
        let before = store.read(|c| get_document(c, &doc.id)).unwrap();
        let err = issue_document(&mut store, &doc.id, d(2025, 1, 5), None, false).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert_eq!(err.message, "Bảng thứ 1: hàng 1 dài hơn một trang giấy; hãy chia nội dung thành nhiều hàng.");
        let after = store.read(|c| get_document(c, &doc.id)).unwrap();
        assert_eq!(after, before, "the draft is unchanged");
        assert_eq!(after.number_symbol, None);
        // The preview says the same, instead of producing a broken PDF.
        assert_eq!(store.read(|c| document_pdf(c, &doc.id)).unwrap_err().message, err.message);
        let next = draft(&mut store, "thong-bao.json");
        let next = issue_document(&mut store, &next.id, d(2025, 1, 5), None, false).unwrap();
        assert_eq!(next.number_symbol.as_deref(), Some("01/TB-TCT"), "number 01 was not used up");
    }

    /// Documents of one day are registered in the order they were issued, whatever their
    /// series' numbers; days in date order.
    #[test]
    fn the_register_lists_one_day_in_issue_order() {
        let mut store = Store::open_in_memory().unwrap();
        let mut issued = Vec::new();
        for (file, day) in [
            ("thong-bao.json", 6),
            ("thong-bao.json", 6),
            ("giay-moi.json", 6),
            ("thong-bao.json", 6),
            ("cong-van.json", 5),
        ] {
            let doc = draft(&mut store, file);
            std::thread::sleep(std::time::Duration::from_millis(3));
            issued.push(
                issue_document(&mut store, &doc.id, d(2025, 1, day), None, false).unwrap().number_symbol.unwrap(),
            );
        }
        let entries = store.read(|c| register_entries(c, 2025, None, None)).unwrap();
        let numbers: Vec<&str> = entries.iter().map(|e| e.number_symbol.as_str()).collect();
        assert_eq!(numbers, ["01/BCĐCĐS-TCT", "01/TB-TCT", "02/TB-TCT", "01/GM-BCĐCĐS", "03/TB-TCT"]);
        let pdf = store.read(|c| register_pdf(c, 2025, None, None, 1_736_035_200)).unwrap();
        let path = super::out_dir().join("so-dang-ky-thu-tu.pdf");
        std::fs::write(&path, pdf).unwrap();
        let text = super::flat_text(&path);
        let positions: Vec<usize> = numbers.iter().map(|n| text.find(n).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "register order in the PDF: {text}");
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
        let b = draft(&mut store, "giay-moi.json");
        issue_document(&mut store, &a.id, d(2024, 12, 30), None, true).unwrap();
        let list = |store: &Store, f: DocumentFilter| store.read(|c| list_documents(c, &f)).unwrap();
        let all = list(&store, DocumentFilter::default());
        assert_eq!((all.items.len(), all.total), (2, 2));
        let issued = list(&store, DocumentFilter { status: Some(DocumentStatus::Issued), ..Default::default() });
        assert_eq!(issued.items.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), [a.id.as_str()]);
        assert!(issued.items[0].number_symbol.as_deref().is_some_and(|n| n.starts_with("01/TB-")));
        assert_eq!((issued.items[0].year, issued.items[0].status_label.as_str()), (2024, "Đã ban hành"));
        let invitations =
            list(&store, DocumentFilter { doc_type: Some(DocumentType::Invitation), ..Default::default() });
        assert_eq!(invitations.items.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), [b.id.as_str()]);
        // Listed under the year of their date: the issued one in 2024, the draft under the date
        // written in it, else the year it was created.
        let draft_year = store
            .read(|c| get_document(c, &b.id))
            .unwrap()
            .content
            .date
            .map_or_else(|| b.created_at[..4].parse::<i32>().unwrap(), |d| d.year());
        let of_draft_year = list(&store, DocumentFilter { year: Some(draft_year), ..Default::default() });
        assert!(of_draft_year.items.iter().any(|x| x.id == b.id && x.year == draft_year));
        let y2024 = list(&store, DocumentFilter { year: Some(2024), ..Default::default() });
        let expected = if draft_year == 2024 { vec![&a.id, &b.id] } else { vec![&a.id] };
        assert_eq!(y2024.items.iter().map(|x| &x.id).collect::<Vec<_>>(), expected);
        assert_eq!(y2024.total as usize, expected.len());
        let mut years = vec![2024, draft_year];
        years.sort_unstable_by(|x, y| y.cmp(x));
        years.dedup();
        assert_eq!(store.read(document_years).unwrap(), years);
    }

    #[test]
    fn a_draft_is_listed_under_its_date_and_moves_with_it() {
        let mut store = Store::open_in_memory().unwrap();
        let mut content = load("thong-bao.json");
        content.date = Some(d(2019, 6, 1));
        let doc = create_draft(&mut store, &content).unwrap();
        let years = |store: &Store| store.read(document_years).unwrap();
        assert_eq!(years(&store), [2019]);
        content.date = Some(d(2021, 3, 2));
        save_draft(&mut store, &doc.id, &content).unwrap();
        assert_eq!(years(&store), [2021]);
        issue_document(&mut store, &doc.id, d(2023, 2, 1), None, true).unwrap();
        assert_eq!(years(&store), [2023]);
        let page =
            store.read(|c| list_documents(c, &DocumentFilter { year: Some(2023), ..Default::default() })).unwrap();
        assert_eq!(page.items[0].issued_on, Some(d(2023, 2, 1)));
    }

    #[test]
    fn the_list_pages_newest_first_with_the_total() {
        let mut store = Store::open_in_memory().unwrap();
        let mut ids = Vec::new();
        for day in 1..=7 {
            let doc = draft(&mut store, "thong-bao.json");
            issue_document(&mut store, &doc.id, d(2025, 3, day), None, true).unwrap();
            ids.push(doc.id);
        }
        ids.reverse(); // newest first
        let page = |offset, limit| {
            store
                .read(|c| list_documents(c, &DocumentFilter { offset, limit: Some(limit), ..Default::default() }))
                .unwrap()
        };
        let mut seen = Vec::new();
        for offset in (0..7).step_by(3) {
            let p = page(offset, 3);
            assert_eq!((p.total, p.offset), (7, offset));
            seen.extend(p.items.into_iter().map(|x| x.id));
        }
        assert_eq!(seen, ids, "pages join up without gaps or repeats, newest first");
        assert!(page(7, 3).items.is_empty());
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
        super::assert_plain_info(&path, "Sổ đăng ký văn bản đi");
        assert!(
            super::tool("qpdf", &["--check", path.to_str().unwrap()]).contains("No syntax or stream encoding errors")
        );
    }
}

/// Property tests: any content either is refused with a Vietnamese message, or renders to a
/// PDF that qpdf accepts. Never a panic, never a broken file.
pub(crate) mod properties {
    use super::super::pdf::{render, Margins, RenderOptions};
    use super::super::validate::validate_content;
    use super::super::*;
    use super::example_issuer;
    use proptest::prelude::*;
    use std::process::Command;

    const SYLLABLES: [&str; 44] = [
        "Ban", "Chỉ", "đạo", "Chuyển", "đổi", "số", "tỉnh", "Nghệ", "An", "Tổ", "công", "tác", "giúp", "việc", "nhiệm",
        "vụ", "kế", "hoạch", "triển", "khai", "thủ", "tục", "hành", "chính", "ứng", "dụng", "dữ", "liệu", "người",
        "dân", "Ủy", "Sở", "Thông", "tin", "Truyền", "quý", "III", "năm", "hướng", "dẫn", "kiểm", "tra", "Đề", "án",
    ];
    const TOKENS: [&str; 11] = [
        "2025",
        "97,2%",
        "1.234",
        "1999/TB-BCĐCĐS",
        "12345/BCĐCĐS-TCT",
        "05/01/2025",
        "V/v",
        "https://dichvucong.nghean.gov.vn/thu-tuc-hanh-chinh/chuyen-doi-so/ket-qua",
        "(để",
        "cáo);",
        "./.",
    ];

    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            30 => prop::sample::select(&SYLLABLES[..]).prop_map(str::to_string),
            4 => prop::sample::select(&TOKENS[..]).prop_map(str::to_string),
            // A long word without spaces, longer than a line or a table cell.
            1 => prop::collection::vec(prop::sample::select(&SYLLABLES[..]), 2..40).prop_map(|s| s.concat()),
        ]
    }

    fn text(max_words: usize) -> impl Strategy<Value = String> {
        prop::collection::vec((word(), prop::sample::select(&[" ", " ", " ", "  ", "\n", "\t"][..])), 0..max_words)
            .prop_map(|ws| ws.into_iter().map(|(w, sep)| format!("{w}{sep}")).collect())
    }

    fn runs() -> impl Strategy<Value = Vec<Run>> {
        prop::collection::vec(
            (text(30), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(text, bold, italic, underline)| Run {
                text,
                bold,
                italic,
                underline,
            }),
            1..4,
        )
    }

    fn width() -> impl Strategy<Value = f32> {
        prop_oneof![
            60 => 0.2f32..6.0,
            1 => Just(0.0f32),
            1 => Just(-1.5f32),
            1 => Just(f32::NAN),
            1 => Just(f32::INFINITY),
            1 => Just(1e-4f32),
        ]
    }

    fn table() -> impl Strategy<Value = Block> {
        (1usize..7)
            .prop_flat_map(|columns| {
                let header = prop_oneof![
                    8 => prop::collection::vec(text(4), columns..=columns),
                    1 => prop::collection::vec(text(4), 0..3),
                ];
                let row = prop_oneof![
                    12 => prop::collection::vec(text(8), 0..=columns),
                    1 => prop::collection::vec(text(8), columns + 1..=columns + 1),
                ];
                let widths = prop_oneof![
                    3 => Just(Vec::new()),
                    4 => prop::collection::vec(width(), columns..=columns),
                    1 => prop::collection::vec(width(), 0..8),
                ];
                (header, prop::collection::vec(row, 0..7), widths)
            })
            .prop_map(|(header, rows, widths)| Block::Table { header, rows, widths })
    }

    fn block() -> impl Strategy<Value = Block> {
        let heading = prop::sample::select(
            &[HeadingKind::Part, HeadingKind::Chapter, HeadingKind::Section, HeadingKind::Article, HeadingKind::Roman]
                [..],
        );
        prop_oneof![
            6 => runs().prop_map(|runs| Block::Paragraph { runs }),
            1 => text(400).prop_map(|t| Block::Paragraph { runs: vec![Run::plain(t)] }),
            3 => runs().prop_map(|runs| Block::Clause { runs }),
            2 => runs().prop_map(|runs| Block::Point { runs }),
            2 => runs().prop_map(|runs| Block::Dash { runs }),
            2 => (heading, text(8)).prop_map(|(heading, title)| Block::Heading { heading, title }),
            2 => table(),
        ]
    }

    fn signer() -> impl Strategy<Value = Signer> {
        let authority = prop::option::of(prop::sample::select(
            &[Authority::Tm, Authority::Kt, Authority::Q, Authority::Tl, Authority::Tuq][..],
        ));
        (authority, text(4), prop::collection::vec(text(6), 0..3), text(4))
            .prop_map(|(authority, on_behalf_of, titles, name)| Signer { authority, on_behalf_of, titles, name })
    }

    fn content() -> impl Strategy<Value = DocumentContent> {
        (
            (
                prop::sample::select(&DocumentType::ALL[..]),
                prop::option::of(1u32..20_000),
                prop::option::of((1i64..4_000_000).prop_map(|d| {
                    chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(d % 20_000)
                })),
                text(25),
                prop::option::of(prop::sample::select(&[Urgency::Urgent, Urgency::VeryUrgent, Urgency::Flash][..])),
            ),
            (
                prop::collection::vec(text(10), 0..3),
                text(8),
                prop::collection::vec(text(20), 0..3),
                prop::collection::vec(block(), 0..12),
                prop::collection::vec(signer(), 0..3),
                prop::collection::vec(text(10), 0..5),
                text(3),
            ),
        )
            .prop_map(
                |(
                    (doc_type, number, date, subject, urgency),
                    (addressees, enacting_authority, legal_bases, body, signers, recipients, archive),
                )| DocumentContent {
                    doc_type,
                    number,
                    date,
                    subject,
                    urgency,
                    addressees,
                    enacting_authority,
                    legal_bases,
                    body,
                    signers,
                    recipients,
                    archive,
                    authority_id: String::new(),
                    signer_choice: None,
                },
            )
    }

    /// One deliberate fault in some documents, so refusals are exercised without drowning
    /// the documents that render.
    pub(crate) fn with_fault() -> impl Strategy<Value = DocumentContent> {
        (content(), 0u8..16, any::<prop::sample::Index>()).prop_map(|(mut c, fault, at)| {
            let absurd = "Chuyểnđổisố".repeat(30);
            match fault {
                0 => c.subject.push_str(" 😀"),
                1 => c.body.insert(at.index(c.body.len() + 1), Block::Paragraph { runs: vec![Run::plain(absurd)] }),
                2 => c.recipients.push(absurd),
                3 => {
                    c.signers = vec![
                        c.signers.first().cloned().unwrap_or(Signer {
                            authority: None,
                            on_behalf_of: String::new(),
                            titles: vec![],
                            name: "Võ Trọng Phú".into(),
                        });
                        3
                    ]
                }
                4 => c.body.push(Block::Table { header: vec![], rows: vec![], widths: vec![] }),
                5 => c.legal_bases.push("Căn cứ \u{7}\u{200B}Luật Giao dịch điện tử".into()),
                _ => {}
            }
            c
        })
    }

    fn opts() -> RenderOptions {
        RenderOptions { margins: Margins::default(), created_unix: 1_736_035_200 }
    }

    /// A refusal: a validation error, in Vietnamese (NFC, with Vietnamese letters).
    fn assert_vietnamese_refusal(err: &crate::error::AppError) {
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(err.code, crate::error::ErrorCode::Validation, "{}", err.message);
        assert!(!err.message.trim().is_empty());
        assert_eq!(err.message.nfc().collect::<String>(), err.message);
        assert!(
            err.message.chars().any(|c| "ăâđêôơưạảấầẩậắằẳặẹẻẽếềểệỉịọỏốồổộớờởợụủứừửữựỳỷỹýĐ".contains(c)),
            "not Vietnamese: {}",
            err.message
        );
    }

    /// Renders `c` as given (even content the checks refuse: the renderer must stay safe on
    /// its own): a PDF, or a refusal in Vietnamese.
    fn rendered(c: &DocumentContent) -> Option<Vec<u8>> {
        match render(&normalize(c), &example_issuer(c), opts()) {
            Ok(pdf) => {
                assert!(pdf.starts_with(b"%PDF-"));
                Some(pdf)
            }
            Err(e) => {
                assert_vietnamese_refusal(&e);
                None
            }
        }
    }

    /// What happens to `c`: refused by the checks, refused by the layout (what only the layout
    /// can tell, such as a table row taller than a page), or a PDF. Returns the PDFs to check:
    /// the accepted one, and whatever the renderer made of refused content.
    fn outcome(c: &DocumentContent) -> (bool, Option<Vec<u8>>) {
        match validate_content(c) {
            Err(e) => {
                assert_vietnamese_refusal(&e);
                (false, rendered(c))
            }
            Ok(()) => (true, rendered(c)),
        }
    }

    fn qpdf_available() -> bool {
        Command::new("qpdf").arg("--version").output().is_ok_and(|o| o.status.success())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

        /// Many cases, in process: no panic, and either a refusal in Vietnamese or a PDF.
        #[test]
        fn any_content_is_refused_or_rendered(c in with_fault()) {
            outcome(&c);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

        /// Fewer cases, each PDF checked by qpdf.
        #[test]
        fn rendered_content_passes_qpdf(c in with_fault()) {
            if !qpdf_available() {
                eprintln!("qpdf is not installed: the PDFs of this property are not checked (CI installs it)");
                return Ok(());
            }
            if let (_, Some(pdf)) = outcome(&c) {
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("prop.pdf");
                std::fs::write(&path, &pdf).unwrap();
                let out = Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
                let report = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
                prop_assert!(out.status.success() && report.contains("No syntax or stream encoding errors"), "{report}");
            }
        }
    }

    /// The generator reaches all three outcomes, so the properties test something.
    #[test]
    fn the_generator_covers_refusals_and_pdfs() {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::{Config, TestRng, TestRunner};
        let mut runner =
            TestRunner::new_with_rng(Config::default(), TestRng::deterministic_rng(Config::default().rng_algorithm));
        let (mut refused, mut rendered) = (0, 0);
        for _ in 0..60 {
            let c = with_fault().new_tree(&mut runner).unwrap().current();
            match outcome(&c) {
                (true, Some(_)) => rendered += 1,
                _ => refused += 1,
            }
        }
        assert!(refused >= 10 && rendered >= 20, "refused {refused}, rendered {rendered}");
    }
}
