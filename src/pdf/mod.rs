//! The PDF writer: positioned pages in, bytes out.
//!
//! It decides nothing about layout: every glyph, rule and image arrives with its
//! position. What it owns is correctness of the file:
//!
//! - **Fonts as subsets.** printpdf only subsets through its `text_layout` feature,
//!   which cvc does not use, so the used glyphs of each face are subset here with the
//!   `subsetter` crate, renumbered, and the face is named `ABCDEF+PostScriptName` with
//!   a tag derived from the face and its glyphs (never random).
//! - **A true text layer.** printpdf builds each face's ToUnicode map and `/W`
//!   widths from its glyphs, each shown once with the text it stands for (see
//!   [`glyph_inventory`]), so every word reads back, accents, ligatures and
//!   conjuncts included; a shaped run that reads left to right also carries
//!   `/ActualText`, its characters in reading order. Spaces are real space
//!   glyphs, and a word broken across lines carries `/ActualText` so it reads
//!   back whole.
//! - **Exact positions.** One text matrix per baseline; every other move (kerning,
//!   justified spaces) is a TJ number computed against the viewer's own `/W` pen.
//! - **Content streams of its own.** printpdf assembles the document (page tree,
//!   fonts, images, links, metadata), but the page content streams are written by
//!   [`content`] and put in place of printpdf's: going through printpdf's ops and
//!   lopdf's formatter cost a quarter of a build.
//! - **Speed.** Streams are deflated here (level 6) rather than by lopdf, whose fixed
//!   level 9 was most of a build's time; page contents are written and deflated on
//!   two threads while printpdf assembles the rest.
//! - **Identical bytes for identical input.** Fonts and images get fixed resource
//!   names, no clock is read (dates only from `SOURCE_DATE_EPOCH`), and the trailer
//!   `/ID` is a hash of the file itself.
//! - **What printpdf gets wrong or lacks**, fixed on the lopdf document: the outline
//!   (one bookmark per section, in order, jumping to the heading), `/PageMode` as a
//!   name, PDF 1.7 in the header, no spurious PDF/X keys in the Info dictionary.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher as _};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    Actions, BorderArray, Codepoint, ColorArray, ExternalStream, ExternalXObject, FontId,
    FontMetrics, FontType, LinkAnnotation, Mm, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfFontMetricsStub, PdfPage, PdfSaveOptions, Pt, Rect, TextItem, XObject, XObjectId,
};

use crate::diag::{Code, Diagnostic};
use crate::fonts::{FaceId, FontSet, Metrics};
use crate::images::{Image, ImageData};
use crate::paginate::Pages;
use crate::text::{Color, FxHasher, NON_JOINER, NO_CHAR};
use crate::typeset::{Element, Meta};

mod content;
use content::Content;

/// What the writer needs besides the pages.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// "cvc 0.1.0", for the Info dictionary.
    pub creator: String,
    /// Seconds since 1970 for CreationDate/ModDate (from `SOURCE_DATE_EPOCH`); no
    /// dates are written without it.
    pub date: Option<i64>,
}

/// What writing a PDF made, kept for the next one (`cvc watch`): subset font
/// programs by face and glyph list, and deflated streams by their bytes. A
/// rebuild after a small change embeds the same subsets and has most of its
/// pages unchanged; taking them from here gives the same bytes as making them
/// again, without the work. Subsets are keyed by face *id*: whoever keeps a cache
/// across builds clears it when the fonts change ([`Cache::clear`]). What one
/// write did not use is forgotten at the next ([`Cache::next_build`]).
#[derive(Default)]
pub struct Cache {
    subsets: Kept<(FaceId, Vec<u16>), Arc<[u8]>>,
    streams: Streams,
    /// The last write's pages and their content streams, deflated: a page the same
    /// as one of them, set with the same fonts, is not written again.
    written: Option<Written>,
    /// This write's content streams and what they were made with, until its pages
    /// are handed over ([`Cache::keep_pages`]).
    writing: Option<(Written, Vec<Packed>)>,
    /// Keeps nothing: a single write would only pay for copies it never uses.
    once: bool,
}

