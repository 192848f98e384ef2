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
