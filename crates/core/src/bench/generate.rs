//! `bench generate`: a ten-year archive built through the app's own functions — the roster
//! (the example task force, fifteen agencies, people seated in five bodies), documents
//! drafted in batches and issued one by one with their numbers and PDFs (some left as
//! drafts), meetings with invitees, attendance, agenda, notes and conclusions, follow-up
//! tasks with deadlines, reports and completions, and incoming documents registered with a
//! small PDF or DOCX each through the file store (whose text the extraction queue reads).

use super::Lcg;
use crate::deadline::Deadline;
use crate::documents::pdf::Margins;
use crate::documents::{self, Block, DocumentContent, DocumentType, Issuer, Run};
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::followup::{self, Priority, ProgressInput, TaskInput};
use crate::incoming::{self, IncomingInput, IncomingUrgency};
use crate::meetings::{
    self, AgendaInput, Attendance, AttendanceInput, ConclusionInput, MeetingForm, MeetingInput, MeetingKind,
};
use crate::roster::{self, AgencyInput, AgencyKind, Honorific, MembershipInput, PersonInput, Role, WorkGroupInput};
use crate::store::Store;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use std::path::Path;
use std::time::Instant;

/// How much is generated per year (people once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Scale {
    pub people: u32,
    pub documents_per_year: u32,
    /// Of the documents, this many in a hundred stay drafts.
    pub drafts_percent: u32,
    pub meetings_per_year: u32,
    /// Follow-up tasks, the incoming documents' own tasks included.
    pub tasks_per_year: u32,
    /// Incoming documents, each registered with a generated PDF or DOCX.
    pub incoming_per_year: u32,
}

impl Scale {
    /// The issue's archive over ten years: 2,000 people, 50,000 documents, 2,000 meetings,
    /// 20,000 tasks, 10,000 incoming documents with their files.
    pub const FULL: Scale = Scale {
        people: 2000,
        documents_per_year: 5000,
        drafts_percent: 4,
        meetings_per_year: 200,
        tasks_per_year: 2000,
        incoming_per_year: 1000,
    };
    /// A tiny archive for tests and trials.
    pub const SMALL: Scale = Scale {
        people: 60,
        documents_per_year: 50,
        drafts_percent: 10,
        meetings_per_year: 4,
        tasks_per_year: 30,
        incoming_per_year: 10,
    };
}

#[derive(Debug, Clone)]
pub struct GenerateOptions {
    pub years: u32,
    /// The newest year; the archive covers `last_year - years + 1 ..= last_year`.
    pub last_year: i32,
    pub scale: Scale,
    pub seed: u64,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self { years: 10, last_year: 2025, scale: Scale::FULL, seed: 2025 }
    }
}

/// What was generated (counts read back from the database) and how long it took.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GenerateSummary {
    pub agencies: u32,
    pub people: u32,
    pub bodies: u32,
    pub memberships: u32,
    pub documents: u32,
    pub issued: u32,
    pub drafts: u32,
    pub meetings: u32,
    pub invitees: u32,
    pub agenda_items: u32,
    pub conclusions: u32,
    pub tasks: u32,
    pub incoming: u32,
    pub files: u32,
    pub years: Vec<i32>,
    /// Seconds per stage, in order.
    pub stages: Vec<(String, f64)>,
    pub seconds: f64,
}

