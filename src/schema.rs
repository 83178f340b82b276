//! The CV schema: what `cv.toml` may say, read and checked.
//!
//! `cv.toml` says *what* is in the CV, never how it looks. The types here are the
//! model every later stage reads; every string keeps where it is written
//! ([`Text::at`]) so that a problem found much later (a character no font has, a word
//! wider than its column) can still be reported at its line and column.
//!
//! Reading is one pass over the file's tree ([`crate::reader`]): each `read_*`
//! function below asks for exactly the keys its table may hold, with their types, and
//! checks what the types cannot say (dates that exist, ranges that run forward, one
//! kind per contact item). Every problem is collected, so one run reports them all.
//! To add a key, read it in its table's function: that is the one place.

use crate::dates::{self, Date, DateField};
use crate::diag::{Code, Diagnostic, FileId, Origin, SourceResult};
use crate::markup;
use crate::reader::{self, Fields, Node, Reader, Text, Value};

/// The whole CV.
#[derive(Debug, Clone)]
pub struct Cv {
    pub person: Person,
    pub sections: Vec<Section>,
    /// The file this CV was read from.
    pub file: FileId,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub name: Text,
    pub headline: Option<Text>,
    /// Other spellings of the name in author lists ("B. Magalhaes"), set in bold there.
    pub aliases: Vec<Text>,
    /// A PNG or JPEG, relative to `cv.toml`.
    pub photo: Option<Text>,
    pub contact: Vec<Contact>,
    pub skills: Option<Text>,
    pub languages: Option<Text>,
    pub nationality: Option<Text>,
    /// Further header lines, each `{ label = "…", text = "…" }`.
    pub extra: Vec<ListItem>,
}

/// The kinds of contact item, each with its own link and display rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    Email,
    Phone,
    Website,
    Github,
    Linkedin,
    Scholar,
    Orcid,
    Dblp,
    Researchgate,
    Mastodon,
    Bluesky,
    X,
    Gitlab,
    Stackoverflow,
    Location,
    Other,
}

impl ContactKind {
    /// Every kind, in the order the schema lists them.
    pub const ALL: [ContactKind; 16] = [
        ContactKind::Email,
        ContactKind::Phone,
        ContactKind::Website,
        ContactKind::Github,
        ContactKind::Linkedin,
        ContactKind::Scholar,
        ContactKind::Orcid,
        ContactKind::Dblp,
        ContactKind::Researchgate,
        ContactKind::Mastodon,
        ContactKind::Bluesky,
        ContactKind::X,
        ContactKind::Gitlab,
        ContactKind::Stackoverflow,
        ContactKind::Location,
        ContactKind::Other,
    ];

    /// The key that gives an item this kind (`{ email = "…" }`), also the name a
    /// layout's `[header] symbols` use.
    pub fn key(self) -> &'static str {
        match self {
            ContactKind::Email => "email",
            ContactKind::Phone => "phone",
            ContactKind::Website => "website",
            ContactKind::Github => "github",
            ContactKind::Linkedin => "linkedin",
            ContactKind::Scholar => "scholar",
            ContactKind::Orcid => "orcid",
            ContactKind::Dblp => "dblp",
            ContactKind::Researchgate => "researchgate",
            ContactKind::Mastodon => "mastodon",
            ContactKind::Bluesky => "bluesky",
            ContactKind::X => "x",
            ContactKind::Gitlab => "gitlab",
            ContactKind::Stackoverflow => "stackoverflow",
            ContactKind::Location => "location",
            ContactKind::Other => "text",
        }
    }
}

/// One contact item: `{ email = "…" }`, `{ github = "user" }`, … or a free item
/// `{ label = "Skype", text = "bruno.m", url = "https://join.skype.com/…" }`.
#[derive(Debug, Clone)]
pub struct Contact {
    kind: ContactKind,
    value: Text,
    pub label: Option<Text>,
    url: Option<Text>,
}

impl Contact {
    pub fn kind(&self) -> ContactKind {
        self.kind
    }

    /// What the item says: the address, the user name, the place.
    pub fn value(&self) -> &Text {
        &self.value
    }

