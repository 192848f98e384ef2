//! Page 1's header (issuing body, Quốc hiệu, number, date), the title block and addressees,
//! a decision's enacting authority, and the legal bases.

use super::*;
use crate::documents::words::*;

/// The header block of page 1; returns its marks and the y just below it.
pub(super) fn header(fonts: &Fonts, f: &Frame, doc: &DocumentContent, issuer: &Issuer) -> (Vec<Mark>, f32) {
    let mut marks = Vec::new();
    let (lx, lw) = f.left_column();
    let (rx, rw) = f.right_column();

    let words = header_words(doc, issuer);

    // Left: parent body (regular), issuing body (bold), a short rule, the number.
    let mut y = f.top;
    if !words.parent_body.is_empty() {
        let (m, ny, _) = centered(fonts, &words.parent_body, Style::Regular, 12.0, lx, lw, y);
        marks.extend(m);
        y = ny;
    }
    let (m, ny, body_width) = centered(fonts, &words.issuing_body, Style::Bold, 12.0, lx, lw, y);
    marks.extend(m);
    let left_rule_y = ny - 12.0 * (LEADING - 1.0) + 2.5;
    marks.push(rule(lx + lw / 2.0, body_width * 0.4, left_rule_y));

    // Right: Quốc hiệu, Tiêu ngữ with a rule as long as the text.
    let (m, ry, _) = centered(fonts, NATIONAL_NAME, Style::Bold, 12.0, rx, rw, f.top);
    marks.extend(m);
    let (m, ry, motto_width) = centered(fonts, MOTTO, Style::Bold, 13.0, rx, rw, ry);
    marks.extend(m);
    let right_rule_y = ry - 13.0 * (LEADING - 1.0) + 2.5;
    marks.push(rule(rx + rw / 2.0, motto_width, right_rule_y));

    // Number (left) and place/date (right) on one line.
    let line_top = left_rule_y.max(right_rule_y) + 8.0;
    // A draft leaves room to write the number by hand: "Số:" [blank] "/TB-BCĐCĐS".
    let draft_number = if words.number_blank {
        with_blanks(
            fonts,
            &[("Số:", NUMBER_BLANK), (words.number.as_str(), 0.0)],
            Style::Regular,
            13.0,
            lx,
            lw,
            line_top,
        )
    } else {
        None
    };
    let (m, mut ly) = draft_number.unwrap_or_else(|| {
        let number_spans = [Span::new("Số: ", Style::Regular), Span::new(words.number.as_str(), Style::Regular)];
        let num_line = break_lines(fonts, &number_spans, 13.0, lw, lw);
        lines_at(&num_line, 13.0, line_top, |l| lx + (lw - l.width) / 2.0)
    });
    marks.extend(m);
    let (date_marks, date_bottom) = match &words.date {
        Some(date) => {
            let (m, bottom, _) = centered(fonts, date, Style::Italic, 14.0, rx, rw, line_top - 0.5);
            (m, bottom)
        }
        None => blank_date(fonts, &words.place, rx, rw, line_top - 0.5),
    };

    if let Some(subject) = &words.letter_subject {
        let (m, ny, _) = centered(fonts, subject, Style::Regular, 12.0, lx, lw, ly + 6.0 - 12.0 * (LEADING - 1.0));
        marks.extend(m);
        ly = ny;
    }
    if let Some(u) = words.urgency {
        let (m, ny, _) = centered(fonts, u, Style::Bold, 13.0, lx, lw, ly + 4.0);
        marks.extend(m);
        ly = ny;
    }
    // The left column is drawn whole before the date, as a Word table reads.
    marks.extend(date_marks);
    (marks, ly.max(date_bottom))
}

/// Room left in a draft for the number and for the day, month and year, written by hand.
pub(super) const NUMBER_BLANK: f32 = 12.0 * MM;
pub(super) const DAY_BLANK: f32 = 12.0 * MM;
pub(super) const YEAR_BLANK: f32 = 15.0 * MM;

/// One centred line of pieces separated by fixed blanks (`(text, blank after it)`), or `None`
/// when it does not fit in `w`.
fn with_blanks(
    fonts: &Fonts,
    parts: &[(&str, f32)],
    style: Style,
    size: f32,
    x: f32,
    w: f32,
    top: f32,
) -> Option<(Vec<Mark>, f32)> {
    let total: f32 = parts.iter().map(|(t, blank)| fonts.width(style, t, size) + blank).sum();
    if total > w {
        return None;
    }
    let mut cx = x + (w - total) / 2.0;
    let mut marks = Vec::new();
    for (text, blank) in parts {
        marks.push(Mark::Text {
            x: cx,
            y: top + size * ASCENT,
            size,
            spans: vec![Span::new(*text, style)],
            extra: 0.0,
        });
        cx += fonts.width(style, text, size) + blank;
    }
    Some((marks, top + size * LEADING))
}

