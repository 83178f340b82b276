//! `[pagination]` and `[fit]`: where pages break, what stays whole, and how far
//! `--fit` may shrink the layout to keep to its page budget.

use super::sizes::{Sizes, Spacing, LEADING, SIZE};
use crate::reader::{Fields, Num, Text, Unit};

/// Section and entry names (ids, or a section's title) with where the layout writes
/// them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pagination {
    /// Sections and entries that start a page.
    pub break_before: Vec<Text>,
    /// Entries (or every entry of a section) never split across pages.
    pub keep_together: Vec<Text>,
}

/// `[pagination]`.
pub(super) fn read(f: &mut Fields) -> Pagination {
    let Some(mut t) = f.table("pagination", "{ break_before = [\"…\"] }") else {
        return Pagination::default();
    };
    let pagination = Pagination {
        break_before: t.identifiers("break_before"),
        keep_together: t.identifiers("keep_together"),
    };
    t.done();
    pagination
}

/// The limits of `--fit`. The layout's own values are the generous end of each range;
/// these are the other end. Unset: that value does not shrink.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FitSpec {
    /// The smallest body size, points (all type sizes scale with the body).
    pub min_body: Option<f32>,
    /// The smallest leading.
    pub min_leading: Option<f32>,
    /// The smallest spacing between entries, paragraphs and sections, as a fraction
    /// of the layout's.
    pub min_spacing: Option<f32>,
    /// The smallest margins, as a fraction of the layout's.
    pub min_margins: Option<f32>,
}

/// `[fit]`.
pub(super) fn read_fit(f: &mut Fields, sizes: &Sizes, spacing: &Spacing) -> FitSpec {
    let Some(mut t) = f.table("fit", "{ min_body = 9 }") else {
        return FitSpec::default();
    };
    // `--fit` only shrinks: a minimum above the layout's own value (a base layout's
    // minimum, under a smaller size set on top of it) leaves that value as it is.
    let fit = FitSpec {
        min_body: t
            .optional_number("min_body", SIZE, 9.0)
            .map(|m| m.min(sizes.body)),
        min_leading: t
            .optional_number("min_leading", LEADING, 1.1)
            .map(|m| m.min(spacing.leading)),
        min_spacing: t.optional_number("min_spacing", Num::new(0.0, 1.0, Unit::Fraction), 0.5),
        min_margins: t.optional_number("min_margins", Num::new(0.1, 1.0, Unit::Fraction), 0.8),
    };
    t.done();
    fit
}
