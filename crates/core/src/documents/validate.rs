//! Content checks before a document is stored or issued: what the page layout could not place
//! (tables with impossible column widths, text the font cannot draw, unbreakable or absurdly
//! long text) is refused here with a message that names the block, instead of producing a
//! broken PDF later.
//!
//! Checks that need the actual layout (a table row taller than a page) are made by the
//! renderer itself, which refuses in the same words.

use super::model::{Block, DocumentContent, Run};
use super::pdf::compose::table_problem;
use super::pdf::fonts::{Fonts, Style};
use super::pdf::layout::is_invisible;
use crate::error::{AppError, Result};
use std::collections::HashSet;

/// Longest run of characters without a space that is accepted (a long URL still fits).
pub const MAX_UNBROKEN_CHARS: usize = 250;
/// Longest single field (subject, addressee, recipient, signer line, heading, table cell).
pub const MAX_FIELD_CHARS: usize = 5_000;
/// Longest text block (paragraph, clause, point, dash) — several pages.
pub const MAX_BLOCK_CHARS: usize = 30_000;
/// Longest whole document, counted over every text — about a hundred pages.
pub const MAX_DOCUMENT_CHARS: usize = 300_000;
/// A document has one signing block, or two side by side (minutes: secretary and chair).
pub const MAX_SIGNERS: usize = 2;
/// How many problems one refusal lists.
const MAX_LISTED: usize = 8;

/// Refuses content that cannot be laid out on Decree 30 pages. The message is Vietnamese and
/// names each offending block or field ("Bảng thứ 2: độ rộng cột phải là số dương.").
pub fn validate_content(c: &DocumentContent) -> Result<()> {
    let mut problems: Vec<String> = Vec::new();
    let mut total = 0usize;
    let fonts = Fonts::get()?;
    let mut printable = HashSet::new();
    let mut text = |name: &str, value: &str, limit: usize, problems: &mut Vec<String>| {
        let count = value.chars().count();
        total += count;
        if let Some(p) = text_problem(fonts, &mut printable, value, limit) {
            problems.push(format!("{name}: {p}"));
        }
    };

    if let Err(e) = crate::text::check_date_opt(c.date, "Ngày văn bản") {
        problems.push(e.message);
    }
    text("Trích yếu", &c.subject, MAX_FIELD_CHARS, &mut problems);
    text("Thẩm quyền ban hành", &c.enacting_authority, MAX_FIELD_CHARS, &mut problems);
    text("Nơi lưu", &c.archive, MAX_FIELD_CHARS, &mut problems);
    for (i, a) in c.addressees.iter().enumerate() {
        text(&format!("Kính gửi, dòng {}", i + 1), a, MAX_FIELD_CHARS, &mut problems);
    }
    for (i, b) in c.legal_bases.iter().enumerate() {
        text(&format!("Căn cứ thứ {}", i + 1), b, MAX_FIELD_CHARS, &mut problems);
    }
    for (i, r) in c.recipients.iter().enumerate() {
        text(&format!("Nơi nhận, dòng {}", i + 1), r, MAX_FIELD_CHARS, &mut problems);
    }
    if c.signers.len() > MAX_SIGNERS {
        problems.push(format!(
            "Văn bản có {} khối chữ ký; chỉ in được một khối, hoặc hai khối cạnh nhau (biên bản: thư ký và chủ tọa).",
            c.signers.len()
        ));
    }
    for (i, s) in c.signers.iter().enumerate() {
        let who = format!("Người ký thứ {}", i + 1);
        text(&format!("{who} (thay mặt)"), &s.on_behalf_of, MAX_FIELD_CHARS, &mut problems);
        for t in &s.titles {
            text(&format!("{who} (chức danh)"), t, MAX_FIELD_CHARS, &mut problems);
        }
        text(&format!("{who} (họ tên)"), &s.name, MAX_FIELD_CHARS, &mut problems);
    }

    let mut tables = 0usize;
    for (i, block) in c.body.iter().enumerate() {
        let runs_text = |runs: &[Run]| runs.iter().map(|r| r.text.as_str()).collect::<String>();
        match block {
            Block::Paragraph { runs } | Block::Clause { runs } | Block::Point { runs } | Block::Dash { runs } => {
                let name = format!("Khối nội dung thứ {} ({})", i + 1, block_kind(block));
                text(&name, &runs_text(runs), MAX_BLOCK_CHARS, &mut problems);
            }
            Block::Heading { title, .. } => {
                let name = format!("Khối nội dung thứ {} (đề mục)", i + 1);
                text(&name, title, MAX_FIELD_CHARS, &mut problems);
            }
            Block::Table { header, rows, widths } => {
                tables += 1;
                let name = format!("Bảng thứ {tables}");
                if let Some(p) = table_problem(header, rows, widths) {
                    problems.push(format!("{name}: {p}"));
                }
                for (k, cell) in header.iter().enumerate() {
                    text(&format!("{name}, dòng tiêu đề, cột {}", k + 1), cell, MAX_FIELD_CHARS, &mut problems);
                }
                for (r, row) in rows.iter().enumerate() {
                    for (k, cell) in row.iter().enumerate() {
                        text(&format!("{name}, hàng {}, cột {}", r + 1, k + 1), cell, MAX_FIELD_CHARS, &mut problems);
                    }
                }
            }
            Block::Chart { title, series, bars } => {
                let name = format!("Khối nội dung thứ {} (biểu đồ)", i + 1);
                text(&name, title, MAX_FIELD_CHARS, &mut problems);
                if let Some(p) = super::pdf::chart_problem(series, bars) {
                    problems.push(format!("{name}: {p}"));
                }
                for s in series.iter().chain(bars.iter().map(|b| &b.label)) {
                    text(&name, s, MAX_FIELD_CHARS, &mut problems);
                }
            }
        }
    }
    if total > MAX_DOCUMENT_CHARS {
        problems.insert(
            0,
            format!(
                "Văn bản quá dài ({} ký tự); một văn bản có tối đa {} ký tự. Hãy tách thành nhiều văn bản hoặc đưa phần dài vào phụ lục.",
                group(total),
                group(MAX_DOCUMENT_CHARS)
            ),
        );
    }
    match problems.len() {
        0 => Ok(()),
        1 => Err(AppError::validation(problems.remove(0))),
        n => {
            let mut listed: Vec<String> = problems.into_iter().take(MAX_LISTED).collect();
            if n > MAX_LISTED {
                listed.push(format!("… và {} lỗi khác.", n - MAX_LISTED));
            }
            Err(AppError::validation(format!("Nội dung văn bản chưa in được:\n- {}", listed.join("\n- "))))
        }
    }
}

