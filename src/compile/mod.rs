//! The stages strung together: sources in, PDF bytes (or diagnostics) out.
//! [`build`] is one build, as the CLI runs it; [`document`] is everything but the
//! bytes, which the benchmark times stage by stage and `check` and `--fit` (in
//! their own files) call; neither repeats the stages.
//!
//! cv.toml → schema → bib → select (by the layout) → typeset → paginate → pdf.

use std::path::Path;
use std::sync::Arc;

use crate::diag::{self, Code, Diagnostic, SourceResult, Sources, Warned};
use crate::fonts::FontSet;
use crate::lang::Lang;
use crate::layouts::{Layout, LayoutSource};
use crate::paginate::{paginate, Frame, Pages};
use crate::pdf::PdfOptions;
use crate::schema::Cv;
use crate::text::Shaper;
use crate::typeset::{self, Footer, Memo};
use crate::{bib, hyphenate, images, layouts, pdf, schema, select};

mod check;
mod fit;
#[cfg(test)]
mod tests;

use check::overflow;
pub use check::{check, LayoutCheck};
pub use fit::{fit, Fit};

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

impl Failure {
    /// How many of the problems are errors (the rest are warnings).
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == diag::Severity::Error)
            .count()
    }
}

/// Build the PDF of `request`. Every file read is registered in `sources`, so the
/// diagnostics can be rendered against them.
pub fn build(sources: &mut Sources, request: &Request) -> Result<Output, Failure> {
    build_with(sources, request, &mut Cache::for_one_build())
}

/// What a build keeps for the next one in the same process (`cvc watch`): the
/// paragraphs it set, the font subsets it made and the streams it deflated, with
/// the fonts they were made with. Taking them gives the same bytes as making them
/// again; what a good build did not use is forgotten, so a cache holds about one
/// CV's worth however long it lives. A failed build forgets nothing, so the save
/// that mends it is as fast as any.
#[derive(Default)]
pub struct Cache {
    /// The fonts the memo and the subsets were made with: when a build's differ,
    /// both are cleared.
    fonts: Option<FontSet>,
    memo: Memo,
    pdf: pdf::Cache,
}

impl Cache {
    /// A cache for a single build (`cvc build`): it keeps nothing, so that build
    /// pays nothing for it.
    pub fn for_one_build() -> Cache {
        Cache {
            fonts: None,
            memo: Memo::for_one_build(),
            pdf: pdf::Cache::for_one_build(),
        }
    }

    /// Clear what was made with other fonts than `fonts`.
    fn fonts_are(&mut self, fonts: &FontSet) {
        if !self.fonts.as_ref().is_some_and(|f| f.same(fonts)) {
            self.memo.clear();
            self.pdf.clear();
            self.fonts = Some(fonts.clone());
        }
    }

    /// How many set paragraphs the cache holds (for tests).
    pub fn paragraphs(&self) -> usize {
        self.memo.len()
    }
}

