//! Word export and import.
//!
//! [`render_docx`] writes a document as DOCX with the Decree 30 layout of our PDF: A4, the
//! margins from the settings, Times New Roman sizes, the header table (issuing body and Quốc
//! hiệu/Tiêu ngữ with their rules, number and date), type and subject, the body, the signing
//! block and Nơi nhận. Its words come from [`crate::documents::words`], as the PDF's do.
//!
//! Body paragraphs carry paragraph styles of their own (`SecBody`, `SecHeading`,
//! `SecCentred`, table style `SecTable`) so that [`import`] finds them again after a colleague
//! has edited the file in Word.

pub mod import;
#[cfg(test)]
mod tests;

pub use import::{body_from_docx, import_docx_body};

use super::model::{DocumentContent, Issuer};
use super::pdf::compose::{is_number, is_serial_header, Margins};
use super::pdf::fonts::{Fonts, Style as FontStyle};
use super::pdf::layout::Span;
use super::words::*;
use crate::error::{AppError, Result};
use crate::store::Db;
use docx_rs::{
    AlignmentType, BorderType, Docx, Header, LineSpacing, PageMargin, PageNum, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SpecialIndentType, Style, StyleType, Table, TableCell,
    TableCellMargins, TableLayoutType, TableRow, WidthType,
};

/// Paragraph styles that mark the body for the import.
pub const STYLE_BODY: &str = "SecBody";
pub const STYLE_HEADING: &str = "SecHeading";
pub const STYLE_CENTRED: &str = "SecCentred";
pub const STYLE_TABLE: &str = "SecTable";

const FONT: &str = "Times New Roman";
/// Twips (1/20 pt) per millimetre and per point.
const TW_MM: f32 = 56.692_91;
const TW_PT: f32 = 20.0;
/// First-line indent of body paragraphs: 1.27 cm.
const INDENT: i32 = 720;
const A4_W: u32 = 11906;
const A4_H: u32 = 16838;

fn tw(pt: f32) -> i32 {
    (pt * TW_PT).round() as i32
}

/// A run in Times New Roman at `size` points.
fn run(text: &str, size: f32, bold: bool, italic: bool, underline: bool) -> Run {
    let mut r = Run::new().add_text(text).size((size * 2.0).round() as usize);
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    if underline {
        r = r.underline("single");
    }
    r
}

fn span_run(span: &Span, size: f32) -> Run {
    run(&span.text, size, span.style.bold(), span.style.italic(), span.underline)
}

/// A paragraph with single spacing and `before`/`after` points of space.
fn para(align: AlignmentType, before: f32, after: f32) -> Paragraph {
    Paragraph::new().align(align).line_spacing(
        LineSpacing::new()
            .before(tw(before) as u32)
            .after(tw(after) as u32)
            .line(240)
            .line_rule(docx_rs::LineSpacingType::Auto),
    )
}

fn centred_line(text: &str, size: f32, bold: bool, italic: bool, before: f32) -> Paragraph {
    para(AlignmentType::Center, before, 0.0).add_run(run(text, size, bold, italic, false))
}

/// A rule `length` points long, centred in a column `width` points wide: an empty, tiny
/// paragraph whose bottom border is narrowed by its indents.
fn rule(length: f32, width: f32) -> Paragraph {
    let side = tw(((width - length) / 2.0).max(0.0));
    let mut p = para(AlignmentType::Center, 0.0, 0.0)
        .indent(Some(side), None, Some(side), None)
        .line_spacing(LineSpacing::new().before(0).after(0).line(tw(3.0)).line_rule(docx_rs::LineSpacingType::Exact))
        .add_run(Run::new().size(2));
    p.property = p.property.set_borders(ParagraphBorders::with_empty().set(
        ParagraphBorder::new(ParagraphBorderPosition::Bottom).val(BorderType::Single).size(5).space(0).color("000000"),
    ));
    p
}

fn cell(width_tw: i32) -> TableCell {
    TableCell::new().width(width_tw.max(0) as usize, WidthType::Dxa)
}

