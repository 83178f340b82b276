//! Every word cvc prints is in the layout's language: a CV set in each of the
//! eighteen languages holds no word the English build adds that the CV did not
//! contain (month names, "present", the header's labels, the footer), and its
//! PDF title names the document in that language.
//!
//! Chinese, Japanese, Korean, Arabic, Hebrew and Hindi are set with Debian's Noto
//! fonts (`fonts-noto-cjk`, `fonts-noto-core`) as `[fonts] fallback`; where they
//! are missing those languages are skipped with a note, unless `CI` is set: there
//! a missing font fails the test (`.ci/test` installs them).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{cvc, path, pdf_lines, scratch, succeeded, tool, write};

const CJK_REGULAR: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const ARABIC: &str = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
const HEBREW: &str = "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf";
const DEVANAGARI: &str = "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf";

/// Whether the fonts these tests name are installed.
fn noto_installed() -> bool {
    common::fonts_installed(&[CJK_REGULAR, ARABIC, HEBREW, DEVANAGARI])
}

/// A layout whose fallback fonts draw every script of the languages: face 2 of
/// Noto Sans CJK (Simplified Chinese; it has kana and Hangul too), then Arabic,
/// Hebrew and Devanagari.
fn noto_layout() -> String {
    format!(
        "[fonts]\nfallback = [{{ file = \"{CJK_REGULAR}\", index = 2 }}, \"{ARABIC}\", \"{HEBREW}\", \"{DEVANAGARI}\"]\n"
    )
}

/// The languages of `language`, with the English words that are that language's
/// own too (French writes "page" as English does).
const LANGUAGES: [(&str, &[&str]); 12] = [
    ("en", &[]),
    ("fr", &["page"]),
    ("de", &[]),
    ("pt", &[]),
    ("es", &[]),
    ("it", &[]),
    ("nl", &[]),
    ("pl", &[]),
    ("sv", &[]),
    ("da", &[]),
    ("fi", &[]),
    ("cs", &[]),
];

/// The languages in other scripts, set with [`noto_layout`].
const OTHER_SCRIPTS: [&str; 6] = ["zh", "ja", "ko", "ar", "he", "hi"];

/// A CV of names and numbers only (so every word of the text layer that is not in
/// it comes from cvc): header details, an entry for every month, open ranges, and
/// enough entries for two pages, so that the footer is printed.
fn cv() -> String {
    let mut cv = String::from(
        "[person]\nname = \"Ola Nordmann-Øst\"\nskills = \"Rust, SQL\"\nlanguages = \"NO, EN\"\nnationality = \"NO\"\ncontact = [{ email = \"ola@example.no\" }]\n[[section]]\ntitle = \"Arbeid\"\n",
    );
    for i in 0..70 {
        let month = i % 12 + 1;
        let end = if i % 3 == 0 {
            "present".to_string()
        } else {
            format!("{}-{:02}", 2021 + i % 3, (i + 5) % 12 + 1)
        };
        cv.push_str(&format!(
            "[[section.entry]]\ntitle = \"Utvikler {i}\"\norganisation = \"Firma {i}\"\nstart = \"2020-{month:02}\"\nend = \"{end}\"\nbullets = [\"Kode {i}.\", \"Drift {i}.\"]\n"
        ));
    }
    cv
}

fn words(text: &str) -> BTreeSet<String> {
    // TOML's quotes and brackets are not part of the words they hold.
    let text = text.replace(['"', '[', ']', '{', '}', '='], " ");
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(str::to_string)
        .collect()
}

/// The words of the PDF built from `cv.toml` in `dir` with `language` (and the
/// layout `layout`, if any), that the CV does not hold; `None` where the tools
/// are missing (outside CI).
fn added_words(
    dir: &Path,
    language: &str,
    layout: Option<&str>,
) -> Option<(BTreeSet<String>, String)> {
    let pdf = dir.join(format!("{language}.pdf"));
    let set = format!("language={language}");
    let mut args = vec!["build", "--set", &set, "-o", path(&pdf)];
    if let Some(layout) = layout {
        args.extend(["--layout", layout]);
    }
    let out = cvc(&args, dir);
    succeeded(&out);
    let text = pdf_lines(&pdf)?;
    let info = tool("pdfinfo", &[path(&pdf)])?;
    let title = info
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .unwrap_or_default()
        .trim()
        .to_string();
    // `present` is a keyword of cv.toml, never printed as it is written.
    let source = words(&cv().replace("\"present\"", ""));
    let added = words(&text).difference(&source).cloned().collect();
    Some((added, title))
}

