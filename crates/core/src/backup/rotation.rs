//! Which scheduled backups to keep: the newest of each of the last `daily` calendar days, of
//! each of the last `weekly` ISO weeks (Monday to Sunday) and of each of the last `monthly`
//! calendar months, counting the current one; the newest backup is always kept. Manual and
//! pre-migration backups are never pruned here.

use super::*;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
}

/// The names to keep among `backups` (name, when made), as of `now`.
pub fn to_keep(backups: &[(String, NaiveDateTime)], now: NaiveDateTime, keep: &Keep) -> BTreeSet<String> {
    let today = now.date();
    let week_start = |d: NaiveDate| d - Duration::days(d.weekday().num_days_from_monday() as i64);
    let month_index = |d: NaiveDate| d.year() as i64 * 12 + d.month0() as i64;
    let this_week = week_start(today);
    let this_month = month_index(today);

    // The newest backup of each bucket, by index into `backups`.
    let mut newest: BTreeMap<(u8, i64), usize> = BTreeMap::new();
    let later = |i: usize, j: usize| (backups[i].1, &backups[i].0) > (backups[j].1, &backups[j].0);
    for (i, (_, at)) in backups.iter().enumerate() {
        let day = at.date();
        let days_ago = (today - day).num_days();
        if days_ago < 0 {
            continue; // made "in the future" (clock changed): kept below only if newest
        }
        let weeks_ago = (this_week - week_start(day)).num_days() / 7;
        let months_ago = this_month - month_index(day);
        let mut buckets = Vec::new();
        if days_ago < keep.daily as i64 {
            buckets.push((0u8, day.num_days_from_ce() as i64));
        }
        if weeks_ago < keep.weekly as i64 {
            buckets.push((1u8, week_start(day).num_days_from_ce() as i64));
        }
        if months_ago < keep.monthly as i64 {
            buckets.push((2u8, month_index(day)));
        }
        for bucket in buckets {
            let slot = newest.entry(bucket).or_insert(i);
            if later(i, *slot) {
                *slot = i;
            }
        }
    }
    let mut kept: BTreeSet<String> = newest.values().map(|&i| backups[i].0.clone()).collect();
    if let Some((name, _)) = backups.iter().max_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0))) {
        kept.insert(name.clone());
    }
    kept
}

/// Removes the scheduled backups in `dest` that the rules do not keep; returns their names.
pub fn prune_scheduled(dest: &Path, keep: &Keep, now: NaiveDateTime) -> Result<Vec<String>> {
    let scheduled: Vec<(String, NaiveDateTime)> = list_backups(dest)
        .into_iter()
        .filter(|e| e.kind == BackupKind::Scheduled)
        .filter(|e| parse_folder_name(&e.name).is_some_and(|(_, k)| k == BackupKind::Scheduled))
        .map(|e| (e.name, e.created_at))
        .collect();
    let kept = to_keep(&scheduled, now, keep);
    let mut removed = Vec::new();
    for (name, _) in scheduled {
        if kept.contains(&name) {
            continue;
        }
        std::fs::remove_dir_all(dest.join(&name)).map_err(|e| {
            AppError::storage(format!("Không xóa được bản sao lưu cũ {name} khi dọn theo lịch giữ: {e}"))
        })?;
        removed.push(name);
    }
    Ok(removed)
}
