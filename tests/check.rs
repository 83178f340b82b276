//! `cvc check` on fixture CVs (tests/fixtures/check/), one per kind of problem: the
//! exit status and the exact report, human and JSON, with lines and columns.

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::{cvc_env, root, stdout, succeeded, write};

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/check")
}

/// `cvc check FIXTURE --layout full` from the fixtures directory.
fn check(fixture: &str, extra: &[&str]) -> Output {
    let mut args = vec!["check", fixture, "--layout", "full"];
    args.extend_from_slice(extra);
    cvc_env(&args, &fixtures(), &[])
}

#[test]
fn a_word_wider_than_its_column_is_an_error_in_check() {
    let out = check("overfull.toml", &[]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(report.starts_with(
        "overfull.toml:10:43: error: `a7f3c9e1b2d4f6a8c0e2b4d6f8a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3…f7a9c1e3b5d7f9a1c3e5` is wider than its column (459.0 pt > 378.4 pt) and was broken inside the word\n"
    ), "{report}");
    assert!(
        report.ends_with("full: 1 page: 1 error\ncheck failed: 1 error, 0 warnings\n"),
        "{report}"
    );
}

#[test]
fn the_json_report_is_stable() {
    // The whole document, byte for byte: its schema is documented in docs/check.md,
    // and a change here is a change for every program that reads it.
    let out = check("overfull.toml", &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let expected = std::fs::read_to_string(fixtures().join("overfull.json")).unwrap();
    assert_eq!(stdout(&out), expected);
}

#[test]
fn a_character_no_font_has_is_reported_at_its_column() {
    let out = check("missing-glyph.toml", &[]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(
        report.starts_with(
            "missing-glyph.toml:4:25: error: no bundled font has the character `東` (U+6771)\n"
        ),
        "{report}"
    );
    assert!(report.contains(
        "missing-glyph.toml:4:26: error: no bundled font has the character `京` (U+4EAC)\n"
    ));
    let json = stdout(&check("missing-glyph.toml", &["--format", "json"]));
    assert!(json.contains("\"code\": \"missing-glyph\",\n          \"message\": \"no bundled font has the character `東` (U+6771)\""), "{json}");
    assert!(
        json.contains("\"line\": 4,\n          \"column\": 25"),
        "{json}"
    );
}

#[test]
fn a_link_that_is_not_a_url_is_an_error() {
    let out = check("bad-link.toml", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with(
            "bad-link.toml:10:8: error: `www.example.org/slides.pdf` is not a valid link\n"
        ),
        "{}",
        stdout(&out)
    );
    let json = stdout(&check("bad-link.toml", &["--format", "json"]));
    assert!(json.contains("\"code\": \"bad-link\""), "{json}");
    assert!(
        json.contains(
            "\"file\": \"bad-link.toml\",\n          \"line\": 10,\n          \"column\": 8"
        ),
        "{json}"
    );
}

#[test]
fn an_image_that_cannot_be_read_is_an_error() {
    let out = check("missing-photo.toml", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("missing-photo.toml:4:10: error: cannot read `portrait.jpg`: no such file or directory\n"), "{}", stdout(&out));
    let json = stdout(&check("missing-photo.toml", &["--format", "json"]));
    assert!(json.contains("\"code\": \"image\""), "{json}");
}

#[test]
fn a_date_in_the_future_is_an_error_where_the_layout_forbids_it() {
    let args = ["check", "future-date.toml", "--layout", "no-future.toml"];
    let out = cvc_env(&args, &fixtures(), &[("SOURCE_DATE_EPOCH", "1700000000")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("future-date.toml:11:8: error: this date is in the future, which layout `no-future` does not allow\n"), "{}", stdout(&out));
    // The built-in layouts allow them.
    let out = cvc_env(
        &["check", "future-date.toml", "--layout", "full"],
        &fixtures(),
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    succeeded(&out);
}

#[test]
fn an_emptied_section_is_a_warning_that_deny_warnings_turns_into_failure() {
    let dir = common::scratch("empty");
    std::fs::copy(fixtures().join("empty-section.toml"), dir.join("cv.toml")).unwrap();
    std::fs::copy(
        fixtures().join("selected-only.toml"),
        dir.join("selected-only.toml"),
    )
    .unwrap();
    let out = cvc_env(&["check", "--layout", "selected-only.toml"], &dir, &[]);
    succeeded(&out);
    let report = stdout(&out);
    assert!(report.starts_with("selected-only.toml:6:3: warning: layout `selected-only`: the selection rules keep nothing of section `Selected Publications`; it is left out\n"), "{report}");
    assert!(
        report.ends_with("check passed: 0 errors, 1 warning\n"),
        "{report}"
    );
    let out = cvc_env(
        &["check", "--layout", "selected-only.toml", "--deny-warnings"],
        &dir,
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).ends_with("check failed: 0 errors, 1 warning\n"));
    let json = stdout(&cvc_env(
        &[
            "check",
            "--layout",
            "selected-only.toml",
            "--format",
            "json",
        ],
        &dir,
        &[],
    ));
    assert!(json.contains("\"ok\": true"), "{json}");
    assert!(
        json.contains("\"severity\": \"warning\",\n          \"code\": \"empty-section\""),
        "{json}"
    );
}

#[test]
fn github_annotations_are_escaped_and_chosen_on_actions() {
    let out = cvc_env(
        &[
            "check",
            "bad-link.toml",
            "--layout",
            "full",
            "--format",
            "github",
        ],
        &fixtures(),
        &[],
    );
    let annotation = stdout(&out);
    assert!(annotation.starts_with("::error file=bad-link.toml,line=10,col=8,title=cvc check (full)::`www.example.org/slides.pdf` is not a valid link%0Alinks need a scheme"), "{annotation}");
    assert_eq!(out.status.code(), Some(1));
    let auto = cvc_env(
        &["check", "bad-link.toml", "--layout", "full"],
        &fixtures(),
        &[("GITHUB_ACTIONS", "true")],
    );
    assert_eq!(stdout(&auto), annotation);
}

#[test]
fn a_clean_cv_passes_and_usage_errors_exit_2() {
    let root = root();
    let out = cvc_env(&["check"], &root, &[]);
    succeeded(&out);
    assert_eq!(
        stdout(&out),
        "onepage: 1 page (budget 1): ok\ntech: 1 page (budget 1): ok\nbanner: 1 page (budget 1): ok\ncheck passed: 0 errors, 0 warnings\n"
    );
    let out = cvc_env(&["check", "nope.toml"], &root, &[]);
    assert_eq!(out.status.code(), Some(2));
    let out = cvc_env(&["check", "--format", "xml"], &root, &[]);
    assert_eq!(out.status.code(), Some(2));
}

/// The author's CV with two more bullets on the résumé.
fn padded() -> PathBuf {
    let text = std::fs::read_to_string(root().join("cv.toml")).unwrap();
    let extra = |before: &str, bullet: &str| {
        format!("  {{ text = \"{bullet}\", tags = [\"resume\"] }},\n  {{ text = \"{before}")
    };
    let text = text
        .replacen(
            "  { text = \"as Sr Researcher, 2022-23:",
            &extra("as Sr Researcher, 2022-23:", "Led the evaluation of optical read-out pipelines across three hardware generations, defining the metrics and the benchmark suite used by the whole team."),
            1,
        )
        .replacen(
            "  { text = \"as PhD candidate, 2015-19:",
            &extra("as PhD candidate, 2015-19:", "Organised the lab's weekly HPC reading group and its annual workshop on asynchronous runtimes, with speakers from five institutions."),
            1,
        );
    let dir = common::scratch("padded");
    write(&dir, "cv.toml", text);
    dir
}

#[test]
fn a_padded_resume_fails_the_check_and_fit_brings_it_back_to_one_page() {
    let dir = padded();
    let out = cvc_env(&["check"], &dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(
        report
            .starts_with("cv.toml:342:10: error: layout `onepage` allows 1 page; the CV takes 2: "),
        "{report}"
    );
    assert!(
        report.contains(" over; the first to spill is in section `Publications`\n"),
        "{report}"
    );
    let json = stdout(&cvc_env(&["check", "--format", "json"], &dir, &[]));
    assert!(
        json.contains("\"overflow\": {\n        \"lines\": "),
        "{json}"
    );
    assert!(json.contains("\"section\": \"Publications\""), "{json}");

    let out = cvc_env(
        &["build", "--layout", "onepage", "--fit", "-o", "fitted.pdf"],
        &dir,
        &[],
    );
    succeeded(&out);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.starts_with("fitted to 1 page: body "),
        "it says how: {said}"
    );
    assert!(
        said.contains("layout passes)\nwrote fitted.pdf (1 page, "),
        "{said}"
    );
    let out = cvc_env(&["check", "--fit"], &dir, &[]);
    succeeded(&out);
    assert!(
        stdout(&out).starts_with("onepage: 1 page (budget 1), fitted: body "),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_layout_that_names_a_missing_section_warns_and_one_that_shows_nothing_fails() {
    let dir = common::scratch("missing-section");
    write(&dir, "cv.toml", "[person]\nname = \"A\"\n[[section]]\nid = \"experience\"\ntitle = \"Experience\"\n[[section.entry]]\ntitle = \"Job\"\n");
    // One name is misspelt, one is right: a warning, and the check passes.
    write(
        &dir,
        "some.toml",
        "sections = [\"experence\", \"experience\"]\n",
    );
    let out = cvc_env(&["check", "--layout", "some.toml"], &dir, &[]);
    succeeded(&out);
    let report = stdout(&out);
    assert!(report.starts_with("some.toml:1:14: warning: the layout names a section `experence` that cv.toml does not have; it is left out\n"), "{report}");
    assert!(
        report.contains("= help: did you mean `experience`?"),
        "{report}"
    );
    // Nothing left to show: `build` warns and writes the header, `check` fails.
    write(&dir, "none.toml", "sections = [\"work\"]\n");
    let out = cvc_env(&["build", "--layout", "none.toml"], &dir, &[]);
    succeeded(&out);
    let out = cvc_env(&["check", "--layout", "none.toml"], &dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(
        report.contains(
            "error: layout `none` shows no section of this CV: the document is its header alone\n"
        ),
        "{report}"
    );
    assert!(
        report.ends_with("check failed: 1 error, 1 warning\n"),
        "{report}"
    );
}
