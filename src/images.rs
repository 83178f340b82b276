//! Images: the header photo, read once and handed to typesetting and the PDF writer.
//!
//! A JPEG is embedded as it is (its bytes are already a PDF `DCTDecode` stream), once
//! its structure has been walked to the end marker and its pixels decode; a PNG is
//! decoded, any transparency is flattened onto white paper, and the pixels are
//! embedded losslessly. Dimensions are read from the header and checked against
//! [`MAX_PIXELS`] before anything is decoded, and decoding runs under a memory limit,
//! so a small file that claims a huge image costs nothing.

use std::io::Cursor;
use std::path::Path;

use image::{ImageFormat, ImageReader, Limits};

use crate::diag::{Code, Diagnostic, Origin};

/// The most pixels a photo may have: 50 million (8,660 × 5,773), more than any camera
/// photo needs. A CV photo prints a few centimetres tall.
pub const MAX_PIXELS: u64 = 50_000_000;

/// The most memory the decoded image may take (a 16-bit RGBA image of 32 million
/// pixels); flattening it to 8-bit RGB adds at most 3 bytes a pixel.
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

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

/// Read a PNG or JPEG file, named at `at` (the CV's `photo`).
pub fn load(path: &Path, at: Option<Origin>) -> Result<Image, Diagnostic> {
    let error = |message| Diagnostic::error(Code::Image, message, at);
    let bytes = crate::files::read(path, crate::files::PHOTO)
        .map_err(|e| error(format!("cannot read `{}`: {e}", path.display())))?;
    decode(&bytes).map_err(|e| error(format!("cannot use `{}` as a photo: {e}", path.display())))
}

/// A photo from the bytes of a PNG or JPEG file; the error is the reason.
pub fn decode(bytes: &[u8]) -> Result<Image, String> {
    let format =
        image::guess_format(bytes).map_err(|_| "it is not a PNG or JPEG image".to_string())?;
    match format {
        ImageFormat::Jpeg => {
            let (width, height, components) = jpeg_structure(bytes)?;
            check_size(width, height)?;
            let pixels = decode_pixels(bytes, format)?;
            if matches!(components, 1 | 3) {
                return Ok(Image {
                    width,
                    height,
                    data: ImageData::Jpeg {
                        bytes: bytes.to_vec(),
                        components,
                    },
                });
            }
            Ok(pixels)
        }
        ImageFormat::Png => decode_pixels(bytes, format),
        other => Err(format!(
            "it is a {} image; use PNG or JPEG",
            other.extensions_str().first().map_or("different", |e| e)
        )),
    }
}

