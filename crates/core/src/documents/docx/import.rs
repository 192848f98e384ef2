//! Bringing a DOCX's body back into a draft: after a colleague has edited (or commented on)
//! the exported file in Word, its body paragraphs become the draft's body blocks again.
//!
//! Paragraphs written by [`super::render_docx`] carry our body styles; when a file has none
//! (a document typed from scratch in Word), every top-level paragraph is taken. Each paragraph
//! is read as a heading ("Phần I", "Chương II", "Mục 1", "Điều 3.", "II."), a clause ("1."),
//! a point ("a)", "đ)"), a dash ("- ") or a plain paragraph; bold, italic and underlined runs
//! keep their emphasis. Tracked insertions count, tracked deletions do not.

use super::{STYLE_BODY, STYLE_CENTRED, STYLE_HEADING, STYLE_TABLE};
use crate::documents::model::{Block, HeadingKind, Run};
use crate::documents::store::{get_document, save_draft, DocumentRecord, DocumentStatus};
use crate::error::{AppError, Result};
use crate::store::Store;
use docx_rs::{DocumentChild, ParagraphChild, RunChild, TableCellContent, TableChild, TableRowChild};

/// One paragraph as read: its style, its runs, and its plain text.
#[derive(Debug, Clone)]
struct Para {
    style: String,
    runs: Vec<Run>,
}

impl Para {
    fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

enum Item {
    Para(Para),
    Table(Block),
}

/// XML entities as docx-rs keeps them in read text.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn flag(props: &serde_json::Value, key: &str) -> bool {
    match props.get(key) {
        Some(serde_json::Value::Bool(b)) => *b,
        Some(serde_json::Value::String(s)) => !s.is_empty() && s != "none",
        _ => false,
    }
}

fn push_run(runs: &mut Vec<Run>, r: &docx_rs::Run) {
    let props = serde_json::to_value(&r.run_property).unwrap_or_default();
    let (bold, italic, underline) = (flag(&props, "bold"), flag(&props, "italic"), flag(&props, "underline"));
    let mut text = String::new();
    for child in &r.children {
        match child {
            RunChild::Text(t) => text.push_str(&unescape(&t.text)),
            RunChild::Tab(_) | RunChild::PTab(_) | RunChild::Break(_) | RunChild::CarriageReturn(_) => text.push(' '),
            _ => {}
        }
    }
    if text.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(last) if last.bold == bold && last.italic == italic && last.underline == underline => {
            last.text.push_str(&text)
        }
        _ => runs.push(Run { text, bold, italic, underline }),
    }
}

fn collect_runs(children: &[ParagraphChild], runs: &mut Vec<Run>) {
    for child in children {
        match child {
            ParagraphChild::Run(r) => push_run(runs, r),
            ParagraphChild::Insert(ins) => {
                for c in &ins.children {
                    if let docx_rs::InsertChild::Run(r) = c {
                        push_run(runs, r);
                    }
                }
            }
            ParagraphChild::Hyperlink(h) => collect_runs(&h.children, runs),
            _ => {}
        }
    }
}

fn read_para(p: &docx_rs::Paragraph) -> Para {
    let style = p.property.style.as_ref().map(|s| s.val.clone()).unwrap_or_default();
    let mut runs = Vec::new();
    collect_runs(&p.children, &mut runs);
    Para { style, runs }
}

fn cell_text(cell: &docx_rs::TableCell) -> (String, bool) {
    let mut parts = Vec::new();
    let mut all_bold = true;
    for c in &cell.children {
        if let TableCellContent::Paragraph(p) = c {
            let para = read_para(p);
            all_bold &= para.runs.iter().all(|r| r.bold);
            let t = crate::text::clean(&para.text());
            if !t.is_empty() {
                parts.push(t);
            }
        }
    }
    (parts.join(" "), all_bold)
}

fn read_table(t: &docx_rs::Table) -> Block {
    let mut rows: Vec<(Vec<String>, bool)> = Vec::new();
    for TableChild::TableRow(row) in &t.rows {
        let mut cells = Vec::new();
        let mut bold = true;
        for TableRowChild::TableCell(c) in &row.cells {
            let (text, b) = cell_text(c);
            bold &= b;
            cells.push(text);
        }
        rows.push((cells, bold));
    }
    let header = match rows.first() {
        Some((cells, true)) if cells.iter().any(|c| !c.is_empty()) => rows.remove(0).0,
        _ => Vec::new(),
    };
    let grid: Vec<f32> = t.grid.iter().map(|g| *g as f32).collect();
    let smallest = grid.iter().copied().fold(f32::INFINITY, f32::min);
    let widths = if grid.is_empty() || !smallest.is_finite() || smallest <= 0.0 || grid.iter().all(|g| *g == grid[0]) {
        Vec::new()
    } else {
        grid.iter().map(|g| ((g / smallest) * 100.0).round() / 100.0).collect()
    };
    Block::Table { header, rows: rows.into_iter().map(|(c, _)| c).collect(), widths }
}

