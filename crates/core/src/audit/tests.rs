use super::*;
use crate::documents::{self, DocumentContent};
use crate::error::Sql;
use crate::roster::{create_person, delete_person, update_person, Honorific, PersonInput};
use crate::Store;
use chrono::NaiveDate;

fn person(name: &str, post: &str) -> PersonInput {
    PersonInput {
        full_name: name.into(),
        honorific: Honorific::Ba,
        post: post.into(),
        agency_id: None,
        phone: String::new(),
        email: String::new(),
        notes: String::new(),
    }
}

fn entries(store: &Store, f: AuditFilter) -> Vec<AuditEntry> {
    store.read(|c| list(c, &f)).unwrap()
}

fn json(s: &Option<String>) -> serde_json::Value {
    serde_json::from_str(s.as_deref().expect("values recorded")).unwrap()
}

#[test]
fn creating_changing_and_deleting_a_person_leaves_who_when_and_the_values() {
    let mut store = Store::open_in_memory().unwrap();
    let p = create_person(&mut store, &person("Nguyễn Thị Hà", "Chuyên viên")).unwrap();
    update_person(&mut store, &p.id, &person("Nguyễn Thị Hà", "Trưởng phòng")).unwrap();
    // Saving the same values again changes nothing worth a row.
    update_person(&mut store, &p.id, &person("Nguyễn Thị Hà", "Trưởng phòng")).unwrap();
    delete_person(&mut store, &p.id).unwrap();

    let log = entries(
        &store,
        AuditFilter { entity: Some("person".into()), entity_id: Some(p.id.clone()), ..Default::default() },
    );
    let actions: Vec<AuditAction> = log.iter().map(|e| e.action).collect();
    assert_eq!(actions, [AuditAction::Delete, AuditAction::Update, AuditAction::Create], "newest first");
    let (deleted, updated, created) = (&log[0], &log[1], &log[2]);
    assert_eq!(created.user, current_user());
    assert!(created.at.ends_with('Z') && created.at.len() == 24, "{}", created.at);
    assert_eq!(created.before, None);
    assert_eq!(json(&created.after)["post"], "Chuyên viên");
    assert_eq!(json(&updated.before)["post"], "Chuyên viên");
    assert_eq!(json(&updated.after)["post"], "Trưởng phòng");
    assert_eq!(
        updated.changes,
        [AuditChange {
            field: "post".into(),
            label: "Chức vụ".into(),
            before: "Chuyên viên".into(),
            after: "Trưởng phòng".into()
        }]
    );
    assert!(created
        .changes
        .iter()
        .any(|c| c.label == "Họ và tên / tên đầy đủ" && c.before == "—" && c.after == "Nguyễn Thị Hà"));
    assert_eq!(updated.summary, "Nguyễn Thị Hà");
    assert_eq!(updated.action_label, "Sửa");
    assert_eq!(updated.entity_label, "Cá nhân");
    assert_eq!(json(&deleted.before)["full_name"], "Nguyễn Thị Hà");
    assert_eq!(deleted.after, None);
}

#[test]
fn drafting_is_quiet_issuing_and_recalling_are_named() {
    let mut store = Store::open_in_memory().unwrap();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/thong-bao.json"),
    )
    .unwrap();
    let content: DocumentContent = serde_json::from_str(&text).unwrap();
    let draft = documents::create_draft(&mut store, &content).unwrap();
    // Autosave of the body alone (same subject): no row.
    let mut edited = content.clone();
    edited.body.push(documents::Block::Paragraph { runs: vec![documents::Run::plain("Thêm một đoạn.")] });
    documents::save_draft(&mut store, &draft.id, &edited).unwrap();
    documents::save_draft(&mut store, &draft.id, &edited).unwrap();
    let doc_log = |store: &Store| {
        entries(
            store,
            AuditFilter { entity: Some("document".into()), entity_id: Some(draft.id.clone()), ..Default::default() },
        )
    };
    assert_eq!(doc_log(&store).len(), 1, "only the creation");

    let issued =
        documents::issue_document(&mut store, &draft.id, NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), None, false)
            .unwrap();
    documents::recall_document(&mut store, &draft.id, "Ban hành nhầm").unwrap();
    let log = doc_log(&store);
    assert_eq!(log[0].action, AuditAction::Recall);
    assert_eq!(json(&log[0].after)["recall_reason"], "Ban hành nhầm");
    assert_eq!(log[1].action, AuditAction::Issue);
    assert_eq!(log[1].summary, issued.number_symbol.clone().unwrap());
    assert_eq!(json(&log[1].before)["status"], "draft");
    assert_eq!(json(&log[1].after)["status"], "issued");
    assert!(json(&log[1].after).get("pdf").is_none() && json(&log[1].after).get("content").is_none());
}

