//! The command line: `cvc build [CV] [--layout NAME|PATH] [--set KEY=VALUE]… [-o OUT]`
//! and `cvc layouts [show NAME]`.
//!
//! Exit status: 0 on success, 1 for a problem in the document (cv.toml or a
//! layout), 2 for usage or I/O errors. The PDF is written to a temporary file next
//! to the output and renamed into place, so a failed build never leaves a broken or
//! truncated PDF, and an existing one survives any error; it is never written over a
//! file the build reads, or over anything but a regular file ([`files::write_output`]).

use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Parser, Subcommand};

use crate::compile::{self, Request};
use crate::dates::Date;
use crate::diag::{Severity, Sources};
use crate::files::{self, WriteError};
use crate::layouts::{self, LayoutSource};
use crate::pdf::PdfOptions;
use crate::report::Format;

#[derive(Parser, Debug)]
#[command(name = "cvc", version, about = "Typeset a CV from cv.toml into a PDF")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the PDF of a CV.
    Build {
        /// The CV to build.
        #[arg(default_value = "cv.toml")]
        cv: PathBuf,
        /// A built-in layout name, a file in ./layouts/, or a path to a layout file.
        #[arg(long, short, default_value = "full")]
        layout: String,
        /// Change one layout key for this build (repeatable): `--set page.size=letter`.
        #[arg(long = "set", value_name = "KEY=VALUE")]
        sets: Vec<String>,
        /// Shrink the layout within its [fit] limits to keep to its page budget.
        #[arg(long)]
        fit: bool,
        /// Where to write the PDF [default: the CV's name with .pdf]
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Check a CV against its layouts: page budgets, words wider than their column,
    /// characters no font has, bad links, unreadable images, keep rules that had to give.
    Check {
        /// The CV to check.
        #[arg(default_value = "cv.toml")]
        cv: PathBuf,
        /// A layout to check (repeatable) [default: every layout with a page budget,
        /// else `full`]
        #[arg(long = "layout", short)]
        layouts: Vec<String>,
        /// Change one layout key (repeatable): `--set page.size=letter`.
        #[arg(long = "set", value_name = "KEY=VALUE")]
        sets: Vec<String>,
        /// Report format [default: `github` when GITHUB_ACTIONS=true, else `human`]
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Shrink each layout within its [fit] limits to keep to its page budget.
        #[arg(long)]
        fit: bool,
        /// Also write the PDF (one layout: this path; several: NAME-LAYOUT.pdf).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// List the built-in layouts, or print one to copy and edit.
    Layouts {
        #[command(subcommand)]
        action: Option<LayoutsAction>,
    },
}

#[derive(Subcommand, Debug)]
enum LayoutsAction {
    /// Print a built-in layout's TOML.
    Show {
        /// The layout's name.
        name: String,
    },
}

/// Run the CLI; returns the exit status.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Build {
            cv,
            layout,
            sets,
            fit,
            output,
        } => build(&cv, &layout, &sets, fit, output),
        Command::Check {
            cv,
            layouts,
            sets,
            format,
            deny_warnings,
            fit,
            output,
        } => check(
            &cv,
            &layouts,
            &sets,
            CheckOptions {
                format,
                deny_warnings,
                fit,
            },
            output,
        ),
        Command::Layouts { action: None } => {
            let width = layouts::BUILTIN
                .iter()
                .map(|(n, _)| n.len())
                .max()
                .unwrap_or(0);
            for (name, text) in layouts::BUILTIN {
                println!("{name:<width$}  {}", layouts::description(text));
            }
            0
        }
        Command::Layouts {
            action: Some(LayoutsAction::Show { name }),
        } => match layouts::BUILTIN.iter().find(|(n, _)| *n == name) {
            Some((_, text)) => {
                print!("{text}");
                0
            }
            None => {
                let names: Vec<&str> = layouts::BUILTIN.iter().map(|(n, _)| *n).collect();
                eprintln!(
                    "error: there is no built-in layout `{name}`; the built-in layouts are {}",
                    names.join(", ")
                );
                2
            }
        },
    }
}

