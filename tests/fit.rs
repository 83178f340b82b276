//! `--fit` as a user meets it, through the binary: a CV a little over its layout's
//! page budget comes back to it, shrunk as little as it can be (spacing, leading and
//! margins first, type size only when they are not enough), with all its text; a CV
//! that does not fit even at the layout's `[fit]` minimums fails and says so.
//!
//! The CVs and the layout are written here, so that neither the author's CV nor a
//! built-in layout can move them across the page boundary.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{cvc, pages, pdf_text, says, scratch, stderr, stdout, succeeded, word_boxes, write};

/// The layout's type sizes in pt at its own body size of 10 pt.
const SIZES: [(&str, f32); 7] = [
    ("name", 24.0),
    ("headline", 12.0),
    ("contact", 9.0),
    ("section", 12.0),
    ("body", 10.0),
    ("date", 9.0),
    ("footer", 8.0),
];
/// Its spacing in pt; leading is separate.
const SPACING: [(&str, f32); 5] = [
    ("paragraph", 3.0),
    ("entry", 8.0),
    ("section_before", 14.0),
    ("section_after", 6.0),
    ("header_after", 14.0),
];
const LEADING: f32 = 1.3;
/// Every margin, mm.
const MARGIN: f32 = 20.0;
/// The `[fit]` limits.
const MIN_BODY: f32 = 8.0;
const MIN_LEADING: f32 = 1.1;
const MIN_SPACING: f32 = 0.4;
const MIN_MARGINS: f32 = 0.7;
const A4_HEIGHT: f32 = 841.89;

/// The layout of these tests: one page, with `[fit]` limits. `body` sets the body
/// size (every type size in proportion); with `minimum`, spacing, leading and
/// margins are at the `[fit]` minimums instead of the layout's own values: this is
/// what `--fit` may shrink the layout to, written out by hand.
fn layout(body: f32, minimum: bool) -> String {
    let scale = body / 10.0;
    let (leading, spacing, margins) = if minimum {
        (MIN_LEADING, MIN_SPACING, MIN_MARGINS)
    } else {
        (LEADING, 1.0, 1.0)
    };
    let mut l = String::from("description = \"one page, with room to shrink\"\nmax_pages = 1\n");
    let m = MARGIN * margins;
    l += &format!(
        "[page]\nsize = \"a4\"\nmargins = {{ top = {m}, bottom = {m}, left = {m}, right = {m} }}\n"
    );
    l += "[sizes]\n";
    for (key, size) in SIZES {
        l += &format!("{key} = {}\n", size * scale);
    }
    l += &format!("[spacing]\nleading = {leading}\n");
    for (key, space) in SPACING {
        l += &format!("{key} = {}\n", space * spacing);
    }
    l += &format!(
        "[fit]\nmin_body = {MIN_BODY}\nmin_leading = {MIN_LEADING}\nmin_spacing = {MIN_SPACING}\nmin_margins = {MIN_MARGINS}\n"
    );
    l
}

/// A generic engineer's CV with `positions` positions, each with its dates and two
/// bullets, and the texts a reader must find in its PDF.
fn engineer(positions: usize) -> (String, Vec<String>) {
    let mut cv = String::from(
        "[person]\nname = \"Sam Rivera\"\nheadline = \"Backend engineer: distributed systems and data pipelines\"\ncontact = [{ email = \"sam@example.org\" }, { github = \"samrivera\" }]\n\n[[section]]\ntitle = \"Experience\"\n",
    );
    let mut texts: Vec<String> = [
        "Sam Rivera",
        "Backend engineer: distributed systems and data pipelines",
        "sam@example.org",
        "github.com/samrivera",
        "Experience",
    ]
    .map(String::from)
    .to_vec();
    for i in 1..=positions {
        let (title, organisation) = (format!("Software Engineer {i}"), format!("Company {i}"));
        let bullets = [
            format!("Built service {i}, which answers the requests of every team."),
            format!("Cut the cost of data pipeline {i} by a third."),
        ];
        cv += &format!(
            "\n[[section.entry]]\ntitle = \"{title}\"\norganisation = \"{organisation}\"\nstart = \"{}\"\nend = \"{}\"\nbullets = [\"{}\", \"{}\"]\n",
            1990 + i,
            1991 + i,
            bullets[0],
            bullets[1]
        );
        texts.extend([title, organisation]);
        texts.extend(bullets);
    }
    (cv, texts)
}

/// A scratch directory with the engineer's CV of `positions` positions as
/// `cv.toml` and the layout as `one.toml`; and the CV's texts.
fn setup(name: &str, positions: usize) -> (PathBuf, Vec<String>) {
    let dir = scratch(name);
    let (cv, texts) = engineer(positions);
    write(&dir, "cv.toml", cv);
    write(&dir, "one.toml", layout(10.0, false));
    (dir, texts)
}

