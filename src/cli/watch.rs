//! `cvc watch`: build, then build again whenever a file the build read is saved.
//!
//! The files are the CV, the layout and every file it extends, the photo, the
//! layout's font files and the `.bib` files: whatever the last build read or
//! looked for ([`Sources::inputs`]), and the places `--layout NAME` looks. Their
//! *folders* are watched, not the files, and events are kept by path: an editor
//! that saves by writing a new file and renaming it over the old one (vim,
//! JetBrains) replaces the file a watch on the file would follow. The set is
//! made again after every build, since a save may add a photo or a `.bib`.
//!
//! An editor makes several events of one save (a backup, a write, a rename), so
//! a build waits until the files have been quiet for [`QUIET`]. One process
//! keeps its fonts, hyphenation patterns and a [`Cache`] of what the last build
//! set, subset and deflated, so a rebuild takes a few milliseconds; its PDF is
//! the one `cvc build` would write. A build that fails prints its errors and
//! leaves the PDF as it was; the next good one says the errors are cleared.

use std::collections::{BTreeSet, HashSet};
use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use super::build::{check_sets, out_name, output_of, pdf_options, write_pdf};
use super::inputs::{cv_name, layout_candidates, layout_source, parent_dir, read_cv, CvProblem};
use super::{color, stderr, usage, Global};
use crate::compile::{self, Cache, Request};
use crate::diag::{Severity, Sources};
use crate::pdf::PdfOptions;

/// How long the watched files must be quiet before a build: an editor's save is
/// a burst of events within a few milliseconds.
const QUIET: Duration = Duration::from_millis(60);

/// The longest a build waits for quiet, so that a file written without pause
/// (a log someone pointed a layout at) still gets built.
const LONGEST_WAIT: Duration = Duration::from_millis(600);

/// What `cvc watch` takes: what `cvc build` takes, and `--open`.
#[derive(clap::Args, Debug)]
pub(super) struct WatchArgs {
    /// The CV to build.
    #[arg(default_value = "cv.toml")]
    cv: PathBuf,
    /// A layout name or a path to a layout file, as for `cvc build`.
    #[arg(long, short, default_value = "full")]
    layout: String,
    /// Change one layout key (repeatable): `--set page.size=letter`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    sets: Vec<String>,
    /// Shrink the layout within its [fit] limits to keep to its page budget.
    #[arg(long)]
    fit: bool,
    /// Where to write the PDF [default: the CV's name with .pdf].
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Write the PDF to an output whose name does not end in `.pdf`.
    #[arg(long)]
    force: bool,
    /// Open the PDF in the system's viewer after the first good build.
    #[arg(long)]
    open: bool,
}

/// What the watcher and Ctrl-C tell the loop.
enum Signal {
    Changed(notify::Result<notify::Event>),
    Stop,
}

/// A watched file: its folder, made canonical, and its name (events name files
/// by the folder they were watched through).
type FileKey = (PathBuf, OsString);

/// Watch and build until Ctrl-C; the exit status (0 then; 2 when watching cannot
/// start).
pub(super) fn watch(options: WatchArgs, global: Global) -> i32 {
    if options.cv == Path::new("-") {
        return usage("`cvc watch` watches a file: give the CV's path, not `-`");
    }
    if options.output.as_deref() == Some(Path::new("-")) {
        return usage("`cvc watch` writes the PDF to a file: give `-o FILE`, not `-`");
    }
    let out = match output_of(&options.cv, options.output.clone(), options.force) {
        Ok(out) => out,
        Err(message) => return usage(&message),
    };
    if let Err(code) = check_sets(&options.sets) {
        return code;
    }
    let pdf = match pdf_options() {
        Ok(o) => o,
        Err(msg) => return usage(&msg),
    };
    // A CV that is not there at the start is a mistyped name, as for `cvc build`.
    if let Err(CvProblem::Unreadable(code)) = read_cv(&options.cv, &mut Sources::default()) {
        return code;
    }
    let (tx, rx) = channel();
    let stop = tx.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop.send(Signal::Stop);
    }) {
        stderr(&format!("warning: Ctrl-C will stop cvc at once: {e}\n"));
    }
    let watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(Signal::Changed(event));
    });
    let watcher = match watcher {
        Ok(w) => w,
        Err(e) => return usage(&format!("cannot watch files: {e}")),
    };
    let mut session = Session::new(options, global, out, pdf, watcher);
    // The CV is watched before the first build, so that a save during it is seen.
    let cv = session.options.cv.clone();
    session.files.extend(keys(&cv));
    session.rewatch();
    session.build();
    if let Some(code) = session.fatal {
        return code;
    }
    if !session.global.quiet {
        let others = match session.files.len().saturating_sub(1) {
            0 => String::new(),
            1 => " and 1 file it uses".to_string(),
            n => format!(" and {n} files it uses"),
        };
        stderr(&format!(
            "watching {}{others}; Ctrl-C to stop\n",
            crate::diag::escape(&cv_name(&session.options.cv)),
        ));
    }
    while wait(&rx, &session.files) {
        session.build();
        if let Some(code) = session.fatal {
            return code;
        }
    }
    0
}