/// Subjects of the generated documents; `{y}` the year, `{q}` a quarter, `{m}` a month. One
/// in about fourteen speaks of "hồ sơ sức khỏe điện tử" (the issue's 7 %).
pub(crate) const SUBJECTS: &[(&str, DocumentType)] = &[
    ("Kế hoạch chuyển đổi số năm {y}", DocumentType::Plan),
    ("Kết luận phiên họp Ban Chỉ đạo quý {q} năm {y}", DocumentType::Announcement),
    ("Triển khai hồ sơ sức khỏe điện tử trên địa bàn tỉnh", DocumentType::OfficialLetter),
    ("Báo cáo tình hình thực hiện Đề án 06 tháng {m}/{y}", DocumentType::Report),
    ("Đôn đốc cập nhật dữ liệu dân cư vào cơ sở dữ liệu quốc gia", DocumentType::OfficialLetter),
    ("Tổ chức tập huấn kỹ năng số cho cán bộ cấp xã năm {y}", DocumentType::Plan),
    ("Phân công nhiệm vụ thành viên Tổ Công tác", DocumentType::Announcement),
    ("Kiểm tra việc cung cấp dịch vụ công trực tuyến toàn trình", DocumentType::Plan),
    ("Xây dựng kho dữ liệu dùng chung của tỉnh", DocumentType::OfficialLetter),
    ("Thanh toán không dùng tiền mặt trong bệnh viện, trường học", DocumentType::OfficialLetter),
    ("Chữ ký số cho người dân và doanh nghiệp", DocumentType::OfficialLetter),
    ("Bảo đảm an toàn thông tin mạng các hệ thống dùng chung", DocumentType::OfficialLetter),
    ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", DocumentType::Report),
    ("Nâng cấp Trung tâm điều hành thông minh tỉnh", DocumentType::Report),
];

pub(crate) const SENTENCES: &[&str] = &[
    "Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố, thị xã khẩn trương triển khai thực hiện.",
    "Sở Thông tin và Truyền thông chủ trì, phối hợp với các đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh.",
    "Sở Y tế hướng dẫn các cơ sở khám bệnh, chữa bệnh kết nối hồ sơ sức khỏe điện tử với ứng dụng VNeID.",
    "Công an tỉnh làm sạch dữ liệu dân cư, bảo đảm đúng, đủ, sạch, sống.",
    "Báo cáo kết quả thực hiện về Tổ Công tác trước ngày 25 hằng tháng để tổng hợp.",
    "Sở Tài chính bố trí kinh phí thực hiện từ nguồn ngân sách chi thường xuyên.",
    "Tăng cường tuyên truyền để người dân biết, sử dụng các nền tảng số.",
    "Rà soát, đánh giá mức độ sẵn sàng chuyển đổi số của các cơ quan, địa phương.",
    "Sở Giáo dục và Đào tạo triển khai học bạ số tại các trường trung học phổ thông.",
    "Ngân hàng Nhà nước chi nhánh tỉnh đôn đốc mở rộng thanh toán không dùng tiền mặt.",
    "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình tăng so với cùng kỳ năm trước.",
    "Một số đơn vị chưa cập nhật kết quả số hóa hồ sơ lên Hệ thống thông tin giải quyết thủ tục hành chính.",
    "Đề nghị các thành viên Tổ Công tác chủ động đề xuất giải pháp tháo gỡ khó khăn, vướng mắc.",
    "Trung tâm điều hành thông minh kết nối camera giám sát giao thông và phản ánh hiện trường.",
];

const FAMILY: &[&str] =
    &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const MIDDLE_M: &[&str] = &["Văn", "Hữu", "Đức", "Công", "Quang", "Minh", "Thanh", "Xuân", "Đình", "Trọng"];
const MIDDLE_F: &[&str] = &["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Kim", "Hồng", "Phương"];
const GIVEN_M: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng",
    "Trung", "Tuấn", "Việt", "Vinh",
];
const GIVEN_F: &[&str] = &[
    "Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Nhung", "Thảo",
    "Trang", "Yến",
];
const POSTS: &[&str] =
    &["Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên chính", "Chuyên viên"];

/// Two agencies beyond the example's thirteen (fifteen in all).
const MORE_AGENCIES: [(&str, &str, AgencyKind); 2] = [
    ("Văn phòng Ủy ban nhân dân tỉnh", "VP UBND", AgencyKind::Other),
    ("Ủy ban nhân dân thành phố Vinh", "UBND TP Vinh", AgencyKind::Locality),
];

