//! A paragraph's items — Knuth and Plass's boxes, glue and penalties — built from
//! its measured words: a box for each piece of a word between the places where it
//! may break, a penalty at each of those places, glue (or, ragged right, glue,
//! penalty and glue) for each space, and the glue and forced break that end the
//! paragraph.

use crate::diag::Diagnostic;
use crate::hyphenate::{Hyphenator, Kind};
use crate::text::{Glyph, RunCursor, Shaper, Space, Word, NO_CHAR};

use super::demerits::{EMERGENCY_PENALTY, HYPHEN_PENALTY, INFINITE_PENALTY, PLAIN_PENALTY};
use super::Align;

/// A justified space stretches by half its width: the proportion of TeX's
/// Computer Modern (cmr10's space is 3.33 pt plus 1.67 pt minus 1.11 pt).
const JUSTIFY_STRETCH: f32 = 0.5;
/// A justified space shrinks by its width divided by this, a third: Computer
/// Modern's proportion again.
const JUSTIFY_SHRINK_DIVISOR: f32 = 3.0;
/// Ragged right, the stretch at each place a line may end, in spaces (Knuth and
/// Plass's `glue(0, +γ) penalty(0) glue(space, −γ)`): a line three spaces short
/// has ratio 1, badness 100, which the first pass still accepts, so lines may end
/// that short at little cost and no shorter line is ever forced.
const RAGGED_STRETCH: f32 = 3.0;
/// The stretch of the glue that ends a paragraph, per point of column width: it
/// stands for TeX's `\parfillskip=0pt plus 1fil`, so large that the last line's
/// ratio is at most 1/10000, as good as 0.
const FILL_STRETCH: f32 = 10_000.0;
/// The emergency stretch, in spaces: TeX's customary `\emergencystretch` is 3 em,
/// and a space is about a quarter em.
const EMERGENCY_STRETCH: f32 = 12.0;
/// The space (pt) assumed in a paragraph that has none: a quarter em of 10 pt
/// type, the size cvc sets body text in by default.
const SPACE_IF_NONE: f32 = 2.5;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum ItemKind {
    /// Glyphs `start..end` of word `word`.
    Box,
    Glue {
        stretch: f32,
        shrink: f32,
    },
    /// A break inside word `word` before glyph `start` (`hyphen`: draw one), or a
    /// ragged-right line-end break, or the paragraph's end.
    Penalty {
        penalty: f32,
        flagged: bool,
        hyphen: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Item {
    pub kind: ItemKind,
    pub width: f32,
    pub word: usize,
    pub start: usize,
    pub end: usize,
}

impl Item {
    /// Glue after word `word` (or the glue that ends the paragraph).
    fn glue(word: usize, width: f32, stretch: f32, shrink: f32) -> Item {
        Item {
            kind: ItemKind::Glue { stretch, shrink },
            width,
            word,
            start: 0,
            end: 0,
        }
    }

    /// A penalty that draws nothing: a ragged-right line end, or the paragraph's.
    fn bare_penalty(word: usize, penalty: f32) -> Item {
        Item {
            kind: ItemKind::Penalty {
                penalty,
                flagged: false,
                hyphen: false,
            },
            width: 0.0,
            word,
            start: 0,
            end: 0,
        }
    }

    pub(super) fn is_box(&self) -> bool {
        matches!(self.kind, ItemKind::Box)
    }

    pub(super) fn is_penalty(&self) -> bool {
        matches!(self.kind, ItemKind::Penalty { .. })
    }

    pub(super) fn is_forced(&self) -> bool {
        matches!(self.kind, ItemKind::Penalty { penalty, .. } if penalty <= -INFINITE_PENALTY)
    }

    /// The penalty of a break here, and whether it is flagged (0 and no at glue).
    pub(super) fn penalty(&self) -> (f32, bool) {
        match self.kind {
            ItemKind::Penalty {
                penalty, flagged, ..
            } => (penalty, flagged),
            _ => (0.0, false),
        }
    }
}

/// What a paragraph is set with: its column, and what finds and draws the places
/// where its words may break.
pub(super) struct Setting<'a, 'f> {
    pub width: f32,
    pub align: Align,
    pub hyphenator: &'a Hyphenator,
    pub shaper: &'a Shaper<'f>,
}

/// Whether the dictionary's hyphenation points are places to break. The breaks a
/// word's text offers (after its own hyphens, after a slash, inside a URL) are
/// always.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hyphenation {
    Off,
    On,
}

/// The typesetting of one paragraph: its items, built from its words.
pub(super) struct Paragraph {
    pub items: Vec<Item>,
    pub width: f32,
    /// Extra stretch per line in the emergency passes.
    pub emergency: f32,
    /// The words too wide for the column, cut between characters.
    pub warnings: Vec<Diagnostic>,
    /// The items of the break between two CJK characters before the last one:
    /// a line that starts there is the paragraph's last and holds one character
    /// (and its punctuation), which CJK typesetting avoids (JLREQ's rule against
    /// a last line of one character).
    pub runt: std::ops::Range<usize>,
}

impl Paragraph {
    /// The items of the paragraph of `words` (at least one).
    pub(super) fn new(words: &[Word], setting: &Setting, hyphenation: Hyphenation) -> Paragraph {
        let mut builder = Builder::new(setting, hyphenation);
        let last = words.len() - 1;
        for (wi, word) in words.iter().enumerate() {
            builder.word(wi, word);
            if wi < last {
                if let Some(space) = &word.space {
                    builder.space(wi, space);
                }
            }
        }
        builder.finish(last)
    }

    /// Whether a line may end at item `i`: at glue that follows a box, or at a
    /// penalty that does not forbid it.
    #[inline]
    pub(super) fn may_break_at(&self, i: usize) -> bool {
        match self.items[i].kind {
            ItemKind::Box => false,
            ItemKind::Glue { .. } => i > 0 && self.items[i - 1].is_box(),
            ItemKind::Penalty { penalty, .. } => penalty < INFINITE_PENALTY,
        }
    }
}

/// A place inside a word where a line may end: before glyph `at`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct BreakPoint {
    pub at: usize,
    pub kind: BreakKind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum BreakKind {
    /// A hyphen is drawn at the line's end, this wide.
    Hyphen { width: f32 },
    /// After a hyphen of the text.
    AfterHyphen,
    /// After a slash, inside a URL: nothing is drawn.
    Plain,
    /// Between characters of a piece wider than the column.
    Emergency,
}

impl BreakPoint {
    /// The width of the hyphen drawn when a line ends here.
    pub(super) fn hyphen_width(&self) -> f32 {
        match self.kind {
            BreakKind::Hyphen { width } => width,
            _ => 0.0,
        }
    }

    /// The penalty item of a break here in word `word`.
    fn item(&self, word: usize) -> Item {
        let (penalty, flagged, hyphen, width) = match self.kind {
            BreakKind::Hyphen { width } => (HYPHEN_PENALTY, true, true, width),
            BreakKind::AfterHyphen => (HYPHEN_PENALTY, true, false, 0.0),
            BreakKind::Emergency => (EMERGENCY_PENALTY, false, false, 0.0),
            BreakKind::Plain => (PLAIN_PENALTY, false, false, 0.0),
        };
        Item {
            kind: ItemKind::Penalty {
                penalty,
                flagged,
                hyphen,
            },
            width,
            word,
            start: self.at,
            end: self.at,
        }
    }
}

/// Width of glyphs `s..e` of a word. The kern after the last glyph is counted only
/// when it widens (so a measured line is never narrower than what is drawn).
pub(super) fn piece_width(g: &[&Glyph], s: usize, e: usize) -> f32 {
    let mut w: f32 = g[s..e].iter().map(|g| g.advance + g.kern).sum();
    if e > s {
        w -= g[e - 1].kern.min(0.0);
    }
    w
}

/// The items of a paragraph as they are made, word by word.
pub(super) struct Builder<'s, 'w, 'f> {
    pub setting: &'s Setting<'s, 'f>,
    hyphenate: bool,
    items: Vec<Item>,
    pub warnings: Vec<Diagnostic>,
    space_sum: f32,
    spaces: usize,
    /// The items of the last space, if it was a break between CJK characters.
    last_space: std::ops::Range<usize>,
    // Buffers reused from word to word: the word's glyphs, its text, where it
    // may break, and where the pieces between those places start and end.
    pub glyphs: Vec<&'w Glyph>,
    pub text: String,
    pub points: Vec<BreakPoint>,
    pub bounds: Vec<usize>,
}

