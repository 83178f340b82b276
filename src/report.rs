//! The report of `cvc check`, in three forms: for a person (`human`), for programs
//! (`json`, a stable schema documented in `docs/check.md`), and for GitHub Actions
//! (`github`: workflow-command annotations on the lines of `cv.toml`).

use serde::Serialize;

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::compile::LayoutCheck;
use crate::diag::{escape, Diagnostic, Origin, Severity, Sources, SHOWN};

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// Each problem once, with its place: an error in `cv.toml` is found again for every
/// layout. `T` is what the caller needs along (the layout's check, for `github`).
fn distinct<'a, T>(
    sources: &Sources,
    items: impl IntoIterator<Item = (T, &'a Diagnostic)>,
) -> Vec<(T, &'a Diagnostic, Option<Place>)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (along, d) in items {
        let at = d.origin.map(|o| place(sources, o));
        if seen.insert((at.clone(), d.severity, d.message.as_str())) {
            out.push((along, d, at));
        }
    }
    out
}

/// Errors and warnings over all layouts, each problem once, as [`diagnostics`]
/// shows them.
pub fn counts(sources: &Sources, checks: &[LayoutCheck]) -> (usize, usize) {
    let all = checks.iter().flat_map(|c| &c.diagnostics).map(|d| ((), d));
    let problems = distinct(sources, all);
    let errors = problems
        .iter()
        .filter(|(_, d, _)| d.severity == Severity::Error)
        .count();
    (errors, problems.len() - errors)
}

/// Diagnostics for a person: each with its file, line, column and source line, each
/// problem once, at most [`SHOWN`] of them and then how many more there are.
pub fn diagnostics<'a>(
    sources: &Sources,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    color: bool,
) -> String {
    let problems = distinct(sources, diagnostics.into_iter().map(|d| ((), d)));
    let mut out = String::new();
    for (_, d, _) in problems.iter().take(SHOWN) {
        out.push_str(&sources.render_styled(d, color));
    }
    let hidden = problems.len().saturating_sub(SHOWN);
    if hidden > 0 {
        let _ = writeln!(
            out,
            "… and {hidden} more problem{}, not shown (`cvc check --format json` lists them all)",
            plural(hidden)
        );
    }
    out
}

/// Diagnostics with their file, line and column, then a line per layout and a
/// verdict.
pub fn human(sources: &Sources, checks: &[LayoutCheck], color: bool) -> String {
    let mut out = diagnostics(sources, checks.iter().flat_map(|c| &c.diagnostics), color);
    for check in checks {
        let errors = check
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let budget = check
            .budget
            .map_or(String::new(), |b| format!(" (budget {b})"));
        let verdict = if errors == 0 {
            "ok".to_string()
        } else {
            format!("{errors} error{}", plural(errors))
        };
        let fitted = match &check.fit {
            Some(f) if f.fits => format!(
                ", fitted: {} ({} pass{})",
                f.describe(),
                f.passes,
                if f.passes == 1 { "" } else { "es" }
            ),
            _ => String::new(),
        };
        out.push_str(&format!(
            "{}: {} page{}{budget}{fitted}: {verdict}\n",
            escape(&check.layout),
            check.pages,
            plural(check.pages)
        ));
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[derive(Serialize)]
struct Report<'a> {
    /// The schema's version; it changes only when a field changes meaning.
    version: u32,
    cv: &'a str,
    ok: bool,
    errors: usize,
    warnings: usize,
    layouts: Vec<LayoutReport>,
}

#[derive(Serialize)]
struct LayoutReport {
    name: String,
    pages: usize,
    budget: Option<u32>,
    overflow: Option<OverflowReport>,
    fit: Option<FitReport>,
    diagnostics: Vec<DiagnosticReport>,
}

#[derive(Serialize)]
struct FitReport {
    fits: bool,
    body: f32,
    leading: f32,
    spacing: f32,
    margins: f32,
    passes: usize,
}

#[derive(Serialize)]
struct OverflowReport {
    lines: u32,
    points: f32,
    section: Option<String>,
    entry: Option<Place>,
}

#[derive(Serialize, Clone, PartialEq, Eq, Hash)]
struct Place {
    file: String,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct DiagnosticReport {
    severity: &'static str,
    code: &'static str,
    message: String,
    help: Option<String>,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
}

fn place(sources: &Sources, origin: Origin) -> Place {
    let pos = sources.resolve(origin);
    Place {
        file: sources.get(origin.file).name.clone(),
        line: pos.line,
        column: pos.column,
    }
}

/// The report as one JSON document (see `docs/check.md`).
pub fn json(sources: &Sources, cv: &str, checks: &[LayoutCheck], deny_warnings: bool) -> String {
    let (errors, warnings) = counts(sources, checks);
    let report = Report {
        version: 1,
        cv,
        ok: errors == 0 && (!deny_warnings || warnings == 0),
        errors,
        warnings,
        layouts: checks
            .iter()
            .map(|c| LayoutReport {
                name: c.layout.clone(),
                pages: c.pages,
                budget: c.budget,
                overflow: c.overflow.as_ref().map(|o| OverflowReport {
                    lines: o.lines,
                    points: (o.points * 10.0).round() / 10.0,
                    section: o.section.clone(),
                    entry: o.entry.map(|origin| place(sources, origin)),
                }),
                fit: c.fit.as_ref().map(|f| FitReport {
                    fits: f.fits,
                    body: (f.body * 100.0).round() / 100.0,
                    leading: (f.leading * 1000.0).round() / 1000.0,
                    spacing: (f.spacing * 1000.0).round() / 1000.0,
                    margins: (f.margins * 1000.0).round() / 1000.0,
                    passes: f.passes,
                }),
                diagnostics: c
                    .diagnostics
                    .iter()
                    .map(|d| {
                        let at = d.origin.map(|o| place(sources, o));
                        DiagnosticReport {
                            severity: d.severity.as_str(),
                            code: d.code.as_str(),
                            message: d.message.clone(),
                            help: d.help.clone(),
                            file: at.as_ref().map(|p| p.file.clone()),
                            line: at.as_ref().map(|p| p.line),
                            column: at.as_ref().map(|p| p.column),
                        }
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut s =
        serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// GitHub Actions workflow commands: `::error file=cv.toml,line=12,col=5,title=…::msg`.
pub fn github(sources: &Sources, checks: &[LayoutCheck]) -> String {
    let all = checks
        .iter()
        .flat_map(|c| c.diagnostics.iter().map(move |d| (c, d)));
    let mut out = String::new();
    for (check, d, at) in distinct(sources, all).into_iter().take(SHOWN) {
        let mut props = Vec::new();
        if let Some(p) = at {
            props.push(format!("file={}", escape_property(&escape(&p.file))));
            props.push(format!("line={}", p.line));
            props.push(format!("col={}", p.column));
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("cvc check ({})", check.layout))
        ));
        let mut message = escape(&d.message);
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(&escape(help));
        }
        out.push_str(&format!(
            "::{} {}::{}\n",
            d.severity.as_str(),
            props.join(","),
            escape_data(&message)
        ));
    }
    out
}

/// Escaping of a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping of a workflow command's property values.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_are_escaped() {
        assert_eq!(escape_data("50% of a\nline"), "50%25 of a%0Aline");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
