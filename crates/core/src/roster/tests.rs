//! Tests of every roster rule, against an in-memory store.

use super::*;
use crate::error::ErrorCode;
use crate::error::Sql;
use crate::example_data;
use crate::store::Store;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn loaded() -> (Store, example_data::ExampleSummary) {
    let mut store = Store::open_in_memory().unwrap();
    let summary = example_data::load(&mut store, 2024).unwrap();
    (store, summary)
}

fn person(store: &mut Store, name: &str, honorific: Honorific, agency_id: Option<String>) -> Person {
    create_person(
        store,
        &PersonInput {
            full_name: name.into(),
            honorific,
            post: "Phó Giám đốc".into(),
            agency_id,
            phone: String::new(),
            email: String::new(),
            notes: String::new(),
        },
    )
    .unwrap()
}

fn count(store: &Store, table: &str) -> i64 {
    store.read(|c| c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).sql()).unwrap()
}

fn agency_id(store: &Store, name: &str) -> String {
    store
        .read(list_agencies)
        .unwrap()
        .into_iter()
        .find(|a| a.full_name == name)
        .map(|a| a.id)
        .unwrap_or_else(|| panic!("no agency {name}"))
}

fn membership_input(body_id: &str, role: Role, person_id: Option<String>, start: NaiveDate) -> MembershipInput {
    MembershipInput {
        body_id: body_id.into(),
        role,
        person_id,
        new_person: None,
        agency_id: None,
        post: None,
        start_date: start,
        end_date: None,
        decision_number: "25/QĐ-BCĐCĐS".into(),
        decision_date: Some(start),
        notes: String::new(),
    }
}

#[test]
fn example_data_is_the_task_force_of_decision_1321() {
    let (store, s) = loaded();
    assert_eq!((s.agencies, s.people, s.bodies, s.memberships), (13, 1, 2, 17));
    let roster = store.read(|c| roster_as_of(c, &s.task_force_id, d(2024, 9, 5))).unwrap();
    assert_eq!(roster.body.name, "Tổ Công tác giúp việc Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An");
    assert_eq!((roster.total, roster.vacant), (17, 16));
    let labels: Vec<&str> = roster.groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(labels, ["Tổ trưởng", "Tổ phó", "Tổ viên", "Thư ký"]);
    assert!(roster.groups[3].entries.is_empty(), "the decision names no secretary");
    // Seat orders are the decision's order: leader, the four deputies, the agencies as listed.
    let orders: Vec<i32> = roster.groups.iter().flat_map(|g| g.entries.iter().map(|e| e.seat_order)).collect();
    assert_eq!(orders, (1..=17).collect::<Vec<i32>>());

    let leader = &roster.groups[0].entries;
    assert_eq!(leader.len(), 1);
    assert_eq!(leader[0].person_name, "Ông Võ Trọng Phú");
    assert_eq!(leader[0].position, "Phó Giám đốc Sở Thông tin và Truyền thông");
    assert_eq!(leader[0].decision_number, "1321/QĐ-BCĐCĐS");
    assert_eq!(leader[0].start_date, d(2024, 5, 15));

    let deputies = &roster.groups[1].entries;
    assert_eq!(deputies.len(), 4);
    assert!(deputies.iter().all(|e| e.vacant && e.agency_name.is_empty() && e.person_name.is_empty()));

    let members: Vec<&str> = roster.groups[2].entries.iter().map(|e| e.agency_name.as_str()).collect();
    assert_eq!(
        members,
        [
            "Sở Khoa học và Công nghệ",
            "Sở Kế hoạch và Đầu tư",
            "Sở Xây dựng",
            "Sở Y tế",
            "Công an tỉnh",
            "Sở Giao thông vận tải",
            "Sở Nội vụ",
            "Sở Giáo dục và Đào tạo",
            "Sở Công Thương",
            "Sở Tài chính",
            "Sở Nông nghiệp và Phát triển nông thôn",
            "Ngân hàng Nhà nước chi nhánh tỉnh Nghệ An",
        ]
    );
    assert!(roster.groups[2].entries.iter().all(|e| e.vacant && e.position.starts_with("Lãnh đạo ")));

    // The day before the decision, the task force had nobody.
    let before = store.read(|c| roster_as_of(c, &s.task_force_id, d(2024, 5, 14))).unwrap();
    assert_eq!(before.total, 0);
    // The committee exists, with nobody invented.
    let committee = store.read(|c| roster_as_of(c, &s.steering_committee_id, d(2024, 9, 5))).unwrap();
    assert_eq!(committee.total, 0);
}

#[test]
fn example_data_is_offered_only_on_an_empty_database() {
    let (mut store, _) = loaded();
    let before = count(&store, "membership");
    let err = example_data::load(&mut store, 2024).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(count(&store, "membership"), before);
    assert_eq!(count(&store, "agency"), 13);
}

#[test]
fn names_are_stored_as_nfc_without_stray_spaces() {
    let mut store = Store::open_in_memory().unwrap();
    let p = person(&mut store, "  Nguye\u{0302}\u{0303}n   Văn  Đạt ", Honorific::Ong, None);
    assert_eq!(p.full_name, "Nguyễn Văn Đạt");
    let a = create_agency(
        &mut store,
        &AgencyInput { full_name: " So\u{031B}\u{0309}  Y tế ".into(), ..Default::default() },
    )
    .unwrap();
    assert_eq!(a.full_name, "Sở Y tế");
}

