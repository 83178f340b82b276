//! Real CVs in Chinese, Japanese, Arabic, Hebrew and Hindi (`examples/zh`, `ja`,
//! `ar`, `he`, `hi`), built as their comments say, with Debian's Noto fonts as
//! their layouts' fallbacks. Each must build without a word of complaint, embed
//! every font as a subset with a ToUnicode map, and read back: every text of the
//! CV is in the PDF's text layer, in reading order.
//!
//! The fonts come from `fonts-noto-cjk` and `fonts-noto-core`; where they are
//! missing the tests say so and pass, unless `CI` is set (`.ci/test` installs
//! them).

mod common;

use common::{cvc, path, root, scratch, stderr, succeeded, tool, word_boxes};

/// The fonts the examples' layouts name.
const FONTS: [&str; 8] = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansHebrew-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Bold.ttf",
];

/// Whether the fonts these tests name are installed.
fn fonts_installed() -> bool {
    common::fonts_installed(&FONTS)
}

/// The texts of a cv.toml that the PDF shows as written: the person's name,
/// headline, skills and languages, and every title, text, organisation,
/// location and bullet of its sections (not dates, not contact addresses,
/// which cvc writes its own way).
fn shown_texts(cv: &toml::Value) -> Vec<String> {
    const SHOWN: [&str; 9] = [
        "name",
        "headline",
        "skills",
        "languages",
        "title",
        "text",
        "organisation",
        "location",
        "bullets",
    ];
    fn walk(value: &toml::Value, key: Option<&str>, out: &mut Vec<String>) {
        match value {
            toml::Value::String(s) if key.is_some_and(|k| SHOWN.contains(&k)) => {
                out.push(s.clone())
            }
            toml::Value::Array(items) => items.iter().for_each(|v| walk(v, key, out)),
            toml::Value::Table(t) => t.iter().for_each(|(k, v)| walk(v, Some(k), out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(cv, None, &mut out);
    out
}

/// Text without white space and without the direction marks `pdftotext` adds
/// around right-to-left stretches: a line broken between two ideographs, or
/// after a word, reads the same as the source.
fn squeezed(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}')
        })
        .collect()
}

/// Whether `s` has letters of both directions: `pdftotext` orders such a line by
/// its own rules (it keeps a left-to-right stretch inside right-to-left text as
/// it sees it), so only its words are looked for.
fn mixed(s: &str) -> bool {
    let rtl = |c: char| matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF);
    s.chars().any(rtl) && s.chars().any(|c| c.is_ascii_alphanumeric())
}

/// `word` cut where left-to-right letters and digits meet anything else: the
/// pieces `pdftotext` keeps whole in a line of mixed directions.
fn one_way(word: &str) -> Vec<String> {
    let ltr = |c: char| c.is_ascii_alphanumeric();
    let mut pieces: Vec<String> = Vec::new();
    let mut last: Option<bool> = None;
    for c in word.chars() {
        match pieces.last_mut() {
            Some(p) if last == Some(ltr(c)) => p.push(c),
            _ => pieces.push(c.to_string()),
        }
        last = Some(ltr(c));
    }
    pieces
}

/// Build `examples/{name}` with its layout: the PDF, and what cvc said.
fn build(name: &str) -> (std::path::PathBuf, std::process::Output) {
    let dir = root().join("examples").join(name);
    let out_dir = scratch(&format!("scripts-{name}"));
    let pdf = out_dir.join(format!("{name}.pdf"));
    let cv_path = dir.join("cv.toml");
    let layout = dir.join("layout.toml");
    let args = [
        "build",
        path(&cv_path),
        "--layout",
        path(&layout),
        "-o",
        path(&pdf),
    ];
    let out = cvc(&args, &out_dir);
    succeeded(&out);
    (pdf, out)
}

