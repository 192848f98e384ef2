use super::status::{due_dates, standing, ExtensionFact, ReportFact};
use super::*;
use crate::deadline::{Deadline, Period, Recurrence};
use crate::documents::{self, issue_document};
use crate::error::Sql;
use crate::example_data;
use crate::meetings::{self, ConclusionInput, MeetingDocumentRole, MeetingForm, MeetingInput, MeetingKind};
use crate::store::Store;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn done(date: NaiveDate) -> ReportFact {
    ReportFact { date, completes: true, occurrence_due: None }
}

fn note(date: NaiveDate) -> ReportFact {
    ReportFact { date, completes: false, occurrence_due: None }
}

fn on(date: NaiveDate) -> Option<Deadline> {
    Some(Deadline::Date { date })
}

// ---------------------------------------------------------------------------------------------
// Status at every boundary (pure)

#[test]
fn a_dated_task_at_each_boundary() {
    let due = d(2024, 10, 31);
    let given = d(2024, 9, 10);
    let st = |as_of: NaiveDate, reports: &[ReportFact]| standing(on(due), given, reports, as_of, 7);
    // Long before: not due; reported on: in progress.
    assert_eq!(st(d(2024, 9, 20), &[]).status, TaskStatus::NotDue);
    assert_eq!(st(d(2024, 9, 20), &[note(d(2024, 9, 15))]).status, TaskStatus::InProgress);
    // A report dated after the day asked is not known yet on that day.
    assert_eq!(st(d(2024, 9, 20), &[note(d(2024, 9, 25))]).status, TaskStatus::NotDue);
    // Seven days before (31 − 7 = 24): due soon; eight days before: not yet.
    assert_eq!(st(d(2024, 10, 23), &[]).status, TaskStatus::NotDue);
    assert_eq!(st(d(2024, 10, 24), &[]).status, TaskStatus::DueSoon);
    // Due today: still due soon, not overdue.
    let today = st(due, &[]);
    assert_eq!(today.status, TaskStatus::DueSoon);
    assert_eq!(today.days_overdue, None);
    // Due yesterday: overdue by one day.
    let late = st(d(2024, 11, 1), &[]);
    assert_eq!(late.status, TaskStatus::Overdue);
    assert_eq!(late.days_overdue, Some(1));
    // Done on the deadline: on time; the day after: late by one day.
    assert_eq!(st(d(2024, 12, 1), &[done(due)]).status, TaskStatus::DoneOnTime);
    let done_late = st(d(2024, 12, 1), &[done(d(2024, 11, 1))]);
    assert_eq!(done_late.status, TaskStatus::DoneLate);
    assert_eq!(done_late.days_overdue, Some(1));
    assert_eq!(done_late.done_on, Some(d(2024, 11, 1)));
    // As of a day before the completing report, it was overdue.
    assert_eq!(st(d(2024, 11, 5), &[done(d(2024, 11, 20))]).status, TaskStatus::Overdue);
    // The settings' number of days counts.
    assert_eq!(standing(on(due), given, &[], d(2024, 10, 28), 2).status, TaskStatus::NotDue);
    assert_eq!(standing(on(due), given, &[], d(2024, 10, 29), 2).status, TaskStatus::DueSoon);
}

#[test]
fn a_period_ends_on_its_last_day() {
    let q4 = Some(Deadline::Period { period: Period::Quarter { year: 2024, quarter: 4 } });
    let given = d(2024, 9, 10);
    assert_eq!(standing(q4, given, &[], d(2024, 12, 31), 7).status, TaskStatus::DueSoon);
    assert_eq!(standing(q4, given, &[], d(2025, 1, 1), 7).status, TaskStatus::Overdue);
    assert_eq!(standing(q4, given, &[], d(2025, 1, 1), 7).due_date, Some(d(2024, 12, 31)));
    let feb = Some(Deadline::Period { period: Period::Month { year: 2024, month: 2 } });
    assert_eq!(standing(feb, d(2024, 1, 1), &[done(d(2024, 2, 29))], d(2024, 3, 5), 7).status, TaskStatus::DoneOnTime);
    assert_eq!(standing(feb, d(2024, 1, 1), &[], d(2024, 3, 1), 7).status, TaskStatus::Overdue);
}

#[test]
fn ongoing_and_undated_tasks_are_never_overdue() {
    let given = d(2020, 1, 1);
    for deadline in [Some(Deadline::Ongoing), None] {
        let st = standing(deadline, given, &[], d(2030, 1, 1), 7);
        assert_eq!(st.status, TaskStatus::InProgress);
        assert_eq!(st.days_overdue, None);
        assert_eq!(standing(deadline, given, &[done(d(2025, 1, 1))], d(2030, 1, 1), 7).status, TaskStatus::DoneOnTime);
    }
}

