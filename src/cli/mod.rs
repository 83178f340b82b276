//! The command line: `cvc build [CV] [--layout NAME|PATH] [--set KEY=VALUE]… [-o OUT]`,
//! `cvc check [CV] [--layout …]… [--format …]`, `cvc new [DIR]` (a starter
//! `cv.toml` from `templates/`), `cvc import FILE` (a JSON Resume or RenderCV file
//! as a `cv.toml`), `cvc layouts [show NAME]`, and `cvc completions
//! SHELL` and `cvc man`, generated from the same definitions. The arguments and
//! their dispatch are here; `build.rs` and `check.rs` run the two commands that
//! make PDFs, `import.rs` runs `cvc import`, `inputs.rs` finds and reads what they read.
//!
//! Exit status: 0 on success, 1 for a problem in the document (cv.toml or a
//! layout), 2 for usage or I/O errors. The PDF is written to a temporary file next
//! to the output and renamed into place, so a failed build never leaves a broken or
//! truncated PDF, and an existing one survives any error; it is never written over a
//! file the build reads, or over anything but a regular file ([`files::write_output`]).

use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser, Subcommand};

use crate::files;
use crate::json_schema;
use crate::layouts;
use crate::report::Format;

mod build;
mod check;
mod import;
mod inputs;
mod watch;

use build::{build, output_of, pdf_name};
use check::{check, CheckOptions};

#[derive(Parser, Debug)]
#[command(
    name = "cvc",
    version,
    about = "Typeset a CV from cv.toml into a PDF",
    after_long_help = AFTER_HELP
)]
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

/// What `cvc --help` and the manual page add after the commands.
const AFTER_HELP: &str = "Exit status: 0 on success; 1 for a problem in the document (every one is reported, with its file, line and column); 2 for a usage or I/O error.

Environment: NO_COLOR (no colour), CLICOLOR_FORCE (colour even when not on a terminal), SOURCE_DATE_EPOCH (the PDF's creation date; else none is written, and the same input gives the same bytes), GITHUB_ACTIONS=true (`cvc check` reports as GitHub annotations).

Documentation: docs/schema.md (cv.toml), docs/layouts.md (layouts), docs/errors.md (every error) in cvc's repository.";

/// The starters of `cvc new`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Profile {
    Engineer,
    Academic,
}

impl Profile {
    fn template(self) -> &'static str {
        match self {
            Profile::Engineer => include_str!("../../templates/engineer.toml"),
            Profile::Academic => include_str!("../../templates/academic.toml"),
        }
    }
}

/// When to colour messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The switches every command takes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Global {
    pub color: ColorChoice,
    pub quiet: bool,
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
    /// Build the PDF, then build it again whenever a file the build reads is
    /// saved (the CV, layouts, photo, fonts, `.bib` files), until Ctrl-C.
    Watch(watch::WatchArgs),
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
        /// Write the PDF to an output whose name does not end in `.pdf`.
        #[arg(long)]
        force: bool,
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
    /// Convert a JSON Resume (resume.json) or a RenderCV YAML file into a cv.toml,
    /// listing what could not be imported (never over an existing file).
    Import {
        /// The file to import; `-` reads standard input.
        file: PathBuf,
        /// Where to write the cv.toml; `-` for standard output.
        #[arg(long, short, default_value = "cv.toml")]
        output: PathBuf,
    },
    /// Print the completion script of a shell:
    /// `cvc completions bash > ~/.local/share/bash-completion/completions/cvc`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print cvc's manual page, or a command's: `cvc man > ~/.local/share/man/man1/cvc.1`,
    /// `cvc man build > ~/.local/share/man/man1/cvc-build.1`.
    Man {
        /// The command whose page to print (its page is `cvc-COMMAND`).
        command: Option<String>,
    },
    /// Print the JSON Schema of cv.toml or of a layout file, for editors:
    /// `cvc schema > cv.schema.json`, then `#:schema ./cv.schema.json` as the first
    /// line of cv.toml (Taplo, Even Better TOML) completes keys and marks mistakes.
    Schema {
        /// Which file's schema.
        #[arg(value_enum, default_value = "cv")]
        of: SchemaOf,
    },
}

/// The files `cvc schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SchemaOf {
    /// cv.toml.
    Cv,
    /// A layout file.
    Layout,
}

impl SchemaOf {
    fn of(self) -> json_schema::Of {
        match self {
            SchemaOf::Cv => json_schema::Of::Cv,
            SchemaOf::Layout => json_schema::Of::Layout,
        }
    }
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
        Command::Watch(args) => watch::watch(args, global),
        Command::Check {
            cv,
            layouts,
            sets,
            format,
            deny_warnings,
            fit,
            output,
            force,
        } => {
            if let Some(Err(message)) = output.as_deref().map(|o| pdf_name(o, force)) {
                return usage(&message);
            }
            check(
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
            )
        }
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
        Command::New { dir, profile } => new(&dir, profile, global),
        Command::Import { file, output } => import::import(&file, output, global),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "cvc", &mut script);
            stdout(&String::from_utf8_lossy(&script), 0)
        }
        Command::Man { command } => man(command.as_deref()),
        Command::Schema { of } => stdout(&schema_text(of), 0),
    }
}