/// Build `examples/{name}` and check what the PDF holds.
fn example(name: &str) {
    if !fonts_installed() {
        return;
    }
    let cv_path = root().join("examples").join(name).join("cv.toml");
    let (pdf, out) = build(name);
    let said = stderr(&out);
    assert!(
        !said.contains("warning") && !said.contains("error"),
        "{name}: {said}"
    );

    let Some(text) = tool("pdftotext", &[path(&pdf), "-"]) else {
        return;
    };
    assert!(
        !text.contains('\u{fffd}'),
        "{name}: a glyph reads as nothing known:\n{text}"
    );
    let layer = squeezed(&text);
    let source = std::fs::read_to_string(&cv_path).expect("the example is readable");
    let cv: toml::Value = toml::from_str(&source).expect("the example is TOML");
    let texts = shown_texts(&cv);
    assert!(texts.len() > 15, "{name}: {texts:?}");
    for shown in texts {
        if mixed(&shown) {
            for piece in shown.split_whitespace().flat_map(one_way) {
                assert!(
                    layer.contains(&squeezed(&piece)),
                    "{name}: `{piece}` of `{shown}` not in:\n{text}"
                );
            }
        } else {
            assert!(
                layer.contains(&squeezed(&shown)),
                "{name}: `{shown}` not in:\n{text}"
            );
        }
    }

    let Some(fonts) = tool("pdffonts", &[path(&pdf)]) else {
        return;
    };
    let faces: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(faces.len() >= 3, "{name}: {fonts}");
    for face in faces {
        let cols: Vec<&str> = face.split_whitespace().collect();
        let n = cols.len();
        assert!(
            n > 5 && cols[n - 5..n - 2] == ["yes", "yes", "yes"],
            "{name}: every font embedded, subset, with a ToUnicode map: {face}"
        );
        assert!(cols[0].contains('+'), "{name}: a subset is tagged: {face}");
    }
}

#[test]
fn a_chinese_cv_reads_back_as_written() {
    example("zh");
}

#[test]
fn a_japanese_cv_reads_back_as_written() {
    example("ja");
}

#[test]
fn an_arabic_cv_reads_back_as_written() {
    example("ar");
}

#[test]
fn a_hebrew_cv_reads_back_as_written() {
    example("he");
}

#[test]
fn a_hindi_cv_reads_back_as_written() {
    example("hi");
}

/// In a layout whose language reads right to left, a bullet hangs at the right
/// of its lines, whatever its text; in a left-to-right layout, at the left, even
/// before Arabic text (one Arabic bullet does not turn an English CV).
#[test]
fn bullets_hang_where_the_layouts_language_starts_its_lines() {
    if !fonts_installed() {
        return;
    }
    let dir = scratch("scripts-bullets");
    let cv = "[person]\nname = \"Layla Haddad\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"Engineer\"\nstart = \"2020-01\"\nbullets = [\"أعدت تصميم خط معالجة الفواتير\", \"Rebuilt the billing pipeline\", \"قدت فريقا من أربعة مهندسين\"]\n";
    common::write(&dir, "cv.toml", cv);
    for (language, at_right) in [("ar", true), ("en", false)] {
        let layout = format!("extends = \"classic\"\nlanguage = \"{language}\"\n[fonts]\nfallback = [\"/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf\"]\n");
        common::write(&dir, "layout.toml", layout);
        let out = cvc(
            &["build", "cv.toml", "--layout", "layout.toml", "-o", "b.pdf"],
            &dir,
        );
        succeeded(&out);
        let Some(words) = word_boxes(&dir.join("b.pdf")) else {
            return;
        };
        let bullets: Vec<_> = words.iter().filter(|w| w.word == "•").collect();
        assert_eq!(bullets.len(), 3, "{words:?}");
        for bullet in bullets {
            let line: Vec<_> = words
                .iter()
                .filter(|w| w.word != "•" && (w.y_min - bullet.y_min).abs() < 2.0)
                .filter(|w| w.x_min > 150.0)
                .collect();
            assert!(!line.is_empty());
            for word in line {
                let (left, right) = if at_right {
                    (word.x_max, bullet.x_min)
                } else {
                    (bullet.x_max, word.x_min)
                };
                assert!(
                    left < right,
                    "{language}: `{}` at {}–{}, its bullet at {}–{}",
                    word.word,
                    word.x_min,
                    word.x_max,
                    bullet.x_min,
                    bullet.x_max
                );
            }
        }
    }
}

