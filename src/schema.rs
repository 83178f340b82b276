//! The CV schema: what `cv.toml` may say, read with serde and checked.
//!
//! `cv.toml` says *what* is in the CV, never how it looks. The types here are the
//! model every later stage reads; they carry the position of each string in the file
//! ([`Text::offset`]) so that a problem found much later (a character no font has, a
//! word wider than its column) can still be reported at its line and column.
//!
//! Parsing is two steps: serde builds the types (unknown keys are errors, with the
//! nearest valid key suggested), then [`validate`] checks what serde cannot: dates
//! that exist, ranges that do not run backwards, exactly one kind per contact item.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use crate::diag::{nearest, Diagnostic, FileId, Origin};

/// A string from `cv.toml` and where its literal starts in the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub value: String,
    pub offset: usize,
    /// The file the literal is in, when it is not the CV's own (a section title
    /// given by a layout).
    pub file: Option<FileId>,
}

impl Text {
    /// Where the text starts; `cv_file` is the CV's file id.
    pub fn origin(&self, cv_file: FileId) -> Origin {
        Origin::new(self.file.unwrap_or(cv_file), self.offset)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = toml::Spanned::<String>::deserialize(d)?;
        Ok(Text {
            offset: s.span().start,
            value: s.into_inner(),
            file: None,
        })
    }
}

/// The whole CV.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cv {
    pub person: Person,
    #[serde(default, rename = "section")]
    pub sections: Vec<Section>,
    /// The file this CV was read from (set by [`parse`]).
    #[serde(skip)]
    pub file: FileId,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: Text,
    pub headline: Option<Text>,
    /// Other spellings of the name in author lists ("B. Magalhaes"), set in bold there.
    #[serde(default)]
    pub aliases: Vec<Text>,
    /// A PNG or JPEG, relative to `cv.toml`.
    pub photo: Option<Text>,
    #[serde(default)]
    pub contact: Vec<Contact>,
    pub skills: Option<Text>,
    pub languages: Option<Text>,
    pub nationality: Option<Text>,
    /// Further header lines, each `{ label = "…", text = "…" }`.
    #[serde(default)]
    pub extra: Vec<Item>,
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
    Location,
    Other,
}

impl ContactKind {
    pub fn key(self) -> &'static str {
        match self {
            ContactKind::Email => "email",
            ContactKind::Phone => "phone",
            ContactKind::Website => "website",
            ContactKind::Github => "github",
            ContactKind::Linkedin => "linkedin",
            ContactKind::Scholar => "scholar",
            ContactKind::Orcid => "orcid",
            ContactKind::Location => "location",
            ContactKind::Other => "text",
        }
    }
}

/// One contact item: `{ email = "…" }`, `{ github = "user" }`, … or a free item
/// `{ label = "Skype", text = "bruno.m", url = "skype:bruno.m" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    email: Option<Text>,
    phone: Option<Text>,
    website: Option<Text>,
    github: Option<Text>,
    linkedin: Option<Text>,
    scholar: Option<Text>,
    orcid: Option<Text>,
    location: Option<Text>,
    text: Option<Text>,
    pub label: Option<Text>,
    url: Option<Text>,
    #[serde(skip)]
    kind_and_value: Option<(ContactKind, Text)>,
}

impl Contact {
    pub fn kind(&self) -> ContactKind {
        self.kind_and_value
            .as_ref()
            .map_or(ContactKind::Other, |(k, _)| *k)
    }

    /// What the item says: the address, the user name, the place.
    pub fn value(&self) -> &Text {
        static EMPTY: Text = Text {
            value: String::new(),
            offset: 0,
            file: None,
        };
        self.kind_and_value.as_ref().map_or(&EMPTY, |(_, t)| t)
    }

    /// The text shown in the CV. Profiles are shown as the address a reader could
    /// type (`github.com/brunomaga`), so the line means something on paper and to a
    /// parser, not only as a click target.
    pub fn display(&self) -> String {
        let v = self.value().value.trim();
        match self.kind() {
            ContactKind::Website => strip_scheme(v).trim_end_matches('/').to_string(),
            ContactKind::Github => format!("github.com/{}", handle(v, "github.com/")),
            ContactKind::Linkedin => format!("linkedin.com/in/{}", handle(v, "linkedin.com/in/")),
            ContactKind::Scholar => "Google Scholar".to_string(),
            ContactKind::Orcid => format!("orcid.org/{}", handle(v, "orcid.org/")),
            ContactKind::Other => match &self.label {
                Some(label) => format!("{}: {v}", label.value.trim()),
                None => v.to_string(),
            },
            _ => v.to_string(),
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
            ContactKind::Location | ContactKind::Other => None,
        }
    }
}

