//! Dates as Vietnamese users write them (dd/mm/yyyy) and as the store keeps them (ISO).

use chrono::{Datelike, NaiveDate};

/// Accepts `dd/mm/yyyy` (also `d/m/yyyy`, `-` or `.` as separators) and ISO `yyyy-mm-dd`.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let s = input.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return None;
    }
    let day: u32 = parts[0].parse().ok()?;
    let month: u32 = parts[1].parse().ok()?;
    let year: i32 = parts[2].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
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
        assert_eq!(format_date_vi(NaiveDate::from_ymd_opt(2025, 1, 5).unwrap()), "05/01/2025");
    }
}
