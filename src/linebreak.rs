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
//! construction `glue(0, +3em) penalty(0) glue(space, −3em)`: spaces keep their width
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
//! Knuth–Plass keeps at most [`MOST_ACTIVE`] breaks open at once, so a paragraph
//! costs time linear in its length whatever the page width or the text.

use unicode_segmentation::UnicodeSegmentation;

use crate::diag::{Code, Diagnostic};
use crate::hyphenate::{Hyphenator, Kind};
use crate::text::{Glyph, Run, RunCursor, Shaper, Word};

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

const INFINITY: f32 = 10_000.0;
const LINE_PENALTY: f64 = 10.0;
const ADJ_DEMERITS: f64 = 10_000.0;
const DOUBLE_HYPHEN_DEMERITS: f64 = 10_000.0;
const FINAL_HYPHEN_DEMERITS: f64 = 5_000.0;
/// Penalties of the break kinds inside words.
const HYPHEN_PENALTY: f32 = 50.0;
const PLAIN_PENALTY: f32 = 100.0;
const EMERGENCY_PENALTY: f32 = 3_000.0;
/// The most breaks Knuth–Plass keeps open at once. A break stays open until a line
/// from it would be overfull, so their number grows with how many breaks fit on a
/// line: about 80 at most in the CVs measured, but every character of a run of
/// zero-width marks, or of a line 2 m wide in 4 pt type. Past this many, the breaks
/// with the most demerits are closed: a paragraph costs its length times this at
/// worst, not its length squared.
const MOST_ACTIVE: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq)]
enum ItemKind {
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
struct Item {
    kind: ItemKind,
    width: f32,
    word: usize,
    start: usize,
    end: usize,
}

impl Item {
    fn is_box(&self) -> bool {
        matches!(self.kind, ItemKind::Box)
    }
    fn is_forced(&self) -> bool {
        matches!(self.kind, ItemKind::Penalty { penalty, .. } if penalty <= -INFINITY)
    }
}

/// The typesetting of one paragraph: its items, built from its words.
struct Paragraph {
    items: Vec<Item>,
    width: f32,
    /// Extra stretch per line in the second pass.
    emergency: f32,
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
    let mut warnings = Vec::new();
    let plain = Paragraph::new(
        &words,
        width,
        align,
        hyphenator,
        false,
        shaper,
        &mut warnings,
    );
    if let Some(breaks) = plain.optimum(100.0, false) {
        return (plain.lines(words, &breaks, shaper), warnings);
    }
    warnings.clear();
    let para = Paragraph::new(
        &words,
        width,
        align,
        hyphenator,
        true,
        shaper,
        &mut warnings,
    );
    let breaks = [(200.0, false), (1000.0, true)]
        .into_iter()
        .find_map(|(tolerance, emergency)| para.optimum(tolerance, emergency))
        .or_else(|| para.optimum(f64::INFINITY, true))
        .unwrap_or_else(|| para.first_fit());
    (para.lines(words, &breaks, shaper), warnings)
}

/// Width of glyphs `s..e` of a word. The kern after the last glyph is counted only
/// when it widens (so a measured line is never narrower than what is drawn).
fn piece_width(g: &[&Glyph], s: usize, e: usize) -> f32 {
    let mut w: f32 = g[s..e].iter().map(|g| g.advance + g.kern).sum();
    if e > s {
        w -= g[e - 1].kern.min(0.0);
    }
    w
}

impl Paragraph {
    /// The items of a paragraph; `hyphenate` adds the dictionary's hyphenation points.
    fn new(
        words: &[Word],
        width: f32,
        align: Align,
        hyph: &Hyphenator,
        hyphenate: bool,
        shaper: &Shaper,
        warnings: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut items = Vec::new();
        let mut space_sum = 0.0;
        let mut spaces = 0;
        let n = words.len();
        // Buffers reused from word to word.
        let mut g: Vec<&Glyph> = Vec::new();
        let mut text = String::new();
        let mut ops: Vec<(usize, Kind, f32)> = Vec::new();
        let mut bounds: Vec<usize> = Vec::new();
        for (wi, word) in words.iter().enumerate() {
            g.clear();
            g.extend(word.runs.iter().flat_map(|r| r.glyphs.iter()));
            text.clear();
            text.extend(g.iter().map(|g| g.ch));
            ops.clear();
            let mut cursor = RunCursor::default();
            ops.extend(
                hyph.opportunities(&text, hyphenate)
                    .iter()
                    .filter(|o| o.at > 0 && o.at < g.len())
                    .map(|o| {
                        let w = if o.kind == Kind::Hyphen {
                            cursor
                                .run_before(word, o.at)
                                .and_then(|run| shaper.hyphen(run))
                                .map_or(0.0, |h| h.advance)
                        } else {
                            0.0
                        };
                        (o.at, o.kind, w)
                    }),
            );
            // A piece wider than the column gets emergency breaks between characters.
            bounds.clear();
            bounds.push(0);
            bounds.extend(ops.iter().map(|o| o.0));
            bounds.push(g.len());
            bounds.dedup();
            let mut reported = false;
            let mut clusters: Option<Vec<usize>> = None;
            // The opportunities found so far are in order; emergency breaks are
            // added after them and sorted in below.
            let found = ops.len();
            for pair in bounds.windows(2) {
                let (s, e) = (pair[0], pair[1]);
                let hyphen_after = ops[..found]
                    .binary_search_by_key(&e, |o| o.0)
                    .map_or(0.0, |k| ops[k].2);
                if piece_width(&g, s, e) + hyphen_after > width + 1e-3 {
                    if !reported {
                        warnings.push(overlong(word, width));
                        reported = true;
                    }
                    // Between characters as a reader sees them: an accent never
                    // parts from its letter, nor a mark from the marks it stacks on.
                    let starts = clusters.get_or_insert_with(|| cluster_starts(&text));
                    let from = starts.partition_point(|&at| at <= s);
                    let to = starts.partition_point(|&at| at < e);
                    ops.extend(starts[from..to].iter().map(|&at| (at, Kind::Plain, -1.0)));
                }
            }
            ops.sort_by_key(|o| o.0);
            ops.dedup_by_key(|o| o.0);

            let mut start = 0;
            for &(at, kind, w) in &ops {
                items.push(Item {
                    kind: ItemKind::Box,
                    width: piece_width(&g, start, at),
                    word: wi,
                    start,
                    end: at,
                });
                let (penalty, flagged, hyphen, width) = match kind {
                    Kind::Hyphen => (HYPHEN_PENALTY, true, true, w),
                    Kind::AfterHyphen => (HYPHEN_PENALTY, true, false, 0.0),
                    // w < 0 marks an emergency break.
                    Kind::Plain if w < 0.0 => (EMERGENCY_PENALTY, false, false, 0.0),
                    Kind::Plain => (PLAIN_PENALTY, false, false, 0.0),
                };
                items.push(Item {
                    kind: ItemKind::Penalty {
                        penalty,
                        flagged,
                        hyphen,
                    },
                    width,
                    word: wi,
                    start: at,
                    end: at,
                });
                start = at;
            }
            items.push(Item {
                kind: ItemKind::Box,
                width: piece_width(&g, start, g.len()),
                word: wi,
                start,
                end: g.len(),
            });

            if wi + 1 < n {
                if let Some(space) = &word.space {
                    space_sum += space.width;
                    spaces += 1;
                    let sp = space.width;
                    match align {
                        Align::Justify => items.push(Item {
                            kind: ItemKind::Glue {
                                stretch: sp * 0.5,
                                shrink: sp / 3.0,
                            },
                            width: sp,
                            word: wi,
                            start: 0,
                            end: 0,
                        }),
                        _ => {
                            let glue = |width, stretch| Item {
                                kind: ItemKind::Glue {
                                    stretch,
                                    shrink: 0.0,
                                },
                                width,
                                word: wi,
                                start: 0,
                                end: 0,
                            };
                            items.push(glue(0.0, 3.0 * sp));
                            items.push(Item {
                                kind: ItemKind::Penalty {
                                    penalty: 0.0,
                                    flagged: false,
                                    hyphen: false,
                                },
                                width: 0.0,
                                word: wi,
                                start: 0,
                                end: 0,
                            });
                            items.push(glue(sp, -3.0 * sp));
                        }
                    }
                }
            }
        }
        // The paragraph ends with glue that fills the last line, and a forced break.
        items.push(Item {
            kind: ItemKind::Glue {
                stretch: INFINITY * width,
                shrink: 0.0,
            },
            width: 0.0,
            word: n - 1,
            start: 0,
            end: 0,
        });
        items.push(Item {
            kind: ItemKind::Penalty {
                penalty: -INFINITY,
                flagged: false,
                hyphen: false,
            },
            width: 0.0,
            word: n - 1,
            start: 0,
            end: 0,
        });
        // TeX's customary \emergencystretch is 3 em; a space is about a quarter em.
        let space = if spaces > 0 {
            space_sum / spaces as f32
        } else {
            2.5
        };
        Paragraph {
            items,
            width,
            emergency: 12.0 * space,
        }
    }

