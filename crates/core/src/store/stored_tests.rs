//! The stored names of enums are derived, and they are the names the database already holds.

use crate::audit::AuditAction;
use crate::deadline::Recurrence;
use crate::documents::{DocumentStatus, DocumentType};
use crate::filestore::FileKind;
use crate::followup::{Priority, TaskSourceKind, TaskStatus};
use crate::incoming::IncomingUrgency;
use crate::meetings::{Attendance, MeetingDocumentRole, MeetingForm, MeetingKind};
use crate::roster::{AgencyKind, BodyKind, Honorific, Role};
use crate::search::SearchKind;
use crate::signing::{SignatureKind, VerifyState};
use serde::Serialize;
use strum::IntoEnumIterator;

/// Every variant: stored name = JSON name, and it reads back as itself; other text is refused.
fn names_of<T>() -> Vec<&'static str>
where
    T: IntoEnumIterator + Serialize + Copy + PartialEq + std::fmt::Debug + Into<&'static str> + std::str::FromStr,
{
    let mut names = Vec::new();
    for v in T::iter() {
        let name: &'static str = v.into();
        assert_eq!(serde_json::to_value(v).unwrap(), serde_json::Value::String(name.into()), "{v:?}");
        assert_eq!(name.parse::<T>().ok(), Some(v));
        assert!(format!("{name}_x").parse::<T>().is_err());
        assert!(name.to_uppercase().parse::<T>().is_err(), "names are matched exactly");
        names.push(name);
    }
    names
}

#[test]
fn stored_names_are_the_ones_already_in_databases() {
    // The names written by earlier releases (hand-written before they were derived).
    assert_eq!(names_of::<AgencyKind>(), ["department", "board", "sector", "locality", "other"]);
    assert_eq!(names_of::<Honorific>(), ["ong", "ba", "none"]);
    assert_eq!(names_of::<BodyKind>(), ["steering_committee", "task_force", "work_group"]);
    assert_eq!(
        names_of::<Role>(),
        [
            "head",
            "deputy_head",
            "committee_member",
            "leader",
            "deputy_leader",
            "member",
            "secretary",
            "group_lead",
            "group_member"
        ]
    );
    assert_eq!(names_of::<MeetingKind>(), ["regular", "ad_hoc", "interim_review", "final_review"]);
    assert_eq!(names_of::<MeetingForm>(), ["session", "meeting", "conference", "working_session"]);
    assert_eq!(names_of::<Attendance>(), ["unknown", "present", "absent_excused", "absent", "substitute"]);
    assert_eq!(names_of::<MeetingDocumentRole>(), ["invitation", "minutes", "conclusions"]);
    assert_eq!(
        names_of::<AuditAction>(),
        ["create", "update", "delete", "issue", "recall", "export", "print", "backup", "restore"]
    );
    assert_eq!(names_of::<SearchKind>(), ["person", "agency", "body", "meeting", "document", "task", "incoming"]);
    assert_eq!(names_of::<FileKind>(), ["pdf", "docx", "xlsx", "doc", "xls", "png", "jpeg", "tiff"]);
    assert_eq!(
        names_of::<TaskStatus>(),
        ["overdue", "due_soon", "in_progress", "not_due", "done_late", "done_on_time"]
    );
    assert_eq!(names_of::<TaskSourceKind>(), ["conclusion", "document", "manual"]);
    assert_eq!(names_of::<Priority>(), ["normal", "high", "urgent"]);
    assert_eq!(
        names_of::<DocumentType>(),
        [
            "announcement",
            "minutes",
            "invitation",
            "report",
            "plan",
            "programme",
            "submission",
            "decision",
            "official_letter"
        ]
    );
    assert_eq!(names_of::<DocumentStatus>(), ["draft", "issued", "recalled"]);
    assert_eq!(names_of::<Recurrence>(), ["monthly", "quarterly", "yearly"]);
    assert_eq!(names_of::<SignatureKind>(), ["signer", "organisation", "copy"]);
    assert_eq!(names_of::<VerifyState>(), ["valid", "untrusted", "modified", "invalid"]);
    assert_eq!(names_of::<IncomingUrgency>(), ["normal", "urgent", "very_urgent", "flash"]);
}

#[test]
fn as_str_and_parse_are_the_derived_names() {
    assert_eq!(Role::DeputyLeader.as_str(), "deputy_leader");
    assert_eq!(Role::parse("deputy_leader"), Some(Role::DeputyLeader));
    assert_eq!(Role::parse("Deputy_Leader"), None);
    assert_eq!(IncomingUrgency::parse("very_urgent"), Some(IncomingUrgency::VeryUrgent));
    assert_eq!(IncomingUrgency::parse(""), None);
}

#[test]
fn every_enum_lists_its_variants_without_strum_in_scope() {
    // `iter()` is inherent: the labels export calls it without importing strum's trait.
    assert_eq!(crate::roster::Role::iter().collect::<Vec<_>>(), Role::ALL);
    assert_eq!(crate::audit::AuditAction::iter().collect::<Vec<_>>(), AuditAction::ALL);
    let urgencies: Vec<_> = crate::documents::Urgency::iter().map(|u| u.label()).collect();
    assert_eq!(urgencies, ["KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"]);
    let kinds: Vec<_> = crate::backup::BackupKind::iter().collect();
    use crate::backup::BackupKind::*;
    assert_eq!(kinds, [Manual, Scheduled, PreMigration]);
}