const AGENDA: &[&str] = &[
    "Báo cáo kết quả thực hiện nhiệm vụ chuyển đổi số {p}",
    "Tiến độ triển khai hồ sơ sức khỏe điện tử",
    "Tình hình thực hiện Đề án 06 và làm sạch dữ liệu dân cư",
    "Kết quả cung cấp dịch vụ công trực tuyến toàn trình",
    "Dự thảo Kế hoạch chuyển đổi số năm {y}",
    "Thanh toán không dùng tiền mặt tại bệnh viện, trường học",
    "Bảo đảm an toàn thông tin mạng",
];

const CONCLUSIONS: &[&str] = &[
    "Hoàn thành số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn tồn đọng",
    "Kết nối hồ sơ sức khỏe điện tử với ứng dụng VNeID tại các bệnh viện tuyến huyện",
    "Tham mưu Kế hoạch chuyển đổi số năm {y} trình Ban Chỉ đạo",
    "Rà soát, làm sạch dữ liệu dân cư phục vụ Đề án 06",
    "Tổ chức tập huấn kỹ năng số cho cán bộ cấp xã",
    "Báo cáo tình hình triển khai thanh toán không dùng tiền mặt",
];

const INCOMING_TYPES: &[&str] = &["Công văn", "Báo cáo", "Kế hoạch", "Tờ trình", "Thông báo", "Giấy mời"];

fn fill(template: &str, year: i32, r: &mut Lcg) -> String {
    template
        .replace("{y}", &year.to_string())
        .replace("{q}", ["I", "II", "III", "IV"][r.next(4)])
        .replace("{m}", &(1 + r.next(12)).to_string())
        .replace("{p}", &format!("quý {} năm {year}", ["I", "II", "III", "IV"][r.next(4)]))
}

fn day_of(year: i32, i: u32, per_year: u32) -> Result<NaiveDate> {
    let ordinal = 2 + i * 360 / per_year.max(1);
    NaiveDate::from_yo_opt(year, ordinal.min(365)).ok_or_else(|| AppError::validation("ngày không hợp lệ"))
}

fn body_text(r: &mut Lcg, sentences: usize) -> Vec<Block> {
    (0..sentences).map(|_| Block::Paragraph { runs: vec![Run::plain(*r.pick(SENTENCES))] }).collect()
}

fn count(store: &Store, sql: &str) -> Result<u32> {
    store.read(|c| c.query_row(sql, [], |r| r.get(0)).sql())
}

/// The roster's ids the rest is built on.
struct Roster {
    agencies: Vec<String>,
    people: Vec<String>,
    bodies: Vec<String>,
}

