//! Reading: one function per table of `cv.toml`, each asking for exactly its keys.

use super::hints;
use super::links::check_links;
use super::{
    Author, AuthorMarks, Body, Bullet, Contact, ContactKind, Cv, Entry, Fact, Group, ListItem,
    Person, Publication, Role, Section,
};
use crate::dates::{self, Date, DateField};
use crate::diag::{Code, Diagnostic, FileId};
use crate::reader::{self, Fields, Node, Reader, Text, Value};

pub(super) fn read_cv(r: &Reader, root: &Node, file: FileId) -> Option<Cv> {
    let mut f = Fields::of(r, "cv.toml", root, "")?;
    let person = f
        .require(
            "person",
            "a CV starts with a `[person]` table that holds the person's `name`",
        )
        .and_then(|n| Fields::of(r, "person", n, "{ name = \"…\" }"))
        .and_then(read_person);
    let sections: Vec<Section> = tables(&mut f, "section", "[[section]]")
        .into_iter()
        .filter_map(read_section)
        .collect();
    f.done_with(hints::ROOT);
    unique_ids(r, &sections);
    let cv = Cv {
        person: person?,
        sections,
        file,
    };
    check_links(r, &cv);
    Some(cv)
}

/// An `id` names one section or one entry: a layout that names it must not be able
/// to mean two.
fn unique_ids(r: &Reader, sections: &[Section]) {
    let ids = sections.iter().flat_map(|s| {
        s.id.iter().chain(
            s.bodies()
                .flat_map(|b| &b.entries)
                .filter_map(|e| e.id.as_ref()),
        )
    });
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(id.value.as_str()) {
            r.report(
                Diagnostic::error(
                    Code::Invalid,
                    format!(
                        "the id `{}` is given to an earlier section or entry too",
                        crate::diag::clip(&id.value)
                    ),
                    Some(id.at),
                )
                .with_help("an id names one section or entry: give each its own"),
            );
        }
    }
}

/// The tables of the array-of-tables `key` (`[[section]]`), written `header`.
fn tables<'a>(f: &mut Fields<'a>, key: &'static str, header: &str) -> Vec<Fields<'a>> {
    let r = f.r;
    let Some(node) = f.get(key) else {
        return Vec::new();
    };
    let items = match &node.value {
        // A probe: a list of tables, or (as cvc also reads it) one table.
        _ if r.describe(node, reader::Shape::List) => {
            let items = r.probe_items(node).unwrap_or_default();
            items.iter().for_each(|item| r.probe_also(node, item));
            items
        }
        Value::Array(items) => items.as_slice(),
        _ => std::slice::from_ref(node),
    };
    items
        .iter()
        .filter_map(|n| match &n.value {
            Value::Table(_) => Fields::of(r, key, n, header),
            other => {
                r.report(Diagnostic::error(
                    Code::WrongType,
                    format!(
                        "`{key}` must be one or more tables, each starting `{header}`, not {}",
                        other.describe()
                    ),
                    Some(n.at),
                ));
                None
            }
        })
        .collect()
}

/// Report `t`, the value of `key`, if it would print as nothing ("`key` is empty:
/// {why}"); whether it would.
fn blank(r: &Reader, key: &str, t: &Text, why: std::fmt::Arguments) -> bool {
    let blank = reader::is_blank(&t.value);
    if blank {
        r.report(Diagnostic::error(
            Code::Invalid,
            format!("`{key}` is empty: {why}"),
            Some(t.at),
        ));
    }
    blank
}

/// A text that may be left out, but not written empty: an empty `note`, `label` or
/// `location` would print as stray punctuation ("()", ": ", "T,").
/// An id, as a name the layout compares with its own ([`crate::reader::identifier`]).
fn identifier(id: Option<Text>) -> Option<Text> {
    id.map(|mut t| {
        t.value = crate::reader::identifier(t.value);
        t
    })
}

fn written(f: &mut Fields, key: &'static str) -> Option<Text> {
    let t = f.text(key)?;
    let why = format_args!("write it, or leave `{key}` out");
    (!blank(f.r, key, &t, why)).then_some(t)
}

/// A text that must be there and must not be blank.
fn required_text(f: &mut Fields, key: &'static str, what: &str) -> Option<Text> {
    let t = f.require(key, what).and_then(|n| f.r.text(key, n))?;
    blank(f.r, key, &t, format_args!("{what}"));
    Some(t)
}

