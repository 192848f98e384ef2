//! Damaged stored values are refused by name, never read as a default; dates outside
//! 1900–2100 are refused where the user gives them.

use crate::deadline::Deadline;
use crate::documents::{self, DocumentContent, DocumentFilter};
use crate::error::Sql;
use crate::error::{AppError, ErrorCode};
use crate::example_data::{self, ExampleSummary};
use crate::meetings::{self, ConclusionInput, GuestInput, Meeting, MeetingDocumentRole, MeetingForm, MeetingInput};
use crate::roster::{self, Role};
use crate::settings::document_settings;
use crate::store::Store;
use chrono::{NaiveDate, NaiveDateTime};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32, h: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, 0, 0).unwrap()
}

fn example_content() -> DocumentContent {
    serde_json::from_str(include_str!("../../../../docs/examples/thong-bao.json")).unwrap()
}

fn meeting_input(body_id: &str, start: NaiveDateTime) -> MeetingInput {
    MeetingInput {
        body_id: body_id.into(),
        kind: meetings::MeetingKind::Regular,
        form: MeetingForm::Meeting,
        subject: "Tổ Công tác quý III năm 2024".into(),
        planned_start: start,
        planned_end: None,
        place: "Phòng họp tầng 3".into(),
        chair_person_id: None,
        chair_title: String::new(),
        secretary_person_id: None,
    }
}

/// The example roster, two meetings (the first with invitees, a guest, a conclusion and an
/// invitation draft) and two free-standing drafts.
struct World {
    store: Store,
    s: ExampleSummary,
    meeting: Meeting,
    other_meeting: Meeting,
    drafts: [String; 2],
}

fn world() -> World {
    let mut store = Store::open_in_memory().unwrap();
    let s = example_data::load(&mut store, 2024).unwrap();
    let meeting = meetings::create_meeting(&mut store, &meeting_input(&s.task_force_id, at(2024, 9, 5, 14))).unwrap();
    let other_meeting =
        meetings::create_meeting(&mut store, &meeting_input(&s.task_force_id, at(2024, 10, 5, 14))).unwrap();
    meetings::invite_whole_body(&mut store, &meeting.id).unwrap();
    let guest =
        GuestInput { name: "Bà Nguyễn Thị Lan".into(), post: "Chuyên viên".into(), agency_name: String::new() };
    meetings::add_guest(&mut store, &meeting.id, &guest).unwrap();
    let agencies = store.read(roster::list_agencies).unwrap();
    let conclusion = ConclusionInput {
        text: "Hoàn thành báo cáo chuyển đổi số.".into(),
        lead_agency_id: Some(agencies[0].id.clone()),
        coordinating_agency_ids: vec![agencies[1].id.clone()],
        deadline: Some(Deadline::Date { date: d(2024, 12, 31) }),
    };
    meetings::add_conclusion(&mut store, &meeting.id, &conclusion).unwrap();
    meetings::generate_document(&mut store, &meeting.id, MeetingDocumentRole::Invitation, false).unwrap();
    let a = documents::create_draft(&mut store, &example_content()).unwrap().id;
    let b = documents::create_draft(&mut store, &example_content()).unwrap().id;
    World { store, s, meeting, other_meeting, drafts: [a, b] }
}

/// Writes a damaged value behind the application's back (as a broken tool or a disk fault
/// would), CHECK constraints off so the damage can be written at all.
fn damage(store: &Store, sql: &str, params: &[&str]) {
    store
        .read(|c| {
            c.execute_batch("PRAGMA ignore_check_constraints = ON").sql()?;
            let changed = c.execute(sql, rusqlite::params_from_iter(params.iter())).sql()?;
            c.execute_batch("PRAGMA ignore_check_constraints = OFF").sql()?;
            assert_eq!(changed, 1, "{sql}");
            Ok(())
        })
        .unwrap();
}

#[track_caller]
fn assert_names(result: Result<impl std::fmt::Debug, AppError>, table: &str, id: &str, column: &str, value: &str) {
    let err = result.expect_err("a damaged value must be refused");
    assert_eq!(err.code, ErrorCode::Storage);
    let expected = format!(
        "Dữ liệu đã lưu bị hỏng: bảng {table}, bản ghi {id}, cột {column} có giá trị \"{value}\" không hợp lệ."
    );
    assert!(err.message.starts_with(&expected), "expected {expected:?}, got {:?}", err.message);
}

fn seats(w: &World) -> Vec<roster::RosterEntry> {
    let view = w.store.read(|c| roster::roster_as_of(c, &w.s.task_force_id, d(2024, 9, 5))).unwrap();
    view.groups.into_iter().flat_map(|g| g.entries).collect()
}

