//! The body's blocks: paragraphs, headings, numbered clauses, lettered points, dashes, tables.

use super::*;

pub(super) fn body(fonts: &Fonts, f: &Frame, blocks: &[Block], items: &mut Vec<Item>) {
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
pub(super) fn table(
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
