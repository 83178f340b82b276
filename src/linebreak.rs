//! Line breaking: a paragraph of measured words becomes lines, by Knuth and Plass's
//! total-fit algorithm.
//!
//! # The model
//!
//! A paragraph is a sequence of *items* (Knuth & Plass, "Breaking Paragraphs into
//! Lines", 1981): **boxes** (pieces of words, which never break), **glue** (the
//! spaces between words, with a natural width that may stretch and shrink) and
//! **penalties** (places where a line may break at a cost: a hyphenation point, the
//! point after a slash in "C/C++", a point inside a URL). A line may end at a glue
//! that follows a box, or at a penalty; the glue at a break disappears.
//!
//! For a candidate line the *adjustment ratio* r says how much its glue must stretch
//! (r > 0) or shrink (r < 0) to fill the column; its *badness* is 100·|r|³. Each line
//! costs *demerits* ((10 + badness)² plus the penalty's square, more when two
//! hyphenated lines follow each other or when a tight line follows a loose one), and
//! the algorithm picks the breaks that minimise the paragraph's total demerits,
//! looking at the whole paragraph at once instead of filling line after line. This
//! is what keeps the grey of justified text even: a slightly looser line early on can
//! save a very loose one later.
//!
//! # Justified and ragged
//!
//! Justified text uses stretchable interword glue. Ragged-right text uses Knuth's
//! construction `glue(0, +γ) penalty(0) glue(space, −γ)` (γ three spaces): spaces keep their width
//! and the stretch appears only at a line's end, so the algorithm still optimises the
//! whole paragraph and the right edge comes out calm rather than jagged.
//!
//! # Passes
//!
//! 0. Like TeX (`\pretolerance`), a first pass tries the paragraph without
//!    hyphenation and accepts it if every line has badness ≤ 100: most paragraphs
//!    need no hyphen, and the dictionary is not consulted for them.
//! 1. Then, with hyphenation, a pass accepts lines of badness ≤ 200 (`\tolerance`).
//! 2. If no set of breaks fits, a second pass accepts badness ≤ 1000 with *emergency
//!    stretch* added to every line.
//! 3. A last pass accepts any line that is not overfull.
//!
//! A word piece wider than the whole column gets emergency break points between its
//! characters, as a reader sees them (grapheme clusters: a letter with its
//! accents), and a warning with its place in `cv.toml`, so the last pass always
//! succeeds: **no line is wider than its column** unless one character is, which
//! is then set on a line of its own and reported.
//!
//! Knuth–Plass keeps at most [`MOST_ACTIVE`](optimum::MOST_ACTIVE) breaks open at once, so a paragraph
//! costs time linear in its length whatever the page width or the text.

mod demerits;
mod emergency;
mod items;
mod lines;
mod optimum;
#[cfg(test)]
mod tests;

use crate::diag::Diagnostic;
use crate::hyphenate::Hyphenator;
use crate::text::{Run, Shaper, Word};

use items::{Hyphenation, Paragraph, Setting};
use optimum::Pass;

/// How lines sit in their column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Justify,
    Center,
    Right,
}

/// A set line: its words (the first and last may be fragments of a word broken
/// across lines), and whether it ends its paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub words: Vec<Word>,
    pub last: bool,
}

impl Line {
    /// Width with natural spaces.
    pub fn natural_width(&self) -> f32 {
        crate::text::line_width(&self.words)
    }
}

/// A run placed on a line, `x` from the left edge of the column.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub x: f32,
    pub run: Run,
}

/// Break `words` into lines no wider than `width`.
pub fn break_lines(
    words: Vec<Word>,
    width: f32,
    align: Align,
    hyphenator: &Hyphenator,
    shaper: &Shaper,
) -> (Vec<Line>, Vec<Diagnostic>) {
    if words.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let setting = Setting {
        width,
        align,
        hyphenator,
        shaper,
    };
    let plain = Paragraph::new(&words, &setting, Hyphenation::Off);
    if let Some(breaks) = plain.optimum(Pass::PLAIN) {
        return (plain.lines(words, &breaks, shaper), plain.warnings);
    }
    let para = Paragraph::new(&words, &setting, Hyphenation::On);
    let breaks = [Pass::HYPHENATED, Pass::EMERGENCY, Pass::ANY]
        .into_iter()
        .find_map(|pass| para.optimum(pass))
        .unwrap_or_else(|| para.first_fit());
    (para.lines(words, &breaks, shaper), para.warnings)
}

