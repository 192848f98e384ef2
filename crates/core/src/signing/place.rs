//! Where the signing block is, from our own layout: the document is composed again exactly as
//! it was rendered at issue (same content, header and margins), and the room between the
//! signer's titles and name — the 72 pt the composer leaves for the signature and the seal —
//! is given in PDF coordinates.

use super::{Rect, SigningBlock};
use crate::documents::model::{DocumentContent, Issuer};
use crate::documents::pdf::compose::{compose, Margins, Mark};
use crate::documents::pdf::fonts::Fonts;
use crate::error::Result;

/// The composer's baseline offset of a line (ascent, em) and the room it leaves.
const ASCENT: f32 = 0.891;
const ROOM: f32 = 72.0;

/// The signing block of the signer at `signer_index` (for minutes: 0 THƯ KÝ, 1 CHỦ TỌA; the
/// person with authority is the last). `None` when the document has no such signer.
pub fn signing_block(
    doc: &DocumentContent,
    issuer: &Issuer,
    margins: Margins,
    signer_index: usize,
) -> Result<Option<SigningBlock>> {
    let Some(signer) = doc.signers.get(signer_index) else { return Ok(None) };
    let fonts = Fonts::get()?;
    let pages = compose(fonts, doc, issuer, margins)?;
    let name = crate::text::clean(&signer.name);
    // The closing comes last: the lowest bold line that is exactly the name, on the last page
    // that has one. Two blocks side by side with one name (a malformed minutes) are told apart
    // by position: the first signer is on the left.
    for (p, page) in pages.iter().enumerate().rev() {
        let hits: Vec<(f32, f32, f32, f32)> = page
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { x, y, size, spans, .. } => {
                    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                    (text == name && spans.iter().all(|s| s.style.bold()))
                        .then(|| (*x, *y, *size, fonts.width(spans[0].style, &text, *size)))
                }
                Mark::Rule { .. } | Mark::Fill { .. } => None,
            })
            .collect();
        let Some(lowest) = hits.iter().map(|h| h.1).reduce(f32::max) else { continue };
        let mut row: Vec<_> = hits.into_iter().filter(|h| (h.1 - lowest).abs() < 1.0).collect();
        row.sort_by(|a, b| a.0.total_cmp(&b.0));
        let same_name_before =
            doc.signers[..signer_index].iter().filter(|s| crate::text::clean(&s.name) == name).count();
        let (x, y, size, width) = row[same_name_before.min(row.len() - 1)];
        let top_of_name = y - size * ASCENT;
        let centre = x + width / 2.0;
        let half = (page.width - centre - 15.0).min(100.0).min(centre - 15.0);
        let room = Rect { x: centre - half, y: page.height - top_of_name + 2.0, w: 2.0 * half, h: ROOM - 4.0 };
        return Ok(Some(SigningBlock { page: p as u32, room }));
    }
    Ok(None)
}
