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

/// Run `cvc` in `dir` with `env` set, and without the variables that change its
/// output (SOURCE_DATE_EPOCH, GITHUB_ACTIONS).
pub fn cvc_env(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cvc"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("GITHUB_ACTIONS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("cvc runs")
}

pub fn cvc(args: &[&str], dir: &Path) -> Output {
    cvc_env(args, dir, &[])
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

/// The text of a PDF as `pdftotext` reads it, white space folded.
pub fn pdf_text(pdf: &Path) -> Option<String> {
    tool("pdftotext", &[path(pdf), "-"]).map(|t| fold(&t))
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