#[test]
fn an_unknown_membership_role_is_refused_not_read_as_member() {
    let w = world();
    let seats = seats(&w);
    let (bad, good) = (&seats[0].membership_id, &seats[1].membership_id);
    damage(&w.store, "UPDATE membership SET role = 'chief' WHERE id = ?1", &[bad]);
    assert_names(w.store.read(|c| roster::get_membership(c, bad)), "membership", bad, "role", "chief");
    assert_names(
        w.store.read(|c| roster::roster_as_of(c, &w.s.task_force_id, d(2024, 9, 5))),
        "membership",
        bad,
        "role",
        "chief",
    );
    // The invitees list joins the seat's role: refused the same way.
    assert_names(w.store.read(|c| meetings::list_invitees(c, &w.meeting.id)), "membership", bad, "role", "chief");
    let other = w.store.read(|c| roster::get_membership(c, good)).unwrap();
    assert_ne!(other.role, Role::Head);
}

#[test]
fn a_membership_date_in_an_unknown_form_is_refused() {
    let w = world();
    let seats = seats(&w);
    let bad = &seats[2].membership_id;
    damage(&w.store, "UPDATE membership SET decision_date = '15/05/2024' WHERE id = ?1", &[bad]);
    assert_names(w.store.read(|c| roster::get_membership(c, bad)), "membership", bad, "decision_date", "15/05/2024");
    assert!(w.store.read(|c| roster::get_membership(c, &seats[3].membership_id)).is_ok());
}

#[test]
fn an_unknown_honorific_is_refused() {
    let w = world();
    let people = w.store.read(roster::list_people).unwrap();
    let bad = &people[0].id;
    damage(&w.store, "UPDATE person SET honorific = 'ngai' WHERE id = ?1", &[bad]);
    assert_names(w.store.read(|c| roster::get_person(c, bad)), "person", bad, "honorific", "ngai");
    assert_names(w.store.read(roster::list_people), "person", bad, "honorific", "ngai");
}

#[test]
fn an_unknown_agency_kind_and_a_bad_name_date_are_refused() {
    let w = world();
    let agencies = w.store.read(roster::list_agencies).unwrap();
    let (bad, good) = (&agencies[0].id, &agencies[1].id);
    damage(&w.store, "UPDATE agency SET kind = 'ministry' WHERE id = ?1", &[bad]);
    assert_names(w.store.read(|c| roster::get_agency(c, bad)), "agency", bad, "kind", "ministry");
    assert_names(w.store.read(roster::list_agencies), "agency", bad, "kind", "ministry");
    assert_eq!(w.store.read(|c| roster::get_agency(c, good)).unwrap().id, *good);

    let name_id: String = w
        .store
        .read(|c| c.query_row("SELECT id FROM agency_name WHERE agency_id = ?1", [good], |r| r.get(0)).sql())
        .unwrap();
    damage(&w.store, "UPDATE agency_name SET valid_from = 'hôm qua' WHERE id = ?1", &[&name_id]);
    assert_names(w.store.read(|c| roster::get_agency(c, good)), "agency_name", &name_id, "valid_from", "hôm qua");
}

#[test]
fn an_unknown_body_kind_is_refused() {
    let w = world();
    let bad = &w.s.steering_committee_id;
    damage(&w.store, "UPDATE body SET kind = 'council' WHERE id = ?1", &[bad]);
    assert_names(w.store.read(|c| roster::get_body(c, bad)), "body", bad, "kind", "council");
    assert_names(w.store.read(roster::list_bodies), "body", bad, "kind", "council");
    assert!(w.store.read(|c| roster::get_body(c, &w.s.task_force_id)).is_ok());
}

#[test]
fn unknown_meeting_kinds_forms_and_times_are_refused() {
    let w = world();
    let (bad, good) = (&w.meeting.id, &w.other_meeting.id);
    let all = meetings::MeetingFilter::default();
    damage(&w.store, "UPDATE meeting SET kind = 'emergency' WHERE id = ?1", &[bad]);
    assert_names(w.store.read(|c| meetings::get_meeting(c, bad)), "meeting", bad, "kind", "emergency");
    assert_names(
        w.store.read(|c| meetings::list_meetings(c, &all, d(2024, 9, 1))),
        "meeting",
        bad,
        "kind",
        "emergency",
    );
    assert!(w.store.read(|c| meetings::get_meeting(c, good)).is_ok());

    damage(&w.store, "UPDATE meeting SET form = 'party' WHERE id = ?1", &[good]);
    assert_names(w.store.read(|c| meetings::get_meeting(c, good)), "meeting", good, "form", "party");

    damage(&w.store, "UPDATE meeting SET kind = 'regular', planned_start = '0000-99-99' WHERE id = ?1", &[bad]);
    assert_names(w.store.read(|c| meetings::get_meeting(c, bad)), "meeting", bad, "planned_start", "0000-99-99");
}