/// Wait for a change to one of `files`, then for quiet; `false` when told to
/// stop.
fn wait(rx: &Receiver<Signal>, files: &HashSet<FileKey>) -> bool {
    loop {
        match rx.recv() {
            Ok(Signal::Changed(event)) if concerns(&event, files) => break,
            Ok(Signal::Changed(_)) => {}
            Ok(Signal::Stop) | Err(_) => return false,
        }
    }
    let first = Instant::now();
    let mut last = first;
    loop {
        let left = QUIET
            .saturating_sub(last.elapsed())
            .min(LONGEST_WAIT.saturating_sub(first.elapsed()));
        match rx.recv_timeout(left) {
            Ok(Signal::Changed(event)) => {
                if concerns(&event, files) {
                    last = Instant::now();
                }
            }
            Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return false,
            Err(RecvTimeoutError::Timeout) => return true,
        }
    }
}

/// Whether `event` may have changed one of `files`: anything but reading them
/// (which the build itself does). An error of the watcher (its queue overflowed)
/// may have hidden a change, so it counts as one.
fn concerns(event: &notify::Result<notify::Event>, files: &HashSet<FileKey>) -> bool {
    let Ok(event) = event else {
        return true;
    };
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => touches(event, files),
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => touches(event, files),
    }
}

/// Whether `event` names one of `files`.
fn touches(event: &notify::Event, files: &HashSet<FileKey>) -> bool {
    event
        .paths
        .iter()
        .any(|p| key(p).is_some_and(|k| files.contains(&k)))
}

/// Whether writing the PDF to `out` is refused whatever is saved: it is a file
/// the build reads, or not a regular file.
fn refused_for_good(out: &Path, inputs: &[PathBuf]) -> bool {
    let read = inputs.iter().any(|i| crate::files::same_file(i, out));
    read || std::fs::metadata(out).is_ok_and(|m| !m.is_file())
}

/// What to watch for `path`: its key, and its target's when it is a symbolic link
/// (a CV kept elsewhere and linked, as dotfile managers do: an editor writes the
/// target). Where its folder is missing (`layouts/` not made yet), the first
/// missing folder is watched for instead, so its making starts a build.
fn keys(path: &Path) -> Vec<FileKey> {
    let mut out: Vec<FileKey> = Vec::new();
    let mut missing = path.to_path_buf();
    loop {
        if let Some(k) = key(&missing) {
            out.push(k);
            break;
        }
        match missing.parent() {
            Some(up) if !up.as_os_str().is_empty() && up != missing => missing = up.to_path_buf(),
            _ => break,
        }
    }
    if let Ok(target) = std::fs::canonicalize(path) {
        out.extend(key(&target));
    }
    out
}

/// How `path` is known among the watched files; `None` when its folder is not
/// there.
fn key(path: &Path) -> Option<FileKey> {
    let name = path.file_name()?.to_os_string();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some((std::fs::canonicalize(dir).ok()?, name))
}

/// A watch in progress: what to build, the cache rebuilds take what is unchanged
/// from, the files watched, and how the last build went.
struct Session {
    options: WatchArgs,
    global: Global,
    /// Where the PDF goes.
    out: PathBuf,
    pdf: PdfOptions,
    cache: Cache,
    watcher: RecommendedWatcher,
    files: HashSet<FileKey>,
    folders: BTreeSet<PathBuf>,
    /// The last build failed: the next good one says the errors are cleared.
    failing: bool,
    /// The PDF was opened in a viewer (`--open`: once).
    opened: bool,
    /// A problem no save can mend (an output cvc refuses, a wrong `--set`):
    /// the exit status to stop with.
    fatal: Option<i32>,
}

impl Session {
    fn new(
        options: WatchArgs,
        global: Global,
        out: PathBuf,
        pdf: PdfOptions,
        watcher: RecommendedWatcher,
    ) -> Self {
        Session {
            options,
            global,
            out,
            pdf,
            cache: Cache::default(),
            watcher,
            files: HashSet::new(),
            folders: BTreeSet::new(),
            failing: false,
            opened: false,
            fatal: None,
        }
    }

    /// Build once, say how it went, and watch what it read.
    fn build(&mut self) {
        let started = Instant::now();
        let mut sources = Sources::default();
        let good = self.attempt(&mut sources, started);
        let mut wanted: Vec<PathBuf> = vec![self.options.cv.clone()];
        wanted.extend(layout_candidates(&self.options.layout, &self.options.cv));
        wanted.extend(sources.inputs().iter().cloned());
        let mut files: HashSet<FileKey> = wanted.iter().flat_map(|p| keys(p)).collect();
        if !good {
            // What the build did not get to read is still watched.
            files.extend(self.files.drain());
        }
        self.files = files;
        self.rewatch();
        if good && self.options.open && !self.opened {
            self.opened = true;
            open(&self.out);
        }
    }