#[test]
fn the_log_cannot_be_changed_or_deleted() {
    let mut store = Store::open_in_memory().unwrap();
    create_person(&mut store, &person("Lê Văn Dũng", "")).unwrap();
    for sql in ["UPDATE audit_log SET user = 'ai đó'", "DELETE FROM audit_log"] {
        let err = store
            .write(|tx| {
                tx.execute(sql, []).sql()?;
                Ok(())
            })
            .expect_err(sql);
        assert!(err.message.contains("Nhật ký không"), "{}", err.message);
    }
    assert_eq!(entries(&store, AuditFilter::default()).len(), 1);
}

#[test]
fn acts_without_a_row_are_recorded_and_pages_follow_each_other() {
    let mut store = Store::open_in_memory().unwrap();
    for i in 0..5 {
        store
            .write(|tx| {
                record(
                    tx,
                    AuditAction::Export,
                    "document",
                    &format!("d{i}"),
                    "01/TB-BCĐCĐS",
                    Some(serde_json::json!({"to": "tệp PDF"})),
                )
            })
            .unwrap();
    }
    let first =
        entries(&store, AuditFilter { action: Some(AuditAction::Export), limit: Some(2), ..Default::default() });
    assert_eq!(first.iter().map(|e| e.entity_id.as_str()).collect::<Vec<_>>(), ["d4", "d3"]);
    let next = entries(
        &store,
        AuditFilter {
            action: Some(AuditAction::Export),
            limit: Some(2),
            before_id: Some(first[1].id),
            ..Default::default()
        },
    );
    assert_eq!(next.iter().map(|e| e.entity_id.as_str()).collect::<Vec<_>>(), ["d2", "d1"]);
    assert_eq!(next[0].action_label, "Xuất tệp");
    let today = chrono::Utc::now().date_naive();
    let dated = entries(&store, AuditFilter { from: Some(today), to: Some(today), ..Default::default() });
    assert_eq!(dated.len(), 5);
    let tomorrow = today.succ_opt().unwrap();
    assert!(entries(&store, AuditFilter { from: Some(tomorrow), ..Default::default() }).is_empty());
}

/// Every column of every audited table is covered by its update trigger, so a column added by
/// a later migration is never changed silently.
#[test]
fn every_audited_column_is_covered_by_the_triggers() {
    let store = Store::open_in_memory().unwrap();
    store
        .read(|c| {
            let tables = audited_tables(c)?;
            for t in [
                "person",
                "agency",
                "agency_name",
                "body",
                "membership",
                "document",
                "setting",
                "meeting",
                "conclusion",
            ] {
                assert!(tables.iter().any(|x| x == t), "{t} is audited");
            }
            assert!(!tables
                .iter()
                .any(|t| t.starts_with("search_index") || t == "document_revision" || t.starts_with("audit_")));
            for t in tables {
                let (cols, _) = columns(c, &t)?;
                for kind in ["insert", "update", "delete"] {
                    let sql: String = c
                        .query_row(
                            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                            [format!("audit_{t}_{kind}")],
                            |r| r.get(0),
                        )
                        .sql()?;
                    for col in &cols {
                        assert!(sql.contains(&format!("'{col}'")), "trigger audit_{t}_{kind} misses column {col}");
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_filters_use_indexes() {
    let store = Store::open_in_memory().unwrap();
    let day = NaiveDate::from_ymd_opt(2024, 9, 5);
    store
        .read(|c| {
            for (filter, index) in [
                (
                    AuditFilter { entity: Some("person".into()), entity_id: Some("x".into()), ..Default::default() },
                    "audit_log_entity",
                ),
                (AuditFilter { action: Some(AuditAction::Issue), from: day, ..Default::default() }, "audit_log_action"),
                (AuditFilter { user: Some("ha".into()), from: day, ..Default::default() }, "audit_log_user"),
                (AuditFilter { from: day, to: day, ..Default::default() }, "audit_log_at"),
            ] {
                let (sql, args) = list_query(&filter);
                let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).sql()?;
                let plan: Vec<String> = stmt
                    .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))
                    .sql()?
                    .collect::<Result<_, _>>()
                    .sql()?;
                let plan = plan.join(" | ");
                assert!(plan.contains(index), "{filter:?}: {plan}");
            }
            Ok(())
        })
        .unwrap();
}
