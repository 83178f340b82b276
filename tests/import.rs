//! `cvc import` as a user runs it: real files of each format, written from their
//! published schemas (tests/fixtures/import/: a JSON Resume using every section
//! of schema v1, a RenderCV file using every entry type, a résumé in French,
//! Japanese and Arabic), imported, built with `cvc build`, and read back with
//! pdftotext: every text of the source must be in the PDF, but the values the
//! import reported as not imported and the few the CV shows in another form
//! (each exception is named and justified in [`shown_differently`]).

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use common::{command, cvc, fold, path, pdf_lines, root, says, scratch, stderr, succeeded, write};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/import").join(name)
}

/// `cvc import FIXTURE -o DIR/cv.toml`, which must succeed: the cv.toml's path
/// and what cvc said.
fn import(name: &str, dir: &Path) -> (PathBuf, Output) {
    let toml = dir.join("cv.toml");
    let out = cvc(&["import", path(&fixture(name)), "-o", path(&toml)], dir);
    succeeded(&out);
    (toml, out)
}

/// Build `toml` (with `extra` arguments) and return the PDF's text as a
/// reader gets it: footers dropped, white space folded, the bidi controls
/// pdftotext adds around right-to-left runs taken out.
fn built_text(toml: &Path, extra: &[&str]) -> Option<String> {
    let pdf = toml.with_extension("pdf");
    let mut args = vec!["build", path(toml), "-o", path(&pdf)];
    args.extend_from_slice(extra);
    succeeded(&cvc(&args, toml.parent().expect("a folder")));
    let lines = pdf_lines(&pdf)?;
    let body: Vec<&str> = lines.lines().filter(|l| !l.contains(" · page ")).collect();
    let text: String = body
        .join("\n")
        .chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect();
    Some(fold(&text))
}

/// Every text of a JSON file with its path (`work[0].highlights[1]`).
fn json_leaves(v: &serde_json::Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) => out.push((at.to_string(), s.clone())),
        serde_json::Value::Number(n) => out.push((at.to_string(), n.to_string())),
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                json_leaves(v, &format!("{at}[{i}]"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let p = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                json_leaves(v, &p, out);
            }
        }
        _ => {}
    }
}

/// Every text of a YAML file with its path, read by yaml-rust2's own loader
/// (not the importer's reader).
fn yaml_leaves(v: &yaml_rust2::Yaml, at: &str, out: &mut Vec<(String, String)>) {
    use yaml_rust2::Yaml;
    match v {
        Yaml::String(s) | Yaml::Real(s) => out.push((at.to_string(), s.clone())),
        Yaml::Integer(n) => out.push((at.to_string(), n.to_string())),
        Yaml::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                yaml_leaves(v, &format!("{at}[{i}]"), out);
            }
        }
        Yaml::Hash(map) => {
            for (k, v) in map {
                let k = k.as_str().map_or_else(|| format!("{k:?}"), str::to_string);
                let p = if at.is_empty() {
                    k
                } else {
                    format!("{at}.{k}")
                };
                yaml_leaves(v, &p, out);
            }
        }
        _ => {}
    }
}

/// The paths cvc reported as not imported: the warnings, and the one line of
/// what is not content.
fn reported(out: &Output) -> Vec<String> {
    let err = stderr(out);
    let mut paths = Vec::new();
    for line in err.lines() {
        let quoted = if let Some(rest) = line.strip_prefix("warning: not imported: ") {
            rest.split('`').nth(1).into_iter().collect::<Vec<_>>()
        } else if let Some(rest) =
            line.strip_prefix("note: not imported, as they are not the CV's content: ")
        {
            rest.split('`').skip(1).step_by(2).collect()
        } else {
            Vec::new()
        };
        paths.extend(quoted.into_iter().map(str::to_string));
    }
    paths
}