#[test]
fn an_extension_moves_the_deadline_from_its_decision_on() {
    let original = on(d(2024, 10, 15));
    let ext = [ExtensionFact { decided_on: d(2024, 10, 10), deadline: Deadline::Date { date: d(2024, 11, 30) } }];
    let (before, extended_before) = status::deadline_in_force(original, &ext, d(2024, 10, 9));
    assert_eq!((before, extended_before), (original, false));
    let (after, extended) = status::deadline_in_force(original, &ext, d(2024, 10, 20));
    assert!(extended);
    assert_eq!(after, Some(Deadline::Date { date: d(2024, 11, 30) }));
    // Past the original deadline but within the extended one: not overdue.
    assert_eq!(standing(after, d(2024, 9, 1), &[], d(2024, 10, 20), 7).status, TaskStatus::NotDue);
    // Done within the extension: on time.
    assert_eq!(
        standing(after, d(2024, 9, 1), &[done(d(2024, 11, 20))], d(2024, 12, 1), 7).status,
        TaskStatus::DoneOnTime
    );
}

#[test]
fn a_recurring_report_yields_each_due_date_and_tracks_each() {
    assert_eq!(
        due_dates(Recurrence::Monthly, Some(25), None, d(2024, 9, 10), d(2024, 12, 31)),
        [d(2024, 9, 25), d(2024, 10, 25), d(2024, 11, 25), d(2024, 12, 25)]
    );
    // A day past the month's end falls on its last day; a period given after its due day starts next period.
    assert_eq!(
        due_dates(Recurrence::Monthly, Some(31), None, d(2024, 1, 31), d(2024, 4, 30)),
        [d(2024, 1, 31), d(2024, 2, 29), d(2024, 3, 31), d(2024, 4, 30)]
    );
    assert_eq!(
        due_dates(Recurrence::Quarterly, None, None, d(2024, 9, 10), d(2025, 6, 30)),
        [d(2024, 9, 30), d(2024, 12, 31), d(2025, 3, 31), d(2025, 6, 30)]
    );
    assert_eq!(
        due_dates(Recurrence::Yearly, Some(15), Some(12), d(2024, 12, 16), d(2026, 12, 31)),
        [d(2025, 12, 15), d(2026, 12, 15)]
    );
    let monthly = Some(Deadline::Recurring { every: Recurrence::Monthly, before_day: Some(25), before_month: None });
    let given = d(2024, 9, 10);
    let sept = ReportFact { date: d(2024, 9, 24), completes: true, occurrence_due: Some(d(2024, 9, 25)) };
    // On 01/11/2024: September reported, October's not: overdue since 25/10.
    let st = standing(monthly, given, &[sept], d(2024, 11, 1), 7);
    assert_eq!(st.status, TaskStatus::Overdue);
    assert_eq!(st.due_date, Some(d(2024, 10, 25)));
    assert_eq!(st.days_overdue, Some(7));
    let statuses: Vec<(NaiveDate, TaskStatus)> = st.occurrences.iter().map(|o| (o.due_date, o.status)).collect();
    assert_eq!(
        statuses,
        [
            (d(2024, 9, 25), TaskStatus::DoneOnTime),
            (d(2024, 10, 25), TaskStatus::Overdue),
            (d(2024, 11, 25), TaskStatus::NotDue)
        ]
    );
    // October reported late: no longer overdue; due soon near November's date; never done.
    let oct = ReportFact { date: d(2024, 11, 2), completes: true, occurrence_due: Some(d(2024, 10, 25)) };
    let st = standing(monthly, given, &[sept, oct], d(2024, 11, 20), 7);
    assert_eq!(st.status, TaskStatus::DueSoon);
    assert_eq!(st.due_date, Some(d(2024, 11, 25)));
    assert_eq!(st.occurrences[1].status, TaskStatus::DoneLate);
    let st = standing(monthly, given, &[sept, oct], d(2024, 11, 5), 7);
    assert_eq!(st.status, TaskStatus::InProgress);
}

// ---------------------------------------------------------------------------------------------
// With the store

struct World {
    store: Store,
    meeting_id: String,
    agencies: std::collections::HashMap<&'static str, String>,
}

fn agency(store: &Store, name: &str) -> String {
    store
        .read(crate::roster::list_agencies)
        .unwrap()
        .into_iter()
        .find(|a| a.full_name == name)
        .unwrap_or_else(|| panic!("no agency {name}"))
        .id
}

const NAMES: [&str; 5] = ["Sở Y tế", "Sở Thông tin và Truyền thông", "Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng"];

