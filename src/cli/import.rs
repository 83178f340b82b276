//! `cvc import FILE [-o OUT]`: a JSON Resume or RenderCV file becomes a
//! `cv.toml` (by default in the current directory, where `cvc build` looks for
//! one), never written over an existing file. What could not be imported is
//! listed on standard error (and at the top of the file), then one line says
//! what was written and the command to run next.

use std::path::{Path, PathBuf};

use super::inputs::{cv_name, parent_dir};
use super::{stderr, stdout, usage, Global};
use crate::diag::{escape, Sources};
use crate::files;
use crate::import::{self, Failure, Imported, NoteKind, Options, Syntax};

/// Run `cvc import`; the exit status: 0 when the `cv.toml` was written (with
/// notes or not), 1 when the file is not a CV cvc imports (or the import failed
/// its own check), 2 for what cannot be read or written.
pub(super) fn import(file: &Path, out: PathBuf, global: Global) -> i32 {
    let name = cv_name(file);
    let stdin = file == Path::new("-");
    if let Err(message) = writable(&out) {
        return usage(&message);
    }
    let bytes = if stdin {
        files::read_stdin(files::CV)
    } else {
        files::read(file, files::CV)
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(why) => return usage(&format!("cannot read `{name}`: {why}")),
    };
    let text = match files::decode(bytes) {
        Ok(text) => text,
        Err(bad) => {
            let mut sources = Sources::default();
            let id = sources.add(name.clone(), bad.lossy.clone());
            stderr(&sources.render(&bad.diagnostic(id)));
            return 1;
        }
    };
    let to_stdout = out == Path::new("-");
    let options = Options {
        source_dir: if stdin { ".".into() } else { parent_dir(file) },
        output_dir: if to_stdout {
            ".".into()
        } else {
            parent_dir(&out)
        },
    };
    let syntax = Syntax::of_name(file).unwrap_or_else(|| Syntax::of_text(&text));
    let imported = match import::convert(&text, &name, syntax, &options) {
        Ok(imported) => imported,
        Err(failure) => return failed(&name, syntax, failure),
    };
    if imported.toml.len() as u64 > files::CV.bytes {
        return usage(&format!(
            "the cv.toml made from `{name}` would be larger than 1 MiB, more than cvc reads"
        ));
    }
    if !global.quiet {
        stderr(&notes(&imported));
        let cv_dir = if to_stdout {
            PathBuf::from(".")
        } else {
            parent_dir(&out)
        };
        stderr(&building(&imported.toml, &out, &cv_dir, global));
    }
    if to_stdout {
        let status = stdout(&imported.toml, 0);
        if status == 0 && !global.quiet {
            stderr(&summary(&imported, "standard output", &name, None));
        }
        return status;
    }
    let shown = escape(&out.display().to_string());
    if let Err(why) = files::create_new_by(&out, imported.toml.as_bytes(), "cvc import") {
        return usage(&format!(
            "cannot write `{shown}`: {why}\n  = help: name another file with `-o`, or `-o -` for standard output"
        ));
    }
    if !global.quiet {
        let next = if out == Path::new("cv.toml") {
            "cvc build".to_string()
        } else {
            format!("cvc build {shown}")
        };
        stderr(&summary(&imported, &shown, &name, Some(&next)));
    }
    0
}

/// Whether `out` may be written: standard output, or a `.toml` file that is not
/// there yet (checked before reading, so a refusal comes before the notes; the
/// write itself still never replaces a file).
fn writable(out: &Path) -> Result<(), String> {
    if out == Path::new("-") {
        return Ok(());
    }
    let shown = escape(&out.display().to_string());
    let toml = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if !toml {
        return Err(format!(
            "`{shown}` does not end in `.toml`: cvc import writes a cv.toml\n  = help: name the file `-o cv.toml`, or `-o -` for standard output"
        ));
    }
    if out.symlink_metadata().is_ok() {
        return Err(format!(
            "`{shown}` exists, and cvc import never writes over a file\n  = help: name another file with `-o`, or `-o -` for standard output"
        ));
    }
    Ok(())
}

