//! RenderCV's YAML (`cv:` with `sections:`, rendercv.com) onto the import's
//! model. RenderCV's text is Markdown with the same `**bold**`, `*italic*` and
//! `[links](…)` as `cv.toml`, so it is kept as markup; an entry's type is found
//! as RenderCV finds it, by the keys only that type has. `design`, `locale` and
//! `settings` say how the CV looks, not what it says: they are named once as not
//! imported. docs/import.md has the table of what maps to what.

use super::tree::Value;
use super::{
    field, link, literal, one_line, period, photo, profile, single, split_paragraphs, Contact, Cx,
    Dates, Doc, Entry, Field, Item, NoteKind, Obj, Publication, Section,
};
use crate::markup;

/// The top-level keys that are not content (`rendercv_settings` and
/// `locale_catalog` are their names before RenderCV 2).
const NOT_CONTENT: [&str; 5] = [
    "design",
    "locale",
    "settings",
    "rendercv_settings",
    "locale_catalog",
];

pub(super) fn map(root: &Value, cx: &mut Cx) -> Doc {
    let mut doc = Doc::default();
    let Some(mut top) = Obj::new("", root, cx, "a RenderCV file") else {
        return doc;
    };
    if let Some((path, v)) = top.get("cv") {
        cv(&path, v, &mut doc, cx);
    }
    if doc.name.is_empty() {
        doc.name = "Your Name".into();
        cx.note(
            NoteKind::Changed,
            "cv.name",
            "missing: cvc needs a name, so cv.toml says \"Your Name\"",
        );
    }
    for key in NOT_CONTENT {
        if top.get(key).is_some() {
            cx.note(
                NoteKind::NotContent,
                key,
                "how the CV looks, not what it says",
            );
        }
    }
    top.rest(cx, "not a key of a RenderCV file");
    doc
}

/// RenderCV text as `cv.toml` markup: kept, unless a link in it is one cvc
/// refuses (another scheme than http, https, mailto, tel): then the text is kept
/// without its links, noted.
fn md(f: &Field, cx: &mut Cx) -> String {
    let text = one_line(&f.text);
    let bad = markup::links(&text)
        .into_iter()
        .find_map(|(url, _)| markup::link_problem(&url).map(|(why, _)| (url, why)));
    match bad {
        None => text,
        Some((url, why)) => {
            cx.note(
                NoteKind::Changed,
                &f.path,
                format!("the link to {url:?} is not one cvc makes ({why}): the text is kept without its links"),
            );
            let plain = markup::plain(&text);
            if crate::reader::is_blank(&plain) {
                literal(&text)
            } else {
                literal(&plain)
            }
        }
    }
}

fn md_opt(f: Option<Field>, cx: &mut Cx) -> Option<String> {
    f.map(|f| md(&f, cx))
}

/// Paragraphs of RenderCV text.
fn md_paragraphs(f: Option<Field>, cx: &mut Cx) -> Vec<String> {
    let Some(f) = f else {
        return Vec::new();
    };
    split_paragraphs(&f.text)
        .into_iter()
        .map(|p| {
            md(
                &Field {
                    path: f.path.clone(),
                    text: p,
                },
                cx,
            )
        })
        .collect()
}

