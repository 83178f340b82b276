//! `cvc build` as a user runs it: the binary, real files, and the PDF checked with
//! the tools a reader or a parser uses (poppler's pdftotext/pdffonts/pdfinfo, qpdf).
//!
//! When a tool is missing the test says so and passes, unless `CI` is set: there a
//! missing tool fails the test, so CI can never go green without looking at a PDF.

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::{
    build_in_scratch, cvc, cvc_env, fold, page_text, pages, path, pdf_lines, pdf_text, root,
    scratch, stderr, succeeded, tool, write,
};

/// Every text of the author's CV, in document order, as a reader sees it.
fn cv_texts() -> Vec<String> {
    use cvc::plain;
    let text = std::fs::read_to_string(root().join("cv.toml")).expect("cv.toml");
    let cv = cvc::parse_cv(cvc::FileId(0), &text).expect("cv.toml parses");
    let mut out = vec![plain(&cv.person.name.value)];
    out.extend(cv.person.headline.iter().map(|t| plain(&t.value)));
    for t in [
        &cv.person.skills,
        &cv.person.languages,
        &cv.person.nationality,
    ]
    .into_iter()
    .flatten()
    {
        out.push(plain(&t.value));
    }
    for section in &cv.sections {
        out.push(plain(&section.title.value));
        let groups = section.groups.iter().map(|g| (Some(&g.title), &g.body));
        for (title, s) in std::iter::once((None, &section.body)).chain(groups) {
            out.extend(title.map(|t| plain(&t.value)));
            if let Some(t) = &s.text {
                out.extend(t.value.split("\n\n").map(plain));
            }
            for e in &s.entries {
                out.extend(e.roles.iter().map(|r| plain(&r.title.value)));
                for t in [&e.title, &e.organisation, &e.location, &e.subtitle]
                    .into_iter()
                    .flatten()
                {
                    out.push(plain(&t.value));
                }
                if let Some(t) = &e.text {
                    out.extend(t.value.split("\n\n").map(plain));
                }
                out.extend(e.bullets.iter().map(|b| plain(&b.text.value)));
            }
            for p in &s.publications {
                out.push(plain(&p.title.value));
                out.extend(p.venue.iter().map(|t| plain(&t.value)));
            }
            for i in &s.items {
                out.extend(i.label.iter().map(|t| plain(&t.value)));
                out.push(plain(&i.text.value));
            }
        }
    }
    out.into_iter()
        .map(|t| fold(&t))
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn every_text_of_the_author_cv_comes_back_from_pdftotext_in_order() {
    let (pdf, _) = build_in_scratch("cv.toml", "author-text", &[]);
    let Some(extracted) = pdf_lines(&pdf) else {
        return;
    };
    // Page footers ("Bruno Magalhaes · page 2 of 6") interrupt text that runs on.
    let body: Vec<&str> = extracted
        .lines()
        .filter(|l| !l.contains(" · page "))
        .collect();
    let extracted = fold(&body.join("\n"));
    let mut from = 0;
    for text in cv_texts() {
        let Some(at) = extracted[from..].find(&text) else {
            let found_anywhere = extracted.contains(&text);
            panic!("not found in order (found elsewhere: {found_anywhere}): {text:?}");
        };
        // Move on from the start of this text: a date column may be read before it.
        from += at;
    }
    for word in [
        "École",
        "São Paulo",
        "Schüermann",
        "Zürich",
        "AI Resident » Researcher » Senior Researcher",
    ] {
        assert!(extracted.contains(word), "{word} missing");
    }
    // Each entry's dates sit next to it: the date line is read right before the title.
    assert!(
        extracted.contains("Jul 2025 – present Principal Researcher for AI Systems and Networks")
    );
    assert!(extracted.contains("Sep 2019 – Oct 2023 AI Resident » Researcher"));
}

#[test]
fn fonts_are_embedded_subsets_with_tounicode() {
    let (pdf, _) = build_in_scratch("cv.toml", "author-fonts", &[]);
    let Some(list) = tool("pdffonts", &[path(&pdf)]) else {
        return;
    };
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{list}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let name = cols[0];
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "not a subset name: {row}"
        );
        assert!(name[..6].bytes().all(|b| b.is_ascii_uppercase()), "{row}");
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            &["yes", "yes", "yes"],
            "emb/sub/uni: {row}"
        );
    }
    assert!(list.contains("SourceSerif4-Regular") && list.contains("NotoSansSymbols2-Regular"));
    // Subsets stay small: the whole file is well under the 1.3 MB of the full fonts.
    assert!(std::fs::metadata(&pdf).unwrap().len() < 200_000);
}

