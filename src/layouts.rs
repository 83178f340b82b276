//! Layout files: how a CV looks.
//!
//! A layout is a TOML file; the built-in ones live in `layouts/` and are compiled into
//! the binary. `cv.toml` says what is in the CV; the layout says how it is set: page,
//! fonts, sizes, spacing, colours, the date column, bullets, the header.
//!
//! Every key has a default, so a layout file only needs the keys it changes. Unknown
//! keys are errors with the nearest valid key suggested, exactly as in `cv.toml`.

use serde::Deserialize;

use crate::dates::Lang;
use crate::diag::{Diagnostic, FileId, Origin};
use crate::fonts::{Family, FontSet};
use crate::linebreak::Align;
use crate::schema::{toml_error, ContactKind};
use crate::text::Color;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// The built-in layouts: name, file text.
pub const BUILTIN: [(&str, &str); 1] = [("full", include_str!("../layouts/full.toml"))];

/// A layout file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LayoutFile {
    pub description: String,
    pub page: PageSpec,
    pub fonts: FontsSpec,
    pub sizes: Sizes,
    pub spacing: Spacing,
    pub colors: ColorsSpec,
    pub dates: DatesSpec,
    pub text: TextSpec,
    pub bullets: BulletsSpec,
    pub header: HeaderSpec,
    pub pagination: PaginationSpec,
}

/// Page-break requests, by section or entry `id` (a section without an id is
/// named by its title).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PaginationSpec {
    /// Start these sections or entries on a new page.
    pub break_before: Vec<String>,
    /// Never split these entries (or the entries of these sections) across pages.
    pub keep_together: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PageSpec {
    /// `a4`, `letter`, or `[width, height]` in millimetres.
    pub size: PageSize,
    pub margins: Margins,
}

