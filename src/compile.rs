//! The whole pipeline for one build, as a function: sources in, PDF bytes (or
//! diagnostics) out. The CLI and the benchmark both call this; neither repeats it.

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, Sources};
use crate::fonts::FontSet;
use crate::layouts::Layout;
use crate::paginate::{paginate, Frame, Pages};
use crate::pdf::PdfOptions;
use crate::schema::Cv;
use crate::text::Shaper;
use crate::{images, layout, layouts, pdf, schema};

/// Where the layout comes from.
#[derive(Debug, Clone)]
pub enum LayoutSource {
    /// A built-in layout, by name.
    Builtin(String),
    /// A layout file: its path as given and its text.
    File { name: String, text: String },
}

/// The result of a build: the PDF, and the warnings found on the way.
pub struct Output {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub fill: Vec<f32>,
    pub warnings: Vec<Diagnostic>,
}

/// A build that stopped: every problem found, errors and warnings.
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
}

/// Load the layout text for `source`, registering it in `sources`.
pub fn load_layout(
    sources: &mut Sources,
    source: &LayoutSource,
    fonts: &FontSet,
) -> Result<Layout, Vec<Diagnostic>> {
    match source {
        LayoutSource::Builtin(name) => {
            let text = layouts::BUILTIN
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| *t)
                .ok_or_else(|| {
                    let names: Vec<&str> = layouts::BUILTIN.iter().map(|(n, _)| *n).collect();
                    vec![
                        Diagnostic::error(format!("there is no built-in layout `{name}`"), None)
                            .with_help(format!(
                                "built-in layouts: {}; or give a path to a layout file",
                                names.join(", ")
                            )),
                    ]
                })?;
            let file = sources.add(format!("<built-in>/{name}.toml"), text.to_string());
            layouts::parse(file, name, text, fonts)
        }
        LayoutSource::File { name, text } => {
            let file = sources.add(name.clone(), text.clone());
            let stem = Path::new(name)
                .file_stem()
                .map_or("custom".into(), |s| s.to_string_lossy().to_string());
            layouts::parse(file, &stem, text, fonts)
        }
    }
}

/// Build `cv_text` (registered in `sources` as `cv_name`) with `layout_source`.
pub fn build(
    sources: &mut Sources,
    cv_name: &str,
    cv_text: &str,
    cv_dir: &Path,
    layout_source: &LayoutSource,
    opts: &PdfOptions,
) -> Result<Output, Failure> {
    let fonts = FontSet::bundled();
    let fail = |diagnostics| Failure { diagnostics };
    let file = sources.add(cv_name, cv_text.to_string());
    let cv = schema::parse(file, cv_text).map_err(fail)?;
    let layout = load_layout(sources, layout_source, &fonts).map_err(fail)?;
    let shaper = Shaper::new(&fonts).map_err(|e| fail(vec![Diagnostic::error(e, None)]))?;
    let photo = load_photo(&cv, cv_dir).map_err(|d| fail(vec![d]))?;
    let set = typeset(&cv, &layout, &shaper, photo).map_err(fail)?;
    let bytes = pdf::write(&set.pages, &set.meta, &fonts, &shaper.metrics, opts)
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
        .map_err(|e| Diagnostic::error(e, Some(photo.origin(cv.file))))
}

/// A typeset document: pages with footers, the blocks they were made of (each
/// page's `blocks` indexes them), its metadata, and the warnings.
pub struct Typeset {
    pub pages: Pages,
    pub blocks: Vec<layout::Block>,
    pub meta: layout::Meta,
    pub warnings: Vec<Diagnostic>,
}

/// Layout and pagination, with footers: everything but the bytes.
pub fn typeset(
    cv: &Cv,
    layout: &Layout,
    shaper: &Shaper,
    photo: Option<Arc<images::Image>>,
) -> Result<Typeset, Vec<Diagnostic>> {
    let mut flow = layout::layout(cv, layout, shaper, photo)?;
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
        let items = layout::footer(cv, layout, shaper, i + 1, count);
        page.items.extend(
            items
                .into_iter()
                .map(|it| crate::paginate::offset(it, layout.margin_left, footer_baseline)),
        );
    }
    let mut warnings = flow.warnings;
    warnings.extend(page_warnings);
    Ok(Typeset {
        pages,
        blocks: flow.blocks,
        meta: flow.meta,
        warnings,
    })
}
