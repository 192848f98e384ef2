//! Deadlines as Vietnamese offices write them (thời hạn): a date ("trước ngày 31/12/2024"),
//! the end of a period ("quý IV năm 2024", "tháng 10/2024", "6 tháng đầu năm 2025",
//! "năm 2025"), a recurring report ("hằng tháng, trước ngày 25"), or none ("thường xuyên").
//!
//! A deadline keeps what was written — "quý IV năm 2024" stays a quarter, it is not turned
//! into 31/12/2024 and printed as a date — and knows the date it stands for (the period's last
//! day) so that follow-up can tell what is overdue. Text is read diacritics-insensitively
//! ("quy iv nam 2024" reads as "quý IV năm 2024").

use crate::error::{AppError, Result};
use crate::text::{fold, format_date_vi};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use specta::Type;

/// How often a recurring report is due.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Type,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Recurrence {
    Monthly,
    Quarterly,
    Yearly,
}

impl Recurrence {
    pub fn label(self) -> &'static str {
        match self {
            Self::Monthly => "hằng tháng",
            Self::Quarterly => "hằng quý",
            Self::Yearly => "hằng năm",
        }
    }
}

crate::store::stored_names!(Recurrence);

/// A period whose last day is the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "unit", rename_all = "snake_case")]
pub enum Period {
    /// "tháng 10/2024"
    Month { year: i32, month: u32 },
    /// "quý IV năm 2024"
    Quarter { year: i32, quarter: u32 },
    /// "6 tháng đầu năm 2025" (half 1) or "6 tháng cuối năm 2025" (half 2)
    Half { year: i32, half: u32 },
    /// "9 tháng đầu năm 2025"
    NineMonths { year: i32 },
    /// "năm 2025"
    Year { year: i32 },
}

const ROMAN_QUARTERS: [&str; 4] = ["I", "II", "III", "IV"];

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

fn check_year(year: i32) -> Result<()> {
    if crate::text::YEARS.contains(&year) {
        Ok(())
    } else {
        Err(AppError::validation(format!(
            "Năm {year} của thời hạn không hợp lệ: năm phải từ {} đến {}.",
            crate::text::YEARS.start(),
            crate::text::YEARS.end()
        )))
    }
}

impl Period {
    pub fn year(self) -> i32 {
        match self {
            Self::Month { year, .. }
            | Self::Quarter { year, .. }
            | Self::Half { year, .. }
            | Self::NineMonths { year }
            | Self::Year { year } => year,
        }
    }

    fn with_year(self, year: i32) -> Self {
        match self {
            Self::Month { month, .. } => Self::Month { year, month },
            Self::Quarter { quarter, .. } => Self::Quarter { year, quarter },
            Self::Half { half, .. } => Self::Half { year, half },
            Self::NineMonths { .. } => Self::NineMonths { year },
            Self::Year { .. } => Self::Year { year },
        }
    }

    /// Refuses periods that do not exist (month 13, quarter 5…).
    pub fn check(self) -> Result<()> {
        check_year(self.year())?;
        match self {
            Self::Month { month, .. } if !(1..=12).contains(&month) => {
                Err(AppError::validation(format!("Tháng {month} không có thật.")))
            }
            Self::Quarter { quarter, .. } if !(1..=4).contains(&quarter) => {
                Err(AppError::validation(format!("Quý {quarter} không có thật (một năm có 4 quý).")))
            }
            Self::Half { half, .. } if !(1..=2).contains(&half) => {
                Err(AppError::validation("Nửa năm chỉ có 6 tháng đầu năm hoặc 6 tháng cuối năm."))
            }
            _ => Ok(()),
        }
    }

    /// The last day of the period: what "quý IV năm 2024" means as a date (31/12/2024).
    pub fn last_day(self) -> Option<NaiveDate> {
        let (year, month) = match self {
            Self::Month { year, month } => (year, month),
            Self::Quarter { year, quarter } => (year, quarter.checked_mul(3)?),
            Self::Half { year, half } => (year, half.checked_mul(6)?),
            Self::NineMonths { year } => (year, 9),
            Self::Year { year } => (year, 12),
        };
        if !(1..=12).contains(&month) {
            return None;
        }
        last_day_of_month(year, month)
    }

