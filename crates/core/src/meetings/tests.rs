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

mod day {
    use super::*;
    use crate::documents::{document_pdf, issue_document, save_draft, DocumentStatus};
    use crate::roster::{create_person, Honorific, PersonInput};

    fn agency(store: &Store, name: &str) -> String {
        store.read(crate::roster::list_agencies).unwrap().into_iter().find(|a| a.full_name == name).unwrap().id
    }

    /// The secretary's day: 10 invitees, one absent with a reason, one substitute, three
    /// agenda items with notes, four conclusions; then the three documents.
    pub(crate) fn full_meeting() -> (Store, Meeting) {
        let (mut store, _, m) = setup();
        let stttt_id = agency(&store, "Sở Thông tin và Truyền thông");
        let secretary = create_person(
            &mut store,
            &PersonInput {
                full_name: "Nguyễn Thị Hà".into(),
                honorific: Honorific::Ba,
                post: "Chuyên viên".into(),
                agency_id: Some(stttt_id),
                phone: String::new(),
                email: String::new(),
                notes: String::new(),
            },
        )
        .unwrap();
        let mut input = MeetingInput {
            body_id: m.body_id.clone(),
            kind: m.kind,
            title: m.title.clone(),
            planned_start: m.planned_start,
            planned_end: m.planned_end,
            place: m.place.clone(),
            chair_person_id: m.chair_person_id.clone(),
            chair_title: m.chair_title.clone(),
            secretary_person_id: Some(secretary.id),
        };
        input.title = "Họp Tổ Công tác quý III năm 2024".into();
        update_meeting(&mut store, &m.id, &input).unwrap();
        let roster: Vec<String> = store
            .read(|c| roster_as_of(c, &m.body_id, m.planned_start.date()))
            .unwrap()
            .groups
            .iter()
            .flat_map(|g| g.entries.iter())
            .filter(|e| !e.position.is_empty())
            .map(|e| e.membership_id.clone())
            .take(10)
            .collect();
        let invited = invite_members(&mut store, &m.id, &roster).unwrap();
        assert_eq!(invited.len(), 10);
        for (i, inv) in invited.iter().enumerate() {
            let (attendance, reason, sub) = match i {
                3 => (Attendance::AbsentExcused, "Đi công tác tại Hà Nội", ""),
                5 => (Attendance::Substitute, "", "Lê Thị Hoa"),
                _ => (Attendance::Present, "", ""),
            };
            set_attendance(
                &mut store,
                &AttendanceInput {
                    invitee_id: inv.id.clone(),
                    attendance,
                    absence_reason: reason.into(),
                    substitute_name: sub.into(),
                    substitute_post: "Trưởng phòng Kế hoạch".into(),
                },
            )
            .unwrap();
        }
        for (title, notes) in [
            ("Báo cáo kết quả chuyển đổi số 9 tháng", "Sở Thông tin và Truyền thông báo cáo: 97% văn bản đi được ký số.\nTỷ lệ hồ sơ trực tuyến toàn trình đạt 54,8%."),
            ("Kết nối dữ liệu y tế", "Sở Y tế đề nghị bổ sung kinh phí số hóa hồ sơ bệnh án."),
            ("Kiện toàn Tổ Công tác", "Sở Nội vụ đề xuất bổ sung các Tổ phó."),
        ] {
            let items = add_agenda_item(&mut store, &m.id, &AgendaInput { title: title.into(), presenter_person_id: None, presenter_agency_id: None, presenter_text: String::new() }).unwrap();
            save_agenda_notes(&mut store, &items.last().unwrap().id, notes).unwrap();
        }
        let syt = agency(&store, "Sở Y tế");
        let stttt = agency(&store, "Sở Thông tin và Truyền thông");
        let snv = agency(&store, "Sở Nội vụ");
        let stc = agency(&store, "Sở Tài chính");
        for (text, lead, coord, deadline, recurrence) in [
            (
                "Hoàn thành kết nối dữ liệu khám chữa bệnh với Trung tâm dữ liệu tỉnh",
                Some(syt.clone()),
                vec![stttt.clone()],
                NaiveDate::from_ymd_opt(2024, 12, 31),
                None,
            ),
            ("Tham mưu kiện toàn Tổ Công tác", Some(snv), vec![], NaiveDate::from_ymd_opt(2024, 10, 15), None),
            (
                "Báo cáo tình hình thực hiện nhiệm vụ chuyển đổi số",
                Some(stttt),
                vec![],
                None,
                Some(Recurrence::Monthly),
            ),
            (
                "Tổng hợp nhu cầu kinh phí chuyển đổi số năm 2025",
                Some(stc),
                vec![syt],
                NaiveDate::from_ymd_opt(2024, 11, 30),
                None,
            ),
        ] {
            add_conclusion(
                &mut store,
                &m.id,
                &ConclusionInput {
                    text: text.into(),
                    lead_agency_id: lead,
                    coordinating_agency_ids: coord,
                    deadline,
                    recurrence,
                },
            )
            .unwrap();
        }
        set_actual_times(&mut store, &m.id, Some(at(2024, 9, 5, 14, 5)), Some(at(2024, 9, 5, 16, 40))).unwrap();
        let m = store.read(|c| get_meeting(c, &m.id)).unwrap();
        (store, m)
    }

