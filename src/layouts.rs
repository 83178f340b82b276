//! Layout files: how a CV looks and what of it is shown.
//!
//! A layout is a TOML file; the built-in ones live in `layouts/` and are compiled into
//! the binary. `cv.toml` says what is in the CV; the layout says how it is set (page,
//! fonts, sizes, spacing, colours, the date column, bullets, the header) and which
//! parts it shows (sections, their order and titles, selection rules, a page budget).
//! Every key is documented in `docs/layouts.md`, with its range.
//!
//! A layout is read in *layers*: the layouts it `extends` (a built-in name or a path),
//! then the file itself, then each `--set key=value` from the command line. The
//! layers' trees are merged (later keys win, tables merge key by key), each value
//! keeping the place it was written, and the result is read once by
//! [`read_layout`]: one function per table, one line per key, each with its type, its
//! range and its default. So every problem is reported at once, in the layer that
//! wrote it, and a key exists exactly when some code reads it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::dates::{DateFormat, DateStyle, Lang};
use crate::diag::{nearest, Code, Diagnostic, FileId, Origin, SourceResult, Sources};
use crate::files;
use crate::fonts::{Family, FontSet};
use crate::linebreak::Align;
use crate::markup;
use crate::reader::{self, Fields, Node, Num, Reader, Table, Text, Unit, Value};
use crate::schema::ContactKind;
use crate::text::Color;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// The built-in layouts: name, file text.
pub const BUILTIN: [(&str, &str); 2] = [
    ("full", include_str!("../layouts/full.toml")),
    ("onepage", include_str!("../layouts/onepage.toml")),
];

/// Whether `name` is a built-in layout.
pub fn is_builtin(name: &str) -> bool {
    BUILTIN.iter().any(|(n, _)| *n == name)
}

