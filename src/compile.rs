//! The whole pipeline for one build, as a function: sources in, PDF bytes (or
//! diagnostics) out. The CLI and the benchmark both call this; neither repeats it.
//!
//! cv.toml → schema → select (by the layout) → layout → paginate → pdf.

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, Sources};
use crate::fonts::FontSet;
use crate::layouts::{Layout, LayoutSource};
use crate::paginate::{paginate, Frame, Pages};
use crate::pdf::PdfOptions;
use crate::schema::Cv;
use crate::text::Shaper;
use crate::{images, layout, layouts, pdf, schema, select};

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
}

/// The result of a build: the PDF, and the warnings found on the way.
pub struct Output {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub fill: Vec<f32>,
    pub warnings: Vec<Diagnostic>,
}

/// A build that stopped: every problem found.
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
}

/// Build the PDF of `request`. Every file read is registered in `sources`, so the
/// diagnostics can be rendered against them.
pub fn build(sources: &mut Sources, request: &Request) -> Result<Output, Failure> {
    let fail = |diagnostics| Failure { diagnostics };
    let mut fonts = FontSet::bundled();
    let file = sources.add(request.cv_name, request.cv_text.to_string());
    let cv = schema::parse(file, request.cv_text).map_err(fail)?;
    let layout = layouts::load(sources, request.layout, request.sets, &mut fonts).map_err(fail)?;
    let shaper = Shaper::new(&fonts).map_err(|e| fail(vec![Diagnostic::error(e, None)]))?;
    let photo = load_photo(&cv, request.cv_dir).map_err(|d| fail(vec![d]))?;
    let set = typeset(&cv, &layout, &shaper, photo).map_err(fail)?;
    let bytes = pdf::write(&set.pages, &set.meta, &fonts, &shaper.metrics, request.pdf)
        .map_err(|e| fail(vec![Diagnostic::error(e, None)]))?;
    Ok(Output {
        pdf: bytes,
        pages: set.pages.pages.len(),
        fill: set.pages.fill,
        warnings: set.warnings,
    })
}

fn load_photo(cv: &Cv, dir: &Path) -> Result<Option<Arc<images::Image>>, Diagnostic> {
    let Some(photo) = &cv.person.photo else {
        return Ok(None);
    };
    images::load(&dir.join(photo.value.trim()))
        .map(|img| Some(Arc::new(img)))
        .map_err(|e| Diagnostic::error(e, Some(photo.origin(cv.file))).with_code("image"))
}

/// A typeset document: pages with footers, the blocks they were made of (each
/// page's `blocks` indexes them), its metadata, and the warnings.
pub struct Typeset {
    pub pages: Pages,
    pub blocks: Vec<layout::Block>,
    pub meta: layout::Meta,
    pub warnings: Vec<Diagnostic>,
}

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
    let footer_baseline = layout.page_height - layout.margin_bottom * 0.5;
    for (i, page) in pages.pages.iter_mut().enumerate() {
        let items = layout::footer(&shown, layout, shaper, i + 1, count);
        page.items.extend(
            items
                .into_iter()
                .map(|it| crate::paginate::offset(it, layout.margin_left, footer_baseline)),
        );
    }
    warnings.extend(flow.warnings);
    warnings.extend(page_warnings);
    if let Some(budget) = layout.max_pages {
        if count > budget as usize {
            warnings.push(
                Diagnostic::warning(
                    format!(
                        "layout `{}` allows {budget} page{}; this CV takes {count}",
                        layout.name,
                        if budget == 1 { "" } else { "s" }
                    ),
                    None,
                )
                .with_help("`cvc check` says what spills over")
                .with_code("page-budget"),
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
    /// The PDF, when it was asked for and could be made.
    pub pdf: Option<Vec<u8>>,
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
    today: Option<crate::schema::Date>,
) -> LayoutCheck {
    let name = match request.layout {
        LayoutSource::Builtin(n) => n.clone(),
        LayoutSource::File { name, .. } => Path::new(name)
            .file_stem()
            .map_or("custom".into(), |s| s.to_string_lossy().to_string()),
    };
    let mut result = LayoutCheck {
        layout: name,
        pages: 0,
        budget: None,
        overflow: None,
        diagnostics: Vec::new(),
        pdf: None,
    };
    let mut fonts = FontSet::bundled();
    let file = sources.add(request.cv_name, request.cv_text.to_string());
    let (cv, layout) = match (
        schema::parse(file, request.cv_text),
        layouts::load(sources, request.layout, request.sets, &mut fonts),
    ) {
        (Ok(cv), Ok(layout)) => (cv, layout),
        (cv, layout) => {
            result.diagnostics.extend(cv.err().unwrap_or_default());
            result.diagnostics.extend(layout.err().unwrap_or_default());
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
            result.diagnostics.push(Diagnostic::error(e, None));
            return result;
        }
    };
    let photo = match load_photo(&cv, request.cv_dir) {
        Ok(p) => p,
        Err(d) => {
            result.diagnostics.push(d);
            None
        }
    };
    let set = match typeset(&cv, &layout, &shaper, photo) {
        Ok(set) => set,
        Err(errors) => {
            result.diagnostics.extend(errors);
            return result;
        }
    };
    result.pages = set.pages.pages.len();
    for mut d in set.warnings {
        if d.code == "overfull" {
            d.severity = crate::diag::Severity::Error;
        }
        // The page-budget warning of a build becomes the overflow report below.
        if d.code != "page-budget" {
            result.diagnostics.push(d);
        }
    }
    if let Some(budget) = layout
        .max_pages
        .map(|b| b as usize)
        .filter(|b| result.pages > *b)
    {
        let frame = layout.page_height - layout.margin_top - layout.margin_bottom;
        let points: f32 = set.pages.fill[budget..].iter().map(|f| f * frame).sum();
        let line = layout.sizes.body * layout.spacing.leading;
        let first = set.blocks.get(set.pages.pages[budget].blocks.start);
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
        result.diagnostics.push(
            Diagnostic::error(
                format!(
                    "layout `{}` allows {budget} page{}; the CV takes {}: {} line{} ({:.0} pt) over{what}",
                    layout.name,
                    if budget == 1 { "" } else { "s" },
                    result.pages,
                    overflow.lines,
                    if overflow.lines == 1 { "" } else { "s" },
                    overflow.points,
                ),
                overflow.entry,
            )
            .with_help("shorten or drop what spills (or tag less for this layout), or try --fit")
            .with_code("over-budget"),
        );
        result.overflow = Some(overflow);
    }
    if write_pdf {
        match pdf::write(&set.pages, &set.meta, &fonts, &shaper.metrics, request.pdf) {
            Ok(bytes) => result.pdf = Some(bytes),
            Err(e) => result.diagnostics.push(Diagnostic::error(e, None)),
        }
    }
    result
}

/// Dates after `today` in a CV, for a layout that forbids them.
fn future_dates(cv: &Cv, today: crate::schema::Date, layout: &str) -> Vec<Diagnostic> {
    let mut dates: Vec<&crate::schema::DateField> = Vec::new();
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
        .filter(|d| d.date != crate::schema::Date::Present && today.is_before(d.date))
        .map(|d| {
            Diagnostic::error(
                format!("this date is in the future, which layout `{layout}` does not allow"),
                Some(crate::diag::Origin::new(cv.file, d.offset)),
            )
            .with_help("write `present` for something ongoing, or `date = \"…\"` for a plan")
            .with_code("future-date")
        })
        .collect()
}
