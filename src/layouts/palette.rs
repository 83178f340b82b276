//! `[colors]`: the four colours a layout prints in.

use crate::diag::{Code, Diagnostic};
use crate::reader::Fields;
use crate::text::Color;

/// Text, accent, muted and link colours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub text: Color,
    /// Headings, rules, bullets, contact symbols.
    pub accent: Color,
    /// The headline, dates, the footer.
    pub muted: Color,
    pub links: Color,
}

/// `[colors]`.
pub(super) fn read(f: &mut Fields) -> Palette {
    let [text, accent, muted, links] = colors(f);
    Palette {
        text,
        accent,
        muted,
        links,
    }
}

/// Text, accent, muted and link colours.
fn colors(f: &mut Fields) -> [Color; 4] {
    let defaults = [
        ("text", "#1a1a1a"),
        ("accent", "#1d4f7c"),
        ("muted", "#595959"),
        ("links", "#1d4f7c"),
    ];
    let parse = |hex: &str| Color::parse(hex).unwrap_or(Color::BLACK);
    let Some(mut t) = f.table("colors", "{ accent = \"#1d4f7c\" }") else {
        return defaults.map(|(_, d)| parse(d));
    };
    let colors = defaults.map(|(key, default)| color(&mut t, key).unwrap_or(parse(default)));
    t.done();
    colors
}

/// The colour `key` of a table, `#rrggbb`; `None` when it is not given, or is not a
/// colour (which is reported).
pub(super) fn color(t: &mut Fields, key: &'static str) -> Option<Color> {
    let text = t.text(key)?;
    let color = Color::parse(&text.value);
    if color.is_none() {
        t.r.report(
            Diagnostic::error(
                Code::Invalid,
                format!("`{}` is not a colour", crate::diag::clip(&text.value)),
                Some(text.at),
            )
            .with_help("write colours as `#rrggbb`, like `\"#1d4f7c\"`"),
        );
    }
    color
}