fn cv(path: &str, v: &Value, doc: &mut Doc, cx: &mut Cx) {
    let Some(mut o) = Obj::new(path, v, cx, "`cv`") else {
        return;
    };
    // The header's items in the order the file gives them, as RenderCV shows them.
    for key in v.keys() {
        match key {
            "location" => {
                if let Some(f) = o.text(key, cx) {
                    doc.contact.push(Contact {
                        key: "location",
                        value: md(&f, cx),
                        ..Contact::default()
                    });
                }
            }
            "email" | "phone" | "website" => {
                let label = match key {
                    "email" => "Email",
                    "phone" => "Phone",
                    _ => "Website",
                };
                for f in o.texts(key, cx) {
                    let kind = match key {
                        "email" => "email",
                        "phone" => "phone",
                        _ => "website",
                    };
                    doc.contact.push(super::contact(kind, &f, label, cx));
                }
            }
            "social_networks" => networks(&mut o, doc, cx),
            "custom_connections" => connections(&mut o, doc, cx),
            _ => {}
        }
    }
    if let Some(name) = o.text("name", cx) {
        doc.name = md(&name, cx);
    }
    doc.headline = md_opt(o.text("headline", cx), cx);
    if let Some(f) = o.text("photo", cx) {
        doc.photo = photo(&f, cx);
    }
    if let Some((path, v)) = o.get("sections") {
        sections(&path, v, doc, cx);
    }
    o.rest(cx, "not a key of RenderCV's `cv`");
}

/// The address of a profile on a network RenderCV knows, from the user name.
fn profile_url(network: &str, username: &str) -> Option<String> {
    let base = match network {
        "LinkedIn" => "https://linkedin.com/in/",
        "GitHub" => "https://github.com/",
        "GitLab" => "https://gitlab.com/",
        "IMDB" => "https://imdb.com/name/",
        "Instagram" => "https://instagram.com/",
        "ORCID" => "https://orcid.org/",
        "StackOverflow" => "https://stackoverflow.com/users/",
        "ResearchGate" => "https://researchgate.net/profile/",
        "YouTube" => "https://youtube.com/@",
        "Google Scholar" => "https://scholar.google.com/citations?user=",
        "Telegram" => "https://t.me/",
        "WhatsApp" => "https://wa.me/",
        "Leetcode" => "https://leetcode.com/u/",
        "X" => "https://x.com/",
        "Bluesky" => "https://bsky.app/profile/",
        "Reddit" => "https://reddit.com/user/",
        "Mastodon" => {
            let (user, host) = username.trim_start_matches('@').split_once('@')?;
            return Some(format!("https://{host}/@{user}"));
        }
        _ => return None,
    };
    Some(format!("{base}{username}"))
}

fn networks(o: &mut Obj, doc: &mut Doc, cx: &mut Cx) {
    for (path, v) in o.list("social_networks") {
        let Some(mut p) = Obj::new(&path, v, cx, "a social network") else {
            continue;
        };
        let network = p.text("network", cx);
        let username = p.text("username", cx);
        let url = match (&network, &username) {
            (Some(n), Some(u)) => profile_url(&n.text, u.text.trim()).map(|text| Field {
                path: u.path.clone(),
                text,
            }),
            _ => None,
        };
        doc.contact.extend(profile(
            network.as_ref(),
            username.as_ref(),
            url.as_ref(),
            cx,
        ));
        p.rest(cx, "not a key of RenderCV's social networks");
    }
}

/// `custom_connections`: free items, their text linked to their `url`; the icon
/// is how the item looks.
fn connections(o: &mut Obj, doc: &mut Doc, cx: &mut Cx) {
    for (path, v) in o.list("custom_connections") {
        let Some(mut c) = Obj::new(&path, v, cx, "a custom connection") else {
            continue;
        };
        let text = c.text("placeholder", cx);
        let url = c.text("url", cx).and_then(|f| link(&f, cx));
        if let Some((icon, _)) = c.get("fontawesome_icon") {
            cx.note(NoteKind::NotContent, &icon, "an icon, how the item looks");
        }
        match text {
            Some(t) => doc.contact.push(Contact {
                key: "text",
                value: md(&t, cx),
                label: None,
                url,
            }),
            None => {
                if let Some(url) = url {
                    let f = Field {
                        path: path.clone(),
                        text: url,
                    };
                    doc.contact
                        .push(super::contact("website", &f, "Website", cx));
                }
            }
        }
        c.rest(cx, "not a key of RenderCV's custom connections");
    }
}