fn read_person(mut f: Fields) -> Option<Person> {
    let r = f.r;
    let name = required_text(&mut f, "name", "the CV needs the person's name");
    let person = Person {
        name: name.unwrap_or_default(),
        headline: written(&mut f, "headline"),
        aliases: f.strings("aliases"),
        photo: f.text("photo").filter(|p| {
            let why = format_args!("give the path of a PNG or JPEG file, or leave `photo` out");
            !blank(r, "photo", p, why)
        }),
        contact: f
            .list("contact", "[{ email = \"…\" }, { github = \"…\" }]")
            .iter()
            .filter_map(|n| read_contact(r, n))
            .collect(),
        skills: written(&mut f, "skills"),
        languages: written(&mut f, "languages"),
        nationality: written(&mut f, "nationality"),
        extra: f
            .list("extra", "[{ label = \"…\", text = \"…\" }]")
            .iter()
            .filter_map(|n| Fields::of(r, "extra", n, "{ label = \"…\", text = \"…\" }"))
            .filter_map(|f| read_item(f, "a line of the header's `extra`"))
            .collect(),
    };
    f.done_with(hints::PERSON);
    Some(person)
}

fn read_contact(r: &Reader, node: &Node) -> Option<Contact> {
    let mut f = Fields::of(r, "contact", node, "[{ email = \"…\" }]")?;
    let given: Vec<(ContactKind, Text)> = ContactKind::ALL
        .iter()
        .filter_map(|&k| written(&mut f, k.key()).map(|t| (k, t)))
        .collect();
    let label = written(&mut f, "label");
    let url = written(&mut f, "url");
    let at = f.at();
    // A kind given with a value of the wrong sort was reported as such.
    let kind_written = ContactKind::ALL
        .iter()
        .any(|k| f.table_ref().get(k.key()).is_some());
    f.done();
    match given.as_slice() {
        [(kind, value)] => Some(Contact {
            kind: *kind,
            value: value.clone(),
            label,
            url,
        }),
        [] if kind_written => None,
        [] => {
            let keys: Vec<String> = ContactKind::ALL
                .iter()
                .map(|k| format!("`{}`", k.key()))
                .collect();
            r.report(Diagnostic::error(
                Code::MissingKey,
                format!("a contact item needs one of {}", keys.join(", ")),
                Some(at),
            ));
            None
        }
        [_, (second, value), ..] => {
            r.report(
                Diagnostic::error(
                    Code::Invalid,
                    format!(
                        "a contact item holds one thing; `{}` belongs in an item of its own",
                        second.key()
                    ),
                    Some(value.at),
                )
                .with_help("write each item as its own `{ … }` in the `contact` list"),
            );
            None
        }
    }
}

fn read_section(mut f: Fields) -> Option<Section> {
    let title = if f.has("title") {
        required_text(&mut f, "title", "every section has a title")
    } else {
        f.get("title");
        f.r.report(
            Diagnostic::error(
                Code::MissingKey,
                "missing key `title`: every section has a title",
                Some(f.at()),
            )
            .with_help(
                "write `title = \"…\"` under the section's `[[section]]` line, before its entries",
            ),
        );
        None
    };
    let section = Section {
        id: identifier(written(&mut f, "id")),
        title: title.unwrap_or_default(),
        body: read_body(&mut f, "section"),
        groups: tables(&mut f, "group", "[[section.group]]")
            .into_iter()
            .filter_map(read_group)
            .collect(),
        tags: f.words("tags").unwrap_or_default(),
        bibtex: super::bibtex::read(&mut f),
    };
    f.done_with(hints::SECTION);
    Some(section)
}

/// The body of a section or a group: `table` is its name in headers
/// (`section`, `section.group`).
fn read_body(f: &mut Fields, table: &str) -> Body {
    Body {
        text: written(f, "text"),
        entries: tables(f, "entry", &format!("[[{table}.entry]]"))
            .into_iter()
            .filter_map(read_entry)
            .collect(),
        publications: tables(f, "publication", &format!("[[{table}.publication]]"))
            .into_iter()
            .filter_map(read_publication)
            .collect(),
        items: tables(f, "item", &format!("[[{table}.item]]"))
            .into_iter()
            .filter_map(|f| read_item(f, "an item"))
            .collect(),
    }
}

fn read_group(mut f: Fields) -> Option<Group> {
    let title = required_text(&mut f, "title", "a group has a heading of its own");
    let group = Group {
        title: title.unwrap_or_default(),
        body: read_body(&mut f, "section.group"),
    };
    f.done_with(hints::GROUP);
    Some(group)
}

fn date(f: &mut Fields, key: &'static str) -> Option<DateField> {
    let r = f.r;
    f.get(key).and_then(|n| dates::read(r, key, n))
}