fn generate_roster(store: &mut Store, o: &GenerateOptions, r: &mut Lcg) -> Result<Roster> {
    let first = o.last_year - o.years.max(1) as i32 + 1;
    crate::example_data::load(store, first)?;
    for (name, short, kind) in MORE_AGENCIES {
        roster::create_agency(
            store,
            &AgencyInput { kind: Some(kind), full_name: name.into(), short_name: short.into(), notes: String::new() },
        )?;
    }
    let agencies: Vec<(String, String)> =
        store.read(roster::list_agencies)?.into_iter().map(|a| (a.id, a.full_name)).collect();
    let mut people = Vec::new();
    let mut made = 0;
    while made < o.scale.people {
        let batch = (o.scale.people - made).min(500);
        store.write(|tx| {
            for _ in 0..batch {
                let female = r.chance(45);
                let name = if female {
                    format!("{} {} {}", r.pick(FAMILY), r.pick(MIDDLE_F), r.pick(GIVEN_F))
                } else {
                    format!("{} {} {}", r.pick(FAMILY), r.pick(MIDDLE_M), r.pick(GIVEN_M))
                };
                let (agency, agency_name) = r.pick(&agencies);
                let p = roster::create_person_in(
                    tx,
                    &PersonInput {
                        full_name: name,
                        honorific: if female { Honorific::Ba } else { Honorific::Ong },
                        post: format!("{} {}", r.pick(POSTS), agency_name),
                        agency_id: Some(agency.clone()),
                        phone: format!("0912{:06}", r.next(1_000_000)),
                        email: String::new(),
                        notes: String::new(),
                    },
                )?;
                people.push(p.id);
            }
            Ok(())
        })?;
        made += batch;
    }
    // Seats: the committee and the task force get named members; three work groups.
    let bodies = store.read(roster::list_bodies)?;
    let mut body_ids: Vec<String> = bodies.iter().map(|b| b.id.clone()).collect();
    let task_force = bodies
        .iter()
        .find(|b| b.kind == roster::BodyKind::TaskForce)
        .map(|b| b.id.clone())
        .ok_or_else(|| AppError::storage("không có Tổ Công tác"))?;
    for name in
        ["Tổ giúp việc về dữ liệu số", "Tổ giúp việc về dịch vụ công trực tuyến", "Tổ giúp việc về an toàn thông tin"]
    {
        let b = roster::create_work_group(
            store,
            &WorkGroupInput { parent_id: task_force.clone(), name: name.into(), short_name: String::new() },
        )?;
        body_ids.push(b.id);
    }
    let start = NaiveDate::from_ymd_opt(first, 1, 1).ok_or_else(|| AppError::validation("năm"))?;
    let mut next_person = 0usize;
    store.write(|tx| {
        for b in store_bodies(tx, &body_ids)? {
            let seats: &[(Role, usize)] = match b.1 {
                roster::BodyKind::SteeringCommittee => &[(Role::DeputyHead, 2), (Role::CommitteeMember, 20)],
                roster::BodyKind::TaskForce => &[(Role::Member, 10), (Role::Secretary, 1)],
                roster::BodyKind::WorkGroup => &[(Role::GroupLead, 1), (Role::GroupMember, 8)],
            };
            for (role, n) in seats {
                for _ in 0..*n {
                    if people.is_empty() {
                        break;
                    }
                    let person = people[next_person % people.len()].clone();
                    next_person += 1;
                    roster::add_membership_in(
                        tx,
                        &MembershipInput {
                            body_id: b.0.clone(),
                            role: *role,
                            person_id: Some(person),
                            new_person: None,
                            agency_id: None,
                            post: None,
                            start_date: start,
                            end_date: None,
                            decision_number: format!("{}/QĐ-BCĐCĐS", 10 + next_person),
                            decision_date: Some(start),
                            notes: String::new(),
                        },
                    )?;
                }
            }
        }
        Ok(())
    })?;
    Ok(Roster { agencies: agencies.into_iter().map(|a| a.0).collect(), people, bodies: body_ids })
}

fn store_bodies(tx: &crate::store::Tx, ids: &[String]) -> Result<Vec<(String, roster::BodyKind)>> {
    ids.iter().map(|id| Ok((id.clone(), roster::get_body(tx, id)?.kind))).collect()
}

