//! The typed document model: what a secretary drafts, what a JSON import contains, and what
//! the PDF renderer lays out. The body is made of structured blocks, never free HTML.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

/// The nine kinds of document the secretariat issues (Decree 30, Appendix III).
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
pub enum DocumentType {
    /// Thông báo — TB
    Announcement,
    /// Biên bản — BB
    Minutes,
    /// Giấy mời — GM
    Invitation,
    /// Báo cáo — BC
    Report,
    /// Kế hoạch — KH
    Plan,
    /// Chương trình — CTr
    Programme,
    /// Tờ trình — TTr
    Submission,
    /// Quyết định — QĐ
    Decision,
    /// Công văn — no type code; a "V/v" subject under the number
    OfficialLetter,
}

impl DocumentType {
    pub const ALL: [DocumentType; 9] = [
        Self::Announcement,
        Self::Minutes,
        Self::Invitation,
        Self::Report,
        Self::Plan,
        Self::Programme,
        Self::Submission,
        Self::Decision,
        Self::OfficialLetter,
    ];

    /// The abbreviation in the number ("TB" in `05/TB-BCĐCĐS`); empty for a công văn.
    pub fn code(self) -> &'static str {
        match self {
            Self::Announcement => "TB",
            Self::Minutes => "BB",
            Self::Invitation => "GM",
            Self::Report => "BC",
            Self::Plan => "KH",
            Self::Programme => "CTr",
            Self::Submission => "TTr",
            Self::Decision => "QĐ",
            Self::OfficialLetter => "",
        }
    }

    /// The name printed above the subject; a công văn has none.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Announcement => "THÔNG BÁO",
            Self::Minutes => "BIÊN BẢN",
            Self::Invitation => "GIẤY MỜI",
            Self::Report => "BÁO CÁO",
            Self::Plan => "KẾ HOẠCH",
            Self::Programme => "CHƯƠNG TRÌNH",
            Self::Submission => "TỜ TRÌNH",
            Self::Decision => "QUYẾT ĐỊNH",
            Self::OfficialLetter => "",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Announcement => "Thông báo",
            Self::Minutes => "Biên bản",
            Self::Invitation => "Giấy mời",
            Self::Report => "Báo cáo",
            Self::Plan => "Kế hoạch",
            Self::Programme => "Chương trình",
            Self::Submission => "Tờ trình",
            Self::Decision => "Quyết định",
            Self::OfficialLetter => "Công văn",
        }
    }
}

crate::store::stored_names!(DocumentType);

/// How urgent the document is, printed under the number when set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// KHẨN
    Urgent,
    /// THƯỢNG KHẨN
    VeryUrgent,
    /// HỎA TỐC
    Flash,
}

impl Urgency {
    pub fn label(self) -> &'static str {
        match self {
            Self::Urgent => "KHẨN",
            Self::VeryUrgent => "THƯỢNG KHẨN",
            Self::Flash => "HỎA TỐC",
        }
    }
}

crate::store::variants!(Urgency);

/// A piece of text with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
pub struct Run {
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub underline: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), ..Default::default() }
    }
}

/// The decree's headings inside a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum HeadingKind {
    /// "Phần I" — centred, bold, Roman numeral
    Part,
    /// "Chương I" — centred, bold, Roman numeral
    Chapter,
    /// "Mục 1" — centred, bold, Arabic numeral
    Section,
    /// "Điều 1." — indented, bold
    Article,
    /// "I." — a Roman-numbered heading, as reports and plans use
    Roman,
}

/// One block of the body. Clauses are numbered 1., 2., … and points a), b), … đ), … in
/// Vietnamese alphabet order automatically, from their position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        runs: Vec<Run>,
    },
    Heading {
        heading: HeadingKind,
        /// The heading's title, printed after its number ("Điều 1. Phạm vi điều chỉnh").
        #[serde(default)]
        title: String,
    },
    /// "1. …" — numbered within the current heading.
    Clause {
        runs: Vec<Run>,
    },
    /// "a) …" — lettered within the current clause.
    Point {
        runs: Vec<Run>,
    },
    /// "- …"
    Dash {
        runs: Vec<Run>,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        /// Relative column widths; equal when empty.
        #[serde(default)]
        widths: Vec<f32>,
    },
    /// A bar chart drawn by the PDF engine: one horizontal bar per row, split into stacked
    /// segments, one per series (e.g. completion by agency: on time, late, open, overdue).
    Chart {
        title: String,
        /// The segments' names, in order, printed in the legend.
        series: Vec<String>,
        bars: Vec<ChartBar>,
    },
}

/// One bar of a chart: its label and one value per series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ChartBar {
    pub label: String,
    pub values: Vec<f32>,
}

/// Prefix of a signing authority (Decree 30, Appendix I).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// TM. — on behalf of a collective
    Tm,
    /// KT. — a deputy signing for the head
    Kt,
    /// Q. — acting head
    Q,
    /// TL. — by order
    Tl,
    /// TUQ. — by delegation
    Tuq,
}