#[test]
fn every_language_prints_no_english_word_the_cv_did_not_hold() {
    let dir = scratch("languages");
    write(&dir, "cv.toml", cv());
    let Some((english, english_title)) = added_words(&dir, "en", None) else {
        return;
    };
    // What the English build adds: the checks below are only as good as this.
    for word in [
        "page",
        "of",
        "present",
        "Skills:",
        "Languages:",
        "Nationality:",
        "Jan",
        "Dec",
    ] {
        assert!(
            english.contains(word),
            "the English build adds {word:?}: {english:?}"
        );
    }
    assert!(
        english_title.ends_with("Curriculum Vitae"),
        "{english_title}"
    );
    write(&dir, "noto.toml", noto_layout());
    let others = OTHER_SCRIPTS.map(|l| (l, &[][..], Some("noto.toml")));
    let others = if noto_installed() { &others[..] } else { &[] };
    let european = LANGUAGES.iter().skip(1).map(|(l, own)| (*l, *own, None));
    for (language, own, layout) in european.chain(others.iter().copied()) {
        let (added, title) =
            added_words(&dir, language, layout).expect("the tools ran for English");
        let english_here: Vec<&String> = added
            .intersection(&english)
            .filter(|w| !own.contains(&w.as_str()))
            .collect();
        assert!(
            english_here.is_empty(),
            "language {language} prints English words {english_here:?}"
        );
        assert!(
            !added.is_empty(),
            "language {language} adds words of its own"
        );
        assert!(
            !title.contains("Curriculum Vitae"),
            "language {language}: title {title:?}"
        );
    }
}

/// A Chinese CV, set with a face of Noto Sans CJK: its dates are Chinese, year
/// first, with 至今 for an open end; a range too wide for the date column wraps
/// after its dash, never inside a date; and labels end in a full-width colon.
#[test]
fn a_chinese_cv_prints_chinese_dates_and_words() {
    if !noto_installed() {
        return;
    }
    let dir = scratch("chinese");
    write(
        &dir,
        "cv.toml",
        "[person]\nname = \"王小明\"\nskills = \"Rust\"\n[[section]]\ntitle = \"工作经历\"\n[[section.entry]]\ntitle = \"工程师\"\norganisation = \"示例公司\"\nlocation = \"北京\"\nstart = \"2021-04\"\nend = \"present\"\n[[section.entry]]\ntitle = \"研究员\"\nstart = \"2010-10\"\nend = \"2011-12\"\n",
    );
    write(
        &dir,
        "zh.toml",
        format!(
            "language = \"zh\"\n[fonts]\nfallback = [{{ file = \"{CJK_REGULAR}\", index = 2 }}]\n"
        ),
    );
    let out = cvc(&["build", "--layout", "zh.toml", "-o", "cv.pdf"], &dir);
    succeeded(&out);
    let Some(text) = pdf_lines(&dir.join("cv.pdf")) else {
        return;
    };
    // The parts of a title line are joined by the full-width comma.
    for shown in ["2021年4月", "至今", "技能：Rust", "工程师，示例公司，北京"] {
        assert!(text.contains(shown), "no {shown:?} in {text}");
    }
    // The wide range wraps after its dash, each date whole on its line.
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(lines.contains(&"2010年10月 –"), "{lines:?}");
    assert!(lines.contains(&"2011年12月"), "{lines:?}");
    for english in ["Apr", "present", "Skills"] {
        assert!(!text.contains(english), "{english:?} in {text}");
    }
}

