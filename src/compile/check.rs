//! `cvc check` for one layout: every problem of the build, with forced word breaks
//! as errors, the overflow past the page budget (how far, and what spills first),
//! and dates in the future where the layout forbids them.

use crate::dates::{Date, DateField};
use crate::diag::{self, Code, Diagnostic, Severity, Sources};
use crate::fonts::FontSet;
use crate::layouts::Layout;
use crate::pdf;
use crate::schema::Cv;
use crate::text::Shaper;
use crate::typeset::Memo;

use super::{document, fit, load_photo, read_both, Document, Fit, Request};

/// What `cvc check` finds for one layout.
pub struct LayoutCheck {
    pub layout: String,
    pub pages: usize,
    pub budget: Option<u32>,
    pub overflow: Option<Overflow>,
    pub diagnostics: Vec<Diagnostic>,
    /// What `--fit` chose, when it was asked for.
    pub fit: Option<Fit>,
    /// The PDF, when it was asked for and could be made.
    pub pdf: Option<Vec<u8>>,
}

impl LayoutCheck {
    /// The check of layout `layout` that stopped at `diagnostics`.
    pub fn failed(layout: String, diagnostics: Vec<Diagnostic>) -> LayoutCheck {
        LayoutCheck {
            layout,
            pages: 0,
            budget: None,
            overflow: None,
            diagnostics,
            fit: None,
            pdf: None,
        }
    }
}

/// How far a CV runs over its page budget, and what spills first.
#[derive(Debug, Clone, PartialEq)]
pub struct Overflow {
    /// Lines of body text the extra pages hold (their height over the leading).
    pub lines: u32,
    pub points: f32,
    /// The section and the entry of the first block past the budget.
    pub section: Option<String>,
    pub entry: Option<crate::diag::Origin>,
}

/// Run the whole pipeline for `request` and report every problem, as `cvc check`
/// does. A word wider than its column (broken by force) is an error here, and so is
/// running over the layout's page budget. The PDF is made only when `write_pdf`.
pub fn check(
    sources: &mut Sources,
    request: &Request,
    write_pdf: bool,
    today: Option<Date>,
) -> LayoutCheck {
    let mut result = check_layout(sources, request, write_pdf, today);
    result.diagnostics = diag::tidy(std::mem::take(&mut result.diagnostics));
    result
}

/// [`check`], before its diagnostics are put in order.
fn check_layout(
    sources: &mut Sources,
    request: &Request,
    write_pdf: bool,
    today: Option<Date>,
) -> LayoutCheck {
    let mut result = LayoutCheck::failed(request.layout.name(), Vec::new());
    let mut fonts = FontSet::bundled();
    let (cv, layout) = match read_both(sources, request, &mut fonts) {
        Ok(both) => both,
        Err(problems) => {
            result.diagnostics = problems;
            return result;
        }
    };
    result.layout = layout.name.clone();
    result.budget = layout.max_pages;
    if let (false, Some(today)) = (layout.dates.allow_future, today) {
        result
            .diagnostics
            .extend(future_dates(&cv, today, &layout.name));
    }
    let shaper = match Shaper::new(&fonts) {
        Ok(s) => s,
        Err(e) => {
            result.diagnostics.push(e);
            return result;
        }
    };
    let photo = match load_photo(&cv, request.cv_dir, sources) {
        Ok(p) => p,
        Err(d) => {
            result.diagnostics.push(d);
            None
        }
    };
    let outcome = if request.fit {
        fit(&cv, &layout, &shaper, photo, &Memo::for_one_build())
            .map(|(l, set, f)| (l, set, Some(f)))
    } else {
        document(&cv, &layout, &shaper, photo).map(|set| (layout.clone(), set, None))
    };
    let (layout, set, fitted) = match outcome {
        Ok(o) => o,
        Err(errors) => {
            result.diagnostics.extend(errors);
            return result;
        }
    };
    result.pages = set.pages.pages.len();
    for mut d in set.warnings.clone() {
        if matches!(d.code, Code::Overfull | Code::EmptyDocument) {
            d.severity = Severity::Error;
        }
        // The page-budget warning of a build becomes the overflow report below.
        if d.code != Code::PageBudget {
            result.diagnostics.push(d);
        }
    }
    if layout.max_pages.is_some_and(|b| result.pages > b as usize) {
        let (o, d) = overflow(&layout, &set, fitted.as_ref());
        result.diagnostics.push(d);
        result.overflow = Some(o);
    }
    result.fit = fitted;
    // A layout with errors gets no PDF, in check as in build.
    let failed = result
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    if write_pdf && !failed {
        match pdf::write(&set.pages, &set.meta, &fonts, &shaper.metrics, request.pdf) {
            Ok(bytes) => result.pdf = Some(bytes),
            Err(e) => result.diagnostics.push(e),
        }
    }
    result
}

