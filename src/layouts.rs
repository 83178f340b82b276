//! Layout files: how a CV looks and what of it is shown.
//!
//! A layout is a TOML file; the built-in ones live in `layouts/` and are compiled into
//! the binary. `cv.toml` says what is in the CV; the layout says how it is set (page,
//! fonts, sizes, spacing, colours, the date column, bullets, the header) and which
//! parts it shows (sections, their order and titles, selection rules, a page budget).
//! Every key is documented in `docs/layouts.md`.
//!
//! A layout is read in *layers*: the layouts it `extends` (a built-in name or a path),
//! then the file itself, then each `--set key=value` from the command line. Each
//! layer is checked on its own, so an unknown key or a wrong type is reported in the
//! layer that wrote it, with the nearest valid key. The layers' tables are then merged
//! (later keys win, tables merge key by key) and resolved; a *provenance* map from
//! each dotted key to where it was last set lets the semantic checks (an unknown font
//! family, a colour that is not one) point at the right file, line and column too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::Deserializer;

use crate::dates::{DateFormat, DateStyle, Lang};
use crate::diag::{nearest, Diagnostic, FileId, Origin, Sources};
use crate::fonts::{Family, FontSet};
use crate::linebreak::Align;
use crate::schema::{toml_error, ContactKind, StringOr, TableForm, Text};
use crate::text::Color;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// The built-in layouts: name, file text.
pub const BUILTIN: [(&str, &str); 2] = [
    ("full", include_str!("../layouts/full.toml")),
    ("onepage", include_str!("../layouts/onepage.toml")),
];

/// The description line of a built-in layout.
pub fn description(text: &str) -> String {
    toml::from_str::<LayoutFile>(text)
        .map(|f| f.description)
        .unwrap_or_default()
}

/// Where a layout comes from.
#[derive(Debug, Clone)]
pub enum LayoutSource {
    /// A built-in layout, by name.
    Builtin(String),
    /// A layout file: its path as given, its text, and its directory (for the paths
    /// it names: a layout it extends, font files).
    File {
        name: String,
        text: String,
        dir: PathBuf,
    },
}

impl LayoutSource {
    /// The layout's name in messages: the built-in's, or the file's stem.
    pub fn name(&self) -> String {
        match self {
            LayoutSource::Builtin(n) => n.clone(),
            LayoutSource::File { name, .. } => Path::new(name)
                .file_stem()
                .map_or("custom".into(), |s| s.to_string_lossy().to_string()),
        }
    }
}

/// A layout file as written. Every key has a default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LayoutFile {
    /// A built-in layout's name or a path: start from it and change only some keys.
    pub extends: Option<String>,
    pub description: String,
    /// The page budget: `cvc check` fails when the CV needs more pages.
    pub max_pages: Option<u32>,
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
    /// How far `--fit` may shrink this layout to meet `max_pages`.
    pub fit: FitSpec,
    /// Selection rules for every section.
    pub select: SelectSpec,
    /// Which sections, in which order (by id), with optional new titles and rules.
    pub sections: Option<Vec<SectionChoice>>,
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
    /// `a4`, `letter`, `a5`, `legal`, or `[width, height]` in millimetres.
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
    pub body: FontChoice,
    pub headings: FontChoice,
}

impl Default for FontsSpec {
    fn default() -> Self {
        FontsSpec {
            body: FontChoice::Family("Source Serif 4".into()),
            headings: FontChoice::Family("Source Serif 4".into()),
        }
    }
}

/// A bundled family by name, or font files by path (relative to the layout file).
#[derive(Debug, Clone, PartialEq)]
pub enum FontChoice {
    Family(String),
    Files(FontFiles),
}

/// The four styles of a family as files; missing styles use `regular`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontFiles {
    pub regular: String,
    pub italic: Option<String>,
    pub bold: Option<String>,
    pub bold_italic: Option<String>,
}

impl TableForm for FontFiles {
    const EXPECTING: &'static str =
        "a family name, or a table of font files: { regular = \"…\", bold = \"…\" }";
}

