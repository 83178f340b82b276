//! Shaping: text whose glyphs are not one per character, in order.
//!
//! Arabic letters join and take the form of their place in a word; Devanagari,
//! Bengali, Thai and their kin reorder vowel signs and form conjuncts; Hebrew
//! and Arabic read right to left, with their brackets mirrored. A font's OpenType
//! tables (GSUB, GPOS) say how, and `rustybuzz` (HarfBuzz's shaper in Rust)
//! applies them. Latin, Greek, Cyrillic and CJK text skips it: there advances and
//! pair kerning give the same widths at a fraction of the cost (see `fonts`).
//!
//! A shaped run keeps its text in reading order beside its glyphs, which come
//! out in visual order, and each glyph shows its own characters in the font's
//! ToUnicode map (a ligature all of them). A run that reads left to right also
//! carries its text as `/ActualText`, since a syllable's glyphs may stand in
//! another order than its letters; one that reads right to left does not: text
//! extractors order right-to-left text by where its glyphs stand, and poppler
//! spreads an `/ActualText` left to right and then turns it around.

use rustybuzz::{BufferClusterLevel, BufferFlags, Direction, GlyphPosition, UnicodeBuffer};

use super::{Glyph, Shaper};
use crate::fonts::FaceId;

/// The glyphs of a shaped piece of text, in visual order, those that show
/// several characters, and the byte offsets (in that text) of the characters
/// the face has no glyph for.
pub(super) struct Shaped {
    pub glyphs: Vec<Glyph>,
    pub ligatures: Vec<(u16, Box<str>)>,
    pub missing: Vec<usize>,
}

/// The character a glyph shows when it shows none of its own: the second glyph
/// of a character drawn in two, or of a cluster of several.
pub const NO_CHAR: char = '\0';

/// U+200C, which keeps two letters that would join apart (Persian writes it
/// inside words: می‌خواهم). Its glyph is in the text layer but never painted:
/// some fonts draw it as a visible mark.
pub const NON_JOINER: char = '\u{200c}';

impl Shaper<'_> {
    /// Shape `text` in `face` at `size`, right to left when `rtl`.
    pub(super) fn shape(&self, face: FaceId, text: &str, rtl: bool, size: f32) -> Shaped {
        let Some(buzz) = self.buzz(face) else {
            // A face rustybuzz cannot read has no glyph for anything.
            return Shaped {
                glyphs: Vec::new(),
                ligatures: Vec::new(),
                missing: text.char_indices().map(|(i, _)| i).collect(),
            };
        };
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        // Joiners and selectors have done their work once shaped; they draw nothing.
        buffer.set_flags(BufferFlags::REMOVE_DEFAULT_IGNORABLES);
        // A mark is a cluster of its own, not merged into its letter's: each glyph
        // then shows its own characters, which is what the ToUnicode map can say.
        buffer.set_cluster_level(BufferClusterLevel::Characters);
        let out = rustybuzz::shape(buzz, &[], buffer);
        let scale = size / buzz.units_per_em().max(1) as f32;
        // A joiner, selector or direction control the font has no glyph for has
        // done its work: it is not drawn (glyph 0 is the box of a missing one).
        let set: Vec<(u16, usize, GlyphPosition)> = out
            .glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| {
                (
                    u16::try_from(info.glyph_id).unwrap_or(0),
                    info.cluster as usize,
                    *pos,
                )
            })
            .filter(|&(gid, cluster, _)| {
                gid != 0
                    || !text[cluster..]
                        .chars()
                        .next()
                        .is_some_and(crate::reader::is_invisible)
            })
            .collect();
        let set = self.keep_non_joiners(face, text, set, rtl);
        let mut missing: Vec<usize> = set
            .iter()
            .filter(|(gid, _, _)| *gid == 0)
            .map(|(_, cluster, _)| *cluster)
            .collect();
        missing.dedup();
        let (glyphs, ligatures) = glyphs(text, &set, rtl, scale);
        Shaped {
            glyphs,
            ligatures,
            missing,
        }
    }

    /// `set` with a glyph of no width for each zero-width non-joiner of `text`
    /// (where the face has one), between the glyphs of its neighbours. The
    /// shaper drops it once it has kept two letters from joining, but a Persian
    /// word spelt without it is spelt wrong: the text layer must keep it.
    fn keep_non_joiners(
        &self,
        face: FaceId,
        text: &str,
        mut set: Vec<(u16, usize, GlyphPosition)>,
        rtl: bool,
    ) -> Vec<(u16, usize, GlyphPosition)> {
        let Some(gid) = self.glyph(face, NON_JOINER) else {
            return set;
        };
        for (at, _) in text.match_indices(NON_JOINER) {
            // Glyphs come in visual order: the non-joiner stands where the
            // clusters after it in the text end (right to left) or begin.
            let i = set
                .iter()
                .position(|g| if rtl { g.1 < at } else { g.1 > at })
                .unwrap_or(set.len());
            set.insert(i, (gid, at, GlyphPosition::default()));
        }
        set
    }

    /// The face as rustybuzz reads it, parsed on first use.
    fn buzz(&self, face: FaceId) -> Option<&rustybuzz::Face<'_>> {
        let cell = self.buzz.get(usize::from(face.0))?;
        cell.get_or_init(|| {
            let data = self.fonts.data(face);
            rustybuzz::Face::from_slice(&data.data, data.index)
        })
        .as_ref()
    }
}

