//! `document` and `register` subcommands.

use super::output;
use chrono::{Local, Utc};
use clap::Subcommand;
use secretariat_core::documents::{self, DocumentContent, DocumentFilter, DocumentStatus, DocumentType};
use secretariat_core::store::fsutil;
use secretariat_core::text::{format_date_vi, parse_date};
use secretariat_core::{AppError, Store};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum DocumentAction {
    /// Create a draft from a JSON file in the shape of the document model; prints its id.
    Import { file: PathBuf },
    /// List documents.
    List {
        #[arg(long)]
        year: Option<i32>,
        /// announcement | minutes | invitation | report | plan | programme | submission | decision | official_letter
        #[arg(long = "type")]
        doc_type: Option<String>,
        /// draft | issued | recalled
        #[arg(long)]
        status: Option<String>,
        /// At most this many rows (newest first); default: all.
        #[arg(long)]
        limit: Option<u32>,
        /// Skip this many rows first.
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// The years that have documents, newest first.
    Years,
    /// One document, whole (with its content).
    Show { id: String },
    /// Write the PDF (the stored one once issued, a fresh rendering for a draft).
    Render {
        id: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a draft or issued document as Word (.docx) with the Decree 30 layout.
    ExportDocx {
        id: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Replace a draft's body with the body of a Word file (edited by a colleague).
    ImportDocx { id: String, file: PathBuf },
    /// Render a JSON file straight to PDF, without storing anything (the header comes from the
    /// issuing body the file names in `authority_id`, else its type's default in the settings).
    RenderFile {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Issue a draft: next number (or one given by another register), date (default today),
    /// PDF stored; prints the number. Refused while a check fails; warnings need --yes.
    Issue {
        id: String,
        #[arg(long)]
        date: Option<String>,
        /// A number given by another register (the host department's văn thư), e.g. "125/STTTT-VP".
        #[arg(long)]
        number: Option<String>,
        /// Issue despite the warnings of the pre-issue checks (they are printed without it).
        #[arg(long)]
        yes: bool,
    },
    /// Who may sign for an issuing body (steering_committee, task_force, host_department, …)
    /// on a date, and the forms each may use.
    Signers {
        authority: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// The pre-issue checks of a draft for a date, without issuing it.
    Check {
        id: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// Recall (thu hồi) an issued document.
    Recall {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Sign an issued document's PDF (ký số) with a USB token (PKCS#11) or a .p12 file.
    Sign {
        id: String,
        #[arg(long, value_enum)]
        kind: super::signing::Kind,
        /// The token's PKCS#11 driver library (default: the one in the settings).
        #[arg(long, value_name = "LIB")]
        pkcs11: Option<PathBuf>,
        /// The environment variable holding the token's PIN.
        #[arg(long, value_name = "VAR")]
        pin_env: Option<String>,
        /// The token's slot and key id (`document token-certs` lists them); needed when the
        /// token holds several signing certificates.
        #[arg(long)]
        slot: Option<u64>,
        #[arg(long)]
        key_id: Option<String>,
        /// A PKCS#12 file instead of a token.
        #[arg(long, value_name = "FILE", conflicts_with = "pkcs11")]
        p12: Option<PathBuf>,
        /// The environment variable holding the .p12 file's password.
        #[arg(long, value_name = "VAR")]
        password_env: Option<String>,
        /// Whose signing block (minutes: 0 THƯ KÝ, 1 CHỦ TỌA); default the last signer.
        #[arg(long)]
        signer_index: Option<u32>,
        /// The roster person whose signature image is used (default: the signer by name).
        #[arg(long)]
        person: Option<String>,
        /// A copy's form: "SAO Y" (default), "SAO LỤC", "TRÍCH SAO".
        #[arg(long)]
        copy_form: Option<String>,
    },
    /// Verify the signatures of a document's stored PDF against the trust anchors.
    Verify { id: String },
    /// Write the PDF as issued, before any signature.
    RenderUnsigned {
        id: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Set the USB token's PKCS#11 driver library (.dll / .so).
    TokenDriver { path: String },
    /// List the certificates on the token (no PIN needed).
    TokenCerts {
        #[arg(long, value_name = "LIB")]
        pkcs11: Option<PathBuf>,
    },
    /// Store a person's signature image (transparent PNG).
    SignatureImage {
        #[arg(long)]
        person: String,
        file: PathBuf,
    },
    /// Store an issuing body's seal image (red transparent PNG at real size).
    SealImage {
        #[arg(long)]
        authority: String,
        file: PathBuf,
    },
    /// Import trust anchors (CA certificates, .cer/.crt/.pem) to verify signatures with.
    TrustImport { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum RegisterAction {
    /// Print the outgoing register (Sổ đăng ký văn bản đi) as a landscape PDF.
    Print {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// The outgoing register of a year as an Excel file (.xlsx).
    ExportXlsx {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
}

fn date(input: &str) -> Result<chrono::NaiveDate, AppError> {
    parse_date(input)
        .ok_or_else(|| AppError::validation(format!("Ngày \"{input}\" không hợp lệ; hãy viết theo dạng dd/mm/yyyy.")))
}

/// Atomically: a failed write (full disk, no permission) leaves any file already at `path`
/// as it was, and never a half-written one.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    secretariat_core::store::write_atomic(path, bytes)
}

/// The largest Word or Excel file the import commands read.
const MAX_OFFICE_BYTES: u64 = 50 * 1024 * 1024;

/// Reads a Word or Excel file: a regular file of at most 50 MB.
pub(crate) fn read_office_file(file: &Path) -> Result<Vec<u8>, AppError> {
    let (input, _) = fsutil::open_regular_file(file, MAX_OFFICE_BYTES)?;
    let mut bytes = Vec::new();
    input
        .take(MAX_OFFICE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| AppError::validation(format!("Không đọc được tệp {}: {e}", file.display())))?;
    if bytes.len() as u64 > MAX_OFFICE_BYTES {
        return Err(fsutil::too_large(file, MAX_OFFICE_BYTES));
    }
    Ok(bytes)
}

/// The largest document file (JSON) `document import` and `render-file` read.
const MAX_JSON_BYTES: u64 = 10 * 1024 * 1024;

/// Reads a document file (JSON): a regular file of at most 10 MB, refused before reading
/// otherwise (a FIFO or `/dev/zero` would block or grow without end).
fn read_content(file: &Path) -> Result<DocumentContent, AppError> {
    let (input, _) = fsutil::open_regular_file(file, MAX_JSON_BYTES)?;
    let mut text = String::new();
    input
        .take(MAX_JSON_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| AppError::validation(format!("Không đọc được tệp {}: {e}", file.display())))?;
    if text.len() as u64 > MAX_JSON_BYTES {
        return Err(fsutil::too_large(file, MAX_JSON_BYTES));
    }
    serde_json::from_str(&text)
        .map_err(|e| AppError::validation(format!("Tệp {} không đúng mẫu văn bản (JSON): {e}", file.display())))
}

pub fn document(store: &mut Store, action: DocumentAction, json: bool) -> Result<String, AppError> {
    match action {
        DocumentAction::Import { file } => {
            let doc = documents::create_draft(store, &read_content(&file)?)?;
            output(json, &doc, |d| d.id.clone())
        }
        DocumentAction::RenderFile { file, out } => {
            let content = documents::normalize(&read_content(&file)?);
            let settings = store.read(secretariat_core::settings::document_settings)?;
            let m = settings.margins;
            let opts = documents::pdf::RenderOptions {
                margins: documents::pdf::Margins { top: m.top, bottom: m.bottom, left: m.left, right: m.right },
                created_unix: Utc::now().timestamp(),
            };
            let issuer = documents::content_authority(&settings, &content)?.issuer();
            let pdf = documents::pdf::render(&content, &issuer, opts)?;
            write_file(&out, &pdf)?;
            output(json, &out, |o| format!("Đã ghi {} ({} byte).", o.display(), pdf.len()))
        }
        DocumentAction::List { year, doc_type, status, limit, offset } => {
            let doc_type = doc_type
                .map(|t| {
                    DocumentType::parse(&t)
                        .ok_or_else(|| AppError::validation(format!("Loại văn bản \"{t}\" không hợp lệ.")))
                })
                .transpose()?;
            let status = match status.as_deref() {
                None => None,
                Some("draft") => Some(DocumentStatus::Draft),
                Some("issued") => Some(DocumentStatus::Issued),
                Some("recalled") => Some(DocumentStatus::Recalled),
                Some(other) => {
                    return Err(AppError::validation(format!(
                        "Trạng thái \"{other}\" không hợp lệ (draft, issued, recalled)."
                    )))
                }
            };
            let filter = DocumentFilter { doc_type, year, status, offset, limit };
            let list = store.read(|c| documents::list_documents(c, &filter))?.items;
            output(json, &list, |l| {
                l.iter()
                    .map(|d| {
                        let date = d.issued_on.map(format_date_vi).unwrap_or_default();
                        let number = d.number_symbol.clone().unwrap_or_else(|| "(dự thảo)".into());
                        format!("{number}\t{date}\t{}\t{}\t{}\t{}", d.type_label, d.subject, d.status_label, d.id)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        DocumentAction::Years => {
            let years = store.read(documents::document_years)?;
            output(json, &years, |y| y.iter().map(|y| y.to_string()).collect::<Vec<_>>().join("\n"))
        }
        DocumentAction::Show { id } => {
            let doc = store.read(|c| documents::get_document(c, &id))?;
            output(json, &doc, |d| format!("{}\t{}\t{}\t{}", documents::citation(d), d.subject, d.status_label, d.id))
        }
        DocumentAction::Render { id, out } => {
            let pdf = store.read(|c| documents::document_pdf(c, &id))?;
            write_file(&out, &pdf)?;
            output(json, &out, |o| format!("Đã ghi {} ({} byte).", o.display(), pdf.len()))
        }
        DocumentAction::ExportDocx { id, out } => {
            let docx = store.read(|c| documents::docx::document_docx(c, &id))?;
            write_file(&out, &docx)?;
            output(json, &out, |o| format!("Đã ghi {} ({} byte).", o.display(), docx.len()))
        }
        DocumentAction::ImportDocx { id, file } => {
            let bytes = read_office_file(&file)?;
            let doc = documents::docx::import_docx_body(store, &id, &bytes)?;
            output(json, &doc, |d| {
                format!("Đã nhập {} đoạn nội dung từ {} vào dự thảo.", d.content.body.len(), file.display())
            })
        }
        DocumentAction::Issue { id, date: on, number, yes } => {
            let on = match on {
                Some(s) => date(&s)?,
                None => Local::now().date_naive(),
            };
            let doc = documents::issue_document(store, &id, on, number.as_deref(), yes).map_err(|mut e| {
                if e.code == secretariat_core::ErrorCode::NeedsConfirmation {
                    e.message.push_str("\nNếu vẫn ban hành, chạy lại lệnh với --yes.");
                }
                e
            })?;
            output(json, &doc, |d| d.number_symbol.clone().unwrap_or_default())
        }
        DocumentAction::Signers { authority, date: on } => {
            let on = match on {
                Some(s) => date(&s)?,
                None => Local::now().date_naive(),
            };
            let options = store.read(|c| documents::signer_options(c, &authority, on))?;
            output(json, &options, |o| {
                if !o.has_roster {
                    return "Cơ quan này không có danh sách người ký: hãy ghi người ký khi soạn văn bản.".to_string();
                }
                o.people
                    .iter()
                    .map(|p| {
                        let forms: Vec<String> = p
                            .forms
                            .iter()
                            .filter_map(|f| o.forms.iter().find(|x| x.form == *f).map(|x| x.label.clone()))
                            .collect();
                        format!("{}\t{}\t{}\t{}\t{}", p.name, p.role_label, p.position, forms.join("; "), p.person_id)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        DocumentAction::Check { id, date: on } => {
            let on = match on {
                Some(s) => date(&s)?,
                None => Local::now().date_naive(),
            };
            let checks = store.read(|c| documents::document_issue_checks(c, &id, on))?;
            output(json, &checks, |list| {
                if list.is_empty() {
                    return "Không có vướng mắc: có thể ban hành.".to_string();
                }
                list.iter()
                    .map(|c| {
                        format!("{} {}", if c.blocking { "[Không ban hành được]" } else { "[Cần xác nhận]" }, c.message)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        DocumentAction::Recall { id, reason } => {
            let doc = documents::recall_document(store, &id, &reason)?;
            output(json, &doc, |d| format!("Đã thu hồi văn bản số {}.", d.number_symbol.clone().unwrap_or_default()))
        }
        DocumentAction::Sign {
            id,
            kind,
            pkcs11,
            pin_env,
            slot,
            key_id,
            p12,
            password_env,
            signer_index,
            person,
            copy_form,
        } => {
            let src = super::signing::KeySource { pkcs11, pin_env, slot, key_id, p12, password_env };
            let opts = secretariat_core::signing::store::SignOptions { signer_index, person_id: person, copy_form };
            super::signing::sign(store, &id, kind, &src, &opts, json)
        }
        DocumentAction::Verify { id } => super::signing::verify(store, &id, json),
        DocumentAction::RenderUnsigned { id, out } => {
            let pdf = store.read(|c| secretariat_core::signing::store::unsigned_pdf(c, &id))?;
            write_file(&out, &pdf)?;
            output(json, &out, |o| format!("Đã ghi {} ({} byte).", o.display(), pdf.len()))
        }
        DocumentAction::TokenDriver { path } => super::signing::token_driver(store, &path, json),
        DocumentAction::TokenCerts { pkcs11 } => super::signing::token_certs(store, pkcs11.as_deref(), json),
        DocumentAction::SignatureImage { person, file } => super::signing::signature_image(store, &person, &file, json),
        DocumentAction::SealImage { authority, file } => super::signing::seal_image(store, &authority, &file, json),
        DocumentAction::TrustImport { file } => super::signing::trust_import(store, &file, json),
    }
}

pub fn register(store: &mut Store, action: RegisterAction, json: bool) -> Result<String, AppError> {
    match action {
        RegisterAction::Print { year, from, to, out } => {
            let from = from.as_deref().map(date).transpose()?;
            let to = to.as_deref().map(date).transpose()?;
            let pdf = store.read(|c| documents::register_pdf(c, year, from, to, Utc::now().timestamp()))?;
            write_file(&out, &pdf)?;
            output(json, &out, |o| format!("Đã ghi sổ đăng ký văn bản đi năm {year}: {}.", o.display()))
        }
        RegisterAction::ExportXlsx { year, out } => {
            let xlsx = store.read(|c| secretariat_core::office::register_xlsx(c, year))?;
            write_file(&out, &xlsx)?;
            output(json, &out, |o| format!("Đã ghi sổ đăng ký văn bản đi năm {year}: {}.", o.display()))
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum BenchAction {
    /// Render a 3-page Biên bản and a 1-page Thông báo in-process and print time and memory.
    Pdf {
        #[arg(long, default_value_t = 100)]
        iterations: usize,
        /// Also write the two documents as JSON and HTML here (for scripts/bench-pdf.sh).
        #[arg(long)]
        samples: Option<PathBuf>,
    },
    /// Build the ten-year archive in an empty data folder through the app's own functions:
    /// 2,000 people in 15 agencies, five bodies, 50,000 documents (issued, some drafts), 2,000
    /// meetings, 20,000 tasks, 10,000 incoming documents with a PDF or DOCX each.
    Generate {
        #[arg(long, default_value_t = 10)]
        years: u32,
        /// The newest year of the archive.
        #[arg(long, default_value_t = 2025)]
        last_year: i32,
        /// full: the issue's archive (per year 5,000 documents, 200 meetings, 2,000 tasks,
        /// 1,000 incoming; 2,000 people); small: a tiny one for trials and tests.
        #[arg(long, default_value = "full")]
        scale: String,
        #[arg(long, default_value_t = 2025)]
        seed: u64,
    },
    /// Add N issued documents to the data folder through the app's own functions (dated over
    /// ten years), then time issuing one more, listing a year and paging through all.
    Issue {
        #[arg(long, default_value_t = 10_000)]
        documents: u32,
        /// The years the documents are spread over, ending with --last-year.
        #[arg(long, default_value_t = 10)]
        years: u32,
        #[arg(long, default_value_t = 2025)]
        last_year: i32,
        /// Runs per measurement (the median is reported).
        #[arg(long, default_value_t = 7)]
        runs: usize,
    },
    /// Time the search box: optionally add N drafts with varied text first (dated over ten
    /// years), then run a fixed set of queries and print median and p95 beside a naive
    /// `LIKE '%…%'` scan of the same rows. Without --documents, on an archive made by
    /// `bench generate`: also a year's list, filter keystrokes, issuing, the incoming and
    /// task lists and importing PDFs, with the targets.
    Search {
        /// Drafts to add before measuring (0: measure the data folder as it is).
        #[arg(long, default_value_t = 0)]
        documents: u32,
        #[arg(long, default_value_t = 10)]
        years: u32,
        #[arg(long, default_value_t = 2025)]
        last_year: i32,
        #[arg(long, default_value_t = 21)]
        runs: usize,
        /// PDFs to generate and import as incoming documents (0: none).
        #[arg(long, default_value_t = 1000)]
        import: u32,
    },
}

/// Peak resident memory of this process (Linux), in kB.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

pub fn bench(action: BenchAction, data_dir: &Path, json: bool) -> Result<String, AppError> {
    let (iterations, samples) = match action {
        BenchAction::Pdf { iterations, samples } => (iterations, samples),
        BenchAction::Issue { documents: count, years, last_year, runs } => {
            return bench_archive(data_dir, count, years, last_year, runs, json)
        }
        BenchAction::Generate { years, last_year, scale, seed } => {
            return super::bench::generate(data_dir, years, last_year, &scale, seed, json)
        }
        BenchAction::Search { documents: 0, runs, import, .. } if super::bench::is_archive(data_dir)? => {
            return super::bench::measure(data_dir, runs, import, json)
        }
        BenchAction::Search { documents: count, years, last_year, runs, .. } => {
            return bench_search(data_dir, count, years, last_year, runs, json)
        }
    };
    if let Some(dir) = samples {
        std::fs::create_dir_all(&dir).map_err(|e| AppError::storage(e.to_string()))?;
        for (name, doc) in [
            ("minutes-3p", documents::bench::minutes_of_pages(3)?),
            ("announcement-1p", documents::bench::one_page_announcement()?),
        ] {
            let text = serde_json::to_string_pretty(&doc).map_err(|e| AppError::storage(e.to_string()))?;
            write_file(&dir.join(format!("{name}.json")), text.as_bytes())?;
            write_file(&dir.join(format!("{name}.html")), documents::bench::to_html(&doc).as_bytes())?;
        }
    }
    let figures = documents::bench::run(iterations)?;
    let peak = peak_rss_kb();
    let report = serde_json::json!({ "figures": figures, "peak_rss_kb": peak });
    output(json, &report, |_| {
        let mut lines: Vec<String> = figures
            .iter()
            .map(|f| {
                format!(
                    "{}: {} trang, {} byte; {} lần, trung vị {:.2} ms (nhỏ nhất {:.2}, lớn nhất {:.2})",
                    f.document, f.pages, f.bytes, f.iterations, f.median_ms, f.min_ms, f.max_ms
                )
            })
            .collect();
        lines.push(match peak {
            Some(kb) => format!("Bộ nhớ đỉnh của tiến trình: {:.1} MB", kb as f64 / 1024.0),
            None => "Bộ nhớ đỉnh: không đo được trên hệ điều hành này".into(),
        });
        lines.join("\n")
    })
}

fn bench_search(
    data_dir: &Path,
    count: u32,
    years: u32,
    last_year: i32,
    runs: usize,
    json: bool,
) -> Result<String, AppError> {
    use secretariat_core::search::bench;
    let mut store = Store::open_in_dir(data_dir)?;
    let start = std::time::Instant::now();
    if count > 0 {
        bench::generate_documents(&mut store, count, last_year, years, |n| {
            eprintln!("{n}/{count} văn bản, {:.0} s", start.elapsed().as_secs_f64());
        })?;
    }
    let generate_s = start.elapsed().as_secs_f64();
    let f = bench::measure(&store, runs)?;
    let report = serde_json::json!({ "generated": count, "generate_s": generate_s, "figures": f });
    output(json, &report, |_| {
        let mut lines = vec![format!(
            "Đã thêm {count} văn bản trong {generate_s:.0} s; {} văn bản, {} mục trong chỉ mục tìm kiếm.",
            f.documents, f.indexed
        )];
        lines.push("Truy vấn\tkết quả\ttrung vị ms\tp95 ms\tLIKE: dòng\tLIKE: trung vị ms".into());
        for q in &f.queries {
            lines.push(format!(
                "{}\t{}\t{:.2}\t{:.2}\t{}\t{:.1}",
                q.query, q.hits, q.median_ms, q.p95_ms, q.like_rows, q.like_median_ms
            ));
        }
        lines.push(format!(
            "Mọi truy vấn: trung vị {:.2} ms, p95 {:.2} ms; LIKE '%…%': trung vị {:.1} ms",
            f.median_ms, f.p95_ms, f.like_median_ms
        ));
        lines.join("\n")
    })
}

fn bench_archive(
    data_dir: &Path,
    count: u32,
    years: u32,
    last_year: i32,
    runs: usize,
    json: bool,
) -> Result<String, AppError> {
    let mut store = Store::open_in_dir(data_dir)?;
    let start = std::time::Instant::now();
    documents::bench::generate_documents(&mut store, count, last_year, years, |n| {
        eprintln!("{n}/{count} văn bản, {:.0} s", start.elapsed().as_secs_f64());
    })?;
    let generate_s = start.elapsed().as_secs_f64();
    let f = documents::bench::measure_archive(&mut store, runs)?;
    let report = serde_json::json!({ "generated": count, "generate_s": generate_s, "figures": f });
    output(json, &report, |_| {
        format!(
            "Đã thêm {count} văn bản trong {generate_s:.0} s; tổng {} văn bản, các năm {:?}.\n\
             Ban hành thêm một văn bản: {:.2} ms (kiểm tra và lấy số: {:.2} ms)\n\
             Danh sách một năm ({} dòng): {:.2} ms\n\
             Mọi năm, trang đầu (100 dòng, kèm tổng số): {:.2} ms; trang cuối: {:.2} ms\n\
             Các năm có văn bản: {:.3} ms",
            f.documents,
            f.years,
            f.issue_one_ms,
            f.plan_issue_ms,
            f.list_year_rows,
            f.list_year_ms,
            f.list_all_first_page_ms,
            f.list_all_last_page_ms,
            f.years_ms
        )
    })
}
