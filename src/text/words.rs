//! A paragraph's styled pieces of text become measured words.
//!
//! Character by character: spaces end words; a letter typed with its accents
//! apart is composed first; quotes are curled; default-ignorable characters are
//! set as nothing and soft hyphens kept as places to break. Most text takes the
//! quick way: one glyph per character, from the first face of the chain that has
//! it, kerned by pairs. Text that needs more (a script whose letters join or
//! reorder, or anything that reads right to left) is cut into segments that
//! `shape` sets whole. Where two ideographs meet, the line may break without a
//! space (UAX #14), so a word ends there with a space of no width that still
//! stretches.

use unicode_linebreak::{break_property, linebreaks, BreakClass, BreakOpportunity};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::bidi::Levels;
use super::{curl, is_break_space, Glyph, Inline, Run, ShapedText, Shaper, Space, TextStyle, Word};
use crate::diag::{missing_glyph, Code, Diagnostic, Origin, SourceResult};
use crate::fonts::FaceId;
use crate::markup::same_link;

/// The stretch of the break between two ideographs, in ems of the type: its
/// natural width is nothing, but a justified line may grow by half an em at
/// each at ratio 1 (spread evenly between them, as CJK typesetting justifies,
/// JIS X 4051's inter-character spacing), and a ragged line may end three ems
/// short at ratio 1, so that a paragraph can give up a character to keep its
/// last line from holding only one (see `linebreak::demerits::RUNT_DEMERITS`).
const IDEOGRAPHIC_STRETCH_EM: f32 = 1.0;

/// U+00AD, where the author allows a word to break with a hyphen.
const SOFT_HYPHEN: char = '\u{ad}';
/// U+200B, where a line may break between words written without a space.
const ZERO_WIDTH_SPACE: char = '\u{200b}';

/// The words of one paragraph as they are cut.
struct Cut {
    words: Vec<Word>,
    current: Option<Word>,
    errors: Vec<Diagnostic>,
    missing: Missing,
    /// The paragraph reads right to left.
    rtl: bool,
}

impl Cut {
    /// The word being set, begun at `origin` if there is none.
    #[inline]
    fn word(&mut self, origin: Option<Origin>, style: &TextStyle) -> &mut Word {
        let rtl = self.rtl;
        let word = self.current.get_or_insert_with(|| Word {
            runs: Vec::with_capacity(1),
            space: None,
            origin,
            hyphenate: true,
            soft: Vec::new(),
            rtl,
        });
        word.hyphenate &= style.hyphenate;
        word
    }

    /// The word ends with `space` (or, with no word since the last space, that
    /// space is the one after the last word, if it has none yet).
    fn end_word(&mut self, space: Option<Space>) {
        if let Some(mut w) = self.current.take() {
            w.space = space;
            self.words.push(w);
        } else if let Some(last) = self.words.last_mut() {
            if last.space.is_none() {
                last.space = space;
            }
        }
    }

    fn finish(mut self) -> SourceResult<Vec<Word>> {
        if let Some(w) = self.current.take() {
            self.words.push(w);
        }
        if let Some(last) = self.words.last_mut() {
            last.space = None;
        }
        if self.errors.is_empty() {
            Ok(self.words)
        } else {
            Err(self.errors)
        }
    }
}