/// `cvc man [COMMAND]`: the page of cvc, or of one of its commands (`cvc-build`),
/// which the top page's SEE ALSO names.
fn man(command: Option<&str>) -> i32 {
    let cli = Cli::command();
    let man = match command {
        None | Some("help") => clap_mangen::Man::new(cli),
        Some(name) => match cli.find_subcommand(name) {
            Some(sub) => {
                let page = format!("cvc-{}", sub.get_name());
                let sub = sub.clone().bin_name(format!("cvc {}", sub.get_name()));
                clap_mangen::Man::new(sub.name(page))
            }
            None => {
                let names: Vec<String> = cli
                    .get_subcommands()
                    .map(|c| format!("`{}`", c.get_name()))
                    .collect();
                return usage(&format!(
                    "cvc has no command `{}`: its commands are {}",
                    crate::diag::escape(name),
                    names.join(", ")
                ));
            }
        },
    };
    let mut page = Vec::new();
    // Rendering into memory cannot fail.
    let _ = man
        .source(format!("cvc {}", env!("CARGO_PKG_VERSION")))
        .render(&mut page);
    stdout(&String::from_utf8_lossy(&page), 0)
}

/// The schema of `of`'s files as `cvc schema` prints it.
fn schema_text(of: SchemaOf) -> String {
    let schema = json_schema::json_schema(of.of());
    // A `Value` always serializes.
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// `word` as a shell reads it back: quoted when it holds anything but letters,
/// digits and `/._-` (a folder named `my cv`), and never starting with `-`.
fn shell_word(word: &str) -> String {
    let word = match word.starts_with('-') {
        true => format!("./{word}"),
        false => word.to_string(),
    };
    if word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c))
    {
        word
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The name of the schema file `cvc new` writes beside cv.toml, which the
/// starter's first line (`#:schema ./cv.schema.json`) points editors to.
const SCHEMA_FILE: &str = "cv.schema.json";

/// `cvc new`: a starter cv.toml in `dir`, and beside it the schema its first line
/// names (unless one is there already); never over an existing file.
fn new(dir: &Path, profile: Profile, global: Global) -> i32 {
    let here = dir == Path::new(".");
    let path = dir.join("cv.toml");
    let path = if here { PathBuf::from("cv.toml") } else { path };
    let shown = crate::diag::escape(&path.display().to_string());
    if dir.exists() && !dir.is_dir() {
        let dir = crate::diag::escape(&dir.display().to_string());
        return usage(&format!(
            "`{dir}` is not a folder: cvc new writes cv.toml into one"
        ));
    }
    if let Err(why) = files::create_new(&path, profile.template().as_bytes()) {
        return usage(&format!("cannot write `{shown}`: {why}"));
    }
    let schema = path.with_file_name(SCHEMA_FILE);
    let wrote_schema = files::create_new(&schema, schema_text(SchemaOf::Cv).as_bytes()).is_ok();
    if !global.quiet {
        let then = if here {
            "cvc build".to_string()
        } else {
            format!("cvc build {}", shell_word(&shown))
        };
        let with = if wrote_schema {
            format!(" (and {SCHEMA_FILE}, for editors to complete its keys)")
        } else {
            format!(" (keeping the {SCHEMA_FILE} that was there)")
        };
        stderr(&format!(
            "wrote {shown}{with}: make it yours, then `{then}`\n"
        ));
    }
    0
}

/// Print a usage or I/O error; the exit status for it.
pub(super) fn usage(message: &str) -> i32 {
    let lines: Vec<String> = message.lines().map(crate::diag::escape).collect();
    stderr(&format!("error: {}\n", lines.join("\n")));
    2
}

/// Write `text` to standard output; the exit status: `status`, or 2 when the text
/// cannot be written (a full disk). A reader that stopped reading (`| head`) is no
/// error.
pub(super) fn stdout(text: &str, status: i32) -> i32 {
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
pub(super) fn stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Whether to colour what goes to `stream`: as `--color` says; for `auto`, when
/// `CLICOLOR_FORCE` is set (and not `0`), else on a terminal unless `NO_COLOR` is
/// set or `TERM=dumb` (the conventions of no-color.org and bixense.com/clicolors).
pub(super) fn color(stream: &impl std::io::IsTerminal, choice: ColorChoice) -> bool {
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

/// A diagnostic without a place, as a usage error says it: the message, then its
/// help.
pub(super) fn in_words(d: &crate::diag::Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\n  = help: {help}", d.message),
        None => d.message.clone(),
    }
}
