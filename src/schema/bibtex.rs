//! A section's `bibtex` table: publications taken from a `.bib` file. Only what
//! `cv.toml` says is read here; the `bib` stage reads the file itself.

use crate::diag::{Code, Diagnostic, Origin};
use crate::reader::{self, Choice, Fields, Text};

/// `[section.bibtex]`: which entries of which `.bib` file, in what order and groups.
#[derive(Debug, Clone)]
pub struct Bibtex {
    /// The `.bib` file, relative to `cv.toml`.
    pub file: Text,
    /// Only these entries (empty: every entry).
    pub keys: Vec<Text>,
    /// Only entries whose `keywords` hold one of these (empty: any).
    pub keywords: Vec<Text>,
    pub order: Order,
    pub group: Grouping,
    /// These entries get `selected = true`.
    pub selected: Vec<Text>,
    /// Where `group` is written (else the table): the place of the group headings
    /// the import makes.
    pub group_at: Origin,
}

/// The order of imported publications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The newest first; those without a year last.
    Newest,
    /// The oldest first; those without a year last.
    Oldest,
    /// As they are written in the `.bib` file.
    File,
}

impl Choice for Order {
    const WORDS: &'static [(&'static str, Order)] = &[
        ("newest", Order::Newest),
        ("oldest", Order::Oldest),
        ("file", Order::File),
    ];
}

/// How imported publications are grouped under headings of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// Not at all: they follow the section's own publications.
    None,
    /// A group per year.
    Year,
    /// A group per kind: journal articles, conference papers, books, …
    Type,
}

impl Choice for Grouping {
    const WORDS: &'static [(&'static str, Grouping)] = &[
        ("none", Grouping::None),
        ("year", Grouping::Year),
        ("type", Grouping::Type),
    ];
}

/// The `bibtex` table of a section, if it has one.
pub(super) fn read(f: &mut Fields) -> Option<Bibtex> {
    let r = f.r;
    let mut t = f.table("bibtex", "{ file = \"papers.bib\" }")?;
    let at = t.at();
    let file = t
        .require("file", "the `bibtex` table names the `.bib` file to read")
        .and_then(|n| r.text("file", n));
    let file = file.filter(|file| {
        let blank = reader::is_blank(&file.value);
        if blank {
            r.report(Diagnostic::error(
                Code::Invalid,
                "`file` is empty: give the path of a `.bib` file, relative to cv.toml",
                Some(file.at),
            ));
        }
        !blank
    });
    let keys = t.strings("keys");
    let keywords = t.strings("keywords");
    let order = t.pick("order", Order::Newest);
    let group_at = t.table_ref().get("group").map_or(at, |n| n.at);
    let group = t.pick("group", Grouping::None);
    let selected = t.strings("selected");
    t.done();
    Some(Bibtex {
        file: file?,
        keys,
        keywords,
        order,
        group,
        selected,
        group_at,
    })
}
