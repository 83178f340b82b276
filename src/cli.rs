//! The command line: `cvc build [CV] [--layout NAME|PATH] [--set KEY=VALUE]… [-o OUT]`,
//! `cvc check [CV] [--layout …]… [--format …]`, `cvc new [DIR]` (a starter
//! `cv.toml` from `templates/`), `cvc layouts [show NAME]`, and `cvc completions
//! SHELL` and `cvc man`, generated from the same definitions.
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

use clap::{CommandFactory, Parser, Subcommand};

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
    /// Colour the messages: `auto` on a terminal (not with NO_COLOR set; always
    /// with CLICOLOR_FORCE set).
    #[arg(long, global = true, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Say only what went wrong: no warnings, no "wrote …" line, no report of a
    /// check that passed.
    #[arg(long, short, global = true)]
    quiet: bool,
}

/// The starters of `cvc new`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Profile {
    Engineer,
    Academic,
}

impl Profile {
    fn template(self) -> &'static str {
        match self {
            Profile::Engineer => include_str!("../templates/engineer.toml"),
            Profile::Academic => include_str!("../templates/academic.toml"),
        }
    }
}

/// When to colour messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The switches every command takes.
#[derive(Debug, Clone, Copy)]
struct Global {
    color: ColorChoice,
    quiet: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the PDF of a CV.
    Build {
        /// The CV to build; `-` reads it from standard input (and writes the PDF
        /// to standard output unless `-o` says otherwise).
        #[arg(default_value = "cv.toml")]
        cv: PathBuf,
        /// A layout name (NAME.toml in layouts/ next to the CV, then in ./layouts/, then
        /// a built-in) or a path to a layout file.
        #[arg(long, short, default_value = "full")]
        layout: String,
        /// Change one layout key for this build (repeatable): `--set page.size=letter`.
        #[arg(long = "set", value_name = "KEY=VALUE")]
        sets: Vec<String>,
        /// Shrink the layout within its [fit] limits to keep to its page budget.
        #[arg(long)]
        fit: bool,
        /// Where to write the PDF [default: the CV's name with .pdf]; `-` for
        /// standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Write the PDF to an output whose name does not end in `.pdf`.
        #[arg(long)]
        force: bool,
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
    /// Start a CV: write a starter cv.toml, which builds and passes `cvc check` in
    /// every built-in layout as it is (never over an existing file).
    New {
        /// The folder to write cv.toml in (made when missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// What the starter holds: an engineer's résumé or an academic CV.
        #[arg(long, value_enum, default_value = "engineer")]
        profile: Profile,
    },
    /// Print the completion script of a shell:
    /// `cvc completions bash > ~/.local/share/bash-completion/completions/cvc`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print cvc's manual page: `cvc man > ~/.local/share/man/man1/cvc.1`.
    Man,
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
    let global = Global {
        color: cli.color,
        quiet: cli.quiet,
    };
    match cli.command {
        Command::Build {
            cv,
            layout,
            sets,
            fit,
            output,
            force,
        } => {
            let to = match output_of(&cv, output, force) {
                Ok(to) => to,
                Err(message) => return usage(&message),
            };
            build(&cv, &layout, &sets, fit, &to, global)
        }
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
                global,
            },
            output,
        ),
        Command::Layouts { action: None } => {
            let width = layouts::BUILTIN
                .iter()
                .map(|(n, _)| n.len())
                .max()
                .unwrap_or(0);
            let list: String = layouts::BUILTIN
                .iter()
                .map(|(name, text)| format!("{name:<width$}  {}\n", layouts::description(text)))
                .collect();
            stdout(&list, 0)
        }
        Command::Layouts {
            action: Some(LayoutsAction::Show { name }),
        } => match layouts::BUILTIN.iter().find(|(n, _)| *n == name) {
            Some((_, text)) => stdout(text, 0),
            None => usage(&in_words(&layouts::unknown_builtin(&name, None, false))),
        },
        Command::New { dir, profile } => {
            let here = dir == Path::new(".");
            let path = if here {
                PathBuf::from("cv.toml")
            } else {
                dir.join("cv.toml")
            };
            let shown = crate::diag::escape(&path.display().to_string());
            match files::create_new(&path, profile.template().as_bytes()) {
                Ok(()) => {
                    let then = if here {
                        "cvc build".to_string()
                    } else {
                        format!("cvc build {shown}")
                    };
                    if !global.quiet {
                        stderr(&format!("wrote {shown}: make it yours, then `{then}`\n"));
                    }
                    0
                }
                Err(why) => usage(&format!("cannot write `{shown}`: {why}")),
            }
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "cvc", &mut script);
            stdout(&String::from_utf8_lossy(&script), 0)
        }
        Command::Man => {
            let mut page = Vec::new();
            // Rendering into memory cannot fail.
            let _ = clap_mangen::Man::new(Cli::command()).render(&mut page);
            stdout(&String::from_utf8_lossy(&page), 0)
        }
    }
}

