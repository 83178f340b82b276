//! Text: styled strings become measured words of positioned glyphs.
//!
//! This is where characters meet fonts. A letter typed with its accent apart ("e" +
//! U+0301) is composed into the letter first. Each character is looked up in the
//! face of its style; a character that face lacks (➤, ✉, ☎) falls back to the
//! symbol font; a character that no font has is an error that names it and points
//! at it in `cv.toml`, because a glyph that silently vanishes is worse than a failed
//! build (an emoji sequence is one such error). Default-ignorable characters are
//! set as nothing; a soft hyphen is kept as a place the word may break. Scripts cvc
//! cannot set yet (right to left, or shaped into syllables) are refused rather
//! than printed wrong.
//!
//! The output is a list of [`Word`]s: what the line breaker places. A word keeps its
//! glyphs in [`Run`]s of one face, size, colour and link, with the kerning between
//! neighbouring glyphs already applied, so its width is exactly what will be drawn.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::diag::{Diagnostic, Origin};
use crate::fonts::{FaceId, Family, FontSet, Metrics};
use crate::markup::Link;

pub mod bidi;
#[cfg(test)]
mod script_tests;
mod shape;
mod words;

pub use shape::{NON_JOINER, NO_CHAR};

/// An sRGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub [f32; 3]);

impl Color {
    pub const BLACK: Color = Color([0.0, 0.0, 0.0]);
    pub const WHITE: Color = Color([1.0, 1.0, 1.0]);

    /// `#rrggbb`.
    pub fn parse(s: &str) -> Option<Color> {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let c = |i: usize| {
            u8::from_str_radix(&hex[i..i + 2], 16)
                .ok()
                .map(|v| f32::from(v) / 255.0)
        };
        Some(Color([c(0)?, c(2)?, c(4)?]))
    }
}

/// How a piece of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub family: Family,
    pub size: f32,
    pub color: Color,
    pub bold: bool,
    pub italic: bool,
    /// Whether words of this text may be hyphenated (where the paragraph is): not
    /// names.
    pub hyphenate: bool,
    /// Whether a paragraph in this style reads right to left: set by the
    /// layout's language, as Unicode's Bidirectional Algorithm lets a document
    /// say (its rule HL1), so that one Hebrew name does not turn a line of an
    /// English CV, nor a Latin address a line of an Arabic one.
    pub rtl: bool,
}

/// A piece of text to set, with its style, link and place in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Inline {
    pub text: String,
    pub style: TextStyle,
    pub link: Option<Link>,
    /// Where `text` starts in a source file; the text is contiguous there.
    pub origin: Option<Origin>,
}

/// One glyph of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub gid: u16,
    /// The character the glyph shows (for the PDF's text layer).
    pub ch: char,
    /// Advance width in points.
    pub advance: f32,
    /// Kerning to the next glyph of the run, in points (negative = closer).
    pub kern: f32,
    /// How far the glyph is raised from the baseline, in points (a mark that
    /// shaping placed above or below its letter).
    pub rise: f32,
}

/// Glyphs of one face, size, colour and link, set one after another.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub face: FaceId,
    pub size: f32,
    pub color: Color,
    pub link: Option<Link>,
    pub glyphs: Vec<Glyph>,
    /// What a text extractor should read instead of the glyphs (`/ActualText`):
    /// the text of a shaped run, in logical order; on the fragments of a word
    /// broken across lines, the whole word on the first and nothing on the rest.
    pub actual: Option<String>,
    /// The run's bidirectional embedding level: even reads left to right, odd
    /// right to left (see `bidi`).
    pub level: u8,
    /// A shaped run's text and the glyphs that show several of its characters;
    /// `None` for a run of one glyph per character, in order.
    pub shaped: Option<Box<ShapedText>>,
}

/// What a shaped run stands for: its glyphs come in visual order, and one may
/// show several characters or none.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapedText {
    /// The run's characters in reading order.
    pub text: Box<str>,
    /// Glyphs that show several characters (a ligature, a conjunct), with those
    /// characters, for the font's ToUnicode map.
    pub ligatures: Vec<(u16, Box<str>)>,
}

impl Run {
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance + g.kern).sum()
    }

    /// The characters the glyphs show, in their order.
    pub fn text(&self) -> String {
        self.glyphs
            .iter()
            .map(|g| g.ch)
            .filter(|&c| c != shape::NO_CHAR)
            .collect()
    }

    /// The run's text as it reads: what it stands for (`/ActualText`), else a
    /// shaped run's text, else its glyphs'.
    pub fn reading(&self) -> String {
        match (&self.actual, &self.shaped) {
            (Some(actual), _) => actual.clone(),
            (None, Some(shaped)) => shaped.text.to_string(),
            (None, None) => self.text(),
        }
    }
}