/// A section's title as RenderCV prints its key: as written when it has a
/// space or a capital, else `snake_case` in title case ("Education and Training").
pub(super) fn section_title(key: &str) -> String {
    if key.contains(' ') || key.chars().any(char::is_uppercase) {
        return key.to_string();
    }
    const SMALL: [&str; 28] = [
        "a", "and", "as", "at", "but", "by", "for", "from", "if", "in", "into", "like", "near",
        "nor", "of", "off", "on", "onto", "or", "over", "so", "than", "that", "to", "upon", "when",
        "with", "yet",
    ];
    key.replace('_', " ")
        .split(' ')
        .map(|w| {
            if SMALL.contains(&w) {
                w.to_string()
            } else {
                let mut cs = w.chars();
                cs.next().map_or_else(String::new, |c| {
                    c.to_uppercase()
                        .chain(cs.flat_map(char::to_lowercase))
                        .collect()
                })
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn sections(path: &str, v: &Value, doc: &mut Doc, cx: &mut Cx) {
    let Some(mut o) = Obj::new(path, v, cx, "`sections`") else {
        return;
    };
    let mut seen = Vec::new();
    for key in v.keys() {
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        // A title made of a key: cleaned like any value (a control character in
        // it would make a cv.toml that cvc refuses).
        let title = section_title(super::clean(&format!("{path}.{key}"), key, cx).trim());
        let mut section = Section::new(if crate::reader::is_blank(&title) {
            "Untitled".into()
        } else {
            literal(&one_line(&title))
        });
        for (path, entry) in o.list(key) {
            add(&path, entry, &mut section, doc, cx);
        }
        if !section.is_empty() {
            doc.sections.push(section);
        }
    }
    o.rest(cx, "a section");
}

/// RenderCV's entry types, and the keys that only each has (RenderCV's own
/// test, in its order).
const TYPES: [(&str, &[&str]); 8] = [
    ("OneLineEntry", &["label", "details"]),
    ("NormalEntry", &["name"]),
    ("ExperienceEntry", &["company", "position"]),
    ("EducationEntry", &["institution", "area", "degree"]),
    (
        "PublicationEntry",
        &["title", "authors", "doi", "url", "journal"],
    ),
    ("BulletEntry", &["bullet"]),
    ("NumberedEntry", &["number"]),
    ("ReversedNumberedEntry", &["reversed_number"]),
];

/// One entry of a section: a string is a TextEntry, a paragraph of the section.
fn add(path: &str, v: &Value, section: &mut Section, doc: &mut Doc, cx: &mut Cx) {
    if let Some(f) = v.scalar().and_then(|_| field(path, v, cx)) {
        section.text.extend(md_paragraphs(Some(f), cx));
        return;
    }
    let keys = v.keys();
    let Some((kind, _)) = TYPES
        .iter()
        .find(|(_, own)| own.iter().any(|k| keys.contains(k)))
    else {
        if !matches!(v, Value::Null) {
            cx.not_imported(path, v, "matches no RenderCV entry type (a string, or a mapping with `company`, `institution`, `name`, `title`, `label`, `bullet`, …)");
        }
        return;
    };
    let Some(mut o) = Obj::new(path, v, cx, "an entry") else {
        return;
    };
    match *kind {
        "OneLineEntry" => section.items.extend(one_line_entry(&mut o, cx)),
        "PublicationEntry" => section.publications.extend(publication(&mut o, doc, cx)),
        "BulletEntry" | "NumberedEntry" | "ReversedNumberedEntry" => {
            let key = match *kind {
                "BulletEntry" => "bullet",
                "NumberedEntry" => "number",
                _ => "reversed_number",
            };
            if let Some(f) = o.text(key, cx) {
                section.items.push(Item {
                    text: md(&f, cx),
                    ..Item::default()
                });
            }
        }
        _ => section.entries.extend(entry(&mut o, kind, cx)),
    }
    o.rest(cx, &format!("not a key of RenderCV's {kind} (RenderCV ignores it too, unless a design template uses it)"));
}

/// The dates of an entry: `date` (a date or free text) wins over `start_date`
/// and `end_date`, as in RenderCV, which then does not show them; a start
/// without an end runs to the present; an end alone is a single date.
fn dates(o: &mut Obj, cx: &mut Cx) -> Dates {
    let date = o.text("date", cx);
    let start = o.text("start_date", cx);
    let end = o.text("end_date", cx);
    if date.is_some() {
        for f in [start, end].into_iter().flatten() {
            cx.not_imported(
                &f.path,
                &Value::Str(f.text.clone()),
                "RenderCV shows the entry's `date` instead",
            );
        }
        return single(date, true, cx);
    }
    period(start, end, true, cx)
}

/// Experience, education and normal entries.
fn entry(o: &mut Obj, kind: &str, cx: &mut Cx) -> Option<Entry> {
    let (title, organisation) = match kind {
        "ExperienceEntry" => (
            md_opt(o.text("position", cx), cx),
            md_opt(o.text("company", cx), cx),
        ),
        "EducationEntry" => {
            let degree = md_opt(o.text("degree", cx), cx);
            let area = md_opt(o.text("area", cx), cx);
            let title = match (degree, area) {
                (Some(d), Some(a)) => Some(format!("{d} in {a}")),
                (d, a) => d.or(a),
            };
            (title, md_opt(o.text("institution", cx), cx))
        }
        _ => (md_opt(o.text("name", cx), cx), None),
    };
    let e = Entry {
        title,
        organisation,
        location: md_opt(o.text("location", cx), cx),
        dates: dates(o, cx),
        text: md_paragraphs(o.text("summary", cx), cx),
        bullets: o
            .texts("highlights", cx)
            .iter()
            .map(|f| md(f, cx))
            .collect(),
        ..Entry::default()
    };
    super::finish_entry(e, &o.path, cx)
}

fn one_line_entry(o: &mut Obj, cx: &mut Cx) -> Option<Item> {
    let label = md_opt(o.text("label", cx), cx);
    let details = md_opt(o.text("details", cx), cx);
    match (label, details) {
        (label, Some(text)) => Some(Item {
            label,
            text,
            ..Item::default()
        }),
        (Some(text), None) => Some(Item {
            text,
            ..Item::default()
        }),
        (None, None) => None,
    }
}

/// A publication. Authors RenderCV emphasises (`*John Doe*`, `**J. Doe**`) are
/// the CV's owner: cvc finds the owner by name and sets them in bold itself, so
/// the emphasis goes and the name, if it is not the CV's, becomes an alias.
fn publication(o: &mut Obj, doc: &mut Doc, cx: &mut Cx) -> Option<Publication> {
    let mut authors = Vec::new();
    for f in o.texts("authors", cx) {
        let name = one_line(&f.text);
        let bare = name.trim_matches('*').trim().to_string();
        if bare != name && !bare.is_empty() {
            if markup::plain(&doc.name) != bare && !doc.aliases.contains(&bare) {
                doc.aliases.push(bare.clone());
            }
            authors.push(literal(&bare));
        } else {
            authors.push(md(&f, cx));
        }
    }
    let title = md_opt(o.text("title", cx), cx);
    let doi = o.text("doi", cx).and_then(|f| {
        let doi = f.text.trim().to_string();
        if crate::schema::is_doi(&doi) {
            Some(doi)
        } else {
            cx.not_imported(
                &f.path,
                &Value::Str(f.text.clone()),
                "not a DOI (`10.1000/xyz`)",
            );
            None
        }
    });
    let p = Publication {
        authors,
        title: title.clone().unwrap_or_default(),
        venue: md_opt(o.text("journal", cx), cx),
        dates: single(o.text("date", cx), true, cx),
        url: o.text("url", cx).and_then(|f| link(&f, cx)),
        doi,
        note: md_opt(o.text("summary", cx), cx),
    };
    super::finish_publication(p, title.is_some(), &o.path, cx)
}
