//! Vietnamese text: normalisation of input, diacritic folding for search, and ordering.
//!
//! Why here: every name typed by a user passes through [`clean`] before it is stored, so the
//! database only ever holds NFC text without stray spaces (the PDF layout and the search index
//! both depend on that). Search compares [`fold`]ed text on both sides, because SQLite's
//! `remove_diacritics` does not fold đ/Đ (they have no Unicode decomposition).

mod collate;
mod dates;

pub use collate::{compare_person_names, compare_vi};
pub use dates::{format_date_vi, parse_date};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// NFC, trimmed, with every run of white space collapsed to one space.
pub fn clean(input: &str) -> String {
    let nfc: String = input.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// NFC with white space runs folded to one space, keeping a single space at either end: for
/// runs of text that are joined to their neighbours ("Kết luận " + "**Sở Y tế**").
pub fn clean_keep_edges(input: &str) -> String {
    let nfc: String = input.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    let mut in_space = false;
    for c in nfc.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Like [`clean`], for optional free text: empty after cleaning becomes `None`.
pub fn clean_opt(input: Option<&str>) -> Option<String> {
    input.map(clean).filter(|s| !s.is_empty())
}

/// Lower case, no diacritics, đ→d: "Võ Trọng Phú" → "vo trong phu", "Đạt" → "dat".
pub fn fold(input: &str) -> String {
    let stripped: String = input
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .collect();
    stripped.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_makes_nfc_and_trims() {
        // "Võ" typed as o + combining tilde, with stray spaces.
        let nfd = "  Vo\u{0303}   Tro\u{0323}ng  Phu\u{0301} ";
        let cleaned = clean(nfd);
        assert_eq!(cleaned, "Võ Trọng Phú");
        assert_eq!(cleaned.chars().count(), 12);
        assert_eq!(clean(" \t \n"), "");
        assert_eq!(clean_opt(Some("   ")), None);
        assert_eq!(clean_opt(Some(" Sở Y tế ")), Some("Sở Y tế".to_string()));
    }

    #[test]
    fn fold_removes_marks_and_d_stroke() {
        assert_eq!(fold("Võ Trọng Phú"), "vo trong phu");
        assert_eq!(fold("Đạt"), "dat");
        assert_eq!(fold("Sở Y tế"), "so y te");
        assert_eq!(fold("điện tử"), "dien tu");
        assert_eq!(fold("ƯNG Ơn Ă Â Ê Ô"), "ung on a a e o");
        // NFD input folds the same as NFC input.
        assert_eq!(fold("Vo\u{0303} Tro\u{0323}ng"), "vo trong");
    }
}