/// Entries of the last write, and of this one.
struct Kept<K, V> {
    last: HashMap<K, V>,
    this: HashMap<K, V>,
}

impl<K, V> Default for Kept<K, V> {
    fn default() -> Self {
        Kept {
            last: HashMap::default(),
            this: HashMap::default(),
        }
    }
}

/// Deflated streams by the hash of their raw bytes, shared by the writing
/// threads: those of the last write, and those of this one.
#[derive(Default)]
struct Streams {
    last: StreamTable,
    this: Mutex<StreamTable>,
    /// Compressors kept from one write to the next: each one's state is hundreds
    /// of kilobytes to allocate and clear.
    compressors: Mutex<Vec<flate2::Compress>>,
    /// Keeps nothing (see [`Cache::for_one_build`]).
    once: bool,
}

/// Raw bytes and what they deflate to, by the hash of the raw bytes (with
/// [`FxHasher`]: a stream crafted to collide only makes a look-up compare
/// bytes once more).
type StreamTable = HashMap<u64, Vec<Arc<(Vec<u8>, Packed)>>, BuildHasherDefault<FxHasher>>;

impl Cache {
    /// A cache for one write: it keeps nothing.
    pub fn for_one_build() -> Cache {
        Cache {
            streams: Streams {
                once: true,
                ..Streams::default()
            },
            once: true,
            ..Cache::default()
        }
    }

    /// Start the next write: what this one used or made is kept, the rest is
    /// forgotten.
    pub fn next_build(&mut self) {
        self.subsets.last = std::mem::take(&mut self.subsets.this);
        let this = self.streams.this.get_mut();
        self.streams.last = std::mem::take(this.unwrap_or_else(PoisonError::into_inner));
    }

    /// Forget the subsets and pages: the fonts changed, and a face id may be
    /// another face.
    pub fn clear(&mut self) {
        self.subsets = Kept::default();
        self.written = None;
    }

    /// Keep the pages just written (moved here once the PDF is made, not copied),
    /// to compare the next write's pages with.
    pub fn keep_pages(&mut self, pages: Vec<crate::paginate::Page>) {
        if let Some((mut written, packed)) = self.writing.take() {
            if packed.len() == pages.len() {
                written.pages = pages.into_iter().map(|p| p.elements).zip(packed).collect();
                self.written = Some(written);
            }
        }
    }

    /// The subset program of `list`, glyphs of `face`, made or taken from the
    /// last write.
    fn subset(
        &mut self,
        fonts: &FontSet,
        face: FaceId,
        list: &[u16],
        remapper: &subsetter::GlyphRemapper,
    ) -> Result<Arc<[u8]>, String> {
        let key = (face, list.to_vec());
        let kept = &mut self.subsets;
        let program = match kept
            .last
            .remove(&key)
            .or_else(|| kept.this.get(&key).cloned())
        {
            Some(program) => program,
            None => {
                let data = fonts.data(face);
                let program = data.subset(remapper).map_err(|_| {
                    format!(
                        "cannot embed font `{}`: its tables cannot be read (the file is damaged)",
                        data.postscript_name
                    )
                })?;
                Arc::from(program)
            }
        };
        if !self.once {
            kept.this.insert(key, program.clone());
        }
        Ok(program)
    }
}

/// A write's pages, each with its content stream deflated, and what the streams
/// depend on besides the page: its height (y is flipped), the subset fonts'
/// numbering and widths, and the images in order.
struct Written {
    height: f32,
    embedded: BTreeMap<FaceId, Embedded>,
    images: Vec<Arc<Image>>,
    pages: Vec<(Vec<Element>, Packed)>,
}

impl Written {
    /// Whether content streams written with these are those of `self`'s pages.
    fn same_setting(
        &self,
        height: f32,
        embedded: &BTreeMap<FaceId, Embedded>,
        images: &[Arc<Image>],
    ) -> bool {
        self.height == height && self.embedded == *embedded && self.images == images
    }