/// What `--fit` says it chose: "fitted to 1 page: body 10.00 pt, leading 1.18,
/// spacing 64%, margins 82% (7 layout passes)".
#[derive(Debug)]
struct Fitted {
    body: f32,
    leading: f32,
    spacing: f32,
    margins: f32,
    passes: usize,
}

fn fitted(said: &str) -> Fitted {
    let line = said
        .lines()
        .find_map(|l| l.strip_prefix("fitted to 1 page: "))
        .unwrap_or_else(|| panic!("no `fitted to 1 page: ` in:\n{said}"));
    let number = |key: &str| -> f32 {
        line.split(key)
            .nth(1)
            .and_then(|rest| {
                rest.trim_start()
                    .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .next()
            })
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no {key:?} number in {line:?}"))
    };
    Fitted {
        body: number("body"),
        leading: number("leading"),
        spacing: number("spacing") / 100.0,
        margins: number("margins") / 100.0,
        passes: number("(") as usize,
    }
}

/// Builds with `one.toml` and `--fit` into `fitted.pdf`, which must succeed, be one
/// page and hold every text; returns what cvc chose.
fn build_fitted(dir: &Path, texts: &[String]) -> Fitted {
    let out = one("build", dir, &["--fit", "-o", "fitted.pdf"]);
    succeeded(&out);
    says(&out, "wrote fitted.pdf (1 page, ");
    let pdf = dir.join("fitted.pdf");
    if let Some(n) = pages(&pdf) {
        assert_eq!(n, 1, "pdfinfo counts {n} pages");
    }
    if let Some(text) = pdf_text(&pdf) {
        for t in texts {
            assert!(text.contains(t.as_str()), "{t:?} is missing from:\n{text}");
        }
    }
    let chose = fitted(&stderr(&out));
    assert!(chose.passes <= 13, "at most 13 layout passes: {chose:?}");
    chose
}

/// `cvc COMMAND --layout ./one.toml ARGS…` in `dir`.
fn one(command: &str, dir: &Path, args: &[&str]) -> Output {
    let mut all = vec![command, "--layout", "./one.toml"];
    all.extend_from_slice(args);
    cvc(&all, dir)
}

/// The bottom of the lowest word of a one-page PDF, pt from the top of the page.
fn text_bottom(pdf: &Path) -> Option<f32> {
    let words = word_boxes(pdf)?;
    assert!(!words.is_empty(), "no words in {}", pdf.display());
    Some(words.iter().map(|b| b.y_max).fold(0.0, f32::max))
}

/// Builds the CV in `dir` with `layout` written as `name` (no `--fit`) into `out`;
/// returns the page count cvc reports.
fn build_with(dir: &Path, name: &str, layout: String, out: &str) -> String {
    write(dir, name, layout);
    let built = cvc(&["build", "--layout", &format!("./{name}"), "-o", out], dir);
    succeeded(&built);
    stderr(&built)
}

/// The least shrinking: the layout `minimum` (written out at what `--fit` may
/// shrink to) gives one page too, but `fitted.pdf` is not that PDF: its text runs
/// further down, to within two lines of the bottom margin.
fn shrank_least(dir: &Path, chose: &Fitted, minimum: String) {
    let said = build_with(dir, "least.toml", minimum, "least.pdf");
    assert!(said.contains("(1 page, "), "{said}");
    assert!(
        std::fs::read(dir.join("fitted.pdf")).expect("fitted.pdf")
            != std::fs::read(dir.join("least.pdf")).expect("least.pdf"),
        "--fit shrank to the minimums: fitted.pdf is least.pdf"
    );
    let (Some(fitted), Some(least)) = (
        text_bottom(&dir.join("fitted.pdf")),
        text_bottom(&dir.join("least.pdf")),
    ) else {
        return;
    };
    assert!(
        fitted > least + 10.0,
        "the fitted text ends at {fitted} pt, the minimum's at {least} pt"
    );
    let frame_bottom = A4_HEIGHT - MARGIN * chose.margins * 72.0 / 25.4;
    assert!(
        frame_bottom - fitted < 2.0 * chose.body * chose.leading,
        "the fitted text ends at {fitted} pt, {} pt above the bottom margin: {chose:?}",
        frame_bottom - fitted
    );
}

