//! `bench search --data-dir D`: the figures of the issue's targets, measured on an archive
//! (usually one built by `bench generate`) through the same core functions the window's
//! commands call, each with the page size the window asks for.
//!
//! Issuing and the PDF import add records (20 issued documents, N incoming documents) to the
//! archive measured: the figures of a later run are of an archive that much larger.

use super::generate::{incoming_file, SENTENCES, SUBJECTS};
use super::Lcg;
use crate::documents::{self, DocumentFilter};
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::followup::{self, TaskFilter};
use crate::incoming::{self, IncomingFilter, IncomingInput};
use crate::search::bench::SearchFigures;
use crate::store::Store;
use crate::text::fold;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::path::Path;
use std::time::Instant;

/// One line of the table: what was timed, its median and 95th percentile, the target.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub name: String,
    pub runs: usize,
    pub median_ms: f64,
    pub p95_ms: f64,
    /// The issue's target for the 95th percentile (or the median where so noted).
    pub target_ms: Option<f64>,
    /// Rows the measured call returned (a page, or hits).
    pub rows: usize,
}

impl Figure {
    pub fn met(&self) -> Option<bool> {
        self.target_ms.map(|t| self.p95_ms < t)
    }
}

#[derive(Debug, Serialize)]
pub struct ArchiveMeasure {
    pub documents: u32,
    pub incoming: u32,
    pub tasks: u32,
    pub meetings: u32,
    pub year: i32,
    pub search: SearchFigures,
    pub figures: Vec<Figure>,
    /// Importing `import_files` generated PDFs as incoming documents, in seconds.
    pub import_files: u32,
    pub import_s: f64,
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Times `f` `runs` times (after one warm-up run); `f` returns the rows it got.
fn time(name: &str, runs: usize, target_ms: Option<f64>, mut f: impl FnMut() -> Result<usize>) -> Result<Figure> {
    let mut rows = f()?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        rows = f()?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    Ok(Figure {
        name: name.into(),
        runs: times.len(),
        median_ms: quantile(&times, 0.5),
        p95_ms: quantile(&times, 0.95),
        target_ms,
        rows,
    })
}

/// Times `f` on every prefix of `typed` (one keystroke each), `rounds` times over.
fn keystrokes(
    name: &str,
    typed: &str,
    rounds: usize,
    target_ms: Option<f64>,
    mut f: impl FnMut(&str) -> Result<usize>,
) -> Result<Figure> {
    let prefixes: Vec<String> = typed.char_indices().map(|(i, c)| typed[..i + c.len_utf8()].to_string()).collect();
    f(typed)?;
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..rounds.max(1) {
        for p in &prefixes {
            let start = Instant::now();
            rows = f(p)?;
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    Ok(Figure {
        name: name.into(),
        runs: times.len(),
        median_ms: quantile(&times, 0.5),
        p95_ms: quantile(&times, 0.95),
        target_ms,
        rows,
    })
}

/// The window's quick filter of the documents list (`matches` in `ui/src/lib/text.ts`): every
/// folded word of the query in the folded "number subject type" of a loaded row.
fn window_filter(rows: &[documents::DocumentSummary], query: &str) -> usize {
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_string).collect();
    rows.iter()
        .filter(|d| {
            let hay = fold(&format!("{} {} {}", d.number_symbol.as_deref().unwrap_or(""), d.subject, d.type_label));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .count()
}

fn count(store: &Store, sql: &str) -> Result<u32> {
    store.read(|c| c.query_row(sql, [], |r| r.get(0)).sql())
}

/// Measures everything on the archive in `store`: `runs` per figure, `import` PDFs imported
/// (0: none), `today` the task list's "as of".
pub fn measure(
    store: &mut Store,
    data_dir: &Path,
    runs: usize,
    import: u32,
    today: NaiveDate,
    mut progress: impl FnMut(&str),
) -> Result<ArchiveMeasure> {
    // The year to open: the newest full year (drafts without a date are listed under the
    // day they were made, so the newest year may hold only a few of them).
    let years = store.read(documents::document_years)?;
    let mut year = years.first().copied().unwrap_or(today.year());
    let mut most = 0;
    for y in years.iter().take(3) {
        let f = DocumentFilter { year: Some(*y), limit: Some(0), ..Default::default() };
        let n = store.read(|c| documents::list_documents(c, &f))?.total;
        if n > most * 2 {
            (year, most) = (*y, n);
        }
    }
    progress("tìm kiếm…");
    let search = crate::search::bench::measure(store, runs)?;
    let mut figures = Vec::new();
    for q in &search.queries {
        figures.push(Figure {
            name: format!("Tìm kiếm “{}”", q.query),
            runs: runs.max(1),
            median_ms: q.median_ms,
            p95_ms: q.p95_ms,
            target_ms: Some(30.0),
            rows: q.hits,
        });
    }
    figures.push(Figure {
        name: "Tìm kiếm: mọi truy vấn".into(),
        runs: runs.max(1) * search.queries.len(),
        median_ms: search.median_ms,
        p95_ms: search.p95_ms,
        target_ms: Some(30.0),
        rows: 0,
    });
    progress("danh sách…");
    // The Documents screen opening on a year: the years, then the first page of 100.
    let year_filter = DocumentFilter { year: Some(year), offset: 0, limit: Some(100), ..Default::default() };
    figures.push(time(
        &format!("Mở danh sách văn bản năm {year} (trang đầu 100 dòng + các năm)"),
        runs,
        Some(150.0),
        || {
            store.read(|c| {
                documents::document_years(c)?;
                Ok(documents::list_documents(c, &year_filter)?.items.len())
            })
        },
    )?);
    let all_filter = DocumentFilter { limit: Some(100), ..Default::default() };
    figures.push(time("Mở danh sách văn bản “Tất cả” (trang đầu)", runs, Some(150.0), || {
        store.read(|c| Ok(documents::list_documents(c, &all_filter)?.items.len()))
    })?);
    let last_page = {
        let total = store
            .read(|c| {
                documents::list_documents(c, &DocumentFilter { year: Some(year), limit: Some(0), ..Default::default() })
            })?
            .total;
        DocumentFilter { year: Some(year), offset: total.saturating_sub(100), limit: Some(100), ..Default::default() }
    };
    figures.push(time(
        &format!("Danh sách năm {year}: trang cuối (“Xem thêm” đến hết)"),
        runs,
        Some(150.0),
        || store.read(|c| Ok(documents::list_documents(c, &last_page)?.items.len())),
    )?);
    let loaded = store.read(|c| documents::list_documents(c, &year_filter))?.items;
    let typed = "ke hoach chuyen doi so";
    figures.push(keystrokes(
        "Lọc danh sách văn bản (mỗi phím, trên trang đã tải)",
        typed,
        runs.min(5),
        Some(50.0),
        |q| Ok(window_filter(&loaded, q)),
    )?);
    let incoming_year = store.read(incoming::incoming_years)?.first().copied().unwrap_or(year);
    figures.push(keystrokes(
        "Lọc sổ văn bản đến (mỗi phím, truy vấn lại)",
        typed,
        runs.min(5),
        Some(50.0),
        |q| {
            let f =
                IncomingFilter { year: Some(incoming_year), text: q.into(), limit: Some(100), ..Default::default() };
            Ok(store.read(|c| incoming::list_incoming(c, &f))?.items.len())
        },
    )?);
    figures.push(keystrokes(
        "Lọc danh sách nhiệm vụ (mỗi phím, truy vấn lại)",
        typed,
        runs.min(3),
        Some(50.0),
        |q| {
            let f = TaskFilter { as_of: today, text: q.into(), limit: Some(50), ..TaskFilter::as_of(today) };
            Ok(store.read(|c| followup::list_tasks(c, &f))?.items.len())
        },
    )?);
    let incoming_first = IncomingFilter { year: Some(incoming_year), limit: Some(100), ..Default::default() };
    figures.push(time(
        &format!("Sổ văn bản đến năm {incoming_year} (trang đầu 100 dòng)"),
        runs,
        Some(150.0),
        || Ok(store.read(|c| incoming::list_incoming(c, &incoming_first))?.items.len()),
    )?);
    let tasks_first = TaskFilter { limit: Some(50), ..TaskFilter::as_of(today) };
    figures.push(time(
        "Danh sách nhiệm vụ (trang đầu 50 dòng, mọi trạng thái)",
        runs,
        Some(150.0),
        || Ok(store.read(|c| followup::list_tasks(c, &tasks_first))?.items.len()),
    )?);
    progress("ban hành…");
    figures.push(issue_figure(store, year, runs.max(20))?);
    let mut import_s = 0.0;
    if import > 0 {
        progress(&format!("nhập {import} tệp PDF…"));
        let (fig, total) = import_pdfs(store, data_dir, import, year, &mut progress)?;
        figures.push(fig);
        import_s = total;
    }
    Ok(ArchiveMeasure {
        documents: count(store, "SELECT count(*) FROM document")?,
        incoming: count(store, "SELECT count(*) FROM incoming_document")?,
        tasks: count(store, "SELECT count(*) FROM task")?,
        meetings: count(store, "SELECT count(*) FROM meeting")?,
        year,
        search,
        figures,
        import_files: import,
        import_s,
    })
}

/// Issuing `runs` more documents dated the last day of `year` (one draft each, then
/// [`documents::issue_document`]: checks, number, PDF, storing), each timed alone.
fn issue_figure(store: &mut Store, year: i32, runs: usize) -> Result<Figure> {
    let base = documents::bench::one_page_announcement()?;
    let date = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| AppError::validation("năm"))?;
    let documents = count(store, "SELECT count(*) FROM document")?;
    let mut times = Vec::new();
    for i in 0..runs {
        let mut doc = base.clone();
        doc.subject = format!("{} (đo thời gian ban hành, lần {})", base.subject, i + 1);
        let draft = documents::create_draft(store, &doc)?;
        let start = Instant::now();
        documents::issue_document(store, &draft.id, date, None, true)?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    Ok(Figure {
        name: format!("Ban hành một văn bản (khi đã có {documents} văn bản)"),
        runs,
        median_ms: quantile(&times, 0.5),
        p95_ms: quantile(&times, 0.95),
        target_ms: Some(10.0),
        rows: 1,
    })
}

/// Generates `n` small distinct PDFs (not timed), then registers each as an incoming
/// document with its file through [`incoming::add_incoming`], the path of `incoming add
/// --file` and of the window. Returns the per-file figure and the total seconds.
fn import_pdfs(
    store: &mut Store,
    data_dir: &Path,
    n: u32,
    year: i32,
    progress: &mut dyn FnMut(&str),
) -> Result<(Figure, f64)> {
    let tmp = data_dir.join("bench-import");
    std::fs::create_dir_all(&tmp).map_err(|e| AppError::storage(e.to_string()))?;
    let mut r = Lcg::new(u64::from(n) + 7);
    let sender = store.read(crate::roster::list_agencies)?.into_iter().next().map(|a| a.id);
    let received = NaiveDate::from_ymd_opt(year, 12, 30).ok_or_else(|| AppError::validation("năm"))?;
    let mut files = Vec::new();
    for i in 0..n {
        let subject = format!("{} (bản nhập thử số {})", r.pick(SUBJECTS).0.replace("{y}", &year.to_string()), i + 1);
        let body = (0..3)
            .map(|_| documents::Block::Paragraph { runs: vec![documents::Run::plain(*r.pick(SENTENCES))] })
            .collect();
        let number = format!("{}/NT-VP", i + 1);
        let bytes = incoming_file(&subject, "Sở Thông tin và Truyền thông", &number, received, body, false)?;
        let path = tmp.join(format!("nhap-{i}.pdf"));
        std::fs::write(&path, bytes).map_err(|e| AppError::storage(e.to_string()))?;
        files.push((path, subject, number));
    }
    progress(&format!("đã tạo {n} tệp PDF, đang nhập…"));
    let mut times = Vec::new();
    let all = Instant::now();
    for (path, subject, number) in &files {
        let input = IncomingInput {
            received_on: received,
            sender_agency_id: sender.clone(),
            sender_name: if sender.is_some() { String::new() } else { "Sở Thông tin và Truyền thông".into() },
            number_symbol: number.clone(),
            document_date: Some(received),
            type_name: "Công văn".into(),
            subject: subject.clone(),
            urgency: Default::default(),
            handling_agency_id: None,
            handler_person_id: None,
            passed_on: None,
            due_date: None,
            notes: String::new(),
        };
        let start = Instant::now();
        incoming::add_incoming(store, data_dir, &input, Some(path), true)?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let total = all.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&tmp);
    times.sort_by(|a, b| a.total_cmp(b));
    Ok((
        Figure {
            name: format!("Nhập {n} tệp PDF làm văn bản đến (mỗi tệp; tổng {total:.1} s)"),
            runs: times.len(),
            median_ms: quantile(&times, 0.5),
            p95_ms: quantile(&times, 0.95),
            target_ms: None,
            rows: n as usize,
        },
        total,
    ))
}