    /// "quý IV năm 2024", "tháng 10/2024", "6 tháng đầu năm 2025", "năm 2025".
    pub fn label(self) -> String {
        match self {
            Self::Month { year, month } => format!("tháng {month}/{year}"),
            Self::Quarter { year, quarter } => {
                let q = ROMAN_QUARTERS.get((quarter as usize).wrapping_sub(1)).copied().unwrap_or("?");
                format!("quý {q} năm {year}")
            }
            Self::Half { year, half } => {
                format!("6 tháng {} năm {year}", if half == 2 { "cuối" } else { "đầu" })
            }
            Self::NineMonths { year } => format!("9 tháng đầu năm {year}"),
            Self::Year { year } => format!("năm {year}"),
        }
    }
}

/// A deadline as written (glossary: `Deadline::{Date, Period, Recurring, Ongoing}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Deadline {
    /// "trước ngày 31/12/2024"
    Date { date: NaiveDate },
    /// The end of a period: "quý IV năm 2024".
    Period { period: Period },
    /// A report due every month / quarter / year, optionally before a day of the period
    /// ("hằng tháng, trước ngày 25"; yearly ones may name the month: "hằng năm, trước ngày 15/12").
    Recurring {
        every: Recurrence,
        #[serde(default)]
        before_day: Option<u32>,
        #[serde(default)]
        before_month: Option<u32>,
    },
    /// "thường xuyên": an ongoing duty, never overdue.
    Ongoing,
}

impl Deadline {
    /// Refuses deadlines that cannot be (a 13th month, "trước ngày 32").
    pub fn check(&self) -> Result<()> {
        match *self {
            Self::Date { date } => crate::text::check_date(date, "Thời hạn"),
            Self::Period { period } => period.check(),
            Self::Recurring { every, before_day, before_month } => {
                if let Some(d) = before_day {
                    if !(1..=31).contains(&d) {
                        return Err(AppError::validation(format!("Ngày {d} không có thật.")));
                    }
                }
                match (every, before_month) {
                    (_, None) => Ok(()),
                    (Recurrence::Yearly, Some(m)) => {
                        let day = before_day
                            .ok_or_else(|| AppError::validation("Hãy ghi ngày trong tháng hạn báo cáo hằng năm."))?;
                        if NaiveDate::from_ymd_opt(2024, m, day).is_none() {
                            return Err(AppError::validation(format!("Ngày {day}/{m} không có thật.")));
                        }
                        Ok(())
                    }
                    (_, Some(_)) => Err(AppError::validation(
                        "Chỉ hạn báo cáo hằng năm mới ghi tháng; hằng tháng, hằng quý chỉ ghi ngày.",
                    )),
                }
            }
            Self::Ongoing => Ok(()),
        }
    }

    /// The date a one-off deadline stands for; `None` for recurring and ongoing ones.
    pub fn due_date(&self) -> Option<NaiveDate> {
        match *self {
            Self::Date { date } => Some(date),
            Self::Period { period } => period.last_day(),
            Self::Recurring { .. } | Self::Ongoing => None,
        }
    }

    /// As printed after "thời hạn:": "trước ngày 31/12/2024", "quý IV năm 2024",
    /// "hằng tháng, trước ngày 25", "thường xuyên".
    pub fn label(&self) -> String {
        match *self {
            Self::Date { date } => format!("trước ngày {}", format_date_vi(date)),
            Self::Period { period } => period.label(),
            Self::Recurring { every, before_day, before_month } => match (before_day, before_month) {
                (Some(d), Some(m)) => format!("{}, trước ngày {d:02}/{m:02}", every.label()),
                (Some(d), None) => format!("{}, trước ngày {d}", every.label()),
                _ => every.label().to_string(),
            },
            Self::Ongoing => "thường xuyên".to_string(),
        }
    }

