//! Entry points for fuzzing: each takes arbitrary bytes and runs one part of cvc on
//! them, as a user's files would. Any panic, hang or broken output is a bug; an error
//! is the right answer to a bad input. The cargo-fuzz targets in `fuzz/` and the
//! deterministic fuzz test (`tests/fuzz.rs`, run by CI on stable Rust) both call
//! these, so both exercise the same code.
//!
//! The `bibtex` target reads its input as a `.bib` file that a fixed CV names.
//!
//! An input of several files is one byte string with the files separated by a line
//! [`SEPARATOR`]: the CV, then a layout, then one `--set` per line.

use std::path::Path;

use crate::compile::{self, Request};
use crate::diag::Sources;
use crate::fonts::FontSet;
use crate::layouts::{self, LayoutSource};
use crate::pdf::PdfOptions;

/// The line that separates the files of one input.
pub const SEPARATOR: &str = "\n%%cvc%%\n";

/// What an input came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It was read (or built) without an error.
    Accepted,
    /// It was refused with diagnostics, each of which rendered.
    Refused,
}

/// Read `data` as `cv.toml`.
pub fn cv(data: &[u8]) -> Outcome {
    let mut sources = Sources::default();
    let Ok(text) = crate::files::decode(data.to_vec()) else {
        return Outcome::Refused;
    };
    let file = sources.add("cv.toml", text);
    let result = crate::schema::parse(file, &sources.get(file).text);
    outcome(&sources, result.map(|_| ()))
}

/// Read `data` as a layout and its `--set` lines.
pub fn layout(data: &[u8]) -> Outcome {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(2, SEPARATOR);
    let layout = parts.next().unwrap_or_default();
    let sets = set_lines(parts.next());
    let mut sources = Sources::default();
    let mut fonts = FontSet::bundled();
    let source = LayoutSource::Text {
        name: "layout.toml".into(),
        text: layout.to_string(),
    };
    let result = layouts::load(&mut sources, &source, &sets, &mut fonts);
    outcome(&sources, result.map(|_| ()))
}

/// Build the PDF of a CV, a layout (or, when that part is a built-in's name, the
/// built-in) and `--set` lines; relative paths (a photo) are found in `dir`. An
/// accepted build must be a whole PDF.
pub fn pipeline(data: &[u8], dir: &Path) -> Outcome {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, SEPARATOR);
    let cv = parts.next().unwrap_or_default();
    let layout = parts.next().unwrap_or("full");
    let sets = set_lines(parts.next());
    let source = if layouts::is_builtin(layout.trim()) {
        LayoutSource::Builtin(layout.trim().to_string())
    } else {
        LayoutSource::Text {
            name: "layout.toml".into(),
            text: layout.to_string(),
        }
    };
    let options = PdfOptions {
        creator: "cvc fuzz".into(),
        date: None,
    };
    let request = Request {
        cv_name: "cv.toml",
        cv_text: cv,
        cv_dir: dir,
        layout: &source,
        sets: &sets,
        pdf: &options,
        fit: false,
    };
    let mut sources = Sources::default();
    match compile::build(&mut sources, &request) {
        Ok(output) => {
            let pdf = &output.pdf;
            assert!(pdf.starts_with(b"%PDF-1.7"), "a build made no PDF header");
            assert!(
                pdf.ends_with(b"%%EOF") || pdf.ends_with(b"%%EOF\n"),
                "a build made a PDF without its end"
            );
            assert!(output.pages >= 1, "a build made a PDF of no pages");
            crate::report::diagnostics(&sources, &output.warnings, false);
            Outcome::Accepted
        }
        Err(failure) => {
            assert!(
                !failure.diagnostics.is_empty(),
                "a build failed without a word"
            );
            crate::report::diagnostics(&sources, &failure.diagnostics, false);
            Outcome::Refused
        }
    }
}

/// The CV whose sections take their publications from the `.bib` file of the
/// `bibtex` target: every entry grouped by kind, and again grouped by year.
const BIB_CV: &str = r#"[person]
name = "Jane Q. Doe"
aliases = ["J. Doe"]

[[section]]
title = "Publications"
bibtex = { file = "refs.bib", group = "type" }

[[section]]
title = "By year"
bibtex = { file = "refs.bib", group = "year", order = "oldest" }
"#;

/// Read `data` as a `.bib` file that two sections of a CV take their
/// publications from; when it is accepted, set the CV in the `full` layout (an
/// imported text with a character no font has is refused there, at its place in
/// the `.bib` file).
pub fn bibtex(data: &[u8]) -> Outcome {
    let mut sources = Sources::default();
    let file = sources.add("cv.toml", BIB_CV.to_string());
    let mut cv = crate::schema::parse(file, BIB_CV).expect("the target's own CV is valid");
    let text = match crate::files::decode(data.to_vec()) {
        Ok(text) => text,
        Err(bad) => {
            let id = sources.add("refs.bib", bad.lossy.clone());
            return outcome(&sources, Err(vec![bad.diagnostic(id)]));
        }
    };
    let problems = crate::bib::import_with(&mut cv, &mut sources, crate::lang::Lang::En, |_, s| {
        Ok(s.add("refs.bib", text.clone()))
    });
    if !problems.is_empty() {
        return outcome(&sources, Err(problems));
    }
    let mut fonts = FontSet::bundled();
    let source = LayoutSource::Builtin("full".into());
    let set = layouts::load(&mut sources, &source, &[], &mut fonts).and_then(|layout| {
        let shaper = crate::text::Shaper::new(&fonts).map_err(|d| vec![d])?;
        compile::document(&cv, &layout, &shaper, None).map(|_| ())
    });
    outcome(&sources, set)
}

/// Decode `data` as a photo.
pub fn photo(data: &[u8]) -> Outcome {
    match crate::images::decode(data) {
        Ok(image) => {
            let pixels = u64::from(image.width) * u64::from(image.height);
            assert!(
                pixels <= crate::images::MAX_PIXELS,
                "a photo over the limit"
            );
            if let crate::images::ImageData::Rgb(rgb) = &image.data {
                assert_eq!(rgb.len() as u64, pixels * 3, "pixels do not fill the image");
            }
            Outcome::Accepted
        }
        Err(_) => Outcome::Refused,
    }
}

/// The `--set` options of an input's last part, one a line.
fn set_lines(part: Option<&str>) -> Vec<String> {
    part.map(|s| s.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

/// A refused input must say why, and its diagnostics must render as the command
/// line renders them (every place resolves in its file).
fn outcome(sources: &Sources, result: Result<(), Vec<crate::diag::Diagnostic>>) -> Outcome {
    match result {
        Ok(()) => Outcome::Accepted,
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "refused without a word");
            let shown = crate::report::diagnostics(sources, &crate::diag::tidy(diagnostics), false);
            assert!(!shown.is_empty(), "diagnostics that render as nothing");
            Outcome::Refused
        }
    }
}
