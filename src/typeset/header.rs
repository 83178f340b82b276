//! The header: the name, headline, photo and contact details.

use std::sync::Arc;

use super::{unbreakable, Block, Element, Hyphens, Keep, Setter};
use crate::images::Image;
use crate::layouts::{Details, HeaderAlign};
use crate::linebreak::Align;
use crate::markup::{self, Link};
use crate::reader::Text;
use crate::schema::{Contact, ContactKind};
use crate::text::{Color, Inline, TextStyle, Word};

/// Space between the photo and the header text, mm.
const PHOTO_GAP: f32 = 6.0;
/// Space above the headline, the contact line and the details, points: the name
/// is large and carries its own white; the contact line is set apart from both.
const HEADLINE_ABOVE: f32 = 1.0;
const CONTACT_ABOVE: f32 = 5.0;
const DETAILS_ABOVE: f32 = 3.0;
/// White between the band's last line and its lower edge, and between the band and
/// what follows it, points.
const BAND_PADDING: f32 = 8.0;
/// Space between contact items, in word spaces: wide enough to separate items
/// without a separator glyph, narrow enough to keep three or four on a line.
const CONTACT_SPACES: f32 = 3.0;

/// The photo's place: the image and its width and height on the page.
type PhotoBox = (Arc<Image>, f32, f32);

impl Setter<'_, '_> {
    /// The header: name, headline, contact line and details beside the photo (on
    /// the right), all kept on one page.
    pub(super) fn header(&mut self, photo: Option<Arc<Image>>) {
        let layout = self.layout;
        let measure = layout.measure();
        // The photo at the layout's height, unless that would make it wider than
        // half the text area (a panorama): then at half the width.
        let photo = photo.filter(|_| layout.header.photo);
        let photo_box = photo.map(|img| {
            let aspect = img.width as f32 / img.height.max(1) as f32;
            let h = layout.header.photo_height.min(measure / 2.0 / aspect);
            (img, h * aspect, h)
        });
        let text_width = photo_box.as_ref().map_or(measure, |(_, w, _)| {
            measure - w - PHOTO_GAP * crate::layouts::MM
        });
        let align = match layout.header.align {
            HeaderAlign::Left => Align::Left,
            HeaderAlign::Center => Align::Center,
        };
        let first_block = self.blocks.len();
        self.name_and_headline(text_width, align);
        self.contact_line(text_width, align);
        let band_end = self.blocks.len();
        let photo_height = photo_box.as_ref().map_or(0.0, |(_, _, h)| *h);
        // Details go below the band, and below a photo that hangs into it.
        let below_band = match layout.header.band {
            Some(_) => {
                (photo_height - self.height_of(first_block..band_end)).max(0.0) + BAND_PADDING
            }
            None => 0.0,
        };
        // Under a band (and the photo on it), the details take the whole width.
        let details_width = if layout.header.band.is_some() {
            measure
        } else {
            text_width
        };
        self.details(details_width, align, below_band);
        if let Some(photo_box) = photo_box {
            self.hang_photo(first_block, photo_box);
        }
        if let Some(band) = layout.header.band {
            self.paint_band(first_block, band_end, band.fill, photo_height);
        }
        if let Some(last) = self.blocks.last_mut() {
            last.keep = None;
        }
        self.after_header = true;
    }

    /// `color` for the header's first lines: the band's text colour when the layout
    /// sets them on a band.
    fn ink(&self, color: Color) -> Color {
        self.layout.header.band.map_or(color, |band| band.text)
    }

    /// The band behind the header's blocks `first..end` (and a photo `photo_height`
    /// tall beside them): from the page's top and edges down to a little below
    /// their last line. It is drawn first, under them.
    fn paint_band(&mut self, first: usize, end: usize, fill: Color, photo_height: f32) {
        let page = self.layout.page;
        let text_height = self.height_of(first..end).max(photo_height);
        // The header's blocks reach below the band, so that what follows is clear
        // of it.
        let short = text_height + BAND_PADDING - self.height_of(first..self.blocks.len());
        if let (true, Some(last)) = (short > 0.0, self.blocks.last_mut()) {
            last.height += short;
        }
        if let Some(block) = self.blocks.get_mut(first) {
            let band = Element::Rule {
                x: -page.margin_left,
                y: -page.margin_top,
                width: page.width,
                thickness: page.margin_top + text_height + BAND_PADDING,
                color: fill,
            };
            block.elements.insert(0, band);
        }
    }

    /// The height of blocks `range`, with the space above each.
    fn height_of(&self, range: std::ops::Range<usize>) -> f32 {
        self.blocks[range]
            .iter()
            .map(|b| b.height + b.space_before)
            .sum()
    }

    fn name_and_headline(&mut self, text_width: f32, align: Align) {
        let layout = self.layout;
        let person = &self.cv.person;
        let name_style = TextStyle {
            family: layout.fonts.headings,
            bold: true,
            ..self.style(layout.sizes.name, self.ink(layout.colors.text))
        };
        let inl = self.text_inlines(&person.name, name_style);
        for line in self.set(&inl, 0.0, text_width, align) {
            self.push_line(line, 0.0, Some(Keep::Header));
        }
        if let Some(headline) = &person.headline {
            let style = TextStyle {
                italic: true,
                ..self.style(layout.sizes.headline, self.ink(layout.colors.muted))
            };
            let inl = self.text_inlines(headline, style);
            for line in self.set(&inl, 0.0, text_width, align) {
                self.push_line(line, HEADLINE_ABOVE, Some(Keep::Header));
            }
        }
    }

