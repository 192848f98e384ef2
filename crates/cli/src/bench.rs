//! `bench generate` (the ten-year archive) and `bench search` on such an archive (the table
//! of figures and targets). Progress goes to stderr, the result to stdout.

use super::output;
use chrono::Local;
use secretariat_core::bench::{self, GenerateOptions, Scale};
use secretariat_core::{AppError, Store};
use std::path::Path;
use std::time::Instant;

fn scale_of(name: &str) -> Result<Scale, AppError> {
    match name {
        "full" => Ok(Scale::FULL),
        "small" => Ok(Scale::SMALL),
        other => Err(AppError::validation(format!("Quy mô “{other}” không có; hãy dùng full hoặc small."))),
    }
}

pub fn generate(
    data_dir: &Path,
    years: u32,
    last_year: i32,
    scale: &str,
    seed: u64,
    json: bool,
) -> Result<String, AppError> {
    let scale = scale_of(scale)?;
    if years == 0 || years > 50 {
        return Err(AppError::validation("Số năm phải từ 1 đến 50."));
    }
    let mut store = Store::open_in_dir(data_dir)?;
    let start = Instant::now();
    let options = GenerateOptions { years, last_year, scale, seed };
    let s = bench::generate(&mut store, data_dir, &options, |line| {
        eprintln!("[{:>6.1} s] {line}", start.elapsed().as_secs_f64());
    })?;
    output(json, &s, |s| {
        let stages: Vec<String> = s.stages.iter().map(|(n, t)| format!("{n} {t:.0} s")).collect();
        format!(
            "Đã tạo bộ dữ liệu {} năm trong {:.0} s ({}).\n\
             Cơ quan: {}, người: {}, tổ chức: {}, vị trí thành viên: {}\n\
             Văn bản: {} (đã ban hành {}, dự thảo {}), các năm {:?}\n\
             Cuộc họp: {} (khách mời {}, nội dung {}, kết luận {})\n\
             Nhiệm vụ: {}\nVăn bản đến: {} ({} kèm tệp)",
            years,
            s.seconds,
            stages.join(", "),
            s.agencies,
            s.people,
            s.bodies,
            s.memberships,
            s.documents,
            s.issued,
            s.drafts,
            s.years,
            s.meetings,
            s.invitees,
            s.agenda_items,
            s.conclusions,
            s.tasks,
            s.incoming,
            s.files
        )
    })
}

/// True when the data folder holds an archive beyond documents (meetings or incoming
/// documents), i.e. one `bench generate` made: `bench search` then measures everything.
pub fn is_archive(data_dir: &Path) -> Result<bool, AppError> {
    if !data_dir.join(secretariat_core::store::DB_FILE).exists() {
        return Ok(false);
    }
    let store = Store::open_in_dir(data_dir)?;
    store.read(bench::is_archive)
}

pub fn measure(data_dir: &Path, runs: usize, import: u32, json: bool) -> Result<String, AppError> {
    let mut store = Store::open_in_dir(data_dir)?;
    let start = Instant::now();
    let today = Local::now().date_naive();
    let m = bench::measure(&mut store, data_dir, runs, import, today, |line| {
        eprintln!("[{:>6.1} s] {line}", start.elapsed().as_secs_f64());
    })?;
    output(json, &m, |m| {
        let mut lines = vec![format!(
            "Bộ dữ liệu: {} văn bản, {} văn bản đến, {} nhiệm vụ, {} cuộc họp; năm đo: {}.",
            m.documents, m.incoming, m.tasks, m.meetings, m.year
        )];
        lines.push("Phép đo\tlần\ttrung vị ms\tp95 ms\tmục tiêu p95\tđạt".into());
        for f in &m.figures {
            lines.push(format!(
                "{}\t{}\t{:.2}\t{:.2}\t{}\t{}",
                f.name,
                f.runs,
                f.median_ms,
                f.p95_ms,
                f.target_ms.map(|t| format!("< {t:.0} ms")).unwrap_or_else(|| "—".into()),
                match f.met() {
                    Some(true) => "đạt",
                    Some(false) => "KHÔNG ĐẠT",
                    None => "",
                }
            ));
        }
        lines.push(format!(
            "LIKE '%…%' trên cùng dữ liệu (văn bản, cuộc họp): trung vị {:.1} ms",
            m.search.like_median_ms
        ));
        for q in &m.search.queries {
            lines.push(format!(
                "  “{}”: {} kết quả, p95 {:.2} ms; LIKE {} dòng, {:.1} ms",
                q.query, q.hits, q.p95_ms, q.like_rows, q.like_median_ms
            ));
        }
        if m.import_files > 0 {
            lines.push(format!(
                "Nhập {} tệp PDF: {:.1} s ({:.1} ms mỗi tệp)",
                m.import_files,
                m.import_s,
                m.import_s * 1000.0 / f64::from(m.import_files)
            ));
        }
        lines.join("\n")
    })
}
