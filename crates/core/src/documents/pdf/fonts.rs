//! The embedded font (Liberation Serif, Times New Roman metrics, OFL) and its measurements.
//!
//! Widths come from the font's own advance widths, truncated to 1/1000 em exactly as printpdf
//! writes them into the PDF's width array, so a justified line measured here ends exactly at
//! the margin in the PDF.

use crate::error::{AppError, Result};
use printpdf::ParsedFont;
use std::sync::OnceLock;

const REGULAR: &[u8] = include_bytes!("../../../../../assets/fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../../../assets/fonts/LiberationSerif-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../../../../assets/fonts/LiberationSerif-Italic.ttf");
const BOLD_ITALIC: &[u8] = include_bytes!("../../../../../assets/fonts/LiberationSerif-BoldItalic.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub fn of(bold: bool, italic: bool) -> Self {
        match (bold, italic) {
            (false, false) => Self::Regular,
            (true, false) => Self::Bold,
            (false, true) => Self::Italic,
            (true, true) => Self::BoldItalic,
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
    pub fn bold(self) -> bool {
        matches!(self, Self::Bold | Self::BoldItalic)
    }
    pub fn italic(self) -> bool {
        matches!(self, Self::Italic | Self::BoldItalic)
    }
}

pub struct Face {
    pub parsed: ParsedFont,
    units_per_em: u32,
}

impl Face {
    fn load(bytes: &[u8]) -> Option<Self> {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let units_per_em = u32::from(parsed.font_metrics.units_per_em).max(1);
        Some(Self { parsed, units_per_em })
    }

    /// Advance of one character in 1/1000 em, truncated as in the PDF's width array.
    pub fn milli(&self, c: char) -> u32 {
        let gid = self.parsed.lookup_glyph_index(c as u32).unwrap_or(0);
        u32::from(self.parsed.get_horizontal_advance(gid)) * 1000 / self.units_per_em
    }

    pub fn has_glyph(&self, c: char) -> bool {
        self.parsed.lookup_glyph_index(c as u32).is_some_and(|g| g != 0)
    }
}

pub struct Fonts {
    pub faces: [Face; 4],
}

impl Fonts {
    /// The four faces, parsed once per process.
    pub fn get() -> Result<&'static Fonts> {
        static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Some(Fonts {
                    faces: [Face::load(REGULAR)?, Face::load(BOLD)?, Face::load(ITALIC)?, Face::load(BOLD_ITALIC)?],
                })
            })
            .as_ref()
            .ok_or_else(|| AppError::storage("Không đọc được phông chữ nhúng trong ứng dụng."))
    }

    pub fn face(&self, style: Style) -> &Face {
        &self.faces[style.index()]
    }

    /// Width of `text` in points at `size`.
    pub fn width(&self, style: Style, text: &str, size: f32) -> f32 {
        let face = self.face(style);
        let milli: u32 = text.chars().map(|c| face.milli(c)).sum();
        milli as f32 * size / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vietnamese_letter_is_in_every_face() {
        let fonts = Fonts::get().unwrap();
        let mut letters: Vec<char> = (0x1EA0u32..=0x1EF9).filter_map(char::from_u32).collect();
        letters.extend("ăâđêôơưĂÂĐÊÔƠƯàáảãạÀÁẢÃẠèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ".chars());
        for style in [Style::Regular, Style::Bold, Style::Italic, Style::BoldItalic] {
            let missing: Vec<char> = letters.iter().copied().filter(|c| !fonts.face(style).has_glyph(*c)).collect();
            assert!(missing.is_empty(), "{style:?} lacks {missing:?}");
        }
    }

    #[test]
    fn widths_follow_times_metrics() {
        let fonts = Fonts::get().unwrap();
        // Times New Roman / Liberation Serif: space 250, "a" 444, "M" 889 thousandths of an em.
        assert_eq!(fonts.face(Style::Regular).milli(' '), 250);
        assert_eq!(fonts.face(Style::Regular).milli('a'), 443);
        assert_eq!(fonts.face(Style::Regular).milli('M'), 889);
        assert!((fonts.width(Style::Regular, "aa", 10.0) - 8.86).abs() < 1e-4);
        assert!(fonts.width(Style::Bold, "CỘNG HÒA", 12.0) > fonts.width(Style::Regular, "CỘNG HÒA", 12.0));
    }
}