/// The space after a word: its natural width, the width its stretch is measured
/// in (the same for a space; between two ideographs the width is nothing but the
/// line may still stretch there), and the glyph that shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Space {
    pub width: f32,
    pub stretch: f32,
    pub run: Run,
}

impl Space {
    /// The space at bidirectional level `level`.
    fn at_level(mut self, level: u8) -> Space {
        self.run.level = level;
        self
    }
}

/// What the line breaker places: glyph runs that must stay together, and the space
/// that follows them (if any).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Word {
    pub runs: Vec<Run>,
    pub space: Option<Space>,
    pub origin: Option<Origin>,
    /// Whether the word may be hyphenated: not when any of it is set in a style
    /// that forbids it (a name).
    pub hyphenate: bool,
    /// Where the author put soft hyphens (U+00AD), as glyph indices: the only
    /// places the word is hyphenated, whatever the dictionary says.
    pub soft: Vec<usize>,
    /// Whether the word's paragraph reads right to left (its lines then start at
    /// the right).
    pub rtl: bool,
}

impl Word {
    pub fn width(&self) -> f32 {
        self.runs.iter().map(Run::width).sum()
    }

    /// The run that holds glyph `at - 1`, the one before a break at `at`.
    pub fn run_before(&self, at: usize) -> Option<&Run> {
        RunCursor::default().run_before(self, at)
    }

    /// The characters the word's glyphs show, run by run.
    pub fn text(&self) -> String {
        self.runs.iter().map(Run::text).collect()
    }

    /// The word as it reads (for the text layer of a word broken across lines,
    /// and for messages).
    pub fn reading(&self) -> String {
        self.runs.iter().map(Run::reading).collect()
    }
}

/// Finds the run before each of a word's breaks, in order of the breaks: one walk
/// over the runs for all of them (a word of many runs with many breaks must not
/// cost runs × breaks).
#[derive(Debug, Default)]
pub struct RunCursor {
    run: usize,
    /// Glyphs in the runs before `run`.
    before: usize,
}

impl RunCursor {
    /// The run that holds glyph `at - 1` of `word`; `at` must not decrease from one
    /// call to the next.
    pub fn run_before<'w>(&mut self, word: &'w Word, at: usize) -> Option<&'w Run> {
        loop {
            let run = word.runs.get(self.run)?;
            if self.before + run.glyphs.len() >= at {
                return Some(run);
            }
            self.before += run.glyphs.len();
            self.run += 1;
        }
    }
}

/// Typewriter quotes become typographic ones: `"Hi"` → “Hi”, `I've` → I’ve. An
/// opening quote follows a space, an opening bracket or a dash; anything else closes.
/// A single quote before a digit is an elision ('23 → ’23).
fn curl(prev: char, c: char, next: char) -> char {
    let opens = prev.is_whitespace()
        || matches!(
            prev,
            '(' | '[' | '{' | '\u{2013}' | '\u{2014}' | '/' | '“' | '‘'
        );
    match c {
        '"' if opens => '“',
        '"' => '”',
        '\'' if opens && !next.is_ascii_digit() => '‘',
        '\'' => '’',
        _ => c,
    }
}

/// Characters that separate words and allow a line break there.
pub fn is_break_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{2009}' | '\u{2002}' | '\u{2003}' | '\u{2028}' | '\u{2029}'
    )
}

/// The hash rustc uses for its own tables (multiply and rotate): several times
/// faster than the default SipHash on the small keys of cvc's glyph caches. Their
/// keys are glyph ids and characters, small numbers that it spreads without
/// collisions (multiplying by an odd constant is one-to-one); keys an input could
/// craft to collide, words, use SipHash.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(buf));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }
    fn write_u16(&mut self, v: u16) {
        self.write_u64(u64::from(v));
    }
    fn write_u8(&mut self, v: u8) {
        self.write_u64(u64::from(v));
    }
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Measures text with one set of fonts.
pub struct Shaper<'a> {
    pub fonts: &'a FontSet,
    pub metrics: Metrics<'a>,
    /// Pair kerning already looked up. A CV uses a few hundred distinct pairs many
    /// times over, and each GPOS look-up walks coverage and class tables.
    kerns: RefCell<FxHashMap<(FaceId, u16, u16), f32>>,
    /// Character look-ups already done (each walks a cmap subtable).
    glyphs: RefCell<FxHashMap<(FaceId, char), Option<u16>>>,
    /// Each face as the shaper reads it, parsed when text first needs it.
    buzz: Vec<OnceCell<Option<rustybuzz::Face<'a>>>>,
    /// Warnings said once a build, at most one of each code, since they were
    /// last taken (see [`Shaper::take_notes`]).
    notes: RefCell<Vec<Diagnostic>>,
}