    /// The adjustment ratio of a line with natural width `l`, stretch and shrink.
    fn ratio(&self, l: f32, stretch: f32, shrink: f32) -> f32 {
        let w = self.width;
        if (l - w).abs() < 1e-4 {
            0.0
        } else if l < w {
            if stretch > 0.0 {
                (w - l) / stretch
            } else {
                INFINITY
            }
        } else if shrink > 0.0 {
            (w - l) / shrink
        } else {
            -INFINITY
        }
    }

    /// The breaks (item indices) of least total demerits among lines whose badness
    /// is at most `tolerance`; `None` when no such set of breaks exists.
    fn optimum(&self, tolerance: f64, emergency: bool) -> Option<Vec<usize>> {
        #[derive(Clone, Copy)]
        struct Node {
            pos: usize,
            fitness: u8,
            flagged: bool,
            width: f32,
            stretch: f32,
            shrink: f32,
            demerits: f64,
            prev: Option<usize>,
        }
        let extra = if emergency { self.emergency } else { 0.0 };
        let mut nodes = vec![Node {
            pos: 0,
            fitness: 1,
            flagged: false,
            width: 0.0,
            stretch: 0.0,
            shrink: 0.0,
            demerits: 0.0,
            prev: None,
        }];
        let mut active: Vec<usize> = vec![0];
        let (mut sw, mut sst, mut ssh) = (0.0f32, 0.0f32, 0.0f32);
        let items = &self.items;
        for (i, item) in items.iter().enumerate() {
            let legal = match item.kind {
                ItemKind::Box => false,
                ItemKind::Glue { .. } => i > 0 && items[i - 1].is_box(),
                ItemKind::Penalty { penalty, .. } => penalty < INFINITY,
            };
            if legal {
                let (penalty, flagged) = match item.kind {
                    ItemKind::Penalty {
                        penalty, flagged, ..
                    } => (penalty, flagged),
                    _ => (0.0, false),
                };
                let is_penalty = matches!(item.kind, ItemKind::Penalty { .. });
                let mut best: [Option<(f64, usize)>; 4] = [None; 4];
                active.retain(|&a| {
                    let n = &nodes[a];
                    let l = sw - n.width + if is_penalty { item.width } else { 0.0 };
                    let r = self.ratio(l, sst - n.stretch + extra, ssh - n.shrink);
                    let keep = r >= -1.0 && !item.is_forced();
                    if r >= -1.0 {
                        let badness = if r >= INFINITY {
                            f64::from(INFINITY)
                        } else {
                            (100.0 * f64::from(r.abs()).powi(3)).min(f64::from(INFINITY))
                        };
                        if badness <= tolerance {
                            let mut d = (LINE_PENALTY + badness).powi(2);
                            let p = f64::from(penalty);
                            if p >= 0.0 {
                                d += p * p;
                            } else if p > -f64::from(INFINITY) {
                                d -= p * p;
                            }
                            if flagged && n.flagged {
                                d += DOUBLE_HYPHEN_DEMERITS;
                            }
                            if item.is_forced() && n.flagged {
                                d += FINAL_HYPHEN_DEMERITS;
                            }
                            let fitness = fitness(r);
                            if fitness.abs_diff(n.fitness) > 1 {
                                d += ADJ_DEMERITS;
                            }
                            let total = n.demerits + d;
                            let slot = &mut best[usize::from(fitness)];
                            if slot.is_none_or(|(t, _)| total < t) {
                                *slot = Some((total, a));
                            }
                        }
                    }
                    keep
                });
                if best.iter().any(Option::is_some) {
                    // Totals after the break: the glue and penalties that follow it
                    // are discarded at the start of the next line.
                    let (mut tw, mut tst, mut tsh) = (sw, sst, ssh);
                    for (j, next) in items.iter().enumerate().skip(i) {
                        match next.kind {
                            ItemKind::Box => break,
                            ItemKind::Penalty { .. } if j > i && next.is_forced() => break,
                            ItemKind::Glue { stretch, shrink } => {
                                tw += next.width;
                                tst += stretch;
                                tsh += shrink;
                            }
                            ItemKind::Penalty { .. } => {}
                        }
                    }
                    for (fitness, slot) in best.iter().enumerate() {
                        if let Some((demerits, prev)) = *slot {
                            nodes.push(Node {
                                pos: i,
                                fitness: fitness as u8,
                                flagged,
                                width: tw,
                                stretch: tst,
                                shrink: tsh,
                                demerits,
                                prev: Some(prev),
                            });
                            active.push(nodes.len() - 1);
                        }
                    }
                }
                if active.is_empty() {
                    return None;
                }
                if active.len() > MOST_ACTIVE {
                    active.select_nth_unstable_by(MOST_ACTIVE, |&a, &b| {
                        nodes[a].demerits.total_cmp(&nodes[b].demerits)
                    });
                    active.truncate(MOST_ACTIVE);
                }
            }
            match item.kind {
                ItemKind::Box => sw += item.width,
                ItemKind::Glue { stretch, shrink } => {
                    sw += item.width;
                    sst += stretch;
                    ssh += shrink;
                }
                ItemKind::Penalty { .. } => {}
            }
        }
        let last = items.len() - 1;
        let end = active
            .iter()
            .copied()
            .filter(|&a| nodes[a].pos == last)
            .min_by(|&a, &b| nodes[a].demerits.total_cmp(&nodes[b].demerits))?;
        let mut breaks = Vec::new();
        let mut cursor = Some(end);
        while let Some(c) = cursor {
            if nodes[c].prev.is_some() {
                breaks.push(nodes[c].pos);
            }
            cursor = nodes[c].prev;
        }
        breaks.reverse();
        Some(breaks)
    }

