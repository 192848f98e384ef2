//! Types of a meeting that cross the boundary.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// Thường kỳ
    Regular,
    /// Đột xuất
    AdHoc,
    /// Sơ kết
    InterimReview,
    /// Tổng kết
    FinalReview,
}

impl MeetingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Regular => "regular",
            Self::AdHoc => "ad_hoc",
            Self::InterimReview => "interim_review",
            Self::FinalReview => "final_review",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Regular, Self::AdHoc, Self::InterimReview, Self::FinalReview].into_iter().find(|k| k.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Regular => "Thường kỳ",
            Self::AdHoc => "Đột xuất",
            Self::InterimReview => "Sơ kết",
            Self::FinalReview => "Tổng kết",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Chưa điểm danh
    Unknown,
    /// Có mặt
    Present,
    /// Vắng có lý do
    AbsentExcused,
    /// Vắng
    Absent,
    /// Cử người dự thay
    Substitute,
}

impl Attendance {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::Present => "present",
            Self::AbsentExcused => "absent_excused",
            Self::Absent => "absent",
            Self::Substitute => "substitute",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Unknown, Self::Present, Self::AbsentExcused, Self::Absent, Self::Substitute]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Unknown => "Chưa điểm danh",
            Self::Present => "Có mặt",
            Self::AbsentExcused => "Vắng có lý do",
            Self::Absent => "Vắng",
            Self::Substitute => "Cử người dự thay",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct MeetingInput {
    pub body_id: String,
    pub kind: MeetingKind,
    pub title: String,
    pub planned_start: NaiveDateTime,
    #[serde(default)]
    pub planned_end: Option<NaiveDateTime>,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub chair_person_id: Option<String>,
    /// The chair's title as printed, e.g. "Tổ trưởng Tổ Công tác".
    #[serde(default)]
    pub chair_title: String,
    #[serde(default)]
    pub secretary_person_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Meeting {
    pub id: String,
    pub body_id: String,
    pub body_name: String,
    pub kind: MeetingKind,
    pub kind_label: String,
    pub title: String,
    pub planned_start: NaiveDateTime,
    pub planned_end: Option<NaiveDateTime>,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_end: Option<NaiveDateTime>,
    pub place: String,
    pub chair_person_id: Option<String>,
    /// "Ông Võ Trọng Phú"
    pub chair_name: String,
    pub chair_title: String,
    pub secretary_person_id: Option<String>,
    pub secretary_name: String,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Invitee {
    pub id: String,
    pub membership_id: Option<String>,
    pub person_id: Option<String>,
    pub agency_id: Option<String>,
    /// "Ông Võ Trọng Phú", or empty for a seat with nobody named.
    pub name: String,
    /// "Phó Giám đốc Sở Thông tin và Truyền thông"
    pub post: String,
    pub agency_name: String,
    pub guest: bool,
    pub attendance: Attendance,
    pub attendance_label: String,
    pub absence_reason: String,
    pub substitute_name: String,
    pub substitute_post: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct GuestInput {
    pub name: String,
    #[serde(default)]
    pub post: String,
    #[serde(default)]
    pub agency_name: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct AttendanceInput {
    pub invitee_id: String,
    pub attendance: Attendance,
    #[serde(default)]
    pub absence_reason: String,
    #[serde(default)]
    pub substitute_name: String,
    #[serde(default)]
    pub substitute_post: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct AgendaInput {
    pub title: String,
    #[serde(default)]
    pub presenter_person_id: Option<String>,
    #[serde(default)]
    pub presenter_agency_id: Option<String>,
    /// Free text when the presenter is neither a person nor an agency on file.
    #[serde(default)]
    pub presenter_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AgendaFile {
    pub id: String,
    pub file_name: String,
    /// Relative to the data folder.
    pub stored_path: String,
    pub size: u32,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AgendaItem {
    pub id: String,
    pub position: u32,
    pub title: String,
    pub presenter_person_id: Option<String>,
    pub presenter_agency_id: Option<String>,
    /// "Ông Võ Trọng Phú" / "Sở Y tế" / the free text.
    pub presenter: String,
    pub notes: String,
    pub files: Vec<AgendaFile>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Monthly,
    Quarterly,
    Yearly,
}

impl Recurrence {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Monthly => "monthly",
            Self::Quarterly => "quarterly",
            Self::Yearly => "yearly",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Monthly, Self::Quarterly, Self::Yearly].into_iter().find(|r| r.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Monthly => "hằng tháng",
            Self::Quarterly => "hằng quý",
            Self::Yearly => "hằng năm",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ConclusionInput {
    pub text: String,
    #[serde(default)]
    pub lead_agency_id: Option<String>,
    #[serde(default)]
    pub coordinating_agency_ids: Vec<String>,
    #[serde(default)]
    pub deadline: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Conclusion {
    pub id: String,
    pub position: u32,
    pub text: String,
    pub lead_agency_id: Option<String>,
    pub lead_agency_name: String,
    pub coordinating_agency_ids: Vec<String>,
    pub coordinating_agency_names: Vec<String>,
    pub deadline: Option<chrono::NaiveDate>,
    pub recurrence: Option<Recurrence>,
    /// "trước ngày 31/12/2024", "hằng tháng", or "".
    pub deadline_label: String,
}
