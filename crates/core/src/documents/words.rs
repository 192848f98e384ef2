//! The words a document says, composed once for every output format.
//!
//! The PDF composer (`pdf::compose`) and the Word writer (`docx`) both take their text from
//! here — the header lines, the number, the date line, the title, addressees, legal bases, the
//! body with its numbering and closing "./.", the signing titles and Nơi nhận — so a DOCX and
//! a PDF of one document say the same words in the same order.

use super::model::*;
use super::pdf::fonts::Style;
use super::pdf::layout::Span;
use crate::text::{clean, clean_keep_edges};

/// The fixed lines of the right-hand header column.
pub const NATIONAL_NAME: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// Page 1's header, as text.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderWords {
    /// Cơ quan chủ quản in capitals; empty when there is none.
    pub parent_body: String,
    /// The issuing body in capitals.
    pub issuing_body: String,
    /// "05/TB-BCĐCĐS"; for a draft the part after the blank, "/TB-BCĐCĐS".
    pub number: String,
    /// A draft has no number yet: a blank is left after "Số:".
    pub number_blank: bool,
    /// "Nghệ An, ngày 05 tháng 01 năm 2025"; `None` for an undated draft (blanks to fill).
    pub date: Option<String>,
    pub place: String,
    /// "V/v …" under the number of a công văn.
    pub letter_subject: Option<String>,
    /// "KHẨN", "HỎA TỐC" … under the number.
    pub urgency: Option<&'static str>,
}

pub fn header_words(doc: &DocumentContent, issuer: &Issuer) -> HeaderWords {
    let parent = issuer.parent_body.trim();
    HeaderWords {
        parent_body: if parent.is_empty() { String::new() } else { issuer.parent_body.to_uppercase() },
        issuing_body: issuer.issuing_body.to_uppercase(),
        number: number_and_symbol(doc.doc_type, doc.number, issuer).trim_start().to_string(),
        number_blank: doc.number.is_none(),
        date: doc.date.map(|_| place_and_date(&issuer.place, doc.date)),
        place: clean(&issuer.place),
        letter_subject: (doc.doc_type == DocumentType::OfficialLetter).then(|| format!("V/v {}", doc.subject)),
        urgency: doc.urgency.map(|u| u.label()),
    }
}

/// The type's name and the subject printed under it; a công văn has neither.
pub fn title_words(doc: &DocumentContent) -> Option<(&'static str, String)> {
    (doc.doc_type != DocumentType::OfficialLetter).then(|| (doc.doc_type.heading(), doc.subject.clone()))
}

/// "Kính gửi: X." for one addressee; "- X;" … "- Y." (the first to follow "Kính gửi:") for
/// several.
pub fn addressee_lines(doc: &DocumentContent) -> Vec<String> {
    match doc.addressees.len() {
        0 => Vec::new(),
        1 => vec![format!("Kính gửi: {}.", doc.addressees[0].trim_end_matches(['.', ';']))],
        n => doc
            .addressees
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let end = if i + 1 == n { "." } else { ";" };
                format!("- {}{end}", a.trim_end_matches(['.', ';']))
            })
            .collect(),
    }
}

pub const ADDRESSEE_LABEL: &str = "Kính gửi:";

/// A decision's enacting authority in capitals, printed before the legal bases.
pub fn enacting_line(doc: &DocumentContent) -> Option<String> {
    let authority = clean(&doc.enacting_authority);
    (!authority.is_empty()).then(|| authority.to_uppercase())
}

/// "QUYẾT ĐỊNH:" after a decision's legal bases.
pub fn decides_line(doc: &DocumentContent) -> Option<&'static str> {
    (doc.doc_type == DocumentType::Decision).then_some("QUYẾT ĐỊNH:")
}

/// The legal bases, each ending with ";" and the last with ".".
pub fn legal_basis_lines(doc: &DocumentContent) -> Vec<String> {
    let n = doc.legal_bases.len();
    doc.legal_bases
        .iter()
        .enumerate()
        .map(|(i, basis)| {
            let mut text = clean(basis).trim_end_matches(['.', ';', ',']).to_string();
            text.push(if i + 1 == n { '.' } else { ';' });
            text
        })
        .collect()
}

/// One piece of the body, numbered and ready to set.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyPiece {
    /// A justified paragraph with a first-line indent: plain paragraphs, clauses ("1. …"),
    /// points ("a) …") and dashes ("- …"), their number included in the spans.
    Paragraph {
        spans: Vec<Span>,
    },
    /// "Điều 1. …" or "I. …": indented, bold, kept with what follows.
    Heading {
        text: String,
    },
    /// "Phần I" / "Chương I" / "Mục 1" and their title in capitals: centred bold lines.
    Centred {
        lines: Vec<String>,
    },
    Table {
        index: usize,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        widths: Vec<f32>,
    },
    /// A bar chart (a report's completion by agency): drawn in the PDF, its figures as a
    /// table in the DOCX.
    Chart {
        title: String,
        series: Vec<String>,
        bars: Vec<ChartBar>,
    },
}

