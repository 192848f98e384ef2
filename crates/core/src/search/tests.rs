use super::*;
use crate::error::Sql;
use crate::example_data;
use crate::roster::{create_person, delete_person, rename_agency, AgencyRename, Honorific, PersonInput};
use crate::store::Store;
use chrono::NaiveDate;

fn store_with_people() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    example_data::load(&mut store, 2024).unwrap();
    for name in ["Nguyễn Văn Đạt", "Trần Thị Đào", "Lê Văn Dũng"] {
        create_person(
            &mut store,
            &PersonInput {
                full_name: name.into(),
                honorific: Honorific::Ong,
                post: "Chuyên viên".into(),
                agency_id: None,
                phone: String::new(),
                email: String::new(),
                notes: String::new(),
            },
        )
        .unwrap();
    }
    store
}

fn titles(store: &Store, q: &str) -> Vec<String> {
    store.read(|c| search(c, q, 20)).unwrap().into_iter().map(|h| h.title).collect()
}

#[test]
fn finds_names_typed_without_diacritics() {
    let store = store_with_people();
    assert_eq!(titles(&store, "vo trong phu"), ["Võ Trọng Phú"]);
    assert_eq!(titles(&store, "dat"), ["Nguyễn Văn Đạt"]);
    assert_eq!(titles(&store, "so y te")[0], "Sở Y tế");
    assert_eq!(titles(&store, "VÕ TRỌNG PHÚ"), ["Võ Trọng Phú"]);
    let hit = store.read(|c| search(c, "vo trong phu", 5)).unwrap().remove(0);
    assert_eq!(hit.kind, SearchKind::Person);
    assert_eq!(hit.subtitle, "Phó Giám đốc · Sở Thông tin và Truyền thông");
}

#[test]
fn prefixes_nfd_input_and_stray_spaces_work() {
    let store = store_with_people();
    assert_eq!(titles(&store, "  vo   tr "), ["Võ Trọng Phú"]);
    assert_eq!(titles(&store, "Vo\u{0303} Tro\u{0323}ng"), ["Võ Trọng Phú"]);
    // "dao" also prefixes "Đào tạo" and "Chỉ đạo"; the person named Đào ranks first.
    assert_eq!(titles(&store, "dao")[0], "Trần Thị Đào");
    let both = titles(&store, "d");
    assert!(both.contains(&"Lê Văn Dũng".to_string()) && both.contains(&"Nguyễn Văn Đạt".to_string()));
}

#[test]
fn odd_input_never_breaks_the_query() {
    let store = store_with_people();
    assert!(titles(&store, "").is_empty());
    assert!(titles(&store, "   ").is_empty());
    assert!(titles(&store, "\"*()").is_empty());
    assert_eq!(titles(&store, "\"so\" (y) te* OR"), Vec::<String>::new());
    assert_eq!(titles(&store, "\"so\" (y) te*")[0], "Sở Y tế");
    assert!(titles(&store, "khong co ai ten nay").is_empty());
}

#[test]
fn index_follows_renames_and_deletes() {
    let mut store = store_with_people();
    let hit = store.read(|c| search(c, "ke hoach va dau tu", 5)).unwrap().remove(0);
    rename_agency(
        &mut store,
        &AgencyRename {
            agency_id: hit.id.clone(),
            full_name: "Sở Tài chính và Đầu tư".into(),
            short_name: String::new(),
            from: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
        },
    )
    .unwrap();
    // Found by its new name, and still by its old one.
    assert_eq!(titles(&store, "tai chinh va dau tu")[0], "Sở Tài chính và Đầu tư");
    assert_eq!(titles(&store, "ke hoach va dau tu")[0], "Sở Tài chính và Đầu tư");

    let dung = store.read(|c| search(c, "le van dung", 5)).unwrap().remove(0);
    delete_person(&mut store, &dung.id).unwrap();
    assert!(titles(&store, "le van dung").is_empty());
}

#[test]
fn overlong_queries_are_refused_with_a_message_and_repeats_count_once() {
    let store = store_with_people();
    // 2,000 words used to take over 100 s while holding the store.
    let long = "so y te ".repeat(700);
    let err = store.read(|c| search(c, &long, 5)).expect_err("a 2,000-word query is refused");
    assert!(err.message.contains("quá dài"), "{}", err.message);
    let many: String = (0..17).map(|i| format!("tu{i} ")).collect();
    let err = store.read(|c| search(c, &many, 5)).expect_err("17 distinct words are refused");
    assert!(err.message.contains("quá nhiều từ"), "{}", err.message);
    // Repeated words are one term: 40 copies of three words still search.
    let repeated = "so y te ".repeat(20);
    assert!(repeated.chars().count() <= MAX_QUERY_CHARS);
    assert_eq!(titles(&store, &repeated)[0], "Sở Y tế");
}