impl<'s, 'w, 'f> Builder<'s, 'w, 'f> {
    fn new(setting: &'s Setting<'s, 'f>, hyphenation: Hyphenation) -> Self {
        Builder {
            setting,
            hyphenate: hyphenation == Hyphenation::On,
            items: Vec::new(),
            warnings: Vec::new(),
            space_sum: 0.0,
            spaces: 0,
            last_space: 0..0,
            glyphs: Vec::new(),
            text: String::new(),
            points: Vec::new(),
            bounds: Vec::new(),
        }
    }

    /// The boxes and penalties of word `wi`.
    fn word(&mut self, wi: usize, word: &'w Word) {
        self.glyphs.clear();
        self.glyphs
            .extend(word.runs.iter().flat_map(|r| r.glyphs.iter()));
        self.text.clear();
        // A glyph that shows no character of its own (the second of a shaped
        // cluster) reads as a combining grapheme joiner: it never starts a
        // grapheme cluster, so no break parts it from the glyph before.
        self.text.extend(self.glyphs.iter().map(|g| match g.ch {
            NO_CHAR => '\u{34F}',
            c => c,
        }));
        self.find_breaks(word);
        self.cut_overlong(word);
        self.points.sort_by_key(|p| p.at);
        self.points.dedup_by_key(|p| p.at);
        self.push_pieces(wi);
    }

