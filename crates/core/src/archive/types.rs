use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

/// Thời hạn bảo quản: how long a file is kept (the archive law's retention table).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Type,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Retention {
    #[serde(rename = "years_5")]
    #[strum(serialize = "years_5")]
    Years5,
    #[serde(rename = "years_10")]
    #[strum(serialize = "years_10")]
    Years10,
    #[serde(rename = "years_20")]
    #[strum(serialize = "years_20")]
    Years20,
    #[serde(rename = "years_30")]
    #[strum(serialize = "years_30")]
    Years30,
    #[serde(rename = "years_50")]
    #[strum(serialize = "years_50")]
    Years50,
    #[serde(rename = "years_70")]
    #[strum(serialize = "years_70")]
    Years70,
    /// Vĩnh viễn
    Permanent,
}

impl Retention {
    pub const ALL: [Retention; 7] =
        [Self::Years5, Self::Years10, Self::Years20, Self::Years30, Self::Years50, Self::Years70, Self::Permanent];

    pub fn label(self) -> &'static str {
        match self {
            Self::Years5 => "5 năm",
            Self::Years10 => "10 năm",
            Self::Years20 => "20 năm",
            Self::Years30 => "30 năm",
            Self::Years50 => "50 năm",
            Self::Years70 => "70 năm",
            Self::Permanent => "Vĩnh viễn",
        }
    }
    /// Reads what a person types on the command line: "5", "10 năm", "vinh vien", "permanent".
    pub fn from_user(s: &str) -> Option<Self> {
        let f = crate::text::fold(s);
        let f = f.trim();
        if let Some(r) = Self::parse(f) {
            return Some(r);
        }
        if f.starts_with("vinh vien") || f == "permanent" || f == "vv" {
            return Some(Self::Permanent);
        }
        let n = f.trim_end_matches("nam").trim();
        Self::ALL.into_iter().find(|r| r.label().trim_end_matches(" năm") == n)
    }
}

crate::store::stored_names!(Retention, ItemKind);

/// What kind of record an item of a file is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Type,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ItemKind {
    /// An issued document (văn bản đi).
    Document,
    /// An incoming document (văn bản đến).
    Incoming,
    /// A meeting's record (hồ sơ cuộc họp).
    Meeting,
}

impl ItemKind {
    pub const ALL: [ItemKind; 3] = [Self::Document, Self::Incoming, Self::Meeting];
    pub fn label(self) -> &'static str {
        match self {
            Self::Document => "Văn bản đi",
            Self::Incoming => "Văn bản đến",
            Self::Meeting => "Cuộc họp",
        }
    }
}

/// Where a file stands against its handover deadline (see the module docs for the rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum HandoverState {
    /// Handed over (a handover package was made).
    HandedOver,
    /// More than [`super::HANDOVER_WARNING_DAYS`] days left.
    InTime,
    /// The deadline is near.
    DueSoon,
    /// The deadline has passed.
    Overdue,
}

/// What the secretary types for a file of the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ArchiveFileInput {
    pub year: i32,
    /// Số, ký hiệu hồ sơ, e.g. "01.TCT".
    pub code: String,
    pub title: String,
    pub retention: Retention,
    /// The keeper from the roster; `keeper_name` may then stay empty.
    #[serde(default)]
    pub keeper_person_id: Option<String>,
    /// The keeper as a name, when not in the roster.
    #[serde(default)]
    pub keeper_name: String,
    #[serde(default)]
    pub notes: String,
}

/// A file of the list, with what the list shows.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ArchiveFile {
    pub id: String,
    pub year: i32,
    pub code: String,
    pub title: String,
    pub retention: Retention,
    pub retention_label: String,
    pub keeper_person_id: Option<String>,
    pub keeper_name: String,
    pub notes: String,
    pub closed_on: Option<NaiveDate>,
    /// Why it was last reopened (empty if never).
    pub reopen_reason: String,
    pub handed_over_on: Option<NaiveDate>,
    pub item_count: u32,
    /// The first and last item's date (thời gian bắt đầu, kết thúc).
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// The day by which it must be handed to the agency archive.
    pub handover_due: NaiveDate,
    pub handover_state: HandoverState,
    /// Vietnamese: the warning to show (empty when none).
    pub handover_warning: String,
    pub created_at: String,
    pub updated_at: String,
}

/// One item of a file, in the file's order.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ArchiveItem {
    pub id: String,
    pub file_id: String,
    /// Số thứ tự in the file (1, 2, …), by date.
    pub ordinal: u32,
    pub kind: ItemKind,
    pub kind_label: String,
    /// The record's id (document, incoming document or meeting).
    pub record_id: String,
    /// Số, ký hiệu ("05/TB-BCĐCĐS"); empty for a meeting.
    pub number_symbol: String,
    /// The date the item is ordered by: the document's date, the meeting's day.
    pub date: NaiveDate,
    /// Tác giả: the issuing body or the sender.
    pub author: String,
    /// Tên loại ("Thông báo", "Công văn", "Cuộc họp").
    pub type_name: String,
    /// Trích yếu nội dung.
    pub subject: String,
    pub page_count: Option<u32>,
    pub filed_at: String,
}

/// A file with its items.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ArchiveFileDetail {
    pub file: ArchiveFile,
    pub items: Vec<ArchiveItem>,
}

/// A year's file list.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ArchiveYear {
    pub year: i32,
    pub files: Vec<ArchiveFile>,
    /// Every year with a file, and the current year, newest first.
    pub years: Vec<i32>,
}

/// The files a record is filed in (for the "Đưa vào hồ sơ" dialog).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct FilingOptions {
    /// The open files of the record's year (and of the current year), code order.
    pub open_files: Vec<ArchiveFile>,
    /// The ids of the files the record is already in.
    pub filed_in: Vec<String>,
}