/// The example roster and a task force meeting on 05/09/2024 with six conclusions: dates,
/// a monthly report, quý IV, ongoing.
fn world() -> World {
    let mut store = Store::open_in_memory().unwrap();
    let s = example_data::load(&mut store, 2024).unwrap();
    let leader = store.read(|c| crate::roster::roster_as_of(c, &s.task_force_id, d(2024, 9, 5))).unwrap().groups[0]
        .entries[0]
        .person_id
        .clone();
    let at = |h| d(2024, 9, 5).and_hms_opt(h, 0, 0).unwrap();
    let m = meetings::create_meeting(
        &mut store,
        &MeetingInput {
            body_id: s.task_force_id.clone(),
            kind: MeetingKind::Regular,
            form: MeetingForm::Meeting,
            subject: "Tổ Công tác quý III năm 2024".into(),
            planned_start: at(14),
            planned_end: Some(at(16)),
            place: "Phòng họp tầng 3".into(),
            chair_person_id: leader,
            chair_title: "Tổ trưởng Tổ Công tác".into(),
            secretary_person_id: None,
        },
    )
    .unwrap();
    let agencies: std::collections::HashMap<&'static str, String> =
        NAMES.iter().map(|n| (*n, agency(&store, n))).collect();
    let a = |n: &str| Some(agencies[n].clone());
    let on = d(2024, 9, 5);
    for (text, lead, coord, deadline) in [
        (
            "Hoàn thành kết nối dữ liệu khám chữa bệnh",
            a("Sở Y tế"),
            vec![agencies["Sở Thông tin và Truyền thông"].clone()],
            "15/10/2024",
        ),
        ("Tham mưu kiện toàn Tổ Công tác", a("Sở Nội vụ"), vec![], "30/09/2024"),
        ("Báo cáo tình hình chuyển đổi số", a("Sở Thông tin và Truyền thông"), vec![], "hằng tháng, trước ngày 25"),
        ("Tổng hợp nhu cầu kinh phí năm 2025", a("Sở Tài chính"), vec![], "quý IV"),
        ("Số hóa hồ sơ cấp phép xây dựng", a("Sở Xây dựng"), vec![], "31/10/2024"),
        ("Tuyên truyền về chuyển đổi số", a("Sở Thông tin và Truyền thông"), vec![], "thường xuyên"),
    ] {
        meetings::add_conclusion(
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
    World { store, meeting_id: m.id, agencies }
}

fn issue_conclusions(w: &mut World, date: NaiveDate) -> documents::DocumentRecord {
    let tb = meetings::generate_document(&mut w.store, &w.meeting_id, MeetingDocumentRole::Conclusions, false).unwrap();
    issue_document(&mut w.store, &tb.id, date, None, true).unwrap()
}

fn all(store: &Store, as_of: NaiveDate) -> TaskPage {
    store.read(|c| list_tasks(c, &TaskFilter::as_of(as_of))).unwrap()
}

#[test]
fn issuing_the_announcement_turns_conclusions_into_tasks_once() {
    let mut w = world();
    assert_eq!(all(&w.store, d(2024, 12, 31)).total, 0, "no task before the announcement is issued");
    let tb = issue_conclusions(&mut w, d(2024, 9, 10));
    let number = tb.number_symbol.clone().unwrap();
    let page = all(&w.store, d(2024, 9, 10));
    assert_eq!(page.total, 6);
    for t in &page.items {
        assert_eq!(t.source.kind, TaskSourceKind::Conclusion);
        assert_eq!(t.source.number, number);
        assert_eq!(t.source.date, Some(d(2024, 9, 10)));
        assert!(t.source.label.contains(&format!("số {number} ngày 10/09/2024")), "{}", t.source.label);
        assert_eq!(t.source.meeting_id.as_deref(), Some(w.meeting_id.as_str()));
    }
    // As of the day before the announcement, the tasks did not exist yet.
    assert_eq!(all(&w.store, d(2024, 9, 9)).total, 0);

    // Recalled, and a new announcement issued for the same meeting: still six tasks, now
    // citing the new one, their reports kept.
    let first = page.items.iter().find(|t| t.content.starts_with("Tham mưu")).unwrap().id.clone();
    add_progress(
        &mut w.store,
        &first,
        &ProgressInput {
            date: d(2024, 9, 20),
            text: "Đã trình dự thảo".into(),
            report_number: "12/SNV".into(),
            completes: false,
            occurrence_due: None,
        },
    )
    .unwrap();
    documents::recall_document(&mut w.store, &tb.id, "Sai thời hạn").unwrap();
    let mut content = w.store.read(|c| documents::get_document(c, &tb.id)).unwrap().content;
    content.number = None;
    content.date = None;
    let draft = documents::create_draft(&mut w.store, &content).unwrap();
    w.store
        .write(|tx| {
            tx.execute(
                "UPDATE meeting_document SET document_id = ?1 WHERE meeting_id = ?2 AND role = 'conclusions'",
                rusqlite::params![draft.id, w.meeting_id],
            )
            .sql()?;
            Ok(())
        })
        .unwrap();
    let again = issue_document(&mut w.store, &draft.id, d(2024, 9, 12), None, true).unwrap();
    let page = all(&w.store, d(2024, 9, 30));
    assert_eq!(page.total, 6, "re-issuing does not duplicate");
    assert!(page.items.iter().all(|t| t.source.number == again.number_symbol.clone().unwrap()));
    let detail = w.store.read(|c| get_task(c, &first, d(2024, 9, 30))).unwrap();
    assert_eq!(detail.progress.len(), 1);
    assert_eq!(detail.progress[0].report_number, "12/SNV");
}

#[test]
fn a_merged_agency_hands_its_open_tasks_to_its_successor() {
    let mut w = world();
    issue_conclusions(&mut w, d(2024, 9, 10));
    let (xd, tt, noi_vu) = (
        w.agencies["Sở Xây dựng"].clone(),
        w.agencies["Sở Thông tin và Truyền thông"].clone(),
        w.agencies["Sở Nội vụ"].clone(),
    );
    // Sở Nội vụ's task done before the merger stays with it; Sở Xây dựng's open task passes on.
    let page = all(&w.store, d(2024, 10, 1));
    let id = |content: &str| page.items.iter().find(|t| t.content.starts_with(content)).unwrap().id.clone();
    let (xd_task, nv_task) = (id("Số hóa"), id("Tham mưu"));
    add_progress(
        &mut w.store,
        &nv_task,
        &ProgressInput {
            date: d(2024, 9, 28),
            text: "Xong".into(),
            report_number: String::new(),
            completes: true,
            occurrence_due: None,
        },
    )
    .unwrap();
    crate::roster::merge_agency(
        &mut w.store,
        &crate::roster::AgencyMerge { agency_id: xd.clone(), into_agency_id: tt.clone(), on: d(2024, 10, 20) },
    )
    .unwrap();
    crate::roster::merge_agency(
        &mut w.store,
        &crate::roster::AgencyMerge { agency_id: noi_vu.clone(), into_agency_id: tt.clone(), on: d(2024, 10, 20) },
    )
    .unwrap();
    let before = w.store.read(|c| get_task(c, &xd_task, d(2024, 10, 15))).unwrap();
    assert_eq!(before.task.lead_agency_id.as_deref(), Some(xd.as_str()));
    assert!(before.handovers.is_empty());
    let after = w.store.read(|c| get_task(c, &xd_task, d(2024, 11, 1))).unwrap();
    assert_eq!(after.task.lead_agency_id.as_deref(), Some(tt.as_str()));
    assert_eq!(after.task.lead_agency_name, "Sở Thông tin và Truyền thông");
    assert_eq!(after.task.original_lead_agency_name.as_deref(), Some("Sở Xây dựng"));
    assert_eq!(after.handovers.len(), 1);
    assert_eq!(after.handovers[0].from_agency_name, "Sở Xây dựng");
    assert_eq!(after.handovers[0].on, d(2024, 10, 20));
    let done = w.store.read(|c| get_task(c, &nv_task, d(2024, 11, 1))).unwrap();
    assert_eq!(done.task.lead_agency_id.as_deref(), Some(noi_vu.as_str()), "done before the merger: stays");
    // The successor's list and summary include the task handed over.
    let mut f = TaskFilter::as_of(d(2024, 11, 1));
    f.agency_id = Some(tt.clone());
    let tt_tasks = w.store.read(|c| list_tasks(c, &f)).unwrap();
    assert!(tt_tasks.items.iter().any(|t| t.id == xd_task));
    assert!(!tt_tasks.items.iter().any(|t| t.id == nv_task));
    f.agency_id = Some(xd.clone());
    assert_eq!(w.store.read(|c| list_tasks(c, &f)).unwrap().total, 0);
}

#[test]
fn report_figures_count_each_status() {
    let mut w = world();
    issue_conclusions(&mut w, d(2024, 9, 10));
    let page = all(&w.store, d(2024, 10, 1));
    let id = |content: &str| page.items.iter().find(|t| t.content.starts_with(content)).unwrap().id.clone();
    let report = |date, completes| ProgressInput {
        date,
        text: "Báo cáo".into(),
        report_number: String::new(),
        completes,
        occurrence_due: None,
    };
    add_progress(&mut w.store, &id("Tham mưu"), &report(d(2024, 9, 28), true)).unwrap(); // on time
    add_progress(&mut w.store, &id("Hoàn thành kết nối"), &report(d(2024, 10, 20), true)).unwrap(); // late by 5 days
    let f = w.store.read(|c| report_figures(c, d(2024, 9, 1), d(2024, 11, 1))).unwrap();
    assert_eq!(f.counts.total, 6);
    assert_eq!((f.counts.done_on_time, f.counts.done_late), (1, 1));
    // Overdue on 01/11: October's monthly report (25/10) and the building permits (31/10).
    assert_eq!(f.counts.overdue, 2);
    assert_eq!(f.overdue.len(), 2);
    assert_eq!(f.counts.on_time_rate(), Some(50.0));
    assert_eq!(percent(f.counts.completion_rate()), "33,3 %");
    let yt = f.agencies.iter().find(|a| a.agency_name == "Sở Y tế").unwrap();
    assert_eq!((yt.counts.total, yt.counts.done_late, yt.last_report), (1, 1, Some(d(2024, 10, 20))));
    // A later period leaves out what was done before it began.
    let later = w.store.read(|c| report_figures(c, d(2024, 10, 1), d(2024, 11, 1))).unwrap();
    assert_eq!(later.counts.total, 5);
    // Every filter is served by an index.
    let plan = |filter: &TaskFilter| -> String {
        w.store
            .read(|c| {
                let agencies = super::store::Agencies::load(c)?;
                let (sql, args) = super::store::candidates_query(filter, &agencies);
                let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).sql()?;
                let rows = stmt
                    .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))
                    .sql()?
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .sql()?;
                Ok(rows.join(" | "))
            })
            .unwrap()
    };
    let base = TaskFilter::as_of(d(2024, 11, 1));
    assert!(plan(&base).contains("USING INDEX task_assigned"), "{}", plan(&base));
    let mut f = base.clone();
    f.agency_id = Some(w.agencies["Sở Y tế"].clone());
    assert!(plan(&f).contains("task_lead_agency"), "{}", plan(&f));
    let mut f = base.clone();
    f.meeting_id = Some(w.meeting_id.clone());
    assert!(plan(&f).contains("task_meeting"), "{}", plan(&f));
    let mut f = base.clone();
    f.document_id = Some("x".into());
    assert!(plan(&f).contains("task_source_document"), "{}", plan(&f));
    let mut f = base.clone();
    f.source_kind = Some(TaskSourceKind::Manual);
    assert!(plan(&f).contains("task_source_kind"), "{}", plan(&f));
    let mut f = TaskFilter::as_of(d(2024, 11, 1));
    f.due_from = Some(d(2024, 10, 1));
    let due = plan(&f);
    assert_eq!(due.matches("USING INDEX task_due (due_date").count(), 2, "{due}");
    // The range itself, on the date that counts: due from 15/10 to 31/10 (the monthly report
    // counts from its oldest late period, 25/09, so it is not in the range).
    f.due_from = Some(d(2024, 10, 15));
    f.due_to = Some(d(2024, 10, 31));
    let ranged = w.store.read(|c| list_tasks(c, &f)).unwrap();
    let mut names: Vec<&str> = ranged.items.iter().map(|t| t.content.as_str()).collect();
    names.sort();
    assert_eq!(names, ["Hoàn thành kết nối dữ liệu khám chữa bệnh", "Số hóa hồ sơ cấp phép xây dựng"]);
}