/// Drafts in batches of 500 (one transaction each), then every one not kept as a draft
/// issued in date order through [`documents::issue_document`] (number, checks, PDF).
fn generate_documents(
    store: &mut Store,
    o: &GenerateOptions,
    r: &mut Lcg,
    progress: &mut dyn FnMut(&str),
) -> Result<()> {
    let base = documents::bench::one_page_announcement()?;
    let first = o.last_year - o.years.max(1) as i32 + 1;
    let per_year = o.scale.documents_per_year;
    let started = Instant::now();
    for year in first..=o.last_year {
        let mut i = 0;
        while i < per_year {
            let batch = (per_year - i).min(500);
            let made: Vec<(String, NaiveDate, bool)> = store.write(|tx| {
                let mut made = Vec::new();
                for k in i..i + batch {
                    let date = day_of(year, k, per_year)?;
                    let mut doc: DocumentContent = base.clone();
                    let (subject, doc_type) = if k == 0 {
                        // The subject the issue's "done when" looks for, as a real plan.
                        (format!("Kế hoạch chuyển đổi số năm {year}"), DocumentType::Plan)
                    } else {
                        let (t, ty) = r.pick(SUBJECTS);
                        (fill(t, year, r), *ty)
                    };
                    doc.doc_type = doc_type;
                    doc.subject = subject;
                    doc.date = Some(date);
                    let n = 4 + r.next(7);
                    doc.body = body_text(r, n);
                    let draft = k > 0 && r.chance(o.scale.drafts_percent as usize);
                    if draft && r.chance(50) {
                        doc.date = None; // listed by the day it was created
                    }
                    let rec = documents::create_draft_in(tx, &doc)?;
                    made.push((rec.id, date, draft));
                }
                Ok(made)
            })?;
            for (id, date, draft) in made {
                if !draft {
                    documents::issue_document(store, &id, date, None, true)?;
                }
            }
            i += batch;
            progress(&format!("văn bản năm {year}: {i}/{per_year} ({:.0} s)", started.elapsed().as_secs_f64()));
        }
    }
    Ok(())
}

fn generate_meetings(
    store: &mut Store,
    o: &GenerateOptions,
    roster: &Roster,
    r: &mut Lcg,
    progress: &mut dyn FnMut(&str),
) -> Result<()> {
    let first = o.last_year - o.years.max(1) as i32 + 1;
    let per_year = o.scale.meetings_per_year;
    let started = Instant::now();
    for year in first..=o.last_year {
        for k in 0..per_year {
            let day = day_of(year, k, per_year)?;
            let body = roster.bodies[k as usize % roster.bodies.len()].clone();
            let quarter = ["I", "II", "III", "IV"][(day.month0() / 3) as usize];
            let (form, subject) = match r.next(4) {
                0 => (MeetingForm::Session, format!("thường kỳ quý {quarter} năm {year}")),
                1 => (MeetingForm::Meeting, format!("triển khai hồ sơ sức khỏe điện tử tháng {}/{year}", day.month())),
                2 => (MeetingForm::WorkingSession, format!("về Kế hoạch chuyển đổi số năm {year}")),
                _ => (MeetingForm::Conference, format!("sơ kết Đề án 06 tháng {}/{year}", day.month())),
            };
            let start = day.and_hms_opt(8 + r.next(6) as u32, 0, 0).ok_or_else(|| AppError::validation("giờ"))?;
            let m = meetings::create_meeting(
                store,
                &MeetingInput {
                    body_id: body,
                    kind: if form == MeetingForm::Session { MeetingKind::Regular } else { MeetingKind::AdHoc },
                    form,
                    subject,
                    planned_start: start,
                    planned_end: Some(start + Duration::hours(2)),
                    place: "Phòng họp tầng 3, Sở Thông tin và Truyền thông".into(),
                    chair_person_id: None,
                    chair_title: String::new(),
                    secretary_person_id: None,
                },
            )?;
            let invitees = meetings::invite_whole_body(store, &m.id)?;
            for inv in invitees {
                let roll = r.next(100);
                let input = if inv.person_id.is_none() || roll >= 92 {
                    AttendanceInput {
                        invitee_id: inv.id.clone(),
                        attendance: Attendance::Substitute,
                        absence_reason: String::new(),
                        substitute_name: format!("{} {} {}", r.pick(FAMILY), r.pick(MIDDLE_M), r.pick(GIVEN_M)),
                        substitute_post: "Phó Trưởng phòng".into(),
                    }
                } else if roll >= 85 {
                    AttendanceInput {
                        invitee_id: inv.id.clone(),
                        attendance: Attendance::AbsentExcused,
                        absence_reason: "Đi công tác".into(),
                        substitute_name: String::new(),
                        substitute_post: String::new(),
                    }
                } else {
                    AttendanceInput {
                        invitee_id: inv.id.clone(),
                        attendance: Attendance::Present,
                        absence_reason: String::new(),
                        substitute_name: String::new(),
                        substitute_post: String::new(),
                    }
                };
                meetings::set_attendance(store, &input)?;
            }
            let items = 2 + r.next(3);
            let mut last = Vec::new();
            for _ in 0..items {
                let template = *r.pick(AGENDA);
                let title = fill(template, year, r);
                last = meetings::add_agenda_item(
                    store,
                    &m.id,
                    &AgendaInput {
                        title,
                        presenter_person_id: None,
                        presenter_agency_id: Some(r.pick(&roster.agencies).clone()),
                        presenter_text: String::new(),
                    },
                )?;
            }
            if let Some(item) = last.first() {
                let notes: Vec<&str> = (0..3).map(|_| *r.pick(SENTENCES)).collect();
                meetings::save_agenda_notes(store, &item.id, &notes.join(" "))?;
            }
            let notes: Vec<&str> = (0..4).map(|_| *r.pick(SENTENCES)).collect();
            meetings::save_notes(store, &m.id, &notes.join("\n"))?;
            for _ in 0..(1 + r.next(3)) {
                let due = day + Duration::days(30 + r.next(120) as i64);
                let template = *r.pick(CONCLUSIONS);
                meetings::add_conclusion(
                    store,
                    &m.id,
                    &ConclusionInput {
                        text: fill(template, year + 1, r),
                        lead_agency_id: Some(r.pick(&roster.agencies).clone()),
                        coordinating_agency_ids: vec![],
                        deadline: Some(Deadline::Date { date: due }),
                    },
                )?;
            }
        }
        progress(&format!("cuộc họp năm {year}: {per_year} ({:.0} s)", started.elapsed().as_secs_f64()));
    }
    Ok(())
}

