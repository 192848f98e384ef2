//! A small description of a spreadsheet (columns with a header, a width and a kind; rows of
//! cells) and its XLSX writer. Every export — roster, attendance, register, and later the task
//! list — is one function that builds a [`Sheet`].

use crate::error::{AppError, Result};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

/// How a column's cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Text,
    /// Centred whole numbers (STT) and other numbers.
    Number,
    /// A real date, shown as dd/mm/yyyy.
    Date,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    /// Width in characters, as Excel counts them.
    pub width: f64,
    pub kind: CellKind,
}

impl Column {
    pub fn new(header: &str, width: f64, kind: CellKind) -> Self {
        Self { header: header.to_string(), width, kind }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::from(s.as_str())
    }
}

impl From<Option<NaiveDate>> for Cell {
    fn from(d: Option<NaiveDate>) -> Self {
        d.map_or(Cell::Empty, Cell::Date)
    }
}

/// One worksheet: title lines above the table (merged across it, bold), then the header row
/// and the rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The tab's name (at most 31 characters; Excel forbids `[]:*?/\`).
    pub name: String,
    pub titles: Vec<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::storage(format!("Không tạo được tệp Excel (.xlsx): {e}"))
}

/// A name Excel accepts for a tab.
fn tab_name(name: &str) -> String {
    let cleaned: String = name.chars().map(|c| if "[]:*?/\\".contains(c) { '-' } else { c }).collect();
    let trimmed = cleaned.trim().trim_matches('\'');
    let short: String = trimmed.chars().take(31).collect();
    if short.is_empty() {
        "Trang 1".to_string()
    } else {
        short
    }
}

/// Writes the sheets as one XLSX workbook.
pub fn write_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let font = |f: Format| f.set_font_name("Times New Roman").set_font_size(12);
    let title = font(Format::new()).set_bold().set_align(FormatAlign::Center).set_font_size(13);
    let header = font(Format::new())
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let text = font(Format::new()).set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
    let number =
        font(Format::new()).set_align(FormatAlign::Center).set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
    let date = font(Format::new())
        .set_num_format("dd/mm/yyyy")
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(tab_name(&sheet.name)).map_err(xlsx_error)?;
        let last_col = sheet.columns.len().saturating_sub(1) as u16;
        let mut row: u32 = 0;
        for t in &sheet.titles {
            if last_col > 0 {
                ws.merge_range(row, 0, row, last_col, t, &title).map_err(xlsx_error)?;
            } else {
                ws.write_string_with_format(row, 0, t, &title).map_err(xlsx_error)?;
            }
            row += 1;
        }
        if !sheet.titles.is_empty() {
            row += 1;
        }
        let header_row = row;
        for (c, col) in sheet.columns.iter().enumerate() {
            ws.set_column_width(c as u16, col.width).map_err(xlsx_error)?;
            ws.write_string_with_format(row, c as u16, &col.header, &header).map_err(xlsx_error)?;
        }
        row += 1;
        for cells in &sheet.rows {
            for (c, col) in sheet.columns.iter().enumerate() {
                let c16 = c as u16;
                let format = match col.kind {
                    CellKind::Text => &text,
                    CellKind::Number => &number,
                    CellKind::Date => &date,
                };
                match cells.get(c).unwrap_or(&Cell::Empty) {
                    Cell::Empty => ws.write_blank(row, c16, format).map(|_| ()),
                    Cell::Text(s) => ws.write_string_with_format(row, c16, crate::text::clean(s), format).map(|_| ()),
                    Cell::Number(n) if n.is_finite() => ws.write_number_with_format(row, c16, *n, format).map(|_| ()),
                    Cell::Number(_) => ws.write_blank(row, c16, format).map(|_| ()),
                    Cell::Date(d) => ws.write_datetime_with_format(row, c16, d, &date).map(|_| ()),
                }
                .map_err(xlsx_error)?;
            }
            row += 1;
        }
        ws.set_freeze_panes(header_row + 1, 0).map_err(xlsx_error)?;
        if !sheet.columns.is_empty() {
            ws.autofilter(header_row, 0, row.saturating_sub(1).max(header_row), last_col).map_err(xlsx_error)?;
        }
    }
    book.save_to_buffer().map_err(xlsx_error)
}
