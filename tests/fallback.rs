//! Fallback fonts as a user meets them: a layout's `[fonts] fallback` naming
//! Debian's Noto fonts (a face of the Noto Sans CJK collections, a single Armenian
//! font) sets a Chinese name beside Latin text, and every mistake in naming them is
//! an error at the value.
//!
//! The fonts come from `fonts-noto-cjk` and `fonts-noto-core`. Where they are
//! missing a test that needs them says so and passes, unless `CI` is set: there a
//! missing font fails the test (`.ci/test` installs them).

mod common;

use std::process::Output;

use common::{cvc, path, pdf_text, scratch, stderr, succeeded, tool, write};

const CJK_REGULAR: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const CJK_BOLD: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
const ARABIC: &str = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
const ARMENIAN: &str = "/usr/share/fonts/truetype/noto/NotoSansArmenian-Regular.ttf";

/// Whether the fonts these tests name are installed.
fn noto_installed() -> bool {
    common::fonts_installed(&[CJK_REGULAR, CJK_BOLD, ARABIC, ARMENIAN])
}

/// A CV with a Chinese name, Chinese section titles, a star and Armenian words.
const CV: &str = r#"[person]
name = "王小明 (Wang Xiaoming)"
headline = "Software engineer ★ Ճարտար"

[[section]]
title = "工作 经历"

[[section.entry]]
title = "Engineer, **北京** office"
start = "2020-01"

[[section]]
title = "教育 背景"

[[section.entry]]
title = "BSc Computer Science"
start = "2014-09"
end = "2018-06"
"#;

/// The fallbacks of docs/layouts.md's example: Simplified Chinese (face
/// `cjk_index` of each collection) in regular and bold, then Armenian, a path; with
/// Arabic, a path too, before it, which has none of the CV's letters and must be
/// passed over.
fn layout(cjk_index: u32) -> String {
    format!(
        "[fonts]\nfallback = [{{ regular = {{ file = \"{CJK_REGULAR}\", index = {cjk_index} }}, bold = {{ file = \"{CJK_BOLD}\", index = {cjk_index} }} }}, \"{ARABIC}\", \"{ARMENIAN}\"]\n"
    )
}

/// `cvc build --layout fallback.toml` of `cv` with `layout`, in scratch directory
/// `name`; the directory and what cvc said.
fn build(name: &str, cv: &str, layout: &str) -> (std::path::PathBuf, Output) {
    let dir = scratch(name);
    write(&dir, "cv.toml", cv);
    write(&dir, "fallback.toml", layout);
    let out = cvc(&["build", "--layout", "fallback.toml"], &dir);
    (dir, out)
}

#[test]
fn a_face_of_a_cjk_collection_sets_a_chinese_name_beside_latin_text() {
    if !noto_installed() {
        return;
    }
    let (dir, out) = build("cjk", CV, &layout(2));
    succeeded(&out);
    let pdf = dir.join("cv.pdf");
    if let Some(text) = pdf_text(&pdf) {
        for shown in [
            "王小明 (Wang Xiaoming)",
            "Software engineer ★ Ճարտար",
            "工作 经历",
            "Engineer, 北京 office",
            "教育 背景",
        ] {
            assert!(text.contains(shown), "no {shown:?} in {text}");
        }
    }
    let Some(list) = tool("pdffonts", &[path(&pdf)]) else {
        return;
    };
    let row = |name: &str| {
        list.lines()
            .find(|l| {
                l.split_whitespace()
                    .next()
                    .is_some_and(|n| n.contains(name))
            })
            .unwrap_or_else(|| panic!("no font {name} in:\n{list}"))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    // Name, type…, encoding, then emb sub uni and the object's number and generation.
    for name in [
        "+NotoSansCJKsc-Regular",
        "+NotoSansCJKsc-Bold",
        "+NotoSansArmenian-Regular",
        "+SourceSerif4-Regular",
    ] {
        let cols = row(name);
        let flags = &cols[cols.len() - 5..cols.len() - 2];
        assert_eq!(
            flags,
            ["yes", "yes", "yes"],
            "{name} not an embedded subset with ToUnicode:\n{list}"
        );
    }
    // The star is drawn by the first fallback that has it, before the symbol font;
    // Arabic, which no text needs, is not embedded.
    assert!(!list.contains("NotoSansSymbols2"), "{list}");
    assert!(!list.contains("NotoSansArabic"), "{list}");
}

#[test]
fn a_face_past_the_end_of_a_collection_is_an_error_at_its_index() {
    if !noto_installed() {
        return;
    }
    let (_, out) = build("index-99", CV, &layout(99));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // Both files are named at index 99: each is an error at its `index = 99`.
    let column = |file: &str| {
        let layout = layout(99);
        let line = layout.lines().nth(1).unwrap();
        let after = line.find(file).unwrap();
        line[after..].find("99").unwrap() + after + 1
    };
    let err = stderr(&out);
    for file in [CJK_REGULAR, CJK_BOLD] {
        let expected = format!(
            "fallback.toml:2:{}: error: cannot use font `{file}`: it holds 10 faces (index 0 to 9), so there is no face 99\n",
            column(file)
        );
        assert!(err.contains(&expected), "no {expected:?} in:\n{err}");
    }
}

#[test]
fn a_fallback_that_is_not_a_font_is_an_error_at_its_path() {
    let dir = scratch("not-a-font");
    write(&dir, "notes.ttf", "These are notes, not a font.\n");
    write(&dir, "cv.toml", "[person]\nname = \"王小明\"\n");
    write(
        &dir,
        "fallback.toml",
        "[fonts]\nfallback = [\"notes.ttf\"]\n",
    );
    let out = cvc(&["build", "--layout", "fallback.toml"], &dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "fallback.toml:2:14: error: cannot use font `notes.ttf`: it is not a TrueType or OpenType font\n"
        ),
        "{err}"
    );
}

#[test]
fn without_a_fallback_a_chinese_name_has_no_bundled_font() {
    // An empty list adds no font: the bundled ones are all there is.
    let layout = "[fonts]\nbody = \"Source Sans 3\"\nfallback = []\n";
    let (_, out) = build("no-fallback", CV, layout);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("cv.toml:2:9: error: no bundled font has Chinese, Japanese and Korean characters: `王`, `小`, `明`, "),
        "{err}"
    );
}

#[test]
fn a_character_no_fallback_has_is_no_font_of_this_layout() {
    if !noto_installed() {
        return;
    }
    let (_, out) = build(
        "no-font-has",
        "[person]\nname = \"王小明 👨\"\n",
        &layout(2),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "cv.toml:2:13: error: no font of this layout has the character `👨` (U+1F468)\n"
        ),
        "{err}"
    );
}