/// [`build`], taking what earlier builds made from `cache` and keeping there what
/// this one makes: the same output as a build without it.
pub fn build_with(
    sources: &mut Sources,
    request: &Request,
    cache: &mut Cache,
) -> Result<Output, Failure> {
    let fail = |diagnostics| Failure {
        diagnostics: diag::tidy(diagnostics),
    };
    let mut fonts = FontSet::bundled();
    let (cv, layout) = read_both(sources, request, &mut fonts).map_err(fail)?;
    cache.fonts_are(&fonts);
    let shaper = Shaper::new(&fonts).map_err(|d| fail(vec![d]))?;
    let memo = &cache.memo;
    let photo = match load_photo(&cv, request.cv_dir, sources) {
        Ok(photo) => photo,
        // With what setting the CV finds besides.
        Err(d) => {
            let mut problems = vec![d];
            problems.extend(setting_problems(&cv, &layout, &shaper, memo));
            return Err(fail(problems));
        }
    };
    let (_shrunk, set, fitted) = if request.fit {
        let (l, set, f) = fit(&cv, &layout, &shaper, photo, memo).map_err(fail)?;
        if !f.fits {
            let (_, d) = overflow(&l, &set, Some(&f));
            return Err(fail(vec![d]));
        }
        (l, set, Some(f))
    } else {
        let set = document_with(&cv, &layout, &shaper, photo, memo).map_err(fail)?;
        (layout, set, None)
    };
    let (pages, meta) = (&set.pages, &set.meta);
    let bytes = pdf::write_with(
        pages,
        meta,
        &fonts,
        &shaper.metrics,
        request.pdf,
        &mut cache.pdf,
    )
    .map_err(|d| fail(vec![d]))?;
    cache.memo.next_build();
    cache.pdf.next_build();
    let count = set.pages.pages.len();
    cache.pdf.keep_pages(set.pages.pages);
    Ok(Output {
        pdf: bytes,
        pages: count,
        fill: set.pages.fill,
        warnings: set.warnings,
        fit: fitted,
    })
}

/// Register and parse the CV, and load the layout with its fonts. The CV is parsed
/// on a second thread beside the layout and the hyphenation patterns it names,
/// which take about as long to load. Then the publications of `.bib` files go into
/// the CV (as far as it could be read), with group headings in the layout's
/// language.
fn read_sources(
    sources: &mut Sources,
    request: &Request,
    fonts: &mut FontSet,
) -> (ReadCv, SourceResult<Layout>) {
    let file = sources.add(request.cv_name, request.cv_text.to_string());
    let read = std::thread::scope(|scope| {
        let cv = scope.spawn(|| {
            let (cv, problems) = schema::parse_partial(file, request.cv_text);
            ReadCv { cv, problems }
        });
        let layout = layouts::load(sources, request.layout, request.sets, fonts);
        if let Ok(Some(lang)) = layout.as_ref().map(|l| l.text.hyphenation) {
            // A failure here is reported where the patterns are used.
            let _ = hyphenate::preload(lang);
        }
        let cv = cv
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (cv, layout)
    });
    let (mut cv, layout) = read;
    if let Some(parsed) = &mut cv.cv {
        // The headings of groups by kind are in the layout's language.
        let lang = layout.as_ref().map_or(Lang::En, |l| l.language);
        let problems = bib::import(parsed, request.cv_dir, sources, lang);
        cv.problems.extend(problems);
    }
    (cv, layout)
}

/// The CV and the layout, when both were read whole; else every problem of both, the
/// CV's first.
pub(super) fn read_both(
    sources: &mut Sources,
    request: &Request,
    fonts: &mut FontSet,
) -> SourceResult<(Cv, Layout)> {
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
    layout: SourceResult<Layout>,
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
        problems.extend(setting_problems(
            &cv,
            &layout,
            &shaper,
            &Memo::for_one_build(),
        ));
    }
    problems
}

/// The errors setting `cv` in `layout` finds (characters no font has, a word wider
/// than its column), for a run that cannot build: one run reports them with the
/// rest.
fn setting_problems(cv: &Cv, layout: &Layout, shaper: &Shaper, memo: &Memo) -> Vec<Diagnostic> {
    let set = match select::select(cv, layout) {
        Ok(shown) => typeset::flow(&shown.output, layout, shaper, None, memo).err(),
        Err(errors) => Some(errors),
    };
    // Control characters were reported by the reading already.
    set.unwrap_or_default()
        .into_iter()
        .filter(|d| d.code != Code::ControlCharacter)
        .collect()
}

