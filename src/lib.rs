//! cvc: a CV typesetting compiler. `cv.toml` and a layout go in, a PDF comes out;
//! ARCHITECTURE.md describes the stages. The modules are private (but `fuzz`, the
//! entry points the fuzzers call): this page is the whole library surface, what the
//! `cvc` binary, the benchmark and the tests use.
//!
//! One build, the way `cvc build` runs it:
//!
//! ```
//! use cvc::{build, LayoutSource, PdfOptions, Request, Sources};
//!
//! let cv = r#"
//! [person]
//! name = "Ada Lovelace"
//!
//! [[section]]
//! title = "Experience"
//!
//! [[section.entry]]
//! title = "Analyst"
//! organisation = "Analytical Engine Project"
//! start = "1842-01"
//! end = "1843-09"
//! bullets = ["Wrote the first published program."]
//! "#;
//! let layout = LayoutSource::Builtin("full".into());
//! let pdf = PdfOptions { creator: "example".into(), date: None };
//! let request = Request {
//!     cv_name: "cv.toml",
//!     cv_text: cv,
//!     cv_dir: std::path::Path::new("."),
//!     layout: &layout,
//!     sets: &[],
//!     pdf: &pdf,
//!     fit: false,
//! };
//! let mut sources = Sources::default();
//! let output = match build(&mut sources, &request) {
//!     Ok(output) => output,
//!     Err(failure) => panic!("{:?}", failure.diagnostics),
//! };
//! assert!(output.pdf.starts_with(b"%PDF-"));
//! assert_eq!(output.pages, 1);
//! ```
//!
//! The stages one by one (as the benchmark times them): [`parse_cv`],
//! [`load_layout`], [`Shaper::new`], [`document`] (selection, typesetting,
//! pagination) and [`write_pdf`].

mod bib;
mod cli;
mod compile;
mod dates;
mod diag;
mod files;
mod fonts;
pub mod fuzz;
mod hyphenate;
mod images;
mod import;
mod json_schema;
mod lang;
mod layouts;
mod linebreak;
mod markup;
mod paginate;
mod pdf;
mod reader;
mod report;
mod schema;
mod select;
mod text;
mod typeset;

pub use cli::run;
pub use compile::{build, build_with, document, Cache, Document, Failure, Fit, Output, Request};
pub use diag::{Code, Diagnostic, FileId, Origin, Severity, Sources};
pub use fonts::FontSet;
pub use layouts::{load as load_layout, Layout, LayoutSource};
pub use markup::plain;
pub use paginate::{Pages, MIN_FILL};
pub use pdf::{write as write_pdf, PdfOptions};
pub use report::diagnostics as render_diagnostics;
pub use schema::{parse as parse_cv, Cv};
pub use text::Shaper;
pub use typeset::{Block, Element, Meta, Role};
