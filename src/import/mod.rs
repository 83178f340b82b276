//! `cvc import`: a JSON Resume (`resume.json`, schema v1) or a RenderCV YAML file
//! becomes a `cv.toml`.
//!
//! The file is read into a [`tree::Value`] (JSON or YAML, bounded in depth and in
//! what YAML aliases expand to), then `jsonresume` or `rendercv` maps it onto the
//! small model below (a CV as `cv.toml` writes it), and `write` prints that model
//! as TOML a person can read and edit. What cannot be mapped is never dropped
//! without a word: each value left out, each date kept as free text, each link
//! that cvc would refuse, is a [`Note`] naming its path in the source
//! (`work[2].x`, `cv.sections.Projects[0].foo`), printed by the command and kept
//! as a comment at the top of the `cv.toml`. Finally the text is read back by
//! `schema`, the reader `cvc build` uses: an importer that writes a file cvc
//! cannot read has a bug, and says so instead of handing it on.

mod jsonresume;
mod rendercv;
pub mod tree;
mod write;

use std::path::{Path, PathBuf};

use crate::dates::Date;
use crate::diag::{FileId, Sources};
use crate::markup;
use crate::reader;
use tree::Value;

/// The syntax of the file, by its name (`.json`, `.yaml`, `.yml`) or, for any
/// other name, by its first character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
}

impl Syntax {
    /// By the file's extension; `None` when it says nothing.
    pub fn of_name(path: &Path) -> Option<Syntax> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Syntax::Json),
            "yaml" | "yml" => Some(Syntax::Yaml),
            _ => None,
        }
    }

    /// By the text: JSON starts with `{` (a resume is an object); anything else is
    /// read as YAML, which is also what JSON that does not start so would be.
    pub fn of_text(text: &str) -> Syntax {
        match text.trim_start().chars().next() {
            Some('{') => Syntax::Json,
            _ => Syntax::Yaml,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Syntax::Json => "JSON",
            Syntax::Yaml => "YAML",
        }
    }
}

/// What an import was told besides the text: where the source is (a photo's
/// path is relative to it) and where the `cv.toml` will be (the photo's path is
/// written relative to that).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub source_dir: PathBuf,
    pub output_dir: PathBuf,
}

/// What the import says about one value of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    /// The value's path in the source: `work[2].x`.
    pub path: String,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Left out of the `cv.toml`: content the import could not map.
    NotImported,
    /// Kept, but not as the source said: a date as free text, a link as plain
    /// text, a name filled in.
    Changed,
    /// Not content (RenderCV's `design`, JSON Resume's `meta`): said once.
    NotContent,
}

/// A finished import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// "JSON Resume" or "RenderCV".
    pub format: &'static str,
    pub toml: String,
    pub notes: Vec<Note>,
    pub sections: usize,
    pub entries: usize,
    pub publications: usize,
    pub items: usize,
}

/// Why there is no `cv.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The file is not JSON or YAML: the message, line and column.
    Syntax {
        message: String,
        line: usize,
        column: usize,
    },
    /// It is, but not a JSON Resume or RenderCV file.
    NotACv(String),
    /// The import wrote what `cvc build` would refuse: a bug of the importer.
    Internal(String),
}

/// Import `text`, the file `name` (as messages call it), read as `syntax`.
pub fn convert(
    text: &str,
    name: &str,
    syntax: Syntax,
    options: &Options,
) -> Result<Imported, Failure> {
    let read = match syntax {
        Syntax::Json => tree::json(text),
        Syntax::Yaml => tree::yaml(text),
    };
    let root = read.map_err(|e| Failure::Syntax {
        message: e.message,
        line: e.line,
        column: e.column,
    })?;
    let mut cx = Cx {
        notes: Vec::new(),
        options,
    };
    let (format, doc) = if root.keys().contains(&"cv") {
        ("RenderCV", rendercv::map(&root, &mut cx))
    } else if jsonresume::looks_like(&root) {
        ("JSON Resume", jsonresume::map(&root, &mut cx))
    } else {
        return Err(Failure::NotACv(not_a_cv(name, syntax, &root)));
    };
    let toml = write::document(&doc, name, format, &cx.notes);
    check(&toml)?;
    let count = |f: fn(&Section) -> usize| doc.sections.iter().map(f).sum();
    Ok(Imported {
        format,
        toml,
        notes: cx.notes,
        sections: doc.sections.len(),
        entries: count(|s| s.entries.len()),
        publications: count(|s| s.publications.len()),
        items: count(|s| s.items.len()),
    })
}