fn table_style(t: &docx_rs::Table) -> String {
    serde_json::to_value(&t.property)
        .ok()
        .and_then(|v| v.get("style").cloned())
        .and_then(|s| {
            s.as_str().map(str::to_string).or_else(|| s.get("val").and_then(|v| v.as_str()).map(str::to_string))
        })
        .unwrap_or_default()
}

/// Removes the first `n` characters of the runs (a number such as "1. "), then leading spaces.
fn strip_prefix(runs: &mut Vec<Run>, mut n: usize) {
    while n > 0 && !runs.is_empty() {
        let len = runs[0].text.chars().count();
        if len <= n {
            n -= len;
            runs.remove(0);
        } else {
            runs[0].text = runs[0].text.chars().skip(n).collect();
            n = 0;
        }
    }
    while let Some(first) = runs.first_mut() {
        let trimmed = first.text.trim_start().to_string();
        if trimmed.is_empty() {
            runs.remove(0);
        } else {
            first.text = trimmed;
            break;
        }
    }
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "IVXLCDM".contains(c))
}

/// "Phần I", "Chương II", "Mục 3": the kind of a centred heading.
fn centred_heading(text: &str) -> Option<HeadingKind> {
    let mut words = text.split_whitespace();
    let (word, number) = (words.next()?, words.next()?);
    if words.next().is_some() {
        return None;
    }
    match word {
        "Phần" if is_roman(number) => Some(HeadingKind::Part),
        "Chương" if is_roman(number) => Some(HeadingKind::Chapter),
        "Mục" if number.chars().all(|c| c.is_ascii_digit()) => Some(HeadingKind::Section),
        _ => None,
    }
}

/// The length of a leading "12. " (clause), "a) " / "đ) " (point) or "- " (dash).
fn numbered(text: &str) -> Option<(usize, &'static str)> {
    let chars: Vec<char> = text.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits) && chars.get(digits) == Some(&'.') && chars.get(digits + 1) == Some(&' ') {
        return Some((digits + 2, "clause"));
    }
    let letters = "abcdđeghiklmnopqrstuvxy";
    if chars.first().is_some_and(|c| letters.contains(*c)) {
        let more = chars[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if chars.get(1 + more) == Some(&')') && chars.get(2 + more) == Some(&' ') {
            return Some((3 + more, "point"));
        }
    }
    if matches!(chars.first(), Some('-' | '–')) && chars.get(1) == Some(&' ') {
        return Some((2, "dash"));
    }
    None
}

/// Every paragraph of a DOCX file's body as plain text, tables cell by cell (any style), one
/// line each: what search indexes of an attached Word file (search/files.rs).
pub fn plain_text_from_docx(bytes: &[u8]) -> Result<String> {
    let docx = docx_rs::read_docx(bytes)
        .map_err(|e| AppError::validation(format!("Tệp này không phải tệp Word (.docx) đọc được: {e}.")))?;
    let mut lines: Vec<String> = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => lines.push(crate::text::clean(&read_para(p).text())),
            DocumentChild::Table(t) => {
                for row in &t.rows {
                    let TableChild::TableRow(row) = row;
                    for cell in &row.cells {
                        let TableRowChild::TableCell(cell) = cell;
                        lines.push(cell_text(cell).0);
                    }
                }
            }
            _ => {}
        }
    }
    lines.retain(|l| !l.trim().is_empty());
    Ok(lines.join("\n"))
}

