//! Knuth and Plass's total-fit algorithm: of all the ways to break a paragraph
//! into lines whose badness a pass tolerates, the one of least total demerits.
//!
//! The items are walked once. A break that may still start a line is *active*;
//! at each place a line may end, the line from every active break to it is
//! weighed, and the best break there for each fitness class is opened.

use super::demerits::{badness, demerits, ratio, Ending, Fitness, LineFacts, FULL_SHRINK};
use super::items::{Item, ItemKind, Paragraph};

/// The most breaks Knuth–Plass keeps open at once. A break stays open until a line
/// from it would be overfull, so their number grows with how many breaks fit on a
/// line: about 80 at most in the CVs measured, but every character of a run of
/// zero-width marks, or of a line 2 m wide in 4 pt type. Past this many, the breaks
/// with the most demerits are closed: a paragraph costs its length times this at
/// worst, not its length squared.
pub(super) const MOST_ACTIVE: usize = 512;

/// The badness the first pass tolerates, without hyphenation: TeX's
/// `\pretolerance=100`.
const PRETOLERANCE: f64 = 100.0;
/// The badness the pass with hyphenation tolerates: TeX's `\tolerance=200`.
const TOLERANCE: f64 = 200.0;
/// The badness the emergency pass tolerates: cvc's own, five times
/// [`TOLERANCE`] (TeX's third pass keeps `\tolerance` and relies on the stretch
/// alone), so that a narrow column finds breaks here before the last pass takes
/// any line that is not overfull.
const EMERGENCY_TOLERANCE: f64 = 1_000.0;

/// One search for the best breaks: the badness it tolerates, and whether every
/// line gets the paragraph's emergency stretch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Pass {
    pub tolerance: f64,
    pub emergency_stretch: bool,
}

impl Pass {
    /// Without hyphenation, like TeX's first pass.
    pub(super) const PLAIN: Pass = Pass {
        tolerance: PRETOLERANCE,
        emergency_stretch: false,
    };
    /// With hyphenation, like TeX's second pass.
    pub(super) const HYPHENATED: Pass = Pass {
        tolerance: TOLERANCE,
        emergency_stretch: false,
    };
    /// Looser lines with more stretch, like TeX's third pass.
    pub(super) const EMERGENCY: Pass = Pass {
        tolerance: EMERGENCY_TOLERANCE,
        emergency_stretch: true,
    };
    /// Any line that is not overfull, with the emergency stretch.
    pub(super) const ANY: Pass = Pass {
        tolerance: f64::INFINITY,
        emergency_stretch: true,
    };
}

/// Totals of widths, stretch and shrink from the paragraph's start.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    width: f32,
    stretch: f32,
    shrink: f32,
}

impl Sums {
    #[inline]
    fn add(&mut self, item: &Item) {
        match item.kind {
            ItemKind::Box => self.width += item.width,
            ItemKind::Glue { stretch, shrink } => {
                self.width += item.width;
                self.stretch += stretch;
                self.shrink += shrink;
            }
            ItemKind::Penalty { .. } => {}
        }
    }
}

/// A break the search has opened.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The item it breaks at.
    pos: usize,
    /// How the line before it ends.
    end: Ending,
    /// The sums where the next line starts.
    sums: Sums,
    /// Total demerits of the lines up to it.
    demerits: f64,
    /// The break before it.
    prev: Option<usize>,
}

/// The cheapest line ending at a break for each fitness class: (total demerits,
/// the active break it starts at).
type Best = [Option<(f64, usize)>; Fitness::ALL.len()];

/// The state of one search.
struct Search<'p> {
    para: &'p Paragraph,
    limits: Limits,
    /// Every break opened, the paragraph's start first.
    nodes: Vec<Node>,
    /// The open breaks a line may still start at.
    active: Vec<usize>,
}

/// What every line of a search is measured against.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// The column's width.
    column: f32,
    /// The most badness a line may have.
    tolerance: f64,
    /// Stretch added to every line.
    extra: f32,
}

/// A place where a line may end, and what every line ending there shares.
#[derive(Debug, Clone, Copy)]
struct LineEnd {
    /// The sums before it.
    sums: Sums,
    /// The width a break here adds to its line (a hyphen's).
    width: f32,
    penalty: f32,
    flagged: bool,
    forced: bool,
}

impl LineEnd {
    /// Weighs the line from the break `from` (node `a`) to here, and keeps it in
    /// `best` if it is the cheapest of its fitness class so far. Whether `from`
    /// stays open: a line from it is not overfull, and the break is not forced.
    #[inline]
    fn weigh_from(
        &self,
        limits: &Limits,
        from: &Node,
        a: usize,
        best: &mut Best,
        runt: bool,
    ) -> bool {
        let sums = &self.sums;
        let l = sums.width - from.sums.width + self.width;
        let stretch = sums.stretch - from.sums.stretch + limits.extra;
        let r = ratio(limits.column, l, stretch, sums.shrink - from.sums.shrink);
        let fits = r >= FULL_SHRINK;
        if fits {
            let badness = badness(r);
            if badness <= limits.tolerance {
                let fitness = Fitness::of(r);
                let line = LineFacts {
                    badness,
                    penalty: self.penalty,
                    forced: self.forced,
                    runt,
                    end: Ending {
                        fitness,
                        flagged: self.flagged,
                    },
                };
                let total = from.demerits + demerits(&line, from.end);
                let slot = &mut best[fitness as usize];
                if slot.is_none_or(|(t, _)| total < t) {
                    *slot = Some((total, a));
                }
            }
        }
        fits && !self.forced
    }
}

