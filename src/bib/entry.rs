//! One BibTeX entry as a publication: its authors, title, venue, date, links,
//! note and keywords, each with its place in the `.bib` file.

use biblatex::{Bibliography, Chunk, Chunks, ChunksExt, ChunksRef, Entry, EntryType, Person};

use super::latex;
use super::names::{self, Name, Owner};
use super::parse::{CROSSREF, XDATA};
use crate::dates::{Date, DateField};
use crate::diag::{Code, Diagnostic, FileId, Origin};
use crate::lang::{Lang, PublicationGroups};
use crate::reader::Text;
use crate::schema::Publication;

/// What kind of work an entry is, for `group = "type"`; in the order of the groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Article,
    Conference,
    Book,
    Chapter,
    Preprint,
    Report,
    Thesis,
    Other,
}

impl Kind {
    pub(crate) const ALL: [Kind; 8] = [
        Kind::Article,
        Kind::Conference,
        Kind::Book,
        Kind::Chapter,
        Kind::Preprint,
        Kind::Report,
        Kind::Thesis,
        Kind::Other,
    ];

    /// The heading of this kind's group.
    pub(crate) fn heading(self, g: &PublicationGroups) -> &'static str {
        match self {
            Kind::Article => g.articles,
            Kind::Conference => g.conference_papers,
            Kind::Book => g.books,
            Kind::Chapter => g.chapters,
            Kind::Preprint => g.preprints,
            Kind::Report => g.reports,
            Kind::Thesis => g.theses,
            Kind::Other => g.other,
        }
    }
}

/// An entry of the file, read.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub key: String,
    pub kind: Kind,
    /// Not `selected`: that is the section's to say.
    pub publication: Publication,
    /// The keywords as written (the publication's tags).
    pub keywords: Vec<String>,
    /// The problems of this entry, reported when a section shows it.
    pub problems: Vec<Diagnostic>,
    /// Shown only when `keys` names it: `@xdata` and `@set` entries, and the
    /// entries others take fields from (`crossref`, `xdata`).
    pub hidden: bool,
}

/// What reading an entry needs besides the entry.
pub(super) struct Context<'a> {
    pub file: FileId,
    /// The language of the words the entry's type says ("PhD thesis").
    pub lang: Lang,
    pub text: &'a str,
    pub owner: &'a Owner,
    pub bib: &'a Bibliography,
}

/// The entry `entry`, whose `@` is at byte `start`.
pub(super) fn record(entry: &Entry, start: usize, cx: &Context) -> Record {
    let entry = &inherited(entry, cx.bib);
    let at = Origin::new(cx.file, start);
    let mut problems = Vec::new();
    let kind = kind(entry);
    let title = title(entry, cx).filter(|t| !crate::reader::is_blank(&t.value));
    if title.is_none() {
        problems.push(
            Diagnostic::error(
                Code::Bibtex,
                format!("the entry `{}` has no title", crate::diag::clip(&entry.key)),
                Some(at),
            )
            .with_help(
                "add `title = {…}` to it, or leave it out of the section (`keys`, `keywords`)",
            ),
        );
    }
    let (year, date) = when(entry, cx, &mut problems);
    let publication = Publication {
        authors: authors(entry, cx),
        title: title.unwrap_or_default(),
        venue: venue(entry, kind, cx),
        year,
        date,
        url: url(entry, cx, &mut problems),
        doi: doi(entry, cx, &mut problems),
        note: text(entry, "note", cx),
        selected: false,
        tags: keywords(entry),
    };
    printable(&publication, &mut problems);
    Record {
        key: entry.key.clone(),
        kind,
        keywords: publication.tags.clone(),
        publication,
        problems,
        hidden: matches!(entry.entry_type, EntryType::XData | EntryType::Set),
    }
}