#[test]
fn a_corrupt_index_row_is_an_error_naming_it() {
    let mut store = store_with_people();
    store
        .write(|tx| {
            tx.execute("UPDATE search_index SET kind = 'alien' WHERE title = 'Sở Y tế'", []).sql()?;
            Ok(())
        })
        .unwrap();
    let err = store.read(|c| search(c, "so y te", 5)).expect_err("an unknown kind is not read as a body");
    assert!(err.message.contains("search_index") && err.message.contains("alien"), "{}", err.message);
}

mod everything {
    use super::super::*;
    use crate::documents::{create_draft, delete_draft, save_draft, Block, DocumentContent, DocumentType, Run};
    use crate::meetings::{add_conclusion, save_notes, ConclusionInput};
    use crate::store::Store;

    fn example(name: &str) -> DocumentContent {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples").join(name);
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn plan(subject: &str, body: &str) -> DocumentContent {
        let mut c = example("thong-bao.json");
        c.doc_type = DocumentType::Plan;
        c.subject = subject.into();
        c.body = vec![Block::Paragraph { runs: vec![Run::plain(body)] }];
        c
    }

    fn q(text: &str) -> SearchQuery {
        SearchQuery { text: text.into(), limit: 20, ..Default::default() }
    }

    fn shown(marks: &[Mark]) -> String {
        marks.iter().map(|m| if m.hit { format!("[{}]", m.text) } else { m.text.clone() }).collect()
    }

    #[test]
    fn documents_are_found_by_subject_and_body_without_diacritics() {
        let mut store = Store::open_in_memory().unwrap();
        let kh = create_draft(
            &mut store,
            &plan(
                "Kế hoạch chuyển đổi số năm 2025",
                "Triển khai hồ sơ sức khỏe điện tử cho toàn dân trên địa bàn tỉnh.",
            ),
        )
        .unwrap();
        create_draft(&mut store, &plan("Kế hoạch cải cách hành chính năm 2025", "Không liên quan.")).unwrap();

        let hits = store.read(|c| search_with(c, &q("ke hoach chuyen doi so 2025"))).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].kind, hits[0].id.as_str()), (SearchKind::Document, kh.id.as_str()));
        assert_eq!(shown(&hits[0].title_marks), "[Kế] [hoạch] [chuyển] [đổi] [số] năm [2025]");
        assert!(hits[0].subtitle.starts_with("Kế hoạch · dự thảo"), "{}", hits[0].subtitle);

        // Words of the body: found, with an excerpt that shows them as written.
        let hits = store.read(|c| search_with(c, &q("ho so suc khoe dien tu"))).unwrap();
        assert_eq!(hits.len(), 1);
        assert!(shown(&hits[0].snippet).contains("[hồ] [sơ] [sức] [khỏe] [điện] [tử]"), "{:?}", hits[0].snippet);

        // A save re-indexes in the same transaction; a deleted draft is gone from the index.
        let mut changed = plan("Kế hoạch chuyển đổi số năm 2025", "Nền tảng bệnh án điện tử.");
        changed.subject = "Kế hoạch chuyển đổi số năm 2025".into();
        save_draft(&mut store, &kh.id, &changed).unwrap();
        assert!(store.read(|c| search_with(c, &q("suc khoe"))).unwrap().is_empty());
        assert_eq!(store.read(|c| search_with(c, &q("benh an"))).unwrap().len(), 1);
        delete_draft(&mut store, &kh.id).unwrap();
        assert!(store.read(|c| search_with(c, &q("benh an"))).unwrap().is_empty());
        assert_eq!(store.read(index::pending_count).unwrap(), 0);
    }

    #[test]
    fn quotes_ask_for_the_exact_phrase_and_filters_narrow_the_match() {
        let mut store = Store::open_in_memory().unwrap();
        create_draft(&mut store, &plan("Về chuyển đổi số", "Số hóa hồ sơ.")).unwrap();
        create_draft(&mut store, &plan("Về số hóa", "Chuyển đổi sang nền tảng số.")).unwrap();
        assert_eq!(store.read(|c| search_with(c, &q("so hoa"))).unwrap().len(), 2);
        let exact = store.read(|c| search_with(c, &q("\"chuyen doi so\""))).unwrap();
        assert_eq!(exact.len(), 1);
        assert_eq!(exact[0].title, "Về chuyển đổi số");
        // "so" in quotes is the word "số", not a prefix of "sóc" or "sơ".
        assert_eq!(store.read(|c| search_with(c, &q("\"ho so\""))).unwrap().len(), 1);

        let year = |y: i32| SearchQuery { year: Some(y), ..q("so hoa") };
        let this_year = store.read(|c| search_with(c, &year(hits_year(c)))).unwrap();
        assert_eq!(this_year.len(), 2);
        assert!(store.read(|c| search_with(c, &year(1999))).unwrap().is_empty());
        let only_people = SearchQuery { kinds: vec![SearchKind::Person], ..q("so hoa") };
        assert!(store.read(|c| search_with(c, &only_people)).unwrap().is_empty());
        let plans = SearchQuery { doc_type: Some(DocumentType::Plan), ..q("so hoa") };
        assert_eq!(store.read(|c| search_with(c, &plans)).unwrap().len(), 2);
        let decisions = SearchQuery { doc_type: Some(DocumentType::Decision), ..q("so hoa") };
        assert!(store.read(|c| search_with(c, &decisions)).unwrap().is_empty());
    }

    #[test]
    fn titles_come_first_then_texts_newest_first_and_pages_do_not_repeat() {
        let mut store = Store::open_in_memory().unwrap();
        let older_text = create_draft(&mut store, &plan("Về tập huấn", "Nói về kho dữ liệu.")).unwrap();
        let titled = create_draft(&mut store, &plan("Kho dữ liệu dùng chung", "Nội dung.")).unwrap();
        let newer_text = create_draft(&mut store, &plan("Về an toàn thông tin", "Sao lưu kho dữ liệu.")).unwrap();
        let all = store.read(|c| search_with(c, &q("kho du lieu"))).unwrap();
        let ids: Vec<&str> = all.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, [titled.id.as_str(), newer_text.id.as_str(), older_text.id.as_str()]);
        let mut paged = Vec::new();
        for offset in 0..4 {
            let page = SearchQuery { limit: 1, offset, ..q("kho du lieu") };
            paged.extend(store.read(|c| search_with(c, &page)).unwrap().into_iter().map(|h| h.id));
        }
        assert_eq!(paged, ids);
        // Earlier words are whole words; only the last one typed is a prefix.
        assert_eq!(store.read(|c| search_with(c, &q("kho du li"))).unwrap().len(), 3);
        assert!(store.read(|c| search_with(c, &q("kh du lieu"))).unwrap().is_empty());
    }

    fn hits_year(c: &Db) -> i32 {
        c.query_row("SELECT CAST(substr(list_date, 1, 4) AS INTEGER) FROM document LIMIT 1", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn meetings_are_found_by_notes_and_conclusions() {
        let (mut store, s, meeting) = crate::meetings::tests::setup();
        save_notes(&mut store, &meeting.id, "Đồng chí Tổ trưởng nhấn mạnh việc số hóa hồ sơ đất đai.").unwrap();
        let _ = &s;
        let agency: Option<String> = Some(
            store.read(|c| c.query_row("SELECT id FROM agency ORDER BY id LIMIT 1", [], |r| r.get(0)).sql()).unwrap(),
        );
        add_conclusion(
            &mut store,
            &meeting.id,
            &ConclusionInput {
                text: "Hoàn thành kho dữ liệu dùng chung của tỉnh.".into(),
                lead_agency_id: agency.clone(),
                coordinating_agency_ids: vec![],
                deadline: None,
            },
        )
        .unwrap();
        let hits = store.read(|c| search_with(c, &q("ho so dat dai"))).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].kind, hits[0].id.as_str()), (SearchKind::Meeting, meeting.id.as_str()));
        assert_eq!(hits[0].year, Some(2024));
        assert!(shown(&hits[0].snippet).contains("[hồ] [sơ] [đất] [đai]"));
        let by_conclusion = store.read(|c| search_with(c, &q("kho du lieu dung chung"))).unwrap();
        assert_eq!(by_conclusion.len(), 1);
        let by_agency = SearchQuery { agency_id: agency, ..q("kho du lieu") };
        assert_eq!(store.read(|c| search_with(c, &by_agency)).unwrap().len(), 1);
        let csv = results_csv(&by_conclusion);
        assert!(csv.starts_with("\u{feff}Loại,Tiêu đề"));
        assert!(csv.contains("Cuộc họp,Cuộc họp Tổ Công tác quý III năm 2024,"), "{csv}");
    }

    #[test]
    fn a_rebuilt_index_is_filled_again_when_the_store_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        {
            let mut store = Store::open(&path).unwrap();
            create_draft(&mut store, &plan("Kế hoạch chuyển đổi số năm 2025", "Nội dung.")).unwrap();
        }
        {
            // As a migration that rebuilds the index leaves it: empty, everything queued, and
            // (as a rebuilt table would) a trigger gone.
            let raw = rusqlite::Connection::open(&path).unwrap();
            raw.execute_batch(
                "DELETE FROM search_index;
                 DELETE FROM search_index_key;
                 INSERT INTO search_index_pending SELECT 'document', id FROM document;
                 DROP TRIGGER search_pending_document_upd;",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.read(|c| search_with(c, &q("chuyen doi so"))).unwrap().len(), 1);
        assert_eq!(store.read(index::pending_count).unwrap(), 0);
        // A missing trigger is put back when the store opens.
        assert!(!store.read(index::triggers_missing).unwrap());
    }
}