    /// The text shown in the CV. Profiles are shown as the address a reader could
    /// type (`github.com/brunomaga`), so the line means something on paper and to a
    /// parser, not only as a click target.
    /// A `label` comes first, on any kind of item: "Office: +41 21 693 11 11".
    pub fn display(&self) -> String {
        let v = self.value().value.trim();
        let shown = match self.kind() {
            ContactKind::Website => strip_scheme(v).trim_end_matches('/').to_string(),
            ContactKind::Github => format!("github.com/{}", handle(v, "github.com/")),
            ContactKind::Linkedin => format!("linkedin.com/in/{}", handle(v, "linkedin.com/in/")),
            ContactKind::Scholar => "Google Scholar".to_string(),
            ContactKind::Orcid => format!("orcid.org/{}", handle(v, "orcid.org/")),
            ContactKind::Dblp => format!("dblp.org/pid/{}", handle(v, "dblp.org/pid/")),
            ContactKind::Researchgate => format!(
                "researchgate.net/profile/{}",
                handle(v, "researchgate.net/profile/")
            ),
            ContactKind::Mastodon => {
                mastodon(v).map_or_else(|| v.to_string(), |(u, h)| format!("@{u}@{h}"))
            }
            ContactKind::Bluesky => format!("@{}", bluesky(v)),
            ContactKind::X => format!("x.com/{}", x_handle(v)),
            ContactKind::Gitlab => format!("gitlab.com/{}", handle(v, "gitlab.com/")),
            ContactKind::Stackoverflow => format!(
                "stackoverflow.com/users/{}",
                handle(v, "stackoverflow.com/users/")
            ),
            _ => v.to_string(),
        };
        match &self.label {
            Some(label) => format!("{}: {shown}", label.value.trim()),
            None => shown,
        }
    }

    /// The link target, if the item is a link.
    pub fn link(&self) -> Option<String> {
        if let Some(url) = &self.url {
            return Some(url.value.trim().to_string());
        }
        let v = self.value().value.trim();
        match self.kind() {
            ContactKind::Email => Some(format!("mailto:{v}")),
            ContactKind::Phone => Some(format!(
                "tel:{}",
                v.chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect::<String>()
            )),
            ContactKind::Website => Some(if v.contains("://") {
                v.to_string()
            } else {
                format!("https://{v}")
            }),
            ContactKind::Github => Some(format!("https://github.com/{}", handle(v, "github.com/"))),
            ContactKind::Linkedin => Some(format!(
                "https://www.linkedin.com/in/{}",
                handle(v, "linkedin.com/in/")
            )),
            ContactKind::Scholar => Some(if v.contains("://") {
                v.to_string()
            } else {
                format!("https://scholar.google.com/citations?user={v}")
            }),
            ContactKind::Orcid => Some(format!("https://orcid.org/{}", handle(v, "orcid.org/"))),
            ContactKind::Dblp => Some(format!(
                "https://dblp.org/pid/{}",
                handle(v, "dblp.org/pid/")
            )),
            ContactKind::Researchgate => Some(format!(
                "https://www.researchgate.net/profile/{}",
                handle(v, "researchgate.net/profile/")
            )),
            ContactKind::Mastodon => mastodon(v).map(|(u, h)| format!("https://{h}/@{u}")),
            ContactKind::Bluesky => Some(format!("https://bsky.app/profile/{}", bluesky(v))),
            ContactKind::X => Some(format!("https://x.com/{}", x_handle(v))),
            ContactKind::Gitlab => Some(format!("https://gitlab.com/{}", handle(v, "gitlab.com/"))),
            ContactKind::Stackoverflow => Some(format!(
                "https://stackoverflow.com/users/{}",
                handle(v, "stackoverflow.com/users/")
            )),
            ContactKind::Location | ContactKind::Other => None,
        }
    }
}

/// A Mastodon account, `@user@host` or `https://host/@user`: user and host.
fn mastodon(v: &str) -> Option<(&str, &str)> {
    if let Some((host, user)) = strip_scheme(v).trim_end_matches('/').split_once("/@") {
        return Some((user, host));
    }
    let (user, host) = v.trim_start_matches('@').split_once('@')?;
    (!user.is_empty() && host.contains('.')).then_some((user, host))
}

/// A Bluesky handle from `name.bsky.social`, `@name.bsky.social` or
/// `https://bsky.app/profile/name.bsky.social`.
fn bluesky(v: &str) -> &str {
    handle(v, "bsky.app/profile/").trim_start_matches('@')
}

/// An X (Twitter) user name from `name`, `@name`, `x.com/name` or
/// `twitter.com/name`.
fn x_handle(v: &str) -> &str {
    let v = if strip_scheme(v)
        .to_ascii_lowercase()
        .contains("twitter.com/")
    {
        handle(v, "twitter.com/")
    } else {
        handle(v, "x.com/")
    };
    v.trim_start_matches('@')
}