/// A draft's date line: "Nghệ An, ngày [  ] tháng [  ] năm [    ]"; the place goes on a line of
/// its own when both do not fit.
fn blank_date(fonts: &Fonts, place: &str, x: f32, w: f32, top: f32) -> (Vec<Mark>, f32) {
    let (style, size) = (Style::Italic, 14.0);
    let head = format!("{place}, ngày");
    let one = [(head.as_str(), DAY_BLANK), ("tháng", DAY_BLANK), ("năm", YEAR_BLANK)];
    if let Some(line) = with_blanks(fonts, &one, style, size, x, w, top) {
        return line;
    }
    let (mut marks, y, _) = centered(fonts, &format!("{place},"), style, size, x, w, top);
    let two = [("ngày", DAY_BLANK), ("tháng", DAY_BLANK), ("năm", YEAR_BLANK)];
    match with_blanks(fonts, &two, style, size, x, w, y) {
        Some((m, y)) => {
            marks.extend(m);
            (marks, y)
        }
        None => (marks, y),
    }
}

pub(super) fn title_and_addressees(fonts: &Fonts, f: &Frame, doc: &DocumentContent, items: &mut Vec<Item>) {
    let w = f.text_width();
    let center_line = |items: &mut Vec<Item>, text: &str, style: Style, size: f32, width: f32| -> f32 {
        let lines = break_lines(fonts, &[Span::new(text, style)], size, width, width);
        let longest = lines.iter().map(|l| l.width).fold(0.0, f32::max);
        let placed = lines
            .into_iter()
            .map(|line| {
                let x = f.left + (w - line.width) / 2.0;
                (line, x)
            })
            .collect();
        push_block(items, placed, size, true);
        longest
    };
    items.push(Item::Gap(16.0));
    if let Some((heading, subject)) = title_words(doc) {
        center_line(items, heading, Style::Bold, 14.0, w);
        let longest = center_line(items, &subject, Style::Bold, 14.0, w * 0.85);
        // The rule under the subject: between a third and a half of its length, centred.
        items.push(Item::Closing {
            height: 10.0,
            marks: vec![rule(f.left + w / 2.0, (longest * 0.4).clamp(w / 6.0, w / 2.0), 3.0)],
        });
    }
    let addressees = addressee_lines(doc);
    if !addressees.is_empty() {
        items.push(Item::Gap(6.0));
        if addressees.len() == 1 {
            center_line(items, &addressees[0], Style::Regular, BODY, w);
        } else {
            let label = ADDRESSEE_LABEL;
            let x = f.left + w * 0.18;
            let lw = fonts.width(Style::Regular, label, BODY) + fonts.width(Style::Regular, " ", BODY);
            for (i, text) in addressees.into_iter().enumerate() {
                let lines =
                    break_lines(fonts, &[Span::new(text, Style::Regular)], BODY, f.right - x - lw, f.right - x - lw);
                let placed = lines
                    .into_iter()
                    .enumerate()
                    .map(|(j, line)| {
                        if i == 0 && j == 0 {
                            let mut spans = vec![Span::new(format!("{label} "), Style::Regular)];
                            spans.extend(line.spans.clone());
                            (Line { spans, ..line }, x)
                        } else {
                            (line, x + lw)
                        }
                    })
                    .collect();
                push_block(items, placed, BODY, false);
            }
        }
    }
    items.push(Item::Gap(8.0));
}

/// A decision's enacting authority (before the legal bases) and its "QUYẾT ĐỊNH:" (after).
pub(super) fn enactment(fonts: &Fonts, f: &Frame, doc: &DocumentContent, items: &mut Vec<Item>, after_bases: bool) {
    let text = if after_bases {
        match decides_line(doc) {
            Some(t) => t.to_string(),
            None => return,
        }
    } else {
        match enacting_line(doc) {
            Some(t) => t,
            None => return,
        }
    };
    let w = f.text_width();
    items.push(Item::Gap(4.0));
    let lines = break_lines(fonts, &[Span::new(text, Style::Bold)], BODY, w, w)
        .into_iter()
        .map(|line| {
            let x = f.left + (w - line.width) / 2.0;
            (line, x)
        })
        .collect();
    push_block(items, lines, BODY, true);
    items.push(Item::Gap(PARAGRAPH_GAP + 2.0));
}

pub(super) fn legal_bases(fonts: &Fonts, f: &Frame, doc: &DocumentContent, items: &mut Vec<Item>) {
    for text in legal_basis_lines(doc) {
        paragraph(fonts, f, vec![Span::new(text, Style::Italic)], BODY, items);
    }
}