impl<'de> Deserialize<'de> for FontChoice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match StringOr::<FontFiles>::deserialize(d)? {
            StringOr::String(name) => FontChoice::Family(name),
            StringOr::Table(files) => FontChoice::Files(files),
        })
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
    /// `left` or `right` of the entries.
    pub side: String,
    /// `left` or `right` within the date column.
    pub align: String,
    /// Language of month names and "present": en, fr, de, pt, es.
    pub language: String,
    /// `short` (Sep 2019), `long` (September 2019), `numeric` (09/2019), `year`.
    pub format: String,
    /// The word for an open end, instead of the language's ("now").
    pub present: Option<String>,
    /// Where an entry's location goes: `title` (after the organisation) or `date`
    /// (under the dates).
    pub location: String,
    /// Whether dates after today are allowed (`cvc check` reports them when not).
    pub allow_future: bool,
}

impl Default for DatesSpec {
    fn default() -> Self {
        DatesSpec {
            width: 29.0,
            gap: 4.0,
            side: "left".into(),
            align: "left".into(),
            language: "en".into(),
            format: "short".into(),
            present: None,
            location: "title".into(),
            allow_future: true,
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
    pub symbols: BTreeMap<String, String>,
    /// Photo height, millimetres.
    pub photo_height: f32,
    /// Skills, languages, nationality and extra lines: `lines` (one each) or
    /// `inline` (one paragraph).
    pub details: String,
}

impl Default for HeaderSpec {
    fn default() -> Self {
        HeaderSpec {
            align: "left".into(),
            symbols: BTreeMap::new(),
            photo_height: 28.0,
            details: "lines".into(),
        }
    }
}

/// The limits of `--fit`. The layout's own values are the generous end of each range;
/// these are the other end. Unset: that value does not shrink.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FitSpec {
    /// The smallest body size, points (all type sizes scale with the body).
    pub min_body: Option<f32>,
    /// The smallest leading.
    pub min_leading: Option<f32>,
    /// The smallest spacing between entries, paragraphs and sections, as a fraction
    /// of the layout's.
    pub min_spacing: Option<f32>,
    /// The smallest margins, as a fraction of the layout's.
    pub min_margins: Option<f32>,
}

/// Selection rules: which entries, bullets and paragraphs a layout shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SelectSpec {
    /// Show only entries (and bullets, where an entry tags its bullets) with one of
    /// these tags. Empty: no tag is needed.
    pub include_tags: Vec<String>,
    /// Never show entries or bullets with one of these tags.
    pub exclude_tags: Vec<String>,
    /// Publications: only those with `selected = true`.
    pub selected_only: bool,
    /// At most this many bullets per entry (the first ones).
    pub max_bullets: Option<usize>,
    /// At most this many entries, publications or items per section (the first ones).
    pub max_entries: Option<usize>,
    /// Only entries that end in this year or later (open entries always).
    pub since: Option<i32>,
    /// Show entries' paragraphs (`text`).
    pub entry_text: bool,
    /// Show sections' opening paragraphs (`text`).
    pub section_text: bool,
}

impl Default for SelectSpec {
    fn default() -> Self {
        SelectSpec {
            include_tags: Vec::new(),
            exclude_tags: Vec::new(),
            selected_only: false,
            max_bullets: None,
            max_entries: None,
            since: None,
            entry_text: true,
            section_text: true,
        }
    }
}

/// A section a layout shows: its id, or a table with a new title and rules that
/// override `[select]` for this section.
#[derive(Debug, Clone, PartialEq)]
pub enum SectionChoice {
    Id(String),
    Table(SectionTable),
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionTable {
    pub id: String,
    pub title: Option<String>,
    pub include_tags: Option<Vec<String>>,
    pub exclude_tags: Option<Vec<String>>,
    pub selected_only: Option<bool>,
    pub max_bullets: Option<usize>,
    pub max_entries: Option<usize>,
    pub since: Option<i32>,
    pub entry_text: Option<bool>,
    pub section_text: Option<bool>,
}

impl TableForm for SectionTable {
    const EXPECTING: &'static str = "a section id, or a table { id = \"…\", title = \"…\", … }";
}

impl<'de> Deserialize<'de> for SectionChoice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match StringOr::<SectionTable>::deserialize(d)? {
            StringOr::String(id) => SectionChoice::Id(id),
            StringOr::Table(t) => SectionChoice::Table(t),
        })
    }
}

