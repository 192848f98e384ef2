//! Lists that stay fast for ten years: every list query is served by an index (checked with
//! `EXPLAIN QUERY PLAN`, never by timing), and every foreign key column has an index.

use super::Store;
use crate::documents::store::{list_query, list_where, DocumentFilter, DocumentStatus};
use crate::documents::DocumentType;
use crate::error::Sql;
use crate::meetings::record::list_query as meeting_list_query;
use crate::meetings::MeetingFilter;
use crate::store::Db;
use rusqlite::types::Value;

/// Tables that grow with the years; a full scan of one is a list that slows down every year.
const LARGE: [&str; 5] = ["document", "meeting", "meeting_invitee", "membership", "audit_log"];

fn plan(c: &Db, sql: &str, args: &[Value]) -> Vec<String> {
    let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    stmt.query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3)).unwrap().map(|r| r.unwrap()).collect()
}

/// Fails on a full scan of a large table (a "SCAN t" that uses no index) and, when
/// `ordered`, on a sort the index does not serve (the whole match sorted for every page).
fn assert_indexed(c: &Db, what: &str, sql: &str, args: &[Value], ordered: bool) -> Vec<String> {
    let lines = plan(c, sql, args);
    for line in &lines {
        for t in LARGE {
            let scan = format!("SCAN {t}");
            let full = line == &scan || line.starts_with(&format!("{scan} ")) && !line.contains(" USING ");
            assert!(!full, "{what}: full scan of {t}\n{sql}\n{lines:#?}");
        }
        assert!(!(ordered && line.contains("TEMP B-TREE")), "{what}: the order needs a sort\n{sql}\n{lines:#?}");
    }
    lines
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

#[test]
fn document_lists_use_indexes_for_every_filter_and_the_order() {
    let store = Store::open_in_memory().unwrap();
    store
        .read(|c| {
            for doc_type in [None, Some(DocumentType::Announcement)] {
                for status in [None, Some(DocumentStatus::Issued)] {
                    for year in [None, Some(2025)] {
                        let f = DocumentFilter { doc_type, status, year, offset: 200, limit: Some(100) };
                        let (sql, args) = list_query(&f);
                        let lines = assert_indexed(c, &format!("{f:?}"), &sql, &args, true);
                        if doc_type.is_some() || status.is_some() || year.is_some() {
                            assert!(lines.iter().any(|l| l.starts_with("SEARCH document USING")), "{f:?}: {lines:#?}");
                        }
                        let (clause, args) = list_where(&f);
                        let count = format!("SELECT count(*) FROM document {clause}");
                        assert_indexed(c, &format!("count {f:?}"), &count, &args, false);
                    }
                }
            }
            // The years present: one index lookup per year.
            let years = "SELECT max(list_date) FROM document WHERE list_date < ?1 AND list_date >= '0'";
            let lines = assert_indexed(c, "years", years, &[text("2025")], false);
            assert!(lines.iter().any(|l| l.starts_with("SEARCH document USING COVERING INDEX")), "{lines:#?}");
            // The register: issued documents of a period.
            let register = "SELECT id FROM document WHERE status IN ('issued', 'recalled') AND list_date >= ?1 AND list_date <= ?2";
            let lines = assert_indexed(c, "register", register, &[text("2025-01-01"), text("2025-12-31")], false);
            assert!(lines.iter().any(|l| l.contains("document_list_status")), "{lines:#?}");
            Ok(())
        })
        .unwrap();
}

#[test]
fn numbering_looks_numbers_up_in_the_numbering_indexes() {
    let store = Store::open_in_memory().unwrap();
    store
        .read(|c| {
            let sym = [text("BCĐCĐS"), Value::Integer(2025)];
            for (sql, args, index) in [
                (
                    "SELECT coalesce(max(number), 0) + 1 FROM document
                     WHERE issuer_symbol = ?1 AND series = ?2 AND year = ?3 AND number IS NOT NULL",
                    vec![text("BCĐCĐS"), text("all"), Value::Integer(2025)],
                    "document_number ",
                ),
                (
                    "SELECT id FROM document
                     WHERE issuer_symbol = ?1 AND year = ?2 AND number_symbol = ?3 AND number_symbol IS NOT NULL",
                    vec![sym[0].clone(), sym[1].clone(), text("01/TB-BCĐCĐS")],
                    "document_number_symbol",
                ),
                (
                    "SELECT id FROM document WHERE issuer_symbol = ?1 AND year = ?2 AND number = ?3 AND number IS NOT NULL LIMIT 1",
                    vec![sym[0].clone(), sym[1].clone(), Value::Integer(7)],
                    "document_number_any",
                ),
            ] {
                let lines = assert_indexed(c, index, sql, &args, false);
                let joined = lines.join(" | ");
                assert!(joined.contains("SEARCH document USING") && joined.contains(index), "{sql}: {joined}");
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_meetings_list_uses_indexes() {
    let store = Store::open_in_memory().unwrap();
    store
        .read(|c| {
            for body_id in [None, Some("b1".to_string())] {
                for year in [None, Some(2025)] {
                    let f = MeetingFilter { body_id: body_id.clone(), year, ..Default::default() };
                    let (sql, args) = meeting_list_query(&f);
                    let lines = assert_indexed(c, &format!("{f:?}"), &sql, &args, true);
                    if body_id.is_some() || year.is_some() {
                        assert!(lines.iter().any(|l| l.starts_with("SEARCH m USING")), "{f:?}: {lines:#?}");
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}

/// Every foreign key (of every table, found from the schema) is the leading column(s) of a
/// full (not partial) index or of the primary key: deleting or checking a referenced row, and
/// the pages listing "everything of this person / agency / meeting", look rows up.
#[test]
fn every_foreign_key_column_has_an_index() {
    let store = Store::open_in_memory().unwrap();
    store
        .read(|c| {
            let tables: Vec<String> = c
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .sql()?
                .query_map([], |r| r.get(0))
                .sql()?
                .collect::<Result<_, _>>()
                .sql()?;
            let mut keys = 0;
            let mut missing = Vec::new();
            for t in &tables {
                // (id, seq, from column) of each foreign key
                let fks: Vec<(i64, i64, String)> = c
                    .prepare("SELECT id, seq, \"from\" FROM pragma_foreign_key_list(?1) ORDER BY id, seq")
                    .sql()?
                    .query_map([t], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .sql()?
                    .collect::<Result<_, _>>()
                    .sql()?;
                let mut by_key: std::collections::BTreeMap<i64, Vec<String>> = Default::default();
                for (id, _, col) in fks {
                    by_key.entry(id).or_default().push(col);
                }
                // The leading columns of each full index (the primary key's autoindex included).
                let indexes: Vec<String> = c
                    .prepare("SELECT name FROM pragma_index_list(?1) WHERE partial = 0")
                    .sql()?
                    .query_map([t], |r| r.get(0))
                    .sql()?
                    .collect::<Result<_, _>>()
                    .sql()?;
                let mut leading: Vec<Vec<String>> = Vec::new();
                for i in indexes {
                    leading.push(
                        c.prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")
                            .sql()?
                            .query_map([&i], |r| r.get::<_, Option<String>>(0))
                            .sql()?
                            .map(|r| r.map(|n| n.unwrap_or_default()))
                            .collect::<Result<_, _>>()
                            .sql()?,
                    );
                }
                for cols in by_key.values() {
                    keys += 1;
                    if !leading.iter().any(|l| l.len() >= cols.len() && l[..cols.len()] == cols[..]) {
                        missing.push(format!("{t}({})", cols.join(", ")));
                    }
                }
            }
            assert!(keys >= 20, "the schema's foreign keys were found ({keys})");
            assert!(missing.is_empty(), "foreign keys without an index: {missing:?}");
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_incoming_list_uses_indexes() {
    use crate::incoming::IncomingFilter;
    let store = Store::open_in_memory().unwrap();
    store
        .read(|c| {
            for year in [None, Some(2025)] {
                for sender in [None, Some("a1".to_string())] {
                    for text in ["", "suc khoe"] {
                        let f = IncomingFilter {
                            year,
                            sender_agency_id: sender.clone(),
                            text: text.into(),
                            offset: 100,
                            limit: Some(100),
                        };
                        let (sql, args) = crate::incoming::list_query(&f);
                        let lines = plan(c, &sql, &args);
                        let joined = lines.join(" | ");
                        assert!(!joined.contains("TEMP B-TREE"), "{f:?}: the order needs a sort: {joined}");
                        if year.is_some() || sender.is_some() {
                            assert!(joined.contains("SEARCH d USING"), "{f:?}: {joined}");
                        }
                    }
                }
            }
            // The register and the numbering: one year, by number.
            let lines = plan(
                c,
                "SELECT coalesce(max(incoming_number), 0) + 1 FROM incoming_document WHERE year = ?1",
                &[Value::Integer(2025)],
            );
            assert!(lines.iter().any(|l| l.contains("incoming_number")), "{lines:#?}");
            Ok(())
        })
        .unwrap();
}
