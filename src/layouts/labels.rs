//! The layout's `language` and `[labels]`: every fixed word the engine prints
//! (the header's labels, the footer, the document's name) in the reader's
//! language, each replaceable.

use super::resolve::{check_markup_links, language, not_blank, short_text};
use crate::diag::{Code, Diagnostic};
use crate::lang::Lang;
use crate::reader::Fields;

/// The fixed words a layout prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    pub skills: String,
    pub languages: String,
    pub nationality: String,
    /// The footer's page numbers: `{page}` and `{pages}` stand for the numbers;
    /// empty, no footer.
    pub footer: String,
    /// What the document is ("Curriculum Vitae"), for the PDF's title.
    pub document: String,
    /// The legend of author marks in publication lists.
    pub equal_contribution: String,
    pub corresponding_author: String,
    /// After a label, as the language writes it (": ", French " : ").
    pub colon: &'static str,
    /// Between the parts of a list, as the language writes it (", ", Arabic "، ").
    pub comma: &'static str,
}

impl Labels {
    /// The footer of page `page` of `pages`.
    pub fn footer(&self, page: usize, pages: usize) -> String {
        self.footer
            .replace("{pages}", &pages.to_string())
            .replace("{page}", &page.to_string())
    }
}

/// The top-level `language`: the language of the dates, the labels and the
/// hyphenation, unless `[dates]`, `[labels]` or `[text]` say otherwise.
pub(super) fn read_language(f: &mut Fields) -> Lang {
    language(f, "language", &Lang::ALL, &[], true).unwrap_or(Lang::En)
}

/// The longest footer template, in characters: each page sets it again.
const LONGEST_FOOTER: usize = 80;

/// `[labels]`, each defaulting to the word of `lang`.
pub(super) fn read(f: &mut Fields, lang: Lang) -> Labels {
    let words = lang.words();
    let mut labels = Labels {
        skills: words.skills.to_string(),
        languages: words.languages.to_string(),
        nationality: words.nationality.to_string(),
        footer: words.footer.to_string(),
        document: words.document.to_string(),
        equal_contribution: words.equal_contribution.to_string(),
        corresponding_author: words.corresponding_author.to_string(),
        colon: words.colon,
        comma: words.comma,
    };
    let Some(mut t) = f.table("labels", "{ skills = \"Compétences\" }") else {
        return labels;
    };
    let word = |t: &mut Fields, key: &'static str, slot: &mut String| {
        let what = if key.contains('_') {
            "the legend of a mark in author lists"
        } else {
            "a label the header prints"
        };
        if let Some(text) = short_text(t, key, what) {
            check_markup_links(t.r, &text);
            not_blank(t.r, key, &text, what);
            *slot = text.value;
        }
    };
    word(&mut t, "skills", &mut labels.skills);
    word(&mut t, "languages", &mut labels.languages);
    word(&mut t, "nationality", &mut labels.nationality);
    word(&mut t, "equal_contribution", &mut labels.equal_contribution);
    word(
        &mut t,
        "corresponding_author",
        &mut labels.corresponding_author,
    );
    if let Some(text) = t.text("document") {
        not_blank(t.r, "document", &text, "the document's name in its title");
        labels.document = text.value;
    }
    if let Some(text) = t.text("footer") {
        let long = text.value.chars().nth(LONGEST_FOOTER).is_some();
        // Every `{…}` is `{page}` or `{pages}`: a misspelt one would print as it is.
        let unknown = text
            .value
            .replace("{pages}", "")
            .replace("{page}", "")
            .contains(['{', '}']);
        let empty = text.value.is_empty();
        if !empty && (long || unknown || !text.value.contains("{page}")) {
            t.r.report(
                Diagnostic::error(
                    Code::Invalid,
                    format!(
                        "`footer` must hold `{{page}}` (and may hold `{{pages}}`, and no other `{{…}}`), in at most {LONGEST_FOOTER} characters"
                    ),
                    Some(text.at),
                )
                .with_help("like `footer = \"page {page} of {pages}\"`; `footer = \"\"` prints no footer"),
            );
        } else {
            labels.footer = text.value;
        }
    }
    t.done();
    labels
}
