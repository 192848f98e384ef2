//! Digital signatures (ký số) on issued PDFs, as Decree 30 (Appendix I, part II) lays out an
//! electronic document: the signer's signature with the signature image in the signing block,
//! the organisation's with its seal over the left third of it, and the copying body's on an
//! electronic copy at the top right of page 1.
//!
//! Why it is shaped this way:
//! - [`sign_pdf`] is a pure function over bytes (PDF in, PDF out) plus a [`Signer`]: the PKCS#11
//!   token ([`pkcs11`]), a PKCS#12 file and an in-memory key (tests) are interchangeable, and
//!   the PDF writing — the part readers judge — is tested without any token.
//! - Each signature is an incremental update appended to the bytes it is given (ISO 32000
//!   7.5.6): earlier bytes are never touched, so every earlier signature keeps verifying. The
//!   update's cross-reference section is of the same kind as the file's last one.
//! - PAdES baseline B-B (ETSI EN 319 142-1): SubFilter ETSI.CAdES.detached, SHA-256, signed
//!   attributes content-type, message-digest and signing-certificate-v2; the signing time is the
//!   signature dictionary's /M (there is no timestamp authority offline, so no B-T) and is
//!   printed in the visible text as ISO 8601, Vietnam time, as the decree asks.
//! - [`verify::verify_pdf`] checks the app's own PDFs: the hash over /ByteRange, the CMS
//!   signature against its certificate, the chain to the trust anchors the user imported, and
//!   that nothing but later signatures was added after each signature.

pub mod certs;
mod cms;
mod image;
pub mod pdf;
pub mod pkcs11;
pub mod place;
pub mod signers;
pub mod store;
pub mod verify;

#[cfg(any(test, feature = "testkit"))]
#[doc(hidden)]
pub mod testkit;
#[cfg(test)]
mod tests;

pub use certs::{certificate_info, read_certificates, CertificateInfo};
pub use signers::{KeySigner, Signer};
pub use verify::{verify_pdf, SignatureCheck, VerifyState};

use crate::documents::pdf::compose::{Mark, Page};
use crate::documents::pdf::fonts::{Fonts, Style};
use crate::documents::pdf::layout::Span;
use crate::error::{AppError, Result};
use chrono::{DateTime, FixedOffset, Utc};
use lopdf::{Dictionary, Object, ObjectId};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;
use std::collections::HashMap;

/// Vietnam's time zone (UTC+7, no daylight saving).
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC"))
}

/// ISO 8601 in Vietnam time, to the second: `2025-01-05T09:30:00+07:00`.
pub fn iso_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&vietnam()).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The signatures Decree 30 describes.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Type,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SignatureKind {
    /// The person with authority, with the signature image in the signing block.
    Signer,
    /// The organisation, with its seal over the left third of the signer's image.
    Organisation,
    /// An electronic copy (bản sao điện tử), text only, top right of page 1.
    Copy,
}

impl SignatureKind {
    /// In Vietnamese, for lists.
    pub fn label(self) -> &'static str {
        match self {
            Self::Signer => "Chữ ký số của người có thẩm quyền",
            Self::Organisation => "Chữ ký số của cơ quan, tổ chức",
            Self::Copy => "Chữ ký số sao văn bản điện tử",
        }
    }
    /// Prefix of the signature field's name (ASCII), which tells the kind back when verifying.
    fn field_prefix(self) -> &'static str {
        match self {
            Self::Signer => "NguoiKy",
            Self::Organisation => "CoQuan",
            Self::Copy => "BanSao",
        }
    }
    pub(crate) fn from_field(name: &str) -> Option<Self> {
        [Self::Signer, Self::Organisation, Self::Copy].into_iter().find(|k| name.starts_with(k.field_prefix()))
    }
}

crate::store::stored_names!(SignatureKind);

/// A rectangle in PDF user space (points, origin at the bottom left of the page).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Type)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// Where the signing block is, as the renderer laid it out: the room between the titles and
/// the signer's name, on a page counted from 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Type)]
pub struct SigningBlock {
    pub page: u32,
    pub room: Rect,
}

