//! `backup` subcommands: create, verify, restore, list, show (a backup read-only), auto (the
//! scheduled backup, for a task scheduler), schedule (the window's Sao lưu settings), bench (the
//! cost of the start-up check).

use super::output;
use chrono::{Local, NaiveDateTime};
use clap::{Parser, Subcommand};
use secretariat_core::backup::{
    self, settings::status, BackupEntry, BackupKind, BackupReport, BackupSchedule, BackupSettings, RestoreReport,
    VerifyReport,
};
use secretariat_core::store::DB_FILE;
use secretariat_core::{AppError, Store};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Subcommand)]
pub enum BackupAction {
    /// Make a backup now (database and attached files) in DIR, or in the folder set in the
    /// settings (default <data dir>/backups; env SECRETARIAT_BACKUP_DIR).
    Create {
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
    },
    /// Check a backup again: every SHA-256, the database's integrity, application id and
    /// schema version. Exit code 1 when it is not usable.
    Verify { dir: PathBuf },
    /// Restore a backup into the data folder. The current data is moved aside into
    /// <data dir>/truoc-khoi-phuc-<time>/ (never deleted). Close the window first.
    Restore {
        dir: PathBuf,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// List the backups in the backup folder (or DIR) and the pre-migration copies.
    List {
        #[arg(long, value_name = "DIR")]
        from: Option<PathBuf>,
    },
    /// Run any other command on a backup, read-only, without restoring it:
    /// `secretariat backup show DIR -- roster list --as-of 2024-09-05`.
    Show {
        dir: PathBuf,
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true, value_name = "COMMAND")]
        command: Vec<String>,
    },
    /// The scheduled backup (for a task scheduler): made when the newest backup is older
    /// than the interval in the settings, then old scheduled backups are pruned.
    Auto,
    /// The schedule and retention of automatic backups, as on the window's Sao lưu page.
    Schedule {
        #[command(subcommand)]
        action: ScheduleAction,
    },
    /// Measure the start-up check and a backup on a generated database (into an EMPTY data
    /// folder; run on a release build).
    Bench {
        #[arg(long, default_value_t = 2000)]
        documents: usize,
        #[arg(long, default_value_t = 200)]
        attachments: usize,
        #[arg(long, default_value_t = 500)]
        attachment_kb: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum ScheduleAction {
    /// Show the schedule, retention and warning settings.
    Show,
    /// Change some of them; what is not given keeps its value. Checked as in the window.
    Set {
        /// Automatic backups on or off.
        #[arg(long, value_name = "true|false")]
        enabled: Option<bool>,
        /// A scheduled backup is made when the newest backup is older than this (1–744).
        #[arg(long, value_name = "HOURS")]
        interval_hours: Option<u32>,
        /// Keep the newest scheduled backup of each of the last N days (1–366).
        #[arg(long, value_name = "N")]
        keep_daily: Option<u32>,
        /// … of each of the last N weeks (0–520).
        #[arg(long, value_name = "N")]
        keep_weekly: Option<u32>,
        /// … of each of the last N months (0–240).
        #[arg(long, value_name = "N")]
        keep_monthly: Option<u32>,
        /// Warn when the newest backup is older than this many days (1–366).
        #[arg(long, value_name = "DAYS")]
        warn_after_days: Option<u32>,
    },
}

fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

fn mb(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_048_576.0)
}

fn time_vi(t: NaiveDateTime) -> String {
    t.format("%H:%M:%S ngày %d/%m/%Y").to_string()
}

fn entry_line(e: &BackupEntry) -> String {
    format!(
        "{}\t{}\t{}\t{} tệp đính kèm\t{}\tlược đồ {}",
        e.created_at.format("%d/%m/%Y %H:%M:%S"),
        e.kind.label(),
        mb(e.size),
        e.attachments,
        e.path,
        e.schema_version
    )
}

fn settings_of(data_dir: &Path) -> Result<BackupSettings, AppError> {
    let store = Store::open_in_dir(data_dir)?;
    store.read(backup::backup_settings)
}

