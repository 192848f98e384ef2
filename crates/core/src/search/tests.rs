use super::*;
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
            tx.execute("UPDATE search_index SET kind = 'alien' WHERE title = 'Sở Y tế'", [])?;
            Ok(())
        })
        .unwrap();
    let err = store.read(|c| search(c, "so y te", 5)).expect_err("an unknown kind is not read as a body");
    assert!(err.message.contains("search_index") && err.message.contains("alien"), "{}", err.message);
}