/// The description line of a built-in layout.
pub fn description(text: &str) -> String {
    let Ok(Node {
        value: Value::Table(t),
        ..
    }) = reader::parse(FileId(0), text)
    else {
        return String::new();
    };
    match t.get("description").map(|n| &n.value) {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// Where a layout comes from.
#[derive(Debug, Clone)]
pub enum LayoutSource {
    /// A built-in layout, by name.
    Builtin(String),
    /// A layout file (its directory is where the paths it names are found).
    File(PathBuf),
    /// A layout given as text, named `name` in messages (paths it names are found
    /// from the current directory): for programs that hold a layout in memory.
    Text { name: String, text: String },
}

impl LayoutSource {
    /// The layout's name in messages: the built-in's, or the file's stem.
    pub fn name(&self) -> String {
        match self {
            LayoutSource::Builtin(n) => n.clone(),
            LayoutSource::File(path) => path
                .file_stem()
                .map_or("custom".into(), |s| s.to_string_lossy().to_string()),
            LayoutSource::Text { name, .. } => name.clone(),
        }
    }
}

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

/// The limits of `--fit`. The layout's own values are the generous end of each range;
/// these are the other end. Unset: that value does not shrink.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
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

/// A set of tags, shared: every section a layout picks starts from the rules of
/// `[select]`, and a copy each would cost sections × tags.
pub type Tags = Arc<BTreeSet<String>>;

/// Selection rules: which entries, bullets and paragraphs a layout shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Show only entries (and bullets, where an entry tags its bullets) with one of
    /// these tags. Empty: no tag is needed.
    pub include_tags: Tags,
    /// Never show entries or bullets with one of these tags.
    pub exclude_tags: Tags,
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

impl Default for Rules {
    fn default() -> Self {
        Rules {
            include_tags: Tags::default(),
            exclude_tags: Tags::default(),
            selected_only: false,
            max_bullets: None,
            max_entries: None,
            since: None,
            entry_text: true,
            section_text: true,
        }
    }
}

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
    /// Where the layout sets the bullet symbol (`None`: the default).
    pub bullet_at: Option<Origin>,
    /// Where the layout sets the word for "present" (`None`: the language's).
    pub present_at: Option<Origin>,
    pub bullet_indent: f32,
    pub header_center: bool,
    /// Header details in one paragraph instead of one line each.
    pub header_details_inline: bool,
    /// Symbols before contact items, by kind, with where the layout sets them.
    pub symbols: BTreeMap<String, Text>,
    pub photo_height: f32,
    /// Section and entry names (ids, or a section's title) with where the layout
    /// writes them.
    pub break_before: Vec<Text>,
    pub keep_together: Vec<Text>,
    /// The limits of `--fit` (each `None`: that value does not shrink).
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

    pub fn symbol(&self, kind: ContactKind) -> Option<&Text> {
        self.symbols.get(kind.key())
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

/// How deep layouts may extend each other.
const MAX_EXTENDS: usize = 32;

/// Read a layout with everything it extends and the `--set` overrides, and resolve
/// it. Font files a layout names are loaded into `fonts`; every file read is noted in
/// `sources`.
pub fn load(
    sources: &mut Sources,
    source: &LayoutSource,
    sets: &[String],
    fonts: &mut FontSet,
) -> SourceResult<Layout> {
    let mut layers = Vec::new();
    let mut errors = Vec::new();
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
            Err(d) => errors.extend(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let dirs: Vec<(FileId, PathBuf)> = layers.iter().map(|l| (l.file, l.dir.clone())).collect();
    let merged = Table::merged(layers.into_iter().map(|l| l.table));
    let root = Node {
        value: Value::Table(merged),
        at: Origin::new(dirs.last().map_or(FileId(0), |d| d.0), 0),
    };
    let r = Reader::new();
    let mut context = Context {
        fonts,
        sources,
        dirs: &dirs,
    };
    let layout = read_layout(&r, &root, &source.name(), &mut context);
    r.result(layout)
}

/// One source of layout keys: its file, its directory, its tree.
struct Layer {
    file: FileId,
    dir: PathBuf,
    table: Table,
}

/// Read `source` and, first, what it extends; push the layers base first. `chain`
/// holds the layouts that extend this one, to find cycles.
fn read_layers(
    sources: &mut Sources,
    source: &LayoutSource,
    from: Option<Origin>,
    chain: &mut Vec<String>,
    layers: &mut Vec<Layer>,
    errors: &mut Vec<Diagnostic>,
) {
    let Some((name, key, text, dir)) = layer_text(sources, source, from, errors) else {
        return;
    };
    if chain.contains(&key) {
        errors.push(Diagnostic::error(
            Code::Invalid,
            format!(
                "layout `{name}` extends itself (through {})",
                chain.join(" → ")
            ),
            from,
        ));
        return;
    }
    if chain.len() >= MAX_EXTENDS {
        errors.push(Diagnostic::error(
            Code::Invalid,
            format!("layouts extend each other more than {MAX_EXTENDS} deep here"),
            from,
        ));
        return;
    }
    chain.push(key);
    let file = sources.add(name, text);
    let mut table = match reader::parse(file, &sources.get(file).text) {
        Ok(Node {
            value: Value::Table(t),
            ..
        }) => t,
        Ok(_) => Table::default(),
        Err(e) => {
            errors.extend(e);
            return;
        }
    };
    if let Some(base) = table.remove("extends") {
        let r = Reader::new();
        if let Some(base_name) = r.text("extends", &base) {
            let looks_like_path =
                base_name.value.contains(['/', '\\']) || base_name.value.ends_with(".toml");
            let base_source = if looks_like_path {
                LayoutSource::File(dir.join(&base_name.value))
            } else {
                LayoutSource::Builtin(base_name.value.clone())
            };
            read_layers(sources, &base_source, Some(base.at), chain, layers, errors);
        }
        errors.extend(r.into_problems());
    }
    layers.push(Layer { file, dir, table });
}

/// The text of a layout: its name for messages, the key that identifies it in a
/// chain of `extends`, the text and its directory.
fn layer_text(
    sources: &mut Sources,
    source: &LayoutSource,
    from: Option<Origin>,
    errors: &mut Vec<Diagnostic>,
) -> Option<(String, String, String, PathBuf)> {
    match source {
        LayoutSource::Builtin(n) => match BUILTIN.iter().find(|(b, _)| b == n) {
            Some((_, t)) => Some((
                format!("<built-in>/{n}.toml"),
                format!("<built-in>/{n}"),
                t.to_string(),
                PathBuf::from("."),
            )),
            None => {
                errors.push(unknown_builtin(n, from, true));
                None
            }
        },
        LayoutSource::File(path) => {
            let name = path.display().to_string();
            let bytes = match files::read(path, files::LAYOUT) {
                Ok(b) => b,
                Err(reason) => {
                    errors.push(Diagnostic::error(
                        Code::Io,
                        format!("cannot read layout `{name}`: {reason}"),
                        from,
                    ));
                    return None;
                }
            };
            sources.note_input(path);
            let text = match files::decode(bytes) {
                Ok(t) => t,
                Err(bad) => {
                    let file = sources.add(name, bad.lossy.clone());
                    errors.push(bad.diagnostic(file));
                    return None;
                }
            };
            let key = std::fs::canonicalize(path)
                .map_or_else(|_| name.clone(), |p| p.display().to_string());
            let dir = path
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            Some((name, key, text, dir))
        }
        LayoutSource::Text { name, text } => Some((
            name.clone(),
            format!("<text>/{name}"),
            text.clone(),
            PathBuf::from("."),
        )),
    }
}

/// The error for a built-in layout name that does not exist; `paths` when a path
/// to a layout file would do too.
pub fn unknown_builtin(name: &str, from: Option<Origin>, paths: bool) -> Diagnostic {
    let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    let d = Diagnostic::error(
        Code::UnknownName,
        format!("there is no built-in layout `{}`", crate::diag::clip(name)),
        from,
    );
    match nearest(name, names.iter().copied()) {
        Some(near) => d.with_help(format!("did you mean `{near}`?")),
        None => d.with_help(format!(
            "the built-in layouts are {}{}",
            names.join(", "),
            if paths {
                "; or give a path to a layout file"
            } else {
                ""
            }
        )),
    }
}

/// How `--set` is written.
pub const SET_HELP: &str =
    "write `--set key=value`, with a dotted key such as `page.size` or `sizes.body`";

/// The key and the value of a `--set key=value`, or why it is not one.
pub fn set_parts(set: &str) -> Result<(&str, &str), String> {
    let Some((key, value)) = set.split_once('=') else {
        return Err(format!(
            "--set needs `key=value`, not `{}`",
            crate::diag::clip(set)
        ));
    };
    let key = key.trim();
    let valid_key = !key.is_empty()
        && key.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
    if !valid_key {
        return Err(format!(
            "--set: `{}` is not a layout key",
            crate::diag::clip(key)
        ));
    }
    if key == "extends" {
        return Err("--set: `extends` belongs in a layout file".into());
    }
    let value = value.trim();
    if value.contains(['\n', '\r']) {
        return Err(format!(
            "--set: the value of `{}` runs over more than one line",
            crate::diag::clip(key)
        ));
    }
    Ok((key, value))
}

/// A `--set key=value` as a layer of its own, named `--set` in messages. The value is
/// TOML (`12`, `true`, `["a", "b"]`), or else a string (`letter`).
fn set_layer(sources: &mut Sources, set: &str) -> SourceResult<Layer> {
    let (key, value) = set_parts(set).map_err(|message| {
        vec![Diagnostic::error(Code::Invalid, message, None).with_help(SET_HELP)]
    })?;
    // TOML when it parses as TOML (a number too large is then reported as one).
    let is_toml = toml::de::DeTable::parse(&format!("v = {value}")).is_ok();
    let literal = if is_toml {
        value.to_string()
    } else {
        toml::Value::String(value.to_string()).to_string()
    };
    let text = format!("{key} = {literal}\n");
    let file = sources.add("--set", text);
    match reader::parse(file, &sources.get(file).text)? {
        Node {
            value: Value::Table(table),
            ..
        } => Ok(Layer {
            file,
            dir: PathBuf::from("."),
            table,
        }),
        _ => Ok(Layer {
            file,
            dir: PathBuf::from("."),
            table: Table::default(),
        }),
    }
}

/// What reading a layout needs besides its tree: the fonts to load files into, the
/// sources to note them in, and the directory of each layer (font paths are relative
/// to the layout file that names them).
struct Context<'a> {
    fonts: &'a mut FontSet,
    sources: &'a mut Sources,
    dirs: &'a [(FileId, PathBuf)],
}

impl Context<'_> {
    fn dir(&self, file: FileId) -> PathBuf {
        self.dirs
            .iter()
            .find(|(f, _)| *f == file)
            .map_or_else(|| PathBuf::from("."), |(_, d)| d.clone())
    }
}

/// Type sizes, points.
const SIZE: Num = Num::new(4.0, 72.0, Unit::Pt);
/// Space between blocks, points.
const SPACE: Num = Num::new(0.0, 144.0, Unit::Pt);
/// Margins, millimetres.
const MARGIN: Num = Num::new(0.0, 200.0, Unit::Mm);
/// Leading, a multiple of the type size.
const LEADING: Num = Num::new(0.9, 3.0, Unit::Times);
/// The narrowest text column a layout may leave, mm: about four words of body text.
const MIN_COLUMN: f32 = 40.0;
/// The shortest text frame a layout may leave, mm: a handful of lines.
const MIN_FRAME_HEIGHT: f32 = 40.0;

/// The layout in `root`: every key read, checked and resolved.
fn read_layout(r: &Reader, root: &Node, name: &str, cx: &mut Context) -> Option<Layout> {
    let mut f = Fields::of(r, "layout", root, "")?;
    f.text("description");
    let max_pages = f.integer("max_pages", 1, 1000).map(|v| v as u32);
    let (page_width, page_height, margins) = page(&mut f);
    let (body, headings) = match f.table("fonts", "{ body = \"Source Serif 4\" }") {
        Some(mut t) => {
            let body = family(&mut t, "body", cx);
            let headings = family(&mut t, "headings", cx);
            t.done();
            (body, headings)
        }
        None => {
            let serif = default_family(cx.fonts);
            (serif, serif)
        }
    };
    let sizes = sizes(&mut f);
    let spacing = spacing(&mut f);
    let [text, accent, muted, links] = colors(&mut f);
    let d = dates(&mut f);
    let (align, hyphenation) = text_spec(&mut f);
    let (bullet, bullet_indent) = bullets(&mut f);
    let bullet_at = bullet.as_ref().map(|b| b.at);
    let header = header(&mut f);
    let (break_before, keep_together) = pagination(&mut f);
    let fit = fit(&mut f, &sizes, &spacing);
    let rules = match f.table("select", "{ include_tags = [\"resume\"] }") {
        Some(mut t) => {
            let rules = read_rules(&mut t, &Rules::default());
            t.done();
            rules
        }
        None => Rules::default(),
    };
    let sections = sections(&mut f, &rules);
    let layout = Layout {
        name: name.to_string(),
        max_pages,
        page_width,
        page_height,
        margin_top: margins[0] * MM,
        margin_bottom: margins[1] * MM,
        margin_left: margins[2] * MM,
        margin_right: margins[3] * MM,
        body,
        headings,
        sizes,
        spacing,
        text,
        accent,
        muted,
        links,
        date_width: d.width * MM,
        date_gap: d.gap * MM,
        date_side: d.side,
        date_align: d.align,
        dates: d.style,
        location_under_date: d.location_under_date,
        allow_future: d.allow_future,
        align,
        hyphenation,
        bullet: bullet.map_or_else(|| "•".to_string(), |b| b.value),
        bullet_at,
        present_at: d.present_at,
        bullet_indent: bullet_indent * MM,
        header_center: header.center,
        header_details_inline: header.details_inline,
        symbols: header.symbols,
        photo_height: header.photo_height * MM,
        break_before,
        keep_together,
        fit,
        rules,
        sections,
    };
    let origins = KeyOrigins::from(&f);
    f.done();
    check_frame(r, &layout, &origins);
    Some(layout)
}

/// Page size and margins (top, bottom, left, right; mm).
fn page(f: &mut Fields) -> (f32, f32, [f32; 4]) {
    let r = f.r;
    let Some(mut t) = f.table("page", "{ size = \"a4\" }") else {
        return (PAGE_SIZES[0].1 .0, PAGE_SIZES[0].1 .1, [20.0; 4]);
    };
    let (w, h) = t
        .get("size")
        .and_then(|n| page_size(r, n))
        .unwrap_or(PAGE_SIZES[0].1);
    let margins = match t.table(
        "margins",
        "{ top = 20, bottom = 20, left = 20, right = 20 }",
    ) {
        Some(mut m) => {
            let v = ["top", "bottom", "left", "right"].map(|k| m.number(k, MARGIN, 20.0));
            m.done();
            v
        }
        None => [20.0; 4],
    };
    t.done();
    (w, h, margins)
}

/// The page sizes a layout may name, in points.
const PAGE_SIZES: [(&str, (f32, f32)); 4] = [
    ("a4", (210.0 * MM, 297.0 * MM)),
    ("letter", (8.5 * 72.0, 11.0 * 72.0)),
    ("a5", (148.0 * MM, 210.0 * MM)),
    ("legal", (8.5 * 72.0, 14.0 * 72.0)),
];

/// A named page size or `[width, height]` in millimetres; in points.
fn page_size(r: &Reader, node: &Node) -> Option<(f32, f32)> {
    let expected = "`a4`, `letter`, `a5`, `legal` or `[width, height]` in mm";
    match &node.value {
        Value::String(_) => r.choice("size", node, &PAGE_SIZES),
        Value::Array(items) if items.len() == 2 => {
            let side = Num::new(50.0, 2000.0, Unit::Mm);
            let w = r.number("size", &items[0], side, 210.0);
            let h = r.number("size", &items[1], side, 297.0);
            Some((w? * MM, h? * MM))
        }
        other => {
            r.report(Diagnostic::error(
                Code::WrongType,
                format!("`size` must be {expected}, like `size = \"a4\"` or `size = [210, 297]`, not {}", match other {
                    Value::Array(items) if items.len() == 1 => "a list of one value".to_string(),
                    Value::Array(items) => format!("a list of {} values", items.len()),
                    v => v.describe().to_string(),
                }),
                Some(node.at),
            ));
            None
        }
    }
}

fn default_family(fonts: &FontSet) -> Family {
    fonts
        .family(crate::fonts::FAMILY_NAMES[0])
        .unwrap_or(Family {
            regular: crate::fonts::FaceId(0),
            italic: crate::fonts::FaceId(0),
            bold: crate::fonts::FaceId(0),
            bold_italic: crate::fonts::FaceId(0),
        })
}

/// A bundled family by name, or font files by path (relative to the layout file that
/// names them).
fn family(t: &mut Fields, key: &'static str, cx: &mut Context) -> Family {
    let r = t.r;
    let fallback = default_family(cx.fonts);
    let Some(node) = t.get(key) else {
        return fallback;
    };
    match &node.value {
        Value::String(n) => cx.fonts.family(n).unwrap_or_else(|| {
            let names: Vec<&str> = cx.fonts.family_names().collect();
            r.report(
                Diagnostic::error(Code::UnknownName, format!("unknown font family `{}`", crate::diag::clip(n)), Some(node.at))
                    .with_help(format!(
                        "the bundled families are {}; or give font files: {{ regular = \"MyFont-Regular.ttf\", bold = \"MyFont-Bold.ttf\" }}",
                        names.join(", ")
                    )),
            );
            fallback
        }),
        Value::Table(_) => {
            let Some(mut files) = Fields::of(r, key, node, "") else {
                return fallback;
            };
            let dir = cx.dir(node.at.file);
            let mut path = |k: &'static str| files.text(k).map(|t| (dir.join(&t.value), t.at));
            let regular = path("regular");
            let paths = [regular.clone(), path("italic"), path("bold"), path("bold_italic")];
            let at = files.at();
            files.done();
            if regular.is_none() {
                r.report(Diagnostic::error(
                    Code::MissingKey,
                    "missing key `regular`: a family given as files needs its regular face",
                    Some(at),
                ));
                return fallback;
            }
            match cx.fonts.load_family(&paths, cx.sources) {
                Ok(family) => family,
                Err(problems) => {
                    problems.into_iter().for_each(|d| r.report(d));
                    fallback
                }
            }
        }
        other => {
            r.wrong_type(key, node.at, "a family name or a table of font files", "\"Source Sans 3\"", other);
            fallback
        }
    }
}

fn sizes(f: &mut Fields) -> Sizes {
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

fn spacing(f: &mut Fields) -> Spacing {
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
    let colors = defaults.map(|(key, default)| {
        let Some(text) = t.text(key) else {
            return parse(default);
        };
        Color::parse(&text.value).unwrap_or_else(|| {
            t.r.report(
                Diagnostic::error(
                    Code::Invalid,
                    format!("`{}` is not a colour", crate::diag::clip(&text.value)),
                    Some(text.at),
                )
                .with_help("write colours as `#rrggbb`, like `\"#1d4f7c\"`"),
            );
            parse(default)
        })
    });
    t.done();
    colors
}

/// The date column and how dates are written.
struct DatesSpec {
    present_at: Option<Origin>,
    width: f32,
    gap: f32,
    side: Side,
    align: Align,
    style: DateStyle,
    location_under_date: bool,
    allow_future: bool,
}

fn dates(f: &mut Fields) -> DatesSpec {
    let mut spec = DatesSpec {
        present_at: None,
        width: 29.0,
        gap: 4.0,
        side: Side::Left,
        align: Align::Left,
        style: DateStyle::default(),
        location_under_date: false,
        allow_future: true,
    };
    let Some(mut t) = f.table("dates", "{ width = 29 }") else {
        return spec;
    };
    spec.width = t.number("width", Num::new(5.0, 120.0, Unit::Mm), spec.width);
    spec.gap = t.number("gap", Num::new(0.0, 50.0, Unit::Mm), spec.gap);
    spec.side = t.choice(
        "side",
        &[("left", Side::Left), ("right", Side::Right)],
        spec.side,
    );
    spec.align = t.choice(
        "align",
        &[("left", Align::Left), ("right", Align::Right)],
        spec.align,
    );
    spec.style.lang = language(&mut t, "language", &Lang::ALL, &[]).unwrap_or(Lang::En);
    spec.style.format = t.choice("format", &DateFormat::ALL, DateFormat::Short);
    spec.style.present = short_text(&mut t, "present", "the word for an open end").map(|p| {
        check_markup_links(t.r, &p);
        not_blank(t.r, "present", &p, "the word for an open end");
        spec.present_at = Some(p.at);
        p.value
    });
    spec.location_under_date = t.choice("location", &[("title", false), ("date", true)], false);
    spec.allow_future = t.boolean("allow_future").unwrap_or(true);
    t.done();
    spec
}

/// A language code among `allowed` (`en`, `en-gb`), written in any case, with `_` or
/// `-`, and perhaps with a region the list does not name (`pt-BR`, `fr_CA`): then
/// the language without it. `aliases` are more names, not listed in errors.
fn language<T: Copy>(
    t: &mut Fields,
    key: &'static str,
    allowed: &[(&str, T)],
    aliases: &[(&str, T)],
) -> Option<T> {
    let r = t.r;
    let node = t.get(key)?;
    let Value::String(written) = &node.value else {
        return r.choice(key, node, allowed);
    };
    let code = written.trim().to_ascii_lowercase().replace('_', "-");
    let find = |c: &str| {
        allowed
            .iter()
            .chain(aliases)
            .find(|(n, _)| *n == c)
            .map(|(_, v)| *v)
    };
    if let Some(v) = find(&code) {
        return Some(v);
    }
    let region_ok =
        |x: &str| (2..=3).contains(&x.len()) && x.chars().all(|c| c.is_ascii_alphanumeric());
    match code.split_once('-') {
        Some((base, region)) if region_ok(region) => {
            find(base).or_else(|| r.choice(key, node, allowed))
        }
        _ => r.choice(key, node, allowed),
    }
}

/// Alignment of running text and the hyphenation language (`None`: off).
fn text_spec(f: &mut Fields) -> (Align, Option<hyphenation::Language>) {
    let default = Some(hyphenation::Language::EnglishUS);
    let Some(mut t) = f.table("text", "{ align = \"justify\" }") else {
        return (Align::Justify, default);
    };
    let align = t.choice(
        "align",
        &[("justify", Align::Justify), ("left", Align::Left)],
        Align::Justify,
    );
    let hyphenate = t.boolean("hyphenate").unwrap_or(true);
    let lang = match t.table_ref().get("language") {
        Some(_) => language(
            &mut t,
            "language",
            &crate::hyphenate::LANGUAGES,
            &[("en", hyphenation::Language::EnglishUS)],
        ),
        None => {
            t.get("language");
            default
        }
    };
    t.done();
    (align, lang.filter(|_| hyphenate))
}

/// The bullet symbol (`None`: the default) and its hanging indent (mm).
fn bullets(f: &mut Fields) -> (Option<Text>, f32) {
    let Some(mut t) = f.table("bullets", "{ symbol = \"•\" }") else {
        return (None, 3.5);
    };
    let symbol = short_text(&mut t, "symbol", "a bullet's symbol");
    let indent = t.number("indent", Num::new(0.0, 50.0, Unit::Mm), 3.5);
    t.done();
    (symbol, indent)
}

struct HeaderSpec {
    center: bool,
    details_inline: bool,
    symbols: BTreeMap<String, Text>,
    photo_height: f32,
}

fn header(f: &mut Fields) -> HeaderSpec {
    let mut spec = HeaderSpec {
        center: false,
        details_inline: false,
        symbols: BTreeMap::new(),
        photo_height: 28.0,
    };
    let Some(mut t) = f.table("header", "{ align = \"left\" }") else {
        return spec;
    };
    spec.center = t.choice("align", &[("left", false), ("center", true)], false);
    spec.photo_height = t.number("photo_height", Num::new(5.0, 100.0, Unit::Mm), 28.0);
    spec.details_inline = t.choice("details", &[("lines", false), ("inline", true)], false);
    if let Some(mut s) = t.table("symbols", "{ email = \"✉\" }") {
        for kind in ContactKind::ALL {
            if let Some(symbol) = short_text(&mut s, kind.key(), "a contact item's symbol") {
                spec.symbols.insert(kind.key().to_string(), symbol);
            }
        }
        s.done();
    }
    t.done();
    spec
}

/// Sections and entries that start a page, and that are kept whole.
fn pagination(f: &mut Fields) -> (Vec<Text>, Vec<Text>) {
    let Some(mut t) = f.table("pagination", "{ break_before = [\"…\"] }") else {
        return (Vec::new(), Vec::new());
    };
    let breaks = t.strings("break_before");
    let keeps = t.strings("keep_together");
    t.done();
    (breaks, keeps)
}

fn fit(f: &mut Fields, sizes: &Sizes, spacing: &Spacing) -> FitSpec {
    let Some(mut t) = f.table("fit", "{ min_body = 9 }") else {
        return FitSpec::default();
    };
    // `--fit` only shrinks: a minimum above the layout's own value (a base layout's
    // minimum, under a smaller size set on top of it) leaves that value as it is.
    let fit = FitSpec {
        min_body: t
            .optional_number("min_body", SIZE, 9.0)
            .map(|m| m.min(sizes.body)),
        min_leading: t
            .optional_number("min_leading", LEADING, 1.1)
            .map(|m| m.min(spacing.leading)),
        min_spacing: t.optional_number("min_spacing", Num::new(0.0, 1.0, Unit::Fraction), 0.5),
        min_margins: t.optional_number("min_margins", Num::new(0.1, 1.0, Unit::Fraction), 0.8),
    };
    t.done();
    fit
}

/// Selection rules from a table, with `base` for the keys it does not set.
fn read_rules(t: &mut Fields, base: &Rules) -> Rules {
    let count = |t: &mut Fields, key| t.integer(key, 0, 100_000).map(|v| v as usize);
    Rules {
        include_tags: t.words("include_tags").map_or_else(
            || base.include_tags.clone(),
            |w| Arc::new(w.into_iter().collect()),
        ),
        exclude_tags: t.words("exclude_tags").map_or_else(
            || base.exclude_tags.clone(),
            |w| Arc::new(w.into_iter().collect()),
        ),
        selected_only: t.boolean("selected_only").unwrap_or(base.selected_only),
        max_bullets: count(t, "max_bullets").or(base.max_bullets),
        max_entries: count(t, "max_entries").or(base.max_entries),
        since: t
            .integer("since", 1000, 9999)
            .map(|v| v as i32)
            .or(base.since),
        entry_text: t.boolean("entry_text").unwrap_or(base.entry_text),
        section_text: t.boolean("section_text").unwrap_or(base.section_text),
    }
}

/// The sections a layout shows: ids, or tables with a new title and rules.
fn sections(f: &mut Fields, rules: &Rules) -> Option<Vec<SectionPick>> {
    let r = f.r;
    let node = f.get("sections")?;
    let items = r.list(
        "sections",
        node,
        "[\"experience\", { id = \"talks\", max_entries = 5 }]",
    )?;
    let picks = items
        .iter()
        .filter_map(|item| match &item.value {
            Value::String(_) => r.text("sections", item).map(|id| SectionPick {
                id: id.value,
                title: None,
                rules: rules.clone(),
                origin: Some(item.at),
            }),
            Value::Table(_) => {
                let mut t = Fields::of(r, "sections", item, "")?;
                let id = t.require("id", "a section chosen with a table names its `id`");
                let id = id.and_then(|n| r.text("id", n));
                let title = t.text("title");
                if let Some(title) = &title {
                    check_markup_links(r, title);
                    not_blank(r, "title", title, "a section's title");
                }
                let rules = read_rules(&mut t, rules);
                t.done();
                Some(SectionPick {
                    id: id?.value,
                    title,
                    rules,
                    origin: Some(item.at),
                })
            }
            other => {
                r.report(Diagnostic::error(
                    Code::WrongType,
                    format!(
                        "each of `sections` is a section id in quotes, or a table like `{{ id = \"talks\", max_entries = 5 }}`, not {}",
                        other.describe()
                    ),
                    Some(item.at),
                ));
                None
            }
        })
        .collect();
    Some(picks)
}

/// Report `text` (the value of `key`, `what` the layout prints with it) when it would
/// print as nothing.
/// The longest symbol or word a layout repeats (before each bullet, each contact
/// item, after each open date range), in characters: each repetition is set again.
const SHORT_TEXT: usize = 32;

/// A layout text that is repeated, at most [`SHORT_TEXT`] characters.
fn short_text(t: &mut Fields, key: &'static str, what: &str) -> Option<Text> {
    let text = t.text(key)?;
    if text.value.chars().nth(SHORT_TEXT).is_some() {
        t.r.report(
            Diagnostic::error(
                Code::OutOfRange,
                format!(
                    "`{key}` is longer than {SHORT_TEXT} characters; it is {what}, repeated wherever it is used"
                ),
                Some(text.at),
            )
            .with_help("make it a symbol or a word or two"),
        );
        return None;
    }
    Some(text)
}

fn not_blank(r: &Reader, key: &str, text: &Text, what: &str) {
    if reader::is_blank(&text.value) {
        r.report(
            Diagnostic::error(
                Code::Invalid,
                format!("`{key}` is empty: it is {what}, and would print as nothing"),
                Some(text.at),
            )
            .with_help(format!("write something, or leave `{key}` out")),
        );
    }
}

/// Report the links in a layout's text that cannot be links.
fn check_markup_links(r: &Reader, t: &Text) {
    for (url, index) in markup::links(&t.value) {
        if let Some((message, help)) = markup::link_problem(&url) {
            r.report(
                Diagnostic::error(Code::BadLink, message, Some(t.at.advanced(index)))
                    .with_help(help),
            );
        }
    }
}

/// Where the keys that shape the text frame were written, to point an error at the
/// one most likely to blame: the one set last (a `--set` over a file over a base).
struct KeyOrigins(Vec<(&'static str, Origin)>);

impl KeyOrigins {
    fn from(f: &Fields) -> KeyOrigins {
        let mut out = Vec::new();
        let mut add = |path: &'static str, node: Option<&Node>| {
            if let Some(n) = node {
                out.push((path, n.at));
            }
        };
        let table = |node: Option<&Node>| match node.map(|n| &n.value) {
            Some(Value::Table(t)) => Some(t.clone()),
            _ => None,
        };
        let root = f.table_ref();
        let page = table(root.get("page"));
        let margins = page.as_ref().and_then(|p| table(p.get("margins")));
        for (key, path) in [
            ("top", "page.margins.top"),
            ("bottom", "page.margins.bottom"),
            ("left", "page.margins.left"),
            ("right", "page.margins.right"),
        ] {
            add(path, margins.as_ref().and_then(|m| m.get(key)));
        }
        add("page.size", page.as_ref().and_then(|p| p.get("size")));
        let dates = table(root.get("dates"));
        add("dates.width", dates.as_ref().and_then(|d| d.get("width")));
        add("dates.gap", dates.as_ref().and_then(|d| d.get("gap")));
        let bullets = table(root.get("bullets"));
        add(
            "bullets.indent",
            bullets.as_ref().and_then(|b| b.get("indent")),
        );
        let header = table(root.get("header"));
        add(
            "header.photo_height",
            header.as_ref().and_then(|h| h.get("photo_height")),
        );
        KeyOrigins(out)
    }

    /// The place of whichever of `keys` was written last.
    fn latest(&self, keys: &[&str]) -> Option<Origin> {
        self.0
            .iter()
            .filter(|(k, _)| keys.contains(k))
            .map(|(_, o)| *o)
            .max_by_key(|o| (o.file, o.offset))
    }
}

/// The text frame the page leaves must hold text: a column for entries at least
/// [`MIN_COLUMN`] wide beside the dates, room for bullet text inside it, and a frame
/// at least [`MIN_FRAME_HEIGHT`] tall that the photo fits in.
fn check_frame(r: &Reader, l: &Layout, origins: &KeyOrigins) {
    let mm = |v: f32| {
        let s = format!("{:.1}", v / MM);
        format!("{} mm", s.trim_end_matches(".0"))
    };
    let column = l.entry_column().1 - l.bullet_indent;
    if column < MIN_COLUMN * MM {
        let keys = [
            "page.size",
            "page.margins.left",
            "page.margins.right",
            "dates.width",
            "dates.gap",
            "bullets.indent",
        ];
        let room = if column <= 0.0 {
            "no room for text".to_string()
        } else {
            format!("a text column {} wide", mm(column))
        };
        r.report(
            Diagnostic::error(
                Code::Frame,
                format!(
                    "the margins ({} and {}), the date column ({}), its gap ({}) and the bullet indent ({}) leave {room} on the {} wide page; the text needs at least {MIN_COLUMN:.0} mm",
                    mm(l.margin_left),
                    mm(l.margin_right),
                    mm(l.date_width),
                    mm(l.date_gap),
                    mm(l.bullet_indent),
                    mm(l.page_width),
                ),
                origins.latest(&keys),
            )
            .with_help(format!("make one of these smaller: {}", quoted(&keys[1..]))),
        );
    }
    let height = l.page_height - l.margin_top - l.margin_bottom;
    if height < MIN_FRAME_HEIGHT * MM || height < l.photo_height {
        let keys = [
            "page.size",
            "page.margins.top",
            "page.margins.bottom",
            "header.photo_height",
        ];
        let room = if height <= 0.0 {
            "no room for text".to_string()
        } else {
            format!("a text frame {} tall", mm(height))
        };
        r.report(
            Diagnostic::error(
                Code::Frame,
                format!(
                    "the top and bottom margins ({} and {}) leave {room} on the {} tall page; it needs at least {MIN_FRAME_HEIGHT:.0} mm, and room for the photo ({})",
                    mm(l.margin_top),
                    mm(l.margin_bottom),
                    mm(l.page_height),
                    mm(l.photo_height),
                ),
                origins.latest(&keys),
            )
            .with_help(format!("make one of these smaller: {}", quoted(&keys[1..]))),
        );
    }
}

fn quoted(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Load a layout from `text`, with `sets`, after the CV registered as file 0 of
/// `sources`: for tests of this stage and of the ones after it.
#[cfg(test)]
pub(crate) fn load_text(sources: &mut Sources, text: &str, sets: &[&str]) -> SourceResult<Layout> {
    let mut fonts = FontSet::bundled();
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    let source = LayoutSource::Text {
        name: "my.toml".into(),
        text: text.into(),
    };
    load(sources, &source, &sets, &mut fonts).map_err(crate::diag::tidy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str, sets: &[&str]) -> SourceResult<Layout> {
        load_text(&mut Sources::default(), text, sets)
    }

    fn messages(text: &str, sets: &[&str]) -> Vec<String> {
        load_str(text, sets)
            .map(|_| Vec::new())
            .unwrap_or_else(|e| e.into_iter().map(|d| d.message).collect())
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
    fn a_long_chain_of_extends_is_not_a_cycle() {
        let dir = std::env::temp_dir().join(format!("cvc-chain-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("l0.toml"), "extends = \"onepage\"\n").unwrap();
        for i in 1..=10 {
            std::fs::write(
                dir.join(format!("l{i}.toml")),
                format!("extends = \"l{}.toml\"\n", i - 1),
            )
            .unwrap();
        }
        std::fs::write(dir.join("a.toml"), "extends = \"b.toml\"\n").unwrap();
        std::fs::write(dir.join("b.toml"), "extends = \"a.toml\"\n").unwrap();
        let load_file = |name: &str| {
            let mut sources = Sources::default();
            let mut fonts = FontSet::bundled();
            load(
                &mut sources,
                &LayoutSource::File(dir.join(name)),
                &[],
                &mut fonts,
            )
        };
        let layout = load_file("l10.toml").unwrap();
        assert_eq!(layout.max_pages, Some(1));
        let err = load_file("a.toml").unwrap_err();
        assert!(
            err[0].message.contains("extends itself"),
            "{}",
            err[0].message
        );
        let _ = std::fs::remove_dir_all(&dir);
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
        assert_eq!(
            messages("", &["page.size=lettr"]),
            ["`lettr` is not a valid `size`: use `a4`, `letter`, `a5` or `legal`"]
        );
        let err = load_str("", &["sizes.bdy=9"]).unwrap_err();
        assert_eq!(err[0].message, "unknown key `bdy`");
        assert_eq!(err[0].help.as_deref(), Some("did you mean `body`?"));
        assert_eq!(
            messages("", &["nonsense"]),
            ["--set needs `key=value`, not `nonsense`"]
        );
    }

    #[test]
    fn every_number_is_finite_and_in_its_range() {
        assert_eq!(
            messages(
                "[page]\nmargins = { top = nan, left = inf, right = -5 }\n[header]\nphoto_height = nan\n[sizes]\nbody = \"ten\"\n",
                &[]
            ),
            [
                "`top` is nan; it must be from 0 to 200 mm",
                "`left` is inf; it must be from 0 to 200 mm",
                "`right` is -5 mm; it must be from 0 to 200 mm",
                "`photo_height` is nan; it must be from 5 to 100 mm",
                "`body` must be a size in points, like `body = 10`, not text",
            ]
        );
        assert_eq!(
            messages("", &["page.size=[1, \"x\"]"]),
            [
                "`size` is 1 mm; it must be from 50 to 2000 mm",
                "`size` must be a length in mm, like `size = 297`, not text"
            ]
        );
    }

    #[test]
    fn a_frame_too_small_for_text_names_the_keys_that_squeeze_it() {
        let err = load_str("[page]\nmargins = { top = 150, bottom = 150 }\n", &[]).unwrap_err();
        assert_eq!(err.len(), 1);
        assert!(
            err[0].message.starts_with(
                "the top and bottom margins (150 mm and 150 mm) leave no room for text"
            ),
            "{}",
            err[0].message
        );
        assert_eq!(err[0].origin.map(|o| o.offset), Some(39));
        let err = load_str("", &["page.margins.left=90", "dates.width=60"]).unwrap_err();
        assert!(
            err[0]
                .message
                .contains("leave a text column 32.5 mm wide on the 210 mm wide page"),
            "{}",
            err[0].message
        );
        assert_eq!(
            err[0].help.as_deref(),
            Some("make one of these smaller: `page.margins.left`, `page.margins.right`, `dates.width`, `dates.gap`, `bullets.indent`")
        );
    }

    #[test]
    fn words_are_exact_and_language_codes_may_name_a_region() {
        assert_eq!(
            messages(
                "[dates]\nside = \"right_or_left\"\n[text]\nalign = \"left-ish\"\n",
                &[]
            ),
            [
                "`right_or_left` is not a valid `side`: use `left` or `right`",
                "`left-ish` is not a valid `align`: use `justify` or `left`",
            ]
        );
        let l = load_str(
            "[dates]\nlanguage = \"pt_BR\"\n[text]\nlanguage = \"en_GB\"\n",
            &[],
        )
        .unwrap();
        assert_eq!(l.dates.lang, Lang::Pt);
        assert_eq!(l.hyphenation, Some(hyphenation::Language::EnglishGB));
        assert_eq!(
            messages("[dates]\nlanguage = \"en-whatever\"\n", &[]),
            ["`en-whatever` is not a valid `language`: use `en`, `fr`, `de`, `pt` or `es`"]
        );
    }

    #[test]
    fn header_symbols_name_contact_kinds() {
        let err = load_str("[header]\nsymbols = { emial = \"✉\" }\n", &[]).unwrap_err();
        assert_eq!(err[0].message, "unknown key `emial`");
        assert_eq!(err[0].help.as_deref(), Some("did you mean `email`?"));
    }

    #[test]
    fn repeated_texts_are_short() {
        let long = "x".repeat(SHORT_TEXT + 1);
        let err = messages(
            &format!("[dates]\npresent = \"{long}\"\n[bullets]\nsymbol = \"{long}\"\n[header]\nsymbols = {{ email = \"{long}\" }}\n"),
            &[],
        );
        assert_eq!(err.len(), 3, "{err:?}");
        assert!(
            err.iter()
                .all(|m| m.contains("is longer than 32 characters")),
            "{err:?}"
        );
        let ok = "é".repeat(SHORT_TEXT);
        assert!(messages(&format!("[dates]\npresent = \"{ok}\"\n"), &[]).is_empty());
    }

    #[test]
    fn unsafe_links_in_layout_text_are_errors() {
        assert_eq!(
            messages("", &["dates.present=[now](javascript:alert(1))"]),
            ["`javascript:` links are not allowed: `javascript:alert(1)`"]
        );
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
