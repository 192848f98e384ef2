use super::*;
use crate::error::ErrorCode;
use crate::error::Sql;
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
            form: MeetingForm::Meeting,
            subject: "  Họp Tổ Công tác quý III năm 2024 ".into(),
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
    assert_eq!((m.form, m.subject.as_str()), (MeetingForm::Meeting, "Tổ Công tác quý III năm 2024"));
    assert_eq!(m.title, "Cuộc họp Tổ Công tác quý III năm 2024");
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
        form: MeetingForm::Session,
        subject: "  ".into(),
        planned_start: at(2024, 10, 1, 8, 0),
        planned_end: None,
        place: String::new(),
        chair_person_id: None,
        chair_title: String::new(),
        secretary_person_id: None,
    };
    assert_eq!(
        create_meeting(&mut store, &input).unwrap_err().message,
        "Hãy ghi tên cuộc họp sau “Phiên họp”, ví dụ: Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024."
    );
    // Only the form word: still no name.
    input.subject = "Phiên họp ".into();
    assert_eq!(create_meeting(&mut store, &input).unwrap_err().code, ErrorCode::Validation);
    input.subject = "Tổ Công tác đột xuất".into();
    input.planned_end = Some(at(2024, 10, 1, 7, 0));
    assert_eq!(create_meeting(&mut store, &input).unwrap_err().code, ErrorCode::Validation);
}

#[test]
fn invitees_come_from_the_roster_of_the_meeting_day() {
    let (mut store, _, m) = setup();
    let invited = invite_whole_body(&mut store, &m.id).unwrap();
    // 17 seats: the leader, 4 deputy seats naming neither a person nor an agency (nobody to
    // invite), 12 agency seats.
    assert_eq!(invited.len(), 13);
    assert_eq!(invited[0].name, "Ông Võ Trọng Phú");
    assert_eq!(invited[0].post, "Phó Giám đốc Sở Thông tin và Truyền thông");
    assert_eq!(invited[0].role, Some(Role::Leader));
    let syt = invited.iter().find(|i| i.agency_name == "Sở Y tế").unwrap();
    assert_eq!((syt.name.as_str(), syt.post.as_str()), ("", "Lãnh đạo Sở Y tế"));
    // Inviting again adds nobody twice.
    assert_eq!(invite_whole_body(&mut store, &m.id).unwrap().len(), 13);
    let guests = add_guest(
        &mut store,
        &m.id,
        &GuestInput {
            name: " Trần Văn Khách ".into(), post: "Giám đốc".into(), agency_name: "Viettel Nghệ An".into()
        },
    )
    .unwrap();
    assert_eq!(guests.len(), 14);
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
        set(&mut store, 0, Attendance::Substitute, "", "").unwrap_err().message,
        "Hãy ghi họ tên người dự thay."
    );
    let sub = set(&mut store, 0, Attendance::Substitute, "lý do thừa", "Lê Thị Hoa").unwrap();
    assert_eq!((sub.substitute_name.as_str(), sub.absence_reason.as_str()), ("Lê Thị Hoa", ""));
    // Changing back to present clears what no longer applies.
    let back = set(&mut store, 0, Attendance::Present, "", "").unwrap();
    assert_eq!(back.substitute_name, "");
}

#[test]
fn an_agency_seat_is_present_only_with_the_name_of_who_came() {
    let (mut store, _, m) = setup();
    let invited = invite_whole_body(&mut store, &m.id).unwrap();
    let syt = invited.iter().find(|i| i.agency_name == "Sở Y tế").unwrap();
    let mark = |store: &mut Store, attendance: Attendance, name: &str| {
        set_attendance(
            store,
            &AttendanceInput {
                invitee_id: syt.id.clone(),
                attendance,
                absence_reason: String::new(),
                substitute_name: name.into(),
                substitute_post: "Phó Giám đốc".into(),
            },
        )
    };
    let err = mark(&mut store, Attendance::Present, "").unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(
        err.message,
        "Lãnh đạo Sở Y tế chưa có tên người dự nên không ghi “Có mặt” được. \
         Hãy chọn “Cử người dự” và ghi họ tên, chức vụ người đến dự."
    );
    assert_eq!(
        store.read(|c| list_invitees(c, &m.id)).unwrap().iter().find(|i| i.id == syt.id).unwrap().attendance,
        Attendance::Unknown
    );
    assert!(mark(&mut store, Attendance::Substitute, " ").is_err());
    let sent = mark(&mut store, Attendance::Substitute, "Bà Lê Thị Hoa").unwrap();
    assert_eq!((sent.attendance, sent.substitute_name.as_str()), (Attendance::Substitute, "Bà Lê Thị Hoa"));
    // Absent needs no name.
    assert_eq!(mark(&mut store, Attendance::Absent, "").unwrap().attendance, Attendance::Absent);
}

#[test]
fn a_seat_with_neither_person_nor_agency_cannot_be_invited() {
    let (mut store, _, m) = setup();
    let roster = store.read(|c| roster_as_of(c, &m.body_id, m.planned_start.date())).unwrap();
    let empty =
        roster.groups.iter().flat_map(|g| g.entries.iter()).find(|e| e.vacant && e.agency_id.is_none()).unwrap();
    let err = invite_members(&mut store, &m.id, std::slice::from_ref(&empty.membership_id)).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.message.starts_with("Một vị trí Tổ phó trong danh sách Tổ Công tác"), "{}", err.message);
    assert!(store.read(|c| list_invitees(c, &m.id)).unwrap().is_empty(), "nothing half-invited");
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

/// Reading generated PDFs back with poppler's tools.
pub(crate) mod read_back {
    use crate::documents::document_pdf;
    use crate::store::Store;
    use crate::text::fold;

