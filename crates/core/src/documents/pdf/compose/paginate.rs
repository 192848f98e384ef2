//! Pagination of the body's flow.
//!
//! Rules at a page break: a paragraph (clause, point) split across two pages keeps at least two
//! lines on each side, or moves whole; a heading, an introduction ending with ":" and a table's
//! header row never end a page; the closing (signatures) never starts a page alone: the two
//! lines before it move with it. When a rule cannot be met without emptying the page (a
//! paragraph longer than a page), the plain break stands.

use super::*;

/// The first and last item index of the text block that holds item `i`.
fn block_bounds(items: &[Item], i: usize) -> Option<(usize, usize)> {
    let Item::Line { block, .. } = items[i] else { return None };
    let same = |k: usize| matches!(items[k], Item::Line { block: b, .. } if b == block);
    let mut first = i;
    while first > 0 && same(first - 1) {
        first -= 1;
    }
    let mut last = i;
    while last + 1 < items.len() && same(last + 1) {
        last += 1;
    }
    Some((first, last))
}

/// Must not end a page: a heading or introduction, or a table's header row.
fn keeps_with_next(item: &Item) -> bool {
    matches!(item, Item::Line { keep_next: true, .. } | Item::Row { header: true, .. })
}

/// Where the page that starts at `page_start` should end, given that item `i` does not fit.
fn break_before(items: &[Item], page_start: usize, i: usize) -> usize {
    let mut at = i;
    if matches!(items[i], Item::Closing { .. }) {
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
    loop {
        let before = at;
        // Two lines at least on each side of a break inside a paragraph.
        if let Some((first, last)) = block_bounds(items, at) {
            if at > first {
                let on_this_page = at - first;
                let on_next_page = last + 1 - at;
                if on_this_page < 2 {
                    at = first;
                } else if on_next_page < 2 {
                    at = if last - 1 - first >= 2 { last - 1 } else { first };
                }
            }
        }
        // Nothing that introduces what follows stays at the bottom.
        let mut prev = at;
        while prev > page_start && matches!(items[prev - 1], Item::Gap(_)) {
            prev -= 1;
        }
        if prev > page_start && keeps_with_next(&items[prev - 1]) {
            at = block_bounds(items, prev - 1).map(|(first, _)| first).unwrap_or(prev - 1);
        }
        if at <= page_start {
            return i;
        }
        if at == before {
            return at;
        }
    }
}

/// Places the flow on pages: page 1 below the header, then from the top margin. A table row
/// that starts a page is preceded by its table's header row.
pub(super) fn paginate(f: &Frame, header: Vec<Mark>, start_y: f32, items: Vec<Item>) -> Vec<Page> {
    // First pass: decide where each page starts (indices into `items`).
    let mut breaks = vec![0usize];
    let mut y = start_y;
    let mut i = 0;
    let mut table_headers: Vec<(usize, usize)> = Vec::new(); // (table id, item index of its header)
    while i < items.len() {
        let item = &items[i];
        if let Item::Row { table, header: true, .. } = item {
            if !table_headers.iter().any(|(t, _)| t == table) {
                table_headers.push((*table, i));
            }
        }
        let h = item.height();
        let page_start = *breaks.last().unwrap_or(&0);
        // A gap never breaks a page by itself: the next item decides (so the signatures cannot
        // be pushed alone onto a new page by the space above them).
        if y + h > f.bottom && i > page_start && !matches!(item, Item::Gap(_)) {
            let at = break_before(&items, page_start, i);
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
                Item::Line { line, x, size, extra, .. } => {
                    marks.push(Mark::Text {
                        x: *x,
                        y: y + size * ASCENT,
                        size: *size,
                        spans: line.spans.clone(),
                        extra: *extra,
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
