//! What a line costs: its adjustment ratio, badness and fitness class, the
//! penalties of the places where it may end, and the demerits that Knuth–Plass
//! adds up over a paragraph. Every value here is TeX's unless it says otherwise.

/// A penalty this high forbids a break, and its negative forces one: TeX's
/// convention (penalties ≥ 10000 are infinite, The TeXbook ch. 14).
pub(super) const INFINITE_PENALTY: f32 = 10_000.0;
/// A break at a hyphen, drawn there or already in the word: plain TeX's
/// `\hyphenpenalty=50` (and `\exhyphenpenalty=50` for a hyphen in the text).
pub(super) const HYPHEN_PENALTY: f32 = 50.0;
/// A break that draws no hyphen, after a slash or inside a URL: cvc's own value,
/// twice [`HYPHEN_PENALTY`], so that where both would do equally well the
/// hyphen wins.
pub(super) const PLAIN_PENALTY: f32 = 100.0;
/// A break between two characters of a piece wider than its column: cvc's own
/// value, high enough that it is taken only where no other break fits, yet below
/// [`INFINITE_PENALTY`] so that it stays a break.
pub(super) const EMERGENCY_PENALTY: f32 = 3_000.0;

/// Every line costs this before its badness is added and the sum squared, so that
/// of two settings equally good the one with fewer lines wins: TeX's
/// `\linepenalty=10`.
pub(super) const LINE_PENALTY: f64 = 10.0;
/// Added when a line's fitness class is more than one away from the line
/// before's (a tight line after a loose one): TeX's `\adjdemerits=10000`.
pub(super) const ADJ_DEMERITS: f64 = 10_000.0;
/// Added when a line and the line before both end at a hyphen: TeX's
/// `\doublehyphendemerits=10000`.
pub(super) const DOUBLE_HYPHEN_DEMERITS: f64 = 10_000.0;
/// Added when the paragraph's last line follows a line ending at a hyphen: TeX's
/// `\finalhyphendemerits=5000`.
pub(super) const FINAL_HYPHEN_DEMERITS: f64 = 5_000.0;

/// Added when the paragraph's last line holds one CJK character (and its
/// punctuation): cvc's own value, as much as two hyphens in a row cost, so that
/// the lines before it give up a character when they can do so at all decently
/// (JLREQ asks that a paragraph not end on a line of one character).
pub(super) const RUNT_DEMERITS: f64 = 10_000.0;

/// The badness of a line whose glue stretches or shrinks by exactly its
/// stretchability or shrinkability (ratio ±1): TeX's badness is 100·|r|³.
const BADNESS_AT_FULL_RATIO: f64 = 100.0;
/// The most a line's badness can be; a line this bad is "infinitely bad": TeX's
/// `inf_bad=10000` (The TeXbook ch. 14).
pub(super) const INFINITE_BADNESS: f64 = 10_000.0;
/// The ratio of a line short of its column with no glue that can stretch: far past
/// any ratio real glue gives, so that its badness is [`INFINITE_BADNESS`], as TeX
/// rates a box that cannot stretch.
const INFINITE_RATIO: f32 = 10_000.0;
/// Glue shrinks at most by its shrinkability: a line whose ratio would be below
/// −1 is overfull and cannot end there (Knuth–Plass; TeX never shrinks further).
pub(super) const FULL_SHRINK: f32 = -1.0;
/// Widths this close (pt) are equal: a line that fills its column to within
/// f32 rounding of its summed advances has ratio 0, whatever its glue.
const EQUAL_WIDTHS: f32 = 1e-4;

/// A line whose ratio is within ±½ is decent, past it tight or loose: where TeX's
/// boundary at badness 12 falls (100·½³ = 12.5).
const DECENT_RATIO: f32 = 0.5;
/// A line stretched past ratio 1 is very loose: where TeX's boundary at badness
/// 99 falls (100·1³ = 100).
const LOOSE_RATIO: f32 = 1.0;