impl Default for PageSpec {
    fn default() -> Self {
        PageSpec {
            size: PageSize::Named("a4".into()),
            margins: Margins::default(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum PageSize {
    Named(String),
    Custom([f32; 2]),
}

/// Margins in millimetres.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl Default for Margins {
    fn default() -> Self {
        Margins {
            top: 20.0,
            bottom: 20.0,
            left: 20.0,
            right: 20.0,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FontsSpec {
    pub body: String,
    pub headings: String,
}

impl Default for FontsSpec {
    fn default() -> Self {
        FontsSpec {
            body: "Source Serif 4".into(),
            headings: "Source Serif 4".into(),
        }
    }
}

/// Type sizes in points.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Sizes {
    pub name: f32,
    pub headline: f32,
    pub contact: f32,
    pub section: f32,
    pub body: f32,
    pub date: f32,
    pub footer: f32,
}

impl Default for Sizes {
    fn default() -> Self {
        Sizes {
            name: 24.0,
            headline: 11.5,
            contact: 9.0,
            section: 12.0,
            body: 10.0,
            date: 9.0,
            footer: 8.0,
        }
    }
}

/// Vertical rhythm, in points except `leading` (a multiple of the type size).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Spacing {
    pub leading: f32,
    pub paragraph: f32,
    pub entry: f32,
    pub section_before: f32,
    pub section_after: f32,
    pub header_after: f32,
}

impl Default for Spacing {
    fn default() -> Self {
        Spacing {
            leading: 1.3,
            paragraph: 3.0,
            entry: 7.0,
            section_before: 14.0,
            section_after: 6.0,
            header_after: 4.0,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ColorsSpec {
    pub text: String,
    pub accent: String,
    pub muted: String,
    pub links: String,
}

impl Default for ColorsSpec {
    fn default() -> Self {
        ColorsSpec {
            text: "#1a1a1a".into(),
            accent: "#1d4f7c".into(),
            muted: "#595959".into(),
            links: "#1d4f7c".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatesSpec {
    /// Width of the date column, millimetres.
    pub width: f32,
    /// Space between the date column and the entries, millimetres.
    pub gap: f32,
    /// `left` or `right` within the date column.
    pub align: String,
    /// Language of month names and "present": en, fr, de, pt, es.
    pub language: String,
}

impl Default for DatesSpec {
    fn default() -> Self {
        DatesSpec {
            width: 29.0,
            gap: 4.0,
            align: "left".into(),
            language: "en".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TextSpec {
    /// `justify` or `left` (ragged right).
    pub align: String,
    /// Hyphenate words at line ends.
    pub hyphenate: bool,
    /// Hyphenation language: en-us, en-gb, fr, de, pt, es, it.
    pub language: String,
}

impl Default for TextSpec {
    fn default() -> Self {
        TextSpec {
            align: "justify".into(),
            hyphenate: true,
            language: "en-us".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BulletsSpec {
    pub symbol: String,
    /// Hanging indent of bullet text, millimetres.
    pub indent: f32,
}

impl Default for BulletsSpec {
    fn default() -> Self {
        BulletsSpec {
            symbol: "•".into(),
            indent: 3.5,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HeaderSpec {
    /// `left` or `center`.
    pub align: String,
    /// Symbols shown before contact items, by kind (`email`, `phone`, …, `text`).
    pub symbols: std::collections::BTreeMap<String, String>,
    /// Photo height, millimetres.
    pub photo_height: f32,
}

impl Default for HeaderSpec {
    fn default() -> Self {
        HeaderSpec {
            align: "left".into(),
            symbols: std::collections::BTreeMap::new(),
            photo_height: 28.0,
        }
    }
}

/// A layout resolved against the fonts: everything in points and faces, ready for
/// the layout stage.
#[derive(Debug, Clone)]
pub struct Layout {
    pub name: String,
    pub page_width: f32,
    pub page_height: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
    pub body: Family,
    pub headings: Family,
    pub sizes: Sizes,
    pub spacing: Spacing,
    pub text: Color,
    pub accent: Color,
    pub muted: Color,
    pub links: Color,
    pub date_width: f32,
    pub date_gap: f32,
    pub date_align: Align,
    pub lang: Lang,
    pub align: Align,
    /// The hyphenation language, or `None` when hyphenation is off.
    pub hyphenation: Option<hyphenation::Language>,
    pub bullet: String,
    pub bullet_indent: f32,
    pub header_center: bool,
    pub symbols: std::collections::BTreeMap<String, String>,
    pub photo_height: f32,
    pub break_before: Vec<String>,
    pub keep_together: Vec<String>,
}

impl Layout {
    /// Width of the text area.
    pub fn measure(&self) -> f32 {
        self.page_width - self.margin_left - self.margin_right
    }

    pub fn symbol(&self, kind: ContactKind) -> Option<&str> {
        self.symbols.get(kind.key()).map(String::as_str)
    }
}

/// Read a layout file (`file` is its id in the sources) and resolve it.
pub fn parse(
    file: FileId,
    name: &str,
    text: &str,
    fonts: &FontSet,
) -> Result<Layout, Vec<Diagnostic>> {
    let spec: LayoutFile = toml::from_str(text).map_err(|e| vec![toml_error(file, &e)])?;
    resolve(name, &spec, fonts, |key| {
        find_key(text, key).map(|off| Origin::new(file, off))
    })
}

/// Byte offset of the value of `key` (a dotted path's last part) in the file, for
/// pointing at a bad value. Good enough for layout files, whose keys are unique.
fn find_key(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            let rest_trim = rest.trim_start();
            if let Some(value) = rest_trim.strip_prefix('=') {
                let value_start = line.len() - value.trim_start().len();
                return Some(offset + value_start);
            }
        }
        offset += line.len();
    }
    None
}

fn resolve(
    name: &str,
    spec: &LayoutFile,
    fonts: &FontSet,
    at: impl Fn(&str) -> Option<Origin>,
) -> Result<Layout, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let (page_width, page_height) = match &spec.page.size {
        PageSize::Named(n) => match n.to_ascii_lowercase().as_str() {
            "a4" => (210.0 * MM, 297.0 * MM),
            "letter" => (8.5 * 72.0, 11.0 * 72.0),
            "a5" => (148.0 * MM, 210.0 * MM),
            "legal" => (8.5 * 72.0, 14.0 * 72.0),
            _ => {
                errors.push(
                    Diagnostic::error(format!("unknown page size `{n}`"), at("size")).with_help(
                        "use `a4`, `letter`, `a5`, `legal` or `[width, height]` in millimetres",
                    ),
                );
                (210.0 * MM, 297.0 * MM)
            }
        },
        PageSize::Custom([w, h]) => (w * MM, h * MM),
    };
    let mut family = |key: &str, n: &str| {
        fonts.family(n).unwrap_or_else(|| {
            let names: Vec<&str> = fonts.family_names().collect();
            errors.push(
                Diagnostic::error(format!("unknown font family `{n}`"), at(key))
                    .with_help(format!("the bundled families are {}", names.join(", "))),
            );
            fonts.family(names[0]).expect("a bundled family")
        })
    };
    let body = family("body", &spec.fonts.body);
    let headings = family("headings", &spec.fonts.headings);
    let mut color = |key: &str, v: &str| {
        Color::parse(v).unwrap_or_else(|| {
            errors.push(
                Diagnostic::error(format!("`{v}` is not a colour"), at(key))
                    .with_help("write colours as `#rrggbb`"),
            );
            Color::BLACK
        })
    };
    let text = color("text", &spec.colors.text);
    let accent = color("accent", &spec.colors.accent);
    let muted = color("muted", &spec.colors.muted);
    let links = color("links", &spec.colors.links);
    let mut align = |key: &str, v: &str, allowed: &[(&str, Align)]| {
        allowed
            .iter()
            .find(|(n, _)| *n == v)
            .map(|(_, a)| *a)
            .unwrap_or_else(|| {
                let names: Vec<String> = allowed.iter().map(|(n, _)| format!("`{n}`")).collect();
                errors.push(
                    Diagnostic::error(format!("`{v}` is not an alignment here"), at(key))
                        .with_help(format!("use {}", names.join(" or "))),
                );
                allowed[0].1
            })
    };
    let date_align = align(
        "align",
        &spec.dates.align,
        &[("left", Align::Left), ("right", Align::Right)],
    );
    let body_align = align(
        "align",
        &spec.text.align,
        &[("justify", Align::Justify), ("left", Align::Left)],
    );
    let header_center = align(
        "align",
        &spec.header.align,
        &[("left", Align::Left), ("center", Align::Center)],
    ) == Align::Center;
    let lang = Lang::from_code(&spec.dates.language).unwrap_or_else(|| {
        errors.push(
            Diagnostic::error(
                format!("unknown language `{}`", spec.dates.language),
                at("language"),
            )
            .with_help("use one of en, fr, de, pt, es"),
        );
        Lang::En
    });
    let hyphenation = crate::hyphenate::language(&spec.text.language);
    if hyphenation.is_none() {
        let codes: Vec<&str> = crate::hyphenate::LANGUAGES
            .iter()
            .map(|(c, _)| *c)
            .collect();
        errors.push(
            Diagnostic::error(
                format!("no hyphenation patterns for `{}`", spec.text.language),
                at("language"),
            )
            .with_help(format!("use one of {}", codes.join(", "))),
        );
    }
    for (key, v) in [
        ("name", spec.sizes.name),
        ("headline", spec.sizes.headline),
        ("contact", spec.sizes.contact),
        ("section", spec.sizes.section),
        ("body", spec.sizes.body),
        ("date", spec.sizes.date),
        ("footer", spec.sizes.footer),
    ] {
        if !(4.0..=72.0).contains(&v) {
            errors.push(Diagnostic::error(
                format!("type size {v} pt is out of range (4 to 72)"),
                at(key),
            ));
        }
    }
    if !(0.9..=3.0).contains(&spec.spacing.leading) {
        errors.push(Diagnostic::error(
            format!(
                "leading {} is out of range (0.9 to 3 times the type size)",
                spec.spacing.leading
            ),
            at("leading"),
        ));
    }
    let m = spec.page.margins;
    let measure = page_width - (m.left + m.right) * MM;
    let date_width = spec.dates.width * MM;
    let date_gap = spec.dates.gap * MM;
    if measure - date_width - date_gap < 40.0 * MM {
        errors.push(Diagnostic::error(
            "the margins and the date column leave less than 40 mm for the text",
            at("width").or(at("left")),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Layout {
        name: name.to_string(),
        page_width,
        page_height,
        margin_top: m.top * MM,
        margin_bottom: m.bottom * MM,
        margin_left: m.left * MM,
        margin_right: m.right * MM,
        body,
        headings,
        sizes: spec.sizes,
        spacing: spec.spacing,
        text,
        accent,
        muted,
        links,
        date_width,
        date_gap,
        date_align,
        lang,
        align: body_align,
        hyphenation: hyphenation.filter(|_| spec.text.hyphenate),
        bullet: spec.bullets.symbol.clone(),
        bullet_indent: spec.bullets.indent * MM,
        header_center,
        symbols: spec.header.symbols.clone(),
        photo_height: spec.header.photo_height * MM,
        break_before: spec.pagination.break_before.clone(),
        keep_together: spec.pagination.keep_together.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_layouts_parse() {
        let fonts = FontSet::bundled();
        for (name, text) in BUILTIN {
            let layout = parse(FileId(0), name, text, &fonts).unwrap();
            assert!((layout.page_width - 595.27).abs() < 0.1);
        }
    }

    #[test]
    fn layout_errors_point_at_the_key() {
        let fonts = FontSet::bundled();
        let err = parse(FileId(0), "x", "[fonts]\nbody = \"Comic Sans\"\n", &fonts).unwrap_err();
        assert_eq!(err[0].message, "unknown font family `Comic Sans`");
        assert_eq!(err[0].origin.map(|o| o.offset), Some(15));
        let err = parse(FileId(0), "x", "[page]\nsise = \"a4\"\n", &fonts).unwrap_err();
        assert_eq!(err[0].message, "unknown key `sise`");
        assert_eq!(err[0].help.as_deref(), Some("did you mean `size`?"));
    }
}
