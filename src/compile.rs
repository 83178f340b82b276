//! The whole pipeline for one build, as a function: sources in, PDF bytes (or
//! diagnostics) out. The CLI and the benchmark both call this; neither repeats it.
//!
//! cv.toml → schema → select (by the layout) → layout → paginate → pdf.

use std::path::Path;
use std::sync::Arc;

use crate::dates::{Date, DateField};
use crate::diag::{self, Code, Diagnostic, Severity, Sources};
use crate::fonts::FontSet;
use crate::layouts::{Layout, LayoutSource};
use crate::paginate::{paginate, Frame, Pages};
use crate::pdf::PdfOptions;
use crate::schema::Cv;
use crate::text::Shaper;
use crate::{hyphenate, images, layout, layouts, pdf, schema, select};

/// What to build.
pub struct Request<'a> {
    /// The CV's name for messages (its path as the user gave it) and its text.
    pub cv_name: &'a str,
    pub cv_text: &'a str,
    /// The directory the CV's relative paths (its photo) are resolved against.
    pub cv_dir: &'a Path,
    pub layout: &'a LayoutSource,
    /// `--set key=value` overrides of layout keys.
    pub sets: &'a [String],
    pub pdf: &'a PdfOptions,
    /// Shrink the layout within its `[fit]` limits to keep to its page budget.
    pub fit: bool,
}

/// The result of a build: the PDF, and the warnings found on the way.
pub struct Output {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub fill: Vec<f32>,
    pub warnings: Vec<Diagnostic>,
    /// What `--fit` chose, when it was asked for.
    pub fit: Option<Fit>,
}

/// A build that stopped: every problem found.
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
}

/// Build the PDF of `request`. Every file read is registered in `sources`, so the
/// diagnostics can be rendered against them.
pub fn build(sources: &mut Sources, request: &Request) -> Result<Output, Failure> {
    let fail = |diagnostics| Failure {
        diagnostics: diag::tidy(diagnostics),
    };
    let mut fonts = FontSet::bundled();
    let (cv, layout) = read_both(sources, request, &mut fonts).map_err(fail)?;
    let shaper =
        Shaper::new(&fonts).map_err(|e| fail(vec![Diagnostic::error(Code::Font, e, None)]))?;
    let photo = match load_photo(&cv, request.cv_dir, sources) {
        Ok(photo) => photo,
        // With what setting the CV finds besides.
        Err(d) => {
            let mut problems = vec![d];
            problems.extend(setting_problems(&cv, &layout, &shaper));
            return Err(fail(problems));
        }
    };
    let (_shrunk, set, fitted) = if request.fit {
        let (l, set, f) = fit(&cv, &layout, &shaper, photo).map_err(fail)?;
        if !f.fits {
            let (_, d) = overflow(&l, &set, Some(&f));
            return Err(fail(vec![d]));
        }
        (l, set, Some(f))
    } else {
        let set = typeset(&cv, &layout, &shaper, photo).map_err(fail)?;
        (layout, set, None)
    };
    let bytes = pdf::write(&set.pages, &set.meta, &fonts, &shaper.metrics, request.pdf)
        .map_err(|e| fail(vec![Diagnostic::error(Code::Font, e, None)]))?;
    Ok(Output {
        pdf: bytes,
        pages: set.pages.pages.len(),
        fill: set.pages.fill,
        warnings: set.warnings,
        fit: fitted,
    })
}

/// Register and parse the CV, and load the layout with its fonts. The CV is parsed
/// on a second thread beside the layout and the hyphenation patterns it names,
/// which take about as long to load.
fn read_sources(
    sources: &mut Sources,
    request: &Request,
    fonts: &mut FontSet,
) -> (ReadCv, Result<Layout, Vec<Diagnostic>>) {
    let file = sources.add(request.cv_name, request.cv_text.to_string());
    std::thread::scope(|scope| {
        let cv = scope.spawn(|| {
            let (cv, problems) = schema::parse_partial(file, request.cv_text);
            ReadCv { cv, problems }
        });
        let layout = layouts::load(sources, request.layout, request.sets, fonts);
        if let Ok(Some(lang)) = layout.as_ref().map(|l| l.hyphenation) {
            // A failure here is reported where the patterns are used.
            let _ = hyphenate::preload(lang);
        }
        let cv = cv
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (cv, layout)
    })
}