#[test]
fn an_unknown_attendance_is_refused_not_read_as_unknown() {
    let w = world();
    let invitees = w.store.read(|c| meetings::list_invitees(c, &w.meeting.id)).unwrap();
    let bad = &invitees.last().unwrap().id;
    damage(&w.store, "UPDATE meeting_invitee SET attendance = 'maybe' WHERE id = ?1", &[bad]);
    assert_names(
        w.store.read(|c| meetings::list_invitees(c, &w.meeting.id)),
        "meeting_invitee",
        bad,
        "attendance",
        "maybe",
    );
}

#[test]
fn a_damaged_meeting_document_link_is_refused() {
    let w = world();
    let doc_id: String =
        w.store.read(|c| c.query_row("SELECT document_id FROM meeting_document", [], |r| r.get(0)).sql()).unwrap();
    damage(&w.store, "UPDATE meeting_document SET generated = '{broken' WHERE document_id = ?1", &[&doc_id]);
    assert_names(
        w.store.read(|c| meetings::meeting_documents(c, &w.meeting.id)),
        "meeting_document",
        &doc_id,
        "generated",
        "{broken",
    );
    damage(&w.store, "UPDATE meeting_document SET role = 'agenda' WHERE document_id = ?1", &[&doc_id]);
    assert_names(
        w.store.read(|c| meetings::meeting_documents(c, &w.meeting.id)),
        "meeting_document",
        &doc_id,
        "role",
        "agenda",
    );
    let doc = w.store.read(|c| documents::get_document(c, &doc_id)).unwrap();
    assert_names(
        w.store.read(|c| documents::document_issue_checks(c, &doc.id, d(2024, 9, 1))),
        "meeting_document",
        &doc_id,
        "role",
        "agenda",
    );
}

#[test]
fn damaged_conclusion_agencies_and_deadlines_are_refused() {
    let w = world();
    let conclusions = w.store.read(|c| meetings::list_conclusions(c, &w.meeting.id)).unwrap();
    let bad = &conclusions[0].id;
    damage(&w.store, "UPDATE conclusion SET coordinating_agency_ids = 'SoTTTT' WHERE id = ?1", &[bad]);
    assert_names(
        w.store.read(|c| meetings::list_conclusions(c, &w.meeting.id)),
        "conclusion",
        bad,
        "coordinating_agency_ids",
        "SoTTTT",
    );
    damage(&w.store, "UPDATE conclusion SET coordinating_agency_ids = '[]' WHERE id = ?1", &[bad]);
    let year0 = r#"{"kind":"date","date":"0000-12-31"}"#;
    damage(&w.store, "UPDATE conclusion SET deadline_spec = ?2 WHERE id = ?1", &[bad, year0]);
    assert_names(
        w.store.read(|c| meetings::list_conclusions(c, &w.meeting.id)),
        "conclusion",
        bad,
        "deadline_spec",
        year0,
    );
}

#[test]
fn damaged_documents_are_refused_and_the_others_still_read() {
    let w = world();
    let [bad, good] = &w.drafts;
    let all = DocumentFilter::default();
    damage(&w.store, "UPDATE document SET doc_type = 'memo' WHERE id = ?1", &[bad]);
    assert_names(w.store.read(|c| documents::get_document(c, bad)), "document", bad, "doc_type", "memo");
    assert_names(
        w.store.read(|c| documents::list_documents(c, &all)).map(|p| p.items),
        "document",
        bad,
        "doc_type",
        "memo",
    );
    assert!(w.store.read(|c| documents::get_document(c, good)).is_ok());

    damage(&w.store, "UPDATE document SET doc_type = 'announcement', status = 'archived' WHERE id = ?1", &[bad]);
    assert_names(w.store.read(|c| documents::get_document(c, bad)), "document", bad, "status", "archived");

    damage(&w.store, "UPDATE document SET status = 'draft', content = '{\"subject\":' WHERE id = ?1", &[bad]);
    assert_names(w.store.read(|c| documents::get_document(c, bad)), "document", bad, "content", "{\"subject\":");

    damage(&w.store, "UPDATE document SET issued_on = '2024-13-01' WHERE id = ?1", &[good]);
    assert_names(w.store.read(|c| documents::get_document(c, good)), "document", good, "issued_on", "2024-13-01");
}

