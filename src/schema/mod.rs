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

use crate::dates::{Date, DateField};
use crate::diag::{Diagnostic, FileId, SourceResult};
use crate::markup;
use crate::reader::{self, Reader, Text};

mod bibtex;
mod contact;
mod hints;
mod links;
mod read;
#[cfg(test)]
mod tests;

pub use bibtex::{Bibtex, Grouping, Order};
pub use contact::{Contact, ContactKind};
pub(crate) use links::is_doi;

/// The whole CV.
#[derive(Debug, Clone)]
pub struct Cv {
    pub person: Person,
    pub sections: Vec<Section>,
    /// The file this CV was read from.
    pub file: FileId,
}

impl Cv {
    /// The body of every section and group, in order.
    pub fn bodies(&self) -> impl Iterator<Item = &Body> {
        self.sections.iter().flat_map(Section::bodies)
    }
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

/// A titled part of the CV: paragraphs and dated entries, publications or
/// one-line items (its [`Body`]), then groups of them under headings of their own.
#[derive(Debug, Clone)]
pub struct Section {
    /// A stable name for layouts to refer to the section by (defaults to the title).
    pub id: Option<Text>,
    pub title: Text,
    pub body: Body,
    /// Parts with headings of their own ("Journal articles", "Doctoral students"),
    /// after the body.
    pub groups: Vec<Group>,
    pub tags: Vec<String>,
    /// Publications to take from a `.bib` file (the `bib` stage puts them in
    /// `body` or `groups`).
    pub bibtex: Option<Bibtex>,
}

/// What a section or a group holds: opening paragraphs, then entries, publications
/// and items, printed in that order.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub text: Option<Text>,
    pub entries: Vec<Entry>,
    pub publications: Vec<Publication>,
    pub items: Vec<ListItem>,
}

impl Body {
    /// Whether it holds nothing to print.
    pub fn is_empty(&self) -> bool {
        self.text.is_none() && !self.has_list()
    }

    /// Whether it holds entries, publications or items (not only paragraphs).
    pub fn has_list(&self) -> bool {
        !(self.entries.is_empty() && self.publications.is_empty() && self.items.is_empty())
    }
}

/// A part of a section under its own heading: `[[section.group]]`.
#[derive(Debug, Clone)]
pub struct Group {
    pub title: Text,
    pub body: Body,
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
    /// Labelled facts under the title ("Role: PI · Amount: 250,000 EUR"): a
    /// grant's role and amount, a thesis's supervisor.
    pub facts: Vec<Fact>,
    /// Paragraphs, separated by blank lines.
    pub text: Option<Text>,
    pub bullets: Vec<Bullet>,
    pub tags: Vec<String>,
}

impl Section {
    /// The body, then each group's, in order.
    pub fn bodies(&self) -> impl Iterator<Item = &Body> {
        std::iter::once(&self.body).chain(self.groups.iter().map(|g| &g.body))
    }

    /// [`bodies`](Section::bodies), to change.
    pub fn bodies_mut(&mut self) -> impl Iterator<Item = &mut Body> {
        std::iter::once(&mut self.body).chain(self.groups.iter_mut().map(|g| &mut g.body))
    }

    /// Whether it holds nothing to print.
    pub fn is_empty(&self) -> bool {
        self.bodies().all(Body::is_empty)
    }

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
    pub authors: Vec<Author>,
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

/// An author of a publication, as the list writes the name, with the marks
/// after it (`"J. Doe*"`: equal contribution, `"J. Doe†"`: corresponding author).
#[derive(Debug, Clone)]
pub struct Author {
    /// The name without its marks.
    pub name: Text,
    /// Whether this is the CV's owner (set in bold); found by the `bib` stage.
    pub owner: bool,
    pub marks: AuthorMarks,
}

/// The marks an author list may put after a name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuthorMarks {
    /// `*`: contributed equally with the others so marked.
    pub equal: bool,
    /// `†`: the corresponding author.
    pub corresponding: bool,
}

impl AuthorMarks {
    /// The characters that mark each, as author lists print them.
    pub const EQUAL: char = '*';
    pub const CORRESPONDING: char = '†';

    /// `name` without the marks at its end, and the marks.
    pub fn split(name: &str) -> (&str, AuthorMarks) {
        let mut marks = AuthorMarks::default();
        let bare = name.trim_end().trim_end_matches(|c| match c {
            AuthorMarks::EQUAL => {
                marks.equal = true;
                true
            }
            AuthorMarks::CORRESPONDING => {
                marks.corresponding = true;
                true
            }
            _ => false,
        });
        (bare.trim_end(), marks)
    }

    pub fn any(self) -> bool {
        self.equal || self.corresponding
    }

    /// The marks of both.
    pub fn with(self, other: AuthorMarks) -> AuthorMarks {
        AuthorMarks {
            equal: self.equal || other.equal,
            corresponding: self.corresponding || other.corresponding,
        }
    }

    /// The marks as printed after a name: `*`, `†` or `*†`.
    pub fn printed(self) -> String {
        let mut s = String::new();
        if self.equal {
            s.push(AuthorMarks::EQUAL);
        }
        if self.corresponding {
            s.push(AuthorMarks::CORRESPONDING);
        }
        s
    }
}

/// A one-line item: "label: text", optionally dated (a post, an award).
#[derive(Debug, Clone)]
pub struct ListItem {
    pub label: Option<Text>,
    pub text: Text,
    pub url: Option<Text>,
    pub year: Option<DateField>,
    /// A period, instead of `year`.
    pub start: Option<DateField>,
    pub end: Option<DateField>,
    /// Free text for the date column, instead of `year`.
    pub date: Option<Text>,
    /// A label that stands in the date column instead of a date ("Programme
    /// committee"), as moderncv's `\cvitem` sets it.
    pub aside: Option<Text>,
    pub tags: Vec<String>,
}

/// A labelled fact of an entry: "Role: Principal investigator".
#[derive(Debug, Clone)]
pub struct Fact {
    pub label: Text,
    pub text: Text,
}

/// What the reading code asks of `cv.toml`, table by table (see
/// [`reader::probe`]): the source of `cvc schema cv`.
pub fn probe() -> Vec<reader::Described> {
    let r = Reader::probing();
    read::read_cv(&r, reader::probe::root(), FileId(0));
    r.into_described()
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
    let cv = read::read_cv(&r, &root, file);
    (cv, r.into_problems())
}
