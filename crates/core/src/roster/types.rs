//! Types of the roster that cross the boundary to the UI and the CLI's JSON output.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

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
pub enum AgencyKind {
    /// Sở
    Department,
    /// Ban
    Board,
    /// Ngành (Công an tỉnh, Ngân hàng Nhà nước chi nhánh…)
    Sector,
    /// Địa phương (huyện, thành phố, thị xã, xã)
    Locality,
    Other,
}

impl AgencyKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Department => "Sở",
            Self::Board => "Ban",
            Self::Sector => "Ngành",
            Self::Locality => "Địa phương",
            Self::Other => "Khác",
        }
    }
}

crate::store::stored_names!(AgencyKind);

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
pub enum Honorific {
    /// Ông
    Ong,
    /// Bà
    Ba,
    None,
}

impl Honorific {
    pub fn label(self) -> &'static str {
        match self {
            Self::Ong => "Ông",
            Self::Ba => "Bà",
            Self::None => "",
        }
    }
}

crate::store::stored_names!(Honorific);

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
pub enum BodyKind {
    SteeringCommittee,
    TaskForce,
    WorkGroup,
}

impl BodyKind {
    /// The roles a body of this kind has, highest rank first.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Self::SteeringCommittee => &[Role::Head, Role::DeputyHead, Role::CommitteeMember],
            Self::TaskForce => &[Role::Leader, Role::DeputyLeader, Role::Member, Role::Secretary],
            Self::WorkGroup => &[Role::GroupLead, Role::GroupMember],
        }
    }
}

crate::store::stored_names!(BodyKind);

/// A role in a body. The declaration order is the rank used to order rosters (protocol order:
/// a body's roles rank as [`BodyKind::roles`] lists them); see [`Role::rank`].
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
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
pub enum Role {
    /// Trưởng Ban Chỉ đạo
    Head,
    /// Phó Trưởng Ban Chỉ đạo
    DeputyHead,
    /// Ủy viên Ban Chỉ đạo
    CommitteeMember,
    /// Tổ trưởng
    Leader,
    /// Tổ phó
    DeputyLeader,
    /// Tổ viên
    Member,
    /// Thư ký of the task force (drafts minutes, keeps records); ranked after the members.
    Secretary,
    /// Trưởng nhóm
    GroupLead,
    /// Thành viên nhóm
    GroupMember,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Head,
        Role::DeputyHead,
        Role::CommitteeMember,
        Role::Leader,
        Role::DeputyLeader,
        Role::Member,
        Role::Secretary,
        Role::GroupLead,
        Role::GroupMember,
    ];
    /// Protocol rank: lower comes first. Within a body the roles rank as [`BodyKind::roles`]
    /// lists them (head, deputies, members, secretaries); across bodies the committee's roles
    /// come before the task force's, then the work groups'. Sort people by
    /// `(role.rank(), seat_order)` to list them in protocol order.
    pub fn rank(self) -> u8 {
        self as u8
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Head => "Trưởng ban",
            Self::DeputyHead => "Phó Trưởng ban",
            Self::CommitteeMember => "Ủy viên",
            Self::Leader => "Tổ trưởng",
            Self::DeputyLeader => "Tổ phó",
            Self::Member => "Tổ viên",
            Self::Secretary => "Thư ký",
            Self::GroupLead => "Trưởng nhóm",
            Self::GroupMember => "Thành viên nhóm",
        }
    }
}

crate::store::stored_names!(Role);

/// One name an agency had from a date.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AgencyName {
    pub full_name: String,
    pub short_name: String,
    /// `None`: since the agency was recorded.
    pub valid_from: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Agency {
    pub id: String,
    pub kind: AgencyKind,
    /// The current name (the last of `names`).
    pub full_name: String,
    pub short_name: String,
    /// Every name, oldest first.
    pub names: Vec<AgencyName>,
    pub merged_into_id: Option<String>,
    pub merged_into_name: Option<String>,
    pub merged_on: Option<NaiveDate>,
    pub notes: String,
    pub sort_order: i32,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Deserialize, Type)]
pub struct AgencyInput {
    pub kind: Option<AgencyKind>,
    pub full_name: String,
    #[serde(default)]
    pub short_name: String,
    #[serde(default)]
    pub notes: String,
}

