//! A task's status as of a date, worked out from its deadline and its reports alone: plain
//! functions of their inputs, with the date given (never the machine's clock), so that the
//! same view can be shown for today or for any past day and tested at every boundary.
//!
//! - A one-off deadline (a date, a period's end) is met when a report that completes the task
//!   is dated on or before it: hoàn thành đúng hạn; after it: hoàn thành quá hạn. Not done,
//!   it is quá hạn from the day after the deadline, sắp đến hạn from `due_soon_days` before
//!   it (the deadline day included), else đang thực hiện once the agency has reported, else
//!   chưa đến hạn.
//! - A recurring report yields its own due dates from the day it was given; each is tracked
//!   like a one-off deadline, and the task is as late as its oldest late period. It is never
//!   done as a whole.
//! - "Thường xuyên", or no deadline written: never overdue; đang thực hiện until a report
//!   completes it (then hoàn thành đúng hạn).

use super::types::{Occurrence, TaskStatus};
use crate::deadline::{Deadline, Recurrence};
use chrono::{Datelike, NaiveDate};

/// A report as far as the status is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportFact {
    pub date: NaiveDate,
    pub completes: bool,
    pub occurrence_due: Option<NaiveDate>,
}

/// An extension as far as the status is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtensionFact {
    pub decided_on: NaiveDate,
    pub deadline: Deadline,
}

/// Where a task stands on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub status: TaskStatus,
    pub due_date: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub days_overdue: Option<i32>,
    pub occurrences: Vec<Occurrence>,
}

/// The deadline in force on `as_of`: the latest extension decided by then, else the original.
pub fn deadline_in_force(
    original: Option<Deadline>,
    extensions: &[ExtensionFact],
    as_of: NaiveDate,
) -> (Option<Deadline>, bool) {
    let latest = extensions.iter().filter(|e| e.decided_on <= as_of).max_by_key(|e| e.decided_on);
    match latest {
        Some(e) => (Some(e.deadline), true),
        None => (original, false),
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// Day `day` of a month, or its last day when the month is shorter (or no day is given).
fn day_in(year: i32, month: u32, day: Option<u32>) -> Option<NaiveDate> {
    let last = last_day_of_month(year, month)?;
    match day {
        Some(d) if d < last.day() => NaiveDate::from_ymd_opt(year, month, d),
        _ => Some(last),
    }
}

/// The due dates of a recurring report within `[from, to]`, in order: each month's (the day
/// written, else its last day); each quarter's in its last month; each year's on the day and
/// month written (else 31 December).
pub fn due_dates(
    every: Recurrence,
    before_day: Option<u32>,
    before_month: Option<u32>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let (step, first_month) = match every {
        Recurrence::Monthly => (1, from.month()),
        Recurrence::Quarterly => (3, (from.month() - 1) / 3 * 3 + 3),
        Recurrence::Yearly => (12, before_month.unwrap_or(12)),
    };
    let (mut year, mut month) = (from.year(), first_month);
    // Whatever the input, at most one due date per month for 200 years.
    for _ in 0..2400 {
        let Some(due) = day_in(year, month, before_day) else { break };
        if due > to {
            break;
        }
        if due >= from {
            out.push(due);
        }
        month += step;
        while month > 12 {
            month -= 12;
            year += 1;
        }
    }
    out
}

fn days(d: chrono::TimeDelta) -> i32 {
    i32::try_from(d.num_days()).unwrap_or(i32::MAX)
}

fn first_completion(reports: &[ReportFact], as_of: NaiveDate, occurrence: Option<NaiveDate>) -> Option<NaiveDate> {
    reports
        .iter()
        .filter(|r| r.completes && r.date <= as_of && (occurrence.is_none() || r.occurrence_due == occurrence))
        .map(|r| r.date)
        .min()
}

/// One deadline's standing: done (on time or late), or open (overdue, due soon, in progress,
/// not due).
fn one_off(due: NaiveDate, done_on: Option<NaiveDate>, reported: bool, as_of: NaiveDate, soon: u32) -> Standing {
    let (status, days) = match done_on {
        Some(done) if done <= due => (TaskStatus::DoneOnTime, None),
        Some(done) => (TaskStatus::DoneLate, Some(days(done - due))),
        None if as_of > due => (TaskStatus::Overdue, Some(days(as_of - due))),
        None if (due - as_of).num_days() <= i64::from(soon) => (TaskStatus::DueSoon, None),
        None if reported => (TaskStatus::InProgress, None),
        None => (TaskStatus::NotDue, None),
    };
    Standing { status, due_date: Some(due), done_on, days_overdue: days, occurrences: vec![] }
}

/// Where a task given on `assigned_on` with `deadline` (in force) stands on `as_of`, given its
/// reports (any date; those after `as_of` are not yet known then).
pub fn standing(
    deadline: Option<Deadline>,
    assigned_on: NaiveDate,
    reports: &[ReportFact],
    as_of: NaiveDate,
    due_soon_days: u32,
) -> Standing {
    let reported = reports.iter().any(|r| r.date <= as_of);
    match deadline {
        Some(Deadline::Recurring { every, before_day, before_month }) => {
            // Every period due up to the horizon, and the next one after it.
            let horizon = as_of + chrono::Days::new(u64::from(due_soon_days));
            let far = as_of + chrono::Days::new(u64::from(due_soon_days) + 400);
            let all = due_dates(every, before_day, before_month, assigned_on, far);
            let mut dues: Vec<NaiveDate> = all.iter().copied().take_while(|d| *d <= horizon).collect();
            dues.extend(all.iter().copied().find(|d| *d > horizon));
            let mut occurrences = Vec::new();
            for due in dues {
                let done_on = first_completion(reports, as_of, Some(due));
                let s = one_off(due, done_on, false, as_of, due_soon_days);
                occurrences.push(Occurrence {
                    due_date: due,
                    status: s.status,
                    status_label: s.status.label().to_string(),
                    done_on,
                });
            }
            let oldest_late = occurrences.iter().find(|o| o.status == TaskStatus::Overdue);
            let soon = occurrences.iter().find(|o| o.status == TaskStatus::DueSoon);
            let next_open = occurrences.iter().find(|o| !o.status.is_done());
            let (status, due_date, days) = match (oldest_late, soon) {
                (Some(o), _) => (TaskStatus::Overdue, Some(o.due_date), Some(days(as_of - o.due_date))),
                (None, Some(o)) => (TaskStatus::DueSoon, Some(o.due_date), None),
                (None, None) => (
                    if reported { TaskStatus::InProgress } else { TaskStatus::NotDue },
                    next_open.map(|o| o.due_date),
                    None,
                ),
            };
            Standing { status, due_date, done_on: None, days_overdue: days, occurrences }
        }
        Some(d @ (Deadline::Date { .. } | Deadline::Period { .. })) => match d.due_date() {
            Some(due) => one_off(due, first_completion(reports, as_of, None), reported, as_of, due_soon_days),
            None => open_ended(reports, as_of),
        },
        Some(Deadline::Ongoing) | None => open_ended(reports, as_of),
    }
}

/// "Thường xuyên" or no deadline: never overdue.
fn open_ended(reports: &[ReportFact], as_of: NaiveDate) -> Standing {
    let done_on = first_completion(reports, as_of, None);
    Standing {
        status: if done_on.is_some() { TaskStatus::DoneOnTime } else { TaskStatus::InProgress },
        due_date: None,
        done_on,
        days_overdue: None,
        occurrences: vec![],
    }
}
