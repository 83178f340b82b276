//! The PDF writer: positioned pages in, bytes out.
//!
//! It decides nothing about layout: every glyph, rule and image arrives with its
//! position. What it owns is correctness of the file:
//!
//! - **Fonts as subsets.** printpdf only subsets through its `text_layout` feature,
//!   which cvc does not use, so the used glyphs of each face are subset here with the
//!   `subsetter` crate, renumbered, and the face is named `ABCDEF+PostScriptName` with
//!   a tag derived from the face and its glyphs (never random).
//! - **A true text layer.** Text goes to printpdf as the characters themselves, one
//!   string per run, through a character→glyph map of the subset font; printpdf's
//!   ToUnicode map comes from the same pairs, so every word reads back, accents
//!   included. Spaces are real space glyphs, and a word broken across lines carries
//!   `/ActualText` so it reads back whole.
//! - **Exact positions.** One text matrix per baseline; every other move (kerning,
//!   justified spaces) is a TJ number computed against the viewer's own `/W` pen.
//! - **Speed.** Streams are deflated here (level 6, two threads) rather than by
//!   lopdf, whose fixed level 9 was most of a build's time.
//! - **Identical bytes for identical input.** Fonts and images get fixed resource
//!   names, no clock is read (dates only from `SOURCE_DATE_EPOCH`), and the trailer
//!   `/ID` is a hash of the file itself.
//! - **What printpdf gets wrong or lacks**, fixed on the lopdf document: the outline
//!   (one bookmark per section, in order, jumping to the heading), `/PageMode` as a
//!   name, PDF 1.7 in the header, no spurious PDF/X keys in the Info dictionary.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    Actions, BorderArray, Color as PdfColor, ColorArray, ExternalStream, ExternalXObject, FontId,
    FontMetrics, FontType, LinkAnnotation, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfFontMetricsStub, PdfPage, PdfSaveOptions, Pt, Rect, Rgb, TextItem,
    TextMatrix, XObject, XObjectId, XObjectTransform,
};

use crate::fonts::{FaceId, FontSet, Metrics};
use crate::images::{Image, ImageData};
use crate::layout::{Item, Meta};
use crate::paginate::Pages;
use crate::text::Color;

/// What the writer needs besides the pages.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// "cvc 0.1.0", for the Info dictionary.
    pub creator: String,
    /// Seconds since 1970 for CreationDate/ModDate (from `SOURCE_DATE_EPOCH`); no
    /// dates are written without it.
    pub date: Option<i64>,
}

/// Write `pages` as a PDF.
pub fn write(
    pages: &Pages,
    meta: &Meta,
    fonts: &FontSet,
    metrics: &Metrics,
    opts: &PdfOptions,
) -> Result<Vec<u8>, String> {
    let mut doc = PdfDocument::new(&meta.title);
    doc.metadata.info.author = meta.author.clone();
    doc.metadata.info.subject = meta.subject.clone();
    doc.metadata.info.keywords = meta.keywords.clone();
    doc.metadata.info.creator = opts.creator.clone();
    doc.metadata.info.producer = opts.creator.clone();

    // Subset every face that is used, and remember each glyph's new id and the
    // characters it shows (one glyph may show several: space and no-break space).
    let mut used: BTreeMap<FaceId, BTreeSet<(u16, char)>> = BTreeMap::new();
    for page in &pages.pages {
        for item in &page.items {
            if let Item::Text { run, .. } = item {
                used.entry(run.face)
                    .or_default()
                    .extend(run.glyphs.iter().map(|g| (g.gid, g.ch)));
            }
        }
    }
    let mut embedded: BTreeMap<FaceId, Embedded> = BTreeMap::new();
    for (face, glyphs) in &used {
        let (parsed, remap) = subset_face(fonts, metrics, *face, glyphs)?;
        embedded.insert(
            *face,
            Embedded::new(&remap, &parsed.glyph_widths, f32::from(parsed.units_per_em)),
        );
        doc.resources
            .fonts
            .map
            .insert(font_id(*face), PdfFont::new(parsed));
    }

    // Images, under fixed names.
    let mut images: Vec<Arc<Image>> = Vec::new();
    for page in &pages.pages {
        for item in &page.items {
            if let Item::Image { image, .. } = item {
                if !images.iter().any(|i| Arc::ptr_eq(i, image)) {
                    images.push(image.clone());
                    let id = XObjectId(format!("Im{}", images.len()));
                    doc.resources
                        .xobjects
                        .map
                        .insert(id, XObject::External(image_xobject(image)));
                }
            }
        }
    }

    let (w_mm, h_mm) = (pages.width * 25.4 / 72.0, pages.height * 25.4 / 72.0);
    for page in &pages.pages {
        let ops = page_ops(page, pages.height, &embedded, &images);
        doc.pages.push(PdfPage::new(Mm(w_mm), Mm(h_mm), ops));
    }

    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&save, &mut warnings);
    finish(&mut lo, pages, opts)?;
    compress(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| format!("cannot serialise the PDF: {e}"))?;
    stamp_id(&mut bytes);
    Ok(bytes)
}