#[test]
fn an_issued_work_plan_turns_its_items_into_tasks() {
    let mut w = world();
    let json = r#"{ "year": 2025,
        "items": [
          { "content": "Xây dựng kho dữ liệu dùng chung", "lead": "so thong tin va truyen thong",
            "coordinating": ["Sở Tài chính"], "deadline": "quý II" },
          { "content": "Số hóa hồ sơ bệnh án", "lead": "Sở Y tế", "deadline": "tháng 3" },
          { "content": "Tuyên truyền chuyển đổi số", "lead": "Sở Nội vụ", "deadline": "thường xuyên" } ] }"#;
    let plan = parse_plan_json(json).unwrap();
    let doc = import_plan(&mut w.store, &plan).unwrap();
    assert_eq!(doc.doc_type, documents::DocumentType::Plan);
    // Items in the order of their deadlines, ongoing last; none a task until issued.
    let items = w.store.read(|c| plan_items(c, &doc.id)).unwrap();
    let order: Vec<&str> = items.iter().map(|i| i.content.as_str()).collect();
    assert_eq!(order, ["Số hóa hồ sơ bệnh án", "Xây dựng kho dữ liệu dùng chung", "Tuyên truyền chuyển đổi số"]);
    assert_eq!(items[0].deadline.and_then(|d| d.due_date()), Some(d(2025, 3, 31)));
    assert_eq!(items[1].coordinating_agency_ids, [w.agencies["Sở Tài chính"].clone()]);
    assert_eq!(all(&w.store, d(2025, 12, 31)).total, 0);
    // The secretary completes the draft (its signer) before it is issued, as for any draft.
    let mut content = doc.content.clone();
    if content.signers.is_empty() {
        content.signers = vec![documents::Signer {
            authority: None,
            on_behalf_of: String::new(),
            titles: vec!["TRƯỞNG BAN".into()],
            name: "Nguyễn Văn A".into(),
        }];
        documents::save_draft(&mut w.store, &doc.id, &content).unwrap();
    }
    let issued = issue_document(&mut w.store, &doc.id, d(2025, 1, 6), None, true).unwrap();
    let page = all(&w.store, d(2025, 4, 1));
    assert_eq!(page.total, 3);
    assert!(page.items.iter().all(|t| t.source.kind == TaskSourceKind::Document
        && t.source.number == issued.number_symbol.clone().unwrap()
        && t.source.label.starts_with("Kế hoạch số ")));
    let overdue: Vec<&str> =
        page.items.iter().filter(|t| t.status == TaskStatus::Overdue).map(|t| t.content.as_str()).collect();
    assert_eq!(overdue, ["Số hóa hồ sơ bệnh án"]);
    let summary = w.store.read(|c| source_summary(c, None, Some(&doc.id), d(2025, 4, 1))).unwrap().unwrap();
    assert_eq!(summary.tasks.len(), 3);
    assert_eq!(summary.counts.overdue, 1);
    // An unknown agency or deadline is refused with the item's number.
    let bad = parse_plan_json(r#"{"year": 2025, "items": [{"content": "X", "lead": "Sở Không Có"}]}"#).unwrap();
    let e = import_plan(&mut w.store, &bad).unwrap_err();
    assert!(e.message.contains("Nhiệm vụ thứ 1") && e.message.contains("Sở Không Có"), "{}", e.message);
    let e = parse_plan_json("{\"year\": 2025}").unwrap_err();
    assert!(e.message.contains("items"), "{}", e.message);
}