fn strip_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

/// `user` from `user`, `https://github.com/user/` or `github.com/user`.
fn handle<'a>(v: &'a str, prefix: &str) -> &'a str {
    let v = strip_scheme(v).trim_start_matches("www.");
    v.strip_prefix(prefix).unwrap_or(v).trim_end_matches('/')
}

/// A titled part of the CV. A section may open with paragraphs (`text`) and then
/// holds dated entries, publications or one-line items (or a mix, in that order).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// A stable name for layouts to refer to the section by (defaults to the title).
    pub id: Option<String>,
    pub title: Text,
    pub text: Option<Text>,
    #[serde(default, rename = "entry")]
    pub entries: Vec<Entry>,
    #[serde(default, rename = "publication")]
    pub publications: Vec<Publication>,
    #[serde(default, rename = "item")]
    pub items: Vec<Item>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A dated entry: a job, a degree, a post.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// A stable name for layouts to refer to the entry by (page breaks, keeps).
    pub id: Option<String>,
    pub title: Option<Text>,
    #[serde(alias = "organization")]
    pub organisation: Option<Text>,
    pub location: Option<Text>,
    pub url: Option<Text>,
    pub subtitle: Option<Text>,
    pub start: Option<DateField>,
    pub end: Option<DateField>,
    /// Free text shown instead of `start`/`end` ("Summers 2015–17").
    pub date: Option<Text>,
    /// A progression within one organisation: AI Resident » Researcher » …
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Paragraphs, separated by blank lines.
    pub text: Option<Text>,
    #[serde(default)]
    pub bullets: Vec<Bullet>,
    #[serde(default)]
    pub tags: Vec<String>,
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BulletTable {
    text: Text,
    #[serde(default)]
    tags: Vec<String>,
}

impl<'de> Deserialize<'de> for Bullet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<StringOr<BulletTable>>::deserialize(d)?;
        let offset = spanned.span().start;
        Ok(match spanned.into_inner() {
            StringOr::String(value) => Bullet {
                text: Text {
                    value,
                    offset,
                    file: None,
                },
                tags: Vec::new(),
            },
            StringOr::Table(t) => Bullet {
                text: t.text,
                tags: t.tags,
            },
        })
    }
}

impl TableForm for BulletTable {
    const EXPECTING: &'static str = "a string or a table with `text` and `tags`";
}

/// A value a file may write either as a string or as a table (a bullet, a font,
/// a section choice). The table is read with its own type, so its unknown keys are
/// reported as anywhere else.
pub enum StringOr<T> {
    String(String),
    Table(T),
}

/// The table form of a [`StringOr`], and what to call the pair in an error.
pub trait TableForm {
    const EXPECTING: &'static str;
}

