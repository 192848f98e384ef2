//! Issuing bodies, composed signing blocks, pre-issue checks, external numbers and numbering
//! changes, on the example data (decision 1321) plus a steering committee roster made up for
//! the tests.

use super::*;
use crate::documents::checks::{placeholder_in, IssueCheck};
use crate::documents::{
    create_draft, document_issue_checks, document_pdf, get_document, issue_document, register_entries, save_draft,
    Block, DocumentContent, DocumentRecord, DocumentType, Run,
};
use crate::error::ErrorCode;
use crate::example_data::{self, ExampleSummary};
use crate::roster::{
    add_membership, create_work_group, end_membership, EndMembership, Honorific, MembershipInput, PersonInput, Role,
    WorkGroupInput,
};
use crate::settings::{save_document_settings, Numbering, HOST_DEPARTMENT, STEERING_COMMITTEE, TASK_FORCE};
use crate::store::Store;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct World {
    store: Store,
    example: ExampleSummary,
    leader: String,
    head: String,
    deputy: String,
}

fn seat(store: &mut Store, body: &str, role: Role, name: &str, post: &str, from: NaiveDate) -> String {
    add_membership(
        store,
        &MembershipInput {
            body_id: body.into(),
            role,
            person_id: None,
            new_person: Some(PersonInput {
                full_name: name.into(),
                honorific: Honorific::Ong,
                post: post.into(),
                agency_id: None,
                phone: String::new(),
                email: String::new(),
                notes: String::new(),
            }),
            agency_id: None,
            post: Some(post.into()),
            start_date: from,
            end_date: None,
            decision_number: String::new(),
            decision_date: None,
            notes: String::new(),
        },
    )
    .unwrap()
    .person_id
    .unwrap()
}

/// The task force of decision 1321, and a steering committee with a head and a deputy head
/// (people invented for the tests; the decision does not name them).
fn world() -> World {
    let mut store = Store::open_in_memory().unwrap();
    let example = example_data::load(&mut store, 2024).unwrap();
    let start = d(2024, 1, 1);
    let head =
        seat(&mut store, &example.steering_committee_id, Role::Head, "Trần Văn Thử", "Chủ tịch UBND tỉnh", start);
    let deputy = seat(
        &mut store,
        &example.steering_committee_id,
        Role::DeputyHead,
        "Lê Văn Kiểm",
        "Phó Chủ tịch UBND tỉnh",
        start,
    );
    let view = store.read(|c| roster_as_of(c, &example.task_force_id, d(2024, 9, 5))).unwrap();
    let leader = view.groups[0].entries[0].person_id.clone().unwrap();
    World { store, example, leader, head, deputy }
}

fn content(
    doc_type: DocumentType,
    authority: &str,
    signers: Vec<Signer>,
    choice: Option<SignerChoice>,
) -> DocumentContent {
    DocumentContent {
        doc_type,
        number: None,
        date: None,
        subject: "Triển khai nhiệm vụ chuyển đổi số quý IV năm 2024".into(),
        urgency: None,
        addressees: vec![],
        enacting_authority: String::new(),
        legal_bases: vec![],
        body: vec![
            Block::Paragraph {
                runs: vec![Run::plain("Các cơ quan, đơn vị triển khai các nhiệm vụ sau đây.")]
            },
            Block::Clause {
                runs: vec![Run::plain("Hoàn thành kết nối dữ liệu với Trung tâm dữ liệu tỉnh.")]
            },
        ],
        signers,
        recipients: vec!["Các thành viên Ban Chỉ đạo".into(), "Các sở, ban, ngành cấp tỉnh".into()],
        archive: String::new(),
        authority_id: authority.into(),
        signer_choice: choice,
    }
}

fn choice(form: SigningForm, person: &str) -> SignerChoice {
    SignerChoice {
        form,
        person_id: Some(person.into()),
        name: String::new(),
        title: String::new(),
        post: String::new(),
    }
}

