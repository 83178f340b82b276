//! JSON Resume (schema v1, jsonresume.org) onto the import's model. Its texts
//! are plain, so every one is written literally (a `*` in "C*" stays an
//! asterisk); its sections come in the order the file has them. docs/import.md
//! has the table of what maps to what.

use super::tree::Value;
use super::{
    contact, literal, one_line, paragraphs, period, photo, profile, single, Contact, Cx, Doc,
    Entry, Field, Item, NoteKind, Obj, Publication, Section,
};

/// The top-level keys of schema v1 that hold content.
const SECTIONS: [&str; 12] = [
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
];

/// Whether a tree is a JSON Resume: a mapping with one of its keys.
pub(super) fn looks_like(root: &Value) -> bool {
    root.keys().iter().any(|k| SECTIONS.contains(k))
}

pub(super) fn map(root: &Value, cx: &mut Cx) -> Doc {
    let mut doc = Doc::default();
    let Some(mut top) = Obj::new("", root, cx, "a JSON Resume") else {
        return doc;
    };
    match top.get("basics") {
        Some((path, v)) => basics(&path, v, &mut doc, cx),
        None => no_name(&mut doc, "basics.name", cx),
    }
    let mut seen = Vec::new();
    for key in root.keys() {
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        // Keys of other formats stay for `rest` to report.
        if !SECTIONS.contains(&key) && !matches!(key, "meta" | "$schema") {
            continue;
        }
        let Some((path, value)) = top.get(key) else {
            continue;
        };
        if matches!(key, "meta" | "$schema") {
            cx.note(NoteKind::NotContent, &path, "not content");
            continue;
        }
        let items = match value {
            Value::List(items) => items.as_slice(),
            other => std::slice::from_ref(other),
        };
        let at = |i: usize| {
            if matches!(value, Value::List(_)) {
                format!("{path}[{i}]")
            } else {
                path.clone()
            }
        };
        let mut section = Section::new(title(key).to_string());
        for (i, v) in items.iter().enumerate() {
            add(key, &at(i), v, &mut section, &mut doc, cx);
        }
        if !section.is_empty() {
            doc.sections.push(section);
        }
    }
    top.rest(cx, "not a key of JSON Resume");
    doc
}

/// The heading of a section of schema v1.
fn title(key: &str) -> &'static str {
    match key {
        "work" => "Experience",
        "volunteer" => "Volunteering",
        "education" => "Education",
        "awards" => "Awards",
        "certificates" => "Certificates",
        "publications" => "Publications",
        "skills" => "Skills",
        "interests" => "Interests",
        "references" => "References",
        "projects" => "Projects",
        _ => "",
    }
}

/// One element of the top-level list `key` into its section (or, for
/// `languages`, the header line).
fn add(key: &str, path: &str, v: &Value, section: &mut Section, doc: &mut Doc, cx: &mut Cx) {
    let what = format!("an element of `{key}`");
    let Some(mut o) = Obj::new(path, v, cx, &what) else {
        return;
    };
    match key {
        "work" | "volunteer" => section.entries.extend(work(&mut o, key, cx)),
        "education" => section.entries.extend(education(&mut o, cx)),
        "awards" => section.entries.extend(award(&mut o, cx)),
        "certificates" => section.entries.extend(certificate(&mut o, cx)),
        "publications" => section.publications.extend(publication(&mut o, cx)),
        "skills" | "interests" => section.items.extend(skill(&mut o, cx)),
        "languages" => language(&mut o, doc, cx),
        "references" => section.entries.extend(reference(&mut o, cx)),
        "projects" => section.entries.extend(project(&mut o, cx)),
        _ => return,
    }
    o.rest(cx, &format!("not a key of JSON Resume's `{key}`"));
}

/// Text on one line, as markup.
fn line(f: Option<Field>) -> Option<String> {
    f.map(|f| literal(&one_line(&f.text)))
}

/// Texts on one line each, as markup.
fn lines(fs: Vec<Field>) -> Vec<String> {
    fs.into_iter()
        .map(|f| literal(&one_line(&f.text)))
        .collect()
}

