//! Every choice the window offers, with its Vietnamese label, in one value: the UI asks for it
//! once at start-up (`labels` command) and only displays it. The labels come from the enums'
//! own `label()`, so a screen, a printed document and the command line say the same words.

use crate::archive::Retention;
use crate::documents::{Authority, DocumentType, Urgency};
use crate::followup::{Priority, TaskSourceKind, TaskStatus};
use crate::incoming::{IncomingUrgency, INCOMING_TYPE_NAMES};
use crate::meetings::{Attendance, MeetingForm, MeetingKind};
use crate::roster::{AgencyKind, Honorific, Role};
use serde::Serialize;
use specta::Type;

/// One choice: the value sent back to the core, and what the window shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Choice<T> {
    pub value: T,
    pub label: String,
}

/// A choice of the task list's status filter: the statuses it stands for (empty: all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct TaskStatusFilter {
    /// A key for the page (kept in its remembered place).
    pub value: String,
    pub label: String,
    pub statuses: Vec<TaskStatus>,
}

/// Every option list of the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Labels {
    pub document_types: Vec<Choice<DocumentType>>,
    /// Độ khẩn of an outgoing document; `null` is the ordinary ("Thường").
    pub urgencies: Vec<Choice<Option<Urgency>>>,
    /// The signing authority's prefix (TM., KT., …); `null`: none.
    pub authorities: Vec<Choice<Option<Authority>>>,
    pub incoming_urgencies: Vec<Choice<IncomingUrgency>>,
    /// The usual kinds of incoming documents, offered while typing (any text is accepted).
    pub incoming_type_names: Vec<String>,
    pub agency_kinds: Vec<Choice<AgencyKind>>,
    pub honorifics: Vec<Choice<Honorific>>,
    pub roles: Vec<Choice<Role>>,
    pub meeting_kinds: Vec<Choice<MeetingKind>>,
    pub meeting_forms: Vec<Choice<MeetingForm>>,
    pub attendances: Vec<Choice<Attendance>>,
    pub task_statuses: Vec<Choice<TaskStatus>>,
    pub task_status_filters: Vec<TaskStatusFilter>,
    pub task_source_kinds: Vec<Choice<TaskSourceKind>>,
    pub priorities: Vec<Choice<Priority>>,
    /// Thời hạn bảo quản of a file (hồ sơ).
    pub retentions: Vec<Choice<Retention>>,
}

/// The choices of an enum, in the order given, built with `$label`. The match makes the list
/// complete: a new variant that is not listed here does not compile.
macro_rules! choices {
    ($ty:ident, $label:expr, [$($v:ident),* $(,)?]) => {{
        #[allow(dead_code)]
        fn every(x: $ty) {
            match x {
                $($ty::$v => {})*
            }
        }
        let label = $label;
        vec![$(Choice { value: $ty::$v, label: label($ty::$v) }),*]
    }};
    ($ty:ident, [$($v:ident),* $(,)?]) => {
        choices!($ty, |x: $ty| x.label().to_string(), [$($v),*])
    };
}

/// "THƯỢNG KHẨN" (as printed) → "Thượng khẩn" (as a choice).
fn sentence_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A choice whose value may be `null`, with the label of `null` first.
fn optional<T>(none: &str, some: Vec<Choice<T>>) -> Vec<Choice<Option<T>>> {
    std::iter::once(Choice { value: None, label: none.to_string() })
        .chain(some.into_iter().map(|c| Choice { value: Some(c.value), label: c.label }))
        .collect()
}