/// Where `cvc build` writes the PDF: `-o`, else the CV's name with `.pdf`, else
/// (for a CV read from standard input) standard output. A name that does not end
/// in `.pdf` is refused unless `--force` (a PDF in `cv.png` helps nobody), and
/// so is standard output on a terminal.
fn output_of(cv: &Path, output: Option<PathBuf>, force: bool) -> Result<PathBuf, String> {
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
    let pdf = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if !pdf && !force {
        return Err(format!(
            "`{}` does not end in `.pdf`, and cvc writes PDF only\n  = help: name it `….pdf`, or add `--force` to write it there anyway",
            crate::diag::escape(&out.display().to_string())
        ));
    }
    Ok(out)
}

fn build(cv: &Path, layout: &str, sets: &[String], fit: bool, out: &Path, global: Global) -> i32 {
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
                if out == Path::new("-") {
                    "the PDF".to_string()
                } else {
                    out_name(out)
                },
                if errors == 1 { "" } else { "s" }
            );
            1
        }
    }
}

/// Every `--set` must be `key=value`: a usage error otherwise, like any malformed
/// argument.
fn check_sets(sets: &[String]) -> Result<(), i32> {
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

/// Print a usage or I/O error; the exit status for it.
fn usage(message: &str) -> i32 {
    let lines: Vec<String> = message.lines().map(crate::diag::escape).collect();
    stderr(&format!("error: {}\n", lines.join("\n")));
    2
}

/// Write `text` to standard output; the exit status: `status`, or 2 when the text
/// cannot be written (a full disk). A reader that stopped reading (`| head`) is no
/// error.
fn stdout(text: &str, status: i32) -> i32 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => status,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => status,
        Err(e) => {
            stderr(&format!(
                "error: cannot write to standard output: {}\n",
                crate::diag::io_reason(&e)
            ));
            2
        }
    }
}

/// Write `text` to standard error, where a failure can only be ignored.
fn stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Write the PDF, or say why not; `Err` holds the exit status.
fn write_pdf(out: &Path, pdf: &[u8], sources: &Sources) -> Result<(), i32> {
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

/// The switches of `cvc check`.
struct CheckOptions {
    format: Option<Format>,
    deny_warnings: bool,
    fit: bool,
    global: Global,
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
fn today(epoch: Option<i64>) -> Date {
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
fn write_checked(
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

/// Whether to colour what goes to `stream`: as `--color` says; for `auto`, when
/// `CLICOLOR_FORCE` is set (and not `0`), else on a terminal unless `NO_COLOR` is
/// set or `TERM=dumb` (the conventions of no-color.org and bixense.com/clicolors).
fn color(stream: &impl std::io::IsTerminal, choice: ColorChoice) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("CLICOLOR_FORCE") => true,
        ColorChoice::Auto => {
            stream.is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// The layouts `cvc check` checks by default: those with a page budget, among the
/// built-ins and the files in [`layout_dirs`] (a file there wins over a built-in of
/// the same name, and one next to the CV over one in ./layouts/), and every file there that cannot be loaded (so that its errors are
/// reported, not skipped); `full` if there is none.
fn budgeted_layouts(cv: &Path) -> Vec<LayoutSource> {
    let mut list: Vec<(String, LayoutSource)> = layouts::BUILTIN
        .iter()
        .map(|(n, _)| (n.to_string(), LayoutSource::Builtin(n.to_string())))
        .collect();
    // The folder `--layout` looks in first wins: it is read last.
    for folder in layout_dirs(cv).iter().rev() {
        let Ok(dir) = std::fs::read_dir(folder) else {
            continue;
        };
        let mut local: Vec<(String, LayoutSource)> = dir
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let p = e.path();
                let stem = p.file_stem()?.to_string_lossy().to_string();
                (p.extension().is_some_and(|x| x == "toml"))
                    .then_some((stem, LayoutSource::File(p)))
            })
            .collect();
        local.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, source) in local {
            match list.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = source,
                None => list.push((name, source)),
            }
        }
    }
    let with_budget: Vec<LayoutSource> = list
        .into_iter()
        .map(|(_, source)| source)
        .filter(|source| {
            let mut sources = Sources::default();
            let mut fonts = crate::fonts::FontSet::bundled();
            layouts::load(&mut sources, source, &[], &mut fonts)
                .map_or(true, |l| l.max_pages.is_some())
        })
        .collect();
    if with_budget.is_empty() {
        vec![LayoutSource::Builtin("full".into())]
    } else {
        with_budget
    }
}

/// The folders `--layout NAME` looks in for `NAME.toml`, first to last: `layouts/`
/// next to the CV (a CV's own layouts travel with it), then `layouts/` in the
/// current directory.
fn layout_dirs(cv: &Path) -> Vec<PathBuf> {
    let beside = parent_dir(cv).join("layouts");
    let here = PathBuf::from("layouts");
    let same = match (std::fs::canonicalize(&beside), std::fs::canonicalize(&here)) {
        (Ok(a), Ok(b)) => a == b,
        _ => beside == here,
    };
    if same {
        vec![here]
    } else {
        vec![beside, here]
    }
}

/// `--layout` as a path, a file `NAME.toml` in one of [`layout_dirs`], or a
/// built-in name. A name that is none of these is a usage error that says where it
/// looked.
fn layout_source(arg: &str, cv: &Path) -> Result<LayoutSource, String> {
    let looks_like_path = arg.contains(['/', '\\']) || arg.ends_with(".toml");
    if looks_like_path {
        // Opened here, so that a file that cannot be read is a usage error (exit 2)
        // like a missing one; `layouts::load` reads it.
        let path = PathBuf::from(arg);
        return match files::open(&path, files::LAYOUT) {
            Ok(_) => Ok(LayoutSource::File(path)),
            Err(why) => Err(format!("cannot read layout `{arg}`: {why}")),
        };
    }
    let dirs = layout_dirs(cv);
    let candidates: Vec<PathBuf> = dirs.iter().map(|d| d.join(format!("{arg}.toml"))).collect();
    if let Some(local) = candidates.iter().find(|p| p.is_file()) {
        return Ok(LayoutSource::File(local.clone()));
    }
    if layouts::is_builtin(arg) {
        return Ok(LayoutSource::Builtin(arg.to_string()));
    }
    let looked: Vec<String> = candidates
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect();
    let d = layouts::unknown_builtin(arg, None, true);
    Err(format!(
        "there is no layout `{}`: not {}, nor a built-in layout\n  = help: {}",
        crate::diag::clip(arg),
        looked.join(" or "),
        d.help.unwrap_or_default()
    ))
}

/// A diagnostic without a place, as a usage error says it: the message, then its
/// help.
fn in_words(d: &crate::diag::Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\n  = help: {help}", d.message),
        None => d.message.clone(),
    }
}

