//! The body's blocks: paragraphs, headings, numbered clauses, lettered points, dashes, tables,
//! charts (in `chart`).

use super::*;

pub(super) fn body(fonts: &Fonts, f: &Frame, blocks: &[Block], items: &mut Vec<Item>) -> Result<()> {
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
                    let lines = break_lines(fonts, &[Span::new(text, Style::Bold)], BODY, w, w)
                        .into_iter()
                        .map(|line| {
                            let x = f.left + (w - line.width) / 2.0;
                            (line, x)
                        })
                        .collect();
                    push_block(items, lines, BODY, true);
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
                        paragraph_kept(fonts, f, vec![Span::new(text, Style::Bold)], BODY, true, items);
                    }
                    HeadingKind::Roman => {
                        let text = format!("{}. {}", roman(n), title.to_uppercase());
                        paragraph_kept(fonts, f, vec![Span::new(text, Style::Bold)], BODY, true, items);
                    }
                }
            }
            Block::Table { header, rows, widths } => {
                table_index += 1;
                let label = format!("Bảng thứ {table_index}");
                let columns = columns_of(f.text_width(), header, rows, widths)
                    .map_err(|e| AppError::validation(format!("{label}: {e}")))?;
                table(fonts, f, &label, &columns, header, rows, 13.0, items)?;
            }
            Block::Chart { title, series, bars } => super::chart::chart(fonts, f, title, series, bars, items)?,
        }
    }
    Ok(())
}

/// A table column: its width in points, and whether its cells must stay on one line (the
/// font shrinks to fit, e.g. number-symbols in the register).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub width: f32,
    pub one_line: bool,
}

/// The columns of a body table across `text_width`: the relative `widths` when given (one
/// per column, each finite and positive), equal columns otherwise.
pub(super) fn columns_of(
    text_width: f32,
    header: &[String],
    rows: &[Vec<String>],
    widths: &[f32],
) -> std::result::Result<Vec<Column>, String> {
    let count = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if count == 0 {
        return Err("bảng chưa có cột nào.".into());
    }
    if !header.is_empty() {
        if let Some((r, row)) = rows.iter().enumerate().find(|(_, r)| r.len() > header.len()) {
            return Err(format!(
                "hàng {} có {} ô, nhiều hơn số cột của dòng tiêu đề ({}).",
                r + 1,
                row.len(),
                header.len()
            ));
        }
    }
    let relative: Vec<f32> = if widths.is_empty() { vec![1.0; count] } else { widths.to_vec() };
    if relative.len() != count {
        return Err(format!("có {} độ rộng cột cho {count} cột; hãy cho mỗi cột một độ rộng.", relative.len()));
    }
    let total: f32 = relative.iter().sum();
    if relative.iter().any(|w| !w.is_finite() || *w <= 0.0) || !total.is_finite() {
        return Err("độ rộng cột phải là số dương.".into());
    }
    Ok(relative.iter().map(|w| Column { width: text_width * w / total, one_line: false }).collect())
}

/// Widens each one-line column to hold its longest cell at `size`, taking the room from the
/// widest wrapping column (which keeps at least half its width); what still does not fit is
/// set in a smaller font by [`table`].
pub(super) fn widen_one_line_columns(fonts: &Fonts, columns: &mut [Column], rows: &[Vec<String>], size: f32) {
    for c in 0..columns.len() {
        if !columns[c].one_line {
            continue;
        }
        let longest = rows
            .iter()
            .filter_map(|r| r.get(c))
            .map(|t| fonts.width(Style::Regular, &crate::text::clean(t), size))
            .fold(0.0, f32::max);
        let missing = longest + 2.0 * PAD + 1.0 - columns[c].width;
        if missing <= 0.0 {
            continue;
        }
        let donor = (0..columns.len())
            .filter(|&d| !columns[d].one_line)
            .max_by(|&a, &b| columns[a].width.total_cmp(&columns[b].width));
        if let Some(d) = donor {
            let give = missing.min(columns[d].width / 2.0).max(0.0);
            columns[d].width -= give;
            columns[c].width += give;
        }
    }
}

/// Inner padding of a table cell.
const PAD: f32 = 3.0;
/// The narrowest a cell's text may be: about two letters at table size.
pub(super) const MIN_CELL_TEXT: f32 = 5.0 * MM;
/// The smallest font a one-line cell shrinks to.
const MIN_ONE_LINE_SIZE: f32 = 6.0;

/// Why some column is too narrow to hold text, if one is.
pub(super) fn narrow_column(columns: &[Column]) -> Option<String> {
    columns
        .iter()
        .position(|c| !c.width.is_finite() || c.width - 2.0 * PAD < MIN_CELL_TEXT)
        .map(|c| format!("cột {} quá hẹp để ghi chữ; hãy tăng độ rộng của cột này hoặc bớt số cột.", c + 1))
}

