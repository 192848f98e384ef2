//! Benchmark data and measurement for PDF rendering (run by `secretariat bench pdf`).
//!
//! The documents are generated from the shipped examples: a Biên bản grown to exactly three
//! pages and a Thông báo trimmed to exactly one, so the figures mean the same on every run.

use super::model::*;
use super::pdf::{render_counted, Margins, RenderOptions};
use crate::error::{AppError, Result};
use serde::Serialize;
use std::time::Instant;

const MINUTES: &str = include_str!("../../../../docs/examples/bien-ban.json");
const ANNOUNCEMENT: &str = include_str!("../../../../docs/examples/thong-bao.json");

fn parse(json: &str) -> Result<DocumentContent> {
    serde_json::from_str(json).map_err(|e| AppError::storage(e.to_string()))
}

fn opts() -> RenderOptions {
    RenderOptions { margins: Margins::default(), created_unix: 1_736_035_200 }
}

fn pages(doc: &DocumentContent, issuer: &Issuer) -> Result<usize> {
    Ok(render_counted(doc, issuer, opts())?.1)
}

/// A Biên bản of exactly `target` pages: the example's discussion repeated as needed.
pub fn minutes_of_pages(target: usize) -> Result<DocumentContent> {
    let issuer = crate::settings::default_issuer();
    let mut doc = parse(MINUTES)?;
    let filler: Vec<Block> = doc.body.iter().filter(|b| matches!(b, Block::Clause { .. })).cloned().collect();
    let closing = doc.body.split_off(doc.body.len() - 2);
    let mut i = 0;
    while pages(&DocumentContent { body: [doc.body.clone(), closing.clone()].concat(), ..doc.clone() }, &issuer)?
        < target
    {
        doc.body.push(filler[i % filler.len()].clone());
        i += 1;
        if i > 500 {
            return Err(AppError::storage("could not reach the page count"));
        }
    }
    doc.body.extend(closing);
    Ok(doc)
}