pub(super) fn load_photo(
    cv: &Cv,
    dir: &Path,
    sources: &mut Sources,
) -> Result<Option<Arc<images::Image>>, Diagnostic> {
    let Some(photo) = &cv.person.photo else {
        return Ok(None);
    };
    let path = dir.join(photo.value.trim());
    // Noted before it is read: `cvc watch` watches for a photo that is missing.
    sources.note_input(&path);
    let image = images::load(&path, Some(photo.at)).map_err(|d| {
        let relative = Path::new(photo.value.trim()).is_relative();
        match d.help {
            None if relative && !path.exists() => d.with_help(
                "a photo's path is relative to the CV's folder; a CV read from standard input finds it from the current folder",
            ),
            _ => d,
        }
    })?;
    Ok(Some(Arc::new(image)))
}

/// A typeset document: pages with footers, the blocks they were made of (each
/// page's `blocks` indexes them; their elements have moved onto the pages), its
/// metadata, and the warnings.
pub struct Document {
    pub pages: Pages,
    pub blocks: Vec<typeset::Block>,
    pub meta: typeset::Meta,
    pub warnings: Vec<Diagnostic>,
}

/// The most pages a document may have. The longest CVs run to a hundred pages; each
/// page costs the PDF writer time and memory of its own, so a layout of tiny pages
/// or huge type must not make hundreds of thousands.
const MOST_PAGES: usize = 10_000;

/// Selection, typesetting and pagination, with footers: everything but the bytes.
pub fn document(
    cv: &Cv,
    layout: &Layout,
    shaper: &Shaper,
    photo: Option<Arc<images::Image>>,
) -> SourceResult<Document> {
    document_with(cv, layout, shaper, photo, &Memo::for_one_build())
}

/// [`document`], with paragraphs set before taken from `memo`.
pub(crate) fn document_with(
    cv: &Cv,
    layout: &Layout,
    shaper: &Shaper,
    photo: Option<Arc<images::Image>>,
    memo: &Memo,
) -> SourceResult<Document> {
    let Warned {
        output: shown,
        mut warnings,
    } = select::select(cv, layout)?;
    let Warned {
        output: mut flow,
        warnings: flow_warnings,
    } = typeset::flow(&shown, layout, shaper, photo, memo)?;
    let Warned {
        output: mut pages,
        warnings: page_warnings,
    } = paginate(&mut flow, frame(layout));
    let count = pages.pages.len();
    if count > MOST_PAGES {
        return Err(vec![too_many_pages(layout, count)]);
    }
    let footer = Footer::for_document(&shown, layout, shaper, count);
    warnings.extend(footer.warnings);
    if let Some(footer) = footer.output {
        pages.stamp(|page, pages| footer.elements(page, pages));
    }
    warnings.extend(flow_warnings);
    warnings.extend(page_warnings);
    warnings.extend(over_budget(layout, count));
    Ok(Document {
        pages,
        blocks: flow.blocks,
        meta: flow.meta,
        warnings,
    })
}

/// The text frame of `layout`'s pages, for pagination.
fn frame(layout: &Layout) -> Frame {
    Frame {
        page_width: layout.page.width,
        page_height: layout.page.height,
        left: layout.page.margin_left,
        top: layout.page.margin_top,
        height: layout.frame_height(),
    }
}

fn too_many_pages(layout: &Layout, count: usize) -> Diagnostic {
    Diagnostic::error(
        Code::Frame,
        format!(
            "layout `{}` sets this CV on {count} pages; cvc writes at most {MOST_PAGES}",
            layout.name
        ),
        None,
    )
    .with_help("pages that small or type that large are most likely a mistake in the layout")
}

/// The warning of a build that runs over its layout's page budget (`cvc check`
/// makes it an error that says what spills).
fn over_budget(layout: &Layout, count: usize) -> Option<Diagnostic> {
    let budget = layout.max_pages?;
    (count > budget as usize).then(|| {
        Diagnostic::warning(
            Code::PageBudget,
            format!(
                "layout `{}` allows {budget} page{}; this CV takes {count}",
                layout.name,
                if budget == 1 { "" } else { "s" }
            ),
            None,
        )
        .with_help("`cvc check` says what spills over")
    })
}
