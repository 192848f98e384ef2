//! The command line: `secretariat SUBCOMMAND` (the app binary) and `secretariat-cli` run it
//! without a window and exit (0 on success, 1 with the Vietnamese message on stderr on
//! failure, 2 on bad usage).

mod archive;
mod backup;
mod bench;
mod documents;
mod followup;
mod format;
mod incoming;
mod meetings;
mod roster;
mod settings;
mod signing;

use clap::{Parser, Subcommand};
use secretariat_core::{example_data, search, store, AppError, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(name = "secretariat", version, about = "Thư ký Tổ Công tác — ứng dụng và dòng lệnh")]
pub struct Cli {
    /// Data folder (default: the platform's app-data folder; env SECRETARIAT_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Example data from decision 1321/QĐ-BCĐCĐS.
    ExampleData {
        #[command(subcommand)]
        action: ExampleDataAction,
    },
    /// Rosters of the bodies.
    Roster {
        #[command(subcommand)]
        action: roster::RosterAction,
    },
    /// Agencies (Sở, ban, ngành, địa phương).
    Agency {
        #[command(subcommand)]
        action: roster::AgencyAction,
    },
    /// People.
    Person {
        #[command(subcommand)]
        action: roster::PersonAction,
    },
    /// Memberships of a body.
    Membership {
        #[command(subcommand)]
        action: roster::MembershipAction,
    },
    /// Documents: import a draft from JSON, render, issue, recall.
    Document {
        #[command(subcommand)]
        action: documents::DocumentAction,
    },
    /// Meetings: create, invite, attendance, agenda, notes, conclusions, generated documents.
    Meeting {
        #[command(subcommand)]
        action: meetings::MeetingAction,
    },
    /// Follow-up tasks (nhiệm vụ): list as of a date, add, progress, extend, chasing letters, report.
    Task {
        #[command(subcommand)]
        action: followup::TaskAction,
    },
    /// The annual work plan (Kế hoạch công tác năm).
    Plan {
        #[command(subcommand)]
        action: followup::PlanAction,
    },
    /// Incoming documents (văn bản đến): register, list, show, delete, print the register.
    Incoming {
        #[command(subcommand)]
        action: incoming::IncomingAction,
    },
    /// Files (hồ sơ): the yearly file list, filing, closing, Mục lục văn bản, handover package.
    Archive {
        #[command(subcommand)]
        action: archive::ArchiveAction,
    },
    /// The file store: verify every stored file; read attached files' text for search.
    Files {
        #[command(subcommand)]
        action: incoming::FilesAction,
    },
    /// The outgoing register.
    Register {
        #[command(subcommand)]
        action: documents::RegisterAction,
    },
    /// Benchmarks (run on a release build: scripts/bench-pdf.sh).
    Bench {
        #[command(subcommand)]
        action: documents::BenchAction,
    },
    /// Settings of the Cài đặt page: show, or change one.
    Settings {
        #[command(subcommand)]
        action: settings::SettingsAction,
    },
    /// Search everything (people, agencies, bodies, meetings, documents); diacritics are
    /// optional, "words in quotes" must appear as written.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Only these kinds: document, incoming, meeting, task, person, agency, body (repeatable).
        #[arg(long = "kind")]
        kinds: Vec<String>,
        /// Only meetings held or documents listed in this year.
        #[arg(long)]
        year: Option<i32>,
        /// The results as CSV (the window's "Xuất CSV").
        #[arg(long)]
        csv: bool,
    },
    /// The database: where it is, its schema version, what it holds.
    Db {
        #[command(subcommand)]
        action: DbAction,
    },
    /// Backups: create, verify, restore, list, show (read-only), auto.
    Backup {
        #[command(subcommand)]
        action: backup::BackupAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExampleDataAction {
    /// Load the task force of decision 1321 into an empty database.
    Load {
        /// Year of the decision (the published notice gives only 15/5).
        #[arg(long, default_value_t = example_data::DEFAULT_YEAR)]
        year: i32,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbAction {
    Info,
}

#[derive(Serialize)]
struct DbInfo {
    data_dir: String,
    database: String,
    schema_version: i64,
    agencies: i64,
    people: i64,
    bodies: i64,
    memberships: i64,
}

pub fn run(command: Command, data_dir: &Path, json: bool) -> i32 {
    match execute(command, data_dir, json) {
        Ok(text) => {
            if !text.is_empty() {
                println!("{}", secretariat_core::text::for_terminal(&text));
            }
            0
        }
        Err(e) => {
            eprintln!("Lỗi: {}", secretariat_core::text::for_terminal(&e.message));
            1
        }
    }
}

fn output<T: Serialize>(json: bool, value: &T, text: impl FnOnce(&T) -> String) -> Result<String, AppError> {
    if json {
        serde_json::to_string_pretty(value).map_err(|e| AppError::storage(format!("Không tạo được JSON: {e}")))
    } else {
        Ok(text(value))
    }
}

fn execute(command: Command, data_dir: &Path, json: bool) -> Result<String, AppError> {
    if let Command::Bench { action } = command {
        return documents::bench(action, data_dir, json);
    }
    if let Command::Backup { action } = command {
        return backup::backup(action, data_dir, json);
    }
    let mut store = Store::open_in_dir(data_dir)?;
    execute_on(&mut store, command, data_dir, json)
}

/// Runs a command on an open store (the data folder's, or a backup's opened read-only).
fn execute_on(store: &mut Store, command: Command, data_dir: &Path, json: bool) -> Result<String, AppError> {
    let store = &mut *store;
    match command {
        Command::ExampleData { action: ExampleDataAction::Load { year } } => {
            let s = example_data::load(store, year)?;
            output(json, &s, |s| {
                format!(
                    "Đã nạp dữ liệu mẫu theo Quyết định số {} ngày {}: {} cơ quan, {} người, {} tổ chức, {} vị trí thành viên.",
                    s.decision_number,
                    secretariat_core::text::format_date_vi(s.decision_date),
                    s.agencies,
                    s.people,
                    s.bodies,
                    s.memberships
                )
            })
        }
        Command::Roster { action } => roster::roster(store, action, json),
        Command::Agency { action } => roster::agency(store, action, json),
        Command::Person { action } => roster::person(store, action, json),
        Command::Membership { action } => roster::membership(store, action, json),
        Command::Document { action } => documents::document(store, action, json),
        Command::Meeting { action } => meetings::meeting(store, data_dir, action, json),
        Command::Register { action } => documents::register(store, action, json),
        Command::Settings { action } => settings::settings(store, action, json),
        Command::Task { action } => followup::task(store, data_dir, action, json),
        Command::Plan { action } => followup::plan(store, action, json),
        Command::Incoming { action } => incoming::incoming(store, data_dir, action, json),
        Command::Files { action } => incoming::files(store, data_dir, action, json),
        Command::Archive { action } => archive::archive(store, data_dir, action, json),
        Command::Bench { .. } | Command::Backup { .. } => Ok(String::new()),
        Command::Search { query, limit, kinds, year, csv } => {
            let kinds = kinds.iter().map(|k| format::parse_search_kind(k)).collect::<Result<Vec<_>, AppError>>()?;
            let q = search::SearchQuery { text: query.clone(), kinds, year, limit, ..Default::default() };
            let hits = store.read(|c| search::search_with(c, &q))?;
            if csv {
                return Ok(search::results_csv(&hits).trim_start_matches('\u{feff}').trim_end().to_string());
            }
            output(json, &hits, |hits| {
                if hits.is_empty() {
                    return format!("Không tìm thấy kết quả cho \"{query}\".");
                }
                hits.iter()
                    .map(|h| {
                        let snippet: String = h.snippet.iter().map(|m| m.text.as_str()).collect();
                        let line = format!("{}\t{}\t{}\t{}", h.kind.label(), h.title, h.subtitle, h.id);
                        if snippet.is_empty() {
                            line
                        } else {
                            format!("{line}\n\t{snippet}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        Command::Db { action: DbAction::Info } => {
            let info = store.read(|c| {
                let counts = secretariat_core::roster::roster_counts(c)?;
                Ok(DbInfo {
                    data_dir: data_dir.display().to_string(),
                    database: data_dir.join(store::DB_FILE).display().to_string(),
                    schema_version: store::schema_version(c)?,
                    agencies: counts.agencies,
                    people: counts.people,
                    bodies: counts.bodies,
                    memberships: counts.memberships,
                })
            })?;
            output(json, &info, |i| {
                format!(
                    "Thư mục dữ liệu: {}\nCơ sở dữ liệu: {}\nPhiên bản lược đồ: {}\nCơ quan: {}, người: {}, tổ chức: {}, vị trí thành viên: {}",
                    i.data_dir, i.database, i.schema_version, i.agencies, i.people, i.bodies, i.memberships
                )
            })
        }
    }
}
