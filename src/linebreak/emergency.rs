//! The last resorts, so that no line is wider than its column: break points
//! between the characters of a piece of a word wider than the column (with a
//! warning), and first-fit breaks when no set of breaks keeps every line within
//! its column.

use unicode_segmentation::UnicodeSegmentation;

use crate::diag::{Code, Diagnostic};
use crate::text::Word;

use super::items::{piece_width, BreakKind, BreakPoint, Builder, ItemKind, Paragraph};

/// How far (pt) a line or a piece may pass its column and still fit it: summed
/// f32 advances may overshoot by rounding, and a thousandth of a point is not seen.
const FIT_SLACK: f32 = 1e-3;

impl Builder<'_, '_, '_> {
    /// Adds break points between the characters of each piece of the word whose
    /// glyphs are in the buffers wider than the column, between the points it
    /// may already break at (in order), after them, and reports the word once.
    #[inline]
    pub(super) fn cut_overlong(&mut self, word: &Word) {
        let width = self.setting.width;
        let (glyphs, points, bounds) = (&self.glyphs, &mut self.points, &mut self.bounds);
        bounds.clear();
        bounds.push(0);
        bounds.extend(points.iter().map(|p| p.at));
        bounds.push(glyphs.len());
        bounds.dedup();
        let mut reported = false;
        let mut clusters: Option<Vec<usize>> = None;
        // The points found so far are in order; emergency breaks are added after
        // them (and the caller sorts them in).
        let found = points.len();
        for pair in bounds.windows(2) {
            let (s, e) = (pair[0], pair[1]);
            let hyphen_after = points[..found]
                .binary_search_by_key(&e, |p| p.at)
                .map_or(0.0, |k| points[k].hyphen_width());
            if piece_width(glyphs, s, e) + hyphen_after > width + FIT_SLACK {
                if !reported {
                    self.warnings.push(overlong(word, width));
                    reported = true;
                }
                // Between characters as a reader sees them: an accent never parts
                // from its letter, nor a mark from the marks it stacks on.
                let starts = clusters.get_or_insert_with(|| cluster_starts(&self.text));
                let from = starts.partition_point(|&at| at <= s);
                let to = starts.partition_point(|&at| at < e);
                points.extend(starts[from..to].iter().map(|&at| BreakPoint {
                    at,
                    kind: BreakKind::Emergency,
                }));
            }
        }
    }
}

/// The glyph indices where the grapheme clusters of `text` start (a word's text
/// has one character a glyph).
fn cluster_starts(text: &str) -> Vec<usize> {
    let mut at = 0;
    text.graphemes(true)
        .map(|g| {
            let start = at;
            at += g.chars().count();
            start
        })
        .collect()
}

fn overlong(word: &Word, width: f32) -> Diagnostic {
    Diagnostic::warning(
        Code::Overfull,
        format!(
            "`{}` is wider than its column ({:.1} pt > {:.1} pt) and was broken inside the word",
            crate::diag::clip(&word.reading()),
            word.width(),
            width
        ),
        word.origin,
    )
    .with_help("shorten it, or write it with spaces or hyphens where it may break")
}

impl Paragraph {
    /// First-fit breaks: each line takes all that fits, and a piece that fits no
    /// line (one glyph wider than the column) takes a line of its own. The last
    /// resort when no set of breaks keeps every line within its column: text is
    /// never dropped, and the piece was reported as overfull.
    pub(super) fn first_fit(&self) -> Vec<usize> {
        let mut breaks = Vec::new();
        let mut line_start_width = 0.0f32;
        let mut sw = 0.0f32;
        let mut last_fit: Option<(usize, f32)> = None;
        for (i, item) in self.items.iter().enumerate() {
            if self.may_break_at(i) {
                let (extra, discarded) = match item.kind {
                    ItemKind::Penalty { .. } => (item.width, 0.0),
                    _ => (0.0, item.width),
                };
                // A break here, and the width consumed once the line ends at it.
                let candidate = (i, sw + discarded);
                let fits =
                    |line_start_width| sw - line_start_width + extra <= self.width + FIT_SLACK;
                if fits(line_start_width) || last_fit.is_none() {
                    last_fit = Some(candidate);
                } else if let Some((b, after)) = last_fit.take() {
                    breaks.push(b);
                    line_start_width = after;
                    if fits(line_start_width) {
                        last_fit = Some(candidate);
                    }
                }
                if item.is_forced() {
                    breaks.push(i);
                }
            }
            if !item.is_penalty() {
                sw += item.width;
            }
        }
        breaks
    }
}