/// The body blocks of a DOCX file.
pub fn body_from_docx(bytes: &[u8]) -> Result<Vec<Block>> {
    let docx = docx_rs::read_docx(bytes).map_err(|e| {
        AppError::validation(format!(
            "Tệp này không phải tệp Word (.docx) đọc được: {e}. Hãy lưu lại dưới dạng .docx rồi thử lại."
        ))
    })?;
    let mut items = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => items.push(Item::Para(read_para(p))),
            DocumentChild::Table(t) if table_style(t) == STYLE_TABLE => items.push(Item::Table(read_table(t))),
            _ => {}
        }
    }
    let ours = |s: &str| s == STYLE_BODY || s == STYLE_HEADING || s == STYLE_CENTRED;
    let styled = items.iter().any(|i| matches!(i, Item::Para(p) if ours(&p.style)));
    let items: Vec<Item> = items
        .into_iter()
        .filter(|i| match i {
            Item::Para(p) => (!styled || ours(&p.style)) && !p.text().trim().is_empty(),
            Item::Table(_) => true,
        })
        .collect();

    let mut blocks = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let p = match &items[i] {
            Item::Table(t) => {
                blocks.push(t.clone());
                i += 1;
                continue;
            }
            Item::Para(p) => p,
        };
        i += 1;
        let text = crate::text::clean(&p.text());
        if let Some(kind) = centred_heading(&text) {
            // Its title is the next centred line that is not itself a heading.
            let mut title = String::new();
            if let Some(Item::Para(next)) = items.get(i) {
                let next_text = crate::text::clean(&next.text());
                let centred_next = if styled { next.style == STYLE_CENTRED } else { next.runs.iter().all(|r| r.bold) };
                if centred_next && centred_heading(&next_text).is_none() && numbered(&next_text).is_none() {
                    title = next_text;
                    i += 1;
                }
            }
            blocks.push(Block::Heading { heading: kind, title });
            continue;
        }
        if let Some(rest) = text.strip_prefix("Điều ") {
            let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 && rest[digits..].starts_with('.') {
                let title = rest[digits + 1..].trim().to_string();
                blocks.push(Block::Heading { heading: HeadingKind::Article, title });
                continue;
            }
        }
        let heading_like = if styled { p.style == STYLE_HEADING } else { p.runs.iter().all(|r| r.bold) };
        if heading_like {
            if let Some((numeral, title)) = text.split_once(". ").or_else(|| text.strip_suffix('.').map(|n| (n, ""))) {
                if is_roman(numeral) {
                    blocks.push(Block::Heading { heading: HeadingKind::Roman, title: title.trim().to_string() });
                    continue;
                }
            }
        }
        let mut runs = p.runs.clone();
        let lead = text.len() - text.trim_start().len();
        let block = match numbered(p.text().trim_start()) {
            Some((n, kind)) => {
                strip_prefix(&mut runs, n + lead);
                match kind {
                    "clause" => Block::Clause { runs },
                    "point" => Block::Point { runs },
                    _ => Block::Dash { runs },
                }
            }
            None => {
                strip_prefix(&mut runs, 0);
                Block::Paragraph { runs }
            }
        };
        blocks.push(block);
    }
    drop_final_mark(&mut blocks);
    Ok(blocks)
}

/// The "./." that closes the printed body is added on every output: take off its "/." (and
/// the run it left empty).
fn drop_final_mark(blocks: &mut [Block]) {
    let last = blocks.iter_mut().rev().find_map(|b| match b {
        Block::Paragraph { runs } | Block::Clause { runs } | Block::Point { runs } | Block::Dash { runs } => Some(runs),
        _ => None,
    });
    let Some(runs) = last else { return };
    while let Some(run) = runs.last_mut() {
        let trimmed = run.text.trim_end();
        if trimmed.is_empty() {
            runs.pop();
            continue;
        }
        if let Some(kept) = trimmed.strip_suffix("/.") {
            run.text = kept.to_string();
            if run.text.is_empty() {
                runs.pop();
            }
        }
        break;
    }
    // Merge what the removal left side by side in the same emphasis.
    let mut merged: Vec<Run> = Vec::new();
    for r in runs.drain(..) {
        match merged.last_mut() {
            Some(m) if m.bold == r.bold && m.italic == r.italic && m.underline == r.underline => {
                m.text.push_str(&r.text)
            }
            _ => merged.push(r),
        }
    }
    *runs = merged;
}

/// Replaces a draft's body with the body of a DOCX file (the rest of the draft — number,
/// subject, signers, recipients — stays as it is).
pub fn import_docx_body(store: &mut Store, id: &str, bytes: &[u8]) -> Result<DocumentRecord> {
    let doc = store.read(|c| get_document(c, id))?;
    if doc.status != DocumentStatus::Draft {
        return Err(AppError::validation(
            "Văn bản đã ban hành không sửa được nữa: chỉ nhập lại từ Word vào một bản dự thảo.",
        ));
    }
    let body = body_from_docx(bytes)?;
    if body.is_empty() {
        return Err(AppError::validation("Tệp Word không có đoạn nội dung nào để nhập vào dự thảo."));
    }
    let mut content = doc.content.clone();
    content.body = body;
    save_draft(store, id, &content)
}