impl Authority {
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Tm => "TM.",
            Self::Kt => "KT.",
            Self::Q => "Q.",
            Self::Tl => "TL.",
            Self::Tuq => "TUQ.",
        }
    }
}

/// One signing block: "TM. BAN CHỈ ĐẠO / KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN", then the name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Signer {
    #[serde(default)]
    pub authority: Option<Authority>,
    /// What the prefix applies to, e.g. "TỔ CÔNG TÁC" after "TM.".
    #[serde(default)]
    pub on_behalf_of: String,
    /// Title lines, e.g. ["TỔ TRƯỞNG", "PHÓ GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG"].
    #[serde(default)]
    pub titles: Vec<String>,
    /// The signer's name, without academic titles.
    #[serde(default)]
    pub name: String,
}

/// Who issues: printed in the header, and the symbol in the number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Issuer {
    /// Cơ quan chủ quản, e.g. "UBND TỈNH NGHỆ AN".
    pub parent_body: String,
    /// The issuing body, e.g. "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ".
    pub issuing_body: String,
    /// The symbol in numbers, e.g. "BCĐCĐS".
    pub symbol: String,
    /// The drafting unit's symbol for công văn numbers and "Lưu", e.g. "TCT".
    #[serde(default)]
    pub unit_symbol: String,
    /// Place name in the date line, e.g. "Nghệ An".
    pub place: String,
}

/// Everything a document says. A draft has no number and may have no date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct DocumentContent {
    pub doc_type: DocumentType,
    #[serde(default)]
    pub number: Option<u32>,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Trích yếu; for a công văn the text after "V/v".
    pub subject: String,
    #[serde(default)]
    pub urgency: Option<Urgency>,
    /// "Kính gửi: …" lines (letters, reports, submissions).
    #[serde(default)]
    pub addressees: Vec<String>,
    /// For a decision (or a decision-like text): who enacts it, printed in capitals under the
    /// subject, e.g. "TRƯỞNG BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH". A decision then prints
    /// "QUYẾT ĐỊNH:" after its legal bases.
    #[serde(default)]
    pub enacting_authority: String,
    /// Căn cứ, each printed in italics, ending with ";" (the last with ".").
    #[serde(default)]
    pub legal_bases: Vec<String>,
    #[serde(default)]
    pub body: Vec<Block>,
    /// One signing block, or two for minutes (THƯ KÝ left, CHỦ TỌA right).
    #[serde(default)]
    pub signers: Vec<Signer>,
    /// Nơi nhận, without the final "Lưu" line.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Where the file copy is kept: "VT, TCT" gives "- Lưu: VT, TCT.".
    #[serde(default = "default_archive")]
    pub archive: String,
    /// The issuing body (`IssuingAuthority::id` in the settings): header, symbol and "Lưu"
    /// come from it. Empty in drafts saved before bodies existed: the type's default body.
    #[serde(default)]
    pub authority_id: String,
    /// How the (last) signing block was composed from the roster, when it was; None for a
    /// block typed by hand.
    #[serde(default)]
    pub signer_choice: Option<super::authority::SignerChoice>,
}

fn default_archive() -> String {
    "VT".to_string()
}

/// The number as printed: "05/TB-BCĐCĐS", or "15/BCĐCĐS-TCT" for a công văn; a draft
/// shows an empty number ("     /TB-BCĐCĐS").
pub fn number_and_symbol(doc_type: DocumentType, number: Option<u32>, issuer: &Issuer) -> String {
    let n = match number {
        Some(n) if n < 10 => format!("{n:02}"),
        Some(n) => n.to_string(),
        None => "      ".to_string(),
    };
    let symbol = if doc_type == DocumentType::OfficialLetter {
        if issuer.unit_symbol.is_empty() {
            issuer.symbol.clone()
        } else {
            format!("{}-{}", issuer.symbol, issuer.unit_symbol)
        }
    } else {
        format!("{}-{}", doc_type.code(), issuer.symbol)
    };
    format!("{n}/{symbol}")
}

/// "Nghệ An, ngày 05 tháng 01 năm 2025": day < 10 and months 1–2 take a leading zero.
pub fn place_and_date(place: &str, date: Option<NaiveDate>) -> String {
    use chrono::Datelike;
    match date {
        Some(d) => {
            let month = if d.month() <= 2 { format!("{:02}", d.month()) } else { d.month().to_string() };
            format!("{place}, ngày {:02} tháng {month} năm {}", d.day(), d.year())
        }
        None => format!("{place}, ngày      tháng      năm       "),
    }
}

/// Points are lettered in Vietnamese alphabet order: a b c d đ e g h i k l m n o p q r s t u v x y.
pub fn point_letter(index: usize) -> String {
    const LETTERS: [&str; 23] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x",
        "y",
    ];
    let base = LETTERS[index % LETTERS.len()];
    let round = index / LETTERS.len();
    if round == 0 {
        base.to_string()
    } else {
        format!("{base}{round}")
    }
}

/// I, II, III, IV…
pub fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}
