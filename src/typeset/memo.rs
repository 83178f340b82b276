//! Set paragraphs remembered from one build to the next (`cvc watch`).
//!
//! Setting a paragraph (shaping its words, finding where they may hyphenate,
//! breaking them into lines) is most of a build's layout time, and a save in an
//! editor changes a paragraph or two: the rest come out of a [`Memo`] as they were
//! set the build before. An entry is keyed by everything the lines are made of —
//! the pieces of text with their styles and links, the column, the alignment,
//! whether and in which language the text hyphenates, the owner's names (never
//! hyphenated) and the leading — so what the memo gives back is exactly what
//! setting would make: a memo never changes a byte of output, only how fast it
//! comes. The fonts are not in the key: whoever keeps a memo across builds clears
//! it when the fonts change ([`Memo::clear`]).
//!
//! Places in the source are kept relative. A place is a literal of the CV (its
//! file and where it starts) and an index into the literal's text; a paragraph's
//! pieces come from a few literals (a publication's title, authors and venue),
//! and everything set from them points into those. A save that moves a literal
//! (a line added above it) moves the literal's start, not the indices: the key
//! holds the literals by their order in the paragraph, and the lines found are
//! those of the memo with their literals moved to where they are now. A
//! paragraph that set something pointing elsewhere is not kept.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

use hyphenation::Language;

use super::lines::{Hyphens, SetLine};
use crate::diag::{Diagnostic, FileId, Origin};
use crate::linebreak::Align;
use crate::markup::Link;
use crate::text::{Inline, TextStyle, Word};

/// What a setter sets every paragraph with, besides the paragraph: the
/// hyphenation language, the words never hyphenated, the leading.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Context {
    pub(super) language: Option<Language>,
    pub(super) protected: Vec<String>,
    pub(super) leading: f32,
}

/// Set paragraphs by what they were set from: those used by the last build (or
/// made by it), and those this build uses or makes. Shared by the two
/// typesetting threads.
pub struct Memo {
    /// Whether it remembers anything: not for a single build, which would only
    /// pay for copies it never uses.
    keeps: bool,
    /// What the last build set: read, never changed, during a build.
    last: Table,
    /// What this build set or took from `last`; becomes `last` at [`Memo::next_build`].
    this: Mutex<Table>,
}

/// Entries by the hash of their key (with SipHash: the texts are the user's).
type Table = HashMap<u64, Vec<Arc<Entry>>, BuildHasherDefault<DefaultHasher>>;

/// One paragraph as set, and how to find it again.
struct Entry {
    key: Key,
    set: Set,
    /// What breaking the lines warned of, and the notes shaping made.
    warnings: Vec<Diagnostic>,
    notes: Vec<Diagnostic>,
    /// The literals the places of `lines`, `warnings` and `notes` point into,
    /// as the key numbers them.
    literals: Vec<Literal>,
}

/// A literal of a source file: the file, and the offset where the literal starts.
type Literal = (FileId, u32);

/// What the memo holds of a paragraph: its lines, or only its words (a bullet's
/// symbol, a date, which are measured and placed by hand).
#[derive(Clone)]
pub(super) enum Set {
    Lines(Vec<SetLine>),
    Words(Vec<Word>),
}

/// Which of [`Set`] is asked for: lines with what they are set in (the column's
/// left edge and width, by their bits, the alignment and hyphenation), or words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Asked {
    Lines([u32; 4]),
    Words,
}

impl Asked {
    pub(super) fn lines(x: f32, width: f32, align: Align, hyphens: Hyphens) -> Asked {
        Asked::Lines([x.to_bits(), width.to_bits(), align as u32, hyphens as u32])
    }
}

/// Everything a paragraph's lines (or words) are made of.
#[derive(PartialEq)]
struct Key {
    context: Context,
    pieces: Vec<Piece>,
    asked: Asked,
}

/// One piece of text of a paragraph.
#[derive(PartialEq)]
struct Piece {
    text: String,
    style: [u32; 9],
    /// The link's address, and the first piece of the paragraph with the same
    /// shared link (pieces of one link are set as one).
    link: Option<(Link, usize)>,
    /// The piece's literal, numbered in order of first use in the paragraph, and
    /// where the piece starts in it.
    place: Option<(usize, u32)>,
}

