//! Types of follow-up that cross the boundary (window, command line).

use crate::deadline::Deadline;
use crate::documents::DocumentSummary;
use crate::meetings::Meeting;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

/// A task's status as of a date, derived from its deadline and progress (never typed).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Type,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum TaskStatus {
    /// Quá hạn: not done and its deadline has passed.
    Overdue,
    /// Sắp đến hạn: not done and due within the settings' number of days (today included).
    DueSoon,
    /// Đang thực hiện: not done, within its deadline, and the agency has reported on it (or
    /// an ongoing duty / a recurring report with nothing late).
    InProgress,
    /// Chưa đến hạn: not done, nothing reported yet, the deadline not near.
    NotDue,
    /// Hoàn thành quá hạn.
    DoneLate,
    /// Hoàn thành đúng hạn.
    DoneOnTime,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 6] =
        [Self::Overdue, Self::DueSoon, Self::InProgress, Self::NotDue, Self::DoneLate, Self::DoneOnTime];

    pub fn label(self) -> &'static str {
        match self {
            Self::Overdue => "Quá hạn",
            Self::DueSoon => "Sắp đến hạn",
            Self::InProgress => "Đang thực hiện",
            Self::NotDue => "Chưa đến hạn",
            Self::DoneLate => "Hoàn thành quá hạn",
            Self::DoneOnTime => "Hoàn thành đúng hạn",
        }
    }

    pub fn is_done(self) -> bool {
        matches!(self, Self::DoneLate | Self::DoneOnTime)
    }
}

crate::store::stored_names!(TaskStatus);

/// The groups of statuses the command line and the lists filter by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum StatusGroup {
    Overdue,
    DueSoon,
    /// Not done (whatever its deadline).
    Open,
    Done,
}

impl StatusGroup {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "overdue" => Some(Self::Overdue),
            "due-soon" | "due_soon" => Some(Self::DueSoon),
            "open" => Some(Self::Open),
            "done" => Some(Self::Done),
            _ => None,
        }
    }
    pub fn statuses(self) -> Vec<TaskStatus> {
        match self {
            Self::Overdue => vec![TaskStatus::Overdue],
            Self::DueSoon => vec![TaskStatus::DueSoon],
            Self::Open => TaskStatus::ALL.into_iter().filter(|s| !s.is_done()).collect(),
            Self::Done => vec![TaskStatus::DoneLate, TaskStatus::DoneOnTime],
        }
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Type,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum TaskSourceKind {
    /// A meeting's conclusion, given by its issued Thông báo kết luận.
    Conclusion,
    /// An item of a directive or plan document.
    Document,
    /// Typed by hand with its source.
    Manual,
}

impl TaskSourceKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Conclusion => "Kết luận cuộc họp",
            Self::Document => "Văn bản chỉ đạo, kế hoạch",
            Self::Manual => "Nhập tay",
        }
    }
}

crate::store::stored_names!(TaskSourceKind);

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    Type,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Priority {
    #[default]
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub fn label(self) -> &'static str {
        match self {
            Self::Normal => "Bình thường",
            Self::High => "Quan trọng",
            Self::Urgent => "Khẩn",
        }
    }
}

crate::store::stored_names!(Priority);

/// Where a task comes from, as cited.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct TaskSource {
    pub kind: TaskSourceKind,
    /// The issued document that gave the task (Thông báo kết luận, Kế hoạch…), if in the app.
    pub document_id: Option<String>,
    pub meeting_id: Option<String>,
    pub conclusion_id: Option<String>,
    /// "05/TB-BCĐCĐS"
    pub number: String,
    pub date: Option<NaiveDate>,
    /// Who directed it ("Chủ tịch UBND tỉnh").
    pub directed_by: String,
    /// What the source is ("Thông báo kết luận của Tổ trưởng tại cuộc họp …").
    pub title: String,
    /// As cited: "Thông báo số 05/TB-BCĐCĐS ngày 10/09/2024".
    pub label: String,
}

/// A task as typed by hand (or edited).
#[derive(Debug, Clone, Deserialize, Type)]
pub struct TaskInput {
    pub content: String,
    pub lead_agency_id: String,
    #[serde(default)]
    pub coordinating_agency_ids: Vec<String>,
    /// None: no deadline written (never overdue).
    #[serde(default)]
    pub deadline: Option<Deadline>,
    #[serde(default)]
    pub priority: Priority,
    /// The directing document's number and symbol ("125/UBND-KT").
    #[serde(default)]
    pub source_number: String,
    #[serde(default)]
    pub source_date: Option<NaiveDate>,
    #[serde(default)]
    pub source_directed_by: String,
    /// What the source is ("Công văn của UBND tỉnh về …").
    #[serde(default)]
    pub source_title: String,
    /// The day it was given; none: the source's date.
    #[serde(default)]
    pub assigned_on: Option<NaiveDate>,
}