/// Resolved selection rules.
pub type Rules = SelectSpec;

/// A section as a layout shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionPick {
    pub id: String,
    /// A new title, with its place in the layout file.
    pub title: Option<Text>,
    pub rules: Rules,
    /// Where the layout names this section.
    pub origin: Option<Origin>,
}

/// Which side of the entries the date column is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// A layout resolved against the fonts: everything in points and faces, ready for
/// the layout stage.
#[derive(Debug, Clone)]
pub struct Layout {
    pub name: String,
    pub max_pages: Option<u32>,
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
    pub date_side: Side,
    pub date_align: Align,
    pub dates: DateStyle,
    /// The entry's location goes under its dates (else after the organisation).
    pub location_under_date: bool,
    /// Dates after today are allowed.
    pub allow_future: bool,
    pub align: Align,
    /// The hyphenation language, or `None` when hyphenation is off.
    pub hyphenation: Option<hyphenation::Language>,
    pub bullet: String,
    pub bullet_indent: f32,
    pub header_center: bool,
    /// Header details in one paragraph instead of one line each.
    pub header_details_inline: bool,
    pub symbols: BTreeMap<String, String>,
    pub photo_height: f32,
    pub break_before: Vec<String>,
    pub keep_together: Vec<String>,
    /// The limits of `--fit` (resolved: each `None` is the layout's own value).
    pub fit: FitSpec,
    /// Rules for sections the layout does not list one by one.
    pub rules: Rules,
    /// The sections to show, in order; `None`: all, in `cv.toml`'s order.
    pub sections: Option<Vec<SectionPick>>,
}

impl Layout {
    /// Width of the text area.
    pub fn measure(&self) -> f32 {
        self.page_width - self.margin_left - self.margin_right
    }

    pub fn symbol(&self, kind: ContactKind) -> Option<&str> {
        self.symbols.get(kind.key()).map(String::as_str)
    }

    /// Left edge and width of the entry column.
    pub fn entry_column(&self) -> (f32, f32) {
        let width = self.measure() - self.date_width - self.date_gap;
        match self.date_side {
            Side::Left => (self.date_width + self.date_gap, width),
            Side::Right => (0.0, width),
        }
    }

    /// This layout shrunk for `--fit`: type at `body` points (all sizes in
    /// proportion), and spacing, leading and margins at `t` of the way from their
    /// minimums (0) to the layout's own values (1).
    pub fn shrunk(&self, body: f32, t: f32) -> Layout {
        let mut l = self.clone();
        let scale = body / self.sizes.body;
        let sz = &mut l.sizes;
        for v in [
            &mut sz.name,
            &mut sz.headline,
            &mut sz.contact,
            &mut sz.section,
            &mut sz.body,
            &mut sz.date,
            &mut sz.footer,
        ] {
            *v *= scale;
        }
        let between = |min: Option<f32>, max: f32| min.map_or(max, |m| m + t * (max - m));
        l.spacing.leading = between(self.fit.min_leading, self.spacing.leading);
        let f = between(self.fit.min_spacing, 1.0);
        let sp = &mut l.spacing;
        for v in [
            &mut sp.paragraph,
            &mut sp.entry,
            &mut sp.section_before,
            &mut sp.section_after,
            &mut sp.header_after,
        ] {
            *v *= f;
        }
        let g = between(self.fit.min_margins, 1.0);
        for v in [
            &mut l.margin_top,
            &mut l.margin_bottom,
            &mut l.margin_left,
            &mut l.margin_right,
        ] {
            *v *= g;
        }
        l
    }

    /// Left edge of the date column.
    pub fn date_x(&self) -> f32 {
        match self.date_side {
            Side::Left => 0.0,
            Side::Right => self.measure() - self.date_width,
        }
    }
}

/// One source of layout keys.
struct Layer {
    file: FileId,
    dir: PathBuf,
    table: toml::Table,
}

