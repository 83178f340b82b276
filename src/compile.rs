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
            warnings.push(Diagnostic::warning(
                format!(
                    "layout `{}` allows {budget} page{}; this CV takes {count}",
                    layout.name,
                    if budget == 1 { "" } else { "s" }
                ),
                None,
            ));
        }
    }
    Ok(Typeset {
        pages,
        blocks: flow.blocks,
        meta: flow.meta,
        warnings,
    })
}