impl Shaper<'_> {
    /// Break `inlines` into measured words. Every character no font covers is
    /// reported; the words are returned only when there is none.
    pub fn words(&self, inlines: &[Inline]) -> SourceResult<Vec<Word>> {
        // A paragraph reads as its layout's language does (all its pieces do).
        let rtl = inlines.first().is_some_and(|i| i.style.rtl);
        let levels = Levels::of_parts(inlines.iter().map(|i| i.text.as_str()), rtl);
        if levels.is_some() {
            self.overrides(inlines);
        }
        let mut cut = Cut {
            words: Vec::new(),
            current: None,
            errors: Vec::new(),
            missing: Missing::default(),
            rtl,
        };
        let mut base = 0;
        let mut prev = ' ';
        for inline in inlines {
            let level_at = |i: usize| levels.as_ref().map_or(0, |l| l.at(base + i));
            let breaks = ideographic_breaks(&inline.text);
            let mut breaks = breaks.iter().peekable();
            let mut rest = inline.text.as_str();
            while let Some((c, len, first, marked)) = composed(rest) {
                let i = inline.text.len() - rest.len();
                let level = level_at(i);
                if breaks.peek().is_some() {
                    while breaks.next_if(|&&b| b < i).is_some() {}
                    if breaks.next_if(|&&b| b == i).is_some() && cut.current.is_some() {
                        cut.end_word(Some(self.silent_break(&inline.style, level)));
                    }
                }
                let segment = if starts_segment(first, level) {
                    Some(segment_end(&inline.text, i, level, &level_at))
                } else if settable(first)
                    && (marked > len || (c != first && self.face_for(c, &inline.style).is_none()))
                {
                    // A letter with marks that compose into no character a font
                    // draws: shaped, so that the font places its marks on it.
                    Some(i + marked)
                } else {
                    None
                };
                if let Some(end) = segment {
                    self.set_segment(&mut cut, inline, i..end, level);
                    prev = inline.text[..end].chars().next_back().unwrap_or(prev);
                    rest = &inline.text[end..];
                    continue;
                }
                rest = &rest[len..];
                let next = rest.chars().next().unwrap_or(' ');
                let curled = curl(prev, c, next);
                prev = c;
                self.set_char(&mut cut, inline, i, curled, level);
            }
            base += inline.text.len();
        }
        cut.finish()
    }

    /// Notes the first direction override (U+202D, U+202E) of a paragraph: it
    /// turns the letters after it around, and "Evil \u{202E}resU" prints as
    /// "Evil User": what the page shows is not what the source says.
    fn overrides(&self, inlines: &[Inline]) {
        let found = inlines.iter().find_map(|inline| {
            let at = inline.text.find(['\u{202D}', '\u{202E}'])?;
            Some((inline, at))
        });
        if let Some((inline, at)) = found {
            let origin = inline.origin.map(|o| o.advanced(at));
            self.note(|| {
                Diagnostic::warning(
                    Code::DirectionOverride,
                    "a direction override (U+202D or U+202E) sets the letters after it in an order other than the text's: what the page shows is not what the source says",
                    origin,
                )
                .with_help("delete it; to set a name or address apart from the text around it, write it as it reads")
            });
        }
    }

    /// One character the quick way, at byte `i` of `inline`.
    #[inline]
    fn set_char(&self, cut: &mut Cut, inline: &Inline, i: usize, c: char, level: u8) {
        let origin = inline.origin.map(|o| o.advanced(i));
        if is_break_space(c) {
            cut.missing = Missing::default();
            cut.end_word(self.space(&inline.style).map(|s| s.at_level(level)));
            return;
        }
        if c == ZERO_WIDTH_SPACE {
            if cut.current.is_some() {
                cut.end_word(Some(self.silent_break(&inline.style, level)));
            }
            return;
        }
        if c == SOFT_HYPHEN {
            if let Some(word) = cut.current.as_mut() {
                let at = word.runs.iter().map(|r| r.glyphs.len()).sum();
                word.soft.push(at);
            }
            return;
        }
        if crate::reader::is_invisible(c) {
            cut.missing.joins(c);
            self.select(cut, c, origin);
            return;
        }
        if c.is_control() {
            cut.errors.push(control_character(c, origin));
            return;
        }
        let Some((face, gid)) = self
            .face_for(c, &inline.style)
            .or_else(|| self.space_for(c, &inline.style))
        else {
            let user = self.fonts.has_user_faces();
            cut.missing.add(c, origin, user, &mut cut.errors);
            return;
        };
        cut.missing = Missing::default();
        let word = cut.word(origin, &inline.style);
        self.push_glyph(word, face, gid, c, inline, level);
    }

    /// A variation selector or a joiner after a glyph set the quick way. A
    /// selector picks the face's variant of the glyph where it has one (cmap
    /// format 14); text presentation (U+FE0E) is what cvc draws anyway. Any
    /// other selector, and a joiner (which asks for a joined emoji or a
    /// ligature), asks for a form no font gives: noted, the plain form stays.
    fn select(&self, cut: &mut Cut, c: char, origin: Option<Origin>) {
        let selector = matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}');
        if !(selector || c == '\u{200D}') || c == '\u{FE0E}' {
            return;
        }
        let Some(run) = cut.current.as_mut().and_then(|w| w.runs.last_mut()) else {
            return;
        };
        let (face, size) = (run.face, run.size);
        let Some(glyph) = run.glyphs.last_mut() else {
            return;
        };
        if selector {
            if let Some(gid) = self.metrics.variant(face, glyph.ch, c) {
                glyph.gid = gid;
                glyph.advance = self.metrics.advance(face, gid) * size / 1000.0;
                return;
            }
        }
        let base = glyph.ch;
        self.note(|| plain_form(base, c, origin, self.fonts.has_user_faces()));
    }

    #[inline]
    fn push_glyph(
        &self,
        word: &mut Word,
        face: FaceId,
        gid: u16,
        ch: char,
        inline: &Inline,
        level: u8,
    ) {
        let size = inline.style.size;
        let advance = self.metrics.advance(face, gid) * size / 1000.0;
        let glyph = Glyph {
            gid,
            ch,
            advance,
            kern: 0.0,
            rise: 0.0,
        };
        if let Some(run) = word.runs.last_mut() {
            if run.face == face
                && run.size == size
                && run.color == inline.style.color
                && run.level == level
                && run.shaped.is_none()
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
            level,
            shaped: None,
        });
    }

    /// Bytes `range` of `inline`, a segment of one level that needs shaping, set
    /// as runs of the faces that draw its clusters (a letter with its marks is
    /// drawn by one face). Their text is kept for the PDF's text layer.
    fn set_segment(
        &self,
        cut: &mut Cut,
        inline: &Inline,
        range: std::ops::Range<usize>,
        level: u8,
    ) {
        let style = &inline.style;
        let text = &inline.text[range.clone()];
        let at = |i: usize| inline.origin.map(|o| o.advanced(range.start + i));
        let pieces = self.pieces(text, style);
        cut.missing = Missing::default();
        for (start, end, face) in pieces {
            let piece = &text[start..end];
            let Some(face) = face else {
                let user = self.fonts.has_user_faces();
                cut.errors.push(missing_glyph(piece, at(start), user));
                continue;
            };
            let shaped = self.shape(face, piece, level % 2 == 1, style.size);
            for m in &shaped.missing {
                let c = piece[*m..]
                    .chars()
                    .next()
                    .map(String::from)
                    .unwrap_or_default();
                let user = self.fonts.has_user_faces();
                cut.errors.push(missing_glyph(&c, at(start + m), user));
            }
            if shaped.glyphs.is_empty() {
                continue;
            }
            let word = cut.word(at(start), style);
            word.hyphenate = false;
            word.runs.push(Run {
                face,
                size: style.size,
                color: style.color,
                link: inline.link.clone(),
                glyphs: shaped.glyphs,
                actual: level.is_multiple_of(2).then(|| piece.to_string()),
                level,
                shaped: Some(Box::new(ShapedText {
                    text: piece.into(),
                    ligatures: shaped.ligatures,
                })),
            });
        }
    }

    /// `text` cut where its face changes, as (start, end, face) with byte
    /// offsets; no face where none has the character. A cluster (a letter and
    /// its marks) is drawn by the first face that has all of it, so that its
    /// marks are placed on it; one that no face has whole is drawn character by
    /// character, each from the first face that has it.
    fn pieces(&self, text: &str, style: &TextStyle) -> Vec<(usize, usize, Option<FaceId>)> {
        let mut pieces: Vec<(usize, usize, Option<FaceId>)> = Vec::new();
        let mut push = |start: usize, end: usize, face: Option<FaceId>| match pieces.last_mut() {
            Some(p) if p.2 == face && face.is_some() && p.1 == start => p.1 = end,
            _ => pieces.push((start, end, face)),
        };
        for (i, cluster) in text.grapheme_indices(true) {
            if let Some(face) = self.face_for_cluster(cluster, style) {
                push(i, i + cluster.len(), Some(face));
                continue;
            }
            for (j, c) in cluster.char_indices() {
                // A joiner or selector no face has whole is set as nothing.
                if !crate::reader::is_invisible(c) {
                    let face = self.face_for(c, style).map(|(f, _)| f);
                    push(i + j, i + j + c.len_utf8(), face);
                }
            }
        }
        pieces
    }

    /// The first face of the chain that draws all of `cluster` but what is set
    /// as nothing (joiners, selectors).
    fn face_for_cluster(&self, cluster: &str, style: &TextStyle) -> Option<FaceId> {
        let mut chars = cluster.chars().filter(|c| !crate::reader::is_invisible(*c));
        let first = chars.next()?;
        let (face, _) = self.face_for(first, style)?;
        let has_all = |f: FaceId| chars.clone().all(|c| self.glyph(f, c).is_some());
        if has_all(face) {
            return Some(face);
        }
        self.chain(style)
            .find(|&f| self.glyph(f, first).is_some() && has_all(f))
    }

    /// A space of no width where a line may break: between two ideographs, or
    /// at a zero-width space (U+200B), how Thai, Lao, Khmer and Burmese text,
    /// written without spaces, marks where its words end.
    fn silent_break(&self, style: &TextStyle, level: u8) -> Space {
        let face = style.family.face(style.bold, style.italic);
        Space {
            width: 0.0,
            stretch: IDEOGRAPHIC_STRETCH_EM * style.size,
            run: Run {
                face,
                size: style.size,
                color: style.color,
                link: None,
                glyphs: Vec::new(),
                actual: None,
                level,
                shaped: None,
            },
        }
    }
}