/// Why a file that parsed is neither format, naming what it has instead.
fn not_a_cv(name: &str, syntax: Syntax, root: &Value) -> String {
    let has = match root {
        Value::Map(fields) if fields.is_empty() => "it is empty".to_string(),
        Value::Map(_) => {
            let keys: Vec<String> = root
                .keys()
                .iter()
                .take(8)
                .map(|k| format!("`{}`", crate::diag::clip(k)))
                .collect();
            format!("its keys are {}", keys.join(", "))
        }
        other => format!("it is {}", other.describe()),
    };
    format!(
        "`{name}` is {}, but neither a JSON Resume (with `basics`, `work`, `education`, …) nor a RenderCV file (with `cv`): {has}\n  = help: cvc imports JSON Resume (schema v1) and RenderCV YAML; docs/import.md says what maps to what",
        syntax.name()
    )
}

/// Read `toml` as `cvc build` does; any problem is the importer's bug.
fn check(toml: &str) -> Result<(), Failure> {
    let mut sources = Sources::default();
    let file = sources.add("cv.toml (imported)", toml.to_string());
    match crate::schema::parse(file, toml) {
        Ok(_) => Ok(()),
        Err(problems) => {
            let shown: Vec<String> = problems.iter().map(|d| sources.render(d)).collect();
            Err(Failure::Internal(shown.join("\n")))
        }
    }
}

/// A CV as the import builds it: every text already `cv.toml` markup (plain
/// source text with markup characters escaped, RenderCV's Markdown kept).
#[derive(Debug, Default)]
struct Doc {
    name: String,
    headline: Option<String>,
    /// Other spellings of the name (RenderCV's emphasised author names).
    aliases: Vec<String>,
    photo: Option<String>,
    contact: Vec<Contact>,
    languages: Option<String>,
    /// Header lines: (label, text).
    extra: Vec<(String, String)>,
    sections: Vec<Section>,
}

/// A contact item: its key (`email`, `github`, … or `text`), value, label, link.
#[derive(Debug, Clone, Default)]
struct Contact {
    key: &'static str,
    value: String,
    label: Option<String>,
    url: Option<String>,
}

#[derive(Debug, Default)]
struct Section {
    title: String,
    /// Paragraphs.
    text: Vec<String>,
    entries: Vec<Entry>,
    publications: Vec<Publication>,
    items: Vec<Item>,
}

impl Section {
    fn new(title: String) -> Section {
        Section {
            title,
            ..Section::default()
        }
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
            && self.entries.is_empty()
            && self.publications.is_empty()
            && self.items.is_empty()
    }
}

/// The dates of an entry, item or publication: a period or a single date
/// (`start` alone), or free text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Dates {
    start: Option<String>,
    end: Option<String>,
    date: Option<String>,
}

#[derive(Debug, Default)]
struct Entry {
    title: Option<String>,
    organisation: Option<String>,
    location: Option<String>,
    url: Option<String>,
    subtitle: Option<String>,
    dates: Dates,
    /// (label, text)
    facts: Vec<(String, String)>,
    text: Vec<String>,
    bullets: Vec<String>,
}

#[derive(Debug, Default)]
struct Publication {
    authors: Vec<String>,
    title: String,
    venue: Option<String>,
    dates: Dates,
    url: Option<String>,
    doi: Option<String>,
    note: Option<String>,
}

