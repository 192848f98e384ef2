//! The closing: signing blocks (one, or THƯ KÝ and CHỦ TỌA side by side) and Nơi nhận.

use super::*;
use crate::documents::words::{recipient_lines, signer_titles, RECIPIENTS_LABEL};

/// A signing block: titles, room for the signature and seal, the name. The name goes no
/// higher than `name_at` (so two blocks side by side have their names on one line).
pub(super) fn signer_marks(fonts: &Fonts, s: &Signer, x: f32, w: f32, name_at: f32) -> (Vec<Mark>, f32) {
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

pub(super) fn recipients_marks(
    fonts: &Fonts,
    doc: &DocumentContent,
    issuer: &Issuer,
    x: f32,
    w: f32,
) -> (Vec<Mark>, f32) {
    let mut marks = Vec::new();
    let (m, mut y) = lines_at(
        &[Line { spans: vec![Span::new(RECIPIENTS_LABEL, Style::BoldItalic)], width: 0.0, spaces: 0, last: true }],
        12.0,
        0.0,
        |_| x,
    );
    marks.extend(m);
    let entries = recipient_lines(doc, issuer);
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

pub(super) fn closing(
    fonts: &Fonts,
    f: &Frame,
    doc: &DocumentContent,
    issuer: &Issuer,
    items: &mut Vec<Item>,
) -> Result<()> {
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
        // Nơi nhận first: text is read left column, then right, as in a Word table.
        marks.extend(m2);
        marks.extend(m1);
        h1.max(h2)
    };
    if height > f.bottom - f.top {
        return Err(AppError::validation(
            "Phần ký và nơi nhận dài hơn một trang giấy; hãy rút gọn chức danh người ký hoặc danh sách nơi nhận.",
        ));
    }
    items.push(Item::Closing { height, marks });
    Ok(())
}