impl<'de, T: Deserialize<'de> + TableForm> Deserialize<'de> for StringOr<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de> + TableForm> Visitor<'de> for V<T> {
            type Value = StringOr<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(T::EXPECTING)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StringOr<T>, E> {
                Ok(StringOr::String(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<StringOr<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(StringOr::Table)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    #[serde(default)]
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
    #[serde(default)]
    pub selected: bool,
    #[serde(default)]
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
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub label: Option<Text>,
    pub text: Text,
    pub url: Option<Text>,
    pub year: Option<DateField>,
    /// Free text for the date column, instead of `year`.
    pub date: Option<Text>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A calendar date at the precision the user gave, or "present".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Date {
    Year(i32),
    Month(i32, u8),
    Day(i32, u8, u8),
    Present,
}

impl Date {
    /// Parse `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `present`; the error says what is wrong.
    pub fn parse(s: &str) -> Result<Date, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("present") {
            return Ok(Date::Present);
        }
        let form = "a date is `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `present`";
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse::<u32>()
                    .map_err(|_| format!("`{s}` is not a date: {form}"))
            } else {
                Err(format!("`{s}` is not a date: {form}"))
            }
        };
        let year = num(parts[0], 4)? as i32;
        match parts.len() {
            1 => Ok(Date::Year(year)),
            2 | 3 => {
                let month = num(parts[1], 2)?;
                if !(1..=12).contains(&month) {
                    return Err(format!(
                        "`{s}`: month {month} does not exist (months are 01 to 12)"
                    ));
                }
                if parts.len() == 2 {
                    return Ok(Date::Month(year, month as u8));
                }
                let day = num(parts[2], 2)?;
                let last = days_in_month(year, month);
                if day == 0 || day > last {
                    return Err(format!(
                        "`{s}`: day {day} does not exist ({} {year} has {last} days)",
                        crate::dates::month_name_en(month as u8)
                    ));
                }
                Ok(Date::Day(year, month as u8, day as u8))
            }
            _ => Err(format!("`{s}` is not a date: {form}")),
        }
    }

    /// (year, month, day) with missing parts as `None`; `None` for present.
    fn key(self) -> Option<(i32, Option<u8>, Option<u8>)> {
        match self {
            Date::Year(y) => Some((y, None, None)),
            Date::Month(y, m) => Some((y, Some(m), None)),
            Date::Day(y, m, d) => Some((y, Some(m), Some(d))),
            Date::Present => None,
        }
    }

    /// Whether `self` is strictly before `other`, comparing only at the precision
    /// both dates have (so 2019 is not before 2019-05).
    pub fn is_before(self, other: Date) -> bool {
        match (self.key(), other.key()) {
            (_, None) => self != Date::Present,
            (None, Some(_)) => false,
            (Some((y1, m1, d1)), Some((y2, m2, d2))) => {
                if y1 != y2 {
                    return y1 < y2;
                }
                match (m1, m2) {
                    (Some(m1), Some(m2)) if m1 != m2 => m1 < m2,
                    (Some(_), Some(_)) => matches!((d1, d2), (Some(a), Some(b)) if a < b),
                    _ => false,
                }
            }
        }
    }

    pub fn year(self) -> Option<i32> {
        self.key().map(|k| k.0)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A date as written in `cv.toml` (a string, or a bare year as an integer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateField {
    pub date: Date,
    pub offset: usize,
}

impl<'de> Deserialize<'de> for DateField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as \"2019\", \"2019-09\", \"2019-09-01\" or \"present\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                if (1000..=9999).contains(&v) {
                    Ok(Date::Year(v as i32))
                } else {
                    Err(E::custom(format!(
                        "{v} is not a year: a date is `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `present`"
                    )))
                }
            }
        }
        struct DateRepr(Date);
        impl<'de> Deserialize<'de> for DateRepr {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(V).map(DateRepr)
            }
        }
        let s = toml::Spanned::<DateRepr>::deserialize(d)?;
        Ok(DateField {
            offset: s.span().start,
            date: s.into_inner().0,
        })
    }
}

/// Read and check a CV. `file` is the id under which `text` was loaded, so that
/// every position in the result can be resolved back to it.
pub fn parse(file: FileId, text: &str) -> Result<Cv, Vec<Diagnostic>> {
    let mut cv: Cv = toml::from_str(text).map_err(|e| vec![toml_error(file, &e)])?;
    cv.file = file;
    let problems: Vec<Diagnostic> = validate(&mut cv)
        .into_iter()
        .map(|d| {
            if d.code.is_empty() {
                d.with_code("invalid")
            } else {
                d
            }
        })
        .collect();
    if problems.is_empty() {
        Ok(cv)
    } else {
        Err(problems)
    }
}