    /// The places inside `word` where a line may break, in order, and the width
    /// of the hyphen drawn at each that draws one.
    fn find_breaks(&mut self, word: &Word) {
        let (glyphs, shaper) = (self.glyphs.len(), self.setting.shaper);
        let mut cursor = RunCursor::default();
        self.points.clear();
        self.points.extend(
            self.setting
                .hyphenator
                .breaks(&self.text, self.hyphenate && word.hyphenate, &word.soft)
                .iter()
                .filter(|o| o.at > 0 && o.at < glyphs)
                .map(|o| {
                    let kind = match o.kind {
                        Kind::Hyphen => BreakKind::Hyphen {
                            width: cursor
                                .run_before(word, o.at)
                                .and_then(|run| shaper.hyphen(run))
                                .map_or(0.0, |h| h.advance),
                        },
                        Kind::AfterHyphen => BreakKind::AfterHyphen,
                        Kind::Plain => BreakKind::Plain,
                    };
                    BreakPoint { at: o.at, kind }
                }),
        );
    }

    /// A box for each piece of word `wi` between its break points, and a penalty
    /// at each.
    fn push_pieces(&mut self, wi: usize) {
        let mut start = 0;
        for point in &self.points {
            self.items.push(Item {
                kind: ItemKind::Box,
                width: piece_width(&self.glyphs, start, point.at),
                word: wi,
                start,
                end: point.at,
            });
            self.items.push(point.item(wi));
            start = point.at;
        }
        let end = self.glyphs.len();
        self.items.push(Item {
            kind: ItemKind::Box,
            width: piece_width(&self.glyphs, start, end),
            word: wi,
            start,
            end,
        });
    }

    /// The space after word `wi`: stretchable glue when justified, else Knuth's
    /// ragged-right glue, penalty and glue. Its stretch is in proportion to
    /// `space.stretch`, its shrink to its width (a break between ideographs has
    /// no width to lose).
    fn space(&mut self, wi: usize, space: &Space) {
        let (sp, flex) = (space.width, space.stretch);
        if sp > 0.0 {
            self.space_sum += sp;
            self.spaces += 1;
        }
        let first = self.items.len();
        match self.setting.align {
            Align::Justify => self.items.push(Item::glue(
                wi,
                sp,
                flex * JUSTIFY_STRETCH,
                sp / JUSTIFY_SHRINK_DIVISOR,
            )),
            _ => {
                self.items
                    .push(Item::glue(wi, 0.0, RAGGED_STRETCH * flex, 0.0));
                self.items.push(Item::bare_penalty(wi, 0.0));
                self.items
                    .push(Item::glue(wi, sp, -RAGGED_STRETCH * flex, 0.0));
            }
        }
        self.last_space = if sp > 0.0 {
            0..0
        } else {
            first..self.items.len()
        };
    }

    /// The paragraph, once the glue that fills its last line and the forced break
    /// that ends it follow word `last`.
    fn finish(mut self, last: usize) -> Paragraph {
        let width = self.setting.width;
        self.items
            .push(Item::glue(last, 0.0, FILL_STRETCH * width, 0.0));
        self.items.push(Item::bare_penalty(last, -INFINITE_PENALTY));
        let space = if self.spaces > 0 {
            self.space_sum / self.spaces as f32
        } else {
            SPACE_IF_NONE
        };
        Paragraph {
            items: self.items,
            width,
            emergency: EMERGENCY_STRETCH * space,
            warnings: self.warnings,
            runt: self.last_space,
        }
    }
}
