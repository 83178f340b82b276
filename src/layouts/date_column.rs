//! `[dates]`: the date column beside the entries, and how dates are written in it.

use super::resolve::{check_markup_links, language, not_blank, short_text};
use super::MM;
use crate::dates::DateStyle;
use crate::diag::Origin;
use crate::lang::Lang;
use crate::reader::{Choice, Fields, Num, Unit};

/// Where dates go: in a column left or right of the entries, or on the entry's
/// title line, at its right end (no column: the entries take the whole width).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
    Title,
}

impl Choice for Side {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("left", Side::Left),
        ("right", Side::Right),
        ("title", Side::Title),
    ];
}

/// How dates sit in their column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnAlign {
    Left,
    Right,
}

impl Choice for ColumnAlign {
    const WORDS: &'static [(&'static str, Self)] =
        &[("left", ColumnAlign::Left), ("right", ColumnAlign::Right)];
}

/// Where an entry's location goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationPlace {
    /// After the organisation, on the title line.
    Title,
    /// Under the dates, in the date column.
    Date,
}

impl Choice for LocationPlace {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("title", LocationPlace::Title),
        ("date", LocationPlace::Date),
    ];
}

/// The date column and how dates are written.
#[derive(Debug, Clone, PartialEq)]
pub struct DateColumn {
    /// Width of the column and the gap beside it, points.
    pub width: f32,
    pub gap: f32,
    pub side: Side,
    pub align: ColumnAlign,
    pub style: DateStyle,
    pub location: LocationPlace,
    /// Dates after today are allowed.
    pub allow_future: bool,
    /// Where the layout sets the word for "present" (`None`: the language's).
    pub present_at: Option<Origin>,
}

/// `[dates]`; `lang` is the layout's language, which `language` overrides.
pub(super) fn read(f: &mut Fields, lang: Lang) -> DateColumn {
    let mut column = DateColumn {
        width: 29.0,
        gap: 4.0,
        side: Side::Left,
        align: ColumnAlign::Left,
        style: DateStyle {
            lang,
            ..DateStyle::default()
        },
        location: LocationPlace::Title,
        allow_future: true,
        present_at: None,
    };
    if let Some(mut t) = f.table("dates", "{ width = 29 }") {
        column.width = t.number("width", Num::new(5.0, 120.0, Unit::Mm), column.width);
        column.gap = t.number("gap", Num::new(0.0, 50.0, Unit::Mm), column.gap);
        column.side = t.pick("side", column.side);
        column.align = t.pick("align", column.align);
        column.style.lang = language(&mut t, "language", &Lang::ALL, &[], true).unwrap_or(lang);
        column.style.months = months(&mut t, "months", "a short month name");
        column.style.long_months = months(&mut t, "long_months", "a long month name");
        column.style.format = t.pick("format", column.style.format);
        column.style.present = short_text(&mut t, "present", "the word for an open end").map(|p| {
            check_markup_links(t.r, &p);
            not_blank(t.r, "present", &p, "the word for an open end");
            column.present_at = Some(p.at);
            p.value
        });
        column.location = t.pick("location", column.location);
        column.allow_future = t.boolean("allow_future").unwrap_or(true);
        t.done();
    }
    column.width *= MM;
    column.gap *= MM;
    column
}

/// The keys of month tables (`months = { sep = "Sept." }`), January first.
const MONTH_KEYS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Month names that override the language's, one by one, from the table `key`.
fn months(t: &mut Fields, key: &'static str, what: &str) -> [Option<String>; 12] {
    let Some(mut m) = t.table(key, "{ sep = \"Sept.\" }") else {
        return Default::default();
    };
    let names = MONTH_KEYS.map(|k| {
        short_text(&mut m, k, what).map(|name| {
            not_blank(m.r, k, &name, what);
            name.value
        })
    });
    m.done();
    names
}
