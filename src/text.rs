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

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::diag::{missing_glyph, Code, Diagnostic, Origin, SourceResult};
use crate::fonts::{FaceId, Family, FontSet, Metrics};
use crate::markup::{same_link, Link};

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
}

/// Glyphs of one face, size, colour and link, set one after another.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub face: FaceId,
    pub size: f32,
    pub color: Color,
    pub link: Option<Link>,
    pub glyphs: Vec<Glyph>,
    /// What a text extractor should read instead of the glyphs (`/ActualText`): set
    /// on the fragments of a word broken across lines.
    pub actual: Option<String>,
}

impl Run {
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance + g.kern).sum()
    }

    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.ch).collect()
    }
}

/// The space after a word: its natural width and the glyph that shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Space {
    pub width: f32,
    pub run: Run,
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
}

impl Word {
    pub fn width(&self) -> f32 {
        self.runs.iter().map(Run::width).sum()
    }

    /// The run that holds glyph `at - 1`, the one before a break at `at`.
    pub fn run_before(&self, at: usize) -> Option<&Run> {
        RunCursor::default().run_before(self, at)
    }

    pub fn text(&self) -> String {
        self.runs.iter().map(Run::text).collect()
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
}

impl<'a> Shaper<'a> {
    /// A shaper for `fonts`; fails only when a face cannot be parsed.
    pub fn new(fonts: &'a FontSet) -> Result<Self, Diagnostic> {
        Ok(Shaper {
            fonts,
            metrics: fonts.metrics()?,
            kerns: RefCell::default(),
            glyphs: RefCell::default(),
        })
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
    fn kern(&self, face: FaceId, left: u16, right: u16) -> f32 {
        *self
            .kerns
            .borrow_mut()
            .entry((face, left, right))
            .or_insert_with(|| self.metrics.kern(face, left, right))
    }

    /// The face that draws `c` in `style`: the style's own face, else the layout's
    /// fallbacks in the same style, in order, else the symbol font, else the
    /// family's regular face.
    pub fn face_for(&self, c: char, style: &TextStyle) -> Option<(FaceId, u16)> {
        let (bold, italic) = (style.bold, style.italic);
        let fallbacks = self.fonts.fallbacks().iter().map(|f| f.face(bold, italic));
        std::iter::once(style.family.face(bold, italic))
            .chain(fallbacks)
            .chain([self.fonts.symbol(), style.family.regular])
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

    /// Break `inlines` into measured words. Every character no font covers is
    /// reported; the words are returned only when there is none.
    pub fn words(&self, inlines: &[Inline]) -> SourceResult<Vec<Word>> {
        let mut words: Vec<Word> = Vec::new();
        let mut current: Option<Word> = None;
        let mut errors = Vec::new();
        let mut missing = Missing::default();
        // The scripts of this text already refused (one error each).
        let mut refused: Vec<&str> = Vec::new();
        let mut prev = ' ';
        for inline in inlines {
            let mut rest = inline.text.as_str();
            while let Some((mut source_char, mut len, first)) = composed(rest) {
                if source_char != first && self.face_for(source_char, &inline.style).is_none() {
                    // No font draws the letter composed: its parts are drawn.
                    source_char = first;
                    len = first.len_utf8();
                }
                let i = inline.text.len() - rest.len();
                rest = &rest[len..];
                let origin = inline.origin.map(|o| o.advanced(i));
                let next = rest.chars().next().unwrap_or(' ');
                let c = curl(prev, source_char, next);
                prev = source_char;
                if is_break_space(c) {
                    missing = Missing::default();
                    if let Some(mut w) = current.take() {
                        w.space = self.space(&inline.style);
                        words.push(w);
                    } else if let Some(last) = words.last_mut() {
                        if last.space.is_none() {
                            last.space = self.space(&inline.style);
                        }
                    }
                    continue;
                }
                if c == SOFT_HYPHEN {
                    if let Some(word) = current.as_mut() {
                        let at = word.runs.iter().map(|r| r.glyphs.len()).sum();
                        word.soft.push(at);
                    }
                    continue;
                }
                if crate::reader::is_invisible(c) {
                    missing.joins(c);
                    continue;
                }
                if c.is_control() {
                    errors.push(control_character(c, origin));
                    continue;
                }
                if let Some(needs) = unsupported(c) {
                    if !refused.contains(&needs.0) {
                        refused.push(needs.0);
                        errors.push(unsupported_script(needs, origin));
                    }
                    continue;
                }
                let Some((face, gid)) = self
                    .face_for(c, &inline.style)
                    .or_else(|| self.space_for(c, &inline.style))
                else {
                    missing.add(c, origin, self.fonts.has_user_faces(), &mut errors);
                    continue;
                };
                missing = Missing::default();
                let word = current.get_or_insert_with(|| Word {
                    runs: Vec::with_capacity(1),
                    space: None,
                    origin,
                    hyphenate: true,
                    soft: Vec::new(),
                });
                word.hyphenate &= inline.style.hyphenate;
                self.push_glyph(word, face, gid, c, inline);
            }
        }
        if let Some(w) = current.take() {
            words.push(w);
        }
        if let Some(last) = words.last_mut() {
            last.space = None;
        }
        if errors.is_empty() {
            Ok(words)
        } else {
            Err(errors)
        }
    }

    fn push_glyph(&self, word: &mut Word, face: FaceId, gid: u16, ch: char, inline: &Inline) {
        let size = inline.style.size;
        let advance = self.metrics.advance(face, gid) * size / 1000.0;
        let glyph = Glyph {
            gid,
            ch,
            advance,
            kern: 0.0,
        };
        if let Some(run) = word.runs.last_mut() {
            if run.face == face
                && run.size == size
                && run.color == inline.style.color
                && same_link(&run.link, &inline.link)
            {
                if let Some(prev) = run.glyphs.last_mut() {
                    prev.kern = self.kern(face, prev.gid, gid) * size / 1000.0;
                }
                run.glyphs.push(glyph);
                return;
            }
        }
        // Most words are one run of under a dozen glyphs: room for them at once
        // spares the vector its growing steps.
        let mut glyphs = Vec::with_capacity(12);
        glyphs.push(glyph);
        word.runs.push(Run {
            face,
            size,
            color: inline.style.color,
            link: inline.link.clone(),
            glyphs,
            actual: None,
        });
    }

    /// The interword space of a style.
    pub fn space(&self, style: &TextStyle) -> Option<Space> {
        let face = style.family.face(style.bold, style.italic);
        let gid = self.glyph(face, ' ')?;
        let advance = self.metrics.advance(face, gid) * style.size / 1000.0;
        Some(Space {
            width: advance,
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
                }],
                actual: None,
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
        })
    }
}

/// A control character reached the shaper (the readers of `cv.toml` and layouts
/// report them first; this keeps one from ever reaching the PDF's text layer).
fn control_character(c: char, origin: Option<Origin>) -> Diagnostic {
    Diagnostic::error(
        Code::ControlCharacter,
        format!(
            "the control character U+{:04X} cannot be printed",
            u32::from(c)
        ),
        origin,
    )
    .with_help("delete it (it is invisible in most editors)")
}

/// Characters no font has, one after the other and joined by U+200D (ZERO WIDTH
/// JOINER): an emoji sequence ("👨‍👩‍👧") is one thing to the reader, and is one error.
#[derive(Default)]
struct Missing {
    /// The sequence so far, and the error that names it (an index into the errors).
    sequence: String,
    error: Option<usize>,
    /// A joiner came after the last missing character.
    joined: bool,
}

impl Missing {
    const JOINER: char = '\u{200d}';

