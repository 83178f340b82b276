//! What the commands read: the layouts to check by default, a layout by name or
//! path, and the CV (from a file or standard input, UTF-8, TOML).

use std::path::{Path, PathBuf};

use super::usage;
use crate::diag::Sources;
use crate::files;
use crate::layouts::{self, LayoutSource};

/// The layouts `cvc check` checks by default: those with a page budget, among the
/// built-ins and the files in [`layout_dirs`] (a file there wins over a built-in of
/// the same name, and one next to the CV over one in ./layouts/), and every file there that cannot be loaded (so that its errors are
/// reported, not skipped); `full` if there is none.
pub(super) fn budgeted_layouts(cv: &Path) -> Vec<LayoutSource> {
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
pub(super) fn layout_dirs(cv: &Path) -> Vec<PathBuf> {
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
pub(super) fn layout_source(arg: &str, cv: &Path) -> Result<LayoutSource, String> {
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

/// The files `--layout` names or may name: the path it gives, or `NAME.toml` in
/// each of [`layout_dirs`] (a layout saved there later takes the built-in's place).
pub(super) fn layout_candidates(arg: &str, cv: &Path) -> Vec<PathBuf> {
    if arg.contains(['/', '\\']) || arg.ends_with(".toml") {
        return vec![PathBuf::from(arg)];
    }
    layout_dirs(cv)
        .iter()
        .map(|d| d.join(format!("{arg}.toml")))
        .collect()
}

/// Why the CV's text could not be had.
pub(super) enum CvProblem {
    /// It cannot be read (the reason was printed); the exit status.
    Unreadable(i32),
    /// It is not UTF-8: the error, pointing into its text as registered.
    NotUtf8(crate::diag::Diagnostic),
}

/// The CV's text, noted in `sources` as an input.
pub(super) fn read_cv(cv: &Path, sources: &mut Sources) -> Result<String, CvProblem> {
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
            "`{}` is {format}, and cvc reads TOML: a cv.toml\n  = help: `cvc import {}` converts a JSON Resume or a RenderCV file into a cv.toml; `cvc new` writes one to fill in",
            cv_name(cv),
            cv_name(cv)
        ))));
    }
    Ok(text)
}

/// The format a CV given to cvc is in when it is not TOML but JSON (a JSON
/// Resume) or YAML (a RenderCV file), by its name or its first line: TOML has no
/// `{` at the start and no `key: value` line, so such a file would only meet a
/// syntax error at its first line.
pub(super) fn foreign_format(cv: &Path, text: &str) -> Option<&'static str> {
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

/// How messages name the CV: its path, or `<stdin>`.
pub(super) fn cv_name(cv: &Path) -> String {
    if cv == Path::new("-") {
        "<stdin>".to_string()
    } else {
        cv.display().to_string()
    }
}

/// The directory a file's relative paths are resolved against.
pub(super) fn parent_dir(path: &Path) -> PathBuf {
    path.parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}