#[test]
fn the_home_screen_as_of_a_date() {
    let mut w = world();
    issue_conclusions(&mut w, d(2024, 9, 10));
    let home = w.store.read(|c| home_summary(c, d(2024, 10, 25))).unwrap();
    assert_eq!(home.due_soon_days, 7);
    // On 25/10, oldest deadline first: September's monthly report (25/09), the reconstitution
    // (30/09) and the data connection (15/10) are late; the permits (31/10) are due soon.
    let names = |v: &[TaskSummary]| v.iter().map(|t| t.content.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&home.overdue),
        [
            "Báo cáo tình hình chuyển đổi số",
            "Tham mưu kiện toàn Tổ Công tác",
            "Hoàn thành kết nối dữ liệu khám chữa bệnh"
        ]
    );
    assert_eq!(names(&home.due_soon), ["Số hóa hồ sơ cấp phép xây dựng"]);
    assert_eq!(home.issued_this_month.len(), 0, "the announcement was issued in September");
    let september = w.store.read(|c| home_summary(c, d(2024, 9, 30))).unwrap();
    assert_eq!(september.issued_this_month.len(), 1);
    // The setting changes what "due soon" means.
    save_followup_settings(&mut w.store, &FollowupSettings { due_soon_days: 3 }).unwrap();
    let home = w.store.read(|c| home_summary(c, d(2024, 10, 25))).unwrap();
    assert!(home.due_soon.is_empty());
    assert!(save_followup_settings(&mut w.store, &FollowupSettings { due_soon_days: 0 }).is_err());
}