    /// The content stream of a page with `elements`: that of page `i` when it is
    /// the same (a rebuild that moved nothing), else of any page that is.
    fn page(&self, i: usize, elements: &[Element]) -> Option<&Packed> {
        let same = |(e, _): &&(Vec<Element>, Packed)| e.as_slice() == elements;
        let here = self.pages.get(i).filter(same);
        here.or_else(|| self.pages.iter().find(same))
            .map(|(_, p)| p)
    }
}

impl Streams {
    /// `raw` deflated, as before or by `z` (made when first needed: its state
    /// is hundreds of kilobytes to allocate and clear).
    fn pack(&self, z: &mut Option<flate2::Compress>, raw: Vec<u8>) -> Packed {
        if self.once {
            return deflate(compressor(z), &raw);
        }
        let mut h = FxHasher::default();
        h.write(&raw);
        let hash = h.finish();
        let same =
            |bucket: &Vec<Arc<(Vec<u8>, Packed)>>| bucket.iter().find(|e| e.0 == raw).cloned();
        let found = self.last.get(&hash).and_then(same);
        let mut this = self.this.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = found.or_else(|| this.get(&hash).and_then(same)) {
            let bucket = this.entry(hash).or_default();
            if !bucket.iter().any(|e| Arc::ptr_eq(e, &found)) {
                bucket.push(found.clone());
            }
            return found.1.clone();
        }
        drop(this);
        let packed = deflate(compressor(z), &raw);
        let entry = Arc::new((raw, packed.clone()));
        let mut this = self.this.lock().unwrap_or_else(PoisonError::into_inner);
        this.entry(hash).or_default().push(entry);
        packed
    }
}

/// Write `pages` as a PDF.
///
/// Two threads share the work. The jobs are the page content streams (written and
/// deflated) and the subset font programs (deflated); both threads take them in
/// turn, the main thread only after it has assembled the rest of the document
/// through printpdf. Each stream is deflated alone, so which thread took a job
/// never changes a byte.
pub fn write(
    pages: &Pages,
    meta: &Meta,
    fonts: &FontSet,
    metrics: &Metrics,
    opts: &PdfOptions,
) -> Result<Vec<u8>, Diagnostic> {
    write_with(
        pages,
        meta,
        fonts,
        metrics,
        opts,
        &mut Cache::for_one_build(),
    )
}

/// [`write`], with what earlier writes made at hand in `cache` (and what this
/// one makes kept there): the same bytes.
pub fn write_with(
    pages: &Pages,
    meta: &Meta,
    fonts: &FontSet,
    metrics: &Metrics,
    opts: &PdfOptions,
    cache: &mut Cache,
) -> Result<Vec<u8>, Diagnostic> {
    document(pages, meta, fonts, metrics, opts, cache)
        .map_err(|reason| Diagnostic::error(Code::Font, reason, None))
}