#[derive(Debug, Default)]
struct Item {
    label: Option<String>,
    text: String,
    url: Option<String>,
    dates: Dates,
    aside: Option<String>,
}

/// A text of the source and its path.
#[derive(Debug, Clone)]
struct Field {
    path: String,
    text: String,
}

/// The import's state: its notes, and its options.
struct Cx<'o> {
    notes: Vec<Note>,
    options: &'o Options,
}

impl Cx<'_> {
    fn note(&mut self, kind: NoteKind, path: &str, message: impl Into<String>) {
        self.notes.push(Note {
            kind,
            path: path.to_string(),
            message: message.into(),
        });
    }

    /// `value` at `path` is left out, for `why`; the note shows the value's texts.
    fn not_imported(&mut self, path: &str, value: &Value, why: &str) {
        let shown = shown(value);
        let message = if shown.is_empty() {
            why.to_string()
        } else {
            format!("{shown}: {why}")
        };
        self.note(NoteKind::NotImported, path, message);
    }
}

/// A value as a note quotes it: a scalar in quotes, a list or mapping by its
/// texts, at most 200 characters.
fn shown(value: &Value) -> String {
    let mut leaves = Vec::new();
    value.leaves("", &mut leaves);
    let quoted: Vec<String> = leaves
        .iter()
        .map(|(_, t)| format!("{:?}", one_line(t)))
        .collect();
    let all = match value {
        Value::List(_) | Value::Map(_) => format!("[{}]", quoted.join(", ")),
        _ => quoted.join(", "),
    };
    if all.chars().count() > 200 {
        let cut: String = all.chars().take(199).collect();
        format!("{cut}…")
    } else {
        all
    }
}

/// A mapping being read: each key taken is marked, and [`Obj::rest`] reports
/// every key nobody took, so that the mapping functions list the keys they know
/// and nothing else is lost.
struct Obj<'v> {
    path: String,
    fields: &'v [(String, Value)],
    taken: Vec<bool>,
}

impl<'v> Obj<'v> {
    /// The mapping at `path`; anything else (but nothing at all) is reported.
    fn new(path: &str, value: &'v Value, cx: &mut Cx, what: &str) -> Option<Obj<'v>> {
        match value {
            Value::Map(fields) => Some(Obj {
                path: path.to_string(),
                fields,
                taken: vec![false; fields.len()],
            }),
            Value::Null => None,
            other => {
                let why = format!("{what} is a mapping of keys, not {}", other.describe());
                cx.not_imported(path, other, &why);
                None
            }
        }
    }

    fn path(&self, key: &str) -> String {
        tree::join(&self.path, key)
    }

    /// The value of `key` (the first not yet taken), unless it is null.
    fn get(&mut self, key: &str) -> Option<(String, &'v Value)> {
        let i = (0..self.fields.len()).find(|&i| !self.taken[i] && self.fields[i].0 == key)?;
        self.taken[i] = true;
        let value = &self.fields[i].1;
        (*value != Value::Null).then(|| (self.path(key), value))
    }

    /// The text of `key`: a string, number or boolean; blank is none. Another
    /// shape is reported.
    fn text(&mut self, key: &str, cx: &mut Cx) -> Option<Field> {
        let (path, value) = self.get(key)?;
        field(&path, value, cx)
    }

    /// The texts of the list `key` (a single text is a list of one).
    fn texts(&mut self, key: &str, cx: &mut Cx) -> Vec<Field> {
        self.list(key)
            .into_iter()
            .filter_map(|(path, v)| field(&path, v, cx))
            .collect()
    }

    /// The elements of the list `key`, with their paths (a single value is a
    /// list of one).
    fn list(&mut self, key: &str) -> Vec<(String, &'v Value)> {
        match self.get(key) {
            Some((path, Value::List(items))) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{path}[{i}]"), v))
                .collect(),
            Some((path, v)) => vec![(path, v)],
            None => Vec::new(),
        }
    }

    /// Report every key not taken (but those that say nothing).
    fn rest(self, cx: &mut Cx, why: &str) {
        for (i, (key, value)) in self.fields.iter().enumerate() {
            if !self.taken[i] && *value != Value::Null {
                cx.not_imported(&tree::join(&self.path, key), value, why);
            }
        }
    }
}

/// A value that should be text: its text, cleaned; `None` (and a note) for a
/// list or mapping, `None` for blank text.
fn field(path: &str, value: &Value, cx: &mut Cx) -> Option<Field> {
    let Some(raw) = value.scalar() else {
        if *value != Value::Null {
            let why = format!("text was expected here, not {}", value.describe());
            cx.not_imported(path, value, &why);
        }
        return None;
    };
    let text = clean(path, &raw, cx);
    (!reader::is_blank(&text)).then(|| Field {
        path: path.to_string(),
        text: text.trim().to_string(),
    })
}

/// Text without control characters (which cvc refuses: they print as nothing),
/// with Windows line ends as `\n`; a removal is noted.
fn clean(path: &str, s: &str, cx: &mut Cx) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    if !s
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n'))
    {
        return s;
    }
    cx.note(
        NoteKind::Changed,
        path,
        "control characters removed (they print as nothing)",
    );
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n'))
        .collect()
}