#[test]
fn a_cv_a_little_over_its_page_shrinks_spacing_only_and_as_little_as_it_can() {
    let (dir, texts) = setup("spacing", 16);
    // Without --fit: over budget.
    let out = one("check", &dir, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report = stdout(&out);
    assert!(
        report.contains("error: layout `one` allows 1 page; the CV takes 2: "),
        "{report}"
    );
    assert!(report.contains("or try --fit"), "{report}");
    assert!(
        report.ends_with("one: 2 pages (budget 1): 1 error\ncheck failed: 1 error, 0 warnings\n"),
        "{report}"
    );
    let out = one("build", &dir, &["-o", "plain.pdf"]);
    succeeded(&out);
    says(&out, "warning: layout `one` allows 1 page; this CV takes 2");
    if let Some(n) = pages(&dir.join("plain.pdf")) {
        assert_eq!(n, 2, "without --fit the CV is two pages");
    }

    // With --fit: one page, at full type size, spacing between its minimum and its own.
    let chose = build_fitted(&dir, &texts);
    assert_eq!(chose.body, 10.0, "spacing was enough: {chose:?}");
    assert!(
        chose.spacing > MIN_SPACING + 0.05 && chose.spacing < 0.95,
        "spacing shrinks, but not to its minimum: {chose:?}"
    );
    assert!(
        chose.leading > MIN_LEADING && chose.leading < LEADING,
        "{chose:?}"
    );
    assert!(
        chose.margins > MIN_MARGINS && chose.margins < 1.0,
        "{chose:?}"
    );
    let out = one("check", &dir, &["--fit"]);
    succeeded(&out);
    assert!(
        stdout(&out).starts_with("one: 1 page (budget 1), fitted: body 10.00 pt, leading "),
        "{}",
        stdout(&out)
    );

    // Not the minimums, which fit with room to spare.
    shrank_least(&dir, &chose, layout(10.0, true));
}

#[test]
fn type_shrinks_only_when_the_minimum_spacing_is_not_enough_and_only_as_far_as_needed() {
    let (dir, texts) = setup("type", 20);
    // Spacing, leading and margins at their minimums at full type size: still two pages.
    let said = build_with(&dir, "spaced.toml", layout(10.0, true), "spaced.pdf");
    assert!(said.contains("(2 pages, "), "{said}");

    let chose = build_fitted(&dir, &texts);
    assert_eq!(
        (chose.leading, chose.spacing, chose.margins),
        (MIN_LEADING, MIN_SPACING, MIN_MARGINS),
        "spacing, leading and margins go to their minimums before type shrinks: {chose:?}"
    );
    assert!(
        chose.body > MIN_BODY + 0.2 && chose.body < 10.0,
        "type shrinks, but not to its minimum: {chose:?}"
    );

    // Not the minimum body size, which fits with room to spare.
    shrank_least(&dir, &chose, layout(MIN_BODY, true));
}

#[test]
fn a_cv_that_does_not_fit_even_at_the_minimums_fails_and_says_so() {
    let (dir, _) = setup("too-long", 30);
    let expected = format!(
        "error: layout `one` allows 1 page; the CV takes 2 even at the smallest settings its [fit] allows (body {MIN_BODY:.2} pt, leading {MIN_LEADING:.2}, spacing {:.0}%, margins {:.0}%): ",
        MIN_SPACING * 100.0,
        MIN_MARGINS * 100.0
    );
    let out = one("build", &dir, &["--fit", "-o", "fitted.pdf"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    says(&out, &expected);
    says(&out, " over; the first to spill is in section `Experience`");
    says(
        &out,
        "= help: cut what spills first, or lower the layout's [fit] minimums",
    );
    says(
        &out,
        "error: fitted.pdf not written: 1 error in the document",
    );
    assert!(!dir.join("fitted.pdf").exists());
    let out = one("check", &dir, &["--fit"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains(&expected), "{}", stdout(&out));
    assert!(
        stdout(&out)
            .ends_with("one: 2 pages (budget 1): 1 error\ncheck failed: 1 error, 0 warnings\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_layout_without_fit_limits_cannot_be_shrunk_and_fit_says_so() {
    let (dir, _) = setup("no-limits", 16);
    let text = layout(10.0, false);
    let without = &text[..text.find("[fit]").expect("a [fit] table")];
    write(&dir, "one.toml", without);
    let out = one("build", &dir, &["--fit"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    says(
        &out,
        "error: layout `one` allows 1 page; the CV takes 2 (its layout has no [fit] limits, so --fit cannot shrink it): ",
    );
}

#[test]
fn a_cv_that_fits_is_left_as_it_is() {
    let (dir, texts) = setup("fits", 8);
    let chose = build_fitted(&dir, &texts);
    assert_eq!(
        (
            chose.body,
            chose.leading,
            chose.spacing,
            chose.margins,
            chose.passes
        ),
        (10.0, LEADING, 1.0, 1.0, 1),
        "{chose:?}"
    );
    let out = one("build", &dir, &["-o", "plain.pdf"]);
    succeeded(&out);
    assert_eq!(
        std::fs::read(dir.join("plain.pdf")).expect("plain.pdf"),
        std::fs::read(dir.join("fitted.pdf")).expect("fitted.pdf"),
        "--fit changes nothing of a CV that fits"
    );
}
