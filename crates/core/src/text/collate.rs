//! Vietnamese ordering with ICU4X's collator for the `vi` locale.
//!
//! Vietnamese lists of people are ordered by the given name (the last word), then by the rest
//! of the name; letters follow the Vietnamese alphabet (a ă â b c d đ e ê … o ô ơ … u ư …),
//! which a byte or root-locale comparison gets wrong (it puts "Đạt" before "Dũng").

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale::locale;
use std::cmp::Ordering;
use std::sync::OnceLock;

fn collator() -> Option<&'static CollatorBorrowed<'static>> {
    static COLLATOR: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    COLLATOR.get_or_init(|| Collator::try_new(locale!("vi").into(), CollatorOptions::default()).ok()).as_ref()
}

/// Compares two strings in Vietnamese alphabet order.
pub fn compare_vi(a: &str, b: &str) -> Ordering {
    match collator() {
        Some(c) => c.compare(a, b),
        // The collation data is compiled into the binary, so this branch is not expected;
        // a stable order is still better than a crash.
        None => a.cmp(b),
    }
}

fn split_given(name: &str) -> (&str, &str) {
    let name = name.trim();
    match name.rfind(' ') {
        Some(i) => (&name[i + 1..], name[..i].trim_end()),
        None => (name, ""),
    }
}

/// Orders full names as Vietnamese lists do: given name first, then family and middle names.
pub fn compare_person_names(a: &str, b: &str) -> Ordering {
    let (ga, ra) = split_given(a);
    let (gb, rb) = split_given(b);
    compare_vi(ga, gb).then_with(|| compare_vi(ra, rb)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_alphabet_order() {
        let mut words = vec!["Ý", "Ưng", "Đức", "Dương", "Ơn", "Uyên", "Đạt", "Dũng", "Yến", "Ư", "Ân", "Ăn", "An"];
        words.sort_by(|a, b| compare_vi(a, b));
        assert_eq!(words, vec!["An", "Ăn", "Ân", "Dũng", "Dương", "Đạt", "Đức", "Ơn", "Uyên", "Ư", "Ưng", "Ý", "Yến"]);
    }

    #[test]
    fn names_sort_by_given_name_then_rest() {
        let mut names = vec!["Võ Trọng Phú", "Nguyễn Văn An", "Trần Thị Đào", "Lê Văn Dũng", "Hoàng An"];
        names.sort_by(|a, b| compare_person_names(a, b));
        assert_eq!(names, vec!["Hoàng An", "Nguyễn Văn An", "Lê Văn Dũng", "Trần Thị Đào", "Võ Trọng Phú"]);
    }
}
