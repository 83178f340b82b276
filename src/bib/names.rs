//! Authors: the crate's parsed names, printed "Given von Family, Jr", and which of
//! them is the CV's owner.
//!
//! An author is the owner when their family name is the family name of the
//! person's `name` or of one of their `aliases`, and their given names agree with
//! it. Names are compared by [`fold`]: in lower case, without accents (Magalhães =
//! Magalhaes, Łukasz = Lukasz). The person's family name is the part before a
//! comma (`"Doe, Jane"`), else any run of last words ("Ana Luísa Gonçalves" is
//! Gonçalves, or Luísa Gonçalves), which the author's family name (with or without
//! its "von" part: "van der Berg", "de la Cruz") must be. Given names agree word by
//! word as far as both go: a full name only with the same name, an initial ("B.",
//! "Th.") with any name it begins ("Bruno", "Thomas"), so "J. Q. Doe" and "Jane
//! Doe" agree but "John Doe" and "Jane Doe" do not. An author written without given
//! names ("Doe") is the owner only when no other author of the same work has that
//! family name.

use biblatex::{Chunk, Person, Spanned};
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use super::latex;
use crate::diag::Origin;
use crate::markup;
use crate::reader::Text;
use crate::schema::{Author, AuthorMarks, Cv};

/// What author lists print for `and others`.
pub(super) const ET_AL: &str = "et al.";

/// The CV's owner as author lists may write them: each way of splitting each of
/// their names into given names and a family name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Owner {
    names: Vec<Split>,
}

/// A name split into given names and a family name, folded.
#[derive(Debug, Clone, PartialEq)]
struct Split {
    given: Vec<Given>,
    family: Vec<String>,
}

/// One given name, folded, and whether it is written short ("J.", "Th.", "J").
#[derive(Debug, Clone, PartialEq)]
struct Given {
    name: String,
    short: bool,
}

impl Owner {
    /// The owner of a CV whose person is called `name`, or `aliases`.
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Owner {
        let mut splits = Vec::new();
        for written in names {
            let plain = markup::plain(written);
            let (name, _) = AuthorMarks::split(&plain);
            if let Some((family, given)) = name.split_once(',') {
                splits.push(Split {
                    given: given_names(given),
                    family: words(family),
                });
                continue;
            }
            let all: Vec<&str> = name.split_whitespace().collect();
            if all.len() == 1 {
                splits.push(Split {
                    given: Vec::new(),
                    family: words(all[0]),
                });
            }
            for k in 1..all.len() {
                splits.push(Split {
                    given: given_names(&all[..k].join(" ")),
                    family: words(&all[k..].join(" ")),
                });
            }
        }
        Owner { names: splits }
    }
}

/// How an author's name compares with the owner's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Likeness {
    /// Another family name.
    Other,
    /// The owner's family name, with given names that do not agree.
    Namesake,
    /// The owner's family name, without given names.
    FamilyOnly,
    /// The owner's name.
    Owner,
}

/// An author's name in its parts, as plain text without marks.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Name {
    pub given: String,
    pub prefix: String,
    pub family: String,
    pub suffix: String,
    pub marks: AuthorMarks,
}

impl Name {
    pub(super) fn of(person: &Person) -> Name {
        let mut marks = AuthorMarks::default();
        let mut part = |s: &str| {
            let mut text = latex::plain(s);
            // Marks may be superscripts: `Doe$^*$`, `Doe\textsuperscript{\dag}`.
            loop {
                let (bare, m) = AuthorMarks::split(&text);
                let bare = bare.trim_end_matches('^').trim_end();
                marks = marks.with(m);
                if bare.len() == text.len() {
                    break text;
                }
                text = bare.to_string();
            }
        };
        let given = part(&person.given_name);
        let prefix = part(&person.prefix);
        let family = part(&person.name);
        let suffix = part(&person.suffix);
        Name {
            given,
            prefix,
            family,
            suffix,
            marks,
        }
    }

    /// "Given von Family, Jr".
    pub(super) fn printed(&self) -> String {
        let front: Vec<&str> = [&self.given, &self.prefix, &self.family]
            .into_iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        let mut s = front.join(" ");
        if !self.suffix.trim().is_empty() {
            s.push_str(", ");
            s.push_str(self.suffix.trim());
        }
        s
    }

    /// Whether this is BibTeX's `and others`.
    pub(super) fn is_others(&self) -> bool {
        self.given.is_empty()
            && self.prefix.is_empty()
            && self.suffix.is_empty()
            && self.family.eq_ignore_ascii_case("others")
    }