/// The latest report on a task.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ReportBrief {
    pub date: NaiveDate,
    pub text: String,
    pub report_number: String,
}

/// One row of the task list, as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct TaskSummary {
    pub id: String,
    pub content: String,
    pub source: TaskSource,
    /// The lead agency as of the date: the successor of a merged agency once the task was
    /// handed over.
    pub lead_agency_id: Option<String>,
    pub lead_agency_name: String,
    /// The agency first given the task when it was handed over on a merger.
    pub original_lead_agency_name: Option<String>,
    pub coordinating_agency_names: Vec<String>,
    /// The deadline in force (after extensions decided by the date).
    pub deadline: Option<Deadline>,
    /// "trước ngày 31/12/2024", "quý IV năm 2024", "hằng tháng, trước ngày 25", "thường
    /// xuyên", "" when none.
    pub deadline_label: String,
    /// The date that counts: the one-off deadline in force, or a recurring report's next (or
    /// oldest late) due date.
    pub due_date: Option<NaiveDate>,
    /// Extended at least once by the date.
    pub extended: bool,
    pub priority: Priority,
    pub status: TaskStatus,
    pub status_label: String,
    /// Days past the due date (overdue or done late).
    pub days_overdue: Option<i32>,
    /// The date of the report that completed it.
    pub done_on: Option<NaiveDate>,
    pub last_report: Option<ReportBrief>,
    pub assigned_on: NaiveDate,
}

/// A recurring report's period: its due date and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Occurrence {
    pub due_date: NaiveDate,
    pub status: TaskStatus,
    pub status_label: String,
    pub done_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Progress {
    pub id: String,
    pub date: NaiveDate,
    pub text: String,
    pub report_number: String,
    pub completes: bool,
    /// For a recurring report: the period (its due date) this report answers.
    pub occurrence_due: Option<NaiveDate>,
    /// The attached file's name and its place in the data folder (relative).
    pub file_name: Option<String>,
    pub stored_path: Option<String>,
}

/// A report of progress as recorded.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct ProgressInput {
    pub date: NaiveDate,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub report_number: String,
    /// The report completes the task (or the recurring period `occurrence_due`).
    #[serde(default)]
    pub completes: bool,
    /// For a recurring report: the due date of the period it answers; none: the oldest one
    /// not yet done.
    #[serde(default)]
    pub occurrence_due: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Extension {
    pub id: String,
    pub deadline: Deadline,
    pub deadline_label: String,
    pub due_date: Option<NaiveDate>,
    pub decided_on: NaiveDate,
    pub decision: String,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ExtensionInput {
    pub deadline: Deadline,
    pub decided_on: NaiveDate,
    /// The decision's number and symbol ("125/UBND-KT").
    pub decision: String,
    #[serde(default)]
    pub reason: String,
}

/// A chasing letter that named the task.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Letter {
    pub document_id: String,
    /// None while the letter is a draft.
    pub number_symbol: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub status_label: String,
}

/// A handover of the task to the agency a lead agency merged into.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Handover {
    pub on: NaiveDate,
    pub from_agency_name: String,
    pub to_agency_name: String,
}