#[test]
fn damaged_settings_are_refused_by_key() {
    let w = world();
    w.store
        .read(|c| {
            c.execute("INSERT OR REPLACE INTO setting (key, value, updated_at) VALUES ('documents', 'numbering=per_type', '2024-01-01')", []).sql()?;
            Ok(())
        })
        .unwrap();
    assert_names(w.store.read(document_settings), "setting", "documents", "value", "numbering=per_type");
}

#[test]
fn a_long_damaged_value_is_quoted_shortened() {
    let long = "x".repeat(500);
    let message = crate::store::CorruptValue::new("document", "abc", "content", &long).to_string();
    assert!(message.contains(&format!("\"{}…\"", "x".repeat(80))), "{message}");
    assert!(message.chars().count() < 400, "{message}");
}

// ---- Dates outside 1900–2100 given by the user ----

const OUT_OF_RANGE: [(i32, &str); 4] = [(0, "/0 "), (-1, "/-1 "), (1899, "/1899 "), (2101, "/2101 ")];

#[track_caller]
fn assert_refused_date(result: Result<impl std::fmt::Debug, AppError>, field: &str, year_text: &str) {
    let err = result.expect_err("a date outside 1900–2100 must be refused");
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.message.contains(field), "{field}: {}", err.message);
    assert!(err.message.contains(year_text), "{year_text}: {}", err.message);
    assert!(err.message.contains("năm phải từ 1900 đến 2100"), "{}", err.message);
}

#[test]
fn documents_refuse_dates_outside_the_years() {
    let mut w = world();
    for (year, text) in OUT_OF_RANGE {
        let date = d(year, 5, 15);
        assert_refused_date(
            documents::issue_document(&mut w.store, &w.drafts[0], date, None, true),
            "Ngày ban hành",
            text,
        );
        let mut content = example_content();
        content.date = Some(date);
        assert_refused_date(documents::create_draft(&mut w.store, &content), "Ngày văn bản", text);
        assert_refused_date(documents::save_draft(&mut w.store, &w.drafts[1], &content), "Ngày văn bản", text);
    }
    let draft = w.store.read(|c| documents::get_document(c, &w.drafts[0])).unwrap();
    assert_eq!(draft.status, documents::DocumentStatus::Draft, "nothing was issued");
    for date in [d(1900, 1, 1), d(2100, 12, 31)] {
        let mut content = example_content();
        content.date = Some(date);
        assert_eq!(documents::create_draft(&mut w.store, &content).unwrap().content.date, Some(date));
    }
    let issued = documents::issue_document(&mut w.store, &w.drafts[0], d(2100, 12, 31), None, true).unwrap();
    assert_eq!(issued.issued_on, Some(d(2100, 12, 31)));
    let issued = documents::issue_document(&mut w.store, &w.drafts[1], d(1900, 1, 1), None, true).unwrap();
    assert_eq!(issued.issued_on, Some(d(1900, 1, 1)));
}

#[test]
fn meetings_refuse_times_outside_the_years() {
    let mut w = world();
    for (year, text) in OUT_OF_RANGE {
        let start = at(year, 3, 1, 8);
        let input = meeting_input(&w.s.task_force_id, start);
        assert_refused_date(meetings::create_meeting(&mut w.store, &input), "Thời gian bắt đầu dự kiến", text);
        assert_refused_date(
            meetings::update_meeting(&mut w.store, &w.meeting.id, &input),
            "Thời gian bắt đầu dự kiến",
            text,
        );
        let mut ends = meeting_input(&w.s.task_force_id, at(2024, 3, 1, 8));
        ends.planned_end = Some(start);
        assert_refused_date(meetings::create_meeting(&mut w.store, &ends), "Thời gian kết thúc dự kiến", text);
        assert_refused_date(
            meetings::set_actual_times(&mut w.store, &w.meeting.id, Some(start), None),
            "Thời gian bắt đầu thực tế",
            text,
        );
        assert_refused_date(
            meetings::set_actual_times(&mut w.store, &w.meeting.id, Some(at(2024, 9, 5, 14)), Some(start)),
            "Thời gian kết thúc thực tế",
            text,
        );
        let deadline = ConclusionInput {
            text: "Báo cáo kết quả.".into(),
            lead_agency_id: None,
            coordinating_agency_ids: vec![],
            deadline: Some(Deadline::Date { date: d(year, 12, 31) }),
        };
        assert_refused_date(meetings::add_conclusion(&mut w.store, &w.meeting.id, &deadline), "Thời hạn", text);
    }
    for start in [at(1900, 1, 1, 8), at(2100, 12, 31, 8)] {
        let m = meetings::create_meeting(&mut w.store, &meeting_input(&w.s.task_force_id, start)).unwrap();
        assert_eq!(w.store.read(|c| meetings::get_meeting(c, &m.id)).unwrap().planned_start, start);
    }
}