    fn pdf_file(store: &Store, id: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let pdf = store.read(|c| document_pdf(c, id)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pdf");
        std::fs::write(&path, pdf).unwrap();
        (dir, path)
    }

    fn tool(path: &std::path::Path, args: &[&str]) -> String {
        let out = std::process::Command::new("pdftotext")
            .args(args)
            .arg(path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is needed to read PDFs back");
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    }

    /// The text of a document's PDF, white space runs made single spaces.
    pub fn text(store: &Store, id: &str) -> String {
        let (_dir, path) = pdf_file(store, id);
        tool(&path, &["-enc", "UTF-8"]).split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The lines of the Nơi nhận block: words left of the page's middle, below "Nơi nhận:", on
    /// the page that has it, grouped by baseline, that start with a dash.
    pub fn recipients(store: &Store, id: &str) -> Vec<String> {
        let (_dir, path) = pdf_file(store, id);
        let html = tool(&path, &["-bbox", "-enc", "UTF-8"]);
        let mut page = 0;
        let mut words: Vec<(usize, f32, f32, String)> = Vec::new();
        for line in html.lines().map(str::trim) {
            if line.starts_with("<page") {
                page += 1;
            }
            if let Some(rest) = line.strip_prefix("<word ") {
                let attr = |name: &str| -> f32 {
                    let key = format!("{name}=\"");
                    let start = rest.find(&key).unwrap() + key.len();
                    rest[start..].split('"').next().unwrap().parse().unwrap()
                };
                let word = rest.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_string();
                words.push((page, attr("xMin"), attr("yMax"), word));
            }
        }
        let (p, _, y0, _) = words.iter().find(|w| w.3 == "Nơi").expect("a Nơi nhận block").clone();
        let mut lines: Vec<(f32, Vec<(f32, String)>)> = Vec::new();
        for (wp, x, y, w) in words {
            if wp != p || y <= y0 + 1.0 || x > 297.0 {
                continue;
            }
            match lines.iter_mut().find(|(ly, _)| (*ly - y).abs() < 2.0) {
                Some((_, ws)) => ws.push((x, w)),
                None => lines.push((y, vec![(x, w)])),
            }
        }
        lines.sort_by(|a, b| a.0.total_cmp(&b.0));
        lines
            .into_iter()
            .map(|(_, mut ws)| {
                ws.sort_by(|a, b| a.0.total_cmp(&b.0));
                ws.into_iter().map(|(_, w)| w).collect::<Vec<_>>().join(" ")
            })
            .filter(|l| l.starts_with("- "))
            .collect()
    }

    /// Form words standing next to each other ("cuộc họp Phiên họp", "Họp họp").
    pub fn doubled_forms(text: &str) -> Vec<String> {
        const FORMS: [&str; 5] = ["phien hop", "cuoc hop", "hoi nghi", "buoi lam viec", "hop"];
        let folded = fold(text);
        let mut found = Vec::new();
        for a in FORMS {
            for b in FORMS {
                let pair = format!("{a} {b}");
                let hit = folded.match_indices(&pair).any(|(at, _)| {
                    // Whole words only: "hop" must not be the end of another word.
                    at == 0 || !folded[..at].ends_with(|c: char| c.is_alphanumeric())
                });
                if hit {
                    found.push(pair);
                }
            }
        }
        found
    }

    /// "Ông"/"Bà" with a capital where a sentence goes on: after a word, a comma, a
    /// semicolon or an opening parenthesis (not at a line's dash, after a colon or a full stop).
    pub fn capitalised_mid_sentence(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for h in ["Ông ", "Bà "] {
            for (at, _) in text.match_indices(h) {
                let before = text[..at].trim_end();
                let ok = before.is_empty() || before.ends_with(['-', ':', '.', '/']) || before.ends_with("./.");
                if !ok {
                    let from = before.char_indices().rev().nth(25).map(|(i, _)| i).unwrap_or(0);
                    found.push(format!("…{}", &text[from..(at + 20).min(text.len())]));
                }
            }
        }
        found
    }

    /// Asserts that `names` appear in `text` in this order.
    pub fn assert_in_order(text: &str, names: &[&str], what: &str) {
        let mut last = 0;
        let mut prev = "";
        for n in names {
            let at = text[last..]
                .find(n)
                .map(|i| i + last)
                .unwrap_or_else(|| panic!("{what}: {n:?} missing after {prev:?} (protocol order):\n{text}"));
            last = at + n.len();
            prev = n;
        }
    }
}

mod day {
    use super::read_back::{self, assert_in_order, capitalised_mid_sentence, doubled_forms};
    use super::*;
    use crate::documents::{document_pdf, issue_document, save_draft, DocumentStatus};
    use crate::roster::{create_person, Honorific, PersonInput};

    fn agency(store: &Store, name: &str) -> String {
        store.read(crate::roster::list_agencies).unwrap().into_iter().find(|a| a.full_name == name).unwrap().id
    }

    fn attend(store: &mut Store, i: &Invitee, attendance: Attendance, reason: &str, name: &str, post: &str) {
        set_attendance(
            store,
            &AttendanceInput {
                invitee_id: i.id.clone(),
                attendance,
                absence_reason: reason.into(),
                substitute_name: name.into(),
                substitute_post: post.into(),
            },
        )
        .unwrap();
    }

    /// The task force's day: the leader and nine agency seats invited; the agencies sent named
    /// people, one was absent with a reason, one never had attendance taken; three agenda
    /// items with notes, four conclusions; then the three documents.
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
        let input = MeetingInput {
            body_id: m.body_id.clone(),
            kind: m.kind,
            form: MeetingForm::Meeting,
            subject: "Họp Tổ Công tác quý III năm 2024".into(),
            planned_start: m.planned_start,
            planned_end: m.planned_end,
            place: m.place.clone(),
            chair_person_id: m.chair_person_id.clone(),
            chair_title: m.chair_title.clone(),
            secretary_person_id: Some(secretary.id),
        };
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
        for inv in &invited {
            match inv.agency_name.as_str() {
                _ if !inv.name.is_empty() => attend(&mut store, inv, Attendance::Present, "", "", ""),
                "Sở Xây dựng" => {
                    attend(&mut store, inv, Attendance::AbsentExcused, "Đi công tác tại Hà Nội", "", "")
                }
                "Sở Y tế" => {
                    attend(&mut store, inv, Attendance::Substitute, "", "Lê Thị Hoa", "Trưởng phòng Kế hoạch")
                }
                "Sở Công Thương" => {} // attendance never taken
                a => attend(
                    &mut store,
                    inv,
                    Attendance::Substitute,
                    "",
                    "ông Trần Văn Bình",
                    &format!("Phó Giám đốc {a}"),
                ),
            }
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
        let on = m.planned_start.date();
        for (text, lead, coord, deadline) in [
            (
                "Hoàn thành kết nối dữ liệu khám chữa bệnh với Trung tâm dữ liệu tỉnh",
                Some(syt.clone()),
                vec![stttt.clone()],
                "31/12/2024",
            ),
            ("Tham mưu kiện toàn Tổ Công tác", Some(snv), vec![], "trước ngày 15/10/2024"),
            ("Báo cáo tình hình thực hiện nhiệm vụ chuyển đổi số", Some(stttt), vec![], "hằng tháng, trước ngày 25"),
            ("Tổng hợp nhu cầu kinh phí chuyển đổi số năm 2025", Some(stc), vec![syt], "báo cáo quý IV"),
        ] {
            add_conclusion(
                &mut store,
                &m.id,
                &ConclusionInput {
                    text: text.into(),
                    lead_agency_id: lead,
                    coordinating_agency_ids: coord,
                    deadline: Some(Deadline::parse(deadline, on).unwrap()),
                },
            )
            .unwrap();
        }
        set_actual_times(&mut store, &m.id, Some(at(2024, 9, 5, 14, 5)), Some(at(2024, 9, 5, 16, 40))).unwrap();
        let m = store.read(|c| get_meeting(c, &m.id)).unwrap();
        (store, m)
    }

    #[test]
    fn a_task_force_meeting_produces_the_three_documents() {
        let (mut store, m) = full_meeting();
        let conclusions = store.read(|c| list_conclusions(c, &m.id)).unwrap();
        assert_eq!(conclusions.len(), 4);
        assert_eq!(conclusions[2].deadline_label, "hằng tháng, trước ngày 25");
        assert_eq!(conclusions[2].due_date, None);
        assert_eq!(conclusions[3].deadline_label, "quý IV năm 2024");
        assert_eq!(conclusions[3].due_date, NaiveDate::from_ymd_opt(2024, 12, 31));
        assert_eq!(conclusions[0].coordinating_agency_names, ["Sở Thông tin và Truyền thông"]);

        let gm = generate_document(&mut store, &m.id, MeetingDocumentRole::Invitation, false).unwrap();
        let bb = generate_document(&mut store, &m.id, MeetingDocumentRole::Minutes, false).unwrap();
        let tb = generate_document(&mut store, &m.id, MeetingDocumentRole::Conclusions, false).unwrap();
        let date = NaiveDate::from_ymd_opt(2024, 9, 6).unwrap();
        let gm =
            issue_document(&mut store, &gm.id, NaiveDate::from_ymd_opt(2024, 8, 29).unwrap(), None, false).unwrap();
        // One seat's attendance was never taken: issuing asks first, and goes ahead when confirmed.
        let asked = issue_document(&mut store, &bb.id, date, None, false).unwrap_err();
        assert_eq!(asked.code, crate::ErrorCode::NeedsConfirmation, "{}", asked.message);
        let bb = issue_document(&mut store, &bb.id, date, None, true).unwrap();
        let tb = issue_document(&mut store, &tb.id, date, None, true).unwrap();
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
        let gm_text = read_back::text(&store, &gm.id);
        for expected in [
            "GIẤY MỜI Họp Tổ Công tác quý III năm 2024",
            "Tổ Công tác giúp việc Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An trân trọng kính mời:",
            "Số: 01/GM-TCT",
            "TM. TỔ CÔNG TÁC TỔ TRƯỞNG PHÓ GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG Võ Trọng Phú",
            "- Ông Võ Trọng Phú, Phó Giám đốc Sở Thông tin và Truyền thông;",
            "- Lãnh đạo Sở Y tế;",
            "Tới dự: Cuộc họp Tổ Công tác quý III năm 2024.",
            "Chủ trì: Ông Võ Trọng Phú, Tổ trưởng Tổ Công tác.",
            "Thời gian: 14 giờ 00, thứ Năm, ngày 05 tháng 9 năm 2024.",
            "Địa điểm: Phòng họp tầng 3, Sở Thông tin và Truyền thông.",
        ] {
            assert!(gm_text.contains(expected), "Giấy mời lacks {expected:?}:\n{gm_text}");
        }
        // Protocol order: the leader, then the member seats in the decision's order.
        assert_in_order(
            &gm_text,
            &[
                "Võ Trọng Phú",
                "Lãnh đạo Sở Khoa học và Công nghệ",
                "Lãnh đạo Sở Kế hoạch và Đầu tư",
                "Lãnh đạo Sở Xây dựng",
                "Lãnh đạo Sở Y tế",
                "Lãnh đạo Công an tỉnh",
            ],
            "Giấy mời",
        );
        assert_eq!(read_back::recipients(&store, &gm.id), ["- Như thành phần mời;", "- Lưu: VT, TCT."]);

        let bb_text = read_back::text(&store, &bb.id);
        for expected in [
            "BIÊN BẢN Cuộc họp Tổ Công tác quý III năm 2024",
            "Thời gian bắt đầu: 14 giờ 05, thứ Năm, ngày 05 tháng 9 năm 2024.",
            "- Ông Võ Trọng Phú, Phó Giám đốc Sở Thông tin và Truyền thông;",
            "- Lê Thị Hoa, Trưởng phòng Kế hoạch Sở Y tế;",
            "- Ông Trần Văn Bình, Phó Giám đốc Công an tỉnh;",
            "- Lãnh đạo Sở Xây dựng (có lý do: Đi công tác tại Hà Nội);",
            "Thư ký (người ghi biên bản): Bà Nguyễn Thị Hà.",
            "I. BÁO CÁO KẾT QUẢ CHUYỂN ĐỔI SỐ 9 THÁNG",
            "97% văn bản đi được ký số.",
            "3. Báo cáo tình hình thực hiện nhiệm vụ chuyển đổi số. Sở Thông tin và Truyền thông chủ trì; thời hạn: hằng tháng, trước ngày 25.",
            "4. Tổng hợp nhu cầu kinh phí chuyển đổi số năm 2025. Sở Tài chính chủ trì, phối hợp với Sở Y tế; thời hạn: quý IV năm 2024.",
            "Cuộc họp kết thúc vào 16 giờ 40, ngày 05 tháng 9 năm 2024./.",
            "THƯ KÝ",
            "CHỦ TỌA",
            "Nguyễn Thị Hà",
        ] {
            assert!(bb_text.contains(expected), "Biên bản lacks {expected:?}:\n{bb_text}");
        }
        // Attendance never taken is not attendance.
        assert!(!bb_text.contains("Sở Công Thương"), "{bb_text}");
        assert_in_order(
            &bb_text,
            &["Võ Trọng Phú", "Khoa học và Công nghệ", "Sở Y tế;", "Công an tỉnh", "Vắng mặt"],
            "Biên bản",
        );

        let tb_text = read_back::text(&store, &tb.id);
        for expected in [
            "Kết luận của Tổ trưởng Tổ Công tác tại cuộc họp Tổ Công tác quý III năm 2024",
            "Ngày 05 tháng 9 năm 2024, tại Phòng họp tầng 3",
            "ông Võ Trọng Phú, Tổ trưởng Tổ Công tác chủ trì cuộc họp Tổ Công tác quý III năm 2024.",
            "Tham dự cuộc họp Tổ Công tác quý III năm 2024 có: ông Võ Trọng Phú, Phó Giám đốc Sở Thông tin và Truyền thông; ông Trần Văn Bình, Phó Giám đốc Sở Khoa học và Công nghệ;",
            "Lê Thị Hoa, Trưởng phòng Kế hoạch Sở Y tế;",
            "1. Hoàn thành kết nối dữ liệu khám chữa bệnh với Trung tâm dữ liệu tỉnh. Sở Y tế chủ trì, phối hợp với Sở Thông tin và Truyền thông; thời hạn: trước ngày 31/12/2024.",
            "2. Tham mưu kiện toàn Tổ Công tác. Sở Nội vụ chủ trì; thời hạn: trước ngày 15/10/2024.",
            "4. Tổng hợp nhu cầu kinh phí",
            "- Sở Tài chính;",
        ] {
            assert!(tb_text.contains(expected), "Thông báo lacks {expected:?}:\n{tb_text}");
        }
        assert!(!tb_text.contains("(có lý do"), "the absent are not listed as attending");
        assert!(!tb_text.contains("Sở Công Thương"), "attendance never taken is not attendance");
        for (name, text) in [("Giấy mời", &gm_text), ("Biên bản", &bb_text), ("Thông báo", &tb_text)] {
            assert_eq!(doubled_forms(text), Vec::<String>::new(), "{name}:\n{text}");
            assert_eq!(capitalised_mid_sentence(text), Vec::<String>::new(), "{name}:\n{text}");
        }

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
                deadline: Some(Deadline::Ongoing),
            },
        )
        .unwrap();
        let again = generate_document(&mut store, &m.id, MeetingDocumentRole::Conclusions, false).unwrap();
        assert_eq!(again.id, tb.id);
        assert!(again
            .content
            .body
            .iter()
            .any(|b| format!("{b:?}").contains("Kết luận bổ sung.")
                && format!("{b:?}").contains(" Thời hạn: thường xuyên.")));
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
    fn conclusions_keep_their_deadline_as_written() {
        let (mut store, m) = full_meeting();
        let first = store.read(|c| list_conclusions(c, &m.id)).unwrap()[0].clone();
        let bad = ConclusionInput {
            text: first.text.clone(),
            lead_agency_id: first.lead_agency_id.clone(),
            coordinating_agency_ids: vec![],
            deadline: Some(Deadline::Period { period: Period::Quarter { year: 2024, quarter: 5 } }),
        };
        assert_eq!(update_conclusion(&mut store, &first.id, &bad).unwrap_err().code, ErrorCode::Validation);
        let good = ConclusionInput {
            deadline: Some(Deadline::parse("6 tháng đầu năm 2025", m.planned_start.date()).unwrap()),
            ..bad
        };
        let after = update_conclusion(&mut store, &first.id, &good).unwrap();
        assert_eq!(after[0].deadline_label, "6 tháng đầu năm 2025");
        assert_eq!(after[0].due_date, NaiveDate::from_ymd_opt(2025, 6, 30));
        // The old columns follow, for queries on the date and the recurrence.
        let (due, rec): (Option<NaiveDate>, Option<String>) = store
            .read(|c| {
                c.query_row("SELECT deadline, recurrence FROM conclusion WHERE id = ?1", [&first.id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .sql()
            })
            .unwrap();
        assert_eq!((due, rec), (NaiveDate::from_ymd_opt(2025, 6, 30), None));
        let monthly = store.read(|c| list_conclusions(c, &m.id)).unwrap()[2].id.clone();
        let rec: Option<String> = store
            .read(|c| c.query_row("SELECT recurrence FROM conclusion WHERE id = ?1", [&monthly], |r| r.get(0)).sql())
            .unwrap();
        assert_eq!(rec.as_deref(), Some("monthly"));
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

/// The Steering Committee's quarterly session, chaired by its head: the case a user found
/// wrong (doubled form words, people by given name, capital honorifics mid-sentence, unknown
/// attendance printed as present, substitutes without their post, agencies twice in Nơi nhận).
mod committee {
    use super::read_back::{self, assert_in_order, capitalised_mid_sentence, doubled_forms};
    use super::*;
    use crate::documents::checks::{enforce, issue_checks};
    use crate::documents::{get_document, issue_document};
    use crate::roster::{add_membership, create_person, Honorific, MembershipInput, PersonInput};

    fn agency(store: &Store, name: &str) -> String {
        store.read(crate::roster::list_agencies).unwrap().into_iter().find(|a| a.full_name == name).unwrap().id
    }

    struct Day {
        store: Store,
        meeting: Meeting,
        /// Membership ids by the holder's full name (or the agency's name for an agency seat).
        seats: Vec<(String, String)>,
    }

    impl Day {
        fn seat(&self, who: &str) -> String {
            self.seats.iter().find(|(n, _)| n == who).unwrap().1.clone()
        }
        fn invitee(&self, who: &str) -> Invitee {
            let invitees = self.store.read(|c| list_invitees(c, &self.meeting.id)).unwrap();
            invitees
                .into_iter()
                .find(|i| i.name.ends_with(who) || i.agency_name == who && i.name.is_empty())
                .unwrap_or_else(|| panic!("{who} is not invited"))
        }
        fn attend(
            &mut self,
            who: &str,
            attendance: Attendance,
            reason: &str,
            name: &str,
            post: &str,
        ) -> crate::error::Result<Invitee> {
            let id = self.invitee(who).id;
            set_attendance(
                &mut self.store,
                &AttendanceInput {
                    invitee_id: id,
                    attendance,
                    absence_reason: reason.into(),
                    substitute_name: name.into(),
                    substitute_post: post.into(),
                },
            )
        }
    }

    /// Seats in the order of the committee's founding decision (seat_order): the head, three
    /// deputies, two members, an agency seat with nobody named, a seat naming nobody. Given
    /// names in that order: Vinh, Long, Đệ, Hiếu, Nam, An — by given name it would be An first.
    fn committee_day() -> Day {
        let mut store = Store::open_in_memory().unwrap();
        let s = example_data::load(&mut store, 2024).unwrap();
        let from = NaiveDate::from_ymd_opt(2024, 5, 15).unwrap();
        let mut seats = Vec::new();
        let people = [
            (Role::Head, "Lê Hồng Vinh", Honorific::Ong, "Chủ tịch Ủy ban nhân dân tỉnh", None),
            (Role::DeputyHead, "Bùi Đình Long", Honorific::Ong, "Phó Chủ tịch Ủy ban nhân dân tỉnh", None),
            (Role::DeputyHead, "Nguyễn Văn Đệ", Honorific::Ong, "Phó Chủ tịch Ủy ban nhân dân tỉnh", None),
            (Role::DeputyHead, "Hoàng Nghĩa Hiếu", Honorific::Ong, "Giám đốc", Some("Sở Thông tin và Truyền thông")),
            (Role::CommitteeMember, "Hồ Sỹ Nam", Honorific::Ong, "Giám đốc", Some("Sở Y tế")),
            (Role::CommitteeMember, "Phạm Thị An", Honorific::Ba, "Giám đốc", Some("Sở Tài chính")),
        ];
        for (role, name, honorific, post, agency_name) in people {
            let agency_id = agency_name.map(|a| agency(&store, a));
            let person = create_person(
                &mut store,
                &PersonInput {
                    full_name: name.into(),
                    honorific,
                    post: post.into(),
                    agency_id,
                    phone: String::new(),
                    email: String::new(),
                    notes: String::new(),
                },
            )
            .unwrap();
            let m = add_membership(
                &mut store,
                &MembershipInput {
                    body_id: s.steering_committee_id.clone(),
                    role,
                    person_id: Some(person.id),
                    new_person: None,
                    agency_id: None,
                    post: None,
                    start_date: from,
                    end_date: None,
                    decision_number: "01/QĐ-UBND".into(),
                    decision_date: Some(from),
                    notes: String::new(),
                },
            )
            .unwrap();
            seats.push((name.to_string(), m.id));
        }
        for agency_id in [Some(agency(&store, "Sở Nội vụ")), None] {
            let m = add_membership(
                &mut store,
                &MembershipInput {
                    body_id: s.steering_committee_id.clone(),
                    role: Role::CommitteeMember,
                    person_id: None,
                    new_person: None,
                    agency_id: agency_id.clone(),
                    post: None,
                    start_date: from,
                    end_date: None,
                    decision_number: "01/QĐ-UBND".into(),
                    decision_date: Some(from),
                    notes: String::new(),
                },
            )
            .unwrap();
            seats.push((if agency_id.is_some() { "Sở Nội vụ".into() } else { "(trống)".into() }, m.id));
        }
        let head_person = store.read(|c| crate::roster::get_membership(c, &seats[0].1)).unwrap().person_id;
        let stttt = agency(&store, "Sở Thông tin và Truyền thông");
        let secretary = create_person(
            &mut store,
            &PersonInput {
                full_name: "Nguyễn Thị Hà".into(),
                honorific: Honorific::Ba,
                post: "Chuyên viên".into(),
                agency_id: Some(stttt),
                phone: String::new(),
                email: String::new(),
                notes: String::new(),
            },
        )
        .unwrap();
        // Typed as the user did: the form word in the subject, "cuộc họp" left in the select.
        let meeting = create_meeting(
            &mut store,
            &MeetingInput {
                body_id: s.steering_committee_id.clone(),
                kind: MeetingKind::Regular,
                form: MeetingForm::Meeting,
                subject: "Phiên họp Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024".into(),
                planned_start: at(2024, 9, 5, 14, 0),
                planned_end: Some(at(2024, 9, 5, 16, 30)),
                place: "Hội trường tầng 2, Ủy ban nhân dân tỉnh".into(),
                chair_person_id: head_person,
                chair_title: "Trưởng Ban Chỉ đạo".into(),
                secretary_person_id: Some(secretary.id),
            },
        )
        .unwrap();
        let mut day = Day { store, meeting, seats };
        // Invited in no particular order: members first, the head last, then the task force's
        // leader and a guest.
        let order = [
            "Sở Nội vụ",
            "Phạm Thị An",
            "Hồ Sỹ Nam",
            "Hoàng Nghĩa Hiếu",
            "Nguyễn Văn Đệ",
            "Bùi Đình Long",
            "Lê Hồng Vinh",
        ];
        for who in order {
            let seat = day.seat(who);
            invite_members(&mut day.store, &day.meeting.id, &[seat]).unwrap();
        }
        let leader = day
            .store
            .read(|c| roster_as_of(c, &s.task_force_id, NaiveDate::from_ymd_opt(2024, 9, 5).unwrap()))
            .unwrap()
            .groups[0]
            .entries[0]
            .membership_id
            .clone();
        add_guest(
            &mut day.store,
            &day.meeting.id,
            &GuestInput {
                name: "ông Trần Văn Khách".into(),
                post: "Giám đốc".into(),
                agency_name: "Viettel Nghệ An".into(),
            },
        )
        .unwrap();
        invite_members(&mut day.store, &day.meeting.id, &[leader]).unwrap();
        day
    }

    const PROTOCOL: [&str; 9] = [
        "Lê Hồng Vinh",
        "Bùi Đình Long",
        "Nguyễn Văn Đệ",
        "Hoàng Nghĩa Hiếu",
        "Hồ Sỹ Nam",
        "Phạm Thị An",
        "Lãnh đạo Sở Nội vụ",
        "Võ Trọng Phú",
        "Trần Văn Khách",
    ];

    #[test]
    fn the_form_typed_in_the_subject_becomes_the_form() {
        let day = committee_day();
        let m = &day.meeting;
        assert_eq!(m.form, MeetingForm::Session);
        assert_eq!(m.subject, "Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024");
        assert_eq!(m.title, "Phiên họp Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024");
        assert_eq!(m.form_label, "Phiên họp");
    }

    #[test]
    fn invitees_are_in_protocol_order() {
        let mut day = committee_day();
        let invitees = day.store.read(|c| list_invitees(c, &day.meeting.id)).unwrap();
        let shown: Vec<String> =
            invitees.iter().map(|i| if i.name.is_empty() { i.post.clone() } else { i.name.clone() }).collect();
        let expected: Vec<String> = PROTOCOL
            .iter()
            .map(|n| match *n {
                "Lãnh đạo Sở Nội vụ" => n.to_string(),
                "Phạm Thị An" => format!("Bà {n}"),
                "Trần Văn Khách" => format!("ông {n}"),
                _ => format!("Ông {n}"),
            })
            .collect();
        assert_eq!(shown, expected);
        assert_eq!(invitees[0].role, Some(Role::Head));
        assert_eq!(invitees[8].role, None, "the guest comes last");
        // Seat order, not invitation or name order, decides among equals: the decision
        // reordered puts Hiếu before Long and Đệ.
        let hieu = day.seat("Hoàng Nghĩa Hiếu");
        day.store.write(|tx| tx.execute("UPDATE membership SET seat_order = 0 WHERE id = ?1", [&hieu]).sql()).unwrap();
        let after: Vec<String> = day
            .store
            .read(|c| list_invitees(c, &day.meeting.id))
            .unwrap()
            .iter()
            .take(4)
            .map(|i| i.name.clone())
            .collect();
        assert_eq!(after, ["Ông Lê Hồng Vinh", "Ông Hoàng Nghĩa Hiếu", "Ông Bùi Đình Long", "Ông Nguyễn Văn Đệ"]);
    }

    /// Attendance as taken on the day: Hiếu's never taken.
    fn take_attendance(day: &mut Day) {
        for who in ["Lê Hồng Vinh", "Bùi Đình Long", "Phạm Thị An", "Võ Trọng Phú", "Trần Văn Khách"]
        {
            day.attend(who, Attendance::Present, "", "", "").unwrap();
        }
        day.attend("Nguyễn Văn Đệ", Attendance::AbsentExcused, "Đi công tác", "", "").unwrap();
        day.attend("Hồ Sỹ Nam", Attendance::Substitute, "", "bà Lê Thị Hoa", "Phó Giám đốc Sở Y tế").unwrap();
        // The agency seat: "present" needs the name of who came.
        assert_eq!(day.attend("Sở Nội vụ", Attendance::Present, "", "", "").unwrap_err().code, ErrorCode::Validation);
        day.attend("Sở Nội vụ", Attendance::Substitute, "", "Trần Quốc Khánh", "Phó Giám đốc").unwrap();
        let on = day.meeting.planned_start.date();
        for (text, lead, deadline) in [
            ("Hoàn thành kết nối dữ liệu khám chữa bệnh", Some("Sở Y tế"), "báo cáo quý IV"),
            ("Báo cáo tình hình chuyển đổi số", Some("Sở Thông tin và Truyền thông"), "hằng tháng, trước ngày 25"),
            ("Theo dõi, đôn đốc các sở thực hiện", None, "thường xuyên"),
        ] {
            let lead_agency_id = lead.map(|a| agency(&day.store, a));
            add_conclusion(
                &mut day.store,
                &day.meeting.id,
                &ConclusionInput {
                    text: text.into(),
                    lead_agency_id,
                    coordinating_agency_ids: vec![],
                    deadline: Some(Deadline::parse(deadline, on).unwrap()),
                },
            )
            .unwrap();
        }
        set_actual_times(&mut day.store, &day.meeting.id, Some(at(2024, 9, 5, 14, 0)), Some(at(2024, 9, 5, 16, 40)))
            .unwrap();
    }

    #[test]
    fn the_quarterly_session_reads_right() {
        let mut day = committee_day();
        take_attendance(&mut day);
        let id = day.meeting.id.clone();
        let gm = generate_document(&mut day.store, &id, MeetingDocumentRole::Invitation, false).unwrap();
        let bb = generate_document(&mut day.store, &id, MeetingDocumentRole::Minutes, false).unwrap();
        let tb = generate_document(&mut day.store, &id, MeetingDocumentRole::Conclusions, false).unwrap();
        let gm =
            issue_document(&mut day.store, &gm.id, NaiveDate::from_ymd_opt(2024, 8, 30).unwrap(), None, false).unwrap();
        // Confirmed: one member's attendance was not taken (the warning names him).
        let bb =
            issue_document(&mut day.store, &bb.id, NaiveDate::from_ymd_opt(2024, 9, 5).unwrap(), None, true).unwrap();
        let tb =
            issue_document(&mut day.store, &tb.id, NaiveDate::from_ymd_opt(2024, 9, 9).unwrap(), None, true).unwrap();
        let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/artifacts/pdf");
        std::fs::create_dir_all(&out).unwrap();
        for (name, doc) in [("session-giay-moi", &gm), ("session-bien-ban", &bb), ("session-thong-bao-ket-luan", &tb)] {
            let pdf = day.store.read(|c| crate::documents::document_pdf(c, &doc.id)).unwrap();
            std::fs::write(out.join(format!("{name}.pdf")), pdf).unwrap();
        }

        let gm_text = read_back::text(&day.store, &gm.id);
        for expected in [
            "GIẤY MỜI Phiên họp Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024",
            "- Ông Lê Hồng Vinh, Chủ tịch Ủy ban nhân dân tỉnh;",
            "- Bà Phạm Thị An, Giám đốc Sở Tài chính;",
            "- Lãnh đạo Sở Nội vụ;",
            "- Ông Trần Văn Khách, Giám đốc Viettel Nghệ An.",
            "Tới dự: Phiên họp Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024.",
            "Chủ trì: Ông Lê Hồng Vinh, Trưởng Ban Chỉ đạo.",
        ] {
            assert!(gm_text.contains(expected), "Giấy mời lacks {expected:?}:\n{gm_text}");
        }
        assert_in_order(&gm_text, &PROTOCOL, "Giấy mời");
        // Everyone invited is "Như thành phần mời": no agency a second time.
        assert_eq!(read_back::recipients(&day.store, &gm.id), ["- Như thành phần mời;", "- Lưu: VT, TCT."]);

        let bb_text = read_back::text(&day.store, &bb.id);
        for expected in [
            "BIÊN BẢN Phiên họp Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024",
            "Thành phần tham dự: - Ông Lê Hồng Vinh, Chủ tịch Ủy ban nhân dân tỉnh; - Ông Bùi Đình Long, Phó Chủ tịch Ủy ban nhân dân tỉnh; - Bà Lê Thị Hoa, Phó Giám đốc Sở Y tế (dự thay ông Hồ Sỹ Nam, Giám đốc Sở Y tế); - Bà Phạm Thị An, Giám đốc Sở Tài chính; - Trần Quốc Khánh, Phó Giám đốc Sở Nội vụ; - Ông Võ Trọng Phú, Phó Giám đốc Sở Thông tin và Truyền thông; - Ông Trần Văn Khách, Giám đốc Viettel Nghệ An; Vắng mặt: - Ông Nguyễn Văn Đệ, Phó Chủ tịch Ủy ban nhân dân tỉnh (có lý do: Đi công tác);",
            "Chủ trì (chủ tọa): Ông Lê Hồng Vinh, Trưởng Ban Chỉ đạo.",
            "1. Hoàn thành kết nối dữ liệu khám chữa bệnh. Sở Y tế chủ trì; thời hạn: quý IV năm 2024.",
            "3. Theo dõi, đôn đốc các sở thực hiện. Thời hạn: thường xuyên.",
            "Phiên họp kết thúc vào 16 giờ 40, ngày 05 tháng 9 năm 2024./.",
        ] {
            assert!(bb_text.contains(expected), "Biên bản lacks {expected:?}:\n{bb_text}");
        }
        assert!(!bb_text.contains("Hoàng Nghĩa Hiếu"), "attendance never taken is not printed as present:\n{bb_text}");

        let tb_text = read_back::text(&day.store, &tb.id);
        for expected in [
            "Kết luận của Trưởng Ban Chỉ đạo tại Phiên họp Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024",
            "Ngày 05 tháng 9 năm 2024, tại Hội trường tầng 2, Ủy ban nhân dân tỉnh, ông Lê Hồng Vinh, Trưởng Ban Chỉ đạo chủ trì Phiên họp Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024.",
            "Tham dự Phiên họp Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024 có: ông Lê Hồng Vinh, Chủ tịch Ủy ban nhân dân tỉnh; ông Bùi Đình Long,",
            "bà Lê Thị Hoa, Phó Giám đốc Sở Y tế (dự thay ông Hồ Sỹ Nam, Giám đốc Sở Y tế); bà Phạm Thị An,",
            "Trần Quốc Khánh, Phó Giám đốc Sở Nội vụ;",
            "ông Trần Văn Khách, Giám đốc Viettel Nghệ An.",
            "Trưởng Ban Chỉ đạo kết luận như sau:",
            "2. Báo cáo tình hình chuyển đổi số. Sở Thông tin và Truyền thông chủ trì; thời hạn: hằng tháng, trước ngày 25.",
        ] {
            assert!(tb_text.contains(expected), "Thông báo lacks {expected:?}:\n{tb_text}");
        }
        assert!(!tb_text.contains("Hoàng Nghĩa Hiếu"), "{tb_text}");
        assert!(!tb_text.contains("Nguyễn Văn Đệ"), "the absent are not among those attending");
        for (name, text) in [("Giấy mời", &gm_text), ("Biên bản", &bb_text), ("Thông báo", &tb_text)] {
            assert!(!text.contains("cuộc họp Phiên họp") && !text.contains("Cuộc họp Phiên họp"), "{name}:\n{text}");
            assert_eq!(doubled_forms(text), Vec::<String>::new(), "{name}:\n{text}");
            assert_eq!(capitalised_mid_sentence(text), Vec::<String>::new(), "{name}:\n{text}");
        }
    }

    #[test]
    fn checks_before_issuing_a_meeting_document() {
        let mut day = committee_day();
        take_attendance(&mut day);
        let id = day.meeting.id.clone();
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let gm = generate_document(&mut day.store, &id, MeetingDocumentRole::Invitation, false).unwrap();
        let bb = generate_document(&mut day.store, &id, MeetingDocumentRole::Minutes, false).unwrap();
        let check = |store: &Store, doc: &str, on: NaiveDate| {
            store.read(|c| for_document(c, &get_document(c, doc)?, on)).unwrap()
        };
        // Giấy mời: before the meeting's day, never on or after it.
        assert_eq!(check(&day.store, &gm.id, d(2024, 9, 4)), []);
        let refused = [IssueCheck::refuse("Giấy mời phải ban hành trước ngày họp (05/09/2024).")];
        assert_eq!(check(&day.store, &gm.id, d(2024, 9, 5)), refused);
        assert_eq!(check(&day.store, &gm.id, d(2024, 9, 20)), refused);
        // Through the documents' pre-issue checks too.
        let via = day.store.read(|c| issue_checks(c, &get_document(c, &gm.id)?, d(2024, 9, 5))).unwrap();
        assert_eq!(via, refused);
        assert_eq!(enforce(&via, true).unwrap_err().code, ErrorCode::Validation);

        // Biên bản: Hiếu's attendance was never taken — a warning naming him.
        let findings = check(&day.store, &bb.id, d(2024, 9, 5));
        assert_eq!(
            findings,
            [IssueCheck::warn(
                "Chưa điểm danh 1 người: ông Hoàng Nghĩa Hiếu. Văn bản không ghi những người này là có mặt."
            )]
        );
        assert_eq!(enforce(&findings, false).unwrap_err().code, ErrorCode::NeedsConfirmation);
        assert!(enforce(&findings, true).is_ok(), "the secretary may confirm");
        // Not before the meeting.
        assert!(check(&day.store, &bb.id, d(2024, 9, 4))
            .contains(&IssueCheck::refuse("Biên bản không ban hành trước ngày họp (05/09/2024).")));
        // An agency seat marked present without a name (written before this rule): refused.
        let snv = day.invitee("Sở Nội vụ").id;
        day.store
            .write(|tx| {
                tx.execute(
                    "UPDATE meeting_invitee SET attendance = 'present', substitute_name = '' WHERE id = ?1",
                    [&snv],
                )
                .sql()
            })
            .unwrap();
        let findings = day.store.read(|c| issue_checks(c, &get_document(c, &bb.id)?, d(2024, 9, 5))).unwrap();
        assert!(findings.contains(&IssueCheck::refuse(
            "Lãnh đạo Sở Nội vụ được ghi “Có mặt” nhưng không có tên người dự: hãy ghi họ tên người được cử (Cử người dự)."
        )), "{findings:?}");
        // …and the record changed after the draft was made: said so.
        assert!(findings.iter().any(|f| !f.blocking && f.message.starts_with("Hồ sơ cuộc họp")), "{findings:?}");
        let err = enforce(&findings, true).unwrap_err();
        assert!(err.message.contains("Lãnh đạo Sở Nội vụ"), "{}", err.message);

        // A document not generated from a meeting: nothing to say.
        let other = crate::documents::create_draft(&mut day.store, &gm.content).unwrap();
        assert_eq!(check(&day.store, &other.id, d(2024, 9, 20)), []);
    }

    use super::checks::for_document;
    use crate::documents::checks::IssueCheck;
}

#[test]
fn migration_0006_derives_the_form_and_maps_old_deadlines() {
    use rusqlite::params;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        // A database as the previous release left it (schema 3).
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../store/migrations/0001_roster.sql"),
            include_str!("../store/migrations/0002_documents.sql"),
            include_str!("../store/migrations/0003_meetings.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
        let ts = "2024-09-01T00:00:00Z";
        conn.execute(
            "INSERT INTO body (id, kind, name, created_at, updated_at) VALUES ('b', 'steering_committee', 'Ban Chỉ đạo', ?1, ?1)",
            [ts],
        )
        .unwrap();
        for (id, title) in [
            ("m1", "Phiên họp Ban Chỉ đạo quý III năm 2024"),
            ("m2", "Họp Tổ Công tác quý III năm 2024"),
            ("m3", "Hội nghị sơ kết 6 tháng"),
            ("m4", "Buổi làm việc với Sở Y tế"),
            ("m5", "Kiểm tra tiến độ số hóa"),
            ("m6", "Cuộc họp Phiên họp Ban Chỉ đạo"),
        ] {
            conn.execute(
                "INSERT INTO meeting (id, body_id, kind, title, planned_start, created_at, updated_at)
                 VALUES (?1, 'b', 'regular', ?2, '2024-09-05T14:00:00', ?3, ?3)",
                params![id, title, ts],
            )
            .unwrap();
        }
        for (id, deadline, recurrence) in
            [("c1", Some("2024-12-31"), None), ("c2", None, Some("quarterly")), ("c3", None, None)]
        {
            conn.execute(
                "INSERT INTO conclusion (id, meeting_id, position, text, deadline, recurrence, created_at, updated_at)
                 VALUES (?1, 'm1', 1, 'Kết luận', ?2, ?3, ?4, ?4)",
                params![id, deadline, recurrence, ts],
            )
            .unwrap();
        }
    }
    let store = Store::open(&path).unwrap();
    let got: Vec<(MeetingForm, String, String)> = ["m1", "m2", "m3", "m4", "m5", "m6"]
        .iter()
        .map(|id| {
            let m = store.read(|c| get_meeting(c, id)).unwrap();
            (m.form, m.subject, m.title)
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                MeetingForm::Session,
                "Ban Chỉ đạo quý III năm 2024".into(),
                "Phiên họp Ban Chỉ đạo quý III năm 2024".into()
            ),
            (
                MeetingForm::Meeting,
                "Tổ Công tác quý III năm 2024".into(),
                "Cuộc họp Tổ Công tác quý III năm 2024".into()
            ),
            (MeetingForm::Conference, "sơ kết 6 tháng".into(), "Hội nghị sơ kết 6 tháng".into()),
            (MeetingForm::WorkingSession, "với Sở Y tế".into(), "Buổi làm việc với Sở Y tế".into()),
            (MeetingForm::Meeting, "Kiểm tra tiến độ số hóa".into(), "Cuộc họp Kiểm tra tiến độ số hóa".into()),
            (MeetingForm::Session, "Ban Chỉ đạo".into(), "Phiên họp Ban Chỉ đạo".into()),
        ]
    );
    let stored: (String, String) = store
        .read(|c| {
            c.query_row("SELECT form, subject FROM meeting WHERE id = 'm2'", [], |r| Ok((r.get(0)?, r.get(1)?))).sql()
        })
        .unwrap();
    assert_eq!(stored, ("meeting".to_string(), "Tổ Công tác quý III năm 2024".to_string()));
    let conclusions = store.read(|c| list_conclusions(c, "m1")).unwrap();
    let by_id = |id: &str| conclusions.iter().find(|c| c.id == id).unwrap().clone();
    assert_eq!(by_id("c1").deadline, Some(Deadline::Date { date: NaiveDate::from_ymd_opt(2024, 12, 31).unwrap() }));
    assert_eq!(by_id("c1").deadline_label, "trước ngày 31/12/2024");
    assert_eq!(
        by_id("c2").deadline,
        Some(Deadline::Recurring { every: Recurrence::Quarterly, before_day: None, before_month: None })
    );
    assert_eq!(by_id("c3").deadline, None);
}