/// What building the imported CV in the built-in layout finds (a name in a
/// script no bundled font has), as warnings: the import's own check reads the
/// file, and only a build sets its characters.
fn building(toml: &str, out: &Path, cv_dir: &Path, global: Global) -> String {
    let name = if out == Path::new("-") {
        "cv.toml".to_string()
    } else {
        cv_name(out)
    };
    let layout = crate::layouts::LayoutSource::Builtin("full".into());
    let pdf = crate::pdf::PdfOptions {
        creator: String::new(),
        date: None,
    };
    let request = crate::compile::Request {
        cv_name: &name,
        cv_text: toml,
        cv_dir,
        layout: &layout,
        sets: &[],
        pdf: &pdf,
        fit: false,
    };
    let mut sources = Sources::default();
    let Err(failure) = crate::compile::build(&mut sources, &request) else {
        return String::new();
    };
    let color = super::color(&std::io::stderr(), global.color);
    let problems = crate::report::diagnostics(&sources, &failure.diagnostics, color);
    format!(
        "{problems}warning: the imported CV does not build as it is, for the problems above\n  = help: characters no bundled font has need a layout with `[fonts] fallback` (docs/layouts.md)\n"
    )
}

/// The message of a failed import; its exit status.
fn failed(name: &str, syntax: Syntax, failure: Failure) -> i32 {
    let format = match syntax {
        Syntax::Json => "JSON",
        Syntax::Yaml => "YAML",
    };
    let message = match failure {
        Failure::Syntax {
            message,
            line,
            column,
        } => format!("`{name}` is not valid {format}: {message}, at line {line}, column {column}"),
        Failure::NotACv(message) => message,
        Failure::Internal(problems) => format!(
            "cvc import made a cv.toml that cvc cannot read; this is a bug in cvc, not a problem in `{name}`: please report it with the file\n{problems}"
        ),
    };
    let lines: Vec<String> = message.lines().map(escape).collect();
    stderr(&format!("error: {}\n", lines.join("\n")));
    1
}

/// The notes, one a line: what was not imported (warnings), what was changed,
/// and, in one line, what is not content.
fn notes(imported: &Imported) -> String {
    let mut out = String::new();
    for n in &imported.notes {
        let line = match n.kind {
            NoteKind::NotImported => format!("warning: not imported: `{}` {}", n.path, n.message),
            NoteKind::Changed => format!("note: `{}` {}", n.path, n.message),
            NoteKind::NotContent => continue,
        };
        out.push_str(&escape(&line));
        out.push('\n');
    }
    let not_content: Vec<String> = imported
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::NotContent)
        .map(|n| format!("`{}`", n.path))
        .collect();
    if !not_content.is_empty() {
        let line = format!(
            "note: not imported, as they are not the CV's content: {}",
            not_content.join(", ")
        );
        out.push_str(&escape(&line));
        out.push('\n');
    }
    out
}

/// "wrote cv.toml from resume.json (JSON Resume): …; then `cvc build`".
fn summary(imported: &Imported, to: &str, from: &str, next: Option<&str>) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = vec![plural(imported.sections, "section", "sections")];
    parts.push(plural(imported.entries, "entry", "entries"));
    if imported.publications > 0 {
        parts.push(plural(imported.publications, "publication", "publications"));
    }
    parts.push(plural(imported.items, "item", "items"));
    let missed = imported
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::NotImported)
        .count();
    let missed = match missed {
        0 => "everything imported".to_string(),
        n => format!(
            "{} not imported (listed above and at the top of the file)",
            plural(n, "value", "values")
        ),
    };
    let then = next.map_or_else(String::new, |n| format!("; next: `{n}`"));
    let line = format!(
        "wrote {to} from {from} ({}): {}; {missed}{then}",
        imported.format,
        parts.join(", ")
    );
    escape(&line) + "\n"
}