/// How a cell's text is set in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Center,
    Right,
}

/// A serial-number column ("TT", "STT"), whose cells are centred.
pub(super) fn is_serial_header(text: &str) -> bool {
    let t = crate::text::clean(text).trim_end_matches('.').to_uppercase();
    matches!(t.as_str(), "TT" | "STT" | "SỐ TT" | "SỐ THỨ TỰ")
}

/// A number as tables show them: "12", "1.234", "12,5", "-3", "25%", "97,2 %".
pub(super) fn is_number(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_suffix('%').map(str::trim_end).unwrap_or(t);
    let t = t.strip_prefix(['-', '+', '\u{2212}']).unwrap_or(t);
    let chars: Vec<char> = t.chars().collect();
    chars.first().is_some_and(char::is_ascii_digit)
        && chars.last().is_some_and(char::is_ascii_digit)
        && chars.iter().all(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        && chars.windows(2).all(|w| w[0].is_ascii_digit() || w[1].is_ascii_digit())
}

/// A table: header cells bold and centred, serial-number columns centred, numbers
/// right-aligned, other cells left-aligned. Each row is one unit for the paginator; a row
/// taller than a page is refused.
#[allow(clippy::too_many_arguments)]
pub(super) fn table(
    fonts: &Fonts,
    f: &Frame,
    label: &str,
    columns: &[Column],
    header: &[String],
    rows: &[Vec<String>],
    size: f32,
    items: &mut Vec<Item>,
) -> Result<()> {
    if columns.is_empty() {
        return Err(AppError::validation(format!("{label}: bảng chưa có cột nào.")));
    }
    if let Some(problem) = narrow_column(columns) {
        return Err(AppError::validation(format!("{label}: {problem}")));
    }
    let mut col_x = vec![f.left];
    for c in columns {
        col_x.push(col_x[col_x.len() - 1] + c.width);
    }
    let right = col_x[col_x.len() - 1];
    let serial: Vec<bool> = (0..columns.len()).map(|c| header.get(c).is_some_and(|h| is_serial_header(h))).collect();
    let page_room = f.bottom - f.top;
    let table_id = items.len();
    let row_item = |cells: &[String], bold: bool, row: usize| -> Result<Item> {
        let style = if bold { Style::Bold } else { Style::Regular };
        let mut marks = Vec::new();
        let mut height: f32 = size * LEADING;
        for (c, col) in columns.iter().enumerate() {
            let text = cells.get(c).map(|s| crate::text::clean(s)).unwrap_or_default();
            let w = col.width - 2.0 * PAD;
            let mut cell_size = size;
            if col.one_line && !bold {
                let natural = fonts.width(style, &text, size);
                if natural > w {
                    cell_size = (size * w / natural).max(MIN_ONE_LINE_SIZE);
                    // Widths are truncated to 1/1000 em: step down until it really fits.
                    while cell_size > MIN_ONE_LINE_SIZE && fonts.width(style, &text, cell_size) > w {
                        cell_size -= 0.05;
                    }
                }
            }
            let align = if bold || serial[c] {
                Align::Center
            } else if is_number(&text) {
                Align::Right
            } else {
                Align::Left
            };
            let lines = break_lines(fonts, &[Span::new(text, style)], cell_size, w, w);
            height = height.max(lines.len() as f32 * cell_size * LEADING);
            let (m, _) = lines_at(&lines, cell_size, PAD, |l| match align {
                Align::Left => col_x[c] + PAD,
                Align::Center => col_x[c] + (col.width - l.width) / 2.0,
                Align::Right => col_x[c + 1] - PAD - l.width,
            });
            marks.extend(m);
        }
        let height = height + 2.0 * PAD;
        if height > page_room {
            let which = if bold { "dòng tiêu đề".to_string() } else { format!("hàng {}", row + 1) };
            return Err(AppError::validation(format!(
                "{label}: {which} dài hơn một trang giấy; hãy chia nội dung thành nhiều hàng."
            )));
        }
        // Borders: top, bottom and every vertical.
        marks.push(Mark::Rule { x1: f.left, y1: 0.0, x2: right, y2: 0.0, width: 0.5 });
        marks.push(Mark::Rule { x1: f.left, y1: height, x2: right, y2: height, width: 0.5 });
        for x in &col_x {
            marks.push(Mark::Rule { x1: *x, y1: 0.0, x2: *x, y2: height, width: 0.5 });
        }
        Ok(Item::Row { table: table_id, header: bold, height, marks })
    };
    if !header.is_empty() {
        items.push(row_item(header, true, 0)?);
    }
    for (i, r) in rows.iter().enumerate() {
        items.push(row_item(r, false, i)?);
    }
    items.push(Item::Gap(PARAGRAPH_GAP + 4.0));
    Ok(())
}