fn borderless(rows: Vec<TableRow>, grid: Vec<usize>) -> Table {
    let total: usize = grid.iter().sum();
    Table::without_borders(rows)
        .set_grid(grid)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}

fn body_paragraph(spans: &[Span], style: &str, size: f32) -> Paragraph {
    let mut p = para(AlignmentType::Both, 0.0, 6.0).style(style).indent(
        None,
        Some(SpecialIndentType::FirstLine(INDENT)),
        None,
        None,
    );
    for s in spans {
        p = p.add_run(span_run(s, size));
    }
    p
}

fn styles(docx: Docx) -> Docx {
    let serif = RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT);
    docx.add_style(
        Style::new(STYLE_BODY, StyleType::Paragraph).name("Secretariat Body").based_on("Normal").fonts(serif.clone()),
    )
    .add_style(
        Style::new(STYLE_HEADING, StyleType::Paragraph)
            .name("Secretariat Heading")
            .based_on("Normal")
            .fonts(serif.clone()),
    )
    .add_style(
        Style::new(STYLE_CENTRED, StyleType::Paragraph)
            .name("Secretariat Centred Heading")
            .based_on("Normal")
            .fonts(serif),
    )
    .add_style(Style::new(STYLE_TABLE, StyleType::Table).name("Secretariat Table"))
}