#[test]
fn memberships_and_agencies_refuse_dates_outside_the_years() {
    let mut w = world();
    let seat = seats(&w)[1].membership_id.clone();
    let agencies = w.store.read(roster::list_agencies).unwrap();
    let membership = |start: NaiveDate, end: Option<NaiveDate>, decided: Option<NaiveDate>| roster::MembershipInput {
        body_id: w.s.task_force_id.clone(),
        role: Role::Member,
        person_id: None,
        new_person: None,
        agency_id: None,
        post: None,
        start_date: start,
        end_date: end,
        decision_number: String::new(),
        decision_date: decided,
        notes: String::new(),
    };
    for (year, text) in OUT_OF_RANGE {
        let bad = d(year, 6, 1);
        let ok = d(2024, 6, 1);
        assert_refused_date(roster::add_membership(&mut w.store, &membership(bad, None, None)), "Ngày bắt đầu", text);
        assert_refused_date(
            roster::add_membership(&mut w.store, &membership(ok, Some(bad), None)),
            "Ngày thôi tham gia",
            text,
        );
        assert_refused_date(
            roster::add_membership(&mut w.store, &membership(ok, None, Some(bad))),
            "Ngày quyết định",
            text,
        );
        assert_refused_date(
            roster::update_membership(&mut w.store, &seat, &membership(bad, None, None)),
            "Ngày bắt đầu",
            text,
        );
        let end = roster::EndMembership {
            membership_id: seat.clone(),
            end_date: bad,
            end_decision_number: String::new(),
            end_decision_date: None,
            end_reason: String::new(),
        };
        assert_refused_date(roster::end_membership(&mut w.store, &end), "Ngày thôi tham gia", text);
        let replace = roster::ReplaceMember {
            membership_id: seat.clone(),
            person_id: None,
            new_person: None,
            agency_id: Some(agencies[2].id.clone()),
            date: bad,
            decision_number: "15/QĐ-BCĐ".into(),
            decision_date: Some(ok),
        };
        assert_refused_date(roster::replace_member(&mut w.store, &replace), "Ngày thay thế", text);
        let rename = roster::AgencyRename {
            agency_id: agencies[0].id.clone(),
            full_name: "Sở Mới".into(),
            short_name: String::new(),
            from: bad,
        };
        assert_refused_date(roster::rename_agency(&mut w.store, &rename), "Ngày đổi tên", text);
        let merge =
            roster::AgencyMerge { agency_id: agencies[0].id.clone(), into_agency_id: agencies[1].id.clone(), on: bad };
        assert_refused_date(roster::merge_agency(&mut w.store, &merge), "Ngày sáp nhập", text);
    }
    let first =
        roster::add_membership(&mut w.store, &membership(d(1900, 1, 1), Some(d(1900, 1, 2)), Some(d(1900, 1, 1))))
            .unwrap();
    assert_eq!(w.store.read(|c| roster::get_membership(c, &first.id)).unwrap().start_date, d(1900, 1, 1));
    let last = roster::add_membership(&mut w.store, &membership(d(2100, 12, 30), Some(d(2100, 12, 31)), None)).unwrap();
    assert_eq!(w.store.read(|c| roster::get_membership(c, &last.id)).unwrap().end_date, Some(d(2100, 12, 31)));
}

#[test]
fn an_unknown_document_status_and_meeting_kind_are_refused() {
    let w = world();
    let doc = &w.drafts[0];
    damage(&w.store, "UPDATE document SET status = 'published' WHERE id = ?1", &[doc]);
    assert_names(w.store.read(|c| documents::get_document(c, doc)), "document", doc, "status", "published");
    assert!(w.store.read(|c| documents::get_document(c, &w.drafts[1])).is_ok());

    let m = &w.meeting.id;
    damage(&w.store, "UPDATE meeting SET kind = 'weekly' WHERE id = ?1", &[m]);
    assert_names(w.store.read(|c| meetings::get_meeting(c, m)), "meeting", m, "kind", "weekly");
    assert!(w.store.read(|c| meetings::get_meeting(c, &w.other_meeting.id)).is_ok());
}
