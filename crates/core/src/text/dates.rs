//! Dates as Vietnamese users write them (dd/mm/yyyy) and as the store keeps them (ISO).

use crate::error::{AppError, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// The years a record may be dated in. Nothing this office keeps is older than 1900 or later
/// than 2100; a year outside is a typing slip (year 0, "20244"), never a real date.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Refuses a date outside [`YEARS`], naming the field ("Ngày ban hành").
pub fn check_date(d: NaiveDate, field: &str) -> Result<()> {
    if YEARS.contains(&d.year()) {
        Ok(())
    } else {
        Err(AppError::validation(format!(
            "{field} {} không hợp lệ: năm phải từ {} đến {}.",
            format_date_vi(d),
            YEARS.start(),
            YEARS.end()
        )))
    }
}

/// [`check_date`] for an optional date.
pub fn check_date_opt(d: Option<NaiveDate>, field: &str) -> Result<()> {
    d.map_or(Ok(()), |d| check_date(d, field))
}

/// [`check_date`] for a date and time.
pub fn check_datetime(t: NaiveDateTime, field: &str) -> Result<()> {
    check_date(t.date(), field)
}

/// Accepts `dd/mm/yyyy` (also `d/m/yyyy`, `-` or `.` as separators) and ISO `yyyy-mm-dd`.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let s = input.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return YEARS.contains(&d.year()).then_some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return None;
    }
    let day: u32 = parts[0].parse().ok()?;
    let month: u32 = parts[1].parse().ok()?;
    let year: i32 = parts[2].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day).filter(|d| YEARS.contains(&d.year()))
}

/// `05/01/2025`: the form shown in tables and messages.
pub fn format_date_vi(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_vietnamese_and_iso_dates() {
        let d = NaiveDate::from_ymd_opt(2024, 5, 15).unwrap();
        assert_eq!(parse_date("15/05/2024"), Some(d));
        assert_eq!(parse_date(" 15/5/2024 "), Some(d));
        assert_eq!(parse_date("15.05.2024"), Some(d));
        assert_eq!(parse_date("2024-05-15"), Some(d));
        assert_eq!(parse_date("31/02/2024"), None);
        assert_eq!(parse_date("15/05/24"), None);
        assert_eq!(parse_date("hôm qua"), None);
        assert_eq!(parse_date("15/05/0000"), None);
        assert_eq!(parse_date("0000-05-15"), None);
        assert_eq!(parse_date("01/01/2101"), None);
        assert_eq!(parse_date("01/01/1900"), NaiveDate::from_ymd_opt(1900, 1, 1));
        let year0 = NaiveDate::from_ymd_opt(0, 5, 15).unwrap();
        let err = check_date(year0, "Ngày ban hành").unwrap_err();
        assert!(err.message.starts_with("Ngày ban hành 15/05/0 không hợp lệ"), "{}", err.message);
        assert!(check_date(d, "Ngày").is_ok());
        assert!(check_date_opt(None, "Ngày").is_ok());
        assert_eq!(format_date_vi(NaiveDate::from_ymd_opt(2025, 1, 5).unwrap()), "05/01/2025");
    }
}
