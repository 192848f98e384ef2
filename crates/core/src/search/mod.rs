//! Search without diacritics over people, agencies and bodies.
//!
//! The FTS5 table `search_index` holds, per record, its display title and subtitle (as typed,
//! with diacritics) and its terms [`fold`]ed (lower case, no marks, đ→d). The query is folded
//! the same way, so "vo trong phu" finds "Võ Trọng Phú", "dat" finds "Đạt" and "so y te" finds
//! "Sở Y tế". Each word is a prefix match, so typing "vo tr" already finds him. The index is
//! updated inside the same transaction as the record it describes.

use crate::error::{AppError, Result};
use crate::roster::{get_agency, get_body, get_person};
use crate::text::fold;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Person,
    Agency,
    Body,
}

impl SearchKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Agency => "agency",
            Self::Body => "body",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        match s {
            "person" => Some(Self::Person),
            "agency" => Some(Self::Agency),
            "body" => Some(Self::Body),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: String,
    pub title: String,
    pub subtitle: String,
}

fn put(
    conn: &Connection,
    kind: SearchKind,
    id: &str,
    title: &str,
    subtitle: &str,
    title_terms: &str,
    detail_terms: &str,
) -> Result<()> {
    remove(conn, kind.as_str(), id)?;
    conn.execute(
        "INSERT INTO search_index (kind, entity_id, title, subtitle, title_terms, detail_terms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![kind.as_str(), id, title, subtitle, fold(title_terms), fold(detail_terms)],
    )?;
    Ok(())
}

pub(crate) fn remove(conn: &Connection, kind: &str, id: &str) -> Result<()> {
    conn.execute("DELETE FROM search_index WHERE kind = ?1 AND entity_id = ?2", params![kind, id])?;
    Ok(())
}

pub(crate) fn index_person(conn: &Connection, id: &str) -> Result<()> {
    let p = get_person(conn, id)?;
    let agency_names = match &p.agency_id {
        Some(a) => get_agency(conn, a)?
            .names
            .iter()
            .map(|n| format!("{} {}", n.full_name, n.short_name))
            .collect::<Vec<_>>()
            .join(" "),
        None => String::new(),
    };
    let subtitle = [p.post.as_str(), p.agency_name.as_deref().unwrap_or("")]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ");
    let detail = format!("{} {} {} {}", p.post, agency_names, p.email, p.phone);
    put(conn, SearchKind::Person, id, &p.full_name, &subtitle, &p.full_name, &detail)
}

pub(crate) fn index_agency(conn: &Connection, id: &str) -> Result<()> {
    let a = get_agency(conn, id)?;
    let names = a.names.iter().map(|n| format!("{} {}", n.full_name, n.short_name)).collect::<Vec<_>>().join(" ");
    let mut subtitle = a.kind.label().to_string();
    if !a.short_name.is_empty() {
        subtitle = format!("{} · {}", a.short_name, subtitle);
    }
    if let Some(target) = &a.merged_into_name {
        subtitle = format!("{subtitle} · đã sáp nhập vào {target}");
    }
    put(conn, SearchKind::Agency, id, &a.full_name, &subtitle, &names, &a.notes)
}

pub(crate) fn index_body(conn: &Connection, id: &str) -> Result<()> {
    let b = get_body(conn, id)?;
    let subtitle = match b.kind {
        crate::roster::BodyKind::SteeringCommittee => "Ban Chỉ đạo",
        crate::roster::BodyKind::TaskForce => "Tổ Công tác",
        crate::roster::BodyKind::WorkGroup => "Nhóm công tác",
    };
    put(conn, SearchKind::Body, id, &b.name, subtitle, &format!("{} {}", b.name, b.short_name), "")
}

/// The longest query accepted, in characters and in words. Each word is a prefix term that
/// FTS5 intersects with the others, so the cost grows with their number; nobody types more
/// than a sentence into a search box.
pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_QUERY_WORDS: usize = 16;

/// FTS5 query from what the user typed: every folded word (once) as a quoted prefix term.
fn fts_query(input: &str) -> Result<Option<String>> {
    if input.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::validation(format!(
            "Nội dung tìm kiếm quá dài (tối đa {MAX_QUERY_CHARS} ký tự). Hãy gõ vài từ đặc trưng nhất."
        )));
    }
    let folded = fold(input);
    let mut words: Vec<&str> = Vec::new();
    for w in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !words.contains(&w) {
            words.push(w);
        }
    }
    if words.len() > MAX_QUERY_WORDS {
        return Err(AppError::validation(format!(
            "Nội dung tìm kiếm có quá nhiều từ (tối đa {MAX_QUERY_WORDS} từ). Hãy gõ vài từ đặc trưng nhất."
        )));
    }
    let terms: Vec<String> = words.iter().map(|w| format!("\"{w}\"*")).collect();
    Ok((!terms.is_empty()).then(|| terms.join(" ")))
}

/// Best matches first; names count ten times more than details.
pub fn search(conn: &Connection, input: &str, limit: u32) -> Result<Vec<SearchHit>> {
    let Some(query) = fts_query(input)? else { return Ok(Vec::new()) };
    let mut stmt = conn.prepare(
        "SELECT kind, entity_id, title, subtitle FROM search_index
         WHERE search_index MATCH ?1
         ORDER BY bm25(search_index, 0, 0, 0, 0, 10.0, 1.0), title
         LIMIT ?2",
    )?;
    let hits = stmt
        .query_map(params![query, limit], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    hits.into_iter()
        .map(|(kind, id, title, subtitle)| {
            let kind = SearchKind::parse(&kind).ok_or_else(|| {
                AppError::storage(format!(
                    "Chỉ mục tìm kiếm có dòng hỏng (bảng search_index, bản ghi {id}: loại \"{kind}\" không xác định)."
                ))
            })?;
            Ok(SearchHit { kind, id, title, subtitle })
        })
        .collect()
}

#[cfg(test)]
mod tests;