fn build(cv: &Path, layout: &str, sets: &[String], fit: bool, output: Option<PathBuf>) -> i32 {
    let started = Instant::now();
    let layout_source = match layout_source(layout) {
        Ok(s) => s,
        Err(msg) => return usage(&msg),
    };
    let opts = match pdf_options() {
        Ok(o) => o,
        Err(msg) => return usage(&msg),
    };
    let mut sources = Sources::default();
    let cv_text = match read_cv(cv, &mut sources) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let out = output.unwrap_or_else(|| cv.with_extension("pdf"));
    let dir = parent_dir(cv);
    let name = cv.display().to_string();
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
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let color = color(&std::io::stderr());
    match result {
        Ok(output) => {
            let _ = write!(
                err,
                "{}",
                crate::report::diagnostics(&sources, &output.warnings, color)
            );
            if let Some(f) = &output.fit {
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
            if let Err(code) = write_pdf(&out, &output.pdf, &sources) {
                return code;
            }
            let _ = writeln!(
                err,
                "wrote {} ({} page{}, {} KB) in {} ms",
                out.display(),
                output.pages,
                if output.pages == 1 { "" } else { "s" },
                output.pdf.len().div_ceil(1024),
                started.elapsed().as_millis()
            );
            0
        }
        Err(failure) => {
            let errors = failure
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let _ = write!(
                err,
                "{}",
                crate::report::diagnostics(&sources, &failure.diagnostics, color)
            );
            let _ = writeln!(
                err,
                "error: {} not written: {errors} error{} in the document",
                out.display(),
                if errors == 1 { "" } else { "s" }
            );
            1
        }
    }
}

/// Print a usage or I/O error; the exit status for it.
fn usage(message: &str) -> i32 {
    let lines: Vec<String> = message.lines().map(crate::diag::escape).collect();
    eprintln!("error: {}", lines.join("\n"));
    2
}

/// Write the PDF, or say why not; `Err` holds the exit status.
fn write_pdf(out: &Path, pdf: &[u8], sources: &Sources) -> Result<(), i32> {
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

/// The switches of `cvc check`.
struct CheckOptions {
    format: Option<Format>,
    deny_warnings: bool,
    fit: bool,
}

fn check(
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
    } = options;
    let names = if layouts.is_empty() {
        budgeted_layouts()
    } else {
        layouts.to_vec()
    };
    let mut sources_list = Vec::new();
    for name in &names {
        match layout_source(name) {
            Ok(s) => sources_list.push(s),
            Err(msg) => return usage(&msg),
        }
    }
    let opts = match pdf_options() {
        Ok(o) => o,
        Err(msg) => return usage(&msg),
    };
    let mut sources = Sources::default();
    let cv_text = match read_cv(cv, &mut sources) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let dir = parent_dir(cv);
    let secs = opts.date.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    });
    let (y, m, d) = crate::dates::civil(secs);
    let today = Date::Day(y as i32, m as u8, d as u8);
    let name = cv.display().to_string();
    let mut checks = Vec::new();
    for source in &sources_list {
        let request = Request {
            cv_name: &name,
            cv_text: &cv_text,
            cv_dir: &dir,
            layout: source,
            sets,
            pdf: &opts,
            fit,
        };
        checks.push(compile::check(
            &mut sources,
            &request,
            output.is_some(),
            Some(today),
        ));
    }
    if let Some(out) = &output {
        let several = checks.len() > 1;
        for check in &checks {
            let Some(pdf) = &check.pdf else {
                continue;
            };
            let path = if several {
                let stem = out
                    .file_stem()
                    .map_or("cv".into(), |s| s.to_string_lossy().to_string());
                out.with_file_name(format!("{stem}-{}.pdf", check.layout))
            } else {
                out.clone()
            };
            if let Err(code) = write_pdf(&path, pdf, &sources) {
                return code;
            }
        }
    }
    let format = format.unwrap_or(
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            Format::Github
        } else {
            Format::Human
        },
    );
    let (errors, warnings) = crate::report::counts(&checks);
    let failed = errors > 0 || (deny_warnings && warnings > 0);
    match format {
        Format::Human => {
            let color = color(&std::io::stdout());
            print!("{}", crate::report::human(&sources, &checks, color));
            let verdict = if failed {
                "check failed"
            } else {
                "check passed"
            };
            println!(
                "{verdict}: {errors} error{}, {warnings} warning{}",
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            );
        }
        Format::Json => print!(
            "{}",
            crate::report::json(&sources, &name, &checks, deny_warnings)
        ),
        Format::Github => print!("{}", crate::report::github(&sources, &checks)),
    }
    i32::from(failed)
}