/// Text on one line: line breaks and runs of white space as one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Plain text as `cv.toml` markup that prints it as it is: every backslash,
/// asterisk and opening bracket escaped (so no emphasis or link can start; `]`,
/// `(` and `)` mean nothing without an opening `[`).
fn literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '[') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Paragraphs of plain text (blank lines between them) as markup.
fn paragraphs(s: &str) -> Vec<String> {
    split_paragraphs(s).iter().map(|p| literal(p)).collect()
}

/// The paragraphs of a text: split at blank lines, each on one line.
fn split_paragraphs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in s.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(one_line(&current.join(" ")));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(one_line(&current.join(" ")));
    }
    out
}

/// A date of the source, if cvc reads it (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`,
/// `present`): the text to write and the date.
fn date_of(f: &Field) -> Option<(String, Date)> {
    let date = Date::parse(&f.text).ok()?;
    let text = if date == Date::Present {
        "present".to_string()
    } else {
        f.text.trim().to_string()
    };
    Some((text, date))
}

/// A period from a start and an end. `ongoing`: a start without an end runs to
/// the present (JSON Resume's and RenderCV's rule). An end alone is a single
/// date. What cvc cannot read as a period (a date it does not read, an end
/// before the start) is kept as the free text of `date`, with a note.
fn period(start: Option<Field>, end: Option<Field>, ongoing: bool, cx: &mut Cx) -> Dates {
    // Each end: absent (`Ok(None)`), a date (`Ok(Some)`), or not one (`Err`).
    let read = |f: &Option<Field>| match f {
        None => Ok(None),
        Some(f) => date_of(f).map(Some).ok_or(()),
    };
    let present = |d: Date| d == Date::Present;
    match (read(&start), read(&end)) {
        (Ok(None), Ok(None)) => Dates::default(),
        (Ok(Some((st, sd))), Ok(Some((et, ed)))) if !present(sd) && !ed.is_before(sd) => Dates {
            start: Some(st),
            end: Some(et),
            date: None,
        },
        (Ok(Some((st, sd))), Ok(None)) if !present(sd) => Dates {
            start: Some(st),
            end: ongoing.then(|| "present".to_string()),
            date: None,
        },
        (Ok(None), Ok(Some((et, ed)))) if !present(ed) => Dates {
            start: Some(et),
            ..Dates::default()
        },
        _ => {
            let given: Vec<&Field> = [&start, &end].into_iter().flatten().collect();
            let mut text = given
                .iter()
                .map(|f| one_line(&f.text))
                .collect::<Vec<_>>()
                .join(" – ");
            if end.is_none() && ongoing {
                text.push_str(" – present");
            }
            let paths: Vec<&str> = given.iter().map(|f| f.path.as_str()).collect();
            cx.note(
                NoteKind::Changed,
                &paths.join(", "),
                format!("not a period cvc reads (dates `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, the end not before the start): kept as the free text {text:?}"),
            );
            Dates {
                date: Some(literal(&text)),
                ..Dates::default()
            }
        }
    }
}