/// A one-page letter from `sender` (the app's own renderer), as PDF or DOCX bytes.
pub(crate) fn incoming_file(
    subject: &str,
    sender: &str,
    number: &str,
    date: NaiveDate,
    body: Vec<Block>,
    docx: bool,
) -> Result<Vec<u8>> {
    let mut doc = documents::bench::one_page_announcement()?;
    doc.doc_type = DocumentType::OfficialLetter;
    doc.subject = subject.to_string();
    doc.date = Some(date);
    doc.number = number.split('/').next().and_then(|n| n.parse().ok());
    doc.body = body;
    let issuer = Issuer {
        parent_body: "UBND TỈNH NGHỆ AN".into(),
        issuing_body: sender.to_uppercase(),
        symbol: "VP".into(),
        unit_symbol: String::new(),
        place: "Nghệ An".into(),
    };
    let created = date.and_hms_opt(0, 0, 0).map(|d| d.and_utc().timestamp()).unwrap_or(0);
    if docx {
        documents::docx::render_docx(&doc, &issuer, Margins::default(), created)
    } else {
        let opts = documents::pdf::RenderOptions { margins: Margins::default(), created_unix: created };
        Ok(documents::pdf::render_counted(&doc, &issuer, opts)?.0)
    }
}

/// Registers one incoming document with a generated file through [`incoming::add_incoming`]
/// (the path `incoming add --file` and the window take): the file is checked, put into the
/// file store under its hash, and recorded.
#[allow(clippy::too_many_arguments)]
pub(crate) fn register_incoming(
    store: &mut Store,
    data_dir: &Path,
    tmp: &Path,
    r: &mut Lcg,
    agencies: &[String],
    received: NaiveDate,
    serial: u32,
    docx: bool,
    due: bool,
) -> Result<()> {
    let sender = r.pick(agencies).clone();
    let sender_name = store.read(|c| roster::get_agency(c, &sender))?.full_name;
    let (t, _) = r.pick(SUBJECTS);
    let subject = fill(t, received.year(), r);
    let number = format!("{}/VP-TH", serial + 1);
    let date = received - Duration::days(1 + r.next(5) as i64);
    let n = 3 + r.next(4);
    let body = body_text(r, n);
    let bytes = incoming_file(&subject, &sender_name, &number, date, body, docx)?;
    let path = tmp.join(format!("cong-van-{serial}.{}", if docx { "docx" } else { "pdf" }));
    std::fs::write(&path, &bytes).map_err(|e| AppError::storage(e.to_string()))?;
    let input = IncomingInput {
        received_on: received,
        sender_agency_id: Some(sender),
        sender_name: String::new(),
        number_symbol: number,
        document_date: Some(date),
        type_name: r.pick(INCOMING_TYPES).to_string(),
        subject,
        urgency: if r.chance(10) { IncomingUrgency::Urgent } else { IncomingUrgency::Normal },
        handling_agency_id: Some(r.pick(agencies).clone()),
        handler_person_id: None,
        passed_on: Some(received),
        due_date: due.then(|| received + Duration::days(15 + r.next(30) as i64)),
        notes: String::new(),
    };
    let added = incoming::add_incoming(store, data_dir, &input, Some(&path), true);
    let _ = std::fs::remove_file(&path);
    added.map(|_| ())
}