/// How a text the CV shows in another form must appear, or `None` when it is
/// not shown as text, with the reason.
fn shown_differently(path: &str, text: &str) -> Option<Option<String>> {
    let key = path.rsplit('.').next().unwrap_or(path);
    let key = key.split('[').next().unwrap_or(key);
    let year = text
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
    Some(match key {
        // Dates are printed by the layout ("Mar 2021", "14 Nov 2023", a
        // publication's year): their year is there; free text ("Autumn 2013 –
        // Spring 2016") is printed as written.
        "startDate" | "endDate" | "date" | "releaseDate" | "start_date" | "end_date"
            if year.is_some() =>
        {
            year.map(str::to_string)
        }
        // "present" is printed as the layout's word for it.
        "end_date" if text == "present" => Some("present".into()),
        // A postal address is one header line: its lines joined by commas.
        "address" => Some(text.lines().collect::<Vec<_>>().join(", ")),
        // A website is shown as its address without the scheme and final slash.
        "website" => Some(
            text.trim_start_matches("https://")
                .trim_end_matches('/')
                .to_string(),
        ),
        "url" if path == "basics.url" => Some(text.trim_start_matches("https://").to_string()),
        // Links and DOIs are the targets of their text, not text; a photo is
        // an image; a known network's name is its icon, and a Google Scholar
        // id is shown as "Google Scholar".
        "url" | "doi" | "photo" => None,
        "network"
            if matches!(
                text,
                "GitHub" | "LinkedIn" | "Mastodon" | "ORCID" | "Google Scholar"
            ) =>
        {
            None
        }
        "username" if text.len() == 11 && !text.contains(['.', '-']) => {
            Some("Google Scholar".into())
        }
        _ => return None,
    })
}

/// Check that every text of the source is in `pdf`, but those under a reported
/// path; RenderCV's Markdown is compared as the reader sees it.
#[track_caller]
fn every_text_is_in(pdf: &str, leaves: &[(String, String)], reported: &[String], markdown: bool) {
    let mut missing = Vec::new();
    for (at, text) in leaves {
        if reported.iter().any(|r| {
            at == r || at.starts_with(&format!("{r}.")) || at.starts_with(&format!("{r}["))
        }) {
            continue;
        }
        let expected = match shown_differently(at, text) {
            Some(None) => continue,
            Some(Some(shown)) => shown,
            None if markdown => cvc::plain(text.trim_matches('*')),
            None => text.clone(),
        };
        let expected = fold(&expected);
        if !pdf.contains(&expected) {
            missing.push(format!("{at}: {expected:?}"));
        }
    }
    assert!(
        missing.is_empty(),
        "not in the PDF:\n{}\n\nPDF text:\n{pdf}",
        missing.join("\n")
    );
}

#[test]
fn a_json_resume_of_every_section_comes_back_whole_from_the_pdf() {
    let dir = scratch("json-resume");
    let (toml, out) = import("resume.json", &dir);
    let reported = reported(&out);
    // Exactly what cannot be mapped: a photo on the web, and what is not content.
    assert_eq!(
        reported,
        ["basics.image", "$schema", "meta"],
        "{}",
        stderr(&out)
    );
    says(&out, "wrote ");
    says(
        &out,
        "11 sections, 9 entries, 1 publication, 4 items; 1 value not imported",
    );
    let text = std::fs::read_to_string(&toml).expect("cv.toml");
    assert!(
        text.contains("# Not imported:\n#   basics.image: "),
        "{text}"
    );
    let source = std::fs::read_to_string(fixture("resume.json")).expect("fixture");
    let json: serde_json::Value = serde_json::from_str(&source).expect("JSON");
    let mut leaves = Vec::new();
    json_leaves(&json, "", &mut leaves);
    assert!(leaves.len() > 90, "{}", leaves.len());
    let Some(pdf) = built_text(&toml, &[]) else {
        return;
    };
    every_text_is_in(&pdf, &leaves, &reported, false);
    // Markup characters in plain JSON text print as they are written.
    assert!(pdf.contains("Writes C* and a_b*c in configs"), "{pdf}");
    assert!(pdf.contains("[brackets] in prose"));
    assert!(pdf.contains("as 3*4 and 2*8 node grids"));
    // Dates in the date column, next to their entry.
    assert!(
        pdf.contains("Mar 2021 – present Staff Site Reliability Engineer"),
        "{pdf}"
    );
}

