use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

/// Độ khẩn (Decree 30, Appendix I): how fast the document must be handled.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
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
pub enum IncomingUrgency {
    #[default]
    Normal,
    /// Khẩn
    Urgent,
    /// Thượng khẩn
    VeryUrgent,
    /// Hỏa tốc
    Flash,
}

impl IncomingUrgency {
    pub const ALL: [IncomingUrgency; 4] = [Self::Normal, Self::Urgent, Self::VeryUrgent, Self::Flash];

    pub fn label(self) -> &'static str {
        match self {
            Self::Normal => "Thường",
            Self::Urgent => "Khẩn",
            Self::VeryUrgent => "Thượng khẩn",
            Self::Flash => "Hỏa tốc",
        }
    }
}

crate::store::stored_names!(IncomingUrgency);

/// The decree's names of document types (Appendix III), offered for the type of a received
/// document; any other label may be typed.
pub const INCOMING_TYPE_NAMES: [&str; 22] = [
    "Công văn",
    "Quyết định",
    "Chỉ thị",
    "Thông báo",
    "Hướng dẫn",
    "Chương trình",
    "Kế hoạch",
    "Phương án",
    "Đề án",
    "Báo cáo",
    "Biên bản",
    "Tờ trình",
    "Giấy mời",
    "Giấy giới thiệu",
    "Công điện",
    "Nghị quyết",
    "Quy chế",
    "Quy định",
    "Dự án",
    "Hợp đồng",
    "Công thư",
    "Phiếu gửi",
];

/// What the secretary types when registering (or correcting) a received document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct IncomingInput {
    pub received_on: NaiveDate,
    /// The sender from the roster; `sender_name` may then stay empty (the agency's name is used).
    #[serde(default)]
    pub sender_agency_id: Option<String>,
    /// The sender as written on the document, when it is not in the roster.
    #[serde(default)]
    pub sender_name: String,
    #[serde(default)]
    pub number_symbol: String,
    #[serde(default)]
    pub document_date: Option<NaiveDate>,
    #[serde(default)]
    pub type_name: String,
    pub subject: String,
    #[serde(default)]
    pub urgency: IncomingUrgency,
    #[serde(default)]
    pub handling_agency_id: Option<String>,
    #[serde(default)]
    pub handler_person_id: Option<String>,
    /// Ngày chuyển: the day it was passed on to whoever handles it.
    #[serde(default)]
    pub passed_on: Option<NaiveDate>,
    /// Hạn xử lý: creates a follow-up task.
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
}

/// The file of a received document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct IncomingFile {
    pub sha256: String,
    /// The name it came with.
    pub name: String,
    /// Bytes (the size limit is at most 2 GB).
    pub size: u32,
    pub kind: String,
}

/// A registered document, as the list and the detail show it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct IncomingDocument {
    pub id: String,
    pub year: i32,
    pub incoming_number: u32,
    pub received_on: NaiveDate,
    pub sender_agency_id: Option<String>,
    pub sender_name: String,
    pub number_symbol: String,
    pub document_date: Option<NaiveDate>,
    pub type_name: String,
    pub subject: String,
    pub urgency: IncomingUrgency,
    pub urgency_label: String,
    pub handling_agency_id: Option<String>,
    pub handler_person_id: Option<String>,
    /// Who handles it, as one line ("Sở Tài chính; Nguyễn Văn A").
    pub handled_by: String,
    pub passed_on: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub task_id: Option<String>,
    pub file: Option<IncomingFile>,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct IncomingFilter {
    /// The year received (all years when `None`).
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub sender_agency_id: Option<String>,
    /// Words of the sender, number, type, subject or notes, without diacritics if wished.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub offset: u32,
    /// A page of at most this many (default 100, at most 500).
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct IncomingPage {
    /// Newest first: by year, then incoming number descending.
    pub items: Vec<IncomingDocument>,
    pub total: u32,
    /// Every year with a registered document, newest first.
    pub years: Vec<i32>,
}
