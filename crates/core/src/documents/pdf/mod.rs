//! PDF rendering as a pure function: document → bytes.
//!
//! `compose` decides where everything goes (Decree 30 layout, our own line breaking and
//! pagination); this module writes those marks with printpdf, embedding the four faces of the
//! font as subsets. Justification adds a TJ offset after each interior space (the PDF word
//! spacing operator does not apply to two-byte fonts).

pub mod compose;
pub mod fonts;
pub mod layout;

pub use compose::{chart_problem, Margins, Mark, Page};

use crate::documents::model::{DocumentContent, Issuer};
use crate::error::{AppError, Result};
use fonts::{Fonts, Style};
use printpdf::{
    Color, FontId, Greyscale, Line as PdfLine, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

/// What a rendering needs besides the document.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub margins: Margins,
    /// Written as the PDF's creation date (seconds since 1970, UTC).
    pub created_unix: i64,
}

/// Renders a document to PDF bytes.
pub fn render(doc: &DocumentContent, issuer: &Issuer, opts: RenderOptions) -> Result<Vec<u8>> {
    Ok(render_counted(doc, issuer, opts)?.0)
}

/// Renders a document; also says how many pages it has.
pub fn render_counted(doc: &DocumentContent, issuer: &Issuer, opts: RenderOptions) -> Result<(Vec<u8>, usize)> {
    let fonts = Fonts::get()?;
    let pages = compose::compose(fonts, doc, issuer, opts.margins)?;
    Ok((write(fonts, &pages, &doc.subject, opts.created_unix)?, pages.len()))
}

/// Refuses any mark whose position or size is not a finite number: nothing non-finite may
/// reach a content stream (readers stop at "NaN").
fn check_finite(fonts: &Fonts, pages: &[Page]) -> Result<()> {
    for (p, page) in pages.iter().enumerate() {
        let mut ok = page.width.is_finite() && page.height.is_finite() && page.width > 0.0 && page.height > 0.0;
        for mark in &page.marks {
            ok &= match mark {
                Mark::Text { x, y, size, spans, extra } => {
                    [*x, *y, *size, *extra].iter().all(|v| v.is_finite())
                        && *size > 0.0
                        && spans.iter().all(|s| fonts.width(s.style, &s.text, *size).is_finite())
                }
                Mark::Rule { x1, y1, x2, y2, width } => [*x1, *y1, *x2, *y2, *width].iter().all(|v| v.is_finite()),
                Mark::Fill { x, y, w, h, gray } => [*x, *y, *w, *h, *gray].iter().all(|v| v.is_finite()),
            };
        }
        if !ok {
            return Err(AppError::validation(format!(
                "Không tạo được tệp PDF: trang {} có vị trí hoặc cỡ chữ không hợp lệ. Hãy kiểm tra độ rộng cột của các bảng.",
                p + 1
            )));
        }
    }
    Ok(())
}

/// Writes laid-out pages as a PDF.
pub fn write(fonts: &Fonts, pages: &[Page], title: &str, created_unix: i64) -> Result<Vec<u8>> {
    check_finite(fonts, pages)?;
    let mut pdf = PdfDocument::new(title);
    let ids: Vec<FontId> = fonts.faces.iter().map(|f| pdf.add_font(&f.parsed)).collect();
    let created = printpdf::OffsetDateTime::from_unix_timestamp(created_unix)
        .map_err(|e| AppError::storage(format!("Ngày tạo tệp PDF không hợp lệ: {e}")))?;
    pdf.metadata.info.creation_date = created;
    pdf.metadata.info.modification_date = created;
    pdf.metadata.info.metadata_date = created;
    pdf.metadata.info.producer = "Thư ký Tổ Công tác".to_string();
    pdf.metadata.info.creator = "Thư ký Tổ Công tác".to_string();
    let pdf_pages = pages.iter().map(|p| page_ops(fonts, &ids, p)).collect();
    let mut warnings = Vec::new();
    let opts = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    let mut lo = pdf.with_pages(pdf_pages).to_lopdf_document(&opts, &mut warnings);
    // printpdf writes an empty GTS_PDFXVersion (readers then report a PDF/X subtype) and empty
    // Author/Subject/Keywords/Identifier entries: this is a plain PDF, so drop them.
    let info = lo.trailer.get(b"Info").and_then(|o| o.as_reference()).ok();
    if let Some(dict) = info.and_then(|id| lo.get_object_mut(id).ok()).and_then(|o| o.as_dict_mut().ok()) {
        dict.remove(b"GTS_PDFXVersion");
        for key in [&b"Author"[..], b"Subject", b"Keywords", b"Identifier"] {
            let empty = dict.get(key).and_then(|v| v.as_str()).is_ok_and(|b| b.is_empty() || b == [0xFE, 0xFF]);
            if empty {
                dict.remove(key);
            }
        }
    }
    if opts.optimize {
        lo.compress();
    }
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| AppError::storage(format!("Không ghi được tệp PDF: {e}")))?;
    Ok(bytes)
}