/// Writes a document as DOCX bytes with the Decree 30 layout.
pub fn render_docx(doc: &DocumentContent, issuer: &Issuer, margins: Margins, created_unix: i64) -> Result<Vec<u8>> {
    let fonts = Fonts::get()?;
    let m = margins.clamped();
    let text_w = 210.0 - m.left - m.right; // mm
    let text_pt = text_w * 72.0 / 25.4;
    let left_pt = text_pt * 0.4;
    let right_pt = text_pt - left_pt;
    let (left_tw, right_tw) = (tw(left_pt), tw(right_pt));
    let serif = RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT);
    let created = chrono::DateTime::from_timestamp(created_unix, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut docx = Docx::new()
        .page_size(A4_W, A4_H)
        .page_margin(PageMargin {
            top: (m.top * TW_MM).round() as i32,
            left: (m.left * TW_MM).round() as i32,
            bottom: (m.bottom * TW_MM).round() as i32,
            right: (m.right * TW_MM).round() as i32,
            header: (m.top * TW_MM * 0.4).round() as i32,
            footer: 0,
            gutter: 0,
        })
        .default_fonts(serif)
        .default_size(28)
        .created_at(&created)
        .updated_at(&created)
        // Page numbers centred in the top margin from page 2 on.
        .header(
            Header::new().add_paragraph(para(AlignmentType::Center, 0.0, 0.0).add_page_num(PageNum::new()).size(26)),
        )
        .first_header(Header::new())
        .title_pg();
    docx = styles(docx);

    // Header table: issuing body | Quốc hiệu, then number | place and date.
    let words = header_words(doc, issuer);
    let mut left = cell(left_tw);
    if !words.parent_body.is_empty() {
        left = left.add_paragraph(centred_line(&words.parent_body, 12.0, false, false, 0.0));
    }
    left = left.add_paragraph(centred_line(&words.issuing_body, 12.0, true, false, 0.0));
    let body_w = longest_line(fonts, &words.issuing_body, FontStyle::Bold, 12.0, left_pt);
    left = left.add_paragraph(rule(body_w * 0.4, left_pt));
    let right = cell(right_tw)
        .add_paragraph(centred_line(NATIONAL_NAME, 12.0, true, false, 0.0))
        .add_paragraph(centred_line(MOTTO, 13.0, true, false, 0.0))
        .add_paragraph(rule(fonts.width(FontStyle::Bold, MOTTO, 13.0), right_pt));
    let number_text = if words.number_blank {
        format!("Số:{}{}", "\u{a0}".repeat(14), words.number)
    } else {
        format!("Số: {}", words.number)
    };
    let mut number_cell = cell(left_tw).add_paragraph(centred_line(&number_text, 13.0, false, false, 6.0));
    if let Some(subject) = &words.letter_subject {
        number_cell = number_cell.add_paragraph(centred_line(subject, 12.0, false, false, 6.0));
    }
    if let Some(u) = words.urgency {
        number_cell = number_cell.add_paragraph(centred_line(u, 13.0, true, false, 4.0));
    }
    let date_text = match &words.date {
        Some(d) => d.clone(),
        None => {
            let blank = "\u{a0}".repeat(7);
            format!("{}, ngày{blank}tháng{blank}năm{}", words.place, "\u{a0}".repeat(9))
        }
    };
    let date_cell = cell(right_tw).add_paragraph(centred_line(&date_text, 14.0, false, true, 6.0));
    docx = docx.add_table(borderless(
        vec![TableRow::new(vec![left, right]), TableRow::new(vec![number_cell, date_cell])],
        vec![left_tw as usize, right_tw as usize],
    ));

    // Title and subject, with a rule under the subject.
    if let Some((heading, subject)) = title_words(doc) {
        docx = docx.add_paragraph(centred_line(heading, 14.0, true, false, 16.0).keep_next(true));
        let longest = longest_line(fonts, &subject, FontStyle::Bold, 14.0, text_pt * 0.85);
        let side = tw(text_pt * 0.075);
        docx = docx.add_paragraph(
            centred_line(&subject, 14.0, true, false, 0.0).indent(Some(side), None, Some(side), None).keep_next(true),
        );
        docx = docx.add_paragraph(rule((longest * 0.4).clamp(text_pt / 6.0, text_pt / 2.0), text_pt));
    }
    let addressees = addressee_lines(doc);
    if addressees.len() == 1 {
        docx = docx.add_paragraph(centred_line(&addressees[0], 14.0, false, false, 12.0));
    } else {
        let x = text_pt * 0.18;
        let label_w =
            fonts.width(FontStyle::Regular, ADDRESSEE_LABEL, 14.0) + fonts.width(FontStyle::Regular, " ", 14.0);
        for (i, a) in addressees.iter().enumerate() {
            let p = para(AlignmentType::Left, if i == 0 { 12.0 } else { 0.0 }, 0.0);
            docx =
                docx.add_paragraph(if i == 0 {
                    p.indent(Some(tw(x + label_w)), Some(SpecialIndentType::Hanging(tw(label_w))), None, None)
                        .add_run(run(&format!("{ADDRESSEE_LABEL} {a}"), 14.0, false, false, false))
                } else {
                    p.indent(Some(tw(x + label_w)), None, None, None).add_run(run(a, 14.0, false, false, false))
                });
        }
    }
    let centred_bold = |text: &str| centred_line(text, 14.0, true, false, 10.0).keep_next(true);
    if let Some(line) = enacting_line(doc) {
        docx = docx.add_paragraph(centred_bold(&line));
    }
    let mut first_basis = true;
    for basis in legal_basis_lines(doc) {
        let before = if first_basis { 8.0 } else { 0.0 };
        first_basis = false;
        docx = docx.add_paragraph(
            para(AlignmentType::Both, before, 6.0)
                .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
                .add_run(run(&basis, 14.0, false, true, false)),
        );
    }
    if let Some(line) = decides_line(doc) {
        docx = docx.add_paragraph(centred_bold(line));
    }

    // The body.
    let mut first = true;
    let pieces = body_pieces(&doc.body);
    let count = pieces.len();
    for (i, piece) in pieces.into_iter().enumerate() {
        let before = if first { 8.0 } else { 0.0 };
        first = false;
        match piece {
            BodyPiece::Paragraph { spans } => {
                let mut p = body_paragraph(&spans, STYLE_BODY, 14.0);
                if before > 0.0 {
                    p = p.line_spacing(LineSpacing::new().before(tw(before) as u32).after(tw(6.0) as u32));
                }
                let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                // An introduction stays with what it introduces; the last paragraph with the
                // signature (a signing block never stands alone on a page).
                if text.trim_end().ends_with(':') || i + 1 == count {
                    p = p.keep_next(true);
                }
                docx = docx.add_paragraph(p);
            }
            BodyPiece::Heading { text } => {
                let spans = [Span::new(text, FontStyle::Bold)];
                docx = docx.add_paragraph(body_paragraph(&spans, STYLE_HEADING, 14.0).keep_next(true));
            }
            BodyPiece::Centred { lines } => {
                for (i, line) in lines.iter().enumerate() {
                    let p = para(
                        AlignmentType::Center,
                        if i == 0 { 6.0 } else { 0.0 },
                        if i + 1 == lines.len() { 6.0 } else { 0.0 },
                    )
                    .style(STYLE_CENTRED)
                    .keep_next(true)
                    .add_run(run(line, 14.0, true, false, false));
                    docx = docx.add_paragraph(p);
                }
            }
            BodyPiece::Chart { title, series, bars } => {
                // Word gets the chart's figures as a table under its title.
                let p = para(AlignmentType::Center, 0.0, 3.0)
                    .keep_next(true)
                    .add_run(run(&title, 13.0, true, false, false));
                docx = docx.add_paragraph(p);
                let header: Vec<String> = std::iter::once(String::new()).chain(series.iter().cloned()).collect();
                let rows: Vec<Vec<String>> = bars
                    .iter()
                    .map(|b| std::iter::once(b.label.clone()).chain(b.values.iter().map(|v| format!("{v}"))).collect())
                    .collect();
                docx = docx.add_table(body_table(0, &header, &rows, &[], text_pt)?);
                docx = docx.add_paragraph(para(AlignmentType::Left, 0.0, 4.0).add_run(Run::new().size(8)));
            }
            BodyPiece::Table { index, header, rows, widths } => {
                docx = docx.add_table(body_table(index, &header, &rows, &widths, text_pt)?);
                docx = docx.add_paragraph(para(AlignmentType::Left, 0.0, 4.0).add_run(Run::new().size(8)));
            }
        }
    }

    // Closing: Nơi nhận on the left, the signing block(s) on the right.
    docx = docx.add_paragraph(para(AlignmentType::Left, 0.0, 0.0).keep_next(true).add_run(Run::new().size(12)));
    let recipients = recipients_cell(doc, issuer, left_tw);
    let table = if doc.signers.len() >= 2 {
        let lines = |s: &super::model::Signer| signer_titles(s).len();
        let most = lines(&doc.signers[0]).max(lines(&doc.signers[1]));
        let a = signer_block(&doc.signers[0], cell(left_tw), most);
        let b = signer_block(&doc.signers[1], cell(right_tw), most);
        borderless(
            vec![
                TableRow::new(vec![a, b]).cant_split(),
                TableRow::new(vec![recipients, cell(right_tw).add_paragraph(Paragraph::new())]).cant_split(),
            ],
            vec![left_tw as usize, right_tw as usize],
        )
    } else {
        let right = match doc.signers.first() {
            Some(s) => signer_block(s, cell(right_tw), signer_titles(s).len()),
            None => cell(right_tw).add_paragraph(Paragraph::new()),
        };
        borderless(vec![TableRow::new(vec![recipients, right]).cant_split()], vec![left_tw as usize, right_tw as usize])
    };
    docx = docx.add_table(table);

    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).map_err(|e| AppError::storage(format!("Không ghi được tệp Word (.docx): {e}")))?;
    Ok(bytes.into_inner())
}