impl Paragraph {
    /// The breaks (item indices) of least total demerits among lines whose badness
    /// `pass` tolerates; `None` when no such set of breaks exists.
    pub(super) fn optimum(&self, pass: Pass) -> Option<Vec<usize>> {
        let mut search = Search::new(self, pass);
        let mut sums = Sums::default();
        for (i, item) in self.items.iter().enumerate() {
            if self.may_break_at(i) && !search.break_at(i, sums) {
                return None;
            }
            sums.add(item);
        }
        search.trace_back()
    }

    /// The sums where a line after a break at item `i` starts, `sums` those at
    /// the break: the glue and penalties that follow it are discarded.
    #[inline]
    fn sums_after(&self, i: usize, mut sums: Sums) -> Sums {
        for (j, next) in self.items.iter().enumerate().skip(i) {
            match next.kind {
                ItemKind::Box => break,
                ItemKind::Penalty { .. } if j > i && next.is_forced() => break,
                ItemKind::Glue { stretch, shrink } => {
                    sums.width += next.width;
                    sums.stretch += stretch;
                    sums.shrink += shrink;
                }
                ItemKind::Penalty { .. } => {}
            }
        }
        sums
    }
}

impl<'p> Search<'p> {
    fn new(para: &'p Paragraph, pass: Pass) -> Self {
        let start = Node {
            pos: 0,
            end: Ending::START,
            sums: Sums::default(),
            demerits: 0.0,
            prev: None,
        };
        Search {
            para,
            limits: Limits {
                column: para.width,
                tolerance: pass.tolerance,
                extra: if pass.emergency_stretch {
                    para.emergency
                } else {
                    0.0
                },
            },
            nodes: vec![start],
            active: vec![0],
        }
    }

    /// Weighs the lines that end at item `i` (`sums` the totals before it) and
    /// opens the best breaks there; false when no break is left open, so that no
    /// set of breaks fits.
    #[inline]
    fn break_at(&mut self, i: usize, sums: Sums) -> bool {
        let best = self.weigh(i, sums);
        if best.iter().any(Option::is_some) {
            let after = self.para.sums_after(i, sums);
            let (_, flagged) = self.para.items[i].penalty();
            self.open(i, flagged, &best, after);
        }
        if self.active.is_empty() {
            return false;
        }
        self.prune();
        true
    }

    /// The best line ending at item `i` for each fitness class, from the active
    /// breaks. Closes the breaks that a line to `i` would overfill, and all of
    /// them at a forced break.
    #[inline]
    fn weigh(&mut self, i: usize, sums: Sums) -> Best {
        let item = &self.para.items[i];
        let (penalty, flagged) = item.penalty();
        let end = LineEnd {
            sums,
            width: if item.is_penalty() { item.width } else { 0.0 },
            penalty,
            flagged,
            forced: item.is_forced(),
        };
        let (limits, nodes, runt) = (&self.limits, &self.nodes, &self.para.runt);
        let mut best: Best = [None; Fitness::ALL.len()];
        self.active.retain(|&a| {
            let from = &nodes[a];
            let short = end.forced && runt.contains(&from.pos);
            end.weigh_from(limits, from, a, &mut best, short)
        });
        best
    }

    /// Opens a break at item `pos` for each fitness class in `best`; the next
    /// line starts with `sums`.
    #[inline]
    fn open(&mut self, pos: usize, flagged: bool, best: &Best, sums: Sums) {
        for (fitness, slot) in Fitness::ALL.into_iter().zip(best) {
            if let Some((demerits, prev)) = *slot {
                self.nodes.push(Node {
                    pos,
                    end: Ending { fitness, flagged },
                    sums,
                    demerits,
                    prev: Some(prev),
                });
                self.active.push(self.nodes.len() - 1);
            }
        }
    }

    /// Closes the breaks with the most demerits past [`MOST_ACTIVE`].
    #[inline]
    fn prune(&mut self) {
        if self.active.len() > MOST_ACTIVE {
            let nodes = &self.nodes;
            self.active.select_nth_unstable_by(MOST_ACTIVE, |&a, &b| {
                nodes[a].demerits.total_cmp(&nodes[b].demerits)
            });
            self.active.truncate(MOST_ACTIVE);
        }
    }

    /// The breaks from the start to the cheapest break at the paragraph's end.
    fn trace_back(&self) -> Option<Vec<usize>> {
        let last = self.para.items.len() - 1;
        let nodes = &self.nodes;
        let end = self
            .active
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
}