fn strip_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

/// `user` from `user`, `https://github.com/user/`, `github.com/user` or
/// `uk.linkedin.com/in/user`.
fn handle<'a>(v: &'a str, prefix: &str) -> &'a str {
    let v = strip_scheme(v);
    // Host names are case-insensitive (`GitHub.com`); ASCII lowercasing keeps
    // every byte where it was.
    let after = v
        .to_ascii_lowercase()
        .find(prefix)
        .filter(|&at| at == 0 || v[..at].ends_with('.'));
    after
        .map_or(v, |at| &v[at + prefix.len()..])
        .trim_end_matches('/')
}

/// Why a profile item cannot be linked as what it says it is, with a hint: a GitHub
/// item holding a GitLab address would otherwise link to `github.com/gitlab.com/…`.
fn profile_problem(kind: ContactKind, value: &str) -> Option<(String, &'static str)> {
    let v = value.trim();
    let name = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '%');
    let (ok, what, hint) = match kind {
        ContactKind::Github => (
            handle(v, "github.com/")
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "a GitHub user name",
            "write the user name (`octocat`) or `https://github.com/octocat`; put other sites in `website`",
        ),
        ContactKind::Linkedin => (
            handle(v, "linkedin.com/in/").chars().all(name),
            "a LinkedIn profile",
            "write the name in your profile's address (`jane-doe`) or `https://www.linkedin.com/in/jane-doe`",
        ),
        ContactKind::Scholar => (
            v.contains("://")
                || v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')),
            "a Google Scholar user id",
            "write the id from your profile's address (`user=pirWLLgAAAAJ`) or the whole address",
        ),
        ContactKind::Orcid => (
            is_orcid(handle(v, "orcid.org/")),
            "an ORCID iD",
            "an ORCID iD is four groups of four digits with a checksum, like `0000-0002-1825-0097`",
        ),
        ContactKind::Dblp => (
            handle(v, "dblp.org/pid/").split('/').all(|p| !p.is_empty() && p.chars().all(name)),
            "a dblp person id",
            "write the id from your dblp address (`12/3456` or `s/JaneSmith`) or the whole address",
        ),
        ContactKind::Researchgate => (
            handle(v, "researchgate.net/profile/").chars().all(name),
            "a ResearchGate profile",
            "write the name in your profile's address (`Jane-Doe`) or the whole address",
        ),
        ContactKind::Mastodon => (
            mastodon(v).is_some_and(|(u, h)| u.chars().all(name) && h.chars().all(name)),
            "a Mastodon account",
            "write the account as `@name@server.social` or `https://server.social/@name`",
        ),
        ContactKind::Bluesky => (
            bluesky(v).contains('.') && bluesky(v).chars().all(name),
            "a Bluesky handle",
            "write the handle (`jane.bsky.social`) or `https://bsky.app/profile/jane.bsky.social`",
        ),
        ContactKind::X => (
            !x_handle(v).is_empty() && x_handle(v).chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "an X user name",
            "write the user name (`jane_doe`, `@jane_doe`) or `https://x.com/jane_doe`",
        ),
        ContactKind::Gitlab => (
            handle(v, "gitlab.com/").chars().all(name),
            "a GitLab user name",
            "write the user name (`jane`) or `https://gitlab.com/jane`; put other sites in `website`",
        ),
        ContactKind::Stackoverflow => (
            handle(v, "stackoverflow.com/users/").split('/').next().is_some_and(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit())),
            "a Stack Overflow user",
            "write the number in your profile's address (`22656`) or the whole address",
        ),
        _ => return None,
    };
    (!ok).then(|| (format!("`{}` is not {what}", crate::diag::clip(v)), hint))
}

/// `0000-0002-1825-0097`: sixteen digits (the last may be X) in four groups of four,
/// the last a checksum (ISO 7064 mod 11-2).
fn is_orcid(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    let ascii = |g: &&str| g.len() == 4 && g.is_ascii();
    if groups.len() != 4 || !groups.iter().all(ascii) {
        return false;
    }
    let digits: Vec<char> = groups.concat().chars().collect();
    let mut total = 0u32;
    for c in &digits[..15] {
        let Some(d) = c.to_digit(10) else {
            return false;
        };
        total = (total + d) * 2;
    }
    let check = (12 - total % 11) % 11;
    let expected = char::from_digit(check, 10).unwrap_or('X');
    digits[15].to_ascii_uppercase() == expected
}

