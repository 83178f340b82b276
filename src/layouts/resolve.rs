//! Resolving: the merged tree of a layout read once into a [`Layout`], table by
//! table. Each table's keys are read in the file that defines what they resolve to
//! (`page.rs`, `faces.rs`, …); this file strings them together and holds the
//! checks several tables share.

use std::path::PathBuf;

use super::load::Merged;
use super::{
    date_column, faces, frame, header, headings, labels, page, pagination, palette, running_text,
    selection, sizes, Layout,
};
use crate::diag::{Code, Diagnostic, FileId, SourceResult, Sources};
use crate::fonts::FontSet;
use crate::markup;
use crate::reader::{self, Fields, Node, Reader, Text, Value};

/// Resolve the merged layout `merged`, named `name` in messages; font files it
/// names are loaded into `fonts` and noted in `sources`.
pub(super) fn layout(
    merged: &Merged,
    name: &str,
    fonts: &mut FontSet,
    sources: &mut Sources,
) -> SourceResult<Layout> {
    let r = Reader::new();
    let mut context = Context {
        fonts,
        sources,
        dirs: &merged.dirs,
    };
    let layout = read_layout(&r, &merged.root, name, &mut context);
    r.result(layout)
}

/// What the reading code asks of a layout file, table by table (see
/// [`reader::probe`]): the source of `cvc schema layout`.
pub fn probe() -> Vec<reader::Described> {
    let r = Reader::probing();
    let root = reader::probe::root();
    // `extends` is read by `load`, as text, before the layers merge.
    if let Some(extends) = Fields::of(&r, "layout", root, "").and_then(|mut f| f.get("extends")) {
        r.text("extends", extends);
    }
    let mut fonts = FontSet::bundled();
    let mut sources = Sources::default();
    let mut context = Context {
        fonts: &mut fonts,
        sources: &mut sources,
        dirs: &[],
    };
    read_layout(&r, root, "", &mut context);
    r.into_described()
}

/// What reading a layout needs besides its tree: the fonts to load files into, the
/// sources to note them in, and the directory of each layer (font paths are relative
/// to the layout file that names them).
pub(super) struct Context<'a> {
    pub(super) fonts: &'a mut FontSet,
    pub(super) sources: &'a mut Sources,
    pub(super) dirs: &'a [(FileId, PathBuf)],
}

impl Context<'_> {
    pub(super) fn dir(&self, file: FileId) -> PathBuf {
        self.dirs
            .iter()
            .find(|(f, _)| *f == file)
            .map_or_else(|| PathBuf::from("."), |(_, d)| d.clone())
    }
}

/// The layout in `root`: every key read, checked and resolved, table by table.
fn read_layout(r: &Reader, root: &Node, name: &str, cx: &mut Context) -> Option<Layout> {
    let mut f = Fields::of(r, "layout", root, "")?;
    f.text("description");
    let max_pages = f.integer("max_pages", 1, 1000).map(|v| v as u32);
    let lang = labels::read_language(&mut f);
    let page = page::read(&mut f);
    let fonts = faces::read(&mut f, cx);
    let sizes = sizes::read_sizes(&mut f);
    let spacing = sizes::read_spacing(&mut f);
    let colors = palette::read(&mut f);
    let dates = date_column::read(&mut f, lang);
    let text = running_text::read_text(&mut f, lang);
    let labels = labels::read(&mut f, lang);
    let bullets = running_text::read_bullets(&mut f);
    let header = header::read(&mut f);
    let headings = headings::read(&mut f);
    let pagination = pagination::read(&mut f);
    let fit = pagination::read_fit(&mut f, &sizes, &spacing);
    let select = selection::read(&mut f);
    let layout = Layout {
        name: name.to_string(),
        language: lang,
        max_pages,
        page,
        fonts,
        sizes,
        spacing,
        colors,
        dates,
        text,
        labels,
        bullets,
        header,
        headings,
        pagination,
        fit,
        select,
    };
    let origins = frame::KeyOrigins::from(&f);
    f.done();
    frame::check_frame(r, &layout, &origins);
    Some(layout)
}

/// A language code among `allowed` (`en`, `en-gb`), written in any case, with `_` or
/// `-`, and perhaps with a region the list does not name (`pt-BR`, `fr_CA`): then
/// the language without it. `aliases` are more names, not listed in errors. With
/// `words`, `allowed` are the languages cvc prints its words in, and another
/// language's code says so (rather than suggest a code spelt alike).
pub(super) fn language<T: Copy>(
    t: &mut Fields,
    key: &'static str,
    allowed: &[(&'static str, T)],
    aliases: &[(&'static str, T)],
    words: bool,
) -> Option<T> {
    let r = t.r;
    let node = t.get(key)?;
    if r.is_probe(node) {
        let codes = allowed.iter().chain(aliases).map(|(n, _)| *n).collect();
        r.describe(node, reader::Shape::Language(codes));
        return None;
    }
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
    // The Chinese words are Simplified: a Traditional region must not get them.
    if let Some(("zh", "tw" | "hk" | "mo" | "hant")) = code.split_once('-') {
        r.report(
            Diagnostic::error(
                Code::Invalid,
                format!("`{}` is Traditional Chinese, which cvc does not print yet: its Chinese words are Simplified", crate::diag::clip(written)),
                Some(node.at),
            )
            .with_help("write `zh` and give the words in Traditional characters in `[labels]` and `[dates] months`"),
        );
        return None;
    }
    let base =
        code.split_once('-').map_or(
            code.as_str(),
            |(base, region)| {
                if region_ok(region) {
                    base
                } else {
                    ""
                }
            },
        );
    if let Some(v) = find(base) {
        return Some(v);
    }
    // A language code cvc has no words for: a spelling suggestion (`fa`, did
    // you mean `fr`?) would mislead, so the error says what to do instead.
    if words && (2..=3).contains(&base.len()) && base.chars().all(|c| c.is_ascii_lowercase()) {
        let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
        r.report(
            Diagnostic::error(
                Code::Invalid,
                format!(
                    "cvc does not print its words in `{}` yet: it has {}",
                    crate::diag::clip(written),
                    names.join(", ")
                ),
                Some(node.at),
            )
            .with_help("choose the nearest language and give its words in `[labels]` and `[dates] months`; text in any language is set whatever `language` says"),
        );
        return None;
    }
    r.choice(key, node, allowed)
}

/// The longest symbol or word a layout repeats (before each bullet, each contact
/// item, after each open date range), in characters: each repetition is set again.
pub(super) const SHORT_TEXT: usize = 32;

/// A layout text that is repeated, at most [`SHORT_TEXT`] characters.
pub(super) fn short_text(t: &mut Fields, key: &'static str, what: &str) -> Option<Text> {
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

/// Report `text` (the value of `key`, `what` the layout prints with it) when it would
/// print as nothing.
pub(super) fn not_blank(r: &Reader, key: &str, text: &Text, what: &str) {
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
pub(super) fn check_markup_links(r: &Reader, t: &Text) {
    for (url, index) in markup::links(&t.value) {
        if let Some((message, help)) = markup::link_problem(&url) {
            r.report(
                Diagnostic::error(Code::BadLink, message, Some(t.at.advanced(index)))
                    .with_help(help),
            );
        }
    }
}