/// A single date. `free`: the source's format allows free text there
/// (RenderCV's `date`: "Fall 2023"), which becomes `date` without a note.
fn single(d: Option<Field>, free: bool, cx: &mut Cx) -> Dates {
    let Some(f) = d else {
        return Dates::default();
    };
    match date_of(&f) {
        Some((text, date)) if date != Date::Present => Dates {
            start: Some(text),
            ..Dates::default()
        },
        _ => {
            if !free {
                cx.note(
                    NoteKind::Changed,
                    &f.path,
                    format!(
                        "{:?} is not a date cvc reads (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`): kept as free text",
                        f.text
                    ),
                );
            }
            Dates {
                date: Some(literal(&one_line(&f.text))),
                ..Dates::default()
            }
        }
    }
}

/// A web address for a `url` key: as written, with `https://` added to a bare
/// host (`example.com/x`); one that cvc would not make a link (another scheme,
/// no host) is left out with a note.
fn link(f: &Field, cx: &mut Cx) -> Option<String> {
    let url = f.text.trim();
    let url = if url.contains(':') || url.contains(char::is_whitespace) || !url.contains('.') {
        url.to_string()
    } else {
        format!("https://{}", url.trim_start_matches('/'))
    };
    match markup::link_problem(&url) {
        None => Some(url),
        Some((why, _)) => {
            cx.not_imported(&f.path, &Value::Str(f.text.clone()), &why);
            None
        }
    }
}

/// A photo: a file beside the source, written relative to the `cv.toml`. A web
/// address or a missing file is left out with a note: cvc's photo is a local
/// PNG or JPEG.
fn photo(f: &Field, cx: &mut Cx) -> Option<String> {
    let p = f.text.trim();
    let value = Value::Str(p.to_string());
    if p.contains("://") || p.starts_with("data:") {
        let why = "cvc's photo is a PNG or JPEG file beside cv.toml: download it and set `photo` in `[person]`";
        cx.not_imported(&f.path, &value, why);
        return None;
    }
    let ext = Path::new(p)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if !matches!(ext.as_deref(), Some("png" | "jpg" | "jpeg")) {
        let why = "cvc's photo is a PNG or JPEG file (`.png`, `.jpg`, `.jpeg`)";
        cx.not_imported(&f.path, &value, why);
        return None;
    }
    let source = cx.options.source_dir.join(p);
    if !source.is_file() {
        let why = format!("no such file beside the source (`{}`)", source.display());
        cx.not_imported(&f.path, &value, &why);
        return None;
    }
    let same_dir = match (
        std::fs::canonicalize(&cx.options.source_dir),
        std::fs::canonicalize(&cx.options.output_dir),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same_dir || Path::new(p).is_absolute() {
        return Some(p.to_string());
    }
    let absolute = std::fs::canonicalize(&source).unwrap_or(source);
    Some(absolute.to_string_lossy().into_owned())
}

/// Whether cvc reads `c` as a contact item: the item is written alone in a CV
/// and read by `schema`, so that what the import writes follows every rule the
/// schema checks (a GitHub user name, an ORCID iD's checksum, a phone's digits).
fn accepted(c: &Contact) -> bool {
    let toml = format!(
        "[person]\nname = \"x\"\ncontact = [{}]\n",
        write::contact(c)
    );
    crate::schema::parse(FileId(0), &toml).is_ok()
}

/// A contact item of kind `key` with `value`, if cvc accepts it; else a free
/// item labelled `label` showing the value (and linking where it can), noted.
fn contact(key: &'static str, f: &Field, label: &str, cx: &mut Cx) -> Contact {
    let item = Contact {
        key,
        value: one_line(&f.text),
        ..Contact::default()
    };
    if accepted(&item) {
        return item;
    }
    cx.note(
        NoteKind::Changed,
        &f.path,
        format!(
            "{:?} is not what cvc's `{key}` takes: shown as text, labelled {label:?}",
            f.text
        ),
    );
    Contact {
        key: "text",
        value: literal(&one_line(&f.text)),
        label: Some(literal(label)),
        url: None,
    }
}

/// The `cv.toml` key of a social network, by its name in either format.
fn network_key(network: &str) -> Option<&'static str> {
    let name: String = network
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    Some(match name.as_str() {
        "github" => "github",
        "linkedin" => "linkedin",
        "gitlab" => "gitlab",
        "x" | "twitter" => "x",
        "mastodon" => "mastodon",
        "bluesky" => "bluesky",
        "orcid" => "orcid",
        "googlescholar" | "scholar" => "scholar",
        "researchgate" => "researchgate",
        "stackoverflow" => "stackoverflow",
        "dblp" => "dblp",
        _ => return None,
    })
}

