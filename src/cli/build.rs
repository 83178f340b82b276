//! `cvc build`: where the PDF goes, the build, and writing it.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::inputs::{cv_name, layout_source, parent_dir, read_cv, CvProblem};
use super::{color, stderr, usage, Global};
use crate::compile::{self, Request};
use crate::diag::Sources;
use crate::files::{self, WriteError};
use crate::layouts;
use crate::pdf::PdfOptions;

/// Where `cvc build` writes the PDF: `-o`, else the CV's name with `.pdf`, else
/// (for a CV read from standard input) standard output. A name that does not end
/// in `.pdf` is refused unless `--force` (a PDF in `cv.png` helps nobody), and
/// so is standard output on a terminal.
pub(super) fn output_of(
    cv: &Path,
    output: Option<PathBuf>,
    force: bool,
) -> Result<PathBuf, String> {
    let stdin = cv == Path::new("-");
    let out = output.unwrap_or_else(|| {
        if stdin {
            PathBuf::from("-")
        } else {
            cv.with_extension("pdf")
        }
    });
    if out == Path::new("-") {
        if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            return Err("the PDF would be written to the terminal: redirect it (`> cv.pdf`) or give `-o FILE`".into());
        }
        return Ok(out);
    }
    pdf_name(&out, force)?;
    Ok(out)
}

/// An output's name must end in `.pdf`, unless `force`: a PDF written to
/// `cv.png` helps nobody.
pub(super) fn pdf_name(out: &Path, force: bool) -> Result<(), String> {
    let pdf = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if pdf || force {
        return Ok(());
    }
    Err(format!(
        "`{}` does not end in `.pdf`, and cvc writes PDF only\n  = help: name it `….pdf`, or add `--force` to write it there anyway",
        crate::diag::escape(&out.display().to_string())
    ))
}

pub(super) fn build(
    cv: &Path,
    layout: &str,
    sets: &[String],
    fit: bool,
    out: &Path,
    global: Global,
) -> i32 {
    let started = Instant::now();
    if let Err(code) = check_sets(sets) {
        return code;
    }
    let layout_source = match layout_source(layout, cv) {
        Ok(s) => s,
        Err(msg) => return usage(&msg),
    };
    let opts = match pdf_options() {
        Ok(o) => o,
        Err(msg) => return usage(&msg),
    };
    let mut sources = Sources::default();
    let color = color(&std::io::stderr(), global.color);
    let cv_text = match read_cv(cv, &mut sources) {
        Ok(text) => text,
        Err(CvProblem::Unreadable(code)) => return code,
        Err(CvProblem::NotUtf8(d)) => {
            stderr(&sources.render_styled(&d, color));
            return 1;
        }
    };
    let dir = parent_dir(cv);
    let name = cv_name(cv);
    let request = Request {
        cv_name: &name,
        cv_text: &cv_text,
        cv_dir: &dir,
        layout: &layout_source,
        sets,
        pdf: &opts,
        fit,
    };
    let result = compile::build(&mut sources, &request);
    let mut err = std::io::stderr().lock();
    match result {
        Ok(output) => {
            if !global.quiet {
                let _ = write!(
                    err,
                    "{}",
                    crate::report::diagnostics(&sources, &output.warnings, color)
                );
            }
            if let Some(f) = output.fit.as_ref().filter(|_| !global.quiet) {
                let _ = writeln!(
                    err,
                    "fitted to {} page{}: {} ({} layout pass{})",
                    output.pages,
                    if output.pages == 1 { "" } else { "s" },
                    f.describe(),
                    f.passes,
                    if f.passes == 1 { "" } else { "es" }
                );
            }
            if let Err(code) = write_pdf(out, &output.pdf, &sources) {
                return code;
            }
            if global.quiet {
                return 0;
            }
            let _ = writeln!(
                err,
                "wrote {} ({} page{}, {} KB) in {} ms",
                out_name(out),
                output.pages,
                if output.pages == 1 { "" } else { "s" },
                output.pdf.len().div_ceil(1024),
                started.elapsed().as_millis()
            );
            0
        }
        Err(failure) => {
            let errors = failure.errors();
            let _ = write!(
                err,
                "{}",
                crate::report::diagnostics(&sources, &failure.diagnostics, color)
            );
            let _ = writeln!(
                err,
                "error: {}: {errors} error{} in the document",
                if out == Path::new("-") {
                    "no PDF written".to_string()
                } else {
                    format!("{} not written", out_name(out))
                },
                if errors == 1 { "" } else { "s" }
            );
            1
        }
    }
}

/// Every `--set` must be `key=value`: a usage error otherwise, like any malformed
/// argument.
pub(super) fn check_sets(sets: &[String]) -> Result<(), i32> {
    for set in sets {
        if let Err(message) = layouts::set_parts(set) {
            return Err(usage(&format!(
                "{message}\n  = help: {}",
                layouts::SET_HELP
            )));
        }
    }
    Ok(())
}

/// Write the PDF, or say why not; `Err` holds the exit status.
pub(super) fn write_pdf(out: &Path, pdf: &[u8], sources: &Sources) -> Result<(), i32> {
    if out == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        return match stdout.write_all(pdf).and_then(|()| stdout.flush()) {
            Ok(()) => Ok(()),
            Err(e) => Err(usage(&format!(
                "cannot write the PDF to standard output: {}",
                crate::diag::io_reason(&e)
            ))),
        };
    }
    match files::write_output(out, pdf, sources.inputs()) {
        Ok(()) => Ok(()),
        Err(WriteError::Refused(why)) => Err(usage(&format!(
            "refusing to write the PDF to `{}`: {why}",
            out.display()
        ))),
        Err(WriteError::Failed(why)) => {
            Err(usage(&format!("cannot write `{}`: {why}", out.display())))
        }
    }
}

/// How messages name where the PDF goes: its path, or standard output.
pub(super) fn out_name(out: &Path) -> String {
    if out == Path::new("-") {
        "the PDF to standard output".to_string()
    } else {
        crate::diag::escape(&out.display().to_string())
    }
}

pub(super) fn pdf_options() -> Result<PdfOptions, String> {
    Ok(PdfOptions {
        creator: format!("cvc {}", env!("CARGO_PKG_VERSION")),
        date: source_date_epoch()?,
    })
}

/// The latest moment `SOURCE_DATE_EPOCH` may name: the end of year 9999.
const LAST_EPOCH: i64 = 253_402_300_799;

/// `SOURCE_DATE_EPOCH`: unset or empty is `None`; anything but a whole number of
/// seconds since 1970 (up to the year 9999) is an error, as the reproducible-builds
/// specification asks.
pub(super) fn source_date_epoch() -> Result<Option<i64>, String> {
    let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    if text.trim().is_empty() {
        return Ok(None);
    }
    match text.trim().parse::<i64>() {
        Ok(secs) if (0..=LAST_EPOCH).contains(&secs) => Ok(Some(secs)),
        _ => Err(format!(
            "SOURCE_DATE_EPOCH is `{text}`; it must be a whole number of seconds since 1970-01-01, from 0 to {LAST_EPOCH} (the end of 9999), for example `1700000000`"
        )),
    }
}