/// `[labels]` and `[dates]` override the language word by word.
#[test]
fn labels_and_single_month_names_can_be_replaced() {
    let dir = scratch("labels");
    write(&dir, "cv.toml", cv());
    write(
        &dir,
        "mine.toml",
        "language = \"fr\"\n[labels]\nskills = \"Savoir-faire\"\nfooter = \"{page}/{pages}\"\n[dates]\nmonths = { sep = \"Sept\" }\n",
    );
    let pdf = dir.join("mine.pdf");
    let out = cvc(&["build", "--layout", "mine.toml", "-o", path(&pdf)], &dir);
    succeeded(&out);
    let Some(text) = pdf_lines(&pdf) else {
        return;
    };
    let found = words(&text);
    assert!(text.contains("· 1/") && !text.contains("page"), "{text}");
    // French sets a no-break space before a label's colon.
    assert!(
        text.contains("Savoir-faire\u{a0}:") || text.contains("Savoir-faire :"),
        "{text}"
    );
    for word in ["Savoir-faire", "Langues", "Sept", "janv.", "présent"] {
        assert!(found.contains(word), "{word:?} in {found:?}");
    }
    assert!(!found.contains("sept."), "the month was replaced");
    // A footer without the page number, or with another `{…}`, is an error at
    // its key; an empty one prints no footer.
    write(&dir, "bad.toml", "[labels]\nfooter = \"folio\"\n");
    let out = cvc(&["build", "--layout", "bad.toml"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stderr(&out).starts_with("bad.toml:2:11: error: `footer` must hold `{page}`"),
        "{}",
        common::stderr(&out)
    );
    write(
        &dir,
        "total.toml",
        "[labels]\nfooter = \"{page} of {total}\"\n",
    );
    let out = cvc(&["build", "--layout", "total.toml"], &dir);
    assert_eq!(out.status.code(), Some(1));
    write(&dir, "none.toml", "[labels]\nfooter = \"\"\n");
    let pdf = dir.join("none.pdf");
    let out = cvc(&["build", "--layout", "none.toml", "-o", path(&pdf)], &dir);
    succeeded(&out);
    if let Some(text) = pdf_lines(&pdf) {
        assert!(!text.contains("Nordmann-Øst ·"), "no footer: {text}");
    }
}

/// A soft hyphen typed by the author is where a long word may break (where it
/// does, the linebreak tests say); the text layer reads each word whole, broken
/// or not, and without the soft hyphen.
#[test]
fn a_soft_hyphen_is_a_break_the_text_layer_does_not_show() {
    let dir = scratch("soft-hyphen");
    let word = [
        "Donau",
        "dampf",
        "schiff",
        "fahrts",
        "gesellschafts",
        "kapitän",
    ]
    .join("\u{ad}");
    let text = format!("Zeit {word} ist {word} und {word}.");
    write(
        &dir,
        "cv.toml",
        format!(
            "[person]\nname = \"Ada Berg\"\n[[section]]\ntitle = \"Profil\"\ntext = \"{text}\"\n"
        ),
    );
    let out = cvc(
        &["build", "cv.toml", "--set", "page.size=a5", "-o", "cv.pdf"],
        &dir,
    );
    succeeded(&out);
    let Some(lines) = pdf_lines(&dir.join("cv.pdf")) else {
        return;
    };
    let whole = "Donaudampfschifffahrtsgesellschaftskapitän";
    assert_eq!(lines.matches(whole).count(), 3, "{lines}");
    assert!(!lines.contains('\u{ad}'), "{lines}");
}

/// Names typed or pasted decomposed (a letter, then its accent) print as the
/// letters they are: one glyph each, and the text layer in composed form.
#[test]
fn decomposed_accents_print_as_their_letters() {
    let dir = scratch("decomposed");
    write(
        &dir,
        "cv.toml",
        "[person]\nname = \"E\\u0301lodie Mu\\u0308ller-Nova\\u0301kova\\u0301\"\n[[section]]\ntitle = \"Re\\u0301sume\\u0301\"\ntext = \"Cafe\\u0301 in Sa\\u0303o Paulo.\"\n",
    );
    succeeded(&cvc(&["build", "cv.toml", "-o", "cv.pdf"], &dir));
    let Some(text) = pdf_lines(&dir.join("cv.pdf")) else {
        return;
    };
    for expected in ["Élodie Müller-Nováková", "Résumé", "Café in São Paulo."] {
        assert!(text.contains(expected), "{expected} in {text:?}");
    }
    assert!(!text.contains('\u{301}'), "{text:?}");
}
