//! The imported CV as TOML a person reads and edits: laid out like the starters
//! of `cvc new` (`[person]`, then `[[section]]` tables with their
//! `[[section.entry]]`s), keys in the order docs/schema.md lists them, long
//! texts as multi-line strings, and what the import could not map listed in a
//! comment at the top, where it is seen again when the file is edited.

use std::fmt::Write as _;

use super::{Contact, Dates, Doc, Entry, Item, Note, NoteKind, Publication, Section};

/// The whole `cv.toml`.
pub(super) fn document(doc: &Doc, source: &str, format: &str, notes: &[Note]) -> String {
    let mut out = String::new();
    header(&mut out, source, format, notes);
    person(&mut out, doc);
    for section in &doc.sections {
        write_section(&mut out, section);
    }
    out
}

fn header(out: &mut String, source: &str, format: &str, notes: &[Note]) {
    let _ = writeln!(
        out,
        "# Imported from {} ({format}) by `cvc import`.",
        comment(source)
    );
    out.push_str(
        "# Every key: docs/schema.md in cvc's repository; what maps to what: docs/import.md.\n",
    );
    for (kind, title) in [
        (NoteKind::NotImported, "Not imported"),
        (NoteKind::Changed, "Changed"),
        (NoteKind::NotContent, "Not content, not imported"),
    ] {
        let of_kind: Vec<&Note> = notes.iter().filter(|n| n.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(out, "#\n# {title}:");
        for n in of_kind {
            let _ = writeln!(out, "#   {}: {}", comment(&n.path), comment(&n.message));
        }
    }
    out.push('\n');
}

/// Text for a comment: on one line, control characters shown as escapes.
fn comment(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn person(out: &mut String, doc: &Doc) {
    out.push_str("[person]\n");
    key(out, "name", &doc.name);
    opt(out, "headline", &doc.headline);
    if !doc.aliases.is_empty() {
        let list: Vec<String> = doc.aliases.iter().map(|a| string(a)).collect();
        let _ = writeln!(out, "aliases = [{}]", list.join(", "));
    }
    opt(out, "photo", &doc.photo);
    if !doc.contact.is_empty() {
        out.push_str("contact = [\n");
        for c in &doc.contact {
            let _ = writeln!(out, "  {},", contact(c));
        }
        out.push_str("]\n");
    }
    opt(out, "languages", &doc.languages);
    if !doc.extra.is_empty() {
        out.push_str("extra = [\n");
        for (label, text) in &doc.extra {
            let _ = writeln!(
                out,
                "  {{ label = {}, text = {} }},",
                string(label),
                string(text)
            );
        }
        out.push_str("]\n");
    }
}

/// A contact item as an inline table: `{ github = "user" }`.
pub(super) fn contact(c: &Contact) -> String {
    let mut parts = Vec::new();
    if let Some(label) = &c.label {
        parts.push(format!("label = {}", string(label)));
    }
    parts.push(format!("{} = {}", c.key, string(&c.value)));
    if let Some(url) = &c.url {
        parts.push(format!("url = {}", string(url)));
    }
    format!("{{ {} }}", parts.join(", "))
}

fn write_section(out: &mut String, s: &Section) {
    out.push_str("\n[[section]]\n");
    key(out, "title", &s.title);
    paragraphs(out, "text", &s.text);
    for e in &s.entries {
        entry(out, e);
    }
    for p in &s.publications {
        publication(out, p);
    }
    for i in &s.items {
        item(out, i);
    }
}

fn entry(out: &mut String, e: &Entry) {
    out.push_str("\n[[section.entry]]\n");
    opt(out, "title", &e.title);
    opt(out, "organisation", &e.organisation);
    opt(out, "location", &e.location);
    opt(out, "url", &e.url);
    opt(out, "subtitle", &e.subtitle);
    dates(out, &e.dates, false);
    if !e.facts.is_empty() {
        let facts: Vec<String> = e
            .facts
            .iter()
            .map(|(l, t)| format!("{{ label = {}, text = {} }}", string(l), string(t)))
            .collect();
        list(out, "facts", &facts);
    }
    paragraphs(out, "text", &e.text);
    let bullets: Vec<String> = e.bullets.iter().map(|b| string(b)).collect();
    list(out, "bullets", &bullets);
}

fn publication(out: &mut String, p: &Publication) {
    out.push_str("\n[[section.publication]]\n");
    if !p.authors.is_empty() {
        let authors: Vec<String> = p.authors.iter().map(|a| string(a)).collect();
        let _ = writeln!(out, "authors = [{}]", authors.join(", "));
    }
    key(out, "title", &p.title);
    opt(out, "venue", &p.venue);
    opt(out, "year", &p.dates.start);
    opt(out, "date", &p.dates.date);
    opt(out, "url", &p.url);
    opt(out, "doi", &p.doi);
    opt(out, "note", &p.note);
}

fn item(out: &mut String, i: &Item) {
    out.push_str("\n[[section.item]]\n");
    opt(out, "label", &i.label);
    key(out, "text", &i.text);
    opt(out, "url", &i.url);
    dates(out, &i.dates, true);
    opt(out, "aside", &i.aside);
}

/// Dates: a period as `start`/`end`; a single date as `start` for an entry and
/// `year` for an item; free text as `date`.
fn dates(out: &mut String, d: &Dates, item: bool) {
    match (&d.start, &d.end) {
        (Some(start), None) if item => key(out, "year", start),
        _ => {
            opt(out, "start", &d.start);
            opt(out, "end", &d.end);
        }
    }
    opt(out, "date", &d.date);
}

fn key(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {}", string(value));
}

fn opt(out: &mut String, k: &str, value: &Option<String>) {
    if let Some(v) = value {
        key(out, k, v);
    }
}

/// A list of values already written as TOML, one a line.
fn list(out: &mut String, key: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    let _ = writeln!(out, "{key} = [");
    for v in values {
        let _ = writeln!(out, "  {v},");
    }
    out.push_str("]\n");
}

/// Paragraphs: one as a string, several as a multi-line string with blank lines
/// between them (cvc's paragraphs).
fn paragraphs(out: &mut String, key: &str, ps: &[String]) {
    match ps {
        [] => {}
        [one] => {
            let _ = writeln!(out, "{key} = {}", string(one));
        }
        _ => {
            let body: Vec<String> = ps.iter().map(|p| multi_line(p)).collect();
            let _ = writeln!(out, "{key} = \"\"\"\n{}\"\"\"", body.join("\n\n"));
        }
    }
}

/// A TOML basic string: `"…"`, with `\` and `"` escaped, and control characters
/// (which the import removes from text, but a key may hold) as escapes.
pub(super) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A paragraph inside a multi-line basic string: escaped as in [`string`] (so
/// no `"""` can end it early; a paragraph has no line breaks).
fn multi_line(s: &str) -> String {
    let quoted = string(s);
    quoted[1..quoted.len() - 1].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(s: &str) -> String {
        let doc = format!("a = {}\n", string(s));
        let table: toml::Table = toml::from_str(&doc).expect("TOML");
        table["a"].as_str().expect("a string").to_string()
    }

    #[test]
    fn strings_are_valid_toml_and_keep_their_text() {
        for s in [
            "plain",
            "quote \" and backslash \\ and \\n",
            "tab\tline\nbreak",
            "é 日本語 عربي",
            "\u{7f}\u{1}",
            "\"\"\"",
        ] {
            assert_eq!(round_trip(s), s);
        }
    }

    #[test]
    fn multi_line_text_keeps_its_paragraphs() {
        let mut out = String::new();
        let ps = ["one \"\"\" two \\".to_string(), "three".to_string()];
        paragraphs(&mut out, "text", &ps);
        let table: toml::Table = toml::from_str(&out).expect("TOML");
        assert_eq!(table["text"].as_str(), Some("one \"\"\" two \\\n\nthree"));
    }
}