impl<'a> Shaper<'a> {
    /// A shaper for `fonts`; fails only when a face cannot be parsed.
    pub fn new(fonts: &'a FontSet) -> Result<Self, Diagnostic> {
        Ok(Shaper {
            fonts,
            metrics: fonts.metrics()?,
            kerns: RefCell::default(),
            glyphs: RefCell::default(),
            buzz: (0..fonts.face_count()).map(|_| OnceCell::new()).collect(),
            notes: RefCell::default(),
        })
    }

    /// The warnings said once a build (a selector or joiner that asked for a
    /// form no font has, a direction override) noted since the last call: the
    /// caller keeps one of each code for a whole build.
    pub fn take_notes(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *self.notes.borrow_mut())
    }

    /// Notes `warning` unless one of its code is noted already.
    fn note(&self, warning: impl FnOnce() -> Diagnostic) {
        let mut notes = self.notes.borrow_mut();
        let warning = warning();
        if !notes.iter().any(|n| n.code == warning.code) {
            notes.push(warning);
        }
    }

    /// The glyph of `c` in `face`, if the face has one.
    pub fn glyph(&self, face: FaceId, c: char) -> Option<u16> {
        *self
            .glyphs
            .borrow_mut()
            .entry((face, c))
            .or_insert_with(|| self.metrics.glyph(face, c))
    }

    /// Kerning between two glyphs of a face, in thousandths of an em.
    #[inline]
    fn kern(&self, face: FaceId, left: u16, right: u16) -> f32 {
        *self
            .kerns
            .borrow_mut()
            .entry((face, left, right))
            .or_insert_with(|| self.metrics.kern(face, left, right))
    }

    /// The faces tried for a character in `style`, in order: the style's own
    /// face, the layout's fallbacks in the same style, the symbol font, the
    /// family's regular face.
    fn chain(&self, style: &TextStyle) -> impl Iterator<Item = FaceId> + Clone + '_ {
        let (bold, italic) = (style.bold, style.italic);
        let fallbacks = self
            .fonts
            .fallbacks()
            .iter()
            .map(move |f| f.face(bold, italic));
        std::iter::once(style.family.face(bold, italic))
            .chain(fallbacks)
            .chain([self.fonts.symbol(), style.family.regular])
    }

    /// The face that draws `c` in `style`, the first of its chain that has it.
    #[inline]
    pub fn face_for(&self, c: char, style: &TextStyle) -> Option<(FaceId, u16)> {
        // Most characters are in the style's own face: asked first, alone.
        let own = style.family.face(style.bold, style.italic);
        if let Some(gid) = self.glyph(own, c) {
            return Some((own, gid));
        }
        self.chain(style)
            .find_map(|f| self.glyph(f, c).map(|g| (f, g)))
    }

    /// A space that does not break (no-break, narrow, figure…) in a font that lacks
    /// it: the font's own space stands in. cvc writes some itself (in "Sep 2019"), so
    /// a font without them must not fail a build.
    fn space_for(&self, c: char, style: &TextStyle) -> Option<(FaceId, u16)> {
        let spacing = matches!(
            c,
            '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
        );
        let face = style.family.face(style.bold, style.italic);
        spacing.then(|| self.glyph(face, ' ').map(|g| (face, g)))?
    }

    /// The interword space of a style, at the level of its paragraph's direction
    /// (where a space falls between two words that read otherwise, `words`
    /// gives it their level).
    pub fn space(&self, style: &TextStyle) -> Option<Space> {
        let face = style.family.face(style.bold, style.italic);
        let gid = self.glyph(face, ' ')?;
        let advance = self.metrics.advance(face, gid) * style.size / 1000.0;
        Some(Space {
            width: advance,
            stretch: advance,
            run: Run {
                face,
                size: style.size,
                color: style.color,
                link: None,
                glyphs: vec![Glyph {
                    gid,
                    ch: ' ',
                    advance,
                    kern: 0.0,
                    rise: 0.0,
                }],
                actual: None,
                level: u8::from(style.rtl),
                shaped: None,
            },
        })
    }

    /// The hyphen drawn at a break after a glyph of `run`, in its face and size.
    pub fn hyphen(&self, run: &Run) -> Option<Glyph> {
        let gid = self.glyph(run.face, '-')?;
        Some(Glyph {
            gid,
            ch: '-',
            advance: self.metrics.advance(run.face, gid) * run.size / 1000.0,
            kern: 0.0,
            rise: 0.0,
        })
    }
}