fn block_kind(block: &Block) -> &'static str {
    match block {
        Block::Paragraph { .. } => "đoạn văn",
        Block::Heading { .. } => "đề mục",
        Block::Clause { .. } => "khoản",
        Block::Point { .. } => "điểm",
        Block::Dash { .. } => "gạch đầu dòng",
        Block::Table { .. } => "bảng",
        Block::Chart { .. } => "biểu đồ",
    }
}

/// 300000 → "300.000" (Vietnamese digit grouping).
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
}

/// Whether every face of the font draws `c` (`printable` remembers the characters already
/// found, so a long text looks each one up once).
fn drawable(fonts: &Fonts, printable: &mut HashSet<char>, c: char) -> bool {
    if c.is_ascii_graphic() || c.is_whitespace() || is_invisible(c) || printable.contains(&c) {
        return true;
    }
    let ok =
        [Style::Regular, Style::Bold, Style::Italic, Style::BoldItalic].iter().all(|s| fonts.face(*s).has_glyph(c));
    if ok {
        printable.insert(c);
    }
    ok
}

/// What is wrong with one text (lower case, to follow the field's name), if anything.
fn text_problem(fonts: &Fonts, printable: &mut HashSet<char>, value: &str, limit: usize) -> Option<String> {
    let value = crate::text::clean(value);
    let count = value.chars().count();
    if count > limit {
        return Some(format!("dài {} ký tự, quá mức cho phép ({} ký tự); hãy rút gọn.", group(count), group(limit)));
    }
    if let Some(c) = value.chars().find(|c| !drawable(fonts, printable, *c)) {
        return Some(format!(
            "có ký tự \"{c}\" (U+{:04X}) không in được bằng phông chữ của văn bản; hãy xóa hoặc thay ký tự này.",
            c as u32
        ));
    }
    let longest = value.split_whitespace().map(|w| w.chars().filter(|c| !is_invisible(*c)).count()).max().unwrap_or(0);
    if longest > MAX_UNBROKEN_CHARS {
        return Some(format!(
            "có một chuỗi {} ký tự liền nhau không có dấu cách (tối đa {}); hãy thêm dấu cách hoặc rút gọn.",
            group(longest),
            MAX_UNBROKEN_CHARS
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::model::*;

    fn base() -> DocumentContent {
        serde_json::from_str(include_str!("../../../../docs/examples/bao-cao.json")).unwrap()
    }

    fn with_table(widths: Vec<f32>) -> DocumentContent {
        let mut c = base();
        c.body.push(Block::Table {
            header: vec!["TT".into(), "Nội dung".into(), "Kết quả".into()],
            rows: vec![vec!["1".into(), "Số hóa hồ sơ".into(), "97,2%".into()]],
            widths,
        });
        c
    }

    fn refused(c: &DocumentContent) -> String {
        let err = validate_content(c).expect_err("must be refused");
        assert_eq!(err.code, crate::error::ErrorCode::Validation);
        err.message
    }

    #[test]
    fn the_examples_pass() {
        for name in [
            "bao-cao",
            "bien-ban",
            "chuong-trinh",
            "cong-van",
            "giay-moi",
            "ke-hoach",
            "quyet-dinh",
            "thong-bao",
            "to-trinh",
        ] {
            let path =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../docs/examples/{name}.json"));
            let c: DocumentContent = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            validate_content(&c).unwrap_or_else(|e| panic!("{name}: {}", e.message));
        }
    }

    #[test]
    fn impossible_column_widths_are_refused_naming_the_table() {
        // bao-cao.json already has one table: the added one is the second.
        for widths in
            [vec![1.0, 0.0, 1.0], vec![1.0, -2.0, 1.0], vec![1.0, f32::NAN, 1.0], vec![f32::INFINITY, 1.0, 1.0]]
        {
            assert_eq!(refused(&with_table(widths.clone())), "Bảng thứ 2: độ rộng cột phải là số dương.", "{widths:?}");
        }
        assert_eq!(
            refused(&with_table(vec![1.0, 2.0])),
            "Bảng thứ 2: có 2 độ rộng cột cho 3 cột; hãy cho mỗi cột một độ rộng."
        );
        assert_eq!(
            refused(&with_table(vec![0.01, 10.0, 10.0])),
            "Bảng thứ 2: cột 1 quá hẹp để ghi chữ; hãy tăng độ rộng của cột này hoặc bớt số cột."
        );
        validate_content(&with_table(vec![0.5, 3.0, 1.0])).unwrap();
        validate_content(&with_table(vec![])).unwrap();
    }

    #[test]
    fn tables_without_columns_or_with_extra_cells_are_refused() {
        let mut c = base();
        c.body.insert(0, Block::Table { header: vec![], rows: vec![vec![], vec![]], widths: vec![] });
        assert_eq!(refused(&c), "Bảng thứ 1: bảng chưa có cột nào.");
        let mut c = base();
        c.body.push(Block::Table {
            header: vec!["TT".into(), "Nội dung".into()],
            rows: vec![vec!["1".into(), "a".into()], vec!["2".into(), "b".into(), "c".into()]],
            widths: vec![],
        });
        assert_eq!(refused(&c), "Bảng thứ 2: hàng 2 có 3 ô, nhiều hơn số cột của dòng tiêu đề (2).");
        let mut c = base();
        let many: Vec<String> = (1..=40).map(|i| format!("C{i}")).collect();
        c.body.push(Block::Table { header: many, rows: vec![], widths: vec![] });
        assert!(refused(&c).starts_with("Bảng thứ 2: cột 1 quá hẹp"));
    }

    #[test]
    fn unprintable_unbreakable_and_oversized_text_is_refused() {
        let mut c = base();
        c.body.insert(2, Block::Paragraph { runs: vec![Run::plain(format!("Xem {}", "a".repeat(400)))] });
        assert_eq!(
            refused(&c),
            "Khối nội dung thứ 3 (đoạn văn): có một chuỗi 400 ký tự liền nhau không có dấu cách (tối đa 250); hãy thêm dấu cách hoặc rút gọn."
        );
        let mut c = base();
        c.subject = "Kết quả 😀".into();
        assert_eq!(
            refused(&c),
            "Trích yếu: có ký tự \"😀\" (U+1F600) không in được bằng phông chữ của văn bản; hãy xóa hoặc thay ký tự này."
        );
        let mut c = base();
        c.recipients.push("Sở Y tế ".repeat(1000));
        assert!(refused(&c).starts_with("Nơi nhận, dòng 3: dài 7.999 ký tự, quá mức cho phép (5.000 ký tự)"));
        let mut c = base();
        c.body =
            (0..40).map(|_| Block::Paragraph { runs: vec![Run::plain("Nội dung báo cáo ".repeat(500))] }).collect();
        assert!(refused(&c).starts_with("Văn bản quá dài ("));
        // Invisible characters are not refused: the layout drops them.
        let mut c = base();
        c.subject = "Kết\u{200B} quả\u{7}".into();
        validate_content(&c).unwrap();
    }

    /// Autosave validates every few seconds: a document near the size limit takes little time.
    #[test]
    fn a_long_document_is_checked_quickly() {
        let mut c = base();
        c.body = (0..30)
            .map(|_| Block::Paragraph { runs: vec![Run::plain("Chuyển đổi số toàn diện ".repeat(400))] })
            .collect();
        let start = std::time::Instant::now();
        validate_content(&c).unwrap();
        assert!(start.elapsed().as_millis() < 1500, "{:?} for 290.000 characters", start.elapsed());
    }

    #[test]
    fn more_than_two_signing_blocks_and_several_problems_are_listed() {
        let mut c = base();
        let s = c.signers[0].clone();
        c.signers = vec![s.clone(), s.clone(), s];
        c.subject = "x".repeat(300);
        let msg = refused(&c);
        assert!(msg.starts_with("Nội dung văn bản chưa in được:\n- "), "{msg}");
        assert!(msg.contains("- Trích yếu: có một chuỗi 300 ký tự"), "{msg}");
        assert!(msg.contains("- Văn bản có 3 khối chữ ký"), "{msg}");
    }
}