/// TeX's fitness classes of a line, by its adjustment ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fitness {
    Tight,
    Decent,
    Loose,
    VeryLoose,
}

impl Fitness {
    /// The classes in order, the index of each its distance from the first.
    pub(super) const ALL: [Fitness; 4] = [
        Fitness::Tight,
        Fitness::Decent,
        Fitness::Loose,
        Fitness::VeryLoose,
    ];

    /// The class of a line of adjustment ratio `r`.
    #[inline]
    pub(super) fn of(r: f32) -> Fitness {
        if r < -DECENT_RATIO {
            Fitness::Tight
        } else if r <= DECENT_RATIO {
            Fitness::Decent
        } else if r <= LOOSE_RATIO {
            Fitness::Loose
        } else {
            Fitness::VeryLoose
        }
    }

    /// Whether a line of this class next to one of `other` reads as uneven: their
    /// classes are not neighbours.
    #[inline]
    fn far_from(self, other: Fitness) -> bool {
        (self as u8).abs_diff(other as u8) > 1
    }
}

/// The adjustment ratio of a line of natural width `natural` set in a column
/// `width` wide, with glue of this total stretch and shrink: how much of its
/// stretch (> 0) or shrink (< 0) the line uses.
#[inline]
pub(super) fn ratio(width: f32, natural: f32, stretch: f32, shrink: f32) -> f32 {
    if (natural - width).abs() < EQUAL_WIDTHS {
        0.0
    } else if natural < width {
        if stretch > 0.0 {
            (width - natural) / stretch
        } else {
            INFINITE_RATIO
        }
    } else if shrink > 0.0 {
        (width - natural) / shrink
    } else {
        -INFINITE_RATIO
    }
}

/// The badness of a line of adjustment ratio `r`: 100·|r|³, at most
/// [`INFINITE_BADNESS`].
#[inline]
pub(super) fn badness(r: f32) -> f64 {
    if r >= INFINITE_RATIO {
        INFINITE_BADNESS
    } else {
        (BADNESS_AT_FULL_RATIO * f64::from(r.abs()).powi(3)).min(INFINITE_BADNESS)
    }
}

/// How a line ends, as much as the next line's demerits depend on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Ending {
    pub fitness: Fitness,
    /// It ends at a flagged penalty: a hyphen.
    pub flagged: bool,
}

impl Ending {
    /// What comes before a paragraph's first line: a decent line, not hyphenated.
    pub(super) const START: Ending = Ending {
        fitness: Fitness::Decent,
        flagged: false,
    };
}

/// The facts about one line that its demerits weigh.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct LineFacts {
    pub badness: f64,
    /// The penalty of the break that ends the line (0 at glue).
    pub penalty: f32,
    /// The break is forced: the line ends its paragraph.
    pub forced: bool,
    /// The line is the paragraph's last and holds one CJK character.
    pub runt: bool,
    pub end: Ending,
}

/// The demerits of a line after a line that ended as `before`: Knuth and Plass's
/// (`\linepenalty` + badness)² ± penalty², plus TeX's demerits for two hyphens in
/// a row, for a hyphen before the last line, and for fitness classes far apart.
#[inline]
pub(super) fn demerits(line: &LineFacts, before: Ending) -> f64 {
    let mut d = (LINE_PENALTY + line.badness).powi(2);
    let p = f64::from(line.penalty);
    if p >= 0.0 {
        d += p * p;
    } else if p > -f64::from(INFINITE_PENALTY) {
        d -= p * p;
    }
    if line.end.flagged && before.flagged {
        d += DOUBLE_HYPHEN_DEMERITS;
    }
    if line.forced && before.flagged {
        d += FINAL_HYPHEN_DEMERITS;
    }
    if line.runt {
        d += RUNT_DEMERITS;
    }
    if line.end.fitness.far_from(before.fitness) {
        d += ADJ_DEMERITS;
    }
    d
}