/// Width of words set on one line at their natural spaces (the last word's space
/// is not part of the line): for centring, right-aligning, and judging a line.
pub fn line_width(words: &[Word]) -> f32 {
    let n = words.len();
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            w.width()
                + if i + 1 < n {
                    w.space.as_ref().map_or(0.0, |s| s.width)
                } else {
                    0.0
                }
        })
        .sum()
}

/// Source Serif 4 at 10 pt, black, hyphenated: the style the text and line
/// breaking tests set their words in.
#[cfg(test)]
pub(crate) fn test_style(fonts: &FontSet) -> TextStyle {
    TextStyle {
        family: fonts.family("Source Serif 4").unwrap(),
        size: 10.0,
        color: Color::BLACK,
        bold: false,
        italic: false,
        hyphenate: true,
        rtl: false,
    }
}

#[cfg(test)]
/// The bundled fonts with the face `file` (one of Debian's Noto fonts, which
/// the test command installs) loaded as a family, and the style of 10 pt text
/// in it.
pub(crate) fn test_font(file: &str) -> (FontSet, TextStyle) {
    let mut fonts = FontSet::bundled();
    let face = test_face(&mut fonts, file);
    let style = TextStyle {
        family: Family::single(face),
        ..test_style(&fonts)
    };
    (fonts, style)
}

/// A piece of text in `style` with no place in a source, for the tests of words
/// and lines.
#[cfg(test)]
pub(crate) fn test_inline(text: &str, style: TextStyle) -> Inline {
    Inline {
        text: text.into(),
        style,
        link: None,
        origin: None,
    }
}

/// The bundled fonts with the face `file` as the layout's fallback, and the
/// style of 10 pt Source Serif 4 text.
#[cfg(test)]
pub(crate) fn test_fallback(file: &str) -> (FontSet, TextStyle) {
    let mut fonts = FontSet::bundled();
    let face = test_face(&mut fonts, file);
    fonts.set_fallbacks(vec![Family::single(face)]);
    let style = test_style(&fonts);
    (fonts, style)
}

