//! One search over everything, without diacritics: people, agencies, bodies, meetings (their
//! agenda, notes and conclusions) and documents (number, subject and body text).
//!
//! The FTS5 table `search_index` holds, per record, its display title and subtitle (as typed,
//! with diacritics), filter tokens (`facets`: kind, year, document type and status, agencies)
//! and its terms [`fold`]ed (lower case, no marks, đ→d). The query is folded the same way, so
//! "vo trong phu" finds "Võ Trọng Phú", "dat" finds "Đạt" and "ke hoach chuyen doi so 2025"
//! finds "Kế hoạch chuyển đổi số năm 2025". Each typed word is a prefix match, so "vo tr"
//! already finds him; words in quotes must appear exactly, in that order. Filters are more
//! terms of the same match, so a filter narrows the search inside FTS5 rather than after it.
//! The index is updated inside the same transaction as the record it describes (see
//! [`index`]). Results carry the matched words marked ([`Mark`]) in the title and in a short
//! excerpt of the text.

pub mod bench;
pub mod files;
mod highlight;
pub mod index;

pub use highlight::Mark;
pub(crate) use index::{index_agency, index_body, index_person, remove};

use crate::documents::{DocumentStatus, DocumentType};
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::store::Db;
use crate::text::fold;
use highlight::Terms;
use rusqlite::{params, params_from_iter};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Type,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SearchKind {
    Person,
    Agency,
    Body,
    Meeting,
    Document,
    Task,
    Incoming,
}

impl SearchKind {
    pub const ALL: [SearchKind; 7] =
        [Self::Document, Self::Incoming, Self::Meeting, Self::Task, Self::Person, Self::Agency, Self::Body];

    /// The group's heading in the results.
    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "Cá nhân",
            Self::Agency => "Cơ quan, đơn vị",
            Self::Body => "Ban, tổ, nhóm",
            Self::Meeting => "Cuộc họp",
            Self::Document => "Văn bản",
            Self::Task => "Nhiệm vụ",
            Self::Incoming => "Văn bản đến",
        }
    }
}

crate::store::stored_names!(SearchKind);

/// The kinds of record, with their labels, for the search page's filter.
#[derive(Debug, Clone, Serialize, Type)]
pub struct SearchKindOption {
    pub kind: SearchKind,
    pub label: String,
}

pub fn kind_options() -> Vec<SearchKindOption> {
    SearchKind::ALL.into_iter().map(|kind| SearchKindOption { kind, label: kind.label().to_string() }).collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: String,
    pub title: String,
    pub subtitle: String,
    /// The year a meeting was held or a document is listed under.
    pub year: Option<i32>,
    /// The title with the matched words marked.
    pub title_marks: Vec<Mark>,
    /// A few lines of the record's text around the first matched word; empty when only the
    /// title matched.
    pub snippet: Vec<Mark>,
}

/// What to look for and where.
#[derive(Debug, Clone, Default, Deserialize, Type)]
pub struct SearchQuery {
    pub text: String,
    /// Only these kinds (all when empty).
    #[serde(default)]
    pub kinds: Vec<SearchKind>,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub doc_type: Option<DocumentType>,
    #[serde(default)]
    pub status: Option<DocumentStatus>,
    /// A person of, a meeting with conclusions led by, or the agency itself.
    #[serde(default)]
    pub agency_id: Option<String>,
    pub limit: u32,
    #[serde(default)]
    pub offset: u32,
}

/// The longest query accepted, in characters and in words. Each word is a term that FTS5
/// intersects with the others, so the cost grows with their number; nobody types more than a
/// sentence into a search box.
pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_QUERY_WORDS: usize = 16;