fn basics(path: &str, v: &Value, doc: &mut Doc, cx: &mut Cx) {
    let Some(mut o) = Obj::new(path, v, cx, "`basics`") else {
        no_name(doc, "basics.name", cx);
        return;
    };
    match o.text("name", cx) {
        Some(name) => doc.name = literal(&one_line(&name.text)),
        None => no_name(doc, &o.path("name"), cx),
    }
    doc.headline = line(o.text("label", cx));
    if let Some(image) = o.text("image", cx) {
        doc.photo = photo(&image, cx);
    }
    if let Some(email) = o.text("email", cx) {
        doc.contact.push(contact("email", &email, "Email", cx));
    }
    if let Some(phone) = o.text("phone", cx) {
        doc.contact.push(contact("phone", &phone, "Phone", cx));
    }
    if let Some(url) = o.text("url", cx) {
        doc.contact.push(contact("website", &url, "Website", cx));
    }
    if let Some((path, v)) = o.get("location") {
        location(&path, v, doc, cx);
    }
    for (path, v) in o.list("profiles") {
        let Some(mut p) = Obj::new(&path, v, cx, "a profile") else {
            continue;
        };
        let network = p.text("network", cx);
        let username = p.text("username", cx);
        let url = p.text("url", cx);
        doc.contact.extend(profile(
            network.as_ref(),
            username.as_ref(),
            url.as_ref(),
            cx,
        ));
        p.rest(cx, "not a key of a JSON Resume profile");
    }
    if let Some(summary) = o.text("summary", cx) {
        let mut section = Section::new("Summary".into());
        section.text = paragraphs(&summary.text);
        doc.sections.insert(0, section);
    }
    o.rest(cx, "not a key of JSON Resume's `basics`");
}

/// No name in the source: cvc needs one, so the file says so in its place.
fn no_name(doc: &mut Doc, path: &str, cx: &mut Cx) {
    doc.name = "Your Name".into();
    cx.note(
        NoteKind::Changed,
        path,
        "missing: cvc needs a name, so cv.toml says \"Your Name\"",
    );
}

/// `basics.location`: the place on the contact line ("City, Region, CC"), the
/// postal address as a header line of its own.
fn location(path: &str, v: &Value, doc: &mut Doc, cx: &mut Cx) {
    let Some(mut o) = Obj::new(path, v, cx, "`location`") else {
        return;
    };
    let address = o.text("address", cx);
    let postal = o.text("postalCode", cx);
    let place: Vec<String> = ["city", "region", "countryCode"]
        .into_iter()
        .filter_map(|k| o.text(k, cx))
        .map(|f| one_line(&f.text))
        .collect();
    if !place.is_empty() {
        doc.contact.push(Contact {
            key: "location",
            value: literal(&place.join(", ")),
            ..Contact::default()
        });
    }
    let postal: Vec<String> = [address, postal]
        .into_iter()
        .flatten()
        .map(|f| {
            let lines: Vec<String> = f
                .text
                .lines()
                .map(one_line)
                .filter(|l| !l.is_empty())
                .collect();
            lines.join(", ")
        })
        .collect();
    if !postal.is_empty() {
        doc.extra
            .push(("Address".into(), literal(&postal.join(", "))));
    }
    o.rest(cx, "not a key of JSON Resume's `location`");
}

/// The dates of a period: `startDate`, `endDate` (none: ongoing).
fn dates(o: &mut Obj, cx: &mut Cx) -> super::Dates {
    let start = o.text("startDate", cx);
    let end = o.text("endDate", cx);
    period(start, end, true, cx)
}

/// The links of an entry: `url`, and `website` of resumes before v1.
fn url(o: &mut Obj, cx: &mut Cx) -> Option<String> {
    let f = o.text("url", cx).or_else(|| o.text("website", cx))?;
    super::link(&f, cx)
}

/// `work` and `volunteer` (`organization`; `company` before v1).
fn work(o: &mut Obj, key: &str, cx: &mut Cx) -> Option<Entry> {
    let org = if key == "work" {
        "name"
    } else {
        "organization"
    };
    let organisation = o.text(org, cx).or_else(|| o.text("company", cx));
    let e = Entry {
        title: line(o.text("position", cx)),
        organisation: line(organisation),
        location: line(o.text("location", cx)),
        url: url(o, cx),
        subtitle: line(o.text("description", cx)),
        dates: dates(o, cx),
        text: o
            .text("summary", cx)
            .map_or_else(Vec::new, |f| paragraphs(&f.text)),
        bullets: lines(o.texts("highlights", cx)),
        ..Entry::default()
    };
    finish(e, &o.path, cx)
}