#[cfg(test)]
fn test_face(fonts: &mut FontSet, file: &str) -> FaceId {
    let file = crate::fonts::FaceFile {
        path: std::path::PathBuf::from(file),
        at: crate::diag::Origin::new(crate::diag::FileId(0), 0),
        index: None,
    };
    fonts
        .load_face(&file, &mut crate::diag::Sources::default())
        .unwrap_or_else(|e| panic!("{} (install fonts-noto-core): {e:?}", file.path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, FileId};

    fn inline(text: &str, style: TextStyle) -> Inline {
        Inline {
            text: text.into(),
            style,
            link: None,
            origin: Some(Origin::new(FileId(0), 0)),
        }
    }

    #[test]
    fn words_are_split_at_spaces_and_kerned() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let words = shaper
            .words(&[inline("  AV  To\u{a0}go ", test_style(&fonts))])
            .unwrap();
        let texts: Vec<String> = words.iter().map(Word::text).collect();
        assert_eq!(texts, vec!["AV", "To\u{a0}go"]);
        let av = &words[0].runs[0];
        assert!(av.glyphs[0].kern < 0.0);
        assert!(words[0].space.is_some() && words[1].space.is_none());
    }

    /// A letter and the marks that compose with it are one glyph, as NFC writes
    /// it; problems after it are still found at their byte in the source.
    #[test]
    fn decomposed_letters_are_drawn_composed() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let style = test_style(&fonts);
        let words = shaper
            .words(&[inline(
                "E\u{301}cole Ma\u{308}rchen na\u{131}\u{308}ve",
                style,
            )])
            .unwrap();
        let texts: Vec<String> = words.iter().map(Word::text).collect();
        // ı and ◌̈ compose into nothing: both are drawn.
        assert_eq!(texts, ["École", "Märchen", "na\u{131}\u{308}ve"]);
        assert_eq!(
            words[0].runs.iter().map(|r| r.glyphs.len()).sum::<usize>(),
            5
        );
        let err = shaper
            .words(&[inline("E\u{301}\u{e000}", style)])
            .unwrap_err();
        assert_eq!(
            err[0].origin.map(|o| o.index),
            Some(3),
            "after É, 3 bytes in"
        );
        // No bundled font has ḩ composed (as long in UTF-8 as h and ◌̧): its
        // parts are drawn.
        let words = shaper.words(&[inline("h\u{327}", style)]).unwrap();
        assert_eq!(words[0].text(), "h\u{327}");
        // x̃ is no single character: the cluster is shaped, and the font places
        // the tilde over the x (the pen goes back for it), not after it.
        let words = shaper.words(&[inline("x\u{303}", style)]).unwrap();
        let glyphs = &words[0].runs[0].glyphs;
        assert_eq!(glyphs.len(), 2);
        assert!(glyphs[0].kern < -1.0, "{glyphs:?}");
        assert_eq!(words[0].reading(), "x\u{303}");
    }

    /// Default-ignorable characters (by their Unicode property) are set as
    /// nothing, and a text of them alone is blank.
    #[test]
    fn default_ignorable_characters_are_set_as_nothing() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let text = "a\u{34F}b\u{2061}c\u{E0067}d\u{3164}e\u{180E}f\u{FE0F}";
        let words = shaper.words(&[inline(text, test_style(&fonts))]).unwrap();
        let texts: Vec<String> = words.iter().map(Word::text).collect();
        assert_eq!(texts, ["abcdef"]);
        assert!(crate::reader::is_blank(
            "\u{3164}\u{115F} \u{E0020}\u{2064}"
        ));
    }

    /// An emoji sequence no font has is one error, at its first character; two
    /// missing characters not joined are two.
    #[test]
    fn a_joined_sequence_no_font_has_is_one_error() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let family = "a \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} b \u{1F468} \u{1F469}";
        let err = shaper
            .words(&[inline(family, test_style(&fonts))])
            .unwrap_err();
        let found: Vec<(&str, Option<u32>)> = err
            .iter()
            .map(|d| (d.message.as_str(), d.origin.map(|o| o.index)))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "no bundled font has the sequence `\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}` (U+1F468 U+200D U+1F469 U+200D U+1F467)",
                    Some(2)
                ),
                ("no bundled font has the character `\u{1F468}` (U+1F468)", Some(23)),
                ("no bundled font has the character `\u{1F469}` (U+1F469)", Some(28)),
            ]
        );
    }

    #[test]
    fn symbols_fall_back_and_unknown_characters_are_errors() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let words = shaper.words(&[inline("➤ ok", test_style(&fonts))]).unwrap();
        assert_eq!(words[0].runs[0].face, fonts.symbol());
        let err = shaper
            .words(&[inline("a\u{7}b", test_style(&fonts))])
            .unwrap_err();
        assert_eq!(err[0].code, Code::ControlCharacter);
        let err = shaper
            .words(&[inline("ab 中", test_style(&fonts))])
            .unwrap_err();
        assert_eq!(
            err[0].message,
            "no bundled font has the character `中` (U+4E2D)"
        );
        assert_eq!(err[0].origin.map(|o| o.index), Some(3));
    }

    #[test]
    fn a_space_a_font_lacks_is_its_own_space() {
        // The symbol font has a space but no narrow no-break space, which cvc
        // writes between a month and a year.
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let symbol = fonts.symbol();
        assert!(shaper.glyph(symbol, '\u{202F}').is_none());
        let style = TextStyle {
            family: crate::fonts::Family {
                regular: symbol,
                italic: symbol,
                bold: symbol,
                bold_italic: symbol,
            },
            ..test_style(&fonts)
        };
        let words = shaper.words(&[inline("★\u{202F}★", style)]).unwrap();
        let glyphs = &words[0].runs[0].glyphs;
        assert_eq!(
            glyphs[1].ch, '\u{202F}',
            "the text layer keeps the character"
        );
        assert_eq!(Some(glyphs[1].gid), shaper.glyph(symbol, ' '));
    }

    #[test]
    fn quotes_are_curled() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let words = shaper
            .words(&[inline(
                "(\"Hi Bruno\") I've 'x' SOSP '23",
                test_style(&fonts),
            )])
            .unwrap();
        let text: Vec<String> = words.iter().map(Word::text).collect();
        assert_eq!(text, vec!["(“Hi", "Bruno”)", "I’ve", "‘x’", "SOSP", "’23"]);
    }
}