/// Whether to colour what goes to `stream`: a terminal, unless `NO_COLOR` is set or
/// `TERM=dumb`.
fn color(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// The layouts `cvc check` checks by default: those with a page budget, among the
/// built-ins and the files in ./layouts/ (a file there wins over a built-in of the
/// same name), and every file there that cannot be loaded (so that its errors are
/// reported, not skipped); `full` if there is none.
fn budgeted_layouts() -> Vec<String> {
    let mut names: Vec<String> = layouts::BUILTIN
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    if let Ok(dir) = std::fs::read_dir("layouts") {
        let mut local: Vec<String> = dir
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let p = e.path();
                (p.extension().is_some_and(|x| x == "toml"))
                    .then(|| p.file_stem().map(|s| s.to_string_lossy().to_string()))?
            })
            .collect();
        local.sort();
        for n in local {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    let with_budget: Vec<String> = names
        .into_iter()
        .filter(|n| {
            let Ok(source) = layout_source(n) else {
                return true;
            };
            let mut sources = Sources::default();
            let mut fonts = crate::fonts::FontSet::bundled();
            layouts::load(&mut sources, &source, &[], &mut fonts)
                .map_or(true, |l| l.max_pages.is_some())
        })
        .collect();
    if with_budget.is_empty() {
        vec!["full".to_string()]
    } else {
        with_budget
    }
}

/// `--layout` as a path, a file in ./layouts/, or a built-in name. A name that is
/// none of these is a usage error.
fn layout_source(arg: &str) -> Result<LayoutSource, String> {
    let looks_like_path = arg.contains(['/', '\\']) || arg.ends_with(".toml");
    if looks_like_path {
        let path = PathBuf::from(arg);
        return match std::fs::metadata(&path) {
            Ok(_) => Ok(LayoutSource::File(path)),
            Err(e) => Err(format!(
                "cannot read layout `{arg}`: {}",
                files::io_reason(&e)
            )),
        };
    }
    let local = Path::new("layouts").join(format!("{arg}.toml"));
    if local.is_file() {
        return Ok(LayoutSource::File(local));
    }
    if layouts::is_builtin(arg) {
        return Ok(LayoutSource::Builtin(arg.to_string()));
    }
    let d = layouts::unknown_builtin(arg, None);
    Err(match d.help {
        Some(help) => format!("{}\n  = help: {help}", d.message),
        None => d.message,
    })
}

/// The CV's text, registered in `sources`; `Err` holds the exit status, after the
/// problem was printed (2 when the file cannot be read, 1 when it is not UTF-8).
fn read_cv(cv: &Path, sources: &mut Sources) -> Result<String, i32> {
    let bytes = files::read(cv, files::CV)
        .map_err(|why| usage(&format!("cannot read `{}`: {why}", cv.display())))?;
    sources.note_input(cv);
    files::decode(bytes).map_err(|bad| {
        let file = sources.add(cv.display().to_string(), bad.lossy.clone());
        let d = bad.diagnostic(file);
        eprint!("{}", sources.render_styled(&d, color(&std::io::stderr())));
        1
    })
}

/// The directory a file's relative paths are resolved against.
fn parent_dir(path: &Path) -> PathBuf {
    path.parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn pdf_options() -> Result<PdfOptions, String> {
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
fn source_date_epoch() -> Result<Option<i64>, String> {
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
            "SOURCE_DATE_EPOCH is `{text}`; it must be a whole number of seconds since 1970-01-01 (for example `1700000000`)"
        )),
    }
}