#[test]
fn a_report_with_its_file_and_the_rules_of_progress() {
    let mut w = world();
    issue_conclusions(&mut w, d(2024, 9, 10));
    let page = all(&w.store, d(2024, 10, 1));
    let id = |content: &str| page.items.iter().find(|t| t.content.starts_with(content)).unwrap().id.clone();
    let task = id("Hoàn thành kết nối");
    let data = tempfile::tempdir().unwrap();
    let source = data.path().join("bao-cao 88.pdf");
    std::fs::write(&source, b"%PDF-1.4 report").unwrap();
    let input = |date, completes| ProgressInput {
        date,
        text: "Đã kết nối".into(),
        report_number: "88/SYT".into(),
        completes,
        occurrence_due: None,
    };
    add_progress_with_file(&mut w.store, data.path(), &task, &input(d(2024, 10, 10), true), &source).unwrap();
    let detail = w.store.read(|c| get_task(c, &task, d(2024, 10, 20))).unwrap();
    let p = &detail.progress[0];
    assert_eq!(p.file_name.as_deref(), Some("bao-cao 88.pdf"));
    let stored = data.path().join(p.stored_path.as_ref().unwrap());
    assert_eq!(std::fs::read(&stored).unwrap(), b"%PDF-1.4 report", "a copy in the data folder");
    assert!(p.stored_path.as_ref().unwrap().starts_with("files/sha256/"), "in the file store");
    assert_eq!(detail.task.status, TaskStatus::DoneOnTime);
    // Done once: a second completion is refused; a report before the task was given too.
    let e = add_progress(&mut w.store, &task, &input(d(2024, 10, 12), true)).unwrap_err();
    assert!(e.message.contains("đã được ghi nhận hoàn thành ngày 10/10/2024"), "{}", e.message);
    let e = add_progress(&mut w.store, &task, &input(d(2024, 9, 1), false)).unwrap_err();
    assert!(e.message.contains("trước ngày giao nhiệm vụ"), "{}", e.message);
    // A recurring report answers its oldest open period unless one is named; a wrong date is refused.
    let monthly = id("Báo cáo tình hình");
    add_progress(&mut w.store, &monthly, &input(d(2024, 9, 24), true)).unwrap();
    let mut named = input(d(2024, 10, 20), true);
    named.occurrence_due = Some(d(2024, 10, 26));
    assert!(add_progress(&mut w.store, &monthly, &named).unwrap_err().message.contains("không phải hạn"));
    let detail = w.store.read(|c| get_task(c, &monthly, d(2024, 10, 1))).unwrap();
    assert_eq!(detail.progress[0].occurrence_due, Some(d(2024, 9, 25)));
    assert_eq!(detail.occurrences[0].status, TaskStatus::DoneOnTime);
    // Extensions: only later than the deadline in force, only for dated tasks.
    let permits = id("Số hóa");
    let ext = |date: NaiveDate| ExtensionInput {
        deadline: Deadline::Date { date },
        decided_on: d(2024, 10, 25),
        decision: "130/UBND-KT".into(),
        reason: String::new(),
    };
    assert!(extend_task(&mut w.store, &permits, &ext(d(2024, 10, 30))).is_err());
    assert!(extend_task(&mut w.store, &monthly, &ext(d(2024, 12, 30))).is_err());
    extend_task(&mut w.store, &permits, &ext(d(2024, 11, 30))).unwrap();
    let detail = w.store.read(|c| get_task(c, &permits, d(2024, 11, 5))).unwrap();
    assert_eq!(detail.task.status, TaskStatus::NotDue);
    assert_eq!(detail.original_deadline_label, "trước ngày 31/10/2024");
    assert_eq!(detail.extensions[0].decision, "130/UBND-KT");
    // As of before the decision, the original deadline was in force.
    let before = w.store.read(|c| get_task(c, &permits, d(2024, 10, 24))).unwrap();
    assert!(!before.task.extended && before.extensions.is_empty());
    // Tasks from an issued document are not deleted.
    assert!(delete_task(&mut w.store, &permits).is_err());
}