#[test]
fn links_page_size_and_document_info() {
    let (pdf, _) = build_in_scratch("cv.toml", "author-info", &[]);
    let p = path(&pdf);
    let Some(urls) = tool("pdfinfo", &["-url", p]) else {
        return;
    };
    for url in [
        "mailto:brunomaga@gmail.com",
        "https://github.com/brunomaga",
        "https://www.linkedin.com/in/brunomaga",
        "https://scholar.google.com/citations?user=pirWLLgAAAAJ",
        "https://arxiv.org/abs/1907.00670",
        "http://www.cell.com/abstract/S0092-8674(15)01191-5",
    ] {
        assert!(urls.contains(url), "no link to {url}:\n{urls}");
    }
    let info = tool("pdfinfo", &[p]).expect("pdfinfo ran above");
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(
        info.contains("Title:           Bruno Magalhaes — Curriculum Vitae"),
        "{info}"
    );
    assert!(info.contains("Author:          Bruno Magalhaes"), "{info}");
    assert!(
        info.contains("Subject:         High Performance Computing and Machine Learning"),
        "{info}"
    );
    assert!(info.contains("Keywords:        curriculum vitae"), "{info}");
    assert!(
        info.contains(&format!(
            "Creator:         cvc {}",
            env!("CARGO_PKG_VERSION")
        )),
        "{info}"
    );
    assert!(info.contains("PDF version:     1.7"), "{info}");
    assert!(
        !info.contains("CreationDate"),
        "no clock may be read without SOURCE_DATE_EPOCH:\n{info}"
    );
    let pages = pages(&pdf).expect("pdfinfo ran above");
    if let Some(text) = pdf_lines(&pdf) {
        assert!(
            text.contains(&format!("Bruno Magalhaes · page {pages} of {pages}")),
            "footer on the last page:\n{text}"
        );
    }
    if let Some(check) = tool("qpdf", &["--check", p]) {
        assert!(
            check.contains("No syntax or stream encoding errors found"),
            "{check}"
        );
    }
}

