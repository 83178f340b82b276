//! The footer line of each page: the name and "page 2 of 3".

use super::Element;
use crate::diag::{Code, Diagnostic, Warned};
use crate::layouts::Layout;
use crate::linebreak::{compose, Align};
use crate::markup::{self};
use crate::schema::Cv;
use crate::text::{Inline, Shaper, TextStyle, Word};

/// The footer line of each page: "Name · page 2 of 3", centred on the text area,
/// nothing for a one-page document. A footer wider than the text area (a long name
/// on a narrow page) drops the name, which the header shows; if even "page 2 of 3"
/// is too wide, it is set smaller until it fits. Each page sets the name again, so
/// a name longer than [`FOOTER_NAME`] characters is left out (it could only fit if
/// most of it were invisible).
pub struct Footer<'a, 'f> {
    layout: &'a Layout,
    shaper: &'a Shaper<'f>,
    size: f32,
    /// The name as plain text, if the footer shows it.
    name: Option<String>,
}

impl<'a, 'f> Footer<'a, 'f> {
    /// The footer of a document of `pages` pages: `None` for one page, or when the
    /// bottom margin has no room for one (then with a warning, as the page numbers
    /// are left out).
    pub fn for_document(
        cv: &Cv,
        layout: &'a Layout,
        shaper: &'a Shaper<'f>,
        pages: usize,
    ) -> Warned<Option<Self>> {
        let mut warnings = Vec::new();
        if pages > 1 && footer_size(layout).is_none() && !layout.labels.footer.is_empty() {
            warnings.push(
                Diagnostic::warning(
                    Code::Frame,
                    format!(
                        "the bottom margin ({:.0} mm) has no room for the page numbers; they are left out",
                        layout.page.margin_bottom / crate::layouts::MM
                    ),
                    None,
                )
                .with_help("make `page.margins.bottom` at least 3 mm for a footer"),
            );
        }
        Warned::new(Footer::new(cv, layout, shaper, pages), warnings)
    }

    /// `None` for a document of one page, or with no room for a footer.
    fn new(cv: &Cv, layout: &'a Layout, shaper: &'a Shaper<'f>, pages: usize) -> Option<Self> {
        let size =
            footer_size(layout).filter(|_| pages >= 2 && !layout.labels.footer.is_empty())?;
        let name = markup::plain(&cv.person.name.value);
        Some(Footer {
            layout,
            shaper,
            size,
            name: name.chars().nth(FOOTER_NAME).is_none().then_some(name),
        })
    }

    /// Words of `text` in the footer's style, and their width.
    fn set(&self, text: String, size: f32) -> (Vec<Word>, f32) {
        let style = TextStyle {
            family: self.layout.fonts.body,
            size,
            color: self.layout.colors.muted,
            bold: false,
            italic: false,
            hyphenate: false,
            rtl: self.layout.language.rtl(),
        };
        let inline = Inline {
            text,
            style,
            link: None,
            origin: None,
        };
        // The footer's characters come from the name, already checked in the header.
        let words = self.shaper.words(&[inline]).unwrap_or_default();
        let width = crate::text::line_width(&words);
        (words, width)
    }

    /// The footer of page `page` of `pages`, in page coordinates: centred on the
    /// text area, its baseline in the middle of the bottom margin.
    pub fn elements(&self, page: usize, pages: usize) -> Vec<Element> {
        let measure = self.layout.measure();
        let numbers = self.layout.labels.footer(page, pages);
        let (mut words, mut width) = match &self.name {
            Some(name) => self.set(format!("{name} · {numbers}"), self.size),
            None => (Vec::new(), f32::INFINITY),
        };
        if width > measure {
            (words, width) = self.set(numbers.clone(), self.size);
        }
        if width > measure {
            (words, width) = self.set(numbers, self.size * measure / width * SHRINK_MARGIN);
        }
        let line = crate::linebreak::Line { words, last: true };
        let x = (measure - width) / 2.0;
        let baseline = self.layout.page.height - self.layout.page.margin_bottom / 2.0;
        compose(line, width, Align::Left)
            .into_iter()
            .map(|p| {
                let mut text = Element::Text {
                    x: x + p.x,
                    baseline: 0.0,
                    run: p.run,
                };
                text.shift(self.layout.page.margin_left, baseline);
                text
            })
            .collect()
    }
}

/// A footer that is too wide is set at this fraction of the size that would just
/// fit, so that rounding cannot leave it a hair too wide.
const SHRINK_MARGIN: f32 = 0.99;

/// The longest name a footer repeats, in characters: each page sets it again.
const FOOTER_NAME: usize = 200;

/// How much of the bottom margin a footer line takes, as a multiple of its size:
/// its baseline is in the middle of the margin, with the ascent (0.8) above and the
/// descent below.
const FOOTER_ROOM: f32 = 1.6;

/// The footer's type size: the layout's, or smaller to fit a thin bottom margin;
/// `None` when the margin has no room for even 4 pt type.
pub fn footer_size(layout: &Layout) -> Option<f32> {
    let size = layout
        .sizes
        .footer
        .min(layout.page.margin_bottom / FOOTER_ROOM);
    (size >= 4.0).then_some(size)
}
