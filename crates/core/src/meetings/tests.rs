use super::*;
use crate::error::ErrorCode;
use crate::example_data;
use crate::roster::{roster_as_of, Role};
use crate::store::Store;
use chrono::{NaiveDate, NaiveDateTime};

pub(crate) fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

pub(crate) fn setup() -> (Store, example_data::ExampleSummary, Meeting) {
    let mut store = Store::open_in_memory().unwrap();
    let s = example_data::load(&mut store, 2024).unwrap();
    let leader =
        store.read(|c| roster_as_of(c, &s.task_force_id, NaiveDate::from_ymd_opt(2024, 9, 5).unwrap())).unwrap().groups
            [0]
        .entries[0]
            .person_id
            .clone();
    let meeting = create_meeting(
        &mut store,
        &MeetingInput {
            body_id: s.task_force_id.clone(),
            kind: MeetingKind::Regular,
            title: "  Họp Tổ Công tác quý III năm 2024 ".into(),
            planned_start: at(2024, 9, 5, 14, 0),
            planned_end: Some(at(2024, 9, 5, 16, 30)),
            place: "Phòng họp tầng 3, Sở Thông tin và Truyền thông".into(),
            chair_person_id: leader,
            chair_title: "Tổ trưởng Tổ Công tác".into(),
            secretary_person_id: None,
        },
    )
    .unwrap();
    (store, s, meeting)
}

#[test]
fn a_meeting_is_recorded_with_its_chair() {
    let (store, _, m) = setup();
    assert_eq!(m.title, "Họp Tổ Công tác quý III năm 2024");
    assert_eq!(m.chair_name, "Ông Võ Trọng Phú");
    assert_eq!(m.kind_label, "Thường kỳ");
    let list = store
        .read(|c| list_meetings(c, &MeetingFilter::default(), NaiveDate::from_ymd_opt(2024, 9, 1).unwrap()))
        .unwrap();
    assert_eq!(list.len(), 1);
    let upcoming = MeetingFilter { upcoming: Some(true), ..Default::default() };
    assert_eq!(
        store.read(|c| list_meetings(c, &upcoming, NaiveDate::from_ymd_opt(2024, 9, 6).unwrap())).unwrap().len(),
        0
    );
    let found = MeetingFilter { query: "quy iii".into(), ..Default::default() };
    assert_eq!(
        store.read(|c| list_meetings(c, &found, NaiveDate::from_ymd_opt(2024, 9, 1).unwrap())).unwrap().len(),
        1
    );
}

#[test]
fn bad_meeting_input_is_refused() {
    let (mut store, s, _) = setup();
    let mut input = MeetingInput {
        body_id: s.task_force_id.clone(),
        kind: MeetingKind::AdHoc,
        title: "  ".into(),
        planned_start: at(2024, 10, 1, 8, 0),
        planned_end: None,
        place: String::new(),
        chair_person_id: None,
        chair_title: String::new(),
        secretary_person_id: None,
    };
    assert_eq!(create_meeting(&mut store, &input).unwrap_err().message, "Tên cuộc họp không được để trống.");
    input.title = "Họp đột xuất".into();
    input.planned_end = Some(at(2024, 10, 1, 7, 0));
    assert_eq!(create_meeting(&mut store, &input).unwrap_err().code, ErrorCode::Validation);
}

#[test]
fn invitees_come_from_the_roster_of_the_meeting_day() {
    let (mut store, _, m) = setup();
    let invited = invite_whole_body(&mut store, &m.id).unwrap();
    assert_eq!(invited.len(), 17);
    assert_eq!(invited[0].name, "Ông Võ Trọng Phú");
    assert_eq!(invited[0].post, "Phó Giám đốc Sở Thông tin và Truyền thông");
    assert!(invited.iter().any(|i| i.agency_name == "Sở Y tế" && i.name.is_empty()));
    // Inviting again adds nobody twice.
    assert_eq!(invite_whole_body(&mut store, &m.id).unwrap().len(), 17);
    let guests = add_guest(
        &mut store,
        &m.id,
        &GuestInput {
            name: " Trần Văn Khách ".into(), post: "Giám đốc".into(), agency_name: "Viettel Nghệ An".into()
        },
    )
    .unwrap();
    assert_eq!(guests.len(), 18);
    assert!(guests.last().unwrap().guest);
    assert_eq!(
        add_guest(&mut store, &m.id, &GuestInput { name: "".into(), post: String::new(), agency_name: String::new() })
            .unwrap_err()
            .code,
        ErrorCode::Validation
    );
}

#[test]
fn a_seat_not_on_the_roster_that_day_cannot_be_invited() {
    let (mut store, s, m) = setup();
    let later = crate::roster::add_membership(
        &mut store,
        &crate::roster::MembershipInput {
            body_id: s.task_force_id.clone(),
            role: Role::Member,
            person_id: None,
            new_person: None,
            agency_id: None,
            post: None,
            start_date: NaiveDate::from_ymd_opt(2024, 12, 1).unwrap(),
            end_date: None,
            decision_number: String::new(),
            decision_date: None,
            notes: String::new(),
        },
    )
    .unwrap();
    let err = invite_members(&mut store, &m.id, &[later.id]).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.message.contains("05/09/2024"), "{}", err.message);
}

#[test]
fn attendance_rules() {
    let (mut store, _, m) = setup();
    let invited = invite_whole_body(&mut store, &m.id).unwrap();
    let set = |store: &mut Store, i: usize, attendance: Attendance, reason: &str, sub: &str| {
        set_attendance(
            store,
            &AttendanceInput {
                invitee_id: invited[i].id.clone(),
                attendance,
                absence_reason: reason.into(),
                substitute_name: sub.into(),
                substitute_post: "Chuyên viên".into(),
            },
        )
    };
    assert_eq!(set(&mut store, 0, Attendance::Present, "", "").unwrap().attendance_label, "Có mặt");
    assert_eq!(set(&mut store, 5, Attendance::AbsentExcused, " ", "").unwrap_err().message, "Hãy ghi lý do vắng.");
    let absent = set(&mut store, 5, Attendance::AbsentExcused, "Đi công tác", "").unwrap();
    assert_eq!(absent.absence_reason, "Đi công tác");
    assert_eq!(
        set(&mut store, 6, Attendance::Substitute, "", "").unwrap_err().message,
        "Hãy ghi họ tên người dự thay."
    );
    let sub = set(&mut store, 6, Attendance::Substitute, "lý do thừa", "Lê Thị Hoa").unwrap();
    assert_eq!((sub.substitute_name.as_str(), sub.absence_reason.as_str()), ("Lê Thị Hoa", ""));
    // Changing back to present clears what no longer applies.
    let back = set(&mut store, 6, Attendance::Present, "", "").unwrap();
    assert_eq!(back.substitute_name, "");
}

#[test]
fn notes_and_actual_times_are_saved() {
    let (mut store, _, m) = setup();
    save_notes(&mut store, &m.id, "Mục 1: Sở Y tế báo cáo…").unwrap();
    let m2 = set_actual_times(&mut store, &m.id, Some(at(2024, 9, 5, 14, 5)), Some(at(2024, 9, 5, 16, 40))).unwrap();
    assert_eq!(m2.notes, "Mục 1: Sở Y tế báo cáo…");
    assert_eq!(m2.actual_end, Some(at(2024, 9, 5, 16, 40)));
    assert!(set_actual_times(&mut store, &m.id, Some(at(2024, 9, 5, 14, 5)), Some(at(2024, 9, 5, 13, 0))).is_err());
}