/// In a right-to-left CV the contact line starts at the right with its first
/// item, and a phone number or an address in it still reads left to right (its
/// digit groups in order), as the Hebrew example shows.
#[test]
fn contact_items_go_right_to_left_and_numbers_stay_left_to_right() {
    if !fonts_installed() {
        return;
    }
    let (pdf, _) = build("he");
    let Some(words) = word_boxes(&pdf) else {
        return;
    };
    // `pdftotext -bbox` gives a Hebrew word's letters as they stand, right to left.
    let x = |w: &str| {
        let turned: String = w.chars().rev().collect();
        words
            .iter()
            .find(|b| b.word == w || b.word == turned)
            .unwrap_or_else(|| panic!("`{w}` not in {words:?}"))
            .x_min
    };
    // The CV lists the e-mail address first and the place last.
    assert!(x("noa.levi@example.co.il") > x("noalevi.example.com"));
    assert!(x("noalevi.example.com") > x("ישראל"));
    // +972 50 000 0000, left to right.
    assert!(x("+972") < x("50") && x("50") < x("000") && x("000") < x("0000"));
}

/// A Persian name with a zero-width non-joiner reads back with it (copied from
/// the PDF, or read by an applicant tracking system, it is spelt right), and
/// its glyph is never painted (`3 Tr`): some fonts draw it as a bar.
#[test]
fn a_persian_non_joiner_is_read_but_not_seen() {
    if !fonts_installed() {
        return;
    }
    let dir = scratch("scripts-zwnj");
    let cv =
        "[person]\nname = \"نسرین رضایی\u{200C}پور\"\nheadline = \"طراحی که می\u{200C}خواهد\"\n";
    common::write(&dir, "cv.toml", cv);
    let layout = "extends = \"classic\"\nlanguage = \"ar\"\n[fonts]\nfallback = [\"/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf\"]\n";
    common::write(&dir, "layout.toml", layout);
    let out = cvc(
        &["build", "cv.toml", "--layout", "layout.toml", "-o", "p.pdf"],
        &dir,
    );
    succeeded(&out);
    let pdf = dir.join("p.pdf");
    if let Some(text) = tool("pdftotext", &[path(&pdf), "-"]) {
        assert!(text.contains("رضایی\u{200C}پور"), "{text:?}");
        assert!(text.contains("می\u{200C}خواهد"), "{text:?}");
    }
    let plain = dir.join("plain.pdf");
    if tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            path(&pdf),
            path(&plain),
        ],
    )
    .is_some()
    {
        let bytes = std::fs::read(&plain).expect("qpdf wrote it");
        let content = String::from_utf8_lossy(&bytes);
        assert_eq!(
            content.matches("3 Tr").count(),
            2,
            "one unseen glyph per non-joiner"
        );
    }
}

/// A ligature in right-to-left text reads back in its order: the word الله,
/// one glyph in Noto Naskh Arabic, and lam-alef, one in Noto Sans Arabic, had
/// read back as اهلل and ال (found by review).
#[test]
fn arabic_ligatures_read_back_in_order() {
    if !fonts_installed() {
        return;
    }
    let dir = scratch("scripts-ligatures");
    common::write(
        &dir,
        "cv.toml",
        "[person]\nname = \"محمد عبد الله\"\nheadline = \"لا إله ولا أحد\"\n",
    );
    for font in ["NotoNaskhArabic", "NotoSansArabic"] {
        let layout = format!("extends = \"classic\"\nlanguage = \"ar\"\n[fonts]\nfallback = [\"/usr/share/fonts/truetype/noto/{font}-Regular.ttf\"]\n");
        common::write(&dir, "layout.toml", layout);
        let out = cvc(
            &["build", "cv.toml", "--layout", "layout.toml", "-o", "l.pdf"],
            &dir,
        );
        succeeded(&out);
        let Some(text) = tool("pdftotext", &[path(&dir.join("l.pdf")), "-"]) else {
            return;
        };
        let layer = squeezed(&text);
        for shown in ["محمد عبد الله", "لا إله ولا أحد"] {
            assert!(
                layer.contains(&squeezed(shown)),
                "{font}: `{shown}` not in {text:?}"
            );
        }
    }
}
