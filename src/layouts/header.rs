//! `[header]`: how the name, contact line and details are set.

use std::collections::BTreeMap;

use super::palette::color;
use super::resolve::short_text;
use super::MM;
use crate::reader::{Choice, Fields, Num, Text, Unit};
use crate::schema::ContactKind;
use crate::text::Color;

/// Where the header's lines sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderAlign {
    Left,
    Center,
}

impl Choice for HeaderAlign {
    const WORDS: &'static [(&'static str, Self)] =
        &[("left", HeaderAlign::Left), ("center", HeaderAlign::Center)];
}

/// How the header's details (skills, languages, nationality, extra lines) are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Details {
    /// One line each.
    Lines,
    /// All in one paragraph.
    Inline,
}

impl Choice for Details {
    const WORDS: &'static [(&'static str, Self)] =
        &[("lines", Details::Lines), ("inline", Details::Inline)];
}

/// A coloured band behind the name, headline and contact line, from the page's
/// top and edges: its colour, and the colour of the text on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub fill: Color,
    pub text: Color,
}

/// The header's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub align: HeaderAlign,
    pub details: Details,
    /// The band behind the header's first lines, if any.
    pub band: Option<Band>,
    /// Whether the CV's photo is shown.
    pub photo: bool,
    /// Symbols before contact items, by kind, with where the layout sets them.
    pub symbols: BTreeMap<String, Text>,
    /// The photo's height, points.
    pub photo_height: f32,
}

/// `[header]`: `align`, `photo_height`, `details` and `[header.symbols]`.
pub(super) fn read(f: &mut Fields) -> Header {
    let mut header = Header {
        align: HeaderAlign::Left,
        details: Details::Lines,
        band: None,
        photo: true,
        symbols: BTreeMap::new(),
        photo_height: 28.0,
    };
    if let Some(mut t) = f.table("header", "{ align = \"left\" }") {
        header.align = t.pick("align", header.align);
        header.photo_height = t.number("photo_height", Num::new(5.0, 100.0, Unit::Mm), 28.0);
        header.details = t.pick("details", header.details);
        header.photo = t.boolean("photo").unwrap_or(true);
        let fill = color(&mut t, "band");
        let text = color(&mut t, "band_text").unwrap_or(Color::WHITE);
        header.band = fill.map(|fill| Band { fill, text });
        if let Some(mut s) = t.table("symbols", "{ email = \"✉\" }") {
            for kind in ContactKind::ALL {
                if let Some(symbol) = short_text(&mut s, kind.key(), "a contact item's symbol") {
                    header.symbols.insert(kind.key().to_string(), symbol);
                }
            }
            s.done();
        }
        t.done();
    }
    header.photo_height *= MM;
    header
}