/// The FTS5 terms for what the user typed (to be ANDed), and the words to mark in the results.
/// Typed words are whole words, but the last one, which may still be being typed, is a prefix
/// ("vo tr" finds "Võ Trọng Phú"); words inside double quotes are an exact phrase. Whole words
/// keep the match cheap: a prefix of one or two letters stands for hundreds of words, each
/// with its own list of records. `None` when nothing searchable was typed.
fn parse_query(input: &str) -> Result<Option<(String, Terms)>> {
    if input.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::validation(format!(
            "Nội dung tìm kiếm quá dài (tối đa {MAX_QUERY_CHARS} ký tự). Hãy gõ vài từ đặc trưng nhất."
        )));
    }
    let folded = fold(input);
    let mut terms: Vec<String> = Vec::new();
    let mut marks = Terms::default();
    let chunks: Vec<&str> = folded.split('"').collect();
    // The last word typed outside quotes is the prefix.
    let last_plain = chunks
        .iter()
        .enumerate()
        .filter(|(i, c)| i % 2 == 0 && c.split(|ch: char| !ch.is_alphanumeric()).any(|w| !w.is_empty()))
        .map(|(i, _)| i)
        .next_back();
    for (i, chunk) in chunks.iter().enumerate() {
        let words: Vec<&str> = chunk.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            continue;
        }
        if i % 2 == 1 {
            // Inside quotes: the words exactly, in this order.
            let phrase = format!("\"{}\"", words.join(" "));
            if !terms.contains(&phrase) {
                terms.push(phrase);
            }
            for w in words {
                if !marks.exact.iter().any(|e| e == w) {
                    marks.exact.push(w.to_string());
                }
            }
        } else {
            let n = words.len();
            for (j, w) in words.into_iter().enumerate() {
                let prefix = Some(i) == last_plain && j + 1 == n;
                let term = if prefix { format!("\"{w}\"*") } else { format!("\"{w}\"") };
                if !terms.contains(&term) {
                    terms.push(term);
                    if prefix {
                        marks.prefixes.push(w.to_string());
                    } else if !marks.exact.iter().any(|e| e == w) {
                        marks.exact.push(w.to_string());
                    }
                }
            }
        }
    }
    if terms.len() > MAX_QUERY_WORDS {
        return Err(AppError::validation(format!(
            "Nội dung tìm kiếm có quá nhiều từ (tối đa {MAX_QUERY_WORDS} từ). Hãy gõ vài từ đặc trưng nhất."
        )));
    }
    if terms.is_empty() {
        return Ok(None);
    }
    Ok(Some((terms.join(" AND "), marks)))
}

/// The filter part of the match: every filter is a facet token that must be present.
fn facet_filter(q: &SearchQuery) -> String {
    let mut parts = Vec::new();
    if !q.kinds.is_empty() {
        let kinds: Vec<String> = q.kinds.iter().map(|k| format!("\"{}\"", index::facet_kind(*k))).collect();
        parts.push(format!("facets : ({})", kinds.join(" OR ")));
    }
    if let Some(y) = q.year {
        parts.push(format!("facets : \"{}\"", index::facet_year(y)));
    }
    if let Some(t) = q.doc_type {
        let code = serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        parts.push(format!("facets : \"{}\"", index::facet_word("type", &code)));
    }
    if let Some(s) = q.status {
        parts.push(format!("facets : \"{}\"", index::facet_word("status", s.as_str())));
    }
    if let Some(a) = q.agency_id.as_deref().filter(|a| !a.is_empty()) {
        parts.push(format!("facets : \"{}\"", index::facet_agency(a)));
    }
    parts.join(" AND ")
}

/// Best matches first; names and titles count ten times more than the text.
pub fn search(conn: &Db, input: &str, limit: u32) -> Result<Vec<SearchHit>> {
    search_with(conn, &SearchQuery { text: input.to_string(), limit, ..Default::default() })
}

/// Up to this many records whose title matches are ranked by relevance.
const RANKED_TITLES: u32 = 300;

/// The longest excerpt shown under a result, in words.
const SNIPPET_WORDS: usize = 28;