    fn likeness(&self, owner: &Owner) -> Likeness {
        let family = words(&self.family);
        let with_prefix = words(&format!("{} {}", self.prefix, self.family));
        let given = given_names(&self.given);
        let mut best = Likeness::Other;
        for split in &owner.names {
            if split.family.is_empty() || (split.family != family && split.family != with_prefix) {
                continue;
            }
            let likeness = if given.is_empty() {
                Likeness::FamilyOnly
            } else if agree(&given, &split.given) {
                Likeness::Owner
            } else {
                Likeness::Namesake
            };
            best = best.max_by(likeness);
        }
        best
    }
}

impl Likeness {
    fn rank(self) -> u8 {
        match self {
            Likeness::Other => 0,
            Likeness::Namesake => 1,
            Likeness::FamilyOnly => 2,
            Likeness::Owner => 3,
        }
    }

    fn max_by(self, other: Likeness) -> Likeness {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

/// The authors of a work: each name printed, marked, and the owner's found. `at`
/// gives each author's place.
pub(super) fn authors(names: &[Name], owner: &Owner, at: impl Fn(&Name) -> Origin) -> Vec<Author> {
    let likeness: Vec<Likeness> = names.iter().map(|n| n.likeness(owner)).collect();
    let namesakes = likeness.iter().filter(|&&l| l != Likeness::Other).count();
    names
        .iter()
        .zip(&likeness)
        .filter(|(n, _)| !n.printed().is_empty())
        .map(|(name, &l)| {
            let others = name.is_others();
            let printed = if others {
                ET_AL.to_string()
            } else {
                escape(&name.printed())
            };
            Author {
                name: Text {
                    value: printed,
                    at: at(name),
                },
                owner: !others
                    && (l == Likeness::Owner || (l == Likeness::FamilyOnly && namesakes == 1)),
                marks: name.marks,
            }
        })
        .collect()
}

/// Find the owner in the author lists written in `cv.toml`, by the same rules as
/// in a `.bib` file: each name is read as BibTeX reads one ("J. R. de Sá", "Sá,
/// J."), so that one list is not set two ways.
pub(super) fn mark_owner(cv: &mut Cv, owner: &Owner) {
    for section in &mut cv.sections {
        for p in section.bodies_mut().flat_map(|b| &mut b.publications) {
            let names: Vec<Name> = p
                .authors
                .iter()
                .map(|a| {
                    let plain = markup::plain(&a.name.value);
                    Name::of(&Person::parse(&[Spanned::zero(Chunk::Normal(plain))]))
                })
                .collect();
            let likeness: Vec<Likeness> = names.iter().map(|n| n.likeness(owner)).collect();
            let namesakes = likeness.iter().filter(|&&l| l != Likeness::Other).count();
            for (author, l) in p.authors.iter_mut().zip(likeness) {
                author.owner =
                    l == Likeness::Owner || (l == Likeness::FamilyOnly && namesakes == 1);
            }
        }
    }
}

/// Plain text as `cv.toml` markup that prints it as it is.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '[' | ']' | '(' | ')' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether two lists of given names agree word by word, as far as both go: full
/// names the same, a short one the start of the other.
fn agree(a: &[Given], b: &[Given]) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    a.iter().zip(b).all(|(x, y)| match (x.short, y.short) {
        (false, false) => x.name == y.name,
        (true, false) => y.name.starts_with(&x.name),
        (false, true) => x.name.starts_with(&y.name),
        (true, true) => x.name.starts_with(&y.name) || y.name.starts_with(&x.name),
    })
}

/// Given names, folded: "Jean-Pierre" is two, "J.-P." and "J.P." two short ones.
fn given_names(s: &str) -> Vec<Given> {
    let mut out = Vec::new();
    for word in s.split(|c: char| c.is_whitespace() || c == '-' || c == '\u{A0}') {
        for piece in word.split_inclusive('.') {
            let dotted = piece.ends_with('.');
            let name = fold(piece.trim_end_matches('.'));
            if name.is_empty() {
                continue;
            }
            let short = dotted || name.chars().count() == 1;
            out.push(Given { name, short });
        }
    }
    out
}

/// The words of a family name, folded, braces and marks aside.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '\u{A0}')
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect()
}

/// A name as names are compared: lower case, accents and other marks removed, the
/// letters that carry them in themselves (ł, ø, ß, æ, œ, đ, ı) written as the
/// Latin letters they are sorted with, punctuation but hyphens and apostrophes
/// left out.
pub(super) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd().filter(|&c| !is_combining_mark(c)) {
        match c {
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ı' => out.push('i'),
            'ß' | 'ẞ' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            '’' | '\'' | '-' => out.push(c),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}