#[test]
fn a_rendercv_file_of_every_entry_type_comes_back_whole_from_the_pdf() {
    let dir = scratch("rendercv");
    let (toml, out) = import("rendercv.yaml", &dir);
    let reported = reported(&out);
    assert_eq!(
        reported,
        [
            "cv.sections.experience[0].team_size",
            "cv.custom_connections[0].fontawesome_icon",
            "design",
            "locale",
            "settings"
        ],
        "{}",
        stderr(&out)
    );
    says(
        &out,
        "9 sections, 6 entries, 2 publications, 8 items; 1 value not imported",
    );
    let text = std::fs::read_to_string(&toml).expect("cv.toml");
    // The photo beside the YAML file, found from the cv.toml written elsewhere.
    let photo = fixture("photo.png").canonicalize().expect("photo");
    assert!(
        text.contains(&format!("photo = \"{}\"", photo.display())),
        "{text}"
    );
    // RenderCV's emphasis of the owner in an author list became an alias.
    assert!(text.contains("aliases = [\"T. Lindqvist\"]"), "{text}");
    let source = std::fs::read_to_string(fixture("rendercv.yaml")).expect("fixture");
    let docs = yaml_rust2::YamlLoader::load_from_str(&source).expect("YAML");
    let mut leaves = Vec::new();
    yaml_leaves(&docs[0], "", &mut leaves);
    assert!(leaves.len() > 60, "{}", leaves.len());
    let Some(pdf) = built_text(&toml, &[]) else {
        return;
    };
    every_text_is_in(&pdf, &leaves, &reported, true);
    // Section titles as RenderCV prints its keys; Markdown kept as markup.
    assert!(pdf.contains("Selected Honors"));
    assert!(
        pdf.contains("Ten years of C++ and ROS, three with Rust."),
        "{pdf}"
    );
    assert!(
        pdf.contains("Feb 2021 – present Senior Robotics Engineer"),
        "{pdf}"
    );
}

