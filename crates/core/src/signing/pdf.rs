//! Writing PDF objects and appending an incremental update by hand.
//!
//! lopdf reads the document (every revision, newest object versions); the update itself is
//! written here byte by byte, because a signature needs what lopdf's writer cannot give: the
//! original bytes left untouched, the signature's /Contents and /ByteRange at known offsets,
//! and a cross-reference section of the same kind as the document's last one (a classic table
//! for our own PDFs, a cross-reference stream for a PDF that uses them).

use crate::error::{AppError, Result};
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::HashMap;

/// Serialises one PDF object (direct), as PDF syntax.
pub(crate) fn write_object(out: &mut Vec<u8>, o: &Object) {
    match o {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        // The shortest text that reads back as the same number: a dictionary copied from the
        // file keeps its values exactly (verifiers compare them between revisions).
        Object::Real(f) if f.is_finite() => out.extend_from_slice(format!("{f}").as_bytes()),
        Object::Real(_) => out.push(b'0'),
        Object::Name(n) => write_name(out, n),
        Object::String(s, _) => write_string(out, s),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => write_dict(out, d),
        Object::Stream(s) => {
            let mut dict = s.dict.clone();
            dict.set("Length", Object::Integer(s.content.len() as i64));
            write_dict(out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&s.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((n, g)) => out.extend_from_slice(format!("{n} {g} R").as_bytes()),
    }
}

/// A number as PDF writes it: no exponent, at most four decimals, no trailing zeros.
pub(crate) fn real(f: f32) -> String {
    let f = if f.is_finite() { f } else { 0.0 };
    let s = format!("{f:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn write_dict(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (k, v) in d.iter() {
        write_name(out, k);
        out.push(b' ');
        write_object(out, v);
    }
    out.extend_from_slice(b">>");
}

fn write_name(out: &mut Vec<u8>, n: &[u8]) {
    out.push(b'/');
    for &b in n {
        if (0x21..=0x7e).contains(&b) && !b"()<>[]{}/%#".contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}

/// Printable ASCII as a literal string, anything else as a hexadecimal string.
fn write_string(out: &mut Vec<u8>, s: &[u8]) {
    if s.iter().all(|b| (0x20..=0x7e).contains(b)) {
        out.push(b'(');
        for &b in s {
            if matches!(b, b'(' | b')' | b'\\') {
                out.push(b'\\');
            }
            out.push(b);
        }
        out.push(b')');
    } else {
        out.push(b'<');
        for b in s {
            out.extend_from_slice(format!("{b:02X}").as_bytes());
        }
        out.push(b'>');
    }
}

/// A text string (PDF "text string" type): ASCII as it is, else UTF-16BE with a BOM.
pub(crate) fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::string_literal(s)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            bytes.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(bytes, lopdf::StringFormat::Hexadecimal)
    }
}

/// Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding ≈ Latin-1).
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// The offset the last `startxref` points to.
pub(crate) fn last_startxref(pdf: &[u8]) -> Result<usize> {
    let tail_start = pdf.len().saturating_sub(2048);
    let tail = &pdf[tail_start..];
    let at = tail
        .windows(9)
        .rposition(|w| w == b"startxref")
        .ok_or_else(|| AppError::validation("Tệp PDF không có bảng tham chiếu (startxref): không ký được."))?;
    let digits: String = tail[at + 9..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    digits.parse().map_err(|_| AppError::validation("Tệp PDF có bảng tham chiếu hỏng: không ký được."))
}

/// Whether the section at `offset` is a classic `xref` table (else a cross-reference stream).
pub(crate) fn is_classic_xref(pdf: &[u8], offset: usize) -> bool {
    pdf.get(offset..).is_some_and(|rest| {
        let trimmed: &[u8] = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        trimmed.starts_with(b"xref")
    })
}

/// Where a placeholder ended up in the written update (offsets in the whole file).
pub(crate) struct Placed {
    pub bytes: Vec<u8>,
    /// Offset of the `<` that opens /Contents, and of the byte after its `>`.
    pub contents: (usize, usize),
    /// Offset and length of the /ByteRange array's room.
    pub byte_range: (usize, usize),
}

/// Marks that a serialised object body holds the signature placeholders.
pub(crate) const CONTENTS_MARK: &[u8] = b"/Contents <";
pub(crate) const BYTE_RANGE_ROOM: usize = 60;

/// Appends `objects` (id → serialised body) after `pdf` as one incremental update with its own
/// cross-reference section and trailer (`Prev` to the previous section).
pub(crate) fn append_update(
    pdf: &[u8],
    objects: &[(ObjectId, Vec<u8>)],
    trailer: &Dictionary,
    size: u32,
    sig_id: ObjectId,
) -> Result<Placed> {
    let prev = last_startxref(pdf)?;
    let classic = is_classic_xref(pdf, prev);
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets: Vec<(u32, u16, usize)> = Vec::new();
    let mut contents = None;
    let mut byte_range = None;
    for ((n, g), body) in objects {
        offsets.push((*n, *g, out.len()));
        out.extend_from_slice(format!("{n} {g} obj\n").as_bytes());
        let base = out.len();
        let is_sig = (*n, *g) == sig_id;
        if let Some(at) = find(body, CONTENTS_MARK).filter(|_| is_sig) {
            let lt = base + at + CONTENTS_MARK.len() - 1;
            let gt = base + at + body[at..].iter().position(|&b| b == b'>').unwrap_or(0) + 1;
            contents = Some((lt, gt));
        }
        if let Some(at) = find(body, b"/ByteRange [").filter(|_| is_sig) {
            byte_range = Some((base + at + b"/ByteRange ".len(), BYTE_RANGE_ROOM));
        }
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let mut trailer = trailer.clone();
    trailer.remove(b"Prev");
    trailer.remove(b"XRefStm");
    trailer.remove(b"Type");
    trailer.remove(b"W");
    trailer.remove(b"Index");
    trailer.remove(b"Filter");
    trailer.remove(b"DecodeParms");
    trailer.remove(b"Length");
    trailer.set("Prev", Object::Integer(prev as i64));
    let xref_at = out.len();
    if classic {
        trailer.set("Size", Object::Integer(i64::from(size)));
        offsets.sort();
        out.extend_from_slice(b"xref\n");
        for run in runs(&offsets) {
            out.extend_from_slice(format!("{} {}\n", run[0].0, run.len()).as_bytes());
            for (_, g, off) in run {
                out.extend_from_slice(format!("{off:010} {g:05} n\r\n").as_bytes());
            }
        }
        out.extend_from_slice(b"trailer\n");
        write_dict(&mut out, &trailer);
        out.push(b'\n');
    } else {
        // The cross-reference stream describes itself too.
        let own = size;
        offsets.push((own, 0, xref_at));
        offsets.sort();
        let mut index = Vec::new();
        let mut data = Vec::new();
        for run in runs(&offsets) {
            index.push(Object::Integer(i64::from(run[0].0)));
            index.push(Object::Integer(run.len() as i64));
            for (_, g, off) in run {
                data.push(1u8);
                data.extend_from_slice(&(*off as u32).to_be_bytes());
                data.extend_from_slice(&g.to_be_bytes());
            }
        }
        trailer.set("Size", Object::Integer(i64::from(size) + 1));
        trailer.set("Type", Object::Name(b"XRef".to_vec()));
        trailer.set("W", Object::Array(vec![1.into(), 4.into(), 2.into()]));
        trailer.set("Index", Object::Array(index));
        let stream = lopdf::Stream::new(trailer, data);
        out.extend_from_slice(format!("{own} 0 obj\n").as_bytes());
        write_object(&mut out, &Object::Stream(stream));
        out.extend_from_slice(b"\nendobj\n");
    }
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
    let contents = contents.ok_or_else(|| AppError::storage("Thiếu chỗ cho chữ ký số trong tệp PDF."))?;
    let byte_range = byte_range.ok_or_else(|| AppError::storage("Thiếu chỗ cho ByteRange trong tệp PDF."))?;
    Ok(Placed { bytes: out, contents, byte_range })
}

fn runs(sorted: &[(u32, u16, usize)]) -> Vec<&[(u32, u16, usize)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=sorted.len() {
        if i == sorted.len() || sorted[i].0 != sorted[i - 1].0 + 1 {
            out.push(&sorted[start..i]);
            start = i;
        }
    }
    out
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Copies the objects `root` refers to (recursively) from another document into this update,
/// giving them fresh numbers from `next`; returns `root` with its references renumbered.
pub(crate) fn import(
    src: &lopdf::Document,
    root: &Object,
    map: &mut HashMap<ObjectId, ObjectId>,
    next: &mut u32,
    out: &mut Vec<(ObjectId, Object)>,
) -> Result<Object> {
    Ok(match root {
        Object::Reference(id) => {
            if let Some(new) = map.get(id) {
                return Ok(Object::Reference(*new));
            }
            let new = (*next, 0);
            *next += 1;
            map.insert(*id, new);
            let obj = src.get_object(*id).map_err(|e| AppError::storage(format!("Lỗi dựng hình chữ ký: {e}")))?;
            let copied = import(src, obj, map, next, out)?;
            out.push((new, copied));
            Object::Reference(new)
        }
        Object::Array(items) => {
            Object::Array(items.iter().map(|i| import(src, i, map, next, out)).collect::<Result<_>>()?)
        }
        Object::Dictionary(d) => Object::Dictionary(import_dict(src, d, map, next, out)?),
        Object::Stream(s) => {
            let mut s2 = s.clone();
            s2.dict = import_dict(src, &s.dict, map, next, out)?;
            Object::Stream(s2)
        }
        other => other.clone(),
    })
}

fn import_dict(
    src: &lopdf::Document,
    d: &Dictionary,
    map: &mut HashMap<ObjectId, ObjectId>,
    next: &mut u32,
    out: &mut Vec<(ObjectId, Object)>,
) -> Result<Dictionary> {
    let mut nd = Dictionary::new();
    for (k, v) in d.iter() {
        // A page's parent is not part of what a form needs.
        if k == b"Parent" {
            continue;
        }
        nd.set(k.clone(), import(src, v, map, next, out)?);
    }
    Ok(nd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_serialise_as_pdf_syntax() {
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Annot".to_vec()));
        d.set("Rect", Object::Array(vec![Object::Real(10.5), Object::Integer(-3), Object::Real(0.00001)]));
        d.set("T", Object::string_literal("a(b)"));
        d.set("N", Object::Name(b"A B#".to_vec()));
        d.set("V", Object::Reference((12, 0)));
        let mut out = Vec::new();
        write_object(&mut out, &Object::Dictionary(d));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<</Type /Annot/Rect [10.5 -3 0.00001]/T (a\\(b\\))/N /A#20B#23/V 12 0 R>>"
        );
        let mut out = Vec::new();
        write_object(&mut out, &text_string("Ký"));
        assert_eq!(String::from_utf8(out).unwrap(), "<FEFF004B00FD>");
        assert_eq!(decode_text(&[0xFE, 0xFF, 0, b'K', 0, 0xFD]), "Ký");
    }

    #[test]
    fn runs_group_consecutive_numbers() {
        let ids = [(3, 0, 1), (4, 0, 2), (7, 0, 3), (8, 0, 4), (10, 0, 5)];
        let r = runs(&ids);
        assert_eq!(r.iter().map(|r| (r[0].0, r.len())).collect::<Vec<_>>(), vec![(3, 2), (7, 2), (10, 1)]);
    }
}