/// The keys of the entries `entry` takes fields from: its `crossref`, then its
/// `xdata` (as the crate reads them: comma-separated).
pub(super) fn parents(entry: &Entry) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(c) = entry.get(CROSSREF) {
        keys.push(c.format_verbatim().trim().to_string());
    }
    if let Some(x) = entry.get(XDATA) {
        keys.extend(x.format_verbatim().split(',').map(|k| k.trim().to_string()));
    }
    keys.retain(|k| !k.is_empty());
    keys
}

/// The fields an entry takes from its `crossref` (the title of a parent
/// proceedings or book becomes its `booktitle`) and its `xdata` entries, where it
/// has none of its own: one level, as BibTeX does.
fn inherited(entry: &Entry, bib: &Bibliography) -> Entry {
    let mut out = entry.clone();
    for key in parents(entry) {
        let Some(parent) = bib.get(&key) else {
            continue;
        };
        for (name, value) in &parent.fields {
            let name = match name.as_str() {
                "title" => "booktitle",
                CROSSREF | XDATA | "ids" | "keywords" | "note" | "url" | "doi" => continue,
                n => n,
            };
            if !out.fields.contains_key(name) {
                out.fields.insert(name.to_string(), value.clone());
            }
        }
    }
    out
}

fn kind(entry: &Entry) -> Kind {
    let preprint_venue = ["journal", "journaltitle", "howpublished", "publisher"]
        .iter()
        .filter_map(|f| entry.get(f))
        .any(|v| is_preprint_server(&v.format_verbatim()));
    let eprint = entry.get("eprint").is_some() || entry.get("archiveprefix").is_some();
    match &entry.entry_type {
        EntryType::Article | EntryType::SuppPeriodical | EntryType::Periodical => {
            if preprint_venue {
                Kind::Preprint
            } else {
                Kind::Article
            }
        }
        EntryType::InProceedings => Kind::Conference,
        EntryType::Book
        | EntryType::MvBook
        | EntryType::Collection
        | EntryType::MvCollection
        | EntryType::Proceedings
        | EntryType::MvProceedings
        | EntryType::Reference
        | EntryType::MvReference => Kind::Book,
        EntryType::InBook
        | EntryType::InCollection
        | EntryType::BookInBook
        | EntryType::SuppBook
        | EntryType::SuppCollection
        | EntryType::InReference => Kind::Chapter,
        EntryType::TechReport | EntryType::Report => Kind::Report,
        EntryType::PhdThesis | EntryType::MastersThesis | EntryType::Thesis => Kind::Thesis,
        EntryType::Unpublished => Kind::Preprint,
        EntryType::Unknown(t) if t == "preprint" => Kind::Preprint,
        EntryType::Misc | EntryType::Online | EntryType::Unknown(_) if eprint || preprint_venue => {
            Kind::Preprint
        }
        _ => Kind::Other,
    }
}

/// Whether a venue names a preprint server.
fn is_preprint_server(venue: &str) -> bool {
    let v = venue.to_lowercase();
    [
        "arxiv", "biorxiv", "medrxiv", "chemrxiv", "psyarxiv", "ssrn", "preprint",
    ]
    .iter()
    .any(|s| v.contains(s))
}

/// The place of a field's value, or of the entry when the value has none (a
/// value made by the crate).
fn place(chunks: ChunksRef, cx: &Context) -> Origin {
    let span = chunks.span();
    Origin::new(cx.file, span.start.min(cx.text.len()))
}

/// A field's value as `cv.toml` markup, with its place; none when it is blank.
fn text(entry: &Entry, field: &str, cx: &Context) -> Option<Text> {
    let chunks = entry.get(field)?;
    let value = latex::markup(chunks);
    (!crate::reader::is_blank(&value)).then(|| Text {
        value,
        at: place(chunks, cx),
    })
}

/// The title, and its subtitle after a colon.
fn title(entry: &Entry, cx: &Context) -> Option<Text> {
    let mut title = text(entry, "title", cx)?;
    if let Some(sub) = text(entry, "subtitle", cx) {
        let ends = title.value.trim_end().ends_with(['.', ':', '?', '!']);
        title.value = format!(
            "{}{} {}",
            title.value.trim_end(),
            if ends { "" } else { ":" },
            sub.value
        );
    }
    Some(title)
}