/// A profile on a network: the network's own contact kind when cvc has one and
/// accepts the user name (else the address; the kind makes the link), else a
/// free item "Network: user" linking to the address.
fn profile(
    network: Option<&Field>,
    username: Option<&Field>,
    url: Option<&Field>,
    cx: &mut Cx,
) -> Option<Contact> {
    if let Some(key) = network.and_then(|n| network_key(&n.text)) {
        for f in [username, url].into_iter().flatten() {
            let item = Contact {
                key,
                value: one_line(&f.text),
                ..Contact::default()
            };
            if accepted(&item) {
                return Some(item);
            }
        }
    }
    let shown = username.or(url)?;
    let link = url.and_then(|u| link(u, cx));
    let label = network.map_or_else(|| "Profile".to_string(), |n| one_line(&n.text));
    Some(Contact {
        key: "text",
        value: literal(&one_line(&shown.text)),
        label: Some(literal(&label)),
        url: link,
    })
}

/// An entry as cvc reads it, which needs a title or an organisation: without
/// either, the subtitle moves up, or the entry is titled "Untitled" (noted); an
/// entry that says nothing at all is no entry.
fn finish_entry(mut e: Entry, path: &str, cx: &mut Cx) -> Option<Entry> {
    if e.title.is_some() || e.organisation.is_some() {
        return Some(e);
    }
    if let Some(subtitle) = e.subtitle.take() {
        e.title = Some(subtitle);
        return Some(e);
    }
    let says_something = e.location.is_some()
        || e.url.is_some()
        || e.dates != Dates::default()
        || !e.facts.is_empty()
        || !e.text.is_empty()
        || !e.bullets.is_empty();
    e.title = Some(untitled(says_something, path, cx)?);
    Some(e)
}

/// A publication as cvc reads it, which needs a title: "Untitled" (noted) when
/// the source has none but says something else; none when it says nothing.
fn finish_publication(
    mut p: Publication,
    titled: bool,
    path: &str,
    cx: &mut Cx,
) -> Option<Publication> {
    if titled {
        return Some(p);
    }
    let says_something = !p.authors.is_empty()
        || p.venue.is_some()
        || p.dates != Dates::default()
        || p.url.is_some()
        || p.doi.is_some()
        || p.note.is_some();
    p.title = untitled(says_something, path, cx)?;
    Some(p)
}

/// The title of what has none: "Untitled" (noted) when it says something else;
/// `None`, for no entry at all, when it says nothing.
fn untitled(says_something: bool, path: &str, cx: &mut Cx) -> Option<String> {
    if !says_something {
        return None;
    }
    cx.note(
        NoteKind::Changed,
        path,
        "has no title: cvc needs one, so cv.toml says \"Untitled\"",
    );
    Some("Untitled".into())
}

#[cfg(test)]
mod tests;