/// Where each dotted key was last set: file, offset, and the layer (for its dir).
#[derive(Default)]
struct Provenance(BTreeMap<String, (FileId, usize, usize)>);

impl Provenance {
    fn record(&mut self, prefix: &str, table: &toml::de::DeTable, file: FileId, layer: usize) {
        for (key, value) in table.iter() {
            let path = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            self.0
                .insert(path.clone(), (file, value.span().start, layer));
            match value.get_ref() {
                toml::de::DeValue::Table(t) => self.record(&path, t, file, layer),
                toml::de::DeValue::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let p = format!("{path}.{i}");
                        self.0.insert(p.clone(), (file, item.span().start, layer));
                        if let toml::de::DeValue::Table(t) = item.get_ref() {
                            self.record(&p, t, file, layer);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn at(&self, path: &str) -> Option<Origin> {
        self.0.get(path).map(|(f, o, _)| Origin::new(*f, *o))
    }

    fn layer(&self, path: &str) -> Option<usize> {
        self.0.get(path).map(|(_, _, l)| *l)
    }
}

/// Read a layout with everything it extends and the `--set` overrides, and resolve
/// it. Font files a layout names are loaded into `fonts`.
pub fn load(
    sources: &mut Sources,
    source: &LayoutSource,
    sets: &[String],
    fonts: &mut FontSet,
) -> Result<Layout, Vec<Diagnostic>> {
    let mut layers = Vec::new();
    let mut errors = Vec::new();
    let name = source.name();
    read_layers(
        sources,
        source,
        None,
        &mut Vec::new(),
        &mut layers,
        &mut errors,
    );
    for set in sets {
        match set_layer(sources, set) {
            Ok(layer) => layers.push(layer),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut merged = toml::Table::new();
    let mut provenance = Provenance::default();
    for (i, layer) in layers.iter().enumerate() {
        let text = &sources.get(layer.file).text;
        if let Ok(t) = toml::de::DeTable::parse(text) {
            provenance.record("", t.get_ref(), layer.file, i);
        }
        merge(&mut merged, layer.table.clone());
    }
    merged.remove("extends");
    let spec: LayoutFile = merged.try_into().map_err(|e: toml::de::Error| {
        vec![Diagnostic::error(
            format!("layout `{name}`: {}", e.message()),
            None,
        )]
    })?;
    let dir_of = |path: &str| provenance.layer(path).map(|l| layers[l].dir.clone());
    resolve(&name, &spec, fonts, &|path| provenance.at(path), &dir_of)
}

/// Read `source` and, first, what it extends; push the layers base first.
fn read_layers(
    sources: &mut Sources,
    source: &LayoutSource,
    from: Option<Origin>,
    chain: &mut Vec<String>,
    layers: &mut Vec<Layer>,
    errors: &mut Vec<Diagnostic>,
) {
    let (name, text, dir) = match source {
        LayoutSource::Builtin(n) => match BUILTIN.iter().find(|(b, _)| b == n) {
            Some((_, t)) => (
                format!("<built-in>/{n}.toml"),
                t.to_string(),
                PathBuf::from("."),
            ),
            None => {
                let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
                let mut d = Diagnostic::error(format!("there is no built-in layout `{n}`"), from);
                d = match nearest(n, names.iter().copied()) {
                    Some(near) => d.with_help(format!("did you mean `{near}`?")),
                    None => d.with_help(format!(
                        "built-in layouts: {}; or give a path to a layout file",
                        names.join(", ")
                    )),
                };
                errors.push(d);
                return;
            }
        },
        LayoutSource::File { name, text, dir } => (name.clone(), text.clone(), dir.clone()),
    };
    if chain.contains(&name) || chain.len() > 8 {
        errors.push(Diagnostic::error(
            format!("layout `{name}` extends itself"),
            from,
        ));
        return;
    }
    chain.push(name.clone());
    let file = sources.add(name, text.clone());
    // Each layer alone must be a valid layout file: errors point into it.
    if let Err(e) = toml::from_str::<LayoutFile>(&text) {
        errors.push(toml_error(file, &e));
        return;
    }
    let Ok(table) = text.parse::<toml::Table>() else {
        return;
    };
    if let Some(toml::Value::String(base)) = table.get("extends") {
        let at = toml::de::DeTable::parse(&text).ok().and_then(|t| {
            t.get_ref()
                .get("extends")
                .map(|v| Origin::new(file, v.span().start))
        });
        let looks_like_path = base.contains(['/', '\\']) || base.ends_with(".toml");
        let base_source = if looks_like_path {
            let path = dir.join(base);
            match std::fs::read_to_string(&path) {
                Ok(text) => LayoutSource::File {
                    name: path.display().to_string(),
                    text,
                    dir: path
                        .parent()
                        .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
                },
                Err(e) => {
                    errors.push(Diagnostic::error(
                        format!(
                            "cannot read layout `{}`: {}",
                            path.display(),
                            crate::cli::io_reason(&e)
                        ),
                        at,
                    ));
                    return;
                }
            }
        } else {
            LayoutSource::Builtin(base.clone())
        };
        read_layers(sources, &base_source, at, chain, layers, errors);
    }
    layers.push(Layer { file, dir, table });
}

/// A `--set key=value` as a layer of its own, named `--set` in messages. The value is
/// TOML (`12`, `true`, `["a", "b"]`), or else a string (`letter`).
fn set_layer(sources: &mut Sources, set: &str) -> Result<Layer, Diagnostic> {
    let (key, value) = set
        .split_once('=')
        .ok_or_else(|| Diagnostic::error(format!("--set needs `key=value`, not `{set}`"), None))?;
    let key = key.trim();
    if key.is_empty()
        || !key.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
    {
        return Err(
            Diagnostic::error(format!("--set: `{key}` is not a layout key"), None)
                .with_help("keys are dotted names such as `page.size` or `sizes.body`"),
        );
    }
    if key == "extends" {
        return Err(Diagnostic::error(
            "--set: `extends` belongs in a layout file",
            None,
        ));
    }
    let value = value.trim();
    let literal = if toml::from_str::<toml::Table>(&format!("v = {value}")).is_ok() {
        value.to_string()
    } else {
        toml::Value::String(value.to_string()).to_string()
    };
    let text = format!("{key} = {literal}\n");
    let file = sources.add("--set", text.clone());
    toml::from_str::<LayoutFile>(&text).map_err(|e| toml_error(file, &e))?;
    let table = text
        .parse::<toml::Table>()
        .map_err(|e| toml_error(file, &e))?;
    Ok(Layer {
        file,
        dir: PathBuf::from("."),
        table,
    })
}

/// Merge `over` into `base`: tables merge key by key, anything else is replaced.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

type At<'a> = dyn Fn(&str) -> Option<Origin> + 'a;

fn resolve(
    name: &str,
    spec: &LayoutFile,
    fonts: &mut FontSet,
    at: &At,
    dir_of: &dyn Fn(&str) -> Option<PathBuf>,
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
                    Diagnostic::error(format!("unknown page size `{n}`"), at("page.size"))
                        .with_help(
                            "use `a4`, `letter`, `a5`, `legal` or `[width, height]` in millimetres",
                        ),
                );
                (210.0 * MM, 297.0 * MM)
            }
        },
        PageSize::Custom([w, h]) => {
            if !(50.0..=2000.0).contains(w) || !(50.0..=2000.0).contains(h) {
                errors.push(Diagnostic::error(
                    format!("a page of {w} × {h} mm is not a page"),
                    at("page.size"),
                ));
            }
            (w * MM, h * MM)
        }
    };
    let body = family(
        fonts,
        "fonts.body",
        &spec.fonts.body,
        at,
        dir_of,
        &mut errors,
    );
    let headings = family(
        fonts,
        "fonts.headings",
        &spec.fonts.headings,
        at,
        dir_of,
        &mut errors,
    );
    let mut color = |key: &str, v: &str| {
        Color::parse(v).unwrap_or_else(|| {
            errors.push(
                Diagnostic::error(format!("`{v}` is not a colour"), at(key))
                    .with_help("write colours as `#rrggbb`"),
            );
            Color::BLACK
        })
    };
    let text = color("colors.text", &spec.colors.text);
    let accent = color("colors.accent", &spec.colors.accent);
    let muted = color("colors.muted", &spec.colors.muted);
    let links = color("colors.links", &spec.colors.links);
    let date_align = choose(
        &mut errors,
        at,
        "dates.align",
        &spec.dates.align,
        &[("left", Align::Left), ("right", Align::Right)],
    );
    let date_side = choose(
        &mut errors,
        at,
        "dates.side",
        &spec.dates.side,
        &[("left", Side::Left), ("right", Side::Right)],
    );
    let location_under_date = choose(
        &mut errors,
        at,
        "dates.location",
        &spec.dates.location,
        &[("title", false), ("date", true)],
    );
    let format = choose(
        &mut errors,
        at,
        "dates.format",
        &spec.dates.format,
        &DateFormat::ALL,
    );
    let body_align = choose(
        &mut errors,
        at,
        "text.align",
        &spec.text.align,
        &[("justify", Align::Justify), ("left", Align::Left)],
    );
    let header_center = choose(
        &mut errors,
        at,
        "header.align",
        &spec.header.align,
        &[("left", false), ("center", true)],
    );
    let header_details_inline = choose(
        &mut errors,
        at,
        "header.details",
        &spec.header.details,
        &[("lines", false), ("inline", true)],
    );
    let lang = choose(
        &mut errors,
        at,
        "dates.language",
        &spec.dates.language,
        &Lang::ALL,
    );
    let hyphenation = crate::hyphenate::language(&spec.text.language);
    if hyphenation.is_none() {
        let codes: Vec<&str> = crate::hyphenate::LANGUAGES
            .iter()
            .map(|(c, _)| *c)
            .collect();
        errors.push(
            Diagnostic::error(
                format!("no hyphenation patterns for `{}`", spec.text.language),
                at("text.language"),
            )
            .with_help(format!("use one of {}", codes.join(", "))),
        );
    }
    for (key, v) in [
        ("sizes.name", spec.sizes.name),
        ("sizes.headline", spec.sizes.headline),
        ("sizes.contact", spec.sizes.contact),
        ("sizes.section", spec.sizes.section),
        ("sizes.body", spec.sizes.body),
        ("sizes.date", spec.sizes.date),
        ("sizes.footer", spec.sizes.footer),
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
            at("spacing.leading"),
        ));
    }
    let fit = spec.fit;
    for (key, value, range) in [
        ("fit.min_body", fit.min_body, 4.0..=spec.sizes.body),
        (
            "fit.min_leading",
            fit.min_leading,
            0.9..=spec.spacing.leading,
        ),
        ("fit.min_spacing", fit.min_spacing, 0.0..=1.0),
        ("fit.min_margins", fit.min_margins, 0.1..=1.0),
    ] {
        if let Some(v) = value.filter(|v| !range.contains(v)) {
            errors.push(Diagnostic::error(
                format!("{v} is outside {:.2}..={:.2}: `--fit` only shrinks, from the layout's own value", range.start(), range.end()),
                at(key),
            ));
        }
    }
    if spec.max_pages == Some(0) {
        errors.push(Diagnostic::error(
            "a page budget of 0 pages cannot be met",
            at("max_pages"),
        ));
    }
    let m = spec.page.margins;
    let measure = page_width - (m.left + m.right) * MM;
    let date_width = spec.dates.width * MM;
    let date_gap = spec.dates.gap * MM;
    if measure - date_width - date_gap < 40.0 * MM {
        errors.push(Diagnostic::error(
            "the margins and the date column leave less than 40 mm for the text",
            at("dates.width").or(at("page.margins")),
        ));
    }
    let sections = spec.sections.as_ref().map(|list| {
        list.iter()
            .enumerate()
            .map(|(i, choice)| {
                let origin = at(&format!("sections.{i}"));
                match choice {
                    SectionChoice::Id(id) => SectionPick {
                        id: id.clone(),
                        title: None,
                        rules: spec.select.clone(),
                        origin,
                    },
                    SectionChoice::Table(t) => {
                        let g = &spec.select;
                        let title = t.title.as_ref().map(|value| {
                            let o = at(&format!("sections.{i}.title"));
                            Text {
                                value: value.clone(),
                                offset: o.map_or(0, |o| o.offset as usize),
                                file: o.map(|o| o.file),
                            }
                        });
                        SectionPick {
                            id: t.id.clone(),
                            title,
                            rules: Rules {
                                include_tags: t
                                    .include_tags
                                    .clone()
                                    .unwrap_or_else(|| g.include_tags.clone()),
                                exclude_tags: t
                                    .exclude_tags
                                    .clone()
                                    .unwrap_or_else(|| g.exclude_tags.clone()),
                                selected_only: t.selected_only.unwrap_or(g.selected_only),
                                max_bullets: t.max_bullets.or(g.max_bullets),
                                max_entries: t.max_entries.or(g.max_entries),
                                since: t.since.or(g.since),
                                entry_text: t.entry_text.unwrap_or(g.entry_text),
                                section_text: t.section_text.unwrap_or(g.section_text),
                            },
                            origin,
                        }
                    }
                }
            })
            .collect()
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Layout {
        name: name.to_string(),
        max_pages: spec.max_pages,
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
        date_side,
        date_align,
        dates: DateStyle {
            format,
            lang,
            present: spec.dates.present.clone(),
        },
        location_under_date,
        allow_future: spec.dates.allow_future,
        align: body_align,
        hyphenation: hyphenation.filter(|_| spec.text.hyphenate),
        bullet: spec.bullets.symbol.clone(),
        bullet_indent: spec.bullets.indent * MM,
        header_center,
        header_details_inline,
        symbols: spec.header.symbols.clone(),
        photo_height: spec.header.photo_height * MM,
        break_before: spec.pagination.break_before.clone(),
        keep_together: spec.pagination.keep_together.clone(),
        fit,
        rules: spec.select.clone(),
        sections,
    })
}

/// One of a fixed set of words, or an error that lists them.
fn choose<T: Copy>(
    errors: &mut Vec<Diagnostic>,
    at: &At,
    key: &str,
    value: &str,
    allowed: &[(&str, T)],
) -> T {
    let v = value.to_ascii_lowercase();
    let base = v.split(['-', '_']).next().unwrap_or(&v).to_string();
    allowed
        .iter()
        .find(|(n, _)| *n == v || *n == base)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| {
            let names: Vec<String> = allowed.iter().map(|(n, _)| format!("`{n}`")).collect();
            let last = key.rsplit('.').next().unwrap_or(key);
            errors.push(
                Diagnostic::error(format!("`{value}` is not a valid `{last}`"), at(key))
                    .with_help(format!("use {}", names.join(", "))),
            );
            allowed[0].1
        })
}