fn education(o: &mut Obj, cx: &mut Cx) -> Option<Entry> {
    let study = o.text("studyType", cx).map(|f| one_line(&f.text));
    let area = o.text("area", cx).map(|f| one_line(&f.text));
    let title = match (study, area) {
        (Some(s), Some(a)) => Some(format!("{s} in {a}")),
        (s, a) => s.or(a),
    };
    let mut e = Entry {
        title: title.map(|t| literal(&t)),
        organisation: line(o.text("institution", cx)),
        url: url(o, cx),
        dates: dates(o, cx),
        bullets: lines(o.texts("courses", cx)),
        ..Entry::default()
    };
    if let Some(score) = o.text("score", cx) {
        e.facts
            .push(("Score".into(), literal(&one_line(&score.text))));
    }
    finish(e, &o.path, cx)
}

fn award(o: &mut Obj, cx: &mut Cx) -> Option<Entry> {
    let e = Entry {
        title: line(o.text("title", cx)),
        organisation: line(o.text("awarder", cx)),
        dates: single(o.text("date", cx), false, cx),
        text: o
            .text("summary", cx)
            .map_or_else(Vec::new, |f| paragraphs(&f.text)),
        ..Entry::default()
    };
    finish(e, &o.path, cx)
}

fn certificate(o: &mut Obj, cx: &mut Cx) -> Option<Entry> {
    let e = Entry {
        title: line(o.text("name", cx)),
        organisation: line(o.text("issuer", cx)),
        url: url(o, cx),
        dates: single(o.text("date", cx), false, cx),
        ..Entry::default()
    };
    finish(e, &o.path, cx)
}

fn publication(o: &mut Obj, cx: &mut Cx) -> Option<Publication> {
    let title = line(o.text("name", cx));
    let p = Publication {
        title: title.clone().unwrap_or_default(),
        venue: line(o.text("publisher", cx)),
        dates: single(o.text("releaseDate", cx), false, cx),
        url: url(o, cx),
        note: line(o.text("summary", cx)),
        ..Publication::default()
    };
    super::finish_publication(p, title.is_some(), &o.path, cx)
}

/// `skills` and `interests`: one line each, the keywords after the name, the
/// level (of a skill) in the date column.
fn skill(o: &mut Obj, cx: &mut Cx) -> Option<Item> {
    let name = line(o.text("name", cx));
    let level = line(o.text("level", cx));
    let keywords = lines(o.texts("keywords", cx));
    let (label, text) = match (name, keywords.is_empty()) {
        (name, false) => (name, keywords.join(", ")),
        (Some(name), true) => (None, name),
        (None, true) => {
            return level.map(|text| Item {
                text,
                ..Item::default()
            })
        }
    };
    Some(Item {
        label,
        text,
        aside: level,
        ..Item::default()
    })
}

/// A language joins the header's "Languages:" line: "English (native)".
fn language(o: &mut Obj, doc: &mut Doc, cx: &mut Cx) {
    let language = o.text("language", cx).map(|f| one_line(&f.text));
    let fluency = o.text("fluency", cx).map(|f| one_line(&f.text));
    let shown = match (language, fluency) {
        (Some(l), Some(f)) => format!("{l} ({f})"),
        (Some(l), None) => l,
        (None, Some(f)) => f,
        (None, None) => return,
    };
    let shown = literal(&shown);
    doc.languages = Some(match doc.languages.take() {
        Some(before) => format!("{before}, {shown}"),
        None => shown,
    });
}

fn reference(o: &mut Obj, cx: &mut Cx) -> Option<Entry> {
    let e = Entry {
        title: line(o.text("name", cx)),
        text: o
            .text("reference", cx)
            .map_or_else(Vec::new, |f| paragraphs(&f.text)),
        ..Entry::default()
    };
    finish(e, &o.path, cx)
}

fn project(o: &mut Obj, cx: &mut Cx) -> Option<Entry> {
    let mut e = Entry {
        title: line(o.text("name", cx)),
        organisation: line(o.text("entity", cx)),
        url: url(o, cx),
        subtitle: line(o.text("description", cx)),
        dates: dates(o, cx),
        bullets: lines(o.texts("highlights", cx)),
        ..Entry::default()
    };
    for (key, label) in [
        ("roles", "Roles"),
        ("keywords", "Keywords"),
        ("type", "Type"),
    ] {
        let values = lines(o.texts(key, cx));
        if !values.is_empty() {
            e.facts.push((label.into(), values.join(", ")));
        }
    }
    finish(e, &o.path, cx)
}

/// An entry cvc can read: see [`super::finish_entry`].
fn finish(e: Entry, path: &str, cx: &mut Cx) -> Option<Entry> {
    super::finish_entry(e, path, cx)
}