#[test]
fn tasks_are_found_by_content_source_and_agency() {
    use crate::followup::{add_task, TaskInput};
    let mut store = Store::open_in_memory().unwrap();
    example_data::load(&mut store, 2024).unwrap();
    let so_y_te: String = store.read(|c| search(c, "so y te", 1)).unwrap().remove(0).id;
    let id = add_task(
        &mut store,
        &TaskInput {
            content: "Triển khai bệnh án điện tử tại bệnh viện tuyến tỉnh".into(),
            lead_agency_id: so_y_te.clone(),
            coordinating_agency_ids: vec![],
            deadline: None,
            priority: Default::default(),
            source_number: "125/UBND-KT".into(),
            source_date: NaiveDate::from_ymd_opt(2024, 10, 2),
            source_directed_by: String::new(),
            source_title: String::new(),
            assigned_on: None,
        },
    )
    .unwrap();
    let hits = store.read(|c| search(c, "benh an dien tu", 10)).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].kind, hits[0].id.as_str()), (SearchKind::Task, id.as_str()));
    assert_eq!(hits[0].subtitle, "Sở Y tế · theo 125/UBND-KT");
    assert_eq!(hits[0].year, Some(2024));
    let by_agency = SearchQuery {
        text: "benh an".into(),
        agency_id: Some(so_y_te),
        kinds: vec![SearchKind::Task],
        limit: 10,
        ..Default::default()
    };
    assert_eq!(store.read(|c| search_with(c, &by_agency)).unwrap().len(), 1);
}

