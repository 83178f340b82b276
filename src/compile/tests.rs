//! The cache of `cvc watch`: a rebuild gives the bytes, and the diagnostics, of a
//! build without it.

use std::path::{Path, PathBuf};

use super::*;
use crate::layouts::LayoutSource;
use crate::pdf::PdfOptions;

/// The author's CV, as the cache is mostly used.
fn author() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/cv.toml")).unwrap()
}

/// A build of `cv` in `layout` with `sets`: its PDF and its diagnostics as
/// printed (places resolved to lines and columns), warnings or errors.
fn built(cv: &str, layout: &LayoutSource, sets: &[String], cache: &mut Cache) -> (Vec<u8>, String) {
    let pdf = PdfOptions {
        creator: "test".into(),
        date: None,
    };
    let request = Request {
        cv_name: "cv.toml",
        cv_text: cv,
        cv_dir: Path::new(env!("CARGO_MANIFEST_DIR")),
        layout,
        sets,
        pdf: &pdf,
        fit: false,
    };
    let mut sources = Sources::default();
    let said = |sources: &Sources, all: &[Diagnostic]| {
        all.iter().map(|d| sources.render(d)).collect::<String>()
    };
    match build_with(&mut sources, &request, cache) {
        Ok(out) => {
            let said = said(&sources, &out.warnings);
            (out.pdf, said)
        }
        Err(failure) => (Vec::new(), said(&sources, &failure.diagnostics)),
    }
}

/// Builds `versions` one after another with one cache, and each also with a
/// fresh one: the same bytes and messages every time.
fn same_as_cold(versions: &[(&str, &LayoutSource, &[String])]) -> Cache {
    let mut cache = Cache::default();
    for (i, (cv, layout, sets)) in versions.iter().enumerate() {
        let warm = built(cv, layout, sets, &mut cache);
        let cold = built(cv, layout, sets, &mut Cache::for_one_build());
        assert!(
            warm.0 == cold.0,
            "version {i}: the PDF differs from a cold build"
        );
        assert_eq!(warm.1, cold.1, "version {i}: the messages differ");
    }
    cache
}

#[test]
fn rebuilds_after_changes_are_cold_builds() {
    let full = LayoutSource::Builtin("full".into());
    let onepage = LayoutSource::Builtin("onepage".into());
    let cv = author();
    let word = cv.replacen("Started, grew and led", "Started and led", 1);
    // A line above everything: every place in the CV moves.
    let moved = format!("# a comment\n{word}");
    // A bullet that warns twice (a colour emoji no font has; a word wider than
    // its column), under a line that moves.
    let warned = moved.replacen(
        "bullets = [\n",
        "bullets = [\n  \"I \\u2764\\uFE0F x PneumonoultramicroscopicsilicovolcanoconiosisPneumonoultramicroscopicsilicovolcanoconiosis\",\n",
        1,
    );
    let warned_moved = format!("\n\n{warned}");
    let letter = ["page.size=letter".to_string()];
    let tighter = ["spacing.leading=1.2".to_string()];
    let versions: [(&str, &LayoutSource, &[String]); 9] = [
        (&cv, &full, &[]),
        (&cv, &full, &[]),
        (&word, &full, &[]),
        (&moved, &full, &[]),
        (&warned, &full, &[]),
        (&warned_moved, &full, &[]),
        (&warned_moved, &full, &letter),
        (&warned_moved, &full, &tighter),
        (&warned_moved, &onepage, &[]),
    ];
    let (_, said) = built(&warned, &full, &[], &mut Cache::default());
    assert!(
        said.contains("plain form") && said.contains("wider than its column"),
        "{said}"
    );
    same_as_cold(&versions);
}

/// A glyph new on page 2 renumbers the subset, and so changes the content of page
/// 1, whose elements are the same: its stream must not be taken from the last build.
#[test]
fn a_new_glyph_renumbers_unchanged_pages() {
    let full = LayoutSource::Builtin("full".into());
    let two = "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"One\"\nid = \"one\"\ntext = \"ace\"\n[[section]]\ntitle = \"Two\"\nid = \"two\"\ntext = \"ace\"\n";
    let with_b = two
        .replacen("text = \"ace\"\n", "text = \"abce\"\n", 2)
        .replacen("abce", "ace", 1);
    let apart = ["pagination.break_before=[\"two\"]".to_string()];
    let (pdf, said) = built(&with_b, &full, &apart, &mut Cache::default());
    assert!(!pdf.is_empty() && with_b.ends_with("\"abce\"\n"), "{said}");
    same_as_cold(&[
        (two, &full, &apart),
        (&with_b, &full, &apart),
        (two, &full, &apart),
    ]);
}

/// A broken save keeps the cache; what a good build does not use is dropped.
#[test]
fn the_cache_holds_one_cv() {
    let full = LayoutSource::Builtin("full".into());
    let cv = author();
    let small = "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"S\"\ntext = \"One paragraph.\"\n";
    let mut cache = Cache::default();
    built(&cv, &full, &[], &mut cache);
    let held = cache.paragraphs();
    assert!(held > 100, "{held}");
    let (pdf, said) = built("[person\n", &full, &[], &mut cache);
    assert!(pdf.is_empty() && said.contains("error"), "{said}");
    assert_eq!(cache.paragraphs(), held, "a failed build forgets nothing");
    built(small, &full, &[], &mut cache);
    let mut fresh = Cache::default();
    built(small, &full, &[], &mut fresh);
    assert_eq!(cache.paragraphs(), fresh.paragraphs());
}

/// A layout file in a folder of its own for this test run.
fn layout_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cvc-cache-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Two layouts whose font files differ get the same face ids: what was measured
/// and subset with one must not be taken for the other.
#[test]
fn other_fonts_under_the_same_ids_are_not_taken() {
    let noto = "/usr/share/fonts/truetype/noto";
    let sans = layout_file(
        "sans.toml",
        &format!(
            "extends = \"full\"\n[fonts]\nbody = {{ regular = \"{noto}/NotoSans-Regular.ttf\" }}\n"
        ),
    );
    let serif = layout_file(
        "serif.toml",
        &format!("extends = \"full\"\n[fonts]\nbody = {{ regular = \"{noto}/NotoSerif-Regular.ttf\" }}\n"),
    );
    let cv = author();
    let (sans, serif) = (LayoutSource::File(sans), LayoutSource::File(serif));
    let (pdf, said) = built(&cv, &sans, &[], &mut Cache::default());
    assert!(!pdf.is_empty(), "install fonts-noto-core: {said}");
    same_as_cold(&[(&cv, &sans, &[]), (&cv, &serif, &[]), (&cv, &sans, &[])]);
}
