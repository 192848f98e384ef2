//! Rendering tests: real PDFs read back by independent tools (pdftotext, pdffonts, qpdf).

use super::model::*;
use super::pdf::{render, Margins, RenderOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) fn example_issuer() -> Issuer {
    Issuer {
        parent_body: "UBND tỉnh Nghệ An".into(),
        issuing_body: "Ban Chỉ đạo Chuyển đổi số".into(),
        symbol: "BCĐCĐS".into(),
        unit_symbol: "TCT".into(),
        place: "Nghệ An".into(),
    }
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
        render(doc, &example_issuer(), RenderOptions { margins: Margins::default(), created_unix: 1_736_035_200 })
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
    for expected in [
        "UBND TỈNH NGHỆ AN",
        "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/TB-BCĐCĐS",
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
    let issuer = example_issuer();
    for name in &names {
        let doc = load(name);
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
