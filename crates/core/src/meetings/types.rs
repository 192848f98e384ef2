//! Types of a meeting that cross the boundary.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use specta::Type;

pub use crate::deadline::{Deadline, Period, Recurrence};
use crate::roster::Role;

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
    pub fn label(self) -> &'static str {
        match self {
            Self::Regular => "Thường kỳ",
            Self::AdHoc => "Đột xuất",
            Self::InterimReview => "Sơ kết",
            Self::FinalReview => "Tổng kết",
        }
    }
}

crate::store::stored_names!(MeetingKind);

/// The form of the gathering, which names it in the documents: "Phiên họp Ban Chỉ đạo …",
/// "cuộc họp Tổ Công tác …". Separate from [`MeetingKind`] (regular, ad hoc…).
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
pub enum MeetingForm {
    /// Phiên họp (a session of a body)
    Session,
    /// Cuộc họp
    Meeting,
    /// Hội nghị
    Conference,
    /// Buổi làm việc
    WorkingSession,
}

impl MeetingForm {
    pub const ALL: [MeetingForm; 4] = [Self::Session, Self::Meeting, Self::Conference, Self::WorkingSession];
    /// At the start of a line or sentence: "Phiên họp", "Cuộc họp", "Hội nghị", "Buổi làm việc".
    pub fn label(self) -> &'static str {
        match self {
            Self::Session => "Phiên họp",
            Self::Meeting => "Cuộc họp",
            Self::Conference => "Hội nghị",
            Self::WorkingSession => "Buổi làm việc",
        }
    }
    /// Inside a sentence. A phiên họp or hội nghị named with its body is a proper name and
    /// keeps its capital ("tại Phiên họp Ban Chỉ đạo …"); a cuộc họp or buổi làm việc does not
    /// ("tại cuộc họp Tổ Công tác …").
    pub fn in_sentence(self) -> &'static str {
        match self {
            Self::Session => "Phiên họp",
            Self::Meeting => "cuộc họp",
            Self::Conference => "Hội nghị",
            Self::WorkingSession => "buổi làm việc",
        }
    }
}

crate::store::stored_names!(MeetingForm);

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

crate::store::stored_names!(Attendance);

#[derive(Debug, Clone, Deserialize, Type)]
pub struct MeetingInput {
    pub body_id: String,
    pub kind: MeetingKind,
    /// The form chosen in the window; a subject typed with a form word in front ("Phiên họp
    /// Ban Chỉ đạo …") takes that form instead.
    pub form: MeetingForm,
    /// What the meeting is, without the form word: "Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024".
    pub subject: String,
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
    pub form: MeetingForm,
    pub form_label: String,
    /// Without the form word: "Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024".
    pub subject: String,
    /// Form and subject, for lists and headings: "Phiên họp Ban Chỉ đạo … quý III năm 2024".
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
    /// The seat's role in its body (none for a guest).
    pub role: Option<Role>,
    /// "Ông Võ Trọng Phú", or empty for a seat with nobody named.
    pub name: String,
    /// "Phó Giám đốc Sở Thông tin và Truyền thông"; for a seat with nobody named, who is
    /// invited: "Lãnh đạo Sở Y tế".
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

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ConclusionInput {
    pub text: String,
    #[serde(default)]
    pub lead_agency_id: Option<String>,
    #[serde(default)]
    pub coordinating_agency_ids: Vec<String>,
    /// As written: a date, a period's end, a recurring report, or "thường xuyên".
    #[serde(default)]
    pub deadline: Option<Deadline>,
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
    pub deadline: Option<Deadline>,
    /// The date a one-off deadline stands for (a period's last day); none for recurring and
    /// ongoing ones.
    pub due_date: Option<chrono::NaiveDate>,
    /// "trước ngày 31/12/2024", "quý IV năm 2024", "hằng tháng, trước ngày 25", "thường
    /// xuyên", or "".
    pub deadline_label: String,
}