fn typed(form: SigningForm, name: &str, title: &str) -> SignerChoice {
    SignerChoice { form, person_id: None, name: name.into(), title: title.into(), post: String::new() }
}

fn pdf_text(store: &Store, doc: &DocumentRecord, name: &str) -> String {
    let pdf = store.read(|c| document_pdf(c, &doc.id)).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/artifacts/pdf");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---- issuing bodies -------------------------------------------------------------------------

#[test]
fn each_body_of_the_roster_has_its_issuing_authority() {
    let mut w = world();
    let tf = w.store.read(|c| authority_for_body(c, &w.example.task_force_id)).unwrap();
    assert_eq!((tf.id.as_str(), tf.symbol.as_str(), tf.head_title.as_str()), (TASK_FORCE, "TCT", "Tổ trưởng"));
    assert!(tf.host_seal && tf.collective);
    let sc = w.store.read(|c| authority_for_body(c, &w.example.steering_committee_id)).unwrap();
    assert_eq!((sc.id.as_str(), sc.symbol.as_str()), (STEERING_COMMITTEE, "BCĐCĐS"));
    // A work group's meetings issue in the task force's name.
    let group = create_work_group(
        &mut w.store,
        &WorkGroupInput {
            parent_id: w.example.task_force_id.clone(),
            name: "Nhóm dữ liệu".into(),
            short_name: "".into(),
        },
    )
    .unwrap();
    assert_eq!(w.store.read(|c| authority_for_body(c, &group.id)).unwrap().id, TASK_FORCE);
    // A body no authority is linked to is explained.
    let mut settings = w.store.read(document_settings).unwrap();
    settings.authorities[1].roster_body_id = None;
    settings.authorities[1].roster_body_kind = None;
    save_document_settings(&mut w.store, &settings).unwrap();
    let err = w.store.read(|c| authority_for_body(c, &w.example.task_force_id)).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("Tổ Công tác giúp việc Ban Chỉ đạo"), "{}", err.message);
}

#[test]
fn a_meeting_body_gives_its_documents_header_and_head_as_signer() {
    let w = world();
    let defaults = w.store.read(|c| defaults_for_body(c, &w.example.task_force_id, d(2024, 9, 5))).unwrap();
    assert_eq!(defaults.authority_id, TASK_FORCE);
    assert_eq!(defaults.issuer.issuing_body, "Tổ Công tác giúp việc");
    assert_eq!(defaults.default_signers.len(), 1);
    assert_eq!(defaults.default_signers[0].name, "Võ Trọng Phú");
    assert_eq!(defaults.signer_choice.as_ref().and_then(|c| c.person_id.clone()), Some(w.leader.clone()));
    // Before the task force was set up nobody heads it: no signer is made up.
    let before = w.store.read(|c| defaults_for_body(c, &w.example.task_force_id, d(2024, 5, 1))).unwrap();
    assert!(before.default_signers.is_empty() && before.signer_choice.is_none());
}

// ---- signing blocks -------------------------------------------------------------------------

#[test]
fn the_leader_of_the_task_force_signs_with_his_post_in_the_host_department() {
    let w = world();
    let s = w.store.read(|c| compose_signer(c, TASK_FORCE, &w.leader, d(2024, 9, 5), SigningForm::Head)).unwrap();
    assert_eq!(s.authority, Some(Authority::Tm));
    assert_eq!(s.on_behalf_of, "Tổ Công tác");
    assert_eq!(s.titles, ["Tổ trưởng", "Phó Giám đốc Sở Thông tin và Truyền thông"]);
    assert_eq!(s.name, "Võ Trọng Phú");
    // He has no seat before the decision that set up the task force.
    let err =
        w.store.read(|c| compose_signer(c, TASK_FORCE, &w.leader, d(2024, 5, 14), SigningForm::Head)).unwrap_err();
    assert!(err.message.contains("15/05") || err.message.contains("14/05/2024"), "{}", err.message);
    // The leader does not sign as a deputy.
    let err =
        w.store.read(|c| compose_signer(c, TASK_FORCE, &w.leader, d(2024, 9, 5), SigningForm::Deputy)).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
}

