//! Bad input as a user (or an attacker) gives it to the binary: every case gets a
//! result or a located error, never a crash, never a destroyed file, never a broken
//! PDF. Each test names the class of problem it guards; docs/robustness.md lists the
//! limits they check.

mod common;

use std::path::Path;

use common::{
    cvc, cvc_env, pdf_text, root, says, scratch, stderr, stdout, succeeded, word_boxes, write,
};

const PERSON: &str = "[person]\nname = \"Ada Lovelace\"\n";

/// No panic message, ever, whatever the exit status.
fn no_crash(out: &std::process::Output) {
    let err = stderr(out);
    assert!(
        out.status.code().is_some_and(|c| c <= 2)
            && !err.contains("panicked")
            && !err.contains("crashed"),
        "status {:?}: {err}",
        out.status
    );
}

#[test]
fn emphasis_next_to_any_character_is_typeset() {
    let dir = scratch("emphasis");
    write(
        &dir,
        "cv.toml",
        format!("{PERSON}headline = \"*École normale* · **Über** · *✉ mail* · **Łódź**\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"T\"\nstart = \"2020\"\nend = \"present\"\n"),
    );
    let out = cvc(&["build", "--set", "dates.present=*é*"], &dir);
    no_crash(&out);
    succeeded(&out);
    if let Some(text) = pdf_text(&dir.join("cv.pdf")) {
        for part in ["École normale", "Über", "✉ mail", "Łódź", "2020 – é"] {
            assert!(text.contains(part), "{part} in {text}");
        }
    }
}