/// Why the CV's text could not be had.
enum CvProblem {
    /// It cannot be read (the reason was printed); the exit status.
    Unreadable(i32),
    /// It is not UTF-8: the error, pointing into its text as registered.
    NotUtf8(crate::diag::Diagnostic),
}

/// The CV's text, noted in `sources` as an input.
fn read_cv(cv: &Path, sources: &mut Sources) -> Result<String, CvProblem> {
    let stdin = cv == Path::new("-");
    let bytes = if stdin {
        files::read_stdin(files::CV)
    } else {
        files::read(cv, files::CV)
    };
    let bytes = bytes.map_err(|why| {
        // In a folder without a CV (`cvc build` alone), say how to start one.
        let start = if cv == Path::new("cv.toml") && !cv.exists() {
            "\n  = help: to start one, run `cvc new` (or `cvc new --profile academic`)"
        } else {
            ""
        };
        CvProblem::Unreadable(usage(&format!(
            "cannot read `{}`: {why}{start}",
            cv_name(cv)
        )))
    })?;
    if !stdin {
        sources.note_input(cv);
    }
    let text = files::decode(bytes).map_err(|bad| {
        let file = sources.add(cv_name(cv), bad.lossy.clone());
        CvProblem::NotUtf8(bad.diagnostic(file))
    })?;
    if let Some(format) = foreign_format(cv, &text) {
        return Err(CvProblem::Unreadable(usage(&format!(
            "`{}` is {format}, and cvc reads TOML: a cv.toml\n  = help: cvc cannot import it yet; `cvc new` writes a cv.toml to fill in (docs/schema.md says what each key holds)",
            cv_name(cv)
        ))));
    }
    Ok(text)
}

/// The format a CV given to cvc is in when it is not TOML but JSON (a JSON
/// Resume) or YAML (a RenderCV file), by its name or its first line: TOML has no
/// `{` at the start and no `key: value` line, so such a file would only meet a
/// syntax error at its first line.
fn foreign_format(cv: &Path, text: &str) -> Option<&'static str> {
    let ext = cv
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("json") => return Some("JSON"),
        Some("yaml" | "yml") => return Some("YAML"),
        _ => {}
    }
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))?;
    let yaml_key = first.split_once(':').is_some_and(|(key, rest)| {
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            && (rest.is_empty() || rest.starts_with(' '))
    });
    if first.starts_with('{') {
        Some("JSON")
    } else if first == "---" || yaml_key {
        Some("YAML")
    } else {
        None
    }
}

/// How messages name where the PDF goes: its path, or standard output.
fn out_name(out: &Path) -> String {
    if out == Path::new("-") {
        "the PDF to standard output".to_string()
    } else {
        crate::diag::escape(&out.display().to_string())
    }
}

/// How messages name the CV: its path, or `<stdin>`.
fn cv_name(cv: &Path) -> String {
    if cv == Path::new("-") {
        "<stdin>".to_string()
    } else {
        cv.display().to_string()
    }
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
            "SOURCE_DATE_EPOCH is `{text}`; it must be a whole number of seconds since 1970-01-01, from 0 to {LAST_EPOCH} (the end of 9999), for example `1700000000`"
        )),
    }
}