#[test]
fn the_steering_committee_signs_without_department_posts() {
    let w = world();
    let on = d(2024, 9, 5);
    let head = w.store.read(|c| compose_signer(c, STEERING_COMMITTEE, &w.head, on, SigningForm::Head)).unwrap();
    assert_eq!(signer_lines(&head), ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"]);
    let deputy = w.store.read(|c| compose_signer(c, STEERING_COMMITTEE, &w.deputy, on, SigningForm::Deputy)).unwrap();
    assert_eq!(signer_lines(&deputy), ["TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]);
    assert_eq!(deputy.name, "Lê Văn Kiểm");
    // The task force's leader signs for the committee's head by order, with his title in the
    // task force, and no department line (the committee does not use the department's seal).
    let tl = w.store.read(|c| compose_signer(c, STEERING_COMMITTEE, &w.leader, on, SigningForm::ByOrder)).unwrap();
    assert_eq!(signer_lines(&tl), ["TL. TRƯỞNG BAN", "TỔ TRƯỞNG TỔ CÔNG TÁC"]);
    // A deputy signs KT. or Q., not as the head.
    assert!(w.store.read(|c| compose_signer(c, STEERING_COMMITTEE, &w.deputy, on, SigningForm::Head)).is_err());

    let options = w.store.read(|c| signer_options(c, STEERING_COMMITTEE, on)).unwrap();
    assert!(options.has_roster);
    let forms = |pid: &str| options.people.iter().find(|p| p.person_id == pid).unwrap().forms.clone();
    assert_eq!(forms(&w.head), [SigningForm::Head]);
    assert_eq!(forms(&w.deputy), [SigningForm::Deputy, SigningForm::Acting]);
    assert_eq!(forms(&w.leader), [SigningForm::ByOrder, SigningForm::ByDelegation]);
    assert_eq!(options.forms[1].label, "KT. Trưởng ban — cấp phó ký thay");
}

#[test]
fn a_department_without_roster_takes_a_typed_signer() {
    let w = world();
    let on = d(2025, 3, 1);
    let options = w.store.read(|c| signer_options(c, HOST_DEPARTMENT, on)).unwrap();
    assert!(!options.has_roster && options.people.is_empty());
    assert_eq!(options.forms[0].label, "Giám đốc ký");
    let compose = |c: &SignerChoice| w.store.read(|conn| compose_choice(conn, HOST_DEPARTMENT, on, c));
    assert_eq!(signer_lines(&compose(&typed(SigningForm::Head, "Nguyễn Văn Sở", "")).unwrap()), ["GIÁM ĐỐC"]);
    assert_eq!(
        signer_lines(&compose(&typed(SigningForm::Deputy, "Nguyễn Văn Sở", "")).unwrap()),
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    );
    assert_eq!(signer_lines(&compose(&typed(SigningForm::Acting, "Nguyễn Văn Sở", "")).unwrap()), ["Q. GIÁM ĐỐC"]);
    assert_eq!(
        signer_lines(&compose(&typed(SigningForm::ByDelegation, "Nguyễn Văn Sở", "Chánh Văn phòng")).unwrap()),
        ["TUQ. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]
    );
    assert_eq!(compose(&typed(SigningForm::ByOrder, "Nguyễn Văn Sở", "")).unwrap_err().code, ErrorCode::Validation);
    assert_eq!(compose(&typed(SigningForm::Head, "  ", "")).unwrap_err().code, ErrorCode::Validation);
}

// ---- pre-issue checks -----------------------------------------------------------------------

fn messages(checks: &[IssueCheck]) -> String {
    checks.iter().map(|c| c.message.as_str()).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_committee_header_signed_in_the_task_force_name_is_refused() {
    let mut w = world();
    let on = d(2024, 9, 6);
    // What the user found: BAN CHỈ ĐẠO header, "TM. TỔ CÔNG TÁC / TỔ TRƯỞNG" + department post.
    let tf_block = w.store.read(|c| compose_signer(c, TASK_FORCE, &w.leader, on, SigningForm::Head)).unwrap();
    let doc = create_draft(
        &mut w.store,
        &content(DocumentType::Announcement, STEERING_COMMITTEE, vec![tf_block.clone()], None),
    )
    .unwrap();
    let err = issue_document(&mut w.store, &doc.id, on, None, true).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.message.contains("“TM. TỔ CÔNG TÁC” không thuộc cơ quan ban hành Ban Chỉ đạo"), "{}", err.message);
    assert_eq!(w.store.read(|c| get_document(c, &doc.id)).unwrap().content.number, None);
    // Typed by hand the other way round, and a bare title of another body: refused too.
    let mut c2 = content(DocumentType::Report, TASK_FORCE, vec![], None);
    for lines in [
        (Some(Authority::Tm), "Ban Chỉ đạo", vec!["Trưởng ban"]),
        (Some(Authority::Kt), "Trưởng ban", vec!["Phó Trưởng ban"]),
        (None, "Giám đốc", vec![]),
        (Some(Authority::Tm), "Tổ Công tác", vec!["Trưởng ban"]),
    ] {
        c2.signers = vec![Signer {
            authority: lines.0,
            on_behalf_of: lines.1.into(),
            titles: lines.2.iter().map(|s| s.to_string()).collect(),
            name: "Võ Trọng Phú".into(),
        }];
        let found = signer_body_checks_for(&w, &c2);
        assert!(found.iter().any(|c| c.blocking), "{lines:?} should be refused");
    }
    // The block of the body itself passes, also written with the body's longer name.
    c2.signers = vec![tf_block];
    assert!(signer_body_checks_for(&w, &c2).is_empty());
    c2.signers[0].on_behalf_of = "Tổ Công tác giúp việc".into();
    assert!(signer_body_checks_for(&w, &c2).is_empty());
    // Minutes are signed by persons (THƯ KÝ, CHỦ TỌA), not for a body.
    c2.doc_type = DocumentType::Minutes;
    c2.signers[0].authority = None;
    c2.signers[0].on_behalf_of = "Chủ tọa".into();
    assert!(signer_body_checks_for(&w, &c2).is_empty());
}

fn signer_body_checks_for(w: &World, c: &DocumentContent) -> Vec<IssueCheck> {
    let settings = w.store.read(document_settings).unwrap();
    crate::documents::checks::signer_body_checks(&content_authority(&settings, c).unwrap(), c)
}

#[test]
fn empty_recipients_and_placeholders_are_refused_by_field() {
    let mut w = world();
    let on = d(2024, 9, 6);
    let block = w.store.read(|c| compose_signer(c, TASK_FORCE, &w.leader, on, SigningForm::Head)).unwrap();
    let mut c = content(DocumentType::Report, TASK_FORCE, vec![block], Some(choice(SigningForm::Head, &w.leader)));
    c.recipients.clear();
    c.subject = "Báo cáo kết quả quý … năm 2024".into();
    c.body.push(Block::Paragraph { runs: vec![Run::plain("Kinh phí: XX triệu đồng.")] });
    c.body.push(Block::Dash { runs: vec![Run::plain("Sở Y tế (chưa có số liệu)")] });
    let doc = create_draft(&mut w.store, &c).unwrap();
    let checks = w.store.read(|conn| document_issue_checks(conn, &doc.id, on)).unwrap();
    let text = messages(&checks);
    assert!(checks.iter().all(|c| c.blocking), "{text}");
    for expected in [
        "Nơi nhận còn trống",
        "Trích yếu còn chỗ chưa điền (“…”)",
        "Nội dung (đoạn 3) còn chỗ chưa điền (“XX”)",
        "Nội dung (đoạn 4) còn chỗ chưa điền (“(chưa có số liệu)”)",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    let err = issue_document(&mut w.store, &doc.id, on, None, true).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation, "refusals refuse even when confirmed");
    assert!(err.message.starts_with("Chưa ban hành được:\n- Nơi nhận còn trống"), "{}", err.message);

    c.subject = "Báo cáo kết quả quý III năm 2024".into();
    c.body.truncate(2);
    c.recipients = vec!["Sở [tên sở]".into()];
    c.signers[0].name = "...".into();
    save_draft(&mut w.store, &doc.id, &c).unwrap();
    let text = messages(&w.store.read(|conn| document_issue_checks(conn, &doc.id, on)).unwrap());
    assert!(text.contains("Nơi nhận còn chỗ chưa điền (“[tên sở]”)"), "{text}");
    assert!(text.contains("Họ và tên người ký còn chỗ chưa điền (“...”)"), "{text}");

    for (text, found) in [
        ("Thế kỷ XXI", None),
        ("Số XX/2024", Some("XX")),
        ("Hoàn thành trước ngày 30/11/2024.", None),
        ("Ông (chưa cử người)", Some("(chưa cử người)")),
    ] {
        assert_eq!(placeholder_in(text).as_deref(), found, "{text}");
    }
}

#[test]
fn a_signer_without_a_seat_on_the_date_needs_confirmation() {
    let mut w = world();
    let block = w.store.read(|c| compose_signer(c, TASK_FORCE, &w.leader, d(2024, 9, 5), SigningForm::Head)).unwrap();
    let c = content(DocumentType::Report, TASK_FORCE, vec![block], Some(choice(SigningForm::Head, &w.leader)));
    let doc = create_draft(&mut w.store, &c).unwrap();
    // His seat ends on 01/12/2024 (he moves on); the report is dated after that.
    let seat = w.store.read(|c| roster_as_of(c, &w.example.task_force_id, d(2024, 9, 5))).unwrap().groups[0].entries[0]
        .membership_id
        .clone();
    end_membership(
        &mut w.store,
        &EndMembership {
            membership_id: seat,
            end_date: d(2024, 12, 1),
            end_decision_number: String::new(),
            end_decision_date: None,
            end_reason: "Nghỉ hưu".into(),
        },
    )
    .unwrap();
    let on = d(2024, 12, 5);
    let checks = w.store.read(|conn| document_issue_checks(conn, &doc.id, on)).unwrap();
    assert_eq!(checks.len(), 1, "{}", messages(&checks));
    assert!(!checks[0].blocking);
    assert!(checks[0]
        .message
        .contains("Võ Trọng Phú không có trong danh sách Tổ Công tác giúp việc tại ngày 05/12/2024"));
    let err = issue_document(&mut w.store, &doc.id, on, None, false).unwrap_err();
    assert_eq!(err.code, ErrorCode::NeedsConfirmation);
    assert!(err.message.contains("Võ Trọng Phú"), "{}", err.message);
    assert_eq!(w.store.read(|c| get_document(c, &doc.id)).unwrap().number_symbol, None, "nothing written");
    let issued = issue_document(&mut w.store, &doc.id, on, None, true).unwrap();
    assert_eq!(issued.number_symbol.as_deref(), Some("01/BC-TCT"));
    // On a date he still sat, there is nothing to confirm.
    let doc2 = create_draft(&mut w.store, &c).unwrap();
    assert!(w.store.read(|conn| document_issue_checks(conn, &doc2.id, d(2024, 11, 30))).unwrap().is_empty());
}

// ---- numbers --------------------------------------------------------------------------------

fn department_letter(w: &mut World) -> DocumentRecord {
    let block = w
        .store
        .read(|c| compose_choice(c, HOST_DEPARTMENT, d(2025, 3, 3), &typed(SigningForm::Deputy, "Võ Trọng Phú", "")))
        .unwrap();
    let c = content(DocumentType::OfficialLetter, HOST_DEPARTMENT, vec![block], None);
    create_draft(&mut w.store, &c).unwrap()
}

#[test]
fn numbers_given_by_another_register_are_typed_checked_and_registered() {
    let mut w = world();
    let on = d(2025, 3, 3);
    let doc = department_letter(&mut w);
    // The department's văn thư numbers its documents: the app does not.
    let err = issue_document(&mut w.store, &doc.id, on, None, false).unwrap_err();
    assert!(err.message.contains("do văn thư cơ quan đó cấp"), "{}", err.message);
    for (bad, why) in [
        ("STTTT-VP", "cần số"),
        ("12a/STTTT-VP", "phải là số"),
        ("0/STTTT-VP", "bắt đầu từ 01"),
        ("125/STTTT VP", "khoảng trắng"),
        ("125/BCĐCĐS-VP", "phải có STTTT"),
        ("125/STTTT--VP", "một dấu"),
    ] {
        let err = issue_document(&mut w.store, &doc.id, on, Some(bad), false).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.message.contains(why), "{bad}: {}", err.message);
    }
    let issued = issue_document(&mut w.store, &doc.id, on, Some(" 125/STTTT-VP "), false).unwrap();
    assert_eq!(issued.number_symbol.as_deref(), Some("125/STTTT-VP"));
    assert!(issued.external);
    assert_eq!(issued.content.number, Some(125));
    let text = pdf_text(&w.store, &issued, "external-number-cong-van.pdf");
    assert!(text.contains("Số: 125/STTTT-VP"), "{text}");
    assert!(text.contains("SỞ THÔNG TIN VÀ TRUYỀN THÔNG") && text.contains("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"), "{text}");
    assert!(text.contains("- Lưu: VT, VP."), "{text}");

    // The same number again for this body and year is refused.
    let again = department_letter(&mut w);
    let err = issue_document(&mut w.store, &again.id, on, Some("125/STTTT-VP"), false).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("125/STTTT-VP năm 2025"), "{}", err.message);
    // A typed number of another type must carry that type's code.
    let mut c = again.content.clone();
    c.doc_type = DocumentType::Announcement;
    save_draft(&mut w.store, &again.id, &c).unwrap();
    let err = issue_document(&mut w.store, &again.id, on, Some("7/GM-STTTT"), false).unwrap_err();
    assert!(err.message.contains("Thông báo có ký hiệu bắt đầu bằng TB"), "{}", err.message);
    let tb = issue_document(&mut w.store, &again.id, on, Some("7/TB-STTTT"), false).unwrap();
    assert_eq!(tb.number_symbol.as_deref(), Some("07/TB-STTTT"));

    let entries = w.store.read(|c| register_entries(c, 2025, None, None)).unwrap();
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|e| e.external));
}