/// The longest line `text` takes in a column `width` points wide.
fn longest_line(fonts: &Fonts, text: &str, style: FontStyle, size: f32, width: f32) -> f32 {
    super::pdf::layout::break_lines(fonts, &[Span::new(text, style)], size, width, width)
        .iter()
        .map(|l| l.width)
        .fold(0.0, f32::max)
}

/// Titles, room for the signature and seal, the name. `lines_above` is the larger count of
/// title lines of two blocks side by side, so that their names share a line.
fn signer_block(s: &super::model::Signer, mut c: TableCell, lines_above: usize) -> TableCell {
    let titles = signer_titles(s);
    for t in &titles {
        c = c.add_paragraph(centred_line(t, 14.0, true, false, 0.0).keep_next(true));
    }
    let missing = lines_above.saturating_sub(titles.len()) as f32 * 14.0 * 1.15;
    c.add_paragraph(centred_line(&crate::text::clean(&s.name), 14.0, true, false, 72.0 + missing))
}

fn recipients_cell(doc: &DocumentContent, issuer: &Issuer, width_tw: i32) -> TableCell {
    let mut c = cell(width_tw).add_paragraph(para(AlignmentType::Left, 6.0, 0.0).add_run(run(
        RECIPIENTS_LABEL,
        12.0,
        true,
        true,
        false,
    )));
    for line in recipient_lines(doc, issuer) {
        c = c.add_paragraph(
            para(AlignmentType::Left, 0.0, 0.0)
                .indent(Some(tw(8.0)), Some(SpecialIndentType::Hanging(tw(8.0))), None, None)
                .add_run(run(&line, 11.0, false, false, false)),
        );
    }
    c
}

