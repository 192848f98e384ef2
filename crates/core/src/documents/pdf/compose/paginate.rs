//! Pagination of the body's flow.

use super::*;

/// Places the flow on pages: page 1 below the header, then from the top margin. A table row
/// that starts a page is preceded by its table's header row; the closing (signatures) never
/// starts a page alone: the two lines before it move with it.
pub(super) fn paginate(f: &Frame, header: Vec<Mark>, start_y: f32, items: Vec<Item>) -> Vec<Page> {
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