/// Whether a segment to shape starts with `c` at `level`: a character that
/// needs shaping and is not a space or another character set alone.
fn starts_segment(c: char, level: u8) -> bool {
    // A mark goes with the letter before it: one that follows text set the
    // quick way is set that way too.
    needs_shaping(c, level) && !is_combining_mark(c) && settable(c)
}

/// Whether `c` is set as a glyph: not a space, a soft hyphen, a control
/// character or a character set as nothing.
fn settable(c: char) -> bool {
    !(is_break_space(c) || c == SOFT_HYPHEN || c.is_control() || crate::reader::is_invisible(c))
}

/// Whether `c` at `level` needs shaping: anything that reads right to left
/// (brackets mirror, glyphs reverse), and letters of the scripts that join or
/// reorder.
fn needs_shaping(c: char, level: u8) -> bool {
    use unicode_script::{Script, UnicodeScript};
    if level % 2 == 1 {
        return true;
    }
    // Below Hebrew, the first of them, only scripts set the quick way: Latin,
    // Greek, Cyrillic, Armenian (most text is decided without a table).
    if u32::from(c) < 0x0590 {
        return false;
    }
    matches!(
        c.script(),
        Script::Hebrew
            | Script::Thaana
            | Script::Samaritan
            | Script::Arabic
            | Script::Syriac
            | Script::Nko
            | Script::Mandaic
            | Script::Adlam
            | Script::Devanagari
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
            | Script::Mongolian
    )
}