/// A paragraph to set, as the memo looks it up.
pub(super) struct Query<'q> {
    context: &'q Context,
    inlines: &'q [Inline],
    asked: Asked,
    /// The literals the pieces come from, in order of first use.
    literals: Vec<Literal>,
    hash: u64,
}

/// A paragraph found in the memo, its places moved to where its text is now.
pub(super) struct Found {
    pub(super) set: Set,
    pub(super) warnings: Vec<Diagnostic>,
    pub(super) notes: Vec<Diagnostic>,
}

impl<'q> Query<'q> {
    pub(super) fn new(context: &'q Context, inlines: &'q [Inline], asked: Asked) -> Self {
        let mut literals: Vec<Literal> = Vec::new();
        for origin in inlines.iter().filter_map(|i| i.origin) {
            if !literals.contains(&(origin.file, origin.offset)) {
                literals.push((origin.file, origin.offset));
            }
        }
        let mut query = Query {
            context,
            inlines,
            asked,
            literals,
            hash: 0,
        };
        let mut h = DefaultHasher::new();
        asked.hash(&mut h);
        context.language.hash(&mut h);
        for inline in inlines {
            inline.text.hash(&mut h);
            style_bits(&inline.style).hash(&mut h);
            inline.link.as_deref().hash(&mut h);
            query.place(inline).hash(&mut h);
        }
        query.hash = h.finish();
        query
    }

    /// Where a piece starts: its literal's number and its index in it.
    fn place(&self, inline: &Inline) -> Option<(usize, u32)> {
        let o = inline.origin?;
        let literal = self
            .literals
            .iter()
            .position(|l| *l == (o.file, o.offset))?;
        Some((literal, o.index))
    }

    /// Whether `key` is what this paragraph would be keyed by.
    fn is(&self, key: &Key) -> bool {
        key.asked == self.asked
            && key.pieces.len() == self.inlines.len()
            && key.pieces.iter().zip(self.inlines).all(|(piece, inline)| {
                piece.text == inline.text
                    && piece.style == style_bits(&inline.style)
                    && piece.place == self.place(inline)
                    && piece.link.as_ref().map(|(l, first)| (&**l, *first))
                        == self.link(inline).map(|(l, first)| (&**l, first))
            })
            && key.context == *self.context
    }

    /// A piece's link, and the first piece of the paragraph of the same link.
    fn link(&self, inline: &'q Inline) -> Option<(&'q Link, usize)> {
        let link = inline.link.as_ref()?;
        let first = self
            .inlines
            .iter()
            .position(|i| i.link.as_ref().is_some_and(|l| Arc::ptr_eq(l, link)))
            .unwrap_or(0);
        Some((link, first))
    }

    /// The paragraph's pieces as a key holds them.
    fn pieces(&self) -> Vec<Piece> {
        self.inlines
            .iter()
            .map(|inline| Piece {
                text: inline.text.clone(),
                style: style_bits(&inline.style),
                link: self.link(inline).map(|(l, first)| (l.clone(), first)),
                place: self.place(inline),
            })
            .collect()
    }
}

/// A style's every field, as numbers that compare exactly (sizes and colours by
/// their bits).
fn style_bits(s: &TextStyle) -> [u32; 9] {
    let f = s.family;
    let flags = u32::from(s.bold)
        | u32::from(s.italic) << 1
        | u32::from(s.hyphenate) << 2
        | u32::from(s.rtl) << 3;
    [
        u32::from(f.regular.0),
        u32::from(f.italic.0),
        u32::from(f.bold.0),
        u32::from(f.bold_italic.0),
        s.size.to_bits(),
        s.color.0[0].to_bits(),
        s.color.0[1].to_bits(),
        s.color.0[2].to_bits(),
        flags,
    ]
}

impl Default for Memo {
    /// A memo that remembers, for builds to come.
    fn default() -> Self {
        Memo {
            keeps: true,
            last: Table::default(),
            this: Mutex::default(),
        }
    }
}

impl Memo {
    /// A memo for one build: it remembers nothing.
    pub fn for_one_build() -> Self {
        Memo {
            keeps: false,
            ..Memo::default()
        }
    }