/// Everything a signature shows besides the certificate.
#[derive(Debug, Clone)]
pub struct SignRequest {
    pub kind: SignatureKind,
    /// The signing block (Signer, Organisation); not used for a copy.
    pub block: Option<SigningBlock>,
    /// PNG: the signer's signature image, or the organisation's seal.
    pub image: Option<Vec<u8>>,
    /// Text shown: for the organisation its name and the time, for a copy the copy form, the
    /// copying body and the time (see [`organisation_lines`], [`copy_lines`]).
    pub lines: Vec<String>,
    /// The signing time, written as /M and shown in the text.
    pub time: DateTime<Utc>,
}

/// The organisation's information as the decree asks: its name and the signing time.
pub fn organisation_lines(organisation: &str, time: DateTime<Utc>) -> Vec<String> {
    vec![organisation.to_string(), iso_time(time)]
}

/// An electronic copy's text: the copy form, the copying body, the time.
pub fn copy_lines(form: &str, body: &str, time: DateTime<Utc>) -> Vec<String> {
    vec![form.to_string(), body.to_string(), iso_time(time)]
}

/// A seal whose PNG does not record its resolution is drawn at this diameter (the common
/// size of a department's seal).
const DEFAULT_SEAL_MM: f32 = 36.0;
const MM: f32 = 72.0 / 25.4;
const TEXT_SIZE: f32 = 10.0;
const TEXT_LEADING: f32 = 12.0;
/// Room left under the signing block for the signer's name before the organisation's text.
const NAME_ROOM: f32 = 22.0;

fn load(pdf: &[u8]) -> Result<lopdf::Document> {
    lopdf::Document::load_mem(pdf)
        .map_err(|e| AppError::validation(format!("Tệp PDF không đọc được, không ký được: {e}")))
}