/// The CV and the layout, when both were read whole; else every problem of both, the
/// CV's first.
fn read_both(
    sources: &mut Sources,
    request: &Request,
    fonts: &mut FontSet,
) -> Result<(Cv, Layout), Vec<Diagnostic>> {
    match read_sources(sources, request, fonts) {
        (
            ReadCv {
                cv: Some(cv),
                problems,
            },
            Ok(layout),
        ) if problems.is_empty() => Ok((cv, layout)),
        (cv, layout) => Err(all_problems(sources, request, fonts, cv, layout)),
    }
}

/// The CV as read: what could be read of it, and its problems (none: it is whole).
struct ReadCv {
    cv: Option<Cv>,
    problems: Vec<Diagnostic>,
}

/// Every problem of a CV or a layout that could not be read: theirs, and when the
/// layout was read and the CV only partly, what setting that part finds (characters
/// no font has, a photo that cannot be used), so one run reports them all.
fn all_problems(
    sources: &mut Sources,
    request: &Request,
    fonts: &FontSet,
    cv: ReadCv,
    layout: Result<Layout, Vec<Diagnostic>>,
) -> Vec<Diagnostic> {
    let ReadCv {
        cv: partial,
        mut problems,
    } = cv;
    let layout = match layout {
        Ok(layout) => layout,
        Err(errors) => {
            problems.extend(errors);
            return problems;
        }
    };
    let Some(cv) = partial else {
        return problems;
    };
    if let Err(d) = load_photo(&cv, request.cv_dir, sources) {
        problems.push(d);
    }
    if let Ok(shaper) = Shaper::new(fonts) {
        problems.extend(setting_problems(&cv, &layout, &shaper));
    }
    problems
}

/// The errors setting `cv` in `layout` finds (characters no font has, a word wider
/// than its column), for a run that cannot build: one run reports them with the
/// rest.
fn setting_problems(cv: &Cv, layout: &Layout, shaper: &Shaper) -> Vec<Diagnostic> {
    let set = match select::select(cv, layout) {
        Ok((shown, _)) => layout::layout(&shown, layout, shaper, None).err(),
        Err(errors) => Some(errors),
    };
    // Control characters were reported by the reading already.
    set.unwrap_or_default()
        .into_iter()
        .filter(|d| d.code != Code::ControlCharacter)
        .collect()
}