pub fn backup(action: BackupAction, data_dir: &Path, json: bool) -> Result<String, AppError> {
    match action {
        BackupAction::Create { to } => {
            // Opening checks the file is ours and intact (and upgrades it, with its own copy).
            let settings = settings_of(data_dir)?;
            let dest = to.unwrap_or_else(|| settings.destination_dir(data_dir));
            let report = backup::create_backup(data_dir, &dest, BackupKind::Manual, now())?;
            output(json, &report, |r: &BackupReport| {
                let mut lines = vec![format!(
                    "Đã tạo bản sao lưu {} ({} tệp đính kèm, tổng {}).",
                    r.entry.path,
                    r.entry.attachments,
                    mb(r.entry.size)
                )];
                lines.extend(r.entry.problems.iter().map(|p| format!("Cảnh báo: {p}")));
                lines.join("\n")
            })
        }
        BackupAction::Verify { dir } => {
            let report = backup::verify_backup(&dir);
            if !report.ok() {
                return Err(AppError::validation(report.summary()));
            }
            output(json, &report, |r: &VerifyReport| {
                let mut lines = vec![format!(
                    "Bản sao lưu hợp lệ: {} (tạo lúc {}, lược đồ {}); đã kiểm tra {} tệp, mã SHA-256 khớp, cơ sở dữ liệu toàn vẹn.",
                    r.path,
                    r.entry.as_ref().map(|e| time_vi(e.created_at)).unwrap_or_default(),
                    r.entry.as_ref().map(|e| e.schema_version).unwrap_or_default(),
                    r.files_checked
                )];
                lines.extend(r.warnings.iter().map(|w| format!("Cảnh báo (ghi nhận lúc sao lưu): {w}")));
                lines.join("\n")
            })
        }
        BackupAction::Restore { dir, yes } => {
            let check = backup::verify_backup(&dir);
            if !check.ok() {
                return Err(AppError::validation(format!("{}. Chưa có gì bị thay đổi.", check.summary())));
            }
            if !yes {
                confirm(&check, data_dir)?;
            }
            let (report, store) = backup::restore_backup(&dir, data_dir, now())?;
            drop(store);
            let summary = format!("Khôi phục từ {}", report.restored.path);
            backup::note_in_log(data_dir, secretariat_core::audit::AuditAction::Restore, &summary);
            output(json, &report, |r: &RestoreReport| {
                let mut lines = vec![format!(
                    "Đã khôi phục bản sao lưu tạo lúc {} vào {}.",
                    time_vi(r.restored.created_at),
                    data_dir.display()
                )];
                if let Some(aside) = &r.moved_aside {
                    lines.push(format!("Dữ liệu đang dùng trước đó được giữ nguyên trong {aside}."));
                }
                lines.extend(r.warnings.iter().map(|w| format!("Cảnh báo: {w}")));
                lines.join("\n")
            })
        }
        BackupAction::List { from } => {
            let list = match from {
                Some(dir) => backup::list_backups(&dir),
                None => {
                    let settings = match Store::open_in_dir(data_dir) {
                        Ok(s) => s.read(backup::backup_settings)?,
                        // A damaged database: its settings read without changing it.
                        Err(_) => backup::settings::settings_of_unopenable(&data_dir.join(DB_FILE)),
                    };
                    let s = status(&settings, data_dir, now());
                    s.backups.into_iter().chain(s.pre_migration).collect()
                }
            };
            output(json, &list, |l| {
                if l.is_empty() {
                    "Chưa có bản sao lưu nào.".to_string()
                } else {
                    l.iter().map(entry_line).collect::<Vec<_>>().join("\n")
                }
            })
        }
        BackupAction::Show { dir, command } => show(&dir, command, json),
        BackupAction::Auto => {
            let settings = settings_of(data_dir)?;
            let made = backup::run_scheduled(data_dir, &settings, now())?;
            output(json, &made, |m| match m {
                Some(r) => {
                    let mut text = format!("Đã tạo bản sao lưu tự động {}.", r.entry.path);
                    if !r.pruned.is_empty() {
                        text.push_str(&format!(" Đã xóa {} bản tự động cũ theo lịch giữ.", r.pruned.len()));
                    }
                    text
                }
                None if !settings.schedule_enabled => "Sao lưu tự động đang tắt trong cài đặt.".into(),
                None => "Bản sao lưu gần nhất còn mới; chưa cần sao lưu.".into(),
            })
        }
        BackupAction::Schedule { action } => schedule(action, data_dir, json),
        BackupAction::Bench { documents, attachments, attachment_kb } => {
            bench(data_dir, documents, attachments, attachment_kb, json)
        }
    }
}