/// Renaming from a date keeps the old name for records dated before it.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct AgencyRename {
    pub agency_id: String,
    pub full_name: String,
    #[serde(default)]
    pub short_name: String,
    pub from: NaiveDate,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct AgencyMerge {
    pub agency_id: String,
    pub into_agency_id: String,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Person {
    pub id: String,
    pub full_name: String,
    pub honorific: Honorific,
    /// Post at the agency, e.g. "Phó Giám đốc".
    pub post: String,
    pub agency_id: Option<String>,
    /// The agency's current name.
    pub agency_name: Option<String>,
    pub phone: String,
    pub email: String,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct PersonInput {
    pub full_name: String,
    pub honorific: Honorific,
    #[serde(default)]
    pub post: String,
    #[serde(default)]
    pub agency_id: Option<String>,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Body {
    pub id: String,
    pub kind: BodyKind,
    pub name: String,
    pub short_name: String,
    pub parent_id: Option<String>,
    pub host_agency_id: Option<String>,
    /// The roles of this body, highest first, with their Vietnamese names.
    pub roles: Vec<RoleInfo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Type)]
pub struct RoleInfo {
    pub role: Role,
    pub label: &'static str,
}

impl From<Role> for RoleInfo {
    fn from(role: Role) -> Self {
        Self { role, label: role.label() }
    }
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct WorkGroupInput {
    pub parent_id: String,
    pub name: String,
    #[serde(default)]
    pub short_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Membership {
    pub id: String,
    pub body_id: String,
    pub role: Role,
    pub person_id: Option<String>,
    pub agency_id: Option<String>,
    pub post: String,
    pub start_date: NaiveDate,
    /// First day the holder no longer sits; `None` while in office.
    pub end_date: Option<NaiveDate>,
    pub decision_number: String,
    pub decision_date: Option<NaiveDate>,
    pub end_decision_number: String,
    pub end_decision_date: Option<NaiveDate>,
    pub end_reason: String,
    pub replaces_id: Option<String>,
    /// Protocol order of the seat inside its role group (the founding decision's order; the
    /// secretary may move it). A replacement keeps the order of the seat it replaces; a new
    /// seat goes last. Sort by `(role.rank(), seat_order)`.
    pub seat_order: i32,
    pub notes: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct MembershipInput {
    pub body_id: String,
    pub role: Role,
    #[serde(default)]
    pub person_id: Option<String>,
    /// A person to create and seat in the same transaction (instead of `person_id`).
    #[serde(default)]
    pub new_person: Option<PersonInput>,
    /// The agency holding the seat; defaults to the person's agency.
    #[serde(default)]
    pub agency_id: Option<String>,
    /// The holder's post at the time; defaults to the person's post.
    #[serde(default)]
    pub post: Option<String>,
    pub start_date: NaiveDate,
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    #[serde(default)]
    pub decision_number: String,
    #[serde(default)]
    pub decision_date: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct EndMembership {
    pub membership_id: String,
    /// First day no longer in office.
    pub end_date: NaiveDate,
    #[serde(default)]
    pub end_decision_number: String,
    #[serde(default)]
    pub end_decision_date: Option<NaiveDate>,
    #[serde(default)]
    pub end_reason: String,
}

/// Kiện toàn, or cử người for a seat that names only an agency or nobody: the seat passes to
/// another holder from `date`, by the decision that names them (required).
#[derive(Debug, Clone, Deserialize, Type)]
pub struct ReplaceMember {
    pub membership_id: String,
    #[serde(default)]
    pub person_id: Option<String>,
    /// A person to create and seat in the same transaction (instead of `person_id`).
    #[serde(default)]
    pub new_person: Option<PersonInput>,
    /// Defaults to the new person's agency, else the seat's agency.
    #[serde(default)]
    pub agency_id: Option<String>,
    pub date: NaiveDate,
    #[serde(default)]
    pub decision_number: String,
    #[serde(default)]
    pub decision_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RosterEntry {
    pub membership_id: String,
    pub role: Role,
    pub role_label: String,
    /// Protocol order inside the role group (see [`Membership::seat_order`]).
    pub seat_order: i32,
    pub person_id: Option<String>,
    /// "Ông Võ Trọng Phú"; empty for a seat with nobody named.
    pub person_name: String,
    pub full_name: String,
    pub honorific: Honorific,
    pub post: String,
    pub agency_id: Option<String>,
    /// The agency's name valid on the roster's date.
    pub agency_name: String,
    /// "Phó Giám đốc Sở Thông tin và Truyền thông", or the agency alone, or "".
    pub position: String,
    pub vacant: bool,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub decision_number: String,
    pub decision_date: Option<NaiveDate>,
}

/// Move a seat one place up or down inside its role group, as the roster stands on `as_of`.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct MoveSeat {
    pub membership_id: String,
    pub direction: SeatMove,
    pub as_of: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SeatMove {
    Up,
    Down,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RosterGroup {
    pub role: Role,
    pub label: String,
    pub entries: Vec<RosterEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RosterView {
    pub body: Body,
    pub as_of: NaiveDate,
    pub groups: Vec<RosterGroup>,
    /// How many seats in all, and how many with nobody named.
    pub total: u32,
    pub vacant: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct HistoryEntry {
    pub membership_id: String,
    pub body_id: String,
    pub body_name: String,
    pub role: Role,
    pub role_label: String,
    pub post: String,
    /// The agency's name at the start of the membership.
    pub agency_name: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub decision_number: String,
    pub decision_date: Option<NaiveDate>,
    pub end_decision_number: String,
    pub end_decision_date: Option<NaiveDate>,
    pub end_reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PersonHistory {
    pub person: Person,
    pub entries: Vec<HistoryEntry>,
}

/// All memberships of one seat's line: who held it, from when, by which decision.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct BodyHistory {
    pub body: Body,
    pub entries: Vec<RosterEntry>,
}
