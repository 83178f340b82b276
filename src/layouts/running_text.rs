//! `[text]` and `[bullets]`: how running text is set, and the bullets before it.

use super::resolve::{language, short_text};
use super::MM;
use crate::diag::Origin;
use crate::lang::Lang;
use crate::reader::{Choice, Fields, Num, Unit};

/// How running text (paragraphs, bullets, publications, items) sits in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextAlign {
    /// Both edges straight.
    Justify,
    /// Ragged right.
    Left,
}

impl Choice for TextAlign {
    const WORDS: &'static [(&'static str, Self)] =
        &[("justify", TextAlign::Justify), ("left", TextAlign::Left)];
}

/// How running text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunningText {
    pub align: TextAlign,
    /// The hyphenation language, or `None` when hyphenation is off.
    pub hyphenation: Option<hyphenation::Language>,
}

/// `[text]`: `align`, `hyphenate` and the hyphenation `language`, which defaults
/// to the patterns of the layout's language `lang` (none for a language the
/// `hyphenation` crate has no patterns for: its words are not hyphenated).
pub(super) fn read_text(f: &mut Fields, lang: Lang) -> RunningText {
    let default = lang.words().hyphenation;
    let Some(mut t) = f.table("text", "{ align = \"justify\" }") else {
        return RunningText {
            align: TextAlign::Justify,
            hyphenation: default,
        };
    };
    let align = t.pick("align", TextAlign::Justify);
    let hyphenate = t.boolean("hyphenate").unwrap_or(true);
    let lang = match t.has("language") {
        true => language(
            &mut t,
            "language",
            &crate::hyphenate::LANGUAGES,
            &[("en", hyphenation::Language::EnglishUS)],
            false,
        ),
        false => {
            t.get("language");
            default
        }
    };
    t.done();
    RunningText {
        align,
        hyphenation: lang.filter(|_| hyphenate),
    }
}

/// The bullet before each bullet point.
#[derive(Debug, Clone, PartialEq)]
pub struct Bullets {
    pub symbol: String,
    /// Where the layout sets the symbol (`None`: the default).
    pub symbol_at: Option<Origin>,
    /// The hanging indent, points.
    pub indent: f32,
}

/// `[bullets]`: `symbol` and `indent`.
pub(super) fn read_bullets(f: &mut Fields) -> Bullets {
    let (symbol, indent) = match f.table("bullets", "{ symbol = \"•\" }") {
        None => (None, 3.5),
        Some(mut t) => {
            let symbol = short_text(&mut t, "symbol", "a bullet's symbol");
            let indent = t.number("indent", Num::new(0.0, 50.0, Unit::Mm), 3.5);
            t.done();
            (symbol, indent)
        }
    };
    Bullets {
        symbol_at: symbol.as_ref().map(|b| b.at),
        symbol: symbol.map_or_else(|| "•".to_string(), |b| b.value),
        indent: indent * MM,
    }
}