/// The authors, or the editors of a work without authors.
fn authors(entry: &Entry, cx: &Context) -> Vec<crate::schema::Author> {
    let Some(chunks) = entry.get("author").or_else(|| entry.get("editor")) else {
        return Vec::new();
    };
    // A tie (`J.~Doe`) is a space between the parts of a name.
    let tied: Chunks = chunks
        .iter()
        .map(|c| {
            let mut c = c.clone();
            if let Chunk::Normal(s) = &mut c.v {
                *s = s.replace('~', " ");
            }
            c
        })
        .collect();
    let persons: Vec<Person> = tied.parse().unwrap_or_default();
    let names: Vec<Name> = persons.iter().map(Name::of).collect();
    // Each author's place: where their family name is written, else the field's.
    let field = place(chunks, cx);
    let span = chunks.span();
    let source = cx
        .text
        .get(span.start..span.end.min(cx.text.len()))
        .unwrap_or("");
    let from = std::cell::Cell::new(0);
    names::authors(&names, cx.owner, |name| {
        // Looked for a little way ahead only: a name written with LaTeX in it is
        // not found as it is printed, and must not cost a search of the field.
        let start = from.get().min(source.len());
        let mut end = (start + 1024).min(source.len());
        while !source.is_char_boundary(end) {
            end -= 1;
        }
        match source
            .get(start..end)
            .and_then(|s| s.find(name.family.as_str()))
        {
            Some(i) if !name.family.is_empty() => {
                from.set(start + i + name.family.len());
                Origin::new(cx.file, span.start + start + i)
            }
            _ => field,
        }
    })
}

/// Where the work appeared: journal, proceedings, publisher, school, institution,
/// or how; with volume, number and pages.
fn venue(entry: &Entry, kind: Kind, cx: &Context) -> Option<Text> {
    let first = |fields: &[&str]| fields.iter().find_map(|f| text(entry, f, cx));
    let mut venue = match kind {
        Kind::Article => first(&["journal", "journaltitle"]),
        Kind::Conference | Kind::Chapter => first(&["booktitle", "series", "publisher"]),
        Kind::Book => first(&["publisher", "series", "organization"]),
        Kind::Thesis => first(&["school", "institution"]),
        Kind::Report => first(&["institution", "school", "publisher"]),
        Kind::Preprint | Kind::Other => None,
    };
    if venue.is_none() {
        venue = first(&["howpublished"]).or_else(|| eprint(entry, cx));
    }
    if venue.is_none() {
        venue = first(&[
            "journal",
            "journaltitle",
            "booktitle",
            "publisher",
            "school",
            "institution",
            "organization",
        ]);
    }
    let mut venue = venue?;
    let field = |name: &str| text(entry, name, cx).map(|t| t.value);
    let mut parts: Vec<String> = Vec::new();
    match kind {
        // "Doctoral dissertation, Aalto University".
        Kind::Thesis => {
            let words = &cx.lang.words().groups;
            let said = match entry.entry_type {
                EntryType::PhdThesis => Some(words.phd_thesis.to_string()),
                EntryType::MastersThesis => Some(words.masters_thesis.to_string()),
                _ => None,
            };
            if let Some(t) = field("type").or(said) {
                venue.value = format!("{t}, {}", venue.value);
            }
        }
        // "VTT, Research report TR-12".
        Kind::Report => {
            let label: Vec<String> = [field("type"), field("number")]
                .into_iter()
                .flatten()
                .collect();
            if !label.is_empty() {
                parts.push(label.join(" "));
            }
        }
        // "Journal of X 12(3)".
        Kind::Article => {
            let number = field("number").or_else(|| field("issue"));
            match (field("volume"), number) {
                (Some(v), Some(n)) => venue.value = format!("{} {v}({n})", venue.value),
                (Some(v), None) => venue.value = format!("{} {v}", venue.value),
                (None, Some(n)) => venue.value = format!("{} ({n})", venue.value),
                (None, None) => {}
            }
        }
        // "Proceedings of RECOMB, LNCS 13278": a volume of its series.
        _ => {
            if let (Some(series), Some(volume)) = (field("series"), field("volume")) {
                if !venue.value.contains(&series) {
                    parts.push(format!("{series} {volume}"));
                }
            }
        }
    }
    parts.extend(field("pages").map(|p| page_range(&p)));
    for part in parts {
        venue.value = format!("{}, {part}", venue.value);
    }
    Some(venue)
}

