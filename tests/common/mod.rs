//! What the integration tests share: running the binary as a user does, in a
//! scratch directory of its own, and reading PDFs back with poppler's tools.
//!
//! When a tool is missing the check that needs it is skipped with a note, unless
//! `CI` is set: there a missing tool fails the test, so CI can never go green
//! without looking at a PDF.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `cvc` with `args`, to run in `dir`, without the variables that change its
/// output (SOURCE_DATE_EPOCH, GITHUB_ACTIONS, CLICOLOR_FORCE, NO_COLOR).
pub fn command(args: &[&str], dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cvc"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR");
    cmd
}

/// Run `cvc` in `dir` with `env` set (see [`command`]).
pub fn cvc_env(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = command(args, dir);
    cmd.envs(env.iter().copied());
    cmd.output().expect("cvc runs")
}

pub fn cvc(args: &[&str], dir: &Path) -> Output {
    cvc_env(args, dir, &[])
}

/// Fails, showing what cvc said, unless it exited with 0.
#[track_caller]
pub fn succeeded(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "cvc failed:\n{}{}",
        stderr(out),
        stdout(out)
    );
}

/// `cvc build CV -o out.pdf EXTRA…` from the repository root (`cv` is relative to
/// it), into a fresh scratch directory `name`; fails unless the build succeeds.
/// Returns the PDF's path and what cvc said.
pub fn build_in_scratch(cv: &str, name: &str, extra: &[&str]) -> (PathBuf, Output) {
    let pdf = scratch(name).join("out.pdf");
    let mut args = vec!["build", cv, "-o", path(&pdf)];
    args.extend_from_slice(extra);
    let out = cvc(&args, &root());
    succeeded(&out);
    (pdf, out)
}

/// A fresh, empty directory for one test of one test file, under cargo's
/// `target/tmp` so that runs neither fill the system's temporary directory nor
/// see each other's leftovers.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(env!("CARGO_CRATE_NAME"))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Write `contents` to the file `name` of `dir` (a relative path: its folders are
/// made).
pub fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) {
    let file = dir.join(name);
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)
            .unwrap_or_else(|e| panic!("create {}: {e}", parent.display()));
    }
    std::fs::write(&file, contents).unwrap_or_else(|e| panic!("write {}: {e}", file.display()));
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Fails, showing all of stderr, unless stderr contains `needle`.
#[track_caller]
pub fn says(out: &Output, needle: &str) {
    let err = stderr(out);
    assert!(err.contains(needle), "no {needle:?} in:\n{err}");
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What an external tool prints, which must succeed (`qpdf --check` exits 3 for
/// warnings, which its output names; 2, for errors, fails); `None` (and a note)
/// when the tool is not installed outside CI. Any other failure, to start the tool
/// or of the tool, panics with what the tool said on stderr.
pub fn tool(name: &str, args: &[&str]) -> Option<String> {
    match Command::new(name).args(args).output() {
        Ok(out) => {
            let warned = name == "qpdf" && out.status.code() == Some(3);
            assert!(
                out.status.success() || warned,
                "{name} {args:?} failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            panic!("cannot run `{name}`: {e}")
        }
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!(
                "`{name}` is not installed; CI must install poppler-utils and qpdf (see .ci/test)"
            )
        }
        Err(_) => {
            eprintln!(
                "note: `{name}` not installed; skipping this check (run .ci/test to install it)"
            );
            None
        }
    }
}

/// How many pages `pdfinfo` counts in a PDF; `None` only where [`tool`] skips.
/// A PDF that `pdfinfo` cannot read, or output without a page count, panics.
pub fn pages(pdf: &Path) -> Option<usize> {
    let info = tool("pdfinfo", &[path(pdf)])?;
    let count = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok());
    Some(count.unwrap_or_else(|| panic!("no page count from pdfinfo:\n{info}")))
}

/// A path as the argument of a tool.
pub fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The text of a PDF as `pdftotext` reads it, line by line.
pub fn pdf_lines(pdf: &Path) -> Option<String> {
    tool("pdftotext", &[path(pdf), "-"])
}

/// The text of a PDF as `pdftotext` reads it, white space folded.
pub fn pdf_text(pdf: &Path) -> Option<String> {
    pdf_lines(pdf).map(|t| fold(&t))
}

/// The text of page `page` (from 1) of a PDF, line by line.
pub fn page_text(pdf: &Path, page: usize) -> Option<String> {
    let p = page.to_string();
    tool("pdftotext", &["-f", &p, "-l", &p, path(pdf), "-"])
}

/// A word of `pdftotext -bbox`, in points from the top left of its page.
#[derive(Debug, Clone, PartialEq)]
pub struct WordBox {
    pub word: String,
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
}

/// Every word of a PDF with its box, as `pdftotext -bbox` reads them; a word line
/// that cannot be read panics.
pub fn word_boxes(pdf: &Path) -> Option<Vec<WordBox>> {
    let html = tool("pdftotext", &["-bbox", path(pdf), "-"])?;
    let attr = |line: &str, name: &str| -> f32 {
        line.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|v| v.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in a word of pdftotext -bbox: {line}"))
    };
    let boxes = html
        .lines()
        .filter(|l| l.contains("<word "))
        .map(|l| WordBox {
            word: l
                .split_once('>')
                .and_then(|(_, rest)| rest.split_once("</word>"))
                .unwrap_or_else(|| panic!("not a word of pdftotext -bbox: {l}"))
                .0
                .to_string(),
            x_min: attr(l, "xMin"),
            y_min: attr(l, "yMin"),
            x_max: attr(l, "xMax"),
            y_max: attr(l, "yMax"),
        })
        .collect();
    Some(boxes)
}

/// Text with all kinds of white space folded to single spaces, and typographic
/// quotes folded back to typewriter quotes.
pub fn fold(s: &str) -> String {
    s.replace(['‘', '’'], "'")
        .replace(['“', '”'], "\"")
        .split(|c: char| c.is_whitespace() || matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the font files `fonts` are installed (Debian's Noto fonts, which
/// `.ci/test` installs): outside CI a note says what is skipped when they are
/// not; in CI a missing font fails the test.
pub fn fonts_installed(fonts: &[&str]) -> bool {
    let missing: Vec<&str> = fonts
        .iter()
        .copied()
        .filter(|f| !Path::new(f).is_file())
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{missing:?} not installed; CI must install fonts-noto-cjk and fonts-noto-core (see .ci/test)"
    );
    eprintln!("note: {missing:?} not installed; skipping (run .ci/test to install them)");
    false
}