/// Where the segment to shape that starts at byte `start` of `text`, at `level`,
/// ends: at a space, a soft hyphen or a control character, at a change of
/// level, or at a character that needs no shaping (marks and joiners go with
/// the letters they follow).
fn segment_end(text: &str, start: usize, level: u8, level_at: &dyn Fn(usize) -> u8) -> usize {
    for (i, c) in text[start..].char_indices().skip(1) {
        let at = start + i;
        let goes_along = is_combining_mark(c) || crate::reader::is_invisible(c);
        if is_break_space(c)
            || c == SOFT_HYPHEN
            || c == ZERO_WIDTH_SPACE
            || c.is_control()
            || level_at(at) != level
            || !(goes_along || needs_shaping(c, level))
        {
            return at;
        }
    }
    text.len()
}

/// The places in `text` where UAX #14 lets a line break between two characters
/// that are not spaces, one of them CJK (an ideograph, kana, Hangul, or CJK
/// punctuation: CJK text has no spaces; its kinsoku rules, no break before 。
/// or after 「, are UAX #14's). Other text breaks at its spaces and where
/// `hyphenate` allows; it is not looked at.
fn ideographic_breaks(text: &str) -> Vec<usize> {
    // The CJK blocks: radicals, punctuation, kana, ideographs and Hangul
    // syllables (U+2E80–U+D7FF), compatibility ideographs and forms, full-width
    // forms, and the supplementary ideographs. A character set as nothing (a
    // Hangul filler) is none of them.
    let cjk = |c: char| matches!(u32::from(c), 0x2E80..=0xD7FF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF);
    let ideographic = |c: char| {
        !crate::reader::is_invisible(c)
            && (cjk(c)
                || matches!(
                    break_property(u32::from(c)),
                    BreakClass::Ideographic
                        | BreakClass::ConditionalJapaneseStarter
                        | BreakClass::HangulLvSyllable
                        | BreakClass::HangulLvtSyllable
                        | BreakClass::HangulLJamo
                        | BreakClass::HangulVJamo
                        | BreakClass::HangulTJamo
                ))
    };
    // Hangul Jamo, U+1100, is the first of them: text without any (a Latin
    // paragraph with its dashes and quotes) is not looked at further.
    if !text
        .chars()
        .any(|c| u32::from(c) >= 0x1100 && ideographic(c))
    {
        return Vec::new();
    }
    linebreaks(text)
        .filter(|&(i, kind)| kind == BreakOpportunity::Allowed && i < text.len())
        .filter(|&(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i..].chars().next();
            match (before, after) {
                (Some(b), Some(a)) => {
                    !is_break_space(b) && !is_break_space(a) && (ideographic(b) || ideographic(a))
                }
                _ => false,
            }
        })
        .map(|(i, _)| i)
        .collect()
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

