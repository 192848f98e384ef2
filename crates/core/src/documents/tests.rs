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

fn tool(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    assert!(out.status.success(), "{cmd} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Text as pdftotext reads it, lines joined with single spaces.
fn flat_text(pdf: &Path) -> Option<String> {
    let raw = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])?;
    Some(raw.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[test]
fn announcement_reads_back_exactly() {
    let doc = load("thong-bao.json");
    let pdf = render_to("thong-bao.json", &doc);
    let Some(text) = flat_text(&pdf) else { return };
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