    /// The contact line: each item (symbol and text) is one unbreakable unit; the
    /// line wraps between items only.
    fn contact_line(&mut self, text_width: f32, align: Align) {
        let contact_style =
            self.style(self.layout.sizes.contact, self.ink(self.layout.colors.text));
        let mut items: Vec<Word> = Vec::new();
        for c in &self.cv.person.contact {
            if let Some(item) = self.contact_item(c, contact_style) {
                items.push(item);
            }
        }
        // The space between items reads in the line's own direction: right to
        // left, the first item is at the right.
        let gap = self.shaper.space(&contact_style);
        let count = items.len();
        for (i, item) in items.iter_mut().enumerate() {
            item.space = if i + 1 < count {
                gap.clone().map(|mut s| {
                    s.width *= CONTACT_SPACES;
                    s.stretch *= CONTACT_SPACES;
                    s
                })
            } else {
                None
            };
        }
        let lines = self.set_words(items, 0.0, text_width, align, Hyphens::Nowhere);
        for (i, line) in lines.into_iter().enumerate() {
            let above = if i == 0 { CONTACT_ABOVE } else { 0.0 };
            self.push_line(line, above, Some(Keep::Header));
        }
    }

    /// One contact item as an unbreakable word: its symbol, then its text, linked.
    fn contact_item(&mut self, c: &Contact, contact_style: TextStyle) -> Option<Word> {
        let layout = self.layout;
        let mut inl = Vec::new();
        if let Some(sym) = layout.symbol(c.kind()) {
            inl.push(Inline {
                text: format!("{}\u{2009}", sym.value),
                style: TextStyle {
                    color: self.ink(layout.colors.accent),
                    ..contact_style
                },
                link: None,
                origin: Some(sym.at),
            });
        }
        let value = c.value();
        let mut text_style = contact_style;
        let link = c.link().map(|u| Link::from(u.as_str()));
        if link.is_some() {
            text_style.color = self.ink(layout.colors.links);
        }
        // Free text and places may hold markup; addresses and user names are
        // shown as they are (an `*` in an address is part of it).
        let free = matches!(c.kind(), ContactKind::Location | ContactKind::Other);
        if free {
            let mut pieces = self.inlines(&c.display(), Some(value.at), text_style);
            for piece in &mut pieces {
                if piece.link.is_none() {
                    piece.link.clone_from(&link);
                }
            }
            inl.extend(pieces);
        } else {
            // An address, a number or a user name reads left to right even in a
            // CV that does not: isolated (U+2066 … U+2069), its digits and dots
            // keep their order.
            let isolate = |mark: &str| Inline {
                text: mark.to_string(),
                style: text_style,
                link: None,
                origin: None,
            };
            inl.push(isolate("\u{2066}"));
            inl.push(Inline {
                text: c.display(),
                style: text_style,
                link,
                origin: Some(value.at),
            });
            inl.push(isolate("\u{2069}"));
        }
        let words = self.words(&inl);
        let mut item = unbreakable(words)?;
        // A problem with the item (too wide) is the value's, not the symbol's.
        item.origin = Some(value.at);
        Some(item)
    }

    /// Extra header lines (skills, languages, nationality, free lines): each on a
    /// line of its own, or all in one paragraph separated by wide spaces; the first
    /// `below_band` lower, clear of a band.
    fn details(&mut self, text_width: f32, align: Align, below_band: f32) {
        let layout = self.layout;
        let person = &self.cv.person;
        let contact_style = self.style(layout.sizes.contact, layout.colors.text);
        let mut extras: Vec<(String, &Text)> = Vec::new();
        let labels = &layout.labels;
        for (label, t) in [
            (&labels.skills, &person.skills),
            (&labels.languages, &person.languages),
            (&labels.nationality, &person.nationality),
        ] {
            if let Some(t) = t {
                extras.push((label.to_string(), t));
            }
        }
        for e in &person.extra {
            extras.push((
                e.label
                    .as_ref()
                    .map_or(String::new(), |label| markup::plain(&label.value)),
                &e.text,
            ));
        }
        let mut groups: Vec<Vec<Inline>> = Vec::new();
        for (label, t) in extras {
            let mut inl = Vec::new();
            if !label.is_empty() {
                inl.push(Inline {
                    text: format!("{label}{}", layout.labels.colon),
                    style: TextStyle {
                        bold: true,
                        ..contact_style
                    },
                    link: None,
                    origin: None,
                });
            }
            inl.extend(self.text_inlines(t, contact_style));
            match groups.last_mut() {
                Some(group) if layout.header.details == Details::Inline => {
                    group.push(self.literal(
                        "\u{2002}·\u{a0}",
                        TextStyle {
                            color: layout.colors.muted,
                            ..contact_style
                        },
                    ));
                    group.extend(inl);
                }
                _ => groups.push(inl),
            }
        }
        for (i, inl) in groups.into_iter().enumerate() {
            let lines = self.set(&inl, 0.0, text_width, align);
            for (j, line) in lines.into_iter().enumerate() {
                let above = if i == 0 && j == 0 {
                    DETAILS_ABOVE + below_band
                } else {
                    0.0
                };
                self.push_line(line, above, Some(Keep::Header));
            }
        }
    }

    /// The photo hangs from the first header block; if the header text is shorter
    /// than the photo, a spacer keeps the sections below it.
    fn hang_photo(&mut self, first_block: usize, (img, w, h): PhotoBox) {
        let measure = self.layout.measure();
        let text_height: f32 = self.blocks[first_block..]
            .iter()
            .map(|b| b.height + b.space_before)
            .sum();
        if let Some(first) = self.blocks.get_mut(first_block) {
            first.elements.push(Element::Image {
                x: measure - w,
                y: 0.0,
                width: w,
                height: h,
                image: img,
            });
        }
        if text_height < h {
            let mut spacer = Block::new(h - text_height, 0.0);
            spacer.keep = Some(Keep::Header);
            self.blocks.push(spacer);
        }
    }
}
