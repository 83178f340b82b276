//! Fonts: the bundled families, their metrics and pair kerning.
//!
//! cvc carries its fonts inside the binary (Source Serif 4, Source Sans 3, Noto Sans
//! Symbols 2), so a CV looks the same on every machine and needs no system fonts.
//! A layout may add font files of its own, single fonts or faces of collections: whole
//! families, or fallbacks for the characters its families lack.
//!
//! Widths are what line breaking is made of, so they must be the widths the PDF viewer
//! will draw: glyph advances from `hmtx` plus pair kerning. Kerning comes from the GPOS
//! `kern` feature (pair adjustment lookups, formats 1 and 2), or from the legacy `kern`
//! table for fonts that only have that. There is no full shaper: CVs are Latin, Greek
//! or Cyrillic text, where advances plus pair kerning give the same widths as a
//! shaper with ligatures off, at a fraction of the cost.
//!
//! All metrics are in thousandths of an em, the unit of PDF text space, so a width in
//! points is `units * size / 1000`.

use std::borrow::Cow;
use std::cell::RefCell;

use std::path::PathBuf;

use ttf_parser::gpos::{PairAdjustment, PositioningSubtable};
use ttf_parser::{Face, GlyphId, Tag};

use crate::diag::{Code, Diagnostic, Origin, SourceResult, Sources};

/// Index of a face in a [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub u16);

/// The four styles of a text family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Family {
    pub regular: FaceId,
    pub italic: FaceId,
    pub bold: FaceId,
    pub bold_italic: FaceId,
}

impl Family {
    /// One face for every style: a fallback font given as a single file.
    pub fn single(face: FaceId) -> Family {
        Family {
            regular: face,
            italic: face,
            bold: face,
            bold_italic: face,
        }
    }

    pub fn face(&self, bold: bool, italic: bool) -> FaceId {
        match (bold, italic) {
            (false, false) => self.regular,
            (false, true) => self.italic,
            (true, false) => self.bold,
            (true, true) => self.bold_italic,
        }
    }
}

/// One face: a font file, and which face of it when the file is a collection.
#[derive(Debug, Clone)]
pub struct FontData {
    pub postscript_name: String,
    pub data: Cow<'static, [u8]>,
    /// The face's index in its file: 0 for a single font, its place in a collection
    /// (`.ttc`, `.otc`) otherwise. Parsing and subsetting must both use it, or they
    /// would read the collection's first face.
    pub index: u32,
}

impl FontData {
    /// The glyphs `remapper` keeps, as a font program of their own: a single font,
    /// even of a face from a collection, so whoever embeds it reads it as face 0.
    pub fn subset(&self, remapper: &subsetter::GlyphRemapper) -> Result<Vec<u8>, subsetter::Error> {
        subsetter::subset(&self.data, self.index, remapper)
    }
}