/// A face as embedded, indexed by original glyph id: the new id in the subset, and
/// the advance a viewer uses (the `/W` entry printpdf writes: whole thousandths of
/// an em, truncated).
struct Embedded {
    glyphs: Vec<(u16, f32)>,
}

impl Embedded {
    fn new(remap: &BTreeMap<u16, u16>, widths: &BTreeMap<u16, u16>, upem: f32) -> Self {
        let len = remap.keys().next_back().map_or(0, |g| usize::from(*g) + 1);
        let mut glyphs = vec![(0, 0.0); len];
        for (old, new) in remap {
            let w = widths.get(new).copied().unwrap_or(0);
            glyphs[usize::from(*old)] = (*new, (f32::from(w) * 1000.0 / upem).trunc());
        }
        Embedded { glyphs }
    }

    fn get(&self, gid: u16) -> (u16, f32) {
        self.glyphs
            .get(usize::from(gid))
            .copied()
            .unwrap_or((0, 0.0))
    }
}

/// Round to hundredths (of a thousandth of an em): finer than any device resolution,
/// and it keeps float noise out of the content streams.
fn round2(v: f32) -> f32 {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

fn font_id(face: FaceId) -> FontId {
    FontId(format!("F{}", face.0 + 1))
}

/// Subset one face to `glyphs` (glyph id and a character it shows); return it as
/// printpdf's font and the old→new ids.
///
/// The font's character map is filled with each character's *new* glyph id, so the
/// content stream can carry text as strings (one per run, not one per glyph), which
/// printpdf encodes through that map; its ToUnicode map comes from the same pairs.
/// That is exact because cvc does no shaping: within a face, a character is always
/// drawn by the same glyph.
fn subset_face(
    fonts: &FontSet,
    metrics: &Metrics,
    face: FaceId,
    glyphs: &BTreeSet<(u16, char)>,
) -> Result<(ParsedFont, BTreeMap<u16, u16>), String> {
    let data = fonts.data(face);
    let list: Vec<u16> = glyphs.iter().map(|(g, _)| *g).collect();
    let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&list);
    let bytes = subsetter::subset(&data.data, 0, &remapper)
        .map_err(|e| format!("cannot subset font `{}`: {e:?}", data.postscript_name))?;
    let mut remap = BTreeMap::new();
    let mut widths = BTreeMap::new();
    let mut cmap = BTreeMap::new();
    let upem = metrics.units_per_em(face);
    for (gid, ch) in glyphs {
        let new = remapper.get(*gid).ok_or("glyph missing from its subset")?;
        remap.insert(*gid, new);
        cmap.insert(u32::from(*ch), new);
        let advance = metrics
            .face(face)
            .glyph_hor_advance(ttf_parser::GlyphId(*gid))
            .unwrap_or(0);
        widths.insert(new, advance);
    }
    let f = metrics.face(face);
    let bbox = f.global_bounding_box();
    let tag = subset_tag(&data.postscript_name, &list);
    let parsed = ParsedFont {
        original_bytes: bytes,
        font_index: 0,
        font_name: Some(format!("{tag}+{}", data.postscript_name)),
        codepoint_to_glyph: cmap,
        glyph_widths: widths,
        units_per_em: upem,
        font_metrics: FontMetrics {
            ascent: f.ascender(),
            descent: f.descender(),
        },
        // CFF-flavoured OpenType fonts subset to CFF and embed as FontFile3.
        font_type: if f.tables().cff.is_some() {
            FontType::OpenTypeCFF(())
        } else {
            FontType::TrueType
        },
        pdf_font_metrics: PdfFontMetricsStub {
            units_per_em: upem,
            x_min: bbox.x_min,
            y_min: bbox.y_min,
            x_max: bbox.x_max,
            y_max: bbox.y_max,
            // printpdf derives /ItalicAngle as -atan2(run, rise).
            caret_slope_rise: 1000,
            caret_slope_run: (-f.italic_angle().to_radians().tan() * 1000.0).round() as i16,
            us_weight_class: f.weight().to_number(),
        },
    };
    Ok((parsed, remap))
}