/// Dates after `today` in a CV, for a layout that forbids them.
fn future_dates(cv: &Cv, today: Date, layout: &str) -> Vec<Diagnostic> {
    let mut dates: Vec<&DateField> = Vec::new();
    for s in cv.bodies() {
        for e in &s.entries {
            dates.extend(e.start.iter().chain(&e.end));
            for r in &e.roles {
                dates.extend(r.start.iter().chain(&r.end));
            }
        }
        dates.extend(s.publications.iter().filter_map(|p| p.year.as_ref()));
        dates.extend(
            s.items
                .iter()
                .flat_map(|i| i.year.iter().chain(&i.start).chain(&i.end)),
        );
    }
    dates
        .into_iter()
        .filter(|d| d.date != Date::Present && today.is_before(d.date))
        .map(|d| {
            Diagnostic::error(
                Code::FutureDate,
                format!("this date is in the future, which layout `{layout}` does not allow"),
                Some(d.at),
            )
            .with_help("write `present` for something ongoing, or `date = \"…\"` for a plan")
        })
        .collect()
}

/// How far `set` runs over `layout`'s page budget, as a report and an error that
/// says what spills first. `fit` is given when the layout was already shrunk as far
/// as it may be.
pub(super) fn overflow(
    layout: &Layout,
    set: &Document,
    fit: Option<&Fit>,
) -> (Overflow, Diagnostic) {
    let budget = layout.max_pages.unwrap_or(0) as usize;
    let pages = set.pages.pages.len();
    let frame = layout.frame_height();
    let points: f32 = set.pages.fill[budget.min(pages)..]
        .iter()
        .map(|f| f * frame)
        .sum();
    let line = layout.sizes.body * layout.spacing.leading;
    let first = set
        .pages
        .pages
        .get(budget)
        .and_then(|p| set.blocks.get(p.blocks.start));
    let overflow = Overflow {
        lines: (points / line).ceil() as u32,
        points,
        section: first.and_then(|b| b.section.as_deref().map(str::to_string)),
        entry: first.and_then(|b| b.entry.or(b.origin)),
    };
    let what = match &overflow.section {
        Some(s) => format!("; the first to spill is in section `{s}`"),
        None => String::new(),
    };
    let limits = layout.fit != crate::layouts::FitSpec::default();
    let even = match fit {
        Some(f) if limits => format!(
            " even at the smallest settings its [fit] allows ({})",
            f.describe()
        ),
        Some(_) => " (its layout has no [fit] limits, so --fit cannot shrink it)".to_string(),
        None => String::new(),
    };
    let diagnostic = Diagnostic::error(
        Code::OverBudget,
        format!(
            "layout `{}` allows {budget} page{}; the CV takes {pages}{even}: {} line{} ({:.0} pt) over{what}",
            layout.name,
            if budget == 1 { "" } else { "s" },
            overflow.lines,
            if overflow.lines == 1 { "" } else { "s" },
            overflow.points,
        ),
        overflow.entry,
    )
    .with_help(if fit.is_some() && limits {
        "cut what spills first, or lower the layout's [fit] minimums"
    } else if fit.is_some() {
        "cut what spills first, or give the layout [fit] limits (`min_body`, `min_spacing`, …)"
    } else {
        "shorten or drop what spills (or tag less for this layout), or try --fit"
    });
    (overflow, diagnostic)
}