    /// What the deadline means, in a sentence for the window ("quý IV năm 2024: đến hết
    /// ngày 31/12/2024").
    pub fn meaning(&self) -> String {
        match *self {
            Self::Date { date } => format!("Hạn: {}.", format_date_vi(date)),
            Self::Period { period } => match period.last_day() {
                Some(d) => format!("Hết {}: hạn cuối ngày {}.", period.label(), format_date_vi(d)),
                None => period.label(),
            },
            Self::Recurring { every, .. } => {
                let each = match every {
                    Recurrence::Monthly => "mỗi tháng",
                    Recurrence::Quarterly => "mỗi quý",
                    Recurrence::Yearly => "mỗi năm",
                };
                format!("Báo cáo định kỳ: {}; mỗi kỳ có hạn riêng.", self.label().replacen(every.label(), each, 1))
            }
            Self::Ongoing => "Thường xuyên: không có hạn cuối, không bao giờ quá hạn.".to_string(),
        }
    }

    /// Reads a deadline as people write it. A period or day written without its year is the
    /// first one that has not ended on `reference` (the meeting's date): "quý IV" written on
    /// 05/09/2024 is quý IV năm 2024, "quý I" written then is quý I năm 2025.
    pub fn parse(text: &str, reference: NaiveDate) -> Result<Deadline> {
        let folded = fold(text);
        if folded.is_empty() {
            return Err(AppError::validation("Hãy ghi thời hạn."));
        }
        let toks = tokens(&folded);
        let parsed = parse_tokens(&toks, reference)?.ok_or_else(|| {
            AppError::validation(format!(
                "Chưa hiểu thời hạn “{}”. Hãy ghi theo một trong các cách: 31/12/2024; quý IV năm 2024; \
                 tháng 10/2024; 6 tháng đầu năm 2025; năm 2025; hằng tháng, trước ngày 25; thường xuyên.",
                crate::text::clean(text)
            ))
        })?;
        parsed.check()?;
        Ok(parsed)
    }
}

/// A deadline with what the window shows about it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct DeadlineView {
    pub deadline: Deadline,
    pub label: String,
    pub due_date: Option<NaiveDate>,
    pub meaning: String,
}

impl From<Deadline> for DeadlineView {
    fn from(deadline: Deadline) -> Self {
        Self { label: deadline.label(), due_date: deadline.due_date(), meaning: deadline.meaning(), deadline }
    }
}

/// Parses `text` for the window: the deadline, its label, its date and its meaning.
pub fn parse_deadline(text: &str, reference: NaiveDate) -> Result<DeadlineView> {
    Ok(Deadline::parse(text, reference)?.into())
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    /// Value and number of digits.
    Num(u32, usize),
    Sep,
}

fn tokens(folded: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = folded.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut s = String::new();
            while let Some(&d) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                s.push(d);
                chars.next();
            }
            out.push(Tok::Num(s.parse().unwrap_or(u32::MAX), s.len()));
        } else if c.is_alphabetic() {
            let mut s = String::new();
            while let Some(&d) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                s.push(d);
                chars.next();
            }
            out.push(Tok::Word(s));
        } else {
            if matches!(c, '/' | '-' | '.') {
                out.push(Tok::Sep);
            }
            chars.next();
        }
    }
    out
}

fn word(t: Option<&Tok>, w: &str) -> bool {
    matches!(t, Some(Tok::Word(x)) if x == w)
}

fn num(t: Option<&Tok>) -> Option<(u32, usize)> {
    match t {
        Some(Tok::Num(v, l)) => Some((*v, *l)),
        _ => None,
    }
}

fn sep(t: Option<&Tok>) -> bool {
    matches!(t, Some(Tok::Sep))
}

