//! Plain-text renderings for the terminal.

use secretariat_core::roster::*;
use secretariat_core::search::SearchKind;
use secretariat_core::text::format_date_vi;

/// `--kind` of `search`.
pub fn parse_search_kind(s: &str) -> Result<SearchKind, secretariat_core::AppError> {
    SearchKind::ALL.into_iter().find(|k| format!("{k:?}").eq_ignore_ascii_case(s)).ok_or_else(|| {
        secretariat_core::AppError::validation(format!(
            "Loại \"{s}\" không có. Dùng một trong: document, incoming, meeting, task, person, agency, body."
        ))
    })
}

fn decision(number: &str, date: Option<chrono::NaiveDate>) -> String {
    match (number.is_empty(), date) {
        (true, _) => String::new(),
        (false, Some(d)) => format!("QĐ {number} ngày {}", format_date_vi(d)),
        (false, None) => format!("QĐ {number}"),
    }
}

fn entry_line(e: &RosterEntry) -> String {
    let who = if e.vacant { "(chưa cử người)".to_string() } else { e.person_name.clone() };
    let mut line = who;
    if !e.position.is_empty() {
        line = format!("{line} — {}", e.position);
    }
    let mut detail = vec![format!("từ {}", format_date_vi(e.start_date))];
    if let Some(end) = e.end_date {
        detail.push(format!("thôi từ {}", format_date_vi(end)));
    }
    let dec = decision(&e.decision_number, e.decision_date);
    if !dec.is_empty() {
        detail.push(dec);
    }
    format!("{line} [{}]  {}", detail.join("; "), e.membership_id)
}

/// After a move: the role group of the moved seat, numbered in its new order.
pub fn moved_group(view: &RosterView, membership_id: &str) -> String {
    let Some(group) = view.groups.iter().find(|g| g.entries.iter().any(|e| e.membership_id == membership_id)) else {
        return String::new();
    };
    let mut out = vec![format!("Đã đổi thứ tự. {} — ngày {}:", group.label, format_date_vi(view.as_of))];
    for (i, e) in group.entries.iter().enumerate() {
        out.push(format!("  {}. {}", i + 1, entry_line(e)));
    }
    out.join("\n")
}

pub fn roster(view: &RosterView) -> String {
    let mut out = vec![format!(
        "{} — danh sách ngày {} ({} vị trí, {} chưa cử người)",
        view.body.name,
        format_date_vi(view.as_of),
        view.total,
        view.vacant
    )];
    let mut n = 0;
    for group in &view.groups {
        out.push(String::new());
        out.push(group.label.clone());
        if group.entries.is_empty() {
            out.push("  (không có)".into());
        }
        for e in &group.entries {
            n += 1;
            out.push(format!("  {n}. {}", entry_line(e)));
        }
    }
    out.join("\n")
}

pub fn body_history(h: &BodyHistory) -> String {
    let mut out = vec![format!("{} — lịch sử thành viên", h.body.name)];
    for e in &h.entries {
        out.push(format!("  {}: {}", e.role.label(), entry_line(e)));
    }
    out.join("\n")
}

pub fn agency_line(a: &Agency) -> String {
    let mut line = format!("{}\t{}\t{}", a.full_name, a.short_name, a.kind.label());
    if let (Some(name), Some(on)) = (&a.merged_into_name, a.merged_on) {
        line.push_str(&format!("\tđã sáp nhập vào {name} từ {}", format_date_vi(on)));
    }
    format!("{line}\t{}", a.id)
}

pub fn person_line(p: &Person) -> String {
    let where_ = [p.post.as_str(), p.agency_name.as_deref().unwrap_or("")]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    format!("{}\t{}\t{}", display_name(p.honorific, &p.full_name), where_, p.id)
}

pub fn person_history(h: &PersonHistory) -> String {
    let mut out = vec![display_name(h.person.honorific, &h.person.full_name)];
    if h.entries.is_empty() {
        out.push("  Chưa tham gia tổ chức nào.".into());
    }
    for e in &h.entries {
        let until = e.end_date.map(|d| format!(" đến {}", format_date_vi(d))).unwrap_or_default();
        out.push(format!(
            "  {} — {} ({} {}) từ {}{} {}",
            e.body_name,
            e.role_label,
            e.post,
            e.agency_name,
            format_date_vi(e.start_date),
            until,
            decision(&e.decision_number, e.decision_date)
        ));
    }
    out.join("\n")
}

/// The import preview: one line per row, its errors under it.
pub fn people_preview(p: &secretariat_core::office::PersonImportPreview) -> String {
    let mut lines = vec![format!("{} dòng hợp lệ, {} dòng có lỗi.", p.valid, p.invalid)];
    for r in &p.rows {
        let mark = if r.errors.is_empty() { "✓" } else { "✗" };
        let agency = if r.agency_name.is_empty() { String::new() } else { format!(" — {}", r.agency_name) };
        lines.push(format!("{mark} Dòng {}: {}{agency}", r.row, r.full_name));
        for e in &r.errors {
            lines.push(format!("    {e}"));
        }
    }
    lines.join("\n")
}