    /// First-fit breaks: each line takes all that fits, and a piece that fits no
    /// line (one glyph wider than the column) takes a line of its own. The last
    /// resort when no set of breaks keeps every line within its column: text is
    /// never dropped, and the piece was reported as overfull.
    fn first_fit(&self) -> Vec<usize> {
        let mut breaks = Vec::new();
        let mut line_start_width = 0.0f32;
        let mut sw = 0.0f32;
        let mut last_fit: Option<(usize, f32)> = None;
        for (i, item) in self.items.iter().enumerate() {
            let legal = match item.kind {
                ItemKind::Box => false,
                ItemKind::Glue { .. } => i > 0 && self.items[i - 1].is_box(),
                ItemKind::Penalty { penalty, .. } => penalty < INFINITY,
            };
            if legal {
                let (extra, discarded) = match item.kind {
                    ItemKind::Penalty { .. } => (item.width, 0.0),
                    _ => (0.0, item.width),
                };
                // A break here, and the width consumed once the line ends at it.
                let candidate = (i, sw + discarded);
                if sw - line_start_width + extra <= self.width + 1e-3 || last_fit.is_none() {
                    last_fit = Some(candidate);
                } else if let Some((b, after)) = last_fit.take() {
                    breaks.push(b);
                    line_start_width = after;
                    if sw - line_start_width + extra <= self.width + 1e-3 {
                        last_fit = Some(candidate);
                    }
                }
                if item.is_forced() {
                    breaks.push(i);
                }
            }
            if !matches!(item.kind, ItemKind::Penalty { .. }) {
                sw += item.width;
            }
        }
        breaks
    }