/// A titled part of the CV. A section may open with paragraphs (`text`) and then
/// holds dated entries, publications or one-line items (or a mix, in that order).
#[derive(Debug, Clone)]
pub struct Section {
    /// A stable name for layouts to refer to the section by (defaults to the title).
    pub id: Option<Text>,
    pub title: Text,
    pub text: Option<Text>,
    pub entries: Vec<Entry>,
    pub publications: Vec<Publication>,
    pub items: Vec<ListItem>,
    pub tags: Vec<String>,
}

/// A dated entry: a job, a degree, a post.
#[derive(Debug, Clone)]
pub struct Entry {
    /// A stable name for layouts to refer to the entry by (page breaks, keeps).
    pub id: Option<Text>,
    pub title: Option<Text>,
    pub organisation: Option<Text>,
    pub location: Option<Text>,
    pub url: Option<Text>,
    pub subtitle: Option<Text>,
    pub start: Option<DateField>,
    pub end: Option<DateField>,
    /// Free text shown instead of `start`/`end` ("Summers 2015–17").
    pub date: Option<Text>,
    /// A progression within one organisation: AI Resident » Researcher » …
    pub roles: Vec<Role>,
    /// Paragraphs, separated by blank lines.
    pub text: Option<Text>,
    pub bullets: Vec<Bullet>,
    pub tags: Vec<String>,
}

impl Section {
    /// The name layouts use for a section: its `id`, else its title as plain text.
    pub fn name(&self) -> String {
        self.id
            .as_ref()
            .map_or_else(|| markup::plain(&self.title.value), |t| t.value.clone())
    }
}

impl Entry {
    /// When the entry runs: its own `start` and `end`, or else the span of its
    /// roles (the earliest start, the latest end, whatever order they are listed in).
    pub fn span(&self) -> (Option<Date>, Option<Date>) {
        if self.start.is_some() || self.end.is_some() {
            return (self.start.map(|d| d.date), self.end.map(|d| d.date));
        }
        let dates = |pick: fn(&Role) -> Option<DateField>| {
            self.roles.iter().filter_map(pick).map(|d| d.date)
        };
        let start = dates(|r| r.start).reduce(|a, b| if b.is_before(a) { b } else { a });
        let end = dates(|r| r.end).reduce(|a, b| if a.is_before(b) { b } else { a });
        (start, end)
    }
}

#[derive(Debug, Clone)]
pub struct Role {
    pub title: Text,
    pub start: Option<DateField>,
    pub end: Option<DateField>,
}