/// The spans of runs, cleaned, in `base` style plus their own emphasis.
pub fn spans_of(runs: &[Run], base: Style) -> Vec<Span> {
    runs.iter()
        .map(|r| Span {
            text: clean_keep_edges(&r.text),
            style: Style::of(r.bold || base.bold(), r.italic || base.italic()),
            underline: r.underline,
        })
        .collect()
}

/// The body numbered: clauses 1., 2., … within a heading, points a), b), … đ) within a
/// clause, headings counted by kind; the last text block ends with "./.".
pub fn body_pieces(blocks: &[Block]) -> Vec<BodyPiece> {
    let mut clause = 0u32;
    let mut point = 0usize;
    let mut counters = [0u32; 5];
    let mut tables = 0usize;
    let last_text = blocks.iter().rposition(|b| {
        matches!(b, Block::Paragraph { .. } | Block::Clause { .. } | Block::Point { .. } | Block::Dash { .. })
    });
    let mut pieces = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let finish = |mut spans: Vec<Span>| {
            if Some(i) == last_text {
                let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                if !text.trim_end().ends_with("./.") {
                    let style = spans.last().map(|s| s.style).unwrap_or(Style::Regular);
                    let ending = if text.trim_end().ends_with('.') { "/." } else { "./." };
                    spans.push(Span::new(ending, Style::of(false, style.italic())));
                }
            }
            BodyPiece::Paragraph { spans }
        };
        let numbered = |prefix: String, runs: &[Run]| {
            let mut spans = vec![Span::new(prefix, Style::Regular)];
            spans.extend(spans_of(runs, Style::Regular));
            spans
        };
        match block {
            Block::Paragraph { runs } => pieces.push(finish(spans_of(runs, Style::Regular))),
            Block::Clause { runs } => {
                clause += 1;
                point = 0;
                pieces.push(finish(numbered(format!("{clause}. "), runs)));
            }
            Block::Point { runs } => {
                let prefix = format!("{}) ", point_letter(point));
                point += 1;
                pieces.push(finish(numbered(prefix, runs)));
            }
            Block::Dash { runs } => pieces.push(finish(numbered("- ".to_string(), runs))),
            Block::Heading { heading, title } => {
                clause = 0;
                point = 0;
                let k = *heading as usize;
                counters[k] += 1;
                let n = counters[k];
                let title = clean(title);
                match heading {
                    HeadingKind::Part | HeadingKind::Chapter | HeadingKind::Section => {
                        let word = match heading {
                            HeadingKind::Part => format!("Phần {}", roman(n)),
                            HeadingKind::Chapter => format!("Chương {}", roman(n)),
                            _ => format!("Mục {n}"),
                        };
                        let mut lines = vec![word];
                        if !title.is_empty() {
                            lines.push(title.to_uppercase());
                        }
                        pieces.push(BodyPiece::Centred { lines });
                    }
                    HeadingKind::Article => {
                        let text =
                            if title.is_empty() { format!("Điều {n}.") } else { format!("Điều {n}. {title}") };
                        pieces.push(BodyPiece::Heading { text });
                    }
                    HeadingKind::Roman => {
                        pieces.push(BodyPiece::Heading { text: format!("{}. {}", roman(n), title.to_uppercase()) });
                    }
                }
            }
            Block::Chart { title, series, bars } => {
                pieces.push(BodyPiece::Chart { title: clean(title), series: series.clone(), bars: bars.clone() })
            }
            Block::Table { header, rows, widths } => {
                tables += 1;
                pieces.push(BodyPiece::Table {
                    index: tables,
                    header: header.clone(),
                    rows: rows.clone(),
                    widths: widths.clone(),
                });
            }
        }
    }
    pieces
}

/// The capital lines above a signature: "TM. TỔ CÔNG TÁC", "TỔ TRƯỞNG", …
pub fn signer_titles(s: &Signer) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    if let Some(a) = s.authority {
        lines.push(format!("{} {}", a.prefix(), s.on_behalf_of.to_uppercase()).trim().to_string());
    } else if !s.on_behalf_of.is_empty() {
        lines.push(s.on_behalf_of.to_uppercase());
    }
    lines.extend(s.titles.iter().map(|t| t.to_uppercase()));
    lines
}

pub const RECIPIENTS_LABEL: &str = "Nơi nhận:";

/// Nơi nhận's lines: "- X;" for each recipient, then "- Lưu: VT, TCT.".
pub fn recipient_lines(doc: &DocumentContent, issuer: &Issuer) -> Vec<String> {
    let archive = if doc.archive.trim().is_empty() {
        if issuer.unit_symbol.is_empty() {
            "VT".to_string()
        } else {
            format!("VT, {}", issuer.unit_symbol)
        }
    } else {
        clean(&doc.archive)
    };
    let mut entries: Vec<String> =
        doc.recipients.iter().map(|r| format!("- {};", clean(r).trim_end_matches(['.', ';']))).collect();
    entries.push(format!("- Lưu: {}.", archive.trim_end_matches('.')));
    entries
}