/// [`write`], with the reason it failed (a font printpdf cannot embed).
fn document(
    pages: &Pages,
    meta: &Meta,
    fonts: &FontSet,
    metrics: &Metrics,
    opts: &PdfOptions,
    cache: &mut Cache,
) -> Result<Vec<u8>, String> {
    let used = used_glyphs(pages);
    let mut faces = Vec::new();
    let mut embedded = BTreeMap::new();
    for (face, glyphs) in &used {
        let list: Vec<u16> = glyphs.shown.iter().map(|(g, _)| *g).collect();
        let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&list);
        embedded.insert(*face, Embedded::new(metrics, *face, &list, &remapper));
        let program = cache.subset(fonts, *face, &list, &remapper)?;
        faces.push(Subset {
            face: *face,
            name: fonts.data(*face).postscript_name.clone(),
            glyphs,
            list,
            remapper,
            program,
        });
    }

    // Images, under fixed names: `Im1`, `Im2`… in order of first use.
    let mut images: Vec<Arc<Image>> = Vec::new();
    for page in &pages.pages {
        for item in &page.elements {
            if let Element::Image { image, .. } = item {
                if !images.iter().any(|i| Arc::ptr_eq(i, image)) {
                    images.push(image.clone());
                }
            }
        }
    }

    // Job `i` is page `i`'s content stream, then the font programs; its result
    // goes into `done[i]`.
    let n = pages.pages.len();
    let next = AtomicUsize::new(0);
    let done: Vec<OnceLock<Packed>> = (0..n + faces.len()).map(|_| OnceLock::new()).collect();
    let streams = &cache.streams;
    let written = cache
        .written
        .as_ref()
        .filter(|w| w.same_setting(pages.height, &embedded, &images));
    let work = |z: &mut Deflater| loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let packed = if let Some(page) = pages.pages.get(i) {
            match written.and_then(|w| w.page(i, &page.elements)) {
                Some(packed) => packed.clone(),
                None => z.pack(page_content(page, pages.height, &embedded, &images)),
            }
        } else if let Some(subset) = faces.get(i - n) {
            z.pack(subset.program.to_vec())
        } else {
            break;
        };
        let _ = done[i].set(packed);
    };
    let Assembled {
        doc: mut lo,
        contents,
        programs,
    } = std::thread::scope(|scope| {
        scope.spawn(|| work(&mut Deflater::new(streams)));
        let mut z = Deflater::new(streams);
        let assembled = assemble(pages, meta, metrics, opts, &faces, &images, &mut z);
        work(&mut z);
        assembled
    })?;
    let mut done = done
        .into_iter()
        .map(|c| c.into_inner().ok_or("a stream of the PDF was not written"))
        .collect::<Result<Vec<_>, _>>()?;
    let mut packed_programs: Vec<Option<Packed>> =
        done.split_off(n).into_iter().map(Some).collect();
    if !cache.once {
        cache.writing = Some((
            Written {
                height: pages.height,
                embedded,
                images,
                pages: Vec::new(),
            },
            done.clone(),
        ));
    }
    replace_contents(&mut lo, &contents, done)?;
    for (id, k) in programs {
        let packed = packed_programs.get_mut(k).and_then(Option::take);
        if let (Ok(Object::Stream(stream)), Some(packed)) = (lo.get_object_mut(id), packed) {
            packed.store(stream);
        }
    }
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| format!("cannot serialise the PDF: {e}"))?;
    stamp_id(&mut bytes);
    Ok(bytes)
}

/// One face as embedded: its name, its used glyphs (with the characters they
/// show), their ids in order, the old→new numbering, and the subset font program.
struct Subset<'a> {
    face: FaceId,
    /// The face's PostScript name, without the subset tag.
    name: String,
    glyphs: &'a Used,
    list: Vec<u16>,
    remapper: subsetter::GlyphRemapper,
    program: Arc<[u8]>,
}

/// One face's used glyphs and the characters they show: one glyph may show
/// several (space and no-break space draw the same glyph), and a ligature shows
/// a string of them.
#[derive(Default)]
struct Used {
    shown: BTreeSet<(u16, char)>,
    ligatures: BTreeMap<u16, Box<str>>,
}

/// Each face's used glyphs.
fn used_glyphs(pages: &Pages) -> BTreeMap<FaceId, Used> {
    let mut used: BTreeMap<FaceId, Used> = BTreeMap::new();
    // The last character recorded for each glyph of each face: glyphs repeat with
    // the same character, and comparing is cheaper than inserting into the set.
    let mut last: Vec<Vec<Option<char>>> = Vec::new();
    for page in &pages.pages {
        for item in &page.elements {
            let Element::Text { run, .. } = item else {
                continue;
            };
            let face = usize::from(run.face.0);
            if last.len() <= face {
                last.resize(face + 1, Vec::new());
            }
            let seen = &mut last[face];
            for g in &run.glyphs {
                let gid = usize::from(g.gid);
                if seen.len() <= gid {
                    seen.resize(gid + 1, None);
                }
                if seen[gid] != Some(g.ch) {
                    seen[gid] = Some(g.ch);
                    used.entry(run.face)
                        .or_default()
                        .shown
                        .insert((g.gid, g.ch));
                }
            }
            for (gid, text) in run.shaped.iter().flat_map(|s| &s.ligatures) {
                let ligatures = &mut used.entry(run.face).or_default().ligatures;
                ligatures.entry(*gid).or_insert_with(|| text.clone());
            }
        }
    }
    used
}