/// A bullet: a string, or `{ text = "…", tags = [...] }`.
#[derive(Debug, Clone)]
pub struct Bullet {
    pub text: Text,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Publication {
    pub authors: Vec<Text>,
    pub title: Text,
    pub venue: Option<Text>,
    pub year: Option<DateField>,
    /// Free text for the date column ("ongoing"), instead of `year`.
    pub date: Option<Text>,
    pub url: Option<Text>,
    pub doi: Option<Text>,
    /// "accepted", "PhD thesis", "co-author"…
    pub note: Option<Text>,
    pub selected: bool,
    pub tags: Vec<String>,
}

impl Publication {
    /// The link of the title: the URL, else the DOI's resolver address.
    pub fn link(&self) -> Option<String> {
        if let Some(url) = &self.url {
            return Some(url.value.trim().to_string());
        }
        self.doi.as_ref().map(|doi| {
            let d = doi.value.trim();
            let d = d
                .strip_prefix("https://doi.org/")
                .or_else(|| d.strip_prefix("doi:"))
                .unwrap_or(d);
            format!("https://doi.org/{d}")
        })
    }
}

/// A one-line item: "label: text", optionally dated (a post, an award).
#[derive(Debug, Clone)]
pub struct ListItem {
    pub label: Option<Text>,
    pub text: Text,
    pub url: Option<Text>,
    pub year: Option<DateField>,
    /// Free text for the date column, instead of `year`.
    pub date: Option<Text>,
    pub tags: Vec<String>,
}

/// Read and check a CV. `file` is the id under which `text` was loaded, so that
/// every position in the result can be resolved back to it. Every problem is
/// reported, not only the first.
pub fn parse(file: FileId, text: &str) -> SourceResult<Cv> {
    match parse_partial(file, text) {
        (Some(cv), problems) if problems.is_empty() => Ok(cv),
        (_, problems) => Err(problems),
    }
}

/// [`parse`], and with its problems the CV as far as it could be read (values with
/// problems left out), when the file is TOML with a `[person]`: later stages can
/// then report their own problems in the same run.
pub fn parse_partial(file: FileId, text: &str) -> (Option<Cv>, Vec<Diagnostic>) {
    let root = match reader::parse(file, text) {
        Ok(root) => root,
        Err(problems) => return (None, problems),
    };
    let r = Reader::new();
    let cv = read_cv(&r, &root, file);
    if let Some(cv) = &cv {
        check_links(&r, cv);
    }
    (cv, r.into_problems())
}

fn read_cv(r: &Reader, root: &Node, file: FileId) -> Option<Cv> {
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
    f.done();
    unique_ids(r, &sections);
    Some(Cv {
        person: person?,
        sections,
        file,
    })
}

/// An `id` names one section or one entry: a layout that names it must not be able
/// to mean two.
fn unique_ids(r: &Reader, sections: &[Section]) {
    let ids = sections.iter().flat_map(|s| {
        s.id.iter()
            .chain(s.entries.iter().filter_map(|e| e.id.as_ref()))
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
    f.done();
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
    let title = if f.table_ref().get("title").is_some() {
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
        id: written(&mut f, "id"),
        title: title.unwrap_or_default(),
        text: written(&mut f, "text"),
        entries: tables(&mut f, "entry", "[[section.entry]]")
            .into_iter()
            .filter_map(read_entry)
            .collect(),
        publications: tables(&mut f, "publication", "[[section.publication]]")
            .into_iter()
            .filter_map(read_publication)
            .collect(),
        items: tables(&mut f, "item", "[[section.item]]")
            .into_iter()
            .filter_map(|f| read_item(f, "an item"))
            .collect(),
        tags: f.words("tags").unwrap_or_default(),
    };
    f.done();
    Some(section)
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
        id: written(&mut f, "id"),
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
    f.done();
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
        authors,
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
    f.done();
    no_present_year(r, p.year);
    Some(p)
}

/// An item of a section, or (`what` says which) a line of the header's `extra`.
fn read_item(mut f: Fields, what: &str) -> Option<ListItem> {
    let r = f.r;
    let label = written(&mut f, "label");
    let text = required_text(&mut f, "text", &format!("{what} holds its `text`"));
    let item = ListItem {
        label,
        text: text.unwrap_or_default(),
        url: written(&mut f, "url"),
        year: date(&mut f, "year"),
        date: written(&mut f, "date"),
        tags: f.words("tags").unwrap_or_default(),
    };
    f.done();
    no_present_year(r, item.year);
    Some(item)
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

/// Report every link of the CV that cannot be one (see [`markup::link_problem`]), and
/// phone numbers and DOIs that cannot become links, in the words the user wrote.
fn check_links(r: &Reader, cv: &Cv) {
    for (url, at) in links(cv) {
        if let Some((message, help)) = markup::link_problem(&url) {
            r.report(Diagnostic::error(Code::BadLink, message, Some(at)).with_help(help));
        }
    }
    let bad = |message: String, help: &str, at| {
        r.report(Diagnostic::error(Code::BadLink, message, Some(at)).with_help(help));
    };
    for c in cv.person.contact.iter().filter(|c| c.url.is_none()) {
        if let Some((message, hint)) = profile_problem(c.kind, &c.value.value) {
            bad(message, hint, c.value.at);
        }
    }
    for c in cv
        .person
        .contact
        .iter()
        .filter(|c| c.kind == ContactKind::Phone && c.url.is_none())
    {
        if c.value.value.chars().filter(char::is_ascii_digit).count() < 3 {
            bad(
                format!(
                    "`{}` is not a phone number",
                    crate::diag::clip(&c.value.value)
                ),
                "write the number with its digits, like `+41 21 693 11 11`",
                c.value.at,
            );
        }
    }
    for p in cv.sections.iter().flat_map(|s| &s.publications) {
        if let (Some(doi), None) = (&p.doi, &p.url) {
            if !is_doi(&doi.value) {
                bad(
                    format!("`{}` is not a DOI", crate::diag::clip(&doi.value)),
                    "a DOI looks like `10.1000/xyz123` (a `https://doi.org/…` address is fine too)",
                    doi.at,
                );
            }
        }
    }
}

/// `10.<registrant>/<suffix>`, perhaps as a `doi:` or `https://doi.org/` address.
fn is_doi(doi: &str) -> bool {
    let d = doi.trim();
    let d = d
        .strip_prefix("https://doi.org/")
        .or_else(|| d.strip_prefix("doi:"))
        .unwrap_or(d);
    d.strip_prefix("10.")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(registrant, suffix)| {
            !registrant.is_empty() && !suffix.is_empty() && !d.contains(char::is_whitespace)
        })
}

/// Every link the CV makes, with where it is written.
fn links(cv: &Cv) -> Vec<(String, Origin)> {
    let mut out = Vec::new();
    let mut text = |t: &Text| {
        for (url, index) in markup::links(&t.value) {
            out.push((url, t.at.advanced(index)));
        }
    };
    let p = &cv.person;
    for t in std::iter::once(&p.name)
        .chain(&p.headline)
        .chain(&p.skills)
        .chain(&p.languages)
        .chain(&p.nationality)
    {
        text(t);
    }
    for e in &p.extra {
        text(&e.text);
        e.label.iter().for_each(&mut text);
    }
    for s in &cv.sections {
        text(&s.title);
        s.text.iter().for_each(&mut text);
        for e in &s.entries {
            for t in [
                &e.title,
                &e.organisation,
                &e.location,
                &e.subtitle,
                &e.text,
                &e.date,
            ]
            .into_iter()
            .flatten()
            {
                text(t);
            }
            for role in &e.roles {
                text(&role.title);
            }
            for b in &e.bullets {
                text(&b.text);
            }
        }
        for pb in &s.publications {
            text(&pb.title);
            for t in pb
                .authors
                .iter()
                .chain(&pb.venue)
                .chain(&pb.note)
                .chain(&pb.date)
            {
                text(t);
            }
        }
        for i in &s.items {
            text(&i.text);
            for t in i.label.iter().chain(&i.date) {
                text(t);
            }
        }
    }
    for c in &p.contact {
        // A phone number is checked as one (see `check_links`).
        if c.kind == ContactKind::Phone && c.url.is_none() {
            continue;
        }
        if let Some(link) = c.link() {
            out.push((link, c.url.as_ref().unwrap_or(c.value()).at));
        }
    }
    for e in &p.extra {
        out.extend(e.url.iter().map(|u| (u.value.clone(), u.at)));
    }
    for s in &cv.sections {
        for e in &s.entries {
            out.extend(e.url.iter().map(|u| (u.value.clone(), u.at)));
        }
        for pb in &s.publications {
            // A DOI is checked as one (see `check_links`).
            if let Some(url) = &pb.url {
                out.push((url.value.trim().to_string(), url.at));
            }
        }
        for i in &s.items {
            out.extend(i.url.iter().map(|u| (u.value.clone(), u.at)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> SourceResult<Cv> {
        parse(FileId(0), s)
    }

    fn messages(s: &str) -> Vec<String> {
        parse_str(s).map(|_| Vec::new()).unwrap_or_else(|e| {
            crate::diag::tidy(e)
                .into_iter()
                .map(|d| d.message)
                .collect()
        })
    }

    #[test]
    fn profiles_are_read_without_assuming_ascii_or_case() {
        assert!(is_orcid("0000-0002-1825-0097"));
        assert!(is_orcid("0000-0002-1694-233X"));
        assert!(is_orcid("0000-0002-1694-233x"));
        assert!(!is_orcid("0000-0002-1825-0098"));
        assert!(!is_orcid("0000-0002-1825"));
        // Four bytes but two characters a group: once sliced past its end.
        assert!(!is_orcid("éé-éé-éé-éé"));
        assert!(!is_orcid("٠٠٠٠-٠٠٠٢-١٨٢٥-٠٠٩٧"));
        assert_eq!(
            handle("https://GitHub.com/octocat/", "github.com/"),
            "octocat"
        );
        assert_eq!(
            handle("uk.linkedin.com/in/jane", "linkedin.com/in/"),
            "jane"
        );
        let err = messages("[person]\nname = \"A\"\ncontact = [{ orcid = \"éé-éé-éé-éé\" }]\n");
        assert_eq!(err, ["`éé-éé-éé-éé` is not an ORCID iD"]);
    }

    /// The academic and social profiles: each shown as a reader could type it and
    /// linked where it lives, from a bare name or a whole address; a value that is
    /// not one is an error with the form to write.
    #[test]
    fn research_and_social_profiles_show_and_link_where_they_live() {
        let cases = [
            (
                "dblp",
                "12/3456",
                "dblp.org/pid/12/3456",
                "https://dblp.org/pid/12/3456",
            ),
            (
                "dblp",
                "https://dblp.org/pid/s/JaneSmith",
                "dblp.org/pid/s/JaneSmith",
                "https://dblp.org/pid/s/JaneSmith",
            ),
            (
                "researchgate",
                "Jane-Doe",
                "researchgate.net/profile/Jane-Doe",
                "https://www.researchgate.net/profile/Jane-Doe",
            ),
            (
                "mastodon",
                "@jane@fosstodon.org",
                "@jane@fosstodon.org",
                "https://fosstodon.org/@jane",
            ),
            (
                "mastodon",
                "https://mastodon.social/@kim",
                "@kim@mastodon.social",
                "https://mastodon.social/@kim",
            ),
            (
                "bluesky",
                "jane.bsky.social",
                "@jane.bsky.social",
                "https://bsky.app/profile/jane.bsky.social",
            ),
            (
                "bluesky",
                "https://bsky.app/profile/jane.dev",
                "@jane.dev",
                "https://bsky.app/profile/jane.dev",
            ),
            ("x", "@jane_doe", "x.com/jane_doe", "https://x.com/jane_doe"),
            (
                "x",
                "https://twitter.com/jane_doe",
                "x.com/jane_doe",
                "https://x.com/jane_doe",
            ),
            (
                "gitlab",
                "jane",
                "gitlab.com/jane",
                "https://gitlab.com/jane",
            ),
            (
                "stackoverflow",
                "22656",
                "stackoverflow.com/users/22656",
                "https://stackoverflow.com/users/22656",
            ),
            (
                "stackoverflow",
                "https://stackoverflow.com/users/22656/jon-skeet",
                "stackoverflow.com/users/22656/jon-skeet",
                "https://stackoverflow.com/users/22656/jon-skeet",
            ),
        ];
        for (kind, value, shown, link) in cases {
            let cv = parse_str(&format!(
                "[person]\nname = \"A\"\ncontact = [{{ {kind} = \"{value}\" }}]\n"
            ))
            .unwrap_or_else(|e| panic!("{kind} = {value}: {e:?}"));
            let c = &cv.person.contact[0];
            assert_eq!(
                (c.display().as_str(), c.link().as_deref()),
                (shown, Some(link)),
                "{kind}"
            );
        }
        for (kind, value, what) in [
            ("mastodon", "jane", "a Mastodon account"),
            ("bluesky", "jane", "a Bluesky handle"),
            ("x", "jane doe", "an X user name"),
            ("stackoverflow", "jon-skeet", "a Stack Overflow user"),
            ("gitlab", "gitlab.com/a b", "a GitLab user name"),
        ] {
            let err = messages(&format!(
                "[person]\nname = \"A\"\ncontact = [{{ {kind} = \"{value}\" }}]\n"
            ));
            assert!(
                err.contains(&format!("`{value}` is not {what}")),
                "{kind}: {err:?}"
            );
        }
    }

    #[test]
    fn unknown_key_names_the_nearest_one() {
        let err = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"T\"\nbulets = []\n")
            .unwrap_err();
        assert_eq!(err[0].message, "unknown key `bulets`");
        assert_eq!(err[0].help.as_deref(), Some("did you mean `bullets`?"));
        assert_eq!(err[0].origin.map(|o| o.offset), Some(74));
    }

    #[test]
    fn every_mistake_is_reported_in_one_run_in_the_users_words() {
        let cv = "[person]\nnam = \"B\"\n[[section]]\ntitle = \"X\"\n[[section.publication]]\nauthors = \"A. Author\"\ntitle = \"T\"\nyear = \"20x0\"\n[[section.entry]]\ntitel = \"Y\"\nstart = 2019\nselected = \"yes\"\n";
        assert_eq!(
            messages(cv),
            [
                "missing key `name`: the CV needs the person's name",
                "unknown key `nam`",
                "`authors` must be a list, like `authors = [\"A. Author\", \"B. Author\"]`, not text",
                "`20x0` is not a date: a date is `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `present`",
                "an entry needs a `title`, an `organisation` or `roles`",
                "unknown key `titel`",
                "unknown key `selected`",
            ]
        );
    }

    #[test]
    fn backwards_range_is_an_error() {
        let err = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"T\"\nstart = \"2020\"\nend = \"2019-05\"\n")
            .unwrap_err();
        assert_eq!(err[0].message, "this entry ends before it starts");
        assert_eq!(err[0].code, Code::BadDate);
    }

    #[test]
    fn roles_and_a_title_cannot_both_be_the_title_line() {
        let m = messages("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"Lead\"\nroles = [{ title = \"Engineer\" }]\n");
        assert_eq!(m.len(), 1);
        assert!(
            m[0].starts_with("this entry has both `title` and `roles`"),
            "{m:?}"
        );
    }

    #[test]
    fn a_year_needs_four_digits_from_1000() {
        let m = messages("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.item]]\ntext = \"t\"\nyear = \"0000\"\n[[section.item]]\ntext = \"u\"\nyear = 12\n");
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].contains("the year 0 is not a year of a CV"), "{m:?}");
        assert!(m[1].contains("12 is not a year"), "{m:?}");
    }

    #[test]
    fn unquoted_toml_dates_are_dates() {
        let cv = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"T\"\nstart = 2019-09-01\n").unwrap();
        assert_eq!(
            cv.sections[0].entries[0].start.map(|d| d.date),
            Some(Date::Day(2019, 9, 1))
        );
    }

    #[test]
    fn contacts_have_one_kind() {
        let cv = parse_str("[person]\nname = \"A\"\ncontact = [{ github = \"https://github.com/someone/\" }, { email = \"a@b.c\" }]\n").unwrap();
        assert_eq!(cv.person.contact[0].display(), "github.com/someone");
        assert_eq!(
            cv.person.contact[0].link().as_deref(),
            Some("https://github.com/someone")
        );
        assert_eq!(cv.person.contact[1].link().as_deref(), Some("mailto:a@b.c"));
        let err = parse_str(
            "[person]\nname = \"A\"\ncontact = [{ github = \"x\", email = \"a@b.c\" }]\n",
        )
        .unwrap_err();
        assert!(err[0]
            .message
            .contains("`github` belongs in an item of its own"));
    }

    #[test]
    fn links_must_be_links_and_safe_ones() {
        for good in [
            "https://a.org",
            "http://x.y/z?q=1#f",
            "mailto:a@b.c",
            "tel:+4121000",
            "https://user@host.com:8080/p",
            "http://[::1]:8080/x",
        ] {
            assert_eq!(markup::link_problem(good), None, "{good}");
        }
        for bad in [
            "",
            "www.example.org",
            "https://",
            "https://nohost",
            "mailto:nobody",
            "cv.pdf",
            "#top",
            "https://a b.org",
            "tel:1",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "ftp://example.org/x",
            "https://example.org:99999/",
            "http://[zz]/",
        ] {
            assert!(markup::link_problem(bad).is_some(), "{bad}");
        }
        let long = format!("https://example.org/{}", "a".repeat(2048));
        assert!(markup::link_problem(&long).is_some_and(|(m, _)| m.contains("too long")));
        assert_eq!(markup::link_problem(&long[..2048]), None);
        let err =
            parse_str("[person]\nname = \"A\"\nheadline = \"see [me](www.me.org)\"\n").unwrap_err();
        assert_eq!(err[0].message, "`www.me.org` is not a valid link");
        assert_eq!(err[0].code, Code::BadLink);
        let err = parse_str(
            "[person]\nname = \"A\"\ncontact = [{ label = \"x\", text = \"y\", url = \"javascript:alert(1)\" }]\n",
        )
        .unwrap_err();
        assert!(err[0]
            .message
            .starts_with("`javascript:` links are not allowed"));
    }

    #[test]
    fn bullets_are_strings_or_tables() {
        let cv = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"T\"\nbullets = [\"one\", { text = \"two\", tags = [\"resume\"] }]\n").unwrap();
        let b = &cv.sections[0].entries[0].bullets;
        assert_eq!(b[0].text.value, "one");
        assert_eq!(b[1].tags, vec!["resume".to_string()]);
        let err = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"T\"\nbullets = [{ txt = \"two\" }]\n").unwrap_err();
        let err = crate::diag::tidy(err);
        assert_eq!(
            err[0].message,
            "missing key `text`: a bullet written as a table holds its `text`"
        );
        assert_eq!(err[1].message, "unknown key `txt`");
        assert_eq!(err[1].help.as_deref(), Some("did you mean `text`?"));
    }

    #[test]
    fn control_characters_are_errors_at_their_place() {
        let err = parse_str("[person]\nname = \"A\\u0007B\"\n").unwrap_err();
        assert_eq!(err[0].code, Code::ControlCharacter);
        assert_eq!(err[0].origin.map(|o| (o.offset, o.index)), Some((16, 1)));
    }
}