#[test]
fn numbering_skips_numbers_already_given() {
    let mut w = world();
    let block = w.store.read(|c| compose_signer(c, TASK_FORCE, &w.leader, d(2025, 1, 2), SigningForm::Head)).unwrap();
    let issue = |w: &mut World, t: DocumentType, day: u32, number: Option<&str>| {
        let c = content(t, TASK_FORCE, vec![block.clone()], None);
        let doc = create_draft(&mut w.store, &c).unwrap();
        issue_document(&mut w.store, &doc.id, d(2025, 1, day), number, false).unwrap().number_symbol.unwrap()
    };
    let set = |w: &mut World, n: Numbering| {
        let mut s = w.store.read(document_settings).unwrap();
        s.numbering = n;
        save_document_settings(&mut w.store, &s).unwrap();
    };
    // One series for the year, then per type from February: the announcement series starts
    // at 1, and 01/TB-TCT is taken, so it goes on with 02.
    set(&mut w, Numbering::OneSeries);
    assert_eq!(issue(&mut w, DocumentType::Announcement, 2, None), "01/TB-TCT");
    assert_eq!(issue(&mut w, DocumentType::Report, 3, None), "02/BC-TCT");
    assert_eq!(issue(&mut w, DocumentType::Announcement, 4, None), "03/TB-TCT");
    set(&mut w, Numbering::PerType);
    assert_eq!(issue(&mut w, DocumentType::Announcement, 5, None), "02/TB-TCT");
    assert_eq!(issue(&mut w, DocumentType::Announcement, 6, None), "04/TB-TCT");
    assert_eq!(issue(&mut w, DocumentType::Report, 7, None), "01/BC-TCT");
    // And back to one series: numbers given to any type (01–04) are not given again.
    set(&mut w, Numbering::OneSeries);
    assert_eq!(issue(&mut w, DocumentType::Report, 8, None), "05/BC-TCT");
    // A number typed in from another register is not given again by the app.
    assert_eq!(issue(&mut w, DocumentType::Invitation, 9, Some("06/GM-TCT")), "06/GM-TCT");
    assert_eq!(issue(&mut w, DocumentType::Invitation, 10, None), "07/GM-TCT");
}