    /// Build and write the PDF, printing what happened; whether it was written.
    fn attempt(&mut self, sources: &mut Sources, started: Instant) -> bool {
        let o = &self.options;
        let color = color(&std::io::stderr(), self.global.color);
        let layout = match layout_source(&o.layout, &o.cv) {
            Ok(s) => s,
            Err(msg) => {
                usage(&msg);
                return self.failed();
            }
        };
        let cv_text = match read_cv(&o.cv, sources) {
            Ok(text) => text,
            Err(CvProblem::Unreadable(_)) => {
                stderr(&format!("error: {}\n", self.kept()));
                return self.failed();
            }
            Err(CvProblem::NotUtf8(d)) => {
                stderr(&sources.render_styled(&d, color));
                return self.failed();
            }
        };
        let (dir, name) = (parent_dir(&o.cv), cv_name(&o.cv));
        let request = Request {
            cv_name: &name,
            cv_text: &cv_text,
            cv_dir: &dir,
            layout: &layout,
            sets: &o.sets,
            pdf: &self.pdf,
            fit: o.fit,
        };
        let output = match compile::build_with(sources, &request, &mut self.cache) {
            Ok(output) => output,
            Err(failure) => {
                let errors = failure.errors();
                let report = crate::report::diagnostics(sources, &failure.diagnostics, color);
                let kept = self.kept();
                stderr(&format!(
                    "{report}error: {errors} error{} in the document; {kept}\n",
                    if errors == 1 { "" } else { "s" },
                ));
                let in_sets = failure.diagnostics.iter().any(|d| {
                    d.severity == Severity::Error
                        && d.origin
                            .is_some_and(|at| sources.get(at.file).name == "--set")
                });
                if in_sets {
                    stderr("error: no save can mend a `--set`: stopped; fix the command\n");
                    self.fatal = Some(2);
                }
                return self.failed();
            }
        };
        if !self.global.quiet {
            stderr(&crate::report::diagnostics(
                sources,
                &output.warnings,
                color,
            ));
        }
        if write_pdf(&self.out, &output.pdf, sources).is_err() {
            // A refusal (the PDF over a file the build reads, over what is not a
            // regular file) holds for every save; a failed write may not.
            if refused_for_good(&self.out, sources.inputs()) {
                stderr("error: no save can change where the PDF goes: stopped\n");
                self.fatal = Some(2);
            }
            return self.failed();
        }
        let cleared = std::mem::replace(&mut self.failing, false);
        if !self.global.quiet || cleared {
            let _ = writeln!(
                std::io::stderr().lock(),
                "built {}: {} page{} in {:.1} ms{}",
                out_name(&self.out),
                output.pages,
                if output.pages == 1 { "" } else { "s" },
                started.elapsed().as_secs_f64() * 1e3,
                if cleared {
                    "; the errors are cleared"
                } else {
                    ""
                }
            );
        }
        true
    }

    /// What became of the PDF when a build failed.
    fn kept(&self) -> String {
        if self.out.exists() {
            format!("kept the last good {}", out_name(&self.out))
        } else {
            format!("{} not written", out_name(&self.out))
        }
    }

    /// Note a build that failed (its problems are printed); `false`, for the
    /// caller to return.
    fn failed(&mut self) -> bool {
        self.failing = true;
        false
    }

    /// Watch the folders of the files, and no others.
    fn rewatch(&mut self) {
        let folders: BTreeSet<PathBuf> = self.files.iter().map(|(d, _)| d.clone()).collect();
        for gone in self.folders.difference(&folders) {
            let _ = self.watcher.unwatch(gone);
        }
        for new in folders.difference(&self.folders) {
            if let Err(e) = self.watcher.watch(new, RecursiveMode::NonRecursive) {
                stderr(&format!(
                    "warning: cannot watch `{}`: {e}\n",
                    crate::diag::escape(&new.display().to_string())
                ));
            }
        }
        self.folders = folders;
    }
}

/// Open `pdf` in the system's viewer, without waiting for it; a viewer that cannot
/// be started is a warning.
fn open(pdf: &Path) {
    let mut command = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        // `start`'s first quoted argument is a window title.
        c.args(["/c", "start", ""]);
        c
    } else {
        Command::new("xdg-open")
    };
    command
        .arg(pdf)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let shown = crate::diag::escape(&pdf.display().to_string());
    let program = command.get_program().to_string_lossy().to_string();
    match command.spawn() {
        // Some openers wait for the viewer to close: waited for beside the builds.
        Ok(mut child) => {
            std::thread::spawn(move || match child.wait() {
                Ok(status) if !status.success() => stderr(&format!(
                    "warning: cannot open {shown}: `{program}` failed ({status})\n"
                )),
                _ => {}
            });
        }
        Err(e) => stderr(&format!(
            "warning: cannot open {shown}: `{program}`: {}\n",
            crate::diag::io_reason(&e)
        )),
    }
}