/// A task's page: everything about it as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct TaskDetail {
    pub task: TaskSummary,
    pub original_deadline: Option<Deadline>,
    pub original_deadline_label: String,
    pub coordinating_agency_ids: Vec<String>,
    pub occurrences: Vec<Occurrence>,
    pub progress: Vec<Progress>,
    pub extensions: Vec<Extension>,
    pub letters: Vec<Letter>,
    pub handovers: Vec<Handover>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum TaskSort {
    /// Due date, soonest first (tasks without one last).
    #[default]
    Due,
    Status,
    Agency,
    Source,
    Assigned,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct TaskFilter {
    pub as_of: NaiveDate,
    #[serde(default)]
    pub agency_id: Option<String>,
    /// Any of these statuses; empty: all.
    #[serde(default)]
    pub statuses: Vec<TaskStatus>,
    #[serde(default)]
    pub source_kind: Option<TaskSourceKind>,
    /// A meeting's or a document's tasks.
    #[serde(default)]
    pub meeting_id: Option<String>,
    #[serde(default)]
    pub document_id: Option<String>,
    /// The due date in force within [from, to].
    #[serde(default)]
    pub due_from: Option<NaiveDate>,
    #[serde(default)]
    pub due_to: Option<NaiveDate>,
    /// Words of the content, source or agency, diacritics ignored.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub sort: TaskSort,
    #[serde(default)]
    pub descending: bool,
    #[serde(default)]
    pub offset: u32,
    #[serde(default)]
    pub limit: Option<u32>,
}

impl TaskFilter {
    pub fn as_of(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            agency_id: None,
            statuses: vec![],
            source_kind: None,
            meeting_id: None,
            document_id: None,
            due_from: None,
            due_to: None,
            text: String::new(),
            sort: TaskSort::Due,
            descending: false,
            offset: 0,
            limit: None,
        }
    }
}

/// How many tasks are in each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Type)]
pub struct StatusCounts {
    pub total: u32,
    pub overdue: u32,
    pub due_soon: u32,
    pub in_progress: u32,
    pub not_due: u32,
    pub done_late: u32,
    pub done_on_time: u32,
}

impl StatusCounts {
    pub fn add(&mut self, s: TaskStatus) {
        self.total += 1;
        match s {
            TaskStatus::Overdue => self.overdue += 1,
            TaskStatus::DueSoon => self.due_soon += 1,
            TaskStatus::InProgress => self.in_progress += 1,
            TaskStatus::NotDue => self.not_due += 1,
            TaskStatus::DoneLate => self.done_late += 1,
            TaskStatus::DoneOnTime => self.done_on_time += 1,
        }
    }
    pub fn done(&self) -> u32 {
        self.done_late + self.done_on_time
    }
    pub fn open(&self) -> u32 {
        self.total - self.done()
    }
    /// Done on time among the done, in percent; none when nothing is done.
    pub fn on_time_rate(&self) -> Option<f64> {
        (self.done() > 0).then(|| f64::from(self.done_on_time) * 100.0 / f64::from(self.done()))
    }
    /// Done among all, in percent; none when there is no task.
    pub fn completion_rate(&self) -> Option<f64> {
        (self.total > 0).then(|| f64::from(self.done()) * 100.0 / f64::from(self.total))
    }
}

/// One page of the task list, and the counts of every task matching the filter (before the
/// status filter and paging).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct TaskPage {
    pub items: Vec<TaskSummary>,
    /// Tasks matching the filter, statuses included (for paging).
    pub total: u32,
    pub offset: u32,
    /// Counts per status of the tasks matching every filter but the statuses.
    pub counts: StatusCounts,
}

/// One agency's record as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AgencySummary {
    /// None: tasks whose conclusion named no lead agency.
    pub agency_id: Option<String>,
    pub agency_name: String,
    pub counts: StatusCounts,
    pub on_time_rate: Option<f64>,
    pub completion_rate: Option<f64>,
    pub last_report: Option<NaiveDate>,
}

/// A source (meeting or document) with its tasks and where each stands.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SourceSummary {
    pub source: TaskSource,
    pub counts: StatusCounts,
    pub tasks: Vec<TaskSummary>,
}

/// The home screen (Tổng quan), as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct HomeSummary {
    pub as_of: NaiveDate,
    pub due_soon_days: u32,
    /// Meetings from the date on, soonest first (at most 10).
    pub upcoming_meetings: Vec<Meeting>,
    pub overdue: Vec<TaskSummary>,
    pub due_soon: Vec<TaskSummary>,
    pub counts: StatusCounts,
    /// Drafts waiting, most recently changed first (at most 10) and how many in all.
    pub drafts: Vec<DocumentSummary>,
    pub drafts_total: u32,
    /// Documents issued in the date's month, newest first.
    pub issued_this_month: Vec<DocumentSummary>,
}

/// Settings of follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FollowupSettings {
    /// A task not done and due within this many days is "sắp đến hạn".
    pub due_soon_days: u32,
}

impl Default for FollowupSettings {
    fn default() -> Self {
        Self { due_soon_days: 7 }
    }
}

/// The figures of a period's report.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ReportFigures {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub counts: StatusCounts,
    pub agencies: Vec<AgencySummary>,
    pub overdue: Vec<TaskSummary>,
}