    fn pdf_text(store: &Store, id: &str) -> String {
        let pdf = store.read(|c| document_pdf(c, id)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pdf");
        std::fs::write(&path, pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext");
        String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_meeting_day_produces_the_three_documents() {
        let (mut store, m) = full_meeting();
        let conclusions = store.read(|c| list_conclusions(c, &m.id)).unwrap();
        assert_eq!(conclusions.len(), 4);
        assert_eq!(conclusions[2].deadline_label, "hằng tháng");
        assert_eq!(conclusions[0].coordinating_agency_names, ["Sở Thông tin và Truyền thông"]);

        let gm = generate_document(&mut store, &m.id, MeetingDocumentRole::Invitation, false).unwrap();
        let bb = generate_document(&mut store, &m.id, MeetingDocumentRole::Minutes, false).unwrap();
        let tb = generate_document(&mut store, &m.id, MeetingDocumentRole::Conclusions, false).unwrap();
        let date = NaiveDate::from_ymd_opt(2024, 9, 6).unwrap();
        let gm =
            issue_document(&mut store, &gm.id, NaiveDate::from_ymd_opt(2024, 8, 29).unwrap(), None, false).unwrap();
        let bb = issue_document(&mut store, &bb.id, date, None, false).unwrap();
        let tb = issue_document(&mut store, &tb.id, date, None, false).unwrap();
        assert_eq!(gm.number_symbol.as_deref(), Some("01/GM-TCT"));
        assert_eq!(bb.number_symbol.as_deref(), Some("01/BB-TCT"));
        assert_eq!(tb.number_symbol.as_deref(), Some("01/TB-TCT"));

        // Kept for a person to look at (tests/artifacts/pdf/meeting-*.pdf).
        let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/artifacts/pdf");
        std::fs::create_dir_all(&out).unwrap();
        for (name, id) in
            [("meeting-giay-moi", &gm.id), ("meeting-bien-ban", &bb.id), ("meeting-thong-bao-ket-luan", &tb.id)]
        {
            std::fs::write(out.join(format!("{name}.pdf")), store.read(|c| document_pdf(c, id)).unwrap()).unwrap();
        }
        let gm_text = pdf_text(&store, &gm.id);
        for expected in [
            "GIẤY MỜI",
            "Tổ Công tác giúp việc trân trọng kính mời:",
            "Số: 01/GM-TCT",
            "TM. TỔ CÔNG TÁC TỔ TRƯỞNG PHÓ GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG Võ Trọng Phú",
            "- Ông Võ Trọng Phú, Phó Giám đốc Sở Thông tin và Truyền thông;",
            "Chủ trì: Ông Võ Trọng Phú, Tổ trưởng Tổ Công tác.",
            "Thời gian: 14 giờ 00, thứ Năm, ngày 05 tháng 9 năm 2024.",
            "Địa điểm: Phòng họp tầng 3, Sở Thông tin và Truyền thông.",
            "- Sở Y tế;",
        ] {
            assert!(gm_text.contains(expected), "Giấy mời lacks {expected:?}:\n{gm_text}");
        }
        let bb_text = pdf_text(&store, &bb.id);
        for expected in [
            "BIÊN BẢN",
            "Thời gian bắt đầu: 14 giờ 05, thứ Năm, ngày 05 tháng 9 năm 2024.",
            "(có lý do: Đi công tác tại Hà Nội)",
            "Lê Thị Hoa, Trưởng phòng Kế hoạch (dự thay",
            "Thư ký (người ghi biên bản): Bà Nguyễn Thị Hà.",
            "I. BÁO CÁO KẾT QUẢ CHUYỂN ĐỔI SỐ 9 THÁNG",
            "97% văn bản đi được ký số.",
            "4. Tổng hợp nhu cầu kinh phí chuyển đổi số năm 2025. Sở Tài chính chủ trì, phối hợp với Sở Y tế; thời hạn: trước ngày 30/11/2024.",
            "Cuộc họp kết thúc vào 16 giờ 40, ngày 05 tháng 9 năm 2024./.",
            "THƯ KÝ",
            "CHỦ TỌA",
            "Nguyễn Thị Hà",
        ] {
            assert!(bb_text.contains(expected), "Biên bản lacks {expected:?}:\n{bb_text}");
        }
        let tb_text = pdf_text(&store, &tb.id);
        for expected in [
            "Kết luận của Tổ trưởng Tổ Công tác tại cuộc họp Tổ Công tác quý III năm 2024",
            "Ngày 05 tháng 9 năm 2024, tại Phòng họp tầng 3",
            "Ông Võ Trọng Phú, Tổ trưởng Tổ Công tác chủ trì cuộc họp",
            "1. Hoàn thành kết nối dữ liệu khám chữa bệnh với Trung tâm dữ liệu tỉnh. Sở Y tế chủ trì, phối hợp với Sở Thông tin và Truyền thông; thời hạn: trước ngày 31/12/2024.",
            "2. Tham mưu kiện toàn Tổ Công tác. Sở Nội vụ chủ trì; thời hạn: trước ngày 15/10/2024.",
            "3. Báo cáo tình hình thực hiện nhiệm vụ chuyển đổi số. Sở Thông tin và Truyền thông chủ trì; thời hạn: hằng tháng.",
            "4. Tổng hợp nhu cầu kinh phí",
            "- Sở Tài chính;",
        ] {
            assert!(tb_text.contains(expected), "Thông báo lacks {expected:?}:\n{tb_text}");
        }
        assert!(!tb_text.contains("(có lý do"), "the absent are not listed as attending");

        // Issued documents never change: regenerating is refused.
        let err = generate_document(&mut store, &m.id, MeetingDocumentRole::Minutes, true).unwrap_err();
        assert!(err.message.contains("đã ban hành"), "{}", err.message);
    }

    #[test]
    fn regenerating_never_overwrites_hand_edits_without_asking() {
        let (mut store, m) = full_meeting();
        let tb = generate_document(&mut store, &m.id, MeetingDocumentRole::Conclusions, false).unwrap();
        // The record changes; the untouched draft follows.
        add_conclusion(
            &mut store,
            &m.id,
            &ConclusionInput {
                text: "Kết luận bổ sung".into(),
                lead_agency_id: None,
                coordinating_agency_ids: vec![],
                deadline: None,
                recurrence: None,
            },
        )
        .unwrap();
        let again = generate_document(&mut store, &m.id, MeetingDocumentRole::Conclusions, false).unwrap();
        assert_eq!(again.id, tb.id);
        assert!(again.content.body.iter().any(|b| format!("{b:?}").contains("Kết luận bổ sung")));
        // The secretary edits the draft by hand.
        let mut edited = again.content.clone();
        edited.subject = "Kết luận (đã sửa tay)".into();
        save_draft(&mut store, &tb.id, &edited).unwrap();
        let docs = store.read(|c| meeting_documents(c, &m.id)).unwrap();
        assert!(docs[0].edited);
        let err = generate_document(&mut store, &m.id, MeetingDocumentRole::Conclusions, false).unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        assert_eq!(store.read(|c| crate::documents::get_document(c, &tb.id)).unwrap().subject, "Kết luận (đã sửa tay)");
        // Only when asked.
        let replaced = generate_document(&mut store, &m.id, MeetingDocumentRole::Conclusions, true).unwrap();
        assert!(replaced.subject.starts_with("Kết luận của Tổ trưởng"));
        assert!(!store.read(|c| meeting_documents(c, &m.id)).unwrap()[0].edited);
        assert_eq!(replaced.status, DocumentStatus::Draft);
    }

    #[test]
    fn agenda_order_and_attached_files() {
        let (mut store, m) = full_meeting();
        let items = store.read(|c| list_agenda(c, &m.id)).unwrap();
        let moved = move_agenda_item(&mut store, &items[2].id, 1).unwrap();
        assert_eq!(
            moved.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
            ["Kiện toàn Tổ Công tác", "Báo cáo kết quả chuyển đổi số 9 tháng", "Kết nối dữ liệu y tế"]
        );
        assert_eq!(moved.iter().map(|i| i.position).collect::<Vec<_>>(), [1, 2, 3]);
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("Báo cáo quý III.pdf");
        std::fs::write(&source, b"%PDF-1.7 test").unwrap();
        let data = dir.path().join("data");
        let items = attach_file(&mut store, &data, &moved[0].id, &source).unwrap();
        let f = &items[0].files[0];
        assert_eq!((f.file_name.as_str(), f.size), ("Báo cáo quý III.pdf", 13));
        assert_eq!(std::fs::read(data.join(&f.stored_path)).unwrap(), b"%PDF-1.7 test");
        assert!(attach_file(&mut store, &data, &moved[0].id, &dir.path().join("khong-co.pdf")).is_err());
        let left = remove_agenda_item(&mut store, &moved[1].id).unwrap();
        assert_eq!(left.len(), 2);
        assert_eq!(
            add_agenda_item(
                &mut store,
                &m.id,
                &AgendaInput {
                    title: " ".into(),
                    presenter_person_id: None,
                    presenter_agency_id: None,
                    presenter_text: String::new()
                }
            )
            .unwrap_err()
            .code,
            ErrorCode::Validation
        );
    }
}