#[test]
fn the_documented_plan_example_imports() {
    let mut w = world();
    let plan = parse_plan_json(include_str!("../../../../docs/followup/ke-hoach-cong-tac-nam.json")).unwrap();
    let doc = import_plan(&mut w.store, &plan).unwrap();
    assert_eq!(w.store.read(|c| plan_items(c, &doc.id)).unwrap().len(), plan.items.len());
    let pdf = w.store.read(|c| documents::document_pdf(c, &doc.id)).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

/// The list read from the facts (one scan each) gives exactly what summarising every task
/// gave: same items, order, totals and counts, for every sort, status, agency, range and page,
/// on a generated set of every deadline kind (dates, periods, recurring, ongoing, none), with
/// reports on time, late and partial, extensions and an agency merged on the way.
#[test]
fn the_list_matches_summarising_every_task() {
    let mut w = world();
    let ids: Vec<String> = NAMES.iter().map(|n| w.agencies[n].clone()).collect();
    let mut seed: u64 = 0x5eed_1234;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let kinds = [
        "15/10/2024",
        "30/09/2024",
        "31/12/2024",
        "quý IV",
        "quý I năm 2025",
        "tháng 11 năm 2024",
        "năm 2024",
        "hằng tháng, trước ngày 25",
        "hằng tháng",
        "hằng quý",
        "hằng năm",
        "thường xuyên",
    ];
    let mut tasks = Vec::new();
    for i in 0..150 {
        let assigned = d(2024, 1, 1) + chrono::Days::new(next(300));
        let deadline = match next(kinds.len() as u64 + 2) as usize {
            k if k < kinds.len() => Deadline::parse(kinds[k], assigned).ok(),
            k if k == kinds.len() => {
                Deadline::parse(&(assigned + chrono::Days::new(next(200))).format("%d/%m/%Y").to_string(), assigned)
                    .ok()
            }
            _ => None,
        };
        let lead = ids[next(ids.len() as u64) as usize].clone();
        let input = TaskInput {
            content: format!("Nhiệm vụ số {i} về chuyển đổi số {}", ["y tế", "giáo dục", "dữ liệu"][i % 3]),
            lead_agency_id: lead,
            coordinating_agency_ids: vec![],
            deadline,
            priority: Default::default(),
            source_number: format!("{}/KH-UBND", 100 + next(50)),
            source_date: Some(assigned),
            source_directed_by: String::new(),
            source_title: ["Kế hoạch", "Công văn", ""][next(3) as usize].into(),
            assigned_on: Some(assigned),
        };
        let Ok(id) = add_task(&mut w.store, &input) else { continue };
        tasks.push((id, assigned, deadline));
    }
    assert!(tasks.len() > 120, "{} tasks", tasks.len());
    for (id, assigned, deadline) in &tasks {
        for _ in 0..next(4) {
            let date = *assigned + chrono::Days::new(next(400));
            let completes = next(3) == 0;
            let input = ProgressInput {
                date,
                text: "Đang triển khai".into(),
                report_number: String::new(),
                completes,
                occurrence_due: None,
            };
            let _ = add_progress(&mut w.store, id, &input);
        }
        if let (Some(due), true) = (deadline.and_then(|d| d.due_date()), next(4) == 0) {
            let new_due = due + chrono::Days::new(10 + next(60));
            let input = ExtensionInput {
                deadline: Deadline::parse(&new_due.format("%d/%m/%Y").to_string(), *assigned).unwrap(),
                decided_on: due - chrono::Days::new(next(20)),
                decision: "123/QĐ-UBND".into(),
                reason: String::new(),
            };
            let _ = extend_task(&mut w.store, id, &input);
        }
    }
    crate::roster::merge_agency(
        &mut w.store,
        &crate::roster::AgencyMerge { agency_id: ids[4].clone(), into_agency_id: ids[1].clone(), on: d(2024, 10, 20) },
    )
    .unwrap();
    let (extended, reported): (u32, u32) = w
        .store
        .read(|c| {
            Ok((
                c.query_row("SELECT count(DISTINCT task_id) FROM task_extension", [], |r| r.get(0)).sql()?,
                c.query_row("SELECT count(*) FROM task_progress WHERE completes", [], |r| r.get(0)).sql()?,
            ))
        })
        .unwrap();
    assert!(extended >= 5 && reported >= 20, "{extended} extended, {reported} completing reports");
    let mut checked = 0;
    let mut statuses_seen = std::collections::HashSet::new();
    for as_of in [d(2024, 6, 1), d(2024, 10, 1), d(2024, 10, 25), d(2024, 12, 31), d(2025, 6, 1)] {
        let base = TaskFilter::as_of(as_of);
        let mut filters = Vec::new();
        for sort in [TaskSort::Due, TaskSort::Status, TaskSort::Agency, TaskSort::Source, TaskSort::Assigned] {
            for descending in [false, true] {
                filters.push(TaskFilter { sort, descending, ..base.clone() });
                filters.push(TaskFilter { sort, descending, offset: 7, limit: Some(20), ..base.clone() });
            }
        }
        for status in TaskStatus::ALL {
            filters.push(TaskFilter { statuses: vec![status], limit: Some(10), ..base.clone() });
        }
        filters.push(TaskFilter { statuses: vec![TaskStatus::Overdue, TaskStatus::DueSoon], ..base.clone() });
        for a in [&ids[1], &ids[4], &ids[0]] {
            filters.push(TaskFilter { agency_id: Some(a.clone()), sort: TaskSort::Agency, ..base.clone() });
        }
        filters.push(TaskFilter { due_from: Some(d(2024, 10, 1)), due_to: Some(d(2024, 12, 31)), ..base.clone() });
        filters.push(TaskFilter { due_to: Some(d(2024, 10, 31)), ..base.clone() });
        filters.push(TaskFilter { text: "giao duc".into(), ..base.clone() });
        filters.push(TaskFilter { text: "so y te".into(), sort: TaskSort::Status, ..base.clone() });
        filters.push(TaskFilter { offset: 1000, limit: Some(50), ..base.clone() });
        for f in &filters {
            let new = w.store.read(|c| list_tasks(c, f)).unwrap();
            let old = w.store.read(|c| super::store::list_tasks_by_summaries(c, f)).unwrap();
            assert_eq!(format!("{new:?}"), format!("{old:?}"), "as of {as_of} with {f:?}");
            statuses_seen.extend(new.items.iter().map(|t| t.status));
            checked += 1;
        }
        let page = all(&w.store, as_of);
        assert_eq!(page.total as usize, page.items.len());
        // The home screen's lists are the list's, by status.
        let home = w.store.read(|c| home_summary(c, as_of)).unwrap();
        let old = w.store.read(|c| super::store::list_tasks_by_summaries(c, &base)).unwrap();
        let of = |s: TaskStatus| old.items.iter().filter(|t| t.status == s).cloned().collect::<Vec<_>>();
        assert_eq!(home.counts, old.counts);
        assert_eq!(format!("{:?}", home.overdue), format!("{:?}", of(TaskStatus::Overdue)));
        assert_eq!(format!("{:?}", home.due_soon), format!("{:?}", of(TaskStatus::DueSoon)));
    }
    assert!(checked > 100);
    assert_eq!(statuses_seen.len(), TaskStatus::ALL.len(), "every status met: {statuses_seen:?}");
}

/// The list's reads: the candidates (their few columns) on their index, then one scan of the reports and
/// one of the extensions (by the index on the task), whatever the number of tasks.
#[test]
fn the_list_reads_the_facts_in_one_scan_each() {
    let w = world();
    let plan = |sql: &str| -> String {
        w.store
            .read(|c| {
                let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).sql()?;
                let rows = stmt
                    .query_map(["2024-11-01"], |r| r.get::<_, String>(3))
                    .sql()?
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .sql()?;
                Ok(rows.join(" | "))
            })
            .unwrap()
    };
    let (sql, _) = w
        .store
        .read(|c| {
            let agencies = super::store::Agencies::load(c)?;
            Ok(super::store::candidates_of(&TaskFilter::as_of(d(2024, 11, 1)), &agencies, super::store::PLACE_COLUMNS))
        })
        .unwrap();
    let candidates = plan(&sql);
    assert!(candidates.contains("USING INDEX task_assigned"), "{candidates}");
    let reports = plan(super::store::REPORT_FACTS);
    assert!(reports.starts_with("SCAN task_progress") && !reports.contains("TEMP B-TREE"), "{reports}");
    let extensions = plan(super::store::EXTENSION_FACTS);
    // Ties on the decision day alone are ordered by a small sort (as a task's page reads them).
    assert!(extensions.contains("task_extension_task") && !extensions.contains("FOR ORDER BY"), "{extensions}");
}
