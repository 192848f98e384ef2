//! A PNG (signature image, seal) as a PDF image XObject; its alpha becomes a soft mask, so the
//! paper under it shows through as it does under ink.

use crate::error::{AppError, Result};
use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{Dictionary, Object, Stream};
use std::io::Write;

/// A decoded PNG, 8 bits per sample.
pub struct Png {
    pub width: u32,
    pub height: u32,
    /// Gray or RGB samples, no alpha.
    pub color: Vec<u8>,
    pub channels: u8,
    pub alpha: Option<Vec<u8>>,
    /// Physical size in millimetres when the PNG records its resolution (pHYs).
    pub size_mm: Option<(f32, f32)>,
}

const MAX_SIDE: u32 = 6000;

pub fn decode(bytes: &[u8]) -> Result<Png> {
    let bad = |e: String| AppError::validation(format!("Ảnh không đọc được (cần tệp PNG): {e}"));
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| bad(e.to_string()))?;
    let (w, h) = (reader.info().width, reader.info().height);
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(AppError::validation(format!(
            "Ảnh {w}×{h} điểm ảnh quá lớn hoặc rỗng: hãy dùng ảnh PNG không quá {MAX_SIDE} điểm ảnh mỗi chiều."
        )));
    }
    let size_mm = reader.info().pixel_dims.and_then(|d| {
        (d.unit == png::Unit::Meter && d.xppu > 0 && d.yppu > 0)
            .then(|| (w as f32 * 1000.0 / d.xppu as f32, h as f32 * 1000.0 / d.yppu as f32))
    });
    let size = reader.output_buffer_size().ok_or_else(|| bad("kích thước không hợp lệ".into()))?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| bad(e.to_string()))?;
    buf.truncate(info.buffer_size());
    let (channels, has_alpha) = match info.color_type {
        png::ColorType::Grayscale => (1u8, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (3, true),
        png::ColorType::Indexed => return Err(bad("bảng màu chưa được mở rộng".into())),
    };
    let stride = channels as usize + usize::from(has_alpha);
    let line = info.line_size;
    let mut color = Vec::with_capacity((w * h) as usize * channels as usize);
    let mut alpha = has_alpha.then(|| Vec::with_capacity((w * h) as usize));
    for row in buf.chunks(line).take(h as usize) {
        for px in row.chunks(stride).take(w as usize) {
            color.extend_from_slice(&px[..channels as usize]);
            if let Some(a) = alpha.as_mut() {
                a.push(px[channels as usize]);
            }
        }
    }
    Ok(Png { width: w, height: h, color, channels, alpha, size_mm })
}

fn deflate(data: &[u8]) -> Result<Vec<u8>> {
    let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).and_then(|_| e.finish()).map_err(|err| AppError::storage(format!("Không nén được ảnh: {err}")))
}

fn image_stream(w: u32, h: u32, space: &str, data: &[u8]) -> Result<Stream> {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Image".to_vec()));
    d.set("Width", Object::Integer(i64::from(w)));
    d.set("Height", Object::Integer(i64::from(h)));
    d.set("ColorSpace", Object::Name(space.as_bytes().to_vec()));
    d.set("BitsPerComponent", Object::Integer(8));
    d.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    Ok(Stream::new(d, deflate(data)?))
}

/// The image and, when the PNG has alpha, its soft mask (to be given an object number and
/// referred to from the image's /SMask).
pub fn xobjects(png: &Png) -> Result<(Stream, Option<Stream>)> {
    let space = if png.channels == 1 { "DeviceGray" } else { "DeviceRGB" };
    let image = image_stream(png.width, png.height, space, &png.color)?;
    let mask = match &png.alpha {
        Some(a) => Some(image_stream(png.width, png.height, "DeviceGray", a)?),
        None => None,
    };
    Ok((image, mask))
}