fn schedule(action: ScheduleAction, data_dir: &Path, json: bool) -> Result<String, AppError> {
    let mut store = Store::open_in_dir(data_dir)?;
    let settings = match action {
        ScheduleAction::Show => store.read(backup::backup_settings)?,
        ScheduleAction::Set { enabled, interval_hours, keep_daily, keep_weekly, keep_monthly, warn_after_days } => {
            let old = store.read(backup::backup_settings)?;
            let input = BackupSchedule {
                schedule_enabled: enabled.unwrap_or(old.schedule_enabled),
                interval_hours: interval_hours.unwrap_or(old.interval_hours),
                keep_daily: keep_daily.unwrap_or(old.keep_daily),
                keep_weekly: keep_weekly.unwrap_or(old.keep_weekly),
                keep_monthly: keep_monthly.unwrap_or(old.keep_monthly),
                warn_after_days: warn_after_days.unwrap_or(old.warn_after_days),
            };
            backup::save_backup_schedule(&mut store, &input)?
        }
    };
    output(json, &settings, |s: &BackupSettings| {
        [
            format!("Sao lưu tự động: {}", if s.schedule_enabled { "bật" } else { "tắt" }),
            format!("Sao lưu khi bản gần nhất cũ hơn: {} giờ", s.interval_hours),
            format!(
                "Giữ bản tự động: {} ngày, {} tuần, {} tháng gần nhất",
                s.keep_daily, s.keep_weekly, s.keep_monthly
            ),
            format!("Cảnh báo khi bản gần nhất cũ hơn: {} ngày", s.warn_after_days),
            format!("Thư mục sao lưu: {}", s.destination_dir(data_dir).display()),
        ]
        .join("\n")
    })
}

/// Says exactly what will happen and asks; a script must pass `--yes`.
fn confirm(check: &VerifyReport, data_dir: &Path) -> Result<(), AppError> {
    let when = check.entry.as_ref().map(|e| time_vi(e.created_at)).unwrap_or_default();
    let plan = format!(
        "Khôi phục bản sao lưu tạo lúc {when} vào {}:\n\
         1. Cơ sở dữ liệu và thư mục tệp đính kèm đang dùng được chuyển sang {}/truoc-khoi-phuc-<thời điểm>/ (không xóa).\n\
         2. Bản sao lưu (đã kiểm tra) được chép vào thư mục dữ liệu.\n\
         Mọi thay đổi sau thời điểm sao lưu sẽ không còn trong dữ liệu đang dùng. Hãy đóng cửa sổ ứng dụng trước.",
        data_dir.display(),
        data_dir.display()
    );
    if !std::io::stdin().is_terminal() {
        return Err(AppError::validation(format!("{plan}\nĐể xác nhận khi chạy trong tập lệnh, thêm --yes.")));
    }
    let mut err = std::io::stderr();
    let _ = write!(err, "{}\nTiếp tục? Gõ \"co\" rồi Enter: ", secretariat_core::text::for_terminal(&plan));
    let _ = err.flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    if matches!(answer.trim().to_lowercase().as_str(), "co" | "có" | "c" | "yes" | "y") {
        Ok(())
    } else {
        Err(AppError::validation("Đã hủy; không có gì bị thay đổi."))
    }
}

