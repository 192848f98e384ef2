//! The app's "today" for follow-up and the home screen: the machine's date, unless
//! `SECRETARIAT_TODAY=YYYY-MM-DD` is set (end-to-end tests move the clock this way; the core
//! never reads a clock, every view takes its date).

use chrono::{Local, NaiveDate};

pub const TODAY_ENV: &str = "SECRETARIAT_TODAY";

fn parse(value: Option<String>) -> Option<NaiveDate> {
    value.and_then(|v| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok())
}

/// Today's date as the app sees it.
pub fn today() -> NaiveDate {
    parse(std::env::var(TODAY_ENV).ok()).unwrap_or_else(|| Local::now().date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_in_the_variable_overrides_the_clock() {
        assert_eq!(parse(Some("2024-11-01".into())), NaiveDate::from_ymd_opt(2024, 11, 1));
        assert_eq!(parse(Some(" 2024-11-01\n".into())), NaiveDate::from_ymd_opt(2024, 11, 1));
        assert_eq!(parse(Some("01/11/2024".into())), None, "only YYYY-MM-DD");
        assert_eq!(parse(None), None);
    }
}