fn generate_incoming(
    store: &mut Store,
    data_dir: &Path,
    o: &GenerateOptions,
    roster: &Roster,
    r: &mut Lcg,
    progress: &mut dyn FnMut(&str),
) -> Result<u32> {
    let first = o.last_year - o.years.max(1) as i32 + 1;
    let per_year = o.scale.incoming_per_year;
    let tmp = data_dir.join("bench-tmp");
    std::fs::create_dir_all(&tmp).map_err(|e| AppError::storage(e.to_string()))?;
    let started = Instant::now();
    let mut with_task = 0;
    let mut serial = 0;
    for year in first..=o.last_year {
        for k in 0..per_year {
            let received = day_of(year, k, per_year)?;
            // One in five carries a due date (and so its own follow-up task).
            let due = k % 5 == 0;
            register_incoming(store, data_dir, &tmp, r, &roster.agencies, received, serial, k % 2 == 1, due)?;
            serial += 1;
            with_task += u32::from(due);
        }
        progress(&format!("văn bản đến năm {year}: {per_year} kèm tệp ({:.0} s)", started.elapsed().as_secs_f64()));
    }
    let _ = std::fs::remove_dir(&tmp);
    Ok(with_task)
}

fn generate_tasks(
    store: &mut Store,
    o: &GenerateOptions,
    roster: &Roster,
    already: u32,
    r: &mut Lcg,
    progress: &mut dyn FnMut(&str),
) -> Result<()> {
    let first = o.last_year - o.years.max(1) as i32 + 1;
    let total = o.scale.tasks_per_year * o.years.max(1);
    let remaining = total.saturating_sub(already);
    let per_year = remaining.div_ceil(o.years.max(1));
    let started = Instant::now();
    let mut made = 0;
    for year in first..=o.last_year {
        for k in 0..per_year.min(remaining - made) {
            let assigned = day_of(year, k, per_year)?;
            let deadline = match r.next(10) {
                0 => Deadline::Ongoing,
                _ => Deadline::Date { date: assigned + Duration::days(20 + r.next(200) as i64) },
            };
            let lead = r.pick(&roster.agencies).clone();
            let template = *r.pick(CONCLUSIONS);
            let id = followup::add_task(
                store,
                &TaskInput {
                    content: fill(template, year, r),
                    lead_agency_id: lead,
                    coordinating_agency_ids: vec![],
                    deadline: Some(deadline),
                    priority: if r.chance(10) { Priority::High } else { Priority::Normal },
                    source_number: format!("{}/TB-BCĐCĐS", 1 + k % 300),
                    source_date: Some(assigned),
                    source_directed_by: "Trưởng Ban Chỉ đạo".into(),
                    source_title: format!("Thông báo kết luận của Ban Chỉ đạo năm {year}"),
                    assigned_on: None,
                },
            )?;
            // Older years mostly done; the newest year mostly still open.
            let done_percent = if year < o.last_year { 85 } else { 40 };
            if r.chance(done_percent) {
                let date = assigned + Duration::days(10 + r.next(150) as i64);
                followup::add_progress(
                    store,
                    &id,
                    &ProgressInput {
                        date: date.min(NaiveDate::from_ymd_opt(o.last_year, 12, 31).unwrap_or(date)),
                        text: r.pick(SENTENCES).to_string(),
                        report_number: format!("{}/BC-{}", 1 + r.next(500), year % 100),
                        completes: true,
                        occurrence_due: None,
                    },
                )?;
            }
            made += 1;
        }
        progress(&format!("nhiệm vụ năm {year}: {made}/{remaining} ({:.0} s)", started.elapsed().as_secs_f64()));
    }
    Ok(())
}