/// Runs `command` on the backup in `dir`, read-only.
fn show(dir: &Path, command: Vec<String>, json: bool) -> Result<String, AppError> {
    let args = std::iter::once("secretariat".to_string()).chain(command);
    let cli = super::Cli::try_parse_from(args)
        .map_err(|e| AppError::validation(format!("Lệnh sau \"backup show THƯ_MỤC --\" không hợp lệ: {e}")))?;
    let Some(inner) = cli.command else {
        return Err(AppError::validation(
            "Hãy ghi lệnh cần chạy trên bản sao lưu, ví dụ: backup show THƯ_MỤC -- roster list",
        ));
    };
    if matches!(
        inner,
        super::Command::Backup { .. } | super::Command::ExampleData { .. } | super::Command::Bench { .. }
    ) {
        return Err(AppError::validation("Lệnh này không chạy được trên một bản sao lưu đang xem (chỉ đọc)."));
    }
    let scratch = std::env::temp_dir().join(format!(
        "secretariat-xem-{}-{}",
        std::process::id(),
        Local::now().format("%Y%m%d%H%M%S%f")
    ));
    let result = (|| {
        let (_, mut store) = backup::open_view(dir, &scratch)?;
        super::execute_on(&mut store, inner, dir, json || cli.json)
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

fn bench(
    data_dir: &Path,
    documents: usize,
    attachments: usize,
    attachment_kb: usize,
    json: bool,
) -> Result<String, AppError> {
    use secretariat_core::{documents as docs, example_data, meetings};
    let mut store = Store::open_in_dir(data_dir)?;
    if !store.read(example_data::is_empty)? {
        return Err(AppError::validation(
            "Lệnh đo chỉ chạy trên một thư mục dữ liệu trống (--data-dir một thư mục mới).",
        ));
    }
    let t = Instant::now();
    let summary = example_data::load(&mut store, example_data::DEFAULT_YEAR)?;
    let content: docs::DocumentContent = serde_json::from_str(include_str!("../../../docs/examples/cong-van.json"))
        .map_err(|e| AppError::storage(e.to_string()))?;
    let start = chrono::NaiveDate::from_ymd_opt(2016, 1, 4).unwrap_or_default();
    for i in 0..documents {
        let mut c = content.clone();
        c.subject = format!("{} (số thứ tự {i})", c.subject);
        let d = docs::create_draft(&mut store, &c)?;
        let on = start + chrono::Duration::days((i * 3650 / documents.max(1)) as i64);
        docs::issue_document(&mut store, &d.id, on, None, false)?;
    }
    if attachments > 0 {
        let m = meetings::create_meeting(
            &mut store,
            &meetings::MeetingInput {
                body_id: summary.task_force_id.clone(),
                kind: meetings::MeetingKind::Regular,
                form: meetings::MeetingForm::Meeting,
                subject: "đo hiệu năng".into(),
                planned_start: start.and_hms_opt(8, 0, 0).unwrap_or_default(),
                planned_end: None,
                place: String::new(),
                chair_person_id: None,
                chair_title: String::new(),
                secretary_person_id: None,
            },
        )?;
        let item = meetings::add_agenda_item(
            &mut store,
            &m.id,
            &meetings::AgendaInput {
                title: "Tài liệu".into(),
                presenter_person_id: None,
                presenter_agency_id: None,
                presenter_text: String::new(),
            },
        )?;
        let src = data_dir.join("bench-src");
        std::fs::create_dir_all(&src)?;
        for i in 0..attachments {
            let path = src.join(format!("tai-lieu-{i}.bin"));
            let bytes: Vec<u8> = (0..attachment_kb * 1024).map(|j| ((i * 31 + j * 7) % 251) as u8).collect();
            std::fs::write(&path, bytes)?;
            meetings::attach_file(&mut store, data_dir, &item[0].id, &path)?;
        }
        std::fs::remove_dir_all(&src)?;
    }
    let generate_s = t.elapsed().as_secs_f64();
    drop(store);
    let db_bytes = std::fs::metadata(data_dir.join(DB_FILE))?.len();

    let mut open_ms = Vec::new();
    let mut check_ms = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let opened = Store::open_in_dir(data_dir)?;
        open_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let problems = opened.read(secretariat_core::store::quick_check)?;
        drop(opened);
        check_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        if !problems.is_empty() {
            return Err(AppError::storage(format!("quick_check: {problems:?}")));
        }
    }
    let dest = data_dir.join("bench-backups");
    let t = Instant::now();
    let made = backup::create_backup(data_dir, &dest, BackupKind::Manual, now())?;
    let backup_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let check = backup::verify_backup(Path::new(&made.entry.path));
    let verify_s = t.elapsed().as_secs_f64();
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let report = serde_json::json!({
        "documents": documents,
        "attachments": attachments,
        "database_bytes": db_bytes,
        "generate_s": generate_s,
        "open_median_ms": median(&mut open_ms),
        "quick_check_median_ms": median(&mut check_ms),
        "quick_check_all_ms": check_ms,
        "backup_s": backup_s,
        "backup_bytes": made.entry.size,
        "verify_s": verify_s,
        "verify_ok": check.ok(),
    });
    output(json, &report, |r| {
        format!(
            "Cơ sở dữ liệu {} ({} văn bản, {} tệp đính kèm), tạo trong {:.1} s.\n\
             Mở (gồm quick_check): trung vị {:.1} ms; riêng quick_check: trung vị {:.1} ms (bộ nhớ đệm đã nóng).\n\
             Sao lưu {}: {:.2} s; kiểm tra lại: {:.2} s ({}).",
            mb(db_bytes as f64),
            documents,
            attachments,
            generate_s,
            r["open_median_ms"].as_f64().unwrap_or_default(),
            r["quick_check_median_ms"].as_f64().unwrap_or_default(),
            mb(made.entry.size),
            backup_s,
            verify_s,
            if check.ok() { "hợp lệ" } else { "CÓ LỖI" }
        )
    })
}