/// A family by name among the fonts, or loaded from files the layout names.
fn family(
    fonts: &mut FontSet,
    key: &str,
    choice: &FontChoice,
    at: &At,
    dir_of: &dyn Fn(&str) -> Option<PathBuf>,
    errors: &mut Vec<Diagnostic>,
) -> Family {
    let fallback = |fonts: &FontSet| {
        fonts
            .family(crate::fonts::FAMILY_NAMES[0])
            .unwrap_or(Family {
                regular: crate::fonts::FaceId(0),
                italic: crate::fonts::FaceId(0),
                bold: crate::fonts::FaceId(0),
                bold_italic: crate::fonts::FaceId(0),
            })
    };
    match choice {
        FontChoice::Family(n) => fonts.family(n).unwrap_or_else(|| {
            let names: Vec<&str> = fonts.family_names().collect();
            errors.push(
                Diagnostic::error(format!("unknown font family `{n}`"), at(key)).with_help(format!(
                    "the bundled families are {}; or give font files: {{ regular = \"MyFont-Regular.ttf\", bold = \"MyFont-Bold.ttf\" }}",
                    names.join(", ")
                )),
            );
            fallback(fonts)
        }),
        FontChoice::Files(files) => {
            let dir = dir_of(key).unwrap_or_else(|| PathBuf::from("."));
            let path = |p: &Option<String>| p.as_ref().map(|p| dir.join(p));
            let paths = [Some(dir.join(&files.regular)), path(&files.italic), path(&files.bold), path(&files.bold_italic)];
            fonts.load_family(&paths).unwrap_or_else(|e| {
                errors.push(Diagnostic::error(e, at(key)));
                fallback(fonts)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str, sets: &[&str]) -> Result<Layout, Vec<Diagnostic>> {
        let mut sources = Sources::default();
        let mut fonts = FontSet::bundled();
        let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
        load(
            &mut sources,
            &LayoutSource::File {
                name: "my.toml".into(),
                text: text.into(),
                dir: PathBuf::from("."),
            },
            &sets,
            &mut fonts,
        )
    }

    #[test]
    fn builtin_layouts_parse() {
        for (name, _) in BUILTIN {
            let mut sources = Sources::default();
            let mut fonts = FontSet::bundled();
            let layout = load(
                &mut sources,
                &LayoutSource::Builtin(name.into()),
                &[],
                &mut fonts,
            )
            .unwrap();
            assert!(layout.page_width > 500.0, "{name}");
        }
    }

    #[test]
    fn layout_errors_point_at_the_key_in_its_file() {
        let err = load_str("[fonts]\nbody = \"Comic Sans\"\n", &[]).unwrap_err();
        assert_eq!(err[0].message, "unknown font family `Comic Sans`");
        assert_eq!(err[0].origin.map(|o| o.offset), Some(15));
        let err = load_str("[page]\nsise = \"a4\"\n", &[]).unwrap_err();
        assert_eq!(err[0].message, "unknown key `sise`");
        assert_eq!(err[0].help.as_deref(), Some("did you mean `size`?"));
    }

    #[test]
    fn extends_changes_only_the_keys_it_names() {
        let base = load_str("extends = \"onepage\"\n", &[]).unwrap();
        let changed = load_str(
            "extends = \"onepage\"\n[colors]\naccent = \"#aa0000\"\n",
            &[],
        )
        .unwrap();
        assert_eq!(changed.accent, Color::parse("#aa0000").unwrap());
        assert_eq!(changed.max_pages, base.max_pages);
        assert_eq!(changed.sizes.body, base.sizes.body);
        assert_eq!(changed.body, base.body);
        let err = load_str("extends = \"onepag\"\n", &[]).unwrap_err();
        assert_eq!(err[0].message, "there is no built-in layout `onepag`");
        assert_eq!(err[0].help.as_deref(), Some("did you mean `onepage`?"));
    }

    #[test]
    fn set_overrides_one_key_with_the_same_checks() {
        let l = load_str(
            "",
            &["page.size=letter", "sizes.body=9.5", "text.hyphenate=false"],
        )
        .unwrap();
        assert_eq!((l.page_width, l.page_height), (612.0, 792.0));
        assert_eq!(l.sizes.body, 9.5);
        assert_eq!(l.hyphenation, None);
        let err = load_str("", &["page.size=lettr"]).unwrap_err();
        assert_eq!(err[0].message, "unknown page size `lettr`");
        let err = load_str("", &["sizes.bdy=9"]).unwrap_err();
        assert_eq!(err[0].message, "unknown key `bdy`");
        assert_eq!(err[0].help.as_deref(), Some("did you mean `body`?"));
        let err = load_str("", &["nonsense"]).unwrap_err();
        assert_eq!(err[0].message, "--set needs `key=value`, not `nonsense`");
    }

    #[test]
    fn sections_name_ids_titles_and_rules() {
        let l = load_str(
            "[select]\nmax_bullets = 2\n[[sections]]\nid = \"work\"\ntitle = \"Experience\"\nmax_bullets = 4\n",
            &[],
        )
        .unwrap();
        let picks = l.sections.unwrap();
        assert_eq!(picks[0].id, "work");
        assert_eq!(picks[0].title.as_ref().unwrap().value, "Experience");
        assert_eq!(picks[0].rules.max_bullets, Some(4));
        assert_eq!(l.rules.max_bullets, Some(2));
    }
}