/// Six capital letters from the face name and its glyph set: the same subset always
/// gets the same tag.
fn subset_tag(name: &str, glyphs: &[u16]) -> String {
    let mut h = Fnv::new(0);
    h.write(name.as_bytes());
    for g in glyphs {
        h.write(&g.to_be_bytes());
    }
    let mut v = h.finish();
    (0..6)
        .map(|_| {
            let c = (b'A' + (v % 26) as u8) as char;
            v /= 26;
            c
        })
        .collect()
}

fn image_xobject(image: &Image) -> ExternalXObject {
    use printpdf::DictItem;
    let mut dict = BTreeMap::new();
    dict.insert("Type".to_string(), DictItem::Name(b"XObject".to_vec()));
    dict.insert("Subtype".to_string(), DictItem::Name(b"Image".to_vec()));
    dict.insert("Width".to_string(), DictItem::Int(i64::from(image.width)));
    dict.insert("Height".to_string(), DictItem::Int(i64::from(image.height)));
    dict.insert("BitsPerComponent".to_string(), DictItem::Int(8));
    let content = match &image.data {
        ImageData::Jpeg { bytes, components } => {
            let space: &[u8] = if *components == 1 {
                b"DeviceGray"
            } else {
                b"DeviceRGB"
            };
            dict.insert("ColorSpace".to_string(), DictItem::Name(space.to_vec()));
            dict.insert("Filter".to_string(), DictItem::Name(b"DCTDecode".to_vec()));
            bytes.clone()
        }
        ImageData::Rgb(pixels) => {
            dict.insert(
                "ColorSpace".to_string(),
                DictItem::Name(b"DeviceRGB".to_vec()),
            );
            pixels.clone()
        }
    };
    ExternalXObject {
        stream: ExternalStream {
            dict,
            content,
            compress: matches!(image.data, ImageData::Rgb(_)),
        },
        width: None,
        height: None,
        dpi: None,
    }
}

fn rgb(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb {
        r: c.0[0],
        g: c.0[1],
        b: c.0[2],
        icc_profile: None,
    })
}