#[test]
fn a_resume_in_french_japanese_and_arabic_keeps_every_letter() {
    let cjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    let cjk_bold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
    let arabic = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
    let dir = scratch("international");
    let (toml, out) = import("international.json", &dir);
    let reported = reported(&out);
    assert!(reported.is_empty(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&toml).expect("cv.toml");
    assert!(
        text.contains("name = \"Élodie Kobayashi (小林 エロディ)\""),
        "{text}"
    );
    assert!(text.contains("title = \"ليلى حداد\""), "{text}");
    if !common::fonts_installed(&[cjk, cjk_bold, arabic]) {
        return;
    }
    write(
        &dir,
        "scripts.toml",
        format!(
            "extends = \"full\"\n[fonts]\nfallback = [{{ regular = {{ file = \"{cjk}\", index = 0 }}, bold = {{ file = \"{cjk_bold}\", index = 0 }} }}, \"{arabic}\"]\n"
        ),
    );
    let layout = dir.join("scripts.toml");
    let source = std::fs::read_to_string(fixture("international.json")).expect("fixture");
    let json: serde_json::Value = serde_json::from_str(&source).expect("JSON");
    let mut leaves = Vec::new();
    json_leaves(&json, "", &mut leaves);
    let Some(pdf) = built_text(&toml, &["--layout", path(&layout)]) else {
        return;
    };
    every_text_is_in(&pdf, &leaves, &reported, false);
}

#[test]
fn import_never_writes_over_a_file() {
    let dir = scratch("overwrite");
    write(&dir, "cv.toml", "[person]\nname = \"Mine\"\n");
    let out = cvc(&["import", path(&fixture("resume.json"))], &dir);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // Said first, before any note of the import.
    assert!(
        stderr(&out)
            .starts_with("error: `cv.toml` exists, and cvc import never writes over a file"),
        "{}",
        stderr(&out)
    );
    // A file named like a PDF would get TOML in it.
    let out = cvc(
        &["import", path(&fixture("resume.json")), "-o", "cv.pdf"],
        &dir,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: `cv.pdf` does not end in `.toml`"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("cv.pdf").exists());
    assert_eq!(
        std::fs::read_to_string(dir.join("cv.toml")).expect("kept"),
        "[person]\nname = \"Mine\"\n"
    );
    // The default is cv.toml here, and the next command is the plain build.
    let fresh = scratch("overwrite-fresh");
    let out = cvc(&["import", path(&fixture("resume.json"))], &fresh);
    succeeded(&out);
    says(&out, "next: `cvc build`");
    succeeded(&cvc(&["build"], &fresh));
}

#[test]
fn broken_json_is_an_error_at_its_line_and_column() {
    let dir = scratch("bad-json");
    write(
        &dir,
        "resume.json",
        "{\n  \"basics\": {\n    \"name\": \"Ada\",\n  }\n}\n",
    );
    let out = cvc(&["import", "resume.json"], &dir);
    assert_eq!(out.status.code(), Some(1));
    says(
        &out,
        "error: `resume.json` is not valid JSON: trailing comma, at line 4, column 3",
    );
    assert!(!dir.join("cv.toml").exists());
}

#[test]
fn json_or_yaml_that_is_no_resume_is_named_for_what_it_is() {
    let dir = scratch("not-a-resume");
    write(
        &dir,
        "package.json",
        "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}\n",
    );
    let out = cvc(&["import", "package.json"], &dir);
    assert_eq!(out.status.code(), Some(1));
    says(&out, "`package.json` is JSON, but neither a JSON Resume");
    says(&out, "its keys are `name`, `version`");
    write(
        &dir,
        "ci.yml",
        "jobs:\n  test:\n    runs-on: ubuntu-latest\n",
    );
    let out = cvc(&["import", "ci.yml"], &dir);
    assert_eq!(out.status.code(), Some(1));
    says(&out, "`ci.yml` is YAML, but neither");
    assert!(!dir.join("cv.toml").exists());
}

#[test]
fn a_yaml_alias_bomb_is_refused_at_once() {
    let dir = scratch("bomb");
    let mut bomb = String::from("cv:\n  name: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        bomb.push_str(&format!("  {}: &{} [{refs}]\n", w[1], w[1]));
    }
    write(&dir, "cv.yaml", &bomb);
    let started = std::time::Instant::now();
    let out = cvc(&["import", "cv.yaml"], &dir);
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    says(&out, "aliases expand it past 4 MiB");
}

#[test]
fn markup_characters_of_json_resume_text_print_literally() {
    let dir = scratch("literal");
    write(
        &dir,
        "resume.json",
        r#"{"basics": {"name": "Ada \\ Byron"},
            "work": [{"name": "C* Labs", "position": "Dev",
                      "highlights": ["a_b*c and **not bold** and [not](https://a.link)"]}]}"#,
    );
    succeeded(&cvc(&["import", "resume.json"], &dir));
    let Some(pdf) = built_text(&dir.join("cv.toml"), &[]) else {
        return;
    };
    for literal in [
        "Ada \\ Byron",
        "Dev, C* Labs",
        "a_b*c and **not bold** and [not](https://a.link)",
    ] {
        assert!(pdf.contains(literal), "{literal:?} not in {pdf}");
    }
}

#[test]
fn standard_input_to_standard_output() {
    let dir = scratch("stdio");
    let mut child = command(&["import", "-", "-o", "-"], &dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cvc runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"cv:\n  name: Ada\n  sections:\n    Notes:\n      - One line.\n")
        .expect("written");
    let out = child.wait_with_output().expect("cvc ends");
    succeeded(&out);
    let toml = String::from_utf8(out.stdout.clone()).expect("UTF-8");
    assert!(toml.contains("[person]\nname = \"Ada\""), "{toml}");
    assert!(
        toml.contains("title = \"Notes\"\ntext = \"One line.\""),
        "{toml}"
    );
    says(&out, "wrote standard output from <stdin> (RenderCV)");
    assert!(!dir.join("cv.toml").exists());
}

#[test]
fn building_a_json_resume_points_to_import() {
    let dir = scratch("build-json");
    write(&dir, "resume.json", "{\"basics\": {\"name\": \"Ada\"}}\n");
    let out = cvc(&["build", "resume.json"], &dir);
    assert_eq!(out.status.code(), Some(2));
    says(
        &out,
        "help: `cvc import resume.json` converts a JSON Resume or a RenderCV file",
    );
}

/// A name in a script no bundled font has imports, and the import says at once
/// that the CV needs fonts to build, rather than leaving it to `cvc build`.
#[test]
fn an_import_that_needs_fonts_says_so() {
    let dir = scratch("needs-fonts");
    write(
        &dir,
        "resume.json",
        "{\"basics\": {\"name\": \"Ada\", \"summary\": \"数据 engineer\"}}",
    );
    let out = cvc(&["import", "resume.json"], &dir);
    succeeded(&out);
    let said = stderr(&out);
    assert!(
        said.contains("no bundled font has the character `数`"),
        "{said}"
    );
    assert!(
        said.contains("the imported CV does not build as it is"),
        "{said}"
    );
    assert!(said.contains("[fonts] fallback"), "{said}");
    assert!(dir.join("cv.toml").is_file());
}