/// The streams printpdf wrote the font programs into, with their index in
/// `faces`: found by their bytes, which printpdf embeds as given (for TrueType;
/// a stream it rewrote is simply not found, and is deflated with the others).
fn program_ids(doc: &lopdf::Document, faces: &[Subset]) -> Vec<(lopdf::ObjectId, usize)> {
    doc.objects
        .iter()
        .filter_map(|(id, object)| match object {
            Object::Stream(stream) => faces
                .iter()
                .position(|f| *f.program == *stream.content)
                .map(|k| (*id, k)),
            _ => None,
        })
        .collect()
}

/// The document printpdf assembled, and the streams in it that cvc fills once the
/// jobs are done: each page's content stream, in page order, and the font program
/// streams with their index in the faces.
struct Assembled {
    doc: lopdf::Document,
    contents: Vec<lopdf::ObjectId>,
    programs: Vec<(lopdf::ObjectId, usize)>,
}

/// Everything but the page contents, through printpdf: fonts, images, pages with
/// their links, metadata; then what printpdf gets wrong is fixed, and the streams
/// that are not page contents or font programs are deflated.
fn assemble(
    pages: &Pages,
    meta: &Meta,
    metrics: &Metrics,
    opts: &PdfOptions,
    faces: &[Subset],
    images: &[Arc<Image>],
    z: &mut Deflater,
) -> Result<Assembled, String> {
    let mut doc = PdfDocument::new(&meta.title);
    doc.metadata.info.author = meta.author.clone();
    doc.metadata.info.subject = meta.subject.clone();
    doc.metadata.info.keywords = meta.keywords.clone();
    doc.metadata.info.creator = opts.creator.clone();
    doc.metadata.info.producer = opts.creator.clone();
    for subset in faces {
        let parsed = printpdf_font(metrics, subset)?;
        doc.resources
            .fonts
            .map
            .insert(font_id(subset.face), PdfFont::new(parsed));
    }
    for (i, image) in images.iter().enumerate() {
        doc.resources.xobjects.map.insert(
            XObjectId(format!("Im{}", i + 1)),
            XObject::External(image_xobject(image)),
        );
    }
    let (w_mm, h_mm) = (pages.width * 25.4 / 72.0, pages.height * 25.4 / 72.0);
    for (i, page) in pages.pages.iter().enumerate() {
        let mut ops = page_links(page, pages.height);
        if i == 0 {
            ops.extend(glyph_inventory(faces));
        }
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
    let contents = content_ids(&lo)?;
    let programs = program_ids(&lo, faces);
    // Hashed: a document of many pages must not cost pages × streams.
    let filled_later: std::collections::HashSet<lopdf::ObjectId> = contents
        .iter()
        .copied()
        .chain(programs.iter().map(|&(id, _)| id))
        .collect();
    for (id, object) in lo.objects.iter_mut() {
        if let Object::Stream(stream) = object {
            if stream.allows_compression
                && stream.dict.get(b"Filter").is_err()
                && !filled_later.contains(id)
            {
                let content = std::mem::take(&mut stream.content);
                z.pack(content).store(stream);
            }
        }
    }
    Ok(Assembled {
        doc: lo,
        contents,
        programs,
    })
}

/// A face as embedded, indexed by original glyph id: the new id in the subset, and
/// the advance a viewer uses (the `/W` entry printpdf writes: whole thousandths of
/// an em, truncated).
#[derive(PartialEq)]
struct Embedded {
    glyphs: Vec<(u16, f32)>,
}

impl Embedded {
    fn new(
        metrics: &Metrics,
        face: FaceId,
        glyphs: &[u16],
        remapper: &subsetter::GlyphRemapper,
    ) -> Self {
        let len = glyphs.iter().max().map_or(0, |g| usize::from(*g) + 1);
        let mut table = vec![(0, 0.0); len];
        let upem = f32::from(metrics.units_per_em(face));
        let f = metrics.face(face);
        for gid in glyphs {
            let new = remapper.get(*gid).unwrap_or(0);
            let advance = f.glyph_hor_advance(ttf_parser::GlyphId(*gid)).unwrap_or(0);
            table[usize::from(*gid)] = (new, (f32::from(advance) * 1000.0 / upem).trunc());
        }
        Embedded { glyphs: table }
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

/// A subset face as printpdf's font.
///
/// Its widths are keyed by *new* glyph id; printpdf writes `/W` from them, and the
/// ToUnicode map from the glyphs [`glyph_inventory`] shows it, so the font needs
/// no character map. The content stream shows glyphs by their new ids, which are
/// also their codes: the subset is TrueType, or a CFF that `subsetter` makes
/// CID-keyed with CID = glyph id.
fn printpdf_font(metrics: &Metrics, subset: &Subset) -> Result<ParsedFont, String> {
    let face = subset.face;
    let mut widths = BTreeMap::new();
    let upem = metrics.units_per_em(face);
    for (gid, _) in &subset.glyphs.shown {
        let new = subset
            .remapper
            .get(*gid)
            .ok_or("glyph missing from its subset")?;
        let advance = metrics
            .face(face)
            .glyph_hor_advance(ttf_parser::GlyphId(*gid))
            .unwrap_or(0);
        widths.insert(new, advance);
    }
    let f = metrics.face(face);
    let bbox = f.global_bounding_box();
    let tag = subset_tag(&subset.name, &subset.list);
    let parsed = ParsedFont {
        original_bytes: subset.program.to_vec(),
        // The subset is a single font, even of a face from a collection.
        font_index: 0,
        font_name: Some(format!("{tag}+{}", subset.name)),
        codepoint_to_glyph: BTreeMap::new(),
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
    Ok(parsed)
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

/// What printpdf is told of a page: its link annotations only. The drawing is in
/// the content stream cvc writes ([`page_content`]), which replaces printpdf's.
fn page_links(page: &crate::paginate::Page, height: f32) -> Vec<Op> {
    page.link_areas()
        .into_iter()
        .map(|a| Op::LinkAnnotation {
            link: LinkAnnotation::new(
                Rect::from_xywh(
                    Pt(a.left),
                    Pt(height - a.bottom),
                    Pt(a.right - a.left),
                    Pt(a.bottom - a.top),
                ),
                Actions::Uri(ascii_uri(&a.target)),
                Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                Some(ColorArray::Transparent),
                None,
            ),
        })
        .collect()
}

/// A link as a PDF's URI action wants it: 7-bit ASCII (PDF 1.7, 12.6.4.7), so every
/// other byte of the address, and the characters an address cannot hold as they are
/// (spaces, quotes, angle brackets), are written as `%XX`.
fn ascii_uri(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_graphic()
            && !matches!(
                b,
                b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
            )
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What printpdf needs to write each font: its glyphs by new id, each with the
/// character it shows, from which it builds `/W` and the ToUnicode map. It reads
/// them from text-showing operations, so that is how they are given, once per
/// face. A shaped glyph that shows no character of its own (the second glyph of
/// a cluster) gets a width and no ToUnicode entry; its run's `/ActualText` reads.
fn glyph_inventory(faces: &[Subset]) -> Vec<Op> {
    let mut ops = vec![Op::StartTextSection];
    for subset in faces {
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font_id(subset.face)),
            size: Pt(1.0),
        });
        let used = subset.glyphs;
        let glyphs = used
            .shown
            .iter()
            .filter_map(|&(gid, ch)| {
                let text = match used.ligatures.get(&gid) {
                    Some(text) => text.to_string(),
                    None if ch == NO_CHAR => String::new(),
                    None => ch.to_string(),
                };
                Some(Codepoint::with_cid(subset.remapper.get(gid)?, 0.0, text))
            })
            .collect();
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// The content stream of one page. `height` flips y: typesetting measures from the top,
/// PDF from the bottom.
fn page_content(
    page: &crate::paginate::Page,
    height: f32,
    fonts: &BTreeMap<FaceId, Embedded>,
    images: &[Arc<Image>],
) -> Vec<u8> {
    let mut out = Content::new();
    let mut fill: Option<Color> = None;
    for item in &page.elements {
        match item {
            Element::Rule {
                x,
                y,
                width,
                thickness,
                color,
            } => {
                if fill != Some(*color) {
                    out.fill_rgb(color.0);
                    fill = Some(*color);
                }
                out.fill_rect(*x, height - y - thickness, *width, *thickness);
            }
            Element::Image {
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
                out.image(&format!("Im{index}"), *x, height - y - h, *w, *h);
            }
            Element::Text { .. } => {}
        }
    }
    text_content(page, height, fonts, &mut out, &mut fill);
    out.finish()
}

/// The page's text, in one text object, in the order typesetting produced (reading
/// order). Each baseline gets one text matrix; from there the pen is tracked exactly
/// as a viewer tracks it (the font's `/W` widths, in whole thousandths of an em), and
/// every difference from the typeset positions (kerning, justified spaces, the jump from
/// the date column to the entry) becomes one TJ number. So the text lands where
/// typesetting put it, to a hundredth of a thousandth of an em, for any font. Runs that
/// share font, colour and baseline go into one text-showing operator.
fn text_content(
    page: &crate::paginate::Page,
    height: f32,
    fonts: &BTreeMap<FaceId, Embedded>,
    out: &mut Content,
    fill: &mut Option<Color>,
) {
    let mut font: Option<(FaceId, f32)> = None;
    let mut line: Option<f32> = None;
    let mut pen = 0.0f32;
    let mut rise = 0.0f32;
    let mut started = false;
    for item in &page.elements {
        let Element::Text { x, baseline, run } = item else {
            continue;
        };
        let Some(face) = fonts.get(&run.face) else {
            continue;
        };
        if !started {
            out.begin_text();
            started = true;
        }
        if font != Some((run.face, run.size)) {
            out.font(&font_id(run.face).0, run.size);
            font = Some((run.face, run.size));
        }
        if *fill != Some(run.color) {
            out.fill_rgb(run.color.0);
            *fill = Some(run.color);
        }
        if line != Some(*baseline) {
            out.text_at(*x, height - baseline);
            line = Some(*baseline);
            pen = *x;
        }
        if let Some(actual) = &run.actual {
            out.begin_actual_text(actual);
        }
        let scale = run.size / 1000.0;
        let gap = round2((pen - x) / scale);
        if gap != 0.0 {
            out.adjust(gap);
            pen -= gap * scale;
        }
        for g in &run.glyphs {
            if g.rise != rise {
                out.rise(g.rise);
                rise = g.rise;
            }
            let (code, viewer) = face.get(g.gid);
            // A non-joiner's glyph is read, not seen.
            let unseen = g.ch == NON_JOINER;
            if unseen {
                out.render_mode(3);
            }
            out.code(code);
            if unseen {
                out.render_mode(0);
            }
            // TJ numbers are subtracted from the pen: positive = closer.
            let offset = round2(viewer - (g.advance + g.kern) / scale);
            pen += (viewer - offset) * scale;
            if offset != 0.0 {
                out.adjust(offset);
            }
        }
        if run.actual.is_some() {
            out.end_marked();
        }
    }
    if started {
        out.end_text();
    }
}

/// The content stream of each page, in page order.
fn content_ids(doc: &lopdf::Document) -> Result<Vec<lopdf::ObjectId>, String> {
    doc.get_pages()
        .into_values()
        .map(|page| {
            doc.get_object(page)
                .and_then(Object::as_dict)
                .and_then(|d| d.get(b"Contents"))
                .and_then(Object::as_reference)
                .map_err(|e| format!("a page of the PDF has no content stream: {e}"))
        })
        .collect()
}

/// Put cvc's content streams in place of printpdf's (`ids`), page by page.
fn replace_contents(
    doc: &mut lopdf::Document,
    ids: &[lopdf::ObjectId],
    contents: Vec<Packed>,
) -> Result<(), String> {
    if ids.len() != contents.len() {
        return Err(format!(
            "the PDF has {} pages where {} were laid out",
            ids.len(),
            contents.len()
        ));
    }
    for (&id, packed) in ids.iter().zip(contents) {
        match doc.get_object_mut(id) {
            Ok(Object::Stream(stream)) => packed.store(stream),
            _ => return Err("a page's content is not a stream".to_string()),
        }
    }
    Ok(())
}

/// A stream's bytes, deflated when that made them smaller.
#[derive(Clone)]
struct Packed {
    bytes: Vec<u8>,
    deflated: bool,
}

impl Packed {
    fn store(self, stream: &mut lopdf::Stream) {
        if self.deflated {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        }
        stream.set_content(self.bytes);
    }
}

/// Deflates streams one after another with one compressor: its state (hundreds of
/// kilobytes) is allocated once per thread, not once per stream. cvc deflates
/// rather than lopdf, whose fixed level 9 made it most of a build's time; level 6
/// gives files within 2 % of that size in a fraction of the time. A stream
/// deflated before (by the last write, or this one) is taken from `streams`.
struct Deflater<'c> {
    z: Option<flate2::Compress>,
    streams: &'c Streams,
}

impl<'c> Deflater<'c> {
    /// A deflater with a compressor kept from an earlier write, if there is one.
    fn new(streams: &'c Streams) -> Self {
        let kept = streams.compressors.lock().map(|mut c| c.pop());
        Deflater {
            z: kept.unwrap_or_else(|poisoned| poisoned.into_inner().pop()),
            streams,
        }
    }

    fn pack(&mut self, raw: Vec<u8>) -> Packed {
        self.streams.pack(&mut self.z, raw)
    }
}

impl Drop for Deflater<'_> {
    /// The compressor goes back to the cache for the next write (it is reset
    /// before each stream, so what it deflated last changes nothing).
    fn drop(&mut self) {
        if let Some(z) = self.z.take() {
            let mut kept = self
                .streams
                .compressors
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            kept.push(z);
        }
    }
}

/// The compressor in `z`, made now if there is none yet.
fn compressor(z: &mut Option<flate2::Compress>) -> &mut flate2::Compress {
    z.get_or_insert_with(|| flate2::Compress::new(flate2::Compression::new(COMPRESSION), true))
}

/// `raw` deflated by `z`, or as it is when that is no smaller.
fn deflate(z: &mut flate2::Compress, raw: &[u8]) -> Packed {
    z.reset();
    let mut out = Vec::with_capacity(raw.len() / 2 + 64);
    loop {
        let consumed = z.total_in() as usize;
        match z.compress_vec(&raw[consumed..], &mut out, flate2::FlushCompress::Finish) {
            Ok(flate2::Status::StreamEnd) => break,
            Ok(_) => out.reserve(out.capacity().max(4096)),
            Err(_) => {
                return Packed {
                    bytes: raw.to_vec(),
                    deflated: false,
                }
            }
        }
    }
    if out.len() < raw.len() {
        Packed {
            bytes: out,
            deflated: true,
        }
    } else {
        Packed {
            bytes: raw.to_vec(),
            deflated: false,
        }
    }
}

/// The zlib level for streams.
const COMPRESSION: u32 = 6;

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
                    Object::Real(bm.view_top(pages.height)),
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
    // Two FNV lanes with different seeds, in one pass: 128 bits of ID.
    let (mut a, mut b) = (Fnv::new(0), Fnv::new(1));
    for byte in bytes.iter() {
        a.write(std::slice::from_ref(byte));
        b.write(std::slice::from_ref(byte));
    }
    let id = format!("{:016X}{:016X}", a.finish(), b.finish());
    // The placeholder is in the trailer, at the end of the file.
    let trailer = bytes.windows(7).rposition(|w| w == b"trailer").unwrap_or(0);
    let mut i = trailer;
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
    fn link_addresses_are_ascii() {
        assert_eq!(ascii_uri("https://a.org/x"), "https://a.org/x");
        assert_eq!(
            ascii_uri("https://ü.de/a b\"c"),
            "https://%C3%BC.de/a%20b%22c"
        );
    }

    #[test]
    fn subset_tags_are_stable_capitals() {
        let a = subset_tag("SourceSerif4-Regular", &[1, 2, 3]);
        assert_eq!(a, subset_tag("SourceSerif4-Regular", &[1, 2, 3]));
        assert_ne!(a, subset_tag("SourceSerif4-Regular", &[1, 2, 4]));
        assert!(a.len() == 6 && a.bytes().all(|b| b.is_ascii_uppercase()));
    }
}