/// A Thông báo that fits on one page: the example with its last paragraphs dropped.
pub fn one_page_announcement() -> Result<DocumentContent> {
    let issuer = crate::settings::default_issuer();
    let mut doc = parse(ANNOUNCEMENT)?;
    while pages(&doc, &issuer)? > 1 && doc.body.len() > 1 {
        doc.body.remove(doc.body.len() - 2);
    }
    Ok(doc)
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchFigure {
    pub document: String,
    pub pages: usize,
    pub bytes: usize,
    pub iterations: usize,
    pub median_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
}

fn measure(name: &str, doc: &DocumentContent, iterations: usize) -> Result<BenchFigure> {
    let issuer = crate::settings::default_issuer();
    let (bytes, pages) = render_counted(doc, &issuer, opts())?; // warm-up (fonts parsed once)
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations.max(1) {
        let start = Instant::now();
        let out = render_counted(doc, &issuer, opts())?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(out);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    Ok(BenchFigure {
        document: name.to_string(),
        pages,
        bytes: bytes.len(),
        iterations: times.len(),
        median_ms: times[times.len() / 2],
        min_ms: times[0],
        max_ms: times[times.len() - 1],
    })
}

/// Renders both benchmark documents `iterations` times each.
pub fn run(iterations: usize) -> Result<Vec<BenchFigure>> {
    Ok(vec![
        measure("Biên bản, 3 trang", &minutes_of_pages(3)?, iterations)?,
        measure("Thông báo, 1 trang", &one_page_announcement()?, iterations)?,
    ])
}

/// What `bench generate` measures on a data folder of many documents (warm cache, median of
/// the runs).
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveFigures {
    pub documents: u32,
    pub years: Vec<i32>,
    /// Issuing one more document (checks, numbering, rendering, storing).
    pub issue_one_ms: f64,
    /// The checks and the next number of an issue (no rendering, nothing stored).
    pub plan_issue_ms: f64,
    /// Listing one whole year (every summary of it).
    pub list_year_ms: f64,
    pub list_year_rows: usize,
    /// The first page (100 rows) of every year, with the total count.
    pub list_all_first_page_ms: f64,
    /// The last page of every year (offset total − 100).
    pub list_all_last_page_ms: f64,
    /// The years that have documents.
    pub years_ms: f64,
}

fn median_ms(runs: usize, mut f: impl FnMut() -> Result<()>) -> Result<f64> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        f()?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    Ok(times[times.len() / 2])
}

/// Adds `count` issued Thông báo through the domain functions (create, then issue), dated
/// evenly over the `years` years up to `last_year`, oldest first; `progress` is told each
/// thousand.
pub fn generate_documents(
    store: &mut crate::store::Store,
    count: u32,
    last_year: i32,
    years: u32,
    mut progress: impl FnMut(u32),
) -> Result<()> {
    let base = one_page_announcement()?;
    let years = years.max(1);
    let per_year = count.div_ceil(years).max(1);
    for i in 0..count {
        let year = last_year - (years - 1) as i32 + (i / per_year) as i32;
        let day = 1 + (i % per_year) * 360 / per_year;
        let date = chrono::NaiveDate::from_yo_opt(year, day.min(365))
            .ok_or_else(|| AppError::validation("ngày không hợp lệ"))?;
        let mut doc = base.clone();
        doc.subject = format!("{} (số thứ tự {})", base.subject, i + 1);
        let draft = super::create_draft(store, &doc)?;
        super::issue_document(store, &draft.id, date, None, true)?;
        if (i + 1) % 1000 == 0 {
            progress(i + 1);
        }
    }
    Ok(())
}

/// Times issuing one more document and the lists on the store as it is.
pub fn measure_archive(store: &mut crate::store::Store, runs: usize) -> Result<ArchiveFigures> {
    use super::{document_years, list_documents, DocumentFilter};
    let years = store.read(document_years)?;
    let newest = years.first().copied().unwrap_or(2025);
    let documents = store.read(|c| list_documents(c, &DocumentFilter { limit: Some(0), ..Default::default() }))?.total;
    let base = one_page_announcement()?;
    let date = chrono::NaiveDate::from_ymd_opt(newest, 12, 31).ok_or_else(|| AppError::validation("năm"))?;
    // The checks and the numbering of an issue, without rendering or storing.
    let mut numbering = Vec::new();
    for _ in 0..runs.max(1) {
        let draft = super::create_draft(store, &base)?;
        numbering.push(store.read(|c| {
            let start = Instant::now();
            super::issue::plan_issue_for_bench(c, &draft.id, date)?;
            Ok(start.elapsed().as_secs_f64() * 1000.0)
        })?);
        super::delete_draft(store, &draft.id)?;
    }
    numbering.sort_by(|a, b| a.total_cmp(b));
    let plan_issue_ms = numbering[numbering.len() / 2];
    let mut issue = Vec::new();
    for _ in 0..runs.max(1) {
        let draft = super::create_draft(store, &base)?;
        let start = Instant::now();
        super::issue_document(store, &draft.id, date, None, true)?;
        issue.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    issue.sort_by(|a, b| a.total_cmp(b));
    let year = DocumentFilter { year: Some(newest), ..Default::default() };
    let mut list_year_rows = 0;
    let list_year_ms = median_ms(runs, || {
        list_year_rows = store.read(|c| list_documents(c, &year))?.items.len();
        Ok(())
    })?;
    let first = DocumentFilter { limit: Some(100), ..Default::default() };
    let list_all_first_page_ms = median_ms(runs, || store.read(|c| list_documents(c, &first)).map(|_| ()))?;
    let last = DocumentFilter { limit: Some(100), offset: documents.saturating_sub(100), ..Default::default() };
    let list_all_last_page_ms = median_ms(runs, || store.read(|c| list_documents(c, &last)).map(|_| ()))?;
    let years_ms = median_ms(runs, || store.read(document_years).map(|_| ()))?;
    Ok(ArchiveFigures {
        documents,
        years,
        issue_one_ms: issue[issue.len() / 2],
        plan_issue_ms,
        list_year_ms,
        list_year_rows,
        list_all_first_page_ms,
        list_all_last_page_ms,
        years_ms,
    })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The same content as plain HTML, for timing other converters on equivalent input.
pub fn to_html(doc: &DocumentContent) -> String {
    let runs = |runs: &[Run]| -> String {
        runs.iter()
            .map(|r| {
                let mut t = escape(&r.text);
                if r.bold {
                    t = format!("<b>{t}</b>");
                }
                if r.italic {
                    t = format!("<i>{t}</i>");
                }
                t
            })
            .collect()
    };
    let mut body = String::new();
    for b in &doc.body {
        match b {
            Block::Paragraph { runs: r }
            | Block::Clause { runs: r }
            | Block::Point { runs: r }
            | Block::Dash { runs: r } => body.push_str(&format!("<p>{}</p>\n", runs(r))),
            Block::Heading { title, .. } => body.push_str(&format!("<h3>{}</h3>\n", escape(title))),
            Block::Chart { title, .. } => body.push_str(&format!("<figure>{}</figure>\n", escape(title))),
            Block::Table { header, rows, .. } => {
                body.push_str("<table border=\"1\"><tr>");
                for h in header {
                    body.push_str(&format!("<th>{}</th>", escape(h)));
                }
                body.push_str("</tr>");
                for r in rows {
                    body.push_str("<tr>");
                    for c in r {
                        body.push_str(&format!("<td>{}</td>", escape(c)));
                    }
                    body.push_str("</tr>");
                }
                body.push_str("</table>\n");
            }
        }
    }
    format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><style>\
         @page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }} body {{ font-family: 'Liberation Serif'; font-size: 14pt; }}\
         p {{ text-align: justify; text-indent: 1.27cm; margin: 0 0 6pt; }}</style></head><body>\
         <p style=\"text-align:center\"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b></p>\
         <h2 style=\"text-align:center\">{}</h2><p style=\"text-align:center\"><b>{}</b></p>\n{body}</body></html>",
        doc.doc_type.heading(),
        escape(&doc.subject)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_documents_have_the_promised_page_counts() {
        let issuer = crate::settings::default_issuer();
        assert_eq!(pages(&minutes_of_pages(3).unwrap(), &issuer).unwrap(), 3);
        assert_eq!(pages(&one_page_announcement().unwrap(), &issuer).unwrap(), 1);
        let figures = run(2).unwrap();
        assert_eq!(figures.len(), 2);
        assert!(figures.iter().all(|f| f.bytes > 10_000 && f.median_ms > 0.0));
    }
}