#[test]
fn one_bookmark_per_section_in_order() {
    let (pdf, _) = build_in_scratch("cv.toml", "author-outline", &[]);
    let Some(json) = tool("qpdf", &["--json", "--json-key=outlines", path(&pdf)]) else {
        return;
    };
    let titles: Vec<&str> = json
        .split("\"title\": \"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or(""))
        .collect();
    let text = std::fs::read_to_string(root().join("cv.toml")).unwrap();
    let cv = cvc::parse_cv(cvc::FileId(0), &text).unwrap();
    let sections: Vec<&str> = cv.sections.iter().map(|s| s.title.value.as_str()).collect();
    assert_eq!(titles, sections);
}

#[test]
fn identical_input_gives_identical_bytes() {
    let (a, _) = build_in_scratch("cv.toml", "same-a", &[]);
    let (b, _) = build_in_scratch("cv.toml", "same-b", &[]);
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    let (c, _) = build_in_scratch("examples/academic/cv.toml", "same-c", &[]);
    let (d, _) = build_in_scratch("examples/academic/cv.toml", "same-d", &[]);
    assert_eq!(std::fs::read(c).unwrap(), std::fs::read(d).unwrap());
}

#[test]
fn examples_build_with_their_text_and_photo() {
    let (pdf, _) = build_in_scratch("examples/engineer/cv.toml", "engineer", &[]);
    if let Some(text) = pdf_text(&pdf) {
        assert!(
            text.contains("Cut p99 checkout latency from 840 ms to 190 ms"),
            "{text}"
        );
        assert!(!text.contains("page 1 of 1"), "a one-page CV has no footer");
    }
    let (pdf, _) = build_in_scratch("examples/academic/cv.toml", "academic", &[]);
    let p = path(&pdf);
    if let Some(text) = pdf_text(&pdf) {
        for s in [
            "Ana Luísa Gonçalves",
            "Universidade de São Paulo",
            "École normale supérieure",
            "Jürgen Schüermann",
            "Mastodon: @ana@example.social",
        ] {
            assert!(text.contains(s), "{s} missing from {text}");
        }
    }
    if let Some(images) = tool("pdfimages", &["-list", p]) {
        assert_eq!(images.lines().count(), 3, "one image:\n{images}");
        assert!(images.contains(" 240   300  rgb"), "{images}");
    }
    if let Some(urls) = tool("pdfinfo", &["-url", p]) {
        assert!(
            urls.contains("https://doi.org/10.1103/PhysRevLett.128.018101"),
            "{urls}"
        );
        assert!(
            urls.contains("https://orcid.org/0000-0002-1825-0097"),
            "{urls}"
        );
        assert!(urls.contains("tel:+351210000000"), "{urls}");
    }
}

#[test]
fn a_jpeg_photo_is_embedded_as_is() {
    let dir = scratch("jpeg");
    let img = image::RgbImage::from_fn(64, 80, |x, y| image::Rgb([x as u8 * 3, y as u8 * 2, 128]));
    img.save(dir.join("me.jpg")).expect("write jpeg");
    write(
        &dir,
        "cv.toml",
        "[person]\nname = \"J. Peg\"\nphoto = \"me.jpg\"\n",
    );
    let out = cvc(&["build"], &dir);
    succeeded(&out);
    let jpeg = std::fs::read(dir.join("me.jpg")).unwrap();
    let pdf = std::fs::read(dir.join("cv.pdf")).unwrap();
    assert!(
        pdf.windows(jpeg.len()).any(|w| w == jpeg.as_slice()),
        "JPEG bytes are embedded unchanged"
    );
    if let Some(images) = tool("pdfimages", &["-list", path(&dir.join("cv.pdf"))]) {
        assert!(images.contains("jpeg"), "{images}");
    }
}

/// Write `cv` into a scratch directory next to an existing `cv.pdf`, build, and
/// check that the old PDF survived the failure untouched.
fn failing_build(name: &str, cv: &str) -> (Output, PathBuf) {
    let dir = scratch(name);
    write(&dir, "cv.toml", cv);
    write(&dir, "cv.pdf", b"%PDF-1.7 the previous good build");
    let out = cvc(&["build", "cv.toml"], &dir);
    assert_eq!(
        std::fs::read(dir.join("cv.pdf")).unwrap(),
        b"%PDF-1.7 the previous good build",
        "a failed build must leave the old PDF intact"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n != "cv.toml" && n != "cv.pdf" && !n.ends_with(".png"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
    (out, dir)
}

#[test]
fn a_typo_in_a_key_names_the_line_column_and_the_right_key() {
    let cv = "[person]\nname = \"A\"\n\n[[section]]\ntitle = \"Work\"\n\n[[section.entry]]\ntitle = \"Engineer\"\nbulets = [\"x\"]\n";
    let (out, _) = failing_build("typo", cv);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "cv.toml:9:1: error: unknown key `bulets`\n  |\n9 | bulets = [\"x\"]\n  | ^\n  = help: did you mean `bullets`?\nerror: cv.pdf not written: 1 error in the document\n"
    );
}

#[test]
fn a_bad_date_is_an_error_at_the_date() {
    let cv = "[person]\nname = \"A\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"E\"\nstart = \"2019-13\"\n";
    let (out, _) = failing_build("bad-date", cv);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "cv.toml:7:10: error: `2019-13`: month 13 does not exist (months are 01 to 12)\n"
        ),
        "{err}"
    );
    let cv = "[person]\nname = \"A\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"E\"\nstart = \"2023-02-29\"\n";
    let (out, _) = failing_build("bad-day", cv);
    assert!(stderr(&out).contains(
        "cv.toml:7:10: error: `2023-02-29`: day 29 does not exist (Feb 2023 has 28 days)"
    ));
    let cv = "[person]\nname = \"A\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"E\"\nstart = \"2020-05\"\nend = \"2019\"\n";
    let (out, _) = failing_build("backwards", cv);
    assert!(stderr(&out).contains("cv.toml:8:8: error: this entry ends before it starts"));
}