/// The warning for a selector or joiner `c` after `base` that asked for a form
/// no font has.
fn plain_form(base: char, c: char, origin: Option<Origin>, user: bool) -> Diagnostic {
    let fonts = if user {
        "no font of this layout"
    } else {
        "no bundled font"
    };
    let asked = match c {
        '\u{FE0F}' => "an emoji in colour",
        '\u{200D}' => "a form joined with the character after it",
        _ => "a variant",
    };
    Diagnostic::warning(
        Code::PlainForm,
        format!(
            "`{base}` followed by U+{:04X} asks for {asked}, which {fonts} has; `{base}` is set in its plain form",
            u32::from(c)
        ),
        origin,
    )
    .with_help("leave the selector or joiner out, or give the layout a font that has the form (`[fonts]` in docs/layouts.md); this is said once a build")
}

/// The first character of `s`, its length in bytes, the first character alone,
/// and the length of it with the combining marks that follow it. A letter
/// followed by marks that compose with it into one character (a decomposed "é",
/// as macOS file names and many pasted texts have it) is that character, so that
/// it is drawn as one glyph, found in one font and hyphenated as a letter. Where
/// they compose into no single character, the first is returned alone and the
/// last length says how far its marks go (`words` shapes the cluster).
fn composed(s: &str) -> Option<(char, usize, char, usize)> {
    let first = s.chars().next()?;
    let mut end = first.len_utf8();
    // No combining mark is ASCII: most text is decided by one byte.
    if s.as_bytes().get(end).is_none_or(u8::is_ascii) {
        return Some((first, end, first, end));
    }
    // A variation selector is a mark too, but one that selects (see `select`).
    for c in s[end..].chars() {
        if !is_combining_mark(c) || crate::reader::is_invisible(c) {
            break;
        }
        end += c.len_utf8();
    }
    if end == first.len_utf8() {
        return Some((first, end, first, end));
    }
    let mut nfc = s[..end].nfc();
    match (nfc.next(), nfc.next()) {
        (Some(one), None) => Some((one, end, first, end)),
        _ => Some((first, first.len_utf8(), first, end)),
    }
}