#[test]
fn empty_or_blank_names_are_refused_and_nothing_is_written() {
    let mut store = Store::open_in_memory().unwrap();
    for name in ["", "   ", "\t\n "] {
        let err = create_person(
            &mut store,
            &PersonInput {
                full_name: name.into(),
                honorific: Honorific::Ba,
                post: String::new(),
                agency_id: None,
                phone: String::new(),
                email: String::new(),
                notes: String::new(),
            },
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert_eq!(err.message, "Họ và tên không được để trống.");
        let err = create_agency(&mut store, &AgencyInput { full_name: name.into(), ..Default::default() }).unwrap_err();
        assert_eq!(err.message, "Tên cơ quan không được để trống.");
    }
    assert_eq!(count(&store, "person"), 0);
    assert_eq!(count(&store, "agency"), 0);
}

#[test]
fn editing_with_a_blank_name_keeps_the_saved_person() {
    let mut store = Store::open_in_memory().unwrap();
    let p = person(&mut store, "Trần Thị Hoa", Honorific::Ba, None);
    let mut input = PersonInput {
        full_name: "  ".into(),
        honorific: Honorific::Ba,
        post: "Trưởng phòng".into(),
        agency_id: None,
        phone: String::new(),
        email: String::new(),
        notes: String::new(),
    };
    assert!(update_person(&mut store, &p.id, &input).is_err());
    let still = store.read(|c| get_person(c, &p.id)).unwrap();
    assert_eq!(still, p);
    input.full_name = "Trần Thị Hòa".into();
    let updated = update_person(&mut store, &p.id, &input).unwrap();
    assert_eq!(updated.full_name, "Trần Thị Hòa");
    assert_eq!(updated.post, "Trưởng phòng");
    assert_eq!(updated.created_at, p.created_at);
}

#[test]
fn contacts_are_checked() {
    let mut store = Store::open_in_memory().unwrap();
    let mut input = PersonInput {
        full_name: "Lê Văn Nam".into(),
        honorific: Honorific::Ong,
        post: String::new(),
        agency_id: None,
        phone: "0238 3 844 xyz".into(),
        email: String::new(),
        notes: String::new(),
    };
    let err = create_person(&mut store, &input).unwrap_err();
    assert!(err.message.starts_with("Số điện thoại"), "{}", err.message);
    input.phone = "+84 238.3844 123".into();
    input.email = "nam@nghean".into();
    let err = create_person(&mut store, &input).unwrap_err();
    assert!(err.message.contains("thư điện tử"), "{}", err.message);
    input.email = "nam@nghean.gov.vn".into();
    assert!(create_person(&mut store, &input).is_ok());
}

#[test]
fn end_date_must_come_after_start_date() {
    let (mut store, s) = loaded();
    let p = person(&mut store, "Phan Văn Hùng", Honorific::Ong, None);
    let mut input = membership_input(&s.task_force_id, Role::Member, Some(p.id.clone()), d(2024, 6, 1));
    input.end_date = Some(d(2024, 5, 1));
    let err = add_membership(&mut store, &input).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(err.message, "Ngày thôi tham gia (01/05/2024) phải sau ngày bắt đầu (01/06/2024).");
    input.end_date = Some(d(2024, 6, 1));
    assert!(add_membership(&mut store, &input).is_err(), "a zero-length membership is refused too");

    input.end_date = None;
    let m = add_membership(&mut store, &input).unwrap();
    let err = end_membership(
        &mut store,
        &EndMembership {
            membership_id: m.id.clone(),
            end_date: d(2024, 1, 1),
            end_decision_number: String::new(),
            end_decision_date: None,
            end_reason: String::new(),
        },
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(store.read(|c| get_membership(c, &m.id)).unwrap().end_date, None, "nothing half-written");
}

#[test]
fn a_person_cannot_hold_two_seats_of_one_body_at_once() {
    let (mut store, s) = loaded();
    let p = person(&mut store, "Hồ Sỹ Dũng", Honorific::Ong, None);
    let first = add_membership(
        &mut store,
        &membership_input(&s.task_force_id, Role::Member, Some(p.id.clone()), d(2024, 6, 1)),
    )
    .unwrap();
    let before = count(&store, "membership");
    let err = add_membership(
        &mut store,
        &membership_input(&s.task_force_id, Role::DeputyLeader, Some(p.id.clone()), d(2024, 8, 1)),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(
        err.message,
        "Ông Hồ Sỹ Dũng đã là Tổ viên của Tổ Công tác giúp việc Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An từ 01/06/2024. \
         Một người không thể giữ hai vị trí cùng lúc trong cùng một tổ chức."
    );
    assert_eq!(count(&store, "membership"), before);

    // An earlier membership that ends before the new one starts is fine; so is one that ends
    // on the day the next starts (end dates are exclusive).
    end_membership(
        &mut store,
        &EndMembership {
            membership_id: first.id.clone(),
            end_date: d(2024, 8, 1),
            end_decision_number: "40/QĐ-BCĐCĐS".into(),
            end_decision_date: Some(d(2024, 7, 30)),
            end_reason: "Chuyển vị trí".into(),
        },
    )
    .unwrap();
    add_membership(
        &mut store,
        &membership_input(&s.task_force_id, Role::DeputyLeader, Some(p.id.clone()), d(2024, 8, 1)),
    )
    .unwrap();
    // Other bodies are independent.
    add_membership(
        &mut store,
        &membership_input(&s.steering_committee_id, Role::CommitteeMember, Some(p.id.clone()), d(2024, 8, 1)),
    )
    .unwrap();
    // Re-opening the ended seat would overlap the new one.
    let mut reopen = membership_input(&s.task_force_id, Role::Member, Some(p.id.clone()), d(2024, 6, 1));
    reopen.end_date = None;
    let err = update_membership(&mut store, &first.id, &reopen).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
}

#[test]
fn the_role_must_belong_to_the_body() {
    let (mut store, s) = loaded();
    let p = person(&mut store, "Đinh Thị Lan", Honorific::Ba, None);
    let err = add_membership(&mut store, &membership_input(&s.task_force_id, Role::Head, Some(p.id), d(2024, 6, 1)))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.message.contains("Trưởng ban"), "{}", err.message);
}

#[test]
fn a_referenced_agency_or_person_cannot_be_deleted() {
    let (mut store, _) = loaded();
    let syt = agency_id(&store, "Sở Y tế");
    let err = delete_agency(&mut store, &syt).unwrap_err();
    assert_eq!(err.code, ErrorCode::InUse);
    assert!(err.message.starts_with("Không thể xóa Sở Y tế: còn 1 vị trí thành viên"), "{}", err.message);
    assert_eq!(count(&store, "agency"), 13);

    let leader = store.read(list_people).unwrap().remove(0);
    let err = delete_person(&mut store, &leader.id).unwrap_err();
    assert_eq!(err.code, ErrorCode::InUse);
    assert_eq!(count(&store, "person"), 1);

    let unused =
        create_agency(&mut store, &AgencyInput { full_name: "Sở Du lịch".into(), ..Default::default() }).unwrap();
    delete_agency(&mut store, &unused.id).unwrap();
    assert_eq!(count(&store, "agency"), 13);
    let nobody = person(&mut store, "Cao Văn Tú", Honorific::Ong, None);
    delete_person(&mut store, &nobody.id).unwrap();
    assert_eq!(count(&store, "person"), 1);
}

#[test]
fn renamed_agency_keeps_its_old_name_on_old_records() {
    let (mut store, s) = loaded();
    let skhdt = agency_id(&store, "Sở Kế hoạch và Đầu tư");
    let renamed = rename_agency(
        &mut store,
        &AgencyRename {
            agency_id: skhdt.clone(),
            full_name: "Sở Tài chính và Đầu tư".into(),
            short_name: "STCĐT".into(),
            from: d(2025, 3, 1),
        },
    )
    .unwrap();
    assert_eq!(renamed.full_name, "Sở Tài chính và Đầu tư");
    assert_eq!(renamed.names.len(), 2);

    let name_in = |date| {
        store.read(|c| roster_as_of(c, &s.task_force_id, date)).unwrap().groups[2]
            .entries
            .iter()
            .find(|e| e.agency_id.as_deref() == Some(skhdt.as_str()))
            .unwrap()
            .agency_name
            .clone()
    };
    assert_eq!(name_in(d(2024, 9, 5)), "Sở Kế hoạch và Đầu tư");
    assert_eq!(name_in(d(2025, 2, 28)), "Sở Kế hoạch và Đầu tư");
    assert_eq!(name_in(d(2025, 3, 1)), "Sở Tài chính và Đầu tư");

    let err = rename_agency(
        &mut store,
        &AgencyRename {
            agency_id: skhdt,
            full_name: "Tên khác".into(),
            short_name: String::new(),
            from: d(2025, 1, 1),
        },
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
}

#[test]
fn merged_agency_points_to_its_successor() {
    let (mut store, _) = loaded();
    let sgtvt = agency_id(&store, "Sở Giao thông vận tải");
    let sxd = agency_id(&store, "Sở Xây dựng");
    let merged = merge_agency(
        &mut store,
        &AgencyMerge { agency_id: sgtvt.clone(), into_agency_id: sxd.clone(), on: d(2025, 3, 1) },
    )
    .unwrap();
    assert_eq!(merged.merged_into_name.as_deref(), Some("Sở Xây dựng"));
    assert_eq!(merged.merged_on, Some(d(2025, 3, 1)));
    // Merged agencies sort after active ones.
    let list = store.read(list_agencies).unwrap();
    assert_eq!(list.last().unwrap().id, sgtvt);
    // Merging into a merged agency, or twice, is refused.
    let err = merge_agency(
        &mut store,
        &AgencyMerge { agency_id: sxd.clone(), into_agency_id: sgtvt.clone(), on: d(2025, 4, 1) },
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    let err = merge_agency(&mut store, &AgencyMerge { agency_id: sgtvt, into_agency_id: sxd, on: d(2025, 4, 1) })
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
}

#[test]
fn replacing_a_member_keeps_history() {
    let (mut store, s) = loaded();
    let host = agency_id(&store, "Sở Thông tin và Truyền thông");
    let leader_seat =
        store.read(|c| roster_as_of(c, &s.task_force_id, d(2024, 9, 5))).unwrap().groups[0].entries[0].clone();
    let successor = person(&mut store, "Nguyễn Văn Đạt", Honorific::Ong, Some(host));
    let new = replace_member(
        &mut store,
        &ReplaceMember {
            membership_id: leader_seat.membership_id.clone(),
            person_id: Some(successor.id.clone()),
            new_person: None,
            agency_id: None,
            date: d(2025, 1, 10),
            decision_number: "05/QĐ-BCĐCĐS".into(),
            decision_date: Some(d(2025, 1, 8)),
        },
    )
    .unwrap();
    assert_eq!(new.replaces_id.as_deref(), Some(leader_seat.membership_id.as_str()));
    assert_eq!(new.role, Role::Leader);
    assert_eq!(new.start_date, d(2025, 1, 10));

    let before = store.read(|c| roster_as_of(c, &s.task_force_id, d(2025, 1, 9))).unwrap();
    assert_eq!(before.groups[0].entries[0].person_name, "Ông Võ Trọng Phú");
    let after = store.read(|c| roster_as_of(c, &s.task_force_id, d(2025, 1, 10))).unwrap();
    assert_eq!(after.groups[0].entries.len(), 1);
    assert_eq!(after.groups[0].entries[0].person_name, "Ông Nguyễn Văn Đạt");
    assert_eq!(after.groups[0].entries[0].decision_number, "05/QĐ-BCĐCĐS");

    let history = store.read(|c| person_history(c, leader_seat.person_id.as_deref().unwrap())).unwrap();
    assert_eq!(history.entries.len(), 1);
    assert_eq!(history.entries[0].end_date, Some(d(2025, 1, 10)));
    assert_eq!(history.entries[0].end_decision_number, "05/QĐ-BCĐCĐS");
    assert_eq!(history.entries[0].agency_name, "Sở Thông tin và Truyền thông");
    assert!(history.entries[0].end_reason.contains("Kiện toàn"));

    let body = store.read(|c| body_history(c, &s.task_force_id)).unwrap();
    assert_eq!(body.entries.len(), 18);

    // Replacing on or before the old start is refused.
    let err = replace_member(
        &mut store,
        &ReplaceMember {
            membership_id: new.id.clone(),
            person_id: leader_seat.person_id.clone(),
            new_person: None,
            agency_id: None,
            date: d(2025, 1, 10),
            decision_number: "07/QĐ-BCĐCĐS".into(),
            decision_date: Some(d(2025, 1, 9)),
        },
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.message.starts_with("Ngày thay thế phải sau ngày bắt đầu"), "{}", err.message);
}

#[test]
fn work_groups_live_inside_the_task_force() {
    let (mut store, s) = loaded();
    let group = create_work_group(
        &mut store,
        &WorkGroupInput {
            parent_id: s.task_force_id.clone(),
            name: " Nhóm Chính quyền số ".into(),
            short_name: String::new(),
        },
    )
    .unwrap();
    assert_eq!(group.name, "Nhóm Chính quyền số");
    assert_eq!(group.roles.iter().map(|r| r.role).collect::<Vec<_>>(), [Role::GroupLead, Role::GroupMember]);
    assert_eq!(group.roles[0].label, "Trưởng nhóm");
    let err = create_work_group(
        &mut store,
        &WorkGroupInput {
            parent_id: s.steering_committee_id.clone(),
            name: "Nhóm X".into(),
            short_name: String::new(),
        },
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    let p = person(&mut store, "Võ Thị Hà", Honorific::Ba, None);
    add_membership(&mut store, &membership_input(&group.id, Role::GroupLead, Some(p.id), d(2024, 7, 1))).unwrap();
    let roster = store.read(|c| roster_as_of(c, &group.id, d(2024, 7, 1))).unwrap();
    assert_eq!(roster.groups[0].label, "Trưởng nhóm");
    assert_eq!(roster.groups[0].entries[0].person_name, "Bà Võ Thị Hà");
    let bodies = store.read(list_bodies).unwrap();
    assert_eq!(
        bodies.iter().map(|b| b.kind).collect::<Vec<_>>(),
        [BodyKind::SteeringCommittee, BodyKind::TaskForce, BodyKind::WorkGroup]
    );
}

#[test]
fn a_seat_may_be_held_by_an_agency_alone() {
    let (mut store, s) = loaded();
    let syt = agency_id(&store, "Sở Y tế");
    let mut input = membership_input(&s.steering_committee_id, Role::CommitteeMember, None, d(2024, 6, 1));
    input.agency_id = Some(syt);
    input.post = Some("Giám đốc".into());
    add_membership(&mut store, &input).unwrap();
    let roster = store.read(|c| roster_as_of(c, &s.steering_committee_id, d(2024, 6, 1))).unwrap();
    let e = &roster.groups[2].entries[0];
    assert!(e.vacant);
    assert_eq!(e.position, "Giám đốc Sở Y tế");
}

#[test]
fn a_new_person_can_be_named_and_seated_in_one_step_or_not_at_all() {
    let (mut store, s) = loaded();
    let deputy = store.read(|c| roster_as_of(c, &s.task_force_id, d(2024, 9, 5))).unwrap().groups[1].entries[0].clone();
    let new_person = |name: &str| PersonInput {
        full_name: name.into(),
        honorific: Honorific::Ba,
        post: "Phó Giám đốc".into(),
        agency_id: None,
        phone: String::new(),
        email: String::new(),
        notes: String::new(),
    };
    let people_before = count(&store, "person");
    let bad = ReplaceMember {
        membership_id: deputy.membership_id.clone(),
        person_id: None,
        new_person: Some(new_person("   ")),
        agency_id: None,
        date: d(2024, 7, 1),
        decision_number: "31/QĐ-BCĐCĐS".into(),
        decision_date: Some(d(2024, 6, 28)),
    };
    assert_eq!(replace_member(&mut store, &bad).unwrap_err().message, "Họ và tên không được để trống.");
    assert_eq!(count(&store, "person"), people_before);

    // A valid person but an impossible date: the person is not left behind either.
    let bad_date =
        ReplaceMember { new_person: Some(new_person("Nguyễn Thị Thu")), date: d(2024, 1, 1), ..bad.clone() };
    assert!(replace_member(&mut store, &bad_date).is_err());
    assert_eq!(count(&store, "person"), people_before);

    let good = ReplaceMember { new_person: Some(new_person("Nguyễn Thị Thu")), ..bad };
    let m = replace_member(&mut store, &good).unwrap();
    assert_eq!(m.replaces_id.as_deref(), Some(deputy.membership_id.as_str()));
    assert_eq!(count(&store, "person"), people_before + 1);
    let roster = store.read(|c| roster_as_of(c, &s.task_force_id, d(2024, 9, 5))).unwrap();
    assert_eq!(roster.groups[1].entries[0].person_name, "Bà Nguyễn Thị Thu");
}

#[test]
fn standard_bodies_can_be_created_without_example_data() {
    let mut store = Store::open_in_memory().unwrap();
    let bodies = create_standard_bodies(&mut store).unwrap();
    assert_eq!(bodies.iter().map(|b| b.kind).collect::<Vec<_>>(), [BodyKind::SteeringCommittee, BodyKind::TaskForce]);
    assert_eq!(bodies[1].parent_id.as_deref(), Some(bodies[0].id.as_str()));
    // Calling it again creates nothing new.
    assert_eq!(create_standard_bodies(&mut store).unwrap().len(), 2);
    assert_eq!(count(&store, "person"), 0);
    // The example data is then refused: the database is no longer empty.
    assert!(example_data::load(&mut store, 2024).is_err());
}

fn roster_on(store: &Store, body_id: &str, date: NaiveDate) -> RosterView {
    store.read(|c| roster_as_of(c, body_id, date)).unwrap()
}

fn naming(
    membership_id: &str,
    person_id: &str,
    date: NaiveDate,
    decision: &str,
    on: Option<NaiveDate>,
) -> ReplaceMember {
    ReplaceMember {
        membership_id: membership_id.into(),
        person_id: Some(person_id.into()),
        new_person: None,
        agency_id: None,
        date,
        decision_number: decision.into(),
        decision_date: on,
    }
}

fn ending(membership_id: &str, on: NaiveDate) -> EndMembership {
    EndMembership {
        membership_id: membership_id.into(),
        end_date: on,
        end_decision_number: String::new(),
        end_decision_date: None,
        end_reason: String::new(),
    }
}

/// Seats of a role group on a date: (person or agency, seat order).
fn group_names(store: &Store, body_id: &str, date: NaiveDate, group: usize) -> Vec<String> {
    roster_on(store, body_id, date).groups[group]
        .entries
        .iter()
        .map(|e| if e.vacant { format!("({})", e.agency_name) } else { e.full_name.clone() })
        .collect()
}

#[test]
fn the_task_force_has_secretaries_ranked_after_its_members() {
    let (mut store, s) = loaded();
    assert_eq!(Role::Secretary.label(), "Thư ký");
    assert_eq!(Role::parse("secretary"), Some(Role::Secretary));
    assert_eq!(BodyKind::TaskForce.roles(), [Role::Leader, Role::DeputyLeader, Role::Member, Role::Secretary]);
    // Ranks follow each body's role list.
    for kind in [BodyKind::SteeringCommittee, BodyKind::TaskForce, BodyKind::WorkGroup] {
        let ranks: Vec<u8> = kind.roles().iter().map(|r| r.rank()).collect();
        assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{kind:?}: {ranks:?}");
    }
    let host = agency_id(&store, "Sở Thông tin và Truyền thông");
    let p = person(&mut store, "Lê Thị Mai", Honorific::Ba, Some(host));
    let m = add_membership(
        &mut store,
        &membership_input(&s.task_force_id, Role::Secretary, Some(p.id.clone()), d(2024, 6, 1)),
    )
    .unwrap();
    assert_eq!(m.role, Role::Secretary);
    let roster = roster_on(&store, &s.task_force_id, d(2024, 9, 5));
    assert_eq!(roster.groups.last().unwrap().label, "Thư ký");
    assert_eq!(roster.groups.last().unwrap().entries[0].person_name, "Bà Lê Thị Mai");
    assert_eq!(roster.groups.last().unwrap().entries[0].position, "Phó Giám đốc Sở Thông tin và Truyền thông");
    assert_eq!(roster.total, 18);
    // The committee has no secretary seat.
    let other = person(&mut store, "Lê Văn Tâm", Honorific::Ong, None);
    let err = add_membership(
        &mut store,
        &membership_input(&s.steering_committee_id, Role::Secretary, Some(other.id), d(2024, 6, 1)),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.message.contains("Thư ký"), "{}", err.message);
}

#[test]
fn naming_a_person_to_an_agency_seat_needs_the_decision_that_names_them() {
    let (mut store, s) = loaded();
    let seat = roster_on(&store, &s.task_force_id, d(2024, 9, 5)).groups[2].entries[3].clone();
    assert_eq!(seat.agency_name, "Sở Y tế");
    let p = person(&mut store, "Trần Thị Ánh", Honorific::Ba, seat.agency_id.clone());
    let before = count(&store, "membership");

    // What the dialog used to send: the seat's own date, no decision. Refused, nothing written.
    let err = replace_member(&mut store, &naming(&seat.membership_id, &p.id, seat.start_date, "", None)).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.message.starts_with("Hãy nhập số và ngày của quyết định cử người vào vị trí này."), "{}", err.message);
    let err = replace_member(&mut store, &naming(&seat.membership_id, &p.id, d(2024, 6, 3), "25/QĐ-BCĐCĐS", None))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation, "a number without a date is not enough");
    // From the seat's first day the person would be credited to 1321, which did not name them.
    let err = replace_member(
        &mut store,
        &naming(&seat.membership_id, &p.id, seat.start_date, "25/QĐ-BCĐCĐS", Some(d(2024, 6, 1))),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(
        err.message.starts_with("Ngày giữ vị trí phải sau ngày lập vị trí (15/05/2024)."),
        "the window shows this message as it is: {}",
        err.message
    );
    assert!(err.message.contains("1321/QĐ-BCĐCĐS") && err.message.contains("\"Sửa\""), "{}", err.message);
    assert_eq!(count(&store, "membership"), before);
    assert_eq!(store.read(|c| get_membership(c, &seat.membership_id)).unwrap().end_date, None);

    let named = replace_member(
        &mut store,
        &naming(&seat.membership_id, &p.id, d(2024, 6, 3), " 25/QĐ-BCĐCĐS ", Some(d(2024, 6, 1))),
    )
    .unwrap();
    assert_eq!(count(&store, "membership"), before + 1);
    assert_eq!(named.person_id.as_deref(), Some(p.id.as_str()));
    assert_eq!((named.decision_number.as_str(), named.decision_date), ("25/QĐ-BCĐCĐS", Some(d(2024, 6, 1))));
    assert_eq!(named.start_date, d(2024, 6, 3));
    assert_eq!(named.replaces_id.as_deref(), Some(seat.membership_id.as_str()));
    assert_eq!(named.seat_order, seat.seat_order, "the seat keeps its place");
    assert_eq!(named.agency_id, seat.agency_id);
    // The agency-only seat stays on record, created by 1321, ending where the person starts.
    let old = store.read(|c| get_membership(c, &seat.membership_id)).unwrap();
    assert_eq!((old.person_id, old.decision_number.as_str()), (None, "1321/QĐ-BCĐCĐS"));
    assert_eq!(old.end_date, Some(d(2024, 6, 3)));
    assert_eq!(old.end_decision_number, "25/QĐ-BCĐCĐS");

    let day_before = roster_on(&store, &s.task_force_id, d(2024, 6, 2));
    let day_of = roster_on(&store, &s.task_force_id, d(2024, 6, 3));
    assert_eq!((day_before.total, day_before.vacant), (17, 16));
    assert_eq!((day_of.total, day_of.vacant), (17, 15), "one holder, no gap");
    assert!(day_before.groups[2].entries[3].vacant);
    let e = &day_of.groups[2].entries[3];
    assert_eq!((e.person_name.as_str(), e.position.as_str()), ("Bà Trần Thị Ánh", "Phó Giám đốc Sở Y tế"));
    assert_eq!(e.decision_number, "25/QĐ-BCĐCĐS");
    // Nowhere is she recorded as named by 1321.
    let history = store.read(|c| person_history(c, &p.id)).unwrap();
    assert_eq!(history.entries.len(), 1);
    assert_eq!(history.entries[0].decision_number, "25/QĐ-BCĐCĐS");
}

#[test]
fn a_replaced_seat_cannot_be_ended_or_replaced_again() {
    let (mut store, s) = loaded();
    let leader = roster_on(&store, &s.task_force_id, d(2024, 9, 5)).groups[0].entries[0].clone();
    let host = leader.agency_id.clone();
    let first = person(&mut store, "Nguyễn Văn Đạt", Honorific::Ong, host.clone());
    let second = person(&mut store, "Hồ Văn Minh", Honorific::Ong, host);
    let new = replace_member(
        &mut store,
        &naming(&leader.membership_id, &first.id, d(2025, 1, 10), "05/QĐ-BCĐCĐS", Some(d(2025, 1, 8))),
    )
    .unwrap();
    let rows = count(&store, "membership");
    let old_before = store.read(|c| get_membership(c, &leader.membership_id)).unwrap();

    // Re-replacing the old seat (at an earlier date) would give the seat two holders.
    let err = replace_member(
        &mut store,
        &naming(&leader.membership_id, &second.id, d(2024, 12, 1), "09/QĐ-BCĐCĐS", Some(d(2024, 11, 30))),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(
        err.message.starts_with("Vị trí này đã được thay bằng Ông Nguyễn Văn Đạt từ ngày 10/01/2025"),
        "{}",
        err.message
    );
    // Re-ending it earlier would open a gap; later, an overlap.
    for on in [d(2024, 12, 1), d(2025, 2, 1)] {
        let err = end_membership(&mut store, &ending(&leader.membership_id, on)).unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
    }
    assert_eq!(count(&store, "membership"), rows);
    assert_eq!(store.read(|c| get_membership(c, &leader.membership_id)).unwrap(), old_before);
    // Nor can a correction move the dates that join the two.
    let mut moved = membership_input(&s.task_force_id, Role::Leader, Some(first.id.clone()), d(2025, 2, 1));
    moved.decision_number = "05/QĐ-BCĐCĐS".into();
    assert_eq!(update_membership(&mut store, &new.id, &moved).unwrap_err().code, ErrorCode::Validation);
    for date in [d(2024, 12, 1), d(2025, 1, 9), d(2025, 1, 10), d(2025, 6, 1)] {
        assert_eq!(roster_on(&store, &s.task_force_id, date).groups[0].entries.len(), 1, "{date}");
    }

    // The current holder's line goes on: end, then move the end date while nobody follows.
    end_membership(
        &mut store,
        &EndMembership {
            membership_id: new.id.clone(),
            end_date: d(2025, 6, 1),
            end_decision_number: "20/QĐ-BCĐCĐS".into(),
            end_decision_date: Some(d(2025, 5, 30)),
            end_reason: "Nghỉ hưu".into(),
        },
    )
    .unwrap();
    let moved = end_membership(&mut store, &ending(&new.id, d(2025, 7, 1))).unwrap();
    assert_eq!(moved.end_date, Some(d(2025, 7, 1)));
    assert_eq!((moved.end_decision_number.as_str(), moved.end_reason.as_str()), ("20/QĐ-BCĐCĐS", "Nghỉ hưu"));
    // Once replaced, it is fixed too.
    replace_member(&mut store, &naming(&new.id, &second.id, d(2025, 3, 1), "12/QĐ-BCĐCĐS", Some(d(2025, 2, 27))))
        .unwrap();
    let err = end_membership(&mut store, &ending(&new.id, d(2025, 4, 1))).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    let names = |date| group_names(&store, &s.task_force_id, date, 0);
    assert_eq!(names(d(2025, 2, 28)), ["Nguyễn Văn Đạt"]);
    assert_eq!(names(d(2025, 3, 1)), ["Hồ Văn Minh"]);
    assert_eq!(names(d(2025, 6, 30)), ["Hồ Văn Minh"]);
    assert!(names(d(2025, 7, 1)).is_empty(), "the seat's end carries over to the new holder");
}

#[test]
fn a_merged_agency_gets_no_new_seats() {
    let (mut store, s) = loaded();
    let sgtvt = agency_id(&store, "Sở Giao thông vận tải");
    let sxd = agency_id(&store, "Sở Xây dựng");
    merge_agency(&mut store, &AgencyMerge { agency_id: sgtvt.clone(), into_agency_id: sxd.clone(), on: d(2025, 3, 1) })
        .unwrap();
    let rows = count(&store, "membership");
    let mut input = membership_input(&s.task_force_id, Role::Member, None, d(2025, 3, 1));
    input.agency_id = Some(sgtvt.clone());
    let err = add_membership(&mut store, &input).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(
        err.message,
        "Sở Giao thông vận tải đã sáp nhập vào Sở Xây dựng từ ngày 01/03/2025; không thể thêm vị trí mới \
         cho cơ quan này từ ngày 01/03/2025. Hãy chọn Sở Xây dựng."
    );
    // A person still recorded at the merged agency brings it along: refused too.
    let p = person(&mut store, "Phạm Văn Hải", Honorific::Ong, Some(sgtvt.clone()));
    let err = add_membership(
        &mut store,
        &membership_input(&s.task_force_id, Role::Member, Some(p.id.clone()), d(2025, 4, 1)),
    )
    .unwrap_err();
    assert!(err.message.contains("Hãy chọn Sở Xây dựng"), "{}", err.message);
    // Naming someone to its old seat after the merge: refused as well.
    let seat = roster_on(&store, &s.task_force_id, d(2025, 1, 1)).groups[2]
        .entries
        .iter()
        .find(|e| e.agency_id.as_deref() == Some(sgtvt.as_str()))
        .unwrap()
        .clone();
    let err = replace_member(
        &mut store,
        &naming(&seat.membership_id, &p.id, d(2025, 4, 1), "30/QĐ-BCĐCĐS", Some(d(2025, 4, 1))),
    )
    .unwrap_err();
    assert!(err.message.contains("đã sáp nhập vào Sở Xây dựng"), "{}", err.message);
    assert_eq!(count(&store, "membership"), rows);
    // Before the merge the agency could still take a seat, and its successor can after.
    input.start_date = d(2025, 2, 1);
    add_membership(&mut store, &input).unwrap();
    input.agency_id = Some(sxd);
    input.start_date = d(2025, 3, 1);
    add_membership(&mut store, &input).unwrap();
    assert_eq!(count(&store, "membership"), rows + 2);
}

#[test]
fn renaming_keeps_the_short_name_unless_a_new_one_is_given() {
    let (mut store, _) = loaded();
    let skhdt = agency_id(&store, "Sở Kế hoạch và Đầu tư");
    let rename = |store: &mut Store, name: &str, short: &str, from| {
        rename_agency(
            store,
            &AgencyRename { agency_id: skhdt.clone(), full_name: name.into(), short_name: short.into(), from },
        )
    };
    let a = rename(&mut store, "Sở Kế hoạch, Đầu tư", "  ", d(2025, 1, 1)).unwrap();
    assert_eq!((a.full_name.as_str(), a.short_name.as_str()), ("Sở Kế hoạch, Đầu tư", "SKHĐT"));
    assert_eq!(a.names[1].short_name, "SKHĐT");
    let a = rename(&mut store, "Sở Tài chính và Đầu tư", "STCĐT", d(2025, 3, 1)).unwrap();
    assert_eq!(a.short_name, "STCĐT");
    assert_eq!(a.names.iter().map(|n| n.short_name.as_str()).collect::<Vec<_>>(), ["SKHĐT", "SKHĐT", "STCĐT"]);
}

#[test]
fn two_active_agencies_cannot_share_a_name_or_short_name() {
    let (mut store, _) = loaded();
    let before = count(&store, "agency");
    let input = |name: &str, short: &str| AgencyInput {
        kind: None,
        full_name: name.into(),
        short_name: short.into(),
        notes: String::new(),
    };
    let err = create_agency(&mut store, &input("  sở   y TẾ ", "")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(err.message, "Đã có cơ quan tên \"Sở Y tế\"; không thể có hai cơ quan trùng tên.");
    // Same letters in another normalisation form (decomposed) are the same name.
    assert!(create_agency(&mut store, &input("So\u{031B}\u{0309} Y te\u{0302}\u{0301}", "")).is_err());
    let err = create_agency(&mut store, &input("Sở Du lịch", " syt ")).unwrap_err();
    assert_eq!(err.message, "Tên viết tắt \"SYT\" đã dùng cho Sở Y tế; hãy chọn tên viết tắt khác.");
    assert_eq!(count(&store, "agency"), before);

    let sdl = create_agency(&mut store, &input("Sở Du lịch", "SDL")).unwrap();
    let err = rename_agency(
        &mut store,
        &AgencyRename {
            agency_id: sdl.id.clone(),
            full_name: "Sở Y Tế".into(),
            short_name: String::new(),
            from: d(2025, 1, 1),
        },
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    let err = update_agency(&mut store, &sdl.id, &input("Sở Du lịch", "SKHCN")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(store.read(|c| get_agency(c, &sdl.id)).unwrap().short_name, "SDL");
    // Keeping its own name is not a clash.
    update_agency(&mut store, &sdl.id, &input("Sở Du lịch", "SDL")).unwrap();
    // A merged agency's name is free again.
    let sgtvt = agency_id(&store, "Sở Giao thông vận tải");
    let sxd = agency_id(&store, "Sở Xây dựng");
    merge_agency(&mut store, &AgencyMerge { agency_id: sgtvt, into_agency_id: sxd, on: d(2025, 3, 1) }).unwrap();
    create_agency(&mut store, &input("Sở Giao thông vận tải", "SGTVT")).unwrap();
}

#[test]
fn rosters_are_in_protocol_order_not_name_order() {
    let (mut store, s) = loaded();
    let deputies = roster_on(&store, &s.task_force_id, d(2024, 9, 5)).groups[1].entries.clone();
    // Name deputies to the third and first seats, names in anti-alphabetical order.
    let yen = person(&mut store, "Trần Thị Yến", Honorific::Ba, None);
    let anh = person(&mut store, "Hoàng Thị Ánh", Honorific::Ba, None);
    replace_member(
        &mut store,
        &naming(&deputies[2].membership_id, &anh.id, d(2024, 6, 1), "20/QĐ-BCĐCĐS", Some(d(2024, 6, 1))),
    )
    .unwrap();
    replace_member(
        &mut store,
        &naming(&deputies[0].membership_id, &yen.id, d(2024, 6, 1), "20/QĐ-BCĐCĐS", Some(d(2024, 6, 1))),
    )
    .unwrap();
    // A new seat goes last in its role group.
    let dung = person(&mut store, "Lê Văn Dũng", Honorific::Ong, None);
    add_membership(&mut store, &membership_input(&s.task_force_id, Role::DeputyLeader, Some(dung.id), d(2024, 6, 1)))
        .unwrap();
    let on = d(2024, 9, 5);
    assert_eq!(
        group_names(&store, &s.task_force_id, on, 1),
        ["Trần Thị Yến", "()", "Hoàng Thị Ánh", "()", "Lê Văn Dũng"]
    );
    assert_eq!(roster_on(&store, &s.task_force_id, on).groups[0].entries[0].role, Role::Leader);
}

#[test]
fn the_secretary_moves_seats_within_their_role_group() {
    let (mut store, s) = loaded();
    let members = |store: &Store, date| group_names(store, &s.task_force_id, date, 2);
    let on = d(2024, 9, 5);
    let syt = roster_on(&store, &s.task_force_id, on).groups[2].entries[3].clone();
    assert_eq!(syt.agency_name, "Sở Y tế");
    let mv = |store: &mut Store, id: &str, direction, as_of| {
        move_seat(store, &MoveSeat { membership_id: id.into(), direction, as_of })
    };
    let view = mv(&mut store, &syt.membership_id, SeatMove::Up, on).unwrap();
    let names: Vec<&str> = view.groups[2].entries.iter().map(|e| e.agency_name.as_str()).collect();
    assert_eq!(
        names[..5],
        ["Sở Khoa học và Công nghệ", "Sở Kế hoạch và Đầu tư", "Sở Y tế", "Sở Xây dựng", "Công an tỉnh"]
    );
    assert_eq!(members(&store, on)[2], "(Sở Y tế)", "the move is saved");
    mv(&mut store, &syt.membership_id, SeatMove::Down, on).unwrap();
    mv(&mut store, &syt.membership_id, SeatMove::Down, on).unwrap();
    assert_eq!(members(&store, on)[3..5], ["(Công an tỉnh)", "(Sở Y tế)"]);

    // The ends of a group refuse, and so does a seat that is not on that day's roster.
    let first = roster_on(&store, &s.task_force_id, on).groups[2].entries[0].membership_id.clone();
    let err = mv(&mut store, &first, SeatMove::Up, on).unwrap_err();
    assert_eq!((err.code, err.message.as_str()), (ErrorCode::Validation, "Vị trí này đã ở đầu nhóm Tổ viên."));
    let last = roster_on(&store, &s.task_force_id, on).groups[2].entries[11].membership_id.clone();
    assert_eq!(mv(&mut store, &last, SeatMove::Down, on).unwrap_err().message, "Vị trí này đã ở cuối nhóm Tổ viên.");
    let leader = roster_on(&store, &s.task_force_id, on).groups[0].entries[0].membership_id.clone();
    assert!(mv(&mut store, &leader, SeatMove::Down, on).is_err(), "the leader is alone in the group");
    assert!(mv(&mut store, &syt.membership_id, SeatMove::Up, d(2024, 5, 1)).is_err());

    // A replacement inherits the seat's place; moving it moves the whole line, so the rosters
    // of earlier dates show the same order.
    let p = person(&mut store, "Trần Thị Ánh", Honorific::Ba, syt.agency_id.clone());
    let named = replace_member(
        &mut store,
        &naming(&syt.membership_id, &p.id, d(2025, 1, 2), "02/QĐ-BCĐCĐS", Some(d(2025, 1, 2))),
    )
    .unwrap();
    let later = d(2025, 2, 1);
    assert_eq!(members(&store, later)[4], "Trần Thị Ánh");
    mv(&mut store, &named.id, SeatMove::Up, later).unwrap();
    assert_eq!(members(&store, later)[3], "Trần Thị Ánh");
    assert_eq!(members(&store, on)[3], "(Sở Y tế)");
    // The other role groups keep their order.
    assert_eq!(
        roster_on(&store, &s.task_force_id, later).groups[1].entries.iter().map(|e| e.seat_order).collect::<Vec<_>>(),
        [2, 3, 4, 5]
    );
}

#[test]
fn ending_a_membership_leaves_the_seat_vacant_and_can_be_undone() {
    let (mut store, s) = loaded();
    let leader = roster_on(&store, &s.task_force_id, d(2024, 9, 5)).groups[0].entries[0].clone();
    let seats = roster_on(&store, &s.task_force_id, d(2024, 9, 5)).total;
    let rows = count(&store, "membership");

    let vacant = vacate_membership(
        &mut store,
        &EndMembership {
            membership_id: leader.membership_id.clone(),
            end_date: d(2025, 1, 10),
            end_decision_number: "03/QĐ-BCĐCĐS".into(),
            end_decision_date: Some(d(2025, 1, 8)),
            end_reason: "Nghỉ hưu".into(),
        },
    )
    .unwrap();
    assert_eq!(vacant.person_id, None);
    assert_eq!(vacant.replaces_id.as_deref(), Some(leader.membership_id.as_str()));
    assert_eq!((vacant.start_date, vacant.end_date), (d(2025, 1, 10), None));
    assert_eq!((vacant.role, vacant.seat_order), (Role::Leader, leader.seat_order));
    assert_eq!(vacant.agency_id, leader.agency_id);
    assert_eq!(count(&store, "membership"), rows + 1);

    // The day before, the leader sits; from that day the seat is listed "chưa cử người".
    assert_eq!(group_names(&store, &s.task_force_id, d(2025, 1, 9), 0), ["Võ Trọng Phú"]);
    let after = roster_on(&store, &s.task_force_id, d(2025, 1, 10));
    assert_eq!(after.total, seats);
    assert!(after.groups[0].entries[0].vacant);
    let ended = store.read(|c| get_membership(c, &leader.membership_id)).unwrap();
    assert_eq!((ended.end_date, ended.end_reason.as_str()), (Some(d(2025, 1, 10)), "Nghỉ hưu"));

    // A vacant seat has nobody to relieve: that is abolishing, a separate act.
    let err = vacate_membership(&mut store, &ending(&vacant.id, d(2025, 2, 1))).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);

    // Hoàn tác: the leader is back with no end, the vacant seat is gone.
    let back = reopen_membership(&mut store, &leader.membership_id).unwrap();
    assert_eq!((back.end_date, back.end_decision_number.as_str(), back.end_reason.as_str()), (None, "", ""));
    assert_eq!(count(&store, "membership"), rows);
    assert_eq!(group_names(&store, &s.task_force_id, d(2025, 6, 1), 0), ["Võ Trọng Phú"]);
}

#[test]
fn a_successor_named_on_the_day_the_seat_fell_vacant_takes_that_seat() {
    let (mut store, s) = loaded();
    let host = agency_id(&store, "Sở Thông tin và Truyền thông");
    let leader = roster_on(&store, &s.task_force_id, d(2024, 9, 5)).groups[0].entries[0].clone();
    let vacant = vacate_membership(&mut store, &ending(&leader.membership_id, d(2025, 1, 10))).unwrap();
    let rows = count(&store, "membership");
    let next = person(&mut store, "Nguyễn Văn Đạt", Honorific::Ong, Some(host));
    let named =
        replace_member(&mut store, &naming(&vacant.id, &next.id, d(2025, 1, 10), "05/QĐ-BCĐCĐS", Some(d(2025, 1, 8))))
            .unwrap();
    assert_eq!(named.id, vacant.id);
    assert_eq!(count(&store, "membership"), rows);
    assert_eq!(named.decision_number, "05/QĐ-BCĐCĐS");
    assert_eq!(group_names(&store, &s.task_force_id, d(2025, 1, 10), 0), ["Nguyễn Văn Đạt"]);
    assert_eq!(group_names(&store, &s.task_force_id, d(2025, 1, 9), 0), ["Võ Trọng Phú"]);

    // Once a person holds the seat after them, the end can no longer be undone.
    let err = reopen_membership(&mut store, &leader.membership_id).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(count(&store, "membership"), rows);
}

#[test]
fn abolishing_a_seat_removes_it_and_can_be_undone() {
    let (mut store, s) = loaded();
    let seat = roster_on(&store, &s.task_force_id, d(2024, 9, 5)).groups[2].entries[3].clone();
    let seats = roster_on(&store, &s.task_force_id, d(2024, 9, 5)).total;
    end_membership(&mut store, &ending(&seat.membership_id, d(2025, 1, 10))).unwrap();
    assert_eq!(roster_on(&store, &s.task_force_id, d(2025, 1, 10)).total, seats - 1);
    reopen_membership(&mut store, &seat.membership_id).unwrap();
    assert_eq!(roster_on(&store, &s.task_force_id, d(2025, 1, 10)).total, seats);
}

#[test]
fn several_empty_seats_are_filled_in_one_go_or_not_at_all() {
    let (mut store, s) = loaded();
    let members = roster_on(&store, &s.task_force_id, d(2024, 9, 5)).groups[2].entries.clone();
    let vacant: Vec<_> = members.iter().filter(|e| e.vacant && e.agency_id.is_some()).take(3).cloned().collect();
    assert_eq!(vacant.len(), 3);
    let people: Vec<Person> = ["Trần Thị Ánh", "Lê Văn Bình", "Hồ Thị Cúc"]
        .iter()
        .zip(&vacant)
        .map(|(name, seat)| person(&mut store, name, Honorific::Ba, seat.agency_id.clone()))
        .collect();
    let rows = count(&store, "membership");
    let fill = |seat: &RosterEntry, p: &Person, decision: &str| {
        naming(&seat.membership_id, &p.id, d(2024, 10, 1), decision, Some(d(2024, 9, 30)))
    };

    // The third line has no decision: nothing is written, and the message says which line.
    let bad = vec![
        fill(&vacant[0], &people[0], "30/QĐ-BCĐCĐS"),
        fill(&vacant[1], &people[1], "30/QĐ-BCĐCĐS"),
        fill(&vacant[2], &people[2], ""),
    ];
    let err = replace_members(&mut store, &bad).unwrap_err();
    assert!(err.message.starts_with("Dòng 3: "), "{}", err.message);
    assert_eq!(count(&store, "membership"), rows);

    let good: Vec<_> = vacant.iter().zip(&people).map(|(seat, p)| fill(seat, p, "30/QĐ-BCĐCĐS")).collect();
    let named = replace_members(&mut store, &good).unwrap();
    assert_eq!(named.len(), 3);
    assert_eq!(count(&store, "membership"), rows + 3);
    let after = roster_on(&store, &s.task_force_id, d(2024, 10, 1));
    for p in &people {
        let e = after.groups[2].entries.iter().find(|e| e.person_id.as_deref() == Some(p.id.as_str())).unwrap();
        assert_eq!(e.decision_number, "30/QĐ-BCĐCĐS");
    }
    assert_eq!(after.vacant, roster_on(&store, &s.task_force_id, d(2024, 9, 5)).vacant - 3);
}