// ---- the PDFs -------------------------------------------------------------------------------

#[test]
fn a_committee_announcement_signed_kt_by_a_deputy_head_reads_back_as_one_body() {
    let mut w = world();
    let on = d(2024, 10, 7);
    let block = w.store.read(|c| compose_signer(c, STEERING_COMMITTEE, &w.deputy, on, SigningForm::Deputy)).unwrap();
    let c = content(
        DocumentType::Announcement,
        STEERING_COMMITTEE,
        vec![block],
        Some(choice(SigningForm::Deputy, &w.deputy)),
    );
    let doc = create_draft(&mut w.store, &c).unwrap();
    assert!(w.store.read(|conn| document_issue_checks(conn, &doc.id, on)).unwrap().is_empty());
    let doc = issue_document(&mut w.store, &doc.id, on, None, false).unwrap();
    let text = pdf_text(&w.store, &doc, "authority-thong-bao-bcd-kt.pdf");
    for expected in [
        "UBND TỈNH NGHỆ AN BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ",
        "Số: 01/TB-BCĐCĐS",
        "THÔNG BÁO",
        "TM. BAN CHỈ ĐẠO KT. TRƯỞNG BAN PHÓ TRƯỞNG BAN Lê Văn Kiểm",
        "- Lưu: VT, TCT.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    // No line of another body, and no post in a department: the committee's form asks none.
    for absent in ["TỔ CÔNG TÁC", "TCT-", "CHỦ TỊCH", "Chủ tịch", "/TB-TCT"] {
        assert!(!text.contains(absent), "{absent:?} in:\n{text}");
    }
}

#[test]
fn a_task_force_invitation_signed_by_its_leader_reads_back_as_one_body() {
    let mut w = world();
    let on = d(2024, 8, 29);
    let block = w.store.read(|c| compose_signer(c, TASK_FORCE, &w.leader, on, SigningForm::Head)).unwrap();
    let mut c = content(DocumentType::Invitation, TASK_FORCE, vec![block], Some(choice(SigningForm::Head, &w.leader)));
    c.subject = "Họp Tổ Công tác quý III năm 2024".into();
    c.recipients = vec!["Như thành phần mời".into()];
    let doc = create_draft(&mut w.store, &c).unwrap();
    let doc = issue_document(&mut w.store, &doc.id, on, None, false).unwrap();
    let text = pdf_text(&w.store, &doc, "authority-giay-moi-tct.pdf");
    for expected in [
        "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH TỔ CÔNG TÁC GIÚP VIỆC",
        "Số: 01/GM-TCT",
        "GIẤY MỜI",
        // The host department's seal: the title in the task force, then the post there.
        "TM. TỔ CÔNG TÁC TỔ TRƯỞNG PHÓ GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG Võ Trọng Phú",
        "- Lưu: VT, TCT.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    for absent in ["UBND", "BCĐCĐS", "TRƯỞNG BAN"] {
        assert!(!text.contains(absent), "{absent:?} in:\n{text}");
    }
}
