//! `--fit`: the search for the most generous settings within a layout's `[fit]`
//! limits that keep a CV to its page budget.

use std::sync::Arc;

use crate::diag::SourceResult;
use crate::images;
use crate::layouts::Layout;
use crate::schema::Cv;
use crate::text::Shaper;
use crate::typeset::Memo;

use super::{document_with, Document};

/// The settings `--fit` chose for a layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub body: f32,
    pub leading: f32,
    /// Spacing and margins as fractions of the layout's own.
    pub spacing: f32,
    pub margins: f32,
    /// How many times the CV was typeset to find them.
    pub passes: usize,
    /// Whether the CV keeps to its page budget with them (when not, they are the
    /// layout's minimums).
    pub fits: bool,
}

impl Fit {
    fn at(layout: &Layout, base: &Layout, t: f32, passes: usize, fits: bool) -> Fit {
        let frac = |min: Option<f32>| min.map_or(1.0, |m| m + t * (1.0 - m));
        Fit {
            body: layout.sizes.body,
            leading: layout.spacing.leading,
            spacing: frac(base.fit.min_spacing),
            margins: frac(base.fit.min_margins),
            passes,
            fits,
        }
    }

    /// "body 9.4 pt, leading 1.15, spacing 72%, margins 100%".
    pub fn describe(&self) -> String {
        format!(
            "body {:.2} pt, leading {:.2}, spacing {:.0}%, margins {:.0}%",
            self.body,
            self.leading,
            self.spacing * 100.0,
            self.margins * 100.0
        )
    }
}

/// Document `cv` with `layout` shrunk as little as possible to keep to its page budget.
///
/// The most generous settings are searched for in the order a reader notices least:
/// first spacing, leading and margins shrink together (a binary search at full type
/// size), and only if even their minimums do not fit does the type size shrink (a
/// binary search at minimum spacing). At most about a dozen typesetting passes. When
/// even the smallest settings do not fit, the result is typeset at those, and
/// `Fit::fits` is false. Paragraphs set before are taken from `memo`.
pub fn fit(
    cv: &Cv,
    layout: &Layout,
    shaper: &Shaper,
    photo: Option<Arc<images::Image>>,
    memo: &Memo,
) -> SourceResult<(Layout, Document, Fit)> {
    let Some(budget) = layout.max_pages.map(|b| b as usize) else {
        let set = document_with(cv, layout, shaper, photo, memo)?;
        return Ok((layout.clone(), set, Fit::at(layout, layout, 1.0, 1, true)));
    };
    let mut passes = 0;
    let mut attempt = |body: f32, t: f32| -> SourceResult<(Layout, Document, bool)> {
        passes += 1;
        let shrunk = layout.shrunk(body, t);
        let set = document_with(cv, &shrunk, shaper, photo.clone(), memo)?;
        let fits = set.pages.pages.len() <= budget;
        Ok((shrunk, set, fits))
    };
    let full = layout.sizes.body;
    let smallest = layout.fit.min_body.unwrap_or(full);
    // As the layout is.
    let (l, set, fits) = attempt(full, 1.0)?;
    if fits {
        return Ok((l, set, Fit::at(layout, layout, 1.0, 1, true)));
    }
    // Spacing first, at full type size.
    let (mut best, fits_tight) = {
        let (l, set, fits) = attempt(full, 0.0)?;
        ((l, set, 0.0f32), fits)
    };
    if fits_tight {
        let (mut lo, mut hi) = (0.0f32, 1.0f32);
        for _ in 0..5 {
            let mid = (lo + hi) / 2.0;
            let (l, set, fits) = attempt(full, mid)?;
            if fits {
                lo = mid;
                best = (l, set, mid);
            } else {
                hi = mid;
            }
        }
        let (l, set, t) = best;
        let fit = Fit::at(&l, layout, t, passes, true);
        return Ok((l, set, fit));
    }
    // Then type size, at minimum spacing.
    let (l, set, fits) = attempt(smallest, 0.0)?;
    if !fits {
        let fit = Fit::at(&l, layout, 0.0, passes, false);
        return Ok((l, set, fit));
    }
    let mut best = (l, set);
    let (mut lo, mut hi) = (smallest, full);
    for _ in 0..5 {
        let mid = ((lo + hi) / 2.0 * 20.0).round() / 20.0;
        if mid <= lo || mid >= hi {
            break;
        }
        let (l, set, fits) = attempt(mid, 0.0)?;
        if fits {
            lo = mid;
            best = (l, set);
        } else {
            hi = mid;
        }
    }
    let (l, set) = best;
    let fit = Fit::at(&l, layout, 0.0, passes, true);
    Ok((l, set, fit))
}