/// `arXiv:2401.01234 [cs.CL]` from `eprint`, `archiveprefix` (or `eprinttype`)
/// and `primaryclass` (or `eprintclass`).
fn eprint(entry: &Entry, cx: &Context) -> Option<Text> {
    let mut t = text(entry, "eprint", cx)?;
    let server = ["archiveprefix", "eprinttype"]
        .iter()
        .find_map(|f| text(entry, f, cx));
    if let Some(server) = server {
        let id = t.value.trim();
        let prefixed = id
            .to_lowercase()
            .starts_with(&format!("{}:", server.value.to_lowercase()));
        if !prefixed {
            t.value = format!("{}:{id}", server_name(&server.value));
        }
    }
    if let Some(class) = ["primaryclass", "eprintclass"]
        .iter()
        .find_map(|f| text(entry, f, cx))
    {
        t.value = format!("{} \\[{}\\]", t.value, class.value);
    }
    Some(t)
}

/// A preprint server as it writes its name (`eprinttype = {arxiv}` is arXiv), or
/// as written.
fn server_name(written: &str) -> &str {
    const NAMES: [&str; 7] = [
        "arXiv", "bioRxiv", "medRxiv", "ChemRxiv", "PsyArXiv", "SSRN", "HAL",
    ];
    let w = written.trim();
    NAMES
        .iter()
        .find(|n| n.eq_ignore_ascii_case(w))
        .copied()
        .unwrap_or(w)
}

/// Pages with an en dash between numbers: `45-67` and `45--67` are `45–67`, but
/// `A-1` stays.
pub(super) fn page_range(pages: &str) -> String {
    let mut out = String::with_capacity(pages.len());
    let mut chars = pages.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '-' {
            out.push(c);
            continue;
        }
        let digit_before = out.ends_with(|c: char| c.is_ascii_digit());
        let mut run = 1;
        while chars.peek() == Some(&'-') {
            chars.next();
            run += 1;
        }
        let digit_after = chars.peek().is_some_and(char::is_ascii_digit);
        out.push(if run > 1 || (digit_before && digit_after) {
            '–'
        } else {
            '-'
        });
    }
    out
}

/// The date: biblatex's `date` (`2024-06-20`, the start of a range), else `year`
/// and `month`. A year that is not a year ("in press") is shown as written.
fn when(
    entry: &Entry,
    cx: &Context,
    problems: &mut Vec<Diagnostic>,
) -> (Option<DateField>, Option<Text>) {
    if let Some(chunks) = entry.get("date") {
        let at = place(chunks, cx);
        let written = chunks.format_verbatim();
        let start = written.split('/').next().unwrap_or("").trim();
        return match Date::parse(start) {
            Ok(Date::Present) | Err(_) => {
                problems.push(
                    Diagnostic::error(
                        Code::BadDate,
                        format!(
                            "`{}` is not a date",
                            crate::diag::clip(written.trim())
                        ),
                        Some(at),
                    )
                    .with_help("a `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (years 1000–9999), or a range `start/end`"),
                );
                (None, None)
            }
            Ok(date) => (Some(DateField { date, at }), None),
        };
    }
    let Some(chunks) = entry.get("year") else {
        return (None, None);
    };
    let at = place(chunks, cx);
    let written = chunks.format_verbatim();
    let digits: String = written.trim().chars().take(4).collect();
    let rest = written.trim().get(digits.len()..).unwrap_or("");
    let year = (digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && rest.chars().all(|c| c.is_ascii_lowercase()) // 2020a
        && rest.len() <= 1)
        .then(|| digits.parse::<i32>().ok())
        .flatten()
        .filter(|y| crate::dates::YEARS.contains(y));
    match year {
        Some(year) => {
            let date = match month(entry) {
                Some(m) => Date::Month(year, m),
                None => Date::Year(year),
            };
            (Some(DateField { date, at }), None)
        }
        None => (None, text(entry, "year", cx)),
    }
}