#[test]
fn a_missing_photo_is_an_error_at_the_photo_key() {
    let cv = "[person]\nname = \"A\"\nphoto = \"me.png\"\n";
    let (out, _) = failing_build("no-photo", cv);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("cv.toml:3:10: error: cannot read `me.png`: no such file or directory\n"),
        "{err}"
    );
}

#[test]
fn a_character_no_font_has_is_named_with_its_place() {
    let cv = "[person]\nname = \"A\"\nheadline = \"Engineer 工程\"\n";
    let (out, _) = failing_build("no-glyph", cv);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("cv.toml:3:22: error: no bundled font has the character `工` (U+5DE5)\n"),
        "{err}"
    );
    assert!(
        err.contains("cv.toml:3:23: error: no bundled font has the character `程`"),
        "{err}"
    );
}

/// A script no font covers is one error that names it and a font for it, at its
/// first character: not one error per character of a Chinese name.
#[test]
fn a_script_no_font_covers_is_one_error_naming_a_font() {
    let cv = "[person]\nname = \"王小明\"\nheadline = \"软件工程师, Ճարտար\"\n";
    let (out, _) = failing_build("no-script", cv);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("cv.toml:2:9: error: no bundled font has Chinese, Japanese and Korean characters: `王`, `小`, `明`, `软`, `件`, `工`, `程`, `师` (8 in the text; the first is here)\n"),
        "{err}"
    );
    assert!(err.contains("help: add a font that covers Chinese, Japanese and Korean to the layout's `[fonts] fallback` (docs/layouts.md), such as Noto Sans CJK or Noto Serif CJK (Debian: fonts-noto-cjk)"), "{err}");
    assert!(err.contains("cv.toml:3:20: error: no bundled font has Armenian characters: `Ճ`, `ա`, `ր`, `տ` (6 in the text; the first is here)"), "{err}");
    assert!(
        err.contains("such as Noto Sans Armenian (Debian: fonts-noto-core)"),
        "{err}"
    );
    assert!(
        err.ends_with("not written: 2 errors in the document\n"),
        "{err}"
    );
}

/// Emoji asked for in colour (U+FE0F) are set in the plain forms the bundled
/// symbol font has, with one warning for the whole build at the first of them.
#[test]
fn a_colour_emoji_is_set_plain_with_one_warning() {
    let cv =
        "[person]\nname = \"Ada ❤\u{FE0F} Lovelace\"\nheadline = \"Mail ✉\u{FE0F} or ☎\u{FE0F}\"\n";
    let dir = scratch("plain-form");
    write(&dir, "cv.toml", cv);
    let out = cvc(&["build", "cv.toml", "-o", "cv.pdf"], &dir);
    succeeded(&out);
    let err = stderr(&out);
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert!(
        err.starts_with("cv.toml:2:14: warning: `❤` followed by U+FE0F asks for an emoji in colour, which no bundled font has; `❤` is set in its plain form\n"),
        "{err}"
    );
    if let Some(text) = pdf_text(&dir.join("cv.pdf")) {
        assert!(text.contains("Ada ❤ Lovelace Mail ✉ or ☎"), "{text}");
    }
}

/// A direction override (U+202E) turns the letters after it around, so that the
/// page shows other than the source says ("Evil \u{202E}resU" prints "Evil
/// User"): a warning, once a build, at the first (found by review).
#[test]
fn a_direction_override_is_a_warning() {
    let cv = "[person]\nname = \"Evil \u{202E}resU\u{202C} Name\"\nheadline = \"pay \u{202E}gnp.exe\u{202C} now\"\n";
    let dir = scratch("override");
    write(&dir, "cv.toml", cv);
    let out = cvc(&["build", "cv.toml", "-o", "cv.pdf"], &dir);
    succeeded(&out);
    let err = stderr(&out);
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert!(
        err.starts_with("cv.toml:2:14: warning: a direction override (U+202D or U+202E)"),
        "{err}"
    );
}