/// Builds the archive in `data_dir`'s store, which must be empty. `progress` is told each
/// step (a line of text).
pub fn generate(
    store: &mut Store,
    data_dir: &Path,
    o: &GenerateOptions,
    mut progress: impl FnMut(&str),
) -> Result<GenerateSummary> {
    if !store.read(crate::example_data::is_empty)? {
        return Err(AppError::conflict(
            "Thư mục dữ liệu đã có dữ liệu: bộ dữ liệu thử chỉ được tạo trong thư mục trống (--data-dir).",
        ));
    }
    let mut r = Lcg::new(o.seed);
    let all = Instant::now();
    let mut stages = Vec::new();
    let mut stage = |name: &str, since: &mut Instant| {
        stages.push((name.to_string(), since.elapsed().as_secs_f64()));
        *since = Instant::now();
    };
    let mut t = Instant::now();
    let roster = generate_roster(store, o, &mut r)?;
    progress(&format!("danh sách: {} người ({:.0} s)", roster.people.len(), t.elapsed().as_secs_f64()));
    stage("roster", &mut t);
    generate_documents(store, o, &mut r, &mut progress)?;
    stage("documents", &mut t);
    generate_meetings(store, o, &roster, &mut r, &mut progress)?;
    stage("meetings", &mut t);
    let with_task = generate_incoming(store, data_dir, o, &roster, &mut r, &mut progress)?;
    stage("incoming", &mut t);
    generate_tasks(store, o, &roster, with_task, &mut r, &mut progress)?;
    stage("tasks", &mut t);
    store.read(|c| c.execute_batch("PRAGMA optimize").sql())?;
    Ok(GenerateSummary {
        agencies: count(store, "SELECT count(*) FROM agency")?,
        people: count(store, "SELECT count(*) FROM person")?,
        bodies: count(store, "SELECT count(*) FROM body")?,
        memberships: count(store, "SELECT count(*) FROM membership")?,
        documents: count(store, "SELECT count(*) FROM document")?,
        issued: count(store, "SELECT count(*) FROM document WHERE status = 'issued'")?,
        drafts: count(store, "SELECT count(*) FROM document WHERE status = 'draft'")?,
        meetings: count(store, "SELECT count(*) FROM meeting")?,
        invitees: count(store, "SELECT count(*) FROM meeting_invitee")?,
        agenda_items: count(store, "SELECT count(*) FROM agenda_item")?,
        conclusions: count(store, "SELECT count(*) FROM conclusion")?,
        tasks: count(store, "SELECT count(*) FROM task")?,
        incoming: count(store, "SELECT count(*) FROM incoming_document")?,
        files: count(store, "SELECT count(*) FROM incoming_document WHERE file_sha256 IS NOT NULL")?,
        years: store.read(documents::document_years)?,
        stages,
        seconds: all.elapsed().as_secs_f64(),
    })
}