    /// The lines between the chosen breaks, made of `words` (the paragraph's): a word
    /// on one line moves there, a word broken across lines is copied in pieces.
    fn lines(&self, mut words: Vec<Word>, breaks: &[usize], shaper: &Shaper) -> Vec<Line> {
        let mut lines = Vec::new();
        let mut from = 0;
        // The index of the word broken across lines last, made once per word: a
        // word broken into many lines is not walked again for each of them.
        let mut index: Option<(usize, WordIndex)> = None;
        for (li, &b) in breaks.iter().enumerate() {
            // Word fragments on this line: (word, start, end).
            let mut frags: Vec<(usize, usize, usize)> = Vec::new();
            for item in &self.items[from..b] {
                if !item.is_box() {
                    continue;
                }
                match frags.last_mut() {
                    Some(f) if f.0 == item.word && f.2 == item.start => f.2 = item.end,
                    _ => frags.push((item.word, item.start, item.end)),
                }
            }
            let hyphen = matches!(self.items[b].kind, ItemKind::Penalty { hyphen: true, .. });
            let count = frags.len();
            let words = frags
                .into_iter()
                .enumerate()
                .map(|(k, (wi, s, e))| {
                    let word = &mut words[wi];
                    let whole =
                        s == 0 && e == word.runs.iter().map(|r| r.glyphs.len()).sum::<usize>();
                    if whole {
                        return std::mem::take(word);
                    }
                    if index.as_ref().is_none_or(|(i, _)| *i != wi) {
                        index = Some((wi, WordIndex::new(word)));
                    }
                    let mut frag = match &index {
                        Some((_, ix)) => fragment(word, s, e, ix),
                        None => word.clone(),
                    };
                    if k + 1 == count {
                        frag.space = None;
                        if hyphen {
                            // The run before the break, found in the word's index.
                            let run = match &index {
                                Some((_, ix)) => {
                                    let r = ix.run_starts.partition_point(|&st| st < e);
                                    word.runs.get(r.saturating_sub(1))
                                }
                                None => word.run_before(e),
                            };
                            let h = run.and_then(|r| shaper.hyphen(r));
                            if let (Some(h), Some(run)) = (h, frag.runs.last_mut()) {
                                run.glyphs.push(h);
                            }
                        }
                    }
                    frag
                })
                .collect();
            lines.push(Line {
                words,
                last: li + 1 == breaks.len(),
            });
            from = b + 1;
        }
        lines
    }
}

/// TeX's fitness classes: 0 tight, 1 decent, 2 loose, 3 very loose.
fn fitness(r: f32) -> u8 {
    if r < -0.5 {
        0
    } else if r <= 0.5 {
        1
    } else if r <= 1.0 {
        2
    } else {
        3
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

/// Where each run of a word starts (in glyphs), where each glyph starts in the
/// word's text (in bytes), and the glyph count.
struct WordIndex {
    run_starts: Vec<usize>,
    byte_starts: Vec<usize>,
    glyphs: usize,
}

impl WordIndex {
    fn new(word: &Word) -> WordIndex {
        let mut run_starts = Vec::with_capacity(word.runs.len());
        let mut byte_starts = Vec::new();
        let (mut glyphs, mut bytes) = (0, 0);
        for run in &word.runs {
            run_starts.push(glyphs);
            glyphs += run.glyphs.len();
            for g in &run.glyphs {
                byte_starts.push(bytes);
                bytes += g.ch.len_utf8();
            }
        }
        byte_starts.push(bytes);
        WordIndex {
            run_starts,
            byte_starts,
            glyphs,
        }
    }
}

/// Glyphs `s..e` of `word` as a word of their own. A fragment of a word broken
/// across lines carries `/ActualText`: the whole word on its first fragment and
/// nothing on the others, so the PDF's text layer reads the word once, unbroken.
/// The cost is that of the fragment, not of the word (`index` knows the word).
fn fragment(word: &Word, s: usize, e: usize, index: &WordIndex) -> Word {
    let first_run = index.run_starts.partition_point(|&start| start <= s).max(1) - 1;
    let mut runs = Vec::new();
    for (k, run) in word.runs.iter().enumerate().skip(first_run) {
        let offset = index.run_starts[k];
        if offset >= e {
            break;
        }
        let n = run.glyphs.len();
        let (a, b) = (s.max(offset), e.min(offset + n));
        if a < b {
            let mut glyphs = run.glyphs[a - offset..b - offset].to_vec();
            if b < offset + n {
                if let Some(last) = glyphs.last_mut() {
                    last.kern = 0.0;
                }
            }
            let actual = if s == 0 && runs.is_empty() {
                word.text()
            } else {
                String::new()
            };
            runs.push(Run {
                face: run.face,
                size: run.size,
                color: run.color,
                link: run.link.clone(),
                glyphs,
                actual: Some(actual),
            });
        }
    }
    Word {
        runs,
        space: if e == index.glyphs {
            word.space.clone()
        } else {
            None
        },
        origin: word.origin.map(|o| o.advanced(index.byte_starts[s])),
    }
}

fn overlong(word: &Word, width: f32) -> Diagnostic {
    Diagnostic::warning(
        Code::Overfull,
        format!(
            "`{}` is wider than its column ({:.1} pt > {:.1} pt) and was broken inside the word",
            crate::diag::clip(&word.text()),
            word.width(),
            width
        ),
        word.origin,
    )
    .with_help("shorten it, or write it with spaces or hyphens where it may break")
}

/// The most a justified interword space may grow, as a multiple of its natural
/// width. The first pass keeps every line within 0.63 of it; lines chosen by the
/// emergency passes may need more, and up to this they are still justified (one
/// ragged line in a justified paragraph reads as a mistake). Past it a gap reads as
/// a hole, and a parser may take the word after it for another column, so such a
/// line is set flush left.
pub const MAX_STRETCH: f32 = 2.0;

/// Place the words of `line` in a column of `width`.
pub fn compose(line: Line, width: f32, align: Align) -> Vec<Placed> {
    let natural = line.natural_width();
    let gaps = line.words.len().saturating_sub(1);
    let slack = width - natural;
    let spaces: f32 = line.words[..gaps]
        .iter()
        .filter_map(|w| w.space.as_ref())
        .map(|s| s.width)
        .sum();
    let (mut x, extra) = if slack < 0.0 && gaps > 0 {
        // The breaker chose to shrink this line's spaces.
        (0.0, slack / gaps as f32)
    } else {
        let slack = slack.max(0.0);
        match align {
            Align::Left => (0.0, 0.0),
            Align::Center => (slack / 2.0, 0.0),
            Align::Right => (slack, 0.0),
            Align::Justify if line.last || gaps == 0 || slack > spaces * MAX_STRETCH => (0.0, 0.0),
            Align::Justify => (0.0, slack / gaps as f32),
        }
    };
    let n = line.words.len();
    let mut out = Vec::with_capacity(line.words.iter().map(|w| w.runs.len() + 1).sum());
    for (i, word) in line.words.into_iter().enumerate() {
        for run in word.runs {
            let width = run.width();
            out.push(Placed { x, run });
            x += width;
        }
        if i + 1 < n {
            if let Some(space) = word.space {
                out.push(Placed { x, run: space.run });
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
    use crate::text::{Color, Inline, TextStyle};
    use hyphenation::Language;

    /// `text` broken ragged-right into lines `width` wide, and the warnings.
    fn set_left(text: &str, width: f32) -> (Vec<Line>, Vec<Diagnostic>) {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        break_lines(
            words(&shaper, &fonts, text),
            width,
            Align::Left,
            &hyph(),
            &shaper,
        )
    }

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

    fn hyph() -> Hyphenator {
        Hyphenator::new(Some(Language::EnglishUS), []).unwrap()
    }

    const TEXT: &str = "I programmed in C and C++ on top of an asynchronous runtime system with global memory addressing (HPX) and implemented all the simulation logic (fixed and variable timestep interpolation) and the underlying HPC algorithms such as distributed task scheduling, multicore parallelism, concurrency, threading, dynamic load-balancing, vectorization and cache optimizations.";

    /// Total demerits of a set of breaks, by the same rules the breaker uses.
    fn demerits(para: &Paragraph, breaks: &[usize]) -> f64 {
        // The optimum restricted to exactly these breaks: rebuild items where only
        // these breaks are legal by evaluating line by line.
        let mut total = 0.0;
        let mut prev_fit = 1u8;
        let mut prev_flag = false;
        let mut from = 0;
        for &b in breaks {
            let (mut l, mut st, mut sh) = (0.0f32, 0.0f32, 0.0f32);
            let mut started = false;
            for item in &para.items[from..b] {
                match item.kind {
                    ItemKind::Box => {
                        started = true;
                        l += item.width;
                    }
                    ItemKind::Glue { stretch, shrink } if started => {
                        l += item.width;
                        st += stretch;
                        sh += shrink;
                    }
                    _ => {}
                }
            }
            let item = para.items[b];
            let (p, flagged) = match item.kind {
                ItemKind::Penalty {
                    penalty, flagged, ..
                } => {
                    l += item.width;
                    (penalty, flagged)
                }
                _ => (0.0, false),
            };
            if item.is_forced() {
                st += INFINITY * para.width;
            }
            let r = para.ratio(l, st, sh);
            let badness = if r >= INFINITY {
                f64::from(INFINITY)
            } else {
                (100.0 * f64::from(r.abs()).powi(3)).min(f64::from(INFINITY))
            };
            let mut d = (LINE_PENALTY + badness).powi(2);
            let p = f64::from(p);
            if p >= 0.0 {
                d += p * p;
            } else if p > -f64::from(INFINITY) {
                d -= p * p;
            }
            if flagged && prev_flag {
                d += DOUBLE_HYPHEN_DEMERITS;
            }
            if item.is_forced() && prev_flag {
                d += FINAL_HYPHEN_DEMERITS;
            }
            let f = fitness(r);
            if f.abs_diff(prev_fit) > 1 {
                d += ADJ_DEMERITS;
            }
            total += d;
            prev_fit = f;
            prev_flag = flagged;
            from = b + 1;
        }
        total
    }

    #[test]
    fn no_line_is_wider_than_its_column() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        for width in [40.0, 80.0, 150.0, 300.0] {
            for align in [Align::Justify, Align::Left] {
                let (lines, warnings) =
                    break_lines(words(&shaper, &fonts, TEXT), width, align, &hyph(), &shaper);
                assert_eq!(warnings.is_empty(), width > 60.0, "{warnings:?}");
                for line in &lines {
                    assert!(
                        end_of(&compose(line.clone(), width, align)) <= width + 1e-2,
                        "overfull at {width}"
                    );
                }
            }
        }
    }

    #[test]
    fn knuth_plass_is_never_worse_than_first_fit() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let ws = words(&shaper, &fonts, TEXT);
        let mut warnings = Vec::new();
        for width in [120.0, 180.0, 250.0, 330.0] {
            let para = Paragraph::new(
                &ws,
                width,
                Align::Justify,
                &hyph(),
                true,
                &shaper,
                &mut warnings,
            );
            let best = para.optimum(f64::INFINITY, false).unwrap();
            let first_fit = para.first_fit();
            assert!(
                demerits(&para, &best) <= demerits(&para, &first_fit) + 1e-6,
                "width {width}"
            );
        }
    }

    #[test]
    fn justified_lines_reach_the_margin_except_the_last() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        for width in [200.0, 300.0, 380.0] {
            let (lines, _) = break_lines(
                words(&shaper, &fonts, TEXT),
                width,
                Align::Justify,
                &hyph(),
                &shaper,
            );
            assert!(lines.len() > 2);
            for line in &lines[..lines.len() - 1] {
                assert!(
                    (end_of(&compose(line.clone(), width, Align::Justify)) - width).abs() < 1e-2,
                    "{width}: {:?}",
                    line.words.iter().map(Word::text).collect::<Vec<_>>()
                );
            }
            assert!(
                end_of(&compose(
                    lines.last().unwrap().clone(),
                    width,
                    Align::Justify
                )) < width
            );
        }
    }

    #[test]
    fn hyphenated_words_carry_their_whole_text() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let (lines, _) = break_lines(
            words(&shaper, &fonts, TEXT),
            120.0,
            Align::Justify,
            &hyph(),
            &shaper,
        );
        let mut split = 0;
        for pair in lines.windows(2) {
            let end = pair[0].words.last().unwrap();
            let start = &pair[1].words[0];
            if let Some(actual) = &end.runs[0].actual {
                split += 1;
                let shown: String = end.text();
                assert!(
                    !actual.is_empty() && actual.starts_with(shown.trim_end_matches('-')),
                    "{actual} / {shown}"
                );
                assert_eq!(start.runs[0].actual.as_deref(), Some(""));
            }
        }
        assert!(split > 0, "some word is broken at 120 pt");
    }

    #[test]
    fn identical_input_gives_identical_breaks() {
        let fonts = FontSet::bundled();
        let shaper = Shaper::new(&fonts).unwrap();
        let a = break_lines(
            words(&shaper, &fonts, TEXT),
            170.0,
            Align::Justify,
            &hyph(),
            &shaper,
        )
        .0;
        let b = break_lines(
            words(&shaper, &fonts, TEXT),
            170.0,
            Align::Justify,
            &hyph(),
            &shaper,
        )
        .0;
        assert_eq!(a, b);
    }

    #[test]
    fn an_overlong_word_is_cut_and_reported() {
        let (lines, warnings) = set_left("a SUPERCALIFRAGILISTICEXPIALIDOCIOUS b", 50.0);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0]
            .message
            .starts_with("`SUPERCALIFRAGILISTICEXPIALIDOCIOUS` is wider than its column"));
        assert_eq!(warnings[0].origin.map(|o| o.index), Some(2));
        assert!(lines.len() >= 3);
        for line in &lines {
            assert!(line.natural_width() <= 50.0 + 1e-3);
        }
    }