fn check_size(width: u32, height: u32) -> Result<(), String> {
    if width == 0 || height == 0 {
        return Err(format!("it claims to be {width} × {height} pixels"));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "it is {width} × {height} pixels; a photo may have at most {} million pixels",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// The decoder's limits: no more pixels than [`MAX_PIXELS`] allows on either side, no
/// more memory than [`MAX_DECODE_BYTES`].
fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_PIXELS as u32);
    limits.max_image_height = Some(MAX_PIXELS as u32);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

fn decode_pixels(bytes: &[u8], format: ImageFormat) -> Result<Image, String> {
    let reader = || {
        let mut r = ImageReader::with_format(Cursor::new(bytes), format);
        r.limits(limits());
        r
    };
    let (width, height) = reader().into_dimensions().map_err(|e| reason(&e))?;
    check_size(width, height)?;
    let img = reader().decode().map_err(|e| reason(&e))?;
    let (width, height) = (img.width(), img.height());
    let rgb = match img {
        image::DynamicImage::ImageRgb8(buf) => buf.into_raw(),
        image::DynamicImage::ImageRgba8(buf) => over_white(buf.as_raw()),
        // Other depths and channels one pixel at a time, without a copy of the
        // whole image in between.
        other => {
            use image::GenericImageView as _;
            let mut rgb = Vec::with_capacity(width as usize * height as usize * 3);
            for (_, _, px) in other.pixels() {
                rgb.extend_from_slice(&on_white(px.0));
            }
            rgb
        }
    };
    Ok(Image {
        width,
        height,
        data: ImageData::Rgb(rgb),
    })
}

/// Why the `image` crate could not read a photo, in a user's words (its own
/// messages quote chunk structures and decoder internals).
fn reason(e: &image::ImageError) -> String {
    use image::ImageError::*;
    match e {
        Limits(_) => "it is too large to decode within cvc's memory limit (256 MiB)".into(),
        Unsupported(_) => {
            "it uses a feature of its format cvc cannot read (save it again as a plain PNG or a baseline JPEG)".into()
        }
        IoError(_) => "it is cut short: its data ends too early".into(),
        _ => "its data is damaged, or encoded in a way cvc does not read (save it again as a plain PNG or JPEG)".into(),
    }
}

/// RGBA pixels flattened onto white paper.
fn over_white(rgba: &[u8]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(rgba.len() / 4 * 3);
    for px in rgba.chunks_exact(4) {
        rgb.extend_from_slice(&on_white([px[0], px[1], px[2], px[3]]));
    }
    rgb
}

/// One RGBA pixel on white paper.
fn on_white([r, g, b, a]: [u8; 4]) -> [u8; 3] {
    let a = u16::from(a);
    let blend = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
    [blend(r), blend(g), blend(b)]
}

/// Walk a JPEG's markers from its start to its end marker: width, height and
/// component count from its frame header. A file cut short, or whose segments do not
/// chain, is an error: embedded as it is, it would show as a broken image.
fn jpeg_structure(b: &[u8]) -> Result<(u32, u32, u8), String> {
    let cut = || "it is cut short: the image data ends before its end marker".to_string();
    let broken = || "its structure is broken (not a valid JPEG)".to_string();
    if !b.starts_with(&[0xFF, 0xD8]) {
        return Err(broken());
    }
    let mut frame = None;
    let mut i = 2;
    loop {
        if *b.get(i).ok_or_else(cut)? != 0xFF {
            return Err(broken());
        }
        while b.get(i) == Some(&0xFF) {
            i += 1;
        }
        let marker = *b.get(i).ok_or_else(cut)?;
        i += 1;
        match marker {
            0xD9 => return frame.ok_or_else(|| "it has no frame header (no image)".to_string()),
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([
            *b.get(i).ok_or_else(cut)?,
            *b.get(i + 1).ok_or_else(cut)?,
        ]));
        if len < 2 {
            return Err(broken());
        }
        let segment = b.get(i + 2..i + len).ok_or_else(cut)?;
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let field = |k: usize| segment.get(k).copied().ok_or_else(broken);
            let height = u32::from(u16::from_be_bytes([field(1)?, field(2)?]));
            let width = u32::from(u16::from_be_bytes([field(3)?, field(4)?]));
            frame = Some((width, height, field(5)?));
        }
        i += len;
        if marker == 0xDA {
            // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00
            // or a restart marker.
            loop {
                match (b.get(i), b.get(i + 1)) {
                    (Some(0xFF), Some(&next)) if next != 0 && !(0xD0..=0xD7).contains(&next) => {
                        break
                    }
                    (Some(_), Some(_)) => i += 1,
                    _ => return Err(cut()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small JPEG made by the `image` crate.
    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x * 7) as u8, (y * 5) as u8, 128])
        });
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Jpeg).unwrap();
        out.into_inner()
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(width, height, image::Rgba([10, 20, 30, 0]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_jpeg_is_embedded_as_it_is_and_a_png_is_flattened() {
        let bytes = jpeg(40, 30);
        let img = decode(&bytes).unwrap();
        assert_eq!((img.width, img.height), (40, 30));
        assert!(
            matches!(img.data, ImageData::Jpeg { components: 3, ref bytes } if bytes.len() > 100)
        );
        let img = decode(&png(3, 2)).unwrap();
        assert_eq!(
            img.data,
            ImageData::Rgb(vec![255; 18]),
            "transparent is white paper"
        );
    }

    #[test]
    fn a_truncated_jpeg_is_refused() {
        let bytes = jpeg(64, 64);
        for cut in [bytes.len() - 2, bytes.len() / 2, 20, 3] {
            let err = decode(&bytes[..cut]).unwrap_err();
            assert!(
                err.contains("cut short") || err.contains("broken"),
                "{cut}: {err}"
            );
        }
    }

    #[test]
    fn errors_of_the_decoder_are_said_in_a_users_words() {
        let mut bytes = png(4, 4);
        bytes[30] ^= 0xFF;
        let err = decode(&bytes).unwrap_err();
        assert!(err.starts_with("its data is damaged"), "{err}");
        assert!(!err.contains("ChunkType") && !err.contains("CRC"), "{err}");
    }

    /// A header that claims a size its data does not have is refused before any
    /// pixel is decoded.
    #[test]
    fn claimed_dimensions_are_checked_before_decoding() {
        let mut bytes = jpeg(16, 16);
        let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        bytes[sof + 5..sof + 9].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
        let err = decode(&bytes).unwrap_err();
        assert_eq!(
            err,
            "it is 65535 × 65535 pixels; a photo may have at most 50 million pixels"
        );
        let mut bytes = png(4, 4);
        // IHDR: width and height right after the chunk type, at bytes 16..24, and
        // the chunk's CRC (of its type and data) at 29..33.
        bytes[16..24].copy_from_slice(&[0, 0, 0x4E, 0x20, 0, 0, 0x4E, 0x20]);
        let mut crc = flate2::Crc::new();
        crc.update(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.sum().to_be_bytes());
        let err = decode(&bytes).unwrap_err();
        assert_eq!(
            err,
            "it is 20000 × 20000 pixels; a photo may have at most 50 million pixels"
        );
    }
}