fn read_entry(mut f: Fields) -> Option<Entry> {
    let r = f.r;
    let organisation = match (
        written(&mut f, "organisation"),
        written(&mut f, "organization"),
    ) {
        (Some(a), Some(b)) => {
            r.report(Diagnostic::error(
                Code::Invalid,
                "`organisation` and `organization` are the same key, given twice",
                Some(b.at),
            ));
            Some(a)
        }
        (a, b) => a.or(b),
    };
    let entry = Entry {
        id: identifier(written(&mut f, "id")),
        title: written(&mut f, "title"),
        organisation,
        location: written(&mut f, "location"),
        url: written(&mut f, "url"),
        subtitle: written(&mut f, "subtitle"),
        start: date(&mut f, "start"),
        end: date(&mut f, "end"),
        date: written(&mut f, "date"),
        roles: f
            .list("roles", "[{ title = \"…\", start = \"…\", end = \"…\" }]")
            .iter()
            .filter_map(|n| Fields::of(r, "roles", n, "[{ title = \"…\", start = \"…\" }]"))
            .filter_map(read_role)
            .collect(),
        facts: f
            .list("facts", "[{ label = \"Role\", text = \"…\" }]")
            .iter()
            .filter_map(|n| Fields::of(r, "facts", n, "{ label = \"Role\", text = \"…\" }"))
            .filter_map(read_fact)
            .collect(),
        text: written(&mut f, "text"),
        bullets: f
            .list("bullets", "[\"…\", \"…\"]")
            .iter()
            .filter_map(|n| read_bullet(r, n))
            .collect(),
        tags: f.words("tags").unwrap_or_default(),
    };
    let at = f.at();
    let table = f.table_ref();
    f.done_with(hints::ENTRY);
    check_range(r, entry.start, entry.end, table.get("start").is_some());
    // A key given with a value of the wrong kind was reported; it is not missing.
    let wrong = |key: &str| {
        table
            .get(key)
            .is_some_and(|n| !matches!(n.value, Value::String(_)))
    };
    // A blank title or organisation was reported, and read as none.
    let nothing = entry.title.is_none() && entry.organisation.is_none() && entry.roles.is_empty();
    if nothing && !wrong("title") && !wrong("organisation") && table.get("roles").is_none() {
        r.report(Diagnostic::error(
            Code::MissingKey,
            "an entry needs a `title`, an `organisation` or `roles`",
            Some(at),
        ));
    }
    if let (Some(title), false) = (&entry.title, entry.roles.is_empty()) {
        r.report(
            Diagnostic::error(
                Code::Invalid,
                "this entry has both `title` and `roles`; its title line shows the roles, so the title would not be printed",
                Some(title.at),
            )
            .with_help("make the title the first of the `roles`, or move it to `subtitle`"),
        );
    }
    Some(entry)
}

fn read_role(mut f: Fields) -> Option<Role> {
    let r = f.r;
    let title = required_text(&mut f, "title", "each role has a title");
    let role = Role {
        title: title.unwrap_or_default(),
        start: date(&mut f, "start"),
        end: date(&mut f, "end"),
    };
    let start_given = f.table_ref().get("start").is_some();
    f.done();
    check_range(r, role.start, role.end, start_given);
    Some(role)
}

fn read_bullet(r: &Reader, node: &Node) -> Option<Bullet> {
    r.describe(node, reader::Shape::Text);
    match &node.value {
        Value::String(s) if reader::is_blank(s) => {
            r.report(Diagnostic::error(
                Code::Invalid,
                "a bullet is empty: write it, or remove it",
                Some(node.at),
            ));
            None
        }
        Value::String(_) => r.text("bullets", node).map(|text| Bullet {
            text,
            tags: Vec::new(),
        }),
        Value::Table(_) => {
            let mut f = Fields::of(r, "bullets", node, "")?;
            let text = required_text(
                &mut f,
                "text",
                "a bullet written as a table holds its `text`",
            );
            let bullet = Bullet {
                text: text.unwrap_or_default(),
                tags: f.words("tags").unwrap_or_default(),
            };
            f.done();
            Some(bullet)
        }
        other => {
            r.report(Diagnostic::error(
                Code::WrongType,
                format!(
                    "a bullet is text in quotes, or a table like `{{ text = \"…\", tags = [\"resume\"] }}`, not {}",
                    other.describe()
                ),
                Some(node.at),
            ));
            None
        }
    }
}

fn read_publication(mut f: Fields) -> Option<Publication> {
    let r = f.r;
    let authors = f
        .get("authors")
        .and_then(|n| match &n.value {
            Value::String(_) => {
                r.wrong_type(
                    "authors",
                    n.at,
                    "a list",
                    "[\"A. Author\", \"B. Author\"]",
                    &n.value,
                );
                None
            }
            _ => r.strings("authors", n),
        })
        .unwrap_or_default();
    for author in authors.iter().filter(|a| reader::is_blank(&a.value)) {
        r.report(Diagnostic::error(
            Code::Invalid,
            "an author is empty: write the name, or remove it from the list",
            Some(author.at),
        ));
    }
    let title = required_text(&mut f, "title", "every publication has a title");
    let p = Publication {
        authors: authors.into_iter().map(author).collect(),
        title: title.unwrap_or_default(),
        venue: written(&mut f, "venue"),
        year: date(&mut f, "year"),
        date: written(&mut f, "date"),
        url: written(&mut f, "url"),
        doi: written(&mut f, "doi"),
        note: written(&mut f, "note"),
        selected: f.boolean("selected").unwrap_or(false),
        tags: f.words("tags").unwrap_or_default(),
    };
    f.done_with(hints::PUBLICATION);
    no_present_year(r, p.year);
    Some(p)
}