/// A year written after a period at `i`: "năm 2024", "/2024", "-2024" or "2024".
/// Returns the year and how many tokens it used.
fn year_at(toks: &[Tok], i: usize) -> Option<(i32, usize)> {
    if word(toks.get(i), "nam") {
        if let Some((y, 4)) = num(toks.get(i + 1)) {
            return Some((y as i32, 2));
        }
    }
    if sep(toks.get(i)) {
        if let Some((y, 4)) = num(toks.get(i + 1)) {
            return Some((y as i32, 2));
        }
    }
    if let Some((y, 4)) = num(toks.get(i)) {
        return Some((y as i32, 1));
    }
    None
}

/// The period as written, or the first of its kind that has not ended on `reference`.
fn period_in(p: Period, year: Option<i32>, reference: NaiveDate) -> Period {
    match year {
        Some(y) => p.with_year(y),
        None => {
            let this = p.with_year(reference.year());
            match this.last_day() {
                Some(end) if end < reference => p.with_year(reference.year() + 1),
                _ => this,
            }
        }
    }
}

fn date_of(year: i32, month: u32, day: u32) -> Result<Deadline> {
    NaiveDate::from_ymd_opt(year, month, day)
        .map(|date| Deadline::Date { date })
        .ok_or_else(|| AppError::validation(format!("Ngày {day:02}/{month:02}/{year} không có thật.")))
}

fn date_without_year(month: u32, day: u32, reference: NaiveDate) -> Result<Deadline> {
    let this = date_of(reference.year(), month, day);
    match this {
        Ok(Deadline::Date { date }) if date < reference => date_of(reference.year() + 1, month, day),
        // 29/02 written in a year without it: the next year that has it is not guessed.
        other => other,
    }
}

fn roman_or_number(t: Option<&Tok>) -> Option<u32> {
    match t {
        Some(Tok::Word(w)) => match w.as_str() {
            "i" => Some(1),
            "ii" => Some(2),
            "iii" => Some(3),
            "iv" => Some(4),
            _ => None,
        },
        Some(Tok::Num(v, _)) => Some(*v),
        _ => None,
    }
}

