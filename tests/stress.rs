//! The stress CV (`examples/stress/cv.toml`: 48 positions with 4–7 bullets, 160
//! publications, 40 talks, very long words and URLs) typeset with the `full` layout,
//! checked on the layout result and in the PDF's text layer.

mod common;

use std::collections::HashSet;

use cvc::{
    build, document, load_layout, Document, Element, FontSet, LayoutSource, PdfOptions, Request,
    Role, Shaper, Sources, MIN_FILL,
};

fn stress_text() -> String {
    let path = common::root().join("examples/stress/cv.toml");
    std::fs::read_to_string(path).expect("examples/stress/cv.toml")
}

/// The stress CV typeset once for all tests here, and the right edge of the text area.
fn typeset_stress() -> &'static (Document, f32) {
    static SET: std::sync::OnceLock<(Document, f32)> = std::sync::OnceLock::new();
    SET.get_or_init(typeset_once)
}

fn typeset_once() -> (Document, f32) {
    let text = stress_text();
    let mut sources = Sources::default();
    let file = sources.add("cv.toml", text.clone());
    let cv = cvc::parse_cv(file, &text).expect("parses");
    let mut fonts = FontSet::bundled();
    let layout = load_layout(
        &mut sources,
        &LayoutSource::Builtin("full".into()),
        &[],
        &mut fonts,
    )
    .expect("layout");
    let shaper = Shaper::new(&fonts).expect("fonts");
    let right_edge = layout.page.width - layout.page.margin_right;
    (
        document(&cv, &layout, &shaper, None).expect("typesets"),
        right_edge,
    )
}

#[test]
fn the_stress_cv_is_long_and_every_page_but_the_last_is_full() {
    let (set, _) = typeset_stress();
    let fill = &set.pages.fill;
    assert!(fill.len() >= 30, "{} pages", fill.len());
    for (i, f) in fill[..fill.len() - 1].iter().enumerate() {
        assert!(
            *f >= MIN_FILL,
            "page {} is only {:.0}% full",
            i + 1,
            f * 100.0
        );
    }
    assert!(
        set.warnings.iter().all(|w| !w.message.starts_with("page ")),
        "no page had to be left short: {:?}",
        set.warnings
    );
}

#[test]
fn no_heading_is_stranded_and_no_paragraph_leaves_a_widow_or_an_orphan() {
    let (set, _) = typeset_stress();
    let pages = &set.pages.pages;
    for (p, page) in pages.iter().enumerate() {
        let blocks = &set.blocks[page.blocks.clone()];
        // A heading is followed on its page by at least two lines (the entry's title
        // and its first line).
        for (k, b) in blocks.iter().enumerate() {
            if b.role == Role::Heading {
                let after = blocks[k + 1..]
                    .iter()
                    .filter(|b| matches!(b.role, Role::Line { .. }))
                    .count();
                assert!(
                    after >= 2,
                    "page {}: a heading with {after} lines under it",
                    p + 1
                );
            }
        }
        if p + 1 == pages.len() {
            continue;
        }
        let last = set.blocks[page.blocks.end - 1].role;
        let first = set.blocks[pages[p + 1].blocks.start].role;
        if let (
            Role::Line {
                paragraph: a,
                index,
                ..
            },
            Role::Line {
                paragraph: b,
                index: next,
                count,
            },
        ) = (last, first)
        {
            if a == b {
                assert!(
                    index >= 1,
                    "page {}: orphan (one line of a paragraph at the bottom)",
                    p + 1
                );
                assert!(
                    count - next >= 2,
                    "page {}: widow (one line of a paragraph at the top)",
                    p + 2
                );
            }
        }
    }
}

#[test]
fn no_line_runs_into_the_margin() {
    let (set, right_edge) = typeset_stress();
    let right_edge = *right_edge;
    let mut lines = 0;
    for page in &set.pages.pages {
        for item in &page.elements {
            if let Element::Text { x, run, .. } = item {
                lines += 1;
                assert!(
                    x + run.width() <= right_edge + 0.01,
                    "`{}` ends at {} > {right_edge}",
                    run.text(),
                    x + run.width()
                );
            }
        }
    }
    assert!(lines > 10_000);
}

/// Words (runs of letters) of a text.
fn words(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn the_text_layer_has_no_split_words() {
    let text = stress_text();
    let mut sources = Sources::default();
    let opts = PdfOptions {
        creator: "test".into(),
        date: None,
    };
    let request = Request {
        cv_name: "cv.toml",
        cv_text: &text,
        cv_dir: std::path::Path::new("."),
        layout: &LayoutSource::Builtin("full".into()),
        sets: &[],
        pdf: &opts,
        fit: false,
    };
    let out = build(&mut sources, &request).unwrap_or_else(|f| {
        panic!(
            "the stress CV does not build:\n{}",
            cvc::render_diagnostics(&sources, &f.diagnostics, false)
        )
    });
    let pdf = common::scratch("text-layer").join("stress.pdf");
    std::fs::write(&pdf, &out.pdf).expect("write stress.pdf");
    let Some(extracted) = common::pdf_text(&pdf) else {
        return;
    };
    // Words cvc writes itself: month names, "present", the footer.
    let mut known = words(&text);
    known.extend(words(
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec present page of Skills",
    ));
    let strangers: Vec<String> = words(&extracted)
        .into_iter()
        .filter(|w| !known.contains(w))
        .collect();
    assert!(
        strangers.is_empty(),
        "words in the PDF that are not in the CV (split words?): {strangers:?}"
    );
    assert!(!extracted.contains('\u{ad}'), "no soft hyphens");
}