/// Turn a toml/serde error into a diagnostic; unknown keys get a suggestion.
pub fn toml_error(file: FileId, e: &toml::de::Error) -> Diagnostic {
    let origin = e.span().map(|s| Origin::new(file, s.start));
    let message = e.message().trim().to_string();
    if let Some((key, expected)) = unknown_field(&message) {
        let d = Diagnostic::error(format!("unknown key `{key}`"), origin).with_code("unknown-key");
        return match nearest(&key, expected.iter().map(String::as_str)) {
            Some(near) => d.with_help(format!("did you mean `{near}`?")),
            None => d.with_help(format!(
                "valid keys here: {}",
                expected
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return Diagnostic::error(format!("missing key `{key}`"), origin).with_code("missing-key");
    }
    Diagnostic::error(message, origin).with_code("invalid")
}

/// Parse serde's "unknown field `x`, expected one of `a`, `b`" message.
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((key.to_string(), expected))
}

/// Checks serde cannot make: contact items name one kind, date ranges run forward,
/// required text is not empty.
fn validate(cv: &mut Cv) -> Vec<Diagnostic> {
    let file = cv.file;
    let mut out = Vec::new();
    let at = |offset: usize| Some(Origin::new(file, offset));

    if cv.person.name.value.trim().is_empty() {
        out.push(Diagnostic::error(
            "the person's `name` is empty",
            at(cv.person.name.offset),
        ));
    }
    for c in &mut cv.person.contact {
        let kinds = [
            (ContactKind::Email, &c.email),
            (ContactKind::Phone, &c.phone),
            (ContactKind::Website, &c.website),
            (ContactKind::Github, &c.github),
            (ContactKind::Linkedin, &c.linkedin),
            (ContactKind::Scholar, &c.scholar),
            (ContactKind::Orcid, &c.orcid),
            (ContactKind::Location, &c.location),
            (ContactKind::Other, &c.text),
        ];
        let given: Vec<(ContactKind, &Text)> = kinds
            .iter()
            .filter_map(|(k, t)| t.as_ref().map(|t| (*k, t)))
            .collect();
        match given.as_slice() {
            [(kind, value)] => c.kind_and_value = Some((*kind, (*value).clone())),
            [] => out.push(
                Diagnostic::error(
                    "a contact item needs one of `email`, `phone`, `website`, `github`, `linkedin`, `scholar`, `orcid`, `location` or `text`",
                    c.label.as_ref().or(c.url.as_ref()).and_then(|t| at(t.offset)),
                ),
            ),
            [_, (k2, second), ..] => out.push(
                Diagnostic::error(
                    format!("a contact item holds one thing; `{}` belongs in an item of its own", k2.key()),
                    at(second.offset),
                )
                .with_help("write each item as its own `{ … }` in the `contact` list"),
            ),
        }
    }
    for (url, offset) in links(cv) {
        if !valid_link(&url) {
            out.push(
                Diagnostic::error(format!("`{url}` is not a valid link"), at(offset))
                    .with_help("links need a scheme and a host, such as `https://example.org/page`, or `mailto:name@example.org`")
                    .with_code("bad-link"),
            );
        }
    }
    for section in &cv.sections {
        if section.title.value.trim().is_empty() {
            out.push(Diagnostic::error(
                "a section's `title` is empty",
                at(section.title.offset),
            ));
        }
        for entry in &section.entries {
            check_range(file, entry.start, entry.end, &mut out);
            for role in &entry.roles {
                check_range(file, role.start, role.end, &mut out);
            }
            if entry.title.is_none() && entry.organisation.is_none() && entry.roles.is_empty() {
                let anchor = entry
                    .start
                    .map(|d| d.offset)
                    .or(entry.text.as_ref().map(|t| t.offset))
                    .or(entry.bullets.first().map(|b| b.text.offset));
                out.push(Diagnostic::error(
                    "an entry needs a `title`, an `organisation` or `roles`",
                    anchor.and_then(at),
                ));
            }
        }
        let years = section
            .publications
            .iter()
            .map(|p| p.year)
            .chain(section.items.iter().map(|i| i.year));
        for y in years.flatten().filter(|y| y.date == Date::Present) {
            out.push(Diagnostic::error(
                "a `year` cannot be `present`; write the free text in `date` (`date = \"ongoing\"`)",
                at(y.offset),
            ));
        }
    }
    out
}

/// Whether `url` can be a link in a PDF: `http(s)://host…`, `mailto:` an address,
/// `tel:` a number, or another `scheme:` followed by something.
pub fn valid_link(url: &str) -> bool {
    let url = url.trim();
    if url.is_empty() || url.contains(char::is_whitespace) {
        return false;
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return false;
    }
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" | "ftp" => rest
            .strip_prefix("//")
            .and_then(|r| r.split(['/', '?', '#']).next())
            .is_some_and(|host| {
                let host = host.rsplit('@').next().unwrap_or(host);
                let name = host.split(':').next().unwrap_or(host);
                (name.contains('.') || name == "localhost")
                    && !name.starts_with('.')
                    && !name.ends_with('.')
            }),
        "mailto" => rest
            .split('?')
            .next()
            .is_some_and(|a| a.contains('@') && !a.starts_with('@') && !a.ends_with('@')),
        "tel" => rest.chars().filter(char::is_ascii_digit).count() >= 3,
        _ => !rest.is_empty(),
    }
}

/// Every link the CV makes, with where it is written.
fn links(cv: &Cv) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut text = |t: &Text| {
        for span in crate::markup::parse(&t.value) {
            if let Some(url) = span.link {
                out.push((url, t.offset));
            }
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
    }
    for s in &cv.sections {
        text(&s.title);
        if let Some(t) = &s.text {
            text(t);
        }
        for e in &s.entries {
            for t in [&e.title, &e.organisation, &e.location, &e.subtitle, &e.text]
                .into_iter()
                .flatten()
            {
                text(t);
            }
            for b in &e.bullets {
                text(&b.text);
            }
        }
        for pb in &s.publications {
            text(&pb.title);
            for t in pb.authors.iter().chain(&pb.venue).chain(&pb.note) {
                text(t);
            }
        }
        for i in &s.items {
            text(&i.text);
        }
    }
    for c in &p.contact {
        if let Some(link) = c.link() {
            out.push((link, c.url.as_ref().unwrap_or(c.value()).offset));
        }
    }
    for s in &cv.sections {
        for e in &s.entries {
            out.extend(e.url.iter().map(|u| (u.value.clone(), u.offset)));
        }
        for pb in &s.publications {
            if let Some(link) = pb.link() {
                let at = pb
                    .url
                    .as_ref()
                    .or(pb.doi.as_ref())
                    .map_or(pb.title.offset, |t| t.offset);
                out.push((link, at));
            }
        }
        for i in &s.items {
            out.extend(i.url.iter().map(|u| (u.value.clone(), u.offset)));
        }
    }
    out
}

fn check_range(
    file: FileId,
    start: Option<DateField>,
    end: Option<DateField>,
    out: &mut Vec<Diagnostic>,
) {
    match (start, end) {
        (Some(s), _) if s.date == Date::Present => out.push(Diagnostic::error(
            "`start` cannot be `present`",
            Some(Origin::new(file, s.offset)),
        )),
        (Some(s), Some(e)) if e.date.is_before(s.date) => out.push(Diagnostic::error(
            "this entry ends before it starts",
            Some(Origin::new(file, e.offset)),
        )),
        (None, Some(e)) => out.push(Diagnostic::error(
            "`end` without `start`: add `start`, or write the free text in `date`",
            Some(Origin::new(file, e.offset)),
        )),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Cv, Vec<Diagnostic>> {
        parse(FileId(0), s)
    }

    #[test]
    fn dates_parse_and_validate() {
        assert_eq!(Date::parse("2019"), Ok(Date::Year(2019)));
        assert_eq!(Date::parse("2019-09"), Ok(Date::Month(2019, 9)));
        assert_eq!(Date::parse("2024-02-29"), Ok(Date::Day(2024, 2, 29)));
        assert_eq!(Date::parse("Present"), Ok(Date::Present));
        assert!(Date::parse("2019-13").unwrap_err().contains("month 13"));
        assert!(Date::parse("2023-02-29").unwrap_err().contains("day 29"));
        assert!(Date::parse("19-09").is_err());
        assert!(Date::parse("2019/09").is_err());
    }

    #[test]
    fn ranges_compare_at_common_precision() {
        assert!(Date::Year(2018).is_before(Date::Month(2019, 1)));
        assert!(!Date::Year(2019).is_before(Date::Month(2019, 5)));
        assert!(Date::Month(2019, 4).is_before(Date::Month(2019, 5)));
        assert!(Date::Month(2019, 4).is_before(Date::Present));
        assert!(!Date::Present.is_before(Date::Year(2030)));
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
    fn backwards_range_is_an_error() {
        let err = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"T\"\nstart = \"2020\"\nend = \"2019-05\"\n")
            .unwrap_err();
        assert_eq!(err[0].message, "this entry ends before it starts");
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
    fn links_must_be_links() {
        for good in [
            "https://a.org",
            "http://x.y/z?q=1#f",
            "mailto:a@b.c",
            "tel:+4121000",
            "doi:10.1/x",
            "https://user@host.com:8080/p",
        ] {
            assert!(valid_link(good), "{good}");
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
        ] {
            assert!(!valid_link(bad), "{bad}");
        }
        let err =
            parse_str("[person]\nname = \"A\"\nheadline = \"see [me](www.me.org)\"\n").unwrap_err();
        assert_eq!(err[0].message, "`www.me.org` is not a valid link");
        assert_eq!(err[0].code, "bad-link");
    }

    #[test]
    fn bullets_are_strings_or_tables() {
        let cv = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"T\"\nbullets = [\"one\", { text = \"two\", tags = [\"resume\"] }]\n").unwrap();
        let b = &cv.sections[0].entries[0].bullets;
        assert_eq!(b[0].text.value, "one");
        assert_eq!(b[1].tags, vec!["resume".to_string()]);
        let err = parse_str("[person]\nname = \"A\"\n[[section]]\ntitle = \"X\"\n[[section.entry]]\ntitle = \"T\"\nbullets = [{ txt = \"two\" }]\n").unwrap_err();
        assert_eq!(err[0].message, "unknown key `txt`");
        assert_eq!(err[0].help.as_deref(), Some("did you mean `text`?"));
    }
}
