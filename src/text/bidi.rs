//! Direction: the embedding levels of mixed left-to-right and right-to-left text
//! (the Unicode Bidirectional Algorithm, UAX #9, through `unicode-bidi`), and the
//! visual order of a line's runs.
//!
//! Text is kept in logical order (the order it is read and typed) all the way to
//! the PDF, where runs are drawn in visual order. Each run carries its level: even
//! levels read left to right, odd ones right to left. A paragraph without
//! right-to-left text is all level 0 and skips the algorithm.

use unicode_bidi::{bidi_class, BidiClass, BidiInfo, Level};

/// The level of each byte of a paragraph's text.
pub struct Levels {
    levels: Vec<Level>,
}

impl Levels {
    /// The levels of the paragraph made of `parts` one after the other (its
    /// pieces in their styles), which reads right to left when `rtl`; `None`
    /// when it reads left to right and has nothing that turns: no letter that
    /// reads right to left, no Arabic digit, no explicit direction mark.
    pub fn of_parts<'t>(parts: impl Iterator<Item = &'t str> + Clone, rtl: bool) -> Option<Levels> {
        if !rtl && !parts.clone().any(|p| p.chars().any(turns)) {
            return None;
        }
        let text: String = parts.collect();
        let level = if rtl { Level::rtl() } else { Level::ltr() };
        let info = BidiInfo::new(&text, Some(level));
        Some(Levels {
            levels: info.levels,
        })
    }

    /// The level of the character at byte `at`.
    pub fn at(&self, at: usize) -> u8 {
        self.levels.get(at).map_or(0, |l| l.number())
    }
}

/// Whether `c` can make any text right to left. Below U+0590 (Hebrew) nothing
/// does, which decides most text without a table.
fn turns(c: char) -> bool {
    u32::from(c) >= 0x0590
        && matches!(
            bidi_class(c),
            BidiClass::R
                | BidiClass::AL
                | BidiClass::AN
                | BidiClass::RLE
                | BidiClass::RLO
                | BidiClass::RLI
                | BidiClass::LRO
        )
}

/// The visual order of items at `levels` (rule L2: from the highest level down to
/// the lowest odd one, every stretch at that level or above is reversed), as
/// indices into `levels`.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let levels: Vec<Level> = levels
        .iter()
        .map(|&n| Level::new(n).unwrap_or(Level::ltr()))
        .collect();
    BidiInfo::reorder_visual(&levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_has_no_levels() {
        assert!(Levels::of_parts(["Zoë Ångström – “Ελένη”, Наталья"].into_iter(), false).is_none());
    }

    #[test]
    fn hebrew_is_odd_and_numbers_in_it_even() {
        let text = "שרה 2024 Sarah";
        let levels = Levels::of_parts([text].into_iter(), true).unwrap();
        assert_eq!(levels.at(0), 1);
        assert_eq!(levels.at(text.find('2').unwrap()), 2);
        assert_eq!(levels.at(text.find('S').unwrap()), 2);
        // In a paragraph that reads left to right, Hebrew is a stretch at level 1.
        let latin_first = Levels::of_parts(["Sarah שרה"].into_iter(), false).unwrap();
        assert_eq!(latin_first.at(0), 0);
        assert_eq!(latin_first.at("Sarah ".len()), 1);
    }

    #[test]
    fn runs_are_reversed_where_they_read_right_to_left() {
        assert_eq!(visual_order(&[0, 1, 1, 0]), [0, 2, 1, 3]);
        assert_eq!(visual_order(&[1, 2, 2, 1]), [3, 1, 2, 0]);
        assert_eq!(visual_order(&[0, 0]), [0, 1]);
    }
}