/// The drawing operations of one page. `height` flips y: layout measures from the
/// top, PDF from the bottom.
fn page_ops(
    page: &crate::paginate::Page,
    height: f32,
    fonts: &BTreeMap<FaceId, Embedded>,
    images: &[Arc<Image>],
) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut fill: Option<Color> = None;
    for item in &page.items {
        match item {
            Item::Rule {
                x,
                y,
                width,
                thickness,
                color,
            } => {
                ops.push(Op::SetFillColor { col: rgb(*color) });
                fill = Some(*color);
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(height - y - thickness),
                        width: Pt(*width),
                        height: Pt(*thickness),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Item::Image {
                x,
                y,
                width: w,
                height: h,
                image,
            } => {
                let index = images
                    .iter()
                    .position(|i| Arc::ptr_eq(i, image))
                    .unwrap_or(0)
                    + 1;
                ops.push(Op::UseXobject {
                    id: XObjectId(format!("Im{index}")),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(*x)),
                        translate_y: Some(Pt(height - y - h)),
                        scale_x: Some(*w),
                        scale_y: Some(*h),
                        no_auto_scale: true,
                        ..Default::default()
                    },
                });
            }
            Item::Text { .. } => {}
        }
    }

    text_ops(page, height, fonts, &mut ops, &mut fill);

    // Links: one annotation per stretch of adjacent runs with the same target.
    let mut links: Vec<(String, f32, f32, f32, f32)> = Vec::new();
    for item in &page.items {
        let Item::Text { x, baseline, run } = item else {
            continue;
        };
        let Some(url) = &run.link else {
            continue;
        };
        let (x0, x1) = (*x, x + run.width());
        let (top, bottom) = (baseline - run.size * 0.8, baseline + run.size * 0.25);
        if let Some(last) = links.last_mut() {
            if &last.0 == url
                && (last.3 - top).abs() < 0.5
                && x0 >= last.2 - 0.5
                && x0 - last.2 < run.size * 0.8
            {
                last.2 = x1;
                continue;
            }
        }
        links.push((url.clone(), x0, x1, top, bottom));
    }
    for (url, x0, x1, top, bottom) in links {
        ops.push(Op::LinkAnnotation {
            link: LinkAnnotation::new(
                Rect::from_xywh(Pt(x0), Pt(height - bottom), Pt(x1 - x0), Pt(bottom - top)),
                Actions::Uri(url),
                Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                Some(ColorArray::Transparent),
                None,
            ),
        });
    }
    ops
}

/// Deflate every stream that may be compressed, on two threads. lopdf's own
/// `compress` always uses the slowest level, which made it most of the build time;
/// level 6 gives files within 2% of its size in a fraction of the time.
fn compress(doc: &mut lopdf::Document) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    // Alternate streams between the halves so both get a similar share of bytes.
    let (mut odd, mut even): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
    for (i, s) in streams.drain(..).enumerate() {
        if i % 2 == 0 {
            even.push(s);
        } else {
            odd.push(s);
        }
    }
    std::thread::scope(|scope| {
        scope.spawn(|| deflate_all(&mut odd));
        deflate_all(&mut even);
    });
}

/// Deflate streams one after another with one compressor: its state (hundreds of
/// kilobytes) is allocated and cleared once, not once per stream.
fn deflate_all(streams: &mut [&mut lopdf::Stream]) {
    let mut z = flate2::Compress::new(flate2::Compression::new(COMPRESSION), true);
    for stream in streams.iter_mut() {
        z.reset();
        let mut out = Vec::with_capacity(stream.content.len() / 2 + 64);
        loop {
            let consumed = z.total_in() as usize;
            let status = z.compress_vec(
                &stream.content[consumed..],
                &mut out,
                flate2::FlushCompress::Finish,
            );
            match status {
                Ok(flate2::Status::StreamEnd) => break,
                Ok(_) => out.reserve(out.capacity().max(4096)),
                Err(_) => return,
            }
        }
        if out.len() < stream.content.len() {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(out);
        }
    }
}

/// The zlib level for streams.
const COMPRESSION: u32 = 6;

