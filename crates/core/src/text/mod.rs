//! Vietnamese text: normalisation of input, diacritic folding for search, and ordering.
//!
//! Why here: every name typed by a user passes through [`clean`] before it is stored, so the
//! database only ever holds NFC text without stray spaces (the PDF layout and the search index
//! both depend on that). Search compares [`fold`]ed text on both sides, because SQLite's
//! `remove_diacritics` does not fold đ/Đ (they have no Unicode decomposition).

mod collate;
mod dates;

pub use collate::{compare_person_names, compare_vi};
pub use dates::{check_date, check_date_opt, check_datetime, format_date_vi, parse_date, YEARS};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Characters that must never be stored: C0/C1 controls other than white space, the
/// bidirectional controls (which reorder what a reader sees) and zero-width characters
/// (invisible on screen, printed as gaps or bars in a PDF), the BOM and the soft hyphen.
pub fn is_invisible(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}')
}

/// NFC without the characters [`is_invisible`] names; line breaks and tabs are kept.
fn scrub(input: &str) -> String {
    input.nfc().filter(|c| !is_invisible(*c)).collect()
}

/// NFC, trimmed, with every run of white space collapsed to one space, and no invisible or
/// control characters.
pub fn clean(input: &str) -> String {
    scrub(input).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// For text typed over several lines and saved while typing (a meeting's notes): NFC, no
/// invisible or control characters, Windows line ends made `\n`; spaces, lines and
/// indentation are kept as typed (a space just typed at the end must not vanish on autosave).
pub fn clean_multiline(input: &str) -> String {
    scrub(&input.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Text safe to print on a terminal: controls (but line breaks and tabs) and invisible
/// characters shown as `\u{…}`
/// escapes instead of being sent raw (an ESC sequence stored in a name must not drive the
/// terminal of the person listing it).
pub fn for_terminal(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        if c != '\n' && c != '\t' && (is_invisible(c) || c.is_control()) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// NFC with white space runs folded to one space, keeping a single space at either end: for
/// runs of text that are joined to their neighbours ("Kết luận " + "**Sở Y tế**").
pub fn clean_keep_edges(input: &str) -> String {
    let nfc = scrub(input);
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
    fn clean_removes_controls_bidi_and_zero_width_marks() {
        assert_eq!(clean("Sở\u{200B} Y\u{200D} tế\u{202E}"), "Sở Y tế");
        assert_eq!(clean("\u{FEFF}Võ\u{0007} Trọng\u{001B}[31m Phú\u{0085}"), "Võ Trọng[31m Phú");
        assert_eq!(clean("a\u{00AD}b\u{2066}c\u{2069}"), "abc");
        assert_eq!(clean_keep_edges(" Kết\u{200F} luận "), " Kết luận ");
        // Vietnamese letters, punctuation and emoji are not "invisible".
        assert_eq!(clean("Đ ư ơ “x” – 😀"), "Đ ư ơ “x” – 😀");
    }

    #[test]
    fn multiline_keeps_lines_but_not_controls() {
        assert_eq!(clean_multiline("Dòng 1  \r\n  Dòng\u{200B} 2\u{0000}\n\nHết "), "Dòng 1  \n  Dòng 2\n\nHết ");
        assert_eq!(clean_multiline("Vo\u{0303}"), "Võ");
    }

    #[test]
    fn terminal_text_shows_escapes_instead_of_raw_controls() {
        assert_eq!(for_terminal("A\u{001B}[2JB"), "A\\u{001B}[2JB");
        assert_eq!(for_terminal("x\u{202E}y\nz"), "x\\u{202E}y\nz");
        assert_eq!(for_terminal("Võ Trọng Phú"), "Võ Trọng Phú");
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
