//! Our own line breaking: styled text → lines that fit a width, measured with the font's real
//! advance widths. A word longer than the line is cut between characters instead of running
//! past the margin. Justification is computed per line (extra space after each interior space).

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

#[derive(Debug, Clone)]
enum Token {
    Word(Vec<Span>, f32),
    Space(Style, f32),
}

fn tokenize(fonts: &Fonts, spans: &[Span], size: f32) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word: Vec<Span> = Vec::new();
    let mut word_width = 0.0;
    for span in spans {
        let mut piece = String::new();
        for c in span.text.chars() {
            if c.is_whitespace() {
                if !piece.is_empty() {
                    word_width += fonts.width(span.style, &piece, size);
                    word.push(Span { text: std::mem::take(&mut piece), style: span.style, underline: span.underline });
                }
                if !word.is_empty() {
                    tokens.push(Token::Word(std::mem::take(&mut word), word_width));
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
        tokens.push(Token::Word(word, word_width));
    }
    tokens
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
    for token in tokenize(fonts, spans, size) {
        match token {
            Token::Space(style, w) => {
                if !b.spans.is_empty() && b.pending_space.is_none() {
                    b.pending_space = Some((style, w));
                }
            }
            Token::Word(word, w) => {
                let space = if b.spans.is_empty() { 0.0 } else { b.pending_space.map(|(_, s)| s).unwrap_or(0.0) };
                if b.width + space + w <= avail(&b) + 0.001 {
                    b.add_word(word, w);
                    continue;
                }
                if !b.spans.is_empty() {
                    b.finish_line();
                }
                if w <= avail(&b) + 0.001 {
                    b.add_word(word, w);
                } else {
                    let pieces = split_word(fonts, &word, size, width.min(avail(&b)));
                    let count = pieces.len();
                    for (i, (piece, pw)) in pieces.into_iter().enumerate() {
                        b.add_word(piece, pw);
                        if i + 1 < count {
                            b.finish_line();
                        }
                    }
                }
            }
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
}