/// Re-indexing a record finds its entry by key, never by reading the whole index (which made
/// every save slower as the years piled up).
#[test]
fn a_record_entry_is_replaced_without_scanning_the_index() {
    let store = store_with_people();
    store
        .read(|c| {
            let plan: Vec<String> = c
                .prepare("EXPLAIN QUERY PLAN SELECT fts_rowid FROM search_index_key WHERE kind = 'person' AND entity_id = 'x'").sql()?
                .query_map([], |r| r.get::<_, String>(3)).sql()?
                .collect::<Result<_, _>>().sql()?;
            assert!(plan.iter().all(|p| p.contains("USING PRIMARY KEY")), "{plan:?}");
            let plan: Vec<String> = c
                .prepare("EXPLAIN QUERY PLAN DELETE FROM search_index WHERE rowid = 1").sql()?
                .query_map([], |r| r.get::<_, String>(3)).sql()?
                .collect::<Result<_, _>>().sql()?;
            // FTS5 is told of the rowid equality (its plan "INDEX 0:="), so it reads one row;
            // a filter on an UNINDEXED column would read them all ("INDEX 0:").
            assert!(plan.iter().all(|p| p.ends_with("VIRTUAL TABLE INDEX 0:=")), "{plan:?}");
            let entries: i64 = c.query_row("SELECT count(*) FROM search_index", [], |r| r.get(0)).sql()?;
            let keys: i64 = c.query_row("SELECT count(*) FROM search_index_key", [], |r| r.get(0)).sql()?;
            assert_eq!(entries, keys);
            Ok(())
        })
        .unwrap();
}