/// The most a justified interword space may grow, as a multiple of its natural
/// width. The first pass keeps every line within 0.63 of it; lines chosen by the
/// emergency passes may need more, and up to this they are still justified (one
/// ragged line in a justified paragraph reads as a mistake). Past it a gap reads as
/// a hole, and a parser may take the word after it for another column, so such a
/// line is set flush left.
pub const MAX_STRETCH: f32 = 2.0;

/// Place the words of `line` in a column of `width`. A line of a paragraph that
/// reads right to left starts at the right (flush left becomes flush right), and
/// runs that read right to left are placed in visual order; the runs are
/// returned in logical order, the order the PDF's text layer reads.
pub fn compose(line: Line, width: f32, align: Align) -> Vec<Placed> {
    let natural = line.natural_width();
    let gaps = line.words.len().saturating_sub(1);
    let slack = width - natural;
    let stretch: f32 = line.words[..gaps]
        .iter()
        .filter_map(|w| w.space.as_ref())
        .map(|s| s.stretch)
        .sum();
    let rtl = line.words.first().is_some_and(|w| w.rtl);
    // A break between ideographs has no width to give up, and takes a share of
    // a justified line's slack only where the line's spaces would have to grow
    // past [`MAX_STRETCH`] alone (a line of CJK text has none): a Chinese name
    // in a line of English is not spread.
    let rigid = line.words[..gaps]
        .iter()
        .filter(|w| w.space.as_ref().is_some_and(|s| s.width <= 0.0))
        .count();
    let spaces: f32 = line.words[..gaps]
        .iter()
        .filter_map(|w| w.space.as_ref())
        .filter(|s| s.width > 0.0)
        .map(|s| s.stretch)
        .sum();
    let (x, extra, rigid_extra) = if slack < 0.0 && gaps > rigid {
        // The breaker chose to shrink this line's spaces.
        (0.0, slack / (gaps - rigid) as f32, 0.0)
    } else {
        let slack = slack.max(0.0);
        // Where a line that is not spread starts: at its paragraph's start.
        let start = if rtl { slack } else { 0.0 };
        match align {
            Align::Left => (start, 0.0, 0.0),
            Align::Center => (slack / 2.0, 0.0, 0.0),
            Align::Right => (slack, 0.0, 0.0),
            Align::Justify if line.last || gaps == 0 || slack > stretch * MAX_STRETCH => {
                (start, 0.0, 0.0)
            }
            Align::Justify if gaps > rigid && slack <= spaces * MAX_STRETCH => {
                (0.0, slack / (gaps - rigid) as f32, 0.0)
            }
            Align::Justify => (0.0, slack / gaps as f32, slack / gaps as f32),
        }
    };
    let n = line.words.len();
    let mut pieces = Vec::with_capacity(line.words.iter().map(|w| w.runs.len() + 1).sum());
    for (i, word) in line.words.into_iter().enumerate() {
        for run in word.runs {
            let width = run.width();
            pieces.push((run, width));
        }
        if i + 1 < n {
            if let Some(space) = word.space {
                let room = if space.width <= 0.0 {
                    rigid_extra
                } else {
                    space.width + extra
                };
                pieces.push((space.run, room));
            }
        }
    }
    place(pieces, x)
}

/// Runs with the room each takes, in logical order, placed from `x` on: in
/// their order, or in visual order where some read right to left.
fn place(pieces: Vec<(Run, f32)>, mut x: f32) -> Vec<Placed> {
    let mut xs = vec![0.0; pieces.len()];
    if pieces.iter().all(|(run, _)| run.level == 0) {
        for (i, (_, width)) in pieces.iter().enumerate() {
            xs[i] = x;
            x += width;
        }
    } else {
        let levels: Vec<u8> = pieces.iter().map(|(run, _)| run.level).collect();
        for i in crate::text::bidi::visual_order(&levels) {
            xs[i] = x;
            x += pieces[i].1;
        }
    }
    pieces
        .into_iter()
        .zip(xs)
        .filter(|((run, _), _)| !run.glyphs.is_empty())
        .map(|((run, _), x)| Placed { x, run })
        .collect()
}