/// The page's text, in one text object, in the order layout produced (reading
/// order). Each baseline gets one text matrix; from there the pen is tracked exactly
/// as a viewer tracks it (the font's `/W` widths, in whole thousandths of an em), and
/// every difference from layout's positions (kerning, justified spaces, the jump from
/// the date column to the entry) becomes one TJ number. So the text lands where
/// layout put it, to a hundredth of a thousandth of an em, for any font. Runs that
/// share font, colour and baseline go into one text-showing operator.
fn text_ops(
    page: &crate::paginate::Page,
    height: f32,
    fonts: &BTreeMap<FaceId, Embedded>,
    ops: &mut Vec<Op>,
    fill: &mut Option<Color>,
) {
    let mut font: Option<(FaceId, f32)> = None;
    let mut line: Option<f32> = None;
    let mut pen = 0.0f32;
    let mut pending: Vec<TextItem> = Vec::new();
    let flush = |pending: &mut Vec<TextItem>, ops: &mut Vec<Op>| {
        if !pending.is_empty() {
            ops.push(Op::ShowText {
                items: std::mem::take(pending),
            });
        }
    };
    let mut started = false;
    for item in &page.items {
        let Item::Text { x, baseline, run } = item else {
            continue;
        };
        if !started {
            ops.push(Op::StartTextSection);
            started = true;
        }
        if font != Some((run.face, run.size)) {
            flush(&mut pending, ops);
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(run.face)),
                size: Pt(run.size),
            });
            font = Some((run.face, run.size));
        }
        if *fill != Some(run.color) {
            flush(&mut pending, ops);
            ops.push(Op::SetFillColor {
                col: rgb(run.color),
            });
            *fill = Some(run.color);
        }
        if line != Some(*baseline) {
            flush(&mut pending, ops);
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(*x), Pt(height - baseline)),
            });
            line = Some(*baseline);
            pen = *x;
        }
        if run.actual.is_some() {
            flush(&mut pending, ops);
        }
        let scale = run.size / 1000.0;
        let gap = round2((pen - x) / scale);
        if gap != 0.0 {
            pending.push(TextItem::Offset(gap));
            pen -= gap * scale;
        }
        let face = &fonts[&run.face];
        // The run as text, cut where a TJ number must move the pen (kerning, or a
        // glyph whose PDF width differs from its measured advance).
        // Continue the text piece the previous run ended with, if nothing moved the pen.
        let mut piece = match pending.last() {
            Some(TextItem::Text(_)) => match pending.pop() {
                Some(TextItem::Text(t)) => t,
                _ => String::new(),
            },
            _ => String::new(),
        };
        for g in &run.glyphs {
            let (_, viewer) = face.get(g.gid);
            piece.push(g.ch);
            // TJ numbers are subtracted from the pen: positive = closer.
            let offset = round2(viewer - (g.advance + g.kern) / scale);
            pen += (viewer - offset) * scale;
            if offset != 0.0 {
                pending.push(TextItem::Text(std::mem::take(&mut piece)));
                pending.push(TextItem::Offset(offset));
            }
        }
        if !piece.is_empty() {
            pending.push(TextItem::Text(piece));
        }
        if let Some(actual) = &run.actual {
            ops.push(actual_text(actual));
            flush(&mut pending, ops);
            ops.push(Op::EndMarkedContent);
        }
    }
    flush(&mut pending, ops);
    if started {
        ops.push(Op::EndTextSection);
    }
}

/// `/Span <</ActualText (…)>> BDC`: a text extractor reads `text` instead of the
/// glyphs that follow, up to the matching `EMC`. Used for words broken across lines:
/// the first fragment reads as the whole word, the others as nothing.
fn actual_text(text: &str) -> Op {
    let mut bytes = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    let mut map = BTreeMap::new();
    map.insert(
        "ActualText".to_string(),
        printpdf::DictItem::String {
            data: bytes,
            literal: false,
        },
    );
    Op::BeginMarkedContentWithProperties {
        tag: "Span".to_string(),
        properties: printpdf::DictItem::Dict { map },
    }
}