    #[test]
    fn an_overlong_word_breaks_between_clusters_only() {
        // Each "e" carries three combining marks: a break before a mark would set
        // it alone at the start of a line, and a break between every glyph of a
        // run of zero-width marks made line breaking quadratic.
        let word = "e\u{301}\u{302}\u{303}".repeat(40);
        let (lines, warnings) = set_left(&word, 30.0);
        assert_eq!(warnings.len(), 1);
        assert!(lines.len() > 2);
        for line in &lines {
            let text: String = line.words.iter().map(Word::text).collect();
            assert!(
                text.starts_with('e') && text.ends_with('\u{303}'),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_glyph_wider_than_the_column_is_set_not_dropped() {
        let (lines, warnings) = set_left("Sep 2019 – Oct 2023", 2.0);
        let text: String = lines
            .iter()
            .flat_map(|l| l.words.iter().map(Word::text))
            .collect();
        assert_eq!(text, "Sep2019–Oct2023");
        assert!(!warnings.is_empty());
        assert!(warnings.iter().all(|w| w.code == Code::Overfull));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Paragraphs made of ordinary words, compounds, capitals, long words and URLs.
        fn paragraph() -> impl Strategy<Value = String> {
            let word = prop_oneof![
                6 => "[a-z]{1,12}",
                2 => "[A-Z][a-z]{2,9}",
                1 => "[A-Z]{2,6}",
                1 => "[a-z]{3,8}-[a-z]{3,8}",
                1 => "[a-z]{3,8}/[a-z]{3,8}",
                1 => "https://[a-z]{3,10}\\.org/[a-z]{2,12}/[a-z0-9]{2,12}",
                1 => "[a-z]{20,40}",
            ];
            prop::collection::vec(word, 1..60).prop_map(|w| w.join(" "))
        }

        /// Words of any Unicode characters at all; [`drawable`] keeps those the
        /// bundled fonts draw.
        fn unicode_paragraph() -> impl Strategy<Value = Vec<String>> {
            let c = prop_oneof![
                2 => any::<char>(),
                3 => prop::char::range('\u{21}', '\u{24F}'),
                1 => prop::char::range('\u{300}', '\u{36F}'),
                1 => prop::char::range('\u{370}', '\u{4FF}'),
                1 => prop::char::range('\u{2000}', '\u{2BFF}'),
            ];
            let word =
                prop::collection::vec(c, 1..14).prop_map(|cs| cs.into_iter().collect::<String>());
            prop::collection::vec(word, 1..40)
        }

        /// `words` with every character no bundled font draws (or that separates
        /// words) replaced by `x`.
        fn drawable(shaper: &Shaper, fonts: &FontSet, words: &[String]) -> String {
            let style = TextStyle {
                family: fonts.family("Source Serif 4").unwrap(),
                size: 10.0,
                color: Color::BLACK,
                bold: false,
                italic: false,
            };
            words
                .iter()
                .map(|w| {
                    w.chars()
                        .map(|c| {
                            let ok = !c.is_control()
                                && !c.is_whitespace()
                                && !crate::text::is_break_space(c)
                                && !matches!(
                                    c,
                                    '"' | '\''
                                        | '\u{200b}'
                                        | '\u{200c}'
                                        | '\u{200d}'
                                        | '\u{2060}'
                                        | '\u{feff}'
                                        | '\u{ad}'
                                )
                                && shaper.face_for(c, &style).is_some();
                            if ok {
                                c
                            } else {
                                'x'
                            }
                        })
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(" ")
        }

        /// What a text extractor reads from lines: `/ActualText` where a run has
        /// it, else its glyphs; words without the spaces between them.
        fn read_back(lines: &[Line]) -> String {
            lines
                .iter()
                .flat_map(|l| &l.words)
                .flat_map(|w| &w.runs)
                .map(|r| r.actual.clone().unwrap_or_else(|| r.text()))
                .collect()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            #[test]
            fn any_drawable_unicode_is_set_within_its_column_and_reads_back_whole(
                raw in unicode_paragraph(),
                width in 40.0f32..420.0,
                justify in any::<bool>(),
            ) {
                let fonts = FontSet::bundled();
                let shaper = Shaper::new(&fonts).unwrap();
                let text = drawable(&shaper, &fonts, &raw);
                let align = if justify { Align::Justify } else { Align::Left };
                let ws = words(&shaper, &fonts, &text);
                let (lines, _) = break_lines(ws, width, align, &hyph(), &shaper);
                for line in &lines {
                    let end = end_of(&compose(line.clone(), width, align));
                    prop_assert!(end <= width + 1e-2, "{end} > {width}");
                }
                let expected: String = text.chars().filter(|c| *c != ' ').collect();
                prop_assert_eq!(read_back(&lines), expected);
            }

            #[test]
            fn no_line_is_wider_than_its_column(text in paragraph(), width in 40.0f32..420.0, justify in any::<bool>()) {
                let fonts = FontSet::bundled();
                let shaper = Shaper::new(&fonts).unwrap();
                let align = if justify { Align::Justify } else { Align::Left };
                let (lines, _) = break_lines(
                    words(&shaper, &fonts, &text), width, align, &hyph(), &shaper);
                for line in lines {
                    let end = end_of(&compose(line, width, align));
                    prop_assert!(end <= width + 1e-2, "{end} > {width}");
                }
            }

            #[test]
            fn identical_input_gives_identical_breaks(text in paragraph(), width in 60.0f32..420.0) {
                let fonts = FontSet::bundled();
                let shaper = Shaper::new(&fonts).unwrap();
                let ws = words(&shaper, &fonts, &text);
                let a = break_lines(ws.clone(), width, Align::Justify, &hyph(), &shaper);
                let b = break_lines(ws, width, Align::Justify, &hyph(), &shaper);
                prop_assert_eq!(a, b);
            }

            #[test]
            fn knuth_plass_is_never_worse_than_first_fit(text in paragraph(), width in 80.0f32..420.0) {
                let fonts = FontSet::bundled();
                let shaper = Shaper::new(&fonts).unwrap();
                let ws = words(&shaper, &fonts, &text);
                let mut warnings = Vec::new();
                let para = Paragraph::new(&ws, width, Align::Justify, &hyph(), true, &shaper, &mut warnings);
                let best = para.optimum(f64::INFINITY, false).unwrap();
                let first_fit = para.first_fit();
                prop_assert!(demerits(&para, &best) <= demerits(&para, &first_fit) + 1e-6);
            }

            #[test]
            fn urls_and_capitals_are_never_hyphenated(
                url in "https?://[a-z]{3,12}\\.[a-z]{2,3}(/[a-z]{4,14}){1,4}",
                caps in "[A-Z]{2,5}[a-z]{0,8}[A-Z][a-z]{0,6}",
            ) {
                let h = hyph();
                for word in [url.as_str(), caps.as_str()] {
                    prop_assert!(h.opportunities(word, true).iter().all(|o| o.kind != Kind::Hyphen), "{word}");
                }
            }
        }
    }
}