#[test]
fn an_overlong_word_is_a_warning_with_its_place() {
    let dir = scratch("overlong");
    let long = "x".repeat(140);
    write(
        &dir,
        "cv.toml",
        format!("[person]\nname = \"A\"\n[[section]]\ntitle = \"S\"\ntext = \"see {long}\"\n"),
    );
    let out = cvc(&["build"], &dir);
    succeeded(&out);
    let err = stderr(&out);
    assert!(err.starts_with("cv.toml:5:13: warning: `xxxx"), "{err}");
    assert!(err.contains("is wider than its column"), "{err}");
}

#[test]
fn usage_and_io_errors_exit_with_2() {
    let dir = scratch("usage");
    let out = cvc(&["build", "missing.toml"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot read `missing.toml`: no such file or directory\n"
    );
    let out = cvc(&["frobnicate"], &dir);
    assert_eq!(out.status.code(), Some(2));
    write(&dir, "cv.toml", "[person]\nname = \"A\"\n");
    let out = cvc(&["build", "--layout", "nope"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("error: there is no layout `nope`"));
    let out = cvc(&["build", "-o", "no/such/dir/cv.pdf"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out)
        .starts_with("error: cannot write `no/such/dir/cv.pdf`: no such file or directory"));
}

#[test]
fn output_defaults_to_the_cv_name_with_pdf() {
    let dir = scratch("default-out");
    write(&dir, "resume.toml", "[person]\nname = \"A\"\n");
    let out = cvc(&["build", "resume.toml"], &dir);
    succeeded(&out);
    assert!(dir.join("resume.pdf").is_file());
    assert!(stderr(&out).starts_with("wrote resume.pdf (1 page, "));
}

#[test]
fn a_layout_file_by_path_is_used_and_its_errors_point_into_it() {
    let dir = scratch("layout-file");
    write(&dir, "cv.toml", "[person]\nname = \"A\"\n");
    std::fs::create_dir_all(dir.join("my")).unwrap();
    write(&dir, "my/letter.toml", "[page]\nsize = \"letter\"\n");
    let out = cvc(&["build", "--layout", "my/letter.toml"], &dir);
    succeeded(&out);
    if let Some(info) = tool("pdfinfo", &[path(&dir.join("cv.pdf"))]) {
        assert!(
            info.contains("Page size:       612 x 792 pts (letter)"),
            "{info}"
        );
    }
    write(&dir, "my/bad.toml", "[fonts]\nbody = \"Comic Sans\"\n");
    let out = cvc(&["build", "--layout", "my/bad.toml"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("my/bad.toml:2:9: error: unknown font family `Comic Sans`\n"),
        "{}",
        stderr(&out)
    );
    let out = cvc(&["build", "--layout", "my/missing.toml"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot read layout `my/missing.toml`: no such file or directory\n"
    );
}

#[test]
fn a_layout_can_start_a_section_on_a_new_page() {
    let dir = scratch("break-before");
    write(&dir, "cv.toml", "[person]\nname = \"A\"\n[[section]]\ntitle = \"Work\"\ntext = \"Short.\"\n[[section]]\nid = \"edu\"\ntitle = \"Education\"\ntext = \"Also short.\"\n");
    write(
        &dir,
        "paged.toml",
        "[pagination]\nbreak_before = [\"edu\"]\n",
    );
    let out = cvc(&["build", "--layout", "paged.toml"], &dir);
    succeeded(&out);
    assert!(
        stderr(&out).contains("warning: page 1 is "),
        "the short page is explained: {}",
        stderr(&out)
    );
    let pdf = dir.join("cv.pdf");
    let (Some(one), Some(two)) = (page_text(&pdf, 1), page_text(&pdf, 2)) else {
        return;
    };
    assert!(one.contains("Work") && !one.contains("Education"), "{one}");
    assert!(two.trim_start().starts_with("Education"), "{two}");
}

#[test]
fn a_layout_can_keep_an_entry_whole() {
    let dir = scratch("keep-together");
    let bullets: Vec<String> = (1..=14)
        .map(|i| format!("\"Bullet number {i} of the long entry.\""))
        .collect();
    let cv = format!(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"First\"\nbullets = [{b}]\n[[section.entry]]\nid = \"long\"\ntitle = \"Second\"\nbullets = [{b}]\n",
        b = bullets.join(", ")
    );
    write(&dir, "cv.toml", cv);
    // A small page: the second entry would start on page 1 and run onto page 2.
    write(&dir, "small.toml", "[page]\nsize = [150, 160]\nmargins = { top = 10, bottom = 12, left = 10, right = 10 }\n[dates]\nwidth = 10\ngap = 2\n");
    write(&dir, "kept.toml", "[page]\nsize = [150, 160]\nmargins = { top = 10, bottom = 12, left = 10, right = 10 }\n[dates]\nwidth = 10\ngap = 2\n[pagination]\nkeep_together = [\"long\"]\n");
    let out = cvc(
        &["build", "--layout", "small.toml", "-o", "split.pdf"],
        &dir,
    );
    succeeded(&out);
    let out = cvc(&["build", "--layout", "kept.toml", "-o", "kept.pdf"], &dir);
    succeeded(&out);
    let (Some(split1), Some(kept1), Some(kept2)) = (
        page_text(&dir.join("split.pdf"), 1),
        page_text(&dir.join("kept.pdf"), 1),
        page_text(&dir.join("kept.pdf"), 2),
    ) else {
        return;
    };
    assert!(
        split1.contains("Second"),
        "without the rule the entry starts on page 1:\n{split1}"
    );
    assert!(
        !kept1.contains("Second"),
        "with keep_together it does not:\n{kept1}"
    );
    assert!(
        kept2.contains("Second") && kept2.contains("Bullet number 14"),
        "{kept2}"
    );
}

/// `cvc completions SHELL` prints a script the shell takes, naming every
/// subcommand; `cvc man` prints a manual page; an unknown shell is a usage error.
#[test]
fn completions_and_the_manual_page_are_printed() {
    let dir = scratch("completions");
    let out = cvc(&["completions", "bash"], &dir);
    succeeded(&out);
    let script = String::from_utf8_lossy(&out.stdout).into_owned();
    for sub in [
        "build",
        "check",
        "layouts",
        "completions",
        "man",
        "--layout",
        "--set",
    ] {
        assert!(script.contains(sub), "{sub} not in the bash script");
    }
    write(&dir, "cvc.bash", &script);
    let sourced = std::process::Command::new("bash")
        .args(["-c", "source ./cvc.bash && complete -p cvc"])
        .current_dir(&dir)
        .output()
        .expect("bash runs");
    assert!(
        sourced.status.success(),
        "{}",
        String::from_utf8_lossy(&sourced.stderr)
    );
    assert!(String::from_utf8_lossy(&sourced.stdout).contains("-F _cvc cvc"));
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let out = cvc(&["completions", shell], &dir);
        succeeded(&out);
        assert!(!out.stdout.is_empty(), "{shell}");
    }
    let out = cvc(&["man"], &dir);
    succeeded(&out);
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.contains(".TH cvc 1"), "{page}");
    assert!(
        page.contains("Typeset a CV from cv.toml into a PDF"),
        "{page}"
    );
    assert!(page.contains("SOURCE_DATE_EPOCH"), "{page}");
    // The pages its SEE ALSO names are there too, with each command's options.
    let out = cvc(&["man", "build"], &dir);
    succeeded(&out);
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.contains(".TH cvc-build 1"), "{page}");
    assert!(
        page.contains("cvc\\-build \\- Build the PDF of a CV"),
        "{page}"
    );
    assert!(page.contains("cvc 0.1.0"), "{page}");
    succeeded(&cvc(&["man", "help"], &dir));
    assert!(page.contains("\\-\\-layout"), "{page}");
    let out = cvc(&["man", "bild"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("its commands are `build`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        cvc(&["completions", "cmd.exe"], &dir).status.code(),
        Some(2)
    );
}

/// `-` reads the CV from standard input and writes the PDF to standard output,
/// as a filter does; messages name `<stdin>`.
#[test]
fn a_cv_from_standard_input_becomes_a_pdf_on_standard_output() {
    use std::io::Write as _;
    let dir = scratch("stdin");
    let run = |cv: &str, args: &[&str]| {
        let mut child = common::command(args, &dir)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("cvc runs");
        child
            .stdin
            .take()
            .expect("a pipe")
            .write_all(cv.as_bytes())
            .expect("cvc reads it");
        child.wait_with_output().expect("cvc ends")
    };
    let out = run("[person]\nname = \"Ada\"\n", &["build", "-"]);
    succeeded(&out);
    assert!(out.stdout.starts_with(b"%PDF-1.7"));
    assert!(stderr(&out).starts_with("wrote the PDF to standard output ("));
    write(&dir, "piped.pdf", &out.stdout);
    if let Some(text) = pdf_text(&dir.join("piped.pdf")) {
        assert_eq!(text, "Ada");
    }
    let out = run("[person]\nnam = \"Ada\"\n", &["build", "-", "-o", "x.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("<stdin>:2:1: error: unknown key `nam`"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("x.pdf").exists());
    // A photo is found from the current folder, and the error says so.
    let out = run(
        "[person]\nname = \"Ada\"\nphoto = \"me.png\"\n",
        &["build", "-"],
    );
    assert_eq!(out.status.code(), Some(1));
    let said = stderr(&out);
    assert!(said.contains("finds it from the current folder"), "{said}");
    assert!(
        said.ends_with("error: no PDF written: 1 error in the document\n"),
        "{said}"
    );
}

/// An output whose name does not end in `.pdf` is refused unless `--force`: a
/// PDF written to `cv.png` helps nobody.
#[test]
fn an_output_that_is_not_a_pdf_is_refused_unless_forced() {
    let dir = scratch("not-pdf");
    write(&dir, "cv.toml", "[person]\nname = \"Ada\"\n");
    let out = cvc(&["build", "cv.toml", "-o", "cv.png"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: `cv.png` does not end in `.pdf`"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("cv.png").exists());
    let out = cvc(&["build", "cv.toml", "-o", "cv.png", "--force"], &dir);
    succeeded(&out);
    assert!(std::fs::read(dir.join("cv.png"))
        .expect("written")
        .starts_with(b"%PDF"));
    succeeded(&cvc(&["build", "cv.toml", "-o", "CV.PDF"], &dir));
    // The same for the PDF `cvc check` may write.
    let out = cvc(
        &["check", "cv.toml", "--layout", "full", "-o", "c.png"],
        &dir,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("c.png").exists());
    let out = cvc(
        &[
            "check", "cv.toml", "--layout", "full", "-o", "c.png", "--force",
        ],
        &dir,
    );
    assert!(out.status.success());
    assert!(dir.join("c.png").is_file());
}

/// `--quiet` says only what went wrong; `--color` colours messages always or
/// never, and `auto` honours CLICOLOR_FORCE.
#[test]
fn quiet_and_color_do_what_they_say() {
    let dir = scratch("quiet-color");
    // A colour emoji: a warning.
    write(&dir, "cv.toml", "[person]\nname = \"Ada ❤\u{FE0F}\"\n");
    let out = cvc(&["build", "--quiet"], &dir);
    succeeded(&out);
    assert_eq!(stderr(&out), "");
    let out = cvc(&["new", "started", "--quiet"], &dir);
    succeeded(&out);
    assert_eq!(stderr(&out), "");
    assert!(dir.join("started/cv.toml").is_file());
    let out = cvc(&["check", "-q", "--layout", "full"], &dir);
    succeeded(&out);
    assert!(out.stdout.is_empty());
    let esc = |out: &std::process::Output| stderr(out).contains('\u{1b}');
    assert!(esc(&cvc(&["build", "--color", "always"], &dir)));
    assert!(!esc(&cvc(&["build", "--color", "never"], &dir)));
    assert!(!esc(&cvc(&["build"], &dir)), "not a terminal");
    let forced = cvc_env(&["build"], &dir, &[("CLICOLOR_FORCE", "1")]);
    assert!(esc(&forced));
    let never = cvc_env(
        &["build", "--color", "never"],
        &dir,
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!esc(&never));
}

/// `cvc new` writes a starter that builds and passes `cvc check` in every
/// built-in layout as it is, in a folder it makes; it never writes over a file;
/// and a folder without a CV says to run it.
#[test]
fn cvc_new_starts_a_cv_that_passes_every_layout_and_overwrites_nothing() {
    let dir = scratch("new");
    let out = cvc(&["build"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("help: to start one, run `cvc new`"),
        "{}",
        stderr(&out)
    );
    for (profile, folder) in [("engineer", "eng"), ("academic", "acad")] {
        let out = cvc(&["new", folder, "--profile", profile], &dir);
        succeeded(&out);
        let cv = format!("{folder}/cv.toml");
        assert!(
            stderr(&out).starts_with(&format!("wrote {cv}")),
            "{}",
            stderr(&out)
        );
        for layout in ["full", "onepage", "classic", "tech", "banner"] {
            let out = cvc(&["check", &cv, "--layout", layout], &dir);
            assert!(
                out.status.success(),
                "{profile} in {layout}: {}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
        succeeded(&cvc(&["build", &cv], &dir));
    }
    // The starter's papers have years, so year rules apply to them (they were
    // free-text dates, which `since` cannot compare).
    let pdf = dir.join("since.pdf");
    let out = cvc(
        &[
            "build",
            "acad/cv.toml",
            "--set",
            "select.since=2023",
            "-o",
            common::path(&pdf),
        ],
        &dir,
    );
    succeeded(&out);
    if let Some(text) = common::pdf_text(&pdf) {
        assert!(text.contains("A first paper"), "{text}");
        assert!(!text.contains("An earlier paper"), "{text}");
    }
    write(&dir, "eng/cv.toml", "[person]\nname = \"Mine\"\n");
    let out = cvc(&["new", "eng"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("it exists, and cvc new never writes over a file"));
    assert_eq!(
        std::fs::read_to_string(dir.join("eng/cv.toml")).expect("kept"),
        "[person]\nname = \"Mine\"\n"
    );
}

/// A JSON Resume or a RenderCV YAML file given to cvc is named for what it is,
/// not met with a TOML syntax error at its first line.
#[test]
fn json_and_yaml_are_named_not_parsed_as_toml() {
    let dir = scratch("foreign");
    write(
        &dir,
        "resume.json",
        "{\n  \"basics\": { \"name\": \"Ada\" }\n}\n",
    );
    write(&dir, "cv.yaml", "cv:\n  name: Ada\n");
    write(&dir, "cv.toml", "# a CV\ncv:\n  name: Ada\n");
    for (file, format) in [
        ("resume.json", "JSON"),
        ("cv.yaml", "YAML"),
        ("cv.toml", "YAML"),
    ] {
        for command in ["build", "check"] {
            let out = cvc(&[command, file], &dir);
            assert_eq!(out.status.code(), Some(2), "{command} {file}");
            let err = stderr(&out);
            assert!(
                err.starts_with(&format!("error: `{file}` is {format}, and cvc reads TOML")),
                "{err}"
            );
            assert!(err.contains("`cvc new`"), "{err}");
        }
    }
}

/// The PDF's keywords are the skills as a parser reads them: `Node.js`, `ASP.NET`
/// and `Python 3.12` whole (they were split at every dot), sentences apart.
#[test]
fn keywords_keep_dotted_skills_whole() {
    let dir = scratch("keywords");
    write(
        &dir,
        "cv.toml",
        "[person]\nname = \"Ada\"\nskills = \"Node.js, ASP.NET; Python 3.12. Spanish\"\n[[section]]\ntitle = \"Work\"\ntext = \"x\"\n",
    );
    succeeded(&cvc(&["build", "cv.toml"], &dir));
    let Some(info) = tool("pdfinfo", &[path(&dir.join("cv.pdf"))]) else {
        return;
    };
    assert!(
        info.contains("Keywords:        curriculum vitae,Node.js,ASP.NET,Python 3.12,Spanish\n"),
        "{info}"
    );
}
