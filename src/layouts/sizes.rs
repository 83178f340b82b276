//! `[sizes]` and `[spacing]`: type sizes and the vertical rhythm.

use crate::reader::{Fields, Num, Unit};

/// Type sizes, points.
pub(super) const SIZE: Num = Num::new(4.0, 72.0, Unit::Pt);
/// Space between blocks, points.
const SPACE: Num = Num::new(0.0, 144.0, Unit::Pt);
/// Leading, a multiple of the type size.
pub(super) const LEADING: Num = Num::new(0.9, 3.0, Unit::Times);

/// Type sizes in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sizes {
    pub name: f32,
    pub headline: f32,
    pub contact: f32,
    pub section: f32,
    pub body: f32,
    pub date: f32,
    pub footer: f32,
}

impl Sizes {
    /// Every size times `factor` (for `--fit`).
    pub(super) fn scale(&mut self, factor: f32) {
        for v in [
            &mut self.name,
            &mut self.headline,
            &mut self.contact,
            &mut self.section,
            &mut self.body,
            &mut self.date,
            &mut self.footer,
        ] {
            *v *= factor;
        }
    }
}

/// Vertical rhythm, in points except `leading` (a multiple of the type size).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spacing {
    pub leading: f32,
    pub paragraph: f32,
    pub entry: f32,
    pub section_before: f32,
    pub section_after: f32,
    /// Between the header and the first section heading.
    pub header_after: f32,
}

impl Spacing {
    /// Every space between blocks times `factor`, the leading as it is (for `--fit`).
    pub(super) fn scale(&mut self, factor: f32) {
        for v in [
            &mut self.paragraph,
            &mut self.entry,
            &mut self.section_before,
            &mut self.section_after,
            &mut self.header_after,
        ] {
            *v *= factor;
        }
    }
}

/// `[sizes]`.
pub(super) fn read_sizes(f: &mut Fields) -> Sizes {
    let mut t = f.table("sizes", "{ body = 10 }");
    let mut size = |key, default| t.as_mut().map_or(default, |t| t.number(key, SIZE, default));
    let sizes = Sizes {
        name: size("name", 24.0),
        headline: size("headline", 11.5),
        contact: size("contact", 9.0),
        section: size("section", 12.0),
        body: size("body", 10.0),
        date: size("date", 9.0),
        footer: size("footer", 8.0),
    };
    if let Some(t) = t {
        t.done();
    }
    sizes
}

/// `[spacing]`.
pub(super) fn read_spacing(f: &mut Fields) -> Spacing {
    let mut t = f.table("spacing", "{ leading = 1.3 }");
    let mut num = |key, range, default| {
        t.as_mut()
            .map_or(default, |t| t.number(key, range, default))
    };
    let section_before = num("section_before", SPACE, 14.0);
    let spacing = Spacing {
        leading: num("leading", LEADING, 1.3),
        paragraph: num("paragraph", SPACE, 3.0),
        entry: num("entry", SPACE, 7.0),
        section_before,
        section_after: num("section_after", SPACE, 6.0),
        header_after: num("header_after", SPACE, section_before),
    };
    if let Some(t) = t {
        t.done();
    }
    spacing
}
