//! Decree 30 page composition: where every element goes, before anything is written as PDF.
//!
//! The result is a list of pages, each a list of [`Mark`]s (text lines and rules) with their
//! positions in points from the page's top-left corner. Keeping this separate from the PDF
//! writer lets the tests check positions without reading a PDF back.

use super::fonts::{Fonts, Style};
use super::layout::{break_lines, Line, Span};
use crate::documents::model::*;

pub const MM: f32 = 72.0 / 25.4;
const A4_W: f32 = 210.0 * MM;
const A4_H: f32 = 297.0 * MM;
/// Baseline below the top of a line box, as a share of the font size (Liberation Serif ascent).
const ASCENT: f32 = 0.891;
/// "Single" line spacing for Times-metric fonts.
const LEADING: f32 = 1.15;
const BODY: f32 = 14.0;
const INDENT: f32 = 12.7 * MM;
const PARAGRAPH_GAP: f32 = 6.0;
const RULE: f32 = 0.6;

/// Page margins in millimetres; the decree allows top/bottom 20–25, left 30–35, right 15–20.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl Default for Margins {
    fn default() -> Self {
        Self { top: 20.0, bottom: 20.0, left: 30.0, right: 15.0 }
    }
}

impl Margins {
    /// Brings each margin inside the decree's range.
    pub fn clamped(self) -> Self {
        Self {
            top: self.top.clamp(20.0, 25.0),
            bottom: self.bottom.clamp(20.0, 25.0),
            left: self.left.clamp(30.0, 35.0),
            right: self.right.clamp(15.0, 20.0),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// One line of text; `x` is the left end, `y` the baseline. `extra` is added after each
    /// interior space (justification).
    Text { x: f32, y: f32, size: f32, spans: Vec<Span>, extra: f32 },
    /// A horizontal or vertical rule from (x1, y1) to (x2, y2).
    Rule { x1: f32, y1: f32, x2: f32, y2: f32, width: f32 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub marks: Vec<Mark>,
}

/// Geometry shared by every page.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Frame {
    fn sized(width: f32, height: f32, m: Margins) -> Self {
        let m = m.clamped();
        Self {
            width,
            height,
            left: m.left * MM,
            right: width - m.right * MM,
            top: m.top * MM,
            bottom: height - m.bottom * MM,
        }
    }
    pub fn portrait(m: Margins) -> Self {
        Self::sized(A4_W, A4_H, m)
    }
    pub fn landscape(m: Margins) -> Self {
        Self::sized(A4_H, A4_W, m)
    }
    pub fn text_width(&self) -> f32 {
        self.right - self.left
    }
    /// The header's left column (issuing body, number) and right column (Quốc hiệu, date).
    fn left_column(&self) -> (f32, f32) {
        (self.left, self.text_width() * 0.4)
    }
    fn right_column(&self) -> (f32, f32) {
        let (x, w) = self.left_column();
        (x + w, self.text_width() - w)
    }
}

/// A unit of the body's flow, placed by the paginator.
#[derive(Debug, Clone)]
enum Item {
    Line {
        line: Line,
        x: f32,
        size: f32,
        justify: Option<f32>,
    },
    Gap(f32),
    Row {
        table: usize,
        header: bool,
        height: f32,
        marks: Vec<Mark>,
    },
    /// Signing blocks and Nơi nhận, laid out relative to their top.
    Closing {
        height: f32,
        marks: Vec<Mark>,
    },
}

impl Item {
    fn height(&self) -> f32 {
        match self {
            Item::Line { size, .. } => size * LEADING,
            Item::Gap(h) => *h,
            Item::Row { height, .. } | Item::Closing { height, .. } => *height,
        }
    }
}

/// Places text lines relative to a top `y`; returns the marks and the y below the last line.
fn lines_at(lines: &[Line], size: f32, mut y: f32, place: impl Fn(&Line) -> f32) -> (Vec<Mark>, f32) {
    let mut marks = Vec::new();
    for line in lines {
        marks.push(Mark::Text { x: place(line), y: y + size * ASCENT, size, spans: line.spans.clone(), extra: 0.0 });
        y += size * LEADING;
    }
    (marks, y)
}

fn centered(fonts: &Fonts, text: &str, style: Style, size: f32, x: f32, w: f32, y: f32) -> (Vec<Mark>, f32, f32) {
    let lines = break_lines(fonts, &[Span::new(text, style)], size, w, w);
    let longest = lines.iter().map(|l| l.width).fold(0.0, f32::max);
    let (marks, y) = lines_at(&lines, size, y, |l| x + (w - l.width) / 2.0);
    (marks, y, longest)
}

fn rule(cx: f32, length: f32, y: f32) -> Mark {
    Mark::Rule { x1: cx - length / 2.0, y1: y, x2: cx + length / 2.0, y2: y, width: RULE }
}

fn spans_of(runs: &[Run], base: Style) -> Vec<Span> {
    runs.iter()
        .map(|r| Span {
            text: crate::text::clean_keep_edges(&r.text),
            style: Style::of(r.bold || base.bold(), r.italic || base.italic()),
            underline: r.underline,
        })
        .collect()
}

/// Lays out a whole document on A4 portrait pages.
pub fn compose(fonts: &Fonts, doc: &DocumentContent, issuer: &Issuer, margins: Margins) -> Vec<Page> {
    let frame = Frame::portrait(margins);
    let (header, header_end) = header(fonts, &frame, doc, issuer);
    let mut items = Vec::new();
    title_and_addressees(fonts, &frame, doc, &mut items);
    enactment(fonts, &frame, doc, &mut items, false);
    legal_bases(fonts, &frame, doc, &mut items);
    enactment(fonts, &frame, doc, &mut items, true);
    body(fonts, &frame, &doc.body, &mut items);
    closing(fonts, &frame, doc, issuer, &mut items);
    paginate(&frame, header, header_end, items)
}

/// The header block of page 1; returns its marks and the y just below it.
fn header(fonts: &Fonts, f: &Frame, doc: &DocumentContent, issuer: &Issuer) -> (Vec<Mark>, f32) {
    let mut marks = Vec::new();
    let (lx, lw) = f.left_column();
    let (rx, rw) = f.right_column();

    // Left: parent body (regular), issuing body (bold), a short rule, the number.
    let mut y = f.top;
    if !issuer.parent_body.trim().is_empty() {
        let (m, ny, _) = centered(fonts, &issuer.parent_body.to_uppercase(), Style::Regular, 12.0, lx, lw, y);
        marks.extend(m);
        y = ny;
    }
    let (m, ny, body_width) = centered(fonts, &issuer.issuing_body.to_uppercase(), Style::Bold, 12.0, lx, lw, y);
    marks.extend(m);
    let left_rule_y = ny - 12.0 * (LEADING - 1.0) + 2.5;
    marks.push(rule(lx + lw / 2.0, body_width * 0.4, left_rule_y));

    // Right: Quốc hiệu, Tiêu ngữ with a rule as long as the text.
    let (m, ry, _) = centered(fonts, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style::Bold, 12.0, rx, rw, f.top);
    marks.extend(m);
    let (m, ry, motto_width) = centered(fonts, "Độc lập - Tự do - Hạnh phúc", Style::Bold, 13.0, rx, rw, ry);
    marks.extend(m);
    let right_rule_y = ry - 13.0 * (LEADING - 1.0) + 2.5;
    marks.push(rule(rx + rw / 2.0, motto_width, right_rule_y));

    // Number (left) and place/date (right) on one line.
    let line_top = left_rule_y.max(right_rule_y) + 8.0;
    let number = number_and_symbol(doc.doc_type, doc.number, issuer);
    let number_spans = [Span::new("Số: ", Style::Regular), Span::new(number, Style::Regular)];
    let num_line = break_lines(fonts, &number_spans, 13.0, lw, lw);
    let (m, mut ly) = lines_at(&num_line, 13.0, line_top, |l| lx + (lw - l.width) / 2.0);
    marks.extend(m);
    let date = place_and_date(&issuer.place, doc.date);
    let (m, date_bottom, _) = centered(fonts, &date, Style::Italic, 14.0, rx, rw, line_top - 0.5);
    marks.extend(m);

    if doc.doc_type == DocumentType::OfficialLetter {
        let (m, ny, _) = centered(
            fonts,
            &format!("V/v {}", doc.subject),
            Style::Regular,
            12.0,
            lx,
            lw,
            ly + 6.0 - 12.0 * (LEADING - 1.0),
        );
        marks.extend(m);
        ly = ny;
    }
    if let Some(u) = doc.urgency {
        let (m, ny, _) = centered(fonts, u.label(), Style::Bold, 13.0, lx, lw, ly + 4.0);
        marks.extend(m);
        ly = ny;
    }
    (marks, ly.max(date_bottom))
}

fn title_and_addressees(fonts: &Fonts, f: &Frame, doc: &DocumentContent, items: &mut Vec<Item>) {
    let w = f.text_width();
    let center_line = |items: &mut Vec<Item>, text: &str, style: Style, size: f32, width: f32| -> f32 {
        let lines = break_lines(fonts, &[Span::new(text, style)], size, width, width);
        let longest = lines.iter().map(|l| l.width).fold(0.0, f32::max);
        for line in lines {
            let x = f.left + (w - line.width) / 2.0;
            items.push(Item::Line { line, x, size, justify: None });
        }
        longest
    };
    items.push(Item::Gap(16.0));
    if doc.doc_type != DocumentType::OfficialLetter {
        center_line(items, doc.doc_type.heading(), Style::Bold, 14.0, w);
        let longest = center_line(items, &doc.subject, Style::Bold, 14.0, w * 0.85);
        // The rule under the subject: between a third and a half of its length, centred.
        items.push(Item::Closing {
            height: 10.0,
            marks: vec![rule(f.left + w / 2.0, (longest * 0.4).clamp(w / 6.0, w / 2.0), 3.0)],
        });
    }
    if !doc.addressees.is_empty() {
        items.push(Item::Gap(6.0));
        if doc.addressees.len() == 1 {
            center_line(
                items,
                &format!("Kính gửi: {}.", doc.addressees[0].trim_end_matches(['.', ';'])),
                Style::Regular,
                BODY,
                w,
            );
        } else {
            let label = "Kính gửi:";
            let x = f.left + w * 0.18;
            let lw = fonts.width(Style::Regular, label, BODY) + fonts.width(Style::Regular, " ", BODY);
            for (i, a) in doc.addressees.iter().enumerate() {
                let end = if i + 1 == doc.addressees.len() { "." } else { ";" };
                let text = format!("- {}{end}", a.trim_end_matches(['.', ';']));
                let lines =
                    break_lines(fonts, &[Span::new(text, Style::Regular)], BODY, f.right - x - lw, f.right - x - lw);
                for (j, line) in lines.into_iter().enumerate() {
                    if i == 0 && j == 0 {
                        let mut spans = vec![Span::new(format!("{label} "), Style::Regular)];
                        spans.extend(line.spans.clone());
                        items.push(Item::Line { line: Line { spans, ..line }, x, size: BODY, justify: None });
                    } else {
                        items.push(Item::Line { line, x: x + lw, size: BODY, justify: None });
                    }
                }
            }
        }
    }
    items.push(Item::Gap(8.0));
}

/// A justified paragraph with a first-line indent; `prefix` ("1. ", "a) ") starts it.
fn paragraph(fonts: &Fonts, f: &Frame, spans: Vec<Span>, size: f32, items: &mut Vec<Item>) {
    let w = f.text_width();
    let lines = break_lines(fonts, &spans, size, w - INDENT, w);
    for (i, line) in lines.into_iter().enumerate() {
        let x = if i == 0 { f.left + INDENT } else { f.left };
        let avail = if i == 0 { w - INDENT } else { w };
        let justify = if line.last { None } else { Some(avail) };
        items.push(Item::Line { line, x, size, justify });
    }
    items.push(Item::Gap(PARAGRAPH_GAP));
}

/// A decision's enacting authority (before the legal bases) and its "QUYẾT ĐỊNH:" (after).
fn enactment(fonts: &Fonts, f: &Frame, doc: &DocumentContent, items: &mut Vec<Item>, after_bases: bool) {
    let text = if after_bases {
        if doc.doc_type != DocumentType::Decision {
            return;
        }
        "QUYẾT ĐỊNH:".to_string()
    } else {
        let authority = crate::text::clean(&doc.enacting_authority);
        if authority.is_empty() {
            return;
        }
        authority.to_uppercase()
    };
    let w = f.text_width();
    items.push(Item::Gap(4.0));
    for line in break_lines(fonts, &[Span::new(text, Style::Bold)], BODY, w, w) {
        let x = f.left + (w - line.width) / 2.0;
        items.push(Item::Line { line, x, size: BODY, justify: None });
    }
    items.push(Item::Gap(PARAGRAPH_GAP + 2.0));
}

fn legal_bases(fonts: &Fonts, f: &Frame, doc: &DocumentContent, items: &mut Vec<Item>) {
    let n = doc.legal_bases.len();
    for (i, basis) in doc.legal_bases.iter().enumerate() {
        let mut text = crate::text::clean(basis).trim_end_matches(['.', ';', ',']).to_string();
        text.push(if i + 1 == n { '.' } else { ';' });
        paragraph(fonts, f, vec![Span::new(text, Style::Italic)], BODY, items);
    }
}

fn body(fonts: &Fonts, f: &Frame, blocks: &[Block], items: &mut Vec<Item>) {
    let mut clause = 0u32;
    let mut point = 0usize;
    let mut counters = [0u32; 5];
    let last_text = blocks.iter().rposition(|b| {
        matches!(b, Block::Paragraph { .. } | Block::Clause { .. } | Block::Point { .. } | Block::Dash { .. })
    });
    let mut table_index = 0usize;
    for (i, block) in blocks.iter().enumerate() {
        let finish = |mut spans: Vec<Span>| {
            if Some(i) == last_text {
                let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                if !text.trim_end().ends_with("./.") {
                    let style = spans.last().map(|s| s.style).unwrap_or(Style::Regular);
                    let ending = if text.trim_end().ends_with('.') { "/." } else { "./." };
                    spans.push(Span::new(ending, Style::of(false, style.italic())));
                }
            }
            spans
        };
        match block {
            Block::Paragraph { runs } => paragraph(fonts, f, finish(spans_of(runs, Style::Regular)), BODY, items),
            Block::Clause { runs } => {
                clause += 1;
                point = 0;
                let mut spans = vec![Span::new(format!("{clause}. "), Style::Regular)];
                spans.extend(spans_of(runs, Style::Regular));
                paragraph(fonts, f, finish(spans), BODY, items);
            }
            Block::Point { runs } => {
                let mut spans = vec![Span::new(format!("{}) ", point_letter(point)), Style::Regular)];
                point += 1;
                spans.extend(spans_of(runs, Style::Regular));
                paragraph(fonts, f, finish(spans), BODY, items);
            }
            Block::Dash { runs } => {
                let mut spans = vec![Span::new("- ", Style::Regular)];
                spans.extend(spans_of(runs, Style::Regular));
                paragraph(fonts, f, finish(spans), BODY, items);
            }
            Block::Heading { heading, title } => {
                clause = 0;
                point = 0;
                let k = *heading as usize;
                counters[k] += 1;
                let n = counters[k];
                let title = crate::text::clean(title);
                let w = f.text_width();
                let centred = |items: &mut Vec<Item>, text: String| {
                    for line in break_lines(fonts, &[Span::new(text, Style::Bold)], BODY, w, w) {
                        let x = f.left + (w - line.width) / 2.0;
                        items.push(Item::Line { line, x, size: BODY, justify: None });
                    }
                };
                match heading {
                    HeadingKind::Part | HeadingKind::Chapter | HeadingKind::Section => {
                        items.push(Item::Gap(6.0));
                        let word = match heading {
                            HeadingKind::Part => format!("Phần {}", roman(n)),
                            HeadingKind::Chapter => format!("Chương {}", roman(n)),
                            _ => format!("Mục {n}"),
                        };
                        centred(items, word);
                        if !title.is_empty() {
                            centred(items, title.to_uppercase());
                        }
                        items.push(Item::Gap(PARAGRAPH_GAP));
                    }
                    HeadingKind::Article => {
                        let text =
                            if title.is_empty() { format!("Điều {n}.") } else { format!("Điều {n}. {title}") };
                        paragraph(fonts, f, vec![Span::new(text, Style::Bold)], BODY, items);
                    }
                    HeadingKind::Roman => {
                        let text = format!("{}. {}", roman(n), title.to_uppercase());
                        paragraph(fonts, f, vec![Span::new(text, Style::Bold)], BODY, items);
                    }
                }
            }
            Block::Table { header, rows, widths } => {
                table(fonts, f, table_index, header, rows, widths, 13.0, items);
                table_index += 1;
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn table(
    fonts: &Fonts,
    f: &Frame,
    id: usize,
    header: &[String],
    rows: &[Vec<String>],
    widths: &[f32],
    size: f32,
    items: &mut Vec<Item>,
) {
    const PAD: f32 = 3.0;
    let columns = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0)).max(1);
    let total: f32 = if widths.len() == columns { widths.iter().sum() } else { columns as f32 };
    let col_w: Vec<f32> = (0..columns)
        .map(|i| f.text_width() * if widths.len() == columns { widths[i] / total } else { 1.0 / total })
        .collect();
    let mut col_x = vec![f.left];
    for w in &col_w {
        col_x.push(col_x[col_x.len() - 1] + w);
    }
    let row_item =
        |cells: &[String], bold: bool| -> Item {
            let style = if bold { Style::Bold } else { Style::Regular };
            let laid: Vec<Vec<Line>> = (0..columns)
                .map(|c| {
                    let text = cells.get(c).map(|s| crate::text::clean(s)).unwrap_or_default();
                    let w = col_w[c] - 2.0 * PAD;
                    break_lines(fonts, &[Span::new(text, style)], size, w, w)
                })
                .collect();
            let lines = laid.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = lines as f32 * size * LEADING + 2.0 * PAD;
            let mut marks = Vec::new();
            for (c, cell) in laid.iter().enumerate() {
                let (m, _) = lines_at(cell, size, PAD, |l| {
                    if bold {
                        col_x[c] + (col_w[c] - l.width) / 2.0
                    } else {
                        col_x[c] + PAD
                    }
                });
                marks.extend(m);
            }
            // Borders: top, bottom and every vertical.
            marks.push(Mark::Rule { x1: f.left, y1: 0.0, x2: f.right, y2: 0.0, width: 0.5 });
            marks.push(Mark::Rule { x1: f.left, y1: height, x2: f.right, y2: height, width: 0.5 });
            for x in &col_x {
                marks.push(Mark::Rule { x1: *x, y1: 0.0, x2: *x, y2: height, width: 0.5 });
            }
            Item::Row { table: id, header: bold, height, marks }
        };
    if !header.is_empty() {
        items.push(row_item(header, true));
    }
    for r in rows {
        items.push(row_item(r, false));
    }
    items.push(Item::Gap(PARAGRAPH_GAP + 4.0));
}

/// The capital lines above a signature: "TM. TỔ CÔNG TÁC", "TỔ TRƯỞNG", …
fn signer_titles(s: &Signer) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    if let Some(a) = s.authority {
        lines.push(format!("{} {}", a.prefix(), s.on_behalf_of.to_uppercase()).trim().to_string());
    } else if !s.on_behalf_of.is_empty() {
        lines.push(s.on_behalf_of.to_uppercase());
    }
    lines.extend(s.titles.iter().map(|t| t.to_uppercase()));
    lines
}

/// A signing block: titles, room for the signature and seal, the name. The name goes no
/// higher than `name_at` (so two blocks side by side have their names on one line).
fn signer_marks(fonts: &Fonts, s: &Signer, x: f32, w: f32, name_at: f32) -> (Vec<Mark>, f32) {
    let mut marks = Vec::new();
    let mut y = 0.0;
    for text in signer_titles(s) {
        let (m, ny, _) = centered(fonts, &text, Style::Bold, BODY, x, w, y);
        marks.extend(m);
        y = ny;
    }
    y = y.max(name_at) + 72.0; // room for the signature and the seal
    let (m, ny, _) = centered(fonts, &s.name, Style::Bold, BODY, x, w, y);
    marks.extend(m);
    (marks, ny)
}

fn recipients_marks(fonts: &Fonts, doc: &DocumentContent, issuer: &Issuer, x: f32, w: f32) -> (Vec<Mark>, f32) {
    let mut marks = Vec::new();
    let (m, mut y) = lines_at(
        &[Line { spans: vec![Span::new("Nơi nhận:", Style::BoldItalic)], width: 0.0, spaces: 0, last: true }],
        12.0,
        0.0,
        |_| x,
    );
    marks.extend(m);
    let archive = if doc.archive.trim().is_empty() {
        if issuer.unit_symbol.is_empty() {
            "VT".to_string()
        } else {
            format!("VT, {}", issuer.unit_symbol)
        }
    } else {
        crate::text::clean(&doc.archive)
    };
    let mut entries: Vec<String> =
        doc.recipients.iter().map(|r| format!("- {};", crate::text::clean(r).trim_end_matches(['.', ';']))).collect();
    entries.push(format!("- Lưu: {}.", archive.trim_end_matches('.')));
    let dash = fonts.width(Style::Regular, "- ", 11.0);
    for e in entries {
        let lines = break_lines(fonts, &[Span::new(e, Style::Regular)], 11.0, w, w - dash);
        for (i, line) in lines.iter().enumerate() {
            let (m, ny) = lines_at(std::slice::from_ref(line), 11.0, y, |_| if i == 0 { x } else { x + dash });
            marks.extend(m);
            y = ny;
        }
    }
    (marks, y)
}

fn closing(fonts: &Fonts, f: &Frame, doc: &DocumentContent, issuer: &Issuer, items: &mut Vec<Item>) {
    let (lx, lw) = f.left_column();
    let (rx, rw) = f.right_column();
    items.push(Item::Gap(6.0));
    let mut marks = Vec::new();
    let height = if doc.signers.len() >= 2 {
        // Minutes: THƯ KÝ on the left, CHỦ TỌA on the right; Nơi nhận below.
        let titles_height = |s: &Signer, w: f32| -> f32 {
            signer_titles(s)
                .iter()
                .map(|t| {
                    break_lines(fonts, &[Span::new(t.as_str(), Style::Bold)], BODY, w, w).len() as f32 * BODY * LEADING
                })
                .sum()
        };
        let name_at = titles_height(&doc.signers[0], lw).max(titles_height(&doc.signers[1], rw));
        let (m1, h1) = signer_marks(fonts, &doc.signers[0], lx, lw, name_at);
        let (m2, h2) = signer_marks(fonts, &doc.signers[1], rx, rw, name_at);
        marks.extend(m1);
        marks.extend(m2);
        let top = h1.max(h2) + 12.0;
        let (m3, h3) = recipients_marks(fonts, doc, issuer, lx, lw);
        marks.extend(shift(m3, top));
        top + h3
    } else {
        let (m1, h1) = match doc.signers.first() {
            Some(s) => signer_marks(fonts, s, rx, rw, 0.0),
            None => (Vec::new(), 0.0),
        };
        let (m2, h2) = recipients_marks(fonts, doc, issuer, lx, lw - 6.0);
        marks.extend(m1);
        marks.extend(m2);
        h1.max(h2)
    };
    items.push(Item::Closing { height, marks });
}

fn shift(marks: Vec<Mark>, dy: f32) -> Vec<Mark> {
    marks
        .into_iter()
        .map(|m| match m {
            Mark::Text { x, y, size, spans, extra } => Mark::Text { x, y: y + dy, size, spans, extra },
            Mark::Rule { x1, y1, x2, y2, width } => Mark::Rule { x1, y1: y1 + dy, x2, y2: y2 + dy, width },
        })
        .collect()
}

/// Places the flow on pages: page 1 below the header, then from the top margin. A table row
/// that starts a page is preceded by its table's header row; the closing (signatures) never
/// starts a page alone: the two lines before it move with it.
fn paginate(f: &Frame, header: Vec<Mark>, start_y: f32, items: Vec<Item>) -> Vec<Page> {
    // First pass: decide where each page starts (indices into `items`).
    let mut breaks = vec![0usize];
    let mut y = start_y;
    let mut i = 0;
    let mut table_headers: Vec<(usize, usize)> = Vec::new(); // (table id, item index of its header)
    while i < items.len() {
        let item = &items[i];
        if let Item::Row { table, header: true, .. } = item {
            table_headers.push((*table, i));
        }
        let h = item.height();
        let page_start = *breaks.last().unwrap_or(&0);
        // A gap never breaks a page by itself: the next item decides (so the signatures cannot
        // be pushed alone onto a new page by the space above them).
        if y + h > f.bottom && i > page_start && !matches!(item, Item::Gap(_)) {
            let mut at = i;
            if matches!(item, Item::Closing { .. }) {
                // Carry the last two lines of text over with the signatures.
                let mut carried = 0;
                let mut j = i;
                while j > page_start + 1 && carried < 2 {
                    j -= 1;
                    if matches!(items[j], Item::Line { .. }) {
                        carried += 1;
                    }
                }
                at = j.max(page_start + 1);
            }
            breaks.push(at);
            y = f.top;
            i = at;
            continue;
        }
        y += h;
        i += 1;
    }

    // Second pass: emit marks.
    let mut pages = Vec::new();
    for (p, &from) in breaks.iter().enumerate() {
        let to = breaks.get(p + 1).copied().unwrap_or(items.len());
        let mut marks = if p == 0 { header.clone() } else { Vec::new() };
        let mut y = if p == 0 { start_y } else { f.top };
        // Skip gaps at the top of a continued page.
        let mut k = from;
        if p > 0 {
            while k < to && matches!(items[k], Item::Gap(_)) {
                k += 1;
            }
            if let Some(Item::Row { table, header: false, .. }) = items.get(k) {
                if let Some(&(_, hi)) = table_headers.iter().find(|(t, _)| t == table) {
                    if let Item::Row { height, marks: hm, .. } = &items[hi] {
                        marks.extend(shift(hm.clone(), y));
                        y += height;
                    }
                }
            }
            let number = (p + 1).to_string();
            let fonts_w = Fonts::get().map(|fo| fo.width(Style::Regular, &number, 13.0)).unwrap_or(0.0);
            marks.push(Mark::Text {
                x: f.left + (f.text_width() - fonts_w) / 2.0,
                y: f.top / 2.0 + 4.0,
                size: 13.0,
                spans: vec![Span::new(number, Style::Regular)],
                extra: 0.0,
            });
        }
        for item in &items[k..to] {
            match item {
                Item::Line { line, x, size, justify } => {
                    let extra = match justify {
                        Some(avail) if line.spaces > 0 => ((avail - line.width) / line.spaces as f32).max(0.0),
                        _ => 0.0,
                    };
                    marks.push(Mark::Text {
                        x: *x,
                        y: y + size * ASCENT,
                        size: *size,
                        spans: line.spans.clone(),
                        extra,
                    });
                    y += size * LEADING;
                }
                Item::Gap(h) => y += h,
                Item::Row { height, marks: m, .. } | Item::Closing { height, marks: m } => {
                    marks.extend(shift(m.clone(), y));
                    y += height;
                }
            }
        }
        pages.push(Page { width: f.width, height: f.height, marks });
    }
    pages
}

/// A landscape register: centred title lines, then a table whose header repeats on every page.
pub fn compose_register(
    fonts: &Fonts,
    titles: &[(String, Style, f32)],
    header: &[String],
    rows: &[Vec<String>],
    widths: &[f32],
) -> Vec<Page> {
    let f = Frame::landscape(Margins::default());
    let w = f.text_width();
    let mut items = Vec::new();
    for (text, style, size) in titles {
        for line in break_lines(fonts, &[Span::new(text.as_str(), *style)], *size, w, w) {
            let x = f.left + (w - line.width) / 2.0;
            items.push(Item::Line { line, x, size: *size, justify: None });
        }
    }
    items.push(Item::Gap(10.0));
    table(fonts, &f, 0, header, rows, widths, 11.0, &mut items);
    paginate(&f, Vec::new(), f.top, items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer() -> Issuer {
        crate::settings::DocumentSettings::default().issuer
    }

    fn doc(body: Vec<Block>) -> DocumentContent {
        DocumentContent {
            doc_type: DocumentType::Announcement,
            number: Some(3),
            date: None,
            subject: "Kết luận cuộc họp".into(),
            urgency: None,
            addressees: vec![],
            enacting_authority: String::new(),
            legal_bases: vec![],
            body,
            signers: vec![Signer {
                authority: None,
                on_behalf_of: "Tổ trưởng".into(),
                titles: vec![],
                name: "Võ Trọng Phú".into(),
            }],
            recipients: vec!["Thành viên Tổ Công tác".into()],
            archive: "VT, TCT".into(),
        }
    }

    fn texts(page: &Page) -> Vec<(f32, String)> {
        page.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { y, spans, .. } => Some((*y, spans.iter().map(|s| s.text.as_str()).collect())),
                _ => None,
            })
            .collect()
    }

    fn para(n: usize) -> Block {
        Block::Paragraph {
            runs: vec![Run::plain(format!(
                "Đoạn {n}: các sở, ngành tiếp tục triển khai nhiệm vụ chuyển đổi số theo kế hoạch đã đề ra."
            ))],
        }
    }

    /// For every body length from one to three pages, the page that holds the signature also
    /// holds at least two lines of the body above it.
    #[test]
    fn the_signing_block_never_stands_alone() {
        let fonts = Fonts::get().unwrap();
        let mut checked_breaks = 0;
        for n in 1..60 {
            let pages = compose(fonts, &doc((0..n).map(para).collect()), &issuer(), Margins::default());
            let last = pages.last().unwrap();
            let lines = texts(last);
            let name_y = lines
                .iter()
                .find(|(_, t)| t == "Võ Trọng Phú")
                .map(|(y, _)| *y)
                .expect("the signer's name is on the last page");
            let body_lines =
                lines.iter().filter(|(y, t)| *y < name_y && t.starts_with("Đoạn") || t.contains("đã đề ra")).count();
            assert!(
                body_lines >= 1,
                "{n} paragraphs: the signature page has no body text: {:?}",
                pages.iter().map(texts).collect::<Vec<_>>().last()
            );
            if pages.len() > 1 {
                checked_breaks += 1;
                let body_above: Vec<&(f32, String)> =
                    lines.iter().filter(|(y, t)| *y < name_y && t != "2" && t != "3" && !t.is_empty()).collect();
                assert!(body_above.len() >= 3, "{n} paragraphs: only {:?} above the signature", body_above);
            }
        }
        assert!(checked_breaks > 10, "the test must cross page breaks");
    }

    #[test]
    fn a_table_that_crosses_a_page_repeats_its_header() {
        let fonts = Fonts::get().unwrap();
        let rows: Vec<Vec<String>> =
            (1..=45).map(|i| vec![i.to_string(), format!("Nhiệm vụ số {i} của kế hoạch"), "Sở Y tế".into()]).collect();
        let table =
            Block::Table { header: vec!["TT".into(), "Nội dung".into(), "Chủ trì".into()], rows, widths: vec![] };
        let pages = compose(fonts, &doc(vec![para(0), table]), &issuer(), Margins::default());
        assert!(pages.len() >= 2);
        for (i, page) in pages.iter().enumerate().skip(1) {
            let lines = texts(page);
            let top_cell =
                lines.iter().filter(|(_, t)| t != &(i + 1).to_string()).min_by(|a, b| a.0.total_cmp(&b.0)).unwrap();
            if lines.iter().any(|(_, t)| t.starts_with("Nhiệm vụ số")) {
                assert!(
                    ["TT", "Nội dung", "Chủ trì"].contains(&top_cell.1.as_str()),
                    "page {}: starts with {:?}",
                    i + 1,
                    top_cell.1
                );
            }
        }
    }
}

#[cfg(test)]
mod rule_tests {
    use super::*;

    /// Rules: under Tiêu ngữ as long as the text; under the issuing body and under the subject
    /// between a third and a half of the text's length, centred.
    #[test]
    fn rules_have_the_decree_lengths() {
        let fonts = Fonts::get().unwrap();
        let issuer = crate::settings::DocumentSettings::default().issuer;
        let doc: DocumentContent =
            serde_json::from_str(include_str!("../../../../../docs/examples/thong-bao.json")).unwrap();
        let pages = compose(fonts, &doc, &issuer, Margins::default());
        let rules: Vec<(f32, f32, f32)> = pages[0]
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rule { x1, x2, y1, y2, .. } if (y1 - y2).abs() < 0.01 => Some((*x1, *x2, *y1)),
                _ => None,
            })
            .collect();
        assert_eq!(rules.len(), 3, "{rules:?}");
        let f = Frame::portrait(Margins::default());
        let motto = fonts.width(Style::Bold, "Độc lập - Tự do - Hạnh phúc", 13.0);
        let body = fonts.width(Style::Bold, "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", 12.0);
        let (lx, lw) = f.left_column();
        let (rx, rw) = f.right_column();
        let under_body = rules.iter().find(|r| r.0 < lx + lw).unwrap();
        let under_motto = rules.iter().find(|r| r.0 > rx && r.2 < 100.0).unwrap();
        let under_subject = rules.iter().max_by(|a, b| a.2.total_cmp(&b.2)).unwrap();
        assert!((under_motto.1 - under_motto.0 - motto).abs() < 0.5, "Tiêu ngữ rule {under_motto:?} vs {motto}");
        assert!(((under_motto.0 + under_motto.1) / 2.0 - (rx + rw / 2.0)).abs() < 0.5);
        let len = under_body.1 - under_body.0;
        assert!(len >= body / 3.0 && len <= body / 2.0, "issuing body rule {len} for text {body}");
        assert!(((under_body.0 + under_body.1) / 2.0 - (lx + lw / 2.0)).abs() < 0.5);
        let sub = under_subject.1 - under_subject.0;
        let w = f.text_width();
        let longest = break_lines(fonts, &[Span::new(doc.subject.as_str(), Style::Bold)], 14.0, w * 0.85, w * 0.85)
            .iter()
            .map(|l| l.width)
            .fold(0.0, f32::max);
        assert!(
            sub >= longest / 3.0 - 0.01 && sub <= longest / 2.0 + 0.01,
            "subject rule {sub} for a line of {longest}"
        );
        assert!(((under_subject.0 + under_subject.1) / 2.0 - (f.left + f.text_width() / 2.0)).abs() < 0.5);
    }
}