#[test]
fn an_entry_with_a_blank_title_is_an_error_even_when_the_layout_names_it() {
    let dir = scratch("blank");
    write(
        &dir,
        "cv.toml",
        format!(
            "{PERSON}[[section]]\ntitle = \"X\"\n[[section.entry]]\nid = \"e1\"\ntitle = \" \"\n"
        ),
    );
    let out = cvc(
        &[
            "build",
            "--set",
            "pagination.break_before=[\"e1\"]",
            "--set",
            "pagination.keep_together=[\"e1\"]",
        ],
        &dir,
    );
    no_crash(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(
            "cv.toml:5:1: error: an entry needs a `title`, an `organisation` or `roles`"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_glyph_wider_than_its_column_is_set_and_reported_not_dropped() {
    let dir = scratch("unbreakable");
    write(
        &dir,
        "cv.toml",
        format!("{PERSON}[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"Engineer\"\nstart = \"2019-09\"\nend = \"2023\"\n"),
    );
    let out = cvc(
        &["build", "--set", "dates.width=5", "--set", "sizes.date=72"],
        &dir,
    );
    no_crash(&out);
    succeeded(&out);
    says(&out, "is wider than its column");
    if let Some(text) = pdf_text(&dir.join("cv.pdf")) {
        for part in ["Sep 2019 –", "2023", "Engineer"] {
            assert!(text.contains(part), "{part} is printed: {text}");
        }
    }
    let out = cvc(
        &[
            "check",
            "--layout",
            "full",
            "--set",
            "dates.width=5",
            "--set",
            "sizes.date=72",
        ],
        &dir,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "an overfull line fails the check"
    );
}

#[test]
fn header_after_moves_the_first_section() {
    let dir = scratch("header-after");
    write(
        &dir,
        "cv.toml",
        format!("{PERSON}[[section]]\ntitle = \"Work\"\ntext = \"Hello.\"\n"),
    );
    let pdf = dir.join("cv.pdf");
    let bbox = |space: &str| {
        let out = cvc(
            &["build", "--set", &format!("spacing.header_after={space}")],
            &dir,
        );
        succeeded(&out);
        let words = word_boxes(&pdf)?;
        let heading = words.iter().find(|b| b.word == "Work");
        Some(
            heading
                .unwrap_or_else(|| panic!("no `Work` in {words:?}"))
                .y_min,
        )
    };
    if let (Some(a), Some(b)) = (bbox("0"), bbox("100")) {
        assert!(
            (b - a - 100.0).abs() < 0.5,
            "the heading moved by {} pt",
            b - a
        );
    }
}

#[test]
fn layout_words_are_exact() {
    let dir = scratch("words");
    write(&dir, "cv.toml", PERSON);
    let out = cvc(
        &[
            "build",
            "--set",
            "dates.side=right_or_left",
            "--set",
            "text.align=left-ish",
        ],
        &dir,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("`right_or_left` is not a valid `side`: use `left`, `right` or `title`"),
        "{err}"
    );
    assert!(
        err.contains("`left-ish` is not a valid `align`: use `justify` or `left`"),
        "{err}"
    );
}

#[test]
fn control_characters_are_errors_at_their_place() {
    let dir = scratch("control");
    write(
        &dir,
        "cv.toml",
        "[person]\nname = \"Ada\\u0007 Love\\u0000lace\"\n",
    );
    let out = cvc(&["build"], &dir);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("cv.toml:2:12: error: the control character U+0007 cannot be printed"),
        "{err}"
    );
    assert!(
        err.contains("cv.toml:2:23: error: the control character U+0000 cannot be printed"),
        "{err}"
    );
    assert!(!dir.join("cv.pdf").exists());
}

#[test]
fn check_reports_a_local_layout_that_does_not_load() {
    let dir = scratch("broken-local");
    write(&dir, "cv.toml", PERSON);
    std::fs::create_dir_all(dir.join("layouts")).expect("dir");
    write(
        &dir,
        "layouts/mine.toml",
        "max_pages = 1\n[page]\nsise = \"a4\"\n",
    );
    let out = cvc(&["check"], &dir);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("layouts/mine.toml:3:1: error: unknown key `sise`"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("check failed"));
}

#[test]
fn the_pdf_never_replaces_a_file_the_build_reads() {
    let dir = scratch("inputs");
    std::fs::copy(
        root().join("examples/academic/photo.png"),
        dir.join("photo.png"),
    )
    .expect("photo");
    std::fs::copy(
        root().join("fonts/SourceSans3-Regular.ttf"),
        dir.join("font.ttf"),
    )
    .expect("font");
    write(&dir, "cv.toml", format!("{PERSON}photo = \"photo.png\"\n"));
    write(
        &dir,
        "base.toml",
        "[fonts]\nbody = { regular = \"font.ttf\" }\n",
    );
    write(&dir, "mine.toml", "extends = \"base.toml\"\n");
    for target in [
        "cv.toml",
        "mine.toml",
        "base.toml",
        "photo.png",
        "font.ttf",
        "./cv.toml",
    ] {
        let before = std::fs::read(dir.join(target)).expect("input");
        // `--force`: past the refusal of a name that does not end in `.pdf`, the
        // files the build reads are still never written over.
        let out = cvc(
            &[
                "build",
                "cv.toml",
                "--layout",
                "./mine.toml",
                "-o",
                target,
                "--force",
            ],
            &dir,
        );
        assert_eq!(out.status.code(), Some(2), "-o {target}");
        assert!(
            stderr(&out).starts_with(&format!(
                "error: refusing to write the PDF to `{target}`: it is `"
            )),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read(dir.join(target)).expect("input"),
            before,
            "{target} intact"
        );
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("cv.toml"), dir.join("link.pdf")).expect("link");
        let out = cvc(&["build", "cv.toml", "-o", "link.pdf"], &dir);
        assert_eq!(out.status.code(), Some(2), "a link to the CV is the CV");
        assert!(std::fs::read_to_string(dir.join("cv.toml"))
            .expect("cv")
            .starts_with("[person]"));
    }
}

#[test]
fn the_pdf_is_never_written_over_a_special_or_read_only_file() {
    let dir = scratch("special");
    write(&dir, "cv.toml", PERSON);
    let out = cvc(&["build", "-o", "/dev/null", "--force"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: refusing to write the PDF to `/dev/null`: it is a device, not a regular file\n"
    );
    std::fs::create_dir_all(dir.join("out.pdf")).expect("dir");
    let out = cvc(&["build", "-o", "out.pdf"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("it is a directory, not a regular file"));
    write(&dir, "ro.pdf", "old");
    let mut perms = std::fs::metadata(dir.join("ro.pdf"))
        .expect("meta")
        .permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(dir.join("ro.pdf"), perms).expect("chmod");
    let out = cvc(&["build", "-o", "ro.pdf"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: refusing to write the PDF to `ro.pdf`: it is read-only\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("ro.pdf")).expect("old"),
        "old"
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("e").file_name().to_string_lossy().to_string())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn numbers_that_would_break_the_pdf_are_located_errors() {
    let dir = scratch("numbers");
    write(&dir, "cv.toml", format!("{PERSON}photo = \"p.png\"\n"));
    std::fs::copy(
        root().join("examples/academic/photo.png"),
        dir.join("p.png"),
    )
    .expect("photo");
    for (set, message) in [
        (
            "page.margins.top=nan",
            "--set:1:20: error: `top` is nan; it must be from 0 to 200 mm",
        ),
        (
            "page.margins.left=inf",
            "--set:1:21: error: `left` is inf; it must be from 0 to 200 mm",
        ),
        (
            "page.margins.left=-10",
            "--set:1:21: error: `left` is -10 mm; it must be from 0 to 200 mm",
        ),
        (
            "header.photo_height=nan",
            "--set:1:23: error: `photo_height` is nan; it must be from 5 to 100 mm",
        ),
        (
            "spacing.entry=1e308",
            "--set:1:17: error: `entry` is 1e308 pt; it must be from 0 to 144 pt",
        ),
    ] {
        let out = cvc(&["build", "--set", set], &dir);
        assert_eq!(out.status.code(), Some(1), "{set}");
        assert_eq!(stderr(&out).lines().next(), Some(message), "{set}");
    }
    let out = cvc(
        &[
            "build",
            "--set",
            "page.margins.top=150",
            "--set",
            "page.margins.bottom=150",
        ],
        &dir,
    );
    assert_eq!(out.status.code(), Some(1));
    says(
        &out,
        "error: the top and bottom margins (150 mm and 150 mm) leave no room for text",
    );
    assert!(!dir.join("cv.pdf").exists());
}

#[test]
fn photos_are_checked_before_they_are_decoded_or_embedded() {
    let dir = scratch("photos");
    let png = std::fs::read(root().join("tests/fixtures/fuzz/photo-claims-20000-by-20000.png"))
        .expect("png");
    write(&dir, "huge.png", png);
    let jpeg = std::fs::read(root().join("fuzz/seeds/photo/small.jpg")).expect("jpeg");
    write(&dir, "cut.jpg", &jpeg[..jpeg.len() / 2]);
    for (photo, reason) in [
        (
            "huge.png",
            "it is 20000 × 20000 pixels; a photo may have at most 50 million pixels",
        ),
        (
            "cut.jpg",
            "it is cut short: the image data ends before its end marker",
        ),
        ("/dev/zero", "it is a device, not a regular file"),
    ] {
        write(&dir, "cv.toml", format!("{PERSON}photo = \"{photo}\"\n"));
        let out = cvc(&["build"], &dir);
        assert_eq!(out.status.code(), Some(1), "{photo}");
        assert!(
            stderr(&out).starts_with("cv.toml:3:10: error: "),
            "{}",
            stderr(&out)
        );
        assert!(stderr(&out).contains(reason), "{photo}: {}", stderr(&out));
    }
}

#[test]
fn only_web_mail_and_phone_links_become_links() {
    let dir = scratch("links");
    write(
        &dir,
        "cv.toml",
        format!("{PERSON}headline = \"[x](javascript:alert(1))\"\ncontact = [{{ label = \"f\", text = \"y\", url = \"file:///etc/passwd\" }}]\n"),
    );
    for command in ["build", "check"] {
        let out = cvc(&[command, "--layout", "full"], &dir);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let text = format!("{}{}", stderr(&out), stdout(&out));
        assert!(
            text.contains("cv.toml:3:17: error: `javascript:` links are not allowed"),
            "{text}"
        );
        assert!(
            text.contains("cv.toml:4:46: error: `file:` links are not allowed"),
            "{text}"
        );
    }
}

#[test]
fn special_and_huge_inputs_are_refused_at_once() {
    let dir = scratch("resources");
    let out = cvc(&["build", "/dev/zero"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot read `/dev/zero`: it is a device, not a regular file\n"
    );
    #[cfg(unix)]
    {
        let fifo = dir.join("cv.fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .output()
            .expect("mkfifo runs");
        assert!(made.status.success(), "mkfifo failed: {}", stderr(&made));
        let out = cvc(&["build", "cv.fifo"], &dir);
        assert_eq!(
            stderr(&out),
            "error: cannot read `cv.fifo`: it is a FIFO, not a regular file\n"
        );
    }
    write(
        &dir,
        "big.toml",
        format!("{PERSON}# {}\n", "x".repeat(2 * 1024 * 1024)),
    );
    let out = cvc(&["build", "big.toml"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot read `big.toml`: it is larger than 1 MiB, the limit for a CV\n"
    );
}

#[test]
fn one_missing_character_used_everywhere_is_one_error() {
    let dir = scratch("repeats");
    write(
        &dir,
        "cv.toml",
        format!("{PERSON}headline = \"{}\"\n", "中".repeat(3000)),
    );
    let out = cvc(&["build"], &dir);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(
        err.matches("error:").count(),
        2,
        "one for the character, one summary: {err}"
    );
    assert!(err.contains("(3000 times; the first is here)"), "{err}");
    assert!(err.len() < 2_000, "{} bytes", err.len());
}

#[test]
fn every_mistake_is_reported_in_one_run_without_serde_words() {
    let dir = scratch("all-at-once");
    write(
        &dir,
        "cv.toml",
        "[person]\nnam = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.publication]]\nauthors = \"A. Author\"\ntitle = \"T\"\nyear = \"0000\"\n",
    );
    write(
        &dir,
        "l.toml",
        "[page]\nsize = [1, \"x\"]\nmargins = { top = \"ten\" }\n[sizes]\nbody = true\n",
    );
    let out = cvc(&["check", "--layout", "./l.toml"], &dir);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    for expected in [
        "cv.toml:1:1: error: missing key `name`: the CV needs the person's name",
        "cv.toml:2:1: error: unknown key `nam`",
        "cv.toml:6:12: error: `authors` must be a list, like `authors = [\"A. Author\", \"B. Author\"]`, not text",
        "cv.toml:8:9: error: `0000`: the year 0 is not a year of a CV",
    ] {
        assert!(report.contains(expected), "{expected}\n{report}");
    }
    let out = cvc(
        &[
            "build",
            "--layout",
            "./l.toml",
            "--set",
            "page.size=[1,2,3]",
        ],
        &dir,
    );
    let err = stderr(&out);
    for word in [
        "invalid type",
        "untagged enum",
        "expected f32",
        "PageSize",
        "struct",
        "Option<",
    ] {
        assert!(!err.contains(word), "{word} in {err}");
        assert!(!report.contains(word), "{word} in {report}");
    }
    assert!(
        err.contains("`size` must be `a4`, `letter`, `a5`, `legal` or `[width, height]` in mm"),
        "{err}"
    );
}

#[test]
fn a_long_chain_of_layouts_is_not_a_cycle() {
    let dir = scratch("chain");
    write(&dir, "cv.toml", PERSON);
    write(&dir, "l0.toml", "extends = \"full\"\n");
    for i in 1..=10 {
        write(
            &dir,
            &format!("l{i}.toml"),
            format!("extends = \"l{}.toml\"\n", i - 1),
        );
    }
    let out = cvc(&["build", "--layout", "./l10.toml"], &dir);
    succeeded(&out);
    write(&dir, "a.toml", "extends = \"b.toml\"\n");
    write(&dir, "b.toml", "extends = \"a.toml\"\n");
    let out = cvc(&["build", "--layout", "./a.toml"], &dir);
    assert_eq!(out.status.code(), Some(1));
    says(&out, "extends itself");
}

#[test]
fn bad_utf8_is_located() {
    let dir = scratch("utf8");
    write(
        &dir,
        "cv.toml",
        b"[person]\nname = \"Ada\"\nheadline = \"caf\xe9\"\n",
    );
    let out = cvc(&["build"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("cv.toml:3:16: error: this file is not UTF-8 text: byte 0xE9"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_2_and_say_what_to_do() {
    let dir = scratch("usage-2");
    write(&dir, "cv.toml", PERSON);
    let out = cvc(&["build", "--layout", "onepag"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: there is no layout `onepag`: not `layouts/onepag.toml`, nor a built-in layout\n  = help: did you mean `onepage`?\n"
    );
    let out = cvc_env(&["build"], &dir, &[("SOURCE_DATE_EPOCH", "yesterday")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(
            "error: SOURCE_DATE_EPOCH is `yesterday`; it must be a whole number of seconds"
        ),
        "{}",
        stderr(&out)
    );
    let out = cvc_env(&["build"], &dir, &[("SOURCE_DATE_EPOCH", "1700000000")]);
    succeeded(&out);
}

#[test]
fn terminal_controls_in_a_cv_are_shown_escaped() {
    let dir = scratch("escape");
    write(
        &dir,
        "cv.toml",
        "[person]\nname = \"A\"\n\"\\u202Eevil\\u001B[2J\" = 1\n",
    );
    let out = cvc(&["build"], &dir);
    let err = stderr(&out);
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{202E}'),
        "{err:?}"
    );
    assert!(
        err.contains("unknown key `\\u{202E}evil\\u{001B}[2J`"),
        "{err}"
    );
}

#[test]
fn every_diagnostic_code_is_documented() {
    let doc = std::fs::read_to_string(root().join("docs/errors.md")).expect("docs/errors.md");
    for code in cvc::Code::ALL {
        assert!(
            doc.contains(&format!("## `{}`", code.as_str())),
            "docs/errors.md lacks `{}`",
            code.as_str()
        );
    }
}

/// Found by trying cvc as a user would, after the first round of hardening: each
/// class of problem, once more, with its fix.
mod second_round {
    use super::*;

    #[test]
    fn a_full_standard_output_is_an_error_not_a_crash() {
        if !Path::new("/dev/full").exists() {
            return;
        }
        let dir = scratch("dev-full");
        write(&dir, "cv.toml", PERSON);
        for args in [
            vec!["layouts"],
            vec!["check", "--layout", "full"],
            vec!["check", "--layout", "full", "--format", "json"],
        ] {
            let out = common::command(&args, &dir)
                .stdout(std::fs::File::create("/dev/full").expect("/dev/full"))
                .output()
                .expect("cvc runs");
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            assert_eq!(
                stderr(&out),
                "error: cannot write to standard output: No space left on device\n"
            );
        }
    }

    #[test]
    fn a_long_name_in_the_footer_stays_on_the_page() {
        let dir = scratch("footer");
        let entries: String = (0..40)
            .map(|i| format!("[[section.entry]]\ntitle = \"Role {i}\"\nstart = \"2001\"\ntext = \"Some work that took a while and is described here at some length.\"\n"))
            .collect();
        write(
            &dir,
            "cv.toml",
            format!("[person]\nname = \"Pablo Diego José Francisco de Paula Juan Nepomuceno María de los Remedios Cipriano de la Santísima Trinidad Ruiz y Picasso\"\n[[section]]\ntitle = \"Work\"\n{entries}"),
        );
        let out = cvc(&["build", "--set", "page.size=a5"], &dir);
        succeeded(&out);
        let pdf = dir.join("cv.pdf");
        let Some(words) = word_boxes(&pdf) else {
            return;
        };
        let page_width = 148.0 * 72.0 / 25.4;
        for b in &words {
            assert!(b.x_max <= page_width, "off the page: {b:?}");
        }
        assert!(
            words.iter().any(|b| b.word == "page"),
            "the footer is there"
        );
    }

    #[test]
    fn a_wide_bullet_symbol_is_an_error_at_the_symbol() {
        let dir = scratch("wide-bullet");
        write(&dir, "cv.toml", format!("{PERSON}[[section]]\ntitle = \"W\"\n[[section.entry]]\ntitle = \"T\"\nbullets = [\"Cut costs\"]\n"));
        let out = cvc(
            &[
                "build",
                "--set",
                &format!("bullets.symbol={}", "W".repeat(32)),
                "--set",
                "sizes.body=16",
            ],
            &dir,
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).starts_with("--set:1:19: error: the bullet symbol is"),
            "{}",
            stderr(&out)
        );
    }

    #[test]
    fn text_a_layout_gives_is_reported_at_the_layout() {
        let dir = scratch("layout-text");
        write(&dir, "cv.toml", format!("{PERSON}[[section]]\ntitle = \"W\"\n[[section.entry]]\ntitle = \"T\"\nstart = \"2020\"\nend = \"present\"\nbullets = [\"b\"]\n"));
        for (set, place) in [
            ("dates.present=中", "--set:1:18"),
            ("bullets.symbol=中", "--set:1:19"),
        ] {
            let out = cvc(&["build", "--set", set], &dir);
            assert_eq!(out.status.code(), Some(1));
            let err = stderr(&out);
            assert!(
                err.starts_with(&format!(
                    "{place}: error: no bundled font has the character `中`"
                )),
                "{err}"
            );
            assert!(!err.contains("cv.toml:"), "{err}");
        }
        write(&dir, "l.toml", "[[sections]]\nid = \"W\"\ntitle = \" \"\n");
        let out = cvc(&["build", "--layout", "./l.toml"], &dir);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).starts_with("./l.toml:3:10: error: `title` is empty"),
            "{}",
            stderr(&out)
        );
        let out = cvc(&["build", "--set", "dates.present="], &dir);
        assert_eq!(out.status.code(), Some(1));
        says(&out, "`present` is empty");
    }

    #[test]
    fn nothing_written_is_silently_dropped() {
        let dir = scratch("dropped");
        write(
            &dir,
            "cv.toml",
            "[person]\nname = \"Ada\"\nheadline = \"see [](https://example.org/only) here\"\ncontact = [{ email = \"a@b.org\", label = \"Work\" }]\n[[section]]\ntitle = \"Hobbies\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"T\"\n",
        );
        let out = cvc(&["build"], &dir);
        succeeded(&out);
        says(&out, "warning: section `Hobbies` holds nothing");
        if let Some(text) = pdf_text(&dir.join("cv.pdf")) {
            assert!(text.contains("see https://example.org/only here"), "{text}");
            assert!(text.contains("Work: a@b.org"), "{text}");
        }
    }

    #[test]
    fn one_mistake_gives_one_error_and_every_place_is_shown() {
        let dir = scratch("cascade");
        write(
            &dir,
            "cv.toml",
            "[person]\nname = \"A\"\ncontact = [{ phone = \"call me maybe\" }]\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = 1\norganisation = 2\n[[section.entry]]\ntitle = \"T\"\nstart = \"soon\"\nend = \"2020\"\n[[section.publication]]\ntitle = \" \"\ndoi = \"not a doi\"\n[[section.publication]]\ntitle = \"\\u00A0\"\n",
        );
        let out = cvc(&["build"], &dir);
        let err = stderr(&out);
        let messages: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
        assert_eq!(
            messages,
            [
                "cv.toml:3:23: error: `call me maybe` is not a phone number",
                "cv.toml:7:9: error: `title` must be text in quotes, like `title = \"…\"`, not a whole number",
                "cv.toml:8:16: error: `organisation` must be text in quotes, like `organisation = \"…\"`, not a whole number",
                "cv.toml:11:10: error: `soon` is not a date: a date is `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `present`",
                "cv.toml:14:10: error: `title` is empty: every publication has a title",
                "cv.toml:15:8: error: `not a doi` is not a DOI",
                "cv.toml:17:10: error: `title` is empty: every publication has a title",
            ]
        );
    }

    #[test]
    fn check_reports_in_its_format_whatever_the_cv_or_the_layouts_folder_holds() {
        let dir = scratch("check-format");
        write(&dir, "cv.toml", b"[person]\nname = \"caf\xe9\"\n");
        std::fs::create_dir_all(dir.join("layouts/odd.toml")).expect("dir");
        let out = cvc(&["check", "--format", "json"], &dir);
        assert_eq!(out.status.code(), Some(1));
        let json = stdout(&out);
        assert!(json.contains("\"code\": \"encoding\""), "{json}");
        assert!(
            json.contains("\"name\": \"odd\""),
            "a folder named like a layout is checked: {json}"
        );
        let out = cvc(&["build", "--layout", "./layouts/odd.toml"], &dir);
        assert_eq!(
            out.status.code(),
            Some(2),
            "an unreadable --layout is an I/O error"
        );
    }

    #[test]
    fn language_codes_may_name_a_region_and_words_may_have_spaces_around() {
        let dir = scratch("regions");
        write(&dir, "cv.toml", PERSON);
        for set in [
            "text.language=pt_BR",
            "text.language=fr-CA",
            "dates.language=pt-BR",
            "page.size= A4 ",
        ] {
            let out = cvc(&["build", "--set", set], &dir);
            assert_eq!(out.status.code(), Some(0), "{set}: {}", stderr(&out));
        }
        let out = cvc(&["build", "--set", "sizes.body=10\nsizes.name=100"], &dir);
        assert_eq!(
            out.status.code(),
            Some(2),
            "a malformed --set is a usage error"
        );
        says(&out, "runs over more than one line");
    }

    #[test]
    fn what_setting_finds_is_reported_with_what_reading_finds() {
        let dir = scratch("with-setting");
        write(
            &dir,
            "cv.toml",
            "[person]\nname = \"Ada 中\"\nphoto = \"nope.png\"\n[[section]]\ntitle = \"W\"\n[[section.entry]]\ntitle = 3\n",
        );
        for command in ["build", "check"] {
            let out = cvc(&[command, "--layout", "full"], &dir);
            assert_eq!(out.status.code(), Some(1));
            let text = format!("{}{}", stderr(&out), stdout(&out));
            for expected in [
                "cv.toml:2:13: error: no bundled font has the character `中`",
                "cv.toml:3:10: error: cannot read `nope.png`",
                "cv.toml:7:9: error: `title` must be text in quotes",
            ] {
                assert!(text.contains(expected), "{command}: {expected}\n{text}");
            }
        }
    }

    #[test]
    fn check_never_writes_two_pdfs_to_one_name() {
        let dir = scratch("two-names");
        write(&dir, "cv.toml", PERSON);
        for d in ["a", "b"] {
            std::fs::create_dir_all(dir.join(d)).expect("dir");
            write(&dir, &format!("{d}/x.toml"), "extends = \"full\"\n");
        }
        let out = cvc(
            &[
                "check", "--layout", "a/x.toml", "--layout", "b/x.toml", "-o", "z.pdf",
            ],
            &dir,
        );
        assert_eq!(out.status.code(), Some(2));
        says(&out, "would both be written to `z-x.pdf`");
    }

    #[test]
    fn a_damaged_font_is_refused_where_the_layout_names_it_in_build_and_check() {
        let dir = scratch("damaged-font");
        let mut font = std::fs::read(root().join("fonts/SourceSans3-Regular.ttf")).expect("font");
        // numberOfHMetrics in the hhea table: zero advances for every glyph.
        let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
        for i in 0..tables {
            let record = 12 + 16 * i;
            if &font[record..record + 4] == b"hhea" {
                let at = u32::from_be_bytes([
                    font[record + 8],
                    font[record + 9],
                    font[record + 10],
                    font[record + 11],
                ]) as usize;
                font[at + 34..at + 36].copy_from_slice(&[0, 0]);
            }
        }
        write(&dir, "bad.ttf", font);
        write(&dir, "cv.toml", PERSON);
        write(
            &dir,
            "l.toml",
            "[fonts]\nbody = { regular = \"bad.ttf\" }\n",
        );
        for command in ["build", "check"] {
            let out = cvc(&[command, "--layout", "./l.toml"], &dir);
            assert_eq!(out.status.code(), Some(1), "{command}");
            let text = format!("{}{}", stderr(&out), stdout(&out));
            assert!(
                text.contains("./l.toml:1:21: error: cannot use font `./bad.ttf`: it is damaged")
                    || text.contains(
                        "./l.toml:2:21: error: cannot use font `./bad.ttf`: it is damaged"
                    ),
                "{text}"
            );
        }
    }
}

/// Found by a second pair of eyes, after the second round.
mod third_round {
    use super::*;

    #[test]
    fn runs_of_asterisks_are_printed() {
        let dir = scratch("asterisks");
        write(
            &dir,
            "cv.toml",
            format!("{PERSON}[[section]]\ntitle = \"S\"\ntext = \"Rating: ***** and a ***** b\"\n"),
        );
        let out = cvc(&["build"], &dir);
        succeeded(&out);
        if let Some(text) = pdf_text(&dir.join("cv.pdf")) {
            assert!(text.contains("Rating: ***** and a ***** b"), "{text}");
        }
    }

    #[test]
    fn a_large_date_grows_its_entry_instead_of_overlapping() {
        let dir = scratch("large-date");
        write(&dir, "cv.toml", format!("{PERSON}[[section]]\ntitle = \"Section\"\n[[section.entry]]\ntitle = \"T\"\nstart = \"2019\"\nend = \"2020\"\n[[section.entry]]\ntitle = \"Second\"\nstart = \"2021\"\n"));
        let out = cvc(
            &[
                "build",
                "--set",
                "sizes.date=72",
                "--set",
                "dates.width=120",
                "--set",
                "page.margins.left=10",
                "--set",
                "page.margins.right=10",
            ],
            &dir,
        );
        succeeded(&out);
        let Some(words) = word_boxes(&dir.join("cv.pdf")) else {
            return;
        };
        let find = |w: &str| words.iter().find(|b| b.word.contains(w)).cloned();
        let (Some(heading), Some(first), Some(end), Some(second)) =
            (find("Section"), find("2019"), find("2020"), find("2021"))
        else {
            panic!("{words:?}");
        };
        // pdftotext's boxes are the font's bounding box, a little taller than a line.
        assert!(
            first.y_min >= heading.y_max - 1.0,
            "the date rises over the heading: {first:?} {heading:?}"
        );
        assert!(
            second.y_min >= end.y_max - 1.0,
            "dates overlap: {end:?} {second:?}"
        );
        assert!(
            words.iter().all(|b| b.y_min >= 0.0),
            "off the page: {words:?}"
        );
    }

    #[test]
    fn a_footer_fits_its_margin_or_is_left_out_with_a_warning() {
        let dir = scratch("footer-margin");
        let entries: String = (0..60)
            .map(|i| format!("[[section.entry]]\ntitle = \"Role {i}\"\n"))
            .collect();
        write(
            &dir,
            "cv.toml",
            format!("{PERSON}[[section]]\ntitle = \"W\"\n{entries}"),
        );
        let out = cvc(
            &[
                "build",
                "--set",
                "page.margins.bottom=0",
                "--set",
                "sizes.footer=72",
            ],
            &dir,
        );
        succeeded(&out);
        says(&out, "has no room for the page numbers");
        let out = cvc(
            &[
                "build",
                "--set",
                "page.margins.bottom=8",
                "--set",
                "sizes.footer=30",
            ],
            &dir,
        );
        succeeded(&out);
        let Some(words) = word_boxes(&dir.join("cv.pdf")) else {
            return;
        };
        let page_height = 297.0 * 72.0 / 25.4;
        let footer: Vec<_> = words.iter().filter(|b| b.word == "page").collect();
        assert!(!footer.is_empty());
        for b in footer {
            assert!(b.y_max <= page_height, "below the page: {b:?}");
            assert!(b.y_max - b.y_min < 22.0, "set smaller to fit 8 mm: {b:?}");
        }
    }

    #[test]
    fn a_break_before_the_first_entry_of_a_section_is_made_and_unknown_names_warn() {
        let dir = scratch("break-first");
        write(&dir, "cv.toml", "[person]\nname = \"A\"\n[[section]]\ntitle = \"One\"\n[[section.entry]]\ntitle = \"a\"\nid = \"a\"\n[[section]]\ntitle = \"Two\"\n[[section.entry]]\ntitle = \"b\"\nid = \"b\"\n");
        let out = cvc(&["build", "--set", "pagination.break_before=[\"b\"]"], &dir);
        assert!(stderr(&out).contains("(2 pages"), "{}", stderr(&out));
        let out = cvc(
            &["build", "--set", "pagination.keep_together=[\"bb\"]"],
            &dir,
        );
        assert!(stderr(&out).starts_with("--set:1:30: warning: `pagination.keep_together` names `bb`, but no section or entry of cv.toml has that id"), "{}", stderr(&out));
        assert!(stderr(&out).contains("did you mean `b`?"));
    }

    #[test]
    fn ids_and_names_say_one_thing() {
        let dir = scratch("ids");
        write(&dir, "cv.toml", "[person]\nname = \"A\"\n[[section]]\ntitle = \"A\"\ntext = \"first\"\n[[section]]\ntitle = \"A\"\ntext = \"second\"\n[[section.entry]]\ntitle = \"t\"\nid = \"x\"\n[[section.entry]]\ntitle = \"u\"\nid = \"x\"\n");
        let out = cvc(&["build"], &dir);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).starts_with(
                "cv.toml:14:7: error: the id `x` is given to an earlier section or entry too"
            ),
            "{}",
            stderr(&out)
        );
        write(&dir, "cv.toml", "[person]\nname = \"A\"\n[[section]]\ntitle = \"A\"\ntext = \"first\"\n[[section]]\ntitle = \"A\"\ntext = \"second\"\n");
        let out = cvc(&["build", "--set", "sections=[\"A\"]"], &dir);
        says(&out, "more than one section of cv.toml is named `A`");
    }

    #[test]
    fn an_empty_value_is_an_error_not_stray_punctuation() {
        let dir = scratch("empty-values");
        write(
            &dir,
            "cv.toml",
            "[person]\nname = \"A\"\nskills = \"   \"\ncontact = [{ location = \"\" }, { text = \"t\", label = \"\" }]\n[[section]]\ntitle = \"S\"\n[[section.entry]]\ntitle = \"T\"\nlocation = \"\"\nbullets = [\"\", { text = \" \" }]\n",
        );
        let out = cvc(&["build"], &dir);
        let err = stderr(&out);
        let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
        assert_eq!(
            errors,
            [
                "cv.toml:3:11: error: `skills` is empty: write it, or leave `skills` out",
                "cv.toml:4:26: error: `location` is empty: write it, or leave `location` out",
                "cv.toml:4:54: error: `label` is empty: write it, or leave `label` out",
                "cv.toml:9:13: error: `location` is empty: write it, or leave `location` out",
                "cv.toml:10:13: error: a bullet is empty: write it, or remove it",
                "cv.toml:10:26: error: `text` is empty: a bullet written as a table holds its `text`",
            ]
        );
    }

    #[test]
    fn check_writes_no_pdf_for_a_layout_that_failed() {
        let dir = scratch("check-no-pdf");
        let entries: String = (0..80)
            .map(|i| format!("[[section.entry]]\ntitle = \"Role {i}\"\n"))
            .collect();
        write(
            &dir,
            "cv.toml",
            format!("{PERSON}[[section]]\ntitle = \"W\"\n{entries}"),
        );
        write(&dir, "one.toml", "extends = \"full\"\nmax_pages = 1\n");
        let out = cvc(&["check", "--layout", "./one.toml", "-o", "out.pdf"], &dir);
        assert_eq!(out.status.code(), Some(1));
        assert!(!dir.join("out.pdf").exists());
    }

    #[test]
    fn every_font_file_that_cannot_be_used_is_reported() {
        let dir = scratch("font-files");
        write(&dir, "cv.toml", PERSON);
        write(&dir, "empty.ttf", "");
        write(&dir, "l.toml", "[fonts]\nbody = { regular = \"empty.ttf\", italic = \"none.ttf\", bold = \"cv.toml\" }\n");
        let out = cvc(&["build", "--layout", "./l.toml"], &dir);
        let errors = stderr(&out)
            .lines()
            .filter(|l| l.contains(": error: cannot use font"))
            .count();
        assert_eq!(errors, 3, "{}", stderr(&out));
    }

    #[test]
    fn profiles_link_where_they_say_and_free_contact_text_has_markup() {
        let dir = scratch("profiles");
        write(
            &dir,
            "cv.toml",
            "[person]\nname = \"A\"\ncontact = [{ github = \"https://gitlab.com/user\" }, { orcid = \"0000-0002-1825-0098\" }, { email = 5 }]\n",
        );
        let out = cvc(&["build"], &dir);
        let err = stderr(&out);
        let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
        assert_eq!(
            errors.len(),
            3,
            "no spurious error for the wrong-typed email: {errors:?}"
        );
        assert!(
            errors[0].contains("`https://gitlab.com/user` is not a GitHub user name"),
            "{errors:?}"
        );
        assert!(
            errors[1].contains("`0000-0002-1825-0098` is not an ORCID iD"),
            "{errors:?}"
        );
        write(&dir, "cv.toml", "[person]\nname = \"A\"\ncontact = [{ location = \"Paris, **France**\" }, { orcid = \"0000-0002-1825-0097\" }]\n");
        let out = cvc(&["build"], &dir);
        succeeded(&out);
        if let Some(text) = pdf_text(&dir.join("cv.pdf")) {
            assert!(
                text.contains("Paris, France") && !text.contains('*'),
                "{text}"
            );
        }
    }

    #[test]
    fn counts_and_places_are_right() {
        let dir = scratch("counts");
        write(&dir, "cv.toml", "[person]\nname = \"x \\u0007 y\"\n");
        write(&dir, "other.toml", "extends = \"full\"\n");
        let out = cvc(
            &["check", "--layout", "full", "--layout", "./other.toml"],
            &dir,
        );
        let report = stdout(&out);
        assert!(
            !report.contains("times;"),
            "one control character is one: {report}"
        );
        assert!(
            report.ends_with("check failed: 1 error, 0 warnings\n"),
            "{report}"
        );
        write(&dir, "cv.toml", format!("{PERSON}[[section]]\ntitle = \"S\"\n[[section.entry]]\ntitle = \"T\"\nstart = 2019-09-01\nend = 2020-10-31\n"));
        let out = cvc(
            &["build", "--set", "dates.width=5", "--set", "sizes.date=30"],
            &dir,
        );
        assert!(
            stderr(&out).contains("cv.toml:8:7: warning: `31\u{a0}Oct"),
            "the end date's problem is at the end date: {}",
            stderr(&out)
        );
    }

    #[test]
    fn a_base_layouts_fit_minimum_does_not_stop_a_smaller_size() {
        let dir = scratch("fit-min");
        write(&dir, "cv.toml", PERSON);
        let out = cvc(
            &[
                "build",
                "--layout",
                "onepage",
                "--set",
                "sizes.body=6",
                "--set",
                "sections=[]",
            ],
            &dir,
        );
        assert!(!stderr(&out).contains("min_body"), "{}", stderr(&out));
    }
}

/// Found by an audit of what inputs cost: each is bounded now (`BENCHMARKS.md`
/// has the times); these are the ones whose answer changed.
mod fourth_round {
    use super::*;

    #[test]
    fn a_name_of_direction_marks_is_empty() {
        let dir = scratch("direction-mark-name");
        write(&dir, "cv.toml", "[person]\nname = \"\\u200E\"\n");
        let out = cvc(&["build"], &dir);
        assert_eq!(out.status.code(), Some(1));
        says(&out, "cv.toml:2:9: error: `name` is empty");
        assert!(!dir.join("cv.pdf").exists());
    }

    #[test]
    fn a_layout_that_makes_too_many_pages_is_an_error() {
        let dir = scratch("too-many-pages");
        let words = "a ".repeat(48_000);
        write(
            &dir,
            "cv.toml",
            format!("{PERSON}[[section]]\ntitle = \"S\"\ntext = \"{words}\"\n"),
        );
        let out = cvc(
            &[
                "build",
                "--set",
                "page.size=[70,50]",
                "--set",
                "page.margins={top=0,bottom=9,left=0,right=0}",
                "--set",
                "dates.width=5",
                "--set",
                "dates.gap=0",
                "--set",
                "sizes.body=72",
            ],
            &dir,
        );
        assert_eq!(out.status.code(), Some(1));
        says(&out, "; cvc writes at most 10000");
        assert!(!dir.join("cv.pdf").exists());
    }

    #[test]
    fn a_repeated_layout_text_is_short() {
        let dir = scratch("long-present");
        write(&dir, "cv.toml", PERSON);
        let out = cvc(
            &[
                "build",
                "--set",
                &format!("dates.present={}", "x".repeat(40)),
            ],
            &dir,
        );
        assert_eq!(out.status.code(), Some(1));
        says(&out, "`present` is longer than 32 characters");
    }

    #[test]
    fn a_link_is_at_most_2048_bytes() {
        let dir = scratch("long-link");
        let url = format!("https://example.org/{}", "a".repeat(2100));
        write(
            &dir,
            "cv.toml",
            format!("{PERSON}headline = \"[me]({url})\"\n"),
        );
        let out = cvc(&["build"], &dir);
        assert_eq!(out.status.code(), Some(1));
        says(&out, "cv.toml:3:18: error: `https://example.org/");
        says(&out, "is too long for a link (2120 bytes)");
    }
}