/// The glyphs of shaped text (glyph id, cluster, position, in visual order), at
/// `scale` points per font unit, and those that show several characters.
fn glyphs(
    text: &str,
    set: &[(u16, usize, GlyphPosition)],
    rtl: bool,
    scale: f32,
) -> (Vec<Glyph>, Vec<(u16, Box<str>)>) {
    let n = set.len();
    // A glyph moved sideways (a mark over its letter) is drawn `x_offset` from
    // the pen without moving it: the pen before it moves that much more, the pen
    // after it that much less.
    let mut glyphs: Vec<Glyph> = (0..n)
        .map(|i| {
            let (gid, _, pos) = set[i];
            // The first glyph is drawn where the run starts, whatever its offset.
            let here = if i == 0 {
                0.0
            } else {
                pos.x_offset as f32 * scale
            };
            let next = set.get(i + 1).map_or(0.0, |g| g.2.x_offset as f32 * scale);
            Glyph {
                gid,
                ch: NO_CHAR,
                advance: pos.x_advance as f32 * scale,
                kern: next - here,
                rise: pos.y_offset as f32 * scale,
            }
        })
        .collect();
    // Each cluster's characters are shown by its glyphs, for the font's
    // ToUnicode map: one each, in reading order, while there are both; the last
    // glyph shows all the characters left (a ligature, a conjunct); glyphs left
    // show none. A cluster's glyphs need not be neighbours (a shaper may move a
    // mark), and a glyph of a letter and its accent composed apart stays the
    // plain letter's.
    let mut starts: Vec<usize> = set.iter().map(|g| g.1).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); starts.len()];
    for k in 0..n {
        let i = if rtl { n - 1 - k } else { k };
        members[starts.partition_point(|&c| c < set[i].1)].push(i);
    }
    let mut ligatures = Vec::new();
    for (at, glyph_ids) in members.iter().enumerate() {
        let end = starts.get(at + 1).copied().unwrap_or(text.len());
        // What a joiner or selector in the cluster did is in the glyph already
        // (a non-joiner has a glyph of its own).
        let chars: Vec<char> = text[starts[at]..end]
            .chars()
            .filter(|&c| c == NON_JOINER || !crate::reader::is_invisible(c))
            .collect();
        for (k, &i) in glyph_ids.iter().enumerate() {
            let last = k + 1 == glyph_ids.len();
            let shows = if last {
                chars.get(k..).unwrap_or(&[])
            } else {
                chars.get(k..=k).unwrap_or(&[])
            };
            glyphs[i].ch = shows.first().copied().unwrap_or(NO_CHAR);
            if shows.len() > 1 {
                // Text extractors read right-to-left glyphs as they stand, in
                // visual order, and turn them around: a ligature's letters are
                // given that way too (لله for الله read back as اهلل).
                let text: String = if rtl {
                    shows.iter().rev().collect()
                } else {
                    shows.iter().collect()
                };
                // Once a glyph: the ToUnicode map has one text for it.
                let gid = glyphs[i].gid;
                if !ligatures.iter().any(|(g, _)| *g == gid) {
                    ligatures.push((gid, text.into()));
                }
            }
        }
    }
    (glyphs, ligatures)
}