/// An author as written, `"J. Doe*†"`: the name and its marks.
fn author(written: Text) -> Author {
    let (name, marks) = AuthorMarks::split(&written.value);
    Author {
        name: Text {
            value: name.to_string(),
            at: written.at,
        },
        owner: false,
        marks,
    }
}

/// Items of a section may have a link, a date or a period, and an `aside`; a header
/// line has none of them (nothing would print them, so they are unknown keys).
fn read_item(mut f: Fields, what: &str) -> Option<ListItem> {
    let r = f.r;
    let in_section = what == "an item";
    let label = written(&mut f, "label");
    let text = required_text(&mut f, "text", &format!("{what} holds its `text`"));
    let mut item = ListItem {
        label,
        text: text.unwrap_or_default(),
        url: None,
        year: None,
        start: None,
        end: None,
        date: None,
        aside: None,
        tags: f.words("tags").unwrap_or_default(),
    };
    if in_section {
        item.url = written(&mut f, "url");
        item.year = date(&mut f, "year");
        item.date = written(&mut f, "date");
        item.start = date(&mut f, "start");
        item.end = date(&mut f, "end");
        item.aside = written(&mut f, "aside");
        check_range(
            r,
            item.start,
            item.end,
            f.table_ref().get("start").is_some(),
        );
        one_date(r, &item);
    }
    f.done_with(if in_section {
        hints::ITEM
    } else {
        hints::EXTRA
    });
    no_present_year(r, item.year);
    Some(item)
}

/// An item's date column shows one thing: its `year` or its period (or, instead
/// of either, the free text of `date`, as for entries), or its `aside`.
fn one_date(r: &Reader, item: &ListItem) {
    let period = item.start.or(item.end).map(|d| (d.at, "`start`/`end`"));
    let dated = item.date.as_ref().map(|t| (t.at, "`date`"));
    let year = item.year.map(|d| (d.at, "`year`"));
    let aside = item.aside.as_ref().map(|t| (t.at, "`aside`"));
    let pairs = [
        (year, period),
        (aside, dated),
        (aside, year),
        (aside, period),
    ];
    if let Some((Some((_, first)), Some((at, second)))) =
        pairs.into_iter().find(|(a, b)| a.is_some() && b.is_some())
    {
        r.report(
            Diagnostic::error(
                Code::Invalid,
                format!(
                    "an item shows one thing in the date column: {first} or {second}, not both"
                ),
                Some(at),
            )
            .with_help(if first == "`aside`" {
                "an aside stands where the date would: keep one, and write the other in `text`"
            } else {
                "a period is `start` and `end` alone; a single date is `year`"
            }),
        );
    }
}

/// A fact of an entry: `{ label = "Role", text = "Principal investigator" }`.
fn read_fact(mut f: Fields) -> Option<Fact> {
    let label = required_text(
        &mut f,
        "label",
        "a fact has a `label` (\"Role\", \"Amount\")",
    );
    let text = required_text(&mut f, "text", "a fact has its `text`");
    f.done();
    Some(Fact {
        label: label?,
        text: text?,
    })
}

fn no_present_year(r: &Reader, year: Option<DateField>) {
    if let Some(y) = year.filter(|y| y.date == Date::Present) {
        r.report(Diagnostic::error(
            Code::BadDate,
            "a `year` cannot be `present`; write the free text in `date` (`date = \"ongoing\"`)",
            Some(y.at),
        ));
    }
}

/// Report a range that cannot be: a start that is `present`, an end before its start,
/// an end without a start (unless a start was written, and reported as not a date).
fn check_range(r: &Reader, start: Option<DateField>, end: Option<DateField>, start_given: bool) {
    match (start, end) {
        (Some(s), _) if s.date == Date::Present => r.report(Diagnostic::error(
            Code::BadDate,
            "`start` cannot be `present`",
            Some(s.at),
        )),
        (Some(s), Some(e)) if e.date.is_before(s.date) => r.report(Diagnostic::error(
            Code::BadDate,
            "this entry ends before it starts",
            Some(e.at),
        )),
        (None, Some(e)) if !start_given => r.report(Diagnostic::error(
            Code::BadDate,
            "`end` without `start`: add `start`, or write the free text in `date`",
            Some(e.at),
        )),
        _ => {}
    }
}
