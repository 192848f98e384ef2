//! Our own line breaking: styled text → lines that fit a width, measured with the font's real
//! advance widths. Lines break at spaces; a long token (a number-symbol such as
//! "1999/TB-BCĐCĐS", a path, a URL) may also break after a "/" when the line would otherwise
//! be left with gaps wider than twice a normal space. A word longer than the line is cut
//! between characters instead of running past the margin. Justification is computed per line
//! ([`justify_extra`]): a line that would need gaps over twice the normal space is set ragged.

use super::fonts::{Fonts, Style};

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub underline: bool,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Self { text: text.into(), style, underline: false }
    }
}

/// A laid-out line: its pieces (spaces included), natural width and number of interior spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub spans: Vec<Span>,
    pub width: f32,
    pub spaces: usize,
    /// The last line of its paragraph (never justified).
    pub last: bool,
}

impl Line {
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// Width of a normal space at `size` (the same in the four faces).
pub fn space_width(fonts: &Fonts, size: f32) -> f32 {
    fonts.width(Style::Regular, " ", size)
}

/// The extra space to add after each interior space so that `line` fills `avail`; zero for a
/// paragraph's last line, a line without spaces, and a line whose gaps would exceed twice the
/// normal space (set ragged instead of stretched).
pub fn justify_extra(fonts: &Fonts, line: &Line, avail: f32, size: f32) -> f32 {
    if line.last || line.spaces == 0 {
        return 0.0;
    }
    let extra = (avail - line.width) / line.spaces as f32;
    if !extra.is_finite() || extra <= 0.0 || extra > space_width(fonts, size) {
        0.0
    } else {
        extra
    }
}

/// True when a line of `width` with `spaces` gaps, justified to `avail`, would have gaps over
/// twice the normal space (or, without gaps, leave more than a space empty).
fn loose(width: f32, spaces: usize, avail: f32, space: f32) -> bool {
    avail - width > spaces.max(1) as f32 * space + 0.001
}

/// Characters that print nothing and are dropped from the layout: controls other than white
/// space, and format characters (soft hyphen, zero-width spaces and joiners, direction marks,
/// byte-order mark).
pub fn is_invisible(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(c, '\u{AD}' | '\u{61C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

#[derive(Debug, Clone)]
struct Word {
    spans: Vec<Span>,
    width: f32,
}

#[derive(Debug, Clone)]
enum Token {
    Word(Word),
    Space(Style, f32),
}

fn tokenize(fonts: &Fonts, spans: &[Span], size: f32) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word: Vec<Span> = Vec::new();
    let mut word_width = 0.0;
    for span in spans {
        let mut piece = String::new();
        for c in span.text.chars().filter(|c| !is_invisible(*c)) {
            if c.is_whitespace() {
                if !piece.is_empty() {
                    word_width += fonts.width(span.style, &piece, size);
                    word.push(Span { text: std::mem::take(&mut piece), style: span.style, underline: span.underline });
                }
                if !word.is_empty() {
                    tokens.push(Token::Word(Word { spans: std::mem::take(&mut word), width: word_width }));
                    word_width = 0.0;
                }
                tokens.push(Token::Space(span.style, fonts.width(span.style, " ", size)));
            } else {
                piece.push(c);
            }
        }
        if !piece.is_empty() {
            word_width += fonts.width(span.style, &piece, size);
            word.push(Span { text: piece, style: span.style, underline: span.underline });
        }
    }
    if !word.is_empty() {
        tokens.push(Token::Word(Word { spans: word, width: word_width }));
    }
    tokens
}

/// Shortest token (in characters) that may break after a "/".
const SLASH_BREAK_MIN_CHARS: usize = 8;

/// Where a long token may break: after a "/" that is not part of "//" and is not followed by a
/// digit (so dates like 05/01/2025 and "V/v" stay whole). Character counts of the head.
fn slash_breaks(word: &Word) -> Vec<usize> {
    let chars: Vec<char> = word.spans.iter().flat_map(|s| s.text.chars()).collect();
    if chars.len() < SLASH_BREAK_MIN_CHARS {
        return Vec::new();
    }
    (1..chars.len())
        .filter(|&k| {
            chars[k - 1] == '/' && (k < 2 || chars[k - 2] != '/') && chars[k] != '/' && !chars[k].is_ascii_digit()
        })
        .collect()
}

/// Splits a word after its `at`-th character.
fn split_word_at(fonts: &Fonts, word: &Word, size: f32, at: usize) -> (Word, Word) {
    let mut head = Word { spans: Vec::new(), width: 0.0 };
    let mut tail = Word { spans: Vec::new(), width: 0.0 };
    let mut seen = 0usize;
    for span in &word.spans {
        let n = span.text.chars().count();
        let cut = at.saturating_sub(seen).min(n);
        let byte = span.text.char_indices().nth(cut).map(|(b, _)| b).unwrap_or(span.text.len());
        let (a, b) = span.text.split_at(byte);
        for (part, into) in [(a, &mut head), (b, &mut tail)] {
            if !part.is_empty() {
                into.width += fonts.width(span.style, part, size);
                into.spans.push(Span { text: part.to_string(), style: span.style, underline: span.underline });
            }
        }
        seen += n;
    }
    (head, tail)
}

/// The longest head of `word`, ending after a "/", that fits in `room`.
fn split_at_slash(fonts: &Fonts, word: &Word, size: f32, room: f32) -> Option<(Word, Word)> {
    slash_breaks(word)
        .into_iter()
        .rev()
        .map(|k| split_word_at(fonts, word, size, k))
        .find(|(head, _)| head.width <= room + 0.001)
}

/// Cuts a word that cannot fit on a line into pieces that do.
fn split_word(fonts: &Fonts, word: &[Span], size: f32, width: f32) -> Vec<(Vec<Span>, f32)> {
    let mut pieces = Vec::new();
    let mut current: Vec<Span> = Vec::new();
    let mut current_width = 0.0;
    for span in word {
        for c in span.text.chars() {
            let w = fonts.width(span.style, c.encode_utf8(&mut [0; 4]), size);
            if current_width + w > width && current_width > 0.0 {
                pieces.push((std::mem::take(&mut current), current_width));
                current_width = 0.0;
            }
            match current.last_mut() {
                Some(last) if last.style == span.style && last.underline == span.underline => last.text.push(c),
                _ => current.push(Span { text: c.to_string(), style: span.style, underline: span.underline }),
            }
            current_width += w;
        }
    }
    if !current.is_empty() {
        pieces.push((current, current_width));
    }
    pieces
}

struct Builder {
    lines: Vec<Line>,
    spans: Vec<Span>,
    width: f32,
    spaces: usize,
    pending_space: Option<(Style, f32)>,
}

impl Builder {
    fn push_span(&mut self, span: Span) {
        match self.spans.last_mut() {
            Some(last) if last.style == span.style && last.underline == span.underline => {
                last.text.push_str(&span.text)
            }
            _ => self.spans.push(span),
        }
    }
    fn add_word(&mut self, word: Vec<Span>, width: f32) {
        if let Some((style, w)) = self.pending_space.take() {
            if !self.spans.is_empty() {
                self.push_span(Span::new(" ", style));
                self.width += w;
                self.spaces += 1;
            }
        }
        for s in word {
            self.push_span(s);
        }
        self.width += width;
    }
    fn finish_line(&mut self) {
        self.lines.push(Line {
            spans: std::mem::take(&mut self.spans),
            width: self.width,
            spaces: self.spaces,
            last: false,
        });
        self.width = 0.0;
        self.spaces = 0;
        self.pending_space = None;
    }
}

/// Breaks `spans` into lines: the first may be `first_width` wide (after an indent), the rest
/// `width`. White space runs count as one space; leading and trailing spaces are dropped.
pub fn break_lines(fonts: &Fonts, spans: &[Span], size: f32, first_width: f32, width: f32) -> Vec<Line> {
    let mut b = Builder { lines: Vec::new(), spans: Vec::new(), width: 0.0, spaces: 0, pending_space: None };
    let avail = |b: &Builder| if b.lines.is_empty() { first_width } else { width };
    let space_w = space_width(fonts, size);
    for token in tokenize(fonts, spans, size) {
        match token {
            Token::Space(style, w) => {
                if !b.spans.is_empty() && b.pending_space.is_none() {
                    b.pending_space = Some((style, w));
                }
            }
            Token::Word(mut word) => loop {
                let space = if b.spans.is_empty() { 0.0 } else { b.pending_space.map(|(_, s)| s).unwrap_or(0.0) };
                let room = avail(&b);
                if b.width + space + word.width <= room + 0.001 {
                    b.add_word(word.spans, word.width);
                    break;
                }
                if !b.spans.is_empty() {
                    // Before leaving this line loose, fill it with the head of a long token.
                    if loose(b.width, b.spaces, room, space_w) {
                        if let Some((head, tail)) = split_at_slash(fonts, &word, size, room - b.width - space) {
                            b.add_word(head.spans, head.width);
                            b.finish_line();
                            word = tail;
                            continue;
                        }
                    }
                    b.finish_line();
                    continue;
                }
                // Alone on its line and still too wide: break after a "/", else between characters.
                if let Some((head, tail)) = split_at_slash(fonts, &word, size, room) {
                    b.add_word(head.spans, head.width);
                    b.finish_line();
                    word = tail;
                    continue;
                }
                let pieces = split_word(fonts, &word.spans, size, width.min(room));
                let count = pieces.len();
                for (i, (piece, pw)) in pieces.into_iter().enumerate() {
                    b.add_word(piece, pw);
                    if i + 1 < count {
                        b.finish_line();
                    }
                }
                break;
            },
        }
    }
    if !b.spans.is_empty() || b.lines.is_empty() {
        b.finish_line();
    }
    if let Some(last) = b.lines.last_mut() {
        last.last = true;
    }
    b.lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::get().unwrap()
    }

    #[test]
    fn lines_fit_and_keep_every_word() {
        let text = "Tổ công tác giúp việc có nhiệm vụ xây dựng, trình Trưởng Ban Chỉ đạo ban hành chương trình, \
                    kế hoạch công tác, kiểm tra hàng năm của Ban Chỉ đạo và tổ chức thực hiện.";
        let lines = break_lines(fonts(), &[Span::new(text, Style::Regular)], 14.0, 200.0, 250.0);
        assert!(lines.len() > 2);
        for (i, l) in lines.iter().enumerate() {
            let limit = if i == 0 { 200.0 } else { 250.0 };
            assert!(l.width <= limit + 0.01, "line {i} is {} wide", l.width);
            let measured: f32 = l.spans.iter().map(|s| fonts().width(s.style, &s.text, 14.0)).sum();
            assert!((measured - l.width).abs() < 0.01);
        }
        let rebuilt: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(rebuilt.join(" "), text.split_whitespace().collect::<Vec<_>>().join(" "));
        assert!(lines.last().unwrap().last && !lines[0].last);
    }

    #[test]
    fn long_unbreakable_strings_are_cut() {
        let url = "https://dichvucong.nghean.gov.vn/thu-tuc-hanh-chinh/chuyen-doi-so/ket-qua-giai-quyet-ho-so-2025";
        let lines = break_lines(fonts(), &[Span::new(format!("Xem tại {url}"), Style::Regular)], 14.0, 150.0, 150.0);
        assert!(lines.len() >= 3);
        assert!(lines.iter().all(|l| l.width <= 150.01));
        let joined: String = lines.iter().map(Line::text).collect::<Vec<_>>().join("");
        assert_eq!(joined.replace(' ', ""), format!("Xemtại{url}"));
    }

    #[test]
    fn styles_inside_a_word_stay_together() {
        let spans = [
            Span::new("Kết luận ", Style::Regular),
            Span::new("Sở", Style::Bold),
            Span::new("Y tế chủ trì", Style::Regular),
        ];
        let lines = break_lines(fonts(), &spans, 14.0, 1000.0, 1000.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "Kết luận SởY tế chủ trì");
        assert_eq!(lines[0].spaces, 5);
        assert_eq!(lines[0].spans[1], Span::new("Sở", Style::Bold));
    }

    #[test]
    fn long_number_symbols_break_after_a_slash_only_when_the_line_would_be_loose() {
        let f = fonts();
        let text = "Thực hiện chức năng, nhiệm vụ được giao tại Quyết định số 1999/TB-BCĐCĐS, Tổ Công tác báo cáo.";
        let lines = break_lines(f, &[Span::new(text, Style::Regular)], 14.0, 432.0, 468.0);
        let first = lines[0].text();
        assert!(first.ends_with("số 1999/"), "{first:?}");
        assert!(lines[1].text().starts_with("TB-BCĐCĐS,"));
        assert_eq!(lines[0].spaces, first.matches(' ').count());
        // Wide enough to hold the token with normal gaps: it stays whole.
        let wide = break_lines(f, &[Span::new(text, Style::Regular)], 14.0, 1000.0, 1000.0);
        assert_eq!(wide.len(), 1);
        // Dates, "V/v" and "//" never break; a lone path breaks after "/" before any cut.
        for t in ["ngày 05/01/2025 và 15/12/2024", "V/v đôn đốc"] {
            let narrow = break_lines(f, &[Span::new(t, Style::Regular)], 14.0, 60.0, 60.0);
            assert!(narrow.iter().all(|l| !l.text().ends_with('/')), "{t}: {narrow:?}");
        }
        let url = "https://dichvucong.nghean.gov.vn/thu-tuc/chuyen-doi-so";
        let lines = break_lines(f, &[Span::new(url, Style::Regular)], 14.0, 200.0, 200.0);
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(texts, ["https://dichvucong.nghean.gov.vn/", "thu-tuc/chuyen-doi-so"]);
    }

    #[test]
    fn over_loose_lines_are_set_ragged() {
        let f = fonts();
        let line = Line { spans: vec![Span::new("a b", Style::Regular)], width: 20.0, spaces: 1, last: false };
        let space = space_width(f, 14.0);
        assert!((justify_extra(f, &line, 20.0 + space, 14.0) - space).abs() < 1e-4, "exactly twice a space");
        assert_eq!(justify_extra(f, &line, 20.0 + space + 0.5, 14.0), 0.0, "over twice: ragged");
        assert_eq!(justify_extra(f, &Line { last: true, ..line.clone() }, 100.0, 14.0), 0.0);
        assert_eq!(justify_extra(f, &line, f32::NAN, 14.0), 0.0);
    }

    #[test]
    fn invisible_characters_are_dropped() {
        let lines =
            break_lines(fonts(), &[Span::new("Kết\u{200B}luận\u{7} họp\u{FEFF}", Style::Regular)], 14.0, 500.0, 500.0);
        assert_eq!(lines[0].text(), "Kếtluận họp");
    }
}