fn pt_to_mm(v: f32) -> Mm {
    Mm(v * 25.4 / 72.0)
}

fn line_op(x1: f32, y1: f32, x2: f32, y2: f32) -> Op {
    let point = |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
    Op::DrawLine { line: PdfLine { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } }
}

fn page_ops(fonts: &Fonts, ids: &[FontId], page: &Page) -> PdfPage {
    let h = page.height;
    let mut ops = vec![
        Op::SetFillColor { col: Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None }) },
        Op::SetOutlineColor { col: Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None }) },
    ];
    let mut rules = Vec::new();
    for mark in &page.marks {
        match mark {
            Mark::Text { x, y, size, spans, extra } => {
                let mut cx = *x;
                ops.push(Op::StartTextSection);
                for span in spans {
                    let face = span.style.index();
                    ops.push(Op::SetFont { font: PdfFontHandle::External(ids[face].clone()), size: Pt(*size) });
                    ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(cx), Pt(h - y)) });
                    let offset = -(extra * 1000.0 / size);
                    let mut items = Vec::new();
                    let mut word = String::new();
                    let mut spaces = 0usize;
                    for c in span.text.chars() {
                        word.push(c);
                        if c == ' ' && *extra > 0.0 {
                            items.push(TextItem::Text(std::mem::take(&mut word)));
                            items.push(TextItem::Offset(offset));
                            spaces += 1;
                        }
                    }
                    if !word.is_empty() {
                        items.push(TextItem::Text(word));
                    }
                    ops.push(Op::ShowText { items });
                    let w = fonts.width(span.style, &span.text, *size) + spaces as f32 * extra;
                    if span.underline {
                        rules.push((cx, y + size * 0.12, cx + w, y + size * 0.12, size / 20.0));
                    }
                    cx += w;
                }
                ops.push(Op::EndTextSection);
            }
            Mark::Rule { x1, y1, x2, y2, width } => rules.push((*x1, *y1, *x2, *y2, *width)),
            Mark::Fill { x, y, w, h: h_fill, gray } => {
                let h_fill = *h_fill;
                let grey = |g: f32| Color::Greyscale(Greyscale { percent: g, icc_profile: None });
                ops.push(Op::SetFillColor { col: grey(*gray) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(h - y - h_fill),
                        width: Pt(*w),
                        height: Pt(h_fill),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
                ops.push(Op::SetFillColor { col: Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None }) });
            }
        }
    }
    for (x1, y1, x2, y2, width) in rules {
        ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        ops.push(line_op(x1, h - y1, x2, h - y2));
    }
    PdfPage::new(pt_to_mm(page.width), pt_to_mm(page.height), ops)
}

/// Which face a span used; exposed for tests that check bold/italic placement.
pub fn style_name(style: Style) -> &'static str {
    match style {
        Style::Regular => "regular",
        Style::Bold => "bold",
        Style::Italic => "italic",
        Style::BoldItalic => "bold-italic",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use layout::Span;

    fn page(marks: Vec<Mark>) -> Page {
        Page { width: 595.0, height: 842.0, marks }
    }

    /// Nothing non-finite reaches a file: the writer refuses it.
    #[test]
    fn the_writer_refuses_non_finite_positions_and_sizes() {
        let fonts = Fonts::get().unwrap();
        let text = |x: f32, y: f32, size: f32, extra: f32| Mark::Text {
            x,
            y,
            size,
            spans: vec![Span::new("Thông báo", Style::Regular)],
            extra,
        };
        assert!(write(fonts, &[page(vec![text(100.0, 100.0, 14.0, 0.0)])], "T", 0).is_ok());
        for bad in [
            text(f32::NAN, 100.0, 14.0, 0.0),
            text(100.0, f32::INFINITY, 14.0, 0.0),
            text(100.0, 100.0, f32::NAN, 0.0),
            text(100.0, 100.0, 0.0, 0.0),
            text(100.0, 100.0, 14.0, f32::NEG_INFINITY),
            Mark::Rule { x1: 0.0, y1: f32::NAN, x2: 10.0, y2: 0.0, width: 0.5 },
            Mark::Rule { x1: 0.0, y1: 0.0, x2: 10.0, y2: 0.0, width: f32::INFINITY },
        ] {
            let err = write(fonts, &[page(vec![text(100.0, 100.0, 14.0, 0.0)]), page(vec![bad.clone()])], "T", 0)
                .expect_err("must refuse");
            assert_eq!(err.code, crate::error::ErrorCode::Validation);
            assert!(err.message.contains("trang 2"), "{bad:?}: {}", err.message);
        }
        let nan_page = Page { width: f32::NAN, height: 842.0, marks: vec![] };
        assert!(write(fonts, &[nan_page], "T", 0).is_err());
    }
}