    /// Whether the memo remembers (else setting should not ask it).
    pub(super) fn keeps(&self) -> bool {
        self.keeps
    }
    /// The lines of the paragraph `query`, as set before (by the last build or
    /// this one), with their places moved to where its text is now.
    pub(super) fn get(&self, query: &Query) -> Option<Found> {
        let from_last = self
            .last
            .get(&query.hash)
            .and_then(|bucket| bucket.iter().find(|e| query.is(&e.key)).cloned());
        let entry = match from_last {
            Some(entry) => {
                let mut this = self.this.lock().unwrap_or_else(PoisonError::into_inner);
                let bucket = this.entry(query.hash).or_default();
                if !bucket.iter().any(|e| Arc::ptr_eq(e, &entry)) {
                    bucket.push(entry.clone());
                }
                entry
            }
            None => {
                let this = self.this.lock().unwrap_or_else(PoisonError::into_inner);
                let bucket = this.get(&query.hash)?;
                bucket.iter().find(|e| query.is(&e.key))?.clone()
            }
        };
        let place = |o: Origin| moved(o, &entry.literals, &query.literals);
        let diagnostic = |mut d: Diagnostic| {
            d.origin = d.origin.map(place);
            d
        };
        let set = match &entry.set {
            Set::Lines(lines) => Set::Lines(
                lines
                    .iter()
                    .map(|line| SetLine {
                        origin: line.origin.map(place),
                        ..line.clone()
                    })
                    .collect(),
            ),
            Set::Words(words) => Set::Words(
                words
                    .iter()
                    .map(|word| Word {
                        origin: word.origin.map(place),
                        ..word.clone()
                    })
                    .collect(),
            ),
        };
        Some(Found {
            set,
            warnings: entry.warnings.iter().cloned().map(diagnostic).collect(),
            notes: entry.notes.iter().cloned().map(diagnostic).collect(),
        })
    }

    /// Remember how the paragraph `query` was set: unless some place in what was
    /// set is not in the paragraph's literal (it could not be moved with it).
    pub(super) fn put(
        &self,
        query: &Query,
        set: &Set,
        warnings: &[Diagnostic],
        notes: &[Diagnostic],
    ) {
        let places: Vec<Option<Origin>> = match set {
            Set::Lines(lines) => lines.iter().map(|l| l.origin).collect(),
            Set::Words(words) => words.iter().map(|w| w.origin).collect(),
        };
        let places = places
            .into_iter()
            .chain(warnings.iter().chain(notes).map(|d| d.origin));
        let inside =
            |o: Option<Origin>| o.is_none_or(|o| query.literals.contains(&(o.file, o.offset)));
        if !places.into_iter().all(inside) {
            return;
        }
        let entry = Arc::new(Entry {
            key: Key {
                context: query.context.clone(),
                pieces: query.pieces(),
                asked: query.asked,
            },
            set: set.clone(),
            warnings: warnings.to_vec(),
            notes: notes.to_vec(),
            literals: query.literals.clone(),
        });
        let mut this = self.this.lock().unwrap_or_else(PoisonError::into_inner);
        this.entry(query.hash).or_default().push(entry);
    }

    /// Start the next build: what this one used or made is kept, the rest is
    /// forgotten (so the memo holds one CV's paragraphs, however long it is
    /// watched).
    pub fn next_build(&mut self) {
        let this = std::mem::take(self.this.get_mut().unwrap_or_else(PoisonError::into_inner));
        self.last = this;
    }

    /// Forget everything: the fonts changed, and with them what every glyph is.
    pub fn clear(&mut self) {
        self.last.clear();
        self.this
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// How many paragraphs the last build kept (for tests).
    pub fn len(&self) -> usize {
        self.last.values().map(Vec::len).sum()
    }
}

/// `origin`, in one of the literals `from`, moved to the same place in the
/// literal of the same number in `to`.
fn moved(origin: Origin, from: &[Literal], to: &[Literal]) -> Origin {
    let k = from.iter().position(|l| *l == (origin.file, origin.offset));
    match k.and_then(|k| to.get(k)) {
        Some(&(file, offset)) => Origin {
            file,
            offset,
            ..origin
        },
        None => origin,
    }
}
