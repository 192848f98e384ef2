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
