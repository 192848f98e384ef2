//! Decree 30 page composition: where every element goes, before anything is written as PDF.
//!
//! The result is a list of pages, each a list of [`Mark`]s (text lines and rules) with their
//! positions in points from the page's top-left corner. Keeping this separate from the PDF
//! writer lets the tests check positions without reading a PDF back.

mod body;
mod chart;
mod closing;
mod front;
mod paginate;
#[cfg(test)]
mod tests;

use self::body::{body, table};
pub(crate) use self::body::{is_number, is_serial_header};
pub use self::chart::chart_problem;
use self::closing::closing;
use self::front::{enactment, header, legal_bases, title_and_addressees};
use self::paginate::paginate;
use super::fonts::{Fonts, Style};
use super::layout::{break_lines, justify_extra, Line, Span};
use crate::documents::model::*;
use crate::error::{AppError, Result};

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
    /// A rectangle filled in grey (0 black, 1 white); `y` is its top.
    Fill { x: f32, y: f32, w: f32, h: f32, gray: f32 },
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
    /// One line of a text block. `block` is shared by the lines of one paragraph (or one
    /// heading), so the paginator can keep two lines on each side of a page break;
    /// `keep_next` marks a block that must not end a page (a heading, an introduction ending
    /// with ":"). `extra` is the justification added after each interior space.
    Line {
        line: Line,
        x: f32,
        size: f32,
        extra: f32,
        block: usize,
        keep_next: bool,
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

/// Pushes the lines of one unjustified block (centred titles, headings, addressees).
fn push_block(items: &mut Vec<Item>, lines: Vec<(Line, f32)>, size: f32, keep_next: bool) {
    let block = items.len();
    for (line, x) in lines {
        items.push(Item::Line { line, x, size, extra: 0.0, block, keep_next });
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

/// Lays out a whole document on A4 portrait pages. Refuses (with a message for the
/// secretary) content that cannot be placed: a table row or a closing taller than a page, a
/// table column too narrow for a letter, a header that leaves no room for the body.
pub fn compose(fonts: &Fonts, doc: &DocumentContent, issuer: &Issuer, margins: Margins) -> Result<Vec<Page>> {
    let frame = Frame::portrait(margins);
    let (header, header_end) = header(fonts, &frame, doc, issuer);
    if header_end > frame.top + (frame.bottom - frame.top) / 2.0 {
        return Err(AppError::validation(
            "Phần đầu văn bản (tên cơ quan ban hành, số, ngày) quá dài, chiếm quá nửa trang. Hãy rút gọn.",
        ));
    }
    let mut items = Vec::new();
    title_and_addressees(fonts, &frame, doc, &mut items);
    enactment(fonts, &frame, doc, &mut items, false);
    legal_bases(fonts, &frame, doc, &mut items);
    enactment(fonts, &frame, doc, &mut items, true);
    body(fonts, &frame, &doc.body, &mut items)?;
    closing(fonts, &frame, doc, issuer, &mut items)?;
    checked(paginate(&frame, header, header_end, items))
}

/// Why a body table cannot be laid out (`None`: it can), checked against the narrowest text
/// width the decree's margins allow. The message starts in lower case, to follow "Bảng thứ N: ".
pub fn table_problem(header: &[String], rows: &[Vec<String>], widths: &[f32]) -> Option<String> {
    let narrowest = Frame::portrait(Margins { top: 25.0, bottom: 25.0, left: 35.0, right: 20.0 }).text_width();
    match body::columns_of(narrowest, header, rows, widths) {
        Err(problem) => Some(problem),
        Ok(columns) => body::narrow_column(&columns),
    }
}

/// The last guard before the writer: every position is a finite point on its page.
fn checked(pages: Vec<Page>) -> Result<Vec<Page>> {
    for (p, page) in pages.iter().enumerate() {
        let inside = |x: f32, y: f32| {
            x.is_finite()
                && y.is_finite()
                && (-1.0..=page.width + 1.0).contains(&x)
                && (-1.0..=page.height + 1.0).contains(&y)
        };
        for mark in &page.marks {
            let ok = match mark {
                Mark::Text { x, y, size, extra, .. } => {
                    inside(*x, *y) && size.is_finite() && *size > 0.0 && extra.is_finite()
                }
                Mark::Rule { x1, y1, x2, y2, width } => inside(*x1, *y1) && inside(*x2, *y2) && width.is_finite(),
                Mark::Fill { x, y, w, h, gray } => {
                    inside(*x, *y) && inside(x + w, y + h) && *w >= 0.0 && *h >= 0.0 && (0.0..=1.0).contains(gray)
                }
            };
            if !ok {
                return Err(AppError::validation(format!(
                    "Không dàn được trang {} của văn bản: có nội dung nằm ngoài trang. Hãy kiểm tra các bảng và đoạn quá dài.",
                    p + 1
                )));
            }
        }
    }
    Ok(pages)
}

/// A justified paragraph with a first-line indent; `prefix` ("1. ", "a) ") starts it. A
/// paragraph ending with ":" introduces what follows and stays on its page.
fn paragraph(fonts: &Fonts, f: &Frame, spans: Vec<Span>, size: f32, items: &mut Vec<Item>) {
    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
    let keep_next = text.trim_end().trim_end_matches("./.").ends_with(':');
    paragraph_kept(fonts, f, spans, size, keep_next, items);
}

fn paragraph_kept(fonts: &Fonts, f: &Frame, spans: Vec<Span>, size: f32, keep_next: bool, items: &mut Vec<Item>) {
    let w = f.text_width();
    let lines = break_lines(fonts, &spans, size, w - INDENT, w);
    let block = items.len();
    for (i, line) in lines.into_iter().enumerate() {
        let x = if i == 0 { f.left + INDENT } else { f.left };
        let avail = if i == 0 { w - INDENT } else { w };
        let extra = justify_extra(fonts, &line, avail, size);
        items.push(Item::Line { line, x, size, extra, block, keep_next });
    }
    items.push(Item::Gap(PARAGRAPH_GAP));
}

fn shift(marks: Vec<Mark>, dy: f32) -> Vec<Mark> {
    marks
        .into_iter()
        .map(|m| match m {
            Mark::Text { x, y, size, spans, extra } => Mark::Text { x, y: y + dy, size, spans, extra },
            Mark::Rule { x1, y1, x2, y2, width } => Mark::Rule { x1, y1: y1 + dy, x2, y2: y2 + dy, width },
            Mark::Fill { x, y, w, h, gray } => Mark::Fill { x, y: y + dy, w, h, gray },
        })
        .collect()
}

/// A landscape register: centred title lines, then a table whose header repeats on every page.
/// `widths` are relative; `one_line` columns never wrap (their font shrinks instead).
pub fn compose_register(
    fonts: &Fonts,
    titles: &[(String, Style, f32)],
    header: &[String],
    rows: &[Vec<String>],
    widths: &[f32],
    one_line: &[bool],
) -> Result<Vec<Page>> {
    let table = TablePage { label: "Sổ đăng ký", landscape: true, size: 11.0, min_row: 0.0 };
    compose_table_page(fonts, &table, titles, header, rows, widths, one_line)
}

/// How a list set as one table is laid out.
#[derive(Debug, Clone, Copy)]
pub struct TablePage<'a> {
    /// Names the table in messages ("Sổ đăng ký: hàng 3 …").
    pub label: &'a str,
    pub landscape: bool,
    /// Font size of the cells.
    pub size: f32,
    /// The least height of a body row (room to sign), in points.
    pub min_row: f32,
}

/// Centred title lines, then a table whose header repeats on every page.
pub fn compose_table_page(
    fonts: &Fonts,
    page: &TablePage,
    titles: &[(String, Style, f32)],
    header: &[String],
    rows: &[Vec<String>],
    widths: &[f32],
    one_line: &[bool],
) -> Result<Vec<Page>> {
    let f = if page.landscape { Frame::landscape(Margins::default()) } else { Frame::portrait(Margins::default()) };
    let w = f.text_width();
    let mut items = Vec::new();
    for (text, style, size) in titles {
        let lines = break_lines(fonts, &[Span::new(text.as_str(), *style)], *size, w, w)
            .into_iter()
            .map(|line| {
                let x = f.left + (w - line.width) / 2.0;
                (line, x)
            })
            .collect();
        push_block(&mut items, lines, *size, true);
    }
    items.push(Item::Gap(10.0));
    let mut columns =
        body::columns_of(w, header, rows, widths).map_err(|e| AppError::validation(format!("{}: {e}", page.label)))?;
    for (c, keep) in columns.iter_mut().zip(one_line) {
        c.one_line = *keep;
    }
    body::widen_one_line_columns(fonts, &mut columns, rows, page.size);
    table(fonts, &f, page.label, &columns, header, rows, page.size, page.min_row, &mut items)?;
    checked(paginate(&f, Vec::new(), f.top, items))
}
