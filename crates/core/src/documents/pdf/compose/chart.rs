//! A horizontal stacked bar chart, drawn with the engine's own marks: a bold centred title, a
//! legend (a shaded square and the series' name), then one row per bar — its label wrapped in
//! the left column, the segments filled in shades of grey (printable in black and white), each
//! outlined, and the bar's total after it. A row is one unit for the paginator; the title and
//! legend stay with the first row.

use super::*;

/// Greys of the segments, darkest first (0 black, 1 white); more series cycle through them.
const SHADES: [f32; 4] = [0.25, 0.55, 0.88, 0.0];
const SIZE: f32 = 11.0;
const BAR: f32 = 11.0;
const SWATCH: f32 = 8.0;

/// Why a chart cannot be drawn, if it cannot (checked before saving a draft too).
pub fn chart_problem(series: &[String], bars: &[ChartBar]) -> Option<String> {
    if series.is_empty() {
        return Some("biểu đồ chưa có chuỗi số liệu nào.".into());
    }
    if series.len() > 8 {
        return Some("biểu đồ có tối đa 8 chuỗi số liệu.".into());
    }
    if bars.len() > 200 {
        return Some("biểu đồ có tối đa 200 thanh.".into());
    }
    for (i, b) in bars.iter().enumerate() {
        if b.values.len() != series.len() {
            return Some(format!("thanh thứ {} có {} số liệu, cần {}.", i + 1, b.values.len(), series.len()));
        }
        if b.values.iter().any(|v| !v.is_finite() || *v < 0.0 || *v > 1.0e9) {
            return Some(format!("thanh thứ {} có số liệu không hợp lệ (phải là số không âm).", i + 1));
        }
    }
    None
}

fn number(v: f32) -> String {
    if (v - v.round()).abs() < 0.005 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}").replace('.', ",")
    }
}

pub(super) fn chart(
    fonts: &Fonts,
    f: &Frame,
    title: &str,
    series: &[String],
    bars: &[ChartBar],
    items: &mut Vec<Item>,
) -> Result<()> {
    if let Some(p) = chart_problem(series, bars) {
        return Err(AppError::validation(format!("Biểu đồ “{title}”: {p}")));
    }
    let left = f.left;
    let w = f.text_width();
    let group = items.len();
    // Title and legend: one unit, kept with the first bar.
    let mut marks = Vec::new();
    let (m, mut y, _) = centered(fonts, title, Style::Bold, 13.0, left, w, 0.0);
    marks.extend(m);
    y += 4.0;
    let columns = 2;
    let col_w = w / columns as f32;
    let mut row_h: f32 = 0.0;
    for (i, name) in series.iter().enumerate() {
        let (c, r0) = (i % columns, y);
        if c == 0 && i > 0 {
            y += row_h;
            row_h = 0.0;
        }
        let _ = r0;
        let x = left + c as f32 * col_w;
        marks.push(Mark::Fill { x, y: y + 2.0, w: SWATCH, h: SWATCH, gray: SHADES[i % SHADES.len()] });
        marks.extend(outline(x, y + 2.0, SWATCH, SWATCH));
        let lines = break_lines(
            fonts,
            &[Span::new(name.clone(), Style::Regular)],
            SIZE,
            col_w - SWATCH - 8.0,
            col_w - SWATCH - 8.0,
        );
        let (m, bottom) = lines_at(&lines, SIZE, y, |_| x + SWATCH + 4.0);
        marks.extend(m);
        row_h = row_h.max(bottom - y);
    }
    y += row_h + 6.0;
    items.push(Item::Row { table: group, header: true, height: y, marks });

    let label_w = w * 0.34;
    let total_w = fonts.width(Style::Regular, "00000", SIZE);
    let bar_x = left + label_w + 6.0;
    let bar_w = (w - label_w - 6.0 - total_w - 6.0).max(10.0);
    let max = bars.iter().map(|b| b.values.iter().sum::<f32>()).fold(0.0, f32::max);
    let scale = if max > 0.0 { bar_w / max } else { 0.0 };
    let page_room = f.bottom - f.top;
    for (i, b) in bars.iter().enumerate() {
        let mut marks = Vec::new();
        let lines = break_lines(fonts, &[Span::new(b.label.clone(), Style::Regular)], SIZE, label_w, label_w);
        let (m, bottom) = lines_at(&lines, SIZE, 2.0, |l| left + label_w - l.width);
        marks.extend(m);
        let height = (bottom + 2.0).max(BAR + 6.0);
        if height > page_room {
            return Err(AppError::validation(format!("Biểu đồ “{title}”: nhãn của thanh thứ {} quá dài.", i + 1)));
        }
        let top = (height - BAR) / 2.0;
        let mut x = bar_x;
        for (k, v) in b.values.iter().enumerate() {
            let len = v * scale;
            if len > 0.0 {
                marks.push(Mark::Fill { x, y: top, w: len, h: BAR, gray: SHADES[k % SHADES.len()] });
                marks.extend(outline(x, top, len, BAR));
                x += len;
            }
        }
        let total = number(b.values.iter().sum());
        marks.push(Mark::Text {
            x: x + 4.0,
            y: top + (BAR - SIZE) / 2.0 + SIZE * ASCENT,
            size: SIZE,
            spans: vec![Span::new(total, Style::Regular)],
            extra: 0.0,
        });
        // The axis the bars start from.
        marks.push(Mark::Rule { x1: bar_x, y1: 0.0, x2: bar_x, y2: height, width: 0.5 });
        items.push(Item::Row { table: group, header: false, height, marks });
    }
    items.push(Item::Gap(PARAGRAPH_GAP + 4.0));
    Ok(())
}

fn outline(x: f32, y: f32, w: f32, h: f32) -> Vec<Mark> {
    let t = 0.4;
    vec![
        Mark::Rule { x1: x, y1: y, x2: x + w, y2: y, width: t },
        Mark::Rule { x1: x, y1: y + h, x2: x + w, y2: y + h, width: t },
        Mark::Rule { x1: x, y1: y, x2: x, y2: y + h, width: t },
        Mark::Rule { x1: x + w, y1: y, x2: x + w, y2: y + h, width: t },
    ]
}
