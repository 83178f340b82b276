//! Publications from a `.bib` file, as a user builds them: the PDF shows every
//! author, title and venue, with group headings in order; a broken `.bib` file
//! is an error at its line and column in it.

mod common;

use common::{cvc, fold, pdf_text, says, scratch, stderr, succeeded, write};

const BIB: &str = r#"% A small bibliography with the usual LaTeX in it.
@string{prl = {Physical Review Letters}}

@article{virtanen2021,
  author  = {Virtanen, Aino and M{\"a}kel{\"a}, Mikko and Nieminen, J. and others},
  title   = {Noise-Driven Switching in {B}istable Circuits},
  journal = prl,
  volume  = {126}, number = {4}, pages = {048101--048109},
  year    = 2021, month = feb,
  doi     = {10.1103/PhysRevLett.126.048101},
}

@inproceedings{virtanen2023,
  author    = {A. Virtanen and {\L}ukasz Kowalski},
  title     = {Fast Inference for {\'E}tale Cohomology},
  booktitle = {Proceedings of ICML~2023},
  pages     = {101--110},
  year      = {2023},
}

@phdthesis{virtanen2018,
  author = {Aino Virtanen},
  title  = {Stochastic Models of Gene Expression},
  school = {Aalto-yliopisto},
  year   = {2018},
}

@misc{virtanen2024,
  author        = {Virtanen, A. and Ng, S.},
  title         = {Scaling Laws --- Revisited},
  eprint        = {2401.01234},
  archiveprefix = {arXiv},
  year          = {2024},
}
"#;

fn cv(table: &str) -> String {
    format!(
        "[person]\nname = \"Aino Virtanen\"\n\n[[section]]\ntitle = \"Publications\"\n[section.bibtex]\nfile = \"refs.bib\"\n{table}\n"
    )
}

/// Build `cv` with `bib` as `refs.bib` in the scratch directory `name`; what
/// `pdftotext` reads, folded (none where the tool is missing outside CI).
fn build(name: &str, cv: &str, bib: &str, layout: &str) -> Option<String> {
    let dir = scratch(name);
    write(&dir, "cv.toml", cv);
    write(&dir, "refs.bib", bib);
    let out = cvc(
        &["build", "cv.toml", "-o", "out.pdf", "--layout", layout],
        &dir,
    );
    succeeded(&out);
    pdf_text(&dir.join("out.pdf"))
}

#[test]
fn every_author_title_and_venue_is_in_the_pdf() {
    let Some(text) = build("all", &cv(""), BIB, "full") else {
        return;
    };
    for expected in [
        "Aino Virtanen, Mikko Mäkelä, J. Nieminen et al.",
        "Noise-Driven Switching in Bistable Circuits",
        "Physical Review Letters 126(4), 048101–048109",
        "A. Virtanen, Łukasz Kowalski",
        "Fast Inference for Étale Cohomology",
        "Proceedings of ICML 2023, 101–110",
        "Stochastic Models of Gene Expression",
        "Aalto-yliopisto",
        "A. Virtanen, S. Ng",
        "Scaling Laws — Revisited",
        "arXiv:2401.01234",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
    // Newest first.
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("no {s}"));
    assert!(at("Scaling Laws") < at("Fast Inference"));
    assert!(at("Fast Inference") < at("Noise-Driven"));
    assert!(at("Noise-Driven") < at("Stochastic Models"));
}

#[test]
fn the_owner_is_set_in_bold_in_every_form_of_the_name() {
    let dir = scratch("bold");
    write(&dir, "cv.toml", cv(""));
    write(&dir, "refs.bib", BIB);
    succeeded(&cvc(&["build", "cv.toml", "-o", "out.pdf"], &dir));
    // pdftohtml marks text set in a bold face with <b>.
    let pdf = dir.join("out.pdf");
    let Some(xml) = common::tool("pdftohtml", &["-xml", "-stdout", "-i", common::path(&pdf)])
    else {
        return;
    };
    let bold: Vec<String> = xml
        .split("<b>")
        .skip(1)
        .filter_map(|s| s.split("</b>").next())
        .map(fold)
        .collect();
    // The header's name, then the owner in each author list: "Virtanen, Aino",
    // "A. Virtanen", "Aino Virtanen", "Virtanen, A.".
    let owner = bold.iter().filter(|b| b.ends_with("Virtanen")).count();
    assert_eq!(owner, 5, "{bold:?}");
    for other in ["Mäkelä", "Nieminen", "Kowalski", "Ng"] {
        assert!(
            !bold.iter().any(|b| b.contains(other)),
            "{other} in bold: {bold:?}"
        );
    }
}

#[test]
fn groups_by_type_have_headings_in_the_layouts_language_and_in_order() {
    let Some(text) = build("type-fi", &cv("group = \"type\""), BIB, "full") else {
        return;
    };
    let headings = [
        "Journal articles",
        "Conference papers",
        "Preprints",
        "Theses",
    ];
    let mut last = 0;
    for h in headings {
        let at = text[last..]
            .find(h)
            .unwrap_or_else(|| panic!("no {h:?} after {last} in:\n{text}"));
        last += at + h.len();
    }
    // In Finnish, with the layout's language.
    let dir = scratch("type-fi-layout");
    write(&dir, "cv.toml", cv("group = \"type\""));
    write(&dir, "refs.bib", BIB);
    write(&dir, "fi.toml", "extends = \"full\"\nlanguage = \"fi\"\n");
    succeeded(&cvc(
        &["build", "cv.toml", "-o", "out.pdf", "--layout", "fi.toml"],
        &dir,
    ));
    let Some(text) = pdf_text(&dir.join("out.pdf")) else {
        return;
    };
    for h in [
        "Aikakauslehtiartikkelit",
        "Konferenssijulkaisut",
        "Esijulkaisut",
        "Opinnäytteet",
    ] {
        assert!(text.contains(h), "no {h:?} in:\n{text}");
    }
}

#[test]
fn groups_by_year_run_newest_first() {
    let Some(text) = build("year", &cv("group = \"year\""), BIB, "full") else {
        return;
    };
    let years: Vec<usize> = ["2024", "2023", "2021", "2018"]
        .iter()
        .map(|y| text.find(y).unwrap_or_else(|| panic!("no {y} in {text}")))
        .collect();
    assert!(years.windows(2).all(|w| w[0] < w[1]), "{years:?}: {text}");
}

#[test]
fn the_resume_shows_the_selected_publications() {
    let table = "selected = [\"virtanen2021\"]";
    let Some(text) = build("onepage", &cv(table), BIB, "onepage") else {
        return;
    };
    assert!(text.contains("Noise-Driven Switching"), "{text}");
    assert!(!text.contains("Stochastic Models"), "{text}");
}

#[test]
fn a_malformed_entry_is_an_error_at_its_line_and_column_in_the_bib_file() {
    let dir = scratch("malformed");
    write(&dir, "cv.toml", cv(""));
    let broken = BIB.replace(
        "  year    = 2021, month = feb,",
        "  year    = 2021 month = feb,",
    );
    write(&dir, "refs.bib", broken);
    let out = cvc(&["build", "cv.toml", "-o", "out.pdf"], &dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    says(&out, "refs.bib:9:18: error: expected `,` or `}`, found `m`");
    says(&out, "9 |   year    = 2021 month = feb,");
    assert!(!dir.join("out.pdf").exists());
}

#[test]
fn an_unknown_key_gets_the_nearest_and_a_missing_file_its_reason() {
    let dir = scratch("keys");
    write(&dir, "cv.toml", cv("keys = [\"virtanen2012\"]"));
    write(&dir, "refs.bib", BIB);
    let out = cvc(&["build", "cv.toml", "-o", "out.pdf"], &dir);
    assert_eq!(out.status.code(), Some(1));
    says(
        &out,
        "cv.toml:8:10: error: `virtanen2012` in `keys` is not the key of an entry of `refs.bib`",
    );
    says(&out, "help: did you mean `virtanen2018`?");

    let dir = scratch("missing");
    write(&dir, "cv.toml", cv("").replace("refs.bib", "papers.bib"));
    let out = cvc(&["build", "cv.toml", "-o", "out.pdf"], &dir);
    assert_eq!(out.status.code(), Some(1));
    says(
        &out,
        "cv.toml:7:9: error: cannot read `papers.bib`: no such file or directory",
    );
    // With a .bib of a name near it beside: that name.
    write(&dir, "paper.bib", BIB);
    let out = cvc(&["build", "cv.toml", "-o", "out.pdf"], &dir);
    says(&out, "help: did you mean `paper.bib`?");
}

#[test]
fn a_bib_file_that_is_not_utf8_is_located() {
    let dir = scratch("latin1");
    write(&dir, "cv.toml", cv(""));
    write(
        &dir,
        "refs.bib",
        b"@misc{a, title = {Caf\xE9}}\n".as_slice(),
    );
    let out = cvc(&["build", "cv.toml", "-o", "out.pdf"], &dir);
    assert_eq!(out.status.code(), Some(1));
    says(
        &out,
        "refs.bib:1:22: error: this file is not UTF-8 text: byte 0xE9",
    );
}

#[test]
fn one_run_reports_the_cvs_problems_and_the_bibs_and_never_overwrites_the_bib() {
    let dir = scratch("both");
    write(
        &dir,
        "cv.toml",
        cv("").replace("[[section]]", "headlin = \"x\"\n\n[[section]]"),
    );
    write(&dir, "refs.bib", "@misc{a, year = 2020}\n");
    let out = cvc(&["build", "cv.toml", "-o", "out.pdf"], &dir);
    assert_eq!(out.status.code(), Some(1));
    says(&out, "unknown key `headlin`");
    says(&out, "refs.bib:1:1: error: the entry `a` has no title");
    write(&dir, "cv.toml", cv(""));
    write(&dir, "refs.bib", BIB);
    let out = cvc(&["build", "cv.toml", "-o", "refs.bib"], &dir);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("refs.bib"))
            .ok()
            .as_deref(),
        Some(BIB)
    );
}

#[test]
fn a_title_that_ends_in_a_question_mark_takes_no_second_stop() {
    let bib = "@inproceedings{talk, author = {Virtanen, A.}, title = {Do Cells Decide?}, booktitle = {Tieteen p{\\\"a}iv{\\\"a}t}, year = 2023}\n";
    let Some(text) = build("question", &cv(""), bib, "full") else {
        return;
    };
    assert!(text.contains("Do Cells Decide? Tieteen päivät."), "{text}");
}
