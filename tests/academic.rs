//! What an academic CV holds, as a reader of the PDF finds it: groups under their
//! headings, a grant's facts, items over a period or labelled in the date column,
//! dates with their day, and author marks with their legend printed once.
//!
//! The CVs are written here, for people who are not the author.

mod common;

use common::{cvc, pdf_lines, pdf_text, scratch, succeeded, word_boxes, write};

const PERSON: &str = "[person]\nname = \"Aino Virtanen\"\naliases = [\"A. Virtanen\"]\n";

const ACADEMIC: &str = r#"
[[section]]
title = "Grants"

[[section.entry]]
title = "Sparse models of Uralic morphology"
organisation = "Research Council of Finland"
start = "2022-09"
end = "2026-08"
facts = [
  { label = "Role", text = "Principal investigator" },
  { label = "Amount", text = "250,000 EUR of 400,000 EUR" },
]

[[section]]
title = "Students"

[[section.group]]
title = "Doctoral students"

[[section.group.item]]
text = "Eero Mäkinen, thesis on vowel harmony"
start = "2023-12"
end = "present"

[[section.group]]
title = "Master's students"

[[section.group.item]]
text = "Lotta Heikkinen"
year = "2024-06-20"

[[section]]
title = "Service"

[[section.item]]
aside = "Reviewing"
text = "ACL, EMNLP and COLING, since 2019"

[[section]]
title = "Journal articles"

[[section.publication]]
authors = ["A. Virtanen*", "M. Korhonen*", "J. Lehto†"]
title = "Vowel harmony as a learned constraint"
venue = "Journal of Phonology 12"
year = 2023

[[section]]
title = "Conference papers"

[[section.publication]]
authors = ["J. Lehto", "A. Virtanen†"]
title = "Finite-state parsing at scale"
venue = "Proceedings of EACL"
year = 2021
"#;