/// The month, from `month = {6}`, `{June}`, `{jun}` or `jun`; none when it is
/// something else ("Summer").
fn month(entry: &Entry) -> Option<u8> {
    let written = entry.get("month")?.format_verbatim();
    let m = written.trim().trim_end_matches('.').to_lowercase();
    if let Ok(n) = m.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let i = NAMES
        .iter()
        .position(|n| m.len() >= 3 && n.starts_with(m.as_str()))?;
    Some(i as u8 + 1)
}

/// The address, with the escapes LaTeX needs in addresses (`\%`, `\_`, `\#`,
/// `\&`, `\~`) undone; a link that cannot be one is an error.
fn url(entry: &Entry, cx: &Context, problems: &mut Vec<Diagnostic>) -> Option<Text> {
    let chunks = entry.get("url")?;
    let at = place(chunks, cx);
    let mut value = chunks.format_verbatim().trim().to_string();
    for c in ['%', '_', '#', '&', '~'] {
        value = value.replace(&format!("\\{c}"), &c.to_string());
    }
    if value.is_empty() {
        return None;
    }
    if let Some((message, help)) = crate::markup::link_problem(&value) {
        problems.push(Diagnostic::error(Code::BadLink, message, Some(at)).with_help(help));
        return None;
    }
    Some(Text { value, at })
}

/// The DOI, without the resolver's address or `doi:` before it.
fn doi(entry: &Entry, cx: &Context, problems: &mut Vec<Diagnostic>) -> Option<Text> {
    let chunks = entry.get("doi")?;
    let at = place(chunks, cx);
    let written = chunks.format_verbatim();
    let mut value = written.trim();
    for prefix in [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ] {
        let head = value.get(..prefix.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(prefix)) {
            value = value.get(prefix.len()..).unwrap_or("").trim_start();
        }
    }
    if value.is_empty() {
        return None;
    }
    if !crate::schema::is_doi(value) {
        problems.push(
            Diagnostic::error(
                Code::BadLink,
                format!("`{}` is not a DOI", crate::diag::clip(value)),
                Some(at),
            )
            .with_help("a DOI looks like `10.1000/xyz123`"),
        );
        return None;
    }
    Some(Text {
        value: value.to_string(),
        at,
    })
}

/// The keywords: separated by commas or semicolons.
fn keywords(entry: &Entry) -> Vec<String> {
    let Some(chunks) = entry.get("keywords") else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for k in chunks.format_verbatim().split([',', ';']) {
        let k = k.split_whitespace().collect::<Vec<_>>().join(" ");
        if !k.is_empty() && !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// Report the control characters of a publication's texts: they print as nothing.
fn printable(p: &Publication, problems: &mut Vec<Diagnostic>) {
    let texts = std::iter::once(&p.title)
        .chain(p.authors.iter().map(|a| &a.name))
        .chain(&p.venue)
        .chain(&p.note)
        .chain(&p.date);
    for t in texts {
        if let Some(c) = t
            .value
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        {
            problems.push(
                Diagnostic::error(
                    Code::ControlCharacter,
                    format!(
                        "the control character U+{:04X} cannot be printed",
                        u32::from(c)
                    ),
                    Some(t.at),
                )
                .with_help("delete it (it is invisible in most editors)"),
            );
        }
    }
}