/// A body table: header cells bold and centred, serial-number columns centred, numbers
/// right-aligned, as the PDF sets them.
fn body_table(index: usize, header: &[String], rows: &[Vec<String>], widths: &[f32], text_pt: f32) -> Result<Table> {
    let count = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if count == 0 {
        return Err(AppError::validation(format!("Bảng thứ {index}: bảng chưa có cột nào.")));
    }
    let relative: Vec<f32> = if widths.len() == count { widths.to_vec() } else { vec![1.0; count] };
    let total: f32 = relative.iter().sum();
    if !total.is_finite() || total <= 0.0 || relative.iter().any(|w| !w.is_finite() || *w <= 0.0) {
        return Err(AppError::validation(format!("Bảng thứ {index}: độ rộng cột phải là số dương.")));
    }
    let grid: Vec<usize> = relative.iter().map(|w| tw(text_pt * w / total).max(1) as usize).collect();
    let serial: Vec<bool> = (0..count).map(|c| header.get(c).is_some_and(|h| is_serial_header(h))).collect();
    let row = |cells: &[String], bold: bool| {
        let cells = (0..count)
            .map(|c| {
                let text = cells.get(c).map(|t| crate::text::clean(t)).unwrap_or_default();
                let align = if bold || serial[c] {
                    AlignmentType::Center
                } else if is_number(&text) {
                    AlignmentType::Right
                } else {
                    AlignmentType::Left
                };
                TableCell::new()
                    .width(grid[c], WidthType::Dxa)
                    .add_paragraph(para(align, 0.0, 0.0).add_run(run(&text, 13.0, bold, false, false)))
            })
            .collect();
        TableRow::new(cells).cant_split()
    };
    let mut rows_out = Vec::new();
    if !header.is_empty() {
        rows_out.push(row(header, true));
    }
    rows_out.extend(rows.iter().map(|r| row(r, false)));
    let total_tw: usize = grid.iter().sum();
    Ok(Table::new(rows_out)
        .style(STYLE_TABLE)
        .set_grid(grid)
        .width(total_tw, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(
            tw(3.0) as usize,
            tw(3.0) as usize,
            tw(3.0) as usize,
            tw(3.0) as usize,
        )))
}

/// The DOCX of a stored document (draft or issued), with the margins from the settings.
pub fn document_docx(conn: &Db, id: &str) -> Result<Vec<u8>> {
    let doc = super::store::get_document(conn, id)?;
    let settings = crate::settings::document_settings(conn)?;
    let authority = super::authority::content_authority(&settings, &doc.content)?;
    let mut content = doc.content.clone();
    if content.archive.is_empty() {
        content.archive = authority.archive();
    }
    let m = settings.margins;
    let margins = Margins { top: m.top, bottom: m.bottom, left: m.left, right: m.right };
    render_docx(&content, &authority.issuer(), margins, chrono::Utc::now().timestamp())
}