#[test]
fn groups_facts_periods_asides_and_days_are_printed() {
    let dir = scratch("academic-kinds");
    write(&dir, "cv.toml", format!("{PERSON}{ACADEMIC}"));
    let out = cvc(&["build", "cv.toml", "-o", "cv.pdf"], &dir);
    succeeded(&out);
    let Some(text) = pdf_text(&dir.join("cv.pdf")) else {
        return;
    };
    for expected in [
        "Sparse models of Uralic morphology, Research Council of Finland",
        "Role: Principal investigator · Amount: 250,000 EUR of 400,000 EUR",
        "Doctoral students",
        "Dec 2023 – present",
        "Master's students",
        "20 Jun 2024",
        "Reviewing ACL, EMNLP and COLING",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    // Each date beside its item (pdftotext reads a column of dates as it likes).
    let words = word_boxes(&dir.join("cv.pdf")).unwrap_or_default();
    assert!(same_line(&words, "Dec", "Eero"));
    assert!(same_line(&words, "Jun", "Lotta"));
    let doctoral = text.find("Doctoral students").unwrap_or(0);
    let masters = text.find("Master's students").unwrap_or(0);
    assert!(doctoral < masters, "groups in the order written");
}

#[test]
fn an_aside_stands_in_the_date_column_or_leads_its_line() {
    let dir = scratch("academic-aside");
    write(&dir, "cv.toml", format!("{PERSON}{ACADEMIC}"));
    for (layout, beside) in [("full", true), ("tech", false)] {
        let pdf = format!("{layout}.pdf");
        succeeded(&cvc(
            &["build", "cv.toml", "--layout", layout, "-o", &pdf],
            &dir,
        ));
        let Some(words) = word_boxes(&dir.join(&pdf)) else {
            return;
        };
        let find = |w: &str| {
            words
                .iter()
                .find(|b| b.word.starts_with(w))
                .unwrap_or_else(|| panic!("{w} in {layout}"))
                .clone()
        };
        let (aside, text, dated) = (find("Reviewing"), find("ACL,"), find("Lotta"));
        assert!((aside.y_min - text.y_min).abs() < 2.0, "{layout}: one line");
        if beside {
            // In the date column: left of the text, which starts where dated
            // items' texts start.
            assert!(aside.x_max < text.x_min, "{layout}: {aside:?} {text:?}");
            assert!(
                (text.x_min - dated.x_min).abs() < 0.5,
                "{layout}: entry column"
            );
        } else {
            assert!(aside.x_min < text.x_min, "{layout}: it leads the line");
            let line = pdf_lines(&dir.join(&pdf)).unwrap_or_default();
            assert!(line.contains("Reviewing: ACL"), "{layout}: a label: {line}");
        }
    }
}

/// The marks stay after the names, the owner stays bold whatever marks follow, and
/// the legend is printed once, under the first list that uses a mark, for every
/// mark the document uses.
#[test]
fn author_marks_have_one_legend_in_the_layouts_language() {
    let dir = scratch("academic-marks");
    write(&dir, "cv.toml", format!("{PERSON}{ACADEMIC}"));
    succeeded(&cvc(&["build", "cv.toml", "-o", "cv.pdf"], &dir));
    let Some(text) = pdf_text(&dir.join("cv.pdf")) else {
        return;
    };
    assert!(
        text.contains("A. Virtanen*, M. Korhonen*, J. Lehto†."),
        "{text}"
    );
    let legend = "* Equal contribution · † Corresponding author";
    assert_eq!(text.matches(legend).count(), 1, "once: {text}");
    let at = text.find(legend).unwrap_or(0);
    assert!(
        text.find("Journal of Phonology").unwrap_or(usize::MAX) < at
            && at < text.find("Conference papers").unwrap_or(0),
        "under the first list: {text}"
    );
    write(&dir, "fi.toml", "extends = \"full\"\nlanguage = \"fi\"\n");
    succeeded(&cvc(
        &["build", "cv.toml", "--layout", "./fi.toml", "-o", "fi.pdf"],
        &dir,
    ));
    let fi = pdf_text(&dir.join("fi.pdf")).unwrap_or_default();
    assert!(
        fi.contains("* Yhtä suuri panos · † Vastaava kirjoittaja"),
        "{fi}"
    );
    assert!(fi.contains("20.6.2024"), "a Finnish day: {fi}");
    let words = word_boxes(&dir.join("fi.pdf")).unwrap_or_default();
    assert!(same_line(&words, "20.6.2024", "Lotta"));
    // Without marks, no legend.
    let plain = ACADEMIC.replace(['*', '†'], "");
    write(&dir, "cv.toml", format!("{PERSON}{plain}"));
    succeeded(&cvc(&["build", "cv.toml", "-o", "plain.pdf"], &dir));
    let text = pdf_text(&dir.join("plain.pdf")).unwrap_or_default();
    assert!(!text.contains("Equal contribution"), "{text}");
}

/// Whether the first words starting with `a` and `b` stand on one line.
fn same_line(words: &[common::WordBox], a: &str, b: &str) -> bool {
    let find = |w: &str| {
        words
            .iter()
            .find(|x| x.word.starts_with(w))
            .unwrap_or_else(|| panic!("no word {w}"))
    };
    (find(a).y_max - find(b).y_max).abs() < 2.0
}

/// The researcher example, built as its README line says: every grant, every
/// author of every publication in its `.bib` (accents from LaTeX made letters) and
/// every title is in the PDF's text, and it passes `cvc check` in every built-in
/// layout.
#[test]
fn the_researcher_example_prints_every_author_title_and_grant() {
    let example = common::root().join("examples/researcher");
    let dir = scratch("researcher");
    for file in ["cv.toml", "publications.bib"] {
        let text = std::fs::read(example.join(file)).expect("the example's files");
        write(&dir, file, text);
    }
    succeeded(&cvc(&["build", "cv.toml", "-o", "cv.pdf"], &dir));
    let Some(text) = pdf_text(&dir.join("cv.pdf")) else {
        return;
    };
    let grants = [
        "CLOUDSEED: from molecular clusters to cloud droplets",
        "Arctic aerosol in a warming climate",
        "Chamber studies of sulphuric acid–ammonia nucleation",
        "Amount: 620,000 EUR of 3,400,000 EUR",
    ];
    let titles = [
        "Molecular clusters that survive: a chamber study of sulphuric acid–ammonia nucleation",
        "Arctic cloud condensation nuclei in a warming climate",
        "Aerosol–cloud coupling in CMIP6 models: what the Arctic tells us",
        "Early growth of nanoparticles by organic vapours",
        "Ice nucleation on mineral dust: a review",
        "New particle formation",
        "Boreal forest emissions and the seasonal cycle of new particle formation",
        "A machine-learned parameterisation of cloud droplet activation",
        "Nucleation and early growth of atmospheric aerosol particles",
        "Cloud Microphysics: A Primer",
        "Aerosol measurements at the Hyytiälä station, 2010–2014",
    ];
    let authors = [
        "Saarinen",
        "Mäkelä",
        "Adeyemi",
        "Lindroos",
        "Wiśniewska",
        "Nordström",
        "Méndez Ruiz",
        "Berg",
        "Heikkilä",
        "van der Berg",
        "Dupré",
        "François",
        "Koskinen",
        "Lindqvist",
    ];
    for expected in grants.iter().chain(&titles).chain(&authors) {
        assert!(
            text.contains(expected),
            "{expected:?} is in the PDF: {text}"
        );
    }
    let out = cvc(&["check", "cv.toml"], &dir);
    succeeded(&out);
    assert!(
        common::stdout(&out).ends_with("check passed: 0 errors, 0 warnings\n"),
        "{}",
        common::stdout(&out)
    );
}

/// A short fact is never split across lines, wherever the facts before it end;
/// the other facts wrap between them.
#[test]
fn a_short_fact_stays_on_one_line() {
    let dir = scratch("academic-facts");
    let mut wrapped = 0;
    for n in 0..14 {
        let role = format!(
            "principal investigator and coordinator{}",
            " x".repeat(n * 3)
        );
        let cv = format!(
            "{PERSON}[[section]]\ntitle = \"Grants\"\n[[section.entry]]\ntitle = \"A grant\"\nfacts = [{{ label = \"Role\", text = \"{role}\" }}, {{ label = \"Share\", text = \"84 500 EUR (34 %)\" }}]\n"
        );
        write(&dir, "cv.toml", cv);
        succeeded(&cvc(&["build", "cv.toml", "-o", "cv.pdf"], &dir));
        let Some(lines) = pdf_lines(&dir.join("cv.pdf")) else {
            return;
        };
        let lines: Vec<String> = lines.lines().map(common::fold).collect();
        let share = lines
            .iter()
            .find(|l| l.contains("Share"))
            .unwrap_or_else(|| panic!("{n}: no Share in {lines:?}"));
        assert!(share.contains("Share: 84 500 EUR (34 %)"), "{n}: {lines:?}");
        wrapped += usize::from(
            !lines
                .iter()
                .any(|l| l.contains("Role") && l.contains("Share")),
        );
    }
    assert!(
        wrapped > 0,
        "in some of them the facts wrapped between the two"
    );
}

/// Inside a short fact, a problem is still reported at its character.
#[test]
fn a_problem_in_a_short_fact_is_at_its_character() {
    let dir = scratch("academic-fact-glyph");
    let cv = format!(
        "{PERSON}[[section]]\ntitle = \"Grants\"\n[[section.entry]]\ntitle = \"A grant\"\nfacts = [{{ label = \"Share\", text = \"5 % of 8 \u{e000}\" }}]\n"
    );
    write(&dir, "cv.toml", &cv);
    let out = cvc(&["build", "cv.toml", "-o", "cv.pdf"], &dir);
    let line = cv.lines().position(|l| l.starts_with("facts")).unwrap_or(0) + 1;
    let column = cv
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find('\u{e000}').map(|b| l[..b].chars().count() + 1))
        .unwrap_or(0);
    let err = common::stderr(&out);
    assert!(
        err.starts_with(&format!("cv.toml:{line}:{column}: error:")),
        "{err}"
    );
}