/// [`search`] with filters and paging.
///
/// Ranking every match costs as much as there are matches, and a common word matches half of
/// ten years of documents. So results come in two tiers: records whose title (a name, a
/// meeting's title, a document's number and subject) holds every word, ranked by relevance
/// when there are at most [`RANKED_TITLES`] of them, else newest first; then records that hold
/// the words in their text, newest first — an order FTS5 reads natively, stopping once the
/// page is full.
pub fn search_with(conn: &Db, q: &SearchQuery) -> Result<Vec<SearchHit>> {
    let Some((terms, marks)) = parse_query(&q.text)? else { return Ok(Vec::new()) };
    let filter = facet_filter(q);
    let with_filter = |e: String| if filter.is_empty() { e } else { format!("{e} AND {filter}") };
    let in_title = with_filter(format!("{{title_terms}} : ({terms})"));
    let anywhere = with_filter(format!("{{title_terms detail_terms}} : ({terms})"));
    let in_text_only = format!("({anywhere}) NOT ({{title_terms}} : ({terms}))");

    type Row = (String, String, String, String, Option<i32>);
    let fetch = |sql: &str, expr: &str, limit: u32, offset: u32| -> Result<Vec<Row>> {
        let mut stmt = conn.prepare_cached(sql).sql()?;
        let args: Vec<rusqlite::types::Value> =
            vec![expr.to_string().into(), i64::from(limit).into(), i64::from(offset).into()];
        let rows = stmt
            .query_map(params_from_iter(args), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .sql()?
            .collect::<Result<Vec<_>, _>>()
            .sql()?;
        Ok(rows)
    };
    // Relevance among a few hundred titles; beyond that (a phrase every year's plan repeats)
    // ranking would cost more than it tells, and the newest come first.
    let many_titles: bool = conn
        .prepare_cached(
            "SELECT count(*) > ?2 FROM (SELECT rowid FROM search_index WHERE search_index MATCH ?1 LIMIT ?2 + 1)",
        )
        .sql()?
        .query_row(params![in_title, RANKED_TITLES], |r| r.get(0))
        .sql()?;
    let mut rows = fetch(
        if many_titles {
            "SELECT kind, entity_id, title, subtitle, year FROM search_index WHERE search_index MATCH ?1
             ORDER BY rowid DESC LIMIT ?2 OFFSET ?3"
        } else {
            "SELECT kind, entity_id, title, subtitle, year FROM search_index WHERE search_index MATCH ?1
             ORDER BY bm25(search_index, 0, 0, 0, 0, 0, 0, 10.0, 1.0), title LIMIT ?2 OFFSET ?3"
        },
        &in_title,
        q.limit,
        q.offset,
    )?;
    if (rows.len() as u32) < q.limit {
        let titled: u32 = if rows.is_empty() || q.offset > 0 {
            let mut stmt =
                conn.prepare_cached("SELECT count(*) FROM search_index WHERE search_index MATCH ?1").sql()?;
            stmt.query_row([&in_title], |r| r.get(0)).sql()?
        } else {
            rows.len() as u32
        };
        let offset = q.offset.saturating_sub(titled);
        rows.extend(fetch(
            "SELECT kind, entity_id, title, subtitle, year FROM search_index WHERE search_index MATCH ?1
             ORDER BY rowid DESC LIMIT ?2 OFFSET ?3",
            &in_text_only,
            q.limit - rows.len() as u32,
            offset,
        )?);
    }
    rows.into_iter()
        .map(|(kind, id, title, subtitle, year)| {
            let kind = SearchKind::parse(&kind).ok_or_else(|| {
                AppError::storage(format!(
                    "Chỉ mục tìm kiếm có dòng hỏng (bảng search_index, bản ghi {id}: loại \"{kind}\" không xác định)."
                ))
            })?;
            let title_marks = highlight::mark(&title, &marks);
            let snippet = highlight::snippet(&index::detail_text(conn, kind, &id)?, &marks, SNIPPET_WORDS);
            Ok(SearchHit { kind, id, title, subtitle, year, title_marks, snippet })
        })
        .collect()
}

/// The results as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the
/// Vietnamese letters right): kind, title, description, year, excerpt.
pub fn results_csv(hits: &[SearchHit]) -> String {
    fn field(s: &str) -> String {
        let s = s.replace(['\r', '\n'], " ");
        if s.contains([',', '"', ';']) || s.starts_with([' ', '=', '+', '-', '@']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    }
    let mut out = String::from("\u{feff}Loại,Tiêu đề,Mô tả,Năm,Trích đoạn\r\n");
    for h in hits {
        let snippet: String = h.snippet.iter().map(|m| m.text.as_str()).collect();
        let year = h.year.map(|y| y.to_string()).unwrap_or_default();
        let row = [h.kind.label(), &h.title, &h.subtitle, &year, &snippet].map(field);
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests;
