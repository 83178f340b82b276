//! `[select]` and `sections`: what of the CV a layout shows, and in what order.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::resolve::{check_markup_links, not_blank};
use crate::diag::{Code, Diagnostic, Origin};
use crate::reader::{Fields, Node, Reader, Shape, Text, Value};

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
    /// Like `include_tags`, but only when the CV tags some entry, publication or
    /// item with one of these: a layout for every CV shows what a CV marks for it,
    /// and everything (within the limits) of a CV that marks nothing.
    pub prefer_tags: Tags,
    /// Like `selected_only`, but only when the CV selects some publication.
    pub prefer_selected: bool,
    /// At most this many entries, publications or items per section where a
    /// preference finds nothing marked in the CV (the first ones).
    pub max_unmarked: Option<usize>,
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
            prefer_tags: Tags::default(),
            prefer_selected: false,
            max_unmarked: None,
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

/// What of the CV a layout shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// Rules for sections the layout does not list one by one.
    pub rules: Rules,
    /// The sections to show, in order; `None`: all, in `cv.toml`'s order.
    pub sections: Option<Vec<SectionPick>>,
}

/// `[select]` and `sections`.
pub(super) fn read(f: &mut Fields) -> Selection {
    let rules = match f.table("select", "{ include_tags = [\"resume\"] }") {
        Some(mut t) => {
            let rules = read_rules(&mut t, &Rules::default());
            t.done();
            rules
        }
        None => Rules::default(),
    };
    let sections = sections(f, &rules);
    Selection { rules, sections }
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
        prefer_tags: t.words("prefer_tags").map_or_else(
            || base.prefer_tags.clone(),
            |w| Arc::new(w.into_iter().collect()),
        ),
        prefer_selected: t.boolean("prefer_selected").unwrap_or(base.prefer_selected),
        max_unmarked: count(t, "max_unmarked").or(base.max_unmarked),
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
            // A probe is read as the table; the other shape is a section's id.
            _ if r.describe(item, Shape::Text) => pick(r, item, rules),
            Value::String(_) => r.text("sections", item).map(|id| SectionPick {
                id: crate::reader::identifier(id.value),
                title: None,
                rules: rules.clone(),
                origin: Some(item.at),
            }),
            Value::Table(_) => pick(r, item, rules),
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

/// A section chosen with a table: its id, a new title, rules of its own.
fn pick(r: &Reader, item: &Node, rules: &Rules) -> Option<SectionPick> {
    let mut t = Fields::of(r, "sections", item, "")?;
    let id = t.require("id", "a section chosen with a table names its `id`");
    let id = id.and_then(|n| r.text("id", n)).map(|mut id| {
        id.value = crate::reader::identifier(id.value);
        id
    });
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