/// How far `set` runs over `layout`'s page budget, as a report and an error that
/// says what spills first. `fit` is given when the layout was already shrunk as far
/// as it may be.
fn overflow(layout: &Layout, set: &Typeset, fit: Option<&Fit>) -> (Overflow, Diagnostic) {
    let budget = layout.max_pages.unwrap_or(0) as usize;
    let pages = set.pages.pages.len();
    let frame = layout.page_height - layout.margin_top - layout.margin_bottom;
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

fn load_photo(
    cv: &Cv,
    dir: &Path,
    sources: &mut Sources,
) -> Result<Option<Arc<images::Image>>, Diagnostic> {
    let Some(photo) = &cv.person.photo else {
        return Ok(None);
    };
    let path = dir.join(photo.value.trim());
    let image =
        images::load(&path).map_err(|e| Diagnostic::error(Code::Image, e, Some(photo.at)))?;
    sources.note_input(&path);
    Ok(Some(Arc::new(image)))
}

/// A typeset document: pages with footers, the blocks they were made of (each
/// page's `blocks` indexes them), its metadata, and the warnings.
pub struct Typeset {
    pub pages: Pages,
    pub blocks: Vec<layout::Block>,
    pub meta: layout::Meta,
    pub warnings: Vec<Diagnostic>,
}

/// The most pages a document may have. The longest CVs run to a hundred pages; each
/// page costs the PDF writer time and memory of its own, so a layout of tiny pages
/// or huge type must not make hundreds of thousands.
const MOST_PAGES: usize = 10_000;

/// Selection, layout and pagination, with footers: everything but the bytes.
pub fn typeset(
    cv: &Cv,
    layout: &Layout,
    shaper: &Shaper,
    photo: Option<Arc<images::Image>>,
) -> Result<Typeset, Vec<Diagnostic>> {
    let (shown, mut warnings) = select::select(cv, layout)?;
    let mut flow = layout::layout(&shown, layout, shaper, photo)?;
    let frame = Frame {
        page_width: layout.page_width,
        page_height: layout.page_height,
        left: layout.margin_left,
        top: layout.margin_top,
        height: layout.page_height - layout.margin_top - layout.margin_bottom,
    };
    let (mut pages, page_warnings) = paginate(&mut flow, frame);
    let count = pages.pages.len();
    if count > MOST_PAGES {
        return Err(vec![Diagnostic::error(
            Code::Frame,
            format!(
                "layout `{}` sets this CV on {count} pages; cvc writes at most {MOST_PAGES}",
                layout.name
            ),
            None,
        )
        .with_help(
            "pages that small or type that large are most likely a mistake in the layout",
        )]);
    }
    if count > 1 && layout::footer_size(layout).is_none() {
        warnings.push(
            Diagnostic::warning(
                Code::Frame,
                format!(
                    "the bottom margin ({:.0} mm) has no room for the page numbers; they are left out",
                    layout.margin_bottom / crate::layouts::MM
                ),
                None,
            )
            .with_help("make `page.margins.bottom` at least 3 mm for a footer"),
        );
    }
    let footer_baseline = layout.page_height - layout.margin_bottom * 0.5;
    if let Some(footer) = layout::Footer::new(&shown, layout, shaper, count) {
        for (i, page) in pages.pages.iter_mut().enumerate() {
            page.items
                .extend(footer.items(i + 1, count).into_iter().map(|mut it| {
                    it.shift(layout.margin_left, footer_baseline);
                    it
                }));
        }
    }
    warnings.extend(flow.warnings);
    warnings.extend(page_warnings);
    if let Some(budget) = layout.max_pages {
        if count > budget as usize {
            warnings.push(
                Diagnostic::warning(
                    Code::PageBudget,
                    format!(
                        "layout `{}` allows {budget} page{}; this CV takes {count}",
                        layout.name,
                        if budget == 1 { "" } else { "s" }
                    ),
                    None,
                )
                .with_help("`cvc check` says what spills over"),
            );
        }
    }
    Ok(Typeset {
        pages,
        blocks: flow.blocks,
        meta: flow.meta,
        warnings,
    })
}

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
    if let (false, Some(today)) = (layout.allow_future, today) {
        result
            .diagnostics
            .extend(future_dates(&cv, today, &layout.name));
    }
    let shaper = match Shaper::new(&fonts) {
        Ok(s) => s,
        Err(e) => {
            result
                .diagnostics
                .push(Diagnostic::error(Code::Font, e, None));
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
        fit(&cv, &layout, &shaper, photo).map(|(l, set, f)| (l, set, Some(f)))
    } else {
        typeset(&cv, &layout, &shaper, photo).map(|set| (layout.clone(), set, None))
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
        if d.code == Code::Overfull {
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
            Err(e) => result
                .diagnostics
                .push(Diagnostic::error(Code::Font, e, None)),
        }
    }
    result
}

/// Dates after `today` in a CV, for a layout that forbids them.
fn future_dates(cv: &Cv, today: Date, layout: &str) -> Vec<Diagnostic> {
    let mut dates: Vec<&DateField> = Vec::new();
    for s in &cv.sections {
        for e in &s.entries {
            dates.extend(e.start.iter().chain(&e.end));
            for r in &e.roles {
                dates.extend(r.start.iter().chain(&r.end));
            }
        }
        dates.extend(s.publications.iter().filter_map(|p| p.year.as_ref()));
        dates.extend(s.items.iter().filter_map(|i| i.year.as_ref()));
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

/// Typeset `cv` with `layout` shrunk as little as possible to keep to its page budget.
///
/// The most generous settings are searched for in the order a reader notices least:
/// first spacing, leading and margins shrink together (a binary search at full type
/// size), and only if even their minimums do not fit does the type size shrink (a
/// binary search at minimum spacing). At most about a dozen typesetting passes. When
/// even the smallest settings do not fit, the result is typeset at those, and
/// `Fit::fits` is false.
pub fn fit(
    cv: &Cv,
    layout: &Layout,
    shaper: &Shaper,
    photo: Option<Arc<images::Image>>,
) -> Result<(Layout, Typeset, Fit), Vec<Diagnostic>> {
    let Some(budget) = layout.max_pages.map(|b| b as usize) else {
        let set = typeset(cv, layout, shaper, photo)?;
        return Ok((layout.clone(), set, Fit::at(layout, layout, 1.0, 1, true)));
    };
    let mut passes = 0;
    let mut attempt = |body: f32, t: f32| -> Result<(Layout, Typeset, bool), Vec<Diagnostic>> {
        passes += 1;
        let shrunk = layout.shrunk(body, t);
        let set = typeset(cv, &shrunk, shaper, photo.clone())?;
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