fn parse_tokens(toks: &[Tok], reference: NaiveDate) -> Result<Option<Deadline>> {
    let at = |i: usize| toks.get(i);
    let has_pair = |a: &str, b: &str| (0..toks.len()).any(|i| word(at(i), a) && word(at(i + 1), b));

    // Ongoing.
    if has_pair("thuong", "xuyen") || has_pair("khong", "thoi") || (has_pair("khong", "co") && has_pair("thoi", "han"))
    {
        return Ok(Some(Deadline::Ongoing));
    }

    // Recurring: "hằng/hàng/mỗi/định kỳ tháng|quý|năm", with "ngày N" or "ngày N/M" anywhere.
    for i in 0..toks.len() {
        let lead = word(at(i), "hang") || word(at(i), "moi") || (word(at(i), "ky") && i > 0 && word(at(i - 1), "dinh"));
        if !lead {
            continue;
        }
        let every = if word(at(i + 1), "thang") {
            Recurrence::Monthly
        } else if word(at(i + 1), "quy") {
            Recurrence::Quarterly
        } else if word(at(i + 1), "nam") {
            Recurrence::Yearly
        } else {
            continue;
        };
        let mut before_day = None;
        let mut before_month = None;
        for j in 0..toks.len() {
            if word(at(j), "ngay") {
                if let Some((d, _)) = num(at(j + 1)) {
                    before_day = Some(d);
                    if sep(at(j + 2)) || word(at(j + 2), "thang") {
                        before_month = num(at(j + 3)).map(|(m, _)| m);
                    }
                    break;
                }
            }
        }
        return Ok(Some(Deadline::Recurring { every, before_day, before_month }));
    }

    // A date: d/m/yyyy, yyyy-mm-dd, "ngày d tháng m năm yyyy", or d/m and "ngày d tháng m" without a year.
    for i in 0..toks.len() {
        if let (Some((a, la)), true, Some((b, _)), true, Some((c, lc))) =
            (num(at(i)), sep(at(i + 1)), num(at(i + 2)), sep(at(i + 3)), num(at(i + 4)))
        {
            if la == 4 {
                return date_of(a as i32, b, c).map(Some);
            }
            if lc == 4 {
                return date_of(c as i32, b, a).map(Some);
            }
        }
        if word(at(i), "ngay") && word(at(i + 2), "thang") {
            if let (Some((d, _)), Some((m, _))) = (num(at(i + 1)), num(at(i + 3))) {
                return match year_at(toks, i + 4) {
                    Some((y, _)) => date_of(y, m, d).map(Some),
                    None => date_without_year(m, d, reference).map(Some),
                };
            }
        }
    }
    for i in 0..toks.len() {
        let after_period_word = i > 0 && (word(at(i - 1), "thang") || word(at(i - 1), "quy"));
        if let (Some((d, ld)), true, Some((m, lm))) = (num(at(i)), sep(at(i + 1)), num(at(i + 2))) {
            if !after_period_word && ld <= 2 && lm <= 2 && !sep(at(i + 3)) {
                return date_without_year(m, d, reference).map(Some);
            }
        }
    }

    // Periods.
    for i in 0..toks.len() {
        if word(at(i), "quy") {
            if let Some(q) = roman_or_number(at(i + 1)) {
                let year = year_at(toks, i + 2).map(|(y, _)| y);
                return Ok(Some(Deadline::Period {
                    period: period_in(Period::Quarter { year: 0, quarter: q }, year, reference),
                }));
            }
        }
        if let (Some((n @ (6 | 9), _)), true) = (num(at(i)), word(at(i + 1), "thang")) {
            let mut j = i + 2;
            let second = word(at(j), "cuoi");
            if word(at(j), "dau") || second {
                j += 1;
            }
            let year = year_at(toks, j).map(|(y, _)| y);
            let p = if n == 6 {
                Period::Half { year: 0, half: if second { 2 } else { 1 } }
            } else {
                Period::NineMonths { year: 0 }
            };
            return Ok(Some(Deadline::Period { period: period_in(p, year, reference) }));
        }
        if word(at(i), "thang") {
            if let Some((m, _)) = num(at(i + 1)) {
                let year = year_at(toks, i + 2).map(|(y, _)| y);
                return Ok(Some(Deadline::Period {
                    period: period_in(Period::Month { year: 0, month: m }, year, reference),
                }));
            }
        }
    }
    for i in 0..toks.len() {
        if word(at(i), "nam") {
            if let Some((y, 4)) = num(at(i + 1)) {
                return Ok(Some(Deadline::Period { period: Period::Year { year: y as i32 } }));
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The meeting of 05/09/2024.
    fn on() -> NaiveDate {
        d(2024, 9, 5)
    }

    fn parse(s: &str) -> Deadline {
        Deadline::parse(s, on()).unwrap_or_else(|e| panic!("{s:?}: {}", e.message))
    }

    #[test]
    fn dates_as_written() {
        for s in [
            "31/12/2024",
            "trước ngày 31/12/2024",
            "31-12-2024",
            "31.12.2024",
            "2024-12-31",
            "ngày 31 tháng 12 năm 2024",
            "Truoc ngay 31/12/2024",
        ] {
            assert_eq!(parse(s), Deadline::Date { date: d(2024, 12, 31) }, "{s}");
        }
        assert_eq!(parse("trước ngày 15/10").due_date(), Some(d(2024, 10, 15)));
        // A day already past on the meeting's date is next year's.
        assert_eq!(parse("15/01").due_date(), Some(d(2025, 1, 15)));
        assert_eq!(parse("ngày 20 tháng 11").due_date(), Some(d(2024, 11, 20)));
        assert_eq!(parse("31/12/2024").label(), "trước ngày 31/12/2024");
    }

    #[test]
    fn dates_that_do_not_exist_are_refused() {
        assert_eq!(Deadline::parse("29/02/2025", on()).unwrap_err().message, "Ngày 29/02/2025 không có thật.");
        assert_eq!(parse("29/02/2024").due_date(), Some(d(2024, 2, 29)));
        assert!(Deadline::parse("31/04/2024", on()).is_err());
        assert!(Deadline::parse("tháng 13/2024", on()).unwrap_err().message.contains("Tháng 13"));
        assert!(Deadline::parse("quý 5 năm 2024", on()).unwrap_err().message.contains("Quý 5"));
        assert!(Deadline::parse("hằng tháng, trước ngày 32", on()).is_err());
        assert_eq!(Deadline::parse("  ", on()).unwrap_err().message, "Hãy ghi thời hạn.");
        let err = Deadline::parse("sớm nhất có thể", on()).unwrap_err();
        assert!(err.message.starts_with("Chưa hiểu thời hạn “sớm nhất có thể”"), "{}", err.message);
    }

    #[test]
    fn quarters_and_their_last_days() {
        for (s, q, end) in [
            ("quý I năm 2025", 1, d(2025, 3, 31)),
            ("quý II/2025", 2, d(2025, 6, 30)),
            ("Quý 3 năm 2025", 3, d(2025, 9, 30)),
            ("báo cáo quý IV năm 2024", 4, d(2024, 12, 31)),
            ("quy iv nam 2024", 4, d(2024, 12, 31)),
        ] {
            let got = parse(s);
            assert!(matches!(got, Deadline::Period { period: Period::Quarter { quarter, .. } } if quarter == q), "{s}");
            assert_eq!(got.due_date(), Some(end), "{s}");
        }
        assert_eq!(parse("quý IV năm 2024").label(), "quý IV năm 2024");
        // Written without a year at the meeting of 05/09/2024.
        assert_eq!(parse("báo cáo quý IV").label(), "quý IV năm 2024");
        assert_eq!(parse("quý III").label(), "quý III năm 2024", "quý III has not ended on 05/09");
        assert_eq!(parse("quý II").label(), "quý II năm 2025", "quý II 2024 has ended");
    }

    #[test]
    fn months_halves_and_years() {
        assert_eq!(parse("tháng 10/2024"), Deadline::Period { period: Period::Month { year: 2024, month: 10 } });
        assert_eq!(parse("trong tháng 10 năm 2024").label(), "tháng 10/2024");
        assert_eq!(parse("tháng 10/2024").due_date(), Some(d(2024, 10, 31)));
        // February's last day, leap or not.
        assert_eq!(parse("tháng 2/2024").due_date(), Some(d(2024, 2, 29)));
        assert_eq!(parse("tháng 2/2025").due_date(), Some(d(2025, 2, 28)));
        assert_eq!(parse("tháng 2/2100").due_date(), Some(d(2100, 2, 28)), "2100 is not a leap year");
        assert_eq!(parse("tháng 2/2000").due_date(), Some(d(2000, 2, 29)), "2000 is");
        assert_eq!(parse("tháng 12/2024").due_date(), Some(d(2024, 12, 31)));
        assert_eq!(parse("6 tháng đầu năm 2025").due_date(), Some(d(2025, 6, 30)));
        assert_eq!(parse("6 tháng đầu năm 2025").label(), "6 tháng đầu năm 2025");
        assert_eq!(parse("6 thang cuoi nam 2025").label(), "6 tháng cuối năm 2025");
        assert_eq!(parse("6 tháng cuối năm 2025").due_date(), Some(d(2025, 12, 31)));
        assert_eq!(parse("9 tháng năm 2025").label(), "9 tháng đầu năm 2025");
        assert_eq!(parse("9 tháng đầu năm 2025").due_date(), Some(d(2025, 9, 30)));
        assert_eq!(parse("năm 2025"), Deadline::Period { period: Period::Year { year: 2025 } });
        assert_eq!(parse("trong năm 2025").due_date(), Some(d(2025, 12, 31)));
        // Without a year: the first one not yet ended on 05/09/2024.
        assert_eq!(parse("tháng 10").label(), "tháng 10/2024");
        assert_eq!(parse("tháng 8").label(), "tháng 8/2025");
        assert_eq!(parse("6 tháng đầu năm").label(), "6 tháng đầu năm 2025");
    }

    #[test]
    fn recurring_reports_and_ongoing_duties() {
        assert_eq!(
            parse("hằng tháng"),
            Deadline::Recurring { every: Recurrence::Monthly, before_day: None, before_month: None }
        );
        assert_eq!(parse("hàng tháng").label(), "hằng tháng");
        let monthly = parse("Báo cáo định kỳ hằng tháng, trước ngày 25");
        assert_eq!(
            monthly,
            Deadline::Recurring { every: Recurrence::Monthly, before_day: Some(25), before_month: None }
        );
        assert_eq!(monthly.label(), "hằng tháng, trước ngày 25");
        assert_eq!(monthly.due_date(), None);
        assert_eq!(parse("trước ngày 20 hằng quý").label(), "hằng quý, trước ngày 20");
        assert_eq!(parse("mỗi quý").label(), "hằng quý");
        assert_eq!(parse("hằng năm, trước ngày 15/12").label(), "hằng năm, trước ngày 15/12");
        assert_eq!(parse("hằng năm").label(), "hằng năm");
        assert!(Deadline::parse("hằng tháng, trước ngày 15/12", on()).is_err(), "a month only for yearly reports");
        assert_eq!(parse("Thường xuyên"), Deadline::Ongoing);
        assert_eq!(parse("thuong xuyen").label(), "thường xuyên");
        assert_eq!(parse("không có thời hạn"), Deadline::Ongoing);
        assert_eq!(Deadline::Ongoing.due_date(), None);
    }

    #[test]
    fn every_label_reads_back_as_itself() {
        let all = [
            Deadline::Date { date: d(2024, 2, 29) },
            Deadline::Period { period: Period::Month { year: 2024, month: 10 } },
            Deadline::Period { period: Period::Quarter { year: 2024, quarter: 4 } },
            Deadline::Period { period: Period::Quarter { year: 2025, quarter: 1 } },
            Deadline::Period { period: Period::Half { year: 2025, half: 1 } },
            Deadline::Period { period: Period::Half { year: 2025, half: 2 } },
            Deadline::Period { period: Period::NineMonths { year: 2025 } },
            Deadline::Period { period: Period::Year { year: 2025 } },
            Deadline::Recurring { every: Recurrence::Monthly, before_day: Some(25), before_month: None },
            Deadline::Recurring { every: Recurrence::Quarterly, before_day: None, before_month: None },
            Deadline::Recurring { every: Recurrence::Yearly, before_day: Some(15), before_month: Some(12) },
            Deadline::Ongoing,
        ];
        for dl in all {
            assert_eq!(Deadline::parse(&dl.label(), on()).unwrap(), dl, "{}", dl.label());
        }
    }

    #[test]
    fn stored_as_tagged_json() {
        let q = Deadline::Period { period: Period::Quarter { year: 2024, quarter: 4 } };
        let json = serde_json::to_string(&q).unwrap();
        assert_eq!(json, r#"{"kind":"period","period":{"unit":"quarter","year":2024,"quarter":4}}"#);
        assert_eq!(serde_json::from_str::<Deadline>(&json).unwrap(), q);
        // As migration 0006 writes the old columns.
        let old: Deadline =
            serde_json::from_str(r#"{"kind":"recurring","every":"monthly","before_day":null}"#).unwrap();
        assert_eq!(old, Deadline::Recurring { every: Recurrence::Monthly, before_day: None, before_month: None });
        assert_eq!(serde_json::to_string(&Deadline::Ongoing).unwrap(), r#"{"kind":"ongoing"}"#);
    }

    #[test]
    fn meanings_name_the_date() {
        assert_eq!(parse("quý IV năm 2024").meaning(), "Hết quý IV năm 2024: hạn cuối ngày 31/12/2024.");
        assert_eq!(
            parse("hằng tháng, trước ngày 25").meaning(),
            "Báo cáo định kỳ: mỗi tháng, trước ngày 25; mỗi kỳ có hạn riêng."
        );
    }
}
