//! `cvc check`: every layout's check, its report, and the PDFs it may write.

use std::path::{Path, PathBuf};

use super::build::{check_sets, pdf_options, write_pdf};
use super::inputs::{budgeted_layouts, layout_source, parent_dir, read_cv, CvProblem};
use super::{color, stdout, usage, Global};
use crate::compile::{self, Request};
use crate::dates::Date;
use crate::diag::Sources;
use crate::report::Format;

/// The switches of `cvc check`.
pub(super) struct CheckOptions {
    pub format: Option<Format>,
    pub deny_warnings: bool,
    pub fit: bool,
    pub global: Global,
}

pub(super) fn check(
    cv: &Path,
    layouts: &[String],
    sets: &[String],
    options: CheckOptions,
    output: Option<PathBuf>,
) -> i32 {
    let CheckOptions {
        format,
        deny_warnings,
        fit,
        global,
    } = options;
    if let Err(code) = check_sets(sets) {
        return code;
    }
    let sources_list = if layouts.is_empty() {
        budgeted_layouts(cv)
    } else {
        match layouts.iter().map(|n| layout_source(n, cv)).collect() {
            Ok(list) => list,
            Err(msg) => return usage(&msg),
        }
    };
    let opts = match pdf_options() {
        Ok(o) => o,
        Err(msg) => return usage(&msg),
    };
    let mut sources = Sources::default();
    let name = cv.display().to_string();
    let checks = match read_cv(cv, &mut sources) {
        Ok(cv_text) => {
            let dir = parent_dir(cv);
            let request = |layout| Request {
                cv_name: &name,
                cv_text: &cv_text,
                cv_dir: &dir,
                layout,
                sets,
                pdf: &opts,
                fit,
            };
            let today = today(opts.date);
            let mut checks = Vec::new();
            for source in &sources_list {
                let request = request(source);
                checks.push(compile::check(
                    &mut sources,
                    &request,
                    output.is_some(),
                    Some(today),
                ));
            }
            checks
        }
        // A CV that is not UTF-8 is this one error, for every layout.
        Err(CvProblem::NotUtf8(d)) => sources_list
            .iter()
            .map(|source| compile::LayoutCheck::failed(source.name(), vec![d.clone()]))
            .collect(),
        Err(CvProblem::Unreadable(code)) => return code,
    };
    if let Some(out) = &output {
        if let Err(code) = write_checked(out, &checks, &sources) {
            return code;
        }
    }
    let format = format.unwrap_or(
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            Format::Github
        } else {
            Format::Human
        },
    );
    let (errors, warnings) = crate::report::counts(&sources, &checks);
    let failed = errors > 0 || (deny_warnings && warnings > 0);
    let report = match format {
        Format::Human if global.quiet && !failed => String::new(),
        Format::Human => {
            let color = color(&std::io::stdout(), global.color);
            let verdict = if failed {
                "check failed"
            } else {
                "check passed"
            };
            format!(
                "{}{verdict}: {errors} error{}, {warnings} warning{}\n",
                crate::report::human(&sources, &checks, color),
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            )
        }
        Format::Json => crate::report::json(&sources, &name, &checks, deny_warnings),
        Format::Github => crate::report::github(&sources, &checks),
    };
    stdout(&report, i32::from(failed))
}

/// Today, as `cvc check` sees it: `SOURCE_DATE_EPOCH` when set, else the clock.
pub(super) fn today(epoch: Option<i64>) -> Date {
    let secs = epoch.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    });
    let (y, m, d) = crate::dates::civil(secs);
    Date::Day(y as i32, m as u8, d as u8)
}

/// Write the PDFs `cvc check -o OUT` made: OUT for one layout, OUT-LAYOUT.pdf for
/// several. Two layouts of one name would write one file twice: that is refused
/// before anything is written.
pub(super) fn write_checked(
    out: &Path,
    checks: &[compile::LayoutCheck],
    sources: &Sources,
) -> Result<(), i32> {
    let stem = out
        .file_stem()
        .map_or("cv".into(), |s| s.to_string_lossy().to_string());
    let path = |check: &compile::LayoutCheck| {
        if checks.len() > 1 {
            out.with_file_name(format!("{stem}-{}.pdf", check.layout))
        } else {
            out.to_path_buf()
        }
    };
    for (i, check) in checks.iter().enumerate() {
        if checks[..i].iter().any(|c| c.layout == check.layout) {
            return Err(usage(&format!(
                "two layouts named `{}` would both be written to `{}`; check them one at a time",
                check.layout,
                path(check).display()
            )));
        }
    }
    for check in checks {
        if let Some(pdf) = &check.pdf {
            write_pdf(&path(check), pdf, sources)?;
        }
    }
    Ok(())
}