/// Every option list of the window.
pub fn labels() -> Labels {
    use TaskStatus::*;
    let filter = |value: &str, label: &str, statuses: &[TaskStatus]| TaskStatusFilter {
        value: value.to_string(),
        label: label.to_string(),
        statuses: statuses.to_vec(),
    };
    Labels {
        document_types: choices!(
            DocumentType,
            [Announcement, Minutes, Invitation, Report, Plan, Programme, Submission, Decision, OfficialLetter]
        ),
        urgencies: optional(
            IncomingUrgency::Normal.label(),
            choices!(Urgency, |u: Urgency| sentence_case(u.label()), [Urgent, VeryUrgent, Flash]),
        ),
        authorities: optional(
            "(không)",
            choices!(Authority, |a: Authority| a.prefix().to_string(), [Tm, Kt, Q, Tl, Tuq]),
        ),
        incoming_urgencies: choices!(IncomingUrgency, [Normal, Urgent, VeryUrgent, Flash]),
        retentions: choices!(Retention, [Years5, Years10, Years20, Years30, Years50, Years70, Permanent]),
        incoming_type_names: INCOMING_TYPE_NAMES.iter().map(|s| s.to_string()).collect(),
        agency_kinds: choices!(AgencyKind, [Department, Board, Sector, Locality, Other]),
        honorifics: choices!(
            Honorific,
            |h: Honorific| match h.label() {
                "" => "(không)".to_string(),
                l => l.to_string(),
            },
            [Ong, Ba, None]
        ),
        roles: choices!(
            Role,
            [Head, DeputyHead, CommitteeMember, Leader, DeputyLeader, Member, Secretary, GroupLead, GroupMember]
        ),
        meeting_kinds: choices!(MeetingKind, [Regular, AdHoc, InterimReview, FinalReview]),
        meeting_forms: choices!(MeetingForm, [Session, Meeting, Conference, WorkingSession]),
        attendances: choices!(Attendance, [Unknown, Present, AbsentExcused, Absent, Substitute]),
        task_statuses: choices!(TaskStatus, [Overdue, DueSoon, InProgress, NotDue, DoneLate, DoneOnTime]),
        task_status_filters: vec![
            filter("", "Tất cả", &[]),
            filter("overdue", Overdue.label(), &[Overdue]),
            filter("due_soon", DueSoon.label(), &[DueSoon]),
            filter("open", "Chưa hoàn thành", &[Overdue, DueSoon, InProgress, NotDue]),
            filter("within", "Đang thực hiện trong hạn", &[InProgress, NotDue]),
            filter("done", "Đã hoàn thành", &[DoneLate, DoneOnTime]),
            filter("done_late", DoneLate.label(), &[DoneLate]),
        ],
        task_source_kinds: choices!(TaskSourceKind, [Conclusion, Document, Manual]),
        priorities: choices!(Priority, [Normal, High, Urgent]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values<T: Serialize>(choices: &[Choice<T>]) -> Vec<String> {
        choices.iter().map(|c| serde_json::to_value(&c.value).unwrap().as_str().unwrap_or("null").to_string()).collect()
    }

    #[test]
    fn every_choice_has_a_label_and_a_distinct_value() {
        let l = labels();
        let json = serde_json::to_value(&l).unwrap();
        for (name, list) in json.as_object().unwrap() {
            let list = list.as_array().unwrap();
            assert!(!list.is_empty(), "{name}");
            let mut seen = std::collections::HashSet::new();
            for c in list {
                let label = c.get("label").map(|l| l.as_str().unwrap().to_string()).unwrap_or_else(|| c.to_string());
                assert!(!label.trim().is_empty(), "{name}: {c}");
                assert_eq!(label, crate::text::clean(&label), "{name}: labels are clean NFC text");
                assert!(seen.insert(c.get("value").cloned().unwrap_or(c.clone()).to_string()), "{name}: {c} twice");
            }
        }
    }

    /// The values are what the core reads back (each enum's stored name), and the labels the
    /// words the documents and the command line use.
    #[test]
    fn values_and_labels_are_the_enums_own() {
        let l = labels();
        for c in &l.document_types {
            assert_eq!(DocumentType::parse(c.value.as_str()), Some(c.value));
            assert_eq!(c.label, c.value.label());
        }
        assert_eq!(values(&l.document_types).len(), DocumentType::ALL.len());
        assert_eq!(values(&l.urgencies), ["null", "urgent", "very_urgent", "flash"]);
        let urgency: Vec<&str> = l.urgencies.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(urgency, ["Thường", "Khẩn", "Thượng khẩn", "Hỏa tốc"]);
        let authority: Vec<&str> = l.authorities.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(authority, ["(không)", "TM.", "KT.", "Q.", "TL.", "TUQ."]);
        for c in &l.agency_kinds {
            assert_eq!(AgencyKind::parse(c.value.as_str()), Some(c.value));
        }
        assert_eq!(values(&l.agency_kinds), l.agency_kinds.iter().map(|c| c.value.as_str()).collect::<Vec<_>>());
        assert_eq!(values(&l.attendances), l.attendances.iter().map(|c| c.value.as_str()).collect::<Vec<_>>());
        assert_eq!(l.attendances[2].label, "Vắng có lý do");
        assert_eq!(values(&l.roles), l.roles.iter().map(|c| c.value.as_str()).collect::<Vec<_>>());
        assert_eq!(l.roles[0].label, "Trưởng ban");
        assert_eq!(l.honorifics.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), ["Ông", "Bà", "(không)"]);
        assert_eq!(l.meeting_forms[3].label, MeetingForm::WorkingSession.label());
        assert_eq!(l.incoming_type_names.len(), INCOMING_TYPE_NAMES.len());
    }

    /// The status filter's groups cover each status the way the list's columns count them.
    #[test]
    fn status_filters_group_the_statuses() {
        use TaskStatus::*;
        let l = labels();
        let of = |v: &str| l.task_status_filters.iter().find(|f| f.value == v).unwrap().statuses.clone();
        assert!(of("").is_empty(), "all");
        let mut open_or_done = [of("open"), of("done")].concat();
        open_or_done.sort_by_key(|s| serde_json::to_string(s).unwrap());
        let mut all: Vec<TaskStatus> = l.task_statuses.iter().map(|c| c.value).collect();
        all.sort_by_key(|s| serde_json::to_string(s).unwrap());
        assert_eq!(open_or_done, all, "every status is either open or done");
        assert!(of("within").iter().all(|s| of("open").contains(s)));
        assert_eq!(of("overdue"), [Overdue]);
        assert_eq!(of("open"), [Overdue, DueSoon, InProgress, NotDue]);
        assert_eq!(of("within"), [InProgress, NotDue]);
        assert_eq!(of("done"), [DoneLate, DoneOnTime]);
    }
}
