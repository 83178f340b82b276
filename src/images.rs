//! Images: the header photo, read once and handed to layout and the PDF writer.
//!
//! A JPEG is embedded as it is (its bytes are already a PDF `DCTDecode` stream); a PNG
//! is decoded, any transparency is flattened onto white paper, and the pixels are
//! embedded losslessly.

use std::io::Cursor;
use std::path::Path;

use image::ImageFormat;

#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub data: ImageData,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ImageData {
    /// A baseline or progressive JPEG with 1 (grey) or 3 (colour) components.
    Jpeg { bytes: Vec<u8>, components: u8 },
    /// 8-bit RGB pixels, row by row.
    Rgb(Vec<u8>),
}

/// Read a PNG or JPEG file. The error is a sentence for the user.
pub fn load(path: &Path) -> Result<Image, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "cannot read `{}`: {}",
            path.display(),
            crate::cli::io_reason(&e)
        )
    })?;
    decode(&bytes).map_err(|e| format!("cannot use `{}` as a photo: {e}", path.display()))
}

pub fn decode(bytes: &[u8]) -> Result<Image, String> {
    let format =
        image::guess_format(bytes).map_err(|_| "it is not a PNG or JPEG image".to_string())?;
    match format {
        ImageFormat::Jpeg => {
            if let Some((width, height, components @ (1 | 3))) = jpeg_frame(bytes) {
                return Ok(Image {
                    width,
                    height,
                    data: ImageData::Jpeg {
                        bytes: bytes.to_vec(),
                        components,
                    },
                });
            }
            decode_pixels(bytes, format)
        }
        ImageFormat::Png => decode_pixels(bytes, format),
        other => Err(format!("it is a {other:?} image; use PNG or JPEG")),
    }
}

fn decode_pixels(bytes: &[u8], format: ImageFormat) -> Result<Image, String> {
    let img = image::load(Cursor::new(bytes), format)
        .map_err(|e| format!("it cannot be decoded ({e})"))?;
    let rgba = img.to_rgba8();
    let (width, height) = rgba.dimensions();
    let mut rgb = Vec::with_capacity(width as usize * height as usize * 3);
    for px in rgba.pixels() {
        let [r, g, b, a] = px.0;
        let over_white =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a)) + 127) / 255) as u8;
        rgb.extend_from_slice(&[over_white(r), over_white(g), over_white(b)]);
    }
    Ok(Image {
        width,
        height,
        data: ImageData::Rgb(rgb),
    })
}

/// Width, height and component count from a JPEG's start-of-frame marker.
fn jpeg_frame(bytes: &[u8]) -> Option<(u32, u32, u8)> {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            let seg = bytes.get(i + 4..i + 2 + len)?;
            let height = u32::from(u16::from_be_bytes([*seg.get(1)?, *seg.get(2)?]));
            let width = u32::from(u16::from_be_bytes([*seg.get(3)?, *seg.get(4)?]));
            return Some((width, height, *seg.get(5)?));
        }
        i += 2 + len;
    }
    None
}