/// The fonts a document may use: text families, the layout's fallbacks, and the
/// symbol font.
#[derive(Debug, Clone)]
pub struct FontSet {
    faces: Vec<FontData>,
    families: Vec<(&'static str, Family)>,
    /// The layout's fallback families, in the order it gives them: tried for a
    /// character the text's own face lacks, before the symbol font.
    fallbacks: Vec<Family>,
    symbol: FaceId,
}

/// A face a layout names: its file (relative paths already joined to the layout's
/// folder), where the file is named, and the face's index in a collection with
/// where the index is written (none: the first face).
#[derive(Debug, Clone)]
pub struct FaceFile {
    pub path: PathBuf,
    pub at: Origin,
    pub index: Option<(u32, Origin)>,
}

macro_rules! bundled {
    ($($file:literal),* $(,)?) => {
        [$(($file, include_bytes!(concat!("../fonts/", $file)) as &'static [u8])),*]
    };
}

/// The font files compiled into the binary, in [`FontSet::bundled`]'s face order.
static BUNDLED: [(&str, &[u8]); 9] = bundled![
    "SourceSerif4-Regular.ttf",
    "SourceSerif4-It.ttf",
    "SourceSerif4-Bold.ttf",
    "SourceSerif4-BoldIt.ttf",
    "SourceSans3-Regular.ttf",
    "SourceSans3-It.ttf",
    "SourceSans3-Bold.ttf",
    "SourceSans3-BoldIt.ttf",
    "NotoSansSymbols2-Regular.ttf",
];

/// The names a layout may use for the bundled families.
pub const FAMILY_NAMES: [&str; 2] = ["Source Serif 4", "Source Sans 3"];

impl FontSet {
    /// The fonts that ship inside cvc.
    pub fn bundled() -> FontSet {
        let faces = BUNDLED
            .iter()
            .map(|(file, data)| FontData {
                postscript_name: postscript_name(data, 0)
                    .unwrap_or_else(|| file.trim_end_matches(".ttf").to_string()),
                data: Cow::Borrowed(*data),
                index: 0,
            })
            .collect();
        let family = |base: u16| Family {
            regular: FaceId(base),
            italic: FaceId(base + 1),
            bold: FaceId(base + 2),
            bold_italic: FaceId(base + 3),
        };
        FontSet {
            faces,
            families: vec![(FAMILY_NAMES[0], family(0)), (FAMILY_NAMES[1], family(4))],
            fallbacks: Vec::new(),
            symbol: FaceId(8),
        }
    }

    /// Load a family from font files (TrueType or OpenType, single or collections):
    /// regular, italic, bold, bold italic; a missing style uses the regular face,
    /// bold italic the bold one. Each file read is noted in `sources`; each face
    /// that cannot be used is an error that names its file and points at its key.
    pub fn load_family(
        &mut self,
        files: &[Option<FaceFile>; 4],
        sources: &mut Sources,
    ) -> SourceResult<Family> {
        let mut ids = [None; 4];
        let mut errors = Vec::new();
        for (slot, given) in ids.iter_mut().zip(files) {
            if let Some(file) = given {
                match self.load_face(file, sources) {
                    Ok(id) => *slot = Some(id),
                    Err(e) => errors.push(e),
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let regular = ids[0].ok_or_else(|| {
            vec![Diagnostic::error(
                Code::MissingKey,
                "a font family needs a `regular` file",
                None,
            )]
        })?;
        Ok(Family {
            regular,
            italic: ids[1].unwrap_or(regular),
            bold: ids[2].unwrap_or(regular),
            bold_italic: ids[3].or(ids[2]).unwrap_or(regular),
        })
    }

    /// Load one face of a font file, noting the file in `sources`. A file that
    /// cannot be read, is no font, is damaged, or has no face at the index given is
    /// an error at the value that says so (the index, for a face it lacks).
    pub fn load_face(
        &mut self,
        file: &FaceFile,
        sources: &mut Sources,
    ) -> Result<FaceId, Diagnostic> {
        let path = &file.path;
        let fail = |why: &str, at: Origin| {
            Diagnostic::error(
                Code::Font,
                format!("cannot use font `{}`: {why}", path.display()),
                Some(at),
            )
        };
        // Noted before it is read: `cvc watch` watches for a file that is missing.
        sources.note_input(path);
        let data =
            crate::files::read(path, crate::files::FONT).map_err(|why| fail(&why, file.at))?;
        let index = file.index.map_or(0, |(i, _)| i);
        if let Some((_, at)) = file.index {
            missing_face(&data, index).map_or(Ok(()), |why| {
                Err(fail(&why, at).with_help(
                    "`fc-scan --format \"%{index} %{postscriptname}\\n\" FILE` lists a file's faces",
                ))
            })?;
        }
        let postscript_name = postscript_name(&data, index).unwrap_or_else(|| {
            path.file_stem()
                .map_or("Font".into(), |s| s.to_string_lossy().to_string())
        });
        let font = FontData {
            postscript_name,
            data: Cow::Owned(data),
            index,
        };
        match Face::parse(&font.data, index) {
            Err(_) => return Err(fail("it is not a TrueType or OpenType font", file.at)),
            Ok(face) if !embeddable(&font, &face) => {
                let why = "it is damaged: its tables cannot be read to embed it in a PDF";
                return Err(fail(why, file.at));
            }
            Ok(_) => {}
        }
        // The same face named twice (or by two layouts) is one face.
        if let Some(i) = self
            .faces
            .iter()
            .position(|f| f.index == index && f.data == font.data)
        {
            return Ok(FaceId(i as u16));
        }
        self.faces.push(font);
        Ok(FaceId((self.faces.len() - 1) as u16))
    }

    /// Whether `other` holds the same faces, under the same ids, in the same
    /// families and fallbacks: then a glyph id of one is the same glyph in the
    /// other, and what was measured or subset with one holds for the other.
    /// Bundled faces are compared by address, loaded ones by their bytes.
    pub fn same(&self, other: &FontSet) -> bool {
        let same_face = |a: &FontData, b: &FontData| {
            a.index == b.index
                && a.postscript_name == b.postscript_name
                && (std::ptr::eq(a.data.as_ptr(), b.data.as_ptr()) && a.data.len() == b.data.len()
                    || a.data == b.data)
        };
        self.faces.len() == other.faces.len()
            && self
                .faces
                .iter()
                .zip(&other.faces)
                .all(|(a, b)| same_face(a, b))
            && self.families == other.families
            && self.fallbacks == other.fallbacks
            && self.symbol == other.symbol
    }

    /// The layout's fallback families, in order (each read with
    /// [`load_family`](FontSet::load_family) or [`load_face`](FontSet::load_face)).
    pub fn set_fallbacks(&mut self, fallbacks: Vec<Family>) {
        self.fallbacks = fallbacks;
    }

    /// The families tried, in order, for a character the text's own face lacks,
    /// before the symbol font.
    pub fn fallbacks(&self) -> &[Family] {
        &self.fallbacks
    }

    /// A family by name ("Source Serif 4"; case and spaces do not matter).
    pub fn family(&self, name: &str) -> Option<Family> {
        let key = |s: &str| s.to_lowercase().replace([' ', '-', '_'], "");
        self.families
            .iter()
            .find(|(n, _)| key(n) == key(name))
            .map(|(_, f)| *f)
    }

    pub fn family_names(&self) -> impl Iterator<Item = &str> {
        self.families.iter().map(|(n, _)| *n)
    }

    /// Whether a layout added font files of its own to the bundled ones.
    /// How many faces the set holds (bundled and loaded).
    pub fn face_count(&self) -> usize {
        self.faces.len()
    }

    pub fn has_user_faces(&self) -> bool {
        self.faces.len() > BUNDLED.len()
    }

    /// The face used for characters the text face lacks (➤ ✉ ☎ ★ …).
    pub fn symbol(&self) -> FaceId {
        self.symbol
    }

    pub fn data(&self, id: FaceId) -> &FontData {
        &self.faces[usize::from(id.0)]
    }

    /// Parse every face for measuring. Fails only on a corrupt font file.
    pub fn metrics(&self) -> Result<Metrics<'_>, Diagnostic> {
        let faces = self
            .faces
            .iter()
            .map(|f| {
                FaceMetrics::new(&f.data, f.index).ok_or_else(|| {
                    let message = format!("font `{}` cannot be read", f.postscript_name);
                    Diagnostic::error(Code::Font, message, None)
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Metrics { faces })
    }
}

/// Whether a font's tables can be read to embed it: the first glyphs, subset as
/// the PDF writer will. A font whose tables contradict each other is refused when it
/// is loaded, at the key that names it, not when the PDF is written.
fn embeddable(font: &FontData, face: &Face) -> bool {
    let glyphs: Vec<u16> = (0..face.number_of_glyphs().min(8)).collect();
    let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&glyphs);
    font.subset(&remapper).is_ok()
}

/// Why `data` has no face `index`: a collection of fewer faces, or a single font
/// (whose only face is 0). `None` when it has one, or when it is no font at all
/// (which parsing then reports, at the file rather than at the index).
fn missing_face(data: &[u8], index: u32) -> Option<String> {
    match ttf_parser::fonts_in_collection(data) {
        Some(0) => Some("it is a collection with no faces".into()),
        Some(n) if index >= n => Some(format!(
            "it holds {n} faces (index 0 to {}), so there is no face {index}",
            n - 1
        )),
        None if index > 0 && Face::parse(data, 0).is_ok() => Some(format!(
            "it holds one face (index 0), so there is no face {index}"
        )),
        _ => None,
    }
}

fn postscript_name(data: &[u8], index: u32) -> Option<String> {
    let face = Face::parse(data, index).ok()?;
    face.names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
        .and_then(|n| n.to_string())
}

/// Parsed faces, borrowed from a [`FontSet`], answering width questions.
pub struct Metrics<'a> {
    faces: Vec<FaceMetrics<'a>>,
}

struct FaceMetrics<'a> {
    face: Face<'a>,
    /// Thousandths of an em per font unit.
    scale: f32,
    /// The pair-adjustment subtables of the GPOS `kern` feature, grouped by lookup.
    kern_lookups: Vec<Vec<PairAdjustment<'a>>>,
    /// For each left glyph met so far (by glyph id), the subtables whose coverage
    /// holds it, as (lookup, subtable) in order. A face has a dozen subtables and a
    /// CV a few thousand distinct pairs but only a hundred distinct left glyphs, so
    /// the coverage tables are searched once per glyph instead of once per pair.
    covering: RefCell<Vec<Option<Covering>>>,
}

/// Kerning subtables that cover one left glyph, as (lookup, subtable) indices.
type Covering = Box<[(u16, u16)]>;

impl<'a> FaceMetrics<'a> {
    fn new(data: &'a [u8], index: u32) -> Option<Self> {
        let face = Face::parse(data, index).ok()?;
        let scale = 1000.0 / f32::from(face.units_per_em());
        let mut kern_lookups = Vec::new();
        if let Some(gpos) = face.tables().gpos {
            let mut indices: Vec<u16> = gpos
                .features
                .into_iter()
                .filter(|f| f.tag == Tag::from_bytes(b"kern"))
                .flat_map(|f| f.lookup_indices)
                .collect();
            indices.sort_unstable();
            indices.dedup();
            for index in indices {
                let Some(lookup) = gpos.lookups.get(index) else {
                    continue;
                };
                let pairs: Vec<PairAdjustment> = lookup
                    .subtables
                    .into_iter::<PositioningSubtable>()
                    .filter_map(|s| match s {
                        PositioningSubtable::Pair(p) => Some(p),
                        _ => None,
                    })
                    .collect();
                if !pairs.is_empty() {
                    kern_lookups.push(pairs);
                }
            }
        }
        Some(FaceMetrics {
            face,
            scale,
            kern_lookups,
            covering: RefCell::default(),
        })
    }

    /// The subtables whose coverage holds `left`, in the order they apply.
    fn covering(&self, left: GlyphId) -> Covering {
        let mut found = Vec::new();
        for (l, lookup) in self.kern_lookups.iter().enumerate() {
            for (k, sub) in lookup.iter().enumerate() {
                let covered = match sub {
                    PairAdjustment::Format1 { coverage, .. } => coverage.contains(left),
                    PairAdjustment::Format2 { coverage, .. } => coverage.contains(left),
                };
                if covered {
                    found.push((l as u16, k as u16));
                }
            }
        }
        found.into_boxed_slice()
    }

    fn kern(&self, left: GlyphId, right: GlyphId) -> f32 {
        if self.kern_lookups.is_empty() {
            return self.legacy_kern(left, right);
        }
        let mut covering = self.covering.borrow_mut();
        let index = usize::from(left.0);
        if covering.len() <= index {
            covering.resize(index + 1, None);
        }
        let subtables = covering[index].get_or_insert_with(|| self.covering(left));
        let mut total = 0i32;
        // Within one lookup the first subtable that has the pair applies.
        let mut done: Option<u16> = None;
        for &(l, k) in subtables.iter() {
            if done == Some(l) {
                continue;
            }
            let value = match &self.kern_lookups[usize::from(l)][usize::from(k)] {
                PairAdjustment::Format1 { coverage, sets } => coverage
                    .get(left)
                    .and_then(|i| sets.get(i))
                    .and_then(|set| set.get(right))
                    .map(|(first, _)| first.x_advance),
                PairAdjustment::Format2 {
                    classes, matrix, ..
                } => matrix
                    .get((classes.0.get(left), classes.1.get(right)))
                    .map(|(first, _)| first.x_advance),
            };
            if let Some(v) = value {
                total += i32::from(v);
                done = Some(l);
            }
        }
        total as f32 * self.scale
    }

    fn legacy_kern(&self, left: GlyphId, right: GlyphId) -> f32 {
        let Some(kern) = self.face.tables().kern else {
            return 0.0;
        };
        kern.subtables
            .into_iter()
            .filter(|s| s.horizontal && !s.variable)
            .find_map(|s| s.glyphs_kerning(left, right))
            .map_or(0.0, |v| f32::from(v) * self.scale)
    }
}

impl Metrics<'_> {
    pub fn glyph(&self, face: FaceId, c: char) -> Option<u16> {
        self.faces[usize::from(face.0)]
            .face
            .glyph_index(c)
            .map(|g| g.0)
            .filter(|g| *g != 0)
    }

    /// The glyph of `c` followed by the variation selector `selector` in
    /// `face`, where its character map has that variant (cmap format 14).
    pub fn variant(&self, face: FaceId, c: char, selector: char) -> Option<u16> {
        self.faces[usize::from(face.0)]
            .face
            .glyph_variation_index(c, selector)
            .map(|g| g.0)
            .filter(|g| *g != 0)
    }

    /// Advance width of a glyph.
    pub fn advance(&self, face: FaceId, gid: u16) -> f32 {
        let f = &self.faces[usize::from(face.0)];
        f32::from(f.face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0)) * f.scale
    }

    /// Pair kerning between two glyphs (negative brings them closer).
    pub fn kern(&self, face: FaceId, left: u16, right: u16) -> f32 {
        self.faces[usize::from(face.0)].kern(GlyphId(left), GlyphId(right))
    }

    /// Units per em of a face (for the PDF writer's font descriptor).
    pub fn units_per_em(&self, face: FaceId) -> u16 {
        self.faces[usize::from(face.0)].face.units_per_em()
    }

    /// Bounding box and slope data the PDF font descriptor needs.
    pub fn face(&self, face: FaceId) -> &Face<'_> {
        &self.faces[usize::from(face.0)].face
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_parse_and_have_names() {
        let set = FontSet::bundled();
        assert_eq!(set.data(FaceId(0)).postscript_name, "SourceSerif4-Regular");
        assert_eq!(
            set.data(set.symbol()).postscript_name,
            "NotoSansSymbols2-Regular"
        );
        assert!(set.family("source sans 3").is_some());
        assert!(set.family("Comic Sans").is_none());
        set.metrics().unwrap();
    }

    #[test]
    fn kerning_comes_from_gpos() {
        let set = FontSet::bundled();
        let m = set.metrics().unwrap();
        let serif = set.family("Source Serif 4").unwrap().regular;
        let a = m.glyph(serif, 'A').unwrap();
        let v = m.glyph(serif, 'V').unwrap();
        let t = m.glyph(serif, 'T').unwrap();
        let o = m.glyph(serif, 'o').unwrap();
        assert!(
            m.kern(serif, a, v) < -20.0,
            "AV kerns: {}",
            m.kern(serif, a, v)
        );
        assert!(
            m.kern(serif, t, o) < -20.0,
            "To kerns: {}",
            m.kern(serif, t, o)
        );
        let h = m.glyph(serif, 'H').unwrap();
        assert_eq!(m.kern(serif, h, h), 0.0);
    }

    /// Kerning as the GPOS tables define it, scanning every subtable of every
    /// lookup: what the coverage index must reproduce.
    fn scanned_kern(f: &FaceMetrics, left: GlyphId, right: GlyphId) -> f32 {
        let mut total = 0i32;
        for lookup in &f.kern_lookups {
            for sub in lookup {
                let value = match sub {
                    PairAdjustment::Format1 { coverage, sets } => coverage
                        .get(left)
                        .and_then(|i| sets.get(i))
                        .and_then(|set| set.get(right))
                        .map(|(first, _)| first.x_advance),
                    PairAdjustment::Format2 {
                        coverage,
                        classes,
                        matrix,
                    } => coverage
                        .contains(left)
                        .then(|| matrix.get((classes.0.get(left), classes.1.get(right))))
                        .flatten()
                        .map(|(first, _)| first.x_advance),
                };
                if let Some(v) = value {
                    total += i32::from(v);
                    break;
                }
            }
        }
        total as f32 * f.scale
    }

    #[test]
    fn indexed_kerning_equals_a_scan_of_every_subtable() {
        let set = FontSet::bundled();
        let m = set.metrics().unwrap();
        let text: Vec<char> = "AVTWYLPFKoaeyrv.,-’'\"“()0147fiflłéöçÅ".chars().collect();
        let mut kerned = 0;
        for face in &m.faces {
            let glyphs: Vec<GlyphId> = text
                .iter()
                .filter_map(|c| face.face.glyph_index(*c))
                .collect();
            for &l in &glyphs {
                for &r in &glyphs {
                    let want = scanned_kern(face, l, r);
                    assert_eq!(face.kern(l, r), want, "{l:?} {r:?}");
                    kerned += usize::from(want != 0.0);
                }
            }
        }
        assert!(kerned > 500, "only {kerned} kerned pairs tested");
    }

    /// A font collection of single TrueType fonts: the `ttcf` header, then each font
    /// with its table offsets moved to where the font now starts.
    fn collection(fonts: &[&[u8]]) -> Vec<u8> {
        let header = 12 + 4 * fonts.len();
        let mut out = b"ttcf".to_vec();
        out.extend(0x0001_0000u32.to_be_bytes());
        out.extend((fonts.len() as u32).to_be_bytes());
        let mut bodies = Vec::new();
        for font in fonts {
            let base = (header + bodies.len()) as u32;
            out.extend(base.to_be_bytes());
            let mut font = font.to_vec();
            let tables = usize::from(u16::from_be_bytes([font[4], font[5]]));
            for t in 0..tables {
                let at = 12 + 16 * t + 8;
                let offset = u32::from_be_bytes(font[at..at + 4].try_into().unwrap());
                font[at..at + 4].copy_from_slice(&(offset + base).to_be_bytes());
            }
            bodies.extend(font);
            bodies.resize(bodies.len().next_multiple_of(4), 0);
        }
        out.extend(bodies);
        out
    }

    /// A scratch file `name` holding `data`, for loading as a layout would.
    fn scratch_file(name: &str, data: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cvc-fonts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, data).unwrap();
        path
    }

    fn face_file(path: &std::path::Path, index: Option<u32>) -> FaceFile {
        FaceFile {
            path: path.to_path_buf(),
            at: Origin::new(crate::diag::FileId(0), 10),
            index: index.map(|i| (i, Origin::new(crate::diag::FileId(0), 20))),
        }
    }

    #[test]
    fn a_face_of_a_collection_is_parsed_and_subset_at_its_index() {
        let (serif, sans) = (BUNDLED[0].1, BUNDLED[4].1);
        let path = scratch_file("two.ttc", &collection(&[serif, sans]));
        let mut set = FontSet::bundled();
        let mut sources = Sources::default();
        let mut load = |index| set.load_face(&face_file(&path, index), &mut sources);
        let first = load(None).unwrap();
        let second = load(Some(1)).unwrap();
        assert_eq!(load(Some(0)).unwrap(), first, "no index is index 0");
        assert_eq!(
            load(Some(1)).unwrap(),
            second,
            "same file, same index: one face"
        );
        assert_ne!(first, second, "same file, another index: another face");
        assert_eq!(set.data(first).postscript_name, "SourceSerif4-Regular");
        assert_eq!(set.data(second).postscript_name, "SourceSans3-Regular");
        assert_eq!(set.data(second).index, 1);
        assert!(set.has_user_faces());
        // Widths are the face's own, not the collection's first face's.
        let m = set.metrics().unwrap();
        let alone = set.family("Source Sans 3").unwrap().regular;
        let (a, b) = (m.glyph(second, 'W').unwrap(), m.glyph(alone, 'W').unwrap());
        assert_eq!(m.advance(second, a), m.advance(alone, b));
        assert_ne!(
            m.advance(first, m.glyph(first, 'W').unwrap()),
            m.advance(alone, b)
        );
        // Its subset is the face's, as if it had come from a file of its own.
        let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&[0, a]);
        let program = set.data(second).subset(&remapper).unwrap();
        assert_eq!(program, subsetter::subset(sans, 0, &remapper).unwrap());
        assert_ne!(program, set.data(first).subset(&remapper).unwrap());
    }

    #[test]
    fn an_index_past_the_faces_of_a_file_is_an_error_at_the_index() {
        let two = scratch_file("pair.ttc", &collection(&[BUNDLED[0].1, BUNDLED[4].1]));
        let one = scratch_file("one.ttf", BUNDLED[4].1);
        let text = scratch_file("text.ttf", b"not a font");
        let mut set = FontSet::bundled();
        let mut sources = Sources::default();
        let mut fail = |path, index| {
            let e = set
                .load_face(&face_file(path, index), &mut sources)
                .unwrap_err();
            (e.message, e.origin.map(|o| o.offset))
        };
        let (message, at) = fail(&two, Some(2));
        assert!(
            message.ends_with("it holds 2 faces (index 0 to 1), so there is no face 2"),
            "{message}"
        );
        assert_eq!(at, Some(20));
        let (message, at) = fail(&one, Some(1));
        assert!(
            message.ends_with("it holds one face (index 0), so there is no face 1"),
            "{message}"
        );
        assert_eq!(at, Some(20));
        let (message, at) = fail(&text, Some(1));
        assert!(
            message.ends_with("it is not a TrueType or OpenType font"),
            "{message}"
        );
        assert_eq!(at, Some(10), "a file that is no font is wrong at its name");
    }

    #[test]
    fn symbol_font_covers_what_the_text_fonts_lack() {
        let set = FontSet::bundled();
        let m = set.metrics().unwrap();
        let sans = set.family("Source Sans 3").unwrap().regular;
        for c in ['➤', '✉', '☎', '★'] {
            assert!(
                m.glyph(sans, c).is_none(),
                "{c} unexpectedly in Source Sans"
            );
            assert!(
                m.glyph(set.symbol(), c).is_some(),
                "{c} missing from symbols"
            );
        }
        assert!(m.glyph(sans, 'ő').is_some());
    }
}
