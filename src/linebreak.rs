//! Line breaking: measured words become lines that fit their column.
//!
//! The rule that holds whatever the algorithm: **no line is wider than its column**.
//! A word that is wider than the column on its own is cut between glyphs where it
//! must be, and a warning names the word and its place in `cv.toml`.
//!
//! The breaking itself is first-fit for now: each line takes as many words as fit.
//! Composition ([`compose`]) then places the words: flush left, centred, right, or
//! justified by widening the interword spaces (never the last line of a paragraph).

use crate::diag::Diagnostic;
use crate::text::{Run, Word};

/// How lines sit in their column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Justify,
    Center,
    Right,
}

/// A line: the words on it, and whether it ends its paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub words: Vec<Word>,
    pub last: bool,
}

impl Line {
    /// Width with natural spaces.
    pub fn natural_width(&self) -> f32 {
        let n = self.words.len();
        self.words
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
}

/// A run placed on a line, `x` from the left edge of the column.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub x: f32,
    pub run: Run,
}

/// Break `words` into lines no wider than `width`.
pub fn break_lines(words: Vec<Word>, width: f32) -> (Vec<Line>, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let mut used = 0.0f32;
    let mut queue: std::collections::VecDeque<Word> = words.into();
    while let Some(mut word) = queue.pop_front() {
        let space_before = current
            .last()
            .and_then(|w: &Word| w.space.as_ref())
            .map_or(0.0, |s| s.width);
        let w = word.width();
        if !current.is_empty() && used + space_before + w <= width + 1e-3 {
            used += space_before + w;
            current.push(word);
            continue;
        }
        if !current.is_empty() {
            lines.push(Line {
                words: std::mem::take(&mut current),
                last: false,
            });
        }
        if w > width + 1e-3 {
            warnings.push(
                Diagnostic::warning(
                    format!(
                        "`{}` is wider than its column ({:.1} pt > {:.1} pt) and was broken inside the word",
                        word.text(),
                        w,
                        width
                    ),
                    word.origin,
                )
                .with_help("shorten it, or write it with spaces or hyphens where it may break"),
            );
            while let Some(rest) = word.split_to_fit(width) {
                lines.push(Line {
                    words: vec![std::mem::replace(&mut word, rest)],
                    last: false,
                });
            }
        }
        used = word.width();
        current.push(word);
    }
    if !current.is_empty() {
        lines.push(Line {
            words: current,
            last: false,
        });
    }
    if let Some(last) = lines.last_mut() {
        last.last = true;
    }
    (lines, warnings)
}

/// The most a justified interword space may grow, as a fraction of its natural
/// width. Wider gaps read as holes (and a parser reads a word past a wide gap as a
/// separate column), so a line that would need more is set flush left instead.
pub const MAX_STRETCH: f32 = 1.0;

/// Place the words of `line` in a column of `width`.
pub fn compose(line: &Line, width: f32, align: Align) -> Vec<Placed> {
    let natural = line.natural_width();
    let gaps = line.words.len().saturating_sub(1);
    let slack = (width - natural).max(0.0);
    let spaces: f32 = line.words[..gaps]
        .iter()
        .filter_map(|w| w.space.as_ref())
        .map(|s| s.width)
        .sum();
    let (mut x, extra) = match align {
        Align::Left => (0.0, 0.0),
        Align::Center => (slack / 2.0, 0.0),
        Align::Right => (slack, 0.0),
        Align::Justify if line.last || gaps == 0 => (0.0, 0.0),
        Align::Justify if slack > spaces * MAX_STRETCH => (0.0, 0.0),
        Align::Justify => (0.0, slack / gaps as f32),
    };
    let mut out = Vec::new();
    for (i, word) in line.words.iter().enumerate() {
        for run in &word.runs {
            out.push(Placed {
                x,
                run: run.clone(),
            });
            x += run.width();
        }
        if i + 1 < line.words.len() {
            if let Some(space) = &word.space {
                out.push(Placed {
                    x,
                    run: space.run.clone(),
                });
                x += space.width + extra;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{FileId, Origin};
    use crate::fonts::FontSet;
    use crate::text::{Color, Inline, Shaper, TextStyle};

    fn words(shaper: &Shaper, fonts: &FontSet, text: &str) -> Vec<Word> {
        let style = TextStyle {
            family: fonts.family("Source Serif 4").unwrap(),
            size: 10.0,
            color: Color::BLACK,
            bold: false,
            italic: false,
        };
        shaper
            .words(&[Inline {
                text: text.into(),
                style,
                link: None,
                origin: Some(Origin::new(FileId(0), 0)),
            }])
            .unwrap()
    }

    fn end_of(placed: &[Placed]) -> f32 {
        placed.last().map_or(0.0, |p| p.x + p.run.width())
    }

    #[test]
    fn no_line_is_wider_than_its_column() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let text = "I programmed in C and C++ on top of an asynchronous runtime system with global memory addressing (HPX) and implemented all the simulation logic.";
        for width in [40.0, 80.0, 150.0, 300.0] {
            let (lines, warnings) = break_lines(words(&shaper, &fonts, text), width);
            assert_eq!(warnings.is_empty(), width > 60.0, "{warnings:?}");
            for line in &lines {
                for align in [Align::Left, Align::Justify] {
                    assert!(end_of(&compose(line, width, align)) <= width + 1e-3);
                }
            }
            let joined: Vec<String> = lines
                .iter()
                .flat_map(|l| l.words.iter().map(Word::text))
                .collect();
            let sep = if warnings.is_empty() { " " } else { "" };
            assert_eq!(joined.join(sep).replace(' ', ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn justified_lines_reach_the_margin_except_the_last() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let text = "the quick brown fox jumps over the lazy dog and runs far away into the woods";
        let (lines, _) = break_lines(words(&shaper, &fonts, text), 150.0);
        assert!(lines.len() > 1);
        let mut justified = 0;
        for line in &lines[..lines.len() - 1] {
            let spaces: f32 = line.words[..line.words.len() - 1]
                .iter()
                .map(|w| w.space.as_ref().unwrap().width)
                .sum();
            let end = end_of(&compose(line, 150.0, Align::Justify));
            if 150.0 - line.natural_width() <= spaces * MAX_STRETCH {
                assert!((end - 150.0).abs() < 1e-3);
                justified += 1;
            } else {
                assert!(
                    (end - line.natural_width()).abs() < 1e-3,
                    "too loose: flush left"
                );
            }
        }
        assert!(justified > 0);
        let last = compose(lines.last().unwrap(), 150.0, Align::Justify);
        assert!(end_of(&last) < 150.0);
    }

    #[test]
    fn an_overlong_word_is_cut_and_reported() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let (lines, warnings) = break_lines(
            words(&shaper, &fonts, "a supercalifragilisticexpialidocious b"),
            50.0,
        );
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0]
            .message
            .starts_with("`supercalifragilisticexpialidocious` is wider than its column"));
        assert_eq!(warnings[0].origin.map(|o| o.index), Some(2));
        assert!(lines.len() >= 3);
        for line in &lines {
            assert!(line.natural_width() <= 50.0 + 1e-3);
        }
    }
}
