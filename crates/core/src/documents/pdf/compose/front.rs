//! Page 1's header (issuing body, Quốc hiệu, number, date), the title block and addressees,
//! a decision's enacting authority, and the legal bases.

use super::*;

/// The header block of page 1; returns its marks and the y just below it.
pub(super) fn header(fonts: &Fonts, f: &Frame, doc: &DocumentContent, issuer: &Issuer) -> (Vec<Mark>, f32) {
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
    // A draft leaves room to write the number by hand: "Số:" [blank] "/TB-BCĐCĐS".
    let draft_number = match doc.number {
        None => with_blanks(
            fonts,
            &[("Số:", NUMBER_BLANK), (number.trim_start(), 0.0)],
            Style::Regular,
            13.0,
            lx,
            lw,
            line_top,
        ),
        Some(_) => None,
    };
    let (m, mut ly) = draft_number.unwrap_or_else(|| {
        let number_spans = [Span::new("Số: ", Style::Regular), Span::new(number.trim_start(), Style::Regular)];
        let num_line = break_lines(fonts, &number_spans, 13.0, lw, lw);
        lines_at(&num_line, 13.0, line_top, |l| lx + (lw - l.width) / 2.0)
    });
    marks.extend(m);
    let (m, date_bottom) = match doc.date {
        Some(_) => {
            let date = place_and_date(&issuer.place, doc.date);
            let (m, bottom, _) = centered(fonts, &date, Style::Italic, 14.0, rx, rw, line_top - 0.5);
            (m, bottom)
        }
        None => blank_date(fonts, &issuer.place, rx, rw, line_top - 0.5),
    };
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
    let place = crate::text::clean(place);
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
    let n = doc.legal_bases.len();
    for (i, basis) in doc.legal_bases.iter().enumerate() {
        let mut text = crate::text::clean(basis).trim_end_matches(['.', ';', ',']).to_string();
        text.push(if i + 1 == n { '.' } else { ';' });
        paragraph(fonts, f, vec![Span::new(text, Style::Italic)], BODY, items);
    }
}