fn pdf_err(e: lopdf::Error) -> AppError {
    AppError::validation(format!("Tệp PDF có cấu trúc không đọc được, không ký được: {e}"))
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// The page's MediaBox (inherited from its parents when it has none).
fn media_box(doc: &lopdf::Document, page: ObjectId) -> Result<[f32; 4]> {
    let mut id = page;
    for _ in 0..32 {
        let d = doc.get_dictionary(id).map_err(pdf_err)?;
        if let Ok(arr) = d.get(b"MediaBox").and_then(|o| doc.dereference(o)).and_then(|(_, o)| o.as_array()) {
            let v: Vec<f32> = arr.iter().filter_map(num).collect();
            if v.len() == 4 {
                return Ok([v[0], v[1], v[2], v[3]]);
            }
        }
        match d.get(b"Parent").and_then(|o| o.as_reference()) {
            Ok(p) => id = p,
            Err(_) => break,
        }
    }
    Ok([0.0, 0.0, 595.28, 841.89])
}

/// The signature fields already in the document: (name, widget rectangle, page).
pub(crate) fn signature_fields(doc: &lopdf::Document) -> Vec<(String, Option<Rect>, Option<ObjectId>)> {
    let mut out = Vec::new();
    let Ok(catalog) = doc.catalog() else { return out };
    let Ok((_, form)) = catalog.get(b"AcroForm").and_then(|o| doc.dereference(o)) else { return out };
    let Ok(form) = form.as_dict() else { return out };
    let Ok((_, fields)) = form.get(b"Fields").and_then(|o| doc.dereference(o)) else { return out };
    for f in fields.as_array().map(|a| a.as_slice()).unwrap_or(&[]) {
        let Ok((_, Object::Dictionary(d))) = doc.dereference(f) else { continue };
        if d.get(b"FT").and_then(|o| o.as_name()).ok() != Some(b"Sig".as_slice()) {
            continue;
        }
        let name = d.get(b"T").and_then(|o| o.as_str()).map(pdf::decode_text).unwrap_or_default();
        let rect = d.get(b"Rect").and_then(|o| o.as_array()).ok().and_then(|a| {
            let v: Vec<f32> = a.iter().filter_map(num).collect();
            (v.len() == 4).then(|| Rect {
                x: v[0].min(v[2]),
                y: v[1].min(v[3]),
                w: (v[2] - v[0]).abs(),
                h: (v[3] - v[1]).abs(),
            })
        });
        let page = d.get(b"P").and_then(|o| o.as_reference()).ok();
        out.push((name, rect, page));
    }
    out
}

/// An image and its placement inside the appearance (local coordinates).
struct Placed {
    png: image::Png,
    at: Rect,
}

/// A line of text inside the appearance: left end and baseline, local coordinates.
struct TextLine {
    x: f32,
    baseline: f32,
    text: String,
}

/// Where the visible signature goes on the page, and what it draws there.
struct Layout {
    page: usize,
    rect: Rect,
    images: Vec<Placed>,
    texts: Vec<TextLine>,
}

fn fit(png: &image::Png, room: Rect) -> Rect {
    let aspect = png.width as f32 / png.height as f32;
    let (mut w, mut h) = (room.w, room.w / aspect);
    if h > room.h {
        h = room.h;
        w = room.h * aspect;
    }
    Rect { x: room.x + (room.w - w) / 2.0, y: room.y + (room.h - h) / 2.0, w, h }
}

fn union(a: Rect, b: Rect) -> Rect {
    let x0 = a.x.min(b.x);
    let y0 = a.y.min(b.y);
    let x1 = (a.x + a.w).max(b.x + b.w);
    let y1 = (a.y + a.h).max(b.y + b.h);
    Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

fn text_width(fonts: &Fonts, lines: &[String]) -> f32 {
    lines.iter().map(|l| fonts.width(Style::Regular, l, TEXT_SIZE)).fold(0.0, f32::max)
}

fn layout(
    fonts: &Fonts,
    req: &SignRequest,
    media: &dyn Fn(usize) -> Result<[f32; 4]>,
    fields: &[(String, Option<Rect>, Option<ObjectId>)],
) -> Result<Layout> {
    let png = match &req.image {
        Some(bytes) => Some(image::decode(bytes)?),
        None => None,
    };
    let need_block = || {
        req.block.ok_or_else(|| {
            AppError::validation("Không tìm thấy khối chữ ký trong văn bản: không đặt được hình chữ ký.")
        })
    };
    match req.kind {
        SignatureKind::Signer => {
            let block = need_block()?;
            let png = png.ok_or_else(|| {
                AppError::validation(
                    "Chưa có ảnh chữ ký của người ký: hãy thêm ảnh chữ ký (PNG nền trong suốt) trong danh bạ.",
                )
            })?;
            let rect = fit(&png, block.room);
            Ok(Layout {
                page: block.page as usize,
                rect,
                images: vec![Placed { png, at: Rect { x: 0.0, y: 0.0, w: rect.w, h: rect.h } }],
                texts: Vec::new(),
            })
        }
        SignatureKind::Organisation => {
            let block = need_block()?;
            let png = png.ok_or_else(|| {
                AppError::validation(
                    "Chưa có ảnh con dấu của cơ quan ban hành: hãy thêm ảnh con dấu (PNG đỏ, nền trong suốt, đúng kích thước thật) trong phần cài đặt.",
                )
            })?;
            // The seal covers the left third of the signer's image (or of the block, when the
            // signer has not signed in this file).
            let signer = fields
                .iter()
                .rev()
                .find(|(name, _, _)| SignatureKind::from_field(name) == Some(SignatureKind::Signer))
                .and_then(|(_, r, _)| *r)
                .unwrap_or(block.room);
            let (w_mm, h_mm) = png.size_mm.unwrap_or_else(|| {
                let aspect = png.height as f32 / png.width as f32;
                (DEFAULT_SEAL_MM, DEFAULT_SEAL_MM * aspect)
            });
            let (sw, sh) = (w_mm * MM, h_mm * MM);
            let seal =
                Rect { x: signer.x + signer.w / 3.0 - sw, y: signer.y + signer.h / 2.0 - sh / 2.0, w: sw, h: sh };
            let tw = text_width(fonts, &req.lines);
            let th = req.lines.len() as f32 * TEXT_LEADING;
            let text =
                Rect { x: seal.x.max(block.room.x - 40.0), y: block.room.y - NAME_ROOM - th, w: tw + 2.0, h: th };
            let page_box = media(block.page as usize)?;
            let mut rect = union(seal, text);
            // Keep the appearance on the page.
            rect.x = rect.x.max(page_box[0]);
            let local = |r: Rect| Rect { x: r.x - rect.x, y: r.y - rect.y, ..r };
            let t = local(text);
            let texts = req
                .lines
                .iter()
                .enumerate()
                .map(|(i, l)| TextLine {
                    x: t.x,
                    baseline: t.y + t.h - (i as f32 + 1.0) * TEXT_LEADING + 2.5,
                    text: l.clone(),
                })
                .collect();
            Ok(Layout { page: block.page as usize, rect, images: vec![Placed { png, at: local(seal) }], texts })
        }
        SignatureKind::Copy => {
            let page_box = media(0)?;
            let tw = text_width(fonts, &req.lines) + 4.0;
            let th = req.lines.len() as f32 * TEXT_LEADING + 4.0;
            let rect = Rect { x: page_box[2] - 15.0 * MM - tw, y: page_box[3] - 6.0 * MM - th, w: tw, h: th };
            let texts = req
                .lines
                .iter()
                .enumerate()
                .map(|(i, l)| TextLine {
                    // Right-aligned, as the top right corner asks.
                    x: tw - 2.0 - fonts.width(Style::Regular, l, TEXT_SIZE),
                    baseline: th - 2.0 - (i as f32 + 1.0) * TEXT_LEADING + 2.5,
                    text: l.clone(),
                })
                .collect();
            Ok(Layout { page: 0, rect, images: Vec::new(), texts })
        }
    }
}

/// The appearance stream (a form XObject of the widget's size) with its images and text.
fn appearance(fonts: &Fonts, l: &Layout, next: &mut u32, objects: &mut Vec<(ObjectId, Object)>) -> Result<ObjectId> {
    let mut content = Vec::new();
    let mut resources = Dictionary::new();
    let mut xobjects = Dictionary::new();
    for (i, placed) in l.images.iter().enumerate() {
        let (mut img, mask) = image::xobjects(&placed.png)?;
        if let Some(mask) = mask {
            let mask_id = (*next, 0);
            *next += 1;
            objects.push((mask_id, Object::Stream(mask)));
            img.dict.set("SMask", Object::Reference(mask_id));
        }
        let img_id = (*next, 0);
        *next += 1;
        objects.push((img_id, Object::Stream(img)));
        xobjects.set(format!("Im{i}"), Object::Reference(img_id));
        let r = placed.at;
        content.extend_from_slice(
            format!(
                "q {} 0 0 {} {} {} cm /Im{i} Do Q\n",
                pdf::real(r.w),
                pdf::real(r.h),
                pdf::real(r.x),
                pdf::real(r.y)
            )
            .as_bytes(),
        );
    }
    if !xobjects.is_empty() {
        resources.set("XObject", Object::Dictionary(xobjects));
    }
    if !l.texts.is_empty() {
        // The text is laid out by our own PDF writer on a page of the widget's size (the font
        // embedded as a subset of just these glyphs), then that page's content and fonts are
        // moved into the form.
        let marks = l
            .texts
            .iter()
            .map(|t| Mark::Text {
                x: t.x,
                y: l.rect.h - t.baseline,
                size: TEXT_SIZE,
                spans: vec![Span::new(crate::text::clean(&t.text), Style::Regular)],
                extra: 0.0,
            })
            .collect();
        let page = Page { width: l.rect.w, height: l.rect.h, marks };
        let bytes = crate::documents::pdf::write(fonts, &[page], "", 0)?;
        let mini = load(&bytes)?;
        let page_id = *mini.get_pages().get(&1).ok_or_else(|| AppError::storage("Không dựng được chữ trên chữ ký."))?;
        content.extend_from_slice(&mini.get_page_content(page_id));
        let page_dict = mini.get_dictionary(page_id).map_err(pdf_err)?;
        if let Ok(res) = page_dict.get(b"Resources") {
            let mut map = HashMap::new();
            let res = pdf::import(&mini, res, &mut map, next, objects)?;
            let res = match res {
                Object::Reference(id) => objects
                    .iter()
                    .find(|(i, _)| *i == id)
                    .and_then(|(_, o)| o.as_dict().ok().cloned())
                    .unwrap_or_default(),
                Object::Dictionary(d) => d,
                _ => Dictionary::new(),
            };
            for (k, v) in res.iter() {
                if k != b"XObject" {
                    resources.set(k.clone(), v.clone());
                }
            }
        }
    }
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Form".to_vec()));
    d.set("BBox", Object::Array(vec![0.into(), 0.into(), Object::Real(l.rect.w), Object::Real(l.rect.h)]));
    d.set("Resources", Object::Dictionary(resources));
    let id = (*next, 0);
    *next += 1;
    objects.push((id, Object::Stream(lopdf::Stream::new(d, content))));
    Ok(id)
}

fn pdf_date(t: DateTime<Utc>) -> String {
    let v = t.with_timezone(&vietnam());
    format!("D:{}+07'00'", v.format("%Y%m%d%H%M%S"))
}

/// Signs `pdf` (as issued, or already signed) with one more signature, appended as an
/// incremental update. Returns the new file; the input is never altered.
pub fn sign_pdf(pdf: &[u8], req: &SignRequest, signer: &dyn Signer) -> Result<Vec<u8>> {
    let chain = signer.chain();
    let leaf = chain.first().ok_or_else(|| AppError::validation("Không có chứng thư số để ký."))?;
    certs::check_can_sign(leaf, req.time)?;
    let info = certs::certificate_info(leaf)?;
    let fonts = Fonts::get()?;
    let doc = load(pdf)?;
    if doc.trailer.has(b"Encrypt") {
        return Err(AppError::validation("Tệp PDF được mã hóa: ứng dụng không ký được tệp này."));
    }
    let root_id = doc.trailer.get(b"Root").and_then(|o| o.as_reference()).map_err(pdf_err)?;
    let pages = doc.get_pages();
    let fields = signature_fields(&doc);
    let page_id_of = |i: usize| -> Result<ObjectId> {
        pages
            .get(&(i as u32 + 1))
            .copied()
            .ok_or_else(|| AppError::validation(format!("Văn bản không có trang {}: không đặt được chữ ký.", i + 1)))
    };
    let media = |i: usize| media_box(&doc, page_id_of(i)?);
    let l = layout(fonts, req, &media, &fields)?;
    let page_id = page_id_of(l.page)?;

    let size =
        doc.trailer.get(b"Size").ok().and_then(|o| o.as_i64().ok()).unwrap_or(0).clamp(0, i64::from(u32::MAX / 2));
    let mut next = doc.max_id.max((size as u32).saturating_sub(1)) + 1;
    let mut objects: Vec<(ObjectId, Object)> = Vec::new();
    let ap = appearance(fonts, &l, &mut next, &mut objects)?;
    let sig_id = (next, 0);
    next += 1;
    let field_id = (next, 0);
    next += 1;

    let n = fields.len() + 1;
    let name = format!("{}{}", req.kind.field_prefix(), n);
    let mut field = Dictionary::new();
    field.set("Type", Object::Name(b"Annot".to_vec()));
    field.set("Subtype", Object::Name(b"Widget".to_vec()));
    field.set("FT", Object::Name(b"Sig".to_vec()));
    field.set("T", Object::string_literal(name));
    field.set("TU", pdf::text_string(req.kind.label()));
    field.set("V", Object::Reference(sig_id));
    field.set("F", Object::Integer(132)); // Print, Locked
    let r = l.rect;
    field.set(
        "Rect",
        Object::Array(vec![Object::Real(r.x), Object::Real(r.y), Object::Real(r.x + r.w), Object::Real(r.y + r.h)]),
    );
    field.set("P", Object::Reference(page_id));
    let mut ap_dict = Dictionary::new();
    ap_dict.set("N", Object::Reference(ap));
    field.set("AP", Object::Dictionary(ap_dict));
    objects.push((field_id, Object::Dictionary(field)));

    // The page lists the new widget among its annotations.
    let mut page = doc.get_dictionary(page_id).map_err(pdf_err)?.clone();
    match page.get(b"Annots") {
        Ok(Object::Reference(arr_id)) => {
            let mut arr = doc.get_object(*arr_id).and_then(|o| o.as_array()).map_err(pdf_err)?.clone();
            arr.push(Object::Reference(field_id));
            objects.push((*arr_id, Object::Array(arr)));
        }
        Ok(Object::Array(arr)) => {
            let mut arr = arr.clone();
            arr.push(Object::Reference(field_id));
            page.set("Annots", Object::Array(arr));
            objects.push((page_id, Object::Dictionary(page)));
        }
        _ => {
            page.set("Annots", Object::Array(vec![Object::Reference(field_id)]));
            objects.push((page_id, Object::Dictionary(page)));
        }
    }

    // The form lists the new field; SigFlags 3: signatures exist, append only.
    let mut catalog = doc.catalog().map_err(pdf_err)?.clone();
    let mut catalog_changed = false;
    let add_field = |form: &mut Dictionary| -> Result<()> {
        let mut list = match form.get(b"Fields") {
            Ok(o) => doc.dereference(o).map_err(pdf_err)?.1.as_array().map_err(pdf_err)?.clone(),
            Err(_) => Vec::new(),
        };
        list.push(Object::Reference(field_id));
        form.set("Fields", Object::Array(list));
        form.set("SigFlags", Object::Integer(3));
        Ok(())
    };
    match catalog.get(b"AcroForm") {
        Ok(Object::Reference(form_id)) => {
            let form_id = *form_id;
            let mut form = doc.get_dictionary(form_id).map_err(pdf_err)?.clone();
            add_field(&mut form)?;
            objects.push((form_id, Object::Dictionary(form)));
        }
        Ok(Object::Dictionary(form)) => {
            let mut form = form.clone();
            add_field(&mut form)?;
            catalog.set("AcroForm", Object::Dictionary(form));
            catalog_changed = true;
        }
        _ => {
            let mut form = Dictionary::new();
            add_field(&mut form)?;
            let form_id = (next, 0);
            next += 1;
            objects.push((form_id, Object::Dictionary(form)));
            catalog.set("AcroForm", Object::Reference(form_id));
            catalog_changed = true;
        }
    }
    // ETSI.CAdES.detached is a PDF 2.0 / ISO 32000-1 extension: declare at least 1.7.
    let header_version = doc.version.parse::<f32>().unwrap_or(1.3);
    let catalog_version = catalog
        .get(b"Version")
        .and_then(|o| o.as_name())
        .ok()
        .and_then(|n| std::str::from_utf8(n).ok()?.parse::<f32>().ok());
    if header_version.max(catalog_version.unwrap_or(0.0)) < 1.7 {
        catalog.set("Version", Object::Name(b"1.7".to_vec()));
        catalog_changed = true;
    }
    if catalog_changed {
        objects.push((root_id, Object::Dictionary(catalog)));
    }

    // Serialise, the signature dictionary by hand (its placeholders must sit at known offsets).
    let reserve: usize = 8192 + 2 * chain.iter().map(Vec::len).sum::<usize>();
    let mut sig = Vec::new();
    sig.extend_from_slice(b"<</Type /Sig/Filter /Adobe.PPKLite/SubFilter /ETSI.CAdES.detached/M ");
    pdf::write_object(&mut sig, &Object::string_literal(pdf_date(req.time)));
    sig.extend_from_slice(b"/Name ");
    pdf::write_object(&mut sig, &pdf::text_string(&info.holder));
    sig.extend_from_slice(b"/Reason ");
    pdf::write_object(&mut sig, &pdf::text_string(req.kind.label()));
    sig.extend_from_slice(b"/ByteRange ");
    sig.extend(std::iter::repeat_n(b' ', pdf::BYTE_RANGE_ROOM));
    sig.extend_from_slice(b"/Contents <");
    sig.extend(std::iter::repeat_n(b'0', reserve * 2));
    sig.extend_from_slice(b">>>");
    // The ByteRange room starts with "[" so that it can be found.
    let br_at = pdf::find(&sig, b"/ByteRange ").unwrap_or(0) + b"/ByteRange ".len();
    sig[br_at] = b'[';

    let mut bodies: Vec<(ObjectId, Vec<u8>)> = Vec::new();
    for (id, o) in &objects {
        let mut b = Vec::new();
        pdf::write_object(&mut b, o);
        bodies.push((*id, b));
    }
    bodies.push((sig_id, sig));
    bodies.sort_by_key(|(id, _)| *id);

    let mut trailer = Dictionary::new();
    trailer.set("Root", Object::Reference(root_id));
    for key in [&b"Info"[..], b"ID"] {
        if let Ok(v) = doc.trailer.get(key) {
            trailer.set(key.to_vec(), v.clone());
        }
    }
    let placed = pdf::append_update(pdf, &bodies, &trailer, next, sig_id)?;
    let mut out = placed.bytes;
    let (lt, gt) = placed.contents;
    let ranges = format!("[0 {lt} {gt} {}]", out.len() - gt);
    if ranges.len() > placed.byte_range.1 {
        return Err(AppError::storage("Tệp PDF quá lớn để ghi vùng ký."));
    }
    let (br, room) = placed.byte_range;
    out[br..br + room].copy_from_slice(format!("{ranges:<room$}").as_bytes());
    let mut h = Sha256::new();
    h.update(&out[..lt]);
    h.update(&out[gt..]);
    let digest: [u8; 32] = h.finalize().into();
    let cms = cms::build(&digest, signer)?;
    if cms.len() > reserve {
        return Err(AppError::storage("Chữ ký số dài hơn chỗ dành cho nó trong tệp PDF."));
    }
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    out[lt + 1..lt + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}