/// Fix what printpdf writes on the lopdf document: version, Info keys, outline.
fn finish(doc: &mut lopdf::Document, pages: &Pages, opts: &PdfOptions) -> Result<(), String> {
    doc.version = "1.7".to_string();
    let info_id = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(|e| format!("PDF has no Info dictionary: {e}"))?;
    if let Ok(info) = doc.get_object_mut(info_id).and_then(Object::as_dict_mut) {
        for key in [
            "GTS_PDFXVersion",
            "Identifier",
            "Trapped",
            "CreationDate",
            "ModDate",
        ] {
            info.remove(key.as_bytes());
        }
        if let Some(secs) = opts.date {
            let stamp = Object::string_literal(pdf_date(secs));
            info.set("CreationDate", stamp.clone());
            info.set("ModDate", stamp);
        }
    }

    let page_ids: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    if !pages.outline.is_empty() {
        let root = doc.new_object_id();
        let ids: Vec<lopdf::ObjectId> = pages.outline.iter().map(|_| doc.new_object_id()).collect();
        for (i, bm) in pages.outline.iter().enumerate() {
            let page = page_ids
                .get(bm.page)
                .copied()
                .ok_or("bookmark on a missing page")?;
            let mut d = Dictionary::new();
            d.set("Title", utf16(&bm.title));
            d.set("Parent", Object::Reference(root));
            d.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(pages.height - bm.y + 4.0),
                    Object::Null,
                ]),
            );
            if i > 0 {
                d.set("Prev", Object::Reference(ids[i - 1]));
            }
            if i + 1 < ids.len() {
                d.set("Next", Object::Reference(ids[i + 1]));
            }
            doc.objects.insert(ids[i], Object::Dictionary(d));
        }
        let mut outlines = Dictionary::new();
        outlines.set("Type", Object::Name(b"Outlines".to_vec()));
        outlines.set("First", Object::Reference(ids[0]));
        outlines.set("Last", Object::Reference(ids[ids.len() - 1]));
        outlines.set("Count", Object::Integer(ids.len() as i64));
        doc.objects.insert(root, Object::Dictionary(outlines));
        let catalog = doc
            .catalog_mut()
            .map_err(|e| format!("PDF has no catalog: {e}"))?;
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    } else {
        let catalog = doc
            .catalog_mut()
            .map_err(|e| format!("PDF has no catalog: {e}"))?;
        catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
    }
    // A placeholder the final hash replaces (same length, so offsets stay valid).
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    Ok(())
}

/// 16 bytes that cannot occur by chance; written as 32 hex digits.
const ID_PLACEHOLDER: &[u8; 16] = b"cvc-id-to-stamp!";

/// Replace the trailer ID placeholder with a hash of the whole file.
fn stamp_id(bytes: &mut [u8]) {
    let hex_placeholder: String = ID_PLACEHOLDER.iter().map(|b| format!("{b:02X}")).collect();
    let hex_placeholder = hex_placeholder.as_bytes();
    let mut hash = Fnv::new(0);
    hash.write(bytes);
    let a = hash.finish();
    let mut hash2 = Fnv::new(1);
    hash2.write(bytes);
    let b = hash2.finish();
    let id = format!("{a:016X}{b:016X}");
    let mut i = 0;
    while i + hex_placeholder.len() <= bytes.len() {
        if bytes[i..].starts_with(hex_placeholder) {
            bytes[i..i + hex_placeholder.len()].copy_from_slice(id.as_bytes());
            i += hex_placeholder.len();
        } else {
            i += 1;
        }
    }
}

/// `D:YYYYMMDDHHmmSSZ` for seconds since the epoch (UTC).
fn pdf_date(secs: i64) -> String {
    let (year, month, day) = crate::dates::civil(secs);
    let rem = secs.rem_euclid(86_400);
    format!(
        "D:{year:04}{month:02}{day:02}{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// A text string in UTF-16BE with a byte-order mark, as PDF wants non-ASCII text.
fn utf16(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// FNV-1a, 64-bit: a tiny stable hash for subset tags and the document ID.
struct Fnv(u64);

impl Fnv {
    fn new(seed: u64) -> Self {
        Fnv(0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_pdf_dates() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_700_000_000), "D:20231114221320Z");
    }

    #[test]
    fn subset_tags_are_stable_capitals() {
        let a = subset_tag("SourceSerif4-Regular", &[1, 2, 3]);
        assert_eq!(a, subset_tag("SourceSerif4-Regular", &[1, 2, 3]));
        assert_ne!(a, subset_tag("SourceSerif4-Regular", &[1, 2, 4]));
        assert!(a.len() == 6 && a.bytes().all(|b| b.is_ascii_uppercase()));
    }
}