    /// An invisible character after a missing one: a joiner joins it to the next.
    fn joins(&mut self, c: char) {
        if c == Missing::JOINER && self.error.is_some() {
            self.joined = true;
        }
    }

    /// `c` has no glyph: a new error, or the sequence it is joined to grows.
    fn add(&mut self, c: char, origin: Option<Origin>, user: bool, errors: &mut Vec<Diagnostic>) {
        match self.error.filter(|_| self.joined) {
            Some(at) => {
                self.sequence.push(Missing::JOINER);
                self.sequence.push(c);
                let first = errors[at].origin;
                errors[at] = missing_glyph(&self.sequence, first, user);
            }
            None => {
                self.sequence = c.to_string();
                self.error = Some(errors.len());
                errors.push(missing_glyph(&self.sequence, origin, user));
            }
        }
        self.joined = false;
    }
}

/// The script of `c` and what it needs, when cvc cannot set it yet: right-to-left
/// order and joined letters, or the shaping that forms syllables. Drawn one glyph
/// after another, left to right, such text would print as something else; it is
/// refused rather than printed wrong.
fn unsupported(c: char) -> Option<(&'static str, &'static str)> {
    use unicode_script::{Script, UnicodeScript};
    const RTL: &str = "right-to-left order";
    const JOINED: &str = "right-to-left order and joined letters";
    const SHAPED: &str = "shaping that joins letters and marks into syllables";
    // Below Hebrew, the first of them, only scripts cvc sets: Latin, Greek,
    // Cyrillic, Armenian (most text is decided without a table).
    if u32::from(c) < 0x0590 {
        return None;
    }
    let needs = match c.script() {
        Script::Hebrew | Script::Thaana | Script::Samaritan => RTL,
        Script::Arabic | Script::Syriac | Script::Nko | Script::Mandaic | Script::Adlam => JOINED,
        Script::Devanagari
        | Script::Bengali
        | Script::Gurmukhi
        | Script::Gujarati
        | Script::Oriya
        | Script::Tamil
        | Script::Telugu
        | Script::Kannada
        | Script::Malayalam
        | Script::Sinhala
        | Script::Thai
        | Script::Lao
        | Script::Tibetan
        | Script::Myanmar
        | Script::Khmer
        | Script::Mongolian => SHAPED,
        _ => return None,
    };
    Some((c.script().full_name(), needs))
}

fn unsupported_script((script, needs): (&str, &str), origin: Option<Origin>) -> Diagnostic {
    Diagnostic::error(
        Code::UnsupportedScript,
        format!("cvc cannot set {script} text yet: it needs {needs}, which cvc does not do"),
        origin,
    )
    .with_help(format!(
        "write this in a script cvc sets (a transliteration), or leave it out; {script} would print wrongly"
    ))
}

/// The first character of `s`, its length in bytes, and the first character alone.
/// A letter followed by combining marks that compose with it into one character
/// (a decomposed "é", as macOS file names and many pasted texts have it) is that
/// character, so that it is drawn as one glyph, found in one font and hyphenated
/// as a letter. Marks that compose with nothing are characters of their own (and
/// so are those of a letter no font has composed: `words` draws its parts).
fn composed(s: &str) -> Option<(char, usize, char)> {
    let first = s.chars().next()?;
    let mut end = first.len_utf8();
    // No combining mark is ASCII: most text is decided by one byte.
    if s.as_bytes().get(end).is_none_or(u8::is_ascii) {
        return Some((first, end, first));
    }
    for c in s[end..].chars() {
        if !is_combining_mark(c) {
            break;
        }
        end += c.len_utf8();
    }
    if end == first.len_utf8() {
        return Some((first, end, first));
    }
    let mut nfc = s[..end].nfc();
    match (nfc.next(), nfc.next()) {
        (Some(one), None) => Some((one, end, first)),
        _ => Some((first, first.len_utf8(), first)),
    }
}

/// U+00AD, where the author allows a word to break with a hyphen.
const SOFT_HYPHEN: char = '\u{ad}';

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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;

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

    /// Scripts cvc cannot set yet (right to left, shaped) are refused, once a
    /// script in a text, whatever the fonts: printed letter by letter, left to
    /// right, they would read as something else.
    #[test]
    fn scripts_cvc_cannot_set_are_refused_not_printed_wrong() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let text = "Sarah שרה כהן and سارة, नमस्ते";
        let err = shaper
            .words(&[inline(text, test_style(&fonts))])
            .unwrap_err();
        let found: Vec<(Code, &str)> = err.iter().map(|d| (d.code, d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (Code::UnsupportedScript, "cvc cannot set Hebrew text yet: it needs right-to-left order, which cvc does not do"),
                (Code::UnsupportedScript, "cvc cannot set Arabic text yet: it needs right-to-left order and joined letters, which cvc does not do"),
                (Code::UnsupportedScript, "cvc cannot set Devanagari text yet: it needs shaping that joins letters and marks into syllables, which cvc does not do"),
            ]
        );
        assert_eq!(
            err[0].origin.map(|o| o.index),
            Some(6),
            "at the first Hebrew letter"
        );
        assert!(shaper
            .words(&[inline("Zoë Ångström, Ελένη, Наталья", test_style(&fonts))])
            .is_ok());
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
