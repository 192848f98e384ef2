//! Marking the words a query matched, in the text as written (with its diacritics).
//!
//! The index holds folded words; the reader wants to see the words they typed found in the
//! original text. A word of the text is a hit when its folded form starts with a typed word
//! (typed words are prefixes) or equals a word of a quoted phrase.

use crate::text::fold;
use serde::Serialize;
use specta::Type;

/// A piece of text, shown marked when `hit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Mark {
    pub text: String,
    pub hit: bool,
}

/// The folded words a query looks for.
#[derive(Debug, Clone, Default)]
pub(crate) struct Terms {
    pub prefixes: Vec<String>,
    pub exact: Vec<String>,
}

impl Terms {
    fn matches(&self, word: &str) -> bool {
        let w = fold(word);
        self.prefixes.iter().any(|p| w.starts_with(p.as_str())) || self.exact.iter().any(|e| &w == e)
    }
}

/// Splits `text` into words and the rest: (is_word, piece).
fn pieces(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_word: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let w = c.is_alphanumeric();
        match in_word {
            Some(prev) if prev != w => {
                out.push((prev, &text[start..i]));
                start = i;
            }
            _ => {}
        }
        in_word = Some(w);
    }
    if let Some(prev) = in_word {
        out.push((prev, &text[start..]));
    }
    out
}

fn push(out: &mut Vec<Mark>, text: &str, hit: bool) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.hit == hit => last.text.push_str(text),
        _ => out.push(Mark { text: text.to_string(), hit }),
    }
}

/// The whole `text`, hits marked.
pub(crate) fn mark(text: &str, terms: &Terms) -> Vec<Mark> {
    let mut out = Vec::new();
    for (is_word, piece) in pieces(text) {
        push(&mut out, piece, is_word && terms.matches(piece));
    }
    out
}

/// About `width` words of `text` around its first hit, lines joined, with "…" where cut.
/// Empty when nothing in `text` matches.
pub(crate) fn snippet(text: &str, terms: &Terms, width: usize) -> Vec<Mark> {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let parts = pieces(&flat);
    let words: Vec<usize> = parts.iter().enumerate().filter(|(_, (w, _))| *w).map(|(i, _)| i).collect();
    let Some(first) = words.iter().position(|&i| terms.matches(parts[i].1)) else { return Vec::new() };
    let from_word = first.saturating_sub(width / 3);
    let to_word = (from_word + width).min(words.len());
    let from = if from_word == 0 { 0 } else { words[from_word] };
    let to = if to_word >= words.len() { parts.len() } else { words[to_word] };
    let mut out = Vec::new();
    if from > 0 {
        push(&mut out, "… ", false);
    }
    for (is_word, piece) in &parts[from..to] {
        push(&mut out, piece, *is_word && terms.matches(piece));
    }
    if to < parts.len() {
        let trimmed = out.last().map(|m| m.text.trim_end().len());
        if let (Some(len), Some(last)) = (trimmed, out.last_mut()) {
            if !last.hit {
                last.text.truncate(len);
            }
        }
        push(&mut out, " …", false);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(prefixes: &[&str], exact: &[&str]) -> Terms {
        Terms {
            prefixes: prefixes.iter().map(|s| s.to_string()).collect(),
            exact: exact.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn shown(marks: &[Mark]) -> String {
        marks.iter().map(|m| if m.hit { format!("[{}]", m.text) } else { m.text.clone() }).collect()
    }

    #[test]
    fn marks_words_as_written() {
        let t = terms(&["chuyen", "doi", "so"], &[]);
        assert_eq!(shown(&mark("Kế hoạch chuyển đổi số năm 2025", &t)), "Kế hoạch [chuyển] [đổi] [số] năm 2025");
        // Adjacent hits stay separate words with the space unmarked between them.
        assert_eq!(mark("đổi số", &t).len(), 3);
        let d = terms(&["dat"], &[]);
        assert_eq!(shown(&mark("Ông Nguyễn Văn Đạt, Sở Y tế", &d)), "Ông Nguyễn Văn [Đạt], Sở Y tế");
    }

    #[test]
    fn exact_words_do_not_match_as_prefixes() {
        let t = terms(&[], &["so"]);
        assert_eq!(shown(&mark("Sở số sổ sóc", &t)), "[Sở] [số] [sổ] sóc");
    }

    #[test]
    fn snippet_centres_on_the_first_hit() {
        let text = (1..=60).map(|i| format!("từ{i}")).collect::<Vec<_>>().join(" ") + " hồ sơ sức khỏe điện tử";
        let t = terms(&["ho", "so", "suc"], &[]);
        let s = shown(&snippet(&text, &t, 12));
        assert!(s.starts_with("… "), "{s}");
        assert!(s.contains("[hồ] [sơ] [sức] khỏe"), "{s}");
        assert!(!s.contains("từ1 "), "{s}");
        assert!(snippet("nothing here", &t, 12).is_empty());
    }

    #[test]
    fn short_text_is_not_cut() {
        let t = terms(&["hop"], &[]);
        assert_eq!(shown(&snippet("Phiên họp\nthường kỳ", &t, 30)), "Phiên [họp] thường kỳ");
    }
}
