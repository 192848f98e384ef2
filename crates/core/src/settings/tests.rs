//! Issuing bodies in the settings: defaults, settings saved by earlier versions, validation.

use super::*;
use crate::documents::{create_draft, get_document, DocumentContent, DocumentType};
use crate::error::ErrorCode;
use crate::error::Sql;

fn put_raw(store: &mut Store, json: &str) {
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO setting (key, value, updated_at) VALUES ('documents', ?1, '2024-01-01T00:00:00Z')",
                [json],
            )
            .sql()?;
            Ok(())
        })
        .unwrap();
}

const OLD: &str = r#"{
  "issuer": {"parent_body": "UBND tỉnh Nghệ An", "issuing_body": "Tổ Công tác giúp việc Ban Chỉ đạo",
             "symbol": "BCĐCĐS", "unit_symbol": "VP", "place": "Nghệ An"},
  "numbering": "one_series",
  "margins": {"top": 20.0, "bottom": 22.0, "left": 30.0, "right": 15.0},
  "default_signers": [{"authority": "tm", "on_behalf_of": "Tổ Công tác", "titles": ["Tổ trưởng"], "name": "Võ Trọng Phú"}]
}"#;

#[test]
fn the_defaults_are_the_three_bodies_with_one_default_per_type() {
    let s = DocumentSettings::default();
    let ids: Vec<&str> = s.authorities.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, [STEERING_COMMITTEE, TASK_FORCE, HOST_DEPARTMENT]);
    for t in DocumentType::ALL {
        assert_eq!(s.authorities.iter().filter(|a| a.default_for.contains(&t)).count(), 1, "{t:?}");
    }
    assert_eq!(s.default_authority(DocumentType::Announcement).unwrap().symbol, "TCT");
    assert_eq!(s.default_authority(DocumentType::Decision).unwrap().symbol, "BCĐCĐS");
    let dept = s.authority(HOST_DEPARTMENT).unwrap();
    assert!(dept.external_numbers && !dept.collective && dept.roster_body_kind.is_none());
    assert_eq!(s.authority(TASK_FORCE).unwrap().archive(), "VT, TCT");
    assert_eq!(s.authority(STEERING_COMMITTEE).unwrap().archive(), "VT, TCT");
    assert_eq!(s.authority("nothing").unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn settings_saved_with_one_issuer_still_load_and_keep_issuing_as_before() {
    let mut store = Store::open_in_memory().unwrap();
    put_raw(&mut store, OLD);
    let s = store.read(document_settings).unwrap();
    assert_eq!(s.numbering, Numbering::OneSeries);
    assert_eq!(s.margins.bottom, 22.0);
    assert_eq!(s.authorities.len(), 3);
    // The old issuer became the entry with its symbol, with what the secretary had typed.
    let a = s.authority(STEERING_COMMITTEE).unwrap();
    assert_eq!(a.name, "Tổ Công tác giúp việc Ban Chỉ đạo");
    assert_eq!(a.unit_symbol, "VP");
    // Every type still defaults to it, as every document did.
    for t in DocumentType::ALL {
        assert_eq!(s.default_authority(t).unwrap().id, STEERING_COMMITTEE, "{t:?}");
    }
    // An old draft (no body named) takes that default.
    let old_draft: DocumentContent = serde_json::from_str(
        r#"{"doc_type": "announcement", "subject": "Kết luận", "body": [], "signers": [], "recipients": []}"#,
    )
    .unwrap();
    assert_eq!(old_draft.authority_id, "");
    let doc = create_draft(&mut store, &old_draft).unwrap();
    assert_eq!(doc.content.authority_id, STEERING_COMMITTEE);
    // A stored draft without the field, as an earlier version wrote it.
    store
        .write(|tx| {
            tx.execute("UPDATE document SET content = json_remove(content, '$.authority_id') WHERE id = ?1", [&doc.id])
                .sql()?;
            Ok(())
        })
        .unwrap();
    assert_eq!(store.read(|c| get_document(c, &doc.id)).unwrap().content.authority_id, STEERING_COMMITTEE);
    // Saving writes the new form, which loads the same.
    let saved = save_document_settings(&mut store, &s).unwrap();
    assert_eq!(saved, store.read(document_settings).unwrap());
    assert_eq!(saved.authorities, s.authorities);
}

#[test]
fn an_old_issuer_of_its_own_becomes_a_new_first_entry() {
    let mut store = Store::open_in_memory().unwrap();
    put_raw(&mut store, &OLD.replace("\"BCĐCĐS\"", "\"UBND\""));
    let s = store.read(document_settings).unwrap();
    assert_eq!(s.authorities.len(), 4);
    assert_eq!(s.authorities[0].symbol, "UBND");
    assert_eq!(s.authorities[0].name, "Tổ Công tác giúp việc Ban Chỉ đạo");
    assert!(!s.authorities[0].id.is_empty());
    assert_eq!(s.default_authority(DocumentType::Plan).unwrap().symbol, "UBND");
    // Its id is kept once saved, so that drafts naming it keep finding it.
    let saved = save_document_settings(&mut store, &s).unwrap();
    assert_eq!(store.read(document_settings).unwrap().authorities[0].id, saved.authorities[0].id);
}

#[test]
fn bodies_are_checked_when_saved() {
    let mut store = Store::open_in_memory().unwrap();
    let good = store.read(document_settings).unwrap();
    let refused = |store: &mut Store, s: &DocumentSettings| save_document_settings(store, s).unwrap_err().message;

    let mut s = good.clone();
    s.authorities[2].symbol = "bcđcđs".into();
    assert!(refused(&mut store, &s).contains("trùng ký hiệu"), "{}", refused(&mut store, &s));
    let mut s = good.clone();
    s.authorities[2].default_for.push(DocumentType::Announcement);
    assert_eq!(
        refused(&mut store, &s),
        "Thông báo chỉ có một cơ quan ban hành mặc định (đang chọn: Tổ Công tác giúp việc, Sở Thông tin và Truyền thông)."
    );
    let mut s = good.clone();
    s.authorities[1].head_title = " ".into();
    assert!(refused(&mut store, &s).contains("chức danh người đứng đầu"));
    let mut s = good.clone();
    s.authorities[0].roster_body_id = Some("no-such-body".into());
    assert!(refused(&mut store, &s).contains("không còn tồn tại"));
    let mut s = good.clone();
    s.authorities.clear();
    assert_eq!(refused(&mut store, &s), "Cần ít nhất một cơ quan ban hành.");
    // A new body gets an id; names are cleaned.
    let mut s = good.clone();
    s.authorities.push(IssuingAuthority {
        id: String::new(),
        name: "  Sở   Nội vụ ".into(),
        symbol: "SNV".into(),
        default_for: vec![],
        ..good.authorities[2].clone()
    });
    let saved = save_document_settings(&mut store, &s).unwrap();
    assert_eq!(saved.authorities[3].name, "Sở Nội vụ");
    assert_eq!(saved.authorities[3].id.len(), 36);
}

#[test]
fn roster_bodies_are_found_by_kind_until_one_is_chosen() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.read(document_settings).unwrap().authorities[1].roster_body_id, None, "no roster yet");
    let example = crate::example_data::load(&mut store, 2024).unwrap();
    let s = store.read(document_settings).unwrap();
    assert_eq!(s.authorities[0].roster_body_id.as_deref(), Some(example.steering_committee_id.as_str()));
    assert_eq!(s.authorities[1].roster_body_id.as_deref(), Some(example.task_force_id.as_str()));
    assert_eq!(s.authorities[2].roster_body_id, None);
}
